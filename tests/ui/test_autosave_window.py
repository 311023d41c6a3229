"""How much typing a crash can cost: seconds, and no save inside a keystroke."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtGui import QTextCursor

from ui import session as session_module


def _start_typing(window: Any, section: str = "rotation") -> None:
    window.go_to_step(section)
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)


def _count_saves(session: Any) -> list[float]:
    saves: list[float] = []
    session.autosaved.connect(lambda _rev: saves.append(time.monotonic()))
    return saves


def _key(qtbot: Any, window: Any, saves: list[float], char: str) -> None:
    """One keystroke; fails if an autosave ran while the key was being handled."""
    before = len(saves)
    qtbot.keyClick(window.editor, char)
    assert len(saves) == before, "autosaved inside a keystroke"


def test_the_loss_window_is_seconds() -> None:
    assert session_module.IDLE_AUTOSAVE_MS <= 1000
    assert session_module.MAX_AUTOSAVE_SECONDS <= 5
    assert session_module.HARD_AUTOSAVE_SECONDS <= 15


def test_continuous_typing_is_saved_at_the_first_short_gap(qtbot: Any, make_window: Any,
                                                          empty_path: Any) -> None:
    window = make_window(empty_path)
    session = window.session
    session._autosave_timer.setInterval(60_000)  # no idle pause in this test
    session.max_autosave_seconds = 0.3
    session._gap_timer.setInterval(120)
    saves = _count_saves(session)
    _start_typing(window)
    started = time.monotonic()
    while time.monotonic() - started < 0.6:  # keys 30 ms apart: no gap yet
        _key(qtbot, window, saves, "a")
        qtbot.wait(30)
    assert saves == []
    qtbot.waitUntil(lambda: bool(saves), timeout=1000)  # the writer draws breath
    assert saves[0] - started < 0.6 + 0.5
    assert not session.dirty
    revision = session.store.revisions()[-1]
    assert revision.kind == "autosave"


def test_typing_without_any_gap_is_saved_between_two_keys(qtbot: Any, make_window: Any,
                                                          empty_path: Any) -> None:
    window = make_window(empty_path)
    session = window.session
    session._autosave_timer.setInterval(60_000)
    session.max_autosave_seconds = 0.2
    session.hard_autosave_seconds = 0.5
    session._gap_timer.setInterval(60_000)  # never a long enough gap
    saves = _count_saves(session)
    _start_typing(window)
    started = time.monotonic()
    while time.monotonic() - started < 1.0:
        _key(qtbot, window, saves, "b")
        qtbot.wait(20)
    assert saves, "no autosave during a second of typing"
    assert saves[0] - started < 0.5 + 0.2


def test_a_pause_saves_after_a_second(qtbot: Any, make_window: Any, empty_path: Any) -> None:
    window = make_window(empty_path)
    session = window.session
    saves = _count_saves(session)
    _start_typing(window)
    for char in "Gao":
        _key(qtbot, window, saves, char)
    typed = time.monotonic()
    qtbot.waitUntil(lambda: bool(saves), timeout=3000)
    assert 0.9 <= saves[0] - typed < 2.0
    assert session.letter.section("rotation").blocks[0].text == "Gao"
    assert window.status.saved_label.text().startswith(("Autosaved", "Saved"))
