"""The template's sections as a list model the editor reorders by drag and drop.

The model edits the template's own `sections` list, so what the list shows
is what gets serialized. Moves go through `moveRows` (what `QListView` calls
for an internal move, and what the Move up/down buttons call), never through
remove-and-insert, so a section and everything in it stays one object.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from drafting.i18n import _
from drafting.templates.model import Template, TemplateSection

AnyIndex = QModelIndex | QPersistentModelIndex


class SectionListModel(QAbstractListModel):
    """Rows are the sections of one template, shown as heading and id."""

    changed = Signal()  # any add, remove or move

    def __init__(self, template: Template, language: str = "en") -> None:
        super().__init__()
        self.template = template
        self.language = language

    def set_template(self, template: Template) -> None:
        self.beginResetModel()
        self.template = template
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt
        return 0 if parent.isValid() else len(self.template.sections)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.template.sections):
            return None
        section = self.template.sections[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            heading = section.heading(self.language) if section.has_heading else ""
            label = heading or _("(no heading)")
            return f"{index.row() + 1}. {label}  [{section.id}]"
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("{n} requirements; drag to reorder").format(n=len(section.requirements))
        if role == Qt.ItemDataRole.UserRole:
            return section.id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction

    def moveRows(  # noqa: N802 - Qt override
        self,
        source_parent: AnyIndex,
        source_row: int,
        count: int,
        destination_parent: AnyIndex,
        destination_child: int,
    ) -> bool:
        """Move `count` sections from `source_row` to before `destination_child`."""
        rows = len(self.template.sections)
        if (source_parent.isValid() or destination_parent.isValid() or count < 1
                or source_row < 0 or source_row + count > rows
                or not 0 <= destination_child <= rows
                or source_row <= destination_child <= source_row + count):
            return False
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1,
                                  QModelIndex(), destination_child):
            return False
        moving = self.template.sections[source_row:source_row + count]
        del self.template.sections[source_row:source_row + count]
        at = destination_child if destination_child < source_row else destination_child - count
        self.template.sections[at:at] = moving
        self.endMoveRows()
        self._renumber()
        self.changed.emit()
        return True

    def move(self, row: int, delta: int) -> bool:
        """Move one section up (delta -1) or down (delta +1)."""
        target = row + delta
        if not 0 <= target < len(self.template.sections):
            return False
        destination = target if delta < 0 else target + 1
        return self.moveRows(QModelIndex(), row, 1, QModelIndex(), destination)

    def insert(self, row: int, section: TemplateSection) -> None:
        row = max(0, min(row, len(self.template.sections)))
        self.beginInsertRows(QModelIndex(), row, row)
        self.template.sections.insert(row, section)
        self.endInsertRows()
        self._renumber()
        self.changed.emit()

    def remove(self, row: int) -> TemplateSection | None:
        if not 0 <= row < len(self.template.sections):
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        section = self.template.sections.pop(row)
        self.endRemoveRows()
        self._renumber()
        self.changed.emit()
        return section

    def refresh_row(self, row: int) -> None:
        """Redraw one row after its heading or id changed in the section editor."""
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def _renumber(self) -> None:
        # the display shows positions, which every move or removal changes
        if self.template.sections:
            self.dataChanged.emit(self.index(0), self.index(len(self.template.sections) - 1))
