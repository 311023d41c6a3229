"""Right-to-left marking of an Arabic export (DESIGN §6).

The styles already make `Normal` (and everything based on it) right to left,
but a reader should not depend on style inheritance for direction: Word,
LibreOffice and the UN's own tools all write `w:bidi` on each paragraph and
`w:rtl` on each run of Arabic text. `mark_right_to_left` does the same on the
body, every header and every footer, after they are built. Bold and italic
runs already carry `w:bCs`/`w:iCs` (the complex-script switches) from the
writers, so Arabic text is bold or italic too.

The page furniture of a UN Arabic document also holds Latin-only lines: the
English distribution block ("Distr.: General", "1 June 2020"), the symbol,
the job number, "n/N". Set right to left, the bidi algorithm moves their
leading numbers to the wrong end ("June 2020 1"), so those paragraphs are
made left to right (`w:bidi w:val="0"`, runs without `w:rtl`) with their
alignment mirrored, so that each stays where the mirrored layout put it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docx.document import Document as DocxDocument
from lxml import etree

from drafting.export.xmlutil import get_or_add, sort_props, w

_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# Alignment that keeps a paragraph in place when it turns from RTL to LTR:
# in a bidi paragraph "left" is the start (the right edge) and "right" the end.
_MIRRORED_JC = {"left": "right", "right": "left", "start": "right", "end": "left"}


def _furniture(doc: DocxDocument) -> Iterator[etree._Element]:
    for section in doc.sections:
        for part in (section.header, section.even_page_header, section.first_page_header,
                     section.footer, section.even_page_footer, section.first_page_footer):
            if not part.is_linked_to_previous:
                yield part._element


def _style_jc(doc: DocxDocument) -> dict[str, str]:
    """Each paragraph style's alignment, following `basedOn`."""
    own: dict[str, str | None] = {}
    parent: dict[str, str | None] = {}
    for style in doc.styles.element.iter(w("style")):
        sid = style.get(w("styleId")) or ""
        jc = style.find(f"{w('pPr')}/{w('jc')}")
        own[sid] = jc.get(w("val")) if jc is not None else None
        based = style.find(w("basedOn"))
        parent[sid] = based.get(w("val")) if based is not None else None
    resolved: dict[str, str] = {}
    for sid in own:
        seen, cur = set(), sid
        while cur and cur not in seen:
            seen.add(cur)
            if own.get(cur):
                resolved[sid] = str(own[cur])
                break
            cur = parent.get(cur) or ""
    return resolved


def _mark_rtl(p: etree._Element) -> None:
    ppr = get_or_add(p, "pPr", first=True)
    if ppr.find(w("bidi")) is None:
        etree.SubElement(ppr, w("bidi"))
        sort_props(ppr)
    for run in p.iter(w("r")):
        rpr = run.find(w("rPr"))
        if rpr is None:
            rpr = etree.Element(w("rPr"))
            run.insert(0, rpr)
        if rpr.find(w("rtl")) is None:
            etree.SubElement(rpr, w("rtl"))
            sort_props(rpr)


def _mark_ltr(p: etree._Element, style_jc: dict[str, str]) -> None:
    ppr = get_or_add(p, "pPr", first=True)
    style = ppr.find(w("pStyle"))
    jc = ppr.find(w("jc"))
    current = jc.get(w("val")) if jc is not None else style_jc.get(
        style.get(w("val")) if style is not None else "Normal", "left")
    if jc is None:
        jc = etree.SubElement(ppr, w("jc"))
    jc.set(w("val"), _MIRRORED_JC.get(current or "left", current or "left"))
    bidi = ppr.find(w("bidi"))
    if bidi is None:
        bidi = etree.SubElement(ppr, w("bidi"))
    bidi.set(w("val"), "0")
    sort_props(ppr)


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def mark_right_to_left(doc: DocxDocument) -> int:
    """Set the direction of every paragraph; returns how many were made right to left.

    Body paragraphs are all right to left. In headers and footers, paragraphs
    with text but no Arabic letter are made left to right (see module docstring).
    """
    count = 0
    for p in doc.element.body.iter(w("p")):
        _mark_rtl(p)
        count += 1
    style_jc = _style_jc(doc)
    for root in _furniture(doc):
        for p in root.iter(w("p")):
            text = _text(p).strip()
            if text and not _ARABIC_RE.search(text):
                _mark_ltr(p, style_jc)
            else:
                _mark_rtl(p)
                count += 1
    return count
