"""How long typed work stays unsaved while a writer keeps typing: the
autosave window of `ui/session.py`, measured in the real main window typed
into for 12 s like a writer (seven keys a second, a breath after each word)
and, in a full run, 17 s without any gap. Takes the running `Suite`
(`bench/run.py`)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from common import Measure, wrap_calls

if TYPE_CHECKING:
    from run import Suite


def bench_unsaved_typing(suite: Suite) -> None:
    """How long typed work stays unsaved while the writer keeps typing.

    A writer at about seven keys a second with a short breath after each
    word, then (full run only) a machine typing with no gap at all. At each
    keystroke the age of the oldest unsaved change is taken; the figure is
    the longest. Autosaves inside a keystroke are counted as in `keys`.
    """
    from PySide6.QtTest import QTest

    from ui import session as session_module

    app = suite.app()
    typists = [("words", 0.08, 0.35, suite.n(12.0, 7.0))]
    if not suite.quick:
        typists.append(("no_gap", 0.05, 0.0, session_module.HARD_AUTOSAVE_SECONDS + 2))
    for name, key_gap, word_pause, seconds in typists:
        with suite.window("50p") as window:
            editor, session = window.editor, window.session
            editor.setFocus()
            inside = {"on": False, "count": 0}

            def count(inside: dict[str, Any] = inside) -> None:
                if inside["on"]:
                    inside["count"] += 1

            wrap_calls(session.store, "autosave", count)
            ages: list[float] = []
            started = time.perf_counter()
            i = 0
            while time.perf_counter() - started < seconds:
                inside["on"] = True
                QTest.keyClick(editor, "e" if i % 6 != 5 else " ")
                inside["on"] = False
                if session.dirty:
                    ages.append((time.monotonic() - session._dirty_since) * 1000)
                pause = word_pause if i % 6 == 5 and word_pause else key_gap
                until = time.perf_counter() + pause
                while time.perf_counter() < until:
                    app.processEvents()
                    time.sleep(0.005)
                i += 1
            limit = (session_module.MAX_AUTOSAVE_SECONDS + 1 if word_pause
                     else session_module.HARD_AUTOSAVE_SECONDS + 1) * 1000
            suite.add(Measure(f"unsaved_typing_{name}",
                             f"longest unsaved typing ({name.replace('_', ' ')}), 50 p",
                             "ms", [max(ages or [0.0])], limit, stat="median",
                             extra={"keys": i}))
            suite.add(Measure(f"autosave_in_keystroke_{name}",
                             f"autosaves during a keystroke ({name.replace('_', ' ')})",
                             "calls", [float(inside["count"])], 0))
