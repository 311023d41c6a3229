"""Render the writer-guide pictures of the clearance round trip (issue 19).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_review.py docs/screenshots

A scratch copy of the English sample draft is exported as the writer does;
two reviewers review that export in real LibreOffice (`scripts/lo_review.py`,
run with the system Python that has python3-uno); both copies are brought in
through File › Bring in a reviewed copy…, and the window is rendered at
1400×900: the dialog's summary, the suggestions marked while editing, the
section shown as marked-up text with the Suggestions and Comments panels, and
the two reviewers' proposals for the same words side by side.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ANA, BEN = "Aïcha Traoré", "Ben Okafor"
PLANS = {
    "ana": [
        {"op": "author", "name": ANA},
        {"op": "track", "on": True},
        {"op": "replace", "find": "regrouped the Malian armed forces",
         "with": "brought together the Malian armed forces"},
        {"op": "replace", "find": "unstable and demanding", "with": "volatile and demanding"},
        {"op": "insert_paragraph_after", "containing": "A security response alone",
         "text": "Mobile justice units held hearings in Mopti and Ségou in April."},
        {"op": "comment", "on": "Operation Maliko",
         "text": "Please confirm the operation's name with the Force."},
        {"op": "track", "on": False},
        {"op": "replace", "find": "Fighting impunity remains", "with": "Fighting impunity is"},
    ],
    "ben": [
        {"op": "author", "name": BEN},
        {"op": "track", "on": True},
        {"op": "replace", "find": "regrouped", "with": "redeployed"},
        {"op": "delete_paragraph", "containing": "A security response alone"},
        {"op": "comment", "on": "Specialized Investigation Brigade",
         "text": "Add the number of cases it handled."},
    ],
}


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["MISSIVE_DATA_DIR"] = str(folder / "data")
        os.environ["MISSIVE_CONFIG_DIR"] = str(folder / "config")
        from drafting import paths
        from drafting.letter import Letter
        from drafting.storage.store import DraftStore
        from main import main as missive

        data = json.loads((paths.samples_dir() / "minusma-six-monthly.en.json")
                          .read_text(encoding="utf-8"))
        draft = folder / "letter.missive"
        DraftStore.create(draft, Letter.from_dict(data)).close()
        sent = folder / "S-2020-481-draft.docx"
        if missive(["export", str(draft), "-o", str(sent)]) != 0:
            return 1
        copies = {}
        for name, plan in PLANS.items():
            plan_file = folder / f"{name}.json"
            plan_file.write_text(json.dumps(plan), encoding="utf-8")
            copies[name] = folder / f"S-2020-481-{name}.docx"
            subprocess.run(["/usr/bin/python3", str(ROOT / "scripts" / "lo_review.py"),
                            str(sent), str(copies[name]), str(plan_file)], check=True,
                           timeout=180)
        render(draft, copies, out)
    return 0


def render(draft: Path, copies: dict[str, Path], out: Path) -> None:
    from PySide6.QtCore import Qt

    from ui.app import QuietPrompter, ensure_app, open_session
    from ui.main_window import MainWindow
    from ui.settings import Settings

    app = ensure_app()
    settings = Settings(draft.parent / "screens.ini")
    settings.set_review_author("Writer")
    session = open_session(draft, QuietPrompter())
    window = MainWindow(session, settings, QuietPrompter(), restore_layout=False)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(1400, 900)
    window.show()
    session.ensure_checked()

    def settle() -> None:
        for _i in range(8):
            app.processEvents()

    dialog = window.reviews.open_dialog()
    for name in ("ana", "ben"):
        dialog.path_edit.setText(str(copies[name]))
        dialog.bring_in()
    settle()
    dialog.grab().save(str(out / "review-dialog.png"))
    print(out / "review-dialog.png")
    dialog.close()
    window.guidance_dock.hide()
    window.findings_dock.hide()
    window.go_to_step("security")
    window.editor.go_to(None, 1)
    window.reviews.show_panels(inline=False)
    window.resizeDocks([window.reviews.suggestions_dock], [520], Qt.Orientation.Horizontal)
    window.resizeDocks([window.reviews.suggestions_dock, window.reviews.comments_dock],
                       [620, 240], Qt.Orientation.Vertical)
    session.ensure_checked()
    settle()
    window.grab().save(str(out / "review-editing.png"))
    print(out / "review-editing.png")
    window.reviews.suggestions_panel.inline_check.setChecked(True)
    window.findings_dock.hide()
    window.resizeDocks([window.reviews.suggestions_dock, window.reviews.comments_dock],
                       [580, 280], Qt.Orientation.Vertical)
    window.resizeDocks([window.reviews.suggestions_dock, window.reviews.comments_dock],
                       [560, 300], Qt.Orientation.Vertical)
    settle()
    window.grab().save(str(out / "review-suggestions.png"))
    print(out / "review-suggestions.png")
    panel = window.reviews.suggestions_panel
    for row in range(panel.list.count()):
        if panel.list.item(row).toolTip():
            panel.list.setCurrentRow(row)
            panel.list.scrollToItem(panel.list.item(row))
    settle()
    window.reviews.suggestions_dock.grab().save(str(out / "review-conflict.png"))
    print(out / "review-conflict.png")
    window.reviews.suggestions_panel.inline_check.setChecked(False)
    session.undo_stack.clear()
    session.dirty = False
    window.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
