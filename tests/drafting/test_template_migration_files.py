"""Drafts survive template changes, with real files (CONVENTIONS rule 4).

`tests/fixtures/templates/` holds two versions of one template as an editor
would have them on disk, and a draft written with version 1 (JSON). Version 2
renames a section, removes one, adds one and reorders. Opening the stored
draft against version 2 must keep every paragraph the writer typed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx

from drafting.export import export_docx
from drafting.export.xmlutil import W_NS
from drafting.letter import Letter
from drafting.storage.draftfile import import_json
from drafting.storage.store import DraftStore
from drafting.templates.catalog import discover_templates, load_template
from drafting.templates.migration import migrate_letter

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "templates"
V1 = FIXTURES / "field-brief-v1.xml"
V2 = FIXTURES / "field-brief-v2.xml"
DRAFT_V1 = FIXTURES / "field-brief-draft-v1.json"


def _texts(letter: Letter) -> dict[str, str]:
    return {b.id: b.text for _sid, _i, b in letter.iter_blocks()}


def test_stored_draft_follows_version_1() -> None:
    letter = import_json(DRAFT_V1)
    v1 = load_template(V1)
    assert (letter.template_id, letter.template_version) == ("field-brief", 1)
    assert letter.section_ids() == v1.section_ids()


def test_opening_against_version_2_keeps_every_paragraph() -> None:
    letter = import_json(DRAFT_V1)
    v2 = load_template(V2)
    before = _texts(letter)
    result = migrate_letter(letter, v2)
    out = result.letter

    # nothing typed is lost: same block ids, same text, same kinds
    assert before.items() <= _texts(out).items()
    kinds = {b.id: b.kind for _s, _i, b in letter.iter_blocks()}
    assert all(kinds[b.id] == b.kind for _s, _i, b in out.iter_blocks() if b.id in kinds)
    # sections follow version 2: renamed heading updated, new section empty
    assert out.section_ids() == ["opening", "outlook", "progress", "outreach"]
    assert out.section("outlook").heading == "Outlook and next steps"
    assert out.section("outlook").text == "The next period will see the rainy season."
    assert out.section("outreach").blocks == []
    assert [b.kind for b in out.section("progress").blocks] == [
        "paragraph", "subheading", "paragraph"]
    # the removed section's text waits in "unassigned", under its old name
    assert [b.text for b in out.unassigned] == [
        "Staffing",
        "The vacancy rate among civilian staff fell to [9.5] per cent.",
        "Two engineering companies are still awaited.",
    ]
    assert out.unassigned[2].kind == "bullet"
    assert out.template_version == 2
    # confirmations of requirements that left with the section are dropped, others kept
    assert [c.requirement_id for c in out.confirmations] == ["progress.operations"]
    notices = " ".join(result.notices)
    for word in ("version 1", "version 2", "Staffing", "Outlook and next steps", "Outreach"):
        assert word in notices


def test_user_version_2_wins_discovery(tmp_path: Path) -> None:
    shutil.copy(V1, tmp_path / "field-brief.xml")
    assert [t.version for t in discover_templates(tmp_path) if t.id == "field-brief"] == [1]
    shutil.copy(V2, tmp_path / "field-brief-new.xml")
    assert [t.version for t in discover_templates(tmp_path) if t.id == "field-brief"] == [2]


def test_cli_export_of_old_draft_after_template_upgrade(tmp_path: Path) -> None:
    """A writer's draft from version 1; the editor installs version 2; export keeps all."""
    data_dir = tmp_path / "data"
    (data_dir / "templates").mkdir(parents=True)
    shutil.copy(V2, data_dir / "templates" / "field-brief.xml")
    draft = tmp_path / "brief.missive"
    DraftStore.create(draft, import_json(DRAFT_V1)).close()
    env = dict(os.environ, MISSIVE_DATA_DIR=str(data_dir))
    out = tmp_path / "brief.docx"
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", str(draft), "-o", str(out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Staffing" in done.stderr  # the notice tells the writer where the text went
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    for text in _texts(import_json(DRAFT_V1)).values():
        assert text.split("[")[0].strip() in body, text
    checked = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(draft), "--json"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    ids = [r["id"] for r in json.loads(checked.stdout)["requirements"]]
    # requirements re-evaluate against version 2
    assert ids == ["outlook.plan", "progress.operations", "outreach.radio"]


# -- template format 1 (flat cue lists) -> format 2 (concepts) --------------------

OLD_FORMAT = FIXTURES / "minusma-six-monthly-v1.xml"


def test_stored_format_1_template_loads_as_single_concept_requirements(tmp_path: Path) -> None:
    old = load_template(OLD_FORMAT)
    assert (old.version, old.format) == (1, 1)
    raw = OLD_FORMAT.read_text(encoding="utf-8")
    assert "<cues" in raw and "<concept" not in raw
    for _section, req in old.requirements():
        # any one cue was enough: the cues are the alternatives of one concept
        assert len(req.concepts) == 1, req.id
        assert req.concepts[0].terms["en"] and req.concepts[0].terms["fr"]
        assert req.exclusions == {}
    # written back in format 2, it loads to the same requirements
    from drafting.templates.catalog import save_template

    saved = tmp_path / "converted.xml"
    save_template(old, saved)
    assert 'format="2"' in saved.read_text(encoding="utf-8")
    again = load_template(saved)
    assert [r.concepts for _s, r in again.requirements()] == [
        r.concepts for _s, r in old.requirements()]


def test_draft_of_the_format_1_template_opens_on_the_shipped_one() -> None:
    from drafting.checks import run_checks
    from drafting.letter import Block
    from drafting.templates.catalog import create_letter, get_template

    old = load_template(OLD_FORMAT)
    letter = create_letter(old, "fr")
    block = Block.from_text("L’Instance de coordination au Mali s’est réunie le 12 mars à Bamako.")
    letter.section("coordination").blocks.append(block)
    letter.confirm("ops.coordination_body", block.id)
    current = get_template("minusma-six-monthly")
    migrated = migrate_letter(letter, current)
    assert (migrated.letter.template_id, migrated.letter.template_version) == (
        "minusma-six-monthly", current.version)
    assert migrated.letter.confirmations == letter.confirmations
    status = run_checks(migrated.letter, current).requirement("ops.coordination_body")
    assert (status.status, status.source) == ("covered", "confirmed")


# -- the shipped template's version 2 (issue 17: UN text metrics, bullets) -----

SHIPPED_V1_DRAFT = ROOT / "tests" / "fixtures" / "drafts" / "minusma-six-monthly-v1.fr.json"


def test_a_draft_of_the_shipped_template_version_1_opens_against_version_2(
    tmp_path: Path,
) -> None:
    """Version 2 changed only the house style: a v1 draft keeps every block and
    section, is told which version it now follows, and exports in the new style."""
    letter = import_json(SHIPPED_V1_DRAFT)
    assert (letter.template_id, letter.template_version) == ("minusma-six-monthly", 1)
    template = load_template(ROOT / "templates" / "minusma-six-monthly.xml")
    assert template.version == 2
    result = migrate_letter(letter, template)
    assert _texts(result.letter) == _texts(letter)
    assert result.letter.section_ids() == letter.section_ids()
    assert result.letter.template_version == 2
    assert result.notices == [
        "The draft followed version 1 of template minusma-six-monthly; it now follows "
        "version 2."]
    out = export_docx(result.letter, template, tmp_path / "v1.docx").path
    normal = docx.Document(str(out)).styles["Normal"].element
    assert normal.rPr.find(f"{{{W_NS}}}w").get(f"{{{W_NS}}}val") == "103"
