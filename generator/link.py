"""Link stage: related briefings, each with a reason a reader understands.

Each briefing becomes a sparse vector of what it is about: its speakers, the people and
organisations it names (one name per entity, from `entities.resolve_names`), its places and
editor tags, and its most distinctive words. Features are weighted by kind and rarity (IDF),
features that nearly every briefing shares are dropped, and cosine similarity is one sparse
matrix product taken in row blocks with a top-k per row: no Python loop over pairs, so
10,000 briefings stay fast. The reason names what the two briefings share, by kind.

Rarity is counted in steps (`STEPS` per doubling of how many briefings hold a feature, against
a corpus size rounded up to a power of two), so that one changed article rarely moves another
briefing's weights. That makes linking incremental: given the last build's `LinkState`, only
the briefings whose features or weights moved are compared with all others, and every other
briefing keeps its candidates, merged with the moved ones' new scores. The result is the one
linking from scratch gives (`tests/test_link.py` checks it on edited corpora).

A few briefings to score or topics to find are worked out without numpy and scipy, whose import
took longer than the work (0.17 s): `_direct` makes the same sums of the same products in the
same order as the sparse product, so every score is the same to the last bit.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from . import cache
from .entities import Names, resolve_names
from .model import Analysis, Related

if TYPE_CHECKING:
    import numpy as np
    from scipy import sparse

TOP_K = 5
SPARE = 5
"""Candidates kept per briefing beyond TOP_K, so that a few changed neighbours rarely force its
comparison with every other briefing again."""
MIN_SIMILARITY = 0.05
TOPIC_WORDS = 12
"""Distinctive words kept per briefing as its topics."""
BLOCK_ROWS = 512
"""Rows of the similarity matrix computed at once: bounds memory at 10,000 briefings."""
MAX_SHARE = 0.5
"""With 20 briefings or more, a feature in more than this share of them says nothing."""
STEPS = 4
"""Rarity steps per doubling of a feature's or word's document frequency."""
PARALLEL_ROWS = 2000
"""From this many briefings on, scoring all of them is shared by forked processes."""
MOST_MOVED = 0.3
"""Above this share of briefings moved, linking them all from scratch is cheaper."""
DIRECT_ROWS = 16
"""Up to this many briefings to score, or to find topics for, are worked out without numpy."""

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

Feature = tuple[str, str]
State = tuple[int, float | None, bool]
"""A feature's (rarity step, IDF or None when it says nothing, whether it is a matrix column)."""


class Topics(NamedTuple):
    """A briefing's topic words, best first, and the score of the last one when the briefing has
    more words than that (else -inf): a word scoring below it cannot enter."""

    words: tuple[str, ...]
    cut: float


def _step(df: int) -> int:
    """floor(STEPS · log2 df), in integers so that it is exact; -1 for a word no briefing holds."""
    return (df**STEPS).bit_length() - 1 if df > 0 else -1


def _scale(n: int) -> int:
    """1 + n rounded up to a power of two: the corpus size rarity is measured against."""
    return 1 << n.bit_length()


@functools.cache
def _rarity(scale: int, step: int) -> float:
    """Smoothed IDF of the step's lowest document frequency."""
    return math.log(scale / (1 + 2 ** (step / STEPS))) + 1


@functools.cache
def _count_weight(count: int) -> float:
    """Sublinear term frequency."""
    return 1 + math.log(count) if count > 0 else 0.0


@functools.cache
def _count_weights(most: int) -> np.ndarray:
    """`_count_weight` of counts up to `most`."""
    import numpy as np

    return np.array([_count_weight(c) for c in range(most + 1)])


def _topics(
    terms: Sequence[tuple[str, tuple[int, ...]]], word_df: Counter, scale: int, words: list[str] | None = None
) -> list[Topics]:
    """The most distinctive words of each (words, counts), best first: TF-IDF, ties by word. One
    pass of array arithmetic over every (briefing, word) pair (millions of them at 10,000), or,
    for a few briefings, each worked out alone without numpy (`_topics_of`, the same words).
    `words`: every term's words in order, when the caller has them split already (array path)."""
    if len(terms) <= DIRECT_ROWS:
        return [_topics_of(words.split(), counts, word_df, scale) for words, counts in terms]
    import numpy as np

    words = " ".join(w for w, _ in terms).split() if words is None else words
    if not words:
        return [Topics((), -math.inf) for _ in terms]
    vocab = word_df.keys() if len(words) > len(word_df) else set(words)
    rarity = {w: _rarity(scale, _step(word_df[w])) for w in vocab}
    counts = np.fromiter((c for _, cs in terms for c in cs), dtype=np.int64, count=len(words))
    lengths = np.fromiter((len(cs) for _, cs in terms), dtype=np.int64, count=len(terms))
    score = _count_weights(int(counts.max()))[counts] * np.fromiter(map(rarity.__getitem__, words), np.float64)
    descending = -score
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).tolist()
    out = []
    for s, size in zip(starts, lengths.tolist(), strict=True):
        # a stable sort of each briefing's words (ties keep word order): one sort of all pairs by
        # (briefing, score) took seven times longer
        best = (s + np.argsort(descending[s : s + size], kind="stable")[:TOPIC_WORDS]).tolist()
        out.append(Topics(tuple(words[k] for k in best), float(score[best[-1]]) if size > TOPIC_WORDS else -math.inf))
    return out


def _topics_of(words: list[str], counts: Sequence[int], word_df: Counter, scale: int) -> Topics:
    """`_topics` of one briefing without numpy: the same products, the same stable sort."""
    score = [_count_weight(c) * _rarity(scale, _step(word_df[w])) for w, c in zip(words, counts, strict=True)]
    best = sorted(range(len(words)), key=lambda k: -score[k])[:TOPIC_WORDS]
    return Topics(tuple(words[k] for k in best), score[best[-1]] if len(words) > TOPIC_WORDS else -math.inf)


def _features(
    a: Analysis,
    names: Names,
    i: int,
    topics: Topics,
    folded: dict[str, frozenset[str]],
    canon: dict[Feature, Feature],
) -> dict[Feature, float]:
    """Briefing i's features as (kind, value) → weight before IDF. A topic word that is part of
    one of its names is not a topic; `folded` keeps each name's casefolded words across briefings,
    `canon` each feature."""
    f: dict[Feature, float] = {}
    speakers = sorted({s for q in a.quotes if (s := names.speaker(i, q))})
    for name in sorted(names.mentioned(i)):
        f[("name", name)] = KIND_WEIGHTS["name"]
    for name in speakers:
        f[("speaker", name)] = KIND_WEIGHTS["speaker"]
    for place in a.entities.places:
        f[("place", place)] = KIND_WEIGHTS["place"]
    for tag in a.document.tags:
        f[("tag", tag)] = KIND_WEIGHTS["tag"]
    named: set[str] = set()
    for _, value in f:
        if (words := folded.get(value)) is None:
            words = folded[value] = frozenset(w.casefold() for w in value.split())
        named |= words
    for rank, word in enumerate(w for w in topics.words if w not in named):
        f[("topic", word)] = KIND_WEIGHTS["topic"] * (1 - rank / (2 * TOPIC_WORDS))
    # one tuple per feature across briefings: the link state is pickled with each once, not once
    # per briefing holding it (300,000 tuples at 10,000 briefings, a third of loading it)
    return {canon.setdefault(k, k): w for k, w in f.items()}


def _states(df: Counter, n: int, only: Iterable[Feature] | None = None) -> dict[Feature, State]:
    """Every feature's rarity step, IDF and column: what its weight in any briefing depends on
    (of `only` these features, when given)."""
    out: dict[Feature, State] = {}
    scale = _scale(n)
    for k in df if only is None else only:
        c = df[k]
        step = _step(c)
        informative = n < 20 or c <= MAX_SHARE * n
        out[k] = (step, _rarity(scale, step) if informative else None, informative and c >= 2)
    return out


def _all_states(
    feats: list[dict[Feature, float]], paths: list[str], last: LinkState | None
) -> tuple[Counter, dict[Feature, State], set[Feature]]:
    """How many briefings hold each feature, every feature's state, and the features whose state
    is not the last build's. From the last build's counts, moved by the briefings whose features
    changed, when there are as many briefings as then (else a feature's share moved too)."""
    n = len(feats)
    if last is None or last.n != n:
        df = Counter(k for f in feats for k in f)
        states = _states(df, n)
        before = last.states if last is not None else {}
        return df, states, {k for k in states.keys() | before.keys() if states.get(k) != before.get(k)}
    df = Counter(last.df)
    now = dict(zip(paths, feats, strict=True))
    touched: set[Feature] = set()
    for p in last.rows.keys() | now.keys():
        old, new = (last.rows[p].feats if p in last.rows else {}), now.get(p, {})
        if old is new:  # reused from the last build: the same features
            continue
        if old != new:
            df.subtract(old.keys())
            df.update(new.keys())
            touched.update(old.keys() ^ new.keys())
    states = dict(last.states)
    for k in touched:
        if df[k] <= 0:
            del df[k]
            states.pop(k, None)
    states.update(_states(df, n, [k for k in touched if k in df]))
    return df, states, {k for k in touched if states.get(k) != last.states.get(k)}


def _weighted(
    f: dict[Feature, float], states: dict[Feature, State], cols: Container[Feature]
) -> tuple[dict[Feature, float], float]:
    """A briefing's IDF-weighted features on `cols`, and the sum of the squares of all of them."""
    values: dict[Feature, float] = {}
    total = 0.0
    for k, w in f.items():
        rarity = states[k][1]
        if rarity is None:
            continue
        value = w * rarity
        total += value * value
        if k in cols:
            values[k] = value
    return values, total


def _matrix(feats: Sequence[dict[Feature, float]], states: dict[Feature, State], col: dict[Feature, int]):
    """Rows of IDF-weighted features, each of unit length, on the columns `col` (unshared features
    still count towards a row's length: they make a briefing less alike any other)."""
    import numpy as np
    from scipy import sparse

    rows, cols, vals = [], [], []
    norms = [0.0] * len(feats)
    for i, f in enumerate(feats):
        values, norms[i] = _weighted(f, states, col)
        for k, value in values.items():
            rows.append(i)
            cols.append(col[k])
            vals.append(value)
    norm = np.sqrt(np.array(norms))
    norm[norm == 0] = 1
    at = np.array(rows, dtype=np.int64)
    values = np.array(vals, dtype=np.float64) / norm[at] if vals else np.zeros(0)
    m = sparse.csr_matrix((values, (at, cols)), shape=(len(feats), len(col)), dtype=np.float64)
    m.sort_indices()  # a row's products are summed in column order: the same order in any product
    return m


class Candidates(NamedTuple):
    """A briefing's best-scoring others as (path, score), and a bound: every briefing that scores
    at least `bound` with it is among them."""

    scores: dict[str, float]
    bound: float


def _candidates(scores: dict[str, float], bound: float = MIN_SIMILARITY) -> Candidates:
    """The TOP_K + SPARE best of `scores` (at least `bound`), every tie at the cut kept."""
    kept = {p: s for p, s in scores.items() if s >= bound}
    if len(kept) > TOP_K + SPARE:
        bound = sorted(kept.values(), reverse=True)[TOP_K + SPARE - 1]
        kept = {p: s for p, s in kept.items() if s >= bound}
    return Candidates(kept, bound)


class _Row(NamedTuple):
    sha256: str
    words: str
    topics: Topics
    feats: dict[Feature, float]
    aliases: dict[str, str]  # `Names.aliases` of the briefing: with its text and topics, what `feats` come from
    candidates: Candidates
    reasons: dict[str, str]  # neighbour's path → why


@dataclass
class LinkState:
    """What one build's linking leaves for the next, by seed path. The cache keeps it whole, made by
    one build: its rows, counts and states agree. Rows of seeds since changed, removed or renamed
    are not used, and linking stays the same with or without it."""

    scale: int = 0
    word_df: Counter = field(default_factory=Counter)
    states: dict[Feature, State] = field(default_factory=dict)
    rows: dict[str, _Row] = field(default_factory=dict)
    n: int = 0  # briefings linked
    df: Counter = field(default_factory=Counter)  # how many of them hold each feature


def why(ranked: list[Feature], other: dict[Feature, float]) -> str:
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


def _occurrences(words: list[str], wanted: set[str]) -> Iterator[tuple[int, str, int]]:
    """(briefing, word, the word's place among its words) for each of `wanted` that each of `words`
    (a briefing's space-separated words) holds: one search per word in all of them joined, not a
    split of every briefing."""
    if not wanted:
        return
    text = "\n".join(words)
    starts = list(itertools.accumulate((len(w) + 1 for w in words), initial=0))
    for word in sorted(wanted):
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or text[at - 1] in " \n") and (end == len(text) or text[end] in " \n"):
                row = bisect.bisect_right(starts, at) - 1
                yield row, word, text.count(" ", starts[row], at)
            at = text.find(word, end)


def _word_changes(
    last: LinkState, terms: list[tuple[str, tuple[int, ...]]], shas: list[str], paths: list[str]
) -> tuple[Counter, set[int]]:
    """(how many briefings hold each word now, the briefings whose topics may have moved): those
    whose text changed, and those holding a word whose rarity step moved that is among their
    topics or now scores at least as high as the last of them."""
    now = set(paths)
    changed = {i for i, p in enumerate(paths) if p not in last.rows or last.rows[p].sha256 != shas[i]}
    before = [row.words for p, row in last.rows.items() if p not in now]
    before += [last.rows[paths[i]].words for i in changed if paths[i] in last.rows]
    word_df = Counter(last.word_df)
    touched: set[str] = set()
    for words, sign in [*((w, -1) for w in before), *((terms[i][0], 1) for i in changed)]:
        for word in words.split():
            touched.add(word)
            word_df[word] += sign
    for word in touched:
        if word_df[word] <= 0:
            del word_df[word]
    moved = {w for w in touched if _step(word_df.get(w, 0)) != _step(last.word_df.get(w, 0))}
    redo = set(changed)
    for i, word, k in _occurrences([w for w, _ in terms], moved):
        if i in redo:
            continue
        topics = last.rows[paths[i]].topics
        score = _count_weight(terms[i][1][k]) * _rarity(last.scale, _step(word_df[word]))  # as `_topics` has it
        if word in topics.words or score >= topics.cut:
            redo.add(i)
    return word_df, redo


class _Product(NamedTuple):
    """Some briefings (`rows`) as unit vectors against every briefing holding one of their columns
    (`others`): what scoring them needs, shared with forked processes through the fork."""

    rows: list[int]
    left: sparse.csr_matrix
    right_t: sparse.csc_matrix
    others: np.ndarray


def _product(feats: list[dict[Feature, float]], states: dict[Feature, State], rows: list[int]) -> _Product:
    """Only the columns `rows` hold, and only the briefings holding one, enter the product: cosine
    sums over shared features, in the same column order, so each score is the one the whole
    matrix gives, to the last bit."""
    import numpy as np

    vocab = sorted({k for i in rows for k in feats[i] if states[k][2]})
    col = {k: j for j, k in enumerate(vocab)}
    left = _matrix([feats[i] for i in rows], states, col)
    if len(rows) == len(feats):
        others, right = np.arange(len(feats)), left
    else:
        others = np.array([j for j, f in enumerate(feats) if not col.keys().isdisjoint(f)], dtype=np.int64)
        right = _matrix([feats[j] for j in others.tolist()], states, col)
    return _Product(rows, left, right.T.tocsc(), others)


def _block(p: _Product, start: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each of the BLOCK_ROWS rows from `start`: the others scoring at least MIN_SIMILARITY
    and their scores, rounded so that a score is the same whichever of two rows is on the left."""
    import numpy as np

    block = (p.left[start : start + BLOCK_ROWS] @ p.right_t).tocsr()
    out = []
    for r in range(block.shape[0]):
        lo, hi = block.indptr[r], block.indptr[r + 1]
        near, vals = p.others[block.indices[lo:hi]], np.round(block.data[lo:hi], 9)
        keep = (near != p.rows[start + r]) & (vals >= MIN_SIMILARITY)
        out.append((near[keep], vals[keep]))
    return out


def _scored(
    feats: list[dict[Feature, float]],
    states: dict[Feature, State],
    rows: list[int],
    bounds: list[float],
    paths: list[str],
) -> Iterator[tuple[int, Candidates, list[tuple[int, float]]]]:
    """Each of `rows` against every briefing: (row, its candidates, the others (index, score)
    scoring at least their `bounds` with it)."""
    if not rows:
        return
    if len(rows) <= DIRECT_ROWS:
        for i, near, vals in _direct(feats, states, rows):
            hits = [(j, s) for j, s in zip(near, vals, strict=True) if s >= bounds[j]]
            yield i, _candidates(dict(zip([paths[j] for j in near], vals, strict=True))), hits
        return
    import numpy as np

    limits = np.array(bounds)
    p = _product(feats, states, rows)
    for start in range(0, len(rows), BLOCK_ROWS):
        for r, (near, vals) in enumerate(_block(p, start), start=start):
            hit = vals >= limits[near]
            yield rows[r], _best(near, vals, paths), list(zip(near[hit].tolist(), vals[hit].tolist(), strict=True))


def _unit(f: dict[Feature, float], states: dict[Feature, State], cols: set[Feature]) -> dict[Feature, float]:
    """A row of `_matrix`: the briefing's IDF-weighted features on `cols`, over its length."""
    values, total = _weighted(f, states, cols)
    norm = math.sqrt(total) or 1.0
    return {k: v / norm for k, v in values.items()}


def _direct(
    feats: list[dict[Feature, float]], states: dict[Feature, State], rows: list[int]
) -> Iterator[tuple[int, list[int], list[float]]]:
    """`_scored` without numpy and scipy, as the sparse product works: for each of a row's columns
    in order, each briefing holding it adds its product to its sum; then rounded as `np.round`."""
    cols = {k for i in rows for k in feats[i] if states[k][2]}
    holders: dict[Feature, list[tuple[int, float]]] = {k: [] for k in cols}
    units = {}
    for j, f in enumerate(feats):
        if not cols.isdisjoint(f):
            units[j] = _unit(f, states, cols)
            for k, v in units[j].items():
                holders[k].append((j, v))
    for i in rows:
        sums: dict[int, float] = {}
        for k, v in sorted(units.get(i, {}).items()):
            for j, w in holders[k]:
                sums[j] = sums.get(j, 0.0) + v * w
        near, vals = [], []
        for j in sorted(sums):
            score = round(sums[j] * 1e9) / 1e9
            if j != i and score >= MIN_SIMILARITY:
                near.append(j)
                vals.append(score)
        yield i, near, vals


def _top(near: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """The TOP_K + SPARE best-scoring of `near` with their scores, every tie at the cut kept, and
    the bound: every other scores less."""
    import numpy as np

    bound = MIN_SIMILARITY
    if len(vals) > TOP_K + SPARE:
        bound = float(np.partition(vals, len(vals) - TOP_K - SPARE)[len(vals) - TOP_K - SPARE])
        sel = vals >= bound
        near, vals = near[sel], vals[sel]
    return near, vals, bound


def _block_top(p: _Product, start: int) -> list[tuple[np.ndarray, np.ndarray, float]]:
    """`_top` of each row of a block: all a forked process sends back."""
    return [_top(near, vals) for near, vals in _block(p, start)]


def _best(near: np.ndarray, vals: np.ndarray, paths: list[str]) -> Candidates:
    """A briefing's candidates from all the others it scores with."""
    return _candidates_of(*_top(near, vals), paths)


def _candidates_of(near: np.ndarray, vals: np.ndarray, bound: float, paths: list[str]) -> Candidates:
    """Candidates by path, from row indices."""
    return Candidates(dict(zip([paths[j] for j in near.tolist()], vals.tolist(), strict=True)), bound)


def _all_candidates(
    feats: list[dict[Feature, float]], states: dict[Feature, State], paths: list[str]
) -> list[Candidates]:
    """Every briefing scored against all: blocks of rows in forked processes from PARALLEL_ROWS
    briefings on (they have the matrix through the fork and send back only the best few)."""
    n = len(feats)
    if n <= DIRECT_ROWS:
        return [c for _, c, _ in _scored(feats, states, list(range(n)), [math.inf] * n, paths)]
    p = _product(feats, states, list(range(n)))
    workers = cache.worker_count() if n >= PARALLEL_ROWS else 1
    blocks = cache.forked_map(_block_top, range(0, n, BLOCK_ROWS), p, workers=workers)
    return [_candidates_of(near, vals, bound, paths) for block in blocks for near, vals, bound in block]


def _compare(
    feats: list[dict[Feature, float]],
    states: dict[Feature, State],
    paths: list[str],
    moved: set[int],
    last: LinkState | None,
) -> list[Candidates]:
    """Every briefing's candidates. The moved ones are scored against all others; every other keeps
    its last candidates but the moved and removed ones, plus its new scores with the moved ones
    (a score is symmetric). One left with fewer than TOP_K, when others may score between its
    bound and MIN_SIMILARITY, is scored against all others again."""
    n = len(feats)
    if last is None or len(moved) == n:
        return _all_candidates(feats, states, paths)
    index = {p: i for i, p in enumerate(paths)}
    gone = {paths[i] for i in moved} | (last.rows.keys() - index.keys())
    out: dict[int, Candidates] = {}
    bounds = [math.inf] * n
    for i, p in enumerate(paths):
        if i not in moved:
            kept = last.rows[p].candidates
            out[i] = Candidates({q: s for q, s in kept.scores.items() if q not in gone}, kept.bound)
            bounds[i] = kept.bound
    for i, candidates, hits in _scored(feats, states, sorted(moved), bounds, paths):
        out[i] = candidates
        for j, s in hits:
            out[j].scores[paths[i]] = s
    short = []
    for i, c in out.items():
        if i in moved:
            continue
        if len(c.scores) < TOP_K and c.bound > MIN_SIMILARITY:
            short.append(i)
        else:
            out[i] = _candidates(c.scores, c.bound)
    for i, candidates, _ in _scored(feats, states, short, bounds, paths):
        out[i] = candidates
    return [out[i] for i in range(n)]


def relate(
    analyses: list[Analysis], slugs: list[str], names: Names | None = None, last: LinkState | None = None
) -> tuple[list[tuple[Related, ...]], LinkState]:
    """For each analysis (same order as `slugs`), its most related others, best first; and the state
    the next build links from. `last` (the previous build's) only saves work: the related briefings
    are the same without it. Only the similarity product is shared with forked processes
    (`_all_candidates`): making the reasons there too meant copying the pages they touch and
    pickling 50,000 links back, which cost more than the second core gave."""
    n = len(analyses)
    if n < 2:
        return [()] * n, LinkState()
    names = names or resolve_names(analyses)
    paths = [a.seed.path for a in analyses]
    if len(set(paths)) < n:
        raise ValueError("two analyses of one seed: briefings are linked by their seed's path")
    shas = [a.seed.sha256 for a in analyses]
    terms = [(a.terms.words, a.terms.counts) for a in analyses]
    scale = _scale(n)
    if last is not None and last.scale != scale:
        last = None  # every rarity moved
    word_df, topics = _all_topics(terms, shas, paths, scale, last)
    feats = _all_features(analyses, names, topics, last)
    df, states, shifted = _all_states(feats, paths, last)
    moved = _moved(feats, shifted, paths, last)
    candidates = _compare(feats, states, paths, moved, last)
    slug_rank = {p: r for r, (_, p) in enumerate(sorted(zip(slugs, paths, strict=True)))}
    index = {p: i for i, p in enumerate(paths)}
    related: list[tuple[Related, ...]] = []
    rows: dict[str, _Row] = {}
    for i, p in enumerate(paths):
        best = [q for q, _ in sorted(candidates[i].scores.items(), key=lambda ps: (-ps[1], slug_rank[ps[0]]))[:TOP_K]]
        kept = last.rows[p].reasons if last is not None and i not in moved else {}
        ranked: list[Feature] | None = None
        reasons: dict[str, str] = {}
        for q in best:
            if q in kept and index[q] not in moved:
                reasons[q] = kept[q]
                continue
            if ranked is None:
                ranked = sorted(feats[i], key=lambda k: (states[k][0], k))  # rarest first
            reasons[q] = why(ranked, feats[index[q]])
        related.append(tuple(Related(slugs[index[q]], analyses[index[q]].document.title, reasons[q]) for q in best))
        rows[p] = _Row(shas[i], terms[i][0], topics[i], feats[i], names.aliases[i], candidates[i], reasons)
    return related, LinkState(scale, word_df, states, rows, n, df)


def _all_topics(
    terms: list[tuple[str, tuple[int, ...]]], shas: list[str], paths: list[str], scale: int, last: LinkState | None
) -> tuple[Counter, list[Topics]]:
    """How many briefings hold each word, and every briefing's topics: from the last build's where
    neither its text nor the rarity of a word that could enter them moved."""
    if last is None:
        words = " ".join(w for w, _ in terms).split()
        word_df = Counter(words)
        return word_df, _topics(terms, word_df, scale, words)
    word_df, redo = _word_changes(last, terms, shas, paths)
    if len(redo) > MOST_MOVED * len(terms):
        return word_df, _topics(terms, word_df, scale)
    todo = sorted(redo)
    fresh = dict(zip(todo, _topics([terms[i] for i in todo], word_df, scale), strict=True))
    return word_df, [fresh[i] if i in fresh else last.rows[p].topics for i, p in enumerate(paths)]


def _all_features(
    analyses: list[Analysis], names: Names, topics: list[Topics], last: LinkState | None
) -> list[dict[Feature, float]]:
    """Every briefing's features: the last build's where its text, its names and its topics are
    the same (at 10,000 briefings, working them all out again was a third of linking one change)."""
    folded: dict[str, frozenset[str]] = {}
    canon: dict[Feature, Feature] | None = None
    rows = last.rows if last is not None else {}
    feats = []
    for i, a in enumerate(analyses):
        row = rows.get(a.seed.path)
        if (
            row is not None
            and row.sha256 == a.seed.sha256
            and row.topics == topics[i]
            and row.aliases == names.aliases[i]
        ):
            feats.append(row.feats)
            continue
        if canon is None:  # the features of the rows kept are the last build's tuples: new ones join them
            canon = {k: k for k in last.states} if last is not None else {}
        feats.append(_features(a, names, i, topics[i], folded, canon))
    return feats


def _moved(
    feats: list[dict[Feature, float]], shifted: set[Feature], paths: list[str], last: LinkState | None
) -> set[int]:
    """The briefings whose features, or the weight of one of them (`shifted`), are not the last
    build's: all of them when there is no last build, or when so many moved that scoring all
    afresh is cheaper."""
    n = len(feats)
    if last is None:
        return set(range(n))
    moved = {
        i
        for i, p in enumerate(paths)
        if p not in last.rows or last.rows[p].feats != feats[i] or not shifted.isdisjoint(feats[i])
    }
    return set(range(n)) if len(moved) > MOST_MOVED * n else moved
