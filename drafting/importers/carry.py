"""Carry-forward: the next period's letter started from the previous one.

`carry_forward` copies a letter, marks every body paragraph with text as
"carried over", moves the letter, masthead and reporting-period dates six
months on and clears what belongs to the old document (symbol, job number).
The writer then confirms each carried paragraph or rewrites it
(`drafting.edits.confirm_carried`; any edit of a carried block's text clears
the mark, `drafting.edits.settle_marks`). The checks report the paragraphs
still unconfirmed (`drafting.checks.carryover`).

Template boilerplate (unedited) is not marked: it is the template's text,
not the previous letter's.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from drafting.i18n import _, ngettext
from drafting.letter import Letter
from drafting.locale_format import add_months, format_date

if TYPE_CHECKING:
    from drafting.templates.model import Template

PERIOD_MONTHS = 6
_DATE_FIELDS = ("letter_date", "date", "period_start", "period_end")
_DAY = timedelta(days=1)


def next_period(start: date | None, end: date | None,
                months: int = PERIOD_MONTHS) -> tuple[date | None, date | None]:
    """The reporting period after (start, end): it begins the day after `end`
    and lasts `months` months (1 June–30 November 2020 → 1 December 2020–31 May
    2021, not 30 May). A bound not set moves `months` on, or stays unset."""
    if end is None:
        return (add_months(start, months) if start else None), None
    new_start = end + _DAY
    return new_start, add_months(new_start, months) - _DAY


def carry_forward(letter: Letter, months: int | None = None,
                  template: Template | None = None) -> Letter:
    """A new letter for the next period from `letter` (which is not changed).

    Every body block with text (sections and "unassigned", boilerplate aside)
    gets `carried=True`; letter_date and date move `months` months on (by
    default the template's period, `Template.period_months`, else six; day
    clamped to the month's end), the reporting period becomes the next one
    (`next_period`); symbol and job number are cleared. With the `template`,
    the dates of the period are also rewritten where the opening states them
    (`drafting.edits.period.set_period`; the paragraph stays carried over).
    Requirement confirmations are kept: they point at blocks that stay
    flagged until the writer confirms or rewrites them.
    """
    if months is None:  # the template's period (a quarter for a report), else six months
        months = template.period_months if template is not None else PERIOD_MONTHS
    new = letter.copy()
    for _sid, _index, block in new.iter_blocks():
        if block.text.strip() and not block.boilerplate:
            block.carried = True
    m = new.metadata
    for name in ("letter_date", "date"):
        value: date | None = getattr(m, name)
        if value is not None:
            setattr(m, name, add_months(value, months))
    start, end = next_period(m.period_start, m.period_end, months)
    if template is None:
        m.period_start, m.period_end = start, end
    else:
        from drafting.edits.period import set_period

        for name, value in (("period_start", start), ("period_end", end)):
            new = set_period(new, template, name, value).apply(new)
        m = new.metadata
    m.symbol = ""
    m.job_number = ""
    return new


def carry_summary(before: Letter, after: Letter) -> list[str]:
    """What carry-forward changed, one line per date, dates in the letter's language.

    E.g. fr "Date de la lettre : 1er juin 2020 → 1er décembre 2020" (labels in
    the interface language, dates formatted for the letter).
    """
    lang = after.metadata.language
    labels = {
        "letter_date": _("Letter date"),
        "date": _("Issue date"),
        "period_start": _("Reporting period start"),
        "period_end": _("Reporting period end"),
    }
    lines: list[str] = []
    for name in _DATE_FIELDS:
        old: date | None = getattr(before.metadata, name)
        new: date | None = getattr(after.metadata, name)
        if old is not None and new is not None and old != new:
            lines.append(
                _("{label}: {old} → {new}").format(
                    label=labels[name], old=format_date(old, lang), new=format_date(new, lang)
                )
            )
    n = carried_count(after)
    lines.append(
        ngettext(
            "{n} paragraph carried over: confirm or rewrite it before the final version.",
            "{n} paragraphs carried over: confirm or rewrite each before the final version.",
            n,
        ).format(n=n)
    )
    return lines


def carried_count(letter: Letter) -> int:
    """How many blocks are still marked as carried over."""
    return sum(1 for _sid, _i, b in letter.iter_blocks() if b.carried and b.text.strip())
