"""HTML seeds: realistic saved pages (cookie banner, menus, related links, newsletter box, footer)."""

from pathlib import Path

from generator.clean import clean
from generator.html_extract import extract_page
from generator.model import Document, SeedFile

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def _clean(name: str, front_matter: dict | None = None) -> Document:
    html = (FIXTURES / name).read_text(encoding="utf-8")
    return clean(SeedFile(f"seeds/{name}", "0" * 64, "html", html, front_matter or {}))


def test_metadata_comes_from_the_page_markup():
    doc = _clean("news_article.html")
    assert doc.title == "Kremlin signals openness to talks as strikes continue"
    assert not doc.title_inferred
    assert doc.outlet == "The Northern Ledger"
    assert doc.author == "Elena Marsh"
    assert doc.published == "2024-03-07"
    assert doc.url == "https://www.northernledger.example/world/kremlin-talks-strikes"


def test_page_furniture_is_left_out_and_listed_for_editors():
    doc = _clean("news_article.html")
    body = "\n".join(p.text for p in doc.paragraphs)
    removed = "\n".join(doc.removed)
    furniture = [
        "We use cookies",  # cookie banner
        "Accept all",
        "Politics",  # site menu
        "Ukraine says air defences shot down 30 drones",  # related links
        "Sign up for our daily briefing",  # newsletter box
        "Photograph: Mikhail Metzel/AP",  # figure caption
        "All rights reserved",  # footer
        "Privacy policy",
    ]
    for text in furniture:
        assert text not in body, text
        assert text in removed, text


def test_article_text_is_kept_in_order_with_its_subhead():
    doc = _clean("news_article.html")
    texts = [p.text for p in doc.paragraphs]
    assert texts[0].startswith("The Kremlin said on Thursday")
    assert texts[1].startswith("“We have never refused dialogue,”")
    assert [p.text for p in doc.paragraphs if p.heading] == ["What comes next"]
    assert len(texts) == 5


def test_page_without_metadata_gets_no_invented_date_or_outlet():
    doc = _clean("no_metadata.htm")
    assert doc.title == "Talks offer met with doubt"
    assert (doc.outlet, doc.author, doc.published, doc.url) == (None, None, None, None)
    assert all("Photo:" not in p.text for p in doc.paragraphs)
    assert "photo caption or credit: Photo: A damaged building in Kyiv after the attack." in doc.removed


def test_front_matter_overrides_the_page():
    doc = _clean("news_article.html", {"title": "Edited title", "outlet": "Ledger", "published": "2024-03-08"})
    assert (doc.title, doc.outlet, doc.published) == ("Edited title", "Ledger", "2024-03-08")
    assert doc.author == "Elena Marsh"


def test_site_name_is_cut_from_a_title_tag_headline():
    html = (
        "<html><head><title>Ceasefire talks stall again - Harbour Times</title>"
        '<meta property="og:site_name" content="Harbour Times"></head><body><nav><a href="/">Home</a></nav>'
        "<article><p>Negotiators from both sides left the venue on Tuesday without agreeing on a date for a "
        "further round of talks, officials said.</p><p>A spokesman for the mediators said contacts would "
        "continue at a lower level over the coming weeks, but gave no details.</p></article>"
        "<footer>Posted 2 days ago</footer></body></html>"
    )
    page = extract_page(html)
    assert page.title == "Ceasefire talks stall again"
    assert page.outlet == "Harbour Times"
    assert page.published is None  # "2 days ago" is not a date


def test_a_page_with_no_article_gives_no_paragraphs_rather_than_a_crash():
    for html in ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "<<<>>>", "<p>"):
        doc = clean(SeedFile("seeds/x.html", "0" * 64, "html", html))
        assert doc.paragraphs == ()
        assert doc.title_inferred


def test_desk_and_outlet_bylines_are_not_authors():
    html = (FIXTURES / "news_article.html").read_text(encoding="utf-8")
    for meta_author in ("Northern Ledger Staff", "The Northern Ledger", "World Desk"):
        page = extract_page(
            html.replace('content="Elena Marsh"', f'content="{meta_author}"').replace(
                '<a rel="author" href="/authors/elena-marsh">Elena Marsh</a>', meta_author
            )
        )
        assert page.author is None, meta_author
