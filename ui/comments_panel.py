"""The Comments panel: reviewers' remarks, the writer's replies, resolved or open (issue 19).

One item per thread (the first comment, with the words it is about), its
replies below it. The writer answers with Reply (the answer joins the
thread and goes out with the next export, so the conversation continues in
Word) and closes a thread with Resolve; resolved threads are hidden unless
asked for. Activating a comment shows its paragraph.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting.annotations import Comment, thread_of, threads
from drafting.i18n import _, ngettext
from ui.review_style import author_name, colour
from ui.session import Session
from ui.settings import Settings
from ui.short_text import isolate

COMMENT_ID = Qt.ItemDataRole.UserRole


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the list's width: Qt's own size
    hint measures a multi-line text unwrapped, so the remark under a long
    quote was cut off."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = max(80, self.tree.viewport().width() - self.tree.indentation() * (depth + 1) - 8)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        rect = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(base.width(), max(base.height(), rect.height() + 8))


class _Relayout(QObject):
    """Lays the rows out again when the list's width changes (wrapping changes)."""

    _width = -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            tree = self.parent()
            # only when the width changed: a height change (a scroll bar showing
            # or going) wraps nothing differently, and must not start a loop
            if isinstance(tree, QTreeWidget) and tree.viewport().width() != self._width:
                self._width = tree.viewport().width()
                tree.doItemsLayout()
        return False


class CommentsPanel(QWidget):
    """Comment threads of the session's letter."""

    reply_requested = Signal(str, str)  # comment id, text
    resolve_requested = Signal(str, bool)  # comment id, resolved
    jump_requested = Signal(str, str, int)

    def __init__(self, session: Session, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.resolved_check = QCheckBox(self)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("comments_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        # a long remark scrolls into view line by line, and a few always show
        self.tree.setVerticalScrollMode(QTreeWidget.ScrollMode.ScrollPerPixel)
        self.tree.setMinimumHeight(self.tree.fontMetrics().lineSpacing() * 5)
        self._relayout = _Relayout(self.tree)
        self.tree.viewport().installEventFilter(self._relayout)
        self.reply_edit = QLineEdit(self)
        self.reply_edit.setObjectName("reply_edit")
        self.reply_button = QPushButton(self)
        self.resolve_button = QPushButton(self)
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.reply_edit, 1)
        reply_row.addWidget(self.reply_button)
        actions = QHBoxLayout()
        actions.addWidget(self.resolved_check)
        actions.addStretch(1)
        actions.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tree, 1)
        layout.addLayout(reply_row)
        layout.addLayout(actions)
        self.resolved_check.toggled.connect(lambda _on: self.refresh())
        self.reply_button.clicked.connect(self.send_reply)
        self.reply_edit.returnPressed.connect(self.send_reply)
        self.reply_edit.textChanged.connect(lambda _t: self._update_buttons())
        self.resolve_button.clicked.connect(self._toggle_resolved)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.tree.itemActivated.connect(self._jump)
        self.tree.itemDoubleClicked.connect(self._jump)
        session.review_changed.connect(self.refresh)
        session.letter_replaced.connect(self.refresh)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(_("Comments"))
        self.tree.setAccessibleName(_("Comment threads"))
        self.resolved_check.setText(_("Show resol&ved"))
        self.resolved_check.setToolTip(_("Also list the threads already resolved"))
        self.reply_edit.setAccessibleName(_("Your reply"))
        self.reply_edit.setPlaceholderText(_("Reply to the selected comment…"))
        self.reply_edit.setToolTip(_("Your answer joins the thread and goes out with the next "
                                     "export"))
        self.reply_button.setText(_("Re&ply"))
        self.reply_button.setToolTip(_("Add your reply to the selected thread"))
        self.refresh()

    def current_id(self) -> str:
        item = self.tree.currentItem()
        return str(item.data(0, COMMENT_ID)) if item is not None else ""

    @Slot()
    def refresh(self) -> None:
        """Rebuild the threads from the letter, keeping the selection."""
        keep = self.current_id()
        letter = self.session.letter
        all_threads = threads(letter.comments)
        show_resolved = self.resolved_check.isChecked()
        self.tree.clear()
        for first, replies in all_threads:
            if first.resolved and not show_resolved:
                continue
            top = self._item(first, None)
            for reply in replies:
                self._item(reply, top)
            top.setExpanded(True)
        open_count = sum(1 for first, _r in all_threads if not first.resolved)
        if not letter.comments:
            self.summary_label.setText(_("No comments."))
        else:
            self.summary_label.setText(ngettext(
                "{n} comment thread is open.", "{n} comment threads are open.",
                open_count).format(n=open_count))
        found = self._find(keep) if keep else None
        if found is not None:
            self.tree.setCurrentItem(found)
        elif (head := self.tree.topLevelItem(0)) is not None:
            self.tree.setCurrentItem(head)
        self._update_buttons()

    def _item(self, c: Comment, parent: QTreeWidgetItem | None) -> QTreeWidgetItem:
        letter = self.session.letter
        item = QTreeWidgetItem(self.tree) if parent is None else QTreeWidgetItem(parent)
        item.setData(0, COMMENT_ID, c.id)
        who = author_name(c.author) if c.origin == "reviewer" else \
            _("{name} (you)").format(name=c.author or _("Writer"))
        lines = [f"{who} — {c.date[:10]}" if c.date else who]
        if parent is None and c.quote:
            lines.append(_("On “{words}”").format(words=isolate(c.quote[:80])))
        lines.append(c.text)
        if parent is None and c.resolved:
            lines.append(_("Resolved"))
        item.setText(0, "\n".join(lines))
        item.setToolTip(0, escape(c.text))
        item.setForeground(0, QBrush(colour(letter, c.author) if not c.resolved
                                     else QColor("gray")))
        return item

    def _find(self, comment_id: str) -> QTreeWidgetItem | None:
        items = self.tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive)
        return next((item for item in items if item.data(0, COMMENT_ID) == comment_id), None)

    def _thread(self) -> Comment | None:
        cid = self.current_id()
        return thread_of(self.session.letter.comments, cid) if cid else None

    def _update_buttons(self) -> None:
        first = self._thread()
        editable = not self.session.read_only and first is not None
        self.reply_button.setEnabled(editable and bool(self.reply_edit.text().strip()))
        self.reply_edit.setEnabled(editable)
        self.resolve_button.setEnabled(editable)
        if first is not None and first.resolved:
            self.resolve_button.setText(_("Re&open"))
            self.resolve_button.setToolTip(_("Open the selected thread again"))
        else:
            self.resolve_button.setText(_("Re&solve"))
            self.resolve_button.setToolTip(_("Mark the selected thread as settled"))
        self.resolve_button.setAccessibleName(self.resolve_button.text().replace("&", ""))

    @Slot()
    def send_reply(self) -> None:
        text = self.reply_edit.text().strip()
        cid = self.current_id()
        if text and cid:
            self.reply_requested.emit(cid, text)
            self.reply_edit.clear()

    @Slot()
    def _toggle_resolved(self) -> None:
        first = self._thread()
        if first is not None:
            self.resolve_requested.emit(first.id, not first.resolved)

    @Slot(QTreeWidgetItem, int)
    def _jump(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        first = thread_of(self.session.letter.comments, str(item.data(0, COMMENT_ID)))
        if first is None:
            return
        found = self.session.letter.find_block(first.block_id) if first.block_id else None
        if found is not None:
            self.jump_requested.emit(found[0], first.block_id, found[1])
        elif first.section:
            self.jump_requested.emit(first.section, "", -1)
