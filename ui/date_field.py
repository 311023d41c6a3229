"""A date the writer types or picks, or leaves unset.

The text box takes what writers type — ISO ("2020-11-30"), numbers as their
locale writes them ("30/11/2020") or a long date ("30 November 2020",
"1er juin 2020"), read by `drafting.locale_format.parse_date` — and shows the
date in ISO once read. An empty box is "not set". The calendar button (or
Alt+Down, F4) opens a calendar on the date, or, for an unset date, near the
date its owner suggests (the reporting period). Nothing is committed while
the writer types: Enter, Tab or leaving the box reads the text; a text that
is not a date stays, marked, with a line saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _, current_language
from drafting.locale_format import format_date, parse_date

Near = Callable[[], date | None]
Languages = Callable[[], list[str]]
INVALID_STYLE = "QLineEdit { border: 2px solid #c0392b; }"


class _DateEdit(QLineEdit):
    """The text box: Alt+Down and F4 open the calendar, as in a combo box."""

    calendar_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_F4 or (
                event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.calendar_requested.emit()
            return
        super().keyPressEvent(event)


class CalendarPopup(QFrame):
    """A calendar in a popup; `picked` on Enter, a click or a double-click."""

    picked = Signal(object)  # date

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def open_at(self, day: date, anchor: QWidget) -> None:
        """Show the calendar on `day` (selected), below `anchor`."""
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.setCurrentPage(day.year, day.month)
        self.adjustSize()
        self.move(anchor.mapToGlobal(QPoint(0, anchor.height())))
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    @Slot(QDate)
    def _pick(self, picked: QDate) -> None:
        self.hide()
        self.picked.emit(date(picked.year(), picked.month(), picked.day()))


class DateField(QWidget):
    """A date with a calendar and a way back to "not set".

    `name` is the field's name, untranslated (`retranslate_ui` translates it).
    `near()` gives the date the calendar opens on while the field is unset
    (None: today); `languages()` the languages whose month names are read, on
    top of the interface language. `value_changed` carries the date (or None)
    each time the writer commits a different one.
    """

    value_changed = Signal(object)

    def __init__(self, name: str, parent: QWidget | None = None, near: Near | None = None,
                 languages: Languages | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.near = near or (lambda: None)
        self.languages = languages or (lambda: [])
        self._value: date | None = None
        self.edit = _DateEdit(self)
        self.edit.setObjectName("date_edit")
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("▾")
        self.clear_button = QToolButton(self)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a00;")
        self.error_label.setVisible(False)
        self.popup: CalendarPopup | None = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self.commit_text)
        self.edit.calendar_requested.connect(self.open_calendar)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.clear_button.clicked.connect(self.clear)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Redo the texts in the interface language (after a switch)."""
        name = _(self.name).replace("&", "")
        self.edit.setAccessibleName(name)
        # short enough to show whole in the field (the tooltip has every form)
        placeholder = _("Not set — e.g. 30/11/2020")
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance(placeholder) + 24)
        self.edit.setToolTip(_("{field}: type a date (2020-11-30, 30/11/2020 or 30 November "
                               "2020) or press Alt+Down for a calendar; leave empty if it is "
                               "not known yet").format(field=name))
        self.calendar_button.setAccessibleName(_("Calendar for {field}").format(field=name))
        self.calendar_button.setToolTip(_("Open a calendar (Alt+Down)"))
        self.clear_button.setText(_("Clear"))
        self.clear_button.setAccessibleName(_("Clear {field}").format(field=name))
        self.clear_button.setToolTip(_("Set the {field} back to “not set”").format(field=name))
        self._show_value()

    # -- value ------------------------------------------------------------------
    def value(self) -> date | None:
        return self._value

    def set_value(self, value: date | None) -> None:
        """Show `value` (from the letter), without emitting `value_changed`."""
        self._value = value
        self._show_value()

    def _show_value(self) -> None:
        self._set_problem("")
        self.edit.setText(self._value.isoformat() if self._value else "")
        self.edit.setCursorPosition(0)
        long = ""
        if self._value is not None:
            try:
                long = format_date(self._value, current_language())
            except ValueError:
                long = ""
        self.edit.setAccessibleDescription(long or _("Not set"))

    def _commit(self, value: date | None) -> None:
        changed = value != self._value
        self._value = value
        self._show_value()
        if changed:
            self.value_changed.emit(value)

    @Slot()
    def commit_text(self) -> bool:
        """Read the typed text; True when it was a date (or empty)."""
        text = self.edit.text()
        if text.strip() == (self._value.isoformat() if self._value else ""):
            self._set_problem("")
            return True
        try:
            value = parse_date(text, [current_language(), *self.languages()])
        except ValueError:
            self._set_problem(_("“{text}” is not a date. Type it as 2020-11-30, 30/11/2020 "
                                "or 30 November 2020.").format(text=text.strip()))
            return False
        self._commit(value)
        return True

    @Slot()
    def clear(self) -> None:
        self._commit(None)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.edit.setStyleSheet(INVALID_STYLE if message else "")

    def problem(self) -> str:
        """Why the typed text is not a date ("" when it is)."""
        return self.error_label.text()

    # -- calendar -----------------------------------------------------------------
    @Slot()
    def open_calendar(self) -> CalendarPopup:
        """Open the calendar on the date, else near the owner's suggestion, else today."""
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.picked.connect(self._picked)
        self.popup.calendar.setAccessibleName(_("Calendar for {field}").format(
            field=_(self.name).replace("&", "")))
        self.popup.open_at(self._value or self.near() or date.today(), self.edit)
        return self.popup

    @Slot(object)
    def _picked(self, day: date) -> None:
        self._commit(day)
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
