"""Inline links: the first mention of each entity with a page, in a briefing body, links to it.

Pure functions over text. Everything that is not a link goes through `markup.md_text`, so seed
text still shows literally; a link's text is the mention exactly as the article spells it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .markup import link_text, md_text

PARTICLES = frozenset({"of", "for", "the", "and", "de", "van", "von", "al", "bin"})
"""Lower-case words a name may hold between its capitalised ones."""


def _linkable(name: str) -> bool:
    """A name as written in running text ("Institute for the Study of War"), not "the ISW" or "Peskov reportedly"."""
    words = name.split()
    return (
        bool(words)
        and words[0][0].isupper()
        and words[-1][0].isupper()
        and all(w[0].isupper() or w in PARTICLES for w in words)
    )


@lru_cache(maxsize=256)
def _pattern(names: frozenset[str]) -> re.Pattern[str] | None:
    """Longest names first, so "Vladimir Putin" wins over "Putin"; whole words only.

    Compiled once per set of names (a briefing's), not per paragraph: compiling dominated builds.
    """
    ordered = sorted({n for n in names if _linkable(n)}, key=lambda n: (-len(n), n))
    if not ordered:
        return None
    return re.compile(r"(?<![\w’'-])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?![\w-])")


def _escape_piece(piece: str) -> str:
    """md_text for a piece of a line: it folds white space at the ends, so put one space back."""
    if not piece.strip():
        return " " if piece else ""
    lead = " " if piece[0].isspace() else ""
    tail = " " if piece[-1].isspace() else ""
    return lead + md_text(piece) + tail


def link_paragraph(
    text: str, pages: dict[str, str], prefix: str, linked: frozenset[str] = frozenset()
) -> tuple[str, frozenset[str]]:
    """`text` as escaped Markdown with the first mention of each not-yet-linked page made a link.

    `pages` maps every name form (variants included) to its page's docs-relative path;
    `prefix` is prepended to that path (e.g. "../" from a briefing). `linked` holds the paths
    already linked earlier in the briefing; the returned set adds this paragraph's.
    """
    text = " ".join(text.split())
    pattern = _pattern(frozenset(pages))
    if pattern is None:
        return md_text(text), linked
    out: list[str] = []
    done = set(linked)
    pos = 0
    for m in pattern.finditer(text):
        path = pages[m.group(0)]
        if path in done:
            continue
        done.add(path)
        out.append(_escape_piece(text[pos : m.start()]))
        out.append(f"[{link_text(m.group(0))}]({prefix}{path})")
        pos = m.end()
    out.append(_escape_piece(text[pos:]))
    return "".join(out), frozenset(done)


def link_paragraphs(paragraphs: Iterable[str], pages: dict[str, str], prefix: str) -> list[str]:
    """Every paragraph of one briefing, each entity linked at its first mention in the briefing."""
    linked: frozenset[str] = frozenset()
    out = []
    for text in paragraphs:
        markdown, linked = link_paragraph(text, pages, prefix, linked)
        out.append(markdown)
    return out
