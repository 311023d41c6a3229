"""Fixed strings of a UN letter in the letter's own language (data, not gettext).

Mastheads, signature prefixes, annex labels and title shapes belong to the
document, not to the interface, so they are tables here rather than catalog
entries. `drafting.locale_format` re-exports the public functions; import them
from there.

Russian, Arabic and Chinese UN documents keep the distribution block of the
masthead in English ("Distr.: General", the date, "Russian", "Original:
English"), so for those languages `masthead_strings` returns the English
block and `masthead_language` says "en": format the masthead date in it.
"""

from __future__ import annotations

from babel import Locale

LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ru", "ar", "zh")

ORGANS: tuple[str, ...] = ("security-council", "general-assembly")

_ENGLISH_BLOCK = {
    "distr_general": "Distr.: General",
    "original_label": "Original: {language}",
    "masthead_language": "en",
}

_MASTHEAD: dict[str, dict[str, str]] = {
    "en": {
        "united_nations": "United Nations",
        "organ_security_council": "Security Council",
        "organ_general_assembly": "General Assembly",
        **_ENGLISH_BLOCK,
        "language_line": "",
        "signed_prefix": "(Signed)",
        "annex": "Annex",
        "draft_marker": "DRAFT",
        "job_suffix": "E",
        "emblem_alt": "United Nations emblem",
        "section_missing": "[Section not yet drafted]",
        "draft_annex": "Draft annex, not part of the letter: text not yet assigned to a section",
    },
    "fr": {
        "united_nations": "Nations Unies",
        "organ_security_council": "Conseil de sécurité",
        "organ_general_assembly": "Assemblée générale",
        "distr_general": "Distr. générale",
        "original_label": "Original\u00a0: {language}",
        "masthead_language": "fr",
        "language_line": "Français",
        "signed_prefix": "(Signé)",
        "annex": "Annexe",
        "draft_marker": "PROJET",
        "job_suffix": "F",
        "emblem_alt": "Emblème de l’Organisation des Nations Unies",
        "section_missing": "[Section non encore rédigée]",
        "draft_annex": "Annexe de travail, ne fait pas partie de la lettre\u00a0: texte non encore attribué à une section",
    },
    "es": {
        "united_nations": "Naciones Unidas",
        "organ_security_council": "Consejo de Seguridad",
        "organ_general_assembly": "Asamblea General",
        "distr_general": "Distr. general",
        "original_label": "Original: {language}",
        "masthead_language": "es",
        "language_line": "Español",
        "signed_prefix": "(Firmado)",
        "annex": "Anexo",
        "draft_marker": "BORRADOR",
        "job_suffix": "S",
        "emblem_alt": "Emblema de las Naciones Unidas",
        "section_missing": "[Sección aún no redactada]",
        "draft_annex": "Anexo de trabajo, no forma parte de la carta: texto aún no asignado a una sección",
    },
    "ru": {
        "united_nations": "Организация Объединенных Наций",
        "organ_security_council": "Совет Безопасности",
        "organ_general_assembly": "Генеральная Ассамблея",
        **_ENGLISH_BLOCK,
        "language_line": "Russian",
        "signed_prefix": "(Подпись)",
        "annex": "Приложение",
        "draft_marker": "ПРОЕКТ",
        "job_suffix": "R",
        "emblem_alt": "Эмблема Организации Объединенных Наций",
        "section_missing": "[Раздел еще не подготовлен]",
        "draft_annex": "Рабочее приложение, не являющееся частью письма: текст, еще не отнесенный к какому-либо разделу",
    },
    "ar": {
        "united_nations": "الأمم المتحدة",
        "organ_security_council": "مجلس الأمن",
        "organ_general_assembly": "الجمعية العامة",
        **_ENGLISH_BLOCK,
        "language_line": "Arabic",
        "signed_prefix": "(توقيع)",
        "annex": "المرفق",
        "draft_marker": "مشروع",
        "job_suffix": "A",
        "emblem_alt": "شعار الأمم المتحدة",
        "section_missing": "[لم تتم صياغة هذا الفرع بعد]",
        "draft_annex": "مرفق عمل لا يشكل جزءا من الرسالة: نص لم يُسنَد بعد إلى أي فرع",
    },
    "zh": {
        "united_nations": "联合国",
        "organ_security_council": "安全理事会",
        "organ_general_assembly": "大会",
        **_ENGLISH_BLOCK,
        "language_line": "Chinese",
        "signed_prefix": "（签名）",
        "annex": "附件",
        "draft_marker": "草稿",
        "job_suffix": "C",
        "emblem_alt": "联合国会徽",
        "section_missing": "[本节尚未起草]",
        "draft_annex": "工作附件（不属于信函）：尚未归入任何一节的文本",
    },
}

# Title of a letter from the Secretary-General: {date} is the long date, {organ}
# the organ in the case the sentence needs.
_TITLE: dict[str, str] = {
    "en": "Letter dated {date} from the Secretary-General addressed to the President of {organ}",
    "fr": "Lettre datée du {date}, adressée au Président {organ} par le Secrétaire général",
    "es": "Carta de fecha {date} dirigida al Presidente {organ} por el Secretario General",
    "ru": "Письмо Генерального секретаря от {date} на имя Председателя {organ}",
    "ar": "رسالة مؤرخة {date} موجهة إلى رئيس {organ} من الأمين العام",
    "zh": "{date}秘书长给{organ}主席的信",
}

_TITLE_ORGAN: dict[str, dict[str, str]] = {
    "security-council": {
        "en": "the Security Council",
        "fr": "du Conseil de sécurité",
        "es": "del Consejo de Seguridad",
        "ru": "Совета Безопасности",
        "ar": "مجلس الأمن",
        "zh": "安全理事会",
    },
    "general-assembly": {
        "en": "the General Assembly",
        "fr": "de l’Assemblée générale",
        "es": "de la Asamblea General",
        "ru": "Генеральной Ассамблеи",
        "ar": "الجمعية العامة",
        "zh": "大会",
    },
}


# Title block of a report of the Secretary-General: the agenda item (by the
# mission whose country it concerns), then the line naming the report.
_REPORT_LINE: dict[str, str] = {
    "en": "Report of the Secretary-General",
    "fr": "Rapport du Secrétaire général",
    "es": "Informe del Secretario General",
    "ru": "Доклад Генерального секретаря",
    "ar": "تقرير الأمين العام",
    "zh": "秘书长的报告",
}

_REPORT_AGENDA: dict[str, dict[str, str]] = {
    "MINUSMA": {
        "en": "The situation in Mali",
        "fr": "La situation au Mali",
        "es": "La situación en Malí",
        "ru": "Положение в Мали",
        "ar": "الحالة في مالي",
        "zh": "马里局势",
    },
}


def _base(lang: str) -> str:
    base = (lang or "").strip().replace("-", "_").split("_", 1)[0].lower()
    if base not in LANGUAGES:
        raise ValueError(f"not a UN language: {lang!r}")
    return base


def masthead_strings(lang: str) -> dict[str, str]:
    """The fixed masthead and closing strings of a letter in `lang` (a fresh dict).

    Keys: united_nations, organ_security_council, organ_general_assembly,
    distr_general, original_label (a format string with `{language}`),
    masthead_language (the language of the distribution block: format its date
    and the original language's name in it), language_line (the document's
    language as the masthead shows it above "Original"; empty for English),
    signed_prefix, annex, draft_marker, job_suffix (E, F, S, R, A, C),
    emblem_alt (the emblem picture's alternative text), section_missing (the
    marker of an empty required section in a draft) and draft_annex (the
    title of a draft's annex of text not assigned to a section).
    Raises ValueError for a language other than the six UN languages.
    """
    return dict(_MASTHEAD[_base(lang)])


def language_name(code: str, in_lang: str) -> str:
    """The name of language `code` as a masthead in `in_lang` writes it.

    French and Spanish write it in lower case ("anglais", "inglés"); English
    capitalizes it ("English").
    """
    name = Locale.parse(_base(in_lang)).languages.get(_base(code), code)
    return str(name)


def original_line(original_lang: str, lang: str) -> str:
    """The masthead's "Original" line: en "Original: English", fr "Original : anglais"."""
    strings = masthead_strings(lang)
    name = language_name(original_lang, strings["masthead_language"])
    return strings["original_label"].format(language=name)


def title_shape(lang: str, organ: str) -> tuple[str, str]:
    """The title format string and the organ phrase for `lang` and `organ`.

    Raises ValueError for an unknown organ (see ORGANS).
    """
    if organ not in _TITLE_ORGAN:
        raise ValueError(f"unknown organ: {organ!r}; expected one of {', '.join(ORGANS)}")
    base = _base(lang)
    return _TITLE[base], _TITLE_ORGAN[organ][base]


def report_title_lines(lang: str, mission: str) -> tuple[str, ...]:
    """The title lines of a report in `lang`: the agenda item, then the report line.

    en ("The situation in Mali", "Report of the Secretary-General"); fr ("La
    situation au Mali", "Rapport du Secrétaire général"). A mission without a
    known agenda item gives the second line alone. Raises ValueError for a
    language other than the six UN languages.
    """
    base = _base(lang)
    agenda = _REPORT_AGENDA.get((mission or "").strip().upper(), {}).get(base, "")
    return (agenda, _REPORT_LINE[base]) if agenda else (_REPORT_LINE[base],)
