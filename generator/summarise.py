"""Summarise stage: 3–5 verbatim sentences of the cleaned body, in reading order, and a lead.

Extractive on purpose: every sentence is copied from the article, so a summary can never say
what the article does not. News puts its gist first, so the core three come from the first
five sentences a reader can take alone: the lede, and the two that are earliest, shortest and
most central (their words recur in the rest of the article). That beats the first three as
written (LEAD-3) on CNN/DailyMail in 10-fold cross-validation, by a third to half a ROUGE point
on held-out articles, see `benchmarks/bench_summary.py`. A long article's fourth and fifth are
the sentences that add most of what the article keeps coming back to. Never chosen: captions
and credits, questions, fragments, half or unattributed quotations, repeats, and a "He said …"
or "This …" whose antecedent sentence is not in the summary too.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, combinations, filterfalse, islice
from operator import itemgetter

from .clean import holds_any
from .model import Document
from .sentences import split_sentences

MIN_WORDS = 6
MAX_WORDS = 55
"""Shorter is a fragment or a label; longer is a run-on caption or a paragraph the splitter could not cut."""
MAX_LEDE_WORDS = 75
"""A news lede may run long and is still the best sentence in the article."""
SHORT_ARTICLE_WORDS = 1000
LONG_ARTICLE_WORDS = 2000
"""Under 1,000 words an article gets 3 sentences, under 2,000 words 4, beyond that 5.

Measured: on CNN/DailyMail articles of 500–990 words a fourth sentence cost 1.4 ROUGE-2 and
1.8 ROUGE-Lsum against the human highlights; a reader of a news story that short wants three.
"""
LEAD_WINDOW = 5
LENGTH_COST = 0.075
CENTRALITY_WEIGHT = 5.0
"""The core three: the first usable sentence (the lede) and the two of the next four with the
lowest cost `position + 0.075 × words − 5 × centrality`, centrality scaled to 1 for the
window's most central sentence. Shorter wins ties because ROUGE F1 and readers both reward
brevity. Chosen by 10-fold cross-validation on CNN/DailyMail: `bench_summary.py --tune`."""
TERM_DECAY = 0.5
TITLE_WEIGHT = 1.0
LENGTH_SMOOTHING = 6
"""Later picks: a word weighs 1/(1+i)^0.5 for each sentence i it is in, plus 1 in the headline;
a sentence's gain is the weight it adds over its content words + 6, so long ones pay their way."""
LEAD_WORDS = 40
LEAD_MIN_WORDS = 12
"""The one-line lead is cut back to a clause of 12–40 words when its sentence runs longer."""
REDUNDANCY = 0.5
"""A sentence sharing more than half its content words with a chosen one repeats it."""

STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as is are was were be been being it
    its this that these those he she they his her their them we our you your i not no so than
    then there here also has have had do does did will would could should may might can said
    says about into over after before more most some such which who whom what when where why how
    up out just one two new last year years told says like him all been being very
    """.split()
)

_DANGLING = re.compile(
    r"^[“\"‘']?(?:He|She|They|It|This|That|These|Those|His|Her|Their|Its|Him|Them|But|And|Or|So|Yet|"
    r"Also|However|Instead|Such|Nevertheless|Moreover|Otherwise|Which|The (?:latter|former))\b"
)
"""Openers that point back to something earlier; the sentence needs its predecessor with it."""

_BOILERPLATE = re.compile(
    r"\((?:not )?pictured\b[^)]*\)|, pictured,|\b(?:click here|scroll down|read more|sign up|subscribe|follow us|"
    r"photo(?:graph)?s? (?:by|credit|courtesy)|image (?:credit|source)|all rights reserved|"
    r"copyright|getty images|watch the video|video above|video below)\b|^\s*(?:photo|image|video|"
    r"source|credit|caption)\s*:|@\w|https?://|www\.",
    re.I,
)
"""Captions, credits, calls to action and links: never summary material."""
BOILERPLATE_HINTS = tuple(
    "pictured|click here|scroll down|read more|sign up|subscribe|follow us|photo|image|all rights reserved|"
    "copyright|getty images|watch the video|video|source|credit|caption|@|http|www.".split("|")
)
"""`_BOILERPLATE` cannot match a sentence without one of these (in lower case)."""

_KICKER = re.compile(r"^(?P<kicker>[^\s:]+(?: [^\s:]+){1,14}):\s+(?=[A-Z“\"])")
"""A headline glued before a sentence: `Russia Wants Talks – Why?: Kremlin …` (title case, with ?/! or a dash)."""

_DATELINE = re.compile(
    r"^(?:[A-Z][\w.’'-]*(?:[ ,]+[A-Z][\w.’'-]*){0,4}\s*)?\((?:[A-Z]{2,8}|Reuters)\)\s*(?:[-—–]+\s*)?(?=[A-Z“\"‘'])"
    r"|^[A-Z][A-Z.’' ,]{2,40}\s+[-—–]+\s+(?=[A-Z“\"‘'])"
)
"""`New Delhi, India (CNN)As …`, `WASHINGTON — The …`: the place and agency are not the gist."""

_PRONOUN_SPEAKER = re.compile(
    r"[”\"’'],?\s+(?:he|she|they)\s+(?:said|says|added|adds|told|tells|wrote|writes|tweeted|explained|insisted|"
    r"continued|asked|noted)\b"
)
"""`“…,” he said.`: the speaker is whoever the sentence before named."""

_UNATTRIBUTED = re.compile(r"^[“\"‘'][^“”\"]*[.!?…][”\"’']$")
"""A sentence that is all quotation names no speaker; alone in a summary nobody said it."""

_CLOSING_SINGLE = re.compile(r"(?<=\S)['’](?=[\s,.;:!?]|$)")
"""Closes a quotation opened with a single mark; without one the sentence is half a quotation."""

_END = re.compile(r"[.!][”’\"')\]]*$")
_FIRST = itemgetter(0)
"""A word's first character (`str.split` gives no empty word), taken in C rather than word by word."""
_LONG_WORD = re.compile(r"[a-z0-9][a-z0-9’'-]{2,}")
"""A word of lowered text, of three characters or more: shorter ones are never content words, so
they are not even listed."""


@dataclass(frozen=True)
class _Sentence:
    order: int  # reading order across the whole body
    text: str
    words: frozenset[str]  # content words, lowercased
    leans_back: bool  # needs the sentence before it for its meaning


def _trim(sentence: str) -> str:
    """The sentence without a leading dateline or headline kicker (still a verbatim slice)."""
    sentence = _DATELINE.sub("", sentence, count=1)
    kicker = _KICKER.match(sentence) if ":" in sentence else None  # a kicker ends in a colon
    if kicker and (kicker.group("kicker")[-1] in "?!" or re.search(" [–—] ", kicker.group("kicker"))):
        words = [w for w in kicker.group("kicker").split() if w[:1].isalnum()]
        if len(words) >= 3 and sum(w[:1].isupper() or w[:1].isdigit() for w in words) >= 0.7 * len(words):
            sentence = sentence[kicker.end() :]
    return sentence


def _usable(sentence: str, lower: str, limit: int = MAX_WORDS) -> bool:
    """Could a reader take this sentence alone as part of the gist? (`lower` is `sentence.lower()`.)"""
    words = sentence.split()
    return (
        MIN_WORDS <= len(words) <= limit
        and not sentence[:1].islower()
        and _END.search(sentence) is not None
        and sentence.count("“") == sentence.count("”")
        and sentence.count('"') % 2 == 0
        and not _UNATTRIBUTED.match(sentence)
        and not (sentence[:1] in "'‘" and not _CLOSING_SINGLE.search(sentence, 1))
        and sum(map(str.isalpha, map(_FIRST, words))) >= 0.7 * len(words)
        and not (holds_any(sentence, lower, BOILERPLATE_HINTS) and _BOILERPLATE.search(sentence))  # the slowest last
    )


def _content(lower: str) -> frozenset[str]:
    """The content words of lowered text."""
    return frozenset(filterfalse(STOPWORDS.__contains__, _LONG_WORD.findall(lower)))


def _sentences(document: Document) -> Iterator[_Sentence]:
    """The usable sentences of the body in reading order, trimmed of datelines and kickers."""
    order = 0
    for paragraph in document.paragraphs:
        if paragraph.heading:  # a subhead is a signpost, not a statement of the article
            continue
        for raw in split_sentences(paragraph.text):
            text = _trim(raw)
            lower = text.lower()  # once, for the boilerplate hints and the content words
            if _usable(text, lower, MAX_LEDE_WORDS if order == 0 else MAX_WORDS):
                leans = bool(_DANGLING.match(text) or _PRONOUN_SPEAKER.search(text))
                yield _Sentence(order, text, _content(lower), leans)
            order += 1


def _wanted(words: int) -> int:
    return 3 if words < SHORT_ARTICLE_WORDS else 4 if words < LONG_ARTICLE_WORDS else 5


def _term_weights(pool: list[_Sentence], title: frozenset[str]) -> dict[str, float]:
    """How much each content word matters: a word the article comes back to, early, in the headline.

    A word met in one sentence only is no theme and weighs nothing.
    """
    weights: defaultdict[str, float] = defaultdict(float)
    for sentence in pool:
        weight = 1.0 / (1.0 + sentence.order) ** TERM_DECAY
        for word in sentence.words:
            weights[word] += weight
    counts = Counter(chain.from_iterable(s.words for s in pool))
    for word in title & weights.keys():
        weights[word] += TITLE_WEIGHT
    return {w: weight for w, weight in weights.items() if counts[w] > 1 or w in title}


def _gain(sentence: _Sentence, weights: dict[str, float], covered: set[str]) -> float:
    """The weight of the words a sentence adds to the summary, per word it costs. Summed exactly
    (`math.fsum`): a plain sum over a set depends on its order, which changes with Python's hash
    seed from one run to the next, and near-ties between sentences flipped with it."""
    added = math.fsum(weights.get(w, 0.0) for w in sentence.words - covered)
    return added / (len(sentence.words) + LENGTH_SMOOTHING)


def _allowed(sentence: _Sentence, chosen: list[_Sentence], overlap: float = REDUNDANCY) -> bool:
    """Not a repeat, and a sentence that leans on the one before comes only with it."""
    if any(_repeats(sentence, c, overlap) for c in chosen):
        return False
    return not sentence.leans_back or any(c.order == sentence.order - 1 for c in chosen)


def _repeats(a: _Sentence, b: _Sentence, overlap: float = REDUNDANCY) -> bool:
    """Whether two sentences share more than `overlap` of the content words of the shorter one."""
    return len(a.words & b.words) > overlap * min(len(a.words), len(b.words))


def _stand_together(picked: tuple[_Sentence, ...], repeats: set[tuple[int, int]]) -> bool:
    """`_allowed` for each of `picked` with the others, given the pairs (by order) that repeat each other."""
    orders = {s.order for s in picked}
    if any((a.order, b.order) in repeats for a, b in combinations(picked, 2)):
        return False
    return all(not s.leans_back or s.order - 1 in orders for s in picked)


def _centrality(window: list[_Sentence], body: str) -> dict[int, float]:
    """How much of each sentence the rest of the article comes back to, by sentence order.

    The other mentions of its content words anywhere in the body, per word it costs (so a
    long sentence does not win by length alone), scaled to 1 for the most central one.
    """
    wanted = set().union(*(s.words for s in window))  # the only words looked up: the others need no count
    mentions = Counter(filter(wanted.__contains__, _LONG_WORD.findall(body.lower())))  # content words are long
    raw = {s.order: sum(mentions.get(w, 1) - 1 for w in s.words) / (len(s.words) + LENGTH_SMOOTHING) for s in window}
    top = max(raw.values(), default=0.0) or 1.0
    return {order: value / top for order, value in raw.items()}


def _core(window: list[_Sentence], want: int, body: str) -> list[_Sentence]:
    """The best `want` (at most 3) of the first usable sentences that may stand together.

    With the lede whenever some allowed set holds it. Empty when no set of that size in the
    window is allowed (every one leans on a sentence left out, or repeats another): the
    caller then walks the article in reading order.
    """
    size = min(want, 3, len(window))
    if not size:
        return []
    centrality = _centrality(window, body)
    cost = {
        s.order: rank + LENGTH_COST * len(s.text.split()) - CENTRALITY_WEIGHT * centrality[s.order]
        for rank, s in enumerate(window)
    }
    repeats = {(a.order, b.order) for a, b in combinations(window, 2) if _repeats(a, b)}
    sets = [picked for picked in combinations(window, size) if _stand_together(picked, repeats)]
    if not sets:
        return []
    return list(min(sets, key=lambda picked: (window[0] not in picked, sum(cost[s.order] for s in picked))))


def summarise(document: Document, *, length: int | None = None) -> tuple[tuple[str, ...], str]:
    """The summary sentences and where they come from ("outlet" or "extracted").

    The core three are the lede and two more of the first five usable sentences (LEAD-3 is the
    baseline to beat for a reason); a long article's fourth and fifth come from anywhere in it, chosen for
    the weighted words they add that the summary does not cover yet. `length` overrides the
    3–5 picked from the article's length.
    """
    if len(document.outlet_summary) >= 2:
        return document.outlet_summary[:5], "outlet"
    want = length or _wanted(sum(len(p.text.split()) for p in document.paragraphs))
    sentences = _sentences(document)
    window = list(islice(sentences, LEAD_WINDOW))
    chosen = _core(window, want, " ".join(p.text for p in document.paragraphs))
    pool = window if len(chosen) == want else window + list(sentences)
    if not chosen:
        for sentence in pool:
            if _allowed(sentence, chosen):
                chosen.append(sentence)
                if len(chosen) == min(want, 3):
                    break
    if len(chosen) < want:
        title = frozenset() if document.title_inferred else _content(document.title.lower())
        weights = _term_weights(pool, title)
        covered = set().union(*(c.words for c in chosen))
        while len(chosen) < want:
            taken = {c.order for c in chosen}  # a sentence is its order: `s not in chosen`, without comparing fields
            options = [s for s in pool if s.order not in taken and _allowed(s, chosen)]
            if not options:
                break
            best = max(options, key=lambda s: (_gain(s, weights, covered), -s.order))
            chosen.append(best)
            covered |= best.words
    for sentence in pool:  # an article too repetitive for three distinct sentences: near-repeats
        if len(chosen) >= min(want, 3):
            break
        if sentence not in chosen and _allowed(sentence, chosen, overlap=0.9):
            chosen.append(sentence)
    if not chosen:  # nothing a reader could take alone: the opening sentences, as written
        return tuple(s for p in document.paragraphs for s in split_sentences(p.text))[:3], "extracted"
    return tuple(s.text for s in sorted(chosen, key=lambda s: s.order)), "extracted"


def lead(document: Document, summary: tuple[str, ...]) -> str:
    """One line for the home page and search previews, shown under the title.

    The first summary sentence, unless the title was inferred from it (the reader would see
    it twice), then the next one. Over `LEAD_WORDS` words it is cut at the last clause break
    (comma, semicolon, dash) outside quotation marks and ends in "…": shortened, never
    reworded.
    """
    lines = list(summary) or [s for p in document.paragraphs[:1] for s in split_sentences(p.text)]
    if not lines:
        return ""
    title = document.title.rstrip("…").strip()
    if document.title_inferred and len(lines) > 1 and title and lines[0].startswith(title):
        lines = lines[1:]
    return _shorten(lines[0])


def _shorten(sentence: str) -> str:
    words = sentence.split()
    if len(words) <= LEAD_WORDS:
        return sentence
    depth, cut = 0, None
    for match in re.finditer(r"[“”\"]|[,;] | [–—] ", sentence):
        mark = match.group(0)
        if mark in '“”"':
            depth = depth + 1 if mark == "“" or (mark == '"' and depth == 0) else max(depth - 1, 0)
        elif depth == 0 and LEAD_MIN_WORDS <= len(sentence[: match.start()].split()) <= LEAD_WORDS:
            cut = match.start()
    if cut is None:
        cut = len(" ".join(words[:LEAD_WORDS]))
    return sentence[:cut].rstrip(" ,;–—") + "…"
