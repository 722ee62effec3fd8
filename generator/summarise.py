"""Summarise stage: 3–5 verbatim sentences of the cleaned body, in reading order, and a lead.

Extractive on purpose: every sentence is copied from the article, so a summary can never say
what the article does not.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import Document
from .sentences import split_sentences

MIN_WORDS = 8
MAX_WORDS = 60
_DANGLING = re.compile(r"^(?:He|She|They|It|This|That|These|Those|His|Her|Their|But|And|Also)\b")
_WORD = re.compile(r"[a-z][a-z’'-]+")
STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as is are was were be been being it
    its this that these those he she they his her their them we our you your i not no so than
    then there here also has have had do does did will would could should may might can said
    says about into over after before more most some such which who whom what when where why how
    """.split()
)


def _candidates(document: Document) -> list[tuple[int, str]]:
    out = []
    for index, para in enumerate(document.paragraphs):
        for sentence in split_sentences(para.text):
            words = sentence.split()
            if MIN_WORDS <= len(words) <= MAX_WORDS and sentence[-1:] in '.!?”"’':
                out.append((index, sentence))
    return out


def summarise(document: Document) -> tuple[tuple[str, ...], str]:
    """The summary sentences and where they come from ("outlet" or "extracted")."""
    if len(document.outlet_summary) >= 2:
        return document.outlet_summary[:5], "outlet"
    candidates = _candidates(document)
    if not candidates:
        return tuple(p.text for p in document.paragraphs[:3]), "extracted"
    freq = Counter(w for _, s in candidates for w in _WORD.findall(s.lower()) if w not in STOPWORDS)
    want = 3 if len(candidates) < 15 else 4 if len(candidates) < 30 else 5
    scored = []
    for order, (index, sentence) in enumerate(candidates):
        words = [w for w in _WORD.findall(sentence.lower()) if w not in STOPWORDS]
        content = sum(freq[w] for w in set(words)) / (len(set(words)) + 4)
        position = 1.0 / (1 + index)
        penalty = 0.5 if _DANGLING.match(sentence) else 1.0
        scored.append(((content * 0.2 + position * 2.0) * penalty, order))
    chosen = sorted(order for _, order in sorted(scored, reverse=True)[:want])
    summary = []
    for order in chosen:
        sentence = candidates[order][1]
        if sentence not in summary:
            summary.append(sentence)
    return tuple(summary), "extracted"


def lead(document: Document, summary: tuple[str, ...]) -> str:
    """One line for the home page and search previews: the first summary sentence."""
    if summary:
        return summary[0]
    return document.paragraphs[0].text if document.paragraphs else ""
