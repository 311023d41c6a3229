"""Benchmark of the DOCX export: the French sample draft and a ~50-page letter.

    .venv/bin/python bench/bench_export.py [--runs N] [--pages]

Prints the median and spread of `export_docx` (build + atomic write) for each
letter. The 50-page letter repeats the sample's body blocks (with new ids)
until it holds about 30,000 words, which LibreOffice sets on ~50 pages;
`--pages` converts it once with soffice to report the real page count.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drafting.export import export_docx  # noqa: E402
from drafting.letter import Block, Letter  # noqa: E402
from drafting.paths import samples_dir  # noqa: E402
from drafting.templates.catalog import get_template  # noqa: E402

WORDS_FOR_50_PAGES = 30_000


def sample_letter() -> Letter:
    """The shipped French sample draft."""
    path = samples_dir() / "minusma-six-monthly.fr.json"
    return Letter.from_dict(json.loads(path.read_text(encoding="utf-8")))


def long_letter(words: int = WORDS_FOR_50_PAGES) -> Letter:
    """The sample with its sections' blocks repeated until `words` words."""
    letter = sample_letter()
    originals = {s.id: [b.to_dict() for b in s.blocks] for s in letter.sections}
    copy = 0
    while letter.word_count() < words:
        copy += 1
        for section in letter.sections:
            for data in originals[section.id]:
                block = Block.from_dict({**data, "id": f"{data['id']}-copy{copy}"})
                section.blocks.append(block)
    return letter


def time_export(letter: Letter, runs: int, folder: Path) -> list[float]:
    """Seconds per `export_docx` call, `runs` times."""
    template = get_template(letter.template_id)
    timings = []
    for i in range(runs):
        start = time.perf_counter()
        export_docx(letter, template, folder / f"bench-{i % 2}.docx")
        timings.append(time.perf_counter() - start)
    return timings


def page_count(docx_path: Path, folder: Path) -> int | None:
    """Pages of `docx_path` as LibreOffice sets them, or None without soffice."""
    soffice, pdfinfo = shutil.which("soffice"), shutil.which("pdfinfo")
    if not soffice or not pdfinfo:
        return None
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(folder), str(docx_path)],
                   capture_output=True, check=True, timeout=300)
    info = subprocess.run([pdfinfo, str(docx_path.with_suffix(".pdf"))], capture_output=True,
                          text=True, check=True).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def report(name: str, words: int, timings: list[float]) -> None:
    ms = [t * 1000 for t in timings]
    print(f"{name:<22} {words:>7} words  median {statistics.median(ms):7.1f} ms  "
          f"min {min(ms):7.1f}  max {max(ms):7.1f}  (n={len(ms)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--pages", action="store_true",
                        help="convert the long letter with soffice and print its page count")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sample, long = sample_letter(), long_letter()
        report("sample draft (fr)", sample.word_count(), time_export(sample, args.runs, folder))
        report("~50-page letter (fr)", long.word_count(), time_export(long, args.runs, folder))
        if args.pages:
            target = folder / "long.docx"
            export_docx(long, get_template(long.template_id), target)
            print(f"~50-page letter: {page_count(target, folder)} pages in LibreOffice")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
