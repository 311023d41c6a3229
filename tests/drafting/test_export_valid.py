"""Every kind of export is a valid Open XML document (issue 17).

`openxml-audit` (pinned in pyproject's test extra) ports the Open XML SDK's
schema and semantic checks to Python; Word refuses or "repairs" files that
break them (a property out of schema order, a run property in a style). Each
export kind is validated with 0 errors: the six languages, draft and final,
the redline, the quarterly report (draft and final), a letter with an emblem
(PNG and JPEG), with annexes, links and unassigned text. It works offline.

`docProps/app.xml` must name Missive, not the word processor python-docx's
own template came from, and hold no page or word counts nobody counted.
"""

from __future__ import annotations

import copy
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

from drafting import __version__
from drafting.export import export_docx
from drafting.export.redline import redline_document_bytes
from drafting.export.xmlutil import safe_parser
from drafting.letter import Annex, Block, Letter, Span
from drafting.letter_strings import LANGUAGES
from drafting.templates.catalog import create_letter, get_template
from drafting.templates.emblem import check_emblem
from drafting.templates.model import Template
from tests.drafting.pictures import TEST_JPEG, make_png

NOW = datetime(2020, 6, 2, 9, 0, tzinfo=UTC)
APP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def full_letter(template: Template, language: str) -> Letter:
    """A letter with text in every section, a subheading, bullets, links and an annex;
    no placeholder, so that it exports as final too."""
    letter = create_letter(template, language, symbol="S/2020/481", date=date(2020, 6, 1),
                           job_number="20-07899")
    for index, section in enumerate(letter.sections):
        section.blocks = [Block(spans=[
            Span(f"Paragraph {index} cites S/2020/223, A/74/5 (Vol. II) and "),
            Span("S/RES/2480 (2019)", bold=True), Span(", "), Span("13 289", italic=True),
            Span("."),
        ])]
    letter.section("performance").blocks += [
        Block.from_text("Evaluations", kind="subheading"),
        Block.from_text("First point.", kind="bullet"),
        Block(kind="bullet", level=1, spans=[Span("Second point.")]),
    ]
    letter.annexes = [Annex(title="Criteria", original_language="en",
                            blocks=[Block.from_text("The criteria follow.")])]
    return letter


def _with_emblem(template: Template, data: bytes) -> Template:
    out = copy.deepcopy(template)
    out.house_style.emblem = "emblem-made-for-tests"
    out.house_style.emblem_image = check_emblem(data)
    return out


def export_kinds(folder: Path) -> dict[str, Path]:
    """Every kind of export, written into `folder`, by name."""
    letter_t = get_template("minusma-six-monthly")
    report_t = get_template("minusma-quarterly-report")
    out: dict[str, Path] = {}

    def write(name: str, letter: Letter, template: Template, final: bool = False) -> None:
        out[name] = export_docx(letter, template, folder / f"{name}.docx", final=final,
                                now=NOW).path

    for language in LANGUAGES:
        letter = full_letter(letter_t, language)
        write(f"{language}-final", letter, letter_t, final=True)
        draft = letter.copy()
        draft.section("exit").blocks = []  # an empty required section, marked
        draft.section("security").blocks.append(Block.from_text("Still [618] to confirm."))
        draft.unassigned = [Block.from_text("Text nobody placed yet.")]
        write(f"{language}-draft", draft, letter_t)
    new_template = create_letter(letter_t, "fr", symbol="S/2020/481", date=date(2020, 6, 1),
                                 job_number="20-07899")
    write("fr-new-from-template", new_template, letter_t)
    report = create_letter(report_t, "en", symbol="S/2020/952", date=date(2020, 9, 29),
                           job_number="20-12519")
    write("report-draft", report, report_t)
    for section in report.sections:
        section.blocks = [Block.from_text("The Committee met in Bamako."),
                          Block.from_text("Progress", kind="subheading"),
                          Block.from_text("A point.", kind="bullet")]
    report.metadata.period_start, report.metadata.period_end = date(2020, 6, 1), date(2020, 8, 31)
    write("report-final", report, report_t, final=True)
    old = full_letter(letter_t, "fr")
    new = old.copy()
    new.section("security").blocks[0].spans[0] = Span("Le paragraphe cite S/2020/224 et ")
    new.section("rotation").blocks = []
    new.section("exit").blocks.append(Block.from_text("Un paragraphe entièrement neuf."))
    red = folder / "redline.docx"
    red.write_bytes(redline_document_bytes(old, new, letter_t, when=NOW))
    out["redline"] = red
    write("emblem-png-en", full_letter(letter_t, "en"), _with_emblem(letter_t, make_png()),
          final=True)
    write("emblem-jpeg-ar", full_letter(letter_t, "ar"),
          _with_emblem(letter_t, TEST_JPEG.read_bytes()))
    return out


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return export_kinds(tmp_path_factory.mktemp("valid"))


def test_the_kinds_cover_languages_drafts_finals_redline_report_and_emblem(
    exports: dict[str, Path],
) -> None:
    names = set(exports)
    assert {f"{lang}-{kind}" for lang in LANGUAGES for kind in ("draft", "final")} <= names
    assert {"redline", "report-draft", "report-final", "emblem-png-en",
            "emblem-jpeg-ar"} <= names


@pytest.mark.parametrize("kind", [
    *(f"{lang}-{k}" for lang in LANGUAGES for k in ("draft", "final")),
    "fr-new-from-template", "redline", "report-draft", "report-final", "emblem-png-en",
    "emblem-jpeg-ar",
])
def test_export_validates_with_no_error(kind: str, exports: dict[str, Path]) -> None:
    result = OpenXmlValidator().validate(exports[kind])
    assert [str(e) for e in result.errors] == []


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name), parser=safe_parser())


@pytest.mark.parametrize("kind", ["en-final", "redline", "report-draft"])
def test_app_properties_name_missive_and_count_nothing(kind: str,
                                                       exports: dict[str, Path]) -> None:
    app = _part(exports[kind], "docProps/app.xml")
    application = app.findtext(f"{APP_NS}Application")
    assert application == f"Missive/{__version__}"
    text = etree.tostring(app, encoding="unicode")
    for stale in ("Microsoft", "Normal.dotm", "Pages", "Words", "Characters", "Lines",
                  "Paragraphs", "TotalTime"):
        assert stale not in text


def test_core_properties_carry_title_and_language(exports: dict[str, Path]) -> None:
    core = etree.tostring(_part(exports["fr-final"], "docProps/core.xml"), encoding="unicode")
    assert "Lettre datée du 1er" in core
    assert "<dc:language>fr-FR</dc:language>" in core
