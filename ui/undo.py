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
from drafting.i18n import retranslate

if TYPE_CHECKING:
    from ui.session import Session

# Typing in one section, or editing one letter detail, within this many
# seconds of the last change may join the same undo step; a pause starts a new one.
MERGE_SECONDS = 1.5
MERGE_ID = 1

# An edit of a section's text, as undo sees it: "insert" or "delete" and the
# characters; "other" for anything else (formatting, replacing a selection).
Edit = tuple[str, str]


def typed_edit(change: Change) -> Edit:
    """What a one-section change did to the text, for undo's word steps.

    Untouched blocks are the same objects in the old and new lists (the
    editor reuses them), so only the blocks in between are compared; a
    paragraph break counts as an inserted or deleted newline.
    """
    if len(change.sections) != 1:
        return ("other", "")
    old, new = next(iter(change.sections.values()))
    i = 0
    while i < len(old) and i < len(new) and old[i] is new[i]:
        i += 1
    j = 0
    while j < len(old) - i and j < len(new) - i and old[-1 - j] is new[-1 - j]:
        j += 1
    before = "\n".join(b.text for b in old[i:len(old) - j])
    after = "\n".join(b.text for b in new[i:len(new) - j])
    if len(old) - j - i == 0 and i:  # a paragraph added after the last unchanged one
        before, after = "", "\n" + after
    p = 0
    limit = min(len(before), len(after))
    while p < limit and before[p] == after[p]:
        p += 1
    s = 0
    while s < limit - p and before[-1 - s] == after[-1 - s]:
        s += 1
    removed, inserted = before[p:len(before) - s], after[p:len(after) - s]
    if inserted and not removed:
        return ("insert", inserted)
    if removed and not inserted:
        return ("delete", removed)
    return ("other", "")


def is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_-’'"


class ChangeCommand(QUndoCommand):
    """One change of the letter: applied on redo, reverted on undo.

    `from_editor` says the editor already shows the new text (typing), so the
    first redo does not reload it. `mergeable` changes of the same single
    letter detail, close in time, join into one undo step; typing in a section
    joins in steps of a word, as word processors do: a word and the spaces or
    punctuation after it are one step, and the next word starts the next.
    Deleting works the same way backwards.
    A pause, a jump of the cursor, a paragraph break after punctuation, or a
    switch between typing and deleting also starts a step.
    """

    def __init__(self, session: Session, change: Change, cursor_before: int = -1,
                 cursor_after: int = -1, from_editor: bool = False,
                 mergeable: bool = False) -> None:
        super().__init__(change.label)
        self.session = session
        self.change = change
        self.label = change.label
        self.cursor_before = cursor_before
        self.cursor_after = cursor_after
        self.mergeable = mergeable
        self.stamp = time.monotonic()
        self._first = True
        self._from_editor = from_editor
        self._last_edit: Edit | None = None  # the latest edit merged in (computed when needed)
        self._has_word = False  # whether the step holds a word yet

    def retranslate(self) -> None:
        """Make the text shown in the Edit menu again in the interface language."""
        self.setText(retranslate(self.label))

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

    def _continues(self, other: ChangeCommand) -> bool:
        """Whether typing `other` carries on the word this step ends with."""
        if other.cursor_before != self.cursor_after:
            return False  # the writer moved the cursor in between
        if self._last_edit is None:
            self._last_edit = typed_edit(self.change)
            self._has_word = any(is_word_char(c) for c in self._last_edit[1])
        mine = self._last_edit
        theirs = typed_edit(other.change)
        if mine[0] == "other" or theirs[0] != mine[0] or not theirs[1] or not mine[1]:
            return False
        if len(theirs[1]) > 1:
            return False  # a paste or a completion is a step of its own
        if mine[0] == "insert":
            last, new = mine[1][-1], theirs[1][0]
        else:  # deleting backwards: the character removed now precedes the last one
            last, new = mine[1][0], theirs[1][-1]
        if new == "\n" and last != "\n" and not is_word_char(last):
            return False  # Enter after a sentence ends the step
        if is_word_char(new) and not is_word_char(last) and self._has_word:
            return False  # a new word (spaces typed before the first one join it)
        self._last_edit = theirs
        self._has_word = self._has_word or is_word_char(new)
        return True

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, ChangeCommand) or not other.mergeable:
            return False
        key = self._key()
        if not key or other._key() != key or other.stamp - self.stamp > MERGE_SECONDS:
            return False
        if key[0] == "section" and not self._continues(other):
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
