"""The period the opening states agrees with the letter's reporting period.

The template's opening says which period the letter covers ("from [start
date] to [end date]"); setting the period writes those dates
(`drafting.edits.period`). A carried-over opening, an imported letter
written elsewhere or a hand edit can still state another period than the
one in the letter's details: "from 1 June 2020 to 30 November 2020" in the
letter for December to May. Code:

* `metadata.period_text_mismatch` (warning, blocks a final version) — a
  section that states the period (`Template.period_section_ids`) states
  one (`drafting.periods`: "from A to B", "du A au B", "с A по B") and no
  period it states is the reporting period.

Only two dates joined as a period count, so other dates in the opening (a
resolution's adoption) are left alone; nothing is said while the period is
not set. The finding's fix writes the letter's period in place of the one
stated (Apply fix in the window).
"""

from __future__ import annotations

from datetime import date

from drafting.findings import Finding, Fix
from drafting.i18n import _
from drafting.letter import Letter
from drafting.locale_format import format_date
from drafting.periods import PERIOD_DAYS, stated_periods
from drafting.templates.model import Template


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
            # a period of the usual length, or any pair sharing one of the letter's
            # bounds (one end rewritten, not the other: "du 1er juin au 31 mai 2021")
            stated = [p for p in stated_periods(block.text, lang, any_length=True)
                      if PERIOD_DAYS[0] <= (p.end - p.start).days <= PERIOD_DAYS[1]
                      or p.start == m.period_start or p.end == m.period_end]
            if not stated or any((p.start, p.end) == (m.period_start, m.period_end)
                                 for p in stated):
                continue
            first = stated[0]
            a, b, start, end = first.start, first.end, first.at, first.until
            # the fix writes the letter's period in its place, keeping the words
            # between the two dates ("au", "to", "y el")
            written = (_written(m.period_start, lang) + block.text[first.first_end:first.last_start]
                       + _written(m.period_end, lang))
            out.append(Finding(
                "metadata.period_text_mismatch", "warning",
                _("This paragraph says the letter covers {stated_start} to {stated_end}, but "
                  "the reporting period is {start} to {end}: set the period again (Letter "
                  "details) or correct the dates.").format(
                    stated_start=_written(a, lang), stated_end=_written(b, lang),
                    start=_written(m.period_start, lang), end=_written(m.period_end, lang)),
                section=section_id, paragraph=index, block_id=block.id,
                excerpt=block.text[start:end], blocking=True,
                fix=Fix(block.id, start, end - start, written)))
    return out


def _written(day: date, lang: str) -> str:
    try:
        return format_date(day, lang)
    except ValueError:
        return day.isoformat()
