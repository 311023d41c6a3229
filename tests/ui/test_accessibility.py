"""Every control, in every window and on every tab, as assistive technology
sees it (Qt's accessibility interface): a name, a tooltip, and form labels
tied to their fields."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tests.ui.a11y_walk import Control, every_page, unbuddied_labels
from ui import gallery, translations

# Nothing is left out: every window's every control is walked.
EXEMPT: tuple[type[QWidget], ...] = ()


@pytest.fixture(autouse=True)
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    translations.apply_language("en", qapp)


def _exempt(widget: QWidget) -> bool:
    parent: QWidget | None = widget
    while parent is not None:
        if isinstance(parent, EXEMPT):
            return True
        parent = parent.parentWidget()
    return False


def _problems(window: QWidget) -> list[str]:
    found: list[Control] = [c for c in every_page(window) if not _exempt(c.widget)]
    assert found, f"no controls found in {window}"
    out = [f"no accessible name: {c.where()}" for c in found if not c.name]
    out += [f"no tooltip: {c.where()} ({c.name})" for c in found if not c.tooltip]
    out += [f"label without a buddy: {label.text()!r} in {window.objectName()}"
            for label in unbuddied_labels(window)]
    for label in window.findChildren(QLabel):
        text = label.text().replace("&&", "")
        if "&" in text and "<" not in text and label.buddy() is None:
            out.append(f"mnemonic label without a buddy: {label.text()!r}")
    return out


def _walk_everything(window: Any) -> list[str]:
    problems: list[str] = []
    for step in gallery.STEPS:
        window.go_to_step(step)
        QApplication.processEvents()
        problems += [f"main window, {step}: {p}" for p in _problems(window)]
    for name in gallery.WINDOWS:
        opened = gallery.open_window(window, name)
        problems += [f"{name}: {p}" for p in _problems(opened)]
        gallery.close_window(opened)
    return problems


def test_every_control_has_a_name_and_a_tooltip(make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    problems = _walk_everything(window)
    assert not problems, "\n".join(sorted(set(problems)))


def test_names_and_tooltips_are_in_the_interface_language(
        make_window: Any, sample_path: Path, qapp: QApplication) -> None:
    window = make_window(sample_path)
    translations.apply_language("fr", qapp)
    problems = _walk_everything(window)
    assert not problems, "\n".join(sorted(set(problems)))
    editor_iface = QAccessible.queryAccessibleInterface(window.details_page.symbol_edit)
    assert editor_iface.text(QAccessible.Text.Name) == "Cote"
    assert window.details_page.symbol_edit.toolTip().startswith("La cote fournie")


def test_the_walk_sees_what_a_screen_reader_sees(make_window: Any, sample_path: Path) -> None:
    # The accessible interface of a field named by its form label, and of a button.
    window = make_window(sample_path)
    iface = QAccessible.queryAccessibleInterface(window.details_page.job_edit)
    assert iface.text(QAccessible.Text.Name) == "Job number"
    assert iface.role() == QAccessible.Role.EditableText
    window.go_to_step("review")
    button = window.review_page.export_final_button
    iface = QAccessible.queryAccessibleInterface(button)
    assert iface.text(QAccessible.Text.Name).replace("&", "") == "Export final…"
    assert iface.role() == QAccessible.Role.Button
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
