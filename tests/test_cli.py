"""The CLI contract of DESIGN §5, run as a user runs it (subprocesses)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENT_IDS = [
    "ops.progress", "ops.security", "ops.adaptation_plan", "ops.coordination_body",
    "perf.performance", "perf.rotation", "perf.caveats", "perf.underperformance",
    "isf.update", "isf.transition_plan", "isf.resource_mobilization", "exit.plan",
    "exit.criteria.security_political", "exit.criteria.mdsf_redeployment",
    "exit.criteria.g5_sahel", "exit.criteria.agreement",
]  # fmt: skip


def run(*args: str, cwd: Path | None = None, lang: str = "C.UTF-8"
        ) -> subprocess.CompletedProcess[str]:
    """Run main.py with the messages language `lang` (English unless told)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env["LANG"] = lang
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "a.missive"
    proc = run(
        "new", "-t", "minusma-six-monthly", "-l", "fr", "-o", str(path),
        "--symbol", "S/2020/481", "--date", "2020-06-01", "--job", "20-07899",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return path


def test_new_then_check_lists_sixteen_missing(draft: Path) -> None:
    proc = run("check", str(draft), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"template", "language", "requirements", "findings", "words",
                         "suggestions", "comments"}
    assert data["suggestions"] == [] and data["comments"] == []
    assert data["template"] == "minusma-six-monthly"
    assert data["language"] == "fr"
    ids = [r["id"] for r in data["requirements"]]
    assert len(ids) == 16 and sorted(ids) == sorted(REQUIREMENT_IDS)
    for r in data["requirements"]:
        assert set(r) == {"id", "ref", "status", "source", "evidence"}
        assert r["status"] == "missing" and r["source"] is None and r["evidence"] == []
    for f in data["findings"]:
        assert set(f) == {"code", "severity", "section", "paragraph", "message"}
        assert f["severity"] in ("error", "warning", "info")
    assert set(data["words"]) == {"total", "by_section"}


def test_fill_counts_words_in_section(draft: Path, tmp_path: Path) -> None:
    src = tmp_path / "force.txt"
    src.write_text(
        "La Force a mené des patrouilles dans le cercle de Koro.\n\n"
        "## Opération Buffalo\n\n"
        "- bases opérationnelles temporaires\n- survols dissuasifs\n",
        encoding="utf-8",
    )
    proc = run("fill", str(draft), "--section", "security", "--from", str(src))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(run("check", str(draft), "--json").stdout)
    # 11 + 2 + 3 + 2 words
    assert data["words"]["by_section"]["security"] == 18
    assert data["words"]["total"] >= 18
    history = run("history", str(draft))
    assert history.returncode == 0
    assert len(history.stdout.strip().splitlines()) == 2


def test_fill_unknown_section_exits_2_naming_valid_ids(draft: Path, tmp_path: Path) -> None:
    src = tmp_path / "x.txt"
    src.write_text("Texte.", encoding="utf-8")
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    proc = run("fill", str(draft), "--section", "securite", "--from", str(src))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    for sid in ("opening", "security", "performance", "rotation", "coordination", "framework",
                "exit"):
        assert sid in proc.stderr
    assert "Traceback" not in proc.stderr
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before


def test_messages_follow_the_language_of_the_environment(draft: Path, tmp_path: Path) -> None:
    src = tmp_path / "x.txt"
    src.write_text("Texte.", encoding="utf-8")
    english = run("fill", str(draft), "--section", "securite", "--from", str(src))
    french = run("fill", str(draft), "--section", "securite", "--from", str(src),
                 lang="fr_FR.UTF-8")
    assert english.returncode == french.returncode == 2
    assert "unknown section 'securite'" in english.stderr
    assert "section inconnue" in french.stderr and "'securite'" in french.stderr
    assert "unknown section" not in french.stderr
    assert "security" in french.stderr  # the valid ids are still listed


def test_check_output_is_all_in_the_language_of_the_environment(draft: Path) -> None:
    """Severities too ("Erreur", not "error"), in the column they head."""
    french = run("check", str(draft), lang="fr_FR.UTF-8")
    lines = [line for line in french.stdout.splitlines() if " ! " in line]
    assert lines and all(line.split()[0] in ("Erreur", "Avertissement", "Info") for line in lines)
    assert "error" not in french.stdout.split() and "warning" not in french.stdout.split()
    english = run("check", str(draft))
    assert any(line.split()[0] == "Error" for line in english.stdout.splitlines()
               if " ! " in line)


def test_language_from_environment() -> None:
    from drafting.i18n import language_from_environment

    assert language_from_environment({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert language_from_environment({"LANG": "es_ES.UTF-8", "LC_MESSAGES": "ru_RU"}) == "ru"
    assert language_from_environment({"LC_ALL": "zh_CN.UTF-8", "LANG": "fr_FR"}) == "zh"
    assert language_from_environment({"LANG": "ar_EG.UTF-8@latin"}) == "ar"
    assert language_from_environment({"LC_ALL": "", "LANG": "fr_CA"}) == "fr"
    assert language_from_environment({"LANG": "C.UTF-8"}) == "en"
    assert language_from_environment({"LANG": "de_DE.UTF-8"}) == "en"  # no German catalog
    assert language_from_environment({"LC_ALL": "POSIX", "LANG": "fr_FR"}) == "en"
    assert language_from_environment({}) == "en"
    # GNU gettext's LANGUAGE list comes first, unless the locale is "C"
    assert language_from_environment({"LANG": "en_US.UTF-8", "LANGUAGE": "fr_FR:fr"}) == "fr"
    assert language_from_environment({"LANG": "fr_FR.UTF-8", "LANGUAGE": "de:es"}) == "es"
    assert language_from_environment({"LANG": "fr_FR.UTF-8", "LANGUAGE": "de"}) == "fr"
    assert language_from_environment({"LANG": "C.UTF-8", "LANGUAGE": "fr"}) == "en"
    assert language_from_environment({"LANGUAGE": "fr"}) == "en"


def test_template_validate_reports_line_and_column(tmp_path: Path) -> None:
    shipped = (ROOT / "templates" / "minusma-six-monthly.xml").read_text(encoding="utf-8")
    assert "<guidance" in shipped
    broken = shipped.replace("<guidance", "<guidence", 1).replace("</guidance>", "</guidence>", 1)
    bad_line = broken[: broken.index("<guidence")].count("\n") + 1
    path = tmp_path / "broken.xml"
    path.write_text(broken, encoding="utf-8")
    proc = run("template", "validate", str(path))
    assert proc.returncode == 2
    first = proc.stderr.strip().splitlines()[0]
    file_part, line, col, _msg = first.split(":", 3)
    assert file_part.endswith("broken.xml")
    assert int(line) == bad_line and int(col) >= 0
    ok = run("template", "validate", str(ROOT / "templates" / "minusma-six-monthly.xml"))
    assert ok.returncode == 0, ok.stderr


def test_final_export_refused_while_blocking(draft: Path, tmp_path: Path) -> None:
    assert run("check", str(draft), "--final").returncode == 1
    out = tmp_path / "final.docx"
    proc = run("export", str(draft), "-o", str(out), "--final")
    assert proc.returncode == 1
    assert not out.exists()
    assert not list(tmp_path.glob("*.docx*"))
    # each blocker says where it is; past twenty, how many more and where to see them
    lines = proc.stderr.splitlines()
    assert lines[0].startswith("Final export refused:")
    assert any(line.split()[0] == "security" and "content.empty_section" in line
               for line in lines[1:])
    total = int(lines[0].split(":")[1].split()[0])
    if total > 20:
        assert lines[-1].strip() == f"… and {total - 20} more: missive check {draft} lists them all."


def test_draft_export_writes_docx(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    proc = run("export", str(draft), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Lettre datée du 1er\u00a0juin 2020" in text
    assert "(Signé) António Guterres" in text


def test_bad_input_is_one_line_and_file_untouched(tmp_path: Path) -> None:
    junk = tmp_path / "junk.missive"
    junk.write_bytes(bytes(range(256)) * 8)
    before = junk.read_bytes()
    proc = run("check", str(junk))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr
    assert junk.read_bytes() == before


def test_usage_errors_exit_2(draft: Path, tmp_path: Path) -> None:
    assert run("new", "-t", "minusma-six-monthly", "-l", "fr", "-o", str(draft)).returncode == 2
    bad_date = run(
        "new", "-t", "minusma-six-monthly", "-l", "fr", "-o", str(tmp_path / "b.missive"),
        "--date", "2020-13-01",
    )  # fmt: skip
    assert bad_date.returncode == 2 and "no such day" in bad_date.stderr
    unknown = run("new", "-t", "no-such-template", "-l", "fr", "-o", str(tmp_path / "c.missive"))
    assert unknown.returncode == 2 and "no-such-template" in unknown.stderr
    assert run("frobnicate").returncode == 2
    assert run("check").returncode == 2


def test_template_list_shows_shipped_default() -> None:
    proc = run("template", "list")
    assert proc.returncode == 0
    row = next(line for line in proc.stdout.splitlines() if "minusma-six-monthly" in line)
    assert "shipped" in row and "en" in row and "fr" in row


def test_check_marks_what_export_final_would_refuse(draft: Path, tmp_path: Path) -> None:
    """Every error blocks a final version: `check` marks it "!" without --final too,
    so its count agrees with what `export --final` refuses."""
    assert run("details", str(draft), "--symbol", "s/2020/1180").returncode == 0
    plain = run("check", str(draft)).stdout
    line = next(x for x in plain.splitlines() if "metadata.symbol_malformed" in x)
    assert line.split()[1] == "!"
    marked = int(plain.split("Findings:")[1].split("(")[1].split()[0])
    refused = run("export", str(draft), "-o", str(tmp_path / "f.docx"), "--final")
    assert refused.returncode == 1
    assert f"Final export refused: {marked} blocking finding" in refused.stderr
