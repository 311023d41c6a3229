"""The check runner, with per-section and per-block caching for the GUI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from drafting.checks.blocks import BlockReport, check_block
from drafting.checks.carryover import carried_findings
from drafting.checks.concepts import ConceptHit, ConceptSet
from drafting.checks.conflicts import conflict_findings
from drafting.checks.context import context_hits
from drafting.checks.coverage import assess_coverage
from drafting.checks.letter_checks import (
    empty_section_findings,
    letter_length_finding,
    metadata_findings,
    section_length_finding,
    unassigned_findings,
)
from drafting.checks.mandate import mandate_findings
from drafting.checks.period_text import period_text_findings
from drafting.checks.result import CheckResult
from drafting.checks.review import review_findings, review_json
from drafting.findings import Finding
from drafting.letter import UNASSIGNED, Block, Letter
from drafting.templates.model import Template

BlockKey = tuple[object, ...]


def _block_key(block: Block, lang: str) -> BlockKey:
    return (
        block.id,
        block.kind,
        block.boilerplate,
        lang,
        tuple((s.text, s.kind, s.target) for s in block.spans),
    )


@dataclass
class _SectionResult:
    block_ids: tuple[str, ...]
    findings: list[Finding]
    reports: dict[str, BlockReport]
    words: int
    # requirements looked for in context (drafting.checks.context) → what was found
    in_context: dict[frozenset[str], dict[str, dict[str, ConceptHit]]] = field(
        default_factory=dict)


class Checker:
    """Runs every check on letters made from one template.

    `check(letter, changed_sections=[...])` re-examines only the listed
    sections and reuses the previous results for the others (as long as their
    blocks are the same ones); letter-wide checks (metadata, coverage, total
    length) always run, which is cheap. Without `changed_sections`, every
    section is re-examined, but unchanged blocks still come from the cache.
    """

    def __init__(self, template: Template) -> None:
        self.template = template
        self._concepts: ConceptSet | None = None
        self._blocks: dict[BlockKey, BlockReport] = {}
        self._sections: dict[str, _SectionResult] = {}
        self._language = ""

    def clear(self) -> None:
        """Forget every cached result."""
        self._blocks.clear()
        self._sections.clear()

    def check(
        self,
        letter: Letter,
        changed_sections: Iterable[str] | None = None,
        *,
        final: bool = False,
        extra_findings: Iterable[Finding] = (),
    ) -> CheckResult:
        """Check `letter`; see the package docstring for what blocks a final export.

        `extra_findings` (e.g. `input.*` findings from an import) are merged in
        and take part in the blocking rule.
        """
        lang = letter.metadata.language
        if lang != self._language or self._concepts is None:
            self.clear()
            self._language = lang
            # compiled once per template and language: every block then only indexes itself
            self._concepts = ConceptSet.of(self.template, lang)
        changed = None if changed_sections is None else set(changed_sections)
        used: dict[BlockKey, BlockReport] = {}
        sections: dict[str, _SectionResult] = {}
        for section in letter.sections:
            ids = tuple(b.id for b in section.blocks)
            cached = self._sections.get(section.id)
            if changed is not None and section.id not in changed and cached is not None \
                    and cached.block_ids == ids:
                sections[section.id] = cached
                for block in section.blocks:
                    key = _block_key(block, lang)
                    if key in self._blocks:
                        used[key] = self._blocks[key]
                continue
            sections[section.id] = self._check_section(section.id, section.blocks, lang, used)
        self._sections = sections
        findings = metadata_findings(letter, self.template)
        findings += empty_section_findings(letter, self.template)
        findings += carried_findings(letter)
        findings += conflict_findings(letter)
        findings += unassigned_findings(letter)
        findings += mandate_findings(letter, self.template)
        findings += period_text_findings(letter, self.template)
        findings += review_findings(letter)
        reports: dict[str, BlockReport] = {}
        for result in sections.values():
            findings += result.findings
            reports.update(result.reports)
        findings += self._loose_blocks(letter, lang, used)
        self._blocks = used
        statuses, coverage = assess_coverage(letter, self.template, reports, lang)
        missing = frozenset(s.id for s in statuses if s.status == "missing")
        if missing and self._read_in_context(letter, sections, reports, missing):
            statuses, coverage = assess_coverage(letter, self.template, reports, lang)
        findings += coverage
        by_section = {sid: r.words for sid, r in sections.items()}
        total = sum(by_section.values())
        over = letter_length_finding(total, self.template)
        if over is not None:
            findings.append(over)
        findings += list(extra_findings)
        if final:
            findings = [_final_blocking(f) for f in findings]
        order = {sid: i for i, sid in enumerate(letter.section_ids())}
        findings.sort(key=lambda f: _sort_key(f, order))
        return CheckResult(findings, statuses, {"total": total, "by_section": by_section}, final,
                           review=review_json(letter))

    def _read_in_context(self, letter: Letter, sections: dict[str, _SectionResult],
                         reports: dict[str, BlockReport], wanted: frozenset[str]) -> bool:
        """Requirements still missing are looked for in context (a bullet with
        its lead-in, a paragraph with its subheading); what is found joins
        `reports`. Only then, because context costs a second reading. True
        when something was found."""
        assert self._concepts is not None  # set by check()
        any_found = False
        for section in letter.sections:
            result = sections.get(section.id)
            if result is None:
                continue
            found = result.in_context.get(wanted)
            if found is None:
                found = result.in_context[wanted] = context_hits(
                    section.blocks, reports, self._concepts, wanted)
            for block_id, hits in found.items():
                report = reports[block_id]
                reports[block_id] = BlockReport(report.findings, {**hits, **report.hits},
                                                report.words)
                any_found = True
        return any_found

    def _report(self, block: Block, lang: str, used: dict[BlockKey, BlockReport]) -> BlockReport:
        key = _block_key(block, lang)
        report = used.get(key) or self._blocks.get(key)
        if report is None:
            assert self._concepts is not None  # set by check()
            report = check_block(block, lang, self._concepts)
        used[key] = report
        return report

    def _check_section(
        self, section_id: str, blocks: list[Block], lang: str, used: dict[BlockKey, BlockReport]
    ) -> _SectionResult:
        findings: list[Finding] = []
        reports: dict[str, BlockReport] = {}
        words = 0
        for index, block in enumerate(blocks):
            report = self._report(block, lang, used)
            reports[block.id] = report
            findings += [_located(f, section_id, index) for f in report.findings]
            words += report.words
        over = section_length_finding(section_id, words, self.template, lang)
        if over is not None:
            findings.append(over)
        return _SectionResult(tuple(b.id for b in blocks), findings, reports, words)

    def _loose_blocks(
        self, letter: Letter, lang: str, used: dict[BlockKey, BlockReport]
    ) -> list[Finding]:
        """Findings in the unassigned area and the annexes (no coverage there)."""
        out: list[Finding] = []
        groups: list[tuple[str, list[Block]]] = [(UNASSIGNED, letter.unassigned)]
        groups += [(f"annex-{n}", a.blocks) for n, a in enumerate(letter.annexes, start=1)]
        for where, blocks in groups:
            for index, block in enumerate(blocks):
                report = self._report(block, lang, used)
                out += [_located(f, where, index) for f in report.findings]
        return out


def _located(f: Finding, section: str, paragraph: int) -> Finding:
    """`f` placed at `paragraph` of `section`: `dataclasses.replace`, minus its
    per-field bookkeeping, which shows on a letter with many findings."""
    values = dict(f.__dict__)
    values["section"] = section
    values["paragraph"] = paragraph
    return Finding(**values)


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _sort_key(f: Finding, order: dict[str, int]) -> tuple[int, int, int, int]:
    if f.section is None:
        return (0, 0, _SEVERITY_ORDER.get(f.severity, 3), 0)
    position = order.get(f.section, len(order))
    return (1, position, -1 if f.paragraph is None else f.paragraph, 0)


def _final_blocking(f: Finding) -> Finding:
    if f.blocking:
        return f
    if f.severity == "error" or f.check == "input":
        return replace(f, blocking=True)
    return f


def run_checks(
    letter: Letter,
    template: Template,
    *,
    final: bool = False,
    extra_findings: Iterable[Finding] = (),
) -> CheckResult:
    """Run every check once on `letter` (no caching across calls)."""
    return Checker(template).check(letter, final=final, extra_findings=extra_findings)
