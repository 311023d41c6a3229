"""The rich-text editor of one section at a time.

Every change the writer makes is turned into blocks and handed to the
session as an undo command; the document's own undo is off, so Ctrl+Z walks
the session's stack, across sections. Paste keeps paragraphs, bold, italic
and lists and drops the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocumentFragment,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from drafting.i18n import _
from drafting.letter import Block
from ui.doc_convert import (
    CARRIED_TINT,
    SUBHEADING_LEVEL,
    block_id_of,
    blocks_to_fragment_document,
    document_to_blocks,
    fill_document,
    html_to_blocks,
    is_carried,
    set_carried_mark,
)
from ui.editor_menu import EditorMenus
from ui.highlighter import Highlighter
from ui.session import Session
from ui.spelling import SpellChecker
from ui.undo_actions import redo_keys

CONFIRM_SECTION_CARRIED_SHORTCUT = "Ctrl+Alt+Shift+K"
# More text than a screen shows, even on a tall monitor.
VISIBLE_CHARS_CAP = 12_000


class SectionEditor(QTextEdit):
    """Shows and edits the section `section_id` of the session's letter."""

    current_block_changed = Signal(str)  # id of the paragraph under the cursor
    move_requested = Signal(str)  # section id: move the selected paragraphs there
    section_loaded = Signal(str)  # the document was refilled from the letter

    def __init__(
        self, session: Session, spelling: SpellChecker | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.section_id = ""
        self._loading = False
        self._last_pos = 0
        # Where the cursor stood before the edit being typed (the cursor has
        # already moved when the document says it changed); -1: none pending.
        self._edit_before = -1
        self._last_block = ""
        self._positions: dict[str, int] = {}
        # Ids of the paragraphs touched since the last conversion.
        self._dirty: set[str] = set()
        # Ids of the paragraphs the document shows as carried over.
        self._marked: set[str] = set()
        self.setAccessibleName(_("Section text"))
        self.setToolTip(_("The text of this section: Ctrl+B bold, Ctrl+I italic, Ctrl+Shift+L "
                          "list, Ctrl+Z undoes a word at a time; Tab leaves the text"))
        self.setTabChangesFocus(False)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(12)
        self.highlighter = Highlighter(self.document(), lambda: self.session.language, spelling)
        self.highlighter.anchor = lambda: self._visible_blocks()[0]
        # Paragraphs whose marks still wait (a long section just loaded) are
        # marked as they scroll into view, before they are painted.
        self.verticalScrollBar().valueChanged.connect(self._mark_visible)
        self.document().contentsChange.connect(self._on_contents_change)
        self.document().contentsChanged.connect(self._on_contents_changed)
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        session.section_reset.connect(self._on_section_reset)
        self.setReadOnly(session.read_only)
        self.menus = EditorMenus(self)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        self.menus.show_context_menu(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if not self.menus.open_link(event):
            super().mouseReleaseEvent(event)

    # -- loading -------------------------------------------------------------
    def load_section(self, section_id: str, cursor: int = -1) -> None:
        """Show `section_id`; the cursor goes where the writer left it."""
        if self.section_id:
            self._positions[self.section_id] = self.textCursor().position()
        self.section_id = section_id
        self._reload(cursor if cursor >= 0 else self._positions.get(section_id, 0))

    def _reload(self, position: int) -> None:
        self._loading = True
        self.highlighter.begin_load()
        try:
            blocks = self.session.blocks(self.section_id)
            fill_document(self.document(), blocks)
            self._marked = {b.id for b in blocks if b.carried}
        finally:
            self._loading = False
            self._dirty = set()
            position = max(0, min(position, self.document().characterCount() - 1))
            self.highlighter.end_load(self.document().findBlock(position).blockNumber())
        c = self.textCursor()
        c.setPosition(position)
        self.setTextCursor(c)
        self._last_pos = c.position()
        self.ensureCursorVisible()
        self.section_loaded.emit(self.section_id)

    def _visible_blocks(self) -> tuple[int, int]:
        """Numbers of the first and last paragraphs in view.

        Capped at a screenful of text: right after a load the layout may not
        reach the bottom yet, and an unlaid paragraph reports no position.
        """
        layout = self.document().documentLayout()
        bottom = self.verticalScrollBar().value() + self.viewport().height()
        block = self.cursorForPosition(QPoint(0, 0)).block()
        first = last = max(0, block.blockNumber())
        chars = 0
        while block.isValid() and chars < VISIBLE_CHARS_CAP:
            if layout.blockBoundingRect(block).top() > bottom:
                break
            last = block.blockNumber()
            chars += block.length()
            block = block.next()
        return first, last

    @Slot()
    def _mark_visible(self) -> None:
        if self.highlighter.pending():
            self.highlighter.mark_range(*self._visible_blocks())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._mark_visible()

    @Slot(str, int)
    def _on_section_reset(self, section_id: str, cursor: int) -> None:
        if section_id == self.section_id:
            self._reload(cursor if cursor >= 0 else self.textCursor().position())

    def set_spelling(self, spelling: SpellChecker | None) -> None:
        self.highlighter.set_spelling(spelling)

    # -- edits to the session ------------------------------------------------
    @Slot(int, int, int)
    def _on_contents_change(self, position: int, _removed: int, added: int) -> None:
        if self._loading or self.highlighter.marking:
            return
        if self._edit_before < 0:
            self._edit_before = position + _removed
        doc = self.document()
        block = doc.findBlock(position)
        last = doc.findBlock(position + added)
        while block.isValid():
            self._dirty.add(block_id_of(block))
            if block == last:
                break
            block = block.next()

    @Slot()
    def _on_contents_changed(self) -> None:
        if self.highlighter.marking:
            return  # marks only: the text is the same
        before, self._edit_before = self._edit_before, -1
        if self._loading or not self.section_id or self.isReadOnly():
            self._dirty.clear()
            return
        touched = self._dirty
        self._loading = True  # writing ids back changes the document again
        try:
            previous = {b.id: b for b in self.session.blocks(self.section_id)}
            blocks = document_to_blocks(self.document(), previous, dirty=self._dirty)
        finally:
            self._loading = False
            self._dirty = set()
        self.session.edit_section(
            self.section_id, blocks, before if before >= 0 else self._last_pos,
            self.textCursor().position())
        self._drop_stale_marks(touched)

    def _drop_stale_marks(self, touched: set[str]) -> None:
        # Typing in a carried paragraph rewrites it: the session dropped the
        # flag, and the document (not reloaded while typing) follows here.
        stale = touched & self._marked
        if not stale:
            return
        still = {b.id for b in self.session.blocks(self.section_id) if b.carried}
        stale -= still
        self._marked -= stale
        self._loading = True
        try:
            qblock = self.document().begin()
            while qblock.isValid() and stale:
                bid = block_id_of(qblock)
                if bid in stale and is_carried(qblock):
                    set_carried_mark(qblock, False)
                    stale.discard(bid)
                qblock = qblock.next()
        finally:
            self._loading = False
        self.viewport().update()

    @Slot()
    def _on_cursor_moved(self) -> None:
        self._last_pos = self.textCursor().position()
        bid = block_id_of(self.textCursor().block())
        if bid != self._last_block:
            self._last_block = bid
            self.current_block_changed.emit(bid)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # The document's undo is off; the session's stack spans all sections.
        pressed = QKeySequence(event.keyCombination())
        if event.matches(QKeySequence.StandardKey.Undo):
            self.session.undo_stack.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo) or pressed in redo_keys():
            self.session.undo_stack.redo()
            return
        super().keyPressEvent(event)

    # -- formatting ------------------------------------------------------------
    def toggle_bold(self) -> None:
        bold = self.fontWeight() < QFont.Weight.DemiBold.value
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.mergeCurrentCharFormat(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.fontItalic())
        self.mergeCurrentCharFormat(fmt)

    def toggle_bullets(self) -> None:
        cursor = self.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None:
            for i in range(current.count() - 1, -1, -1):
                item = current.item(i)
                if cursor.selectionStart() <= item.position() + item.length() and (
                    item.position() <= cursor.selectionEnd()
                ):
                    current.remove(item)
            fmt = cursor.blockFormat()
            fmt.setIndent(0)
            cursor.setBlockFormat(fmt)
        else:
            fmt = cursor.blockFormat()
            fmt.setHeadingLevel(0)
            cursor.setBlockFormat(fmt)
            list_fmt = QTextListFormat()
            list_fmt.setStyle(QTextListFormat.Style.ListDisc)
            cursor.createList(list_fmt)
        cursor.endEditBlock()

    def toggle_subheading(self) -> None:
        cursor = self.textCursor()
        fmt = cursor.blockFormat()
        is_heading = fmt.headingLevel() == SUBHEADING_LEVEL
        if cursor.currentList() is not None:
            cursor.currentList().remove(cursor.block())
        fmt.setHeadingLevel(0 if is_heading else SUBHEADING_LEVEL)
        fmt.setIndent(0)
        cursor.setBlockFormat(fmt)

    # -- carried-over paragraphs ---------------------------------------------------
    def carried_block_id(self, at: QTextCursor | None = None) -> str:
        """Id of the carried-over paragraph at `at` (default: the cursor), or ""."""
        bid = block_id_of((at or self.textCursor()).block())
        return bid if bid in self._marked else ""

    def confirm_carried_here(self, at: QTextCursor | None = None) -> bool:
        """Confirm the carried paragraph under the cursor (or at `at`)."""
        bid = self.carried_block_id(at)
        return bool(bid) and self.session.confirm_carried(bid)

    def confirm_section_carried(self) -> int:
        """Confirm every carried paragraph of the section shown."""
        return self.session.confirm_all_carried(self.section_id) if self.section_id else 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        self.highlighter.mark_later()
        if not self._marked:
            return
        # A bar in the left margin as well as the tint: visible without colour.
        painter = QPainter(self.viewport())
        bar = QColor(CARRIED_TINT)
        bar.setAlpha(200)
        layout = self.document().documentLayout()
        top = self.verticalScrollBar().value()
        qblock = self.cursorForPosition(event.rect().topLeft()).block()
        while qblock.isValid():
            rect = layout.blockBoundingRect(qblock).translated(0, -top)
            if rect.top() > event.rect().bottom():
                break
            if is_carried(qblock):
                painter.fillRect(QRectF(2, rect.top(), 4, rect.height()), bar)
            qblock = qblock.next()
        painter.end()

    # -- navigation --------------------------------------------------------------
    def current_block_id(self) -> str:
        """The letter block under the cursor ("" for an empty paragraph)."""
        block = self.textCursor().block()
        return block_id_of(block) if block.text().strip() else ""

    def selected_block_ids(self) -> list[str]:
        """Ids of the letter blocks the selection touches (or the one under the cursor)."""
        cursor = self.textCursor()
        doc = self.document()
        qblock = doc.findBlock(cursor.selectionStart())
        last = doc.findBlock(cursor.selectionEnd())
        known = {b.id for b in self.session.blocks(self.section_id)} if self.section_id else set()
        ids: list[str] = []
        while qblock.isValid():
            bid = block_id_of(qblock)
            if bid in known and qblock.text().strip():
                ids.append(bid)
            if qblock == last:
                break
            qblock = qblock.next()
        return ids

    def current_block_index(self) -> int:
        """Index in the section's blocks of the paragraph under the cursor, or -1."""
        bid = self.current_block_id()
        for i, b in enumerate(self.session.blocks(self.section_id)):
            if b.id == bid:
                return i
        return -1

    def find_qblock(self, block_id: str | None, paragraph: int | None = None) -> QTextBlock | None:
        """The editor block showing a letter block (by id, else by index)."""
        qblock = self.document().begin()
        index = 0
        fallback = None
        while qblock.isValid():
            if block_id and block_id_of(qblock) == block_id:
                return qblock
            if qblock.text().strip():
                if paragraph is not None and index == paragraph:
                    fallback = qblock
                index += 1
            qblock = qblock.next()
        return fallback

    def go_to(self, block_id: str | None, paragraph: int | None = None,
              start: int = 0, end: int | None = None, focus: bool = True) -> bool:
        """Put the cursor on a paragraph, selecting `start`..`end` in it; with
        `focus`, the keyboard comes to the editor too."""
        qblock = self.find_qblock(block_id, paragraph)
        if qblock is None:
            return False
        cursor = QTextCursor(qblock)
        cursor.setPosition(qblock.position() + min(start, qblock.length() - 1))
        if end is not None:
            cursor.setPosition(qblock.position() + min(end, qblock.length() - 1),
                               QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        if focus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # -- clipboard ---------------------------------------------------------------
    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasHtml() or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        if self.isReadOnly():
            return
        if source.hasHtml():
            blocks = html_to_blocks(source.html())
            if blocks:
                self.insert_blocks(blocks)
                return
        if source.hasText():
            self.textCursor().insertText(source.text(), self.currentCharFormat())

    def insert_blocks(self, blocks: list[Block]) -> None:
        """Insert clean blocks at the cursor as one edit."""
        doc = blocks_to_fragment_document(blocks)
        cursor = self.textCursor()
        if len(blocks) == 1 and blocks[0].kind == "paragraph":
            # Inline paste: the words join the current paragraph.
            fragment = QTextDocumentFragment.fromHtml(doc.toHtml())
        else:
            fragment = QTextDocumentFragment(doc)
        cursor.insertFragment(fragment)
        self.setTextCursor(cursor)
