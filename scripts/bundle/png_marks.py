"""Count the spelling-underline pixels in a PNG (for smoke.sh; standard library only).

    python3 png_marks.py WINDOW.png    → prints a number

The section editor underlines misspelled words with a red wave (220, 40, 40;
ui/highlighter.py). Drawn antialiased over the white page, its pixels keep
green equal to blue with red well above both. smoke.sh compares two
screenshots of the same text that differ in one word, spelled right in one
and wrong in the other: only a working dictionary makes the counts differ.
Reads 8-bit RGB or RGBA PNGs without interlacing, which is what Qt writes.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path


def pixels(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """(width, height, bytes per pixel, unfiltered rows) of a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, color, _c, _f, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or color not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {color})")
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            corner = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


def spelling_marks(path: Path) -> int:
    """How many pixels have the colour of the spelling underline."""
    width, _height, bpp, rows = pixels(path.read_bytes())
    count = 0
    for row in rows:
        for x in range(0, width * bpp, bpp):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if r >= 215 and abs(g - b) <= 2 and r - g >= 40:
                count += 1
    return count


if __name__ == "__main__":
    print(spelling_marks(Path(sys.argv[1])))
