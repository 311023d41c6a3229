"""Layout glitches a writer met: cut-off headers, an old scroll position,
windows that flash open, gaps in the export dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from ui.guidance_panel import RequirementRow


def _settle(qtbot: Any) -> None:
    for _i in range(3):
        QApplication.processEvents()
    qtbot.wait(20)


def test_review_headers_show_whole_headings(qtbot: Any, make_window: Any,
                                            sample_path: Path) -> None:
    window = make_window(sample_path)
    window.resize(1280, 720)
    window.go_to_step("review")
    _settle(qtbot)
    table = window.review_page.map_table
    header = table.horizontalHeader()
    for c in range(1, table.columnCount()):
        item = table.horizontalHeaderItem(c)
        heading = item.toolTip()
        assert "…" not in item.text(), item.text()
        assert " ".join(item.text().split()) == heading
        # the header is tall enough for every line
        lines = item.text().count("\n") + 1
        assert header.height() >= lines * header.fontMetrics().lineSpacing()
    # the columns share the table's width: nothing hides behind a scroll bar
    assert header.length() <= table.viewport().width() + 1


def test_guidance_starts_at_the_top_of_each_section(qtbot: Any, make_window: Any,
                                                    sample_path: Path) -> None:
    window = make_window(sample_path)
    window.resize(1280, 720)
    window.go_to_step("performance")
    _settle(qtbot)
    panel = window.guidance_panel
    bar = panel.verticalScrollBar()
    assert bar.maximum() > 0, "the test needs guidance taller than the panel"
    bar.setValue(bar.maximum())
    window.go_to_step("exit")
    _settle(qtbot)
    assert bar.value() == 0
    top = panel.heading_label.mapTo(panel.viewport(), panel.heading_label.rect().topLeft())
    assert 0 <= top.y() < panel.viewport().height()
    assert "Possible long-term exit strategy" in panel.heading_label.text()


def test_changing_sections_quickly_opens_no_stray_window(qtbot: Any, make_window: Any,
                                                         sample_path: Path) -> None:
    window = make_window(sample_path)
    for step in ("security", "performance", "rotation", "coordination", "framework", "exit"):
        window.go_to_step(step)
    _settle(qtbot)
    stray = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, RequirementRow) and w.isVisible()]
    assert stray == []
    assert QApplication.activeWindow() in (window, None)


def _gaps(dialog: QWidget, widgets: list[QWidget]) -> list[int]:
    shown = sorted((w for w in widgets if w.isVisible()),
                   key=lambda w: w.mapTo(dialog, w.rect().topLeft()).y())
    out = []
    for upper, lower in zip(shown, shown[1:], strict=False):
        bottom = upper.mapTo(dialog, upper.rect().bottomLeft()).y()
        top = lower.mapTo(dialog, lower.rect().topLeft()).y()
        out.append(top - bottom)
    return out


def test_export_dialog_has_no_gaps(qtbot: Any, make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    dialog = window.files.open_export(final=False)
    qtbot.waitExposed(dialog)
    widgets = [dialog.draft_radio, dialog.final_radio, dialog.path_label, dialog.path_edit,
               dialog.blockers_label, dialog.buttons]
    assert max(_gaps(dialog, widgets)) <= 40
    dialog.final_radio.setChecked(True)
    _settle(qtbot)
    assert dialog.blockers_list.isVisible()
    assert max(_gaps(dialog, [*widgets, dialog.blockers_list])) <= 40
    assert dialog.blockers_list.height() >= 120
