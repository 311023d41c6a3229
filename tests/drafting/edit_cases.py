"""One case per edit function of `drafting.edits`, shared by the domain tests
(`test_edits.py`), the session tests (`tests/ui/test_session_edits.py`) and the
CLI tests: each runs the same case its own way and must reach the same letter.

A case builds a starting letter, makes the change with the domain function,
and says what must hold afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from drafting import edits, paths
from drafting.annotations import Comment, Review, Suggestion
from drafting.edits import Change, TextMatch
from drafting.findings import Finding, Fix
from drafting.letter import UNASSIGNED, Block, Letter, Section
from drafting.templates.catalog import get_template
from drafting.templates.model import Template

TEMPLATE_ID = "minusma-six-monthly"


def template() -> Template:
    return get_template(TEMPLATE_ID)


def sample() -> Letter:
    data = json.loads((paths.samples_dir() / "minusma-six-monthly.en.json").read_text("utf-8"))
    return Letter.from_dict(data)


def _first(letter: Letter, section: str) -> Block:
    return letter.section(section).blocks[0]


def _with_carried(letter: Letter) -> Letter:
    for _sid, _i, block in letter.iter_blocks():
        if block.text.strip() and not block.boilerplate:
            block.carried = True
    return letter


def _with_unassigned(letter: Letter) -> Letter:
    letter.unassigned = [Block.from_text("A paragraph the import could not place."),
                         Block.from_text("Another one about rotations in Gao.")]
    return letter


@dataclass(frozen=True)
class EditCase:
    """`start()` gives the letter; `make(letter, template)` the change (it must not
    touch the letter); `check(before, after)` what must hold once it is applied."""

    name: str
    start: Callable[[], Letter]
    make: Callable[[Letter, Template], Change]
    check: Callable[[Letter, Letter], None]


def _typed(letter: Letter, _t: Template) -> Change:
    blocks = list(letter.section("security").blocks)
    new = Block.from_text(blocks[0].text + " Patrols doubled around Ménaka.")
    new.id = blocks[0].id
    blocks[0] = new
    return edits.edit_section(letter, "security", blocks)


def _check_typed(before: Letter, after: Letter) -> None:
    assert _first(after, "security").text.endswith("Patrols doubled around Ménaka.")
    assert _first(after, "security").id == _first(before, "security").id
    assert after.section("rotation").blocks == before.section("rotation").blocks


def _double_space() -> Letter:
    letter = sample()
    block = _first(letter, "security")
    block.spans[0].text = "Two  spaces here. " + block.spans[0].text
    return letter


def _fix(letter: Letter, _t: Template) -> Change:
    block = _first(letter, "security")
    finding = Finding("typography.double_space", "warning", "Double space",
                      section="security", paragraph=0, block_id=block.id,
                      fix=Fix(block.id, 3, 2, " "))
    return edits.apply_fixes(letter, [finding])


def _check_fix(_before: Letter, after: Letter) -> None:
    assert _first(after, "security").text.startswith("Two spaces here. ")


def _replace_one(letter: Letter, _t: Template) -> Change:
    [match] = [m for m in edits.find_all(letter, "MINUSMA") if m.section == "security"][:1]
    return edits.replace_match(letter, TextMatch(match.section, match.block_index,
                                                 match.start, match.end), "the Mission")


def _check_replace_one(before: Letter, after: Letter) -> None:
    count = sum(b.text.count("MINUSMA") for b in after.section("security").blocks)
    was = sum(b.text.count("MINUSMA") for b in before.section("security").blocks)
    assert count == was - 1


def _replace_all(letter: Letter, _t: Template) -> Change:
    return edits.replace_all(letter, "MINUSMA", "the Mission", whole_word=True)


def _check_replace_all(before: Letter, after: Letter) -> None:
    assert not edits.find_all(after, "MINUSMA", whole_word=True)
    assert edits.find_all(before, "MINUSMA", whole_word=True)


def _move(letter: Letter, _t: Template) -> Change:
    return edits.move_blocks(letter, [letter.unassigned[1].id], "rotation", at=0)


def _check_move(before: Letter, after: Letter) -> None:
    assert _first(after, "rotation").id == before.unassigned[1].id
    assert [b.id for b in after.unassigned] == [before.unassigned[0].id]


def _confirm(letter: Letter, _t: Template) -> Change:
    return edits.confirm(letter, "exit.plan", [_first(letter, "exit").id])


def _check_confirm(before: Letter, after: Letter) -> None:
    assert _first(before, "exit").id not in before.confirmed_blocks("exit.plan")
    assert after.confirmed_blocks("exit.plan") == [
        *before.confirmed_blocks("exit.plan"), _first(before, "exit").id]


def _confirmed() -> Letter:
    letter = sample()
    letter.confirm("perf.rotation", _first(letter, "rotation").id)
    return letter


def _confirm_suggested(letter: Letter, template: Template) -> Change:
    from drafting.checks import run_checks

    return edits.confirm_suggested(letter, run_checks(letter, template).requirements)


def _check_confirm_suggested(before: Letter, after: Letter) -> None:
    from drafting.checks import run_checks

    result = run_checks(after, template())
    assert not [r for r in result.requirements if r.source == "detected"]
    assert len(after.confirmations) > len(before.confirmations)


def _unconfirm(letter: Letter, _t: Template) -> Change:
    return edits.unconfirm(letter, "perf.rotation")


def _check_unconfirm(_before: Letter, after: Letter) -> None:
    assert after.confirmed_blocks("perf.rotation") == []


def _confirm_carried(letter: Letter, _t: Template) -> Change:
    return edits.confirm_carried(letter, [_first(letter, "security").id])


def _check_confirm_carried(_before: Letter, after: Letter) -> None:
    assert not _first(after, "security").carried
    assert all(b.carried for b in after.section("rotation").blocks if b.text.strip())


def _confirm_all_carried(letter: Letter, _t: Template) -> Change:
    return edits.confirm_all_carried(letter, "rotation")


def _check_confirm_all_carried(_before: Letter, after: Letter) -> None:
    assert not any(b.carried for b in after.section("rotation").blocks)
    assert _first(after, "security").carried


def _rewrite_carried(letter: Letter, _t: Template) -> Change:
    blocks = list(letter.section("rotation").blocks)
    new = Block.from_text("Rotations resumed in May after the pause.", carried=True)
    new.id = blocks[0].id
    blocks[0] = new
    return edits.edit_section(letter, "rotation", blocks)


def _check_rewrite_carried(_before: Letter, after: Letter) -> None:
    # rewriting clears the carried-over mark: the text is this period's now
    assert not _first(after, "rotation").carried


def _fill(letter: Letter, _t: Template) -> Change:
    blocks = [Block.from_text("The Force contributed this paragraph on rotations."),
              Block.from_text("A second contributed paragraph.")]
    return edits.fill_section(letter, "rotation", blocks, "force.txt", append=True)


def _check_fill(before: Letter, after: Letter) -> None:
    texts = [b.text for b in after.section("rotation").blocks]
    assert texts[:len(before.section("rotation").blocks)] == [
        b.text for b in before.section("rotation").blocks]
    assert texts[-1] == "A second contributed paragraph."


def _no_opening() -> Letter:
    letter = sample()
    letter.section("opening").blocks = []
    return letter


def _boilerplate(letter: Letter, template: Template) -> Change:
    return edits.insert_boilerplate(letter, template, "opening")


def _check_boilerplate(_before: Letter, after: Letter) -> None:
    blocks = after.section("opening").blocks
    assert blocks and all(b.boilerplate for b in blocks)


def _metadata(letter: Letter, template: Template) -> Change:
    return edits.set_metadata(letter, template, "period_end", date(2020, 12, 31))


def _check_metadata(_before: Letter, after: Letter) -> None:
    assert after.metadata.period_end == date(2020, 12, 31)


def _new_letter() -> Letter:
    from drafting.templates.catalog import create_letter

    return create_letter(template(), "en", symbol="S/2020/481", date=date(2020, 6, 1))


def _period(letter: Letter, template: Template) -> Change:
    return edits.set_period(letter, template, "period_start", date(2019, 12, 1))


def _check_period(before: Letter, after: Letter) -> None:
    assert after.metadata.period_start == date(2019, 12, 1)
    opening = after.section("opening").blocks[-1].text
    assert "from 1 December 2019 to [end date]." in opening
    assert "[start date]" in before.section("opening").blocks[-1].text


def _language(letter: Letter, template: Template) -> Change:
    return edits.set_metadata(letter, template, "language", "fr")


def _check_language(before: Letter, after: Letter) -> None:
    assert after.metadata.language == "fr"
    assert after.metadata.closing != before.metadata.closing  # follows the language


def _older_template() -> Letter:
    letter = sample()
    letter.template_version = template().version - 1
    letter.sections.append(Section("retired", [Block.from_text("Old text.")],
                                   heading="Retired section"))
    return letter


def _migration(letter: Letter, template: Template) -> Change:
    return edits.migrate(letter, template)


def _check_migration(_before: Letter, after: Letter) -> None:
    assert "retired" not in after.section_ids()
    assert "Old text." in [b.text for b in after.unassigned]


def _in_conflict() -> Letter:
    """The sample after a merge in which both copies changed the same paragraph."""
    from drafting.merging import merge_letters

    base = sample()
    ours, theirs = base.copy(), base.copy()
    ours.section("security").blocks[1].set_text("Bamako's version.")
    theirs.section("security").blocks[1].set_text("New York's version.")
    theirs.metadata.symbol, ours.metadata.symbol = "S/2020/502", "S/2020/500"
    return merge_letters(base, ours, theirs, other="ny.missive").letter


def _resolve_theirs(letter: Letter, _t: Template) -> Change:
    block = next(c for c in letter.conflicts if c.kind == "block")
    return edits.resolve_conflict(letter, block.id, "theirs")


def _check_resolve_theirs(before: Letter, after: Letter) -> None:
    assert after.section("security").blocks[1].text == "New York's version."
    assert [c.kind for c in before.conflicts] == ["metadata", "block"]
    assert [c.kind for c in after.conflicts] == ["metadata"]


def _resolve_all(letter: Letter, _t: Template) -> Change:
    return edits.resolve_conflicts(letter, [c.id for c in letter.conflicts], "theirs")


def _check_resolve_all(_before: Letter, after: Letter) -> None:
    assert after.section("security").blocks[1].text == "New York's version."
    assert after.metadata.symbol == "S/2020/502" and after.conflicts == []


# -- reviewers' suggestions and comments (issue 19) -------------------------------------

def _reviewed() -> Letter:
    letter = sample()
    first = _first(letter, "security")
    text = first.text
    at = text.index("political")
    letter.suggestions = [
        Suggestion(id="s-rep", kind="replace", section="security", block_id=first.id,
                   old="political", new="politico-military", start=at,
                   before=text[max(0, at - 24):at], after=text[at + 9:at + 33], author="Ana"),
        Suggestion(id="s-new", kind="new_paragraph", section="security", new="Added by Ben.",
                   anchor=first.id, author="Ben"),
    ]
    letter.comments = [Comment(id="c-1", text="Source?", author="Ana", section="security",
                               block_id=first.id, quote="political")]
    letter.reviews = [Review(id="r-1", name="copy.docx", reviewers=["Ana", "Ben"])]
    return letter


def _accept(letter: Letter, _t: Template) -> Change:
    return edits.accept_suggestions(letter, ["s-rep"])


def _check_accept(before: Letter, after: Letter) -> None:
    assert "politico-military" in _first(after, "security").text
    assert [s.status for s in after.suggestions] == ["accepted", "pending"]


def _accept_all(letter: Letter, _t: Template) -> Change:
    return edits.accept_all_suggestions(letter, "Ben")


def _check_accept_all(before: Letter, after: Letter) -> None:
    blocks = after.section("security").blocks
    assert blocks[1].text == "Added by Ben." and blocks[1].id == "s-new"
    assert len(blocks) == len(before.section("security").blocks) + 1
    assert [s.status for s in after.suggestions] == ["pending", "accepted"]


def _reject(letter: Letter, _t: Template) -> Change:
    return edits.reject_suggestions(letter, ["s-rep"])


def _check_reject(before: Letter, after: Letter) -> None:
    assert _first(after, "security").text == _first(before, "security").text
    assert after.suggestions[0].status == "rejected"


def _reject_all(letter: Letter, _t: Template) -> Change:
    return edits.reject_all_suggestions(letter)


def _check_reject_all(before: Letter, after: Letter) -> None:
    assert [s.status for s in after.suggestions] == ["rejected", "rejected"]
    assert [b.text for b in after.section("security").blocks] == \
        [b.text for b in before.section("security").blocks]


def _reply(letter: Letter, _t: Template) -> Change:
    return edits.reply_comment(letter, "c-1", "From the Force's report.", "Writer",
                               when="2020-05-06T09:00:00Z")


def _check_reply(_before: Letter, after: Letter) -> None:
    reply = after.comments[-1]
    assert (reply.parent, reply.origin, reply.text) == ("c-1", "writer",
                                                        "From the Force's report.")
    assert reply.block_id == after.comments[0].block_id


def _resolve(letter: Letter, _t: Template) -> Change:
    return edits.resolve_comment(letter, "c-1")


def _check_resolve(_before: Letter, after: Letter) -> None:
    assert after.comments[0].resolved


def _add_review(letter: Letter, _t: Template) -> Change:
    review = Review(id="r-2", name="second.docx", reviewers=["Cy"])
    s = Suggestion(id="s-cy", kind="delete_paragraph", section="exit",
                   block_id=_first(letter, "exit").id, old=_first(letter, "exit").text,
                   author="Cy")
    return edits.add_review(letter, review, [s], [Comment(id="c-cy", text="Too long.",
                                                          author="Cy")], "Review by Cy")


def _check_add_review(before: Letter, after: Letter) -> None:
    assert [r.id for r in after.reviews] == ["r-1", "r-2"]
    assert after.suggestions[-1].id == "s-cy" and after.comments[-1].id == "c-cy"
    assert after.to_dict()["sections"] == before.to_dict()["sections"]  # the text waits


CASES = [
    EditCase("edit_section", sample, _typed, _check_typed),
    EditCase("apply_fixes", _double_space, _fix, _check_fix),
    EditCase("replace_match", sample, _replace_one, _check_replace_one),
    EditCase("replace_all", sample, _replace_all, _check_replace_all),
    EditCase("move_blocks", lambda: _with_unassigned(sample()), _move, _check_move),
    EditCase("confirm", sample, _confirm, _check_confirm),
    EditCase("confirm_suggested", sample, _confirm_suggested, _check_confirm_suggested),
    EditCase("unconfirm", _confirmed, _unconfirm, _check_unconfirm),
    EditCase("confirm_carried", lambda: _with_carried(sample()), _confirm_carried,
             _check_confirm_carried),
    EditCase("confirm_all_carried", lambda: _with_carried(sample()), _confirm_all_carried,
             _check_confirm_all_carried),
    EditCase("clear_rewritten", lambda: _with_carried(sample()), _rewrite_carried,
             _check_rewrite_carried),
    EditCase("fill_section", sample, _fill, _check_fill),
    EditCase("insert_boilerplate", _no_opening, _boilerplate, _check_boilerplate),
    EditCase("set_metadata", sample, _metadata, _check_metadata),
    EditCase("set_metadata_language", sample, _language, _check_language),
    EditCase("set_period", _new_letter, _period, _check_period),
    EditCase("migrate", _older_template, _migration, _check_migration),
    EditCase("resolve_conflict", _in_conflict, _resolve_theirs, _check_resolve_theirs),
    EditCase("resolve_conflicts", _in_conflict, _resolve_all, _check_resolve_all),
    EditCase("accept_suggestions", _reviewed, _accept, _check_accept),
    EditCase("accept_all_suggestions", _reviewed, _accept_all, _check_accept_all),
    EditCase("reject_suggestions", _reviewed, _reject, _check_reject),
    EditCase("reject_all_suggestions", _reviewed, _reject_all, _check_reject_all),
    EditCase("reply_comment", _reviewed, _reply, _check_reply),
    EditCase("resolve_comment", _reviewed, _resolve, _check_resolve),
    EditCase("add_review", _reviewed, _add_review, _check_add_review),
]

__all__ = ["CASES", "UNASSIGNED", "EditCase", "sample", "template"]
