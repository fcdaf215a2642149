"""Generated summaries in words (kit/summary.py), checked against hand-worked frames."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from kit import summary


def test_overview_of_the_sample(sample_articles):
    got = summary.overview(sample_articles)
    assert got.text == ("The corpus holds 1 article (339 words; median 339 words per article). "
                        "No article names its outlet. It was published on 11 Aug 2022. Every input file loaded.")
    assert got.numbers == {"articles": 1, "words": 339, "outlets": 0, "skipped": 0}


def sourcing_frame():
    return pd.DataFrame({"article_id": ["a", "b", "c", "d"], "sources": [4, 2, 0, 2],
                         "named": [2, 1, 0, 1], "anonymous": [1, 1, 0, 0], "institutional": [1, 0, 0, 1],
                         "citations": [5, 2, 0, 3], "direct_citations": [2, 1, 0, 0]})


def test_sourcing_summary_numbers_and_interval():
    titles = pd.DataFrame({"article_id": list("abcd"), "title": ["A war", "B <court>", None, "D"]})
    got = summary.sourcing(sourcing_frame(), titles)
    assert got.sentences[0] == ("Across 4 articles the kit found 10 citations of 8 distinct sources: 2.0 sources "
                                "per article on average (median 2, most 4); 1 article cites no one.")
    assert got.sentences[1].startswith("25 % of sources are anonymous (95 % interval ")
    assert got.sentences[1].endswith("bootstrap over articles), 50 % named and 25 % institutional.")
    assert got.sentences[2] == "30 % of citations are direct quotes."
    assert got.sentences[3] == "The article relying most on anonymous sources is “B <court>” (1 of 2)."
    assert got.numbers["share_anonymous"] == 0.25
    assert got.numbers["share_anonymous_low"] <= 0.25 <= got.numbers["share_anonymous_high"]


def test_sourcing_summary_without_sources():
    got = summary.sourcing(sourcing_frame().iloc[[2]])
    assert got.text == "The kit found no sources in 1 article."


def test_readability_names_hardest_and_easiest():
    scores = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "flesch_kincaid_grade": [8.0, 12.0, 10.0, None],
                           "flesch_reading_ease": [70.0, 40.0, 55.0, None], "mean_sentence_length": [15.0, 25.0, 20.0, 0]})
    titles = pd.DataFrame({"article_id": list("abcd"), "title": ["Easy one", "Hard one", "Middle", "Empty"]})
    got = summary.readability(scores, titles)
    assert got.sentences == [
        "The median article reads at a Flesch-Kincaid grade of 10.0 (3 articles); Flesch reading ease is 55 at the "
        "median (0 very hard, 100 very easy).",
        "The hardest is “Hard one” (grade 12.0), the easiest “Easy one” (grade 8.0).",
        "Sentences average 20.0 words (median over articles)."]


def test_topics_summary_says_how_many_matches_the_codebook_rests_on():
    topics = pd.DataFrame({"topic": [1, 2], "label": ["war, troops", "court, judge"], "share": [0.25, 0.75]})
    coded = pd.DataFrame({"article_id": ["a", "b", "c"], "war": [1.0, 0.25, 0.0], "law": [0.0, 0.75, 0.0],
                          "(no match)": [0.0, 0.0, 1.0], "n_matches": [1, 4, 0], "matched": ["", "", ""]})
    got = summary.topics(topics, method="nmf", unit="article", coded=coded)
    assert got.sentences == [
        "The NMF model found 2 topics, fitted on articles; the largest are “court, judge” (75 % of the average "
        "article) and “war, troops” (25 % of the average article).",
        "The codebook matched 5 keywords in 2 of 3 articles (median 2 matches per matched article).",
        "Of all matches, 60 % are for law and 40 % for war.",
        "1 article rests on fewer than 3 matches: read their codebook shares with care."]


def test_words_summary():
    top = pd.DataFrame({"term": ["troops", "army"], "count": [5, 3]})
    distinctive = pd.DataFrame({"group": ["A"] * 3, "term": ["x", "y", "z"], "z": [2.5, 0.1, -3.0]})
    got = summary.words(top, None, distinctive, groups=("A", "B"), description="A with B")
    assert got.text == ("The most frequent words are *troops* (5) and *army* (3). Comparing A with B, 2 words "
                        "differ beyond |z| > 1.96; *x* mark A, *z* mark B.")


def test_save_writes_summary_json_atomically_and_read_summary_reads_it(tmp_path):
    exporter = type("E", (), {"folder": tmp_path / "nb"})()
    path = summary.Summary("nb", ["One.", "Two."], {"share": float("nan")}).save(exporter)
    assert json.loads(path.read_text()) == {"notebook": "nb", "text": "One. Two.", "numbers": {"share": None}}
    assert [p.name for p in (tmp_path / "nb").iterdir()] == ["summary.json"]
    assert summary.read_summary(tmp_path / "nb") == "One. Two."
    assert summary.read_summary(tmp_path / "missing") is None


def test_words_summary_with_a_permutation_test():
    top = pd.DataFrame({"term": ["troops"], "count": [5]})
    distinctive = pd.DataFrame({"group": ["A", "A", "B"], "term": ["x", "y", "z"], "z": [2.5, 3.0, 4.0],
                                "passes": [True, False, True]})
    got = summary.words(top, None, distinctive, groups=("A", "B"), description="A with B")
    assert got.sentences[-1] == ("Comparing A with B, 2 words pass the permutation test over articles (false "
                                 "discovery rate 5 %); *x* mark A, *z* mark B.")
    none = summary.words(top, None, distinctive.assign(passes=False), groups=("A", "B"))
    assert none.sentences[-1] == ("Comparing A with B, no word passes the permutation test over articles (false "
                                  "discovery rate 5 %).")


def test_save_is_listed_by_the_exporter_and_never_overwrites_a_users_summary(tmp_path):
    import kit

    exp = kit.Exporter(tmp_path, notebook="nb")
    summary.Summary("nb", ["One."]).save(exp)
    entries = json.loads((tmp_path / "nb" / "manifest.json").read_text())["exports"]
    assert entries == [{"kind": "summary", "name": "summary", "title": "In words", "files": ["summary.json"]}]
    summary.Summary("nb", ["Two."]).save(exp)  # the kit's own: replaced
    assert summary.read_summary(tmp_path / "nb") == "Two."
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "summary.json").write_text('{"text": "mine"}', encoding="utf-8")
    with pytest.raises(FileExistsError, match="summary.json"):
        summary.Summary("other", ["Three."]).save(kit.Exporter(tmp_path, notebook="other"))
    assert summary.read_summary(tmp_path / "other") == "mine"
