"""The "Review and export" step: the coverage map, the blocking findings and the
export buttons.

The map puts the sixteen requirements against the sections so a gap shows at
a glance: green ✔ where the writer confirmed evidence, amber ? where the
checks only suggest it, violet ↻ where only last letter's text meets it, red
✖ where a requirement has nothing in its own section or anywhere else. Each
cell opens its evidence. Below the map, "Confirm all suggestions" links every
suggested requirement to its best paragraph in one undo step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting.checks.coverage import coverage_summary
from drafting.findings import Finding
from drafting.i18n import _, ngettext
from ui import coverage_status as cs
from ui.session import Session
from ui.short_text import elide_lines

NO_EVIDENCE = "none"


# Width of a section's column title, in average characters per line (two lines).
HEADER_CHARS = 16


class ReviewPage(QWidget):
    """Coverage map, blockers and export buttons."""

    evidence_requested = Signal(str, str, int)  # section, block id, paragraph
    export_requested = Signal(bool)  # final?

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title_label = QLabel(self)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.legend_label = QLabel(self)
        self.legend_label.setWordWrap(True)  # four states: it must not widen the page
        self.map_table = QTableWidget(self)
        self.map_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.map_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.map_table.setWordWrap(True)
        self.map_table.verticalHeader().setVisible(False)
        self.map_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.map_table.horizontalHeader().setMinimumSectionSize(60)
        self.map_table.cellActivated.connect(self._on_cell)
        self.map_table.cellClicked.connect(self._on_cell)
        self.confirm_all_button = QPushButton(self)
        self.confirm_all_button.setObjectName("confirm_all_button")
        self.confirm_all_button.clicked.connect(self._confirm_all)
        self.confirm_all_label = QLabel(self)
        self.confirm_all_label.setWordWrap(True)
        confirm_row = QHBoxLayout()
        confirm_row.addWidget(self.confirm_all_label, 1)
        confirm_row.addWidget(self.confirm_all_button)
        self.blockers_label = QLabel(self)
        self.blockers_list = QListWidget(self)
        self.blockers_list.setWordWrap(True)
        self.blockers_list.itemActivated.connect(self._on_blocker)
        self.blockers_list.itemClicked.connect(self._on_blocker)
        self.export_draft_button = QPushButton(self)
        self.export_final_button = QPushButton(self)
        self.export_draft_button.clicked.connect(lambda: self.export_requested.emit(False))
        self.export_final_button.clicked.connect(lambda: self.export_requested.emit(True))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_draft_button)
        buttons.addWidget(self.export_final_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.legend_label)
        layout.addWidget(self.map_table, 3)
        layout.addLayout(confirm_row)
        layout.addWidget(self.blockers_label)
        layout.addWidget(self.blockers_list, 1)
        layout.addLayout(buttons)
        self._cells: dict[tuple[int, int], tuple[str, str, int]] = {}
        self._blockers: list[Finding] = []
        self._just_confirmed = 0
        session.findings_changed.connect(self._refresh_if_visible)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Redo every text in the interface language (after a switch)."""
        self.setAccessibleName(_("Review and export"))
        self.title_label.setText("<h2>" + _("Review and export") + "</h2>")
        names = {cs.CONFIRMED: _("confirmed"), cs.SUGGESTED: _("suggested, to confirm"),
                 cs.CARRIED: _("carried over, to confirm"),
                 cs.MISSING: _("missing (in the section that should cover it)")}
        self.legend_label.setText(" &nbsp; ".join(
            f"<span style='background:{cs.BACKGROUND[k].name()};"
            f"color:{cs.FOREGROUND[k].name()}'>&nbsp;{cs.SYMBOL[k]}&nbsp;</span> {names[k]}"
            for k in cs.KINDS))
        self.legend_label.setToolTip("\n".join(
            f"{cs.word(k)}: {cs.explanation(k)}" for k in cs.KINDS))
        self.map_table.setAccessibleName(_("Coverage map"))
        self.confirm_all_button.setText(_("&Confirm all suggestions"))
        self.confirm_all_button.setAccessibleName(_("Confirm all suggestions"))
        self.confirm_all_button.setToolTip(_(
            "Link every suggested requirement to the paragraph shown as its evidence: your "
            "word that you read them. One step: Undo takes it back."))
        self.blockers_list.setAccessibleName(_("Findings that block a final export"))
        self.export_draft_button.setText(_("Export &draft…"))
        self.export_final_button.setText(_("Export &final…"))
        self._refresh_if_visible()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.refresh()
        super().showEvent(event)

    @Slot()
    def _refresh_if_visible(self) -> None:
        if self.isVisible():
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Rebuild the map and the blockers from the session's check results."""
        if not self.session.checked:
            # Shown before the first check is in (the window opened on this
            # step): say so rather than run the check before the first paint.
            self.map_table.clear()
            self.map_table.setRowCount(0)
            self._cells.clear()
            self._blockers = []
            self.blockers_list.clear()
            self.blockers_list.setVisible(False)
            self.summary_label.setText(_("Checking…"))
            self.blockers_label.setText("")
            self.confirm_all_button.setEnabled(False)
            self.confirm_all_label.setText("")
            return
        self._fill_map()
        self._blockers = self.session.final_blockers()
        self.blockers_list.clear()
        for f in self._blockers:
            where = self.session.place_name(f.section, f.check)
            item = QListWidgetItem(f"{where}: {f.message}")
            item.setToolTip(f.code)
            self.blockers_list.addItem(item)
        n = len(self._blockers)
        self.blockers_label.setText(
            "<b>" + (ngettext("{n} finding blocks a final export",
                              "{n} findings block a final export", n).format(n=n) if n
                     else _("Nothing blocks a final export.")) + "</b>")
        self.blockers_list.setVisible(bool(n))

    def _fill_map(self) -> None:
        s = self.session
        sections = s.letter.section_ids()
        statuses = s.requirements()
        self.map_table.clear()
        self._cells.clear()
        self.map_table.setRowCount(len(statuses))
        self.map_table.setColumnCount(len(sections) + 1)
        self.map_table.setHorizontalHeaderItem(0, QTableWidgetItem(_("Requirement")))
        metrics = self.map_table.horizontalHeader().fontMetrics()
        for c, sid in enumerate(sections, start=1):
            heading = s.section_heading(sid)
            header = QTableWidgetItem(elide_lines(heading, metrics,
                                                  metrics.averageCharWidth() * HEADER_CHARS))
            header.setToolTip(heading)
            self.map_table.setHorizontalHeaderItem(c, header)
        labels = {r.id: r.label(s.language) for _, r in s.template.requirements()}
        for r, status in enumerate(statuses):
            label = labels.get(status.id, status.label or status.id)
            head = QTableWidgetItem(f"{status.ref}  {label}")
            head.setToolTip(f"{status.id}: {label}")
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.map_table.setItem(r, 0, head)
            for c, sid in enumerate(sections, start=1):
                self.map_table.setItem(r, c, self._cell(r, c, status, sid, label))
        header_view = self.map_table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(sections) + 1):
            header_view.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        counts = s.coverage_counts()
        self.summary_label.setText(
            _("Requirements: {summary}. Click a cell to see its evidence.").format(
                summary=coverage_summary(counts)))
        self._update_confirm_all(counts["suggested"])

    def _update_confirm_all(self, suggested: int) -> None:
        self.confirm_all_button.setEnabled(bool(suggested) and not self.session.read_only)
        if suggested:
            self._just_confirmed = 0
            text = ngettext("{n} requirement is only suggested: read its evidence, then "
                            "confirm it.",
                            "{n} requirements are only suggested: read their evidence, then "
                            "confirm them.", suggested).format(n=suggested)
        elif self._just_confirmed:
            text = ngettext("{n} suggestion confirmed (Undo takes it back).",
                            "{n} suggestions confirmed (Undo takes them back).",
                            self._just_confirmed).format(n=self._just_confirmed)
        else:
            text = _("No suggestion waits for your confirmation.")
        self.confirm_all_label.setText(text)

    @Slot()
    def _confirm_all(self) -> None:
        n = self.session.confirm_suggested()
        if n:
            self._just_confirmed = n
            self.session.check_now()

    def _cell(self, r: int, c: int, status: Any, sid: str, label: str) -> QTableWidgetItem:
        evidence = [e for e in status.evidence if e.section == sid]
        item = QTableWidgetItem()
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        kind = cs.kind_of(status)
        if evidence:
            self._cells[(r, c)] = (sid, evidence[0].block_id, evidence[0].paragraph)
            item.setToolTip(f"{cs.word(kind)}: {evidence[0].excerpt[:120]}\n"
                            f"{cs.explanation(kind)}")
        elif status.section == sid and kind == cs.MISSING:
            self._cells[(r, c)] = (sid, "", -1)
            item.setToolTip(_("Missing: nothing in this section meets it yet."))
        else:
            kind = NO_EVIDENCE
            if status.section == sid:
                item.setText("·")
        if kind == NO_EVIDENCE:
            state = _("no evidence")
        else:
            state = cs.word(kind)
            item.setText(cs.SYMBOL[kind])
            item.setBackground(QBrush(cs.BACKGROUND[kind]))
            item.setForeground(QBrush(cs.FOREGROUND[kind]))
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     f"{label}, {self.session.section_heading(sid)}: {state}")
        item.setData(Qt.ItemDataRole.UserRole, kind)
        return item

    def cell_state(self, row: int, column: int) -> str:
        """"confirmed", "suggested", "carried", "missing" or "none" (no evidence there)."""
        item = self.map_table.item(row, column)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    @Slot(int, int)
    def _on_cell(self, row: int, column: int) -> None:
        target = self._cells.get((row, column))
        if target is not None:
            self.evidence_requested.emit(*target)

    @Slot(QListWidgetItem)
    def _on_blocker(self, item: QListWidgetItem) -> None:
        f = self._blockers[self.blockers_list.row(item)]
        self.evidence_requested.emit(f.section or "details", f.block_id or "",
                                     -1 if f.paragraph is None else f.paragraph)
