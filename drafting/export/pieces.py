"""A paragraph cut into pieces for writing: each piece one format and at most
one link (a link the writer made, or a document symbol found in the text),
with the paragraph's typography applied inside each piece.

Symbols are found on the whole paragraph text, then the spans are cut at link
boundaries, so a symbol that straddles two spans still becomes one link.
Inside a link nothing changes except the one fix typography allows in a
symbol, the space of "2480 (2019)" (no-break in French, added where missing),
so the visible text of every symbol stays as typed otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from drafting.letter import PLACEHOLDER_RE, Span
from drafting.references import find_symbols, symbol_url
from drafting.typography import TypoIssue

# The only typography fix allowed inside a symbol's link (see the docstring).
_LINK_SAFE_CODES = frozenset({"typography.nbsp_resolution_year", "typography.space_resolution_year"})


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph with one format and at most one link."""

    text: str
    bold: bool = False
    italic: bool = False
    placeholder: bool = False
    url: str | None = None
    start: int = 0  # offset in the paragraph text


# A reviewer clicks links in the DOCX: only web and mail targets are written;
# anything else (file:, javascript:, …) stays as plain text.
_SAFE_SCHEMES = ("https://", "http://", "mailto:")


def _safe_target(span: Span) -> bool:
    return span.kind == "link" and bool(span.target) and \
        str(span.target).lower().startswith(_SAFE_SCHEMES)


def split_for_links(spans: list[Span], lang: str) -> list[Piece]:
    """Cut spans into pieces so that every link covers whole pieces.

    Links already present in the letter (`kind="link"`) keep their target when
    it is a web or mail address (other schemes are written as plain text);
    symbols found in the paragraph text become links unless they overlap one.
    Bracketed placeholders are cut out too, so a draft can highlight them.
    """
    text = "".join(s.text for s in spans)
    bounds: list[tuple[int, int, Span]] = []
    pos = 0
    for span in spans:
        bounds.append((pos, pos + len(span.text), span))
        pos += len(span.text)
    explicit = [(a, b) for a, b, s in bounds if _safe_target(s)]
    refs = [
        (ref.start, ref.end, symbol_url(ref.symbol, lang))
        for ref in find_symbols(text, lang)
        if not any(ref.start < b and a < ref.end for a, b in explicit)
    ]
    # "[618]" typed as plain text is still a placeholder: marked like one.
    marks = [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
    cuts = sorted({0, len(text), *(a for a, _, _ in refs), *(b for _, b, _ in refs),
                   *(a for a, _ in marks), *(b for _, b in marks)})
    pieces: list[Piece] = []
    for start, end, span in bounds:
        points = [start] + [c for c in cuts if start < c < end] + [end]
        for a, b in zip(points, points[1:], strict=False):
            if a == b:
                continue
            url = span.target if _safe_target(span) else None
            if url is None:
                url = next((u for ra, rb, u in refs if ra <= a and b <= rb), None)
            placeholder = span.kind == "placeholder" or any(
                ma <= a and b <= mb for ma, mb in marks)
            pieces.append(Piece(text[a:b], span.bold, span.italic, placeholder, url, a))
    return pieces


def typeset(pieces: list[Piece], issues: list[TypoIssue]) -> list[Piece]:
    """Apply paragraph-wide typography `issues` inside each piece.

    An issue goes to the piece that contains it whole; an insertion at a
    boundary goes to the text piece on either side. Link pieces only take the
    fixes of `_LINK_SAFE_CODES`. Issues that fit no piece are dropped.
    """
    per_piece: list[list[TypoIssue]] = [[] for _ in pieces]
    for issue in issues:
        for index, piece in enumerate(pieces):
            end = piece.start + len(piece.text)
            if not (piece.start <= issue.offset and issue.end <= end):
                continue
            if piece.url is not None and issue.code not in _LINK_SAFE_CODES:
                continue
            per_piece[index].append(issue)
            break
    out: list[Piece] = []
    for piece, mine in zip(pieces, per_piece, strict=True):
        # Left to right in one pass (a long paragraph has thousands of fixes);
        # at one offset the insertion comes first ("1 juin": "er", then the
        # space that becomes a no-break space).
        parts: list[str] = []
        pos = 0
        for issue in sorted(mine, key=lambda i: (i.offset, i.end)):
            a, b = issue.offset - piece.start, issue.end - piece.start
            parts += (piece.text[pos:a], issue.replacement)
            pos = b
        parts.append(piece.text[pos:])
        text = "".join(parts)
        if piece.url is not None:
            text = link_safe(piece.text, text)
        out.append(piece if text == piece.text else replace(piece, text=text))
    return out


def link_safe(original: str, fixed: str) -> str:
    """`fixed` if it differs from `original` only in its spaces, else `original`.

    Symbols keep their visible text as typed; the one change typography may
    make inside one is the space of "2480 (2019)" (a no-break space in French,
    added where it was missing).
    """
    if "".join(original.split()) != "".join(fixed.split()):
        return original
    return fixed


# French ordinals set with a raised ending, as French typography prints them:
# "1er juin 2020", "la 1re compagnie".
_FR_ORDINAL_RE = re.compile(r"(?<![\w.,/\-])1(ers?|res?)(?=[\s\u00a0\u202f,.;:)]|$)")


def ordinal_parts(text: str, lang: str) -> list[tuple[str, bool]]:
    """`text` cut into (part, raised) pieces: the endings of French ordinals raised."""
    if lang != "fr" or "1" not in text:
        return [(text, False)]
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _FR_ORDINAL_RE.finditer(text):
        out += [(text[pos:m.start(1)], False), (m.group(1), True)]
        pos = m.end(1)
    out.append((text[pos:], False))
    return [(t, raised) for t, raised in out if t]
