"""Recover: every revision of a draft — even one the normal open refuses — and
every backup copy of its explicit saves, each exportable as a DOCX or as a new
draft.

The dialog only reads the draft (`drafting.storage.recovery` works on a private
copy), so it is safe to open on a damaged file. The file chooser is injectable
so tests never block on a native dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting.errors import MissiveError
from drafting.export import export_docx
from drafting.i18n import _, ngettext
from drafting.storage.backups import Backup, list_backups, load_backup
from drafting.storage.outputs import check_output
from drafting.storage.recovery import (
    RecoverableRevision,
    backup_to_draft,
    list_recoverable,
    load_recoverable,
    recover_to_draft,
)
from drafting.templates.catalog import get_template

# (window title, suggested path, file filter) -> chosen path or None
Chooser = Callable[[str, str, str], str | None]
_DOCX_FILTER = "Word (*.docx)"
_DRAFT_FILTER = "Missive (*.missive)"


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S") if moment else "?"


class RecoverDialog(QDialog):
    """Lists a draft's revisions and backups; exports or rescues the selected one."""

    exported = Signal(str)  # the DOCX written
    recovered = Signal(str)  # the new draft written (the window may open it)

    def __init__(
        self, draft_path: str | Path, chooser: Chooser | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.draft_path = Path(draft_path)
        self._chooser = chooser or self._native_chooser
        self.setWindowTitle(_("Recover {name}").format(name=self.draft_path.name))
        self.setAccessibleName(_("Recover"))
        intro = QLabel(_(
            "Every version found in the draft, and the backup copy made at each save. "
            "The draft itself is only read."), self)
        intro.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.revision_tree = self._tree(
            [_("When"), _("Kind"), _("Name"), _("Words"), _("State")], _("Revisions"))
        self.backup_tree = self._tree(
            [_("When"), _("Name"), _("Words"), _("State")], _("Backup copies"))
        self.tabs.addTab(self.revision_tree, _("In the draft"))
        self.tabs.addTab(self.backup_tree, _("Backup copies"))
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(_("Status"))
        self.export_button = QPushButton(_("&Export as DOCX…"), self)
        self.rescue_button = QPushButton(_("Save as a &new draft…"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.rescue_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(row)
        self.resize(820, 480)

        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export_selected)
        self.rescue_button.clicked.connect(self.rescue_selected)
        self.tabs.currentChanged.connect(self._update_buttons)
        self.revision_tree.currentItemChanged.connect(self._update_buttons)
        self.backup_tree.currentItemChanged.connect(self._update_buttons)
        self.refresh()

    def _tree(self, headers: list[str], name: str) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setAccessibleName(name)
        return tree

    # -- filling -------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Read the revisions and backups again (newest first)."""
        self.revision_tree.clear()
        self.backup_tree.clear()
        problems: list[str] = []
        try:
            revisions = list_recoverable(self.draft_path)
        except MissiveError as exc:
            revisions = []
            problems.append(str(exc))
        for rev in reversed(revisions):
            self._add_revision(rev)
        backups = list_backups(self.draft_path)
        for backup in reversed(backups):
            self._add_backup(backup)
        for tree in (self.revision_tree, self.backup_tree):
            for column in range(tree.columnCount()):
                tree.resizeColumnToContents(column)
            first = tree.topLevelItem(0)
            if first is not None:
                tree.setCurrentItem(first)
        if not revisions and backups:
            self.tabs.setCurrentWidget(self.backup_tree)
        damaged = sum(not r.readable for r in revisions)
        if damaged:
            problems.append(ngettext(
                "{n} damaged version cannot be recovered; the others can.",
                "{n} damaged versions cannot be recovered; the others can.",
                damaged).format(n=damaged))
        self.status_label.setText(" ".join(problems))
        self._update_buttons()

    def _add_revision(self, rev: RecoverableRevision) -> None:
        kind = _("Saved") if rev.kind == "save" else _("Autosave")
        state = _("Readable") if rev.readable else _("Damaged: {problem}").format(
            problem=rev.problem)
        item = QTreeWidgetItem([_when(rev.created), kind, rev.name, str(rev.words), state])
        item.setData(0, Qt.ItemDataRole.UserRole, rev.id)
        item.setData(1, Qt.ItemDataRole.UserRole, rev.readable)
        if not rev.readable:
            item.setForeground(4, Qt.GlobalColor.darkRed)
        self.revision_tree.addTopLevelItem(item)

    def _add_backup(self, backup: Backup) -> None:
        state = _("Damaged") if backup.damaged else _("Readable")
        item = QTreeWidgetItem([_when(backup.created), backup.name, str(backup.words), state])
        item.setData(0, Qt.ItemDataRole.UserRole, str(backup.path))
        item.setData(1, Qt.ItemDataRole.UserRole, not backup.damaged)
        self.backup_tree.addTopLevelItem(item)

    # -- selection -----------------------------------------------------------
    def _current_tree(self) -> QTreeWidget:
        current = self.tabs.currentWidget()
        return current if isinstance(current, QTreeWidget) else self.revision_tree

    def selected(self) -> tuple[str, int | str] | None:
        """("revision", id) or ("backup", path) of the readable selected row."""
        tree = self._current_tree()
        item = tree.currentItem()
        if item is None or not item.data(1, Qt.ItemDataRole.UserRole):
            return None
        value = item.data(0, Qt.ItemDataRole.UserRole)
        if tree is self.revision_tree:
            return "revision", int(value)
        return "backup", str(value)

    def show_backups(self) -> None:
        """Bring the backup copies tab to the front."""
        self.tabs.setCurrentWidget(self.backup_tree)

    def select_revision(self, rev_id: int) -> None:
        self.tabs.setCurrentWidget(self.revision_tree)
        for i in range(self.revision_tree.topLevelItemCount()):
            item = self.revision_tree.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == rev_id:
                self.revision_tree.setCurrentItem(item)

    @Slot()
    def _update_buttons(self) -> None:
        usable = self.selected() is not None
        self.export_button.setEnabled(usable)
        self.rescue_button.setEnabled(usable)

    # -- actions -------------------------------------------------------------
    def _suggest(self, suffix: str) -> str:
        choice = self.selected()
        tag = f"r{choice[1]}" if choice and choice[0] == "revision" else "backup"
        return str(self.draft_path.with_name(f"{self.draft_path.stem}-{tag}{suffix}"))

    def _native_chooser(self, title: str, start: str, filter_: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(self, title, start, filter_)
        return path or None

    @Slot()
    def export_selected(self) -> None:
        """Ask where, then export the selected version as a draft DOCX."""
        choice = self.selected()
        if choice is None:
            return
        out = self._chooser(_("Export as"), self._suggest(".docx"), _DOCX_FILTER)
        if not out:
            return
        try:
            # never over the damaged draft being rescued, nor any other draft
            check_output(out, sources=[self.draft_path], kind="docx")
            if choice[0] == "revision":
                letter = load_recoverable(self.draft_path, int(choice[1]))
            else:
                letter = load_backup(str(choice[1]))
            result = export_docx(letter, get_template(letter.template_id), out)
        except MissiveError as exc:
            self.status_label.setText(str(exc))
            return
        self.status_label.setText(_("Exported {path}").format(path=result.path))
        self.exported.emit(str(result.path))

    @Slot()
    def rescue_selected(self) -> None:
        """Ask where, then write the selected version into a new draft."""
        choice = self.selected()
        if choice is None:
            return
        out = self._chooser(_("Save as a new draft"), self._suggest(".missive"), _DRAFT_FILTER)
        if not out:
            return
        try:
            if choice[0] == "revision":
                path = recover_to_draft(self.draft_path, int(choice[1]), out)
            else:
                path = backup_to_draft(str(choice[1]), out)
        except MissiveError as exc:
            self.status_label.setText(str(exc))
            return
        self.status_label.setText(_("Saved {path}").format(path=path))
        self.recovered.emit(str(path))
