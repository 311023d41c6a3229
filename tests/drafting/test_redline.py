"""The redline export: tracked changes a reviewer can accept or reject (issue 8).

A draft is created with one version of the security section (revision 1),
`fill` then changes a sentence, keeps one paragraph, drops one and adds one
(revision 2), and `export --compare-to` writes the redline. Accepting every
change must give the plain export of the new letter, rejecting every change
the plain export of the old one — paragraph by paragraph, as printed.
LibreOffice must read the changes as revisions and convert the file.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafting.errors import DraftError
from drafting.export import export_docx
from drafting.export.redline import export_redline, redline_document_bytes
from drafting.export.xmlutil import safe_parser
from drafting.letter import Block, Letter, Section, Span
from drafting.storage.opening import load_compared
from drafting.storage.store import DraftStore
from drafting.templates.catalog import create_letter, get_template

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
WHEN = datetime(2020, 6, 3, 14, 30, tzinfo=UTC)

OLD_SECURITY = [
    "La Force a mené 12 opérations dans le nord du Mali, conformément à la "
    "résolution 2480 (2019).",
    "Les patrouilles se sont poursuivies autour de Gao et de Tombouctou.",
    "Ce paragraphe sur les convois logistiques disparaît de la version suivante.",
]
NEW_CONTRIBUTION = (
    "La Force a mené 15 opérations conjointes dans le centre et le nord du Mali, "
    "conformément à la résolution 2480 (2019).\n\n"
    "Les patrouilles se sont poursuivies autour de Gao et de Tombouctou.\n\n"
    "Un paragraphe entièrement neuf décrit la mise en œuvre du plan d’adaptation.\n"
)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def old_letter() -> Letter:
    template = get_template("minusma-six-monthly")
    letter = create_letter(template, "fr", symbol="S/2020/481", date=date(2020, 6, 1),
                           job_number="20-07899")
    letter.section("security").blocks = [Block.from_text(t) for t in OLD_SECURITY]
    return letter


# -- reading a redline -----------------------------------------------------------


def body_paragraphs(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"), parser=safe_parser())
    body = root.find(f"{W}body")
    assert body is not None
    return body.findall(f"{W}p")


def document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"), parser=safe_parser())


def view(paragraphs: list[etree._Element], accept: bool) -> list[str]:
    """Paragraph texts once every change is accepted (or rejected), as Word does it.

    A paragraph whose mark is removed (deleted mark on accept, inserted mark on
    reject) joins the next paragraph.
    """
    hidden = f"{W}del" if accept else f"{W}ins"
    out: list[str] = []
    carry = ""
    for p in paragraphs:
        parts: list[str] = []
        for node in p.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
            if node.getparent().tag != f"{W}r":
                continue  # tab stops of the paragraph properties
            if any(a.tag == hidden for a in node.iterancestors()):
                continue
            if node.tag == f"{W}tab":
                parts.append("\t")
            elif node.tag == f"{W}br":
                parts.append("\n")
            else:
                parts.append(node.text or "")
        text = carry + "".join(parts)
        if p.find(f"{W}pPr/{W}rPr/{hidden}") is not None:
            carry = text
            continue
        out.append(text)
        carry = ""
    assert carry == "", "a removed paragraph mark at the end of the body"
    return out


def plain_texts(path: Path) -> list[str]:
    paragraphs = body_paragraphs(path)
    assert not any(list(p.iter(f"{W}ins", f"{W}del")) for p in paragraphs), \
        "a plain export has no tracked changes"
    return view(paragraphs, accept=True)


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; run `make sysdeps` (LibreOffice, poppler-utils)")
    return found


# -- the CLI case ----------------------------------------------------------------


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("redline")
    template = get_template("minusma-six-monthly")
    draft = folder / "lettre.missive"
    with DraftStore.create(draft, old_letter(), name="Created"):
        pass
    contribution = folder / "securite.txt"
    contribution.write_text(NEW_CONTRIBUTION, encoding="utf-8")
    done = run_cli("fill", str(draft), "--section", "security", "--from", str(contribution))
    assert done.returncode == 0, done.stderr

    # the previous letter as another draft file, with other block ids
    other = folder / "precedente.missive"
    previous = old_letter()
    with DraftStore.create(other, previous, name="Created"):
        pass

    red = folder / "redline.docx"
    done = run_cli("export", str(draft), "-o", str(red), "--compare-to", "1")
    assert done.returncode == 0, done.stderr
    red_other = folder / "redline-other.docx"
    done = run_cli("export", str(draft), "-o", str(red_other), "--compare-to", str(other))
    assert done.returncode == 0, done.stderr

    with DraftStore.open(draft, read_only=True) as store:
        new, old = store.load(), store.load_revision(1)
    plain_new = export_docx(new, template, folder / "plain-new.docx").path
    plain_old = export_docx(old, template, folder / "plain-old.docx").path
    return {"folder": folder, "draft": draft, "other": other, "red": red,
            "red_other": red_other, "plain_new": plain_new, "plain_old": plain_old}


def test_changed_sentence_has_ins_and_del_with_author_and_date(case: dict[str, Path]) -> None:
    root = document_xml(case["red"])
    inserted = root.findall(f".//{W}ins")
    deleted = root.findall(f".//{W}del")
    assert inserted and deleted
    for mark in inserted + deleted:
        assert mark.get(f"{W}author") == "Missive"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", mark.get(f"{W}date") or "")
        assert (mark.get(f"{W}id") or "").isdigit()
    ids = [m.get(f"{W}id") for m in inserted + deleted]
    assert len(ids) == len(set(ids)), "every revision has its own id"
    deleted_text = ["".join(t.text or "" for t in d.iter(f"{W}delText")) for d in deleted]
    inserted_text = ["".join(t.text or "" for t in i.iter(f"{W}t")) for i in inserted]
    # word level: the number changed, the sentence around it stayed
    assert "12" in deleted_text
    assert any(t.startswith("15") for t in inserted_text)
    assert not any("La Force a mené" in t for t in inserted_text + deleted_text)
    # deleted words are delText inside w:del, never plain w:t
    for d in deleted:
        assert not list(d.iter(f"{W}t"))


def test_accepting_all_gives_the_new_export_rejecting_all_the_old(case: dict[str, Path]) -> None:
    paragraphs = body_paragraphs(case["red"])
    assert view(paragraphs, accept=True) == plain_texts(case["plain_new"])
    assert view(paragraphs, accept=False) == plain_texts(case["plain_old"])


def test_whole_paragraphs_inserted_and_deleted_with_their_marks(case: dict[str, Path]) -> None:
    paragraphs = body_paragraphs(case["red"])
    marks = {"ins": [], "del": []}  # type: dict[str, list[str]]
    for p in paragraphs:
        for kind in marks:
            if p.find(f"{W}pPr/{W}rPr/{W}{kind}") is not None:
                marks[kind].append("".join(p.itertext()))
    assert any("entièrement neuf" in t for t in marks["ins"])
    assert any("convois logistiques" in t for t in marks["del"])
    for p in paragraphs:
        text = "".join(p.itertext())
        if "convois logistiques" in text:
            # every run of the removed paragraph is deleted
            assert not [r for r in p.iter(f"{W}r")
                        if not any(a.tag == f"{W}del" for a in r.iterancestors())]


def test_python_docx_opens_it_and_reads_the_new_text(case: dict[str, Path]) -> None:
    document = docx.Document(str(case["red"]))
    new_texts = plain_texts(case["plain_new"])
    # python-docx 1.2's Paragraph.text reads only runs that are direct children
    # of the paragraph or of a link, so tracked words (w:ins and w:del alike)
    # are not in it; the new text is every run outside w:del.
    accepted = []
    for paragraph in document.paragraphs:
        runs = paragraph._p.xpath("./w:r | ./w:ins/w:r | ./w:hyperlink/w:r"
                                  " | ./w:hyperlink/w:ins/w:r")
        if paragraph._p.xpath("./w:pPr/w:rPr/w:del"):
            continue
        accepted.append("".join(r.text for r in runs))
        assert "12 opérations" not in paragraph.text
    assert accepted == new_texts
    changed = next(t for t in accepted if "opérations conjointes" in t)
    assert changed.startswith("\tLa Force a mené 15 opérations conjointes dans le centre et le")


def test_compare_to_another_draft_file(case: dict[str, Path]) -> None:
    paragraphs = body_paragraphs(case["red_other"])
    assert view(paragraphs, accept=True) == plain_texts(case["plain_new"])
    assert view(paragraphs, accept=False) == plain_texts(case["plain_old"])
    root = document_xml(case["red_other"])
    deleted = ["".join(t.text or "" for t in d.iter(f"{W}delText"))
               for d in root.iter(f"{W}del")]
    # the changed sentence is paired with its old self (other ids) at word level
    assert "12" in deleted


@pytest.mark.slow
def test_libreoffice_reads_the_revisions_and_converts(case: dict[str, Path]) -> None:
    folder = case["folder"] / "lo"
    folder.mkdir(exist_ok=True)
    profile = (case["folder"] / "lo-profile").as_uri()
    for fmt in ("pdf", "fodt"):
        done = subprocess.run(
            [tool("soffice"), f"-env:UserInstallation={profile}", "--headless",
             "--convert-to", fmt, "--outdir", str(folder), str(case["red"])],
            capture_output=True, text=True, timeout=240, check=False)
        assert done.returncode == 0, done.stderr
    pdf, fodt = folder / "redline.pdf", folder / "redline.fodt"
    assert pdf.is_file() and fodt.is_file()
    text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True,
                          text=True, timeout=60, check=True).stdout
    flat = " ".join(text.split())
    assert "Un paragraphe entièrement neuf décrit la mise en œuvre" in flat
    assert "conjointes dans le centre et le" in flat
    root = etree.parse(str(fodt), parser=safe_parser()).getroot()
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "dc": "http://purl.org/dc/elements/1.1/"}
    regions = root.findall(".//text:tracked-changes/text:changed-region", ns)
    kinds = {etree.QName(child).localname for region in regions for child in region}
    assert {"insertion", "deletion"} <= kinds
    creators = {c.text for c in root.iterfind(".//text:changed-region//dc:creator", ns)}
    assert creators == {"Missive"}


def test_bad_comparison_exits_2_and_writes_nothing(case: dict[str, Path]) -> None:
    out = case["folder"] / "nothing.docx"
    for target in ("99", str(case["folder"] / "missing.missive")):
        done = run_cli("export", str(case["draft"]), "-o", str(out), "--compare-to", target)
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert not out.exists()


# -- the API -----------------------------------------------------------------------


def test_author_date_and_atomic_write(tmp_path: Path) -> None:
    template = get_template("minusma-six-monthly")
    draft = tmp_path / "d.missive"
    letter = old_letter()
    with DraftStore.create(draft, letter, name="Created") as store:
        letter.section("security").blocks[1].set_text(
            "Les patrouilles se sont intensifiées autour de Gao.")
        store.save(letter, name="edit")
    out = tmp_path / "r.docx"
    old, new = load_compared(draft, 1, template)
    assert export_redline(old, new, out, template, author="A. Reviewer", when=WHEN) == out
    root = document_xml(out)
    marks = root.findall(f".//{W}ins") + root.findall(f".//{W}del")
    assert marks
    assert {m.get(f"{W}author") for m in marks} == {"A. Reviewer"}
    assert {m.get(f"{W}date") for m in marks} == {"2020-06-03T14:30:00Z"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.missive", "r.docx"]
    with pytest.raises(DraftError):
        load_compared(draft, "7", template)
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("required", [True, False])
def test_sections_appearing_and_vanishing_and_links(tmp_path: Path, required: bool) -> None:
    template = copy.deepcopy(get_template("minusma-six-monthly"))
    for section in template.sections:
        section.required = required
    old = old_letter()
    old.section("rotation").blocks = [Block.from_text(
        "La relève des contingents s’est faite selon le calendrier prévu.")]
    new = old.copy()
    new.section("rotation").blocks = []
    new.section("exit").blocks = [Block.from_text(
        "Le plan de retrait suit les critères fixés par le Conseil.")]
    # a link changes target inside the changed sentence
    new.section("security").blocks[0].spans = [
        Span("La Force a mené 12 opérations dans le nord du Mali, conformément à la "),
        Span("résolution 2531 (2020)"), Span(".")]
    data = redline_document_bytes(old, new, template, when=WHEN)
    red = tmp_path / "r.docx"
    red.write_bytes(data)
    plain_new = export_docx(new, template, tmp_path / "n.docx").path
    plain_old = export_docx(old, template, tmp_path / "o.docx").path
    paragraphs = body_paragraphs(red)
    assert view(paragraphs, accept=True) == plain_texts(plain_new)
    assert view(paragraphs, accept=False) == plain_texts(plain_old)
    marks = {}
    for p in paragraphs:
        for kind in ("ins", "del"):
            if p.find(f"{W}pPr/{W}rPr/{W}{kind}") is not None:
                style = p.find(f"{W}pPr/{W}pStyle")
                marks.setdefault(style.get(f"{W}val") if style is not None else "", []).append(
                    ("".join(p.itertext()).strip(), kind))
    rotation = template.section("rotation").heading("fr")
    exit_plan = template.section("exit").heading("fr")
    if required:
        # a required section is shown empty, heading and marker: its heading
        # stays, and the marker comes and goes with its text
        assert "TitleH1" not in marks
        assert ("[Section non encore rédigée]", "ins") in marks["SingleTxt"]
        assert ("[Section non encore rédigée]", "del") in marks["SingleTxt"]
    else:
        # an optional one appears and vanishes with its heading
        assert sorted(marks["TitleH1"]) == sorted([(rotation, "del"), (exit_plan, "ins")])
    # every link still points at a relationship of the document
    with zipfile.ZipFile(red) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    links = document_xml(red).findall(f".//{W}hyperlink")
    assert links
    for link in links:
        assert f'Id="{link.get(R_ID)}"' in rels
    assert "https://undocs.org/fr/S/RES/2531(2020)" in rels


def test_numbered_template_keeps_numbers_out_of_the_changes(tmp_path: Path) -> None:
    template = copy.deepcopy(get_template("minusma-six-monthly"))
    template.house_style.numbered_paragraphs = True
    old = Letter(template.id, template.version, sections=[
        Section("security", [Block.from_text("Premier paragraphe inchangé.", id="a"),
                             Block.from_text("Deuxième paragraphe avec 3 bases.", id="b")])])
    old.metadata.language = "fr"
    new = old.copy()
    new.section("security").blocks.insert(0, Block.from_text("Un paragraphe ajouté en tête."))
    new.section("security").blocks[2].set_text("Deuxième paragraphe avec 4 bases.")
    red = tmp_path / "r.docx"
    red.write_bytes(redline_document_bytes(old, new, template, when=WHEN))
    root = document_xml(red)
    deleted = ["".join(t.text or "" for t in d.iter(f"{W}delText")) for d in root.iter(f"{W}del")]
    assert deleted == ["3"], "the paragraph number is not shown as a change"
    accepted = view(body_paragraphs(red), accept=True)
    assert "\t3.\tDeuxième paragraphe avec 4 bases." in accepted
