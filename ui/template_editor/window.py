"""The template editor window (menu Templates › Edit templates…).

Lists shipped and user templates; edits a working copy of one (general part,
sections reordered by drag and drop, texts per language side by side,
requirements and cues, house style); validates it live, 300 ms after the last
edit, by serializing it and running the loader's checks; saves it as the next
version into the user's templates folder, atomically, and only when valid.
Shipped templates are read-only: Save makes a copy. Import and export move
template files between offices; Preview exports a sample letter to DOCX.

Every question the window would ask (a file, an id, "discard changes?") and
the program that opens the preview are injectable, so tests never block.
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from drafting.errors import MissiveError, TemplateError
from drafting.export import export_docx
from drafting.i18n import _
from drafting.templates.editing import (
    copy_template,
    export_template_file,
    import_template_file,
    preview_letter,
    save_new_version,
    serialize,
    user_file_for,
    write_atomic,
)
from drafting.templates.model import Template
from drafting.templates.problems import Problem, locate_problems
from ui.template_editor.house_style_form import HouseStyleForm
from ui.template_editor.metadata_form import MetadataForm
from ui.template_editor.questions import Questions
from ui.template_editor.sections_page import SectionsPage
from ui.template_editor.template_list import TemplateListPanel
from ui.template_editor.validation_panel import ValidationPanel

AskText = Callable[[str, str, str], str | None]  # title, label, default → text or None
ChoosePath = Callable[[str], str | None]  # start folder or file → chosen path or None
Confirm = Callable[[str], bool]
Opener = Callable[[QUrl], bool]
VALIDATION_DELAY_MS = 300


class TemplateEditorWindow(QMainWindow):
    """Edit, copy, import, export and preview templates."""

    templates_changed = Signal()  # a template file was written (save, copy, import)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        user_dir: Path | None = None,
        ask_text: AskText | None = None,
        choose_open: ChoosePath | None = None,
        choose_save: ChoosePath | None = None,
        confirm_discard: Confirm | None = None,
        opener: Opener | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Templates — Missive"))
        self.setObjectName("template_editor")
        self.user_dir = user_dir
        asker = Questions(self)
        self.ask_text = ask_text or asker.ask_text
        self.choose_open = choose_open or asker.choose_open
        self.choose_save = choose_save or asker.choose_save
        self.confirm_discard = confirm_discard or asker.confirm_discard
        self.opener = opener or QDesktopServices.openUrl
        self.template: Template | None = None
        self.modified = False
        self.problems: list[Problem] = []
        self._preview_dir: tempfile.TemporaryDirectory[str] | None = None

        self.list_panel = TemplateListPanel(user_dir, self)
        self.copy_button = QPushButton(_("New from &copy…"), self)
        self.import_button = QPushButton(_("&Import file…"), self)
        self.export_button = QPushButton(_("E&xport file…"), self)
        self.copy_button.clicked.connect(self.copy_current)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.list_panel, 1)
        for button in (self.copy_button, self.import_button, self.export_button):
            left_layout.addWidget(button)

        self.metadata_form = MetadataForm(self)
        self.sections_page = SectionsPage(self)
        self.house_style_form = HouseStyleForm(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.metadata_form, _("&General"))
        self.tabs.addTab(self.sections_page, _("&Sections"))
        self.tabs.addTab(self.house_style_form, _("&House style"))
        self.validation_panel = ValidationPanel(self)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        self.save_button = QPushButton(_("&Save"), self)
        self.save_button.clicked.connect(self.save)
        self.preview_language = QComboBox(self)
        self.preview_button = QPushButton(_("&Preview"), self)
        self.preview_button.setToolTip(_("Export a sample letter with this template to DOCX "
                                         "and open it"))
        self.preview_button.clicked.connect(self.preview)
        actions = QHBoxLayout()
        actions.addWidget(self.message_label, 1)
        actions.addWidget(self.preview_language)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.save_button)

        right_split = QSplitter(Qt.Orientation.Vertical, self)
        right_split.addWidget(self.tabs)
        right_split.addWidget(self.validation_panel)
        right_split.setStretchFactor(0, 4)
        right_split.setSizes([620, 120])
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(right_split, 1)
        right_layout.addLayout(actions)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        self.setCentralWidget(splitter)
        self.resize(1200, 800)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATION_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)
        for form in (self.metadata_form, self.sections_page, self.house_style_form):
            form.changed.connect(self._edited)
        self.metadata_form.languages_changed.connect(self._languages_changed)
        self.validation_panel.problem_activated.connect(self.show_problem)
        self.list_panel.template_selected.connect(self._template_selected)
        self.list_panel.refresh()

    # -- choosing a template ------------------------------------------------
    @Slot(object)
    def _template_selected(self, template: Template) -> None:
        if self.template is not None and template.path == self.template.path:
            return
        if self.modified and not self.confirm_discard(self.template.id if self.template else ""):
            if self.template is not None:
                self.list_panel.blockSignals(True)
                self.list_panel.select_path(self.template.path)
                self.list_panel.blockSignals(False)
            return
        self.edit(template)

    def edit(self, template: Template) -> None:
        """Load a working copy of `template` into every form."""
        self.template = copy.deepcopy(template)
        self.metadata_form.load(self.template)
        self.sections_page.load(self.template)
        self.house_style_form.load(
            self.template.house_style,
            Path(self.template.path).parent if self.template.path else None)
        self._fill_preview_languages()
        self.modified = False
        self.validate_now()
        self._say(_("Shipped templates are read-only: Save makes your own copy.")
                  if self.template.origin == "shipped" else "")

    def _fill_preview_languages(self) -> None:
        assert self.template is not None
        current = self.preview_language.currentText()
        self.preview_language.clear()
        self.preview_language.addItems(self.template.languages)
        if current in self.template.languages:
            self.preview_language.setCurrentText(current)

    # -- editing and live validation ---------------------------------------
    @Slot()
    def _edited(self) -> None:
        self.modified = True
        self._update_buttons()
        self._timer.start()

    @Slot()
    def _languages_changed(self) -> None:
        if self.template is not None:
            self.sections_page.load(self.template)
            self._fill_preview_languages()

    @Slot()
    def validate_now(self) -> list[Problem]:
        """Validate the working copy now; show and return its problems."""
        self._timer.stop()
        if self.template is None:
            return []
        data, problems = serialize(self.template)
        self.problems = locate_problems(data, problems)
        self.validation_panel.show_problems(self.problems)
        self._update_buttons()
        return self.problems

    def _update_buttons(self) -> None:
        has = self.template is not None
        shipped = has and self.template is not None and self.template.origin == "shipped"
        self.save_button.setText(_("&Save as copy…") if shipped else _("&Save"))
        # save() validates again anyway: the problems shown may be 300 ms old
        self.save_button.setEnabled(has and (self.modified or shipped) and not self.problems)
        self.export_button.setEnabled(has)
        self.copy_button.setEnabled(has)
        self.preview_button.setEnabled(has)

    @Slot(object)
    def show_problem(self, problem: Problem) -> None:
        """Bring the form that holds `problem` forward."""
        if problem.area in ("section", "requirement") and problem.section is not None:
            self.tabs.setCurrentWidget(self.sections_page)
            self.sections_page.select(problem.section, problem.requirement)
            if problem.requirement is not None:
                form = self.sections_page.editor
                form.tabs.setCurrentWidget(form.requirements)
                if problem.concept is not None:
                    form.requirements.select_concept(problem.concept)
        elif problem.area == "house-style":
            self.tabs.setCurrentWidget(self.house_style_form)
        else:
            self.tabs.setCurrentWidget(self.metadata_form)

    # -- saving -----------------------------------------------------------
    @Slot()
    def save(self) -> bool:
        """Save the working copy as the next version; False (nothing written) if invalid."""
        if self.template is None:
            return False
        if self.validate_now():
            self._say(_("Not saved: fix the problems listed below first."))
            return False
        if self.template.origin == "shipped":
            return self.save_as_copy()
        try:
            saved = save_new_version(self.template, self.user_dir)
        except (TemplateError, OSError) as exc:
            self._say(_("Not saved: {reason}").format(reason=exc))
            return False
        self._written(saved, _("Saved “{id}” as version {version}.").format(
            id=saved.id, version=saved.version))
        return True

    def save_as_copy(self) -> bool:
        """Save the working copy (edits included) as a new user template."""
        if self.template is None:
            return False
        new_id = self._ask_id()
        if new_id is None:
            return False
        try:
            working = copy_template(self.template, new_id, self.user_dir)
            saved = save_new_version(working, self.user_dir)
        except (TemplateError, OSError) as exc:
            self._say(_("Not saved: {reason}").format(reason=exc))
            return False
        self._written(saved, _("Saved your copy “{id}” as version {version}.").format(
            id=saved.id, version=saved.version))
        return True

    @Slot()
    def copy_current(self) -> Template | None:
        """A new user template from a copy of the current one, written at once."""
        if self.template is None or (self.modified and not self.confirm_discard(
                self.template.id)):
            return None
        new_id = self._ask_id()
        if new_id is None:
            return None
        source = self.list_panel.current() or self.template
        try:
            created = copy_template(source, new_id, self.user_dir)
            data, problems = serialize(created)
            if problems:
                raise TemplateError(problems[0], problems)
            write_atomic(Path(created.path), data)
        except (TemplateError, OSError) as exc:
            self._say(_("No copy made: {reason}").format(reason=exc))
            return None
        self._written(created, _("Created “{id}” from a copy. Edit it, then Save.").format(
            id=created.id))
        return self.template

    def _ask_id(self) -> str | None:
        assert self.template is not None
        base = self.template.id
        default = base if not user_file_for(base, self.user_dir).exists() else f"{base}-copy"
        answer = self.ask_text(_("Template id"), _(
            "Id of your template. Keep the same id to replace the shipped template for new "
            "drafts; choose a new one to keep both."), default)
        return answer.strip() if answer and answer.strip() else None

    def _written(self, template: Template, message: str) -> None:
        self.modified = False
        self.template = None  # so selecting the written file loads it
        self.list_panel.refresh(select_path=template.path)
        self._say(message)
        self.templates_changed.emit()

    # -- sharing ----------------------------------------------------------
    @Slot()
    def import_file(self) -> Template | None:
        """Validate a template file and copy it into the user's templates."""
        if self.modified and self.template and not self.confirm_discard(self.template.id):
            return None
        chosen = self.choose_open(str(Path.home()))
        if not chosen:
            return None
        try:
            imported = import_template_file(Path(chosen), self.user_dir)
        except TemplateError as exc:
            self.validation_panel.show_problems(locate_problems(b"", exc.problems or [str(exc)]))
            self._say(_("Not imported: {reason}").format(reason=exc))
            return None
        self._written(imported, _("Imported “{id}” version {version}.").format(
            id=imported.id, version=imported.version))
        return imported

    @Slot()
    def export_file(self) -> Path | None:
        """Write the template being edited to a file of the editor's choice."""
        if self.template is None:
            return None
        chosen = self.choose_save(str(Path.home() / f"{self.template.id}.xml"))
        if not chosen:
            return None
        target = Path(chosen)
        try:
            export_template_file(self.template, target)
        except (TemplateError, OSError) as exc:
            self._say(_("Not exported: {reason}").format(reason=exc))
            return None
        self._say(_("Exported to {path}.").format(path=target))
        return target

    # -- preview ----------------------------------------------------------
    @Slot()
    def preview(self) -> Path | None:
        """Export a sample letter with the edited template and open it."""
        if self.template is None:
            return None
        if self.validate_now():
            self._say(_("No preview: fix the problems listed below first."))
            return None
        language = self.preview_language.currentText() or self.template.languages[0]
        if self._preview_dir is None:
            self._preview_dir = tempfile.TemporaryDirectory(prefix="missive-preview-",
                                                            ignore_cleanup_errors=True)
        target = Path(self._preview_dir.name) / f"{self.template.id}-{language}-preview.docx"
        try:
            letter = preview_letter(self.template, language)
            export_docx(letter, self.template, target)
        except (MissiveError, OSError) as exc:
            self._say(_("No preview: {reason}").format(reason=exc))
            return None
        if not self.opener(QUrl.fromLocalFile(str(target))):
            self._say(_("The preview is at {path}; no program opened it.").format(path=target))
        else:
            self._say(_("Preview opened: {path}").format(path=target))
        return target

    # -- helpers ----------------------------------------------------------
    def _say(self, message: str) -> None:
        self.message_label.setText(message)
        if message:
            self.statusBar().showMessage(message, 10_000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.modified and self.template and not self.confirm_discard(self.template.id):
            event.ignore()
            return
        if self._preview_dir is not None:
            # the viewer may still hold the file open; leftovers go with the temp folder
            self._preview_dir.cleanup()
            self._preview_dir = None
        event.accept()
