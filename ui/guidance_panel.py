"""What the Council asked for the current section, and where the draft stands.

Shows the template's guidance, then each requirement of the section with its
state (`ui.coverage_status`: confirmed, suggested, carried, missing) and its
evidence. **Confirm** links the suggested (or carried) paragraph the checks
found; **Link to this paragraph** links the paragraph under the cursor;
**Unlink** takes the writer's links back; an evidence line jumps to its
paragraph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _
from drafting.letter import UNASSIGNED
from drafting.templates.model import pick
from ui import coverage_status as cs
from ui.session import Session
from ui.short_text import elide, italic_unsafe
from ui.unassigned import fill_move_menu, unassigned_guidance

MAX_EVIDENCE = 4
EXCERPT_COLOR = "#555555"
EVIDENCE_WHERE_CHARS = 24  # another section's heading, shortened, before its ¶ number


class RequirementRow(QFrame):
    """One requirement: label, state, evidence; confirm, link and unlink buttons."""

    def __init__(self, requirement_id: str, label: str, ref: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.requirement_id = requirement_id
        self._evidence: list[Any] = []
        self.suggested: Any = None  # the Evidence that Confirm links
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_label = QLabel(f"<b>{label}</b> <small>({ref})</small>", self)
        self.title_label.setWordWrap(True)
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName(_("Status of {req}").format(req=label))
        self.evidence_label = QLabel(self)
        self.evidence_label.setWordWrap(True)
        self.evidence_label.setTextFormat(Qt.TextFormat.RichText)
        self.evidence_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.confirm_button = QPushButton(_("Confirm"), self)
        self.confirm_button.setAccessibleName(_("Confirm {req} with its suggested paragraph")
                                              .format(req=label))
        self.link_button = QPushButton(_("Link to this paragraph"), self)
        self.link_button.setAccessibleName(_("Link {req} to the paragraph under the cursor")
                                           .format(req=label))
        self.link_button.setToolTip(_("Confirm that the paragraph under the cursor meets "
                                      "this requirement"))
        self.unlink_button = QPushButton(_("Unlink"), self)
        self.unlink_button.setAccessibleName(_("Unlink {req}").format(req=label))
        self.unlink_button.setToolTip(_("Take back your confirmation of this requirement"))
        self.evidence_label.setAccessibleName(_("Paragraphs that meet {req}").format(req=label))
        self.evidence_label.setToolTip(_("Paragraphs that meet this requirement: Tab to one, "
                                         "Enter goes there"))
        # Two short rows rather than one wide one: the panel stays narrow.
        state = QHBoxLayout()
        state.addWidget(self.status_label, 1)
        state.addWidget(self.confirm_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.title_label)
        layout.addLayout(state)
        layout.addLayout(buttons)
        layout.addWidget(self.evidence_label)
        # Tab goes as the eye does: Confirm, Link, Unlink, then the paragraphs below
        # (the label was made first, so it came before the buttons).
        for first, then in ((self.confirm_button, self.link_button),
                            (self.link_button, self.unlink_button),
                            (self.unlink_button, self.evidence_label)):
            QWidget.setTabOrder(first, then)

    def update_status(self, status: Any, confirmed_here: bool, read_only: bool,
                      section_id: str = "", checking: bool = False,
                      heading: Callable[[str], str] | None = None) -> None:
        """Show `status`; with `checking`, the first check is not in yet (status unknown).

        `heading(section_id)` names the other sections evidence comes from.
        """
        kind = cs.kind_of(status)
        if checking:
            text, color, symbol, why = _("Checking…"), "#808080", "●", ""
        else:
            text, color, symbol, why = (cs.word(kind), cs.TEXT_COLOR[kind], cs.SYMBOL[kind],
                                        cs.explanation(kind))
        self.status_label.setText(f"<span style='color:{color}'>{symbol}</span> "
                                  f"<span style='color:{color}'>{_escape(text)}</span>")
        self.status_label.setToolTip(why)
        self.status_label.setAccessibleDescription(f"{text}. {why}" if why else text)
        lines = []
        evidence = list(getattr(status, "evidence", []) or [])
        # This section's evidence first; a few lines are enough to find the rest.
        evidence.sort(key=lambda ev: ev.section != section_id)
        metrics = self.evidence_label.fontMetrics()
        for i, ev in enumerate(evidence[:MAX_EVIDENCE]):
            excerpt = ev.excerpt if len(ev.excerpt) <= 90 else ev.excerpt[:87] + "…"
            if ev.section != section_id:
                name = heading(ev.section) if heading is not None else ev.section
                where = _("{section}, ¶ {n}").format(
                    section=elide(name, metrics, metrics.averageCharWidth() * EVIDENCE_WHERE_CHARS),
                    n=ev.paragraph + 1)
            else:
                where = _("¶ {n}").format(n=ev.paragraph + 1)
            lines.append(f"<a href='{i}'>{_escape(where)}</a> {excerpt_html(excerpt)}")
        if len(evidence) > MAX_EVIDENCE:
            lines.append(_("and {n} more").format(n=len(evidence) - MAX_EVIDENCE))
        self._evidence = evidence
        self.evidence_label.setText("<br>".join(lines))
        self.evidence_label.setVisible(bool(lines))
        # Confirm takes the best paragraph the checks found (first in `status.evidence`).
        best = (status.evidence[0] if not checking and kind in (cs.SUGGESTED, cs.CARRIED)
                and status.evidence else None)
        self.suggested = best
        self.confirm_button.setEnabled(not read_only and best is not None)
        if best is not None:
            where = (_("¶ {n}").format(n=best.paragraph + 1) if best.section == section_id
                     else _("{section}, ¶ {n}").format(
                         section=heading(best.section) if heading is not None else best.section,
                         n=best.paragraph + 1))
            self.confirm_button.setToolTip(
                _("Confirm that {where} meets this requirement: your word that you read it."
                  ).format(where=where))
        else:
            self.confirm_button.setToolTip(_("Nothing suggested to confirm: link the paragraph "
                                             "under the cursor instead."))
        self.link_button.setEnabled(not read_only and not confirmed_here)
        self.unlink_button.setEnabled(not read_only and getattr(status, "source", None) == "confirmed")


def excerpt_html(excerpt: str) -> str:
    """An excerpt of the letter, set off in italic where its script has one."""
    if italic_unsafe(excerpt):
        # Arabic or Chinese in italic comes out as empty boxes: set it off in grey.
        return f"<span style='color:{EXCERPT_COLOR}'>{_escape(excerpt)}</span>"
    return f"<i>{_escape(excerpt)}</i>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class GuidancePanel(QScrollArea):
    """Guidance and requirements of the section being edited."""

    link_requested = Signal(str)  # requirement id → main window supplies the paragraph
    unlink_requested = Signal(str)
    evidence_clicked = Signal(str, str, int)  # section, block id, paragraph
    boilerplate_requested = Signal()
    move_requested = Signal(str)  # section id: move the paragraph under the cursor there

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.section_id = ""
        self.current_block = ""
        self.rows: dict[str, RequirementRow] = {}
        self.setWidgetResizable(True)
        self.body = QWidget(self)
        self.heading_label = QLabel(self.body)
        self.heading_label.setWordWrap(True)
        self.guidance_label = QLabel(self.body)
        self.guidance_label.setWordWrap(True)
        self.guidance_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.boilerplate_button = QPushButton(self.body)
        self.boilerplate_button.clicked.connect(self.boilerplate_requested)
        # Shown for the unassigned text only: where the paragraph under the cursor goes.
        self.move_button = QPushButton(self.body)
        self.move_button.setObjectName("move_button")
        self.move_menu = QMenu(self.move_button)
        self.move_menu.aboutToShow.connect(
            lambda: fill_move_menu(self.move_menu, self.session, self.move_requested.emit))
        self.move_button.setMenu(self.move_menu)
        self.move_button.setVisible(False)
        self.requirements_label = QLabel(self.body)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(6)
        layout = QVBoxLayout(self.body)
        layout.addWidget(self.heading_label)
        layout.addWidget(self.guidance_label)
        layout.addWidget(self.boilerplate_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.move_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(6)
        layout.addWidget(self.requirements_label)
        layout.addLayout(self.rows_layout)
        layout.addStretch(1)
        self.setWidget(self.body)
        session.findings_changed.connect(self.refresh)
        session.confirmations_changed.connect(self.refresh)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Redo the fixed texts in the interface language.

        The section's own texts come back with `show_section` (the main window
        calls it after a switch).
        """
        self.setAccessibleName(_("Guidance"))
        self.setToolTip(_("What the Council asked for in this section and where its "
                          "requirements stand (F7 comes here)"))
        self.guidance_label.setAccessibleName(_("What the Council asked"))
        self.boilerplate_button.setText(_("Insert standard text"))
        self.boilerplate_button.setToolTip(_("Insert the template's standard paragraphs after "
                                             "the cursor"))
        self.move_button.setText(_("Move paragraph to section…"))
        self.move_button.setToolTip(_("Move the paragraph under the cursor (or every "
                                      "selected paragraph) to the end of a section"))
        self.requirements_label.setText("<b>" + _("Requirements") + "</b>")

    def show_section(self, section_id: str) -> None:
        """Rebuild for another section (rows are kept while the section stays)."""
        self.section_id = section_id
        self._clear_rows()
        lang = self.session.language
        try:
            ts = self.session.template.section(section_id)
        except KeyError:
            ts = None
        self.heading_label.setText("<h3>" + _escape(self.session.section_heading(section_id))
                                   + "</h3>")
        guidance = pick(ts.guidance, lang) if ts else ""
        if section_id == UNASSIGNED:
            guidance = unassigned_guidance()
        self.guidance_label.setText(guidance or _("No guidance for this section."))
        self.move_button.setVisible(section_id == UNASSIGNED and not self.session.read_only)
        has_boilerplate = bool(ts and ts.boilerplate and pick(ts.boilerplate, lang))  # type: ignore[arg-type]
        self.boilerplate_button.setVisible(has_boilerplate and not self.session.read_only)
        requirements = ts.requirements if ts else []
        self.requirements_label.setVisible(bool(requirements))
        for req in requirements:
            row = RequirementRow(req.id, req.label(lang), req.ref, self.body)
            row.confirm_button.clicked.connect(lambda _c=False, r=req.id: self._on_confirm(r))
            row.link_button.clicked.connect(lambda _c=False, r=req.id: self.link_requested.emit(r))
            row.unlink_button.clicked.connect(
                lambda _c=False, r=req.id: self.unlink_requested.emit(r))
            row.evidence_label.linkActivated.connect(
                lambda href, r=req.id: self._on_evidence(r, int(href)))
            self.rows[req.id] = row
            self.rows_layout.addWidget(row)
        self.refresh()

    def show_help(self, title: str, text: str) -> None:
        """Plain help for a step that is not a section (letter details)."""
        self.section_id = ""
        self._clear_rows()
        self.heading_label.setText("<h3>" + _escape(title) + "</h3>")
        self.guidance_label.setText(text)
        self.boilerplate_button.setVisible(False)
        self.move_button.setVisible(False)
        self.requirements_label.setVisible(False)

    def _clear_rows(self) -> None:
        # Hidden, not unparented: a row added a moment ago still has a queued
        # "show" from its layout, which would open it as a window of its own
        # (and take the keyboard from the window the writer is in).
        for row in self.rows.values():
            row.hide()
            self.rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows.clear()
        # A new section is read from its top: its heading, then its guidance.
        self.verticalScrollBar().setValue(0)

    def set_current_block(self, block_id: str) -> None:
        self.current_block = block_id
        self.move_button.setEnabled(bool(block_id))
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        statuses = {r.id: r for r in self.session.requirements()}
        for rid, row in self.rows.items():
            confirmed = self.session.letter.confirmed_blocks(rid)
            here = bool(self.current_block) and self.current_block in confirmed
            row.update_status(statuses.get(rid), here, self.session.read_only, self.section_id,
                              checking=not self.session.checked,
                              heading=self.session.place_name)
            if not self.current_block:
                row.link_button.setEnabled(False)

    def _on_confirm(self, requirement_id: str) -> None:
        row = self.rows.get(requirement_id)
        if row is not None and row.suggested is not None:
            self.session.confirm(requirement_id, row.suggested.block_id)

    def _on_evidence(self, requirement_id: str, index: int) -> None:
        row = self.rows.get(requirement_id)
        if row is not None and index < len(row._evidence):
            ev = row._evidence[index]
            self.evidence_clicked.emit(ev.section, ev.block_id, ev.paragraph)
