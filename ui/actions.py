"""The main window's actions, menus and toolbar.

Every command has a menu entry and a keyboard shortcut (the toolbar repeats
the frequent ones), so the whole window works without a mouse.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QToolBar

from drafting.i18n import _, ngettext
from ui.about_dialog import show_about
from ui.editor_menu import CONFIRM_CARRIED_SHORTCUT
from ui.section_editor import CONFIRM_SECTION_CARRIED_SHORTCUT
from ui.undo_actions import UndoActions

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Shortcut = QKeySequence.StandardKey | str | None


def _action(window: MainWindow, text: str, slot: Callable[[], Any], shortcut: Shortcut = None,
            tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_actions(w: MainWindow) -> dict[str, QAction]:
    """Create the actions, fill the menu bar and the toolbar; returns them by name."""
    s = w.session
    e = w.editor
    a: dict[str, QAction] = {}
    a["new"] = _action(w, _("&New…"), w.files.new_draft, QKeySequence.StandardKey.New,
                       _("A new draft from a template (Ctrl+N)"))
    a["new_from_previous"] = _action(
        w, _("New from &previous letter…"), w.files.new_from_previous, "Ctrl+Shift+N",
        _("Start this period's draft from the previous letter (Ctrl+Shift+N)"))
    a["open"] = _action(w, _("&Open…"), w.files.open_draft, QKeySequence.StandardKey.Open)
    a["compare"] = _action(w, _("Co&mpare versions…"), w.files.compare, "Ctrl+Alt+D",
                           _("Compare revisions, the current text or another file"))
    a["merge"] = _action(w, _("Merge a cop&y…"), w.files.merge_copy, "Ctrl+Alt+M",
                         _("Merge another copy of this draft (from a colleague, a USB stick) "
                           "into it"))
    a["conflicts"] = _action(w, _("Resolve merge confl&icts…"), w.files.show_conflicts,
                             tip=_("Each conflict of the last merges, side by side"))
    a["recover"] = _action(w, _("Reco&ver…"), w.files.recover, tip=_(
        "Every version and backup copy of this draft, even damaged ones"))
    a["recover_other"] = _action(w, _("Recover another dra&ft…"), w.files.recover_other)
    a["templates"] = _action(w, _("&Edit templates…"), w.files.edit_templates)
    a["confirm_carried"] = _action(
        w, _("Confirm carried para&graph"), _confirm_carried(w), CONFIRM_CARRIED_SHORTCUT,
        _("The paragraph under the cursor, carried over from the previous letter, "
          "still holds for this period"))
    a["confirm_section_carried"] = _action(
        w, _("Confirm all carried text in this sec&tion"), _confirm_section_carried(w),
        CONFIRM_SECTION_CARRIED_SHORTCUT)
    a["save"] = _action(w, _("&Save revision…"), w.files.save_revision,
                        QKeySequence.StandardKey.Save,
                        _("Keep this state of the draft as a named revision, listed in History "
                          "(Ctrl+S)"))
    a["save"].setShortcuts([QKeySequence(QKeySequence.StandardKey.Save),
                            QKeySequence("Ctrl+Shift+S")])
    a["export"] = _action(w, _("&Export…"), w.files.open_export, "Ctrl+E",
                          _("Export the letter as a DOCX (Ctrl+E)"))
    a["history"] = _action(w, _("&History…"), w.files.open_history, "Ctrl+Shift+H")
    a["bring_in_review"] = _action(
        w, _("&Bring in a reviewed copy…"), w.reviews.open_dialog, "Ctrl+Shift+R",
        _("A DOCX back from clearance: its changes and comments come in as suggestions "
          "(Ctrl+Shift+R)"))
    a["close"] = _action(w, _("&Close"), w.close, QKeySequence.StandardKey.Close)
    undo = UndoActions(s.undo_stack, w)
    a.update(undo.actions)
    for name in ("undo", "redo"):
        w.addAction(a[name])
    a["cut"] = _action(w, _("Cu&t"), lambda: _clipboard(w, "cut"), QKeySequence.StandardKey.Cut,
                       _("Move the selected text to the clipboard (Ctrl+X)"))
    a["copy"] = _action(w, _("&Copy"), lambda: _clipboard(w, "copy"),
                        QKeySequence.StandardKey.Copy,
                        _("Copy the selected text to the clipboard (Ctrl+C)"))
    a["paste"] = _action(w, _("&Paste"), lambda: _clipboard(w, "paste"),
                         QKeySequence.StandardKey.Paste,
                         _("Insert the clipboard's text at the cursor (Ctrl+V)"))
    a["find"] = _action(w, _("&Find and replace…"), w.files.open_find, QKeySequence.StandardKey.Find)
    a["replace_shortcut"] = _action(w, _("Find and replace…"), w.files.open_find, "Ctrl+H")
    a["bold"] = _action(w, _("&Bold"), e.toggle_bold, QKeySequence.StandardKey.Bold)
    a["italic"] = _action(w, _("&Italic"), e.toggle_italic, QKeySequence.StandardKey.Italic)
    a["bullets"] = _action(w, _("Bulleted &list"), e.toggle_bullets, "Ctrl+Shift+L")
    a["subheading"] = _action(w, _("&Subheading"), e.toggle_subheading, "Ctrl+Alt+2")
    a["boilerplate"] = _action(w, _("Insert &standard text"), w.insert_boilerplate)
    a["previous"] = _action(w, _("&Previous step"), lambda: w.step_offset(-1), "Ctrl+PgUp")
    a["next"] = _action(w, _("&Next step"), lambda: w.step_offset(1), "Ctrl+PgDown")
    a["details"] = _action(w, _("Letter &details"), lambda: w.show_step("details"), "Ctrl+1")
    a["review"] = _action(w, _("&Review and export"), lambda: w.show_step("review"), "Ctrl+0")
    a["focus_steps"] = _action(w, _("Go to the steps list"),
                               lambda: w.navigator.list_view.setFocus(), "F6")
    a["focus_guidance"] = _action(w, _("Go to the guidance"), _focus_guidance(w), "F7")
    a["focus_findings"] = _action(w, _("Go to the findings"), _focus_findings(w), "F8")
    a["preferences"] = _action(w, _("&Preferences…"), w.open_preferences,
                               QKeySequence.StandardKey.Preferences)
    a["about"] = _action(w, _("&About Missive"), lambda: show_about(w))
    a["about"].setMenuRole(QAction.MenuRole.AboutRole)  # macOS: the application menu
    a["spelling"] = QAction(_("Check &spelling"), w)
    a["spelling"].setCheckable(True)
    a["spelling"].setChecked(w.settings.spelling_enabled())
    a["spelling"].toggled.connect(w.set_spelling_enabled)
    # History stays open to a read-only window: viewing and comparing write nothing.
    for name in ("bold", "italic", "bullets", "subheading", "boilerplate", "save",
                 "confirm_carried", "confirm_section_carried", "merge", "bring_in_review"):
        a[name].setEnabled(not s.read_only)

    bar = w.menuBar()
    file_menu = bar.addMenu(_("&File"))
    for name in ("new", "new_from_previous", "open"):
        file_menu.addAction(a[name])
    recent = file_menu.addMenu(_("Open &recent"))
    recent.aboutToShow.connect(lambda: _fill_recent(w, recent))
    w.recent_menu = recent
    file_menu.addSeparator()
    for name in ("save", "history", "compare", "merge", "conflicts", "export",
                 "bring_in_review"):
        file_menu.addAction(a[name])
    file_menu.addSeparator()
    for name in ("recover", "recover_other"):
        file_menu.addAction(a[name])
    file_menu.addSeparator()
    file_menu.addAction(a["close"])
    edit_menu = bar.addMenu(_("&Edit"))
    for name in ("undo", "redo"):
        edit_menu.addAction(a[name])
    edit_menu.addSeparator()
    for name in ("cut", "copy", "paste"):
        edit_menu.addAction(a[name])
    edit_menu.addSeparator()
    edit_menu.addAction(a["find"])
    edit_menu.addSeparator()
    edit_menu.addAction(a["confirm_carried"])
    edit_menu.addAction(a["confirm_section_carried"])
    edit_menu.addSeparator()
    edit_menu.addAction(a["preferences"])
    format_menu = bar.addMenu(_("F&ormat"))
    for name in ("bold", "italic", "bullets", "subheading", "boilerplate"):
        format_menu.addAction(a[name])
    go_menu = bar.addMenu(_("&Go"))
    for name in ("previous", "next", "details", "review", "focus_steps", "focus_guidance",
                 "focus_findings"):
        go_menu.addAction(a[name])
    view_menu = bar.addMenu(_("&View"))
    view_menu.addAction(w.guidance_dock.toggleViewAction())
    view_menu.addAction(w.findings_dock.toggleViewAction())
    view_menu.addAction(w.reviews.suggestions_dock.toggleViewAction())
    view_menu.addAction(w.reviews.comments_dock.toggleViewAction())
    view_menu.addAction(a["spelling"])
    templates_menu = bar.addMenu(_("&Templates"))
    templates_menu.addAction(a["templates"])
    help_menu = bar.addMenu(_("&Help"))
    help_menu.addAction(a["about"])

    toolbar = QToolBar(_("Main toolbar"), w)
    toolbar.setObjectName("main_toolbar")
    toolbar.setAccessibleName(_("Main toolbar"))
    layout: tuple[str | None, ...] = ("previous", "next", None, "undo_bar", "redo_bar", None,
                                      "bold",
                                      "italic", "bullets", "subheading", None, "save", "export",
                                      "find")
    for item in layout:
        if item is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(a[item])
    w.addToolBar(toolbar)
    return a


def _clipboard(w: MainWindow, operation: str) -> None:
    """Cut, copy or paste in the widget that has the keyboard (the text, a field).

    Text boxes answer the shortcuts themselves; the menu entries reach them
    here. Cutting and pasting in the section text are edits like typing.
    """
    target = QApplication.focusWidget()
    if target is None or target.window() is not w:
        target = w.editor
    method = getattr(target, operation, None)
    if callable(method):
        method()


def _confirm_carried(w: MainWindow) -> Callable[[], None]:
    def confirm() -> None:
        if w.current_step() not in w.session.letter.section_ids():
            return
        if not w.editor.confirm_carried_here():
            w.statusBar().showMessage(
                _("The cursor is not in a paragraph carried over from the previous letter."),
                8000)
    return confirm


def _confirm_section_carried(w: MainWindow) -> Callable[[], None]:
    def confirm() -> None:
        if w.current_step() not in w.session.letter.section_ids():
            return
        n = w.editor.confirm_section_carried()
        w.statusBar().showMessage(ngettext(
            "{n} carried paragraph confirmed.", "{n} carried paragraphs confirmed.", n
        ).format(n=n), 8000)
    return confirm


def _focus_guidance(w: MainWindow) -> Callable[[], None]:
    def focus() -> None:
        w.guidance_dock.show()
        w.guidance_panel.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return focus


def _focus_findings(w: MainWindow) -> Callable[[], None]:
    def focus() -> None:
        w.findings_dock.show()
        w.findings_panel.tree.setFocus()
    return focus


def _fill_recent(w: MainWindow, menu: QMenu) -> None:
    menu.clear()
    files = w.settings.recent_files()
    for path in files:
        action = menu.addAction(Path(path).name)
        action.setToolTip(path)
        action.triggered.connect(lambda _c=False, p=path: w.open_path and w.open_path(p))
    if not files:
        empty = menu.addAction(_("(none)"))
        empty.setEnabled(False)
