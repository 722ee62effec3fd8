"""Plain data passed between the pipeline's stages.

Each stage takes and returns these dataclasses, so any stage can be tested, cached or
replaced on its own. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class SeedFile:
    """One seed as read from disk: bytes decoded, front matter split off (ingest stage)."""

    path: str  # relative to the repository root, POSIX separators
    sha256: str
    kind: str  # "text", "markdown" or "html"
    text: str  # the decoded body, without front matter; "" in an `Analysis` (its document holds the article)
    front_matter: dict[str, object] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # e.g. "decoded as windows-1252"


@dataclass(frozen=True)
class UnreadSeed:
    """A seed file unchanged since the last build (`unchanged`), not read again: its analysis
    comes from the cache, and only a cache miss reads it."""

    path: str
    sha256: str


@dataclass(frozen=True)
class SeedError:
    """A seed that could not be read: reported by file name with a one-line reason."""

    path: str
    reason: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the cleaned article body; `anchor` is its stable HTML id."""

    anchor: str
    text: str
    heading: bool = False  # a section subhead inside the article ("What is Russia saying?")


@dataclass(frozen=True)
class Document:
    """The cleaned article: metadata a reader can trust, body paragraphs, what was removed."""

    title: str
    title_inferred: bool
    outlet: str | None
    author: str | None
    published: str | None  # YYYY-MM-DD
    url: str | None
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[str, ...] = ()  # lines cleaning took out, kept for editors
    outlet_summary: tuple[str, ...] = ()  # the article's own summary bullets, if it has one
    tags: tuple[str, ...] = ()  # editor tags from front matter


@dataclass(frozen=True)
class Quote:
    """A direct quotation, verbatim, with who said it according to the article."""

    text: str
    speaker: str | None
    role: str | None
    key: bool
    anchor: str
    continued: tuple[str, ...] = ()  # further verbatim pieces of one quotation split by its attribution

    @property
    def shown(self) -> str:
        """The whole quotation for readers: its verbatim pieces joined by an ellipsis."""
        return " … ".join((self.text, *self.continued))


@dataclass(frozen=True)
class Entities:
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class DatedStatement:
    """A sentence of the article that names a date, for the timeline."""

    date: str  # YYYY-MM-DD, YYYY-MM or YYYY; only as precise as the text supports
    sentence: str
    anchor: str


@dataclass(frozen=True)
class Terms:
    """An article's distinct body words, sorted and space-separated, and their counts: a string
    and a tuple of small integers hold a tenth of the memory of (word, count) pairs."""

    words: str = ""
    counts: tuple[int, ...] = ()


class TextSize(NamedTuple):
    """The size of an article's body text (its paragraphs), kept by an analysis that goes without it."""

    words: int
    characters: int


@dataclass(frozen=True)
class Analysis:
    """Everything known about one article before cross-linking (cacheable per seed)."""

    seed: SeedFile
    document: Document
    summary: tuple[str, ...]
    summary_source: str  # "outlet" when the article's own summary is used, else "extracted"
    lead: str
    quotes: tuple[Quote, ...]
    entities: Entities
    dates: tuple[DatedStatement, ...]
    tags: tuple[str, ...]
    terms: Terms = Terms()  # the body's word counts, for topic words (`terms`)
    fingerprint: tuple[tuple[str, int], ...] = ()  # `duplicates.paragraph_keys` of the body
    # how the article describes each person and organisation name form it holds (people,
    # organisations, quote speakers), sorted by form: (form, roles), for the hub pages
    described: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # `entities.acronyms` of the body, (acronym, long name) in the order found: computed with the
    # analysis, so that naming entities across 10,000 articles reads none of their text
    acronyms: tuple[tuple[str, str], ...] = ()
    # `entities.local_forms`, worked out with the analysis, with the entities, quotes and acronyms
    # it was worked out from: `entities.forms_of` uses it only while they are still these
    forms: tuple[Entities, tuple[Quote, ...], tuple[tuple[str, str], ...], tuple[tuple[str, ...], ...]] | None = field(
        default=None, compare=False, repr=False
    )
    # set when the document goes without its paragraphs and removed lines (`cache.without_text`):
    # the build's stages across articles need neither, and they were half of loading an analysis.
    # Rendering and the hub pages get them back (`cache.AnalysisCache.text`); none may read them here
    text_omitted: TextSize | None = field(default=None, compare=False, repr=False)


class Related(NamedTuple):
    """A link to another briefing (a tuple: linking makes 50,000 of them at 10,000 briefings,
    three times faster than frozen dataclasses)."""

    slug: str
    title: str
    why: str


@dataclass(frozen=True)
class Briefing:
    """An analysed article with its slug and its links to the others (render stage input)."""

    slug: str
    analysis: Analysis
    related: tuple[Related, ...]
