"""Preferences: the interface language (follows the system unless chosen).

Choosing a language applies it at once through `ui.translations` (every
window re-translates itself), and stores it in the settings for next time.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _
from ui import translations
from ui.a11y import explain_buttons
from ui.settings import Settings


class PreferencesDialog(QDialog):
    """A small dialog; OK applies and stores the choice, Cancel changes nothing."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("preferences_dialog")
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("language_combo")
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language_combo)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.language_label, self.language_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note_label)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.select(settings.interface_language())

    def retranslate_ui(self) -> None:
        """Set every text of the dialog in the current interface language."""
        self.setWindowTitle(_("Preferences"))
        self.language_label.setText(_("Interface &language:"))
        self.language_combo.setToolTip(_("The language of menus, messages and this window"))
        explain_buttons(self.buttons)
        self.note_label.setText(_("The language of a letter is set in its letter details; "
                                  "this only changes the language of menus and messages."))
        chosen = self.chosen()
        self.language_combo.blockSignals(True)
        self.language_combo.clear()
        for code, label in translations.language_choices():
            self.language_combo.addItem(label, code)
        self.language_combo.blockSignals(False)
        self.select(chosen)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def select(self, code: str) -> None:
        index = self.language_combo.findData(code)
        self.language_combo.setCurrentIndex(max(index, 0))

    def chosen(self) -> str:
        """The selected setting: "" (system) or a language code."""
        data = self.language_combo.currentData()
        return str(data) if data is not None else translations.SYSTEM

    @Slot()
    def accept(self) -> None:
        code = self.chosen()
        self.settings.set_interface_language(code)
        self.settings.sync()
        super().accept()
        translations.apply_language(translations.resolve_language(code))
