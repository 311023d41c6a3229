"""Render the README and writer-guide screenshots: `make screenshots`.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py docs/screenshots

Opens a scratch copy of the English sample draft (the shipped sample is never
touched) and renders the main window at 1400×900 on three steps: the letter
details, a section with its guidance and findings, and the review step.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHOTS = {
    "details.png": "details",
    "section.png": "security",
    "review.png": "review",
}


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        # Scratch user folders: the screenshots never read the user's settings.
        os.environ["MISSIVE_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["MISSIVE_CONFIG_DIR"] = str(Path(tmp) / "config")
        from drafting import paths
        from drafting.letter import Letter
        from drafting.storage.store import DraftStore
        from ui.app import render_screenshot

        data = json.loads((paths.samples_dir() / "minusma-six-monthly.en.json")
                          .read_text(encoding="utf-8"))
        draft = Path(tmp) / "sample.missive"
        DraftStore.create(draft, Letter.from_dict(data)).close()
        for name, step in SHOTS.items():
            render_screenshot(draft, out / name, section=step, size=(1400, 900))
            print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
