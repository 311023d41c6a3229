"""Template objects (DESIGN §3): what `drafting.templates.catalog` returns.

Plain, immutable-by-convention data. Per-language texts are dicts keyed by
language code ("en", "fr", …); `Localized.get` falls back to English, then
to any language, so a template missing one translation still works.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafting.templates.emblem import Emblem

Localized = dict[str, str]


def pick(texts: Localized, language: str, fallback: str = "en") -> str:
    """The text for `language`, else the fallback language, else any."""
    if language in texts:
        return texts[language]
    if fallback in texts:
        return texts[fallback]
    return next(iter(texts.values()), "")


Terms = dict[str, list[str]]  # alternatives per language


@dataclass
class Concept:
    """One thing a paragraph must mention to meet a requirement (DESIGN §3.1).

    `terms` are alternatives per language: any one of them present is enough
    for this concept. A term is a word or a phrase; words are compared by stem,
    and a word written with a capital ("Accord") or as an acronym ("FC-G5S")
    matches only where the text writes it the same way.
    """

    terms: Terms = field(default_factory=dict)

    def terms_for(self, language: str) -> list[str]:
        """The terms in `language`, else English's, else every language's."""
        return self.terms.get(language) or self.terms.get("en") or [
            t for values in self.terms.values() for t in values]


@dataclass
class Requirement:
    """One item of the mandate the letter must cover (DESIGN §3.1).

    A paragraph meets it when every one of its `concepts` appears in it and
    none of its `exclusions` (terms per language that rule a match out) does.
    """

    id: str
    ref: str  # mandate reference, e.g. "63 (i)"
    labels: Localized = field(default_factory=dict)
    concepts: list[Concept] = field(default_factory=list)
    exclusions: Terms = field(default_factory=dict)

    def label(self, language: str) -> str:
        return pick(self.labels, language) or self.id

    @property
    def cues(self) -> Terms:
        """Every term of every concept, per language (for callers that only need
        the requirement's vocabulary, such as heading-to-section mapping)."""
        out: Terms = {}
        for concept in self.concepts:
            for lang, terms in concept.terms.items():
                known = out.setdefault(lang, [])
                for term in terms:
                    if term not in known:
                        known.append(term)
        return out


@dataclass
class TemplateSection:
    id: str
    required: bool = True
    budget: int = 0  # words; 0 = no budget
    has_heading: bool = True
    headings: Localized = field(default_factory=dict)
    guidance: Localized = field(default_factory=dict)
    # boilerplate paragraphs per language (may contain `[…]` placeholders)
    boilerplate: dict[str, list[str]] = field(default_factory=dict)
    requirements: list[Requirement] = field(default_factory=list)
    # True when this section restates the mandate and never counts as evidence
    restates_mandate: bool = False

    def heading(self, language: str) -> str:
        return pick(self.headings, language) if self.has_heading else ""


@dataclass
class HouseStyle:
    """Page geometry and type metrics (DESIGN §6); twips unless noted."""

    page_width: int = 12240
    page_height: int = 15840
    margin_top: int = 1440
    margin_bottom: int = 1152
    margin_bottom_first: int = 1728
    margin_left: int = 1200
    margin_right: int = 1200
    header_distance: int = 432
    footer_distance: int = 504
    font: str = "Times New Roman"
    font_complex: str = "Times New Roman"
    font_east_asia: str = "SimSun"
    body_size: float = 10.0  # pt
    body_line: float = 12.0  # pt, exact
    # UN `Normal` text metrics (measured): with them a paragraph breaks its
    # lines at the same words as an issued document.
    char_spacing: float = 0.2  # pt between characters
    char_width: int = 103  # % of the normal glyph width
    hyphenate: bool = False
    body_indent: int = 1267  # SingleTxt left/right indent
    first_line: int = 475  # letter paragraphs: first-line indent
    space_after: float = 6.0  # pt
    tab_step: int = 475
    hch_size: float = 14.0
    hch_line: float = 15.0
    h1_size: float = 12.0
    h1_line: float = 13.5
    h23_size: float = 10.0
    h23_line: float = 12.0
    # `Bullet 1` and `Bullet 2` (measured): where the text starts, how far the
    # bullet hangs left of it, and the bullet's size.
    bullet_indent: int = 1976
    bullet_indent2: int = 2807
    bullet_hanging: int = 360
    bullet_size: float = 7.0  # pt
    header_size: float = 8.5
    footer_size: float = 8.5
    job_size: float = 7.0
    footnote_size: float = 8.5
    footnote_line: float = 10.5
    masthead_un_size: float = 14.0
    masthead_organ_size: float = 20.0
    masthead_symbol_initial_size: float = 20.0
    masthead_row1: int = 864
    masthead_row2: int = 2880
    # Optional emblem picture (path as written in the template) and the box it
    # is fitted into in the masthead's first cell (measured, twips).
    emblem: str = ""
    emblem_width: int = 1123
    emblem_height: int = 940
    numbered_paragraphs: bool = False
    # The picture `emblem` names, read and checked when the template is loaded.
    emblem_image: Emblem | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "emblem_image"}


@dataclass
class Template:
    id: str
    version: int
    kind: str = "letter"  # "letter" or "report"
    names: Localized = field(default_factory=dict)
    languages: list[str] = field(default_factory=lambda: ["en", "fr"])
    # metadata defaults
    mission: str = "MINUSMA"
    organ: str = "security-council"
    mandate_symbol: str = ""
    mandate_paragraph: str = ""
    addressees: Localized = field(default_factory=dict)
    signatory: str = ""
    closings: Localized = field(default_factory=dict)
    word_limit: int = 0
    sections: list[TemplateSection] = field(default_factory=list)
    house_style: HouseStyle = field(default_factory=HouseStyle)
    # the file format it was read from (2 = concepts; 1 = flat cue lists, converted)
    format: int = 2
    # where it came from: "shipped" or "user", and the file
    origin: str = "shipped"
    path: str = ""

    def name(self, language: str) -> str:
        return pick(self.names, language) or self.id

    def section(self, section_id: str) -> TemplateSection:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]

    @property
    def period_months(self) -> int:
        """How many months one reporting period runs: a quarter for a report
        (paragraph 62), six months for the letter (paragraph 63)."""
        return 3 if self.kind == "report" else 6

    def period_section_ids(self) -> list[str]:
        """The sections whose standard text states the reporting period with its
        placeholders ("from [start date] to [end date]"), in any language."""
        from drafting.letter_strings import PERIOD_PLACEHOLDERS

        names = {p for texts in PERIOD_PLACEHOLDERS.values() for p in texts.values()}
        return [s.id for s in self.sections
                if any(name in p for texts in s.boilerplate.values() for p in texts
                       for name in names)]

    def requirements(self) -> list[tuple[TemplateSection, Requirement]]:
        """Every requirement with the section that carries it, in order."""
        return [(s, r) for s in self.sections for r in s.requirements]

    def requirement_ids(self) -> list[str]:
        return [r.id for _, r in self.requirements()]
