"""The requirements of one section: list, add, remove, and edit one.

A requirement has an id, a mandate reference, and per language a label and
cue words and phrases (one per line) that drive coverage detection. Edits go
straight into the section's `Requirement` objects; `changed` tells the
window to validate again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _
from drafting.templates.editing import new_requirement
from drafting.templates.model import Concept, Requirement, Template, TemplateSection
from ui.template_editor.language_columns import FieldSpec, LanguageColumns, lines_from_text


class RequirementEditor(QWidget):
    """Edits `section.requirements` of the template given to `load`."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template: Template | None = None
        self.section: TemplateSection | None = None
        self._loading = False

        self.requirement_list = QListWidget(self)
        self.requirement_list.setObjectName("requirement_list")
        self.requirement_list.setAccessibleName(_("Requirements of the section"))
        self.requirement_list.currentRowChanged.connect(self._show)
        self.requirement_list.setMaximumHeight(140)
        self.add_button = QPushButton(_("Add requirement"), self)
        self.add_button.clicked.connect(self.add_requirement)
        self.remove_button = QPushButton(_("Remove requirement"), self)
        self.remove_button.clicked.connect(self.remove_requirement)

        self.id_edit = QLineEdit(self)
        self.id_edit.setObjectName("requirement_id_edit")
        self.id_edit.textEdited.connect(self._id_edited)
        self.ref_edit = QLineEdit(self)
        self.ref_edit.setObjectName("requirement_ref_edit")
        self.ref_edit.setPlaceholderText(_("e.g. 63 (i)"))
        self.ref_edit.textEdited.connect(self._ref_edited)
        self.columns = LanguageColumns([
            FieldSpec("label", _("Label")),
            FieldSpec("cues", _("Cue words and phrases"), multiline=True,
                      placeholder=_("one cue per line")),
            FieldSpec("exclude", _("Terms that rule a match out"), multiline=True,
                      placeholder=_("one term per line")),
        ], self)
        self.columns.edited.connect(self._localized_edited)
        hint = QLabel(_("A requirement counts as covered when any cue appears in the "
                        "writer’s text (case, accents and word endings are ignored). Prefer "
                        "several precise phrases to one vague word."), self)
        hint.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Requirement id"), self.id_edit)
        form.addRow(_("Mandate reference"), self.ref_edit)
        self.detail = QWidget(self)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(form)
        detail_layout.addWidget(self.columns)
        detail_layout.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.requirement_list)
        layout.addLayout(buttons)
        layout.addWidget(self.detail, 1)

    # -- loading ----------------------------------------------------------
    def load(self, template: Template, section: TemplateSection | None) -> None:
        """Show the requirements of `section` (None: nothing selected)."""
        self.template, self.section = template, section
        self.columns.set_languages(template.languages)
        self._fill_list()
        enabled = section is not None
        self.add_button.setEnabled(enabled)
        self.requirement_list.setEnabled(enabled)
        if section is not None and section.requirements:
            self.requirement_list.setCurrentRow(0)
        else:
            self._show(-1)

    def _fill_list(self) -> None:
        self.requirement_list.blockSignals(True)
        self.requirement_list.clear()
        for req in self.section.requirements if self.section is not None else []:
            self.requirement_list.addItem(self._item_text(req))
        self.requirement_list.blockSignals(False)

    def _item_text(self, req: Requirement) -> str:
        lang = self.template.languages[0] if self.template and self.template.languages else "en"
        return f"{req.id}  ({req.ref}) — {req.label(lang)}"

    def current(self) -> Requirement | None:
        row = self.requirement_list.currentRow()
        if self.section is None or not 0 <= row < len(self.section.requirements):
            return None
        return self.section.requirements[row]

    def select(self, row: int) -> None:
        self.requirement_list.setCurrentRow(row)

    @Slot(int)
    def _show(self, row: int) -> None:
        req = self.current()
        self.detail.setEnabled(req is not None)
        self.remove_button.setEnabled(req is not None)
        self._loading = True
        try:
            self.id_edit.setText(req.id if req else "")
            self.ref_edit.setText(req.ref if req else "")
            values: dict[tuple[str, str], str] = {}
            if req is not None:
                for lang, label in req.labels.items():
                    values[(lang, "label")] = label
                for lang, terms in (req.concepts[0].terms if req.concepts else {}).items():
                    values[(lang, "cues")] = "\n".join(terms)
                for lang, terms in req.exclusions.items():
                    values[(lang, "exclude")] = "\n".join(terms)
            self.columns.set_texts(values)
        finally:
            self._loading = False

    # -- editing ----------------------------------------------------------
    @Slot()
    def add_requirement(self) -> Requirement | None:
        if self.template is None or self.section is None:
            return None
        req = new_requirement(self.template)
        self.section.requirements.append(req)
        self.requirement_list.addItem(self._item_text(req))
        self.requirement_list.setCurrentRow(len(self.section.requirements) - 1)
        self.changed.emit()
        return req

    @Slot()
    def remove_requirement(self) -> None:
        row = self.requirement_list.currentRow()
        if self.section is None or not 0 <= row < len(self.section.requirements):
            return
        del self.section.requirements[row]
        self._fill_list()
        self.requirement_list.setCurrentRow(min(row, len(self.section.requirements) - 1))
        self._show(self.requirement_list.currentRow())
        self.changed.emit()

    def _edited(self) -> None:
        req = self.current()
        item = self.requirement_list.currentItem()
        if req is not None and item is not None:
            item.setText(self._item_text(req))
        self.changed.emit()

    @Slot(str)
    def _id_edited(self, text: str) -> None:
        req = self.current()
        if req is not None and not self._loading:
            req.id = text.strip()
            self._edited()

    @Slot(str)
    def _ref_edited(self, text: str) -> None:
        req = self.current()
        if req is not None and not self._loading:
            req.ref = " ".join(text.split())
            self._edited()

    @Slot(str, str, str)
    def _localized_edited(self, lang: str, key: str, text: str) -> None:
        req = self.current()
        if req is None or self._loading:
            return
        if key == "label":
            label = " ".join(text.split())
            if label:
                req.labels[lang] = label
            else:
                # absent, not blank: validation then names the language that lacks it
                req.labels.pop(lang, None)
        elif key == "exclude":
            terms = lines_from_text(text)
            if terms:
                req.exclusions[lang] = terms
            else:
                req.exclusions.pop(lang, None)
        else:
            if not req.concepts:
                req.concepts.append(Concept())
            req.concepts[0].terms[lang] = lines_from_text(text)
        self._edited()
