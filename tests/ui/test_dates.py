"""Dates on the details page, typed and picked as a writer does."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.navigator import DETAILS

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _details(make_window: Any, path: Any, qtbot: Any) -> Any:
    """The details page of a new letter whose letter date is not set yet."""
    window = make_window(path)
    window.go_to_step(DETAILS)
    qtbot.mouseClick(window.details_page.letter_date_field.clear_button,
                     Qt.MouseButton.LeftButton)
    assert window.session.letter.metadata.letter_date is None
    return window


def _type_date(qtbot: Any, field: Any, text: str) -> None:
    """Click into the box, select what is there, type, press Tab."""
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field.edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)


def _opening(window: Any) -> str:
    return " ".join(b.text for b in window.session.letter.section("opening").blocks)


def test_typing_into_an_unset_date(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = _details(make_window, empty_path, qtbot)
    field = window.details_page.letter_date_field
    assert field.value() is None and field.edit.text() == ""
    assert "Not set" in field.edit.placeholderText()
    _type_date(qtbot, field, "2020-11-30")
    assert window.session.letter.metadata.letter_date == date(2020, 11, 30)
    assert field.edit.text() == "2020-11-30"


def test_typing_over_a_date_replaces_it(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = _details(make_window, empty_path, qtbot)
    field = window.details_page.date_field
    _type_date(qtbot, field, "2026-06-01")
    assert window.session.letter.metadata.date == date(2026, 6, 1)
    _type_date(qtbot, field, "2020-06-01")
    assert window.session.letter.metadata.date == date(2020, 6, 1)
    _type_date(qtbot, field, "2020-07-15")
    assert window.session.letter.metadata.date == date(2020, 7, 15)


def test_locale_and_long_forms_are_read(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = _details(make_window, empty_path, qtbot)
    field = window.details_page.letter_date_field
    for typed, expected in (("30/11/2020", date(2020, 11, 30)),
                            ("1 June 2020", date(2020, 6, 1)),
                            ("1er juillet 2020", date(2020, 7, 1)),
                            ("20200802", date(2020, 8, 2))):
        _type_date(qtbot, field, typed)
        assert window.session.letter.metadata.letter_date == expected, typed
        assert field.edit.text() == expected.isoformat()


def test_a_text_that_is_not_a_date_is_kept_and_explained(qtbot: Any, make_window: Any,
                                                        empty_path: Any) -> None:
    window = _details(make_window, empty_path, qtbot)
    field = window.details_page.letter_date_field
    _type_date(qtbot, field, "Not set20201130")
    assert window.session.letter.metadata.letter_date is None
    assert field.edit.text() == "Not set20201130"
    assert field.error_label.isVisible() and "is not a date" in field.problem()
    _type_date(qtbot, field, "2020-11-30")
    assert not field.error_label.isVisible()
    assert window.session.letter.metadata.letter_date == date(2020, 11, 30)


def test_clear_makes_a_date_unset(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = _details(make_window, empty_path, qtbot)
    field = window.details_page.date_field
    _type_date(qtbot, field, "2020-06-01")
    qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    assert window.session.letter.metadata.date is None
    assert field.edit.text() == ""


def test_the_calendar_of_an_unset_date_opens_near_the_period(qtbot: Any, make_window: Any,
                                                            empty_path: Any) -> None:
    window = _details(make_window, empty_path, qtbot)
    page = window.details_page
    _type_date(qtbot, page.period_start_field, "2019-12-01")
    _type_date(qtbot, page.period_end_field, "2020-05-31")
    qtbot.mouseClick(page.date_field.clear_button, Qt.MouseButton.LeftButton)
    field = page.letter_date_field
    assert field.value() is None and page.date_field.value() is None
    field.edit.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, ALT)
    popup = field.popup
    assert popup is not None and popup.isVisible()
    calendar = popup.calendar
    assert (calendar.yearShown(), calendar.monthShown()) == (2020, 5)
    # a week on, then Enter: the date is the writer's
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Down)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert window.session.letter.metadata.letter_date == date(2020, 6, 7)
    assert not popup.isVisible()
    # an unset period start opens six months before the end
    page.period_start_field.clear()
    qtbot.mouseClick(page.period_start_field.calendar_button, Qt.MouseButton.LeftButton)
    start_calendar = page.period_start_field.popup.calendar
    assert start_calendar.selectedDate().toPython() == date(2019, 12, 1)
    page.period_start_field.popup.hide()
    QApplication.processEvents()


def test_setting_the_period_fills_the_opening_in_one_undo_step(qtbot: Any, make_window: Any,
                                                               empty_path: Any) -> None:
    window = _details(make_window, empty_path, qtbot)
    page = window.details_page
    assert "[start date] to [end date]" in _opening(window)
    _type_date(qtbot, page.period_start_field, "1 December 2019")
    _type_date(qtbot, page.period_end_field, "31/05/2020")
    assert "covers the period from 1 December 2019 to 31 May 2020." in _opening(window)
    window.session.undo_stack.undo()
    assert window.session.letter.metadata.period_end is None
    assert "from 1 December 2019 to [end date]." in _opening(window)
    assert page.period_end_field.edit.text() == ""
    window.go_to_step("opening")
    assert "to [end date]." in window.editor.toPlainText()
    window.session.undo_stack.redo()
    assert "to 31 May 2020." in window.editor.toPlainText()


def test_the_hint_in_an_unset_date_shows_whole_in_every_language(
        qtbot: Any, make_window: Any, empty_path: Any) -> None:
    """The French hint was cut ("Non défini — par exemple 2020-11-30 ou 3…")."""
    from ui import translations

    window = _details(make_window, empty_path, qtbot)
    window.resize(1280, 720)
    window.show()
    field = window.details_page.letter_date_field
    try:
        for lang in ("en", "fr", "es", "ru", "ar", "zh"):
            translations.apply_language(lang)
            QApplication.processEvents()
            hint = field.edit.placeholderText()
            room = field.edit.contentsRect().width() - 8  # the frame's text margins
            assert field.edit.fontMetrics().horizontalAdvance(hint) <= room, (lang, hint)
    finally:
        translations.apply_language("en")
