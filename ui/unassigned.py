"""The "Unassigned text" step: text the letter keeps but has not placed yet.

Text lands in `Letter.unassigned` when a newer template drops a section or an
imported letter has parts that match no section. Nothing is thrown away, but
nothing there reaches a final letter either, so the writer moves it into a
section (cut and paste, or "Move paragraph to section…") or deletes it.
`UnassignedMover` belongs to `MainWindow` (`window.unassigned`); the menu
helper is shared by the guidance panel's button and the editor's context menu.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QMenu

from drafting.i18n import _, ngettext
from drafting.letter import UNASSIGNED
from ui.navigator import REVIEW

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.section_editor import SectionEditor
    from ui.session import Session


def unassigned_guidance() -> str:
    """What the guidance panel says about the unassigned area (rich text)."""
    return "<br><br>".join((
        _("This text is kept so that nothing is lost: it comes from a section the template "
          "no longer has, or from a part of an imported letter that matched no section."),
        _("Move it into a section: cut and paste it, or put the cursor in a paragraph (or "
          "select several) and use “Move paragraph to section…”. Delete what the letter no "
          "longer needs."),
        "<b>" + _("Unassigned text is not exported in a final letter.") + "</b>",
    ))


def fill_move_menu(menu: QMenu, session: Session, move: Callable[[str], object]) -> None:
    """Fill `menu` with one action per section of the letter; choosing one calls `move(id)`."""
    menu.clear()
    for sid in session.letter.section_ids():
        action = menu.addAction(session.section_heading(sid))
        action.setObjectName(f"move_to_{sid}")
        action.triggered.connect(lambda _checked=False, s=sid: move(s))


class UnassignedMover(QObject):
    """Moving unassigned text into the letter, for one `MainWindow` (`window.unassigned`)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session: Session = window.session
        self.editor: SectionEditor = window.editor
        window.session.section_changed.connect(self._on_unassigned_changed)

    @Slot(str)
    def move_to_section(self, section_id: str) -> int:
        """Move the paragraph under the cursor (or every selected one) into a section.

        Returns how many paragraphs moved. When the unassigned area is left
        empty, the window follows the text to its new section.
        """
        ids = self.editor.selected_block_ids()
        n = self.session.move_blocks(ids, section_id)
        if not n:
            self.window.statusBar().showMessage(
                _("Put the cursor in the paragraph to move first."), 8000)
            return 0
        heading = self.session.section_heading(section_id)
        self.window.statusBar().showMessage(ngettext(
            "{n} paragraph moved to “{section}”.", "{n} paragraphs moved to “{section}”.",
            n).format(n=n, section=heading), 8000)
        if not self.session.letter.unassigned:
            self.window.go_to_step(section_id)
            self.editor.go_to(ids[0])
        return n

    @Slot(str)
    def _on_unassigned_changed(self, section_id: str) -> None:
        if section_id == UNASSIGNED and not self.session.letter.unassigned:
            # Deferred: the writer may still be inside the keystroke that emptied it.
            QTimer.singleShot(0, self._leave_empty_unassigned)

    def _leave_empty_unassigned(self) -> None:
        if self.window.current_step() == UNASSIGNED and not self.session.letter.unassigned:
            self.window.statusBar().showMessage(
                _("All unassigned text has been placed or deleted."), 8000)
            self.window.go_to_step(REVIEW)
