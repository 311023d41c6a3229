"""File › New from previous letter… (issue 8): last period's letter as the start of this one.

The writer picks the previous letter (.docx or .txt), the template and the
language; the letter is read and its headings mapped onto the template's
sections. The mapping is shown as a table where any heading can be moved to
another section (or to "Unassigned") before anything is written. "Create
draft" carries the letter forward (dates six months on, every paragraph
marked as carried over until the writer confirms or rewrites it), asks where
to save, writes the draft and emits `created` with its path; the caller opens
it. Reading problems are told in plain words through the `Prompter`. Both
file choosers are injectable so tests never block on a native dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from drafting.errors import MissiveError
from drafting.i18n import _, ngettext
from drafting.importers import ImportResult, import_letter, remap
from drafting.importers.carry import carry_forward, carry_summary
from drafting.letter import Letter
from drafting.storage.store import DraftStore
from drafting.templates.catalog import discover_templates
from drafting.templates.model import Template
from ui.a11y import explain_buttons
from ui.prompts import Prompter
from ui.screen_fit import fit_to_screen
from ui.template_editor.language_columns import language_title

log = logging.getLogger(__name__)

ChoosePath = Callable[[str], str | None]  # start path -> chosen path or None
HEADING, SECTION, SCORE, PARAGRAPHS = range(4)


class ImportDialog(QDialog):
    """Read a previous letter, adjust its mapping, create this period's draft."""

    created = Signal(str)  # path of the new draft

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        prompter: Prompter | None = None,
        template_id: str = "",
        language: str = "",
        user_dir: Path | None = None,
        folder: Path | None = None,
        choose_source: ChoosePath | None = None,
        choose_output: ChoosePath | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New draft from a previous letter"))
        self.setAccessibleName(_("New draft from a previous letter"))
        self.prompter = prompter or Prompter(self)
        self.user_dir = user_dir
        self.folder = folder or Path.home()
        self.choose_source = choose_source or self._choose_source
        self.choose_output = choose_output or self._choose_output
        self.templates: list[Template] = []
        self.import_result: ImportResult | None = None
        self.created_path: Path | None = None
        self._default_language = language

        self.source_edit = QLineEdit(self)
        self.source_edit.setObjectName("source_edit")
        self.source_edit.setPlaceholderText(_("The previous letter, as .docx or .txt"))
        self.browse_button = QPushButton(_("&Browse…"), self)
        self.template_combo = QComboBox(self)
        self.language_combo = QComboBox(self)
        self.read_button = QPushButton(_("&Read the letter"), self)
        self.read_button.setToolTip(_("Read the letter and map its headings onto the "
                                      "template's sections"))
        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName(_("Headings and their sections"))
        self.table.setHorizontalHeaderLabels(
            [_("Heading in the letter"), _("Section"), _("Match"), _("Paragraphs")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(HEADING, QHeaderView.ResizeMode.Stretch)
        for column in (SECTION, SCORE, PARAGRAPHS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName(_("Text under the selected heading"))
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(_("&Create draft…"))
        self.create_button.setEnabled(False)
        self.create_button.setToolTip(_("Write the new draft with the text of the previous "
                                        "letter in its sections"))
        self.source_edit.setToolTip(_("The previous letter, as .docx or .txt"))
        self.browse_button.setToolTip(_("Choose the previous letter"))
        self.template_combo.setToolTip(_("The template of the new draft"))
        self.language_combo.setToolTip(_("The language the letter is written in"))
        self.table.setToolTip(_("Each heading of the previous letter and the section its "
                                "text goes to; choose another section where needed"))
        self.preview.setToolTip(_("The text under the selected heading"))
        explain_buttons(self.buttons)

        source_row = QHBoxLayout()
        source_row.addWidget(self.source_edit, 1)
        source_row.addWidget(self.browse_button)
        form = QFormLayout()
        source_label = QLabel(_("Previous &letter"), self)
        source_label.setBuddy(self.source_edit)  # a row holding a layout gets no buddy itself
        form.addRow(source_label, source_row)
        form.addRow(_("&Template"), self.template_combo)
        form.addRow(_("Lan&guage"), self.language_combo)
        read_row = QHBoxLayout()
        read_row.addStretch(1)
        read_row.addWidget(self.read_button)
        mapping_label = QLabel(_("&Where each heading goes (choose another section to move "
                                 "its text):"), self)
        mapping_label.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(read_row)
        layout.addWidget(mapping_label)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 860, 640)

        self.browse_button.clicked.connect(self.browse)
        self.read_button.clicked.connect(self.read_letter)
        self.source_edit.returnPressed.connect(self.read_letter)
        self.template_combo.currentIndexChanged.connect(self._template_changed)
        self.language_combo.currentIndexChanged.connect(self._forget_result)
        self.table.currentCellChanged.connect(lambda row, *_a: self._show_preview(row))
        self.buttons.accepted.connect(self.create_draft)
        self.buttons.rejected.connect(self.reject)
        self.refresh_templates(template_id or None)

    # -- templates ------------------------------------------------------------
    def refresh_templates(self, select_id: str | None = None) -> None:
        """Re-read the available templates (after the template editor saved one)."""
        current = select_id or self.template_combo.currentData()
        self.templates = discover_templates(self.user_dir)
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        for t in self.templates:
            name = t.name(t.languages[0] if t.languages else "en")
            self.template_combo.addItem(
                _("{name} — v{version}").format(name=name, version=t.version), t.id)
        index = self.template_combo.findData(current) if current else -1
        self.template_combo.setCurrentIndex(max(index, 0))
        self.template_combo.blockSignals(False)
        self._template_changed()

    def current_template(self) -> Template | None:
        index = self.template_combo.currentIndex()
        return self.templates[index] if 0 <= index < len(self.templates) else None

    def current_language(self) -> str:
        return str(self.language_combo.currentData() or "")

    def select_language(self, language: str) -> bool:
        index = self.language_combo.findData(language)
        if index >= 0:
            self.language_combo.setCurrentIndex(index)
        return index >= 0

    @Slot()
    def _template_changed(self) -> None:
        language = self.current_language() or self._default_language
        self.language_combo.blockSignals(True)
        self.language_combo.clear()
        template = self.current_template()
        for lang in template.languages if template else []:
            self.language_combo.addItem(language_title(lang), lang)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(language), 0))
        self.language_combo.blockSignals(False)
        self._forget_result()

    @Slot()
    def _forget_result(self) -> None:
        # A mapping belongs to one template and language: read again after a change.
        self.import_result = None
        self.table.setRowCount(0)
        self.preview.clear()
        self.summary_label.clear()
        self.create_button.setEnabled(False)

    # -- reading ----------------------------------------------------------------
    @Slot()
    def browse(self) -> None:
        chosen = self.choose_source(self.source_edit.text() or str(self.folder))
        if chosen:
            self.source_edit.setText(chosen)
            self.read_letter()

    def _choose_source(self, start: str) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Previous letter"), start,
            _("Letters (*.docx *.txt);;Word (*.docx);;Text (*.txt)"))
        return path or None

    @Slot()
    def read_letter(self) -> bool:
        """Import the chosen file and show its mapping; False (writer told) on failure."""
        template = self.current_template()
        text = self.source_edit.text().strip()
        if template is None or not text:
            self.prompter.error(_("Cannot read the letter"),
                                _("Choose the previous letter and a template first."))
            return False
        self._forget_result()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.summary_label.setText(_("Reading {name}…").format(name=Path(text).name))
        self.summary_label.repaint()
        try:
            result = import_letter(text, template, self.current_language())
        except (MissiveError, OSError, ValueError) as exc:
            result = None
            problem = str(exc)
        except Exception:  # a foreign file can upset any parser: say so, keep working
            log.exception("import of %s failed", text)
            result = None
            problem = _("{name} could not be read as a letter.").format(name=Path(text).name)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if result is None:
            self.summary_label.clear()
            self.prompter.error(_("Cannot read the letter"), problem)
            return False
        self.import_result = result
        self._fill_table()
        self.table.setCurrentCell(0, HEADING)
        self.create_button.setEnabled(True)
        return True

    # -- the mapping --------------------------------------------------------------
    def _section_choices(self) -> list[tuple[str, str | None]]:
        template = self.current_template()
        choices: list[tuple[str, str | None]] = [(_("Unassigned"), None)]
        for ts in template.sections if template else []:
            heading = ts.heading(self.current_language()) or _("Opening paragraph")
            choices.append((heading, ts.id))
        return choices

    def _fill_table(self) -> None:
        assert self.import_result is not None
        choices = self._section_choices()
        self.table.setRowCount(len(self.import_result.mapping))
        for row, mapping in enumerate(self.import_result.mapping):
            heading = mapping.heading or mapping.label or _("(no heading)")
            item = QTableWidgetItem(heading)
            item.setToolTip(heading)
            self.table.setItem(row, HEADING, item)
            combo = QComboBox(self.table)
            combo.setAccessibleName(_("Section for “{heading}”").format(heading=heading))
            for label, sid in choices:
                combo.addItem(label, sid)
            combo.currentIndexChanged.connect(
                lambda _i, row=row, combo=combo: self.move_heading(row, combo.currentData()))
            self.table.setCellWidget(row, SECTION, combo)
            for column in (SCORE, PARAGRAPHS):
                self.table.setItem(row, column, QTableWidgetItem())
        self._update_rows()

    def _update_rows(self) -> None:
        # Rows stay put when a heading moves (one row per heading of the
        # source); only their section, score and the summary change.
        assert self.import_result is not None
        choices = self._section_choices()
        for row, mapping in enumerate(self.import_result.mapping):
            combo = self.section_combo(row)
            combo.blockSignals(True)
            # A heading that matched no section inside one stays there as a
            # subheading: its choice says so, and the others move it out.
            for index, (label, sid) in enumerate(choices):
                if sid is not None and sid == mapping.nested_in:
                    label = _("Subheading of “{section}”").format(section=label)
                if combo.itemText(index) != label:
                    combo.setItemText(index, label)
            combo.setCurrentIndex(max(combo.findData(mapping.section_id), 0))
            combo.blockSignals(False)
            item = self.table.item(row, HEADING)
            font = item.font() if item is not None else None
            if item is not None and font is not None and font.italic() != mapping.subheading:
                font.setItalic(mapping.subheading)  # a subheading, not a section of its own
                item.setFont(font)
            score = _("by its text") if mapping.by_text else f"{mapping.score:.2f}"
            for column, text in ((SCORE, score),
                                 (PARAGRAPHS, str(mapping.paragraphs))):
                cell = self.table.item(row, column)
                if cell is not None:
                    cell.setText(text)
        self.summary_label.setText("\n".join(self.summary_lines()))
        self._show_preview(self.table.currentRow())

    def section_combo(self, row: int) -> QComboBox:
        """The section chooser of mapping row `row`."""
        widget = self.table.cellWidget(row, SECTION)
        assert isinstance(widget, QComboBox)
        return widget

    def move_heading(self, row: int, section_id: str | None) -> None:
        """Send the text under heading `row` to another section (None: unassigned)."""
        if self.import_result is None:
            return
        try:
            self.import_result = remap(self.import_result, row, section_id)
        except (MissiveError, IndexError, ValueError) as exc:
            self.prompter.error(_("Cannot move this heading"), str(exc))
        self._update_rows()

    def _show_preview(self, row: int) -> None:
        analysis = self.import_result.analysis if self.import_result is not None else None
        if analysis is None or not 0 <= row < len(analysis.groups):
            self.preview.clear()
            return
        self.preview.setPlainText("\n\n".join(b.text for b in analysis.groups[row].blocks))

    def summary_lines(self) -> list[str]:
        """What creating the draft will do: dates moved on, paragraphs carried, notices."""
        if self.import_result is None:
            return []
        letter = self.import_result.letter
        lines = carry_summary(letter, carry_forward(letter, template=self.current_template()))
        unassigned = sum(m.paragraphs for m in self.import_result.mapping if m.section_id is None)
        if unassigned:
            lines.append(ngettext(
                "{n} paragraph goes to “Unassigned”: choose a section for it above.",
                "{n} paragraphs go to “Unassigned”: choose a section for them above.",
                unassigned).format(n=unassigned))
        # what reading the file changed (bytes replaced, a link that misleads)
        findings = [f.message for f in self.import_result.findings]
        return lines + list(self.import_result.notices) + findings

    # -- creating -----------------------------------------------------------------
    def carried_letter(self) -> Letter | None:
        """This period's letter from the current mapping (None before reading)."""
        if self.import_result is None:
            return None
        return carry_forward(self.import_result.letter, template=self.current_template())

    def _choose_output(self, start: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the new draft as"), start, _("Missive drafts (*.missive)"))
        return path or None

    @Slot()
    def create_draft(self) -> Path | None:
        """Carry the letter forward, ask where to save, write the draft, emit `created`."""
        letter = self.carried_letter()
        if letter is None or self.import_result is None:
            return None
        source = Path(self.source_edit.text().strip())
        start = str(self.folder / f"{source.stem}-next.missive")
        chosen = self.choose_output(start)
        if not chosen:
            return None
        path = Path(chosen if chosen.endswith(".missive") else chosen + ".missive")
        try:
            DraftStore.create(path, letter,
                              name=_("From {name}").format(name=source.name)).close()
        except (MissiveError, OSError) as exc:
            self.prompter.error(_("Cannot create the draft"), str(exc))
            return None
        self.created_path = path
        self.created.emit(str(path))
        self.accept()
        return path
