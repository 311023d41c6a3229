"""Text inside blocks: find, replace a range, re-span.

The one place where text is replaced inside formatted spans: find and
replace, automatic fixes and accepted suggestions all go through
`replace_range`. Replacing text keeps the formatting of the text it replaces
(bold stays bold), and placeholder spans are recomputed so a typed "[618]"
becomes a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from drafting.letter import Block, Letter, Span, spans_from_text


@dataclass(frozen=True)
class TextMatch:
    """One occurrence: `start`..`end` in the plain text of a block."""

    section: str
    block_index: int
    start: int
    end: int


def search_pattern(
    needle: str, case_sensitive: bool = False, whole_word: bool = False
) -> re.Pattern[str]:
    """The compiled pattern a find/replace uses for `needle` (taken literally)."""
    body = re.escape(needle)
    if whole_word:
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def find_all(
    letter: Letter, needle: str, case_sensitive: bool = False, whole_word: bool = False
) -> list[TextMatch]:
    """Every occurrence of `needle` in the letter's sections, in reading order."""
    if not needle:
        return []
    pattern = search_pattern(needle, case_sensitive, whole_word)
    out: list[TextMatch] = []
    for section in letter.sections:
        for i, block in enumerate(section.blocks):
            for m in pattern.finditer(block.text):
                out.append(TextMatch(section.id, i, m.start(), m.end()))
    return out


def respan(spans: list[Span]) -> list[Span]:
    """Merge runs of equal formatting and recompute placeholder spans.

    Links are kept as they are; text and placeholder runs of the same bold and
    italic are joined and split again on `[…]`, so editing inside or around a
    placeholder keeps the marking exact.
    """
    out: list[Span] = []
    run: list[Span] = []

    def flush() -> None:
        if run:
            text = "".join(s.text for s in run)
            if text:
                out.extend(spans_from_text(text, run[0].bold, run[0].italic))
            run.clear()

    for s in spans:
        if not s.text:
            continue
        if s.kind == "link":
            flush()
            out.append(replace(s))
            continue
        if run and (run[0].bold, run[0].italic) != (s.bold, s.italic):
            flush()
        run.append(s)
    flush()
    return out


def replace_range(block: Block, start: int, end: int, replacement: str) -> Block:
    """A copy of `block` with text `start`..`end` replaced, keeping formatting.

    The new text takes the format of the first replaced character, or of the
    character before the insertion point for an empty range.
    """
    before: list[Span] = []
    after: list[Span] = []
    fmt: Span | None = None
    pos = 0
    for s in block.spans:
        s0, s1 = pos, pos + len(s.text)
        pos = s1
        if s1 <= start:
            before.append(replace(s))
        elif s0 >= end:
            after.append(replace(s))
        else:
            if s0 < start:
                before.append(replace(s, text=s.text[: start - s0]))
            if fmt is None:
                fmt = s
            if s1 > end:
                after.append(replace(s, text=s.text[end - s0 :]))
    if fmt is None:
        fmt = before[-1] if before else (after[0] if after else Span(""))
    spans = respan([*before, _like(fmt, replacement), *after])
    return replace(block, spans=spans or [Span("")])


def _like(span: Span, text: str) -> Span:
    if span.kind == "link":
        return Span(text, span.bold, span.italic, kind="link", target=span.target)
    return Span(text, span.bold, span.italic)


def replace_in_blocks(
    blocks: list[Block],
    needle: str,
    replacement: str,
    case_sensitive: bool = False,
    whole_word: bool = False,
) -> tuple[list[Block], int]:
    """Copies of `blocks` with every occurrence replaced, and the count.

    Marks are left as they are: `drafting.edits.replace_all` settles them.
    """
    if not needle:
        return [replace(b, spans=[replace(s) for s in b.spans]) for b in blocks], 0
    pattern = search_pattern(needle, case_sensitive, whole_word)
    out: list[Block] = []
    count = 0
    for b in blocks:
        matches = list(pattern.finditer(b.text))
        nb = replace(b, spans=[replace(s) for s in b.spans])
        # Right to left, so earlier offsets stay valid.
        for m in reversed(matches):
            nb = replace_range(nb, m.start(), m.end(), replacement)
        count += len(matches)
        out.append(nb)
    return out, count
