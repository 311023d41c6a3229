"""Help › About Missive: the versions `missive --version` prints, and the license.

The versions can be selected and copied (writers paste them into a support
request). The Qt version shown is the one of the library actually loaded.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Slot, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafting.about import license_note, version_lines
from drafting.i18n import _


def about_lines() -> list[str]:
    """`drafting.about.version_lines` with the running Qt's version."""
    return version_lines(qt_version=qVersion())


class AboutDialog(QDialog):
    """Versions, copyright and license; Copy puts the versions on the clipboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.versions_label = QLabel(self)
        self.versions_label.setObjectName("versions_label")
        self.versions_label.setTextFormat(Qt.TextFormat.PlainText)
        self.versions_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.license_label = QLabel(self)
        self.license_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copy_button")
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_versions)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.versions_label)
        layout.addWidget(self.license_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every text of the dialog in the current interface language."""
        self.setWindowTitle(_("About Missive"))
        self.title_label.setText("<h2>Missive</h2><p>" + _(
            "A drafting assistant for the Secretary-General's six-monthly letter on "
            "MINUSMA.") + "</p>")
        self.versions_label.setText("\n".join(about_lines()))
        self.versions_label.setAccessibleName(_("Versions"))
        self.license_label.setText(license_note())
        self.license_label.setAccessibleName(_("License"))
        self.copy_button.setText(_("&Copy versions"))
        self.copy_button.setAccessibleName(_("Copy versions"))
        self.copy_button.setToolTip(_("Copy the versions, to paste them into a support request"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(_("Close"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @Slot()
    def copy_versions(self) -> None:
        QApplication.clipboard().setText(self.versions_label.text())


def show_about(parent: QWidget) -> AboutDialog:
    """The window's About dialog (made once per window), shown and raised."""
    dialog = parent.findChild(AboutDialog, "about_dialog")
    if dialog is None:
        dialog = AboutDialog(parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
