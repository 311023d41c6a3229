"""Setting the reporting period fills the opening's placeholders, in the letter's language."""

from __future__ import annotations

from datetime import date

from drafting import edits
from drafting.letter import Letter
from drafting.templates.catalog import create_letter, get_template

START, END = date(2019, 12, 1), date(2020, 5, 31)


def _new(language: str) -> Letter:
    return create_letter(get_template("minusma-six-monthly"), language)


def _opening(letter: Letter) -> str:
    return " ".join(b.text for b in letter.section("opening").blocks)


def _set(letter: Letter, name: str, value: date | None) -> Letter:
    change = edits.set_period(letter, get_template("minusma-six-monthly"), name, value)
    return change.apply(letter)


def test_both_bounds_fill_the_opening_and_can_change_and_clear() -> None:
    letter = _set(_set(_new("en"), "period_start", START), "period_end", END)
    assert _opening(letter).endswith("covers the period from 1 December 2019 to 31 May 2020.")
    assert (letter.metadata.period_start, letter.metadata.period_end) == (START, END)
    letter = _set(letter, "period_end", date(2020, 6, 30))
    assert _opening(letter).endswith("from 1 December 2019 to 30 June 2020.")
    letter = _set(letter, "period_start", None)
    assert _opening(letter).endswith("from [start date] to 30 June 2020.")
    assert letter.metadata.period_start is None


def test_french_and_chinese_openings_follow() -> None:
    french = _set(_set(_new("fr"), "period_start", START), "period_end", END)
    assert "allant du 1er décembre 2019 au 31 mai 2020." in _opening(french)
    chinese = _set(_set(_new("zh"), "period_start", START), "period_end", END)
    assert "2019年12月1日至2020年5月31日期间" in _opening(chinese)


def test_one_change_holds_the_detail_and_the_text() -> None:
    letter = _new("en")
    change = edits.set_period(letter, get_template("minusma-six-monthly"), "period_start", START)
    assert set(change.metadata) == {"period_start"} and set(change.sections) == {"opening"}
    assert _opening(change.revert(change.apply(letter.copy()))) == _opening(letter)


def test_written_text_is_left_alone() -> None:
    letter = _new("en")
    letter.section("opening").blocks[0].set_text("The letter covers six months.")
    change = edits.set_period(letter, get_template("minusma-six-monthly"), "period_start", START)
    assert change.metadata and not change.sections
    assert edits.set_period(letter, get_template("minusma-six-monthly"), "period_start",
                            None).empty
