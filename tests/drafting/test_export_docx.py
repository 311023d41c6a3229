"""The DOCX export: styles, page furniture, links, typography, draft/final
(writing the file itself: `test_export_files.py`)."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafting.export import ExportResult, export_docx
from drafting.export.masthead import release_code
from drafting.export.styles import STYLE_IDS
from drafting.export.xmlutil import W_NS, safe_parser
from drafting.letter import Block, Letter, Metadata, Section, Span
from drafting.paths import samples_dir
from drafting.references import find_symbols, symbol_url
from drafting.templates.model import HouseStyle, Template
from tests.drafting.test_export_golden import (
    FIXED_NOW,
    golden_letter_en,
    golden_letter_fr,
    golden_template,
)

NS = {"w": W_NS, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
NBSP, NNBSP = "\u00a0", "\u202f"
UNDOCS_FR = "https://undocs.org/fr/"


def export(letter: Letter, tmp_path: Path, *, final: bool = False,
           template: Template | None = None, name: str = "out.docx") -> ExportResult:
    return export_docx(letter, template or golden_template(), tmp_path / name, final=final,
                       now=FIXED_NOW)


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name), parser=safe_parser())


def part_text(path: Path, name: str) -> str:
    return "".join(part(path, name).itertext())


def rels(path: Path) -> dict[str, tuple[str, str]]:
    """rId -> (type suffix, target) of the main document part."""
    root = part(path, "word/_rels/document.xml.rels")
    return {
        r.get("Id"): (r.get("Type").rsplit("/", 1)[-1], r.get("Target"))
        for r in root.iter(f"{{{REL_NS}}}Relationship")
    }


def header_footer_parts(path: Path) -> dict[str, str]:
    """Reference type ("first", "default", "even" + kind) -> part name."""
    body = part(path, "word/document.xml")
    by_id = rels(path)
    out: dict[str, str] = {}
    for kind in ("header", "footer"):
        for ref in body.iterfind(f".//w:sectPr/w:{kind}Reference", NS):
            rid = ref.get(f"{{{NS['r']}}}id")
            out[f"{ref.get(f'{{{W_NS}}}type')}-{kind}"] = "word/" + by_id[rid][1]
    return out


def wval(element: etree._Element | None, attr: str = "val") -> str | None:
    assert element is not None
    return element.get(f"{{{W_NS}}}{attr}")


@pytest.fixture(scope="module")
def fr_draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fr")
    return export(golden_letter_fr(), folder).path


@pytest.fixture(scope="module")
def en_final(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("en")
    return export(golden_letter_en(), folder, final=True).path


# -- styles ---------------------------------------------------------------------

def test_python_docx_opens_it_and_finds_every_style_by_id(fr_draft: Path) -> None:
    document = docx.Document(str(fr_draft))
    styles = document.styles.element
    for style_id in STYLE_IDS:
        assert styles.get_by_id(style_id) is not None, style_id
    used = {p.style.style_id for p in document.paragraphs}
    assert {"TitleHCH", "TitleH1", "TitleH2", "SingleTxt", "Bullet1", "Bullet2",
            "Signature"} <= used


def _style(path: Path, style_id: str) -> etree._Element:
    found = part(path, "word/styles.xml").find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, style_id
    return found


def test_style_metrics_follow_design(fr_draft: Path) -> None:
    normal = _style(fr_draft, "Normal")
    assert wval(normal.find("w:rPr/w:rFonts", NS), "ascii") == "Times New Roman"
    assert wval(normal.find("w:rPr/w:sz", NS)) == "20"
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert (wval(spacing, "line"), wval(spacing, "lineRule")) == ("240", "exact")
    single = _style(fr_draft, "SingleTxt")
    ind = single.find("w:pPr/w:ind", NS)
    assert (wval(ind, "left"), wval(ind, "right")) == ("1267", "1267")
    assert wval(single.find("w:pPr/w:jc", NS)) == "both"
    assert wval(single.find("w:pPr/w:spacing", NS), "after") == "120"
    tabs = [wval(t, "pos") for t in single.iterfind("w:pPr/w:tabs/w:tab", NS)]
    assert tabs[:3] == ["1267", "1742", "2217"]
    # UN text metrics: 0.2 pt between characters, 103 % width, no hyphenation
    assert wval(normal.find("w:rPr/w:spacing", NS)) == "4"
    assert wval(normal.find("w:rPr/w:w", NS)) == "103"
    assert normal.find("w:pPr/w:suppressAutoHyphens", NS) is not None
    for style_id, size, line in (("HCh", "28", "300"), ("H1", "24", "270"), ("H23", "20", "240")):
        style = _style(fr_draft, style_id)
        assert wval(style.find("w:pPr/w:spacing", NS), "line") == line
        size_el = style.find("w:rPr/w:sz", NS)
        assert wval(size_el) == size, style_id
    assert _style(fr_draft, "H1").find("w:rPr/w:b", NS) is not None
    assert _style(fr_draft, "H1").find("w:pPr/w:keepNext", NS) is not None
    title = _style(fr_draft, "TitleHCH").find("w:pPr/w:ind", NS)
    assert (wval(title, "left"), wval(title, "hanging")) == ("1267", "1267")
    assert wval(_style(fr_draft, "Signature").find("w:pPr/w:jc", NS)) == "right"
    assert wval(_style(fr_draft, "Footer").find("w:rPr/w:sz", NS)) == "17"


def test_house_style_drives_the_metrics(tmp_path: Path) -> None:
    template = golden_template()
    template.house_style = HouseStyle(body_indent=1000, body_size=11.0, page_height=16838,
                                      page_width=11906, margin_left=1134, margin_right=1134)
    out = export(golden_letter_fr(), tmp_path, template=template).path
    ind = _style(out, "SingleTxt").find("w:pPr/w:ind", NS)
    assert wval(ind, "left") == "1000"
    assert wval(_style(out, "Normal").find("w:rPr/w:sz", NS)) == "22"
    sect = part(out, "word/document.xml").find(".//w:body/w:sectPr", NS)
    assert wval(sect.find("w:pgSz", NS), "w") == "11906"
    assert wval(sect.find("w:pgSz", NS), "h") == "16838"
    assert wval(sect.find("w:pgMar", NS), "left") == "1134"


# -- page furniture -------------------------------------------------------------

def test_section_geometry_first_page_and_mirrored_headers(fr_draft: Path) -> None:
    body = part(fr_draft, "word/document.xml").find("w:body", NS)
    sect = body.find("w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (wval(size, "w"), wval(size, "h")) == ("12240", "15840")
    margins = sect.find("w:pgMar", NS)
    assert {k: wval(margins, k) for k in ("top", "bottom", "left", "right", "header", "footer")} \
        == {"top": "1440", "bottom": "1152", "left": "1200", "right": "1200",
            "header": "432", "footer": "504"}
    # the first page is a section of its own, with its own bottom margin and
    # the masthead; the letter's section continues on the same page
    first = body.find("w:p/w:pPr/w:sectPr", NS)
    assert body.index(first.getparent().getparent()) == 0
    assert wval(first.find("w:pgMar", NS), "bottom") == "1728"
    assert first.find("w:titlePg", NS) is not None
    assert {wval(r, "type") for r in first.iterfind("w:headerReference", NS)} \
        == {"first", "default", "even"}
    assert sect.find("w:titlePg", NS) is None
    assert wval(sect.find("w:type", NS)) == "continuous"
    assert {wval(r, "type") for r in sect.iterfind("w:headerReference", NS)} \
        == {"default", "even"}
    settings = part(fr_draft, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    assert wval(settings.find("w:defaultTabStop", NS)) == "475"
    assert set(header_footer_parts(fr_draft)) == {
        f"{t}-{k}" for t in ("first", "default", "even") for k in ("header", "footer")
    }


def test_masthead_in_french(fr_draft: Path) -> None:
    parts = header_footer_parts(fr_draft)
    masthead = part(fr_draft, parts["first-header"])
    text = "".join(masthead.itertext())
    for expected in ("Nations Unies", "Conseil de sécurité", "Distr. générale",
                     "2 juin 2020", f"Original{NBSP}: anglais"):
        assert expected in text
    rows = masthead.findall("w:tbl/w:tr", NS)
    heights = [wval(r.find("w:trPr/w:trHeight", NS)) for r in rows]
    assert heights == ["864", "2880"]
    # the symbol's initial at 20 pt, the rest at body size
    symbol_runs = [r for r in masthead.iter(f"{{{W_NS}}}r")
                   if "".join(r.itertext()) in ("S", "/2020/481")]
    assert [wval(r.find("w:rPr/w:sz", NS)) if r.find("w:rPr/w:sz", NS) is not None else None
            for r in symbol_runs] == ["40", None]
    footer = part_text(fr_draft, parts["first-footer"])
    assert "20-07899 (F)    020620" in footer
    assert "*2007899*" in footer


def test_release_code_is_ddmmyy() -> None:
    assert release_code(date(2020, 6, 2)) == "020620"


def test_running_headers_and_footers_are_mirrored(fr_draft: Path) -> None:
    parts = header_footer_parts(fr_draft)
    for kind, symbol_cell in (("default", 1), ("even", 0)):
        header = part(fr_draft, parts[f"{kind}-header"])
        cells = header.findall("w:tbl/w:tr/w:tc", NS)
        assert "".join(cells[symbol_cell].itertext()) == "S/2020/481"
        assert header.find("w:tbl/w:tblPr/w:tblBorders/w:bottom", NS) is not None
        footer = part(fr_draft, parts[f"{kind}-footer"])
        instructions = [t.text.split()[0] for t in footer.iter(f"{{{W_NS}}}instrText")]
        assert instructions == ["PAGE", "NUMPAGES"]
        cells = footer.findall("w:tbl/w:tr/w:tc", NS)
        job_cell = 0 if kind == "default" else 1
        assert "".join(cells[job_cell].itertext()) == "20-07899"
        assert "/" in "".join(cells[1 - job_cell].itertext())


def test_draft_marker_in_draft_only(fr_draft: Path, en_final: Path, tmp_path: Path) -> None:
    for kind in ("first-header", "default-header", "even-header"):
        assert "PROJET" in part_text(fr_draft, header_footer_parts(fr_draft)[kind])
        assert "DRAFT" not in part_text(en_final, header_footer_parts(en_final)[kind])
    en_draft = export(golden_letter_en(), tmp_path).path
    assert "DRAFT" in part_text(en_draft, header_footer_parts(en_draft)["default-header"])
    props = docx.Document(str(en_final)).core_properties
    assert props.content_status == "Final"
    assert props.modified == FIXED_NOW


# -- body -----------------------------------------------------------------------

def body_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style id, text) of every body paragraph but the first page's section
    break and the closing rule (tested on their own)."""
    out = []
    for p in part(path, "word/document.xml").iterfind(".//w:body/w:p", NS):
        if p.find("w:pPr/w:sectPr", NS) is not None or p.find("w:pPr/w:pBdr", NS) is not None:
            continue
        style = p.find("w:pPr/w:pStyle", NS)
        text = "".join(t.text or "" for t in p.iter(f"{{{W_NS}}}t"))
        out.append((wval(style) if style is not None else "", text))
    return out


def test_title_closing_signature_and_annex(fr_draft: Path, en_final: Path) -> None:
    fr = body_paragraphs(fr_draft)
    assert fr[0] == ("TitleHCH", f"Lettre datée du 1er{NBSP}juin 2020, adressée au Président du "
                                 "Conseil de sécurité par le Secrétaire général")
    assert ("Signature", "(Signé) António Guterres") in fr
    assert ("TitleHCH", "Annexe") in fr
    assert ("TitleH1", "Critères de retrait") in fr
    assert ("SingleTxt", f"[Original{NBSP}: anglais]") in fr
    assert ("TitleH1", "Problèmes de sécurité et opérations de la Mission") in fr
    assert ("TitleH2", "Évaluations") in fr
    en = body_paragraphs(en_final)
    assert en[0] == ("TitleHCH", "Letter dated 1 June 2020 from the Secretary-General "
                                 "addressed to the President of the Security Council")
    assert en[-1] == ("Signature", "(Signed) António Guterres")
    # an empty section leaves no orphan heading
    assert not any(text == "Possible long-term exit strategy" for _s, text in en)


def test_bullets_use_the_two_levels(fr_draft: Path) -> None:
    numbering = part(fr_draft, "word/numbering.xml")
    glyphs = [wval(lvl.find("w:lvlText", NS)) for lvl in numbering.iterfind(".//w:lvl", NS)]
    assert glyphs == ["\uf0b7", "\u2013"]  # the Symbol bullet, as in UN files; an en dash
    styles = [s for s, _t in body_paragraphs(fr_draft)]
    assert styles.count("Bullet1") == 1 and styles.count("Bullet2") == 1


def test_bold_italic_and_placeholder_runs(fr_draft: Path) -> None:
    body = part(fr_draft, "word/document.xml")
    runs = {"".join(r.itertext()): r for r in body.iter(f"{{{W_NS}}}r")}
    assert runs["exclusivement"].find("w:rPr/w:i", NS) is not None
    assert runs["bases"].find("w:rPr/w:b", NS) is not None
    assert wval(runs["[618]"].find("w:rPr/w:rStyle", NS)) == "Placeholder"
    assert wval(runs["[618]"].find("w:rPr/w:highlight", NS)) == "yellow"


def test_placeholders_typed_as_plain_text_are_highlighted(tmp_path: Path) -> None:
    letter = golden_letter_en()
    letter.section("security").blocks[0].spans = [Span("In all, [618] cases were opened.")]
    out = export(letter, tmp_path).path
    runs = {"".join(r.itertext()): r for r in part(out, "word/document.xml").iter(f"{{{W_NS}}}r")}
    assert wval(runs["[618]"].find("w:rPr/w:rStyle", NS)) == "Placeholder"
    assert runs[" cases were opened."].find("w:rPr", NS) is None


def test_every_symbol_is_a_hyperlink_with_text_as_typed(fr_draft: Path) -> None:
    body = part(fr_draft, "word/document.xml")
    by_id = rels(fr_draft)
    links = {}
    for link in body.iter(f"{{{W_NS}}}hyperlink"):
        kind, target = by_id[link.get(f"{{{NS['r']}}}id")]
        assert kind == "hyperlink"
        links["".join(link.itertext())] = target
    assert links == {
        f"2480{NBSP}(2019)": f"{UNDOCS_FR}S/RES/2480(2019)",
        "S/2020/223": f"{UNDOCS_FR}S/2020/223",
        "S/2019/1004": f"{UNDOCS_FR}S/2019/1004",
        "S/PRST/2020/5": f"{UNDOCS_FR}S/PRST/2020/5",
        # bold "476" after plain "S/2020/": one link over two runs
        "S/2020/476": f"{UNDOCS_FR}S/2020/476",
        "du Secrétariat": "https://www.un.org/securitycouncil/",
    }
    straddling = [lk for lk in body.iter(f"{{{W_NS}}}hyperlink")
                  if "".join(lk.itertext()) == "S/2020/476"][0]
    assert len(straddling.findall("w:r", NS)) == 2


def test_english_resolution_list_links_each_resolution(en_final: Path) -> None:
    targets = {t for kind, t in rels(en_final).values() if kind == "hyperlink"}
    assert targets == {"https://undocs.org/en/S/RES/2423(2018)",
                       "https://undocs.org/en/S/RES/2480(2019)",
                       "https://undocs.org/en/S/2020/223"}


def test_french_typography_on_export(fr_draft: Path) -> None:
    text = part_text(fr_draft, "word/document.xml")
    assert f"sujets{NBSP}:" in text
    assert f"«{NBSP}Seka{NBSP}»" in text
    assert f"13{NNBSP}289" in text
    assert f"5,5{NBSP}%" in text
    assert "J’ai l’honneur" in text and "'" not in text
    assert "S/2020/223" in text and "S/2019/1004" in text  # symbols untouched


def test_english_conventions_on_export(en_final: Path) -> None:
    text = part_text(en_final, "word/document.xml")
    assert "87 per cent of the 13,289 planned patrols took place on 1 June 2020" in text
    assert "Mission’s work" in text
    assert NBSP not in text


def test_control_characters_are_removed_with_a_finding(tmp_path: Path) -> None:
    letter = golden_letter_fr()
    block = letter.section("security").blocks[0]
    block.spans[0] = Span("Avant\x00 après\x07 et\x1b fin. " + block.spans[0].text)
    letter.metadata.signatory = "António\x0b Guterres"
    result = export(letter, tmp_path)
    codes = [(f.code, f.severity, f.section, f.block_id) for f in result.findings]
    assert ("input.control_characters", "warning", "security", "g-sec-1") in codes
    assert ("input.control_characters", "warning", None, None) in codes
    document = docx.Document(str(result.path))
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("\tAvant après et fin.") for t in texts)
    assert "(Signé) António Guterres" in texts
    # the caller's letter is left as it was
    assert "\x00" in letter.section("security").blocks[0].text


def test_numbered_paragraphs_for_reports(tmp_path: Path) -> None:
    template = golden_template()
    template = replace(template, kind="report",
                       house_style=replace(template.house_style, numbered_paragraphs=True))
    out = export(golden_letter_en(), tmp_path, template=template).path
    document = docx.Document(str(out))
    numbered = [p for p in document.paragraphs if p.style.style_id == "SingleTxt"
                and p.text.startswith("\t")]
    assert [p.text.split("\t")[1] for p in numbered[:2]] == ["1.", "2."]
    ind = numbered[0]._p.find("w:pPr/w:ind", NS)
    assert (wval(ind, "left"), wval(ind, "hanging")) == ("1267", "1267")
    # a report has no letter title
    assert not any(p.text.strip().startswith("Letter dated") for p in document.paragraphs)


@pytest.mark.parametrize("language", ["es", "ru", "ar", "zh"])
def test_other_un_languages_export(language: str, tmp_path: Path) -> None:
    letter = golden_letter_en()
    letter.metadata.language = language
    out = export(letter, tmp_path, name=f"{language}.docx").path
    document = docx.Document(str(out))
    assert document.paragraphs
    normal = _style(out, "Normal")
    if language == "ar":
        assert normal.find("w:pPr/w:bidi", NS) is not None
        # w:rtl is a run property only (the schema has none in a style)
        assert normal.find("w:rPr/w:rtl", NS) is None
        runs = list(part(out, "word/document.xml").iter(f"{{{W_NS}}}r"))
        assert runs and all(r.find("w:rPr/w:rtl", NS) is not None for r in runs)
        masthead = part(out, header_footer_parts(out)["first-header"])
        assert masthead.find("w:tbl/w:tblPr/w:bidiVisual", NS) is not None
    if language == "zh":
        assert wval(normal.find("w:rPr/w:rFonts", NS), "eastAsia") == "SimSun"
        assert "联合国" in part_text(out, header_footer_parts(out)["first-header"])


def test_unassigned_text_only_in_drafts(tmp_path: Path) -> None:
    letter = golden_letter_en()
    letter.unassigned.append(Block.from_text("A paragraph nobody placed.", id="u-1"))
    draft = export(letter, tmp_path, name="draft.docx")
    assert any(t == "A paragraph nobody placed." for _s, t in body_paragraphs(draft.path))
    final = export(letter, tmp_path, final=True, name="final.docx")
    assert not any("nobody placed" in t for _s, t in body_paragraphs(final.path))
    assert [f.code for f in final.findings] == ["content.unassigned"]


def test_letter_without_dates_or_job_still_exports(tmp_path: Path) -> None:
    letter = Letter("golden-letter", 1, Metadata(language="fr"),
                    [Section("opening", [Block.from_text("Texte.", id="x")])])
    out = export(letter, tmp_path).path
    parts = header_footer_parts(out)
    assert "Nations Unies" in part_text(out, parts["first-header"])
    assert body_paragraphs(out)[0] == ("SingleTxt", "Texte.")


def test_sample_draft_exports_with_every_symbol_linked(tmp_path: Path) -> None:
    from drafting.templates.catalog import get_template

    sample = samples_dir() / "minusma-six-monthly.fr.json"
    letter = Letter.from_dict(json.loads(sample.read_text(encoding="utf-8")))
    result = export_docx(letter, get_template(letter.template_id), tmp_path / "s.docx")
    expected = {symbol_url(ref.symbol, "fr") for _sid, _i, block in letter.iter_blocks()
                for ref in find_symbols(block.text, "fr")}
    targets = {t for kind, t in rels(result.path).values() if kind == "hyperlink"}
    assert expected and expected <= targets
    assert docx.Document(str(result.path)).paragraphs


def test_unknown_language_and_organ_export_with_findings(tmp_path: Path) -> None:
    letter = golden_letter_en()
    letter.metadata.language = "de"
    letter.metadata.original_language = "xx"
    letter.metadata.organ = "economic-and-social-council"
    result = export(letter, tmp_path)
    codes = {f.code for f in result.findings}
    assert {"metadata.language", "metadata.organ"} <= codes
    masthead = part_text(result.path, header_footer_parts(result.path)["first-header"])
    assert "United Nations" in masthead and "Original: xx" in masthead
    assert body_paragraphs(result.path)[0][0] == "SingleTxt"  # no title line


def test_first_day_ordinal_and_no_break_space_meet_at_one_offset(tmp_path: Path) -> None:
    """"1 juin" needs "er" inserted where the space becomes a no-break space."""
    from drafting.export import export_docx as _export
    from drafting.letter import Block as _Block
    from drafting.templates.catalog import create_letter as _create
    from drafting.templates.catalog import get_template as _get

    template = _get("minusma-six-monthly")
    letter = _create(template, "fr")
    letter.section("rotation").blocks = [
        _Block.from_text("Le 1 juin 2020, la relève a repris ; c'est un soulagement.")
    ]
    out = _export(letter, template, tmp_path / "ordinal.docx").path
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    line = next(t for t in texts if "relève a repris" in t)
    assert "Le 1er\u00a0juin 2020" in line
    assert "repris\u00a0;" in line and "c’est" in line


def test_language_line_only_on_translations(tmp_path: Path) -> None:
    import zipfile as _zip

    from drafting.export import export_docx as _export
    from drafting.templates.catalog import create_letter as _create
    from drafting.templates.catalog import get_template as _get

    template = _get("minusma-six-monthly")
    headers = {}
    for original in ("en", "fr"):
        letter = _create(template, "fr", symbol="S/2020/481")
        letter.metadata.original_language = original
        out = _export(letter, template, tmp_path / f"orig-{original}.docx").path
        with _zip.ZipFile(out) as z:
            headers[original] = "".join(
                z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/header"))
    assert "Français" in headers["en"] and "anglais" in headers["en"]
    assert "Français" not in headers["fr"] and "français" in headers["fr"]
