"""Mapping a previous letter's headings onto a template's sections.

The paragraphs of a `SourceDocument` are cut into groups at each heading.
Each heading is scored against every headed section of the template in the
letter's language: the better of a (squared) difflib ratio and a word-overlap score
against the section's heading, raised by the share of the heading's words
that are the section's cue words (accent- and case-insensitive, words cut to
their first six letters so "opérations"/"opération" and "sécurité"/"security"
meet). A heading scoring at least THRESHOLD goes to its best section.

- Text before the first heading goes to the `opening` section.
- A heading matching no section, that sits where the template's order leaves
  room for a section not yet matched, goes to that section when its text is
  decisively about it (`gaps`: "The security picture" → security).
- A heading that matches nothing, but sits *below* a heading of a higher
  level (the file says so: "Heading 2" under "Heading 1"), stays in its
  parent's section as a subheading. So does one that sits *between* two
  matched headings, whatever its level (plain text has none): writers add
  their own subheadings inside a section ("Évaluations…", "Problèmes" in the
  performance section), and a letter follows the template's order, so the
  text belongs to the section it sits in. Only a heading with no matched
  heading before it, or none after it ("Other matters" after the last
  section), goes to "unassigned" with its paragraphs, its heading kept as a
  subheading block. Nothing is dropped, and the writer can move any of them.
- Letters follow the template's order, so a weak match (below STRONG) to a
  section *before* the last one matched is treated as no match.
- A file without any heading: the first paragraph goes to `opening`, the rest
  to "unassigned".
- The title line, the closing formula and the "(Signed) …" line are taken
  out of the body into the metadata; text after the signature becomes an
  annex when it starts with "Annex"/"Annexe", else it goes to "unassigned".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import Literal

from drafting.findings import Finding
from drafting.i18n import _, ngettext
from drafting.importers.gaps import break_tie, fill_gaps
from drafting.importers.source import RawParagraph, SourceDocument, fold
from drafting.importers.titles import (
    is_closing,
    match_annex,
    match_original,
    match_signature,
    parse_title,
)
from drafting.letter import Annex, Block
from drafting.templates.model import Template, pick

THRESHOLD = 0.5
# A match this good is trusted even when it breaks the template's order.
STRONG = 0.75
CUE_WEIGHT = 0.4
_STEM = 6
# A cue word shared by this many sections says nothing about which one is meant.
_COMMON_CUE_SECTIONS = 3
_TITLE_SEARCH = 5

_STOPWORDS = frozenset(
    "the of and in to a an for on by with its from at as or "
    "le la les de des du d l et en au aux dans sur par pour un une a ou son sa ses "
    "el los las del y al con por para una su sus".split()
)
_NUMBERING_RE = re.compile(r"^\s*(?:[IVXLC]+|[A-Za-z]|\d+(?:\.\d+)*)[.)]\s+")
_WORD_RE = re.compile(r"[a-z0-9]+")
_LANGUAGE_NAMES = {
    "english": "en", "anglais": "en", "ingles": "en",
    "french": "fr", "francais": "fr", "frances": "fr",
    "spanish": "es", "espagnol": "es", "espanol": "es",
    "russian": "ru", "russe": "ru", "ruso": "ru",
    "arabic": "ar", "arabe": "ar",
    "chinese": "zh", "chinois": "zh", "chino": "zh",
}

GroupKind = Literal["preamble", "heading", "loose"]


@dataclass
class Group:
    """A heading (or none) and the body blocks under it, as one unit to assign."""

    kind: GroupKind
    heading_text: str = ""
    heading: Block | None = None  # the heading as a subheading block (stable id)
    level: int | None = None
    blocks: list[Block] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    best: str | None = None
    parent: int | None = None
    label: str = ""  # shown instead of an empty heading
    by_text: bool = False  # `best` chosen by the words of its text (`gaps`), not its heading

    @property
    def best_score(self) -> float:
        return self.scores.get(self.best, 0.0) if self.best else max(self.scores.values(), default=0.0)


@dataclass
class Analysis:
    """Everything learnt from the file; the letter is built from it (and rebuilt on remap)."""

    groups: list[Group] = field(default_factory=list)
    letter_date: date | None = None
    addressee: str = ""
    closing: str = ""
    signatory: str = ""
    symbol: str = ""
    annexes: list[Annex] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    opening_id: str | None = None
    # group index -> section id (None = unassigned) chosen by the writer
    overrides: dict[int, str | None] = field(default_factory=dict)

    def assignment(self, index: int) -> str | None:
        """The section a group goes to: the writer's choice, its match, or its parent's."""
        if index in self.overrides:
            return self.overrides[index]
        g = self.groups[index]
        if g.kind == "preamble":
            return self.opening_id
        if g.best is not None or g.kind == "loose":
            return g.best
        if g.parent is not None:
            return self.assignment(g.parent)
        return None

    def nesting(self, index: int) -> str | None:
        """The section an unmatched heading sits in as a subheading (its parent's
        section, whatever the writer chose for this row), or None."""
        g = self.groups[index]
        if g.kind != "heading" or g.best is not None or g.parent is None:
            return None
        return self.assignment(g.parent)


def strip_numbering(heading: str) -> str:
    """"II. Security" → "Security": numbering says nothing about the topic."""
    return _NUMBERING_RE.sub("", heading, count=1).strip()


def _content(text: str) -> str:
    return " ".join(w for w in _WORD_RE.findall(fold(text)) if w not in _STOPWORDS)


def stems(text: str) -> set[str]:
    """Content-word stems of `text` (folded, stop words out, cut to six letters)."""
    return {
        w[:_STEM]
        for w in _WORD_RE.findall(fold(text))
        if len(w) > 2 and w not in _STOPWORDS
    }


def content_hits(blocks: list[Block], cues: dict[str, set[str]]) -> dict[str, int]:
    """For each section, how many of its cue stems the blocks' text holds."""
    found: set[str] = set()
    for block in blocks:
        found |= stems(block.text)
    return {sid: len(found & c) for sid, c in cues.items() if c}


def _cue_stems(template: Template, language: str) -> dict[str, set[str]]:
    per_section = {
        s.id: {
            stem
            for r in s.requirements
            for cue in (r.cues.get(language) or r.cues.get("en") or [])
            for stem in stems(cue)
        }
        for s in template.sections
    }
    counts: dict[str, int] = {}
    for found in per_section.values():
        for stem in found:
            counts[stem] = counts.get(stem, 0) + 1
    return {
        sid: {s for s in found if counts[s] < _COMMON_CUE_SECTIONS}
        for sid, found in per_section.items()
    }


class HeadingScorer:
    """Scores headings against one template in one language (targets prepared once)."""

    def __init__(self, template: Template, language: str) -> None:
        cues = _cue_stems(template, language)
        self._targets: list[tuple[str, str, set[str], set[str]]] = []
        for section in template.sections:
            target = pick(section.headings, language) if section.has_heading else ""
            if target:
                self._targets.append(
                    (section.id, _content(target), stems(target), cues.get(section.id, set()))
                )
        self._memo: dict[str, dict[str, float]] = {}

    def scores(self, heading: str) -> dict[str, float]:
        """Score (0–1) of `heading` against every section that has a heading."""
        found = self._memo.get(heading)
        if found is None:
            found = self._memo[heading] = self._score(heading)
        return dict(found)

    def _score(self, heading: str) -> dict[str, float]:
        text = strip_numbering(heading)
        content, h = _content(text), stems(text)
        out: dict[str, float] = {}
        for sid, target_content, t, cues in self._targets:
            dice = 2 * len(h & t) / (len(h) + len(t)) if h and t else 0.0
            # compared without stop words: shared "de la"/"of the" make unrelated
            # headings look alike; squared because unrelated short headings still
            # share ~40% of their letters
            matcher = SequenceMatcher(None, content, target_content)
            ratio = matcher.ratio() if matcher.quick_ratio() ** 2 > dice else 0.0
            base = max(ratio * ratio, dice)
            cue = len(h & cues) / len(h) if h else 0.0
            # cue words alone (no shared heading words) never reach THRESHOLD
            out[sid] = round(min(1.0, base + CUE_WEIGHT * cue * (1.0 - base)), 3)
        return out


def score_sections(heading: str, template: Template, language: str) -> dict[str, float]:
    """The score of `heading` against every section that has a heading."""
    return HeadingScorer(template, language).scores(heading)


def _opening_id(template: Template) -> str | None:
    ids = template.section_ids()
    if "opening" in ids:
        return "opening"
    for s in template.sections:
        if not s.has_heading:
            return s.id
    return ids[0] if ids else None


def _block(p: RawParagraph) -> Block:
    if p.kind == "heading":
        return _plain_heading(p)
    if p.kind == "bullet":
        return Block(kind="bullet", spans=p.body_spans(), level=p.level or 0)
    return Block(kind="paragraph", spans=p.body_spans())


def _plain_heading(p: RawParagraph) -> Block:
    # a subheading is bold by its kind; bold spans from the file would be noise
    return Block.from_text(p.text, kind="subheading")


def analyse(doc: SourceDocument, template: Template, language: str) -> Analysis:
    """Cut `doc` into groups, score them, and pull out the metadata (module docstring)."""
    out = Analysis(symbol=doc.symbol, notices=list(doc.notices), findings=list(doc.findings),
                   opening_id=_opening_id(template))
    paras = [p for p in doc.paragraphs if not p.footnote]
    footnotes = [p for p in doc.paragraphs if p.footnote]

    for i, p in enumerate(paras[:_TITLE_SEARCH]):
        title = parse_title(p.text, language)
        if title is not None:
            out.letter_date, out.addressee = title.letter_date, title.addressee
            del paras[i]
            break

    after: list[RawParagraph] = []
    for i in range(len(paras) - 1, -1, -1):
        name = match_signature(paras[i].text)
        if name is None:
            continue
        rest = paras[i + 1 :]
        if not name and rest and len(rest[0].text) <= 80:
            name, rest = rest[0].text, rest[1:]
        out.signatory, after, paras = name, rest, paras[:i]
        break
    closing_default = pick(template.closings, language) if template.closings else ""
    if paras and paras[-1].kind != "heading" and is_closing(paras[-1].text, closing_default):
        out.closing = paras.pop().text

    _group_body(out, paras, template, language)
    loose = _after_signature(out, after)
    if loose:
        out.groups.append(Group(kind="loose", blocks=loose, label=_("(after the signature)")))
    if footnotes:
        out.groups.append(
            Group(kind="loose", blocks=[_block(p) for p in footnotes], label=_("(footnotes)"))
        )
    return out


def _group_body(
    out: Analysis, paras: list[RawParagraph], template: Template, language: str
) -> None:
    preamble = Group(kind="preamble", label=_("(before the first heading)"))
    groups: list[Group] = [preamble]
    for p in paras:
        if p.kind == "heading":
            groups.append(
                Group(kind="heading", heading_text=p.text, heading=_plain_heading(p),
                      level=p.level)
            )
        else:
            groups[-1].blocks.append(_block(p))
    headed = groups[1:]
    if not headed:
        if len(preamble.blocks) > 1:
            rest = preamble.blocks[1:]
            preamble.blocks = preamble.blocks[:1]
            groups.append(Group(kind="loose", blocks=rest, label=_("(text without headings)")))
        out.notices.append(
            _("No headings were found: the first paragraph went to the opening and the rest "
              "to \"unassigned\".")
        )
    elif not preamble.blocks:
        groups.remove(preamble)
    scorer = HeadingScorer(template, language)
    cues = _cue_stems(template, language)
    order = {sid: i for i, sid in enumerate(template.section_ids())}
    last = -1  # template position of the last section matched
    for g in groups:
        if g.kind != "heading":
            continue
        g.scores = scorer.scores(g.heading_text)
        best = max(g.scores, key=lambda sid: g.scores[sid], default=None)
        if best is None or g.scores[best] < THRESHOLD:
            continue
        best = break_tie(g.scores, best, content_hits(g.blocks, cues))
        # Letters follow the template's order: a weak match pointing back to an
        # earlier section is more likely a subheading ("Problems") than a return.
        if order[best] < last and g.scores[best] < STRONG:
            continue
        g.best = best
        last = max(last, order[best])
    for i, g in enumerate(groups):
        if g.kind == "heading" and g.best is None and g.level is not None:
            g.parent = _parent_of(groups, i)
    # headings in the writer's own words: placed by their text where the
    # template's order leaves room (`gaps`)
    candidates = {i: content_hits(g.blocks, cues) for i, g in enumerate(groups)
                  if g.kind == "heading" and g.best is None and g.parent is None}
    with_heading = {s.id for s in template.sections if s.has_heading}
    placed = fill_gaps(groups, template.section_ids(), with_heading, candidates)
    for i in placed:
        groups[i].by_text = True
    if placed:
        out.notices.append(ngettext(
            "{n} heading in the writer's own words was placed by what its text is about.",
            "{n} headings in the writer's own words were placed by what their text is about.",
            len(placed)).format(n=len(placed)))
    for i, g in enumerate(groups):
        if g.kind == "heading" and g.best is None and g.parent is None:
            g.parent = _enclosing(groups, i)
    out.groups = groups
    unmatched = [g for g in groups if g.kind == "heading" and g.best is None and g.parent is None]
    nested = [g for g in groups if g.kind == "heading" and g.best is None and g.parent is not None]
    if nested:
        out.notices.append(
            ngettext(
                "{n} heading matched no section; it stays a subheading of the section "
                "it sits in.",
                "{n} headings matched no section; they stay subheadings of the section "
                "they sit in.",
                len(nested),
            ).format(n=len(nested))
        )
    if unmatched:
        out.notices.append(
            ngettext(
                "{n} heading matched no section; its text is in \"unassigned\".",
                "{n} headings matched no section; their text is in \"unassigned\".",
                len(unmatched),
            ).format(n=len(unmatched))
        )


def _parent_of(groups: list[Group], index: int) -> int | None:
    level = groups[index].level
    assert level is not None
    for j in range(index - 1, -1, -1):
        g = groups[j]
        if g.kind != "heading" or g.level is None:
            continue
        if g.level < level:
            return j
    return None


def _enclosing(groups: list[Group], index: int) -> int | None:
    """The matched heading an unmatched one sits under, when a matched heading
    also follows it (it lies *between* two sections); else None."""
    before = next((j for j in range(index - 1, -1, -1)
                   if groups[j].kind == "heading" and groups[j].best is not None), None)
    if before is None:
        return None
    after = any(g.kind == "heading" and g.best is not None for g in groups[index + 1 :])
    return before if after else None


def _after_signature(out: Analysis, after: list[RawParagraph]) -> list[Block]:
    loose: list[Block] = []
    annex: Annex | None = None
    for p in after:
        if match_annex(p.text) and len(p.text) <= 80:
            annex = Annex(title=p.text)
            out.annexes.append(annex)
            continue
        if annex is None:
            loose.append(_block(p))
            continue
        original = match_original(p.text)
        if original is not None and not annex.blocks:
            annex.original_language = _LANGUAGE_NAMES.get(fold(original), original)
            continue
        annex.blocks.append(_block(p))
    return loose
