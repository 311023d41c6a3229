"""The benchmarks that run whole processes: the command line against a naive
script, the memory of a window on 200 pages, the desktop bundle's cold start,
and LibreOffice's page count.
Each takes the running `Suite` (`bench/run.py`)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from common import Measure, letter_plain_blocks, ratio_measure

if TYPE_CHECKING:
    from run import Suite

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
BUNDLE_EXE = ROOT / "dist" / "missive" / "missive"


def bench_cli(suite: Suite) -> None:
    # Written French prose (typography, symbols, resolution references), not
    # generated text: what a writer's letter costs the command line.
    draft = suite.draft("47w")
    blocks_file = suite.tmp / "47w-blocks.json"
    blocks_file.write_text(json.dumps(letter_plain_blocks(suite.letter("47w")),
                                      ensure_ascii=False), encoding="utf-8")
    env = suite.subprocess_env()
    cli_cmd = [sys.executable, str(ROOT / "main.py"), "export", str(draft), "-o",
               str(suite.tmp / "cli.docx")]
    naive_cmd = [sys.executable, str(BENCH / "baselines.py"), "naive",
                 str(blocks_file), str(suite.tmp / "naive.docx")]

    def timed(cmd: list[str]) -> float:
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT,
                              timeout=120)
        ms = (time.perf_counter() - t0) * 1000
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd[1:3]} failed: {proc.stderr[-2000:]}")
        return ms

    timed(cli_cmd)
    timed(naive_cmd)
    cli, naive = [], []
    for _ in range(suite.n(5, 2)):  # interleaved so load changes hit both alike
        cli.append(timed(cli_cmd))
        naive.append(timed(naive_cmd))
    suite.add(Measure("cli_export_47w", "`main.py export` 47 p French letter (subprocess)",
                     "ms", cli))
    suite.add(Measure("cli_naive_47w", "naive python-docx script, same 47 p (subprocess)",
                     "ms", naive))
    suite.add(ratio_measure("cli_export_ratio", "`main.py export` ÷ naive script, 47 p",
                           cli, naive, 1.5, paired=True))


def bench_memory(suite: Suite) -> None:
    draft = suite.draft("200p", copy="-mem")
    samples = []
    for _ in range(suite.n(2, 1)):
        _ms, rss = suite.probe_run("memory", draft)
        if rss is None:
            raise RuntimeError("the memory probe reported no RSS")
        samples.append(rss)
    suite.add(Measure("peak_rss_200p", "peak RSS, 200 p draft open in the window", "MB",
                     samples, 300, note="VmHWM of the child process",
                     extra={"ru_maxrss_mb": [round(x, 1) for x in suite.maxrss]}))


def bench_bundle(suite: Suite) -> None:
    if not BUNDLE_EXE.is_file():
        print(f"  bundle: not measured, {BUNDLE_EXE.relative_to(ROOT)} does not exist "
              "(run `make bundle` first)", flush=True)
        return
    draft = suite.draft("sample", copy="-bundle")
    env = dict(suite.subprocess_env(), MISSIVE_PROBE_PAINT="1")
    commands = {"bundle": [str(BUNDLE_EXE), str(draft)],
                "venv": [sys.executable, str(ROOT / "main.py"), str(draft)]}

    def painted_ms(cmd: list[str]) -> float:
        t0 = time.time()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=suite.tmp,
                              timeout=120)
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("PAINTED ")]
        if proc.returncode != 0 or not lines:
            raise RuntimeError(f"{cmd[0]} never painted: {proc.stderr[-2000:]}")
        return (float(lines[0].split()[1]) - t0) * 1000

    for cmd in commands.values():  # the first run of each pays for the disk cache
        painted_ms(cmd)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(suite.n(7, 3)):  # interleaved, so load changes hit both alike
        for name, cmd in commands.items():
            samples[name].append(painted_ms(cmd))
    suite.add(Measure("cold_start_bundle", "cold start → first paint, bundle (dist/missive)",
                     "ms", samples["bundle"], 1500))
    suite.add(Measure("cold_start_bundle_venv", "cold start → first paint, venv, same probe",
                     "ms", samples["venv"]))
    suite.add(ratio_measure("cold_start_bundle_ratio", "bundle ÷ venv cold start",
                           samples["bundle"], samples["venv"], paired=True))


def count_pages(suite: Suite) -> None:
    """Pages LibreOffice sets the 50-page letter on (calibrates WORDS_PER_PAGE)."""
    from drafting.export import export_docx

    soffice, pdfinfo = shutil.which("soffice"), shutil.which("pdfinfo")
    if not soffice or not pdfinfo:
        print("pages: soffice or pdfinfo missing")
        return
    docx = suite.tmp / "pages.docx"
    export_docx(suite.letter("50p"), suite.template, docx)
    subprocess.run([soffice, f"-env:UserInstallation={(suite.tmp / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(suite.tmp),
                    str(docx)], capture_output=True, check=True, timeout=300)
    info = subprocess.run([pdfinfo, str(docx.with_suffix(".pdf"))], capture_output=True,
                          text=True, check=True).stdout
    pages = [ln.split()[1] for ln in info.splitlines() if ln.startswith("Pages:")]
    print(f"the 50-page letter ({suite.letter('50p').word_count()} words) is set on "
          f"{pages[0] if pages else '?'} pages by LibreOffice")
