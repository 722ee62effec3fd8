"""HTML seeds: a page saved from a browser → article text lines and the metadata the page states.

Body and metadata come from trafilatura (which uses htmldate for dates), a maintained extractor
that already knows menus, footers, cookie banners and comment sections. Dates are taken only
from the page's own markup (meta tags, `<time>`, JSON-LD), never guessed from URLs or
free text, because a wrong date is worse than none. The lines then go through the same
line rules as plain-text seeds (`clean`), which catch captions and credits left in the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import lxml.html

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
"""htmldate: the original publication date from markup only; no guessing from text or URL."""

_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+")
_BLOCKS = frozenset(
    """
    p li h1 h2 h3 h4 h5 h6 figcaption blockquote td th dt dd button label caption summary
    div nav header footer aside
    """.split()
)
"""Elements whose text a reader sees as one block; what the extractor leaves out is listed per block."""
_INVISIBLE = frozenset("script style noscript template head".split())
_NOT_A_PERSON = re.compile(r"@|\b(?:staff|desk|team|newsroom|editors|editorial|agencies|wires?|reporters)\b", re.I)
MAX_REMOVED = 200
"""At most this many left-out blocks are listed: enough for an editor, bounded for huge pages."""


@dataclass(frozen=True)
class Page:
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None  # YYYY-MM-DD
    url: str | None
    lines: tuple[str, ...]  # article text, one paragraph a line
    removed: tuple[str, ...] = ()  # visible text blocks the extractor left out, for editors


def extract_page(html: str) -> Page:
    """Extract the article and its metadata; an empty `Page` when the page holds no article."""
    import trafilatura  # here: most builds have no HTML seed, and importing it costs every run

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None:
        return Page(None, None, None, None, None, ())
    outlet = _clean_field(doc.sitename)
    lines = tuple(" ".join(line.split()) for line in (doc.text or "").split("\n") if line.strip())
    return Page(
        title=_strip_site_suffix(_clean_field(doc.title), outlet),
        outlet=outlet,
        author=_author(doc.author, outlet),
        published=_iso_date(doc.date),
        url=_clean_field(doc.url) if doc.url and re.match(r"https?://", doc.url) else None,
        lines=lines,
        removed=_left_out(html, " ".join(lines), doc.title),
    )


def _left_out(html: str, kept: str, title: str | None) -> tuple[str, ...]:
    """Visible blocks of the page that are not in the extracted article (menus, banners, footers)."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ()
    out: list[str] = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag not in _BLOCKS:
            continue
        if any(a.tag in _INVISIBLE for a in el.iterancestors()) or any(d.tag in _BLOCKS for d in el.iterdescendants()):
            continue
        text = " ".join(el.text_content().split())
        if text and text not in kept and text != title and text not in out:
            out.append(text)
            if len(out) >= MAX_REMOVED:
                break
    return tuple(f"outside the article (HTML): {t}" for t in out)


def _iso_date(value: str | None) -> str | None:
    """htmldate gives YYYY-MM-DD; anything else (or no such day) is no date."""
    try:
        return dt.date.fromisoformat(value or "").isoformat()
    except ValueError:
        return None


def _clean_field(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _strip_site_suffix(title: str | None, outlet: str | None) -> str | None:
    """ "Headline | Outlet" or "Headline - Outlet" in a `<title>`: the headline alone."""
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and outlet and parts[-1].lower().removeprefix("the ") == outlet.lower().removeprefix("the "):
        return " - ".join(parts[:-1])
    return title


def _author(value: str | None, outlet: str | None) -> str | None:
    """People's names only: trafilatura joins several with ";"; handles, e-mails, desks and the
    outlet itself ("Reuters Staff", "CNN") are not authors."""
    if not value:
        return None
    names = [n.strip() for n in value.split(";")]
    names = [
        n
        for n in names
        if re.fullmatch(r"[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){1,4}", n)
        and not _NOT_A_PERSON.search(n)
        and not (outlet and outlet.lower() in n.lower())
    ]
    return " and ".join(names) if names else None
