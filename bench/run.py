"""Missive's benchmark suite: every interaction a writer feels, in one run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run.py [--quick] [--only GROUP ...]

Prints a table (median and p95 beside each target) and writes
`bench/results.json`; exits 1 when a target is missed by more than the noise
margin (20 %). The 50- and 200-page letters are generated (`common.paged_letter`).

How each figure is taken:
- cold start: `python main.py DRAFT` as a subprocess (through `bench/probe.py`, which
  only adds a paint watcher to the QApplication); from spawning the process to
  the end of the first paint of the main window. Fresh process, warm disk cache.
- open: `ui.app.open_session` (DraftStore.open + load + template), then the
  main window built on it, showing the biggest section, until its first
  paint. Reported as parts and total. The first full check runs after that
  paint (the panels say "Checking…" until then); the time from the paint to
  its result is reported beside, without a target.
- keystroke: the real main window offscreen, cursor mid-way in the biggest
  section; `QTest.keyClick` on the editor, then `processEvents()` until the
  editor's viewport has received its Paint event (an event filter counts
  them; keystrokes that never painted are listed as `unpainted`). Live checks are
  on: typing comes in bursts of 25 keys with 0.4 s pauses, in which the
  debounced check fires as it does for a writer (its own time is reported).
  Autosave calls made while a keystroke is being handled are counted.
- autosave: `Session.autosave()` after one keystroke; typing unsaved: `typing_window.py`.
- full check and export: in-process, each run on a new letter of the same
  kind (another seed), so caches keyed on text start cold as after opening.
- export baselines: the same 50-page content, written by `baselines.py`.
- CLI ratio: `python main.py export` of a 47-page French letter made of the
  sample's written prose (`common.written_letter`: real typography, symbols
  and resolution references) against `python bench/baselines.py naive` on
  the same paragraphs, both subprocesses.
- bundle: the desktop bundle's cold start, `dist/missive/missive DRAFT` on
  the sample draft, beside `python main.py DRAFT` (the venv app) run the same
  way, interleaved. Both are timed through the app's own paint hook
  (`MISSIVE_PROBE_PAINT=1`, ui/paint_probe.py: "PAINTED <time>" after the
  first paint of the main window, then quit), since the bundle cannot import
  this file. Skipped, saying so, when `make bundle` has not been run.
- memory: a subprocess opens the 200-page draft in the window (biggest
  section shown, painted) and reports its peak RSS: VmHWM, because its
  `ru_maxrss` includes the parent's peak (Linux keeps it across exec);
  both are in results.json.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import processes  # noqa: E402
import typing_window  # noqa: E402
from common import (  # noqa: E402
    Clock,
    Measure,
    PaintCounter,
    biggest_section,
    letter_plain_blocks,
    machine_info,
    paged_letter,
    print_table,
    quiet_qt,
    ratio_measure,
    repeat_ms,
    sample_letter,
    timed_calls,
    wrap_calls,
    written_letter,
)

from drafting.letter import Letter  # noqa: E402
from drafting.storage.store import DraftStore  # noqa: E402
from drafting.templates.catalog import get_template  # noqa: E402

GROUPS = ("cold", "open", "check", "keys", "autosave", "export", "cli", "memory", "merge",
          "bundle")
BURST = 25  # keystrokes between pauses
PAUSE_S = 0.4  # longer than the session's 300 ms check debounce


class Suite:
    """Generates the letters once, runs the groups, reports."""

    def __init__(self, quick: bool = False, margin: float = 0.20) -> None:
        self.quick = quick
        self.margin = margin
        self.measures: list[Measure] = []
        self.tmp = Path(tempfile.mkdtemp(prefix="missive-bench-"))
        # Nothing the benchmark does may touch the real user's drafts or settings.
        os.environ["MISSIVE_DATA_DIR"] = str(self.tmp / "data")
        os.environ["MISSIVE_CONFIG_DIR"] = str(self.tmp / "config")
        self.template = get_template("minusma-six-monthly")
        self.letters: dict[str, Letter] = {}
        self.maxrss: list[float] = []  # ru_maxrss of the memory probes, MB
        self._app: Any = None

    def n(self, full: int, quick: int) -> int:
        return quick if self.quick else full

    # -- inputs -----------------------------------------------------------------
    def letter(self, name: str, variant: int = 0) -> Letter:
        """"sample", "<pages>p" (generated) or "<pages>w" (the sample's written
        prose repeated, `written_letter`), made once per run and variant.

        Variants are the same kind of letter from another seed: timing each
        run on new text keeps any cache keyed on text (word counts, symbol
        lookups) as cold as on a draft just opened.
        """
        key = f"{name}/{variant}"
        if key not in self.letters:
            if name == "sample":
                self.letters[key] = sample_letter("fr")
            elif name.endswith("w"):
                self.letters[key] = written_letter(float(name[:-1]), "fr")
            else:
                self.letters[key] = paged_letter(float(name.rstrip("p")), seed=2531 + variant)
        return self.letters[key]

    def variants(self, name: str, runs: int) -> list[Letter]:
        """Letters 1..runs of `name` (0 is the warm-up's), generated before any timing."""
        return [self.letter(name, v) for v in range(runs + 1)]

    def forget(self, name: str) -> None:
        """Drop the generated variants of `name` (memory for what follows)."""
        for key in [k for k in self.letters if k.startswith(f"{name}/") and k != f"{name}/0"]:
            del self.letters[key]

    def draft(self, name: str, copy: str = "", variant: int = 0) -> Path:
        """A .missive file holding letter `name` (`copy` makes a distinct file)."""
        path = self.tmp / f"{name}{copy}-{variant}.missive"
        if not path.exists():
            DraftStore.create(path, self.letter(name, variant), name="bench").close()
        return path

    def each_letter(self, name: str, runs: int, fn: Callable[[Letter], object]) -> Clock:
        """`fn` timed once on each of `runs` letter variants, after one warm-up."""
        letters = self.variants(name, runs)
        fn(letters[0])
        clock = Clock()
        for letter in letters[1:]:
            clock.time(lambda letter=letter: fn(letter))
        self.forget(name)
        return clock

    def add(self, m: Measure) -> Measure:
        self.measures.append(m)
        print(f"  {m.label}: median {m.median:.1f} {m.unit}, p95 {m.p95:.1f} {m.unit}",
              flush=True)
        return m

    # -- GUI plumbing -----------------------------------------------------------
    def app(self) -> Any:
        if self._app is None:
            from PySide6.QtCore import qInstallMessageHandler

            from ui.app import ensure_app

            qInstallMessageHandler(quiet_qt)
            self._app = ensure_app()
        return self._app

    @contextmanager
    def window(self, name: str) -> Iterator[Any]:
        """The main window on a fresh draft of `name`, biggest section shown and painted."""
        from ui.app import QuietPrompter, open_session
        from ui.main_window import MainWindow
        from ui.settings import Settings

        self.app()
        path = self.draft(name, copy=f"-w{time.monotonic_ns()}")
        session = open_session(path, QuietPrompter())
        window = MainWindow(session, Settings(self.tmp / "bench.ini"), QuietPrompter(),
                            restore_layout=False)
        try:
            window.go_to_step(biggest_section(session.letter))
            window.show()
            self.wait_paint(window.editor.viewport())
            yield window
        finally:
            session.close()
            window.hide()
            window.deleteLater()
            self.app().processEvents()
            path.unlink(missing_ok=True)

    def wait_paint(self, widget: Any, timeout_s: float = 5.0) -> bool:
        """Process events until `widget` has been painted once more."""
        watch = PaintCounter.on(widget)
        before = watch.count
        end = time.perf_counter() + timeout_s
        app = self.app()
        while watch.count == before and time.perf_counter() < end:
            app.processEvents()
        return watch.count > before

    # -- groups -----------------------------------------------------------------
    def run(self, only: list[str] | None, out: Path | None, count_pages: bool = False) -> int:
        info = machine_info()
        print(f"Missive benchmarks on {info['cpu']} ({info['cores']} cores, "
              f"{info['ram_gb']} GB), load average {info['load_before']}", flush=True)
        if info["load_before"][0] > (info["cores"] or 1):
            print("warning: the machine is busy (load average above the core count); wall "
                  "times will be high; compare with the 'cpu med' column", flush=True)
        started = time.perf_counter()
        try:
            for group in GROUPS:
                if only and group not in only:
                    continue
                print(f"[{group}]", flush=True)
                getattr(self, f"bench_{group}")()
            if count_pages:
                self.count_pages()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
        info["load_after"] = [round(x, 2) for x in os.getloadavg()]
        info["duration_s"] = round(time.perf_counter() - started, 1)
        failed = print_table(self.measures, self.margin)
        if out is not None:
            payload = {"machine": info, "margin": self.margin, "quick": self.quick,
                       "results": {m.key: m.to_json(self.margin) for m in self.measures}}
            out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n",
                           encoding="utf-8")
            print(f"results written to {out}")
        return 1 if failed else 0

    def subprocess_env(self) -> dict[str, str]:
        return dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="")

    def probe_run(self, mode: str, draft: Path) -> tuple[float, float | None]:
        """(ms from spawn to first paint, peak RSS in MB or None) of one probe child."""
        cmd = [sys.executable, str(Path(__file__).with_name("probe.py")), mode, str(draft)]
        t0 = time.time()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=self.subprocess_env(),
                              cwd=ROOT, timeout=120)
        painted = rss = None
        for line in proc.stdout.splitlines():
            if line.startswith("PAINTED "):
                painted = (float(line.split()[1]) - t0) * 1000
            elif line.startswith("RSS "):
                rss = int(line.split()[1]) / 1024
                self.maxrss.append(int(line.split()[2]) / 1024)
        if painted is None:
            raise RuntimeError(f"probe {mode} never painted: {proc.stderr[-2000:]}")
        return painted, rss

    def bench_cold(self) -> None:
        draft = self.draft("sample", copy="-cold")
        self.probe_run("cold", draft)  # the first run after generating pays for the disk cache
        samples = [self.probe_run("cold", draft)[0] for _ in range(self.n(7, 3))]
        self.add(Measure("cold_start_sample", "cold start → first paint (sample, subprocess)",
                         "ms", samples, 1000))
        if not self.quick:
            draft = self.draft("50p", copy="-cold")
            samples = [self.probe_run("cold", draft)[0] for _ in range(3)]
            self.add(Measure("cold_start_50p", "cold start → first paint (50 p, subprocess)",
                             "ms", samples))

    def bench_open(self) -> None:
        from ui.app import QuietPrompter, open_session
        from ui.main_window import MainWindow
        from ui.settings import Settings

        self.app()
        for name, target, runs in (("50p", 150, self.n(5, 2)), ("200p", 500, self.n(3, 1))):
            path = self.draft(name)

            def store_only(path: Path = path) -> None:
                with DraftStore.open(path, read_only=True) as store:
                    store.load()

            store = repeat_ms(store_only, self.n(7, 3))
            parts = {"session": Clock(), "window": Clock(), "total": Clock(),
                     "checked": Clock()}
            drafts = [self.draft(name, variant=v) for v in range(runs + 1)]
            self.forget(name)
            for run, path in enumerate(drafts):  # run 0 builds Qt's caches (fonts, styles)
                t0, c0 = time.perf_counter(), time.process_time()
                session = open_session(path, QuietPrompter())
                t1, c1 = time.perf_counter(), time.process_time()
                window = MainWindow(session, Settings(self.tmp / "open.ini"), QuietPrompter(),
                                    restore_layout=False)
                window.go_to_step(biggest_section(session.letter))
                window.show()
                painted = self.wait_paint(window.editor.viewport())
                t2, c2 = time.perf_counter(), time.process_time()
                end = t2 + 30.0
                while not session.checked and time.perf_counter() < end:
                    self.app().processEvents()
                t3, c3 = time.perf_counter(), time.process_time()
                session.close()
                window.hide()
                window.deleteLater()
                self.app().processEvents()
                if not painted:
                    raise RuntimeError("the window never painted")
                if not session.checked:
                    raise RuntimeError("the first check never ran after the paint")
                if run:
                    for part, (w, c) in (("session", (t1 - t0, c1 - c0)),
                                         ("window", (t2 - t1, c2 - c1)),
                                         ("total", (t2 - t0, c2 - c0)),
                                         ("checked", (t3 - t2, c3 - c2))):
                        parts[part].wall.append(w * 1000)
                        parts[part].cpu.append(c * 1000)
            pages = name.rstrip("p")
            self.add(Measure.timed(f"open_{name}_store",
                                   f"open {pages} p: DraftStore.open + load", store))
            self.add(Measure.timed(f"open_{name}_session",
                                   f"open {pages} p: session (store, template)",
                                   parts["session"]))
            self.add(Measure.timed(f"open_{name}_window",
                                   f"open {pages} p: window built and painted", parts["window"]))
            self.add(Measure.timed(f"open_{name}", f"open {pages} p: total", parts["total"],
                                   target))
            self.add(Measure.timed(f"open_{name}_first_check",
                                   f"open {pages} p: first check, after the paint",
                                   parts["checked"]))

    def bench_check(self) -> None:
        from drafting.checks import Checker, run_checks

        for name, target, runs in (("50p", 100.0, self.n(9, 3)), ("200p", None, self.n(3, 1))):
            full = self.each_letter(name, runs, lambda lt: run_checks(lt, self.template))
            letter = self.letter(name)
            self.add(Measure.timed(f"check_{name}", f"full check {name.rstrip('p')} p", full,
                                   target))
            checker = Checker(self.template)
            checker.check(letter)
            section = biggest_section(letter)
            block = letter.section(section).blocks[len(letter.section(section).blocks) // 2]
            original = block.text
            counter = iter(range(10**6))

            def one_change(checker: Checker = checker, letter: Letter = letter,
                           block: Any = block, original: str = original,
                           counter: Iterator[int] = counter, section: str = section) -> None:
                block.set_text(f"{original} {next(counter)}")
                checker.check(letter, changed_sections=[section])

            inc = repeat_ms(one_change, runs)
            block.set_text(original)
            self.add(Measure.timed(f"check_{name}_incremental",
                                   f"live check {name.rstrip('p')} p (one section changed)", inc))

    def bench_keys(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QTextCursor
        from PySide6.QtTest import QTest

        bursts = self.n(6, 2)
        for name in ("50p", "200p"):
            with self.window(name) as window:
                editor, session = window.editor, window.session
                watch = PaintCounter.on(editor.viewport())
                cursor = editor.textCursor()
                cursor.setPosition(editor.document().characterCount() // 2)
                cursor.movePosition(QTextCursor.MoveOperation.EndOfWord)
                editor.setTextCursor(cursor)
                editor.setFocus()
                typing = {"on": False, "autosaves": 0}
                checks: list[float] = []

                def count_autosave(typing: dict[str, Any] = typing) -> None:
                    if typing["on"]:
                        typing["autosaves"] += 1

                wrap_calls(session.store, "autosave", count_autosave)
                timed_calls(session, "check_now", checks)
                keys = Clock()
                unpainted = 0
                app = self.app()
                for burst in range(bursts + 1):
                    for i in range(BURST):
                        key = Qt.Key.Key_Space if i % 6 == 5 else Qt.Key.Key_E
                        before = watch.count
                        typing["on"] = True
                        t0, c0 = time.perf_counter(), time.process_time()
                        QTest.keyClick(editor, key)
                        end = t0 + 2.0
                        while watch.count == before and time.perf_counter() < end:
                            app.processEvents()
                        t1, c1 = time.perf_counter(), time.process_time()
                        typing["on"] = False
                        if watch.count == before:
                            unpainted += 1
                        if burst:  # the first burst warms caches (glyphs, layout)
                            keys.wall.append((t1 - t0) * 1000)
                            keys.cpu.append((c1 - c0) * 1000)
                    pause_until = time.perf_counter() + PAUSE_S
                    while time.perf_counter() < pause_until:
                        app.processEvents()
                        time.sleep(0.005)
                pages = name.rstrip("p")
                words = session.letter.section(editor.section_id).word_count()
                self.add(Measure.timed(f"keystroke_{name}",
                                       f"keystroke → repaint, live checks on, {pages} p", keys,
                                       16, stat="p95",
                                       extra={"unpainted": unpainted, "section_words": words}))
                self.add(Measure(f"live_check_{name}",
                                 f"debounced live check in a typing pause, {pages} p", "ms",
                                 checks[1:] or checks))
                self.add(Measure(f"autosave_on_typing_path_{name}",
                                 f"autosaves during a keystroke, {pages} p", "calls",
                                 [float(typing["autosaves"])], 0))

    def bench_autosave(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        for name, target, runs in (("50p", 20.0, self.n(10, 3)), ("200p", None, self.n(5, 2))):
            with self.window(name) as window:
                clock = Clock()
                revisions: list[Any] = []
                for _ in range(runs + 1):
                    QTest.keyClick(window.editor, Qt.Key.Key_X)
                    clock.time(lambda w=window, r=revisions: r.append(w.session.autosave()))
                if None in revisions:
                    raise RuntimeError("autosave wrote nothing after a keystroke")
                clock.wall, clock.cpu = clock.wall[1:], clock.cpu[1:]
                self.add(Measure.timed(f"autosave_{name}", f"autosave {name.rstrip('p')} p",
                                       clock, target))
        typing_window.bench_unsaved_typing(self)

    def bench_export(self) -> None:
        import baselines

        from drafting.export import export_docx

        out = self.tmp / "export.docx"
        rows = (("sample", "sample letter", 80.0, self.n(9, 3)),
                ("50p", "50 p", 250.0, self.n(7, 3)), ("200p", "200 p", 1000.0, self.n(3, 1)))
        for name, label, target, runs in rows:
            samples = self.each_letter(name, runs,
                                       lambda lt: export_docx(lt, self.template, out))
            self.add(Measure.timed(f"export_{name}", f"export DOCX, {label}", samples, target))
        blocks = letter_plain_blocks(self.letter("50p"))
        naive = repeat_ms(lambda: baselines.naive_docx(blocks, out), self.n(7, 3))
        raw = repeat_ms(lambda: baselines.raw_wordml(blocks, out), self.n(7, 3))
        self.add(Measure.timed("baseline_naive_50p", "baseline: naive python-docx, 50 p", naive))
        self.add(Measure.timed("baseline_raw_50p", "baseline: raw lxml + zipfile, 50 p", raw))
        ours = next(m for m in self.measures if m.key == "export_50p")
        self.add(ratio_measure("export_50p_vs_naive", "export 50 p ÷ naive python-docx",
                               ours.samples, naive.wall))
        self.add(ratio_measure("export_50p_vs_raw", "export 50 p ÷ raw lxml + zipfile",
                               ours.samples, raw.wall))

    def bench_cli(self) -> None:
        processes.bench_cli(self)

    def bench_memory(self) -> None:
        processes.bench_memory(self)

    def bench_bundle(self) -> None:
        processes.bench_bundle(self)

    def bench_merge(self) -> None:
        import bench_merge

        bench_merge.bench_merge(self)

    def count_pages(self) -> None:
        """Pages LibreOffice sets the 50-page letter on (calibrates WORDS_PER_PAGE)."""
        processes.count_pages(self)

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--only", nargs="+", choices=GROUPS, metavar="GROUP",
                        help=f"run only these groups: {' '.join(GROUPS)}")
    parser.add_argument("--margin", type=float, default=0.20,
                        help="fail only when a target is missed by more than this fraction")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("results.json"))
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON file")
    parser.add_argument("--pages", action="store_true",
                        help="also count the 50-page letter's pages with LibreOffice")
    args = parser.parse_args(argv)
    suite = Suite(quick=args.quick, margin=args.margin)
    return suite.run(args.only, out=None if args.no_write else args.out, count_pages=args.pages)


if __name__ == "__main__":
    raise SystemExit(main())
