"""Mentions and who they refer to: the registry of an article's distinct sources.

Later mentions merge into the first: by surname ("Tabalov" into "Alexei Tabalov"),
by role ("the lawyer"), by head noun ("the ministry" into "the Defense Ministry").
A pronoun resolves to the last cited source that fits ("she" to a person, "it" to an
institution); "the company" to the organisation named last.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kit.gender import name_gender
from kit.sourcing.kinds import _NP, _parse_np
from kit.sourcing.lexicon import _DETERMINERS, _GENERIC_ORG, _PRONOUNS, _STATEMENT_WORDS, _lexicon


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


_OTHER_ROLE = ("vice", "deputy", "assistant", "former", "ex-", "vice-")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_TRAILING_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z&]{1,9}\)$")


def _capital_modifiers(phrase: str) -> set[str]:
    words = phrase.split(",")[0].split()
    return {w.lower().strip(".,’'") for w in words[1:-1] if w[:1].isupper()} | (
        {words[0].lower()} if len(words) > 1 and words[0][:1].isupper() and words[0].lower() not in _DETERMINERS
        else set())


def _other_modifiers(one: str, two: str) -> bool:
    """Do two descriptions with the same head name different bodies ("the Russian
    government" and "the German government", "Western officials" and "Iraqi officials")?"""
    a, b = _capital_modifiers(one), _capital_modifiers(two)
    return bool(a) and bool(b) and not (a & b)


def _first_name(name: str) -> str:
    """The first name of a full name ("pranab" in "Pranab Mukherjee"), or "" when
    there is none or only an initial."""
    toks = name.split()
    if len(toks) < 2 or len(toks[0].strip(".")) <= 1:
        return ""
    return toks[0].lower()


_BARE_ACRONYM = re.compile(r"(?:[Tt]he\s+)?([A-Z][A-Z&]{1,7})")


def _other_gender(pronoun: str, name: str) -> bool:
    """Does ``name``'s first name belong to the other gender than ``pronoun`` ("she"
    for Spike Cohen)? Only a name the reference data is sure of counts
    (:func:`kit.gender.name_gender`); an unknown or shared name never excludes."""
    if pronoun not in ("he", "she") or " " not in (name or "").strip():
        return False
    return _first_name_gender(name) == ("male" if pronoun == "she" else "female")


def _first_name_gender(name: str) -> str:
    """The gender the first name in ``name`` surely gives, past words that are no
    first name ("Podcaster Spike Cohen": Spike); else "unknown"."""
    for token in name.split()[:-1]:
        gender, evidence = name_gender(token)
        if gender != "unknown" or "both genders" in evidence:
            return gender
    return "unknown"


def _named_org(np: _NP) -> bool:
    """A named organisation, not a guess ("the Georgian Tennis Federation")."""
    return np.kind == "institutional" and np.name[:1].isupper() and not np.guess


class _Registry:
    def __init__(self) -> None:
        self.sources: list[_Source] = []
        self.recent: list[_Source] = []  # most recent citation last
        self.pending: list[_Source] = []  # the sources cited so far in the current sentence
        self.text, self.pos = "", 0      # the masked text and where the current sentence starts
        self.leads: list[list] = []      # [sentence number, paragraph, opening words, parsed]
        self.seq, self.cited_seq = 0, -1
        self.names: dict[str, str] = {}

    def _lead(self, entry: list) -> _NP | None:
        if entry[3] is None:
            entry[3] = _parse_np(entry[2], self.names) or False
        return entry[3] or None

    def _last_lead(self, paragraph: int, accept) -> _NP | None:
        """The phrase at the head of the latest sentence since the last citation (in
        this paragraph or the one before) that ``accept`` takes."""
        for entry in reversed(self.leads):
            if entry[0] <= self.cited_seq or entry[1] < paragraph - 1:
                return None
            np = self._lead(entry)
            if np is not None and accept(np):
                return np
        return None

    def last_mention(self, paragraph: int, pronoun: str = "") -> _NP | None:
        """The person named at the head of the latest sentence since the last citation
        (for "she" not a man's first name, for "he" not a woman's)."""
        return self._last_lead(paragraph, lambda np: np.kind == "named" and not _other_gender(pronoun, np.name))

    def _gendered_mention(self, pronoun: str) -> _NP | None:
        """For "she" or "he" that nothing above resolves: the person named last in the
        text before it whose first name is surely of that gender ("Tom Reed met Ana
        Ruiz on Monday. She said ...")."""
        if pronoun not in ("he", "she"):
            return None
        window = self.text[max(0, self.pos - 1500):self.pos]
        best, at = None, -1
        for full in set(self.names.values()):
            i = window.rfind(full)
            if i > at and _first_name_gender(full) == ("female" if pronoun == "she" else "male"):
                best, at = full, i
        if best is None:
            return None
        return _NP("named", best, name=best, head=best.split()[-1].strip(".,’'").lower())

    def last_org_mention(self, paragraph: int) -> _NP | None:
        """The organisation named at the head of the latest sentence since the last
        citation: "it" in "The federation released a statement. It said ..."."""
        return self._last_lead(paragraph, _named_org)

    def last_org(self) -> _NP | None:
        """The organisation named at the head of a recent sentence."""
        for entry in reversed(self.leads[-30:]):
            np = self._lead(entry)
            if np is not None and _named_org(np):
                return np
        return None

    def _find(self, np: _NP) -> _Source | None:
        if np.kind == "named":
            first = _first_name(np.name)
            for s in self.sources:
                if s.kind == "named" and s.head == np.head and (
                        not first or not _first_name(s.name) or _first_name(s.name) == first):
                    return s  # not "Sharmistha Mukherjee" into "Pranab Mukherjee"
            full = (np.name or np.speaker).lower()
            for s in self.sources:
                if s.kind == "institutional" and s.key == full:
                    return s  # "Cyprus Mail reported" after "the Cyprus Mail": an organisation
            return None
        if np.kind == "institutional":
            key = (np.name or np.speaker).lower().removeprefix("the ").strip()
            if np.name:
                for s in self.sources:
                    if s.kind == "named" and s.name.lower() == key:
                        s.kind, s.key = "institutional", key  # "the Cyprus Mail" after "Cyprus Mail reported"
                        return s
            for s in self.sources:
                if s.kind == "institutional" and np.name and " " not in key and s.key.startswith(key + " "):
                    return s  # "Halvorsen" after "Halvorsen Motors"
            words = set(key.split())
            for s in self.sources:
                if s.kind == "institutional" and np.name and s.name[:1].isupper() and len(words) >= 1 \
                        and s.head == np.head and (words <= set(s.key.split()) or set(s.key.split()) <= words):
                    return s  # "The Telegraph" and "The Daily Telegraph"
            for s in self.sources:
                if s.kind == "institutional" and (s.key == key or key in s.aliases or (
                        not np.name and s.head == np.head and not _other_modifiers(np.speaker, s.mention))):
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
            if s.kind == "anonymous" and s.head == np.head and s.plural == np.plural and \
                    not _other_modifiers(np.speaker, s.mention):
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
            if context.rstrip().endswith(_OTHER_ROLE) and not any(mod in _OTHER_ROLE for mod in modifiers):
                continue  # "the president" is not "Vice President Joe Biden"
            person = [t for t in m.group(1).split() if t.lower().strip(".") not in _lexicon().titles]
            if len(person) == 1 and re.search(r"[’']s$", person[0]):
                # "President Trump's diagnosis": the surname of a person named in full earlier
                full = self.names.get(person[0][:-2].lower())
                person = full.split() if full else person
            if len(person) >= 2:
                return _NP("named", m.group(1), name=" ".join(person), head=person[-1].strip(".,’'").lower())
        return None

    def resolve(self, np: _NP, paragraph: int, anonymous_flag: bool) -> _Source | None:
        if np.kind == "pronoun":
            want = _PRONOUNS[np.head]
            mention = self.last_mention(paragraph, np.head) if want == "person" else \
                self.last_org_mention(paragraph) if want == "institution" else None
            if mention is not None:
                return self.resolve(mention, paragraph, False)
            for s in reversed(self.recent + self.pending):
                if want == "person" and (s.kind == "named" or (s.kind == "anonymous" and not s.plural)) and \
                        not (s.kind == "named" and _other_gender(np.head, s.name)):
                    return s
                if want == "institution" and s.kind == "institutional":
                    return s
                if want == "any" and (s.plural or s.kind == "institutional"):
                    return s
            if want == "any" and (self.recent or self.pending):
                return (self.recent + self.pending)[-1]
            named = self._gendered_mention(np.head)
            return self.resolve(named, paragraph, False) if named is not None else None
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
        if found is None and np.kind == "institutional" and np.guess and " " not in np.speaker.strip():
            # "Hardeep also stated" after "Hardeep Singh Puri said": a cited person's first name
            for s in reversed(self.sources):
                if s.kind == "named" and np.speaker.strip() in s.name.split()[:-1]:
                    found = s
                    break
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
                # "The Department of Parks (DoP)": the source is the body, its acronym an alias
                src.speaker = _TRAILING_ACRONYM.sub("", src.speaker) or src.speaker
            caps = [w[0] for w in (np.name or np.speaker).split() if w[:1].isupper()]
            if len(caps) >= 2:
                src.aliases.add("".join(caps).lower())
            bare = _BARE_ACRONYM.fullmatch(np.speaker.strip())
            if bare:
                # "WHO said" after "the World Health Organization (WHO) raised ...": the
                # body as first named; its acronym an alias
                defined = re.search(r"((?:[Tt]he\s+)?[A-Z][\w&.’'-]*(?:\s+(?:(?:of|for|and|on|the|de|du)\s+)*"
                                    r"[A-Z][\w&.’'-]*){1,9})\s*\(\s*" + re.escape(bare.group(1)) + r"\s*\)",
                                    self.text[:self.pos])
                if defined:
                    src.speaker = src.name = defined.group(1)
                    src.key = defined.group(1).lower().removeprefix("the ").strip()
                    src.aliases.add(bare.group(1).lower())
        self.sources.append(src)
        return src

