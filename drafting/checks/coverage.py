"""Mandate coverage (DESIGN §3.1): which requirements the letter meets, and how
sure we are.

Detection *suggests*; the writer *confirms*. For each requirement:

* **confirmed** (status "covered", source "confirmed") — the writer linked it
  to at least one paragraph of this period;
* **suggested** (status "covered", source "detected") — a paragraph meets all
  of its concepts (`drafting.checks.concepts`), but nobody has looked yet;
  a final version refuses it (`coverage.unconfirmed`);
* **carried** (status "carried", source "carried") — the only evidence is
  text carried over from the previous letter that the writer has not
  confirmed: it speaks of the last period, not this one (`coverage.carried`);
* **missing** (status "missing") — nothing meets it (`coverage.missing`).

All three findings block a final version. Evidence is ranked by match
strength, the requirement's own section first, and never comes from a section
that restates the mandate (the `opening`), from template boilerplate the
writer has not edited, from subheadings, or from the unassigned area. A
paragraph that only restates a requirement's words without a fact is not
evidence either; it gets a `coverage.no_facts` warning.

Because the mandate asks for its items *exclusively*, every body paragraph
of at least `OUTSIDE_MANDATE_MIN_WORDS` words that meets no requirement (and
is not confirmed for any) is reported as `content.outside_mandate` (info);
bullet items and subheadings are not questioned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from drafting.checks.blocks import BlockReport
from drafting.checks.excerpts import excerpt
from drafting.checks.result import Evidence, RequirementStatus, Source, Status
from drafting.findings import Finding
from drafting.i18n import _, ngettext
from drafting.letter import Letter
from drafting.templates.model import Template

# Paragraphs shorter than this are transitions, not content worth questioning.
OUTSIDE_MANDATE_MIN_WORDS = 8
# Ranking: a paragraph in the requirement's own section is worth this much more.
OWN_SECTION_BONUS = 1.0
# Evidence shown: the best few, and only those close to the best.
MAX_EVIDENCE = 3
EVIDENCE_MARGIN = 1.0


@dataclass(frozen=True)
class _Candidate:
    section: str
    paragraph: int
    block_id: str
    text: str
    start: int
    end: int
    rank: float
    carried: bool


def _evidence_sections(letter: Letter, template: Template) -> set[str]:
    restating = {s.id for s in template.sections if s.restates_mandate}
    return {s.id for s in letter.sections if s.id not in restating}


def assess_coverage(
    letter: Letter,
    template: Template,
    reports: Mapping[str, BlockReport],
    language: str,
) -> tuple[list[RequirementStatus], list[Finding]]:
    """Requirement statuses and the coverage, no-facts and outside-mandate findings.

    `reports` maps block ids to their per-block reports (for concept hits).
    """
    counted = _evidence_sections(letter, template)
    statuses: list[RequirementStatus] = []
    findings: list[Finding] = []
    confirmed_any: set[str] = set()
    candidates, stubs = _candidates(letter, reports, counted, template)
    for tsec, req in template.requirements():
        label = req.label(language)
        evidence: list[Evidence] = []
        status: Status = "missing"
        source: Source | None = None
        confirmed = letter.confirmed_blocks(req.id)
        fresh = []
        for block_id in confirmed:
            found = letter.find_block(block_id)
            if found is None:  # pragma: no cover - confirmed_blocks filters these
                continue
            sid, index, block = found
            confirmed_any.add(block_id)
            item = Evidence(sid, index, excerpt(block.text, 0, 0), block_id)
            evidence.append(item)
            if not block.carried:
                fresh.append(item)
        if fresh:
            status, source, evidence = "covered", "confirmed", fresh
        elif evidence:
            # linked long ago to text that still speaks of the last period
            status, source = "carried", "carried"
        else:
            ranked = _ranked(candidates.get(req.id, []), tsec.id)
            new = [c for c in ranked if not c.carried]
            if new:
                status, source = "covered", "detected"
                evidence = _shown(new)
            elif ranked:
                status, source = "carried", "carried"
                evidence = _shown(ranked)
        statuses.append(RequirementStatus(
            id=req.id, ref=req.ref, section=tsec.id, status=status, source=source,
            evidence=evidence, label=label))
        findings += _status_findings(status, source, req.ref, label, tsec.id)
    findings += stubs
    findings += _outside_mandate(letter, reports, counted, confirmed_any)
    return statuses, findings


def _status_findings(status: Status, source: Source | None, ref: str, label: str,
                     section: str) -> list[Finding]:
    if status == "missing":
        return [Finding(
            "coverage.missing", "error",
            _("Requirement {ref} not covered: {label}.").format(ref=ref, label=label),
            section=section, blocking=True)]
    if status == "carried":
        return [Finding(
            "coverage.carried", "warning",
            _("Requirement {ref} ({label}) is met only by text carried over from the "
              "previous letter: confirm that text or write this period's.").format(
                ref=ref, label=label),
            section=section, blocking=True)]
    if source == "detected":
        return [Finding(
            "coverage.unconfirmed", "warning",
            _("Requirement {ref} ({label}) is suggested, not confirmed: check the evidence "
              "and confirm it.").format(ref=ref, label=label),
            section=section, blocking=True)]
    return []


def _candidates(
    letter: Letter, reports: Mapping[str, BlockReport], counted: set[str], template: Template
) -> tuple[dict[str, list[_Candidate]], list[Finding]]:
    """Concept hits of the counted sections' blocks, per requirement, and one
    `coverage.no_facts` finding per paragraph that only restates a requirement.

    One pass over the letter for all requirements, instead of one each.
    """
    own = {r.id: s.id for s, r in template.requirements()}
    found: dict[str, list[_Candidate]] = {}
    stubs: list[Finding] = []
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
            restated: list[str] = []
            for req_id, hit in report.hits.items():
                if hit.stub:
                    restated.append(req_id)
                    continue
                rank = hit.strength + (OWN_SECTION_BONUS if own.get(req_id) == section.id else 0)
                found.setdefault(req_id, []).append(_Candidate(
                    section.id, index, block.id, text, hit.start, hit.end, rank, block.carried))
            if restated:
                labels = {r.id: r for _s, r in template.requirements()}
                label = labels[restated[0]].label(letter.metadata.language)
                stubs.append(Finding(
                    "coverage.no_facts", "warning",
                    _("This paragraph restates the requirement “{label}” without a fact (a "
                      "number, a date, a place, a named operation), so it does not count as "
                      "evidence.").format(label=label),
                    section=section.id, paragraph=index, block_id=block.id,
                    excerpt=excerpt(text, 0, 0, width=100)))
    return found, stubs


def _ranked(candidates: list[_Candidate], own_section: str) -> list[_Candidate]:
    # stable: equal ranks keep reading order
    return sorted(candidates, key=lambda c: -c.rank)


def _shown(ranked: list[_Candidate]) -> list[Evidence]:
    best = ranked[0].rank
    return [
        Evidence(c.section, c.paragraph, excerpt(c.text, c.start, c.end), c.block_id,
                 round(c.rank, 2))
        for c in ranked[:MAX_EVIDENCE] if c.rank >= best - EVIDENCE_MARGIN
    ]


def coverage_summary(counts: Mapping[str, int]) -> str:
    """"12 confirmed · 3 suggested · 1 missing" (and the carried ones, if any)."""
    parts = [count_word("confirmed", counts.get("confirmed", 0)),
             count_word("suggested", counts.get("suggested", 0))]
    if counts.get("carried"):
        parts.append(count_word("carried", counts["carried"]))
    parts.append(count_word("missing", counts.get("missing", 0)))
    return " · ".join(parts)


def count_word(kind: str, n: int) -> str:
    """"3 suggested", in agreement with `n` where the language wants it ("1
    confirmée", "2 confirmées"); `kind` is confirmed, suggested, carried or missing."""
    if kind == "confirmed":
        return ngettext("{n} confirmed", "{n} confirmed", n).format(n=n)
    if kind == "suggested":
        return ngettext("{n} suggested", "{n} suggested", n).format(n=n)
    if kind == "carried":
        return ngettext("{n} carried", "{n} carried", n).format(n=n)
    return ngettext("{n} missing", "{n} missing", n).format(n=n)


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
