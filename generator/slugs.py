"""Slugs: unique, stable, ASCII, whatever the title or file name holds."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG_WORDS = 10


def slugify(text: str, fallback: str = "item") -> str:
    """`[a-z0-9-]+` from any text; `fallback` when nothing ASCII is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(words[:MAX_SLUG_WORDS]) or fallback


def unique_slugs(titles_by_key: list[tuple[str, str]]) -> dict[str, str]:
    """Map each key to a unique slug of its title; clashes get -2, -3… in key order."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for key, title in sorted(titles_by_key):
        base = slugify(title, "briefing")
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out[key] = slug
    return out
