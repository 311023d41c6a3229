"""What a check run returns: findings, requirement statuses and word counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from drafting.checks.grouping import group_findings
from drafting.findings import Finding

Status = Literal["covered", "carried", "missing"]
Source = Literal["confirmed", "detected", "carried"]


@dataclass(frozen=True)
class Evidence:
    """A paragraph that meets a requirement (suggested by detection, or confirmed).

    `strength` ranks detected evidence (0 for a confirmation).
    """

    section: str
    paragraph: int  # 0-based index of the block in its section
    excerpt: str
    block_id: str
    strength: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"section": self.section, "paragraph": self.paragraph, "excerpt": self.excerpt}


@dataclass
class RequirementStatus:
    """Whether one mandate requirement is met, and by which paragraphs.

    `status` is "covered", "carried" or "missing". `source` is "confirmed" when
    the writer linked at least one paragraph of this period to it (confirmation
    overrides detection); "detected" when only concept matching *suggests*
    evidence; "carried" when the only evidence is text carried over from the
    previous letter that the writer has not confirmed (status "carried"); None
    when it is missing. Evidence comes best first.
    """

    id: str
    ref: str
    section: str
    status: Status
    source: Source | None
    evidence: list[Evidence] = field(default_factory=list)
    label: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ref": self.ref,
            "status": self.status,
            "source": self.source,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass
class CheckResult:
    """Everything the checks found about one letter.

    `words` is {"total": int, "by_section": {section id: int}}. `final` records
    whether the run applied the final-export rule (every error blocks).
    """

    findings: list[Finding]
    requirements: list[RequirementStatus]
    words: dict[str, Any]
    final: bool = False
    # The `suggestions` and `comments` lists of `check --json` (`checks.review`).
    review: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _reported: tuple[list[Finding], list[Finding]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def reported(self) -> list[Finding]:
        """The findings as a reviewer sees them: typography and carried-over text
        grouped per section, blocking first (`drafting.checks.grouping`)."""
        if self._reported is None or self._reported[0] is not self.findings:
            self._reported = (self.findings, group_findings(self.findings))
        return list(self._reported[1])

    def blocking(self) -> list[Finding]:
        """The findings that prevent a final export (see the package docstring)."""
        return [f for f in self.findings if f.blocking]

    def requirement(self, requirement_id: str) -> RequirementStatus:
        for r in self.requirements:
            if r.id == requirement_id:
                return r
        raise KeyError(requirement_id)

    def missing(self) -> list[str]:
        """Ids of the requirements with status "missing"."""
        return [r.id for r in self.requirements if r.status == "missing"]

    def coverage_counts(self) -> dict[str, int]:
        """How many requirements are confirmed, suggested, carried and missing."""
        counts = {"confirmed": 0, "suggested": 0, "carried": 0, "missing": 0}
        for r in self.requirements:
            if r.status == "missing":
                counts["missing"] += 1
            elif r.status == "carried":
                counts["carried"] += 1
            elif r.source == "confirmed":
                counts["confirmed"] += 1
            else:
                counts["suggested"] += 1
        return counts

    def by_code(self, prefix: str) -> list[Finding]:
        """Findings whose code is `prefix` or starts with `prefix` + "."."""
        return [
            f for f in self.findings if f.code == prefix or f.code.startswith(prefix + ".")
        ]

    def to_json(self, template_id: str, language: str) -> dict[str, Any]:
        """The `check --json` object of DESIGN §5."""
        return {
            "template": template_id,
            "language": language,
            "requirements": [r.to_json() for r in self.requirements],
            "findings": [f.to_json() for f in self.reported()],
            "words": {
                "total": int(self.words.get("total", 0)),
                "by_section": dict(self.words.get("by_section", {})),
            },
            "suggestions": list(self.review.get("suggestions", [])),
            "comments": list(self.review.get("comments", [])),
        }
