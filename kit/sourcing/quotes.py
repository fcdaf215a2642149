"""Quotation marks: pair them into quote spans, and mask what is inside.

Marks are paired per paragraph (straight and curly); a quote left open at the end of
a paragraph runs on when the next paragraph opens with a quote mark; single quotes
are used when an article has no double quotes, as in British copy. The masked text
(every quoted character replaced by ``§``, offsets kept) is what the later stages
search for cues and speakers, so that words inside a quote never count.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from kit.text import sentence_spans

# two apostrophes stand for a double quote in some wire copy (''like this,'' he said);
# of three, the first two open a double quote before a single one (''''Fox' is''), and
# the last two close it after one ('on 'Fox,''' he said)
_DOUBLE = re.compile(r"''(?='\w)|''(?!')|[\"“”„«»]")
_SINGLE_OPEN = re.compile(r"(?<![\w.,!?’'])[‘'](?=[\w\"“])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…%)])[’'](?![\w])")


def _quote_spans(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Quote spans ``(start, end, runs_on)``: start at the opening mark, end after the
    closing mark (or at the paragraph's end when the quote runs on)."""
    spans: list[tuple[int, int, bool]] = []
    use_single = _DOUBLE.search(text) is None
    for a, b in paras:
        if use_single:
            marks = sorted([(m.start(), m.end(), "open") for m in _SINGLE_OPEN.finditer(text, a, b)]
                           + [(m.start(), m.end(), "close") for m in _SINGLE_CLOSE.finditer(text, a, b)])
        else:
            marks = []
            for m in _DOUBLE.finditer(text, a, b):
                ch, pos = m.group(), m.start()
                what = "open" if ch in "“„«" else "close" if ch in "”»" else "toggle"
                if ch == "“" and pos > a and text[pos - 1] in ",.!?" and (pos + 1 == b or text[pos + 1].isspace()):
                    what = "close"  # a typo: '“It's unusual,“ said ...' closes with an opening mark
                marks.append((pos, m.end(), what))
        open_at, open_end = None, 0
        for pos, end, what in marks:
            if open_at is None and what in ("open", "toggle"):
                open_at, open_end = pos, end
            elif open_at is not None and what in ("close", "toggle"):
                if pos > open_end:
                    spans.append((open_at, end, False))
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



def _quote_text(text: str, seg_quotes) -> str:
    """The words inside the quotes, without their marks, joined by " … "."""
    return " … ".join(text[qa + 1: qb - 1 if text[qb - 1] in "\"”»’'" else qb].strip(" ,'") for qa, qb in seg_quotes)



_OPEN_APOSTROPHES = re.compile(r"''(?=\w)")


def _sentences(text: str, pa: int, pb: int) -> list[tuple[int, int]]:
    """The sentence spans of ``text[pa:pb]``, two apostrophes read as the double quote
    they stand for: "side. ''It's hard,'' he said." is two sentences, as
    'side. "It's hard," he said.' is."""
    chunk = text[pa:pb]
    if "''" not in chunk:
        return [(a + pa, b + pa) for a, b in sentence_spans(chunk)]
    # the same length, so the offsets hold: '' before a word opens (' "'), else closes ('" ')
    spans = sentence_spans(_OPEN_APOSTROPHES.sub(' "', chunk).replace("''", '" '))
    out = []
    for a, b in spans:
        if a > 0 and chunk[a - 1:a + 1] == "''":
            a -= 1
        if b < len(chunk) and chunk[b - 1:b + 1] == "''":
            b += 1
        out.append((a + pa, b + pa))
    return out


def _segments(text: str, masked: str, pa: int, pb: int, para_quotes: list) -> list[tuple[int, int, list]]:
    """The citing units of one paragraph ``text[pa:pb]``: sentences, with every
    sentence boundary inside a quotation removed, then split at semicolons outside
    quotes (clauses joined by a semicolon can each cite someone). Each unit is
    ``(start, end, quotes)``, ``quotes`` being the ``(start, end)`` of the quotations
    inside it. Linear in the paragraph's length.
    """
    sents: list[list[int]] = []
    j = 0  # the first quote that ends after the previous sentence
    for a, b in _sentences(text, pa, pb):
        if sents:
            while j < len(para_quotes) and para_quotes[j][1] <= sents[-1][1]:
                j += 1
            if j < len(para_quotes) and para_quotes[j][0] < a:
                sents[-1][1] = b  # a boundary inside a quotation does not end the citation
                continue
        sents.append([a, b])
    starts = [q[0] for q in para_quotes]
    out = []
    for sa, sb in sents:
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
            seg_quotes = []
            for i in range(bisect_left(starts, a), len(starts)):
                qa, qb = para_quotes[i][0], para_quotes[i][1]
                if qa > b + 1:
                    break
                if qb <= b + 1:
                    seg_quotes.append((qa, qb))
            out.append((a, b, seg_quotes))
    return out
