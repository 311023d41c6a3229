"""Numbered-paragraph reports (DESIGN §6): export layout and the checks for a report.

A short quarterly report, written here, goes through `export_docx` and
`run_checks`. The DOCX is read back from its XML so the tests see exactly
what Word and LibreOffice will: paragraph styles, the number and label runs,
the heading tab stops.
"""

from __future__ import annotations

import copy
import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from lxml import etree

from drafting import paths
from drafting.checks import run_checks
from drafting.export import export_docx
from drafting.export.body import letter_label, roman
from drafting.export.redline import redline_document_bytes
from drafting.letter import Block, Letter
from drafting.letter_strings import LANGUAGES, report_title_lines
from drafting.templates.catalog import create_letter, load_template
from drafting.templates.model import Template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATE = paths.shipped_templates_dir() / "minusma-quarterly-report.xml"
NOW = datetime(2020, 9, 29, 9, 0, tzinfo=UTC)

# One short paragraph list per chapter; "## " starts a subheading, "- " a bullet.
REPORT_EN: dict[str, list[str]] = {
    "introduction": [
        "The present report is submitted under resolution 2531 (2020), by which the Council "
        "asked for an update every three months, and covers developments from 1 June to "
        "31 August 2020.",
    ],
    "agreement": [
        "## Political developments",
        "The Agreement Monitoring Committee met once in Bamako; progress in implementing the "
        "Agreement slowed while the transition authorities took office.",
        "## Priority measures",
        "Disarmament, demobilization and reintegration resumed in Gao, and 420 former "
        "combatants joined reconstituted units in the north.",
        "- Three battalions of the reconstituted army were deployed.",
        "- The participation of women in the Committee rose to four members.",
    ],
    "centre": [
        "## Security situation",
        "Attacks against civilians in Mopti and Ségou continued; the stabilization of central "
        "Mali remained fragile.",
        "State presence grew as 180 internal security forces took up posts, and the Mission "
        "supported the judicial authorities through mobile courts.",
        "MINUSMA supported the protection of civilians with 120 patrols a month.",
    ],
    "coordination": [
        "Coordination with the Malian Defence and Security Forces relied on 13 weekly meetings "
        "of liaison officers in Gao and the exchange of information on threats.",
        "The Mission gave operational and logistical support to the G5 Sahel Joint Force "
        "under the technical agreement, delivering 400 tonnes of rations to its battalions "
        "in Ménaka, and met the French forces and EUTM Mali monthly.",
    ],
    "communication": [
        "Radio Mikado broadcast in six languages, and outreach with community leaders "
        "answered misinformation about the Mission.",
    ],
    "observations": [
        "I welcome the commitment of the signatory parties and urge them to hold the next "
        "meeting of the Committee without delay.",
    ],
}


def _blocks(lines: list[str]) -> list[Block]:
    out: list[Block] = []
    for line in lines:
        if line.startswith("## "):
            out.append(Block.from_text(line[3:], kind="subheading"))
        elif line.startswith("- "):
            out.append(Block.from_text(line[2:], kind="bullet"))
        else:
            out.append(Block.from_text(line))
    return out


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template(TEMPLATE)


def make_report(template: Template, language: str = "en",
                chapters: dict[str, list[str]] | None = None) -> Letter:
    """A complete quarterly report for the third quarter of 2020."""
    letter = create_letter(template, language, symbol="S/2020/952", date=date(2020, 9, 29),
                           job_number="20-12519")
    for section in letter.sections:
        section.blocks = _blocks((chapters or REPORT_EN)[section.id])
    letter.metadata.period_start = date(2020, 6, 1)
    letter.metadata.period_end = date(2020, 8, 31)
    return letter


def body_paragraphs(path: Path) -> list[tuple[str, str, etree._Element]]:
    """(style, visible text with tabs, element) of every body paragraph of a DOCX."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    out = []
    for p in root.iter(f"{W}p"):
        if p.find(f"{W}pPr/{W}sectPr") is not None or p.find(f"{W}pPr/{W}pBdr") is not None:
            continue  # the first page's section break and the closing rule
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join("\t" if e.tag == f"{W}tab" else (e.text or "")
                       for e in p.iter(f"{W}t", f"{W}tab") if e.getparent().tag == f"{W}r")
        out.append((style.get(f"{W}val") if style is not None else "", text, p))
    return out


def export(letter: Letter, template: Template, tmp_path: Path, name: str = "report.docx",
           final: bool = False) -> list[tuple[str, str, etree._Element]]:
    out = tmp_path / name
    export_docx(letter, template, out, final=final, now=NOW)
    return body_paragraphs(out)


def chapter_headings(paras: list[tuple[str, str, etree._Element]]) -> list[str]:
    return [t for s, t, p in paras if s == "TitleHCH" and p.find(f"{W}pPr/{W}tabs") is not None]


def test_chapters_are_numbered_in_roman_numerals_in_order(template: Template,
                                                          tmp_path: Path) -> None:
    paras = export(make_report(template), template, tmp_path)
    assert chapter_headings(paras) == [
        "\tI.\tIntroduction",
        "\tII.\tImplementation of the Agreement on Peace and Reconciliation in Mali",
        "\tIII.\tStabilization of central Mali",
        "\tIV.\tCoordination and support among security presences",
        "\tV.\tExternal communication of the Mission",
        "\tVI.\tObservations",
    ]
    # the numeral hangs: right-aligned before the body indent, the text at the body indent
    heading = next(p for s, t, p in paras if t.startswith("\tI.\t"))
    tabs = [(t.get(f"{W}val"), int(t.get(f"{W}pos"))) for t in heading.iter(f"{W}tab")
            if t.getparent().tag == f"{W}tabs"]
    indent = template.house_style.body_indent
    assert tabs == [("right", indent - 245), ("left", indent)]


def test_an_empty_chapter_is_left_out_and_the_numbering_closes_up(template: Template,
                                                                  tmp_path: Path) -> None:
    chapters = {**REPORT_EN, "centre": []}
    paras = export(make_report(template, chapters=chapters), template, tmp_path, final=True)
    labels = [t.split("\t")[1] for t in chapter_headings(paras)]
    assert labels == ["I.", "II.", "III.", "IV.", "V."]
    assert chapter_headings(paras)[2] == "\tIII.\tCoordination and support among security " \
                                         "presences"


def test_a_draft_shows_an_empty_required_chapter_with_a_marker(template: Template,
                                                               tmp_path: Path) -> None:
    chapters = {**REPORT_EN, "centre": []}
    paras = export(make_report(template, chapters=chapters), template, tmp_path)
    assert chapter_headings(paras)[2] == "\tIII.\tStabilization of central Mali"
    index = next(i for i, (_s, t, _p) in enumerate(paras) if t.endswith("central Mali"))
    style, text, p = paras[index + 1]
    assert (style, text) == ("SingleTxt", "\t[Section not yet drafted]")
    assert p.find(f".//{W}highlight") is not None  # reviewers cannot miss it


def test_subheadings_are_lettered_and_restart_in_each_chapter(template: Template,
                                                             tmp_path: Path) -> None:
    paras = export(make_report(template), template, tmp_path)
    sequence = [(s, t) for s, t, _p in paras if s in ("TitleHCH", "TitleH1")]
    # title block first (agenda item, report line), then chapters and their subheadings
    assert [t for _s, t in sequence[:2]] == ["\t\tThe situation in Mali",
                                             "\t\tReport of the Secretary-General"]
    after_title = sequence[2:]
    assert ("TitleH1", "\tA.\tPolitical developments") in after_title
    agreement = after_title.index(("TitleH1", "\tA.\tPolitical developments"))
    assert after_title[agreement - 1][1].startswith("\tII.\t")
    assert after_title[agreement + 1] == ("TitleH1", "\tB.\tPriority measures")
    assert after_title[agreement + 2][1].startswith("\tIII.\t")
    # a new chapter starts again at "A."
    assert after_title[agreement + 3] == ("TitleH1", "\tA.\tSecurity situation")


def test_body_paragraphs_are_numbered_across_chapters_and_bullets_are_not(
    template: Template, tmp_path: Path
) -> None:
    paras = export(make_report(template), template, tmp_path)
    numbered = [t for s, t, _p in paras if s == "SingleTxt"]
    numbers = [int(t.split("\t")[1].rstrip(".")) for t in numbered]
    total = sum(1 for lines in REPORT_EN.values() for line in lines
                if not line.startswith(("## ", "- ")))
    assert numbers == list(range(1, total + 1))
    assert numbered[1].startswith("\t2.\tThe Agreement Monitoring Committee met once")
    assert numbered[-1].startswith(f"\t{total}.\tI welcome the commitment")
    bullets = [t for s, t, _p in paras if s == "Bullet1"]
    assert bullets == ["Three battalions of the reconstituted army were deployed.",
                       "The participation of women in the Committee rose to four members."]


def test_a_report_has_no_letter_title_closing_or_signature(template: Template,
                                                           tmp_path: Path) -> None:
    letter = make_report(template)
    # even metadata left over from a letter is not printed in a report
    letter.metadata.closing = "Please bring this report to the attention of the Council."
    letter.metadata.signatory = "António Guterres"
    letter.metadata.letter_date = date(2020, 9, 28)
    paras = export(letter, template, tmp_path)
    styles = {s for s, _t, _p in paras}
    texts = "\n".join(t for _s, t, _p in paras)
    assert "Signature" not in styles
    assert "Guterres" not in texts and "(Signed)" not in texts
    assert "Please bring this report" not in texts
    assert "Letter dated" not in texts


def test_report_title_block_in_french(template: Template, tmp_path: Path) -> None:
    chapters = {sid: ["Le Comité de suivi de l’Accord s’est réuni une fois à Bamako."]
                for sid in REPORT_EN}
    letter = make_report(template, "fr", chapters)
    out = tmp_path / "rapport.docx"
    export_docx(letter, template, out, now=NOW)
    paras = body_paragraphs(out)
    assert [(s, t) for s, t, _p in paras[:2]] == [
        ("TitleHCH", "\t\tLa situation au Mali"),
        ("TitleH1", "\t\tRapport du Secrétaire général"),
    ]
    assert chapter_headings(paras)[0] == "\tI.\tIntroduction"
    assert chapter_headings(paras)[1] == \
        "\tII.\tApplication de l’Accord pour la paix et la réconciliation au Mali"
    with zipfile.ZipFile(out) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    assert "La situation au Mali: Rapport du Secrétaire général" in core


def test_report_title_lines_exist_in_the_six_languages() -> None:
    assert report_title_lines("en", "MINUSMA") == ("The situation in Mali",
                                                   "Report of the Secretary-General")
    assert report_title_lines("fr", "minusma") == ("La situation au Mali",
                                                   "Rapport du Secrétaire général")
    seen = set()
    for lang in LANGUAGES:
        lines = report_title_lines(lang, "MINUSMA")
        assert len(lines) == 2 and all(line.strip() for line in lines), lang
        seen.add(lines)
    assert len(seen) == len(LANGUAGES)
    # a mission without a known agenda item: the report line alone
    assert report_title_lines("es", "UNKNOWN") == ("Informe del Secretario General",)
    with pytest.raises(ValueError):
        report_title_lines("de", "MINUSMA")


def test_numbering_helpers() -> None:
    assert [roman(n) for n in (1, 4, 9, 14, 40, 1990)] == ["I", "IV", "IX", "XIV", "XL",
                                                           "MCMXC"]
    assert [letter_label(n) for n in (1, 2, 26, 27, 28)] == ["A", "B", "Z", "AA", "AB"]


def test_final_report_export_ignores_placeholders_in_unprinted_metadata(
    template: Template, tmp_path: Path
) -> None:
    letter = make_report(template)
    letter.metadata.signatory = "[name]"
    paras = export(letter, template, tmp_path, final=True)
    assert not any("[name]" in t for _s, t, _p in paras)


@pytest.mark.parametrize("required", [True, False])
def test_redline_of_a_report_marks_a_new_chapter_heading_inserted(template: Template,
                                                                  required: bool) -> None:
    template = copy.deepcopy(template)
    template.section("communication").required = required
    old = make_report(template, chapters={**REPORT_EN, "communication": []})
    new = old.copy()
    new.section("communication").blocks = _blocks(REPORT_EN["communication"])
    data = redline_document_bytes(old, new, template, when=NOW)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    inserted = ["".join(t.text or "" for t in ins.iter(f"{W}t")) for ins in root.iter(f"{W}ins")]
    deleted = ["".join(t.text or "" for t in d.iter(f"{W}delText")) for d in root.iter(f"{W}del")]
    # a required chapter was shown, empty, in the old draft: its heading stays
    # and its marker goes; an optional one appears with its heading
    heading_inserted = any("External communication of the Mission" in t for t in inserted)
    assert heading_inserted is not required
    assert any("[Section not yet drafted]" in t for t in deleted) is required
    assert any("Radio Mikado" in text for text in inserted)


# -- checks ----------------------------------------------------------------
def test_a_complete_quarterly_report_passes_the_report_metadata_rules(template: Template) -> None:
    letter = make_report(template)
    assert letter.metadata.addressee == "" and letter.metadata.signatory == ""
    result = run_checks(letter, template)
    codes = [f.code for f in result.findings]
    for code in ("metadata.addressee_missing", "metadata.signatory_missing",
                 "metadata.letter_date_missing", "metadata.period_length"):
        assert code not in codes, (code, result.findings)
    assert [r.id for r in result.requirements if r.status == "missing"] == []
    # the writer confirms what detection suggests; then nothing blocks
    from drafting import edits

    letter = edits.confirm_suggested(letter, result.requirements).apply(letter)
    assert run_checks(letter, template).blocking() == []


@pytest.mark.parametrize(("start", "end", "warned"), [
    (date(2020, 6, 1), date(2020, 8, 31), False),  # a quarter
    (date(2020, 9, 1), date(2020, 11, 30), False),
    (date(2020, 1, 1), date(2020, 6, 30), True),  # six months: a letter's period
    (date(2020, 6, 1), date(2020, 7, 15), True),
])
def test_a_report_period_should_run_about_three_months(
    template: Template, start: date, end: date, warned: bool
) -> None:
    letter = make_report(template)
    letter.metadata.period_start, letter.metadata.period_end = start, end
    findings = [f for f in run_checks(letter, template).findings
                if f.code == "metadata.period_length"]
    assert bool(findings) is warned
    if warned:
        assert findings[0].severity == "warning"
        assert "three-month" in findings[0].message


def test_a_report_still_needs_symbol_date_and_job_number(template: Template) -> None:
    letter = make_report(template)
    letter.metadata.symbol = letter.metadata.job_number = ""
    letter.metadata.date = None
    codes = {f.code for f in run_checks(letter, template).blocking()}
    assert {"metadata.symbol_missing", "metadata.job_missing",
            "metadata.date_missing"} <= codes
    assert "metadata.addressee_missing" not in codes
