"""Importing a previous letter from DOCX files built here with python-docx."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from drafting.errors import ImportFileError, UnknownSectionError
from drafting.importers import format_mapping_table, import_letter, remap
from drafting.importers.docx_reader import read_docx_file
from drafting.importers.safezip import MAX_PART_BYTES
from drafting.templates.catalog import get_template
from drafting.templates.model import Template
from tests.drafting.test_import_common import (
    EN,
    FR,
    TEMPLATE_ID,
    SampleLetter,
    assert_mapped,
    body_texts,
    section_texts,
)


@pytest.fixture(scope="module")
def template() -> Template:
    return get_template(TEMPLATE_ID)


def _bold_paragraph(document: docx.document.Document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def build_docx(path: Path, sample: SampleLetter, headings: str) -> Path:
    """`headings`: "styled" (Heading 1/2), "bold" (bold Normal paragraphs) or "none"."""
    document = docx.Document()
    _bold_paragraph(document, sample.title)
    for part in sample.parts:
        if part.heading is not None and headings == "styled":
            document.add_paragraph(part.heading, style="Heading 2" if part.sub else "Heading 1")
        elif part.heading is not None and headings == "bold":
            _bold_paragraph(document, part.heading)
        for kind, text in part.paragraphs:
            if kind == "bullet":
                document.add_paragraph(text, style="List Bullet")
            else:
                document.add_paragraph("\t" + text)
    document.add_paragraph(sample.closing)
    document.add_paragraph(sample.signature)
    document.save(str(path))
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("sample", [FR, EN], ids=["fr", "en"])
def test_styled_headings_map_onto_sections(
    tmp_path: Path, template: Template, sample: SampleLetter
) -> None:
    path = build_docx(tmp_path / "previous.docx", sample, "styled")
    before = _digest(path)
    result = import_letter(path, template, sample.language)
    letter = result.letter
    # the Heading 2 under "Performance" stays there, as a subheading
    assert_mapped(letter, sample, sub_section="performance")
    performance = letter.section("performance").blocks
    assert [b.kind for b in performance] == ["paragraph", "paragraph", "subheading", "paragraph"]
    assert performance[2].text == sample.parts[3].heading
    # unmatched heading: its text and its heading kept in "unassigned"
    assert [b.kind for b in letter.unassigned] == ["subheading", "paragraph"]
    assert letter.unassigned[0].text == sample.parts[-1].heading
    # lists stay lists; placeholders stay placeholders
    framework = letter.section("framework").blocks
    assert [b.kind for b in framework] == ["paragraph", "bullet", "bullet"]
    assert any(s.kind == "placeholder" and s.text == "[42]"
               for b in letter.section("security").blocks for s in b.spans)
    # metadata from the title, closing and signature, out of the body
    m = letter.metadata
    assert (m.letter_date.year, m.letter_date.month, m.letter_date.day) == sample.letter_date
    assert m.closing == sample.closing
    assert m.signatory == sample.signatory
    assert m.language == sample.language
    texts = body_texts(letter)
    assert sample.title not in texts and sample.closing not in texts
    assert not any(t.startswith(("(Signé)", "(Signed)")) for t in texts)
    # the mapping rows account for every paragraph
    assert sum(r.paragraphs for r in result.mapping) == sample.body_count()
    assert [r.section_id for r in result.mapping] == [
        "opening", "security", "performance", "performance", "rotation", "coordination",
        "framework", "exit", None,
    ]
    assert _digest(path) == before


@pytest.mark.parametrize("sample", [FR, EN], ids=["fr", "en"])
def test_bold_paragraph_headings_map_onto_sections(
    tmp_path: Path, template: Template, sample: SampleLetter
) -> None:
    path = build_docx(tmp_path / "bold.docx", sample, "bold")
    result = import_letter(path, template, sample.language)
    # a bold heading has no level, but the unmatched subheading sits between two
    # matched sections, so it stays in the one it sits in
    assert_mapped(result.letter, sample, sub_section="performance")
    assert sum(r.paragraphs for r in result.mapping) == sample.body_count()
    assert result.letter.metadata.signatory == sample.signatory
    table = format_mapping_table(result.mapping)
    assert sample.parts[1].heading is not None
    assert sample.parts[1].heading[:40] in table


@pytest.mark.parametrize("sample", [FR, EN], ids=["fr", "en"])
def test_document_without_headings_keeps_every_paragraph(
    tmp_path: Path, template: Template, sample: SampleLetter
) -> None:
    path = build_docx(tmp_path / "flat.docx", sample, "none")
    result = import_letter(path, template, sample.language)
    letter = result.letter
    texts = sample.texts()
    assert section_texts(letter, "opening") == texts[:1]
    assert section_texts(letter, None) == texts[1:]
    assert body_texts(letter) == texts
    for sid in ("security", "performance", "rotation", "coordination", "framework", "exit"):
        assert section_texts(letter, sid) == []
    assert any("No headings" in n for n in result.notices)
    assert letter.metadata.closing == sample.closing


def test_remap_moves_a_heading_and_keeps_block_ids(tmp_path: Path, template: Template) -> None:
    path = build_docx(tmp_path / "previous.docx", FR, "styled")
    result = import_letter(path, template, "fr")
    last = len(result.mapping) - 1
    assert result.mapping[last].section_id is None
    ids_before = {b.id for _s, _i, b in result.letter.iter_blocks()}
    moved = remap(result, last, "exit")
    assert moved.mapping[last].section_id == "exit"
    exit_blocks = moved.letter.section("exit").blocks
    assert [b.kind for b in exit_blocks] == ["paragraph", "subheading", "paragraph"]
    assert exit_blocks[1].text == "Questions diverses"
    assert moved.letter.unassigned == []
    assert {b.id for _s, _i, b in moved.letter.iter_blocks()} == ids_before
    # the original result is untouched
    assert result.mapping[last].section_id is None and len(result.letter.unassigned) == 2
    # moving the parent moves the nested subheading with it
    perf_row = 2
    to_unassigned = remap(result, perf_row, None)
    assert to_unassigned.mapping[perf_row].section_id is None
    assert to_unassigned.mapping[perf_row + 1].section_id is None
    assert section_texts(to_unassigned.letter, "performance") == []
    with pytest.raises(UnknownSectionError):
        remap(result, 1, "nowhere")
    with pytest.raises(IndexError):
        remap(result, 99, "exit")


def test_hyperlinks_tables_and_footnotes_are_kept(tmp_path: Path, template: Template) -> None:
    document = docx.Document()
    document.add_paragraph("Coordination des présences de sécurité", style="Heading 1")
    para = document.add_paragraph("Voir le rapport ")
    rel = document.part.relate_to(
        "https://undocs.org/fr/S/2020/476",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "S/2020/476"
    run.append(text)
    link.append(run)
    para._p.append(link)
    para.add_run(" pour le détail des réunions.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Réunions tenues : quatre."
    table.cell(0, 1).text = "Participants : six forces."
    path = tmp_path / "links.docx"
    document.save(str(path))
    letter = import_letter(path, template, "fr").letter
    blocks = letter.section("coordination").blocks
    assert [b.text for b in blocks] == [
        "Voir le rapport S/2020/476 pour le détail des réunions.",
        "Réunions tenues : quatre.",
        "Participants : six forces.",
    ]
    links = [s for s in blocks[0].spans if s.kind == "link"]
    assert len(links) == 1 and links[0].target == "https://undocs.org/fr/S/2020/476"


def test_a_table_of_figures_reads_one_row_per_paragraph(tmp_path: Path,
                                                        template: Template) -> None:
    document = docx.Document()
    document.add_paragraph("Performance du personnel en tenue", style="Heading 1")
    document.add_paragraph("Le tableau ci-après résume les évaluations.")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("Unité", "Évaluées", "Satisfaisantes"),
                             ("Bataillons", "12", "11"), ("Unités de police", "4", "4")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "table.docx"
    document.save(str(path))
    result = import_letter(path, template, "fr")
    assert [b.text for b in result.letter.section("performance").blocks] == [
        "Le tableau ci-après résume les évaluations.",
        "Unité | Évaluées | Satisfaisantes",
        "Bataillons | 12 | 11",
        "Unités de police | 4 | 4",
    ]
    assert any("one paragraph per row (rows read: 3)" in n for n in result.notices)


def test_a_layout_table_keeps_its_headings_and_paragraphs(tmp_path: Path,
                                                          template: Template) -> None:
    """A page laid out in a table (the letter in one cell, a photo credit in the
    next) is read as the letter, not squeezed into one row."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left = table.cell(0, 0)
    left.paragraphs[0].text = "Relève du personnel en tenue"
    left.paragraphs[0].style = document.styles["Heading 1"]
    left.add_paragraph("Trois bataillons ont été relevés en juin")
    table.cell(0, 1).text = "Photo : MINUSMA"
    path = tmp_path / "layout.docx"
    document.save(str(path))
    result = import_letter(path, template, "fr")
    assert [b.text for b in result.letter.section("rotation").blocks][:1] == [
        "Trois bataillons ont été relevés en juin"]
    assert not any("one paragraph per row" in n for n in result.notices)


def test_prose_cells_in_chinese_are_paragraphs(tmp_path: Path, template: Template) -> None:
    document = docx.Document()
    document.add_paragraph("Rotation", style="Heading 1")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "会议举行了四次。"
    table.cell(0, 1).text = "六支部队参加了会议。"
    path = tmp_path / "zh.docx"
    document.save(str(path))
    texts = [b.text for _s, _i, b in import_letter(path, template, "zh").letter.iter_blocks()]
    assert "会议举行了四次。" in texts and "六支部队参加了会议。" in texts


# -- safe input ------------------------------------------------------------


def _write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_zip_bomb_declaring_a_huge_part_is_refused_unopened(
    tmp_path: Path, template: Template
) -> None:
    base = build_docx(tmp_path / "base.docx", EN, "styled")
    members = _members_of(base)
    members["word/media/padding.bin"] = bytes(MAX_PART_BYTES + 1024)
    bomb = _write_zip(tmp_path / "bomb.docx", members)
    assert bomb.stat().st_size < 1024 * 1024  # tiny on disk, huge once inflated
    before = _digest(bomb)
    with pytest.raises(ImportFileError, match="too large once uncompressed"):
        import_letter(bomb, template, "en")
    assert _digest(bomb) == before


def test_zip_bomb_with_extreme_ratio_is_refused(tmp_path: Path, template: Template) -> None:
    members = _members_of(build_docx(tmp_path / "base.docx", EN, "styled"))
    members["word/media/zeros.bin"] = bytes(4 * 1024 * 1024)  # under the cap, ratio ~1000
    bomb = _write_zip(tmp_path / "ratio.docx", members)
    with pytest.raises(ImportFileError, match="zip bomb"):
        import_letter(bomb, template, "en")


def test_part_whose_header_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "lying.docx", EN, "styled")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    # shrink the declared size in the central directory and the local header
    name = b"word/document.xml"
    central = data.find(b"PK\x01\x02" + bytes(0), 0)
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_len] == name:
            struct.pack_into("<I", data, central + 24, 100)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, info.header_offset + 22, 100)
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match="not a valid Word document"):
        read_docx_file(path)


def test_malformed_document_xml_is_refused(tmp_path: Path, template: Template) -> None:
    members = _members_of(build_docx(tmp_path / "base.docx", FR, "styled"))
    members["word/document.xml"] = members["word/document.xml"][:-200]
    broken = _write_zip(tmp_path / "broken.docx", members)
    with pytest.raises(ImportFileError, match="not well-formed XML"):
        import_letter(broken, template, "fr")


def test_document_with_entities_is_refused(tmp_path: Path, template: Template) -> None:
    members = _members_of(build_docx(tmp_path / "base.docx", FR, "styled"))
    xml = members["word/document.xml"].decode("utf-8")
    head, _, rest = xml.partition("?>")
    members["word/document.xml"] = (
        head + '?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + rest
    ).encode("utf-8")
    evil = _write_zip(tmp_path / "evil.docx", members)
    with pytest.raises(ImportFileError, match="DOCTYPE"):
        import_letter(evil, template, "fr")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"This is not a zip file at all.", "not a valid Word document"),
        (b"", "not a valid Word document"),
    ],
)
def test_foreign_or_empty_file_gives_one_clear_error(
    tmp_path: Path, template: Template, content: bytes, message: str
) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        import_letter(path, template, "en")


def test_zip_that_is_not_a_word_document_is_refused(tmp_path: Path, template: Template) -> None:
    path = _write_zip(tmp_path / "sheet.docx", {"xl/workbook.xml": b"<workbook/>"})
    with pytest.raises(ImportFileError, match="is not a Word document"):
        import_letter(path, template, "en")


def test_footnote_text_is_kept_in_unassigned(tmp_path: Path, template: Template) -> None:
    document = docx.Document()
    document.add_paragraph("Relève des contingents", style="Heading 1")
    para = document.add_paragraph("Les relèves ont repris en juillet.")
    run = OxmlElement("w:r")
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), "1")
    run.append(ref)
    para._p.append(run)
    path = tmp_path / "notes.docx"
    document.save(str(path))
    members = _members_of(path)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    members["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{w}">'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Selon les chiffres du Bureau des affaires '
        "militaires.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    ).encode()
    path = _write_zip(tmp_path / "notes2.docx", members)
    result = import_letter(path, template, "fr")
    assert section_texts(result.letter, "rotation") == ["Les relèves ont repris en juillet."]
    assert section_texts(result.letter, None) == [
        "Selon les chiffres du Bureau des affaires militaires."]
    assert any("footnote" in n for n in result.notices)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_our_own_export_reimports_with_subheadings_in_their_sections(
    lang: str, tmp_path: Path
) -> None:
    """Writers' subheadings carry outline level 2 under the section headings, so
    last period's exported letter maps back whole: nothing lands in "unassigned"."""
    import json

    from drafting.export import export_docx
    from drafting.letter import Letter
    from drafting.paths import samples_dir

    template = get_template("minusma-six-monthly")
    sample = Letter.from_dict(json.loads(
        (samples_dir() / f"minusma-six-monthly.{lang}.json").read_text(encoding="utf-8")))
    out = export_docx(sample, template, tmp_path / "previous.docx").path
    from drafting.typography import apply_typography

    imported = import_letter(out, template, lang).letter
    assert imported.unassigned == []
    for section in sample.sections:
        # the export applied the typography fixes (the French sample keeps a
        # few slips on purpose), so compare with the fixed text
        assert [b.text for b in imported.section(section.id).blocks if b.text.strip()] == [
            apply_typography(b.text, lang) for b in section.blocks if b.text.strip()
        ], section.id
    subheadings = [b.text for b in imported.section("performance").blocks
                   if b.kind == "subheading"]
    assert subheadings == [b.text for b in sample.section("performance").blocks
                           if b.kind == "subheading"]
