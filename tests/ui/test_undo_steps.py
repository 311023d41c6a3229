"""Undo and redo as a writer meets them: a step per word, Ctrl+Y, a toolbar
that stays put, and texts in the interface language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QToolBar

from drafting.i18n import _
from tests.ui.conftest import fast_session
from ui import translations

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

PARAGRAPH = ("The Mission completed the rotation of two infantry battalions in Gao and "
             "in Timbuktu, and the Force redeployed its quick reaction force to Mopti before "
             "the rainy season.")


@pytest.fixture(autouse=True)
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    translations.apply_language("en", qapp)


def _section_text(window: Any, section: str = "rotation") -> str:
    return "\n".join(b.text for b in window.session.blocks(section))


def _type(qtbot: Any, window: Any, text: str, section: str = "rotation") -> None:
    window.go_to_step(section)
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, text)


def test_undo_after_a_paragraph_removes_its_last_word(qtbot: Any, make_window: Any,
                                                     empty_path: Any) -> None:
    window = make_window(empty_path)
    assert len(PARAGRAPH.split()) == 28
    _type(qtbot, window, PARAGRAPH)
    assert _section_text(window) == PARAGRAPH
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    assert _section_text(window) == PARAGRAPH[: -len("season.")]
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    assert _section_text(window) == PARAGRAPH[: -len("rainy season.")]
    # one Ctrl+Z per word: 26 more take the paragraph back to nothing
    for _i in range(26):
        qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    assert _section_text(window) == ""
    assert window.editor.toPlainText() == ""
    # and redo brings it back word by word
    qtbot.keyClick(window.editor, Qt.Key.Key_Y, CTRL)
    assert _section_text(window) == "The "


def test_deleting_is_undone_a_word_at_a_time(qtbot: Any, make_window: Any,
                                            empty_path: Any) -> None:
    window = make_window(empty_path)
    _type(qtbot, window, "Patrols resumed in Menaka")
    qtbot.wait(1600)  # a pause: the deletions below are steps of their own
    for _i in range(len(" in Menaka")):
        qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    assert _section_text(window) == "Patrols resumed"
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)  # the last word deleted comes back
    assert _section_text(window) == "Patrols resumed in"
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    assert _section_text(window) == "Patrols resumed in Menaka"


def test_a_pause_or_a_moved_cursor_starts_a_new_step(qtbot: Any, make_window: Any,
                                                    empty_path: Any) -> None:
    window = make_window(empty_path)
    _type(qtbot, window, "Convoys")
    qtbot.wait(1600)
    qtbot.keyClicks(window.editor, "ing")
    qtbot.keyClick(window.editor, Qt.Key.Key_Home)
    qtbot.keyClicks(window.editor, "All ")
    assert _section_text(window) == "All Convoysing"
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    assert _section_text(window) == "Convoysing"
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    assert _section_text(window) == "Convoys"


def test_ctrl_y_and_ctrl_shift_z_redo_everywhere(qtbot: Any, make_window: Any,
                                                 empty_path: Any) -> None:
    window = make_window(empty_path)
    redo = window.menu_actions["redo"]
    keys = redo.shortcuts()
    # bound explicitly: Linux desktops bind only one of the two to "Redo"
    assert QKeySequence("Ctrl+Y") in keys and QKeySequence("Ctrl+Shift+Z") in keys
    _type(qtbot, window, "Rotation")
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    assert _section_text(window) == ""
    qtbot.keyClick(window.editor, Qt.Key.Key_Y, CTRL)  # in the text
    assert _section_text(window) == "Rotation"
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _section_text(window) == "Rotation"
    # from elsewhere in the window (the steps list) the window's shortcuts answer
    window.navigator.list_view.setFocus()
    qtbot.keyClick(window.navigator.list_view, Qt.Key.Key_Z, CTRL)
    assert _section_text(window) == ""
    qtbot.keyClick(window.navigator.list_view, Qt.Key.Key_Y, CTRL)
    assert _section_text(window) == "Rotation"


def _toolbar_button(window: Any, name: str) -> Any:
    bar = window.findChild(QToolBar, "main_toolbar")
    return bar.widgetForAction(window.menu_actions[name])


def test_the_toolbar_keeps_its_place_as_undo_texts_grow(qtbot: Any, make_window: Any,
                                                         sample_path: Any) -> None:
    window = make_window(sample_path)
    window.resize(1280, 720)  # the whole toolbar shown, none in its overflow menu
    fast_session(window.session)
    _type(qtbot, window, " Two  spaces.")
    qtbot.waitUntil(lambda: any(f.fix for f in window.session.findings()), timeout=3000)
    qtbot.wait(20)
    before = {name: _toolbar_button(window, name).geometry()
              for name in ("undo_bar", "redo_bar", "bold", "find")}
    fixable = next(f for f in window.session.findings() if f.fix is not None)
    assert window.session.apply_fix(fixable)
    menu_undo = window.menu_actions["undo"]
    assert menu_undo.text().startswith("&Undo Fix")  # the menu names the step
    qtbot.wait(10)
    after = {name: _toolbar_button(window, name).geometry() for name in before}
    assert after == before
    button = _toolbar_button(window, "undo_bar")
    assert button.text() == "Undo"
    assert "Fix" in button.toolTip() and button.isEnabled()


def test_undo_texts_follow_the_interface_language(qtbot: Any, make_window: Any,
                                                  empty_path: Any, qapp: QApplication) -> None:
    window = make_window(empty_path)
    _type(qtbot, window, "Rotation")
    assert window.menu_actions["undo"].text() == "&Undo Typing"
    translations.apply_language("fr", qapp)
    qtbot.waitUntil(lambda: window.menu_actions["undo"].text() != "&Undo Typing")
    french = window.menu_actions["undo"].text()
    assert french == _("&Undo {step}").format(step=_("Typing"))
    assert "Undo" not in french and "Typing" not in french
    window.session.undo_stack.undo()
    assert window.menu_actions["redo"].text() == _("&Redo {step}").format(step=_("Typing"))
    translations.apply_language("en", qapp)
    qtbot.waitUntil(lambda: window.menu_actions["redo"].text() == "&Redo Typing")
    window.session.undo_stack.redo()
    assert window.menu_actions["undo"].text() == "&Undo Typing"
