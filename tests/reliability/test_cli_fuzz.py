"""The whole command line under fuzzing (issue 15): random argument lists —
dates, numbers far beyond any revision, digits that are not ASCII, Unicode,
control characters, paths to drafts, to folders, to nothing — never give a
traceback. Every run exits 0, 1 or 2; a refusal (2) is one line on stderr;
the drafts and files the arguments name are never damaged.

The screenshot is left out: it opens a window, which the GUI tests drive.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from drafting.storage.store import DraftStore
from tests.reliability.cli import cli
from tests.reliability.helpers import TEMPLATE_ID, digest, letter

pytestmark = pytest.mark.slow

ROOT_DIR = Path(__file__).resolve().parent
COMMANDS = ["new", "import", "fill", "check", "export", "template", "history", "confirm",
            "fix", "suggestion", "comment", "period", "details", "show", "merge", "review"]
OPTIONS = ["-o", "--output", "-t", "--template", "-l", "--language", "--section", "--from",
           "--date", "--symbol", "--job", "--compare-to", "--final", "--json", "--append",
           "--no-carry", "validate", "list", "--requirement", "--paragraph", "--all-suggested",
           "--carried", "--start", "--end", "--clear-start", "--clear-end", "--all", "--author",
           "reply", "resolve", "reopen", "accept", "reject", "all", "--unlink", "--letter-date",
           "--signatory", "--addressee"]
# Commands that may write the draft they are given, when they succeed.
WRITERS = {"fill", "fix", "confirm", "period", "details", "comment", "suggestion", "review",
           "merge"}
NUMBERS = ["0", "1", "2", "3", "-1", "99999999999999999999999", "9223372036854775807",
           "9223372036854775808", "²", "٣", "１", "1e3", "0x10", " 2", "2 "]
DATES = ["2020-06-01", "2020-02-30", "2020-13-01", "9999-12-31", "0001-01-01", "20200601",
         "2020-W01-1", "２０２０-06-01", "2020-06-01T00:00", "", "1.6.2020"]
WORDS = ["security", "exit", "unassigned", "fr", "en", "xx", TEMPLATE_ID, "S/2020/481",
         "20-07899", "\x1b[31m", "a\nb", "é" * 300, "💥", "--", "-", "../", "%s", "{0}"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    with DraftStore.create(root / "lettre.missive", letter(), name="Premier jet") as store:
        store.save(letter(marker=" v2"), name="v2")
    with DraftStore.create(root / "autre.missive", letter(marker=" autre"), name="x"):
        pass
    (root / "contribution.txt").write_text("La Force a conduit trois opérations.\n",
                                           encoding="utf-8")
    (root / "binaire.txt").write_bytes(bytes(range(256)) * 4)
    (root / "dossier").mkdir()
    return root


def paths(folder: Path) -> list[str]:
    names = ["lettre.missive", "autre.missive", "contribution.txt", "binaire.txt", "dossier",
             "absent.missive", "sortie.docx", "neuf.missive", "dossier/../lettre.missive",
             "sortie.json", "lettre.missive-journal", ".lettre.missive.lock", "dossier/x.txt"]
    return [str(folder / n) for n in names]


def argv_strategy(folder: Path) -> st.SearchStrategy[list[str]]:
    """Mostly well-formed commands with fuzzed values, some pure noise."""
    # No "/" or "\\": a random word used as a path stays in the test folder.
    anything = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="/\\"),
                       max_size=12)
    known = paths(folder)
    draft, contribution = known[0], known[2]
    path = st.one_of(st.sampled_from(known), anything)
    source = st.one_of(st.just(draft), path)
    text_file = st.one_of(st.just(contribution), path)
    number = st.one_of(st.sampled_from(NUMBERS), st.integers(-2**70, 2**70).map(str))
    word = st.one_of(st.sampled_from(WORDS), anything)
    value = st.one_of(path, number, word, st.sampled_from(DATES))

    def flags(*names: str) -> st.SearchStrategy[list[str]]:
        return st.lists(st.sampled_from(names), max_size=len(names), unique=True)

    def option(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
        return st.one_of(st.just([]), values.map(lambda v: [name, v]))

    def command(*parts: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
        return st.tuples(*parts).map(lambda chunks: [t for chunk in chunks for t in chunk])

    def fixed(*tokens: str) -> st.SearchStrategy[list[str]]:
        return st.just(list(tokens))

    def one(values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
        return values.map(lambda v: [v])

    template = st.one_of(st.just(TEMPLATE_ID), word)
    language = st.one_of(st.sampled_from(["fr", "en", "ar", "zh"]), st.just("fr"), word)
    section = st.one_of(st.sampled_from(["security", "exit", "opening"]), st.just("exit"), word)
    well_formed = st.one_of(
        command(fixed("check"), one(source), flags("--json", "--final")),
        command(fixed("export"), one(source), fixed("-o"), one(path), flags("--final"),
                option("--compare-to", st.one_of(number, path))),
        command(fixed("fill"), one(source), fixed("--section"), one(section), fixed("--from"),
                one(text_file), flags("--append")),
        command(fixed("new", "-t"), one(template), fixed("-l"), one(language), fixed("-o"),
                one(path), option("--date", st.one_of(st.sampled_from(DATES), value)),
                option("--symbol", word), option("--job", word)),
        command(fixed("import"), one(text_file), fixed("-t"), one(template), fixed("-l"),
                one(language), fixed("-o"), one(path), flags("--no-carry")),
        command(fixed("history"), one(source)),
        command(fixed("template"), one(st.sampled_from(["validate", "list", "x"])),
                st.lists(path, max_size=1)),
        command(fixed("confirm"), one(source),
                st.one_of(fixed("--all-suggested"), option("--carried", section),
                          command(fixed("--requirement"), one(word),
                                  option("--paragraph", st.one_of(number, word))))),
        command(fixed("fix"), one(source), option("--section", section)),
        command(fixed("period"), one(source),
                option("--start", st.one_of(st.sampled_from(DATES), value)),
                option("--end", st.one_of(st.sampled_from(DATES), value)),
                flags("--clear-start", "--clear-end")),
        command(fixed("comment"), one(source),
                st.one_of(command(fixed("list"), flags("--all")),
                          command(fixed("reply"), one(word), one(word), option("--author", word)),
                          command(one(st.sampled_from(["resolve", "reopen"])),
                                  st.lists(word, min_size=1, max_size=2)))),
        command(fixed("suggestion"), one(source),
                one(st.sampled_from(["accept", "reject", "list"])),
                st.lists(st.one_of(st.just("all"), word), max_size=2)),
        command(fixed("show"), one(source)),
        command(fixed("details"), one(source), option("--symbol", word),
                option("--date", st.one_of(st.sampled_from(DATES), value)),
                option("--letter-date", st.one_of(st.sampled_from(DATES), value)),
                option("--job", word), option("--signatory", word)),
        command(fixed("confirm"), one(source), fixed("--requirement"), one(word),
                fixed("--unlink"), option("--paragraph", st.one_of(number, word))),
    )
    noise = st.builds(lambda c, rest: [c, *rest],
                      st.one_of(st.sampled_from(COMMANDS), word),
                      st.lists(st.one_of(st.sampled_from(OPTIONS), value), max_size=8))
    return st.one_of(well_formed, well_formed, well_formed, noise)


def test_any_arguments_give_an_exit_code_and_at_most_one_line(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)  # relative outputs land in the test folder
    protected = {p: digest(p) for p in (folder / "contribution.txt", folder / "binaire.txt")}
    drafts = [folder / "lettre.missive", folder / "autre.missive"]
    fixtures = set(folder.iterdir())

    @settings(max_examples=150, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(argv_strategy(folder))
    def one(argv: list[str]) -> None:
        before = [digest(d) for d in drafts]
        code, out, err = cli(*argv)
        assert code in (0, 1, 2), (argv, code, err)
        assert "Traceback" not in err + out, (argv, err)
        if code == 2 and argv[:2] != ["template", "validate"]:
            assert len(err.strip().splitlines()) == 1, (argv, err)
        for path, value in protected.items():
            assert digest(path) == value, (argv, path)
        for d, was in zip(drafts, before, strict=True):
            if digest(d) != was:  # only a command that edits, and succeeds, writes a draft
                assert argv[0] in WRITERS and code in (0, 1), argv
            with DraftStore.open(d, read_only=True):
                pass
        for made in set(folder.iterdir()) - fixtures:
            if made.is_dir() and not made.is_symlink():
                shutil.rmtree(made)
            else:
                made.unlink()

    one()
    assert main.run_command  # the entry point the CLI runs through


@pytest.mark.parametrize("argv", [["check", "\x00"], ["export", "a\x00.missive", "-o", "x.docx"],
                                  ["new", "-t", "x", "-l", "fr", "-o", "n\x00"]])
def test_a_nul_character_in_an_argument_is_one_clear_line(argv: list[str]) -> None:
    """Found by the fuzzing above: the file system refused the path with a
    ValueError, which escaped as a traceback."""
    from tests.reliability.cli import assert_one_clear_error

    assert_one_clear_error(cli(*argv), "NUL character")
