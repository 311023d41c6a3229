"""Windows sized for the screen they open on.

A window asks for the size it would like; on a small screen (1280×720, or
1920×1080 at 150 %) it gets what the screen has room for, with space left
for the title bar and the system's panels, and it is moved back on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for a window frame and title bar around the client area.
FRAME_WIDTH = 16
FRAME_HEIGHT = 40


def available(widget: QWidget) -> QRect:
    """The part of the widget's screen (else the primary screen) windows may use."""
    parent = widget.parentWidget()
    screen = (parent.screen() if parent is not None else None) or widget.screen() \
        or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to `width`×`height`, or less on a screen too small for it."""
    room = available(widget)
    widget.resize(min(width, room.width() - FRAME_WIDTH),
                  min(height, room.height() - FRAME_HEIGHT))
    keep_on_screen(widget)


def keep_on_screen(widget: QWidget) -> None:
    """Move a top-level window so its frame lies within the available screen."""
    room = available(widget)
    frame = widget.frameGeometry()
    x = min(max(frame.x(), room.left()), max(room.left(), room.right() - frame.width() + 1))
    y = min(max(frame.y(), room.top()), max(room.top(), room.bottom() - frame.height() + 1))
    if (x, y) != (frame.x(), frame.y()):
        widget.move(QPoint(x, y))
