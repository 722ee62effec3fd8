"""Inline links: the first mention of each entity with a page, in a briefing body, links to it.

Pure functions over text. Everything that is not a link goes through `markup.md_text`, so seed
text still shows literally; a link's text is the mention exactly as the article spells it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .markup import link_text, md_text, one_line

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


_WORD_BEFORE = re.compile(r"[\w’'-]")
_WORD_AFTER = re.compile(r"[\w-]")
"""A mention is a whole word: no letter, digit, hyphen or apostrophe just before it ("Peskov’s"
is linked, "Lavrova" and "Kremlin-controlled" are not)."""


def _mentions(text: str, names: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each mention of `names` in `text`, left to right, never overlapping: at each
    place the longest name standing there as a whole word ("Vladimir Putin" over "Putin").

    What one regex alternating every name, longest first, finds; found with `str.find` instead,
    since compiling a pattern per briefing took a fifth of the time to render it.
    """
    longest: dict[int, int] = {}  # start → end of the longest name there
    for name in names:
        start = text.find(name)
        while start != -1:
            end = start + len(name)
            alone = (start == 0 or not _WORD_BEFORE.match(text, start - 1)) and not _WORD_AFTER.match(text, end)
            if alone and longest.get(start, 0) < end:
                longest[start] = end
            start = text.find(name, start + 1)
    found: list[tuple[int, int]] = []
    pos = 0
    for start in sorted(longest):
        if start >= pos:
            pos = longest[start]
            found.append((start, pos))
    return found


def _linkable_names(pages: dict[str, str]) -> list[str]:
    """The names of `pages` that can be mentioned in a paragraph (which is one line)."""
    return [name for name in pages if _linkable(name) and "\n" not in name]


def _escape_piece(piece: str) -> str:
    """md_text for a piece of a line: it folds white space at the ends, so put one space back."""
    if not piece.strip():
        return " " if piece else ""
    lead = " " if piece[0].isspace() else ""
    tail = " " if piece[-1].isspace() else ""
    return lead + md_text(piece) + tail


def _link(
    text: str, mentions: list[tuple[int, int]], pages: dict[str, str], prefix: str, linked: frozenset[str]
) -> tuple[str, frozenset[str]]:
    """`text` escaped, with the first of its `mentions` of each page not in `linked` made a link."""
    if not mentions:  # most paragraphs: no set of the pages linked to copy
        return _escape_piece(text), linked
    out: list[str] = []
    done = set(linked)
    pos = 0
    for start, end in mentions:
        name = text[start:end]
        path = pages[name]
        if path in done:
            continue
        done.add(path)
        out.append(_escape_piece(text[pos:start]))
        out.append(f"[{link_text(name)}]({prefix}{path})")
        pos = end
    out.append(_escape_piece(text[pos:]))
    return "".join(out), frozenset(done)


def link_paragraph(
    text: str, pages: dict[str, str], prefix: str, linked: frozenset[str] = frozenset()
) -> tuple[str, frozenset[str]]:
    """`text` as escaped Markdown with the first mention of each not-yet-linked page made a link.

    `pages` maps every name form (variants included) to its page's docs-relative path;
    `prefix` is prepended to that path (e.g. "../" from a briefing). `linked` holds the paths
    already linked earlier in the briefing; the returned set adds this paragraph's.
    """
    text = one_line(text)
    return _link(text, _mentions(text, _linkable_names(pages)), pages, prefix, linked)


def link_paragraphs(paragraphs: Iterable[str], pages: dict[str, str], prefix: str) -> list[str]:
    """Every paragraph of one briefing, each entity linked at its first mention in the briefing.

    The names are searched for once in all paragraphs joined by line breaks: a break is no part
    of a word or a name, so no mention found runs from one paragraph into the next."""
    texts = [one_line(text) for text in paragraphs]
    mentions = iter(_mentions("\n".join(texts), _linkable_names(pages)))
    mention = next(mentions, None)
    linked: frozenset[str] = frozenset()
    out = []
    offset = 0
    for text in texts:
        end = offset + len(text)
        here = []
        while mention is not None and mention[1] <= end:
            here.append((mention[0] - offset, mention[1] - offset))
            mention = next(mentions, None)
        markdown, linked = _link(text, here, pages, prefix, linked)
        out.append(markdown)
        offset = end + 1
    return out
