"""Page furniture: the first-page masthead, running headers and footers (DESIGN §6).

The masthead is a two-row table in the first-page header ("United Nations" and
the symbol; the emblem if the house style names one, the organ and the
distribution block). Following pages carry the symbol in a header table and
"n/N" (PAGE and NUMPAGES fields) with the job number in a footer table,
mirrored between odd and even pages. A draft shows the draft marker ("DRAFT",
"PROJET") in a cell that is empty in a final export, so marking a draft never
moves a line of text.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from datetime import date

from docx.document import Document as DocxDocument
from docx.section import _Footer, _Header
from docx.shared import Twips
from lxml import etree

from drafting.export.pieces import ordinal_parts
from drafting.export.styles import LangInfo
from drafting.export.xmlutil import append_run_text, el, field_runs, sort_props, sub, w
from drafting.letter import Metadata
from drafting.locale_format import format_date, masthead_strings, original_line
from drafting.templates.model import HouseStyle

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
# Bottom rules, in eighths of a point (w:sz of a border).
RULE_THIN = 2  # 0.25 pt, running header
RULE_HALF = 4  # 0.5 pt, masthead row 1
RULE_THICK = 12  # 1.5 pt, masthead row 2
GAP = 245  # twips between the organ and the distribution block
DISTR_WIDTH = 3046


@dataclass(frozen=True)
class FurnitureText:
    """The strings of the page furniture, resolved for one letter."""

    united_nations: str
    organ: str
    symbol: str
    distr: str
    masthead_date: str
    date_language: str  # the language the masthead date is written in
    language_line: str
    original: str
    job_line: str  # "20-07899 (F)    020620"
    job_number: str  # "20-07899"
    barcode: str  # "*2007899*"
    draft_marker: str  # "" in a final export
    emblem_alt: str  # the emblem's alternative text, in the letter's language


def furniture_text(meta: Metadata, draft: bool) -> FurnitureText:
    """Resolve masthead and footer strings from the letter's metadata.

    `meta.language` must be one of the six UN languages (export_docx sees to it).
    """
    strings = masthead_strings(meta.language)
    organ_key = "organ_" + (meta.organ or "security-council").replace("-", "_")
    masthead_date = format_date(meta.date, strings["masthead_language"]) if meta.date else ""
    job = meta.job_number.strip()
    job_line = ""
    if job:
        job_line = f"{job} ({strings['job_suffix']})"
        if meta.date:
            job_line += "    " + release_code(meta.date)
    digits = job.replace("-", "").replace(" ", "")
    return FurnitureText(
        united_nations=strings["united_nations"],
        organ=strings.get(organ_key, meta.organ),
        symbol=meta.symbol.strip(),
        distr=strings["distr_general"],
        masthead_date=masthead_date,
        date_language=strings["masthead_language"],
        # Only a translation names its language above "Original: …"; in the
        # original language that line stays blank, as on UN documents.
        language_line=(
            "" if (meta.original_language or "en") == meta.language
            else strings["language_line"]
        ),
        original=original_text(meta.original_language or "en", meta.language),
        job_line=job_line,
        job_number=job,
        barcode=f"*{digits}*" if digits else "",
        draft_marker=strings["draft_marker"] if draft else "",
        emblem_alt=strings["emblem_alt"],
    )


def original_text(original_language: str, language: str) -> str:
    """The "Original: English" line; a language outside the six is named by its code."""
    try:
        return original_line(original_language, language)
    except ValueError:
        label = masthead_strings(language)["original_label"]
        return label.format(language=original_language)


def release_code(day: date) -> str:
    """The release date code of the first-page footer: ddmmyy ("020620")."""
    return day.strftime("%d%m%y")


class PageFurniture:
    """Builds the section geometry and the six header and footer parts."""

    def __init__(
        self, doc: DocxDocument, house: HouseStyle, lang: LangInfo, text: FurnitureText
    ) -> None:
        self.doc = doc
        self.house = house
        self.lang = lang
        self.text = text
        self.width = house.page_width - house.margin_left - house.margin_right

    def build(self) -> None:
        """Set page geometry, titlePg, evenAndOddHeaders, fill every part, and open
        the body with the first page's own section."""
        h = self.house
        section = self.doc.sections[0]
        section.page_width = Twips(h.page_width)
        section.page_height = Twips(h.page_height)
        section.top_margin = Twips(h.margin_top)
        section.bottom_margin = Twips(h.margin_bottom)
        section.left_margin = Twips(h.margin_left)
        section.right_margin = Twips(h.margin_right)
        section.header_distance = Twips(h.header_distance)
        section.footer_distance = Twips(h.footer_distance)
        section.gutter = Twips(0)
        section.different_first_page_header_footer = True
        self.doc.settings.odd_and_even_pages_header_footer = True
        # Creation order fixes part names and rIds, which the golden files rely on.
        self._fill(section.header, self._running_header(odd=True))
        self._fill(section.even_page_header, self._running_header(odd=False))
        self._fill(section.first_page_header, self._masthead())
        self._fill(section.footer, self._running_footer(odd=True))
        self._fill(section.even_page_footer, self._running_footer(odd=False))
        self._fill(section.first_page_footer, self._first_footer())
        self._first_page_section()

    def _first_page_section(self) -> None:
        """Give the first page its own bottom margin, as UN files do.

        The document opens with a section of one tiny empty paragraph that has
        the first-page header and footer and the bottom margin
        `margin_bottom_first`; a continuous break then starts the letter's own
        section (bottom margin `margin_bottom`) on the same page. A page takes
        its margins from the section it begins with, so page 1 ends at 1728
        twips and the others at 1152, while both sections share the running
        headers and footers. Word and LibreOffice (checked with 7.4) lay out
        the same pages as with one section.
        """
        body = self.doc.element.body
        letter = body.find(w("sectPr"))
        first = copy.deepcopy(letter)
        first.find(w("pgMar")).set(w("bottom"), str(self.house.margin_bottom_first))
        for child in list(letter):
            if child.tag == w("titlePg") or child.get(w("type")) == "first":
                letter.remove(child)
        letter.find(w("pgSz")).addprevious(el("type", val="continuous"))
        p = el("p")
        props = sub(p, "pPr")
        sub(props, "spacing", after=0, line=20, lineRule="exact")
        sub(sub(props, "rPr"), "sz", val=2)
        props.append(first)
        body.insert(0, p)

    def _fill(self, part: _Header | _Footer, blocks: list[etree._Element]) -> None:
        part.is_linked_to_previous = False
        root = part._element
        for child in list(root):
            root.remove(child)
        for block in blocks:
            root.append(block)
        # A header ending with a table needs a closing paragraph; keep it tiny.
        if blocks and blocks[-1].tag == w("tbl"):
            root.append(_para("Header", size=1.0))

    # -- first page ----------------------------------------------------
    def _masthead(self) -> list[etree._Element]:
        h, t = self.house, self.text
        first = h.body_indent
        name_width = self.width - first - GAP - DISTR_WIDTH
        tbl = self._table([first, name_width, GAP, DISTR_WIDTH])
        row1 = _row(tbl, h.masthead_row1)
        cell = _cell(row1, first, bottom=RULE_HALF, valign="bottom")
        cell.append(_para("DraftMark", t.draft_marker, jc="start") if t.draft_marker
                    else _para("MastheadName"))
        _cell(row1, name_width, bottom=RULE_HALF, valign="bottom").append(
            _para("MastheadName", t.united_nations))
        symbol_cell = _cell(row1, GAP + DISTR_WIDTH, span=2, bottom=RULE_HALF, valign="bottom")
        symbol_cell.append(self._symbol_para())
        row2 = _row(tbl, h.masthead_row2)
        _cell(row2, first, top=RULE_HALF, bottom=RULE_THICK).append(self._emblem())
        _cell(row2, name_width, top=RULE_HALF, bottom=RULE_THICK).append(
            _para("MastheadOrgan", t.organ))
        _cell(row2, GAP, top=RULE_HALF, bottom=RULE_THICK).append(_para("MastheadDistr"))
        distr = _cell(row2, DISTR_WIDTH, top=RULE_HALF, bottom=RULE_THICK)
        distr.append(_para("MastheadDistr", t.distr, before=12.0))
        date = _para("MastheadDistr")
        # "1er juin 2020" with its ending raised, as in the title
        for part, raised in ordinal_parts(t.masthead_date, t.date_language):
            date.append(_run(part, superscript=raised))
        distr.append(date)
        distr.append(_para("MastheadDistr", t.language_line))
        distr.append(_para("MastheadDistr", t.original))
        return [tbl]

    def _emblem(self) -> etree._Element:
        """The emblem paragraph of the masthead's first cell (empty without one).

        The picture is fitted into the house style's emblem box, keeping its
        proportions, and carries its alternative text for screen readers.
        """
        h = self.house
        image = h.emblem_image
        if image is None:
            return _para("MastheadName")
        scale = min(h.emblem_width / image.width, h.emblem_height / image.height)
        width = Twips(max(round(image.width * scale), 1))
        height = Twips(max(round(image.height * scale), 1))
        part = self.doc.sections[0].first_page_header.part
        inline = part.new_pic_inline(io.BytesIO(image.data), width, height)
        doc_pr = inline.find(f"{{{WP_NS}}}docPr")
        doc_pr.set("name", self.text.emblem_alt)
        doc_pr.set("descr", self.text.emblem_alt)
        p = _para("MastheadEmblem")
        run = sub(p, "r")
        sub(run, "drawing").append(inline)
        return p

    def _symbol_para(self) -> etree._Element:
        """The symbol with its initial at the organ's size ("S" large, "/2020/481")."""
        p = _para("MastheadSymbol")
        symbol = self.text.symbol
        if symbol:
            big = _run(symbol[0], size=self.house.masthead_symbol_initial_size, position=-4)
            p.append(big)
            if len(symbol) > 1:
                p.append(_run(symbol[1:], position=-4))
        return p

    def _first_footer(self) -> list[etree._Element]:
        """Job line and release date, then the barcode (the first page's own margin
        comes from its section, see `_first_page_section`)."""
        t = self.text
        blocks = [_para("ReleaseDate", t.job_line)]
        if t.barcode:
            blocks.append(_para("Barcode", t.barcode))
        return blocks

    # -- following pages -----------------------------------------------
    def _running_header(self, odd: bool) -> list[etree._Element]:
        """Symbol bold at the outer edge: right on odd pages, left on even ones."""
        half = self.width // 2
        tbl = self._table([half, self.width - half], bottom=RULE_THIN)
        row = _row(tbl, self.house.masthead_row1)
        symbol = _para("Header", self.text.symbol, jc="end" if odd else "start", bold=True,
                       after=4.0)
        marker = (_para("DraftMark", self.text.draft_marker, jc="start" if odd else "end",
                        after=4.0)
                  if self.text.draft_marker else _para("Header"))
        cells = [marker, symbol] if odd else [symbol, marker]
        for width, content in zip((half, self.width - half), cells, strict=True):
            _cell(row, width, valign="bottom").append(content)
        return [tbl]

    def _running_footer(self, odd: bool) -> list[etree._Element]:
        """Job number and "n/N", mirrored: job left on odd pages, right on even ones."""
        half = self.width // 2
        tbl = self._table([half, self.width - half])
        row = _row(tbl, None)
        job = _para("JobNumber", self.text.job_number, jc="start" if odd else "end")
        pages = self._page_of_pages(jc="end" if odd else "start")
        cells = [job, pages] if odd else [pages, job]
        for width, content in zip((half, self.width - half), cells, strict=True):
            _cell(row, width).append(content)
        return [tbl]

    def _page_of_pages(self, jc: str) -> etree._Element:
        p = _para("Footer", jc=jc)
        for run in field_runs("PAGE", "1", None):
            p.append(run)
        p.append(_run("/"))
        for run in field_runs("NUMPAGES", "1", None):
            p.append(run)
        return p

    # -- tables --------------------------------------------------------
    def _table(self, widths: list[int], bottom: int | None = None) -> etree._Element:
        tbl = el("tbl")
        props = sub(tbl, "tblPr")
        if self.lang.rtl:
            sub(props, "bidiVisual")
        sub(props, "tblW", w=sum(widths), type="dxa")
        if bottom is not None:
            borders = sub(props, "tblBorders")
            sub(borders, "bottom", val="single", sz=bottom, space=0, color="000000")
        sub(props, "tblLayout", type="fixed")
        margins = sub(props, "tblCellMar")
        sub(margins, "left", w=0, type="dxa")
        sub(margins, "right", w=0, type="dxa")
        sub(props, "tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0,
            lastColumn=0, noHBand=0, noVBand=0)
        grid = sub(tbl, "tblGrid")
        for width in widths:
            sub(grid, "gridCol", w=width)
        return tbl


def _row(tbl: etree._Element, height: int | None) -> etree._Element:
    row = sub(tbl, "tr")
    if height:
        props = sub(row, "trPr")
        sub(props, "trHeight", val=height, hRule="exact")
    return row


def _cell(
    row: etree._Element,
    width: int,
    *,
    span: int = 1,
    top: int | None = None,
    bottom: int | None = None,
    valign: str | None = None,
) -> etree._Element:
    cell = sub(row, "tc")
    props = sub(cell, "tcPr")
    sub(props, "tcW", w=width, type="dxa")
    if span > 1:
        sub(props, "gridSpan", val=span)
    if top is not None or bottom is not None:
        borders = sub(props, "tcBorders")
        for side, size in (("top", top), ("bottom", bottom)):
            if size is not None:
                sub(borders, side, val="single", sz=size, space=0, color="000000")
    if valign:
        sub(props, "vAlign", val=valign)
    return cell


def _para(
    style: str,
    text: str = "",
    *,
    jc: str | None = None,
    bold: bool = False,
    before: float | None = None,
    after: float | None = None,
    size: float | None = None,
) -> etree._Element:
    """A paragraph of one run; `jc` "start"/"end" become left/right (bidi mirrors them)."""
    p = el("p")
    props = sub(p, "pPr")
    sub(props, "pStyle", val=style)
    if before is not None or after is not None:
        spacing = sub(props, "spacing")
        if before is not None:
            spacing.set(w("before"), str(round(before * 20)))
        if after is not None:
            spacing.set(w("after"), str(round(after * 20)))
    if jc:
        sub(props, "jc", val={"start": "left", "end": "right"}.get(jc, jc))
    if size is not None:
        rpr = sub(props, "rPr")
        sub(rpr, "sz", val=round(size * 2))
    sort_props(props)
    if text:
        p.append(_run(text, bold=bold))
    return p


def _run(
    text: str, *, bold: bool = False, size: float | None = None, position: int | None = None,
    superscript: bool = False,
) -> etree._Element:
    run = el("r")
    if bold or size is not None or position is not None or superscript:
        props = sub(run, "rPr")
        if bold:
            sub(props, "b")
            sub(props, "bCs")
        if superscript:
            sub(props, "vertAlign", val="superscript")
        if position is not None:
            sub(props, "position", val=position)
        if size is not None:
            sub(props, "sz", val=round(size * 2))
            sub(props, "szCs", val=round(size * 2))
        sort_props(props)
    append_run_text(run, text)
    return run
