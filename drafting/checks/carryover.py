"""Carried-over text the writer has not yet confirmed for this period.

A block marked `carried` (see `drafting.importers.carry`) says something
about the previous period until the writer confirms or rewrites it; each one
is a `carryover.unconfirmed` warning that blocks a final export.
"""

from __future__ import annotations

from drafting.findings import Finding
from drafting.i18n import _
from drafting.letter import Letter

CODE_UNCONFIRMED = "carryover.unconfirmed"
_EXCERPT = 80


def carried_findings(letter: Letter) -> list[Finding]:
    """One blocking `carryover.unconfirmed` warning per carried block not yet confirmed.

    Empty carried blocks say nothing stale and are not reported.
    """
    findings: list[Finding] = []
    for sid, index, block in letter.iter_blocks():
        text = block.text.strip()
        if not block.carried or not text:
            continue
        excerpt = text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"
        findings.append(
            Finding(
                code=CODE_UNCONFIRMED,
                severity="warning",
                message=_(
                    "This paragraph was carried over from the previous letter: confirm it "
                    "or rewrite it for this period."
                ),
                section=sid,
                paragraph=index,
                block_id=block.id,
                excerpt=excerpt,
                blocking=True,
            )
        )
    return findings
