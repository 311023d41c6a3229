"""The reporting period, and the text of the letter that names it.

A template's opening says which period the letter covers with two
placeholders ("from [start date] to [end date]"). Setting a bound of the
period fills its placeholder with the date written out in the letter's
language; changing it again changes that date; clearing it puts the
placeholder back. Metadata and text change together, as one `Change` (one
undo step in the GUI).
"""

from __future__ import annotations

import re
from datetime import date

from drafting.edits.change import Change, blocks_of
from drafting.edits.ops import set_metadata
from drafting.edits.text import replace_range
from drafting.i18n import _, lazy
from drafting.letter import Letter
from drafting.letter_strings import PERIOD_PLACEHOLDERS
from drafting.locale_format import format_date
from drafting.periods import stated_periods
from drafting.templates.model import Template

PERIOD_FIELDS = tuple(PERIOD_PLACEHOLDERS)


def period_sections(letter: Letter, template: Template) -> list[str]:
    """The sections of `letter` whose template text names the period with its
    placeholders (`Template.period_section_ids`)."""
    present = set(letter.section_ids())
    return [sid for sid in template.period_section_ids() if sid in present]


def _written(value: date | None, name: str, language: str) -> str:
    if value is None:
        return PERIOD_PLACEHOLDERS[name].get(language, PERIOD_PLACEHOLDERS[name]["en"])
    try:
        return format_date(value, language)
    except ValueError:  # a language babel does not know: ISO is still readable
        return value.isoformat()


def set_period(letter: Letter, template: Template, name: str, value: date | None) -> Change:
    """Set "period_start" or "period_end", and write it where the text names it.

    In the sections `period_sections` finds, the bound's placeholder (in any
    of the six languages) or the date it was set to before (as this language
    writes it) becomes the new date written out; None puts the placeholder
    back. Raises KeyError for another field.
    """
    if name not in PERIOD_FIELDS:
        raise KeyError(name)
    change = set_metadata(letter, template, name, value)
    if change.empty:
        return change
    change.label = lazy(lambda: _("Set the reporting period"))
    language = letter.metadata.language or "en"
    old: date | None = getattr(letter.metadata, name)
    targets = [*PERIOD_PLACEHOLDERS[name].values()]
    if old is not None:
        targets.append(_written(old, name, language))
    new_text = _written(value, name, language)
    for section_id in period_sections(letter, template):
        blocks = list(blocks_of(letter, section_id))
        touched = False
        for i, block in enumerate(blocks):
            where = _place(block.text, targets, new_text, name, old, language)
            if where is not None:
                # Filled for the writer: the block keeps its marks (it is still
                # the template's or the previous letter's text).
                blocks[i] = replace_range(block, where[0], where[1], new_text)
                touched = True
        if touched:
            change.sections[section_id] = (list(blocks_of(letter, section_id)), blocks)
    return change


def _place(text: str, targets: list[str], new_text: str, name: str, old: date | None,
           language: str) -> tuple[int, int] | None:
    """Where in `text` the bound `name` is written: a placeholder or the old date
    as this language writes it, else the old date in the period the text states
    in its own words ("du 1er juin au 30 novembre 2020", "1 juin 2020" without its
    "er"), whatever the other bound says by now."""
    for target in targets:
        if target == new_text:
            continue
        # spaces as typed or as printed ("1er\u00a0juin 2020" comes back from an
        # exported DOCX with its no-break space); never inside a longer date
        found = _spaced(target).search(text)
        if found is not None:
            return found.start(), found.end()
    if old is None:
        return None
    for stated in stated_periods(text, language, any_length=True):
        if name == "period_start" and stated.start == old:
            return stated.at, stated.first_end
        if name == "period_end" and stated.end == old:
            return stated.last_start, stated.until
    return None


def _spaced(text: str) -> re.Pattern[str]:
    """`text` found whatever spaces separate its words (no-break ones included),
    not as the end of a longer number ("1 June 2020" is not in "21 June 2020")."""
    body = r"[\s\u00a0\u202f]+".join(re.escape(w) for w in text.split())
    return re.compile(rf"(?<!\d){body}(?!\d)")


__all__ = ["PERIOD_FIELDS", "period_sections", "set_period"]
