"""The export in a real client: LibreOffice converts it to PDF, poppler reads it back.

One soffice run (private profile) converts every document of this module, since
each run costs seconds. The first two pages of the sample are rendered to PNG in
artifacts/ (gitignored) for a human look. Missing tools FAIL the suite: `make
test` installs them (scripts/install-system-deps.sh).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from drafting.export import export_docx
from drafting.letter import Letter
from drafting.paths import samples_dir
from drafting.references import find_symbols, symbol_url
from drafting.templates.catalog import get_template
from tests.drafting.test_export_golden import FIXED_NOW, golden_letter_fr, golden_template

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "artifacts"
TOOLS = ("soffice", "pdfinfo", "pdftotext", "pdftoppm")
UNDOCS_FR = "https://undocs.org/fr/"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; run `make sysdeps` (LibreOffice, poppler-utils)")
    return path


def _run(args: list[str], timeout: int = 60) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{args[0]} failed: {done.stderr}"
    return done.stdout


def sample_letter(language: str = "fr") -> Letter:
    path = samples_dir() / f"minusma-six-monthly.{language}.json"
    return Letter.from_dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Export the golden French draft and both samples; convert them in one run."""
    for name in TOOLS:
        _tool(name)
    folder = tmp_path_factory.mktemp("pdf")
    sample, sample_en = sample_letter("fr"), sample_letter("en")
    docs = {
        "golden": export_docx(golden_letter_fr(), golden_template(), folder / "golden.docx",
                              now=FIXED_NOW).path,
        "sample": export_docx(sample, get_template(sample.template_id),
                              folder / "sample.docx", now=FIXED_NOW).path,
        "sample-en": export_docx(sample_en, get_template(sample_en.template_id),
                                 folder / "sample-en.docx", now=FIXED_NOW).path,
    }
    profile = (folder / "lo-profile").as_uri()
    _run([_tool("soffice"), f"-env:UserInstallation={profile}", "--headless",
          "--convert-to", "pdf", "--outdir", str(folder), *map(str, docs.values())],
         timeout=240)
    out = {name: path.with_suffix(".pdf") for name, path in docs.items()}
    for path in out.values():
        assert path.is_file(), f"LibreOffice produced no {path.name}"
    return out


def pdfinfo(path: Path) -> dict[str, str]:
    info = {}
    for line in _run([_tool("pdfinfo"), str(path)]).splitlines():
        key, _sep, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def page_text(path: Path, page: int) -> str:
    return _run([_tool("pdftotext"), "-layout", "-f", str(page), "-l", str(page), str(path),
                 "-"])


def pdf_uris(path: Path) -> set[str]:
    """URIs of the PDF's link annotations (LibreOffice writes them uncompressed)."""
    data = path.read_bytes()
    found = re.findall(rb"/URI\s*\(((?:\\.|[^\\)])*)\)", data)
    return {re.sub(rb"\\(.)", rb"\1", raw).decode("latin-1") for raw in found}


def test_page_size_is_us_letter_and_page_count_sane(pdfs: dict[str, Path]) -> None:
    for path in pdfs.values():
        assert pdfinfo(path)["Page size"].startswith("612 x 792 pts")
    # the golden letter is one page of text plus its annex on a page of its own
    assert pdfinfo(pdfs["golden"])["Pages"] == "2"
    assert 3 <= int(pdfinfo(pdfs["sample"])["Pages"]) <= 10
    assert 3 <= int(pdfinfo(pdfs["sample-en"])["Pages"]) <= 10


def test_first_page_shows_masthead_title_and_draft_marker(pdfs: dict[str, Path]) -> None:
    text = page_text(pdfs["sample"], 1)
    for expected in ("Nations Unies", "Conseil de sécurité", "Distr. générale",
                     "S/2020/481", "PROJET", "Lettre datée du 1er", "20-07899 (F)"):
        assert expected in text, expected
    assert not re.search(r"\b1/\d+\b", text), "the first page has no n/N footer"


def test_second_page_shows_symbol_and_page_of_pages(pdfs: dict[str, Path]) -> None:
    pages = int(pdfinfo(pdfs["sample"])["Pages"])
    text = page_text(pdfs["sample"], 2)
    assert "S/2020/481" in text
    assert f"2/{pages}" in text
    assert "20-07899" in text
    english = page_text(pdfs["sample-en"], 2)
    assert "S/2020/481" in english
    assert f"2/{pdfinfo(pdfs['sample-en'])['Pages']}" in english
    assert "DRAFT" in english
    annex_page = page_text(pdfs["golden"], 2)
    assert "Annexe" in annex_page and "2/2" in annex_page


def test_every_symbol_links_to_undocs(pdfs: dict[str, Path]) -> None:
    letter = sample_letter()
    expected = {symbol_url(ref.symbol, "fr") for _sid, _i, block in letter.iter_blocks()
                for ref in find_symbols(block.text, "fr")}
    assert expected
    assert expected <= pdf_uris(pdfs["sample"])
    linked = {f"{UNDOCS_FR}{symbol}" for symbol in ("S/RES/2480(2019)", "S/2020/223",
                                                    "S/PRST/2020/5")}
    assert linked <= pdf_uris(pdfs["golden"])


def test_first_two_pages_render_to_png(pdfs: dict[str, Path]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    prefix = ARTIFACTS / "export-sample-fr"
    _run([_tool("pdftoppm"), "-png", "-r", "80", "-f", "1", "-l", "2", str(pdfs["sample"]),
          str(prefix)])
    shutil.copy(pdfs["sample"], ARTIFACTS / "export-sample-fr.pdf")
    _run([_tool("pdftoppm"), "-png", "-r", "80", "-f", "1", "-l", "2", str(pdfs["sample-en"]),
          str(ARTIFACTS / "export-sample-en")])
    _run([_tool("pdftoppm"), "-png", "-r", "80", "-f", "2", "-l", "2", str(pdfs["golden"]),
          str(ARTIFACTS / "export-golden-fr")])
    pngs = sorted(ARTIFACTS.glob("export-sample-fr-*.png"))
    assert len(pngs) >= 2
    for png in pngs[:2]:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 20_000  # a page with text, not a blank one
