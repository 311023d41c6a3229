"""The Suggestions panel: what reviewers proposed, to accept or reject (issue 19).

One row per suggestion, in the order of the letter, with the reviewer's
colour, the words struck and the words underlined in their context.
Suggestions of several reviewers on the same words are one row with the
proposals side by side, each with its own Accept and Reject buttons: taking
one leaves the others unable to apply. Above the list: accept or reject all
suggestions, or all of the reviewer chosen; "Show in the text" marks them
in the section editor. Activating a row shows its paragraph.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafting.annotations import Suggestion
from drafting.checks.review import describe, suggestion_place
from drafting.edits import review as decide
from drafting.i18n import _, ngettext
from ui.review_style import author_name, change_html, colour, kind_name, reviewers
from ui.session import Session

IDS = Qt.ItemDataRole.UserRole
ALL = "\0all"


class SuggestionsPanel(QWidget):
    """Pending suggestions of the session's letter."""

    accept_requested = Signal(list)  # suggestion ids
    reject_requested = Signal(list)
    accept_all_requested = Signal(object)  # a reviewer's name, or None for everyone
    reject_all_requested = Signal(object)
    jump_requested = Signal(str, str, int)  # section, block id, paragraph
    inline_toggled = Signal(bool)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.reviewer_combo = QComboBox(self)
        self.accept_all_button = QPushButton(self)
        self.reject_all_button = QPushButton(self)
        self.inline_check = QCheckBox(self)
        self.list = QListWidget(self)
        self.list.setObjectName("suggestions_list")
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.viewport().installEventFilter(self)
        # A light selection: the reviewers' colours stay readable on the selected row.
        palette = self.list.palette()
        light = palette.color(QPalette.ColorRole.Highlight)
        light.setAlpha(60)
        palette.setColor(QPalette.ColorRole.Highlight, light)
        palette.setColor(QPalette.ColorRole.HighlightedText,
                         palette.color(QPalette.ColorRole.Text))
        self.list.setPalette(palette)
        self.accept_button = QPushButton(self)
        self.reject_button = QPushButton(self)
        self.notice_label = QLabel(self)
        self.notice_label.setWordWrap(True)
        self.notice_label.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.reviewer_combo, 1)
        top.addWidget(self.accept_all_button)
        top.addWidget(self.reject_all_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.inline_check)
        bottom.addStretch(1)
        bottom.addWidget(self.accept_button)
        bottom.addWidget(self.reject_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary_label)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.notice_label)
        layout.addLayout(bottom)
        self._refresh_timer = QTimer(self, singleShot=True, interval=400)
        self._refresh_timer.timeout.connect(self.refresh)
        self.accept_all_button.clicked.connect(
            lambda: self.accept_all_requested.emit(self.chosen_reviewer()))
        self.reject_all_button.clicked.connect(
            lambda: self.reject_all_requested.emit(self.chosen_reviewer()))
        self.accept_button.clicked.connect(lambda: self._decide(True))
        self.reject_button.clicked.connect(lambda: self._decide(False))
        self.inline_check.toggled.connect(self.inline_toggled)
        self.list.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.list.itemActivated.connect(self._jump)
        self.list.itemDoubleClicked.connect(self._jump)
        self.reviewer_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        session.review_changed.connect(self.refresh)
        session.letter_replaced.connect(self.refresh)
        session.section_changed.connect(lambda _s: self._refresh_later())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Redo every fixed text in the interface language."""
        self.setAccessibleName(_("Suggestions"))
        self.reviewer_combo.setAccessibleName(_("Reviewer"))
        self.reviewer_combo.setToolTip(_("Show the suggestions of one reviewer, or of all"))
        self.accept_all_button.setText(_("Accept a&ll"))
        self.accept_all_button.setToolTip(_("Accept every suggestion shown (of the reviewer "
                                            "chosen, or of everyone)"))
        self.reject_all_button.setText(_("Reject al&l"))
        self.reject_all_button.setToolTip(_("Reject every suggestion shown (of the reviewer "
                                            "chosen, or of everyone)"))
        self.inline_check.setText(_("Show in the &text"))
        self.inline_check.setToolTip(_("Show the suggestions in the section text, struck and "
                                       "underlined in each reviewer's colour (the text is "
                                       "read-only meanwhile)"))
        self.list.setAccessibleName(_("Suggestions waiting for a decision"))
        self.accept_button.setText(_("&Accept"))
        self.accept_button.setToolTip(_("Put the selected suggestion into the text"))
        self.reject_button.setText(_("&Reject"))
        self.reject_button.setToolTip(_("Leave the text as it is and close the suggestion"))
        self.notice_label.setAccessibleName(_("Suggestions not applied"))
        self.refresh()

    # -- reading -------------------------------------------------------------------
    def chosen_reviewer(self) -> str | None:
        data = self.reviewer_combo.currentData()
        return None if data in (None, ALL) else str(data)

    def selected_ids(self) -> list[str]:
        item = self.list.currentItem()
        return list(item.data(IDS)) if item is not None else []

    def _refresh_later(self) -> None:
        if self.session.letter.suggestions and not self._refresh_timer.isActive():
            self._refresh_timer.start()

    @Slot()
    def refresh(self) -> None:
        """Rebuild the list from the letter (keeps the reviewer chosen and the row)."""
        letter = self.session.letter
        chosen = self.chosen_reviewer()
        names = reviewers(letter)
        self.reviewer_combo.blockSignals(True)
        self.reviewer_combo.clear()
        self.reviewer_combo.addItem(_("All reviewers"), ALL)
        for name in names:
            self.reviewer_combo.addItem(author_name(name), name)
        at = self.reviewer_combo.findData(chosen) if chosen is not None else 0
        self.reviewer_combo.setCurrentIndex(max(at, 0))
        self.reviewer_combo.blockSignals(False)
        current = self.selected_ids()
        self.list.clear()
        groups = decide.clusters(letter)
        who = self.chosen_reviewer()
        shown = [g for g in groups if who is None or any(s.author == who for s in g)]
        for group in shown:
            self._add_row(group)
        waiting = len(decide.pending(letter))
        if not letter.suggestions:
            self.summary_label.setText(_("No suggestions. Bring in a reviewed copy with File › "
                                         "Bring in a reviewed copy…"))
        else:
            self.summary_label.setText(ngettext(
                "{n} suggestion waits for a decision.", "{n} suggestions wait for a decision.",
                waiting).format(n=waiting))
        for row in range(self.list.count()):
            if self.list.item(row).data(IDS) == current:
                self.list.setCurrentRow(row)
                break
        else:
            if self.list.count():
                self.list.setCurrentRow(0)
        self._update_buttons()

    def _add_row(self, group: list[Suggestion]) -> None:
        item = QListWidgetItem(self.list)
        item.setData(IDS, [s.id for s in group])
        authors = {s.author for s in group}
        if len(group) > 1 and len(authors) > 1:
            widget = self._conflict_widget(group)
            item.setToolTip(_("Reviewers disagree here: choose one suggestion"))
        else:
            widget = self._rows_widget(group)
        # The widget shows the row; screen readers read this.
        item.setData(Qt.ItemDataRole.AccessibleTextRole, "; ".join(
            f"{author_name(s.author)}: {describe(s)}" for s in group))
        self.list.setItemWidget(item, widget)
        self._fit(item)

    def _fit(self, item: QListWidgetItem) -> None:
        widget = self.list.itemWidget(item)
        if widget is None:
            return
        width = max(self.list.viewport().width() - 4, 160)
        widget.setFixedWidth(width)
        layout = widget.layout()
        height = layout.heightForWidth(width) if layout is not None else -1
        item.setSizeHint(QSize(width, height if height > 0 else widget.sizeHint().height()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Rows wrap their text to the list's width: refit them when it changes.
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            for row in range(self.list.count()):
                self._fit(self.list.item(row))
        return super().eventFilter(watched, event)

    def _heading(self, s: Suggestion) -> str:
        section, paragraph = suggestion_place(self.session.letter, s)
        where = self.session.place_name(section)
        if paragraph is not None:
            where = _("{section}, paragraph {n}").format(section=where, n=paragraph + 1)
        return where

    def _label(self, s: Suggestion) -> QLabel:
        letter = self.session.letter
        hex_colour = colour(letter, s.author).name()
        text = decide.block_text(letter, s.block_id) if s.in_text else None
        place = decide.locate(text, s) if text is not None else None
        state = "" if place is not None or not s.in_text else \
            " — " + _("no longer fits the text")
        head = (f'<span style="color:{hex_colour}">■</span> <b>{_escape(author_name(s.author))}'
                f'</b> · {_escape(kind_name(s))}{_escape(state)}'
                f' <span style="color:gray">{_escape(s.date[:10])}</span>')
        label = QLabel(f"{head}<br>{change_html(s, hex_colour, text, place)}")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    def _rows_widget(self, group: list[Suggestion]) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(4, 4, 4, 4)
        where = QLabel(f'<i>{_escape(self._heading(group[0]))}</i>')
        where.setWordWrap(True)
        layout.addWidget(where)
        for s in group:
            layout.addWidget(self._label(s))
        return widget

    def _conflict_widget(self, group: list[Suggestion]) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(4, 4, 4, 4)
        where = QLabel(f'<i>{_escape(self._heading(group[0]))}</i> — '
                       f'<b>{_escape(_("reviewers disagree"))}</b>')
        where.setWordWrap(True)
        layout.addWidget(where)
        row = QHBoxLayout()
        for s in group:
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            column = QVBoxLayout(frame)
            column.addWidget(self._label(s), 1)
            buttons = QHBoxLayout()
            accept = QPushButton(_("Accept"), frame)
            accept.setAccessibleName(_("Accept the suggestion of {name}").format(
                name=author_name(s.author)))
            accept.setToolTip(accept.accessibleName())
            reject = QPushButton(_("Reject"), frame)
            reject.setAccessibleName(_("Reject the suggestion of {name}").format(
                name=author_name(s.author)))
            reject.setToolTip(reject.accessibleName())
            accept.clicked.connect(lambda _c=False, i=s.id: self.accept_requested.emit([i]))
            reject.clicked.connect(lambda _c=False, i=s.id: self.reject_requested.emit([i]))
            buttons.addWidget(accept)
            buttons.addWidget(reject)
            column.addLayout(buttons)
            row.addWidget(frame, 1)
        layout.addLayout(row)
        return widget

    def _update_buttons(self) -> None:
        ids = self.selected_ids()
        item = self.list.currentItem()
        conflict = item is not None and len({s.author for s in self.session.letter.suggestions
                                             if s.id in set(ids)}) > 1
        editable = not self.session.read_only
        self.accept_button.setEnabled(bool(ids) and not conflict and editable)
        self.reject_button.setEnabled(bool(ids) and editable)
        has_pending = bool(decide.pending(self.session.letter, self.chosen_reviewer()))
        self.accept_all_button.setEnabled(has_pending and editable)
        self.reject_all_button.setEnabled(has_pending and editable)

    def show_notices(self, notices: list[str]) -> None:
        """Say which suggestions could not be applied (they stay in the list)."""
        self.notice_label.setText("\n".join(notices[:5]))
        self.notice_label.setVisible(bool(notices))

    # -- acting ---------------------------------------------------------------------
    def _decide(self, accept: bool) -> None:
        ids = self.selected_ids()
        if ids:
            self.notice_label.setVisible(False)
            (self.accept_requested if accept else self.reject_requested).emit(ids)

    @Slot(QListWidgetItem)
    def _jump(self, item: QListWidgetItem) -> None:
        ids = set(item.data(IDS) or [])
        for s in self.session.letter.suggestions:
            if s.id in ids:
                section, paragraph = suggestion_place(self.session.letter, s)
                block = s.block_id if s.kind != "new_paragraph" else s.anchor
                self.jump_requested.emit(section, block, -1 if paragraph is None else paragraph)
                return


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
