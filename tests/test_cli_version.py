"""`missive --version`: Missive, Qt (PySide6) and Python versions, and the license."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import drafting

ROOT = Path(__file__).resolve().parent.parent


def _version(lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env["LANG"] = lang
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)


def test_version_prints_every_version_and_the_license() -> None:
    proc = _version("C.UTF-8")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    pyside = metadata.version("PySide6-Essentials")
    assert lines[0] == f"Missive {drafting.__version__}"
    assert lines[1] == f"Qt {pyside} (PySide6 {pyside})"
    assert lines[2] == f"Python {platform.python_version()}"
    assert "Copyright © 2026 The Missive authors" in lines
    assert lines[-1] == "License: MIT"


def test_version_speaks_the_environment_language() -> None:
    proc = _version("fr_FR.UTF-8")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == f"Missive {drafting.__version__}"
    assert "Licence : MIT" in proc.stdout


def test_version_is_single_sourced() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "drafting.__version__"}
    assert project["project"]["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
