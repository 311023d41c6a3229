"""Bringing in a reviewed copy and deciding in the window (issue 19), with real clicks and
keys: File › Bring in a reviewed copy…, the Suggestions panel (one, a reviewer's, all;
reviewers who disagree side by side), the Comments panel (reply, resolve), the
suggestions shown in the section text, undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton, QWidget

from drafting.export import export_docx
from tests.drafting.word_review import WordReview
from ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
ANA, BEN = "Aïcha Traoré", "Ben Okafor"


def sent_copy(window: MainWindow, folder: Path) -> bytes:
    """The window's letter exported as the export dialog does (stamped, recorded)."""
    s = window.session
    stamp = s.record_export("sent.docx")
    path = export_docx(s.letter, s.template, folder / "sent.docx", stamp=stamp).path
    return path.read_bytes()


def block_ids(window: MainWindow, section: str) -> list[str]:
    return [b.id for b in window.session.letter.section(section).blocks]


def bring_in(qtbot: Any, window: MainWindow, path: Path) -> Any:
    dialog = window.reviews.open_dialog()
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(path))
    qtbot.mouseClick(dialog.bring_button, LEFT)
    return dialog


@pytest.fixture
def reviewed(qtbot: Any, make_window: Any, sample_path: Path, tmp_path: Path) -> MainWindow:
    """A window whose draft has Ana's and Ben's copies brought in."""
    window = make_window(sample_path)
    sent = sent_copy(window, tmp_path)
    security = block_ids(window, "security")
    ana = WordReview(sent)
    ana.replace(security[1], "regrouped", "brought together", ANA)
    ana.insert_paragraph_after(security[0], "Added by Ana.", ANA)
    first = ana.comment(security[1], "Operation Maliko", "Please confirm the name.", ANA)
    ana.comment(security[1], "Operation Maliko", "Seconded.", BEN, reply_to=first)
    (tmp_path / "ana.docx").write_bytes(ana.bytes())
    ben = WordReview(sent)
    ben.replace(security[1], "regrouped", "redeployed", BEN)
    ben.replace(block_ids(window, "exit")[0], "Should", "If", BEN)
    (tmp_path / "ben.docx").write_bytes(ben.bytes())
    dialog = bring_in(qtbot, window, tmp_path / "ana.docx")
    assert dialog.status_label.text().startswith("2 suggestions and 2 comments from 2 reviewers")
    bring_in(qtbot, window, tmp_path / "ben.docx")
    dialog.close()
    return window


def test_bringing_in_records_a_review_revision_and_fills_the_panels(
        qtbot: Any, reviewed: MainWindow) -> None:
    window = reviewed
    names = [r.name for r in window.session.revisions()]
    assert f"Review by {ANA}, {BEN}" in names and f"Review by {BEN}" in names
    panel = window.reviews.suggestions_panel
    assert panel.list.count() == 3  # the disagreement is one row
    assert "4 suggestions wait" in panel.summary_label.text()
    assert window.reviews.comments_panel.tree.topLevelItemCount() == 1
    assert window.session.letter.section("security").blocks[1].text.count("regrouped") == 1


def test_accept_one_then_undo(qtbot: Any, reviewed: MainWindow) -> None:
    window = reviewed
    panel = window.reviews.suggestions_panel
    new_row = next(r for r in range(panel.list.count())
                   if "New paragraph" in panel.list.item(r).data(Qt.ItemDataRole.AccessibleTextRole)
                   or "new paragraph" in panel.list.item(r).data(
                       Qt.ItemDataRole.AccessibleTextRole))
    panel.list.setCurrentRow(new_row)
    qtbot.mouseClick(panel.accept_button, LEFT)
    blocks = window.session.letter.section("security").blocks
    assert blocks[1].text == "Added by Ana."
    assert panel.list.count() == 2
    window.session.undo_stack.undo()
    assert window.session.letter.section("security").blocks[1].text != "Added by Ana."
    assert panel.list.count() == 3


def test_disagreeing_reviewers_side_by_side_and_accept_all_of_one(
        qtbot: Any, reviewed: MainWindow) -> None:
    window = reviewed
    panel = window.reviews.suggestions_panel
    conflict = next(r for r in range(panel.list.count())
                    if panel.list.item(r).toolTip())
    widget = panel.list.itemWidget(panel.list.item(conflict))
    accepts = [b for b in widget.findChildren(QPushButton) if b.text() == "Accept"]
    assert len(accepts) == 2
    ben_accept = next(b for b in accepts if BEN in b.accessibleName())
    qtbot.mouseClick(ben_accept, LEFT)
    assert "redeployed the Malian" in window.session.letter.section("security").blocks[1].text
    # Ana's on the same words cannot apply any more; all of Ben's others go in at once
    panel.reviewer_combo.setCurrentIndex(panel.reviewer_combo.findData(BEN))
    qtbot.mouseClick(panel.accept_all_button, LEFT)
    assert window.session.letter.section("exit").blocks[0].text.startswith("If MINUSMA")
    panel.reviewer_combo.setCurrentIndex(0)
    qtbot.mouseClick(panel.accept_all_button, LEFT)
    assert panel.notice_label.isVisibleTo(panel)
    assert "no longer in the paragraph" in panel.notice_label.text()
    assert window.session.letter.section("security").blocks[1].text.count("brought") == 0


def test_reply_and_resolve_in_the_comments_panel(qtbot: Any, reviewed: MainWindow) -> None:
    window = reviewed
    window.settings.set_review_author("Writer")
    comments = window.reviews.comments_panel
    comments.tree.setCurrentItem(comments.tree.topLevelItem(0))
    qtbot.keyClicks(comments.reply_edit, "Confirmed with the Force.")
    qtbot.keyClick(comments.reply_edit, Qt.Key.Key_Return)
    reply = window.session.letter.comments[-1]
    assert (reply.text, reply.author, reply.origin) == ("Confirmed with the Force.", "Writer",
                                                        "writer")
    top = comments.tree.topLevelItem(0)
    assert top is not None and top.childCount() == 2
    qtbot.mouseClick(comments.resolve_button, LEFT)
    assert window.session.letter.comments[0].resolved
    assert comments.tree.topLevelItemCount() == 0
    qtbot.mouseClick(comments.resolved_check, LEFT)
    assert comments.tree.topLevelItemCount() == 1
    assert comments.resolve_button.text().replace("&", "") == "Reopen"


def test_a_long_remark_is_shown_whole_in_the_comments_panel(
        qtbot: Any, reviewed: MainWindow) -> None:
    """Rows grow with their wrapped text (Qt measured them unwrapped, and the
    remark under a long quote was cut off)."""
    from PySide6.QtCore import QRect

    comments = reviewed.reviews.comments_panel
    remark = ("Please confirm the operation's name with the Force, and check whether the "
              "figures for the second district of Gao match the police report of 12 May.")
    reviewed.reviews.reply(reviewed.session.letter.comments[0].id, remark)
    comments.resize(300, 600)
    comments.show()
    qtbot.waitExposed(comments)
    top = comments.tree.topLevelItem(0)
    assert top is not None
    comments.tree.expandAll()
    reply = top.child(top.childCount() - 1)
    assert reply is not None and remark in reply.text(0)
    tree = comments.tree
    needed = tree.fontMetrics().boundingRect(
        QRect(0, 0, tree.viewport().width() - 2 * tree.indentation() - 8, 100_000),
        int(Qt.TextFlag.TextWordWrap), reply.text(0)).height()
    assert needed > 3 * tree.fontMetrics().lineSpacing()  # it does wrap at this width
    assert tree.visualItemRect(reply).height() >= needed


def test_suggestions_in_the_text_while_editing_and_as_marked_up_text(
        qtbot: Any, reviewed: MainWindow) -> None:
    window = reviewed
    window.go_to_step("security")
    editor = window.editor
    assert editor.extraSelections()  # struck words while editing
    struck = [s for s in editor.extraSelections() if s.format.fontStrikeOut()]
    assert any(s.cursor.selectedText() == "regrouped" for s in struck)
    panel = window.reviews.suggestions_panel
    qtbot.mouseClick(panel.inline_check, LEFT)
    assert editor.isReadOnly()
    text = editor.toPlainText()
    # Ana's replacement, listed first, is shown in place; Ben's on the same word is in
    # the panel, beside it
    assert "regroupedbrought together the Malian" in text
    assert "Added by Ana." in text
    cursor = editor.document().find("Added by Ana.")
    assert cursor.charFormat().fontUnderline()
    # typing is impossible meanwhile: the letter keeps its text
    before = window.session.letter.to_dict()
    qtbot.keyClicks(editor, "xyz")
    assert window.session.letter.to_dict() == before
    qtbot.mouseClick(panel.inline_check, LEFT)
    assert not editor.isReadOnly()
    assert "Added by Ana." not in editor.toPlainText()
    assert "regroupedbrought" not in editor.toPlainText()
    assert editor.extraSelections()


def test_a_copy_of_another_draft_offers_a_normal_import(
        qtbot: Any, make_window: Any, sample_path: Path, empty_path: Path,
        tmp_path: Path) -> None:
    other = make_window(empty_path)
    foreign = tmp_path / "foreign.docx"
    foreign.write_bytes(sent_copy(other, tmp_path))
    window = make_window(sample_path)
    before = sample_path.read_bytes()
    dialog = bring_in(qtbot, window, foreign)
    assert "not exported from this draft" in dialog.status_label.text()
    assert dialog.import_button.isVisibleTo(dialog)
    assert sample_path.read_bytes() == before
    qtbot.mouseClick(dialog.import_button, LEFT)
    importer = window.files.import_dialog
    assert importer is not None and importer.source_edit.text() == str(foreign)


def test_a_copy_that_came_back_untouched_says_so_and_records_nothing(
        qtbot: Any, make_window: Any, sample_path: Path, tmp_path: Path) -> None:
    window = make_window(sample_path)
    untouched = tmp_path / "untouched.docx"
    untouched.write_bytes(sent_copy(window, tmp_path))
    revisions = len(window.session.revisions())
    dialog = bring_in(qtbot, window, untouched)
    assert "no change and no comment" in dialog.status_label.text()
    assert not dialog.show_button.isVisibleTo(dialog)
    assert not window.session.letter.reviews
    assert len(window.session.revisions()) == revisions


def test_every_review_control_has_a_name_or_a_tooltip(reviewed: MainWindow) -> None:
    window = reviewed
    dialog = window.reviews.open_dialog()
    for root in (window.reviews.suggestions_panel, window.reviews.comments_panel, dialog):
        for widget in root.findChildren(QWidget):
            if isinstance(widget, QAbstractButton) or widget.focusPolicy() != \
                    Qt.FocusPolicy.NoFocus and widget.isVisibleTo(root):
                named = widget.accessibleName() or widget.toolTip() or (
                    isinstance(widget, QAbstractButton) and widget.text())
                if widget.objectName().startswith("qt_") or not widget.isVisibleTo(root):
                    continue
                assert named, (type(widget).__name__, widget.objectName())
    dialog.close()


def test_menu_and_shortcut(reviewed: MainWindow) -> None:
    action = reviewed.menu_actions["bring_in_review"]
    assert action.shortcut().toString() == "Ctrl+Shift+R" and action.toolTip()
    assert action.isEnabled()


def test_only_the_panels_with_something_show(
        qtbot: Any, make_window: Any, sample_path: Path, tmp_path: Path) -> None:
    """A copy with comments and no change opens the Comments panel alone: an empty
    Suggestions panel took the findings' room."""
    window = make_window(sample_path)
    window.resize(1280, 720)
    window.show()
    sent = sent_copy(window, tmp_path)
    remark = WordReview(sent)
    remark.comment(block_ids(window, "security")[1], "Operation Maliko", "Check the name.", ANA)
    (tmp_path / "remark.docx").write_bytes(remark.bytes())
    reviews = window.reviews
    assert not reviews.suggestions_dock.isVisible() and not reviews.comments_dock.isVisible()
    dialog = bring_in(qtbot, window, tmp_path / "remark.docx")
    qtbot.mouseClick(dialog.show_button, LEFT)
    assert reviews.comments_dock.isVisible()
    assert not reviews.suggestions_dock.isVisible()
