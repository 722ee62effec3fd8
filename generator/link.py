"""Link stage: related briefings, each with a reason a reader understands.

Each briefing becomes a sparse vector of what it is about: its speakers, the people and
organisations it names (one name per entity, from `entities.resolve_names`), its places and
editor tags, and its most distinctive words. Features are weighted by kind and rarity (IDF),
features that nearly every briefing shares are dropped, and cosine similarity is one sparse
matrix product taken in row blocks with a top-k per row: no Python loop over pairs, so
10,000 briefings stay fast. The reason names what the two briefings share, by kind.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain
from typing import NamedTuple

import numpy as np
from scipy import sparse

from .entities import Names, resolve_names
from .model import Analysis, Related

TOP_K = 5
MIN_SIMILARITY = 0.05
TOPIC_WORDS = 12
"""Distinctive words kept per briefing as its topics."""
BLOCK_ROWS = 512
"""Rows of the similarity matrix computed at once: bounds memory at 10,000 briefings."""
MAX_SHARE = 0.5
"""With 20 briefings or more, a feature in more than this share of them says nothing."""

KIND_WEIGHTS = {"speaker": 3.0, "name": 2.0, "place": 1.0, "tag": 1.5, "topic": 1.0}
REASONS = (
    ("speaker", "shared speakers"),
    ("name", "shared names"),
    ("tag", "shared tags"),
    ("topic", "shared topics"),
    ("place", "shared places"),
)
REASON_PARTS = 2
REASON_ITEMS = 3


def _topics(analyses: list[Analysis]) -> list[list[str]]:
    """The most distinctive words of each briefing, best first: its word counts (`terms`) weighed
    as TF-IDF with sublinear counts and smoothed rarity, ties by word. One pass of array
    arithmetic over every (briefing, word) pair: millions of them at 10,000 briefings."""
    n = len(analyses)
    words = " ".join(a.terms.words for a in analyses).split()
    if not words:
        return [[] for _ in analyses]
    index: dict[str, int] = {}
    ids = np.fromiter((index.setdefault(w, len(index)) for w in words), dtype=np.int64, count=len(words))
    rarity = np.log((1 + n) / (1 + np.bincount(ids))) + 1  # a briefing holds each of its words once
    counts = np.fromiter(chain.from_iterable(a.terms.counts for a in analyses), dtype=np.float64, count=len(words))
    lengths = np.fromiter((len(a.terms.counts) for a in analyses), dtype=np.int64, count=n)
    score = (1 + np.log(counts)) * rarity[ids]
    order = np.lexsort((-score, np.repeat(np.arange(n), lengths)))  # stable: ties keep word order
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).tolist()
    return [
        [words[k] for k in order[s : s + min(size, TOPIC_WORDS)].tolist()]
        for s, size in zip(starts, lengths.tolist(), strict=True)
    ]


def _features(analyses: list[Analysis], names: Names) -> list[dict[tuple[str, str], float]]:
    """Each briefing's features as (kind, value) → weight before IDF."""
    topics = _topics(analyses)
    out = []
    for i, a in enumerate(analyses):
        f: dict[tuple[str, str], float] = {}
        speakers = sorted({s for q in a.quotes if (s := names.speaker(i, q))})
        for name in sorted(names.mentioned(i)):
            f[("name", name)] = KIND_WEIGHTS["name"]
        for name in speakers:
            f[("speaker", name)] = KIND_WEIGHTS["speaker"]
        for place in a.entities.places:
            f[("place", place)] = KIND_WEIGHTS["place"]
        for tag in a.document.tags:
            f[("tag", tag)] = KIND_WEIGHTS["tag"]
        named = {w.casefold() for kind, v in f if kind != "topic" for w in v.split()}
        for rank, word in enumerate(w for w in topics[i] if w not in named):
            f[("topic", word)] = KIND_WEIGHTS["topic"] * (1 - rank / (2 * TOPIC_WORDS))
        out.append(f)
    return out


def _matrix(feats: list[dict[tuple[str, str], float]], df: Counter) -> sparse.csr_matrix:
    """Rows of IDF-weighted features, each of unit length; a column per feature two or more
    briefings share (`df`: how many briefings hold each feature)."""
    n = len(feats)
    informative = [k for k, c in df.items() if n < 20 or c <= MAX_SHARE * n]
    counts = np.array([df[k] for k in informative], dtype=np.float64)
    idf = dict(zip(informative, (np.log((1 + n) / (1 + counts)) + 1).tolist(), strict=True))
    vocab = sorted(k for k in informative if df[k] >= 2)  # a feature of one briefing links none
    col = {k: j for j, k in enumerate(vocab)}
    rows, cols, vals = [], [], []
    norms = [0.0] * n
    for i, f in enumerate(feats):
        total = 0.0
        for k, w in f.items():
            rarity = idf.get(k)
            if rarity is None:
                continue
            value = w * rarity
            total += value * value  # unshared features still count: they make a briefing less alike
            j = col.get(k)
            if j is not None:
                rows.append(i)
                cols.append(j)
                vals.append(value)
        norms[i] = total
    norm = np.sqrt(np.array(norms))
    norm[norm == 0] = 1
    at = np.array(rows, dtype=np.int64)
    values = np.array(vals, dtype=np.float64) / norm[at] if vals else np.zeros(0)
    return sparse.csr_matrix((values, (at, cols)), shape=(n, len(vocab)), dtype=np.float64)


class _Linking(NamedTuple):
    """What every block of rows needs."""

    m: sparse.csr_matrix
    mt: sparse.csc_matrix
    slug_rank: np.ndarray  # each row's position in slug order, for ties
    feats: list[dict[tuple[str, str], float]]
    rank: dict[tuple[str, str], int]  # a feature's position, rarest first
    slugs: list[str]
    titles: list[str]


def _neighbours(ctx: _Linking, start: int) -> list[list[int]]:
    """Top-k most similar rows of each row of the block at `start`, best first, ties by slug."""
    block = (ctx.m[start : start + BLOCK_ROWS] @ ctx.mt).tocsr()
    out: list[list[int]] = []
    for r in range(block.shape[0]):
        i = start + r
        lo, hi = block.indptr[r], block.indptr[r + 1]
        cols, vals = block.indices[lo:hi], np.round(block.data[lo:hi], 9)
        keep = (cols != i) & (vals >= MIN_SIMILARITY)
        cols, vals = cols[keep], vals[keep]
        if len(cols) > TOP_K:
            part = np.argpartition(-vals, TOP_K - 1)[:TOP_K]
            threshold = vals[part].min()
            sel = vals >= threshold  # every tie at the cut, then sort and cut exactly
            cols, vals = cols[sel], vals[sel]
        order = np.lexsort((ctx.slug_rank[cols], -vals))[:TOP_K]
        out.append(cols[order].tolist())
    return out


def _related_block(ctx: _Linking, start: int) -> list[tuple[Related, ...]]:
    """The related briefings of each row of the block at `start`, with the reasons."""
    out: list[tuple[Related, ...]] = []
    for i, neighbours in enumerate(_neighbours(ctx, start), start=start):
        ranked = sorted(ctx.feats[i], key=ctx.rank.__getitem__) if neighbours else []
        out.append(tuple(Related(ctx.slugs[j], ctx.titles[j], why(ranked, ctx.feats[j])) for j in neighbours))
    return out


def why(ranked: list[tuple[str, str]], other: dict[tuple[str, str], float]) -> str:
    """ "shared speakers: Vladimir Putin; shared names: Kremlin, NATO" — rarest shared items first.

    `ranked` is one briefing's features, rarest first; `other` the other briefing's."""
    by_kind: dict[str, list[str]] = {kind: [] for kind, _ in REASONS}
    for kind, value in ranked:
        if (kind, value) in other:
            by_kind[kind].append(value)
    speakers = set(by_kind["speaker"])
    by_kind["name"] = [v for v in by_kind["name"] if v not in speakers]  # each name once, as a speaker
    parts = [f"{label}: " + ", ".join(by_kind[kind][:REASON_ITEMS]) for kind, label in REASONS if by_kind[kind]]
    return "; ".join(parts[:REASON_PARTS]) or "similar wording"


def relate(analyses: list[Analysis], slugs: list[str], names: Names | None = None) -> list[tuple[Related, ...]]:
    """For each analysis (same order as `slugs`), its most related others, best first. (Linking
    blocks of rows in forked processes measured slower: copying the pages the workers touch and
    pickling the results back cost more than the second core gave.)"""
    n = len(analyses)
    if n < 2:
        return [()] * n
    names = names or resolve_names(analyses)
    feats = _features(analyses, names)
    df = Counter(k for f in feats for k in f)
    m = _matrix(feats, df)
    slug_rank = np.empty(n, dtype=np.int64)
    slug_rank[np.argsort(np.array(slugs, dtype=object), kind="stable")] = np.arange(n)
    rank = {k: r for r, k in enumerate(sorted(df, key=lambda k: (df[k], k)))}  # rarest first
    titles = [a.document.title for a in analyses]
    ctx = _Linking(m, m.T.tocsc(), slug_rank, feats, rank, slugs, titles)
    return [r for start in range(0, n, BLOCK_ROWS) for r in _related_block(ctx, start)]
