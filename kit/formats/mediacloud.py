"""Media Cloud story lists (CSV).

Media Cloud's search tool and its API clients export one story a row. The legacy
platform's columns are ``stories_id``, ``publish_date``, ``title``, ``url``,
``language``, ``ap_syndicated``, ``themes``, ``media_id``, ``media_name``,
``media_url``; the current search tool's are ``id``, ``indexed_date``, ``language``,
``media_name``, ``media_url``, ``publish_date``, ``title``, ``url``. The story's id
becomes ``external_id`` and ``media_name`` (else ``media_url``) the outlet.

Story lists carry no text (Media Cloud does not redistribute it): each story whose
row has no text column is reported, with its address, as not loaded. Save the pages
with :func:`kit.download_pages` and load the folder; a CSV that does hold the text
(a ``text`` or ``story_text`` column, or any column the plain CSV reader takes for
the text, or the one named by ``text=``) loads in full, the text cleaned as every
format's is (:mod:`kit.clean`). Any other CSV file is read as a plain table.
"""
from __future__ import annotations

import csv
import re
from typing import Any, Iterator

from kit.formats import export_record, head_text, numbered
from kit.readers import FIELD_NAMES, Problem, Source, _csv_rows, _norm_key, register_reader

__all__ = ["read", "sniff"]

_TEXT_COLUMNS = ("text", "story_text", "full_text", "body", "content")


def _header(text: str) -> list[str]:
    first = text.split("\n", 1)[0]
    try:
        return [h.strip().lower() for h in next(csv.reader([first]))]
    except (csv.Error, StopIteration):
        return []


def sniff(head: bytes, name: str) -> bool:
    """A ``.csv`` file whose header names Media Cloud's columns (``stories_id``, or
    ``media_name`` / ``media_url`` beside ``publish_date``)."""
    if not name.lower().endswith(".csv"):
        return False
    cols = set(_header(head_text(head)))
    return "stories_id" in cols or (bool(cols & {"media_name", "media_url"}) and "publish_date" in cols)


@register_reader("mediacloud", suffixes=(".csv",), sniff=sniff, many=True)
def read(source: Source) -> Iterator[dict[str, Any] | Problem]:
    """The stories of a Media Cloud CSV.

    Yields
    ------
    dict or Problem
        A record per story with text (``title``, ``date``, ``outlet``, ``url``,
        ``external_id``, ``text``), a problem per story without.
    """
    text = source.text()
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))  # a story's text may be long
    items: list[dict[str, Any] | Problem] = []
    error = None
    try:  # read at once, so that the field size limit is raised only meanwhile
        for item in numbered(_stories(text, source), "a Media Cloud story list"):
            items.append(item)
    except ValueError as e:  # the stories before a malformed row are kept
        error = e
    finally:
        csv.field_size_limit(limit)
    yield from items
    if error is not None:
        raise error


def _stories(text: str, source: Source) -> Iterator[dict[str, Any] | Problem]:
    # The rows are parsed as the plain CSV reader parses them (kit.readers._csv_rows):
    # a stray quote or a row of the wrong width costs that row, reported with its line,
    # never the rows after it.
    header: list[str] | None = None
    names: dict[str, int] = {}
    text_i: int | None = None
    for line, row in _csv_rows(text, ","):
        if header is None:
            if isinstance(row, csv.Error):
                raise ValueError(f"malformed CSV: the header row does not parse ({row})")
            if not any(c.strip() for c in row):
                continue
            header = [h.strip() for h in row]
            for i, h in enumerate(header):
                names.setdefault(_norm_key(h), i)
            chosen = source.options.get("text")
            if chosen is not None:
                text_i = names.get(_norm_key(str(chosen)))
                if text_i is None:
                    raise ValueError(f"no column {chosen!r} (the text= option); columns: {', '.join(header[:12])}")
            else:
                text_i = next((names[c] for c in (*_TEXT_COLUMNS, *FIELD_NAMES["text"]) if c in names), None)
            continue
        if isinstance(row, csv.Error):
            yield Problem(f"malformed CSV row at line {line}: {row}")
            continue
        if not any(c.strip() for c in row):
            continue  # a blank row
        if len(row) != len(header):
            yield Problem(f"CSV row at line {line} has {len(row)} fields, the header has {len(header)}")
            continue

        def get(*keys: str) -> str | None:
            for k in keys:
                if k in names:
                    v = row[names[k]].strip()
                    if v:
                        return v
            return None

        url = get("url")
        story = get("stories_id", "id", "story_id")
        body = row[text_i].strip() if text_i is not None else None
        if not body:
            where = f" ({url})" if url else ""
            yield Problem(f"story {story or '?'}{where}: Media Cloud lists it without its text; "
                          "save the page with kit.download_pages and load that")
            continue
        outlet = get("media_name")
        if outlet is None and (media_url := get("media_url")):
            outlet = re.sub(r"^(?:https?://)?(?:www\.)?", "", media_url).strip("/")
        yield export_record(body, title=get("title"), date=get("publish_date", "indexed_date"),
                            outlet=outlet, url=url, external_id=story, byline=get("author", "byline"))
    if header is None:
        raise ValueError("the Media Cloud CSV has no header row")
