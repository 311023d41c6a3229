"""Our prose is our own: no run of nine words copied from the seeds.

The seeds (a real 2020 letter and resolution 2531 (2020), kept beside the
clone in ../shared/seeds) give us facts, figures and structure; every
sentence we write — templates, sample drafts, code, tests, golden files and
documentation — must be written here. A run of nine identical words, after
lowercasing and ignoring punctuation, apostrophe style, no-break spaces and
markup, is the sign of a copied sentence.

A short allowlist (OFFICIAL_NAMES) holds the fixed formulas the letter must
reproduce word for word: official names and the standard title line. They
are cut out of our texts before comparing, so a copied sentence around them
is still caught.

This is a team rule, not a user test: it needs ../shared, which a user's
clone does not have, so `.ci/run` runs it after `make test`.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
WINDOW = 9

# What we scan: every text file under these folders, and these files.
SCANNED_DIRS = ("templates", "scripts", "drafting", "ui", "tests", "bench", "docs", "locale", ".ci")
SCANNED_FILES = ("README.md", "main.py", "LICENSE")
# Pictures and compiled files hold no prose we could read as text.
SKIPPED_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".ico", ".pyc", ".mo", ".docx",
                              ".pdf", ".zip", ".sqlite", ".db"})

# Fixed formulas the issues require verbatim; nothing else belongs here.
OFFICIAL_NAMES = (
    "Accord pour la paix et la réconciliation au Mali",
    "Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation au Mali",
    "Force conjointe du G5 Sahel",
    "Force conjointe du Groupe de cinq pays du Sahel",
    "Forces de défense et de sécurité maliennes",
    # The standard title line, whatever the date before it.
    "adressée au Président du Conseil de sécurité par le Secrétaire général",
    "from the Secretary-General addressed to the President of the Security Council",
)

_WORD_RE = re.compile(r"[^\W_]+")
# Python escapes that stand for characters inside string literals.
_ESCAPE_RE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|N\{[^}]+\}|[nrt])")
# In WordprocessingML, run and text tags split no word; a paragraph end does.
_WORD_BREAK_TAG_RE = re.compile(r"</w:p>|<w:(?:br|tab|cr)\b[^>]*/>")
_INLINE_TAG_RE = re.compile(r"</?w:[^>]*>")
_TAG_RE = re.compile(r"<[^>]*>")


def words(text: str) -> list[str]:
    """Lowercased words of `text`; apostrophes, spaces and markup do not count."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return _WORD_RE.findall(text.lower())


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code in ("n", "r", "t"):
        return " "
    if code.startswith("N{"):
        try:
            return unicodedata.lookup(code[2:-1])
        except KeyError:
            return " "
    return chr(int(code[1:], 16))


def python_text(source: str) -> str:
    """Source text with the escapes of its string literals turned into characters."""
    return _ESCAPE_RE.sub(_unescape, source)


def xml_text(source: str) -> str:
    """The words of an XML file (even a malformed one) without its markup."""
    source = _WORD_BREAK_TAG_RE.sub(" ", source)
    source = _INLINE_TAG_RE.sub("", source)
    return html.unescape(_TAG_RE.sub(" ", source))


def json_texts(value: object) -> Iterator[str]:
    """Every string of a JSON document; a block's spans are joined into its text."""
    if isinstance(value, dict):
        spans = value.get("spans")
        if isinstance(spans, list):
            yield "".join(str(s.get("text", "")) for s in spans if isinstance(s, dict))
        for key, item in value.items():
            if key != "spans":
                yield from json_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_texts(item)
    elif isinstance(value, str):
        yield value


def file_texts(path: Path) -> Iterator[str]:
    """The prose-bearing texts of one file, by kind."""
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return
    if "\x00" in source:
        return
    suffix = path.suffix.lower()
    if suffix == ".py":
        yield python_text(source)
    elif suffix in (".xml", ".rels", ".rng", ".html", ".svg"):
        yield xml_text(source)
    elif suffix == ".json":
        try:
            yield from json_texts(json.loads(source))
        except ValueError:
            yield source
    else:
        yield source


def scanned_files() -> list[Path]:
    """Every file the check reads, except this test (its allowlist is made of seed phrases)."""
    found: list[Path] = []
    for folder in SCANNED_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if (
                path.is_file()
                and "__pycache__" not in path.parts
                and path.suffix.lower() not in SKIPPED_SUFFIXES
                and path.resolve() != Path(__file__).resolve()
            ):
                found.append(path)
    found.extend(ROOT / name for name in SCANNED_FILES if (ROOT / name).is_file())
    return found


def our_texts() -> Iterator[tuple[str, str]]:
    """(file, text) for every text in the repository that must be our own prose."""
    for path in scanned_files():
        for text in file_texts(path):
            yield path.relative_to(ROOT).as_posix(), text


def runs_without_names(tokens: list[str]) -> Iterator[list[str]]:
    """`tokens` cut wherever an official name occurs (the name itself dropped)."""
    names = [words(n) for n in OFFICIAL_NAMES]
    start = i = 0
    while i < len(tokens):
        name = next((n for n in names if tokens[i : i + len(n)] == n), None)
        if name is None:
            i += 1
            continue
        yield tokens[start:i]
        i += len(name)
        start = i
    yield tokens[start:]


def shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + WINDOW]) for i in range(len(tokens) - WINDOW + 1)}


def seed_shingles() -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS_DIR.glob("*.txt")):
        found |= shingles(words(seed.read_text(encoding="utf-8")))
    return found


def copied_runs(text: str, seeds: set[tuple[str, ...]]) -> list[str]:
    """The longest stretches of `text` made of windows found in the seeds."""
    found: list[str] = []
    for tokens in runs_without_names(words(text)):
        i = 0
        while i + WINDOW <= len(tokens):
            if tuple(tokens[i : i + WINDOW]) not in seeds:
                i += 1
                continue
            end = i + WINDOW
            while end < len(tokens) and tuple(tokens[end - WINDOW + 1 : end + 1]) in seeds:
                end += 1
            found.append(" ".join(tokens[i:end]))
            i = end
    return found


@pytest.fixture(scope="module")
def seeds() -> set[tuple[str, ...]]:
    assert SEEDS_DIR.is_dir(), f"the seeds must sit beside the clone, in {SEEDS_DIR}"
    found = seed_shingles()
    assert len(found) > 10_000, f"too few seed words read from {SEEDS_DIR}"
    return found


def test_the_check_catches_a_copied_sentence(seeds: set[tuple[str, ...]]) -> None:
    seed_text = (SEEDS_DIR / "000_7ff239cb66f57ec5.txt").read_text(encoding="utf-8")
    copied = " ".join(seed_text.split()[200:215])
    assert copied_runs(f"Nous écrivons ceci. {copied.upper()} Fin.", seeds)
    assert not copied_runs("Une phrase que nous avons écrite nous-mêmes, sans rien reprendre.",
                           seeds)


def test_official_names_are_cut_out_but_not_what_surrounds_them() -> None:
    name = words(OFFICIAL_NAMES[0])
    tokens = ["a", "b", *name, "c"]
    assert list(runs_without_names(tokens)) == [["a", "b"], ["c"]]


def test_the_allowlist_holds_short_formulas_only() -> None:
    # a name or a title formula, never a sentence smuggled past the check
    for name in OFFICIAL_NAMES:
        assert len(words(name)) <= 13, name
        assert not re.search(r"[.;:!?]", name), name


def test_escapes_and_markup_hide_no_words() -> None:
    assert words(python_text('"13\\u202f289 l\\u2019Accord\\N{NO-BREAK SPACE}%"')) == [
        "13", "289", "l", "accord"]
    docx = ('<w:p><w:r><w:t>Pre</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>mier mot'
            '</w:t></w:r></w:p><w:p><w:r><w:t>suite &amp; fin</w:t></w:r></w:p>')
    assert words(xml_text(docx)) == ["premier", "mot", "suite", "fin"]


def test_every_kind_of_file_is_read() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in scanned_files()}
    for expected in ("README.md", "scripts/make_samples.py", "templates/minusma-six-monthly.xml",
                     "templates/samples/minusma-six-monthly.fr.json", "bench/bench_checks.py",
                     "drafting/locale_format.py", "tests/drafting/test_export_golden.py", "main.py",
                     "locale/fr/LC_MESSAGES/missive.po",
                     "tests/_reference/export/letter-fr-draft/word__document.xml"):
        assert expected in names
    assert Path(__file__).resolve().relative_to(ROOT).as_posix() not in names
    assert not any(name.endswith(".png") for name in names)


def test_our_texts_copy_no_run_of_nine_words(seeds: set[tuple[str, ...]]) -> None:
    problems = [
        f"{name}: «{run}»"
        for name, text in our_texts()
        for run in copied_runs(text, seeds)
    ]
    assert not problems, (
        "copied from the seeds; write these sentences in our own words:\n" + "\n".join(problems)
    )
