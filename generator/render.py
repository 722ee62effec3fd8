"""Render stage: a `Briefing` → `briefings/<slug>.md` (contract front matter + reader's page).

All seed-derived text goes through `markup.md_text`, so it shows as text whatever it holds.
Links are Markdown links so that `mkdocs build --strict` validates every one of them. The
page reads top-down as a reader wants it: what this is and where from, the gist, who said
what, who and where, what else to read, then the article itself with what cleaning removed.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from .cache import code_fingerprint, data_key
from .inline_links import link_paragraphs
from .markup import GENERATED_NOTE, front_matter, link_text, md_text
from .model import Briefing, Quote

BRIEFINGS_URL_DIR = "briefings"
"""Where briefings sit in the site; hub pages link to them as `briefings/<slug>.md`."""

PEOPLE_PREFIX = "../"
"""From a briefing page (`briefings/<slug>.md`) back to the docs root, for person pages."""

_WEB_URL = re.compile(r"https?://\S+\Z")
_PARAGRAPH_ANCHOR = re.compile(r"p(\d+)")


def contract_data(b: Briefing) -> dict:
    """The front matter the contract promises, in the contract's key order."""
    a = b.analysis
    d = a.document
    return {
        "title": d.title,
        "slug": b.slug,
        "title_inferred": d.title_inferred,
        "source": {
            "file": a.seed.path,
            "sha256": a.seed.sha256,
            "outlet": d.outlet,
            "author": d.author,
            "published": d.published,
            "url": d.url,
        },
        "summary": list(a.summary),
        "summary_source": a.summary_source,
        "lead": a.lead,
        "quotes": [
            {
                "text": q.text,
                "continued": list(q.continued),
                "speaker": q.speaker,
                "role": q.role,
                "key": q.key,
                "anchor": q.anchor,
            }
            for q in a.quotes
        ],
        "entities": {
            "people": list(a.entities.people),
            "organizations": list(a.entities.organizations),
            "places": list(a.entities.places),
        },
        "dates": [{"date": s.date, "sentence": s.sentence, "anchor": s.anchor} for s in a.dates],
        "tags": list(a.tags),
        "related": [{"slug": r.slug, "title": r.title, "why": r.why} for r in b.related],
        "removed": list(d.removed),
        "notes": list(a.seed.notes),
    }


def _entity_link(name: str, pages: dict[str, str], prefix: str) -> str:
    page = pages.get(name)
    return f"[{link_text(name)}]({prefix}{page})" if page else md_text(name)


def _url(url: str) -> str:
    """A web address as a Markdown link target: anything Markdown or HTML could read as syntax
    (parentheses, brackets, backticks, backslashes, quotes, angle and curly brackets) encoded."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")


def byline(b: Briefing, prefix: str = "../") -> str:
    """Outlet · author · date · link to the original, with unknowns said plainly, never guessed."""
    d = b.analysis.document
    parts = [md_text(d.outlet or "Outlet unknown")]
    if d.author:
        parts.append(md_text(d.author))
    parts.append(md_text(d.published or "date unknown"))
    if d.url and _WEB_URL.match(d.url):
        parts.append(f"[original article]({_url(d.url)})")
    return " · ".join(parts)


def _attribution(q: Quote, pages: dict[str, str]) -> str:
    who = _entity_link(q.speaker, pages, PEOPLE_PREFIX) if q.speaker else "*Unattributed*"
    role = f", {md_text(q.role)}" if q.role else ""
    number = _PARAGRAPH_ANCHOR.fullmatch(q.anchor)
    where = f"in context, paragraph {number.group(1)}" if number else "in context"
    return f"— {who}{role} · [{where}](#{q.anchor})"


def quote_figure(text: str, caption: str) -> list[str]:
    """Markdown lines of a quote with its attribution: `text` is seed text (escaped here),
    `caption` Markdown already made safe. A figure, because consecutive `>` blocks would merge
    into one block quote and run two speakers' words together."""
    return [
        '<figure class="briefing-quote" markdown>',
        f"> “{md_text(text)}”",
        "",
        f"<figcaption markdown>{caption}</figcaption>",
        "</figure>",
        "",
    ]


def _quote_block(q: Quote, pages: dict[str, str]) -> list[str]:
    return quote_figure(q.shown, _attribution(q, pages))


def _quote_item(q: Quote, pages: dict[str, str]) -> str:
    """A quote as one list item, for the collapsed list under the key quotes."""
    return f"    - “{md_text(q.shown)}” {_attribution(q, pages)}"


def _quotes_section(quotes: tuple[Quote, ...], pages: dict[str, str]) -> list[str]:
    """Key quotes in full; the rest collapsed below them, still in the page for search."""
    if not quotes:
        return []
    key = [q for q in quotes if q.key]
    rest = [q for q in quotes if not q.key]
    if not key:
        lines = ["## Quotes", ""]
        for q in rest:
            lines += _quote_block(q, pages)
        return lines
    lines = ["## Key quotes", ""]
    for q in key:
        lines += _quote_block(q, pages)
    if rest:
        lines += [f'??? quote "More quotes from the article ({len(rest)})"', ""]
        lines += [_quote_item(q, pages) for q in rest]
        lines.append("")
    return lines


def _entities_section(b: Briefing, pages: dict[str, str]) -> list[str]:
    e = b.analysis.entities
    rows = [
        (label, names)
        for label, names in (("People", e.people), ("Organisations", e.organizations), ("Places", e.places))
        if names
    ]
    if not rows:
        return []
    lines = ["## People, organisations and places", ""]
    for label, names in rows:
        lines.append(f"- **{label}:** " + ", ".join(_entity_link(n, pages, PEOPLE_PREFIX) for n in names))
    return [*lines, ""]


def _unsearched(lines: list[str]) -> list[str]:
    """Lines kept out of the search index: removed boilerplate would only make searches find the
    wrong page, and text found elsewhere on the page swells the index at scale."""
    return ['<div data-search-exclude markdown="1">', "", *lines, "</div>", ""]


UNSEARCHED_SECTION = "{: data-search-exclude }"
"""After a heading: Material leaves the whole section (heading to next heading) out of the search
index, with no empty entry left behind to repeat the page's tags."""


def _related_section(b: Briefing) -> list[str]:
    if not b.related:
        return []
    lines = [f"## Related briefings {UNSEARCHED_SECTION}", ""]
    lines += [f"- [{link_text(r.title)}]({r.slug}.md) — {md_text(r.why)}" for r in b.related]
    return [*lines, ""]


def render_key(b: Briefing, pages: dict[str, str]) -> str:
    """Everything `render_briefing` reads, hashed: equal keys render equal text.

    The seed's cache key covers the seed and the generator's source; the rest is what the
    cross-briefing stages add (slug, tags, related) and the pages of the names it shows.
    """
    a = b.analysis
    e = a.entities
    names = sorted({*e.people, *e.organizations, *e.places, *(q.speaker for q in a.quotes if q.speaker)})
    shown = [(name, pages[name]) for name in names if name in pages]
    related = tuple(map(tuple, b.related))  # plain tuples, which marshal takes
    return data_key((code_fingerprint(), a.seed.path, a.seed.sha256, b.slug, a.tags, related, shown))


def _mentioned_pages(b: Briefing, pages: dict[str, str]) -> dict[str, str]:
    """The entity pages this briefing can link to: only names it mentions, so the link
    pattern stays small however many pages the site has."""
    e = b.analysis.entities
    names = {*e.people, *e.organizations, *(q.speaker for q in b.analysis.quotes if q.speaker)}
    return {name: pages[name] for name in sorted(names) if name in pages}


def _article_section(b: Briefing, pages: dict[str, str]) -> list[str]:
    """The cleaned article, paragraph anchors kept; subheads as headings; each entity with a
    page linked at its first mention in running text."""
    d = b.analysis.document
    lines = ["## Article", ""]
    texts = ["" if p.heading else p.text for p in d.paragraphs]
    bodies = link_paragraphs(texts, _mentioned_pages(b, pages), PEOPLE_PREFIX)
    for p, body in zip(d.paragraphs, bodies, strict=True):
        if p.heading:
            lines += [f"### {md_text(p.text)} {{: #{p.anchor} }}", ""]
        else:
            lines += [body, f"{{: #{p.anchor} }}", ""]
    if d.removed:
        count = f"{len(d.removed)} line" + ("s" if len(d.removed) != 1 else "")
        removed = [f'??? note "What cleaning removed ({count})"', ""]
        removed += [f"    - {md_text(r)}" for r in d.removed]
        lines += _unsearched([*removed, ""])
    return lines


def render_briefing(b: Briefing, pages: dict[str, str]) -> str:
    """The whole Markdown file of one briefing (whose analysis has its text: `cache.AnalysisCache.text`)."""
    a = b.analysis
    if a.text_omitted is not None:
        raise ValueError(f"{a.seed.path}: a briefing is rendered from an analysis with its text, not without")
    lines = [f"# {md_text(a.document.title)}", "", byline(b), "{: .briefing-byline }", ""]
    label = "Summary (the outlet's own)" if a.summary_source == "outlet" else "Summary"
    summary = [f'!!! abstract "{label}"', ""]
    summary += [f"    - {md_text(s)}" for s in a.summary]
    lines += _unsearched([*summary, ""])  # its sentences are the article's own, found there
    lines += _quotes_section(a.quotes, pages)
    lines += _entities_section(b, pages)
    lines += _related_section(b)
    lines += _article_section(b, pages)
    body = "\n".join(lines).rstrip() + "\n"
    return front_matter(contract_data(b)) + "\n" + GENERATED_NOTE + "\n\n" + body
