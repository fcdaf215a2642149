"""Clean article text: keep page furniture, credits, captions and datelines out of it.

The loader (:mod:`kit.load`) and its readers (:mod:`kit.readers`) pass every article
body through :func:`clean_blocks`. A body is split into paragraphs
(:func:`normalise_blocks`), and each paragraph is one of:

- ``boilerplate``: site furniture ("Skip to main content", "Share this", "Related:
  ...", a map legend "██ On ballot"): dropped;
- ``credit``: a photo or image credit alone ("AP Photo, File", "Image: Jane Doe"):
  dropped;
- ``caption``: a photo caption ("FILE - Soldiers guard...", or a sentence that ends
  with its credit, "Jo Jorgensen in July 2020. Image: Gage Skidmore."): kept apart in
  the ``captions`` column;
- ``byline``: "By Jane Roe": kept in the ``byline`` column;
- ``dateline``: a paragraph that is only a date ("Monday, August 3, 2020"), or the
  place-and-agency opening of the first paragraph ("WASHINGTON (AP) — "): kept in
  the ``dateline`` column;
- ``text``: the body.

Source-specific markers are removed in place: the speaker labels of Wikinews
interviews (``((WN))`` and ``((WSS))`` for the interviewer, ``((Jane Doe))`` for the
guest, repeated before every answer, they would rank among the corpus's top terms)
and language tags (``((hi))Hindi language:``).

The patterns are data: ``kit/data/boilerplate.txt``, ``photo_credits.txt`` and
``caption_starts.txt`` (one regular expression a line).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from kit.text import read_word_list, split_paragraphs

__all__ = ["Cleaned", "classify_block", "clean_blocks", "normalise_blocks"]

#: Boilerplate and credit lines are short; longer paragraphs are not tested against
#: those patterns (which also keeps loading fast).
_MAX_BOILERPLATE = 200
_SHORT = 60
_MAX_CREDIT = 80
_MAX_BYLINE = 120
#: A paragraph that ends with an image credit is a caption when what precedes the
#: credit is at most this long; a longer one keeps its body and loses the credit.
_MAX_CAPTION = 400


def _max_width(pattern: str) -> int:
    """The longest text ``pattern`` can match (a large number when unbounded)."""
    try:
        from re import _parser as parser  # Python 3.11+
    except ImportError:  # pragma: no cover
        import sre_parse as parser
    return parser.parse(pattern).getwidth()[1]


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """Boilerplate (all patterns; and those that can match a long line), credits, captions."""
    def alternation(patterns: Iterable[str]) -> str:
        return "|".join(f"(?:{p})" for p in patterns)

    lines = read_word_list("boilerplate.txt")
    boiler = re.compile(alternation(lines), re.IGNORECASE)
    # Most boilerplate is a few words ("Share", "Advertisement"); only patterns with an
    # open-ended part can match a paragraph longer than _SHORT, and only they are tried there.
    open_ended = [p for p in lines if _max_width(p) > _SHORT]
    long_boiler = re.compile(alternation(open_ended), re.IGNORECASE)
    credit = re.compile(alternation(read_word_list("photo_credits.txt")))
    caption = re.compile(alternation(read_word_list("caption_starts.txt")))
    return boiler, long_boiler, credit, caption


# "By Ana Ruiz", "BY ANA RUIZ and TOM REED": names in capitals (only "by" is read in
# any case: "By then, most residents had fled." is the body)
_BYLINE = re.compile(r"^(?i:by)\s+([A-Z][\w.'’-]+(?:[ ,]+(?:(?i:and)\s+)?[A-Z][\w.'’-]+)*)\s*$")
# "... Image: Gage Skidmore." / "... (Image: Patrick Gillett)" / "...AccordsImage: The White House."
_TRAILING_CREDIT = re.compile(
    r"\s*\(?\s*(?:Image|Photo|Photograph|Picture|Photo credit|Image credit|Credit)s?\s*:\s*"
    r"(?P<credit>(?:[A-Z0-9@]|unknown|file|handout|public domain)[^():]{0,79}?)\s*\)?\s*$"
)
_CREDIT_HINTS = ("mage", "hoto", "icture", "redit")


def _has_credit_hint(text: str) -> bool:
    return "mage" in text or "hoto" in text or "icture" in text or "redit" in text
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?"
# A paragraph that is only a date: "Monday, August 3, 2020", "16 January 2019", "2020-08-03".
_DATE_ONLY = re.compile(
    rf"^(?:{_WEEKDAY}\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:,?\s+\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?\.?$",
    re.IGNORECASE,
)
# The opening of a wire story: "WASHINGTON (AP) — ", "LONDON, Jan 5 (Reuters) - ",
# "KYIV, Ukraine — ". An all-capitals place, optional ", Region" or ", date", an
# optional agency in brackets, then a dash.
_AGENCIES = r"AP|Reuters|AFP|UPI|CNN|Bloomberg|dpa|DPA|Xinhua|AAP|PA|NPR|ANSA|EFE|IANS|PTI|TASS|Kyodo"
_LEAD_DATELINE = re.compile(
    rf"^(?P<dateline>[A-Z][A-Z.'’\- ]{{2,40}}(?:,\s+[A-Z0-9][A-Za-z0-9.'’\- ]{{0,30}}){{0,2}}"
    rf"(?:\s*\((?:{_AGENCIES})\))?)\s*[-–—]{{1,2}}\s+(?=\S)"
)
# A weekday and date that open the first paragraph on their own line ("Monday, August 3,
# 2020\nOn Thursday, ..."), as Wikinews pages put them.
_LEAD_DATE = re.compile(
    rf"^(?P<dateline>{_WEEKDAY}\s+(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}))\.?\s+(?=[A-Z\"“‘'])"
)
# Wikinews interview labels: ((WN)), ((WSS)) for the interviewer, ((Name)) for the guest,
# ((hi)) for a language tag.
_INTERVIEWER = re.compile(r"\(\((?:WN|WSS|Wikinews)\)\)\s*:?\s*")
_LANGUAGE_TAG = re.compile(r"\(\([a-z]{2,3}\)\)\s*(?:[A-Z][a-z]+ language\s*:\s*)?")
_SPEAKER = re.compile(r"\(\((?P<name>[^()]{2,60})\)\)\s*:?\s*")


@dataclass
class Cleaned:
    """The parts of an article body after cleaning."""

    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    byline: str | None = None
    dateline: str | None = None

    @property
    def text(self) -> str:
        """The body paragraphs separated by blank lines."""
        return "\n\n".join(self.body)

    @property
    def caption_text(self) -> str | None:
        return "\n\n".join(self.captions) or None


def join_blocks(lines: list[str]) -> list[str]:
    """Stripped lines to paragraphs: the lines between blank lines joined by a space."""
    blocks: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks


def normalise_blocks(text: str) -> list[str]:
    """Paragraphs of ``text`` with inner whitespace collapsed.

    Blank lines separate paragraphs; text with no blank line at all but several lines
    is taken as one paragraph a line (as many CSV and JSON corpora store it).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u00a0" in text:
        text = text.replace("\u00a0", " ")
    lines = [line.strip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    if "" in lines[start:]:  # blank lines: paragraphs of one or more lines
        blocks = join_blocks(lines)
    else:  # one paragraph a line (or a single paragraph)
        blocks = [line for line in lines if line]
    # " ".join(b.split()) is re.sub(r"\s+", " ", b).strip(), 3x faster; text whose only
    # whitespace, line breaks aside, is single ASCII spaces (every other whitespace
    # character is unprintable) is left as it is, faster still.
    if "  " not in text and text.replace("\n", "").isprintable():
        return blocks
    return [b if b.isprintable() and "  " not in b else " ".join(b.split()) for b in blocks]


def _markers(block: str) -> str:
    """Rewrite source-specific markers (Wikinews interview labels)."""
    if "((" not in block:
        return block
    block = _INTERVIEWER.sub("", block)
    block = _LANGUAGE_TAG.sub("", block)
    return _SPEAKER.sub("", block).strip()


def classify_block(block: str, *, credits: bool = True) -> str:
    """One of ``boilerplate``, ``credit``, ``caption``, ``byline``, ``dateline`` or ``text``.

    Parameters
    ----------
    block : str
        One paragraph, whitespace collapsed.
    credits : bool, default True
        Look for an image credit at the end (False when the article has none).

    Returns
    -------
    str
        The kind of paragraph (see the module's docstring).
    """
    return _classify(block.strip(), _patterns(), credits)


def _classify(s: str, patterns: tuple[re.Pattern, ...], credits: bool) -> str:
    boiler, long_boiler, credit, caption = patterns
    n = len(s)
    if not s or (n <= _MAX_BOILERPLATE and (boiler if n <= _SHORT else long_boiler).fullmatch(s)):
        return "boilerplate"
    if n <= _MAX_CREDIT and credit.fullmatch(s):
        return "credit"
    if caption.match(s):
        return "caption"
    if n <= _MAX_BYLINE and _BYLINE.match(s):
        return "byline"
    if n <= _SHORT and _DATE_ONLY.match(s):
        return "dateline"
    if credits and ":" in s and _has_credit_hint(s) and _TRAILING_CREDIT.search(s):
        before = _TRAILING_CREDIT.sub("", s)
        return "credit" if not before.strip() else ("caption" if len(before) <= _MAX_CAPTION else "text")
    return "text"


def clean_blocks(blocks: list[str]) -> Cleaned:
    """Sort paragraphs into body, captions, byline and dateline; drop furniture.

    Parameters
    ----------
    blocks : list of str
        Paragraphs, as from :func:`normalise_blocks`.

    Returns
    -------
    Cleaned
        ``body`` (paragraphs), ``captions``, ``byline`` (the first "By ..." line)
        and ``dateline`` (the first date-only paragraph, or the place-and-agency
        opening of the first body paragraph).
    """
    out = Cleaned()
    patterns = _patterns()
    for b in blocks:
        if "((" in b:
            b = _markers(b)
        kind = _classify(b, patterns, True)
        if kind == "text":
            if ":" in b and _has_credit_hint(b):
                b = _TRAILING_CREDIT.sub("", b)  # a long paragraph that ends with a credit
            if not out.body and out.dateline is None and b[:1].isupper():
                m = _LEAD_DATE.match(b) or _LEAD_DATELINE.match(b)
                if m and any(c.islower() for c in b[m.end():m.end() + 40]):
                    out.dateline = m["dateline"].strip()
                    b = b[m.end():]
            out.body.append(b)
        elif kind == "caption":
            out.captions.append(b)
        elif kind == "byline" and out.byline is None:
            out.byline = _BYLINE.match(b.strip()).group(1)
        elif kind == "dateline" and out.dateline is None:
            out.dateline = b.strip().rstrip(".")
    return out
