"""Help › About Missive, opened from the real window's menu."""

from __future__ import annotations

import platform
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox

import drafting
from ui import translations
from ui.about_dialog import AboutDialog


@pytest.fixture(autouse=True)
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    translations.apply_language("en", qapp)


def _menu_action(window: Any, menu_title: str, action_title: str) -> QAction:
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert menu_title in menus, list(menus)
    actions = {a.text(): a for a in menus[menu_title].actions()}
    assert action_title in actions, list(actions)
    return actions[action_title]


def test_about_opens_from_the_help_menu_with_the_versions(
        qtbot: Any, make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    _menu_action(window, "&Help", "&About Missive").trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "About Missive"
    text = dialog.versions_label.text()
    assert f"Missive {drafting.__version__}" in text
    assert f"Qt {qVersion()}" in text
    assert f"Python {platform.python_version()}" in text
    assert "License: MIT" in text
    assert "LGPL" in dialog.license_label.text()
    for widget in (dialog.versions_label, dialog.license_label, dialog.copy_button,
                   dialog.buttons.button(QDialogButtonBox.StandardButton.Close)):
        assert widget.accessibleName()
    # the menu shows the same dialog again rather than stacking copies
    _menu_action(window, "&Help", "&About Missive").trigger()
    assert len(window.findChildren(AboutDialog)) == 1


def test_copy_puts_the_versions_on_the_clipboard(
        qtbot: Any, qapp: QApplication, make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    _menu_action(window, "&Help", "&About Missive").trigger()
    dialog = window.findChild(AboutDialog)
    qapp.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert qapp.clipboard().text().splitlines()[0] == f"Missive {drafting.__version__}"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Close),
                     Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_about_follows_the_interface_language(
        qtbot: Any, make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    translations.apply_language("fr")
    _menu_action(window, "&Aide", "À &propos de Missive").trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog.windowTitle() == "À propos de Missive"
    assert "Licence : MIT" in dialog.versions_label.text()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close).text() == "Fermer"
    translations.apply_language("en")  # an open dialog switches back with the window
    assert dialog.windowTitle() == "About Missive"
    assert "License: MIT" in dialog.versions_label.text()

