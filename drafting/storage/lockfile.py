"""The writer's lock beside a draft: `.<name>.lock` holding pid, host and time.

A lock file rather than an OS lock because drafts live on USB sticks and
network shares where `flock` is unreliable, and because the file can tell the
second window *who* holds the draft. The cost is that a crashed process
leaves its lock behind; a lock whose pid is dead on this host is stale and is
taken over. A lock from another host cannot be checked and is respected.
"""

from __future__ import annotations

import atexit
import json
import os
import socket
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from drafting.errors import DraftError, DraftLockedError
from drafting.i18n import _

# An unreadable lock younger than this may be a lock being written right now.
_UNREADABLE_GRACE_SECONDS = 10.0

# Locks this process holds, so a second window of the same process is refused
# while a lock naming our pid that we do not hold (left by an earlier process
# that had the same pid, common in containers) counts as stale.
_held: dict[str, Path] = {}


def _release_all_at_exit() -> None:
    # A store the program forgot to close must not leave a lock that, on a
    # shared folder, other hosts would respect.
    for token, path in list(_held.items()):
        info = read_lock(path)
        if info is not None and info.token == token:
            try:
                path.unlink()
            except OSError:
                pass
    _held.clear()


atexit.register(_release_all_at_exit)


@dataclass(frozen=True)
class LockInfo:
    """Who holds a lock, as recorded in the lock file."""

    pid: int
    host: str
    time: str
    token: str = ""
    started: str = ""

    def describe(self) -> str:
        return _("process {pid} on {host} since {time}").format(
            pid=self.pid, host=self.host, time=self.time
        )


def lock_path_for(draft: Path) -> Path:
    """The lock file guarding `draft`: a hidden file in the same folder."""
    return draft.with_name(f".{draft.name}.lock")


def _process_start(pid: int) -> str:
    """The start time of `pid` where the system tells it (Linux), else "".

    Stored in the lock so a pid reused by an unrelated process is not taken
    for the original holder.
    """
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            stat = f.read()
    except OSError:
        return ""
    # Field 22 (starttime) counted after the ")" that closes the command name.
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else ""


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows CI only
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by another user
    except OSError:
        return False
    return True


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    # os.kill(pid, 0) would *terminate* the process on Windows.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return bool(code.value == 259)  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def read_lock(path: Path) -> LockInfo | None:
    """The holder recorded in lock file `path`, or None if absent/unreadable."""
    try:
        raw = path.read_text(encoding="utf-8")
        d = json.loads(raw)
        return LockInfo(
            pid=int(d["pid"]),
            host=str(d["host"]),
            time=str(d.get("time", "")),
            token=str(d.get("token", "")),
            started=str(d.get("started", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_stale(info: LockInfo) -> bool:
    """True when the holder is certainly gone (same host, dead or reused pid)."""
    if info.host != socket.gethostname():
        return False
    if info.pid == os.getpid():
        return info.token not in _held
    if not _pid_alive(info.pid):
        return True
    started = _process_start(info.pid)
    return bool(info.started and started and started != info.started)


class DraftLock:
    """An exclusive writer's lock on one draft file."""

    def __init__(self, draft: Path) -> None:
        self.draft = draft
        self.path = lock_path_for(draft)
        self.token = ""

    @property
    def held(self) -> bool:
        return bool(self.token)

    def acquire(self) -> None:
        """Take the lock, taking over a stale one; raises DraftLockedError."""
        for _attempt in range(3):
            if self._try_create():
                return
            self._remove_if_stale()
        holder = read_lock(self.path)
        raise DraftLockedError(self._locked_message(holder))

    def release(self) -> None:
        """Remove the lock if it is still ours (never someone else's)."""
        if not self.token:
            return
        info = read_lock(self.path)
        if info is not None and info.token == self.token:
            try:
                self.path.unlink()
            except OSError:
                pass  # a leftover lock is stale once we exit; nothing is lost
        _held.pop(self.token, None)
        self.token = ""

    # -- internals -------------------------------------------------------
    def _try_create(self) -> bool:
        token = uuid.uuid4().hex
        payload = json.dumps(
            {
                "app": "Missive",
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "time": datetime.now(UTC).isoformat(timespec="seconds"),
                "started": _process_start(os.getpid()),
                "token": token,
            }
        ).encode("utf-8")
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        except OSError as exc:
            raise DraftError(
                _("Cannot lock {path} for writing: {reason}").format(
                    path=self.draft, reason=exc.strerror or exc
                )
            ) from exc
        try:
            os.write(fd, payload)
            os.fsync(fd)
        except OSError as exc:
            os.close(fd)
            self.path.unlink(missing_ok=True)
            raise DraftError(
                _("Cannot lock {path} for writing: {reason}").format(
                    path=self.draft, reason=exc.strerror or exc
                )
            ) from exc
        os.close(fd)
        self.token = token
        _held[token] = self.path
        return True

    def _remove_if_stale(self) -> None:
        info = read_lock(self.path)
        if info is None:
            try:
                age = time.time() - self.path.stat().st_mtime
            except FileNotFoundError:
                return  # released meanwhile; try again
            if age < _UNREADABLE_GRACE_SECONDS:
                return
        elif not is_stale(info):
            return
        # Move the stale lock aside and check it is still the one we judged:
        # two processes taking over at once must not delete each other's
        # fresh lock.
        aside = self.path.with_name(f"{self.path.name}.{uuid.uuid4().hex[:8]}.stale")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise DraftError(
                _("Cannot remove the stale lock {path}: {reason}").format(
                    path=self.path, reason=exc.strerror or exc
                )
            ) from exc
        moved = read_lock(aside)
        if info is not None and (moved is None or moved.token != info.token):
            try:
                os.link(aside, self.path)  # put the live lock back, never over another
            except OSError:
                pass
        aside.unlink(missing_ok=True)

    def _locked_message(self, holder: LockInfo | None) -> str:
        if holder is None:
            return _("{path} is being opened by another Missive window; try again.").format(
                path=self.draft
            )
        return _(
            "{path} is open for writing in another Missive window ({holder}), or a command "
            "on it is still running; close it there or wait for the command to end (a "
            "window can open this draft read-only meanwhile)."
        ).format(path=self.draft, holder=holder.describe())
