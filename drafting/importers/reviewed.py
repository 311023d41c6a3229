"""A reviewed copy of an export read from its DOCX (issue 19), safely.

The file is untrusted: it goes through the same caps as any import (file
size, zip members, compression ratio, bounded reads) and the safe XML parser
(`drafting.importers.safezip`). One `ImportFileError`, one sentence, for
anything that is not a readable Word document.

What is read: the custom properties (the export's stamp), the core
properties (who saved it last, when), the body's paragraphs in reading order
(inside tables and content controls too) with our bookmarks, tracked
insertions and deletions (`w:ins`, `w:del`, `w:moveTo`, `w:moveFrom`) with
author and date, tracked paragraph marks, and comment ranges; the comments
(`comments.xml`) with their threads and resolved state
(`commentsExtended.xml`). Formatting changes, drawings, fields' codes,
headers and footers are not read.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from drafting.errors import ImportFileError
from drafting.i18n import _
from drafting.importers.docx_reader import _main_part
from drafting.importers.safezip import MAX_FILE_BYTES, check_zip, parse_member
from drafting.importers.source import CONTROL_RE
from drafting.review.document import (
    ChangeKind,
    Piece,
    ReviewedComment,
    ReviewedDocument,
    ReviewedParagraph,
)
from drafting.review.stamp import ANCHOR_PREFIX, ExportStamp

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DCTERMS = "http://purl.org/dc/terms/"
_W = "{" + W + "}"

REL_COMMENTS = RELS + "/comments"
REL_COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
REL_CUSTOM = RELS + "/custom-properties"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
# Containers whose content is read as if it stood in their place.
_TRANSPARENT = {_W + t for t in ("hyperlink", "smartTag", "fldSimple", "customXml", "sdt",
                                 "sdtContent", "dir", "bdo")}
_CHANGES: dict[str, ChangeKind] = {_W + "ins": "ins", _W + "moveTo": "ins",
                                   _W + "del": "del", _W + "moveFrom": "del"}


def read_reviewed_docx(path: str | Path) -> ReviewedDocument:
    """Read a reviewed copy (see the module docstring); the file is never changed."""
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFileError(
                _("{name} is too large to import ({size} MB; the limit is {limit} MB).").format(
                    name=source.name, size=size // (1024 * 1024),
                    limit=MAX_FILE_BYTES // (1024 * 1024)))
        data = source.read_bytes()
    except OSError as exc:
        raise ImportFileError(_("Cannot read {name}.").format(name=source.name)) from exc
    damaged = _("{name} is not a valid Word document (.docx): the file is damaged or of "
                "another kind.").format(name=source.name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive, source.name)
            doc = _Reader(archive, source.name).read()
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            ValueError, KeyError, RecursionError) as exc:
        raise ImportFileError(damaged) from exc
    doc.digest = hashlib.sha256(data).hexdigest()
    return doc


def clean_date(value: str) -> str:
    """An ISO date as the copy gave it, or "" when it is not one ("0-00-00T00:00:00Z")."""
    value = value.strip()
    if not _DATE_RE.match(value) or value.startswith("0000"):
        return ""
    return value


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive = archive
        self.name = name
        self.names = set(archive.namelist())

    def _parse(self, part: str) -> etree._Element | None:
        return parse_member(self.archive, part, self.name) if part in self.names else None

    def _package_part(self, reltype: str, fallback: str) -> str:
        if "_rels/.rels" in self.names:
            rels = parse_member(self.archive, "_rels/.rels", self.name)
            for rel in rels.iter(f"{{{PR}}}Relationship"):
                if rel.get("Type") == reltype:
                    return (rel.get("Target") or "").lstrip("/")
        return fallback

    def _document_part(self, main: str, reltype: str, fallback: str) -> str:
        folder = posixpath.dirname(main)
        rels_name = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
        if rels_name in self.names:
            rels = parse_member(self.archive, rels_name, self.name)
            for rel in rels.iter(f"{{{PR}}}Relationship"):
                if rel.get("Type") == reltype and rel.get("TargetMode") != "External":
                    target = rel.get("Target") or ""
                    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
        return posixpath.join(folder, fallback)

    def read(self) -> ReviewedDocument:
        main = _main_part(self.archive, self.name)
        root = parse_member(self.archive, main, self.name)
        body = root.find(_W + "body")
        if root.tag != _W + "document" or body is None:
            raise ImportFileError(_("{name} is not a Word document.").format(name=self.name))
        doc = ReviewedDocument(self.name, "")
        doc.stamp = ExportStamp.from_properties(self._custom_properties())
        doc.last_modified_by, doc.modified = self._core_properties()
        comments = self._comments(main)
        walker = _BodyWalker(doc.stamp.redline_author if doc.stamp else "")
        walker.walk(body)
        doc.paragraphs = walker.paragraphs
        for comment in comments:
            place = walker.ranges.get(comment.id) or walker.references.get(comment.id)
            if place is not None:
                comment.paragraph = place[0]
                comment.quote = " ".join(place[1].split())
        doc.comments = comments
        return doc

    def _custom_properties(self) -> dict[str, str]:
        root = self._parse(self._package_part(REL_CUSTOM, "docProps/custom.xml"))
        props: dict[str, str] = {}
        if root is None:
            return props
        for prop in root.iter(f"{{{CUSTOM}}}property"):
            value = next(iter(prop), None)
            if value is not None:
                props[str(prop.get("name", ""))] = (value.text or "").strip()
        return props

    def _core_properties(self) -> tuple[str, str]:
        root = self._parse(self._package_part(REL_CORE, "docProps/core.xml"))
        if root is None:
            return "", ""
        who = root.find(f"{{{CP}}}lastModifiedBy")
        when = root.find(f"{{{DCTERMS}}}modified")
        return ((who.text or "").strip() if who is not None else "",
                clean_date(when.text or "") if when is not None else "")

    def _comments(self, main: str) -> list[ReviewedComment]:
        root = self._parse(self._document_part(main, REL_COMMENTS, "comments.xml"))
        if root is None:
            return []
        out: list[ReviewedComment] = []
        for c in root.iter(_W + "comment"):
            paragraphs = c.findall(f".//{_W}p")
            texts = [_plain_text(p) for p in paragraphs]
            para_id = str(paragraphs[-1].get(f"{{{W14}}}paraId", "")) if paragraphs else ""
            out.append(ReviewedComment(
                id=str(c.get(_W + "id", "")),
                text="\n".join(t for t in texts if t).strip(),
                author=str(c.get(_W + "author", "")).strip(),
                date=clean_date(str(c.get(_W + "date", ""))),
                para_id=para_id))
        extended = self._parse(self._document_part(main, REL_COMMENTS_EXTENDED,
                                                   "commentsExtended.xml"))
        if extended is not None:
            by_para = {c.para_id: c for c in out if c.para_id}
            for ex in extended.iter(f"{{{W15}}}commentEx"):
                comment = by_para.get(str(ex.get(f"{{{W15}}}paraId", "")))
                if comment is None:
                    continue
                comment.parent_para_id = str(ex.get(f"{{{W15}}}paraIdParent", ""))
                comment.done = str(ex.get(f"{{{W15}}}done", "0")).lower() in ("1", "true", "on")
        return out


def _plain_text(p: etree._Element) -> str:
    parts: list[str] = []
    for node in p.iter(_W + "t", _W + "tab", _W + "br"):
        parts.append(node.text or "" if node.tag == _W + "t" else " ")
    return CONTROL_RE.sub("", "".join(parts)).strip()


class _BodyWalker:
    """Reads the body's paragraphs in order, with tracked changes and comment ranges.

    Changes by `redline_author` are Missive's own (a redline export): taken
    as accepted, so they are not mistaken for the reviewers'.
    """

    def __init__(self, redline_author: str) -> None:
        self.redline_author = redline_author
        self.paragraphs: list[ReviewedParagraph] = []
        self.pending_anchors: list[str] = []
        # comment id -> (paragraph index, quoted text) for ranges and references
        self.ranges: dict[str, tuple[int, str]] = {}
        self.references: dict[str, tuple[int, str]] = {}
        self._open: dict[str, list[str]] = {}
        self._current: ReviewedParagraph | None = None

    def walk(self, element: etree._Element, change: tuple[ChangeKind, str, str] = ("", "", "")
             ) -> None:
        for child in element:
            tag = child.tag
            if tag == _W + "p":
                self._paragraph(child, change)
            elif tag == _W + "tbl":
                for row in child.iter(_W + "tr"):
                    for cell in row.findall(_W + "tc"):
                        self.walk(cell, change)
            elif tag in _CHANGES:
                self.walk(child, self._change_of(child, change))
            elif tag in _TRANSPARENT:
                self.walk(child, change)
            else:
                self._marker(child)

    def _change_of(self, element: etree._Element, outer: tuple[ChangeKind, str, str]
                   ) -> tuple[ChangeKind, str, str]:
        kind = _CHANGES[element.tag]
        author = str(element.get(_W + "author", "")).strip()
        if self.redline_author and author == self.redline_author:
            # Missive's own change: an insertion is plain text, a deletion is gone.
            return ("", "", "") if kind == "ins" else ("del", "\0missive", "")
        return kind, author, clean_date(str(element.get(_W + "date", "")))

    def _marker(self, element: etree._Element) -> None:
        tag = element.tag
        if tag == _W + "bookmarkStart":
            name = str(element.get(_W + "name", ""))
            if name.startswith(ANCHOR_PREFIX):
                if self._current is not None:
                    self._current.anchors.append(name)
                else:
                    self.pending_anchors.append(name)
        elif tag == _W + "commentRangeStart":
            cid = str(element.get(_W + "id", ""))
            self._open[cid] = []
            self.ranges.setdefault(cid, (len(self.paragraphs), ""))
        elif tag == _W + "commentRangeEnd":
            cid = str(element.get(_W + "id", ""))
            words = self._open.pop(cid, None)
            if words is not None and cid in self.ranges:
                self.ranges[cid] = (self.ranges[cid][0], "".join(words))

    def _paragraph(self, p: etree._Element, change: tuple[ChangeKind, str, str]) -> None:
        para = ReviewedParagraph(anchors=self.pending_anchors)
        self.pending_anchors = []
        ppr = p.find(_W + "pPr")
        if ppr is not None:
            style = ppr.find(_W + "pStyle")
            para.style = str(style.get(_W + "val", "")) if style is not None else ""
            outline = ppr.find(_W + "outlineLvl")
            value = str(outline.get(_W + "val", "")) if outline is not None else ""
            para.outline = int(value) if value.isdigit() else None
            mark_rpr = ppr.find(_W + "rPr")
            if mark_rpr is not None:
                for tag in ("ins", "del"):
                    mark = mark_rpr.find(_W + tag)
                    if mark is not None:
                        kind, author, date = self._change_of(mark, change)
                        if kind and author != "\0missive":
                            para.mark, para.mark_author, para.mark_date = kind, author, date
        self._current = para
        self._inline(p, change)
        self._current = None
        para.pieces = _merged(para.pieces)
        self.paragraphs.append(para)

    def _inline(self, element: etree._Element, change: tuple[ChangeKind, str, str]) -> None:
        for child in element:
            tag = child.tag
            if tag == _W + "r":
                self._run(child, change)
            elif tag in _CHANGES:
                self._inline(child, self._change_of(child, change))
            elif tag in _TRANSPARENT:
                self._inline(child, change)
            elif tag != _W + "pPr":
                self._marker(child)

    def _run(self, run: etree._Element, change: tuple[ChangeKind, str, str]) -> None:
        parts: list[str] = []
        for child in run:
            tag = child.tag
            if tag in (_W + "t", _W + "delText"):
                parts.append(child.text or "")
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append(" ")
            elif tag == _W + "noBreakHyphen":
                parts.append("\u2011")
            elif tag == _W + "commentReference":
                cid = str(child.get(_W + "id", ""))
                self.references.setdefault(cid, (len(self.paragraphs), ""))
        text = CONTROL_RE.sub("", "".join(parts))
        if not text or self._current is None:
            return
        kind, author, date = change
        if author == "\0missive":
            return  # deleted by Missive's own redline: not part of what was sent
        self._current.pieces.append(Piece(text, kind, author, date))
        if kind != "del":
            for words in self._open.values():
                words.append(text)


def _merged(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if out and (out[-1].change, out[-1].author, out[-1].date) == \
                (piece.change, piece.author, piece.date):
            out[-1] = Piece(out[-1].text + piece.text, piece.change, piece.author, piece.date)
        else:
            out.append(piece)
    return out


__all__ = ["clean_date", "read_reviewed_docx"]
