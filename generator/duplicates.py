"""Duplicate articles: the same article saved under two names is built once, and the rest reported.

Two seeds are the same article when nearly all the body text of one (after cleaning, with
case, quote marks and white space folded) is in the other: a second download with other
navigation lines, or an updated version with a paragraph added. One briefing per article
keeps the site, the related links and the people pages free of doubles.

The copies found are kept for the next build (`Copies`): then only changed seeds are compared
with the others, one by one and without numpy and scipy, whose import took longer.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from .model import Analysis, Document, SeedError, TextSize

MIN_SHARED = 0.9
"""Share of the smaller article's body text (in characters) found in the other to call it a copy."""
MIN_WORDS = 40
"""Articles shorter than this are too short to call duplicates from their text alone."""
MIN_PARAGRAPH_CHARS = 40
"""Shorter paragraphs ("Advertisement", a one-line quote) are shared by chance: not used as evidence."""
DIRECT_SEEDS = 16
"""Up to this many new or changed seeds are compared with the others one by one, not in one product."""

_QUOTES = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"}
_MARK = re.compile(r"([^\w\s])")
"""A character that is a token alone (punctuation): `_normal` splits the text at each, kept, and
lets `str.split` cut the words at white space, in C, instead of finding each word by a search."""
_ASCII_MARK = re.compile(_MARK.pattern, re.ASCII)
"""`_MARK` for ASCII text: the same marks, without Unicode's tables (an ASCII control character
that it also takes is white space to `str.split`, so dropped all the same)."""


def _normal(text: str) -> str:
    """Case, quote marks and white space folded: the words (runs of `\\w`) and other marks, one
    space between each. Each quote mark is replaced where it occurs:
    `str.translate` with a table looks every character of a paragraph up, eight times slower."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():  # every quote mark folded is outside ASCII
        for mark, plain in _QUOTES.items():
            if mark in text:
                text = text.replace(mark, plain)
    folded = text.casefold()
    pieces = (_ASCII_MARK if folded.isascii() else _MARK).split(folded)
    return " ".join(" ".join(pieces).split())  # words and marks, one space between each


def paragraph_keys(document: Document) -> tuple[tuple[str, int], ...]:
    """(hash of each long normalised paragraph, its length in characters), sorted: computed at
    analysis time, so that comparing thousands of articles costs no text processing."""
    keys: dict[str, int] = {}
    for p in document.paragraphs:
        text = _normal(p.text)
        if len(text) >= MIN_PARAGRAPH_CHARS:
            keys[hashlib.sha1(text.encode()).hexdigest()] = len(text)
    return tuple(sorted(keys.items()))


def text_size(a: Analysis) -> TextSize:
    """The size of the article's body text: kept by an analysis that goes without the text."""
    if a.text_omitted is not None:
        return a.text_omitted
    paragraphs = a.document.paragraphs
    return TextSize(sum(len(p.text.split()) for p in paragraphs), sum(len(p.text) for p in paragraphs))


def _preference(a: Analysis) -> tuple[int, int, str]:
    """Which copy is built: the one an editor corrected most, then the longest, then by path."""
    return (-len(a.seed.front_matter), -text_size(a).characters, a.seed.path)


def _copies(ordered: list[Analysis]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of articles of at least `MIN_WORDS` words sharing paragraphs that make
    `MIN_SHARED` of the smaller one's long-paragraph text. One sparse product over the paragraphs
    held by two articles or more: no Python loop over pairs, however many copies there are."""
    import numpy as np  # here: reading a seed and a build with nothing changed do without them
    from scipy import sparse

    holders: dict[str, list[int]] = defaultdict(list)
    length: dict[str, int] = {}
    for i, a in enumerate(ordered):
        for k, n in a.fingerprint:
            holders[k].append(i)
            length[k] = n
    shared = [k for k, held in holders.items() if len(held) > 1]
    if not shared:
        return []
    rows = [i for k in shared for i in holders[k]]
    cols = [c for c, k in enumerate(shared) for _ in holders[k]]
    shape = (len(ordered), len(shared))
    held = sparse.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=shape)
    sized = sparse.csr_matrix((np.array([length[shared[c]] for c in cols], dtype=np.int64), (rows, cols)), shape=shape)
    both = sparse.triu(held @ sized.T, k=1).tocoo()  # characters of text both articles hold
    totals = np.array([sum(n for _, n in a.fingerprint) for a in ordered], dtype=np.int64)
    big = both.data >= MIN_SHARED * np.minimum(totals[both.row], totals[both.col])  # share of the smaller
    pairs = sorted(zip(both.row[big].tolist(), both.col[big].tolist(), strict=True))
    words = {i: _words(ordered[i]) for i in {i for pair in pairs for i in pair}}
    return [(i, j) for i, j in pairs if words[i] >= MIN_WORDS and words[j] >= MIN_WORDS]


def _words(a: Analysis) -> int:
    return text_size(a).words


def _copies_of(ordered: list[Analysis], c: int) -> list[tuple[int, int]]:
    """`_copies` that article c is in, worked out for it alone: the same sums, integer for integer."""
    mine = set(ordered[c].fingerprint)  # (key, length): a key's text, so its length, is the same in any article
    if not mine or _words(ordered[c]) < MIN_WORDS:
        return []
    total = sum(n for _, n in mine)
    pairs = []
    for j, a in enumerate(ordered):
        if j == c or mine.isdisjoint(a.fingerprint):
            continue
        both = sum(kn[1] for kn in a.fingerprint if kn in mine)
        if both >= MIN_SHARED * min(total, sum(n for _, n in a.fingerprint)) and _words(a) >= MIN_WORDS:
            pairs.append((min(c, j), max(c, j)))
    return pairs


@dataclass(frozen=True)
class Copies:
    """The copies among some analyses: their seeds' sha256 by path, and each pair of paths (in
    order) of articles that are the same."""

    seeds: dict[str, str]
    pairs: list[tuple[str, str]]


def find_copies(analyses: list[Analysis], last: Copies | None = None) -> Copies:
    """The copies among `analyses`. Seeds new or changed since the last build's (`last`) are
    compared with the others one by one when they are few (every seed of a small project); the
    copies among the rest are as they were."""
    ordered = sorted(analyses, key=lambda a: a.seed.path)
    paths = [a.seed.path for a in ordered]
    seeds = {a.seed.path: a.seed.sha256 for a in ordered}
    last = last or Copies({}, [])
    fresh = [i for i, a in enumerate(ordered) if last.seeds.get(a.seed.path) != a.seed.sha256]
    if len(fresh) > DIRECT_SEEDS:
        return Copies(seeds, [(paths[i], paths[j]) for i, j in _copies(ordered)])
    changed = {paths[i] for i in fresh}
    kept = {(p, q) for p, q in last.pairs if p in seeds and q in seeds and not {p, q} & changed}
    found = {(paths[i], paths[j]) for c in fresh for i, j in _copies_of(ordered, c)}
    return Copies(seeds, sorted(kept | found))


def drop_duplicates(analyses: list[Analysis], copies: Copies | None = None) -> tuple[list[Analysis], list[SeedError]]:
    """Keep one analysis per article; each dropped copy becomes a `SeedError` naming the kept one.
    `copies`: `find_copies` of these analyses, when the caller has it.

    The kept seed gets a note listing its copies, so its briefing says where else it was saved.
    """
    ordered = sorted(analyses, key=lambda a: a.seed.path)
    copies = find_copies(ordered) if copies is None else copies
    index = {a.seed.path: i for i, a in enumerate(ordered)}
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for p, q in copies.pairs:
        parent[root(index[q])] = root(index[p])
    groups: dict[int, list[Analysis]] = defaultdict(list)
    for i, a in enumerate(ordered):
        groups[root(i)].append(a)
    kept: list[Analysis] = []
    dropped: list[SeedError] = []
    for group in groups.values():
        first, others = group[0], group[1:]
        if others:  # only then is a preference worked out (summing every paragraph of 10,000 took 0.1 s)
            first, *others = sorted(group, key=_preference)
            note = "same article also saved as " + ", ".join(c.seed.path for c in others) + " (not built)"
            first = dataclasses.replace(first, seed=dataclasses.replace(first.seed, notes=(*first.seed.notes, note)))
            reason = f"duplicate of {first.seed.path} (same article text): built once, from that file"
            dropped += [SeedError(c.seed.path, reason) for c in others]
        kept.append(first)
    return sorted(kept, key=lambda a: a.seed.path), sorted(dropped, key=lambda e: e.path)
