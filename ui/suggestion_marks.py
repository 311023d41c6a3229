"""Reviewers' suggestions shown in the section editor (issue 19), two ways.

While the writer edits, the words a suggestion would change are marked in
the reviewer's colour (struck for a deletion or replacement, a heavy
underline where words would be inserted, the whole line tinted for a
paragraph to delete, move or follow with a new one); hovering shows what the
reviewer proposes. These are the editor's extra selections: they follow the
text as it is typed and cost nothing per keystroke.

"Show in the text" (the Suggestions panel) turns the section into the
marked-up text a reviewer's Word shows: old words struck and new words
underlined in each reviewer's colour, new paragraphs in place. The editor is
read-only meanwhile (that text is not the letter's); turning it off, or
deciding, brings the letter's text back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QColor, QFont, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip

from drafting.annotations import Suggestion
from drafting.checks.review import describe
from drafting.edits import review as decide
from drafting.letter import Block
from ui.doc_convert import block_format
from ui.review_style import colour
from ui.section_editor import SectionEditor
from ui.session import Session

REFRESH_MS = 500


class SuggestionMarks(QObject):
    """Marks the pending suggestions of the section the editor shows."""

    def __init__(self, editor: SectionEditor, session: Session,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.session = session
        self.markup = False
        self._tips: list[tuple[QTextCursor, str]] = []
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        editor.section_loaded.connect(lambda _s: self.refresh())
        session.review_changed.connect(self.refresh)
        session.section_changed.connect(self._on_section_changed)
        editor.viewport().installEventFilter(self)

    def _suggestions(self) -> list[Suggestion]:
        sid = self.editor.section_id
        if not sid or sid not in self.session.editable_ids():
            return []
        ids = {b.id for b in self.session.blocks(sid)}
        return [s for s in decide.pending(self.session.letter)
                if s.block_id in ids or (s.kind in ("new_paragraph", "move_paragraph")
                                         and (s.anchor in ids or (not s.anchor
                                                                  and s.section == sid)))]

    @Slot(str)
    def _on_section_changed(self, section_id: str) -> None:
        if section_id == self.editor.section_id and not self.markup and self._tips:
            self._timer.start()

    @Slot(bool)
    def set_markup(self, on: bool) -> None:
        """Show the section as marked-up text (read-only), or the letter's text again."""
        if on == self.markup:
            return
        self.markup = on
        if on:
            self.refresh()
        else:
            self.editor.setReadOnly(self.session.read_only)
            if self.editor.section_id:
                self.editor.load_section(self.editor.section_id)

    @Slot()
    def refresh(self) -> None:
        self._timer.stop()
        if self.markup:
            self._render()
        else:
            self._select()

    # -- marks while editing -------------------------------------------------------------
    def _select(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        self._tips = []
        letter = self.session.letter
        for s in self._suggestions():
            block_id = s.anchor if s.kind == "new_paragraph" else s.block_id
            qblock = self.editor.find_qblock(block_id) if block_id else None
            if qblock is None:
                continue
            tint = colour(letter, s.author)
            fmt = QTextCharFormat()
            cursor = QTextCursor(qblock)
            if s.in_text:
                place = decide.locate(qblock.text(), s)
                if place is None:
                    continue
                a, b = place
                if a == b:  # an insertion: underline the character before (or after) it
                    a, b = (a - 1, a) if a > 0 else (a, min(a + 1, len(qblock.text())))
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                    fmt.setUnderlineColor(tint)
                else:
                    fmt.setFontStrikeOut(True)
                    fmt.setForeground(tint)
                cursor.setPosition(qblock.position() + a)
                cursor.setPosition(qblock.position() + b, QTextCursor.MoveMode.KeepAnchor)
            elif s.kind == "new_paragraph":  # a new paragraph follows: mark the end
                end = qblock.position() + max(len(qblock.text()) - 1, 0)
                cursor.setPosition(end)
                cursor.setPosition(end + min(1, len(qblock.text())),
                                   QTextCursor.MoveMode.KeepAnchor)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(tint)
            else:  # the whole paragraph goes, or moves
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                    QTextCursor.MoveMode.KeepAnchor)
                if s.kind == "delete_paragraph":
                    fmt.setFontStrikeOut(True)
                    fmt.setForeground(tint)
                else:
                    light = QColor(tint)
                    light.setAlpha(40)
                    fmt.setBackground(light)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
            self._tips.append((QTextCursor(cursor), describe(s)))
        self.editor.setExtraSelections(selections)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and self._tips and isinstance(event, QHelpEvent):
            pos = self.editor.cursorForPosition(event.pos()).position()
            lines = [tip for cursor, tip in self._tips
                     if cursor.selectionStart() <= pos <= max(cursor.selectionEnd(),
                                                              cursor.selectionStart() + 1)]
            if lines:
                QToolTip.showText(event.globalPos(), "\n".join(lines), self.editor)
                return True
        return super().eventFilter(watched, event)

    # -- marked-up text ----------------------------------------------------------------
    def _render(self) -> None:
        editor = self.editor
        sid = editor.section_id
        if not sid or sid not in self.session.editable_ids():
            return
        letter = self.session.letter
        suggestions = self._suggestions()
        editor.setExtraSelections([])
        self._tips = []
        editor.setReadOnly(True)
        editor.highlighter.begin_load()  # no live marks on text that is not the letter's
        position = editor.textCursor().position()
        doc = editor.document()
        doc.clear()
        cursor = QTextCursor(doc)
        first = True
        after: dict[str, list[Suggestion]] = {}
        for s in suggestions:
            if s.kind in ("new_paragraph", "move_paragraph"):
                after.setdefault(s.anchor, []).append(s)
        blocks = {b.id: b for b in self.session.blocks(sid)}

        def paragraph(block: Block) -> None:
            nonlocal first
            fmt = block_format(block)
            if first:
                cursor.setBlockFormat(fmt)
                first = False
            else:
                cursor.insertBlock(fmt, QTextCharFormat())

        def proposed(s: Suggestion) -> None:
            text = s.new
            if s.kind == "move_paragraph":
                moved = blocks.get(s.block_id) or _find(self.session, s.block_id)
                text = moved.text if moved is not None else ""
            paragraph(Block(kind="subheading" if s.block_kind == "subheading" else "paragraph",
                            id=s.id))
            if s.block_kind == "bullet":
                cursor.insertText("• ", QTextCharFormat())
            cursor.insertText(text, _mark(colour(letter, s.author), added=True))

        for s in after.get("", []):
            proposed(s)
        for block in self.session.blocks(sid):
            mine = [s for s in suggestions if s.block_id == block.id]
            whole = next((s for s in mine if s.kind in ("delete_paragraph", "move_paragraph")),
                         None)
            paragraph(block)
            if block.kind == "bullet":
                cursor.insertText("• ", QTextCharFormat())
            if whole is not None:
                _write(cursor, block, 0, len(block.text), _mark(colour(letter, whole.author),
                                                                added=False))
            else:
                self._write_marked(cursor, block, [s for s in mine if s.in_text])
            for s in after.get(block.id, []):
                proposed(s)
        moved = editor.textCursor()
        moved.setPosition(min(position, doc.characterCount() - 1))
        editor.setTextCursor(moved)

    def _write_marked(self, cursor: QTextCursor, block: Block, mine: list[Suggestion]) -> None:
        letter = self.session.letter
        text = block.text
        # Where reviewers disagree, the first listed is shown here; the panel shows
        # the proposals side by side.
        chosen: list[tuple[tuple[int, int], Suggestion]] = []
        for s in mine:
            place = decide.locate(text, s)
            if place is not None and not any(_clash(place, other) for other, _s in chosen):
                chosen.append((place, s))
        pos = 0
        for (a, b), s in sorted(chosen, key=lambda x: (x[0][0], x[0][1])):
            _write(cursor, block, pos, a, None)
            tint = colour(letter, s.author)
            _write(cursor, block, a, b, _mark(tint, added=False))
            if s.new:
                cursor.insertText(s.new, _mark(tint, added=True))
            pos = b
        _write(cursor, block, pos, len(text), None)


def _clash(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two places overlap, or insert at one point."""
    if a == b:
        return True
    return a[0] < b[1] and b[0] < a[1]


def _find(session: Session, block_id: str) -> Block | None:
    found = session.letter.find_block(block_id)
    return found[2] if found is not None else None


def _mark(tint: QColor, *, added: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(tint)
    if added:
        fmt.setFontUnderline(True)
    else:
        fmt.setFontStrikeOut(True)
    return fmt


def _write(cursor: QTextCursor, block: Block, start: int, end: int,
           extra: QTextCharFormat | None) -> None:
    """Characters `start`..`end` of a block, with its bold and italic, plus `extra`."""
    pos = 0
    for span in block.spans:
        a, b = max(start, pos), min(end, pos + len(span.text))
        if a < b:
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold if span.bold else QFont.Weight.Normal)
            fmt.setFontItalic(span.italic)
            if extra is not None:
                fmt.merge(extra)
            cursor.insertText(span.text[a - pos:b - pos], fmt)
        pos += len(span.text)
