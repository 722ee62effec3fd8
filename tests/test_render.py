"""The briefing page (render), the feeds (feed) and the theme fix (html_fixes), without a browser.

Pages are converted with Python-Markdown and the extensions mkdocs.yml enables, so what is
checked is the HTML a reader gets, not the Markdown source.
"""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import markdown
import material
import yaml

from generator.feed import FeedItem, Site, item_from_meta, json_feed, newest_first, rss_feed
from generator.html_fixes import SEARCH_DIALOG, name_search_dialog
from generator.model import Analysis, Briefing, Entities, Paragraph, Quote, Related
from generator.render import byline, render_briefing

ROOT = Path(__file__).resolve().parent.parent
KYIV_INDEPENDENT = "003"  # a seed with an outlet, an author and key quotes by named people


class _MkDocsLoader(yaml.SafeLoader):
    pass


_MkDocsLoader.add_constructor("!ENV", lambda loader, node: None)


def _extensions() -> tuple[list, dict]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, opts = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        options[name] = opts or {}
    return names, options


def to_html(page: str) -> str:
    names, options = _extensions()
    body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page
    return markdown.markdown(body, extensions=names, extension_configs=options)


class _Tags(HTMLParser):
    """Every element and attribute in a fragment, and its text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _briefing(analysis: Analysis, related: tuple[Related, ...] = ()) -> Briefing:
    return Briefing(slug="a-briefing", analysis=analysis, related=related)


def _fold(text: str) -> str:
    return " ".join(text.split())


# ----- The briefing page ---------------------------------------------------------------------


def test_page_reads_in_order_title_byline_summary_quotes_names_related_article_removed(seed_analyses):
    a = seed_analyses[KYIV_INDEPENDENT]
    related = (Related("other", "Another briefing", "shared people: Dmitry Peskov"),)
    html = to_html(render_briefing(_briefing(a, related), {}))
    markers = [
        "<h1 id=",
        'class="briefing-byline"',
        'class="admonition abstract"',
        'id="key-quotes"',
        'class="briefing-quote"',
        'id="people-organisations-and-places"',
        'id="related-briefings"',
        'id="article"',
        'id="p1"',
        "What cleaning removed",
    ]
    positions = [html.index(m) for m in markers]
    assert positions == sorted(positions)
    byline_text = _parse(html.split('class="briefing-byline"', 1)[1].split("</p>", 1)[0]).text
    assert "Kyiv Independent · Asami Terajima · date unknown" in _fold("".join(byline_text))
    assert f"What cleaning removed ({len(a.document.removed)} lines)" in html


def test_summary_sentences_and_key_quotes_show_verbatim(seed_analyses):
    for a in seed_analyses.values():
        text = _fold("".join(_parse(to_html(render_briefing(_briefing(a), {}))).text))
        for sentence in a.summary:
            assert _fold(sentence) in text
        for q in a.quotes:
            assert f"“{_fold(q.shown)}”" in text


def test_each_quote_links_to_the_paragraph_that_holds_it(seed_analyses):
    for a in seed_analyses.values():
        html = to_html(render_briefing(_briefing(a), {}))
        paragraphs = {p.anchor: _fold(p.text) for p in a.document.paragraphs}
        for q in a.quotes:
            assert f'<a href="#{q.anchor}">' in html
            assert f'id="{q.anchor}"' in html
            assert _fold(q.text) in paragraphs[q.anchor]


def test_speaker_and_people_link_only_where_a_page_exists(seed_analyses):
    a = seed_analyses[KYIV_INDEPENDENT]
    speaker = next(q.speaker for q in a.quotes if q.key and q.speaker)
    others = [p for p in a.entities.people if p != speaker]
    html = to_html(render_briefing(_briefing(a), {speaker: "people/the-speaker.md"}))
    links = [attrs.get("href") for tag, attrs in _parse(html).tags if tag == "a"]
    assert links.count("../people/the-speaker.md") >= 2  # the quote's attribution and the People line
    assert others and not any(href and "people/" in href and "the-speaker" not in href for href in links)
    for name in others:
        assert name in html


def test_each_key_quote_is_its_own_block_quote_with_its_own_caption(seed_analyses):
    """Markdown merges consecutive `>` blocks: two speakers' words must never run together."""
    for a in seed_analyses.values():
        html = to_html(render_briefing(_briefing(a), {}))
        key = sum(1 for q in a.quotes if q.key)
        assert html.count("<blockquote>") == html.count("<figcaption>") == key


def test_key_quotes_first_the_rest_collapsed_and_no_key_quotes_still_shows_quotes(seed_analyses):
    a = seed_analyses[KYIV_INDEPENDENT]
    quotes = (
        Quote("The first words said.", "Jens Stoltenberg", None, True, "p7"),
        Quote("Other words said.", None, None, False, "p1"),
    )
    html = to_html(render_briefing(_briefing(dataclasses.replace(a, quotes=quotes)), {}))
    assert html.index("The first words said.") < html.index('<details class="quote">') < html.index("Other words")
    assert "More quotes from the article (1)" in html and "<em>Unattributed</em>" in html

    unkeyed = dataclasses.replace(a, quotes=(dataclasses.replace(quotes[0], key=False),))
    html = to_html(render_briefing(_briefing(unkeyed), {}))
    assert 'id="quotes"' in html and 'id="key-quotes"' not in html and '<details class="quote"' not in html
    assert 'class="briefing-quote"' in html


HOSTILE = {
    "title": "<script>alert('title')</script> *not emphasis* {: #x }",
    "outlet": "[Outlet](javascript:alert(1))",
    "author": "<img src=x onerror=alert(1)>",
    "url": "javascript:alert(1)",
    "summary": "A sentence with `code`, **stars** and <b>bold</b> tags.",
    "quote": "Say {% include 'x' %} and {{ page.title }} — </figure></blockquote><script>x()</script>",
    "speaker": "</figcaption><a href=//evil.example>Evil</a>",
    "role": '" onclick="alert(1)',
    "paragraph": '{: onclick="alert(1)" }',
    "removed": '!!! danger "Injected"',
}


def _hostile(a: Analysis) -> Briefing:
    d = a.document
    document = dataclasses.replace(
        d,
        title=HOSTILE["title"],
        outlet=HOSTILE["outlet"],
        author=HOSTILE["author"],
        url=HOSTILE["url"],
        paragraphs=(Paragraph("p1", HOSTILE["quote"]), Paragraph("p2", HOSTILE["paragraph"])),
        removed=(HOSTILE["removed"],),
    )
    quote = Quote(HOSTILE["quote"], HOSTILE["speaker"], HOSTILE["role"], True, "p1")
    analysis = dataclasses.replace(
        a,
        document=document,
        summary=(HOSTILE["summary"], HOSTILE["summary"] + " Again.", HOSTILE["summary"] + " Thrice."),
        quotes=(quote,),
        entities=Entities(people=(HOSTILE["speaker"],), organizations=(HOSTILE["outlet"],), places=()),
    )
    return _briefing(analysis, (Related("other", HOSTILE["title"], HOSTILE["summary"]),))


def test_hostile_seed_text_shows_as_text_and_makes_no_markup(seed_analyses):
    briefing = _hostile(seed_analyses[KYIV_INDEPENDENT])
    html = to_html(render_briefing(briefing, {HOSTILE["speaker"]: "people/evil.md"}))
    parsed = _parse(html)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "img", "b", "code", "em"}
    assert re.findall(r"<strong>(.*?)</strong>", html) == ["People:", "Organisations:"]  # the page's own labels
    attributes = {name for _, attrs in parsed.tags for name in attrs}
    assert "onclick" not in attributes and "onerror" not in attributes
    hrefs = {attrs["href"] for tag, attrs in parsed.tags if tag == "a"}
    assert not any(h.startswith(("javascript:", "//")) for h in hrefs), hrefs
    assert sum(1 for tag, attrs in parsed.tags if tag == "div" and "danger" in attrs.get("class", "")) == 0
    text = _fold("".join(parsed.text))
    for key in ("title", "outlet", "author", "summary", "quote", "speaker", "role", "paragraph", "removed"):
        assert _fold(HOSTILE[key]) in text, key
    assert [t for t, _ in parsed.tags].count("figure") == 1 and [t for t, _ in parsed.tags].count("h1") == 1


def test_byline_links_only_web_addresses_and_keeps_them_whole(seed_analyses):
    a = seed_analyses[KYIV_INDEPENDENT]

    def with_url(url: str | None) -> str:
        return byline(_briefing(dataclasses.replace(a, document=dataclasses.replace(a.document, url=url))))

    assert "original article" not in with_url(None) and "original article" not in with_url("ftp://x.org/a")
    link = re.search(r"\]\(([^)]*)\)", with_url("https://example.org/a_(b)?q=1&r=`c`\\[d]{e}"))
    assert link and link.group(1) == "https://example.org/a_%28b%29?q=1&r=%60c%60%5C%5Bd%5D%7Be%7D"
    html = to_html(with_url("https://example.org/a_(b)?q=`c`"))
    assert [attrs["href"] for tag, attrs in _parse(html).tags if tag == "a"] == [
        "https://example.org/a_%28b%29?q=%60c%60"
    ]
    assert "original article" not in with_url("https://example.org/a b")


# ----- Feeds ---------------------------------------------------------------------------------

SITE = Site(title="Briefings & <more>", description="All of them", url="https://example.org/site/")


def _item(slug: str, published: str | None, title: str = "A title") -> FeedItem:
    meta = {"slug": slug, "title": title, "source": {"published": published}, "summary": ["One."], "lead": "One."}
    return item_from_meta(meta, f"{SITE.url}briefings/{slug}/")


def test_feed_item_takes_only_what_the_front_matter_supports():
    item = item_from_meta(
        {
            "slug": "s",
            "title": "  T  ",
            "source": {"published": "Dec. 25", "url": "javascript:alert(1)", "author": "", "outlet": None},
            "summary": ["One.", 2, None],
            "tags": "not a list",
        },
        "u",
    )
    assert (item.title, item.published, item.source_url, item.author, item.outlet) == ("T", None, None, None, None)
    assert item.summary == ("One.",) and item.tags == ()
    assert item_from_meta({}, "u").title == "Untitled briefing"
    assert _item("s", "2022-12-25").published == "2022-12-25"


def test_feed_order_is_newest_first_undated_last_and_cut_to_length():
    items = [_item("c", None), _item("a", "2022-12-25"), _item("b", "2023-02-10"), _item("a2", None)]
    assert [i.slug for i in newest_first(items)] == ["b", "a", "a2", "c"]
    assert [i.slug for i in newest_first(items, length=2)] == ["b", "a"]


def test_json_feed_is_valid_escaped_and_dates_only_what_is_known():
    items = [_item("b", "2023-02-10", title="<script>x</script> & co"), _item("a", None)]
    feed = json.loads(json_feed(SITE, items))
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["feed_url"] == SITE.url + "feed.json"
    first, second = feed["items"]
    assert first["title"] == "<script>x</script> & co"  # JSON carries the text; readers show it as text
    assert first["date_published"] == "2023-02-10T00:00:00Z" and "date_published" not in second
    hostile = _item("h", None)
    hostile = dataclasses.replace(hostile, summary=("<img src=x onerror=alert(1)>",))
    assert "<img" not in json.loads(json_feed(SITE, [hostile]))["items"][0]["content_html"]
    assert json_feed(SITE, items) == json_feed(SITE, items)


def test_rss_feed_parses_and_holds_the_same_items():
    items = [_item("b", "2023-02-10", title="Fish & <chips>"), _item("a", None)]
    channel = ET.fromstring(rss_feed(SITE, items)).find("channel")
    assert channel is not None and channel.findtext("title") == SITE.title
    got = [(i.findtext("title"), i.findtext("link"), i.findtext("pubDate")) for i in channel.iter("item")]
    assert got == [
        ("Fish & <chips>", f"{SITE.url}briefings/b/", "Fri, 10 Feb 2023 00:00:00 +0000"),
        ("A title", f"{SITE.url}briefings/a/", None),
    ]
    assert "lastBuildDate" not in rss_feed(SITE, items)  # no build time: same briefings, same bytes


# ----- Theme fix -----------------------------------------------------------------------------


def test_search_dialog_gets_a_name_and_other_pages_are_left_alone():
    page = f"<body>{SEARCH_DIALOG}<label></label></div></body>"
    assert 'role="dialog" aria-label="Search">' in name_search_dialog(page, "Search")
    assert name_search_dialog("<body>no search</body>", "Search") == "<body>no search</body>"


def test_material_still_writes_the_search_dialog_the_fix_expects():
    partial = Path(material.__file__).parent / "templates" / "partials" / "search.html"
    assert SEARCH_DIALOG in partial.read_text(encoding="utf-8")


def test_generated_pages_skip_unused_inline_syntax_and_hand_written_pages_keep_it():
    """A page the generator wrote loses its note and the patterns it never writes; any other keeps Markdown whole."""
    from generator.markup import GENERATED_NOTE

    source = "*a* [b](c.md) &#42; `d` <https://e.org> f  \ng"
    hand = to_html(source)
    generated = to_html(f"{GENERATED_NOTE}\n\n{source}")
    assert '<a href="https://e.org">' in hand and "<br" in hand
    assert '<a href="https://e.org">' not in generated and "<br" not in generated and "generated by" not in generated
    blocks = "Heading\n=======\n\n***\n\n1. one\n"
    hand_blocks, generated_blocks = to_html(blocks), to_html(f"{GENERATED_NOTE}\n\n{blocks}")
    assert all(tag in hand_blocks for tag in ("<h1", "<hr", "<ol>"))
    assert not any(tag in generated_blocks for tag in ("<h1", "<hr", "<ol>"))
    for kept in ("<em>a</em>", '<a href="c.md">b</a>', "&#42;", "<code>d</code>"):
        assert kept in generated and kept in hand
