"""`MISSIVE_PROBE_PAINT=1`: report the first paint of a main window, then quit.

For `make bench` only (bench/run.py, group "bundle"): the desktop bundle cannot
import the benchmark's own paint watcher, so the cold start of
`dist/missive/missive DRAFT` is timed through this hook. When the variable is
set, the first main window to finish painting prints "PAINTED <epoch
seconds>" on stdout and the application closes its windows and quits. Unset
(always, for writers) it costs one environment lookup per window.
"""

from __future__ import annotations

import os
import time

from PySide6.QtWidgets import QApplication, QMainWindow

ENV = "MISSIVE_PROBE_PAINT"


def requested() -> bool:
    return bool(os.environ.get(ENV))


def report() -> None:
    """Print the paint time and quit; run once the window's paint pass is over."""
    print(f"PAINTED {time.time():.6f}", flush=True)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow):
            widget.close()
    app = QApplication.instance()
    if app is not None:
        app.quit()
