"""Sentence splitting for news text: abbreviations, initials, quotes, ellipses.

Every sentence returned is a verbatim slice of its paragraph, so summaries built from them
stay verbatim.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st jr sr inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec vs etc no vol fig approx dept est
    u.s u.k u.n e.u d.c a.m p.m i.e e.g
    """.split()
)
"""Words that end in a full stop without ending the sentence."""

_BOUNDARY = re.compile(r"(?<=[.!?…])[”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, each an exact substring of `text`."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start()
        candidate = text[start:end]
        # the boundary regex lookbehind sits before closing quotes; include them
        closing = re.match(r"[”’\"')\]]*", text[end:]).group(0)
        piece = text[start : end + len(closing)]
        last_word = re.search(r"([\w.]+)[.]$", candidate)
        if last_word:
            word = last_word.group(1).lower().rstrip(".")
            if word in ABBREVIATIONS or re.fullmatch(r"[a-z]", word):
                continue
        sentences.append(piece.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]
