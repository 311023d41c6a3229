"""What a draft file may contain, and how SQLite is kept from running anything
a received draft brings along.

A draft is data (DESIGN §4). SQLite, though, runs code stored in the file:
triggers fire on our writes, expression and partial indexes are evaluated on
writes and by `integrity_check`, views run when read. A draft received by mail
could replace the writer's new text, delete history, grow the file without
bound or make a read take minutes. So, before anything else touches the
tables:

1. `check_schema` compares `sqlite_master` with exactly what our schema
   version creates (type, name, table, SQL text with spaces normalized).
   Anything else — a trigger, view, index, extra table, or one of our tables
   with a different definition — is refused with one line naming it. Reading
   `sqlite_master` parses the schema but evaluates nothing.
2. `harden` sets, as defence in depth: `trusted_schema=OFF`; an authorizer
   that denies every action coming from a trigger or a view (so even an
   object that got past step 1 cannot run); a progress handler that stops a
   statement after `MAX_STEPS` virtual-machine steps or `MAX_SECONDS`; and a
   cap on any one value (`MAX_VALUE_BYTES`).
3. `letter_bytes` inflates stored letters with a cap (`MAX_LETTER_BYTES`),
   so a small file cannot make Missive allocate gigabytes.

`build_draft` writes a new draft file with the schema (schema version 1).
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import time
import uuid
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from drafting import __version__
from drafting.errors import CorruptDraftError, NewerDraftError, UnreadableLetterError
from drafting.i18n import _
from drafting.letter import Letter, count_words
from drafting.storage.draftfile import APPLICATION_ID, SCHEMA_VERSION

APP_NAME = "Missive"
APP_VERSION = __version__

# A 200-page letter is about 1 MB of JSON; 16 MB is some 3,000 pages. Above it
# a stored letter is refused unread and a save is refused unwritten.
MAX_LETTER_BYTES = 16 * 1024 * 1024
# No single value (a compressed letter, a name) may be larger than this.
MAX_VALUE_BYTES = 2 * MAX_LETTER_BYTES
# What one statement may cost before it is stopped: far above any statement
# Missive issues on a 3,000-page draft with its whole history.
MAX_STEPS = 200_000_000
MAX_SECONDS = 30.0
_PROGRESS_EVERY = 1000

# JSON below this size is stored as is: compressing it saves little. Level 1
# keeps a 50-page letter's save around a millisecond and still shrinks it ~4x.
_COMPRESS_ABOVE = 4096
_COMPRESS_LEVEL = 1

SCHEMA = """
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
TABLES = frozenset({"meta", "content", "revision"})


RevisionKind = Literal["save", "autosave"]



@dataclass(frozen=True)
class Revision:
    """One stored state of the letter. `created` is timezone-aware UTC."""

    id: int
    created: datetime
    kind: RevisionKind
    name: str
    words: int

    def when(self, pattern: str = "%Y-%m-%d %H:%M:%S", local: bool = False) -> str:
        """`created` written with `pattern` (local time if asked), "?" when the
        file's date for it could not be read."""
        if self.created == UNREADABLE_TIME:
            return "?"
        return (self.created.astimezone() if local else self.created).strftime(pattern)


# A revision whose stored date cannot be read (a damaged or hand-edited file):
# its text is still there, so the revision is listed and usable, dated this.
UNREADABLE_TIME = datetime(1970, 1, 1, tzinfo=UTC)


def revision_from_row(row: Any) -> Revision:
    """A Revision from a row (id, created, kind, name, words). A damaged date,
    count or name does not hide the revision: they read as unknown."""
    try:
        created = datetime.fromisoformat(str(row[1]))
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
    except (TypeError, ValueError):
        created = UNREADABLE_TIME
    kind: RevisionKind = "autosave" if row[2] == "autosave" else "save"
    return Revision(id=int(row[0]), created=created, kind=kind, name=stored_text(row[3]),
                    words=stored_count(row[4]))


def stored_count(value: Any) -> int:
    """A stored word count; 0 for a damaged one (text, negative)."""
    try:
        return max(0, int(value))
    except (TypeError, ValueError, OverflowError):
        return 0


def stored_text(value: Any) -> str:
    """A stored name; text even where a damaged file holds bytes or nothing."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


class WordCounter:
    """`letter.word_count()`, counting each distinct block text once, so a
    save recounts only the blocks that changed."""

    LIMIT = 20000

    def __init__(self) -> None:
        self._memo: dict[str, int] = {}

    def count(self, letter: Letter) -> int:
        memo = self._memo
        if len(memo) > self.LIMIT:
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


class LetterTooLarge(ValueError):
    """A stored letter inflates beyond `MAX_LETTER_BYTES`."""


@dataclass(frozen=True)
class Encoded:
    """A letter as stored: compact JSON with sorted keys (equal letters give
    equal bytes) and its SHA-256."""

    raw: bytes
    digest: str

    @classmethod
    def of(cls, letter: Letter) -> Encoded:
        raw = json.dumps(
            letter.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode("utf-8")
        return cls(raw, hashlib.sha256(raw).hexdigest())

    def stored(self) -> tuple[str, bytes]:
        if len(self.raw) > _COMPRESS_ABOVE:
            return "json+zlib", zlib.compress(self.raw, _COMPRESS_LEVEL)
        return "json", self.raw


def letter_bytes(encoding: object, data: object) -> bytes:
    """The JSON bytes of a stored letter, inflated at most to `MAX_LETTER_BYTES`.

    Raises LetterTooLarge, zlib.error or TypeError (not bytes).
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("stored letter is not a blob")
    raw = bytes(data)
    if encoding != "json+zlib":
        if len(raw) > MAX_LETTER_BYTES:
            raise LetterTooLarge(len(raw))
        return raw
    inflater = zlib.decompressobj()
    out = inflater.decompress(raw, MAX_LETTER_BYTES + 1)
    if len(out) > MAX_LETTER_BYTES or inflater.unconsumed_tail:
        raise LetterTooLarge(len(out))
    return out


def decode_letter(encoding: object, data: object, path: Path) -> Letter:
    """The letter stored as (`encoding`, `data`) in the draft at `path`.

    Raises UnreadableLetterError (damaged, or too large once inflated) or
    NewerDraftError (a letter format beyond ours).
    """
    try:
        raw = letter_bytes(encoding, data)
        d = json.loads(raw.decode("utf-8"))
        if not isinstance(d, dict):
            raise TypeError("letter is not an object")
        return Letter.from_dict(d)
    except LetterTooLarge as exc:
        raise UnreadableLetterError(too_large_message(path)) from exc
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError,
            AttributeError, RecursionError) as exc:
        # Letter.from_dict says "newer" for a letter format beyond ours.
        if isinstance(exc, ValueError) and "newer" in str(exc):
            raise NewerDraftError(
                _("{path} was written by a newer version of Missive; update Missive "
                  "to open it.").format(path=path)
            ) from exc
        raise UnreadableLetterError(
            _("{path} is damaged: a stored letter cannot be read.").format(path=path)
        ) from exc


def too_large_message(path: Path) -> str:
    return _("{path} holds a letter larger than Missive reads ({limit} MB once "
             "uncompressed); it was not opened.").format(
                 path=path, limit=MAX_LETTER_BYTES // (1024 * 1024))


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


# -- building --------------------------------------------------------------------


def build_draft(path: Path, letter: Letter, name: str) -> None:
    """Write a new draft file at `path` (which must not exist) holding `letter`
    as its first named revision, in one transaction."""
    enc = Encoded.of(letter)
    if len(enc.raw) > MAX_LETTER_BYTES:
        raise LetterTooLarge(len(enc.raw))
    encoding, data = enc.stored()
    now = now_text()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("BEGIN IMMEDIATE")
        for statement in SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?)",
            [("app", APP_NAME), ("app_version", APP_VERSION), ("created", now),
             ("last_app_version", APP_VERSION), ("modified", now),
             ("draft_id", uuid.uuid4().hex)],
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


# -- checking ---------------------------------------------------------------------


def _normalized(sql: object) -> str | None:
    return " ".join(str(sql).split()) if sql is not None else None


@functools.cache
def expected_objects() -> frozenset[tuple[str, str, str, str | None]]:
    """(type, name, table, SQL) of every object our schema version creates,
    read back from SQLite itself so its storage of the SQL text is matched."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(SCHEMA)
        return frozenset(_objects(conn))
    finally:
        conn.close()


def _objects(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return [(str(t), str(n), str(tb), _normalized(sql)) for t, n, tb, sql in rows]


def check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse (CorruptDraftError) a draft whose schema holds anything our
    schema version does not create, naming the first such object.

    Missing tables are left to the caller ("its letter is missing").
    """
    expected = expected_objects()
    ours = {(t, n): (tb, sql) for t, n, tb, sql in expected}
    for kind, name, table, sql in sorted(_objects(conn)):
        if (kind, name, table, sql) in expected:
            continue
        if (kind, name) in ours:
            raise CorruptDraftError(_(
                "{path} contains a table “{name}” whose definition Missive did not "
                "write; it was not opened.").format(path=path, name=name))
        raise CorruptDraftError(_foreign_message(path, kind, name))


def _foreign_message(path: Path, kind: str, name: str) -> str:
    if kind == "trigger":
        text = _("{path} contains a trigger “{name}” that Missive did not create; it was not "
                 "opened. Recover can copy its text into a clean draft.")
    elif kind == "view":
        text = _("{path} contains a view “{name}” that Missive did not create; it was not "
                 "opened. Recover can copy its text into a clean draft.")
    elif kind == "index":
        text = _("{path} contains an index “{name}” that Missive did not create; it was not "
                 "opened. Recover can copy its text into a clean draft.")
    else:
        text = _("{path} contains a table “{name}” that Missive did not create; it was not "
                 "opened. Recover can copy its text into a clean draft.")
    return text.format(path=path, name=name)


# -- hardening ----------------------------------------------------------------------


class StepBudget:
    """The progress handler: stops a statement that runs too long."""

    def __init__(self) -> None:
        self.calls = 0
        self.started = time.monotonic()
        self.tripped = False

    def reset(self) -> None:
        self.calls = 0
        self.started = time.monotonic()

    def __call__(self) -> int:
        self.calls += 1
        if self.calls * _PROGRESS_EVERY > MAX_STEPS or (
                time.monotonic() - self.started > MAX_SECONDS):
            self.tripped = True
            return 1  # SQLite stops the statement ("interrupted")
        return 0


def _authorize(action: int, arg1: str | None, arg2: str | None, database: str | None,
               source: str | None) -> int:
    # `source` names the trigger or view an action comes from; Missive never
    # creates either, so whatever one would do is refused.
    return sqlite3.SQLITE_DENY if source else sqlite3.SQLITE_OK


def harden(conn: sqlite3.Connection) -> StepBudget:
    """Defence in depth on a connection to a draft (see the module docstring).

    Returns the step budget; call its `reset()` before each operation.
    """
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.set_authorizer(_authorize)
    budget = StepBudget()
    conn.set_progress_handler(budget, _PROGRESS_EVERY)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    return budget
