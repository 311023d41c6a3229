"""Warnings about terms the concept engine could never use well."""

from __future__ import annotations

from drafting.checks.concept_lint import concept_warnings
from drafting.templates.model import Concept, Requirement


def _req(*concepts: dict[str, list[str]], exclude: dict[str, list[str]] | None = None
         ) -> Requirement:
    return Requirement("x.y", "1", labels={"en": "X"},
                       concepts=[Concept(dict(c)) for c in concepts], exclusions=exclude or {})


def test_a_clean_requirement_has_no_warning() -> None:
    req = _req({"en": ["rotation of contingents"], "fr": ["relève des contingents"]},
               {"en": ["on schedule", "postponed"], "fr": ["reportée"]},
               exclude={"en": ["aircrew"]})
    assert concept_warnings(req, ["en", "fr"]) == []


def test_grammatical_terms_shared_terms_and_self_defeating_exclusions() -> None:
    req = _req({"en": ["rotation", "the"], "fr": ["relève"]},
               {"en": ["rotations", "delay"], "fr": ["retard"]},
               exclude={"en": ["delayed", "of"], "fr": ["relève"]})
    warnings = concept_warnings(req, ["en", "fr"])
    assert warnings == [
        "“the” (en, concept 1) has only grammatical words: it can never match",
        "“rotations” (en) is a term of concept 1 and of concept 2: one mention would meet both",
        "The excluding term “delayed” (en) is also a term of concept 2: it would rule out "
        "every paragraph that uses it",
        "The excluding term “of” (en) has only grammatical words: it can never match",
        "The excluding term “relève” (fr) is also a term of concept 1: it would rule out "
        "every paragraph that uses it",
    ]
