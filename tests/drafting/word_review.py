"""Reviewed copies shaped like Word's, built with lxml from a real export (issue 19 tests).

`WordReview(sent_bytes)` edits `word/document.xml` the way Word records a
review — `w:ins`/`w:del` with `w:author` and `w:date`, deleted and inserted
paragraph marks, formatting changes (`w:rPrChange`), edits made without
tracking — and adds comments (`comments.xml` with `commentRangeStart`/`End`
and a reference run, threads and resolved state in `commentsExtended.xml`,
`commentsIds.xml`), with their relationships and content types. Paragraphs
are found by the anchor bookmark of their block.
"""

from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

from drafting.review.stamp import anchor_name

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID_NS = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


class WordReview:
    """A reviewed copy under construction (see the module docstring)."""

    def __init__(self, sent: bytes) -> None:
        self.parts: dict[str, bytes] = {}
        with zipfile.ZipFile(io.BytesIO(sent)) as archive:
            for name in archive.namelist():
                self.parts[name] = archive.read(name)
        self.doc = etree.fromstring(self.parts["word/document.xml"], PARSER)
        self.comments: list[tuple[int, str, str, str, str, bool, int | None]] = []
        self._next_id = 9000

    # -- finding things ---------------------------------------------------------------
    def paragraph(self, block_id: str) -> etree._Element:
        """The paragraph anchored to `block_id`, or else the one whose whole text it is."""
        name = anchor_name(block_id)
        for mark in self.doc.iter(w("bookmarkStart")):
            if mark.get(w("name")) == name:
                node = mark.getparent()
                while node is not None and node.tag != w("p"):
                    node = node.getparent()
                assert node is not None
                return node
        # A line with no anchor (a section heading, the title, the signature): by its text.
        for node in self.doc.iter(w("p")):
            text = "".join(t.text or "" for t in node.iter(w("t")))
            if " ".join(text.split()) == " ".join(block_id.split()):
                return node
        raise KeyError(block_id)

    def _id(self) -> str:
        self._next_id += 1
        return str(self._next_id)

    def _run_with(self, p: etree._Element, words: str) -> tuple[etree._Element, int]:
        """The plain run holding `words` whole, split so they are its whole text."""
        for run in p.iter(w("r")):
            t = run.find(w("t"))
            if t is None or words not in (t.text or ""):
                continue
            text = t.text or ""
            at = text.index(words)
            before, after = text[:at], text[at + len(words):]
            if before:
                left = copy.deepcopy(run)
                _set_text(left, before)
                run.addprevious(left)
            if after:
                right = copy.deepcopy(run)
                _set_text(right, after)
                run.addnext(right)
            _set_text(run, words)
            return run, at
        raise KeyError(words)

    def _mark(self, tag: str, author: str, date: str) -> etree._Element:
        return etree.Element(w(tag), {w("id"): self._id(), w("author"): author,
                                      w("date"): date})

    # -- tracked changes ----------------------------------------------------------------
    def replace(self, block_id: str, old: str, new: str, author: str,
                date: str = "2020-05-04T09:00:00Z") -> None:
        """Tracked: `old` deleted and `new` inserted after it."""
        run, _at = self._run_with(self.paragraph(block_id), old)
        deleted = self._mark("del", author, date)
        run.addprevious(deleted)
        inserted_run = copy.deepcopy(run)
        deleted.append(run)
        t = run.find(w("t"))
        assert t is not None
        t.tag = w("delText")
        if new:
            _set_text(inserted_run, new)
            inserted = self._mark("ins", author, date)
            inserted.append(inserted_run)
            deleted.addnext(inserted)

    def insert(self, block_id: str, after_words: str, new: str, author: str,
               date: str = "2020-05-04T09:05:00Z") -> None:
        """Tracked: `new` inserted just after `after_words`."""
        run, _at = self._run_with(self.paragraph(block_id), after_words)
        added = copy.deepcopy(run)
        _set_text(added, new)
        inserted = self._mark("ins", author, date)
        inserted.append(added)
        run.addnext(inserted)

    def format_only(self, block_id: str, words: str, author: str) -> None:
        """Tracked formatting: `words` made bold, recorded as `w:rPrChange` (not text)."""
        run, _at = self._run_with(self.paragraph(block_id), words)
        rpr = run.find(w("rPr"))
        if rpr is None:
            rpr = etree.Element(w("rPr"))
            run.insert(0, rpr)
        old = copy.deepcopy(rpr)
        old.tag = w("rPr")
        etree.SubElement(rpr, w("b"))
        change = etree.SubElement(rpr, w("rPrChange"), {
            w("id"): self._id(), w("author"): author, w("date"): "2020-05-04T09:10:00Z"})
        change.append(old)

    def delete_paragraph(self, block_id: str, author: str,
                         date: str = "2020-05-04T09:15:00Z") -> None:
        """Tracked: every run of the paragraph and its mark deleted."""
        p = self.paragraph(block_id)
        deleted = self._mark("del", author, date)
        for run in [r for r in p if r.tag in (w("r"), w("hyperlink"))]:
            deleted.append(run)
        for t in deleted.iter(w("t")):
            t.tag = w("delText")
        start = p.find(w("bookmarkStart"))
        (start if start is not None else p.find(w("pPr"))).addnext(deleted)
        _mark_paragraph(p, self._mark("del", author, date))

    def insert_paragraph_after(self, block_id: str, text: str, author: str | None,
                               date: str = "2020-05-04T09:20:00Z") -> None:
        """A new paragraph after a block's, tracked when `author` is given."""
        p = self.paragraph(block_id)
        new = etree.Element(w("p"))
        ppr = p.find(w("pPr"))
        if ppr is not None:
            new.append(copy.deepcopy(ppr))
            for rpr in new.iter(w("rPr")):
                rpr.getparent().remove(rpr)
        run = etree.SubElement(new, w("r"))
        _set_text(run, text)
        if author is not None:
            inserted = self._mark("ins", author, date)
            run.addprevious(inserted)
            inserted.append(run)
            _mark_paragraph(new, self._mark("ins", author, date))
        p.addnext(new)

    # -- untracked edits ------------------------------------------------------------------
    def edit(self, block_id: str, old: str, new: str) -> None:
        """Untracked: `old` typed over with `new`."""
        run, _at = self._run_with(self.paragraph(block_id), old)
        _set_text(run, new)

    def remove_paragraph(self, block_id: str) -> None:
        p = self.paragraph(block_id)
        p.getparent().remove(p)

    def move_paragraph(self, block_id: str, after_block: str) -> None:
        """Untracked cut and paste: the paragraph (with its bookmark) after another."""
        p = self.paragraph(block_id)
        target = self.paragraph(after_block)
        target.addnext(p)

    def drop_anchor(self, block_id: str) -> None:
        """The reviewer retyped the paragraph: its bookmark is gone."""
        p = self.paragraph(block_id)
        start = next(m for m in p.iter(w("bookmarkStart"))
                     if m.get(w("name")) == anchor_name(block_id))
        number = start.get(w("id"))
        start.getparent().remove(start)
        for end in list(p.iter(w("bookmarkEnd"))):
            if end.get(w("id")) == number:
                end.getparent().remove(end)

    # -- comments ------------------------------------------------------------------------
    def comment(self, block_id: str, words: str, text: str, author: str,
                date: str = "2020-05-04T10:00:00Z", *, reply_to: int | None = None,
                done: bool = False) -> int:
        """A comment on `words` (or a reply to comment `reply_to`, on the same words)."""
        number = len(self.comments)
        p = self.paragraph(block_id)
        run, _at = self._run_with(p, words)
        run.addprevious(etree.Element(w("commentRangeStart"), {w("id"): str(number)}))
        end = etree.Element(w("commentRangeEnd"), {w("id"): str(number)})
        run.addnext(end)
        ref = etree.Element(w("r"))
        etree.SubElement(ref, w("commentReference"), {w("id"): str(number)})
        end.addnext(ref)
        para_id = f"{0x10000000 + number:08X}"
        self.comments.append((number, author, date, text, para_id, done, reply_to))
        return number

    # -- the file ------------------------------------------------------------------------
    def bytes(self) -> bytes:
        parts = dict(self.parts)
        parts["word/document.xml"] = etree.tostring(self.doc, xml_declaration=True,
                                                    encoding="UTF-8", standalone=True)
        if self.comments:
            self._comment_parts(parts)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return out.getvalue()

    def _comment_parts(self, parts: dict[str, bytes]) -> None:
        nsmap = {"w": W_NS, "w14": W14_NS, "w15": W15_NS, "w16cid": W16CID_NS}
        comments = etree.Element(w("comments"), nsmap=nsmap)
        extended = etree.Element(f"{{{W15_NS}}}commentsEx", nsmap=nsmap)
        ids = etree.Element(f"{{{W16CID_NS}}}commentsIds", nsmap=nsmap)
        by_number = {c[0]: c for c in self.comments}
        for number, author, date, text, para_id, done, reply_to in self.comments:
            node = etree.SubElement(comments, w("comment"), {
                w("id"): str(number), w("author"): author, w("date"): date,
                w("initials"): "".join(x[0] for x in author.split())})
            p = etree.SubElement(node, w("p"), {f"{{{W14_NS}}}paraId": para_id,
                                                f"{{{W14_NS}}}textId": "77777777"})
            ref = etree.SubElement(p, w("r"))
            etree.SubElement(ref, w("annotationRef"))
            _set_text(etree.SubElement(p, w("r")), text)
            ex = etree.SubElement(extended, f"{{{W15_NS}}}commentEx",
                                  {f"{{{W15_NS}}}paraId": para_id,
                                   f"{{{W15_NS}}}done": "1" if done else "0"})
            if reply_to is not None:
                ex.set(f"{{{W15_NS}}}paraIdParent", by_number[reply_to][4])
            etree.SubElement(ids, f"{{{W16CID_NS}}}commentId", {
                f"{{{W16CID_NS}}}paraId": para_id,
                f"{{{W16CID_NS}}}durableId": f"{0x20000000 + number:08X}"})
        parts["word/comments.xml"] = _xml(comments)
        parts["word/commentsExtended.xml"] = _xml(extended)
        parts["word/commentsIds.xml"] = _xml(ids)
        rels = etree.fromstring(parts["word/_rels/document.xml.rels"], PARSER)
        for n, (target, kind) in enumerate((
                ("comments.xml", REL + "/comments"),
                ("commentsExtended.xml",
                 "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"),
                ("commentsIds.xml",
                 "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds"))):
            if any(r.get("Target") == target for r in rels):
                continue
            etree.SubElement(rels, f"{{{PKG_NS}}}Relationship",
                             Id=f"rIdReview{n}", Type=kind, Target=target)
        parts["word/_rels/document.xml.rels"] = _xml(rels)
        types = etree.fromstring(parts["[Content_Types].xml"], PARSER)
        for name, content in (
                ("/word/comments.xml", "wordprocessingml.comments+xml"),
                ("/word/commentsExtended.xml", "wordprocessingml.commentsExtended+xml"),
                ("/word/commentsIds.xml", "wordprocessingml.commentsIds+xml")):
            if not any(o.get("PartName") == name for o in types):
                etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=name,
                                 ContentType="application/vnd.openxmlformats-officedocument."
                                 + content)
        parts["[Content_Types].xml"] = _xml(types)


def _set_text(run: etree._Element, text: str) -> None:
    for child in list(run):
        if child.tag in (w("t"), w("delText"), w("tab")):
            run.remove(child)
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set(f"{{{XML_NS}}}space", "preserve")


def _mark_paragraph(p: etree._Element, mark: etree._Element) -> None:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, w("rPr"))
    rpr.insert(0, mark)


def _xml(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
