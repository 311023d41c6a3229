"""Interface translations: one gettext catalog, `_` imported explicitly.

`drafting` and `ui` both use `from drafting.i18n import _`. The active
language is process-wide and switchable at run time (`set_language`); the
catalog lives in `locale/<lang>/LC_MESSAGES/missive.mo`. This is the language
of the *interface*; the language of a letter is its metadata.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "missive"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def locale_dir() -> Path:
    """The folder holding the compiled catalogs (source checkout or installed)."""
    if LOCALE_DIR.is_dir():
        return LOCALE_DIR
    try:
        import missive_locale  # installed layout

        return Path(missive_locale.__file__).resolve().parent
    except ImportError:  # pragma: no cover - broken install
        return LOCALE_DIR


def set_language(language: str) -> None:
    """Switch the interface language; unknown languages fall back to English."""
    global _translation, _language
    _language = language or "en"
    _translation = gettext.translation(
        DOMAIN, localedir=str(locale_dir()), languages=[_language], fallback=True
    )


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate `message` into the interface language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural form for `n`."""
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message
