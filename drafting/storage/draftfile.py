"""What the draft store needs around SQLite: recognising our files from their
header bytes alone, and the JSON interchange form of a letter.

The header is read with plain file I/O so that a file that is not ours —
random bytes, another program's database, a draft from a newer Missive — is
refused before SQLite ever opens it, and is never modified.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

from drafting import atomic
from drafting.errors import CorruptDraftError, DraftError, NewerDraftError
from drafting.i18n import _
from drafting.letter import LETTER_FORMAT, Letter

# "MSV1" read as a big-endian 32-bit integer; positive, so SQLite's signed
# PRAGMA value and the header bytes agree.
APPLICATION_ID = 0x4D535631
SCHEMA_VERSION = 1

SQLITE_MAGIC = atomic.SQLITE_MAGIC
_HEADER_SIZE = 100
_TRUNCATION_CHECKS = 3

JSON_MARKER = "letter"  # the value of the top-level "missive" key
MAX_JSON_BYTES = 50 * 1024 * 1024


def _not_ours(path: Path) -> CorruptDraftError:
    return CorruptDraftError(_("{path} is not a Missive draft.").format(path=path))


def read_identity(path: Path) -> bytes:
    """The header of `path` once it is known to be a Missive draft we can read:
    SQLite, our application id, not a newer schema. Damage further in is not
    looked at, so recovery can still read what a damaged draft holds.

    Raises DraftError (unreadable), CorruptDraftError or NewerDraftError.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(_HEADER_SIZE)
    except FileNotFoundError as exc:
        raise DraftError(_("{path} does not exist.").format(path=path)) from exc
    except OSError as exc:
        raise DraftError(
            _("{path} cannot be read: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    if len(head) < _HEADER_SIZE or not head.startswith(SQLITE_MAGIC):
        raise _not_ours(path)
    if int.from_bytes(head[68:72], "big", signed=True) != APPLICATION_ID:
        raise _not_ours(path)
    if int.from_bytes(head[60:64], "big", signed=True) > SCHEMA_VERSION:
        raise NewerDraftError(
            _("{path} was written by a newer version of Missive; update Missive "
              "to open it.").format(path=path)
        )
    return head


def check_header(path: Path) -> bytes:
    """Refuse `path` unless its header says: SQLite, our application id, a
    schema version we know, and (with no journal to roll back) a whole file.
    Returns the header's 100 bytes.

    Raises DraftError (missing, unreadable), CorruptDraftError or
    NewerDraftError. Reads only; never writes.
    """
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise DraftError(_("{path} does not exist.").format(path=path)) from exc
    except OSError as exc:
        raise DraftError(
            _("{path} cannot be read: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    if not stat.S_ISREG(st.st_mode):
        raise _not_ours(path)
    head = read_identity(path)
    version = int.from_bytes(head[60:64], "big", signed=True)
    if version < 1:
        raise CorruptDraftError(
            _("{path} is damaged and cannot be opened (no schema version).").format(path=path)
        )
    page_size = int.from_bytes(head[16:18], "big")
    if page_size == 1:
        page_size = 65536
    if page_size < 512 or page_size & (page_size - 1):
        raise _not_ours(path)
    # Measured after the header and before looking for a journal: a writer
    # committing meanwhile (through any name of the file) has its journal
    # beside the real file for as long as the page count may run ahead.
    real = Path(os.path.realpath(path))
    for attempt in range(_TRUNCATION_CHECKS):
        if attempt:
            # A writer through another hard link keeps its journal under
            # that name: give a commit in progress time to end.
            time.sleep(0.05)
            head = read_identity(path)
        try:
            size = os.stat(real).st_size
        except OSError:
            size = st.st_size
        # A journal beside the file may legitimately hold pages the file lacks
        # (an interrupted transaction); SQLite rolls it back and checks then.
        if _has_journal(real):
            return head
        pages = int.from_bytes(head[28:32], "big")
        size_is_valid = head[24:28] == head[92:96] and pages > 0
        if not (size % page_size or (size_is_valid and size < pages * page_size)):
            return head
    raise CorruptDraftError(
        _("{path} is damaged and cannot be opened (the file is truncated).").format(path=path)
    )


def is_wal(head: bytes) -> bool:
    """Whether a draft's header says it was left in write-ahead-log mode."""
    return len(head) > 19 and head[18] == 2 and head[19] == 2


def _has_journal(path: Path) -> bool:
    for suffix in ("-journal", "-wal"):
        try:
            if os.path.getsize(str(path) + suffix) > 0:
                return True
        except OSError:
            continue
    return False


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (`drafting.atomic.fsync_folder`)."""
    atomic.fsync_folder(folder)


# -- JSON interchange ------------------------------------------------------


def letter_to_json(letter: Letter) -> str:
    """The letter as stable, diff-friendly JSON (sorted keys, indent 2, UTF-8
    text), marked with `"missive": "letter"` and the letter format."""
    d = letter.to_dict()
    d["missive"] = JSON_MARKER
    return json.dumps(d, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def letter_from_json(text: str) -> Letter:
    """Read a letter from JSON; raises DraftError with a clear message.

    Accepts files without the marker (plain `Letter.to_dict()` output, such
    as the shipped samples) as long as they look like a letter.
    """
    try:
        d = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DraftError(
            _("This is not valid JSON (line {line}, column {col}: {msg}).").format(
                line=exc.lineno, col=exc.colno, msg=exc.msg)
        ) from exc
    except RecursionError as exc:
        raise DraftError(_("This JSON is nested too deeply to be a letter.")) from exc
    if not isinstance(d, dict) or d.get("missive", JSON_MARKER) != JSON_MARKER:
        raise DraftError(_("This JSON is not a Missive letter."))
    if not isinstance(d.get("template"), dict):
        raise DraftError(_("This JSON is not a Missive letter (it names no template)."))
    try:
        fmt = int(d.get("format", 1))
    except (TypeError, ValueError) as exc:
        raise DraftError(_("This JSON is not a Missive letter (bad format number).")) from exc
    if fmt > LETTER_FORMAT:
        raise NewerDraftError(
            _("This letter was written by a newer version of Missive (format {fmt}).").format(
                fmt=fmt)
        )
    try:
        return Letter.from_dict(d)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise DraftError(
            _("This JSON is not a valid Missive letter ({reason}).").format(reason=exc)
        ) from exc


def import_json(path: str | os.PathLike[str]) -> Letter:
    """Read a letter from a JSON file (at most `MAX_JSON_BYTES`)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_JSON_BYTES:
            raise DraftError(
                _("{path} is too large to be a letter ({mb} MB).").format(
                    path=p, mb=size // (1024 * 1024))
            )
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DraftError(_("{path} is not UTF-8 text.").format(path=p)) from exc
    except OSError as exc:
        raise DraftError(
            _("{path} cannot be read: {reason}").format(path=p, reason=exc.strerror or exc)
        ) from exc
    try:
        return letter_from_json(text)
    except NewerDraftError as exc:
        raise NewerDraftError(f"{p}: {exc}") from exc
    except DraftError as exc:
        raise DraftError(f"{p}: {exc}") from exc


def write_json(letter: Letter, path: str | os.PathLike[str]) -> None:
    """Write `letter_to_json(letter)` to `path` through the shared atomic
    writer, so an interrupted export never leaves half a file."""
    target = Path(path)
    data = letter_to_json(letter).encode("utf-8")
    try:
        atomic.write_atomic(target, data)
    except OSError as exc:
        raise DraftError(
            _("Could not write {path}: {reason}").format(path=target, reason=exc.strerror or exc)
        ) from exc
