"""The History window: backup copies of each save, and viewing a locked draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from ui.recover_dialog import RecoverDialog


def _type(qtbot: Any, window: Any, section: str, text: str) -> None:
    window.go_to_step(section)
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, text)


def test_backup_copies_open_from_history(qtbot: Any, make_window: Any, empty_path: Path) -> None:
    window = make_window(empty_path)
    _type(qtbot, window, "rotation", "Rotations went ahead")
    window.session.save("Cleared by the Force")
    history = window.files.open_history()
    assert history.backups_button.isEnabled()
    qtbot.mouseClick(history.backups_button, Qt.MouseButton.LeftButton)
    dialog = window.files.recover_dialog
    assert isinstance(dialog, RecoverDialog) and dialog.isVisible()
    assert dialog.draft_path == empty_path
    assert dialog.tabs.currentWidget() is dialog.backup_tree
    names = [dialog.backup_tree.topLevelItem(i).text(1)
             for i in range(dialog.backup_tree.topLevelItemCount())]
    assert "Cleared by the Force" in names
    assert dialog.selected() is not None and dialog.selected()[0] == "backup"  # type: ignore[index]


def test_read_only_window_views_history_but_cannot_restore(
        qtbot: Any, make_window: Any, empty_path: Path) -> None:
    writer = make_window(empty_path)
    _type(qtbot, writer, "rotation", "Second version")
    writer.session.save("Second")
    reader = make_window(empty_path)
    assert reader.session.read_only
    assert reader.menu_actions["history"].isEnabled()
    reader.menu_actions["history"].trigger()
    history = reader.files.history_window
    assert history is not None and history.isVisible()
    assert history.revision_tree.topLevelItemCount() == 2
    history.revision_tree.setCurrentItem(history.revision_tree.topLevelItem(1))  # the older one
    assert "Second version" not in history.preview.toPlainText()
    assert history.compare_button.isEnabled()
    assert not history.restore_button.isEnabled()
    assert "another window" in history.restore_button.toolTip()
    history.restore_selected()  # even when called directly, nothing is written
    assert len(reader.session.revisions()) == 2
    assert reader.session.letter.section("rotation").blocks[0].text == "Second version"
    assert not reader.menu_actions["save"].isEnabled()


def test_revisions_show_their_numbers_and_whole_names(
        qtbot: Any, make_window: Any, empty_path: Path) -> None:
    """The number is the one `export --compare-to` takes; a long name (a review,
    a merge) shows whole above the selected revision's text."""
    window = make_window(empty_path)
    _type(qtbot, window, "rotation", "Rotations went ahead")
    long_name = "Review by Aïcha Traoré, Ben Okafor and the Office of the Force Commander"
    rev = window.session.save(long_name)
    assert rev is not None
    history = window.files.open_history()
    top = history.revision_tree.topLevelItem(0)
    assert top.text(0) == str(rev.id) and top.text(3) == long_name
    assert long_name in top.toolTip(3)
    assert history.title_label.text() == f"Revision {rev.id}: \u2068{long_name}\u2069"
    older = history.revision_tree.topLevelItem(1)
    history.revision_tree.setCurrentItem(older)
    assert history.title_label.text().startswith(f"Revision {older.text(0)}")
