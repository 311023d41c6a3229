"""The findings as a Qt item model, and the proxy that filters and orders them.

`FindingsModel` holds the *reported* findings (`CheckResult.reported()`):
one row per finding, and under a grouped finding (typography or carried-over
text of one section) one child row per member, so the group expands. Three
columns: severity, where, message. `set_findings` turns the rows it shows into
the rows wanted with the textbook calls — rows that differ are rewritten in
place (`dataChanged`), new ones inserted (`beginInsertRows`), gone ones
removed (`beginRemoveRows`) — so after a keystroke the rows (and the view's
selection and expanded groups) stay put; when most rows change, the model is
reset instead.

`FindingsFilter` keeps the rows of one severity and one check family (a
group's children follow their group) and orders blocking findings first,
the model's order otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from drafting.findings import Finding, severity_label
from drafting.i18n import _

SEVERITY, WHERE, MESSAGE = range(3)
COLUMNS = 3
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1  # the Finding of a row
SEVERITY_COLORS = {"error": QColor(200, 50, 40), "warning": QColor(200, 130, 0),
                   "info": QColor(60, 120, 200)}
# More changed rows than this (or than half the list) and a reset is cheaper.
PATCH_LIMIT = 50

Where = Callable[[Finding], tuple[str, str]]  # finding -> (short place, full place)
_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = 0  # internal id of a top-level row; a member's is its group row's uid


def _key(f: Finding) -> tuple[object, ...]:
    """What makes two findings "the same row" across two checks (their texts may differ)."""
    return (f.code, f.section, f.paragraph, f.block_id, f.excerpt if not f.members else "")


@dataclass(eq=False)
class _Row:
    finding: Finding
    texts: tuple[str, str, str]
    where_tip: str
    uid: int  # stable while the row lives: a member's index refers to its group by it
    children: list[_Row] = field(default_factory=list)


class FindingsModel(QAbstractItemModel):
    """Reported findings, grouped findings expandable (see module docstring)."""

    def __init__(self, where: Where, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._where = where
        self._rows: list[_Row] = []
        self._position: dict[int, int] = {}  # uid of a top-level row -> its row
        self._next_uid = _NO_PARENT

    # -- the findings -----------------------------------------------------------
    def findings(self) -> list[Finding]:
        return [r.finding for r in self._rows]

    def finding(self, index: _Index) -> Finding | None:
        row = self._row(index)
        return row.finding if row is not None else None

    def clear(self) -> None:
        if self._rows:
            self.beginResetModel()
            self._rows = []
            self._reindex()
            self.endResetModel()

    def set_findings(self, findings: list[Finding], rebuild: bool = False) -> None:
        """Show `findings`, touching only the rows that changed unless `rebuild`."""
        if rebuild or not self._rows or not self._patch(findings):
            self.beginResetModel()
            self._rows = [self._make(f) for f in findings]
            self._reindex()
            self.endResetModel()

    def _reindex(self) -> None:
        self._position = {r.uid: i for i, r in enumerate(self._rows)}

    def _make(self, f: Finding) -> _Row:
        short, full = self._where(f)
        self._next_uid += 1
        row = _Row(f, (severity_label(f.severity), short, f.message), full, self._next_uid)
        row.children = [self._make(m) for m in f.members]
        return row

    def _patch(self, new: list[Finding]) -> bool:
        """Turn the rows into `new` with row-level signals; False if a reset is cheaper."""
        old = [r.finding for r in self._rows]
        matcher = SequenceMatcher(None, [_key(f) for f in old], [_key(f) for f in new],
                                  autojunk=False)
        ops = matcher.get_opcodes()
        changed = 0
        for tag, i1, i2, j1, j2 in ops:
            if tag != "equal":
                changed += max(i2 - i1, j2 - j1)
            else:
                changed += sum(1 for k in range(i2 - i1) if old[i1 + k] != new[j1 + k])
        if changed > max(PATCH_LIMIT, len(new) // 2):
            return False
        # From the end, so the row numbers of the earlier operations still hold.
        for tag, i1, i2, j1, j2 in reversed(ops):
            common = min(i2 - i1, j2 - j1) if tag != "equal" else i2 - i1
            for k in range(common):
                if old[i1 + k] is not new[j1 + k] and old[i1 + k] != new[j1 + k]:
                    self._replace(i1 + k, new[j1 + k])
            if tag == "equal":
                continue
            if i2 - i1 > common:
                self.beginRemoveRows(QModelIndex(), i1 + common, i2 - 1)
                del self._rows[i1 + common : i2]
                self._reindex()
                self.endRemoveRows()
            if j2 - j1 > common:
                self.beginInsertRows(QModelIndex(), i1 + common, i1 + j2 - j1 - 1)
                self._rows[i1 + common : i1 + common] = [
                    self._make(f) for f in new[j1 + common : j2]]
                self._reindex()
                self.endInsertRows()
        return True

    def _replace(self, position: int, f: Finding) -> None:
        """Rewrite one top-level row (and its children) for `f`."""
        fresh = self._make(f)
        row = self._rows[position]
        parent = self.index(position, 0)
        if row.children:
            self.beginRemoveRows(parent, 0, len(row.children) - 1)
            row.children = []
            self.endRemoveRows()
        row.finding, row.texts, row.where_tip = fresh.finding, fresh.texts, fresh.where_tip
        self.dataChanged.emit(parent, self.index(position, COLUMNS - 1))
        if fresh.children:
            self.beginInsertRows(parent, 0, len(fresh.children) - 1)
            row.children = fresh.children
            self.endInsertRows()

    # -- QAbstractItemModel -----------------------------------------------------------
    def _row(self, index: _Index) -> _Row | None:
        if not index.isValid():
            return None
        group = index.internalId()
        try:
            if group == _NO_PARENT:
                return self._rows[index.row()]
            return self._rows[self._position[group]].children[index.row()]
        except (IndexError, KeyError):
            return None

    def index(self, row: int, column: int,
              parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT)
        if parent.internalId() != _NO_PARENT:
            return QModelIndex()  # members have no children of their own
        return self.createIndex(row, column, self._rows[parent.row()].uid)

    def parent(self, index: _Index = QModelIndex()  # type: ignore[override]  # noqa: B008
               ) -> QModelIndex:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        position = self._position.get(index.internalId())
        if position is None:
            return QModelIndex()
        return self.createIndex(position, 0, _NO_PARENT)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self._rows)
        if parent.column() != 0 or parent.internalId() != _NO_PARENT:
            return 0
        row = self._row(parent)
        return len(row.children) if row is not None else 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return COLUMNS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        f = row.finding
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == FINDING_ROLE:
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == WHERE:
                return row.where_tip
            if column == MESSAGE:
                return f.message + (f"\n{f.excerpt}" if f.excerpt else "")
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == SEVERITY:
            return SEVERITY_COLORS.get(f.severity, QColor(120, 120, 120))
        if role == Qt.ItemDataRole.FontRole and column == MESSAGE and f.blocking:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # a screen reader hears the whole place and whether it blocks
            text = row.texts[column] if column != WHERE else row.where_tip
            return text + (", " + _("blocks a final version")
                           if column == MESSAGE and f.blocking else "")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Severity"), _("Where"), _("Finding"))[section]
        return None

    def retranslate(self) -> None:
        """Re-word every row and the headers (interface language or headings changed)."""
        self.set_findings(self.findings(), rebuild=True)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)


class FindingsFilter(QSortFilterProxyModel):
    """Rows of one severity and one check family ("all" for any); blocking first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._severity = "all"
        self._check = "all"
        self.setDynamicSortFilter(True)
        self.sort(0)

    def set_severity(self, severity: str) -> None:
        if severity != self._severity:
            self._refilter(severity, self._check)

    def set_check(self, check: str) -> None:
        if check != self._check:
            self._refilter(self._severity, check)

    def _refilter(self, severity: str, check: str) -> None:
        # Qt 6.9 brought begin/endFilterChange and deprecates invalidate*Filter
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            self._severity, self._check = severity, check
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._severity, self._check = severity, check
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int,  # noqa: N802 - Qt override
                         source_parent: _Index) -> bool:
        if source_parent.isValid():
            return True  # a group's members follow it
        model = self.sourceModel()
        f = model.data(model.index(source_row, 0), FINDING_ROLE)
        if not isinstance(f, Finding):
            return False
        return ((self._severity == "all" or f.severity == self._severity)
                and (self._check == "all" or f.check == self._check))

    def lessThan(self, left: _Index, right: _Index) -> bool:  # noqa: N802 - Qt override
        if left.parent().isValid():
            return left.row() < right.row()  # members in their own order
        a, b = left.data(FINDING_ROLE), right.data(FINDING_ROLE)
        a_blocks = isinstance(a, Finding) and a.blocking
        b_blocks = isinstance(b, Finding) and b.blocking
        if a_blocks != b_blocks:
            return a_blocks
        return left.row() < right.row()
