"""`fix FILE [--section ID]` and the grouped findings of `check` (issue 14, "Less noise"),
run as a user runs them (subprocesses)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafting.storage.opening import load_letter
from tests.test_cli import run

# A contribution with French typography to correct: spaces before ";", ":",
# "%", a number without its thousands separator, a straight apostrophe.
CONTRIBUTION = (
    "Le 3 mars, la Force a escorté 13289 personnes ; 50% d'entre elles vers Gao.\n\n"
    "Bilan : deux bases ont été renforcées ; la troisième le sera en avril.\n"
)


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "a.missive"
    proc = run("new", "-t", "minusma-six-monthly", "-l", "fr", "-o", str(path),
               "--symbol", "S/2020/481", "--date", "2020-06-01", "--job", "20-07899")
    assert proc.returncode == 0, proc.stderr
    source = tmp_path / "force.txt"
    source.write_text(CONTRIBUTION, encoding="utf-8")
    for section in ("security", "rotation"):
        proc = run("fill", str(path), "--section", section, "--from", str(source))
        assert proc.returncode == 0, proc.stderr
    return path


def _check(path: Path, *extra: str) -> dict[str, object]:
    proc = run("check", str(path), "--json", *extra)
    data = json.loads(proc.stdout)
    assert isinstance(data, dict)
    return data


def test_typography_is_one_grouped_finding_per_section(draft: Path) -> None:
    data = _check(draft)
    findings = data["findings"]
    assert isinstance(findings, list)
    grouped = [f for f in findings if f["code"] == "typography.grouped"]
    assert [(f["section"], f["severity"], f["paragraph"]) for f in grouped] == [
        ("security", "info", None), ("rotation", "info", None)]
    assert not [f for f in findings if f["code"].startswith("typography.")
                and f["code"] != "typography.grouped"]
    for f in findings:  # the DESIGN §5 shape, unchanged
        assert set(f) == {"code", "severity", "section", "paragraph", "message"}
    assert "typography corrections" in grouped[0]["message"]


def test_blocking_findings_come_first(draft: Path) -> None:
    for extra in ((), ("--final",)):
        proc = run("check", str(draft), *extra)
        lines = proc.stdout.split("Findings:", 1)[1].splitlines()[1:]
        marks = [line.split()[1] == "!" for line in lines]
        assert marks[0] and not marks[-1]
        assert marks == sorted(marks, reverse=True)  # every "!" line before the others
        codes = [line.split()[2 if mark else 1] for line, mark in zip(lines, marks, strict=True)]
        data = _check(draft, *extra)
        assert [f["code"] for f in data["findings"]] == codes  # type: ignore[union-attr]
    assert "block a final version" in run("check", str(draft)).stdout
    # --final still refuses while anything blocks
    assert run("check", str(draft), "--final").returncode == 1


def test_fix_applies_the_typography_of_one_section_then_all(draft: Path) -> None:
    proc = run("fix", str(draft), "--section", "security")
    assert proc.returncode == 0, proc.stderr
    first = int(proc.stdout.split()[0])
    assert first >= 5 and "typography fix" in proc.stdout
    sections = {f["section"] for f in _check(draft)["findings"]  # type: ignore[union-attr]
                if f["code"] == "typography.grouped"}
    assert sections == {"rotation"}
    letter, _template, _notices = load_letter(draft)
    text = letter.section("security").text
    assert "13\u202f289" in text and "\u00a0;" in text and "50\u00a0%" in text and "d’entre" in text
    proc = run("fix", str(draft))
    assert proc.returncode == 0 and int(proc.stdout.split()[0]) == first
    assert not [f for f in _check(draft)["findings"]  # type: ignore[union-attr]
                if f["code"].startswith("typography.")]
    assert run("fix", str(draft)).stdout.startswith("0 ")
    history = run("history", str(draft)).stdout
    assert history.count("Fix typography") == 2  # a named revision per run that fixed


def test_fix_refuses_an_unknown_section(draft: Path) -> None:
    before = draft.read_bytes()
    proc = run("fix", str(draft), "--section", "nowhere")
    assert proc.returncode == 2
    assert "nowhere" in proc.stderr and "security" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert draft.read_bytes() == before



def test_fix_in_french(draft: Path) -> None:
    proc = run("fix", str(draft), lang="fr_FR.UTF-8")
    assert proc.returncode == 0
    assert "corrections typographiques appliquées" in proc.stdout
