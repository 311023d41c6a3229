"""The paint probe `make bench` times the bundle with (MISSIVE_PROBE_PAINT=1).

Run here on `python main.py DRAFT`, as the bench's "bundle" group runs it on
both the venv and `dist/missive/missive`: the window opens on the draft,
paints, prints one "PAINTED <epoch seconds>" line and the process ends by
itself with exit code 0. Without the variable nothing is printed (checked on
the screenshot command, which paints the same window and returns).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from drafting import paths
from drafting.letter import Letter
from drafting.storage.store import DraftStore

ROOT = Path(__file__).resolve().parent.parent


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MISSIVE_")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp / "home"),
               MISSIVE_DATA_DIR=str(tmp / "data"), MISSIVE_CONFIG_DIR=str(tmp / "config"),
               **extra)
    return env


def _draft(tmp: Path) -> Path:
    data = json.loads((paths.samples_dir() / "minusma-six-monthly.en.json").read_text("utf-8"))
    path = tmp / "sample.missive"
    DraftStore.create(path, Letter.from_dict(data)).close()
    return path


def test_probe_prints_the_first_paint_and_quits(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    started = time.time()
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), str(draft)], cwd=tmp_path,
                          env=_env(tmp_path, MISSIVE_PROBE_PAINT="1"), capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("PAINTED ")]
    assert len(lines) == 1, proc.stdout
    painted = float(lines[0].split()[1])
    assert started < painted < time.time()
    # the window closed cleanly: the draft is not left locked
    with DraftStore.open(draft) as store:
        assert store.load().template_id == "minusma-six-monthly"


def test_without_the_variable_nothing_is_printed(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "screenshot", str(draft),
                           "-o", str(tmp_path / "w.png")], cwd=tmp_path, env=_env(tmp_path),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "PAINTED" not in proc.stdout
