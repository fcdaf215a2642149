"""Reading a phrase as a source, and its kind.

:func:`_parse_np` reads a noun phrase ("Dr. Ana Ruiz", "a senior official who ...",
"the Defense Ministry", "she") as a source and says what it is: ``named`` (a
person identified by name), ``anonymous`` (an unnamed person or vague group),
``institutional`` (a named organisation, body, company or document), a pronoun, or
the reporter. :func:`head_key` gives a speaker's head word (surname or head noun),
used to merge mentions and to score against labels.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kit.sourcing import gazetteer
from kit.sourcing.gazetteer import is_first_name, is_place
from kit.sourcing.lexicon import _DETERMINERS, _DOCUMENT_HEADS, _GENERIC_MODIFIERS, _PRONOUNS, _STATEMENT_WORDS, \
    _VAGUE_OUTLETS, _lexicon

#: Words that make a description point at one thing ("the study", "its report").
_DEFINITE = frozenset(("the", "this", "that", "these", "those", "its", "his", "her", "their", "our"))

#: The kinds of source, in display order.
KINDS = ("named", "anonymous", "institutional")

#: Colours used by :func:`kit.sourcing.highlight_sources` (and the notebook's charts).
KIND_COLOURS = {"named": "#4c72b0", "anonymous": "#dd8452", "institutional": "#55a868"}


_PARTICLE_NAME = r"(?:al|el|ad|ar|as|at|bin|ibn|abu|da|de|di|du|van|von|le|la)-[A-Z][\w’'.-]*"
_NAME_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))
_PARTICLE_RE = re.compile(_PARTICLE_NAME)
_NAME_TOKEN = rf"(?:[A-Z][\w’'.&-]*|{_PARTICLE_NAME}|\d+|de|da|del|della|di|van|von|der|den|la|le|bin|al|ibn|du|dos|y|of|for|and|on|in|the)(?!\w)"
_NAME_RE = re.compile(rf"(?:the\s+|The\s+)?[A-Z][\w’'.&-]*(?:\s+{_NAME_TOKEN})*")
_CAP_RUN = re.compile(rf"[A-Z][\w’'-]*\.?(?:\s+(?:[A-Z][\w’'-]*\.?|{_PARTICLE_NAME}|"
                      r"(?:de|da|van|von|der|bin|al|la|le|del)\b))*")
_HEAD_CUT = re.compile(
    r",|;|:|\(|\s[-—–]\s|\s(?:who|whose|whom|which|that|familiar|close(?=\s+to\s)|known(?=\s+as\s)|with|at|of|for|from|in|on|by|to|"
    r"speaking|based|involved|working|living|compiled|published|released|issued|obtained|seen|"
    r"conducted|commissioned|prepared|near|inside(?=\s+(?:the|a|an|his|her|its|their|this|that|(?-i:[A-Z])))|outside|among|under|over|after|who's|"
    r"briefed|privy|aware|knowledgeable|interviewed|surveyed|polled|contacted|reached|here|there|"
    r"and|or|as|said|says|told)\s", re.I)
# a reduced relative after the head: "the driver accused of ramming the gate" (searched
# only when one of its words is there: each alternative costs at every word of _HEAD_CUT)
_PARTICIPLE_CUT = re.compile(r"\s(?:accused(?=\s+of\s)|charged(?=\s+with\s)|suspected(?=\s+of\s)|"
                             r"convicted(?=\s+of\s)|filed|submitted)\s", re.I)
_ORDINAL_ADJECTIVES = frozenset(("last", "first", "next", "latest", "final"))


def _head_cut(padded: str) -> re.Match | None:
    """The first cut of :data:`_HEAD_CUT` or :data:`_PARTICIPLE_CUT` in ``padded`` (" " + phrase + " ")."""
    cut = _HEAD_CUT.search(padded)
    while cut is not None and cut.group().strip() == "WHO":
        cut = _HEAD_CUT.search(padded, cut.end() - 1)  # "the WHO": the World Health Organization, no clause
    if "ccused " in padded or "harged " in padded or "uspected " in padded or "onvicted " in padded or \
            " filed " in padded or " submitted " in padded:
        other = _PARTICIPLE_CUT.search(padded)
        if other is not None and (cut is None or other.start() < cut.start()):
            return other
    return cut


_TRAILING_ADVERBIAL = re.compile(
    r"\s+(?:(?:in|on|during|at|via|through)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}"
    r"(?:statement|interview|news conference|press conference|briefing|speech|post|tweet|email|e-mail|"
    r"letter|call|phone call|telephone interview|video|message|release|hearing|meeting|address|debate|"
    r"rally|event|forum|town hall|appearance|roundtable)|during\s+(?-i:[a-zA-Z])|"
    r"(?:on|last|this|late|early|earlier)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"week|month|year|night|morning|evening|afternoon)|on\s+(?:Twitter|Facebook|X|Telegram|Instagram)|"
    r"yesterday|today|online)\b.*$", re.S)
_QUANTITY_OF = re.compile(r"(?:(?:at\s+least|more\s+than|less\s+than|nearly|almost|about|roughly|over)\s+)?"
                          r"(?:(?:a|an|the)\s+(?:number|group|handful|couple|majority|minority|few|dozen|third|quarter|"
                          r"half)|half|two-thirds|three-quarters|dozens|scores|"
                          r"hundreds|thousands|some|many|most|several|one|two|three|four|five|none|all|both|each|"
                          r"(?:a|an)\s+(?:wide\s+|broad\s+)?(?:array|range|host|chorus|slew|raft|variety|coalition)|"
                          r"a\s+series)\s+of\s+", re.I)
_DOCUMENT_BY = re.compile(r"((?:a|an|the)\s+(?:[\w.-]+\s+){0,4}?(?:statement|report|letter|post|tweet|message|memo|"
                          r"interview|speech|filing|release|announcement|video|email|e-mail))\s+(?:by|from|of)\s+(.+)",
                          re.I)
_DOCUMENT_PARTICIPLES = frozenset(("conducted", "commissioned", "compiled", "published", "released", "issued",
                                   "prepared"))
# "early results of exit polls conducted by ...": the results are the polls'
_RESULTS_OF = re.compile(r"(?:(?:the|early|preliminary|initial|final|new|latest|partial)\s+){0,2}results\s+of\s+", re.I)
_ESTIMATES_BY = re.compile(r"(?:(?:the|new|latest|official|recent|earlier)\s+)?(?:estimates?|projections?|forecasts?|"
                           r"calculations?)\s+(?:by|from|of)\s+(.+)", re.I)
_ASIDE = re.compile(r"\s*\((?:and|or|including|mostly|among them|many of them)\s[^()]{1,60}\)")
_SHORT_PARENTHESIS = re.compile(r"\s*\([^()]{1,15}\)")
_PEOPLE_PRONOUN = re.compile(r"(?:others|(?:those|people|voters|respondents)\s+(?:surveyed|polled|asked)|"
                             r"those\s+(?:over|under|aged|older\s+than|younger\s+than|between)\s+\d[\w\s-]{0,20}|"
                             r"those\s+(?:close|closest|familiar|near)\s+(?:to|with)\s+[\w’'-]+(?:\s+[\w’'-]+){0,3})")
# A quantifier standing for people ("Several said", "Many say", "None has said"). In
# "Some reports say" the verb "reports" is a noun: citations.py skips a quantifier
# before a verb that is also a plural noun, and the next verb is read with "Some reports".
_GERUND_CLAUSE = re.compile(r"[A-Za-z][a-z]+ing\s+(?:that|the|a|an|his|her|their|its|this|these|those|it|them)\s|"
                            r"(?:Depending|Speaking|Talking|Writing|Responding|Addressing|Referring|Looking|"
                            r"Commenting|Reacting|Turning|Pointing|Returning|Following|Including|Regarding|"
                            r"Concerning|Judging|Asked|Pressed|Citing)\s")
_CAPITAL_PLURAL = re.compile(r"[A-Z][a-z]+[^s’'\W]s")
_NUMBERS = frozenset(("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
                      "thousands", "scores"))
_SUBJECT_PRONOUNS = frozenset(("he", "she", "they", "we", "i", "you", "it"))
# "a spokesman for House Speaker Paul Ryan", "an aide to Senator Ana Ruiz": the spokesman speaks, unnamed
_AGENT_OF = re.compile(r"(?:a|an|one|another)\s+(?:[\w-]+\s+)?(?:spokesman|spokeswoman|spokesperson|aide|adviser|"
                       r"advisor|lawyer|attorney|representative|assistant|staffer|official|source)\s+(?:for|of|to|with)\s",
                       re.I)
_PARTY_MEMBER = re.compile(r"(?:[Aa]n?|[Aa]nother|[Oo]ne|[Yy]et another)\s+"
                           # "a South Carolina Democrat", "one well-connected Democrat", "a senior Republican"
                           r"(?:(?:[A-Z][\w.’'-]*|[a-z]+(?:-[a-z]+)+|senior|prominent|top|longtime|veteran|leading|"
                           r"influential|former|moderate|conservative|liberal|progressive|young|local|fellow|key|"
                           r"powerful|retired|elected|registered)\s+){0,3}"
                           r"(?:Democrat|Republican|Independent|Tory|Conservative|Liberal|Socialist|Green)")
_PARTY_MEMBERS = re.compile(r"(?:(?:Senate|House|Congressional|congressional|Labour|Tory|moderate|conservative|liberal|"
                            r"progressive|many|some|most|several|other|fellow|leading|prominent|top|senior|"
                            r"Texas|California|Florida|Ohio|Iowa|state|local)\s+){0,2}"
                            r"(?:Democrats|Republicans|Tories|Conservatives|Socialists|Greens|Independents)")
# what may follow a party member: "one Democrat familiar with the talks", "a Republican close to him"
_PARTY_MEMBER_POST = re.compile(r"\s+(?:familiar\s+with|close\s+to|involved\s+in|(?:who|whose)\s|from\s|in\s|on\s|"
                                r"with\s+(?:knowledge|ties|links)|aligned\s+with|allied\s+with|briefed\s+on|"
                                r"working\s+(?:on|for|with)|based\s+in)")
# "the 46-year-old", "a 70-year-old": a person described by age alone
_AGE_NOUN = re.compile(r"(?:[Tt]he|[Aa])\s+(?:[a-z]+\s+)?\d{1,3}-year-old")
# words before a person's name that only describe them
_BEFORE_A_NAME = re.compile(r"\d{1,3}-year-old\s+(?=[A-Z])|(?i:the\s+(?:younger|elder|older)\s+(?=[A-Z]))")
# "Cruz himself said": the reflexive only stresses the subject
_REFLEXIVE = re.compile(r"\s+(?:himself|herself|themselves|itself)$")
_VERBS_OPENING = frozenset(("said", "says", "stated", "added", "wrote", "asked", "continued", "explained", "noted",
                            "recalled", "declared", "quipped", "replied"))
_PREPOSITIONS = frozenset(("for", "but for", "to", "of", "with", "by", "from", "among", "like", "and for"))
QUANTIFIER_PEOPLE = frozenset(("several", "many", "some", "most", "few", "a few", "both", "none", "all",
                               "another"))
_OUTSIDE = re.compile(r"outside\s+(?=[a-z])", re.I)
_TITLED_OF_BODY = re.compile(r"((?:Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Del|Rev|Gen|Col|Lt|Capt|Sgt|Adm|Amb)\.?"
                             r"(?:\s+[A-Z][\w’'-]+){1,3})\s+of\s+(?:the\s+)?"
                             r"[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|of|and|for))*")
_SHARE_OF_PEOPLE = re.compile(
    r"(?:(?:at least|about|nearly|almost|roughly|more than|less than|fewer than|over|under|only|just|some|another|"
    r"an additional|a further|a mere|barely|fully|a full|close to|around)\s+)?"
    r"(?:\d+(?:\.\d+)?\s*(?:percent|per cent|%)|(?:\w+|\d+)\s+(?:in|out of)\s+(?:\w+|\d+)|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety)(?:[\s-]\w+)?\s+percent|"
    # "three-quarters", "a third", "a majority", "majorities in all five", "all but two", "at least 21,000"
    r"(?:a|one|two)[\s-](?:third|quarter|half|fifth)s?|three[\s-](?:quarters|fourths|fifths)|two[\s-]thirds|"
    r"(?:two|four)[\s-]fifths|half|"
    r"(?:a|the)\s+(?:majority|minority|plurality)|majorities|all\s+but\s+(?:one|two|three|four|five|\d+)|"
    r"(?<=\s)\d{1,3}(?:,\d{3})+|(?<=\s)\d{2,3}(?!\d))"
    # not "less than half of what researchers say": a clause, its subject after "what"
    r"(?:\s+(?:of|in)\s+(?!(?:what|which|who|whom|that)\b)(?:the\s+)?[\w\s-]{3,40})?", re.I)
_OUTLET_REPORTER = re.compile(r"(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[A-Z][\w.&’'-]*\s+){1,4}"
                              r"(?:reporter|correspondent|journalist)")
# what follows "reports by", "data from": a named issuer makes the document institutional
_ISSUER_NAMED = re.compile(r"\s*(?:the\s+)?[A-Z]")
_APPROXIMATORS = frozenset(("nearly", "almost", "about", "roughly", "approximately", "virtually", "practically"))


def _issuer_identified(after: str) -> bool:
    """Does ``after`` (the words after "from", "by") open with a uniquely identified
    body in lowercase: "data from the health ministry", "figures from the statistics
    office" (as "the national weather service" is for GOLD_FORMAT.md)?"""
    words = after.split()[:4]
    if not words or words[0].lower() != "the":
        return False
    lex, found = _lexicon(), None
    for w in words[1:]:
        w = w.lower().strip(".,;:")
        if w in _VAGUE_OUTLETS:
            return False
        kind = _noun_kind(w)
        if (kind or ("",))[0] == "institution" or w in lex.institution_words:
            # "the ministry", "the police", "the statistics office"; not "the agencies"
            found = not (kind and kind[1]) or w in lex.nouns_plural_by_nature
        elif found is not None:
            break  # the noun phrase has ended
    return bool(found)


# small words capitalised inside a name make it an organisation's ("Doctors Without
# Borders", "Mothers Against Drunk Driving", "Campaign For Safe Roads")
_NAME_FUNCTION_WORDS = frozenset(("without", "against", "for", "of", "and", "the", "on", "in", "with", "to", "&"))
_HONORIFICS = frozenset(("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady"))
_OF_SPLIT = re.compile(r"\s(?:of|at|from)\s+(?:the\s+)?[A-Z]")
_TITLE_OF_PLACE = re.compile(r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+of\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*?"
                             rf"\s+((?:[A-Z][\w’'.-]+\s+){{1,2}}(?:[A-Z][\w’'.-]+|{_PARTICLE_NAME}))")
_FULL_NAME = re.compile(r"(?:[Tt]he\s+)?[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|of|for|and|on|the|de|du|la))*\s+[A-Z][\w’'.&-]*")
_TRAILING_PERSON = re.compile(rf"([A-Z][\w’'.-]+\s+(?:[A-Z][\w’'-]+|{_PARTICLE_NAME}))$")
_DOC_OF_INSTITUTION = re.compile(r"(?:a|an|the)\s+((?:[a-z-]+\s+)?([a-z-]+))\s+([a-z]+)", re.I)
_ORG_POSSESSIVE_NAME = re.compile(r"(?:[Tt]he\s+)?((?:[A-Z][\w&.-]*\s+){0,5}[A-Z][\w&.-]*['’]s)\s+"
                                  r"((?:[A-Z][\w’'.-]+|de|da|van|von|der|del|la|le)(?:\s+(?:[A-Z][\w’'.-]+|de|da|van|von|der|del|la|le)){1,3})")
#: What a person or body issues and speaks through: "a tweet by the senator", "Trump's tweet said".
_MESSAGE_HEADS = _STATEMENT_WORDS | {"tweet", "post", "video", "email", "e-mail"}
_OWNED_DOCUMENT_HEADS = _DOCUMENT_HEADS | _MESSAGE_HEADS
_OWNERS_DOCUMENT = re.compile(r"((?:[Tt]he\s+)?(?:[A-Z][\w&.-]*\s+){0,5}[A-Z][\w&.-]*)['’]s\s+(?:[a-z-]+\s+){0,2}"
                              r"([a-z-]+)")
_POSSESSIVE_ROLE = re.compile(r".*\S['’]s?\s+(?:[a-z-]+\s+){0,2}([a-z-]+)")
_ROLE_NAME = re.compile(r"(?:.*?\s)?([a-z][\w-]*)\s+((?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*)")


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
    said_as: str = ""       # the words at this mention when they are not the phrase ("who")
    document: bool = False  # speaks through a document ("Estimates by the government show")


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
    if "(" in s:
        s = _SHORT_PARENTHESIS.sub("", s).strip() or s  # "Johns Hopkins University (JHU) data": data
    lex = _lexicon()
    first_part = _split_top(s)[0] if s else s
    toks = [t.strip(".,’'\"“”") for t in first_part.split()]
    toks = [t for t in toks if t and t.lower() not in ("jr", "sr", "ii", "iii", "iv")]
    description = len(toks) >= 2 and toks[0].lower() in _DETERMINERS and toks[1][:1].islower()
    if len(toks) >= 2 and not description and all(t[:1].isupper() for t in toks[-2:]) and not any(
            t.lower() in lex.institution_words or _noun_kind(t) is not None for t in toks[-2:]):
        # "US Special Representative for Iran Brian Hook", "PG&E President and CEO Andy Vesey"
        return toks[-1].lower().removesuffix("’s").removesuffix("'s")
    m = _head_cut(" " + s + " ")
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


def _unknown_capital(word: str, lex) -> bool:
    """A capitalised word that is no title, source noun or institution word: in "Dr
    Meerjady Sabrina Flora" the name starts before "Sabrina"."""
    low = word.lower().strip(".,’'")
    return word[:1].isupper() and low not in lex.titles and _noun_kind(low) is None and \
        low not in lex.institution_words


def _noun_kind(word: str) -> tuple[str, bool] | None:
    w = word.lower().strip(".,’'")
    found = _lexicon().nouns.get(w)
    if found is None and w.startswith(_ROLE_PREFIXES):
        # "co-author", "ex-wife", "vice-chair": the role of the word after the prefix
        found = _lexicon().nouns.get(w.split("-", 1)[1])
    return found


_ROLE_PREFIXES = ("co-", "ex-", "vice-")


# A name after one of these is their object, not the speaker: "a source close to Ana
# Ruiz", "a source inside Downing Street", "the lawyer for Tom Reed"
_NO_ROLE_BEFORE_NAME = frozenset(("of", "for", "in", "from", "at", "on", "the", "inside", "outside", "near",
                                  "within", "to", "by", "with", "among", "under"))


def _role_word(word: str, lex) -> bool:
    """Can ``word`` stand right before a name as its role: a capital ("Parliament"), a
    title, a listed noun or an institution word; not "what" in "with what Melania Trump"."""
    low = word.lower().strip(".,")
    return word[:1].isupper() or low in lex.titles or _noun_kind(low) is not None or low in lex.institution_words


# letters after a person's name that are not an acronym of a body
_POST_NOMINALS = frozenset(("mp", "mep", "mla", "msp", "ms", "am", "td", "qc", "kc", "obe", "mbe", "cbe", "kbe", "dbe",
                            "md", "rn", "phd", "dds", "esq", "jr", "sr", "mpp", "mna", "mhk", "frs", "dl", "jp"))
_ROMAN = re.compile(r"[IVX]+")
_PAREN_SHORT_FORM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")


def _short_form_of(bare: str, s: str) -> bool:
    """Does ``s`` give ``bare`` a short form in parentheses: its initials ("Deutsche
    Welle (DW)", "Notes from Poland (NFP)") or its last word ("... Stardom (Stardom)")?"""
    m = _PAREN_SHORT_FORM.search(s)
    words = re.findall(r"[\w’'-]+", bare)
    if m is None or len(words) < 2:
        return False
    short = m.group(1)
    initials = "".join(w[0] for w in words).upper()
    capital_initials = "".join(w[0] for w in words if w[:1].isupper()).upper()
    return short.upper() in (initials, capital_initials) and short.isupper() or short == words[-1]


def _parse_np(s: str, names: dict[str, str]) -> _NP | None:
    """Read ``s`` as a source noun phrase, or return None."""
    lex = _lexicon()
    s = _TRAILING_ADVERBIAL.sub("", s.strip()).strip(" ,;:—–-\"“”§'‘’")
    opened = s
    s = _strip_openers(s)
    if not s or len(s) > 200 or "§" in s:
        return None  # empty, a clause, or words inside a quote
    low = s.lower()
    if low in QUANTIFIER_PEOPLE and opened[:len(opened) - len(s)].strip().lower() in _PREPOSITIONS:
        return None  # "but for some, the losses ...": the object of a preposition, not a subject
    for contraction in ("’ve", "'ve", "’d", "'d", "’ll", "'ll", "’m", "'m", "’re", "'re"):
        if low.endswith(contraction) and (low[: -len(contraction)] in _PRONOUNS
                                          or low[: -len(contraction)] in ("i", "we", "you")):  # "I'm": the reporter
            low = low[: -len(contraction)]
            s = s[: len(low)]
    if low in _PRONOUNS:
        return _NP("pronoun", s, head=low)
    if low.split(" ", 1)[0] in _SUBJECT_PRONOUNS and " " in low and not any(w[:1].isupper() for w in s.split()[1:]):
        return None  # "they await resolution of legal and zoning": a clause, not a phrase
    before_name = _BEFORE_A_NAME.match(s) if (low[:1].isdigit() and "-year-old " in low[:12]) or \
        low.startswith(("the younger", "the elder", "the older")) else None
    if before_name is not None:
        # "81-year-old Parker Eaton", "the younger Mr. Trump", "the elder Bush": the name
        inner = _parse_np(s[before_name.end():], names)
        if inner is not None and inner.kind == "named":
            inner.speaker = s
            return inner
    if low.endswith(("self", "selves")) and _REFLEXIVE.search(s) and len(s.split()) > 1:
        return _parse_np(_REFLEXIVE.sub("", s), names)  # "Cruz himself said"
    member = _PARTY_MEMBER.match(s) if low.startswith(("a ", "an ", "another ", "one ", "yet ")) else None
    if member and (member.end() == len(s) or _PARTY_MEMBER_POST.match(s, member.end())):
        # "a South Carolina Democrat", "another New Hampshire Republican", "one Democrat
        # familiar with the campaign": one unnamed person
        return _NP("anonymous", s, head=member.group().split()[-1].lower())
    if _PARTY_MEMBERS.fullmatch(s):
        # "Democrats said", "Senate Republicans argued": members of a party, a vague group
        # ("the Liberal Democrats", "the Democratic Party" are the party)
        return _NP("anonymous", s, head=s.split()[-1].lower(), plural=True)
    if "-year-old" in low and _AGE_NOUN.fullmatch(s):
        return _NP("anonymous", s, head=s.split()[-1].lower(), definite=s[:3].lower() == "the")
    if _GERUND_CLAUSE.match(s):
        return None  # "Defending that terrain is squarely within the Biden wheelhouse": a clause

    if _OUTLET_REPORTER.fullmatch(s):
        # "an Al Jazeera reporter": another outlet's journalist, unnamed
        return _NP("anonymous", s, head=low.split()[-1])
    m = _TITLED_OF_BODY.fullmatch(s)
    if m:
        # "Mr. Burman of the Tax Policy Center": the person, described by the body
        person = _parse_np(m.group(1), names)
        if person is not None and person.kind == "named":
            person.speaker = s
            return person
    if low in QUANTIFIER_PEOPLE:
        return _NP("anonymous", s, head=low.split()[-1], plural=low not in ("none",))
    if _OUTSIDE.match(s):
        # "Outside experts said": "outside" is an adjective here, not a preposition
        inner = _parse_np(s[_OUTSIDE.match(s).end():], names)
        if inner is not None and inner.kind in ("anonymous", "institutional"):
            inner.speaker = s
            return inner
    if _PEOPLE_PRONOUN.fullmatch(low):
        # "Others argue", "those surveyed said": unnamed people ("some", "many" are left
        # alone: in "Some reports say" the verb is read as "reports")
        return _NP("anonymous", s, head=low.split()[0], plural=True)
    share = s if _SHARE_OF_PEOPLE.fullmatch(s) else opened.strip(" ,") if _SHARE_OF_PEOPLE.fullmatch(
        opened.strip(" ,")) or _PEOPLE_PRONOUN.fullmatch(opened.strip(" ,").lower()) else None
    if share is not None:
        # "47 percent said", "More than six in 10 said", "at least 21,000 said", "Those over 60 say":
        # respondents of a poll; each share its own group ("Two in three said ..., and nearly three in five said")
        return _NP("anonymous", share, head=re.sub(r"\s+", "-", share.lower()), plural=True)
    m = _QUANTITY_OF.match(s)
    if m and len(s) > m.end():
        # "A number of senators", "one of the organisers": the head is after "of"
        inner = _parse_np(s[m.end():], names)
        if inner is None:
            # "At least half of voters in each state": the head before its post-modifier
            rest = s[m.end():].split()
            cut = next((k for k, w in enumerate(rest) if w.lower() in ("in", "at", "from", "across", "with")), 0)
            inner = _parse_np(" ".join(rest[:cut]), names) if cut else None
        if inner is not None and inner.kind == "anonymous":
            inner.speaker = s
            if m.group().split()[0].lower() in ("one", "each"):
                # "One of the users said": one person, not the group ("Multiple users expressed ...")
                inner.plural = False
            return inner
        rest = re.split(r"\s+(?:who|whose|that|which)\s", s[m.end():])[0]
        inner = _parse_np(rest, names) if inner is None and rest != s[m.end():] else inner
        if inner is not None and inner.guess and _CAPITAL_PLURAL.fullmatch(rest) and not is_place(rest):
            # "a handful of Democrats", "dozens of Britons": people, not the party or the nation
            return _NP("anonymous", s, head=rest.lower(), plural=True)
        if inner is None and (len(s.split()) > 6 or s.split()[-1].lower() in _SUBJECT_PRONOUNS):
            return None  # "One of the many reasons that Trump refuses ... that they": no source after "of"
    m = _DOCUMENT_BY.match(s)
    if m:
        # "a statement by the Presidential Spokesperson Harry Roque": the person speaks
        inner = _parse_np(m.group(2), names)
        if inner is not None and inner.kind == "named" and inner.role:
            return inner
        if inner is not None and inner.kind == "institutional" and not inner.guess and \
                m.group(1).split()[-1].lower() in _STATEMENT_WORDS:
            return inner  # "a statement from the Interior Ministry": the ministry speaks
        if inner is not None and inner.kind in ("anonymous", "named") and \
                m.group(1).split()[-1].lower() in _MESSAGE_HEADS:
            return inner  # "a tweet by the senator": the senator speaks
    m = _RESULTS_OF.match(s) if "results of" in low else None
    if m and len(s) > m.end():
        inner = _parse_np(s[m.end():], names)
        if inner is not None and inner.kind in ("institutional", "anonymous") and inner.head in _DOCUMENT_HEADS:
            inner.speaker = s
            return inner
    m = _OWNERS_DOCUMENT.fullmatch(s) if "s " in s and (s[0].isupper() or low.startswith("the ")) else None
    if m and m.group(2).lower() in _OWNED_DOCUMENT_HEADS:
        # "Stardom's official statement read", "Trump's tweet said": the owner speaks
        inner = _parse_np(m.group(1), names)
        if inner is not None and inner.kind in ("named", "institutional"):
            inner.document = True
            return inner
    m = _ESTIMATES_BY.match(s) if ("estimat" in low or "project" in low or "forecast" in low or "calculation" in low) else None
    if m:
        # "Estimates by the Argentinian government state ...": the government estimates
        inner = _parse_np(m.group(1), names)
        if inner is not None and (inner.kind == "named" or (inner.kind == "institutional" and not inner.guess)):
            inner.document = True
            return inner
    if "(" in s and _ASIDE.search(s):
        # "29 percent (and 43 percent of Republicans)": the subject without its aside
        inner = _parse_np(_ASIDE.sub("", s).strip(), names)
        if inner is not None and inner.kind == "anonymous":
            inner.speaker = s
            return inner
    if "(" in s:
        bare = _SHORT_PARENTHESIS.sub("", s)
        if bare != s and bare.strip():
            # "Member of Parliament (MP) Yvette Cooper", "Sen. Mike Lee (R-Utah)"
            inner = _parse_np(bare, names)
            if inner is not None and inner.kind == "named" and _short_form_of(bare, s):
                # "Notes from Poland (NFP)", "World Wonder Ring Stardom (Stardom)": a
                # short form in parentheses is an organisation's, not a person's
                inner = _NP("institutional", s, name=bare.strip(), head=inner.head)
            if inner is not None:
                inner.speaker = s
                return inner
            after = s[s.rfind(")") + 1:].split()
            if len(after) > 3 and sum(w[:1].islower() for w in after) >= 2:
                return None  # "Sen. Bernie Sanders (I-Vt.) remains committed to ...": a clause
    if s[:1].isupper() and (" of " in s or " at " in s or " from " in s):
        for m in reversed(list(_OF_SPLIT.finditer(s))):
            # "Dr. Jane Roe of University College London", "Yvette Cooper of the Labour Party"
            left = s[:m.start()]
            toks = left.split()
            if len(toks) < 2 or not toks[-1][:1].isupper():
                continue
            person = _parse_np(left, names)
            if person is not None and person.kind == "named" and len(person.name.split()) >= 2 and (
                    person.role or (gazetteer.USE["first_names"] and is_first_name(person.name.split()[0]))
                    or toks[0].lower().strip(".") in lex.titles):
                # the person's own words and the body: not a clause before them ("... was
                # underscored when House Speaker Paul D. Ryan of Wisconsin")
                person.speaker = (person.speaker + s[m.start():]) if left.endswith(person.speaker) else s
                return person
    words0 = s.split()
    if gazetteer.USE["first_names"] and len(words0) >= 3 and words0[0][:1].isupper():
        for k in range(1, len(words0) - 1):
            rest = words0[k:]
            before = words0[:k]
            if is_first_name(rest[0]) and all(w[:1].isupper() for w in rest) and len(rest) <= 4 \
                    and words0[k - 1].lower() not in _NO_ROLE_BEFORE_NAME and not any(
                    w.lower().strip(".,’'") in lex.institution_words for w in rest) and not is_first_name(words0[k - 1]) \
                    and not (_unknown_capital(words0[k - 1], lex) and k >= 2
                             and words0[k - 2].lower().strip(".,") in lex.titles) \
                    and any(w[:1].islower() or w.lower().strip(".,") in lex.titles or _noun_kind(w) is not None
                            or w.lower().strip(".,") in lex.institution_words for w in before):
                # "Member of Parliament Yvette Cooper": a first name starts the person's name
                if not _role_word(words0[k - 1], lex) and words0[k - 1].lower() not in ("and", "or", "&"):
                    # "... with what Melania Trump", "... ago that Michael Bloomberg": the name alone
                    return _NP("named", " ".join(rest), name=" ".join(rest), head=rest[-1].strip(".,’'").lower())
                start = 0
                if k > 4:
                    # "The debate grew so heated that New Jersey Gov. Chris Christie": the role words only
                    start = k
                    while start > 0 and (_role_word(words0[start - 1], lex) or (
                            words0[start - 1].lower() in ("of", "for", "and", "&") and start > 1
                            and _role_word(words0[start - 2], lex))):
                        start -= 1
                return _NP("named", " ".join(words0[start:]), name=" ".join(rest), head=rest[-1].strip(".,’'").lower(),
                           role=words0[k - 1].lower().strip(".,"))
    tail = _TRAILING_PERSON.search(s)
    if tail and tail.start() > 0 and s[: tail.start()].split()[-1].lower() not in _NO_ROLE_BEFORE_NAME \
            and not _AGENT_OF.match(s):
        before = s[: tail.start()].split()[-4:]
        toks = tail.group(1).split()
        roles = [w for w in before if w.lower().strip(".,") in lex.titles or _noun_kind(w) == ("person", False)]
        if roles and not any(t.lower().strip(".,’'") in lex.institution_words or _noun_kind(t) is not None
                             or t.lower().strip(".") in lex.titles for t in toks):
            # "US Special Representative for Iran Brian Hook", "PG&E President and CEO Andy Vesey"
            name = tail.group(1)
            words_all = s.split()
            last_role = max(i for i, w in enumerate(words_all) if w in roles)
            after_role = words_all[last_role + 1:]
            if 2 < len(after_role) <= 4 and all(w[:1].isupper() for w in after_role) and not any(
                    w.lower().strip(".,’'") in lex.institution_words or w.lower().strip(".") in lex.titles
                    for w in after_role):
                name = " ".join(after_role)  # "Minister Hardeep Singh Puri": all three names
            return _NP("named", s, name=name, head=toks[-1].strip(".,’'").lower(),
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
            and (_noun_kind(m.group(2)) or ("",))[0] == "institution" and m.group(2).lower() not in _STATEMENT_WORDS \
            and m.group(2).lower() not in ("press", "news"):
        # "a fire service statement", "a police report": the institution speaks; not "a press release"
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
        cut = _head_cut(" " + s + " ")
        head_phrase = (" " + s + " ")[: cut.start()].strip() if cut else s
    hp_words = head_phrase.split()
    if not hp_words or (len(hp_words) > 7 and cut is not None) or len(hp_words) > 12:
        return None
    clause_cut = cut is not None and cut.group().strip().lower() in ("and", "or", "as", "said", "says", "told")
    if cut is not None and cut.group().strip().lower() in ("and", "or") and (len(hp_words) == 1 or (
            # "Five past and current employees": a number or determiner, then an adjective
            len(hp_words) == 2 and (hp_words[0].lower() in _NUMBERS | _DETERMINERS or hp_words[0].isdigit()))) \
            and all(_noun_kind(w) is None for w in hp_words):
        # "Federal and state officials": an adjective joined to the description that follows
        rest = (" " + s + " ")[cut.end():].strip()
        inner = _parse_np(rest, names) if rest and len(rest.split()) <= 12 else None
        if inner is not None and inner.kind == "anonymous":
            inner.speaker = s
            return inner
    head = hp_words[-1].lower().strip(".,’'")
    for suffix in ("’s", "'s"):
        head = head.removesuffix(suffix)
    if head in lex.not_sources:
        return None
    noun = _noun_kind(head)
    is_name = _NAME_RE.fullmatch(head_phrase) is not None and (
        not hp_words[-1][:1].islower() or _PARTICLE_RE.fullmatch(hp_words[-1]) is not None)
    if noun is not None and (not is_name or first in _DETERMINERS or len(hp_words) == 1
                             or noun[0] == "institution"):
        kind, plural = noun
        if kind == "person" and is_name and len(hp_words) >= 2 and head not in lex.titles \
                and sum(w[:1].isupper() for w in hp_words[1 if first in _DETERMINERS else 0:]) >= 2:
            kind = "institution"  # "the Disease Surveillance Team", "the Red Cross Volunteers"
        elif kind == "person" and is_name and any(
                w.lower() in lex.institution_words and nxt.lower() == "of" for w, nxt in zip(hp_words, hp_words[1:])):
            kind = "institution"  # "the Department of Justice": a body named after its field
        # a modifier that names or identifies the issuer: "FEC filings", "court filings"
        named_in = any(w[:1].isupper() or (w.lower() not in _GENERIC_MODIFIERS and (
            (_noun_kind(w) or ("",))[0] == "institution" or w.lower() in lex.institution_words))
            for w in hp_words[1:-1]) or (
            len(hp_words) > 1 and hp_words[0][:1].isupper() and first not in _DETERMINERS
            and first not in _GENERIC_MODIFIERS) or (
            first not in _DETERMINERS and first not in _GENERIC_MODIFIERS
            and (_noun_kind(first) or ("",))[0] == "institution" and len(hp_words) > 1)
        after_cut = (" " + s + " ")[cut.end():] if cut is not None else ""
        if cut is not None and cut.group().strip().lower() in _DOCUMENT_PARTICIPLES:
            by = re.match(r"(?:by|for)\s+", after_cut)  # "exit polls conducted by Edison Research"
            after_cut = after_cut[by.end():] if by else ""
        issuer = cut is not None and (cut.group().strip().lower() in ("by", "from", "of") or (
            cut.group().strip().lower() in _DOCUMENT_PARTICIPLES and after_cut)) and \
            (_ISSUER_NAMED.match(after_cut) is not None or _issuer_identified(after_cut)) and \
            not is_place(after_cut.strip())
        if head in _DOCUMENT_HEADS and issuer:
            named_in = True  # "data from the World Health Organisation", "reports from Omsk hospital"
        if kind == "institution" and not named_in and (not is_name or len(hp_words) == 1) and (
                head in _VAGUE_OUTLETS or (plural and head not in lex.nouns_plural_by_nature and first not in _DEFINITE
                                           and not head.endswith("ministries")) or (head in _DOCUMENT_HEADS and (
                    plural or (first in ("a", "an") and (cut is None or cut.group().strip().lower() not in (
                        "by", "from", "of", "at", "for", "in", "compiled", "published", "released", "issued",
                        "conducted", "commissioned", "prepared")))))):
            # "state television", "local media"; "earlier studies", "some reports", "polls":
            # no outlet or document is named
            out_kind = "anonymous"
        elif kind == "institution":
            # "the Defense Ministry", "the company", "a report by the agency"
            out_kind = "institutional"
        else:
            out_kind = "anonymous"
        inner = hp_words[2:] if first in _APPROXIMATORS else hp_words[1:]  # "Nearly all legal experts"
        if any(w.lower() in _DETERMINERS for w in inner) and len(hp_words) > 3:
            return None
        # every word of the head phrase but the head must not be a verb-like word
        if any(w.lower() in lex.openers and not (w.lower() in _ORDINAL_ADJECTIVES and first in _DETERMINERS)
               for w in hp_words[1:]) and not (  # "The last man to ...": "last" is an adjective here
                is_name and any(w.lower() in lex.institution_words for w in hp_words)):
            return None  # but "the Department of Justice" (its head a person noun) is a name
        return _NP(out_kind, s, name=head_phrase if is_name and kind == "institution" else "",
                   head=head, plural=plural, definite=first in ("the", "this", "that", "these", "those"))
    if is_name and clause_cut:
        return None  # "Turkey and Greece had earlier had poor relations": a clause, not a source
    if not is_name and 2 <= len(hp_words) <= 4 and (first in _DETERMINERS or first in QUANTIFIER_PEOPLE or first in _NUMBERS) \
            and _CAPITAL_PLURAL.fullmatch(hp_words[-1]) and not is_place(hp_words[-1]) \
            and all(w[:1].islower() for w in hp_words[1:-1]):
        # "several Republicans", "two Democrats", "many prominent Republicans": a vague group
        return _NP("anonymous", s, head=hp_words[-1].lower(), plural=True)
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
            if len(person) == 1 and m.group(1).lower() in lex.titles and not is_place(person[0]):
                # "Turkish president Erdoğan": a titled person known here by one name
                surname = person[0].strip(".,’'")
                return _NP("named", s, name=surname, head=surname.lower(), role=m.group(1).lower())
        return None
    # A name: a person, or an organisation.
    toks = [t for t in head_phrase.split() if t.lower() != "the"]
    if any(t[:1].islower() and t.lower() not in ("de", "da", "del", "della", "di", "van", "von", "der", "den",
                                                  "la", "le", "bin", "al", "ibn", "du", "dos", "y")
           and not _PARTICLE_RE.fullmatch(t) for t in toks):
        # "Ministry of Health", "Organization for Security and ..." contain small words
        if not any(t.lower().strip(".,") in lex.institution_words for t in toks):
            return None
    if toks and toks[0].lower().strip(".") in lex.openers:
        return None
    lowered = [t.lower().strip(".,’'").removesuffix("’s").removesuffix("'s") for t in toks]
    has_institution_word = any(t in lex.institution_words for t in lowered) or \
        " ".join(lowered) in lex.institution_words or " ".join(lowered) in lex.news_outlets  # "Deutsche Welle"
    acronym = len(toks) == 1 and len(toks[0]) >= 2 and toks[0].isupper() and "." not in toks[0]
    if len(toks) >= 2 and len(toks[-1]) >= 2 and toks[-1].isalpha() and toks[-1].isupper() and \
            lowered[-1] not in _POST_NOMINALS and not _ROMAN.fullmatch(toks[-1]):
        acronym = True  # "Belarusian KGB", "the Russian FSB": a body's acronym ends the name; not "John Smith III"
    inner_function_word = any(t[:1].isupper() and lo in _NAME_FUNCTION_WORDS for t, lo in zip(toks[1:], lowered[1:]))
    if has_institution_word or acronym or inner_function_word or (
            first == "the" and not any(t in lex.titles for t in lowered)):
        return _NP("institutional", s, name=head_phrase, head=lowered[-1] if lowered else "")
    if first in _DETERMINERS and first != "the" and len(toks) == 2 and lowered[1].endswith("s") and \
            not lowered[1].endswith("ss"):
        # "Other Republicans", "Many Britons": a vague group
        return _NP("anonymous", s, head=lowered[1], plural=True)
    if first in _DETERMINERS and first != "the" and all(t in lex.titles or _noun_kind(t) for t in lowered[1:]):
        # "One MP", "Two senators": a description, not a name
        return _NP("anonymous", s, head=lowered[-1], plural=len(lowered) > 1 and lowered[0] != "one")
    person = [t for t, lo in zip(toks, lowered) if lo not in lex.titles]
    titled = len(person) < len(toks)
    if not person and len(toks) >= 2 and lowered[0] in _HONORIFICS:
        person = toks[1:]  # "Mr. King": a surname that is also a title
    if not person:
        return None
    surname = person[-1].strip(".,’'")
    if surname.lower() in _NAME_SUFFIXES and len(person) >= 3:
        surname = person[-2].strip(".,’'")  # "Robert Downey Jr.": Downey
    if not titled and gazetteer.USE["places"] and surname.lower() not in names and is_place(" ".join(toks)):
        # "Turkey said", "Los Angeles announced": a place speaks as its government
        return _NP("institutional", s, name=head_phrase, head=lowered[-1])
    if titled and first == "the" and gazetteer.USE["first_names"] and not any(
            is_first_name(t.strip(".,’'")) for t in person) and lowered[-1] not in lex.titles:
        # "the Canadian Public Health Infobase": a title word inside an organisation's name
        return _NP("institutional", s, name=head_phrase, head=lowered[-1])
    if titled and len(person) == 1 and surname.lower() not in names:
        for full in names.values():
            if full.split()[0] == surname and len(full.split()) >= 2:
                # "According to Dr Meerjady" after "Dr Meerjady Sabrina Flora"
                return _NP("named", s, name=full, head=full.split()[-1].lower(),
                           role=next((lo for lo in lowered if lo in lex.titles), ""))
    if len(person) == 2 and _noun_kind(person[0]) == ("person", False) and person[1].lower().strip(".,’'") in names:
        # "Director Rebic" after "Police director Vladimir Rebic": a role word, then the surname
        surname = person[1].strip(".,’'")
        return _NP("named", s, name=names[surname.lower()], head=surname.lower(), role=person[0].lower())
    if len(person) >= 2 or titled:
        role = next((lo for lo in lowered if lo in lex.titles), "") if titled else ""
        return _NP("named", s, name=" ".join(person), head=surname.lower(), role=role)
    full = names.get(surname.lower())
    if full:
        return _NP("named", s, name=full, head=surname.lower())
    if len(person) == 1:
        for full in names.values():
            if full.split()[0] == surname and len(full.split()) >= 2:
                # "Hardeep said" after "Hardeep Singh Puri": a first name used alone
                return _NP("named", s, name=full, head=full.split()[-1].lower())
    return _NP("institutional", s, name=s, head=surname.lower(), guess=True)


def _known_names(text: str) -> dict[str, str]:
    """Surname -> first full name ("tabalov" -> "Alexei Tabalov") for every run of two
    or more capitalised words in ``text`` that looks like a person's name."""
    lex = _lexicon()
    out: dict[str, str] = {}
    for m in _CAP_RUN.finditer(text):
        g = m.group()
        if " " not in g and "\n" not in g:
            continue  # one word: no full name
        # a run never crosses a sentence's end ("... the Turkish EEZ. Turkey said")
        pieces = []
        for line in m.group().split("\n"):
            cur = []
            for t in line.split():
                cur.append(t)
                if t.endswith(".") and len(t) > 2 and t.lower().rstrip(".") not in lex.titles:
                    pieces.append(cur)
                    cur = []
            pieces.append(cur)
        for toks in pieces:
            if len(toks) > 1 and toks[0].lower() in _VERBS_OPENING:
                toks = toks[1:]  # "Stated Stone: ...", "Said Ellis: ...": a verb, then the name
            _add_name(toks, out, lex)
    return out


def _person_part(toks: list[str]) -> list[str]:
    """The person's name inside a run of capitalised words: "Joe Biden" in "United
    States Joe Biden", "Tulsi Gabbard" in "U.S. Tulsi Gabbard" (a place before the
    name, or a first name inside it, starts the name)."""
    if len(toks) <= 2:
        return toks
    if gazetteer.USE["places"]:
        for k in range(len(toks) - 2, 0, -1):
            if is_place(" ".join(toks[:k])):
                return toks[k:]
    if gazetteer.USE["first_names"]:
        for k in range(1, len(toks) - 1):
            if is_first_name(toks[k]) and not is_first_name(toks[k - 1]) and toks[k][:1].isupper():
                return toks[k:]
    return toks


def _add_name(toks: list[str], out: dict[str, str], lex) -> None:
    toks = [t for t in toks if t.lower().strip(".") not in lex.titles]
    while toks and toks[0].lower() in lex.openers:
        toks = toks[1:]
    toks = _person_part(toks)
    if len(toks) < 2 or any(t.lower().strip(".,’'") in lex.institution_words for t in toks):
        return
    surname = toks[-1].strip(".,’'").removesuffix("’s").removesuffix("'s")
    if gazetteer.USE["places"] and is_place(" ".join(toks[:-1] + [surname])):
        return  # "Los Angeles" names no one called Angeles
    if surname.lower() in _NAME_SUFFIXES and len(toks) >= 3:
        # "Robert Downey Jr.": known as Downey
        out.setdefault(toks[-2].strip(".,’'").lower(), " ".join(toks[:-1] + [toks[-1].rstrip(",")]))
        return
    out.setdefault(surname.lower(), " ".join(toks[:-1] + [surname]))



def _split_top(s: str) -> list[str]:
    """Split on commas outside parentheses."""
    parts, depth, last = [], 0, 0
    for i, ch in enumerate(s):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0 and not (0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit()):
            parts.append(s[last:i])  # not inside a number: "at least 21,000 said"
            last = i + 1
    parts.append(s[last:])
    return _join_listed_names([p.strip() for p in parts if p.strip()])


_OF_CAPITAL = re.compile(r"\b([A-Za-z]+)\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*$")
_CAPITAL_WORDS = re.compile(r"[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*$")
_CAPITAL_AND = re.compile(r"[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*\s+(?:and|&)\s+[A-Z][\w’'&-]*"
                          r"(?:\s+[A-Z][\w’'&-]*)*(?:\s+\([A-Z][A-Za-z&]{1,9}\))?$")


def _join_listed_names(parts: list[str]) -> list[str]:
    """Join an organisation's name that lists its fields with commas: "the Institute
    of Geology", "Mining and Metallurgy" -> "the Institute of Geology, Mining and
    Metallurgy". The part before the commas must end in an institution word with "of"
    or "for" and a capitalised field; the list must end with "and" and a capital."""
    if len(parts) < 2:
        return parts
    out = [parts[0]]
    i = 1
    while i < len(parts):
        m = _OF_CAPITAL.search(out[-1])
        if m and m.group(1).lower() in _lexicon().institution_words:
            j = i
            while j < len(parts) and _CAPITAL_WORDS.fullmatch(parts[j]) and not _CAPITAL_AND.fullmatch(parts[j]):
                j += 1
            if j < len(parts) and j - i <= 3 and _CAPITAL_AND.fullmatch(parts[j]):
                out[-1] = ", ".join([out[-1], *parts[i:j + 1]])
                i = j + 1
                continue
        out.append(parts[i])
        i += 1
    return out



_ANY_DOCUMENT_BY = re.compile(r"(?:(?:a|an|the|his|her|its|their)\s+)?(?:[\w.’'-]+\s+){0,4}?[\w’'-]+\s+"
                              r"(?:by|from|of)\s+(.+)")
_ONES_OWN_ACCOUNTS = frozenset(("account", "accounts", "version", "recollection", "telling", "words", "testimony",
                                "memoir", "memoirs", "book", "diary", "notes", "tally", "count", "estimate", "estimates",
                                "calculations", "figures", "records", "aides", "advisers", "lawyers", "lawyer"))
_NOT_A_SOURCE_AFTER_ACCORDING = frozenset(("plan", "plans", "schedule", "tradition", "custom"))


def _fallback_np(s: str, names: dict[str, str]) -> _NP | None:
    """After "according to", whatever is named speaks, even when :func:`_parse_np`
    does not know its head noun: "a Pentagon readout", "a count by The Associated
    Press" (the issuer), "the state Division of Gaming Enforcement", "recent polls".
    A description naming something is institutional; a vague one anonymous."""
    lex = _lexicon()
    s = s.strip(" ,;:—–-\"“”")
    words = s.split()
    if not words or len(words) > 14 or s.lower() in _NOT_A_SOURCE_AFTER_ACCORDING:
        return None
    m = _ANY_DOCUMENT_BY.fullmatch(s)
    if m:
        inner = _parse_np(m.group(1), names)
        if inner is not None and inner.kind in ("named", "institutional") and not inner.guess:
            return inner
    cut = _head_cut(" " + s + " ")
    head_phrase = (" " + s + " ")[: cut.start()].strip() if cut else s
    hp = head_phrase.split()
    if not hp or len(hp) > 7:
        return None
    head = hp[-1].lower().strip(".,’'").removesuffix("’s").removesuffix("'s")
    if head in lex.not_sources or head in _PRONOUNS:
        return None
    first = hp[0].lower()
    named = any(w[:1].isupper() for w in s.split()) or any(
        w.lower().strip(".,") in lex.institution_words for w in s.split())
    if not named and first in ("his", "her", "their", "its", "our", "my", "your") and \
            head not in _DOCUMENT_HEADS and head not in _ONES_OWN_ACCOUNTS:
        return None  # "according to their instinctive preference", "his wishes"; not "her account"
    if named or first in _DEFINITE:
        return _NP("institutional", head_phrase, name=head_phrase if named else "", head=head,
                   definite=first in _DEFINITE)
    return _NP("anonymous", head_phrase, head=head, plural=head.endswith("s"))
