"""Connecting to a draft file: creating one exclusively, opening one with
every check before anything is evaluated, and SQLite's errors in plain words.

`DraftStore.create` and `DraftStore.open` (`drafting.storage.store`) come
through here; the schema and its guards are in `drafting.storage.schema`.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from drafting import atomic
from drafting.errors import CorruptDraftError, DraftChangedError, DraftError, NewerDraftError
from drafting.i18n import _
from drafting.letter import Letter
from drafting.storage.draftfile import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    check_header,
    fsync_dir,
    is_wal,
)
from drafting.storage.schema import (
    MAX_LETTER_BYTES,
    TABLES,
    LetterTooLarge,
    StepBudget,
    build_draft,
    check_schema,
    harden,
)

if TYPE_CHECKING:
    from drafting.storage.lockfile import DraftLock

# SQLite appends "-journal" to a draft's name for every write.
JOURNAL_SUFFIX_BYTES = len("-journal")
SQLITE_FULL = getattr(sqlite3, "SQLITE_FULL", 13)
SQLITE_READONLY_DBMOVED = getattr(sqlite3, "SQLITE_READONLY_DBMOVED", 1032)
_SQLITE_READONLY = getattr(sqlite3, "SQLITE_READONLY", 8)
_SQLITE_BUSY = getattr(sqlite3, "SQLITE_BUSY", 5)
_SQLITE_LOCKED = getattr(sqlite3, "SQLITE_LOCKED", 6)
_SQLITE_CORRUPT = getattr(sqlite3, "SQLITE_CORRUPT", 11)
_SQLITE_NOTADB = getattr(sqlite3, "SQLITE_NOTADB", 26)
_SQLITE_INTERRUPT = getattr(sqlite3, "SQLITE_INTERRUPT", 9)
# Where hard links cannot be made (FAT on USB sticks, some shares), a new
# draft reserves its name with an exclusive create instead.
_NO_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS,
             getattr(errno, "ENOTSUP", 95), getattr(errno, "EOPNOTSUPP", 95)}

Connected = tuple[sqlite3.Connection, "DraftLock | None", StepBudget]


def new_lock(target: Path) -> DraftLock:
    # Imported here: reading a draft (`check`, `export`) takes no lock, and
    # the lock module brings in `socket`, a cost every command would pay.
    from drafting.storage.lockfile import DraftLock

    return DraftLock(target)


def real_path(path: str | os.PathLike[str]) -> Path:
    """The file `path` names once symbolic links and ".." are followed: what
    SQLite opens, and so what the writer's lock must be named after."""
    return Path(os.path.realpath(path))


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file `path` names now, None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def check_name_length(target: Path) -> None:
    """SQLite writes `<name>-journal` beside a draft: leave room for it."""
    folder = target.parent if str(target.parent) else Path(".")
    limit = atomic.name_max(folder) - JOURNAL_SUFFIX_BYTES
    size = len(os.fsencode(target.name))
    if size > limit:
        raise DraftError(
            _("The file name of {path} is too long for a draft ({size} bytes; at most "
              "{limit}); choose a shorter name.").format(path=target, size=size, limit=limit))


def connect(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    # mode=rw: never create a missing file; falls back to read-only by itself
    # when the OS forbids writing. immutable: a draft left in WAL mode, read
    # where no "-shm" file may be made (nothing writes it meanwhile).
    uri = path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=rw")
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                           timeout=5.0)


def too_large_to_save(path: Path) -> str:
    return _("The letter is too large to save in {path} (the limit is {limit} MB); "
             "the previous version is intact.").format(
                 path=path, limit=MAX_LETTER_BYTES // (1024 * 1024))


# -- creating ---------------------------------------------------------------------


def create_file(target: Path, letter: Letter, name: str) -> Connected:
    """Build a new draft under a temporary name and link it into place.

    The link fails when the name is taken: a crash never leaves a half-made
    draft, and of two processes creating one name at once, one is refused
    (DraftError) instead of replacing the other's draft. Returns the open,
    hardened connection and the lock it holds.
    """
    if target.exists() or target.is_symlink():
        raise DraftError(_("{path} already exists.").format(path=target))
    if not target.parent.is_dir():
        raise DraftError(_("The folder {path} does not exist.").format(path=target.parent))
    check_name_length(target)
    lock = new_lock(real_path(target))
    lock.acquire()
    tmp: Path | None = None
    try:
        tmp = atomic.new_temp(target, reserve=JOURNAL_SUFFIX_BYTES)
        build_draft(tmp, letter, name)
        # A journal left beside an old file of this name would be "rolled
        # back" into the new one and wreck it; we hold the lock and the name
        # is free, so it is nobody's live journal.
        for suffix in ("-journal", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        _place(tmp, target)
        fsync_dir(target.parent)
        conn = connect(target)
        budget = harden(conn)
    except BaseException as exc:
        lock.release()
        if isinstance(exc, LetterTooLarge):
            raise DraftError(too_large_to_save(target)) from exc
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise DraftError(
                _("Could not create {path}: {reason}").format(path=target, reason=exc)
            ) from exc
        raise
    finally:
        if tmp is not None:
            for leftover in (tmp, Path(str(tmp) + "-journal")):
                leftover.unlink(missing_ok=True)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn, lock, budget


def _place(tmp: Path, target: Path) -> None:
    """Move the finished draft `tmp` to `target`, which must not exist.

    A hard link fails when the name is taken, so two processes creating the
    same name can never both succeed. Where links are not supported, the name
    is reserved by an exclusive create first.
    """
    try:
        os.link(tmp, target)
        return
    except FileExistsError:
        raise DraftError(_("{path} already exists.").format(path=target)) from None
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise DraftError(_("{path} already exists.").format(path=target)) from None
    os.close(fd)
    try:
        os.replace(tmp, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


# -- opening ----------------------------------------------------------------------


def open_file(target: Path, read_only: bool) -> Connected:
    """Connect to an existing draft after the header check, taking the
    writer's lock on its real path unless `read_only`; the caller validates."""
    head = check_header(target)
    wal = is_wal(head)
    lock: DraftLock | None = None
    if not read_only:
        if not os.access(target, os.W_OK) or not os.access(target.parent, os.W_OK):
            raise DraftError(
                _("{path} cannot be written here; open it read-only.").format(path=target)
            )
        check_name_length(target)
        lock = new_lock(real_path(target))
        lock.acquire()
    try:
        wal_file = Path(str(target) + "-wal")
        wal_pages = wal_file.exists() and wal_file.stat().st_size > 0
        conn = connect(target, immutable=read_only and wal and not wal_pages)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    try:
        budget = harden(conn)
    except BaseException as exc:
        abandon(conn, lock, target, exc)
    return conn, lock, budget


def abandon(conn: sqlite3.Connection, lock: DraftLock | None, target: Path,
            exc: BaseException) -> NoReturn:
    """Give up opening: close the file, release its lock, and raise `exc`
    (an SQLite error as the plain words of `open_error`)."""
    conn.close()
    if lock is not None:
        lock.release()
    if isinstance(exc, sqlite3.Error):
        raise open_error(target, exc) from exc
    raise exc


def validate_file(conn: sqlite3.Connection, path: Path, *, writing: bool) -> None:
    """Ours, not newer, nothing foreign in the schema, and whole — in that
    order, so nothing a received file holds is evaluated before it is known
    to be ours (integrity_check computes every index expression). Then a
    draft left in WAL mode goes back to the rollback journal when `writing`."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise CorruptDraftError(_("{path} is not a Missive draft.").format(path=path))
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerDraftError(
            _("{path} was written by a newer version of Missive; update Missive "
              "to open it.").format(path=path)
        )
    check_schema(conn, path)
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
    if problems != ["ok"]:
        # SQLite may pack several lines into one row; the message stays one line.
        lines = [ln for p in problems for ln in str(p).splitlines()
                 if ln.strip() and not ln.startswith("***")]
        raise CorruptDraftError(
            _("{path} is damaged and cannot be opened ({reason}).").format(
                path=path, reason=lines[0] if lines else problems[0])
        )
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not TABLES <= tables:
        raise CorruptDraftError(_("{path} is damaged: its letter is missing.").format(path=path))
    if writing and str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        conn.execute("PRAGMA journal_mode=DELETE")


def open_error(path: Path, exc: sqlite3.Error) -> DraftError:
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
    if code == _SQLITE_INTERRUPT or reason == "interrupted":
        return CorruptDraftError(
            _("Reading {path} took too long and was stopped; the file may be damaged "
              "or made to slow Missive down.").format(path=path)
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or (
        not code and not isinstance(exc, sqlite3.OperationalError)
        and isinstance(exc, sqlite3.DatabaseError)
    ) or reason.startswith("malformed database schema"):
        return CorruptDraftError(
            _("{path} is damaged and cannot be opened ({reason}).").format(
                path=path, reason=reason)
        )
    return DraftError(_("Could not open {path}: {reason}").format(path=path, reason=reason))


def replaced_error(path: Path) -> DraftChangedError:
    return DraftChangedError(
        _("{path} is no longer the draft opened here: another program replaced, "
          "moved or deleted it. Nothing was written into it.").format(path=path),
        replaced=True)


def changed_error(path: Path) -> DraftChangedError:
    return DraftChangedError(
        _("{path} was changed by another program or Missive window since it was opened "
          "here; nothing was written, so neither version is lost.").format(path=path))


def write_error(path: Path, exc: BaseException) -> DraftError:
    """A one-line error for a failed write whose transaction was rolled back."""
    code = getattr(exc, "sqlite_errorcode", None)
    full = (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or (
        isinstance(exc, sqlite3.Error) and (code == SQLITE_FULL or "full" in str(exc))
    )
    if full:
        return DraftError(
            _("Not enough disk space to save {path}; the previous version is intact.")
            .format(path=path)
        )
    return DraftError(
        _("Could not save {path} ({reason}); the previous version is intact.").format(
            path=path, reason=exc)
    )
