"""Interface translations: one gettext catalog, `_` imported explicitly.

`drafting` and `ui` both use `from drafting.i18n import _`. The active
language is process-wide and switchable at run time (`set_language`); the
catalog lives in `locale/<lang>/LC_MESSAGES/missive.mo`. This is the language
of the *interface*; the language of a letter is its metadata.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Mapping
from pathlib import Path

DOMAIN = "missive"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def locale_dir() -> Path:
    """The folder holding the compiled catalogs (source checkout or installed)."""
    if LOCALE_DIR.is_dir():
        return LOCALE_DIR
    from drafting.paths import package_dir

    return package_dir("missive_locale", LOCALE_DIR)


def set_language(language: str) -> None:
    """Switch the interface language; unknown languages fall back to English."""
    global _translation, _language
    _language = language or "en"
    _translation = gettext.translation(
        DOMAIN, localedir=str(locale_dir()), languages=[_language], fallback=True
    )


def current_language() -> str:
    return _language


# POSIX precedence: LC_ALL overrides LC_MESSAGES, which overrides LANG.
_ENVIRONMENT_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The interface language the environment asks for, for the command line.

    Reads LC_ALL, LC_MESSAGES, then LANG (the first one set wins, as in C
    programs): "fr_FR.UTF-8" gives "fr". "C", "POSIX", an unset environment or
    a language without a catalog gives "en". As GNU gettext does, a LANGUAGE
    list ("fr_FR:fr:en", set by many desktops) comes first unless the locale
    is "C": its first language with a catalog wins.
    """
    env = os.environ if environ is None else environ
    locale_lang = ""
    for name in _ENVIRONMENT_VARIABLES:
        value = env.get(name, "").strip()
        if value:
            locale_lang = _language_of(value)
            break
    if locale_lang not in ("", "c", "posix"):
        for entry in env.get("LANGUAGE", "").split(":"):
            lang = _language_of(entry)
            if lang and lang not in ("c", "posix") and has_catalog(lang):
                return lang
    if locale_lang and locale_lang not in ("c", "posix") and has_catalog(locale_lang):
        return locale_lang
    return "en"


def _language_of(value: str) -> str:
    """"fr_FR.UTF-8@euro" → "fr"."""
    code = value.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    return code.split("_", 1)[0].lower()


def has_catalog(language: str) -> bool:
    """Whether a compiled catalog exists for `language` (English needs none)."""
    if language == "en":
        return True
    return (locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def _(message: str) -> str:
    """Translate `message` into the interface language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural form for `n`."""
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


class Lazy(str):
    """A translated text that can be made again after a language switch.

    It is the translation made when it was created, so code that only shows it
    treats it as any `str`; code that keeps texts across a switch (undo labels
    on the undo stack) calls `retranslate()` to get it in the current language.
    """

    _make: Callable[[], str]

    def __new__(cls, make: Callable[[], str]) -> Lazy:
        text = super().__new__(cls, make())
        text._make = make
        return text

    def again(self) -> str:
        """The same text in the current interface language."""
        return self._make()

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        # Copies and pickles are plain text: the function stays with the original.
        return str, (str(self),)


def lazy(make: Callable[[], str]) -> str:
    """`make()` now, remembered so `retranslate` can make it again later.

    `make` calls `_` (or `ngettext`) itself, so the strings are extracted as
    usual: `lazy(lambda: _("Typing"))`.
    """
    return Lazy(make)


def retranslate(text: str) -> str:
    """`text` in the current interface language when it is `lazy`, else as it is."""
    return text.again() if isinstance(text, Lazy) else text
