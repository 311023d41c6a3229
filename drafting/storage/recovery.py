"""Recovering a draft the normal open refuses: list its revisions, read any
that survive (the caller may export one), or make a new draft from one.

`DraftStore.open` refuses a draft whose newest letter cannot be read, which is
right for everyday work but leaves the writer stranded. Here every revision is
read on its own, and damaged ones are listed as such instead of hiding the
rest. The draft itself is never written: SQLite reads a private copy (with the
journal beside it, if a crash left one, so the copy is rolled back as the
original would be). Only files that are ours and not from a newer Missive are
read; a damaged database is read as far as SQLite can go.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from drafting.errors import CorruptDraftError, DraftError
from drafting.i18n import _
from drafting.letter import Letter
from drafting.storage.draftfile import read_identity
from drafting.storage.schema import MAX_LETTER_BYTES, LetterTooLarge, harden, letter_bytes

# Ids probed one by one when a damaged table cannot be scanned in one go.
_MAX_PROBED_IDS = 100_000


@dataclass(frozen=True)
class RecoverableRevision:
    """One revision found in a draft; `readable` is False when its letter is
    damaged (`problem` says how)."""

    id: int
    created: datetime | None
    kind: str
    name: str
    words: int
    readable: bool
    problem: str = ""


def list_recoverable(path: str | os.PathLike[str]) -> list[RecoverableRevision]:
    """Every revision of the draft at `path`, oldest first, damaged ones marked.

    Raises CorruptDraftError when the file is not a Missive draft or nothing
    at all can be read, NewerDraftError for a draft from a newer Missive. The
    file's bytes are never changed.
    """
    with _snapshot(Path(path)) as conn:
        found = [_check(conn, row) for row in _revision_rows(conn)]
    if not found:
        raise CorruptDraftError(
            _("No revision of {path} can be read.").format(path=Path(path))
        )
    return found


def load_recoverable(path: str | os.PathLike[str], rev_id: int) -> Letter:
    """The letter of revision `rev_id`; CorruptDraftError when it is damaged."""
    with _snapshot(Path(path)) as conn:
        row = _row(conn, rev_id)
        if row is None:
            raise DraftError(
                _("{path} has no revision {id}.").format(path=Path(path), id=rev_id)
            )
        return _letter(conn, str(row[5]), Path(path))


def recover_to_draft(
    path: str | os.PathLike[str], rev_id: int, new_path: str | os.PathLike[str]
) -> Path:
    """Write revision `rev_id` into a new draft at `new_path` (never over a file)."""
    from drafting.storage.store import DraftStore

    letter = load_recoverable(path, rev_id)
    name = _("Recovered from revision {id} of {name}").format(id=rev_id, name=Path(path).name)
    with DraftStore.create(new_path, letter, name=name):
        pass
    return Path(new_path)


# -- reading a private copy ------------------------------------------------------


@contextmanager
def _snapshot(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to a private copy of the draft (and of its hot journal)."""
    if path.is_dir():
        raise CorruptDraftError(_("{path} is not a Missive draft.").format(path=path))
    read_identity(path)  # refuse what is not ours or is newer, from the header alone
    with tempfile.TemporaryDirectory(prefix="missive-recover-") as folder:
        copy = Path(folder) / "draft.missive"
        if not _consistent_copy(path, copy):
            try:
                _raw_copy(path, copy)
            except OSError as exc:
                raise DraftError(
                    _("{path} cannot be read: {reason}").format(
                        path=path, reason=exc.strerror or exc)
                ) from exc
        conn = sqlite3.connect(copy, isolation_level=None)
        try:
            # Only our tables are read, and nothing a received file added
            # (a trigger, a view, a costly index) may run meanwhile.
            harden(conn)
            yield conn
        finally:
            conn.close()


def _raw_copy(path: Path, copy: Path, attempts: int = 5) -> None:
    """Copy the draft and its hot journal byte for byte.

    A window saving meanwhile may commit (and delete its journal) while we
    copy; the database copy may then be torn, so start again.
    """
    journal = Path(str(path) + "-journal")
    journal_copy = Path(str(copy) + "-journal")
    for attempt in range(attempts):
        last = attempt == attempts - 1
        journal_copy.unlink(missing_ok=True)
        before = (path.stat().st_mtime_ns, journal.is_file())
        shutil.copyfile(path, copy)
        try:
            if journal.is_file():
                shutil.copyfile(journal, journal_copy)
        except FileNotFoundError:
            if last:
                raise
            continue
        if (path.stat().st_mtime_ns, journal.is_file()) == before or last:
            return


def _consistent_copy(path: Path, copy: Path) -> bool:
    """Copy a healthy draft through SQLite's backup API, under a shared lock,
    so a window saving it at this very moment cannot tear the copy.

    Returns False (nothing copied) when that cannot be done read-only: a
    journal to roll back, or pages too damaged for SQLite to read. The caller
    then copies the raw bytes, journal included, and reads what it can.
    """
    if os.path.exists(str(path) + "-journal"):
        return False
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    target = sqlite3.connect(copy)
    try:
        source.backup(target)
        return True
    except sqlite3.Error:
        return False
    finally:
        target.close()
        source.close()
        if not copy.stat().st_size:
            copy.unlink()


def _revision_rows(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Revision rows, oldest first; row by row when a damaged table breaks a scan."""
    sql = "SELECT id, created, kind, name, words, content FROM revision"
    try:
        return [tuple(r) for r in conn.execute(sql + " ORDER BY id")]
    except sqlite3.DatabaseError:
        pass
    try:
        top = int(conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'revision'")
                  .fetchone()[0])
    except (sqlite3.DatabaseError, TypeError):
        return []
    rows: list[tuple[Any, ...]] = []
    for rev_id in range(1, min(top, _MAX_PROBED_IDS) + 1):
        row = _row(conn, rev_id)
        if row is not None:
            rows.append(row)
    return rows


def _row(conn: sqlite3.Connection, rev_id: int) -> tuple[Any, ...] | None:
    try:
        row = conn.execute(
            "SELECT id, created, kind, name, words, content FROM revision WHERE id = ?",
            (rev_id,),
        ).fetchone()
    except sqlite3.DatabaseError:
        return None
    return tuple(row) if row else None


class _Damage(Exception):
    """Why one stored letter cannot be read (a phrase for the writer)."""


def _check(conn: sqlite3.Connection, row: tuple[Any, ...]) -> RecoverableRevision:
    problem = ""
    try:
        _decode(conn, str(row[5]))
    except _Damage as exc:
        problem = str(exc)
    try:
        created: datetime | None = datetime.fromisoformat(str(row[1]))
        if created is not None and created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
    except ValueError:
        created = None
    try:
        words = int(row[4])
    except (TypeError, ValueError):
        words = 0
    return RecoverableRevision(
        id=int(row[0]), created=created, kind=str(row[2]), name=str(row[3] or ""),
        words=words, readable=not problem, problem=problem,
    )


def _letter(conn: sqlite3.Connection, digest: str, path: Path) -> Letter:
    try:
        return _decode(conn, digest)
    except _Damage as exc:
        raise CorruptDraftError(
            _("This revision of {path} cannot be read: {problem}.").format(
                path=path, problem=exc)
        ) from exc


def _decode(conn: sqlite3.Connection, digest: str) -> Letter:
    try:
        row = conn.execute(
            "SELECT encoding, data FROM content WHERE hash = ?", (digest,)
        ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise _Damage(_("its text sits on a damaged part of the file")) from exc
    if row is None:
        raise _Damage(_("its text is missing from the file"))
    encoding, data = row
    try:
        raw = letter_bytes(encoding, data)
    except LetterTooLarge as exc:
        raise _Damage(_("its text is larger than Missive reads ({limit} MB once "
                        "uncompressed)").format(limit=MAX_LETTER_BYTES // (1024 * 1024))) from exc
    except (zlib.error, TypeError) as exc:
        raise _Damage(_("its compressed text is damaged")) from exc
    try:
        d = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _Damage(_("its text is not readable")) from exc
    if not isinstance(d, dict):
        raise _Damage(_("its text is not a letter"))
    try:
        return Letter.from_dict(d)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        if isinstance(exc, ValueError) and "newer" in str(exc):
            raise _Damage(_("it was written by a newer version of Missive")) from exc
        raise _Damage(_("its text is not a valid letter")) from exc


# -- backups -----------------------------------------------------------------------


def backup_to_draft(backup: str | os.PathLike[str], new_path: str | os.PathLike[str]) -> Path:
    """Write a backup copy's letter into a new draft at `new_path` (never over a file)."""
    from drafting.storage.backups import load_backup
    from drafting.storage.store import DraftStore

    letter = load_backup(backup)
    name = _("Recovered from the backup {name}").format(name=Path(backup).name)
    with DraftStore.create(new_path, letter, name=name):
        pass
    return Path(new_path)
