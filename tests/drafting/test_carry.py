"""Carry-forward: a new period's draft from the previous letter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from drafting import edits
from drafting.checks.carryover import CODE_UNCONFIRMED, carried_findings
from drafting.importers import import_letter
from drafting.importers.carry import carried_count, carry_forward, carry_summary
from drafting.letter import Block, Letter
from drafting.templates.catalog import create_letter, get_template
from drafting.templates.model import Template
from tests.drafting.test_import_common import FR, TEMPLATE_ID
from tests.drafting.test_import_docx import build_docx


@pytest.fixture(scope="module")
def template() -> Template:
    return get_template(TEMPLATE_ID)


def _previous(template: Template, language: str = "fr") -> Letter:
    letter = create_letter(
        template, language, symbol="S/2020/481", date=date(2020, 6, 2),
        job_number="20-07899", letter_date=date(2020, 6, 1),
    )
    m = letter.metadata
    m.period_start, m.period_end = date(2019, 12, 1), date(2020, 5, 31)
    letter.section("security").blocks = [
        Block.from_text("Les attaques contre les civils ont augmenté dans le centre."),
        Block.from_text("La Mission a conduit [30] patrouilles de longue distance."),
    ]
    letter.section("rotation").blocks = [
        Block.from_text("Les relèves ont été suspendues en avril."),
        Block.from_text("   "),  # empty: nothing to confirm
    ]
    letter.unassigned = [Block.from_text("Un paragraphe sans section.")]
    return letter


def test_dates_advance_six_months_and_old_identifiers_are_cleared(template: Template) -> None:
    before = _previous(template)
    after = carry_forward(before)
    m = after.metadata
    assert m.letter_date == date(2020, 12, 1)
    assert m.date == date(2020, 12, 2)
    assert m.period_start == date(2020, 6, 1)
    assert m.period_end == date(2020, 11, 30)  # 31 May + 6 months, clamped
    assert m.symbol == "" and m.job_number == ""
    # the previous letter is untouched
    assert before.metadata.letter_date == date(2020, 6, 1)
    assert before.metadata.symbol == "S/2020/481"
    assert not any(b.carried for _s, _i, b in before.iter_blocks())


def test_summary_formats_dates_in_the_letters_language(template: Template) -> None:
    fr_before = _previous(template, "fr")
    fr = carry_summary(fr_before, carry_forward(fr_before))
    assert any("1er juin 2020" in line and "1er décembre 2020" in line for line in fr)
    assert any("31 mai 2020" in line and "30 novembre 2020" in line for line in fr)
    en_before = _previous(template, "en")
    en = carry_summary(en_before, carry_forward(en_before))
    assert any("1 June 2020" in line and "1 December 2020" in line for line in en)
    assert en[-1].startswith("4 paragraphs carried over")


def test_carried_paragraphs_are_flagged_until_confirmed(template: Template) -> None:
    letter = carry_forward(_previous(template))
    carried = [b for _s, _i, b in letter.iter_blocks() if b.carried]
    assert [b.text for b in carried] == [
        "Les attaques contre les civils ont augmenté dans le centre.",
        "La Mission a conduit [30] patrouilles de longue distance.",
        "Les relèves ont été suspendues en avril.",
        "Un paragraphe sans section.",
    ]
    # boilerplate is the template's text, not the previous letter's
    assert all(not b.carried for _s, _i, b in letter.iter_blocks() if b.boilerplate)
    findings = carried_findings(letter)
    assert len(findings) == 4
    assert {f.code for f in findings} == {CODE_UNCONFIRMED}
    assert all(f.severity == "warning" and f.blocking for f in findings)
    assert [(f.section, f.paragraph) for f in findings] == [
        ("security", 0), ("security", 1), ("rotation", 0), ("unassigned", 0)]
    assert findings[1].excerpt.startswith("La Mission a conduit")

    letter = edits.confirm_carried(letter, [carried[0].id]).apply(letter)
    assert carried_count(letter) == 3
    assert carried[0].id not in {f.block_id for f in carried_findings(letter)}

    blocks = list(letter.section("security").blocks)
    rewritten = Block.from_text("La Mission a conduit 41 patrouilles de longue distance.")
    rewritten.id, rewritten.carried = blocks[1].id, True
    blocks[1] = rewritten
    letter = edits.edit_section(letter, "security", blocks).apply(letter)
    assert carried_count(letter) == 2

    change = edits.confirm_all_carried(letter, "rotation")
    assert change.count == 1
    letter = change.apply(letter)
    assert [f.section for f in carried_findings(letter)] == ["unassigned"]
    change = edits.confirm_all_carried(letter)
    assert change.count == 1
    letter = change.apply(letter)
    assert carried_findings(letter) == []
    assert edits.confirm_carried(letter, ["no-such-block"]).empty


def test_carried_flag_survives_a_save_round_trip(template: Template) -> None:
    letter = carry_forward(_previous(template))
    again = Letter.from_dict(letter.to_dict())
    assert carried_count(again) == 4
    assert len(carried_findings(again)) == 4


def test_letter_started_from_an_imported_docx(tmp_path: Path, template: Template) -> None:
    path = build_docx(tmp_path / "previous.docx", FR, "styled")
    imported = import_letter(path, template, "fr").letter
    assert imported.metadata.letter_date == date(2020, 12, 1)
    draft = carry_forward(imported)
    assert draft.metadata.letter_date == date(2021, 6, 1)
    paragraphs = [b for _s, _i, b in draft.iter_blocks() if b.kind != "subheading"]
    assert len(paragraphs) == FR.body_count()
    assert all(b.carried for b in paragraphs)
    # every imported block (subheadings too) must be confirmed before a final export
    assert len(carried_findings(draft)) == len(list(draft.iter_blocks()))


def test_period_read_from_the_opening_and_carried_forward(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    from datetime import date as _date

    from drafting.export import export_docx
    from drafting.importers import import_letter
    from drafting.importers.carry import carry_forward
    from drafting.importers.titles import parse_period
    from drafting.letter import Letter
    from drafting.paths import samples_dir
    from drafting.templates.catalog import get_template

    assert parse_period("couvre la période du 1er décembre 2019 au 31 mai 2020.", "fr") == (
        _date(2019, 12, 1), _date(2020, 5, 31))
    assert parse_period("from 1 December 2019 to 31 May 2020", "en") == (
        _date(2019, 12, 1), _date(2020, 5, 31))
    # two dates a year apart are not a reporting period
    assert parse_period("between 1 June 2019 and 1 June 2020", "en") is None

    template = get_template("minusma-six-monthly")
    sample = Letter.from_dict(json.loads(
        (samples_dir() / "minusma-six-monthly.fr.json").read_text(encoding="utf-8")))
    previous = export_docx(sample, template, tmp_path / "previous.docx").path
    imported = import_letter(previous, template, "fr").letter
    assert (imported.metadata.period_start, imported.metadata.period_end) == (
        _date(2019, 12, 1), _date(2020, 5, 31))
    nxt = carry_forward(imported).metadata
    assert (nxt.period_start, nxt.period_end) == (_date(2020, 6, 1), _date(2020, 11, 30))
