"""Score :func:`kit.sources` against hand-made sourcing labels.

The labels are one JSON file per article, in the format of ``GOLD_FORMAT.md``::

    {"article": "2022-08-11_russia-troops-ukraine.txt",
     "attributions": [{"speaker": "Alexei Tabalov", "kind": "named", "quotes": 3, "direct": true}]}

A predicted source matches a gold source of the same article when their speaker
texts refer to the same source: the same surname for names, the same head noun for
descriptions, case and leading articles ignored (:func:`kit.sourcing.head_key`).
Matching is one-to-one; among candidates with the same head, the one whose kind
agrees is preferred, then the closer citation count. Precision, recall and F1 are
given twice: counting a match only when the kinds agree (``strict``), and whatever
the kind (``any_kind``). Citation counts and ``direct`` are compared on the pairs
matched whatever the kind.

Run it as ``python -m kit evaluate-sourcing --gold DIR --articles DIR``; without
``--gold`` it scores every labelled set committed under ``tests/data/sourcing``
(:func:`labelled_sets`), and with ``--polnear PATH`` it scores PolNeAR instead
(:mod:`kit.evaluate_polnear`).
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd

from kit.sourcing import head_key, sources

__all__ = ["load_gold", "match_sources", "evaluate_sourcing", "format_report", "gender_line", "labelled_sets",
           "evaluate_sets", "format_sets_report"]

_KINDS = ("named", "anonymous", "institutional")
_GENDERS = ("female", "male", "unknown")


def load_gold(folder: str | Path) -> pd.DataFrame:
    """Read every ``*.json`` label file in ``folder``.

    Returns
    -------
    DataFrame
        One row per gold source: ``article_id`` (the stem of ``article``), ``speaker``,
        ``kind``, ``quotes``, ``direct``, ``gender`` (None when not labelled). An article labelled with no sources keeps
        one row with ``speaker`` NaN, so that it still counts.
    """
    folder = Path(folder)
    files = sorted(folder.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no *.json label files in {folder}")
    rows = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        if "article" not in data or "attributions" not in data:
            raise ValueError(f"{path.name}: a label file needs 'article' and 'attributions'")
        article_id = Path(data["article"]).stem
        items = data["attributions"]
        if not items:
            rows.append({"article_id": article_id, "speaker": None, "kind": None, "quotes": 0, "direct": False,
                         "gender": None})
        for item in items:
            kind = item.get("kind")
            if kind not in _KINDS:
                raise ValueError(f"{path.name}: kind {kind!r} is not one of {_KINDS}")
            gender = item.get("gender")
            if gender is not None and gender not in _GENDERS:
                raise ValueError(f"{path.name}: gender {gender!r} is not one of {_GENDERS}")
            rows.append({"article_id": article_id, "speaker": item["speaker"], "kind": kind,
                         "quotes": int(item.get("quotes", 1)), "direct": bool(item.get("direct", False)),
                         "gender": gender})
    return pd.DataFrame(rows, columns=["article_id", "speaker", "kind", "quotes", "direct", "gender"])


def match_sources(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair predicted and gold sources of the same articles.

    Parameters
    ----------
    predicted : DataFrame
        From :func:`kit.sources` (``article_id``, ``speaker``, ``kind``,
        ``citations``, ``direct``).
    gold : DataFrame
        From :func:`load_gold`.

    Returns
    -------
    DataFrame
        One row per gold source and per unmatched predicted source: ``article_id``,
        ``key`` (the head word compared), ``gold_speaker``, ``gold_kind``,
        ``gold_quotes``, ``gold_direct``, ``gold_gender``, ``pred_speaker``,
        ``pred_kind``, ``pred_citations``, ``pred_direct``, ``pred_gender`` and
        ``pred_gender_evidence`` (from :func:`kit.gender.add_gender` when
        ``predicted`` has them); the gold or
        predicted side is NaN when unmatched.
    """
    rows = []
    for article_id in pd.unique(gold["article_id"]):
        g = gold[(gold["article_id"] == article_id) & gold["speaker"].notna()]
        p = predicted[predicted["article_id"] == article_id]
        pred = [dict(r, key=head_key(r["speaker"]), used=False) for r in p.to_dict("records")]
        for r in g.to_dict("records"):
            key = head_key(r["speaker"])
            cands = [q for q in pred if not q["used"] and q["key"] == key]
            cands.sort(key=lambda q: (q["kind"] != r["kind"], abs(q["citations"] - r["quotes"])))
            q = cands[0] if cands else None
            if q is not None:
                q["used"] = True
            rows.append({"article_id": article_id, "key": key, "gold_speaker": r["speaker"],
                         "gold_kind": r["kind"], "gold_quotes": r["quotes"], "gold_direct": r["direct"],
                         "gold_gender": _value(r.get("gender")),
                         "pred_speaker": q["speaker"] if q else None, "pred_kind": q["kind"] if q else None,
                         "pred_citations": q["citations"] if q else None,
                         "pred_direct": q["direct"] if q else None,
                         "pred_gender": _value(q.get("gender")) if q else None,
                         "pred_gender_evidence": q.get("gender_evidence", "") if q else None})
        for q in pred:
            if not q["used"]:
                rows.append({"article_id": article_id, "key": q["key"], "gold_speaker": None,
                             "gold_kind": None, "gold_quotes": None, "gold_direct": None, "gold_gender": None,
                             "pred_speaker": q["speaker"], "pred_kind": q["kind"],
                             "pred_citations": q["citations"], "pred_direct": q["direct"],
                             "pred_gender": _value(q.get("gender")),
                             "pred_gender_evidence": q.get("gender_evidence", "")})
    return pd.DataFrame(rows, columns=["article_id", "key", "gold_speaker", "gold_kind", "gold_quotes",
                                       "gold_direct", "gold_gender", "pred_speaker", "pred_kind",
                                       "pred_citations", "pred_direct", "pred_gender", "pred_gender_evidence"])


def _value(v):
    """A label or None (NaN and NA become None)."""
    return None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    recall = tp / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _score(m: pd.DataFrame) -> dict:
    n_gold = int(m["gold_speaker"].notna().sum())
    n_pred = int(m["pred_speaker"].notna().sum())
    matched = m[m["gold_speaker"].notna() & m["pred_speaker"].notna()]
    tp_any = len(matched)
    tp_strict = int((matched["gold_kind"] == matched["pred_kind"]).sum())
    p_s, r_s, f_s = _prf(tp_strict, n_pred, n_gold)
    p_a, r_a, f_a = _prf(tp_any, n_pred, n_gold)
    err = (matched["pred_citations"].astype(float) - matched["gold_quotes"].astype(float)).abs()
    return {"gold": n_gold, "predicted": n_pred, "matched": tp_any, "matched_kind": tp_strict,
            "precision": p_s, "recall": r_s, "f1": f_s,
            "precision_any_kind": p_a, "recall_any_kind": r_a, "f1_any_kind": f_a,
            "citation_mae": float(err.mean()) if tp_any else float("nan"),
            "citation_exact": float((err == 0).mean()) if tp_any else float("nan"),
            "direct_agreement": float((matched["gold_direct"].astype(bool)
                                       == matched["pred_direct"].astype(bool)).mean())
            if tp_any else float("nan"), **_gender_score(matched)}


def _gender_score(matched: pd.DataFrame) -> dict:
    """Gender on matched sources that the labels call named and give a known gender."""
    if "gold_gender" not in matched.columns:
        matched = matched.assign(gold_gender=None, pred_gender=None)
    known = matched[(matched["gold_kind"] == "named") & matched["gold_gender"].isin(["female", "male"])]
    assigned = known[known["pred_gender"].isin(["female", "male"])]
    right = int((assigned["pred_gender"] == assigned["gold_gender"]).sum())
    return {"gender_gold": len(known), "gender_assigned": len(assigned), "gender_right": right,
            "gender_accuracy": right / len(assigned) if len(assigned) else float("nan"),
            "gender_coverage": len(assigned) / len(known) if len(known) else float("nan")}


def evaluate_sourcing(gold: str | Path | pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score :func:`kit.sources` on ``articles`` against the labels in ``gold``.

    Parameters
    ----------
    gold : path or DataFrame
        A folder of label files, or the frame from :func:`load_gold`.
    articles : DataFrame
        The articles frame; articles without labels are ignored, and labelled
        articles missing from it raise a ``ValueError``.

    Returns
    -------
    scores : DataFrame
        One row per labelled article plus a last row ``article_id == "overall"``
        (micro-averaged: counts summed over articles). Columns ``article_id``,
        ``gold``, ``predicted``, ``matched`` (same source, any kind),
        ``matched_kind`` (same source and kind), ``precision``, ``recall``, ``f1``
        (kind required), ``precision_any_kind``, ``recall_any_kind``,
        ``f1_any_kind``, ``citation_mae`` (mean absolute error of the citation
        count over matched sources), ``citation_exact`` (share of matched sources
        with the exact count), ``direct_agreement`` (share of matched sources whose
        ``direct`` agrees), and the gender of named sources (:mod:`kit.gender`) on
        the matched sources labelled ``named`` with a known gender: ``gender_gold``
        (how many), ``gender_assigned`` (given female or male by the kit),
        ``gender_right``, ``gender_accuracy`` (right / assigned), ``gender_coverage``
        (assigned / gender_gold).
    matches : DataFrame
        The pairing from :func:`match_sources`.
    """
    gold = load_gold(gold) if not isinstance(gold, pd.DataFrame) else gold
    labelled = list(pd.unique(gold["article_id"]))
    missing = sorted(set(labelled) - set(articles["article_id"]))
    if missing:
        raise ValueError(f"labelled articles not found among the articles: {missing}")
    subset = articles[articles["article_id"].isin(labelled)]
    predicted = sources(subset)
    if "gender" not in predicted.columns:
        from kit.gender import add_gender

        predicted = add_gender(predicted, subset)
    matches = match_sources(predicted, gold)
    rows = [{"article_id": a, **_score(matches[matches["article_id"] == a])} for a in labelled]
    rows.append({"article_id": "overall", **_score(matches)})
    return pd.DataFrame(rows), matches


def format_report(scores: pd.DataFrame, matches: pd.DataFrame | None = None) -> str:
    """A plain-text report of :func:`evaluate_sourcing` for the terminal."""
    cols = ["article_id", "gold", "predicted", "precision", "recall", "f1", "precision_any_kind",
            "recall_any_kind", "f1_any_kind", "citation_mae", "direct_agreement"]
    table = scores[cols].rename(columns={"precision_any_kind": "P_any", "recall_any_kind": "R_any",
                                         "f1_any_kind": "F1_any", "precision": "P", "recall": "R",
                                         "f1": "F1", "citation_mae": "count_err",
                                         "direct_agreement": "direct_ok"})
    overall = scores[scores["article_id"] == "overall"]
    out = [gender_line(overall.iloc[0])] if len(overall) and "gender_gold" in scores.columns else []
    out += ["Source-level scores (P/R/F1: kind must agree; *_any: any kind; count_err: mean |citations - gold|)",
            table.to_string(index=False, float_format=lambda v: f"{v:.2f}")]
    if matches is not None:
        out.extend(_error_lines(matches))
    return "\n".join(out)


def gender_line(row: pd.Series) -> str:
    """One line on the gender of named sources, from a row of scores."""
    n, a, r = int(row["gender_gold"]), int(row["gender_assigned"]), int(row["gender_right"])
    if not n:
        return "Gender of named sources: no matched named source has a gender label"
    acc = f"{r / a:.3f}" if a else "n/a"
    return (f"Gender of named sources (matched, labelled female or male: {n}): assigned {a} "
            f"(coverage {a / n:.1%}), right {r} (accuracy on assigned {acc})")


def _error_lines(matches: pd.DataFrame, title: str = "") -> list[str]:
    wrong = matches[(matches["gold_speaker"].isna()) | (matches["pred_speaker"].isna())
                    | (matches["gold_kind"] != matches["pred_kind"])]
    if "gold_gender" in matches.columns:
        gender_wrong = matches["gold_gender"].isin(["female", "male"]) & matches["pred_gender"].isin(
            ["female", "male"]) & (matches["gold_gender"] != matches["pred_gender"])
    else:
        gender_wrong = pd.Series(False, index=matches.index)
    if not len(wrong) and not gender_wrong.any():
        return []
    out = [f"\n{title}Misses (gold without prediction), extras (prediction without gold), kind errors:"]
    for r in wrong.itertuples():
        if r.pred_speaker is None or r.pred_speaker != r.pred_speaker:
            out.append(f"  missed  {r.article_id}: {r.gold_speaker} [{r.gold_kind}]")
        elif r.gold_speaker is None or r.gold_speaker != r.gold_speaker:
            out.append(f"  extra   {r.article_id}: {r.pred_speaker} [{r.pred_kind}]")
        else:
            out.append(f"  kind    {r.article_id}: {r.gold_speaker} gold {r.gold_kind}, predicted {r.pred_kind}")
    if "gold_gender" in matches.columns:
        for r in matches[matches["gold_gender"].isin(["female", "male"]) & matches["pred_gender"].isin(
                ["female", "male"]) & (matches["gold_gender"] != matches["pred_gender"])].itertuples():
            out.append(f"  gender  {r.article_id}: {r.gold_speaker} gold {r.gold_gender}, predicted {r.pred_gender}"
                       f" ({getattr(r, 'pred_gender_evidence', '')})")
    return out


def labelled_sets(root: str | Path | None = None) -> dict[str, tuple[Path, Path]]:
    """The labelled article sets committed with the project.

    Parameters
    ----------
    root : path, optional
        The folder holding them (default: ``tests/data/sourcing`` of the project).

    Returns
    -------
    dict
        ``{name: (gold folder, articles folder)}``: ``"written"`` for the articles
        and labels directly in ``root`` (``articles/``, ``gold/``), then one entry per
        subfolder of ``root`` that has both ``articles/`` and ``gold/`` (e.g.
        ``wikinews``), by name.
    """
    from kit.config import PROJECT_ROOT

    root = Path(root) if root is not None else PROJECT_ROOT / "tests" / "data" / "sourcing"
    found: dict[str, tuple[Path, Path]] = {}
    if (root / "gold").is_dir() and (root / "articles").exists():
        found["written"] = (root / "gold", root / "articles")
    for sub in sorted(p for p in root.glob("*/") if p.is_dir()):
        if (sub / "gold").is_dir() and (sub / "articles").exists() and sub.name not in ("gold", "articles"):
            found[sub.name] = (sub / "gold", sub / "articles")
    if not found:
        raise FileNotFoundError(f"no labelled sets (articles/ and gold/) in {root}")
    return found


def evaluate_sets(sets: dict[str, tuple[Path, Path]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score every labelled set, and all of them together.

    Parameters
    ----------
    sets : dict
        ``{name: (gold folder, articles folder)}``, as from :func:`labelled_sets`.

    Returns
    -------
    scores : DataFrame
        One row per set plus a last row ``set == "overall"`` (counts summed over
        every set), with ``set``, ``articles`` and the columns of
        :func:`evaluate_sourcing`'s overall row.
    matches : DataFrame
        Every set's pairing (:func:`match_sources`) with a first column ``set``.
    """
    from kit.load import load_articles

    rows, all_matches = [], []
    for name, (gold, folder) in sets.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = load_articles(folder)
        scores, matches = evaluate_sourcing(gold, frame)
        overall = scores[scores["article_id"] == "overall"].iloc[0].drop("article_id")
        rows.append({"set": name, "articles": len(scores) - 1, **overall.to_dict()})
        all_matches.append(matches.assign(set=name)[["set", *matches.columns]])
    matches = pd.concat(all_matches, ignore_index=True)
    rows.append({"set": "overall", "articles": sum(r["articles"] for r in rows), **_score(matches)})
    return pd.DataFrame(rows), matches


def format_sets_report(scores: pd.DataFrame) -> str:
    """A plain-text report of :func:`evaluate_sets`."""
    cols = ["set", "articles", "gold", "predicted", "precision", "recall", "f1", "f1_any_kind",
            "citation_mae", "direct_agreement"]
    table = scores[cols].rename(columns={"precision": "P", "recall": "R", "f1": "F1", "f1_any_kind": "F1_any",
                                         "citation_mae": "count_err", "direct_agreement": "direct_ok"})
    overall = scores[scores["set"] == "overall"]
    head = gender_line(overall.iloc[0]) + "\n" if len(overall) and "gender_gold" in scores.columns else ""
    return (head + "Source-level scores per labelled set (P/R/F1: kind must agree; F1_any: any kind)\n"
            + table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))


def run_evaluation(gold: str | Path | None, articles: str | Path | None = None, *,
                   show_errors: bool = True) -> int:
    """The ``evaluate-sourcing`` command: load, score, print; returns an exit code.

    With ``gold`` None, every labelled set committed with the project is scored
    (:func:`labelled_sets`), per set and overall.
    """
    from kit.load import load_articles

    if gold is None:
        scores, matches = evaluate_sets(labelled_sets())
        if show_errors:
            for name, part in matches.groupby("set", sort=False):
                lines = _error_lines(part, f"[{name}] ")
                if lines:
                    print("\n".join(lines).lstrip("\n") + "\n")
        print(format_sets_report(scores))
        return 0
    if articles is None:
        from kit.config import data_dir

        articles = data_dir()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = load_articles(articles)
    scores, matches = evaluate_sourcing(gold, frame)
    print(format_report(scores, matches if show_errors else None))
    return 0
