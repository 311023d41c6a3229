"""The real 2020 letter in ../shared/seeds imports with nothing unassigned.

Its performance section holds two subheadings of the writers' own; imported
as text and as a DOCX (every heading at one level, so the file's hierarchy
says nothing), they stay in the performance section (issue 14). A team rule:
it needs ../shared, so `.ci/run` runs it after `make test`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from drafting.importers.text_reader import read_text_file
from drafting.storage.opening import load_letter

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_7ff239cb66f57ec5.txt"


def _as_docx(path: Path) -> Path:
    document = docx.Document()
    for p in read_text_file(SEED).paragraphs:
        document.add_paragraph(p.text, style="Heading 1" if p.kind == "heading" else None)
    document.save(str(path))
    return path


@pytest.mark.skipif(not SEED.is_file(), reason="no ../shared/seeds beside the clone")
@pytest.mark.parametrize("shape", ["txt", "docx"])
def test_seed_letter_keeps_its_performance_subsections(tmp_path: Path, shape: str) -> None:
    source = SEED if shape == "txt" else _as_docx(tmp_path / "seed.docx")
    out = tmp_path / "seed.missive"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", str(source), "--no-carry",
         "-t", "minusma-six-monthly", "-l", "fr", "-o", str(out)],
        capture_output=True, text=True, env={**os.environ, "LANGUAGE": "en"}, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert '0 in "unassigned"' in proc.stdout, proc.stdout
    letter, _template, _notices = load_letter(out)
    assert letter.unassigned == []
    subheadings = [b.text for b in letter.section("performance").blocks if b.kind == "subheading"]
    assert [s.split()[0] for s in subheadings] == ["Évaluations", "Problèmes"]
