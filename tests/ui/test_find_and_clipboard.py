"""Find and replace takes the keyboard and keeps still; Cut, Copy and Paste
are in the Edit menu."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from drafting.letter import Block

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def _with_text(window: Any) -> None:
    s = window.session
    s.set_section_blocks("rotation", [Block.from_text("Troops rotated in Gao and in Gao again.")],
                         "t")
    s.set_section_blocks("coordination", [Block.from_text("The Gao meeting on coordination.")],
                         "t")


def _type_on_keyboard(qtbot: Any, text: str) -> None:
    """Keys go where the keyboard is, as on a real screen."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)


def test_ctrl_h_puts_the_keyboard_in_the_dialog(qtbot: Any, make_window: Any,
                                                empty_path: Any) -> None:
    window = make_window(empty_path)
    _with_text(window)
    window.go_to_step("rotation")
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_H, CTRL)
    dialog = window.files.find_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.find_edit, timeout=2000)
    _type_on_keyboard(qtbot, "Gao")
    assert dialog.find_edit.text() == "Gao"
    assert "Gao" not in window.editor.toPlainText().replace("Gao and in Gao", "")
    assert window.session.letter.section("rotation").blocks[0].text == \
        "Troops rotated in Gao and in Gao again."
    # Enter finds: the match is selected in the letter, the keyboard stays here
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    assert window.editor.textCursor().selectedText() == "Gao"
    assert QApplication.focusWidget() is dialog.find_edit
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    _type_on_keyboard(qtbot, "x")  # still typing into the dialog, not the letter
    assert dialog.find_edit.text() == "Gaox"
    assert "x" not in window.session.letter.section("rotation").blocks[0].text


def test_the_dialog_keeps_its_size_and_buttons_in_place(qtbot: Any, make_window: Any,
                                                        empty_path: Any) -> None:
    window = make_window(empty_path)
    _with_text(window)
    qtbot.keyClick(window, Qt.Key.Key_H, CTRL)
    dialog = window.files.find_dialog
    qtbot.waitExposed(dialog)
    dialog.find_edit.setText("Gao")
    dialog.replace_edit.setText("Gao region")

    def layout() -> tuple[Any, ...]:
        return (dialog.size(), dialog.find_button.geometry(), dialog.replace_button.geometry(),
                dialog.replace_all_button.geometry())

    before = layout()
    qtbot.mouseClick(dialog.find_button, LEFT)
    assert layout() == before
    qtbot.mouseClick(dialog.replace_button, LEFT)
    assert layout() == before
    qtbot.mouseClick(dialog.replace_all_button, LEFT)
    qtbot.wait(10)
    assert dialog.status_label.text().startswith("Replaced")
    assert layout() == before


def _edit_menu(window: Any) -> QMenu:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == "Edit":
            menu = action.menu()
            assert isinstance(menu, QMenu)
            return menu
    raise AssertionError("no Edit menu")


def test_edit_menu_cuts_copies_and_pastes(qtbot: Any, make_window: Any,
                                          empty_path: Any) -> None:
    window = make_window(empty_path)
    _with_text(window)
    menu = _edit_menu(window)
    by_text = {a.text().replace("&", ""): a for a in menu.actions() if not a.isSeparator()}
    for name, key in (("Cut", QKeySequence.StandardKey.Cut),
                      ("Copy", QKeySequence.StandardKey.Copy),
                      ("Paste", QKeySequence.StandardKey.Paste)):
        assert name in by_text, name
        assert by_text[name].shortcut() == QKeySequence(key)
    window.go_to_step("rotation")
    editor = window.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    by_text["Cut"].trigger()  # what choosing Edit › Cut does
    assert QApplication.clipboard().text() == "Troops"
    assert window.session.letter.section("rotation").blocks[0].text.startswith(" rotated")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    by_text["Paste"].trigger()
    assert window.session.letter.section("rotation").blocks[0].text.endswith("again.Troops")
    window.session.undo_stack.undo()
    assert window.session.letter.section("rotation").blocks[0].text.endswith("again.")
    # in a field of the details page the same entries work on the field
    window.go_to_step("details")
    field = window.details_page.symbol_edit
    field.setFocus()
    field.selectAll()
    by_text["Copy"].trigger()
    assert QApplication.clipboard().text() == "S/2020/481"
