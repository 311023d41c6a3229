"""The one atomic file writer (CONVENTIONS rule 5): exports, interchange JSON,
backups and templates all go through `write_atomic`.

The bytes go to a hidden temporary file in the target's own folder (so the
rename never crosses a file system), are synced, renamed over the target with
`os.replace`, and the folder is synced so the rename itself survives a power
cut. A reader therefore sees the old file or the new one, never half of one.

- The temporary name always fits the file system's name limit (NAME_MAX):
  a 250-byte file name gets a shortened temporary name, not a misleading
  "File name too long" about a file the writer never named.
- The temporary file is removed on any failure, and it has the mode the final
  file should have: the existing file's mode when one is replaced, else what
  the umask allows (not `mkstemp`'s private 0600).
- A process killed between creating and renaming leaves its temporary file
  behind. Such leftovers of the same target, older than
  `STALE_TEMP_SECONDS`, are removed by the next write of that target, so they
  never accumulate.
- A file that starts like an SQLite database (a draft, whatever its name) is
  never replaced: nothing written here is ever a database, so a target that
  is one is always a mistake (`OutputRefusedError`).

This module imports nothing from the rest of Missive but the error types and
the catalog, so the export can use it without importing the draft store.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from drafting.errors import OutputRefusedError
from drafting.i18n import _

# A leftover temporary file this old belongs to a writer that died: an export
# writes its file in well under a second.
STALE_TEMP_SECONDS = 600.0
SQLITE_MAGIC = b"SQLite format 3\x00"

_DEFAULT_NAME_MAX = 255
_TEMP_TAIL = ".{token}.tmp"  # "." + 8 hex digits + ".tmp": 13 bytes
_TEMP_TAIL_BYTES = 13
_TEMP_RE = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp$")


def name_max(folder: Path) -> int:
    """The longest file name (in bytes) `folder`'s file system accepts."""
    try:
        value = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return _DEFAULT_NAME_MAX
    return value if value > 0 else _DEFAULT_NAME_MAX


def fit_name(name: str, limit: int) -> str:
    """`name` cut to at most `limit` bytes of UTF-8, never inside a character.

    A name that had to be cut ends with a short hash of the whole, so two long
    names that share a beginning do not share a shortened name.
    """
    encoded = os.fsencode(name)
    if len(encoded) <= limit:
        return name
    tag = "~" + hashlib.sha256(encoded).hexdigest()[:8]
    room = max(limit - len(tag), 1)
    cut = encoded[:room].decode("utf-8", errors="ignore") or "x"
    return cut + tag


def temp_prefix(target: Path, reserve: int = 0) -> str:
    """The hidden name every temporary file of `target` starts with.

    `reserve` bytes are kept free for what another program appends to the
    temporary name (SQLite's "-journal").
    """
    folder = target.parent if str(target.parent) else Path(".")
    limit = name_max(folder) - 1 - _TEMP_TAIL_BYTES - reserve
    return "." + fit_name(target.name, limit)


def new_temp(target: Path, reserve: int = 0) -> Path:
    """A new, empty hidden file beside `target` (created exclusively), after
    removing leftovers of writers of `target` that died."""
    folder = target.parent if str(target.parent) else Path(".")
    prefix = temp_prefix(target, reserve)
    _remove_stale(folder, prefix)
    fd, name = _create_temp(folder, prefix)
    os.close(fd)
    return Path(name)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be
    opened or synced, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def is_special(path: Path) -> bool:
    """Whether `path` exists and is neither a regular file nor a folder (a device,
    a named pipe, a socket), found without opening it: opening a pipe waits for
    a writer, and replacing a device (/dev/null) would break the system for
    everyone when the writer runs as root."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def special_message(path: Path) -> str:
    return _("{path} is not a regular file (a device, a pipe or a socket); nothing is "
             "written to it. Choose a file name.").format(path=path)


def is_database(path: Path) -> bool:
    """Whether `path` is a regular file that starts like an SQLite database."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # never opened: a named pipe would block
        with open(path, "rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def write_atomic(
    target: str | os.PathLike[str],
    data: bytes | Callable[[BinaryIO], None],
    *,
    mode: int | None = None,
) -> Path:
    """Write `data` (bytes, or a function writing into a binary file) to `target`
    atomically; returns the target.

    `mode` sets the new file's permissions (default: the replaced file's, or
    the umask's). Raises OSError (the caller words it), or OutputRefusedError
    when `target` is a database. The temporary file never stays behind.
    """
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    if is_special(path):
        raise OutputRefusedError(special_message(path))
    if is_database(path):
        raise OutputRefusedError(_(
            "{path} is a Missive draft (or another database); it was not replaced. "
            "Choose another file name.").format(path=path))
    prefix = temp_prefix(path)
    _remove_stale(folder, prefix)
    fd, tmp = _create_temp(folder, prefix)
    try:
        wanted = mode if mode is not None else _existing_mode(path)
        if wanted is not None:
            try:
                os.chmod(tmp, wanted)
            except OSError:
                pass  # the umask default is good enough
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_folder(folder)
    return path


def _existing_mode(path: Path) -> int | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else None


def _create_temp(folder: Path, prefix: str) -> tuple[int, str]:
    """A new hidden file in `folder`, created exclusively (0666 less the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        name = os.path.join(folder, prefix + _TEMP_TAIL.format(token=secrets.token_hex(4)))
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def _remove_stale(folder: Path, prefix: str) -> None:
    """Remove temporary files of this target left by writers that died."""
    limit = time.time() - STALE_TEMP_SECONDS
    try:
        entries = os.scandir(folder)
    except OSError:
        return
    with entries:
        for entry in entries:
            # SQLite's journal of a temporary draft goes with it
            name = entry.name.removesuffix("-journal")
            if not (name.startswith(prefix + ".") and _TEMP_RE.match(name)):
                continue
            if len(name) != len(prefix) + _TEMP_TAIL_BYTES:
                continue  # the temporary file of a longer name that starts like ours
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat(
                        follow_symlinks=False).st_mtime < limit:
                    os.unlink(entry.path)
            except OSError:
                continue
