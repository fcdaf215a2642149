"""Tests for kit.evaluate_polnear: the brat reader, the scorer and the command.

The fixture is a tiny PolNeAR-shaped folder written here (no PolNeAR text or label is
ever copied into the project). A last test scores the real dev split when a checkout
is found (environment variable ``KIT_POLNEAR``, or ``../polnear`` beside the project)
and skips otherwise.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from kit.cli import main
from kit.config import PROJECT_ROOT
from kit.evaluate_polnear import (evaluate_polnear, load_polnear, parse_ann, score_polnear, source_type)

TEXT = ('Mayor Jane Roe said the bridge would reopen in May. "It is safe now," she said. '
        'Officials denied the claim. The council voted.\n')


def span(text: str, words: str, nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return f"{start} {start + len(words)}"


def ann_for(text: str) -> str:
    """Three attributions with a source, one without, a two-part content, a note and a
    text field running over two lines."""
    t = text
    quote = '"It is safe now,"'
    lines = [
        f"T1\tSource {span(t, 'Mayor Jane Roe')}\tMayor Jane Roe",
        f"T2\tCue {span(t, 'said')}\tsaid",
        f"T3\tContent {span(t, 'the bridge would')};{span(t, 'reopen in May')}\tthe bridge would reopen in May",
        f"T4\tAttribution {span(t, 'said')}\tsaid",
        "E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3",
        f"T5\tSource {span(t, 'she')}\tshe",
        f"T6\tCue {span(t, 'said', 1)}\tsaid",
        f"T7\tContent {span(t, quote)}\t\"It is safe",
        "now,\"",
        f"T8\tAttribution {span(t, 'said', 1)}\tsaid",
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        f"T9\tSource {span(t, 'Officials')}\tOfficials",
        f"T10\tCue {span(t, 'denied')}\tdenied",
        f"T11\tContent {span(t, 'the claim')}\tthe claim",
        f"T12\tAttribution {span(t, 'denied')}\tdenied",
        "E3\tAttribution:T12 Cue:T10 Source:T9 Content:T11",
        f"T13\tCue {span(t, 'voted')}\tvoted",
        f"T14\tAttribution-no-source {span(t, 'voted')}\tvoted",
        "E4\tAttribution-no-source:T14 Cue:T13",
        "#1\tAnnotatorNotes T13\tnot speech",
    ]
    return "\n".join(lines) + "\n"


def write_checkout(root: Path, split: str = "dev") -> Path:
    base = root / "data" / split
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir(parents=True)
    (base / "text" / "pub_2016-01-01_bridge.txt").write_text(TEXT, encoding="utf-8")
    (base / "attributions" / "pub_2016-01-01_bridge_bbbb.ann").write_text("", encoding="utf-8")
    (base / "attributions" / "pub_2016-01-01_bridge_aaaa.ann").write_text(ann_for(TEXT), encoding="utf-8")
    return root


def test_parse_ann_reads_spans_and_drops_sourceless_events():
    gold = parse_ann(ann_for(TEXT))
    assert [g.source_text for g in gold] == ["Mayor Jane Roe", "she", "Officials"]
    first = gold[0]
    assert TEXT[first.source[0][0]:first.source[0][1]] == "Mayor Jane Roe"
    assert [TEXT[a:b] for a, b in first.content] == ["the bridge would", "reopen in May"]
    assert [TEXT[a:b] for a, b in gold[2].cue] == ["denied"]


def test_load_uses_the_first_annotator_and_classifies(tmp_path):
    articles, gold = load_polnear(write_checkout(tmp_path), "dev")
    assert articles["article_id"].tolist() == ["pub_2016-01-01_bridge"]
    assert articles["outlet"].tolist() == ["pub"]
    assert gold["annotator"].unique().tolist() == ["aaaa"]
    assert gold["source_text"].tolist() == ["Mayor Jane Roe", "she", "Officials"]
    assert gold["direct"].tolist() == [False, True, False]
    assert gold["source_type"].tolist() == ["name", "pronoun", "description"]


@pytest.mark.parametrize("words, expected", [
    ("Donald Trump", "name"),
    ("Trump", "name"),
    ("The New York Post", "name"),
    ("campaign manager Kellyanne Conway", "name"),
    ("The minister of the economy, Mr. Guajardo Villarreal,", "name"),
    ("Daryl Kimball, executive director of the Arms Control Association", "name"),
    ("he", "pronoun"),
    ("They", "pronoun"),
    ("she herself", "pronoun"),
    ("a senior official", "description"),
    ("Officials", "description"),
    ("sources close to the Clinton campaign", "description"),
    ("The president", "description"),
    ("executive director of the Arms Control Association", "description"),
    ("", "description"),
])
def test_source_type(words, expected):
    assert source_type(words) == expected


def citations(rows):
    return pd.DataFrame(rows, columns=["article_id", "speaker", "source", "kind", "direct", "start", "end"])


def test_scores_by_hand(tmp_path):
    articles, gold = load_polnear(write_checkout(tmp_path), "dev")
    a = "pub_2016-01-01_bridge"
    s1, s2 = TEXT.index("Mayor"), TEXT.index('"It')
    s4 = TEXT.index("The council")
    cits = citations([
        (a, "Jane Roe", "Jane Roe", "named", False, s1, s2 - 1),       # right: "roe" lies in "Mayor Jane Roe"
        (a, "she", "Jane Roe", "named", True, s2, TEXT.index("Officials") - 1),  # right: pronoun
        (a, "", "Jane Roe", "named", True, s2, TEXT.index("Officials") - 1),     # a continuation: its
        # source's head word "roe" is not in the gold source "she", so it is wrong
        (a, "the council", "the council", "institutional", False, s4, len(TEXT) - 1),  # no gold here
    ])
    pairs = score_polnear(cits, gold, articles)
    assert pairs["side"].tolist() == ["citation"] * 4 + ["gold"] * 3
    assert pairs["right"].tolist() == [True, True, False, False, True, True, False]
    assert pairs["source_type"].tolist() == ["name", "pronoun", "name", "description",
                                             "name", "pronoun", "description"]
    from kit.evaluate_polnear import _prf

    s = _prf(pairs)
    assert (s["gold"], s["found"], s["citations"], s["right"]) == (3, 2, 4, 2)
    assert s["precision"] == pytest.approx(2 / 4) and s["recall"] == pytest.approx(2 / 3)
    assert s["f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    # a quote of two sentences is one gold attribution; both of its citations are right
    pairs = score_polnear(citations([(a, "she", "Jane Roe", "named", True, s2, s2 + 10)] * 2), gold, articles)
    assert pairs["right"].tolist() == [True, True, False, True, False]


def test_speaker_offsets_are_used_when_given(tmp_path):
    articles, gold = load_polnear(write_checkout(tmp_path), "dev")
    a = "pub_2016-01-01_bridge"
    end = TEXT.index('"It') - 1
    cits = citations([(a, "Jane Roe", "Jane Roe", "named", False, 0, end)] * 2)
    roe = TEXT.index("Roe")
    cits["speaker_start"] = [TEXT.index("Jane"), TEXT.index("bridge")]   # the second points elsewhere
    cits["speaker_end"] = [roe + 3, TEXT.index("bridge") + 6]
    pairs = score_polnear(cits, gold, articles)
    assert pairs[pairs["side"] == "citation"]["right"].tolist() == [True, False]


def test_a_wrong_speaker_is_wrong(tmp_path):
    articles, gold = load_polnear(write_checkout(tmp_path), "dev")
    a = "pub_2016-01-01_bridge"
    cits = citations([(a, "the mayor's aide", "the mayor's aide", "anonymous", False, 0, TEXT.index('"It') - 1)])
    pairs = score_polnear(cits, gold, articles)
    assert pairs["right"].tolist() == [False, False, False, False]


def test_the_command_scores_a_split_and_refuses_test(tmp_path, capsys):
    root = write_checkout(tmp_path)
    assert main(["evaluate-sourcing", "--polnear", str(root), "--split", "dev"]) == 0
    out = capsys.readouterr().out
    for group in ("overall", "direct", "indirect", "name", "description", "pronoun"):
        assert group in out
    assert main(["evaluate-sourcing", "--polnear", str(root), "--split", "test"]) == 2
    assert "held out" in capsys.readouterr().err
    assert main(["evaluate-sourcing", "--polnear", str(tmp_path / "nowhere"), "--split", "dev"]) == 2
    assert "no PolNeAR dev split" in capsys.readouterr().err
    with pytest.raises(ValueError, match="held out"):
        load_polnear(root, "test")


def _real_checkout() -> Path | None:
    for candidate in (os.environ.get("KIT_POLNEAR"), PROJECT_ROOT.parent / "polnear"):
        if candidate and (Path(candidate) / "data" / "dev" / "attributions").is_dir():
            return Path(candidate)
    return None


def test_real_dev_split_when_present():
    root = _real_checkout()
    if root is None:
        pytest.skip("no PolNeAR checkout (set KIT_POLNEAR to its root)")
    scores, pairs = evaluate_polnear(root, "dev")
    overall = scores.set_index("group").loc["overall"]
    assert scores.attrs["articles"] == 84
    assert overall["gold"] > 1500
    assert 0.0 < overall["precision"] <= 1.0 and 0.0 < overall["recall"] <= 1.0


def test_a_relative_pronoun_speaker_is_its_own_head_word(tmp_path):
    # "Ted Cruz, who said ...": PolNeAR marks "who" as the source; the kit's speaker
    # "who" (at its own offsets) is right, and a speaker pointing at "Ted Cruz" is not
    text = "Voters heard Ted Cruz, who said the plan would fail.\n"
    base = tmp_path / "data" / "dev"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir(parents=True)
    (base / "text" / "pub_2016-01-02_who.txt").write_text(text, encoding="utf-8")
    ann = "\n".join([
        f"T1\tSource {span(text, 'who')}\twho",
        f"T2\tCue {span(text, 'said')}\tsaid",
        f"T3\tContent {span(text, 'the plan would fail')}\tthe plan would fail",
        f"T4\tAttribution {span(text, 'said')}\tsaid",
        "E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3",
    ]) + "\n"
    (base / "attributions" / "pub_2016-01-02_who_aaaa.ann").write_text(ann, encoding="utf-8")
    articles, gold = load_polnear(tmp_path, "dev")
    a = "pub_2016-01-02_who"
    cits = citations([(a, "who", "Ted Cruz", "named", False, 0, len(text) - 1)] * 2)
    cits["speaker_start"] = [text.index("who"), text.index("Ted")]
    cits["speaker_end"] = [text.index("who") + 3, text.index("Cruz") + 4]
    pairs = score_polnear(cits, gold, articles)
    assert pairs[pairs["side"] == "citation"]["right"].tolist() == [True, False]
