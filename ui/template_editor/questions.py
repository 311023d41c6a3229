"""The template editor's questions, asked with Qt's standard dialogs.

The window takes each as a callable, so tests replace them with canned
answers; this class is what a real window uses.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from drafting.i18n import _


class Questions:
    """Standard dialogs parented to the editor window."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def ask_text(self, title: str, label: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(self.parent, title, label, text=default)
        return text if ok else None

    def choose_open(self, start: str) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(
            self.parent, _("Import a template"), start, _("Templates (*.xml)"))
        return path or None

    def choose_save(self, start: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            self.parent, _("Export the template"), start, _("Templates (*.xml)"))
        return path or None

    def confirm_discard(self, name: str) -> bool:
        answer = QMessageBox.question(
            self.parent, _("Discard changes?"),
            _("“{name}” has changes that are not saved. Discard them?").format(name=name))
        return answer == QMessageBox.StandardButton.Yes
