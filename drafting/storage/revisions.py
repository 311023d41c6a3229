"""The draft store's side of a merge (`drafting.storage.merging`): a draft's
shared id, its revisions and contents as stored, and the merge's one
transaction. Kept beside the store, whose internals it uses, so `store.py`
stays about everyday saving.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from drafting.letter import Letter
from drafting.storage.schema import Revision, stored_count, stored_text
from drafting.storage.store import DraftStore

# These functions are the store's own operations, written apart: they use its
# lock (`_mutex`), queries and transaction like its methods do.


def draft_id(store: DraftStore) -> str:
    """The id every copy of this draft shares: recorded when the draft was
    created; for a draft made before ids existed, derived from its first
    revision's content, so two copies of it still agree."""
    with store._mutex:
        rows = store._query("SELECT value FROM meta WHERE key = 'draft_id'")
        if rows and rows[0][0]:
            return str(rows[0][0])
        first = store._query("SELECT content FROM revision ORDER BY id LIMIT 1")
        return f"content-{str(first[0][0])[:32]}" if first else ""

def revision_rows(store: DraftStore) -> list[tuple[int, str, str, str, int, str]]:
    """Every revision as stored, oldest first: (id, created, kind, name,
    words, content hash)."""
    with store._mutex:
        rows = store._query(
            "SELECT id, created, kind, name, words, content FROM revision ORDER BY id")
        return [(int(r[0]), stored_text(r[1]), str(r[2]), stored_text(r[3]),
                 stored_count(r[4]), str(r[5])) for r in rows]

def content_rows(store: DraftStore, hashes: Iterable[str]) -> list[tuple[str, str, bytes]]:
    """The stored letters with these content hashes, as stored: (hash,
    encoding, data)."""
    with store._mutex:
        out: list[tuple[str, str, bytes]] = []
        for digest in dict.fromkeys(hashes):
            rows = store._query("SELECT hash, encoding, data FROM content WHERE hash = ?",
                               (digest,))
            out += [(str(r[0]), str(r[1]), bytes(r[2])) for r in rows]
        return out

def commit_merge(
    store: DraftStore,
    letter: Letter,
    name: str,
    revisions: Sequence[tuple[str, str, str, int, str]],
    contents: Sequence[tuple[str, str, bytes]],
    autosave_name: str,
) -> Revision:
    """Record a merge in one transaction: the other copy's `contents` rows
    (hash, encoding, data) and `revisions` (created, kind, name, words,
    content hash), then `letter` as the named revision `name`. An autosave
    at the tip becomes a named save `autosave_name` first (it is the state
    before the merge). A crash leaves the draft as it was before."""
    with store._mutex:
        store._check_writable()
        enc = store._encode(letter)
        tip = store._tip()
        with store._transaction():
            conn = store._db()
            if tip is not None and tip[1] == "autosave":
                conn.execute("UPDATE revision SET kind = 'save', name = ? WHERE id = ?",
                             (autosave_name, tip[0]))
            conn.executemany(
                "INSERT OR IGNORE INTO content(hash, encoding, data) VALUES (?, ?, ?)",
                contents)
            conn.executemany(
                "INSERT INTO revision(created, kind, name, words, content)"
                " VALUES (?, ?, ?, ?, ?)", revisions)
            store._store_content(enc)
            rev_id = store._insert_revision(enc, "save", name, store._words.count(letter))
            store._touch_meta()
        rev = store._revision(rev_id)
        store._backup(rev, enc.raw)
        return rev
