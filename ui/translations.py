"""The interface language: gettext catalog, Qt's own translations, text direction.

`apply_language(lang)` switches everything at once, at run time: the gettext
catalog behind `drafting.i18n._`, Qt's `qtbase_<lang>.qm` (the buttons and
menus of Qt's standard dialogs), the default `QLocale` (dates in date
editors) and the layout direction (Arabic lays the whole window out right to
left). Installing a `QTranslator` makes Qt send a `LanguageChange` event to
every widget; windows answer it with `retranslate_ui()` (see `MainWindow`),
which is how a switch takes effect without a restart.

The setting stores "" for "follow the system"; `resolve_language` turns it
into one of `LANGUAGES`. This is the language of the interface only; the
language of a letter is its metadata.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from drafting.i18n import N_, current_language, set_language

LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ru", "ar", "zh")
SYSTEM = ""
RTL_LANGUAGES = frozenset({"ar"})

# Each language named in itself, so a writer finds theirs in any interface language.
NATIVE_NAMES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ru": "Русский",
    "ar": "العربية",
    "zh": "中文",
}
SYSTEM_LABEL = N_("System default ({language})")

# Qt names its Chinese catalogs by script region; the others by language.
_QT_CATALOG_SUFFIX = {"zh": "zh_CN"}
_TRANSLATOR_NAME = "missive-qt-translator"


def normalize(code: str) -> str:
    """One of `LANGUAGES` for a locale name ("fr_CA", "zh-Hans-CN", "ar_EG"), else ""."""
    base = (code or "").replace("-", "_").split("_", 1)[0].lower()
    return base if base in LANGUAGES else ""


def system_language() -> str:
    """The system locale's language if Missive has it, else English."""
    locale = QLocale.system()
    for name in [*locale.uiLanguages(), locale.name()]:
        lang = normalize(name)
        if lang:
            return lang
    return "en"


def resolve_language(setting: str) -> str:
    """The language to use for a stored setting ("" or unknown → the system's)."""
    return normalize(setting) or system_language()


def qt_catalog_name(lang: str) -> str:
    """The base name of Qt's catalog for `lang` ("qtbase_fr", "qtbase_zh_CN")."""
    return "qtbase_" + _QT_CATALOG_SUFFIX.get(lang, lang)


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def layout_direction(lang: str) -> Qt.LayoutDirection:
    return (Qt.LayoutDirection.RightToLeft if lang in RTL_LANGUAGES
            else Qt.LayoutDirection.LeftToRight)


def apply_language(lang: str, app: QCoreApplication | None = None) -> str:
    """Switch the interface to `lang` (a code from `LANGUAGES`; others → English).

    Returns the language applied. Every widget receives a `LanguageChange`
    event afterwards, even when no Qt catalog changes (English to English).
    """
    lang = lang if lang in LANGUAGES else "en"
    app = app or QCoreApplication.instance()
    set_language(lang)
    QLocale.setDefault(QLocale(lang))
    if app is None:
        return lang
    for old in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.deleteLater()
    if lang != "en":
        translator = QTranslator(app)  # owned by the app: stays alive while installed
        translator.setObjectName(_TRANSLATOR_NAME)
        if translator.load(qt_catalog_name(lang), qt_translations_dir()):
            app.installTranslator(translator)
        else:
            translator.deleteLater()
    if isinstance(app, QApplication):
        # Set after the translators: Qt would otherwise take the direction from them.
        app.setLayoutDirection(layout_direction(lang))
    QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
    # Qt posts the event to each window (compressed to one); deliver it now so
    # that the caller sees the new language when this returns.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange.value)
    return lang


def interface_language() -> str:
    """The language the interface currently shows."""
    return current_language()


def language_choices() -> list[tuple[str, str]]:
    """(setting value, label) pairs for a language menu; the first is "System default"."""
    from drafting.i18n import _

    system = _(SYSTEM_LABEL).format(language=NATIVE_NAMES[system_language()])
    return [(SYSTEM, system)] + [(code, NATIVE_NAMES[code]) for code in LANGUAGES]
