"""The explorer page (kit/explorer.py): its embedded data, its escaping, and (marker
``e2e``) clicking through it in headless Chromium."""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from kit.explorer import explorer_data, explorer_html, write_explorer

PAYLOAD = "<img src=x onerror=alert(1)>"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def hostile_articles() -> pd.DataFrame:
    """Two articles whose title, id and text carry HTML and script payloads."""
    text = (f'Troops crossed the river {PAYLOAD}. "The troops are tired," said Alexei Tabalov, a lawyer.\n\n'
            f"Officials said the troops would stay. </script><script>alert(2)</script> The army denied it.")
    other = ("Prices rose again. \"Inflation is high,\" the central bank said.\n\n"
             "Economists said prices would keep rising as the market slowed.")
    return pd.DataFrame({"article_id": [f'a1"{PAYLOAD}', "b2"], "title": [f"War {PAYLOAD}", "Prices"],
                         "date": pd.to_datetime(["2022-01-01", "2022-06-01"]), "outlet": ["X & Y", "Z"],
                         "text": [text, other]})


def _embedded(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kit-data">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def test_payloads_are_escaped_and_round_trip():
    page = explorer_html(explorer_data(hostile_articles(), title=f"corpus {PAYLOAD}"))
    assert "<img" not in page and "alert(2)</script>" not in page
    assert page.count("</script>") == 2  # the data block and the script: nothing closes either early
    assert page.count("<script") == 2
    assert f"<title>Explorer: corpus &lt;img src=x onerror=alert(1)&gt;</title>" in page
    data = _embedded(page)
    assert data["articles"][0] == [f'a1"{PAYLOAD}', f"War {PAYLOAD}", "2022-01-01", "X & Y"]
    assert PAYLOAD in data["texts"]["0"]["text"] and "</script><script>alert(2)" in data["texts"]["0"]["text"]
    assert "innerHTML" not in page and "insertAdjacentHTML" not in page and "document.write" not in page


def test_embedded_data_terms_lines_and_citations(sample_articles):
    data = explorer_data(sample_articles, n_terms=6, n_lines=3)
    assert data["articles"] == [["2022-08-11_russia-troops-ukraine",
                                 sample_articles["title"].iloc[0], "2022-08-11", sample_articles["outlet"].fillna("").iloc[0]]]
    assert 0 < len(data["terms"]) <= 6
    for term in data["terms"]:
        assert 1 <= len(term["lines"]) <= 3
        assert all(line[0] == 0 and line[2].casefold().startswith(term["term"].split()[0]) for line in term["lines"])
    text = data["texts"]["0"]
    kinds = sorted({c[2] for c in text["cites"]})
    assert kinds == ["anonymous", "institutional", "named"] and not text["cut"]
    for start, end, *_ in text["cites"]:
        assert 0 <= start < end <= len(text["text"])


def test_limits_keep_the_page_small():
    articles = pd.concat([hostile_articles()] * 30, ignore_index=True)
    articles["article_id"] = [f"id{i}" for i in range(len(articles))]
    data = explorer_data(articles, n_terms=4, n_lines=2, max_texts=5, max_chars=50)
    assert len(data["articles"]) == 60 and len(data["texts"]) == 5
    assert all(len(t["text"]) <= 50 and t["cut"] for t in data["texts"].values())
    assert len(data["terms"]) <= 4 and all(len(t["lines"]) <= 2 for t in data["terms"])


def test_write_explorer_is_atomic_and_reads_a_folder(tmp_path):
    from kit.config import PROJECT_ROOT

    path = write_explorer(PROJECT_ROOT / "data" / "articles", tmp_path)
    assert path == tmp_path / "explorer.html" and [p.name for p in tmp_path.iterdir()] == ["explorer.html"]
    assert "<title>Explorer: articles</title>" in path.read_text(encoding="utf-8")


# --- in a real browser --------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if os.environ.get("KIT_E2E") != "1":
        pytest.skip("set KIT_E2E=1 to click through the explorer in headless Chromium (see README)")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run bash tools/install_e2e.sh")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is missing: run bash tools/install_e2e.sh")
    with tempfile.TemporaryDirectory(prefix="kit-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(profile, executable_path=str(CHROMIUM), headless=True,
                                                        args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 900})
        try:
            yield context
        finally:
            context.close()


@pytest.mark.e2e
@pytest.mark.parametrize("corpus", ["sample", "hostile"])
def test_click_a_term_then_an_article_in_chromium(browser, corpus, sample_articles, tmp_path):
    articles = sample_articles if corpus == "sample" else hostile_articles()
    path = write_explorer(articles, tmp_path, title=f"test {PAYLOAD}")
    page = browser.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(path.as_uri())
        first = page.locator("button.term").first
        term = first.inner_text()
        first.click()
        lines = page.locator("tr.kwic-line")
        lines.first.wait_for(state="visible", timeout=10_000)
        assert lines.count() >= 1
        assert term.split()[0] in lines.first.locator("td.match").inner_text().casefold()
        lines.first.locator("td.src a").click()
        page.locator("#article .article").wait_for(state="visible", timeout=10_000)
        assert page.locator("#article .cite").count() >= 1
        page.wait_for_timeout(300)
        assert dialogs == [] and errors == []
        assert page.locator("img").count() == 0  # no payload became an element
        if corpus == "hostile":
            assert PAYLOAD in page.locator("#article .article").inner_text()
    finally:
        page.close()


def _two_outlets() -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["a", "b", "c", "d"], "outlet": ["X", "X", "Y", "Y"],
                         "text": ["Troops crossed the river.", "Troops moved north.", "Prices rose.", "Prices fell."]})


def test_terms_are_those_that_pass_the_test_given_as_scores():
    scores = pd.DataFrame({"group": ["X", "X", "Y", "Y"], "term": ["troops", "river", "prices", "fell"],
                           "z": [3.0, 2.0, 2.5, 1.0], "count": [2, 1, 2, 1], "count_other": [0, 0, 0, 0],
                           "passes": [True, False, True, False]})
    data = explorer_data(_two_outlets(), scores=scores)
    assert [(t["term"], t["side"], t["z"]) for t in data["terms"]] == [("troops", "X", 3.0), ("prices", "Y", 2.5)]
    assert data["compared"].endswith(": words that pass the permutation test over articles")
    # as read back from notebook 02's CSV: passes as text
    again = explorer_data(_two_outlets(), scores=scores.astype({"passes": str}))
    assert [t["term"] for t in again["terms"]] == ["troops", "prices"]


def test_when_no_word_passes_the_page_shows_the_most_frequent_words_and_says_why():
    data = explorer_data(_two_outlets(), permutations=50)  # four articles: nothing can pass
    assert {t["side"] for t in data["terms"]} == {"corpus"}
    assert data["compared"].startswith("the corpus: its most frequent words (no word passes the permutation test")


def test_a_run_reuses_notebook_02s_table_instead_of_testing_again(tmp_path, monkeypatch):
    from types import SimpleNamespace

    import kit.words
    from kit.explorer import write_run_explorer

    data = tmp_path / "articles"
    data.mkdir()
    for row in _two_outlets().itertuples():
        (data / f"{row.article_id}.txt").write_text(f"{row.text}\n\n{row.text}", encoding="utf-8")
    out = tmp_path / "out"
    (out / "02_word_frequencies").mkdir(parents=True)
    scores = pd.DataFrame({"group": ["earlier", "later"], "term": ["troops", "prices"], "z": [3.0, 2.5],
                           "count": [2, 2], "count_other": [0, 0], "passes": [True, True]})
    scores.to_csv(out / "02_word_frequencies" / "distinctive_terms_all.csv", index=False)
    monkeypatch.setattr(kit.words, "two_groups", lambda a: a.assign(group="earlier").pipe(
        lambda f: f.assign(group=["earlier", "earlier", "later", "later"][:len(f)])).pipe(
        lambda f: (f.attrs.update(groups=("earlier", "later"), description="halves"), f)[1]))

    def no_second_test(*args, **kwargs):
        raise AssertionError("the explorer ran the permutation test again")
    monkeypatch.setattr(kit.words, "distinctive_terms", no_second_test)
    run = SimpleNamespace(ok=True, folders=["02_word_frequencies"])
    result = SimpleNamespace(data=str(data), out=out, articles=4, load_error=None, notebooks=[run])
    page = write_run_explorer(result).read_text(encoding="utf-8")
    got = _embedded(page)
    assert [(t["term"], t["side"]) for t in got["terms"]] == [("troops", "earlier"), ("prices", "later")]


def test_write_explorer_refuses_a_page_it_did_not_write(tmp_path):
    from kit.synth import synthetic_corpus

    articles = synthetic_corpus(4, seed=1, words=120)
    (tmp_path / "explorer.html").write_text("<h1>my own explorer page</h1>", encoding="utf-8")
    with pytest.raises(FileExistsError, match="refusing to overwrite"):
        write_explorer(articles, tmp_path)
    assert (tmp_path / "explorer.html").read_text(encoding="utf-8") == "<h1>my own explorer page</h1>"
    path = write_explorer(articles, tmp_path / "new")
    assert write_explorer(articles, tmp_path / "new") == path  # its own page it rewrites
