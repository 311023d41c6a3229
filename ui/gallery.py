"""Every window and dialog of a main window, opened: for the screenshots
(`scripts/screenshots.py`) and for the tests that check each one fits the
screen and names its controls (`tests/ui/test_window_fit.py`,
`tests/ui/test_accessibility.py`).

Windows that would ask the system for a file are opened with their choosers
unused (nothing is chosen). The main window's own steps are listed by
`STEPS`; the other windows by `WINDOWS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# Steps of the main window worth a look: the details, a section, the review.
STEPS = ("details", "security", "review")


def _export(w: MainWindow) -> QWidget:
    return w.files.open_export(final=True)


def _template_editor(w: MainWindow) -> QWidget:
    from drafting import paths

    editor = w.files.edit_templates()
    editor.list_panel.select_path(str(paths.shipped_templates_dir() / "minusma-six-monthly.xml"))
    editor.tabs.setCurrentWidget(editor.sections_page)
    editor.sections_page.select(1)  # a section with a heading in every language
    return editor


def _recover(w: MainWindow) -> QWidget:
    dialog = w.files.recover()
    assert dialog is not None
    return dialog


def _about(w: MainWindow) -> QWidget:
    from ui.about_dialog import show_about

    return show_about(w)


def _compare(w: MainWindow) -> QWidget:
    return w.files.compare()


WINDOWS: dict[str, Callable[[MainWindow], QWidget]] = {
    "new_draft": lambda w: w.files.new_draft(),
    "import": lambda w: w.files.new_from_previous(),
    "find": lambda w: w.files.open_find(),
    "export": _export,
    "history": lambda w: w.files.open_history(),
    "compare": _compare,
    "recover": _recover,
    "preferences": lambda w: w.open_preferences(),
    "conflicts": lambda w: w.files.show_conflicts(),
    "about": _about,
    "templates": _template_editor,
}


def open_window(window: MainWindow, name: str) -> QWidget:
    """Open one of `WINDOWS` from `window`, shown and laid out."""
    opened = WINDOWS[name](window)
    opened.show()
    for _i in range(3):
        QCoreApplication.processEvents()
    return opened


def close_window(opened: QWidget) -> None:
    opened.hide()
    QCoreApplication.processEvents()
