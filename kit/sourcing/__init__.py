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

The package follows the way the data flows, one module a stage:
``quotes`` (pair quotation marks, mask their insides), ``cues`` (reporting verbs,
participles, anonymity phrases), ``speakers`` (the phrase around a cue that names
who speaks), ``kinds`` (read a phrase as a source of a kind), ``mentions`` (the
article's distinct sources and what a later mention refers to), ``citations`` (the
per-text analysis that runs them in order), ``frames`` (the DataFrame verbs) and
``highlight`` (HTML); ``lexicon`` loads the word lists of ``kit/data``.
"""
from __future__ import annotations

from kit.sourcing.citations import Citation, TextSourcing, analyse_text
from kit.sourcing.frames import (ATTRIBUTION_COLUMNS, SOURCE_COLUMNS, SUMMARY_COLUMNS, attributions, sources,
                                 sourcing_by, sourcing_summary, sourcing_tables)
from kit.sourcing.highlight import highlight_sources
from kit.sourcing.kinds import KIND_COLOURS, KINDS, head_key

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
