"""The template editor (issue 6): a window of its own, opened from the
main window's Templates menu.

Hook for the main window (one line in `ui/actions.py`)::

    bar.addMenu(_("&Templates")).addAction(_("&Edit templates…"),
                                           lambda: open_template_editor(w))
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.template_editor.window import TemplateEditorWindow

__all__ = ["TemplateEditorWindow", "open_template_editor"]


def open_template_editor(parent: QWidget | None = None) -> TemplateEditorWindow:
    """Show the template editor, non-modal, and return it.

    With a parent window there is at most one editor per parent: asking again
    raises the one already open.
    """
    existing = parent.findChild(TemplateEditorWindow) if parent is not None else None
    window = existing or TemplateEditorWindow(parent)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
