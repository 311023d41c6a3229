"""Offline spelling with pyenchant and the system's hunspell dictionaries.

A missing pyenchant, enchant library or dictionary never stops the editor:
`SpellChecker.available` is then False and `notice` says why in plain words.
Words the writer adds go to a personal word list in the user data folder,
shared by every language.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import sysconfig
from pathlib import Path
from typing import Any

from drafting import paths
from drafting.i18n import _

log = logging.getLogger(__name__)

# Preferred dictionary tags per letter language, best first.
DICTIONARY_TAGS: dict[str, tuple[str, ...]] = {
    "en": ("en_GB", "en_US", "en"),
    "fr": ("fr_FR", "fr", "fr_BE", "fr_CH"),
    "es": ("es_ES", "es"),
    "ru": ("ru_RU", "ru"),
    "ar": ("ar", "ar_SA"),
}

# UN English follows Oxford spelling, and every letter on Mali names the same
# places, forces and bodies; with only a US dictionary installed these would
# be flagged in every paragraph.
UN_WORDS = frozenset("""
centre centres defence labour behaviour favour favourable honour neighbouring programme
programmes endeavour endeavours analyse analysed catalogue dialogue judgement practise
counter-terrorism peacekeepers peacekeeping gendarmerie gendarmes Barkhane Takuba Sahel
Gao Kidal Ménaka Mopti Ségou Bamako Tombouctou Timbuktu Ansongo Goundam Niafunké Tonka
Bandiagara Bankass Koro Douentza Tessalit Aguelhok Labézanga Boni Hombori Djenné Macina
Tenenkou Sévaré Diougani Ogossogou Malian Malians Touareg Tuareg Dogon Fulani Peul
""".split())

WORD_RE = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*", re.UNICODE)
# Acronyms (MINUSMA, FDSM) and words with digits are not spelling mistakes.
_SKIP_RE = re.compile(r"^[A-Z0-9ÀÂÉÈÊÎÔÛÇ]{2,}$")


# Where Linux distributions put shared libraries. pyenchant looks for its C
# library with ctypes.util.find_library, which on Linux runs /sbin/ldconfig
# (a new process in the middle of opening a window); told the file through
# PYENCHANT_LIBRARY_PATH, it loads it directly.
_LIBRARY_DIRS = ("/usr/lib/{multiarch}", "/lib/{multiarch}", "/usr/lib64", "/usr/lib",
                 "/usr/local/lib", "/lib64", "/lib")
_LIBRARY_NAMES = ("libenchant-2.so.2", "libenchant-2.so", "libenchant.so.1")


def enchant_library() -> str | None:
    """The enchant C library's file on Linux, found without starting a process."""
    if not sys.platform.startswith("linux"):
        return None
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    for folder in _LIBRARY_DIRS:
        if "{multiarch}" in folder and not multiarch:
            continue
        for name in _LIBRARY_NAMES:
            candidate = os.path.join(folder.format(multiarch=multiarch), name)
            if os.path.isfile(candidate):
                return candidate
    return None


def import_enchant() -> Any:
    """`import enchant`, pointing it at its C library so it spawns nothing."""
    if "enchant" in sys.modules or os.environ.get("PYENCHANT_LIBRARY_PATH"):
        import enchant

        return enchant
    library = enchant_library()
    if library is not None:
        os.environ["PYENCHANT_LIBRARY_PATH"] = library
    try:
        import enchant
    finally:
        if library is not None:
            os.environ.pop("PYENCHANT_LIBRARY_PATH", None)
    return enchant


def personal_word_list() -> Path:
    return paths.user_data_dir() / "personal-words.txt"


class SpellChecker:
    """Checks words in one language; cheap enough to call per highlighted block."""

    def __init__(self, language: str, pwl: Path | None = None, enabled: bool = True) -> None:
        self.language = language
        self.pwl = pwl or personal_word_list()
        self.available = False
        self.notice = ""
        self._dict: Any = None
        self._cache: dict[str, bool] = {}
        if enabled:
            self._load()
        else:
            self.notice = _("Spelling is turned off.")

    def _load(self) -> None:
        try:
            enchant = import_enchant()
        except (ImportError, OSError) as exc:  # the C library may be missing too
            log.info("spelling unavailable: %s", exc)
            self.notice = _("Spelling is off: the enchant library is not installed.")
            return
        tags = DICTIONARY_TAGS.get(self.language, (self.language,))
        for tag in tags:
            try:
                if enchant.dict_exists(tag):
                    self.pwl.parent.mkdir(parents=True, exist_ok=True)
                    self.pwl.touch(exist_ok=True)
                    self._dict = enchant.DictWithPWL(tag, str(self.pwl))
                    self.available = True
                    return
            except Exception as exc:  # enchant raises its own error types
                log.warning("dictionary %s failed: %s", tag, exc)
        self.notice = _("Spelling is off: no {language} dictionary is installed.").format(
            language=self.language
        )

    def check(self, word: str) -> bool:
        """True when `word` is spelled right (or cannot be judged)."""
        if not self.available or len(word) < 2 or _SKIP_RE.match(word) or word in UN_WORDS \
                or word.lower() in UN_WORDS:
            return True
        cached = self._cache.get(word)
        if cached is None:
            normalized = word.replace("’", "'")
            try:
                cached = bool(self._dict.check(normalized))
                if not cached and "'" in normalized:
                    # French elisions: "l'Accord" is fine when "Accord" is.
                    head, _sep, tail = normalized.partition("'")
                    cached = len(head) <= 2 and bool(self._dict.check(tail))
            except Exception:
                cached = True
            self._cache[word] = cached
        return cached

    def misspelled(self, text: str) -> list[tuple[int, int]]:
        """(start, length) of every misspelled word in `text`."""
        if not self.available:
            return []
        return [
            (m.start(), m.end() - m.start())
            for m in WORD_RE.finditer(text)
            if not self.check(m.group(0))
        ]

    def suggest(self, word: str, limit: int = 6) -> list[str]:
        if not self.available:
            return []
        try:
            return list(self._dict.suggest(word.replace("’", "'")))[:limit]
        except Exception:
            return []

    def add(self, word: str) -> None:
        """Add to the personal word list (kept between runs)."""
        if not self.available:
            return
        self._dict.add(word.replace("’", "'"))
        self._cache[word] = True
