"""Importing a previous letter from plain text and from text extracted from a PDF."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from drafting.errors import ImportFileError
from drafting.importers import import_letter
from drafting.importers.text_reader import MAX_TEXT_BYTES, is_furniture, parse_text
from drafting.templates.catalog import get_template
from drafting.templates.model import Template
from tests.drafting.test_import_common import (
    EN,
    FR,
    TEMPLATE_ID,
    SampleLetter,
    assert_mapped,
    body_texts,
)

SYMBOL = "S/2020/1187"
JOB = "20-16789"
MASTHEAD = {
    "fr": ["Nations Unies", SYMBOL, "Conseil de sécurité", "Distr. générale",
           "2 décembre 2020", "Français", "Original : anglais"],
    "en": ["United Nations", SYMBOL, "Security Council", "Distr.: General",
           "2 December 2020", "Original: English"],
}


@pytest.fixture(scope="module")
def template() -> Template:
    return get_template(TEMPLATE_ID)


def _page_furniture(page: int, language: str) -> list[str]:
    """What a PDF extractor emits between two pages: footer, form feed, header."""
    url = f"https://undocs.org/{language}/S/RES/2531(2020)"
    footer = [url, "", f"{page}/4", "", f"{JOB} ({'F' if language == 'fr' else 'E'})"]
    if page == 1:
        footer += ["", f"{JOB} ({'F' if language == 'fr' else 'E'})    021220", "*2016789*"]
    return footer + ["\f" + SYMBOL, ""]


def pdf_text(sample: SampleLetter, *, doubled: bool) -> str:
    """The sample as a PDF extractor gives it: hard-wrapped at 80 columns, paragraphs
    indented, furniture at each page break (one inside a paragraph), and when
    `doubled` a blank line after every line (with runs of three between paragraphs)."""
    lines: list[str] = list(MASTHEAD[sample.language]) + [""]
    lines += textwrap.wrap(sample.title, 70) + [""]
    page = 1
    for part in sample.parts:
        if part.heading is not None:
            lines += ["", "  " + part.heading, ""]
        for index, (kind, text) in enumerate(part.paragraphs):
            if text == sample.hyphenated_text:
                wrapped = list(sample.hyphenated_lines)
            elif kind == "bullet":
                wrapped = textwrap.wrap("• " + text, 80, subsequent_indent="  ",
                                        break_on_hyphens=False)
            else:
                wrapped = textwrap.wrap(text, 80, initial_indent="    ", break_on_hyphens=False)
            if part.section == "performance" and index == 0 and page < 3:
                # a page break in the middle of a paragraph must not split it
                cut = max(1, len(wrapped) // 2)
                wrapped = wrapped[:cut] + ["", *_page_furniture(page, sample.language)] + \
                    wrapped[cut:]
                page += 1
            lines += wrapped
        if part.section == "rotation":
            lines += ["", *_page_furniture(page, sample.language)]
            page += 1
    lines += ["", "    " + sample.closing, "", "", sample.signature, ""]
    if not doubled:
        return "\n".join(lines)
    out: list[str] = []
    for line in lines:
        out += ["", " "] if line == "" else [line, ""]
    return "\n".join(out)


@pytest.mark.parametrize("doubled", [False, True], ids=["wrapped", "double-spaced"])
@pytest.mark.parametrize("sample", [FR, EN], ids=["fr", "en"])
def test_pdf_text_is_rejoined_and_mapped(
    tmp_path: Path, template: Template, sample: SampleLetter, doubled: bool
) -> None:
    path = tmp_path / "previous.txt"
    path.write_text(pdf_text(sample, doubled=doubled), encoding="utf-8")
    result = import_letter(path, template, sample.language)
    letter = result.letter
    # the exact paragraphs come back: joined, de-hyphenated, furniture gone
    assert body_texts(letter) == [
        t for target in _order(sample) for t in target
    ]
    # a text heading has no level, but the unmatched subheading sits between two
    # matched sections: it stays in the section it sits in
    assert_mapped(letter, sample, sub_section="performance")
    assert sum(r.paragraphs for r in result.mapping) == sample.body_count()
    joined = "\n".join(body_texts(letter))
    for furniture in (SYMBOL, JOB, "*2016789*", "https://", "2/4", "Distr"):
        assert furniture not in joined
    assert sample.hyphenated_text in joined  # "opéra-|tions" joined, "Gao-|Labézanga" kept
    m = letter.metadata
    assert (m.letter_date.year, m.letter_date.month, m.letter_date.day) == sample.letter_date
    assert m.symbol == SYMBOL
    assert m.closing == sample.closing and m.signatory == sample.signatory
    assert any("page furniture" in n for n in result.notices)


def _order(sample: SampleLetter) -> list[list[str]]:
    """Paragraphs in letter order: sections in template order, then unassigned."""
    by_section: dict[str | None, list[str]] = {}
    for part in sample.parts:
        target = part.section
        by_section.setdefault(target, []).extend(t for _k, t in part.paragraphs)
    order = ["opening", "security", "performance", "rotation", "coordination", "framework",
             "exit", None]
    return [by_section.get(sid, []) for sid in order]


def test_blank_line_paragraphs_in_plain_text(tmp_path: Path, template: Template) -> None:
    chunks = [EN.title]
    for part in EN.parts:
        if part.heading:
            chunks.append(part.heading)
        chunks += [("- " if k == "bullet" else "") + t for k, t in part.paragraphs]
    chunks += [EN.closing, EN.signature]
    path = tmp_path / "plain.txt"
    path.write_text("\n\n".join(chunks) + "\n", encoding="utf-8")
    letter = import_letter(path, template, "en").letter
    assert_mapped(letter, EN, sub_section="performance")
    assert [b.kind for b in letter.section("framework").blocks] == [
        "paragraph", "bullet", "bullet"]


def test_hyphenation_rule() -> None:
    text = "\n".join([
        "    Le porte-parole de la Mission a rappelé que les opéra-",
        "tions de déminage se poursuivent sur l’axe Gao-",
        "Labézanga ; selon le porte-",
        "parole, 12 engins ont été neutralisés en 2020-",
        "2021, dont un près de Ménaka.",
    ])
    doc = parse_text(text)
    assert [p.text for p in doc.paragraphs] == [
        "Le porte-parole de la Mission a rappelé que les opérations de déminage se "
        "poursuivent sur l’axe Gao-Labézanga ; selon le porte-parole, 12 engins ont été "
        "neutralisés en 2020-2021, dont un près de Ménaka."
    ]


@pytest.mark.parametrize(
    "line",
    ["S/2020/625", "4/42", "20-07899", "20-07899 (F)    020620", "*2007899*",
     "https://undocs.org/fr/S/2020/223", "S/2020/625 4/42", "A/HRC/45/12", "S/RES/2531 (2020)"],
)
def test_page_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["S/2020/223 et S/2020/476), la", "En 2020, 4/5 des unités.", "Coordination",
     "voir https://undocs.org/fr/S/2020/223 pour le détail", "2020"],
)
def test_body_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_oversized_text_is_refused_quickly(tmp_path: Path, template: Template) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: nothing written to disk
    assert path.stat().st_size > MAX_TEXT_BYTES
    start = time.monotonic()
    with pytest.raises(ImportFileError, match="too large"):
        import_letter(path, template, "fr")
    assert time.monotonic() - start < 1.0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("letter.pdf", b"%PDF-1.7\n", r"\.docx"),
        ("letter.odt", b"PK\x03\x04", r"\.docx"),
        ("letter.txt", b"%PDF-1.7\n%binary", "PDF"),
        ("letter.txt", b"\x00\x01\x02binary\x00", "not a text file"),
        ("letter.txt", b"   \n\n  \n", "no text"),
    ],
)
def test_unsupported_or_foreign_files_give_one_clear_error(
    tmp_path: Path, template: Template, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        import_letter(path, template, "fr")


def test_missing_file(tmp_path: Path, template: Template) -> None:
    with pytest.raises(ImportFileError, match="not found"):
        import_letter(tmp_path / "absent.txt", template, "fr")


def test_windows_1252_text_is_decoded(tmp_path: Path, template: Template) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Relève des contingents\n\nLes relèves ont repris en juillet.\n"
                     .encode("cp1252"))
    letter = import_letter(path, template, "fr").letter
    assert [b.text for b in letter.section("rotation").blocks] == [
        "Les relèves ont repris en juillet."]


LAYOUT_LETTER = """\
United Nations                                                        S/2019/983

Security Council                                                      Distr.: General
                                                                      30 December 2019

                                                                      Original: English

Letter dated 30 December 2019 from the Secretary-General addressed to the President of
the Security Council

I have the honour to refer to resolution 2480 (2019), in which the Council asked me to
report to it every six months on the Mission's work in Mali.

Security challenges and progress in the Mission's operations

The Mission reported on its operations in the centre of the country for the period.
The Mission took three steps:
a) it reinforced its presence in Mopti;
b) it opened two temporary bases near Bandiagara;
c) it increased air patrols over the Liptako-Gourma area.
The steps were reviewed with the national forces, who agreed to share the results of
their patrols with the Mission: a) on a weekly basis; b) through the joint centre.
"""


def test_a_masthead_laid_out_in_columns_is_page_furniture(template: Template) -> None:
    """pdftotext -layout puts the masthead's columns on one line each."""
    doc = parse_text(LAYOUT_LETTER)
    texts = [p.text for p in doc.paragraphs]
    assert doc.symbol == "S/2019/983"
    assert not any("United Nations" in t or "Distr." in t or "Original" in t for t in texts)
    assert texts[0].startswith("Letter dated 30 December 2019")


def test_a_list_set_out_one_item_per_line_keeps_its_items(template: Template) -> None:
    texts = [p.text for p in parse_text(LAYOUT_LETTER).paragraphs]
    assert "a) it reinforced its presence in Mopti;" in texts
    assert "b) it opened two temporary bases near Bandiagara;" in texts
    assert any(t.startswith("c) it increased air patrols") for t in texts)
    # An enumeration running inside a sentence stays in its paragraph.
    assert any("a) on a weekly basis; b) through the joint centre." in t for t in texts)


FRENCH_LETTER = (
    "La situation dans le centre du pays est restée préoccupante pendant la période. "
    "La Mission a mené des patrouilles de longue portée avec les forces maliennes et a "
    "ouvert deux bases temporaires dans la région de Mopti, afin de protéger les civils "
    "et de soutenir le retour de l’administration de l’État. Les contingents ont été "
    "évalués selon la méthodologie prévue, et les résultats ont été communiqués aux pays "
    "qui fournissent des contingents.\n")


def test_a_letter_in_another_language_than_the_draft_is_told(tmp_path: Path,
                                                             template: Template) -> None:
    source = tmp_path / "lettre.txt"
    source.write_text(FRENCH_LETTER * 2, encoding="utf-8")
    told = [n for n in import_letter(source, template, "en").notices if "reads as" in n]
    assert told == ["lettre.txt reads as French, but the new draft is in English: its text "
                    "stays as written, and the template's own texts (headings, opening) are "
                    "in English. Import it in French if that is the letter's language."]
    assert not [n for n in import_letter(source, template, "fr").notices if "reads as" in n]
