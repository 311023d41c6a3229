"""Word splitting, normalization and light stemming for cue matching, per language.

Cue matching (`drafting.checks.cues`) compares *stems*, so every language needs
three things: how a text splits into words, which words carry no meaning
(stop words), and how inflected forms are brought together. The rules here are
deliberately light — a few dozen suffixes per language — because a stem only
has to agree between a template's cue and a writer's sentence, not be a real
root:

* en, fr, es, ru: the longest listed suffix that leaves at least `MIN_STEM`
  characters is removed (Russian first drops the reflexive -ся/-сь);
* ar: letters are normalized (diacritics and tatweel removed, أ إ آ → ا,
  ة → ه, ى → ي), the article with its clitics (ال، وال، بال، لل…) and common
  suffixes (ات، ون، ين، ها، ة…) are removed. Text words also get *variants*
  with a bare clitic (و، ف، ب، ل، ك) removed, because "وبعثة" must meet the cue
  "بعثة" while "فريق" must not lose its first letter in a cue;
* zh: there are no spaces, so each run of Han characters becomes overlapping
  character bigrams ("资源调动" → 资源 源调 调动), leaving out the particles
  的 and 了 so that "未声明的限制条件" and "未声明限制条件" give the same
  bigrams. A space in a Chinese cue ("安全局势 改善") marks where other
  characters may come between its parts (see `MAX_GAP` in the cue matcher).
  Other languages keep whole words.

All suffix and stop-word lists are written naturally and folded (see `fold`)
when the module loads, so "ий" is stored as the folded "ии".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MIN_STEM = 3

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# Arabic diacritics (harakat, shadda, dagger alef) are combining marks, not word
# characters, so WORD_RE would cut "المَوارِد" into pieces; let them join words.
_AR_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
_AR_WORD_RE = re.compile(f"(?:[^\\W_]|[{_AR_MARKS}])+", re.UNICODE)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_SPLIT_RE = re.compile(f"([{_HAN}]+)")
# Particles that glue Chinese phrases together; a cue may have them or not.
_ZH_PARTICLES_RE = re.compile("[的了]")

# Ligatures NFKD leaves alone, and Arabic letters written several ways.
_FOLD_TABLE = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss",
     "\u0640": "", "ة": "ه", "ى": "ي"}
)


def fold(word: str) -> str:
    """Accent-free, casefolded form of `word` ("Sécurité" → "securite").

    NFKD also takes the hamza off أ إ آ ؤ ئ and drops Arabic diacritics; the
    table adds tatweel removal, ة → ه and ى → ي. Russian й and ё fold to и
    and е, on both sides of a comparison alike.
    """
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD_TABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def base_language(lang: str) -> str:
    """"fr-CA" → "fr"; the rules are per language, not per region."""
    return lang.replace("_", "-").split("-", 1)[0].lower()


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in text.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        """a an the of and or in on at to for by with from as into onto its their his her
        is are was were be been being has have had this that these those it which who whom
        whose than then there also such not no any all s"""
    ),
    "fr": _words(
        """le la les l de des du d un une et ou en au aux a pour par sur dans avec ses son
        sa leur leurs ce cet cette ces qui que qu est sont ont se s il elle ils elles ne n
        y dont ainsi lui eux mais donc car tout tous toute toutes"""
    ),
    "es": _words(
        """el la los las lo le les de del al a y e o u en por para con sin un una unos unas
        que se su sus es son ha han fue fueron como este esta estos estas ese esa esos esas
        cual cuales quien sobre entre también tan muy ya no ni pero sino"""
    ),
    "ru": _words(
        """и в во на с со по к ко о об обо от до из за для при а но или либо не ни что
        чтобы как его её ее их это этот эта эти этого этой этих был была были было быть
        также который которая которое которые которого которой которых же ли бы у так"""
    ),
    "ar": _words(
        """في من على إلى الى عن مع أو او ما لا لم لن أن إن ان التي الذي الذين اللذين هذا
        هذه ذلك تلك هؤلاء كما قد لقد كان كانت يكون بين عند حيث ثم أي كل بعض خلال وفي
        ومن وعلى وإلى وعن ومع وقد وكان وهو وهي هو هي هم"""
    ),
}

_SUFFIX_LISTS: dict[str, tuple[str, ...]] = {
    "en": (
        "izations", "isations", "ization", "isation", "ational", "fulness", "iveness",
        "ments", "ment", "ations", "ation", "itions", "ition", "ions", "ion", "ities",
        "ity", "izing", "ising", "ized", "ised", "izes", "ises", "ize", "ise", "ings",
        "ing", "ively", "ive", "ies", "ied", "ness", "ally", "ly", "ers", "er", "ed",
        "ances", "ance", "ences", "ence", "es", "e", "s",
    ),
    "fr": (
        "issements", "issement", "isations", "isation", "ations", "ation", "itions",
        "ition", "ements", "ement", "ments", "ment", "ations", "ites", "ite", "euses",
        "euse", "eux", "ives", "ive", "ifs", "if", "ions", "ion", "ances", "ance",
        "ences", "ence", "ables", "able", "iques", "ique", "istes", "iste", "aires",
        "aire", "elles", "elle", "els", "el", "eurs", "eur", "rices", "rice", "ees",
        "ee", "es", "er", "ez", "ent", "ant", "e", "s", "x", "iser", "isent", "isant",
        "isees", "isee", "ises", "ise", "isons", "isez",
    ),
    # -ción/-ciones and the verb endings meet on one stem: movilización,
    # movilizaciones, movilizar → moviliz.
    "es": (
        "aciones", "ación", "iciones", "ición", "uciones", "ución", "ciones", "ción",
        "amientos", "amiento", "imientos", "imiento", "mente", "idades", "idad",
        "ables", "able", "ibles", "ible", "istas", "ista", "ivos", "ivas", "ivo", "iva",
        "adores", "adoras", "ador", "adora", "ando", "iendo", "ados", "adas", "ado", "ada",
        "idos", "idas", "ido", "ida", "aron", "ieron", "aban", "aba", "ar", "er", "ir",
        "es", "os", "as", "s", "o", "a", "e",
    ),
    # case endings of nouns and adjectives, and the commonest verb endings
    "ru": (
        "иями", "ями", "ами", "иях", "ях", "ах", "иям", "ям", "ам", "ией", "ией", "ия",
        "ие", "ии", "ию", "ий", "ье", "ья", "ьи", "ью", "ьей",
        "ого", "его", "ому", "ему", "ыми", "ими", "ых", "их", "ым", "им", "ая", "яя",
        "ое", "ее", "ые", "ую", "юю", "ый", "ой", "ей", "ов", "ев", "ом", "ем", "ою", "ею",
        "ать", "ять", "ить", "еть", "ть", "ти", "ет", "ют", "ут", "ит", "ят", "ат",
        "ала", "ало", "али", "ила", "ило", "или", "ла", "ло", "ли",
        "ены", "ена", "ено",
        "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
    ),
}
SUFFIXES: dict[str, tuple[str, ...]] = {
    lang: tuple(sorted({fold(s) for s in items}, key=len, reverse=True))
    for lang, items in _SUFFIX_LISTS.items()
}
_RU_REFLEXIVE = ("ся", "сь")

# Arabic clitic chains that end with the article: و/ف, then ب/ك/ل, then ال
# (ل + ال is written لل). Longest first.
_AR_ARTICLES = tuple(
    sorted(
        {fold(p) for p in ("ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "وكال",
                           "لل", "ولل", "فلل")},
        key=len, reverse=True,
    )
)
_AR_CLITICS = tuple(fold(p) for p in ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"))
_AR_SUFFIXES = tuple(
    sorted(
        {fold(s) for s in ("يات", "يين", "ات", "ون", "ين", "ان", "ها", "هم", "ية", "ة", "ي")},
        key=len, reverse=True,
    )
)


def _strip_suffix(word: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def _arabic_stem(word: str) -> str:
    for prefix in _AR_ARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix):]
            break
    return _strip_suffix(word, _AR_SUFFIXES)


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """A light stem of an already folded word; unknown languages keep it whole."""
    if word.isdigit():
        return word
    lang = base_language(lang)
    if lang == "ar":
        return _arabic_stem(word)
    suffixes = SUFFIXES.get(lang)
    if not suffixes:
        return word
    if lang == "ru":
        for reflexive in _RU_REFLEXIVE:
            if word.endswith(reflexive) and len(word) - 2 >= MIN_STEM + 1:
                word = word[:-2]
                break
    return _strip_suffix(word, suffixes)


@lru_cache(maxsize=65536)
def variants(word: str, lang: str) -> tuple[str, ...]:
    """Other stems a folded *text* word may stand for (Arabic bare clitics); often ()."""
    if base_language(lang) != "ar":
        return ()
    own = _arabic_stem(word)
    found: list[str] = []
    for clitic in _AR_CLITICS:
        rest = word[len(clitic):]
        if word.startswith(clitic) and len(rest) >= MIN_STEM:
            value = _arabic_stem(rest)
            if value != own and value not in found:
                found.append(value)
    return tuple(found)


def is_stopword(folded: str, lang: str) -> bool:
    """Whether a folded word carries no meaning for matching in `lang`."""
    return folded in STOPWORDS.get(base_language(lang), frozenset())


def word_pattern(lang: str) -> re.Pattern[str]:
    """The regular expression that finds the words of a text in `lang`."""
    return _AR_WORD_RE if base_language(lang) == "ar" else WORD_RE


def splits_words(lang: str) -> bool:
    """Whether `lang` needs `split_words` (no spaces between words)."""
    return base_language(lang) == "zh"


def split_words(text: str) -> list[tuple[str, int, int]]:
    """Words of `text` with their offsets, Han runs cut into character bigrams."""
    out: list[tuple[str, int, int]] = []
    for m in WORD_RE.finditer(text):
        word, offset = m.group(0), m.start()
        for piece in _HAN_SPLIT_RE.split(word):
            if not piece:
                continue
            if not _HAN_SPLIT_RE.fullmatch(piece):
                out.append((piece, offset, offset + len(piece)))
            else:
                _han_bigrams(piece, offset, out)
            offset += len(piece)
    return out


def _han_bigrams(run: str, offset: int, out: list[tuple[str, int, int]]) -> None:
    # particles are left out, and the characters on either side of one become
    # neighbours, so a cue matches with or without them
    kept = [i for i, c in enumerate(run) if not _ZH_PARTICLES_RE.match(c)]
    if len(kept) == 1:
        i = kept[0]
        out.append((run[i], offset + i, offset + i + 1))
    for a, b in zip(kept, kept[1:], strict=False):
        out.append((run[a] + run[b], offset + a, offset + b + 1))
