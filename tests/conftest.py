"""Shared fixtures: the shipped sample, a second generated corpus, the shared corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

import kit
from kit.config import PROJECT_ROOT

SAMPLE_DIR = PROJECT_ROOT / "data" / "articles"
SAMPLE_ID = "2022-08-11_russia-troops-ukraine"
# The development corpus of real Wikinews articles sits beside the project when it is
# there; tests that read it skip cleanly when it is not. It is never copied in.
SHARED = PROJECT_ROOT.parent / "shared"
SHARED_CORPUS = SHARED / "corpus" / "wikinews_2020.csv"
SHARED_GOLD = SHARED / "gold"


@pytest.fixture(scope="session")
def sample_articles():
    return kit.load_articles(SAMPLE_DIR)


@pytest.fixture(scope="session")
def other_corpus_dir(tmp_path_factory) -> Path:
    """A second folder of articles, unlike the sample: 36 articles in txt, md, json
    and html files, from five outlets, spread over a year, citing sources."""
    folder = tmp_path_factory.mktemp("other_corpus")
    corpus = kit.synthetic_corpus(36, seed=7, words=400)
    kit.write_corpus(corpus, folder, fmt="mixed")
    return folder


@pytest.fixture(scope="session")
def other_articles(other_corpus_dir):
    return kit.load_articles(other_corpus_dir)


@pytest.fixture(scope="session")
def wikinews():
    if not SHARED_CORPUS.exists():
        pytest.skip("the shared Wikinews corpus is not beside the project")
    return kit.load_articles(SHARED_CORPUS)
