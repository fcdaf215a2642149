"""Tests for kit.evaluate: matching rules, scores, and the evaluate-sourcing command."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import kit
from kit.cli import main
from kit.config import PROJECT_ROOT
from kit.evaluate import _score, evaluate_sourcing, load_gold, match_sources

FIXTURES = PROJECT_ROOT / "tests" / "data" / "sourcing"
SAMPLE_DIR = PROJECT_ROOT / "data" / "articles"
SAMPLE_LABELS = {
    "article": "2022-08-11_russia-troops-ukraine.txt",
    "attributions": [
        {"speaker": "a woman whose boyfriend is serving a sentence there", "kind": "anonymous", "quotes": 2,
         "direct": True},
        {"speaker": "Alexei Tabalov", "kind": "named", "quotes": 3, "direct": True},
        {"speaker": "the Defense Ministry", "kind": "institutional", "quotes": 1, "direct": True},
    ],
}


def write_labels(folder, labels: list[dict]):
    folder.mkdir(parents=True, exist_ok=True)
    for data in labels:
        (folder / (data["article"].rsplit(".", 1)[0] + ".json")).write_text(json.dumps(data), encoding="utf-8")
    return folder


def predicted(rows):
    return pd.DataFrame(rows, columns=["article_id", "speaker", "kind", "citations", "direct"])


def test_matching_rules_and_scores():
    gold = pd.DataFrame([
        ("a", "Alexei Tabalov", "named", 3, True),
        ("a", "a woman whose boyfriend is serving a sentence there", "anonymous", 2, True),
        ("a", "the Defense Ministry", "institutional", 1, False),
        ("a", "officials", "anonymous", 1, False),
    ], columns=["article_id", "speaker", "kind", "quotes", "direct"])
    pred = predicted([
        ("a", "Tabalov", "named", 2, True),                  # same surname
        ("a", "The woman", "anonymous", 2, False),           # same head noun, article and case ignored
        ("a", "defense ministry", "named", 1, False),        # matched, but the kind is wrong
        ("a", "Vladimir Putin", "named", 1, False),          # not in the labels
    ])
    m = match_sources(pred, gold)
    assert m["pred_speaker"].tolist()[:3] == ["Tabalov", "The woman", "defense ministry"]
    assert m["pred_speaker"].isna().tolist() == [False, False, False, True, False]
    assert m["gold_speaker"].isna().tolist() == [False, False, False, False, True]
    s = _score(m)
    assert (s["gold"], s["predicted"], s["matched"], s["matched_kind"]) == (4, 4, 3, 2)
    assert s["precision"] == pytest.approx(2 / 4) and s["recall"] == pytest.approx(2 / 4)
    assert s["f1_any_kind"] == pytest.approx(3 / 4)
    assert s["citation_mae"] == pytest.approx(1 / 3)
    assert s["direct_agreement"] == pytest.approx(2 / 3)


def test_sample_scores_perfectly(tmp_path):
    gold = write_labels(tmp_path / "gold", [SAMPLE_LABELS])
    scores, matches = evaluate_sourcing(gold, kit.load_articles(SAMPLE_DIR))
    overall = scores.set_index("article_id").loc["overall"]
    assert (overall["f1"], overall["f1_any_kind"], overall["citation_mae"], overall["direct_agreement"]) == (
        1.0, 1.0, 0.0, 1.0)
    assert len(matches) == 3


def test_fixture_articles_score_above_thresholds():
    """Eight labelled wire-style articles covering every pattern of the issue."""
    articles = kit.load_articles(FIXTURES / "articles")
    scores, _ = evaluate_sourcing(FIXTURES / "gold", articles)
    assert len(scores) == 9
    overall = scores.set_index("article_id").loc["overall"]
    assert overall["gold"] == 47
    assert overall["f1"] >= 0.9
    assert overall["f1_any_kind"] >= 0.9
    assert overall["citation_mae"] <= 0.25
    assert overall["direct_agreement"] >= 0.9
    assert scores["f1"].min() >= 0.75


def test_the_command_prints_scores(tmp_path, capsys):
    gold = write_labels(tmp_path / "gold", [SAMPLE_LABELS])
    assert main(["evaluate-sourcing", "--gold", str(gold), "--articles", str(SAMPLE_DIR)]) == 0
    out = capsys.readouterr().out
    assert "2022-08-11_russia-troops-ukraine" in out and "overall" in out
    assert "F1_any" in out and "count_err" in out


def test_the_command_on_the_fixtures(capsys):
    code = main(["evaluate-sourcing", "--gold", str(FIXTURES / "gold"), "--articles", str(FIXTURES / "articles"),
                 "-q"])
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert sum(line.lstrip().startswith("20") for line in lines) == 8
    assert lines[-1].split()[0] == "overall"


def test_bad_labels_are_reported(tmp_path, capsys):
    bad = write_labels(tmp_path / "bad", [{"article": "x.txt", "attributions": [
        {"speaker": "Someone", "kind": "famous", "quotes": 1, "direct": False}]}])
    with pytest.raises(ValueError, match="famous"):
        load_gold(bad)
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path / "empty")
    missing = write_labels(tmp_path / "missing", [{"article": "not-here.txt", "attributions": []}])
    assert main(["evaluate-sourcing", "--gold", str(missing), "--articles", str(SAMPLE_DIR)]) == 2
    assert "not-here" in capsys.readouterr().err


def test_shared_gold_when_present():
    # the shared labels of the sample, when the shared folder is beside the project
    shared_gold = PROJECT_ROOT.parent / "shared" / "gold"
    if not (shared_gold / "2022-08-11_russia-troops-ukraine.json").exists():
        pytest.skip("no shared gold labels")
    scores, _ = evaluate_sourcing(shared_gold, kit.load_articles(SAMPLE_DIR))
    assert scores.set_index("article_id").loc["overall", "f1"] == 1.0
