"""File › Bring in a reviewed copy…: a DOCX back from clearance, as suggestions and comments.

The writer picks the reviewed copy (and, optionally, who made the edits that
were not tracked); the dialog reads it, says in one line what came in ("7
suggestions from 2 reviewers, 3 comments.") or why it cannot (another
draft's copy, with the offer of a normal import; a revision the draft no
longer holds; a damaged file), and hands the result to the window, which
records it as a named revision. The draft never changes on a refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafting.errors import ForeignCopyError, MissiveError
from drafting.i18n import _
from ui.session import Session

Chooser = Callable[[str], str | None]


class ReviewDialog(QDialog):
    """Choose a reviewed copy and bring it in."""

    brought_in = Signal(object)  # drafting.storage.reviews.BroughtIn
    show_requested = Signal()
    import_requested = Signal(str)  # path: make a new draft of it instead

    def __init__(self, session: Session, folder: Path, parent: QWidget | None = None,
                 chooser: Chooser | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.folder = folder
        self.chooser = chooser or self._native_chooser
        self.result_text = ""
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("reviewed_path_edit")
        self.browse_button = QPushButton(self)
        self.editor_edit = QLineEdit(self)
        self.editor_edit.setObjectName("untracked_author_edit")
        self.path_label = QLabel(self)
        self.path_label.setBuddy(self.path_edit)
        self.editor_label = QLabel(self)
        self.editor_label.setBuddy(self.editor_edit)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("review_status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        self.bring_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.path_label, path_row)
        form.addRow(self.editor_label, self.editor_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status_label, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 240)
        self.browse_button.clicked.connect(self.browse)
        self.bring_button.clicked.connect(self.bring_in)
        self.show_button.clicked.connect(self._show)
        self.import_button.clicked.connect(self._import)
        self.close_button.clicked.connect(self.reject)
        self.path_edit.textChanged.connect(lambda _t: self.bring_button.setEnabled(
            bool(self.path_edit.text().strip())))
        self.retranslate_ui()
        self.reset()

    def retranslate_ui(self) -> None:
        """Redo every fixed text in the interface language."""
        self.setWindowTitle(_("Bring in a reviewed copy"))
        self.setAccessibleName(_("Bring in a reviewed copy"))
        self.path_label.setText(_("Reviewed &copy:"))
        self.path_edit.setAccessibleName(_("Reviewed copy"))
        self.path_edit.setPlaceholderText(_("The DOCX a reviewer sent back"))
        self.path_edit.setToolTip(_("A copy of a DOCX exported from this draft, reviewed in "
                                    "Word or LibreOffice"))
        self.browse_button.setText(_("&Browse…"))
        self.browse_button.setToolTip(_("Choose the reviewed copy"))
        self.editor_label.setText(_("Edits not tracked are &by:"))
        self.editor_edit.setAccessibleName(_("Reviewer of the edits not tracked"))
        self.editor_edit.setPlaceholderText(_("The name in the file, if any"))
        self.editor_edit.setToolTip(_("Who changed the text without tracking changes; "
                                      "tracked changes and comments carry their own names"))
        self.status_label.setAccessibleName(_("What came in"))
        self.bring_button.setText(_("B&ring in"))
        self.bring_button.setToolTip(_("Read the copy and add its suggestions and comments "
                                       "to the draft; the text itself does not change"))
        self.show_button.setText(_("&Show suggestions"))
        self.show_button.setToolTip(_("Open the Suggestions and Comments panels"))
        self.import_button.setText(_("&Make a new draft of it…"))
        self.import_button.setToolTip(_("Import the file as a previous letter instead"))

    def reset(self) -> None:
        """Ready for another copy."""
        self.status_label.setText(_("Changes come in as suggestions you accept or reject; "
                                    "nothing in the draft changes until you do."))
        self.show_button.setVisible(False)
        self.import_button.setVisible(False)
        self.bring_button.setEnabled(bool(self.path_edit.text().strip()))

    def _native_chooser(self, start: str) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Reviewed copy"), start, _("Word documents (*.docx)"))
        return path or None

    @Slot()
    def browse(self) -> None:
        chosen = self.chooser(self.path_edit.text() or str(self.folder))
        if chosen:
            self.path_edit.setText(chosen)

    @Slot()
    def bring_in(self) -> None:
        """Read the chosen copy; the result goes to `brought_in`, refusals to the status line."""
        from drafting.storage.reviews import bring_in

        path = self.path_edit.text().strip()
        self.show_button.setVisible(False)
        self.import_button.setVisible(False)
        s = self.session
        if s.store is None or s.read_only:
            self._refuse(_("This draft is open read-only (or not saved in a draft file): a "
                           "review cannot be added to it."))
            return
        try:
            brought = bring_in(s.store, s.letter, s.template, path,
                               editor=self.editor_edit.text().strip() or None)
        except ForeignCopyError as exc:
            self._refuse(str(exc))
            self.import_button.setVisible(True)
            return
        except MissiveError as exc:
            self._refuse(str(exc))
            return
        self.result_text = " ".join([brought.summary(), *brought.notices])
        self.status_label.setText(self.result_text)
        self.show_button.setVisible(True)
        self.show_button.setDefault(True)
        self.brought_in.emit(brought)

    def _refuse(self, message: str) -> None:
        self.result_text = message
        self.status_label.setText(message)

    @Slot()
    def _show(self) -> None:
        self.show_requested.emit()
        self.accept()

    @Slot()
    def _import(self) -> None:
        self.import_requested.emit(self.path_edit.text().strip())
        self.accept()
