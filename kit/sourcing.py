"""Sourcing patterns: who is cited, named or anonymous, quoted or paraphrased.

Three verbs over the articles frame:

- :func:`attributions`: one row per citation (a quote or a paraphrase with a
  reporting verb), with the words naming the speaker, the distinct source it resolves
  to, its kind, the verb, the words cited and their offsets into the text;
- :func:`sources`: one row per distinct source per article;
- :func:`sourcing_summary`: one row per article (counts per kind, shares).

:func:`highlight_sources` renders one article as HTML with its citations marked by
kind. :func:`analyse_text` is the pure per-text function underneath.

How it works (rules, no model, no download): quotation marks are paired per paragraph
(straight and curly; a quote left open at the end of a paragraph runs on when the
next paragraph opens with a quote mark; single quotes are used when an article has no
double quotes, as in British copy). Each sentence, with multi-sentence quotes kept
whole, is searched, outside its quotes, for a reporting verb (``kit/data/
reporting_verbs.txt``) or "according to". The speaker is the noun phrase before the
verb ("Tabalov said", "the ministry, in a statement, said", "officials say"), after
it ("..., said Alexei Tabalov, a lawyer who ...", "according to a woman whose ..."),
or the subject of the sentence for a participle ("..., saying ..."). A noun phrase is
a name (a run of capitalised words), a description whose head noun is listed in
``kit/data/source_nouns.csv`` ("a senior official who ...", "residents", "the
company"), or a pronoun, which resolves to the last cited source that fits ("she"
to a person, "it" to an institution). A sentence that opens with a quote and has no
verb continues the last speaker. Later mentions merge into the first: by surname
("Tabalov" into "Alexei Tabalov"), by role ("the lawyer"), by head noun ("the
ministry" into "the Defense Ministry", "the woman" into "a woman whose ...").

Kinds: ``named`` (a person identified by name), ``anonymous`` (an unnamed person or a
vague group, or anyone cited with an anonymity phrase from ``kit/data/
anonymity_phrases.txt``), ``institutional`` (a named organisation, body, company or
document). The reporter and the reporter's outlet (``kit/data/reporter_names.txt``)
are never sources; people merely mentioned are not either, since only a reporting
verb, "according to" or a continuing quote makes a citation.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from kit.config import PACKAGE_DATA
from kit.text import count_words, paragraph_spans, read_word_list, require_columns, sentence_spans

__all__ = [
    "KINDS",
    "analyse_text",
    "attributions",
    "highlight_sources",
    "head_key",
    "sources",
    "sourcing_by",
    "sourcing_summary",
    "sourcing_tables",
]

#: The kinds of source, in display order.
KINDS = ("named", "anonymous", "institutional")

#: Colours used by :func:`highlight_sources` (and the notebook's charts).
KIND_COLOURS = {"named": "#4c72b0", "anonymous": "#dd8452", "institutional": "#55a868"}

ATTRIBUTION_COLUMNS = ["article_id", "paragraph", "speaker", "source", "kind", "verb", "quote",
                       "direct", "start", "end", "quote_start", "quote_end", "anonymity_reason"]
SOURCE_COLUMNS = ["article_id", "source", "speaker", "kind", "citations", "direct",
                  "anonymity_reason", "first_paragraph"]
SUMMARY_COLUMNS = ["article_id", "sources", "named", "anonymous", "institutional", "citations",
                   "direct_citations", "share_anonymous", "share_direct", "quoted_words", "n_words",
                   "share_quoted_words"]


# --------------------------------------------------------------------------- word lists
@dataclass(frozen=True)
class _Lexicon:
    verb_re: re.Pattern
    participle_re: re.Pattern
    document_verbs: frozenset
    anonymity_re: re.Pattern
    reporters: frozenset
    not_sources: frozenset
    nouns: dict
    titles: frozenset
    institution_words: frozenset
    openers: frozenset
    opener_re: re.Pattern
    intro_words: frozenset


def _alternation(words) -> str:
    """A regular expression matching any of ``words``, built as a trie so that the
    engine tries one branch per first letter (several times faster than a flat list
    of alternatives on long texts)."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + build(child)
                    for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    verbs = [w.lower() for w in read_word_list("reporting_verbs.txt")]
    participles = [w.lower() for w in read_word_list("reporting_participles.txt")]
    nouns: dict[str, tuple[str, bool]] = {}
    table = pd.read_csv(PACKAGE_DATA / "source_nouns.csv", comment="#")
    for noun, kind in zip(table["noun"], table["kind"]):
        noun = noun.strip().lower()
        plural = noun in ("people", "men", "women", "children", "police", "authorities", "data",
                          "figures", "statistics")
        nouns[noun] = (kind, plural)  # a listed word beats a plural derived from another
        for form in _plurals(noun):
            if form not in set(table["noun"].str.strip().str.lower()):
                nouns.setdefault(form, (kind, True))
    openers = frozenset(w.lower() for w in read_word_list("clause_openers.txt"))
    return _Lexicon(
        verb_re=re.compile(r"(?<![\w-])(" + _alternation(verbs + ["according to"]) + r")(?![\w-])"),
        participle_re=re.compile(r",\s*(" + _alternation(participles) + r")(?![\w-])"),
        document_verbs=frozenset(w.lower() for w in read_word_list("document_verbs.txt")),
        anonymity_re=re.compile("|".join(f"(?:{p})" for p in read_word_list("anonymity_phrases.txt")), re.I),
        reporters=frozenset(w.lower() for w in read_word_list("reporter_names.txt")),
        not_sources=frozenset(w.lower() for w in read_word_list("not_sources.txt")),
        nouns=nouns,
        titles=frozenset(w.lower().rstrip(".") for w in read_word_list("name_titles.txt")),
        institution_words=frozenset(w.lower() for w in read_word_list("institution_words.txt")),
        openers=openers,
        opener_re=re.compile(r"^(?:(?:" + _alternation(openers) + r")\b[\s,]*)+", re.I),
        intro_words=frozenset(w.lower() for w in read_word_list("intro_words.txt")),
    )


def _plurals(noun: str) -> list[str]:
    if noun.endswith("man"):
        return [noun[:-3] + "men"]
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return [noun[:-1] + "ies"]
    if noun.endswith(("s", "x", "ch", "sh")):
        return [noun + "es"]
    if noun.endswith("person"):
        return [noun[:-6] + "people"]
    return [noun + "s"]


# --------------------------------------------------------------------------- quotes
_DOUBLE = re.compile(r'["“”„«»]')
_SINGLE_OPEN = re.compile(r"(?<![\w.,!?’'])[‘'](?=[\w\"“])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…%)])[’'](?![\w])")


def _quote_spans(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Quote spans ``(start, end, runs_on)``: start at the opening mark, end after the
    closing mark (or at the paragraph's end when the quote runs on)."""
    spans: list[tuple[int, int, bool]] = []
    use_single = _DOUBLE.search(text) is None
    for a, b in paras:
        if use_single:
            marks = sorted([(m.start(), "open") for m in _SINGLE_OPEN.finditer(text, a, b)]
                           + [(m.start(), "close") for m in _SINGLE_CLOSE.finditer(text, a, b)])
        else:
            marks = []
            for m in _DOUBLE.finditer(text, a, b):
                ch = m.group()
                marks.append((m.start(), "open" if ch in "“„«" else "close" if ch in "”»" else "toggle"))
        open_at = None
        for pos, what in marks:
            if open_at is None and what in ("open", "toggle"):
                open_at = pos
            elif open_at is not None and what in ("close", "toggle"):
                if pos > open_at + 1:
                    spans.append((open_at, pos + 1, False))
                open_at = None
        if open_at is not None and b - open_at > 2:
            spans.append((open_at, b, True))
    return spans


def _mask(text: str, spans) -> str:
    """``text`` with the inside of every quote replaced by ``§`` (offsets kept)."""
    if not spans:
        return text
    pieces, last = [], 0
    for a, b, runs_on in spans:
        inner_end = b if runs_on else b - 1
        pieces.append(text[last:a + 1])
        pieces.append("§" * max(0, inner_end - a - 1))
        last = inner_end
    pieces.append(text[last:])
    return "".join(pieces)


# --------------------------------------------------------------------------- noun phrases
_PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "institution"}
_NAME_TOKEN = r"(?:[A-Z][\w’'.&-]*|\d+|de|da|del|della|di|van|von|der|den|la|le|bin|al|ibn|du|dos|y|of|for|and|on|in|the)"
_NAME_RE = re.compile(rf"(?:the\s+|The\s+)?[A-Z][\w’'.&-]*(?:\s+{_NAME_TOKEN})*")
_CAP_RUN = re.compile(r"[A-Z][\w’'-]*\.?(?:\s+(?:[A-Z][\w’'-]*\.?|de|da|van|von|der|bin|al|la|le|del))*")
_HEAD_CUT = re.compile(
    r",|;|:|\(|\s[-—–]\s|\s(?:who|whose|whom|which|that|familiar|close|with|at|of|for|from|in|on|by|to|"
    r"speaking|based|involved|working|living|compiled|published|released|issued|obtained|seen|"
    r"conducted|commissioned|prepared|near|inside|outside|among|under|over|after|who's|"
    r"and|or|as|said|says|told)\s", re.I)
_DETERMINERS = frozenset("a an the one two three four five six seven eight nine ten several some many "
                         "other another most few his her their its this these those both all "
                         "dozens hundreds thousands".split())
_ADVERB_TAIL = re.compile(
    r"(?:\s+(?:also|later|previously|earlier|then|again|further|separately|recently|has|have|had|"
    r"would|will|did|does|do|once|first|initially|subsequently|has also|had also|last\s+\w+|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|this\s+week|yesterday|today|"
    r"on\s+Twitter|in\s+a\s+statement|in\s+an\s+interview|repeatedly|publicly|privately|bluntly|"
    r"openly|flatly|however|however,))+\s*$", re.I)
_TRAILING_ADVERBIAL = re.compile(
    r"\s+(?:(?:in|on|during|at|via|through)\s+(?:a|an|the|his|her|their|its)\s+(?:\w+\s+)?"
    r"(?:statement|interview|news conference|press conference|briefing|speech|post|tweet|email|e-mail|"
    r"letter|call|phone call|telephone interview|video|message|release|hearing|meeting|address)|"
    r"(?:on|last|this|late|early|earlier)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"week|month|year|night|morning|evening|afternoon)|on\s+(?:Twitter|Facebook|X|Telegram|Instagram)|"
    r"yesterday|today|online)\b.*$", re.S)
_AGE = re.compile(r"^\d{1,3}$")
_QUANTITY_OF = re.compile(r"(?:a\s+(?:number|group|handful|couple|majority|minority|few|dozen)|dozens|scores|"
                          r"hundreds|thousands|some|many|most|several|one|two|three|four|five|none|all|both|each|"
                          r"a\s+series)\s+of\s+", re.I)
_DOCUMENT_BY = re.compile(r"((?:a|an|the)\s+(?:\w+\s+)?(?:statement|report|letter|post|tweet|message|memo|"
                          r"interview|speech|filing|release))\s+(?:by|from|of)\s+(.+)", re.I)
_TITLE_OF_PLACE = re.compile(r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+of\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*?"
                             r"\s+((?:[A-Z][\w’'.-]+\s+){1,2}[A-Z][\w’'.-]+)")
_FULL_NAME = re.compile(r"(?:[Tt]he\s+)?[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|of|for|and|on|the|de|du|la))*\s+[A-Z][\w’'.&-]*")
_QUOTED_AS = re.compile(r"\bquoted\s+(.{3,160}?)\s+as\s+(?:saying|telling|writing)\b")
_SUBORDINATOR = re.compile(r".*\b(?:after|before|when|while|because|since|until|although|though|if|as|which|"
                          r"whereas|once)\s+", re.S)
_FIRST_DESCRIPTOR = re.compile(r"(?:a|an|one|another|the)\s+[a-z]", re.I)
_TRAILING_PERSON = re.compile(r"([A-Z][\w’'.-]+\s+[A-Z][\w’'-]+)$")
_DOC_OF_INSTITUTION = re.compile(r"(?:a|an|the)\s+((?:[a-z-]+\s+)?([a-z-]+))\s+([a-z]+)", re.I)
_ORG_POSSESSIVE_NAME = re.compile(r"(?:[Tt]he\s+)?((?:[A-Z][\w&.-]*\s+){0,5}[A-Z][\w&.-]*['’]s)\s+"
                                  r"((?:[A-Z][\w’'.-]+|de|da|van|von|der|del|la|le)(?:\s+(?:[A-Z][\w’'.-]+|de|da|van|von|der|del|la|le)){1,3})")
_POSSESSIVE_ROLE = re.compile(r".*\S['’]s?\s+(?:[a-z-]+\s+){0,2}([a-z-]+)")
_ROLE_NAME = re.compile(r"(?:.*?\s)?([a-z][\w-]*)\s+((?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*)")
# Generic words for an organisation that, with "the", point back to the last one named
# ("Halvorsen Motors ... the company said", "the carmaker said").
_GENERIC_ORG = frozenset("company firm carmaker automaker airline carrier retailer manufacturer maker lender "
                         "insurer group chain business startup conglomerate broadcaster publisher platform "
                         "operator developer producer supplier giant network".split())


@dataclass
class _NP:
    kind: str               # named / anonymous / institutional / pronoun
    speaker: str            # the words as written (cleaned)
    name: str = ""          # full name for a named person or a named institution
    head: str = ""          # head noun (lowercase) of a description
    plural: bool = False
    role: str = ""          # head noun of an appositive role ("lawyer")
    definite: bool = False
    guess: bool = False     # a lone capitalised word taken for an organisation


def _strip_openers(s: str) -> str:
    lex = _lexicon()
    s = s.strip(" ,;:—–-\"“”'")
    prev = None
    while prev != s:
        prev = s
        s = lex.opener_re.sub("", s, count=1).strip(" ,;:—–-") if s.split(" ", 1)[0].lower().strip(",") in lex.openers else s
    return s


def head_key(speaker: str) -> str:
    """The head word of a speaker's text: a surname or a description's head noun.

    Leading articles and case are ignored, and post-modifiers ("who ...", ", a lawyer
    ...", "of the ministry") are cut, so "Alexei Tabalov, a lawyer" gives ``tabalov``
    and "a woman whose boyfriend is serving a sentence there" gives ``woman``.
    """
    s = str(speaker).strip()
    lex = _lexicon()
    first_part = _split_top(s)[0] if s else s
    toks = [t.strip(".,’'\"“”") for t in first_part.split()]
    toks = [t for t in toks if t and t.lower() not in ("jr", "sr", "ii", "iii", "iv")]
    description = len(toks) >= 2 and toks[0].lower() in _DETERMINERS and toks[1][:1].islower()
    if len(toks) >= 2 and not description and all(t[:1].isupper() for t in toks[-2:]) and not any(
            t.lower() in lex.institution_words or _noun_kind(t) is not None for t in toks[-2:]):
        # "US Special Representative for Iran Brian Hook", "PG&E President and CEO Andy Vesey"
        return toks[-1].lower().removesuffix("’s").removesuffix("'s")
    m = _HEAD_CUT.search(" " + s + " ")
    if m:
        s = (" " + s + " ")[: m.start()].strip()
    words = [w.strip(".,’'\"“”") for w in s.split()]
    words = [w for w in words if w and w.lower() not in ("jr", "sr", "ii", "iii", "iv")]
    if not words:
        return ""
    w = words[-1].lower()
    for suffix in ("’s", "'s"):
        if w.endswith(suffix):
            w = w[: -len(suffix)]
    return w


def _noun_kind(word: str) -> tuple[str, bool] | None:
    return _lexicon().nouns.get(word.lower().strip(".,’'"))


def _parse_np(s: str, names: dict[str, str]) -> _NP | None:
    """Read ``s`` as a source noun phrase, or return None."""
    lex = _lexicon()
    s = _TRAILING_ADVERBIAL.sub("", s.strip()).strip(" ,;:—–-\"“”")
    s = _strip_openers(s)
    if not s or len(s) > 200:
        return None
    low = s.lower()
    for contraction in ("’ve", "'ve", "’d", "'d", "’ll", "'ll"):
        if low.endswith(contraction) and low[: -len(contraction)] in _PRONOUNS:
            low = low[: -len(contraction)]
            s = s[: len(low)]
    if low in _PRONOUNS:
        return _NP("pronoun", s, head=low)
    m = _QUANTITY_OF.match(s)
    if m and len(s) > m.end():
        # "A number of senators", "one of the organisers": the head is after "of"
        inner = _parse_np(s[m.end():], names)
        if inner is not None and inner.kind == "anonymous":
            inner.speaker = s
            return inner
    m = _DOCUMENT_BY.match(s)
    if m:
        # "a statement by the Presidential Spokesperson Harry Roque": the person speaks
        inner = _parse_np(m.group(2), names)
        if inner is not None and inner.kind == "named" and inner.role:
            return inner
        if inner is not None and inner.kind == "institutional" and not inner.guess and \
                m.group(1).split()[-1].lower() in _STATEMENT_WORDS:
            return inner  # "a statement from the Interior Ministry": the ministry speaks
    tail = _TRAILING_PERSON.search(s)
    if tail and tail.start() > 0 and s[: tail.start()].split()[-1] not in ("of", "for", "in", "from", "at", "on"):
        before = s[: tail.start()].split()[-4:]
        toks = tail.group(1).split()
        roles = [w for w in before if w.lower().strip(".,") in lex.titles or _noun_kind(w) == ("person", False)]
        if roles and not any(t.lower().strip(".,’'") in lex.institution_words or _noun_kind(t) is not None
                             or t.lower().strip(".") in lex.titles for t in toks):
            # "US Special Representative for Iran Brian Hook", "PG&E President and CEO Andy Vesey"
            return _NP("named", s, name=tail.group(1), head=toks[-1].strip(".,’'").lower(),
                       role=roles[-1].lower().strip(".,"))
    m = _TITLE_OF_PLACE.fullmatch(s)
    if m and m.group(1).lower() in lex.titles:
        # "President of Argentina Alberto Fernández"
        return _NP("named", s, name=m.group(2), head=m.group(2).split()[-1].lower(), role=m.group(1).lower())
    if low in lex.reporters or low.removeprefix("the ") in lex.reporters:
        return _NP("reporter", s)
    words = s.split()
    first = words[0].lower()
    if len(words) == 1 and (first in _DETERMINERS or first in lex.openers):
        return None
    m = _DOC_OF_INSTITUTION.fullmatch(s)
    if m and m.group(3).lower() in _DOCUMENT_HEADS | _STATEMENT_WORDS \
            and (_noun_kind(m.group(2)) or ("",))[0] == "institution" and m.group(2).lower() not in _STATEMENT_WORDS:
        # "a fire service statement", "a police report": the institution speaks
        return _NP("institutional", "the " + m.group(1), head=m.group(2).lower(), definite=True)
    m = _ORG_POSSESSIVE_NAME.fullmatch(s)
    if m:
        # "The Native American Rights Fund's Jacqueline De León"
        person = m.group(2).split()
        return _NP("named", s, name=m.group(2), head=person[-1].strip(".,’'").lower())
    m = _POSSESSIVE_ROLE.fullmatch(s)
    if m and _noun_kind(m.group(1)) is not None and _noun_kind(m.group(1))[0] == "person":
        # "the institute's director", "Brandt's campaign manager": a person, unnamed here
        kind, plural = _noun_kind(m.group(1))
        return _NP("anonymous", s, head=m.group(1).lower(), plural=plural, definite=True)
    m = _ROLE_NAME.fullmatch(s)
    if m and len(s.split()) > 7 and (_noun_kind(m.group(1)) == ("person", False) or m.group(1).lower() in lex.titles):
        # "Train drivers' union Aslef general secretary Mick Whelan"
        person = [t for t in m.group(2).split() if t.lower().strip(".") not in lex.titles]
        if len(person) >= 2:
            return _NP("named", s, name=" ".join(person), head=person[-1].strip(".,’'").lower(),
                       role=m.group(1).lower())
    # A description: starts with a determiner or a lowercase word, or its head is a listed noun.
    if _FULL_NAME.fullmatch(s) and any(w.lower().strip(".,’'") in lex.institution_words for w in words):
        # "Turkey's Disaster and Emergency Management Presidency", "Ministry of Health"
        cut, head_phrase = None, s
        if len(words) > 12:
            return None
    else:
        cut = _HEAD_CUT.search(" " + s + " ")
        head_phrase = (" " + s + " ")[: cut.start()].strip() if cut else s
    hp_words = head_phrase.split()
    if not hp_words or (len(hp_words) > 7 and cut is not None) or len(hp_words) > 12:
        return None
    clause_cut = cut is not None and cut.group().strip().lower() in ("and", "or", "as", "said", "says", "told")
    head = hp_words[-1].lower().strip(".,’'")
    for suffix in ("’s", "'s"):
        head = head.removesuffix(suffix)
    if head in lex.not_sources:
        return None
    noun = _noun_kind(head)
    is_name = _NAME_RE.fullmatch(head_phrase) is not None and (
        not hp_words[-1][:1].islower())
    if noun is not None and (not is_name or first in _DETERMINERS or len(hp_words) == 1
                             or noun[0] == "institution"):
        kind, plural = noun
        if kind == "person" and is_name and len(hp_words) >= 2 and head not in lex.titles \
                and sum(w[:1].isupper() for w in hp_words) >= 2:
            kind = "institution"  # "the Disease Surveillance Team", "the Red Cross Volunteers"
        if kind == "institution":
            # "the Defense Ministry", "the company", "a report by the agency"
            out_kind = "institutional"
        else:
            out_kind = "anonymous"
        if any(w.lower() in _DETERMINERS for w in hp_words[1:]) and len(hp_words) > 3:
            return None
        # every word of the head phrase but the head must not be a verb-like word
        if any(w.lower() in lex.openers for w in hp_words[1:]):
            return None
        return _NP(out_kind, s, name=head_phrase if is_name and kind == "institution" else "",
                   head=head, plural=plural, definite=first in ("the", "this", "that", "these", "those"))
    if is_name and clause_cut:
        return None  # "Turkey and Greece had earlier had poor relations": a clause, not a source
    if not is_name:
        # "Union leader Dana Whitcombe", "Forest Service spokeswoman Lena Haas"
        m = _ROLE_NAME.fullmatch(head_phrase)
        if m and _noun_kind(m.group(1)) is not None and _noun_kind(m.group(1))[0] == "institution" \
                and m.group(1).lower() not in _DOCUMENT_HEADS:
            # "news broadcaster NRK", "toy maker Hasbro"
            return _NP("institutional", s, name=m.group(2), head=m.group(2).split()[-1].lower())
        if m and (_noun_kind(m.group(1)) == ("person", False) or m.group(1).lower() in lex.titles):
            person = [t for t in m.group(2).split() if t.lower().strip(".") not in lex.titles]
            if len(person) >= 2 or (person and person[-1].lower() in names):
                surname = person[-1].strip(".,’'")
                return _NP("named", s, name=" ".join(person) if len(person) >= 2 else names[surname.lower()],
                           head=surname.lower(), role=m.group(1).lower())
        return None
    # A name: a person, or an organisation.
    toks = [t for t in head_phrase.split() if t.lower() != "the"]
    if any(t[:1].islower() and t.lower() not in ("de", "da", "del", "della", "di", "van", "von", "der", "den",
                                                  "la", "le", "bin", "al", "ibn", "du", "dos", "y")
           for t in toks):
        # "Ministry of Health", "Organization for Security and ..." contain small words
        if not any(t.lower().strip(".,") in lex.institution_words for t in toks):
            return None
    if toks and toks[0].lower().strip(".") in lex.openers:
        return None
    lowered = [t.lower().strip(".,’'").removesuffix("’s").removesuffix("'s") for t in toks]
    has_institution_word = any(t in lex.institution_words for t in lowered) or \
        " ".join(lowered) in lex.institution_words
    acronym = len(toks) == 1 and len(toks[0]) >= 2 and toks[0].isupper() and "." not in toks[0]
    if has_institution_word or acronym or (first == "the" and not any(t in lex.titles for t in lowered)):
        return _NP("institutional", s, name=head_phrase, head=lowered[-1] if lowered else "")
    person = [t for t, lo in zip(toks, lowered) if lo not in lex.titles]
    titled = len(person) < len(toks)
    if not person:
        return None
    surname = person[-1].strip(".,’'")
    if len(person) >= 2 or titled:
        role = next((lo for lo in lowered if lo in lex.titles), "") if titled else ""
        return _NP("named", s, name=" ".join(person), head=surname.lower(), role=role)
    full = names.get(surname.lower())
    if full:
        return _NP("named", s, name=full, head=surname.lower())
    return _NP("institutional", s, name=s, head=surname.lower(), guess=True)


def _known_names(text: str) -> dict[str, str]:
    """Surname -> first full name ("tabalov" -> "Alexei Tabalov") for every run of two
    or more capitalised words in ``text`` that looks like a person's name."""
    lex = _lexicon()
    out: dict[str, str] = {}
    for m in _CAP_RUN.finditer(text):
        toks = m.group().split()
        toks = [t for t in toks if t.lower().strip(".") not in lex.titles]
        while toks and toks[0].lower() in lex.openers:
            toks = toks[1:]
        if len(toks) < 2 or any(t.lower().strip(".,’'") in lex.institution_words for t in toks):
            continue
        surname = toks[-1].strip(".,’'").removesuffix("’s").removesuffix("'s")
        out.setdefault(surname.lower(), " ".join(toks[:-1] + [surname]))
    return out


# --------------------------------------------------------------------------- sources registry
@dataclass
class _Source:
    key: str
    speaker: str
    name: str
    kind: str
    head: str
    plural: bool
    paragraph: int
    roles: set = field(default_factory=set)
    reason: str = ""
    aliases: set = field(default_factory=set)
    mention: str = ""  # the words of the first mention, titles included


_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")


class _Registry:
    def __init__(self) -> None:
        self.sources: list[_Source] = []
        self.recent: list[_Source] = []  # most recent citation last
        self.text, self.pos = "", 0      # the masked text and where the current sentence starts
        self.leads: list[list] = []      # [sentence number, paragraph, opening words, parsed]
        self.seq, self.cited_seq = 0, -1
        self.names: dict[str, str] = {}

    def _lead(self, entry: list) -> _NP | None:
        if entry[3] is None:
            entry[3] = _parse_np(entry[2], self.names) or False
        return entry[3] or None

    def last_mention(self, paragraph: int) -> _NP | None:
        """The person named at the head of the latest sentence since the last citation."""
        for entry in reversed(self.leads):
            if entry[0] <= self.cited_seq or entry[1] < paragraph - 1:
                return None
            np = self._lead(entry)
            if np is not None and np.kind == "named":
                return np
        return None

    def last_org(self) -> _NP | None:
        """The organisation named at the head of a recent sentence."""
        for entry in reversed(self.leads[-30:]):
            np = self._lead(entry)
            if np is not None and np.kind == "institutional" and np.name[:1].isupper():
                return np
        return None

    def _find(self, np: _NP) -> _Source | None:
        if np.kind == "named":
            for s in self.sources:
                if s.kind == "named" and s.head == np.head:
                    return s
            return None
        if np.kind == "institutional":
            key = (np.name or np.speaker).lower().removeprefix("the ").strip()
            for s in self.sources:
                if s.kind == "institutional" and np.name and " " not in key and s.key.startswith(key + " "):
                    return s  # "Halvorsen" after "Halvorsen Motors"
            words = set(key.split())
            for s in self.sources:
                if s.kind == "institutional" and np.name and s.name[:1].isupper() and len(words) >= 1 \
                        and s.head == np.head and (words <= set(s.key.split()) or set(s.key.split()) <= words):
                    return s  # "The Telegraph" and "The Daily Telegraph"
            for s in self.sources:
                if s.kind == "institutional" and (s.key == key or key in s.aliases or (np.definite and not np.name and s.head == np.head)
                                                  or (not np.name and s.head == np.head)):
                    return s
            return None
        # anonymous description: the same head noun (and number), or the role of a named source
        if np.definite:
            modifiers = [w.lower() for w in np.speaker.split(",")[0].split()[1:-1]
                         if w.lower() not in ("local", "former", "then")]
            for s in reversed(self.sources):
                if s.kind == "named" and np.head in s.roles and all(
                        m in s.mention.lower() for m in modifiers):
                    return s  # "the lawyer"; not "the health minister" for the aviation minister
        for s in self.sources:
            if s.kind == "anonymous" and s.head == np.head and s.plural == np.plural:
                return s
        return None

    def _role_mention(self, role: str, modifiers: list[str] = ()) -> _NP | None:
        window = self.text[max(0, self.pos - 3000):self.pos]
        hits = list(re.finditer(rf"(?i:\b{re.escape(role)})\s+((?:(?:[A-Z]\.|[A-Z][\w’'-]+)\s+){{0,3}}[A-Z][\w’'-]+)",
                                window))
        for m in reversed(hits):
            context = window[max(0, m.start() - 60):m.start()].lower()
            if not all(mod in context for mod in modifiers):
                continue
            person = [t for t in m.group(1).split() if t.lower().strip(".") not in _lexicon().titles]
            if len(person) >= 2:
                return _NP("named", m.group(1), name=" ".join(person), head=person[-1].strip(".,’'").lower())
        return None

    def resolve(self, np: _NP, paragraph: int, anonymous_flag: bool) -> _Source | None:
        if np.kind == "pronoun":
            want = _PRONOUNS[np.head]
            mention = self.last_mention(paragraph) if want == "person" else None
            if mention is not None:
                return self.resolve(mention, paragraph, False)
            for s in reversed(self.recent):
                if want == "person" and (s.kind == "named" or (s.kind == "anonymous" and not s.plural)):
                    return s
                if want == "institution" and s.kind == "institutional":
                    return s
                if want == "any" and (s.plural or s.kind == "institutional"):
                    return s
            if want == "any" and self.recent:
                return self.recent[-1]
            return None
        found = self._find(np)
        if found is None and np.kind == "institutional" and not np.name and np.definite \
                and np.head in _STATEMENT_WORDS:
            # "The ministry issued a statement. The statement said ...": the issuer speaks
            org = self.last_org()
            if org is not None:
                return self.resolve(org, paragraph, False)
            if self.recent:
                return self.recent[-1]
        if found is None and np.kind == "institutional" and not np.name and np.definite \
                and np.head in _GENERIC_ORG:
            # "the company said": the organisation named last at a sentence's head, or
            # the last organisation cited
            org = self.last_org()
            if org is not None:
                return self.resolve(org, paragraph, False)
            for s in reversed(self.recent):
                if s.kind == "institutional" and s.name and s.name[:1].isupper():
                    return s
        if found is None and np.kind == "anonymous" and np.definite and not np.plural:
            # "the archbishop said" after "criticised by archbishop Jorge Scheinig"
            modifiers = [w.lower() for w in np.speaker.split(",")[0].split()[1:-1]
                         if w.lower() not in ("local", "former", "then")]
            named = self._role_mention(np.head, modifiers)
            if named is not None:
                named.role = np.head
                return self.resolve(named, paragraph, False)
        if found is not None:
            if np.role:
                found.roles.add(np.role)
            return found
        kind = "anonymous" if (anonymous_flag and np.kind != "institutional") else np.kind
        key = (np.name or np.speaker).lower().removeprefix("the ").strip() if kind != "named" else np.head
        src = _Source(key=key, speaker=np.speaker if kind != "named" else (np.name or np.speaker),
                      name=np.name or np.speaker, kind=kind, head=np.head, plural=np.plural,
                      paragraph=paragraph)
        if np.role:
            src.roles.add(np.role)
        src.mention = np.speaker
        if kind == "institutional":
            acronym = _ACRONYM.search(np.speaker)
            if acronym:
                src.aliases.add(acronym.group(1).lower())
            caps = [w[0] for w in (np.name or np.speaker).split() if w[:1].isupper()]
            if len(caps) >= 2:
                src.aliases.add("".join(caps).lower())
        self.sources.append(src)
        return src


# --------------------------------------------------------------------------- per-text analysis
@dataclass
class Citation:
    """One citation found by :func:`analyse_text`."""

    paragraph: int
    speaker: str
    source: _Source
    verb: str
    quote: str
    direct: bool
    start: int
    end: int
    quote_start: int
    quote_end: int
    anonymity_reason: str = ""


@dataclass
class TextSourcing:
    """What :func:`analyse_text` found in one text."""

    citations: list
    sources: list
    quotes: list          # (start, end, runs_on) of every quotation
    quoted_words: int
    n_words: int


_CLAUSE_BREAK = re.compile(r'[”"»;—–]|:\s|\s-\s')  # not the colon of "5:17 p.m."
_REASON = re.compile(r"\s*,?\s*((?:because|as|since|for fear|fearing|citing|due to|given)\b[^.;:,\"“”]*"
                     r"|(?:to (?:discuss|speak|talk|describe|share|comment|reveal)\b[^.;:,\"“”]*))", re.I)


# Cheap first pass: only sentences holding one of these words are searched with the
# full anonymity patterns (every pattern in anonymity_phrases.txt contains one).
_ANONYMITY_TRIGGER = re.compile(r"anonym|named|identified|authori[sz]ed|familiar|close|knowledge|"
                                r"briefed|names?\b")


class _Hits:
    """Every reporting verb, participle and anonymity phrase of a text, found in one
    pass each and looked up per sentence by offset."""

    def __init__(self, masked: str, text: str, lex: _Lexicon) -> None:
        # the patterns are lowercase: search lowercased copies (same offsets when
        # lowercasing keeps the length, which it does but for a few rare letters)
        low_masked, low_text = masked.lower(), text.lower()
        if len(low_masked) != len(masked):
            low_masked, low_text = masked, text
        self._verbs = [(m.start(1), m.end(1)) for m in lex.verb_re.finditer(low_masked)]
        self._verb_starts = [v[0] for v in self._verbs]
        self._part = [m.start(1) for m in lex.participle_re.finditer(low_masked)]
        self._anon = [m.start() for m in _ANONYMITY_TRIGGER.finditer(low_text)]

    def verbs(self, a: int, b: int) -> list[tuple[int, int]]:
        return self._verbs[bisect_left(self._verb_starts, a):bisect_left(self._verb_starts, b)]

    def participle(self, a: int, b: int) -> bool:
        return bisect_left(self._part, b) > bisect_left(self._part, a)

    def anonymity(self, a: int, b: int) -> bool:
        return bisect_left(self._anon, b) > bisect_left(self._anon, a)


def _anonymity(segment: str) -> tuple[bool, str]:
    lex = _lexicon()
    m = lex.anonymity_re.search(segment)
    if not m:
        return False, ""
    phrase = m.group()
    r = _REASON.match(segment, m.end())
    if r:
        return True, r.group(1).strip()
    if "authori" in phrase.lower():
        return True, phrase.strip()
    return True, ""


# a segment is one sentence, so a full stop inside it belongs to "Dr." or "J."
_NP_STOP = re.compile(r"[;:!?](?:\s|$)|\.$|\s[—–-]\s|[\"“”§(]")


def _is_appositive(s: str) -> bool:
    """Does ``s`` describe the source ("a lawyer who ...", "who asked not to be named",
    "42") rather than carry on the sentence ("in 2018 there were ...")?"""
    s = s.strip()
    if not s:
        return False
    first = s.split(" ", 1)[0].lower()
    if first in ("who", "whose", "which") or _AGE.match(first.strip(",")):
        return True
    if first not in _DETERMINERS and not _noun_kind(first):
        return False
    return _parse_np(s, {}) is not None


def _np_after(masked: str, pos: int, end: int) -> tuple[str, str, int]:
    """The noun phrase right after a verb (and its appositive), with its end offset."""
    rest = masked[pos:end]
    stripped = rest.lstrip()
    off = pos + len(rest) - len(stripped)
    # stop at the first sentence-internal break
    stop = _NP_STOP.search(stripped)
    chunk = stripped[: stop.start()] if stop else stripped
    verb = _lexicon().verb_re.search(chunk.lower())
    if verb is not None and "," in chunk[: verb.start()]:
        # "according to ISNA, the prosecutor general, Ali Mehr, said": what follows the
        # comma is the subject of the next verb, not an appositive
        chunk = chunk[: chunk.index(",")]
    head = chunk.split(",")[0].rstrip()
    m = _NAME_RE.match(chunk)
    if m and m.end() < len(head) and _ROLE_NAME.fullmatch(head):
        m = None  # "Forest Service spokeswoman Lena Haas": the whole phrase, read below
    if m and not chunk[:1].islower() and chunk.split(" ", 1)[0].lower() not in _DETERMINERS:
        name = m.group().rstrip()
        tail = chunk[m.end():]
        if tail.startswith(",") and _is_appositive(tail.lstrip(" ,").split(",")[0]):
            return name, tail.strip(" ,"), off + len(chunk)
        return name, "", off + m.start() + len(name)
    # "according to a woman whose boyfriend is serving a sentence there"
    parts = chunk.split(",")
    np = parts[0].rstrip()
    if len(parts) > 1 and _FIRST_DESCRIPTOR.match(np) and _TRAILING_PERSON.fullmatch(parts[1].strip()):
        # "said one resident, Maria Gomez, 54": the name is the speaker
        name = parts[1].strip()
        rest = ",".join(parts[2:]).strip(" ,")
        return name, (np + (", " + rest if rest else "")), off + len(chunk)
    if len(parts) > 1 and _is_appositive(parts[1]):
        return np, ",".join(parts[1:]).strip(" ,"), off + len(chunk)
    return np, "", off + len(np)


def _split_top(s: str) -> list[str]:
    """Split on commas outside parentheses."""
    parts, depth, last = [], 0, 0
    for i, ch in enumerate(s):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            parts.append(s[last:i])
            last = i + 1
    parts.append(s[last:])
    return [p.strip() for p in parts if p.strip()]


def _subject_before(left: str, names) -> tuple[_NP | None, str]:
    """Parse the words before a reporting verb; return the speaker and its appositive."""
    left = _ADVERB_TAIL.sub("", left.rstrip())
    trailing_comma = left.rstrip().endswith(",")
    parts = _split_top(left)
    if not parts:
        return None, ""
    if not trailing_comma:
        np = _parse_np(parts[-1], names)
        words = parts[-1].split()
        if np is None:
            # "The move came two days after the World Health Organization declared"
            sub = _SUBORDINATOR.search(parts[-1])
            if sub:
                np = _parse_np(parts[-1][sub.end():], names)
        if np is None and words and words[0].lower() in _lexicon().intro_words:
            # "At about 5:17 p.m. his daughter reported", "On Tuesday the ministry said"
            for k in range(1, min(8, len(words))):
                if words[k].lower() in _DETERMINERS or words[k][:1].isupper():
                    np = _parse_np(" ".join(words[k:]), names)
                    if np is not None and np.kind != "pronoun":
                        break
            else:
                np = None
        return np, ""
    # "[intro, ]* SUBJECT, APPOSITIVE, said"
    intro = _lexicon().intro_words
    for i, part in enumerate(parts[:-1]):
        if part.split(" ", 1)[0].lower() in intro:
            continue  # "In a statement", "After the vote"
        np = _parse_np(part, names)
        if np is None or np.kind == "reporter":
            continue
        appos = ", ".join(parts[i + 1:])
        if np.kind in ("anonymous", "institutional") and not np.name:
            # "His lawyer, Martin Szabo, said"; "the institute's director, Dr. Anthony Fauci, said"
            other = _parse_np(parts[i + 1], names)
            if other is not None and other.kind == "named":
                other.role = np.head
                return other, part
        elif i + 2 == len(parts):
            # "One of South Sudan's Vice Presidents, Rebecca Nyandeng De Mabior, said"
            other = _parse_np(parts[i + 1], names)
            if other is not None and other.kind == "named" and len(other.name.split()) >= 2:
                return other, part
        return np, appos
    np = _parse_np(parts[-1], names)
    return np, ""


def _role_of(appos: str) -> str:
    if not appos:
        return ""
    np = _parse_np(appos, {})
    return np.head if np is not None and np.kind == "anonymous" else ""


def analyse_text(text: str, *, outlet: str | None = None) -> TextSourcing:
    """Find the citations and sources in one article's text.

    Parameters
    ----------
    text : str
        The article body, paragraphs separated by blank lines.
    outlet : str, optional
        The article's outlet: never counted as a source (it is the reporter).

    Returns
    -------
    TextSourcing
        ``citations`` (list of :class:`Citation`), ``sources`` (distinct sources, in
        order of first citation), ``quotes`` (every quotation span), ``quoted_words``
        (words inside quotation marks) and ``n_words``.
    """
    lex = _lexicon()
    text = text if isinstance(text, str) else ""
    paras = paragraph_spans(text)
    quotes = _quote_spans(text, paras)
    masked = _mask(text, quotes)
    names = _known_names(masked)
    hits = _Hits(masked, text, lex)
    reg = _Registry()
    outlet_low = (outlet or "").strip().lower()
    citations: list[Citation] = []
    qi = 0
    for p, (pa, pb) in enumerate(paras):
        # sentences, with every sentence boundary inside a quote removed
        para_quotes = []
        while qi < len(quotes) and quotes[qi][0] < pb:
            if quotes[qi][0] >= pa:
                para_quotes.append(quotes[qi])
            qi += 1
        segs: list[list[int]] = []
        for a, b in sentence_spans(text[pa:pb]):
            a, b = a + pa, b + pa
            # a boundary inside a quotation does not end the citation
            if segs and any(qa < a and qb > segs[-1][1] for qa, qb, _ in para_quotes):
                segs[-1][1] = b
            else:
                segs.append([a, b])
        for sa, sb in segs:
            # clauses joined by a semicolon can each cite someone
            cuts, k = [sa], masked.find(";", sa, sb)
            while k >= 0:
                cuts.append(k + 1)
                k = masked.find(";", k + 1, sb)
            cuts.append(sb + 1)
            for a, b in zip(cuts[:-1], cuts[1:]):
                b = b - 1
                while a < b and masked[a].isspace():
                    a += 1
                if b - a < 2:
                    continue
                seg_quotes = [(qa, qb) for qa, qb, _ in para_quotes if qa >= a and qb <= b + 1]
                # the capitalised words opening the sentence: a person or organisation
                # named there may be what a later "he" or "the company" points back to
                # (read lazily, only when a pronoun or such a description needs it)
                lead = _LEADING_CAP.match(masked, a, b)
                reg.seq += 1
                if lead:
                    reg.leads.append([reg.seq, p, lead.group().rstrip(" ,."), None])
                reg.text, reg.pos, reg.names = masked, a, names
                found = _cite_segment(text, masked, a, b, p, seg_quotes, names, reg, lex, outlet_low, hits)
                if not found and seg_quotes and masked[a:b].lstrip().startswith(('"', "“", "‘", "'", "«")):
                    cont = _continuation(text, a, b, p, seg_quotes, citations)
                    found = [cont] if cont is not None else []
                for cit in found:
                    citations.append(cit)
                    reg.recent.append(cit.source)
                if found:
                    reg.cited_seq = reg.seq
    quoted_words = sum(count_words(text[a:b]) for a, b, _ in quotes)
    for c in citations:
        if c.anonymity_reason and not c.source.reason:
            c.source.reason = c.anonymity_reason
    used = []
    for c in citations:
        if c.source not in used:
            used.append(c.source)
    return TextSourcing(citations, used, quotes, quoted_words, count_words(text))


def _quote_text(text: str, seg_quotes) -> str:
    return " … ".join(text[qa + 1: qb - 1 if text[qb - 1] in "\"”»’'" else qb].strip(" ,") for qa, qb in seg_quotes)


def _continuation(text, a, b, p, seg_quotes, citations) -> Citation | None:
    if not citations:
        return None
    last = citations[-1]
    if last.paragraph < p - 1:
        return None
    quoted = sum(qb - qa for qa, qb in seg_quotes)
    if quoted < 0.5 * (b - a) and count_words(text[seg_quotes[0][0]:seg_quotes[0][1]]) < 4:
        return None
    return Citation(p, "", last.source, "", _quote_text(text, seg_quotes), True, a, b,
                    seg_quotes[0][0], seg_quotes[-1][1])


_STATEMENT_SAYING = re.compile(r"(?:issued|released|put out|posted|published)\s+(?:a|an)\s+(?:\w+\s+)?statement\s+"
                               r"(saying|stating)\b")
_PERSONAL = re.compile(r"\b(?:his|her|he|she|himself|herself)\b")
_NOUN_LIKE_VERBS = frozenset(("reports", "claims", "notes", "states", "state", "estimates", "shows", "finds",
                              "cites", "comments", "warns", "tells", "writes", "adds", "says"))
_STATEMENT_WORDS = frozenset(("statement", "release", "letter", "memo", "tweet", "post", "announcement", "notice"))
_CALLED_QUOTE = re.compile(r"\s+(?:it|them|this|that|him|her|(?:the|a|an|his|her|their|its)\s+[\w-]+(?:\s+[\w-]+)?)"
                           r"\s+[\"“]")
_DOCUMENT_HEADS = frozenset(("report", "study", "survey", "analysis", "review", "audit", "poll", "assessment",
                             "data", "statistics", "figures", "research", "investigation", "filing", "document"))
_WITH_PARTICIPLE = re.compile(r"\bwith\s+((?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s+(saying|telling|arguing|warning|noting|"
                              r"insisting|claiming)\b")


def _cite_segment(text, masked, a, b, p, seg_quotes, names, reg, lex, outlet_low, hits) -> list[Citation]:
    """The citations of one sentence (or semicolon clause): usually one; a second one
    when another source speaks in a later comma clause ("..., the ministry said, as
    doctors warned that ...")."""
    seg = masked[a:b]
    anonymous_flag, reason = _anonymity(text[a:b]) if hits.anonymity(a, b) else (False, "")
    out: list[Citation] = []
    floor = a  # after a first citation, only clauses after its attribution are read
    first_start = a
    for vs, ve in hits.verbs(a, b):
        if vs < floor:
            continue
        verb = re.sub(r"\s+", " ", masked[vs:ve].lower())
        if masked[vs].isupper() and verb != "according to":
            continue  # "the United States", "Reports of ..."
        if verb == "called" and not _CALLED_QUOTE.match(masked, ve):
            continue  # "called police", "called for" are not citations; "called it "a retrograde step"" is
        np, appos, span_start, span_end = None, "", vs, ve
        if verb == "according to":
            words, appos, end = _np_after(masked, ve, b)
            np = _parse_np(words, names)
            span_end = end
        else:
            # the clause before the verb starts after the last quote, semicolon or dash
            left_start = floor
            for q in _CLAUSE_BREAK.finditer(masked, floor, vs):
                left_start = q.end()
            for qa, qb in seg_quotes:
                if left_start < qb <= vs:
                    left_start = qb
            if out:
                comma = masked.find(",", floor, vs)
                if comma < 0:
                    continue
                left_start = max(left_start, comma + 1)
            left = masked[left_start:vs]
            if "ccording to" in left:
                continue  # "according to initial reports": a noun, inside an attribution
            if out and not left.strip(" ,") and first_start > a + 2 and masked[a:first_start].rstrip().endswith(","):
                # "Witnesses, according to The Telegraph, said ...": the subject precedes
                left_start, left = a, masked[a:first_start]
            if left.strip():
                np, appos = _subject_before(left, names)
                span_start = left_start + len(left) - len(left.lstrip())
                if np is not None:
                    found_at = masked.find(np.speaker.split(",")[0][:40], left_start, vs)
                    span_start = found_at if found_at >= 0 else span_start
                if np is not None and np.kind != "pronoun" and verb in lex.document_verbs and not (
                        np.kind == "institutional" and np.head in _DOCUMENT_HEADS):
                    np = None
            if np is None and not out and (not left.strip() or left.rstrip().endswith(",")):
                if verb in lex.document_verbs:
                    continue
                words, appos2, end = _np_after(masked, ve, b)
                np2 = _parse_np(words, names) if words else None
                if np2 is not None and np2.kind != "pronoun":
                    np, appos, span_start, span_end = np2, appos2, vs, end
        if np is None or np.kind == "reporter":
            continue
        if np.guess and verb in _NOUN_LIKE_VERBS:
            continue  # "Early reports suggested": "reports" is a noun here
        if np.guess and (_PERSONAL.search(masked, ve, b) or appos.lower().startswith(("who ", "whose "))):
            # "Zelenskyy said in his nightly address": a person, known by one name here
            np = _NP("named", np.speaker, name=np.speaker, head=np.head)
        low = np.speaker.lower().removeprefix("the ")
        if outlet_low and (low == outlet_low or low == outlet_low.removeprefix("the ")):
            continue
        cit = _make_citation(text, np, appos, verb, a, b, p, span_start, span_end, seg_quotes, reg,
                             anonymous_flag, reason)
        if cit is None:
            continue
        if out and cit.source is out[0].source:
            continue
        if not out:
            first_start = span_start
        out.append(cit)
        floor = max(span_end, ve)
        if len(out) == 2:
            break
    if out and len(out) < 2:
        q = _QUOTED_AS.search(seg)
        if q:
            np = _parse_np(q.group(1).split(",")[0], names)
            if np is not None and np.kind not in ("reporter", "pronoun"):
                cit = _make_citation(text, np, "", "quoted as saying", a, b, p, a + q.start(1), a + q.end(),
                                     seg_quotes, reg, anonymous_flag, reason)
                if cit is not None and cit.source is not out[0].source:
                    out.append(cit)
    if out:
        return out
    # a participle hanging off the sentence: "The ministry issued a statement, saying ...",
    # "... opened on Monday, with prosecutors telling jurors that ..."
    m = _WITH_PARTICIPLE.search(seg) if "with " in seg else None
    if m:
        np = _parse_np(m.group(1), names)
        if np is not None and np.kind not in ("reporter", "pronoun"):
            cit = _make_citation(text, np, "", m.group(2), a, b, p, a + m.start(1), a + m.end(2), seg_quotes,
                                 reg, anonymous_flag, reason)
            if cit is not None:
                return [cit]
    m = lex.participle_re.search(seg) if hits.participle(a, b) else None
    if m is None and "statement" in seg:
        m = _STATEMENT_SAYING.search(seg)  # "X issued a statement saying ..."
    if m:
        np = _leading_np(masked[a:a + m.start(1)], names)
        if np is not None and np.kind not in ("reporter",):
            cit = _make_citation(text, np, "", m.group(1).lower(), a, b, p, a + m.start(1), a + m.end(1),
                                 seg_quotes, reg, anonymous_flag, reason)
            if cit is not None:
                return [cit]
    return []


def _make_citation(text, np, appos, verb, a, b, p, span_start, span_end, seg_quotes, reg,
                   anonymous_flag, reason) -> Citation | None:
    if np.kind == "named" and not np.role:
        np.role = _role_of(appos)
    speaker_text = np.speaker
    if np.kind == "anonymous" and appos and not np.speaker.endswith(appos):
        # "a woman, who asked not to be named," keeps its relative clause
        if appos.lower().startswith(("who ", "whose ", "familiar ", "speaking ")):
            np.speaker = f"{np.speaker}, {appos}"
    src = reg.resolve(np, p, anonymous_flag and np.kind != "named")
    if src is None:
        return None
    direct = bool(seg_quotes)
    if direct:
        quote = _quote_text(text, seg_quotes)
        qs, qe = seg_quotes[0][0], seg_quotes[-1][1]
    else:
        qs, qe = (a, span_start) if span_start > a + 2 else (span_end, b)
        quote = re.sub(r"^(?:that\s+)", "", text[qs:qe].strip(" ,.;:\"“”")).strip()
    return Citation(p, speaker_text, src, verb, quote, direct, a, b, qs, qe,
                    reason if anonymous_flag else "")


_LEADING_CAP = re.compile(r"(?:The\s+)?[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|for|and|de|van|von|al|bin))*")


def _leading_np(s: str, names) -> _NP | None:
    s = _strip_openers(s.split(",")[0] if not s.lstrip().startswith(("\"", "“")) else "")
    if not s:
        return None
    m = _LEADING_CAP.match(s)
    if m and not re.match(r"(?:The\s+)?[a-z]", s):
        cand = m.group().rstrip(" ,.")
        # "The ministry" / "Officials": a capitalised first word that is a listed noun
        np = _parse_np(cand, names)
        if np is not None and np.kind != "anonymous":
            return np
    words = s.split()
    for k in range(min(8, len(words)), 1, -1):
        # "Presidential physician Sean Conley issued ...": a titled name first
        if words[k - 1][:1].isupper() and words[k - 2][:1].isupper():
            np = _parse_np(" ".join(words[:k]), names)
            if np is not None and np.kind == "named":
                return np
    for k in range(1, min(7, len(words)) + 1):
        if _noun_kind(words[k - 1]) is not None:
            np = _parse_np(" ".join(words[:k]), names)
            if np is not None:
                return np
    return None


# --------------------------------------------------------------------------- frames
def _check(articles: pd.DataFrame, what: str) -> None:
    require_columns(articles, ["article_id", "text"], what=what)


def _each(articles: pd.DataFrame):
    outlets = articles["outlet"] if "outlet" in articles.columns else [None] * len(articles)
    for article_id, text, outlet in zip(articles["article_id"], articles["text"], outlets):
        yield article_id, text if isinstance(text, str) else "", outlet if isinstance(outlet, str) else None


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
        ``quote_start``/``quote_end`` (offsets of the cited words), and
        ``anonymity_reason`` (the reason given for anonymity, or "").
    """
    _check(articles, "attributions()")
    rows = []
    for article_id, text, outlet in _each(articles):
        rows.extend(_citation_rows(article_id, analyse_text(text, outlet=outlet)))
    return _attribution_frame(rows)


def _citation_rows(article_id, res: TextSourcing) -> list[tuple]:
    return [(article_id, c.paragraph, c.speaker, c.source.speaker, c.source.kind, c.verb,
             c.quote, c.direct, c.start, c.end, c.quote_start, c.quote_end, c.anonymity_reason)
            for c in res.citations]


def _attribution_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS).astype(
        {"paragraph": "int64", "direct": "bool", "start": "int64", "end": "int64",
         "quote_start": "int64", "quote_end": "int64"})


def _source_rows(article_id, res: TextSourcing) -> list[tuple]:
    rows = []
    for s in res.sources:
        cits = [c for c in res.citations if c.source is s]
        rows.append((article_id, s.speaker, s.speaker, s.kind, len(cits), any(c.direct for c in cits),
                     s.reason, min(c.paragraph for c in cits)))
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
        for anonymity, or ""), ``first_paragraph``.
    """
    _check(articles, "sources()")
    rows = []
    for article_id, text, outlet in _each(articles):
        rows.extend(_source_rows(article_id, analyse_text(text, outlet=outlet)))
    return _sources_frame(rows)


def _sources_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS).astype(
        {"citations": "int64", "direct": "bool", "first_paragraph": "int64"})


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
        an empty text).
    """
    _check(articles, "sourcing_summary()")
    rows = [_summary_row(article_id, analyse_text(text, outlet=outlet))
            for article_id, text, outlet in _each(articles)]
    return _summary_frame(rows)


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


def _summary_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS).astype(
        {c: "int64" for c in ("sources", "named", "anonymous", "institutional", "citations",
                              "direct_citations", "quoted_words", "n_words")})


def sourcing_tables(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """:func:`attributions`, :func:`sources` and :func:`sourcing_summary` from one
    pass over the articles (each verb alone analyses every article again).

    Returns
    -------
    tuple of DataFrame
        ``(attributions, sources, summary)``, equal to the three verbs' results.
    """
    _check(articles, "sourcing_tables()")
    citation_rows, source_rows, summary_rows = [], [], []
    for article_id, text, outlet in _each(articles):
        res = analyse_text(text, outlet=outlet)
        citation_rows.extend(_citation_rows(article_id, res))
        source_rows.extend(_source_rows(article_id, res))
        summary_rows.append(_summary_row(article_id, res))
    return _attribution_frame(citation_rows), _sources_frame(source_rows), _summary_frame(summary_rows)


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
        ``share_direct`` (direct / citations). ``attrs["freq"]`` holds the period
        length used.
    """
    from kit.overview import auto_freq, period_start

    _check(articles, "sourcing_by()")
    if by != "period":
        require_columns(articles, [by], what="sourcing_by()")
    summary = sourcing_summary(articles) if summary is None else summary
    cols = ["named", "anonymous", "institutional", "sources", "citations", "direct_citations"]
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
    if by != "period":
        out = out.sort_values(["sources", key], ascending=[False, True], kind="stable").reset_index(drop=True)
    out = out.astype({c: "int64" for c in ["articles", *cols]})
    out.attrs["freq"] = used
    return out


def highlight_sources(articles: pd.DataFrame, article_id: str | None = None, *,
                      max_chars: int | None = None) -> str:
    """One article as HTML, each citation highlighted in the colour of its source's kind.

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id`` and ``text``; ``title`` is shown).
    article_id : str, optional
        Which article; the first one by default.
    max_chars : int, optional
        Cut the rendered text after this many characters (for very long articles).

    Returns
    -------
    str
        An HTML fragment: a legend, the title, and the paragraphs, where each citing
        sentence is shaded by kind, its quoted words are bold, and hovering shows the
        source and verb. Show it with ``IPython.display.HTML``; save it with
        ``kit.Exporter.html``.
    """
    _check(articles, "highlight_sources()")
    if len(articles) == 0:
        raise ValueError("highlight_sources() got an empty articles frame")
    row = articles.iloc[0] if article_id is None else articles[articles["article_id"] == article_id]
    if isinstance(row, pd.DataFrame):
        if row.empty:
            raise KeyError(f"no article with article_id {article_id!r}")
        row = row.iloc[0]
    text = row["text"] if isinstance(row["text"], str) else ""
    outlet = row.get("outlet") if isinstance(row.get("outlet"), str) else None
    res = analyse_text(text, outlet=outlet)
    limit = len(text) if max_chars is None else min(len(text), max_chars)
    # mark events: citation spans (shaded) and quote spans (bold)
    marks: dict[int, list[str]] = {}
    for c in res.citations:
        if c.start >= limit:
            continue
        tip = html.escape(f"{c.source.speaker} ({c.source.kind})" + (f" — {c.verb}" if c.verb else " — continues"),
                          quote=True)
        colour = KIND_COLOURS[c.source.kind]
        marks.setdefault(c.start, []).append(
            f'<span class="src src-{c.source.kind}" title="{tip}" '
            f'style="background:{colour}33;border-bottom:2px solid {colour}">')
        marks.setdefault(min(c.end, limit), []).insert(0, "</span>")
    for a, b, _ in res.quotes:
        if a >= limit:
            continue
        marks.setdefault(a, []).append("<b>")
        marks.setdefault(min(b, limit), []).insert(0, "</b>")
    parts = []
    paras = paragraph_spans(text[:limit])
    for pa, pb in paras:
        pieces, last = [], pa
        for pos in sorted(k for k in marks if pa <= k <= pb):
            pieces.append(html.escape(text[last:pos]))
            pieces.append("".join(marks[pos]))
            last = pos
        pieces.append(html.escape(text[last:pb]))
        parts.append("<p>" + _balance("".join(pieces)) + "</p>")
    legend = " ".join(f'<span style="background:{KIND_COLOURS[k]}33;border-bottom:2px solid '
                      f'{KIND_COLOURS[k]};padding:0 4px">{k}</span>' for k in KINDS)
    title = html.escape(str(row.get("title") or row["article_id"]))
    counts = ", ".join(f"{sum(s.kind == k for s in res.sources)} {k}" for k in KINDS)
    return (f'<div class="kit-sourcing" style="max-width:46em;line-height:1.5;font-family:sans-serif">'
            f"<h3>{title}</h3><p style='color:#555'>{html.escape(str(row['article_id']))} · "
            f"{len(res.citations)} citations from {len(res.sources)} sources ({counts}) · "
            f"quoted words in <b>bold</b> · {legend}</p>{''.join(parts)}"
            + ("<p>[…]</p>" if limit < len(text) else "") + "</div>")


_TAG = re.compile(r"<(/?)(span|b)\b[^>]*>")


def _balance(markup: str) -> str:
    """Close tags left open at a paragraph's end and drop closers without openers."""
    out, stack, last = [], [], 0
    for m in _TAG.finditer(markup):
        out.append(markup[last:m.start()])
        last = m.end()
        if m.group(1):
            if m.group(2) in stack:
                while stack:
                    t = stack.pop()
                    out.append(f"</{t}>")
                    if t == m.group(2):
                        break
        else:
            stack.append(m.group(2))
            out.append(m.group())
    out.append(markup[last:])
    out.extend(f"</{t}>" for t in reversed(stack))
    return "".join(out)
