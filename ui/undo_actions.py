"""Undo and redo as actions: the Edit menu's, which name the step, and the
toolbar's, which keep a short fixed label so the toolbar never moves.

The texts are made here from the stack's step texts, in the interface
language of the moment (the main window rebuilds its actions after a
switch and the session retranslates the steps), rather than by Qt's
`createUndoAction`, whose prefix would stay in the language it was made in.
Redo answers Ctrl+Y as well as Ctrl+Shift+Z on every platform: the guide
promises both, and Linux desktops bind only one of them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

from drafting.i18n import _

REDO_KEYS = ("Ctrl+Y", "Ctrl+Shift+Z")


def key_list(*keys: str) -> list[QKeySequence]:
    """The distinct non-empty key sequences among `keys`, in order."""
    seen: list[QKeySequence] = []
    for key in keys:
        sequence = QKeySequence(key)
        if not sequence.isEmpty() and sequence not in seen:
            seen.append(sequence)
    return seen


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Y, Ctrl+Shift+Z and whatever the platform calls Redo."""
    platform = [k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
    return key_list(*REDO_KEYS, *platform)


class UndoActions(QObject):
    """The four undo/redo actions of a window, kept in step with `stack`.

    `actions` maps "undo" and "redo" (menu, with shortcuts) and "undo_bar"
    and "redo_bar" (toolbar, no shortcuts of their own).
    """

    def __init__(self, stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(parent)
        self.stack = stack
        self.undo_action = QAction(parent)
        self.undo_action.setShortcuts(key_list("Ctrl+Z", *(
            k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))))
        self.redo_action = QAction(parent)
        self.redo_action.setShortcuts(redo_keys())
        self.undo_bar = QAction(parent)
        self.redo_bar = QAction(parent)
        for action in (self.undo_action, self.undo_bar):
            action.triggered.connect(stack.undo)
        for action in (self.redo_action, self.redo_bar):
            action.triggered.connect(stack.redo)
        # This object goes with the menu action: connections to the stack die with it.
        self.setParent(self.undo_action)
        stack.indexChanged.connect(self.update)
        stack.cleanChanged.connect(self.update)
        self.actions = {"undo": self.undo_action, "redo": self.redo_action,
                        "undo_bar": self.undo_bar, "redo_bar": self.redo_bar}
        self.update()

    @Slot()
    def update(self) -> None:
        """Texts, tooltips and enabled states from the stack."""
        try:
            undo_text, redo_text = self.stack.undoText(), self.stack.redoText()
        except RuntimeError:  # the stack goes first when a window closes
            return
        self.undo_action.setText(_("&Undo {step}").format(step=undo_text) if undo_text
                                 else _("&Undo"))
        self.redo_action.setText(_("&Redo {step}").format(step=redo_text) if redo_text
                                 else _("&Redo"))
        self.undo_bar.setText(_("Undo"))
        self.redo_bar.setText(_("Redo"))
        undo_tip = (_("Undo: {step} (Ctrl+Z)").format(step=undo_text) if undo_text
                    else _("Nothing to undo"))
        redo_tip = (_("Redo: {step} (Ctrl+Y)").format(step=redo_text) if redo_text
                    else _("Nothing to redo"))
        for action, tip, enabled in ((self.undo_action, undo_tip, self.stack.canUndo()),
                                     (self.undo_bar, undo_tip, self.stack.canUndo()),
                                     (self.redo_action, redo_tip, self.stack.canRedo()),
                                     (self.redo_bar, redo_tip, self.stack.canRedo())):
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.setEnabled(enabled)
