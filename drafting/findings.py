"""Findings: what the checks say about a letter (CONVENTIONS rule 3).

A finding is data: a dotted code whose first part names the check (DESIGN §5),
a severity, a location and a message in the interface language. It may carry
an automatic `Fix` — a replacement in one block's plain text — that the GUI
applies one at a time or all at once and that export applies too. A grouped
finding (one per section for typography and carried-over text) keeps the
findings it stands for in `members`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Fix:
    """Replace `length` characters at `offset` of block `block_id`'s text."""

    block_id: str
    offset: int
    length: int
    replacement: str


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    section: str | None = None  # section id, "unassigned", or None (letter-wide)
    paragraph: int | None = None  # 0-based index of the block in the section
    block_id: str | None = None
    excerpt: str = ""
    fix: Fix | None = None
    # True when this finding prevents a final export
    blocking: bool = False
    # Where in the block's text the finding is (a placeholder, a figure), for
    # the editor to select it; None when it is about the whole block.
    start: int | None = None
    length: int = 0
    # A grouped finding (`drafting.checks.grouping`) stands for these; () otherwise.
    members: tuple[Finding, ...] = ()

    @property
    def check(self) -> str:
        return self.code.split(".", 1)[0]

    def fixes(self) -> list[Fix]:
        """The automatic fixes this finding stands for (a group's: all its members')."""
        return [f.fix for f in (self.members or (self,)) if f.fix is not None]

    def to_json(self) -> dict[str, Any]:
        """The DESIGN §5 shape of one finding."""
        return {
            "code": self.code,
            "severity": self.severity,
            "section": self.section,
            "paragraph": self.paragraph,
            "message": self.message,
        }


def severity_label(severity: str) -> str:
    """A severity in the interface language ("Error", "Erreur"), for the window
    and the command line alike."""
    from drafting.i18n import _

    return {"error": _("Error"), "warning": _("Warning"), "info": _("Info")}.get(severity, severity)
