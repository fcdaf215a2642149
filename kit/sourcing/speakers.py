"""Speaker phrases: the words around a cue that name who speaks.

Before the verb ("Tabalov said", "the ministry, in a statement, said", "officials
say"), after it ("..., said Alexei Tabalov, a lawyer who ...", "according to a woman
whose ..."), or the subject of the sentence for a participle ("..., saying ...").
"""
from __future__ import annotations

import re
from dataclasses import replace

from kit.sourcing.kinds import _NAME_RE, _NP, _ROLE_NAME, _TRAILING_PERSON, _join_listed_names, _noun_kind, _parse_np, \
    _split_top, _strip_openers
from kit.sourcing import gazetteer
from kit.sourcing.gazetteer import is_first_name, is_place
from kit.sourcing.lexicon import _DETERMINERS, _PRONOUNS, _lexicon
from kit.text import _abbreviations, token_before

_ADVERB_TAIL = re.compile(
    r"(?:\s+(?:also|later|previously|earlier|then|again|further|separately|recently|even|still|"
    r"(?:has|have|had)\s+(?:since|long)|has|have|had|"
    r"would|will|did|does|do|once|first|initially|subsequently|has also|had also|last\s+\w+|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|this\s+week|yesterday|today|"
    r"on\s+Twitter|in\s+a\s+statement|in\s+an\s+interview|repeatedly|publicly|privately|bluntly|"
    r"openly|flatly|however|however,|"
    # any other adverb in -ly ("Mr. Rubio defiantly told"), but not a noun in -ly ("the family said")
    r"(?-i:(?!(?:family|assembly|ally|rally|supply|anomaly|monopoly|bully|homily|daily|weekly|monthly|"
    r"quarterly|biweekly|elderly|butterfly|belly|jelly|lily|folly|reply|july)\b)[a-z]{2,}ly)))+\s*$", re.I)
_AGE = re.compile(r"^\d{1,3}$")
_SUBORDINATOR = re.compile(r".*\b(?:after|before|when|while|because|since|until|although|though|if|as|which|that|than|what|how|why|"
                          r"whereas|once|where|in which)\s+", re.S)
_MONTHS_DAYS = frozenset(("january", "february", "march", "april", "may", "june", "july", "august", "september",
                          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                          "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
                          "saturday", "sunday"))
_LEADING_DEMONSTRATIVE = re.compile(r"\s*(?:that|than|what|how|why)\s+", re.I)
_FIRST_DESCRIPTOR = re.compile(r"(?:a|an|one|another|the|his|her|their|its)\s+[a-z]", re.I)
_NP_CLAUSE = re.compile(r"(?<!\bnot)(?<!\basked)\s(?:to\s+(?:have|be)|that|because|when|while|after|before|which)\s")


_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
_NP_STOP = re.compile(r"[;:!?](?:\s|$)|\.\)?$|\s[—–-]\s|[\"“”§()]")  # '(“...,” said X.)' too


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


def _is_full_name(s: str) -> bool:
    """Is ``s`` a person's full name ("Wolfgang Van Halen")?"""
    if not s[:1].isupper() or len(s.split()) > 5:
        return False
    np = _parse_np(s, {})
    return np is not None and np.kind == "named" and len(np.name.split()) >= 2


_DANGLING_CONNECTORS = re.compile(r"(?:\s+(?:of|for|and|on|in|the|de|da|del|van|von|y))+$")


def _np_after(masked: str, pos: int, end: int) -> tuple[str, str, int]:
    """The noun phrase right after a verb (and its appositive), with its end offset."""
    rest = masked[pos:end]
    stripped = rest.lstrip()
    off = pos + len(rest) - len(stripped)
    # stop at the first sentence-internal break
    stop = _NP_STOP.search(stripped)
    chunk = stripped[: stop.start()] if stop else stripped
    clause = _NP_CLAUSE.search(chunk)
    if clause is not None and clause.start() > 0:
        chunk = chunk[: clause.start()]  # "by multiple media outlets to have surpassed ..."
    verb = _lexicon().verb_re.search(chunk.lower())
    if verb is not None and "," in chunk[: verb.start()]:
        # "according to ISNA, the prosecutor general, Ali Mehr, said": what follows the
        # comma is the subject of the next verb, not an appositive
        chunk = chunk[: chunk.index(",")]
    head = chunk.split(",")[0].rstrip()
    listed = _join_listed_names([p.strip() for p in chunk.split(",")])
    if listed[0] != head and chunk.startswith(listed[0]):
        # "said the Ministry of Culture, Sport and Tourism": one name with commas in it
        rest = chunk[len(listed[0]):].strip(" ,")
        appos = rest if rest and _is_appositive(rest.split(",")[0]) else ""
        return listed[0], appos, off + (len(chunk) if appos else len(listed[0]))
    m = _NAME_RE.match(chunk)
    if m and m.end() < len(head) and _ROLE_NAME.fullmatch(head):
        m = None  # "Forest Service spokeswoman Lena Haas": the whole phrase, read below
    if m and not chunk[:1].islower() and chunk.split(" ", 1)[0].lower() not in _DETERMINERS:
        name = _DANGLING_CONNECTORS.sub("", m.group().rstrip())  # "Dr. Lee of the clinic": not "Dr. Lee of the"
        m = re.match(re.escape(name), chunk)
        tail = chunk[m.end():]
        if tail.startswith(",") and _is_appositive(tail.lstrip(" ,").split(",")[0]):
            return name, tail.strip(" ,"), off + len(chunk)
        return name, "", off + m.start() + len(name)
    # "according to a woman whose boyfriend is serving a sentence there"
    parts = chunk.split(",")
    np = parts[0].rstrip()
    if len(parts) > 1 and _FIRST_DESCRIPTOR.match(np) and (_TRAILING_PERSON.fullmatch(parts[1].strip()) or (
            gazetteer.USE["first_names"] and is_first_name(parts[1].strip()) and parts[1].strip()[:1].isupper())
            or _is_full_name(parts[1].strip())):
        # "said one resident, Maria Gomez, 54"; "according to his wife, Amanda,": the name is the speaker
        # "said one resident, Maria Gomez, 54": the name is the speaker
        name = parts[1].strip()
        rest = ",".join(parts[2:]).strip(" ,")
        return name, (np + (", " + rest if rest else "")), off + len(chunk)
    if len(parts) > 1 and _is_appositive(parts[1]):
        return np, ",".join(parts[1:]).strip(" ,"), off + len(chunk)
    return np, "", off + len(np)




_WHOSE_TAIL = re.compile(r"(?:,\s*|\s)whose\s+((?:[\w’'-]+\s+){0,2}[\w’'-]+)\s*$")
_BOTH_TAIL = re.compile(r"(?<=[A-Za-z])\s+(?:both|all|each|themselves)$")
_IN_A_PLACE = re.compile(r"\s(?:in|of|from|at)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}\s*$")
_WHO_TAIL = re.compile(r"(?:,\s*|\s+)(who|which)(?:\s+(?:also|later|then|has|had|have|previously|once|recently|"
                       r"earlier|repeatedly|\w+ly|(?:in|on|at|last|this)\s+\w+))*\s*$", re.I)
_SENTENCE_START = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z])")
_TOKEN_CHARS = re.compile(r"[\w.]+")


_JOB_THEN_NAME = re.compile(r"(?:[a-z][\w-]*\s+){1,3}([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,2})")
_INTENT_VERBS = frozenset(("promised", "promises", "vowed", "vows", "pledged", "pledges", "urged", "urges",
                           "called for", "calls for", "called on", "calls on", "agreed", "asked"))
_CLAUSE_WORDS = frozenset(("that", "which", "who", "whom", "whose", "when", "where", "because", "if", "while"))


def _trailing_np(s: str, names, max_words: int = 7) -> _NP | None:
    """The longest run of words ending ``s`` that reads as a source: "Tom Reed" in
    "The plan was backed by Tom Reed", "a government source" in "reported a
    government source". It must open with a capital or a determiner."""
    words = s.split()
    for k in range(min(max_words, len(words)), 0, -1):
        first = words[-k]
        if not (first[:1].isupper() or first.lower() in _DETERMINERS) or any(
                w.lower() in _CLAUSE_WORDS for w in words[-k:]):
            continue
        np = _parse_np(" ".join(words[-k:]), names)
        if np is not None and np.kind not in ("reporter", "pronoun"):
            return np
    return None


# Words that open a post-modifier of a subject: "officials in Kabul", "scientists
# studying patients in ...", "others in the party", "a reporter for the paper"
_POSTMODIFIER = frozenset(("in", "at", "of", "from", "with", "for", "on", "within", "across", "inside", "near",
                           "representing", "studying", "working", "based", "close", "familiar"))
_LEADING_CONJUNCTION = re.compile(r"^(?:and|but|yet|while|whereas)\s+", re.I)
# a clause opener before the subject: "..., California, where authorities reported",
# "..., which is what FBI Director James Comey said"
_LEADING_SUBORDINATOR = re.compile(r"^\s*(?:(?:which|that|this)\s+is\s+(?:exactly\s+)?what|where|when|whenever|after|"
                                   r"before|because|since|until|although|though|if|whether|once|unless)\s+", re.I)
# ... and one inside the words before the verb, with a pronoun subject after it:
# "Documents began circulating after it announced a breach": "it"
_SUBORDINATE_PRONOUN = re.compile(r"\s(?:after|before|when|while|because|since|until|although|though|unless|once|"
                                  r"where|as)\s+(he|she|it|they|we)\s*$", re.I)
# ... or a name, after a clause of at least four words:
# "News was not reported until after August 7 when Jorgensen tweeted": "Jorgensen"
_SUBORDINATE_NAME = re.compile(r"\s(?:when|while|because|since|although|though|until|after|before|once)\s+"
                               r"((?:[A-Z][\w’'.-]+\s+){0,2}[A-Z][\w’'.-]+)\s*$")


def _head_np(s: str, names) -> _NP | None:
    """The source that opens ``s`` before a post-modifier: "scientists" in
    "scientists studying patients in Zhuhai", "an Al Jazeera reporter" in "an Al
    Jazeera reporter in Kenya". Read before the words right before the verb, which
    are then the object of a preposition ("Kenya"), not the speaker."""
    words = s.split()
    if len(words) < 3 or not (words[0].lower() in _DETERMINERS or _noun_kind(words[0]) is not None
                              or words[0][:1].isupper()):
        return None
    for k in range(1, min(6, len(words) - 1)):
        low = words[k].lower()
        if low in _POSTMODIFIER or (low.endswith("ing") and words[k][:1].islower() and _noun_kind(low) is None):
            np = _parse_np(" ".join(words[:k]), names)
            if np is not None and np.kind in ("anonymous", "named", "institutional") and not np.guess:
                return np
            return None
    return None


def _compound_subject(s: str, names) -> _NP | None:
    """"Biden and Sanders", "Smith and the union" at the end of ``s``: one phrase that
    the citation stage splits into both sources (``None`` when either half is not a
    source)."""
    lhs, rhs = s.rsplit(" and ", 1)
    two = _parse_np(rhs, names) or _head_np(rhs, names)  # "Biden and others in the party"
    one = _trailing_np(lhs, names, 5) if two is not None else None
    if one is None or two is None or {one.kind, two.kind} & {"pronoun", "reporter"} or one.guess or two.guess:
        return None
    if not lhs.endswith(one.speaker):
        return None
    return replace(two, speaker=f"{one.speaker} and {rhs}")


def _after_last_sentence_end(left: str) -> str:
    """``left`` from its last sentence start on: a speaker never runs across a full
    stop ("... over Brexit. Some of the protesters"), but "Dr." and "J." are kept."""
    cut = 0
    for m in _SENTENCE_START.finditer(left):
        word = token_before(left, max(0, m.start() - 40), m.start() + 1, _TOKEN_CHARS).lower().strip(".")
        if word in _abbreviations() or (len(word) == 1 and word.isalpha()) or "." in word:
            continue  # "Dr.", "J.", "B.C." do not end a sentence
        cut = m.end()
    return left[cut:]


def _subject_before(left: str, names, verb: str = "") -> tuple[_NP | None, str]:
    """Parse the words before a reporting verb; return the speaker and its appositive."""
    left = _after_last_sentence_end(left)
    platform = _ON_PLATFORM.match(left) if "on " in left else None
    if platform:
        left = left[platform.end():]  # "The next day on Twitter West accused": West
    paren = left.rfind("(")
    if paren >= 0 and ")" not in left[paren:]:
        left = left[paren + 1:]  # "(On Wednesday afternoon, Sanders's campaign manager said": inside the parenthesis
    left = _ADVERB_TAIL.sub("", left.rstrip())
    if left.endswith(("both", "all", "each", "themselves")):
        left = _BOTH_TAIL.sub("", left)  # "Bolton and Gorka both denounced": the two of them
    whose = _WHOSE_TAIL.search(left) if "whose " in left else None
    if whose is not None:
        # "a setback for Trump, whose attorneys argued": the attorneys
        np = _parse_np(whose.group(1), names)
        if np is not None and np.kind in ("anonymous", "institutional"):
            np.speaker = "whose " + whose.group(1)
            return np, ""
    who = _WHO_TAIL.search(left)
    if who and who.start() > 0 and verb in _INTENT_VERBS:
        return None, ""  # "Governor Ortega, who has promised to bring jobs": background, not a citation
    if who and who.start() > 0:
        # "The plan was backed by Tom Reed, who said ...": the speaker is before "who"
        head = left[:who.start()]
        parts = _split_top(head)
        np = _parse_np(parts[-1], names) if parts else None
        if np is None or np.kind == "pronoun":
            np = _trailing_np(head, names)
        if np is not None and np.kind not in ("reporter", "pronoun") and (
                who.group(1).lower() == "who" or np.kind == "institutional"):
            # "the Chicago Police Department, which reported": an organisation before "which"
            np.said_as = who.group(1).lower()  # the words at this mention, as "she" is for a pronoun
            return np, ""
    trailing_comma = left.rstrip().endswith(",")
    parts = _split_top(left)
    if not parts:
        return None, ""
    if not trailing_comma:
        parts[-1] = _LEADING_CONJUNCTION.sub("", parts[-1])  # "..., and his associates had alleged"
        parts[-1] = _LEADING_SUBORDINATOR.sub("", parts[-1])
        subject = _SUBORDINATE_PRONOUN.search(parts[-1])
        if subject is None:
            subject = _SUBORDINATE_NAME.search(parts[-1])
            if subject is not None and len(parts[-1][:subject.start()].split()) < 4:
                subject = None
        if subject is not None:
            parts[-1] = subject.group(1)
        np = _parse_np(parts[-1], names)
        if np is not None and np.kind == "institutional" and len(parts) >= 2 and _IN_A_PLACE.search(parts[-2]) and (
                parts[-1].strip() in _STATE_ABBREVIATIONS or is_place(parts[-1].strip())):
            # "the Bavarian health ministry in Munich, Germany confirmed": the body, not its country
            np = _parse_np(parts[-2], names) or np
        words = parts[-1].split()
        if np is None and " and " in parts[-1]:
            np = _compound_subject(parts[-1], names)
        if np is None:
            # "The move came two days after the World Health Organization declared"
            sub = _SUBORDINATOR.search(parts[-1])
            if sub and not _LEADING_DEMONSTRATIVE.fullmatch(sub.group()):  # not "That official said"
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
            if np is None and len(words) > 1 and words[-1].lower() in _SUBJECT_PRONOUNS:
                # "On Tuesday night he said": an intro phrase, then a pronoun subject
                np = _parse_np(words[-1], names)
        if np is None:
            np = _head_np(parts[-1], names)  # "an Al Jazeera reporter in Kenya noted"
        if np is None:
            # "The plan was backed by ... Tom Reed said": the words right before the verb
            np = _trailing_np(parts[-1], names, 5)
        if np is not None and len(parts) >= 2 and np.kind == "institutional" and _TITLE_OF.match(parts[-1]) and \
                parts[-1].split()[0].lower().rstrip(".") in _lexicon().titles | {"dean", "director", "chairman",
                                                                                 "chairwoman", "chair", "head"}:
            # "Erwin Chemerinsky, Dean of UC Berkeley School of Law called it": the person, then a title
            other = _parse_np(parts[-2], names)
            if other is not None and other.kind == "named" and len(other.name.split()) >= 2 and \
                    other.speaker == parts[-2].strip():
                other.role = parts[-1].split()[0].lower()
                return other, parts[-1].strip()
        if np is not None and np.kind == "anonymous" and not np.plural and len(parts) >= 2:
            # "Doug Andres, a spokesman for House Speaker Paul Ryan told the Post" (no second comma)
            other = _parse_np(parts[-2], names)
            if other is not None and other.kind == "named" and len(other.name.split()) >= 2 and \
                    other.speaker == parts[-2].strip():
                other.role = np.head
                return other, parts[-1].strip()
        return np, ""
    # "[intro, ]* SUBJECT, APPOSITIVE, said"
    intro = _lexicon().intro_words
    for i, part in enumerate(parts[:-1]):
        if part.split(" ", 1)[0].lower() in intro or _opening_participle(part) or part.strip() in _STATE_ABBREVIATIONS:
            continue  # "In a statement", "After the vote", "Alarmed by the unrest in Nevada", "Alexandria, Va.,"
        np = _parse_np(part, names)
        if np is None or np.kind == "reporter":
            continue
        appos = ", ".join(parts[i + 1:])
        if np.kind == "institutional" and np.name and i + 2 < len(parts):
            # "Tuesday at X University in Berea, OH, after winning Ohio, Gov. John Kasich (R-OH), said":
            # a titled person right before the verb, after place names
            last = _parse_np(parts[-1], names)
            if last is not None and last.kind == "named" and len(last.name.split()) >= 2 and last.role:
                return last, ""
        if np.kind in ("anonymous", "institutional") and not np.name:
            # "His lawyer, Martin Szabo, said"; "the institute's director, Dr. Anthony Fauci, said"
            other = _parse_np(parts[i + 1], names)
            if other is None or other.kind != "named":
                # "One of the study's authors, herpetologist Ana Ruiz, said": a job before the name
                job = _JOB_THEN_NAME.fullmatch(parts[i + 1])
                other = _parse_np(job.group(1), names) if job else other
            if other is not None and other.kind == "named":
                other.role = np.head
                return other, part
        elif i + 2 == len(parts):
            # "One of South Sudan's Vice Presidents, Rebecca Nyandeng De Mabior, said"
            other = _parse_np(parts[i + 1], names)
            if other is not None and other.kind == "named" and len(other.name.split()) >= 2 and \
                    parts[i + 1].split(" ", 1)[0].lower() not in _DETERMINERS and parts[i + 1].strip()[:1].isupper():
                # not "Sen. Roy Blunt, facing a challenge from Secretary of State Jason Kander, noted"
                return other, part  # not "Vijay Goel, a member of the Rajya Sabha, said"
        return np, appos
    np = _parse_np(parts[-1], names)
    return np, ""


def _role_of(appos: str) -> str:
    if not appos:
        return ""
    np = _parse_np(appos, {})
    if np is None:
        # 'the co-author of "Going Viral," about ...': the words before the first break
        cut = _ROLE_CUT.search(appos)
        np = _parse_np(appos[:cut.start()], {}) if cut is not None and cut.start() > 0 else None
    return np.head if np is not None and np.kind == "anonymous" else ""


_ROLE_CUT = re.compile(r"[,“\"§(]|\s(?:of|at|for|with|in|on|from)\s")



# a wire dateline opening a paragraph: "WASHINGTON (AP) — ", "PARIS, Aug 31 (Reuters) - "
_DATELINE = re.compile(r"^\s*(?:[A-Z][A-Z.’' -]*[A-Z](?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3})?\s*(?:\([^()]{1,30}\))?"
                       # "Washington (AFP) – ": a place in title case, with its agency
                       r"|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3})?"
                       r"\s*\([A-Z][^()]{0,29}\))\s*(?:[—–]|-{1,2})\s+")
_LEADING_CAP = re.compile(r"(?:The\s+)?[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|(?:of|for|and|de|van|von|al|bin)\b))*")


# US states as the AP abbreviates them after a city ("Alexandria, Va., Lazar ... said")
_STATE_ABBREVIATIONS = frozenset((
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.", "Kan.", "Ky.",
    "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.", "Nev.", "N.H.", "N.J.", "N.M.",
    "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.", "S.D.", "Tenn.", "Vt.", "Va.", "Wash.",
    "W.Va.", "Wis.", "Wyo.", "D.C."))


_SUBORDINATE_OPENERS = frozenset(("as", "when", "whenever", "while", "because", "although", "though", "if",
                                  "unless", "once", "whereas", "since", "until", "after", "before"))


def _opening_participle(part: str) -> bool:
    """``part`` (a comma clause with more after it) opens with a participle: "Alarmed
    by the unrest", "Speaking to reporters"; not "Ted Cruz" (a capital follows)."""
    words = part.split(None, 2)
    first = words[0] if words else ""
    return first[:1].isupper() and first.lower().endswith(("ed", "ing")) and _noun_kind(first) is None \
        and not (len(words) > 1 and words[1][:1].isupper()) \
        and not (gazetteer.USE["first_names"] and is_first_name(first))  # "Ahmed al-Assadi"


_ORDINALS = frozenset(("first", "second", "third", "firstly", "secondly", "thirdly", "finally", "lastly"))


def _leading_np(s: str, names) -> _NP | None:
    """The subject opening a sentence ("The ministry issued a statement, saying ..."),
    after any introductory comma clauses ("In interviews on Sunday, he defended ...")."""
    if s.lstrip().startswith(("\"", "“")):
        return None
    s = _DATELINE.sub("", s, count=1)  # "PARIS, Aug 31 (Reuters) - The minister ..., saying"
    intro = _lexicon().intro_words
    parts = _split_top(s)
    after_intro = False
    for i, part in enumerate(parts[:4]):
        first = part.split(" ", 1)[0]
        if after_intro and i + 1 < len(parts) and (part.strip() in _STATE_ABBREVIATIONS or is_place(part.strip())):
            continue  # "At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton ...": the place of the intro
        after_intro = first.lower() in intro
        if first.lower() in intro and i + 1 < len(parts) and (
                parts[i + 1][:1].isupper() or parts[i + 1].split(" ", 1)[0].lower() in _DETERMINERS):
            continue  # "In a video posted to Twitter, Ana Ruiz ...", "At a meeting of the Senate leadership,
            # some senators vented ...": the subject follows the comma
        if part.strip().lower() in _ORDINALS and i + 1 < len(parts):
            continue  # "First, he juxtaposed numbers, claiming ..."
        if first.lower() in _SUBORDINATE_OPENERS and i + 1 < len(parts):
            continue  # "As voters went to the polls, the campaign sent ...": a subordinate clause
        if first.lower() in intro:
            # "By 5 pm the city issued an advisory": the subject after the opening phrase
            words = part.split()
            for k in range(1, min(9, len(words))):
                if words[k].lower().strip(".,") in _MONTHS_DAYS:
                    continue  # "In August, several groups ...": a date, not the subject
                if words[k].lower() in _DETERMINERS or words[k][:1].isupper():
                    np = _leading_np_part(" ".join(words[k:]), names)
                    if np is not None:
                        return np
            continue
        if i + 1 < len(parts) and _opening_participle(part):
            continue  # "Alarmed by the unrest, ...": not "Ted Cruz ..." nor "Husted continued by"
        np = _leading_np_part(part, names)
        if np is not None and i + 1 < len(parts) and (np.kind == "anonymous" or (
                _noun_kind(part.split()[-1]) or ("",))[0] == "person"):
            # "Another former adviser, Sebastian Gorka, also spoke ... and encouraged": the name
            other = _parse_np(parts[i + 1], names)
            if other is not None and other.kind == "named" and len(other.name.split()) >= 2:
                other.role = np.head
                return other
        if np is not None:
            return np
        if not first[:1].isupper() or first.lower() in _PRONOUNS:
            break
    return None


_TITLE_OF = re.compile(r"\s*[A-Z][\w.]*\s+(?:of|at|for)\s+")
_ON_PLATFORM = re.compile(r".*\bon\s+(?:Twitter|Facebook|Instagram|YouTube|Telegram|TikTok|Truth\s+Social)\s+(?=[A-Z])")
_QUANTITY_ADVERBS = frozenset(("nearly", "almost", "about", "roughly", "only", "just", "some", "many", "most", "all",
                               "both", "few", "several", "more", "fewer", "over", "around", "approximately"))


def _leading_np_part(s: str, names) -> _NP | None:
    s = _strip_openers(s)
    if not s:
        return None
    first = s.split(" ", 1)[0].lower()
    if first in _PRONOUNS:
        return _NP("pronoun", s.split(" ", 1)[0], head=first)
    m = _LEADING_CAP.match(s)
    if m and m.group().split()[0].lower() in _QUANTITY_ADVERBS:
        m = None  # "Nearly all legal experts consider ...": no name
    if m and not re.match(r"(?:The\s+)?[a-z]", s):
        cand = m.group().rstrip(" ,.")
        # "The ministry" / "Officials": a capitalised first word that is a listed noun
        np = _parse_np(cand, names)
        if np is not None and np.kind != "anonymous" and not (
                cand.endswith(("’s", "'s")) and len(s.rstrip()) > len(cand) + 1):
            return np  # not "France's" in "France's far-right party leader"
    words = s.split()
    for k in range(min(8, len(words)), 1, -1):
        # "Presidential physician Sean Conley issued ...": a titled name first
        if words[k - 1][:1].isupper() and words[k - 2][:1].isupper():
            np = _parse_np(" ".join(words[:k]), names)
            if np is not None and np.kind == "named":
                return np
    for k in range(1, min(7, len(words)) + 1):
        if _noun_kind(words[k - 1]) is not None and not (
                words[k - 1][:1].isupper() and k < len(words) and words[k][:1].isupper()):
            # not "the United States" in "the United States Department of Defense justified"
            np = _parse_np(" ".join(words[:k]), names)
            if np is not None:
                return np
    if m and not re.match(r"(?:The\s+)?[a-z]", s):
        np = _parse_np(m.group().rstrip(" ,."), names)
        if np is not None and np.kind == "anonymous" and np.plural:
            return np  # "Other Republicans echoed those comments, saying": a group
    return None
