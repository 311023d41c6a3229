"""The "Letter details" step: symbol, dates, job number, language, addressee,
signatory and reporting period. Every change goes to the session as an undo
command; the page redraws from `metadata_changed` (undo included).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import N_, _
from drafting.locale_format import add_months, letter_title
from drafting.templates.model import pick
from ui.date_field import DateField
from ui.session import Session

LANGUAGE_NAMES = {
    "en": "English", "fr": "Français", "es": "Español", "ru": "Русский", "ar": "العربية",
    "zh": "中文",
}


class DetailsPage(QScrollArea):
    """The form of the letter's metadata."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._updating = False
        self.setWidgetResizable(True)
        # The fields take the keyboard, not the page around them.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget(self)
        self.title_label = QLabel(body)
        self.intro_label = QLabel(body)
        self.intro_label.setWordWrap(True)
        self.symbol_edit = QLineEdit(body)
        self.symbol_edit.setPlaceholderText("S/2020/481")
        # An unset date's calendar opens near what is known: the letter is
        # signed after its period ends; a period is six months long.
        self.date_field = DateField(N_("Masthead date"), body, languages=self._languages,
                                    near=self._near_masthead_date)
        self.letter_date_field = DateField(N_("Letter date"), body, languages=self._languages,
                                           near=self._near_letter_date)
        self.job_edit = QLineEdit(body)
        self.job_edit.setPlaceholderText("20-07899")
        self.language_combo = QComboBox(body)
        for code in session.template.languages:
            self.language_combo.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.addressee_edit = QLineEdit(body)
        self.signatory_edit = QLineEdit(body)
        self.period_start_field = DateField(N_("Reporting period from"), body,
                                            languages=self._languages,
                                            near=self._near_period_start)
        self.period_end_field = DateField(N_("Reporting period to"), body,
                                          languages=self._languages, near=self._near_period_end)
        self.title_preview = QLabel(body)
        self.title_preview.setWordWrap(True)
        self.title_preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, QWidget]] = [
            (N_("&Symbol"), self.symbol_edit),
            (N_("&Masthead date"), self.date_field),
            (N_("&Letter date"), self.letter_date_field),
            (N_("&Job number"), self.job_edit),
            (N_("La&nguage"), self.language_combo),
            (N_("&Addressee"), self.addressee_edit),
            (N_("Si&gnatory"), self.signatory_edit),
            (N_("Reporting period &from"), self.period_start_field),
            (N_("Reporting period &to"), self.period_end_field),
        ]
        # (label, untranslated text, field): relabelled by `retranslate_ui`.
        self.form_labels: list[tuple[QLabel, str, QWidget]] = []
        for text, widget in rows:
            label = QLabel(body)
            focus = widget.edit if isinstance(widget, DateField) else widget
            label.setBuddy(focus)
            self.form_labels.append((label, text, widget))
            form.addRow(label, widget)
        self.preview_heading = QLabel(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title_label)
        layout.addWidget(self.intro_label)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(self.preview_heading)
        layout.addWidget(self.title_preview)
        layout.addStretch(1)
        body.setMaximumWidth(900)
        self.setWidget(body)

        self._connect()
        session.metadata_changed.connect(self.refresh)
        session.letter_replaced.connect(self.refresh)
        self.retranslate_ui()
        for w in (self.symbol_edit, self.job_edit, self.addressee_edit, self.signatory_edit,
                  self.language_combo):
            w.setEnabled(not session.read_only)
        for f in self._date_fields().values():
            f.setEnabled(not session.read_only)

    def retranslate_ui(self) -> None:
        """Redo every text in the interface language (after a switch)."""
        self.setAccessibleName(_("Letter details"))
        self.title_label.setText("<h2>" + _("Letter details") + "</h2>")
        self.intro_label.setText(_(
            "What goes on the masthead and around the text. The symbol and job number come "
            "from Documents Management; leave them empty until you have them — the review "
            "step will remind you."))
        for label, text, widget in self.form_labels:
            label.setText(_(text))
            if isinstance(widget, DateField):
                widget.retranslate_ui()
            else:
                widget.setAccessibleName(_(text).replace("&", ""))
        self.preview_heading.setText("<b>" + _("Title of the letter") + "</b>")
        tips = {
            self.symbol_edit: _("The document symbol from Documents Management, e.g. "
                                "S/2020/481; leave it empty until you have it"),
            self.job_edit: _("The job number from Documents Management, e.g. 20-07899"),
            self.language_combo: _("The language the letter is written in: the title, the "
                                   "addressee and the closing formula follow it"),
            self.addressee_edit: _("Whom the letter is addressed to; empty: the template's"),
            self.signatory_edit: _("Who signs the letter; empty: the template's"),
        }
        for widget, tip in tips.items():
            widget.setToolTip(tip)
        self.title_preview.setAccessibleName(_("Title preview"))
        self.refresh()

    # -- where an unset date's calendar opens -----------------------------------------
    def _languages(self) -> list[str]:
        return [self.session.language]

    def _near_masthead_date(self) -> date | None:
        m = self.session.letter.metadata
        return m.letter_date or m.period_end

    def _near_letter_date(self) -> date | None:
        m = self.session.letter.metadata
        return m.date or m.period_end

    def _near_period_start(self) -> date | None:
        m = self.session.letter.metadata
        return _months_from(m.period_end, -6) or _months_from(m.letter_date or m.date, -6)

    def _near_period_end(self) -> date | None:
        m = self.session.letter.metadata
        return _months_from(m.period_start, 6) or m.letter_date or m.date

    def _date_fields(self) -> dict[str, DateField]:
        return {
            "date": self.date_field, "letter_date": self.letter_date_field,
            "period_start": self.period_start_field, "period_end": self.period_end_field,
        }

    def _line_edits(self) -> dict[str, QLineEdit]:
        return {
            "symbol": self.symbol_edit, "job_number": self.job_edit,
            "addressee": self.addressee_edit, "signatory": self.signatory_edit,
        }

    def _connect(self) -> None:
        for name, edit in self._line_edits().items():
            edit.textEdited.connect(lambda text, n=name: self._set(n, text.strip()))
        for name, field in self._date_fields().items():
            field.value_changed.connect(lambda value, n=name: self._set(n, value))
        self.language_combo.currentIndexChanged.connect(
            lambda _i: self._set("language", self.language_combo.currentData())
        )

    def _set(self, name: str, value: Any) -> None:
        if not self._updating:
            self.session.set_metadata(name, value)

    @Slot()
    def refresh(self) -> None:
        """Show the session's metadata (after undo, restore, …)."""
        m = self.session.letter.metadata
        self._updating = True
        try:
            for name, edit in self._line_edits().items():
                value = getattr(m, name) or ""
                if edit.text().strip() != value:
                    edit.setText(value)
            for name, field in self._date_fields().items():
                field.set_value(getattr(m, name))
            i = self.language_combo.findData(m.language)
            if i >= 0:
                self.language_combo.setCurrentIndex(i)
            t = self.session.template
            self.addressee_edit.setPlaceholderText(pick(t.addressees, m.language))
            self.signatory_edit.setPlaceholderText(t.signatory)
        finally:
            self._updating = False
        self._update_title()

    def _update_title(self) -> None:
        m = self.session.letter.metadata
        day = m.letter_date or m.date
        if day is None:
            self.title_preview.setText(_("Set the letter date to see the title."))
            return
        try:
            self.title_preview.setText(letter_title(day, m.language, m.organ))
        except ValueError:
            self.title_preview.setText("")


def _months_from(day: date | None, months: int) -> date | None:
    """`day` moved by `months`, the last day of a month kept as such (None stays None)."""
    if day is None:
        return None
    moved = add_months(day, months)
    if months > 0:
        moved -= timedelta(days=1)  # 1 December + 6 months → 31 May
    else:
        moved += timedelta(days=1)  # 31 May − 6 months → 1 December
    return moved
