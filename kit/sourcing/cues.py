"""Cues: the reporting verbs, participles and anonymity phrases of a text.

:class:`_Hits` finds every reporting verb, participle and anonymity trigger of an
article in one pass each; the per-sentence stage looks them up by offset.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from kit.sourcing.gazetteer import is_place
from kit.sourcing.lexicon import PREPOSITIONS_BEFORE_PARTICIPLE, _Lexicon, _lexicon
from kit.text import token_before


_CLAUSE_BREAK = re.compile(r'[”"»;—–]|:\s|\s--?\s')  # not the colon of "5:17 p.m."
_REASON = re.compile(r"\s*,?\s*((?:because|as|since|for fear|fearing|citing|due to|given)\b[^.;:,\"“”]*"
                     r"|(?:to (?:discuss|speak|talk|describe|share|comment|reveal)\b[^.;:,\"“”]*))", re.I)


# Cheap first pass: only sentences holding one of these strings are searched with the
# full anonymity patterns (every pattern in anonymity_phrases.txt contains one: "name"
# stands for "named" and "names", "authori" for "authorized" and "authorised"). Found
# with str.find, which is several times faster here than one regular expression of
# the alternatives tried at every character; a superset costs only a full search.
_ANONYMITY_TRIGGERS = ("anonym", "name", "identified", "authori", "familiar", "close", "knowledge", "briefed")


def _find_all(text: str, words: tuple[str, ...]) -> list[int]:
    """The sorted start offsets of every occurrence of each of ``words`` in ``text``."""
    out: list[int] = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            out.append(i)
            i = text.find(w, i + 1)
    out.sort()
    return out


_PREP_BEFORE = frozenset(PREPOSITIONS_BEFORE_PARTICIPLE)
_PREP_LONGEST = max(map(len, _PREP_BEFORE))


def _after_preposition(low: str, words: tuple[str, ...]) -> list[int]:
    """Starts of each of ``words`` after one of ``_PREP_BEFORE`` ("by saying", "upon
    telling"): what ``lex.prep_participle_re`` finds, read with ``str.find`` (a search
    of that pattern at every character cost 8 % of the sourcing time)."""
    out: list[int] = []
    n = len(low)
    for w in words:
        i = low.find(w)
        while i >= 0:
            e = i + len(w)
            if (e == n or not (low[e].isalnum() or low[e] in "_-")) and i and low[i - 1].isspace():
                j = i - 1
                while j > 0 and low[j - 1].isspace():
                    j -= 1
                k = j
                while k > 0 and j - k < _PREP_LONGEST and low[k - 1].isalpha():
                    k -= 1
                if low[k:j] in _PREP_BEFORE and not (k and (low[k - 1].isalnum() or low[k - 1] in "_-")):
                    out.append(i)
            i = low.find(w, i + 1)
    return out


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
        comma, curly, straight, dash = lex.participle_scans
        part = [m.start(1) for m in comma.finditer(low_masked)]
        part += [m.start(1) for scan in (curly, straight) for m in scan.finditer(low_masked)
                 if m.start() and low_masked[m.start() - 1] == "§"]  # a quote's closing mark
        if "-" in low_masked or "—" in low_masked or "–" in low_masked:
            part += [m.start(1) for m in dash.finditer(low_masked)
                     if m.start() and low_masked[m.start() - 1].isspace()]  # a dash between spaces
        self._part = sorted(part + _after_preposition(low_masked, lex.prep_participles))
        self._anon = _find_all(low_text, _ANONYMITY_TRIGGERS)

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




_STATEMENT_SAYING = re.compile(r"(?:issued|released|put out|posted|published)\s+(?:a|an)\s+(?:\w+\s+)?statement\s+"
                               r"(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
                               r"yesterday|earlier|later)\s+)?(saying|stating)\b")
_PERSONAL = re.compile(r"\b(?:his|her|he|she|himself|herself)\b")
# "called it "a retrograde step"", "called Trump a liar", "called the plan reckless"
_CALLED_QUOTE = re.compile(r"\s+(?:it|them|this|that|him|her|(?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep)\.\s+)?[A-Z][\w’'-]+"
                           r"(?:\s+[A-Z][\w’'-]+)?|(?:the|a|an|his|her|their|its)\s+[\w-]+"
                           r"(?:\s+(?!(?:on|in|at|to|for|with|from|by|into|after)\b)[\w-]+)?)"
                           r"\s+(?:[\"“§]|''|'§|(?:a|an|the|his|her|their|its)\s|[\w-]+(?:ous|ful|able|ible|ic|al|ive|ent|"
                           r"ant|less|ist|ous|ish|ary|ory|id|ile)\b)")
# "called the DNC's suspension "arbitrary."", "called Trump's statements on Sunday "childish."", what X called
# "a perception problem": a quotation opens in the verb's clause
# ('' quotes are masked to '§...§': their second apostrophe is inside)
_CALLED_QUOTED = re.compile(r"(?:\s+[^.;:!?\"“”§]{1,90}?)?\s*(?:(?:[\"“‘]|'')[§\s]|'§)")
# "called her vote in favor of the Iraq War a mistake", "called the move an outrage": an object, then its label
_CALLED_LABEL = re.compile(r"\s+(?:the|his|her|their|its|our|my|this|that|these|those|[A-Z][\w’'-]*)\s"
                           r"[^.;:!?\"“”§,]{0,70}?(?<!\bon)(?<!\bin)(?<!\bat)(?<!\bto)(?<!\bfor)(?<!\bwith)(?<!\bfrom)"
                           r"(?<!\bby)(?<!\binto)(?<!\bafter)(?<!\bas)(?<!\bof)(?<!\bunder)(?<!\bover)"
                           r"\s(?:a|an)\s(?!day\b|end\b|halt\b|hour\b|meeting\b|vote\b|press\b|"
                           r"news\b|election\b|strike\b|emergency\b|session\b|truce\b|ceasefire\b)[a-z]")


def _called_cites(masked: str, ve: int) -> bool:
    """Is "called" (ending at ``ve``) a statement here: an object and its label or a
    quotation ("called it "a step back"", "called the move an outrage"), not a call
    ("called police", "called a press conference")?"""
    return any(p.match(masked, ve) for p in (_CALLED_QUOTE, _CALLED_QUOTED, _CALLED_LABEL))


# "..., with prosecutors telling jurors that", "with the next country, the United Kingdom,
# reporting 37,542 deaths" (the name in the appositive speaks)
_WITH_PARTICIPLE = re.compile(r"\bwith\s+((?:[\w’'.-]+\s+){0,7}?[\w’'-]+)(?:,\s+((?:[\w’'.-]+\s+){0,4}?[\w’'.-]+),)?"
                              r"\s+(saying|telling|arguing|warning|noting|insisting|claiming|reporting|stating|"
                              r"announcing|estimating|calling|asking|urging|accusing|blaming|describing|predicting|"
                              r"praising|criticizing|criticising|tweeting|writing)\b")
_QUOTED_AS = re.compile(r"\bquoted\s+(.{3,160}?)\s+as\s+(?:saying|telling|writing)\b")


_TO_VERB = re.compile(r"\s+(?:not\s+)?to\s")
# '"...," Kelly charged in her question': a capitalised subject right after a quote
_NAME_AFTER_QUOTE = re.compile(r"[§,.!?][”\"']\s+(?:[A-Z][\w.’'-]*\s+){1,4}$")
# ... and no object after the verb, only its circumstances ("charged in her question")
_CIRCUMSTANCE_NEXT = re.compile(r"\s+(?:in|on|at|during|after|before|when|while|last|this|yesterday|today|later|"
                                r"earlier|again|afterwards?|from|via)\b")
# '"This is fantastic!" gushed Donald Hartley': the verb right after a quote's end
_RIGHT_AFTER_QUOTE = re.compile(r"§[\"”’'],?\s*$")
_POSTED_THING = re.compile(r"\s+(?:(?:a|an|the|his|her|their|its|two|three|several|new)\s+)?(?:[\w-]+\s+)?"
                           r"(?:photos?|pictures?|videos?|images?|clips?|footage|selfies?|bail|bond|loss|losses|"
                           r"profits?|gains?|record|times?)\b", re.I)
_ADMITTED_TO = re.compile(r"\s+to\s+(?:(?:a|an|the)\s+)?(?:hospital|intensive\s+care|(?:[A-Z][\w.’'-]*\s+){1,4}"
                          r"(?:Academy|University|College|Society|Hospital|Bar|Hall\s+of\s+Fame|Clinic|Institute)\b)")
_REPORTED_ON = re.compile(r"\s+(?:extensively|regularly|frequently|often|mostly|widely)\s+(?:on|about|from)\b")
_CAPITAL_BEFORE = re.compile(r"\b([A-Z][\w.]*)\s+$")
_PLEDGED_TO_NAME = re.compile(r"\s+to\s+(?:the\s+)?[A-Z]")
_NOUN_ADJECTIVES = frozenset(("earlier", "recent", "latest", "own", "repeated", "initial", "previous", "public",
                              "campaign", "first", "last", "new", "original", "widely", "unfounded", "false"))
_QUOTE_NEXT = re.compile(r"\s*[,:]?\s*[\"“‘']")
_SPEECH_NEXT = re.compile(r"\s*(?:[,.:;\"“”§]|that\b|$)")
_TOKEN_CHARS = re.compile(r"[\w.’'-]+")
_WORD_AFTER = re.compile(r"\s*([\w’'-]+)")
_POSSESSIVE_ENDINGS = ("his", "her", "their", "its", "our", "my", "your", "the", "these", "those", "such",
                       "whose", "'s", "’s", "s'", "s’", "amendment")
_ADJECTIVE_BEFORE = frozenset(("a", "an", "the", "most", "more", "less", "least", "this", "these", "those",
                               "widely", "newly", "previously", "recently", "allegedly", "so-called"))
_VERB_ADVERBS = frozenset(("widely", "newly", "previously", "recently", "allegedly"))
# words before "newly reported" that make it an adjective phrase ("of newly reported cases")
_BEFORE_AN_ADJECTIVE = frozenset(("of", "in", "for", "with", "on", "at", "by", "from", "to", "into", "his", "her",
                                  "their", "its", "our", "my", "your", "and", "or", "than", "as", "two", "three",
                                  "several", "many", "some", "any", "no", "all", "other", "new"))
_AUXILIARIES = frozenset(("had", "has", "have", "having", "also", "was", "were", "is", "are", "been"))
_SUBORDINATE_SUBJECT = re.compile(r"\b(?:because|since|as|if|although|though|when|while|unless|what|who|that|"
                                  r"whether)\s+(?:\w+\s+){0,2}$", re.I)
_CONTRACTIONS = frozenset(w + e for w in ("he", "she", "it", "that", "who", "there", "what") for e in ("'s", "’s"))
# an "as" complement in the verb's clause: "dismissed the claim from Berlin as groundless"
_AS_COMPLEMENT = re.compile(r"[^.;:!?\"“”§]{0,80}?(?<!\sknown)(?<!\ssuch)(?<!\ssame)\sas\s")
_DECLARED_OBJECT = re.compile(r"(?:\s+[\w’'-]+){1,9}")
# "reported from Kabul." with no clause after it: the reporter's credit line
_REPORTED_FROM = re.compile(r"\s+from\s+[A-Z](?:(?!\bthat\b|[\"“§])[^.;:]|\.(?=[^\s]))*(?:\.(?=\s|$)|$)")
_REFLEXIVES = frozenset(("himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"))
_BY_DOING = re.compile(r"(?:\s+\w+ly)?\s+by\s+\w+ing\b")
_PASSIVE_AUX = frozenset(("was", "were", "been", "being", "is", "are", "be"))
_PASSIVE_ADVERBS = frozenset(("first", "also", "widely", "originally", "initially", "previously", "later",
                              "earlier", "again", "reportedly", "then", "not"))


def _word_before(masked: str, pos: int) -> str:
    """The word before ``pos`` (within 40 characters), lowercase, past any spaces and
    commas: what ``([\\w.’'-]+)[\\s,]*$`` finds, without its quadratic search."""
    lo, end = max(0, pos - 40), pos
    while end > lo and (masked[end - 1] == "," or masked[end - 1].isspace()):
        end -= 1
    return token_before(masked, lo, end, _TOKEN_CHARS).lower()


_OF_WITH_NEXT = re.compile(r"\s+(?:of|with)\s")


def _is_statement_verb(masked: str, vs: int, ve: int, verb: str, lex: _Lexicon) -> bool:
    """Is the reporting verb at ``masked[vs:ve]`` a statement here? Not in "secretary
    of state", "member states", "had agreed to support", "continued to hold"."""
    if verb in lex.stance_verbs and _SUBORDINATE_SUBJECT.search(masked, max(0, vs - 40), vs):
        return False  # "because she feared reprisals", "if they want": a reason, not a stance reported
    if verb == "according to":
        return True  # a preposition: the word before it ("admire most, according to") does not matter
    before = _word_before(masked, vs)
    if before in _VERB_ADVERBS:
        earlier = _word_before(masked, vs - len(before) - 1)
        if earlier in _AUXILIARIES or _SPEECH_NEXT.match(masked, ve) or (
                earlier and earlier not in _ADJECTIVE_BEFORE and earlier not in _BEFORE_AN_ADJECTIVE
                and not earlier.endswith(("'s", "’s", "s'", "s’"))):  # not "Sanders' widely criticized interview"
            # "had previously said", "officials previously said that", "Ana Ruiz recently told
            # POLITICO": a verb, not "a previously reported case", "of newly reported cases"
            before = ""
    if before == "most" and verb in ("said", "say", "says", "told", "agreed", "agree") and \
            _word_before(masked, vs - 5) not in ("the", "a", "an"):
        before = ""  # "most said they were worried": "most" is the subject, not "the most ..."
    if before in _ADJECTIVE_BEFORE or before == "to" or (before == "not" and _word_before(masked, vs - 4) == "to"):
        return False  # "after a reported fall", "the most pledged delegates", "for Ginsburg to (not) criticize"
    if "-" in before and before.islower() and verb in lex.noun_like_verbs | lex.clause_verbs:
        return False  # "in early-morning tweets", "his so-called remarks": a noun
    if before.endswith(("'s", "’s", "s'", "s’")) and before not in _CONTRACTIONS and masked[vs - 2:vs].strip() != ",":
        return False  # "Trump's praise of", "Curiel's alleged bias", "Sanders’ stated plans"; not "a friend of the couple's, said"
    if verb in ("hopes", "hope") and before in ("in", "with", "high", "no", "of", "their", "his", "her", "its", "our"):
        return False  # "in hopes of persuading her", "with high hopes": a noun
    if verb == "told" and masked[max(0, vs - 4):vs].lower() == "all " and masked[ve:ve + 1] == ",":
        return False  # "All told, up to 5 million people": an idiom
    if verb in ("accused", "charged") and _OF_WITH_NEXT.match(masked, ve):
        return False  # "the woman accused of driving onto the sidewalk": a participle, not a charge made
    if verb in lex.actions_before_to and (_TO_VERB.match(masked, ve) or lex.anonymity_re.match(masked, vs)):
        return False  # "agreed to support", "asked not to be named", "asked for anonymity"
    if verb in lex.voice_verbs and not _QUOTE_NEXT.match(masked, ve) and not _RIGHT_AFTER_QUOTE.search(
            masked, max(0, vs - 5), vs) and not _NAME_AFTER_QUOTE.search(masked, max(0, vs - 80), vs):
        return False  # "he laughed", "the economy boomed"; '"Out!" he yelled' and 'yelled: "Out!"' cite
    if verb in lex.clause_verbs and not _SPEECH_NEXT.match(masked, ve) and not _RIGHT_AFTER_QUOTE.search(
            masked, max(0, vs - 5), vs) and not (
            _CIRCUMSTANCE_NEXT.match(masked, ve) and _NAME_AFTER_QUOTE.search(masked, max(0, vs - 80), vs)):
        return False  # '"...," he continued', "agreed that", "maintains that" are statements; "agreed on a plan" is not
    if verb in lex.noun_like_verbs and _word_before(masked, vs).endswith(_POSSESSIVE_ENDINGS):
        return False  # "his claims of", "Pagliano's Fifth Amendment claims", "Editor's note"
    if verb in lex.noun_like_verbs and before in _NOUN_ADJECTIVES and \
            _word_before(masked, vs - len(before) - 1).endswith(_POSSESSIVE_ENDINGS):
        return False  # "Biden's earlier pledge to pick a woman", "his repeated claims"
    if verb in ("declared", "declares", "declare"):
        obj = _DECLARED_OBJECT.match(masked, ve)
        if obj and not obj.group().startswith(" that") and any(
                w.lower().strip(".,") in lex.declaration_objects for w in obj.group().split()):
            return False  # "declared a state of emergency", "declared the outbreak a pandemic": an act
    if verb in lex.as_verbs and not _AS_COMPLEMENT.match(masked, ve):
        return False  # "dismissed the employee"; "dismissed the claim as groundless" is a statement
    if verb in ("reported", "reports") and _REPORTED_ON.match(masked, ve):
        return False  # "He reported extensively on the civil war": a journalist's work, no statement
    if verb in ("reported", "reports") and _REPORTED_FROM.match(masked, ve):
        return False  # "Julie Davis reported from Midway Atoll, and Mark Landler from Hawaii": a byline
    after = _WORD_AFTER.match(masked, ve)
    after = after.group(1).lower() if after else ""
    if (verb in ("written", "wrote", "writes", "write") and after == "off") or (
            verb.startswith("declare") and after == "for") or (verb in lex.document_verbs and after in _REFLEXIVES):
        return False  # "has written off", "since he declared for president", "he found himself"
    if verb.startswith("respond") and _BY_DOING.match(masked, ve):
        return False  # "responded by easing sanctions": an act
    if verb in ("posted", "posts") and _POSTED_THING.match(masked, ve):
        return False  # "posted a photo to Twitter", "posted bail", "posted a loss": no statement
    if verb in ("points to", "point to") and _word_before(masked, vs)[:1].isdigit():
        return False  # "defeated Wynnum 45 points to 24": a score
    if verb in ("admitted", "admits") and _ADMITTED_TO.match(masked, ve):
        return False  # "admitted to hospital", "admitted to the American Academy of Arts": no statement
    if verb in ("pledged", "pledges") and _PLEDGED_TO_NAME.match(masked, ve):
        return False  # "delegates pledged to Senator Bernie Sanders": bound, not promising
    if verb in ("pledged", "pledges") and masked[ve:ve + 10].lstrip().lower().startswith("delegates"):
        return False  # "leads Sanders by 271 pledged delegates"
    if verb in ("say", "says") and _word_before(masked, vs) in ("let's", "let’s", "us"):
        return False  # "let's say"
    if verb in ("state", "states"):
        after = _WORD_AFTER.match(masked, ve)
        word = _word_before(masked, vs)
        if word in lex.state_before or (after and after.group(1).lower() in lex.state_after):
            return False
        if masked[ve:ve + 1] in "-’'":
            return False  # "state-run", "state's"
        prev = _CAPITAL_BEFORE.search(masked, max(0, vs - 30), vs)
        if prev and (prev.group(1).isupper() or is_place(prev.group(1))):
            return False  # "the most populous US state", "the Ohio state"
        if word[:1].isdigit() or word in _NUMBER_WORDS:
            return False  # "ballot access in 24 states", "in all 50 states", "three states"
    return True


_NUMBER_WORDS = frozenset(("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                           "fifteen", "twenty", "thirty", "forty", "fifty", "dozen", "dozens", "several", "many",
                           "most", "all", "both", "other", "those", "these", "some", "few"))


def _passive(masked: str, vs: int, ve: int) -> str:
    """``"by"`` when the verb is passive with an agent ("was confirmed by X"),
    ``"passive"`` when passive without one ("he was told", "were warned"), else ``""``."""
    before = _word_before(masked, vs)
    if before in _PASSIVE_ADVERBS:  # "was first reported by", "were widely reported"
        before = _word_before(masked, vs - len(before) - 1)
    after = _WORD_AFTER.match(masked, ve)
    by = bool(after and after.group(1).lower() == "by")
    if before == "as" and by:
        return "by"  # "as reported by Reuters"
    if before not in _PASSIVE_AUX:
        return ""
    return "by" if by else "passive"
