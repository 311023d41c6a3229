"""Every finding of the current draft, filterable by severity.

Activating a finding (click, Enter) asks the window to show its section and
paragraph; findings with an automatic fix can be fixed from here.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting.findings import Finding
from drafting.i18n import N_, _, ngettext
from drafting.letter import UNASSIGNED
from ui.session import Session
from ui.short_text import elide

FILTERS = (("all", N_("All findings")), ("error", N_("Errors")), ("warning", N_("Warnings")),
           ("info", N_("Information")))
# The "Where" column keeps to about this many average characters: the
# finding's message needs the width.
WHERE_CHARS = 18
MESSAGE_COLUMN = 2
SEVERITY_COLORS = {"error": QColor(200, 50, 40), "warning": QColor(200, 130, 0),
                   "info": QColor(60, 120, 200)}


def severity_label(severity: str) -> str:
    return {"error": _("Error"), "warning": _("Warning"), "info": _("Info")}.get(severity, severity)


class WrappingDelegate(QStyledItemDelegate):
    """Measures the message column at its current width, so a long message
    wraps onto more lines (QTreeView asks for sizes without a width, and the
    rows stayed one line high with the end of the message cut off)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                 index: QModelIndex | QPersistentModelIndex) -> Any:
        if index.column() == MESSAGE_COLUMN:
            option = QStyleOptionViewItem(option)
            option.rect = QRect(0, 0, self._tree.header().sectionSize(MESSAGE_COLUMN),
                                option.fontMetrics.height())
        return super().sizeHint(option, index)


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
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.setColumnCount(3)  # before the resize modes: they apply to existing columns
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
        self._shown_checked = False  # the list shows a check's result, not "Checking…"
        self._stale = False  # findings changed while the panel was hidden
        self._language = session.language  # of the headings in the "Where" column
        # Wrapped rows keep the height measured at the old width unless laid out again.
        self._relayout_timer = QTimer(self, singleShot=True, interval=0)
        self._relayout_timer.timeout.connect(self.tree.doItemsLayout)
        header.sectionResized.connect(lambda *_a: self._relayout_timer.start())
        self.filter_combo.currentIndexChanged.connect(lambda _i: self._rebuild())
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
        self._rebuild()  # the rows' own words are in the interface language too

    def severity(self) -> str:
        return str(self.filter_combo.currentData())

    def set_severity(self, severity: str) -> None:
        self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(severity)))

    def shown_findings(self) -> list[Finding]:
        if self._stale:
            self._update(rebuild=False)
        return list(self._shown)

    @Slot()
    def refresh(self) -> None:
        """Bring the list up to date with the session's findings.

        A live check after a keystroke changes a few findings among hundreds
        (a word count in a message, the edited paragraph's own): only those
        rows are rewritten, inserted or removed, so the others (and the
        selection) stay as they are. While the panel is hidden the work
        waits until it is shown.
        """
        if not self.isVisible() and self._shown_checked:
            self._stale = True
            return
        self._update(rebuild=False)

    def _rebuild(self) -> None:
        self._update(rebuild=True)

    def _update(self, rebuild: bool) -> None:
        self._stale = False
        if not self.session.checked:
            self._shown_checked = False
            self.tree.clear()
            self._shown = []
            self.count_label.setText(_("Checking…"))
            return
        wanted = self.severity()
        findings = self.session.findings()
        if self._language != self.session.language:
            rebuild, self._language = True, self.session.language  # headings changed too
        shown = [f for f in findings if wanted == "all" or f.severity == wanted]
        if rebuild or not self._shown_checked or not self._patch(self._shown, shown):
            current = self.tree.currentItem()
            keep = self.tree.indexOfTopLevelItem(current) if current is not None else -1
            self.tree.clear()
            items = [self._fill(QTreeWidgetItem(), f) for f in shown]
            self.tree.addTopLevelItems(items)
            if 0 <= keep < len(items):
                self.tree.setCurrentItem(items[keep])
        self._shown = shown
        self._shown_checked = True
        self._on_current(self.tree.currentItem(), None)  # its finding may have changed
        blocking = sum(1 for f in findings if f.blocking)
        self.count_label.setText(
            ngettext("{n} finding", "{n} findings", len(shown)).format(n=len(shown))
            + (" · " + ngettext("{n} blocks a final export", "{n} block a final export",
                                blocking).format(n=blocking) if blocking else "")
        )

    def _patch(self, old: list[Finding], new: list[Finding]) -> bool:
        """Turn the rows showing `old` into rows showing `new`; False if a rebuild is cheaper.

        After a keystroke most findings are the very same objects (sections
        not re-checked) or equal ones; a word count in a message or a
        paragraph's own findings differ. Only those rows are touched.
        """
        head, old_end, new_end = 0, len(old), len(new)
        limit = min(old_end, new_end)
        while head < limit and (old[head] is new[head] or old[head] == new[head]):
            head += 1
        while old_end > head and new_end > head and (
                old[old_end - 1] is new[new_end - 1] or old[old_end - 1] == new[new_end - 1]):
            old_end -= 1
            new_end -= 1
        if old_end - head == new_end - head:
            changed = [k for k in range(head, old_end) if not (old[k] is new[k] or old[k] == new[k])]
            if len(changed) > max(50, len(new) // 2):
                return False
            for k in changed:
                self._fill(self._row(k), new[k])
            return True
        ops = SequenceMatcher(None, old[head:old_end], new[head:new_end], autojunk=False)
        edits = [op for op in ops.get_opcodes() if op[0] != "equal"]
        if sum(max(i2 - i1, j2 - j1) for _t, i1, i2, j1, j2 in edits) > max(50, len(new) // 2):
            return False
        self.tree.setUpdatesEnabled(False)
        try:
            # From the end, so the row numbers of the earlier edits still hold.
            for _tag, i1, i2, j1, j2 in reversed(edits):
                at = head + i1
                common = min(i2 - i1, j2 - j1)
                for k in range(common):
                    self._fill(self._row(at + k), new[head + j1 + k])
                for _k in range(i2 - i1 - common):
                    self.tree.takeTopLevelItem(at + common)
                if j2 - j1 > common:
                    self.tree.insertTopLevelItems(at + common, [
                        self._fill(QTreeWidgetItem(), f) for f in new[head + j1 + common:head + j2]])
        finally:
            self.tree.setUpdatesEnabled(True)
        return True

    def _row(self, index: int) -> QTreeWidgetItem:
        item = self.tree.topLevelItem(index)
        assert item is not None, index
        return item

    def _fill(self, item: QTreeWidgetItem, f: Finding) -> QTreeWidgetItem:
        # Each setText makes the view re-measure the row: skip equal texts.
        short_where, where = self._where(f)
        for column, text in enumerate((severity_label(f.severity), short_where, f.message)):
            if item.text(column) != text:
                item.setText(column, text)
        item.setToolTip(1, where)
        item.setForeground(0, SEVERITY_COLORS.get(f.severity, QColor(120, 120, 120)))
        item.setToolTip(2, f.message + (f"\n{f.excerpt}" if f.excerpt else ""))
        font = item.font(2)
        if font.bold() != f.blocking:
            font.setBold(f.blocking)
            item.setFont(2, font)
        return item

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self._update(rebuild=False)
        super().showEvent(event)

    def _where(self, f: Finding) -> tuple[str, str]:
        """(shortened, full) place of a finding: its section's heading and paragraph."""
        name = self.session.place_name(f.section, f.check)
        metrics = self.tree.fontMetrics()
        # Only headings are cut: "Whole letter", "Unassigned text"… are short already.
        short = name if f.section in (None, "", UNASSIGNED) else \
            elide(name, metrics, metrics.averageCharWidth() * WHERE_CHARS)
        if f.paragraph is not None:
            where = _("{section}, ¶ {n}")
            short = where.format(section=short, n=f.paragraph + 1)
            name = where.format(section=name, n=f.paragraph + 1)
        return short, name

    def _finding(self, item: QTreeWidgetItem | None) -> Finding | None:
        if item is None:
            return None
        i = self.tree.indexOfTopLevelItem(item)
        return self._shown[i] if 0 <= i < len(self._shown) else None

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
