"""The masthead emblem a template may name: a small PNG or JPEG file beside it.

A template is data, and so is the picture it points to. `read_emblem` takes
the house style's `emblem` value and accepts only a local file: an address
(``https:``, ``file:``, ``data:``…) or a network share (``\\\\server``) is
refused, never fetched; a relative path is read from the template's folder.
The file must be at most `MAX_EMBLEM_BYTES`, begin with the PNG or JPEG
signature, and declare a width and height of at most `MAX_EMBLEM_PIXELS`
(a small file can still claim a huge picture that a word processor would
then decode). Problems raise `EmblemError` with a plain sentence; callers
locate it in the template file.

No emblem ships with Missive: the UN emblem's use is restricted (General
Assembly resolution 92 (I)), so an editor who may use it adds it to their
own template.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

from drafting.i18n import _

MAX_EMBLEM_BYTES = 1024 * 1024
MAX_EMBLEM_PIXELS = 4096
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"

# A scheme is two or more letters before a colon ("C:\…" is a drive letter).
_ADDRESS_RE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]+:|\\\\|//)")
# JPEG start-of-frame markers carry the picture size; C4, C8 and CC do not.
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class EmblemError(ValueError):
    """The emblem named by a template cannot be used; the message says why."""


@dataclass(frozen=True)
class Emblem:
    """A checked emblem picture."""

    data: bytes
    content_type: str  # "image/png" or "image/jpeg"
    width: int  # pixels
    height: int

    @property
    def extension(self) -> str:
        return "png" if self.content_type == "image/png" else "jpg"


def emblem_path(value: str, base: Path | None) -> Path:
    """The file an `emblem` value names; raises EmblemError for an address."""
    value = value.strip()
    if _ADDRESS_RE.match(value):
        raise EmblemError(_("the emblem must be a file on this computer, not an address: "
                            "{value}").format(value=value))
    path = Path(value).expanduser()
    if not path.is_absolute():
        if base is None:
            raise EmblemError(_("the emblem {value} is a relative path, but the template "
                                "has no folder to find it in").format(value=value))
        path = base / path
    return path


def read_emblem(value: str, base: Path | None) -> Emblem:
    """The emblem file named by `value` (relative to `base`), read and checked."""
    path = emblem_path(value, base)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_EMBLEM_BYTES + 1)
    except OSError as exc:
        raise EmblemError(_("cannot read the emblem {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from exc
    return check_emblem(data)


def check_emblem(data: bytes) -> Emblem:
    """`data` as an Emblem if it is a PNG or JPEG picture of sensible size."""
    if len(data) > MAX_EMBLEM_BYTES:
        raise EmblemError(_("the emblem is larger than {size} KB").format(
            size=MAX_EMBLEM_BYTES // 1024))
    if data.startswith(PNG_SIGNATURE):
        content_type, size = "image/png", _png_size(data)
    elif data.startswith(JPEG_SIGNATURE):
        content_type, size = "image/jpeg", _jpeg_size(data)
    else:
        raise EmblemError(_("the emblem must be a PNG or JPEG picture"))
    if size is None:
        raise EmblemError(_("the emblem picture is damaged: its size cannot be read"))
    width, height = size
    if not (0 < width <= MAX_EMBLEM_PIXELS and 0 < height <= MAX_EMBLEM_PIXELS):
        raise EmblemError(_("the emblem picture is {width}×{height} pixels; at most "
                            "{limit} pixels a side are accepted").format(
                                width=width, height=height, limit=MAX_EMBLEM_PIXELS))
    return Emblem(data, content_type, width, height)


def _png_size(data: bytes) -> tuple[int, int] | None:
    # The first chunk must be IHDR: length (4), type (4), width (4), height (4).
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        if length < 2:
            return None
        if marker in _SOF_MARKERS:
            if pos + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[pos + 5:pos + 9])
            return int(width), int(height)
        if marker == 0xDA:  # start of scan: no frame header before it
            return None
        pos += 2 + length
    return None
