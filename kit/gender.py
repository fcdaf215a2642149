"""Who gets to speak: the gender of named sources, from the article's words, then the first name.

:func:`add_gender` adds to a :func:`kit.sources` frame the columns ``gender``
(``female`` / ``male`` / ``unknown`` for named sources, NA for the others),
``gender_evidence`` (why) and ``described_gender`` (``female`` / ``male`` when an
anonymous source is described with a gendered word: "a ministry spokeswoman", "a
woman whose ..."; NA otherwise). :func:`gender_counts` and :func:`gender_by` give the
counts, the share of women among named sources of known gender, with a Wilson
interval, and the number unknown, per article, per group or per period.

The evidence, in order (the first that settles it wins):

1. The article's own words about that person (:func:`person_gender`): an honorific
   before the name ("Ms. Roe", "Mr. Roe", "Sir", "Dame"); a gendered noun for the
   person, before the name ("spokeswoman Jane Roe", "actress Jane Roe") or in an
   apposition after it ("Roe, a mother of two,"); and the first pronoun that follows
   a mention of the name within that sentence or the next, outside quotation marks,
   when no other name or person noun comes between ("Roe said she ...", "Roe
   resigned. Her lawyer ..."). Honorifics and nouns outrank pronouns; evidence for
   both genders of the same kind leaves the person ``unknown`` (pronouns settle it only
   when one gender has at least twice the other's count). Mentions by surname alone
   are not used when the article names two people with that surname ("David and Louise
   Turpin").
2. The first name, looked up in the name data of nomquamgender (Van Buskirk,
   Clauset and Larremore, "An open-source cultural consensus approach to name-based
   gender classification", ICWSM 2023: about 720,000 names pooled from 36 sources
   from many countries, each with p(gf), the estimated share of its bearers gendered
   female; :func:`name_gender`). The threshold is the package's default: a name says
   ``female`` when p(gf) >= 0.9 and ``male`` when p(gf) <= 0.1, and only for names
   observed at least 10 times; other names stay ``unknown``, as do initials
   ("J. Roe").
3. Otherwise ``unknown``. Nothing is guessed below that threshold.

The word lists are data: ``kit/data/gender_words.csv`` (honorifics, role nouns,
pronouns, adjectives).
"""
from __future__ import annotations

import csv
import math
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from kit.config import PACKAGE_DATA
from kit.text import read_word_list, require_columns

__all__ = ["GENDERS", "NAME_MIN_COUNT", "NAME_THRESHOLD", "PRONOUNS_ALONE", "add_gender", "citation_gender", "described_gender", "gender_by", "gender_counts",
           "name_gender", "person_gender"]

#: The values of ``gender`` for a named source.
GENDERS = ("female", "male", "unknown")

_WORD = re.compile(r"[^\W\d_][\w’'-]*|[.!?]")
_ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr prof gen col lt capt sgt gov sen rep rev u.s u.k".split())
_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split())
_STOPS = frozenset(",.;:!?()[]\n\"“”")
_APPOS_STOP = frozenset("of for to with at in on from by who whose which that and or said says told".split())
_WORD_BEFORE = re.compile(r"[^\W\d_][\w’'.-]*")
_PAIR_BEFORE = re.compile(r"([A-Z][\w’'-]+)\s+and\s+$")
_QUOTE_RE = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")


@dataclass(frozen=True)
class _Words:
    honorifics: dict
    roles: dict
    groups: dict
    pronouns: dict
    adjectives: dict
    titles: frozenset
    person_nouns: frozenset
    stopwords: frozenset


@lru_cache(maxsize=1)
def _words() -> _Words:
    tables: dict[str, dict[str, str]] = {"honorific": {}, "role": {}, "group": {}, "pronoun": {}, "adjective": {}}
    lines = (PACKAGE_DATA / "gender_words.csv").read_text(encoding="utf-8").splitlines()
    for row in csv.DictReader(line for line in lines if line.strip() and not line.startswith("#")):
        tables[row["use"]][row["word"].strip().lower()] = row["gender"].strip()
    person_nouns = set()
    for line in (PACKAGE_DATA / "source_nouns.csv").read_text(encoding="utf-8").splitlines():
        noun, _, kind = line.partition(",")
        if kind.strip() == "person":
            noun = noun.strip().lower()
            person_nouns.update((noun, noun + "s", noun + "es", noun[:-1] + "ies"))
    titles = frozenset(w.lower().rstrip(".") for w in read_word_list("name_titles.txt"))
    return _Words(tables["honorific"], tables["role"], tables["group"], tables["pronoun"], tables["adjective"],
                  titles, frozenset(person_nouns) | frozenset(tables["role"]) | frozenset(tables["group"]),
                  frozenset(read_word_list("function_words.txt")))


#: Pronouns decide alone (with no honorific, role noun or first name) only when this
#: many agree: on 3,000 named sources of news copy, a single pronoun disagreed with a
#: clear first name in 8.6 % of cases, two or more in 2.7 %.
PRONOUNS_ALONE = 2

#: A first name gives a gender when at least this share of its bearers in the
#: reference data have it (nomquamgender's default: p(gf) <= 0.1 or >= 0.9) ...
NAME_THRESHOLD = 0.9
#: ... and the reference data has at least this many observations of the name
#: (the "high coverage" of nomquamgender's taxonomy).
NAME_MIN_COUNT = 10


@lru_cache(maxsize=1)
def _name_list() -> dict[str, tuple[float, int]]:
    """nomquamgender's name data: first name (lower case, no accents) -> (p(gf), the
    estimated share of its bearers gendered female; the number of observations), for
    names observed at least NAME_MIN_COUNT times.

    The package's data file is read directly (under a second, once per process),
    without importing the package, which loads all 720,000 names at import.
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("kit.gender needs the nomquamgender package (pip install nomquamgender)")
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    raw = path.read_text(encoding="utf-8")
    out: dict[str, tuple[float, int]] = {}
    for m in re.finditer(r'"([^"]+)": \[\d+, (\d+), ([0-9.eE-]+)', raw):
        count = int(m.group(2))
        if count >= NAME_MIN_COUNT:
            out[m.group(1)] = (float(m.group(3)), count)
    return out


def _fold(name: str) -> str:
    """Lower case without accents, as the name data is keyed ("Erdoğan" -> "erdogan")."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def _bare(token: str) -> str:
    return token.strip(".,;:!?’'\"“”()").lower()


def _is_initial(token: str) -> bool:
    """"J.", "J.K.", "JK", "A.-M.": letters that stand for names."""
    t = token.replace(".", "").replace("-", "")
    return len(t) <= 1 or (t.isupper() and len(t) <= 3)


def name_gender(first_name: str) -> tuple[str, str]:
    """The gender a first name gives by nomquamgender's data, at the kit's threshold.

    Parameters
    ----------
    first_name : str
        One first name ("Erna"); a hyphenated name is looked up whole, then part by
        part (the parts must agree).

    Returns
    -------
    tuple of str
        ``(gender, evidence)``: ``female`` when at least :data:`NAME_THRESHOLD` of the
        name's bearers in the reference data are gendered female (p(gf) >= 0.9),
        ``male`` when p(gf) <= 0.1, each only for names observed at least
        :data:`NAME_MIN_COUNT` times; else ``unknown``, with the reason.
    """
    name = first_name.strip().strip(".,")
    if not name:
        return "unknown", "no first name"
    if _is_initial(name):
        return "unknown", f"initial only: {name}"
    names = _name_list()
    low = 1.0 - NAME_THRESHOLD

    def one(n: str) -> str | None:
        entry = names.get(_fold(n))
        if entry is None:
            return None
        return "female" if entry[0] >= NAME_THRESHOLD else "male" if entry[0] <= low else ""

    found = one(name)
    p = names[_fold(name)][0] if _fold(name) in names else None
    if found is None and "-" in name:
        parts = [one(x) for x in name.split("-") if x]
        found = parts[0] if parts and all(parts) and len(set(parts)) == 1 else (
            "" if any(x is not None for x in parts) else None)
    share = f" (p(female) {p:.3f})" if p is not None else ""
    if found:
        return found, f"first name {name}: {found}{share} in nomquamgender's data"
    if found == "":
        return "unknown", f"first name {name}: used for both genders{share}"
    return "unknown", f"first name {name}: not in nomquamgender's data (or seen fewer than {NAME_MIN_COUNT} times)"


@lru_cache(maxsize=8)
def _quote_mask(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the quoted passages (in order, not overlapping)."""
    spans = [m.span() for m in _QUOTE_RE.finditer(text)]
    return [a for a, _ in spans], [b for _, b in spans]


def _inside(pos: int, quotes: tuple[list[int], list[int]]) -> bool:
    starts, ends = quotes
    i = bisect_right(starts, pos - 1) - 1
    return i >= 0 and pos < ends[i]


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos].rstrip(" \"“‘'")
    return not before or before[-1] in ".!?\n:"


def _name_run(text: str, start: int) -> tuple[int, list[str]]:
    """The capitalised words just before ``start`` (a first name, middle names, initials):
    returns where the run begins and its words, titles and honorifics left out."""
    w = _words()
    words: list[str] = []
    pos = start
    while len(words) < 4:
        word = _word_before(text, pos)
        low = _bare(word)
        if (not word[:1].isupper() or low in w.honorifics or low in w.titles or low in w.stopwords
                or low in w.roles or low in _MONTHS_DAYS or word.endswith(("'s", "’s"))):
            break
        words.insert(0, word)
        pos -= len(text[:pos]) - len(text[:pos].rstrip()) + len(word)
    return pos, words


def _pick_first(run: list[str]) -> str:
    """The first name in a run of capitalised words: the first word the name data has
    seen at least 1,000 times as a first name ("Giovanni Maria" gives Giovanni;
    "Vermont Bernie" and "Actor Denzel" give Bernie and Denzel), else the word it has
    seen most often, else the first word; an initial stays as it is."""
    names = _name_list()
    best, seen = "", 0
    for tok in run:
        word = tok.strip(".,")
        count = names.get(_fold(word), (0.0, 0))[1] if not _is_initial(word) else 0
        if count >= 1000:
            return word
        if count > seen:
            best, seen = word, count
    return best or (run[0].strip(",") if run else "")


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int


def _mentions(text: str, word: str) -> list[_Mention]:
    """Where ``word`` stands as a whole word in ``text`` (not inside "Smith-Jones")."""
    out, i, n = [], text.find(word), len(word)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + n] if i + n < len(text) else " "
        if not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-"):
            out.append(_Mention(i, i + n))
        i = text.find(word, i + 1)
    return out


def _word_before(text: str, pos: int) -> str:
    """The word just before ``pos`` with only spaces between ("" after punctuation)."""
    seg = text[max(0, pos - 60):pos]
    stripped = seg.rstrip(" ")
    if len(stripped) == len(seg) or not stripped or stripped[-1].isspace():
        return ""
    word = stripped.rsplit(None, 1)[-1]
    if not _WORD_BEFORE.fullmatch(word):
        return ""
    if word.endswith(".") and not (_is_initial(word) or _bare(word) in _words().honorifics
                                   or _bare(word) in _words().titles):
        return ""                                    # "... women. Trump said": a sentence ends there
    return word


def _titles_before(text: str, pos: int) -> tuple[int, list[str]]:
    """Title and honorific words just before ``pos`` ("Prime Minister", "Ms.")."""
    w = _words()
    out: list[str] = []
    while True:
        word = _word_before(text, pos)
        low = _bare(word)
        if not word or not (low in w.titles or low in w.honorifics) or len(out) >= 4:
            return pos, out
        out.insert(0, word)
        pos -= len(text[:pos]) - len(text[:pos].rstrip()) + len(word)


def _apposition(after: str) -> str | None:
    """The gender of a role noun in an apposition opening ``after`` (", a mother of two")."""
    w = _words()
    m = re.match(r",\s+(?:aged\s+)?(?:\d{1,3},\s+)?", after)
    if not m:
        return None
    seg = after[m.end():]
    cut = min([i for i in (seg.find(c) for c in ",.;:!?()\n\"“”") if i >= 0] or [len(seg)])
    toks = seg[:cut].split()[:6]
    for k, tok in enumerate(toks):
        low = _bare(tok)
        if low in _APPOS_STOP or (k and low in ("a", "an", "the")):
            return None
        if tok.endswith(("'s", "’s")):
            return None
        if low in w.roles:
            if k + 1 < len(toks) and toks[k + 1][:1].isupper():
                return None                 # "Chelsea Clinton, husband Marc ...": the noun is Marc's
            return w.roles[low]
    return None


_CLAUSE_OPENERS = frozenset(
    "said says told added noted stated wrote tweeted explained argued insisted and but because that when while "
    "after before as if since although though so where".split())


def _first_pronoun(text: str, end: int, own: set[str], quotes) -> str | None:
    """The gender of the first pronoun after ``end``, within this sentence and the next,
    outside quotes, before any other name or person noun: "he" or "she" opening a
    clause ("Roe said she ...", "Roe resigned. She ...", ", and she"), "himself",
    "herself", or a sentence-initial "His" or "Her". Any other "he", "she", "his",
    "her", "him" or "hers" ends the search: it may be someone else's."""
    w = _words()
    sentences = 0
    prev = ""
    for m in _WORD.finditer(text, end, min(len(text), end + 500)):
        tok = m.group(0)
        if tok in ".!?":
            if not (tok == "." and (len(prev) == 1 or prev.lower() in _ABBREVIATIONS)):
                sentences += 1
                if sentences >= 2:
                    return None
            prev = tok
            continue
        before_prev, prev = prev, tok
        if _inside(m.start(), quotes):
            continue
        low = tok.lower()
        if low in w.pronouns:
            gap = text[max(0, m.start() - 3):m.start()].strip()
            initial = _sentence_initial(text, m.start())
            if low in ("himself", "herself"):
                return w.pronouns[low]
            if low in ("he", "she") and not (gap and gap[-1] in "”\"'’") and (
                    initial or gap.endswith(",") or before_prev.lower() in _CLAUSE_OPENERS):
                return w.pronouns[low]
            if low in ("his", "her") and initial:
                return w.pronouns[low]
            return None
        if tok[:1].isupper():
            if low in own:
                return None                     # the next mention speaks for itself
            if low in _MONTHS_DAYS or low in w.honorifics or low in w.titles:
                continue
            if _sentence_initial(text, m.start()) and low in w.stopwords:
                continue
            return None
        if low in w.person_nouns:
            return None
    return None


def person_gender(text: str, name: str, *, use_name: bool = True) -> tuple[str, str]:
    """The gender of the person called ``name`` in ``text``, and the evidence.

    Parameters
    ----------
    text : str
        The article.
    name : str
        The person's name as the kit gives it ("Jane Roe", "Roe", "Prime Minister Jane
        Roe"); a role ("a ministry spokeswoman") is read as the role noun's gender.
    use_name : bool
        Whether to use the first name (step 2); False gives the article's words
        alone, which is how their agreement with the name data is measured.

    Returns
    -------
    tuple of str
        ``(gender, evidence)``: ``female``, ``male`` or ``unknown``, and a short
        account ("text: Ms. x2, she x1"; "first name Jane: female (p(female) 0.996) in nomquamgender's data";
        "unknown: ...").
    """
    from kit.sourcing import head_key

    w = _words()
    tokens = [t for t in name.split() if _bare(t)]
    head = head_key(name)
    if not head:
        return "unknown", "no name"
    if head in w.roles and not any(t[:1].isupper() and _bare(t) == head for t in tokens):
        return w.roles[head], f"text: {head}"
    surname = next((t.strip(".,;:’'\"“”()").removesuffix("’s").removesuffix("'s") for t in reversed(tokens)
                    if _bare(t).removesuffix("’s").removesuffix("'s") == head), "")
    if not surname:
        return "unknown", "no surname"
    # the first name: from the name given, else from the article's first full mention
    # the name proper follows the last title or role word: "New York Rep. Carolyn Maloney"
    cut = max([i + 1 for i, t in enumerate(tokens[:-1])
               if _bare(t) in w.titles or _bare(t) in w.honorifics or _bare(t) in w.roles] or [0])
    given_run = [t for t in tokens[cut:-1] if t[:1].isupper()]
    first = _pick_first(given_run) if len(tokens) >= 2 and tokens[-1].strip(".,") == surname else ""
    votes = {"honorific": [], "role": [], "pronoun": []}
    quotes = _quote_mask(text)
    mentions = _mentions(text, surname)
    firsts = set()
    runs = []
    for m in mentions:
        run_start, run = _name_run(text, m.start)
        chosen = _pick_first(run)
        runs.append((m, run_start, chosen))
        if chosen:
            firsts.add(chosen.lower())
    for m, run_start, chosen in runs:
        # "David and Louise Turpin": two people
        pair = _PAIR_BEFORE.search(text, max(0, run_start - 40), run_start) if chosen else None
        if pair and _fold(pair.group(1)) in _name_list():
            firsts.update((pair.group(1).lower(), chosen.lower()))
    shared = len(firsts) > 1
    if shared and not first:
        return "unknown", f"unknown: several people named {surname} and no first name given"
    if not first:
        first = next((chosen for _, _, chosen in runs if chosen), "")
    own = {_bare(t) for t in tokens} | {surname.lower()} | ({first.lower()} if first else set())
    for m, run_start, chosen in runs:
        if shared and chosen.lower() != first.lower():
            continue
        if _inside(m.start, quotes):
            continue
        title_start, titles = _titles_before(text, run_start)
        for t in titles:
            if _bare(t) in w.honorifics:
                votes["honorific"].append((w.honorifics[_bare(t)], t.rstrip(".") + "."))
            elif _bare(t) in w.roles:          # "Queen Elizabeth", "Spokeswoman Kim Lee"
                votes["role"].append((w.roles[_bare(t)], _bare(t)))
        before = _word_before(text, title_start)
        if before and _bare(before) in w.roles and not before.endswith(("'s", "’s")):
            votes["role"].append((w.roles[_bare(before)], _bare(before)))
        after = text[m.end:m.end + 200]
        if after.startswith(("'s", "’s")):
            continue
        g = _apposition(after)
        if g:
            low = next(_bare(t) for t in re.split(r"[\s,]+", after) if _bare(t) in w.roles)
            votes["role"].append((g, low))
        g = _first_pronoun(text, m.end, own, quotes)
        if g:
            votes["pronoun"].append((g, {"female": "she/her", "male": "he/his"}[g]))
    strong = votes["honorific"] + votes["role"]
    genders = {g for g, _ in strong}
    if len(genders) == 1:
        g = genders.pop()
        return g, "text: " + _tally(strong + [v for v in votes["pronoun"] if v[0] == g])
    if len(genders) > 1:
        return "unknown", "unknown: the article's words disagree (" + _tally(strong) + ")"
    pron = votes["pronoun"]
    if not use_name:
        gender, why = "unknown", "first name not used"
    else:
        gender, why = name_gender(first) if first else ("unknown", "no first name in the article")
    if pron:
        said = {g for g, _ in pron}
        if len(said) > 1:
            return "unknown", "unknown: pronouns disagree (" + _tally(pron) + ")"
        g = said.pop()
        if gender not in ("unknown", g):
            return "unknown", f"unknown: pronouns ({_tally(pron)}) and {why} disagree"
        if gender == "unknown" and len(pron) < PRONOUNS_ALONE:
            return "unknown", f"unknown: one pronoun only ({_tally(pron)}); {why}"
        return g, "text: " + _tally(pron) + (f"; {why}" if gender == g else "")
    return gender, why if gender != "unknown" else "unknown: " + why


def _tally(votes: list[tuple[str, str]]) -> str:
    counts: dict[str, int] = {}
    for _, word in votes:
        counts[word] = counts.get(word, 0) + 1
    return ", ".join(f"{word} x{n}" for word, n in counts.items())


def described_gender(speaker: str) -> tuple[str | None, str]:
    """The gender a description gives its unnamed source ("a ministry spokeswoman").

    Returns
    -------
    tuple
        ``(gender, word)``: ``"female"`` / ``"male"`` and the word that says so, from
        the head noun ("spokeswoman", "woman", "mother") or an adjective before it
        ("a female officer"); ``(None, "")`` when the words do not say.
    """
    from kit.sourcing import head_key

    w = _words()
    head = head_key(speaker)
    for table in (w.roles, w.groups):
        if head in table:
            return table[head], head
    for tok in str(speaker).split():
        low = _bare(tok)
        if low == head:
            break
        if low in w.adjectives:
            return w.adjectives[low], low
    return None, ""


def source_gender(text: str, speaker, kind: str) -> tuple:
    """``(gender, evidence, described_gender)`` of one source of ``text``, as
    :func:`add_gender` gives them (``pd.NA`` where a column has no value)."""
    speaker = speaker if isinstance(speaker, str) else ""
    if kind == "named":
        g, why = person_gender(text, speaker)
        return g, why, pd.NA
    d, word = described_gender(speaker) if kind == "anonymous" else (None, "")
    return pd.NA, f"described as: {word}" if d else "", d if d else pd.NA


def add_gender(sources: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Add the gender of each named source, and the described gender of anonymous ones.

    Parameters
    ----------
    sources : DataFrame
        From :func:`kit.sources` (``article_id``, ``speaker``, ``kind``).
    articles : DataFrame
        The articles frame (``article_id``, ``text``) the sources come from.

    Returns
    -------
    DataFrame
        A copy of ``sources`` with ``gender`` (``female`` / ``male`` / ``unknown``
        for named sources, NA for the others), ``gender_evidence`` (why, or ""),
        ``described_gender`` (``female`` / ``male`` for an anonymous source described
        with a gendered word, else NA).
    """
    require_columns(sources, ["article_id", "speaker", "kind"], what="add_gender()")
    require_columns(articles, ["article_id", "text"], what="add_gender()")
    texts = {a: (t if isinstance(t, str) else "") for a, t in zip(articles["article_id"], articles["text"])}
    missing = sorted(set(sources["article_id"]) - set(texts), key=str)
    if missing:
        raise ValueError(f"add_gender(): sources of articles not in the articles frame: {missing[:5]}")
    gender, evidence, described = [], [], []
    for article_id, speaker, kind in zip(sources["article_id"], sources["speaker"], sources["kind"]):
        g, why, d = source_gender(texts[article_id], speaker, kind)
        gender.append(g)
        evidence.append(why)
        described.append(d)
    out = sources.copy()
    out["gender"] = pd.array(gender, dtype="string")
    out["gender_evidence"] = pd.Series(evidence, index=out.index, dtype=object)
    out["described_gender"] = pd.array(described, dtype="string")
    return out


def citation_gender(citations: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Carry ``gender`` and ``described_gender`` from :func:`add_gender`'s sources to
    the citations beneath them (:func:`kit.attributions`), joined on ``article_id``
    and ``source``.

    Returns
    -------
    DataFrame
        A copy of ``citations`` with ``gender`` and ``described_gender``.
    """
    require_columns(citations, ["article_id", "source"], what="citation_gender()")
    require_columns(sources, ["article_id", "source", "gender", "described_gender"], what="citation_gender()")
    keys = sources[["article_id", "source", "gender", "described_gender"]].drop_duplicates(["article_id", "source"])
    out = citations.drop(columns=[c for c in ("gender", "described_gender") if c in citations.columns])
    return out.merge(keys, on=["article_id", "source"], how="left")


def wilson_interval(k, n, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of the proportions ``k / n`` (arrays; NaN where
    ``n == 0``), as ``scipy.stats.binomtest(k, n).proportion_ci(method="wilson")``
    gives it (a test compares them). Written out because binomtest, called once per
    article, took 7 s of the sourcing summary of 10,000 articles; this is one
    vectorised formula."""
    from scipy.stats import norm

    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    z = float(norm.ppf(1 - (1 - confidence) / 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low, high = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    low, high = np.where(k == 0, 0.0, low), np.where(k == n, 1.0, high)
    return np.where(n > 0, low, np.nan), np.where(n > 0, high, np.nan)


def gender_counts(sources: pd.DataFrame, by: str = "article_id", *, confidence: float = 0.95) -> pd.DataFrame:
    """Named sources by gender per group, and the share of women among those known.

    Parameters
    ----------
    sources : DataFrame
        From :func:`add_gender` (``kind``, ``gender`` and the ``by`` column).
    by : str
        The column to group by (default ``article_id``: one row per article).
    confidence : float
        Level of the Wilson score interval of ``share_female``.

    Returns
    -------
    DataFrame
        One row per group, in the group's order: ``by``, ``named``, ``female``,
        ``male``, ``unknown``, ``known`` (female + male), ``share_female`` (female /
        known; NaN when none is known), ``share_female_low``, ``share_female_high``
        (the interval), ``described_female``, ``described_male`` (anonymous sources
        described as women or men).
    """
    require_columns(sources, ["kind", "gender", by], what="gender_counts()")
    named = sources["kind"] == "named"
    g = sources["gender"].astype("string")
    d = sources["described_gender"].astype("string") if "described_gender" in sources.columns else pd.Series(
        pd.NA, index=sources.index, dtype="string")
    flags = pd.DataFrame({
        by: sources[by],
        "named": named,
        "female": named & (g == "female").fillna(False),
        "male": named & (g == "male").fillna(False),
        "unknown": named & ~g.isin(["female", "male"]).fillna(False),
        "described_female": (d == "female").fillna(False),
        "described_male": (d == "male").fillna(False),
    })
    out = flags.groupby(by, sort=True).sum().reset_index()
    cols = ["named", "female", "male", "unknown", "described_female", "described_male"]
    out[cols] = out[cols].astype("int64")
    out.insert(5, "known", (out["female"] + out["male"]).astype("int64"))
    share = out["female"] / out["known"].where(out["known"] > 0)
    low, high = wilson_interval(out["female"].to_numpy(), out["known"].to_numpy(), confidence)
    out.insert(6, "share_female", share.astype(float))
    out.insert(7, "share_female_low", low)
    out.insert(8, "share_female_high", high)
    return out


def gender_by(sources: pd.DataFrame, articles: pd.DataFrame, by: str = "outlet", *, freq: str = "auto",
              missing: str = "(unknown)", confidence: float = 0.95) -> pd.DataFrame:
    """:func:`gender_counts` per group of articles: per outlet, or per period of time.

    Parameters
    ----------
    sources : DataFrame
        From :func:`add_gender`.
    articles : DataFrame
        The articles frame (``article_id`` and the ``by`` column; ``date`` for
        ``by="period"``).
    by : str
        A column of ``articles`` (``"outlet"``...), or ``"period"``.
    freq : {"auto", "D", "W", "M", "Q", "Y"}
        Period length for ``by="period"`` (:func:`kit.overview.auto_freq` when
        ``"auto"``); undated articles are left out.
    missing : str
        Label for articles without a value in ``by``.
    confidence : float
        Level of the interval.

    Returns
    -------
    DataFrame
        One row per group with ``articles`` (articles in the group, with or without
        sources) and the columns of :func:`gender_counts`. ``attrs["freq"]`` holds the
        period length used.
    """
    from kit.overview import auto_freq, period_start

    require_columns(articles, ["article_id", "date" if by == "period" else by], what="gender_by()")
    arts = articles[["article_id", "date" if by == "period" else by]].drop_duplicates("article_id").copy()
    used = ""
    if by == "period":
        dates = pd.to_datetime(arts["date"], errors="coerce")
        arts = arts[dates.notna()].copy()
        used = auto_freq(dates.dropna()) if freq == "auto" else freq
        arts["period"] = period_start(dates[dates.notna()], used) if len(arts) else pd.Series(
            dtype="datetime64[ns]")
    else:
        arts[by] = arts[by].where(arts[by].notna() & (arts[by].astype(str).str.strip() != ""), missing)
    key = "period" if by == "period" else by
    joined = sources.merge(arts[["article_id", key]], on="article_id", how="inner")
    counts = gender_counts(joined, key, confidence=confidence) if len(joined) else None
    sizes = arts.groupby(key, sort=True).size().rename("articles").reset_index()
    out = sizes.merge(counts, on=key, how="left") if counts is not None else sizes
    for c in ["named", "female", "male", "unknown", "known", "described_female", "described_male"]:
        out[c] = out[c].fillna(0).astype("int64") if c in out.columns else 0
    for c in ["share_female", "share_female_low", "share_female_high"]:
        if c not in out.columns:
            out[c] = math.nan
    out = out[[key, "articles", "named", "female", "male", "unknown", "known", "share_female",
               "share_female_low", "share_female_high", "described_female", "described_male"]]
    out.attrs["freq"] = used
    return out
