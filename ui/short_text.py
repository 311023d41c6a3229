"""Long texts made to fit narrow places (a column, a header, a link), in full
in a tooltip beside them.

Section headings are long ("Implementation of the integrated strategic
framework and transition plan") and in the letter's language; lists and
tables show them shortened to a width rather than as the section's id.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics


def isolate(text: str) -> str:
    """`text` between Unicode's first-strong isolate marks (FSI … PDI), for a
    name or a passage of the letter set inside a sentence of the interface:
    it then keeps its own direction, so an English file name or excerpt in an
    Arabic sentence keeps its brackets and its final "…" where they belong."""
    return f"\u2068{text}\u2069" if text else text


def elide(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` cut to `width` pixels with an ellipsis at its end (reading order)."""
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


def elide_lines(text: str, metrics: QFontMetrics, width: int, max_lines: int = 2) -> str:
    """`text` wrapped at spaces into at most `max_lines` lines of `width` pixels;
    the last line is elided when words are left over. Lines are joined with "\\n"."""
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < max_lines - 1:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line += " " + words.pop(0)
        if metrics.horizontalAdvance(line) > width:
            # A word wider than the line: one cut is enough ("Implement…", not
            # "Implement…" over "of the inte…").
            lines.append(elide(" ".join([line, *words]), metrics, width))
            return "\n".join(lines)
        lines.append(line)
    if words:
        lines.append(elide(" ".join(words), metrics, width))
    return "\n".join(lines)


# Arabic, Hebrew, Syriac, Thaana, N'Ko; CJK, kana, Hangul and their punctuation.
_NO_ITALIC_RANGES = (
    (0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF),
    (0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF),
)


def italic_unsafe(text: str) -> bool:
    """True when `text` has right-to-left or CJK letters.

    Those scripts have no italic: asked for one, Qt picks the slanted face of
    a Latin family (DejaVu Sans Oblique has no Arabic) and draws empty boxes.
    """
    return any(lo <= ord(ch) <= hi for ch in text for lo, hi in _NO_ITALIC_RANGES)
