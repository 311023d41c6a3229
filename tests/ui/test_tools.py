"""Export dialog, find and replace, paste, spelling."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from drafting.letter import Block
from ui.export_dialog import ExportDialog
from ui.spelling import SpellChecker


def test_export_dialog_writes_a_draft_docx(qtbot: Any, make_window: Any, sample_path: Any,
                                           tmp_path: Path) -> None:
    window = make_window(sample_path)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.files.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert not dialog.is_final()
    out = tmp_path / "out" / "letter.docx"
    out.parent.mkdir()
    dialog._chooser = lambda start: str(out.with_suffix(""))  # the native dialog, stubbed
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.path_edit.text() == str(out)
    opened: list[str] = []
    dialog._opener = opened.append
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert out.is_file()
    with zipfile.ZipFile(out) as z:
        assert "word/document.xml" in z.namelist()
    assert dialog.open_folder_button.isVisible()
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(out.parent)]
    qtbot.waitUntil(lambda: dialog._thread is None, timeout=5000)


def test_final_export_lists_blockers_and_refuses(qtbot: Any, make_window: Any,
                                                 sample_path: Any) -> None:
    window = make_window(sample_path)
    dialog = window.files.open_export(final=True)
    assert dialog.is_final()
    assert dialog.blockers_list.count() > 0  # the sample still has [618] placeholders
    assert not dialog.export_button.isEnabled()
    assert "final export is not possible" in dialog.blockers_label.text()
    dialog.draft_radio.setChecked(True)
    assert dialog.export_button.isEnabled()
    assert dialog.path_edit.text().endswith("-draft.docx")


def test_find_and_replace_across_two_sections(qtbot: Any, make_window: Any,
                                              empty_path: Any) -> None:
    window = make_window(empty_path)
    s = window.session
    s.set_section_blocks("rotation", [Block.from_text("The Zephyr rotated troops.")], "t")
    s.set_section_blocks("exit", [Block.from_text("The Zephyr may leave.")], "t")
    window.go_to_step("details")  # no cursor in a section: search from the top
    dialog = window.files.open_find()
    dialog.find_edit.setText("zephyr")
    assert "2 matches in 2 sections" in dialog.status_label.text()
    dialog.replace_edit.setText("Force")
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    assert window.current_step() == "rotation"
    assert window.editor.textCursor().selectedText() == "Zephyr"
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    assert window.current_step() == "exit"
    qtbot.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    assert s.letter.section("rotation").blocks[0].text == "The Force rotated troops."
    assert s.letter.section("exit").blocks[0].text == "The Force may leave."
    assert window.editor.toPlainText() == "The Force may leave."
    s.undo_stack.undo()  # one step for both sections
    assert "Zephyr" in s.letter.section("rotation").blocks[0].text
    assert "Zephyr" in s.letter.section("exit").blocks[0].text


def test_replace_one_keeps_bold(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    from drafting.letter import Span

    window = make_window(empty_path)
    s = window.session
    s.set_section_blocks("rotation", [Block(spans=[Span("Key "), Span("Mission", bold=True)])],
                         "t")
    window.go_to_step("rotation")
    dialog = window.files.open_find()
    dialog.find_edit.setText("Mission")
    dialog.replace_edit.setText("Force")
    dialog.find_next()
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    spans = s.letter.section("rotation").blocks[0].spans
    assert [(x.text, x.bold) for x in spans] == [("Key ", False), ("Force", True)]


def test_paste_from_word_keeps_structure_drops_styles(qtbot: Any, make_window: Any,
                                                      empty_path: Any) -> None:
    window = make_window(empty_path)
    window.go_to_step("rotation")
    html = ("<html><body><p class=MsoNormal style='font-family:Arial;color:#f00;font-size:18pt'>"
            "Troops <b>rotated</b> on <i>time</i>.</p>"
            "<p class=MsoListParagraph>·&nbsp;&nbsp;&nbsp; First unit</p>"
            "<ul><li>Second unit</li></ul></body></html>")
    mime = QMimeData()
    mime.setHtml(html)
    mime.setText("Troops rotated on time.")
    window.editor.insertFromMimeData(mime)
    blocks = window.session.blocks("rotation")
    assert [b.kind for b in blocks] == ["paragraph", "bullet", "bullet"]
    assert blocks[0].text == "Troops rotated on time."
    assert [(sp.text, sp.bold, sp.italic) for sp in blocks[0].spans] == [
        ("Troops ", False, False), ("rotated", True, False), (" on ", False, False),
        ("time", False, True), (".", False, False)]
    assert blocks[1].text == "First unit"
    html_out = window.editor.toHtml()
    assert "Arial" not in html_out and "#f00" not in html_out.lower()
    window.session.undo_stack.undo()
    assert window.session.letter.section("rotation").is_empty()


def test_clipboard_paste_shortcut(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = make_window(empty_path)
    window.go_to_step("coordination")
    mime = QMimeData()
    mime.setHtml("<p>The <b>coordination body</b> met.</p>")
    mime.setText("The coordination body met.")
    QApplication.clipboard().setMimeData(mime)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # The clipboard owns the mime data; clear it now so Qt does not free it a
    # second time while the interpreter shuts down (a segfault at exit).
    QApplication.clipboard().clear()
    block = window.session.blocks("coordination")[0]
    assert block.text == "The coordination body met."
    assert any(sp.bold and sp.text == "coordination body" for sp in block.spans)


def test_bold_shortcut_and_bullets(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = make_window(empty_path)
    window.go_to_step("rotation")
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.editor, "Bold")
    qtbot.keyClick(window.editor, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    block = window.session.blocks("rotation")[0]
    assert block.kind == "bullet" and block.spans[0].bold


def test_spelling_marks_and_learns(qtbot: Any, make_window: Any, empty_path: Any,
                                   tmp_path: Path) -> None:
    window = make_window(empty_path)
    # hunspell-en-us and libenchant-2-2 are system dependencies of the project.
    assert window.spelling.available, window.spelling.notice
    window.go_to_step("rotation")
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "The contingnet arrived in Gao")
    assert window.spelling.misspelled("The contingnet arrived in Gao") == [(4, 10)]
    cursor = window.editor.textCursor()
    cursor.setPosition(6)
    menu = window.editor.menus.build_context_menu(cursor)
    texts = [a.text() for a in menu.actions()]
    assert "contingent" in texts
    assert any("Add “contingnet” to dictionary" == t for t in texts)
    next(a for a in menu.actions() if a.text() == "contingent").trigger()
    assert window.session.blocks("rotation")[0].text == "The contingent arrived in Gao"
    window.editor.menus.add_to_dictionary("Zorblat")
    assert "Zorblat" in window.spelling.pwl.read_text()
    assert SpellChecker("en", pwl=window.spelling.pwl).check("Zorblat")


def test_missing_dictionary_is_a_notice(tmp_path: Path) -> None:
    checker = SpellChecker("xx", pwl=tmp_path / "words.txt")
    assert not checker.available
    assert "dictionary" in checker.notice
    assert checker.misspelled("anything goes") == []
    assert checker.check("qwzx")


def test_highlighter_marks_placeholders_and_symbols(make_window: Any, sample_path: Any) -> None:
    window = make_window(sample_path)
    window.go_to_step("security")
    doc = window.editor.document()
    block = doc.begin()
    while block.isValid() and "[618]" not in block.text():
        block = block.next()
    assert block.isValid()
    start = block.text().index("[618]")
    formats = block.layout().formats()
    assert any(r.start <= start < r.start + r.length and r.format.background().style() !=
               Qt.BrushStyle.NoBrush for r in formats)
    first = doc.begin()
    sym = first.text().index("S/2020/223")
    assert any(r.start <= sym < r.start + r.length and r.format.fontUnderline()
               for r in first.layout().formats())
    cursor = QTextCursor(first)
    cursor.setPosition(first.position() + sym + 2)
    assert window.editor.menus.link_at(cursor) == "https://undocs.org/en/S/2020/223"


SPAWN_WATCH = """
import sys
started = []
def watch(event, args):
    if event in ("subprocess.Popen", "os.posix_spawn", "os.exec", "os.system", "os.fork"):
        started.append(repr(args[:2]))
sys.addaudithook(watch)
from ui.spelling import SpellChecker
checker = SpellChecker("en")
print(checker.available, started)
"""


def test_spelling_starts_no_process() -> None:
    """pyenchant finds its library with ctypes.util.find_library, which runs
    /sbin/ldconfig; told the file, it loads it without a new process."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "PYENCHANT_LIBRARY_PATH"}
    proc = subprocess.run([sys.executable, "-c", SPAWN_WATCH], cwd=root, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "True []", proc.stdout + proc.stderr
