"""The reporting period moves on with a carried letter, in its details and in
the opening's words, and the check notices an opening that states another
period than the letter's (issue 14, references and dates; found in review)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from drafting.checks import run_checks
from drafting.edits.period import set_period
from drafting.importers.carry import carry_forward, next_period
from drafting.letter import Block, Letter
from drafting.periods import stated_periods
from drafting.storage.opening import load_letter
from drafting.templates.catalog import create_letter, get_template
from tests.reliability.cli import cli

TEMPLATE = "minusma-six-monthly"


def with_period(lang: str, start: date, end: date) -> Letter:
    template = get_template(TEMPLATE)
    letter = create_letter(template, lang)
    letter = set_period(letter, template, "period_start", start).apply(letter)
    return set_period(letter, template, "period_end", end).apply(letter)


def mismatches(letter: Letter) -> list[str]:
    result = run_checks(letter, get_template(TEMPLATE), final=True)
    return [f.message for f in result.blocking() if f.code == "metadata.period_text_mismatch"]


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ru", "ar", "zh"])
def test_the_opening_states_the_period_it_was_given(lang: str) -> None:
    letter = with_period(lang, date(2020, 6, 1), date(2020, 11, 30))
    opening = " ".join(b.text for b in letter.section("opening").blocks)
    assert [(p.start, p.end) for p in stated_periods(opening, lang)] == [
        (date(2020, 6, 1), date(2020, 11, 30))]
    assert mismatches(letter) == []
    # The details say December to May; the opening still says June to November.
    letter.metadata.period_start, letter.metadata.period_end = date(2020, 12, 1), date(2021, 5, 31)
    assert len(mismatches(letter)) == 1


def test_the_message_names_both_periods_in_the_letters_words() -> None:
    letter = with_period("fr", date(2020, 6, 1), date(2020, 11, 30))
    letter.metadata.period_end = date(2020, 12, 31)
    [message] = mismatches(letter)
    assert "1er juin 2020" in message and "30 novembre 2020" in message
    assert "31 décembre 2020" in message


def test_other_dates_in_the_opening_are_left_alone() -> None:
    letter = with_period("en", date(2020, 6, 1), date(2020, 11, 30))
    letter.section("opening").blocks.append(Block.from_text(
        "The Council adopted the resolution on 29 June 2020, after the visit of 3 March 2020."))
    assert mismatches(letter) == []
    letter.section("opening").blocks = [Block.from_text(
        "The Council adopted the resolution on 29 June 2020 and met again on 12 August 2020.")]
    assert mismatches(letter) == []


@pytest.mark.parametrize("start,end,expected", [
    (date(2020, 6, 1), date(2020, 11, 30), (date(2020, 12, 1), date(2021, 5, 31))),
    (date(2019, 12, 1), date(2020, 5, 31), (date(2020, 6, 1), date(2020, 11, 30))),
    (date(2020, 3, 1), date(2020, 8, 31), (date(2020, 9, 1), date(2021, 2, 28))),
    (date(2020, 6, 1), None, (date(2020, 12, 1), None)),
])
def test_the_next_period_follows_the_last_day(start: date, end: date | None,
                                             expected: tuple[date, date | None]) -> None:
    assert next_period(start, end) == expected


@pytest.mark.parametrize("lang,says", [("en", "from 1 December 2020 to 31 May 2021"),
                                       ("fr", "du 1er\u00a0décembre 2020 au 31\u00a0mai 2021")])
def test_a_carried_letter_states_its_new_period(tmp_path: Path, lang: str, says: str) -> None:
    """Last period's export, imported for the next one: the opening's dates move
    with the details (their no-break spaces as printed), nothing mismatches."""
    draft = tmp_path / "old.missive"
    assert cli("new", "-t", TEMPLATE, "-l", lang, "-o", str(draft), "--date", "2020-12-01")[0] == 0
    assert cli("period", str(draft), "--start", "2020-06-01", "--end", "2020-11-30")[0] == 0
    sent = tmp_path / "old.docx"
    assert cli("export", str(draft), "-o", str(sent))[0] == 0
    new = tmp_path / "new.missive"
    code, _out, err = cli("import", str(sent), "-t", TEMPLATE, "-l", lang, "-o", str(new))
    assert code == 0, err
    letter = load_letter(new)[0]
    assert (letter.metadata.period_start, letter.metadata.period_end) == (
        date(2020, 12, 1), date(2021, 5, 31))
    opening = " ".join(b.text for b in letter.section("opening").blocks)
    assert " ".join(says.split()) in " ".join(opening.split())
    assert all(b.carried for b in letter.section("opening").blocks if b.text.strip())
    assert mismatches(letter) == []


def test_carry_forward_without_a_template_still_moves_the_details() -> None:
    letter = with_period("en", date(2020, 6, 1), date(2020, 11, 30))
    carried = carry_forward(letter)
    assert (carried.metadata.period_start, carried.metadata.period_end) == (
        date(2020, 12, 1), date(2021, 5, 31))
    assert mismatches(carried)  # the words were not touched: the check says so


@pytest.mark.parametrize("lang,text,expected", [
    ("fr", "La présente lettre couvre la période du 1er juin au 30 novembre 2022 ; elle",
     (date(2022, 6, 1), date(2022, 11, 30))),
    ("en", "It covers the period from 1 December to 31 May 2021.",
     (date(2020, 12, 1), date(2021, 5, 31))),
    ("en", "It covers the period from December 1, 2019 to May 31, 2020.",
     (date(2019, 12, 1), date(2020, 5, 31))),
    ("en", "The Council met on 3 March and 5 April 2020.", None),  # no period: 33 days
])
def test_a_period_stated_in_words_is_read(lang: str, text: str,
                                          expected: tuple[date, date] | None) -> None:
    """The first date may leave its year to the second; the importer reads the
    period the same way (one reader for both)."""
    from drafting.importers.titles import parse_period

    found = [(p.start, p.end) for p in stated_periods(text, lang)]
    assert found == ([expected] if expected else [])
    assert parse_period(text, lang) == expected


@pytest.mark.parametrize("stated", [
    "du 1er juin au 30 novembre 2020",          # the first date leaves its year
    "du 1 juin 2020 au 30 novembre 2020",       # "1" without its "er"
    "du 1er\u00a0juin\u00a02020 au 30\u00a0novembre\u00a02020",
])
def test_carry_forward_rewrites_a_period_written_in_other_words(stated: str) -> None:
    template = get_template(TEMPLATE)
    letter = with_period("fr", date(2020, 6, 1), date(2020, 11, 30))
    block = next(b for b in letter.section("opening").blocks if "au 30" in b.text)
    text = block.text
    block.set_text(text[:text.index("du 1")] + stated + ".")
    carried = carry_forward(letter, template=template)
    opening = " ".join(b.text for b in carried.section("opening").blocks)
    assert "du 1er décembre 2020 au 31 mai 2021." in " ".join(opening.split())
    assert mismatches(carried) == []


def test_a_half_rewritten_period_is_caught() -> None:
    """One end moved on and the other not spans a year: still the letter's period
    named wrongly, not two unrelated dates."""
    letter = with_period("fr", date(2020, 12, 1), date(2021, 5, 31))
    block = next(b for b in letter.section("opening").blocks if "au 31" in b.text)
    block.set_text(block.text.replace("1er décembre 2020", "1er juin 2020"))
    assert len(mismatches(letter)) == 1


def test_two_dates_joined_by_and_are_not_a_period() -> None:
    letter = with_period("en", date(2020, 12, 1), date(2021, 5, 31))
    letter.section("opening").blocks.append(Block.from_text(
        "This letter follows my letters dated 1 June 2020 and 30 November 2020."))
    assert mismatches(letter) == []
    assert [(p.start, p.end) for p in stated_periods(
        "It covers the period between 1 June and 30 November 2020.", "en")] == [
        (date(2020, 6, 1), date(2020, 11, 30))]


@pytest.mark.timeout(30)
def test_reading_periods_takes_linear_time_on_long_runs_of_letters() -> None:
    """A 100,000-letter word (or Chinese text without spaces) was read in
    quadratic time: minutes. Guarded by the timeout, not timed."""
    for text in ("x" * 100_000, "从" * 100_000, "1 janvier au " * 8000):
        assert stated_periods(text, "fr") == []


def test_a_quarterly_report_moves_on_by_a_quarter() -> None:
    template = get_template("minusma-quarterly-report")
    letter = create_letter(template, "en")
    for name, day in (("period_start", date(2021, 1, 1)), ("period_end", date(2021, 3, 31))):
        letter = set_period(letter, template, name, day).apply(letter)
    carried = carry_forward(letter, template=template)
    assert (carried.metadata.period_start, carried.metadata.period_end) == (
        date(2021, 4, 1), date(2021, 6, 30))
    section = template.period_section_ids()[0]
    text = " ".join(b.text for b in carried.section(section).blocks)
    assert "from 1 April 2021 to 30 June 2021" in text


def test_the_finding_fixes_the_stated_period() -> None:
    """Apply fix writes the letter's period in place of the one stated, keeping the
    words between the dates."""
    from drafting import edits

    template = get_template(TEMPLATE)
    letter = with_period("fr", date(2020, 6, 1), date(2020, 11, 30))
    letter.metadata.period_start, letter.metadata.period_end = date(2020, 12, 1), date(2021, 5, 31)
    [finding] = [f for f in run_checks(letter, template).findings
                 if f.code == "metadata.period_text_mismatch"]
    assert finding.fix is not None
    letter = edits.apply_fixes(letter, [finding]).apply(letter)
    opening = " ".join(" ".join(b.text for b in letter.section("opening").blocks).split())
    assert "du 1er décembre 2020 au 31 mai 2021" in opening
    assert mismatches(letter) == []
