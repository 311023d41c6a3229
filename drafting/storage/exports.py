"""Recording an export in its draft, so a reviewed copy can come back
(`drafting.storage.reviews`): the exported letter is kept as a revision and
the DOCX is stamped with the draft's id, that revision and its digest.

Kept apart from the review code so exporting loads only what it needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafting.i18n import _
from drafting.letter import Letter
from drafting.review.stamp import ExportStamp
from drafting.storage.revisions import draft_id, revision_rows
from drafting.storage.schema import Encoded
from drafting.storage.store import DraftStore, Revision


def letter_digest(letter: Letter) -> str:
    """The SHA-256 the store files `letter`'s content under (equal letters, equal digests)."""
    return Encoded.of(letter).digest


def draft_identity(store: DraftStore) -> str:
    """The id every copy of the draft shares (`drafting.storage.revisions.draft_id`),
    never its path."""
    return draft_id(store)


def revision_digests(store: DraftStore) -> dict[int, str]:
    """Each revision's content digest."""
    return {row[0]: row[5] for row in revision_rows(store)}


@dataclass(frozen=True)
class Recorded:
    """The stamp of an export and the revision it names (`saved`: made for it)."""

    stamp: ExportStamp
    revision: Revision
    saved: bool


def record_export(store: DraftStore, letter: Letter, file_name: str) -> Recorded:
    """The stamp for exporting `letter`, its revision kept in the draft (see module doc).

    A draft open read-only is not written: the stamp then names its newest
    revision, which a later save may replace.
    """
    digest = letter_digest(letter)
    revisions = store.revisions()
    tip = revisions[-1]
    saved = False
    if not (tip.kind == "save" and revision_digests(store)[tip.id] == digest) and not store.read_only:
        tip = store.save(letter, name=_("Exported to {file}").format(file=file_name))
        saved = True
    return Recorded(ExportStamp(draft_identity(store), tip.id, digest), tip, saved)
