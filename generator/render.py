"""Render stage: a `Briefing` → `briefings/<slug>.md` (contract front matter + reader's page).

All seed-derived text goes through `markup.md_text`, so it shows as text whatever it holds.
Links are Markdown links so that `mkdocs build --strict` validates every one of them.
"""

from __future__ import annotations

import re

from .markup import front_matter, link_text, md_text
from .model import Briefing, Quote

BRIEFINGS_URL_DIR = "briefings"
"""Where briefings sit in the site; hub pages link to them as `briefings/<slug>.md`."""


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


def byline(b: Briefing, prefix: str = "../") -> str:
    d = b.analysis.document
    parts = [md_text(d.outlet or "Outlet unknown")]
    if d.author:
        parts.append(md_text(d.author))
    parts.append(d.published or "date unknown")
    if d.url and re.match(r"https?://", d.url):
        parts.append(f"[source]({d.url.replace(')', '%29').replace(' ', '%20')})")
    return " · ".join(parts)


def _quote_block(q: Quote, pages: dict[str, str]) -> list[str]:
    who = _entity_link(q.speaker, pages, "../") if q.speaker else "*Unattributed*"
    role = f", {md_text(q.role)}" if q.role else ""
    return [f"> “{md_text(q.shown)}”", ">", f"> — {who}{role} · [in context](#{q.anchor})", ""]


def render_briefing(b: Briefing, pages: dict[str, str]) -> str:
    """The whole Markdown file of one briefing."""
    a = b.analysis
    d = a.document
    lines = [f"# {md_text(d.title)}", "", byline(b), ""]
    label = "Summary (the outlet's own)" if a.summary_source == "outlet" else "Summary"
    lines += [f'!!! abstract "{label}"', ""]
    lines += [f"    {md_text(s)}" for s in a.summary]
    lines.append("")
    key = [q for q in a.quotes if q.key]
    if key:
        lines += ["## Key quotes", ""]
        for q in key:
            lines += _quote_block(q, pages)
    for heading, names in (
        ("People", a.entities.people),
        ("Organizations", a.entities.organizations),
        ("Places", a.entities.places),
    ):
        if names:
            lines += [f"**{heading}:** " + ", ".join(_entity_link(n, pages, "../") for n in names), ""]
    if b.related:
        lines += ["## Related briefings", ""]
        for r in b.related:
            lines.append(f"- [{link_text(r.title)}]({r.slug}.md) — {md_text(r.why)}")
        lines.append("")
    lines += ["## Article", ""]
    for p in d.paragraphs:
        lines += [f"{md_text(p.text)}", f"{{: #{p.anchor} }}", ""]
    if d.removed:
        lines += [f'??? note "Removed by cleaning ({len(d.removed)} lines)"', ""]
        lines += [f"    - {md_text(r)}" for r in d.removed]
        lines.append("")
    body = "\n".join(lines).rstrip() + "\n"
    return front_matter(contract_data(b)) + "\n" + body
