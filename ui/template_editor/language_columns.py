"""Per-language fields side by side: one column per language of the template.

Editors translate by comparing; a column per language (English beside
French) shows at a glance what is missing in one of them. The widget only
holds text: its owner reads and writes the template and listens to `edited`.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import UnknownLocaleError
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _, current_language
from drafting.locale_format import language_name

# A column's width, in average characters: a heading reads in one line.
COLUMN_CHARS = 44


@dataclass(frozen=True)
class FieldSpec:
    """One per-language field: `key` for the owner, `label` shown, `multiline` editor."""

    key: str
    label: str
    multiline: bool = False
    placeholder: str = ""


def language_title(code: str, in_lang: str | None = None, with_code: bool = True) -> str:
    """E.g. "English (en)", "Anglais (en)" in a French interface: the language named
    in `in_lang` (default: the interface language), capitalized as a title; the
    bare code for a language babel does not know."""
    name = ""
    for lang in (in_lang or current_language(), "en"):
        try:
            name = language_name(code, lang)
            break
        except (KeyError, ValueError, UnknownLocaleError):
            continue
    if not name or name == code:
        return code
    name = name[:1].upper() + name[1:]
    return f"{name} ({code})" if with_code else name


class LanguageColumns(QWidget):
    """Columns of the same fields, one column per language."""

    edited = Signal(str, str, str)  # language, key, text

    def __init__(self, specs: list[FieldSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs = specs
        self.languages: list[str] = []
        self.fields: dict[tuple[str, str], QLineEdit | QPlainTextEdit] = {}
        # Six languages side by side do not fit a screen: the columns keep a
        # width a heading can be read in, and scroll sideways.
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.inner = QWidget(self.scroll_area)
        self._layout = QHBoxLayout(self.inner)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area.setWidget(self.inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self._loading = False

    def column_width(self) -> int:
        """Wide enough for a section heading in one line of a field."""
        return self.fontMetrics().averageCharWidth() * COLUMN_CHARS

    def set_languages(self, languages: list[str]) -> None:
        """Rebuild the columns (only when the list of languages changes)."""
        if languages == self.languages:
            return
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone at once, not when the event loop deletes it
                widget.deleteLater()
        self.fields.clear()
        self.languages = list(languages)
        for lang in self.languages:
            name = language_title(lang, with_code=False)
            box = QGroupBox(name, self.inner)
            box.setMinimumWidth(self.column_width())
            box.setToolTip(_("Texts in {language} (xml:lang=\"{code}\" in the template file)")
                           .format(language=name, code=lang))
            form = QFormLayout(box)
            # labels above their fields: each column is narrow, texts need the width
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            for spec in self.specs:
                editor: QLineEdit | QPlainTextEdit
                if spec.multiline:
                    editor = QPlainTextEdit(box)
                    editor.setTabChangesFocus(True)
                    editor.setPlaceholderText(spec.placeholder)
                    editor.textChanged.connect(
                        lambda lang=lang, key=spec.key: self._emit(lang, key))
                else:
                    editor = QLineEdit(box)
                    editor.setPlaceholderText(spec.placeholder)
                    editor.textEdited.connect(
                        lambda _t, lang=lang, key=spec.key: self._emit(lang, key))
                editor.setObjectName(f"{spec.key}_{lang}_edit")
                editor.setAccessibleName(_("{field} ({language})").format(
                    field=spec.label, language=name))
                editor.setToolTip(_("{field} in {language}").format(field=spec.label,
                                                                   language=name))
                form.addRow(spec.label, editor)
                self.fields[(lang, spec.key)] = editor
            self._layout.addWidget(box)

    def field(self, language: str, key: str) -> QLineEdit | QPlainTextEdit:
        return self.fields[(language, key)]

    def text(self, language: str, key: str) -> str:
        editor = self.fields[(language, key)]
        return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()

    def set_texts(self, values: dict[tuple[str, str], str]) -> None:
        """Fill every field (missing ones become empty) without emitting `edited`."""
        self._loading = True
        try:
            for (lang, key), editor in self.fields.items():
                value = values.get((lang, key), "")
                if isinstance(editor, QPlainTextEdit):
                    if editor.toPlainText() != value:
                        editor.setPlainText(value)
                elif editor.text() != value:
                    editor.setText(value)
                    editor.setCursorPosition(0)  # the start of a long heading, not its end
        finally:
            self._loading = False

    def _emit(self, language: str, key: str) -> None:
        if not self._loading:
            self.edited.emit(language, key, self.text(language, key))


def paragraphs_from_text(text: str) -> list[str]:
    """Paragraphs typed in a box, separated by blank lines (as the template stores them)."""
    paras = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n")]
    return [p for p in paras if p]


def lines_from_text(text: str) -> list[str]:
    """One item per non-blank line (cue lists)."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]
