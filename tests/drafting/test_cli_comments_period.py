"""`comment` and `period` from the command line: what the window's Comments panel and
details page do, for a writer who works in a shell (and for scripts)."""

from __future__ import annotations

import json
from pathlib import Path

from drafting.storage.opening import load_letter
from drafting.storage.store import DraftStore
from tests.drafting.edit_cases import sample
from tests.drafting.word_review import WordReview
from tests.reliability.cli import assert_one_clear_error, cli

ANA, BEN = "Aïcha Traoré", "Ben Okafor"


def reviewed_draft(tmp_path: Path) -> Path:
    """A draft with one comment thread (Ana's remark, Ben's reply) brought in."""
    draft = tmp_path / "letter.missive"
    DraftStore.create(draft, sample()).close()
    sent = tmp_path / "sent.docx"
    assert cli("export", str(draft), "-o", str(sent))[0] == 0
    letter = load_letter(draft)[0]
    block = letter.section("security").blocks[1].id
    review = WordReview(sent.read_bytes())
    first = review.comment(block, "Operation Maliko", "Please confirm the name.", ANA)
    review.comment(block, "Operation Maliko", "It is Maliko.", BEN, reply_to=first)
    copy = tmp_path / "copy.docx"
    copy.write_bytes(review.bytes())
    assert cli("review", str(draft), str(copy))[0] == 0
    return draft


def blocking_codes(draft: Path) -> list[str]:
    code, out, _err = cli("check", str(draft), "--json", "--final")
    return [f["code"] for f in json.loads(out)["findings"] if f["code"].startswith("review.")]


def test_list_reply_resolve_and_reopen_a_thread(tmp_path: Path) -> None:
    draft = reviewed_draft(tmp_path)
    code, out, _err = cli("comment", str(draft), "list")
    lines = out.splitlines()
    assert code == 0 and ANA in lines[0] and "Please confirm the name." in lines[0]
    assert "security/2" in lines[0] and "[open]" in lines[0]  # 1-based, as check prints
    assert any("“Operation Maliko”" in line for line in lines)
    assert any(BEN in line and "It is Maliko." in line for line in lines[1:])
    first = lines[0].split()[0]
    assert blocking_codes(draft) == ["review.unresolved_comment"]

    code, out, _err = cli("comment", str(draft), "reply", first[:6], "Name checked, thanks.",
                          "--author", "Writer")
    assert code == 0
    thread = load_letter(draft)[0].comments
    assert thread[-1].text == "Name checked, thanks." and thread[-1].author == "Writer"
    assert thread[-1].parent == first and thread[-1].origin == "writer"

    assert cli("comment", str(draft), "resolve", first)[0] == 0
    assert blocking_codes(draft) == []
    code, out, _err = cli("comment", str(draft), "list")
    assert out.strip() == "No open comment thread."
    assert first in cli("comment", str(draft), "list", "--all")[1]
    # Resolving again changes nothing and says so; reopen blocks a final version again.
    assert "already resolved" in cli("comment", str(draft), "resolve", first)[1]
    assert cli("comment", str(draft), "reopen", first)[0] == 0
    assert blocking_codes(draft) == ["review.unresolved_comment"]
    with DraftStore.open(draft) as store:
        names = [r.name for r in store.revisions()]
    # One named revision per change; the resolve that changed nothing saved none.
    assert names[-3:] == ["Reply to comment", "Resolve comment", "Reopen comment"]


def test_bad_comment_ids_are_one_line_and_change_nothing(tmp_path: Path) -> None:
    draft = reviewed_draft(tmp_path)
    before = draft.read_bytes()
    assert_one_clear_error(cli("comment", str(draft), "resolve", "zzzzzz"), "no comment zzzzzz")
    assert_one_clear_error(cli("comment", str(draft), "reply", "ab", "text"), "no comment ab")
    assert_one_clear_error(cli("comment", str(draft), "reply", "x", "   "), "needs some text")
    assert_one_clear_error(cli("comment", str(draft), "frobnicate"), "invalid choice")
    assert draft.read_bytes() == before


def test_period_sets_the_dates_and_writes_them_into_the_opening(tmp_path: Path) -> None:
    draft = tmp_path / "new.missive"
    assert cli("new", "-t", "minusma-six-monthly", "-l", "en", "-o", str(draft))[0] == 0
    code, out, _err = cli("period", str(draft))
    assert (code, out.strip()) == (0, "Reporting period: not set")
    code, out, _err = cli("period", str(draft), "--start", "2020-06-01", "--end", "2020-11-30")
    assert (code, out.strip()) == (0, "Reporting period: 2020-06-01 to 2020-11-30")
    letter = load_letter(draft)[0]
    opening = " ".join(b.text for b in letter.section(letter.section_ids()[0]).blocks)
    assert "from 1 June 2020 to 30 November 2020" in opening
    assert "[start date]" not in opening

    before = draft.read_bytes()
    assert_one_clear_error(cli("period", str(draft), "--end", "2020-05-01"),
                           "cannot end .* before it starts")
    assert_one_clear_error(cli("period", str(draft), "--end", "31/11/2020"), "no such day")
    assert_one_clear_error(cli("period", str(draft), "--end", "soon"), "invalid date")
    assert_one_clear_error(cli("period", str(draft), "--end", "2020-11-30", "--clear-end"),
                           "not both")
    assert draft.read_bytes() == before

    assert cli("period", str(draft), "--clear-end")[0] == 0
    letter = load_letter(draft)[0]
    opening = " ".join(b.text for b in letter.section(letter.section_ids()[0]).blocks)
    assert "from 1 June 2020 to [end date]" in opening
    assert letter.metadata.period_end is None


def test_details_set_what_a_carried_letter_lacks(tmp_path: Path) -> None:
    """A letter made from last period's has no symbol or job number; the command
    line sets them, so a final version can be made without the window."""
    old = tmp_path / "old.missive"
    assert cli("new", "-t", "minusma-six-monthly", "-l", "en", "-o", str(old),
               "--symbol", "S/2020/481", "--date", "2020-06-01", "--job", "20-07899")[0] == 0
    sent = tmp_path / "old.docx"
    assert cli("export", str(old), "-o", str(sent))[0] == 0
    new = tmp_path / "new.missive"
    assert cli("import", str(sent), "-t", "minusma-six-monthly", "-l", "en", "-o", str(new))[0] == 0
    code, out, _err = cli("details", str(new))
    assert code == 0 and "Symbol: not set" in out and "Job number: not set" in out
    code, out, err = cli("details", str(new), "--symbol", "S/2020/1180", "--job", "20-17521",
                         "--letter-date", "1 December 2020")  # as the window reads dates
    assert code == 0, err
    meta = load_letter(new)[0].metadata
    assert (meta.symbol, meta.job_number, str(meta.letter_date)) == (
        "S/2020/1180", "20-17521", "2020-12-01")
    assert "Symbol: S/2020/1180" in out
    before = new.read_bytes()
    assert_one_clear_error(cli("details", str(new), "--date", "1 Dec"), "invalid date")
    assert new.read_bytes() == before


def test_import_takes_the_new_letters_symbol_date_and_job(tmp_path: Path) -> None:
    old = tmp_path / "old.missive"
    assert cli("new", "-t", "minusma-six-monthly", "-l", "fr", "-o", str(old),
               "--symbol", "S/2020/481", "--date", "2020-06-01", "--job", "20-07899")[0] == 0
    sent = tmp_path / "old.docx"
    assert cli("export", str(old), "-o", str(sent))[0] == 0
    new = tmp_path / "new.missive"
    code, _out, err = cli("import", str(sent), "-t", "minusma-six-monthly", "-l", "fr",
                          "-o", str(new), "--symbol", "S/2020/1180", "--date", "2020-12-02",
                          "--job", "20-17521")
    assert code == 0, err
    meta = load_letter(new)[0].metadata
    assert (meta.symbol, meta.job_number, str(meta.date), str(meta.letter_date)) == (
        "S/2020/1180", "20-17521", "2020-12-02", "2020-12-02")
    assert_one_clear_error(cli("import", str(sent), "-t", "minusma-six-monthly", "-l", "fr",
                               "-o", str(tmp_path / "x.missive"), "--date", "2020-13-01"),
                           "invalid date")
    assert not (tmp_path / "x.missive").exists()
