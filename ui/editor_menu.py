"""The section editor's right-click menu and Ctrl+click on document symbols.

`EditorMenus` belongs to a `SectionEditor` (`editor.menus`): spelling
suggestions, confirming carried-over text, moving unassigned paragraphs into a
section, and opening a symbol on undocs.org. The editor's event handlers call it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDesktopServices,
    QKeySequence,
    QMouseEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu

from drafting.i18n import _
from drafting.letter import UNASSIGNED
from drafting.references import find_symbols, symbol_url
from ui.doc_convert import block_id_of
from ui.spelling import WORD_RE
from ui.unassigned import fill_move_menu

if TYPE_CHECKING:
    from ui.section_editor import SectionEditor
    from ui.session import Session

CONFIRM_CARRIED_SHORTCUT = "Ctrl+Shift+K"


class EditorMenus:
    """Context menu and links of one `SectionEditor`."""

    def __init__(self, editor: SectionEditor) -> None:
        self.editor = editor

    @property
    def session(self) -> Session:
        return self.editor.session

    def show_context_menu(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu(self.editor.cursorForPosition(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def build_context_menu(self, at: QTextCursor) -> QMenu:
        """The right-click menu for the text at `at` (spelling suggestions first)."""
        menu = self.editor.createStandardContextMenu()
        for action in list(menu.actions()):
            if action.objectName() in ("edit-undo", "edit-redo"):
                menu.removeAction(action)
        if self.editor.section_id == UNASSIGNED and not self.editor.isReadOnly() and block_id_of(at.block()):
            self._add_move_menu(menu, at)
        carried = self.editor.carried_block_id(at)
        if carried and not self.editor.isReadOnly():
            first = menu.actions()[0] if menu.actions() else None
            confirm = QAction(_("Confirm carried paragraph"), menu)
            confirm.setShortcut(QKeySequence(CONFIRM_CARRIED_SHORTCUT))
            confirm.triggered.connect(lambda _c=False: self.session.confirm_carried(carried))
            confirm_all = QAction(_("Confirm all carried text in this section"), menu)
            confirm_all.triggered.connect(lambda _c=False: self.editor.confirm_section_carried())
            sep = QAction(menu)
            sep.setSeparator(True)
            menu.insertActions(first, [confirm, confirm_all, sep])  # type: ignore[arg-type]
        spelling = self.editor.highlighter.spelling
        word = self._word_at(at)
        if word and spelling is not None and spelling.available and not spelling.check(word[2]):
            first = menu.actions()[0] if menu.actions() else None
            suggestions = spelling.suggest(word[2]) or []
            added: list[QAction] = []
            for s in suggestions:
                act = QAction(s, menu)
                act.triggered.connect(lambda _c=False, s=s, w=word: self._replace_word(w, s))
                added.append(act)
            if not suggestions:
                none = QAction(_("(no suggestions)"), menu)
                none.setEnabled(False)
                added.append(none)
            add = QAction(_("Add “{word}” to dictionary").format(word=word[2]), menu)
            add.triggered.connect(lambda _c=False, w=word[2]: self.add_to_dictionary(w))
            added.append(add)
            sep = QAction(menu)
            sep.setSeparator(True)
            added.append(sep)
            menu.insertActions(first, added)  # type: ignore[arg-type]
        return menu

    def _add_move_menu(self, menu: QMenu, at: QTextCursor) -> None:
        if not self.editor.textCursor().hasSelection():
            self.editor.setTextCursor(at)  # the paragraph clicked is the one moved
        first = menu.actions()[0] if menu.actions() else None
        move_menu = QMenu(_("Move paragraph to section"), menu)
        move_menu.setObjectName("move_menu")
        fill_move_menu(move_menu, self.session, self.editor.move_requested.emit)
        menu.insertMenu(first, move_menu)  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]

    def _word_at(self, cursor: QTextCursor) -> tuple[int, int, str] | None:
        block = cursor.block()
        offset = cursor.position() - block.position()
        for m in WORD_RE.finditer(block.text()):
            if m.start() <= offset <= m.end():
                return block.position() + m.start(), block.position() + m.end(), m.group(0)
        return None

    def _replace_word(self, word: tuple[int, int, str], replacement: str) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(word[0])
        cursor.setPosition(word[1], QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)

    def add_to_dictionary(self, word: str) -> None:
        spelling = self.editor.highlighter.spelling
        if spelling is not None:
            spelling.add(word)
            self.editor.highlighter.rehighlight()

    def open_link(self, event: QMouseEvent) -> bool:
        """Ctrl+click opens a document symbol on undocs.org, as in a browser;
        True when the click was taken."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            url = self.link_at(self.editor.cursorForPosition(event.pos()))
            if url:
                QDesktopServices.openUrl(QUrl(url))
                return True
        return False

    def link_at(self, cursor: QTextCursor) -> str:
        """The undocs.org address of the symbol at `cursor`, or ""."""
        block = cursor.block()
        offset = cursor.position() - block.position()
        for ref in find_symbols(block.text(), self.session.language):
            if ref.start <= offset <= ref.end:
                return symbol_url(ref.symbol, self.session.language)
        return ""
