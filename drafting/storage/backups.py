"""Backup copies of every explicit save, kept outside the draft file.

A draft holds its own history, but a single file can still be deleted,
overwritten by an older copy from a USB stick, or damaged beyond what SQLite
can repair. So each named save (the first version and every restore too) is
also copied to `paths.user_data_dir()/backups/<draft-stem>-<hash>/` as a small
zip holding the letter's JSON (`letter.json`, readable by `import_json`
once unzipped) and a manifest (`backup.json`). The hash of the draft's absolute
path keeps two "lettre.missive" from different folders apart; a draft that is
moved starts a new backup folder. The newest `BACKUPS_KEPT` copies per draft
are kept.

Each copy is written by the shared atomic writer (`drafting.atomic`). A crash
leaves at most a hidden `.tmp` file, which the next backup of that draft
removes. Reading a copy is size-bounded like any file that comes from outside.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafting import paths
from drafting.atomic import write_atomic
from drafting.errors import CorruptDraftError, DraftError
from drafting.i18n import _
from drafting.letter import Letter
from drafting.storage.draftfile import MAX_JSON_BYTES, letter_from_json

if TYPE_CHECKING:
    from drafting.storage.store import Revision

BACKUPS_KEPT = 20
BACKUP_FORMAT = 1
_LETTER_MEMBER = "letter.json"
_MANIFEST_MEMBER = "backup.json"
_MAX_MANIFEST_BYTES = 64 * 1024


@dataclass(frozen=True)
class Backup:
    """One backup copy. `damaged` copies are listed (with what the file name
    tells) so the writer sees them, but cannot be loaded."""

    path: Path
    revision_id: int
    name: str
    created: datetime | None
    words: int
    damaged: bool = False


def backup_dir_for(draft: str | os.PathLike[str]) -> Path:
    """The folder holding `draft`'s backups (not created by this call)."""
    resolved = Path(draft).resolve()
    tag = hashlib.sha256(str(resolved).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return paths.user_data_dir() / "backups" / f"{resolved.stem}-{tag}"


def write_backup(
    draft: str | os.PathLike[str], revision: Revision, raw_json: bytes,
    *, keep: int = BACKUPS_KEPT,
) -> Path:
    """Write a backup of `revision` (whose letter is `raw_json`) and prune old ones.

    Returns the new file. Raises OSError when it cannot be written; the caller
    (the store, after a committed save) decides what that costs.
    """
    folder = backup_dir_for(draft)
    folder.mkdir(parents=True, exist_ok=True)
    created = revision.created.astimezone(UTC)
    stem = f"{created:%Y%m%dT%H%M%S}{created.microsecond // 1000:03d}Z-r{revision.id}"
    target = folder / f"{stem}.zip"
    if target.exists():
        target = folder / f"{stem}-{uuid.uuid4().hex[:6]}.zip"
    manifest = {
        "missive": "backup",
        "format": BACKUP_FORMAT,
        "draft": str(Path(draft).resolve()),
        "revision": revision.id,
        "kind": revision.kind,
        "name": revision.name,
        "created": created.isoformat(timespec="milliseconds"),
        "words": revision.words,
    }
    stamp = (created.year, created.month, created.day, created.hour, created.minute,
             created.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for member, data in (
            (_MANIFEST_MEMBER, json.dumps(manifest, ensure_ascii=False, indent=2).encode()),
            (_LETTER_MEMBER, raw_json),
        ):
            info = zipfile.ZipInfo(member, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    write_atomic(target, buffer.getvalue())
    _prune(folder, keep)
    return target


def _prune(folder: Path, keep: int) -> None:
    """Keep the newest `keep` copies; remove leftovers of interrupted writes.

    Only one process writes a draft (the lock), so every `.tmp` here is dead.
    """
    for leftover in folder.glob(".*.tmp"):
        leftover.unlink(missing_ok=True)
    copies = sorted(p for p in folder.glob("*.zip") if not p.name.startswith("."))
    for old in copies[: max(len(copies) - keep, 0)]:
        old.unlink(missing_ok=True)


def list_backups(draft: str | os.PathLike[str]) -> list[Backup]:
    """The backups of `draft`, oldest first (file names sort by time)."""
    folder = backup_dir_for(draft)
    if not folder.is_dir():
        return []
    found: list[Backup] = []
    for path in sorted(folder.glob("*.zip")):
        if path.name.startswith("."):
            continue
        try:
            found.append(_describe(path, _read_manifest(path)))
        except (DraftError, OSError, zipfile.BadZipFile, ValueError, KeyError, TypeError):
            found.append(Backup(path, _revision_from_name(path.name), "", None, 0, damaged=True))
    return found


def load_backup(path: str | os.PathLike[str]) -> Letter:
    """The letter stored in backup `path`; CorruptDraftError when it is damaged."""
    p = Path(path)
    try:
        with zipfile.ZipFile(p) as archive:
            return letter_from_json(
                _read_member(archive, _LETTER_MEMBER, MAX_JSON_BYTES).decode("utf-8"))
    except DraftError as exc:
        raise CorruptDraftError(
            _("The backup {path} cannot be read ({reason}).").format(path=p, reason=exc)
        ) from exc
    except (OSError, zipfile.BadZipFile, KeyError, UnicodeDecodeError, ValueError) as exc:
        raise CorruptDraftError(
            _("The backup {path} is damaged and cannot be read.").format(path=p)
        ) from exc


def _read_manifest(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        data = json.loads(_read_member(archive, _MANIFEST_MEMBER, _MAX_MANIFEST_BYTES))
        # A copy whose letter member is missing is damaged, whatever its manifest says.
        archive.getinfo(_LETTER_MEMBER)
    if not isinstance(data, dict) or data.get("missive") != "backup":
        raise ValueError("not a Missive backup")
    return data


def _read_member(archive: zipfile.ZipFile, member: str, limit: int) -> bytes:
    info = archive.getinfo(member)
    if info.file_size > limit:
        raise CorruptDraftError(_("A backup part is too large to be a letter."))
    with archive.open(info) as f:
        data = f.read(limit + 1)  # bounded even if the header lies
    if len(data) > limit:
        raise CorruptDraftError(_("A backup part is too large to be a letter."))
    return data


def _describe(path: Path, manifest: dict[str, Any]) -> Backup:
    created = datetime.fromisoformat(str(manifest["created"]))
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return Backup(
        path=path,
        revision_id=int(manifest["revision"]),
        name=str(manifest.get("name", "")),
        created=created,
        words=int(manifest.get("words", 0)),
    )


def _revision_from_name(name: str) -> int:
    part = name.removesuffix(".zip").split("-r")[-1].split("-")[0]
    return int(part) if part.isdigit() else 0
