"""Per-article pipeline: seed → clean → quotes, entities, dates → summary → `Analysis`.

Pure: depends only on the seed, so its result can be cached by the seed's hash and run in
worker processes.
"""

from __future__ import annotations

from .clean import clean
from .dates import extract_dates
from .duplicates import paragraph_keys
from .entities import acronyms, described, extract_entities, local_forms
from .model import Analysis, Entities, SeedFile
from .quotes import extract_quotes
from .summarise import lead, summarise
from .terms import term_counts

MAX_TAGS = 8


def _tags(editor_tags: tuple[str, ...], entities: Entities, speakers: list[str]) -> tuple[str, ...]:
    """Editor tags first, then the article's speakers, then its places."""
    tags: list[str] = []
    for tag in [*editor_tags, *speakers, *entities.places]:
        if tag not in tags:
            tags.append(tag)
    return tuple(tags[:MAX_TAGS])


def analyse(seed: SeedFile) -> Analysis:
    """Run every per-article stage on one seed."""
    document = clean(seed)
    quotes = extract_quotes(document.paragraphs)
    entities = extract_entities(document.paragraphs, quotes)
    summary, source = summarise(document)
    speakers = sorted({q.speaker for q in quotes if q.speaker and q.speaker in entities.people})
    found, defined = tuple(quotes), acronyms(document.paragraphs)
    pairs = tuple(defined.items())
    return Analysis(
        seed=seed,
        document=document,
        summary=summary,
        summary_source=source,
        lead=lead(document, summary),
        quotes=found,
        entities=entities,
        dates=extract_dates(document.paragraphs),
        tags=_tags(document.tags, entities, speakers),
        terms=term_counts(document),
        fingerprint=paragraph_keys(document),
        described=described(document.paragraphs, entities, quotes),
        acronyms=pairs,
        forms=(entities, found, pairs, local_forms(entities, found, defined)),
    )
