"""`make eval`: Missive's guessing checks measured on the annotated corpus.

    .venv/bin/python bench/eval/run.py [--strict] [--only NAME ...] [--subprocess]
                                       [--seeds DIR | --no-seed] [--keep DIR] [--brief]
                                       [--corpus DIR] [--results PATH]

Every letter of `bench/eval/corpus/` (or of `--corpus DIR`, e.g. the held-out
letters of `bench/eval/heldout/`; see `truth.py` for the annotation
format) is imported as text and as a generated DOCX with `--no-carry`,
checked with `check --json`, and scored:

* coverage precision and recall over (letter, requirement) pairs — predicted
  met means `covered` (or a future `suggested`; see `measure.predicted_met`);
* evidence accuracy — among true positives, the share whose first evidence
  is a paragraph annotated as real evidence;
* import mapping — the share of body paragraphs landing in their section,
  and how many landed in "unassigned" (against how many belong there);
* figures — planted errors caught, false alarms on consistent sentences.

Prints a table per rendition and language, then per requirement, then each
letter's misses and false alarms with the evidence excerpt; writes
`bench/eval/results.json` (for another `--corpus`, `results.json` in that
folder). The seed letter of DESIGN §3.1's truth test is
evaluated separately when the team's seeds folder is found beside the clone.

Exits 0 — unless `--strict`, which exits 1 when a target is missed
(precision ≥ 0.95, recall ≥ 0.95, evidence accuracy ≥ 0.90, on every row).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.eval.measure import Outcome, measure, write_docx  # noqa: E402
from bench.eval.seed import evaluate_seed, find_seeds  # noqa: E402
from bench.eval.truth import CORPUS_DIR, REQUIREMENT_IDS, Letter, load_corpus  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results.json"
TARGETS = {"precision": 0.95, "recall": 0.95, "evidence": 0.90}
RENDITIONS = ("txt", "docx", "placed")


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def summarize(outcomes: Iterable[Outcome]) -> dict[str, Any]:
    """Coverage, evidence, mapping and figure counts and rates over `outcomes`."""
    tp = fp = fn = tn = ev_ok = 0
    paragraphs = right = unassigned = expected_unassigned = missing = stray = 0
    planted = caught = right_code = consistent = silent = 0
    alarms = true_alarms = 0
    by_code: dict[str, dict[str, int]] = {}
    fp_causes: dict[str, int] = {}
    ev_causes: dict[str, int] = {}
    letters = errors = 0
    for o in outcomes:
        letters += 1
        if o.error:
            errors += 1
            continue
        for row in o.coverage:
            truth, predicted = row["truth"], row["predicted"]
            tp += truth and predicted
            fp += predicted and not truth
            fn += truth and not predicted
            tn += not truth and not predicted
            ev_ok += bool(row["evidence_ok"])
            first = row["first_evidence"] or {}
            cause = first.get("near_miss") or ("the opening" if first.get("opening") else
                                               "unannotated" if first else "no evidence")
            if predicted and not truth:
                fp_causes[cause] = fp_causes.get(cause, 0) + 1
            elif row["evidence_ok"] is False:
                ev_causes[cause] = ev_causes.get(cause, 0) + 1
        m = o.mapping
        if m:
            paragraphs += m["paragraphs"]
            right += m["right"]
            unassigned += m["unassigned"]
            expected_unassigned += m["expected_unassigned"]
            missing += m["missing"]
            stray += m["stray_blocks"]
        for f in o.figures:
            code = by_code.setdefault(f["expected_code"] or "(consistent)",
                                      {"sentences": 0, "flagged": 0})
            code["sentences"] += 1
            code["flagged"] += bool(f["flagged"])
            if f["error"]:
                planted += 1
                caught += f["caught"]
                right_code += bool(f["right_code"])
            else:
                consistent += 1
                silent += not f["flagged"]
        for a in o.figure_alarms:
            alarms += 1
            true_alarms += a["true"]
            code = by_code.setdefault("alarms " + a["code"], {"true": 0, "false": 0})
            code["true" if a["true"] else "false"] += 1
    return {
        "letters": letters, "failed": errors,
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn),
        "evidence": _ratio(ev_ok, tp), "evidence_ok": ev_ok,
        "paragraphs": paragraphs, "mapped_right": right, "mapping": _ratio(right, paragraphs),
        "unassigned": unassigned, "expected_unassigned": expected_unassigned,
        "missing_paragraphs": missing, "stray_blocks": stray,
        "figures_planted": planted, "figures_caught": caught, "figures_right_code": right_code,
        "figure_recall": _ratio(caught, planted),
        "figures_consistent": consistent, "false_alarms": alarms - true_alarms,
        "figure_alarms": alarms, "figure_precision": _ratio(true_alarms, alarms),
        "figures_by_code": by_code,
        "false_tick_causes": fp_causes,
        "wrong_evidence_causes": ev_causes,
    }


def by_requirement(outcomes: Iterable[Outcome]) -> dict[str, dict[str, int]]:
    table = {rid: {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "evidence_ok": 0} for rid in REQUIREMENT_IDS}
    for o in outcomes:
        for row in o.coverage:
            t = table.setdefault(row["id"], {"tp": 0, "fp": 0, "fn": 0, "tn": 0,
                                             "evidence_ok": 0})
            key = {(True, True): "tp", (False, True): "fp", (True, False): "fn",
                   (False, False): "tn"}[(row["truth"], row["predicted"])]
            t[key] += 1
            t["evidence_ok"] += bool(row["evidence_ok"])
    return table


def missed_targets(summary: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    """Every (rendition, language, measure) below its target."""
    out = []
    for rendition, rows in summary.items():
        for lang, s in rows.items():
            for name, target in TARGETS.items():
                value = s.get(name)
                if s.get("failed") or value is None or value < target:
                    out.append(f"{rendition}/{lang} {name} {_fmt(value)} < {target:.2f}")
    return out


# -- printing ---------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _mark(value: float | None, target: float) -> str:
    return _fmt(value) + ("" if value is not None and value >= target else " ✗")


def print_summary(summary: dict[str, dict[str, dict[str, Any]]]) -> None:
    header = (f"{'':6} {'lang':4} {'pairs':>5} {'TP':>3} {'FP':>3} {'FN':>3} {'TN':>3} "
              f"{'precision':>9} {'recall':>8} {'evidence':>8} │ {'mapping':>7} "
              f"{'unassigned':>10} │ {'fig caught':>10} {'false alarms':>12} {'fig prec':>8}")
    print(header)
    print("─" * len(header))
    for rendition, rows in summary.items():
        for lang, s in rows.items():
            pairs = s["tp"] + s["fp"] + s["fn"] + s["tn"]
            fig = f"{s['figures_caught']}/{s['figures_planted']}"
            fa = f"{s['false_alarms']}"
            moved = (f"{s['unassigned']:>5} ({s['expected_unassigned']:>2})"
                     if s["paragraphs"] else f"{'—':>10}")
            print(f"{rendition:6} {lang:4} {pairs:>5} {s['tp']:>3} {s['fp']:>3} {s['fn']:>3} "
                  f"{s['tn']:>3} {_mark(s['precision'], TARGETS['precision']):>9} "
                  f"{_mark(s['recall'], TARGETS['recall']):>8} "
                  f"{_mark(s['evidence'], TARGETS['evidence']):>8} │ {_fmt(s['mapping']):>7} "
                  f"{moved} │ {fig:>10} {fa:>12} "
                  f"{_fmt(s['figure_precision']):>8}"
                  + (f"   [{s['failed']} letters failed]" if s["failed"] else ""))
    print(f"targets: precision ≥ {TARGETS['precision']}, recall ≥ {TARGETS['recall']}, "
          f"evidence ≥ {TARGETS['evidence']} (✗ = missed); unassigned: found (belonging there)")


def print_causes(summary: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Why ticks were false and first evidence wrong: the near-miss kind of the paragraph."""
    def fmt(causes: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(causes.items(), key=lambda kv: -kv[1])) \
            or "none"

    print("\nfirst evidence of a false tick / of a wrong evidence, by near-miss kind:")
    for rendition, rows in summary.items():
        s = rows["all"]
        print(f"  {rendition:6} false ticks: {fmt(s['false_tick_causes'])}; "
              f"wrong evidence: {fmt(s['wrong_evidence_causes'])}")
    s = summary["txt"]["all"]
    codes = s["figures_by_code"]
    planted = {c: v for c, v in codes.items() if c.startswith("figure.")}
    alarms = {c.removeprefix("alarms "): v for c, v in codes.items() if c.startswith("alarms ")}
    print("figures (txt): planted errors flagged: "
          + ", ".join(f"{c} {v['flagged']}/{v['sentences']}" for c, v in sorted(planted.items()))
          + f"; consistent sentences flagged: {codes.get('(consistent)', {}).get('flagged', 0)}/"
          f"{codes.get('(consistent)', {}).get('sentences', 0)}; findings by code: "
          + (", ".join(f"{c} {v['true']} true/{v['false']} false"
                       for c, v in sorted(alarms.items())) or "none"))


def print_requirements(tables: dict[str, dict[str, dict[str, int]]]) -> None:
    """Per requirement, each rendition side by side: TP FP FN TN and evidence right/TP."""
    names = list(tables)
    head = " │ ".join(f"{n + ': TP FP FN TN  ev':<24}" for n in names)
    print(f"\n{'requirement':34} {head}")
    for rid in REQUIREMENT_IDS:
        cells = []
        for n in names:
            t = tables[n][rid]
            ev = f"{t['evidence_ok']}/{t['tp']}" if t["tp"] else "—"
            cells.append(f"{'':{len(n) + 1}} {t['tp']:>2} {t['fp']:>2} {t['fn']:>2} {t['tn']:>2} "
                         f"{ev:>4}".ljust(24))
        print(f"{rid:34} " + " │ ".join(cells))


def letter_lines(o: Outcome) -> list[str]:
    """What went wrong on one rendition of one letter, one line each."""
    if o.error:
        return [f"FAILED  {o.error}"]
    lines: list[str] = []
    for row in o.coverage:
        first = row["first_evidence"]
        where = ""
        if first:
            tags = [t for t in (first["near_miss"] and f"near miss: {first['near_miss']}",
                                first["opening"] and "the opening") if t]
            where = (f" {first['section']}/{first['paragraph']} «{first['excerpt']}»"
                     + (f" [{', '.join(tags)}]" if tags else ""))
        if row["predicted"] and not row["truth"]:
            lines.append(f"FALSE TICK  {row['id']} ({row['status']}/{row['source']}):{where}")
        elif row["truth"] and not row["predicted"]:
            lines.append(f"MISSED      {row['id']} ({row['status']})")
        elif row["truth"] and row["evidence_ok"] is False:
            lines.append(f"WRONG EVID  {row['id']}:{where}")
    for w in o.mapping.get("wrong", []):
        lines.append(f"MAPPING     under «{w['heading']}»: expected {w['expected']}, got "
                     f"{w['got']}: «{w['paragraph']}»")
    if o.mapping.get("stray_blocks"):
        lines.append(f"MAPPING     {o.mapping['stray_blocks']} stray blocks (title, closing or "
                     f"signature left in the body)")
    for f in o.figures:
        if f["error"] and not f["caught"]:
            lines.append(f"FIG MISSED  {f['expected_code']}: «{f['quote']}»")
        elif f["error"] and not f["right_code"]:
            lines.append(f"FIG CODE    expected {f['expected_code']}, got {f['flagged']}: "
                         f"«{f['quote']}»")
    for a in o.figure_alarms:
        if not a["true"]:
            what = "consistent sentence" if a["annotated"] else "unannotated"
            lines.append(f"FIG FALSE   {a['code']} on {what} «{a['sentence']}»: {a['message']}")
    return lines


_COVERAGE_LINE = re.compile(r"^(FALSE TICK|WRONG EVID|MISSED)\s+(\S+)")


def _key(line: str) -> str:
    """What a line is about: the same miss with another excerpt is the same miss."""
    m = _COVERAGE_LINE.match(line)
    return f"{m.group(1)} {m.group(2)}" if m else line


def print_letters(outcomes: list[Outcome]) -> None:
    by_letter: dict[str, dict[str, Outcome]] = {}
    for o in outcomes:
        by_letter.setdefault(o.letter, {})[o.rendition] = o
    for name, renditions in by_letter.items():
        base = renditions.get("txt")
        base_lines = letter_lines(base) if base else []
        print(f"\n── {name} ({next(iter(renditions.values())).language})")
        for line in base_lines:
            print(f"  {line}")
        if not base_lines:
            print("  (txt: nothing wrong)")
        for rendition, o in renditions.items():
            if rendition == "txt":
                continue
            own = letter_lines(o)
            # a placed draft has no import mapping to compare
            compared = [x for x in base_lines if o.mapping or not x.startswith("MAPPING")]
            base_keys, own_keys = {_key(x) for x in compared}, {_key(x) for x in own}
            extra = [line for line in own if _key(line) not in base_keys]
            gone = [line for line in compared if _key(line) not in own_keys]
            for line in extra:
                print(f"  {rendition} only: {line}")
            for line in gone:
                print(f"  {rendition} fixes: {line}")


def print_seed(seed: dict[str, Any]) -> None:
    print(f"\n── seed letter ({seed['file']}, DESIGN §3.1 truth test: 13 met, "
          f"{', '.join(seed['not_met'])} not)")
    if seed.get("error"):
        print(f"  FAILED  {seed['error']}")
        return
    print(f"  TP {seed['tp']}  FP {seed['fp']}  FN {seed['fn']}  TN {seed['tn']}  precision "
          f"{_fmt(seed['precision'])}  recall {_fmt(seed['recall'])}  unassigned paragraphs "
          f"{seed['unassigned']} (expected 0)")
    for line in seed["lines"]:
        print(f"  {line}")


# -- main -------------------------------------------------------------------


def _commit() -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def _isolate_user_data() -> None:
    # User templates would override the shipped one: measure what ships.
    home = tempfile.mkdtemp(prefix="missive-eval-home-")
    os.environ["MISSIVE_DATA_DIR"] = os.path.join(home, "data")
    os.environ["MISSIVE_CONFIG_DIR"] = os.path.join(home, "config")


def evaluate(letters: list[Letter], workdir: Path, *, use_subprocess: bool) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for letter in letters:
        docx = write_docx(letter, workdir / f"{letter.name}.docx")
        for rendition, source in (("txt", letter.path), ("docx", docx), ("placed", None)):
            outcomes.append(measure(letter, source, rendition, workdir,
                                    use_subprocess=use_subprocess))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a target is missed")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="letters whose name contains NAME")
    parser.add_argument("--subprocess", action="store_true",
                        help="run `python main.py` as a subprocess for each command")
    parser.add_argument("--seeds", type=Path, help="folder holding the seed letter 000_*.txt")
    parser.add_argument("--no-seed", action="store_true", help="skip the seed letter")
    parser.add_argument("--keep", type=Path, help="keep drafts and DOCX renditions in this folder")
    parser.add_argument("--brief", action="store_true", help="tables only, no per-letter lines")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR,
                        help="folder of annotated letters (default: bench/eval/corpus)")
    parser.add_argument("--results", type=Path,
                        help="where to write the JSON (default: bench/eval/results.json for "
                             "the main corpus, else results.json in the --corpus folder)")
    args = parser.parse_args(argv)
    corpus_dir = args.corpus.resolve()
    if not corpus_dir.is_dir():
        parser.error(f"--corpus: no folder {args.corpus}")
    if args.results is None:
        args.results = RESULTS if corpus_dir == CORPUS_DIR.resolve() else corpus_dir / "results.json"

    _isolate_user_data()
    started = time.perf_counter()
    letters = load_corpus(corpus_dir)
    if args.only:
        letters = [x for x in letters if any(n in x.name for n in args.only)]
    with tempfile.TemporaryDirectory(prefix="missive-eval-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        outcomes = evaluate(letters, workdir, use_subprocess=args.subprocess)
        seed_file = None if args.no_seed else find_seeds(args.seeds, ROOT)
        seed = (evaluate_seed(seed_file, workdir, use_subprocess=args.subprocess)
                if seed_file else None)

    languages = sorted({o.language for o in outcomes})
    summary = {
        rendition: {
            **{lang: summarize(o for o in outcomes
                               if o.rendition == rendition and o.language == lang)
               for lang in languages},
            "all": summarize(o for o in outcomes if o.rendition == rendition),
        }
        for rendition in RENDITIONS
    }
    requirements = {r: by_requirement(o for o in outcomes if o.rendition == r)
                    for r in RENDITIONS}
    missed = missed_targets(summary)

    words = sum(x.words() for x in letters)
    try:
        where = corpus_dir.relative_to(ROOT).as_posix()
    except ValueError:
        where = str(corpus_dir)
    label = "" if corpus_dir == CORPUS_DIR.resolve() else f" of {where}"
    print(f"Missive eval{label}: {len(letters)} letters ({words:,} words; "
          + ", ".join(f"{sum(x.language == lang for x in letters)} {lang}" for lang in languages)
          + "); renditions: txt and docx imported, placed = filled into the annotated "
          "sections (the checks alone)\n")
    print_summary(summary)
    print_causes(summary)
    print_requirements({r: requirements[r] for r in ("txt", "placed")})
    if not args.brief:
        print_letters(outcomes)
    if seed is not None:
        print_seed(seed)
    else:
        print("\n(seed letter not evaluated: no seeds folder beside the clone; see --seeds)")
    elapsed = time.perf_counter() - started
    print(f"\n{'targets missed: ' + '; '.join(missed) if missed else 'all targets met'} "
          f"({elapsed:.1f} s)")

    results = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "commit": _commit(),
        "targets": TARGETS,
        "corpus": {"folder": where, "letters": len(letters), "words": words,
                   "languages": {lang: sum(x.language == lang for x in letters)
                                 for lang in languages}},
        "summary": summary,
        "by_requirement": requirements,
        "letters": [o.to_json() for o in outcomes],
        # the seed's text is not ours: its excerpts are printed, never stored
        "seed": {k: v for k, v in seed.items() if k != "lines"} if seed else None,
        "targets_missed": missed,
    }
    args.results.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
