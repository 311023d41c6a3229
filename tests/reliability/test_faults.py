"""Faults around the files: a read-only export folder, a full disk at the
write, paths with spaces and non-Latin letters, a draft another running
Missive holds. Each gives one clear error and damages nothing."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from drafting.errors import DraftError
from drafting.storage.lockfile import lock_path_for
from drafting.storage.recovery import list_recoverable
from drafting.storage.store import DraftStore
from tests.reliability.cli import assert_one_clear_error, cli
from tests.reliability.helpers import TEMPLATE_ID, digest, folder_state, letter, python

NOBODY = 65534


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "lettre.missive"
    with DraftStore.create(path, letter(), name="Premier jet"):
        pass
    return path


# -- a read-only export folder -------------------------------------------------------


@pytest.fixture()
def shared_tree() -> Iterator[Path]:
    """A folder every user can read (tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="missive-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for p in [folder, *folder.rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(folder)


def as_ordinary_user(argv: list[str], home: Path) -> tuple[int, str, str]:
    """Run the CLI in a forked child that gave up root (root ignores folder
    permissions), so the refusal really comes from the operating system.

    Forked rather than started: the interpreter may live where an ordinary
    user cannot read; the child inherits it, with every module already imported.
    Its user folders go to `home`, which anybody may write.
    """
    home.mkdir()
    home.chmod(0o777)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        status = 1
        try:
            os.close(read_end)
            os.environ["MISSIVE_DATA_DIR"] = str(home / "data")
            os.environ["MISSIVE_CONFIG_DIR"] = str(home / "config")
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            payload = json.dumps(cli(*argv)).encode()
            os.write(write_end, payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0 and data, "the unprivileged child failed"
    code, out, err = json.loads(data)
    return int(code), str(out), str(err)


def test_export_into_a_read_only_folder(shared_tree: Path) -> None:
    draft = shared_tree / "lettre.missive"
    with DraftStore.create(draft, letter()):
        pass
    draft.chmod(0o644)
    exports = shared_tree / "Exports"
    exports.mkdir()
    (exports / "ancienne.docx").write_bytes(b"an earlier export")
    target = exports / "lettre.docx"
    argv = ["export", str(draft), "-o", str(target)]
    # The same export into a writable folder works (and loads every module).
    assert cli(*argv)[0] == 0
    target.unlink()
    exports.chmod(0o555)
    before = folder_state(exports)
    result = as_ordinary_user(argv, shared_tree / "home") if os.geteuid() == 0 else cli(*argv)
    assert_one_clear_error(result, r"Could not write .*lettre\.docx: Permission denied")
    assert folder_state(exports) == before  # no DOCX, no temporary file
    assert not target.exists()


# -- a full disk ---------------------------------------------------------------------


class FullDisk:
    """A file whose disk fills up half-way through the first write."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def write(self, data: bytes | str) -> int:
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


def test_disk_full_while_exporting_keeps_the_previous_docx(
    tmp_path: Path, draft: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "lettre.docx"
    assert cli("export", str(draft), "-o", str(target))[0] == 0
    before = folder_state(tmp_path)
    real_fdopen = os.fdopen
    with monkeypatch.context() as mp:
        mp.setattr(os, "fdopen", lambda *a, **k: FullDisk(real_fdopen(*a, **k)))
        result = cli("export", str(draft), "-o", str(target))
    assert_one_clear_error(result, r"Could not write .*lettre\.docx: No space left on device")
    assert folder_state(tmp_path) == before  # the old DOCX whole, no half-written temp file
    docx.Document(str(target))


def test_disk_full_while_exporting_json_keeps_the_previous_file(
    tmp_path: Path, draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "lettre.json"
    with DraftStore.open(draft, read_only=True) as store:
        store.export_json(target)
        before = folder_state(tmp_path)
        real_fdopen = os.fdopen
        with monkeypatch.context() as mp:
            mp.setattr(os, "fdopen", lambda *a, **k: FullDisk(real_fdopen(*a, **k)))
            with pytest.raises(DraftError, match="No space left on device"):
                store.export_json(target)
    assert folder_state(tmp_path) == before


FILL_WITH_FILE_SIZE_LIMIT = textwrap.dedent(
    """
    import resource, signal, sys
    # Past this size every write fails inside the kernel, as on a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    import main
    sys.exit(main.run_command(sys.argv[2:]))
    """
)


def test_write_failing_in_the_kernel_during_save_keeps_the_draft(
    tmp_path: Path, draft: Path
) -> None:
    with DraftStore.open(draft) as store:
        previous = store.load().to_dict()
        revisions = store.revisions()
    contribution = tmp_path / "contribution.txt"
    words = [f"mot{(i * 7919) % 100_003}" for i in range(60_000)]  # compresses poorly
    contribution.write_text(" ".join(words), encoding="utf-8")
    before = digest(draft)
    limit = draft.stat().st_size + 8192
    proc = python(FILL_WITH_FILE_SIZE_LIMIT, str(limit), "fill", str(draft),
                  "--section", "security", "--from", str(contribution),
                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _out, err = proc.communicate(timeout=120)
    assert_one_clear_error((proc.returncode, _out, err),
                           r"lettre\.missive.*the previous version is intact")
    assert digest(draft) == before
    assert not lock_path_for(draft).exists()
    with DraftStore.open(draft) as store:
        assert store.load().to_dict() == previous
        assert store.revisions() == revisions


# -- paths ---------------------------------------------------------------------------


def test_paths_with_spaces_and_non_latin_letters_work_everywhere(
    tmp_path: Path
) -> None:
    folder = tmp_path / "Dossier été" / "بريد 信件 Письмо"
    folder.mkdir(parents=True)
    draft = folder / "lettre de juin — Ω.missive"
    source = folder / "lettre précédente (2019).txt"
    source.write_text(
        "Lettre datée du 2 décembre 2019\n\nProblèmes de sécurité\n\n"
        "La situation dans le centre est restée instable.\n", encoding="utf-8")
    contribution = folder / "contribution de la Force ✓.txt"
    contribution.write_text("La Force a conduit trois opérations.\n", encoding="utf-8")
    out = folder / "sortie finale ☂.docx"
    imported = folder / "importée ☃.missive"
    steps = [
        ["new", "-t", TEMPLATE_ID, "-l", "fr", "-o", str(draft), "--symbol", "S/2020/481",
         "--date", "2020-06-01", "--job", "20-07899"],
        ["fill", str(draft), "--section", "security", "--from", str(contribution)],
        ["check", str(draft), "--json"],
        ["export", str(draft), "-o", str(out)],
        ["history", str(draft)],
        ["import", str(source), "-t", TEMPLATE_ID, "-l", "fr", "-o", str(imported)],
    ]
    for argv in steps:
        code, _out, err = cli(*argv)
        assert code == 0, (argv[0], err)
    assert "La Force a conduit" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert [r.readable for r in list_recoverable(draft)] == [True, True]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [draft.name, source.name, contribution.name, out.name, imported.name])


# -- a draft another running Missive holds ------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys
    from drafting.storage.store import DraftStore
    with DraftStore.open(sys.argv[1]):
        print("ready", flush=True)
        sys.stdin.readline()
    """
)


def test_draft_locked_by_another_running_instance(
    tmp_path: Path, draft: Path
) -> None:
    contribution = tmp_path / "contribution.txt"
    contribution.write_text("Texte de la Police.\n", encoding="utf-8")
    holder = python(HOLDER, str(draft), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        before = digest(draft)
        lock = lock_path_for(draft).read_bytes()
        line = assert_one_clear_error(
            cli("fill", str(draft), "--section", "security", "--from",
                str(contribution)),
            r"open for writing in another Missive window")
        assert f"process {holder.pid} on " in line
        assert digest(draft) == before and lock_path_for(draft).read_bytes() == lock
        # Reading is still allowed: checking and exporting do not need the lock.
        assert cli("check", str(draft))[0] == 0
        assert cli("export", str(draft), "-o", str(tmp_path / "l.docx"))[0] == 0
        assert digest(draft) == before
    finally:
        holder.communicate("\n", timeout=20)
    assert holder.returncode == 0
    assert cli("fill", str(draft), "--section", "security", "--from",
               str(contribution))[0] == 0

