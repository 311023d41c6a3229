"""Word splitting, normalization and stemming for concept matching, per language.

Concept matching (`drafting.checks.concepts`) compares *stems*, so every
language needs three things: how a text splits into words, which words carry
no meaning (stop words), and how inflected forms are brought together:

* en, fr, es, ru, ar: the Snowball stemmers (PyStemmer, kept by the Snowball
  project, in C), so "mobilisation"/"mobiliser" and "ротация"/"ротацией" meet
  without hand-kept suffix lists. The stem is taken from the word as written
  and folded afterwards (see `fold`).
* ar: diacritics and tatweel are dropped before stemming and letters unified
  when folding (أ إ آ → ا, ة → ه, ى → ي). Text words also get *variants* with
  a bare clitic (و، ف، ب، ل، ك) removed, because "وبعثة" must meet the term
  "بعثة" whatever Snowball makes of the prefix;
* zh: there are no spaces, so each run of Han characters becomes overlapping
  character bigrams ("资源调动" → 资源 源调 调动), leaving out the particles
  的 and 了 so that "未声明的限制条件" and "未声明限制条件" give the same
  bigrams. A space in a Chinese term ("安全局势 改善") marks where other
  characters may come between its parts (see `TERM_GAP` in `concepts`).
  Other languages keep whole words.

Stop-word lists are written naturally and folded when the module loads.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

import Stemmer  # PyStemmer: the Snowball stemmers in C

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

# Words whose Snowball stem would join an unrelated family, kept apart: an
# "operational" force is not an operation, the United Nations are no unit,
# objectives are not objections, and the French noun "relève" (rotation) is
# not "relever" (to note: "les lacunes relevées"). Keyed by the lowered word.
STEM_EXCEPTIONS: dict[str, dict[str, str]] = {
    "en": {"operational": "operational", "united": "united", "objective": "objective",
           "objectives": "objective"},
    "fr": {"relève": "releve", "relèves": "releve"},
}

# Snowball (through PyStemmer) for every language it covers; others keep
# their words whole. Stemmers are not thread-safe, so each thread gets its own.
_SNOWBALL_NAMES = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian",
                   "ar": "arabic"}
_local = threading.local()

# Arabic diacritics and tatweel: dropped before Snowball, which expects bare letters.
_AR_STRIP = dict.fromkeys(
    [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, 0x0640, *range(0x06D6, 0x06DD),
     *range(0x06DF, 0x06E5), 0x06E7, 0x06E8, *range(0x06EA, 0x06EE)]
)
_AR_CLITICS = tuple(fold(p) for p in ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"))


def _snowball(lang: str) -> Any:
    stemmers: dict[str, Any] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    found = stemmers.get(lang)
    if found is None:
        found = stemmers[lang] = Stemmer.Stemmer(_SNOWBALL_NAMES[lang])
    return found


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """The folded Snowball stem of `word`; languages without a stemmer keep it whole.

    `word` may be folded already or not: Snowball works best on the word as
    written (French accents, Arabic ة), so the stem is taken first and folded
    after. Numbers stay as they are.
    """
    if word.isdigit():
        return word
    base = base_language(lang)
    if base not in _SNOWBALL_NAMES:
        return fold(word)
    lowered = word.lower()
    kept = STEM_EXCEPTIONS.get(base, {}).get(lowered)
    if kept is not None:
        return kept
    if base == "ar":
        lowered = lowered.translate(_AR_STRIP)
    return fold(_snowball(base).stemWord(lowered))


@lru_cache(maxsize=65536)
def variants(word: str, lang: str) -> tuple[str, ...]:
    """Other stems a *text* word may stand for (Arabic bare clitics); often ()."""
    if base_language(lang) != "ar":
        return ()
    own = stem(word, lang)
    found: list[str] = []
    for clitic in _AR_CLITICS:
        rest = word[len(clitic):]
        if word.startswith(clitic) and len(rest) >= MIN_STEM:
            value = stem(rest, lang)
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
