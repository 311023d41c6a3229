"""Our export measured like the UN reference files, against what they measure.

`tests/fixtures/un_styles.json` holds the numbers and style names of the UN
DOCX files in ../shared/reference/un-docx/ (no text), extracted by
`scripts/extract_un_style_fixture.py`; `.ci/run` re-extracts it where
../shared exists so it cannot go stale. This test runs the same measuring
code on an export and compares: style ids, names, types and parents (Word
merges styles by name), the Normal text metrics, heading and text styles,
bullet geometry, page geometry of the first and the following pages, the
masthead's rows and emblem box. Deliberate differences are listed, each with
its reason; anything else that differs fails.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from drafting.export import export_docx
from drafting.export.styles import UN_STYLE_NAMES
from drafting.templates.catalog import create_letter, get_template
from drafting.templates.emblem import check_emblem
from scripts.extract_un_style_fixture import FIXTURE, measure
from tests.drafting.pictures import make_png

# (section, key) → why our export differs from the UN files there.
DELIBERATE = {
    ("styles", "TitleH1.pPr.keepNext"): "a letter's section heading must stay with its text "
                                       "(the UN style leaves that to spacer paragraphs)",
    ("styles", "TitleH1.pPr.keepLines"): "idem",
    ("styles", "Bullet1.pPr.ind.right"): "the body indent, 1267 (UN files: 1264, 3 twips)",
    ("styles", "Bullet2.pPr.ind.right"): "idem",
    ("bullets", "Bullet2.bullet_size_pt"): "level 2 is an en dash at text size (DESIGN §6)",
    ("bullets", "Bullet2.bullet_font"): "idem, in the text font",
}


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def ours(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An English letter measured like the reference files, with an emblem of the
    reference emblem's proportions."""
    template = copy.deepcopy(get_template("minusma-six-monthly"))
    template.house_style.emblem = "test.png"
    template.house_style.emblem_image = check_emblem(make_png(1123, 940))
    letter = create_letter(template, "en", symbol="S/2020/481", date=date(2020, 6, 1),
                           job_number="20-07899")
    out = tmp_path_factory.mktemp("un-styles") / "letter.docx"
    return measure(export_docx(letter, template, out).path)


def test_the_fixture_holds_numbers_and_names_only(reference: dict[str, Any]) -> None:
    text = json.dumps(reference)
    assert len(text) < 20_000
    assert set(reference) == {"about", "sources", "styles", "bullets", "page", "masthead",
                              "disagreements"}
    assert len(reference["sources"]) == 3


@pytest.mark.parametrize("section", ["styles", "bullets", "page", "masthead"])
def test_export_measures_like_the_un_files(section: str, reference: dict[str, Any],
                                           ours: dict[str, Any]) -> None:
    expected, got = _flatten(reference[section]), _flatten(ours[section])
    differences = {key: (value, got.get(key)) for key, value in expected.items()
                   if got.get(key) != value and (section, key) not in DELIBERATE}
    assert differences == {}
    for (where, key) in DELIBERATE:
        if where == section:
            assert key in expected, f"{key} is no longer measured: drop it from DELIBERATE"


def test_un_style_names_are_the_reference_names(reference: dict[str, Any]) -> None:
    measured = {sid: rec["name"] for sid, rec in reference["styles"].items()}
    assert {sid: measured[sid] for sid in UN_STYLE_NAMES} == UN_STYLE_NAMES
    assert "TitleH23" not in measured  # not a UN style: we no longer write it


def test_normal_metrics(reference: dict[str, Any], ours: dict[str, Any]) -> None:
    # spelled out, since these make a paragraph break at the issued letter's words
    normal = reference["styles"]["Normal"]
    assert (normal["rPr.spacing"], normal["rPr.w"], normal["pPr.suppressAutoHyphens"]) == \
        ("4", "103", True)
    mine = ours["styles"]["Normal"]
    assert (mine["rPr.spacing"], mine["rPr.w"], mine["pPr.suppressAutoHyphens"]) == \
        ("4", "103", True)


def test_fixture_path_is_inside_the_clone() -> None:
    root = Path(__file__).resolve().parent.parent.parent
    assert FIXTURE.is_relative_to(root)
