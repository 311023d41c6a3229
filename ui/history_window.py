"""The draft's revisions: view any, restore any (restoring is a new revision)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting.errors import DraftError
from drafting.i18n import _
from drafting.letter import Letter
from ui.a11y import explain_buttons
from ui.screen_fit import fit_to_screen
from ui.session import Session
from ui.short_text import isolate


def letter_to_html(letter: Letter, heading: Any) -> str:
    """A plain reading view of a letter; `heading(section_id)` names sections."""
    parts: list[str] = []
    for section in letter.sections:
        title = heading(section.id) if section.id in letter.section_ids() else section.id
        parts.append(f"<h3>{escape(title)}</h3>")
        in_list = False
        for b in section.blocks:
            html = "".join(_span_html(s) for s in b.spans)
            if b.kind == "bullet":
                if not in_list:
                    parts.append("<ul>")
                    in_list = True
                parts.append(f"<li>{html}</li>")
                continue
            if in_list:
                parts.append("</ul>")
                in_list = False
            tag = "h4" if b.kind == "subheading" else "p"
            parts.append(f"<{tag}>{html}</{tag}>")
        if in_list:
            parts.append("</ul>")
        if section.is_empty():
            # grey, not italic: Arabic has no slanted face here (missing-glyph boxes)
            parts.append("<p style='color:gray'>" + escape(_("(empty)")) + "</p>")
    return "\n".join(parts)


def _span_html(span: Any) -> str:
    text = escape(span.text)
    if span.bold:
        text = f"<b>{text}</b>"
    if span.italic:
        text = f"<i>{text}</i>"
    if span.kind == "placeholder":
        text = f"<span style='background:#ffe08a;color:black'>{text}</span>"
    return text


class HistoryWindow(QDialog):
    """Lists revisions newest first with a preview of the selected one.

    "Compare with current text" emits `compare_requested` with the revision id
    and "Backup copies…" emits `backups_requested`; the main window opens the
    comparison or the recover dialog. A read-only window (the draft is open
    for writing elsewhere) shows the history but cannot restore.
    """

    compare_requested = Signal(int)
    backups_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.revision_tree = QTreeWidget(self)
        self.revision_tree.setRootIsDecorated(False)
        self.revision_tree.setColumnCount(5)
        header = self.revision_tree.header()
        # the name takes the room left, so "Review by …" and merge names show whole
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.revision_tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.preview = QTextBrowser(self)
        self.info_label = QLabel(self)
        self.restore_button = QPushButton(self)
        self.restore_button.setEnabled(False)
        self.compare_button = QPushButton(self)
        self.compare_button.setEnabled(False)
        self.backups_button = QPushButton(self)
        self.backups_button.setEnabled(session.path is not None)
        self.buttons = buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.revision_tree)
        # the selected revision's number and whole name, above its text
        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title_label)
        right_layout.addWidget(self.preview, 1)
        splitter.addWidget(right)
        splitter.setSizes([440, 460])
        bottom = QHBoxLayout()
        bottom.addWidget(self.backups_button)
        bottom.addWidget(self.info_label, 1)
        bottom.addWidget(self.compare_button)
        bottom.addWidget(self.restore_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        fit_to_screen(self, 960, 600)
        self.revision_tree.currentItemChanged.connect(self._on_current)
        self.restore_button.clicked.connect(self.restore_selected)
        self.compare_button.clicked.connect(self._compare_selected)
        self.backups_button.clicked.connect(self.backups_requested)
        session.saved.connect(self.refresh)
        session.autosaved.connect(self.refresh)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Redo every text in the interface language (after a switch)."""
        self.setWindowTitle(_("History of {name}").format(name=self.session.title()))
        self.setAccessibleName(_("History"))
        self.revision_tree.setAccessibleName(_("Revisions"))
        self.revision_tree.setToolTip(_("Every revision, newest first: select one to read it"))
        self.preview.setToolTip(_("The selected revision as it was"))
        explain_buttons(self.buttons)
        # The number is the one `export --compare-to` and `missive history` use.
        self.revision_tree.setHeaderLabels([_("No."), _("When"), _("Kind"), _("Name"),
                                            _("Words")])
        self.preview.setAccessibleName(_("Revision preview"))
        self.title_label.setAccessibleName(_("Selected revision"))
        self.title_label.setToolTip(_("The number and name of the revision shown"))
        self.restore_button.setText(_("&Restore this revision"))
        self.restore_button.setToolTip(
            _("This draft is open for writing in another window: here it can only be viewed")
            if self.session.read_only else
            _("Make this revision the current text; your current text stays in the history"))
        self.compare_button.setText(_("&Compare with current text"))
        self.compare_button.setToolTip(_("Show what changed between this revision and the "
                                         "text you are editing"))
        self.backups_button.setText(_("&Backup copies…"))
        self.backups_button.setToolTip(_("The copy of the draft kept at each save, to export "
                                         "or to open as a new draft"))
        selected = self.selected_revision()
        self.refresh()
        if selected is not None:
            self.select_revision(selected)

    @Slot()
    def refresh(self) -> None:
        self.revision_tree.clear()
        revisions = list(reversed(self.session.revisions()))
        for rev in revisions:
            when = rev.when(local=True)
            kind = _("Saved") if rev.kind == "save" else _("Autosave")
            item = QTreeWidgetItem([str(rev.id), when, kind, rev.name, str(rev.words)])
            item.setData(0, Qt.ItemDataRole.UserRole, rev.id)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            tip = _("Revision {n}, {kind}, {when}").format(n=rev.id, kind=kind, when=when)
            for column in range(5):
                item.setToolTip(column, f"{tip}\n{rev.name}" if rev.name else tip)
            self.revision_tree.addTopLevelItem(item)
        for c in (0, 1, 2, 4):
            self.revision_tree.resizeColumnToContents(c)
        first = self.revision_tree.topLevelItem(0)
        if first is not None:
            self.revision_tree.setCurrentItem(first)

    def selected_revision(self) -> int | None:
        item = self.revision_tree.currentItem()
        return int(item.data(0, Qt.ItemDataRole.UserRole)) if item else None

    def select_revision(self, rev_id: int) -> None:
        for i in range(self.revision_tree.topLevelItemCount()):
            item = self.revision_tree.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == rev_id:
                self.revision_tree.setCurrentItem(item)

    @Slot()
    def _on_current(self) -> None:
        rev_id = self.selected_revision()
        if rev_id is None:
            self.preview.clear()
            self.title_label.clear()
            self.restore_button.setEnabled(False)
            self.compare_button.setEnabled(False)
            return
        try:
            letter = self.session.load_revision(rev_id)
        except DraftError as exc:
            self.preview.setPlainText(str(exc))
            self.restore_button.setEnabled(False)
            self.compare_button.setEnabled(False)
            return
        self.preview.setHtml(letter_to_html(letter, self.session.section_heading))
        item = self.revision_tree.currentItem()
        name = item.text(3) if item is not None else ""
        self.title_label.setText(
            _("Revision {n}: {name}").format(n=rev_id, name=isolate(name)) if name
            else _("Revision {n}").format(n=rev_id))
        self.info_label.setText(_("{words} words").format(words=letter.word_count()))
        is_tip = self.revision_tree.currentItem() is self.revision_tree.topLevelItem(0)
        self.restore_button.setEnabled(not self.session.read_only and not is_tip)
        self.compare_button.setEnabled(True)

    @Slot()
    def _compare_selected(self) -> None:
        rev_id = self.selected_revision()
        if rev_id is not None:
            self.compare_requested.emit(rev_id)

    @Slot()
    def restore_selected(self) -> None:
        rev_id = self.selected_revision()
        if rev_id is not None:
            self.session.autosave()  # the current text stays in the history
            self.session.restore_revision(rev_id)
