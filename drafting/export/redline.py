"""A DOCX with tracked changes against an older version (issue 8, the reviewer's copy).

`export_redline(old, new, out, template)` writes the new letter exactly as
`export_docx` would (draft mode), then rewrites the body so that Word and
LibreOffice show what changed since the old one — a revision of the same
draft, another `.missive` file or a previous letter in .docx/.txt, read by
`drafting.storage.opening.load_compared` — as revisions a reviewer can accept
or reject:

- inserted words: `w:ins` (author, date) around ordinary runs;
- deleted words: `w:del` around runs whose text is `w:delText`;
- a new paragraph: all its runs and its paragraph mark inserted;
- a removed paragraph: put back where it stood, every run and its paragraph
  mark deleted, so accepting removes it without a trace.

Paragraphs are found through `build_document`'s `paragraph_hook`, which names
the block behind each body paragraph; both letters are rendered with the same
code, so the words compared are the words printed (typography and links
applied). Accepting every change gives the plain export of the new letter.
"""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from drafting.compare import BlockDiff, LetterDiff, SectionDiff, compare_letters, word_ops
from drafting.export import build_document, sanitize_letter, write_atomic
from drafting.export.anchors import mark_for_review
from drafting.export.pieces import split_for_links, typeset
from drafting.export.styles import lang_info
from drafting.export.xmlutil import XML_NS, el, get_or_add, sort_props, w
from drafting.letter import UNASSIGNED, Block, Letter
from drafting.letter_strings import masthead_strings
from drafting.review.stamp import ExportStamp
from drafting.templates.model import Template
from drafting.typography import typography_issues

__all__ = ["export_redline", "redline_document_bytes"]


@dataclass(frozen=True)
class _Atom:
    """One character of a rendered paragraph with the run and link it sits in."""

    char: str
    rpr: etree._Element | None
    link: etree._Element | None


class _Stamp:
    """Author, date and the next free annotation id of the tracked changes."""

    def __init__(self, author: str, when: datetime, first_id: int) -> None:
        self.author = author
        self.date = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._next = first_id

    def mark(self, tag: str) -> etree._Element:
        """A new `w:ins` or `w:del` element with id, author and date."""
        element = el(tag, id=self._next, author=self.author, date=self.date)
        self._next += 1
        return element


# -- the export ----------------------------------------------------------------


def export_redline(
    old: Letter,
    new: Letter,
    out_path: str | os.PathLike[str],
    template: Template,
    *,
    author: str = "Missive",
    when: datetime | None = None,
    stamp: ExportStamp | None = None,
    comments: bool = True,
) -> Path:
    """Write `new` to `out_path` with tracked changes since `old`.

    `drafting.storage.opening.load_compared` gives the two letters of a
    draft and a revision, another draft or a previous letter. `author` and
    `when` (default: now) stamp every change; `stamp` and `comments` as in
    `export_docx`. The write is atomic; returns the path.
    """
    target = Path(out_path)
    write_atomic(target, redline_document_bytes(old, new, template, author=author, when=when,
                                                stamp=stamp, comments=comments))
    return target


def redline_document_bytes(
    old: Letter,
    new: Letter,
    template: Template,
    *,
    author: str = "Missive",
    when: datetime | None = None,
    stamp: ExportStamp | None = None,
    comments: bool = True,
) -> bytes:
    """The DOCX bytes of `new` with tracked changes since `old` (draft mode)."""
    when = when or datetime.now(UTC)
    old, new = old.copy(), new.copy()
    sanitize_letter(old)
    sanitize_letter(new)
    new_paras: dict[str, etree._Element] = {}
    old_paras: dict[str, etree._Element] = {}
    doc = build_document(new, template, now=when,
                         paragraph_hook=lambda b, p: new_paras.__setitem__(b.id, p))
    old_doc = build_document(old, template, now=when,
                             paragraph_hook=lambda b, p: old_paras.__setitem__(b.id, p))
    body = doc.element.body
    marks = _Stamp(author, when, _free_id(body))
    required = frozenset(s.id for s in template.sections if s.required)
    old_marker = _marker_in(old_doc.element.body,
                            masthead_strings(lang_info(old.metadata.language).code)
                            ["section_missing"])
    _Rewriter(body, marks, old, new, old_paras, new_paras, required, old_marker).run(
        compare_letters(old, new))
    mark_for_review(doc, new, new_paras, stamp, comments=comments, redline_author=author)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _free_id(body: etree._Element) -> int:
    values = (str(e.get(w("id"), "")) for e in body.getroottree().iter())
    ids = [int(v) for v in values if v.isdigit()]
    return max(ids, default=0) + 1


class _Rewriter:
    """Applies a LetterDiff to the new document's body paragraphs."""

    def __init__(
        self,
        body: etree._Element,
        stamp: _Stamp,
        old: Letter,
        new: Letter,
        old_paras: dict[str, etree._Element],
        new_paras: dict[str, etree._Element],
        required: frozenset[str] = frozenset(),
        old_marker: etree._Element | None = None,
    ) -> None:
        self.body = body
        # Required sections: a draft shows them, empty, as heading + marker.
        self.required = required
        self.stamp = stamp
        self.old_blocks = {b.id: b for b in _all_blocks(old)}
        self.new_blocks = {b.id: b for b in _all_blocks(new)}
        self.old_lang = lang_info(old.metadata.language or "en").code
        self.new_lang = lang_info(new.metadata.language or "en").code
        self.old_paras = old_paras
        self.new_paras = new_paras
        self.mapped = set(map(id, new_paras.values())) | set(map(id, old_paras.values()))
        self.new_marker = masthead_strings(self.new_lang)["section_missing"]
        self.old_marker = old_marker
        self.cursor: etree._Element | None = self._title()
        self.deleted: list[etree._Element] = []

    def run(self, diff: LetterDiff) -> None:
        for section in diff.sections:
            self._section(section)
        for p in self.deleted:
            # a deleted paragraph mark joins the paragraph to the next one;
            # with no paragraph after it, only its text is deleted
            following = p.getnext()
            if following is None or following.tag != w("p"):
                ppr = p.find(w("pPr"))
                rpr = ppr.find(w("rPr")) if ppr is not None else None
                mark = rpr.find(w("del")) if rpr is not None else None
                if mark is not None and rpr is not None:
                    rpr.remove(mark)

    def _title(self) -> etree._Element | None:
        """The last paragraph of the title: the letter's title, or a report's title block."""
        first = _first_content(self.body)
        if first is None or id(first) in self.mapped or _style(first) not in _TITLE_STYLES:
            return None
        following = first.getnext()
        # a report's title block: agenda item (TitleHCH), then the report line (TitleH1)
        if _style(first) == "TitleHCH" and following is not None and following.tag == w("p") \
                and id(following) not in self.mapped and _style(following) == "TitleH1" \
                and not _numbered_heading(following):
            return following
        return None if _numbered_heading(first) else first

    def _section(self, section: SectionDiff) -> None:
        shown_new = [b for b in section.blocks if b.new_id in self.new_paras]
        shown_old = [b for b in section.blocks if b.old_id in self.old_paras]
        pseudo = section.id == UNASSIGNED or section.id.startswith("annex-")
        # An empty required section is printed as its heading and a marker.
        was_missing = not shown_old and section.id in self.required
        if shown_new and not shown_old:
            first_new = self.new_paras[shown_new[0].new_id or ""]
            heading = self._heading(first_new)
            if was_missing and self.old_marker is not None:
                # the heading was there already; the marker goes
                first_new.addprevious(self._deleted_copy(self.old_marker))
            elif heading is not None:
                self._mark_inserted(heading)
        if not shown_new:
            missing = self._missing_after(self.cursor) if section.id in self.required else None
            if missing is not None and not shown_old:
                self.cursor = missing[1]  # the same in both: heading and marker, unchanged
                return
            if not shown_old:
                return
            if missing is not None:
                # the text goes, the heading stays, the marker comes
                heading_p, marker = missing
                self._mark_inserted(marker)
                self.cursor = heading_p if heading_p is not None else self.cursor
                for block in section.blocks:
                    old_p = self.old_paras.get(block.old_id or "")
                    if old_p is not None:
                        self._place_after(self._deleted_copy(old_p))
                self.cursor = marker
                return
            if pseudo:
                self.cursor = self._end_anchor(annex=section.id != UNASSIGNED)
            heading = self._heading(self.old_paras[shown_old[0].old_id or ""])
            if heading is not None:
                self._place_after(self._deleted_copy(heading))
        pending: list[etree._Element] = []
        seen_new = False
        for block in section.blocks:
            p = self.new_paras.get(block.new_id or "")
            if p is not None:
                for d in pending:
                    p.addprevious(d)
                pending = []
                self._block(block, p)
                self.cursor = p
                seen_new = True
                continue
            old_p = self.old_paras.get(block.old_id or "")
            if old_p is None:
                continue
            copied = self._deleted_copy(old_p)
            if seen_new or not shown_new:
                self._place_after(copied)
            else:
                pending.append(copied)

    def _end_anchor(self, annex: bool = False) -> etree._Element | None:
        """The last paragraph of the body; for an annex, the one before the end rule."""
        paragraphs = self.body.findall(w("p"))
        if annex:
            rules = [i for i, p in enumerate(paragraphs) if _is_end_rule(p)]
            if rules:
                return paragraphs[rules[-1] - 1] if rules[-1] else None
        return paragraphs[-1] if paragraphs else None

    def _place_after(self, p: etree._Element) -> None:
        if self.cursor is None:
            start = self.body[0] if len(self.body) else None
            if start is not None and _holds_section(start):
                start.addnext(p)  # the first page's own section stays first
            else:
                self.body.insert(0, p)
        else:
            self.cursor.addnext(p)
        self.cursor = p

    def _heading(self, first: etree._Element) -> etree._Element | None:
        """The heading just before a section's (or annex's) first paragraph, if any."""
        previous = first.getprevious()
        if previous is None or previous.tag != w("p") or id(previous) in self.mapped:
            return None
        if _style(previous) in ("TitleH1", "TitleH2") or _numbered_heading(previous) \
                or _page_heading(previous):
            return previous
        return None

    def _missing_after(
        self, anchor: etree._Element | None
    ) -> tuple[etree._Element | None, etree._Element] | None:
        """The (heading, marker) of an empty required section right after `anchor`."""
        nxt = anchor.getnext() if anchor is not None else _first_content(self.body)
        heading = None
        if nxt is not None and id(nxt) not in self.mapped and \
                (_style(nxt) == "TitleH1" or _numbered_heading(nxt)):
            heading, nxt = nxt, nxt.getnext()
        if nxt is None or id(nxt) in self.mapped or _text(nxt) != self.new_marker:
            return None
        return heading, nxt

    # -- paragraphs ---------------------------------------------------------
    def _block(self, diff: BlockDiff, p: etree._Element) -> None:
        if diff.kind == "inserted":
            self._mark_inserted(p)
        elif diff.kind == "changed":
            old_p = self.old_paras.get(diff.old_id or "")
            if old_p is None:
                self._mark_inserted(p)
                return
            self._rewrite_changed(diff, old_p, p)

    def _mark_inserted(self, p: etree._Element) -> None:
        atoms = list(_atoms(p))
        _mark_paragraph(p, self.stamp.mark("ins"))
        _replace_content(p, [("insert", a) for a in atoms], self.stamp)

    def _deleted_copy(self, old_p: etree._Element) -> etree._Element:
        p = copy.deepcopy(old_p)
        # links of the old document point at its own relationships: drop them
        atoms = [_Atom(a.char, a.rpr, None) for a in _atoms(p)]
        _mark_paragraph(p, self.stamp.mark("del"))
        _replace_content(p, [("delete", a) for a in atoms], self.stamp)
        self.deleted.append(p)
        return p

    def _rewrite_changed(self, diff: BlockDiff, old_p: etree._Element, p: etree._Element) -> None:
        old_atoms = list(_atoms(old_p))
        new_atoms = list(_atoms(p))
        old_block = self.old_blocks.get(diff.old_id or "")
        new_block = self.new_blocks.get(diff.new_id or "")
        old_skip = _prefix_length(old_atoms, old_block, self.old_lang)
        new_skip = _prefix_length(new_atoms, new_block, self.new_lang)
        old_text = "".join(a.char for a in old_atoms[old_skip:])
        new_text = "".join(a.char for a in new_atoms[new_skip:])
        items: list[tuple[str, _Atom]] = [("equal", a) for a in new_atoms[:new_skip]]
        i, j = old_skip, new_skip
        for op, text in word_ops(old_text, new_text):
            if op == "delete":
                items += [("delete", _Atom(a.char, a.rpr, None))
                          for a in old_atoms[i:i + len(text)]]
                i += len(text)
            elif op == "insert":
                items += [("insert", a) for a in new_atoms[j:j + len(text)]]
                j += len(text)
            else:
                items += [("equal", a) for a in new_atoms[j:j + len(text)]]
                i += len(text)
                j += len(text)
        _replace_content(p, items, self.stamp)


def _all_blocks(letter: Letter) -> Iterator[Block]:
    for _sid, _index, block in letter.iter_blocks():
        yield block
    for annex in letter.annexes:
        yield from annex.blocks


_TITLE_STYLES = ("TitleHCH", "TitleH1")


def _marker_in(body: etree._Element, marker: str) -> etree._Element | None:
    """A missing-section marker paragraph of a document body, if it has one."""
    return next((p for p in body.iterchildren(w("p")) if _text(p) == marker), None)


def _text(p: etree._Element) -> str:
    return "".join(a.char for a in _atoms(p)).strip()


def _holds_section(p: etree._Element) -> bool:
    return p.tag == w("p") and p.find(f"{w('pPr')}/{w('sectPr')}") is not None


def _first_content(body: etree._Element) -> etree._Element | None:
    """The first paragraph after the first page's own section paragraph."""
    return next((p for p in body.iterchildren(w("p")) if not _holds_section(p)), None)


def _is_end_rule(p: etree._Element) -> bool:
    return p.find(f"{w('pPr')}/{w('pBdr')}") is not None and p.find(w("r")) is None


def _page_heading(p: etree._Element) -> bool:
    """An annex label or the draft annex's title: a TitleHCH that starts a page."""
    return _style(p) == "TitleHCH" and p.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None


def _numbered_heading(p: etree._Element) -> bool:
    """A report's chapter heading ("I. …"): the only TitleHCH with its own tab stops."""
    return _style(p) == "TitleHCH" and p.find(f"{w('pPr')}/{w('tabs')}") is not None


def _style(p: etree._Element) -> str:
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    return str(style.get(w("val"), "")) if style is not None else ""


def _atoms(p: etree._Element) -> Iterator[_Atom]:
    """The visible characters of a paragraph with their run properties and link."""
    for child in p:
        if child.tag == w("r"):
            yield from _run_atoms(child, None)
        elif child.tag == w("hyperlink"):
            for run in child.iter(w("r")):
                yield from _run_atoms(run, child)


def _run_atoms(run: etree._Element, link: etree._Element | None) -> Iterator[_Atom]:
    rpr = run.find(w("rPr"))
    for part in run:
        if part.tag in (w("t"), w("delText")):
            for char in part.text or "":
                yield _Atom(char, rpr, link)
        elif part.tag == w("tab"):
            yield _Atom("\t", rpr, link)
        elif part.tag == w("br"):
            yield _Atom("\n", rpr, link)


def _prefix_length(atoms: list[_Atom], block: Block | None, lang: str) -> int:
    """How many leading characters the writer put before the block's text (tab, number).

    Worked out from the text the body writer prints for the block; when the
    paragraph does not end with it, nothing is skipped and the whole
    paragraph is compared (still correct, only the number may show as changed).
    """
    if block is None:
        return 0
    full = "".join(a.char for a in atoms)
    pieces = typeset(split_for_links(block.spans, lang), typography_issues(block.text, lang))
    printed = "".join(piece.text for piece in pieces)
    return len(full) - len(printed) if printed and full.endswith(printed) else 0


def _mark_paragraph(p: etree._Element, mark: etree._Element) -> None:
    """Record the paragraph mark itself as inserted or deleted (`w:pPr/w:rPr`)."""
    ppr = get_or_add(p, "pPr", first=True)
    rpr = get_or_add(ppr, "rPr")
    rpr.insert(0, mark)  # w:ins/w:del come first in a paragraph mark's properties
    sort_props(ppr)


def _replace_content(p: etree._Element, items: list[tuple[str, _Atom]], stamp: _Stamp) -> None:
    """Replace everything after `w:pPr` by runs built from `items`.

    Neighbouring characters with the same link, change and run properties
    share one run; a link is rebuilt around its runs (`w:hyperlink` may hold
    `w:ins`/`w:del`), changes are wrapped in one `w:ins`/`w:del` each.
    """
    for child in list(p):
        if child.tag != w("pPr"):
            p.remove(child)
    link: etree._Element | None = None
    container = p
    change: str | None = None
    wrapper: etree._Element | None = None
    run: etree._Element | None = None
    run_rpr: etree._Element | None = None
    for kind, atom in items:
        if atom.link is not link:
            link = atom.link
            container = p if link is None else _shallow_copy(link, p)
            wrapper, run = None, None
        if wrapper is None or kind != change:
            change = kind
            if kind == "equal":
                wrapper = container
            else:
                wrapper = stamp.mark("ins" if kind == "insert" else "del")
                container.append(wrapper)
            run = None
        if run is None or atom.rpr is not run_rpr:
            run = el("r")
            run_rpr = atom.rpr
            if atom.rpr is not None:
                run.append(copy.deepcopy(atom.rpr))
            wrapper.append(run)
        _append_char(run, atom.char, deleted=kind == "delete")


def _shallow_copy(link: etree._Element, parent: etree._Element) -> etree._Element:
    element = etree.SubElement(parent, link.tag)
    for name, value in link.attrib.items():
        element.set(name, value)
    return element


def _append_char(run: etree._Element, char: str, *, deleted: bool) -> None:
    if char == "\t":
        run.append(el("tab"))
        return
    if char == "\n":
        run.append(el("br"))
        return
    tag = w("delText") if deleted else w("t")
    last = run[-1] if len(run) else None
    if last is None or last.tag != tag:
        last = etree.SubElement(run, tag)
        last.set(f"{{{XML_NS}}}space", "preserve")
        last.text = ""
    last.text = (last.text or "") + char
