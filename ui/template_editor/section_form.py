"""One section of a template: its attributes, its texts per language side by
side (heading, guidance, boilerplate) and its requirements.

Guidance and boilerplate are typed as paragraphs separated by a blank line,
which is how the template file stores them (one <p> each).
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _
from drafting.templates.model import Template, TemplateSection
from ui.template_editor.language_columns import (
    FieldSpec,
    LanguageColumns,
    paragraphs_from_text,
)
from ui.template_editor.requirement_editor import RequirementEditor


class SectionForm(QWidget):
    """Edits the `TemplateSection` given to `load`; emits `changed` after each edit."""

    changed = Signal()
    title_changed = Signal()  # the heading or id shown in the section list changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template: Template | None = None
        self.section: TemplateSection | None = None
        self._loading = False

        self.id_edit = QLineEdit(self)
        self.id_edit.setObjectName("section_id_edit")
        self.id_edit.textEdited.connect(self._id_edited)
        self.required_check = QCheckBox(_("Required (an empty section blocks a final "
                                          "version)"), self)
        self.budget_spin = QSpinBox(self)
        self.budget_spin.setRange(0, 100_000)
        self.budget_spin.setSingleStep(50)
        self.budget_spin.setSuffix(_(" words"))
        self.budget_spin.setSpecialValueText(_("no budget"))
        self.heading_check = QCheckBox(_("Has a heading"), self)
        self.restates_check = QCheckBox(_("Restates the mandate (never counts as evidence)"),
                                        self)
        self.id_edit.setToolTip(_("A short id, unique in the template; drafts refer to the "
                                  "section by it"))
        self.budget_spin.setToolTip(_("How many words the section should stay under"))
        self.required_check.setToolTip(_("A final version needs text in this section"))
        self.heading_check.setToolTip(_("The section has a heading in the letter"))
        self.restates_check.setToolTip(_("The section repeats the Council's request (like the "
                                         "opening), so its words never count as evidence"))
        for box in (self.required_check, self.heading_check, self.restates_check):
            box.toggled.connect(self._flags_edited)
        self.budget_spin.valueChanged.connect(self._flags_edited)

        self.columns = LanguageColumns([
            FieldSpec("heading", _("Heading")),
            FieldSpec("guidance", _("Guidance for writers"), multiline=True,
                      placeholder=_("paragraphs separated by a blank line")),
            FieldSpec("boilerplate", _("Boilerplate"), multiline=True,
                      placeholder=_("text every new letter starts with; [date] for "
                                    "placeholders")),
        ], self)
        self.columns.edited.connect(self._localized_edited)
        self.requirements = RequirementEditor(self)
        self.requirements.changed.connect(self.changed)

        form = QFormLayout()
        form.addRow(_("Section id"), self.id_edit)
        form.addRow(_("Word budget"), self.budget_spin)
        form.addRow("", self.required_check)
        form.addRow("", self.heading_check)
        form.addRow("", self.restates_check)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.columns, _("Headings, guidance and boilerplate"))
        self.tabs.addTab(self.requirements, _("Requirements"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)

    def load(self, template: Template, section: TemplateSection | None) -> None:
        """Show `section` of `template` (None: an empty, disabled editor)."""
        self.template, self.section = template, section
        self.setEnabled(section is not None)
        self.columns.set_languages(template.languages)
        self._loading = True
        try:
            s = section or TemplateSection("")
            self.id_edit.setText(s.id)
            self.required_check.setChecked(s.required)
            self.budget_spin.setValue(s.budget)
            self.heading_check.setChecked(s.has_heading)
            self.restates_check.setChecked(s.restates_mandate)
            values: dict[tuple[str, str], str] = {}
            for lang, text in s.headings.items():
                values[(lang, "heading")] = text
            for lang, text in s.guidance.items():
                values[(lang, "guidance")] = text
            for lang, paras in s.boilerplate.items():
                values[(lang, "boilerplate")] = "\n\n".join(paras)
            self.columns.set_texts(values)
        finally:
            self._loading = False
        self.requirements.load(template, section)

    @Slot(str)
    def _id_edited(self, text: str) -> None:
        if self.section is None or self._loading:
            return
        self.section.id = text.strip()
        self.title_changed.emit()
        self.changed.emit()

    @Slot()
    def _flags_edited(self) -> None:
        if self.section is None or self._loading:
            return
        s = self.section
        s.required = self.required_check.isChecked()
        s.budget = self.budget_spin.value()
        s.has_heading = self.heading_check.isChecked()
        s.restates_mandate = self.restates_check.isChecked()
        self.title_changed.emit()
        self.changed.emit()

    @Slot(str, str, str)
    def _localized_edited(self, lang: str, key: str, text: str) -> None:
        if self.section is None or self._loading:
            return
        s = self.section
        # An emptied field is removed rather than kept blank, so validation
        # names the language that lacks it instead of a blank element.
        if key == "heading":
            _set_or_drop(s.headings, lang, " ".join(text.split()))
            self.title_changed.emit()
        elif key == "guidance":
            _set_or_drop(s.guidance, lang, "\n\n".join(paragraphs_from_text(text)))
        else:
            paras = paragraphs_from_text(text)
            if paras:
                s.boilerplate[lang] = paras
            else:
                s.boilerplate.pop(lang, None)
        self.changed.emit()


def _set_or_drop(texts: dict[str, str], lang: str, value: str) -> None:
    if value:
        texts[lang] = value
    else:
        texts.pop(lang, None)
