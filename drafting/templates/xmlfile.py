"""The template XML format: vocabulary, safe parsing, schema and semantic checks.

`check_template_bytes` is the single gate every template goes through: it
refuses a DOCTYPE (and so any entity) before parsing, parses with the safe
parser, validates against `templates/schema/template.rng`, then checks what a
schema cannot say — unique section and requirement ids, every declared
language present where it must be, house-style values that leave a usable
page. Problems are ``file:line:col: message`` strings located at the
offending element. Building objects from the checked tree is
`drafting.templates.catalog`' job.
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import lru_cache
from typing import Any

from lxml import etree

from drafting import paths
from drafting.i18n import _
from drafting.templates.model import HouseStyle

NS = "urn:missive:template:1"
# Format 2 states a requirement as concepts (all needed) of alternative terms,
# with exclusions; format 1 (no `format` attribute) had one flat cue list,
# which loads as a single concept. Files are always written in this format.
TEMPLATE_FORMAT = 2
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024

# The house-style block: (element, attribute, HouseStyle field). The field's
# default value gives the type.
HOUSE_STYLE_MAP: tuple[tuple[str, str, str], ...] = (
    ("page", "width", "page_width"),
    ("page", "height", "page_height"),
    ("margins", "top", "margin_top"),
    ("margins", "bottom", "margin_bottom"),
    ("margins", "bottom-first", "margin_bottom_first"),
    ("margins", "left", "margin_left"),
    ("margins", "right", "margin_right"),
    ("margins", "header", "header_distance"),
    ("margins", "footer", "footer_distance"),
    ("fonts", "body", "font"),
    ("fonts", "complex", "font_complex"),
    ("fonts", "east-asia", "font_east_asia"),
    ("body", "size", "body_size"),
    ("body", "line", "body_line"),
    ("body", "indent", "body_indent"),
    ("body", "first-line", "first_line"),
    ("body", "space-after", "space_after"),
    ("body", "tab-step", "tab_step"),
    ("body", "numbered-paragraphs", "numbered_paragraphs"),
    ("body", "letter-spacing", "char_spacing"),
    ("body", "width", "char_width"),
    ("body", "hyphenation", "hyphenate"),
    ("headings", "hch-size", "hch_size"),
    ("headings", "hch-line", "hch_line"),
    ("headings", "h1-size", "h1_size"),
    ("headings", "h1-line", "h1_line"),
    ("headings", "h23-size", "h23_size"),
    ("headings", "h23-line", "h23_line"),
    ("bullets", "indent", "bullet_indent"),
    ("bullets", "indent2", "bullet_indent2"),
    ("bullets", "hanging", "bullet_hanging"),
    ("bullets", "size", "bullet_size"),
    ("running", "header-size", "header_size"),
    ("running", "footer-size", "footer_size"),
    ("running", "job-size", "job_size"),
    ("footnotes", "size", "footnote_size"),
    ("footnotes", "line", "footnote_line"),
    ("masthead", "un-size", "masthead_un_size"),
    ("masthead", "organ-size", "masthead_organ_size"),
    ("masthead", "symbol-initial-size", "masthead_symbol_initial_size"),
    ("masthead", "row1", "masthead_row1"),
    ("masthead", "row2", "masthead_row2"),
    ("masthead", "emblem", "emblem"),
    ("masthead", "emblem-width", "emblem_width"),
    ("masthead", "emblem-height", "emblem_height"),
)
# Values that are not type sizes although they are points or strings.
_NOT_A_SIZE = frozenset({"char_spacing"})
_FONT_FIELDS = frozenset({"font", "font_complex", "font_east_asia"})
_HS_DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(HouseStyle)}
# A line height below its type size would clip the glyphs.
_SIZE_LINE_PAIRS = (
    ("body_size", "body_line"),
    ("hch_size", "hch_line"),
    ("h1_size", "h1_line"),
    ("h23_size", "h23_line"),
    ("footnote_size", "footnote_line"),
)
# Reserved by Letter for text that belongs to no section.
_RESERVED_SECTION_IDS = {"unassigned"}


def q(tag: str) -> str:
    """The qualified name of a template element ("section" → "{urn:…}section")."""
    return f"{{{NS}}}{tag}"


def safe_parser() -> etree.XMLParser:
    """The only XML parser templates go through: no entities, DTDs or network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


@lru_cache(maxsize=1)
def _schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(paths.schema_path()), safe_parser()))


class Source:
    """A template's bytes with what error messages need: name and lines."""

    def __init__(self, data: bytes, name: str) -> None:
        self.data = data
        self.name = name
        self.lines = data.decode("utf-8", errors="replace").splitlines()

    def at(self, line: int, col: int, message: str) -> str:
        """`message` located as ``file:line:col``."""
        return f"{self.name}:{max(line, 1)}:{max(col, 1)}: {message}"

    def at_element(self, el: Any, message: str) -> str:
        """`message` located at `el`'s start tag."""
        line = el.sourceline or 1
        return self.at(line, self.column(el, line), message)

    def column(self, el: Any, line: int) -> int:
        """1-based column of `el`'s start tag on `line` (lxml keeps only lines)."""
        if not isinstance(el.tag, str) or not 0 < line <= len(self.lines):
            return 1
        local = etree.QName(el).localname
        m = re.search(rf"<(?:[\w.\-]+:)?{re.escape(local)}(?=[\s/>])", self.lines[line - 1])
        return m.start() + 1 if m else 1

    def line_of(self, needle: bytes) -> int:
        return self.data[: self.data.find(needle)].count(b"\n") + 1


def check_template_bytes(src: Source, *, schema: bool = True) -> tuple[Any, list[str]]:
    """The checked tree and no problems, or None and every problem found.

    Stops at the first stage that fails (entities, well-formedness, schema),
    since later stages would only report consequences of the first. With
    `schema` False the RelaxNG stage is left out: for the templates shipped
    with Missive, which the test suite validates, on the command line's path.
    """
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        if marker in src.data:
            return None, [src.at(src.line_of(marker), 1, _doctype_message())]
    parser = safe_parser()
    try:
        tree = etree.ElementTree(etree.fromstring(src.data, parser))
    except etree.XMLSyntaxError as exc:
        # The parser's own log: the exception's may carry earlier, unrelated errors.
        problems = [
            src.at(e.line, e.column, e.message.strip())
            for e in parser.error_log
            if e.level >= etree.ErrorLevels.ERROR
        ]
        return None, problems or [src.at(exc.lineno or 1, 1, str(exc))]
    # Encodings the byte scan cannot read (UTF-16) still end up here.
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        return None, [src.at(1, 1, _doctype_message())]
    if schema:
        relax = _schema()
        if not relax.validate(tree):
            return None, _schema_problems(relax, tree, src)
    problems = _semantic_problems(tree.getroot(), src)
    return (None, problems) if problems else (tree, [])


def _doctype_message() -> str:
    return _("DOCTYPE and entity declarations are not allowed in a template")


def _schema_problems(schema: etree.RelaxNG, tree: Any, src: Source) -> list[str]:
    out: list[str] = []
    for e in schema.error_log:
        col = e.column
        if not col and e.path:
            try:
                hits = tree.xpath(e.path)
            except etree.XPathError:
                hits = []
            same_line = [h for h in hits if getattr(h, "sourceline", None) == e.line]
            if same_line:
                col = src.column(same_line[0], e.line)
        problem = src.at(e.line, col, e.message.strip())
        if problem not in out:
            out.append(problem)
    return out


def _semantic_problems(root: Any, src: Source) -> list[str]:
    """What the schema cannot express, each at the offending element."""
    out: list[str] = []
    languages = (root.findtext(q("languages")) or "").split()
    for lang in sorted({x for x in languages if languages.count(x) > 1}):
        out.append(src.at_element(root.find(q("languages")), _(
            "language '{lang}' is listed twice").format(lang=lang)))
    _check_localized(root, ("name", "defaults/addressee", "defaults/closing"), src, out)
    section_ids: set[str] = set()
    requirement_ids: set[str] = set()
    for sec in root.iterfind(f"{q('sections')}/{q('section')}"):
        sid = sec.get("id")
        if sid in section_ids:
            out.append(src.at_element(sec, _("duplicate section id '{id}'").format(id=sid)))
        if sid in _RESERVED_SECTION_IDS:
            out.append(src.at_element(sec, _("the section id '{id}' is reserved").format(id=sid)))
        section_ids.add(sid)
        _check_section(sec, languages, src, out)
        for req in sec.iterfind(q("requirement")):
            rid = req.get("id")
            if rid in requirement_ids:
                out.append(src.at_element(
                    req, _("duplicate requirement id '{id}'").format(id=rid)))
            requirement_ids.add(rid)
            _check_requirement(req, languages, src, out)
    hs = root.find(q("house-style"))
    if hs is not None:
        _check_house_style(hs, src, out)
    return out


def _check_localized(parent: Any, tags: tuple[str, ...], src: Source, out: list[str]) -> None:
    for tag in tags:
        seen: set[str] = set()
        path = "/".join(q(t) for t in tag.split("/"))
        for el in parent.iterfind(path):
            lang = el.get(XML_LANG)
            if lang in seen:
                out.append(src.at_element(el, _(
                    "a second <{tag}> for language '{lang}'").format(
                        tag=tag.rsplit("/", 1)[-1], lang=lang)))
            seen.add(lang)


def _langs(parent: Any, tag: str) -> set[str]:
    return {el.get(XML_LANG) for el in parent.iterfind(q(tag))}


def _check_section(sec: Any, languages: list[str], src: Source, out: list[str]) -> None:
    sid = sec.get("id")
    _check_localized(sec, ("heading", "guidance", "boilerplate"), src, out)
    if xml_bool(sec.get("has-heading"), True):
        for lang in languages:
            if lang not in _langs(sec, "heading"):
                out.append(src.at_element(sec, _(
                    "section '{id}' has no heading in '{lang}', a language the template "
                    "declares").format(id=sid, lang=lang)))
    boiler = _langs(sec, "boilerplate")
    if boiler:
        for lang in languages:
            if lang not in boiler:
                out.append(src.at_element(sec, _(
                    "section '{id}' has boilerplate but none in '{lang}'").format(
                        id=sid, lang=lang)))
    first_req = sec.find(q("requirement"))
    if xml_bool(sec.get("restates-mandate"), False) and first_req is not None:
        out.append(src.at_element(first_req, _(
            "section '{id}' restates the mandate, so it never counts as evidence and "
            "cannot carry requirements").format(id=sid)))


def _check_requirement(req: Any, languages: list[str], src: Source, out: list[str]) -> None:
    rid = req.get("id")
    _check_localized(req, ("label", "cues", "exclude"), src, out)
    labels = _langs(req, "label")
    for lang in languages:
        if lang not in labels:
            out.append(src.at_element(req, _(
                "requirement '{id}' has no label in '{lang}'").format(id=rid, lang=lang)))
    concepts = list(req.iterfind(q("concept")))
    if req.find(q("cues")) is not None:
        if concepts:
            out.append(src.at_element(concepts[0], _(
                "requirement '{id}' mixes <cues> (format 1) with <concept> (format 2); "
                "keep the concepts").format(id=rid)))
            return
        cue_lists = {el.get(XML_LANG): el for el in req.iterfind(q("cues"))}
        for lang in languages:
            cues = cue_lists.get(lang)
            if cues is None or cues.find(q("cue")) is None:
                out.append(src.at_element(req if cues is None else cues, _(
                    "requirement '{id}' has no cues in '{lang}', a language the template "
                    "declares").format(id=rid, lang=lang)))
        return
    if not concepts:
        out.append(src.at_element(req, _(
            "requirement '{id}' has no concept: say what a paragraph must mention to "
            "meet it").format(id=rid)))
    for n, concept in enumerate(concepts, start=1):
        _check_localized(concept, ("terms",), src, out)
        lists = {el.get(XML_LANG): el for el in concept.iterfind(q("terms"))}
        for lang in languages:
            terms = lists.get(lang)
            if terms is None or terms.find(q("term")) is None:
                out.append(src.at_element(concept if terms is None else terms, _(
                    "requirement '{id}', concept {n} has no terms in '{lang}', a language "
                    "the template declares").format(id=rid, n=n, lang=lang)))


def _check_house_style(hs: Any, src: Source, out: list[str]) -> None:
    style = house_style_from(hs)
    where = {name: hs.find(q(el)) for el, _attr, name in HOUSE_STYLE_MAP}

    def bad(name: str, message: str) -> None:
        el = where[name] if where[name] is not None else hs
        out.append(src.at_element(el, message))

    for el_name, attr, name in HOUSE_STYLE_MAP:
        value = getattr(style, name)
        if isinstance(value, float) and name not in _NOT_A_SIZE and not 4.0 <= value <= 96.0:
            bad(name, _("house style {el}/@{attr}: {value} pt is not a usable size").format(
                el=el_name, attr=attr, value=value))
        if name in _FONT_FIELDS and not value.strip():
            bad(name, _("house style {el}/@{attr}: the font name is blank").format(
                el=el_name, attr=attr))
    masthead = hs.find(q("masthead"))
    if masthead is not None and masthead.get("emblem") is not None and not style.emblem.strip():
        bad("emblem", _("house style masthead/@emblem: the file name is blank"))
    if not 0 < style.bullet_hanging < style.bullet_indent <= style.bullet_indent2:
        bad("bullet_indent", _("house style: bullets must hang less than their indent, and "
                               "the second level must not start before the first"))
    for size, line in _SIZE_LINE_PAIRS:
        if getattr(style, line) < getattr(style, size):
            bad(line, _("house style: a line height of {line} pt is smaller than its type "
                        "size of {size} pt").format(line=getattr(style, line),
                                                      size=getattr(style, size)))
    if not 2880 <= style.page_width <= 31680 or not 2880 <= style.page_height <= 31680:
        bad("page_width", _("house style: the page size must be between 2 and 22 inches"))
    text_width = style.page_width - style.margin_left - style.margin_right - 2 * style.body_indent
    if text_width < 1440:
        bad("margin_left", _("house style: margins and indents leave less than one inch of "
                             "text width"))
    if style.page_height - style.margin_top - max(style.margin_bottom,
                                                  style.margin_bottom_first) < 2880:
        bad("margin_top", _("house style: margins leave less than two inches of text height"))
    if style.header_distance >= style.margin_top or style.footer_distance >= min(
        style.margin_bottom, style.margin_bottom_first
    ):
        bad("header_distance", _("house style: header and footer distances must be smaller "
                                 "than the top and bottom margins"))
    if style.tab_step == 0:
        bad("tab_step", _("house style: the tab step cannot be zero"))


def xml_bool(value: str | None, default: bool) -> bool:
    """An xsd:boolean attribute ("true", "1", "false", "0"), or `default` when absent."""
    if value is None:
        return default
    return value.strip() in ("true", "1")


# ASCII whitespace only: French text keeps its no-break spaces (U+00A0, U+202F).
_SPACE_RUN = re.compile(r"[ \t\r\n]+")


def norm_text(text: str | None) -> str:
    """Text as loaded: runs of spaces and line breaks become one space."""
    return _SPACE_RUN.sub(" ", text or "").strip(" \t\r\n")


def house_style_from(hs: Any) -> HouseStyle:
    """A `HouseStyle` from a checked <house-style> element; absent values keep defaults."""
    values: dict[str, Any] = {}
    for el_name, attr, name in HOUSE_STYLE_MAP:
        el = hs.find(q(el_name))
        raw = el.get(attr) if el is not None else None
        if raw is None:
            continue
        default = _HS_DEFAULTS[name]
        if isinstance(default, bool):
            values[name] = xml_bool(raw, default)
        elif isinstance(default, int):
            values[name] = int(raw)
        elif isinstance(default, float):
            values[name] = float(raw)
        else:
            values[name] = raw
    return HouseStyle(**values)
