"""The three-way merge of letters (issue 20), as pure functions: what merges
silently, what conflicts, where new paragraphs go, and how a conflict ends."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from drafting import edits
from drafting.annotations import Comment, Suggestion
from drafting.checks import run_checks
from drafting.letter import UNASSIGNED, Block, Letter
from drafting.merging import MergeError, insert_anchored, merge_letters, merge_records
from drafting.templates.migration import migrate_letter
from tests.drafting.edit_cases import sample, template


def texts(letter: Letter, section: str) -> list[str]:
    return [b.text for b in letter.section(section).blocks]


def edit(letter: Letter, section: str, index: int, text: str) -> Letter:
    """`letter` with one paragraph rewritten as the editor would (marks settle)."""
    blocks = list(letter.section(section).blocks)
    blocks[index] = replace(Block.from_text(text, kind=blocks[index].kind), id=blocks[index].id)
    return edits.edit_section(letter, section, blocks).apply(letter)


def insert(letter: Letter, section: str, at: int, *new: str) -> Letter:
    blocks = list(letter.section(section).blocks)
    blocks[at:at] = [Block.from_text(t) for t in new]
    return edits.edit_section(letter, section, blocks).apply(letter)


def delete(letter: Letter, section: str, index: int) -> Letter:
    blocks = list(letter.section(section).blocks)
    del blocks[index]
    return edits.edit_section(letter, section, blocks).apply(letter)


def three() -> tuple[Letter, Letter, Letter]:
    base = sample()
    return base, base.copy(), base.copy()


def test_changes_to_different_sections_merge_without_conflict() -> None:
    base, ours, theirs = three()
    ours = edit(ours, "security", 0, "Bamako rewrote the security paragraph.")
    theirs = edit(theirs, "framework", 1, "New York rewrote the framework paragraph.")
    theirs = insert(theirs, "rotation", 1, "A new paragraph after the first rotation one.",
                    "And a second one right after it.")
    result = merge_letters(base, ours, theirs, other="ny.missive")
    assert result.clean and result.letter.conflicts == []
    merged = result.letter
    assert texts(merged, "security")[0] == "Bamako rewrote the security paragraph."
    assert texts(merged, "framework")[1] == "New York rewrote the framework paragraph."
    assert texts(merged, "rotation") == [
        texts(base, "rotation")[0], "A new paragraph after the first rotation one.",
        "And a second one right after it.", texts(base, "rotation")[1]]
    assert result.taken == 3
    # nothing else moved
    for sid in ("performance", "exit", "opening"):
        assert merged.section(sid).blocks == base.section(sid).blocks
    assert not run_checks(merged, template()).by_code("merge")


def test_the_merge_is_deterministic_and_symmetric_where_nothing_conflicts() -> None:
    base, ours, theirs = three()
    ours = edit(ours, "security", 0, "Ours.")
    theirs = delete(theirs, "exit", 2)
    one = merge_letters(base, ours, theirs).letter.to_dict()
    assert merge_letters(base, ours, theirs).letter.to_dict() == one
    assert merge_letters(base, theirs, ours).letter.to_dict() == one


def test_both_sides_adding_after_one_paragraph_keeps_ours_first() -> None:
    base, ours, theirs = three()
    ours = insert(ours, "security", 1, "Ours after the first.")
    theirs = insert(theirs, "security", 1, "Theirs after the first.")
    merged = merge_letters(base, ours, theirs).letter
    assert texts(merged, "security")[:4] == [
        texts(base, "security")[0], "Ours after the first.", "Theirs after the first.",
        texts(base, "security")[1]]


def test_a_new_paragraph_follows_its_neighbour_when_the_other_side_reordered() -> None:
    base, ours, theirs = three()
    blocks = list(ours.section("framework").blocks)
    blocks.reverse()
    ours = edits.set_section(ours, "framework", blocks, "reorder").apply(ours)
    anchor = base.section("framework").blocks[2]
    theirs = insert(theirs, "framework", 3, "Theirs after the third.")
    merged = merge_letters(base, ours, theirs).letter
    got = texts(merged, "framework")
    assert got.index("Theirs after the third.") == got.index(anchor.text) + 1
    assert got[0] == base.section("framework").blocks[-1].text  # ours' order kept


def test_the_same_paragraph_changed_on_both_sides_is_a_conflict_keeping_both() -> None:
    base, ours, theirs = three()
    target = base.section("security").blocks[2]
    ours = edit(ours, "security", 2, "Bamako's version of the paragraph.")
    theirs = edit(theirs, "security", 2, "New York's version of the paragraph.")
    theirs = edit(theirs, "exit", 0, "A change with no conflict.")
    result = merge_letters(base, ours, theirs, other="ny.missive")
    assert not result.clean and len(result.conflicts) == 1
    c = result.letter.conflicts[0]
    assert (c.kind, c.key, c.place, c.other) == ("block", target.id, "security", "ny.missive")
    assert Block.from_dict(c.ours).text == "Bamako's version of the paragraph."
    assert Block.from_dict(c.theirs).text == "New York's version of the paragraph."
    assert Block.from_dict(c.base).text == target.text
    assert texts(result.letter, "security")[2] == "Bamako's version of the paragraph."
    assert texts(result.letter, "exit")[0] == "A change with no conflict."
    found = run_checks(result.letter, template()).by_code("merge.conflict")
    assert [(f.section, f.paragraph, f.blocking) for f in found] == [("security", 2, True)]
    # the conflict survives the letter's JSON form exactly
    assert Letter.from_dict(result.letter.to_dict()).to_dict() == result.letter.to_dict()


def test_a_conflict_is_resolved_in_either_direction_or_by_editing() -> None:
    base, ours, theirs = three()
    ours = edit(ours, "security", 2, "Mine.")
    theirs = edit(theirs, "security", 2, "Theirs.")
    merged = merge_letters(base, ours, theirs).letter
    cid = merged.conflicts[0].id
    bid = merged.section("security").blocks[2].id

    kept = edits.resolve_conflict(merged, cid, "ours").apply(merged.copy())
    assert texts(kept, "security")[2] == "Mine." and kept.conflicts == []
    taken = edits.resolve_conflict(merged, cid, "theirs").apply(merged.copy())
    assert texts(taken, "security")[2] == "Theirs." and taken.conflicts == []
    assert taken.section("security").blocks[2].id == bid
    edited = edits.resolve_conflict(
        merged, cid, [Block.from_text("Both, reconciled."), Block.from_text("Second.")]
    ).apply(merged.copy())
    assert texts(edited, "security")[2:4] == ["Both, reconciled.", "Second."]
    assert edited.section("security").blocks[2].id == bid  # links follow the paragraph
    for resolved in (kept, taken, edited):
        assert not run_checks(resolved, template()).by_code("merge")
        assert "conflicts" not in resolved.to_dict()
    with pytest.raises(KeyError):
        edits.resolve_conflict(merged, "block:nope", "ours")
    with pytest.raises(ValueError):
        edits.resolve_conflict(merged, cid, "some text")


def test_deleted_on_one_side_and_changed_on_the_other_is_a_conflict_both_ways() -> None:
    base, ours, theirs = three()
    gone = base.section("framework").blocks[3]
    before = base.section("framework").blocks[2]
    # this copy deleted it, the other changed it: the letter lacks it meanwhile
    result = merge_letters(base, delete(ours.copy(), "framework", 3),
                           edit(theirs.copy(), "framework", 3, "Changed over there."))
    c = result.letter.conflicts[0]
    assert (c.ours, c.place, c.after) == (None, "framework", before.id)
    assert gone.id not in [b.id for b in result.letter.section("framework").blocks]
    back = edits.resolve_conflict(result.letter, c.id, "theirs").apply(result.letter.copy())
    got = texts(back, "framework")
    assert got[got.index(before.text) + 1] == "Changed over there."
    stays = edits.resolve_conflict(result.letter, c.id, "ours").apply(result.letter.copy())
    assert gone.id not in [b.id for b in stays.section("framework").blocks]
    # this copy changed it, the other deleted it: the letter keeps this copy's
    result = merge_letters(base, edit(ours.copy(), "framework", 3, "Changed here."),
                           delete(theirs.copy(), "framework", 3))
    c = result.letter.conflicts[0]
    assert c.theirs is None and texts(result.letter, "framework")[3] == "Changed here."
    removed = edits.resolve_conflict(result.letter, c.id, "theirs").apply(result.letter.copy())
    assert "Changed here." not in texts(removed, "framework")


def test_deleted_on_one_side_and_untouched_on_the_other_is_deleted() -> None:
    base, ours, theirs = three()
    gone = base.section("exit").blocks[1].id
    merged = merge_letters(base, ours, delete(theirs, "exit", 1)).letter
    assert gone not in [b.id for b in merged.section("exit").blocks]
    assert merged.conflicts == []


def test_confirming_carried_text_and_editing_it_do_not_conflict() -> None:
    base = sample()
    for block in base.section("security").blocks:
        block.carried = True
    ours, theirs = base.copy(), base.copy()
    ours = edits.confirm_carried(ours, [ours.section("security").blocks[0].id]).apply(ours)
    theirs = edit(theirs, "security", 0, "Rewritten for this period.")
    result = merge_letters(base, ours, theirs)
    first = result.letter.section("security").blocks[0]
    assert result.clean and first.text == "Rewritten for this period." and not first.carried
    assert result.letter.section("security").blocks[1].carried


def test_a_paragraph_moved_on_one_side_and_edited_on_the_other_moves_with_the_edit() -> None:
    base, ours, theirs = three()
    moved = base.section("security").blocks[4]
    ours = edits.move_blocks(ours, [moved.id], "coordination", at=0).apply(ours)
    theirs = edit(theirs, "security", 4, "Edited where it was.")
    result = merge_letters(base, ours, theirs)
    assert result.clean
    assert texts(result.letter, "coordination")[0] == "Edited where it was."
    assert moved.id not in [b.id for b in result.letter.section("security").blocks]
    # moved to different places on both sides: this copy's place, and a note
    theirs2 = edits.move_blocks(base.copy(), [moved.id], UNASSIGNED).apply(base.copy())
    result = merge_letters(base, ours, theirs2)
    assert result.letter.section("coordination").blocks[0].id == moved.id
    assert result.letter.unassigned == [] and result.notes


def test_metadata_merges_field_by_field_and_conflicts_on_the_same_field() -> None:
    base, ours, theirs = three()
    t = template()
    ours = edits.set_metadata(ours, t, "symbol", "S/2020/500").apply(ours)
    ours = edits.set_metadata(ours, t, "signatory", "Amina J. Mohammed").apply(ours)
    theirs = edits.set_metadata(theirs, t, "symbol", "S/2020/502").apply(theirs)
    theirs = edits.set_metadata(theirs, t, "date", datetime.date(2020, 6, 3)).apply(theirs)
    result = merge_letters(base, ours, theirs)
    m = result.letter.metadata
    assert (m.symbol, m.signatory, m.date) == ("S/2020/500", "Amina J. Mohammed",
                                              datetime.date(2020, 6, 3))
    [c] = result.conflicts
    assert (c.kind, c.key, c.base, c.ours, c.theirs) == (
        "metadata", "symbol", "S/2020/481", "S/2020/500", "S/2020/502")
    [finding] = run_checks(result.letter, template()).by_code("merge.conflict")
    assert finding.section is None and finding.blocking and "symbol" in finding.message
    taken = edits.resolve_conflict(result.letter, c.id, "theirs")
    assert taken.metadata == {"symbol": ("S/2020/500", "S/2020/502")}
    typed = edits.resolve_conflict(result.letter, c.id, "S/2020/503").apply(result.letter.copy())
    assert typed.metadata.symbol == "S/2020/503" and typed.conflicts == []
    # a date conflict comes back as a date
    ours_d = edits.set_metadata(base.copy(), t, "date", datetime.date(2020, 6, 2))
    theirs_d = edits.set_metadata(base.copy(), t, "date", datetime.date(2020, 6, 4))
    result = merge_letters(base, ours_d.apply(base.copy()), theirs_d.apply(base.copy()))
    fixed = edits.resolve_conflict(result.letter, result.conflicts[0].id, "theirs")
    assert fixed.metadata["date"][1] == datetime.date(2020, 6, 4)


def test_confirmations_merge_as_a_set() -> None:
    base, ours, theirs = three()
    first = base.confirmations[0]
    p = base.section("security").blocks[0].id
    ours = edits.confirm(ours, "ops.security", [p]).apply(ours)
    theirs = edits.unconfirm(theirs, first.requirement_id, first.block_id).apply(theirs)
    theirs = edits.confirm(theirs, "ops.progress", [p]).apply(theirs)
    merged = merge_letters(base, ours, theirs).letter
    links = {(c.requirement_id, c.block_id) for c in merged.confirmations}
    assert ("ops.security", p) in links and ("ops.progress", p) in links
    assert (first.requirement_id, first.block_id) not in links
    assert len(links) == len(base.confirmations) + 1


def test_annexes_merge_as_one_value() -> None:
    from drafting.letter import Annex

    base, ours, theirs = three()
    theirs.annexes = [Annex(title="Troop contributions", blocks=[Block.from_text("Table.")])]
    merged = merge_letters(base, ours, theirs).letter
    assert [a.title for a in merged.annexes] == ["Troop contributions"]
    ours.annexes = [Annex(title="Other annex")]
    result = merge_letters(base, ours, theirs)
    assert [c.kind for c in result.conflicts] == ["value"]
    assert [a.title for a in result.letter.annexes] == ["Other annex"]
    taken = edits.resolve_conflict(result.letter, result.conflicts[0].id, "theirs")
    assert [a.title for a in taken.apply(result.letter.copy()).annexes] == [
        "Troop contributions"]


def test_merge_after_a_template_migration_on_one_side() -> None:
    from drafting.storage.draftfile import import_json
    from drafting.templates.catalog import load_template
    from tests.drafting.test_template_migration_files import DRAFT_V1, V1, V2

    v1, v2 = load_template(V1), load_template(V2)
    base = import_json(DRAFT_V1)
    assert base.template_version == v1.version
    ours = migrate_letter(base, v2).letter  # this copy opened with version 2 and saved
    ours = edit(ours, "outlook", 0, "The rainy season starts in June.")
    theirs = base.copy()  # the other copy still follows version 1
    staffing = next(s for s in theirs.sections if s.id not in v2.section_ids())
    staffing.blocks = [replace(staffing.blocks[0], spans=Block.from_text("Vacancies fell.").spans),
                       *staffing.blocks[1:]]
    on_v2 = [migrate_letter(x, v2).letter for x in (base, ours, theirs)]
    result = merge_letters(*on_v2)
    merged = result.letter
    assert result.clean and merged.template_version == v2.version
    assert texts(merged, "outlook") == ["The rainy season starts in June."]
    # the removed section's text is in "unassigned" once, with the other copy's edit
    assert [b.text for b in merged.unassigned].count("Staffing") == 1
    assert "Vacancies fell." in [b.text for b in merged.unassigned]
    with pytest.raises(MergeError):
        merge_letters(base, ours, theirs)


# -- lists of records with ids: reviewers' suggestions and comments (issue 19) ----------

def reviewed() -> Letter:
    letter = sample()
    block = letter.section("security").blocks[0].id
    letter.suggestions = [
        Suggestion(id="s1", kind="replace", section="security", block_id=block,
                   old="patrols", new="patrolling", author="A"),
        Suggestion(id="s2", kind="replace", section="security", block_id=block,
                   old="Mali", new="the Republic of Mali", author="B"),
    ]
    letter.comments = [Comment(id="c1", text="Check this figure.", block_id=block)]
    return letter


def test_lists_of_records_with_ids_merge_without_new_merge_code() -> None:
    base = reviewed()
    ours, theirs = base.copy(), base.copy()
    ours.suggestions[0].status = "accepted"
    ours.comments.append(Comment(id="c2", text="Ours."))
    theirs.suggestions[1].status = "rejected"
    theirs.comments[0].resolved = True
    theirs.comments.insert(0, Comment(id="c0", text="Theirs, first."))
    result = merge_letters(base, ours, theirs)
    merged = result.letter
    assert result.clean
    assert [s.status for s in merged.suggestions] == ["accepted", "rejected"]
    assert [c.id for c in merged.comments] == ["c0", "c1", "c2"]
    assert merged.comments[1].resolved is True
    # the same record's status decided differently: a conflict, this copy's kept meanwhile
    theirs.suggestions[0].status = "rejected"
    result = merge_letters(base, ours, theirs)
    [c] = result.conflicts
    assert (c.kind, c.place, c.key, c.fields) == ("record", "suggestions", "s1", ["status"])
    assert result.letter.suggestions[0].status == "accepted"
    taken = edits.resolve_conflict(result.letter, c.id, "theirs").apply(result.letter.copy())
    assert taken.suggestions[0].status == "rejected" and taken.conflicts == []


def test_a_record_deleted_on_one_side_but_changed_on_the_other_is_kept() -> None:
    base = [{"id": "a", "v": 1}, {"id": "b", "v": 1}]
    merged = merge_records("comments", base, [{"id": "b", "v": 1}],
                           [{"id": "a", "v": 2}, {"id": "b", "v": 1}])
    assert merged.items == [{"id": "a", "v": 2}, {"id": "b", "v": 1}] and merged.notes
    merged = merge_records("comments", base, [{"id": "b", "v": 1}], base)
    assert merged.items == [{"id": "b", "v": 1}] and not merged.notes


def test_earlier_conflicts_carry_through_a_second_merge() -> None:
    base, ours, theirs = three()
    first = merge_letters(base, edit(ours, "security", 0, "A."), edit(theirs, "security", 0, "B."))
    assert len(first.letter.conflicts) == 1
    later = first.letter.copy()
    other = edit(first.letter.copy(), "security", 0, "C.")
    second = merge_letters(first.letter, edit(later, "security", 0, "D."), other)
    assert [c.id for c in second.letter.conflicts] == ["block:" + first.letter.section(
        "security").blocks[0].id, "block:" + first.letter.section("security").blocks[0].id + "#2"]


def test_insert_anchored_places_runs_after_their_neighbour() -> None:
    assert insert_anchored(list("AXOY"), list("AXTY"), "T") == list("AXOTY")
    assert insert_anchored(list("AY"), list("TAUVY"), "TUV") == list("TAUVY")
    assert insert_anchored(list("OAY"), list("TAY"), "T") == list("OTAY")
    assert insert_anchored(list("AB"), list("AB"), "Z") == list("ABZ")
