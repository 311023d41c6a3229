"""Every edit function: pure (the letter it is given is untouched), applying
its change gives the expected letter, and reverting gives the start back."""

from __future__ import annotations

import pytest

from drafting import edits
from drafting.letter import Block
from tests.drafting.edit_cases import CASES, EditCase, sample, template


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_edit_is_pure_applies_and_reverts(case: EditCase) -> None:
    letter = case.start()
    start = letter.to_dict()
    change = case.make(letter, template())
    assert letter.to_dict() == start  # the function only described the change
    assert not change.empty and change.label
    after = change.apply(letter.copy() if change.letter is None else letter)
    case.check(letter, after)
    back = change.revert(after)
    assert back.to_dict() == start


def test_a_change_that_changes_nothing_is_empty() -> None:
    letter = sample()
    same = [Block.from_text(b.text) for b in letter.section("security").blocks]
    for b, old in zip(same, letter.section("security").blocks, strict=True):
        b.id, b.spans = old.id, old.spans
    assert edits.edit_section(letter, "security", same).empty
    assert edits.replace_all(letter, "no such words anywhere", "x").empty
    assert edits.confirm_carried(letter, ["nothing"]).empty
    assert edits.move_blocks(letter, ["nothing"], "security").empty
    assert edits.move_blocks(letter, [letter.section("security").blocks[0].id],
                             "no-such-section").empty
    assert edits.migrate(letter, template()).empty


def test_every_edit_function_has_a_case() -> None:
    exported = {name for name in edits.__all__ if callable(getattr(edits, name))
                and name[0].islower()} - {"blocks_of", "editable_ids", "set_blocks",
                                           "find_all", "replace_range", "respan",
                                           "settle_marks", "set_section", "period_sections"}
    named = {c.name for c in CASES} | {"set_metadata"}
    assert exported <= named, exported - named


def test_rewriting_carried_or_boilerplate_text_clears_its_marks() -> None:
    old = [Block.from_text("Kept as it was.", carried=True),
           Block.from_text("Standard text.", boilerplate=True)]
    new = [old[0], Block.from_text("Standard text, edited.", boilerplate=True)]
    new[1].id = old[1].id
    settled = edits.settle_marks(old, new)
    assert settled[0].carried and settled[0] is old[0]
    assert not settled[1].boilerplate and not settled[1].carried
    assert new[1].boilerplate  # the input block is not changed in place
