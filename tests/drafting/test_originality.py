"""Our shipped prose is our own: no run of nine words copied from the seeds.

The seeds (a real 2020 letter and resolution 2531 (2020), kept beside the
clone in ../shared/seeds) give us facts, figures and structure; every
sentence of the templates, the sample drafts and the script that generates
the samples must be written here. A run of nine identical words, after
lowercasing and ignoring punctuation, apostrophe style and no-break spaces,
is the sign of a copied sentence.

Official names longer than that (OFFICIAL_NAMES) are facts, not prose: they
are cut out of our texts before comparing, so a copied sentence around them
is still caught.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
WINDOW = 9

# Names that cannot be shortened where a test or an official heading needs
# them in full (the quarterly report's chapter on the Agreement).
OFFICIAL_NAMES = ("Accord pour la paix et la réconciliation au Mali",)

_WORD_RE = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lowercased words of `text`; apostrophes, spaces and markup do not count."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return _WORD_RE.findall(text.lower())


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


def xml_texts(path: Path) -> Iterator[str]:
    """Every text node of a template (the schema has no inline markup)."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    root = etree.parse(str(path), parser).getroot()
    for node in root.iter():
        for text in (node.text, node.tail):
            if text and text.strip():
                yield text


def json_texts(value: object) -> Iterator[str]:
    """Every string of a sample draft; a block's spans are joined into its text."""
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


def our_texts() -> Iterator[tuple[str, str]]:
    """(file, text) for every text we ship that must be our own prose."""
    for path in sorted((ROOT / "templates").glob("*.xml")):
        for text in xml_texts(path):
            yield path.name, text
    for path in sorted((ROOT / "templates" / "samples").glob("*.json")):
        for text in json_texts(json.loads(path.read_text(encoding="utf-8"))):
            yield path.name, text
    # The generator's source: its "~", "^", "**" and "__" markup splits no word.
    script = ROOT / "scripts" / "make_samples.py"
    yield script.name, script.read_text(encoding="utf-8")


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


def test_shipped_texts_copy_no_run_of_nine_words(seeds: set[tuple[str, ...]]) -> None:
    problems = [
        f"{name}: «{run}»"
        for name, text in our_texts()
        for run in copied_runs(text, seeds)
    ]
    assert not problems, (
        "copied from the seeds; write these sentences in our own words:\n" + "\n".join(problems)
    )
