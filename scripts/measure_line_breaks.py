#!/usr/bin/env python3
"""Do our lines break at the issued letter's words? A measurement, not a test.

Takes the text of an issued UN letter as `pdftotext -layout` gives it (one
line of the issued PDF per line; ../shared/seeds/ holds one), imports it with
Missive's own text importer onto the template, exports it, has LibreOffice
set it (Liberation Serif stands in for Times New Roman, metric for metric),
and compares where the lines end: for every line of the issued letter, is
the line that holds the same words in our PDF ending at the same word?

The same letter is also set without the UN text metrics (character spacing
0, width 100 %), so the effect of the house style's metrics shows. Nothing is
written but temporary files; the letter's text never leaves them.

    .venv/bin/python scripts/measure_line_breaks.py ../shared/seeds/000_….txt \\
        --language fr --symbol S/2020/481 --date 2020-06-01 [--min 0.9]

Prints the share of the issued letter's lines that end at the same word,
and how each heading breaks. `--min` makes it exit 1 below that share (the
team check in .ci/run uses it).
"""

from __future__ import annotations

import argparse
import copy
import difflib
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from drafting.export import export_docx  # noqa: E402
from drafting.importers import import_letter  # noqa: E402
from drafting.importers.text_reader import URL_LINE_RE  # noqa: E402
from drafting.templates.catalog import get_template  # noqa: E402
from drafting.templates.model import Template  # noqa: E402

_WORD_RE = re.compile(r"\w+", re.UNICODE)


def _words(line: str) -> list[str]:
    """Comparable words of a line: letters and digits only, case-folded."""
    text = unicodedata.normalize("NFKC", line).casefold().replace("œ", "oe")
    return _WORD_RE.findall(text)


def lines_of(text: str) -> list[list[str]]:
    """The word lists of the text lines that hold words (URL lines left out)."""
    out = []
    for line in text.splitlines():
        if not line.strip() or URL_LINE_RE.match(line.strip()):
            continue
        words = _words(line)
        if words:
            out.append(words)
    return out


def _stream(lines: list[list[str]]) -> tuple[list[str], set[int]]:
    """All words in order, and the indexes of the words that end a line."""
    words: list[str] = []
    ends: set[int] = set()
    for line in lines:
        words += line
        ends.add(len(words) - 1)
    return words, ends


def compare(reference: list[list[str]], ours: list[list[str]]) -> tuple[int, int]:
    """(lines of the reference ending where ours end, reference lines compared).

    The word streams are aligned (our PDF also holds the page furniture); a
    reference line is compared when its last word and the next word are both
    in an aligned stretch, and it agrees when our stream ends a line there too.
    """
    ref_words, ref_ends = _stream(reference)
    our_words, our_ends = _stream(ours)
    matcher = difflib.SequenceMatcher(None, ref_words, our_words, autojunk=False)
    mapped: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapped[block.a + k] = block.b + k
    same = compared = 0
    for end in sorted(ref_ends):
        if end in mapped and end + 1 in mapped and mapped[end + 1] == mapped[end] + 1:
            compared += 1
            same += mapped[end] in our_ends
    return same, compared


def _pdf_text(docx: Path, folder: Path) -> str:
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        raise SystemExit("needs LibreOffice (soffice) and poppler (pdftotext)")
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=300)
    pdf = docx.with_suffix(".pdf")
    return subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout


def _pages(docx: Path) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return 0
    info = subprocess.run([pdfinfo, str(docx.with_suffix(".pdf"))], capture_output=True,
                          text=True, check=False).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return int(found.group(1)) if found else 0


def _plain(template: Template) -> Template:
    out = copy.deepcopy(template)
    out.house_style.char_spacing = 0.0
    out.house_style.char_width = 100
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("letter", type=Path, help="pdftotext -layout text of an issued letter")
    parser.add_argument("--template", default="minusma-six-monthly")
    parser.add_argument("--language", default="fr")
    parser.add_argument("--symbol", default="S/2020/481")
    parser.add_argument("--date", type=date.fromisoformat, default=date(2020, 6, 1))
    parser.add_argument("--job", default="20-07899")
    parser.add_argument("--min", type=float, default=0.0,
                        help="exit 1 when the share of same line ends is below this")
    args = parser.parse_args(argv)

    template = copy.deepcopy(get_template(args.template))
    result = import_letter(args.letter, template, args.language)
    letter = result.letter
    # the export prints the template's headings: give it the issued letter's
    for row in result.mapping:
        if row.section_id and row.heading:
            template.section(row.section_id).headings[args.language] = row.heading
            letter.section(row.section_id).heading = row.heading
    meta = letter.metadata
    meta.symbol, meta.job_number, meta.language = args.symbol, args.job, args.language
    meta.date = meta.letter_date = args.date
    reference = lines_of(args.letter.read_text(encoding="utf-8"))
    share = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, house in (("UN metrics", template), ("no metrics", _plain(template))):
            out = export_docx(letter, house, folder / f"{name.replace(' ', '-')}.docx").path
            ours = lines_of(_pdf_text(out, folder))
            same, compared = compare(reference, ours)
            ratio = same / compared if compared else 0.0
            print(f"{name}: {same} of {compared} lines of the issued letter end at the same "
                  f"word ({ratio:.1%}); {_pages(out)} pages")
            if name == "UN metrics":
                share = ratio
                _headings(letter, ours)
    if share < args.min:
        print(f"below the expected {args.min:.0%}", file=sys.stderr)
        return 1
    return 0


def _headings(letter: object, ours: list[list[str]]) -> None:
    """How each section heading is broken in our PDF (word counts per line)."""
    from drafting.letter import Letter

    assert isinstance(letter, Letter)
    for section in letter.sections:
        words = _words(section.heading)
        if len(words) < 2:
            continue
        for i in range(len(ours)):
            if ours[i] == words[:len(ours[i])] and len(ours[i]) < len(words):
                rest = words[len(ours[i]):]
                nxt = ours[i + 1] if i + 1 < len(ours) else []
                if nxt[:len(rest)] == rest:
                    print(f"  heading '{section.id}': {len(ours[i])} + {len(rest)} words "
                          f"(line ends at '{ours[i][-1]}')")
                    break
            elif ours[i] == words:
                print(f"  heading '{section.id}': one line")
                break


if __name__ == "__main__":
    raise SystemExit(main())
