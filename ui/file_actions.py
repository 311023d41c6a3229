"""The main window's file commands and the windows they open.

`FileActions` is mixed into `MainWindow`: new draft, new draft from a
previous letter, open, save, export, history, compare, recover, the template
editor, and what happens when the window closes. The window stays a passive
view: each command opens a dialog that does its own work and reports back
with a signal (`created`, `recovered`, `compare_requested`), and drafts are
opened through the window's `open_path` (the application decides whether a
new window is needed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox

from drafting.errors import DraftError
from drafting.i18n import _
from ui.compare_window import CompareWindow
from ui.export_dialog import ExportDialog
from ui.find_replace import FindReplaceDialog
from ui.history_window import HistoryWindow
from ui.import_dialog import ImportDialog
from ui.new_draft_dialog import NewDraftDialog
from ui.prompts import CANCEL, DISCARD, SAVE
from ui.recover_dialog import Chooser, RecoverDialog
from ui.template_editor import TemplateEditorWindow, open_template_editor

if TYPE_CHECKING:
    from pathlib import Path

    from ui.prompts import Prompter
    from ui.section_editor import SectionEditor
    from ui.session import Session
    from ui.settings import Settings


class FileActions:
    """File commands of `MainWindow`.

    A mixin, listed before QMainWindow: it uses the window's session, settings,
    prompter, status bar and layout methods (mypy checks `drafting/` only).
    """

    if TYPE_CHECKING:
        session: Session
        settings: Settings
        editor: SectionEditor
        prompter: Prompter
        open_path: Callable[[str], Any] | None
        export_dialog: ExportDialog | None
        history_window: HistoryWindow | None
        find_dialog: FindReplaceDialog | None

    new_draft_dialog: NewDraftDialog | None = None
    import_dialog: ImportDialog | None = None
    compare_window: CompareWindow | None = None
    recover_dialog: RecoverDialog | None = None
    template_editor: TemplateEditorWindow | None = None
    notice_box: QMessageBox | None = None
    rescue_box: QMessageBox | None = None
    # Tests replace the native file choosers of the dialogs opened from here.
    recover_chooser: Chooser | None = None

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
        if self.open_path is not None:
            self.open_path(path)
        else:
            self.statusBar().showMessage(_("Created {path}").format(path=path), 10000)

    # -- new and open ---------------------------------------------------------
    def new_draft(self) -> NewDraftDialog:
        """File › New…: a draft from a template, opened once written."""
        dialog = NewDraftDialog(self, folder=self._folder())
        dialog.created.connect(self.open_created)
        self.new_draft_dialog = self._replace(self.new_draft_dialog, dialog)
        return dialog

    def new_from_previous(self) -> ImportDialog:
        """File › New from previous letter…: import, map, carry forward, open."""
        dialog = ImportDialog(self, prompter=self.prompter,
                              template_id=self.session.template.id,
                              language=self.session.language, folder=self._folder())
        dialog.created.connect(self.open_created)
        self.import_dialog = self._replace(self.import_dialog, dialog)
        return dialog

    def open_draft(self) -> None:
        folder = str(self.session.path.parent) if self.session.path else ""
        path = self.prompter.open_path(folder)
        if path and self.open_path is not None:
            self.open_path(path)

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
        dialog = ExportDialog(self.session, self.settings, final=final,
                              parent=self)
        self.export_dialog = self._replace(self.export_dialog, dialog)
        return dialog

    def open_history(self) -> HistoryWindow:
        self.session.autosave()
        if self.history_window is None:
            self.history_window = HistoryWindow(self.session, self)
            self.history_window.compare_requested.connect(self.compare)
            self.history_window.backups_requested.connect(self.show_backups)
        self.history_window.refresh()
        self.history_window.show()
        self.history_window.raise_()
        return self.history_window

    def open_find(self) -> FindReplaceDialog:
        if self.find_dialog is None:
            self.find_dialog = FindReplaceDialog(self.session, self.cursor_location,
                                                 self)
            self.find_dialog.match_found.connect(self.show_match)
        selected = self.editor.textCursor().selectedText()
        if selected and self.current_step() not in ("details", "review"):
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
                               parent=self)
        if revision is not None:
            window.select(f"revision:{revision}", "current")
        self.compare_window = self._replace(self.compare_window, window)
        return window

    def recover(self, path: str | None = None) -> RecoverDialog | None:
        """Recover versions of `path`, by default of this window's draft."""
        if path is None:
            if self.session.path is None:
                return self.recover_other()
            self.session.autosave()  # the newest work is among what can be recovered
            path = str(self.session.path)
        dialog = RecoverDialog(path, chooser=self.recover_chooser,
                               parent=self)
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
        editor = open_template_editor(self)
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
        if not notices or self.testAttribute(
                Qt.WidgetAttribute.WA_DontShowOnScreen):
            return None
        self.statusBar().showMessage(notices[0], 20000)
        box = QMessageBox(QMessageBox.Icon.Information, _("The template has changed"),
                          _("This draft now follows the current version of its template. "
                            "Nothing you wrote was lost."),
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText("\n".join("• " + n for n in notices))
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        self.notice_box = box
        return box

    @Slot(str)
    def show_rescue(self, message: str) -> QMessageBox:
        """Tell the writer, without blocking, that the draft file could no
        longer be saved into and where the text went instead."""
        self.statusBar().showMessage(message)
        box = QMessageBox(QMessageBox.Icon.Warning, _("The draft was saved under a new name"),
                          message, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.NonModal)
        if not self.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen):
            box.show()
        self.rescue_box = box
        return box

    @Slot()
    def _update_saved(self, *_args: Any) -> None:
        when = self.session.last_saved
        if self.session.read_only:
            text = _("Read-only")
        elif when is None:
            text = _("Not saved in this session")
        else:
            text = _("Saved at {time}").format(time=when.astimezone().strftime("%H:%M:%S"))
        self.saved_label.setText(text)
        self._update_title()

    @Slot()
    def _update_title(self, *_args: Any) -> None:
        try:
            clean = self.session.undo_stack.isClean()
        except RuntimeError:  # the session is being torn down with the window
            return
        title = self.session.title()
        if self.session.read_only:
            title += " " + _("(read-only)")
        elif self.session.dirty or not clean:
            title = "• " + title
        self.setWindowTitle(f"{title} — Missive")

    # -- closing ---------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # The template editor is this window's child and would go with it:
        # it closes first, and may refuse (unsaved template changes).
        editor = self.template_editor
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
                    self.save_revision()
                elif answer == DISCARD:
                    s.dirty = False
                    try:
                        store.discard_autosave()
                    except DraftError:
                        pass  # replaced or changed meanwhile: nothing of ours to discard
        self.save_layout()
        for window in (self.export_dialog, self.history_window, self.find_dialog,
                       self.compare_window, self.recover_dialog, self.new_draft_dialog,
                       self.import_dialog, self.notice_box, self.rescue_box):
            if window is not None:
                window.close()
        s.close()
        event.accept()
