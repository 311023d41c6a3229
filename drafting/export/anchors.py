"""What makes an export come back as a review (issue 19): anchors, stamp, open comments.

`mark_for_review(doc, letter, paragraphs, stamp, comments=…)` runs on a
finished document (draft, final or redline):

- every body paragraph gets a hidden bookmark named after its block
  (`drafting.review.stamp.anchor_name`), `w:bookmarkStart` just after the
  paragraph properties and `w:bookmarkEnd` last, so Word and LibreOffice keep
  it around the paragraph whatever a reviewer does inside;
- the stamp goes into the custom document properties (`docProps/custom.xml`);
- the letter's open comment threads and the writer's replies go into
  `word/comments.xml` (threads and resolved state in
  `word/commentsExtended.xml`), each anchored on its words
  (`w:commentRangeStart`/`w:commentRangeEnd` and a `w:commentReference` run),
  or on the whole paragraph when the words are no longer there, so the
  conversation goes on in Word.

Every id (`w:id` of bookmarks and comments, `w14:paraId`) is unique in the
document, as Open XML requires.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import replace

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from drafting.annotations import Comment, threads
from drafting.export.xmlutil import W_NS, XML_NS, el, sub, text_el, w
from drafting.letter import Letter
from drafting.review.stamp import ExportStamp, anchor_name

W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id Office gives user-defined properties.
_USER_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CT_COMMENTS_EX = \
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
RT_COMMENTS_EX = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
_SPACE = re.compile(r"\s", re.UNICODE)


def mark_for_review(doc: DocxDocument, letter: Letter,
                    paragraphs: dict[str, etree._Element], stamp: ExportStamp | None, *,
                    comments: bool = True, redline_author: str = "") -> None:
    """Anchors, stamp and open comments on a finished document (see the module docstring).

    `paragraphs` maps block ids to their `w:p`. A redline names the author of
    its own tracked changes (`redline_author`), which are not a reviewer's,
    and anchors comments on whole paragraphs, whose runs carry changes.
    """
    whole_paragraphs = bool(redline_author)
    if stamp is not None and redline_author:
        stamp = replace(stamp, redline_author=redline_author)
    ids = _Ids(doc)
    for block_id, p in paragraphs.items():
        add_anchor(p, block_id, ids.next())
    if stamp is not None:
        set_custom_properties(doc, stamp.properties())
    if comments:
        open_threads = [(first, replies) for first, replies in threads(letter.comments)
                        if not first.resolved and first.block_id in paragraphs]
        if open_threads:
            _CommentWriter(doc, ids).write(open_threads, paragraphs, whole_paragraphs)


class _Ids:
    """Free `w:id` numbers and `w14:paraId` values for the document."""

    def __init__(self, doc: DocxDocument) -> None:
        values = (str(e.get(w("id"), "")) for e in doc.element.iter())
        self._next = max((int(v) for v in values if v.isdigit()), default=0) + 1
        self._para = 0x1000

    def next(self) -> int:
        value = self._next
        self._next += 1
        return value

    def para_id(self) -> str:
        self._para += 1
        return f"{self._para:08X}"


def add_anchor(p: etree._Element, block_id: str, bookmark_id: int) -> None:
    """Put a block's bookmark around paragraph `p`'s content."""
    start = el("bookmarkStart", id=bookmark_id, name=anchor_name(block_id))
    ppr = p.find(w("pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(el("bookmarkEnd", id=bookmark_id))


def set_custom_properties(doc: DocxDocument, props: dict[str, str]) -> None:
    """Write `docProps/custom.xml` (text properties), replacing any there was."""
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            del package.rels[rid]
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(props.items(), start=2):
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property",
                                fmtid=_USER_FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    part = Part(PackURI("/docProps/custom.xml"), CT_CUSTOM, _xml(root), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _xml(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


class _CommentWriter:
    def __init__(self, doc: DocxDocument, ids: _Ids) -> None:
        self.doc = doc
        self.ids = ids
        nsmap = {"w": W_NS, "w14": W14_NS, "w15": W15_NS, "mc": MC_NS}
        self.comments = etree.Element(w("comments"), nsmap=nsmap)
        self.comments.set(f"{{{MC_NS}}}Ignorable", "w14 w15")
        self.extended = etree.Element(f"{{{W15_NS}}}commentsEx", nsmap=nsmap)
        self.extended.set(f"{{{MC_NS}}}Ignorable", "w14 w15")

    def write(self, open_threads: list[tuple[Comment, list[Comment]]],
              paragraphs: dict[str, etree._Element], whole: bool) -> None:
        for first, replies in open_threads:
            p = paragraphs[first.block_id]
            numbers = []
            first_para = ""
            for comment in (first, *replies):
                number = self.ids.next()
                para_id = self._comment(number, comment)
                self._extended(para_id, first_para, comment is first and first.resolved)
                first_para = first_para or para_id
                numbers.append(number)
            _anchor(p, first.quote, numbers, whole)
        part = Part(PackURI("/word/comments.xml"), CT_COMMENTS, _xml(self.comments),
                    self.doc.part.package)
        self.doc.part.relate_to(part, RT.COMMENTS)
        extended = Part(PackURI("/word/commentsExtended.xml"), CT_COMMENTS_EX,
                        _xml(self.extended), self.doc.part.package)
        self.doc.part.relate_to(extended, RT_COMMENTS_EX)

    def _comment(self, number: int, comment: Comment) -> str:
        node = sub(self.comments, "comment", id=number, author=comment.author or "-",
                   initials=_initials(comment.author))
        if _ISO.match(comment.date):
            node.set(w("date"), comment.date[:19] + "Z")
        lines = comment.text.split("\n") or [""]
        para_id = ""
        for index, line in enumerate(lines):
            p = sub(node, "p")
            para_id = self.ids.para_id()
            p.set(f"{{{W14_NS}}}paraId", para_id)
            p.set(f"{{{W14_NS}}}textId", "77777777")
            if index == 0:
                sub(sub(p, "r"), "annotationRef")
            run = sub(p, "r")
            run.append(text_el("t", line))
        return para_id

    def _extended(self, para_id: str, parent: str, done: bool) -> None:
        ex = etree.SubElement(self.extended, f"{{{W15_NS}}}commentEx")
        ex.set(f"{{{W15_NS}}}paraId", para_id)
        if parent:
            ex.set(f"{{{W15_NS}}}paraIdParent", parent)
        ex.set(f"{{{W15_NS}}}done", "1" if done else "0")


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


def _initials(author: str) -> str:
    return "".join(word[0] for word in author.split() if word[:1].isalpha())[:8].upper()


# -- anchoring a comment on its words ------------------------------------------------------


def _anchor(p: etree._Element, quote: str, numbers: list[int], whole: bool) -> None:
    """Range markers around `quote` in `p` (else around its content) and the references."""
    span = None if whole or not quote.strip() else _find(p, quote)
    if span is None:
        first = p.find(w("bookmarkStart"))
        start_at = first if first is not None else p.find(w("pPr"))
        end_before = p.find(w("bookmarkEnd"))
        starts = [el("commentRangeStart", id=n) for n in numbers]
        for marker in reversed(starts):
            if start_at is not None:
                start_at.addnext(marker)
            else:
                p.insert(0, marker)
        tail = [el("commentRangeEnd", id=n) for n in numbers] + [_reference(n) for n in numbers]
        for node in tail:
            if end_before is not None:
                end_before.addprevious(node)
            else:
                p.append(node)
        return
    start_run, end_run = span
    for n in numbers:
        start_run.addprevious(el("commentRangeStart", id=n))
    anchor = end_run
    for node in [el("commentRangeEnd", id=n) for n in numbers] + [_reference(n) for n in numbers]:
        anchor.addnext(node)
        anchor = node


def _reference(number: int) -> etree._Element:
    run = el("r")
    sub(run, "commentReference", id=number)
    return run


def _runs(p: etree._Element) -> Iterator[etree._Element]:
    """The runs that are direct children of `p` (links are kept whole)."""
    for child in p:
        if child.tag in (w("r"), w("hyperlink")):
            yield child


def _text_of(node: etree._Element) -> str:
    parts: list[str] = []
    for child in node.iter(w("t"), w("tab"), w("br")):
        parts.append(child.text or "" if child.tag == w("t") else " ")
    return "".join(parts)


def _find(p: etree._Element, quote: str) -> tuple[etree._Element, etree._Element] | None:
    """The first and last run covering `quote` in `p` (plain runs split at its ends;
    a link it starts or ends in is taken whole), or None when it is not there."""
    wanted = " ".join(quote.split())
    full = _SPACE.sub(" ", "".join(_text_of(r) for r in _runs(p)))
    at = full.find(wanted)
    if at < 0 or not wanted:
        return None
    end = at + len(wanted)
    for offset in (at, end):
        pos = 0
        for run in list(_runs(p)):
            size = len(_text_of(run))
            if run.tag == w("r") and pos < offset < pos + size:
                _split(run, offset - pos)
                break
            pos += size
    covered: list[etree._Element] = []
    pos = 0
    for run in _runs(p):
        size = len(_text_of(run))
        if pos + size > at and pos < end:
            covered.append(run)
        pos += size
    return (covered[0], covered[-1]) if covered else None


def _split(run: etree._Element, offset: int) -> tuple[etree._Element, etree._Element]:
    """Split a run of plain text at `offset`: (left part, right part), both in place."""
    right = copy.deepcopy(run)
    _cut(run, 0, offset)
    _cut(right, offset, None)
    run.addnext(right)
    return run, right


def _cut(run: etree._Element, start: int, end: int | None) -> None:
    """Keep only characters `start`..`end` of a run's content (as `_text_of` counts them)."""
    pos = 0
    for child in list(run):
        if child.tag == w("rPr"):
            continue
        if child.tag == w("t"):
            text = child.text or ""
        elif child.tag in (w("tab"), w("br")):
            text = " "
        else:  # no visible character: stays with the text after it
            if pos < start or (end is not None and pos >= end):
                run.remove(child)
            continue
        a, b = pos, pos + len(text)
        pos = b
        keep_from = max(start, a) - a
        keep_to = (min(end, b) if end is not None else b) - a
        if keep_to <= keep_from:
            run.remove(child)
        elif child.tag == w("t") and (keep_from, keep_to) != (0, len(text)):
            child.text = text[keep_from:keep_to]
            child.set(f"{{{XML_NS}}}space", "preserve")
