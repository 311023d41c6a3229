"""Placeholders, metadata, empty sections and length (en and fr)."""

from __future__ import annotations

from datetime import date

import pytest

from drafting.checks import run_checks
from drafting.checks.blocks import is_legitimate_bracket
from drafting.letter import Annex, Block
from tests.drafting.test_checks_helpers import make_letter, make_template


def codes(result: object) -> list[str]:
    return [f.code for f in result.findings]  # type: ignore[attr-defined]


# -- placeholders -----------------------------------------------------------


@pytest.mark.parametrize(
    "lang,text",
    [
        ("fr", "Au 20 mai, [618] affaires étaient ouvertes, le [date] au plus tard [à confirmer]."),
        ("en", "As at 20 May, [618] cases were open, by [date] at the latest [to be confirmed]."),
    ],
)
def test_each_placeholder_is_reported_with_its_location(lang: str, text: str) -> None:
    letter = make_letter(lang)
    letter.section("security").blocks.insert(1, Block.from_text(text))
    result = run_checks(letter, make_template())
    found = result.by_code("placeholder")
    assert [f.excerpt for f in found] == [
        "[618]", "[date]", "[à confirmer]" if lang == "fr" else "[to be confirmed]"
    ]
    assert all(f.section == "security" and f.paragraph == 1 for f in found)
    assert all(f.blocking and f.severity == "error" for f in found)
    assert set(found) <= set(result.blocking())
    assert str(text.index("[618]") + 1) in found[0].message


def test_legitimate_brackets_are_not_placeholders() -> None:
    letter = make_letter("en")
    letter.annexes.append(
        Annex("Annex", "fr", [Block.from_text("[Original: French]"),
                              Block.from_text("The report said it was “compleat” [sic].")])
    )
    assert run_checks(letter, make_template()).by_code("placeholder") == []
    for ok in ("[Original: English]", "[Original : anglais]", "[sic]", "[English only]",
               "[Traduit de l’anglais]"):
        assert is_legitimate_bracket(ok), ok
    for bad in ("[618]", "[date]", "[Original]", "[à confirmer]"):
        assert not is_legitimate_bracket(bad), bad


def test_placeholders_in_annexes_unassigned_and_metadata_block() -> None:
    letter = make_letter("fr")
    letter.annexes.append(Annex("Annexe", "fr", [Block.from_text("Effectifs : [12 000]")]))
    letter.unassigned.append(Block.from_text("Texte importé [à placer]"))
    letter.metadata.addressee = "[destinataire]"
    found = run_checks(letter, make_template()).by_code("placeholder.unresolved")
    assert sorted((f.section or "-", f.excerpt) for f in found) == [
        ("-", "[destinataire]"), ("annex-1", "[12 000]"), ("unassigned", "[à placer]")
    ]
    assert all(f.blocking for f in found)


def test_letter_without_placeholders_has_none() -> None:
    assert run_checks(make_letter("en"), make_template()).by_code("placeholder") == []


# -- metadata -----------------------------------------------------------------


def test_complete_metadata_raises_nothing() -> None:
    for lang in ("en", "fr"):
        assert run_checks(make_letter(lang), make_template()).by_code("metadata") == []


def test_missing_essential_metadata_blocks() -> None:
    letter = make_letter("en")
    m = letter.metadata
    m.symbol = m.job_number = m.addressee = m.signatory = ""
    m.date = None
    result = run_checks(letter, make_template())
    missing = {f.code for f in result.blocking() if f.check == "metadata"}
    assert missing == {
        "metadata.symbol_missing", "metadata.job_missing", "metadata.addressee_missing",
        "metadata.signatory_missing", "metadata.date_missing",
    }
    assert all(f.section is None for f in result.by_code("metadata"))


@pytest.mark.parametrize("symbol", ["S/2020/", "S/20/481", "A/2020/481", "S/2020/0", "s/2020/481"])
def test_malformed_symbol(symbol: str) -> None:
    letter = make_letter("en")
    letter.metadata.symbol = symbol
    result = run_checks(letter, make_template())
    [f] = result.by_code("metadata.symbol_malformed")
    assert f.severity == "error" and not f.blocking
    # a final run makes every error blocking
    assert f.code in {b.code for b in run_checks(letter, make_template(), final=True).blocking()}


def test_symbol_from_another_year_warns() -> None:
    letter = make_letter("en")
    letter.metadata.symbol = "S/2019/1004"
    assert codes(run_checks(letter, make_template())).count("metadata.symbol_year") == 1


@pytest.mark.parametrize("job", ["2007899", "20-0789", "20 07899", "AB-07899"])
def test_malformed_job_number(job: str) -> None:
    letter = make_letter("fr")
    letter.metadata.job_number = job
    assert "metadata.job_malformed" in codes(run_checks(letter, make_template()))


def test_letter_date_after_masthead_date() -> None:
    letter = make_letter("en")
    letter.metadata.letter_date = date(2020, 6, 3)
    [f] = run_checks(letter, make_template()).by_code("metadata.letter_date_after_date")
    assert f.severity == "error" and "2020-06-03" in f.message
    letter.metadata.letter_date = date(2020, 6, 2)  # same day is fine
    assert run_checks(letter, make_template()).by_code("metadata") == []


def test_letter_date_missing_is_only_a_warning() -> None:
    letter = make_letter("en")
    letter.metadata.letter_date = None
    [f] = run_checks(letter, make_template()).by_code("metadata")
    assert (f.code, f.severity, f.blocking) == ("metadata.letter_date_missing", "warning", False)


@pytest.mark.parametrize(
    "start,end,code",
    [
        (date(2020, 1, 1), date(2020, 3, 31), "metadata.period_length"),
        (date(2019, 6, 1), date(2020, 5, 31), "metadata.period_length"),
        (date(2020, 6, 30), date(2020, 1, 1), "metadata.period_inverted"),
        (date(2019, 12, 1), date(2020, 5, 31), None),
        (date(2019, 11, 15), date(2020, 5, 14), None),
        # a letter dated 1 June cannot report on a period ending 30 June
        (date(2020, 1, 1), date(2020, 6, 30), "metadata.letter_date_before_period_end"),
    ],
)
def test_reporting_period_is_six_months(start: date, end: date, code: str | None) -> None:
    letter = make_letter("en")
    letter.metadata.period_start, letter.metadata.period_end = start, end
    found = [f.code for f in run_checks(letter, make_template()).by_code("metadata")]
    assert found == ([code] if code else [])


# -- empty sections -------------------------------------------------------------


def test_empty_required_section_blocks() -> None:
    letter = make_letter("fr")
    letter.section("rotation").blocks = [Block.from_text("   ")]
    result = run_checks(letter, make_template())
    [f] = result.by_code("content.empty_section")
    assert (f.section, f.severity, f.blocking) == ("rotation", "error", True)
    assert "perf.rotation" in result.missing()


def test_section_absent_from_letter_is_empty() -> None:
    letter = make_letter("en")
    letter.sections = [s for s in letter.sections if s.id != "exit"]
    result = run_checks(letter, make_template())
    assert [f.section for f in result.by_code("content.empty_section")] == ["exit"]


def test_optional_section_may_be_empty() -> None:
    template = make_template()
    template.section("rotation").required = False
    letter = make_letter("en")
    letter.section("rotation").blocks.clear()
    assert run_checks(letter, template).by_code("content.empty_section") == []


# -- length ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_section_over_budget_and_letter_over_limit(lang: str) -> None:
    letter = make_letter(lang)
    words = letter.section("exit").word_count()
    total = letter.word_count()
    within = run_checks(letter, make_template(word_limit=total, budgets={"exit": words}))
    assert within.by_code("length") == []
    over = run_checks(letter, make_template(word_limit=total - 1, budgets={"exit": words - 1}))
    found = {f.code: f for f in over.by_code("length")}
    assert set(found) == {"length.section_over_budget", "length.letter_over_limit"}
    assert found["length.section_over_budget"].section == "exit"
    assert str(words) in found["length.section_over_budget"].message
    assert all(f.severity == "warning" and not f.blocking for f in found.values())
    assert over.words["total"] == total
    assert over.words["by_section"]["exit"] == words
