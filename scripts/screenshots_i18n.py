"""Render the main window and every other window with a French and an Arabic interface.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_i18n.py docs/screenshots

On an offscreen screen of 1280×720, as `screenshots.py`:

- `window-fr.png`: the French interface on the French sample letter (a
  section with its guidance and findings);
- `window-ar.png`: the Arabic interface, laid out right to left, on a new
  Arabic letter with two paragraphs written in;
- `windows/ar/<name>.png`: every window and dialog in Arabic, opened from
  that Arabic letter.

Scratch folders only: the user's drafts and settings are never touched.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots import (  # noqa: E402 - after the path is set
    SCREEN,
    sample_draft,
    scratch_folders,
    shoot_windows,
    use_screen,
)

# Two paragraphs of an Arabic draft, written for the screenshot.
ARABIC_PARAGRAPHS = (
    "ظلت الحالة الأمنية في وسط مالي وشمالها متقلبة خلال الفترة المشمولة بالتقرير، "
    "إذ تعرضت قوافل البعثة لهجمات بأجهزة متفجرة مرتجلة على محور غاو–أنسونغو.",
    "وواصلت البعثة دورياتها لحماية المدنيين، وأنشأت قاعدتي عمليات مؤقتتين في منطقة "
    "موبتي، بدعم من قوة الرد السريع [عدد الدوريات].",
)


def arabic_draft(tmp: Path) -> Path:
    from drafting.letter import Block
    from drafting.storage.store import DraftStore
    from drafting.templates.catalog import create_letter, get_template

    letter = create_letter(get_template("minusma-six-monthly"), "ar", symbol="S/2020/481",
                           date=date(2020, 6, 1), job_number="20-07899")
    letter.section("security").blocks = [Block.from_text(t) for t in ARABIC_PARAGRAPHS]
    draft = tmp / "risala.missive"
    DraftStore.create(draft, letter).close()
    return draft


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        use_screen(tmp)
        scratch_folders(tmp)
        from ui import translations
        from ui.app import ensure_app, render_screenshot

        app = ensure_app()
        french, arabic = sample_draft(tmp, "fr"), arabic_draft(tmp)
        try:
            for lang, draft in (("fr", french), ("ar", arabic)):
                translations.apply_language(lang, app)
                target = out / f"window-{lang}.png"
                render_screenshot(draft, target, section="security", size=SCREEN)
                print(target)
            translations.apply_language("ar", app)
            for path in shoot_windows(arabic, out / "windows" / "ar", tmp):
                print(path)
        finally:
            translations.apply_language("en", app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
