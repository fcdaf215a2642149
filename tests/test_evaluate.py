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
    assert overall["gold"] == 46
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


def test_labelled_sets_finds_the_written_set_and_subfolders(tmp_path):
    from kit.evaluate import labelled_sets

    for sub in ("", "wikinews/", "half/"):
        (tmp_path / f"{sub}articles").mkdir(parents=True)
    for sub in ("", "wikinews/"):
        (tmp_path / f"{sub}gold").mkdir(parents=True, exist_ok=True)
    found = labelled_sets(tmp_path)
    assert list(found) == ["written", "wikinews"]
    assert found["wikinews"] == (tmp_path / "wikinews" / "gold", tmp_path / "wikinews" / "articles")
    with pytest.raises(FileNotFoundError):
        labelled_sets(tmp_path / "half")


def test_evaluate_sets_scores_each_set_and_all(tmp_path):
    from kit.evaluate import evaluate_sets

    gold = write_labels(tmp_path / "gold", [SAMPLE_LABELS])
    scores, matches = evaluate_sets({"sample": (gold, SAMPLE_DIR), "fixtures": (FIXTURES / "gold",
                                                                              FIXTURES / "articles")})
    assert scores["set"].tolist() == ["sample", "fixtures", "overall"]
    assert scores["articles"].tolist() == [1, 8, 9]
    assert scores["gold"].tolist() == [3, 46, 49]
    assert matches["set"].unique().tolist() == ["sample", "fixtures"]


def test_the_command_without_gold_scores_the_committed_sets(capsys):
    assert main(["evaluate-sourcing", "-q"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Gender of named sources")
    assert lines[2].split() == ["set", "articles", "gold", "predicted", "P", "R", "F1", "F1_any", "count_err",
                                "direct_ok"]
    assert lines[3].split()[:3] == ["written", "8", "46"]
    assert lines[-1].split()[0] == "overall"
    assert main(["evaluate-sourcing", "--split", "train"]) == 2
    assert "--polnear" in capsys.readouterr().err


def test_gender_accuracy_and_coverage():
    gold = pd.DataFrame([
        ("a", "Jane Roe", "named", 1, False, "female"),
        ("a", "Alexei Tabalov", "named", 1, False, "male"),
        ("a", "Kim Lee", "named", 1, False, "female"),
        ("a", "Pat Doe", "named", 1, False, "unknown"),      # not counted: the label does not know
        ("a", "Sam Poe", "named", 1, False, "male"),          # not matched: not counted
        ("a", "the ministry", "institutional", 1, False, None),
    ], columns=["article_id", "speaker", "kind", "quotes", "direct", "gender"])
    pred = predicted([("a", "Jane Roe", "named", 1, False), ("a", "Tabalov", "named", 1, False),
                      ("a", "Kim Lee", "named", 1, False), ("a", "Pat Doe", "named", 1, False),
                      ("a", "the ministry", "institutional", 1, False)])
    pred["gender"] = ["female", "female", "unknown", "male", None]
    pred["gender_evidence"] = ["text: Ms. x1", "first name", "unknown: x", "first name", ""]
    m = match_sources(pred, gold)
    s = _score(m)
    assert (s["gender_gold"], s["gender_assigned"], s["gender_right"]) == (3, 2, 1)
    assert s["gender_accuracy"] == pytest.approx(0.5) and s["gender_coverage"] == pytest.approx(2 / 3)
    from kit.evaluate import _error_lines, gender_line

    assert gender_line(pd.Series(s)) == ("Gender of named sources (matched, labelled female or male: 3): "
                                         "assigned 2 (coverage 66.7%), right 1 (accuracy on assigned 0.500)")
    assert "  gender  a: Alexei Tabalov gold male, predicted female (first name)" in _error_lines(m)


def test_gender_labels_are_checked(tmp_path):
    bad = write_labels(tmp_path / "bad", [{"article": "x.txt", "attributions": [
        {"speaker": "Jane Roe", "kind": "named", "quotes": 1, "direct": False, "gender": "woman"}]}])
    with pytest.raises(ValueError, match="woman"):
        load_gold(bad)


def test_the_report_gives_gender_on_the_sample(tmp_path, capsys):
    labels = json.loads(json.dumps(SAMPLE_LABELS))
    labels["attributions"][1]["gender"] = "male"
    gold = write_labels(tmp_path / "gold", [labels])
    assert main(["evaluate-sourcing", "--gold", str(gold), "--articles", str(SAMPLE_DIR), "-q"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == ("Gender of named sources (matched, labelled female or male: 1): assigned 1 (coverage 100.0%), "
                     "right 1 (accuracy on assigned 1.000)")
