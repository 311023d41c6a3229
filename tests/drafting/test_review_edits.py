"""Deciding suggestions (issue 19): applied to the paragraph's current text, refused
rather than misapplied, in any order with the same result."""

from __future__ import annotations

import itertools

from drafting.annotations import Suggestion
from drafting.edits import review as decide
from drafting.letter import Block, Letter, Section, Span

TEXT = "The Mission conducted twelve operations in the north of Mali during the period."


def letter_with(text: str = TEXT, *suggestions: Suggestion) -> Letter:
    block = Block(spans=[Span(text)], id="b1")
    other = Block.from_text("A second paragraph.", id="b2")
    letter = Letter("t", 1, sections=[Section("security", [block, other]),
                                      Section("exit", [Block.from_text("Exit.", id="b3")])])
    letter.suggestions = list(suggestions)
    return letter


def text_suggestion(sid: str, old: str, new: str, text: str = TEXT, author: str = "Ana",
                    occurrence: int = 0) -> Suggestion:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(old, at + 1) if old else text.index(" ", at + 1) + 1
    before, after = decide.context(text, at, at + len(old))
    kind = "insert" if not old else "delete" if not new else "replace"
    return Suggestion(id=sid, kind=kind, section="security", block_id="b1", old=old, new=new,
                      start=at, before=before, after=after, author=author)


def text_of(letter: Letter) -> str:
    return letter.section("security").blocks[0].text


def test_accepting_one_by_one_in_any_order_equals_accepting_all() -> None:
    items = [text_suggestion("a", "conducted", "carried out"),
             text_suggestion("b", "twelve ", ""),
             text_suggestion("c", "", "fifteen ", occurrence=3),
             text_suggestion("d", "north", "north and centre"),
             text_suggestion("e", "period.", "period under review.")]
    expected = decide.accept(letter_with(TEXT, *items), [s.id for s in items])
    everything = expected.apply(letter_with(TEXT, *items))
    assert text_of(everything) == ("The Mission carried out fifteen operations in the north "
                                   "and centre of Mali during the period under review.")
    for order in itertools.permutations("abcde"):
        letter = letter_with(TEXT, *items)
        for sid in order:
            change = decide.accept(letter, [sid])
            assert change.count == 1 and not change.notices, (order, sid, change.notices)
            letter = change.apply(letter)
        assert text_of(letter) == text_of(everything), order


def test_a_suggestion_on_words_the_writer_changed_is_refused_not_misapplied() -> None:
    s = text_suggestion("a", "conducted", "carried out")
    letter = letter_with(TEXT.replace("conducted twelve", "led twelve"), s)
    change = decide.accept(letter, ["a"])
    assert change.count == 0 and change.empty
    assert "no longer in the paragraph" in change.notices[0] and "Ana" in change.notices[0]
    assert letter.suggestions[0].pending


def test_a_suggestion_follows_its_words_when_text_was_added_before_them() -> None:
    s = text_suggestion("a", "north", "far north")
    letter = letter_with("Since January, " + TEXT, s)
    letter = decide.accept(letter, ["a"]).apply(letter)
    assert text_of(letter) == "Since January, " + TEXT.replace("north", "far north")


def test_formatting_survives_an_accepted_replacement() -> None:
    block = Block(spans=[Span("The Mission "), Span("conducted", bold=True),
                         Span(" twelve operations.")], id="b1")
    letter = Letter("t", 1, sections=[Section("security", [block])])
    text = block.text
    at = text.index("conducted")
    before, after = decide.context(text, at, at + 9)
    letter.suggestions = [Suggestion(id="a", kind="replace", section="security", block_id="b1",
                                     old="conducted", new="led", start=at, before=before,
                                     after=after)]
    after_letter = decide.accept(letter, ["a"]).apply(letter)
    spans = after_letter.section("security").blocks[0].spans
    assert [(s.text, s.bold) for s in spans] == [("The Mission ", False), ("led", True),
                                                 (" twelve operations.", False)]


def test_two_reviewers_on_the_same_words_conflict_and_only_one_applies() -> None:
    ana = text_suggestion("a", "twelve", "fifteen", author="Ana")
    ben = text_suggestion("b", "twelve", "thirteen", author="Ben")
    far = text_suggestion("c", "Mali", "the Republic of Mali", author="Ben")
    letter = letter_with(TEXT, ana, ben, far)
    groups = decide.clusters(letter)
    assert [[s.id for s in g] for g in groups] == [["a", "b"], ["c"]]
    change = decide.accept_all(letter)
    assert change.count == 2 and len(change.notices) == 1 and "Ben" in change.notices[0]
    after = change.apply(letter)
    assert "fifteen operations" in text_of(after) and "the Republic of Mali" in text_of(after)
    assert [s.status for s in after.suggestions] == ["accepted", "pending", "accepted"]


def test_rejecting_leaves_the_text_and_all_of_one_reviewer() -> None:
    ana = text_suggestion("a", "twelve", "fifteen", author="Ana")
    ben = text_suggestion("b", "Mali", "the Republic of Mali", author="Ben")
    letter = letter_with(TEXT, ana, ben)
    after = decide.reject_all(letter, "Ben").apply(letter)
    assert text_of(after) == TEXT
    assert [s.status for s in after.suggestions] == ["pending", "rejected"]
    after = decide.accept_all_of(after, "Ana").apply(after)
    assert [s.status for s in after.suggestions] == ["accepted", "rejected"]
    assert decide.reject(after, ["a"]).empty  # decided ones stay decided


def test_new_paragraphs_keep_their_order_whatever_order_they_are_accepted_in() -> None:
    first = Suggestion(id="n1", kind="new_paragraph", section="security", new="One.",
                       anchor="b1", author="Ana")
    second = Suggestion(id="n2", kind="new_paragraph", section="security", new="Two.",
                        anchor="b1", author="Ana")
    start = Suggestion(id="n0", kind="new_paragraph", section="exit", new="Zero.", anchor="")
    letter = letter_with(TEXT, first, second, start)
    later_first = decide.accept(letter, ["n2"]).apply(letter)
    later_first = decide.accept(later_first, ["n1", "n0"]).apply(later_first)
    assert [b.text for b in later_first.section("security").blocks] == \
        [TEXT, "One.", "Two.", "A second paragraph."]
    assert [b.text for b in later_first.section("exit").blocks] == ["Zero.", "Exit."]
    assert later_first.section("security").blocks[1].id == "n1"


def test_deleting_and_moving_paragraphs() -> None:
    gone = Suggestion(id="d", kind="delete_paragraph", section="security", block_id="b2",
                      old="A second paragraph.")
    moved = Suggestion(id="m", kind="move_paragraph", section="exit", block_id="b1",
                       anchor="b3")
    letter = letter_with(TEXT, gone, moved)
    after = decide.accept_all(letter).apply(letter)
    assert after.section("security").blocks == []
    assert [b.id for b in after.section("exit").blocks] == ["b3", "b1"]
    # a paragraph rewritten since the review is not deleted
    letter = letter_with(TEXT, gone)
    letter.section("security").blocks[1].set_text("A second paragraph, rewritten.")
    change = decide.accept(letter, ["d"])
    assert change.count == 0 and "changed since the review" in change.notices[0]


def test_undo_data_is_exact() -> None:
    items = [text_suggestion("a", "twelve", "fifteen"), text_suggestion("b", "Mali", "MALI")]
    letter = letter_with(TEXT, *items)
    before = letter.to_dict()
    change = decide.accept(letter, ["a"])
    after = change.apply(letter.copy())
    assert change.revert(after).to_dict() == before


def test_locate_needs_the_same_surroundings() -> None:
    s = text_suggestion("a", "the", "a")  # "the north"
    assert decide.locate(TEXT, s) == (TEXT.index("the north"), TEXT.index("the north") + 3)
    moved = "In the north. " + TEXT
    at = decide.locate(moved, s)
    assert at is not None and moved[at[0]:at[0] + 9] == "the north" and at[0] > 14
    assert decide.locate("Nothing alike.", s) is None
