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
  Sections tab of the six-monthly letter;
- `merge.png`: the conflicts view of File › Merge a copy… on two copies of it.
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
        render_merge(draft, out / "merge.png")
        print(out / "merge.png")
    return 0


def render_merge(draft: Path, out: Path) -> None:
    """The conflicts view after File › Merge a copy…: New York's copy changed the
    paragraph Bamako changed too, and another section besides."""
    from dataclasses import replace

    from PySide6.QtCore import Qt

    from drafting import edits
    from drafting.letter import Block, Letter
    from drafting.storage.store import DraftStore
    from ui.app import QuietPrompter, ensure_app, open_session
    from ui.main_window import MainWindow
    from ui.merge_dialog import MergeDialog
    from ui.settings import Settings

    def rewrite(letter: Letter, section: str, index: int, text: str) -> Letter:
        blocks = list(letter.section(section).blocks)
        blocks[index] = replace(Block.from_text(text), id=blocks[index].id)
        return edits.edit_section(letter, section, blocks).apply(letter)

    ours = draft.with_name("Lettre juin (Bamako).missive")
    ours.write_bytes(draft.read_bytes())
    theirs = draft.with_name("Lettre juin (New York).missive")
    theirs.write_bytes(draft.read_bytes())
    with DraftStore.open(ours) as store:
        store.save(rewrite(store.load(), "security", 0, (
            "During the period, the Mission conducted 1,214 patrols in the Gao and Ménaka "
            "regions, 18 per cent more than in the previous period, and supported the return "
            "of State administration to Ansongo.")), name="Bamako")
    with DraftStore.open(theirs) as store:
        letter = rewrite(store.load(), "security", 0, (
            "During the period, the Mission conducted 1,240 patrols in the Gao, Ménaka and "
            "Timbuktu regions, 20 per cent more than in the previous period, and supported "
            "the return of State administration to Ansongo."))
        store.save(rewrite(letter, "rotation", 0, (
            "Rotations of three infantry battalions were completed on schedule.")),
            name="New York")
    app = ensure_app()
    session = open_session(ours, QuietPrompter())
    window = MainWindow(session, Settings(draft.with_name("shot.ini")), QuietPrompter(),
                        restore_layout=False)
    try:
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.show()
        dialog = window.files.merge_copy(str(theirs))
        assert isinstance(dialog, MergeDialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        dialog.resize(1100, 560)
        for _i in range(5):
            app.processEvents()
        dialog.grab().save(str(out), "PNG")
    finally:
        window.hide()
        session.close()
        window.deleteLater()
        app.processEvents()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
