"""The open draft: the one object that owns and changes the letter (CONVENTIONS rule 2).

Widgets read `session.letter` and `session.result` but never mutate them; they
call the public methods here, which push undo commands, and they redraw on
the signals. The session also runs the live checks (debounced, only the
changed sections) and the autosave (after 1 s idle; while typing, at the
first short pause once the unsaved work is 5 s old, and never more than 15 s).

The first full check does not run while the session is built: on a long
draft it takes a second, and the window should appear first. The window
calls `start_checking()` once it has painted; until the result is in,
`checked` is False and the panels say "Checking…". Code that needs findings
without a window calls `ensure_checked()`.
"""

from __future__ import annotations

import logging
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QUndoStack

from drafting import edits
from drafting.checks import Checker
from drafting.checks.result import CheckResult, RequirementStatus
from drafting.edits import Change, TextMatch
from drafting.errors import DraftChangedError, DraftError
from drafting.findings import Finding
from drafting.i18n import _, lazy
from drafting.letter import UNASSIGNED, Block, Letter
from drafting.review.stamp import ExportStamp
from drafting.storage.rescue import rescue_draft
from drafting.storage.store import DraftStore, Revision
from drafting.templates.model import Template
from ui.undo import ChangeCommand

log = logging.getLogger(__name__)

# Autosave: one second after the last edit; while the writer keeps typing,
# at the first short gap between keys once the unsaved work is a few seconds
# old; and never later than HARD_AUTOSAVE_SECONDS, between two keystrokes.
# A crash then loses a few seconds of typing at most. Saving always runs from
# a timer, never inside the handling of a key.
IDLE_AUTOSAVE_MS = 1000
MAX_AUTOSAVE_SECONDS = 5.0
TYPING_GAP_MS = 300
HARD_AUTOSAVE_SECONDS = 15.0
CHECK_DEBOUNCE_MS = 300

METADATA_FIELDS = edits.METADATA_FIELDS
DATE_FIELDS = ("date", "letter_date", "period_start", "period_end")


class Session(QObject):
    """The letter being drafted, its template, its store and its undo stack.

    A "section" here may also be `UNASSIGNED`: the letter's unassigned area
    (text from a removed template section or an import), read and edited like
    a section but never part of a final letter.
    """

    section_changed = Signal(str)  # a section's blocks changed (any cause)
    section_reset = Signal(str, int)  # changed by other than typing: views reload (cursor or -1)
    metadata_changed = Signal()
    confirmations_changed = Signal()
    review_changed = Signal()  # reviewers' suggestions, comments or reviews changed
    letter_replaced = Signal()
    findings_changed = Signal()
    saved = Signal(object)  # Revision of a named save
    autosaved = Signal(object)  # Revision of an autosave
    save_failed = Signal(str)
    # The draft could no longer be saved into; the text went to a new draft
    # (the message says which), now the one this session writes.
    rescued = Signal(str)
    reveal_requested = Signal(str, int)  # step id and cursor position to show

    def __init__(
        self,
        letter: Letter,
        template: Template,
        store: DraftStore | None = None,
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
        self.result: CheckResult | None = None
        self.last_saved: datetime | None = None  # of the last save or autosave
        self.dirty = False
        # Told to the writer when the window opens (e.g. a template migration).
        self.notices: list[str] = []
        self._dirty_since = 0.0
        self._pending_sections: set[str] | None = None
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DEBOUNCE_MS)
        self._check_timer.timeout.connect(self.check_now)
        self._autosave_timer = QTimer(self, singleShot=True, interval=IDLE_AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        # Restarted at every edit once the unsaved work is old: fires in the
        # first gap between keystrokes.
        self._gap_timer = QTimer(self, singleShot=True, interval=TYPING_GAP_MS)
        self._gap_timer.timeout.connect(self.autosave)
        self.max_autosave_seconds = MAX_AUTOSAVE_SECONDS
        self.hard_autosave_seconds = HARD_AUTOSAVE_SECONDS
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

    def reported_findings(self) -> list[Finding]:
        """The findings as the reviewer sees them: grouped per section, blocking first."""
        return self.result.reported() if self.result is not None else []

    def requirements(self) -> list[RequirementStatus]:
        return list(self.result.requirements) if self.result is not None else []

    def requirements_met(self) -> tuple[int, int]:
        """(confirmed, total): a suggestion is not "met" until the writer confirms it."""
        reqs = self.requirements()
        return sum(1 for r in reqs if r.status == "covered" and r.source == "confirmed"), len(reqs)

    def coverage_counts(self) -> dict[str, int]:
        """How many requirements are confirmed, suggested, carried and missing."""
        if self.result is None:
            return {"confirmed": 0, "suggested": 0, "carried": 0, "missing": 0}
        return self.result.coverage_counts()

    def title(self) -> str:
        return self.path.stem if self.path else _("Untitled letter")

    # -- editing: each is a `drafting.edits` change pushed as one undo step -------
    def apply(self, change: Change, cursor_before: int = -1, cursor_after: int = -1,
              from_editor: bool = False, mergeable: bool = False) -> bool:
        """Push `change` on the undo stack (which applies it); False when read-only
        or when the change is empty."""
        if self.read_only or change.empty:
            return False
        self.undo_stack.push(ChangeCommand(self, change, cursor_before, cursor_after,
                                           from_editor=from_editor, mergeable=mergeable))
        return True

    def retranslate_undo(self) -> None:
        """Make the undo steps' texts again in the interface language (after a switch)."""
        for i in range(self.undo_stack.count()):
            command = self.undo_stack.command(i)
            if isinstance(command, ChangeCommand):
                command.retranslate()

    def editable_ids(self) -> list[str]:
        """The sections the editor can show: every section, then "unassigned" if it has text."""
        return edits.editable_ids(self.letter)

    def edit_section(
        self, section_id: str, blocks: list[Block], cursor_before: int = -1, cursor_after: int = -1
    ) -> bool:
        """Record the editor's new content of a section; False when nothing changed."""
        return self.apply(edits.edit_section(self.letter, section_id, blocks),
                          cursor_before, cursor_after, from_editor=True, mergeable=True)

    def set_section_blocks(self, section_id: str, blocks: list[Block], text: str) -> None:
        """Replace a section's content from outside the editor (the editor reloads)."""
        self.apply(edits.set_section(self.letter, section_id, blocks, text))

    def set_metadata(self, name: str, value: Any) -> None:
        """Change one letter detail (`drafting.edits.METADATA_FIELDS`)."""
        if isinstance(value, str) and name in DATE_FIELDS:
            value = date.fromisoformat(value) if value else None
        if name in edits.PERIOD_FIELDS:
            # The opening names the period: it follows, in the same undo step.
            self.apply(edits.set_period(self.letter, self.template, name, value))
        elif name in edits.METADATA_FIELDS:
            self.apply(edits.set_metadata(self.letter, self.template, name, value),
                       mergeable=name != "language")

    def confirm(self, requirement_id: str, block_id: str) -> None:
        """The writer's word that block `block_id` meets the requirement."""
        self.apply(edits.confirm(self.letter, requirement_id, [block_id]))

    def confirm_suggested(self) -> int:
        """Confirm every suggestion with its best paragraph, as one undo step;
        returns how many requirements were confirmed."""
        if self._check_timer.isActive() or not self.checked:
            self.check_now()  # the suggestions of the text as it is now
        change = edits.confirm_suggested(self.letter, self.requirements())
        return change.count if self.apply(change) else 0

    def unconfirm(self, requirement_id: str, block_id: str | None = None) -> None:
        """Remove the writer's link to `block_id`, or every link when None."""
        self.apply(edits.unconfirm(self.letter, requirement_id, block_id))

    def confirm_carried(self, block_id: str) -> bool:
        """The writer's word that a carried-over paragraph still holds (one undo step)."""
        return self.apply(edits.confirm_carried(self.letter, [block_id]))

    def confirm_all_carried(self, section_id: str) -> int:
        """Confirm every carried paragraph of a section as one undo step; returns how many."""
        if section_id not in self.letter.section_ids():
            return 0
        change = edits.confirm_all_carried(self.letter, section_id)
        return change.count if self.apply(change) else 0

    def insert_boilerplate(self, section_id: str, at: int | None = None) -> None:
        """Insert the template's standard text for a section before block `at` (None: end)."""
        self.apply(edits.insert_boilerplate(self.letter, self.template, section_id, at))

    def replace_match(self, match: TextMatch, replacement: str) -> bool:
        """Replace one found occurrence (one undo step)."""
        return self.apply(edits.replace_match(self.letter, match, replacement))

    def replace_all(
        self, needle: str, replacement: str, case_sensitive: bool = False, whole_word: bool = False
    ) -> int:
        """Replace in every section as one undo step; returns the count."""
        change = edits.replace_all(self.letter, needle, replacement, case_sensitive, whole_word)
        return change.count if self.apply(change) else 0

    def apply_fix(self, finding: Finding) -> bool:
        """Apply a finding's automatic fix as one undo step (a group's: all of them)."""
        return self.apply(edits.apply_fixes(self.letter, [finding]))

    def move_blocks(self, block_ids: list[str], to_section: str, at: int | None = None) -> int:
        """Move paragraphs (from any section or the unassigned area) into `to_section`.

        They keep their order and ids (so confirmations follow them). One undo
        step; returns how many moved.
        """
        heading = (self.section_heading(to_section)
                   if to_section in self.editable_ids() or to_section == UNASSIGNED else None)
        change = edits.move_blocks(self.letter, block_ids, to_section, at, heading=heading)
        return change.count if self.apply(change) else 0

    # -- saving ---------------------------------------------------------------
    def save(self, name: str | None = None) -> Revision | None:
        """A named revision kept for good; returns the Revision (None if read-only)."""
        if self.store is None or self.read_only:
            return None
        try:
            rev = self.store.save(self.letter, name=name or _("Saved"))
        except DraftChangedError as exc:
            return self._rescue(exc)
        except DraftError as exc:
            self.save_failed.emit(str(exc))
            return None
        self._mark_clean(rev)
        self.undo_stack.setClean()
        self.saved.emit(rev)
        return rev

    @Slot()
    def autosave(self) -> Revision | None:
        """Write the current state as a coalesced autosave if anything changed."""
        self._autosave_timer.stop()
        self._gap_timer.stop()
        if self.store is None or self.read_only or not self.dirty:
            return None
        try:
            rev = self.store.autosave(self.letter)
        except DraftChangedError as exc:
            return self._rescue(exc)
        except (DraftError, OSError) as exc:
            log.exception("autosave failed")
            self.save_failed.emit(str(exc))
            return None
        self._mark_clean(rev)
        self.autosaved.emit(rev)
        return rev

    def _rescue(self, problem: DraftChangedError) -> Revision | None:
        """Save the letter into a new draft beside the one that can no longer
        be written (`drafting.storage.rescue`) and carry on there."""
        assert self.path is not None
        try:
            store = rescue_draft(self.path, self.letter)
        except (DraftError, OSError) as exc:
            self.save_failed.emit(_("{problem} Your text is still here, but it could not be "
                                    "saved elsewhere either: {reason}").format(
                                        problem=problem, reason=exc))
            return None
        if self.store is not None:
            self.store.close()
        self.store, self.path = store, store.path
        rev = store.revisions()[-1]
        self._mark_clean(rev)
        self.undo_stack.setClean()
        self.rescued.emit(_("{problem} Your text was saved as “{name}”, which is now the "
                            "draft open in this window.").format(problem=problem,
                                                                  name=store.path.name))
        self.saved.emit(rev)
        return rev

    def _mark_clean(self, rev: Revision) -> None:
        self.dirty = False
        self._dirty_since = 0.0
        self.last_saved = rev.created

    def record_export(self, file_name: str) -> ExportStamp | None:
        """The stamp an export of the current letter carries, its revision kept in
        the draft (a named save when needed; `drafting.storage.reviews`)."""
        if self.store is None:
            return None
        from drafting.storage.exports import record_export

        try:
            recorded = record_export(self.store, self.letter, file_name)
        except DraftError as exc:
            self.save_failed.emit(str(exc))
            return None
        if recorded.saved:
            self._mark_clean(recorded.revision)
            self.undo_stack.setClean()
            self.saved.emit(recorded.revision)
        return recorded.stamp

    def revisions(self) -> list[Revision]:
        return list(self.store.revisions()) if self.store is not None else []

    def load_revision(self, rev_id: int) -> Letter:
        if self.store is None:
            raise DraftError(_("This letter has no revisions: it is not saved in a draft file."))
        return self.store.load_revision(rev_id)

    def restore_revision(self, rev_id: int) -> Revision | None:
        """Make an old revision current; the store records it as a new revision."""
        if self.store is None or self.read_only:
            return None
        try:
            rev = self.store.restore(rev_id)
        except DraftChangedError as exc:
            # The revisions shown belong to a file that is gone or changed:
            # keep what is in the window rather than restoring from it.
            self._rescue(exc)
            return None
        restored = self.store.load()
        self.apply(Change(lazy(lambda: _("Restore revision")), letter=(self.letter, restored)))
        self._mark_clean(rev)
        self.saved.emit(rev)
        return rev

    def adopt_merged(self, letter: Letter, rev: Revision | None, label: str) -> None:
        """Show the letter a merge has just recorded in the store (one undo step,
        like a restored revision: undoing it brings the text back, the history
        keeps both)."""
        self.apply(Change(label, letter=(self.letter, letter)))
        if rev is not None:
            self._mark_clean(rev)
            self.saved.emit(rev)

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
        self._autosave_timer.start()
        age = now - self._dirty_since
        if age >= self.hard_autosave_seconds:
            # Typing without any gap: save once this keystroke has been handled.
            QTimer.singleShot(0, self.autosave)
        elif age >= self.max_autosave_seconds:
            self._gap_timer.start()

    # -- the undo command's way in: apply or revert a change, then tell the views ----
    def _show_change(self, change: Change, forward: bool, reload: bool, cursor: int,
                     reveal: bool) -> None:
        # Block objects are shared with undo snapshots; nothing edits one in place.
        self.letter = change.apply(self.letter) if forward else change.revert(self.letter)
        self._touch()
        if change.letter is not None:
            self._schedule_check(None)
            self.letter_replaced.emit()
            for sid in [*self.letter.section_ids(), UNASSIGNED]:
                self.section_reset.emit(sid, -1)
            self.metadata_changed.emit()
            return
        for section_id in change.sections:
            self._schedule_check(section_id)
            self.section_changed.emit(section_id)
            if reload:
                self.section_reset.emit(section_id, cursor)
        if reveal and reload and len(change.sections) == 1:
            self.reveal_requested.emit(next(iter(change.sections)), cursor)
        if change.metadata:
            self._schedule_check(None)
            self.metadata_changed.emit()
            if reveal:
                self.reveal_requested.emit("details", -1)
        if "annexes" in change.fields or "conflicts" in change.fields:
            self._schedule_check(None)
        if "confirmations" in change.fields:
            # No text changed: requirement statuses are recomputed from the cache.
            self._check_timer.start()
            self.confirmations_changed.emit()
        if {"suggestions", "comments", "reviews"} & change.fields.keys():
            self._check_timer.start()
            self.review_changed.emit()
