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
from kit.text import _abbreviations, read_word_list, require_columns  # one list for both

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
_BATCH_CHARS = 8_000_000


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
    # Renumber the words in alphabetical order, so that sorting by id sorts by term.
    words = np.empty(len(index), dtype=object)
    words[:] = list(index)
    order = np.argsort(words[1:], kind="stable") + 1
    rank = np.zeros(len(words), dtype=np.int32)
    rank[order] = np.arange(1, len(words), dtype=np.int32)
    vocab = np.concatenate([words[:1], words[order]])
    ids = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
    del parts
    ids = rank[ids]
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
    doc, term, terms = _ngrams(stream, ngram, stream.excluded(stopwords, numbers))
    codes, labels, column = _units(articles, by)
    words = np.bincount(codes, weights=stream.words_per_doc(), minlength=len(labels)) if len(codes) \
        else np.zeros(0)
    u, t, c = _count(doc if by is None else codes[doc], term, len(terms))
    return pd.DataFrame({
        column: labels[u] if len(u) else np.empty(0, dtype=object),
        "term": terms[t] if len(t) else np.empty(0, dtype=object),
        "count": c,
        "share": c / words[u] if len(u) else np.zeros(0),
    })


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


def log_odds(y_i: np.ndarray, y_j: np.ndarray, alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted log-odds ratio with an informative Dirichlet prior, and its z-score.

    Monroe, Colaresi and Quinn (2008), "Fightin' Words", eqs. 16, 18-20::

        delta_w = log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - log((y_j + a_w) / (n_j + a0 - y_j - a_w))
        var(delta_w) ~ 1 / (y_i + a_w) + 1 / (y_j + a_w)
        z_w = delta_w / sqrt(var(delta_w))

    with ``n_i = sum(y_i)``, ``n_j = sum(y_j)``, ``a0 = sum(a)``.

    Parameters
    ----------
    y_i, y_j : array of int
        Counts of each word in group i and in group j (same word order).
    alpha : array of float
        Prior pseudo-counts per word (positive).

    Returns
    -------
    (delta, z) : arrays of float
    """
    y_i, y_j, alpha = (np.asarray(a, dtype=np.float64) for a in (y_i, y_j, alpha))
    n_i, n_j, a0 = y_i.sum(), y_j.sum(), alpha.sum()
    delta = (np.log((y_i + alpha) / (n_i + a0 - y_i - alpha))
             - np.log((y_j + alpha) / (n_j + a0 - y_j - alpha)))
    z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
    return delta, z


def distinctive_terms(articles: pd.DataFrame, *, by: str, ngram: int = 1,
                      stopwords: bool | str | Iterable[str] = True, numbers: bool = False,
                      prior: float | None = None, n: int | None = None) -> pd.DataFrame:
    """The terms that set each group of articles apart from the others.

    Each group is compared with all other articles together (for two groups, with
    the other group) by the weighted log-odds ratio with an informative Dirichlet
    prior (Monroe, Colaresi and Quinn 2008; see :func:`log_odds`). The prior's word
    shares are the corpus-wide shares, so a rare word needs many occurrences before
    it stands out; the z-score says how sure the difference is (|z| > 1.96 is the
    usual 95 % line).

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id``, ``text`` and ``by``).
    by : str
        The column whose values form the groups (outlet, period, any label).
        Articles with a missing value are left out, with a warning.
    ngram, stopwords, numbers
        As in :func:`word_counts`.
    prior : float, optional
        The prior's total weight ``a0`` (pseudo-words); each term gets
        ``a_w = a0 * corpus count / corpus total``. Default: the corpus total, so
        ``a_w`` is the term's corpus count (as tidylo does).
    n : int, optional
        Keep only the ``n`` highest-z terms per group.

    Returns
    -------
    DataFrame
        One row per group and term: ``by``, ``term``, ``count`` (in the group),
        ``count_other`` (in the other groups), ``log_odds`` (delta, natural log),
        ``z``. Sorted by group, then z (highest first), then term.

    Raises
    ------
    ValueError
        When ``by`` has fewer than two groups.
    """
    ngram = _check_ngram(ngram)
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
    g = codes[doc].astype(np.int64)
    n_terms = len(terms)
    u, t, c = _count(g, term, n_terms)                      # sparse (group, term, count)
    total = np.bincount(t, weights=c, minlength=n_terms).astype(np.int64)
    used = np.flatnonzero(total > 0)
    position = np.full(n_terms, -1, dtype=np.int64)
    position[used] = np.arange(len(used))
    total = total[used]
    corpus = total.sum()
    a0 = float(corpus if prior is None else prior)
    if not a0 > 0:
        raise ValueError(f"prior must be positive, got {prior!r}")
    alpha = a0 * total / max(corpus, 1)
    starts = np.searchsorted(u, np.arange(len(labels) + 1))
    frames = []
    for k, label in enumerate(labels):
        y_i = np.zeros(len(used), dtype=np.int64)           # one group at a time: memory ~ terms
        y_i[position[t[starts[k] : starts[k + 1]]]] = c[starts[k] : starts[k + 1]]
        y_j = total - y_i
        delta, z = log_odds(y_i, y_j, alpha)
        part = pd.DataFrame({by: np.repeat(np.array([label], dtype=object), len(used)),
                             "term": terms[used], "count": y_i, "count_other": y_j, "log_odds": delta, "z": z})
        part = part.sort_values(["z", "term"], ascending=[False, True], kind="stable")
        frames.append(part.head(n) if n is not None else part)
    return pd.concat(frames, ignore_index=True)


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
