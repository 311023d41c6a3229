"""What the main window says about the draft at a glance: the title (with "•"
for unsaved work), the save status and History button in the status bar, and
the word counts of the section shown and of the whole letter.

Held by `MainWindow` as `window.status`; it redraws on the session's signals,
which the window connects to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QLabel, QToolButton

from drafting.i18n import _
from drafting.storage.store import Revision

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class WindowStatus(QObject):
    """The title, the save status and the word counts of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.saved_label = QLabel(window)
        self.total_label = QLabel(window)
        # History is one click from where saving is confirmed.
        self.history_button = QToolButton(window)
        self.history_button.setAutoRaise(True)
        self.history_button.setObjectName("history_button")
        bar = window.statusBar()
        bar.addPermanentWidget(self.total_label)
        bar.addPermanentWidget(self.saved_label)
        bar.addPermanentWidget(self.history_button)
        self.history_button.clicked.connect(lambda _c=False: window.files.open_history())
        self._last_revision: Revision | None = None  # the last save or autosave
        self._words_timer = QTimer(self, singleShot=True, interval=150)
        self._words_timer.timeout.connect(self.update_words)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.saved_label.setAccessibleName(_("Save status"))
        self.total_label.setAccessibleName(_("Words in the letter"))
        self.history_button.setText(_("History…"))
        self.history_button.setToolTip(_("Every revision of this draft: read, compare or "
                                         "restore one (Ctrl+Shift+H)"))
        self.history_button.setAccessibleName(_("History"))

    @Slot(str)
    def on_section_changed(self, _section_id: str) -> None:
        self._words_timer.start()  # counted once typing pauses, not per key
        if not self.window.windowTitle().startswith("•"):
            self.update_title()

    @Slot()
    def update_words(self) -> None:
        editor, session = self.window.editor, self.session
        sid = editor.section_id
        if sid in session.editable_ids():
            words = sum(b.word_count() for b in session.blocks(sid))
            try:
                budget = session.template.section(sid).budget
            except KeyError:
                budget = 0
            self.window.words_label.setText(
                _("{words} of {budget} words").format(words=words, budget=budget) if budget
                else _("{words} words").format(words=words))
        self.total_label.setText(_("Letter: {words} words").format(
            words=session.letter.word_count()))

    @Slot(object)
    def on_saved(self, revision: Revision) -> None:
        """A revision saved by name: said so, for long enough to be read."""
        self.update_saved(revision)
        self.window.statusBar().showMessage(_(
            "Revision “{name}” saved. History (Ctrl+Shift+H) lists every revision; open one "
            "to read, compare or restore it.").format(name=revision.name), 15000)

    @Slot()
    def update_saved(self, revision: Revision | None = None) -> None:
        if isinstance(revision, Revision):
            self._last_revision = revision
        session = self.session
        when = session.last_saved
        last = self._last_revision
        if session.read_only:
            text = _("Read-only")
        elif when is None:
            text = _("Not saved in this session")
        elif last is not None and last.kind != "autosave":
            text = _("Revision “{name}” saved at {time}").format(
                name=last.name, time=when.astimezone().strftime("%H:%M"))
        else:
            text = _("Autosaved at {time}").format(time=when.astimezone().strftime("%H:%M:%S"))
        self.saved_label.setText(text)
        self.retranslate_ui()
        self.update_title()

    @Slot()
    def update_title(self, *_args: Any) -> None:
        session = self.session
        try:
            clean = session.undo_stack.isClean()
        except RuntimeError:  # the session is being torn down with the window
            return
        title = session.title()
        if session.read_only:
            title += " " + _("(read-only)")
        elif session.dirty or not clean:
            title = "• " + title
        self.window.setWindowTitle(f"{title} — Missive")
