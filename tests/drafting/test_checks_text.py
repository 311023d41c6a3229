"""Typography and reference findings, and applying the automatic fixes."""

from __future__ import annotations

from collections.abc import Iterable

from drafting import edits
from drafting.checks import run_checks
from drafting.findings import Finding, Fix
from drafting.letter import Block, Letter, Span
from drafting.typography import apply_typography
from tests.drafting.test_checks_helpers import make_letter, make_template

FR_TEXT = "Le Conseil a dit: « oui » ; 87 % des 13289 hommes l'ont appris."
EN_TEXT = "About 87% of the  13289 staff heard of it."


def apply_fixes(letter: Letter, findings: Iterable[Finding]) -> int:
    """Apply the fixes in place, as the CLI does; how many applied."""
    change = edits.apply_fixes(letter, findings)
    change.apply(letter)
    return change.count


def block_of(letter: Letter, block: Block) -> Block:
    found = letter.find_block(block.id)
    assert found is not None
    return found[2]


def letter_with(lang: str, text: str, **kw: object) -> tuple[object, Block]:
    letter = make_letter(lang)
    block = Block.from_text(text, **kw)  # type: ignore[arg-type]
    letter.section("security").blocks.append(block)
    return letter, block


def test_french_typography_findings_carry_fixes() -> None:
    letter, block = letter_with("fr", FR_TEXT)
    result = run_checks(letter, make_template())  # type: ignore[arg-type]
    mine = [f for f in result.by_code("typography") if f.block_id == block.id]
    assert {f.code for f in mine} >= {
        "typography.space_before_colon", "typography.space_inside_guillemets",
        "typography.space_before_semicolon", "typography.space_before_percent",
        "typography.straight_apostrophe", "typography.thousands_separator",
    }
    assert all(f.fix is not None and f.fix.block_id == block.id for f in mine)
    assert all(f.severity == "warning" and not f.blocking for f in mine)
    assert all(f.section == "security" and f.paragraph == 3 for f in mine)


def test_english_typography_per_cent_and_double_space() -> None:
    letter, block = letter_with("en", EN_TEXT)
    result = run_checks(letter, make_template())  # type: ignore[arg-type]
    mine = {f.code for f in result.by_code("typography") if f.block_id == block.id}
    assert {"typography.per_cent", "typography.double_space",
            "typography.thousands_separator"} <= mine


def test_clean_text_has_no_typography_findings() -> None:
    letter, block = letter_with("fr", apply_typography(FR_TEXT, "fr"))
    result = run_checks(letter, make_template())  # type: ignore[arg-type]
    assert [f for f in result.by_code("typography") if f.block_id == block.id] == []


def test_apply_all_fixes_matches_apply_typography() -> None:
    for lang, text in (("fr", FR_TEXT), ("en", EN_TEXT)):
        letter, block = letter_with(lang, text)
        result = run_checks(letter, make_template())  # type: ignore[arg-type]
        mine = [f for f in result.by_code("typography") if f.block_id == block.id]
        assert apply_fixes(letter, mine) == len(mine)  # type: ignore[arg-type]
        assert block_of(letter, block).text == apply_typography(text, lang)  # type: ignore[arg-type]
        again = run_checks(letter, make_template())  # type: ignore[arg-type]
        assert [f for f in again.by_code("typography") if f.block_id == block.id] == []


def test_apply_one_fix_at_a_time() -> None:
    letter, block = letter_with("fr", FR_TEXT)
    result = run_checks(letter, make_template())  # type: ignore[arg-type]
    colon = next(f for f in result.findings if f.code == "typography.space_before_colon"
                 and f.block_id == block.id)
    assert apply_fixes(letter, [colon]) == 1  # type: ignore[arg-type]
    assert block_of(letter, block).text.startswith("Le Conseil a dit\u00a0: « oui »")


def test_fixes_keep_formatting_and_placeholders() -> None:
    letter, block = letter_with("fr", "")
    block.spans = [Span("Le total: "), Span("[618]", kind="placeholder"), Span(" cas", bold=True)]
    apply_fixes(letter, [Finding("typography.x", "warning", "m",  # type: ignore[arg-type]
                                 fix=Fix(block.id, 8, 0, "\u00a0"))])
    out = block_of(letter, block).spans  # type: ignore[arg-type]
    assert [(s.text, s.kind, s.bold) for s in out] == [
        ("Le total\u00a0: ", "text", False), ("[618]", "placeholder", False), (" cas", "text", True)
    ]
    apply_fixes(letter, [Finding("typography.x", "warning", "m",  # type: ignore[arg-type]
                                 fix=Fix(block.id, 16, 1, "\u00a0"))])
    out = block_of(letter, block).spans  # type: ignore[arg-type]
    assert out[-1].text == "\u00a0cas" and out[-1].bold  # the space starting the bold span


def test_stale_and_overlapping_fixes_are_skipped() -> None:
    letter, block = letter_with("en", "Short text.")
    findings = [
        Finding("typography.x", "warning", "m", fix=Fix(block.id, 50, 1, "!")),  # beyond text
        Finding("typography.x", "warning", "m", fix=Fix(block.id, 0, 5, "Long")),
        Finding("typography.x", "warning", "m", fix=Fix(block.id, 2, 2, "XX")),  # overlaps
        Finding("typography.x", "warning", "m", fix=Fix("gone", 0, 1, "!")),  # no such block
        Finding("placeholder.unresolved", "error", "m"),  # no fix at all
    ]
    assert apply_fixes(letter, findings) == 1  # type: ignore[arg-type]
    assert block_of(letter, block).text in ("Long text.", "ShXXt text.")  # type: ignore[arg-type]


def test_malformed_references_fr_and_en() -> None:
    for lang, text in (
        ("fr", "Voir le rapport S/2020/ et la résolution 2480 du Conseil."),
        ("en", "See report S/2020/ and resolution 2480 of the Council."),
    ):
        letter, block = letter_with(lang, text)
        found = [f for f in run_checks(letter, make_template()).by_code("reference")  # type: ignore[arg-type]
                 if f.block_id == block.id]
        assert [f.excerpt for f in found] == ["S/2020/", "2480"], lang
        assert all(f.code == "reference.malformed" and f.severity == "warning" for f in found)


def test_well_formed_references_are_quiet() -> None:
    letter, block = letter_with("en", "See S/2020/223 and resolution 2480 (2019).")
    assert [f for f in run_checks(letter, make_template()).by_code("reference")  # type: ignore[arg-type]
            if f.block_id == block.id] == []


def test_links_that_would_be_wrong() -> None:
    letter = make_letter("fr")
    block = Block(spans=[
        Span("Voir "),
        Span("S/2020/223", kind="link", target="https://undocs.org/fr/S/2020/223"),
        Span(" et "),
        Span("S/2020/476", kind="link", target="https://undocs.org/fr/S/2020/467"),
        Span(" et "),
        Span("le site", kind="link", target="javascript:alert(1)"),
        Span("."),
    ])
    letter.section("security").blocks.append(block)
    found = [f for f in run_checks(letter, make_template()).by_code("reference")
             if f.block_id == block.id]
    assert [(f.code, f.excerpt) for f in found] == [
        ("reference.link_mismatch", "S/2020/476"), ("reference.bad_link", "le site")
    ]
    assert "https://undocs.org/fr/S/2020/476" in found[0].message
