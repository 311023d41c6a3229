"""Stale or malformed references and dates (issue 14, "References and dates").

The opening must cite the template's mandate; a symbol written with stray
spaces is malformed; a letter cannot be dated before its period ends.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from drafting import edits
from drafting.checks import run_checks
from drafting.checks.mandate import mandate_findings
from drafting.letter import Block
from drafting.templates.catalog import create_letter, get_template
from drafting.templates.model import Template
from tests.drafting.test_checks_helpers import make_letter, make_template

NBSP = "\u00a0"


def _template() -> Template:
    return replace(make_template(), mandate_symbol="S/RES/2531(2020)", mandate_paragraph="63")


def _opening(lang: str, text: str) -> list[tuple[str, str, int | None]]:
    letter = make_letter(lang)
    letter.section("opening").blocks = [Block.from_text(text)]
    return [(f.code, f.severity, f.paragraph) for f in mandate_findings(letter, _template())]


STALE = [
    ("en", "I have the honour to refer to resolution 2480 (2019), in which the Council "
           "requested me to report every six months on the Mission."),
    ("fr", "J’ai l’honneur de revenir vers vous au sujet de la résolution 2480 (2019), dans "
           "laquelle le Conseil m’a prié de lui rendre compte tous les six mois."),
    # the mandate is cited, but another resolution is given as the source of the request
    ("en", "The present letter follows resolution 2531 (2020). In its resolution 2480 (2019), "
           "the Council requested me to report on the Mission every six months."),
    ("fr", "La présente lettre fait suite à la résolution 2531 (2020). Dans sa résolution "
           "2480 (2019), le Conseil m’a demandé un rapport tous les six mois."),
    # another resolution cited, the mandate never
    ("en", "I refer to Security Council resolution 2480 (2019) on the Mission."),
]


@pytest.mark.parametrize("lang,text", STALE)
def test_another_resolution_as_the_source_of_the_request_is_stale(lang: str, text: str) -> None:
    found = _opening(lang, text)
    assert [(code, severity) for code, severity, _p in found] == [
        ("reference.stale_mandate", "error")]
    assert found[0][2] == 0


@pytest.mark.parametrize("lang,text", [
    ("en", "I have the honour to refer to paragraph 63 of resolution 2531 (2020), in which the "
           "Council requested me to report every six months."),
    ("fr", f"J’ai l’honneur de revenir vers vous au sujet de la résolution 2531{NBSP}(2020), "
           "dans laquelle le Conseil m’a prié de lui rendre compte tous les six mois."),
    # history is fine when the request sentence cites the mandate
    ("en", "In resolution 2480 (2019) the Council first asked for such letters, and in "
           "resolution 2531 (2020) it requested me to continue them."),
])
def test_the_mandate_as_the_source_of_the_request_is_fine(lang: str, text: str) -> None:
    assert _opening(lang, text) == []


def test_an_opening_citing_no_resolution_is_told() -> None:
    found = _opening("en", "I have the honour to write to you about the Mission.")
    assert found == [("reference.mandate_missing", "warning", None)]
    assert _opening("en", "   ") == []  # an empty opening is another check's business


def test_other_sections_may_cite_older_resolutions() -> None:
    letter = make_letter("en")
    letter.section("security").blocks.append(Block.from_text(
        "As the Council requested in resolution 2480 (2019), the Mission kept its bases."))
    assert mandate_findings(letter, _template()) == []


def test_a_stale_mandate_blocks_only_a_final_version() -> None:
    letter = make_letter("fr")
    letter.section("opening").blocks = [Block.from_text(STALE[1][1])]
    draft = run_checks(letter, _template())
    [f] = draft.by_code("reference.stale_mandate")
    assert not f.blocking and f.section == "opening"
    assert "2480 (2019)" in f.message and "2531 (2020)" in f.message and "63" in f.message
    final = run_checks(letter, _template(), final=True)
    assert any(f.code == "reference.stale_mandate" for f in final.blocking())


def test_the_shipped_template_openings_cite_their_mandate() -> None:
    template = get_template("minusma-six-monthly")
    for lang in template.languages:
        assert mandate_findings(create_letter(template, lang), template) == [], lang


# -- symbols with stray spaces ------------------------------------------------------


@pytest.mark.parametrize("written,fixed", [
    ("S /2020/ 500", "S/2020/500"),
    ("S/ 2020/500", "S/2020/500"),
    ("S/2020/ 500", "S/2020/500"),
    (f"S/2020{NBSP}/500", "S/2020/500"),
    ("S/RES /2480 (2019)", "S/RES/2480 (2019)"),
    ("S/PRST/ 2020/5", "S/PRST/2020/5"),
    ("A/ 75/123", "A/75/123"),
])
def test_symbols_with_stray_spaces_are_malformed_and_fixable(written: str, fixed: str) -> None:
    letter = make_letter("en")
    block = Block.from_text(f"See the report {written} for the details.")
    letter.section("security").blocks.append(block)
    [f] = run_checks(letter, make_template()).by_code("reference.malformed")
    assert (f.severity, f.excerpt, f.section) == ("warning", written, "security")
    assert written in f.message and fixed in f.message
    assert f.fix is not None
    after = edits.apply_fixes(letter, [f]).apply(letter)
    assert after.section("security").blocks[-1].text == f"See the report {fixed} for the details."
    assert run_checks(after, make_template()).by_code("reference.malformed") == []


@pytest.mark.parametrize("text", [
    "See S/2020/500 and S/RES/2480 (2019).",
    "Grade A / B units, page 3 / 12, and 2019/ 2020 figures.",
    "The ratio was 3 / 4 in Gao.",
])
def test_well_written_text_has_no_stray_space_finding(text: str) -> None:
    letter = make_letter("en")
    letter.section("security").blocks.append(Block.from_text(text))
    assert run_checks(letter, make_template()).by_code("reference.malformed") == []


# -- dates ----------------------------------------------------------------------------


def test_a_letter_dated_before_its_period_ends_is_an_error() -> None:
    letter = make_letter("fr")
    letter.metadata.letter_date = date(2020, 6, 1)
    letter.metadata.period_start, letter.metadata.period_end = date(2020, 1, 1), date(2020, 6, 30)
    [f] = run_checks(letter, make_template()).by_code("metadata.letter_date_before_period_end")
    assert f.severity == "error" and not f.blocking
    # dates in the letter's language
    assert "1er juin 2020" in f.message and "30 juin 2020" in f.message
    letter.metadata.period_start, letter.metadata.period_end = (date(2019, 12, 1),
                                                                date(2020, 5, 31))
    assert run_checks(letter, make_template()).by_code("metadata.letter_date_before_period_end") \
        == []
    letter.metadata.period_end = date(2020, 6, 1)  # dated on the last day: fine
    letter.metadata.period_start = date(2019, 12, 2)
    assert run_checks(letter, make_template()).by_code("metadata") == []


def test_without_a_title_date_the_masthead_date_counts() -> None:
    letter = make_letter("en")
    letter.metadata.letter_date = None
    letter.metadata.date = date(2020, 5, 20)
    [f] = run_checks(letter, make_template()).by_code("metadata.letter_date_before_period_end")
    assert "20 May 2020" in f.message and "31 May 2020" in f.message


def test_period_not_the_templates_length_is_told() -> None:
    letter = make_letter("en")
    letter.metadata.period_start = date(2020, 3, 1)
    [f] = run_checks(letter, make_template()).by_code("metadata.period_length")
    assert f.severity == "warning" and "six-month" in f.message
