"""The questions the application asks the writer, in one replaceable object.

Windows and `ui.app` ask through a `Prompter`; the default shows message
boxes, tests pass a subclass with canned answers so nothing modal blocks.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from drafting.i18n import _

SAVE = "save"
DISCARD = "discard"
CANCEL = "cancel"


class Prompter:
    """Asks with message boxes; override every method in tests."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def restore_autosave(self, name: str, when: datetime | None) -> bool:
        """True to keep the autosaved work found when opening a draft."""
        stamp = when.astimezone().strftime("%Y-%m-%d %H:%M") if when else ""
        box = QMessageBox(QMessageBox.Icon.Question, _("Recover unsaved work?"),
                          _("“{name}” has work autosaved at {when} that was never saved, "
                            "probably because Missive or the computer stopped. Restore it?")
                          .format(name=name, when=stamp), parent=self.parent)
        restore = box.addButton(_("&Restore my work"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("&Open the last saved version"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore

    def draft_locked(self, name: str) -> None:
        """Tell the writer the draft is open elsewhere and opens read-only."""
        QMessageBox.information(
            self.parent, _("Draft in use"),
            _("“{name}” is open in another Missive window. It opens here read-only; "
              "close the other window to edit it.").format(name=name))

    def save_before_close(self, name: str) -> str:
        """SAVE, DISCARD or CANCEL for unsaved changes at close."""
        answer = QMessageBox.question(
            self.parent, _("Save changes?"),
            _("Save a revision of “{name}” before closing? If you discard, the text goes "
              "back to the last saved revision.").format(name=name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return DISCARD
        return CANCEL

    def revision_name(self, default: str) -> str | None:
        """A name for a revision, or None if the writer cancels."""
        text, ok = QInputDialog.getText(self.parent, _("Save revision"),
                                        _("Name of this revision:"), text=default)
        return text.strip() or default if ok else None

    def open_path(self, start: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self.parent, _("Open draft"), start, _("Missive drafts (*.missive)"))
        return path or None

    def copy_path(self, start: str) -> str | None:
        """Another copy of the draft to merge into it (File › Merge a copy…)."""
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self.parent, _("Merge a copy of this draft"), start, _("Missive drafts (*.missive)"))
        return path or None

    def error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)
