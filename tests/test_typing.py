"""CONVENTIONS rule 8: `drafting/`, `ui/` and `main.py` type-check under mypy --strict
(the files are listed in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_drafting_and_ui_are_mypy_strict_clean() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir=/dev/null"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "no issues found" in proc.stdout
    checked = int(proc.stdout.split("in ")[-1].split()[0])
    assert checked > 90  # drafting/ and ui/ both, not one of them
