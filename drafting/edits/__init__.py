"""Edits of a letter as domain operations (CONVENTIONS rule 2).

    change = edits.fill_section(letter, "security", blocks, "force.txt")
    letter = change.apply(letter)

Each function takes a letter and returns a `Change` (old and new states of
what it touches) without changing the letter. The GUI session pushes changes
on its undo stack; the CLI applies them and saves.
"""

from __future__ import annotations

from drafting.edits.change import Change, blocks_of, editable_ids, set_blocks
from drafting.edits.conflicts import resolve_conflict, resolve_conflicts
from drafting.edits.ops import (
    METADATA_FIELDS,
    apply_fixes,
    confirm,
    confirm_all_carried,
    confirm_carried,
    confirm_suggested,
    edit_section,
    fill_section,
    insert_boilerplate,
    migrate,
    move_blocks,
    replace_all,
    replace_match,
    set_metadata,
    set_section,
    settle_marks,
    unconfirm,
)
from drafting.edits.period import PERIOD_FIELDS, period_sections, set_period
from drafting.edits.review import accept as accept_suggestions
from drafting.edits.review import accept_all as accept_all_suggestions
from drafting.edits.review import add_review
from drafting.edits.review import reject as reject_suggestions
from drafting.edits.review import reject_all as reject_all_suggestions
from drafting.edits.review import reply as reply_comment
from drafting.edits.review import resolve as resolve_comment
from drafting.edits.text import TextMatch, find_all, replace_range, respan

__all__ = [
    "METADATA_FIELDS", "PERIOD_FIELDS", "Change", "TextMatch", "apply_fixes", "blocks_of",
    "confirm", "confirm_all_carried", "confirm_carried", "confirm_suggested", "edit_section",
    "editable_ids", "fill_section", "find_all", "insert_boilerplate", "migrate", "move_blocks",
    "period_sections", "replace_all", "replace_match", "replace_range", "resolve_conflict",
    "resolve_conflicts", "respan", "set_blocks", "set_metadata", "set_period", "set_section",
    "settle_marks", "unconfirm",
    # reviewers' suggestions and comments (drafting.edits.review)
    "accept_all_suggestions", "accept_suggestions", "add_review", "reject_all_suggestions",
    "reject_suggestions", "reply_comment", "resolve_comment",
]
