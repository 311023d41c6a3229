"""The Sections tab: the ordered section list (drag and drop, or the Move
buttons for keyboard users) beside the editor of the selected section."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _
from drafting.templates.editing import new_section
from drafting.templates.model import Template, TemplateSection
from ui.template_editor.section_form import SectionForm
from ui.template_editor.section_model import SectionListModel


class SectionsPage(QWidget):
    """Add, remove, reorder and edit the sections of the template given to `load`."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = Template("", 1)
        self.model = SectionListModel(self.template)
        self.section_view = QListView(self)
        self.section_view.setObjectName("section_view")
        self.section_view.setAccessibleName(_("Sections, in the order of the letter"))
        self.section_view.setModel(self.model)
        self.section_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.section_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.section_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.section_view.setDragEnabled(True)
        self.section_view.setAcceptDrops(True)
        self.section_view.setDropIndicatorShown(True)
        self.section_view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.changed.connect(self.changed)
        self.model.rowsMoved.connect(self._rows_moved)

        self.add_button = QPushButton(_("Add section"), self)
        self.remove_button = QPushButton(_("Remove section"), self)
        self.up_button = QPushButton(_("Move up"), self)
        self.down_button = QPushButton(_("Move down"), self)
        self.section_view.setToolTip(_("The sections in the order of the letter: drag one, or "
                                       "use Move up and Move down"))
        self.add_button.setToolTip(_("A new section after the selected one"))
        self.remove_button.setToolTip(_("Remove the selected section"))
        self.up_button.setToolTip(_("Move the selected section one place up"))
        self.down_button.setToolTip(_("Move the selected section one place down"))
        self.add_button.clicked.connect(self.add_section)
        self.remove_button.clicked.connect(self.remove_section)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.editor = SectionForm(self)
        self.editor.changed.connect(self.changed)
        self.editor.title_changed.connect(self._title_changed)

        # Two rows of two: the list keeps a narrow column, the texts the width.
        buttons = QGridLayout()
        for i, b in enumerate((self.add_button, self.remove_button, self.up_button,
                               self.down_button)):
            buttons.addWidget(b, i // 2, i % 2)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.section_view, 1)
        left_layout.addLayout(buttons)
        # The section's form is taller than a small screen: it scrolls.
        self.editor_scroll = QScrollArea(self)
        self.editor_scroll.setWidgetResizable(True)
        self.editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.editor_scroll.setWidget(self.editor)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor_scroll)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._sized:
            QTimer.singleShot(0, self._first_sizes)

    @Slot()
    def _first_sizes(self) -> None:
        # Once laid out: the list needs a quarter of the width, the texts the rest.
        width = self.splitter.width()
        if self._sized or width < 400:
            return
        self._sized = True
        left = self.splitter.widget(0)
        least = left.minimumSizeHint().width() if left is not None else 0
        list_width = max(least, width // 4)
        self.splitter.setSizes([list_width, width - list_width])

    def load(self, template: Template) -> None:
        self.template = template
        self.model.language = template.languages[0] if template.languages else "en"
        self.model.set_template(template)
        self.select(0 if template.sections else -1)

    def current_row(self) -> int:
        return self.section_view.currentIndex().row()

    def current(self) -> TemplateSection | None:
        row = self.current_row()
        return self.template.sections[row] if 0 <= row < len(self.template.sections) else None

    def select(self, row: int, requirement: int | None = None) -> None:
        """Select section `row` (and one of its requirements) and show it."""
        if 0 <= row < len(self.template.sections):
            self.section_view.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.editor.load(self.template, self.current())
        if requirement is not None:
            self.editor.requirements.select(requirement)
        self._update_buttons()

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.editor.section is not self.current():
            self.editor.load(self.template, self.current())
        self._update_buttons()

    @Slot()
    def _rows_moved(self) -> None:
        # the selection follows the moved row; keep the editor on it
        self.editor.load(self.template, self.current())
        self._update_buttons()

    def _update_buttons(self) -> None:
        row, count = self.current_row(), len(self.template.sections)
        self.remove_button.setEnabled(0 <= row < count and count > 1)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    @Slot()
    def add_section(self) -> TemplateSection:
        """A new section after the current one (at the end when none is selected)."""
        section = new_section(self.template)
        row = self.current_row()
        at = row + 1 if row >= 0 else len(self.template.sections)
        self.model.insert(at, section)
        self.select(at)
        return section

    @Slot()
    def remove_section(self) -> None:
        row = self.current_row()
        if self.model.remove(row) is not None:
            self.select(min(row, len(self.template.sections) - 1))

    def move_current(self, delta: int) -> bool:
        return self.model.move(self.current_row(), delta)

    @Slot()
    def _title_changed(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.model.refresh_row(row)
