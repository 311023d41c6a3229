"""Edits of the session that reach across paragraphs or sections.

`BlockOperations` is mixed into `Session`: confirming carried-over text,
inserting standard text, replacing everywhere, applying a finding's fix and
moving paragraphs between sections (the way text in the unassigned area gets
into the letter). Each operation is one undo step.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from drafting.findings import Finding
from drafting.i18n import _, ngettext
from drafting.letter import UNASSIGNED, Block, Letter
from drafting.templates.model import Template, pick
from ui.text_ops import copy_blocks, replace_in_blocks, replace_range
from ui.undo import ReplaceSectionsCommand

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack


class BlockOperations:
    """Multi-paragraph edits of `Session` (a mixin listed before QObject)."""

    if TYPE_CHECKING:
        letter: Letter
        template: Template
        read_only: bool
        undo_stack: QUndoStack

        @property
        def language(self) -> str: ...

        def blocks(self, section_id: str) -> list[Block]: ...

        def section_heading(self, section_id: str) -> str: ...

        def set_section_blocks(self, section_id: str, blocks: list[Block], text: str) -> None: ...

    def editable_ids(self) -> list[str]:
        """The sections the editor can show: every section, then "unassigned" if it has text."""
        ids = self.letter.section_ids()
        return [*ids, UNASSIGNED] if self.letter.unassigned else ids

    def confirm_carried(self, block_id: str) -> bool:
        """The writer's word that a carried-over paragraph still holds (one undo step).

        False when the block is not in a section or not marked as carried.
        """
        found = self.letter.find_block(block_id)
        if self.read_only or found is None or not found[2].carried:
            return False
        sid, index, block = found
        if sid not in self.letter.section_ids():
            return False
        blocks = list(self.blocks(sid))
        blocks[index] = replace(block, carried=False)
        self.set_section_blocks(sid, blocks, _("Confirm carried paragraph"))
        return True

    def confirm_all_carried(self, section_id: str) -> int:
        """Confirm every carried paragraph of a section as one undo step; returns how many."""
        if self.read_only or section_id not in self.letter.section_ids():
            return 0
        blocks = list(self.blocks(section_id))
        count = 0
        for i, b in enumerate(blocks):
            if b.carried:
                blocks[i] = replace(b, carried=False)
                count += 1
        if count:
            self.set_section_blocks(section_id, blocks, _("Confirm carried text"))
        return count

    def insert_boilerplate(self, section_id: str, at: int | None = None) -> None:
        """Insert the template's standard text for a section before block `at` (None: end)."""
        try:
            texts = self.template.section(section_id).boilerplate
        except KeyError:
            return
        paragraphs = pick(texts, self.language) if texts else []  # type: ignore[arg-type]
        new = [Block.from_text(str(p), boilerplate=True) for p in paragraphs or []]
        blocks = list(self.blocks(section_id))
        at = len(blocks) if at is None else at
        self.set_section_blocks(section_id, blocks[:at] + new + blocks[at:],
                                _("Insert standard text"))

    def replace_all(
        self, needle: str, replacement: str, case_sensitive: bool = False, whole_word: bool = False
    ) -> int:
        """Replace in every section as one undo step; returns the count."""
        if self.read_only or not needle:
            return 0
        changes: dict[str, tuple[list[Block], list[Block]]] = {}
        total = 0
        for section in self.letter.sections:
            new, n = replace_in_blocks(
                section.blocks, needle, replacement, case_sensitive, whole_word
            )
            if n:
                changes[section.id] = (section.blocks, new)
                total += n
        if changes:
            text = _("Replace “{find}” with “{repl}”").format(find=needle, repl=replacement)
            self.undo_stack.push(ReplaceSectionsCommand(self, changes, text))  # type: ignore[arg-type]
        return total

    def apply_fix(self, finding: Finding) -> bool:
        """Apply a finding's automatic fix as one undo step."""
        fix = finding.fix
        if self.read_only or fix is None:
            return False
        where = self.letter.find_block(fix.block_id)
        if where is None:
            return False
        sid, index, block = where
        new = copy_blocks(self.blocks(sid))
        new[index] = replace_range(block, fix.offset, fix.offset + fix.length, fix.replacement)
        self.set_section_blocks(sid, new, _("Fix: {message}").format(message=finding.message))
        return True

    def move_blocks(self, block_ids: list[str], to_section: str, at: int | None = None) -> int:
        """Move paragraphs (from any section or the unassigned area) into `to_section`.

        They keep their order and ids (so confirmations follow them) and go
        before block `at` of the target (None: at its end). One undo step;
        returns how many moved (0 for an unknown target or nothing to move).
        """
        if self.read_only or to_section not in [*self.letter.section_ids(), UNASSIGNED]:
            return 0
        wanted = set(block_ids)
        changes: dict[str, tuple[list[Block], list[Block]]] = {}
        moved: list[Block] = []
        for sid in [*self.letter.section_ids(), UNASSIGNED]:
            if sid == to_section:
                continue
            old = self.blocks(sid)
            taken = [b for b in old if b.id in wanted]
            if taken:
                changes[sid] = (old, [b for b in old if b.id not in wanted])
                moved += taken
        if not moved:
            return 0
        target = self.blocks(to_section)
        at = len(target) if at is None else max(0, min(at, len(target)))
        changes[to_section] = (target, target[:at] + moved + target[at:])
        text = ngettext("Move {n} paragraph to “{section}”",
                        "Move {n} paragraphs to “{section}”", len(moved)).format(
            n=len(moved), section=self.section_heading(to_section))
        self.undo_stack.push(ReplaceSectionsCommand(self, changes, text))  # type: ignore[arg-type]
        return len(moved)

