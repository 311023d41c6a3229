"""File › Merge a copy… and the conflicts view, driven with real clicks and keys."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from drafting import edits
from drafting.letter import Block, Letter
from drafting.storage.store import DraftStore
from ui.merge_dialog import MergeDialog

MINE = "Bamako counted 12 patrols around Gao in May."
THEIRS = "New York counted 15 patrols around Gao and Ménaka in May."
NY_FRAMEWORK = "New York rewrote the framework paragraph."


def rewrite(letter: Letter, section: str, index: int, text: str) -> Letter:
    blocks = list(letter.section(section).blocks)
    blocks[index] = replace(Block.from_text(text), id=blocks[index].id)
    return edits.edit_section(letter, section, blocks).apply(letter)


@pytest.fixture
def other(sample_path: Path) -> Path:
    """New York's copy: the same security paragraph changed, and the framework."""
    path = sample_path.with_name("New York.missive")
    path.write_bytes(sample_path.read_bytes())
    with DraftStore.open(path) as store:
        letter = rewrite(store.load(), "security", 1, THEIRS)
        store.save(rewrite(letter, "framework", 0, NY_FRAMEWORK), name="NY")
    return path


def merged_window(qtbot: Any, make_window: Any, sample_path: Path, other: Path
                  ) -> tuple[Any, MergeDialog]:
    window = make_window(sample_path)
    window.go_to_step("security")
    letter = window.session.letter  # Bamako's unsaved edit of the same paragraph
    mine = rewrite(letter.copy(), "security", 1, MINE).section("security").blocks
    assert window.session.apply(edits.edit_section(letter, "security", mine))
    dialog = window.files.merge_copy(str(other))
    assert isinstance(dialog, MergeDialog)
    qtbot.waitExposed(dialog)
    return window, dialog


def test_merge_a_copy_shows_the_conflict_side_by_side(qtbot: Any, make_window: Any,
                                                      sample_path: Path, other: Path) -> None:
    window, dialog = merged_window(qtbot, make_window, sample_path, other)
    session = window.session
    assert "1 conflict to resolve" in dialog.summary_label.text()
    assert "New York.missive" in dialog.summary_label.text()
    # the clean change is in, the conflict keeps mine in the text
    assert session.letter.section("framework").blocks[0].text == NY_FRAMEWORK
    assert session.letter.section("security").blocks[1].text == MINE
    assert dialog.conflict_list.count() == 1
    assert "paragraph 2" in dialog.conflict_list.item(0).text()
    assert dialog.mine_view.toPlainText().strip() == MINE
    assert dialog.theirs_view.toPlainText().strip() == THEIRS
    assert "New York.missive" in dialog.theirs_label.text()
    # names and passages of the letter keep their own direction in any interface
    # (an English name in an Arabic sentence keeps its brackets and its "…")
    assert "\u2068" in dialog.theirs_label.text() and "\u2069" in dialog.theirs_label.text()
    assert dialog.base_label.text().count("\u2068") == 1
    assert dialog.summary_label.text().count("\u2068") == 1
    # the words only one side has are marked (bold on a coloured background)
    assert "Bamako" in bold_words(dialog.mine_view) and "Gao" not in bold_words(dialog.mine_view)
    assert "Ménaka" in bold_words(dialog.theirs_view)
    # the views show the merged letter
    assert MINE in window.editor.toPlainText()
    window.go_to_step("framework")
    assert NY_FRAMEWORK in window.editor.toPlainText()
    # the merge is one named revision in the window's own draft
    assert [r.name for r in session.revisions()][-1] == "Merged with New York.missive"
    session.check_now()
    assert [f.code for f in session.findings() if f.check == "merge"] == ["merge.conflict"]
    # accessible: names, tooltips, keyboard focus on the list
    for widget in (dialog.conflict_list, dialog.mine_view, dialog.theirs_view):
        assert widget.accessibleName()
    for button in (dialog.mine_button, dialog.theirs_button, dialog.edit_button):
        assert button.toolTip() and "&" in button.text()


def bold_words(view: Any) -> str:
    from tests.ui.test_compare_window import fragments

    return "".join(t for t, f in fragments(view.document()) if f.fontWeight() >= 700)


def test_keep_theirs_then_undo_then_keep_mine(qtbot: Any, make_window: Any,
                                              sample_path: Path, other: Path) -> None:
    window, dialog = merged_window(qtbot, make_window, sample_path, other)
    session = window.session
    qtbot.mouseClick(dialog.theirs_button, Qt.MouseButton.LeftButton)
    assert session.letter.section("security").blocks[1].text == THEIRS
    assert session.letter.conflicts == []
    assert dialog.conflict_list.item(0).text() == "No conflicts left."
    assert not dialog.mine_button.isEnabled()
    session.check_now()
    assert not [f for f in session.findings() if f.check == "merge"]
    session.undo_stack.undo()  # the conflict comes back, and the list follows
    assert dialog.conflict_list.count() == 1 and dialog.mine_button.isEnabled()
    assert session.letter.section("security").blocks[1].text == MINE
    qtbot.mouseClick(dialog.mine_button, Qt.MouseButton.LeftButton)
    assert session.letter.section("security").blocks[1].text == MINE
    assert session.letter.conflicts == []


def test_the_keyboard_alone_resolves_a_conflict(qtbot: Any, make_window: Any,
                                                sample_path: Path, other: Path) -> None:
    window, dialog = merged_window(qtbot, make_window, sample_path, other)
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.conflict_list.hasFocus()  # the list has the keyboard from the start
    qtbot.keyClick(dialog.conflict_list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Keep &theirs
    # a mnemonic "animates" the click: the button fires a moment later
    qtbot.waitUntil(lambda: not window.session.letter.conflicts)
    assert window.session.letter.section("security").blocks[1].text == THEIRS


def test_edit_writes_the_version_to_keep(qtbot: Any, make_window: Any, sample_path: Path,
                                         other: Path) -> None:
    window, dialog = merged_window(qtbot, make_window, sample_path, other)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    editor = dialog.edit_dialog
    assert editor is not None and editor.text() == MINE
    editor.editor.setPlainText("Both offices counted 15 patrols around Gao.\n\n- and Ménaka")
    editor.accept()
    blocks = window.session.letter.section("security").blocks
    assert [b.text for b in blocks[1:3]] == ["Both offices counted 15 patrols around Gao.",
                                            "and Ménaka"]
    assert blocks[2].kind == "bullet" and window.session.letter.conflicts == []


def test_a_clean_merge_says_so_and_a_locked_copy_is_refused(
        qtbot: Any, make_window: Any, sample_path: Path, prompter: Any, tmp_path: Path) -> None:
    clean = sample_path.with_name("clean.missive")
    clean.write_bytes(sample_path.read_bytes())
    with DraftStore.open(clean) as store:
        store.save(rewrite(store.load(), "exit", 0, "Exit text from the other copy."))
    window = make_window(sample_path)
    dialog = window.files.merge_copy(str(clean))
    assert dialog is not None
    assert "merged cleanly" in dialog.summary_label.text()
    assert window.session.letter.section("exit").blocks[0].text == \
        "Exit text from the other copy."
    assert dialog.conflict_list.item(0).text() == "No conflicts left."
    with DraftStore.open(clean):  # the other copy is open for writing elsewhere
        assert window.files.merge_copy(str(clean)) is None
    assert prompter.errors and "before merging" in prompter.errors[-1]
    stranger = tmp_path / "stranger.missive"
    DraftStore.create(stranger, Letter.from_dict(window.session.letter.to_dict())).close()
    assert window.files.merge_copy(str(stranger)) is None
    assert "not copies of one draft" in prompter.errors[-1]


def test_the_file_menu_has_both_commands(qtbot: Any, make_window: Any,
                                         sample_path: Path) -> None:
    window = make_window(sample_path)
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Merge a cop&y…" in texts and "Resolve merge confl&icts…" in texts
    window.menu_actions["conflicts"].trigger()
    dialog = window.files.merge_dialog
    assert isinstance(dialog, MergeDialog)
    assert isinstance(dialog.conflict_list, QListWidget)
    assert dialog.conflict_list.item(0).text() == "No conflicts left."
