"""A Word review back into the draft (issue 19), with reviewed copies shaped like Word's.

The draft is the English sample; its export comes from the real `export`
command, and each reviewed copy is that file edited with lxml the way Word
records a review (`tests/drafting/word_review.py`). Everything goes through
the command line as a writer would use it: `review`, `suggestion`, `check
--json`, `export` again.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from drafting import edits
from drafting.export import export_docx
from drafting.importers.reviewed import read_reviewed_docx
from drafting.letter import Letter
from drafting.review.matching import prefix_length
from drafting.review.stamp import ANCHOR_PREFIX, PROP_DRAFT, PROP_REVISION
from drafting.storage.opening import load_letter
from drafting.storage.reviews import printed_text
from drafting.storage.store import DraftStore
from tests.drafting.edit_cases import sample
from tests.drafting.word_review import WordReview
from tests.reliability.cli import assert_one_clear_error, cli

ANA, BEN = "Aïcha Traoré", "Ben Okafor"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "letter.missive"
    DraftStore.create(path, sample()).close()
    return path


def export(draft: Path, name: str = "sent.docx", *extra: str) -> Path:
    out = draft.parent / name
    code, _out, err = cli("export", str(draft), "-o", str(out), *extra)
    assert code == 0, err
    return out


def write(path: Path, review: WordReview) -> Path:
    path.write_bytes(review.bytes())
    return path


def letter_of(draft: Path) -> Letter:
    return load_letter(draft)[0]


def ids(letter: Letter, section: str) -> list[str]:
    return [b.id for b in letter.section(section).blocks]


def reviewed_texts(path: Path) -> dict[str, str]:
    """Each anchored paragraph of a reviewed copy as it reads with every change accepted."""
    out = {}
    for p in read_reviewed_docx(path).paragraphs:
        if p.anchors and p.final.strip():
            text = p.final
            out[p.anchors[0]] = text[prefix_length(text):].strip()
    return out


def ana_copy(sent: Path, letter: Letter) -> WordReview:
    review = WordReview(sent.read_bytes())
    security = ids(letter, "security")
    review.replace(security[1], "regrouped", "brought together", ANA)
    review.insert(security[0], "unstable", " and volatile", ANA)
    review.edit(ids(letter, "performance")[0], "To become more effective",
                "To become far more effective")
    review.insert_paragraph_after(ids(letter, "framework")[0],
                                  "The framework was reviewed in March.", ANA)
    review.delete_paragraph(ids(letter, "rotation")[1], ANA)
    review.format_only(ids(letter, "coordination")[0], "As the only forum", ANA)
    first = review.comment(security[1], "Operation Maliko", "Please confirm the name.", ANA)
    review.comment(security[1], "Operation Maliko", "It is Maliko, checked.", BEN,
                   reply_to=first)
    return review


def test_two_reviewers_come_in_as_suggestions_and_accept_all_gives_the_reviewed_text(
        draft: Path) -> None:
    before = letter_of(draft)
    sent = export(draft)
    ana = write(draft.parent / "ana.docx", ana_copy(sent, before))
    code, out, err = cli("review", str(draft), str(ana), "--author", ANA)
    assert code == 0, err
    assert out.splitlines()[0] == "5 suggestions and 2 comments from 2 reviewers."
    after_review = letter_of(draft)
    assert after_review.to_dict()["sections"] == before.to_dict()["sections"]  # nothing yet
    kinds = sorted((s.kind, s.author, s.tracked) for s in after_review.suggestions)
    assert kinds == [("delete_paragraph", ANA, True), ("insert", ANA, False),
                     ("insert", ANA, True), ("new_paragraph", ANA, True),
                     ("replace", ANA, True)]  # the bold change is formatting only

    # A second copy of the same export, reviewed by someone else.
    ben = WordReview(sent.read_bytes())
    ben.replace(ids(before, "security")[1], "regrouped", "redeployed", BEN)  # disagrees
    ben.edit(ids(before, "exit")[0], "Should MINUSMA withdraw", "If MINUSMA withdraws")
    ben.comment(ids(before, "exit")[0], "political and security conditions",
                "Cite the criteria.", BEN)
    ben_path = write(draft.parent / "ben.docx", ben)
    code, out, err = cli("review", str(draft), str(ben_path), "--author", BEN)
    assert code == 0, err
    assert out.splitlines()[0] == "3 suggestions and 1 comment from 1 reviewer."
    history = [line.split(None, 5)[-1] for line in cli("history", str(draft))[1].splitlines()]
    assert f"Review by {ANA}, {BEN}" in history and f"Review by {BEN}" in history

    code, out, _err = cli("check", str(draft), "--json")
    data = json.loads(out)
    assert len(data["suggestions"]) == 8 and len(data["comments"]) == 3
    first = next(s for s in data["suggestions"] if s["kind"] == "replace"
                 and s["author"] == ANA)
    assert (first["section"], first["paragraph"], first["old"], first["new"]) == (
        "security", 1, "regrouped", "brought together")
    reply = next(c for c in data["comments"] if c["author"] == BEN and c["parent"])
    assert reply["section"] == "security" and reply["resolved"] is False
    codes = {f["code"] for f in data["findings"]}
    assert {"review.pending_suggestion", "review.unresolved_comment"} <= codes
    assert cli("check", str(draft), "--final")[0] == 1

    # Accept everything: Ben's replacement of the same word cannot apply any more.
    code, out, err = cli("suggestion", str(draft), "accept", "all")
    assert code == 1 and "Ben Okafor" in err and "same words" in err
    accepted = letter_of(draft)
    expected = reviewed_texts(ana)
    expected.update({k: v for k, v in reviewed_texts(ben_path).items()
                     if "If MINUSMA" in v})
    compared = 0
    for sid, _i, block in accepted.iter_blocks():
        if _anchor(block.id) in expected:
            assert printed_text(block, "en") == expected[_anchor(block.id)], sid
            compared += 1
    assert compared == len(expected) > 30  # every paragraph that is left
    assert ids(accepted, "rotation") == ids(before, "rotation")[:1]
    framework = accepted.section("framework").blocks
    assert framework[1].text == "The framework was reviewed in March."
    assert [s.status for s in accepted.suggestions].count("pending") == 1


def _anchor(block_id: str) -> str:
    from drafting.review.stamp import anchor_name

    return anchor_name(block_id)


def test_reject_all_leaves_the_draft_text_unchanged(draft: Path) -> None:
    before = letter_of(draft)
    sent = export(draft)
    copy = write(draft.parent / "ana.docx", ana_copy(sent, before))
    assert cli("review", str(draft), str(copy), "--reject-all")[0] == 0
    after = letter_of(draft)
    assert after.to_dict()["sections"] == before.to_dict()["sections"]
    assert {s.status for s in after.suggestions} == {"rejected"}


def test_accept_all_at_once_gives_the_reviewed_text(draft: Path) -> None:
    before = letter_of(draft)
    sent = export(draft)
    copy = write(draft.parent / "ana.docx", ana_copy(sent, before))
    code, _out, err = cli("review", str(draft), str(copy), "--accept-all")
    assert code == 0, err
    after = letter_of(draft)
    for name, text in reviewed_texts(copy).items():
        block = next(b for _s, _i, b in after.iter_blocks() if _anchor(b.id) == name)
        assert printed_text(block, "en") == text


def test_a_deleted_anchor_still_matches_by_its_text(draft: Path) -> None:
    before = letter_of(draft)
    target = ids(before, "performance")[1]
    review = WordReview(export(draft).read_bytes())
    review.replace(target, "temporary", "provisional", ANA)
    review.drop_anchor(target)
    copy = write(draft.parent / "copy.docx", review)
    assert cli("review", str(draft), str(copy))[0] == 0
    [s] = letter_of(draft).suggestions
    assert (s.kind, s.block_id, s.old, s.new) == ("replace", target, "temporary", "provisional")


def test_moved_new_and_removed_paragraphs_without_tracking(draft: Path) -> None:
    before = letter_of(draft)
    exit_ids = ids(before, "exit")
    review = WordReview(export(draft).read_bytes())
    review.move_paragraph(exit_ids[0], exit_ids[1])
    review.remove_paragraph(ids(before, "coordination")[0])
    review.insert_paragraph_after(ids(before, "opening")[0], "A new opening line.", None)
    copy = write(draft.parent / "copy.docx", review)
    assert cli("review", str(draft), str(copy), "--author", BEN)[0] == 0
    found = {s.kind: s for s in letter_of(draft).suggestions}
    assert set(found) == {"move_paragraph", "delete_paragraph", "new_paragraph"}
    assert all(s.author == BEN and not s.tracked for s in found.values())
    # Either paragraph may be the one that moved: the other stayed in order.
    assert found["move_paragraph"].block_id in exit_ids[:2]
    assert found["new_paragraph"].anchor == ids(before, "opening")[0]
    assert cli("suggestion", str(draft), "accept", "all")[0] == 0
    after = letter_of(draft)
    assert ids(after, "exit")[:2] == [exit_ids[1], exit_ids[0]]
    assert after.section("coordination").blocks == []
    assert after.section("opening").blocks[1].text == "A new opening line."


def test_an_accepted_suggestion_applies_to_the_current_text_or_is_refused(draft: Path) -> None:
    before = letter_of(draft)
    target = ids(before, "security")[1]
    review = WordReview(export(draft).read_bytes())
    review.replace(target, "regrouped", "brought together", ANA)
    review.replace(target, "strategic locations", "key places", ANA)
    assert cli("review", str(draft), str(write(draft.parent / "c.docx", review)))[0] == 0
    # The writer rewrites the start of the paragraph meanwhile.
    with DraftStore.open(draft) as store:
        letter = store.load()
        block = letter.section("security").blocks[1]
        at = block.text.index("regrouped")
        rewritten = edits.replace_range(block, at, at + len("regrouped"), "gathered")
        letter.section("security").blocks[1] = rewritten
        store.save(letter, name="Writer's edit")
    code, _out, err = cli("suggestion", str(draft), "accept", "all")
    assert code == 1 and "no longer in the paragraph" in err
    text = letter_of(draft).section("security").blocks[1].text
    assert "gathered the Malian" in text and "key places" in text
    assert "brought together" not in text


def test_formatting_changes_alone_bring_no_suggestion(draft: Path) -> None:
    before = letter_of(draft)
    review = WordReview(export(draft).read_bytes())
    review.format_only(ids(before, "exit")[0], "Should MINUSMA withdraw", ANA)
    unchanged = draft.read_bytes()
    code, out, _err = cli("review", str(draft), str(write(draft.parent / "f.docx", review)))
    assert code == 0 and "no change and no comment" in out and out.count("\n") == 1
    # No empty "Review by …" revision: the draft file is as it was.
    assert draft.read_bytes() == unchanged


def test_a_copy_that_comes_back_untouched_records_nothing(draft: Path) -> None:
    sent = export(draft)
    with DraftStore.open(draft) as store:
        revisions = len(store.revisions())
    copy = write(draft.parent / "untouched.docx", WordReview(sent.read_bytes()))
    code, out, err = cli("review", str(draft), str(copy))
    assert (code, err) == (0, "") and "untouched.docx came back with no change" in out
    with DraftStore.open(draft) as store:
        assert len(store.revisions()) == revisions
    assert not letter_of(draft).reviews


def test_a_reviewed_heading_or_signature_is_told_not_taken_for_new_text(draft: Path) -> None:
    before = letter_of(draft)
    review = WordReview(export(draft).read_bytes())
    # A tracked word in a section heading, a heading reworded whole without
    # tracking, and the signature line edited.
    review.replace("Performance of uniformed personnel", "uniformed", "military", ANA)
    review.edit("Rotation of uniformed personnel", "Rotation of uniformed personnel",
                "Troop movements")
    assert before.metadata.signatory
    review.edit("(Signed) " + before.metadata.signatory, before.metadata.signatory,
                "A. Guterres")
    review.replace(ids(before, "security")[1], "regrouped", "brought together", ANA)
    code, out, err = cli("review", str(draft), str(write(draft.parent / "h.docx", review)),
                         "--author", BEN)
    assert code == 0, err
    assert out.startswith("1 suggestion ")
    notes = err.splitlines()
    assert len(notes) == 3, err
    assert any(f"{ANA} changed the section heading “Performance of uniformed personnel” to "
               "“Performance of military personnel”" in n for n in notes)
    assert any(f"{BEN} changed the section heading “Rotation of uniformed personnel” to "
               "“Troop movements”" in n for n in notes)
    assert any("changed the line" in n and "A. Guterres" in n for n in notes)
    after = letter_of(draft)
    # Nothing of it became a new paragraph, and every section keeps its blocks.
    assert [s.block_id for s in after.suggestions] == [ids(before, "security")[1]]
    assert ids(after, "rotation") == ids(before, "rotation")
    assert {r for rv in after.reviews for r in rv.reviewers} == {ANA, BEN}


def test_a_copy_with_only_a_heading_changed_records_nothing_and_says_why(draft: Path) -> None:
    review = WordReview(export(draft).read_bytes())
    review.replace("Performance of uniformed personnel", "uniformed", "military", ANA)
    unchanged = draft.read_bytes()
    code, out, err = cli("review", str(draft), str(write(draft.parent / "o.docx", review)))
    assert (code, err) == (0, "")
    assert "no change to the letter's text" in out and "changed the section heading" in out
    assert draft.read_bytes() == unchanged


def test_comments_go_out_with_the_next_export_and_come_back_once(draft: Path) -> None:
    before = letter_of(draft)
    target = ids(before, "security")[1]
    review = WordReview(export(draft).read_bytes())
    review.comment(target, "Operation Maliko", "Please confirm the name.", ANA)
    review.comment(ids(before, "exit")[0], "Should MINUSMA withdraw", "Fine as it is.", BEN,
                   done=True)
    assert cli("review", str(draft), str(write(draft.parent / "c1.docx", review)))[0] == 0
    with DraftStore.open(draft) as store:
        letter = store.load()
        ana_comment = next(c for c in letter.comments if c.author == ANA)
        assert ana_comment.quote == "Operation Maliko" and ana_comment.block_id == target
        assert next(c for c in letter.comments if c.author == BEN).resolved
        change = edits.reply_comment(letter, ana_comment.id, "Confirmed with the Force.",
                                     "Writer")
        store.save(change.apply(letter), name="Reply")

    second = export(draft, "second.docx")
    with zipfile.ZipFile(second) as archive:
        comments = archive.read("word/comments.xml").decode()
        extended = archive.read("word/commentsExtended.xml").decode()
        document = archive.read("word/document.xml").decode()
    assert "Please confirm the name." in comments and "Confirmed with the Force." in comments
    assert "Fine as it is." not in comments  # resolved threads stay home
    assert "paraIdParent" in extended
    assert document.count("commentReference") == 2

    # The reviewer answers in Word and resolves the thread; nothing is doubled.
    again = WordReview(second.read_bytes())
    again.comment(target, "Operation Maliko", "Thanks, resolved.", ANA, done=False)
    copy = write(draft.parent / "c2.docx", again)
    _mark_thread_done(copy)
    code, out, err = cli("review", str(draft), str(copy))
    assert code == 0, err
    letter = letter_of(draft)
    texts = [c.text for c in letter.comments]
    assert texts.count("Please confirm the name.") == 1
    assert texts.count("Confirmed with the Force.") == 1
    assert "Thanks, resolved." in texts


def _mark_thread_done(path: Path) -> None:
    """What Word writes when a reviewer resolves the thread of our first comment."""
    import io

    from lxml import etree

    parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(parts["word/commentsExtended.xml"], parser)
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    first = next(iter(root))
    first.set(f"{{{w15}}}done", "1")
    parts["word/commentsExtended.xml"] = etree.tostring(root, xml_declaration=True,
                                                        encoding="UTF-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(out.getvalue())


def test_the_export_carries_anchors_and_its_revision(draft: Path) -> None:
    sent = export(draft)
    with zipfile.ZipFile(sent) as archive:
        document = archive.read("word/document.xml").decode()
        custom = archive.read("docProps/custom.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
    letter = letter_of(draft)
    body = [b for _s, _i, b in letter.iter_blocks() if b.text.strip()]
    names = [n for n in document.split('w:name="')[1:]]
    anchors = [n.split('"')[0] for n in names if n.startswith(ANCHOR_PREFIX)]
    assert sorted(anchors) == sorted(_anchor(b.id) for b in body)
    assert all(len(n) <= 40 for n in anchors)
    assert PROP_DRAFT in custom and PROP_REVISION in custom
    assert "custom-properties+xml" in types
    # a final export is anchored too (it carries no comment)
    final = letter.copy()
    for _s, _i, block in final.iter_blocks():
        block.set_text(block.text.replace("[", "").replace("]", ""))
    path = export_docx(final, load_letter(draft)[1], draft.parent / "final.docx",
                       final=True).path
    with zipfile.ZipFile(path) as archive:
        assert archive.read("word/document.xml").decode().count(ANCHOR_PREFIX) == len(body)
        assert "word/comments.xml" not in archive.namelist()


def test_bad_input_gets_one_line_and_loses_nothing(draft: Path, tmp_path: Path) -> None:
    before = draft.read_bytes()
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip at all" * 10)
    assert_one_clear_error(cli("review", str(draft), str(junk)), "not a valid Word document")
    plain = tmp_path / "plain.docx"
    import docx

    d = docx.Document()
    d.add_paragraph("Some other letter.")
    d.save(str(plain))
    line = assert_one_clear_error(cli("review", str(draft), str(plain)),
                                  "not exported from this draft")
    assert "import" in line
    other = tmp_path / "other.missive"
    DraftStore.create(other, sample()).close()
    foreign = export(other, "foreign.docx")
    assert_one_clear_error(cli("review", str(draft), str(foreign)),
                           "not exported from this draft")
    assert draft.read_bytes() == before
    # The same copy twice: refused the second time.
    sent = export(draft)
    once = WordReview(sent.read_bytes())
    once.comment(ids(letter_of(draft), "security")[1], "Operation Maliko", "Checked.", ANA)
    copy = write(tmp_path / "copy.docx", once)
    assert cli("review", str(draft), str(copy))[0] == 0
    after_first = draft.read_bytes()
    assert_one_clear_error(cli("review", str(draft), str(copy)), "already been brought in")
    assert draft.read_bytes() == after_first


def test_a_copy_of_an_older_revision_says_which_and_still_comes_in(draft: Path) -> None:
    before = letter_of(draft)
    sent = export(draft)
    with DraftStore.open(draft) as store:
        letter = store.load()
        letter.section("exit").blocks[0].set_text("A rewritten exit paragraph.")
        store.save(letter, name="Rewrite of the exit")
    review = WordReview(sent.read_bytes())
    review.edit(ids(before, "exit")[0], "Should MINUSMA withdraw", "If MINUSMA withdraws")
    review.replace(ids(before, "security")[1], "regrouped", "gathered", ANA)
    code, out, err = cli("review", str(draft), str(write(draft.parent / "old.docx", review)))
    assert code == 0 and "was made from revision 1" in err and err.count("\n") == 1
    code, _out, err = cli("suggestion", str(draft), "accept", "all")
    assert code == 1 and err.count("not applied") == 2  # "If" and "withdraws"
    assert "gathered" in letter_of(draft).section("security").blocks[1].text


def test_a_redline_of_what_the_writer_did_comes_back_without_our_own_changes(
        draft: Path) -> None:
    before = letter_of(draft)
    sent = export(draft)
    review = WordReview(sent.read_bytes())
    review.replace(ids(before, "security")[1], "regrouped", "brought together", ANA)
    assert cli("review", str(draft), str(write(draft.parent / "a.docx", review)),
               "--accept-all")[0] == 0
    revisions = cli("history", str(draft))[1].splitlines()
    review_rev = next(r.split()[0] for r in revisions if "Review by" in r)
    redline = export(draft, "redline.docx", "--compare-to", review_rev)
    with zipfile.ZipFile(redline) as archive:
        document = archive.read("word/document.xml").decode()
    assert "<w:del " in document and "<w:ins " in document
    # A reviewer reads the redline and changes one more word: only that comes in.
    again = WordReview(redline.read_bytes())
    again.edit(ids(before, "exit")[0], "Should MINUSMA withdraw", "If MINUSMA withdraws")
    code, out, err = cli("review", str(draft), str(write(draft.parent / "r.docx", again)),
                         "--author", BEN)
    assert code == 0, err
    assert out.startswith("2 suggestions and 0 comments from 1 reviewer.")
    assert {s.author for s in letter_of(draft).suggestions if s.pending} == {BEN}


def test_a_suggestion_is_named_by_the_start_of_its_id(draft: Path) -> None:
    before = letter_of(draft)
    review = WordReview(export(draft).read_bytes())
    review.replace(ids(before, "security")[1], "regrouped", "brought together", ANA)
    assert cli("review", str(draft), str(write(draft.parent / "p.docx", review)))[0] == 0
    [suggestion] = letter_of(draft).suggestions
    code, _out, err = cli("suggestion", str(draft), "accept", suggestion.id[:6])
    assert code == 0, err
    assert "brought together" in letter_of(draft).section("security").blocks[1].text
    assert_one_clear_error(cli("suggestion", str(draft), "accept", "abc"), "no suggestion abc")
