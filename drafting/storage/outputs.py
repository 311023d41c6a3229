"""Where an export may not go: the one check every output path passes.

An export, a screenshot or an interchange JSON written over a draft destroys
it, and a window that still has the draft open would then save into a file
that is no longer there. So before anything is written, `check_output`
refuses (OutputRefusedError, one line) a path that, once symbolic links and
".." are followed and hard links compared:

- is a Missive draft, or any other SQLite database;
- is a file SQLite or Missive keeps beside a draft (its "-journal", "-wal"
  or "-shm" file, its lock);
- is one of the files the command reads (`sources`: the draft exported, the
  version it is compared with), or the draft open in the window (`open_draft`);
- is named for another format than the one written ("letter.pdf" for a DOCX);
- exists and is no regular file: a device such as /dev/null, a named pipe
  (opening it would wait for a writer for ever) or a socket;
- exists and is not a file of the kind written (`kind`: "docx", "png" or
  "json"): a previous export is replaced, a contributor's text or another
  document is not.

Used by the CLI's export and screenshot, the JSON export, the window's export
dialog and the recovery dialog. The shared writer (`drafting.atomic`) refuses
to replace a database as well, as a last line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from drafting.atomic import is_database, is_special, special_message
from drafting.errors import OutputRefusedError
from drafting.i18n import _
from drafting.storage.draftfile import APPLICATION_ID
from drafting.storage.lockfile import lock_path_for

_SIDECARS = ("-journal", "-wal", "-shm")
_HEADER = 100


def check_output(
    target: str | os.PathLike[str],
    *,
    sources: Iterable[str | os.PathLike[str] | None] = (),
    open_draft: str | os.PathLike[str] | None = None,
    kind: str | None = None,
) -> Path:
    """Refuse an output path that would replace a draft, a file a draft needs,
    the command's own input, the open draft, or an existing file of another
    kind than `kind`; returns the path as given."""
    path = Path(target)
    real = Path(os.path.realpath(path))
    if path.is_dir():
        return path  # the writer says "is a folder" in its own words
    if is_special(real):
        raise OutputRefusedError(special_message(path))
    if is_database(real):
        raise OutputRefusedError(_draft_message(path, real))
    owner = _sidecar_owner(real)
    if owner is not None:
        raise OutputRefusedError(_(
            "{path} belongs to the draft {draft} (SQLite or Missive keeps it beside the "
            "draft); it was not replaced. Choose another file name.").format(
                path=path, draft=owner.name))
    if open_draft is not None and _same(real, Path(open_draft)):
        raise OutputRefusedError(_(
            "{path} is the draft open in this window; it was not replaced. Choose "
            "another file name.").format(path=path))
    for source in sources:
        if source is not None and _same(real, Path(source)):
            raise OutputRefusedError(_(
                "{path} is a file this command reads; it was not replaced. Choose "
                "another file name for the output.").format(path=path))
    if kind is not None and named_for_another_format(path, kind):
        # "-o letter.pdf" would get a Word file that no PDF reader opens
        raise OutputRefusedError(_SUFFIX_MESSAGES.get(kind, _SUFFIX_MESSAGES["docx"])().format(
            path=path, suffix=path.suffix))
    if kind is not None and real.is_file() and real.stat().st_size and \
            not _is_kind(real, kind):
        raise OutputRefusedError(_(
            "{path} already exists and is not a {kind} file; it was not replaced. Choose "
            "another file name.").format(path=path, kind=_KIND_NAMES.get(kind, kind)))
    return path


# Extensions of other formats a writer may type by mistake; any other dot in a
# name ("lettre v1.2", "Lettre du 1 déc. 2020") is part of the name.
_OTHER_FORMATS = frozenset({
    ".pdf", ".doc", ".docx", ".docm", ".dotx", ".odt", ".rtf", ".txt", ".md", ".html", ".htm",
    ".xml", ".json", ".csv", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp", ".png", ".jpg",
    ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".svg", ".webp", ".zip", ".missive", ".eml",
    ".msg",
})


def named_for_another_format(path: str | os.PathLike[str], kind: str) -> bool:
    """Whether `path` ends with the extension of another format than `kind`."""
    suffix = Path(path).suffix.lower()
    return suffix in _OTHER_FORMATS and suffix != f".{kind}"


# What to say of an output named for another format than the one written.
_SUFFIX_MESSAGES = {
    "docx": lambda: _("{path}: Missive writes a Word document (.docx), not a {suffix} file; "
                      "name the output .docx (for a PDF, open the DOCX in Word or "
                      "LibreOffice and save it as PDF)."),
    "png": lambda: _("{path}: the screenshot is a PNG picture, not a {suffix} file; name the "
                     "output .png."),
    "json": lambda: _("{path}: the export is a JSON file, not a {suffix} file; name the "
                      "output .json."),
}
# What the first bytes of a file of each output kind look like.
_MAGIC = {"docx": (b"PK\x03\x04",), "png": (b"\x89PNG\r\n\x1a\n",),
          "json": (b"{", b"[", b"\xef\xbb\xbf{")}
_KIND_NAMES = {"docx": "Word (.docx)", "png": "PNG", "json": "JSON"}


def _is_kind(real: Path, kind: str) -> bool:
    try:
        with open(real, "rb") as f:
            head = f.read(16).lstrip() if kind == "json" else f.read(16)
    except OSError:
        return True  # unreadable: the writer reports it in its own words
    return head.startswith(_MAGIC.get(kind, (b"",)))


def _same(real: Path, other: Path) -> bool:
    """Whether `real` and `other` are one file: the same real path, or (both
    existing) the same device and inode, as with a hard link."""
    if real == Path(os.path.realpath(other)):
        return True
    try:
        return os.path.samefile(real, other)
    except OSError:
        return False


def _draft_message(path: Path, real: Path) -> str:
    try:
        with open(real, "rb") as f:
            head = f.read(_HEADER)
    except OSError:
        head = b""
    if len(head) == _HEADER and int.from_bytes(head[68:72], "big") == APPLICATION_ID:
        return _("{path} is a Missive draft; an export never replaces a draft. Choose "
                 "another file name.").format(path=path)
    return _("{path} is a database; an export never replaces it. Choose another file "
             "name.").format(path=path)


def _sidecar_owner(real: Path) -> Path | None:
    """The draft `real` belongs to when it is a draft's journal, WAL, shared
    memory or lock file (whether or not that file exists yet)."""
    name = real.name
    for suffix in _SIDECARS:
        if name.endswith(suffix):
            owner = real.with_name(name[: -len(suffix)])
            if is_database(owner):
                return owner
    if name.startswith(".") and name.endswith(".lock"):
        owner = real.with_name(name[1: -len(".lock")])
        if owner.name and lock_path_for(owner) == real and is_database(owner):
            return owner
    return None


# Only these small parts of an existing DOCX are read to tell whose it is.
_PART_LIMIT = 256 * 1024
_APPLICATION_RE = re.compile(rb"<(?:\w+:)?Application>\s*Missive\b")
_DRAFT_PROPERTY_RE = re.compile(
    rb'name="MissiveDraft"[^>]*>\s*<(?:\w+:)?lpwstr>([^<]{1,200})<')


def check_docx_owner(target: str | os.PathLike[str], draft: str) -> None:
    """Refuse to replace an existing DOCX that is not an earlier export of the
    draft whose id is `draft`: a Word file (last period's letter, a reviewed
    copy saved by Word) or another draft's export. Earlier exports of this draft
    are replaced, as before. Reads two small parts as bytes (no XML parser)."""
    real = Path(os.path.realpath(target))
    if not real.is_file() or not real.stat().st_size:
        return
    app, custom = _small_parts(real, ("docProps/app.xml", "docProps/custom.xml"))
    by_missive = bool(_APPLICATION_RE.search(app))
    found = _DRAFT_PROPERTY_RE.search(custom)
    owner = found.group(1).decode("utf-8", "replace").strip() if found else ""
    if by_missive and (not owner or owner == draft):
        return
    raise OutputRefusedError(_(
        "{path} already exists and is not an earlier export of this draft (another "
        "draft's export, or a document saved by another program); it was not replaced. "
        "Choose another file name.").format(path=Path(target)))


def _small_parts(real: Path, names: tuple[str, ...]) -> list[bytes]:
    import zipfile

    out: list[bytes] = []
    try:
        with zipfile.ZipFile(real) as archive:
            for name in names:
                try:
                    info = archive.getinfo(name)
                except KeyError:
                    out.append(b"")
                    continue
                out.append(archive.read(info) if info.file_size <= _PART_LIMIT else b"")
    except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError):
        return [b"" for _name in names]
    return out
