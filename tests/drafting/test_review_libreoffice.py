"""Reviewed copies made by the real client (issue 19): LibreOffice, driven through its
Python-UNO bridge by `scripts/lo_review.py` (run with the system Python, which has
Debian's python3-uno), records changes, edits text, deletes and adds paragraphs,
adds comments and saves as DOCX; the copies come back through the `review` command.

Three LibreOffice runs, a few seconds each: two reviewers on one export, then a
reviewer on the next export, which carries the open comments and the writer's reply,
and who removes a paragraph's anchor while retyping it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from drafting import edits
from drafting.importers.reviewed import read_reviewed_docx
from drafting.letter import Letter
from drafting.review.matching import prefix_length
from drafting.review.stamp import anchor_name
from drafting.storage.opening import load_letter
from drafting.storage.reviews import printed_text
from drafting.storage.store import DraftStore
from tests.drafting.edit_cases import sample
from tests.reliability.cli import cli

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "lo_review.py"
SYSTEM_PYTHON = "/usr/bin/python3"
ANA, BEN, CY = "Aicha Traore", "Ben Okafor", "Cy Diallo"


def lo_review(source: Path, target: Path, plan: list[dict[str, object]]) -> Path:
    """Review `source` in LibreOffice following `plan`; the copy is saved as `target`."""
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice is not installed; run `make sysdeps`")
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True,
                           check=False)
    if probe.returncode != 0:
        pytest.fail("python3-uno is not installed for /usr/bin/python3; run `make sysdeps`")
    plan_path = target.with_suffix(".json")
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    done = subprocess.run([SYSTEM_PYTHON, str(SCRIPT), str(source), str(target),
                           str(plan_path)], capture_output=True, text=True, timeout=180,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert target.is_file()
    return target


def letter_of(draft: Path) -> Letter:
    return load_letter(draft)[0]


def reviewed_texts(path: Path) -> dict[str, str]:
    out = {}
    for p in read_reviewed_docx(path).paragraphs:
        if p.anchors and p.final.strip():
            out[p.anchors[0]] = p.final[prefix_length(p.final):].strip()
    return out


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A draft, its export, and two reviewers' copies made by LibreOffice."""
    folder = tmp_path_factory.mktemp("lo-review")
    draft = folder / "letter.missive"
    DraftStore.create(draft, sample()).close()
    sent = folder / "sent.docx"
    code, _out, err = cli("export", str(draft), "-o", str(sent))
    assert code == 0, err
    ana = lo_review(sent, folder / "ana.docx", [
        {"op": "author", "name": ANA},
        {"op": "track", "on": True},
        {"op": "replace", "find": "regrouped the Malian armed forces",
         "with": "brought together the Malian armed forces"},
        {"op": "delete_paragraph", "containing": "As soon as conditions permit"},
        {"op": "insert_paragraph_after", "containing": "Thanks to the integrated strategic",
         "text": "The framework was reviewed with the country team in March."},
        {"op": "comment", "on": "Operation Maliko", "text": "Please confirm the name."},
        {"op": "track", "on": False},
        {"op": "replace", "find": "To become more effective",
         "with": "To become far more effective"},
    ])
    ben = lo_review(sent, folder / "ben.docx", [
        {"op": "author", "name": BEN},
        {"op": "track", "on": True},
        {"op": "replace", "find": "regrouped", "with": "redeployed"},
        {"op": "replace", "find": "Should MINUSMA withdraw", "with": "If MINUSMA withdraws"},
        {"op": "comment", "on": "long-term exit plan", "text": "Cite resolution 2531."},
    ])
    return {"folder": folder, "draft": draft, "sent": sent, "ana": ana, "ben": ben}


def test_a_libreoffice_review_comes_in_as_suggestions(story: dict[str, Path]) -> None:
    draft, ana = story["draft"], story["ana"]
    before = letter_of(draft)
    code, out, err = cli("review", str(draft), str(ana))
    assert code == 0, err
    assert out.startswith("4 suggestions and 1 comment from 1 reviewer.")
    letter = letter_of(draft)
    assert letter.to_dict()["sections"] == before.to_dict()["sections"]
    kinds = {(s.kind, s.author, s.tracked) for s in letter.suggestions}
    assert kinds == {("replace", ANA, True), ("delete_paragraph", ANA, True),
                     ("new_paragraph", ANA, True), ("insert", ANA, False)}
    [comment] = letter.comments
    assert (comment.author, comment.text, comment.quote) == (
        ANA, "Please confirm the name.", "Operation Maliko")
    assert comment.block_id == before.section("security").blocks[1].id


def test_a_second_reviewers_copy_merges_in(story: dict[str, Path]) -> None:
    draft = story["draft"]
    if not letter_of(draft).reviews:  # run alone (pytest -k): Ana's copy first
        assert cli("review", str(draft), str(story["ana"]))[0] == 0
    code, out, err = cli("review", str(draft), str(story["ben"]))
    assert code == 0, err
    letter = letter_of(draft)
    authors = {s.author for s in letter.suggestions}
    assert authors == {ANA, BEN}
    data = json.loads(cli("check", str(draft), "--json")[1])
    assert {c["author"] for c in data["comments"]} == {ANA, BEN}
    # "regrouped": Ana's and Ben's replacements overlap, shown side by side
    conflict = [g for g in edits.review.clusters(letter) if len({s.author for s in g}) > 1]
    assert len(conflict) == 1


def test_accepting_all_gives_the_reviewed_text(story: dict[str, Path]) -> None:
    draft, ana = story["draft"], story["ana"]
    ana_ids = [s.id for s in letter_of(draft).suggestions if s.author == ANA]
    code, _out, err = cli("suggestion", str(draft), "accept", *ana_ids)
    assert code == 0, err
    letter = letter_of(draft)
    expected = reviewed_texts(ana)
    compared = 0
    for _sid, _i, block in letter.iter_blocks():
        if anchor_name(block.id) in expected:
            assert printed_text(block, "en") == expected[anchor_name(block.id)]
            compared += 1
    assert compared == len(expected)
    framework = [b.text for b in letter.section("framework").blocks]
    assert framework[1] == "The framework was reviewed with the country team in March."


def test_comments_and_replies_go_out_and_come_back_with_a_lost_anchor(
        story: dict[str, Path]) -> None:
    draft, folder = story["draft"], story["folder"]
    with DraftStore.open(draft) as store:
        letter = store.load()
        ana = next(c for c in letter.comments if c.author == ANA)
        letter = edits.reply_comment(letter, ana.id, "Confirmed with the Force.",
                                     "Writer").apply(letter)
        store.save(letter, name="Reply")
    second = folder / "second.docx"
    assert cli("export", str(draft), "-o", str(second))[0] == 0
    with zipfile.ZipFile(second) as archive:
        assert "Confirmed with the Force." in archive.read("word/comments.xml").decode()
    copy = lo_review(second, folder / "cy.docx", [
        {"op": "author", "name": CY},
        {"op": "drop_bookmarks", "containing": "In the centre, the Mission kept"},
        {"op": "track", "on": True},
        {"op": "replace", "find": "worked more closely", "with": "worked closely"},
    ])
    code, out, err = cli("review", str(draft), str(copy))
    assert code == 0, err
    letter = letter_of(draft)
    texts = [c.text for c in letter.comments]
    assert texts.count("Please confirm the name.") == 1
    assert texts.count("Confirmed with the Force.") == 1
    [cy] = [s for s in letter.suggestions if s.author == CY]
    target = letter.section("security").blocks[2]
    anchors = {a for p in read_reviewed_docx(copy).paragraphs for a in p.anchors}
    assert anchor_name(target.id) not in anchors
    # matched by its text: the bookmark is gone
    assert (cy.block_id, cy.old, cy.new) == (target.id, "worked more closely", "worked closely")
