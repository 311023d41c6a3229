"""Find and replace across every section of the letter.

"Find next" walks the matches in reading order from the cursor, moving to
other sections as needed; "Replace all" is one undo step over all sections.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from drafting.edits import TextMatch, find_all
from drafting.i18n import _, ngettext
from ui.session import Session

# (section id, block index, offset) of the cursor (the end of a selection);
# None when no section is shown.
Locator = Callable[[], tuple[str, int, int] | None]


class FindReplaceDialog(QDialog):
    """A non-modal find/replace bar for the whole letter."""

    match_found = Signal(object)  # TextMatch to show and select

    def __init__(self, session: Session, locator: Locator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._locator = locator
        self.current: TextMatch | None = None
        self.setWindowTitle(_("Find and replace"))
        self.find_edit = QLineEdit(self)
        self.find_edit.setAccessibleName(_("Find"))
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setAccessibleName(_("Replace with"))
        self.case_check = QCheckBox(_("Match &case"), self)
        self.word_check = QCheckBox(_("&Whole words"), self)
        self.find_button = QPushButton(_("Find &next"), self)
        self.find_button.setDefault(True)
        self.replace_button = QPushButton(_("&Replace"), self)
        self.replace_all_button = QPushButton(_("Replace &all"), self)
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName(_("Find status"))
        # Its own line, never wider than the dialog: a longer count must not
        # move the buttons under the writer's pointer.
        self.status_label.setWordWrap(True)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)
        self.status_label.setMinimumHeight(self.status_label.fontMetrics().lineSpacing() * 2)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form = QFormLayout()
        find_label = QLabel(_("&Find:"), self)
        find_label.setBuddy(self.find_edit)
        replace_label = QLabel(_("Replace &with:"), self)
        replace_label.setBuddy(self.replace_edit)
        form.addRow(find_label, self.find_edit)
        form.addRow(replace_label, self.replace_edit)
        options = QHBoxLayout()
        options.addWidget(self.case_check)
        options.addWidget(self.word_check)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.replace_button)
        buttons.addWidget(self.replace_all_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(options)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.find_edit.setToolTip(_("The words to find, in every section of the letter"))
        self.replace_edit.setToolTip(_("What replaces each occurrence"))
        self.case_check.setToolTip(_("Find only text with the same capital letters"))
        self.word_check.setToolTip(_("Find only whole words, not parts of longer words"))
        self.find_button.setToolTip(_("Select the next occurrence after the cursor (Enter)"))
        self.replace_button.setToolTip(_("Replace the selected occurrence, then find the next"))
        self.replace_all_button.setToolTip(_("Replace every occurrence in the letter, as one "
                                             "step you can undo"))
        self.status_label.setText(" ")
        # Room for a phrase in each box, whatever the count says later.
        self.setMinimumWidth(max(self.sizeHint().width(),
                                 self.fontMetrics().averageCharWidth() * 60))
        self.find_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.find_edit.textChanged.connect(self._count)

    def _matches(self) -> list[TextMatch]:
        return find_all(self.session.letter, self.find_edit.text(),
                        self.case_check.isChecked(), self.word_check.isChecked())

    @Slot()
    def _count(self) -> None:
        matches = self._matches()
        sections = len({m.section for m in matches})
        self.status_label.setText(
            ngettext("{n} match", "{n} matches", len(matches)).format(n=len(matches))
            + (" " + ngettext("in {s} section", "in {s} sections", sections).format(s=sections)
               if matches else ""))

    @Slot()
    def find_next(self) -> TextMatch | None:
        """Select the next match after the cursor (wrapping to the start)."""
        matches = self._matches()
        if not matches:
            self.current = None
            self.status_label.setText(_("Not found"))
            return None
        order = {sid: i for i, sid in enumerate(self.session.letter.section_ids())}
        here = self._locator()
        chosen = matches[0]
        if here is not None:
            # The cursor sits at the end of a selected match, so ">=" moves on.
            pos = (order.get(here[0], -1), here[1], here[2])
            for m in matches:
                if (order[m.section], m.block_index, m.start) >= pos:
                    chosen = m
                    break
        self.current = chosen
        self._count()
        self.match_found.emit(chosen)
        return chosen

    @Slot()
    def replace_current(self) -> None:
        """Replace the selected match, then find the next one."""
        m = self.current
        if m is not None and m in self._matches():
            self.session.replace_match(m, self.replace_edit.text())
            self.current = None
        self.find_next()

    @Slot()
    def replace_all(self) -> int:
        n = self.session.replace_all(self.find_edit.text(), self.replace_edit.text(),
                                     self.case_check.isChecked(), self.word_check.isChecked())
        self.current = None
        self.status_label.setText(
            ngettext("Replaced {n} occurrence", "Replaced {n} occurrences", n).format(n=n))
        return n
