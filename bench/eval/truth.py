"""The annotated evaluation corpus: letters in our own words and the truth about them.

Each letter is a plain-text file `corpus/NAME.txt` beside `corpus/NAME.truth.json`.
The text follows what Missive's text importer reads: a blank line between
paragraphs, a heading on a line of its own (no final punctuation; a leading
"#"/"##" is allowed), bullet items starting with "• ", "- ", "− " or "– ", the
title line first, then the closing formula and the "(Signed) …" line last.

The truth file says, in the letter's own words (quotes, never indexes):

* ``structure`` — every heading of the letter, in order, with the template
  section its text belongs in (``"unassigned"`` where no section fits);
  ``"subheading": true`` marks a writer's own subheading inside a section;
* ``requirements`` — for each of the 16 requirement ids of DESIGN §3.1,
  ``met`` and, when met, ``evidence``: quotes of the paragraphs that really
  meet it (each quote ≥ 6 words, found once in the letter);
* ``near_misses`` — paragraphs that use a requirement's words without meeting
  it (``kind``: ``vocabulary``, ``stub`` or ``other_mission``);
* ``figures`` — sentences with arithmetic, ``error`` true or false, and for an
  error the finding ``code`` expected (``figure.percent`` or ``figure.sum``).

`load_letter` validates all of it and raises `TruthError` naming the file and
the problem; nothing is guessed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"

# DESIGN §3.1: stable ids of the default template `minusma-six-monthly`.
SECTION_IDS = ("opening", "security", "performance", "rotation", "coordination", "framework",
               "exit")
UNASSIGNED = "unassigned"
REQUIREMENT_IDS = (
    "ops.progress",
    "ops.security",
    "ops.adaptation_plan",
    "ops.coordination_body",
    "perf.performance",
    "perf.rotation",
    "perf.caveats",
    "perf.underperformance",
    "isf.update",
    "isf.transition_plan",
    "isf.resource_mobilization",
    "exit.plan",
    "exit.criteria.security_political",
    "exit.criteria.mdsf_redeployment",
    "exit.criteria.g5_sahel",
    "exit.criteria.agreement",
)
# The requirements resolution 2531 (2020) added to those of resolution 2480 (2019).
ADDED_BY_2531 = ("isf.resource_mobilization", "exit.criteria.g5_sahel",
                 "exit.criteria.mdsf_redeployment")
FIGURE_CODES = ("figure.percent", "figure.sum")
NEAR_MISS_KINDS = ("vocabulary", "stub", "other_mission")
MIN_QUOTE_WORDS = 6
LANGUAGES = ("en", "fr")

_TITLE_RE = re.compile(r"^(?:Letter dated|Lettre datée)\b")
_SIGNATURE_RE = re.compile(r"^\((?:Signed|Signé)\)")
_BULLET_RE = re.compile(r"^[•\-−–]\s+")
_MARKDOWN_RE = re.compile(r"^#{1,6}\s+")
_SPACES_RE = re.compile(r"\s+")


class TruthError(ValueError):
    """An annotation that does not fit its letter (or the corpus rules)."""


def norm(text: str) -> str:
    """Text as compared: NFC, every kind of space one space, one apostrophe."""
    text = unicodedata.normalize("NFC", text)
    for odd in ("\u00a0", "\u202f", "\u2009", "\u2007"):
        text = text.replace(odd, " ")
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return _SPACES_RE.sub(" ", text).strip()


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['\-]\w+)*", norm(text)))


@dataclass
class Paragraph:
    """One block of the letter as its writer laid it out."""

    index: int
    kind: str  # title, heading, paragraph, bullet, closing, signature
    text: str  # as written (markers removed), spaces kept
    section: str | None = None  # expected section for body blocks
    subheading: bool = False

    @property
    def key(self) -> str:
        return norm(self.text)

    @property
    def is_body(self) -> bool:
        return self.kind in ("paragraph", "bullet")


@dataclass
class NearMiss:
    quote: str
    requirement: str
    kind: str
    paragraph: int


@dataclass
class Figure:
    quote: str
    error: bool
    code: str | None
    paragraph: int
    note: str = ""


@dataclass
class Requirement:
    id: str
    met: bool
    evidence: list[int] = field(default_factory=list)  # paragraph indexes
    note: str = ""


@dataclass
class Letter:
    """A corpus letter with its validated truth."""

    name: str
    path: Path
    language: str
    style: str
    mandate: str
    paragraphs: list[Paragraph]
    requirements: dict[str, Requirement]
    near_misses: list[NearMiss]
    figures: list[Figure]

    @property
    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.is_body]

    def words(self) -> int:
        return sum(word_count(p.text) for p in self.paragraphs
                   if p.kind not in ("title", "signature"))

    def find(self, text: str) -> Paragraph | None:
        """The paragraph whose text is `text` (compared normalized), if any."""
        key = norm(text)
        for p in self.paragraphs:
            if p.key == key:
                return p
        return None


def split_blocks(text: str) -> list[tuple[str, str]]:
    """(marker, text) of each blank-line-separated block; lines of a block are joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[tuple[str, str]] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        joined = " ".join(lines)
        marker = ""
        m = _MARKDOWN_RE.match(joined) or _BULLET_RE.match(joined)
        if m:
            marker, joined = m.group(0).strip(), joined[m.end():]
        out.append((marker, joined))
    return out


def _fail(where: Path, message: str) -> TruthError:
    return TruthError(f"{where.name}: {message}")


def _layout(path: Path, text: str, structure: list[dict[str, Any]]) -> list[Paragraph]:
    headings: dict[str, dict[str, Any]] = {}
    for entry in structure:
        heading, section = entry.get("heading"), entry.get("section")
        if not isinstance(heading, str) or not heading.strip():
            raise _fail(path, f"structure entry without a heading: {entry}")
        if section not in (*SECTION_IDS, UNASSIGNED) or section == "opening":
            raise _fail(path, f"unknown section {section!r} for heading {heading!r}")
        if norm(heading) in headings:
            raise _fail(path, f"heading listed twice: {heading!r}")
        headings[norm(heading)] = entry
    paragraphs: list[Paragraph] = []
    section = "opening"
    blocks = split_blocks(text)
    seen: list[str] = []
    for marker, body in blocks:
        index = len(paragraphs)
        key = norm(body)
        if not paragraphs and _TITLE_RE.match(body):
            paragraphs.append(Paragraph(index, "title", body))
        elif _SIGNATURE_RE.match(body):
            paragraphs.append(Paragraph(index, "signature", body))
        elif key in headings:
            entry = headings[key]
            section = entry["section"]
            seen.append(key)
            paragraphs.append(Paragraph(index, "heading", body, section,
                                        bool(entry.get("subheading", False))))
        elif marker.startswith("#"):
            raise _fail(path, f"heading not in the structure: {body!r}")
        else:
            kind = "bullet" if marker else "paragraph"
            paragraphs.append(Paragraph(index, kind, body, section))
    if seen != [norm(e["heading"]) for e in structure]:
        missing = [e["heading"] for e in structure if norm(e["heading"]) not in seen]
        raise _fail(path, f"structure headings not found in order (missing: {missing})")
    if not paragraphs or paragraphs[0].kind != "title":
        raise _fail(path, "the letter must open with its title line")
    if paragraphs[-1].kind != "signature" or len(paragraphs) < 3:
        raise _fail(path, "the letter must end with the closing formula and the signature")
    closing = paragraphs[-2]
    if closing.kind != "paragraph":
        raise _fail(path, "the closing formula must come right before the signature")
    closing.kind, closing.section = "closing", None
    return paragraphs


def _locate(path: Path, paragraphs: list[Paragraph], quote: Any, what: str) -> Paragraph:
    if not isinstance(quote, str):
        raise _fail(path, f"{what}: a quote must be a string, not {quote!r}")
    key = norm(quote)
    if word_count(key) < MIN_QUOTE_WORDS:
        raise _fail(path, f"{what}: quote shorter than {MIN_QUOTE_WORDS} words: {quote!r}")
    hits = [(p, p.key.count(key)) for p in paragraphs if key in p.key]
    total = sum(n for _p, n in hits)
    if total != 1:
        raise _fail(path, f"{what}: quote found {total} times (must be once): {quote!r}")
    return hits[0][0]


def _known_keys(path: Path, data: dict[str, Any], allowed: set[str], what: str) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise _fail(path, f"{what}: unknown keys {sorted(unknown)}")


def load_letter(truth_path: Path) -> Letter:
    """A letter and its truth, validated (raises `TruthError` on any inconsistency)."""
    name = truth_path.name.removesuffix(".truth.json")
    text_path = truth_path.with_name(name + ".txt")
    if not text_path.is_file():
        raise _fail(truth_path, f"no letter {text_path.name} beside it")
    try:
        data = json.loads(truth_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise _fail(truth_path, f"not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise _fail(truth_path, "the truth must be a JSON object")
    _known_keys(truth_path, data, {"language", "style", "mandate", "structure", "requirements",
                                   "near_misses", "figures", "notes"}, "top level")
    language = data.get("language")
    if language not in LANGUAGES:
        raise _fail(truth_path, f"language must be one of {LANGUAGES}, not {language!r}")
    paragraphs = _layout(truth_path, text_path.read_text(encoding="utf-8"),
                         data.get("structure") or [])
    requirements = _requirements(truth_path, paragraphs, data.get("requirements"))
    near = _near_misses(truth_path, paragraphs, data.get("near_misses", []), requirements)
    figures = _figures(truth_path, paragraphs, data.get("figures", []))
    return Letter(
        name=name,
        path=text_path,
        language=language,
        style=str(data.get("style", "")),
        mandate=str(data.get("mandate", "")),
        paragraphs=paragraphs,
        requirements=requirements,
        near_misses=near,
        figures=figures,
    )


def _requirements(path: Path, paragraphs: list[Paragraph], raw: Any) -> dict[str, Requirement]:
    if not isinstance(raw, dict):
        raise _fail(path, "requirements must be an object keyed by requirement id")
    unknown = set(raw) - set(REQUIREMENT_IDS)
    if unknown:
        raise _fail(path, f"unknown requirement ids: {sorted(unknown)}")
    missing = [r for r in REQUIREMENT_IDS if r not in raw]
    if missing:
        raise _fail(path, f"requirements without truth: {missing}")
    out: dict[str, Requirement] = {}
    for rid in REQUIREMENT_IDS:
        entry = raw[rid]
        if not isinstance(entry, dict) or not isinstance(entry.get("met"), bool):
            raise _fail(path, f"{rid}: needs \"met\": true|false")
        _known_keys(path, entry, {"met", "evidence", "note"}, rid)
        quotes = entry.get("evidence", [])
        if entry["met"] and not quotes:
            raise _fail(path, f"{rid}: met, but no evidence quoted")
        if not entry["met"] and quotes:
            raise _fail(path, f"{rid}: not met, yet evidence is quoted")
        evidence: list[int] = []
        for quote in quotes:
            p = _locate(path, paragraphs, quote, rid)
            if not p.is_body or p.section in (None, "opening"):
                raise _fail(path, f"{rid}: evidence must be a body paragraph outside the "
                                  f"opening: {quote!r}")
            if p.index in evidence:
                raise _fail(path, f"{rid}: two quotes from one paragraph: {quote!r}")
            evidence.append(p.index)
        out[rid] = Requirement(rid, entry["met"], evidence, str(entry.get("note", "")))
    return out


def _near_misses(path: Path, paragraphs: list[Paragraph], raw: Any,
                 requirements: dict[str, Requirement]) -> list[NearMiss]:
    if not isinstance(raw, list):
        raise _fail(path, "near_misses must be a list")
    out: list[NearMiss] = []
    for entry in raw:
        if not isinstance(entry, dict):
            raise _fail(path, f"near miss must be an object: {entry!r}")
        _known_keys(path, entry, {"quote", "requirement", "kind", "note"}, "near miss")
        rid, kind = entry.get("requirement"), entry.get("kind")
        if rid not in REQUIREMENT_IDS:
            raise _fail(path, f"near miss for an unknown requirement: {rid!r}")
        if kind not in NEAR_MISS_KINDS:
            raise _fail(path, f"near miss kind must be one of {NEAR_MISS_KINDS}: {kind!r}")
        p = _locate(path, paragraphs, entry.get("quote"), f"near miss {rid}")
        if p.index in requirements[rid].evidence:
            raise _fail(path, f"{rid}: a paragraph cannot be evidence and near miss at once")
        out.append(NearMiss(str(entry["quote"]), rid, kind, p.index))
    return out


def _figures(path: Path, paragraphs: list[Paragraph], raw: Any) -> list[Figure]:
    if not isinstance(raw, list):
        raise _fail(path, "figures must be a list")
    out: list[Figure] = []
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("error"), bool):
            raise _fail(path, f"figure needs \"error\": true|false: {entry!r}")
        _known_keys(path, entry, {"quote", "error", "code", "note"}, "figure")
        code = entry.get("code")
        if entry["error"] and code not in FIGURE_CODES:
            raise _fail(path, f"an erroneous figure needs a code in {FIGURE_CODES}: {entry!r}")
        if not entry["error"] and code is not None:
            raise _fail(path, f"a consistent figure takes no code: {entry!r}")
        p = _locate(path, paragraphs, entry.get("quote"), "figure")
        out.append(Figure(str(entry["quote"]), entry["error"], code, p.index,
                          str(entry.get("note", ""))))
    return out


def load_corpus(folder: Path = CORPUS_DIR) -> list[Letter]:
    """Every annotated letter of `folder`, sorted by name; a letter without truth is an error."""
    letters = sorted(folder.glob("*.txt"))
    truths = sorted(folder.glob("*.truth.json"))
    orphans = {t.name.removesuffix(".truth.json") for t in truths} ^ {p.stem for p in letters}
    if orphans:
        raise TruthError(f"letters and truth files must come in pairs: {sorted(orphans)}")
    return [load_letter(t) for t in truths]
