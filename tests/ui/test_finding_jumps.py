"""From a finding to the problem itself: the figure selected, messages that say
where in words, and an export dialog whose blockers are readable and lead there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt

from drafting.findings import Finding

LEFT = Qt.MouseButton.LeftButton


def _placeholder(window: Any, item: str = "[13]") -> Finding:
    return next(f for f in window.session.findings()
                if f.code == "placeholder.unresolved" and f.excerpt == item)


def test_placeholder_messages_say_where_in_words(make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    finding = _placeholder(window)
    assert "character" not in finding.message
    assert finding.message.startswith("Unresolved placeholder in “")
    assert "[13]" in finding.message
    found = window.session.letter.find_block(finding.block_id or "")
    assert found is not None and finding.start is not None
    text = found[2].text
    assert text[finding.start:finding.start + finding.length] == "[13]"


def test_clicking_a_finding_selects_the_figure(qtbot: Any, make_window: Any,
                                               sample_path: Path) -> None:
    window = make_window(sample_path)
    finding = _placeholder(window)
    panel = window.findings_panel
    tree = panel.tree
    index = panel.row_index(panel.shown_findings().index(finding))
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), LEFT, pos=tree.visualRect(index).center())
    assert window.current_step() == finding.section
    cursor = window.editor.textCursor()
    assert cursor.selectedText() == "[13]"
    assert window.editor.current_block_id() == finding.block_id


def test_review_blockers_select_the_figure(qtbot: Any, make_window: Any,
                                           sample_path: Path) -> None:
    window = make_window(sample_path)
    window.go_to_step("review")
    blockers = window.review_page.blockers_list
    row = next(i for i, f in enumerate(window.review_page._blockers) if f.excerpt == "[21]")
    item = blockers.item(row)
    blockers.scrollToItem(item)
    qtbot.mouseClick(blockers.viewport(), LEFT, pos=blockers.visualItemRect(item).center())
    assert window.editor.textCursor().selectedText() == "[21]"


def test_export_blockers_are_whole_and_lead_to_their_place(qtbot: Any, make_window: Any,
                                                          sample_path: Path) -> None:
    window = make_window(sample_path)
    dialog = window.files.open_export(final=True)
    qtbot.waitExposed(dialog)
    blockers = dialog.blockers_list
    assert blockers.isVisible() and blockers.count() >= 5
    assert blockers.wordWrap()
    # every row is tall enough for its wrapped message and as wide as the list
    for i in range(blockers.count()):
        rect = blockers.visualItemRect(blockers.item(i))
        assert rect.width() <= blockers.viewport().width()
        text_width = blockers.fontMetrics().horizontalAdvance(blockers.item(i).text())
        lines = rect.height() // blockers.fontMetrics().lineSpacing()
        assert lines * rect.width() >= text_width * 0.9, blockers.item(i).text()
    row = next(i for i, f in enumerate(dialog._blockers) if f.excerpt == "[618]")
    item = blockers.item(row)
    blockers.scrollToItem(item)
    where = blockers.visualItemRect(item).center()
    qtbot.mouseClick(blockers.viewport(), LEFT, pos=where)
    assert window.current_step() != "security"  # one click only selects
    qtbot.mouseDClick(blockers.viewport(), LEFT, pos=where)
    assert window.current_step() == "security"
    assert window.editor.textCursor().selectedText() == "[618]"
    # Enter on another one does the same
    row = next(i for i, f in enumerate(dialog._blockers) if f.excerpt == "[319]")
    blockers.setCurrentRow(row)
    blockers.setFocus()
    qtbot.keyClick(blockers, Qt.Key.Key_Return)
    assert window.editor.textCursor().selectedText() == "[319]"


def test_switching_to_final_forgets_the_draft_export(qtbot: Any, make_window: Any,
                                                     sample_path: Path, tmp_path: Path) -> None:
    window = make_window(sample_path)
    dialog = window.files.open_export(final=False)
    qtbot.waitExposed(dialog)
    dialog.path_edit.setText(str(tmp_path / "letter-draft.docx"))
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        qtbot.mouseClick(dialog.export_button, LEFT)
    qtbot.waitUntil(lambda: dialog._thread is None, timeout=5000)
    assert "Exported" in dialog.status_label.text() and dialog.progress.isVisible()
    qtbot.mouseClick(dialog.final_radio, LEFT, pos=QPoint(8, dialog.final_radio.height() // 2))
    assert dialog.is_final()
    assert dialog.status_label.text() == ""
    assert not dialog.progress.isVisible() and not dialog.open_folder_button.isVisible()
    assert not dialog.path_edit.text().endswith("-draft.docx")
