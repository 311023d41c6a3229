"""Ctrl+E: export the letter as a UN-style DOCX, draft or final.

The dialog lists what blocks a final export, writes the file on a worker
thread (a copy of the letter, so typing can go on), shows progress and offers
to open the containing folder. The file chooser and the folder opener are
injectable so tests never block on a native dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from drafting.errors import MissiveError
from drafting.export import export_docx
from drafting.findings import Finding
from drafting.i18n import _, ngettext
from drafting.letter import Letter
from drafting.review.stamp import ExportStamp
from drafting.storage.exports import draft_identity
from drafting.storage.outputs import check_docx_owner, check_output, named_for_another_format
from drafting.templates.model import Template
from ui.a11y import explain_buttons
from ui.screen_fit import fit_to_screen
from ui.session import Session
from ui.settings import Settings

Chooser = Callable[[str], str | None]


class ExportThread(QThread):
    """Writes one DOCX off the GUI thread."""

    succeeded = Signal(object)  # ExportResult
    failed = Signal(str)

    def __init__(self, letter: Letter, template: Template, path: str, final: bool,
                 stamp: ExportStamp | None = None) -> None:
        super().__init__()
        self.letter, self.template, self.path, self.final = letter, template, path, final
        self.stamp = stamp  # the draft revision exported, so a reviewed copy comes back

    def run(self) -> None:
        try:
            result = export_docx(self.letter, self.template, self.path, final=self.final,
                                 stamp=self.stamp)
        except MissiveError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(_("Could not write {path}: {reason}").format(
                path=self.path, reason=exc.strerror or exc))
        else:
            self.succeeded.emit(result)


class ExportDialog(QDialog):
    """Choose draft or final and a path; export; open the folder."""

    exported = Signal(str)
    finding_activated = Signal(object)  # a blocking Finding the writer wants to see

    def __init__(
        self,
        session: Session,
        settings: Settings,
        final: bool = False,
        chooser: Chooser | None = None,
        opener: Callable[[str], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self._chooser = chooser or self._native_chooser
        self._opener = opener or (lambda folder: QDesktopServices.openUrl(
            QUrl.fromLocalFile(folder)))
        self._thread: ExportThread | None = None
        self.result: Any = None
        self.draft_radio = QRadioButton(self)
        self.final_radio = QRadioButton(self)
        (self.final_radio if final else self.draft_radio).setChecked(True)
        self.path_label = QLabel(self)
        self.path_edit = QLineEdit(self)
        self.path_label.setBuddy(self.path_edit)
        self.browse_button = QPushButton(self)
        self.blockers_label = QLabel(self)
        self.blockers_label.setWordWrap(True)
        self.blockers_list = QListWidget(self)
        # Whole messages, wrapped: "Security challenges…: Unresolved placeholder
        # [618] in “…”" is unreadable cut at the dialog's edge.
        self.blockers_list.setWordWrap(True)
        self.blockers_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.blockers_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.blockers_list.setUniformItemSizes(False)
        self.blockers_list.setMinimumHeight(120)
        self.blockers_list.setAlternatingRowColors(True)  # where one finding ends
        self.blockers_list.setSpacing(1)
        self.blockers_list.itemActivated.connect(self._on_blocker)
        self.blockers_list.itemDoubleClicked.connect(self._on_blocker)
        self._blockers: list[Finding] = []
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.open_folder_button = QPushButton(self)
        self.open_folder_button.setVisible(False)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)  # Enter exports
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        result_row = QHBoxLayout()
        result_row.addWidget(self.status_label, 1)
        result_row.addWidget(self.open_folder_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.draft_radio)
        layout.addWidget(self.final_radio)
        layout.addSpacing(8)
        layout.addWidget(self.path_label)
        layout.addLayout(path_row)
        layout.addSpacing(8)
        layout.addWidget(self.blockers_label)
        # The list takes the height when it is shown; otherwise the stretch
        # below keeps the rest together instead of spreading it out.
        layout.addWidget(self.blockers_list, 10)
        layout.addWidget(self.progress)
        layout.addLayout(result_row)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 640, self.sizeHint().height())

        self.browse_button.clicked.connect(self.browse)
        self.draft_radio.toggled.connect(self._on_kind)
        self.export_button.clicked.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.path_edit.setText(self.default_path())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Redo every fixed text in the interface language (after a switch)."""
        self.setWindowTitle(_("Export"))
        self.setAccessibleName(_("Export"))
        self.draft_radio.setText(_("&Draft (marked DRAFT, for clearance)"))
        self.final_radio.setText(_("&Final (for submission)"))
        self.path_label.setText(_("Save as:"))
        self.path_edit.setAccessibleName(_("File to write"))
        self.browse_button.setText(_("&Browse…"))
        self.blockers_list.setAccessibleName(_("What blocks a final export"))
        self.blockers_list.setToolTip(_("Double-click a finding, or press Enter on it, to go "
                                        "to its place in the letter"))
        self.draft_radio.setToolTip(_("A DOCX marked DRAFT on every page, for clearance; "
                                      "placeholders stay visible"))
        self.final_radio.setToolTip(_("The DOCX for submission: possible once nothing blocks it"))
        self.path_edit.setToolTip(_("Where the DOCX is written"))
        self.browse_button.setToolTip(_("Choose the folder and the file name"))
        self.open_folder_button.setToolTip(_("Show the exported file in its folder"))
        self.export_button.setToolTip(_("Write the DOCX (Enter)"))
        explain_buttons(self.buttons)
        self.progress.setAccessibleName(_("Export progress"))
        self.open_folder_button.setText(_("&Open containing folder"))
        self.export_button.setText(_("&Export"))
        self._on_kind()

    def is_final(self) -> bool:
        return self.final_radio.isChecked()

    def default_path(self) -> str:
        folder = self.settings.export_dir() or (
            str(self.session.path.parent) if self.session.path else str(Path.home()))
        stem = self.session.letter.metadata.symbol.replace("/", "-") or self.session.title()
        suffix = "" if self.is_final() else "-draft"
        return str(Path(folder) / f"{stem}{suffix}.docx")

    @Slot()
    def _on_kind(self) -> None:
        current = self.path_edit.text()
        if current.endswith("-draft.docx") and self.is_final():
            self.path_edit.setText(current[: -len("-draft.docx")] + ".docx")
        elif not self.is_final() and current.endswith(".docx") and not current.endswith(
                "-draft.docx"):
            self.path_edit.setText(current[: -len(".docx")] + "-draft.docx")
        if self._thread is None:
            # The last export's result belongs to the other kind: start clean.
            self.result = None
            self.progress.setVisible(False)
            self._status("")
            self.open_folder_button.setVisible(False)
        blockers = self.session.final_blockers() if self.is_final() else []
        self._blockers = blockers
        self.blockers_list.clear()
        for f in blockers:
            where = self.session.place_name(f.section, f.check)
            item = QListWidgetItem(f"{where}: {f.message}")
            item.setToolTip(f"{where}: {f.message}")
            self.blockers_list.addItem(item)
        self.blockers_list.setVisible(bool(blockers))
        if blockers:
            self.blockers_label.setText(ngettext(
                "A final export is not possible yet: {n} finding must be resolved.",
                "A final export is not possible yet: {n} findings must be resolved.",
                len(blockers)).format(n=len(blockers)))
        else:
            self.blockers_label.setText(
                _("Nothing blocks a final export.") if self.is_final()
                else _("A draft is marked DRAFT on every page; placeholders stay visible."))
        self.export_button.setEnabled(not blockers and self._thread is None)
        # As tall as what it shows: room for the list, no gaps without it.
        fit_to_screen(self, max(self.width(), 640), self.sizeHint().height())

    def _status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    @Slot(QListWidgetItem)
    def _on_blocker(self, item: QListWidgetItem) -> None:
        row = self.blockers_list.row(item)
        if 0 <= row < len(self._blockers):
            self.finding_activated.emit(self._blockers[row])

    @Slot()
    def browse(self) -> None:
        chosen = self._chooser(self.path_edit.text())
        if chosen:
            if not chosen.lower().endswith(".docx"):
                chosen += ".docx"
            self.path_edit.setText(chosen)

    def _native_chooser(self, start: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export as"), start, _("Word documents (*.docx)"))
        return path or None

    @Slot()
    def start_export(self) -> None:
        """Export on a worker thread; `exported` is emitted on success."""
        path = self.path_edit.text().strip()
        if not path:
            self._status(_("Choose where to save the file."))
            return
        if Path(path).suffix.lower() != ".docx" and not named_for_another_format(path, "docx"):
            path += ".docx"  # a name typed without its extension ("lettre v1.2" too)
            self.path_edit.setText(path)
        if self.is_final() and self.session.final_blockers():
            self._on_kind()
            return
        try:
            # never over this window's draft or any other draft
            check_output(path, open_draft=self.session.path, kind="docx")
            if self.session.store is not None:
                # never over a Word file or another draft's export (issue 15 follow-up)
                check_docx_owner(path, draft_identity(self.session.store))
        except MissiveError as exc:
            self.status_label.setText(_("Export failed: {reason}").format(reason=exc))
            return
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy: the writer gives no partial progress
        self.progress.setVisible(True)
        self._status(_("Exporting…"))
        self.open_folder_button.setVisible(False)
        stamp = self.session.record_export(Path(path).name)
        self._thread = ExportThread(self.session.letter.copy(), self.session.template, path,
                                    self.is_final(), stamp)
        self._thread.succeeded.connect(self._on_done)
        self._thread.failed.connect(self._on_failed)
        self._thread.finished.connect(self._on_finished)
        self._thread.start()

    @Slot(object)
    def _on_done(self, result: Any) -> None:
        self.result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        text = _("Exported {path}").format(path=result.path)
        if result.findings:
            text += "\n" + "\n".join(f.message for f in result.findings[:5])
        self._status(text)
        self.open_folder_button.setVisible(True)
        self.settings.set_export_dir(str(Path(result.path).parent))
        self.exported.emit(str(result.path))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.progress.setVisible(False)
        self._status(_("Export failed: {reason}").format(reason=message))

    @Slot()
    def _on_finished(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        self._thread = None
        self.export_button.setEnabled(not (self.is_final() and self.blockers_list.count()))

    @Slot()
    def open_folder(self) -> None:
        if self.result is not None:
            self._opener(str(Path(self.result.path).parent))

    @Slot()
    def reject(self) -> None:
        if self._thread is not None:
            self._thread.wait()
        super().reject()
