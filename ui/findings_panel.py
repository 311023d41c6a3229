"""Every finding of the current draft, filterable by severity.

Activating a finding (click, Enter) asks the window to show its section and
paragraph; findings with an automatic fix can be fixed from here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting.findings import Finding
from drafting.i18n import N_, _, ngettext
from drafting.letter import UNASSIGNED
from ui.session import Session

FILTERS = (("all", N_("All findings")), ("error", N_("Errors")), ("warning", N_("Warnings")),
           ("info", N_("Information")))
SEVERITY_COLORS = {"error": QColor(200, 50, 40), "warning": QColor(200, 130, 0),
                   "info": QColor(60, 120, 200)}


def severity_label(severity: str) -> str:
    return {"error": _("Error"), "warning": _("Warning"), "info": _("Info")}.get(severity, severity)


class FindingsPanel(QWidget):
    """The list of findings with a severity filter."""

    jump_requested = Signal(str, str, int)  # section, block id, paragraph (-1: none)

    def __init__(self, session: Session, severity: str = "all",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.filter_combo = QComboBox(self)
        for value, text in FILTERS:
            self.filter_combo.addItem(_(text), value)
        self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(severity)))
        self.count_label = QLabel(self)
        self.fix_button = QPushButton(self)
        self.fix_button.setEnabled(False)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        top = QHBoxLayout()
        top.addWidget(self.filter_combo)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.fix_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self._shown: list[Finding] = []
        self.filter_combo.currentIndexChanged.connect(self.refresh)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemClicked.connect(self._on_activated)
        self.tree.currentItemChanged.connect(self._on_current)
        self.fix_button.clicked.connect(self.apply_fix)
        session.findings_changed.connect(self.refresh)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Redo every text in the interface language (after a switch)."""
        self.filter_combo.setAccessibleName(_("Show findings of severity"))
        for i, (_value, text) in enumerate(FILTERS):
            self.filter_combo.setItemText(i, _(text))
        self.fix_button.setText(_("Apply fix"))
        self.fix_button.setToolTip(_("Apply the suggested correction"))
        self.tree.setAccessibleName(_("Findings"))
        self.tree.setHeaderLabels([_("Severity"), _("Where"), _("Finding")])
        self.refresh()

    def severity(self) -> str:
        return str(self.filter_combo.currentData())

    def set_severity(self, severity: str) -> None:
        self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(severity)))

    def shown_findings(self) -> list[Finding]:
        return list(self._shown)

    @Slot()
    def refresh(self) -> None:
        wanted = self.severity()
        findings = self.session.findings()
        shown = [f for f in findings if wanted == "all" or f.severity == wanted]
        current = self.tree.currentItem()
        keep = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        self.tree.clear()
        self._shown = shown
        items = []
        for i, f in enumerate(shown):
            item = QTreeWidgetItem([severity_label(f.severity), self._where(f), f.message])
            item.setForeground(0, SEVERITY_COLORS.get(f.severity, QColor(120, 120, 120)))
            item.setData(0, Qt.ItemDataRole.UserRole, i)
            item.setToolTip(2, f.message + (f"\n{f.excerpt}" if f.excerpt else ""))
            if f.blocking:
                font = item.font(2)
                font.setBold(True)
                item.setFont(2, font)
            items.append(item)
        self.tree.addTopLevelItems(items)
        if keep is not None and isinstance(keep, int) and keep < len(items):
            self.tree.setCurrentItem(items[keep])
        blocking = sum(1 for f in findings if f.blocking)
        self.count_label.setText(
            ngettext("{n} finding", "{n} findings", len(shown)).format(n=len(shown))
            + (" · " + ngettext("{n} blocks a final export", "{n} block a final export",
                                blocking).format(n=blocking) if blocking else "")
        )

    def _where(self, f: Finding) -> str:
        if not f.section:
            return _("Letter details") if f.check == "metadata" else _("Whole letter")
        # Short, stable section names keep the message column wide; the full
        # heading is in the navigator.
        name = _("Unassigned text") if f.section == UNASSIGNED else f.section.replace("_", " ").replace("-", " ").capitalize()
        if f.paragraph is not None:
            return _("{section}, ¶ {n}").format(section=name, n=f.paragraph + 1)
        return name

    def _finding(self, item: QTreeWidgetItem | None) -> Finding | None:
        if item is None:
            return None
        i = item.data(0, Qt.ItemDataRole.UserRole)
        return self._shown[i] if isinstance(i, int) and i < len(self._shown) else None

    @Slot(QTreeWidgetItem, int)
    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        f = self._finding(item)
        if f is None:
            return
        if f.section is None:
            self.jump_requested.emit("details", "", -1)
        else:
            self.jump_requested.emit(f.section, f.block_id or "",
                                     -1 if f.paragraph is None else f.paragraph)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_current(self, current: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        f = self._finding(current)
        self.fix_button.setEnabled(bool(f and f.fix and not self.session.read_only))

    @Slot()
    def apply_fix(self) -> None:
        f = self._finding(self.tree.currentItem())
        if f is not None:
            self.session.apply_fix(f)
