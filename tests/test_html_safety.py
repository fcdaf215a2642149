"""Output that is safe to open: every HTML the kit writes or shows escapes the articles' text.

Script and attribute payloads go into titles, ids and texts; the pages must show them
as text. A page is checked with an HTML parser: no ``<script>`` or ``<img>`` of the
payload's, and no ``on...`` event attribute, may come out of the markup.
"""
from __future__ import annotations

import ast
import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.config import notebooks_dir
from kit.report import write_index
from kit.run import NotebookRun, RunResult

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "'><svg onload=alert(1)>",
    "</textarea><iframe src=javascript:alert(1)>",
]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _dangerous(markup: str) -> list[str]:
    """The elements and attributes in ``markup`` that could run code."""
    parser = _Tags()
    parser.feed(markup)
    found = []
    for tag, attrs in parser.tags:
        chart = tag == "img" and (dict(attrs).get("src") or "").endswith((".png", ".svg"))  # the kit's own
        if tag in ("script", "img", "svg", "iframe", "object", "embed") and not chart:
            found.append(tag)
        found += [f"{tag}[{k}]" for k, v in attrs if k.startswith("on")]
        found += [f"{tag}[{k}]" for k, v in attrs if v and v.strip().lower().startswith("javascript:")]
    return found


def _cell(notebook: str, marker: str) -> str:
    nb = json.loads((notebooks_dir() / notebook).read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code" and marker in "".join(c["source"])]
    assert len(cells) == 1, f"no single cell with {marker!r} in {notebook}"
    return cells[0]


def _run_cell(source: str, namespace: dict):
    """Run a notebook cell and return the value of its last expression, as Jupyter shows it."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace) if last else None


@pytest.mark.parametrize("payload", PAYLOADS)
def test_notebook_02_keyword_in_context_table_escapes_article_text(tmp_path, payload, capsys):
    articles = pd.DataFrame({"article_id": [f"id{payload}"], "title": [payload],
                             "text": [f"Before {payload} the minister said {payload} after the vote."]})
    namespace = {"kit": kit, "pd": pd, "articles": articles, "KWIC_TERM": "minister",
                 "exp": kit.Exporter(tmp_path, notebook="02_word_frequencies"),
                 "bigrams": pd.DataFrame({"term": []}), "top": pd.DataFrame({"term": []})}
    styler = _run_cell(_cell("02_word_frequencies.ipynb", "kit.kwic("), namespace)
    markup = styler.to_html()
    assert _dangerous(markup) == []
    assert "minister" in markup and "&lt;" in markup  # the text is there, as text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_highlight_sources_escapes_title_id_and_text(payload):
    articles = pd.DataFrame({"article_id": [payload], "title": [payload], "outlet": ["X"],
                             "text": [f'"{payload}," said {payload} Smith, a spokesman. {payload} Others agreed.']})
    markup = kit.highlight_sources(articles)
    assert _dangerous(markup) == []
    assert payload not in markup


@pytest.mark.parametrize("payload", PAYLOADS)
def test_index_html_escapes_titles_ids_and_messages(tmp_path, payload):
    out = tmp_path / "out"
    nb = tmp_path / f"01_{payload.replace('/', '_')}.ipynb"
    nb.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": [f"# {payload}"]}]}), encoding="utf-8")
    exp = kit.Exporter(out, notebook=nb.stem, formats="png")
    kit.use_style()
    frame = pd.DataFrame({"outlet": [payload], "articles": [1]})
    exp.figure(kit.plots.bar(frame, "outlet", "articles", title=payload, xlabel="Articles"), payload, data=frame)
    exp.table(frame, payload)
    exp.html(kit.highlight_sources(pd.DataFrame({"article_id": [payload], "title": [payload],
                                                 "text": [f"{payload} text."]})), f"article_{payload}")
    runs = [NotebookRun(name=nb.stem, path=nb, executed=out / "notebooks" / "x.ipynb", ok=False, cell=2,
                        n_cells=3, source=payload, error=f"ValueError: {payload}"),
            NotebookRun(name=payload, path=tmp_path / f"02_{payload.replace('/', '_')}.ipynb",
                        executed=out / "notebooks" / "y.ipynb", interrupted=True, error=payload)]
    result = RunResult(out=out, data=str(tmp_path / payload.replace("/", "_")), formats=("png",), articles=1,
                       files=1, skipped=[{"path": str(tmp_path / payload.replace("/", "_")), "record": payload,
                                          "reason": payload}], load_error=payload, notebooks=runs)
    text = write_index(result).read_text(encoding="utf-8")
    assert _dangerous(text) == []
    assert payload not in text
    for page in (out / kit.safe_name(nb.stem)).glob("*.html"):
        assert _dangerous(page.read_text(encoding="utf-8")) == []


def test_index_html_survives_file_names_that_are_not_utf8(tmp_path):
    """A skipped file whose name is not valid UTF-8 (a lone surrogate in Python) used to stop the index."""
    out = tmp_path / "out"
    out.mkdir()
    bad = str(tmp_path) + "/caf\udce9.txt"
    result = RunResult(out=out, data=str(tmp_path), formats=("png",), skipped=[
        {"path": bad, "record": None, "reason": "binary file"}], load_error="UnicodeEncodeError: \udce9")
    text = write_index(result).read_text(encoding="utf-8")
    assert "caf\ufffd.txt" in text or "caf?.txt" in text
