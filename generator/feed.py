"""Feed stage: briefings → a JSON Feed 1.1 (`feed.json`) and an RSS 2.0 feed (`feed.xml`).

An MkDocs hook file (listed under `hooks:` in mkdocs.yml). It reads each briefing's front
matter as MkDocs parsed it, so the dates are the contract's `source.published` and nothing
else: an undated briefing has no date in the feed rather than a build or commit date. The
feeds hold no build time, so the same briefings give the same bytes. Every page's `<head>`
links both feeds for feed readers to find.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

FEED_LENGTH = 50
"""Items per feed: the newest briefings; undated ones come after every dated one."""

JSON_FEED = "feed.json"
RSS_FEED = "feed.xml"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_WEB_URL = re.compile(r"https?://\S+\Z")
_ATOM = "http://www.w3.org/2005/Atom"
_DC = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class Site:
    title: str
    description: str
    url: str  # the site's root URL, ending in "/" (or "" when no site_url: links stay relative)


@dataclass(frozen=True)
class FeedItem:
    slug: str
    url: str
    title: str
    published: str | None  # YYYY-MM-DD
    author: str | None
    outlet: str | None
    lead: str
    summary: tuple[str, ...]
    tags: tuple[str, ...]
    source_url: str | None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def item_from_meta(meta: dict, url: str) -> FeedItem:
    """One feed item from a briefing's front matter; anything malformed is left out, not guessed.

    Title and tags arrive HTML-escaped (the briefing hook escapes what the theme prints raw);
    they are unescaped here because the feed writers escape for their own formats.
    """
    source = meta.get("source") if isinstance(meta.get("source"), dict) else {}
    published = _text(source.get("published"))
    source_url = _text(source.get("url"))
    summary = meta.get("summary") if isinstance(meta.get("summary"), list) else []
    tags = meta.get("tags") if isinstance(meta.get("tags"), list) else []
    return FeedItem(
        slug=str(meta.get("slug", "")),
        url=url,
        title=html.unescape(_text(meta.get("title")) or "Untitled briefing"),
        published=published if published and _DAY.match(published) else None,
        author=_text(source.get("author")),
        outlet=_text(source.get("outlet")),
        lead=_text(meta.get("lead")) or "",
        summary=tuple(s for s in summary if isinstance(s, str)),
        tags=tuple(html.unescape(t) for t in tags if isinstance(t, str)),
        source_url=source_url if source_url and _WEB_URL.match(source_url) else None,
    )


def newest_first(items: list[FeedItem], length: int = FEED_LENGTH) -> list[FeedItem]:
    """Newest first, undated last, ties by slug: the home page's order, cut to `length`."""
    dated = sorted((i for i in items if i.published), key=lambda i: i.slug)
    dated.sort(key=lambda i: i.published or "", reverse=True)
    undated = sorted((i for i in items if not i.published), key=lambda i: i.slug)
    return (dated + undated)[:length]


def content_html(item: FeedItem) -> str:
    """The summary as an HTML list; seed text escaped, so a feed reader shows it as text."""
    where = " · ".join(html.escape(p) for p in (item.outlet or "Outlet unknown", item.author, item.published) if p)
    sentences = "".join(f"<li>{html.escape(s)}</li>" for s in item.summary)
    return f"<p>{where}</p><ul>{sentences}</ul>"


def json_feed(site: Site, items: list[FeedItem]) -> str:
    """JSON Feed 1.1 text."""
    out: dict = {"version": "https://jsonfeed.org/version/1.1", "title": site.title}
    if site.url:
        out["home_page_url"] = site.url
        out["feed_url"] = urljoin(site.url, JSON_FEED)
    out["description"] = site.description
    entries = []
    for i in items:
        entry: dict = {"id": i.url, "url": i.url, "title": i.title, "summary": i.lead, "content_html": content_html(i)}
        if i.source_url:
            entry["external_url"] = i.source_url
        if i.published:
            entry["date_published"] = f"{i.published}T00:00:00Z"
        if i.author:
            entry["authors"] = [{"name": i.author}]
        if i.tags:
            entry["tags"] = list(i.tags)
        entries.append(entry)
    out["items"] = entries
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def _rfc822(day: str) -> str:
    return format_datetime(datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC))


def rss_feed(site: Site, items: list[FeedItem]) -> str:
    """RSS 2.0 text; the XML writer escapes every value."""
    ET.register_namespace("atom", _ATOM)
    ET.register_namespace("dc", _DC)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = site.title
    ET.SubElement(channel, "link").text = site.url or "./"
    ET.SubElement(channel, "description").text = site.description
    if site.url:
        ET.SubElement(
            channel,
            f"{{{_ATOM}}}link",
            {"href": urljoin(site.url, RSS_FEED), "rel": "self", "type": "application/rss+xml"},
        )
    for i in items:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = i.title
        ET.SubElement(item, "link").text = i.url
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = i.url
        ET.SubElement(item, "description").text = content_html(i)
        if i.published:
            ET.SubElement(item, "pubDate").text = _rfc822(i.published)
        if i.author:
            ET.SubElement(item, f"{{{_DC}}}creator").text = i.author
        for tag in i.tags:
            ET.SubElement(item, "category").text = tag
    ET.indent(rss)
    return ET.tostring(rss, encoding="unicode", xml_declaration=True) + "\n"


def _site(config) -> Site:
    url = config.site_url or ""
    return Site(
        title=config.site_name,
        description=config.site_description or config.site_name,
        url=url if not url or url.endswith("/") else url + "/",
    )


def on_files(files: Files, config) -> Files:
    """Both feeds exist from the start, so pages can link them; `on_env` writes their content."""
    for name in (JSON_FEED, RSS_FEED):
        files.append(File.generated(config, name, content="", inclusion=InclusionLevel.INCLUDED))
    return files


def on_env(env, config, files: Files):
    """Every briefing page has been read (front matter parsed): fill both feeds."""
    site = _site(config)
    items = [
        item_from_meta(f.page.meta, urljoin(site.url, f.url) if site.url else f.url)
        for f in files.documentation_pages()
        if f.src_uri.startswith("briefings/") and f.page is not None
    ]
    chosen = newest_first(items)
    for name, text in ((JSON_FEED, json_feed(site, chosen)), (RSS_FEED, rss_feed(site, chosen))):
        feed = files.get_file_from_path(name)
        if feed is not None:
            feed.content_string = text
    return env


def on_post_page(output: str, page, config) -> str:
    """Link both feeds from the page's head, relative to the page so it works wherever served."""
    title = html.escape(config.site_name)
    links = "".join(
        f'<link rel="alternate" type="{kind}" title="{title}" href="{get_relative_url(name, page.url)}">'
        for kind, name in (("application/feed+json", JSON_FEED), ("application/rss+xml", RSS_FEED))
    )
    return output.replace("</head>", links + "</head>", 1)
