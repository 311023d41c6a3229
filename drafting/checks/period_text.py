"""The period the opening states agrees with the letter's reporting period.

The template's opening says which period the letter covers ("from [start
date] to [end date]"); setting the period writes those dates
(`drafting.edits.period`). A carried-over opening, an imported letter
written elsewhere or a hand edit can still state another period than the
one in the letter's details: "from 1 June 2020 to 30 November 2020" in the
letter for December to May. Code:

* `metadata.period_text_mismatch` (warning, blocks a final version) — a
  section that states the period (`Template.period_section_ids`) names a
  pair of dates ("from A to B", "du A au B", "del A al B", "с A по B") and
  no such pair is the reporting period.

Only a *pair* of dates with a short link between them counts as a stated
period, so other dates in the opening (a resolution's adoption) are left
alone; nothing is said while the period is not set.
"""

from __future__ import annotations

import re
from datetime import date

from drafting.findings import Finding
from drafting.i18n import _
from drafting.letter import Letter
from drafting.locale_format import format_date, parse_date
from drafting.templates.model import Template

_SPACE = r"[\s\u00a0\u202f]+"
_MONTH = rf"[^\W\d_]{{3,}}\.?(?:{_SPACE}[^\W\d_]{{3,}})?(?:/[^\W\d_]+)?"  # "تشرين الثاني/نوفمبر"
# "1 June 2020", "1er juin 2020", "1 de junio de 2020", "1 июня 2020 года",
# "1 حزيران/يونيه 2020", "June 1, 2020", "2020年6月1日"
_DATE_RE = re.compile(
    rf"\b\d{{1,2}}(?:er|st|nd|rd|th|º)?{_SPACE}(?:de{_SPACE})?{_MONTH}{_SPACE}(?:de{_SPACE})?"
    rf"\d{{4}}(?:{_SPACE}(?:года|г\.))?(?!\w)"
    rf"|\b[^\W\d_]{{3,}}{_SPACE}\d{{1,2}},?{_SPACE}\d{{4}}\b"
    r"|\d{4}年\d{1,2}月\d{1,2}日")
# What may stand between the two dates of a stated period.
_LINK_RE = re.compile(
    r"[\s\u00a0\u202f]*(?:to|until|through|au|à|al|a|y(?:[\s\u00a0]+el)?|hasta|по|до|إلى|至"
    r"|[-–—])[\s\u00a0\u202f]*(?:the[\s\u00a0\u202f]+)?", re.IGNORECASE)


def stated_periods(text: str, lang: str) -> list[tuple[date, date, int, int]]:
    """Each (first date, last date, start, end) pair of dates `text` states as a period."""
    found: list[tuple[date, int, int]] = []
    for m in _DATE_RE.finditer(text):
        try:
            day = parse_date(m.group(0), (lang,))
        except ValueError:
            continue
        if day is not None:
            found.append((day, m.start(), m.end()))
    out = []
    for (a, a_start, a_end), (b, b_start, b_end) in zip(found, found[1:], strict=False):
        if _LINK_RE.fullmatch(text, a_end, b_start):
            out.append((a, b, a_start, b_end))
    return out


def period_text_findings(letter: Letter, template: Template) -> list[Finding]:
    """`metadata.period_text_mismatch` (see the module docstring)."""
    m = letter.metadata
    if m.period_start is None or m.period_end is None:
        return []
    lang = m.language or "en"
    present = set(letter.section_ids())
    out: list[Finding] = []
    for section_id in template.period_section_ids():
        if section_id not in present:
            continue
        for index, block in enumerate(letter.section(section_id).blocks):
            stated = stated_periods(block.text, lang)
            if not stated or any((a, b) == (m.period_start, m.period_end)
                                 for a, b, _s, _e in stated):
                continue
            a, b, start, end = stated[0]
            out.append(Finding(
                "metadata.period_text_mismatch", "warning",
                _("This paragraph says the letter covers {stated_start} to {stated_end}, but "
                  "the reporting period is {start} to {end}: set the period again (Letter "
                  "details) or correct the dates.").format(
                    stated_start=_written(a, lang), stated_end=_written(b, lang),
                    start=_written(m.period_start, lang), end=_written(m.period_end, lang)),
                section=section_id, paragraph=index, block_id=block.id,
                excerpt=block.text[start:end], blocking=True))
    return out


def _written(day: date, lang: str) -> str:
    try:
        return format_date(day, lang)
    except ValueError:
        return day.isoformat()
