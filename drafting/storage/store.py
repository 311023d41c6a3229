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

Opening inspects the file header ourselves before SQLite sees the file, so a
file that is not ours is refused without being touched.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import threading
import uuid
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from drafting.errors import CorruptDraftError, DraftError, NewerDraftError
from drafting.i18n import _
from drafting.letter import Letter, count_words
from drafting.storage.backups import write_backup
from drafting.storage.draftfile import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    check_header,
    fsync_dir,
    import_json,
    letter_from_json,
    letter_to_json,
    write_json,
)

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "DraftStore",
    "Revision",
    "import_json",
    "letter_digest",
    "letter_from_json",
    "letter_to_json",
    "write_json",
]

if TYPE_CHECKING:
    import logging

    from drafting.storage.lockfile import DraftLock


def _new_lock(target: Path) -> DraftLock:
    # Imported here: reading a draft (`check`, `export`) takes no lock, and
    # the lock module brings in `socket`, a cost every command would pay.
    from drafting.storage.lockfile import DraftLock

    return DraftLock(target)


def _logger() -> logging.Logger:
    # `logging` is only needed when a backup fails; not worth importing upfront.
    import logging

    return logging.getLogger(__name__)

APP_NAME = "Missive"
APP_VERSION = "0.1.0"

# JSON below this size is stored as is: compressing it saves little. Level 1
# keeps a 50-page letter's save around a millisecond and still shrinks it ~4x.
_COMPRESS_ABOVE = 4096
_COMPRESS_LEVEL = 1
# Word counts per block text, so a save recounts only the blocks that changed.
_WORD_MEMO_LIMIT = 20000
_SQLITE_FULL = getattr(sqlite3, "SQLITE_FULL", 13)
_SQLITE_READONLY = getattr(sqlite3, "SQLITE_READONLY", 8)
_SQLITE_BUSY = getattr(sqlite3, "SQLITE_BUSY", 5)
_SQLITE_LOCKED = getattr(sqlite3, "SQLITE_LOCKED", 6)
_SQLITE_CORRUPT = getattr(sqlite3, "SQLITE_CORRUPT", 11)
_SQLITE_NOTADB = getattr(sqlite3, "SQLITE_NOTADB", 26)

_SCHEMA = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE content (
    hash TEXT PRIMARY KEY,
    encoding TEXT NOT NULL CHECK (encoding IN ('json', 'json+zlib')),
    data BLOB NOT NULL
);
CREATE TABLE revision (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('save', 'autosave')),
    name TEXT NOT NULL DEFAULT '',
    words INTEGER NOT NULL DEFAULT 0,
    content TEXT NOT NULL REFERENCES content(hash)
);
"""
_TABLES = {"meta", "content", "revision"}

RevisionKind = Literal["save", "autosave"]


@dataclass(frozen=True)
class Revision:
    """One stored state of the letter. `created` is timezone-aware UTC."""

    id: int
    created: datetime
    kind: RevisionKind
    name: str
    words: int


@dataclass(frozen=True)
class _Encoded:
    raw: bytes  # compact JSON, sorted keys: equal letters give equal bytes
    digest: str

    @classmethod
    def of(cls, letter: Letter) -> _Encoded:
        raw = json.dumps(
            letter.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode("utf-8")
        return cls(raw, hashlib.sha256(raw).hexdigest())

    def stored(self) -> tuple[str, bytes]:
        if len(self.raw) > _COMPRESS_ABOVE:
            return "json+zlib", zlib.compress(self.raw, _COMPRESS_LEVEL)
        return "json", self.raw


def letter_digest(letter: Letter) -> str:
    """The SHA-256 the store files `letter`'s content under (equal letters, equal digests)."""
    return _Encoded.of(letter).digest


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _uri(path: Path) -> str:
    # mode=rw: never create a missing file; falls back to read-only by itself
    # when the OS forbids writing.
    return path.resolve().as_uri() + "?mode=rw"


class DraftStore:
    """An open draft file. Use `create` or `open`, ideally in a `with` block."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, lock: DraftLock | None, read_only: bool
    ) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = conn
        self._lock = lock
        self._read_only = read_only
        self._mutex = threading.RLock()
        self._word_memo: dict[str, int] = {}
        # The letter `_validate` read, handed to the first `load()` of the same
        # content instead of parsing the JSON a second time (once, so that two
        # callers never share one mutable Letter).
        self._opened: tuple[str, Letter] | None = None

    # -- opening ---------------------------------------------------------
    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        letter: Letter,
        name: str | None = None,
        *,
        overwrite: bool = False,
    ) -> DraftStore:
        """Write a new draft holding `letter` as its first named revision.

        The file is built under a temporary name and moved into place, so a
        crash never leaves a half-made draft. Refuses an existing file unless
        `overwrite`. Returns the draft open for writing (and locked).
        """
        target = Path(path)
        if target.exists() and not overwrite:
            raise DraftError(_("{path} already exists.").format(path=target))
        if not target.parent.is_dir():
            raise DraftError(_("The folder {path} does not exist.").format(path=target.parent))
        lock = _new_lock(target)
        lock.acquire()
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            cls._build(tmp, letter, _("Created") if name is None else name)
            # A journal left beside an old file of this name would be "rolled
            # back" into the new one and wreck it; we hold the lock, so it is
            # nobody's live journal.
            for suffix in ("-journal", "-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            os.replace(tmp, target)
            fsync_dir(target.parent)
            conn = sqlite3.connect(_uri(target), uri=True, isolation_level=None,
                                   check_same_thread=False, timeout=5.0)
        except BaseException as exc:
            lock.release()
            if isinstance(exc, (sqlite3.Error, OSError)):
                raise DraftError(
                    _("Could not create {path}: {reason}").format(path=target, reason=exc)
                ) from exc
            raise
        finally:
            for leftover in (tmp, Path(str(tmp) + "-journal")):
                leftover.unlink(missing_ok=True)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        store = cls(target, conn, lock, read_only=False)
        store._backup_tip()
        return store

    @staticmethod
    def _build(tmp: Path, letter: Letter, name: str) -> None:
        enc = _Encoded.of(letter)
        encoding, data = enc.stored()
        now = _now()
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.executemany(
                "INSERT INTO meta(key, value) VALUES (?, ?)",
                [("app", APP_NAME), ("app_version", APP_VERSION), ("created", now),
                 ("last_app_version", APP_VERSION), ("modified", now)],
            )
            conn.execute(
                "INSERT INTO content(hash, encoding, data) VALUES (?, ?, ?)",
                (enc.digest, encoding, data),
            )
            conn.execute(
                "INSERT INTO revision(created, kind, name, words, content)"
                " VALUES (?, 'save', ?, ?, ?)",
                (now, name, letter.word_count(), enc.digest),
            )
            conn.execute("COMMIT")
        finally:
            conn.close()

    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False) -> DraftStore:
        """Open an existing draft, checking that it is ours, whole and not newer.

        Refusals leave the file's bytes untouched: `CorruptDraftError` (not a
        draft, damaged), `NewerDraftError`, `DraftLockedError` (another live
        process writes it). `read_only` never takes the lock; writes then
        raise `DraftError`. A journal left by a crash is rolled back even in
        read-only mode (SQLite needs write access for that).
        """
        target = Path(path)
        check_header(target)
        lock: DraftLock | None = None
        if not read_only:
            if not os.access(target, os.W_OK) or not os.access(target.parent, os.W_OK):
                raise DraftError(
                    _("{path} cannot be written here; open it read-only.").format(path=target)
                )
            lock = _new_lock(target)
            lock.acquire()
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(_uri(target), uri=True, isolation_level=None,
                                   check_same_thread=False, timeout=5.0)
            store = cls(target, conn, lock, read_only)
            store._validate()
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            if read_only:
                conn.execute("PRAGMA query_only=ON")
            return store
        except BaseException as exc:
            if conn is not None:
                conn.close()
            if lock is not None:
                lock.release()
            if isinstance(exc, sqlite3.Error):
                raise cls._open_error(target, exc) from exc
            raise

    @staticmethod
    def _open_error(path: Path, exc: sqlite3.Error) -> DraftError:
        """A one-line, typed error for an SQLite failure while reading."""
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        if code == _SQLITE_READONLY:
            return DraftError(
                _("{path} was interrupted by a crash and must be repaired; "
                  "open it from a folder where it can be written.").format(path=path)
            )
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return DraftError(
                _("{path} is busy in another program; try again.").format(path=path)
            )
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or (
            not code and not isinstance(exc, sqlite3.OperationalError)
            and isinstance(exc, sqlite3.DatabaseError)
        ):
            return CorruptDraftError(
                _("{path} is damaged and cannot be opened ({reason}).").format(
                    path=path, reason=reason)
            )
        return DraftError(_("Could not open {path}: {reason}").format(path=path, reason=reason))

    def _validate(self) -> None:
        conn = self._db()
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise CorruptDraftError(_("{path} is not a Missive draft.").format(path=self.path))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerDraftError(
                _("{path} was written by a newer version of Missive; update Missive "
                  "to open it.").format(path=self.path)
            )
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
        if problems != ["ok"]:
            # SQLite may pack several lines into one row; the message stays one line.
            lines = [ln for p in problems for ln in str(p).splitlines()
                     if ln.strip() and not ln.startswith("***")]
            raise CorruptDraftError(
                _("{path} is damaged and cannot be opened ({reason}).").format(
                    path=self.path, reason=lines[0] if lines else problems[0])
            )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        tip = self._tip() if _TABLES <= tables else None
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

    def digest(self, rev_id: int) -> str:
        """The content digest of revision `rev_id` (see `letter_digest`)."""
        with self._mutex:
            return self._content_of(rev_id)

    def revisions(self) -> list[Revision]:
        """Every revision, oldest first."""
        with self._mutex:
            rows = self._query(
                "SELECT id, created, kind, name, words FROM revision ORDER BY id"
            )
            return [_revision(r) for r in rows]

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
        """Write the newest letter as interchange JSON (atomically)."""
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
            enc = _Encoded.of(letter)
            tip = self._tip()
            if name is None and tip is not None and tip[1] == "save" and tip[2] == enc.digest:
                return self._revision(tip[0])
            with self._transaction():
                self._store_content(enc)
                rev_id = self._insert_revision(enc, "save", name or "", self._words(letter))
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
            enc = _Encoded.of(letter)
            tip = self._tip()
            if tip is not None and tip[2] == enc.digest:
                return self._revision(tip[0])
            with self._transaction():
                self._store_content(enc)
                if tip is not None and tip[1] == "autosave":
                    rev_id = tip[0]
                    self._db().execute(
                        "UPDATE revision SET created = ?, words = ?, content = ? WHERE id = ?",
                        (_now(), self._words(letter), enc.digest, rev_id),
                    )
                    self._drop_orphan(tip[2])
                else:
                    rev_id = self._insert_revision(enc, "autosave", "", self._words(letter))
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
            label = old.name or old.created.strftime("%Y-%m-%d %H:%M")
            name = _("Restored from {label}").format(label=label)
            with self._transaction():
                self._db().execute(
                    "INSERT INTO revision(created, kind, name, words, content)"
                    " VALUES (?, 'save', ?, ?, ?)",
                    (_now(), name, old.words, digest),
                )
                new_id = self._db().execute("SELECT last_insert_rowid()").fetchone()[0]
                self._touch_meta()
            self._backup_tip()
            return self._revision(int(new_id))

    # -- internals -------------------------------------------------------
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
            encoding, data = rows[0]
            raw = zlib.decompress(data) if encoding == "json+zlib" else bytes(data)
            rev = self._revision(tip[0])
        except (DraftError, zlib.error) as exc:
            _logger().warning("No backup copy of %s: %s", self.path, exc)
            return
        self._backup(rev, raw)

    def _words(self, letter: Letter) -> int:
        """`letter.word_count()`, counting each distinct block text once."""
        memo = self._word_memo
        if len(memo) > _WORD_MEMO_LIMIT:
            memo.clear()
        total = 0
        for section in letter.sections:
            for block in section.blocks:
                text = block.text
                n = memo.get(text)
                if n is None:
                    n = memo[text] = count_words(text)
                total += n
        return total

    def _check_writable(self) -> None:
        self._db()
        if self._read_only:
            raise DraftError(
                _("{path} is open read-only; changes cannot be saved.").format(path=self.path)
            )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        conn = self._db()
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield
            conn.execute("COMMIT")
        except (sqlite3.Error, OSError) as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # SQLite already rolled back (e.g. after SQLITE_FULL)
            raise self._write_error(exc) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _write_error(self, exc: BaseException) -> DraftError:
        full = (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or (
            isinstance(exc, sqlite3.Error)
            and (getattr(exc, "sqlite_errorcode", None) == _SQLITE_FULL or "full" in str(exc))
        )
        if full:
            return DraftError(
                _("Not enough disk space to save {path}; the previous version is intact.")
                .format(path=self.path)
            )
        return DraftError(
            _("Could not save {path} ({reason}); the previous version is intact.").format(
                path=self.path, reason=exc)
        )

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        try:
            return self._db().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._open_error(self.path, exc) from exc

    def _tip(self) -> tuple[int, str, str] | None:
        rows = self._query("SELECT id, kind, content FROM revision ORDER BY id DESC LIMIT 1")
        return (int(rows[0][0]), str(rows[0][1]), str(rows[0][2])) if rows else None

    def _revision(self, rev_id: int) -> Revision:
        rows = self._query(
            "SELECT id, created, kind, name, words FROM revision WHERE id = ?", (rev_id,)
        )
        if not rows:
            raise DraftError(
                _("{path} has no revision {id}.").format(path=self.path, id=rev_id)
            )
        return _revision(rows[0])

    def _content_of(self, rev_id: int) -> str:
        rows = self._query("SELECT content FROM revision WHERE id = ?", (rev_id,))
        if not rows:
            raise DraftError(_("{path} has no revision {id}.").format(path=self.path, id=rev_id))
        return str(rows[0][0])

    def _letter(self, digest: str) -> Letter:
        rows = self._query("SELECT encoding, data FROM content WHERE hash = ?", (digest,))
        damaged = _("{path} is damaged: a stored letter cannot be read.").format(path=self.path)
        if not rows:
            raise CorruptDraftError(damaged)
        encoding, data = rows[0]
        try:
            raw = zlib.decompress(data) if encoding == "json+zlib" else bytes(data)
            d = json.loads(raw.decode("utf-8"))
            if not isinstance(d, dict):
                raise TypeError("letter is not an object")
            return Letter.from_dict(d)
        except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError,
                AttributeError, RecursionError) as exc:
            # Letter.from_dict says "newer" for a letter format beyond ours.
            if isinstance(exc, ValueError) and "newer" in str(exc):
                raise NewerDraftError(
                    _("{path} was written by a newer version of Missive; update Missive "
                      "to open it.").format(path=self.path)
                ) from exc
            raise CorruptDraftError(damaged) from exc

    def _store_content(self, enc: _Encoded) -> None:
        conn = self._db()
        if conn.execute("SELECT 1 FROM content WHERE hash = ?", (enc.digest,)).fetchone():
            return
        encoding, data = enc.stored()
        conn.execute(
            "INSERT INTO content(hash, encoding, data) VALUES (?, ?, ?)",
            (enc.digest, encoding, data),
        )

    def _insert_revision(self, enc: _Encoded, kind: RevisionKind, name: str, words: int) -> int:
        conn = self._db()
        cur = conn.execute(
            "INSERT INTO revision(created, kind, name, words, content) VALUES (?, ?, ?, ?, ?)",
            (_now(), kind, name, words, enc.digest),
        )
        self._touch_meta()
        return int(cur.lastrowid or 0)

    def _touch_meta(self) -> None:
        self._db().executemany(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
            [("modified", _now()), ("last_app_version", APP_VERSION)],
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


def _revision(row: Any) -> Revision:
    created = datetime.fromisoformat(str(row[1]))
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    kind: RevisionKind = "autosave" if row[2] == "autosave" else "save"
    return Revision(id=int(row[0]), created=created, kind=kind, name=str(row[3]),
                    words=int(row[4]))

