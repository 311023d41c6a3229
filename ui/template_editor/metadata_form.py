"""The template's general part: id, kind, languages, names and the metadata
defaults of a new letter (mission, organ, mandate, addressee, signatory,
closing formula, word limit)."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _
from drafting.letter_strings import ORGANS
from drafting.templates.model import Template
from ui.field_names import organ_name
from ui.template_editor.language_columns import FieldSpec, LanguageColumns

_LOCALIZED = {"name": "names", "addressee": "addressees", "closing": "closings"}


class MetadataForm(QWidget):
    """Edits the top-level fields of the `Template` given to `load`."""

    changed = Signal()
    languages_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template: Template | None = None
        self._loading = False
        self.id_edit = QLineEdit(self)
        self.id_edit.setObjectName("template_id_edit")
        self.version_label = QLabel(self)
        self.origin_label = QLabel(self)
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem(_("Letter (unnumbered paragraphs)"), "letter")
        self.kind_combo.addItem(_("Report (numbered paragraphs, chapters)"), "report")
        self.languages_edit = QLineEdit(self)
        self.languages_edit.setObjectName("languages_edit")
        self.languages_edit.setPlaceholderText(_("language codes separated by spaces, e.g. en fr"))
        self.mission_edit = QLineEdit(self)
        self.organ_combo = QComboBox(self)
        for organ in ORGANS:
            self.organ_combo.addItem(organ_name(organ), organ)
        self.symbol_edit = QLineEdit(self)
        self.symbol_edit.setPlaceholderText("S/RES/2531(2020)")
        self.paragraph_edit = QLineEdit(self)
        self.signatory_edit = QLineEdit(self)
        self.limit_spin = QSpinBox(self)
        self.limit_spin.setRange(0, 1_000_000)
        self.limit_spin.setSingleStep(100)
        self.limit_spin.setSpecialValueText(_("no limit"))
        self.columns = LanguageColumns([
            FieldSpec("name", _("Template name")),
            FieldSpec("addressee", _("Addressee")),
            FieldSpec("closing", _("Closing formula"), multiline=True),
        ], self)

        tips = {
            self.id_edit: _("A short id, unique among the templates; drafts refer to it"),
            self.kind_combo: _("A letter (paragraphs unnumbered) or a report (numbered)"),
            self.languages_edit: _("The languages of the template, by code: en fr es ru ar zh"),
            self.mission_edit: _("The mission's short name, as in the masthead"),
            self.organ_combo: _("The organ the letter is addressed to"),
            self.symbol_edit: _("The resolution the letter answers, e.g. S/RES/2531(2020)"),
            self.paragraph_edit: _("The paragraph of the resolution that asks for the letter"),
            self.signatory_edit: _("Who signs the letter"),
            self.limit_spin: _("How many words the whole letter should stay under"),
        }
        for widget, tip in tips.items():
            widget.setToolTip(tip)
        form = QFormLayout()
        form.addRow(_("Template id"), self.id_edit)
        form.addRow(_("Version"), self.version_label)
        form.addRow(_("Origin"), self.origin_label)
        form.addRow(_("Kind"), self.kind_combo)
        form.addRow(_("Languages"), self.languages_edit)
        form.addRow(_("Mission"), self.mission_edit)
        form.addRow(_("Organ"), self.organ_combo)
        form.addRow(_("Mandate symbol"), self.symbol_edit)
        form.addRow(_("Mandate paragraph"), self.paragraph_edit)
        form.addRow(_("Signatory"), self.signatory_edit)
        form.addRow(_("Word limit"), self.limit_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.columns, 1)

        for edit in (self.id_edit, self.mission_edit, self.symbol_edit, self.paragraph_edit,
                     self.signatory_edit):
            edit.textEdited.connect(self._edited)
        self.languages_edit.editingFinished.connect(self._languages_edited)
        self.kind_combo.currentIndexChanged.connect(self._edited)
        self.organ_combo.currentIndexChanged.connect(self._edited)
        self.limit_spin.valueChanged.connect(self._edited)
        self.columns.edited.connect(self._localized_edited)

    def load(self, template: Template) -> None:
        self.template = template
        self._loading = True
        try:
            self.id_edit.setText(template.id)
            self.version_label.setText(str(template.version))
            self.origin_label.setText(_("shipped (read-only)") if template.origin == "shipped"
                                      else _("yours: {path}").format(path=template.path))
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(template.kind)))
            self.languages_edit.setText(" ".join(template.languages))
            self.mission_edit.setText(template.mission)
            index = self.organ_combo.findData(template.organ)
            if index < 0:  # an organ this version does not know: shown as it is
                self.organ_combo.addItem(template.organ, template.organ)
                index = self.organ_combo.count() - 1
            self.organ_combo.setCurrentIndex(index)
            self.symbol_edit.setText(template.mandate_symbol)
            self.paragraph_edit.setText(template.mandate_paragraph)
            self.signatory_edit.setText(template.signatory)
            self.limit_spin.setValue(template.word_limit)
            self._load_columns()
        finally:
            self._loading = False

    def _load_columns(self) -> None:
        assert self.template is not None
        t = self.template
        langs = list(dict.fromkeys([*t.languages, *t.names, *t.addressees, *t.closings]))
        self.columns.set_languages(langs)
        values = {(lang, key): text for key, attr in _LOCALIZED.items()
                  for lang, text in getattr(t, attr).items()}
        self.columns.set_texts(values)

    @Slot()
    def _edited(self) -> None:
        t = self.template
        if t is None or self._loading:
            return
        t.id = self.id_edit.text().strip()
        t.kind = str(self.kind_combo.currentData())
        t.mission = self.mission_edit.text().strip()
        t.organ = str(self.organ_combo.currentData() or "").strip()
        t.mandate_symbol = self.symbol_edit.text().strip()
        t.mandate_paragraph = self.paragraph_edit.text().strip()
        t.signatory = self.signatory_edit.text().strip()
        t.word_limit = self.limit_spin.value()
        self.changed.emit()

    @Slot()
    def _languages_edited(self) -> None:
        t = self.template
        if t is None or self._loading:
            return
        languages = self.languages_edit.text().split()
        if languages == t.languages:
            return
        t.languages = languages
        self._loading = True
        try:
            self._load_columns()
        finally:
            self._loading = False
        self.languages_changed.emit()
        self.changed.emit()

    @Slot(str, str, str)
    def _localized_edited(self, lang: str, key: str, text: str) -> None:
        t = self.template
        if t is None or self._loading:
            return
        texts: dict[str, str] = getattr(t, _LOCALIZED[key])
        value = " ".join(text.split())
        if value:
            texts[lang] = value
        else:
            texts.pop(lang, None)
        self.changed.emit()
