"""Block text operations and the QTextDocument conversion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QTextCursor, QTextDocument

from drafting.letter import Block, Span
from ui.doc_convert import document_to_blocks, fill_document, html_to_blocks
from ui.settings import Settings


def test_document_round_trip(qapp: Any) -> None:
    blocks = [
        Block.from_text("Sub", kind="subheading"),
        Block(spans=[Span("Hello "), Span("bold", bold=True), Span(" "), Span("[618]",
              kind="placeholder"), Span(" "), Span("S/2020/1", kind="link",
              target="https://undocs.org/en/S/2020/1")]),
        Block.from_text("one", kind="bullet"),
        Block.from_text("two", kind="bullet", level=1),
        Block.from_text("after", boilerplate=True),
    ]
    doc = QTextDocument()
    fill_document(doc, blocks)
    assert document_to_blocks(doc, {b.id: b for b in blocks}) == blocks


def test_split_paragraph_gets_a_new_id(qapp: Any) -> None:
    blocks = [Block.from_text("First half second half")]
    doc = QTextDocument()
    fill_document(doc, blocks)
    cursor = QTextCursor(doc)
    cursor.setPosition(len("First half"))
    cursor.insertBlock()
    out = document_to_blocks(doc, {b.id: b for b in blocks})
    assert out[0].id == blocks[0].id and out[1].id != blocks[0].id
    again = document_to_blocks(doc, {b.id: b for b in out})
    assert [b.id for b in again] == [b.id for b in out]  # ids stay stable while typing


def test_pasted_html_loses_foreign_styles(qapp: Any) -> None:
    blocks = html_to_blocks("<h1 style='color:red'>Title</h1><p><span style='font-size:30pt'>"
                            "Big</span> <u>under</u></p><ol><li>item</li></ol>")
    assert [(b.kind, b.text) for b in blocks] == [
        ("subheading", "Title"), ("paragraph", "Big under"), ("bullet", "item")]
    assert all(not s.bold and not s.italic for b in blocks for s in b.spans)


def test_settings_recent_files_and_layout(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    files = []
    for i in range(10):
        f = tmp_path / f"d{i}.missive"
        f.write_text("x")
        files.append(f)
        settings.add_recent_file(f)
    recent = settings.recent_files()
    assert len(recent) == 8 and recent[0] == str(files[-1].resolve())
    files[-1].unlink()
    assert str(files[-1].resolve()) not in settings.recent_files()
    settings.set_window_geometry(QByteArray(b"geom"))
    settings.set_findings_severity("bogus")
    settings.sync()
    again = Settings(tmp_path / "s.ini")
    assert bytes(again.window_geometry().data()) == b"geom"
    assert again.findings_severity() == "all"
    assert again.spelling_enabled() is True
