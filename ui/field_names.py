"""The letter's details and fixed values named in the writer's words.

Views that show a detail by itself (the comparison of two versions, the
template editor) name it as the details page does, never by its field name
("letter_date") or its stored value ("security-council", "fr").
"""

from __future__ import annotations

from datetime import date

from drafting.i18n import N_, _, current_language
from drafting.locale_format import format_date

FIELD_LABELS: dict[str, str] = {
    "mission": N_("Mission"),
    "organ": N_("Organ"),
    "symbol": N_("Symbol"),
    "date": N_("Masthead date"),
    "letter_date": N_("Letter date"),
    "language": N_("Language"),
    "original_language": N_("Original language"),
    "job_number": N_("Job number"),
    "addressee": N_("Addressee"),
    "signatory": N_("Signatory"),
    "period_start": N_("Reporting period from"),
    "period_end": N_("Reporting period to"),
    "mandate_reference": N_("Mandate"),
    "closing": N_("Closing formula"),
}

ORGAN_NAMES: dict[str, str] = {
    "security-council": N_("Security Council"),
    "general-assembly": N_("General Assembly"),
}

_DATE_FIELDS = ("date", "letter_date", "period_start", "period_end")
_LANGUAGE_FIELDS = ("language", "original_language")


def field_label(name: str) -> str:
    """A letter detail's name in the interface language ("Letter date")."""
    label = FIELD_LABELS.get(name)
    return _(label) if label else name.replace("_", " ").capitalize()


def organ_name(organ: str) -> str:
    label = ORGAN_NAMES.get(organ)
    return _(label) if label else organ


def field_value(name: str, value: str) -> str:
    """A stored value of a letter detail as the writer reads it: dates written
    out, languages and organs named."""
    if not value:
        return value
    if name in _DATE_FIELDS:
        try:
            return format_date(date.fromisoformat(value), current_language())
        except ValueError:
            return value
    if name in _LANGUAGE_FIELDS:
        from ui.template_editor.language_columns import language_title

        return language_title(value, with_code=False)
    if name == "organ":
        return organ_name(value)
    return value


__all__ = ["FIELD_LABELS", "ORGAN_NAMES", "field_label", "field_value", "organ_name"]
