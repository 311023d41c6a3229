"""Render the README and writer-guide screenshots: `make screenshots`.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py docs/screenshots

Everything is rendered on an offscreen screen of 1280×720, the smallest
screen Missive is made for, so the pictures show what such a screen shows:

- `details.png`, `section.png`, `review.png`: the main window on a scratch
  copy of the English sample draft (the shipped sample is never touched), on
  the letter details, a section with its guidance and findings, the review;
- `windows/<language>/<name>.png`: every window and dialog (`ui.gallery`),
  each opened from that window, in English here and in Arabic from
  `screenshots_i18n.py`; `templates.png` is the template editor on the
  Sections tab of the six-monthly letter.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCREEN = (1280, 720)
SHOTS = {
    "details.png": "details",
    "section.png": "security",
    "review.png": "review",
}


def use_screen(folder: Path, size: tuple[int, int] = SCREEN) -> None:
    """Make the offscreen platform's screen `size` (before the QApplication exists)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    if not platform.startswith("offscreen") or "configfile" in platform:
        return
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "shots", "x": 0, "y": 0, "width": size[0], "height": size[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def scratch_folders(tmp: Path) -> None:
    """User folders of the run's own: the screenshots never read the user's settings."""
    os.environ["MISSIVE_DATA_DIR"] = str(tmp / "data")
    os.environ["MISSIVE_CONFIG_DIR"] = str(tmp / "config")


def shoot_windows(draft: Path, out: Path, tmp: Path) -> list[Path]:
    """Every window of `ui.gallery`, opened from a main window on `draft`, as PNGs in `out`."""
    from PySide6.QtCore import Qt

    from drafting.i18n import _
    from ui import gallery
    from ui.app import QuietPrompter, ensure_app, open_session
    from ui.main_window import MainWindow
    from ui.settings import Settings

    app = ensure_app()
    out.mkdir(parents=True, exist_ok=True)
    session = open_session(draft, QuietPrompter(), write_migration=False)
    window = MainWindow(session, Settings(tmp / "gallery.ini"), QuietPrompter(),
                        restore_layout=False)
    written: list[Path] = []
    try:
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.resize(*SCREEN)
        window.show()
        session.ensure_checked()
        window.go_to_step("security")
        window.editor.go_to(None, 0)
        for name in gallery.WINDOWS:
            opened = gallery.open_window(window, name)
            if name == "find":
                opened.find_edit.setText(_("Mission"))  # type: ignore[attr-defined]
                opened.find_next()  # type: ignore[attr-defined]
            for _i in range(5):
                app.processEvents()
            target = out / f"{name}.png"
            opened.grab().save(str(target), "PNG")
            written.append(target)
            gallery.close_window(opened)
    finally:
        window.hide()
        session.close()
        window.deleteLater()
        app.processEvents()
    return written


def sample_draft(tmp: Path, language: str = "en") -> Path:
    from drafting import paths
    from drafting.letter import Letter
    from drafting.storage.store import DraftStore

    data = json.loads((paths.samples_dir() / f"minusma-six-monthly.{language}.json")
                      .read_text(encoding="utf-8"))
    draft = tmp / f"sample-{language}.missive"
    DraftStore.create(draft, Letter.from_dict(data)).close()
    return draft


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        use_screen(tmp)
        scratch_folders(tmp)
        from ui.app import render_screenshot

        draft = sample_draft(tmp)
        for file_name, step in SHOTS.items():
            render_screenshot(draft, out / file_name, section=step, size=SCREEN)
            print(out / file_name)
        for path in shoot_windows(draft, out / "windows" / "en", tmp):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
