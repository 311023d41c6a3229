"""Autosave, named revisions, crash recovery, closing, history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from drafting.storage.store import DraftStore
from tests.ui.conftest import FakePrompter, fast_session
from ui.app import open_session
from ui.history_window import HistoryWindow
from ui.prompts import SAVE


def _type(qtbot: Any, window: Any, section: str, text: str) -> None:
    window.go_to_step(section)
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, text)


def test_autosave_after_idle_and_reopen_restores(qtbot: Any, make_window: Any,
                                                 empty_path: Any) -> None:
    window = make_window(empty_path)
    session = fast_session(window.session)
    _type(qtbot, window, "rotation", "Autosaved words")
    assert session.dirty
    with qtbot.waitSignal(session.autosaved, timeout=3000) as blocker:
        pass
    rev = blocker.args[0]
    assert rev.kind == "autosave"
    assert not session.dirty
    assert "Saved at" in window.saved_label.text()
    # A crash: the store is closed without any save or prompt.
    session.store.close()
    session.store = None
    prompter = FakePrompter(restore=True)
    reopened = open_session(empty_path, prompter)
    try:
        assert prompter.asked == ["restore"]
        assert reopened.letter.section("rotation").blocks[0].text == "Autosaved words"
    finally:
        reopened.close()


def test_restore_prompt_only_for_autosave_newer_than_save(empty_path: Any) -> None:
    with DraftStore.open(empty_path) as store:
        letter = store.load()
        letter.section("exit").blocks[0:0] = []
        from drafting.letter import Block

        letter.section("exit").blocks.append(Block.from_text("Unsaved exit text"))
        store.autosave(letter)
    declined = FakePrompter(restore=False)
    session = open_session(empty_path, declined)
    try:
        assert declined.asked == ["restore"]
        assert session.letter.section("exit").is_empty()
        assert not session.store.has_unsaved_autosave()
    finally:
        session.close()
    # Declining discarded the autosave, so the next open asks nothing.
    quiet = FakePrompter()
    session = open_session(empty_path, quiet)
    session.close()
    assert quiet.asked == []


def test_ctrl_s_makes_a_named_revision(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = make_window(empty_path)
    _type(qtbot, window, "rotation", "Saved words")
    with qtbot.waitSignal(window.session.saved, timeout=2000):
        qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    revisions = window.session.revisions()
    assert revisions[-1].kind == "save" and revisions[-1].name == "S/2020/481"
    assert not window.session.store.has_unsaved_autosave()
    assert not window.windowTitle().startswith("•")


def test_close_asks_and_saves(qtbot: Any, make_window: Any, empty_path: Any,
                              prompter: Any) -> None:
    window = make_window(empty_path)
    _type(qtbot, window, "rotation", "Closing words")
    prompter.close_answer = SAVE
    window.close()
    assert prompter.asked == ["close"]
    with DraftStore.open(empty_path) as store:
        assert store.revisions()[-1].kind == "save"
        assert store.load().section("rotation").blocks[0].text == "Closing words"


def test_history_lists_views_and_restores(qtbot: Any, make_window: Any,
                                          empty_path: Any) -> None:
    window = make_window(empty_path)
    session = window.session
    first = session.revisions()[0].id
    _type(qtbot, window, "rotation", "Second version")
    session.save("Second")
    history = window.files.open_history()
    assert isinstance(history, HistoryWindow)
    assert history.revision_tree.topLevelItemCount() == 2
    history.select_revision(first)
    assert "Second version" not in history.preview.toPlainText()
    assert history.restore_button.isEnabled()
    qtbot.mouseClick(history.restore_button, Qt.MouseButton.LeftButton)
    assert session.letter.section("rotation").is_empty()
    assert window.editor.toPlainText() == ""
    revisions = session.revisions()
    assert len(revisions) == 3 and revisions[-1].name.startswith("Restored")
    assert history.revision_tree.topLevelItemCount() == 3
    # Restoring is undoable like any edit.
    session.undo_stack.undo()
    assert session.letter.section("rotation").blocks[0].text == "Second version"
