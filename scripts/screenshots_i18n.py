"""Render the main window with a French and an Arabic interface.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_i18n.py docs/screenshots

window-fr.png: the French interface on the French sample letter (a section
with its guidance and findings). window-ar.png: the Arabic interface, laid
out right to left, on a new Arabic letter with two paragraphs written in.
Scratch folders only: the user's drafts and settings are never touched.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Two paragraphs of an Arabic draft, written for the screenshot.
ARABIC_PARAGRAPHS = (
    "ظلت الحالة الأمنية في وسط مالي وشمالها متقلبة خلال الفترة المشمولة بالتقرير، "
    "إذ تعرضت قوافل البعثة لهجمات بأجهزة متفجرة مرتجلة على محور غاو–أنسونغو.",
    "وواصلت البعثة دورياتها لحماية المدنيين، وأنشأت قاعدتي عمليات مؤقتتين في منطقة "
    "موبتي، بدعم من قوة الرد السريع [عدد الدوريات].",
)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MISSIVE_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["MISSIVE_CONFIG_DIR"] = str(Path(tmp) / "config")
        from drafting import paths
        from drafting.letter import Block, Letter
        from drafting.storage.store import DraftStore
        from drafting.templates.catalog import create_letter, get_template
        from ui import translations
        from ui.app import ensure_app, render_screenshot

        app = ensure_app()
        data = json.loads((paths.samples_dir() / "minusma-six-monthly.fr.json")
                          .read_text(encoding="utf-8"))
        french = Path(tmp) / "lettre.missive"
        DraftStore.create(french, Letter.from_dict(data)).close()

        letter = create_letter(get_template("minusma-six-monthly"), "ar", symbol="S/2020/481",
                               date=date(2020, 6, 1), job_number="20-07899")
        letter.section("security").blocks = [Block.from_text(t) for t in ARABIC_PARAGRAPHS]
        arabic = Path(tmp) / "risala.missive"
        DraftStore.create(arabic, letter).close()

        try:
            for lang, draft in (("fr", french), ("ar", arabic)):
                translations.apply_language(lang, app)
                target = out / f"window-{lang}.png"
                render_screenshot(draft, target, section="security", size=(1400, 900))
                print(target)
        finally:
            translations.apply_language("en", app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
