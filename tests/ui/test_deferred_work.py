"""Work moved out of the way of the first paint: the first check, the marks of a
long section, and the findings list after a live check."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtGui import QSyntaxHighlighter, QTextCursor

from drafting.letter import new_id
from drafting.storage.store import DraftStore
from tests.ui.conftest import fast_session, sample_letter
from ui.app import open_session
from ui.highlighter import SYNC_CHARS
from ui.main_window import MainWindow


def _long_draft(tmp_path: Path) -> Path:
    """The sample letter with the security section repeated well past `SYNC_CHARS`."""
    letter = sample_letter()
    section = letter.section("security")
    originals = list(section.blocks)
    while sum(len(b.text) + 1 for b in section.blocks) < 4 * SYNC_CHARS:
        section.blocks.extend(replace(b, id=new_id()) for b in originals)
    path = tmp_path / "long.missive"
    DraftStore.create(path, letter).close()
    return path


def _formats(window: MainWindow) -> list[tuple[tuple[int, int, bool, int, str], ...]]:
    out = []
    block = window.editor.document().begin()
    while block.isValid():
        out.append(tuple((r.start, r.length, r.format.fontUnderline(),
                          r.format.underlineStyle().value, r.format.background().color().name())
                         for r in block.layout().formats()))
        block = block.next()
    return out


def test_first_check_waits_for_the_first_paint(qtbot: Any, sample_path: Path, settings: Any,
                                               prompter: Any) -> None:
    session = open_session(sample_path, prompter)
    window = MainWindow(session, settings, prompter, restore_layout=False)
    qtbot.addWidget(window)
    try:
        assert not session.checked and session.findings() == []
        assert window.navigator.progress_label.text() == "Checking…"
        assert window.findings_panel.count_label.text() == "Checking…"
        with qtbot.waitSignal(session.findings_changed, timeout=5000):
            window.show()
        assert session.checked
        blocking = [f for f in session.reported_findings() if f.blocking]
        assert blocking
        # The first result replaces "Checking…" at once, without the typing delay.
        assert "confirmed ·" in window.navigator.progress_label.text()
        assert window.findings_panel.shown_findings() == session.reported_findings()
        review = window.navigator.model.index(window.navigator.model.rowCount() - 1)
        assert f"{len(blocking)} blocking findings" in review.data()
    finally:
        session.close()


def test_long_section_is_marked_near_the_cursor_first(qtbot: Any, make_window: Any,
                                                      tmp_path: Path) -> None:
    window = make_window(_long_draft(tmp_path))
    window.go_to_step("security")
    editor, highlighter = window.editor, window.editor.highlighter
    assert editor.document().characterCount() > SYNC_CHARS
    waiting = highlighter.pending()
    assert 0 < waiting < editor.document().blockCount()
    first = editor.document().begin()
    sym = first.text().index("S/2020/223")
    assert any(r.start <= sym < r.start + r.length and r.format.fontUnderline()
               for r in first.layout().formats())
    qtbot.waitUntil(lambda: highlighter.pending() == 0, timeout=5000)
    deferred = _formats(window)
    highlighter.marking = True  # as the highlighter does around its own re-marking
    try:
        QSyntaxHighlighter.rehighlight(highlighter)
    finally:
        highlighter.marking = False
    assert _formats(window) == deferred
    assert not window.session.undo_stack.count()  # marking is not an edit


def test_scrolling_marks_what_comes_into_view(make_window: Any, tmp_path: Path) -> None:
    window = make_window(_long_draft(tmp_path))
    window.go_to_step("security")
    editor = window.editor
    bar = editor.verticalScrollBar()
    bar.setValue(bar.maximum())
    first, last = editor._visible_blocks()
    assert first > 0
    waiting = editor.highlighter._pending_set
    assert waiting  # the middle of the section still waits for an idle moment
    assert not any(n in waiting for n in range(first, last + 1))


def test_findings_list_follows_live_checks(qtbot: Any, make_window: Any,
                                           sample_path: Path) -> None:
    window = make_window(sample_path)
    session = fast_session(window.session)
    panel = window.findings_panel
    before = panel.shown_findings()
    window.go_to_step("security")
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(session.findings_changed, timeout=3000):
        qtbot.keyClicks(editor, " See [42] soon.")
    after = panel.shown_findings()
    assert after == session.reported_findings() and len(after) == len(before) + 1
    rows = [panel.row_texts(i) for i in range(panel.proxy.rowCount())]
    panel._update(rebuild=True)
    assert rows == [panel.row_texts(i) for i in range(panel.proxy.rowCount())]
    assert any("[42]" in text for _sev, _where, text in rows)
