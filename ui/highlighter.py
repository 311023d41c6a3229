"""Live marks in the section editor: placeholders, document symbols, typography,
spelling. Qt re-highlights only the paragraph being typed in, so each mark is
computed per paragraph with the pure functions of `drafting`.

Loading a long section would mark all its paragraphs before the first paint
(a 450-paragraph section takes a third of a second). Instead the editor calls
`begin_load()` before filling the document and `end_load(block)` after: the
paragraphs around the cursor are marked at once, the rest in short idle
slices (nearest first) once the editor has painted, and whatever scrolls
into view is marked before it is painted (`mark_range`). Marks are
remembered per paragraph text, so showing a section again costs little.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot
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
# A document up to this size is marked at once (a few milliseconds).
SYNC_CHARS = 12_000
# Characters marked at once on each side of the cursor: more than a screenful.
AROUND_CURSOR_CHARS = 6_000
# One idle slice; a key pressed meanwhile waits at most this long.
SLICE_SECONDS = 0.005
MEMO_SIZE = 5_000

Run = tuple[int, int, int]  # start, length, marks


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
        self._suspended = False
        # True while marks are being applied from here (not while typing):
        # Qt reports each re-marked paragraph as a document change, which the
        # editor must not take for an edit of the writer's.
        self.marking = False
        # Block numbers still to mark, nearest to the cursor last (popped first).
        self._pending: list[int] = []
        self._pending_set: set[int] = set()
        self._memo: dict[tuple[str, str], list[Run]] = {}
        # Block number whose surroundings are marked first on a full re-mark
        # (the editor points it at its first visible paragraph).
        self.anchor: Callable[[], int] = lambda: 0
        self._idle = QTimer(self, singleShot=True, interval=0)
        self._idle.timeout.connect(self._mark_some)
        document.blockCountChanged.connect(self._on_block_count_changed)
        self._build_formats()

    def set_spelling(self, spelling: SpellChecker | None) -> None:
        self.spelling = spelling
        self.rehighlight()

    def rehighlight(self) -> None:
        """Mark the whole document again (spelling or dictionary changed)."""
        self._memo.clear()
        self._mark_document(self.anchor())
        self.mark_later()

    # -- deferred marking ----------------------------------------------------------
    def begin_load(self) -> None:
        """The document is about to be refilled: skip marking until `end_load`."""
        self._suspended = True
        self._idle.stop()
        self._pending = []
        self._pending_set = set()

    def end_load(self, around_block: int = 0) -> None:
        """Mark the paragraphs near block number `around_block` now, the rest when idle."""
        self._suspended = False
        self._mark_document(around_block)

    def pending(self) -> int:
        """How many paragraphs are still waiting for their marks."""
        return len(self._pending_set)

    def mark_later(self) -> None:
        """Mark the waiting paragraphs in idle slices from now on."""
        if self._pending_set and not self._idle.isActive():
            self._idle.start()

    def finish(self) -> None:
        """Mark every waiting paragraph now (e.g. before a screenshot)."""
        self._idle.stop()
        waiting, self._pending = list(reversed(self._pending)), []
        self._mark_numbers(waiting)

    def mark_range(self, first: int, last: int) -> None:
        """Mark the waiting paragraphs among block numbers `first`..`last` now."""
        if self._pending_set:
            self._mark_numbers([n for n in range(first, last + 1) if n in self._pending_set])

    def _mark_document(self, around: int) -> None:
        doc = self.document()
        if doc is None:
            return
        self._idle.stop()
        if doc.characterCount() <= SYNC_CHARS:
            self._pending, self._pending_set = [], set()
            self.marking = True
            try:
                super().rehighlight()
            finally:
                self.marking = False
            return
        count = doc.blockCount()
        around = max(0, min(around, count - 1))
        now: list[int] = []
        for step in ("next", "previous"):
            block = doc.findBlockByNumber(around)
            if step == "previous":
                block = block.previous()
            chars = 0
            while block.isValid() and chars < AROUND_CURSOR_CHARS:
                now.append(block.blockNumber())
                chars += block.length()
                block = getattr(block, step)()
        # The rest nearest first: alternately below and above the cursor's paragraph.
        order: list[int] = [around]
        for d in range(1, count):
            if around + d < count:
                order.append(around + d)
            if around - d >= 0:
                order.append(around - d)
        done = set(now)
        self._pending = [n for n in reversed(order) if n not in done]
        self._pending_set = set(self._pending)
        self._mark_numbers(now)
        # The rest waits for `mark_later()`: the editor calls it once it has
        # painted, so the first paint does not wait for an idle slice.

    def _mark_numbers(self, numbers: list[int]) -> None:
        doc = self.document()
        self.marking = True
        try:
            for n in numbers:
                self._pending_set.discard(n)
                block = doc.findBlockByNumber(n)
                if block.isValid():
                    self.rehighlightBlock(block)
        finally:
            self.marking = False

    @Slot()
    def _mark_some(self) -> None:
        end = time.perf_counter() + SLICE_SECONDS
        doc = self.document()
        self.marking = True
        try:
            while self._pending and time.perf_counter() < end:
                n = self._pending.pop()
                if n in self._pending_set:
                    self._pending_set.discard(n)
                    block = doc.findBlockByNumber(n)
                    if block.isValid():
                        self.rehighlightBlock(block)
        finally:
            self.marking = False
        if self._pending:
            self._idle.start()
        else:
            self._pending_set.clear()

    @Slot(int)
    def _on_block_count_changed(self, _count: int) -> None:
        # Paragraphs added or removed while marks were still waiting: the
        # waiting numbers no longer name the same paragraphs, so every
        # paragraph waits again (marking one twice is harmless, missing one is not).
        if self._pending_set and not self._suspended:
            doc = self.document()
            self._pending = list(range(doc.blockCount() - 1, -1, -1))
            self._pending_set = set(self._pending)
            self._idle.start()

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
        if not text or self._suspended:
            return
        lang = self._language()
        heading = self.currentBlock().blockFormat().headingLevel() == SUBHEADING_LEVEL
        key = (text, lang)
        runs = self._memo.get(key)
        if runs is None:
            runs = self._runs(text, lang)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = runs
        for start, length, bits in runs:
            if bits or heading:
                self.setFormat(start, length, self._combined((bits, heading)))

    def _runs(self, text: str, lang: str) -> list[Run]:
        """Runs of equal marks over `text` (unmarked runs included)."""
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
        runs: list[Run] = []
        run_start = 0
        for i in range(1, len(text) + 1):
            if i == len(text) or marks[i] != marks[run_start]:
                runs.append((run_start, i - run_start, marks[run_start]))
                run_start = i
        return runs

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
