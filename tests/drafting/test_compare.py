"""Comparing two letters: block alignment, word-level operations, summaries."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.compare import (
    BlockDiff,
    align_blocks,
    compare_letters,
    diff_stats,
    render_inline_text,
    tokenize,
    word_ops,
)
from drafting.letter import Block, Letter, Section

OPS_TEXT = st.text(
    alphabet=st.sampled_from(list("ab cdé,.’\u00a0\u202f\t\n-[]1209")), max_size=60
)


def old_side(ops: list[tuple[str, str]]) -> str:
    return "".join(text for op, text in ops if op != "insert")


def new_side(ops: list[tuple[str, str]]) -> str:
    return "".join(text for op, text in ops if op != "delete")


def letter(sections: dict[str, list[Block]], **meta: object) -> Letter:
    out = Letter("minusma-six-monthly", 1, sections=[Section(k, v) for k, v in sections.items()])
    for name, value in meta.items():
        setattr(out.metadata, name, value)
    return out


def para(text: str, block_id: str | None = None) -> Block:
    return Block.from_text(text, id=block_id) if block_id else Block.from_text(text)


# -- words -------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(OPS_TEXT, OPS_TEXT)
def test_word_ops_reproduce_both_texts_exactly(old: str, new: str) -> None:
    ops = word_ops(old, new)
    assert old_side(ops) == old
    assert new_side(ops) == new
    assert all(text for _op, text in ops), "no empty operations"
    assert all(op in ("equal", "insert", "delete") for op, _text in ops)


@settings(max_examples=200, deadline=None)
@given(OPS_TEXT)
def test_tokens_join_back_to_the_text(text: str) -> None:
    assert "".join(tokenize(text)) == text


def test_changed_sentence_gives_word_changes_not_a_whole_rewrite() -> None:
    old = "La MINUSMA a mené 12 opérations dans le nord du Mali."
    new = "La MINUSMA a mené 15 opérations conjointes dans le centre et le nord du Mali."
    ops = word_ops(old, new)
    assert ("delete", "12") in ops
    assert ("insert", "15") in ops
    inserted = " ".join(text for op, text in ops if op == "insert")
    assert "conjointes" in inserted and "centre et" in inserted
    # the untouched words stay equal
    assert ops[0] == ("equal", "La MINUSMA a mené ")
    assert ops[-1][0] == "equal" and ops[-1][1].endswith("nord du Mali.")


def test_changes_separated_by_a_space_are_merged() -> None:
    ops = word_ops("the old report", "a new report")
    assert ops == [("delete", "the old"), ("insert", "a new"), ("equal", " report")]


def test_an_inserted_word_starts_at_a_word_boundary() -> None:
    ops = word_ops("the north of Mali", "the centre and north of Mali")
    assert ops == [("equal", "the "), ("insert", "centre and "), ("equal", "north of Mali")]


def test_equal_texts_give_one_equal_operation() -> None:
    assert word_ops("Gao", "Gao") == [("equal", "Gao")]
    assert word_ops("", "") == []


# -- blocks ------------------------------------------------------------------


def test_blocks_align_by_id_inserted_deleted_changed() -> None:
    old = [para("First paragraph stays.", "a"), para("Second one goes away.", "b"),
           para("Third paragraph with 12 patrols.", "c")]
    new = [para("First paragraph stays.", "a"), para("Third paragraph with 14 patrols.", "c"),
           para("A brand new closing thought.", "d")]
    diffs = align_blocks(old, new)
    assert [d.kind for d in diffs] == ["equal", "deleted", "changed", "inserted"]
    assert (diffs[1].old_id, diffs[1].new_id) == ("b", None)
    assert diffs[1].ops == [("delete", "Second one goes away.")]
    assert (diffs[2].old_id, diffs[2].new_id) == ("c", "c")
    assert ("delete", "12") in diffs[2].ops and ("insert", "14") in diffs[2].ops
    assert diffs[3].ops == [("insert", "A brand new closing thought.")]
    assert diffs[0].ops == []


def test_id_match_wins_over_text_similarity() -> None:
    # same id, wholly rewritten: still the same block, "changed"
    diffs = align_blocks([para("Alpha beta gamma.", "x")], [para("Something else.", "x")])
    assert [d.kind for d in diffs] == ["changed"]


def test_blocks_without_common_ids_align_by_similarity() -> None:
    # as after an import of the previous letter, or a `fill`: every id is new
    old = [
        para("La Force a conduit 12 opérations dans la région de Mopti."),
        para("Les contingents ont été relevés selon le calendrier prévu."),
        para("Ce paragraphe a disparu de la nouvelle version."),
    ]
    new = [
        para("Un paragraphe entièrement nouveau sur la coordination."),
        para("La Force a conduit 15 opérations dans la région de Mopti et de Ségou."),
        para("Les contingents ont été relevés selon le calendrier prévu."),
    ]
    diffs = align_blocks(old, new)
    kinds = [d.kind for d in diffs]
    assert kinds == ["inserted", "changed", "equal", "deleted"]
    changed = diffs[1]
    assert changed.old_text.startswith("La Force a conduit 12")
    assert old_side(changed.ops) == changed.old_text
    assert new_side(changed.ops) == changed.new_text
    assert ("delete", "12") in changed.ops
    assert diffs[0].new_text.startswith("Un paragraphe entièrement")
    assert diffs[3].old_text.startswith("Ce paragraphe a disparu")


def test_unrelated_paragraphs_are_not_paired() -> None:
    diffs = align_blocks([para("Rotation des contingents.")], [para("Plan de sortie à long terme.")])
    assert [d.kind for d in diffs] == ["deleted", "inserted"]


def test_blank_blocks_are_left_out() -> None:
    diffs = align_blocks([para("Texte."), para("   ")], [para("Texte."), para("")])
    assert len(diffs) == 1 and diffs[0].kind == "equal"


# -- letters -----------------------------------------------------------------


def test_compare_letters_sections_by_id_and_metadata() -> None:
    old = letter(
        {"opening": [para("Opening text.", "o")],
         "security": [para("Security was poor in 2019.", "s1")],
         "rotation": [para("Rotation went as planned.", "r1")]},
        symbol="S/2019/983", date=date(2019, 12, 1),
    )
    new = letter(
        {"opening": [para("Opening text.", "o")],
         "security": [para("Security remained poor in 2020.", "s1")],
         "framework": [para("The framework was updated.", "f1")]},
        symbol="S/2020/481", date=date(2020, 6, 1),
    )
    diff = compare_letters(old, new)
    # new order, the old-only section after the one before it in the old letter
    assert [s.id for s in diff.sections] == ["opening", "security", "rotation", "framework"]
    assert not diff.section("opening").changed
    assert [b.kind for b in diff.section("security").blocks] == ["changed"]
    assert [b.kind for b in diff.section("rotation").blocks] == ["deleted"]
    assert [b.kind for b in diff.section("framework").blocks] == ["inserted"]
    changes = {c.name: (c.old, c.new) for c in diff.metadata}
    assert changes["symbol"] == ("S/2019/983", "S/2020/481")
    assert changes["date"] == ("2019-12-01", "2020-06-01")
    assert diff.changed


def test_identical_letters_have_no_changes() -> None:
    one = letter({"security": [para("Nothing new.", "a")]})
    diff = compare_letters(one, one.copy())
    assert not diff.changed
    assert render_inline_text(diff) == "No differences."


def test_unassigned_text_is_compared_too() -> None:
    old = letter({"security": []})
    new = old.copy()
    new.unassigned.append(para("Text the import could not place."))
    diff = compare_letters(old, new)
    assert [b.kind for b in diff.section("unassigned").blocks] == ["inserted"]


def test_stats_and_inline_text() -> None:
    old = letter({"security": [para("The Mission conducted 12 operations.", "a"),
                               para("An old remark.", "b")]})
    new = letter({"security": [para("The Mission conducted 15 joint operations.", "a"),
                               para("A fresh remark on patrols.", "c")]})
    new.section("security").heading = "Security"
    diff = compare_letters(old, new)
    stats = diff_stats(diff)
    # the remarks share too few words to be one paragraph rewritten
    assert (stats["changed"], stats["deleted"], stats["inserted"], stats["equal"]) == (1, 1, 1, 0)
    assert stats["words_added"] == 2 + 5 and stats["words_removed"] == 1 + 3
    assert stats["sections_changed"] == 1
    text = render_inline_text(diff)
    assert "== Security ==" in text
    assert "The Mission conducted [-12-]{+15 joint+} operations." in text
    assert text.count("\n") >= 2
    named = render_inline_text(diff, heading=lambda sid: sid.upper())
    assert "== SECURITY ==" in named


def test_block_diff_word_counts() -> None:
    d = BlockDiff("changed", "a b", "a c d", [("equal", "a "), ("delete", "b"),
                                            ("insert", "c d")])
    assert (d.words_added, d.words_removed) == (2, 1)
