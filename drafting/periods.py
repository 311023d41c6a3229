"""A reporting period as a letter states it in words, found in its text.

"from 1 December 2019 to 31 May 2020", "du 1er juin au 30 novembre 2022",
"entre el 1 de junio y el 30 de noviembre de 2020", "с 1 июня 2020 года по
30 ноября 2020 года", "من 1 حزيران/يونيه 2020 إلى 30 تشرين الثاني/نوفمبر 2020",
"2020年6月1日至2020年11月30日": two dates joined by a short link ("to",
"au", "y el", "по", "إلى", "至", a dash), the first one's year left out when it
is the second's. A pair counts as a period only when it spans two to seven
months, so "on 3 March and 5 April 2020" is not one.

One reader serves the importer (the period of a previous letter,
`drafting.importers.titles.parse_period`) and the check that the opening
states the letter's own period (`drafting.checks.period_text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from drafting.locale_format import parse_date

_SPACE = r"[\s\u00a0\u202f]+"
_OPT_SPACE = r"[\s\u00a0\u202f]*"
_DAY = r"\d{1,2}(?:er|st|nd|rd|th|º)?"
# a month's name, in two words or as an Arabic pair ("تشرين الثاني/نوفمبر")
_MONTH = rf"[^\W\d_]{{3,}}\.?(?:{_SPACE}[^\W\d_]{{3,}})?(?:/[^\W\d_]+)?"
_YEAR = rf"\d{{4}}(?:{_SPACE}(?:года|г\.))?"
_DAY_MONTH = rf"{_DAY}{_SPACE}(?:de{_SPACE})?{_MONTH}"
# (a month named first starts a run of letters: tried once per word, never inside
# one, so a long run of letters costs linear time)
_FULL = (rf"{_DAY_MONTH}{_SPACE}(?:de{_SPACE})?{_YEAR}"
         rf"|(?<![^\W\d_])[^\W\d_]{{3,}}{_SPACE}\d{{1,2}},?{_SPACE}\d{{4}}"
         r"|\d{4}年\d{1,2}月\d{1,2}日")
_LINK = (rf"{_OPT_SPACE}(?:to|until|through|and|au|à|et(?:{_SPACE}le)?|al|a|hasta"
         rf"|y(?:{_SPACE}el)?|по|до|и|إلى|و|至|[-–—]){_OPT_SPACE}(?:the{_SPACE})?")
_PAIR_RE = re.compile(rf"(?<![0-9])(?P<first>{_FULL}|{_DAY_MONTH})(?={_LINK}(?:{_FULL}))"
                      rf"(?P<link>{_LINK})(?P<last>{_FULL})", re.IGNORECASE)
# "and" joins a period's two dates only after "between": "between 1 June and 30
# November 2020", "entre el 1 de junio y el 30"; "my letters of 1 June 2020 and
# 30 November 2020" names two dates, not a period.
_AND_LINK_RE = re.compile(r"\s*(?:and|et|y|и|و)\b", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"(?:between|entre|между|بين)[\s\u00a0]+(?:the[\s\u00a0]+|le[\s\u00a0]+|el"
                         r"[\s\u00a0]+)?$", re.IGNORECASE)
# A reporting period runs from three to seven months (quarterly reports,
# six-monthly letters); two dates further apart, or closer, are not a period.
PERIOD_DAYS = (60, 220)


@dataclass(frozen=True)
class StatedPeriod:
    """A period found in a text: its first and last days, and where it is written."""

    start: date
    end: date
    at: int  # offset of its first date in the text
    until: int  # offset just after its last date
    first_end: int = 0  # just after the first date
    last_start: int = 0  # where the last date starts


def stated_periods(text: str, language: str, any_length: bool = False) -> list[StatedPeriod]:
    """Every period `text` states, in order (see the module docstring).

    With `any_length`, two dates joined as a period count however far apart they
    are (for rewriting a period whose other end has already been changed)."""
    languages = (language,)
    out: list[StatedPeriod] = []
    for m in _PAIR_RE.finditer(text):
        if _AND_LINK_RE.match(m.group("link")) and not _BETWEEN_RE.search(
                text, max(0, m.start() - 24), m.start()):
            continue
        end = _read(m.group("last"), languages)
        if end is None:
            continue
        first = m.group("first")
        start = _read(first, languages)
        if start is None:  # "du 1er juin au 30 novembre 2022": the year is the last one's
            start = _read(f"{first} {end.year}", languages)
            if start is not None and start > end:
                start = _read(f"{first} {end.year - 1}", languages)
        if start is None or not (any_length or
                                 PERIOD_DAYS[0] <= (end - start).days <= PERIOD_DAYS[1]):
            continue
        out.append(StatedPeriod(start, end, m.start("first"), m.end("last"),
                                m.end("first"), m.start("last")))
    return out


def _read(text: str, languages: tuple[str, ...]) -> date | None:
    # "1er" and "1st" are the first day; parse_date reads day, month and year words
    cleaned = re.sub(r"^(\d{1,2})(?:er|st|nd|rd|th|º)", r"\1", text.strip())
    cleaned = re.sub(rf"{_SPACE}(?:года|г\.)$", "", cleaned)
    try:
        return parse_date(cleaned, languages)
    except ValueError:
        return None
