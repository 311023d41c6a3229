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

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
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
from drafting.i18n import N_, _, current_language, ngettext
from drafting.locale_format import format_list
from drafting.storage.store import DraftStore
from drafting.templates.catalog import create_letter, discover_templates
from drafting.templates.model import Template
from ui.date_field import DateField
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
        preferred: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New draft"))
        self.user_dir = user_dir
        self.choose_path = choose_path or self._choose_path
        self.folder = folder or Path.home()
        # Template ids to select first, most wanted first (the most used).
        self.preferred = list(preferred or [])
        self.templates: list[Template] = []
        self.created_path: Path | None = None
        self.today = today or date.today()

        self.template_combo = QComboBox(self)
        self.template_combo.setObjectName("template_combo")
        self.template_combo.currentIndexChanged.connect(self._template_changed)
        self.template_info = QLabel(self)
        self.template_info.setWordWrap(True)
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("language_combo")
        self.symbol_edit = QLineEdit(self)
        self.symbol_edit.setPlaceholderText("S/2020/481")
        self.date_edit = DateField(N_("Masthead date"), self,
                                   languages=lambda: [str(self.language_combo.currentData())])
        self.date_edit.set_value(self.today)
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
        date_label = QLabel(_("&Date"), self)
        date_label.setBuddy(self.date_edit.edit)
        form.addRow(date_label, self.date_edit)
        form.addRow(_("&Job number"), self.job_edit)
        save_label = QLabel(_("Save &as"), self)
        save_label.setBuddy(self.path_edit)  # a row holding a layout gets no buddy itself
        form.addRow(save_label, path_row)
        self.template_combo.setToolTip(_("What the draft starts from: its sections, guidance "
                                         "and requirements"))
        self.language_combo.setToolTip(_("The language the letter is written in"))
        self.symbol_edit.setToolTip(_("The document symbol from Documents Management, e.g. "
                                      "S/2020/481; leave it empty until you have it"))
        self.job_edit.setToolTip(_("The job number from Documents Management, e.g. 20-07899"))
        self.path_edit.setToolTip(_("The file the new draft is saved in"))
        self.browse_button.setToolTip(_("Choose the folder and the file name"))
        for widget, name in ((self.template_combo, _("Template")),
                             (self.language_combo, _("Language")),
                             (self.symbol_edit, _("Symbol")), (self.job_edit, _("Job number")),
                             (self.path_edit, _("Save as")),
                             (self.browse_button, _("Browse"))):
            widget.setAccessibleName(name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Create draft"))
        ok.setToolTip(_("Write the new draft and open it (Enter)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip(_("Close without creating a draft (Esc)"))
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
        if index < 0:
            index = self._default_index()
        self.template_combo.setCurrentIndex(index)
        self.template_combo.blockSignals(False)
        self._template_changed()

    def _default_index(self) -> int:
        """The preferred template (the writer's most used), else the first letter."""
        for template_id in self.preferred:
            index = self.template_combo.findData(template_id)
            if index >= 0:
                return index
        letters = [i for i, t in enumerate(self.templates) if t.kind == "letter"]
        return letters[0] if letters else 0

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
        self.template_info.setText(describe_template(t))
        if not self.path_edit.text().strip() or self.path_edit.property("suggested"):
            name = f"{t.id}-{self.today:%Y-%m}.missive"
            self.path_edit.setText(str(self.folder / name))
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
        if not self.date_edit.commit_text():
            self.error_label.setText(self.date_edit.problem())
            return None
        path = Path(self.path_edit.text().strip())
        try:
            letter = create_letter(
                template, str(self.language_combo.currentData()),
                symbol=self.symbol_edit.text().strip(),
                date=self.date_edit.value(),
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


def describe_template(template: Template) -> str:
    """What a template makes, in words: kind, sections and languages."""
    ui = current_language()
    names = [language_title(code, ui, with_code=False) for code in template.languages]
    try:
        languages = format_list(names, ui)
    except ValueError:
        languages = ", ".join(names)
    n = len(template.sections)
    if template.kind == "report":
        text = ngettext("A report in numbered paragraphs, with {n} section, in {languages}.",
                        "A report in numbered paragraphs, with {n} sections, in {languages}.", n)
    else:
        text = ngettext("A letter in unnumbered paragraphs, with {n} section, in {languages}.",
                        "A letter in unnumbered paragraphs, with {n} sections, in {languages}.",
                        n)
    return text.format(n=n, languages=languages)
