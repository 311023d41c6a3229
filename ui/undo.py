"""Undo commands: every change to the letter is one of these (CONVENTIONS rule 2).

Commands hold before/after snapshots and call the session's private setters,
which emit the change signals. They live on the session's one QUndoStack, so
undo works across sections: undoing an edit in a section the writer has left
brings that section back into view (`Session.reveal_requested`).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from drafting.i18n import _
from drafting.letter import Block, Letter

if TYPE_CHECKING:
    from ui.session import Session

TYPING_ID = 1
METADATA_ID = 2
# Typing in one section within this many seconds of the last keystroke is one
# undo step, as in a word processor; a pause starts a new step.
MERGE_SECONDS = 1.5


class EditSectionCommand(QUndoCommand):
    """Replace the blocks of one section (typing, pasting, formatting)."""

    def __init__(
        self,
        session: Session,
        section_id: str,
        old: list[Block],
        new: list[Block],
        cursor_before: int = -1,
        cursor_after: int = -1,
        from_editor: bool = True,
        text: str = "",
    ) -> None:
        super().__init__(text or _("Typing"))
        self.session = session
        self.section_id = section_id
        # Blocks are replaced, never changed in place, so a list copy is a snapshot.
        self.old = list(old)
        self.new = list(new)
        self.cursor_before = cursor_before
        self.cursor_after = cursor_after
        # The editor already shows the new text when it pushes the command.
        self._skip_reset = from_editor
        self.mergeable = from_editor
        self.stamp = time.monotonic()

    def id(self) -> int:  # noqa: A003 - Qt override
        return TYPING_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, EditSectionCommand) or not other.mergeable:
            return False
        if other.section_id != self.section_id or other.stamp - self.stamp > MERGE_SECONDS:
            return False
        self.new = other.new
        self.cursor_after = other.cursor_after
        self.stamp = other.stamp
        return True

    def redo(self) -> None:
        reset = not self._skip_reset
        self.session._set_blocks(self.section_id, self.new, reset, self.cursor_after)
        if reset:
            self.session.reveal_requested.emit(self.section_id, self.cursor_after)
        self._skip_reset = False

    def undo(self) -> None:
        self.session._set_blocks(self.section_id, self.old, True, self.cursor_before)
        self.session.reveal_requested.emit(self.section_id, self.cursor_before)


class ReplaceSectionsCommand(QUndoCommand):
    """Replace the blocks of several sections at once (replace all, fixes)."""

    def __init__(
        self, session: Session, changes: dict[str, tuple[list[Block], list[Block]]], text: str
    ) -> None:
        super().__init__(text)
        self.session = session
        self.changes = {sid: (list(o), list(n)) for sid, (o, n) in changes.items()}

    def redo(self) -> None:
        for sid, (_old, new) in self.changes.items():
            self.session._set_blocks(sid, new, True, -1)

    def undo(self) -> None:
        for sid, (old, _new) in self.changes.items():
            self.session._set_blocks(sid, old, True, -1)


class SetMetadataCommand(QUndoCommand):
    """Change one metadata field; successive edits of the same field merge."""

    def __init__(self, session: Session, name: str, old: Any, new: Any) -> None:
        super().__init__(_("Change letter details"))
        self.session = session
        self.name = name
        self.old = old
        self.new = new
        self.stamp = time.monotonic()
        self._first = True

    def id(self) -> int:  # noqa: A003 - Qt override
        return METADATA_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, SetMetadataCommand) or other.name != self.name:
            return False
        if other.stamp - self.stamp > MERGE_SECONDS:
            return False
        self.new = other.new
        self.stamp = other.stamp
        return True

    def redo(self) -> None:
        self.session._set_metadata(self.name, self.new)
        if not self._first:
            self.session.reveal_requested.emit("details", -1)
        self._first = False

    def undo(self) -> None:
        self.session._set_metadata(self.name, self.old)
        self.session.reveal_requested.emit("details", -1)


class ConfirmCommand(QUndoCommand):
    """Link (or unlink) a requirement to one or more paragraphs."""

    def __init__(
        self, session: Session, requirement_id: str, block_ids: list[str], link: bool
    ) -> None:
        super().__init__(_("Confirm requirement") if link else _("Unlink requirement"))
        self.session = session
        self.requirement_id = requirement_id
        self.block_ids = list(block_ids)
        self.link = link

    def redo(self) -> None:
        self.session._set_confirmation(self.requirement_id, self.block_ids, self.link)

    def undo(self) -> None:
        self.session._set_confirmation(self.requirement_id, self.block_ids, not self.link)


class ReplaceLetterCommand(QUndoCommand):
    """Swap the whole letter (restoring a revision)."""

    def __init__(self, session: Session, old: Letter, new: Letter, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.old = old.copy()
        self.new = new.copy()

    def redo(self) -> None:
        self.session._set_letter(self.new.copy())

    def undo(self) -> None:
        self.session._set_letter(self.old.copy())
