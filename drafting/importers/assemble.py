"""The outcome of an import: the letter, the heading → section mapping, notices.

The letter is always rebuilt from the `Analysis`, so `remap` (the GUI moving
a heading to another section before accepting) gives the same letter a fresh
import would have given with that choice, with the same block ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafting.errors import UnknownSectionError
from drafting.findings import Finding
from drafting.i18n import _
from drafting.importers.mapping import Analysis
from drafting.importers.titles import parse_period, same_addressee
from drafting.letter import UNASSIGNED, Annex, Block, Letter
from drafting.templates.model import Template, pick


@dataclass(frozen=True)
class MappingRow:
    """One heading of the source (or a headless stretch of text) and where it went.

    `section_id` None means "unassigned"; `score` is the match score of the
    heading against that section (1.0 for text before the first heading);
    `paragraphs` counts the body blocks under the heading. `label` names a
    row without a heading, e.g. "(before the first heading)". `nested_in`
    is, for a heading that matched no section but sits inside one, that
    section: the heading stays there as a subheading (`subheading`) unless
    the writer moves it elsewhere.
    """

    heading: str
    section_id: str | None
    score: float
    paragraphs: int
    label: str = ""
    nested_in: str | None = None
    by_text: bool = False  # placed by what its text is about, not by its heading's words

    @property
    def subheading(self) -> bool:
        """True when the heading stays a subheading of the section it sits in."""
        return self.nested_in is not None and self.section_id == self.nested_in


@dataclass
class ImportResult:
    """What `import_letter` returns; `remap` gives a new one."""

    letter: Letter
    mapping: list[MappingRow]
    notices: list[str]
    analysis: Analysis | None = field(default=None, repr=False, compare=False)
    template: Template | None = field(default=None, repr=False, compare=False)
    language: str = ""
    # `input.*` findings of the reader (see `SourceDocument.findings`)
    findings: list[Finding] = field(default_factory=list)


def _copy(block: Block) -> Block:
    return Block.from_dict(block.to_dict())  # same id, independent object


def build_result(analysis: Analysis, template: Template, language: str) -> ImportResult:
    """The letter and the mapping rows for the current assignments of `analysis`."""
    from drafting.templates.catalog import create_letter

    letter = create_letter(template, language)
    incoming: dict[str, list[Block]] = {sid: [] for sid in letter.section_ids()}
    unassigned: list[Block] = []
    rows: list[MappingRow] = []
    for index, group in enumerate(analysis.groups):
        target = analysis.assignment(index)
        if target is not None and target not in incoming:
            target = None  # a section the template does not have: keep the text anyway
        nested = group.parent is not None and group.best is None
        nested = nested and index not in analysis.overrides
        keep_heading = group.heading is not None and (
            target is None
            or nested  # a subheading stays a subheading in its parent's section
            or bool(incoming[target])
            or not template.section(target).has_heading
        )
        blocks = ([_copy(group.heading)] if keep_heading and group.heading else []) + [
            _copy(b) for b in group.blocks
        ]
        (unassigned if target is None else incoming[target]).extend(blocks)
        if group.kind == "preamble":
            score = 1.0
        elif target is None:
            score = group.best_score
        else:
            score = group.scores.get(target, 1.0 if group.kind != "heading" else 0.0)
        rows.append(
            MappingRow(
                heading=group.heading_text,
                section_id=target,
                score=round(score, 2),
                paragraphs=len(group.blocks),
                label=group.label,
                nested_in=analysis.nesting(index),
                by_text=group.by_text and index not in analysis.overrides,
            )
        )
    for section in letter.sections:
        if incoming[section.id]:
            section.blocks = incoming[section.id]  # the previous letter replaces boilerplate
    letter.unassigned = unassigned
    letter.annexes = [
        Annex(a.title, a.original_language, [_copy(b) for b in a.blocks])
        for a in analysis.annexes
    ]
    _fill_metadata(letter, analysis, template, language)
    return ImportResult(
        letter=letter,
        mapping=rows,
        notices=list(analysis.notices),
        findings=list(analysis.findings),
        analysis=analysis,
        template=template,
        language=language,
    )


def _fill_metadata(letter: Letter, analysis: Analysis, template: Template, language: str) -> None:
    m = letter.metadata
    if analysis.letter_date is not None:
        m.letter_date = analysis.letter_date
        if m.date is None:
            m.date = analysis.letter_date
    if analysis.addressee:
        default = pick(template.addressees, language) if template.addressees else ""
        if not (default and same_addressee(analysis.addressee, default)):
            m.addressee = analysis.addressee
    if analysis.closing:
        m.closing = analysis.closing
    if analysis.signatory:
        m.signatory = analysis.signatory
    if analysis.symbol:
        m.symbol = analysis.symbol
    if m.period_start is None and m.period_end is None:
        # The opening says which period the letter covers; carry-forward then
        # moves it on with the dates.
        for block in letter.section(letter.sections[0].id).blocks if letter.sections else []:
            period = parse_period(block.text, language)
            if period is not None:
                m.period_start, m.period_end = period
                break


def remap(result: ImportResult, heading_index: int, section_id: str | None) -> ImportResult:
    """A new result with mapping row `heading_index` moved to `section_id` (None = unassigned).

    Subheadings nested under that heading follow it unless moved themselves.
    Raises IndexError for a bad row and UnknownSectionError for a section the
    template does not have; `result` itself is not changed.
    """
    if result.analysis is None or result.template is None:
        raise ValueError("this result cannot be remapped: it carries no analysis")
    if not 0 <= heading_index < len(result.analysis.groups):
        raise IndexError(heading_index)
    valid = result.template.section_ids()
    if section_id is not None and section_id not in valid:
        raise UnknownSectionError(section_id, valid)
    analysis = _clone(result.analysis)
    analysis.overrides[heading_index] = section_id
    return build_result(analysis, result.template, result.language)


def _clone(analysis: Analysis) -> Analysis:
    # groups and blocks are never mutated after analysis, so they can be shared
    clone = Analysis(**{k: v for k, v in analysis.__dict__.items() if k != "overrides"})
    clone.overrides = dict(analysis.overrides)
    return clone


def format_mapping_table(rows: list[MappingRow]) -> str:
    """The mapping as a plain-text table for the terminal."""
    headers = [_("#"), _("Heading in the source"), _("Section"), _("Score"), _("Paragraphs")]
    body: list[list[str]] = []
    for i, row in enumerate(rows):
        heading = row.heading or row.label or _("(no heading)")
        if len(heading) > 56:
            heading = heading[:55] + "…"
        section = row.section_id or UNASSIGNED
        if row.subheading:
            section = _("subheading of {section}").format(section=section)
        body.append(
            [
                str(i),
                heading,
                section,
                _("text") if row.by_text else f"{row.score:.2f}",
                str(row.paragraphs),
            ]
        )
    widths = [max(len(r[c]) for r in [headers, *body]) for c in range(len(headers))]
    right = {0, 3, 4}

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(widths[c]) if c in right else cell.ljust(widths[c])
            for c, cell in enumerate(cells)
        ).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in body)
    total = sum(r.paragraphs for r in rows)
    unassigned = sum(r.paragraphs for r in rows if r.section_id is None)
    out.append(
        _("{total} paragraphs imported, {unassigned} in \"unassigned\".").format(
            total=total, unassigned=unassigned
        )
    )
    return "\n".join(out)
