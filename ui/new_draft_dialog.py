"""File › New…: a new draft from a template.

The writer picks a template (every one `discover_templates` offers, the
user's own included), a language the template supports, and the masthead
details (symbol, date, job number), then where to save the draft. The draft
is created on disk (like `main.py new`) and `created` carries its path; the
caller opens it. Problems (file exists, bad symbol) are shown in the dialog,
never in a second modal box. The save chooser is injectable for tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
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

from drafting.errors import MissiveError
from drafting.i18n import _
from drafting.storage.store import DraftStore
from drafting.templates.catalog import create_letter, discover_templates
from drafting.templates.model import Template
from ui.template_editor.language_columns import language_title

ChoosePath = Callable[[str], str | None]
_SYMBOL_RE = re.compile(r"S/\d{4}/[1-9]\d{0,4}")
_JOB_RE = re.compile(r"\d{2}-\d{5}")


class NewDraftDialog(QDialog):
    """Choose template, language and masthead details; creates the draft file."""

    created = Signal(str)  # path of the new draft

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        user_dir: Path | None = None,
        choose_path: ChoosePath | None = None,
        folder: Path | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New draft"))
        self.user_dir = user_dir
        self.choose_path = choose_path or self._choose_path
        self.folder = folder or Path.home()
        self.templates: list[Template] = []
        self.created_path: Path | None = None

        self.template_combo = QComboBox(self)
        self.template_combo.setObjectName("template_combo")
        self.template_combo.currentIndexChanged.connect(self._template_changed)
        self.template_info = QLabel(self)
        self.template_info.setWordWrap(True)
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("language_combo")
        self.symbol_edit = QLineEdit(self)
        self.symbol_edit.setPlaceholderText("S/2020/481")
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        day = today or date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.job_edit = QLineEdit(self)
        self.job_edit.setPlaceholderText("20-07899")
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("path_edit")
        self.browse_button = QPushButton(_("Browse…"), self)
        self.browse_button.clicked.connect(self.browse)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a00;")

        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(_("&Template"), self.template_combo)
        form.addRow("", self.template_info)
        form.addRow(_("&Language"), self.language_combo)
        form.addRow(_("&Symbol"), self.symbol_edit)
        form.addRow(_("&Date"), self.date_edit)
        form.addRow(_("&Job number"), self.job_edit)
        save_label = QLabel(_("Save &as"), self)
        save_label.setBuddy(self.path_edit)  # a row holding a layout gets no buddy itself
        form.addRow(save_label, path_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Create draft"))
        self.buttons.accepted.connect(self.create_draft)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.refresh_templates()

    # -- templates --------------------------------------------------------
    def refresh_templates(self, select_id: str | None = None) -> None:
        """Re-read the available templates (after the template editor saved one)."""
        current = select_id or self.template_combo.currentData()
        self.templates = discover_templates(self.user_dir)
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        for t in self.templates:
            origin = _("shipped") if t.origin == "shipped" else _("yours")
            self.template_combo.addItem(
                _("{name} — v{version}, {origin}").format(
                    name=t.name(t.languages[0] if t.languages else "en"),
                    version=t.version, origin=origin), t.id)
        index = self.template_combo.findData(current) if current else -1
        self.template_combo.setCurrentIndex(index if index >= 0 else 0)
        self.template_combo.blockSignals(False)
        self._template_changed()

    def template_ids(self) -> list[str]:
        return [t.id for t in self.templates]

    def select_template(self, template_id: str) -> bool:
        index = self.template_combo.findData(template_id)
        if index >= 0:
            self.template_combo.setCurrentIndex(index)
        return index >= 0

    def current_template(self) -> Template | None:
        index = self.template_combo.currentIndex()
        return self.templates[index] if 0 <= index < len(self.templates) else None

    @Slot()
    def _template_changed(self) -> None:
        t = self.current_template()
        language = self.language_combo.currentData()
        self.language_combo.clear()
        if t is None:
            self.template_info.setText(_("No template is available."))
            return
        for lang in t.languages:
            self.language_combo.addItem(language_title(lang), lang)
        index = self.language_combo.findData(language)
        self.language_combo.setCurrentIndex(max(index, 0))
        kind = _("report with numbered paragraphs") if t.kind == "report" else _("letter")
        self.template_info.setText(_("{kind}; {n} sections; id {id}").format(
            kind=kind, n=len(t.sections), id=t.id))
        if not self.path_edit.text().strip() or self.path_edit.property("suggested"):
            self.path_edit.setText(str(self.folder / f"{t.id}.missive"))
            self.path_edit.setProperty("suggested", True)

    # -- creating ---------------------------------------------------------
    @Slot()
    def browse(self) -> None:
        chosen = self.choose_path(self.path_edit.text() or str(self.folder))
        if chosen:
            if not chosen.endswith(".missive"):
                chosen += ".missive"
            self.path_edit.setText(chosen)
            self.path_edit.setProperty("suggested", False)

    def _choose_path(self, start: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the new draft as"), start, _("Missive drafts (*.missive)"))
        return path or None

    def _problem(self) -> str:
        symbol = self.symbol_edit.text().strip()
        if symbol and _SYMBOL_RE.fullmatch(symbol) is None:
            return _("The symbol {symbol} is not of the form S/YYYY/N (for example "
                     "S/2020/481); leave it empty if it is not known yet.").format(symbol=symbol)
        job = self.job_edit.text().strip()
        if job and _JOB_RE.fullmatch(job) is None:
            return _("The job number {job} is not of the form NN-NNNNN (for example "
                     "20-07899); leave it empty if it is not known yet.").format(job=job)
        text = self.path_edit.text().strip()
        if not text:
            return _("Choose where to save the draft.")
        path = Path(text)
        if path.exists():
            return _("{path} already exists; choose another name.").format(path=path)
        if not path.parent.is_dir():
            return _("The folder {folder} does not exist.").format(folder=path.parent)
        return ""

    @Slot()
    def create_draft(self) -> Path | None:
        """Create the draft file; on success emit `created` and close the dialog."""
        template = self.current_template()
        if template is None:
            self.error_label.setText(_("No template is available."))
            return None
        problem = self._problem()
        if problem:
            self.error_label.setText(problem)
            return None
        qd = self.date_edit.date()
        path = Path(self.path_edit.text().strip())
        try:
            letter = create_letter(
                template, str(self.language_combo.currentData()),
                symbol=self.symbol_edit.text().strip(),
                date=date(qd.year(), qd.month(), qd.day()),
                job_number=self.job_edit.text().strip())
            DraftStore.create(path, letter, name=_("Created")).close()
        except (MissiveError, OSError) as exc:
            self.error_label.setText(_("The draft could not be created: {reason}").format(
                reason=exc))
            return None
        self.error_label.clear()
        self.created_path = path
        self.created.emit(str(path))
        self.accept()
        return path
