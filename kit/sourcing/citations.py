"""The per-text analysis: sentences, cues, speakers and sources, top to bottom.

:func:`analyse_text` walks an article's sentences (multi-sentence quotes kept whole,
semicolon clauses apart); each is searched, outside its quotes, for a reporting
verb or "according to", and the speaker phrase around it is read and resolved to a
distinct source. A sentence that opens with a quote and has no verb continues the
last speaker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kit.sourcing.cues import _CLAUSE_BREAK, _PERSONAL, _QUOTED_AS, _STATEMENT_SAYING, \
    _WITH_PARTICIPLE, _Hits, _anonymity, _called_cites, _is_statement_verb, _passive, _word_before
from kit.sourcing.kinds import _VERBS_OPENING, QUANTIFIER_PEOPLE, _NP, _fallback_np, _known_names, _parse_np
from kit.sourcing.lexicon import _COLON_LABELS, _DETERMINERS, _DOCUMENT_HEADS, _NOUN_LIKE_VERBS, _Lexicon, \
    _lexicon
from kit.sourcing.mentions import _Registry, _Source
from kit.sourcing.quotes import _mask, _quote_spans, _quote_text, _segments
from kit.sourcing.speakers import _LEADING_CAP, _is_appositive, _is_full_name, _leading_np, _np_after, _role_of, _subject_before
from kit.sourcing.gazetteer import is_first_name
from kit.text import _count_words, count_words, paragraph_spans


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
    speaker_start: int = -1   # offsets of the speaker's words in the text (-1: none, a continuing quote)
    speaker_end: int = -1


@dataclass
class TextSourcing:
    """What :func:`analyse_text` found in one text."""

    citations: list
    sources: list
    quotes: list          # (start, end, runs_on) of every quotation
    quoted_words: int
    n_words: int


@dataclass
class _Article:
    """What every stage may read about the article being analysed."""

    text: str             # the text as written
    masked: str           # the text with the inside of every quote masked (same offsets)
    names: dict           # surname -> full name of the people named in the text
    registry: _Registry   # the distinct sources found so far
    lexicon: _Lexicon
    hits: _Hits           # every cue of the text, looked up by offset
    outlet: str = ""      # the article's outlet, lowercase: never a source


@dataclass
class _Segment:
    """One citing unit (a sentence, or a semicolon clause) of an article."""

    article: _Article
    start: int
    end: int
    paragraph: int
    quotes: list          # (start, end) of the quotations inside it
    para_start: int = 0   # where its paragraph starts
    anonymous: bool = False  # an anonymity phrase occurs in it
    reason: str = ""      # the reason it gives for anonymity


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
    reg = _Registry()
    reg.text, reg.names = masked, names
    art = _Article(text, masked, names, reg, lex, _Hits(masked, text, lex), (outlet or "").strip().lower())
    citations: list[Citation] = []
    prev_quote = None  # the last sentence, when it is (mostly) a quotation
    qi = 0
    for p, (pa, pb) in enumerate(paras):
        para_quotes = []
        while qi < len(quotes) and quotes[qi][0] < pb:
            if quotes[qi][0] >= pa:
                para_quotes.append(quotes[qi])
            qi += 1
        for a, b, seg_quotes in _segments(text, masked, pa, pb, para_quotes):
            # the capitalised words opening the sentence: a person or organisation
            # named there may be what a later "he" or "the company" points back to
            # (read lazily, only when a pronoun or such a description needs it)
            lead = _LEADING_CAP.match(masked, a, b)
            if lead and " " not in lead.group() and masked.startswith(",", lead.end()) and (
                    lead.group().lower() in lex.openers or lead.group().lower().endswith("ly")):
                # "Instead, Fiorina opened ...": the name after the opening adverb
                after = lead.end() + 1
                while after < b and masked[after].isspace():
                    after += 1
                lead = _LEADING_CAP.match(masked, after, b) or lead
            reg.seq += 1
            if lead:
                words = lead.group().rstrip(" ,.")
                first = words.split(" ", 1)
                if len(first) == 2 and first[0].lower() in _VERBS_OPENING:
                    words = first[1]  # "Stated Stone: ...": the name, not the verb before it
                reg.leads.append([reg.seq, p, words, None])
            reg.pos = a
            seg = _Segment(art, a, b, p, seg_quotes, pa)
            found = _cite_segment(seg)
            if not found and not seg_quotes and prev_quote is not None:
                found = _signature_line(seg, prev_quote, citations)
            if not found and seg_quotes and masked[a:b].lstrip().startswith(('"', "“", "‘", "'", "«")):
                cont = _continuation(seg, citations)
                found = [cont] if cont is not None else []
            for cit in found:
                citations.append(cit)
                reg.recent.append(cit.source)
            if found:
                reg.cited_seq = reg.seq
            quoted = sum(qb - qa for qa, qb in seg_quotes)
            prev_quote = (a, b, seg_quotes) if seg_quotes and quoted >= 0.6 * (b - a) else None
    quoted_words = sum(_count_words(text[a:b]) for a, b, _ in quotes)
    for c in citations:
        if c.anonymity_reason and not c.source.reason:
            c.source.reason = c.anonymity_reason
    used, seen = [], set()
    for c in citations:
        if id(c.source) not in seen:
            seen.add(id(c.source))
            used.append(c.source)
    return TextSourcing(citations, used, quotes, quoted_words, _count_words(text))


def _signature_line(seg: _Segment, prev_quote: tuple, citations: list[Citation]) -> list[Citation]:
    """A line that signs the quotation before it ('"Great speech." / -President Obama,
    tweeting after the speech.'): one citation of the signer, and the quote taken
    from the speaker it was read as continuing. Empty when the line is no signature."""
    art, (qa_seg, _, quotes) = seg.article, prev_quote
    m = _DASH_SIGNATURE.match(art.masked, seg.start, seg.end)
    if m is None:
        return []
    np = _parse_np(m.group(1), art.names)
    if np is None or np.kind in ("reporter", "pronoun"):
        return []
    if np.guess:
        np = _NP("named", np.speaker, name=np.speaker, head=np.head)
    src = art.registry.resolve(np, seg.paragraph, False)
    if src is None:
        return []
    if citations and not citations[-1].verb and citations[-1].start == qa_seg:
        citations.pop()  # it was read as the previous speaker continuing
    ss, se = m.start(1), m.end(1)
    return [Citation(seg.paragraph, m.group(1), src, "-", _quote_text(art.text, quotes), True, seg.start, seg.end,
                     quotes[0][0], quotes[-1][1], "", ss, se)]


def _continuation(seg: _Segment, citations: list[Citation]) -> Citation | None:
    """A quote with no cue that continues the last speaker's words, or None."""
    if not citations:
        return None
    last = citations[-1]
    if last.paragraph < seg.paragraph - 1:
        return None
    text, a, b, quotes = seg.article.text, seg.start, seg.end, seg.quotes
    quoted = sum(qb - qa for qa, qb in quotes)
    if quoted < 0.5 * (b - a) and count_words(text[quotes[0][0]:quotes[0][1]]) < 4:
        return None
    return Citation(seg.paragraph, "", last.source, "", _quote_text(text, quotes), True, a, b,
                    quotes[0][0], quotes[-1][1])


_AND_PREDICATE = re.compile(r"\s(?:and|then|but)(?:\s+(?:has|have|had|also|later|then|again))*\s*$")
# a signature after a closing quote, or on a line of its own after one: '..." - Sanders.',
# '..." — Bernie Sanders, in a speech', "-President Obama, tweeting after the speech."
_DASH_SIGNATURE = re.compile(r"[\s,.]*(?:—|–|--?)\s*((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*)(?:,[^.;:]{0,80})?[\s.]*$")
# what may follow the speaker of an inverted citation ("..., said Ana Ruiz." / ", said Ana Ruiz, who ...")
_INVERSION_END = re.compile(r"\s*(?:[,.;:!?\"”§)]|$|(?:on|in|at|last|this|during|after|before|when|while|"
                            r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b)")
# verbs whose object is whom they address or judge, not their speaker ("..., told her supporters")
_OBJECT_VERBS = frozenset(("told", "tells", "tell", "asked", "asks", "urged", "urges", "accused", "accuses", "blamed",
                           "blames", "praised", "praises", "criticized", "criticised", "condemned", "called", "warned",
                           "warns", "thanked", "assured", "informed", "advised", "reminded", "called on", "cited"))
_CAUSATIVES = frozenset(("make", "makes", "made", "making", "let", "lets", "letting", "help", "helps", "helped",
                         "have", "has", "had", "see", "saw", "watch", "watched", "hear", "heard", "force", "forced"))
_CLAUSE_SUBJECTS = frozenset(("he", "she", "they", "we", "i", "you", "it"))


def _clause_subject(word: str) -> bool:
    """Does ``word`` open a clause as its pronoun subject ("he", "he’s", "they'd")?"""
    return re.split(r"[’']", word.lower(), maxsplit=1)[0] in _CLAUSE_SUBJECTS
_INDEFINITE_ONE = re.compile(r"(?:a|an|one|another|each|every)\s", re.I)
_MODALS = frozenset(("will", "would", "could", "can", "may", "might", "must", "should", "shall", "did", "does", "do",
                     "not", "to", "also"))
_PREPOSITIONS_AFTER = frozenset(("of", "about", "to", "on", "in", "at", "into", "that", "so", "it", "this", "he",
                                  "she", "they", "we", "i", "you", "there"))
# a headline's words before a colon that make it a phrase, not a speaker's name ("CNN President On Trump:",
# "Big Win For Bernie:", "Monday's Morning Email:")
_HEADLINE_PHRASE = re.compile(r"\s(?:On|For|To|In|At|With|Of|From|By|About|Just|Is|Are|Was|Has|Says)\b|[’']s\s")
_COLON_SPEAKER = re.compile(r"((?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*):\s+(?=\S)")


# a sentence without a reporting verb or participle can still cite through one of these
_MAYBE_CUE = re.compile(r":\s|statement|\bwith\s|citing|^(?:In|Through|Via)\s|[”\"]\s*(?:—|–|-)")
# a string each alternative of _MAYBE_CUE holds: a sentence without any of them is
# passed over with a few substring tests, not a search of the pattern at every character
_MAYBE_CUE_PARTS = (":", "statement", "with", "citing", "”", '"')


def _maybe_cue(seg_text: str) -> bool:
    """``_MAYBE_CUE.search(seg_text)``, answered at once when no alternative can match."""
    if not (seg_text.startswith(("In", "Through", "Via")) or any(p in seg_text for p in _MAYBE_CUE_PARTS)):
        return False
    return _MAYBE_CUE.search(seg_text) is not None


_TO_AFTER = re.compile(r"\s+to\s")
# a body's or a group's finding, before its clause ("investigators determined that")
_FINDING_VERBS = frozenset(("found", "finds", "determined"))
_THAT_NEXT = re.compile(r"\s+that\s")
_THAT = re.compile(r"^\s*(?:that\s+)?")
_CITING = re.compile(r"\bciting\s+")
_STATEMENT_OPENER = re.compile(
    r"(?:In|Through|Via)\s+(?:a|an|his|her|its|their|the)\s+((?:[\w.’'-]+\s+){0,3}?)(statement|interview|tweet|"
    r"post|letter|release|speech|address|message|video|op-ed|column|news conference|press conference|briefing|"
    r"editorial|report|article|story)\b[^,;]{0,80},\s*")
_OUTLET_DOCUMENTS = ("report", "article", "story")
_PASSIVE_AFTER = re.compile(r"\s+(?:was|were|is|are|has\s+been|had\s+been|have\s+been)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn)\b")


_AND_INSIDE_NAME = re.compile(r"[A-Z][\w’'.-]*\s+and\s+(?:[A-Z][\w’'.-]*\s+)*[A-Z][\w.-]*['’]s?\s+[a-z]")


_PARTY_ADJECTIVES = frozenset(("Democratic", "Republican", "Bipartisan", "Partisan"))
# a reporting verb right after a noun-like verb: "news reports said", "media reports say"
_VERB_NEXT = re.compile(r"\s+(?:said|say|says|suggest|suggested|suggests|indicate|indicated|indicates|claim|claimed)\b")
_AND_IN_OF_NAME = re.compile(r"\bof\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+)*[A-Z][\w’'-]*\s+and\s+[A-Z]")


def _split_compound(np: _NP, names: dict) -> list[_NP]:
    """Both halves of a compound subject ("The ministry and the police", "Smith and
    Jones"), or ``[np]`` when it is one source ("Pacific Gas and Electric",
    "Ministry of Health and Social Welfare")."""
    words = np.speaker.split(",")[0]
    if np.kind in ("pronoun", "reporter") or words.count(" and ") != 1 or (
            np.kind == "institutional" and " and " in np.name):
        return [np]  # "The Department of Forestry and Fire Protection" is one body
    if _AND_INSIDE_NAME.search(words) or (np.kind == "institutional" and _AND_IN_OF_NAME.search(words)):
        return [np]  # "the Food and Agriculture Organization's chief veterinary officer"
        # "the Bavarian State Ministry of Public Health and Health Care": one body
    left, right = (h.strip() for h in words.split(" and "))
    one, two = _parse_np(left, names), _parse_np(right, names)
    if one is None or two is None or "pronoun" in (one.kind, two.kind) or "reporter" in (one.kind, two.kind):
        return [np]
    if two.kind == "named" and two.role and right[:1].isupper() and right.split()[0].lower() != two.role and \
            left.split()[-1][:1].isupper() and one.kind != "pronoun" and not (
            one.kind == "named" and is_first_name(left.split()[0])) and not (
            one.kind == "named" and one.role and len(one.name.split()) >= 2):  # not "Secretary of State Mike Pompeo and ..."
        return [two]  # "Road Transport and Bridges Minister Obaidul Quader": one title
    if one.kind == "named" and one.role and left.split()[-1].lower().strip(".,") == one.role and \
            two.kind == "named" and two.role:
        return [two]  # "PG&E President and CEO Andy Vesey": one person, two titles
    if one.kind == "anonymous" and not one.plural and left.split()[0].lower() not in _DETERMINERS and \
            two.kind == "named" and two.role and (right[:1].islower() or two.role in right.split()):
        # "GOP presidential contender and former neurosurgeon Ben Carson", "businessman and
        # Trump loyalist Stephen Schwarzman": one person
        return [two]
    def solid(h: str, x: _NP) -> bool:
        w = h.split()
        return w[0].lower() in _DETERMINERS or (len(w) >= 2 and x.kind != "institutional") or (
            len(w) == 1 and w[0].lower() in names) or (x.kind == "anonymous" and w[0][:1].islower()) or (
            len(w) == 1 and w[0].islower() and x.kind == "institutional")  # "the mayor and police"
    if not (solid(left, one) and solid(right, two)):
        return [np]
    return [one, two]


def _relayed(seg: _Segment, out: list[Citation]) -> list[Citation]:
    """Sources a sentence credits besides its speaker: ", citing local groups,"
    and the outlet of "In a News.com.au report, Dr Gary Mortimer said"."""
    art, a, b = seg.article, seg.start, seg.end
    masked, names = art.masked, art.names
    found: list[Citation] = []
    m = _CITING.search(masked, a, b) if "citing" in masked[a:b] else None
    if m is not None:
        words, appos, end = _np_after(masked, m.end(), b)
        np = _parse_np(words, names) if words else None
        if np is not None and np.kind not in ("pronoun", "reporter") and not np.guess:
            cit = _make_citation(seg, np, appos, "citing", m.start(), end)
            if cit is not None and not any(cit.source is o.source for o in out):
                found.append(cit)
    m = _STATEMENT_OPENER.match(masked, a, b)
    if m is not None:
        if not out and not found:
            # "In a statement released after the attack, the Department of Defense justified ..."
            np = _leading_np(masked[m.end():b], names)
            if np is not None and np.kind != "reporter" and not _PASSIVE_AFTER.match(
                    masked, m.end() + len(np.speaker), b):  # not "In an interview, Pence was asked about"
                cit = _make_citation(seg, np, "", m.group(2), m.end(), m.end())
                if cit is not None:
                    found.append(cit)
        outlet = m.group(1).strip()
        if m.group(2) in _OUTLET_DOCUMENTS and outlet[:1].isupper():
            np = _parse_np(outlet, names)
            if np is not None and np.kind in ("institutional", "named"):
                np = _NP("institutional", outlet, name=outlet, head=np.head)  # "In a Daily Courier report"
                cit = _make_citation(seg, np, "", m.group(2), a + 3, m.end())
                if cit is not None and not any(cit.source is o.source for o in out + found):
                    found.append(cit)
    return found


_AUXILIARY_TAIL = re.compile(r"(?:\s+(?:have|has|had|will|would|also|later|then|did|do|does))+$")
# "the designer", "a longtime volunteer": a person the noun list does not know
_UNLISTED_PERSON = re.compile(r"(?:the|a|an|one)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*[a-z]")
# a description and its post-modifier: "a Mexican official who was not authorized to ..."
_DESCRIBED_SOURCE = re.compile(r"(?:a|an|one|another|the|two|three|several|some)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+\s+"
                               r"(?:who|whose|familiar\s+with|close\s+to|with\s+knowledge)\s", re.I)
# a relative clause open up to a quote: 'Humphrey, who calls Trump a "sociopath," said'
_IN_RELATIVE = re.compile(r",\s+(?:who|which|whose|[a-z]{3,}ing|the|a|an)(?:\s[^,;:.\"“”§]*)?$")
_WHO_AGAIN = frozenset(("who", "but who", "and who", "who also", "who later", "who then", "and who also"))
_SAME_SUBJECT = frozenset(("and", "but", "and later", "and also", "then", "and then", "but also"))


def _again(seg: _Segment, last: Citation, verb: str, vs: int, ve: int) -> Citation:
    """A second citation of the same source in one sentence ("..., and said B",
    "..., adding that"): GOLD_FORMAT.md counts each reporting verb."""
    text, b = seg.article.text, seg.end
    quotes = [(qa, qb) for qa, qb in seg.quotes if qa >= ve]
    if quotes:
        quote, qs, qe = _quote_text(text, quotes), quotes[0][0], quotes[-1][1]
    else:
        qs, qe = ve, b
        quote = re.sub(r"^(?:that\s+)", "", text[qs:qe].strip(" ,.;:\"“”")).strip()
    return Citation(seg.paragraph, last.speaker, last.source, verb, quote, bool(quotes), seg.start, seg.end,
                    qs, qe, last.anonymity_reason, last.speaker_start, last.speaker_end)


_DASHES = ("—", "–", "-", "--")


def _dash_parenthesis(masked: str, breaks: list, left_start: int, vs: int, floor: int) -> tuple[int, str] | None:
    """The subject of a verb that follows a dash: "Trump - who said X - said Y",
    "Trump — who said X — said Y". The words before the opening dash are the subject
    of the verb after the closing dash, and the antecedent of "who" inside the dashes.
    Returns ``(start, left)`` to read instead, or None."""
    if not breaks or breaks[-1].end() != left_start or breaks[-1].group().strip() not in _DASHES:
        return None
    inside = masked[left_start:vs].strip()
    if inside and not re.match(r"(?:who|which)\b", inside, re.I):
        return None
    dashes = [q for q in breaks if q.group().strip() in _DASHES]
    if inside:  # the verb inside the dashes: "Trump - who previously said"
        opening, rest = dashes[-1], ", " + inside
    elif len(dashes) >= 2:  # the verb after the closing dash: "... - said"
        opening, rest = dashes[-2], ""
    else:
        return None
    start = floor
    for q in breaks:
        if q.end() <= opening.start() and q.group().strip() not in _DASHES:
            start = q.end()
    before = masked[start:opening.start()]
    if not before.strip() or len(before.split()) > 12:
        return None
    return start, before.rstrip() + rest + " "


def _title_case(s: str) -> bool:
    """Is ``s`` a headline in title case ("Trump Says He Never Pledged ...")?"""
    words = [w for w in s.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def _cite_segment(seg: _Segment) -> list[Citation]:
    """The citations of one sentence (or semicolon clause): usually one; a second one
    when another source speaks in a later comma clause ("..., the ministry said, as
    doctors warned that ...")."""
    art = seg.article
    text, masked, names, lex, hits = art.text, art.masked, art.names, art.lexicon, art.hits
    a, b, seg_quotes = seg.start, seg.end, seg.quotes
    art.registry.pending = []
    verbs = hits.verbs(a, b)
    seg_text = masked[a:b]
    if not verbs and not hits.participle(a, b) and not _maybe_cue(seg_text):
        return []  # most sentences: no cue at all, nothing more to read
    if hits.anonymity(a, b):
        seg.anonymous, seg.reason = _anonymity(text[a:b])
    out: list[Citation] = []
    floor = a  # after a first citation, only clauses after its attribution are read
    first_start = a
    for vs, ve in verbs:
        if vs < floor:
            continue
        verb = re.sub(r"\s+", " ", masked[vs:ve].lower())
        if masked[vs].isupper() and verb != "according to" and not _title_case(seg_text) and not (
                vs == a and verb in _VERBS_OPENING):  # "Said Ellis: ...", "Stated Stone: ..." open with the verb
            continue  # "the United States", "Reports of ..."; but a headline's "Trump Says He ..." 
        if verb == "called" and not _called_cites(masked, ve):
            continue  # "called police", "called for" are not citations; "called it "a retrograde step"" is
        if not _is_statement_verb(masked, vs, ve, verb, lex):
            continue  # "secretary of state", "had agreed to support"
        np, appos, span_start, span_end = None, "", vs, ve
        voice = "" if verb == "according to" else _passive(masked, vs, ve)
        if voice == "passive" and verb != "quoted":
            continue  # "he was told", "they were warned": the subject is not the speaker
        if voice == "by" and verb in lex.clause_verbs:
            continue  # "data maintained by the company": a clause verb cites only before a clause
        if verb == "according to" or voice == "by":
            # "according to X"; "was confirmed by X", "as reported by X"
            after = masked.index("by", ve) + 2 if voice == "by" else ve
            words, appos, end = _np_after(masked, after, b)
            np = _parse_np(words, names)
            if np is None and verb == "according to":
                np = _fallback_np(words, names)  # "according to a Pentagon readout"
            span_end = end
            if voice == "by" and np is not None and np.kind == "pronoun":
                np = None
        else:
            # the clause before the verb starts after the last quote, semicolon or dash
            left_start = floor
            breaks = list(_CLAUSE_BREAK.finditer(masked, floor, vs))
            # a quoted term inside a relative clause does not end the subject:
            # 'Humphrey, who calls Trump a "sociopath," said he ...'
            terms = [(qa, qb) for qa, qb in seg_quotes if floor <= qa and qb <= vs and qb - qa < 80
                     and text.count(" ", qa, qb) <= 5 and _IN_RELATIVE.search(masked, floor, qa)] if seg_quotes else []
            if terms:
                breaks = [m for m in breaks if not any(qa <= m.start() < qb for qa, qb in terms)]
            if breaks:
                left_start = breaks[-1].end()
            for qa, qb in seg_quotes:
                if left_start < qb <= vs and (qa, qb) not in terms:
                    left_start = qb
            paren = _dash_parenthesis(masked, breaks, left_start, vs, floor)
            if out:
                comma = masked.find(",", floor, vs)
                # a few words between a closing quote and the verb: the subject of a second citation
                after_quote = any(floor <= qb <= vs and masked[qb:vs].strip(" ,") and masked[qb:vs].count(" ") <= 6
                                  for qa, qb in seg_quotes)
                if comma < 0 and after_quote and left_start > floor:
                    pass  # '... could be termed "influence peddling," The Washington Post reported'
                elif comma < 0 and any(floor <= qb <= vs and not masked[qb:vs].strip() for _, qb in seg_quotes):
                    left_start = vs  # 'Polling shows that "...," said Sylke Tempel': the speaker follows
                elif comma < 0 and out[-1].speaker == "who" and masked[floor:vs].count(" ") <= 8:
                    # "Even Republicans who have praised his candidacy warned ...": the antecedent again
                    last = out[-1]
                    out.append(_again(seg, last, verb, vs, ve))
                    out[-1].speaker = last.source.speaker
                    floor = ve
                    continue
                elif comma < 0:
                    # "Reuters reported a government source said": a source inside the report
                    inner = _THAT.sub("", masked[floor:vs])
                    joined = inner.rfind(" and ")
                    if len(inner.split()) > 6 and joined >= 0 and len(inner[joined + 5:].split()) <= 5 and \
                            verb not in lex.stance_verbs:
                        # "One in three said ... and one in four said": a second subject after "and"
                        second = _AUXILIARY_TAIL.sub("", inner[joined + 5:].rstrip())
                        other = _parse_np(second, names)
                        if other is not None and other.kind not in ("pronoun", "reporter"):
                            inner = inner[joined + 5:]
                    if not inner.strip() or len(inner.split()) > 6 or verb in lex.stance_verbs:
                        continue  # not "said the union expected production to improve": a reported view
                    left_start = vs - len(inner)
                elif masked[comma + 1:vs].rstrip().endswith(",") and masked.count(",", comma + 1, vs) == 1 and \
                        _is_full_name(masked[floor:comma].strip()) and left_start <= floor:
                    pass  # "NPR reported Adil Abdul-Mahdi, the caretaker Prime Minister, recommended": the name
                else:
                    left_start = max(left_start, comma + 1)
            left = masked[left_start:vs]
            if terms and not masked[terms[-1][1]:vs].strip(" ,"):
                rel = _IN_RELATIVE.search(masked, left_start, terms[-1][0])
                if rel is not None:
                    left = masked[left_start:rel.start()]  # the subject before its relative clause
            if paren is not None:
                left_start, left = paren
            if "ccording to" in left:
                continue  # "according to initial reports": a noun, inside an attribution
            if out and not left.strip(" ,") and first_start > a + 2 and masked[a:first_start].rstrip().endswith(","):
                # "Witnesses, according to The Telegraph, said ...": the subject precedes
                left_start, left = a, masked[a:first_start]
            if _AND_PREDICATE.search(left) and not out:
                # "Reid caucused on Saturday and says he voted": the sentence's subject
                np = _leading_np(masked[a:vs], names)
                if np is not None and verb in lex.document_verbs and np.head not in _DOCUMENT_HEADS:
                    np = None  # "The photographer lost his passport, but found it"
                if np is not None:
                    left = ""
                    span_start = a
                    if np.guess:
                        np = _NP("named" if _PERSONAL.search(masked, ve, b) else "institutional", np.speaker,
                                 name=np.name, head=np.head)
            if left.rstrip().endswith(",") and verb not in lex.document_verbs and left.strip(" ,"):
                # "..., said David Axelrod, a former strategist." : the speaker follows the verb,
                # whatever names the fronted clause holds ("... bridges to Mr. Sanders, said ...")
                words2, appos2, end2 = _np_after(masked, ve, b)
                first2 = masked[ve:end2].split(" ", 2)[1:2]
                np2 = _parse_np(words2, names) if words2 and verb not in _OBJECT_VERBS and \
                    _INVERSION_END.match(masked, end2, b) and not (
                    first2 and (first2[0].lower() in lex.intro_words | _PREPOSITIONS_AFTER
                                or _clause_subject(first2[0]))) and not \
                    _is_appositive(_subject_before(left, names, verb)[1].split(",")[0]) else None
                # not "Boon, the head of ..., said about Amman"; but "..., a state she hoped to
                # carry, the race will be tight, said Dan Gerstein": a clause, not an appositive
                if np2 is None and words2 and verb not in _OBJECT_VERBS and any(qb <= vs for _, qb in seg_quotes):
                    # '"We're extremely happy" about the decision, said RoseAnn DeMoro, executive
                    # director of ..., a union that ...': after a quote, a full name speaks
                    # even when its long appositive ends in a clause
                    full = _parse_np(words2, names)
                    if full is not None and full.kind == "named" and len(full.name.split()) >= 2:
                        np2 = full
                if np2 is not None and np2.kind not in ("pronoun", "reporter"):
                    np, appos, span_start, span_end, left = np2, appos2, vs, end2, ""
            if left.strip():
                np, appos = _subject_before(left, names, verb)
                span_start = left_start + len(left) - len(left.lstrip())
                if np is not None:
                    found_at = masked.find(np.speaker.split(",")[0][:40], left_start, vs)
                    span_start = found_at if found_at >= 0 else span_start
                if np is not None and np.kind != "pronoun" and verb in lex.document_verbs and \
                        np.head not in _DOCUMENT_HEADS and not np.document and not (
                        verb in _FINDING_VERBS and _THAT_NEXT.match(masked, ve)
                        and (np.kind == "institutional" or (np.kind == "anonymous" and np.plural))):
                    np = None  # "records show", "the study found"; not "she found"
                    # but "the Department of Justice found that", "the authors found that": findings
            if np is None and out and left.strip(" ,").lower() in _SAME_SUBJECT | _WHO_AGAIN:
                # "X told reporters he was happy, and said the mine would reopen": X again;
                # '"...," said Mr. Ekovich, who noted that ...': Ekovich again
                out.append(_again(seg, out[-1], verb, vs, ve))
                who = re.search(r"\bwho\b", left)
                if who:  # the relative pronoun is this citation's speaker, as PolNeAR marks it
                    out[-1].speaker, out[-1].speaker_start = "who", left_start + who.start()
                    out[-1].speaker_end = left_start + who.end()
                floor = ve
                continue
            if np is None and (not left.strip() or left.rstrip().endswith(",")) and (
                    not out or not left.strip(" ,")):
                if verb in lex.document_verbs:
                    continue
                words, appos2, end = _np_after(masked, ve, b)
                np2 = _parse_np(words, names) if words and (not out or (
                    (_INVERSION_END.match(masked, end, b) or _DESCRIBED_SOURCE.match(words))
                    and verb not in _OBJECT_VERBS)) and \
                    not _clause_subject(words.split(" ", 1)[0]) else None  # not "said he would deport ..."
                if np2 is None and words and seg_quotes and masked[max(a, vs - 4):vs].rstrip()[-1:] in ('"', "”", "'") \
                        and _UNLISTED_PERSON.fullmatch(words) and not out:
                    # '"...," said the designer, who works for ...': after a quote, the
                    # inverted subject is the speaker, whatever its noun
                    np2 = _NP("anonymous", words, head=words.split()[-1].lower(), definite=words[:4].lower() == "the ")
                if np2 is not None and np2.kind != "named" and len(np2.speaker.split()) > 12 and \
                        not _DESCRIBED_SOURCE.match(np2.speaker):
                    np2 = None  # '"terrible," denounced her record as ... and said she ...': a clause
                    # but not "said a Mexican official who was not authorized to speak publicly on this issue"
                if np2 is not None and np2.kind != "pronoun":
                    np, appos, span_start, span_end = np2, appos2, vs, end
                elif out and out[-1].speaker == "who" and not left.strip(" ,"):
                    # "Ana Ruiz, who said the plan was good, added that ...": the same speaker
                    last = out[-1]
                    out.append(_again(seg, last, verb, vs, ve))
                    out[-1].speaker = last.source.speaker
                    floor = ve
                    continue
        if np is None or np.kind == "reporter":
            continue
        if verb in ("posted", "written", "published") and np.head in _DOCUMENT_HEADS:
            continue  # "In a video message posted to Twitter, Warren said": a participle, not the message speaking
        if verb in lex.bare_verbs and np.kind != "named" and not np.plural and _INDEFINITE_ONE.match(np.speaker) and \
                _word_before(masked, vs) not in _MODALS:
            continue  # "helped an East German journalist write a book": no singular subject takes "write"
        if verb in lex.bare_verbs and _word_before(masked, span_start) in _CAUSATIVES:
            continue  # "threatened to make Kadzik testify", "let them say": an act done to the subject
        if np.speaker in _PARTY_ADJECTIVES:
            continue  # "Democratic calls for her to bow out": an adjective, not a speaker
        if np.speaker.split()[-1].lower() in ("or", "and", "but", "nor"):
            continue  # "refuses to release his tax records or explain how": a verb phrase, not a subject
        if (np.guess or np.speaker.lower() in QUANTIFIER_PEOPLE or _VERB_NEXT.match(masked, ve)) and \
                verb in _NOUN_LIKE_VERBS:
            continue  # "Early reports suggested", "Some reports say", "Local news reports said": a noun here
        if np.guess and (_PERSONAL.search(masked, ve, b) or appos.lower().startswith(("who ", "whose ", "speaking "))
                         or _role_of(appos) or verb in lex.person_verbs or vs == a):  # "Stated Stone: ..."
            # "Zelenskyy said in his nightly address", "Reed, the mayor, insisted": a person
            # "Zelenskyy said in his nightly address": a person, known by one name here
            np = _NP("named", np.speaker, name=np.speaker, head=np.head)
        low = np.speaker.lower().removeprefix("the ")
        if art.outlet and (low == art.outlet or low == art.outlet.removeprefix("the ")):
            continue
        art.registry.pending = [c.source for c in out]  # "X said ..., which he argued ...": X is "he"
        both = _split_compound(np, names)  # "The ministry and the police said": both speak
        cits = [c for c in (_make_citation(seg, one, appos if len(both) == 1 else "", verb, span_start, span_end)
                            for one in both) if c is not None]
        cits = [c for c in cits if not any(c.source is o.source and c.speaker_start == o.speaker_start for o in out)]
        if not cits:
            continue
        if not out:
            first_start = span_start
        out.extend(cits)
        floor = max(span_end, ve)
        if len(out) >= 2:
            break
    if out and len(out) < 2:
        q = _QUOTED_AS.search(seg_text)
        if q:
            np = _parse_np(q.group(1).split(",")[0], names)
            if np is not None and np.kind not in ("reporter", "pronoun"):
                cit = _make_citation(seg, np, "", "quoted as saying", a + q.start(1), a + q.end())
                if cit is not None and cit.source is not out[0].source:
                    out.append(cit)
    if out and len(out) < 2 and "with " in masked[floor:b]:
        # "... described themselves as liberals, with about three in 10 saying they are"
        m = _WITH_PARTICIPLE.search(masked, floor, b)
        cit = _with_citation(seg, m) if m else None
        if cit is not None and cit.source is not out[-1].source:
            out.append(cit)
            floor = m.end(3)
    if out and hits.participle(floor, b):
        m = lex.participle_re.search(masked, floor, b)
        if m is not None and m.group(1).lower() not in ("citing", "according") and \
                not _TO_AFTER.match(masked, m.end(1)):
            out.append(_again(seg, out[-1], m.group(1).lower(), m.start(1), m.end(1)))  # "..., adding that"
    out.extend(_relayed(seg, out))
    if out:
        return out
    m = _COLON_SPEAKER.match(masked, a, b)
    if m and m.group(1).lower() not in _COLON_LABELS and not _HEADLINE_PHRASE.search(m.group(1)) and (
            seg_quotes or seg.start == seg.para_start) and \
            len(text[m.end():b].split()) >= 3 and not masked[m.end():m.end() + 1].isdigit():
        # "Sanders: Brexit's message could help Trump" (a headline), 'Ms. Lee: "We won."'
        np = _parse_np(m.group(1), names)
        if np is not None and np.kind not in ("reporter", "pronoun"):
            if np.guess and len(m.group(1).split()) >= 2:
                np = _NP("named", np.speaker, name=np.speaker, head=np.head)
            cit = _make_citation(seg, np, "", ":", a + m.start(1), a + m.end(1))
            if cit is not None:
                return [cit]
    m = _DASH_SIGNATURE.match(masked, seg_quotes[-1][1], b) if seg_quotes else None
    if m:
        # a quote signed after a dash: '"I helped write that bill." - Sanders.'
        np = _parse_np(m.group(1), names)
        if np is not None and np.kind not in ("reporter", "pronoun"):
            if np.guess:
                np = _NP("named", np.speaker, name=np.speaker, head=np.head)
            cit = _make_citation(seg, np, "", "-", m.start(1), m.end(1))
            if cit is not None:
                return [cit]
    # a participle hanging off the sentence: "The ministry issued a statement, saying ...",
    # "... opened on Monday, with prosecutors telling jurors that ..."
    m = _WITH_PARTICIPLE.search(masked, a, b) if "with " in seg_text else None
    cit = _with_citation(seg, m) if m else None
    if cit is not None:
        return [cit]
    m = lex.participle_re.search(seg_text) if hits.participle(a, b) else None
    if m is not None and (m.group(1).lower() == "citing" or _TO_AFTER.match(seg_text, m.end(1))):
        m = None  # ", citing X": X is the source (read by _relayed); ", adding to his wins": no statement
    if m is None and "statement" in seg_text:
        m = _STATEMENT_SAYING.search(seg_text)  # "X issued a statement saying ..."
    if m is None and hits.participle(a, b):
        m = lex.prep_participle_re.search(seg_text.lower())  # "X continued by saying ..."
    if m:
        np = _leading_np(masked[a:a + m.start(1)], names)
        if np is not None and np.kind not in ("reporter",):
            cit = _make_citation(seg, np, "", m.group(1).lower(), a + m.start(1), a + m.end(1))
            if cit is not None:
                return [cit]
    return []


_CALLING_FOR = re.compile(r"\s+(?:for|on)\s")


def _with_citation(seg: _Segment, m: re.Match) -> Citation | None:
    """The citation of a :data:`_WITH_PARTICIPLE` match in the masked text: its
    subject speaks, or the name in that subject's appositive ("with the next country,
    the United Kingdom, reporting")."""
    if m.group(3).lower() == "calling" and not (_called_cites(seg.article.masked, m.end(3)) or
                                                 _CALLING_FOR.match(seg.article.masked, m.end(3))):
        return None  # "with police calling in reinforcements"; "with X calling Trump a fascist" cites
    g = 2 if m.group(2) else 1
    np = _parse_np(m.group(g), seg.article.names)
    if np is None or np.kind in ("reporter", "pronoun"):
        return None
    return _make_citation(seg, np, "", m.group(3), m.start(g), m.end(3))


def _make_citation(seg: _Segment, np: _NP, appos: str, verb: str, span_start: int,
                   span_end: int) -> Citation | None:
    """Resolve ``np`` to a source and build the citation, or None when it resolves
    to nothing ("he" with no person before it)."""
    art, a, b, p, seg_quotes = seg.article, seg.start, seg.end, seg.paragraph, seg.quotes
    if np.kind == "named" and not np.role:
        np.role = _role_of(appos)
    speaker_text = np.said_as or np.speaker
    if np.kind == "anonymous" and appos and not np.speaker.endswith(appos):
        # "a woman, who asked not to be named," keeps its relative clause
        if appos.lower().startswith(("who ", "whose ", "familiar ", "speaking ")):
            np.speaker = f"{np.speaker}, {appos}"
    art.registry.pos = max(a, min(span_start, b))  # "minister Stefano Patuanelli ..., but the minister said"
    src = art.registry.resolve(np, p, seg.anonymous and np.kind != "named")
    art.registry.pos = a
    if src is None:
        return None
    direct = bool(seg_quotes)
    if direct:
        quote = _quote_text(art.text, seg_quotes)
        qs, qe = seg_quotes[0][0], seg_quotes[-1][1]
    else:
        qs, qe = (a, span_start) if span_start > a + 2 else (span_end, b)
        quote = re.sub(r"^(?:that\s+)", "", art.text[qs:qe].strip(" ,.;:\"“”")).strip()
    ss, se = _speaker_offsets(art.masked, speaker_text, a, b, span_start)
    return Citation(p, speaker_text, src, verb, quote, direct, a, b, qs, qe,
                    seg.reason if seg.anonymous else "", ss, se)


def _speaker_offsets(masked: str, speaker: str, a: int, b: int, near: int) -> tuple[int, int]:
    """Offsets of ``speaker``'s words inside ``masked[a:b]``: the occurrence closest
    to ``near`` (where the speaker phrase was read); ``(-1, -1)`` when not found."""
    core = speaker.strip()
    if not core:
        return -1, -1
    best, k = -1, masked.find(core, a, b)
    while k >= 0:
        e = k + len(core)
        if not (k > 0 and masked[k - 1].isalnum()) and not (e < len(masked) and masked[e].isalnum()) \
                and (best < 0 or abs(k - near) < abs(best - near)):
            best = k
        k = masked.find(core, k + 1, b)
    return (best, best + len(core)) if best >= 0 else (-1, -1)
