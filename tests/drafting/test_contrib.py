from __future__ import annotations

from pathlib import Path

import docx
import pytest

from drafting.errors import ImportFileError
from drafting.importers.contrib import blocks_from_text, read_contribution


def test_text_rules() -> None:
    text = (
        "Premier paragraphe écrit\nsur deux lignes.\n\n"
        "## Évaluations\n\n"
        "- point un\n  - sous-point\n• point deux\n\n"
        "Dernier paragraphe avec [618] affaires."
    )
    blocks = blocks_from_text(text)
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("paragraph", 0, "Premier paragraphe écrit sur deux lignes."),
        ("subheading", 0, "Évaluations"),
        ("bullet", 0, "point un"),
        ("bullet", 1, "sous-point"),
        ("bullet", 0, "point deux"),
        ("paragraph", 0, "Dernier paragraphe avec [618] affaires."),
    ]
    assert any(s.kind == "placeholder" for s in blocks[-1].spans)


def test_control_characters_are_removed() -> None:
    assert blocks_from_text("a\x00b\x07c")[0].text == "abc"


def test_docx_keeps_bold_italic_lists(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Contribution de la Force", level=1)
    p = d.add_paragraph("La Force a ")
    p.add_run("renforcé").bold = True
    p.add_run(" ses ")
    p.add_run("patrouilles").italic = True
    d.add_paragraph("premier point", style="List Bullet")
    d.add_paragraph("sous-point", style="List Bullet 2")
    path = tmp_path / "force.docx"
    d.save(str(path))
    blocks = read_contribution(path)
    assert [(b.kind, b.level) for b in blocks] == [
        ("subheading", 0), ("paragraph", 0), ("bullet", 0), ("bullet", 1)]
    spans = blocks[1].spans
    assert [(s.text, s.bold, s.italic) for s in spans] == [
        ("La Force a ", False, False),
        ("renforcé", True, False),
        (" ses ", False, False),
        ("patrouilles", False, True),
    ]


def test_bad_files_give_clear_errors(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip at all")
    before = bad.read_bytes()
    with pytest.raises(ImportFileError, match="not a valid Word document"):
        read_contribution(bad)
    assert bad.read_bytes() == before
    with pytest.raises(ImportFileError, match="not found"):
        read_contribution(tmp_path / "missing.txt")
    odd = tmp_path / "x.pdf"
    odd.write_bytes(b"%PDF")
    with pytest.raises(ImportFileError, match=r"\.txt or \.docx"):
        read_contribution(odd)


def test_huge_text_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(100 * 1024 * 1024)
    with pytest.raises(ImportFileError, match="too large"):
        read_contribution(big)
