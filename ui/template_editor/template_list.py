"""The panel listing every template file: shipped ones (read-only) and the user's.

Each row shows the name, id, version and origin; the template that a new
draft would use for that id (the higher version, the user's on a tie) is
marked "in use", so an editor sees when a copy overrides a shipped template.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from drafting.i18n import _
from drafting.templates.editing import list_template_files
from drafting.templates.model import Template


class TemplateListPanel(QWidget):
    """Lists templates; emits `template_selected` with the chosen `Template`."""

    template_selected = Signal(object)  # Template

    def __init__(self, user_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_dir = user_dir
        self.templates: list[Template] = []
        self.problems: list[str] = []
        self.template_list = QListWidget(self)
        self.template_list.setObjectName("template_list")
        self.template_list.setAccessibleName(_("Available templates"))
        self.template_list.setWordWrap(True)
        self.template_list.setToolTip(_("Shipped templates and yours: select one to edit it"))
        self.template_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.template_list.currentRowChanged.connect(self._current_changed)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Templates"), self))
        layout.addWidget(self.template_list)
        layout.addWidget(self.problem_label)

    def refresh(self, select_path: str | None = None) -> None:
        """Re-read both folders; keep or set the selection (by file path)."""
        current = self.current()
        wanted = select_path or (current.path if current else None)
        self.problems = []
        self.templates = list_template_files(self.user_dir, self.problems)
        winners: dict[str, Template] = {}
        for t in self.templates:
            best = winners.get(t.id)
            if best is None or t.version > best.version or (
                    t.version == best.version and t.origin == "user"):
                winners[t.id] = t
        self.template_list.blockSignals(True)
        self.template_list.clear()
        row_to_select = 0
        for row, t in enumerate(self.templates):
            origin = _("shipped, read-only") if t.origin == "shipped" else _("yours")
            text = _("{name}\n{id} · version {version} · {origin}").format(
                name=t.name(t.languages[0] if t.languages else "en"), id=t.id,
                version=t.version, origin=origin)
            if winners.get(t.id) is t:
                text += " · " + _("in use")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, t.path)
            item.setToolTip(t.path)
            self.template_list.addItem(item)
            if wanted and t.path == wanted:
                row_to_select = row
        if self.templates:
            self.template_list.setCurrentRow(row_to_select)
        self.template_list.blockSignals(False)
        if self.problems:
            self.problem_label.setText(_("Some files in your templates folder are not valid "
                                         "and were skipped:") + "\n" + "\n".join(self.problems))
            self.problem_label.show()
        else:
            self.problem_label.hide()
        if self.templates:
            self._current_changed(row_to_select)

    def current(self) -> Template | None:
        row = self.template_list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def select_path(self, path: str) -> bool:
        for row, t in enumerate(self.templates):
            if t.path == path:
                self.template_list.setCurrentRow(row)
                return True
        return False

    @Slot(int)
    def _current_changed(self, row: int) -> None:
        if 0 <= row < len(self.templates):
            self.template_selected.emit(self.templates[row])
