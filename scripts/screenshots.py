"""Render the README and writer-guide screenshots: `make screenshots`.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py docs/screenshots

Opens a scratch copy of the English sample draft (the shipped sample is never
touched) and renders the main window at 1400×900 on three steps: the letter
details, a section with its guidance and findings, and the review step; then
the conflicts view of File › Merge a copy… on two copies of it.
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
