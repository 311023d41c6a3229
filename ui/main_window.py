"""The guided drafting window: steps on the left, the current step in the
middle, guidance and findings on the right, saving state in the status bar.

The window is a passive view of its `Session`: it routes the writer's
actions to the session and redraws on its signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from drafting.edits import TextMatch
from drafting.errors import DraftError
from drafting.findings import Finding
from drafting.i18n import _
from ui import paint_probe
from ui.actions import build_actions
from ui.details_page import DetailsPage
from ui.file_commands import FileCommands
from ui.findings_panel import FindingsPanel
from ui.guidance_panel import GuidancePanel
from ui.navigator import DETAILS, REVIEW, Navigator
from ui.preferences_dialog import PreferencesDialog
from ui.prompts import CANCEL, DISCARD, SAVE, Prompter
from ui.review_commands import ReviewCommands
from ui.review_page import ReviewPage
from ui.screen_fit import fit_to_screen
from ui.section_editor import SectionEditor
from ui.session import Session
from ui.settings import Settings
from ui.spelling import SpellChecker
from ui.unassigned import UnassignedMover
from ui.window_layout import WindowLayout
from ui.window_status import WindowStatus


class MainWindow(QMainWindow):
    """One window per open draft. It holds helpers rather than inheriting them:
    `files` (file commands and their dialogs, `ui.file_commands`) and
    `unassigned` (moving unassigned text, `ui.unassigned`)."""

    def __init__(
        self,
        session: Session,
        settings: Settings,
        prompter: Prompter | None = None,
        open_path: Callable[[str], Any] | None = None,
        restore_layout: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.prompter = prompter or Prompter(self)
        self.open_path = open_path
        self.recent_menu: QMenu | None = None
        self.preferences_dialog: PreferencesDialog | None = None
        self._painted = False
        self.setObjectName("MainWindow")
        fit_to_screen(self, 1400, 900)
        self.spelling = SpellChecker(session.language, enabled=settings.spelling_enabled())

        self.navigator = Navigator(session, self)
        self.details_page = DetailsPage(session, self)
        self.editor = SectionEditor(session, self.spelling, self)
        self.editor.setTabChangesFocus(True)
        self.heading_label = QLabel(self)
        self.heading_label.setWordWrap(True)
        self.heading_label.setAccessibleName(_("Section heading"))
        self.words_label = QLabel(self)
        self.words_label.setAccessibleName(_("Words in this section"))
        editor_page = QWidget(self)
        editor_layout = QVBoxLayout(editor_page)
        editor_layout.setContentsMargins(12, 8, 12, 4)
        editor_layout.addWidget(self.heading_label)
        editor_layout.addWidget(self.editor, 1)
        editor_layout.addWidget(self.words_label)
        self.review_page = ReviewPage(session, self)
        self.pages = QStackedWidget(self)
        for page in (self.details_page, editor_page, self.review_page):
            self.pages.addWidget(page)
        self.editor_page = editor_page
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.layout_keeper = WindowLayout(self)  # the steps stay readable as it narrows
        self.setCentralWidget(self.splitter)

        self.guidance_panel = GuidancePanel(session, self)
        self.findings_panel = FindingsPanel(session, settings.findings_severity(), self)
        self.guidance_dock = self._dock("guidance", _("Guidance"), self.guidance_panel)
        self.findings_dock = self._dock("findings", _("Findings"), self.findings_panel)
        self.splitDockWidget(self.guidance_dock, self.findings_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.guidance_dock], [420], Qt.Orientation.Horizontal)
        self.resizeDocks([self.guidance_dock, self.findings_dock], [520, 300],
                         Qt.Orientation.Vertical)

        self.status = WindowStatus(self)
        self.files = FileCommands(self)
        self.unassigned = UnassignedMover(self)
        self.reviews = ReviewCommands(self)
        self.menu_actions = build_actions(self)
        self._connect()
        self.status.update_title()
        self.status.update_saved()
        self.status.update_words()
        if not self.spelling.available:
            self.statusBar().showMessage(self.spelling.notice, 15000)
        if restore_layout:
            self.layout_keeper.restore()
        step = settings.last_step() if restore_layout else ""
        self.go_to_step(step if step in self.navigator.model.steps() else DETAILS)
        QTimer.singleShot(0, self.files.show_notices)

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}_dock")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        # Dock areas do not follow the layout direction: in Arabic the panels go
        # on the left, so steps, text and guidance read from right to left.
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea if rtl
                           else Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _connect(self) -> None:
        s = self.session
        self.navigator.step_selected.connect(self.go_to_step)
        self.editor.current_block_changed.connect(self.guidance_panel.set_current_block)
        self.guidance_panel.link_requested.connect(self.link_requirement)
        self.guidance_panel.unlink_requested.connect(self.unlink_requirement)
        self.guidance_panel.evidence_clicked.connect(self.jump_to)
        self.guidance_panel.boilerplate_requested.connect(self.insert_boilerplate)
        self.guidance_panel.move_requested.connect(self.unassigned.move_to_section)
        self.editor.move_requested.connect(self.unassigned.move_to_section)
        self.findings_panel.jump_requested.connect(self._on_findings_jump)
        self.findings_panel.filter_combo.currentIndexChanged.connect(
            lambda _i: self.settings.set_findings_severity(self.findings_panel.severity()))
        self.review_page.evidence_requested.connect(self.jump_to)
        self.review_page.finding_requested.connect(self.show_finding)
        self.review_page.export_requested.connect(self.files.open_export)
        s.reveal_requested.connect(self._on_reveal)
        s.section_changed.connect(self.status.on_section_changed)
        s.letter_replaced.connect(self.status.update_words)
        s.metadata_changed.connect(self._on_metadata_changed)
        s.saved.connect(self.status.on_saved)
        s.autosaved.connect(self.status.update_saved)
        s.save_failed.connect(lambda msg: self.statusBar().showMessage(
            _("Could not save: {reason}").format(reason=msg)))
        s.rescued.connect(self.files.show_rescue)
        s.undo_stack.cleanChanged.connect(self.status.update_title)

    # -- steps ------------------------------------------------------------------
    def current_step(self) -> str:
        if self.pages.currentWidget() is self.details_page:
            return DETAILS
        if self.pages.currentWidget() is self.review_page:
            return REVIEW
        return self.editor.section_id

    @Slot(str)
    def go_to_step(self, step: str) -> None:
        """Show the details, a section (by id) or the review step."""
        if step == DETAILS:
            self.pages.setCurrentWidget(self.details_page)
            self.guidance_panel.show_help(_("Letter details"), self._details_help())
        elif step == REVIEW:
            self.pages.setCurrentWidget(self.review_page)
        elif step in self.session.editable_ids():
            if self.editor.section_id != step or self.pages.currentWidget() is not \
                    self.editor_page:
                self.editor.load_section(step)
                self.guidance_panel.show_section(step)
                self.guidance_panel.set_current_block(self.editor.current_block_id())
            self.pages.setCurrentWidget(self.editor_page)
            self.heading_label.setText(
                "<h2>" + self.session.section_heading(step).replace("<", "&lt;") + "</h2>")
            self.status.update_words()
        else:
            return
        self.layout_keeper.set_review(step == REVIEW)
        self.navigator.select_step(step)
        self.settings.set_last_step(step)

    def _details_help(self) -> str:
        t = self.session.template
        mandate = _("This letter answers {symbol}, paragraph {paragraph}.").format(
            symbol=t.mandate_symbol or "—", paragraph=t.mandate_paragraph or "—")
        return mandate + "<br><br>" + _(
            "The symbol, the masthead date and the job number come from Documents "
            "Management; the letter date is the day the Secretary-General signs. The reporting "
            "period is the six months the letter covers. Then work through the sections with "
            "Ctrl+PgDn; the review step shows what is still missing.")

    def show_step(self, step: str) -> None:
        """Go to a step and put the keyboard in it (its first field, the text, the map)."""
        self.go_to_step(step)
        self._focus_step()

    def _focus_step(self) -> None:
        step = self.current_step()
        widget: QWidget | None
        if step == DETAILS:
            widget = self.details_page.symbol_edit
        elif step == REVIEW:
            widget = self.review_page.map_table
        else:
            widget = self.editor
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def step_offset(self, delta: int) -> None:
        steps = self.navigator.model.steps()
        current = self.current_step()
        i = steps.index(current) if current in steps else 0
        self.go_to_step(steps[max(0, min(len(steps) - 1, i + delta))])
        self._focus_step()

    @Slot(str, str, int)
    def jump_to(self, section: str, block_id: str, paragraph: int) -> None:
        """Show a section and put the cursor on a paragraph."""
        self.go_to_step(section)
        if section in self.session.editable_ids():
            self.editor.go_to(block_id or None, None if paragraph < 0 else paragraph)

    @Slot(object)
    def show_finding(self, finding: Finding) -> None:
        """Go to what a finding is about: the detail, the paragraph, or (a
        placeholder, a figure) the very text, selected."""
        if finding.section is None:
            self.go_to_step(DETAILS)
            return
        self.go_to_step(finding.section)
        if finding.section not in self.session.editable_ids():
            return
        paragraph = finding.paragraph
        if finding.start is None:
            self.editor.go_to(finding.block_id, paragraph)
        else:
            self.editor.go_to(finding.block_id, paragraph, finding.start,
                              finding.start + finding.length)

    @Slot(str, str, int)
    def _on_findings_jump(self, section: str, block_id: str, paragraph: int) -> None:
        finding = self._activated_finding(section, block_id)
        if finding is not None:
            self.show_finding(finding)
        else:
            self.jump_to(section, block_id, paragraph)

    def _activated_finding(self, section: str, block_id: str) -> Finding | None:
        # The findings panel says where to go, not which finding: its current
        # row, when it is at that place, is the one activated.
        panel = self.findings_panel
        finding = panel.finding_at(panel.tree.currentIndex())
        if finding is not None and finding.members and finding.paragraph is None:
            finding = finding.members[0]  # a group goes to its first member, as the panel does
        if finding is None or (finding.section or "details") != section \
                or (finding.block_id or "") != block_id:
            return None
        return finding

    @Slot(str, int)
    def _on_reveal(self, step: str, cursor: int) -> None:
        # Undo of an edit made elsewhere: bring that place back into view.
        if step != self.current_step():
            self.go_to_step(step)
        if step == self.editor.section_id and cursor >= 0:
            c = self.editor.textCursor()
            c.setPosition(min(cursor, self.editor.document().characterCount() - 1))
            self.editor.setTextCursor(c)
            self.editor.ensureCursorVisible()

    @Slot(object)
    def show_match(self, match: TextMatch) -> None:
        self.go_to_step(match.section)
        block = self.session.blocks(match.section)[match.block_index]
        # The find dialog keeps the keyboard: the match is shown, selected.
        self.editor.go_to(block.id, match.block_index, match.start, match.end, focus=False)

    def cursor_location(self) -> tuple[str, int, int] | None:
        if self.current_step() in (DETAILS, REVIEW):
            return None
        index = self.editor.current_block_index()
        cursor = self.editor.textCursor()
        return self.editor.section_id, max(index, 0), cursor.position() - cursor.block().position()

    # -- requirements and boilerplate --------------------------------------------------
    @Slot(str)
    def link_requirement(self, requirement_id: str) -> None:
        block_id = self.editor.current_block_id()
        if not block_id or self.session.letter.find_block(block_id) is None:
            self.statusBar().showMessage(
                _("Put the cursor in the paragraph that meets this requirement first."), 8000)
            return
        self.session.confirm(requirement_id, block_id)

    @Slot(str)
    def unlink_requirement(self, requirement_id: str) -> None:
        here = self.editor.current_block_id()
        linked = self.session.letter.confirmed_blocks(requirement_id)
        self.session.unconfirm(requirement_id, here if here in linked else None)

    @Slot()
    def insert_boilerplate(self) -> None:
        at = self.editor.current_block_index()
        self.session.insert_boilerplate(self.editor.section_id, None if at < 0 else at + 1)

    # -- spelling ----------------------------------------------------------------------
    @Slot(bool)
    def set_spelling_enabled(self, enabled: bool) -> None:
        self.settings.set_spelling_enabled(enabled)
        self._reload_spelling()

    def _reload_spelling(self) -> None:
        self.spelling = SpellChecker(self.session.language,
                                     enabled=self.settings.spelling_enabled())
        self.editor.set_spelling(self.spelling)
        if not self.spelling.available:
            self.statusBar().showMessage(self.spelling.notice, 15000)

    # -- status ------------------------------------------------------------------------
    @Slot()
    def _on_metadata_changed(self) -> None:
        if self.spelling.language != self.session.language:
            self._reload_spelling()
            if self.current_step() not in (DETAILS, REVIEW):
                self.guidance_panel.show_section(self.editor.section_id)
        self.status.update_title()

    # -- interface language -------------------------------------------------------------
    def open_preferences(self) -> PreferencesDialog:
        if self.preferences_dialog is None:
            self.preferences_dialog = PreferencesDialog(self.settings, self)
        self.preferences_dialog.select(self.settings.interface_language())
        self.preferences_dialog.show()
        self.preferences_dialog.raise_()
        return self.preferences_dialog

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            # The first full check takes a while on a long draft: the writer
            # sees the window first; the panels say "Checking…" meanwhile.
            self._painted = True
            self.session.start_checking()
            if paint_probe.requested():  # bench/run.py times the bundle's cold start
                QTimer.singleShot(0, paint_probe.report)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        # ui.translations.apply_language makes Qt send this to every window.
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "menu_actions"):
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        """Re-read every interface string after a language switch.

        Menus and toolbar are rebuilt (their layout restored); panels with a
        `retranslate_ui()` redo their fixed texts; findings are re-checked so
        their messages come in the new language.
        """
        state = self.saveState()
        self.session.retranslate_undo()
        for action in self.menu_actions.values():
            self.removeAction(action)
            action.deleteLater()
        bar_menus = self.menuBar().findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)
        self.menuBar().clear()
        for menu in bar_menus:
            menu.deleteLater()
        for bar in self.findChildren(QToolBar, "main_toolbar"):
            self.removeToolBar(bar)
            bar.deleteLater()
        self.menu_actions = build_actions(self)
        self.restoreState(state)
        self.guidance_dock.setWindowTitle(_("Guidance"))
        self.findings_dock.setWindowTitle(_("Findings"))
        self.heading_label.setAccessibleName(_("Section heading"))
        self.words_label.setAccessibleName(_("Words in this section"))
        self.status.retranslate_ui()
        for panel in (self.navigator, self.details_page, self.editor, self.review_page,
                      self.guidance_panel, self.findings_panel, self.reviews,
                      self.files.export_dialog, self.files.history_window, self.files.find_dialog,
                      self.files.merge_dialog):
            retranslate = getattr(panel, "retranslate_ui", None)
            if callable(retranslate):
                retranslate()
        self.session.checker.clear()
        self.session.check_now()
        step = self.current_step()
        if step == DETAILS:
            self.guidance_panel.show_help(_("Letter details"), self._details_help())
        elif step in self.session.editable_ids():
            self.guidance_panel.show_section(step)
            self.heading_label.setText(
                "<h2>" + self.session.section_heading(step).replace("<", "&lt;") + "</h2>")
        self.status.update_words()
        self.status.update_saved()

    @Slot(object)
    # -- closing ---------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # The template editor is this window's child and would go with it:
        # it closes first, and may refuse (unsaved template changes).
        editor = self.files.template_editor
        if editor is not None and editor.isVisible() and not editor.close():
            event.ignore()
            return
        s = self.session
        store = s.store
        if store is not None and not s.read_only:
            unsaved = s.dirty or store.has_unsaved_autosave()
            if unsaved:
                answer = self.prompter.save_before_close(s.title())
                if answer == CANCEL:
                    event.ignore()
                    return
                if answer == SAVE:
                    self.files.save_revision(ask_name=False)
                elif answer == DISCARD:
                    s.dirty = False
                    try:
                        store.discard_autosave()
                    except DraftError:
                        pass  # replaced or changed meanwhile: nothing of ours to discard
        self.layout_keeper.save()
        self.files.close_children()
        s.close()
        event.accept()
