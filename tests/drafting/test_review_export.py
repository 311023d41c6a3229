"""What an export adds so that a reviewed copy can come back (issue 19) stays valid
Open XML: anchors (hidden bookmarks, unique ids, names of at most 40 characters), the
stamp in custom properties, comments with their ranges, references, threads and
resolved state, in a draft and in a redline; and Word's own reader sees them."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

from drafting.annotations import Comment
from drafting.export import export_docx
from drafting.export.redline import export_redline
from drafting.export.xmlutil import safe_parser
from drafting.importers.reviewed import read_reviewed_docx
from drafting.letter import Block, Letter
from drafting.review.stamp import ANCHOR_PREFIX, ExportStamp, anchor_name
from tests.drafting.edit_cases import sample, template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOW = datetime(2020, 6, 2, 9, 0, tzinfo=UTC)
STAMP = ExportStamp("draft-0001", 7, "ab" * 32)


def commented() -> Letter:
    letter = sample()
    security = letter.section("security").blocks[1]
    letter.unassigned = [Block.from_text("Kept aside, in a draft only.", id="loose")]
    letter.comments = [
        Comment(id="c1", text="Please confirm the name.\nAnd the dates.", author="Ana Diallo",
                date="2020-05-04T10:00:00Z", section="security", block_id=security.id,
                quote="Operation Maliko"),
        Comment(id="c2", text="Confirmed with the Force.", author="Writer", parent="c1",
                origin="writer", date="2020-05-05T08:00:00Z"),
        Comment(id="c3", text="These words are gone.", author="Ben", quote="no such words",
                section="exit", block_id=letter.section("exit").blocks[0].id),
        Comment(id="c4", text="Settled.", author="Ben", resolved=True,
                block_id=letter.section("exit").blocks[1].id),
    ]
    return letter


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("review-export")
    letter = commented()
    old = sample()
    old.section("security").blocks[1].set_text("An older wording of the paragraph.")
    return {
        "draft": export_docx(letter, template(), folder / "draft.docx", now=NOW,
                             stamp=STAMP).path,
        "redline": export_redline(old, letter, folder / "redline.docx", template(),
                                  when=NOW, stamp=STAMP),
    }


@pytest.mark.parametrize("kind", ["draft", "redline"])
def test_review_parts_validate_with_no_error(kind: str, exports: dict[str, Path]) -> None:
    result = OpenXmlValidator().validate(exports[kind])
    assert [str(e) for e in result.errors] == []


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name), parser=safe_parser())


@pytest.mark.parametrize("kind", ["draft", "redline"])
def test_anchors_wrap_each_paragraph_with_unique_ids(kind: str,
                                                     exports: dict[str, Path]) -> None:
    body = _part(exports[kind], "word/document.xml")
    starts = [s for s in body.iter(f"{W}bookmarkStart")
              if s.get(f"{W}name", "").startswith(ANCHOR_PREFIX)]
    letter = commented()
    expected = {anchor_name(b.id) for _s, _i, b in letter.iter_blocks() if b.text.strip()}
    assert {s.get(f"{W}name") for s in starts} == expected
    ids = [e.get(f"{W}id") for e in body.iter(f"{W}bookmarkStart", f"{W}commentRangeStart")]
    assert len(ids) == len(set(ids))
    for start in starts:
        p = start.getparent()
        assert p.tag == f"{W}p"
        ends = [e for e in p.iter(f"{W}bookmarkEnd") if e.get(f"{W}id") == start.get(f"{W}id")]
        assert len(ends) == 1 and len(start.get(f"{W}name")) <= 40


def test_open_threads_go_out_with_replies_and_resolved_ones_stay_home(
        exports: dict[str, Path]) -> None:
    doc = read_reviewed_docx(exports["draft"])
    texts = {c.text: c for c in doc.comments}
    assert set(texts) == {"Please confirm the name.\nAnd the dates.",
                          "Confirmed with the Force.", "These words are gone."}
    first, reply = texts["Please confirm the name.\nAnd the dates."], \
        texts["Confirmed with the Force."]
    assert first.quote == "Operation Maliko" and first.author == "Ana Diallo"
    assert reply.parent_para_id == first.para_id and not first.done
    assert first.date == "2020-05-04T10:00:00Z"
    # words no longer in the paragraph: the comment covers the whole paragraph
    gone = texts["These words are gone."]
    assert gone.quote.startswith("Should MINUSMA withdraw")
    assert doc.stamp == STAMP


def test_a_redline_names_its_own_changes_and_carries_comments_on_whole_paragraphs(
        exports: dict[str, Path]) -> None:
    doc = read_reviewed_docx(exports["redline"])
    assert doc.stamp is not None and doc.stamp.redline_author == "Missive"
    # Missive's own insertions read as plain text, its deletions are not there
    assert not any(p.tracked() for p in doc.paragraphs)
    texts = {c.text for c in doc.comments}
    assert "Confirmed with the Force." in texts


def test_a_final_export_has_anchors_but_no_comments(tmp_path: Path) -> None:
    letter = commented()
    letter.unassigned = []
    for _sid, _i, block in letter.iter_blocks():
        block.set_text(block.text.replace("[", "").replace("]", ""))
    path = export_docx(letter, template(), tmp_path / "final.docx", final=True, now=NOW,
                       stamp=STAMP).path
    with zipfile.ZipFile(path) as archive:
        assert "word/comments.xml" not in archive.namelist()
        assert "docProps/custom.xml" in archive.namelist()
    assert OpenXmlValidator().validate(path).errors == []
