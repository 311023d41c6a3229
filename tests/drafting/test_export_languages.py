"""The letter exported in each of the six UN languages, read back from the DOCX.

Title, dates, masthead, closing, signature, headings and link targets come out
in the letter's language; Arabic is right to left (paragraphs, runs, header
and footer tables) and Chinese names its East Asian font. One Arabic export is
converted by LibreOffice (private profile) to prove a real client opens it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from drafting.export import export_docx
from drafting.export.xmlutil import W_NS, safe_parser
from drafting.letter import Block, Letter, Span
from drafting.templates.catalog import create_letter, get_template

W = f"{{{W_NS}}}"
NO_BREAK = str.maketrans({"\u00a0": " ", "\u202f": " "})

EXPECTED: dict[str, dict[str, str]] = {
    "en": {
        "title": "Letter dated 1 June 2020 from the Secretary-General addressed to the "
                 "President of the Security Council",
        "signature": "(Signed) António Guterres",
        "heading": "Security challenges and progress in the Mission’s operations",
        "organ": "Security Council",
        "united_nations": "United Nations",
        "masthead_date": "1 June 2020",
        "job": "20-07899 (E)",
        "marker": "DRAFT",
    },
    "fr": {
        "title": "Lettre datée du 1er juin 2020, adressée au Président du Conseil de sécurité "
                 "par le Secrétaire général",
        "signature": "(Signé) António Guterres",
        "heading": "Problèmes de sécurité et progrès des opérations de la Mission",
        "organ": "Conseil de sécurité",
        "united_nations": "Nations Unies",
        "masthead_date": "1er juin 2020",
        "job": "20-07899 (F)",
        "marker": "PROJET",
    },
    "es": {
        "title": "Carta de fecha 1 de junio de 2020 dirigida al Presidente del Consejo de "
                 "Seguridad por el Secretario General",
        "signature": "(Firmado) António Guterres",
        "heading": "Problemas de seguridad y progresos de las operaciones de la Misión",
        "organ": "Consejo de Seguridad",
        "united_nations": "Naciones Unidas",
        "masthead_date": "1 de junio de 2020",
        "job": "20-07899 (S)",
        "marker": "BORRADOR",
    },
    "ru": {
        "title": "Письмо Генерального секретаря от 1 июня 2020 года на имя Председателя "
                 "Совета Безопасности",
        "signature": "(Подпись) António Guterres",
        "heading": "Проблемы в области безопасности и ход операций Миссии",
        "organ": "Совет Безопасности",
        "united_nations": "Организация Объединенных Наций",
        "masthead_date": "1 June 2020",  # UN Russian keeps the distribution block in English
        "job": "20-07899 (R)",
        "marker": "ПРОЕКТ",
    },
    "ar": {
        "title": "رسالة مؤرخة 1 حزيران/يونيه 2020 موجهة إلى رئيس مجلس الأمن من الأمين العام",
        "signature": "(توقيع) António Guterres",
        "heading": "التحديات الأمنية والتقدم المحرز في عمليات البعثة",
        "organ": "مجلس الأمن",
        "united_nations": "الأمم المتحدة",
        "masthead_date": "1 June 2020",
        "job": "20-07899 (A)",
        "marker": "مشروع",
    },
    "zh": {
        "title": "2020年6月1日秘书长给安全理事会主席的信",
        "signature": "（签名） António Guterres",
        "heading": "安全挑战和特派团行动进展",
        "organ": "安全理事会",
        "united_nations": "联合国",
        "masthead_date": "1 June 2020",
        "job": "20-07899 (C)",
        "marker": "草稿",
    },
}
CLOSINGS = {
    "en": "I should be grateful",
    "fr": "Je vous saurais gré",
    "es": "Le agradecería",
    "ru": "Буду признателен",
    "ar": "وأرجو ممتنا",
    "zh": "请将本信提请安全理事会成员注意为荷",
}


def letter_in(lang: str) -> Letter:
    letter = create_letter(get_template("minusma-six-monthly"), lang, symbol="S/2020/481",
                           date=date(2020, 6, 1), job_number="20-07899")
    letter.section("security").blocks = [Block(spans=[
        Span("S/2020/223 "), Span("S/RES/2480(2019)", bold=True), Span(" — 13 289."),
    ])]
    return letter


class Docx:
    """The parts of an exported DOCX, parsed."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as z:
            self.parts = {name: z.read(name) for name in z.namelist()}

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.parts[name], parser=safe_parser())

    def paragraphs(self, name: str = "word/document.xml") -> list[etree._Element]:
        return list(self.xml(name).iter(W + "p"))

    def styled(self, style: str) -> list[str]:
        return [_text(p) for p in self.paragraphs() if _style(p) == style]

    def header_footer_text(self) -> str:
        names = [n for n in self.parts if n.startswith(("word/header", "word/footer"))]
        return "\n".join(_text(p) for n in sorted(names) for p in self.paragraphs(n))

    def link_targets(self) -> list[str]:
        rels = self.xml("word/_rels/document.xml.rels")
        return [r.get("Target") for r in rels if r.get("TargetMode") == "External"]


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(W + "t")).strip().translate(NO_BREAK)


def _style(p: etree._Element) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(W + "val") if style is not None else None


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("languages")
    template = get_template("minusma-six-monthly")
    return {lang: export_docx(letter_in(lang), template, folder / f"letter-{lang}.docx").path
            for lang in EXPECTED}


@pytest.mark.parametrize("lang", list(EXPECTED))
def test_title_signature_heading_and_closing(lang: str, exports: dict[str, Path]) -> None:
    doc, want = Docx(exports[lang]), EXPECTED[lang]
    assert doc.styled("TitleHCH") == [want["title"]]
    assert doc.styled("Signature") == [want["signature"]]
    assert want["heading"] in doc.styled("TitleH1")
    assert any(text.startswith(CLOSINGS[lang]) for text in doc.styled("SingleTxt"))


@pytest.mark.parametrize("lang", list(EXPECTED))
def test_masthead_and_footer_in_the_letter_language(lang: str, exports: dict[str, Path]) -> None:
    text = Docx(exports[lang]).header_footer_text()
    want = EXPECTED[lang]
    for key in ("organ", "united_nations", "masthead_date", "job", "marker"):
        assert want[key] in text, f"{lang}: {key} {want[key]!r} not in the page furniture"


@pytest.mark.parametrize("lang", list(EXPECTED))
def test_links_use_the_language_segment(lang: str, exports: dict[str, Path]) -> None:
    targets = Docx(exports[lang]).link_targets()
    assert f"https://undocs.org/{lang}/S/2020/223" in targets
    assert f"https://undocs.org/{lang}/S/RES/2480(2019)" in targets
    assert all(t.startswith(f"https://undocs.org/{lang}/") for t in targets)


def _is_rtl(p: etree._Element) -> bool:
    bidi = p.find(f"{W}pPr/{W}bidi")
    return bidi is not None and bidi.get(W + "val") not in ("0", "false")


def test_arabic_is_right_to_left_throughout(exports: dict[str, Path]) -> None:
    doc = Docx(exports["ar"])
    body = doc.paragraphs()
    assert body and all(_is_rtl(p) for p in body)
    runs = list(doc.xml("word/document.xml").iter(W + "r"))
    assert runs and all(r.find(f"{W}rPr/{W}rtl") is not None for r in runs)
    furniture = [n for n in doc.parts if n.startswith(("word/header", "word/footer"))]
    directions: dict[str, bool] = {}
    for name in furniture:
        for table in doc.xml(name).iter(W + "tbl"):
            assert table.find(f"{W}tblPr/{W}bidiVisual") is not None  # mirrored tables
        for p in doc.paragraphs(name):
            assert p.find(f"{W}pPr/{W}bidi") is not None, f"{name}: no direction set"
            if _text(p):
                directions[_text(p)] = _is_rtl(p)
    # Arabic lines of the masthead are RTL; the English distribution block, the
    # symbol and the job line are LTR so their numbers stay in place.
    assert directions["مجلس الأمن"] and directions["الأمم المتحدة"]
    assert not directions["1 June 2020"] and not directions["Distr.: General"]
    assert not any(directions[t] for t in directions if t.startswith("20-07899"))
    bold = [r for r in doc.xml("word/document.xml").iter(W + "r")
            if r.find(f"{W}rPr/{W}b") is not None]
    assert bold and all(r.find(f"{W}rPr/{W}bCs") is not None for r in bold)
    styles = doc.xml("word/styles.xml")
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert fonts is not None and fonts.get(W + "cs")  # a complex-script font is named
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None and lang.get(W + "val") == "ar-SA"
    assert lang.get(W + "bidi") == "ar-SA"


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ru", "zh"])
def test_left_to_right_languages_have_no_bidi(lang: str, exports: dict[str, Path]) -> None:
    doc = Docx(exports[lang])
    assert not list(doc.xml("word/document.xml").iter(W + "bidi"))
    assert not list(doc.xml("word/document.xml").iter(W + "rtl"))


def test_chinese_names_its_east_asian_font(exports: dict[str, Path]) -> None:
    styles = Docx(exports["zh"]).xml("word/styles.xml")
    rpr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert rpr is not None
    fonts, lang = rpr.find(W + "rFonts"), rpr.find(W + "lang")
    assert fonts is not None and fonts.get(W + "eastAsia") == "SimSun"
    assert lang is not None and lang.get(W + "val") == "zh-CN"
    assert lang.get(W + "eastAsia") == "zh-CN"


@pytest.mark.slow
def test_arabic_docx_converts_in_libreoffice(exports: dict[str, Path], tmp_path: Path) -> None:
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.fail("LibreOffice and poppler are needed; run `make sysdeps`")
    source = tmp_path / "letter-ar.docx"
    shutil.copy(exports["ar"], source)
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=240, check=False)
    pdf = tmp_path / "letter-ar.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=60, check=True).stdout
    # poppler may give right-to-left text in visual order: accept either direction
    text = re.sub("[\u202a-\u202e]", "", text)
    # words without the lam-alef ligature, which poppler splits up
    for word in ("مجلس", "توقيع", "رسالة", "S/2020/481"):
        assert word in text or word[::-1] in text, f"{word!r} missing from the PDF text"
