"""The live list of what is wrong with the template being edited.

Each row says where (line and column in the template file, and the section,
requirement and field in the editor) and what, in plain words. Activating a
row asks the window to show that place.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from drafting.i18n import _, ngettext
from drafting.templates.problems import Problem


class ValidationPanel(QWidget):
    """Shows `Problem`s; emits `problem_activated` for the one the editor picks."""

    problem_activated = Signal(object)  # Problem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems: list[Problem] = []
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("validation_summary")
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("problem_list")
        self.problem_list.setAccessibleName(_("Problems in the template"))
        self.problem_list.setWordWrap(True)
        self.problem_list.setMaximumHeight(self.problem_list.fontMetrics().lineSpacing() * 8)
        self.problem_list.setToolTip(_("Click a problem, or press Enter on it, to go to the "
                                       "field that has it"))
        self.problem_list.itemActivated.connect(self._activated)
        self.problem_list.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problem_list)
        self.show_problems([])

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        self.problem_list.clear()
        for problem in self.problems:
            item = QListWidgetItem(problem.text())
            item.setToolTip(problem.text())
            self.problem_list.addItem(item)
        self.problem_list.setVisible(bool(problems))
        if problems:
            self.summary_label.setText(ngettext(
                "{n} problem: the template cannot be saved until it is fixed.",
                "{n} problems: the template cannot be saved until they are fixed.",
                len(problems)).format(n=len(problems)))
        else:
            self.summary_label.setText(_("The template is valid."))

    def texts(self) -> list[str]:
        """The rows as shown (tests, copying)."""
        return [p.text() for p in self.problems]

    @Slot(QListWidgetItem)
    def _activated(self, item: QListWidgetItem) -> None:
        row = self.problem_list.row(item)
        if 0 <= row < len(self.problems):
            self.problem_activated.emit(self.problems[row])
