"""The generated corpora: deterministic, and the rare-word option leaves the rest alone."""
from __future__ import annotations

import pandas as pd
import pytest

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


def test_realistic_corpus_is_deterministic_with_a_large_zipf_vocabulary():
    a = kit.synth.realistic_corpus(40, seed=3, words=300)
    pd.testing.assert_frame_equal(a, kit.synth.realistic_corpus(40, seed=3, words=300))
    assert list(a.columns) == list(kit.synthetic_corpus(1).columns)
    assert a["article_id"].is_unique and (a["text"].str.split().str.len() >= 300).all()
    assert _distinct(a) > 3000  # of ~13,000 running words
    words = pd.Series([w for text in a["text"] for w in text.lower().split()]).value_counts()
    assert words.index[0] == "the"                     # the commonest word, as in English
    assert words.iloc[0] > 20 * words.iloc[100]        # a steep head, then a long tail
    assert a["text"].str.contains('," ').mean() > 0.8 and a["text"].str.contains("according to").any()


@pytest.mark.parametrize("texts, expected", [
    (["One two three four five.\n\nshort\n\n  Six   seven eight\nnine ten.  "],
     ["One two three four five.", "Six seven eight nine ten."]),
    (["a b c d e", None], ["a b c d e"]),
])
def test_corpus_paragraphs(texts, expected):
    assert kit.synth.corpus_paragraphs(pd.DataFrame({"text": texts})) == expected


def test_paragraph_corpus_draws_whole_paragraphs():
    paras = [f"Paragraph {i} has some words in it, number {i}." for i in range(50)]
    corpus = kit.synth.paragraph_corpus(paras, 20, seed=1, words=60)
    assert len(corpus) == 20 and corpus["article_id"].is_unique
    for text in corpus["text"]:
        assert set(text.split("\n\n")) <= set(paras) and len(text.split()) >= 60
    pd.testing.assert_frame_equal(corpus, kit.synth.paragraph_corpus(paras, 20, seed=1, words=60))
    with pytest.raises(ValueError):
        kit.synth.paragraph_corpus([], 3)


def test_write_corpus_never_overwrites_nor_leaves_its_folder(tmp_path):
    corpus = kit.synthetic_corpus(3, seed=0, words=80)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "corpus.csv").write_text("the user's own table", encoding="utf-8")
    with pytest.raises(FileExistsError, match="refusing to overwrite corpus.csv"):
        kit.write_corpus(corpus, tmp_path / "c", fmt="csv")
    assert (tmp_path / "c" / "corpus.csv").read_text(encoding="utf-8") == "the user's own table"
    corpus.loc[0, "article_id"] = "../outside/notes"
    written = kit.write_corpus(corpus, tmp_path / "t", fmt="txt")
    assert all(p.parent == tmp_path / "t" for p in written) and not (tmp_path / "outside").exists()
