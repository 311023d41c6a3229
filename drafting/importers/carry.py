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

from datetime import date

from drafting.i18n import _, ngettext
from drafting.letter import Letter
from drafting.locale_format import add_months, format_date

PERIOD_MONTHS = 6
_DATE_FIELDS = ("letter_date", "date", "period_start", "period_end")


def carry_forward(letter: Letter, months: int = PERIOD_MONTHS) -> Letter:
    """A new letter for the next period from `letter` (which is not changed).

    Every body block with text (sections and "unassigned", boilerplate aside)
    gets `carried=True`; letter_date, date, period_start and period_end move
    `months` months on (day clamped to the month's end); symbol and job number
    are cleared. Requirement confirmations are kept: they point at blocks that
    stay flagged until the writer confirms or rewrites them.
    """
    new = letter.copy()
    for _sid, _index, block in new.iter_blocks():
        if block.text.strip() and not block.boilerplate:
            block.carried = True
    m = new.metadata
    for name in _DATE_FIELDS:
        value: date | None = getattr(m, name)
        if value is not None:
            setattr(m, name, add_months(value, months))
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
