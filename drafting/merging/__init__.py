"""Merging two copies of one draft (issue 20): pure functions, no storage.

`merge_letters(base, ours, theirs)` is the three-way merge of letters
(`three_way`); `merge_records` and `pick` are its generic parts (`records`),
which new letter-level lists of records with ids use without new code. The
storage side (finding the common ancestor, the one transaction) is
`drafting.storage.merging`.
"""

from __future__ import annotations

from drafting.merging.records import (
    MISSING,
    RecordsMerged,
    insert_anchored,
    is_records,
    merge_records,
    pick,
)
from drafting.merging.three_way import MergeError, MergeResult, merge_letters

__all__ = [
    "MISSING", "MergeError", "MergeResult", "RecordsMerged", "insert_anchored", "is_records",
    "merge_letters", "merge_records", "pick",
]
