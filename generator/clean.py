"""Clean stage: a seed's raw text → `Document` (title, outlet, author, date, body paragraphs).

Scrapes mix the article with navigation, captions, credits, video labels and author bios.
Each line is classified from features that hold across outlets (length, final punctuation,
share of capitalised words, position, repetition, caption/credit/bio shapes), not from the
strings of particular sites. Whatever is removed is kept in `Document.removed`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .model import Document, Paragraph, SeedFile

# --- Patterns: one place for the cleaning rules -------------------------------------------

UI_WORDS = frozenset(
    """
    share shares tweet email print comment comments advertisement advertisements sponsored
    subscribe login log sign menu search close skip home next previous back top trending
    related more read show feed newsletter follow connect avatar reporter editor author
    written posted published updated tags topics photo photos video videos watch listen
    gallery continue loading cookies accept privacy terms contact about us with on the to
    you your may also like what are looking for hi in min minute minutes sec seconds
    news latest view all see story stories copy link whatsapp facebook twitter linkedin
    reddit telegram by of up now here a an and
    """.split()
)
"""Words navigation and UI lines are made of; a short line of only these is not article text."""

_CREDIT = re.compile(
    r"\((?:photo|image|picture|video|source|credit|file photo)s?\b[^)]*\)"
    r"|\b(?:photo|image|picture)s?\s+(?:by|credit|courtesy)\b\s*:?"
    r"|\b(?:getty images|afp|reuters|associated press|ap photo|shutterstock|epa|sputnik)\b.*\)\s*$"
    r"|^\s*(?:image|photo|picture)\s*(?:credit|source)?\s*:",
    re.I,
)
_VIDEO_LABEL = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?\s*[-–—]\s*source\s*:", re.I)
_READ_TIME = re.compile(r"^\s*\d+\s*(?:min|minute)s?\s+read\s*$", re.I)
_DATELINE = re.compile(r"^\s*\(?([A-Z][A-Za-z&.]*(?:\s+[A-Z][A-Za-z&.]*){0,3})\)?\s*[—–-]+\s*$")
_PUBLICATION = re.compile(
    r"^\s*(?:publication|publisher|source|outlet)\s*:\s*(.+?)(?=\s+(?:volume|vol\.|issue|no\.)\s*:?|\s*$)",
    re.I,
)
_BYLINE = re.compile(r"^\s*by\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al|bin)){1,3})\s*$")
_BIO = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s+(?:is|was|has been|serves as)\s+"
    r"(?:a|an|the|(?P<outlet_pos>[A-Z0-9][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*)*)[’']s)?\s*"
    r"(?P<desc>[^.]*?\b(?i:reporter|editor|correspondent|journalist|writer|author|columnist|"
    r"contributor|analyst|producer|fellow|researcher|intern|photographer|critic)\b[^.]*)",
)
_BIO_OUTLET = re.compile(r"\b(?:at|for|with|of)\s+(?:the\s+)?(?P<outlet>[A-Z0-9][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,4})")
_AUTHOR_BLOCK = re.compile(r"^\s*(?:written by|about the author|avatar|author|by)\s*:?\s*$", re.I)
_SUMMARY_LABEL = re.compile(r"^\s*(?:executive summary|summary|key points|in brief|highlights)\s*:?\s*$", re.I)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣*+-]|\d+[.)])\s+")
_PUBLISHED = re.compile(
    r"^\s*(?:published|posted|updated|date)\s*:?\s*(?:on\s+)?"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}|\d{4}-\d{2}-\d{2})",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*\s*$")
_WORD = re.compile(r"[\w’'-]+")

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}

BODY_MIN_WORDS = 15
"""A line this long that ends like a sentence is article prose; the head ends before it."""


@dataclass
class _Line:
    text: str
    reason: str | None = None  # why it was removed; None keeps it


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_prose(text: str) -> bool:
    return len(_words(text)) >= BODY_MIN_WORDS and bool(
        _SENTENCE_END.search(text) or text.rstrip().endswith(("”", '"'))
    )


def _capitalised_share(text: str) -> float:
    words = [w for w in _words(text) if w[0].isalpha()]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def _is_ui(text: str) -> bool:
    words = [w.lower() for w in _words(text)]
    if not words or len(words) > 7:
        return False
    return all(w in UI_WORDS for w in words) or bool(_READ_TIME.match(text))


def _split_lines(seed: SeedFile) -> list[str]:
    """Plain text: every line is a paragraph. Markdown: blank lines separate paragraphs."""
    text = seed.text
    if seed.kind == "markdown":
        blocks = re.split(r"\n\s*\n", text)
        lines = [" ".join(b.split()) for b in blocks]
        return [re.sub(r"^#{1,6}\s+", "", line) for line in lines if line]
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def parse_date(text: str) -> str | None:
    """A full calendar date with a year, as YYYY-MM-DD; anything less exact gives None."""
    text = text.strip().rstrip(".")
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),\s+(\d{4})", text):
        mo, d, y = MONTHS.get(m.group(1).lower(), 0), int(m.group(2)), int(m.group(3))
    elif m := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text):
        d, mo, y = int(m.group(1)), MONTHS.get(m.group(2).lower(), 0), int(m.group(3))
    else:
        return None
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _mark_boilerplate(lines: list[_Line]) -> None:
    """Mark navigation, captions, credits, video labels and repeated lines for removal."""
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        text = line.text
        key = text.lower()
        if key in seen and not _is_prose(text):
            line.reason = "repeated line"
        elif _VIDEO_LABEL.match(text):
            line.reason = "video label"
            if i > 0 and not _is_prose(lines[i - 1].text) and lines[i - 1].reason is None:
                lines[i - 1].reason = "video title"
        elif _CREDIT.search(text) and len(_words(text)) < 120:
            line.reason = "photo caption or credit"
            prev = lines[i - 1] if i > 0 else None
            if (
                prev
                and prev.reason is None
                and len(_words(prev.text)) <= 8
                and not _SENTENCE_END.search(prev.text)
                and not _PUBLICATION.match(prev.text)
            ):
                prev.reason = "photo title"
        elif _is_ui(text):
            line.reason = "navigation or UI line"
        seen.setdefault(key, i)


def _mark_author_block(lines: list[_Line]) -> tuple[str | None, str | None]:
    """Remove end-of-article author blocks and bios; return (author, outlet) they name."""
    author = outlet = None
    n = len(lines)
    for i, line in enumerate(lines):
        m = _BIO.match(line.text)
        if m and i >= n // 2:
            line.reason = "author bio"
            author = author or m.group("name")
            if m.group("outlet_pos"):
                outlet = outlet or m.group("outlet_pos")
            elif om := _BIO_OUTLET.search(m.group("desc")):
                outlet = outlet or om.group("outlet")
            # short label lines just before a bio (name, role, "Written By") belong to it
            j = i - 1
            while j >= 0 and len(_words(lines[j].text)) <= 4 and not _SENTENCE_END.search(lines[j].text):
                lines[j].reason = lines[j].reason or "author block"
                j -= 1
        elif _AUTHOR_BLOCK.match(line.text):
            line.reason = "author block"
    # a bio sentence's continuation ("He is…", "She previously…") right after it
    for i in range(1, n):
        if lines[i - 1].reason == "author bio" and re.match(r"^(?:He|She|They|His|Her)\b", lines[i].text):
            lines[i].reason = "author bio"
    return author, outlet


def _headline_score(text: str) -> float:
    words = _words(text)
    if not (3 <= len(words) <= 25) or (_SENTENCE_END.search(text) and not text.rstrip().endswith("?")):
        return 0.0
    if text.rstrip().endswith(":"):
        return 0.0
    score = 1.0 + min(len(words), 12) / 12
    if _capitalised_share(text) > 0.6:
        score += 0.5
    return score


def clean(seed: SeedFile) -> Document:
    """Turn a seed's text into a `Document`; front matter overrides what is inferred."""
    lines = [_Line(t) for t in _split_lines(seed)]
    _mark_boilerplate(lines)
    author, outlet = _mark_author_block(lines)
    published = None

    body_start = next(
        (i for i, ln in enumerate(lines) if ln.reason is None and _is_prose(ln.text) and not _BULLET.match(ln.text)),
        len(lines),
    )
    outlet_summary: list[str] = []
    title = None
    for i, line in enumerate(lines[:body_start]):
        if line.reason:
            continue
        text = line.text
        if m := _DATELINE.match(text):
            outlet = outlet or m.group(1).strip()
            line.reason = "dateline"
        elif m := _PUBLICATION.match(text):
            outlet = m.group(1).strip()
            line.reason = "publication line"
        elif m := _BYLINE.match(text):
            author = author or m.group(1)
            line.reason = "byline"
        elif m := _PUBLISHED.match(text):
            published = parse_date(m.group("date"))
            line.reason = "date line"
        elif _SUMMARY_LABEL.match(text):
            line.reason = "outlet summary label"
            for follower in lines[i + 1 : body_start]:
                if _BULLET.match(follower.text):
                    outlet_summary.append(_BULLET.sub("", follower.text))
                    follower.reason = "outlet summary"
    # the headline: the best-scoring head line, nearest the body breaking ties
    candidates = [(_headline_score(ln.text), i) for i, ln in enumerate(lines[:body_start]) if ln.reason is None]
    candidates = [c for c in candidates if c[0] > 0]
    if candidates:
        _, best = max(candidates)
        title = lines[best].text
        lines[best].reason = "headline"
    for line in lines[:body_start]:
        if line.reason is None:
            line.reason = "head line before the article"

    paragraphs = []
    for line in lines:
        if line.reason is None:
            paragraphs.append(Paragraph(f"p{len(paragraphs) + 1}", line.text))
    title_inferred = title is None
    if title is None:
        title = _infer_title(paragraphs)

    fm = seed.front_matter
    if "title" in fm:
        title, title_inferred = str(fm["title"]), False
    removed = tuple(f"{ln.reason}: {ln.text}" for ln in lines if ln.reason and ln.reason != "headline")
    return Document(
        title=title,
        title_inferred=title_inferred,
        outlet=str(fm.get("outlet", outlet)) if fm.get("outlet", outlet) else None,
        author=str(fm.get("author", author)) if fm.get("author", author) else None,
        published=str(fm["published"]) if "published" in fm else published,
        url=str(fm["url"]) if "url" in fm else None,
        paragraphs=tuple(paragraphs),
        removed=removed,
        outlet_summary=tuple(outlet_summary),
        tags=tuple(fm.get("tags", ())),  # type: ignore[arg-type]
    )


def _infer_title(paragraphs: list[Paragraph]) -> str:
    """No headline in the text: the opening sentence's main clause, shortened at a word."""
    if not paragraphs:
        return "Untitled article"
    first = re.split(r"(?<=[.!?])\s+", paragraphs[0].text)[0]
    words = first.split()
    if len(words) <= 16:
        return first.rstrip(".")
    return " ".join(words[:16]).rstrip(",;:") + "…"
