"""The drafting window driven like a writer would: keys, clicks, shortcuts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from drafting.letter import Block
from tests.ui.conftest import fast_session
from ui.navigator import IN_PROGRESS, MET, NOT_STARTED, TO_CONFIRM


def _type_at_end(qtbot: Any, window: Any, text: str) -> None:
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, text)


def test_typing_updates_status_and_word_count(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = make_window(empty_path)
    fast_session(window.session)
    window.go_to_step("rotation")
    model = window.navigator.model
    assert model.status_of("rotation") == NOT_STARTED
    assert "0 of 250 words" in window.words_label.text()
    _type_at_end(qtbot, window, "Contingents arrived on time.")
    assert window.session.letter.section("rotation").word_count() == 4
    qtbot.waitUntil(lambda: "4 of 250 words" in window.words_label.text(), timeout=2000)
    qtbot.waitUntil(lambda: model.status_of("rotation") == IN_PROGRESS, timeout=2000)
    row = model.row_of("rotation")
    assert "4 / 250 words" in model.index(row).data()
    assert window.status.total_label.text() == f"Letter: {window.session.letter.word_count()} words"


def test_cue_phrase_detects_then_confirm_links(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = make_window(empty_path)
    fast_session(window.session)
    window.go_to_step("rotation")
    row = window.guidance_panel.rows["perf.rotation"]
    assert "Missing" in row.status_label.text()
    _type_at_end(qtbot, window, "The troop rotation of the Chadian contingent was completed.")
    qtbot.waitUntil(lambda: "Suggested" in row.status_label.text(), timeout=3000)
    # a suggestion is not "met": the step asks for a confirmation
    qtbot.waitUntil(lambda: window.navigator.model.status_of("rotation") == TO_CONFIRM,
                    timeout=2000)
    qtbot.mouseClick(row.link_button, Qt.MouseButton.LeftButton)
    block_id = window.session.letter.section("rotation").blocks[0].id
    assert window.session.letter.confirmed_blocks("perf.rotation") == [block_id]
    qtbot.waitUntil(lambda: "Confirmed" in row.status_label.text(), timeout=3000)
    qtbot.waitUntil(lambda: window.navigator.model.status_of("rotation") == MET, timeout=2000)
    assert row.unlink_button.isEnabled()
    qtbot.mouseClick(row.unlink_button, Qt.MouseButton.LeftButton)
    assert window.session.letter.confirmed_blocks("perf.rotation") == []
    qtbot.waitUntil(lambda: "Suggested" in row.status_label.text(), timeout=3000)


def test_confirm_needs_a_paragraph(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = make_window(empty_path)
    window.go_to_step("coordination")
    window.link_requirement("ops.coordination_body")
    assert window.session.letter.confirmations == []
    assert "cursor" in window.statusBar().currentMessage()


def test_undo_after_switching_sections(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = make_window(empty_path)
    window.go_to_step("rotation")
    _type_at_end(qtbot, window, "Rotation")
    window.go_to_step("coordination")
    _type_at_end(qtbot, window, "Coordination")
    letter = window.session.letter
    assert letter.section("coordination").blocks[0].text == "Coordination"
    # One word in each section: two undo steps, one at a time.
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert letter.section("coordination").is_empty()
    assert window.editor.toPlainText() == ""
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert letter.section("rotation").is_empty()
    assert window.current_step() == "rotation"  # undo shows where it happened
    qtbot.keyClick(window.editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert letter.section("rotation").blocks[0].text == "Rotation"
    assert window.editor.toPlainText() == "Rotation"


def test_ctrl_page_down_walks_the_steps(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = make_window(empty_path)
    window.go_to_step("details")
    steps = window.navigator.model.steps()
    assert steps[0] == "details" and steps[-1] == "review" and len(steps) == 9
    for expected in steps[1:3]:
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_PageDown,
                       Qt.KeyboardModifier.ControlModifier)
        assert window.current_step() == expected
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_PageUp,
                   Qt.KeyboardModifier.ControlModifier)
    assert window.current_step() == steps[1]
    assert window.navigator.current_step() == steps[1]


def test_progress_line_counts_requirements(make_window: Any, sample_path: Any) -> None:
    window = make_window(sample_path)
    counts = window.session.coverage_counts()
    assert sum(counts.values()) == 16
    text = window.navigator.progress_label.text()
    assert text.startswith(f"Requirements: {counts['confirmed']} confirmed · "
                           f"{counts['suggested']} suggested")
    assert "met" not in text


def test_details_edit_goes_through_undo(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = make_window(empty_path)
    window.go_to_step("details")
    page = window.details_page
    page.symbol_edit.clear()
    qtbot.keyClicks(page.symbol_edit, "S/2020/999")
    assert window.session.letter.metadata.symbol == "S/2020/999"
    window.session.undo_stack.undo()
    assert window.session.letter.metadata.symbol == "S/2020/481"
    assert page.symbol_edit.text() == "S/2020/481"


def test_language_change_follows_untouched_addressee(make_window: Any, empty_path: Any) -> None:
    window = make_window(empty_path)
    page = window.details_page
    page.language_combo.setCurrentIndex(page.language_combo.findData("fr"))
    m = window.session.letter.metadata
    assert m.language == "fr"
    assert "Conseil de sécurité" in m.addressee
    assert window.spelling.language == "fr"
    window.session.undo_stack.undo()
    assert m.language == "en" and "Security Council" in m.addressee


def test_findings_click_jumps_to_paragraph(qtbot: Any, make_window: Any, sample_path: Any) -> None:
    window = make_window(sample_path)
    panel = window.findings_panel
    findings = panel.shown_findings()
    target = next(i for i, f in enumerate(findings) if f.section and f.paragraph is not None)
    f = findings[target]
    index = panel.row_index(target, 2)
    panel.tree.scrollTo(index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.tree.visualRect(index).center())
    assert window.current_step() == f.section
    block = window.session.letter.section(f.section).blocks[f.paragraph]
    assert window.editor.textCursor().block().text() == block.text
    panel.set_severity("warning")
    assert all(x.severity == "warning" for x in panel.shown_findings())


def test_boilerplate_insert_is_marked_and_undoable(make_window: Any, empty_path: Any) -> None:
    window = make_window(empty_path)
    window.go_to_step("opening")
    before = list(window.session.blocks("opening"))
    window.insert_boilerplate()
    after = window.session.blocks("opening")
    assert len(after) > len(before) and after[-1].boilerplate
    window.session.undo_stack.undo()
    assert window.session.blocks("opening") == before


def test_read_only_when_locked(qtbot: Any, make_window: Any, sample_path: Any,
                               prompter: Any) -> None:
    first = make_window(sample_path)
    second = make_window(sample_path)
    assert not first.session.read_only
    assert second.session.read_only and "locked" in prompter.asked
    assert second.editor.isReadOnly()
    assert "read-only" in second.windowTitle()
    second.go_to_step("security")
    assert second.session.edit_section("security", [Block.from_text("x")]) is False


def test_layout_and_step_restored(qtbot: Any, make_window: Any, sample_path: Any,
                                  settings: Any) -> None:
    window = make_window(sample_path, restore_layout=True)
    window.go_to_step("framework")
    window.findings_dock.hide()
    window.layout_keeper.save()
    window.session.close()
    again = make_window(sample_path, restore_layout=True)
    assert again.current_step() == "framework"
    assert not again.findings_dock.isVisible()
