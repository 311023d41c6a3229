"""Test pictures made here, never taken from elsewhere (and never the UN emblem).

`make_png` writes a small striped PNG with zlib alone; `TEST_JPEG` is a
72×60 JPEG drawn with Qt once (a blue disc with a white ring) and kept in
tests/fixtures/images/.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

TEST_JPEG = Path(__file__).resolve().parent.parent / "fixtures" / "images" / "test-emblem.jpg"


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def make_png(width: int = 120, height: int = 100) -> bytes:
    """An RGB PNG of `width`×`height` pixels: blue and white stripes."""
    rows = []
    for y in range(height):
        colour = bytes((40, 90, 160)) if (y // 10) % 2 == 0 else bytes((255, 255, 255))
        rows.append(b"\x00" + colour * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"".join(rows))) + _chunk(b"IEND", b""))
