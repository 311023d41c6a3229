"""Texts made in one interface language and shown again after a switch."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Iterator

import pytest

from drafting import edits
from drafting.i18n import _, lazy, retranslate, set_language
from tests.drafting.edit_cases import sample


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    set_language("en")


def test_a_lazy_text_is_made_again_in_the_new_language() -> None:
    set_language("en")
    label = lazy(lambda: _("Typing"))
    assert label == "Typing" and isinstance(label, str)
    set_language("fr")
    assert label == "Typing"  # what was shown stays as it was
    assert retranslate(label) == _("Typing") != "Typing"
    assert retranslate("plain text") == "plain text"


def test_copies_of_a_lazy_text_are_plain_text() -> None:
    label = lazy(lambda: _("Typing"))
    for copied in (copy.deepcopy(label), pickle.loads(pickle.dumps(label))):
        assert copied == label and type(copied) is str


def test_edit_labels_follow_the_language() -> None:
    set_language("en")
    letter = sample()
    change = edits.replace_all(letter, "Mission", "mission")
    assert change.label == "Replace “Mission” with “mission”"
    set_language("fr")
    assert retranslate(change.label) == _("Replace “{find}” with “{repl}”").format(
        find="Mission", repl="mission")
    assert retranslate(change.label) != change.label
