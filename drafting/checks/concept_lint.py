"""Warnings about a requirement's concepts that the template schema cannot see.

The validator (`drafting.templates.xmlfile`) refuses a concept without terms
in a declared language. What it cannot tell is how the engine will read the
terms (`drafting.checks.concepts`): a term made only of grammatical words
never matches; one term in two concepts makes one paragraph meet both at
once; an excluding term that is also a concept's term rules out every
paragraph that uses it. The template editor shows these as the editor types.
"""

from __future__ import annotations

from drafting.checks.concepts import term_keys
from drafting.i18n import _
from drafting.templates.model import Requirement

__all__ = ["concept_warnings"]


def concept_warnings(req: Requirement, languages: list[str]) -> list[str]:
    """Plain-words warnings about `req`'s terms, in the order of the languages."""
    out: list[str] = []
    for lang in languages:
        seen: dict[tuple[str, ...], int] = {}  # keys → first concept (1-based) using them
        for n, concept in enumerate(req.concepts, start=1):
            for term in concept.terms.get(lang, []):
                keys = term_keys(term, lang)
                if not keys:
                    out.append(_("“{term}” ({lang}, concept {n}) has only grammatical words: "
                                 "it can never match").format(term=term, lang=lang, n=n))
                    continue
                first = seen.setdefault(keys, n)
                if first != n:
                    out.append(_("“{term}” ({lang}) is a term of concept {a} and of concept "
                                 "{b}: one mention would meet both").format(
                                     term=term, lang=lang, a=first, b=n))
        for term in req.exclusions.get(lang, []):
            keys = term_keys(term, lang)
            if not keys:
                out.append(_("The excluding term “{term}” ({lang}) has only grammatical "
                             "words: it can never match").format(term=term, lang=lang))
            elif keys in seen:
                out.append(_("The excluding term “{term}” ({lang}) is also a term of concept "
                             "{n}: it would rule out every paragraph that uses it").format(
                                 term=term, lang=lang, n=seen[keys]))
    return out
