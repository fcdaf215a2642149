"""The loader: the sample, every format, every source form, and bad input."""
from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit.load import ARTICLE_COLUMNS, LoadError, LoadWarning, load_articles, load_report, parse_plain_text

from conftest import SAMPLE_DIR, SAMPLE_ID


def load_quietly(source, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        return load_articles(source, **kw)


# ----------------------------------------------------------------------------- the sample

def test_sample_title_date_and_clean_text(sample_articles):
    assert len(sample_articles) == 1
    a = sample_articles.iloc[0]
    assert a["article_id"] == SAMPLE_ID
    assert a["title"] == "Russia struggles to replenish its troops in Ukraine; 9 Russian warplanes destroyed in Crimea"
    assert a["date"] == pd.Timestamp("2022-08-11")
    assert a["text"].startswith("The prisoners at the penal colony")
    assert a["text"].endswith("half marathon in Siberia in May.")
    for junk in ("Skip to main content", "AP Photo", "FILE -", "Russia Ukraine\n", "date 2022"):
        assert junk not in a["text"]
    assert a["captions"].startswith("FILE - Russian soldiers guard an area")
    assert a["section"] == "Russia Ukraine"
    assert a["n_paragraphs"] == 7
    assert a["format"] == "txt" and a["encoding"] == "utf-8"


def test_articles_frame_shape(sample_articles):
    assert list(sample_articles.columns) == ARTICLE_COLUMNS
    assert sample_articles["date"].dtype == "datetime64[ns]"
    assert sample_articles["n_words"].dtype == "int64"
    assert sample_articles.attrs == {"skipped": [], "notes": [], "files": 1}


def test_default_source_is_the_shipped_data():
    assert load_articles()["article_id"].tolist() == [SAMPLE_ID]


def test_ids_are_stable_across_reruns(other_corpus_dir):
    a, b = load_quietly(other_corpus_dir), load_quietly(other_corpus_dir)
    pd.testing.assert_frame_equal(a, b)
    assert a["article_id"].is_unique


# ----------------------------------------------------------------------------- formats

def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


BODY = "The mayor said the bridge would reopen in May.\n\nEngineers found no damage, officials said."


def test_txt_with_header_lines(tmp_path):
    write(tmp_path, "a.txt", f"title: Bridge to reopen\ndate: 2023-04-02\noutlet: City Paper\n"
                             f"url: https://example.org/bridge\nbyline: Jane Roe\n\n{BODY}\n")
    a = load_articles(tmp_path).iloc[0]
    assert (a["title"], a["outlet"], a["url"], a["byline"]) == (
        "Bridge to reopen", "City Paper", "https://example.org/bridge", "Jane Roe")
    assert a["date"] == pd.Timestamp("2023-04-02")
    assert a["text"] == BODY
    assert (a["n_words"], a["n_paragraphs"]) == (15, 2)


def test_markdown_with_front_matter(tmp_path):
    write(tmp_path, "b.md", f"---\ndate: 2023-04-03\noutlet: Metro\n---\n\n# Bridge to reopen\n\nBy JANE ROE\n\n{BODY}\n")
    a = load_articles(tmp_path).iloc[0]
    assert (a["title"], a["outlet"], a["byline"], a["text"]) == ("Bridge to reopen", "Metro", "JANE ROE", BODY)


def test_plain_text_without_header_takes_date_from_file_name():
    parsed = parse_plain_text(f"Bridge to reopen\n\n{BODY}", stem="2021-02-03_bridge")
    assert (parsed["title"], parsed["date"], parsed["text"]) == ("Bridge to reopen", "2021-02-03", BODY)


def test_html_page_through_trafilatura(tmp_path):
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    write(tmp_path, "page.html", (
        "<!doctype html><html><head><title>Bridge to reopen | City Paper</title>"
        "<meta property='og:title' content='Bridge to reopen'>"
        "<meta property='og:site_name' content='City Paper'>"
        "<meta name='author' content='Jane Roe'>"
        "<meta property='article:published_time' content='2023-04-02T09:00:00Z'>"
        "<link rel='canonical' href='https://example.org/bridge'></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Bridge to reopen</h1>{paras}"
        "</article><footer>Copyright 2023 City Paper. All rights reserved.</footer></body></html>"))
    a = load_articles(tmp_path).iloc[0]
    assert (a["title"], a["outlet"], a["url"], a["byline"]) == (
        "Bridge to reopen", "City Paper", "https://example.org/bridge", "Jane Roe")
    assert a["date"] == pd.Timestamp("2023-04-02")
    assert a["text"] == BODY
    assert a["format"] == "html"


RECORD = {"headline": "Bridge to reopen", "body": BODY, "published": "2023-04-02T10:00:00+02:00",
          "link": "https://example.org/bridge", "source": {"id": "cp", "name": "City Paper"},
          "authors": ["Jane Roe", "John Doe"]}


@pytest.mark.parametrize("name, content", [
    ("one.json", json.dumps(RECORD)),
    ("list.json", json.dumps([RECORD])),
    ("wrapped.json", json.dumps({"status": "ok", "articles": [RECORD]})),
    ("lines.jsonl", json.dumps(RECORD) + "\n"),
])
def test_json_records_match_usual_field_names(tmp_path, name, content):
    write(tmp_path, name, content)
    a = load_articles(tmp_path).iloc[0]
    assert (a["title"], a["text"], a["url"], a["outlet"], a["byline"]) == (
        "Bridge to reopen", BODY, "https://example.org/bridge", "City Paper", "Jane Roe, John Doe")
    assert a["date"] == pd.Timestamp("2023-04-02 08:00:00")  # converted to UTC
    stem = name.split(".")[0]
    assert a["article_id"] == (stem if name == "one.json" else f"{stem}#1")


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_csv_with_any_delimiter(tmp_path, sep):
    frame = pd.DataFrame({"Headline": ["First", "Second"], "Content": [BODY, "Another story, said officials."],
                          "Date": ["2023-01-05", "not a date"], "Site": ["A", "B"]})
    frame.to_csv(tmp_path / "c.csv", index=False, sep=sep)
    got = load_articles(tmp_path)
    assert got["article_id"].tolist() == ["c#1", "c#2"]
    assert got["title"].tolist() == ["First", "Second"]
    assert got["outlet"].tolist() == ["A", "B"]
    assert got["text"].tolist() == [BODY, "Another story, said officials."]
    assert got["date"].iloc[0] == pd.Timestamp("2023-01-05") and pd.isna(got["date"].iloc[1])


# ----------------------------------------------------------------------------- source forms

def test_folder_file_glob_and_list(tmp_path):
    write(tmp_path, "x/a.txt", f"A title\n\n{BODY}")
    write(tmp_path, "x/deeper/b.txt", f"B title\n\n{BODY} More text.")
    write(tmp_path, "y/c.txt", f"C title\n\n{BODY} Other text.")
    assert load_articles(tmp_path)["article_id"].tolist() == ["a", "b", "c"]
    assert load_articles(tmp_path / "x" / "a.txt")["article_id"].tolist() == ["a"]
    assert load_articles(str(tmp_path / "**" / "*.txt"))["article_id"].tolist() == ["a", "b", "c"]
    assert load_articles([tmp_path / "y", tmp_path / "x" / "a.txt"])["article_id"].tolist() == ["c", "a"]
    with pytest.raises(FileNotFoundError, match="no such file"):
        load_articles(tmp_path / "missing")


def test_same_file_name_in_two_folders_gets_two_ids(tmp_path):
    write(tmp_path, "one/story.txt", f"A title\n\n{BODY}")
    write(tmp_path, "two/story.txt", f"B title\n\nA different body, the minister said.")
    assert load_articles(tmp_path)["article_id"].tolist() == ["story", "two/story"]


# ----------------------------------------------------------------------------- bad input

@pytest.fixture()
def bad_folder(tmp_path) -> Path:
    d = tmp_path / "bad"
    write(d, "good.txt", f"A good article\n\n{BODY}")
    write(d, "empty.txt", b"")
    write(d, "blank.txt", "  \n\n  \n")
    write(d, "binary.txt", bytes(range(256)) * 4)
    write(d, "really_a_pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    write(d, "cp1252.txt", "Caf\u00e9 owners\n\nThe caf\u00e9 \u2013 na\u00efve or not \u2013 reopened, its owner said.".encode("cp1252"))
    write(d, "latin1.txt", "Se\u00f1or Ni\u00f1o\n\nThe se\u00f1or reopened the shop on Tuesday, he said.".encode("latin-1"))
    write(d, "malformed.json", '{"title": "x", "text": "unterminated')
    write(d, "malformed.csv", 'title,text\n"one,"unclosed quote\n')
    write(d, "no_text_column.csv", "title,date\nA,2020-01-01\n")
    write(d, "ragged.csv", f'title,text\nFine,"{BODY} Ragged."\nBad,row,with,extra\n')
    write(d, "records.jsonl", json.dumps({"title": "ok", "text": "A fine record, the mayor said."}) + "\n"
          + "{not json}\n" + json.dumps({"title": "no text"}) + "\n" + json.dumps(["not", "an", "object"]) + "\n")
    write(d, "good_copy.txt", f"A good article again\n\n{BODY}")
    write(d, "page.txt", f"<!DOCTYPE html><html><head><title>Hidden page</title></head><body><article>"
                         f"<h1>Hidden page</h1><p>{BODY.split(chr(10))[0]} It is a page saved as text.</p></article></body></html>")
    write(d, "notes.pdf", b"%PDF-1.4")
    write(d, "only_boilerplate.txt", "Skip to main content\n\nAdvertisement\n\nAP Photo, File\n")
    with open(d / "huge.txt", "wb") as f:  # a sparse 11 MiB file: over the 10 MiB single-article limit
        f.truncate(11 * 2**20)
    return d


EXPECTED_SKIPS = {
    "empty.txt": "empty file",
    "blank.txt": "only whitespace",
    "binary.txt": "binary file",
    "really_a_pdf.txt": "looks like a PDF",
    "malformed.json": "malformed JSON",
    "malformed.csv": "malformed CSV",
    "no_text_column.csv": "no text column",
    "good_copy.txt": "duplicate",
    "notes.pdf": "unsupported file type '.pdf'",
    "only_boilerplate.txt": "no article text",
    "huge.txt": "file too large",
}


def test_bad_folder_loads_and_accounts_for_every_file(bad_folder):
    with pytest.warns(LoadWarning) as record:
        articles = load_articles(bad_folder)
    messages = [str(w.message) for w in record]
    report = load_report(articles)
    on_disk = {str(p) for p in bad_folder.iterdir()}
    assert set(report["path"]) == on_disk  # every input file accounted for
    loaded = dict(zip(articles["article_id"], articles["text"]))
    assert set(loaded) == {"good", "cp1252", "latin1", "ragged#1", "records#1", "page"}
    assert loaded["cp1252"] == "The caf\u00e9 \u2013 na\u00efve or not \u2013 reopened, its owner said."
    assert loaded["latin1"] == "The se\u00f1or reopened the shop on Tuesday, he said."
    assert articles.set_index("article_id").loc["cp1252", "encoding"] == "cp1252"
    skipped = report[report["status"] == "skipped"]
    for name, reason in EXPECTED_SKIPS.items():
        rows = skipped[skipped["path"] == str(bad_folder / name)]
        assert len(rows) == 1 and reason in rows["reason"].iloc[0], (name, rows["reason"].tolist())
        assert any(m.startswith(str(bad_folder / name)) and reason in m for m in messages), name
    per_record = skipped[skipped["path"].str.endswith("records.jsonl")].sort_values("record")
    assert per_record["record"].tolist() == [2, 3, 4]
    assert ["malformed JSON" in per_record["reason"].iloc[0], "no text" in per_record["reason"].iloc[1],
            "not an object" in per_record["reason"].iloc[2]] == [True, True, True]
    ragged = skipped[skipped["path"].str.endswith("ragged.csv")]
    assert ragged["record"].tolist() == [2] and "4 fields" in ragged["reason"].iloc[0]
    notes = report.set_index("path")["reason"]
    assert "decoded as cp1252" in notes[str(bad_folder / "cp1252.txt")]
    assert "read as a web page" in notes[str(bad_folder / "page.txt")]


def test_strict_raises_naming_the_file(bad_folder):
    with pytest.raises(LoadError, match=r"binary\.txt: binary file"):
        load_articles([bad_folder / "good.txt", bad_folder / "binary.txt"], strict=True)


def test_max_bytes_is_a_parameter(tmp_path):
    write(tmp_path, "a.txt", f"A title\n\n{BODY}")
    got = load_quietly(tmp_path, max_bytes=20)
    assert got.empty and "over the limit" in got.attrs["skipped"][0]["reason"]
    assert list(got.columns) == ARTICLE_COLUMNS and got["date"].dtype == "datetime64[ns]"


# ----------------------------------------------------------------------------- properties

SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".csv"]
settings_ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@settings_
@given(content=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_never_stop_a_load_and_are_accounted_for(tmp_path_factory, content, suffix):
    d = tmp_path_factory.mktemp("prop")
    write(d, "good.txt", f"Good\n\n{BODY}")
    write(d, f"fuzz{suffix}", content)
    articles = load_quietly(d)
    report = load_report(articles)
    assert set(report["path"]) == {str(d / "good.txt"), str(d / f"fuzz{suffix}")}
    assert "good" in set(articles["article_id"])
    assert (articles["n_words"] == [kit.count_words(t) for t in articles["text"]]).all()


@settings_
@given(text=st.text(max_size=800))
def test_any_text_loads_or_is_reported(tmp_path_factory, text):
    d = tmp_path_factory.mktemp("prop")
    write(d, "t.txt", text)
    articles = load_quietly(d)
    assert len(articles) + len(articles.attrs["skipped"]) == 1
    for body in articles["text"]:
        assert body == body.strip() and body
        assert "\n\n\n" not in body


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                           max_leaves=8)


@settings_
@given(records=st.lists(st.dictionaries(st.sampled_from(["text", "body", "title", "date", "source", "author", "x"]),
                                        json_values, max_size=5), max_size=5))
def test_any_json_records_load_or_are_reported(tmp_path_factory, records):
    d = tmp_path_factory.mktemp("prop")
    write(d, "r.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    articles = load_quietly(d)
    if records:
        assert len(articles) + len(articles.attrs["skipped"]) >= 1
    assert articles["article_id"].is_unique


# ----------------------------------------------------------------------------- web pages

@pytest.fixture()
def local_site(tmp_path):
    """Saved HTML pages served on localhost (the kit's URL loading is never tested on the web)."""
    import functools
    import http.server
    import threading

    site = tmp_path / "site"
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    write(site, "news/bridge-to-reopen.html",
          "<!doctype html><html><head><title>Bridge to reopen</title>"
          "<meta property='og:site_name' content='City Paper'></head>"
          f"<body><article><h1>Bridge to reopen</h1>{paras}</article></body></html>")
    write(site, "news/blank.html", "<!doctype html><html><head><title>Blank</title></head><body></body></html>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_urls_load_like_saved_pages(local_site):
    ok, missing, blank = (f"{local_site}/news/bridge-to-reopen.html", f"{local_site}/news/gone.html",
                          f"{local_site}/news/blank.html")
    with pytest.warns(LoadWarning):
        articles = load_articles([ok, missing, blank])
    a = articles.iloc[0]
    assert (len(articles), a["article_id"], a["title"], a["outlet"], a["url"], a["text"], a["format"]) == (
        1, "bridge-to-reopen", "Bridge to reopen", "City Paper", ok, BODY, "url")
    reasons = {s["path"]: s["reason"] for s in articles.attrs["skipped"]}
    assert reasons[missing].startswith("HTTP 404") and reasons[blank] == "no article text found"


def test_two_pages_with_one_slug_get_two_ids(local_site):
    first, second = f"{local_site}/news/bridge-to-reopen.html", f"{local_site}/news/bridge-to-reopen.html?page=2"
    articles = load_articles([first, second], dedupe=False)
    ids = articles["article_id"].tolist()
    assert ids[0] == "bridge-to-reopen" and ids[1].startswith("bridge-to-reopen-") and len(ids[1]) == 25


def test_download_pages_saves_html_that_reloads(local_site, tmp_path):
    from kit.load import download_pages

    url = f"{local_site}/news/bridge-to-reopen.html"
    with pytest.warns(LoadWarning, match="HTTP 404"):
        saved = download_pages([url, f"{local_site}/nope"], tmp_path / "pages")
    assert saved["path"].notna().tolist() == [True, False]
    again = load_articles(tmp_path / "pages").iloc[0]
    assert (again["article_id"], again["url"], again["text"]) == ("bridge-to-reopen", url, BODY)


def test_load_corpus_is_quiet_and_refuses_an_empty_corpus(tmp_path, bad_folder):
    with warnings.catch_warnings():
        warnings.simplefilter("error", LoadWarning)  # no warning per bad input
        assert kit.load_corpus(bad_folder)["article_id"].tolist()[:2] == ["cp1252", "good"]
    (tmp_path / "nothing").mkdir()
    with pytest.raises(LoadError, match=r"no articles loaded from .*nothing: no files found there"):
        kit.load_corpus(tmp_path / "nothing")
    write(tmp_path / "junk", "a.txt", b"")
    write(tmp_path / "junk", "b.csv", "title\nx\n")
    with pytest.raises(LoadError, match=r"2 inputs skipped: a\.txt: empty file \(0 bytes\); b\.csv: malformed CSV"):
        kit.load_corpus(tmp_path / "junk")


# ----------------------------------------------------------------------------- issue 12: one bad file never stops a load

def printable(path: Path) -> str:
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def accounted(articles) -> set[str]:
    """Every path named by a load: loaded, skipped or noted."""
    report = load_report(articles)
    return set(report["path"]) | {n["path"] for n in articles.attrs["notes"]}


def good(d: Path) -> None:
    write(d, "good.txt", f"A good article\n\n{BODY}")


DEEP = "[" * 10_000 + "]" * 10_000


@pytest.mark.parametrize("name, content, reason", [
    ("deep.json", '{"text": ' + DEEP + "}", "nested too deeply"),
    ("deep_list.json", DEEP, "nested too deeply"),
    ("deep.jsonl", '{"text": ' + DEEP + "}\n", "nested too deeply"),
])
def test_deeply_nested_json_is_reported_not_a_crash(tmp_path, name, content, reason):
    good(tmp_path)
    write(tmp_path, name, content)
    articles = load_quietly(tmp_path)
    assert articles["article_id"].tolist() == ["good"]
    skipped = articles.attrs["skipped"]
    assert len(skipped) == 1 and reason in skipped[0]["reason"] and skipped[0]["path"].endswith(name)
    with pytest.raises(LoadError, match="nested too deeply"):
        load_articles(tmp_path, strict=True)


def test_lone_surrogate_escape_is_replaced_and_noted(tmp_path):
    write(tmp_path, "s.json", '{"title": "Smile \\ud83d", "text": "The mayor \\ud83d said the bridge would reopen."}')
    articles = load_quietly(tmp_path)
    a = articles.iloc[0]
    assert (a["title"], a["text"]) == ("Smile \ufffd", "The mayor \ufffd said the bridge would reopen.")
    assert "lone surrogate" in articles.attrs["notes"][0]["reason"]
    load_report(articles).to_csv(tmp_path / "report.csv")  # writable as UTF-8


def test_file_name_that_is_not_utf8_loads_with_a_printable_name(tmp_path):
    good(tmp_path)
    raw_name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw_name, "wb") as f:
        f.write(b"Cafe reopens\n\nThe owner reopened the cafe on Tuesday, she said.")
    articles = load_quietly(tmp_path)
    assert sorted(articles["article_id"]) == ["caf\\xe9", "good"]
    assert str(tmp_path / "caf\\xe9.txt") in set(articles["path"])
    assert any("not valid UTF-8" in n["reason"] for n in articles.attrs["notes"])
    articles.to_csv(tmp_path.parent / f"{tmp_path.name}.csv")  # no UnicodeEncodeError


def test_hash_in_a_file_name_never_passes_for_a_record(tmp_path):
    write(tmp_path, "notes#draft.txt", f"Draft\n\n{BODY}")
    write(tmp_path, "a#1.txt", "A one\n\nA different story, the minister said.")
    write(tmp_path, "a.csv", 'title,text\nFirst,"Yet another story, officials said."\n')
    articles = load_articles(tmp_path)
    assert articles["article_id"].tolist() == ["a-1", "a#1", "notes-draft"]
    report = load_report(articles)
    assert report["record"].tolist()[:3] == [pd.NA, 1, pd.NA] or report.set_index("article_id")["record"].to_dict() == {
        "a-1": pd.NA, "a#1": 1, "notes-draft": pd.NA}
    assert report.set_index("article_id").loc["a#1", "record"] == 1
    assert pd.isna(report.set_index("article_id").loc["notes-draft", "record"])


def test_names_that_collide_after_every_fallback_still_get_unique_ids(tmp_path):
    write(tmp_path, "a/x.md.html", f"<html><body><article><h1>One</h1><p>{BODY}</p></article></body></html>")
    write(tmp_path, "a/x.md.txt.html",
          "<html><body><article><h1>Two</h1><p>A second story about the port, the minister said.</p></article></body></html>")
    write(tmp_path, "x.md.txt", "Three\n\nA third story about the station, officials said.")
    articles = load_articles(tmp_path)
    assert len(articles) == 3 and articles["article_id"].is_unique
    assert articles["article_id"].tolist() == ["x.md", "x.md.txt", "x.md.txt~2"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs symbolic links and FIFOs")
def test_links_fifos_and_linked_folders_are_reported(tmp_path):
    d = tmp_path / "corpus"
    good(d)
    write(tmp_path, "elsewhere/other.txt", "Other\n\nA story kept in another folder, the mayor said.")
    (d / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (d / "loop.txt").symlink_to(d / "loop.txt")
    (d / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (d / "to_good.txt").symlink_to(d / "good.txt")  # a link to a file loaded anyway: one article
    os.mkfifo(d / "pipe.txt")
    articles = load_quietly(d)
    assert articles["article_id"].tolist() == ["good"]
    reasons = {Path(s["path"]).name: s["reason"] for s in articles.attrs["skipped"]}
    assert set(reasons) == {"dangling.txt", "loop.txt", "linked", "pipe.txt", "to_good.txt"}
    assert reasons["to_good.txt"] == f"the same file as {d / 'good.txt'}, loaded once"
    assert reasons["dangling.txt"].startswith("broken symbolic link")
    assert reasons["loop.txt"].startswith("symbolic link loop")
    assert reasons["linked"].startswith("symbolic link to a folder, not followed")
    assert reasons["pipe.txt"].startswith("a named pipe (FIFO)")
    assert articles.attrs["files"] == 6
    with pytest.raises(LoadError, match="broken symbolic link"):
        load_articles(d, strict=True)


def test_unreadable_folder_is_reported(tmp_path, monkeypatch):
    good(tmp_path)
    write(tmp_path, "locked/secret.txt", f"Secret\n\n{BODY} More.")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)  # chmod does not stop root, who runs some test machines
    articles = load_quietly(tmp_path)
    assert articles["article_id"].tolist() == ["good"]
    (s,) = articles.attrs["skipped"]
    assert s["path"] == str(tmp_path / "locked") and s["reason"].startswith("folder cannot be read (Permission denied)")


def test_csv_field_longer_than_the_csv_module_limit(tmp_path):
    long = " ".join(["word"] * 40_000)  # 199,999 characters, over csv's 131,072 default
    write(tmp_path, "long.csv", f'title,text\nLong,"{long}."\nShort,"{BODY}"\n')
    articles = load_articles(tmp_path)
    assert articles["article_id"].tolist() == ["long#1", "long#2"]
    assert articles["n_words"].tolist() == [40_000, 15]


def test_stray_quote_costs_its_record_not_the_file(tmp_path):
    write(tmp_path, "q.csv", f'title,text\nOne,"{BODY}"\nTwo,"A stray quote here\n'
                             f'Three,"The third story, officials said."\nFour,"The fourth story, he said."\n')
    articles = load_quietly(tmp_path)
    assert articles["article_id"].tolist() == ["q#1", "q#3", "q#4"]
    (s,) = articles.attrs["skipped"]
    assert (s["record"], s["reason"]) == (2, "malformed CSV row at line 5: ',' expected after '\"'")


@pytest.mark.parametrize("header, row, expected, note", [
    ("title,text,body", 'T,"Short teaser.","{b}"', BODY, "used 'body' (column 3), which holds the most text"),
    ("title,text,text", 'T,,"{b}"', BODY, "used 'text' (column 3)"),
    ("title,body,text", 'T,"{b}","Short."', BODY, "used 'body' (column 2)"),
])
def test_two_text_columns_the_fuller_wins_and_is_named(tmp_path, header, row, expected, note):
    write(tmp_path, "c.csv", f"{header}\n{row.format(b=BODY)}\n")
    articles = load_quietly(tmp_path)
    assert articles["text"].tolist() == [expected]
    assert note in articles.attrs["notes"][0]["reason"]


def test_text_option_names_the_column(tmp_path):
    write(tmp_path, "c.csv", f'title,text,body\nT,"{BODY}","Teaser, the mayor said."\n')
    assert load_articles(tmp_path, text="body")["text"].tolist() == ["Teaser, the mayor said."]
    got = load_quietly(tmp_path, text="story")
    assert got.empty and "no column 'story'" in got.attrs["skipped"][0]["reason"]


def test_json_list_of_paragraphs_keeps_paragraph_breaks(tmp_path):
    write(tmp_path, "p.json", json.dumps({"title": "T", "text": BODY.split("\n\n"), "authors": ["A", "B"]}))
    a = load_articles(tmp_path).iloc[0]
    assert (a["text"], a["n_paragraphs"], a["byline"]) == (BODY, 2, "A, B")


def test_utf16_without_bom_is_text(tmp_path):
    write(tmp_path, "le.txt", f"Bridge\n\n{BODY}".encode("utf-16-le"))
    write(tmp_path, "be.txt", f"Bridge again\n\n{BODY} Again.".encode("utf-16-be"))
    articles = load_articles(tmp_path, dedupe=False)
    assert articles["title"].tolist() == ["Bridge again", "Bridge"]
    assert set(articles["encoding"]) == {"utf-16 (no byte-order mark)"}


def test_excel_sep_line(tmp_path):
    write(tmp_path, "x.csv", f'sep=;\ntitle;text\nOne;"{BODY}"\n')
    a = load_articles(tmp_path).iloc[0]
    assert (a["article_id"], a["title"], a["text"]) == ("x#1", "One", BODY)


STRICT_INPUTS = {
    "deep.json": '{"text": ' + DEEP + "}",
    "bad_row.csv": f'title,text\nOne,"{BODY}"\nTwo,"stray\n',
    "no_text.jsonl": '{"title": "only a title"}\n',
    "binary.txt": bytes(range(256)),
}


@pytest.mark.parametrize("name", sorted(STRICT_INPUTS))
def test_strict_turns_every_problem_into_load_error(tmp_path, name):
    write(tmp_path, name, STRICT_INPUTS[name])
    with pytest.raises(LoadError, match=name.replace(".", r"\.")):
        load_articles(tmp_path, strict=True)


# ----------------------------------------------------------------------------- issue 12: every input accounted for, whatever it holds

odd_names = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1, max_size=12),
    st.binary(min_size=1, max_size=8).filter(lambda b: b"/" not in b and b"\x00" not in b).map(os.fsdecode),
).filter(lambda s: s not in (".", "..") and not s.startswith("."))
contents = st.one_of(
    st.just('{"text": ' + "[" * 3000 + "]" * 3000 + "}"),
    st.text(max_size=200).map(lambda t: json.dumps({"title": "t", "text": t})),
    st.just('{"text": "lone \\udc00 half \\ud83d", "title": "x"}'),
    st.text(max_size=300),
    st.binary(max_size=200),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(odd_names, st.sampled_from(SUFFIXES + [".TXT", ""]), contents),
                      min_size=1, max_size=5, unique_by=lambda f: (f[0] + f[1]).lower()),
       links=st.lists(st.sampled_from(["dangling", "loop", "folder", "file"]), max_size=3))
def test_odd_inputs_are_all_accounted_for(tmp_path_factory, files, links):
    d = tmp_path_factory.mktemp("odd")
    good(d / "in")
    names = {str(d / "in" / "good.txt")}
    for i, (stem, suffix, content) in enumerate(files):
        sub = d / "in" / f"s{i}"
        path = write(sub, f"{stem}{suffix}", content)
        names.add(printable(path))  # a name that is not UTF-8 is reported with \x escapes
    for i, kind in enumerate(links):
        link = d / "in" / f"link{i}.txt"
        target = {"dangling": d / "nowhere", "loop": link, "folder": d / "in" / "s0", "file": d / "in" / "good.txt"}[kind]
        link.symlink_to(target)
        if kind != "file":
            names.add(str(link))
    articles = load_quietly(d / "in")
    assert names <= accounted(articles)
    assert articles["article_id"].is_unique
    assert (articles["n_words"] == [kit.count_words(t) for t in articles["text"]]).all()
    assert (articles["n_paragraphs"] == [len(kit.text.split_paragraphs(t)) for t in articles["text"]]).all()
    load_report(articles).to_csv(d / "report.csv")  # every name and text is writable


# ----------------------------------------------------------------------------- issue 12: safe downloads

@pytest.fixture()
def tricky_site(tmp_path):
    """A local server with redirects and a page that drips one byte at a time."""
    import http.server
    import threading
    import time

    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    page = f"<html><body><article><h1>Bridge</h1>{''.join(f'<p>{p}</p>' for p in BODY.split(chr(10) * 2))}</article></body></html>"

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            if self.path.startswith("/to-ftp"):
                self.send_response(302)
                self.send_header("Location", "ftp://127.0.0.1/secret.txt")
                self.end_headers()
            elif self.path.startswith("/to-other-port"):
                self.send_response(302)
                self.send_header("Location", f"http://127.0.0.1:{other.server_port}/")
                self.end_headers()
            elif self.path.startswith("/to-page"):
                self.send_response(301)
                self.send_header("Location", "/news/a/story.html")
                self.end_headers()
            elif self.path.startswith("/drip"):
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for ch in page:
                        self.wfile.write(ch.encode())
                        self.wfile.flush()
                        time.sleep(0.5)
                except OSError:
                    pass
            else:
                body = page.replace("Bridge", self.path).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (server, other)]
    for t in threads:
        t.start()
    yield f"http://127.0.0.1:{server.server_port}"
    for s in (server, other):
        s.shutdown()
        s.server_close()


@pytest.mark.parametrize("path, reason", [
    ("/to-ftp", "redirect to a ftp address refused"),
    ("/to-other-port", "redirect to a local or private address"),
])
def test_redirects_only_to_http_and_never_to_another_local_port(tricky_site, path, reason):
    from kit.load import fetch_page

    with pytest.raises(ValueError, match=reason):
        fetch_page(tricky_site + path)


def test_redirect_on_the_same_site_is_followed(tricky_site):
    from kit.load import fetch_page

    assert "/news/a/story.html" in fetch_page(tricky_site + "/to-page")


def test_a_dripping_server_is_cut_off_at_the_deadline(tricky_site):
    from kit.load import fetch_page

    with pytest.raises(ValueError, match="cut off after the 1.5 s deadline"):
        fetch_page(tricky_site + "/drip", deadline=1.5, timeout=5)


def test_download_pages_never_overwrites_another_page_or_a_file_it_did_not_write(tricky_site, tmp_path):
    from kit.load import download_pages

    folder = tmp_path / "pages"
    write(folder, "story.html", "my own notes")
    urls = [f"{tricky_site}/news/a/story.html", f"{tricky_site}/news/b/story.html"]
    saved = download_pages(urls, folder)
    paths = saved["path"].tolist()
    assert len(set(paths)) == 2 and str(folder / "story.html") not in paths
    assert (folder / "story.html").read_text() == "my own notes"
    again = download_pages(urls[:1], folder)  # the same address again: its own file, refreshed
    assert again["path"].tolist() == paths[:1]
    assert sorted(p.name for p in folder.iterdir()) == sorted(["story.html", *(Path(p).name for p in paths)])


# ----------------------------------------------------------------------------- issue 13: clean text

P1 = "The council voted on Tuesday to close the bridge, the mayor said."
P2 = "Engineers will inspect it next week."


@pytest.mark.parametrize("raw, text, captions, dateline, byline", [
    # Wikinews photo credits: a caption ending with its credit, with or without a space or brackets.
    (f"{P1}\n\nJo JorgensenImage: Jo Jorgensen for President.\n\n{P2}", f"{P1}\n\n{P2}",
     "Jo JorgensenImage: Jo Jorgensen for President.", None, None),
    (f"{P1}\n\nThey led 12 to 10 at the break.  (Image: Patrick  Gillett)\n\n{P2}", f"{P1}\n\n{P2}",
     "They led 12 to 10 at the break. (Image: Patrick Gillett)", None, None),
    (f"{P1}\n\nImage: Jane Doe.\n\n{P2}", f"{P1}\n\n{P2}", None, None, None),
    (f"{P1}\n\nPhoto: Reuters\n\n{P2}", f"{P1}\n\n{P2}", None, None, None),
    # Datelines: a date alone, or a wire story's opening.
    (f"Monday, August 3, 2020\xa0\n\n{P1}", P1, None, "Monday, August 3, 2020", None),
    (f"16 January 2019\n\n{P1}", P1, None, "16 January 2019", None),
    (f"Monday, August 3, 2020\xa0\nOn Thursday, {P1}\n\n{P2}", f"On Thursday, {P1}\n\n{P2}", None,
     "Monday, August 3, 2020", None),
    (f"Monday, August 3, 2020 was hot.\n\n{P2}", f"Monday, August 3, 2020 was hot.\n\n{P2}", None, None, None),
    (f"WASHINGTON (AP) — {P1}\n\n{P2}", f"{P1}\n\n{P2}", None, "WASHINGTON (AP)", None),
    (f"LONDON, Jan 5 (Reuters) - {P1}", P1, None, "LONDON, Jan 5 (Reuters)", None),
    (f"KYIV, Ukraine — {P1}", P1, None, "KYIV, Ukraine", None),
    (f"NATO — {P1}", P1, None, "NATO", None),  # an all-capitals opening followed by a sentence
    (f"{P2}\n\nLONDON — {P1}", f"{P2}\n\nLONDON — {P1}", None, None, None),  # only the first paragraph
    # Bylines, related links, share furniture, map legends.
    (f"By Jane Roe and John Doe\n\n{P1}", P1, None, None, "Jane Roe and John Doe"),
    (f"{P1}\n\nRelated: Bridge closures across the state\n\n{P2}", f"{P1}\n\n{P2}", None, None, None),
    (f"{P1}\n\nShare on Facebook\n\nShare this article\n\nRead more: Why bridges fail\n\n{P2}",
     f"{P1}\n\n{P2}", None, None, None),
    (f"{P1}\n\n██\xa0On ballot\n\n██\xa0Write-in\n\n{P2}", f"{P1}\n\n{P2}", None, None, None),
    # Wikinews interview labels and language tags.
    ("((WN))  What was the timeline of this study?\n\n((Christian Keysers))  It took two years.",
     "What was the timeline of this study?\n\nIt took two years.", None, None, None),
    ("((WN))  Yes. ((hi))Hindi language: \u200dहाँ।", "Yes. \u200dहाँ।", None, None, None),
    # Not furniture: body text that mentions images, dates or capitals.
    ("The photo was taken in 2014. Image: it shows the cages.", "The photo was taken in 2014. Image: it shows the cages.",
     None, None, None),
    ("USA Today reported the figures on Monday, officials said.",
     "USA Today reported the figures on Monday, officials said.", None, None, None),
])
def test_clean_text_keeps_furniture_out(raw, text, captions, dateline, byline):
    from kit.readers import build_record

    rec = build_record(raw)
    assert (rec["text"], rec["captions"], rec["dateline"], rec["byline"]) == (text, captions, dateline, byline)


def test_wikinews_top_terms_hold_no_credits_markers_or_datelines(wikinews):
    import re

    from conftest import SHARED_CORPUS

    raw = " ".join(" ".join(t.lower().split()) for t in pd.read_csv(SHARED_CORPUS)["text"])
    credits = set(re.findall(r"image: ([^.)]+)", raw))
    # Names that appear only as credits (not "white house", which is in the news too).
    credits = {c for c in credits if raw.count(c) == raw.count(f"image: {c}")}
    assert {"gage skidmore", "patrick gillett", "brianhayden1980"} <= credits  # the corpus holds them
    assert set(wikinews["outlet"]) == {"wikinews.org"}
    top = set(kit.top_terms(wikinews, n=300)["term"])
    bigrams = set(kit.top_terms(wikinews, n=300, ngram=2)["term"])
    assert not top & {"image", "wn", "wss", "hindi"}
    assert not credits & bigrams
    loaded = " ".join(wikinews["text"]).lower()
    assert [c for c in credits if c in loaded] == []
    assert not any("language" in b or "image" in b for b in bigrams)
    for text in wikinews["text"]:
        assert "Image:" not in text and "((" not in text and "██" not in text
    assert "Monday, August 3, 2020" in set(wikinews["dateline"])


# ----------------------------------------------------------------------------- issue 13: your own DataFrame, the outlet

def test_a_frame_with_only_a_body_column():
    frame = pd.DataFrame({"body": [BODY, f"WASHINGTON (AP) — {P1}", ""], "party": ["A", "B", "C"]})
    articles = load_quietly(frame)
    assert list(articles.columns) == ARTICLE_COLUMNS + ["party"]
    assert articles["article_id"].tolist() == ["row1", "row2"]
    assert articles["text"].tolist() == [BODY, P1]
    assert articles["dateline"].tolist() == [None, "WASHINGTON (AP)"]
    assert articles["party"].tolist() == ["A", "B"]
    assert articles["record"].tolist() == [1, 2] and articles["path"].tolist() == ["(DataFrame)"] * 2
    assert articles.attrs["skipped"] == [{"path": "(DataFrame)", "record": 3, "reason": "record has no text"}]
    assert kit.from_frame(frame.iloc[:2])["article_id"].tolist() == ["row1", "row2"]


def test_a_frame_with_its_own_ids_metadata_and_a_named_text_column():
    frame = pd.DataFrame({"id": [7, 9], "headline": ["One", "Two"], "story_body": [BODY, P1],
                          "link": ["https://www.nytimes.com/a", "https://news.bbc.co.uk/b"],
                          "published": pd.to_datetime(["2023-04-02", "2023-04-03"])})
    articles = load_articles(frame, text="story_body")
    assert articles[["article_id", "title", "outlet"]].values.tolist() == [
        ["7", "One", "nytimes.com"], ["9", "Two", "bbc.co.uk"]]
    assert articles["date"].tolist() == [pd.Timestamp("2023-04-02"), pd.Timestamp("2023-04-03")]
    assert articles["id"].tolist() == [7, 9]  # the frame's own columns are kept


def test_a_frame_whose_id_column_repeats_gets_row_ids_and_a_note():
    articles = load_quietly(pd.DataFrame({"id": [1, 1], "text": [BODY, P1]}))
    assert articles["article_id"].tolist() == ["row1", "row2"]
    assert "column 'id' has blank or repeated values" in articles.attrs["notes"][0]["reason"]


def test_a_frame_without_a_text_column_says_how_to_name_it():
    with pytest.raises(ValueError, match=r"no text column .*found title, words\); pass text= to name it"):
        load_articles(pd.DataFrame({"title": ["x"], "words": ["y"]}))
    with pytest.raises(TypeError, match="needs a pandas DataFrame"):
        kit.from_frame({"text": ["x"]})


@pytest.mark.parametrize("url, outlet", [
    ("https://en.wikinews.org//wiki/Samoa", "wikinews.org"),
    ("https://www.theguardian.com/world/2020/x", "theguardian.com"),
    ("http://news.bbc.co.uk/2/hi/x.stm", "bbc.co.uk"),
    ("https://edition.cnn.com.au/x", "cnn.com.au"),
    ("http://127.0.0.1:8000/x", None),
    ("not a url", None),
])
def test_outlet_from_the_registered_domain_offline(url, outlet):
    from kit.web import registered_domain

    assert registered_domain(url) == outlet


@pytest.mark.parametrize("outlet_from, expected", [
    (None, [None, "City Paper", "wikinews.org"]),
    ("folder", ["metro", "City Paper", "wikinews.org"]),
    ("file", ["a", "City Paper", "wikinews.org"]),
])
def test_outlet_metadata_then_address_then_folder_or_file(tmp_path, outlet_from, expected):
    write(tmp_path, "metro/a.txt", f"A title\n\n{BODY}")
    write(tmp_path, "metro/b.txt", f"outlet: City Paper\nurl: https://en.wikinews.org/wiki/b\n\nB title\n\n{P1}")
    write(tmp_path, "metro/c.txt", f"url: https://en.wikinews.org/wiki/c\n\nC title\n\n{P2} More.")
    assert load_articles(tmp_path, outlet_from=outlet_from)["outlet"].tolist() == expected


def test_outlet_from_the_environment_and_checked(tmp_path, monkeypatch):
    write(tmp_path, "metro/a.txt", f"A title\n\n{BODY}")
    monkeypatch.setenv("KIT_OUTLET_FROM", "folder")
    assert load_articles(tmp_path)["outlet"].tolist() == ["metro"]
    with pytest.raises(ValueError, match="outlet_from must be 'folder', 'file' or None"):
        load_articles(tmp_path, outlet_from="site")


def test_two_csvs_from_two_outlets_compare_with_outlet_from_file(tmp_path):
    write(tmp_path, "herald.csv", f'title,text\nOne,"{BODY}"\n')
    write(tmp_path, "courier.csv", f'title,text\nTwo,"{P1}"\n')
    assert load_articles(tmp_path, outlet_from="file")["outlet"].tolist() == ["courier", "herald"]


def test_cli_load_outlet_from(tmp_path, capsys):
    from kit.cli import main

    write(tmp_path, "metro/a.txt", f"A title\n\n{BODY}")
    assert main(["load", "--data", str(tmp_path), "--outlet-from", "folder"]) == 0
    out = capsys.readouterr().out
    assert "1 articles loaded" in out and "outlets: metro (1)" in out


def test_cli_run_outlet_from_reaches_the_notebooks(monkeypatch, tmp_path):
    import kit.run
    from kit.cli import main

    seen = {}

    def fake_run(**kw):
        seen["env"] = os.environ.get("KIT_OUTLET_FROM")
        raise ValueError("stop here")

    monkeypatch.setenv("KIT_OUTLET_FROM", "")
    monkeypatch.setattr(kit.run, "run_notebooks", fake_run)
    assert main(["run", "--data", str(tmp_path), "--out", str(tmp_path / "out"), "--outlet-from", "file"]) == 2
    assert seen["env"] == "file"  # papermill's kernels inherit it, and kit.load reads it


def test_an_unsupported_suffix_that_is_not_utf8_is_reported_printably(tmp_path):
    # Found by test_odd_inputs_are_all_accounted_for: the reason quoted the raw suffix.
    (tmp_path / os.fsdecode(b"notes.\x80")).write_text("hello", encoding="utf-8")
    articles = load_quietly(tmp_path)
    assert [s["reason"].split(" (")[0] for s in articles.attrs["skipped"]] == ["unsupported file type '.\\x80'"]
    load_report(articles).to_csv(tmp_path / "report.csv")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_NEWS_CHARS = st.sampled_from(list("ab Z9_ \n\t-—–“”‘’…«»éñçü,.!?\"'()\xa0\u2009€£•·\u0301\u200dाअ中") + ["\x1c", "\x85"])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.lists(_NEWS_CHARS, max_size=80).map("".join)))
def test_the_loaders_word_count_equals_count_words(text):
    from kit.load import _count_words

    assert _count_words(text) == kit.count_words(text)


def test_the_loaders_word_count_on_real_copy():
    from kit.load import _count_words

    for text in ("Ms. Núñez said: “It’s over — for now…” «Très bien», he replied.",
                 "Le président a déclaré — à Paris — qu’il partirait.", "नेपाल में चुनाव", "a\xa0b c", "x — y"):
        assert _count_words(text) == kit.count_words(text), text


# ----------------------------------------------------------------------------- real-world inputs (review findings)

REVIEW_BODY = ("The council met on Monday and voted to close the old bridge for repairs over the summer, "
        "the mayor told reporters after the meeting.")


def test_jsonl_keeps_records_with_unicode_line_separators(tmp_path):
    # U+2028, U+2029 and U+0085 are legal unescaped in JSON strings: no line break
    recs = [{"id": 1, "text": "Para one.\u2028" + REVIEW_BODY}, {"id": 2, "text": REVIEW_BODY + " NEL\u0085 here."},
            {"id": 3, "text": REVIEW_BODY + " Story\u2029three."}]
    (tmp_path / "x.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n",
                                      encoding="utf-8")
    articles = load_quietly(tmp_path / "x.jsonl")
    assert articles["article_id"].tolist() == ["x#1", "x#2", "x#3"]
    assert articles.attrs["skipped"] == []


def test_a_frame_with_missing_bytes_and_number_texts():
    frame = pd.DataFrame({"text": pd.array([REVIEW_BODY, pd.NA, REVIEW_BODY + " Two."], dtype="string"),
                          "title": pd.array(["a", pd.NA, "c"], dtype="string")})
    articles = load_quietly(frame)
    assert articles["article_id"].tolist() == ["row1", "row3"]
    assert articles.attrs["skipped"][0]["reason"] == "record has no text"
    frame = pd.DataFrame({"text": [REVIEW_BODY.encode("utf-8"), 3.5, (REVIEW_BODY + " Caf\xe9.").encode("cp1252")]})
    articles = load_quietly(frame)
    assert articles["text"].str.startswith("The council").all() and "Café" in articles["text"].iloc[1]
    assert articles.attrs["skipped"] == [{"path": "(DataFrame)", "record": 2,
                                          "reason": "the text is a number (3.5), not an article's text"}]


def test_a_frame_with_repeated_or_kit_named_columns_keeps_them_all():
    frame = pd.DataFrame([[REVIEW_BODY, "x", "y"], [REVIEW_BODY + " Two.", "x2", "y2"]], columns=["text", "note", "note"])
    articles = load_quietly(frame)
    assert articles[["note", "note.1"]].values.tolist() == [["x", "y"], ["x2", "y2"]]
    assert "named more than once" in articles.attrs["notes"][0]["reason"]
    frame = pd.DataFrame({"text": [REVIEW_BODY, REVIEW_BODY + " Two."], "format": ["print", "online"],
                          "story": pd.array([11, None], dtype="Int64"), "flag": pd.array([True, None], dtype="boolean"),
                          "topic": pd.Categorical(["a", "b"]), "id": [101.0, 102.0]})
    articles = load_quietly(frame, text="text")
    assert articles["article_id"].tolist() == ["101", "102"] and articles["external_id"].tolist() == ["101", "102"]
    assert articles["format_yours"].tolist() == ["print", "online"]
    assert str(articles["story"].dtype) == "Int64" and str(articles["flag"].dtype) == "boolean"
    assert isinstance(articles["topic"].dtype, pd.CategoricalDtype)


def test_a_media_cloud_csv_loses_only_its_bad_row(tmp_path):
    rows = ["id,title,publish_date,media_name,url,text",
            f'1,T1,2023-01-01,Daily,https://ex.com/1,"{REVIEW_BODY} One."',
            f'2,T2 "quoted,2023-01-02,Daily,https://ex.com/2,"{REVIEW_BODY} Two. He said ""no.',
            f'3,T3,2023-01-03,Daily,https://ex.com/3,"{REVIEW_BODY} Three."',
            f'4,T4,2023-01-04,Daily,https://ex.com/4',
            f'5,T5,2023-01-05,Daily,https://ex.com/5,"{REVIEW_BODY} Five."']
    (tmp_path / "mc.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    articles = load_quietly(tmp_path / "mc.csv")
    assert articles["title"].tolist() == ["T1", "T3", "T5"]
    assert not articles["text"].str.contains("T3,2023").any()
    reasons = [(s["record"], s["reason"]) for s in articles.attrs["skipped"]]
    assert reasons[0][0] == 2 and reasons[0][1].startswith("malformed CSV row at line 3")
    assert reasons[1] == (4, "CSV row at line 5 has 5 fields, the header has 6")
    # the text= option, and the text column names of the plain reader
    (tmp_path / "mc2.csv").write_text("stories_id,title,publish_date,media_name,url,article_body\n"
                                      f'1,T1,2023-01-01,D,https://ex.com/1,"{REVIEW_BODY}"\n', encoding="utf-8")
    assert len(load_quietly(tmp_path / "mc2.csv")) == 1
    assert len(load_quietly(tmp_path / "mc2.csv", text="article_body")) == 1


def test_a_missing_entry_of_a_list_is_reported_and_the_rest_loads(tmp_path):
    (tmp_path / "ok.txt").write_text("Bridge to close\n\n" + REVIEW_BODY + "\n", encoding="utf-8")
    articles = load_quietly([tmp_path / "ok.txt", tmp_path / "typo.txt", str(tmp_path / "*.md")])
    assert articles["article_id"].tolist() == ["ok"]
    assert [s["reason"] for s in articles.attrs["skipped"]] == ["no such file or folder", "no files match the pattern"]
    assert len(load_report(articles)) == 3  # every input accounted for
    with pytest.raises(FileNotFoundError, match="typo.txt"):
        load_quietly([tmp_path / "typo.txt", tmp_path / "no.txt"])


def test_the_load_command_reports_a_missing_folder(tmp_path, capsys):
    from kit.cli import main

    assert main(["load", "--data", str(tmp_path / "nowhere")]) == 2
    assert "error: no such file or folder" in capsys.readouterr().err


def test_a_csv_export_keeps_its_own_id(tmp_path):
    (tmp_path / "db.csv").write_text("id,headline,body,published_at,url\n"
                                     f'101,A,"{REVIEW_BODY}",2023-01-01,https://ex.com/1\n'
                                     f'102,B,"{REVIEW_BODY} Two.",2023-01-02,https://ex.com/2\n', encoding="utf-8")
    articles = load_quietly(tmp_path / "db.csv")
    assert articles["external_id"].tolist() == ["101", "102"]


def test_body_paragraphs_that_look_like_furniture_are_kept(tmp_path):
    text = ("Flood waters rise\n\nBy Ana Ruiz\n\n" + REVIEW_BODY + "\n\nBy then, most residents had fled to higher ground.\n\n"
            "By Wednesday, crews had restored power to most homes.\n\n"
            "● Three shelters have opened in the north of the county.\n\n"
            "ADVERTISEMENT - SCROLL TO CONTINUE\n\nSign up for our daily newsletter\n\n"
            "We use cookies to improve your experience. By continuing to browse, you agree to our use of cookies.\n\n"
            "Accept all cookies\n\n■ Flood zone\n\nThe mayor said the town would rebuild.\n")
    (tmp_path / "flood.txt").write_text(text, encoding="utf-8")
    a = load_quietly(tmp_path / "flood.txt").iloc[0]
    assert a["byline"] == "Ana Ruiz"
    assert a["text"].split("\n\n") == [REVIEW_BODY, "By then, most residents had fled to higher ground.",
                                       "By Wednesday, crews had restored power to most homes.",
                                       "● Three shelters have opened in the north of the county.",
                                       "The mayor said the town would rebuild."]


def test_a_stray_cp1252_byte_spoils_no_other_record(tmp_path):
    rows = ["id,title,text"] + [f'{i},Café {i},"{REVIEW_BODY} Le maire a déclaré numéro {i}."' for i in range(1, 4)]
    raw = "\n".join(rows).encode("utf-8").replace("numéro 2".encode("utf-8"), b"num\xe9ro 2")
    (tmp_path / "mixed.csv").write_bytes(raw)
    articles = load_quietly(tmp_path / "mixed.csv")
    assert articles["title"].tolist() == ["Café 1", "Café 2", "Café 3"]
    assert articles["text"].str.contains("déclaré numéro").all()
    assert "stray byte" in articles.attrs["notes"][0]["reason"]


def test_a_web_page_is_read_in_the_charset_it_declares(tmp_path):
    html = ('<html><head><meta charset="windows-1251"><title>Бюджет</title></head><body><article><h1>Бюджет</h1>'
            "<p>Городской совет утвердил бюджет на следующий год после долгих обсуждений в понедельник.</p>"
            "<p>Мэр заявил, что город будет строить новые школы и больницы в ближайшие годы.</p></article></body></html>")
    (tmp_path / "ru.html").write_bytes(html.encode("cp1251"))
    a = load_quietly(tmp_path / "ru.html").iloc[0]
    assert a["title"] == "Бюджет" and a["text"].startswith("Городской совет") and a["encoding"] == "cp1251"


def test_a_stray_nul_byte_costs_nothing(tmp_path):
    rows = ["id,title,text"] + [f'{i},T{i},"{REVIEW_BODY} Number {i}."' for i in range(1, 4)]
    (tmp_path / "nul.csv").write_bytes("\n".join(rows).encode().replace(b"Number 2", b"Num\x00ber 2"))
    articles = load_quietly(tmp_path / "nul.csv")
    assert len(articles) == 3 and "Number 2" in articles["text"].iloc[1]
    assert articles.attrs["notes"][0]["reason"] == "held NUL bytes (not text), which were dropped"
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 40)
    assert load_quietly(tmp_path / "bin.txt").attrs["skipped"][0]["reason"].startswith("binary file")


def test_api_dumps_nest_their_records_under_response(tmp_path):
    # the Guardian's content API: {"response": {"results": [{"webTitle": ..., "fields": {"bodyText": ...}}]}}
    dump = {"response": {"status": "ok", "results": [
        {"id": "uk/1", "webTitle": "Bridge to close", "webPublicationDate": "2023-01-01T09:00:00Z",
         "webUrl": "https://ex.com/1", "sectionName": "UK news", "fields": {"bodyText": REVIEW_BODY}},
        {"id": "uk/2", "webTitle": "No body", "webUrl": "https://ex.com/2"}]}}
    (tmp_path / "guardian.json").write_text(json.dumps(dump), encoding="utf-8")
    articles = load_quietly(tmp_path / "guardian.json")
    row = articles.iloc[0]
    assert (row["title"], row["url"], row["section"], row["external_id"]) == (
        "Bridge to close", "https://ex.com/1", "UK news", "uk/1")
    assert row["text"] == REVIEW_BODY and row["date"] == pd.Timestamp("2023-01-01 09:00")
    assert articles.attrs["skipped"] == [{"path": str(tmp_path / "guardian.json"), "record": 2,
                                          "reason": "record has no text"}]


def test_unix_times_are_dates_and_eight_digits_stay_a_date():
    frame = pd.DataFrame({"text": [REVIEW_BODY, REVIEW_BODY + " 2", REVIEW_BODY + " 3"],
                          "date": [1672531200, "1672531200000", "20230105"]})
    assert load_quietly(frame)["date"].tolist() == [pd.Timestamp("2023-01-01"), pd.Timestamp("2023-01-01"),
                                                   pd.Timestamp("2023-01-05")]


def test_a_glob_does_not_follow_a_link_to_a_folder(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "top").mkdir()
    (tmp_path / "real" / "a.txt").write_text("Bridge\n\n" + REVIEW_BODY + "\n", encoding="utf-8")
    (tmp_path / "top" / "b.txt").write_text("Road\n\n" + REVIEW_BODY + " Two.\n", encoding="utf-8")
    (tmp_path / "top" / "linked").symlink_to(tmp_path / "real")
    by_folder = load_quietly(tmp_path / "top")
    by_glob = load_quietly(str(tmp_path / "top" / "*"))
    assert by_folder["article_id"].tolist() == by_glob["article_id"].tolist() == ["b"]
    assert [s["reason"] for s in by_glob.attrs["skipped"]] == [s["reason"] for s in by_folder.attrs["skipped"]]


def test_the_load_command_lists_a_file_skipped_without_a_record_number(tmp_path, capsys):
    from kit.cli import main

    (tmp_path / "ok.txt").write_text("Bridge to close\n\n" + REVIEW_BODY + "\n", encoding="utf-8")
    (tmp_path / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["load", "--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1 articles loaded from 2 files; 1 inputs skipped" in out and "skipped " + str(tmp_path / "table.csv") in out


def test_a_cp1252_file_is_read_as_cp1252_and_utf8_with_a_stray_byte_as_utf8():
    from kit.readers import decode

    text = "Le conseil a approuvé le plan, a déclaré le maire. " * 50
    assert decode(text.encode("cp1252")) == (text, "cp1252")
    mixed = text.encode("utf-8") + " numéro".encode("cp1252")
    assert decode(mixed) == (text + " numéro", "utf-8 (1 byte cp1252)")
