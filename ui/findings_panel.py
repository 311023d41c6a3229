"""Every finding of the current draft, filterable by severity and by check.

The list is a `QTreeView` on `FindingsModel` (the session's reported findings:
typography and carried-over text grouped per section, each group expandable
into its members) through `FindingsFilter` (severity, check, blocking first).
Activating a finding (click, Enter) asks the window to show its section and
paragraph — a group's, its first member's. "Apply fix" applies the current
finding's automatic fix and "Fix all" every fix of its group; both go
through the session, which pushes the `drafting.edits` change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from drafting.findings import Finding, severity_label
from drafting.i18n import N_, _, ngettext
from ui.findings_model import (
    FINDING_ROLE,
    MESSAGE,
    SEVERITY_COLORS,
    WHERE,
    FindingsFilter,
    FindingsModel,
)
from ui.session import Session

__all__ = ["SEVERITY_COLORS", "FindingsPanel", "severity_label"]

FILTERS = (("all", N_("All findings")), ("error", N_("Errors")), ("warning", N_("Warnings")),
           ("info", N_("Information")))
# Check families a writer may want alone (the first part of a finding's code).
CHECKS = (("all", N_("All checks")), ("coverage", N_("Coverage")),
          ("placeholder", N_("Placeholders")), ("figure", N_("Figures")),
          ("reference", N_("References")), ("metadata", N_("Letter details")),
          ("typography", N_("Typography")), ("carryover", N_("Carried over")),
          ("content", N_("Content")), ("length", N_("Length")), ("input", N_("Input")))
# The "Where" column is about this many average characters wide and wraps a
# long heading onto more lines: the finding's message needs the width.
WHERE_CHARS = 20

_Index = QModelIndex | QPersistentModelIndex


class WrappingDelegate(QStyledItemDelegate):
    """Measures the "Where" and message columns at their current widths, so a
    long heading or message wraps onto more lines (QTreeView asks for sizes
    without a width, and the rows stayed one line high with the end cut off)."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                 index: _Index) -> Any:
        if index.column() in (WHERE, MESSAGE):
            option = QStyleOptionViewItem(option)
            width = self._tree.header().sectionSize(index.column())
            if index.column() == MESSAGE and not index.parent().isValid():
                width -= self._tree.indentation()  # the branch column's indent is not ours
            option.rect = QRect(0, 0, max(width, 40), option.fontMetrics.height())
        return super().sizeHint(option, index)


class FindingsPanel(QWidget):
    """The list of findings with a severity and a check filter."""

    jump_requested = Signal(str, str, int)  # section, block id, paragraph (-1: none)

    def __init__(self, session: Session, severity: str = "all",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.filter_combo = QComboBox(self)
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for value, text in FILTERS:
            self.filter_combo.addItem(_(text), value)
        self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(severity)))
        self.check_combo = QComboBox(self)
        self.check_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for value, text in CHECKS:
            self.check_combo.addItem(_(text), value)
        self.count_label = QLabel(self)
        self.count_label.setWordWrap(True)
        self.fix_button = QPushButton(self)
        self.fix_button.setEnabled(False)
        self.fix_all_button = QPushButton(self)
        self.fix_all_button.setEnabled(False)
        self.model = FindingsModel(self._where, self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_severity(self.severity())
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHERE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(WHERE, self.tree.fontMetrics().averageCharWidth() * WHERE_CHARS)
        # Filters and fixes on one line, the count on its own: in French or
        # Russian the four controls and the count did not fit a narrow dock.
        top = QHBoxLayout()
        top.addWidget(self.filter_combo)
        top.addWidget(self.check_combo)
        top.addStretch(1)
        top.addWidget(self.fix_button)
        top.addWidget(self.fix_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.tree, 1)
        self._shown_checked = False  # the list shows a check's result, not "Checking…"
        self._stale = False  # findings changed while the panel was hidden
        self._language = session.language  # of the headings in the "Where" column
        # Wrapped rows keep the height measured at the old width unless laid out again.
        self._relayout_timer = QTimer(self, singleShot=True, interval=0)
        self._relayout_timer.timeout.connect(self.tree.doItemsLayout)
        header.sectionResized.connect(lambda *_a: self._relayout_timer.start())
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self.check_combo.currentIndexChanged.connect(self._filter_changed)
        self.tree.activated.connect(self._on_activated)
        self.tree.clicked.connect(self._on_activated)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.proxy.layoutChanged.connect(self._update_buttons)
        self.proxy.modelReset.connect(self._update_buttons)
        self.fix_button.clicked.connect(self.apply_fix)
        self.fix_all_button.clicked.connect(self.apply_fix_all)
        session.findings_changed.connect(self.refresh)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Redo every text in the interface language (after a switch)."""
        self.filter_combo.setAccessibleName(_("Show findings of severity"))
        self.filter_combo.setToolTip(_("Show every finding, or only errors, warnings or "
                                       "information"))
        for i, (_value, text) in enumerate(FILTERS):
            self.filter_combo.setItemText(i, _(text))
        self.check_combo.setAccessibleName(_("Show findings of check"))
        self.check_combo.setToolTip(_("Show the findings of every check, or of one kind: "
                                      "coverage, figures, typography…"))
        for i, (_value, text) in enumerate(CHECKS):
            self.check_combo.setItemText(i, _(text))
        self.fix_button.setText(_("Apply fix"))
        self.fix_button.setToolTip(_("Apply the suggested correction"))
        self.fix_button.setAccessibleName(_("Apply fix"))
        self.fix_all_button.setText(_("Fix all"))
        self.fix_all_button.setToolTip(_("Apply every correction of the selected group"))
        self.fix_all_button.setAccessibleName(_("Fix all"))
        self.tree.setAccessibleName(_("Findings"))
        self.tree.setToolTip(_("Click a finding, or press Enter on it, to go to its place "
                               "in the letter"))
        self.count_label.setAccessibleName(_("Number of findings"))
        self._update(rebuild=True)  # the rows' own words are in the interface language too

    # -- filters -------------------------------------------------------------------
    def severity(self) -> str:
        return str(self.filter_combo.currentData())

    def set_severity(self, severity: str) -> None:
        self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(severity)))

    def check_filter(self) -> str:
        return str(self.check_combo.currentData())

    def set_check_filter(self, check: str) -> None:
        self.check_combo.setCurrentIndex(max(0, self.check_combo.findData(check)))

    @Slot()
    def _filter_changed(self) -> None:
        self.proxy.set_severity(self.severity())
        self.proxy.set_check(self.check_filter())
        self._update_count()
        self._update_buttons()

    # -- what is shown ----------------------------------------------------------------
    def shown_findings(self) -> list[Finding]:
        """The top-level findings the list shows, in its order (groups, not their members)."""
        if self._stale:
            self._update(rebuild=False)
        return [self.finding_at(self.proxy.index(row, 0)) or _missing()
                for row in range(self.proxy.rowCount())]

    def row_index(self, row: int, column: int = 0, member: int | None = None) -> QModelIndex:
        """The view's index of top-level row `row` (or of its `member`-th member)."""
        index = self.proxy.index(row, column if member is None else 0)
        if member is None:
            return index
        return self.proxy.index(member, column, index)

    def row_texts(self, row: int, member: int | None = None) -> tuple[str, str, str]:
        """(severity, where, message) as shown on a row."""
        return tuple(str(self.row_index(row, c, member).data() or "")  # type: ignore[return-value]
                     for c in range(3))

    def finding_at(self, index: _Index) -> Finding | None:
        f = index.data(FINDING_ROLE) if index.isValid() else None
        return f if isinstance(f, Finding) else None

    @Slot()
    def refresh(self) -> None:
        """Bring the list up to date with the session's findings.

        A live check after a keystroke changes a few findings among hundreds
        (a word count in a message, the edited paragraph's own): the model
        rewrites, inserts or removes only those rows, so the others (the
        selection, the expanded groups) stay as they are. While the panel is
        hidden the work waits until it is shown.
        """
        if not self.isVisible() and self._shown_checked:
            self._stale = True
            return
        self._update(rebuild=False)

    def _update(self, rebuild: bool) -> None:
        self._stale = False
        if not self.session.checked:
            self._shown_checked = False
            self.model.clear()
            self.count_label.setText(_("Checking…"))
            self._update_buttons()
            return
        if self._language != self.session.language:
            rebuild, self._language = True, self.session.language  # headings changed too
        self.model.set_findings(self.session.reported_findings(),
                                rebuild=rebuild or not self._shown_checked)
        if rebuild:
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self._shown_checked = True
        self._update_count()
        self._update_buttons()  # the current finding may have changed

    def _update_count(self) -> None:
        if not self._shown_checked:
            return
        shown = self.proxy.rowCount()
        blocking = sum(1 for f in self.model.findings() if f.blocking)
        self.count_label.setText(
            ngettext("{n} finding", "{n} findings", shown).format(n=shown)
            + (" · " + ngettext("{n} blocks a final export", "{n} block a final export",
                                blocking).format(n=blocking) if blocking else "")
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self._update(rebuild=False)
        super().showEvent(event)

    def _where(self, f: Finding) -> tuple[str, str]:
        """(shown, tooltip) place of a finding: its section's whole heading and
        paragraph, which the column wraps rather than cuts."""
        name = self.session.place_name(f.section, f.check)
        if f.paragraph is not None:
            name = _("{section}, ¶ {n}").format(section=name, n=f.paragraph + 1)
        return name, name

    # -- acting on findings --------------------------------------------------------------
    def _group_of(self, index: _Index) -> Finding | None:
        """The grouped finding at `index`, or the group of the member there."""
        f = self.finding_at(index)
        if f is not None and f.members:
            return f
        parent = index.parent() if index.isValid() else QModelIndex()
        return self.finding_at(parent) if parent.isValid() else None

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        f = self.finding_at(index)
        if f is None:
            return
        target = f.members[0] if f.members and f.paragraph is None else f
        if target.section is None:
            self.jump_requested.emit("details", "", -1)
        else:
            self.jump_requested.emit(target.section, target.block_id or "",
                                     -1 if target.paragraph is None else target.paragraph)

    @Slot(QModelIndex, QModelIndex)
    def _on_current(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        index = self.tree.currentIndex()
        f = self.finding_at(index)
        group = self._group_of(index)
        writable = not self.session.read_only
        self.fix_button.setEnabled(bool(writable and f is not None and f.fix is not None))
        self.fix_all_button.setEnabled(bool(writable and group is not None and group.fixes()))

    @Slot()
    def apply_fix(self) -> None:
        f = self.finding_at(self.tree.currentIndex())
        if f is not None and f.fix is not None:
            self.session.apply_fix(f)

    @Slot()
    def apply_fix_all(self) -> None:
        group = self._group_of(self.tree.currentIndex())
        if group is not None and group.fixes():
            self.session.apply_fix(group)


def _missing() -> Finding:  # pragma: no cover - every row of the model holds a finding
    raise LookupError("a findings row without its finding")
