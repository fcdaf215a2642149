"""Score :func:`kit.attributions` against PolNeAR, a corpus of hand-annotated attributions.

PolNeAR (networkdynamics/PolNeAR) holds about 1,000 US political news articles of
2016 with every attribution annotated in brat standoff format: a ``Source`` span (who),
a ``Cue`` span (the reporting verb or phrase) and a ``Content`` span (what was said),
linked by an ``E`` event of type ``Attribution`` (or ``Attribution-no-source`` when the
source is not in the text). It has no data licence, so it is never copied into this
project: the evaluation reads a checkout from a path::

    python -m kit evaluate-sourcing --polnear PATH --split dev

where ``PATH`` holds ``data/{train,dev,test}/{text,attributions}``. The test split is
refused: it is held out for the maintainers' final evaluation.

Gold. One annotation file per article: some articles were annotated by several
annotators (files ``<article>_<annotator>.ann``); the file whose annotator id sorts
first is used, so the choice is deterministic and independent of the kit. Only
attributions with a source count (``Attribution-no-source`` events are dropped).

Scoring, one citation at a time. A kit citation (a row of :func:`kit.attributions`)
is right for a gold attribution when

- its sentence (``start``/``end``) overlaps the gold cue or the gold content, and
- its speaker's head word (:func:`kit.sourcing.head_key`; a relative pronoun
  speaker, "who", is its own head word) lies within the gold
  source span: at the speaker's own offsets when :func:`kit.attributions` gives them
  (``speaker_start``/``speaker_end``), else as a whole word of the gold source text.
  A continuing quote, which has no speaker words, uses its source's head word.

Precision is the share of citations that are right for some gold attribution;
recall the share of gold attributions (with a source) for which some citation is
right. The matching is not one to one: PolNeAR keeps a quote of several sentences
as one attribution, where the kit cites the first sentence and continues the quote
in the next, and both citations are right. Splits: ``direct`` when the gold content opens with a quotation mark
(or the mark sits just before it), else ``indirect``; source type from the gold
source text: ``pronoun`` ("he", "they"), ``name`` (a capitalised word that is not a
determiner or a description's head noun: "Trump", "The New York Post") or
``description`` ("a senior official", "sources"). For precision by split, a right
citation takes its gold attribution's class and a wrong one its own (``direct``; the
kind of its speaker words).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["SPLITS", "HELD_OUT", "parse_ann", "load_polnear", "source_type", "score_polnear",
           "evaluate_polnear", "format_polnear_report", "run_polnear"]

#: The splits that may be scored here.
SPLITS = ("train", "dev")
#: The split held out for the maintainers' final evaluation.
HELD_OUT = "test"

_QUOTES_OPEN = "\"“‘'«"
_PRONOUNS = frozenset("i me my we us our you your he him his she her hers it its they them their theirs "
                      "who whom whose which that this these those one himself herself themselves itself".split())
_DETERMINERS = frozenset("the a an this that these those some many most several other others another any "
                         "all both each every few no one two three four five six seven eight nine ten "
                         "more his her its their our my your former top senior".split())
_POST_MODIFIERS = frozenset("who whom whose which that of from at in with close familiar such for on by to "
                            "conducted according".split())


@dataclass(frozen=True)
class GoldAttribution:
    """One attribution of a brat file: character spans as ``((start, end), ...)``."""

    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]
    source_text: str
    content_text: str


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Read the attributions of one brat ``.ann`` file.

    Text-bound lines (``T``) give the spans (discontinuous spans ``a b;c d`` keep
    every fragment; text fields may run over several lines, which are skipped);
    ``E`` lines of type ``Attribution`` link a source, a cue and one or more contents
    (``Content``, ``Content2``...; the same for ``Source`` and ``Cue``). Events of
    type ``Attribution-no-source`` and events without a source are dropped.

    Returns
    -------
    list of GoldAttribution
        In the order of the ``E`` lines.
    """
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...], str]] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"T\d+", parts[0]):
            label, _, where = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _spans(where), parts[2] if len(parts) > 2 else "")
            except ValueError:
                continue
        elif len(parts) >= 2 and re.fullmatch(r"E\d+", parts[0]):
            events.append(parts[1].split())
    out = []
    for args in events:
        if not args or args[0].split(":", 1)[0] != "Attribution":
            continue
        roles: dict[str, list[str]] = {"Source": [], "Cue": [], "Content": []}
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789")
            if role in roles and ref in spans:
                roles[role].append(ref)
        if not roles["Source"]:
            continue

        def gather(role: str):
            refs = roles[role]
            frags = tuple(sorted(f for r in refs for f in spans[r][1]))
            return frags, " ".join(spans[r][2] for r in refs)

        source, source_text = gather("Source")
        cue, _ = gather("Cue")
        content, content_text = gather("Content")
        out.append(GoldAttribution(source, cue, content, source_text, content_text))
    return out


def source_type(source_text: str, *, head_nouns: frozenset | None = None) -> str:
    """``"pronoun"``, ``"name"`` or ``"description"`` for a gold source's words.

    A pronoun when every word is a pronoun ("he", "they", "she herself"); a name when
    a word is capitalised and is not a determiner or a description's head noun
    capitalised at the start of a sentence ("Trump", "The New York Post",
    "campaign manager Kellyanne Conway"); a description otherwise ("a senior
    official", "Officials", "sources close to the campaign").
    """
    words = [w.strip(".,;:!?’'\"“”()") for w in source_text.split()]
    words = [w for w in words if w]
    if not words:
        return "description"
    if all(w.lower() in _PRONOUNS for w in words):
        return "pronoun"
    nouns = _head_nouns() if head_nouns is None else head_nouns
    parts = [p.strip() for p in source_text.split(",") if p.strip()]
    core = _core_name(parts[0], nouns) if parts else False
    if not core and len(parts) > 1 and parts[0].lower().startswith("the "):
        # an apposition naming the described person: "The minister of the economy, Mr. X"
        core = _core_name(parts[1], nouns)
    return "name" if core else "description"


def _core_name(part: str, nouns: frozenset) -> bool:
    """Whether the words of ``part`` before a post-modifier hold a name."""
    words = [w.strip(".,;:!?’'\"“”()") for w in part.split()]
    words = [w for w in words if w]
    for k, w in enumerate(words):
        if k and w.lower() in _POST_MODIFIERS:
            words = words[:k]
            break
    for i, w in enumerate(words):
        if not w[:1].isupper() or (len(w) == 1 and w == "I"):
            continue
        low = w.lower().removesuffix("’s").removesuffix("'s")
        if i == 0 and (low in _DETERMINERS or low in _PRONOUNS or low in nouns):
            continue
        return True
    return False


def _head_nouns() -> frozenset:
    from kit.config import PACKAGE_DATA

    nouns = set()
    for line in (PACKAGE_DATA / "source_nouns.csv").read_text(encoding="utf-8").splitlines():
        word = line.split(",", 1)[0].strip().lower()
        if word and not word.startswith("#") and word != "noun":
            nouns.update((word, word + "s", word + "es", word[:-1] + "ies" if word.endswith("y") else word))
    return frozenset(nouns)


def _is_direct(text: str, content: tuple[tuple[int, int], ...], content_text: str) -> bool:
    first = content_text.lstrip()[:1]
    if first and first in _QUOTES_OPEN:
        return True
    if content:
        before = text[max(0, content[0][0] - 2):content[0][0]].strip()
        return bool(before) and before[-1] in _QUOTES_OPEN
    return False


def _annotation_files(folder: Path) -> dict[str, Path]:
    """One annotation file per article id: the one whose annotator id sorts first."""
    chosen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.ann")):
        stem = path.stem
        article_id = stem.rsplit("_", 1)[0] if re.search(r"_[0-9a-f]{4}$", stem) else stem
        chosen.setdefault(article_id, path)
    return chosen


def load_polnear(root: str | Path, split: str = "dev") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one split of a PolNeAR checkout.

    Parameters
    ----------
    root : path
        The checkout's root, holding ``data/<split>/text`` and
        ``data/<split>/attributions`` (the ``data`` folder itself is accepted too).
    split : {"train", "dev"}
        ``"test"`` raises a ``ValueError``: it is held out.

    Returns
    -------
    articles : DataFrame
        ``article_id`` (the text file's stem), ``text``, ``outlet`` (the publisher
        prefix of the file name).
    gold : DataFrame
        One row per gold attribution with a source: ``article_id``, ``annotator``,
        ``source`` / ``cue`` / ``content`` (tuples of ``(start, end)`` spans),
        ``source_text``, ``direct`` (bool), ``source_type``.
    """
    if split == HELD_OUT:
        raise ValueError("PolNeAR's test split is held out for the maintainers' final evaluation; "
                         "use --split dev or --split train")
    if split not in SPLITS:
        raise ValueError(f"split {split!r} is not one of {SPLITS}")
    root = Path(root)
    base = root / "data" / split if (root / "data" / split).is_dir() else root / split
    text_dir, ann_dir = base / "text", base / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"no PolNeAR {split} split under {root} (expected data/{split}/text "
                                f"and data/{split}/attributions)")
    files = _annotation_files(ann_dir)
    nouns = _head_nouns()
    arts, rows = [], []
    for article_id, ann_path in sorted(files.items()):
        text_path = text_dir / f"{article_id}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        annotator = ann_path.stem[len(article_id) + 1:] or None
        arts.append({"article_id": article_id, "text": text, "outlet": article_id.split("_", 1)[0]})
        for g in parse_ann(ann_path.read_text(encoding="utf-8")):
            rows.append({"article_id": article_id, "annotator": annotator, "source": g.source, "cue": g.cue,
                         "content": g.content, "source_text": g.source_text,
                         "direct": _is_direct(text, g.content, g.content_text),
                         "source_type": source_type(g.source_text, head_nouns=nouns)})
    if not arts:
        raise FileNotFoundError(f"no annotated articles in {base}")
    gold = pd.DataFrame(rows, columns=["article_id", "annotator", "source", "cue", "content", "source_text",
                                       "direct", "source_type"])
    return pd.DataFrame(arts, columns=["article_id", "text", "outlet"]), gold


def _overlaps(a: int, b: int, spans) -> bool:
    return any(a < e and s < b for s, e in spans)


def _word_in(word: str, text: str) -> bool:
    return bool(word) and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


def _head_in_span(citation: dict, text: str, gold: dict, head: str) -> bool:
    spans = gold["source"]
    s0, s1 = citation.get("speaker_start"), citation.get("speaker_end")
    if citation["speaker"] and s0 is not None and s1 is not None and s0 == s0 and s1 == s1 and int(s0) >= 0:
        # the speaker's own offsets: some occurrence of its head word there lies in the gold span
        for m in re.finditer(rf"(?<!\w){re.escape(head)}(?!\w)", text[int(s0):int(s1)], re.IGNORECASE):
            if _overlaps(int(s0) + m.start(), int(s0) + m.end(), spans):
                return True
        return False
    return _word_in(head, " ".join(text[s:e] for s, e in spans))


_RELATIVES = frozenset(("who", "whom", "which", "that"))


def _head_word(speaker: str) -> str:
    """The head word the gold source span must hold: :func:`kit.sourcing.head_key`, or
    the relative pronoun itself when the speaker is one ("Ted Cruz, who said ...":
    PolNeAR marks "who" as the source, and so does the kit's speaker span)."""
    from kit.sourcing import head_key

    head = head_key(speaker)
    if not head and speaker.strip().lower() in _RELATIVES:
        return speaker.strip().lower()
    return head


def _pronoun_or_kind(citation: dict) -> str:
    words = (citation["speaker"] or "").split()
    if words and all(w.lower().strip(".,") in _PRONOUNS for w in words):
        return "pronoun"
    return "name" if citation["kind"] in ("named", "institutional") and source_type(
        citation["speaker"] or citation["source"]) == "name" else "description"


def score_polnear(citations: pd.DataFrame, gold: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Judge each kit citation and each gold attribution.

    Parameters
    ----------
    citations : DataFrame
        From :func:`kit.attributions` (``article_id``, ``speaker``, ``source``,
        ``kind``, ``direct``, ``start``, ``end``; ``speaker_start``/``speaker_end``
        are used when present).
    gold : DataFrame
        From :func:`load_polnear`.
    articles : DataFrame
        ``article_id`` and ``text``.

    Returns
    -------
    DataFrame
        One row per citation (``side == "citation"``, ``pred`` its index in
        ``citations``) and one per gold attribution (``side == "gold"``, ``gold`` its
        index in ``gold``): ``article_id``, ``side``, ``pred`` and ``gold`` (the
        index of the first counterpart it agrees with, or -1), ``right`` (bool: it
        has one), ``direct`` and ``source_type`` (the gold's class for gold rows
        and right citations, the citation's own for wrong ones), ``speaker`` and
        ``source_text``.
    """
    texts = dict(zip(articles["article_id"], articles["text"]))
    rows = []
    cit_by = {a: g for a, g in citations.groupby("article_id", sort=False)}
    gold_by = {a: g for a, g in gold.groupby("article_id", sort=False)}
    for article_id in sorted(set(cit_by) | set(gold_by), key=str):
        text = texts.get(article_id, "")
        cits = cit_by[article_id].to_dict("records") if article_id in cit_by else []
        cit_ix = list(cit_by[article_id].index) if article_id in cit_by else []
        golds = gold_by[article_id].to_dict("records") if article_id in gold_by else []
        gold_ix = list(gold_by[article_id].index) if article_id in gold_by else []
        ok = np.zeros((len(cits), len(golds)), dtype=bool)
        for i, c in enumerate(cits):
            head = _head_word(c["speaker"] or c["source"] or "")
            for j, g in enumerate(golds):
                if _overlaps(int(c["start"]), int(c["end"]), g["cue"] + g["content"]) and _head_in_span(c, text, g, head):
                    ok[i, j] = True
        for i, c in enumerate(cits):
            hits = np.flatnonzero(ok[i])
            if len(hits):
                g = golds[hits[0]]
                rows.append((article_id, "citation", cit_ix[i], gold_ix[hits[0]], True, bool(g["direct"]),
                             g["source_type"], c["speaker"], g["source_text"]))
            else:
                rows.append((article_id, "citation", cit_ix[i], -1, False, bool(c["direct"]), _pronoun_or_kind(c),
                             c["speaker"], None))
        for j, g in enumerate(golds):
            hits = np.flatnonzero(ok[:, j])
            rows.append((article_id, "gold", cit_ix[hits[0]] if len(hits) else -1, gold_ix[j], bool(len(hits)),
                         bool(g["direct"]), g["source_type"], cits[hits[0]]["speaker"] if len(hits) else None,
                         g["source_text"]))
    return pd.DataFrame(rows, columns=["article_id", "side", "pred", "gold", "right", "direct", "source_type",
                                       "speaker", "source_text"])


def _prf(pairs: pd.DataFrame) -> dict:
    cit, gold = pairs[pairs["side"] == "citation"], pairs[pairs["side"] == "gold"]
    n_pred, n_gold = len(cit), len(gold)
    p = float(cit["right"].mean()) if n_pred else float("nan")
    r = float(gold["right"].mean()) if n_gold else float("nan")
    f = 2 * p * r / (p + r) if n_pred and n_gold and p + r else (0.0 if n_pred and n_gold else float("nan"))
    return {"gold": n_gold, "found": int(gold["right"].sum()), "citations": n_pred,
            "right": int(cit["right"].sum()), "precision": p, "recall": r, "f1": f}


def evaluate_polnear(root: str | Path, split: str = "dev") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score :func:`kit.attributions` on one PolNeAR split.

    Returns
    -------
    scores : DataFrame
        Rows ``overall``, ``direct``, ``indirect``, ``name``, ``description``,
        ``pronoun`` (column ``group``), with ``gold`` (gold attributions), ``found``
        (of them, found), ``citations`` (kit citations), ``right`` (of them, right),
        ``precision``, ``recall``, ``f1``; ``attrs`` holds ``articles`` and ``split``.
    pairs : DataFrame
        From :func:`score_polnear`.
    """
    from kit.sourcing import attributions

    articles, gold = load_polnear(root, split)
    citations = attributions(articles[["article_id", "text"]])
    pairs = score_polnear(citations, gold, articles)
    groups = [("overall", pairs), ("direct", pairs[pairs["direct"]]), ("indirect", pairs[~pairs["direct"]])]
    groups += [(t, pairs[pairs["source_type"] == t]) for t in ("name", "description", "pronoun")]
    scores = pd.DataFrame([{"group": name, **_prf(part)} for name, part in groups])
    scores.attrs.update(articles=len(articles), split=split)
    return scores, pairs


def format_polnear_report(scores: pd.DataFrame) -> str:
    """A plain-text report of :func:`evaluate_polnear`."""
    head = (f"PolNeAR {scores.attrs.get('split', '')} split, {scores.attrs.get('articles', '?')} articles: "
            "attribution-level scores (a citation is right when its sentence overlaps the gold cue or "
            "content and its speaker's head word lies in the gold source)")
    return head + "\n" + scores.to_string(index=False, float_format=lambda v: f"{v:.3f}")


def run_polnear(root: str | Path, split: str = "dev") -> int:
    """The ``evaluate-sourcing --polnear PATH --split SPLIT`` command; returns an exit code."""
    scores, _ = evaluate_polnear(root, split)
    print(format_polnear_report(scores))
    return 0
