"""DESIGN §3.1's truth test, on letters written for these tests (issue 14).

`tests/fixtures/letters/truth-fr.txt` is shaped like the real 2020 letter: the
template's section headings, two subheadings of the writers' own inside the
performance section, facts in every paragraph. It meets thirteen
requirements and not `isf.resource_mobilization`, `exit.criteria.g5_sahel`
or `exit.criteria.mdsf_redeployment`, whose near misses it holds instead
(resources redirected to medical equipment, the Sahel region, the country's
territorial integrity). `truth-en.txt` says the same in English. Both are
imported as text and as a DOCX built from the same lines, without carrying
them forward: exactly those three are not covered, the other thirteen are,
and nothing lands in "unassigned".

`stub-fr.txt` has one short paragraph per section that repeats the
requirements' own wording without a fact: it cannot be exported final, and
the findings say why. Imported *with* carry-forward, the true letter's text
is last period's: its requirements are `carried` until the writer accepts it.

The commands run in-process through `drafting.cli.run_command`, as
`python main.py …` would run them.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest

from drafting.cli import run_command
from drafting.storage.opening import load_letter

LETTERS = Path(__file__).resolve().parent / "fixtures" / "letters"
NOT_MET = {"isf.resource_mobilization", "exit.criteria.g5_sahel",
           "exit.criteria.mdsf_redeployment"}
SUBHEADINGS = {
    "fr": ["Évaluation des unités militaires et de police", "Contraintes rencontrées"],
    "en": ["Assessments of military and police units", "Constraints"],
}
# Where the first evidence of each met requirement may be: (section, 0-based
# block indexes of the paragraphs that say it; the performance section counts
# its two subheadings as blocks).
EVIDENCE = {
    "ops.progress": ("security", {1, 2}), "ops.security": ("security", {0, 1, 3}),
    "ops.adaptation_plan": ("security", {2}), "perf.performance": ("performance", {0, 3}),
    "perf.caveats": ("performance", {5}), "perf.underperformance": ("performance", {4}),
    "perf.rotation": ("rotation", {0}), "ops.coordination_body": ("coordination", {0}),
    "isf.update": ("framework", {0}), "isf.transition_plan": ("framework", {3}),
    "exit.plan": ("exit", {0}), "exit.criteria.security_political": ("exit", {0}),
    "exit.criteria.agreement": ("exit", {0}),
}  # fmt: skip


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def missive(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `python main.py ARGS`, run in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = run_command(list(args))
        except SystemExit as exc:  # argparse's way of refusing a usage
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def _chunks(name: str) -> list[str]:
    text = (LETTERS / name).read_text(encoding="utf-8")
    return [c.strip() for c in text.split("\n\n") if c.strip()]


def _is_heading(chunk: str) -> bool:
    return len(chunk) <= 90 and not chunk.endswith(".") and not chunk.startswith("(")


def _source(tmp_path: Path, name: str, shape: str) -> Path:
    """The letter as written (txt), or as a DOCX: headings in Heading 1, the
    writers' subheadings in Heading 2, the title line and the signature plain."""
    if shape == "txt":
        return LETTERS / name
    document = docx.Document()
    chunks = _chunks(name)
    subheadings = {s for names in SUBHEADINGS.values() for s in names}
    for n, chunk in enumerate(chunks):
        if n == 0 or n == len(chunks) - 1 or not _is_heading(chunk):
            document.add_paragraph(chunk)
        else:
            document.add_paragraph(chunk, style="Heading 2" if chunk in subheadings
                                   else "Heading 1")
    path = tmp_path / (Path(name).stem + ".docx")
    document.save(str(path))
    return path


def _import(tmp_path: Path, name: str, language: str, shape: str = "txt",
            carry: bool = False) -> Path:
    out = tmp_path / f"{Path(name).stem}-{shape}.missive"
    args = ["import", str(_source(tmp_path, name, shape)), "-t", "minusma-six-monthly",
            "-l", language, "-o", str(out)]
    code, _out, err = missive(*args, *([] if carry else ["--no-carry"]))
    assert code == 0, err
    return out


def _check(path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    code, out, err = missive("check", str(path), "--json", *extra)
    assert code in (0, 1), err
    return code, json.loads(out)


def _statuses(data: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    return {r["id"]: (r["status"], r["source"]) for r in data["requirements"]}


@pytest.mark.parametrize("shape", ["txt", "docx"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_truth_letter_meets_thirteen_and_not_the_three(
        tmp_path: Path, language: str, shape: str) -> None:
    path = _import(tmp_path, f"truth-{language}.txt", language, shape)
    letter, _template, _notices = load_letter(path)
    assert letter.unassigned == []
    performance = letter.section("performance").blocks
    assert [b.text for b in performance if b.kind == "subheading"] == SUBHEADINGS[language]
    _code, data = _check(path)
    statuses = _statuses(data)
    assert {rid for rid, (status, _s) in statuses.items() if status != "covered"} == NOT_MET
    assert all(statuses[rid] == ("missing", None) for rid in NOT_MET)
    # suggested, not met: nobody has confirmed anything yet
    assert {source for rid, (_st, source) in statuses.items() if rid not in NOT_MET} == {
        "detected"}
    # and the evidence shown first is the paragraph that says it
    first = {r["id"]: (r["evidence"][0]["section"], r["evidence"][0]["paragraph"])
             for r in data["requirements"] if r["evidence"]}
    assert set(first) == set(EVIDENCE)
    for rid, (section, paragraph) in first.items():
        assert section == EVIDENCE[rid][0] and paragraph in EVIDENCE[rid][1], rid


def test_near_misses_are_not_evidence(tmp_path: Path) -> None:
    """The three traps of the French letter, one by one, meet nothing they resemble."""
    from drafting.checks.concepts import ConceptSet
    from drafting.templates.catalog import get_template

    concepts = ConceptSet(get_template("minusma-six-monthly"), "fr")
    chunks = _chunks("truth-fr.txt")
    redirected = next(c for c in chunks if "réaffecté une partie des ressources" in c)
    sahel = next(c for c in chunks if "région du Sahel" in c)
    assert "isf.resource_mobilization" not in concepts.match(redirected)
    hits = concepts.match(sahel)
    assert "exit.criteria.g5_sahel" not in hits
    assert "exit.criteria.mdsf_redeployment" not in hits


def test_stub_letter_cannot_be_exported_final(tmp_path: Path) -> None:
    path = _import(tmp_path, "stub-fr.txt", "fr")
    letter, _template, _notices = load_letter(path)
    stubs = {s.id: [b for b in s.blocks if b.kind == "paragraph"] for s in letter.sections}
    assert all(len(blocks) == 1 and 20 <= blocks[0].word_count() <= 40
               for sid, blocks in stubs.items() if sid != "opening")
    code, out, err = missive("export", str(path), "-o", str(tmp_path / "final.docx"),
                             "--final")
    assert code == 1 and not (tmp_path / "final.docx").exists()
    # why: each stub restates its requirements without a fact, so nothing is met
    _code, data = _check(path)
    assert {status for status, _source in _statuses(data).values()} == {"missing"}
    no_facts = {f["section"] for f in data["findings"] if f["code"] == "coverage.no_facts"}
    assert no_facts == set(stubs) - {"opening"}
    missing = [f for f in data["findings"] if f["code"] == "coverage.missing"]
    assert len(missing) == 16
    assert "without a fact" in next(
        f["message"] for f in data["findings"] if f["code"] == "coverage.no_facts")
    assert "coverage.missing" in err or "not covered" in err or "block" in err


def test_carried_text_gives_carried_until_accepted(tmp_path: Path) -> None:
    path = _import(tmp_path, "truth-fr.txt", "fr", carry=True)
    _code, data = _check(path)
    statuses = _statuses(data)
    assert {rid for rid, st in statuses.items() if st == ("carried", "carried")} == (
        set(EVIDENCE))
    assert all(statuses[rid] == ("missing", None) for rid in NOT_MET)
    assert any(f["code"].startswith("coverage.carried") for f in data["findings"])

    # accepting the carried text makes it this period's: suggested, not yet confirmed
    code, out, _err = missive("confirm", str(path), "--carried", "all")
    assert code == 0 and "carried paragraphs confirmed" in out
    _code, data = _check(path)
    statuses = _statuses(data)
    assert {rid for rid, st in statuses.items() if st == ("covered", "detected")} == (
        set(EVIDENCE))
    # confirming the suggestions makes them confirmed; the three stay missing
    code, out, _err = missive("confirm", str(path), "--all-suggested")
    assert code == 0 and "13 suggested requirements confirmed" in out
    _code, data = _check(path)
    statuses = _statuses(data)
    assert {rid for rid, st in statuses.items() if st == ("covered", "confirmed")} == (
        set(EVIDENCE))
    assert all(statuses[rid] == ("missing", None) for rid in NOT_MET)
