"""Golden tests: the XML parts of fixed exports against tests/_reference/export/.

Two letters and their template are built here, with fixed ids and dates, so
a change of a shipped template or sample never moves their golden files; only
a change of the export does. A third case is the shipped French sample draft
with the shipped template (the acceptance case of the export): it moves when
either file is edited. Regenerate on purpose with
`.venv/bin/python scripts/update_golden.py` and review the diff.
"""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from drafting.export import export_docx
from drafting.export.xmlutil import pretty_xml
from drafting.letter import Annex, Block, Letter, Metadata, Section, Span
from drafting.paths import samples_dir
from drafting.templates.catalog import get_template
from drafting.templates.model import HouseStyle, Template, TemplateSection

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "_reference" / "export"
FIXED_NOW = datetime(2020, 6, 2, 9, 0, tzinfo=UTC)
# Parts compared; headers and footers are matched by pattern (six of each kind).
GOLDEN_PARTS = (
    "word/document.xml",
    "word/styles.xml",
    "word/numbering.xml",
    "word/settings.xml",
    "word/_rels/document.xml.rels",
)


def golden_template() -> Template:
    """A two-section letter template with the house style of DESIGN §6."""
    return Template(
        id="golden-letter",
        version=1,
        kind="letter",
        names={"en": "Golden letter", "fr": "Lettre de référence"},
        sections=[
            TemplateSection(id="opening", has_heading=False),
            TemplateSection(
                id="security",
                headings={
                    "en": "Security challenges and progress in the Mission's operations",
                    "fr": "Problèmes de sécurité et opérations de la Mission",
                },
            ),
            TemplateSection(
                id="exit",
                headings={"en": "Possible long-term exit strategy",
                          "fr": "Stratégie de retrait à long terme"},
            ),
        ],
        house_style=HouseStyle(),
    )


def _p(block_id: str, *spans: Span, kind: str = "paragraph", level: int = 0) -> Block:
    return Block(kind=kind, spans=list(spans), level=level, id=block_id)  # type: ignore[arg-type]


def golden_letter_fr() -> Letter:
    """A French draft exercising every kind of block, link and typography fix."""
    meta = Metadata(
        symbol="S/2020/481", date=date(2020, 6, 2), letter_date=date(2020, 6, 1),
        language="fr", original_language="en", job_number="20-07899",
        signatory="António Guterres",
        closing="Je vous saurais gré de bien vouloir faire distribuer cette lettre aux "
                "membres du Conseil de sécurité, à titre d'information.",
    )
    opening = Section("opening", [_p(
        "g-open-1",
        Span("J'ai l'honneur de revenir sur la résolution 2480 (2019), dans laquelle le "
             "Conseil m'a demandé une lettre portant "),
        Span("exclusivement", italic=True),
        Span(" sur trois sujets : la sécurité, le personnel en tenue et le cadre stratégique."),
    )])
    security = Section("security", [
        _p("g-sec-1", Span("Comme indiqué dans mes rapports (S/2020/223 et S/2019/1004) et "
                           "dans la déclaration S/PRST/2020/5, la Mission a mené "
                           "l'opération « Seka » ; 13289 personnes en ont bénéficié, "
                           "soit 5,5 % de la population visée. Un chiffre reste à "
                           "confirmer : "),
           Span("[618]", kind="placeholder"), Span(" affaires.")),
        _p("g-sec-2", Span("Évaluations", bold=True), kind="subheading"),
        _p("g-sec-3", Span("Deux critères ont été retenus :")),
        _p("g-sec-4", Span("la sécurité des "), Span("bases", bold=True),
           Span(" opérationnelles ;"), kind="bullet"),
        _p("g-sec-5", Span("la relève des contingents, au titre du document S/2020/"),
           Span("476", bold=True), Span("."), kind="bullet", level=1),
    ])
    exit_ = Section("exit", [_p("g-exit-1", Span(
        "Le retrait dépendra de conditions précises, énoncées dans la note "),
        Span("du Secrétariat", kind="link", target="https://www.un.org/securitycouncil/"),
        Span("."))])
    annex = Annex(title="Critères de retrait", original_language="en",
                  blocks=[_p("g-annex-1", Span("Les critères figurent ci-après."))])
    return Letter("golden-letter", 1, meta, [opening, security, exit_], annexes=[annex])


def golden_letter_en() -> Letter:
    """An English letter without placeholders, exported as final."""
    meta = Metadata(
        symbol="S/2020/482", date=date(2020, 6, 2), letter_date=date(2020, 6, 1),
        language="en", original_language="en", job_number="20-07900",
        signatory="António Guterres",
        closing="I should be grateful if you would bring the present letter to the "
                "attention of the members of the Security Council.",
    )
    opening = Section("opening", [_p("e-open-1", Span(
        "I have the honour to refer to Security Council resolutions 2423 (2018) and "
        "2480 (2019), in which the Council requested a letter on the Mission's work."))])
    security = Section("security", [_p("e-sec-1", Span(
        "As noted in my report (S/2020/223), 87% of the 13289 planned patrols took place "
        "on June 1, 2020 and after."))])
    return Letter("golden-letter", 1, meta, [opening, security, Section("exit", [])])


def golden_cases() -> dict[str, tuple[Letter, Template, bool]]:
    """Every golden export by name: (letter, template, final)."""
    template = golden_template()
    sample_path = samples_dir() / "minusma-six-monthly.fr.json"
    sample = Letter.from_dict(json.loads(sample_path.read_text(encoding="utf-8")))
    return {
        "letter-fr-draft": (golden_letter_fr(), template, False),
        "letter-en-final": (golden_letter_en(), template, True),
        "sample-fr-draft": (sample, get_template(sample.template_id), False),
    }


def docx_parts(path: Path) -> dict[str, str]:
    """The compared parts of a DOCX, pretty-printed, by part name."""
    parts: dict[str, str] = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            is_hf = name.startswith(("word/header", "word/footer")) and name.endswith(".xml")
            if name in GOLDEN_PARTS or is_hf:
                parts[name] = pretty_xml(archive.read(name))
    return parts


def reference_file(case: str, part: str) -> Path:
    return REFERENCE_DIR / case / part.replace("/", "__")


def export_case(case: str, folder: Path) -> Path:
    letter, template, final = golden_cases()[case]
    out = folder / f"{case}.docx"
    export_docx(letter, template, out, final=final, now=FIXED_NOW)
    return out


@pytest.mark.parametrize("case", sorted(golden_cases()))
def test_export_matches_golden_parts(case: str, tmp_path: Path) -> None:
    parts = docx_parts(export_case(case, tmp_path))
    expected = sorted(p.name for p in (REFERENCE_DIR / case).iterdir())
    assert expected, f"no golden files for {case}; run scripts/update_golden.py"
    assert sorted(reference_file(case, p).name for p in parts) == expected
    for part, text in parts.items():
        golden = reference_file(case, part).read_text(encoding="utf-8")
        assert text == golden, f"{case}: {part} differs from {reference_file(case, part)}"


def test_golden_covers_headers_and_footers(tmp_path: Path) -> None:
    parts = docx_parts(export_case("letter-fr-draft", tmp_path))
    assert sum(p.startswith("word/header") for p in parts) == 3
    assert sum(p.startswith("word/footer") for p in parts) == 3


def test_export_is_deterministic(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = docx_parts(export_case("letter-fr-draft", tmp_path / "a"))
    second = docx_parts(export_case("letter-fr-draft", tmp_path / "b"))
    assert first == second
