"""Reviewers' records in the letter model (issue 19): flat, id-keyed, exact round trip,
and drafts from before them still open."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from drafting.annotations import Comment, Review, Suggestion, thread_of, threads
from drafting.letter import LETTER_FORMAT, Letter
from drafting.storage.opening import load_letter
from drafting.storage.store import DraftStore
from tests.drafting.edit_cases import sample

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "drafts"


def reviewed_letter() -> Letter:
    letter = sample()
    block = letter.section("security").blocks[0]
    letter.suggestions = [
        Suggestion(id="s1", kind="replace", section="security", block_id=block.id,
                   old="patrols", new="patrolling", start=4, before="The ", after=" went",
                   author="Aïcha Traoré", date="2020-05-04T10:00:00Z", tracked=True,
                   review="r1"),
        Suggestion(id="s2", kind="new_paragraph", section="security", new="A new one.",
                   anchor=block.id, author="Bob", status="rejected", tracked=False,
                   review="r1"),
    ]
    letter.comments = [
        Comment(id="c1", text="Which patrols?", author="Aïcha Traoré", section="security",
                block_id=block.id, quote="patrols", review="r1"),
        Comment(id="c2", text="The Gao ones.", author="Writer", parent="c1", origin="writer"),
        Comment(id="c3", text="Thanks.", author="Aïcha Traoré", parent="c2"),
    ]
    letter.reviews = [Review(id="r1", name="lettre-AT.docx", digest="ab" * 32, revision=3,
                             reviewers=["Aïcha Traoré", "Bob"], date="2020-05-05T08:00:00Z")]
    return letter


def test_records_round_trip_exactly_through_the_dict_form() -> None:
    letter = reviewed_letter()
    d = letter.to_dict()
    assert d["format"] == LETTER_FORMAT == 2
    again = Letter.from_dict(json.loads(json.dumps(d)))
    assert again.suggestions == letter.suggestions
    assert again.comments == letter.comments
    assert again.reviews == letter.reviews
    assert again.to_dict() == d


def test_records_are_flat_dicts_with_string_ids() -> None:
    d = reviewed_letter().to_dict()
    for name in ("suggestions", "comments", "reviews"):
        for record in d[name]:
            assert isinstance(record["id"], str) and record["id"]
            for value in record.values():
                assert isinstance(value, str | int | bool) or (
                    isinstance(value, list) and all(isinstance(v, str) for v in value))
    # defaults are left out: a pending suggestion does not say so
    assert "status" not in d["suggestions"][0] and d["suggestions"][1]["status"] == "rejected"


def test_a_letter_without_reviews_stays_format_1_with_the_same_keys() -> None:
    d = sample().to_dict()
    assert d["format"] == 1
    assert not {"suggestions", "comments", "reviews"} & d.keys()


def test_a_newer_format_is_refused_and_bad_records_raise() -> None:
    d = reviewed_letter().to_dict()
    d["format"] = LETTER_FORMAT + 1
    with pytest.raises(ValueError, match="newer"):
        Letter.from_dict(d)
    d["format"] = 2
    d["suggestions"][0]["kind"] = "rewrite everything"
    with pytest.raises(ValueError):
        Letter.from_dict(d)
    d["suggestions"][0]["kind"] = "replace"
    del d["comments"][0]["id"]
    with pytest.raises(ValueError):
        Letter.from_dict(d)


def test_unknown_fields_are_ignored_and_types_coerced() -> None:
    s = Suggestion.from_dict({"id": "x", "kind": "insert", "section": "opening", "start": "7",
                              "tracked": 0, "status": "maybe", "colour": "red"})
    assert s.start == 7 and s.tracked is False and s.status == "pending"


def test_threads_group_replies_under_their_first_comment() -> None:
    letter = reviewed_letter()
    [(first, replies)] = threads(letter.comments)
    assert first.id == "c1" and [c.id for c in replies] == ["c2", "c3"]
    assert thread_of(letter.comments, "c3") is first
    # a reply whose parent is gone starts its own thread instead of vanishing
    orphan = [c for c in letter.comments if c.id != "c1"]
    assert [f.id for f, _r in threads(orphan)] == ["c2"]


def test_a_stored_format_1_draft_opens_with_empty_review_lists(tmp_path: Path) -> None:
    """A draft written before issue 19 (kept as a file) opens, and its revisions too."""
    path = tmp_path / "old.missive"
    shutil.copyfile(FIXTURES / "format-1.missive", path)
    before = path.read_bytes()
    letter, _template, _notices = load_letter(path)
    assert letter.suggestions == [] and letter.comments == [] and letter.reviews == []
    assert letter.confirmations and letter.section("security").blocks
    with DraftStore.open(path, read_only=True) as store:
        names = [r.name for r in store.revisions()]
        first = store.load_revision(store.revisions()[0].id)
    assert names == ["Created", "Second revision"] and first.to_dict()["format"] == 1
    assert path.read_bytes() == before


def test_a_reviewed_letter_saves_and_loads_from_a_draft(tmp_path: Path) -> None:
    path = tmp_path / "d.missive"
    letter = reviewed_letter()
    with DraftStore.create(path, letter) as store:
        assert store.load().to_dict() == letter.to_dict()
