"""Switching the interface language at run time, on the real window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from drafting.i18n import _, current_language
from ui import translations
from ui.preferences_dialog import PreferencesDialog
from ui.settings import Settings


@pytest.fixture(autouse=True)
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    translations.apply_language("en", qapp)


def _menu_titles(window: Any) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def _all_action_texts(window: Any) -> set[str]:
    texts: set[str] = set()
    for menu_action in window.menuBar().actions():
        texts.add(menu_action.text())
        menu = menu_action.menu()
        if menu is not None:
            texts.update(a.text() for a in menu.actions())
    return texts


def test_switching_to_french_shows_french_menus(make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    assert "&File" in _menu_titles(window)
    english_findings = [f.message for f in window.session.findings()]
    assert english_findings, "the sample should raise at least one finding"
    translations.apply_language("fr")
    titles = _menu_titles(window)
    assert "&Fichier" in titles and "&Édition" in titles
    assert "&File" not in titles
    texts = _all_action_texts(window)
    assert "&Préférences…" in texts
    assert window.guidance_dock.windowTitle() == "Conseils"
    assert current_language() == "fr"
    # the findings are re-checked, so their messages are French too
    assert [f.message for f in window.session.findings()] != english_findings
    translations.apply_language("en")
    assert "&File" in _menu_titles(window)
    assert window.guidance_dock.windowTitle() == "Guidance"


def test_switch_keeps_one_set_of_shortcuts(make_window: Any, sample_path: Path) -> None:
    window = make_window(sample_path)
    before = len(QWidget.actions(window))  # QWidget's own list, not menu_actions
    translations.apply_language("es")
    translations.apply_language("ru")
    assert len(QWidget.actions(window)) == before
    assert "&Файл" in _menu_titles(window)


def test_arabic_lays_the_window_out_right_to_left(
    qapp: QApplication, make_window: Any, sample_path: Path
) -> None:
    window = make_window(sample_path)
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    translations.apply_language("ar")
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.navigator.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "&ملف" in _menu_titles(window)
    assert QLocale().language() == QLocale.Language.Arabic
    translations.apply_language("zh")
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert "文件(&F)" in _menu_titles(window)


def test_qt_standard_buttons_follow_the_language(qtbot: Any, tmp_path: Path) -> None:
    dialog = PreferencesDialog(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(dialog)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "Cancel"
    translations.apply_language("fr")
    assert cancel.text() == "Annuler"  # from Qt's own qtbase_fr.qm
    assert dialog.windowTitle() == "Préférences"
    translations.apply_language("ru")
    assert cancel.text() == "Отмена"


def test_preferences_apply_and_store_the_choice(
    qtbot: Any, make_window: Any, sample_path: Path, settings: Settings
) -> None:
    window = make_window(sample_path)
    dialog = window.open_preferences()
    assert dialog.chosen() == translations.SYSTEM  # follows the system by default
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("fr"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert settings.interface_language() == "fr"
    assert "&Fichier" in _menu_titles(window)
    assert Settings(settings.path).interface_language() == "fr"  # written to disk
    dialog = window.open_preferences()
    assert dialog.chosen() == "fr"
    dialog.language_combo.setCurrentIndex(0)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert settings.interface_language() == ""
    assert translations.interface_language() == translations.system_language()


def test_language_resolution() -> None:
    assert translations.normalize("fr_CA") == "fr"
    assert translations.normalize("zh-Hans-CN") == "zh"
    assert translations.normalize("de_DE") == ""
    assert translations.resolve_language("ar") == "ar"
    assert translations.resolve_language("") in translations.LANGUAGES
    assert translations.resolve_language("de") == translations.system_language()
    assert translations.qt_catalog_name("zh") == "qtbase_zh_CN"
    for lang in translations.LANGUAGES[1:]:
        path = Path(translations.qt_translations_dir()) / (
            translations.qt_catalog_name(lang) + ".qm")
        assert path.is_file(), f"PySide6 ships no {path.name}"


def test_choices_name_each_language_in_itself() -> None:
    translations.apply_language("fr")
    choices = dict(translations.language_choices())
    assert choices["ar"] == "العربية" and choices["zh"] == "中文"
    assert choices[""].startswith("Langue du système")
    assert _("&File") == "&Fichier"
