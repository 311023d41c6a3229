#!/usr/bin/env python3
"""Measure the UN reference DOCX files into tests/fixtures/un_styles.json — no text.

The real UN documents in ../shared/reference/un-docx/ are the measure of our
export (DESIGN §6), but `make test` must not need anything outside the clone
(CONVENTIONS rule 15). This script reads those files and keeps only numbers
and style names: style ids, names and parents; the Normal text metrics; the
text, heading and title styles' sizes, spacing and indents; the bullets'
geometry; the page geometry of the first and following pages; the masthead's
row heights and emblem box. The test `tests/drafting/test_export_un_styles.py`
compares an export with that fixture; `.ci/run` runs this script with
`--check` where ../shared exists, so the fixture cannot drift from the files.

    .venv/bin/python scripts/extract_un_style_fixture.py           # write the fixture
    .venv/bin/python scripts/extract_un_style_fixture.py --check   # exit 1 if stale

A value is recorded only when every reference file agrees on it; a value
they disagree on is left out and listed under "disagreements".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "un-docx"
FIXTURE = ROOT / "tests" / "fixtures" / "un_styles.json"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

# The UN styles whose ids and names an export must carry (Word merges by name),
# and the built-in ones whose metrics we also follow.
UN_STYLES = ("Normal", "SingleTxt", "H1", "HCh", "H23", "H4", "H56", "TitleHCH", "TitleH1",
             "TitleH2", "Bullet1", "Bullet2")
BUILT_IN = ("Header", "Footer", "FootnoteText", "Hyperlink")
PPR = {"spacing": ("before", "after", "line", "lineRule"), "ind": ("left", "right", "hanging",
       "firstLine"), "jc": ("val",), "outlineLvl": ("val",)}
PPR_FLAGS = ("keepNext", "keepLines", "suppressAutoHyphens")
RPR_VALUES = ("sz", "spacing", "w", "kern")
RPR_FLAGS = ("b", "i")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name), parser=_parser())


def _flag(element: etree._Element | None) -> bool | None:
    """An on/off property: None when absent, else its value."""
    if element is None:
        return None
    return element.get(f"{W}val", "true") not in ("0", "false", "off")


def _style_record(style: etree._Element) -> dict[str, Any]:
    based = style.find(f"{W}basedOn")
    record: dict[str, Any] = {
        "type": style.get(f"{W}type"),
        "name": style.find(f"{W}name").get(f"{W}val"),
        "basedOn": based.get(f"{W}val") if based is not None else None,
    }
    ppr, rpr = style.find(f"{W}pPr"), style.find(f"{W}rPr")
    for tag, attrs in PPR.items():
        found = ppr.find(f"{W}{tag}") if ppr is not None else None
        for attr in attrs:
            value = found.get(f"{W}{attr}") if found is not None else None
            if value is not None:
                record[f"pPr.{tag}.{attr}"] = value
    for tag in PPR_FLAGS:
        value = _flag(ppr.find(f"{W}{tag}") if ppr is not None else None)
        if value is not None:
            record[f"pPr.{tag}"] = value
    for tag in RPR_VALUES:
        found = rpr.find(f"{W}{tag}") if rpr is not None else None
        if found is not None:
            record[f"rPr.{tag}"] = found.get(f"{W}val")
    for tag in RPR_FLAGS:
        value = _flag(rpr.find(f"{W}{tag}") if rpr is not None else None)
        if value is not None:
            record[f"rPr.{tag}"] = value
    fonts = rpr.find(f"{W}rFonts") if rpr is not None else None
    if fonts is not None and fonts.get(f"{W}ascii"):
        record["rPr.rFonts.ascii"] = fonts.get(f"{W}ascii")
    num = ppr.find(f"{W}numPr/{W}numId") if ppr is not None else None
    if num is not None:
        record["numId"] = num.get(f"{W}val")
    return record


def _bullets(numbering: etree._Element, styles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Indent, hanging and bullet size of the first level of Bullet 1 and Bullet 2."""
    abstract_of = {n.get(f"{W}numId"): n.find(f"{W}abstractNumId").get(f"{W}val")
                   for n in numbering.iter(f"{W}num")}
    abstracts = {a.get(f"{W}abstractNumId"): a for a in numbering.iter(f"{W}abstractNum")}
    out: dict[str, Any] = {}
    for style_id in ("Bullet1", "Bullet2"):
        num_id = styles.get(style_id, {}).get("numId")
        abstract = abstracts.get(abstract_of.get(num_id, ""))
        lvl = abstract.find(f"{W}lvl") if abstract is not None else None
        if lvl is None:
            continue
        ind = lvl.find(f"{W}pPr/{W}ind")
        size = lvl.find(f"{W}rPr/{W}sz")
        fonts = lvl.find(f"{W}rPr/{W}rFonts")
        out[style_id] = {
            "format": lvl.find(f"{W}numFmt").get(f"{W}val"),
            "text_at": int(ind.get(f"{W}left")),
            "hanging": int(ind.get(f"{W}hanging")),
            "bullet_at": int(ind.get(f"{W}left")) - int(ind.get(f"{W}hanging")),
            "bullet_size_pt": int(size.get(f"{W}val")) / 2 if size is not None else None,
            "bullet_font": fonts.get(f"{W}ascii") if fonts is not None else None,
        }
    return out


def _page(document: etree._Element) -> dict[str, Any]:
    """Page geometry of the first section (the first page's) and of the second,
    which UN files start with a continuous break on that same page."""
    sections = list(document.iter(f"{W}sectPr"))
    out: dict[str, Any] = {}
    for key, sect in (("first", sections[0]), ("second", sections[1])):
        size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
        kind = sect.find(f"{W}type")
        record: dict[str, Any] = {f"pgSz.{a}": int(size.get(f"{W}{a}")) for a in ("w", "h")}
        record.update({f"pgMar.{a}": int(margins.get(f"{W}{a}"))
                       for a in ("top", "bottom", "left", "right", "header", "footer")})
        record["titlePg"] = sect.find(f"{W}titlePg") is not None
        record["type"] = kind.get(f"{W}val") if kind is not None else "nextPage"
        out[key] = record
    return out


def _masthead(archive: zipfile.ZipFile, document: etree._Element) -> dict[str, Any]:
    """Row heights of the first-page header's table and its picture's size (twips)."""
    rels = _xml(archive, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(REL)}
    first = next(document.iter(f"{W}sectPr"))
    ref = next((h for h in first.iter(f"{W}headerReference")
                if h.get(f"{W}type") == "first"), None)
    if ref is None:
        return {}
    header = _xml(archive, "word/" + targets[ref.get(R_ID)])
    table = header.find(f"{W}tbl")
    rows = [int(r.find(f"{W}trPr/{W}trHeight").get(f"{W}val"))
            for r in table.iter(f"{W}tr")]
    out: dict[str, Any] = {"row_heights": rows}
    extent = header.find(f".//{WP}inline/{WP}extent")
    if extent is not None:
        out["emblem_twips"] = [round(int(extent.get("cx")) / 635),
                               round(int(extent.get("cy")) / 635)]
    return out


def measure(path: Path) -> dict[str, Any]:
    """Every measured value of one reference file."""
    with zipfile.ZipFile(path) as archive:
        styles_root = _xml(archive, "word/styles.xml")
        document = _xml(archive, "word/document.xml")
        numbering = _xml(archive, "word/numbering.xml")
        by_id = {s.get(f"{W}styleId"): _style_record(s) for s in styles_root.iter(f"{W}style")}
        return {
            "styles": {sid: by_id[sid] for sid in (*UN_STYLES, *BUILT_IN) if sid in by_id},
            "bullets": _bullets(numbering, by_id),
            "page": _page(document),
            "masthead": _masthead(archive, document),
        }


def _agree(values: list[Any], where: str, disagreements: list[str]) -> Any:
    """The value all files share; dicts are merged key by key."""
    if all(isinstance(v, dict) for v in values):
        keys = sorted(set().union(*values))
        out = {}
        for key in keys:
            present = [v[key] for v in values if key in v]
            if len(present) < len(values):
                disagreements.append(f"{where}.{key}")
                continue
            agreed = _agree(present, f"{where}.{key}", disagreements)
            if agreed is not _MISSING:
                out[key] = agreed
        return out
    if all(v == values[0] for v in values):
        return values[0]
    disagreements.append(where)
    return _MISSING


_MISSING = object()


def build_fixture(source: Path) -> dict[str, Any]:
    files = sorted(source.glob("*.docx"))
    if not files:
        raise SystemExit(f"no .docx files in {source}")
    measured = [measure(f) for f in files]
    disagreements: list[str] = []
    agreed = _agree(measured, "", disagreements)
    # numbering ids differ from file to file and mean nothing outside it
    for record in agreed.get("styles", {}).values():
        record.pop("numId", None)
    return {
        "about": "Measured by scripts/extract_un_style_fixture.py from the UN reference "
                 "DOCX files; numbers and style names only, no text.",
        "sources": {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files},
        **agreed,
        "disagreements": sorted(d.lstrip(".") for d in disagreements
                                if not d.endswith(".numId")),
    }


def render(fixture: dict[str, Any]) -> str:
    return json.dumps(fixture, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=FIXTURE)
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed fixture instead of writing it")
    args = parser.parse_args(argv)
    text = render(build_fixture(args.source))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        if current != text:
            print(f"{args.out} is stale: run scripts/extract_un_style_fixture.py",
                  file=sys.stderr)
            return 1
        print(f"{args.out} matches {args.source}")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
