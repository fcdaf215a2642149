"""The frame verbs: attributions, sources, summaries, per group.

Each applies :func:`kit.sourcing.analyse_text` to every article and returns a tidy
frame that carries ``article_id``.
"""
from __future__ import annotations

import pandas as pd

from kit.sourcing.citations import TextSourcing, analyse_text
from kit.text import check_language, require_columns

ATTRIBUTION_COLUMNS = ["article_id", "paragraph", "speaker", "source", "kind", "verb", "quote",
                       "direct", "start", "end", "quote_start", "quote_end", "anonymity_reason",
                       "speaker_start", "speaker_end"]
SOURCE_COLUMNS = ["article_id", "source", "speaker", "kind", "citations", "direct",
                  "anonymity_reason", "first_paragraph", "gender", "gender_evidence", "described_gender"]
GENDER_SUMMARY_COLUMNS = ["female", "male", "gender_unknown", "share_female"]
SUMMARY_COLUMNS = ["article_id", "sources", "named", "anonymous", "institutional", "citations",
                   "direct_citations", "share_anonymous", "share_direct", "quoted_words", "n_words",
                   "share_quoted_words", *GENDER_SUMMARY_COLUMNS]


def _check(articles: pd.DataFrame, what: str) -> None:
    require_columns(articles, ["article_id", "text"], what=what)
    check_language(articles)  # warns, naming the articles the English rules cannot read


def _each(articles: pd.DataFrame):
    outlets = articles["outlet"] if "outlet" in articles.columns else [None] * len(articles)
    for article_id, text, outlet in zip(articles["article_id"], articles["text"], outlets):
        yield article_id, text if isinstance(text, str) else "", outlet if isinstance(outlet, str) else None


def _rows_of(items: list) -> tuple[list, list, list]:
    """Citation, source and summary rows of ``(article_id, text, outlet)`` items."""
    citation_rows, source_rows, summary_rows = [], [], []
    for article_id, text, outlet in items:
        res = analyse_text(text, outlet=outlet)
        citation_rows.extend(_citation_rows(article_id, res))
        source_rows.extend(_source_rows(article_id, res, text))
        summary_rows.append(_summary_row(article_id, res))
    return citation_rows, source_rows, summary_rows


def _all_rows(articles: pd.DataFrame) -> tuple[list, list, list]:
    """:func:`_rows_of` every article, over both cores on a large corpus
    (:func:`kit.scale.over_cores`: each article's rows depend on it alone, so the
    parts' rows joined in order are one process's rows; a test checks it)."""
    from kit.scale import over_cores

    done = over_cores(_rows_of, list(_each(articles)))
    return tuple([row for part in done for row in part[i]] for i in range(3))


def attributions(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per citation: who is cited where, how, and with which words.

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id`` and ``text``; ``outlet``, when
        present, is never counted as a source).

    Returns
    -------
    DataFrame
        Columns ``article_id``, ``paragraph`` (0-based), ``speaker`` (the words used at
        this mention: "Tabalov", "she", "officials"; empty for a quote that continues
        the previous speaker), ``source`` (the distinct source it resolves to:
        "Alexei Tabalov"), ``kind`` (named / anonymous / institutional), ``verb``
        ("said", "according to"; empty for a continuing quote), ``quote`` (the
        quoted or paraphrased words), ``direct`` (bool: quotation marks used),
        ``start``/``end`` (offsets of the citing sentence in ``text``),
        ``quote_start``/``quote_end`` (offsets of the cited words),
        ``anonymity_reason`` (the reason given for anonymity, or ""), and
        ``speaker_start``/``speaker_end`` (offsets of the speaker's words in
        ``text``, so that ``text[speaker_start:speaker_end] == speaker``; -1 for a
        continuing quote, which has no speaker words).
    """
    _check(articles, "attributions()")
    return _attribution_frame(_all_rows(articles)[0])


def _citation_rows(article_id, res: TextSourcing) -> list[tuple]:
    return [(article_id, c.paragraph, c.speaker, c.source.speaker, c.source.kind, c.verb,
             c.quote, c.direct, c.start, c.end, c.quote_start, c.quote_end, c.anonymity_reason,
             c.speaker_start, c.speaker_end)
            for c in res.citations]


def _attribution_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS).astype(
        {"paragraph": "int64", "direct": "bool", "start": "int64", "end": "int64",
         "quote_start": "int64", "quote_end": "int64",
         "speaker_start": "int64", "speaker_end": "int64"})


def _source_rows(article_id, res: TextSourcing, text: str) -> list[tuple]:
    """One row per source, with its gender (:func:`kit.gender.source_gender`): read
    here, in the worker that has the article, rather than over the whole corpus after."""
    from kit.gender import source_gender

    rows = []
    for s in res.sources:
        cits = [c for c in res.citations if c.source is s]
        rows.append((article_id, s.speaker, s.speaker, s.kind, len(cits), any(c.direct for c in cits),
                     s.reason, min(c.paragraph for c in cits), *source_gender(text, s.speaker, s.kind)))
    return rows


def sources(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct source per article.

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id`` and ``text``).

    Returns
    -------
    DataFrame
        Columns ``article_id``, ``source`` (the key that :func:`attributions` uses),
        ``speaker`` (the source's first mention as written, e.g. "a woman whose
        boyfriend is serving a sentence there"; a named person's full name),
        ``kind``, ``citations`` (how many times it is cited), ``direct`` (bool: at
        least one direct quote), ``anonymity_reason`` (the reason the article gives
        for anonymity, or ""), ``first_paragraph``, and the columns of
        :func:`kit.gender.add_gender`: ``gender`` (``female`` / ``male`` /
        ``unknown`` for a named source, NA for the others), ``gender_evidence`` (why,
        or "") and ``described_gender`` (``female`` / ``male`` for an anonymous source
        described with a gendered word, else NA).
    """
    _check(articles, "sources()")
    return _sources_frame(_all_rows(articles)[1])


def _sources_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=SOURCE_COLUMNS).astype(
        {"citations": "int64", "direct": "bool", "first_paragraph": "int64"})
    frame["gender"] = frame["gender"].astype("string")
    frame["gender_evidence"] = frame["gender_evidence"].astype(object)
    frame["described_gender"] = frame["described_gender"].astype("string")
    return frame


def _gender_summary(summary: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Add the women, men and unknown among each article's named sources to ``summary``."""
    from kit.gender import gender_counts

    counts = gender_counts(sources, "article_id")[["article_id", "female", "male", "unknown"]]
    counts = counts.rename(columns={"unknown": "gender_unknown"})
    out = summary.merge(counts, on="article_id", how="left")
    for col in ("female", "male", "gender_unknown"):
        out[col] = out[col].fillna(0).astype("int64")
    known = out["female"] + out["male"]
    out["share_female"] = (out["female"] / known.where(known > 0)).astype(float)
    return out


def sourcing_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: how many sources of each kind, and how much is quoted.

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id`` and ``text``).

    Returns
    -------
    DataFrame
        Columns ``article_id``, ``sources`` (distinct sources), ``named``,
        ``anonymous``, ``institutional`` (distinct sources of each kind),
        ``citations``, ``direct_citations``, ``share_anonymous`` (anonymous sources /
        sources; NaN without sources), ``share_direct`` (direct citations /
        citations; NaN without citations), ``quoted_words`` (words inside quotation
        marks), ``n_words``, ``share_quoted_words`` (quoted_words / n_words; NaN for
        an empty text), and the gender of the named sources
        (:func:`kit.gender.add_gender`): ``female``, ``male``, ``gender_unknown``
        (named sources whose gender is not known) and ``share_female`` (female /
        (female + male); NaN when none is known).
    """
    _check(articles, "sourcing_summary()")
    _, source_rows, summary_rows = _all_rows(articles)
    return _summary_frame(summary_rows, _sources_frame(source_rows))


def _summary_row(article_id, res: TextSourcing) -> tuple:
    kinds = [s.kind for s in res.sources]
    n_src, n_cit = len(kinds), len(res.citations)
    n_direct = sum(c.direct for c in res.citations)
    return (article_id, n_src, kinds.count("named"), kinds.count("anonymous"),
            kinds.count("institutional"), n_cit, n_direct,
            kinds.count("anonymous") / n_src if n_src else float("nan"),
            n_direct / n_cit if n_cit else float("nan"),
            res.quoted_words, res.n_words,
            res.quoted_words / res.n_words if res.n_words else float("nan"))


def _summary_frame(rows: list[tuple], sources: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS[:-len(GENDER_SUMMARY_COLUMNS)]).astype(
        {c: "int64" for c in ("sources", "named", "anonymous", "institutional", "citations",
                              "direct_citations", "quoted_words", "n_words")})
    return _gender_summary(frame, sources)


def sourcing_tables(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """:func:`attributions`, :func:`sources` and :func:`sourcing_summary` from one
    pass over the articles (each verb alone analyses every article again).

    Returns
    -------
    tuple of DataFrame
        ``(attributions, sources, summary)``, equal to the three verbs' results.
    """
    _check(articles, "sourcing_tables()")
    citation_rows, source_rows, summary_rows = _all_rows(articles)
    src = _sources_frame(source_rows)
    return _attribution_frame(citation_rows), src, _summary_frame(summary_rows, src)


def sourcing_by(articles: pd.DataFrame, by: str = "outlet", *, freq: str = "auto",
                summary: pd.DataFrame | None = None, missing: str = "(unknown)") -> pd.DataFrame:
    """Sources of each kind per group of articles: per outlet, or per period of time.

    Parameters
    ----------
    articles : DataFrame
        The articles frame (``article_id``, ``text``, and the ``by`` column; ``date``
        for ``by="period"``).
    by : str
        A column of ``articles`` (``"outlet"``, ``"byline"``...), or ``"period"``
        to group by the period holding each article's ``date``.
    freq : {"auto", "D", "W", "M", "Q", "Y"}
        Period length for ``by="period"``; ``"auto"`` picks a readable one
        (:func:`kit.overview.auto_freq`). Undated articles are left out.
    summary : DataFrame, optional
        A :func:`sourcing_summary` of ``articles`` already computed (saves time).
    missing : str
        Label for articles without a value in ``by``.

    Returns
    -------
    DataFrame
        One row per group, in order (periods by date, other groups by sources,
        descending): the group column (``by``, or ``period``), ``articles``,
        ``named``, ``anonymous``, ``institutional``, ``sources``, ``citations``,
        ``direct_citations``, ``share_anonymous`` (anonymous / sources),
        ``share_direct`` (direct / citations), and among the named sources
        ``female``, ``male``, ``gender_unknown`` and ``share_female`` (female /
        (female + male); NaN when none is known). ``attrs["freq"]`` holds the period
        length used.
    """
    from kit.overview import auto_freq, period_start

    _check(articles, "sourcing_by()")
    if by != "period":
        require_columns(articles, [by], what="sourcing_by()")
    summary = sourcing_summary(articles) if summary is None else summary
    cols = ["named", "anonymous", "institutional", "sources", "citations", "direct_citations"]
    cols += [c for c in ("female", "male", "gender_unknown") if c in summary.columns]
    joined = summary[["article_id", *cols]].merge(
        articles[["article_id", "date" if by == "period" else by]].drop_duplicates("article_id"),
        on="article_id", how="left")
    used = ""
    if by == "period":
        dates = pd.to_datetime(joined["date"], errors="coerce")
        joined = joined[dates.notna()].copy()
        used = auto_freq(dates.dropna()) if freq == "auto" else freq
        joined["period"] = period_start(dates[dates.notna()], used) if len(joined) else pd.Series(dtype="datetime64[ns]")
        key = "period"
    else:
        key = by
        joined[key] = joined[key].where(joined[key].notna() & (joined[key].astype(str).str.strip() != ""), missing)
    grouped = joined.groupby(key, sort=True)
    out = grouped[cols].sum().reset_index()
    out.insert(1, "articles", grouped.size().to_numpy() if len(out) else [])
    out["share_anonymous"] = (out["anonymous"] / out["sources"].where(out["sources"] > 0)).astype(float)
    out["share_direct"] = (out["direct_citations"] / out["citations"].where(out["citations"] > 0)).astype(float)
    if "female" in out.columns:
        known = out["female"] + out["male"]
        out["share_female"] = (out["female"] / known.where(known > 0)).astype(float)
    if by != "period":
        out = out.sort_values(["sources", key], ascending=[False, True], kind="stable").reset_index(drop=True)
    out = out.astype({c: "int64" for c in ["articles", *cols]})
    out.attrs["freq"] = used
    return out

