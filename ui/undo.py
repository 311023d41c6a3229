"""The one undo command: a domain `Change` on the session's undo stack.

Every edit of the letter is a `drafting.edits` function that returns a
`Change`; the session wraps it in a `ChangeCommand`, which applies it on redo
and reverts it on undo through the session's `_show_change`, which emits the
signals the views redraw on. The commands share one QUndoStack, so undo
works across sections: undoing an edit in a section the writer has left
brings that section back into view (`Session.reveal_requested`).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from drafting.edits import Change

if TYPE_CHECKING:
    from ui.session import Session

# Typing in one section, or editing one letter detail, within this many
# seconds of the last change is one undo step; a pause starts a new step.
MERGE_SECONDS = 1.5
MERGE_ID = 1


class ChangeCommand(QUndoCommand):
    """One change of the letter: applied on redo, reverted on undo.

    `from_editor` says the editor already shows the new text (typing), so the
    first redo does not reload it. `mergeable` changes of the same single
    section or letter detail, close in time, join into one undo step.
    """

    def __init__(self, session: Session, change: Change, cursor_before: int = -1,
                 cursor_after: int = -1, from_editor: bool = False,
                 mergeable: bool = False) -> None:
        super().__init__(change.label)
        self.session = session
        self.change = change
        self.cursor_before = cursor_before
        self.cursor_after = cursor_after
        self.mergeable = mergeable
        self.stamp = time.monotonic()
        self._first = True
        self._from_editor = from_editor

    def _key(self) -> tuple[str, ...]:
        c = self.change
        if c.letter is not None or c.fields:
            return ()
        if len(c.sections) == 1 and not c.metadata:
            return ("section", *c.sections)
        if len(c.metadata) == 1 and not c.sections:
            return ("metadata", *c.metadata)
        return ()

    def id(self) -> int:  # noqa: A003 - Qt override
        return MERGE_ID if self.mergeable and self._key() else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, ChangeCommand) or not other.mergeable:
            return False
        key = self._key()
        if not key or other._key() != key or other.stamp - self.stamp > MERGE_SECONDS:
            return False
        mine, theirs = self.change, other.change
        if key[0] == "section":
            old = mine.sections[key[1]][0]
            mine.sections[key[1]] = (old, theirs.sections[key[1]][1])
        else:
            old_value = mine.metadata[key[1]][0]
            mine.metadata[key[1]] = (old_value, theirs.metadata[key[1]][1])
        self.cursor_after = other.cursor_after
        self.stamp = other.stamp
        return True

    def redo(self) -> None:
        reload = not (self._first and self._from_editor)
        self.session._show_change(self.change, forward=True, reload=reload,
                                  cursor=self.cursor_after, reveal=not self._first
                                  or not self.change.metadata)
        self._first = False

    def undo(self) -> None:
        self.session._show_change(self.change, forward=False, reload=True,
                                  cursor=self.cursor_before, reveal=True)
