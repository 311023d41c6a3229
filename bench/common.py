"""Shared pieces of the benchmarks: letter generators, timing and statistics.

The large letters are generated, never committed: `paged_letter(pages)` takes
the checks' benchmark letter (`bench_checks.build_letter`: varied sentences
with places, counts, figures, placeholders and document symbols) and adds
subheadings, bullet lists and bold and italic runs, for `pages *
WORDS_PER_PAGE` words. The same seed gives the same letter.
"""

from __future__ import annotations

import json
import math
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from bench_checks import build_letter  # noqa: E402

from drafting.letter import Block, Letter, spans_from_text  # noqa: E402
from drafting.paths import samples_dir  # noqa: E402
from drafting.templates.catalog import get_template  # noqa: E402

TEMPLATE_ID = "minusma-six-monthly"
# A letter page in the UN layout (Times 10 pt on 12 pt lines, 1267-twip side
# indents) holds about 600 words: LibreOffice sets 30,000 generated words on
# 50 pages (`bench/run.py --pages` re-measures it).
WORDS_PER_PAGE = 600

SUBHEADINGS = {
    "fr": ["Évaluations de la performance", "Problèmes rencontrés", "Situation dans le centre",
           "Appui logistique", "Mesures d’atténuation", "Perspectives"],
    "en": ["Performance evaluations", "Challenges", "Situation in the centre",
           "Logistical support", "Mitigating measures", "Outlook"],
}
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZÀ-Ý\[])")


def sample_letter(lang: str = "fr") -> Letter:
    """The shipped sample draft in `lang`."""
    path = samples_dir() / f"{TEMPLATE_ID}.{lang}.json"
    return Letter.from_dict(json.loads(path.read_text(encoding="utf-8")))


def paged_letter(pages: float, lang: str = "fr", seed: int = 2531) -> Letter:
    """A letter of about `pages` pages (`WORDS_PER_PAGE` words each).

    The paragraphs are `bench_checks.build_letter`'s (the checks' benchmark
    letter: figures, symbols and placeholders in about one sentence in six);
    this adds what a real letter also has: a subheading every 6 to 12
    paragraphs, one paragraph in ten turned into a bullet list (one item per
    sentence, some on the second level), and a bold or italic run in one
    paragraph in twenty.
    """
    letter = build_letter(lang, words=int(pages * WORDS_PER_PAGE), seed=seed)
    rng = random.Random(seed)
    for section in letter.sections:
        if section.id == "opening":
            continue
        out: list[Block] = []
        next_heading = rng.randint(6, 12)
        for i, block in enumerate(section.blocks):
            if i == next_heading:
                out.append(Block.from_text(rng.choice(SUBHEADINGS[lang]), kind="subheading"))
                next_heading += rng.randint(6, 12)
            roll = rng.random()
            if roll < 0.10:
                for k, sentence in enumerate(_SENTENCE_END.split(block.text)):
                    out.append(Block.from_text(sentence, kind="bullet",
                                               level=1 if k and rng.random() < 0.25 else 0))
                continue
            if roll < 0.15:
                _style_a_sentence(block, bold=roll < 0.125)
            out.append(block)
        section.blocks = out
    return letter


def written_letter(pages: float, lang: str = "fr") -> Letter:
    """A letter of about `pages` pages made of the shipped sample's own paragraphs.

    Unlike `paged_letter` the text is written prose with the letter's real
    typography (no-break spaces, guillemets, curly apostrophes, "1er"),
    document symbols and resolution references, dates and figures. Each
    section's paragraphs repeat, in turn, until the letter reaches its size;
    the numbers in each copy are shifted so no two paragraphs are the same
    text (caches keyed on text stay as cold as for a real letter).
    """
    letter = sample_letter(lang)
    bodies = [s for s in letter.sections if s.id != "opening" and s.blocks]
    words = sum(s.word_count() for s in letter.sections)
    target = int(pages * WORDS_PER_PAGE)
    round_no = 0
    originals = {s.id: list(s.blocks) for s in bodies}
    while words < target:
        round_no += 1
        for section in bodies:
            for block in originals[section.id]:
                copy = Block.from_dict(block.to_dict())
                copy.id = f"{block.id}-{round_no}"
                for span in copy.spans:
                    if span.kind == "text":
                        span.text = _shift_numbers(span.text, round_no)
                section.blocks.append(copy)
                words += copy.word_count()
    return letter


_NUMBER = re.compile(r"(?<![\d/.,])\d{2,3}(?![\d/])")


def _shift_numbers(text: str, by: int) -> str:
    """Change two- and three-digit counts (not symbols or years) by `by`."""
    return _NUMBER.sub(lambda m: str(int(m.group(0)) + by), text)


def _style_a_sentence(block: Block, bold: bool) -> None:
    """Make the first sentence of a plain paragraph bold or italic."""
    text = block.text
    parts = _SENTENCE_END.split(text, maxsplit=1)
    if len(parts) < 2:
        return
    head = spans_from_text(parts[0], bold=bold, italic=not bold)
    block.spans = head + spans_from_text(text[len(parts[0]):])


def letter_plain_blocks(letter: Letter) -> list[tuple[str, str]]:
    """(kind, text) of every block in reading order, section headings as
    "heading" blocks: the same content the baselines write."""
    template = get_template(letter.template_id)
    lang = letter.metadata.language
    out: list[tuple[str, str]] = []
    for section in letter.sections:
        try:
            heading = template.section(section.id).heading(lang)
        except KeyError:
            heading = section.heading
        if section.blocks and heading:
            out.append(("heading", heading))
        out.extend((b.kind, b.text) for b in section.blocks)
    return out


# -- timing ------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    k = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class Clock:
    """Wall-clock and CPU milliseconds of timed regions, sample by sample.

    CPU time (this process, all threads) is reported beside wall time: on a
    shared machine the gap between the two is time spent waiting for a core.
    """

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def time(self, fn: Callable[[], object]) -> None:
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        self.wall.append((time.perf_counter() - w0) * 1000)
        self.cpu.append((time.process_time() - c0) * 1000)


def repeat_ms(fn: Callable[[], object], runs: int, warmup: int = 1) -> Clock:
    """`runs` timed calls of `fn` after `warmup` untimed ones."""
    for _ in range(warmup):
        fn()
    clock = Clock()
    for _ in range(runs):
        clock.time(fn)
    return clock


@dataclass
class Measure:
    """One row of the report: samples, a target on one statistic, notes."""

    key: str
    label: str
    unit: str  # "ms", "MB", "calls" or "x" (a ratio)
    samples: list[float]
    target: float | None = None
    stat: str = "median"  # which statistic the target applies to
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    cpu: list[float] = field(default_factory=list)  # CPU ms per sample, when measured

    @classmethod
    def timed(cls, key: str, label: str, clock: Clock, target: float | None = None,
              stat: str = "median", **kw: Any) -> Measure:
        """A millisecond row from a `Clock`."""
        return cls(key, label, "ms", clock.wall, target, stat, cpu=clock.cpu, **kw)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else math.nan

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else math.nan

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    @property
    def value(self) -> float:
        return self.p95 if self.stat == "p95" else self.median

    def status(self, margin: float) -> str:
        """"ok", "over" (missed within the noise margin), "FAIL" or "info"."""
        if self.target is None or not self.samples:
            return "info"
        if self.value <= self.target:
            return "ok"
        return "over" if self.value <= self.target * (1 + margin) else "FAIL"

    def to_json(self, margin: float) -> dict[str, Any]:
        return {
            "label": self.label,
            "unit": self.unit,
            "n": len(self.samples),
            "median": round(self.median, 3),
            "p95": round(self.p95, 3),
            "min": round(min(self.samples), 3) if self.samples else None,
            "max": round(max(self.samples), 3) if self.samples else None,
            "cpu_median": round(self.cpu_median, 3) if self.cpu else None,
            "target": self.target,
            "target_stat": self.stat,
            "status": self.status(margin),
            "note": self.note,
            **self.extra,
        }


# -- reporting ---------------------------------------------------------------

def machine_info() -> dict[str, Any]:
    """What the figures were measured on (for results.json and the README)."""
    import os
    import platform

    cpu = platform.processor() or platform.machine()
    ram_gb = 0.0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions: dict[str, str] = {}
    for name in ("PySide6", "docx", "lxml"):
        try:
            module = __import__(name)
            versions[name] = str(getattr(module, "__version__", "?"))
        except ImportError:
            versions[name] = "missing"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": ram_gb,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": versions,
        "qpa": os.environ.get("QT_QPA_PLATFORM", ""),
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }


def _fmt(value: float, unit: str) -> str:
    if math.isnan(value):
        return "—"
    if unit == "x":
        return f"{value:.2f}×"
    if unit == "calls":
        return f"{value:.0f}"
    return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def print_table(measures: list[Measure], margin: float) -> bool:
    """Print the table with targets beside the figures; True if any target FAILed."""
    width = max((len(m.label) for m in measures), default=20)
    header = (f"{'measure':<{width}}  {'median':>10}  {'p95':>10}  {'cpu med':>9}  "
              f"{'target':>17}  status")
    print()
    print(header)
    print("-" * len(header))
    failed = False
    for m in measures:
        target = "" if m.target is None else \
            f"≤ {_fmt(m.target, m.unit)} {'p95' if m.stat == 'p95' else 'med'}"
        status = m.status(margin)
        failed = failed or status == "FAIL"
        cpu = _fmt(m.cpu_median, m.unit) if m.cpu else ""
        print(f"{m.label:<{width}}  {_fmt(m.median, m.unit):>10}  {_fmt(m.p95, m.unit):>10}  "
              f"{cpu:>9}  {target:>17}  {'' if status == 'info' else status}")
    print(f"\nTargets apply to wall-clock time. 'over': missed by at most {margin:.0%} (noise "
          "margin); 'FAIL': missed by more (exit status 1). 'cpu med': CPU time of this process; "
          "far below the wall time means the machine was busy.")
    return failed


# -- measuring helpers -------------------------------------------------------

def quiet_qt(kind: Any, context: Any, message: str) -> None:
    """Qt's messages, minus the offscreen plugin's note on every window shown."""
    if "propagateSizeHints" not in message:
        print(f"qt: {message}", file=sys.stderr)


def biggest_section(letter: Letter) -> str:
    return max(letter.sections, key=lambda s: s.word_count()).id


def ratio_measure(key: str, label: str, ours: list[float], base: list[float],
                  target: float | None = None, paired: bool = False) -> Measure:
    """Our time over a baseline's: per interleaved pair when `paired`, else the
    single ratio of the medians."""
    if paired:
        samples = [a / b for a, b in zip(ours, base, strict=False) if b > 0]
    else:
        samples = [statistics.median(ours) / statistics.median(base)]
    return Measure(key, label, "x", samples, target,
                   extra={"ratio_of_medians": round(statistics.median(ours)
                                                    / statistics.median(base), 3)})


def wrap_calls(obj: Any, name: str, hook: Callable[[], None]) -> None:
    """Call `hook` before every call of `obj.name` (an instance attribute shadows it)."""
    original = getattr(obj, name)

    def wrapper(*a: Any, **kw: Any) -> Any:
        hook()
        return original(*a, **kw)

    setattr(obj, name, wrapper)


def timed_calls(obj: Any, name: str, into: list[float]) -> None:
    """Append the milliseconds of every later call of `obj.name` to `into`."""
    original = getattr(obj, name)

    def wrapper(*a: Any, **kw: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return original(*a, **kw)
        finally:
            into.append((time.perf_counter() - t0) * 1000)

    setattr(obj, name, wrapper)


class PaintCounter:
    """Counts the Paint events a widget receives (one counter per widget)."""

    def __init__(self, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.count = 0
        counter = self

        class Filter(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt override
                if event.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self._filter = Filter(widget)  # parented: it lives and dies with the widget
        widget.installEventFilter(self._filter)

    @classmethod
    def on(cls, widget: Any) -> PaintCounter:
        """The counter of `widget`, installed on first use."""
        counter = getattr(widget, "_bench_paints", None)
        if counter is None:
            counter = cls(widget)
            widget._bench_paints = counter
        return counter
