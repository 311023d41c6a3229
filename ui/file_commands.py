"""The main window's file commands and the windows they open.

`FileCommands` is held by `MainWindow` (`window.files`): new draft, new draft
from a previous letter, open, save, export, history, compare, recover, the
template editor, and the notices shown after opening. The window stays a passive
view: each command opens a dialog that does its own work and reports back
with a signal (`created`, `recovered`, `compare_requested`), and drafts are
opened through the window's `open_path` (the application decides whether a
new window is needed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QMessageBox

from drafting.errors import MissiveError
from drafting.i18n import _
from ui.compare_window import CompareWindow
from ui.export_dialog import ExportDialog
from ui.find_replace import FindReplaceDialog
from ui.history_window import HistoryWindow
from ui.import_dialog import ImportDialog
from ui.merge_dialog import MergeDialog, merge_into_session, summary_text
from ui.new_draft_dialog import NewDraftDialog
from ui.recover_dialog import Chooser, RecoverDialog
from ui.template_editor import TemplateEditorWindow, open_template_editor

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.prompts import Prompter
    from ui.session import Session


class FileCommands(QObject):
    """File commands of one `MainWindow` and the dialogs they opened."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session: Session = window.session
        self.new_draft_dialog: NewDraftDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.compare_window: CompareWindow | None = None
        self.recover_dialog: RecoverDialog | None = None
        self.template_editor: TemplateEditorWindow | None = None
        self.export_dialog: ExportDialog | None = None
        self.history_window: HistoryWindow | None = None
        self.merge_dialog: MergeDialog | None = None
        self.find_dialog: FindReplaceDialog | None = None
        self.notice_box: QMessageBox | None = None
        self.rescue_box: QMessageBox | None = None
        # Tests replace the native file choosers of the dialogs opened from here.
        self.recover_chooser: Chooser | None = None

    @property
    def prompter(self) -> Prompter:
        return self.window.prompter

    def _folder(self) -> Path | None:
        return self.session.path.parent if self.session.path else None

    def _replace(self, old: Any, new: Any) -> Any:
        if old is not None:
            old.close()
            old.deleteLater()
        new.show()
        new.raise_()
        return new

    @Slot(str)
    def open_created(self, path: str) -> None:
        """Open a draft another dialog has just written (new, imported, rescued)."""
        if self.window.open_path is not None:
            self.window.open_path(path)
        else:
            self.window.statusBar().showMessage(_("Created {path}").format(path=path), 10000)

    # -- new and open ---------------------------------------------------------
    def new_draft(self) -> NewDraftDialog:
        """File › New…: a draft from a template, opened once written."""
        dialog = NewDraftDialog(self.window, folder=self._folder())
        dialog.created.connect(self.open_created)
        self.new_draft_dialog = self._replace(self.new_draft_dialog, dialog)
        return dialog

    def new_from_previous(self) -> ImportDialog:
        """File › New from previous letter…: import, map, carry forward, open."""
        dialog = ImportDialog(self.window, prompter=self.prompter,
                              template_id=self.session.template.id,
                              language=self.session.language, folder=self._folder())
        dialog.created.connect(self.open_created)
        self.import_dialog = self._replace(self.import_dialog, dialog)
        return dialog

    def open_draft(self) -> None:
        folder = str(self.session.path.parent) if self.session.path else ""
        path = self.prompter.open_path(folder)
        if path and self.window.open_path is not None:
            self.window.open_path(path)

    # -- saving, exporting, history, find -------------------------------------------
    def save_revision(self, ask_name: bool = False) -> Any:
        name = self.session.letter.metadata.symbol or _("Saved")
        if ask_name:
            chosen = self.prompter.revision_name(name)
            if chosen is None:
                return None
            name = chosen
        return self.session.save(name)

    @Slot(bool)
    def open_export(self, final: bool = False) -> ExportDialog:
        self.session.check_now()
        dialog = ExportDialog(self.session, self.window.settings, final=final,
                              parent=self.window)
        self.export_dialog = self._replace(self.export_dialog, dialog)
        return dialog

    def open_history(self) -> HistoryWindow:
        self.session.autosave()
        if self.history_window is None:
            self.history_window = HistoryWindow(self.session, self.window)
            self.history_window.compare_requested.connect(self.compare)
            self.history_window.backups_requested.connect(self.show_backups)
        self.history_window.refresh()
        self.history_window.show()
        self.history_window.raise_()
        return self.history_window

    def open_find(self) -> FindReplaceDialog:
        if self.find_dialog is None:
            self.find_dialog = FindReplaceDialog(self.session, self.window.cursor_location,
                                                 self.window)
            self.find_dialog.match_found.connect(self.window.show_match)
        selected = self.window.editor.textCursor().selectedText()
        if selected and self.window.current_step() not in ("details", "review"):
            self.find_dialog.find_edit.setText(selected)
        self.find_dialog.show()
        self.find_dialog.raise_()
        self.find_dialog.find_edit.setFocus()
        self.find_dialog.find_edit.selectAll()
        return self.find_dialog

    # -- compare, recover, templates -------------------------------------------------
    @Slot(int)
    def compare(self, revision: int | None = None) -> CompareWindow:
        """Compare versions; with `revision`, that revision against the current text."""
        s = self.session
        window = CompareWindow(s.store, current=s.letter.copy(), template=s.template,
                               heading=s.section_heading, title=s.title(),
                               parent=self.window)
        if revision is not None:
            window.select(f"revision:{revision}", "current")
        self.compare_window = self._replace(self.compare_window, window)
        return window

    def merge_copy(self, path: str | None = None) -> MergeDialog | None:
        """File › Merge a copy…: another copy of this draft merged into it."""
        if path is None:
            path = self.prompter.copy_path(str(self._folder() or ""))
            if not path:
                return None
        try:
            outcome = merge_into_session(self.session, path)
        except MissiveError as exc:
            self.prompter.error(_("Merge a copy"), str(exc))
            return None
        return self.show_conflicts(summary_text(outcome, Path(path).name))

    def show_conflicts(self, summary: str = "") -> MergeDialog:
        """File › Resolve merge conflicts…: each conflict side by side."""
        dialog = MergeDialog(self.session, self.window, summary=summary)
        self.merge_dialog = self._replace(self.merge_dialog, dialog)
        return dialog

    def recover(self, path: str | None = None) -> RecoverDialog | None:
        """Recover versions of `path`, by default of this window's draft."""
        if path is None:
            if self.session.path is None:
                return self.recover_other()
            self.session.autosave()  # the newest work is among what can be recovered
            path = str(self.session.path)
        dialog = RecoverDialog(path, chooser=self.recover_chooser,
                               parent=self.window)
        dialog.recovered.connect(self.open_created)
        self.recover_dialog = self._replace(self.recover_dialog, dialog)
        return dialog

    @Slot()
    def show_backups(self) -> RecoverDialog | None:
        """The backup copies of this window's draft (from the History window)."""
        dialog = self.recover()
        if dialog is not None:
            dialog.show_backups()
        return dialog

    def recover_other(self) -> RecoverDialog | None:
        """Recover versions of a draft chosen by the writer (even one that will not open)."""
        folder = self._folder()
        path = self.prompter.open_path(str(folder) if folder else "")
        return self.recover(path) if path else None

    def edit_templates(self) -> TemplateEditorWindow:
        """Templates › Edit templates…: the template editor, one per window."""
        editor = open_template_editor(self.window)
        if editor is not self.template_editor:
            editor.templates_changed.connect(self._templates_changed)
            self.template_editor = editor
        return editor

    @Slot()
    def _templates_changed(self) -> None:
        # Dialogs listing templates show a template the editor has just saved.
        for dialog in (self.new_draft_dialog, self.import_dialog):
            if dialog is not None and dialog.isVisible():
                dialog.refresh_templates()

    # -- telling the writer --------------------------------------------------------
    def show_notices(self) -> QMessageBox | None:
        """Tell the writer what opening changed (a template migration), without blocking."""
        notices = self.session.notices
        if not notices or self.window.testAttribute(
                Qt.WidgetAttribute.WA_DontShowOnScreen):
            return None
        self.window.statusBar().showMessage(notices[0], 20000)
        box = QMessageBox(QMessageBox.Icon.Information, _("The template has changed"),
                          _("This draft now follows the current version of its template. "
                            "Nothing you wrote was lost."),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText("\n".join("• " + n for n in notices))
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        self.notice_box = box
        return box

    @Slot(str)
    def show_rescue(self, message: str) -> QMessageBox:
        """Tell the writer, without blocking, that the draft file could no
        longer be saved into and where the text went instead."""
        self.window.statusBar().showMessage(message)
        box = QMessageBox(QMessageBox.Icon.Warning, _("The draft was saved under a new name"),
                          message, QMessageBox.StandardButton.Ok, self.window)
        box.setWindowModality(Qt.WindowModality.NonModal)
        if not self.window.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen):
            box.show()
        self.rescue_box = box
        return box

    def close_children(self) -> None:
        """Close every window opened from here (the window is closing)."""
        for window in (self.export_dialog, self.history_window, self.find_dialog,
                       self.compare_window, self.recover_dialog, self.new_draft_dialog,
                       self.import_dialog, self.notice_box, self.rescue_box,
                       self.merge_dialog):
            if window is not None:
                window.close()
