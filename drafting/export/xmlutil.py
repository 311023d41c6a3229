"""Small lxml helpers for the WordprocessingML python-docx does not model.

Everything here builds elements in the `w:` namespace by hand: tables in
headers, fields, hyperlinks, bidi and east-Asian properties. Text that goes
into XML passes through `clean_text` first, because lxml refuses control
characters and a refused character must never cost the writer a file.
"""

from __future__ import annotations

import re

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Characters XML 1.0 forbids (tab, newline and carriage return are allowed but
# handled separately by the run writer), plus the two non-characters.
_INVALID_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def w(tag: str) -> str:
    """The Clark name of a `w:` tag or attribute."""
    return f"{{{W_NS}}}{tag}"


def r(tag: str) -> str:
    """The Clark name of an `r:` (relationships) attribute."""
    return f"{{{R_NS}}}{tag}"


_NSMAP = {"w": W_NS, "r": R_NS}


def el(tag: str, attrs: dict[str, str | int] | None = None, **kw: str | int) -> etree._Element:
    """A new `w:` element; attribute names are `w:` names unless already qualified."""
    element = etree.Element(w(tag), nsmap=_NSMAP)
    if attrs or kw:
        _set(element, attrs, kw)
    return element


def sub(
    parent: etree._Element, tag: str, attrs: dict[str, str | int] | None = None, **kw: str | int
) -> etree._Element:
    """Append a new `w:` child to `parent` and return it."""
    element = etree.SubElement(parent, w(tag))
    if attrs or kw:
        _set(element, attrs, kw)
    return element


def _set(
    element: etree._Element, attrs: dict[str, str | int] | None, kw: dict[str, str | int]
) -> None:
    for name, value in {**(attrs or {}), **kw}.items():
        key = name if name.startswith("{") else w(name)
        element.set(key, str(value))


def clean_text(text: str) -> tuple[str, int]:
    """`text` without the characters XML cannot carry, and how many were removed.

    A lone carriage return becomes a newline (a line break in the run writer).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned, count = _INVALID_XML_RE.subn("", text)
    return cleaned, count


def text_el(tag: str, text: str) -> etree._Element:
    """A `w:t` (or `w:instrText`) element keeping leading and trailing spaces."""
    element = el(tag)
    element.text = text
    if text != text.strip():
        element.set(f"{{{XML_NS}}}space", "preserve")
    return element


def half_points(points: float) -> str:
    """Font size in half-points, the unit of `w:sz`."""
    return str(round(points * 2))


def twips(points: float) -> str:
    """Points as twentieths of a point (spacing, exact line height)."""
    return str(round(points * 20))


_BREAKS_RE = re.compile(r"([\t\n])")


def append_run_text(run: etree._Element, text: str) -> None:
    """Append `text` to a run, turning tabs into `w:tab` and newlines into `w:br`."""
    if "\t" not in text and "\n" not in text:
        if text:
            run.append(text_el("t", text))
        return
    for piece in _BREAKS_RE.split(text):
        if piece == "\t":
            run.append(el("tab"))
        elif piece == "\n":
            run.append(el("br"))
        elif piece:
            run.append(text_el("t", piece))


def field_runs(instruction: str, cached: str, rpr: etree._Element | None) -> list[etree._Element]:
    """The runs of a complex field (`PAGE`, `NUMPAGES`) with a cached result.

    Complex fields rather than `w:fldSimple` because both Word and LibreOffice
    keep the run formatting of each part, and the cached text is what a viewer
    that does not compute fields shows.
    """
    runs: list[etree._Element] = []
    parts: list[tuple[str, str]] = [
        ("begin", ""),
        ("instr", f" {instruction} \\* MERGEFORMAT "),
        ("separate", ""),
        ("text", cached),
        ("end", ""),
    ]
    for kind, value in parts:
        run = el("r")
        if rpr is not None:
            run.append(_copy(rpr))
        if kind == "instr":
            run.append(text_el("instrText", value))
        elif kind == "text":
            run.append(text_el("t", value))
        else:
            run.append(el("fldChar", fldCharType=kind))
        runs.append(run)
    return runs


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element), parser=safe_parser())


def safe_parser() -> etree.XMLParser:
    """The only XML parser Missive uses: no entities, no network, no DTD."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


def pretty_xml(blob: bytes) -> str:
    """A part's XML pretty-printed for golden comparisons.

    Whitespace-only text between elements is dropped first so that a change of
    indentation in python-docx's own parts never shows as a difference.
    """
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=True,
    )
    root = etree.fromstring(blob, parser=parser)
    return str(etree.tostring(root, pretty_print=True, encoding="unicode"))


# Schema order of the children of w:pPr and w:rPr: Word rejects a file whose
# properties come in another order, so every builder sorts before returning.
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()


_PPR_RANK = {w(name): i for i, name in enumerate(_PPR_ORDER)}
_RPR_RANK = {w(name): i for i, name in enumerate(_RPR_ORDER)}


def sort_props(props: etree._Element) -> etree._Element:
    """Put the children of a `w:pPr` or `w:rPr` in schema order (in place)."""
    if len(props) < 2:
        return props
    rank = _PPR_RANK if etree.QName(props).localname == "pPr" else _RPR_RANK
    children = sorted(props, key=lambda c: rank.get(c.tag, len(rank)))
    for child in children:
        props.append(child)  # re-appending moves each child to the end, in order
    return props


def get_or_add(parent: etree._Element, tag: str, first: bool = False) -> etree._Element:
    """The `w:` child `tag` of `parent`, created (first or last) when missing."""
    found = parent.find(w(tag))
    if found is None:
        found = el(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found
