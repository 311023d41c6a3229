#!/usr/bin/env python3
"""Render pages 1, 2 and the last of the sample letters' exports, to look at them.

Exports the shipped English and French sample drafts, has LibreOffice convert
them to PDF (private profile) and poppler render pages 1, 2 and the last at
80 dpi, as docs/screenshots/export-<lang>-page1.png, -page2.png and
-pagelast.png: the pictures an issue note puts beside the UN reference pages.

    .venv/bin/python scripts/render_export_pages.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from drafting.export import export_docx  # noqa: E402
from drafting.letter import Letter  # noqa: E402
from drafting.paths import samples_dir  # noqa: E402
from drafting.templates.catalog import get_template  # noqa: E402

NOW = datetime(2020, 6, 2, 9, 0, tzinfo=UTC)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed (make sysdeps)")
    return found


def render(language: str, out: Path, folder: Path) -> list[Path]:
    """Export the `language` sample and render its pages 1, 2 and last into `out`."""
    data = json.loads((samples_dir() / f"minusma-six-monthly.{language}.json").read_text(
        encoding="utf-8"))
    letter = Letter.from_dict(data)
    docx = export_docx(letter, get_template(letter.template_id),
                       folder / f"export-{language}.docx", now=NOW).path
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([_tool("soffice"), f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=300)
    pdf = docx.with_suffix(".pdf")
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    pages = int(found.group(1)) if found else 1
    written = []
    for label, page in (("page1", 1), ("page2", 2), ("pagelast", pages)):
        prefix = folder / f"{language}-{label}"
        subprocess.run([_tool("pdftoppm"), "-png", "-r", "80", "-singlefile", "-f", str(page),
                        "-l", str(page), str(pdf), str(prefix)], check=True, timeout=60)
        target = out / f"export-{language}-{label}.png"
        shutil.move(str(prefix.with_suffix(".png")), target)
        written.append(target)
    print(f"{language}: {pages} pages")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for language in ("en", "fr"):
            for path in render(language, args.out, Path(tmp)):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
