"""Run in a subprocess by `test_window_fit.py`: opens every window on a screen
of the size given by the platform (QT_QPA_PLATFORM=offscreen:configfile=…,
QT_SCALE_FACTOR) and prints, as JSON, how each fits.

    python -m tests.ui.fit_probe
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def _inside(widget: Any, window: Any) -> bool:
    """Whether `widget` is shown whole inside `window` (and inside any scroll area
    it sits in, as scrolled now)."""
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(window, widget.rect().topLeft())
    bottom_right = widget.mapTo(window, widget.rect().bottomRight())
    return window.rect().contains(top_left) and window.rect().contains(bottom_right)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="missive-fit-"))
    os.environ["MISSIVE_DATA_DIR"] = str(tmp / "data")
    os.environ["MISSIVE_CONFIG_DIR"] = str(tmp / "config")
    from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox

    from drafting.storage.store import DraftStore
    from tests.ui.conftest import FakePrompter, sample_letter
    from ui import gallery, translations
    from ui.app import ensure_app, open_session
    from ui.main_window import MainWindow
    from ui.settings import Settings

    app = ensure_app()
    language = os.environ.get("MISSIVE_FIT_LANGUAGE", "en")
    translations.apply_language(language, app)
    draft = tmp / "sample.missive"
    DraftStore.create(draft, sample_letter()).close()
    prompter = FakePrompter()
    session = open_session(draft, prompter)
    window = MainWindow(session, Settings(tmp / "s.ini"), prompter, restore_layout=False)
    screen = app.primaryScreen().availableGeometry()
    report: dict[str, Any] = {"screen": [screen.width(), screen.height()],
                              "dpr": app.primaryScreen().devicePixelRatio(), "windows": {}}

    def measure(name: str, widget: Any, keys: list[Any]) -> None:
        hint = widget.minimumSizeHint()
        minimum = widget.minimumSize()
        frame = widget.frameGeometry()
        buttons = [b for b in widget.findChildren(QAbstractButton)
                   if b.isVisible() and isinstance(b.parent(), QDialogButtonBox)]
        picture = widget.grab()  # rendered at the screen's scale
        report["windows"][name] = {
            "rendered": [picture.width(), picture.height()],
            "min_hint": [hint.width(), hint.height()],
            "minimum": [minimum.width(), minimum.height()],
            "size": [widget.width(), widget.height()],
            "on_screen": screen.contains(frame),
            "keys_visible": {k.objectName() or k.text() or type(k).__name__: _inside(k, widget)
                             for k in [*keys, *buttons]},
        }

    window.show()
    for step in gallery.STEPS:
        window.go_to_step(step)
        for _i in range(3):
            app.processEvents()
        keys = [window.review_page.export_final_button] if step == "review" else []
        measure(f"main:{step}", window, keys)
    for name in gallery.WINDOWS:
        opened = gallery.open_window(window, name)
        keys = {"templates": lambda w: [w.save_button, w.preview_button],
                "find": lambda w: [w.find_button, w.replace_all_button],
                "export": lambda w: [w.export_button],
                "history": lambda w: [w.restore_button, w.compare_button],
                }.get(name, lambda w: [])(opened)
        measure(name, opened, keys)
        gallery.close_window(opened)
    session.close()
    print(json.dumps(report))
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
