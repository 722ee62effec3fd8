"""Word counts of an article's body, for the link stage's topic words.

Counted per article at analysis time, so they are cached with the analysis and computed in the
worker pool; the link stage then only weighs them by corpus rarity. Words are runs of four or
more letters, lowercased, without English stop words: digits, names' initials and short
function words say nothing about what an article is about.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain, filterfalse

from .model import Document, Terms

WORD = re.compile(r"\b[^\W\d_][^\W\d_]{3,}\b")
_ASCII_WORD = re.compile(WORD.pattern, re.ASCII)
"""`WORD` for ASCII text (two paragraphs in three), where it finds the same words without asking
Unicode's tables about every character."""

STOP_WORDS = frozenset(
    """
    about above across after afterwards again against almost alone along already also although
    always among amongst amoungst amount another anyhow anyone anything anyway anywhere around back
    became because become becomes becoming been before beforehand behind being below beside besides
    between beyond bill both bottom call cannot cant could couldnt describe detail done down during
    each eight either eleven else elsewhere empty enough even ever every everyone everything
    everywhere except fifteen fifty fill find fire first five former formerly forty found four from
    front full further give hasnt have hence here hereafter hereby herein hereupon hers herself
    himself however hundred indeed interest into itself keep last latter latterly least less made
    many meanwhile might mill mine more moreover most mostly move much must myself name namely
    neither never nevertheless next nine nobody none noone nothing nowhere often once only onto
    other others otherwise ours ourselves over part perhaps please rather same seem seemed seeming
    seems serious several should show side since sincere sixty some somehow someone something
    sometime sometimes somewhere still such system take than that their them themselves then thence
    there thereafter thereby therefore therein thereupon these they thick thin third this those
    though three through throughout thru thus together toward towards twelve twenty under until
    upon very well were what whatever when whence whenever where whereafter whereas whereby wherein
    whereupon wherever whether which while whither whoever whole whom whose will with within
    without would your yours yourself yourselves
    """.split()
)
"""scikit-learn's English stop list, its words of four letters or more (shorter never match WORD)."""


def term_counts(document: Document) -> Terms:
    """Every word of the body with its count, in word order."""
    words = chain.from_iterable(map(_words, (p.text for p in document.paragraphs)))
    counts = Counter(filterfalse(STOP_WORDS.__contains__, words))
    ordered = sorted(counts)  # the words alone: each is once, and strings sort faster than pairs
    return Terms(" ".join(ordered), tuple(map(counts.__getitem__, ordered)))


def _words(text: str) -> list[str]:
    """The words of one paragraph, lowercased: paragraph by paragraph, as no word spans two."""
    lower = text.lower()
    return (_ASCII_WORD if lower.isascii() else WORD).findall(lower)
