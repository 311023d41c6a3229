"""A writer's day with the keyboard alone: a new letter, its details, every
section, a requirement confirmed, the review, a revision saved, the export.

Keys go where the keyboard is (`QApplication.focusWidget()`), as on a real
screen; nothing is clicked and no widget is given focus by the test. Along
the way the Tab order is checked to follow the page from top to bottom.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import FakePrompter
from ui.app import Application
from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow
from ui.new_draft_dialog import NewDraftDialog

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier

SECTION_TEXT = {
    "security": "The security situation in the centre remained volatile; the Mission "
                "conducted 412 patrols around Mopti.",
    "performance": "All units were evaluated against the performance methodology.",
    "rotation": "The troop rotation of the Chadian contingent was completed in May.",
    "coordination": "The coordination body met twice in Bamako on security tasks.",
    "framework": "The integrated strategic framework was updated with the country team.",
    "exit": "An exit plan will follow the benchmarks agreed with the Government.",
}


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard is nowhere"
    return widget


def press(qtbot: Any, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    qtbot.keyClick(focused(), key, modifiers)
    QApplication.processEvents()  # what the event loop does between two keys


def type_text(qtbot: Any, text: str) -> None:
    qtbot.keyClicks(focused(), text)
    QApplication.processEvents()


def replace_text(qtbot: Any, text: str) -> None:
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, text)


def visibly_focused(window: QWidget) -> QWidget:
    """The focused widget, which the writer can see: shown, in this window, not
    scrolled out of view."""
    widget = focused()
    assert widget.window() is window, f"the keyboard left {window}: {widget}"
    assert widget.isVisible() and not widget.visibleRegion().isEmpty(), widget
    return widget


def tab_until(qtbot: Any, window: QWidget, target: QWidget, limit: int = 30) -> list[QWidget]:
    """Press Tab until `target` has the keyboard; the widgets passed on the way."""
    passed: list[QWidget] = []
    for _i in range(limit):
        if focused() is target:
            return passed
        passed.append(visibly_focused(window))
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target}; passed {passed}")


def assert_reading_order(widgets: list[QWidget], window: QWidget) -> None:
    """Each widget Tab reaches is below the previous one, or beside it to the right."""
    places = [w.mapTo(window, w.rect().center()) for w in widgets]
    for (a, wa), (b, wb) in zip(zip(places, widgets, strict=True),
                                zip(places[1:], widgets[1:], strict=True), strict=False):
        same_line = abs(a.y() - b.y()) <= 12
        assert (b.y() > a.y() + 12) or (same_line and b.x() > a.x()), \
            f"Tab goes from {wa} at {a} back to {wb} at {b}"


def test_a_writers_day_by_keyboard(qtbot: Any, tmp_path: Path, settings: Any,
                                   empty_path: Path) -> None:
    prompter = FakePrompter()
    app = Application(settings, prompter)
    first = app.open(empty_path)
    assert first is not None
    qtbot.addWidget(first)
    with qtbot.waitActive(first):
        first.activateWindow()
    windows: list[MainWindow] = [first]
    try:
        _day(qtbot, tmp_path, app, first, windows)
    finally:
        for window in windows:
            if window.session.store is not None:
                window.session.close()


def _day(qtbot: Any, tmp_path: Path, app: Application, first: MainWindow,
         windows: list[MainWindow]) -> None:
    # -- a new letter: Ctrl+N, the details typed, Enter ----------------------------
    press(qtbot, Qt.Key.Key_N, CTRL)
    dialog = first.files.new_draft_dialog
    assert isinstance(dialog, NewDraftDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is dialog, timeout=2000)
    assert dialog.template_combo.currentData() == "minusma-six-monthly"
    order = tab_until(qtbot, dialog, dialog.symbol_edit)
    type_text(qtbot, "S/2020/481")
    order += tab_until(qtbot, dialog, dialog.date_edit.edit)
    replace_text(qtbot, "1 June 2020")
    order += tab_until(qtbot, dialog, dialog.job_edit)
    type_text(qtbot, "20-07899")
    order += tab_until(qtbot, dialog, dialog.path_edit)
    assert_reading_order([*order, dialog.path_edit], dialog)
    target = tmp_path / "letter-2020-06.missive"
    replace_text(qtbot, str(target))
    press(qtbot, Qt.Key.Key_Return)
    assert target.is_file()
    letter_window = app.windows[-1]
    assert letter_window is not first and letter_window.session.path == target
    qtbot.addWidget(letter_window)
    windows.append(letter_window)
    with qtbot.waitActive(letter_window):
        letter_window.activateWindow()
    qtbot.waitUntil(lambda: letter_window.session.checked, timeout=5000)
    w = letter_window
    session = w.session
    assert session.letter.metadata.date is not None and session.letter.metadata.date.day == 1

    # -- letter details: Ctrl+1, then Tab from field to field -----------------------
    press(qtbot, Qt.Key.Key_1, CTRL)
    page = w.details_page
    assert visibly_focused(w) is page.symbol_edit
    order = tab_until(qtbot, w, page.letter_date_field.edit)
    replace_text(qtbot, "2 June 2020")
    order += tab_until(qtbot, w, page.period_start_field.edit)
    type_text(qtbot, "1 December 2019")
    order += tab_until(qtbot, w, page.period_end_field.edit)
    type_text(qtbot, "31/05/2020")
    press(qtbot, Qt.Key.Key_Tab)
    assert_reading_order([*order, page.period_end_field.edit], w)
    m = session.letter.metadata
    assert (m.letter_date.isoformat(), m.period_start.isoformat(), m.period_end.isoformat()) \
        == ("2020-06-02", "2019-12-01", "2020-05-31")

    # -- every section: Ctrl+PgDn puts the keyboard in its text ---------------------
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert w.current_step() == "opening" and visibly_focused(w) is w.editor
    assert "from 1 December 2019 to 31 May 2020." in w.editor.toPlainText()
    for section, text in SECTION_TEXT.items():
        press(qtbot, Qt.Key.Key_PageDown, CTRL)
        assert w.current_step() == section
        assert visibly_focused(w) is w.editor
        press(qtbot, Qt.Key.Key_End, CTRL)
        type_text(qtbot, text)
        assert session.letter.section(section).blocks[-1].text == text

    # -- the window reads left to right: steps, text, guidance, findings -----------
    press(qtbot, Qt.Key.Key_F6)
    assert visibly_focused(w) is w.navigator.list_view
    press(qtbot, Qt.Key.Key_Tab)
    assert visibly_focused(w) is w.editor
    press(qtbot, Qt.Key.Key_Tab)  # the text lets Tab go: it moves on to the guidance
    assert visibly_focused(w) is w.guidance_panel
    press(qtbot, Qt.Key.Key_F8)
    assert w.findings_panel.isAncestorOf(visibly_focused(w))

    # -- a requirement confirmed: F7, Tab to its button, Space ----------------------
    press(qtbot, Qt.Key.Key_F6)
    for _i in range(3):  # exit → framework → coordination → rotation
        press(qtbot, Qt.Key.Key_PageUp, CTRL)
    assert w.current_step() == "rotation"
    press(qtbot, Qt.Key.Key_End, CTRL)  # the cursor in the paragraph that meets it
    press(qtbot, Qt.Key.Key_F7)
    link = w.guidance_panel.rows["perf.rotation"].link_button
    tab_until(qtbot, w, link)
    press(qtbot, Qt.Key.Key_Space)
    block = session.letter.section("rotation").blocks[-1].id
    assert block in session.letter.confirmed_blocks("perf.rotation")

    # -- the review: Ctrl+0, the map under the keyboard -----------------------------
    press(qtbot, Qt.Key.Key_0, CTRL)
    assert w.current_step() == "review"
    assert visibly_focused(w) is w.review_page.map_table

    # -- a revision: Ctrl+S (the proposed name kept) ---------------------------------
    with qtbot.waitSignal(session.saved, timeout=2000):
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert session.revisions()[-1].name == "Revision 1"

    # -- the export: Ctrl+E, Alt+D for a draft, the path, Enter, Escape ------------
    press(qtbot, Qt.Key.Key_E, CTRL)
    export = w.files.export_dialog
    assert isinstance(export, ExportDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is export, timeout=2000)
    press(qtbot, Qt.Key.Key_D, ALT)
    assert not export.is_final()
    order = tab_until(qtbot, export, export.path_edit)
    out = tmp_path / "letter-draft.docx"
    replace_text(qtbot, str(out))
    with qtbot.waitSignal(export.exported, timeout=30000):
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: export._thread is None, timeout=5000)
    with zipfile.ZipFile(out) as docx:
        assert "word/document.xml" in docx.namelist()
    press(qtbot, Qt.Key.Key_Escape)
    assert not export.isVisible()
