"""Slugs: unique, stable, ASCII, whatever the title or file name holds.

A slug is a file name and a URL, so it is `[a-z0-9-]+`, at most `MAX_SLUG_CHARS` long (no
title can make a file name the file system refuses), and never a path.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePosixPath

MAX_SLUG_WORDS = 10
MAX_SLUG_CHARS = 80
HASH_CHARS = 6
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(1, 10)] + [f"lpt{i}" for i in range(1, 10)]
)
"""Names Windows refuses as files (`con.md` too): a clone there would fail to check out."""
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What every slug matches: the contract's `[a-z0-9-]+`, without leading, trailing or double hyphens."""


def slugify(text: str, fallback: str = "item") -> str:
    """`[a-z0-9-]+` from any text; `fallback` when nothing ASCII is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    words = re.findall(r"[a-z0-9]+", ascii_text)[:MAX_SLUG_WORDS]
    slug = "-".join(words)
    if len(slug) > MAX_SLUG_CHARS:
        cut = slug[: MAX_SLUG_CHARS + 1].rfind("-")
        slug = slug[:cut] if cut > 0 else slug[:MAX_SLUG_CHARS]
    if slug in WINDOWS_RESERVED:
        slug += "-1"
    return slug or fallback


def short_hash(key: str, chars: int = HASH_CHARS) -> str:
    """A few hex digits that depend only on `key`: the same seed always gets the same suffix."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:chars]


def base_slug(key: str, title: str) -> str:
    """The title's slug; for a title with no ASCII letters (Cyrillic, CJK), the file name's."""
    return slugify(title, "") or slugify(PurePosixPath(key).stem, "") or "briefing"


def unique_slugs(titles_by_key: list[tuple[str, str]]) -> dict[str, str]:
    """Map each key (a seed path) to a unique slug of its title.

    When titles clash, the key that sorts first keeps the plain slug and each other gets
    `-` and a hash of its own key, so a slug never depends on how many other seeds share
    the title, nor on the order the file system lists them.
    """
    out: dict[str, str] = {}
    bases = {key: base_slug(key, title) for key, title in sorted(titles_by_key)}
    taken: set[str] = set()
    for key, base in bases.items():
        if base not in taken:
            out[key] = base
            taken.add(base)
    for key, base in bases.items():
        if key in out:
            continue
        chars = HASH_CHARS
        slug = f"{base}-{short_hash(key, chars)}"
        while slug in taken:
            chars += 2
            slug = f"{base}-{short_hash(key, chars)}"
        out[key] = slug
        taken.add(slug)
    return out
