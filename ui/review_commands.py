"""The main window's review commands: a reviewed copy brought in, suggestions decided,
comments answered (issue 19).

`ReviewCommands` is held by `MainWindow` (`window.reviews`), as the file
commands are: it owns the Suggestions and Comments panels (docks), the
inline marks in the section editor and the File › Bring in a reviewed copy…
dialog. Every decision is a `drafting.edits.review` change pushed through
the session (one undo step each).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QDockWidget

from drafting.edits import Change
from drafting.edits import review as decide
from drafting.i18n import _
from ui.comments_panel import CommentsPanel
from ui.review_dialog import ReviewDialog
from ui.suggestion_marks import SuggestionMarks
from ui.suggestions_panel import SuggestionsPanel

if TYPE_CHECKING:
    from drafting.storage.reviews import BroughtIn
    from ui.main_window import MainWindow
    from ui.session import Session


class ReviewCommands(QObject):
    """Review commands and panels of one `MainWindow`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session: Session = window.session
        self.dialog: ReviewDialog | None = None
        self.suggestions_panel = SuggestionsPanel(self.session, window)
        self.comments_panel = CommentsPanel(self.session, window.settings, window)
        self.suggestions_dock: QDockWidget = window._dock(
            "suggestions", _("Suggestions"), self.suggestions_panel)
        self.comments_dock: QDockWidget = window._dock(
            "comments", _("Comments"), self.comments_panel)
        # Below the findings, one above the other; out of the way until a draft has
        # something from its reviewers (View lists them, bringing a copy in shows them).
        window.splitDockWidget(window.findings_dock, self.suggestions_dock,
                               Qt.Orientation.Vertical)
        window.splitDockWidget(self.suggestions_dock, self.comments_dock,
                               Qt.Orientation.Vertical)
        # Each panel only while it has something: an empty Suggestions panel took
        # the findings' room in a draft that only has comments.
        letter = self.session.letter
        if not any(s.pending for s in letter.suggestions):
            self.suggestions_dock.hide()
        if not letter.comments:
            self.comments_dock.hide()
        self.marks = SuggestionMarks(window.editor, self.session, self)
        p = self.suggestions_panel
        p.accept_requested.connect(self.accept)
        p.reject_requested.connect(self.reject)
        p.accept_all_requested.connect(self.accept_all)
        p.reject_all_requested.connect(self.reject_all)
        p.jump_requested.connect(window.jump_to)
        p.inline_toggled.connect(self.marks.set_markup)
        c = self.comments_panel
        c.reply_requested.connect(self.reply)
        c.resolve_requested.connect(self.resolve)
        c.jump_requested.connect(window.jump_to)

    def retranslate_ui(self) -> None:
        self.suggestions_dock.setWindowTitle(_("Suggestions"))
        self.comments_dock.setWindowTitle(_("Comments"))
        for widget in (self.suggestions_panel, self.comments_panel, self.dialog):
            if widget is not None:
                widget.retranslate_ui()

    # -- bringing a copy in ----------------------------------------------------------
    def open_dialog(self) -> ReviewDialog:
        """File › Bring in a reviewed copy…"""
        if self.dialog is None:
            folder = self.session.path.parent if self.session.path else Path.home()
            self.dialog = ReviewDialog(self.session, folder, self.window)
            self.dialog.show_requested.connect(lambda: self.show_panels(inline=True))
            self.dialog.brought_in.connect(self.brought_in)
            self.dialog.import_requested.connect(self._import_instead)
        self.dialog.reset()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    @Slot()
    def show_panels(self, inline: bool = True) -> None:
        """Show the panels that have something (suggestions in front), and (`inline`)
        the changes in the text."""
        letter = self.session.letter
        pending = any(s.pending for s in letter.suggestions)
        if pending or not letter.comments:
            self.suggestions_dock.show()
            self.suggestions_dock.raise_()
        if letter.comments:
            self.comments_dock.show()
        if inline:
            self.suggestions_panel.inline_check.setChecked(True)

    @Slot(str)
    def _import_instead(self, path: str) -> None:
        dialog = self.window.files.new_from_previous()
        dialog.source_edit.setText(path)

    # -- decisions ---------------------------------------------------------------------
    def _push(self, change: Change) -> int:
        if change.notices:
            self.window.statusBar().showMessage(change.notices[0], 15000)
            self.suggestions_panel.show_notices(change.notices)
        return change.count if self.session.apply(change) else 0

    @Slot(list)
    def accept(self, ids: list[str]) -> int:
        return self._push(decide.accept(self.session.letter, ids))

    @Slot(list)
    def reject(self, ids: list[str]) -> int:
        return self._push(decide.reject(self.session.letter, ids))

    @Slot(object)
    def accept_all(self, author: str | None = None) -> int:
        """Accept every pending suggestion (of one reviewer when `author` is a name)."""
        return self._push(decide.accept_all(self.session.letter, author))

    @Slot(object)
    def reject_all(self, author: str | None = None) -> int:
        return self._push(decide.reject_all(self.session.letter, author))

    @Slot(str, str)
    def reply(self, comment_id: str, text: str) -> bool:
        author = self.window.settings.review_author()
        return self.session.apply(decide.reply(self.session.letter, comment_id, text, author))

    @Slot(str, bool)
    def resolve(self, comment_id: str, resolved: bool) -> bool:
        return self.session.apply(decide.resolve(self.session.letter, comment_id, resolved))

    @Slot(object)
    def brought_in(self, brought: BroughtIn) -> None:
        """A copy was read: add its suggestions and comments, record "Review by …"."""
        if self.session.apply(brought.change):
            self.session.save(brought.change.label)
        self.show_panels(inline=False)
