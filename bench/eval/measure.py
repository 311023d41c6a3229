"""One letter through Missive, scored against its truth.

The letter is imported with ``import … --no-carry`` and checked with
``check --json`` — the real CLI commands, run in this process through
`main.run_command` (or as subprocesses with ``subprocess=True``). Only the
``check --json`` contract of DESIGN §5 is read from the check; the draft
itself is opened read-only to turn an evidence's ``section`` + ``paragraph``
back into the paragraph's text, which is then found in the annotated letter.

Three renditions of each letter are measured:

* ``txt`` — the corpus file itself, through the text importer;
* ``docx`` — a Word file written with python-docx from the same paragraphs
  (section headings in "Heading 1", writers' subheadings in "Heading 2",
  bullet items in "List Bullet", the rest in "Normal"), through the DOCX
  importer;
* ``placed`` — no import: a new draft (``new``) whose sections are filled
  (``fill``) with the paragraphs the truth puts there, writers' subheadings as
  "## " lines and bullets as "- " lines. It measures the checks alone, as if
  the import mapping were perfect; paragraphs that belong in "unassigned"
  are left out, and no mapping is scored.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.eval.truth import SECTION_IDS, UNASSIGNED, Letter, Paragraph, norm

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = "minusma-six-monthly"

# A requirement counts as predicted met when its status is one of these, or
# when its source says the engine suggests it (the engine will soon separate
# "suggested" from "confirmed"; both mean the writer is shown a tick).
PREDICTED_MET_STATUSES = frozenset({"covered", "suggested"})
PREDICTED_MET_SOURCES = frozenset({"suggested"})


class MissiveFailure(RuntimeError):
    """A Missive command exited non-zero on a corpus letter."""


def predicted_met(requirement: dict[str, Any]) -> bool:
    """Whether a `check --json` requirement entry shows the requirement as met."""
    status, source = requirement.get("status"), requirement.get("source")
    if status in PREDICTED_MET_STATUSES:
        return True
    return source in PREDICTED_MET_SOURCES and status != "missing"


# -- running Missive --------------------------------------------------------


def run_missive(argv: list[str], *, use_subprocess: bool = False) -> str:
    """Stdout of `python main.py ARGV`; MissiveFailure on a non-zero exit."""
    if use_subprocess:
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], cwd=ROOT,
                              capture_output=True, text=True, check=False)
        code, out, err = done.returncode, done.stdout, done.stderr
    else:
        import main

        out_buf, err_buf = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out_buf), contextlib.redirect_stderr(err_buf):
            try:
                code = main.main(argv)  # what `python main.py ARGV` runs
            except SystemExit as exc:  # argparse reports bad usage by exiting
                code = exc.code if isinstance(exc.code, int) else 2
        out, err = out_buf.getvalue(), err_buf.getvalue()
    if code != 0:
        raise MissiveFailure(f"missive {' '.join(argv)} exited {code}: {err.strip()}")
    return out


def load_draft(path: Path) -> Any:
    """The letter saved in a draft file, opened read-only."""
    from drafting.storage.store import DraftStore

    store = DraftStore.open(path, read_only=True)
    try:
        return store.load()
    finally:
        close = getattr(store, "close", None)
        if close is not None:
            close()


def draft_blocks(draft: Any) -> list[tuple[str, int, str, str]]:
    """(section id, index, kind, text) of every block, the unassigned area last."""
    out: list[tuple[str, int, str, str]] = []
    for section in draft.sections:
        for index, block in enumerate(section.blocks):
            out.append((section.id, index, str(block.kind), block.text))
    for index, block in enumerate(getattr(draft, "unassigned", [])):
        out.append((UNASSIGNED, index, str(block.kind), block.text))
    return out


# -- the DOCX rendition -----------------------------------------------------


def write_docx(letter: Letter, target: Path) -> Path:
    """The letter as a Word file with heading and list styles (module docstring)."""
    from docx import Document

    document = Document()
    for p in letter.paragraphs:
        if p.kind == "heading":
            document.add_paragraph(p.text, style="Heading 2" if p.subheading else "Heading 1")
        elif p.kind == "bullet":
            document.add_paragraph(p.text, style="List Bullet")
        else:
            document.add_paragraph(p.text)
    document.save(str(target))
    return target


def write_placed(letter: Letter, draft_path: Path, workdir: Path, *,
                 use_subprocess: bool = False) -> None:
    """A draft made with `new` and `fill`, each paragraph in its annotated section."""
    run_missive(["new", "-t", TEMPLATE, "-l", letter.language, "-o", str(draft_path)],
                use_subprocess=use_subprocess)
    for section in SECTION_IDS:
        lines: list[str] = []
        for p in letter.paragraphs:
            if p.section != section or (p.kind == "heading" and not p.subheading):
                continue
            prefix = {"heading": "## ", "bullet": "- "}.get(p.kind, "")
            lines.append(prefix + " ".join(p.text.split()))
        if not lines:
            continue
        part = workdir / f"{letter.name}.{section}.txt"
        part.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        run_missive(["fill", str(draft_path), "--section", section, "--from", str(part)],
                    use_subprocess=use_subprocess)


# -- scoring ----------------------------------------------------------------


@dataclass
class Outcome:
    """Everything measured on one rendition of one letter."""

    letter: str
    language: str
    rendition: str
    coverage: list[dict[str, Any]] = field(default_factory=list)
    mapping: dict[str, Any] = field(default_factory=dict)
    figures: list[dict[str, Any]] = field(default_factory=list)
    figure_alarms: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "letter": self.letter,
            "language": self.language,
            "rendition": self.rendition,
            "error": self.error,
            "coverage": self.coverage,
            "mapping": self.mapping,
            "figures": self.figures,
            "figure_alarms": self.figure_alarms,
        }


class Locator:
    """Finds which annotated paragraph(s) a draft block holds."""

    def __init__(self, letter: Letter) -> None:
        self.letter = letter
        self.by_key = {p.key: p for p in letter.paragraphs}

    def paragraphs_of(self, text: str) -> list[Paragraph]:
        """The paragraphs whose text is the block's, or that it contains, or that contain it."""
        key = norm(text)
        if not key:
            return []
        exact = self.by_key.get(key)
        if exact is not None:
            return [exact]
        inside = [p for p in self.letter.paragraphs if p.key and p.key in key]
        if inside:  # blocks the importer merged
            return inside
        return [p for p in self.letter.paragraphs if key in p.key][:1]  # a split block


def _excerpt(text: str, width: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def measure(letter: Letter, source: Path | None, rendition: str, workdir: Path, *,
            use_subprocess: bool = False) -> Outcome:
    """Import `source` (or place the paragraphs when it is None), check the draft, and
    score coverage, evidence, mapping (imports only) and figures."""
    outcome = Outcome(letter.name, letter.language, rendition)
    draft_path = workdir / f"{letter.name}.{rendition}.missive"
    draft_path.unlink(missing_ok=True)
    try:
        if source is None:
            write_placed(letter, draft_path, workdir, use_subprocess=use_subprocess)
        else:
            run_missive(["import", str(source), "-t", TEMPLATE, "-l", letter.language,
                         "-o", str(draft_path), "--no-carry"], use_subprocess=use_subprocess)
        report = json.loads(run_missive(["check", str(draft_path), "--json"],
                                        use_subprocess=use_subprocess))
        draft = load_draft(draft_path)
    except MissiveFailure as exc:
        outcome.error = str(exc)
        return outcome
    except Exception as exc:  # an engine under rewrite may crash: report it, go on
        outcome.error = f"{type(exc).__name__}: {exc}"
        return outcome
    blocks = draft_blocks(draft)
    where = {(sid, index): text for sid, index, _kind, text in blocks}
    locator = Locator(letter)
    outcome.coverage = score_coverage(letter, report, where, locator)
    if source is not None:
        outcome.mapping = score_mapping(letter, blocks, locator)
    outcome.figures, outcome.figure_alarms = score_figures(letter, report, where, locator)
    return outcome


def _near_miss(letter: Letter, paragraphs: list[Paragraph], requirement: str) -> str | None:
    for p in paragraphs:
        for miss in letter.near_misses:
            if miss.paragraph == p.index and miss.requirement == requirement:
                return miss.kind
    return None


def score_coverage(letter: Letter, report: dict[str, Any],
                   where: dict[tuple[str, int], str], locator: Locator) -> list[dict[str, Any]]:
    """One row per requirement: truth, prediction, and whether the first evidence is right."""
    entries = {r.get("id"): r for r in report.get("requirements", [])}
    rows: list[dict[str, Any]] = []
    for rid, truth in letter.requirements.items():
        entry = entries.get(rid, {})
        predicted = predicted_met(entry) if entry else False
        row: dict[str, Any] = {
            "id": rid, "truth": truth.met, "predicted": predicted,
            "status": entry.get("status"), "source": entry.get("source"),
            "evidence_ok": None, "first_evidence": None,
        }
        evidence = entry.get("evidence") or []
        if predicted and evidence:
            first = evidence[0]
            section, index = first.get("section"), first.get("paragraph")
            text = where.get((str(section), int(index))) if isinstance(index, int) else None
            found = locator.paragraphs_of(text) if text else []
            row["first_evidence"] = {
                "section": section, "paragraph": index,
                "excerpt": first.get("excerpt") or _excerpt(text or ""),
                "near_miss": _near_miss(letter, found, rid),
                "opening": any(p.section == "opening" for p in found),
            }
            if truth.met:
                row["evidence_ok"] = any(p.index in truth.evidence for p in found)
        elif predicted and truth.met:
            row["evidence_ok"] = False
        rows.append(row)
    return rows


def score_mapping(letter: Letter, blocks: list[tuple[str, int, str, str]],
                  locator: Locator) -> dict[str, Any]:
    """Where each annotated body paragraph landed, against where it belongs."""
    landed: dict[int, str] = {}
    stray = 0
    for sid, _index, kind, text in blocks:
        found = locator.paragraphs_of(text)
        body = [p for p in found if p.is_body]
        if not body:
            if kind != "subheading" and text.strip() and not any(p.kind == "heading"
                                                                for p in found):
                stray += 1  # a block that is no body paragraph of the letter
            continue
        for p in body:
            landed.setdefault(p.index, sid)
    wrong: list[dict[str, Any]] = []
    right = 0
    for p in letter.body:
        got = landed.get(p.index, "(missing)")
        if got == p.section:
            right += 1
        else:
            wrong.append({"paragraph": _excerpt(p.text, 80), "expected": p.section, "got": got,
                          "heading": _heading_of(letter, p)})
    return {
        "paragraphs": len(letter.body),
        "right": right,
        "unassigned": sum(1 for sid in landed.values() if sid == UNASSIGNED),
        "expected_unassigned": sum(1 for p in letter.body if p.section == UNASSIGNED),
        "missing": sum(1 for p in letter.body if p.index not in landed),
        "stray_blocks": stray,
        "wrong": wrong,
    }


def _heading_of(letter: Letter, paragraph: Paragraph) -> str:
    heading = ""
    for p in letter.paragraphs[: paragraph.index]:
        if p.kind == "heading":
            heading = p.text
    return heading


_NUMBER_RE = re.compile(r"\d[\d\s\u00a0\u202f.,]*\d|\d")


def _numbers(text: str) -> set[str]:
    return {re.sub(r"[\s\u00a0\u202f,.]", "", m.group(0)) for m in _NUMBER_RE.finditer(text)}


def score_figures(letter: Letter, report: dict[str, Any], where: dict[tuple[str, int], str],
                  locator: Locator) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each annotated figure sentence (caught or not) and each figure finding (true or false).

    A finding is tied to an annotated sentence of its paragraph; when the
    paragraph holds several, to the one sharing most numbers with the message.
    """
    flagged: dict[int, list[str]] = {}
    alarms: list[dict[str, Any]] = []
    for finding in report.get("findings", []):
        code = str(finding.get("code", ""))
        if not code.startswith("figure."):
            continue
        section, index = finding.get("section"), finding.get("paragraph")
        text = where.get((str(section), int(index))) if isinstance(index, int) else None
        paragraphs = {p.index for p in locator.paragraphs_of(text)} if text else set()
        candidates = [i for i, f in enumerate(letter.figures) if f.paragraph in paragraphs]
        message = str(finding.get("message", ""))
        if len(candidates) > 1:
            wanted = _numbers(message)
            candidates.sort(key=lambda i: -len(wanted & _numbers(letter.figures[i].quote)))
        target = candidates[0] if candidates else None
        figure = letter.figures[target] if target is not None else None
        if target is not None:
            flagged.setdefault(target, []).append(code)
        alarms.append({
            "code": code, "section": section, "paragraph": index, "message": message,
            "sentence": figure.quote if figure else _excerpt(text or ""),
            "annotated": figure is not None,
            "true": bool(figure and figure.error),
        })
    rows = []
    for i, f in enumerate(letter.figures):
        codes = flagged.get(i, [])
        rows.append({"quote": f.quote, "error": f.error, "expected_code": f.code,
                     "flagged": codes, "caught": bool(codes) and f.error,
                     "right_code": f.code in codes if f.error else None})
    return rows, alarms
