"""One vocabulary for a requirement's state, shared by the coverage map, the
navigator and the guidance panel.

A requirement is **confirmed** (the writer linked a paragraph of this
period), **suggested** (a paragraph seems to meet it, nobody has looked),
**carried** (only last letter's text meets it) or **missing**. Each state has
its own word, colour and symbol, so no view shows a guess as if it were met;
the symbol carries the meaning for readers who cannot tell the colours apart.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from drafting.i18n import _

CONFIRMED = "confirmed"
SUGGESTED = "suggested"
CARRIED = "carried"
MISSING = "missing"
KINDS = (CONFIRMED, SUGGESTED, CARRIED, MISSING)

# Cell backgrounds of the coverage map and the navigator's dots.
BACKGROUND = {
    CONFIRMED: QColor(39, 140, 80),
    SUGGESTED: QColor(241, 196, 15),
    CARRIED: QColor(125, 90, 170),
    MISSING: QColor(214, 69, 65),
}
# Text drawn on those backgrounds.
FOREGROUND = {
    CONFIRMED: QColor("white"),
    SUGGESTED: QColor("black"),
    CARRIED: QColor("white"),
    MISSING: QColor("white"),
}
# Darker shades for a coloured word on a light panel.
TEXT_COLOR = {
    CONFIRMED: "#1e8449",
    SUGGESTED: "#9a6a00",
    CARRIED: "#6c3fa0",
    MISSING: "#c0392b",
}
# The same marks as `check` prints (✓ there, ✔ here: the heavier one reads on colour).
SYMBOL = {CONFIRMED: "✔", SUGGESTED: "?", CARRIED: "↻", MISSING: "✖"}


def kind_of(status: Any) -> str:
    """The state of a `RequirementStatus` (None: missing)."""
    if status is None or status.status == "missing":
        return MISSING
    if status.status == "carried":
        return CARRIED
    return CONFIRMED if status.source == "confirmed" else SUGGESTED


def word(kind: str) -> str:
    """The state as one word, capitalized ("Suggested")."""
    return {
        CONFIRMED: _("Confirmed"),
        SUGGESTED: _("Suggested"),
        CARRIED: _("Carried"),
        MISSING: _("Missing"),
    }[kind]


def explanation(kind: str) -> str:
    """What the state means, for tooltips and the legend."""
    return {
        CONFIRMED: _("You confirmed a paragraph of this period for it."),
        SUGGESTED: _("A paragraph seems to meet it: read it and confirm it."),
        CARRIED: _("Only text carried over from the previous letter meets it: confirm that "
                   "text or write this period's."),
        MISSING: _("Nothing in the letter meets it yet."),
    }[kind]


def counts(statuses: list[Any]) -> dict[str, int]:
    """How many requirements are in each state."""
    out = dict.fromkeys(KINDS, 0)
    for status in statuses:
        out[kind_of(status)] += 1
    return out
