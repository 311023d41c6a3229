"""Reported findings: typography and carried-over text grouped per section,
blocking first (issue 14, "Less noise")."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from drafting import edits
from drafting.checks import run_checks
from drafting.checks.grouping import TYPOGRAPHY_GROUP
from drafting.importers import import_letter
from drafting.importers.carry import carry_forward
from drafting.letter import Block
from drafting.templates.catalog import get_template
from tests.drafting.test_checks_helpers import make_letter, make_template

LETTERS = Path(__file__).resolve().parents[1] / "fixtures" / "letters"


def _typographic_letter():  # type: ignore[no-untyped-def]
    letter = make_letter("fr")
    letter.section("security").blocks += [
        Block.from_text("Bilan : 13289 personnes ; 50% d'entre elles à Gao."),
        Block.from_text("Deux bases : Gao et Tessalit ; une troisième en avril."),
    ]
    letter.section("rotation").blocks.append(Block.from_text("Relève : terminée."))
    return letter


def test_typography_is_grouped_per_section_with_its_members() -> None:
    result = run_checks(_typographic_letter(), make_template())
    occurrences = [f for f in result.findings if f.check == "typography"]
    reported = result.reported()
    groups = [f for f in reported if f.check == "typography"]
    assert all((g.code, g.severity, g.paragraph, g.blocking) == (TYPOGRAPHY_GROUP, "info", None,
                                                                 False) for g in groups)
    sections = [g.section for g in groups]
    assert len(sections) == len(set(sections)) and {"security", "rotation"} <= set(sections)
    groups.sort(key=lambda g: g.section != "security")
    assert sum(len(g.members) for g in groups) == len(occurrences)
    assert len(groups[0].members) >= 5
    assert str(len(groups[0].members)) in groups[0].message
    assert len(groups[0].fixes()) == len(groups[0].members)
    # the per-occurrence list is unchanged: the editor and the fixes use it
    assert len(result.findings) == len(reported) - len(groups) + len(occurrences)


def test_fix_all_applies_every_fix_of_a_group() -> None:
    letter = _typographic_letter()
    result = run_checks(letter, make_template())
    security = next(g for g in result.reported()
                    if g.code == TYPOGRAPHY_GROUP and g.section == "security")
    change = edits.apply_fixes(letter, [security])
    assert change.count == len(security.members)
    fixed = change.apply(letter)
    after = run_checks(fixed, make_template())
    left = [g.section for g in after.reported() if g.code == TYPOGRAPHY_GROUP]
    assert "security" not in left and "rotation" in left
    assert "13\u202f289" in fixed.section("security").text


def test_carried_paragraphs_are_grouped_per_section_and_still_block() -> None:
    letter = carry_forward(make_letter("en"))
    result = run_checks(letter, make_template())
    per_paragraph = [f for f in result.findings if f.code == "carryover.unconfirmed"]
    reported = [f for f in result.reported() if f.code == "carryover.unconfirmed"]
    by_section = Counter(f.section for f in per_paragraph)
    assert len(reported) == len(by_section) < len(per_paragraph)
    for f in reported:
        n = by_section[f.section]
        assert f.blocking and f.severity == "warning"
        assert len(f.members) == (n if n > 1 else 0)
        assert (f.paragraph is None) == (n > 1)
    # blocking is the same whether read grouped or not
    assert {f.section for f in result.blocking() if f.check == "carryover"} == set(by_section)
    # requirements met only by carried-over text: one line per section too
    per_requirement = [f for f in result.findings if f.code == "coverage.carried"]
    grouped = [f for f in result.reported() if f.code == "coverage.carried"]
    sections = Counter(f.section for f in per_requirement)
    assert len(grouped) == len(sections) and all(f.blocking == any(
        m.blocking for m in per_requirement if m.section == f.section) for f in grouped)
    assert sum(len(f.members) or 1 for f in grouped) == len(per_requirement)


def test_blocking_findings_come_first_in_the_report() -> None:
    letter = carry_forward(_typographic_letter())
    letter.section("security").blocks.append(Block.from_text("Attendu : [chiffre]."))
    for final in (False, True):
        reported = run_checks(letter, make_template(), final=final).reported()
        flags = [f.blocking for f in reported]
        assert flags == sorted(flags, reverse=True) and True in flags and False in flags
    data = run_checks(letter, make_template()).to_json("t", "fr")
    codes = [f["code"] for f in data["findings"]]
    assert codes.index("placeholder.unresolved") < codes.index(TYPOGRAPHY_GROUP)


def test_an_imported_french_letter_reports_few_findings() -> None:
    template = get_template("minusma-six-monthly")
    letter = carry_forward(import_letter(LETTERS / "previous-fr.txt", template, "fr").letter)
    result = run_checks(letter, template)
    reported = result.reported()
    assert len(result.findings) >= len(reported) + 10
    kinds = Counter((f.code, f.section) for f in reported
                    if f.code in (TYPOGRAPHY_GROUP, "carryover.unconfirmed", "coverage.carried"))
    assert max(kinds.values()) == 1  # at most one of each per section
