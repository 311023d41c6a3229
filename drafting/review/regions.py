"""What reviewers changed inside one paragraph, as regions of the text that was sent.

A reviewed paragraph (`Piece`s) holds two layers of change on top of the
text that was printed (`E`): edits made without tracking, found by a word
comparison of `E` with the paragraph as it reads with every tracked change
rejected (`base`); and the tracked insertions and deletions themselves, at
known places of `base`. Both layers are turned into `Region`s: a stretch of
`E` to replace (`e0`..`e1`) and the text that replaces it, with its author,
date and whether it was tracked. Regions never overlap (a tracked change
inside a reviewer's untracked edit joins it), and applying all of them right
to left gives the paragraph with every change accepted (`final`).

`OffsetMap` then carries positions from the printed text back to the
block's own text, which typography may differ from (no-break spaces,
apostrophes, "1er").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from drafting.compare import word_ops
from drafting.review.document import Piece


@dataclass
class Region:
    """Replace `e0`..`e1` of the printed text by `new` (see the module docstring)."""

    e0: int
    e1: int
    new: str
    author: str
    date: str
    tracked: bool
    order: int = 0  # reading order in the reviewed paragraph (ties at one place)


@dataclass
class _Part:
    """A region under construction, in `base` coordinates (`v0`..`v1`)."""

    v0: int
    v1: int
    tracked: bool
    author: str = ""
    date: str = ""
    e0: int | None = None
    e1: int | None = None
    inserts: list[tuple[int, int]] = field(default_factory=list)  # (position, insert index)


def regions(printed: str, pieces: list[Piece], editor: str, editor_date: str) -> list[Region]:
    """Every change of one paragraph as non-overlapping regions of `printed`.

    `editor` and `editor_date` are credited with the untracked edits.
    """
    chars: list[str] = []
    deleted: list[Piece | None] = []
    inserts: list[tuple[int, Piece]] = []  # (base position, piece), in reading order
    for piece in pieces:
        if piece.change == "ins":
            inserts.append((len(chars), piece))
        else:
            for ch in piece.text:
                chars.append(ch)
                deleted.append(piece if piece.change == "del" else None)
    base = "".join(chars)
    equal: dict[int, int] = {}  # base position -> printed position, in unchanged words
    parts: list[_Part] = []
    e = v = 0
    for op, text in word_ops(printed, base):
        n = len(text)
        if op == "equal":
            for k in range(n):
                equal[v + k] = e + k
            e, v = e + n, v + n
        elif op == "delete":
            parts.append(_Part(v, v, False, e0=e, e1=e + n))
            e += n
        else:
            last = parts[-1] if parts else None
            if last is not None and not last.tracked and last.v1 == v and last.e1 == e:
                last.v1 = v + n
            else:
                parts.append(_Part(v, v + n, False, e0=e, e1=e))
            v += n
    for part in parts:
        part.author, part.date = editor, editor_date
    parts += _tracked_parts(deleted, inserts)
    merged = _merge(parts)
    for part in merged:
        part.e0, part.e1 = _printed_range(part, equal, len(printed))
    merged = _merge_printed(merged)
    out: list[Region] = []
    for order, part in enumerate(merged):
        e0, e1 = part.e0 or 0, part.e1 or 0
        new = _new_text(part, chars, deleted, inserts)
        if printed[e0:e1] != new:
            out.append(Region(e0, e1, new, part.author, part.date, part.tracked, order))
    return out


def _tracked_parts(deleted: list[Piece | None], inserts: list[tuple[int, Piece]]) -> list[_Part]:
    """Tracked changes grouped: neighbouring insertions and deletions by one author."""
    events: list[tuple[int, int, int, Piece]] = []  # (position, 0 ins / 1 del, index, piece)
    for index, (pos, piece) in enumerate(inserts):
        if piece.text:
            events.append((pos, 0, index, piece))
    for pos, gone in enumerate(deleted):
        if gone is not None:
            events.append((pos, 1, pos, gone))
    events.sort(key=lambda x: (x[0], x[1], x[2]))
    parts: list[_Part] = []
    for pos, kind, index, piece in events:
        last = parts[-1] if parts else None
        if last is None or last.author != piece.author or last.v1 != pos:
            last = _Part(pos, pos, True, piece.author, piece.date)
            parts.append(last)
        if kind == 0:
            last.inserts.append((pos, index))
        else:
            last.v1 = pos + 1
    return parts


def _merge(parts: list[_Part]) -> list[_Part]:
    """Parts in reading order, those that overlap joined into one."""
    parts = sorted(parts, key=lambda p: (p.v0, p.v1 - p.v0))
    out: list[_Part] = []
    for part in parts:
        last = out[-1] if out else None
        if last is not None and _overlap(last, part):
            last.v1 = max(last.v1, part.v1)
            last.inserts += part.inserts
            for attr in ("e0", "e1"):
                mine, theirs = getattr(last, attr), getattr(part, attr)
                if theirs is not None:
                    pick = min if attr == "e0" else max
                    setattr(last, attr, theirs if mine is None else pick(mine, theirs))
            if not last.author:
                last.author, last.date = part.author, part.date
        else:
            out.append(part)
    return out


def _merge_printed(parts: list[_Part]) -> list[_Part]:
    """Join parts whose printed ranges overlap (an untracked deletion next to a
    tracked change can sit inside the change's printed stretch)."""
    parts = sorted(parts, key=lambda p: (p.e0 or 0, p.e1 or 0, p.v0))
    out: list[_Part] = []
    for part in parts:
        last = out[-1] if out else None
        a0, a1 = (last.e0 or 0, last.e1 or 0) if last is not None else (0, 0)
        b0, b1 = part.e0 or 0, part.e1 or 0
        if last is not None and (b0 < a1 or (a0 < b0 == b1 < a1)):
            last.v0, last.v1 = min(last.v0, part.v0), max(last.v1, part.v1)
            last.inserts += part.inserts
            last.e0, last.e1 = min(a0, b0), max(a1, b1)
            if not last.tracked and part.tracked:
                last.author, last.date, last.tracked = part.author, part.date, True
        else:
            out.append(part)
    return out


def _overlap(a: _Part, b: _Part) -> bool:
    if a.v0 < a.v1 and b.v0 < b.v1:
        return a.v0 < b.v1 and b.v0 < a.v1
    if a.v0 == a.v1 and b.v0 == b.v1:
        return False
    inner, outer = (a, b) if a.v0 == a.v1 else (b, a)
    return outer.v0 < inner.v0 < outer.v1


def _printed_range(part: _Part, equal: dict[int, int], size: int) -> tuple[int, int]:
    """The printed text a part replaces."""
    starts: list[int] = [] if part.e0 is None else [part.e0]
    ends: list[int] = [] if part.e1 is None else [part.e1]
    for v in range(part.v0, part.v1):
        if v in equal:
            starts.append(equal[v])
            ends.append(equal[v] + 1)
    for pos, _index in part.inserts:
        point = _point(pos, equal)
        if point is not None:
            starts.append(point)
            ends.append(point)
    if not starts:
        return size, size
    return min(starts), max(ends)


def _point(pos: int, equal: dict[int, int]) -> int | None:
    """The printed position of a place between two characters of `base`."""
    if pos - 1 in equal:
        return equal[pos - 1] + 1
    if pos in equal:
        return equal[pos]
    return 0 if pos == 0 else None


def _new_text(part: _Part, chars: list[str], deleted: list[Piece | None],
              inserts: list[tuple[int, Piece]]) -> str:
    mine: dict[int, list[int]] = {}
    for pos, index in part.inserts:
        mine.setdefault(pos, []).append(index)
    out: list[str] = []
    for v in range(part.v0, part.v1 + 1):
        for index in sorted(mine.get(v, [])):
            out.append(inserts[index][1].text)
        if v < part.v1 and deleted[v] is None:
            out.append(chars[v])
    return "".join(out)


# Characters typography puts in place of others, one for one.
_SWAPS = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2019": "'"})


class OffsetMap:
    """Positions of one text (`dst`) carried to another (`src`) it differs from a little."""

    def __init__(self, src: str, dst: str) -> None:
        # Typography that only swapped characters one for one (no-break spaces,
        # apostrophes) leaves every position where it was.
        self.same = src == dst or (len(src) == len(dst)
                                   and src.translate(_SWAPS) == dst.translate(_SWAPS))
        self.src, self.dst = src, dst
        self._ops: list[tuple[str, int, int, int, int]] | None = None

    @property
    def ops(self) -> list[tuple[str, int, int, int, int]]:
        # Worked out only when a region needs it: most paragraphs have none.
        if self._ops is None:
            matcher = SequenceMatcher(None, self.src, self.dst, autojunk=False)
            self._ops = [(str(t), i1, i2, j1, j2) for t, i1, i2, j1, j2 in matcher.get_opcodes()]
        return self._ops

    def to_src(self, d0: int, d1: int) -> tuple[int, int, int, int]:
        """`dst[d0:d1]` as `src[s0:s1]`, widened to `dst[w0:w1]` where a
        boundary falls inside a difference: (s0, s1, w0, w1)."""
        if self.same:
            return d0, d1, d0, d1
        s0, w0 = self._start(d0)
        s1, w1 = self._end(d1)
        return s0, max(s0, s1), w0, max(w0, w1)

    def _start(self, d: int) -> tuple[int, int]:
        for tag, i1, _i2, j1, j2 in self.ops:
            if tag == "equal" and j1 <= d < j2:
                return i1 + d - j1, d
        for tag, _i1, i2, _j1, j2 in self.ops:
            if tag == "equal" and d == j2:
                return i2, d
        for _tag, i1, _i2, j1, j2 in self.ops:
            if j1 <= d < j2 or d == j1 == j2:
                return i1, j1
        return (self.ops[-1][2], self.ops[-1][4]) if self.ops else (0, 0)

    def _end(self, d: int) -> tuple[int, int]:
        for tag, i1, _i2, j1, j2 in self.ops:
            if tag == "equal" and j1 < d <= j2:
                return i1 + d - j1, d
        for tag, i1, _i2, j1, _j2 in self.ops:
            if tag == "equal" and d == j1:
                return i1, d
        for _tag, _i1, i2, j1, j2 in self.ops:
            if j1 < d <= j2:
                return i2, j2
        return (0, 0) if d == 0 or not self.ops else (self.ops[-1][2], self.ops[-1][4])
