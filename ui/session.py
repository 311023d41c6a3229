"""The open draft: the one object that owns and changes the letter (CONVENTIONS rule 2).

Widgets read `session.letter` and `session.result` but never mutate them; they
call the public methods here, which push undo commands, and they redraw on
the signals. The session also runs the live checks (debounced, only the
changed sections) and the autosave (after ~2 s idle, at least every 60 s).

The first full check does not run while the session is built: on a long
draft it takes a second, and the window should appear first. The window
calls `start_checking()` once it has painted; until the result is in,
`checked` is False and the panels say "Checking…". Code that needs findings
without a window calls `ensure_checked()`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QUndoStack

from drafting.checks import Checker
from drafting.errors import DraftError
from drafting.findings import Finding
from drafting.i18n import _
from drafting.letter import UNASSIGNED, Block, Letter
from drafting.templates.model import Template, pick
from ui.session_ops import BlockOperations
from ui.undo import (
    ConfirmCommand,
    EditSectionCommand,
    ReplaceLetterCommand,
    SetMetadataCommand,
)

log = logging.getLogger(__name__)

IDLE_AUTOSAVE_MS = 2000
MAX_AUTOSAVE_SECONDS = 60.0
CHECK_DEBOUNCE_MS = 300

METADATA_FIELDS = (
    "symbol", "date", "letter_date", "job_number", "language", "addressee",
    "signatory", "period_start", "period_end", "closing",
)


class Session(BlockOperations, QObject):
    """The letter being drafted, its template, its store and its undo stack.

    A "section" here may also be `UNASSIGNED`: the letter's unassigned area
    (text from a removed template section or an import), read and edited like
    a section but never part of a final letter.
    """

    section_changed = Signal(str)  # a section's blocks changed (any cause)
    section_reset = Signal(str, int)  # changed by other than typing: views reload (cursor or -1)
    metadata_changed = Signal()
    confirmations_changed = Signal()
    letter_replaced = Signal()
    findings_changed = Signal()
    saved = Signal(object)  # Revision of a named save
    autosaved = Signal(object)  # Revision of an autosave
    save_failed = Signal(str)
    reveal_requested = Signal(str, int)  # step id and cursor position to show

    def __init__(
        self,
        letter: Letter,
        template: Template,
        store: Any = None,
        path: str | Path | None = None,
        read_only: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.letter = letter
        self.template = template
        self.store = store
        self.path = Path(path) if path else None
        self.read_only = read_only
        self.undo_stack = QUndoStack(self)
        self.checker = Checker(template)
        self.result: Any = None
        self.last_saved: Any = None  # datetime of the last save or autosave
        self.dirty = False
        # Told to the writer when the window opens (e.g. a template migration).
        self.notices: list[str] = []
        self._dirty_since = 0.0
        self._pending_sections: set[str] | None = None
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DEBOUNCE_MS)
        self._check_timer.timeout.connect(self.check_now)
        self._autosave_timer = QTimer(self, singleShot=True, interval=IDLE_AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        # Zero interval: the first check runs once the event loop has finished
        # what it is doing (the window's first paint), not inside it.
        self._first_check_timer = QTimer(self, singleShot=True, interval=0)
        self._first_check_timer.timeout.connect(self.ensure_checked)

    # -- reading ------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.letter.metadata.language or "en"

    def section_heading(self, section_id: str) -> str:
        """The heading shown for a section (template's, else the stored one)."""
        if section_id == UNASSIGNED:
            return _("Unassigned text")
        try:
            ts = self.template.section(section_id)
        except KeyError:
            return self.letter.section(section_id).heading or section_id
        heading = ts.heading(self.language)
        return heading or _("Opening paragraph")

    def place_name(self, section_id: str | None, check: str = "") -> str:
        """Where a finding is, in the writer's words: its section's heading, or
        "Letter details" (metadata findings) / "Whole letter" when it has none."""
        if not section_id:
            return _("Letter details") if check == "metadata" else _("Whole letter")
        try:
            return self.section_heading(section_id)
        except KeyError:  # a section the letter no longer has
            return section_id

    def blocks(self, section_id: str) -> list[Block]:
        """The blocks of a section, or of the unassigned area for `UNASSIGNED`."""
        if section_id == UNASSIGNED:
            return self.letter.unassigned
        return self.letter.section(section_id).blocks

    @property
    def checked(self) -> bool:
        """Whether the first full check has run (findings and statuses are known)."""
        return self.result is not None

    def findings(self) -> list[Finding]:
        return list(self.result.findings) if self.result is not None else []

    def requirements(self) -> list[Any]:
        return list(self.result.requirements) if self.result is not None else []

    def requirements_met(self) -> tuple[int, int]:
        reqs = self.requirements()
        return sum(1 for r in reqs if r.status == "covered"), len(reqs)

    def title(self) -> str:
        return self.path.stem if self.path else _("Untitled letter")

    # -- editing (each pushes one undo command) -------------------------------
    def edit_section(
        self, section_id: str, blocks: list[Block], cursor_before: int = -1, cursor_after: int = -1
    ) -> bool:
        """Record the editor's new content of a section; False when nothing changed."""
        if self.read_only:
            return False
        old = self.blocks(section_id)
        blocks = clear_rewritten(old, blocks)
        if old == blocks:
            return False
        self.undo_stack.push(
            EditSectionCommand(self, section_id, old, blocks, cursor_before, cursor_after)
        )
        return True

    def set_section_blocks(self, section_id: str, blocks: list[Block], text: str) -> None:
        """Replace a section's content from outside the editor (the editor reloads)."""
        if self.read_only:
            return
        old = self.blocks(section_id)
        if old != blocks:
            self.undo_stack.push(
                EditSectionCommand(self, section_id, old, blocks, from_editor=False, text=text)
            )

    def set_metadata(self, name: str, value: Any) -> None:
        """Change one letter detail (`METADATA_FIELDS`)."""
        if self.read_only or name not in METADATA_FIELDS:
            return
        old = getattr(self.letter.metadata, name)
        if old == value:
            return
        if name == "language":
            self._change_language(old, value)
            return
        self.undo_stack.push(SetMetadataCommand(self, name, old, value))

    def _change_language(self, old: str, new: str) -> None:
        # Texts the writer never changed follow the language; edited ones stay.
        t = self.template
        self.undo_stack.beginMacro(_("Change language"))
        self.undo_stack.push(SetMetadataCommand(self, "language", old, new))
        for name, texts in (("addressee", t.addressees), ("closing", t.closings)):
            current = getattr(self.letter.metadata, name)
            if texts and current == pick(texts, old):
                self.undo_stack.push(SetMetadataCommand(self, name, current, pick(texts, new)))
        self.undo_stack.endMacro()

    def confirm(self, requirement_id: str, block_id: str) -> None:
        """The writer's word that block `block_id` meets the requirement."""
        if self.read_only or not self.letter.find_block(block_id):
            return
        if block_id not in self.letter.confirmed_blocks(requirement_id):
            self.undo_stack.push(ConfirmCommand(self, requirement_id, [block_id], True))

    def unconfirm(self, requirement_id: str, block_id: str | None = None) -> None:
        """Remove the writer's link to `block_id`, or every link when None."""
        if self.read_only:
            return
        linked = [c.block_id for c in self.letter.confirmations
                  if c.requirement_id == requirement_id]
        ids = linked if block_id is None else [b for b in linked if b == block_id]
        if ids:
            self.undo_stack.push(ConfirmCommand(self, requirement_id, ids, False))

    # -- saving ---------------------------------------------------------------
    def save(self, name: str | None = None) -> Any:
        """A named revision kept for good; returns the Revision (None if read-only)."""
        if self.store is None or self.read_only:
            return None
        try:
            rev = self.store.save(self.letter, name=name or _("Saved"))
        except DraftError as exc:
            self.save_failed.emit(str(exc))
            return None
        self._mark_clean(rev)
        self.undo_stack.setClean()
        self.saved.emit(rev)
        return rev

    @Slot()
    def autosave(self) -> Any:
        """Write the current state as a coalesced autosave if anything changed."""
        self._autosave_timer.stop()
        if self.store is None or self.read_only or not self.dirty:
            return None
        try:
            rev = self.store.autosave(self.letter)
        except (DraftError, OSError) as exc:
            log.exception("autosave failed")
            self.save_failed.emit(str(exc))
            return None
        self._mark_clean(rev)
        self.autosaved.emit(rev)
        return rev

    def _mark_clean(self, rev: Any) -> None:
        self.dirty = False
        self._dirty_since = 0.0
        self.last_saved = getattr(rev, "created", None)

    def revisions(self) -> list[Any]:
        return list(self.store.revisions()) if self.store is not None else []

    def load_revision(self, rev_id: int) -> Letter:
        letter: Letter = self.store.load_revision(rev_id)
        return letter

    def restore_revision(self, rev_id: int) -> Any:
        """Make an old revision current; the store records it as a new revision."""
        if self.store is None or self.read_only:
            return None
        rev = self.store.restore(rev_id)
        restored = self.store.load()
        self.undo_stack.push(
            ReplaceLetterCommand(self, self.letter, restored, _("Restore revision"))
        )
        self._mark_clean(rev)
        self.saved.emit(rev)
        return rev

    def close(self) -> None:
        """Final autosave, then release the store's lock."""
        self._check_timer.stop()
        self._first_check_timer.stop()
        self.autosave()
        if self.store is not None:
            self.store.close()
            self.store = None

    # -- checks ---------------------------------------------------------------
    def start_checking(self) -> None:
        """Run the first full check as soon as the event loop is free (no-op once checked)."""
        if not self.checked and not self._first_check_timer.isActive():
            self._first_check_timer.start()

    @Slot()
    def ensure_checked(self) -> None:
        """Run the first full check now unless it has run already."""
        self._first_check_timer.stop()
        if not self.checked:
            self.check_now()

    @Slot()
    def check_now(self) -> None:
        """Re-check the sections changed since the last check (all on the first)."""
        self._check_timer.stop()
        self._first_check_timer.stop()
        changed = self._pending_sections
        self._pending_sections = set()
        self.result = self.checker.check(self.letter, changed_sections=changed)
        self.findings_changed.emit()

    def final_blockers(self) -> list[Finding]:
        """What stops a final export now (reuses the live checker's cache)."""
        if self._check_timer.isActive() or not self.checked:
            self.check_now()
        return list(self.checker.check(self.letter, changed_sections=[], final=True).blocking())

    def _schedule_check(self, section_id: str | None) -> None:
        if self._pending_sections is not None and section_id is not None:
            self._pending_sections.add(section_id)
        elif section_id is None:
            self._pending_sections = None
        self._check_timer.start()

    def _touch(self) -> None:
        now = time.monotonic()
        if not self.dirty:
            self.dirty = True
            self._dirty_since = now
        if now - self._dirty_since >= MAX_AUTOSAVE_SECONDS:
            # Long uninterrupted typing never leaves an idle gap: save at once.
            QTimer.singleShot(0, self.autosave)
        else:
            self._autosave_timer.start()

    # -- setters for the undo commands only --------------------------------------
    def _set_blocks(self, section_id: str, blocks: list[Block], reset: bool, cursor: int) -> None:
        # Block objects are shared with undo snapshots; nothing edits one in place.
        if section_id == UNASSIGNED:
            self.letter.unassigned = list(blocks)
        else:
            self.letter.section(section_id).blocks = list(blocks)
        self._touch()
        self._schedule_check(section_id)
        self.section_changed.emit(section_id)
        if reset:
            self.section_reset.emit(section_id, cursor)

    def _set_metadata(self, name: str, value: Any) -> None:
        if isinstance(value, str) and name in ("date", "letter_date", "period_start", "period_end"):
            value = date.fromisoformat(value) if value else None
        setattr(self.letter.metadata, name, value)
        self._touch()
        self._schedule_check(None)
        self.metadata_changed.emit()

    def _set_confirmation(self, requirement_id: str, block_ids: list[str], link: bool) -> None:
        for block_id in block_ids:
            if link:
                self.letter.confirm(requirement_id, block_id)
            else:
                self.letter.unconfirm(requirement_id, block_id)
        self._touch()
        # No text changed: requirement statuses are recomputed from the cache.
        self._check_timer.start()
        self.confirmations_changed.emit()

    def _set_letter(self, letter: Letter) -> None:
        self.letter = letter
        self._touch()
        self._schedule_check(None)
        self.letter_replaced.emit()
        for sid in [*letter.section_ids(), UNASSIGNED]:
            self.section_reset.emit(sid, -1)
        self.metadata_changed.emit()


def clear_rewritten(old: list[Block], new: list[Block]) -> list[Block]:
    """`new` with the carried-over mark dropped from every paragraph the writer rewrote.

    A block stays carried only while its text equals the carried text (as
    `drafting.importers.carry.mark_rewritten` would decide); a new block
    (a paragraph split off by Enter) is the writer's own. Blocks are replaced,
    never changed in place, because undo snapshots share them.
    """
    before = {b.id: b for b in old}
    out: list[Block] = []
    for b in new:
        if b.carried:
            was = before.get(b.id)
            if was is None or not was.carried or was.text != b.text:
                b = replace(b, carried=False)
        out.append(b)
    return out
