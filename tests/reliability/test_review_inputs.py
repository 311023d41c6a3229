"""A reviewed copy is untrusted input (issue 19): zip bombs, entities, damaged parts and
forged stamps are refused in one line, fast, without inflating anything, and the draft's
bytes never change."""

from __future__ import annotations

import io
import resource
import time
import zipfile
from pathlib import Path

import pytest

from drafting.storage.store import DraftStore
from tests.drafting.edit_cases import sample
from tests.reliability.cli import assert_one_clear_error, cli
from tests.reliability.test_bad_inputs import zip_bombs


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "lettre.missive"
    DraftStore.create(path, sample()).close()
    return path


@pytest.fixture
def sent(draft: Path) -> bytes:
    out = draft.parent / "envoyé.docx"
    assert cli("export", str(draft), "-o", str(out))[0] == 0
    return out.read_bytes()


def rewrite(data: bytes, path: Path, changes: dict[str, bytes | None]) -> Path:
    """A copy of the DOCX `data` with parts replaced, added or (None) removed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, value in changes.items():
        if value is None:
            parts.pop(name, None)
        else:
            parts[name] = value
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in parts.items():
            archive.writestr(name, value)
    return path


def refused(draft: Path, copy: Path, match: str) -> None:
    before = draft.read_bytes()
    assert_one_clear_error(cli("review", str(draft), str(copy)), match)
    assert draft.read_bytes() == before


@pytest.mark.parametrize("kind", ["ratio", "declared", "hidden"])
def test_zip_bombs_are_refused_without_inflating(tmp_path: Path, draft: Path,
                                                 kind: str) -> None:
    bomb = zip_bombs(tmp_path)[kind]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    refused(draft, bomb, r"refused|damaged|too large|zip bomb|not a valid Word document")
    assert time.perf_counter() - start < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 100_000  # KiB


XXE = (b'<?xml version="1.0"?><!DOCTYPE w:comments [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       b'<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
       b'<w:comment w:id="0" w:author="X"><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:comment>'
       b'</w:comments>')


def test_entities_in_any_part_are_refused(tmp_path: Path, draft: Path, sent: bytes) -> None:
    copy = rewrite(sent, tmp_path / "xxe.docx", {"word/comments.xml": XXE})
    # the part is only read when the document points at it
    copy = rewrite(copy.read_bytes(), copy, {"word/_rels/document.xml.rels": _with_comments(
        sent)})
    refused(draft, copy, r"declares a DOCTYPE")


def test_a_damaged_comments_part_is_refused(tmp_path: Path, draft: Path, sent: bytes) -> None:
    copy = rewrite(sent, tmp_path / "abîmé.docx", {
        "word/comments.xml": b"<w:comments><unclosed>",
        "word/_rels/document.xml.rels": _with_comments(sent)})
    refused(draft, copy, r"abîmé\.docx is damaged: its part word/comments\.xml is not "
                         r"well-formed XML")


def test_a_forged_or_missing_stamp_is_not_this_draft(tmp_path: Path, draft: Path,
                                                     sent: bytes) -> None:
    unstamped = rewrite(sent, tmp_path / "sans.docx", {"docProps/custom.xml": None})
    refused(draft, unstamped, r"not exported from this draft")
    forged = rewrite(sent, tmp_path / "faux.docx", {"docProps/custom.xml": (
        b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-'
        b'08002B2CF9AE}" pid="2" name="MissiveDraft"><vt:lpwstr>someone-else</vt:lpwstr>'
        b'</property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" '
        b'name="MissiveRevision"><vt:lpwstr>99999999999999999999</vt:lpwstr></property>'
        b'</Properties>')})
    refused(draft, forged, r"not exported from this draft")


def test_a_revision_the_draft_no_longer_holds_is_named(tmp_path: Path, draft: Path,
                                                       sent: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(sent)) as archive:
        custom = archive.read("docProps/custom.xml")
    stale = custom.replace(b">1<", b">4242<")
    digest_start = stale.find(b'name="MissiveDigest"><vt:lpwstr>') + 32
    stale = stale[:digest_start] + b"0" * 64 + stale[digest_start + 64:]
    copy = rewrite(sent, tmp_path / "ancienne.docx", {"docProps/custom.xml": stale})
    refused(draft, copy, r"exported from revision 4242 of this draft, which the draft no "
                         r"longer holds")


def _with_comments(sent: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(sent)) as archive:
        rels = archive.read("word/_rels/document.xml.rels")
    link = (b'<Relationship Id="rIdC9" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/comments" Target="comments.xml"/>')
    return rels.replace(b"</Relationships>", link + b"</Relationships>")
