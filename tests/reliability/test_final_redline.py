"""A final export never carries deleted text (issue 15).

`export --final --compare-to REV` used to ignore `--final`: it wrote a draft
redline in which a deleted internal note (a name and a telephone number)
stayed readable as a tracked deletion. A redline is made of deleted text, so
a final redline is refused; the reviewer's redline remains a draft.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import pytest

from drafting.cli import build_parser
from drafting.letter import Block
from drafting.storage.store import DraftStore
from tests.reliability.cli import assert_one_clear_error, cli
from tests.reliability.helpers import folder_state, letter

NOTE = "Note interne : appeler M. Keita au +223 76 00 00 00 avant envoi."


def draft_with_a_deleted_note(tmp_path: Path) -> Path:
    path = tmp_path / "lettre.missive"
    first = letter()
    first.section("rotation").blocks.append(Block.from_text(NOTE))
    with DraftStore.create(path, first, name="Avec la note") as store:
        store.save(letter(), name="Note supprimée")
    return path


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_a_final_redline_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    draft = draft_with_a_deleted_note(tmp_path)
    out = tmp_path / "finale.docx"
    before = folder_state(tmp_path)
    for compare in ("1", str(draft)):
        assert_one_clear_error(
            cli("export", str(draft), "-o", str(out), "--final", "--compare-to", compare),
            r"--final cannot be combined with --compare-to: a final export never carries "
            r"tracked changes or deleted text")
        assert folder_state(tmp_path) == before


def test_the_redline_stays_a_draft_for_the_reviewer(tmp_path: Path) -> None:
    draft = draft_with_a_deleted_note(tmp_path)
    out = tmp_path / "relecture.docx"
    code, _out, err = cli("export", str(draft), "-o", str(out), "--compare-to", "1")
    assert code == 0, err
    xml = document_xml(out)
    assert "<w:delText" in xml and "Keita" in xml  # a draft shows what was deleted
    with zipfile.ZipFile(out) as z:
        assert b"<cp:contentStatus>Draft</cp:contentStatus>" in z.read("docProps/core.xml")


def test_help_says_what_final_and_compare_to_mean() -> None:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--help"])
    text = " ".join(buffer.getvalue().split())
    assert "never carries placeholders, unassigned or deleted text" in text
    assert "tracked changes (not allowed with --final)" in text
