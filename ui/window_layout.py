"""How the main window is laid out and remembered: the list of steps keeps a
readable width on a small screen, the review step hides the side panels to
give the coverage map room, and the layout is saved and restored with the
writer's settings.

Held by `MainWindow` as `window.layout_keeper`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QDockWidget

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# The steps list keeps this many average characters of width, if the text
# beside it keeps MIN_TEXT_WIDTH pixels.
STEPS_CHARS = 30
STEPS_WIDTH = 290
MIN_TEXT_WIDTH = 380


class WindowLayout(QObject):
    """The splitter, the docks hidden for the review step, saved layouts."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._hidden_docks: list[QDockWidget] | None = None
        window.splitter.setSizes([STEPS_WIDTH, 700])
        window.splitter.installEventFilter(self)

    def set_review(self, review: bool) -> None:
        # The coverage map needs the width; the review page lists the blockers itself.
        w = self.window
        if review and self._hidden_docks is None:
            docks = (w.guidance_dock, w.findings_dock, w.reviews.suggestions_dock,
                     w.reviews.comments_dock)
            self._hidden_docks = [d for d in docks if d.isVisible() or not w.isVisible()]
            for d in self._hidden_docks:
                d.hide()
        elif not review and self._hidden_docks is not None:
            for d in self._hidden_docks:
                d.show()
            self._hidden_docks = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window.splitter and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._keep_steps_readable)
        return super().eventFilter(watched, event)

    @Slot()
    def _keep_steps_readable(self) -> None:
        # On a small screen the panels on the right take their minimum and the
        # middle is shared: the steps keep room for a heading's first words,
        # the text the rest (when there is room for both).
        sizes = self.window.splitter.sizes()
        if len(sizes) != 2:
            return
        total = sum(sizes)
        least = self.window.fontMetrics().averageCharWidth() * STEPS_CHARS
        if sizes[0] >= least and sizes[1] >= MIN_TEXT_WIDTH:
            return  # a layout the writer can work in (perhaps their own): left alone
        # A third of the middle, between a readable list and the list's usual width.
        steps = max(least, min(STEPS_WIDTH, total * 3 // 10))
        if total >= steps + MIN_TEXT_WIDTH:
            self.window.splitter.setSizes([steps, total - steps])

    def restore(self) -> None:
        geometry = self.window.settings.window_geometry()
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        state = self.window.settings.window_state()
        if state is not None:
            self.window.restoreState(state)
        splitter = self.window.settings.splitter_state()
        if splitter is not None:
            self.window.splitter.restoreState(splitter)

    def save(self) -> None:
        self.set_review(False)  # save the docks as the writer arranged them
        self.window.settings.set_window_geometry(self.window.saveGeometry())
        self.window.settings.set_window_state(self.window.saveState())
        self.window.settings.set_splitter_state(self.window.splitter.saveState())
        self.window.settings.sync()
