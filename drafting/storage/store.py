"""The draft file (`.missive`, DESIGN §4): one SQLite file with the letter and
its revision history.

Layout (schema version 1, `PRAGMA user_version`; `PRAGMA application_id` is
`APPLICATION_ID`):
- `meta(key, value)`: app name and version, creation time, last writer.
- `content(hash, encoding, data)`: each distinct letter once, as compact JSON
  with sorted keys (zlib-compressed when large), keyed by the SHA-256 of the
  JSON. Revisions that share a text (a restore, a save right after an
  autosave) share one row, so unchanged data is never written twice.
- `revision(id, created, kind, name, words, content)`: `kind` is "save" (kept
  for good) or "autosave" (coalesced: at most one, at the tip of the history).

Journal mode is the classic rollback journal (DELETE), not WAL: between
transactions the draft is then one self-contained file that can be mailed or
copied to a USB stick, and it works on network shares where WAL's shared
memory does not. Every write is one transaction with `synchronous=FULL`, so a
crash or power cut leaves the old or the new state; a journal left hot by a
crash is rolled back by SQLite on the next (read-write) open.

Opening and creating (`drafting.storage.sqlfile`): the header is read before
SQLite sees the file, the schema is compared with ours before anything in it
can be evaluated (`drafting.storage.schema`), the lock is taken on the real
path, and a new draft never replaces a file. Every write first checks that
the path still names the file opened and that nobody else committed meanwhile
(a hard link, another program): else `DraftChangedError`, nothing written.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from drafting.errors import (
    CorruptDraftError,
    DraftChangedError,
    DraftError,
    UnreadableLetterError,
)
from drafting.i18n import _
from drafting.letter import Letter
from drafting.storage.backups import write_backup
from drafting.storage.draftfile import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    import_json,
    letter_from_json,
    letter_to_json,
    write_json,
)
from drafting.storage.schema import (
    APP_VERSION,
    MAX_LETTER_BYTES,
    Encoded,
    Revision,
    RevisionKind,
    StepBudget,
    WordCounter,
    decode_letter,
    letter_bytes,
    now_text,
    revision_from_row,
)
from drafting.storage.sqlfile import (
    SQLITE_READONLY_DBMOVED,
    abandon,
    changed_error,
    create_file,
    file_identity,
    open_error,
    open_file,
    replaced_error,
    too_large_to_save,
    validate_file,
    write_error,
)

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "DraftStore",
    "Revision",
    "import_json",
    "letter_from_json",
    "letter_to_json",
    "write_json",
]

if TYPE_CHECKING:
    import logging

    from drafting.storage.lockfile import DraftLock


def _logger() -> logging.Logger:
    # `logging` is only needed when a backup fails; not worth importing upfront.
    import logging

    return logging.getLogger(__name__)


class DraftStore:
    """An open draft file. Use `create` or `open`, ideally in a `with` block."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, lock: DraftLock | None, read_only: bool,
        budget: StepBudget | None = None,
    ) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = conn
        self._lock = lock
        self._read_only = read_only
        self._budget = budget
        self._mutex = threading.RLock()
        self._words = WordCounter()
        # The file opened, so a write notices when the path names another file
        # now, and the commits seen, so it notices another writer's.
        self._identity = file_identity(path)
        self._data_version: int | None = None
        # The letter read on opening, handed once to the first `load()` of the
        # same content instead of parsing the JSON again.
        self._opened: tuple[str, Letter] | None = None

    # -- opening ---------------------------------------------------------
    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        letter: Letter,
        name: str | None = None,
    ) -> DraftStore:
        """Write a new draft holding `letter` as its first named revision;
        returns it open for writing (and locked). Never replaces a file, even
        one another process creates at the same moment (`sqlfile.create_file`).
        """
        target = Path(path)
        conn, lock, budget = create_file(target, letter, _("Created") if name is None else name)
        store = cls(target, conn, lock, read_only=False, budget=budget)
        store._data_version = store._version()
        store._backup_tip()
        return store

    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False) -> DraftStore:
        """Open an existing draft, checking that it is ours, whole and not newer.

        Refusals leave the file's bytes untouched: `CorruptDraftError` (not a
        draft, damaged, or holding schema objects Missive did not create),
        `UnreadableLetterError` (its newest letter cannot be read),
        `NewerDraftError`, `DraftLockedError` (another live process writes
        it; the lock is taken on the real path, through symbolic links).
        `read_only` never takes the lock; writes then raise `DraftError`. A
        journal left by a crash is rolled back even in read-only mode.
        """
        target = Path(path)
        conn, lock, budget = open_file(target, read_only)
        try:
            store = cls(target, conn, lock, read_only, budget)
            validate_file(conn, target, writing=not read_only)
            store._check_tip()
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            if read_only:
                conn.execute("PRAGMA query_only=ON")
            store._data_version = store._version()
            return store
        except BaseException as exc:
            abandon(conn, lock, target, exc)

    def _check_tip(self) -> None:
        tip = self._tip()
        if tip is None:
            raise CorruptDraftError(
                _("{path} is damaged: its letter is missing.").format(path=self.path)
            )
        # a letter that cannot be read is refused now, not later
        self._opened = (tip[2], self._letter(tip[2]))

    # -- lifetime --------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self._read_only

    def close(self) -> None:
        """Close the file and release the lock (safe to call twice)."""
        with self._mutex:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> DraftStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise DraftError(_("{path} is closed.").format(path=self.path))
        if self._budget is not None:
            self._budget.reset()
        return self._conn

    # -- reading ---------------------------------------------------------
    def load(self) -> Letter:
        """The letter of the newest revision (an unsaved autosave included)."""
        with self._mutex:
            tip = self._tip()
            if tip is None:
                raise CorruptDraftError(
                    _("{path} is damaged: its letter is missing.").format(path=self.path)
                )
            opened, self._opened = self._opened, None
            if opened is not None and opened[0] == tip[2]:
                return opened[1]  # content is stored by its hash: same hash, same letter
            return self._letter(tip[2])

    def load_revision(self, rev_id: int) -> Letter:
        """The letter as it was in revision `rev_id`."""
        with self._mutex:
            return self._letter(self._content_of(rev_id))

    def revisions(self) -> list[Revision]:
        """Every revision, oldest first."""
        with self._mutex:
            rows = self._query(
                "SELECT id, created, kind, name, words FROM revision ORDER BY id"
            )
            return [revision_from_row(r) for r in rows]

    def has_unsaved_autosave(self) -> bool:
        """True when the newest revision is an autosave made after the last save."""
        with self._mutex:
            tip = self._tip()
            return tip is not None and tip[1] == "autosave"

    def meta(self) -> dict[str, str]:
        """The file's metadata (app version, creation time, …)."""
        with self._mutex:
            return {k: v for k, v in self._query("SELECT key, value FROM meta")}

    def export_json(self, path: str | os.PathLike[str]) -> None:
        """Write the newest letter as interchange JSON (atomically); never over
        this draft or any other (`drafting.storage.outputs`)."""
        from drafting.storage.outputs import check_output

        check_output(path, sources=[self.path], kind="json")
        write_json(self.load(), path)

    # -- writing ---------------------------------------------------------
    def save(self, letter: Letter, name: str | None = None) -> Revision:
        """Record `letter` as a named revision, kept for good.

        An autosave at the tip is superseded by the save and dropped. Saving
        again, unnamed, a letter identical to the newest save returns that
        save rather than cluttering the history.
        """
        with self._mutex:
            self._check_writable()
            enc = self._encode(letter)
            tip = self._tip()
            if name is None and tip is not None and tip[1] == "save" and tip[2] == enc.digest:
                return self._revision(tip[0])
            with self._transaction():
                self._store_content(enc)
                rev_id = self._insert_revision(enc, "save", name or "", self._words.count(letter))
                if tip is not None and tip[1] == "autosave":
                    self._drop_revision(tip[0], tip[2])
            rev = self._revision(rev_id)
            self._backup(rev, enc.raw)
            return rev

    def autosave(self, letter: Letter) -> Revision:
        """Record `letter` as the (single) autosave since the last named save.

        Nothing is written when the letter equals the newest revision.
        """
        with self._mutex:
            self._check_writable()
            enc = self._encode(letter)
            tip = self._tip()
            if tip is not None and tip[2] == enc.digest:
                return self._revision(tip[0])
            with self._transaction():
                self._store_content(enc)
                if tip is not None and tip[1] == "autosave":
                    rev_id = tip[0]
                    self._db().execute(
                        "UPDATE revision SET created = ?, words = ?, content = ? WHERE id = ?",
                        (now_text(), self._words.count(letter), enc.digest, rev_id),
                    )
                    self._drop_orphan(tip[2])
                else:
                    rev_id = self._insert_revision(enc, "autosave", "", self._words.count(letter))
            return self._revision(rev_id)

    def discard_autosave(self) -> None:
        """Forget the autosave at the tip (the writer declined to recover it)."""
        with self._mutex:
            self._check_writable()
            tip = self._tip()
            if tip is not None and tip[1] == "autosave":
                with self._transaction():
                    self._drop_revision(tip[0], tip[2])

    def restore(self, rev_id: int) -> Revision:
        """Make revision `rev_id`'s letter the newest, as a new named revision.

        An autosave at the tip is kept in the history: it may hold work the
        writer still wants.
        """
        with self._mutex:
            self._check_writable()
            old = self._revision(rev_id)
            digest = self._content_of(rev_id)
            label = old.name or old.when("%Y-%m-%d %H:%M")
            name = _("Restored from {label}").format(label=label)
            with self._transaction():
                self._db().execute(
                    "INSERT INTO revision(created, kind, name, words, content)"
                    " VALUES (?, 'save', ?, ?, ?)",
                    (now_text(), name, old.words, digest),
                )
                new_id = self._db().execute("SELECT last_insert_rowid()").fetchone()[0]
                self._touch_meta()
            self._backup_tip()
            return self._revision(int(new_id))

    # -- internals -------------------------------------------------------
    def _encode(self, letter: Letter) -> Encoded:
        enc = Encoded.of(letter)
        if len(enc.raw) > MAX_LETTER_BYTES:
            raise DraftError(too_large_to_save(self.path))
        return enc

    def _backup(self, rev: Revision, raw: bytes) -> None:
        """Copy an explicit save outside the draft (`drafting.storage.backups`).

        Runs after the commit: a backup that cannot be written (disk full,
        no user folder) is logged and never undoes or fails the save itself.
        """
        try:
            write_backup(self.path, rev, raw)
        except Exception as exc:  # noqa: BLE001 - the save is already committed
            _logger().warning("No backup copy of %s: %s", self.path, exc)

    def _backup_tip(self) -> None:
        try:
            tip = self._tip()
            rows = self._query("SELECT encoding, data FROM content WHERE hash = ?",
                               (tip[2],)) if tip is not None else []
            if tip is None or not rows:
                return
            raw = letter_bytes(*rows[0])
            rev = self._revision(tip[0])
        except (DraftError, ValueError, TypeError, zlib.error) as exc:
            _logger().warning("No backup copy of %s: %s", self.path, exc)
            return
        self._backup(rev, raw)

    def _check_writable(self) -> None:
        self._db()
        if self._read_only:
            raise DraftError(
                _("{path} is open read-only; changes cannot be saved.").format(path=self.path)
            )

    def _version(self) -> int:
        return int(self._db().execute("PRAGMA data_version").fetchone()[0])

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        conn = self._db()
        if file_identity(self.path) != self._identity:
            raise replaced_error(self.path)
        try:
            conn.execute("BEGIN IMMEDIATE")
            if self._data_version is not None and self._version() != self._data_version:
                raise changed_error(self.path)
            yield
            conn.execute("COMMIT")
        except (sqlite3.Error, OSError, DraftChangedError) as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # SQLite already rolled back (e.g. after SQLITE_FULL)
            if isinstance(exc, DraftChangedError):
                raise
            raise self._write_error(exc) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _write_error(self, exc: BaseException) -> DraftError:
        if (getattr(exc, "sqlite_errorcode", None) == SQLITE_READONLY_DBMOVED
                or file_identity(self.path) != self._identity):
            # The file at our path is another one now: claiming that the
            # previous version is intact would be false.
            return replaced_error(self.path)
        return write_error(self.path, exc)

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        try:
            return self._db().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise open_error(self.path, exc) from exc

    def _tip(self) -> tuple[int, str, str] | None:
        rows = self._query("SELECT id, kind, content FROM revision ORDER BY id DESC LIMIT 1")
        return (int(rows[0][0]), str(rows[0][1]), str(rows[0][2])) if rows else None

    def _revision(self, rev_id: int) -> Revision:
        self._check_id(rev_id)
        rows = self._query(
            "SELECT id, created, kind, name, words FROM revision WHERE id = ?", (rev_id,)
        )
        if not rows:
            raise DraftError(
                _("{path} has no revision {id}.").format(path=self.path, id=rev_id)
            )
        return revision_from_row(rows[0])

    def _check_id(self, rev_id: int) -> None:
        if not 0 < rev_id < 2**63:  # SQLite integers; no revision has another id
            raise DraftError(_("{path} has no revision {id}.").format(path=self.path, id=rev_id))

    def _content_of(self, rev_id: int) -> str:
        self._check_id(rev_id)
        rows = self._query("SELECT content FROM revision WHERE id = ?", (rev_id,))
        if not rows:
            raise DraftError(_("{path} has no revision {id}.").format(path=self.path, id=rev_id))
        return str(rows[0][0])

    def _letter(self, digest: str) -> Letter:
        rows = self._query("SELECT encoding, data FROM content WHERE hash = ?", (digest,))
        if not rows:
            raise UnreadableLetterError(
                _("{path} is damaged: a stored letter cannot be read.").format(path=self.path))
        return decode_letter(rows[0][0], rows[0][1], self.path)

    def _store_content(self, enc: Encoded) -> None:
        conn = self._db()
        if conn.execute("SELECT 1 FROM content WHERE hash = ?", (enc.digest,)).fetchone():
            return
        encoding, data = enc.stored()
        conn.execute(
            "INSERT INTO content(hash, encoding, data) VALUES (?, ?, ?)",
            (enc.digest, encoding, data),
        )

    def _insert_revision(self, enc: Encoded, kind: RevisionKind, name: str, words: int) -> int:
        conn = self._db()
        cur = conn.execute(
            "INSERT INTO revision(created, kind, name, words, content) VALUES (?, ?, ?, ?, ?)",
            (now_text(), kind, name, words, enc.digest),
        )
        self._touch_meta()
        return int(cur.lastrowid or 0)

    def _touch_meta(self) -> None:
        self._db().executemany(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
            [("modified", now_text()), ("last_app_version", APP_VERSION)],
        )

    def _drop_revision(self, rev_id: int, digest: str) -> None:
        self._db().execute("DELETE FROM revision WHERE id = ?", (rev_id,))
        self._drop_orphan(digest)

    def _drop_orphan(self, digest: str) -> None:
        self._db().execute(
            "DELETE FROM content WHERE hash = ?"
            " AND NOT EXISTS (SELECT 1 FROM revision WHERE content = ?)",
            (digest, digest),
        )
