"""The window never shows a guess as met: confirmed, suggested, carried and
missing each have their own word, colour and symbol in the coverage map, the
navigator and the guidance panel; Confirm and "Confirm all suggestions" are
real clicks, one undo step each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from drafting.letter import Block
from drafting.storage.store import DraftStore
from tests.ui.conftest import empty_letter, fast_session
from ui import coverage_status as cs
from ui.navigator import CARRIED, MET, TO_CONFIRM

ROTATION = ("The rotation of contingents went ahead in March: 850 troops of the "
            "Bangladeshi battalion were replaced on schedule.")


def _click(qtbot: Any, widget: Any) -> None:
    assert widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_review_page_counts_and_confirm_all_is_one_step(
        qtbot: Any, make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    fast_session(window.session)
    window.go_to_step("review")
    page = window.review_page
    counts = window.session.coverage_counts()
    assert counts["suggested"] > 0 and counts["missing"] > 0
    summary = page.summary_label.text()
    assert f"{counts['confirmed']} confirmed · {counts['suggested']} suggested" in summary
    assert "met" not in summary
    # every state has its own symbol in the legend, and says what it means
    for kind in cs.KINDS:
        assert cs.SYMBOL[kind] in page.legend_label.text()
    assert "carried over" in page.legend_label.toolTip()
    statuses = window.session.requirements()
    sections = window.session.letter.section_ids()
    shown = {page.cell_state(r, sections.index(ev.section) + 1)
             for r, s in enumerate(statuses) for ev in s.evidence[:1]}
    assert shown == {"suggested", "confirmed"}
    row = next(i for i, s in enumerate(statuses) if s.source == "detected")
    item = page.map_table.item(row, sections.index(statuses[row].evidence[0].section) + 1)
    assert item.text() == "?" and "Suggested" in item.toolTip()
    assert "Suggested" in str(item.data(Qt.ItemDataRole.AccessibleTextRole))

    button = page.confirm_all_button
    assert button.accessibleName() == "Confirm all suggestions" and button.toolTip()
    assert f"{counts['suggested']} requirements are only suggested" in page.confirm_all_label.text()
    steps = window.session.undo_stack.count()
    _click(qtbot, button)
    qtbot.waitUntil(lambda: window.session.coverage_counts()["suggested"] == 0, timeout=3000)
    assert window.session.undo_stack.count() == steps + 1
    after = window.session.coverage_counts()
    assert after["confirmed"] == counts["confirmed"] + counts["suggested"]
    qtbot.waitUntil(lambda: "0 suggested" in page.summary_label.text(), timeout=3000)
    assert not button.isEnabled()
    assert f"{counts['suggested']} suggestions confirmed" in page.confirm_all_label.text()
    # each suggested requirement is linked to the paragraph its evidence showed
    for s in statuses:
        if s.source == "detected":
            assert window.session.letter.confirmed_blocks(s.id) == [s.evidence[0].block_id]
    qtbot.waitUntil(lambda: "0 suggested" in window.navigator.progress_label.text(),
                    timeout=3000)
    # one undo step takes every one of them back
    window.session.undo_stack.undo()
    qtbot.waitUntil(lambda: window.session.coverage_counts() == counts, timeout=3000)
    qtbot.waitUntil(lambda: button.isEnabled(), timeout=3000)


def test_guidance_confirm_links_the_suggested_paragraph(
        qtbot: Any, make_window: Any, empty_path: Path) -> None:
    window = make_window(empty_path)
    fast_session(window.session)
    window.go_to_step("rotation")
    row = window.guidance_panel.rows["perf.rotation"]
    assert "Missing" in row.status_label.text() and not row.confirm_button.isEnabled()
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, ROTATION)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "A second paragraph about something else entirely.")
    qtbot.waitUntil(lambda: "Suggested" in row.status_label.text(), timeout=3000)
    assert cs.TEXT_COLOR[cs.SUGGESTED] in row.status_label.text()
    assert "confirm it" in row.status_label.toolTip()
    qtbot.waitUntil(lambda: window.navigator.model.status_of("rotation") == TO_CONFIRM,
                    timeout=3000)
    model = window.navigator.model
    detail = model.index(model.row_of("rotation")).data()
    assert "0/1 confirmed, 1 suggested" in detail
    assert "Suggestions to confirm" in model.index(model.row_of("rotation")).data(
        Qt.ItemDataRole.AccessibleTextRole)
    # the cursor sits in the second paragraph: Confirm still takes the suggested one
    assert window.editor.current_block_index() == 1
    assert "¶ 1" in row.confirm_button.toolTip()
    assert "perf.rotation" not in row.confirm_button.accessibleName()
    assert "Rotation" in row.confirm_button.accessibleName()
    _click(qtbot, row.confirm_button)
    first = window.session.letter.section("rotation").blocks[0].id
    assert window.session.letter.confirmed_blocks("perf.rotation") == [first]
    qtbot.waitUntil(lambda: "Confirmed" in row.status_label.text(), timeout=3000)
    assert not row.confirm_button.isEnabled()
    qtbot.waitUntil(lambda: model.status_of("rotation") == MET, timeout=3000)
    assert "1/1 confirmed" in model.index(model.row_of("rotation")).data()


def test_carried_text_is_shown_as_carried_and_confirm_accepts_it(
        qtbot: Any, make_window: Any, tmp_path: Path) -> None:
    letter = empty_letter()
    section = letter.section("rotation")
    section.blocks = [Block.from_text(ROTATION, carried=True)]
    path = tmp_path / "carried.missive"
    DraftStore.create(path, letter).close()
    window = make_window(path)
    fast_session(window.session)
    status = next(r for r in window.session.requirements() if r.id == "perf.rotation")
    assert (status.status, status.source) == ("carried", "carried")
    window.go_to_step("review")
    page = window.review_page
    sections = window.session.letter.section_ids()
    r = [s.id for s in window.session.requirements()].index("perf.rotation")
    assert page.cell_state(r, sections.index("rotation") + 1) == "carried"
    assert page.map_table.item(r, sections.index("rotation") + 1).text() == cs.SYMBOL[cs.CARRIED]
    assert "1 carried" in page.summary_label.text()
    assert window.navigator.model.status_of("rotation") == CARRIED
    window.go_to_step("rotation")
    row = window.guidance_panel.rows["perf.rotation"]
    assert "Carried" in row.status_label.text()
    assert "previous letter" in row.status_label.toolTip()
    _click(qtbot, row.confirm_button)
    qtbot.waitUntil(lambda: "Confirmed" in row.status_label.text(), timeout=3000)
    block = window.session.letter.section("rotation").blocks[0]
    assert not block.carried  # the writer vouched for it: this period's text now
    assert window.session.letter.confirmed_blocks("perf.rotation") == [block.id]


def test_read_only_window_offers_no_confirmation(
        qtbot: Any, make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    window.session.read_only = True
    window.go_to_step("review")
    assert not window.review_page.confirm_all_button.isEnabled()
    window.go_to_step("security")
    assert not any(r.confirm_button.isEnabled() for r in window.guidance_panel.rows.values())


def test_tab_walks_each_requirement_as_it_reads(
        qtbot: Any, make_window: Any, sample_path: Path) -> None:
    """Confirm, Link, Unlink, then the paragraphs listed below them, row by row (the
    list of paragraphs used to come first, above the buttons it sits under)."""
    window = make_window(sample_path)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.go_to_step("security")
    window.session.ensure_checked()
    qtbot.waitUntil(lambda: all(r.evidence_label.isVisible()
                                for r in window.guidance_panel.rows.values()), timeout=5000)
    rows = list(window.guidance_panel.rows.values())
    for row in rows:
        row.confirm_button.setEnabled(True)
        row.unlink_button.setEnabled(True)
    rows[0].confirm_button.setFocus()
    qtbot.waitUntil(rows[0].confirm_button.hasFocus, timeout=2000)
    order: list[Any] = []
    for _i in range(12 * len(rows)):
        focused = window.focusWidget()
        if not order or order[-1] is not focused:  # Tab also walks the links in a label
            order.append(focused)
        if focused is rows[-1].evidence_label:
            break
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    expected = [w for row in rows for w in (row.confirm_button, row.link_button,
                                            row.unlink_button, row.evidence_label)]
    assert order == expected
