"""The requirements of one section: list, add, remove, and edit one.

A requirement has an id, a mandate reference, a label per language, its
*concepts* and its excluding terms (DESIGN §3.1): a paragraph meets it when
it mentions every concept (any one of the concept's terms, per language) and
none of the excluding terms. The editor adds and removes concepts and types
each concept's terms per language, one per line; warnings about terms the
engine could never use (`drafting.checks.concept_lint`) show as it types.
Edits go straight into the section's `Requirement` objects; `changed` tells
the window to validate again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from drafting.checks.concept_lint import concept_warnings
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
            FieldSpec("exclude", _("Terms that rule a match out"), multiline=True,
                      placeholder=_("one term per line")),
        ], self)
        self.columns.edited.connect(self._localized_edited)

        # Concepts: a list to pick one, its terms per language below.
        self.concept_box = QGroupBox(_("Concepts: a paragraph must mention every one"), self)
        self.concept_list = QListWidget(self.concept_box)
        self.concept_list.setObjectName("concept_list")
        self.concept_list.setAccessibleName(_("Concepts of the requirement"))
        self.concept_list.setMaximumHeight(110)
        self.concept_list.currentRowChanged.connect(self._show_concept)
        self.add_concept_button = QPushButton(_("Add concept"), self.concept_box)
        self.add_concept_button.setToolTip(_("Add something else a paragraph must also "
                                             "mention to meet the requirement"))
        self.add_concept_button.clicked.connect(self.add_concept)
        self.remove_concept_button = QPushButton(_("Remove concept"), self.concept_box)
        self.remove_concept_button.setToolTip(_("Remove the selected concept and its terms"))
        self.remove_concept_button.clicked.connect(self.remove_concept)
        self.concept_columns = LanguageColumns([
            FieldSpec("terms", _("Terms of the selected concept"), multiline=True,
                      placeholder=_("one term per line; any one is enough")),
        ], self.concept_box)
        self.concept_columns.edited.connect(self._terms_edited)
        concept_buttons = QHBoxLayout()
        concept_buttons.addWidget(self.add_concept_button)
        concept_buttons.addWidget(self.remove_concept_button)
        concept_buttons.addStretch(1)
        concept_layout = QVBoxLayout(self.concept_box)
        concept_layout.addWidget(self.concept_list)
        concept_layout.addLayout(concept_buttons)
        concept_layout.addWidget(self.concept_columns)
        self.warnings_label = QLabel(self)
        self.warnings_label.setObjectName("concept_warnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setAccessibleName(_("Warnings about the terms"))
        self.warnings_label.setStyleSheet("color: #9a5b00")
        hint = QLabel(_("A paragraph meets the requirement when it mentions every concept "
                        "(any one of the concept’s terms) and none of the terms that rule a "
                        "match out. Word endings, case and accents are ignored, except that a "
                        "word written with a capital (Accord) or an acronym (FC-G5S) must "
                        "appear as written; up to two words may come between the words of a "
                        "phrase. Write the terms a writer would use for what the requirement "
                        "asks, not sentences from a past letter."), self)
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
        detail_layout.addWidget(self.concept_box)
        detail_layout.addWidget(self.warnings_label)
        detail_layout.addWidget(hint)
        detail_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.requirement_list)
        layout.addLayout(buttons)
        # Labels, concepts and exclusions in six languages are taller than the
        # window leaves: they scroll rather than squeeze to nothing.
        self.detail_scroll = QScrollArea(self)
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setWidget(self.detail)
        layout.addWidget(self.detail_scroll, 1)

    # -- loading ----------------------------------------------------------
    def load(self, template: Template, section: TemplateSection | None) -> None:
        """Show the requirements of `section` (None: nothing selected)."""
        self.template, self.section = template, section
        self.columns.set_languages(template.languages)
        self.concept_columns.set_languages(template.languages)
        lines = self.fontMetrics().lineSpacing()
        for columns, rows in ((self.columns, 3), (self.concept_columns, 7)):
            for editor in columns.fields.values():
                if isinstance(editor, QPlainTextEdit):
                    editor.setFixedHeight(lines * rows)
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
                for lang, terms in req.exclusions.items():
                    values[(lang, "exclude")] = "\n".join(terms)
            self.columns.set_texts(values)
        finally:
            self._loading = False
        self._fill_concepts(0)

    # -- concepts ---------------------------------------------------------
    def _first_language(self) -> str:
        return self.template.languages[0] if self.template and self.template.languages else "en"

    def _concept_text(self, n: int, concept: Concept) -> str:
        terms = concept.terms.get(self._first_language(), [])
        shown = ", ".join(terms[:4]) + (", …" if len(terms) > 4 else "")
        return _("Concept {n}: {terms}").format(n=n + 1, terms=shown or _("(no terms yet)"))

    def _fill_concepts(self, row: int) -> None:
        req = self.current()
        concepts = req.concepts if req is not None else []
        self.concept_list.blockSignals(True)
        self.concept_list.clear()
        for n, concept in enumerate(concepts):
            self.concept_list.addItem(self._concept_text(n, concept))
        self.concept_list.blockSignals(False)
        self.concept_list.setCurrentRow(min(row, len(concepts) - 1))
        self._show_concept(self.concept_list.currentRow())

    def current_concept(self) -> Concept | None:
        req = self.current()
        row = self.concept_list.currentRow()
        if req is None or not 0 <= row < len(req.concepts):
            return None
        return req.concepts[row]

    def select_concept(self, row: int) -> None:
        self.concept_list.setCurrentRow(row)

    @Slot(int)
    def _show_concept(self, _row: int) -> None:
        concept = self.current_concept()
        self.concept_columns.setEnabled(concept is not None)
        self.remove_concept_button.setEnabled(concept is not None)
        self.add_concept_button.setEnabled(self.current() is not None)
        self.concept_columns.set_texts(
            {(lang, "terms"): "\n".join(terms) for lang, terms in concept.terms.items()}
            if concept is not None else {})
        self._update_warnings()

    @Slot()
    def add_concept(self) -> Concept | None:
        req = self.current()
        if req is None:
            return None
        concept = Concept()
        req.concepts.append(concept)
        self._fill_concepts(len(req.concepts) - 1)
        self.concept_columns.field(self._first_language(), "terms").setFocus()
        self._edited()
        return concept

    @Slot()
    def remove_concept(self) -> None:
        req = self.current()
        row = self.concept_list.currentRow()
        if req is None or not 0 <= row < len(req.concepts):
            return
        del req.concepts[row]
        self._fill_concepts(min(row, len(req.concepts) - 1))
        self._edited()

    @Slot(str, str, str)
    def _terms_edited(self, lang: str, _key: str, text: str) -> None:
        concept = self.current_concept()
        if concept is None or self._loading:
            return
        terms = lines_from_text(text)
        if terms:
            concept.terms[lang] = terms
        else:
            # absent, not blank: validation then names the language that lacks it
            concept.terms.pop(lang, None)
        row = self.concept_list.currentRow()
        item = self.concept_list.item(row)
        if item is not None:
            item.setText(self._concept_text(row, concept))
        self._edited()

    def _update_warnings(self) -> None:
        req = self.current()
        warnings = concept_warnings(req, self.template.languages) if (
            req is not None and self.template is not None) else []
        self.warnings_label.setText("\n".join("⚠ " + w for w in warnings))
        self.warnings_label.setVisible(bool(warnings))

    # -- editing ----------------------------------------------------------
    @Slot()
    def add_requirement(self) -> Requirement | None:
        if self.template is None or self.section is None:
            return None
        req = new_requirement(self.template)
        req.concepts.append(Concept())  # ready for its first terms
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
        self._update_warnings()
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
        else:
            terms = lines_from_text(text)
            if terms:
                req.exclusions[lang] = terms
            else:
                req.exclusions.pop(lang, None)
        self._edited()
