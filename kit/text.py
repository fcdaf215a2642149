"""Text splitting shared by every analysis: words, paragraphs and sentences.

The tidy frames built here (one row per paragraph, one row per sentence) always carry
``article_id`` and character offsets into the article's ``text``, so any result joins
back to its article and to the exact place in it.

The sentence splitter is written by hand on purpose: NLTK's punkt needs a model
download at run time (impossible offline), spaCy's models are large, and news copy
needs only a rule-based splitter that knows titles and initials ("Gen. Ivanov",
"St. Petersburg", "J. R. Smith", "U.S.") and quotation marks after the full stop.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from kit.config import PACKAGE_DATA

__all__ = [
    "count_words",
    "paragraphs",
    "require_columns",
    "sentence_spans",
    "sentences",
    "split_paragraphs",
    "read_word_list",
]

# A word, for counting, is a whitespace-separated token holding at least one letter
# or digit. This equals textstat's ``lexicon_count`` (which strips punctuation and
# splits on whitespace); tests/test_text.py checks the two agree.
_WORD_TOKEN = re.compile(r"\S*[^\W_]\S*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@lru_cache(maxsize=None)
def read_word_list(name: str) -> tuple[str, ...]:
    """Read a word list shipped in ``kit/data`` (one entry a line, ``#`` comments).

    Parameters
    ----------
    name : str
        File name inside ``kit/data``, e.g. ``"abbreviations.txt"``.

    Returns
    -------
    tuple of str
        The non-empty, non-comment lines, stripped, in file order.
    """
    lines = (PACKAGE_DATA / name).read_text(encoding="utf-8").splitlines()
    return tuple(s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#"))


def count_words(text: str) -> int:
    """Number of words in ``text`` (tokens with at least one letter or digit)."""
    return len(_WORD_TOKEN.findall(text))


def split_paragraphs(text: str) -> list[str]:
    """Split ``text`` on blank lines; paragraphs are stripped, empty ones dropped."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            out.append((a + lead, b - trail))
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(w.lower() for w in read_word_list("abbreviations.txt"))


# A candidate sentence end: terminal punctuation, optional closing quotes/brackets,
# whitespace, then something that can start a sentence.
_BOUNDARY = re.compile(r"""([.!?…]+)(["'”’»)\]]*)(\s+)(?=["'“‘«(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences in one paragraph of text.

    Parameters
    ----------
    text : str
        A paragraph (or any text without blank-line breaks).

    Returns
    -------
    list of (int, int)
        Spans into ``text``, stripped of surrounding whitespace, in order.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    abbreviations = _abbreviations()
    for m in _BOUNDARY.finditer(text):
        if m.group(1) == ".":
            before = _WORD_BEFORE.search(text, 0, m.start(1))
            if before:
                word = before.group(1).lower().strip(".")
                # Initials ("J. Smith", "U.S.") and known abbreviations do not end
                # a sentence; a lowercase word or a number before the stop does.
                if word in abbreviations or (len(word) == 1 and word.isalpha()):
                    continue
        end = m.end(2)
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end(3)
    if text[start:].strip():
        spans.append((start, len(text)))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        out.append((a + lead, b - (len(chunk) - len(chunk.rstrip()))))
    return out


def require_columns(frame: pd.DataFrame, columns: list[str] | tuple[str, ...], *, what: str) -> None:
    """Raise a clear ``ValueError`` when ``frame`` lacks any of ``columns``."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} needs a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} needs the column(s) {missing}; the frame has {list(frame.columns)}. "
            "Load articles with kit.load_articles() to get the expected columns."
        )


def paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph of each article.

    Parameters
    ----------
    articles : DataFrame
        The articles frame from :func:`kit.load_articles` (needs ``article_id``, ``text``).

    Returns
    -------
    DataFrame
        Columns ``article_id``, ``paragraph`` (0-based index within the article),
        ``text``, ``start``, ``end`` (character offsets into the article's text),
        ``n_words``.
    """
    require_columns(articles, ["article_id", "text"], what="paragraphs()")
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        text = text if isinstance(text, str) else ""
        for i, (a, b) in enumerate(_paragraph_spans(text)):
            chunk = text[a:b]
            rows.append((article_id, i, chunk, a, b, count_words(chunk)))
    return pd.DataFrame(
        rows, columns=["article_id", "paragraph", "text", "start", "end", "n_words"]
    ).astype({"paragraph": "int64", "start": "int64", "end": "int64", "n_words": "int64"})


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of each article.

    Parameters
    ----------
    articles : DataFrame
        The articles frame from :func:`kit.load_articles` (needs ``article_id``, ``text``).

    Returns
    -------
    DataFrame
        Columns ``article_id``, ``paragraph``, ``sentence`` (0-based index within the
        article), ``text``, ``start``, ``end`` (offsets into the article's text),
        ``n_words``.
    """
    require_columns(articles, ["article_id", "text"], what="sentences()")
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        text = text if isinstance(text, str) else ""
        k = 0
        for p, (pa, pb) in enumerate(_paragraph_spans(text)):
            for a, b in sentence_spans(text[pa:pb]):
                chunk = text[pa + a : pa + b]
                rows.append((article_id, p, k, chunk, pa + a, pa + b, count_words(chunk)))
                k += 1
    return pd.DataFrame(
        rows,
        columns=["article_id", "paragraph", "sentence", "text", "start", "end", "n_words"],
    ).astype(
        {"paragraph": "int64", "sentence": "int64", "start": "int64", "end": "int64", "n_words": "int64"}
    )
