"""No output ever replaces a draft or the file a command reads (issue 15).

`export X -o X`, `screenshot X -o X` and an export onto another draft used to
exit 0 and leave a DOCX or PNG where the draft was. Every way of naming the
draft is tried — the same path, a symbolic link, "..", a hard link, another
draft, the draft's journal and lock — and each is one clear line, exit 2,
with every file's bytes unchanged.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from drafting.errors import OutputRefusedError
from drafting.storage.lockfile import lock_path_for
from drafting.storage.store import DraftStore
from tests.reliability.cli import assert_one_clear_error, cli
from tests.reliability.helpers import folder_state, letter


@pytest.fixture()
def drafts(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "lettre.missive", tmp_path / "autre.missive"
    for path in (first, second):
        with DraftStore.create(path, letter(), name="Premier jet"):
            pass
    return first, second


def names_of_the_draft(draft: Path) -> dict[str, Path]:
    folder = draft.parent
    (folder / "sous-dossier").mkdir()
    os.symlink(draft, folder / "lien.docx")
    os.link(draft, folder / "copie liée.docx")
    return {
        "same path": draft,
        "symbolic link": folder / "lien.docx",
        "dot-dot": folder / "sous-dossier" / ".." / draft.name,
        "hard link": folder / "copie liée.docx",
    }


@pytest.mark.parametrize("command", ["export", "screenshot"])
def test_no_output_replaces_the_draft_whatever_its_name(
        drafts: tuple[Path, Path], command: str) -> None:
    draft, other = drafts
    paths = names_of_the_draft(draft)
    paths["another draft"] = other
    before = folder_state(draft.parent)
    for how, target in paths.items():
        line = assert_one_clear_error(cli(command, str(draft), "-o", str(target)),
                                      r"is a Missive draft; an export never replaces a draft")
        assert str(target) in line, how
        assert folder_state(draft.parent) == before, how


def test_no_export_replaces_a_file_a_draft_needs(drafts: tuple[Path, Path]) -> None:
    draft, _other = drafts
    before = folder_state(draft.parent)
    for target in (Path(f"{draft}-journal"), Path(f"{draft}-wal"), lock_path_for(draft)):
        assert_one_clear_error(cli("export", str(draft), "-o", str(target)),
                               r"belongs to the draft lettre\.missive")
        assert folder_state(draft.parent) == before
        assert not target.exists()


def test_the_compared_file_is_never_the_output(drafts: tuple[Path, Path],
                                               tmp_path: Path) -> None:
    draft, _other = drafts
    old = tmp_path / "lettre de décembre.txt"
    old.write_text("Lettre datée du 2 décembre 2019\n\nLa situation est restée stable.\n",
                   encoding="utf-8")
    before = folder_state(tmp_path)
    assert_one_clear_error(
        cli("export", str(draft), "-o", str(old), "--compare-to", str(old)),
        r"lettre de décembre\.txt is a file this command reads")
    assert folder_state(tmp_path) == before


def test_interchange_json_never_replaces_a_draft(drafts: tuple[Path, Path]) -> None:
    draft, other = drafts
    before = folder_state(draft.parent)
    with DraftStore.open(draft, read_only=True) as store:
        for target in (draft, other):
            with pytest.raises(OutputRefusedError, match="is a Missive draft"):
                store.export_json(target)
    assert folder_state(draft.parent) == before


def test_an_ordinary_export_next_to_the_draft_still_works(drafts: tuple[Path, Path]) -> None:
    draft, _other = drafts
    out = draft.with_suffix(".docx")
    code, _out, err = cli("export", str(draft), "-o", str(out))
    assert code == 0, err
    first = out.read_bytes()
    assert first.startswith(b"PK")
    code, _out, err = cli("export", str(draft), "-o", str(out))  # an earlier export: fine
    assert code == 0, err
    assert out.read_bytes().startswith(b"PK")


@pytest.mark.parametrize(("command", "name", "says"), [
    ("export", "force.txt", "not a .txt file"),  # named for another format: refused first
    ("export", "notes.docx", "already exists and is not a"),
    ("export", "notes", "already exists and is not a"),
    ("screenshot", "force.txt", "not a .txt file")])
def test_no_output_replaces_a_file_of_another_kind(drafts: tuple[Path, Path], command: str,
                                                   name: str, says: str) -> None:
    """A contributor's text, or a file merely named .docx, is not an earlier export."""
    draft, _other = drafts
    target = draft.parent / name
    target.write_text("La Force a conduit trois opérations dans le centre.\n",
                      encoding="utf-8")
    before = folder_state(draft.parent)
    line = assert_one_clear_error(cli(command, str(draft), "-o", str(target)), re.escape(says))
    assert name in line
    assert folder_state(draft.parent) == before


@pytest.mark.timeout(60)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a POSIX FIFO")
@pytest.mark.parametrize("command", ["export", "screenshot"])
def test_a_pipe_or_socket_as_output_is_refused_at_once(
        drafts: tuple[Path, Path], command: str) -> None:
    """Opening a named pipe waits for a writer: the check never opens it, and the
    pipe is not replaced by a file either."""
    import socket
    import stat

    draft, _other = drafts
    pipe = draft.parent / "tube.docx"
    os.mkfifo(pipe)
    sock_path = draft.parent / "prise.png"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        for target in (pipe, sock_path):
            before = folder_state(draft.parent)
            line = assert_one_clear_error(cli(command, str(draft), "-o", str(target)),
                                          r"is not a regular file")
            assert str(target) in line
            assert folder_state(draft.parent) == before
        assert stat.S_ISFIFO(os.stat(pipe).st_mode)
        assert stat.S_ISSOCK(os.stat(sock_path).st_mode)
    finally:
        server.close()


def test_a_device_is_never_an_output() -> None:
    """/dev/null as the output of an export: refused by the check every writer
    passes (tested on the check itself, so a regression cannot replace the
    machine's /dev/null when the suite runs as root)."""
    from drafting.atomic import is_special
    from drafting.storage.outputs import check_output

    assert is_special(Path(os.devnull))
    with pytest.raises(OutputRefusedError, match="is not a regular file"):
        check_output(os.devnull, kind="docx")


@pytest.mark.parametrize("command,name,says", [
    ("export", "lettre.pdf", r"writes a Word document \(\.docx\), not a \.pdf file"),
    ("export", "lettre.txt", r"not a \.txt file"),
    ("screenshot", "fenêtre.jpg", r"PNG picture, not a \.jpg file"),
])
def test_an_output_named_for_another_format_is_refused(
        drafts: tuple[Path, Path], command: str, name: str, says: str) -> None:
    """"-o lettre.pdf" used to get a Word file under a PDF name, which no PDF
    reader opens."""
    draft, _other = drafts
    before = folder_state(draft.parent)
    line = assert_one_clear_error(cli(command, str(draft), "-o", str(draft.parent / name)), says)
    assert name in line
    assert folder_state(draft.parent) == before
    # Any case of the right suffix is fine, and so is a dot that is part of the name.
    for fine in ("LETTRE.DOCX", "lettre v1.2", "Lettre du 1 déc. 2020"):
        code, _out, err = cli("export", str(draft), "-o", str(draft.parent / fine))
        assert code == 0, (fine, err)


def test_an_export_never_replaces_a_word_file_or_another_drafts_export(
        drafts: tuple[Path, Path]) -> None:
    """Last period's letter saved by Word, or another draft's export, is not an
    earlier export of this draft: refused. This draft's own export is replaced."""
    import docx

    draft, other = drafts
    folder = draft.parent
    word = folder / "lettre-juin.docx"
    document = docx.Document()
    document.add_paragraph("La lettre de la période précédente.")
    document.save(str(word))
    theirs = folder / "autre.docx"
    assert cli("export", str(other), "-o", str(theirs))[0] == 0
    for target in (word, theirs):
        before = folder_state(folder)
        assert_one_clear_error(cli("export", str(draft), "-o", str(target)),
                               "is not an earlier export of this draft")
        assert folder_state(folder) == before
    mine = folder / "mine.docx"
    assert cli("export", str(draft), "-o", str(mine))[0] == 0
    assert cli("export", str(draft), "-o", str(mine))[0] == 0  # replaced, as before
