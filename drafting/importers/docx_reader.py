"""A previous letter read from a DOCX file, straight from the zip with lxml.

Safety first: before anything is decompressed, every zip member's declared
size, the total and the compression ratio are checked against caps (a zip
bomb is refused without inflating it), and members are then read with a
bounded read in case a header lies. XML is parsed with the safe parser (no
entities, no DTD, no network); a document with a DOCTYPE is refused. A file
that is not a zip, not a Word document, or damaged gives one ImportFileError.

What is read: body paragraphs (also inside tables, content controls and text
boxes) with their style, outline level, bold-ness and list-ness; runs with
bold, italic and hyperlinks; footnote texts. Headers and footers (the page
furniture of a DOCX) are not read.

A paragraph is a heading when its style is a heading ("Heading 2", UN "H23"),
when it or its style has an outline level, or when it is short, entirely
bold and does not end like a sentence (level unknown).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from drafting.errors import ImportFileError
from drafting.findings import Finding
from drafting.i18n import _, ngettext
from drafting.importers.links import misleading
from drafting.importers.safezip import MAX_FILE_BYTES, check_zip, parse_member
from drafting.importers.source import (
    CONTROL_RE,
    RawParagraph,
    SourceDocument,
    clean_text,
    looks_like_heading,
)
from drafting.letter import Span, normalize_spans

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = R + "/officeDocument"
_W = "{" + W + "}"

# UN house styles (DESIGN §6) and their heading levels, by id or by UN name
# with spaces, underscores and slashes left out ("_ H_2/3" → "h23").
_UN_HEADING_STYLES = {"hch": 1, "h1": 1, "titlehch": 1, "titleh1": 1, "h23": 2, "titleh23": 2,
                      "titleh2": 2, "h4": 3, "h56": 4}
_STYLE_KEY_DROP = str.maketrans("", "", " _/")
# A cell of prose ends like a sentence.
_SENTENCE_END_RE = re.compile(r"[.!?:;…。？！；：؟؛][\s»”\"’)\]」』]*$")
# Text boxes in text boxes, tables in tables: real letters nest two or three.
MAX_NESTING = 10
_HEADING_NAME_RE = re.compile(r"^(?:heading|titre|título|titulo)\s*(\d)$", re.IGNORECASE)


@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    outline: int | None = None
    bold: bool | None = None
    italic: bool | None = None
    numbered: bool = False


def read_docx_file(path: Path) -> SourceDocument:
    """Read a .docx file into paragraphs (see the module docstring).

    Raises ImportFileError for an oversized, bomb-like, encrypted, corrupt or
    foreign file; the file itself is never modified.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(_("Cannot read {name}.").format(name=path.name)) from exc
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            _("{name} is too large to import ({size} MB; the limit is {limit} MB).").format(
                name=path.name, size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024)
            )
        )
    damaged = _("{name} is not a valid Word document (.docx): the file is damaged or of "
                "another kind.").format(name=path.name)
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive, path.name)
            return _read(archive, path.name)
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            ValueError, KeyError) as exc:
        raise ImportFileError(damaged) from exc


def _main_part(archive: zipfile.ZipFile, name: str) -> str:
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        rels = parse_member(archive, "_rels/.rels", name)
        for rel in rels.iter(f"{{{PR}}}Relationship"):
            if rel.get("Type") == OFFICE_DOCUMENT:
                target = (rel.get("Target") or "").lstrip("/")
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise ImportFileError(_("{name} is not a Word document.").format(name=name))


def _relationships(archive: zipfile.ZipFile, part: str, name: str) -> dict[str, str]:
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in archive.namelist():
        return {}
    rels = parse_member(archive, rels_name, name)
    return {
        rel.get("Id", ""): rel.get("Target", "")
        for rel in rels.iter(f"{{{PR}}}Relationship")
    }


def _val(element: etree._Element | None, default: str = "") -> str:
    if element is None:
        return default
    return str(element.get(_W + "val", default))


def _on(element: etree._Element | None) -> bool | None:
    """A w:b / w:i toggle: None when absent."""
    if element is None:
        return None
    return _val(element, "true").lower() not in ("0", "false", "off", "none")


def _read_styles(archive: zipfile.ZipFile, main: str, name: str) -> dict[str, _Style]:
    part = posixpath.join(posixpath.dirname(main), "styles.xml")
    if part not in archive.namelist():
        return {}
    root = parse_member(archive, part, name)
    styles: dict[str, _Style] = {}
    for el in root.iter(_W + "style"):
        ppr = el.find(_W + "pPr")
        rpr = el.find(_W + "rPr")
        outline = ppr.find(_W + "outlineLvl") if ppr is not None else None
        styles[el.get(_W + "styleId", "")] = _Style(
            name=_val(el.find(_W + "name")),
            based_on=_val(el.find(_W + "basedOn")),
            outline=int(_val(outline)) if outline is not None and _val(outline).isdigit()
            else None,
            bold=_on(rpr.find(_W + "b")) if rpr is not None else None,
            italic=_on(rpr.find(_W + "i")) if rpr is not None else None,
            numbered=ppr is not None and ppr.find(_W + "numPr") is not None,
        )
    return styles


class _Reader:
    """Walks document.xml once, producing raw paragraphs."""

    def __init__(self, styles: dict[str, _Style], links: dict[str, str], name: str) -> None:
        self.styles = styles
        self.links = links
        self.name = name
        self.footnote_ids: list[str] = []
        self.findings: list[Finding] = []
        self.tables: list[int] = []  # rows read, per table made into paragraphs

    def _chain(self, style_id: str) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            chain.append(self.styles[style_id])
            style_id = self.styles[style_id].based_on
        return chain

    def _heading_level(self, style_id: str, ppr: etree._Element | None) -> int | None:
        if ppr is not None:
            outline = ppr.find(_W + "outlineLvl")
            if outline is not None and _val(outline).isdigit():
                level = int(_val(outline))
                return level + 1 if level < 9 else None
        for style in [*self._chain(style_id)]:
            key = style.name.translate(_STYLE_KEY_DROP).lower()
            if key in _UN_HEADING_STYLES:
                return _UN_HEADING_STYLES[key]
            m = _HEADING_NAME_RE.match(style.name)
            if m:
                return int(m.group(1))
            if style.outline is not None:
                return style.outline + 1 if style.outline < 9 else None
        key = style_id.lower()
        if key in _UN_HEADING_STYLES:
            return _UN_HEADING_STYLES[key]
        m = re.match(r"^heading(\d)$", key)
        return int(m.group(1)) if m else None

    def _style_toggle(self, style_id: str, attr: str) -> bool:
        for style in self._chain(style_id):
            value = getattr(style, attr)
            if value is not None:
                return bool(value)
        return False

    def paragraphs(self, body: etree._Element) -> list[RawParagraph]:
        out: list[RawParagraph] = []
        for el in body:
            self._block(el, out, 0)
        return out

    def _block(self, el: etree._Element, out: list[RawParagraph], depth: int) -> None:
        """Read one body element. Each text box and table is read once, by
        the paragraph or table that directly holds it; `depth` counts the
        boxes and tables around `el`."""
        if depth > MAX_NESTING:
            raise ImportFileError(_(
                "{name} nests text boxes or tables more than {limit} deep; it was not "
                "read.").format(name=self.name, limit=MAX_NESTING))
        tag = el.tag
        if tag == _W + "p":
            para = self._paragraph(el)
            if para is not None:
                out.append(para)
            for box in _own_boxes(el):
                for child in box:
                    self._block(child, out, depth + 1)
        elif tag == _W + "tbl":
            self._table(el, out, depth)
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins"):
            for child in el:
                if child.tag != _W + "sdtPr":
                    self._block(child, out, depth)

    def _table(self, table: etree._Element, out: list[RawParagraph], depth: int) -> None:
        """A table of figures or names as one paragraph per row, its cells' text
        joined by " | " (a letter has no tables; one paragraph per cell
        scattered a row's values over as many paragraphs); counted for the
        reader's notice. Rows whose cells are prose (each ends a sentence) and
        one-cell tables (a box drawn around text) keep their paragraphs."""
        rows = _rows(table)
        cells = [row.findall(_W + "tc") for row in rows]
        if sum(len(c) for c in cells) <= 1:
            for row_cells in cells:
                for cell in row_cells:
                    for child in cell:
                        self._block(child, out, depth + 1)
            return
        made = 0
        for row_cells in cells:
            held: list[list[RawParagraph]] = []
            for cell in row_cells:
                inside: list[RawParagraph] = []
                for child in cell:
                    self._block(child, inside, depth + 1)
                if any(p.text for p in inside):
                    held.append(inside)
            texts = [[p for p in c if p.text] for c in held]
            if any(len(c) > 1 or c[0].kind != "paragraph" for c in texts) or all(
                    _SENTENCE_END_RE.search(c[-1].text) for c in texts):
                # a layout table (headings, several paragraphs in a cell, or prose):
                # its paragraphs as they are, formatting and links kept
                out.extend(p for c in held for p in c)
            elif texts:
                out.append(_row_paragraph([c[0] for c in texts]))
                made += 1
        if made:
            self.tables.append(made)

    def _paragraph(self, p: etree._Element) -> RawParagraph | None:
        ppr = p.find(_W + "pPr")
        style_id = _val(ppr.find(_W + "pStyle")) if ppr is not None else ""
        para_bold = self._style_toggle(style_id, "bold")
        para_italic = self._style_toggle(style_id, "italic")
        spans: list[Span] = []
        for run in p.iter(_W + "r"):
            if _owner(run) is not p or _deleted(run, p):
                continue
            spans.extend(self._run(run, para_bold, para_italic, p))
        spans = normalize_spans(self._honest_links(normalize_spans(spans)))
        if spans:
            spans[0].text = spans[0].text.lstrip()
            spans[-1].text = spans[-1].text.rstrip()
            spans = normalize_spans(spans)
        text = clean_text("".join(s.text for s in spans))
        if not text:
            return None
        level = self._heading_level(style_id, ppr)
        numbered = (ppr is not None and ppr.find(_W + "numPr") is not None) or any(
            s.numbered for s in self._chain(style_id)
        )
        if level is not None:
            return RawParagraph(text=text, kind="heading", level=level, spans=spans)
        visible = [s for s in spans if s.text.strip()]
        if visible and all(s.bold for s in visible) and looks_like_heading(text):
            return RawParagraph(text=text, kind="heading", level=None, spans=spans)
        if numbered or "list" in style_id.lower() or "bullet" in style_id.lower():
            ilvl = p.find(f"{_W}pPr/{_W}numPr/{_W}ilvl")
            lvl = int(_val(ilvl)) if ilvl is not None and _val(ilvl).isdigit() else 0
            # "List Bullet 2" carries its level in the style, not in the paragraph
            style_level = re.search(r"(\d+)$", style_id)
            if ilvl is None and style_level is not None:
                lvl = max(int(style_level.group(1)) - 1, 0)
            return RawParagraph(text=text, kind="bullet", level=min(lvl, 1), spans=spans)
        return RawParagraph(text=text, kind="paragraph", spans=spans)

    def _honest_links(self, spans: list[Span]) -> list[Span]:
        """A link whose text shows another address than its target becomes
        plain text, with an `input.misleading_link` finding naming both."""
        for i, span in enumerate(spans):
            if span.kind == "link" and span.target and misleading(span.text, span.target):
                self.findings.append(Finding(
                    code="input.misleading_link", severity="warning",
                    message=_("{name}: the link “{text}” led to another address ({target}); "
                              "the link was removed and its text kept.").format(
                                  name=self.name, text=span.text.strip(),
                                  target=span.target)))
                spans[i] = Span(span.text, span.bold, span.italic)
        return spans

    def _run(
        self, run: etree._Element, para_bold: bool, para_italic: bool, p: etree._Element
    ) -> list[Span]:
        rpr = run.find(_W + "rPr")
        bold, italic = para_bold, para_italic
        if rpr is not None:
            rstyle = _val(rpr.find(_W + "rStyle"))
            if rstyle:
                bold = self._style_toggle(rstyle, "bold") or bold
                italic = self._style_toggle(rstyle, "italic") or italic
            b, i = _on(rpr.find(_W + "b")), _on(rpr.find(_W + "i"))
            bold = bold if b is None else b
            italic = italic if i is None else i
        pieces: list[str] = []
        for child in run:
            tag = child.tag
            if tag == _W + "t":
                pieces.append(child.text or "")
            elif tag in (_W + "tab", _W + "br", _W + "cr"):
                pieces.append(" ")
            elif tag == _W + "noBreakHyphen":
                pieces.append("-")
            elif tag == _W + "footnoteReference":
                self.footnote_ids.append(child.get(_W + "id", ""))
        text = CONTROL_RE.sub("", "".join(pieces))
        if not text:
            return []
        link = _link_target(run, p, self.links)
        if link is not None:
            return [Span(text, bold, italic, kind="link", target=link)]
        return [Span(text, bold, italic)]


def _own_boxes(p: etree._Element) -> list[etree._Element]:
    """The text boxes anchored in paragraph `p` itself: not those inside one
    of them (their own paragraphs read them), nor the copy in an
    `mc:Fallback` branch (the same box as in `mc:Choice`)."""
    boxes: list[etree._Element] = []
    for box in p.iter(_W + "txbxContent"):
        node = box.getparent()
        while node is not None and node is not p:
            if node.tag == _W + "txbxContent" or etree.QName(node).localname == "Fallback":
                break
            node = node.getparent()
        else:
            boxes.append(box)
    return boxes


def _row_paragraph(cells: list[RawParagraph]) -> RawParagraph:
    """One table row as a paragraph, the cells' texts (with their formatting and
    links) joined by " | "."""
    spans: list[Span] = []
    for n, cell in enumerate(cells):
        if n:
            spans.append(Span(" | "))
        spans.extend(cell.spans or [Span(cell.text)])
    return RawParagraph(text=" | ".join(c.text for c in cells), spans=normalize_spans(spans))


def _rows(table: etree._Element) -> list[etree._Element]:
    """The rows of `table` itself (also inside row-level content controls),
    not those of tables nested in its cells."""
    rows: list[etree._Element] = []
    for child in table:
        if child.tag == _W + "tr":
            rows.append(child)
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            rows.extend(_rows(child))
    return rows


def _owner(run: etree._Element) -> etree._Element | None:
    """The paragraph a run belongs to (a text box's runs belong to its own paragraphs)."""
    node = run.getparent()
    while node is not None and node.tag != _W + "p":
        node = node.getparent()
    return node


def _deleted(run: etree._Element, p: etree._Element) -> bool:
    node = run.getparent()
    while node is not None and node is not p:
        if node.tag in (_W + "del", _W + "moveFrom"):
            return True
        node = node.getparent()
    return False


def _link_target(run: etree._Element, p: etree._Element, links: dict[str, str]) -> str | None:
    node = run.getparent()
    while node is not None and node is not p:
        if node.tag == _W + "hyperlink":
            rid = node.get(f"{{{R}}}id")
            if rid and links.get(rid, "").startswith(("http://", "https://", "mailto:")):
                return links[rid]
            return None
        node = node.getparent()
    return None


def _read(archive: zipfile.ZipFile, name: str) -> SourceDocument:
    main = _main_part(archive, name)
    root = parse_member(archive, main, name)
    body = root.find(_W + "body")
    if root.tag != _W + "document" or body is None:
        raise ImportFileError(_("{name} is not a Word document.").format(name=name))
    reader = _Reader(_read_styles(archive, main, name), _relationships(archive, main, name),
                     name)
    doc = SourceDocument(paragraphs=reader.paragraphs(body))
    doc.findings.extend(reader.findings)
    if reader.tables:
        doc.notices.append(ngettext(
            "{n} table was read as one paragraph per row (rows read: {rows}), its cells "
            "separated by “|”: a letter has no tables, so check how the rows read.",
            "{n} tables were read as one paragraph per row (rows read: {rows}), their cells "
            "separated by “|”: a letter has no tables, so check how the rows read.",
            len(reader.tables)).format(n=len(reader.tables), rows=sum(reader.tables)))
    footnotes = _footnotes(archive, main, name, reader)
    if footnotes:
        doc.paragraphs.extend(footnotes)
        doc.notices.append(
            ngettext(
                "{n} footnote was kept as a paragraph in \"unassigned\".",
                "{n} footnotes were kept as paragraphs in \"unassigned\".",
                len(footnotes),
            ).format(n=len(footnotes))
        )
    return doc


def _footnotes(
    archive: zipfile.ZipFile, main: str, name: str, reader: _Reader
) -> list[RawParagraph]:
    part = posixpath.join(posixpath.dirname(main), "footnotes.xml")
    if not reader.footnote_ids or part not in archive.namelist():
        return []
    root = parse_member(archive, part, name)
    by_id = {fn.get(_W + "id", ""): fn for fn in root.iter(_W + "footnote")}
    out: list[RawParagraph] = []
    for fid in reader.footnote_ids:
        fn = by_id.get(fid)
        if fn is None:
            continue
        texts = [clean_text("".join(t.text or "" for t in p.iter(_W + "t")))
                 for p in fn.iter(_W + "p")]
        text = clean_text(" ".join(t for t in texts if t))
        if text:
            out.append(RawParagraph(text=text, kind="paragraph", footnote=True))
    return out
