"""git as the engine (issue 20): `.missive` drafts in a real temporary git
repository, merged by `missive merge-driver` and diffed through `missive show`,
configured with the lines `missive --help` gives."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from drafting import edits
from drafting.cli.merge import GIT_ATTRIBUTES
from drafting.letter import Block, Letter
from drafting.storage.store import DraftStore
from tests.drafting.edit_cases import sample

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

DRAFT = "lettre juin.missive"  # a space: git hands the driver quoted paths


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(repo.parent), GIT_CONFIG_NOSYSTEM="1", LANG="C.UTF-8",
               GIT_AUTHOR_NAME="Writer", GIT_AUTHOR_EMAIL="writer@un.org",
               GIT_COMMITTER_NAME="Writer", GIT_COMMITTER_EMAIL="writer@un.org")
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {proc.stdout}{proc.stderr}")
    return proc


def rewrite(letter: Letter, section: str, index: int, text: str) -> Letter:
    blocks = list(letter.section(section).blocks)
    blocks[index] = replace(Block.from_text(text), id=blocks[index].id)
    return edits.edit_section(letter, section, blocks).apply(letter)


def commit_edit(repo: Path, section: str, index: int, text: str) -> None:
    with DraftStore.open(repo / DRAFT) as store:
        store.save(rewrite(store.load(), section, index, text), name=text)
    git(repo, "commit", "-qam", text)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository set up as docs/git.md says, with one committed draft."""
    repo = tmp_path / "drafts"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    missive = f"{shlex.quote(sys.executable)} {shlex.quote(str(ROOT / 'main.py'))}"
    git(repo, "config", "merge.missive.name", "Missive drafts")
    git(repo, "config", "merge.missive.driver", f"{missive} merge-driver %O %A %B")
    git(repo, "config", "diff.missive.textconv", f"{missive} show")
    (repo / ".gitattributes").write_text(GIT_ATTRIBUTES + "\n", encoding="utf-8")
    DraftStore.create(repo / DRAFT, sample(), name="Created").close()
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "The June letter")
    return repo


def letter_of(repo: Path) -> Letter:
    with DraftStore.open(repo / DRAFT, read_only=True) as store:
        return store.load()


def test_help_gives_the_git_lines() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--help"],
                          capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, LANG="C.UTF-8"))
    assert GIT_ATTRIBUTES in proc.stdout
    assert 'merge.missive.driver "missive merge-driver %O %A %B"' in proc.stdout
    assert 'diff.missive.textconv "missive show"' in proc.stdout
    doc = (ROOT / "docs" / "git.md").read_text(encoding="utf-8")
    assert GIT_ATTRIBUTES in doc and "merge-driver %O %A %B" in doc and "missive show" in doc


def test_branches_editing_different_sections_merge_cleanly(repo: Path) -> None:
    git(repo, "checkout", "-qb", "new-york")
    commit_edit(repo, "framework", 0, "New York rewrote the framework paragraph.")
    git(repo, "checkout", "-q", "main")
    commit_edit(repo, "security", 0, "Bamako rewrote the security paragraph.")
    merged = git(repo, "merge", "--no-edit", "new-york")
    assert "Auto-merging" in merged.stdout + merged.stderr
    assert git(repo, "status", "--porcelain").stdout == ""
    letter = letter_of(repo)
    assert letter.section("security").blocks[0].text == "Bamako rewrote the security paragraph."
    assert letter.section("framework").blocks[0].text == \
        "New York rewrote the framework paragraph."
    assert letter.conflicts == []
    with DraftStore.open(repo / DRAFT, read_only=True) as store:
        names = [r.name for r in store.revisions()]
    assert "New York rewrote the framework paragraph. (from the other branch)" in names
    assert names[-1] == "Merged with the other branch"
    assert not list(repo.glob(".*.lock"))


def test_a_true_conflict_keeps_both_versions_and_fails_the_driver(repo: Path) -> None:
    git(repo, "checkout", "-qb", "new-york")
    commit_edit(repo, "security", 2, "New York's version of the paragraph.")
    git(repo, "checkout", "-q", "main")
    commit_edit(repo, "security", 2, "Bamako's version of the paragraph.")
    merged = git(repo, "merge", "--no-edit", "new-york", check=False)
    assert merged.returncode != 0
    assert "CONFLICT" in merged.stdout
    assert "1 conflict to resolve" in merged.stdout + merged.stderr
    status = git(repo, "status", "--porcelain").stdout
    assert status.startswith("UU ") and "lettre juin.missive" in status
    letter = letter_of(repo)
    assert letter.section("security").blocks[2].text == "Bamako's version of the paragraph."
    [conflict] = letter.conflicts
    assert Block.from_dict(conflict.theirs).text == "New York's version of the paragraph."
    # the writer chooses, and git takes the resolved draft
    code = subprocess.run([sys.executable, str(ROOT / "main.py"), "merge", str(repo / DRAFT),
                           "--take", "theirs"], capture_output=True, text=True, timeout=60)
    assert code.returncode == 0, code.stderr
    git(repo, "add", DRAFT)
    git(repo, "commit", "-qm", "Merged New York's copy")
    assert letter_of(repo).section("security").blocks[2].text == \
        "New York's version of the paragraph."


def test_git_diff_and_log_read_drafts_as_text(repo: Path) -> None:
    commit_edit(repo, "rotation", 1, "Two battalions rotated in May.")
    diff = git(repo, "diff", "HEAD~1", "--", DRAFT).stdout
    assert "+Two battalions rotated in May." in diff
    old = sample().section("rotation").blocks[1].text
    assert f"-{old}" in diff
    assert "Binary files" not in diff
    log = git(repo, "log", "-p", "--", DRAFT).stdout
    assert "+Two battalions rotated in May." in log and "# Rotation of uniformed personnel" in log
