"""Merge conflicts still to resolve (issue 20).

Each conflict a merge kept in the letter (`drafting.conflicts`) is one
`merge.conflict` error that blocks a final version: the letter holds this
copy's version, and the other copy's waits for the writer's choice.
"""

from __future__ import annotations

from drafting.findings import Finding
from drafting.i18n import _
from drafting.letter import Letter

CODE_CONFLICT = "merge.conflict"
_EXCERPT = 80


def conflict_findings(letter: Letter) -> list[Finding]:
    """One blocking `merge.conflict` error per unresolved conflict."""
    findings: list[Finding] = []
    where = {b.id: (sid, i, b.text) for sid, i, b in letter.iter_blocks()}
    for c in letter.conflicts:
        section: str | None = None
        paragraph: int | None = None
        block_id: str | None = None
        excerpt = ""
        if c.kind == "block":
            found = where.get(c.key)
            section = found[0] if found else (c.place or None)
            paragraph = found[1] if found else None
            block_id = c.key if found else None
            text = found[2] if found else _block_text(c.theirs)
            excerpt = text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…"
            if c.ours is None:
                message = _("This copy deleted a paragraph that the other copy changed: "
                            "keep it deleted or take the other version back.")
            elif c.theirs is None:
                message = _("The other copy deleted this paragraph, which this copy "
                            "changed: keep it or delete it.")
            else:
                message = _("Both copies changed this paragraph: keep one version or "
                            "edit it.")
        elif c.kind == "metadata":
            message = _("Both copies changed the letter detail “{field}”: keep one "
                        "value.").format(field=c.key)
        else:
            message = _("Both copies changed “{name}” differently: keep one "
                        "version.").format(name=c.place or c.key)
        findings.append(Finding(code=CODE_CONFLICT, severity="error", message=message,
                                section=section, paragraph=paragraph, block_id=block_id,
                                excerpt=excerpt, blocking=True))
    return findings


def _block_text(block: object) -> str:
    if not isinstance(block, dict):
        return ""
    spans = block.get("spans", [])
    return "".join(str(s.get("text", "")) for s in spans if isinstance(s, dict))
