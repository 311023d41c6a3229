"""`python main.py screenshot`: failures exit 2 with one plain line on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType

from drafting.errors import MissiveError
from ui import app as app_module
from ui.app import render_screenshot

ROOT = Path(__file__).resolve().parents[2]


def screenshot(draft: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env["LANG"] = "C.UTF-8"
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "screenshot", str(draft), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)


def test_unwritable_output_exits_2_with_one_line(empty_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "nonexistent" / "dir" / "x.png"
    proc = screenshot(empty_path, "-o", str(target))
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    # One line: no traceback, and no harmless warning of the offscreen plugin.
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("missive: ") and str(target) in lines[0]
    assert "does not exist" in lines[0]
    assert not target.exists()


def test_unknown_step_exits_2_naming_the_valid_ones(empty_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.png"
    proc = screenshot(empty_path, "-o", str(target), "--section", "nope")
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert "'nope'" in lines[0]
    for step in ("details", "opening", "security", "exit", "review"):
        assert step in lines[0]
    assert "unassigned" not in lines[0]  # this draft has no unassigned text
    assert not target.exists()


def test_good_screenshot_leaves_stderr_empty(empty_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.png"
    proc = screenshot(empty_path, "-o", str(target), "--section", "review")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert target.read_bytes().startswith(b"\x89PNG")


def test_render_screenshot_raises_plain_missive_error(
        qapp: Any, sample_path: Path, tmp_path: Path) -> None:
    with pytest.raises(MissiveError, match="valid steps: details, opening"):
        render_screenshot(sample_path, tmp_path / "a.png", section="Security")
    # A folder where the file should be: the save fails although the folder exists.
    blocker = tmp_path / "b.png"
    blocker.mkdir()
    with pytest.raises(MissiveError, match="b.png"):
        render_screenshot(sample_path, blocker, section="security")
    # The draft was closed both times: it opens for writing again.
    render_screenshot(sample_path, tmp_path / "c.png", section="security")
    assert (tmp_path / "c.png").stat().st_size > 0


def test_message_filter_drops_only_the_harmless_warning(monkeypatch: Any) -> None:
    installed: list[Any] = []
    seen: list[str] = []

    def fake_install(handler: Any) -> Any:
        installed.append(handler)
        return lambda _mode, _context, message: seen.append(message)

    monkeypatch.setattr(app_module, "qInstallMessageHandler", fake_install)
    app_module.install_message_filter()
    handler = installed[0]
    context = QMessageLogContext()
    handler(QtMsgType.QtWarningMsg, context, "This plugin does not support propagateSizeHints()")
    handler(QtMsgType.QtWarningMsg, context, "QPainter::begin: Paint device returned engine == 0")
    assert seen == ["QPainter::begin: Paint device returned engine == 0"]
