"""Contributions and previous letters as they really arrive (issue 15): one
stray byte in otherwise UTF-8 text, a legacy code page, text boxes and tables
nested inside each other, a link that shows one address and leads to another,
revision names that carry terminal escape codes."""

from __future__ import annotations

import resource
import sqlite3
import time
from pathlib import Path

import pytest

from drafting.storage.store import DraftStore
from tests.reliability.cli import assert_one_clear_error, cli
from tests.reliability.helpers import TEMPLATE_ID, digest, letter
from tests.reliability.hostile import linked_docx, nested_tables, nested_text_boxes

UTF8_TEXT = ("Les opérations de la Force ont été menées à Gao.\n\n"
             "Deux patrouilles ont été déployées.\n\n"
             "Les opérations conjointes se poursuivent à Ménaka.\n")


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "lettre.missive"
    with DraftStore.create(path, letter(), name="Premier jet"):
        pass
    return path


def section_text(path: Path, section: str) -> str:
    with DraftStore.open(path, read_only=True) as store:
        return store.load().section(section).text


def test_one_stray_byte_costs_one_character_and_names_its_line(
        draft: Path, tmp_path: Path) -> None:
    source = tmp_path / "force.txt"
    data = UTF8_TEXT.encode("utf-8").replace(b"Deux", b"Deux\xa0", 1)  # a lone Latin-1 byte
    source.write_bytes(data)
    code, out, err = cli("fill", str(draft), "--section", "security", "--from", str(source))
    assert code == 0, err
    assert err.strip() == ("warning: input.invalid_utf8: force.txt, line 3: 1 byte that is "
                           "not valid UTF-8 was replaced by “\ufffd”.")
    text = section_text(draft, "security")
    assert "opérations" in text and "Ménaka" in text and "Ã" not in text
    assert "Deux\ufffd patrouilles" in text
    # import reads the same way and says the same thing
    code, _out, err = cli("import", str(source), "-t", TEMPLATE_ID, "-l", "fr",
                          "-o", str(tmp_path / "importée.missive"), "--no-carry")
    assert code == 0, err
    assert "input.invalid_utf8: force.txt, line 3" in err
    with DraftStore.open(tmp_path / "importée.missive", read_only=True) as store:
        imported = store.load()
    words = " ".join(b.text for _s, _i, b in imported.iter_blocks())
    assert "opérations" in words and "Ã" not in words


def test_a_file_in_a_legacy_code_page_is_read_as_one_and_says_so(
        draft: Path, tmp_path: Path) -> None:
    source = tmp_path / "police.txt"
    source.write_bytes(UTF8_TEXT.encode("cp1252"))
    code, _out, err = cli("fill", str(draft), "--section", "security", "--from", str(source))
    assert code == 0, err
    assert "input.legacy_encoding: police.txt is not UTF-8 text; it was read as " \
           "Windows-1252" in err
    assert "Les opérations de la Force ont été menées à Gao." in section_text(draft, "security")


def test_clean_utf8_says_nothing(draft: Path, tmp_path: Path) -> None:
    source = tmp_path / "propre.txt"
    source.write_text(UTF8_TEXT, encoding="utf-8")
    code, _out, err = cli("fill", str(draft), "--section", "security", "--from", str(source))
    assert (code, err) == (0, "")


@pytest.mark.parametrize("build", [nested_text_boxes, nested_tables])
def test_nested_boxes_and_tables_are_read_once_each(
        draft: Path, tmp_path: Path, build: object) -> None:
    source = build(tmp_path / "imbriqué.docx", 10)  # type: ignore[operator]
    code, out, err = cli("fill", str(draft), "--section", "security", "--from", str(source))
    assert code == 0, err
    assert "10 paragraphs put into section security" in out
    paragraphs = [p for p in section_text(draft, "security").split("\n") if p]
    assert len(paragraphs) == 10 and len(set(paragraphs)) == 10


@pytest.mark.parametrize("build", [nested_text_boxes, nested_tables])
def test_nesting_beyond_the_cap_is_refused_at_once(
        draft: Path, tmp_path: Path, build: object) -> None:
    # 18 levels: 262,145 paragraphs, 21 s and 400 MB before; a 1 KB file.
    source = build(tmp_path / "bombe.docx", 18)  # type: ignore[operator]
    assert source.stat().st_size < 1200
    before = digest(draft)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    for argv in (["fill", str(draft), "--section", "security", "--from", str(source)],
                 ["import", str(source), "-t", TEMPLATE_ID, "-l", "fr",
                  "-o", str(tmp_path / "x.missive")]):
        assert_one_clear_error(cli(*argv), r"bombe\.docx nests text boxes or tables more "
                                           r"than 10 deep; it was not read")
    assert time.perf_counter() - started < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 50 * 1024
    assert digest(draft) == before and not (tmp_path / "x.missive").exists()


def test_a_link_showing_another_address_loses_its_target_and_says_so(
        draft: Path, tmp_path: Path) -> None:
    source = linked_docx(tmp_path / "lien.docx", "https://undocs.org/fr/S/2020/481",
                         "https://example.net/collect?id=7")
    code, _out, err = cli("fill", str(draft), "--section", "security", "--from", str(source))
    assert code == 0, err
    assert err.strip() == (
        "warning: input.misleading_link: lien.docx: the link “https://undocs.org/fr/S/2020/481”"
        " led to another address (https://example.net/collect?id=7); the link was removed"
        " and its text kept.")
    with DraftStore.open(draft, read_only=True) as store:
        spans = [s for b in store.load().section("security").blocks for s in b.spans]
    assert "https://undocs.org/fr/S/2020/481" in "".join(s.text for s in spans)
    assert all(s.target is None for s in spans)


def test_an_honest_link_is_kept_quietly(draft: Path, tmp_path: Path) -> None:
    source = linked_docx(tmp_path / "lien.docx", "undocs.org/S/2020/481",
                         "https://undocs.org/fr/S/2020/481")
    code, _out, err = cli("fill", str(draft), "--section", "security", "--from", str(source))
    assert (code, err) == (0, "")
    with DraftStore.open(draft, read_only=True) as store:
        spans = [s for b in store.load().section("security").blocks for s in b.spans]
    assert [s.target for s in spans if s.kind == "link"] == ["https://undocs.org/fr/S/2020/481"]


def test_history_never_prints_control_characters(draft: Path) -> None:
    hostile = "Relu\x1b]0;titre volé\x07\x1b[2J\x1b[31m rouge\u202e\nDeuxième ligne\x9b"
    with DraftStore.open(draft) as store:
        store.save(letter(marker=" v2"), name=hostile)
    conn = sqlite3.connect(draft)
    conn.execute("UPDATE revision SET name = ? WHERE id = 1", ("\x1b[8mcaché",))
    conn.commit()
    conn.close()
    code, out, err = cli("history", str(draft))
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e")
    assert lines[0].endswith("[8mcaché")
    assert lines[1].endswith("Relu]0;titre volé[2J[31m rouge Deuxième ligne")


def test_a_file_name_with_a_newline_is_still_one_line(tmp_path: Path) -> None:
    odd = tmp_path / "deux\nlignes\x1b[31m.missive"
    odd.write_bytes(b"not a draft at all")
    assert_one_clear_error(cli("check", str(odd)), r"deux lignes\[31m\.missive is not a "
                                                   r"Missive draft")
