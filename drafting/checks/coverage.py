"""Mandate coverage (DESIGN §3.1): which requirements the letter meets.

A requirement is *confirmed* when the writer linked it to at least one
existing paragraph; otherwise it is *detected* when one of its cues matches a
paragraph that counts as evidence; otherwise it is *missing*, which blocks a
final export.

Evidence never comes from a section that restates the mandate (the
`opening`), from template boilerplate the writer has not edited, from
subheadings, or from the unassigned area (text not yet placed in the letter).

Because the mandate asks for its items *exclusively*, every body paragraph
of at least `OUTSIDE_MANDATE_MIN_WORDS` words that matches no requirement (and
is not confirmed for any) is reported as `content.outside_mandate` (info);
bullet items and subheadings are not questioned.
"""

from __future__ import annotations

from collections.abc import Mapping

from drafting.checks.blocks import BlockReport
from drafting.checks.cues import CueHit, excerpt
from drafting.checks.result import Evidence, RequirementStatus, Source
from drafting.findings import Finding
from drafting.i18n import _
from drafting.letter import Letter
from drafting.templates.model import Template

# Paragraphs shorter than this are transitions, not content worth questioning.
OUTSIDE_MANDATE_MIN_WORDS = 8


def _evidence_sections(letter: Letter, template: Template) -> set[str]:
    restating = {s.id for s in template.sections if s.restates_mandate}
    return {s.id for s in letter.sections if s.id not in restating}


def assess_coverage(
    letter: Letter,
    template: Template,
    reports: Mapping[str, BlockReport],
    language: str,
) -> tuple[list[RequirementStatus], list[Finding]]:
    """Requirement statuses and the coverage/outside-mandate findings.

    `reports` maps block ids to their per-block reports (for cue hits).
    """
    counted = _evidence_sections(letter, template)
    statuses: list[RequirementStatus] = []
    findings: list[Finding] = []
    confirmed_any: set[str] = set()
    detected: dict[str, list[tuple[str, int, str, str, CueHit]]] | None = None
    for tsec, req in template.requirements():
        evidence: list[Evidence] = []
        source: Source | None = None
        confirmed = letter.confirmed_blocks(req.id)
        if confirmed:
            source = "confirmed"
            for block_id in confirmed:
                found = letter.find_block(block_id)
                if found is None:  # pragma: no cover - confirmed_blocks filters these
                    continue
                sid, index, block = found
                confirmed_any.add(block_id)
                evidence.append(Evidence(sid, index, excerpt(block.text, 0, 0), block_id))
        else:
            if detected is None:
                detected = _hits_by_requirement(letter, reports, counted)
            for sid, index, text, block_id, hit in detected.get(req.id, ()):
                evidence.append(Evidence(sid, index, excerpt(text, hit.start, hit.end), block_id))
            if evidence:
                source = "detected"
        label = req.label(language)
        statuses.append(
            RequirementStatus(
                id=req.id,
                ref=req.ref,
                section=tsec.id,
                status="covered" if source else "missing",
                source=source,
                evidence=evidence,
                label=label,
            )
        )
        if source is None:
            findings.append(
                Finding(
                    "coverage.missing",
                    "error",
                    _("Requirement {ref} not covered: {label}.").format(ref=req.ref, label=label),
                    section=tsec.id,
                    blocking=True,
                )
            )
    findings += _outside_mandate(letter, reports, counted, confirmed_any)
    return statuses, findings


def _hits_by_requirement(
    letter: Letter, reports: Mapping[str, BlockReport], counted: set[str]
) -> dict[str, list[tuple[str, int, str, str, CueHit]]]:
    """Cue hits of the counted sections' blocks, per requirement, in reading order.

    One pass over the letter for all requirements, instead of one each.
    """
    found: dict[str, list[tuple[str, int, str, str, CueHit]]] = {}
    for section in letter.sections:
        if section.id not in counted:
            continue
        for index, block in enumerate(section.blocks):
            if block.boilerplate:
                continue
            report = reports.get(block.id)
            if not report or not report.hits:
                continue
            text = block.text
            for req_id, hit in report.hits.items():
                found.setdefault(req_id, []).append((section.id, index, text, block.id, hit))
    return found


def _outside_mandate(
    letter: Letter,
    reports: Mapping[str, BlockReport],
    counted: set[str],
    confirmed: set[str],
) -> list[Finding]:
    out: list[Finding] = []
    for section in letter.sections:
        if section.id not in counted:
            continue
        for index, block in enumerate(section.blocks):
            if block.kind != "paragraph" or block.boilerplate or block.id in confirmed:
                continue
            report = reports.get(block.id)
            if report is not None and report.hits:
                continue
            if block.word_count() < OUTSIDE_MANDATE_MIN_WORDS:
                continue
            out.append(
                Finding(
                    "content.outside_mandate",
                    "info",
                    _("This paragraph matches none of the mandate's requirements: "
                      "is it outside the mandate's list?"),
                    section=section.id,
                    paragraph=index,
                    block_id=block.id,
                    excerpt=excerpt(block.text, 0, 0, width=100),
                )
            )
    return out
