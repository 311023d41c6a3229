"""The child process of the cold-start and memory benchmarks (`bench/run.py`).

    python bench/probe.py cold|memory DRAFT

Starts the GUI as `main.py DRAFT` does and reports the first paint; it
imports nothing from the benchmark suite, only what `main.py` imports plus
the paint watcher.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def probe(mode: str, draft: str) -> int:
    """Child process: start the GUI as `main.py DRAFT` does and report the first paint.

    Prints "PAINTED <epoch seconds>" after the first paint of the main
    window, then (mode "memory") shows the biggest section and prints
    "RSS <kB>". Imports only what `main.py` imports, plus the paint watcher.
    """
    import faulthandler
    import time

    faulthandler.dump_traceback_later(60, exit=True)  # a stuck child must not stall the run
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    import ui.app as app_module

    state: dict[str, object] = {"painted": False}

    class PaintWatch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not state["painted"]:
                window = getattr(obj, "window", None)
                if window is not None and type(window()).__name__ == "MainWindow":
                    state["painted"] = True
                    # Runs once the whole paint pass of the window is done.
                    QTimer.singleShot(0, done)
            return False

    def done() -> None:
        print(f"PAINTED {time.time():.6f}", flush=True)
        app = QApplication.instance()
        windows = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"]
        if mode == "memory" and windows:
            import resource

            win = windows[0]
            biggest = max(win.session.letter.sections, key=lambda s: s.word_count())
            win.go_to_step(biggest.id)
            for _ in range(5):
                app.processEvents()  # type: ignore[union-attr]
            win.editor.viewport().repaint()
            # VmHWM is this process's own peak. ru_maxrss is not, here: Linux
            # carries the parent's peak into a child across fork/vfork + exec,
            # so a child of a big benchmark process would report the parent's size.
            status = Path("/proc/self/status").read_text()
            hwm = next((int(ln.split()[1]) for ln in status.splitlines()
                        if ln.startswith("VmHWM:")), 0)
            maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(f"RSS {hwm or maxrss} {maxrss}", flush=True)
        for w in windows:
            w.close()
        app.quit()  # type: ignore[union-attr]

    watch = PaintWatch()
    original = app_module.ensure_app

    def ensure_app(argv: list[str] | None = None) -> QApplication:
        app = original(argv)
        app.installEventFilter(watch)
        QTimer.singleShot(30_000, app.quit)  # never hang the benchmark
        return app

    app_module.ensure_app = ensure_app  # type: ignore[assignment]
    import main

    return main.main([draft])


if __name__ == "__main__":
    raise SystemExit(probe(sys.argv[1], sys.argv[2]))
