"""Research-database exports, feeds and web archives load with their metadata.

The fixtures are written by tests/export_fixtures.py in each format's layout (never
copies of real exports); each test loads one through kit.load_articles, as a user
would, and checks every field by hand-worked values.
"""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

import export_fixtures as fx
import kit
from kit import formats
from kit.formats import feeds, find_date, stated_words
from kit.load import ARTICLE_COLUMNS, LoadError, LoadWarning, load_articles, load_report

A = "\n\n".join(fx.BODY_A)
B = "\n\n".join(fx.BODY_B)
C = "\n\n".join(fx.BODY_C)
COLS = ["title", "date", "outlet", "byline", "section", "stated_words", "external_id", "format", "text"]


def load(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LoadWarning)
        articles = load_articles(path)
    return articles, [str(w.message).split(": ", 1)[1] if ": " in str(w.message) else str(w.message)
                      for w in caught]


def rows(articles):
    out = []
    for rec in articles[COLS].to_dict("records"):
        rec["date"] = None if pd.isna(rec["date"]) else rec["date"].isoformat()
        rec["stated_words"] = None if pd.isna(rec["stated_words"]) else int(rec["stated_words"])
        out.append(tuple(None if not isinstance(rec[c], str) and pd.isna(rec[c]) else rec[c] for c in COLS))
    return out


def skipped(articles):
    return [(s["record"], s["reason"]) for s in articles.attrs["skipped"]]


GAZETTE_A = ("River floods old town", "2020-01-05T00:00:00", "The Northern Gazette", "Anna Petrova")


@pytest.mark.parametrize("writer, expected, problems", [
    (fx.nexis_uni_docx, [
        (*GAZETTE_A, "NEWS; Pg. 4", 27, None, "nexis", A),
        ("Budget passes after marathon debate", "2020-01-05T00:00:00", "Capital Times", None, "POLITICS",
         1204, None, "nexis", B),
        ("Traders count the cost", "2020-02-29T00:00:00", "Old Town Weekly", "Mei Sato and Tom Brennan", None,
         31, None, "nexis", C),
    ], [(3, "'Chart: rainfall by month' has no 'Body' line: the export holds no text for it "
            "(a graphic or listing)")]),
    (fx.nexis_uni_txt, [
        (*GAZETTE_A, None, 27, None, "nexis", A),
        ("Budget passes after marathon debate", "2020-01-05T00:00:00", "Capital Times", None, "POLITICS",
         1204, None, "nexis", B),
    ], []),
    (fx.nexis_uni_rtf, [
        (*GAZETTE_A, None, 27, None, "nexis", A),
        ("Budget passes after marathon debate", "2020-01-05T00:00:00", "Capital Times", None, "POLITICS",
         1204, None, "nexis", B),
    ], []),
    (fx.nexis_academic_txt, [
        ("River floods old town", "2020-01-05T00:00:00", "The Northern Gazette", "ANNA PETROVA", "NEWS; Pg. 4",
         27, None, "nexis", A),
        ("Budget passes after marathon debate", "2020-01-05T00:00:00", "Capital Times", None, "POLITICS",
         1204, None, "nexis", B),
    ], [(3, "a document of The Northern Gazette, 2020-01-05, has no LENGTH field: the export holds no text "
            "for it (a graphic or listing)")]),
    (fx.factiva_txt, [
        (*GAZETTE_A, "News", 27, "NGAZ000020200105eg150000b", "factiva", A),
        ("Budget passes after marathon debate", "2020-01-06T00:00:00", "Capital Times", None, None, 1204,
         "CAPT000020200106eg160000c", "factiva", B),
    ], [(3, "'Chart: rainfall by month' has no text (no LP or TD field)")]),
    (fx.factiva_rtf, [
        (*GAZETTE_A, "News", 27, "NGAZ000020200105eg150000b", "factiva", C),
        ("Budget passes after marathon debate", "2020-01-06T00:00:00", "Capital Times", None, None, 1204,
         "CAPT000020200106eg160000c", "factiva", B),
    ], [(3, "'Chart: rainfall by month' has no text (no LP or TD field)")]),
    (fx.factiva_html, [
        (*GAZETTE_A, "News", 27, "NGAZ000020200105eg150000b", "factiva", A),
        ("Budget passes after marathon debate", "2020-01-06T00:00:00", "Capital Times", None, None, 1204,
         "CAPT000020200106eg160000c", "factiva", B),
    ], [(3, "'Chart: rainfall by month' has no text (no LP or TD field)")]),
    (fx.factiva_plain_html, [
        (*GAZETTE_A, None, 27, "NGAZ000020200105eg150000b", "factiva", A),
        ("Budget passes after marathon debate", "2020-01-06T00:00:00", "Capital Times", None, None, 1204,
         "CAPT000020200106eg160000c", "factiva", B),
    ], []),
    (fx.factiva_plain_txt, [
        (*GAZETTE_A, None, 27, "NGAZ000020200105eg150000b", "factiva", A),
        ("Budget passes after marathon debate", "2020-01-06T00:00:00", "Capital Times", None, None, 1204,
         "CAPT000020200106eg160000c", "factiva", B),
    ], []),
    (fx.mediacloud_text_csv, [
        ("River floods old town", "2020-01-05T00:00:00", "The Northern Gazette", None, None, None, "a1b2c3",
         "mediacloud", A),
        ("Budget passes", "2020-01-06T10:00:00", "captimes.example", None, None, None, "d4e5f6", "mediacloud", B),
    ], [(3, "story g7h8i9 (https://oldtown.example/traders): Media Cloud lists it without its text; "
            "save the page with kit.download_pages and load that")]),
    (fx.rss, [
        ("River floods old town", "2020-01-05T07:30:00", "The Northern Gazette", "Anna Petrova", "News, Weather",
         None, "gazette-2020-0001", "feed", A),
        ("Traders count the cost", None, "The Northern Gazette", None, None, None,
         "https://gazette.example/traders", "feed", fx.LONG_SUMMARY),
    ], [(2, "entry 'Budget passes' has only a summary in the feed (4 words), not the article; save its page "
            "(https://gazette.example/budget) with kit.download_pages"),
        (4, "entry 'Picture of the day' has no text in the feed")]),
    (fx.atom, [
        ("Budget passes after marathon debate", "2020-01-06T08:00:00", "Capital Times",
         "Lukas Fischer, Grace Mensah", None, None, "tag:captimes.example,2020:budget", "feed", B),
        ("Traders count the cost", "2020-02-29T10:00:00", "Old Town Weekly", None, None, None,
         "tag:captimes.example,2020:traders", "feed", C),
    ], []),
], ids=lambda v: getattr(v, "__name__", None))
def test_each_export_loads_with_its_metadata(tmp_path, writer, expected, problems):
    articles, _ = load(writer(tmp_path))
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert rows(articles) == expected
    assert skipped(articles) == problems
    # Article ids: the file name and the article's number in the file.
    stem = next(tmp_path.iterdir()).name.split(".")[0]
    numbers = [n for n in range(1, len(expected) + len(problems) + 1) if n not in {p[0] for p in problems}]
    assert list(articles["article_id"]) == [f"{stem}#{n}" for n in numbers]


def test_stated_length_and_counted_length_are_both_kept(tmp_path):
    articles, _ = load(fx.factiva_txt(tmp_path))
    assert list(articles["stated_words"]) == [27, 1204]
    assert list(articles["n_words"]) == [23, 23]


def test_a_media_cloud_story_list_without_text_reports_each_story(tmp_path):
    articles, messages = load(fx.mediacloud_csv(tmp_path))
    assert articles.empty
    assert skipped(articles) == [
        (1, "story 1532876543 (https://gazette.example/river): Media Cloud lists it without its text; "
            "save the page with kit.download_pages and load that"),
        (2, "story 1532876999 (https://captimes.example/budget): Media Cloud lists it without its text; "
            "save the page with kit.download_pages and load that"),
    ]
    with pytest.raises(LoadError, match="2 inputs skipped"):
        kit.load_corpus(tmp_path)


@pytest.mark.parametrize("gz", [True, False])
def test_a_warc_archive_reads_its_pages_through_the_page_extractor(tmp_path, gz):
    path = fx.warc(tmp_path, gz=gz)
    articles, _ = load(path)
    assert rows(articles)[0][:8] == (*GAZETTE_A, None, None, "<urn:uuid:00000000-0000-0000-0000-000000000001>",
                                     "warc")
    assert articles["text"][0] == "\n\n".join(fx.LONG_A)
    assert articles["url"][0] == "https://gazette.example/river"
    assert skipped(articles) == [(2, "page https://gazette.example/missing: HTTP status 404, not an archived article"),
                                 (3, "page https://gazette.example/empty: no article text found")]
    assert articles.attrs["notes"] == [{"path": str(path), "reason": "3 archive records that are not web pages "
                                        "passed over (1 image/jpeg, 1 request, 1 warcinfo)"}]
    # The archived page gives what the same page saved as .html gives.
    saved = tmp_path / "river.html"
    saved.write_text(fx.article_page("River floods old town", fx.LONG_A, author="Anna Petrova",
                                     date="2020-01-05T07:30:00Z", site="The Northern Gazette"), encoding="utf-8")
    page = load_articles(saved)
    for c in ("title", "date", "outlet", "byline", "text"):
        assert page[c][0] == articles[c][0]


def test_a_truncated_warc_keeps_the_pages_before_the_break(tmp_path):
    path = fx.warc(tmp_path, gz=False)
    raw = path.read_bytes()
    cut = raw.index(b"https://gazette.example/missing")  # inside the 404 record's header
    path.write_bytes(raw[:cut + 200])
    articles, _ = load(path)
    assert list(articles["title"]) == ["River floods old town"]


def test_per_article_problems_show_in_the_load_report(tmp_path):
    path = fx.factiva_html(tmp_path)
    articles, _ = load(path)
    report = load_report(articles)
    assert list(zip(report["record"], report["status"])) == [(1, "loaded"), (2, "loaded"), (3, "skipped")]


def test_strict_raises_on_the_first_article_that_cannot_be_read(tmp_path):
    fx.rss(tmp_path)
    with pytest.raises(LoadError, match=r"gazette\.rss \(record 2\): entry 'Budget passes' has only a summary"):
        load_articles(tmp_path, strict=True)


def test_exports_load_beside_ordinary_files_in_one_folder(tmp_path):
    fx.factiva_html(tmp_path)
    fx.atom(tmp_path)
    (tmp_path / "2020-03-01_note.txt").write_text("A note\n\nThe town council met on Sunday to plan repairs.\n")
    articles, _ = load(tmp_path)
    assert list(articles["article_id"]) == ["2020-03-01_note", "captimes#1", "captimes#2", "factiva#1"]
    assert list(articles["format"]) == ["txt", "feed", "feed", "factiva"]
    # The budget story is in the feed and in the Factiva export: the second is a duplicate.
    assert (2, "duplicate: same text as article 'captimes#1'") in skipped(articles)


@pytest.mark.parametrize("name, content, reason", [
    ("letter.docx", None, "a .docx file the kit does not recognise"),
    ("notes.rtf", rb"{\rtf1\ansi Dear colleague,\par see you soon.\par}", "a .rtf file the kit does not recognise"),
    ("data.xml", b"<?xml version='1.0'?><catalog><book/></catalog>", "a .xml file the kit does not recognise"),
    ("broken.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nabc", "malformed WARC file"),
    ("feed.rss", b"<rss version='2.0'><channel><title>x</title></channel></rss>", "an RSS or Atom feed that holds no articles"),
])
def test_a_file_in_an_export_suffix_that_is_not_an_export_is_skipped_with_the_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is None:
        import docx

        d = docx.Document()
        d.add_paragraph("Dear colleague, the minutes are attached.")
        d.save(str(path))
    else:
        path.write_bytes(content)
    articles, _ = load(path)
    assert articles.empty
    assert articles.attrs["skipped"][0]["reason"].startswith(reason)


@pytest.mark.parametrize("name, head, expected", [
    ("a.txt", b"                1 of 12 DOCUMENTS\n\nThe Times\n", "nexis"),
    ("a.txt", "Title\nThe Times\nJanuary 5, 2020\nLength:\u00a0523 words\nBody\nText.\n".encode(), "nexis"),
    ("a.txt", b"Some title\n\nEnd of Document\n", "nexis"),
    ("a.txt", b"HD\tTitle\nWC\t12 words\nPD\t5 January 2020\nSN\tThe Times\n", "factiva"),
    ("a.txt", b"Title\n523 words\n5 January 2020\nThe Times\n", "factiva"),
    ("a.txt", b"Body text.\nDocument NYTF000020200105eg150000m\n", "factiva"),
    ("a.txt", b"title: Plain article\n\nSome text that says 523 words.\n", None),
    ("a.md", b"                1 of 12 DOCUMENTS\n", None),
    ("a.html", b'<div class="article enArticle"><table><tr><td><b>HD</b></td>', "factiva"),
    ("a.html", b"<html><body><article><p>News.</p></article></body></html>", None),
    ("a.csv", b"stories_id,publish_date,title,url,media_name\n1,2020-01-01,t,u,m\n", "mediacloud"),
    ("a.csv", b"id,indexed_date,language,media_name,media_url,publish_date,title,url\n", "mediacloud"),
    ("a.csv", b"id,date,title,text\n1,2020-01-01,t,x\n", None),
    ("a.xml", b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
    ("a.atom", b'<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    ("a.rss", b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "feed"),
    ("a.xml", b"<?xml version='1.0'?><catalog/>", None),
    ("a.warc", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    ("a.warc.gz", b"\x1f\x8b\x08\x00", "warc"),
    ("a.gz", b"\x1f\x8b\x08\x00", None),
], ids=str)
def test_sniffers_recognise_a_format_from_its_name_and_first_bytes(tmp_path, name, head, expected):
    path = tmp_path / name
    path.write_bytes(head)
    fmt = formats.sniff(path, head)
    assert (fmt.name if fmt else None) == expected


@pytest.mark.parametrize("line, expected", [
    ("January 5, 2020 Sunday", "2020-01-05"),
    ("Sunday, January 5, 2020 10:04:00 AM EST", "2020-01-05"),
    ("5 January 2020", "2020-01-05"),
    ("Sept. 30, 2019", "2019-09-30"),
    ("29 Feb 2019", None),
    ("2020-01-05T07:30", "2020-01-05"),
    ("Late Edition - Final", None),
    ("Copyright 2020 The Times", None),
])
def test_find_date(line, expected):
    assert find_date(line) == expected


@pytest.mark.parametrize("value, expected", [
    ("523 words", 523), ("1,204 words", 1204), ("1 word", 1), (" 87  words ", 87), ("about 500", None), (None, None),
])
def test_stated_words(value, expected):
    assert stated_words(value) == expected


@pytest.mark.parametrize("html, text, captions", [
    ("<p>One.</p><p>Two.</p>", "One.\n\nTwo.", None),
    ("Plain text.\n\nSecond.", "Plain text.\n\nSecond.", None),
    ("Line one<br>line two<p>Para.</p>", "Line one line two\n\nPara.", None),
    ("<figure><img/><figcaption>A caption.</figcaption></figure><p>Body <b>bold</b>.</p><script>x()</script>",
     "Body bold.", "A caption."),
    ("<ul><li>First</li><li>Second</li></ul>", "First\n\nSecond", None),
])
def test_feed_html_becomes_paragraphs(html, text, captions):
    assert feeds.html_paragraphs(html) == (text, captions)


# --------------------------------------------------------------------------- through main's reader registry

WIRE = ["RIVERTON (AP) — " + fx.BODY_A[0], "AP Photo, File", "Advertisement", fx.BODY_A[1],
        "Related: Schools close for a week"]


def _nexis_wire(folder):
    lines = ["River floods old town", "The Northern Gazette", "January 5, 2020 Sunday", "Length: 27 words",
             "Byline: Anna Petrova", "Body", *WIRE, "Load-Date: January 6, 2020", "End of Document"]
    path = folder / "nexis.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _factiva_wire(folder):
    lines = ["HD\tRiver floods old town", "WC\t27 words", "PD\t5 January 2020", "SN\tThe Northern Gazette",
             "LP", WIRE[0], "", "TD", *[x for p in WIRE[1:] for x in (p, "")], "AN\tDocument NGAZ000020200105eg150000b"]
    path = folder / "factiva.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _rss_wire(folder):
    body = "".join(f"<p>{p}</p>" for p in WIRE)
    path = folder / "gazette.rss"
    path.write_text(f"""<?xml version="1.0"?><rss version="2.0"
xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>The Northern Gazette</title>
<item><title>River floods old town</title><link>https://gazette.example/river</link>
<content:encoded><![CDATA[{body}<p>Share on Facebook</p>
<p>The post <a href="https://gazette.example/river">River floods old town</a> appeared first on
<a href="https://gazette.example">The Northern Gazette</a>.</p>]]></content:encoded></item></channel></rss>""",
                    encoding="utf-8")
    return path


def _mediacloud_wire(folder):
    path = folder / "stories.csv"
    pd.DataFrame({"stories_id": [7], "publish_date": ["2020-01-05"], "title": ["River floods old town"],
                  "url": ["https://gazette.example/river"], "media_name": ["The Northern Gazette"],
                  "text": ["\n\n".join(WIRE)]}).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("writer, fmt", [(_nexis_wire, "nexis"), (_factiva_wire, "factiva"), (_rss_wire, "feed"),
                                         (_mediacloud_wire, "mediacloud")], ids=lambda v: getattr(v, "__name__", v))
def test_export_bodies_get_the_loaders_clean_up(tmp_path, writer, fmt):
    # Credit, advertisement, share and "Related:" lines leave the text; the wire
    # opening goes to the dateline, as for every other format.
    articles, _ = load(writer(tmp_path))
    assert articles[["format", "title", "dateline", "text"]].values.tolist() == [
        [fmt, "River floods old town", "RIVERTON (AP)", A]]


@pytest.mark.parametrize("writer, datelines", [
    (fx.nexis_uni_docx, ["RIVERTON", None, None]),
    (fx.nexis_academic_txt, ["RIVERTON", None]),
], ids=lambda v: getattr(v, "__name__", None))
def test_the_nexis_dateline_field_is_the_dateline(tmp_path, writer, datelines):
    articles, _ = load(writer(tmp_path))
    assert [None if pd.isna(d) else d for d in articles["dateline"]] == datelines


@pytest.mark.parametrize("writer, encodings", [
    (fx.nexis_uni_docx, ["utf-8"] * 3), (fx.nexis_uni_rtf, ["cp1252"] * 2), (fx.factiva_rtf, ["cp1252"] * 2),
    (fx.nexis_academic_txt, ["utf-8"] * 2), (fx.factiva_html, ["utf-8"] * 2), (fx.rss, ["utf-8"] * 2),
    (fx.mediacloud_text_csv, ["utf-8"] * 2),
], ids=lambda v: getattr(v, "__name__", None))
def test_the_encoding_column_of_exports(tmp_path, writer, encodings):
    articles, _ = load(writer(tmp_path))
    assert list(articles["encoding"]) == encodings


def test_each_archived_page_has_its_own_encoding(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "two.warc"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        for uri, charset, paras in [("https://a.example/1", "utf-8", fx.LONG_A),
                                    ("https://b.example/2", "iso-8859-1", [p.replace("ô", "o") for p in fx.LONG_A[::-1]])]:
            html = fx.article_page("Café " + uri[-1], paras).encode(charset)
            http = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={charset}")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(html), http_headers=http))
    articles, _ = load(path)
    assert list(zip(articles["title"], articles["encoding"])) == [("Café 1", "utf-8"), ("Café 2", "iso-8859-1")]


def _cover_page(n):
    return ["User Name: =", "Job Number: 104729", f"Documents ({n})",
            *[f"{i}. A story of the flood, part {i}, with a long title" for i in range(1, n + 1)], ""]


def test_a_nexis_text_export_with_a_long_cover_page_is_still_an_export(tmp_path):
    # The cover page lists 120 documents (over 6 KiB) before the first article's
    # marks: the sniffers see the first 64 KiB, not 4 KiB.
    lines = [*_cover_page(120), "River floods old town", "The Northern Gazette", "January 5, 2020 Sunday",
             "Length: 27 words", "Body", *fx.BODY_A, "End of Document"]
    path = tmp_path / "nexis.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert path.stat().st_size > 6000
    articles, _ = load(path)
    assert articles[["format", "title", "outlet", "text"]].values.tolist() == [
        ["nexis", "River floods old town", "The Northern Gazette", A]]


@pytest.mark.parametrize("name, content, fmt", [
    ("plain.txt", "Words that matter\n\nIn other words, the HD cameras saw the Length of the river. "
                  "The document was read.\n", "txt"),
    ("nexis.txt", "River floods old town\nThe Gazette\nJanuary 5, 2020\nLength: 27 words\nBody\n"
                  + "\n".join(fx.BODY_A) + "\nEnd of Document\n", "nexis"),
    ("factiva.txt", "HD\tRiver floods old town\nPD\t5 January 2020\nSN\tThe Gazette\nLP\n"
                    + "\n".join(fx.BODY_A) + "\nAN\tDocument NGAZ000020200105eg150000b\n", "factiva"),
    ("plain.csv", "id,date,title,text\n1,2020-01-05,River floods old town,\"" + A + "\"\n", "csv"),
    ("mediacloud.csv", "stories_id,publish_date,title,url,media_name,text\n1,2020-01-05,River floods old town,"
                       "https://gazette.example/river,The Gazette,\"" + A + "\"\n", "mediacloud"),
    ("page.html", fx.article_page("River floods old town", fx.LONG_A), "html"),
], ids=lambda v: v if isinstance(v, str) and len(v) < 20 else None)
def test_the_sniffers_tell_an_export_from_a_plain_file_of_its_suffix(tmp_path, name, content, fmt):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    articles, _ = load(path)
    assert list(articles["format"]) == [fmt]


def test_external_id_and_stated_words_survive_a_frame_and_a_csv(tmp_path):
    articles, _ = load(fx.factiva_txt(tmp_path))
    expected = [("NGAZ000020200105eg150000b", 27), ("CAPT000020200106eg160000c", 1204)]
    again = load_articles(articles[["title", "text", "external_id", "stated_words"]])
    assert list(zip(again["external_id"], again["stated_words"])) == expected
    assert again["stated_words"].dtype == "Int64"
    saved = tmp_path / "out" / "articles.csv"
    saved.parent.mkdir()
    articles.to_csv(saved, index=False)
    from_csv = load_articles(saved)
    assert list(zip(from_csv["external_id"], from_csv["stated_words"])) == expected


def test_every_export_suffix_is_a_supported_suffix():
    from kit.load import SUPPORTED_SUFFIXES

    assert set(formats.EXPORT_SUFFIXES) <= set(SUPPORTED_SUFFIXES)
