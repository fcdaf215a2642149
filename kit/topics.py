"""Topic mix: which topics each article mixes, and in what proportions.

Two approaches, both giving one row per article with proportions that sum to 1:

- :func:`topic_model` finds topics in the corpus itself (NMF on TF-IDF weights, or
  LDA on word counts, from scikit-learn) and returns a :class:`TopicModel` holding
  the fitted state: the mix per article, the top terms and a short label per topic,
  and :meth:`TopicModel.transform` to apply the model to new articles.
- :func:`keyword_topics` measures a researcher's own topics, given as a codebook (a
  mapping from topic name to keywords and phrases, as in content analysis), by
  counting keyword matches; :func:`keyword_matches` lists every match with its
  offsets so each count can be checked in the text.

Choosing the number of topics (``n_topics=None``)
-------------------------------------------------
Models with k = 2, 3, ..., ``min(12, n_documents // 2)`` topics are fitted and each
gets a score: the mean over its topics of

    coherence - overlap

*Coherence* (:func:`topic_coherence`) is the mean NPMI (normalised pointwise mutual
information, Bouma 2009; used for topic coherence by Lau, Newman & Baldwin 2014)
between each pair of a topic's top 10 terms, co-occurrence counted per document in
the fitting documents: -1 for a pair never seen together, +1 for a pair always
together. *Overlap* (:func:`topic_overlap`) is the largest mean NPMI between the top
5 terms of the topic and those of any other topic, floored at 0. A *narrow* topic,
one that holds at least :data:`TOPIC_SHARE` (20 %) of fewer than
:data:`MIN_TOPIC_ARTICLES` (3) documents, scores 0 instead of its coherence: its words
share one or two documents, so they are trivially "coherent", and without this rule
the score keeps rising as k grows and topics shrink to single articles. Then the
**largest k whose score is within** :data:`K_TOLERANCE` **(0.02) of the best** is
chosen. When that is the largest candidate, the range is widened (up to twice, in
about six steps, while there are three documents per topic) until the choice falls
inside it; if it still ends on the top, a warning says so and
``selection.attrs["edge"]`` is True. A given ``k_range`` is never widened.

Why: with too few topics, a topic must hold words from unrelated subjects that
seldom share a document, and coherence drops. With too many, one subject splits into
fragments that are each coherent but share their documents, so overlap rises. Between
the two, coherence alone cannot tell k from k - 1 when k - 1 topics simply leave one
subject out (each remaining topic is still coherent); the tie then goes to the
larger k. The tolerance and the overlap term were set on 27 generated corpora (2 to 6
vocabularies of :data:`kit.synth.TOPIC_WORDS`, one or two per article), where the
rule found the true number 27 times; tests/test_topics.py checks it on four of them.
Real news has no true number of topics: on the 124 Wikinews articles of 2020 the
rule without the narrow-topic term chose 12, the top of its range, with the score
still rising (and 24 of a 2-25 range, several topics of three articles or fewer);
with it, it chooses 10 inside the 2-12 range, every topic carried by 3 or more
articles. Treat the choice as a starting point and look at :attr:`TopicModel.selection_`.

*Stability*: the chosen model's topics are looked for again in two models refitted
from random starts (``topics_["stability"]``: the cosine between a topic's term
weights and the nearest refitted topic's; ``selection_.attrs["stability"]``, their
mean). On the Wikinews articles the mean is 0.88; a topic below about 0.5 (there
"navalny, berlin, omsk", carried by three articles: 0.41) depends on the start.

*Cost*: candidates are compared on a seeded sample of at most
:data:`SELECTION_SAMPLE` (500) documents with cheaper fits (at most
:data:`SEARCH_MAX_ITER` (100) iterations, tolerance 1e-3); the final model is then
fitted on all documents with the full settings (the search fits run in single
precision, which gives the same scores to the third decimal). On a sample of 2,000
articles of real paragraphs, choosing k (18) costs about 3.2 times one fit at a fixed k
(``benchmarks/run.py``).

NMF or LDA
----------
Prefer NMF (the default). On the Wikinews articles at k = 10 the NMF topics'
coherence is 0.57 against 0.28 for LDA (0.31 with sparser priors and 100 iterations,
at twice the time), and the kit's NMF (TF-IDF with sub-linear term frequency, the
kit's stop words) beat scikit-learn's plain NMF at k = 10, 12 and 15. Use LDA when
you need its probabilistic reading (a document as draws from topics) or want to
compare with work that used it, and check ``topics_["coherence"]``.

Small corpora (``unit="auto"``)
-------------------------------
With fewer than :data:`PARAGRAPH_UNIT_BELOW` articles there are too few documents to
find topics in, so the model is fitted on paragraphs, and each article's mix is the
average of its paragraphs' mixes weighted by their length in words. Even a single
article then gets a mix of its parts (see :attr:`TopicModel.paragraph_mix`).

Articles without topical words
------------------------------
An article none of whose words is in the model's vocabulary (empty, or made only of
stop words and rare words) has no topic mix. By default (``empty="nan"``) its row
holds NaN and a warning names it; ``empty="uniform"`` gives it equal shares instead
(also with a warning), and ``empty="column"`` adds a column :data:`NO_TOPIC` that is
1 for such articles and 0 otherwise, so every row sums to 1.
"""
from __future__ import annotations

import csv
import json
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd
from scipy import sparse

from kit.config import PACKAGE_DATA
from kit.text import paragraphs, read_word_list, require_columns

__all__ = [
    "NO_MATCH",
    "NO_TOPIC",
    "K_TOLERANCE",
    "MIN_TOPIC_ARTICLES",
    "PARAGRAPH_UNIT_BELOW",
    "SEARCH_MAX_ITER",
    "SELECTION_SAMPLE",
    "TOPIC_SHARE",
    "TopicModel",
    "keyword_matches",
    "keyword_pattern",
    "keyword_topics",
    "load_codebook",
    "topic_coherence",
    "topic_model",
    "topic_overlap",
]

#: With fewer articles than this, ``unit="auto"`` fits on paragraphs.
PARAGRAPH_UNIT_BELOW = 20
#: Candidate numbers of topics are compared on at most this many documents.
SELECTION_SAMPLE = 500
#: Iterations of each candidate's NMF fit while choosing the number of topics.
SEARCH_MAX_ITER = 100
#: A topic carried by fewer documents than this is narrow (see :data:`TOPIC_SHARE`).
MIN_TOPIC_ARTICLES = 3
#: A topic is carried by a document when it holds at least this share of its mix.
TOPIC_SHARE = 0.2
#: Candidates scoring within this of the best count as ties; the largest k of them wins.
K_TOLERANCE = 0.02
#: Column for articles without topical words (``empty="column"``).
NO_TOPIC = "(no topical words)"
#: Column for articles where no codebook keyword matches (``empty="column"``).
NO_MATCH = "(no match)"

# A term is a run of at least three letters (no digits, no underscores).
_TOKEN_PATTERN = r"(?u)\b[^\W\d_]{3,}\b"
_COHERENCE_TERMS = 10
_MAX_K = 12
_WIDEST_K = 40
_EMPTY_POLICIES = ("nan", "uniform", "column")


def _stop_words() -> list[str]:
    return list(read_word_list("topic_stopwords.txt"))


# --------------------------------------------------------------------------- coherence

def topic_coherence(documents: sparse.spmatrix, top_terms: Iterable[Iterable[int]]) -> np.ndarray:
    """NPMI coherence of each topic, from document co-occurrence of its top terms.

    Parameters
    ----------
    documents : sparse matrix
        Documents x terms; any non-zero entry means "the term occurs in the document".
    top_terms : iterable of iterables of int
        For each topic, the column indices of its top terms.

    Returns
    -------
    ndarray
        One value per topic in [-1, 1]: the mean over pairs of top terms of
        ``log(p(a, b) / (p(a) p(b))) / -log(p(a, b))``, where ``p`` is the share of
        documents holding the term(s); a pair never seen together scores -1, a pair
        present in every document +1. A topic with fewer than two terms scores NaN.
    """
    binary = documents if isinstance(documents, _Binary) else _binary(documents)
    out = []
    for idx in top_terms:
        idx = np.asarray(list(idx), dtype=np.int64)
        if len(idx) < 2 or binary.shape[0] == 0:
            out.append(np.nan)
            continue
        npmi = _npmi_matrix(binary, idx)
        upper = np.triu_indices(len(idx), 1)
        out.append(float(npmi[upper].mean()))
    return np.asarray(out, dtype=np.float64)


class _Binary(sparse.csc_matrix):
    """A documents x terms matrix already made 0/1 (computed once, scored many times)."""


def _binary(documents: sparse.spmatrix) -> sparse.csc_matrix:
    if isinstance(documents, _Binary):
        return documents
    binary = _Binary(documents, copy=True)
    binary.data = np.ones_like(binary.data, dtype=np.float64)
    return binary


def _npmi_matrix(binary: sparse.csc_matrix, idx: np.ndarray) -> np.ndarray:
    """NPMI between every pair of the terms ``idx`` (document co-occurrence)."""
    sub = binary[:, idx]
    together = (sub.T @ sub).toarray() / binary.shape[0]
    single = np.diag(together)
    with np.errstate(divide="ignore", invalid="ignore"):
        npmi = np.log(together / np.outer(single, single)) / -np.log(together)
    npmi[together <= 0] = -1.0
    npmi[together >= 1] = 1.0
    return npmi


def topic_overlap(documents: sparse.spmatrix, top_terms: list[Iterable[int]], *, n: int = 5) -> np.ndarray:
    """How much each topic overlaps its nearest other topic (0 = not at all).

    Parameters
    ----------
    documents : sparse matrix
        Documents x terms, as for :func:`topic_coherence`.
    top_terms : list of iterables of int
        For each topic, the column indices of its top terms (best first).
    n : int
        Top terms per topic compared.

    Returns
    -------
    ndarray
        For each topic, the largest mean NPMI between its top ``n`` terms and those
        of another topic, floored at 0: two halves of one subject (words that share
        documents) overlap near 1, distinct subjects near 0.
    """
    tops = [np.asarray(list(t), dtype=np.int64)[:n] for t in top_terms]
    k = len(tops)
    if k < 2:
        return np.zeros(k)
    npmi = _npmi_matrix(_binary(documents), np.concatenate(tops))
    owner = np.repeat(np.arange(k), [len(t) for t in tops])
    out = np.zeros(k)
    for a in range(k):
        between = [npmi[np.ix_(owner == a, owner == b)].mean() for b in range(k) if b != a]
        out[a] = max(0.0, max(between))
    return out


# --------------------------------------------------------------------------- the model

class TopicModel:
    """A topic model in scikit-learn's shape: set options, ``fit`` articles, ``transform``.

    ``TopicModel(n_topics=None, method="nmf", ...).fit(articles)`` returns the model;
    :func:`topic_model` is the short form. The options are those of
    :func:`topic_model`; what the fit learns ends in ``_``.

    Attributes
    ----------
    mix_ : DataFrame
        One row per article: ``article_id``, then one column per topic (named by its
        label) holding the article's share of that topic; rows sum to 1 (see the
        module notes for articles without topical words).
    terms_ : DataFrame
        Tidy top terms: ``topic`` (1 = the topic with the largest share of the
        corpus), ``label``, ``term``, ``weight`` (the term's share of the topic's
        total term weight), ``rank`` (1 = heaviest).
    labels_ : Series
        The label of each topic (its top three terms), indexed by topic number.
    topics_ : DataFrame
        One row per topic: ``topic``, ``label``, ``share`` (mean share over the
        articles that have a mix), ``coherence`` (NPMI of its top 10 terms),
        ``articles`` (the effective number of documents carrying it: exp of the
        entropy of its weights; 1 = one document), and with ``n_topics=None``
        ``stability`` (cosine between its term weights and those of the nearest topic
        of each of two models refitted from random starts, averaged: 1 = found again
        exactly).
    paragraph_mix_ : DataFrame or None
        With ``unit="paragraph"``: one row per paragraph, ``article_id``,
        ``paragraph``, ``n_words``, then the topic columns; else None.
    selection_ : DataFrame or None
        With ``n_topics=None``: one row per candidate, ``n_topics``, ``coherence``
        (mean NPMI), ``overlap`` (mean overlap), ``narrow`` (topics carried by fewer
        than :data:`MIN_TOPIC_ARTICLES` documents), ``score`` and ``chosen``;
        ``attrs``: ``documents``, ``widened`` (the range was extended because the
        best was at its top), ``edge`` (the choice is still the largest candidate),
        ``stability`` (mean of ``topics_["stability"]``); else None.
    empty_ : list of str
        The ``article_id`` of the articles without topical words.
    n_topics_, unit_ : int, str
        The number of topics and the unit fitted on.
    vectorizer_, model_ :
        The fitted scikit-learn vectorizer and NMF or LDA estimator.

    The names without ``_`` (``mix``, ``terms``, ``labels``, ``topics``, ``selection``,
    ``paragraph_mix``, ``empty``, ``vectorizer``, ``model``) still work; after
    fitting, ``n_topics`` and ``unit`` give the fitted values.
    """

    def __init__(self, n_topics: int | None = None, *, method: str = "nmf", unit: str = "auto",
                 random_state: int = 0, n_terms: int = 10, max_features: int = 5000,
                 min_df: int | float | None = None, max_df: float | None = None,
                 stop_words: Iterable[str] | None = None, empty: str = "nan",
                 k_range: Iterable[int] | None = None, max_iter: int | None = None) -> None:
        self._n_topics = n_topics
        self.method = method
        self._unit = unit
        self.random_state = random_state
        self.n_terms = n_terms
        self.max_features = max_features
        self.min_df = min_df
        self.max_df = max_df
        self.stop_words = stop_words
        self.empty_policy = empty
        self.k_range = k_range
        self.max_iter = max_iter

    # The fitted numbers stand in for the options once fitted (as before the class had options).
    @property
    def n_topics(self):
        return getattr(self, "n_topics_", self._n_topics)

    @property
    def unit(self) -> str:
        return getattr(self, "unit_", self._unit)

    def _fitted(self, name: str):
        if not hasattr(self, name):
            raise AttributeError(f"this TopicModel is not fitted yet: call .fit(articles) first (no {name})")
        return getattr(self, name)

    mix = property(lambda self: self._fitted("mix_"), doc="Alias of :attr:`mix_`.")
    terms = property(lambda self: self._fitted("terms_"), doc="Alias of :attr:`terms_`.")
    labels = property(lambda self: self._fitted("labels_"), doc="Alias of :attr:`labels_`.")
    topics = property(lambda self: self._fitted("topics_"), doc="Alias of :attr:`topics_`.")
    paragraph_mix = property(lambda self: self._fitted("paragraph_mix_"), doc="Alias of :attr:`paragraph_mix_`.")
    selection = property(lambda self: self._fitted("selection_"), doc="Alias of :attr:`selection_`.")
    empty = property(lambda self: self._fitted("empty_"), doc="Alias of :attr:`empty_`.")
    vectorizer = property(lambda self: self._fitted("vectorizer_"), doc="Alias of :attr:`vectorizer_`.")
    model = property(lambda self: self._fitted("model_"), doc="Alias of :attr:`model_`.")

    def __repr__(self) -> str:
        if not hasattr(self, "mix_"):
            return f"TopicModel(n_topics={self._n_topics}, method={self.method!r}, unit={self._unit!r}) (not fitted)"
        return (f"TopicModel(method={self.method!r}, unit={self.unit!r}, n_topics={self.n_topics}, "
                f"articles={len(self.mix_)}, labels={list(self.labels_)})")

    def fit(self, articles: pd.DataFrame) -> "TopicModel":
        """Fit the model on ``articles`` (needs ``article_id``, ``text``); returns self."""
        with _one_blas_thread():
            _fit_model(self, articles)
        return self

    def fit_transform(self, articles: pd.DataFrame) -> pd.DataFrame:
        """``fit(articles)``, then the fitted articles' tidy mix (as :meth:`transform`)."""
        return self.fit(articles).mix_long()

    def transform(self, articles: pd.DataFrame, *, wide: bool = False) -> pd.DataFrame:
        """The topic mix of (new) articles under the fitted model.

        Parameters
        ----------
        articles : DataFrame
            Articles with ``article_id`` and ``text``; they are split into the same
            unit the model was fitted on (articles or paragraphs).
        wide : bool, default False
            Return the shape of :attr:`mix_` (one row per article, one column per
            topic) instead of the tidy frame.

        Returns
        -------
        DataFrame
            Tidy: one row per article and topic, ``article_id``, ``topic``,
            ``label``, ``share``. With ``wide=True``: ``article_id``, one column per
            topic.
        """
        require_columns(articles, ["article_id", "text"], what="TopicModel.transform()")
        self._fitted("model_")
        if articles["article_id"].duplicated().any():
            raise ValueError("TopicModel.transform() needs unique article_id values")
        docs = _documents(articles, self.unit_)
        counts = self.vectorizer_.transform(docs["text"])
        with _one_blas_thread():
            weights = np.asarray(self.model_.transform(counts), dtype=np.float64)[:, self._order]
        mix, _, _ = _article_mix(articles, docs, counts, weights, list(self.labels_), self.empty_policy)
        return mix if wide else _long(mix, list(self.labels_))

    def mix_long(self) -> pd.DataFrame:
        """:attr:`mix_` as a tidy frame: ``article_id``, ``topic``, ``label``, ``share``."""
        return _long(self._fitted("mix_"), list(self.labels_))

    def dominant(self, mix: pd.DataFrame | None = None) -> pd.DataFrame:
        """Each article's largest topic.

        Parameters
        ----------
        mix : DataFrame, optional
            A mix from :meth:`transform` (tidy or wide); :attr:`mix_` by default.

        Returns
        -------
        DataFrame
            ``article_id``, ``topic`` (number; missing when the article has no mix
            or its largest share is tied), ``label``, ``share``.
        """
        labels = list(self.labels_)
        if mix is None:
            mix = self.mix_
        elif "share" in mix.columns and "label" in mix.columns:
            order = pd.unique(mix["article_id"])
            mix = mix.pivot(index="article_id", columns="label", values="share").reindex(
                index=order, columns=labels).rename_axis(columns=None).reset_index()
        return _dominant(mix, labels)


def _documents(articles: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The documents to model: ``article_id``, ``paragraph``, ``text``, ``weight``."""
    if unit == "paragraph":
        paras = paragraphs(articles)
        return pd.DataFrame({
            "article_id": paras["article_id"], "paragraph": paras["paragraph"],
            "text": paras["text"], "weight": paras["n_words"].astype("float64"),
        })
    texts = articles["text"].where(articles["text"].map(lambda t: isinstance(t, str)), "")
    return pd.DataFrame({
        "article_id": articles["article_id"].to_numpy(), "paragraph": -1,
        "text": texts.to_numpy(), "weight": 1.0,
    })


def _proportions(weights: np.ndarray, counts: sparse.spmatrix) -> tuple[np.ndarray, np.ndarray]:
    """Row-normalised topic weights, and a mask of documents with no mix."""
    totals = weights.sum(axis=1)
    has_terms = np.diff(sparse.csr_matrix(counts).indptr) > 0
    ok = has_terms & (totals > 0)
    props = np.zeros_like(weights)
    props[ok] = weights[ok] / totals[ok, None]
    return props, ~ok


def _apply_empty(values: np.ndarray, empty: np.ndarray, policy: str) -> np.ndarray:
    values = values.copy()
    if policy == "uniform":
        values[empty] = 1.0 / values.shape[1]
    elif policy == "nan":
        values[empty] = np.nan
    else:  # column
        values[empty] = 0.0
    return values


def _shares_frame(ids: np.ndarray, totals: np.ndarray, mass: np.ndarray, columns: list[str],
                  policy: str, extra: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows of ``totals`` divided by their ``mass`` as a frame of shares, one row per id;
    rows with no mass follow the empty ``policy`` (with ``extra`` as the column named
    by the ``"column"`` policy). Returns the frame and the mask of empty rows."""
    empty = mass <= 0
    values = np.zeros_like(totals)
    values[~empty] = totals[~empty] / mass[~empty, None]
    out = pd.DataFrame(_apply_empty(values, empty, policy), columns=columns)
    out.insert(0, "article_id", ids)
    if policy == "column":
        out[extra] = empty.astype("float64")
    return out, empty


def _warn_empty(ids: list[str], policy: str, what: str, stacklevel: int) -> None:
    if not ids:
        return
    shown = ", ".join(map(str, ids[:5])) + (", ..." if len(ids) > 5 else "")
    done = {"nan": "their shares are NaN", "uniform": "they get equal shares",
            "column": f"they are counted in the column {what!r}"}[policy]
    warnings.warn(f"{len(ids)} article(s) have no {'topical words' if what == NO_TOPIC else 'keyword match'}"
                  f" ({shown}); {done}", UserWarning, stacklevel=stacklevel)


def _article_mix(articles, docs, counts, weights, labels, policy):
    """Aggregate document proportions to articles (length-weighted for paragraphs)."""
    props, doc_empty = _proportions(weights, counts)
    ids = articles["article_id"].to_numpy()
    position = pd.Index(ids).get_indexer(docs["article_id"])
    w = docs["weight"].to_numpy(dtype=np.float64) * ~doc_empty
    total = np.zeros((len(ids), props.shape[1]))
    mass = np.zeros(len(ids))
    np.add.at(total, position, props * w[:, None])
    np.add.at(mass, position, w)
    mix, empty = _shares_frame(ids, total, mass, labels, policy, NO_TOPIC)
    empty_ids = [str(i) for i in ids[empty]]
    _warn_empty(empty_ids, policy, NO_TOPIC, stacklevel=4)
    doc_values = _apply_empty(props, doc_empty, "nan")
    return mix, doc_values, empty_ids


def _long(mix: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    long = mix.melt(id_vars="article_id", value_vars=labels, var_name="label", value_name="share")
    number = {label: i + 1 for i, label in enumerate(labels)}
    long.insert(1, "topic", long["label"].map(number).astype("int64"))
    order = pd.Index(mix["article_id"]).get_indexer(long["article_id"])
    return long.assign(_o=order).sort_values(["_o", "topic"], kind="stable").drop(columns="_o").reset_index(drop=True)


def _dominant(mix: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    values = mix[labels].to_numpy(dtype=np.float64).reshape(len(mix), len(labels))
    rows = []
    for aid, row in zip(mix["article_id"], values):
        top = np.nanmax(row) if len(row) and not np.isnan(row).all() else np.nan
        # No dominant topic without a mix, or when the largest share is shared (uniform).
        if np.isnan(top) or top <= 0 or np.count_nonzero(row == top) > 1:
            rows.append((aid, pd.NA, None, np.nan))
        else:
            b = int(np.nanargmax(row))
            rows.append((aid, b + 1, labels[b], float(top)))
    out = pd.DataFrame(rows, columns=["article_id", "topic", "label", "share"])
    return out.astype({"topic": "Int64", "share": "float64"})


def _one_blas_thread():
    """Limit BLAS to one thread while fitting or applying a model.

    NMF's dense products are small (topics x terms), so a second BLAS thread only
    spins: on 2,000 articles of real text, choosing the number of topics took 8.6 CPU
    seconds (4.6 s wall) with two threads and 3.3 (3.3 s wall) with one; one fit at a
    fixed k 1.7 (1.0 s) and 1.0 (1.0 s). The results agree to 1e-13."""
    import sklearn.decomposition  # noqa: F401  (loads SciPy's BLAS, so that the limit reaches it)
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _make_model(method: str, k: int, random_state: int, n_docs: int, max_iter: int | None, *,
                search: bool = False, init: str | None = None):
    """The scikit-learn estimator; ``search``: the cheaper settings used to compare candidates."""
    if method == "nmf":
        from sklearn.decomposition import NMF

        if search:
            return NMF(n_components=k, init=init or "nndsvda", random_state=random_state,
                       max_iter=min(max_iter or SEARCH_MAX_ITER, SEARCH_MAX_ITER), tol=1e-3)
        return NMF(n_components=k, init=init or "nndsvda", random_state=random_state,
                   max_iter=max_iter or 1000, tol=1e-4)
    from sklearn.decomposition import LatentDirichletAllocation

    online = n_docs > SELECTION_SAMPLE
    return LatentDirichletAllocation(
        n_components=k, random_state=random_state,
        learning_method="online" if online else "batch",
        max_iter=(10 if search else max_iter or (10 if online else 30)), batch_size=512, n_jobs=1,
    )


def _fit(method, k, random_state, x, max_iter, quiet=False, search=False, init=None):
    from sklearn.exceptions import ConvergenceWarning

    model = _make_model(method, k, random_state, x.shape[0], max_iter, search=search, init=init)
    with warnings.catch_warnings():
        if quiet:
            warnings.simplefilter("ignore", ConvergenceWarning)
        weights = model.fit_transform(x)
    return model, np.asarray(weights, dtype=np.float64)


def _top(components: np.ndarray, n: int) -> list[np.ndarray]:
    # Ties broken by column (term) order: stable and reproducible.
    return [np.argsort(-row, kind="stable")[:n] for row in components]


def _span(weights: np.ndarray) -> np.ndarray:
    """Per topic: the number of documents in which it holds at least
    :data:`TOPIC_SHARE` of the document's mix (documents without a mix count for none)."""
    w = np.asarray(weights, dtype=np.float64)
    total = w.sum(axis=1, keepdims=True)
    share = np.divide(w, total, out=np.zeros_like(w), where=total > 0)
    return (share >= TOPIC_SHARE).sum(axis=0).astype(np.int64)


def _level_score(x, components: np.ndarray, weights: np.ndarray) -> tuple[float, float, int, float]:
    top = _top(components, min(_COHERENCE_TERMS, x.shape[1]))
    coherence = topic_coherence(x, top)
    overlap = topic_overlap(x, top)
    narrow = _span(weights) < MIN_TOPIC_ARTICLES
    # A topic carried by one or two documents is trivially coherent (its words share
    # those documents): it scores 0 instead of its coherence.
    per_topic = np.where(narrow, 0.0, coherence) - overlap
    return float(np.nanmean(coherence)), float(overlap.mean()), int(narrow.sum()), float(np.nanmean(per_topic))


def _search_sample(method: str, x, random_state: int):
    """The documents the search compares candidates on, and the stability refits are
    fitted on: a seeded sample of at most :data:`SELECTION_SAMPLE`, read as
    :func:`_search_matrix` gives it."""
    if x.shape[0] > SELECTION_SAMPLE:
        x = x[np.sort(np.random.default_rng(random_state).choice(x.shape[0], SELECTION_SAMPLE, replace=False))]
    return _search_matrix(method, x)


def _search_matrix(method: str, x):
    """The documents as the search fits read them: for NMF in single precision.

    scikit-learn's NMF keeps float32 input in float32, and its coordinate-descent
    steps then run about 15 % faster. On a 500-document sample of real paragraphs
    the 17 candidates' scores agree with float64 fits to the third decimal, and the
    chosen k is the same on 34 corpora (benchmarks/README.md). The final model is
    fitted in float64."""
    return x.astype(np.float32) if method == "nmf" else x


def _score_candidate(method, k, random_state, x, binary, max_iter):
    model, weights = _fit(method, k, random_state, x, max_iter, quiet=True, search=True)
    return (k, *_level_score(binary, np.asarray(model.components_, dtype=np.float64), weights))


def _choose_k(method, x, random_state, max_iter, k_range) -> tuple[int, pd.DataFrame]:
    """Fit each candidate number of topics on ``x``, the search sample
    (:func:`_search_sample`), with the search settings, score it, and widen the range
    while the best is at its top."""
    binary = _binary(x)
    limit = min(x.shape[1], max(2, x.shape[0] // MIN_TOPIC_ARTICLES))
    given = k_range is not None
    if k_range is None:
        k_range = range(2, max(2, min(_MAX_K, x.shape[0] // 2)) + 1)
    candidates = sorted({int(k) for k in k_range if 1 <= k <= min(x.shape)}) or [1]
    rows = [_score_candidate(method, k, random_state, x, binary, max_iter) for k in candidates]
    widened = False
    while True:
        table = pd.DataFrame(rows, columns=["n_topics", "coherence", "overlap", "narrow", "score"])
        scores = table["score"].to_numpy()
        if np.isnan(scores).all():
            chosen = int(table["n_topics"].iloc[0])
        else:
            # The largest k whose score is within K_TOLERANCE of the best.
            chosen = int(table["n_topics"][scores >= np.nanmax(scores) - K_TOLERANCE].max())
        top_k = int(table["n_topics"].max())
        # Chosen at the top of the range: widen it (up to twice), unless the range was given.
        more = [k for k in _wider(top_k) if k <= min(limit, _WIDEST_K)]
        if given or chosen < top_k or not more:
            break
        rows += [_score_candidate(method, k, random_state, x, binary, max_iter) for k in more]
        widened = True
    table["chosen"] = table["n_topics"] == chosen
    edge = len(table) > 1 and chosen == top_k
    table.attrs.update(documents=x.shape[0], widened=widened, edge=edge)
    if edge:
        warnings.warn(f"topic_model(): the number of topics chose {chosen}, the top of the range it searched "
                      f"({int(table['n_topics'].min())}-{chosen}); the score may still rise beyond it. Look at "
                      "model.selection, or set n_topics (or k_range)", UserWarning, stacklevel=4)
    return chosen, table


def _wider(top: int) -> list[int]:
    """The next candidates above ``top``: about 6 steps up to twice it."""
    step = max(1, top // 6)
    return list(range(top + step, 2 * top + 1, step))


def _stability(method, k, random_state, x, components: np.ndarray, max_iter) -> np.ndarray:
    """Per topic: how closely models refitted on ``x`` from random starts (seeds
    ``random_state + 1`` and ``+ 2``) find it again: the cosine between its term
    weights and those of the nearest refitted topic, averaged over the two refits
    (1 = the same topic, 0 = no shared term)."""
    def unit(rows):
        rows = np.asarray(rows, dtype=np.float64)
        return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-300)

    mine = unit(components)
    scores = np.zeros(len(mine))
    for seed in (random_state + 1, random_state + 2):
        init = "random" if method == "nmf" else None
        other, _ = _fit(method, k, seed, x, max_iter, quiet=True, search=True, init=init)
        scores += (mine @ unit(other.components_).T).max(axis=1)
    return scores / 2


def _labels(components: np.ndarray, vocab: np.ndarray, n: int = 3) -> list[str]:
    labels: list[str] = []
    for row in components:
        order = np.argsort(-row, kind="stable")
        label = ", ".join(vocab[order[:n]])
        if label in labels:  # a duplicate label: add terms until it is unique
            for m in range(n + 1, len(order) + 1):
                label = ", ".join(vocab[order[:m]])
                if label not in labels:
                    break
        labels.append(label)
    return labels


def topic_model(
    articles: pd.DataFrame,
    *,
    n_topics: int | None = None,
    method: str = "nmf",
    unit: str = "auto",
    random_state: int = 0,
    n_terms: int = 10,
    max_features: int = 5000,
    min_df: int | float | None = None,
    max_df: float | None = None,
    stop_words: Iterable[str] | None = None,
    empty: str = "nan",
    k_range: Iterable[int] | None = None,
    max_iter: int | None = None,
) -> TopicModel:
    """Find topics in a corpus and the mix of topics in each article.

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id``, ``text``); not modified.
    n_topics : int, optional
        Number of topics; by default chosen by topic coherence (see the module notes).
    method : {"nmf", "lda"}
        ``"nmf"``: non-negative matrix factorisation of TF-IDF weights (sub-linear
        term frequency), deterministic (NNDSVD initialisation); ``"lda"``: latent
        Dirichlet allocation on word counts. Prefer NMF: LDA's topics are much less
        coherent at 10 topics or more (see the module notes).
    unit : {"auto", "article", "paragraph"}
        The documents the model is fitted on; ``"auto"`` uses paragraphs when there
        are fewer than :data:`PARAGRAPH_UNIT_BELOW` articles, articles otherwise.
        Article mixes from paragraphs are averaged weighted by paragraph length.
    random_state : int
        Seed; the same input and seed give the same topics and mixes.
    n_terms : int
        Top terms kept per topic in :attr:`TopicModel.terms`.
    max_features : int
        Vocabulary size: the most frequent terms after stop words.
    min_df, max_df : int or float, optional
        Terms in fewer than ``min_df`` documents (a count, or a share if float) or
        more than ``max_df`` (a share) are dropped. Defaults: 1 and 1.0 below 20
        documents, else 2 and 0.95.
    stop_words : iterable of str, optional
        Words never used as terms; the shipped ``kit/data/topic_stopwords.txt`` by
        default (function words and the words of news reporting itself).
    empty : {"nan", "uniform", "column"}
        What articles without topical words get (see the module notes).
    k_range : iterable of int, optional
        Candidates for ``n_topics=None``; 2 to ``min(12, documents // 2)`` by default,
        widened when the best is at its top (a given range is not widened).
    max_iter : int, optional
        Iterations of the solver (NMF 1000; LDA 30, or 10 online above 2000 documents).

    Returns
    -------
    TopicModel
        With ``mix`` (``article_id`` + one column per topic label), ``terms``
        (``topic``, ``label``, ``term``, ``weight``, ``rank``), ``labels``,
        ``topics`` (``topic``, ``label``, ``share``, ``coherence``),
        ``paragraph_mix``, ``selection`` and :meth:`TopicModel.transform`.
    """
    return TopicModel(n_topics, method=method, unit=unit, random_state=random_state, n_terms=n_terms,
                      max_features=max_features, min_df=min_df, max_df=max_df, stop_words=stop_words,
                      empty=empty, k_range=k_range, max_iter=max_iter).fit(articles)


def _fit_model(self: TopicModel, articles: pd.DataFrame) -> None:
    """Fit ``self`` on ``articles``: set every attribute ending in ``_``."""
    n_topics, method, unit, random_state = self._n_topics, self.method, self._unit, self.random_state
    n_terms, max_features, min_df, max_df = self.n_terms, self.max_features, self.min_df, self.max_df
    stop_words, empty, k_range, max_iter = self.stop_words, self.empty_policy, self.k_range, self.max_iter
    require_columns(articles, ["article_id", "text"], what="topic_model()")
    if method not in ("nmf", "lda"):
        raise ValueError(f"method must be 'nmf' or 'lda', not {method!r}")
    if unit not in ("auto", "article", "paragraph"):
        raise ValueError(f"unit must be 'auto', 'article' or 'paragraph', not {unit!r}")
    if empty not in _EMPTY_POLICIES:
        raise ValueError(f"empty must be one of {_EMPTY_POLICIES}, not {empty!r}")
    if n_topics is not None and n_topics < 1:
        raise ValueError(f"n_topics must be at least 1, not {n_topics}")
    if articles.empty:
        raise ValueError("topic_model() needs at least one article; the frame is empty")
    if articles["article_id"].duplicated().any():
        raise ValueError("topic_model() needs unique article_id values")
    if unit == "auto":
        unit = "paragraph" if len(articles) < PARAGRAPH_UNIT_BELOW else "article"

    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    docs = _documents(articles, unit)
    n_docs = len(docs)
    small = n_docs < 20
    options = dict(
        lowercase=True, token_pattern=_TOKEN_PATTERN, dtype=np.float64,
        stop_words=list(stop_words) if stop_words is not None else _stop_words(),
        max_features=max_features,
        min_df=min_df if min_df is not None else (1 if small else 2),
        max_df=max_df if max_df is not None else (1.0 if small else 0.95),
    )
    vectorizer = TfidfVectorizer(sublinear_tf=True, **options) if method == "nmf" else CountVectorizer(**options)
    try:
        x = vectorizer.fit_transform(docs["text"])
    except ValueError as e:
        raise ValueError(
            f"topic_model(): no terms left to model in {len(articles)} article(s) ({e}); "
            "the texts are empty or hold only stop words and rare words"
        ) from None
    vocab = vectorizer.get_feature_names_out()

    selection = sample = None
    if n_topics is None:
        sample = _search_sample(method, x, random_state)
        n_topics, selection = _choose_k(method, sample, random_state, max_iter, k_range)
    limit = min(x.shape)
    if n_topics > limit:
        warnings.warn(f"n_topics={n_topics} is more than the {x.shape[0]} documents and {x.shape[1]} terms "
                      f"allow; using {limit}", UserWarning, stacklevel=2)
        n_topics = limit
    model, weights = _fit(method, n_topics, random_state, x, max_iter)
    components = np.asarray(model.components_, dtype=np.float64)

    # Number topics by their share of the corpus, largest first (ties: model order).
    doc_props, doc_empty = _proportions(weights, x)
    w = docs["weight"].to_numpy(dtype=np.float64) * ~doc_empty
    share = (doc_props * w[:, None]).sum(axis=0) / max(w.sum(), 1e-300)
    order = np.argsort(-share, kind="stable")
    components = components[order]
    weights = weights[:, order]
    labels = _labels(components, vocab)

    term_weights = components / np.maximum(components.sum(axis=1, keepdims=True), 1e-300)
    rows = []
    for t, top in enumerate(_top(term_weights, min(n_terms, len(vocab)))):
        for r, j in enumerate(top):
            rows.append((t + 1, labels[t], vocab[j], float(term_weights[t, j]), r + 1))
    terms = pd.DataFrame(rows, columns=["topic", "label", "term", "weight", "rank"])
    terms = terms.astype({"topic": "int64", "rank": "int64"})

    mix, doc_values, empty_ids = _article_mix(articles, docs, x, weights, labels, empty)
    paragraph_mix = None
    if unit == "paragraph":
        paragraph_mix = pd.DataFrame(doc_values, columns=labels)
        paragraph_mix.insert(0, "article_id", docs["article_id"].to_numpy())
        paragraph_mix.insert(1, "paragraph", docs["paragraph"].to_numpy(dtype="int64"))
        paragraph_mix.insert(2, "n_words", docs["weight"].to_numpy(dtype="int64"))

    coherence = topic_coherence(x, _top(components, min(_COHERENCE_TERMS, len(vocab))))
    topics = pd.DataFrame({
        "topic": np.arange(1, n_topics + 1, dtype="int64"),
        "label": labels,
        "share": mix[labels].mean(axis=0, skipna=True).to_numpy() if len(mix) else np.nan,
        "coherence": coherence,
        "articles": _span(weights),
    })
    if selection is not None:
        topics["stability"] = _stability(method, n_topics, random_state, sample, components, max_iter)
        selection.attrs["stability"] = float(topics["stability"].mean())
    self.n_topics_, self.unit_ = n_topics, unit
    self.vectorizer_, self.model_ = vectorizer, model
    self.mix_, self.terms_, self.topics_ = mix, terms, topics
    self.labels_ = pd.Series(labels, index=pd.RangeIndex(1, n_topics + 1, name="topic"), name="label")
    self.paragraph_mix_, self.selection_, self.empty_ = paragraph_mix, selection, empty_ids
    self._order = order


# --------------------------------------------------------------------------- codebooks

def load_codebook(path: str | Path | None = None) -> dict[str, list[str]]:
    """Read a codebook: topic names and the keywords or phrases that signal them.

    Parameters
    ----------
    path : path, optional
        A ``.csv`` file with the columns ``topic`` and ``keyword`` (one row per
        keyword; other columns such as ``note`` are ignored; rows whose topic starts
        with ``#`` are comments), or a ``.json`` file holding an object
        ``{"topic": ["keyword", ...], ...}``. By default the shipped example,
        ``kit/data/codebook_example.csv``.

    Returns
    -------
    dict of str to list of str
        Topics in file order, each with its keywords in file order (blank and
        repeated keywords dropped).
    """
    path = Path(path) if path is not None else PACKAGE_DATA / "codebook_example.csv"
    if not path.exists():
        raise FileNotFoundError(f"no codebook file at {path}")
    book: dict[str, list[str]] = {}
    if path.suffix.lower() == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{path}: a JSON codebook is an object mapping topics to lists of keywords")
        items = [(str(t), k) for t, ks in data.items() for k in ([ks] if isinstance(ks, str) else ks)]
    else:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            fields = {(c or "").strip().lower(): c for c in (reader.fieldnames or [])}
            if "topic" not in fields or "keyword" not in fields:
                raise ValueError(f"{path}: a CSV codebook needs the columns 'topic' and 'keyword', "
                                 f"found {reader.fieldnames}")
            items = [((row[fields["topic"]] or "").strip(), row[fields["keyword"]]) for row in reader]
    for topic, keyword in items:
        keyword = re.sub(r"\s+", " ", str(keyword or "")).strip()
        if not topic or topic.startswith("#") or not keyword:
            continue
        words = book.setdefault(topic, [])
        if keyword.lower() not in (w.lower() for w in words):
            words.append(keyword)
    if not book:
        raise ValueError(f"{path}: the codebook holds no keywords")
    return book


def _word_variants(word: str) -> str:
    """Regex for one word of a keyword: the word itself, its plural, or a prefix (``*``)."""
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    w = re.escape(word)
    if re.search(r"[^aeiou]y$", word, re.IGNORECASE):
        return f"(?:{w}|{re.escape(word[:-1])}ies)"
    if re.search(r"(?:s|x|z|ch|sh)$", word, re.IGNORECASE):
        return f"{w}(?:es)?"
    return f"{w}s?"


def keyword_pattern(keyword: str) -> str:
    """The regular expression a codebook keyword matches (case-insensitively).

    Words match on word boundaries; the words of a phrase may be separated by any
    whitespace or a hyphen; the last word also matches its simple plural ("soldier"
    matches "soldiers", "economy" "economies", "tax" "taxes"); a trailing ``*``
    matches any ending ("militar*" matches "military", "militarised").

    Examples
    --------
    >>> import re
    >>> bool(re.fullmatch(keyword_pattern("front line"), "front-lines", re.I))
    True
    """
    return r"(?<!\w)" + _keyword_body(keyword)


def _keyword_body(keyword: str) -> str:
    """:func:`keyword_pattern` without its leading ``(?<!\\w)`` check."""
    words = keyword.split()
    if not words:
        raise ValueError("a codebook keyword cannot be empty")
    parts = [_word_variants(w) if (i == len(words) - 1 or w.endswith("*")) else re.escape(w)
             for i, w in enumerate(words)]
    return r"(?:\s+|-)".join(parts) + r"(?!\w)"


def _codebook(codebook: Mapping[str, Iterable[str]] | str | Path | None) -> dict[str, list[str]]:
    if codebook is None or isinstance(codebook, (str, Path)):
        return load_codebook(codebook)
    if not isinstance(codebook, Mapping):
        raise TypeError("codebook must be a mapping of topic -> keywords, or a path to a codebook file")
    book = {}
    for topic, keywords in codebook.items():
        keywords = [keywords] if isinstance(keywords, str) else list(keywords)
        keywords = [re.sub(r"\s+", " ", str(k)).strip() for k in keywords if str(k).strip()]
        if keywords:
            book[str(topic)] = keywords
    if not book:
        raise ValueError("the codebook holds no keywords")
    return book


@lru_cache(maxsize=16)
def _codebook_regex(ordered: tuple[str, ...]) -> re.Pattern:
    """One regular expression for every keyword, longest first.

    The word-start check ``(?<!\\w)`` stands once, outside the alternation, so the
    alternatives are tried only where a word starts (the same matches as one
    :func:`keyword_pattern` per alternative, several times faster on long texts).
    """
    body = "|".join(f"(?P<k{i}>{_keyword_body(k)})" for i, k in enumerate(ordered))
    return re.compile(rf"(?<!\w)(?:{body})", re.IGNORECASE)


def _literal_start(keyword: str) -> str:
    """The characters every match of ``keyword`` starts with, as written."""
    first = keyword.split()[0]
    if first.endswith("*"):
        return first[:-1]
    if len(keyword.split()) == 1 and re.search(r"[^aeiou]y$", first, re.IGNORECASE):
        return first[:-1]  # "city" also matches "cities"
    return first


@lru_cache(maxsize=16)
def _codebook_scanner(ordered: tuple[str, ...]):
    """A function ``text -> iterator of matches`` equal to ``finditer`` of
    :func:`_codebook_regex`, but much faster on a large codebook.

    Written by hand because Python's ``re`` tries all 93 alternatives of the example
    codebook at every word start (5 ms per 700-word article, the slowest part of
    notebook 05). Here a cheap search finds the word starts that begin with the first
    two letters of some keyword, and only the keywords with those two letters are
    tried there, in the same order, so the matches are the same. Codebooks with a
    keyword shorter than two letters, or not starting with two ASCII letters or digits,
    use the plain scan.
    """
    full = _codebook_regex(ordered)
    starts = [_literal_start(k)[:2].lower() for k in ordered]
    if not all(len(p) == 2 and p.isascii() and p.isalnum() for p in starts):
        return full.finditer
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(starts):
        groups.setdefault(p, []).append(i)
    parts = {p: re.compile(rf"(?<!\w)(?:{'|'.join(f'(?P<k{i}>{_keyword_body(ordered[i])})' for i in idx)})",
                           re.IGNORECASE)
             for p, idx in groups.items()}
    candidates = re.compile(rf"(?<!\w)(?:{'|'.join(sorted(groups))})", re.IGNORECASE)

    def scan(text: str):
        pos = 0
        while True:
            c = candidates.search(text, pos)
            if c is None:
                return
            at = c.start()
            key = c.group()
            sub = parts.get(key.lower()) if key.isascii() else None
            m = (sub or full).match(text, at)
            if m is None:
                pos = at + 1
            else:
                yield m
                pos = m.end()
    return scan


def keyword_matches(
    articles: pd.DataFrame,
    codebook: Mapping[str, Iterable[str]] | str | Path | None = None,
) -> pd.DataFrame:
    """Every occurrence of a codebook keyword in the articles, with its offsets.

    Matching follows :func:`keyword_pattern` (case-insensitive, whole words, simple
    plurals, phrases). Matches never overlap: where keywords compete for the same
    words, the longest match wins ("supreme court" rather than "court"). A keyword
    listed under two topics counts for both.

    Parameters
    ----------
    articles : DataFrame
        Needs ``article_id`` and ``text``.
    codebook : mapping, path or None
        ``{topic: [keyword, ...]}``, a codebook file (see :func:`load_codebook`), or
        None for the shipped example.

    Returns
    -------
    DataFrame
        ``article_id``, ``topic``, ``keyword`` (as in the codebook), ``match`` (the
        text as found), ``start``, ``end`` (offsets into the article's text).
    """
    require_columns(articles, ["article_id", "text"], what="keyword_matches()")
    book = _codebook(codebook)
    keywords: dict[str, list[str]] = {}
    for topic, words in book.items():
        for k in words:
            key = k.lower()
            if topic not in keywords.setdefault(key, []):
                keywords[key].append(topic)
    originals = {k.lower(): k for words in book.values() for k in words}
    # Longest keywords first, so that the alternation prefers the longer match.
    ordered = sorted(keywords, key=lambda k: (-len(k), k))
    scan = _codebook_scanner(tuple(ordered))
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        if not isinstance(text, str):
            continue
        for m in scan(text):
            key = ordered[int(m.lastgroup[1:])]
            for topic in keywords[key]:
                rows.append((article_id, topic, originals[key], m.group(0), m.start(), m.end()))
    out = pd.DataFrame(rows, columns=["article_id", "topic", "keyword", "match", "start", "end"])
    return out.astype({"start": "int64", "end": "int64"})


def keyword_topics(
    articles: pd.DataFrame,
    codebook: Mapping[str, Iterable[str]] | str | Path | None = None,
    *,
    empty: str = "column",
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The mix of a researcher's own topics in each article, from keyword counts.

    Each article's share of a topic is the number of matches of that topic's
    keywords divided by the number of matches of all topics (see
    :func:`keyword_matches` for the matching rules).

    Parameters
    ----------
    articles : DataFrame
        Needs ``article_id`` and ``text``; not modified.
    codebook : mapping, path or None
        ``{topic: [keyword, ...]}``, a codebook file, or None for the shipped
        example (``kit/data/codebook_example.csv``).
    empty : {"column", "nan", "uniform"}
        Articles where no keyword matches: ``"column"`` (default) gives them 1 in an
        extra column :data:`NO_MATCH` (0 for every other article), so rows always sum
        to 1 and a chart shows them; ``"nan"`` leaves their shares NaN; ``"uniform"``
        gives equal shares. Either way a warning names them.
    matches : DataFrame, optional
        The result of :func:`keyword_matches` for the same articles and codebook, when
        it is already at hand: the corpus is then not scanned a second time.

    Returns
    -------
    DataFrame
        One row per article: ``article_id``, one column per codebook topic (share),
        [``(no match)``], ``n_matches`` (matches over all topics), ``matched``
        (``"keyword ×count"`` per topic, e.g. ``"war: soldier ×2, army ×1; law: court ×1"``).
    """
    if empty not in _EMPTY_POLICIES:
        raise ValueError(f"empty must be one of {_EMPTY_POLICIES}, not {empty!r}")
    book = _codebook(codebook)
    if matches is None:
        matches = keyword_matches(articles, book)
    else:
        require_columns(matches, ["article_id", "topic", "keyword"], what="keyword_topics(matches=...)")
        unknown = set(matches["topic"]) - set(book)
        if unknown:
            raise ValueError(f"keyword_topics(): the matches name topics not in the codebook: {sorted(unknown)}")
    topics = list(book)
    ids = articles["article_id"].to_numpy()
    counts = pd.crosstab(matches["article_id"], matches["topic"]) if len(matches) else pd.DataFrame()
    counts = counts.reindex(index=ids, columns=topics, fill_value=0).to_numpy(dtype=np.float64)
    totals = counts.sum(axis=1)
    out, none = _shares_frame(ids, counts, totals, topics, empty, NO_MATCH)
    # Keyword counts per article: order of the codebook, then keyword order.
    described: dict[Any, str] = {}
    if len(matches):
        rank = {(t, k): (i, j) for i, t in enumerate(topics) for j, k in enumerate(book[t])}
        tally = matches.groupby(["article_id", "topic", "keyword"], sort=False).size()
        parts: dict[Any, dict[str, list[str]]] = {}
        for (aid, topic, keyword), n in sorted(tally.items(), key=lambda kv: (str(kv[0][0]), rank[kv[0][1:]])):
            parts.setdefault(aid, {}).setdefault(topic, []).append(f"{keyword} ×{n}")
        described = {aid: "; ".join(f"{t}: {', '.join(ks)}" for t, ks in by.items()) for aid, by in parts.items()}
    out["n_matches"] = totals.astype("int64")
    out["matched"] = [described.get(a, "") for a in ids]
    _warn_empty([str(i) for i in ids[none]], empty, NO_MATCH, stacklevel=3)
    return out
