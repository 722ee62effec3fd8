"""Sentence splitting for news text: abbreviations, initials, quotations, ellipses, headlines.

Every sentence returned is a verbatim slice of its paragraph, so summaries and timelines built
from them stay verbatim. A quotation is never cut in two: a summary sentence that opens a
quotation it does not close would misquote its speaker. Chosen by
`benchmarks/bench_sentences.py`: on hand-made news cases it beats Punkt and BlingFire (which
break after "Gov.", "No." or "B.B." and inside quotations) at their speed; pysbd, nearly as
accurate, is 40 times slower.
"""

from __future__ import annotations

import functools
import re

TITLES = frozenset(
    """
    mr mrs ms mx dr prof gen col lt sgt capt cpl cmdr adm maj gov sen rep rev fr st supt det
    insp pres no nos vs v fig pp ft mt messrs
    """.split()
)
"""Abbreviations that stand before a name or number, so never end a sentence."""

ABBREVIATIONS = frozenset(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp jr sr bros etc approx est
    dept univ assn ave blvd rd
    """.split()
)
"""Abbreviations that may end a sentence: only a sentence-opening word after them splits."""

STARTERS = frozenset(
    """
    a an the he she it they we i you his her its their our my this that these those there here
    but and or so yet in on at for after before when while if as although though however
    meanwhile still then now some many most one both each no not what why how who where
    """.split()
)
"""Words that open sentences but rarely follow an abbreviation inside one ("the U.S. The …")."""

SPEECH_VERBS = frozenset("said says asked asks added adds told wrote tweeted replied insisted continued".split())
"""Verbs of an attribution tail: `“Why now?” Mr. Putin asked.` is one sentence."""

_CLOSERS = "[”’\"')\\]]*"
_NEXT_OPENS = "[“‘\"'(\\[]?[A-Z0-9]"
_CANDIDATE = re.compile(
    rf"[.!?…\n](?:(?<=\.)\.\.{_CLOSERS}(?=\s+{_NEXT_OPENS})|(?<=[.!?…]){_CLOSERS}(?=\s+{_NEXT_OPENS})|(?<=\n)(?=\s*{_NEXT_OPENS}))"
)
"""Where a sentence may end: an ellipsis or a stop (and closing marks) before white space and a
capital or digit, or a line break before one. Each stop is consumed first and told apart by a
look back, so that `re` scans for the rare stop characters instead of trying a match at every
position (three times faster; the same matches as `…|…` alternatives)."""
GLUED_OPENERS = ("The", "He", "She", "They", "This", "In", "Scroll")
_GLUED_HINTS = tuple(f" {opener} " for opener in GLUED_OPENERS)
"""What `_GLUED` cannot match without: a quick test before the slow search."""
_GLUED = re.compile(rf"(?<=\s)[a-z0-9][\w’'-]*\)?(?= (?:{'|'.join(GLUED_OPENERS)}) [a-z])")
"""A caption or headline whose line break was lost: `… than a colleague The cost of divorce …`."""
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT_WORD = re.compile(r"\s*[“‘\"'(\[]?([\w’']+)")
_CURLY = re.compile(r"“[^“”]*”")
_STRAIGHT = re.compile(r"\"(?<!\w.)[^\"]*\"(?!\w)")
_SINGLE = re.compile(r"['‘](?<![\w’'].)(?=\w)[^\n]{0,800}?(?<=[\w.,!?…])['’](?!\w)")
"""Quotations in straight and single marks. Each opens with its mark and then looks back for a word
character before it, so that `re` scans for the mark instead of trying the look-behind everywhere."""


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each balanced quotation; an unclosed quotation mark protects nothing."""
    marked = [pattern for mark, pattern in (("“", _CURLY), ('"', _STRAIGHT)) if mark in text]
    spans = [m.span() for pattern in marked for m in pattern.finditer(text)]
    if not spans and ("'" in text or "‘" in text):
        spans = [m.span() for m in _SINGLE.finditer(text)]
    return spans


def _is_boundary(text: str, end: int, stop: str, after: int, quoted: list[tuple[int, int]]) -> bool:
    """Whether the stop ending at `end` (closing marks end at `after`) closes a sentence."""
    if quoted and any(start < after < finish for start, finish in quoted):
        return False
    if stop != ".":
        return True
    # the word before the stop (text[end - 1]): the last run of non-space characters in the 40
    # before it, cut with `rsplit` rather than by a regex search that tries every position
    before = text[max(0, end - 40) : end - 1]
    if not before or before[-1].isspace():
        return True
    word = before.rsplit(None, 1)[-1].lstrip("(“‘\"'[")
    lower = word.lower()
    if lower in TITLES:
        return False
    if lower in ABBREVIATIONS or _INITIALISM.fullmatch(word) or (len(word) == 1 and word.isalpha()):
        following = _NEXT_WORD.match(text, end)  # only after an abbreviation does the next word decide
        return bool(following) and following.group(1).lower() in STARTERS
    return True


def _is_attribution(previous: str, piece: str) -> bool:
    """`Mr. Putin asked.` after a quotation that ends in ? or ! belongs to that quotation."""
    if not (previous[-2:-1] in "?!" and previous[-1:] in "”\"’'"):
        return False
    words = piece.rstrip(".").split()
    return len(words) <= 8 and any(w.lower() in SPEECH_VERBS for w in words) and not any(q in piece for q in '“”"')


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, each an exact substring of `text`."""
    return list(_split(text))


@functools.lru_cache(maxsize=1024)
def _split(text: str) -> tuple[str, ...]:
    """`split_sentences`, kept for the paragraphs of the last few articles: the summary and
    dates stages both split every paragraph of an article."""
    quoted = _quoted_spans(text)
    starts: list[int] = []
    sentences: list[str] = []  # each `text[starts[i]:end].strip()`
    start = 0
    ends = [m.end() for m in _CANDIDATE.finditer(text) if _accepts(text, m, quoted)]
    if any(map(text.__contains__, _GLUED_HINTS)):
        ends += [m.end() for m in _GLUED.finditer(text) if not any(a < m.end() < b for a, b in quoted)]
    ends.sort()
    for end in [*ends, len(text)]:
        piece = text[start:end].strip()
        if piece:
            if sentences and _is_attribution(sentences[-1], piece):
                sentences.pop()
                start = starts.pop()
                piece = text[start:end].strip()
            starts.append(start)
            sentences.append(piece)
        start = end
    return tuple(sentences)


def _accepts(text: str, match: re.Match[str], quoted: list[tuple[int, int]]) -> bool:
    stop = match.group(0).rstrip("”’\"')]")
    return stop == "\n" or _is_boundary(text, match.start() + len(stop), stop, match.end(), quoted)
