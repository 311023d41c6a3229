"""Live marks in the section editor: placeholders, document symbols, typography,
spelling. Qt re-highlights only the paragraph being typed in, so each mark is
computed per paragraph with the pure functions of `drafting`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from drafting.letter import PLACEHOLDER_RE
from drafting.references import find_symbols
from drafting.typography import typography_issues
from ui.doc_convert import SUBHEADING_LEVEL
from ui.spelling import SpellChecker

_PLACEHOLDER, _SYMBOL, _TYPOGRAPHY, _SPELLING = 1, 2, 4, 8


class Highlighter(QSyntaxHighlighter):
    """Marks one document; `language` and `spelling` follow the letter."""

    def __init__(
        self,
        document: QTextDocument,
        language: Callable[[], str],
        spelling: SpellChecker | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or document)
        self.setDocument(document)
        self._language = language
        self.spelling = spelling
        self._build_formats()

    def set_spelling(self, spelling: SpellChecker | None) -> None:
        self.spelling = spelling
        self.rehighlight()

    def _build_formats(self) -> None:
        palette = QGuiApplication.palette()
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        self.placeholder_format = QTextCharFormat()
        # Translucent so it reads on light and dark palettes alike.
        self.placeholder_format.setBackground(QColor(255, 200, 0, 110 if dark else 140))
        self.symbol_format = QTextCharFormat()
        self.symbol_format.setForeground(palette.color(QPalette.ColorRole.Link))
        self.symbol_format.setFontUnderline(True)
        self.typography_format = QTextCharFormat()
        self.typography_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        self.typography_format.setUnderlineColor(QColor(230, 140, 0))
        self.spelling_format = QTextCharFormat()
        self.spelling_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.spelling_format.setUnderlineColor(QColor(220, 40, 40))
        self.subheading_format = QTextCharFormat()
        self.subheading_format.setFontWeight(QFont.Weight.Bold)
        self._cache: dict[tuple[int, bool], QTextCharFormat] = {}

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if not text:
            return
        lang = self._language()
        heading = self.currentBlock().blockFormat().headingLevel() == SUBHEADING_LEVEL
        # One bit per kind of mark and character; runs of equal bits then get
        # one merged format each. (Reading formats back with format() is
        # avoided: it is slow, and PySide6 6.12 mishandles references there.)
        marks = [0] * len(text)

        def mark(start: int, end: int, bit: int, skip_taken: bool = False) -> None:
            if skip_taken and any(marks[i] & (_PLACEHOLDER | _SYMBOL) for i in range(start, end)):
                return
            for i in range(max(0, start), min(end, len(text))):
                marks[i] |= bit

        for m in PLACEHOLDER_RE.finditer(text):
            mark(m.start(), m.end(), _PLACEHOLDER)
        for ref in find_symbols(text, lang):
            mark(ref.start, ref.end, _SYMBOL)
        for issue in typography_issues(text, lang):
            start = min(issue.offset, len(text) - 1)
            mark(start, start + max(1, issue.length), _TYPOGRAPHY)
        if self.spelling is not None and self.spelling.available:
            for start, length in self.spelling.misspelled(text):
                mark(start, start + length, _SPELLING, skip_taken=True)
        run_start = 0
        for i in range(1, len(text) + 1):
            if i == len(text) or marks[i] != marks[run_start]:
                key = (marks[run_start], heading)
                if key != (0, False):
                    self.setFormat(run_start, i - run_start, self._combined(key))
                run_start = i

    def _combined(self, key: tuple[int, bool]) -> QTextCharFormat:
        fmt = self._cache.get(key)
        if fmt is None:
            bits, heading = key
            fmt = QTextCharFormat()
            for bit, part in ((_PLACEHOLDER, self.placeholder_format),
                              (_SYMBOL, self.symbol_format),
                              (_TYPOGRAPHY, self.typography_format),
                              (_SPELLING, self.spelling_format)):
                if bits & bit:
                    fmt.merge(part)
            if heading:
                fmt.merge(self.subheading_format)
            self._cache[key] = fmt
        return fmt
