"""The word lists of the sourcing engine, loaded once from ``kit/data``.

Reporting verbs and participles become regular expressions (built as tries, so that a
long list costs one branch per letter); nouns, titles, institution words and the
smaller lists become sets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from kit.config import PACKAGE_DATA
from kit.text import read_word_list


def _word_set(name: str) -> frozenset:
    return frozenset(w.lower() for w in read_word_list(name))


#: Words opening a description ("a", "the", "two", "their"...).
_DETERMINERS = _word_set("determiners.txt")
#: Generic words for an organisation ("the company", "the carmaker").
_GENERIC_ORG = _word_set("generic_org_nouns.txt")
#: Nouns for a statement that speaks for its issuer ("the statement said").
_STATEMENT_WORDS = _word_set("statement_nouns.txt")
#: Nouns for a document cited in its own right ("the report found").
_DOCUMENT_HEADS = _word_set("document_nouns.txt")
#: Reporting verbs that are also plural nouns ("Early reports suggested").
_NOUN_LIKE_VERBS = _word_set("noun_like_verbs.txt")
#: Outlet words that make a vague source when no outlet is named ("state television").
_VAGUE_OUTLETS = _word_set("vague_outlet_nouns.txt")
#: Words that, capitalised to open a sentence, name nothing ("State television said").
_GENERIC_MODIFIERS = _word_set("generic_modifiers.txt")
#: Line labels before a colon that never name a speaker ("Update:", "Photo:").
_COLON_LABELS = _word_set("colon_labels.txt")
#: Pronouns that can be a speaker, and what they can point back to.
_PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "institution"}


@dataclass(frozen=True)
class _Lexicon:
    verb_re: re.Pattern
    participle_re: re.Pattern
    prep_participle_re: re.Pattern
    participle_scans: tuple[re.Pattern, ...]
    prep_participles: tuple[str, ...]
    document_verbs: frozenset
    anonymity_re: re.Pattern
    reporters: frozenset
    not_sources: frozenset
    nouns: dict
    titles: frozenset
    institution_words: frozenset
    news_outlets: frozenset
    openers: frozenset
    opener_re: re.Pattern
    intro_words: frozenset
    actions_before_to: frozenset
    noun_like_verbs: frozenset
    stance_verbs: frozenset
    as_verbs: frozenset
    clause_verbs: frozenset
    voice_verbs: frozenset
    person_verbs: frozenset
    bare_verbs: frozenset
    declaration_objects: frozenset
    nouns_plural_by_nature: frozenset
    state_before: frozenset
    state_after: frozenset


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


_PLURAL_NOUNS = ("people", "men", "women", "children", "police", "authorities", "data", "figures", "statistics")


#: The prepositions before a participle of prep_participles.txt ("by saying").
PREPOSITIONS_BEFORE_PARTICIPLE = ("by", "upon", "after", "before", "while", "when", "in")


#: Auxiliaries that make a participle a finite verb ("is saying", "has been telling").
_PROGRESSIVE_AUXILIARIES = ("is", "are", "was", "were", "been")
#: Participles whose progressive is usually an act, not speech: "is calling in experts",
#: "is writing a book", "is adding jobs", "is defending his title", "police are
#: questioning two men", "is recalling cars". ("is calling for" is kept.)
_NOT_PROGRESSIVE = frozenset(("calling", "writing", "adding", "defending", "questioning", "recalling"))


def _progressives(participles: list[str]) -> list[str]:
    """The finite forms of the reporting participles: "is saying", "were warning",
    "has been telling" (matched from "been"), and "was quoted as saying"."""
    heads = [p for p in participles if p not in _NOT_PROGRESSIVE] + ["calling for", "quoted as saying"]
    return [f"{aux} {p}" for aux in _PROGRESSIVE_AUXILIARIES for p in heads]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    verbs = [w.lower() for w in read_word_list("reporting_verbs.txt") + read_word_list("stance_verbs.txt")]
    participles = [w.lower() for w in read_word_list("reporting_participles.txt")]
    verbs += _progressives(participles)
    prep_participles = [w.lower() for w in read_word_list("prep_participles.txt")]
    nouns: dict[str, tuple[str, bool]] = {}
    table = pd.read_csv(PACKAGE_DATA / "source_nouns.csv", comment="#")
    listed = set(table["noun"].str.strip().str.lower())
    for noun, kind in zip(table["noun"], table["kind"]):
        noun = noun.strip().lower()
        plural = noun in _PLURAL_NOUNS
        nouns[noun] = (kind, plural)  # a listed word beats a plural derived from another
        for form in _plurals(noun):
            if form not in listed:
                nouns.setdefault(form, (kind, True))
    openers = frozenset(w.lower() for w in read_word_list("clause_openers.txt"))
    state_words = [w.lower() for w in read_word_list("state_noun_words.txt")]
    cut = state_words.index("--")
    return _Lexicon(
        verb_re=re.compile(r"(?<![\w-])(" + _alternation(verbs + ["according to"]) + r")(?![\w-])"),
        # ", saying", and '“a disaster,” saying' (the comma inside the quote is masked)
        # and a dash between spaces ("Rubio flipped his choice – saying he ...")
        participle_re=re.compile(r"(?:[,”\"](?:(?<=,)|(?<=§.))|(?<=\s)(?:[—–]|--?)(?=\s))\s*("
                                 + _alternation(participles) + r")(?![\w-])"),
        # the same, each from a literal first character, which the engine scans for
        # (the pattern above is tried at every character: 4x the time over a text)
        participle_scans=tuple(re.compile(re.escape(c) + r"\s*(" + _alternation(participles) + r")(?![\w-])")
                               for c in (",", "”", '"')) + (
            re.compile(r"(?:[—–]|--?)(?=\s)\s*(" + _alternation(participles) + r")(?![\w-])"),),
        # "Husted continued by saying", "upon saying", "after telling reporters"
        prep_participle_re=re.compile(
            r"(?<![\w-])(?:" + "|".join(PREPOSITIONS_BEFORE_PARTICIPLE) + r")\s+("
            + _alternation(prep_participles) + r")(?![\w-])"),
        prep_participles=tuple(prep_participles),
        document_verbs=frozenset(w.lower() for w in read_word_list("document_verbs.txt")),
        anonymity_re=re.compile("|".join(f"(?:{p})" for p in read_word_list("anonymity_phrases.txt")), re.I),
        reporters=frozenset(w.lower() for w in read_word_list("reporter_names.txt")),
        not_sources=frozenset(w.lower() for w in read_word_list("not_sources.txt")),
        nouns=nouns,
        titles=frozenset(w.lower().rstrip(".") for w in read_word_list("name_titles.txt")),
        institution_words=frozenset(w.lower() for w in read_word_list("institution_words.txt")),
        news_outlets=frozenset(w.lower() for w in read_word_list("news_outlets.txt")),
        openers=openers,
        opener_re=re.compile(r"^(?:(?:" + _alternation(openers) + r")\b[\s,]*)+", re.I),
        intro_words=frozenset(w.lower() for w in read_word_list("intro_words.txt")),
        actions_before_to=_word_set("actions_before_to.txt"),
        stance_verbs=_word_set("stance_verbs.txt"),
        as_verbs=_word_set("as_verbs.txt"),
        clause_verbs=_word_set("clause_verbs.txt"),
        voice_verbs=_word_set("voice_verbs.txt"),
        person_verbs=_word_set("person_verbs.txt"),
        # bare forms: "say" beside "says", "deny" beside "denies"
        bare_verbs=frozenset(v for v in verbs if " " not in v and (
            v + "s" in verbs or v + "es" in verbs or v[:-1] + "ies" in verbs)),
        declaration_objects=_word_set("declaration_objects.txt"),
        nouns_plural_by_nature=frozenset(_PLURAL_NOUNS),
        noun_like_verbs=_NOUN_LIKE_VERBS | {"claim", "note", "comment", "estimate", "report", "statement"},
        state_before=frozenset(state_words[:cut]),
        state_after=frozenset(state_words[cut + 1:]),
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

