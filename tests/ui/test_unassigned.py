"""The "Unassigned text" step: seen, edited, moved into the letter, never lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from drafting.letter import UNASSIGNED, Block
from drafting.storage.store import DraftStore
from tests.ui.conftest import empty_letter, fast_session
from ui.main_window import MainWindow
from ui.navigator import REVIEW, WARNING, StepModel

LEFT = Qt.MouseButton.LeftButton
KEPT = "Staffing stood at [618] people in  March."
SECOND = "A second paragraph kept from the old staffing section."


def _draft(tmp_path: Path) -> Path:
    letter = empty_letter()
    letter.unassigned = [Block.from_text(KEPT), Block.from_text(SECOND)]
    path = tmp_path / "unassigned.missive"
    DraftStore.create(path, letter).close()
    return path


def _click_step(window: MainWindow, qtbot: Any, step: str) -> None:
    view = window.navigator.list_view
    index = window.navigator.model.index(window.navigator.model.row_of(step))
    rect = view.visualRect(index)
    assert rect.isValid(), step
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())


def _place_cursor(window: MainWindow, text: str) -> None:
    block = next(b for b in window.session.blocks(UNASSIGNED) if b.text == text)
    assert window.editor.go_to(block.id, start=3)


def test_step_is_shown_before_review_with_a_warning(make_window: Any, tmp_path: Path,
                                                    sample_path: Path) -> None:
    window = make_window(_draft(tmp_path))
    model = window.navigator.model
    steps = model.steps()
    assert steps[-2:] == [UNASSIGNED, REVIEW]
    row = model.row_of(UNASSIGNED)
    index = model.index(row)
    assert index.data(StepModel.StatusRole) == WARNING
    words = sum(b.word_count() for b in window.session.blocks(UNASSIGNED))
    display = index.data(Qt.ItemDataRole.DisplayRole)
    assert display.startswith("Unassigned text\n") and f"{words} words" in display
    assert "Needs a place in the letter" in index.data(Qt.ItemDataRole.ToolTipRole)
    # a letter without unassigned text has no such step
    other = make_window(sample_path)
    assert UNASSIGNED not in other.navigator.model.steps()


def test_opens_in_the_editor_with_guidance(make_window: Any, tmp_path: Path, qtbot: Any) -> None:
    window = make_window(_draft(tmp_path))
    _click_step(window, qtbot, UNASSIGNED)
    assert window.current_step() == UNASSIGNED
    assert window.pages.currentWidget() is window.editor_page
    assert KEPT in window.editor.toPlainText() and SECOND in window.editor.toPlainText()
    assert "Unassigned text" in window.heading_label.text()
    guidance = window.guidance_panel.guidance_label.text()
    assert "nothing is lost" in guidance and "not exported in a final letter" in guidance
    assert "Move paragraph to section…" in guidance
    assert window.guidance_panel.move_button.isVisibleTo(window.guidance_panel)
    # other steps do not offer the move
    _click_step(window, qtbot, "security")
    assert not window.guidance_panel.move_button.isVisibleTo(window.guidance_panel)


def test_editing_unassigned_text_is_undoable(make_window: Any, tmp_path: Path,
                                             qtbot: Any) -> None:
    window = make_window(_draft(tmp_path))
    fast_session(window.session)
    window.go_to_step(UNASSIGNED)
    _place_cursor(window, SECOND)
    window.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    qtbot.keyClicks(window.editor, " Still relevant")
    texts = [b.text for b in window.session.blocks(UNASSIGNED)]
    assert texts[1] == SECOND + " Still relevant"
    assert window.session.letter.unassigned[1].text == texts[1]
    window.session.undo_stack.undo()
    assert [b.text for b in window.session.blocks(UNASSIGNED)] == [KEPT, SECOND]
    assert SECOND + " Still" not in window.editor.toPlainText()


def test_move_button_puts_the_paragraph_in_a_section(make_window: Any, tmp_path: Path,
                                                     qtbot: Any) -> None:
    window = make_window(_draft(tmp_path))
    window.go_to_step(UNASSIGNED)
    _place_cursor(window, SECOND)
    moved_id = window.session.blocks(UNASSIGNED)[1].id
    before = [b.id for b in window.session.blocks("rotation")]
    panel = window.guidance_panel
    assert panel.move_button.isEnabled()
    panel.move_menu.aboutToShow.emit()  # what showing the button's menu does
    titles = [a.text() for a in panel.move_menu.actions()]
    assert titles[0] == window.session.section_heading("opening") and len(titles) == 7
    next(a for a in panel.move_menu.actions() if a.objectName() == "move_to_rotation").trigger()
    assert [b.id for b in window.session.blocks("rotation")] == [*before, moved_id]
    assert [b.text for b in window.session.blocks(UNASSIGNED)] == [KEPT]
    assert SECOND not in window.editor.toPlainText()  # the editor reloaded
    assert window.current_step() == UNASSIGNED  # text is left: the writer stays here
    window.session.undo_stack.undo()
    assert [b.text for b in window.session.blocks(UNASSIGNED)] == [KEPT, SECOND]
    assert [b.id for b in window.session.blocks("rotation")] == before


def test_moving_the_last_paragraphs_follows_them(make_window: Any, tmp_path: Path,
                                                 qtbot: Any) -> None:
    window = make_window(_draft(tmp_path))
    window.go_to_step(UNASSIGNED)
    window.editor.selectAll()  # both paragraphs move at once
    assert window.unassigned.move_to_section("security") == 2
    assert not window.session.letter.unassigned
    assert window.current_step() == "security"
    assert [b.text for b in window.session.blocks("security")][-2:] == [KEPT, SECOND]
    qtbot.waitUntil(lambda: UNASSIGNED not in window.navigator.model.steps())
    assert window.navigator.current_step() == "security"
    window.session.undo_stack.undo()  # one step brings both back
    assert [b.text for b in window.session.blocks(UNASSIGNED)] == [KEPT, SECOND]
    qtbot.waitUntil(lambda: UNASSIGNED in window.navigator.model.steps())


def test_context_menu_offers_the_move(make_window: Any, tmp_path: Path) -> None:
    window = make_window(_draft(tmp_path))
    window.go_to_step(UNASSIGNED)
    block = window.editor.find_qblock(window.session.blocks(UNASSIGNED)[0].id)
    assert block is not None
    menu = window.editor.menus.build_context_menu(QTextCursor(block))
    move_menu = menu.findChild(QMenu, "move_menu")
    assert move_menu is not None and move_menu.title() == "Move paragraph to section"
    action = next(a for a in move_menu.actions() if a.objectName() == "move_to_exit")
    action.trigger()
    assert window.session.blocks("exit")[-1].text == KEPT
    # sections proper have no such menu
    window.go_to_step("exit")
    menu = window.editor.menus.build_context_menu(window.editor.textCursor())
    assert menu.findChild(QMenu, "move_menu") is None


def test_findings_in_unassigned_text_jump_there(make_window: Any, tmp_path: Path,
                                                qtbot: Any) -> None:
    window = make_window(_draft(tmp_path))
    window.go_to_step("details")
    panel = window.findings_panel
    tree = panel.tree
    shown = panel.shown_findings()
    row = next(i for i, f in enumerate(shown) if f.section == UNASSIGNED)
    index = panel.row_index(row, 1)
    assert panel.row_texts(row)[1].startswith("Unassigned text")
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), LEFT, pos=tree.visualRect(index).center())
    assert window.current_step() == UNASSIGNED
    assert window.editor.current_block_id() == shown[row].block_id


def test_deleting_all_unassigned_text_leaves_the_step(make_window: Any, tmp_path: Path,
                                                      qtbot: Any) -> None:
    window = make_window(_draft(tmp_path))
    window.go_to_step(UNASSIGNED)
    window.editor.setFocus()
    window.editor.selectAll()
    qtbot.keyClick(window.editor, Qt.Key.Key_Delete)
    assert window.session.letter.unassigned == []
    qtbot.waitUntil(lambda: window.current_step() == REVIEW)
    window.session.undo_stack.undo()
    assert window.current_step() == UNASSIGNED  # undo brings the text and the step back
    assert KEPT in window.editor.toPlainText()


def test_session_move_blocks_between_sections(make_window: Any, tmp_path: Path) -> None:
    session = make_window(_draft(tmp_path)).session
    opening = session.blocks("opening")
    assert opening, "the template's opening has standard text"
    first = opening[0].id
    assert session.move_blocks([first], "nowhere") == 0
    assert session.move_blocks(["no-such-block"], "security") == 0
    assert session.move_blocks([first], "security", at=0) == 1
    assert session.blocks("security")[0].id == first
    assert first not in [b.id for b in session.blocks("opening")]
    # back to the unassigned area works too, and is one undo step each
    assert session.move_blocks([first], UNASSIGNED) == 1
    assert session.blocks(UNASSIGNED)[-1].id == first
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.blocks("opening")[0].id == first
