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
    assert "Autosaved at" in window.status.saved_label.text()
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
    assert revisions[-1].kind == "save" and revisions[-1].name == "Revision 1"  # proposed
    assert not window.session.store.has_unsaved_autosave()
    assert not window.windowTitle().startswith("•")


class NamingPrompter(FakePrompter):
    """Answers the revision-name question as a writer would; records the proposal."""

    def __init__(self, answer: str | None) -> None:
        super().__init__()
        self.answer = answer
        self.proposed: list[str] = []

    def revision_name(self, default: str) -> str | None:
        self.proposed.append(default)
        return self.answer


def test_saving_a_revision_is_named_confirmed_and_leads_to_history(
        qtbot: Any, settings: Any, empty_path: Any) -> None:
    from ui.main_window import MainWindow

    prompter = NamingPrompter("Sent to DPO for clearance")
    session = open_session(empty_path, prompter)
    window = MainWindow(session, settings, prompter, restore_layout=False)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    try:
        _type(qtbot, window, "rotation", "Words")
        with qtbot.waitSignal(session.saved, timeout=2000):
            qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert prompter.proposed == ["Revision 1"]
        assert session.revisions()[-1].name == "Sent to DPO for clearance"
        # confirmed where the writer looks, unlike an autosave
        assert window.status.saved_label.text().startswith("Revision “Sent to DPO for clearance” saved")
        message = window.statusBar().currentMessage()
        assert "Sent to DPO for clearance" in message and "History" in message
        # and History is one click away, the new revision on top
        assert window.status.history_button.isVisible()
        qtbot.mouseClick(window.status.history_button, Qt.MouseButton.LeftButton)
        history = window.files.history_window
        assert history is not None and history.isVisible()
        assert history.revision_tree.topLevelItem(0).text(3) == "Sent to DPO for clearance"
        # Cancel saves nothing; the next proposal counts on
        prompter.answer = None
        before = len(session.revisions())
        _type(qtbot, window, "rotation", " more")
        qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert len([r for r in session.revisions() if r.kind == "save"]) == 2
        assert prompter.proposed[-1] == "Revision 2"
        assert len(session.revisions()) >= before
    finally:
        session.close()


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
