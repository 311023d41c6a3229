"""The second shipped template: the paragraph 62 quarterly report, end to end.

Runs the CLI as a user would (`new`, `fill`, `export`), then checks that the
DOCX has numbered paragraphs and that LibreOffice converts it. Proves the
engine is not tied to the six-monthly letter: another kind, other sections,
other requirements, another house style.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from drafting import paths
from drafting.templates.catalog import create_letter, discover_templates, load_template

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE = paths.shipped_templates_dir() / "minusma-quarterly-report.xml"
CHAPTERS = ["introduction", "agreement", "centre", "coordination", "communication",
            "observations"]
NUMBER_RE = re.compile(r"^\t(\d+)\.\t")


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False)


def test_template_is_a_bilingual_numbered_report_on_paragraph_62() -> None:
    t = load_template(TEMPLATE)
    assert (t.id, t.kind, t.languages) == ("minusma-quarterly-report", "report", ["en", "fr"])
    assert t.house_style.numbered_paragraphs
    assert (t.mandate_symbol, t.mandate_paragraph) == ("S/RES/2531(2020)", "62")
    assert t.section_ids() == CHAPTERS
    refs = {r.ref for _s, r in t.requirements()}
    assert refs == {"62 (i)", "62 (ii)", "62 (iii)", "62 (iv)"}
    for _section, req in t.requirements():
        assert req.cues["en"] and req.cues["fr"], req.id
        assert req.labels["en"] and req.labels["fr"], req.id
    for section in t.sections:
        assert section.headings["en"] and section.headings["fr"], section.id
    assert t.section("introduction").restates_mandate
    # a report is neither addressed nor signed
    letter = create_letter(t, "fr")
    assert letter.metadata.closing == "" and letter.metadata.signatory == ""
    assert "2531 (2020)" in letter.sections[0].blocks[0].text
    assert "minusma-quarterly-report" in [x.id for x in discover_templates()]


@pytest.mark.slow
def test_cli_new_and_export_give_numbered_paragraphs_that_libreoffice_converts(
    tmp_path: Path,
) -> None:
    draft = tmp_path / "report.missive"
    made = _cli("new", "-t", "minusma-quarterly-report", "-l", "en", "-o", str(draft),
                "--symbol", "S/2020/952", "--date", "2020-09-29", "--job", "20-12519",
                cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    contribution = tmp_path / "agreement.txt"
    contribution.write_text(
        "The Agreement Monitoring Committee met twice in Bamako during the period.\n\n"
        "The signatory movements named their representatives to the regional assemblies.\n",
        encoding="utf-8")
    filled = _cli("fill", str(draft), "--section", "agreement", "--from", str(contribution),
                  cwd=tmp_path)
    assert filled.returncode == 0, filled.stderr
    out = tmp_path / "report.docx"
    exported = _cli("export", str(draft), "-o", str(out), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr

    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    numbers = [int(m.group(1)) for p in paragraphs if (m := NUMBER_RE.match(p))]
    # the introduction's boilerplate, then the two contributed paragraphs
    assert numbers == [1, 2, 3]
    numbered = [p for p in paragraphs if NUMBER_RE.match(p)]
    assert "resolution 2531 (2020)" in numbered[0]
    assert numbered[1].endswith("met twice in Bamako during the period.")
    # chapters carry roman numerals; a draft shows every required chapter, the
    # empty ones with a marker in place of their text
    chapters = [p for p in paragraphs if re.match(r"^\t[IVX]+\.\t", p)]
    assert chapters[:2] == [
        "\tI.\tIntroduction",
        "\tII.\tImplementation of the Agreement on Peace and Reconciliation in Mali",
    ]
    for heading in chapters[2:]:
        after = paragraphs[paragraphs.index(heading) + 1]
        assert after == "\t[Section not yet drafted]", heading
    # a report has its title block, not a "Letter dated …" title
    assert [p.strip() for p in paragraphs if p.strip()][:2] == [
        "The situation in Mali", "Report of the Secretary-General"]
    assert not any(p.lstrip().startswith("Letter dated") for p in paragraphs)
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
    # numbered paragraphs hang at the house-style indent (DESIGN §6: left 1267, hanging 1267)
    assert body.count('w:hanging="1267"') >= 3

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("soffice is not installed; run `make sysdeps`")
    profile = (tmp_path / "lo-profile").as_uri()
    converted = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=240, check=False)
    assert converted.returncode == 0, converted.stderr
    pdf = tmp_path / "report.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 1000
    pdftotext = shutil.which("pdftotext")
    if pdftotext is not None:
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True,
                              text=True, timeout=60, check=True).stdout
        assert re.search(r"^\s*2\.\s+The Agreement Monitoring Committee", text, re.M), text
        assert re.search(r"^\s*II\.\s+Implementation of the Agreement", text, re.M), text
        assert re.search(r"^\s*Report of the Secretary-General\s*$", text, re.M), text
