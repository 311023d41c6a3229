"""Every window and dialog fits a 1280×720 screen, and a 1920×1080 screen at
150 % (1280×720 logical pixels): its smallest size fits with room for a title
bar, it opens on the screen, and its main buttons are shown whole.

Each screen is a real offscreen screen of that size (the offscreen platform's
configuration file, and QT_SCALE_FACTOR for 150 %), in a process of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ui.screen_fit import FRAME_HEIGHT, FRAME_WIDTH

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {"main:details", "main:security", "main:review", "new_draft", "import", "find",
            "export", "history", "compare", "recover", "preferences", "conflicts", "about",
            "templates"}


def _probe(tmp_path: Path, width: int, height: int, scale: float, language: str) -> Any:
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "fit", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": str(scale), "MISSIVE_FIT_LANGUAGE": language}
    proc = subprocess.run([sys.executable, "-m", "tests.ui.fit_probe"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("width,height,scale,language", [
    (1280, 720, 1.0, "en"),
    (1920, 1080, 1.5, "en"),
    (1280, 720, 1.0, "ar"),
], ids=["1280x720", "1920x1080@150%", "1280x720-ar"])
def test_every_window_fits_the_screen(tmp_path: Path, width: int, height: int, scale: float,
                                      language: str) -> None:
    report = _probe(tmp_path, width, height, scale, language)
    screen_w, screen_h = report["screen"]
    assert (screen_w, screen_h) == (1280, 720)  # logical pixels, at 100 % and at 150 %
    assert report["dpr"] == scale
    assert set(report["windows"]) == EXPECTED
    problems = []
    for name, w in report["windows"].items():
        min_w, min_h = w["min_hint"]
        if min_w > screen_w - FRAME_WIDTH or min_h > screen_h - FRAME_HEIGHT:
            problems.append(f"{name}: needs at least {min_w}×{min_h}")
        if w["size"][0] > screen_w - FRAME_WIDTH or w["size"][1] > screen_h - FRAME_HEIGHT:
            problems.append(f"{name}: opens at {w['size'][0]}×{w['size'][1]}")
        if not w["on_screen"]:
            problems.append(f"{name}: opens partly off the screen")
        if any(abs(got - size * scale) > 1 for got, size in zip(w["rendered"], w["size"],
                                                              strict=True)):
            problems.append(f"{name}: rendered at {w['rendered']}")
        hidden = [k for k, shown in w["keys_visible"].items() if not shown]
        if hidden:
            problems.append(f"{name}: buttons cut off: {hidden}")
    assert not problems, "\n".join(problems)
    # the windows with their main buttons named were checked for them
    assert report["windows"]["templates"]["keys_visible"]
    assert report["windows"]["export"]["keys_visible"]
