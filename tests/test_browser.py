"""The built site in a real browser: Playwright's Python package driving Debian's Chromium.

The site is built once for this module in a scratch copy of the project, with `site_url` set
to the port it is then served on from 127.0.0.1, so Material's instant navigation works as it
does when deployed. Every page the browser opens has its requests routed: a request for
anywhere but 127.0.0.1 is recorded and refused, so the tests both prove and enforce that
nothing leaves the site.

When Chromium or Playwright is missing these tests fail under CI (`CI` set; `.ci/run`
installs both) and are skipped elsewhere, with the reason and the command that fixes it.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

import pytest
import yaml

from generator.cli import main
from generator.slugs import slugify

try:
    from axe_playwright_python.base import AXE_SCRIPT
    from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
except ImportError:  # reported by the `browser` fixture, so the feed tests still run
    sync_playwright = None

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_NAMING_RULES = ["link-name", "image-alt", "svg-img-alt", "button-name", "input-button-name", "label"]


def _unavailable(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{why} (.ci/run installs it)", pytrace=False)
    pytest.skip(f"{why}; skipped outside CI, where it fails")


def _fold(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Site:
    root: Path  # the built site
    url: str  # where it is served, ending in "/"
    briefings: dict[str, dict]  # slug → front matter

    def pages(self) -> list[str]:
        """Every page's path below the root, from the sitemap MkDocs wrote."""
        tree = ET.parse(self.root / "sitemap.xml")
        locs = [el.text or "" for el in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        return sorted(loc.removeprefix(self.url) for loc in locs)

    def key_quote_by_a_person(self) -> tuple[str, dict]:
        """The first briefing (by slug) whose first key quote is by a person it names who has a page
        (people named in one briefing only have none)."""
        for slug, data in sorted(self.briefings.items()):
            key = [q for q in data["quotes"] if q["key"]]
            page = self.root / "people" / slugify(key[0]["speaker"] or "", "entity") if key else None
            if page and key[0]["speaker"] in data["entities"]["people"] and (page / "index.html").is_file():
                return slug, key[0]
        raise AssertionError("no briefing has a key quote by a named person with a page")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0][4:])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = tmp_path_factory.mktemp("project")
    for name in ("seeds", "docs", "generator"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    folders = {"--seeds": "seeds", "--briefings": "briefings", "--docs": "docs"}
    assert main(["build", *[arg for opt, name in folders.items() for arg in (opt, str(project / name))]]) == 0

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(project / "site")))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(project), "SITE_URL": url}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    briefings = {p.stem: _front_matter(p) for p in sorted((project / "briefings").glob("*.md"))}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(project / "site", url, briefings)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if sync_playwright is None:
        _unavailable("Playwright's Python package is missing: pip install -e '.[test]'")
    if not CHROMIUM.is_file():
        _unavailable(f"Chromium is missing at {CHROMIUM}: apt-get update && apt-get install -y chromium")
    expect.set_options(timeout=10_000)  # a shared two-core machine can be slow to swap a page
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


class Reader:
    """A browser tab that records console errors and refuses (and records) outside requests."""

    def __init__(self, context: BrowserContext, site: Site):
        self.site = site
        self.outside: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)
        context.set_default_timeout(10_000)
        self.page: Page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"{self.page.url}: {exc}"))

    def _route(self, route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"{self.page.url}: {message.text}")

    def open(self, path: str, wait: str = "load") -> Page:
        response = self.page.goto(self.site.url + path, wait_until=wait)
        assert response is not None and response.ok, path
        return self.page

    def expect_heading(self, text: str) -> None:
        """Wait for the page's title (instant navigation swaps content after the URL changes)."""
        pattern = re.compile(rf"^\s*{re.escape(_fold(text))}\s*¶?\s*$")
        expect(self.page.locator(".md-content h1").first).to_have_text(pattern)

    def assert_clean(self) -> None:
        assert self.outside == [], "requests left 127.0.0.1"
        assert self.errors == [], "console errors"


def _reader(browser: Browser, site: Site, **context_options) -> Iterator[Reader]:
    context = browser.new_context(**context_options)
    yield Reader(context, site)
    context.close()


@pytest.fixture
def reader(browser: Browser, site: Site) -> Iterator[Reader]:
    yield from _reader(browser, site, viewport=DESKTOP)


@pytest.fixture
def phone(browser: Browser, site: Site) -> Iterator[Reader]:
    yield from _reader(browser, site, viewport=PHONE, is_mobile=True, has_touch=True)


def _search(page: Page, query: str) -> list[str]:
    """Type `query` into the header's search box; each result page's link, best first."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on key events, which `fill` does not send
    page.locator(".md-search-result__item").first.wait_for()
    return [a.get_attribute("href") or "" for a in page.locator("li.md-search-result__item > a").all()]


def _open_result(page: Page, href: str) -> None:
    """Click a search result, opening its page's "more on this page" list when it is folded there."""
    link = page.locator(f'.md-search-result__item a[href="{href}"]')
    if not link.is_visible():
        item = page.locator("li.md-search-result__item", has=page.locator(f'a[href="{href}"]'))
        item.locator("details.md-search-result__more > summary").click()
    link.click()


def _page_of(site: Site, kind: str) -> str:
    """A page path for a kind of page, found from the built site, not hard-coded."""
    pages = site.pages()
    first = {
        "home": "",
        "briefing": next(p for p in pages if p.startswith("briefings/")),
        "person": next(p for p in pages if p.startswith("people/") and p != "people/"),
    }
    return first.get(kind, f"{kind}/")


# ----- Nothing leaves the site ---------------------------------------------------------------

_OUTSIDE_REF = re.compile(r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)=["']?(https?:)?//""")


def test_built_html_loads_nothing_from_elsewhere(site: Site):
    """No script, stylesheet, font or image is fetched from another host (canonical/feed links aside)."""
    offenders = []
    for path in sorted(site.root.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for match in _OUTSIDE_REF.finditer(text):
            tag = text[match.start() : text.index(">", match.start()) + 1]
            if not re.search(r'rel="(canonical|alternate)"', tag) or site.url not in tag:
                offenders.append(f"{path.relative_to(site.root)}: {tag}")
    assert offenders == []
    css = " ".join(p.read_text(encoding="utf-8") for p in site.root.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_every_page_loads_with_no_console_error_no_outside_request_and_named_links(reader: Reader, site: Site):
    problems = []
    for path in [*site.pages(), "404.html"]:
        page = reader.open(path, wait="networkidle")
        page.evaluate(AXE_SCRIPT)
        result = page.evaluate("rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})", AXE_NAMING_RULES)
        problems += [f"{path}: {v['id']} at {n['target']}" for v in result["violations"] for n in v["nodes"]]
    assert len(site.pages()) > 10
    assert problems == []
    reader.assert_clean()


# ----- A reader's paths ----------------------------------------------------------------------


def test_reader_searches_a_speaker_and_reaches_the_quote(reader: Reader, site: Site):
    slug, quote = site.key_quote_by_a_person()
    page = reader.open("")
    page.locator("input.md-search__input").click()
    _search(page, quote["speaker"])
    hrefs = [a.get_attribute("href") or "" for a in page.locator(".md-search-result__item a").all()]
    _open_result(page, next(h for h in hrefs if f"briefings/{slug}/" in h and h.endswith("#key-quotes")))
    page.wait_for_url(re.compile(rf"/briefings/{slug}/.*#key-quotes$"))
    reader.expect_heading(site.briefings[slug]["title"])
    words = page.locator("figure.briefing-quote", has_text=_fold(quote["text"])).first
    assert quote["speaker"] in words.locator("figcaption").inner_text()
    assert words.is_visible()
    box, viewport = words.bounding_box(), page.viewport_size
    assert box is not None and viewport is not None and 0 <= box["y"] < viewport["height"], "quote not in view"
    assert page.locator("mark", has_text=quote["speaker"].split()[-1]).count() > 0, "search terms not highlighted"
    reader.assert_clean()


def _distinctive_words(text: str) -> str:
    """The three longest words of a quote: what a reader remembers of it and types."""
    words = sorted(dict.fromkeys(re.findall(r"\w+", text)), key=len, reverse=True)
    return " ".join(words[:3])


@pytest.mark.parametrize("kind", ["title", "quote"])
def test_search_finds_titles_and_quote_words(reader: Reader, site: Site, kind: str):
    """Each briefing is the first page found for its title, and among the first three for words of
    its first key quote (the quotes page and the speaker's page hold the quote too). Material
    matches every word as a prefix and ORs them, so a quote's short common words would match
    titles everywhere: readers type the words they remember."""
    for slug, data in sorted(site.briefings.items()):
        quote = next((q for q in data["quotes"] if q["key"]), None)
        if quote is None:
            continue
        query = data["title"] if kind == "title" else _distinctive_words(quote["text"])
        page = reader.open("")
        page.locator("input.md-search__input").click()
        found = list(dict.fromkeys(h.split("?")[0].removeprefix(site.url) for h in _search(page, query)))
        assert f"briefings/{slug}/" in found[: 1 if kind == "title" else 3], (query, found[:3])
    reader.assert_clean()


def test_reader_follows_a_related_link_and_a_speaker_link_by_instant_navigation(reader: Reader, site: Site):
    slug, quote = site.key_quote_by_a_person()
    related = site.briefings[slug]["related"][0]
    page = reader.open(f"briefings/{slug}/")
    page.evaluate("window.__sameDocument = true")  # survives only if Material's instant loading swapped the page

    # A reader scrolls to the link and reads it before clicking. Material saves the scroll offset
    # a moment after scrolling stops; a click inside that moment (as a script's is) can open the
    # next page at the old offset, which no reader does.
    link = page.locator("#related-briefings + ul a").first
    link.scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    link.click()
    page.wait_for_url(f"**/briefings/{related['slug']}/")
    reader.expect_heading(related["title"])
    assert page.evaluate("window.__sameDocument === true"), "instant navigation did a full page load"
    assert page.evaluate("window.scrollY") == 0, "the related briefing did not open at its top"

    page.go_back()
    page.wait_for_url(f"**/briefings/{slug}/")
    reader.expect_heading(site.briefings[slug]["title"])
    speaker_link = page.locator("figure.briefing-quote", has_text=_fold(quote["text"])).locator("figcaption a").first
    assert _fold(speaker_link.inner_text()) == quote["speaker"]
    speaker_link.click()
    page.wait_for_url("**/people/*/")
    reader.expect_heading(quote["speaker"])
    expect(page.locator("blockquote", has_text=_fold(quote["text"]))).to_have_count(1)
    reader.assert_clean()


def test_in_context_link_lands_on_the_paragraph_that_holds_the_quote(reader: Reader, site: Site):
    slug, quote = site.key_quote_by_a_person()
    page = reader.open(f"briefings/{slug}/")
    figure = page.locator("figure.briefing-quote", has_text=_fold(quote["text"])).first
    figure.locator(f'figcaption a[href$="#{quote["anchor"]}"]').click()
    page.wait_for_url(f"**#{quote['anchor']}")
    page.wait_for_function("id => document.getElementById(id).matches(':target')", arg=quote["anchor"])
    target = page.locator(f"p#{quote['anchor']}")
    assert _fold(quote["text"]) in _fold(target.inner_text())
    box, header = target.bounding_box(), page.locator(".md-header").bounding_box()
    assert box is not None and header is not None
    assert header["height"] <= box["y"] < DESKTOP["height"] / 2, "paragraph hidden under the header or off screen"
    reader.assert_clean()


def test_tag_chip_leads_to_the_tag_listing_with_the_briefing(reader: Reader, site: Site):
    slug = sorted(s for s, d in site.briefings.items() if d["tags"])[0]
    page = reader.open(f"briefings/{slug}/")
    chip = page.locator(".md-tag").first
    tag = _fold(chip.inner_text())
    chip.click()
    page.wait_for_url("**/tags/#tag:*")
    reader.expect_heading("Tags")
    section = page.locator(f"[id='{urlsplit(page.url).fragment}'] + ul")
    assert tag in site.briefings[slug]["tags"]
    expect(section.locator(f'a[href$="briefings/{slug}/"]')).to_have_count(1)
    reader.assert_clean()


def test_light_dark_toggle_switches_and_is_remembered(reader: Reader, site: Site):
    page = reader.open(_page_of(site, "briefing"))
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    assert page.evaluate(scheme) == "slate"
    page.reload()
    assert page.evaluate(scheme) == "slate"
    reader.assert_clean()


def test_keyboard_reaches_search_and_opens_a_result(reader: Reader, site: Site):
    _, quote = site.key_quote_by_a_person()
    page = reader.open("")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input.md-search__input')"):
            break
    else:
        pytest.fail("six presses of Tab did not reach the search box")
    page.keyboard.type(quote["speaker"])
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/(briefings|people)/"))
    expect(page.locator("blockquote", has_text=_fold(quote["text"])).first).to_be_visible()
    reader.assert_clean()


# ----- Layout and accessibility --------------------------------------------------------------


def test_nothing_scrolls_sideways_at_phone_width(phone: Reader, site: Site):
    wide = []
    for path in site.pages():
        page = phone.open(path)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            wide.append(f"{path}: {width[0]} px wide in {width[1]}")
    assert wide == []
    phone.assert_clean()


_HEADINGS = """() => [...document.querySelectorAll('.md-content :is(h1,h2,h3,h4,h5,h6)')]
    .map(h => [+h.tagName[1], h.textContent.trim()])"""


@pytest.mark.parametrize(
    "kind",
    [
        "home",
        "briefing",
        "person",
        "people",
        "quotes",
        "timeline",
        "tags",
        "about",
    ],
)
def test_headings_in_order(reader: Reader, site: Site, kind: str):
    headings = reader.open(_page_of(site, kind)).evaluate(_HEADINGS)
    levels = [level for level, _ in headings]
    assert levels[0] == 1 and levels.count(1) == 1, headings
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), headings
    assert all(text for _, text in headings), headings
    reader.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["home", "briefing", "person", "people", "quotes", "timeline", "tags", "about"])
def test_axe_finds_no_violation(browser: Browser, site: Site, kind: str, scheme: str):
    """WCAG 2.2 AA and axe's best practices, contrast included, in both colour schemes.

    Heading order is `test_headings_in_order`'s job, so a known gap there is reported once.
    """
    for reader in _reader(browser, site, viewport=DESKTOP, color_scheme=scheme):
        page = reader.open(_page_of(site, kind))
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.evaluate(AXE_SCRIPT)
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "rules": {"heading-order": {"enabled": False}}}
        result = page.evaluate("options => axe.run(document, options)", options)
        found = [
            f"{v['id']} ({v['impact']}): {n['target']} {n['failureSummary']}"
            for v in result["violations"]
            for n in v["nodes"]
        ]
        assert found == []
        reader.assert_clean()


def test_screenshots_of_a_briefing_page(browser: Browser, site: Site):
    """Saved for a person to look at (test-artifacts/, not committed); the layout's parts are there."""
    slug, _ = site.key_quote_by_a_person()
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {
        "briefing-desktop.png": {"viewport": DESKTOP},
        "briefing-phone.png": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
        "briefing-dark.png": {"viewport": DESKTOP, "color_scheme": "dark"},
    }
    for name, options in shots.items():
        for reader in _reader(browser, site, **options):
            page = reader.open(f"briefings/{slug}/")
            for part in (
                ".briefing-byline",
                ".admonition.abstract",
                "figure.briefing-quote",
                "#related-briefings",
                "#p1",
            ):
                assert page.locator(part).first.is_visible(), part
            page.screenshot(path=ARTIFACTS / name, full_page=True)
            assert (ARTIFACTS / name).stat().st_size > 10_000
            reader.assert_clean()


# ----- The feed ------------------------------------------------------------------------------


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return response.read()


def test_json_feed_lists_every_briefing_and_each_link_is_served(site: Site):
    feed = json.loads(_get(site.url + "feed.json"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == site.url + "feed.json"
    by_url = {item["url"]: item for item in feed["items"]}
    assert set(by_url) == {f"{site.url}briefings/{slug}/" for slug in site.briefings}
    for url, item in by_url.items():
        data = site.briefings[url.removeprefix(site.url + "briefings/").rstrip("/")]
        assert item["title"] == data["title"]
        assert ("date_published" in item) == bool(data["source"]["published"])
        assert _fold(data["title"]) in _fold(_get(url).decode())


def test_rss_feed_matches_the_json_feed_and_pages_link_both(site: Site):
    channel = ET.fromstring(_get(site.url + "feed.xml")).find("channel")
    assert channel is not None
    rss_links = [item.findtext("link") for item in channel.iter("item")]
    json_links = [item["url"] for item in json.loads(_get(site.url + "feed.json"))["items"]]
    assert rss_links == json_links
    for path in ("", _page_of(site, "briefing"), "about/"):
        html = _get(site.url + path).decode()
        for kind, name in (("application/feed+json", "feed.json"), ("application/rss+xml", "feed.xml")):
            href = re.search(rf'<link rel="alternate" type="{re.escape(kind)}"[^>]* href="([^"]+)"', html)
            assert href and urljoin(site.url + path, href.group(1)) == site.url + name, (path, kind)
