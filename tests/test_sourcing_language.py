"""Sourcing warns, naming the articles, when their text is not English it can read."""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

import kit


@pytest.mark.parametrize("verb", [kit.sources, kit.attributions, kit.sourcing_summary])
def test_sourcing_names_the_articles_it_cannot_read(verb):
    articles = pd.DataFrame({
        "article_id": ["ru", "caps", "zh", "en"],
        "text": ["Министр заявил, что переговоры продолжатся в понедельник.",
                 "THE MINISTER SAID THE TALKS WOULD GO ON, OFFICIALS SAID.",
                 "部长说，会谈将于星期一继续。官员们说，双方的立场仍然相距甚远，但是他们希望在本周末之前达成协议。",
                 "The minister said the talks would go on."],
    })
    with pytest.warns(UserWarning, match=r"3 article\(s\) are not English") as caught:
        verb(articles)
    message = next(str(w.message) for w in caught if "not English" in str(w.message))
    assert "ru (Cyrillic script)" in message and "caps (all capitals)" in message and "zh (" in message
    assert "en" not in message.split(": ", 1)[1].replace("(", " ").split()


def test_english_articles_give_no_language_warning():
    articles = pd.DataFrame({"article_id": ["en"], "text": ["The minister said the talks would go on."]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kit.sources(articles)


def test_highlight_sources_checks_only_the_article_it_shows():
    # a notebook highlights one article after another: each call reads one article,
    # not the whole corpus again, and warns only about the article it shows
    articles = pd.DataFrame({
        "article_id": ["ru", "en"],
        "text": ["Министр заявил, что переговоры продолжатся в понедельник.",
                 "The minister said the talks would go on."],
    })
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "the talks would go on" in kit.highlight_sources(articles, "en")
    with pytest.warns(UserWarning, match=r"ru \(Cyrillic script\)"):
        kit.highlight_sources(articles, "ru")
    with pytest.raises(KeyError, match="no article with article_id 'zz'"):
        kit.highlight_sources(articles, "zz")
