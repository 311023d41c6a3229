"""Carried-over text blocks a final export until the writer confirms or rewrites it."""

from __future__ import annotations

from drafting import edits
from drafting.checks import run_checks
from drafting.importers.carry import carry_forward
from drafting.letter import Block
from drafting.templates.catalog import create_letter, get_template


def test_carried_paragraphs_block_until_confirmed() -> None:
    template = get_template("minusma-six-monthly")
    letter = create_letter(template, "en")
    letter.section("rotation").blocks = [
        Block.from_text("Rotations of contingents resumed in May under quarantine rules."),
        Block.from_text("Two battalions rotated in April."),
    ]
    carried = carry_forward(letter)
    result = run_checks(carried, template)
    codes = [f for f in result.findings if f.code == "carryover.unconfirmed"]
    assert [(f.section, f.paragraph) for f in codes] == [("rotation", 0), ("rotation", 1)]
    assert all(f.blocking for f in codes)
    assert all(f in result.blocking() for f in codes)

    first = carried.section("rotation").blocks[0].id
    carried = edits.confirm_carried(carried, [first]).apply(carried)
    after = [f for f in run_checks(carried, template).findings if f.code == "carryover.unconfirmed"]
    assert [(f.section, f.paragraph) for f in after] == [("rotation", 1)]


def test_unassigned_text_blocks_a_final_version() -> None:
    template = get_template("minusma-six-monthly")
    letter = create_letter(template, "en")
    assert not [f for f in run_checks(letter, template).findings
                if f.code == "content.unassigned"]
    letter.unassigned = [Block.from_text(""), Block.from_text("A paragraph with no home.")]
    [finding] = [f for f in run_checks(letter, template).findings
                 if f.code == "content.unassigned"]
    assert finding.blocking and finding.section == "unassigned" and finding.paragraph == 1
    assert "1 paragraph" in finding.message
