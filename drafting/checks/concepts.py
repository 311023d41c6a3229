"""Concept matching: does a paragraph meet a requirement? (DESIGN §3.1)

A requirement names the *concepts* a paragraph must all mention; each concept
is a list of alternative terms per language, and exclusion terms rule the
paragraph out. G5 Sahel, for instance, needs {Force conjointe du G5 Sahel |
Force conjointe | FC-G5S} *and* {opérationnalisation | opérationnel | …}:
"the Sahel region" alone names neither.

How a term meets the text:

* words are compared by Snowball stem (`drafting.checks.stemmers`), so
  "mobilisation" meets "mobiliser"; grammatical words are skipped;
* a term word written with a capital ("Accord") is a proper name: it meets
  only a capitalized word of the text ("l'Accord", not "avec l'accord de");
  a word in capitals or with digits ("FC-G5S", "G5", "MINUSMA") is an acronym
  and meets only the very same word;
* a phrase matches when its words come in order with at most `TERM_GAP`
  words between two of them (Chinese: character bigrams, see `stemmers`).

A match gets a *strength* (every concept, more occurrences, the concepts close
together) so evidence can be ranked. A paragraph that mostly repeats the
template's own wording for the requirement's section (its heading, its
requirements' labels and terms) and holds no fact — no number,
date, place or named operation — is a *stub*: it is reported, never counted
(`ConceptHit.stub`). The shorter the paragraph, the less repetition it takes.

How a text splits into words, the keys a word stands for and what counts as
a fact live in `drafting.checks.concept_words`. Everything per requirement is
compiled once per template and language
(`ConceptSet`); what depends on one paragraph is computed once per text
(`ConceptSet.match`), which the checker caches per block.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from drafting.checks.concept_index import TERM_GAP, _Index, _Table, _Term, _window
from drafting.checks.concept_words import (
    has_fact,
    is_acronym,
    is_capitalized,
    term_keys,
    text_words,
    word_keys,
)
from drafting.checks.stemmers import base_language, fold
from drafting.templates.model import Template, TemplateSection, pick

__all__ = ["TERM_GAP", "ConceptHit", "ConceptSet", "has_fact", "is_acronym", "term_keys"]

# Share of a paragraph's content words taken from the template's own wording
# for the requirement's section above which, without a fact, the paragraph
# only restates it. A short sentence needs less of it to be a mere echo ("the
# rotation of uniformed personnel continued as usual"): the share asked for
# rises from RESTATEMENT_SHARE_SHORT at SHORT_PARAGRAPH content words to
# RESTATEMENT_SHARE at twice that.
RESTATEMENT_SHARE = 0.6
RESTATEMENT_SHARE_SHORT = 0.4
SHORT_PARAGRAPH = 12
# Scripts without capitals cannot show a place or a name, so ask for more.
RESTATEMENT_SHARE_CASELESS = 0.75
_CASELESS = frozenset({"ar", "zh"})
# Occurrences of one concept beyond the first that still add strength.
EXTRA_OCCURRENCES = 2
# Concepts found within this many words of each other: a focused paragraph.
CLOSE_WINDOW = 15
LOOSE_WINDOW = 30
# Paragraph texts whose concept keys are remembered (a 200-page letter has ~2,500).
TEXT_CACHE_LIMIT = 8192

@dataclass(frozen=True)
class _Compiled:
    id: str
    concepts: tuple[tuple[_Term, ...], ...]
    concept_keys: tuple[frozenset[str], ...]  # every key of each concept's terms
    exclusions: tuple[_Term, ...]
    wording: frozenset[str]  # stems of the template's words for its section
    # each concept's one-word terms as one set of keys, and its phrases
    singles: tuple[frozenset[str], ...] = ()
    phrases: tuple[tuple[_Term, ...], ...] = ()


@dataclass(frozen=True)
class ConceptHit:
    """How one paragraph meets one requirement.

    `start`/`end` are character offsets of the tightest passage holding every
    concept (for the excerpt); `strength` ranks evidence; `stub` is True when
    the paragraph only restates the requirement, without a fact.
    """

    start: int
    end: int
    strength: float
    stub: bool = False


class ConceptSet:
    """The compiled concepts of a template's requirements in one language."""

    def __init__(self, template: Template, lang: str) -> None:
        self.lang = lang
        compiled: list[_Compiled] = []
        vocabulary: set[str] = set()
        known: set[str] = set()
        for section in template.sections:
            known |= _folded_words(_section_texts(section, lang), lang)
        for names in (template.names, template.addressees, template.closings):
            known |= _folded_words([pick(names, lang)] if names else [], lang)
        # a place among a concept's terms (Kidal) is a fact when a paragraph
        # names it, unless the template's own labels, headings or standard
        # text use the word (the Force, the Mission)
        plain: set[str] = set()
        for section in template.sections:
            plain |= _folded_words([section.heading(lang), *section.boilerplate.get(lang, []),
                                    *(r.label(lang) for r in section.requirements)], lang)
        known -= _place_terms(template, lang) - plain
        wordings: dict[str, frozenset[str]] = {}
        for section, req in template.requirements():
            concepts = tuple(
                tuple(t for t in (_term(x, lang) for x in c.terms_for(lang)) if t is not None)
                for c in req.concepts
            )
            concepts = tuple(c for c in concepts if c)
            if not concepts:
                continue
            exclusions = tuple(
                t for t in (_term(x, lang) for x in req.exclusions.get(lang, [])) if t is not None)
            wording = wordings.get(section.id)
            if wording is None:
                wording = wordings[section.id] = _wording(section, lang)
            compiled.append(_Compiled(
                req.id, concepts, tuple(frozenset().union(*(t.keyset for t in c))
                                        for c in concepts),
                exclusions, wording,
                tuple(frozenset(t.keys[0] for t in c if len(t.keys) == 1) for c in concepts),
                tuple(tuple(t for t in c if len(t.keys) > 1) for c in concepts)))
            for c in concepts:
                for t in c:
                    vocabulary |= t.keyset
            for t in exclusions:
                vocabulary |= t.keyset
            vocabulary |= wording
            # words of multi-word names (Joint Force of the Group of Five) are the
            # template's own; single capitalized terms are places (see below)
            known |= _folded_words([t.text for c in concepts for t in c
                                    if len(text_words(t.text, lang)[0]) > 1], lang)
        self.requirements = compiled
        # key → the requirements whose narrowest concept has it: a text can only
        # meet a requirement if it holds one of those keys
        by_key: dict[str, list[int]] = {}
        for n, item in enumerate(compiled):
            for key in min(item.concept_keys, key=len):
                by_key.setdefault(key, []).append(n)
        self._by_key = {k: tuple(v) for k, v in by_key.items()}
        self.vocabulary = frozenset(vocabulary)
        # capitalized words the template itself uses are not facts (place names
        # among a concept's terms are, when a paragraph gives them)
        self.known = frozenset(known)
        self.caseless = base_language(lang) in _CASELESS
        self._table: _Table = {}
        # text → the concept keys it holds, as `match` last found them
        self._present: dict[str, frozenset[str]] = {}
        self._partial: dict[frozenset[str], tuple[int, ...]] = {}

    @classmethod
    def of(cls, template: Template, lang: str) -> ConceptSet:
        """The compiled concepts of `template` in `lang`, reused while the template's
        texts stay the same (compiling takes longer than checking a short letter)."""
        key = (id(template), lang)
        fingerprint = _fingerprint(template)
        found = _COMPILED.get(key)
        if found is not None and found[0] is template and found[1] == fingerprint:
            return found[2]
        compiled = cls(template, lang)
        if len(_COMPILED) >= _COMPILED_LIMIT:
            _COMPILED.clear()
        _COMPILED[key] = (template, fingerprint, compiled)
        return compiled

    def match(self, text: str, only: frozenset[int] | None = None,
              given: Mapping[int, frozenset[int]] | None = None) -> dict[str, ConceptHit]:
        """For each requirement the text meets, how (see `ConceptHit`).

        With `only`, among those requirements (numbers from
        `completed_by`); with `given`, the concepts (by position) of a
        requirement that the text's context already mentions count as met, so
        the text only has to mention the others (`drafting.checks.context`).
        """
        if not text.strip():
            return {}
        index = _Index(text, self.lang, self.vocabulary, self._table)
        if len(self._present) > TEXT_CACHE_LIMIT:
            self._present.clear()
        present = self._present[text] = frozenset(index.positions)
        if not present:
            return {}
        out: dict[str, ConceptHit] = {}
        fact: bool | None = None
        restating: dict[int, int] = {}  # the section's own words in the text, per wording
        by_key = self._by_key
        found_in = {n for key in present for n in by_key.get(key, ())}
        if given:
            found_in |= set(given)
        candidates = sorted(found_in if only is None else found_in & only)
        requirements = self.requirements
        none: frozenset[int] = frozenset()
        for n in candidates:
            req = requirements[n]
            known = given.get(n, none) if given else none
            if known:
                if any(i not in known and present.isdisjoint(keys)
                       for i, keys in enumerate(req.concept_keys)):
                    continue
            elif any(map(present.isdisjoint, req.concept_keys)):  # a concept not there
                continue
            matches = []
            positions = index.positions
            for i, (singles, phrases) in enumerate(zip(req.singles, req.phrases, strict=True)):
                if i in known:
                    continue
                found = [(p, p) for key in singles & present for p in positions[key]]
                for t in phrases:
                    if t.keyset <= present:
                        found += index.occurrences(t)
                if not found:
                    break
                matches.append(found)
            else:
                if not matches or any(t.keyset <= present and index.occurrences(t)
                                      for t in req.exclusions):
                    continue
                first, last = _window(matches)
                strength = float(len(matches) + len(known)) + 0.25 * sum(
                    min(len(m) - 1, EXTRA_OCCURRENCES) for m in matches)
                if len(matches) > 1:
                    width = last - first + 1
                    strength += (1.0 if width <= CLOSE_WINDOW
                                 else 0.5 if width <= LOOSE_WINDOW else 0)
                stub = False
                own = restating.get(id(req.wording))
                if own is None:
                    own = restating[id(req.wording)] = sum(
                        len(positions[key]) for key in positions.keys() & req.wording)
                if index.content and own >= self._share(index.content) * index.content:
                    if fact is None:
                        fact = has_fact(text, self.lang, self.known)
                    stub = not fact
                out[req.id] = ConceptHit(*index.span(first, last), strength, stub)
        return out

    def concepts_in(self, text: str) -> dict[int, frozenset[int]]:
        """For each requirement, which of its concepts (by position) `text`
        mentions, when it mentions some (for reading a context, see `match`)."""
        index = _Index(text, self.lang, self.vocabulary, self._table)
        present = set(index.positions)
        out: dict[int, frozenset[int]] = {}
        for n in self._touched(frozenset(present)):
            req = self.requirements[n]
            held = frozenset(
                i for i, (singles, phrases) in enumerate(zip(req.singles, req.phrases,
                                                             strict=True))
                if singles & present or any(t.keyset <= present and index.occurrences(t)
                                            for t in phrases))
            if held:
                out[n] = held
        return out

    def keys_in(self, text: str) -> frozenset[str]:
        """The concept keys `text` holds (remembered from `match` when it saw the text)."""
        found = self._present.get(text)
        if found is None:
            found = frozenset(_Index(text, self.lang, self.vocabulary, self._table).positions)
            if len(self._present) > TEXT_CACHE_LIMIT:
                self._present.clear()
            self._present[text] = found
        return found

    def completed_by(self, held: Mapping[int, frozenset[int]], keys: frozenset[str],
                     met: Iterable[str] = (),
                     wanted: frozenset[str] | None = None) -> frozenset[int]:
        """The requirements (by number) a text whose keys are `keys` may meet
        given the concepts its context mentions (`held`, from `concepts_in`):
        its keys touch every other concept. Those `met` already (and, with
        `wanted`, any other) are left out. Whether the words really make the
        terms, near enough, is `match`'s call."""
        if not keys:
            return frozenset()
        done = set(met)
        out: set[int] = set()
        for n, concepts in held.items():
            req = self.requirements[n]
            if req.id in done or (wanted is not None and req.id not in wanted):
                continue
            if all(i in concepts or not keys.isdisjoint(k)
                   for i, k in enumerate(req.concept_keys)) and \
                    len(concepts) < len(req.concept_keys):
                out.add(n)
        return frozenset(out)

    def _touched(self, keys: frozenset[str]) -> tuple[int, ...]:
        """Requirements one of whose concepts `keys` hold (cached: the same
        subheading or lead-in comes back for every paragraph under it)."""
        found = self._partial.get(keys)
        if found is None:
            found = tuple(n for n, req in enumerate(self.requirements)
                          if any(not keys.isdisjoint(k) for k in req.concept_keys))
            if len(self._partial) > TEXT_CACHE_LIMIT:
                self._partial.clear()
            self._partial[keys] = found
        return found

    def _share(self, content: int) -> float:
        """The share of the section's own words that makes a fact-free text a stub."""
        if self.caseless:
            return RESTATEMENT_SHARE_CASELESS
        extra = min(max(content - SHORT_PARAGRAPH, 0), SHORT_PARAGRAPH) / SHORT_PARAGRAPH
        return RESTATEMENT_SHARE_SHORT + (RESTATEMENT_SHARE - RESTATEMENT_SHARE_SHORT) * extra


_COMPILED: dict[tuple[int, str], tuple[Template, int, ConceptSet]] = {}
_COMPILED_LIMIT = 16


def _fingerprint(template: Template) -> int:
    """A hash of every text `ConceptSet` reads, so an edited template compiles again."""
    parts: list[object] = [repr(template.names), repr(template.addressees),
                           repr(template.closings)]
    for section in template.sections:
        parts += [section.id, repr(section.headings), repr(section.guidance),
                  repr(section.boilerplate)]
        for req in section.requirements:
            parts += [req.id, repr(req.labels), repr(req.exclusions),
                      repr([c.terms for c in req.concepts])]
    return hash(tuple(parts))


def find_term(text: str, lang: str, term: str) -> tuple[int, int] | None:
    """Where `term` first occurs in `text` as the engine matches a concept's
    term (stems, case rules for acronyms and names, small gaps in phrases):
    character offsets, or None. For the template editor's hints and tests."""
    compiled = _term(term, lang)
    if compiled is None:
        return None
    index = _Index(text, lang, compiled.keyset)
    found = index.occurrences(compiled)
    return index.span(*found[0]) if found else None


def _term(text: str, lang: str) -> _Term | None:
    keys = term_keys(text, lang)
    return _Term(text, keys, frozenset(keys)) if keys else None


def _place_terms(template: Template, lang: str) -> set[str]:
    """Capitalized single-word terms (Kidal, Gao): places a paragraph may name."""
    out: set[str] = set()
    for _s, req in template.requirements():
        for concept in req.concepts:
            for term in concept.terms_for(lang):
                words = text_words(term, lang)[0]
                if len(words) == 1 and is_capitalized(words[0]) and not is_acronym(words[0]):
                    out.add(fold(words[0]))
    return out


def _section_texts(section: TemplateSection, lang: str) -> list[str]:
    texts = [section.heading(lang), pick(section.guidance, lang) if section.guidance else ""]
    texts += section.boilerplate.get(lang, [])
    for req in section.requirements:
        texts.append(req.label(lang))
    return texts


def _folded_words(texts: Iterable[str], lang: str) -> set[str]:
    return {fold(w) for text in texts if text for w in text_words(text, lang)[0]}


def _wording(section: TemplateSection, lang: str) -> frozenset[str]:
    """Stems of what the template itself says about a section's requirements:
    its heading, and every requirement's label and terms (a stub often restates
    its neighbours' wording too: "operations progressed despite the security
    challenges, and the adaptation plan went on"). Not the guidance: advice to
    writers is long and plain, and a real paragraph shares many of its words."""
    texts = [section.heading(lang)]
    for req in section.requirements:
        texts.append(req.label(lang))
        texts += [t for c in req.concepts for t in c.terms_for(lang)]
    out: set[str] = set()
    for text in texts:
        for word in text_words(text, lang)[0]:
            content, keys = word_keys(word, lang)
            if content:
                out.add(keys[0])
    return frozenset(out)
