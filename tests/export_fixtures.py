"""Writers of small exports in each format the kit reads (kit/formats), for the tests.

Every fixture is written here, by code, in the layout the public documentation and
the open parsers describe (several articles a file, odd metadata, missing fields);
none is a copy of a real export. Each function writes its file(s) into ``folder``
and returns the path.
"""
from __future__ import annotations

from pathlib import Path

NBSP = "\u00a0"

# Bodies shared by the fixtures: two paragraphs each, words counted by hand.
BODY_A = ["The river rose two metres overnight, forcing hundreds of families from their homes.",
          "Emergency crews worked through the night, the regional council said."]
BODY_B = ["Lawmakers approved the budget on Tuesday after a debate that lasted eleven hours.",
          "The opposition said it would challenge the vote in court."]
BODY_C = ["Café owners in the old town said trade had fallen by a third since the bridge closed.",
          "“We are holding on,” said one owner, who asked not to be named."]


def nexis_uni_docx(folder: Path) -> Path:
    """A Nexis Uni DOCX download: a cover page, then four documents (one a graphic
    without a body, one without a byline, one with Graphic and Classification blocks)."""
    import docx

    d = docx.Document()
    for line in ["User Name: =", "Date and Time: Monday, January 6, 2020 10:04:00 AM EST",
                 "Job Number: 104729", "", "Documents (4)", "1. River floods old town",
                 "Client/Matter: -None-", "Search Terms: flood", "Search Type: Terms and Connectors", ""]:
        d.add_paragraph(line)
    d.add_page_break()
    articles = [
        ["River floods old town", "The Northern Gazette", "January 5, 2020 Sunday",
         "Late Edition", "Copyright 2020 Northern Gazette Ltd All Rights Reserved",
         f"Section:{NBSP}NEWS; Pg. 4", f"Length:{NBSP}27 words", f"Byline:{NBSP}By Anna Petrova",
         f"Dateline:{NBSP}RIVERTON", "", "Body", "", *BODY_A, "", f"Load-Date:{NBSP}January 6, 2020",
         "", "End of Document"],
        ["Budget passes after marathon debate", "Capital Times", "5 January 2020",
         "Copyright 2020 Capital Times", f"Section:{NBSP}POLITICS", f"Length:{NBSP}1,204 words",
         "Body", *BODY_B, "Graphic", "Photo of the chamber", "Classification",
         f"Language:{NBSP}ENGLISH", f"Publication-Type:{NBSP}Newspaper", f"Subject:{NBSP}BUDGETS (90%)",
         f"Load-Date:{NBSP}January 6, 2020", "End of Document"],
        ["Chart: rainfall by month", "The Northern Gazette", "January 5, 2020 Sunday",
         f"Length:{NBSP}0 words", f"Load-Date:{NBSP}January 6, 2020", "End of Document"],
        ["Traders count the cost", "Old Town Weekly", "February 29, 2020 Saturday",
         f"Length:{NBSP}31 words", f"Byline:{NBSP}Mei Sato and Tom Brennan", "Body", *BODY_C,
         "Classification", f"Language:{NBSP}ENGLISH", "End of Document"],
    ]
    for a in articles:
        for line in a:
            d.add_paragraph(line)
        d.add_page_break()
    path = folder / "nexis_uni.docx"
    d.save(str(path))
    return path


def nexis_uni_txt(folder: Path) -> Path:
    """A Nexis Uni plain-text download of two documents (cp1252-free UTF-8), blank lines
    between paragraphs."""
    lines = ["River floods old town", "", "The Northern Gazette", "", "January 5, 2020 Sunday", "",
             f"Length:{NBSP}27 words", f"Byline:{NBSP}Anna Petrova", "", "Body", "",
             BODY_A[0], "", BODY_A[1], "", "Load-Date: January 6, 2020", "", "", "End of Document", "",
             "Budget passes after marathon debate", "", "Capital Times", "", "5 January 2020", "",
             f"Section:{NBSP}POLITICS", "Length: 1204 words", "", "Body", "", BODY_B[0], "", BODY_B[1], "",
             "End of Document", ""]
    path = folder / "nexis_uni.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def nexis_academic_txt(folder: Path) -> Path:
    """A LexisNexis Academic text export: three documents, the second without a
    byline and with an edition line, the third a graphic with no LENGTH and no text."""
    c = " " * 30
    lines = [
        f"{c}1 of 3 DOCUMENTS", "", "", f"{c}The Northern Gazette", "",
        f"{c}January 5, 2020 Sunday", "", "River floods old town", "", "BYLINE: ANNA PETROVA", "",
        "SECTION: NEWS; Pg. 4", "", "LENGTH: 27 words", "", "DATELINE: RIVERTON", "",
        BODY_A[0], "", BODY_A[1], "", "LOAD-DATE: January 6, 2020", "", "LANGUAGE: ENGLISH", "",
        "PUBLICATION-TYPE: Newspaper", "", f"{c}Copyright 2020 Northern Gazette Ltd", "", "",
        f"{c}2 of 3 DOCUMENTS", "", "", f"{c}Capital Times", "", f"{c}January 5, 2020 Sunday",
        f"{c}Final Edition", "", "Budget passes", "after marathon debate", "", "SECTION: POLITICS", "",
        "LENGTH: 1204 words", "", BODY_B[0], "", BODY_B[1], "", "LOAD-DATE: January 6, 2020", "",
        "LANGUAGE: ENGLISH", "", "", f"{c}3 of 3 DOCUMENTS", "", f"{c}The Northern Gazette", "",
        f"{c}January 5, 2020 Sunday", "", "GRAPHIC: Rainfall by month", "", "LOAD-DATE: January 6, 2020", "",
    ]
    path = folder / "lexisnexis_academic.txt"
    path.write_text("\n".join(lines), encoding="cp1252")
    return path


def _factiva_coded_lines() -> list[tuple[str, str | list[str]]]:
    """Three articles with Factiva's codes: the second without a byline or TD, the
    third with no text at all."""
    return [
        ("HD", "River floods old town"), ("BY", "By Anna Petrova"), ("WC", "27 words"),
        ("PD", "5 January 2020"), ("ET", "07:30"), ("SN", "The Northern Gazette"), ("SC", "NGAZ"),
        ("SE", "News"), ("LA", "English"), ("CY", "(c) 2020 Northern Gazette Ltd"),
        ("LP", [BODY_A[0]]), ("TD", [BODY_A[1]]), ("CO", "rvcncl : Riverton Council"),
        ("NS", "gdis : Disasters | gflood : Floods"), ("RE", "uk : United Kingdom"),
        ("AN", "Document NGAZ000020200105eg150000b"),
        ("HD", "Budget passes after marathon debate"), ("WC", "1,204 words"), ("PD", "6 January 2020"),
        ("SN", "Capital Times"), ("SC", "CAPT"), ("LA", "English"), ("CY", "Copyright 2020 Capital Times"),
        ("LP", BODY_B), ("IN", "i1 : Government"), ("AN", "Document CAPT000020200106eg160000c"),
        ("HD", "Chart: rainfall by month"), ("WC", "0 words"), ("PD", "6 January 2020"),
        ("SN", "The Northern Gazette"), ("AN", "Document NGAZ000020200106eg160000d"),
    ]


def factiva_txt(folder: Path) -> Path:
    """A Factiva text export with indexing: each code, a tab, its value; the text
    fields with a paragraph a line."""
    out = []
    for code, value in _factiva_coded_lines():
        if isinstance(value, list):
            out.append(code)
            for v in value:
                out.extend([v, ""])
        else:
            out.append(f"{code}\t{value}")
        if code == "AN":
            out.extend(["", ""])
    path = folder / "factiva.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def _rtf_escape(s: str) -> str:
    out = []
    for ch in s:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        elif ord(ch) < 256:
            out.append(f"\\'{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch)}?")
    return "".join(out)


def factiva_rtf(folder: Path) -> Path:
    """A Factiva RTF export with indexing (code, tab, value), accented and curly
    characters escaped as RTF does."""
    body = [r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}\f0\fs20 "]
    coded = _factiva_coded_lines()
    coded[10] = ("LP", [BODY_C[0]])
    coded[11] = ("TD", [BODY_C[1]])
    for code, value in coded:
        if isinstance(value, list):
            body.append(rf"{{\b {code}}}\par ")
            for v in value:
                body.append(_rtf_escape(v) + r"\par\par ")
        else:
            body.append(rf"{{\b {code}}}\tab {_rtf_escape(value)}\par ")
    body.append("}")
    path = folder / "factiva.rtf"
    path.write_text("".join(body), encoding="ascii")
    return path


def factiva_html(folder: Path) -> Path:
    """A Factiva HTML export with indexing: per article a div and a table of codes."""
    parts = ['<html><head><title>Factiva</title></head><body><div id="articles">']
    arts: list[list[tuple[str, str | list[str]]]] = [[]]
    for code, value in _factiva_coded_lines():
        arts[-1].append((code, value))
        if code == "AN":
            arts.append([])
    for art in arts[:-1]:
        parts.append('<div class="article enArticle"><table border="0">')
        for code, value in art:
            if isinstance(value, list):
                cell = "".join(f'<p class="articleParagraph enarticleParagraph">{v}</p>' for v in value)
            else:
                cell = value.replace("&", "&amp;")
            parts.append(f'<tr><td><b>{code}</b>&nbsp;</td><td>{cell}</td></tr>')
        parts.append("</table></div>")
    parts.append("</div></body></html>")
    path = folder / "factiva.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def factiva_plain_txt(folder: Path) -> Path:
    """A Factiva text export without indexing: two articles, the second without a
    byline or time."""
    lines = ["River floods old town", "By Anna Petrova", "27 words", "5 January 2020", "07:30",
             "The Northern Gazette", "NGAZ", "English", "(c) 2020 Northern Gazette Ltd", "",
             BODY_A[0], "", BODY_A[1], "", "Document NGAZ000020200105eg150000b", "", "",
             "Budget passes after marathon debate", "1,204 words", "6 January 2020", "Capital Times",
             "CAPT", "Late Edition", "English", "Copyright 2020 Capital Times", "", BODY_B[0], "", BODY_B[1],
             "", "Document CAPT000020200106eg160000c", ""]
    path = folder / "factiva_plain.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def mediacloud_csv(folder: Path) -> Path:
    """A Media Cloud story list as the legacy platform exports it: no text column."""
    import csv

    path = folder / "mediacloud_stories.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["stories_id", "publish_date", "title", "url", "language", "ap_syndicated", "themes",
                    "media_id", "media_name", "media_url"])
        w.writerow([1532876543, "2020-01-05 07:30:00", "River floods old town",
                    "https://gazette.example/river", "en", "False", "", 1, "The Northern Gazette",
                    "https://gazette.example"])
        w.writerow([1532876999, "2020-01-06 09:00:00", "Budget passes", "https://captimes.example/budget",
                    "en", "True", "", 2, "Capital Times", "https://captimes.example"])
    return path


def mediacloud_text_csv(folder: Path) -> Path:
    """A Media Cloud story list from the current search tool, with a text column
    added by the researcher; the second row has no media name, the third no text."""
    import csv

    path = folder / "mediacloud_search.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "indexed_date", "language", "media_name", "media_url", "publish_date", "title",
                    "url", "text"])
        w.writerow(["a1b2c3", "2020-01-05T08:00:00", "en", "The Northern Gazette", "gazette.example",
                    "2020-01-05", "River floods old town", "https://gazette.example/river", "\n".join(BODY_A)])
        w.writerow(["d4e5f6", "2020-01-06T10:00:00", "en", "", "https://www.captimes.example/",
                    "", "Budget passes", "https://captimes.example/budget", "\n\n".join(BODY_B)])
        w.writerow(["g7h8i9", "2020-01-07T10:00:00", "en", "Old Town Weekly", "oldtown.example",
                    "2020-01-07", "Traders count the cost", "https://oldtown.example/traders", ""])
    return path


LONG_SUMMARY = " ".join(BODY_A + BODY_B + BODY_C + BODY_A + BODY_B)  # 104 words


def rss(folder: Path) -> Path:
    """An RSS 2.0 feed: an item with full content:encoded (a figure caption inside),
    one with only a short description, one with the whole story in its description,
    one with no text at all."""
    body_a = "".join(f"<p>{p}</p>" for p in BODY_A)
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Northern Gazette</title>
  <link>https://gazette.example/</link>
  <description>News from the north</description>
  <item>
    <title>River floods old town</title>
    <link>https://gazette.example/river</link>
    <guid isPermaLink="false">gazette-2020-0001</guid>
    <pubDate>Sun, 05 Jan 2020 07:30:00 +0000</pubDate>
    <dc:creator>Anna Petrova</dc:creator>
    <category>News</category><category>Weather</category>
    <description>The river rose overnight.</description>
    <content:encoded><![CDATA[<figure><img src="x.jpg"/><figcaption>The flooded square.</figcaption></figure>{body_a}]]></content:encoded>
  </item>
  <item>
    <title>Budget passes</title>
    <link>https://gazette.example/budget</link>
    <pubDate>Mon, 06 Jan 2020 09:00:00 +0000</pubDate>
    <description>Lawmakers approved the budget.</description>
  </item>
  <item>
    <title>Traders count the cost</title>
    <link>https://gazette.example/traders</link>
    <guid>https://gazette.example/traders</guid>
    <description>&lt;p&gt;{LONG_SUMMARY}&lt;/p&gt;</description>
  </item>
  <item>
    <title>Picture of the day</title>
    <link>https://gazette.example/picture</link>
  </item>
</channel>
</rss>
"""
    path = folder / "gazette.rss"
    path.write_text(xml, encoding="utf-8")
    return path


def atom(folder: Path) -> Path:
    """An Atom feed: one entry with HTML content and two authors, one with a source
    element naming another outlet, updated date only."""
    body_b = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in BODY_B)
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Capital Times</title>
  <id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
  <updated>2020-01-06T09:00:00Z</updated>
  <entry>
    <title>Budget passes after marathon debate</title>
    <link href="https://captimes.example/budget"/>
    <id>tag:captimes.example,2020:budget</id>
    <published>2020-01-06T09:00:00+01:00</published>
    <updated>2020-01-06T12:00:00Z</updated>
    <author><name>Lukas Fischer</name></author>
    <author><name>Grace Mensah</name></author>
    <content type="html">{body_b}</content>
  </entry>
  <entry>
    <title>Traders count the cost</title>
    <link href="https://captimes.example/traders"/>
    <id>tag:captimes.example,2020:traders</id>
    <updated>2020-02-29T10:00:00Z</updated>
    <source><title>Old Town Weekly</title></source>
    <content type="text">{BODY_C[0]}

{BODY_C[1]}</content>
  </entry>
</feed>
"""
    path = folder / "captimes.atom"
    path.write_text(xml, encoding="utf-8")
    return path


def article_page(title: str, paras: list[str], *, author: str | None = None, date: str | None = None,
                 site: str | None = None) -> str:
    """A small but realistic article page, as a news site serves it."""
    meta = ""
    if author:
        meta += f'<meta name="author" content="{author}">'
    if date:
        meta += f'<meta property="article:published_time" content="{date}">'
    if site:
        meta += f'<meta property="og:site_name" content="{site}">'
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            "<footer>Contact us. Privacy policy.</footer></body></html>")


LONG_A = BODY_A + [
    "Residents of the lower streets were taken to the sports hall, where volunteers handed out blankets and food.",
    "The council said the water was expected to fall slowly over the next two days if the rain stopped.",
    "Engineers will inspect the old stone bridge once the river is back within its banks.",
]


def warc(folder: Path, *, gz: bool = True) -> Path:
    """A WARC file as a crawler writes it: a warcinfo record, a request and its
    article page, a page answered with 404, an image, a page with no article text."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = folder / ("crawl.warc.gz" if gz else "crawl.warc")
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test-fixture"}))

        def page(uri: str, status: str, ctype: str, payload: bytes, record_id: str) -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(uri, "response", payload=BytesIO(payload), http_headers=http,
                                            warc_headers_dict={"WARC-Record-ID": record_id})
            writer.write_record(rec)

        req = StatusAndHeaders("GET /river HTTP/1.1", [("Host", "gazette.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://gazette.example/river", "request",
                                                      http_headers=req))
        html = article_page("River floods old town", LONG_A, author="Anna Petrova",
                            date="2020-01-05T07:30:00Z", site="The Northern Gazette")
        page("https://gazette.example/river", "200 OK", "text/html; charset=utf-8", html.encode("utf-8"),
             "<urn:uuid:00000000-0000-0000-0000-000000000001>")
        page("https://gazette.example/missing", "404 Not Found", "text/html", b"<html><body>Not found</body></html>",
             "<urn:uuid:00000000-0000-0000-0000-000000000002>")
        page("https://gazette.example/x.jpg", "200 OK", "image/jpeg", b"\xff\xd8\xff\xe0" + b"0" * 50,
             "<urn:uuid:00000000-0000-0000-0000-000000000003>")
        page("https://gazette.example/empty", "200 OK", "text/html", b"<html><body><nav>Home</nav></body></html>",
             "<urn:uuid:00000000-0000-0000-0000-000000000004>")
    return path


def nexis_uni_rtf(folder: Path) -> Path:
    """A Nexis Uni RTF download: the text download's two documents, a paragraph per
    RTF paragraph, the no-break spaces escaped."""
    text = nexis_uni_txt(folder).read_text(encoding="utf-8")
    (folder / "nexis_uni.txt").unlink()
    body = "".join(_rtf_escape(line) + r"\par " for line in text.split("\n"))
    path = folder / "nexis_uni.rtf"
    path.write_text(r"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}\f0 " + body + "}", encoding="ascii")
    return path


def factiva_plain_html(folder: Path) -> Path:
    """A Factiva HTML export without indexing: per article a div of plain divs (headline,
    byline, word count, date, time, source, code, language, copyright), the text in
    articleParagraph paragraphs and the accession number last; the second article has
    no byline and no time."""
    def article(title, byline, words, date, time, source, code, copyright, paras, an):
        lines = [f'<div id="hd"><span class="enHeadline">{title}</span></div>']
        if byline:
            lines.append(f'<div class="author">{byline}</div>')
        lines += [f"<div>{words}</div>", f"<div>{date}</div>"]
        if time:
            lines.append(f"<div>{time}</div>")
        lines += [f"<div>{source}</div>", f"<div>{code}</div>", "<div>English</div>", f"<div>{copyright}</div>"]
        lines += [f'<p class="articleParagraph enarticleParagraph">{p}</p>' for p in paras]
        lines.append(f"<div>Document {an}</div>")
        return '<div class="article enArticle">' + "\n".join(lines) + "</div>"

    html = ("<html><body>"
            + article("River floods old town", "By Anna Petrova", "27 words", "5 January 2020", "07:30",
                      "The Northern Gazette", "NGAZ", "(c) 2020 Northern Gazette Ltd", BODY_A,
                      "NGAZ000020200105eg150000b")
            + article("Budget passes after marathon debate", None, "1,204 words", "6 January 2020", None,
                      "Capital Times", "CAPT", "Copyright 2020 Capital Times", BODY_B, "CAPT000020200106eg160000c")
            + "</body></html>")
    path = folder / "factiva_plain.html"
    path.write_text(html, encoding="utf-8")
    return path
