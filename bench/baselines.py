"""Baselines for the DOCX export: what an engineer would compare Missive with.

- `naive_docx`: the obvious python-docx script — one `add_paragraph` per
  block, `add_heading` for headings, the "List Bullet" style for bullets; no
  masthead, fields, links or typography.
- `raw_wordml`: WordprocessingML written directly with lxml and zipfile (one
  document part, no styles): the lower bound for writing the same text.

Both take `(kind, text)` pairs (`common.letter_plain_blocks`). Run as a script
it is the subprocess baseline of the CLI comparison, importing nothing from
Missive:

    python bench/baselines.py naive|raw BLOCKS.json OUT.docx
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def naive_docx(blocks: list[tuple[str, str]], path: str | Path) -> None:
    """The same content through python-docx's public API, nothing more."""
    import docx

    document = docx.Document()
    for kind, text in blocks:
        if kind == "heading":
            document.add_heading(text, level=1)
        elif kind == "subheading":
            document.add_heading(text, level=2)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    document.save(str(path))


def raw_wordml(blocks: list[tuple[str, str]], path: str | Path) -> None:
    """The same content as bare WordprocessingML in a zip (the lower bound)."""
    from lxml import etree

    def q(tag: str) -> str:
        return f"{{{W}}}{tag}"

    doc = etree.Element(q("document"), nsmap={"w": W})
    body = etree.SubElement(doc, q("body"))
    for kind, text in blocks:
        p = etree.SubElement(body, q("p"))
        r = etree.SubElement(p, q("r"))
        if kind in ("heading", "subheading"):
            rpr = etree.SubElement(r, q("rPr"))
            etree.SubElement(rpr, q("b"))
        t = etree.SubElement(r, q("t"))
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = ("• " + text) if kind == "bullet" else text
    etree.SubElement(body, q("sectPr"))
    xml = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("word/document.xml", xml)


def main(argv: list[str]) -> int:
    """`naive|raw BLOCKS.json OUT.docx`: write the blocks with one baseline."""
    if len(argv) != 3 or argv[0] not in ("naive", "raw"):
        print("usage: baselines.py naive|raw BLOCKS.json OUT.docx", file=sys.stderr)
        return 2
    blocks = [(k, t) for k, t in json.loads(Path(argv[1]).read_text(encoding="utf-8"))]
    (naive_docx if argv[0] == "naive" else raw_wordml)(blocks, argv[2])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
