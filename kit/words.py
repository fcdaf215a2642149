"""Word frequencies: counts, n-grams, top terms, distinctive terms, keyword in context.

What a word is
--------------
Text is cut at whitespace, then each piece is split into words and punctuation:

* words are case-folded ("Ukraine" -> "ukraine"); curly apostrophes become straight;
* a possessive or contracted ``'s`` is dropped ("Defense Ministry's" -> "defense
  ministry", "it's" -> "it"); other contractions stay one word ("wasn't");
* hyphenated compounds stay one word ("full-blown"), as do dotted abbreviations
  ("U.S." -> "u.s") and numbers with separators ("1,000", "3.5");
* numbers (words without a letter: "2022", "14") are words for the totals but are
  left out of the counts unless ``numbers=True``;
* punctuation is not a word, but sentence and clause punctuation (``. , ; : ! ? — ( ) "``)
  ends a phrase, so an n-gram never spans it ("Ukraine. Instead" is no bigram). A full
  stop after an abbreviation or an initial ("St. Petersburg", "J. Smith") ends nothing.

Stopwords are scikit-learn's English list, minus a few content words it wrongly
holds (``kit/data/stopwords_keep.txt``: "bill", "fire", "interest", ...), plus the
English contractions (``kit/data/english_contractions.txt``). ``stopwords="news"``
also removes attribution and calendar words ("said", "told", "Tuesday";
``kit/data/news_stopwords.txt``). An n-gram is counted only when none of its words is
a stopword ("the defense ministry" gives the bigram "defense ministry" and nothing
else), as tidytext does, rather than gluing words across removed stopwords as
scikit-learn's ``CountVectorizer`` does.

Why not ``CountVectorizer`` itself
----------------------------------
The counts here are the same kind of document-term counts ``CountVectorizer`` makes,
but built column-wise: Apache Arrow splits every text at whitespace and
dictionary-encodes the pieces in C++, the rules above are applied once per distinct
piece (not once per occurrence), and counting is done on integer arrays with NumPy.
This is about three times faster than ``CountVectorizer().fit_transform`` on the same
texts (see ``benchmarks/bench_words.py``) and lets n-grams respect punctuation and
stopwords, which ``CountVectorizer`` cannot.

Every function takes the articles frame from :func:`kit.load_articles` (``article_id``
and ``text``; ``date`` for :func:`term_trend`) and returns a new tidy frame.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np
import pandas as pd

from kit.overview import auto_freq, period_start
from kit.text import read_word_list, require_columns

__all__ = [
    "distinctive_terms",
    "kwic",
    "log_odds",
    "stopword_list",
    "term_trend",
    "tokenize",
    "top_terms",
    "two_groups",
    "word_counts",
]

# Punctuation that ends a phrase (n-grams and phrase matches never span it).
_PHRASE_END = ".!?;:,()[]{}\"“”«»„‘—–…।॥،؛؟。、！？"
_WHITESPACE_TOKEN = re.compile(r"\S+")
_UNKNOWN = "(unknown)"
_BOUNDARY = 0  # the id of "end of phrase" in every token stream


# --------------------------------------------------------------------------- words


@lru_cache(maxsize=1)
def _piece_pattern() -> re.Pattern:
    """A piece of a whitespace-separated token: a word or a phrase-ending mark.

    A word is letters and digits (with their combining marks, so that Devanagari or
    decomposed accents stay whole), joined by hyphens, apostrophes, dots, or commas
    between digits. Anything else ("#", "/", "%", a closing apostrophe) is skipped.
    """
    marks, start = [], None
    for cp in range(0x20000):  # Python's \w leaves out combining marks (category M)
        is_mark = unicodedata.category(chr(cp))[0] == "M"
        if is_mark and start is None:
            start = cp
        elif not is_mark and start is not None:
            marks.append(f"\\U{start:08x}-\\U{cp - 1:08x}")
            start = None
    char = "[\\w" + "".join(marks) + "]"
    return re.compile(rf"({char}+(?:(?:[-'’.]|(?<=\d),(?=\d)){char}+)*)"
                      rf"|([{re.escape(_PHRASE_END)}]|-+)")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(w.lower() for w in read_word_list("abbreviations.txt"))


def _normal_word(piece: str) -> str:
    word = unicodedata.normalize("NFC", piece.casefold().replace("’", "'"))
    if word.endswith("'s") and len(word) > 2:
        word = word[:-2]
    return word


@lru_cache(maxsize=200_000)
def _pieces(raw: str) -> tuple[tuple[str | None, int, int], ...]:
    """Split one whitespace-free token into ``(word or None, start, end)`` items.

    ``None`` marks punctuation that ends a phrase.
    """
    out: list[tuple[str | None, int, int]] = []
    for m in _piece_pattern().finditer(raw):
        if m.group(1) is not None:
            out.append((_normal_word(m.group(1)), m.start(), m.end()))
            continue
        mark = m.group(2)
        if mark == "." and out and out[-1][0] is not None and out[-1][2] == m.start():
            prev = out[-1][0]
            # "St.", "Gen.", "J.", "U.S." do not end a sentence (as in kit.text).
            if prev in _abbreviations() or "." in prev or (len(prev) == 1 and prev.isalpha()):
                continue
        if out and out[-1][0] is None:
            continue  # one boundary is enough
        out.append((None, m.start(), m.end()))
    return tuple(out)


def tokenize(text: str, *, punctuation: bool = False) -> list[str]:
    """The words of ``text`` as the kit counts them (see the module docstring).

    Parameters
    ----------
    text : str
        Any text.
    punctuation : bool, default False
        Also return the phrase-ending punctuation, as ``"|"``.

    Returns
    -------
    list of str
        Case-folded words in text order (numbers and stopwords included).

    Examples
    --------
    >>> tokenize("The Defense Ministry's full-blown U.S. plan, in 2022.")
    ['the', 'defense', 'ministry', 'full-blown', 'u.s', 'plan', 'in', '2022']
    """
    out: list[str] = []
    for raw in _WHITESPACE_TOKEN.findall(text or ""):
        for word, _, _ in _pieces(raw):
            if word is not None:
                out.append(word)
            elif punctuation and (not out or out[-1] != "|"):
                out.append("|")
    return out


@lru_cache(maxsize=8)
def _stopword_set(choice: str) -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    keep = set(read_word_list("stopwords_keep.txt"))
    words = (set(ENGLISH_STOP_WORDS) - keep) | set(read_word_list("english_contractions.txt"))
    if choice == "news":
        words |= set(read_word_list("news_stopwords.txt"))
    return frozenset(words)


def stopword_list(stopwords: bool | str | Iterable[str] = True) -> frozenset[str]:
    """The set of words removed for a given ``stopwords`` option.

    Parameters
    ----------
    stopwords : bool, "english", "news" or iterable of str
        ``True``/``"english"``: scikit-learn's English list, minus
        ``kit/data/stopwords_keep.txt``, plus ``kit/data/english_contractions.txt``.
        ``"news"``: that, plus ``kit/data/news_stopwords.txt`` ("said", "told", ...).
        ``False``/``None``: nothing. An iterable: exactly those words (normalised
        like the text, so "Ministry's" means "ministry").

    Returns
    -------
    frozenset of str
    """
    if stopwords is None or stopwords is False:
        return frozenset()
    if stopwords is True or stopwords == "english":
        return _stopword_set("english")
    if stopwords == "news":
        return _stopword_set("news")
    if isinstance(stopwords, str):
        raise ValueError(f"unknown stopwords option {stopwords!r}; use True, False, 'english', 'news' "
                         "or a list of words")
    return frozenset(w for s in stopwords for w in tokenize(str(s)))


# --------------------------------------------------------------------- token stream


@dataclass
class _Stream:
    """Every article's words and phrase boundaries as integer ids, end to end."""

    ids: np.ndarray       # int32 per token; 0 = phrase boundary
    offsets: np.ndarray   # int64, len n_docs + 1: article i is ids[offsets[i]:offsets[i+1]]
    vocab: np.ndarray     # object array: vocab[id] is the word ("" for the boundary)
    number: np.ndarray    # bool per vocab id: the word has no letter

    @property
    def n_docs(self) -> int:
        return len(self.offsets) - 1

    def doc_of_tokens(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_docs, dtype=np.int32), np.diff(self.offsets))

    def words_per_doc(self) -> np.ndarray:
        """Words per article (every word, stopwords and numbers included)."""
        boundaries = np.flatnonzero(self.ids == _BOUNDARY)
        per_doc = np.bincount(np.searchsorted(self.offsets, boundaries, side="right") - 1,
                              minlength=self.n_docs)
        return np.diff(self.offsets) - per_doc[: self.n_docs]

    def excluded(self, stopwords, numbers: bool) -> np.ndarray:
        """Bool per vocab id: not counted (boundary, stopword, or number)."""
        stop = stopword_list(stopwords)
        out = np.fromiter((w in stop for w in self.vocab), dtype=bool, count=len(self.vocab))
        if not numbers:
            out |= self.number
        out[_BOUNDARY] = True
        return out


def _texts(articles: pd.DataFrame, what: str):
    """The articles' texts as an Arrow string array (missing text as "")."""
    import pyarrow as pa
    import pyarrow.compute as pc

    require_columns(articles, ["article_id", "text"], what=what)
    column = articles["text"]
    try:
        texts = pa.array(column, from_pandas=True)
        if not (pa.types.is_string(texts.type) or pa.types.is_large_string(texts.type)):
            raise TypeError
    except (TypeError, ValueError, pa.ArrowException):
        texts = pa.array([t if isinstance(t, str) else "" for t in column], type=pa.large_string())
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks() if texts.num_chunks else pa.array([], type=texts.type)
    texts = pc.fill_null(texts, "")
    empty = len(texts) - int(pc.sum(pc.match_substring_regex(texts, r"\S")).as_py() or 0)
    if empty:
        warnings.warn(f"{what}: {empty} of {len(texts)} articles have no text; they add no words",
                      stacklevel=3)
    return texts


#: Texts are cut into words in batches of about this many characters, which bounds
#: the memory Arrow needs at once (about 6 bytes per character of a batch).
_BATCH_CHARS = 4_000_000


def _batches(texts):
    """Slices of the Arrow array ``texts`` of about ``_BATCH_CHARS`` characters each."""
    import pyarrow.compute as pc

    if len(texts) == 0:
        yield texts
        return
    ends = np.cumsum(pc.utf8_length(texts).to_numpy(zero_copy_only=False), dtype=np.int64)
    cuts = np.searchsorted(ends, np.arange(_BATCH_CHARS, int(ends[-1]), _BATCH_CHARS), side="right")
    bounds = np.unique(np.concatenate([[0], cuts, [len(texts)]]))
    for a, b in zip(bounds[:-1], bounds[1:]):
        yield texts.slice(int(a), int(b - a))


def _stream(texts) -> _Stream:
    import pyarrow as pa
    import pyarrow.compute as pc

    index: dict[str, int] = {"": _BOUNDARY}   # word -> id, in order of first sight
    parts: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    for batch in _batches(texts):
        # Cut at ASCII whitespace in C++; other Unicode spaces (no-break space, ...)
        # are neither word characters nor punctuation, so _pieces splits at them.
        split = pc.ascii_split_whitespace(batch)
        raw_offsets = split.offsets.to_numpy().astype(np.int64)
        raw_offsets -= raw_offsets[0]
        encoded = split.flatten().dictionary_encode()
        del split
        # The word rules run once per distinct whitespace token, not per occurrence.
        flat: list[int] = []
        n_sub = np.zeros(len(encoded.dictionary) + 1, dtype=np.int32)
        for r, raw in enumerate(encoded.dictionary.to_pylist(), start=1):
            items = _pieces(raw)
            n_sub[r] = len(items)
            for word, _, _ in items:
                flat.append(_BOUNDARY if word is None else index.setdefault(word, len(index)))
        # Replace each whitespace token by its words and boundaries (a list take in C++).
        table = pa.ListArray.from_arrays(pa.array(np.cumsum(n_sub, dtype=np.int32)),
                                         pa.array(np.asarray(flat, dtype=np.int32), type=pa.int32()))
        taken = pc.take(table, encoded.indices)
        del encoded
        parts.append(taken.flatten().to_numpy(zero_copy_only=False).astype(np.int32, copy=False))
        token_offsets = taken.offsets.to_numpy().astype(np.int64)
        lengths.append(np.diff(token_offsets[raw_offsets]))
        del taken
    pa.default_memory_pool().release_unused()   # give Arrow's freed batches back to the system
    # Renumber the words in alphabetical order, so that sorting by id sorts by term.
    words = np.empty(len(index), dtype=object)
    words[:] = list(index)
    order = np.argsort(words[1:], kind="stable") + 1
    rank = np.zeros(len(words), dtype=np.int32)
    rank[order] = np.arange(1, len(words), dtype=np.int32)
    vocab = np.concatenate([words[:1], words[order]])
    ids = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
    del parts
    for a in range(0, len(ids), 1 << 20):   # in place, a slice at a time: no second copy
        ids[a : a + (1 << 20)] = rank[ids[a : a + (1 << 20)]]
    offsets = np.concatenate([[0], np.cumsum(np.concatenate(lengths), dtype=np.int64)])
    number = np.fromiter((not any(c.isalpha() for c in w) for w in vocab), dtype=bool, count=len(vocab))
    number[_BOUNDARY] = False
    return _Stream(ids=ids, offsets=offsets, vocab=vocab, number=number)


def _ngrams(stream: _Stream, n: int, excluded: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Countable n-grams: ``(doc index, term id, term vocab)`` per occurrence.

    An n-gram counts when all its words are counted words (no stopword, number or
    phrase boundary among them) and it lies inside one article.
    """
    ids = stream.ids
    ok = ~excluded[ids]
    if n == 1:
        return stream.doc_of_tokens()[ok], ids[ok], stream.vocab
    m = len(ids) - n + 1
    if m <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.empty(0, dtype=object)
    valid = ok[:m].copy()
    for k in range(1, n):
        valid &= ok[k : k + m]
    pos = np.flatnonzero(valid)
    doc = np.searchsorted(stream.offsets, pos, side="right") - 1
    same = (pos + n - 1) < stream.offsets[doc + 1]
    pos, doc = pos[same], doc[same]
    size = np.int64(len(stream.vocab))
    key = ids[pos].astype(np.int64)
    parts = [np.arange(len(stream.vocab), dtype=np.int64)]  # parts[k][code] = word id of k-th word
    for k in range(1, n):
        key, uniques = pd.factorize(key * size + ids[pos + k])
        prev, last = uniques // size, uniques % size
        parts = [p[prev] for p in parts] + [last]
    words = [stream.vocab[p] for p in parts]
    terms = words[0].astype(object)
    for w in words[1:]:
        terms = terms + " " + w
    order = np.argsort(terms, kind="stable")
    rank = np.empty(len(terms), dtype=np.int64)
    rank[order] = np.arange(len(terms))
    return doc, rank[key], terms[order]


def _count(unit: np.ndarray, term: np.ndarray, n_terms: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Occurrences per (unit, term), sorted by unit, then count (high first), then term."""
    if len(unit) == 0:
        z = np.zeros(0, dtype=np.int64)
        return z, z, z
    size = max(int(n_terms), 1)
    key = unit.astype(np.int64)
    key *= size
    key += term
    key, count = np.unique(key, return_counts=True)
    u, t = key // size, key % size
    top = int(count.max()) + 1
    order = np.argsort(u * top + (top - count), kind="stable")
    return u[order], t[order], count[order].astype(np.int64)


def _units(articles: pd.DataFrame, by: str | None) -> tuple[np.ndarray, np.ndarray, str]:
    """Unit code per article, unit labels, and the unit column's name."""
    if by is None:
        return np.arange(len(articles), dtype=np.int64), articles["article_id"].to_numpy(), "article_id"
    require_columns(articles, [by], what=f"grouping by {by!r}")
    values = articles[by]
    codes, labels = pd.factorize(values, sort=True)
    labels = np.asarray(labels, dtype=object)
    if (codes < 0).any():
        labels = np.concatenate([labels, np.array([_UNKNOWN], dtype=object)])
        codes = np.where(codes < 0, len(labels) - 1, codes)
    return codes.astype(np.int64), labels, by


def _check_ngram(ngram: int) -> int:
    if isinstance(ngram, bool) or not isinstance(ngram, (int, np.integer)) or ngram < 1:
        raise ValueError(f"ngram must be a whole number of words, 1 or more; got {ngram!r}")
    return int(ngram)


# ------------------------------------------------------------------------ the verbs


def word_counts(articles: pd.DataFrame, *, ngram: int = 1, stopwords: bool | str | Iterable[str] = True,
                numbers: bool = False, by: str | None = None) -> pd.DataFrame:
    """How often each word (or n-gram) occurs in each article or group of articles.

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id``, ``text``; and ``by`` if given).
    ngram : int, default 1
        1 for single words, 2 for bigrams ("defense ministry"), 3 for trigrams, ...
    stopwords : bool, "english", "news" or iterable of str, default True
        Words left out (see :func:`stopword_list`); an n-gram holding one is left out.
    numbers : bool, default False
        Count numbers ("2022") as terms.
    by : str, optional
        Count per value of this column (e.g. ``"outlet"``) instead of per article;
        missing values form the group ``"(unknown)"``, listed last.

    Returns
    -------
    DataFrame
        One row per unit and term: ``article_id`` (or the ``by`` column), ``term``,
        ``count``, ``share`` (count divided by the unit's words: every word, stopwords
        and numbers included, punctuation not). Sorted by unit (in article order, or
        by group value), then count (highest first), then term.
    """
    ngram = _check_ngram(ngram)
    texts = _texts(articles, "word_counts()")
    stream = _stream(texts)
    del texts
    excluded = stream.excluded(stopwords, numbers)
    codes, labels, column = _units(articles, by)
    words = np.bincount(codes, weights=stream.words_per_doc(), minlength=len(labels)) if len(codes) \
        else np.zeros(0)
    if ngram == 1 and by is None:
        u, t, c = _count_by_article(stream, excluded)
        terms = stream.vocab
    else:
        doc, term, terms = _ngrams(stream, ngram, excluded)
        u, t, c = _count(doc if by is None else codes[doc], term, len(terms))
        del doc, term
    del stream
    share = c / words[u] if len(u) else np.zeros(0)
    return pd.DataFrame({
        column: _categorical(labels, u),
        "term": _categorical(terms, t),
        "count": c,
        "share": share,
    })


#: Tokens counted at once by :func:`_count_by_article` (bounds its working memory).
_COUNT_CHUNK = 500_000


def _count_by_article(stream: _Stream, excluded: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Like ``_count(doc, term)`` for single words, a slice of articles at a time.

    Each article lies in one slice, so the slices' results, in article order, are the
    whole result; the working memory is that of one slice, not of the corpus.
    """
    offsets = stream.offsets
    n_docs = stream.n_docs
    cuts = np.searchsorted(offsets, np.arange(0, offsets[-1], _COUNT_CHUNK), side="left")
    bounds = np.unique(np.concatenate([cuts, [n_docs]])).clip(0, n_docs)
    bounds = np.unique(np.concatenate([[0], bounds]))
    parts_u, parts_t, parts_c = [], [], []
    for a, b in zip(bounds[:-1], bounds[1:]):
        ids = stream.ids[offsets[a]:offsets[b]]
        ok = ~excluded[ids]
        doc = np.repeat(np.arange(b - a, dtype=np.int64), np.diff(offsets[a:b + 1]))[ok]
        u, t, c = _count(doc, ids[ok], len(stream.vocab))
        del doc, ok
        parts_u.append((u + a).astype(np.int32))
        parts_t.append(t.astype(np.int32))
        parts_c.append(c.astype(np.int32))
        del u, t, c
    if not parts_u:
        z = np.zeros(0, dtype=np.int64)
        return z, z, z
    out = []
    for parts in (parts_u, parts_t, parts_c):   # one column at a time, freeing its parts
        out.append(np.concatenate(parts))
        parts.clear()
    return out[0], out[1], out[2].astype(np.int64)


def _categorical(values: np.ndarray, codes: np.ndarray):
    """``values[codes]`` as a pandas Categorical holding only the values used (an
    integer per row instead of a string), or as objects when ``values`` repeat."""
    if len(codes) == 0:
        return np.empty(0, dtype=object)
    present = np.bincount(codes, minlength=len(values)) > 0
    used = np.flatnonzero(present)
    position = np.cumsum(present, dtype=np.int32) - 1
    local = position[codes]
    del present, position
    categories = values[used]
    if pd.Index(categories).has_duplicates or pd.isna(categories).any():
        return values[codes]
    return pd.Categorical.from_codes(local, categories=pd.Index(categories, dtype=object))


def top_terms(articles: pd.DataFrame, *, n: int = 20, by: str | None = None, ngram: int = 1,
              stopwords: bool | str | Iterable[str] = True, numbers: bool = False) -> pd.DataFrame:
    """The most frequent terms of the corpus, or of each group of articles.

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id``, ``text``; and ``by`` if given).
    n : int, default 20
        Terms per group (ties at the cut are broken alphabetically).
    by : str, optional
        A column to group by (e.g. ``"outlet"``); ``None`` for the whole corpus.
    ngram, stopwords, numbers
        As in :func:`word_counts`.

    Returns
    -------
    DataFrame
        Columns (``by``,) ``rank`` (1 = most frequent), ``term``, ``count``, ``share``
        (of the group's words, as in :func:`word_counts`), ``articles`` (how many
        articles use the term).
    """
    ngram = _check_ngram(ngram)
    texts = _texts(articles, "top_terms()")
    stream = _stream(texts)
    doc, term, terms = _ngrams(stream, ngram, stream.excluded(stopwords, numbers))
    if by is None:
        codes, labels = np.zeros(len(articles), dtype=np.int64), np.array(["(all)"], dtype=object)
    else:
        codes, labels, _ = _units(articles, by)
    words = np.bincount(codes, weights=stream.words_per_doc(), minlength=len(labels)) if len(codes) \
        else np.zeros(0)
    # per article first (for the article counts), then per group
    d, t, c = _count(doc, term, len(terms))
    frame = pd.DataFrame({"g": codes[d] if len(d) else d, "t": t, "count": c})
    agg = frame.groupby(["g", "t"], sort=True).agg(count=("count", "sum"), articles=("count", "size"))
    agg = agg.reset_index().sort_values(["g", "count", "t"], ascending=[True, False, True], kind="stable")
    agg = agg.groupby("g", sort=False).head(n).copy()
    agg["rank"] = agg.groupby("g", sort=False).cumcount() + 1
    out = pd.DataFrame({
        "rank": agg["rank"].to_numpy(dtype=np.int64),
        "term": terms[agg["t"].to_numpy()] if len(agg) else np.empty(0, dtype=object),
        "count": agg["count"].to_numpy(dtype=np.int64),
        "share": agg["count"].to_numpy() / words[agg["g"].to_numpy()] if len(agg) else np.zeros(0),
        "articles": agg["articles"].to_numpy(dtype=np.int64),
    })
    if by is not None:
        out.insert(0, by, labels[agg["g"].to_numpy()] if len(agg) else np.empty(0, dtype=object))
    return out


def log_odds(y_i: np.ndarray, y_j: np.ndarray, alpha: np.ndarray, *, n_i=None, n_j=None,
             a0=None) -> tuple[np.ndarray, np.ndarray]:
    """Weighted log-odds ratio with an informative Dirichlet prior, and its z-score.

    Monroe, Colaresi and Quinn (2008), "Fightin' Words", eqs. 16, 18-20::

        delta_w = log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - log((y_j + a_w) / (n_j + a0 - y_j - a_w))
        var(delta_w) ~ 1 / (y_i + a_w) + 1 / (y_j + a_w)
        z_w = delta_w / sqrt(var(delta_w))

    with ``n_i = sum(y_i)``, ``n_j = sum(y_j)``, ``a0 = sum(a)`` unless given.

    Parameters
    ----------
    y_i, y_j : array of int
        Counts of each word in group i and in group j (same word order).
    alpha : array of float
        Prior pseudo-counts per word (positive).
    n_i, n_j, a0 : float or array, optional
        The group totals and the prior's total, when ``y_i``, ``y_j`` and ``alpha``
        hold only some of the words (arrays broadcast against the counts).

    Returns
    -------
    (delta, z) : arrays of float
    """
    y_i, y_j, alpha = (np.asarray(a, dtype=np.float64) for a in (y_i, y_j, alpha))
    n_i = y_i.sum() if n_i is None else n_i
    n_j = y_j.sum() if n_j is None else n_j
    a0 = alpha.sum() if a0 is None else a0
    delta = (np.log((y_i + alpha) / (n_i + a0 - y_i - alpha))
             - np.log((y_j + alpha) / (n_j + a0 - y_j - alpha)))
    z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
    return delta, z


def _benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values) of ``p``."""
    m = len(p)
    if m == 0:
        return np.zeros(0)
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(q, 1.0)
    return out


#: Permuted label sets scored at once (bounds memory to about this x terms x 8 bytes x 4).
_PERMUTATION_BATCH = 64


def _permutation_p(rates, codes: np.ndarray, group: int, permutations: int, rng) -> np.ndarray:
    """One-sided permutation p-value per term for "the group's articles use it more".

    The statistic is the mean over the group's articles of the term's share of the
    article's counted terms (every article weighs the same, however long). The group
    labels of whole articles are shuffled ``permutations`` times; the p-value is the
    share of shuffles, counting the observed labels, whose statistic is at least the
    observed one. With the group size fixed, comparing sums is comparing means.
    """
    from scipy import sparse

    n_docs = rates.shape[0]
    observed = np.asarray(rates[codes == group].sum(axis=0)).ravel()
    tol = 1e-9 * np.maximum(np.abs(observed), 1e-12)
    exceed = np.zeros(rates.shape[1], dtype=np.int64)
    done = 0
    while done < permutations:
        b = min(_PERMUTATION_BATCH, permutations - done)
        # b shuffles of the labels; row r marks the articles that shuffle r puts in the group
        member = codes[np.argsort(rng.random((b, n_docs)), axis=1)] == group
        rows, cols = np.nonzero(member)
        g = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(b, n_docs))
        sums = (g @ rates).toarray()
        exceed += (sums >= observed[None, :] - tol).sum(axis=0)
        done += b
    return (exceed + 1) / (permutations + 1)


def distinctive_terms(articles: pd.DataFrame, *, by: str, ngram: int = 1,
                      stopwords: bool | str | Iterable[str] = True, numbers: bool = False,
                      prior: float | str | None = None, n: int | None = None, min_articles: int = 3,
                      permutations: int = 1000, alpha: float = 0.05, random_state: int = 0) -> pd.DataFrame:
    """The terms that set each group of articles apart from the others.

    Each group is compared with all other articles together (for two groups, with
    the other group) by the weighted log-odds ratio with an informative Dirichlet
    prior (Monroe, Colaresi and Quinn 2008; see :func:`log_odds`), and each term's
    z-score is judged against shuffles of whole articles between the groups.

    The prior's word shares are the corpus-wide shares; its total weight ``a0`` is,
    by default, the mean length of an article in counted terms (a few hundred
    pseudo-words), so each term's estimate is pulled towards its corpus share by about
    one article's worth of evidence. With that prior a word found in only one group
    gets a large ``log_odds`` (the same for every such word, as the prior is
    proportional to the corpus counts), and its ``z`` grows with how often it occurs.

    The z-score of the formula treats every word as an independent draw, but words
    cluster in articles (one article about a Linux release says "Linux" 187 times),
    so ``|z| > 1.96`` is passed by chance far more often than 5 % of the time. The
    ``p_value`` is therefore a permutation test over articles: the group labels of
    whole articles are shuffled ``permutations`` times and ``p_value`` is the share
    of shuffles (counting the observed one) in which the term's z is at least the
    observed z. ``q_value`` adjusts it for the number of terms tested in the group
    (Benjamini-Hochberg), and a term **passes** when ``q_value <= alpha`` and it is
    used more in the group (``log_odds > 0``): in expectation at most ``alpha`` of
    the terms that pass do so by chance.

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id``, ``text`` and ``by``).
    by : str
        The column whose values form the groups (outlet, period, any label).
        Articles with a missing value are left out, with a warning.
    ngram, stopwords, numbers
        As in :func:`word_counts`.
    prior : float or "corpus", optional
        The prior's total weight ``a0`` (pseudo-words); each term gets
        ``a_w = a0 * corpus count / corpus total``. Default: the mean number of
        counted terms per article. ``"corpus"``: the corpus total, so ``a_w`` is
        the term's corpus count (tidylo's choice; it squeezes ``log_odds`` into a
        narrow band and ties every one-group word).
    n : int, optional
        Keep only the ``n`` highest-z terms per group.
    min_articles : int, default 3
        Leave out terms used in fewer articles than this (all groups together).
    permutations : int, default 1000
        Shuffles of the group labels for ``p_value``; 0 skips the test (``p_value``,
        ``q_value`` are NaN and nothing passes).
    alpha : float, default 0.05
        The false discovery rate for ``passes``.
    random_state : int, default 0
        Seed of the shuffles (the same seed gives the same p-values).

    Returns
    -------
    DataFrame
        One row per group and term: ``by``, ``term``, ``count`` (in the group),
        ``count_other`` (in the other groups), ``log_odds`` (delta, natural log),
        ``z``, ``n_articles`` (articles of the group using the term),
        ``n_articles_other``, ``p_value``, ``q_value``, ``passes``. Sorted by
        group, then z (highest first), then term. ``attrs``: ``prior`` (``a0``),
        ``permutations``, ``alpha``, ``min_articles``.

    Raises
    ------
    ValueError
        When ``by`` has fewer than two groups.
    """
    from scipy import sparse

    ngram = _check_ngram(ngram)
    if isinstance(min_articles, bool) or not isinstance(min_articles, (int, np.integer)) or min_articles < 1:
        raise ValueError(f"min_articles must be a whole number, 1 or more; got {min_articles!r}")
    if isinstance(permutations, bool) or not isinstance(permutations, (int, np.integer)) or permutations < 0:
        raise ValueError(f"permutations must be a whole number, 0 or more; got {permutations!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")
    require_columns(articles, ["article_id", "text", by], what="distinctive_terms()")
    present = articles[by].notna().to_numpy()
    if not present.all():
        warnings.warn(f"distinctive_terms(): {int((~present).sum())} articles have no {by!r} and are left out",
                      stacklevel=2)
        articles = articles.loc[present]
    codes, labels = pd.factorize(articles[by], sort=True)
    labels = np.asarray(labels, dtype=object)
    if len(labels) < 2:
        found = f"only {labels[0]!r}" if len(labels) else "no values"
        raise ValueError(f"distinctive_terms() compares groups of articles, but column {by!r} has {found}; "
                         "it needs at least two different values (e.g. two outlets, or two periods)")
    texts = _texts(articles, "distinctive_terms()")
    stream = _stream(texts)
    doc, term, terms = _ngrams(stream, ngram, stream.excluded(stopwords, numbers))
    n_docs = len(codes)
    d, t, c = _count(doc, term, len(terms))                  # sparse (article, term, count)
    x_all = sparse.csr_matrix((c.astype(np.float64), (d, t)), shape=(n_docs, len(terms)))
    lengths_all = np.asarray(x_all.sum(axis=1)).ravel()
    corpus = lengths_all.sum()
    docs_per_term = np.bincount(t, minlength=len(terms))
    used = np.flatnonzero(docs_per_term >= min_articles)
    x = x_all[:, used].tocsc().tocsr()
    present_x = x.copy()
    present_x.data[:] = 1.0
    total = np.asarray(x.sum(axis=0)).ravel()
    share = np.asarray(x_all.sum(axis=0)).ravel()[used] / max(corpus, 1)
    if prior is None:
        a0 = corpus / max(n_docs, 1)
    elif isinstance(prior, str):
        if prior != "corpus":
            raise ValueError(f"prior must be a positive number or 'corpus', got {prior!r}")
        a0 = float(corpus)
    else:
        a0 = float(prior)
    if not a0 > 0:
        raise ValueError(f"prior must be positive, got {prior!r}")
    # The prior covers every counted term (also those left out by min_articles), so
    # a0 is its total weight whatever min_articles is.
    alpha_w = a0 * share
    n_all = float(corpus)
    rng = np.random.default_rng(random_state)
    has_words = lengths_all > 0      # articles without a counted term take no part in the test
    rates = sparse.diags(1.0 / lengths_all[has_words]) @ x[has_words]
    rates = rates.tocsr()
    onehot = sparse.csr_matrix((np.ones(n_docs), (codes, np.arange(n_docs))), shape=(len(labels), n_docs))
    counts = np.asarray((onehot @ x).todense())
    in_articles = np.asarray((onehot @ present_x).todense()).astype(np.int64)
    articles_total = in_articles.sum(axis=0)
    frames = []
    for k, label in enumerate(labels):
        y_i = counts[k]
        y_j = total - y_i
        n_i = float(lengths_all[codes == k].sum())
        delta, z = log_odds(y_i, y_j, alpha_w, n_i=n_i, n_j=n_all - n_i, a0=a0)
        if permutations and len(used):
            p = _permutation_p(rates, codes[has_words], k, permutations, rng)
            q = _benjamini_hochberg(p)
        else:
            p = q = np.full(len(used), np.nan)
        part = pd.DataFrame({by: np.repeat(np.array([label], dtype=object), len(used)),
                             "term": terms[used], "count": y_i.astype(np.int64),
                             "count_other": y_j.astype(np.int64), "log_odds": delta, "z": z,
                             "n_articles": in_articles[k], "n_articles_other": articles_total - in_articles[k],
                             "p_value": p, "q_value": q, "passes": (q <= alpha) & (delta > 0)})
        part = part.sort_values(["z", "term"], ascending=[False, True], kind="stable")
        frames.append(part.head(n) if n is not None else part)
    out = pd.concat(frames, ignore_index=True)
    out.attrs.update(prior=a0, permutations=int(permutations), alpha=alpha, min_articles=int(min_articles))
    return out


def two_groups(articles: pd.DataFrame) -> pd.DataFrame:
    """Split a corpus into two groups worth comparing with :func:`distinctive_terms`.

    The first that the corpus allows: the two outlets with the most articles (ties
    broken by name); else the earlier and the later half of the dated articles (split
    at the median date); else the first and the second half of each article's
    paragraphs (one article, or all on one day, with one outlet or none).

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id``, ``text``; ``outlet`` and ``date``
        are used when present).

    Returns
    -------
    DataFrame
        The articles (or, for the paragraph split, the paragraphs from
        :func:`kit.text.paragraphs`) in the two groups, with a ``group`` column.
        ``attrs``: ``groups`` (the two labels, in order), ``basis`` (``"outlet"``,
        ``"date"`` or ``"paragraphs"``) and ``description`` (a sentence for a reader).
    """
    from kit.overview import count_by
    from kit.text import paragraphs

    require_columns(articles, ["article_id", "text"], what="two_groups()")
    if "outlet" in articles.columns and articles["outlet"].notna().any():
        outlets = count_by(articles.loc[articles["outlet"].notna()], "outlet")
        if len(outlets) >= 2:
            (a, n_a), (b, n_b) = outlets[["outlet", "articles"]].head(2).itertuples(index=False)
            out = articles.loc[articles["outlet"].isin([a, b])].assign(group=lambda f: f["outlet"])
            out.attrs.update(groups=[a, b], basis="outlet", description=(
                f"the two outlets with the most articles: {a} ({n_a}) and {b} ({n_b})"))
            return out
    dates = pd.to_datetime(articles["date"], errors="coerce") if "date" in articles.columns \
        else pd.Series(pd.NaT, index=articles.index)
    if dates.dropna().nunique() >= 2:
        cut = dates.median()
        if not (dates > cut).any():
            cut = dates[dates < cut].max()
        a, b = f"earlier (to {cut:%Y-%m-%d})", f"later (after {cut:%Y-%m-%d})"
        dated = dates.notna()
        out = articles.loc[dated].assign(group=np.where(dates[dated] <= cut, a, b))
        out.attrs.update(groups=[a, b], basis="date", description=(
            f"the earlier and the later half of the dated articles "
            f"({int((dates <= cut).sum())} and {int((dates > cut).sum())} articles)"))
        return out
    paras = paragraphs(articles)
    size = paras.groupby("article_id")["paragraph"].transform("size")
    a, b = "first half of paragraphs", "second half of paragraphs"
    out = paras.assign(group=np.where(paras["paragraph"] < size / 2, a, b))
    out.attrs.update(groups=[a, b], basis="paragraphs", description=(
        "the first and the second half of each article's paragraphs "
        "(the corpus has fewer than two outlets and fewer than two dates)"))
    return out


def _term_words(term: str) -> tuple[str, ...]:
    """The words of a search term; a word ending in ``*`` stands for any ending."""
    words: list[str] = []
    for part in str(term).split():
        found = tokenize(part.rstrip("*"))
        if found and part.endswith("*"):
            found[-1] += "*"
        words.extend(found)
    if not words:
        raise ValueError(f"{term!r} holds no word to look for")
    return tuple(words)


def _fits(pattern: str, word: str | None) -> bool:
    if word is None:
        return False
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def kwic(articles: pd.DataFrame, term: str, *, window: int = 8) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` with the words around it.

    Matching follows the counting rules (case-folded; "Defense Ministry" matches
    "defense ministry's"); a multi-word term matches only where its words follow
    each other without punctuation between them.

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id``, ``text``).
    term : str
        A word or phrase, e.g. ``"mobilization"`` or ``"Defense Ministry"``; a word
        ending in ``*`` matches any ending (``"mobili*"``).
    window : int, default 8
        Words of context on each side (within the article).

    Returns
    -------
    DataFrame
        One row per hit: ``article_id``, ``left``, ``match`` (as written in the
        text), ``right`` (context with whitespace collapsed), ``start``, ``end``
        (character offsets of the match in the article's text).
    """
    require_columns(articles, ["article_id", "text"], what="kwic()")
    if window < 0:
        raise ValueError(f"window must be 0 or more words, got {window!r}")
    target = _term_words(term)
    first = target[0].rstrip("*")
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        if not isinstance(text, str) or first not in unicodedata.normalize("NFC", text.casefold().replace("’", "'")):
            continue
        items: list[tuple[str | None, int, int]] = []
        for m in _WHITESPACE_TOKEN.finditer(text):
            base = m.start()
            items.extend((w, base + a, base + b) for w, a, b in _pieces(m.group()))
        word_pos = [i for i, it in enumerate(items) if it[0] is not None]
        k = len(target)
        for j in range(len(items) - k + 1):
            if not all(_fits(target[i], items[j + i][0]) for i in range(k)):
                continue
            start, end = items[j][1], items[j + k - 1][2]
            # context: `window` words each side, cut at word edges of the original text
            w0 = bisect.bisect_left(word_pos, j)
            left_from = items[word_pos[max(w0 - window, 0)]][1] if window and w0 > 0 else start
            w1 = bisect.bisect_left(word_pos, j + k)
            right_to = items[word_pos[min(w1 + window, len(word_pos)) - 1]][2] \
                if window and w1 < len(word_pos) else end
            # keep the punctuation that belongs to the last word of the right context
            right_end = right_to
            while right_end < len(text) and not text[right_end].isspace() and window:
                right_end += 1
            rows.append((article_id, " ".join(text[left_from:start].split()), text[start:end],
                         " ".join(text[end:right_end].split()), start, end))
    return pd.DataFrame(rows, columns=["article_id", "left", "match", "right", "start", "end"]).astype(
        {"start": "int64", "end": "int64"})


def term_trend(articles: pd.DataFrame, terms: str | Iterable[str], *, freq: str = "M") -> pd.DataFrame:
    """How often terms appear per period, as a share of all words in that period.

    Terms are matched like :func:`kwic` (case-folded, possessives dropped; a phrase
    counts where its words follow each other without punctuation between); stopwords
    are not removed here, so any word can be followed.

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id``, ``text``, ``date``). Undated
        articles are left out (their number is in ``attrs["undated"]``).
    terms : str or list of str
        Words or phrases, e.g. ``["mobilization", "defense ministry"]``; a word
        ending in ``*`` matches any ending (``"mobili*"`` counts every form).
    freq : str, default "M"
        Period length: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``, or ``"auto"``
        (see :func:`kit.overview.auto_freq`).

    Returns
    -------
    DataFrame
        One row per period and term: ``period`` (period start), ``term`` (as
        normalised), ``count``, ``words`` (all words in the period's articles),
        ``share`` (count / words; NaN for a period without articles). Every period
        from the first to the last is listed. ``attrs``: ``freq``, ``undated``.
    """
    require_columns(articles, ["article_id", "text", "date"], what="term_trend()")
    targets = [_term_words(t) for t in ([terms] if isinstance(terms, str) else list(terms))]
    if not targets:
        raise ValueError("term_trend() needs at least one term")
    dates = pd.to_datetime(articles["date"], errors="coerce")
    freq = auto_freq(dates) if freq == "auto" else freq
    dated = dates.notna().to_numpy()
    names = [" ".join(t) for t in dict.fromkeys(targets)]
    if not dated.any():
        out = pd.DataFrame({"period": pd.Series([], dtype="datetime64[ns]"), "term": pd.Series([], dtype=object),
                            "count": pd.Series([], dtype="int64"), "words": pd.Series([], dtype="int64"),
                            "share": pd.Series([], dtype="float64")})
        out.attrs.update(freq=freq, undated=int((~dated).sum()))
        return out
    sub = articles.loc[dated]
    stream = _stream(_texts(sub, "term_trend()"))
    starts = period_start(dates[dated], freq)
    alias = {"M": "MS", "Q": "QS", "Y": "YS", "A": "YS", "ME": "MS", "QE": "QS", "YE": "YS"}.get(freq, freq)
    periods = pd.date_range(starts.min(), starts.max(), freq="W-MON" if alias == "W" else alias)
    periods = periods.union(pd.DatetimeIndex(starts.unique()))
    p_code = periods.get_indexer(pd.DatetimeIndex(starts))
    words = np.bincount(p_code, weights=stream.words_per_doc(), minlength=len(periods)).astype(np.int64)
    ids = stream.ids
    vocab = pd.Series(stream.vocab[1:], dtype=object)
    rows = []
    for target in dict.fromkeys(targets):
        per_period = np.zeros(len(periods), dtype=np.int64)
        wanted = []  # per word of the term: which vocabulary ids it matches
        for w in target:
            fits = np.zeros(len(stream.vocab), dtype=bool)
            fits[1:] = vocab.str.startswith(w[:-1]).to_numpy(dtype=bool) if w.endswith("*") \
                else (vocab == w).to_numpy(dtype=bool)
            wanted.append(fits)
        k = len(target)
        if all(f.any() for f in wanted) and len(ids) >= k:
            m = len(ids) - k + 1
            hit = wanted[0][ids[:m]]
            for i in range(1, k):
                hit &= wanted[i][ids[i : i + m]]
            pos = np.flatnonzero(hit)
            doc = np.searchsorted(stream.offsets, pos, side="right") - 1
            pos_ok = (pos + k - 1) < stream.offsets[doc + 1]
            per_period = np.bincount(p_code[doc[pos_ok]], minlength=len(periods)).astype(np.int64)
        rows.append(pd.DataFrame({"period": periods.astype("datetime64[ns]"), "term": " ".join(target),
                                  "count": per_period, "words": words}))
    out = pd.concat(rows, ignore_index=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = np.where(out["words"] > 0, out["count"] / out["words"].where(out["words"] > 0, 1), np.nan)
    out = out.sort_values(["period", "term"], kind="stable").reset_index(drop=True)
    out.attrs.update(freq=freq, undated=int((~dated).sum()))
    return out
