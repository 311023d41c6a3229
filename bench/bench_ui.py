"""GUI benchmarks on a ~50-page draft: keystroke-to-repaint latency with live
checks, autosave time, cold start to the first painted window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui.py [--keys N] [--json]

Keystroke latency is measured from the key event to the end of a synchronous
repaint of the editor's viewport (conversion to blocks, undo command,
highlighting, layout and paint). The live check runs after a 300 ms pause in
typing; its time is reported alone and added to a keystroke, which is what
the writer feels when the check fires right as the next key arrives.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafting.letter import Letter, new_id  # noqa: E402

WORDS_PER_PAGE = 600  # a UN letter page (Times 10 pt on 12 pt lines)


def long_letter(pages: float) -> Letter:
    """The English sample letter, its paragraphs repeated to ~`pages` pages.

    Real prose with placeholders, symbols and lists, so the highlighter and
    the checks do the work they do on a real draft.
    """
    from dataclasses import replace

    from drafting import paths

    data = json.loads((paths.samples_dir() / "minusma-six-monthly.en.json").read_text("utf-8"))
    letter = Letter.from_dict(data)
    originals = {s.id: list(s.blocks) for s in letter.sections}
    target = int(pages * WORDS_PER_PAGE)
    while letter.word_count() < target:
        for section in letter.sections:
            if section.id == "opening":
                continue
            section.blocks.extend(replace(b, id=new_id()) for b in originals[section.id])
    return letter


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)

CHILD = r"""
import os, sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QTimer
from ui.app import ensure_app, open_session, QuietPrompter
from ui.main_window import MainWindow
from ui.settings import Settings
app = ensure_app()
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("PAINTED", time.time(), flush=True)
            session.close()  # releases the draft's lock
            os._exit(0)  # only the first paint matters; skip teardown
        return False
session = open_session({draft!r}, QuietPrompter())
window = MainWindow(session, Settings({ini!r}), QuietPrompter(), restore_layout=False)
window.go_to_step("security")
watch = Painted()
window.editor.viewport().installEventFilter(watch)
window.show()
QTimer.singleShot(20000, app.quit)
app.exec()
session.close()
"""


def _stats(values: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(values, 50), 2), "p95": round(percentile(values, 95), 2),
            "max": round(max(values), 2), "n": len(values)}


def cold_start(draft: Path, runs: int, folder: Path) -> list[float]:
    """Milliseconds from spawning Python to the first paint of the editor."""
    script = folder / "child.py"
    script.write_text(CHILD.format(root=str(ROOT), draft=str(draft),
                                   ini=str(folder / "child.ini")), encoding="utf-8")
    out: list[float] = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for _ in range(runs):
        t0 = time.time()
        try:
            proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                                  env=env, timeout=60)
        except subprocess.TimeoutExpired as exc:
            print("cold start timed out:", exc.stdout, exc.stderr, file=sys.stderr)
            continue
        painted = [ln for ln in proc.stdout.splitlines() if ln.startswith("PAINTED")]
        if painted:
            out.append((float(painted[0].split()[1]) - t0) * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--pages", type=float, default=50)
    parser.add_argument("--runs", type=int, default=5, help="cold starts and autosaves")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from drafting.storage.store import DraftStore
    from ui.app import QuietPrompter, ensure_app, open_session
    from ui.main_window import MainWindow
    from ui.settings import Settings

    app = ensure_app()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["MISSIVE_DATA_DIR"] = str(folder / "data")
        letter = long_letter(args.pages)
        draft = folder / "long.missive"
        DraftStore.create(draft, letter).close()
        results["letter"] = {"words": letter.word_count(), "pages": args.pages}

        session = open_session(draft, QuietPrompter())
        session._autosave_timer.setInterval(3_600_000)  # autosave is timed on its own
        window = MainWindow(session, Settings(folder / "s.ini"), QuietPrompter(),
                            restore_layout=False)
        window.resize(1400, 900)
        window.show()
        biggest = max(session.letter.sections, key=lambda s: s.word_count())
        window.go_to_step(biggest.id)
        results["section"] = {"id": biggest.id, "words": biggest.word_count()}
        editor = window.editor
        cursor = editor.textCursor()
        cursor.setPosition(editor.document().characterCount() // 2)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfWord)
        editor.setTextCursor(cursor)
        editor.setFocus()
        app.processEvents()

        keys: list[float] = []
        for i in range(args.keys):
            key = Qt.Key.Key_Space if i % 6 == 5 else Qt.Key.Key_A
            t0 = time.perf_counter()
            QTest.keyClick(editor, key)
            editor.viewport().repaint()
            keys.append((time.perf_counter() - t0) * 1000)
        results["keystroke_ms"] = _stats(keys)

        checks: list[float] = []
        combined: list[float] = []
        for _ in range(40):
            t0 = time.perf_counter()
            QTest.keyClick(editor, Qt.Key.Key_B)
            editor.viewport().repaint()
            t1 = time.perf_counter()
            session.check_now()  # what the debounce timer runs after a pause
            app.processEvents()  # panels redraw from findings_changed
            t2 = time.perf_counter()
            checks.append((t2 - t1) * 1000)
            combined.append((t2 - t0) * 1000)
        results["live_check_ms"] = _stats(checks)
        results["keystroke_plus_check_ms"] = _stats(combined)

        saves: list[float] = []
        for _ in range(max(3, args.runs)):
            QTest.keyClick(editor, Qt.Key.Key_C)
            t0 = time.perf_counter()
            session.autosave()
            saves.append((time.perf_counter() - t0) * 1000)
        results["autosave_ms"] = _stats(saves)
        session.close()
        window.deleteLater()
        app.processEvents()

        results["cold_start_ms"] = _stats(cold_start(draft, args.runs, folder) or [float("nan")])

    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"Draft: {results['letter']['words']} words (~{args.pages:g} pages); typing in "
              f"'{results['section']['id']}' ({results['section']['words']} words)")
        for key, label in (("keystroke_ms", "keystroke → repaint"),
                           ("live_check_ms", "live check (changed section)"),
                           ("keystroke_plus_check_ms", "keystroke + check firing"),
                           ("autosave_ms", "autosave"),
                           ("cold_start_ms", "cold start → first paint")):
            s = results[key]
            print(f"  {label:<30} p50 {s['p50']:8.1f} ms   p95 {s['p95']:8.1f} ms   "
                  f"max {s['max']:8.1f} ms   (n={s['n']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
