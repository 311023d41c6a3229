"""The list of steps on the left: letter details, each section, review.

Each row says where the writer stands (not started, in progress,
suggestions or carried text to confirm, complete with every requirement
confirmed, has blocking findings), the words used against the section's
budget and its requirements' states (`ui.coverage_status`): a suggestion is
never counted as met. While the letter holds unassigned text (from a section a
newer template removed, or an import) an "Unassigned text" step with a
warning comes just before review. A plain list model, so screen readers read
every row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from drafting.checks.coverage import count_word, coverage_summary
from drafting.i18n import _, ngettext
from drafting.letter import UNASSIGNED
from ui import coverage_status as cs
from ui.session import Session

REFRESH_DELAY_MS = 150

DETAILS = "details"
REVIEW = "review"

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
MET = "met"
BLOCKED = "blocked"
WARNING = "warning"
TO_CONFIRM = "to_confirm"  # every requirement met, some only suggested
CARRIED = "carried"  # every requirement met, some only by last letter's text

STATUS_COLORS = {
    NOT_STARTED: QColor(150, 150, 150),
    IN_PROGRESS: QColor(30, 120, 220),
    MET: QColor(30, 150, 70),
    BLOCKED: QColor(210, 60, 40),
    WARNING: QColor(230, 120, 0),
    TO_CONFIRM: cs.BACKGROUND[cs.SUGGESTED],
    CARRIED: cs.BACKGROUND[cs.CARRIED],
}

_Index = QModelIndex | QPersistentModelIndex


def status_label(status: str) -> str:
    return {
        NOT_STARTED: _("Not started"),
        IN_PROGRESS: _("In progress"),
        MET: _("Complete: every requirement confirmed"),
        TO_CONFIRM: _("Suggestions to confirm"),
        CARRIED: _("Carried text to confirm"),
        BLOCKED: _("Has blocking findings"),
        WARNING: _("Needs a place in the letter"),
    }[status]


def _dot(color: QColor) -> QIcon:
    pix = QPixmap(14, 14)
    pix.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QBrush(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 12, 12)
    painter.end()
    return QIcon(pix)


class StepModel(QAbstractListModel):
    """Rows: details, one per letter section, unassigned text (if any), review."""

    StepIdRole = Qt.ItemDataRole.UserRole + 1
    StatusRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._icons = {k: _dot(c) for k, c in STATUS_COLORS.items()}
        self._rows: list[dict[str, str]] = []
        self._blocked_sections: set[str | None] = set()
        self._carried_sections: set[str | None] = set()
        self.refresh()

    def steps(self) -> list[str]:
        return [DETAILS, *self.session.editable_ids(), REVIEW]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row['title']}\n{row['detail']}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row['title']}. {status_label(row['status'])}. {row['detail']}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[row["status"]]
        if role == self.StepIdRole:
            return row["id"]
        if role == self.StatusRole:
            return row["status"]
        return None

    def row_of(self, step: str) -> int:
        for i, row in enumerate(self._rows):
            if row["id"] == step:
                return i
        return -1

    def status_of(self, step: str) -> str:
        row = self.row_of(step)
        return self._rows[row]["status"] if row >= 0 else NOT_STARTED

    @Slot()
    def refresh(self) -> None:
        """Recompute every row from the session (cheap: counts only)."""
        # Missing coverage is shown by the requirement count, so "blocking"
        # in a section row means other blockers (placeholders, …) to fix.
        # Carried-over text to confirm has its own state (the carryover check).
        blocking = [f for f in self.session.findings() if f.blocking]
        self._blocked_sections = {f.section for f in blocking
                                  if f.check not in ("coverage", "carryover")}
        self._carried_sections = {f.section for f in blocking if f.check == "carryover"}
        rows = [self._details_row(),
                *(self._section_row(s) for s in self.session.letter.section_ids())]
        if self.session.letter.unassigned:
            rows.append(self._unassigned_row())
        rows.append(self._review_row())
        if len(rows) != len(self._rows):
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        self._rows = rows
        if rows:
            self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))

    def _details_row(self) -> dict[str, str]:
        m = self.session.letter.metadata
        filled = [m.symbol, m.date, m.letter_date, m.job_number, m.addressee, m.signatory,
                  m.period_start, m.period_end]
        done = sum(1 for v in filled if v)
        if any(f.blocking and f.check == "metadata" for f in self.session.findings()):
            status = BLOCKED
        elif done == len(filled):
            status = MET
        else:
            status = IN_PROGRESS if done else NOT_STARTED
        detail = _("{done} of {total} details filled").format(done=done, total=len(filled))
        return {"id": DETAILS, "title": _("Letter details"), "status": status, "detail": detail}

    def _section_row(self, section_id: str) -> dict[str, str]:
        s = self.session
        section = s.letter.section(section_id)
        words = section.word_count()
        try:
            ts = s.template.section(section_id)
            budget = ts.budget
            req_ids = {r.id for r in ts.requirements}
        except KeyError:
            budget, req_ids = 0, set()
        edited = any(b.text.strip() and not b.boilerplate for b in section.blocks)
        reqs = [r for r in s.requirements() if r.id in req_ids]
        counts = cs.counts(reqs)
        if not edited:
            status = NOT_STARTED
        elif not s.checked:
            status = IN_PROGRESS  # "met" would be a guess until the first check is in
        elif section_id in self._blocked_sections:
            status = BLOCKED
        elif counts[cs.CARRIED] or section_id in self._carried_sections:
            status = CARRIED
        elif counts[cs.MISSING]:
            status = IN_PROGRESS
        elif counts[cs.SUGGESTED]:
            status = TO_CONFIRM
        else:
            status = MET
        if budget:
            detail = _("{words} / {budget} words").format(words=words, budget=budget)
        else:
            detail = ngettext("{n} word", "{n} words", words).format(n=words)
        if reqs and s.checked:
            detail += " · " + _("{confirmed}/{total} confirmed").format(
                confirmed=counts[cs.CONFIRMED], total=len(reqs))
            for kind, word in ((cs.SUGGESTED, "suggested"), (cs.CARRIED, "carried"),
                               (cs.MISSING, "missing")):
                if counts[kind]:
                    detail += ", " + count_word(word, counts[kind])
        return {"id": section_id, "title": s.section_heading(section_id), "status": status,
                "detail": detail}

    def _unassigned_row(self) -> dict[str, str]:
        words = sum(b.word_count() for b in self.session.letter.unassigned)
        detail = ngettext("{n} word", "{n} words", words).format(n=words) + " · " + _(
            "not in the final letter")
        return {"id": UNASSIGNED, "title": _("Unassigned text"), "status": WARNING,
                "detail": detail}

    def _review_row(self) -> dict[str, str]:
        if not self.session.checked:
            return {"id": REVIEW, "title": _("Review and export"), "status": IN_PROGRESS,
                    "detail": _("Checking…")}
        # counted as the findings panel lists them (carried-over text grouped per section)
        blocking = sum(1 for f in self.session.reported_findings() if f.blocking)
        met, total = self.session.requirements_met()
        if blocking:
            status = BLOCKED
            detail = ngettext("{n} blocking finding", "{n} blocking findings", blocking).format(
                n=blocking)
        else:
            status = MET if total and met == total else IN_PROGRESS
            detail = _("Ready for final export")
        return {"id": REVIEW, "title": _("Review and export"), "status": status, "detail": detail}


class Navigator(QWidget):
    """The steps list with the progress line above it."""

    step_selected = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = StepModel(session, self)
        self._selected = DETAILS
        self._reselecting = False
        self.progress_label = QLabel(self)
        self.progress_label.setWordWrap(True)
        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setWordWrap(True)
        self.list_view.setSpacing(2)
        self.list_view.setUniformItemSizes(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.list_view, 1)
        self.list_view.selectionModel().currentChanged.connect(self._on_current)
        # Counting words of a long letter on every keystroke would slow typing;
        # the rows catch up a moment later.
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        for signal in (session.section_changed, session.metadata_changed,
                       session.letter_replaced):
            signal.connect(self._refresh_timer.start)
        session.findings_changed.connect(self._on_findings_changed)
        self._shows_checking = True
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Redo every text in the interface language (after a switch)."""
        self.progress_label.setAccessibleName(_("Progress"))
        self.list_view.setAccessibleName(_("Steps"))
        self.list_view.setToolTip(_("The steps of the letter: its details, each section, then "
                                    "the review. Arrow keys choose one (F6 comes here)"))
        self.refresh()

    @Slot()
    def _on_findings_changed(self) -> None:
        # The first result replaces "Checking…" at once; later ones may wait
        # for the typing to pause like the word counts do.
        if self._shows_checking:
            self.refresh()
        else:
            self._refresh_timer.start()

    @Slot()
    def refresh(self) -> None:
        self._refresh_timer.stop()
        rows = self.model.rowCount()
        self.model.refresh()
        if self.model.rowCount() != rows:
            # A step came or went (unassigned text): the reset lost the selection.
            row = self.model.row_of(self._selected)
            if row >= 0:
                self._reselecting = True
                try:
                    self.list_view.setCurrentIndex(self.model.index(row))
                finally:
                    self._reselecting = False
        self._shows_checking = not self.session.checked
        if self._shows_checking:
            self.progress_label.setText(_("Checking…"))
            return
        self.progress_label.setText(_("Requirements: {summary}").format(
            summary=coverage_summary(self.session.coverage_counts())))
        self.progress_label.setToolTip("\n".join(
            f"{cs.SYMBOL[k]} {cs.word(k)}: {cs.explanation(k)}" for k in cs.KINDS))

    def select_step(self, step: str) -> None:
        self._selected = step
        row = self.model.row_of(step)
        if row >= 0 and self.list_view.currentIndex().row() != row:
            self.list_view.setCurrentIndex(self.model.index(row))

    def current_step(self) -> str:
        index = self.list_view.currentIndex()
        return str(index.data(StepModel.StepIdRole)) if index.isValid() else DETAILS

    @Slot(QModelIndex, QModelIndex)
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._reselecting:
            self._selected = str(current.data(StepModel.StepIdRole))
            self.step_selected.emit(self._selected)
