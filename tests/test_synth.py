"""The generated corpora: deterministic, and the rare-word option leaves the rest alone."""
from __future__ import annotations

import pandas as pd

import kit


def _distinct(corpus: pd.DataFrame) -> int:
    return len({w for text in corpus["text"] for w in text.lower().split()})


def test_same_seed_same_corpus():
    pd.testing.assert_frame_equal(kit.synthetic_corpus(5, seed=4), kit.synthetic_corpus(5, seed=4))
    assert not kit.synthetic_corpus(5, seed=4)["text"].equals(kit.synthetic_corpus(5, seed=5)["text"])


def test_vocabulary_adds_a_sentence_to_every_third_paragraph_and_nothing_else():
    plain = kit.synthetic_corpus(6, seed=2, words=300)
    rich = kit.synthetic_corpus(6, seed=2, words=300, vocabulary=5000)
    pd.testing.assert_frame_equal(plain.drop(columns="text"), rich.drop(columns="text"))
    for a, b in zip(plain["text"], rich["text"]):
        pa, pb = a.split("\n\n"), b.split("\n\n")
        assert len(pa) == len(pb)
        for j, (x, y) in enumerate(zip(pa, pb)):
            if j % 3:
                assert x == y
            else:
                assert y.startswith(x + " ") and y.endswith(".")
    pd.testing.assert_frame_equal(rich, kit.synthetic_corpus(6, seed=2, words=300, vocabulary=5000))


def test_vocabulary_gives_a_long_tail_of_rare_words():
    plain = kit.synthetic_corpus(200, seed=1, words=300)
    rich = kit.synthetic_corpus(200, seed=1, words=300, vocabulary=50_000)
    assert _distinct(plain) < 400
    assert _distinct(rich) > _distinct(plain) + 1500  # 200 articles x ~2 sentences x 4 draws, most rare
