"""DESIGN §3.1's truth test on the real 2020 letter kept in the team's seeds folder.

The seed letter was written under resolution 2480 (2019): it meets 13
requirements and not the three that resolution 2531 (2020) added. Its text is
not ours, so nothing of it is stored in the results (indexes only, no
excerpts); the folder sits beside the clone (`../shared/seeds`), or beside
the main clone when this is a git worktree, and a user's clone has none.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.eval.measure import (
    TEMPLATE,
    MissiveFailure,
    draft_blocks,
    load_draft,
    predicted_met,
    run_missive,
)
from bench.eval.truth import ADDED_BY_2531, REQUIREMENT_IDS, UNASSIGNED

SEED_GLOB = "000_*.txt"


def _main_clone(root: Path) -> Path | None:
    """The main working tree when `root` is a git worktree (its .git is a file)."""
    dot_git = root / ".git"
    if not dot_git.is_file():
        return None
    text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
    if not text.startswith("gitdir:"):
        return None
    gitdir = (root / text.removeprefix("gitdir:").strip()).resolve()
    common_file = gitdir / "commondir"
    if common_file.is_file():
        common = (gitdir / common_file.read_text(encoding="utf-8").strip()).resolve()
    else:
        common = gitdir.parent.parent
    return common.parent


def find_seeds(explicit: Path | None, root: Path) -> Path | None:
    """The seed letter file, or None when no seeds folder is around."""
    folders = [explicit] if explicit else [root.parent / "shared" / "seeds"]
    if not explicit:
        main = _main_clone(root)
        if main is not None:
            folders.append(main.parent / "shared" / "seeds")
    for folder in folders:
        if folder and folder.is_dir():
            found = sorted(folder.glob(SEED_GLOB))
            if found:
                return found[0]
    return None


def evaluate_seed(path: Path, workdir: Path, *, use_subprocess: bool = False) -> dict[str, Any]:
    """Coverage of the seed letter against DESIGN's truth, and its unassigned paragraphs.

    `lines` (printed, never stored) quote the engine's evidence excerpts.
    """
    result: dict[str, Any] = {"file": path.name, "not_met": list(ADDED_BY_2531), "lines": []}
    draft_path = workdir / "seed.missive"
    draft_path.unlink(missing_ok=True)
    try:
        run_missive(["import", str(path), "-t", TEMPLATE, "-l", "fr", "-o", str(draft_path),
                     "--no-carry"], use_subprocess=use_subprocess)
        report = json.loads(run_missive(["check", str(draft_path), "--json"],
                                        use_subprocess=use_subprocess))
        draft = load_draft(draft_path)
    except MissiveFailure as exc:
        result["error"] = str(exc)
        return result
    except Exception as exc:  # an engine under rewrite may crash: report it, go on
        result["error"] = f"{type(exc).__name__}: {exc}"
        return result
    entries = {r.get("id"): r for r in report.get("requirements", [])}
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    rows = []
    lines: list[str] = []
    for rid in REQUIREMENT_IDS:
        truth = rid not in ADDED_BY_2531
        entry = entries.get(rid, {})
        predicted = predicted_met(entry) if entry else False
        key = {(True, True): "tp", (False, True): "fp", (True, False): "fn",
               (False, False): "tn"}[(truth, predicted)]
        counts[key] += 1
        evidence = (entry.get("evidence") or [{}])[0] if predicted else {}
        rows.append({"id": rid, "truth": truth, "predicted": predicted,
                     "evidence": {k: evidence.get(k) for k in ("section", "paragraph")}})
        if key == "fp":
            lines.append(f"FALSE TICK  {rid}: {evidence.get('section')}/"
                         f"{evidence.get('paragraph')} «{evidence.get('excerpt', '')}»")
        elif key == "fn":
            lines.append(f"MISSED      {rid}")
    unassigned = [(kind, text) for sid, _i, kind, text in draft_blocks(draft)
                  if sid == UNASSIGNED and kind != "subheading" and text.strip()]
    for _kind, text in unassigned:
        lines.append(f"UNASSIGNED  «{' '.join(text.split()[:12])}…»")
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    result.update(counts)
    result.update({
        "precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "recall": round(tp / (tp + fn), 4) if tp + fn else None,
        "unassigned": len(unassigned),
        "requirements": rows,
        "lines": lines,
    })
    return result
