"""Tests for kit.gender: evidence from the article's words, the first-name threshold,
the columns added to the sources, and the summaries."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import kit
from kit.gender import (add_gender, citation_gender, described_gender, gender_by, gender_counts, name_gender,
                        person_gender)


@pytest.mark.parametrize("text, name, gender, evidence", [
    # honorifics outrank everything
    ("Ms. Robin Vale said the plan would work.", "Robin Vale", "female", "text: Ms. x1"),
    ("Mr. Haagenrud said the fire was out.", "Haagenrud", "male", "text: Mr. x1"),
    ("Vale said the plan failed. Mr. Vale added that it was over.", "Vale", "male", "text: Mr. x1"),
    # a role noun before the name, or in an apposition after it
    ("Company spokeswoman Kim Lee told reporters the firm was ready.", "Kim Lee", "female", "text: spokeswoman x1"),
    ("Spokeswoman Kim Lee told reporters the firm was ready.", "Kim Lee", "female", "text: spokeswoman x1"),
    ("Jan Novak, a mother of two, said the school shut.", "Jan Novak", "female", "text: mother x1"),
    ("Jan Novak, 44, a local businessman, said the school shut.", "Jan Novak", "male", "text: businessman x1"),
    ("Queen Elizabeth said the nation would recover.", "Elizabeth", "female", "text: queen x1"),
    # a possessive or a preposition: the noun is someone else
    ("Jan Novak, whose mother lives there, said the school shut.", "Jan Novak", "unknown",
     "unknown: first name Jan: used for both genders (p(female) 0.235)"),
    ("Jan Novak, husband Marc Novak and their son said the school shut.", "Jan Novak", "unknown",
     "unknown: first name Jan: used for both genders (p(female) 0.235)"),
    ("The mother of Jan Novak said the school shut.", "Jan Novak", "unknown",
     "unknown: first name Jan: used for both genders (p(female) 0.235)"),
    # pronouns after a mention, outside quotes, before any other name
    # (alone, without a first name that settles it, two pronouns are needed)
    ("Robin Vale said the plan failed. She added that talks go on. Vale said she would stay.", "Robin Vale",
     "female", "text: she/her x2"),
    ("Robin Vale said he was ready. Vale said he would go.", "Robin Vale", "male", "text: he/his x2"),
    ("Robin Vale, who won, said that he was ready. Vale said he would go.", "Robin Vale", "male", "text: he/his x2"),
    ("Robin Vale spoke for an hour. Her speech was long. Vale said she was tired.", "Robin Vale", "female",
     "text: she/her x2"),
    ("Robin Vale said he was ready.", "Robin Vale", "unknown",
     "unknown: one pronoun only (he/his x1); first name Robin: used for both genders (p(female) 0.255)"),
    ("Erna Vale said she was ready.", "Erna Vale", "female",
     "text: she/her x1; first name Erna: female (p(female) 0.984) in nomquamgender's data"),
    # a pronoun that does not open a clause, or follows a quote, may be someone else's
    ("Robin Vale talked of things she had come to believe.", "Robin Vale", "unknown",
     "unknown: first name Robin: used for both genders (p(female) 0.255)"),
    ('Robin Vale left. "We won," she said.', "Robin Vale", "unknown",
     "unknown: first name Robin: used for both genders (p(female) 0.255)"),
    ("Robin Vale met with her and others.", "Robin Vale", "unknown",
     "unknown: first name Robin: used for both genders (p(female) 0.255)"),
    # "women." ends a sentence: it is not a noun for the person named next
    ("He spoke of women. Robin Vale said the plan failed.", "Robin Vale", "unknown",
     "unknown: first name Robin: used for both genders (p(female) 0.255)"),
    ('Robin Vale said: "She was wrong about it."', "Robin Vale", "unknown",
     "unknown: first name Robin: used for both genders (p(female) 0.255)"),
    ("Robin Vale met Jane Roe. She said the talks failed.", "Robin Vale", "unknown",
     "unknown: first name Robin: used for both genders (p(female) 0.255)"),
    ("Robin Vale thanked the woman for her help.", "Robin Vale", "unknown",
     "unknown: first name Robin: used for both genders (p(female) 0.255)"),
    # pronouns of both genders, or pronouns against a clear first name: unknown
    ("Robin Vale said she would stay. Vale said she was sure. Vale said he left.", "Robin Vale", "unknown",
     "unknown: pronouns disagree (she/her x2, he/his x1)"),
    ("Mitch Vale left. He said she was wrong.", "Mitch Vale", "male",
     "text: he/his x1; first name Mitch: male (p(female) 0.037) in nomquamgender's data"),
    ("Mitch Vale met the press, and she was angry.", "Mitch Vale", "unknown",
     "unknown: pronouns (she/her x1) and first name Mitch: male (p(female) 0.037) in nomquamgender's data "
     "disagree"),
    # honorifics of both genders: unknown
    ("Ms. Vale said yes. Mr. Vale said no.", "Vale", "unknown", "unknown: the article's words disagree (Ms. x1, Mr. x1)"),
    # the first name, at the threshold
    ("Erna Solberg said the plan would work.", "Erna Solberg", "female",
     "first name Erna: female (p(female) 0.984) in nomquamgender's data"),
    ("Alexei Tabalov said the plan would work.", "Alexei Tabalov", "male",
     "first name Alexei: male (p(female) 0.008) in nomquamgender's data"),
    ("Said Tabalov, Prime Minister Erna Solberg said.", "Prime Minister Erna Solberg", "female",
     "first name Erna: female (p(female) 0.984) in nomquamgender's data"),
    ("The minister, Erna Solberg, said so. Solberg left.", "Solberg", "female",
     "first name Erna: female (p(female) 0.984) in nomquamgender's data"),
    ("Actor Denzel Washington said the film was done.", "Actor Denzel Washington", "male",
     "first name Denzel: male (p(female) 0.002) in nomquamgender's data"),
    ("Giovanni Maria Vian said the paper was ready.", "Giovanni Maria Vian", "male",
     "first name Giovanni: male (p(female) 0.001) in nomquamgender's data"),
    ("New York Rep. Carolyn Maloney said the bill failed.", "New York Rep. Carolyn Maloney", "female",
     "first name Carolyn: female (p(female) 0.990) in nomquamgender's data"),
    ("J. Smith said nothing new.", "J. Smith", "unknown", "unknown: initial only: J"),
    ("Obaidul Quader said the vote was fair.", "Obaidul Quader", "unknown",
     "unknown: first name Obaidul: not in nomquamgender's data (or seen fewer than 10 times)"),
    # two people share the surname: the surname alone settles nothing
    ("David and Louise Turpin were charged. Turpin said he was innocent.", "Turpin", "unknown",
     "unknown: several people named Turpin and no first name given"),
    ("David and Louise Turpin were charged. Louise Turpin said she was innocent.", "Louise Turpin", "female",
     "text: she/her x1; first name Louise: female (p(female) 0.991) in nomquamgender's data"),
    ("Bill Clinton spoke for his wife Hillary Clinton. Clinton said so.", "Bill Clinton", "male",
     "first name Bill: male (p(female) 0.019) in nomquamgender's data"),
])
def test_person_gender(text, name, gender, evidence):
    assert person_gender(text, name) == (gender, evidence)


@pytest.mark.parametrize("first, expected", [
    ("Jane", "female"), ("Erna", "female"), ("Alexei", "male"), ("Nils-Erik", "male"), ("Erdoğan", "male"),
    ("Jan", "unknown"), ("Robin", "unknown"), ("Andrea", "unknown"), ("J.", "unknown"), ("JK", "unknown"),
    ("Obaidul", "unknown"), ("", "unknown"),
])
def test_name_gender_threshold(first, expected):
    assert name_gender(first)[0] == expected


@pytest.mark.parametrize("speaker, expected", [
    ("a foreign ministry spokeswoman", ("female", "spokeswoman")),
    ("a woman whose boyfriend is serving a sentence there", ("female", "woman")),
    ("a female officer who asked not to be named", ("female", "female")),
    ("the boy's father", ("male", "father")),
    ("officials", (None, "")),
    ("a senior official", (None, "")),
])
def test_described_gender(speaker, expected):
    assert described_gender(speaker) == expected


def frames():
    articles = pd.DataFrame({
        "article_id": ["a", "b", "c"],
        "text": ["Ms. Jane Roe said the bridge is safe. A ministry spokeswoman said it was not. "
                 "The ministry said so too.",
                 "Alexei Tabalov said the appeal failed. J. Smith said nothing.",
                 "No one was cited."],
        "outlet": ["Daily", "Daily", None],
        "date": pd.to_datetime(["2024-01-05", "2024-02-10", "2024-02-11"]),
    })
    sources = pd.DataFrame({
        "article_id": ["a", "a", "a", "b", "b"],
        "source": ["Jane Roe", "a ministry spokeswoman", "the ministry", "Alexei Tabalov", "J. Smith"],
        "speaker": ["Jane Roe", "a ministry spokeswoman", "the ministry", "Alexei Tabalov", "J. Smith"],
        "kind": ["named", "anonymous", "institutional", "named", "named"],
    })
    return articles, sources


def test_add_gender_columns():
    articles, sources = frames()
    out = add_gender(sources, articles)
    assert list(out.columns) == [*sources.columns, "gender", "gender_evidence", "described_gender"]
    assert out["gender"].tolist() == ["female", pd.NA, pd.NA, "male", "unknown"]
    assert out["described_gender"].tolist() == [pd.NA, "female", pd.NA, pd.NA, pd.NA]
    assert out["gender_evidence"].tolist() == [
        "text: Ms. x1", "described as: spokeswoman", "",
        "first name Alexei: male (p(female) 0.008) in nomquamgender's data", "unknown: initial only: J"]
    assert "gender" not in sources.columns                     # the input is not changed
    with pytest.raises(ValueError, match="not in the articles frame"):
        add_gender(sources, articles[articles["article_id"] != "b"])


def test_citation_gender():
    articles, sources = frames()
    with_gender = add_gender(sources, articles)
    cits = pd.DataFrame({"article_id": ["a", "a", "b"], "source": ["Jane Roe", "a ministry spokeswoman",
                                                                   "Alexei Tabalov"], "verb": ["said"] * 3})
    out = citation_gender(cits, with_gender)
    assert out["gender"].tolist() == ["female", pd.NA, "male"]
    assert out["described_gender"].tolist() == [pd.NA, "female", pd.NA]


def test_gender_counts_and_interval():
    articles, sources = frames()
    counts = gender_counts(add_gender(sources, articles))
    assert counts.columns.tolist() == ["article_id", "named", "female", "male", "unknown", "known", "share_female",
                                       "share_female_low", "share_female_high", "described_female",
                                       "described_male"]
    a, b = counts.to_dict("records")
    assert (a["named"], a["female"], a["male"], a["unknown"], a["known"], a["share_female"]) == (1, 1, 0, 0, 1, 1.0)
    assert (b["named"], b["female"], b["male"], b["unknown"], b["known"], b["share_female"]) == (2, 0, 1, 1, 1, 0.0)
    assert a["described_female"] == 1
    # Wilson interval of 1 of 1 at 95 %: (0.2065, 1.0)
    assert a["share_female_low"] == pytest.approx(0.20654, abs=1e-4) and a["share_female_high"] == pytest.approx(1.0)


def test_gender_by_outlet_and_period():
    articles, sources = frames()
    s = add_gender(sources, articles)
    by_outlet = gender_by(s, articles, "outlet")
    assert by_outlet["outlet"].tolist() == ["(unknown)", "Daily"]
    assert by_outlet["articles"].tolist() == [1, 2]
    assert by_outlet["named"].tolist() == [0, 3]
    assert by_outlet["share_female"].iloc[1] == pytest.approx(0.5)
    assert math.isnan(by_outlet["share_female"].iloc[0])
    by_month = gender_by(s, articles, "period", freq="M")
    assert by_month["period"].dt.month.tolist() == [1, 2]
    assert by_month[["female", "male", "unknown"]].values.tolist() == [[1, 0, 0], [0, 1, 1]]
    assert by_month.attrs["freq"] == "M"


def test_on_the_sample(sample_articles):
    out = add_gender(kit.sources(sample_articles), sample_articles)
    named = out[out["kind"] == "named"]
    assert named["speaker"].tolist() == ["Alexei Tabalov"]
    assert named["gender"].tolist() == ["male"]
    assert out.loc[out["kind"] == "anonymous", "described_gender"].tolist() == ["female"]


def test_no_sources():
    articles, sources = frames()
    out = add_gender(sources.iloc[:0], articles)
    assert out.empty and out["gender_evidence"].dtype == object
    assert gender_counts(out).empty
    by = gender_by(out, articles, "outlet")
    assert by["articles"].tolist() == [1, 2] and by["named"].tolist() == [0, 0]


def test_the_wilson_interval_equals_scipys():
    from scipy.stats import binomtest

    from kit.gender import wilson_interval

    ks, ns = zip(*[(k, n) for n in range(0, 41) for k in range(0, n + 1)])
    for confidence in (0.9, 0.95, 0.99):
        low, high = wilson_interval(ks, ns, confidence)
        for k, n, lo, hi in zip(ks, ns, low, high):
            if n == 0:
                assert np.isnan(lo) and np.isnan(hi)
                continue
            ci = binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
            assert lo == pytest.approx(ci.low, abs=1e-12) and hi == pytest.approx(ci.high, abs=1e-12), (k, n)
