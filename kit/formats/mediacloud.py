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
(a ``text`` or ``story_text`` column) loads in full, the text cleaned as every
format's is (:mod:`kit.clean`). Any other CSV file is read as a plain table.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any, Iterator

from kit.formats import export_record, head_text, numbered
from kit.readers import Problem, Source, register_reader

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
        for item in numbered(_stories(text), "a Media Cloud story list"):
            items.append(item)
    except ValueError as e:  # the stories before a malformed row are kept
        error = e
    finally:
        csv.field_size_limit(limit)
    yield from items
    if error is not None:
        raise error


def _stories(text: str) -> Iterator[dict[str, Any] | Problem]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None:
        raise ValueError("the Media Cloud CSV has no header row")
    names = {re.sub(r"[\s-]+", "_", f.strip().lower()): f for f in reader.fieldnames}
    text_key = next((c for c in _TEXT_COLUMNS if c in names), None)

    def get(row: dict, *keys: str) -> str | None:
        for k in keys:
            if k in names:
                v = (row.get(names[k]) or "").strip()
                if v:
                    return v
        return None

    try:
        for row in reader:
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            url = get(row, "url")
            story = get(row, "stories_id", "id", "story_id")
            body = get(row, text_key) if text_key else None
            if not body:
                where = f" ({url})" if url else ""
                yield Problem(f"story {story or '?'}{where}: Media Cloud lists it without its text; "
                              "save the page with kit.download_pages and load that")
                continue
            outlet = get(row, "media_name")
            if outlet is None and (media_url := get(row, "media_url")):
                outlet = re.sub(r"^(?:https?://)?(?:www\.)?", "", media_url).strip("/")
            yield export_record(body, title=get(row, "title"), date=get(row, "publish_date", "indexed_date"),
                                outlet=outlet, url=url, external_id=story, byline=get(row, "author", "byline"))
    except csv.Error as e:
        raise ValueError(f"malformed CSV at line {reader.line_num}: {e}") from None
