"""Cleaning on the five real seeds: titles, outlets, authors, no invented dates."""

import pytest

TITLES = {
    "001": "Putin Has Yet to Signal a Real Openness to Peace Negotiations",
    "002": "US rejects Putin’s latest call to negotiate with Ukraine",
    "003": "Putin claims readiness for negotiations, blames West for refusing to talk",
    "004": "Putin Giving Up: Is Russia Now Willing to Negotiate on Ukraine?",
}


@pytest.mark.parametrize(("seed", "title"), sorted(TITLES.items()))
def test_headline_is_the_title(seed_analyses, seed, title):
    doc = seed_analyses[seed].document
    assert doc.title == title
    assert not doc.title_inferred


def test_cnn_seed_has_no_headline_so_title_is_inferred(seed_analyses):
    doc = seed_analyses["000"].document
    assert doc.title_inferred
    assert "Photo" not in doc.title and "Source: CNN" not in doc.title
    assert "Former ambassador" not in doc.title  # a video label, not the article's headline


@pytest.mark.parametrize(
    ("seed", "outlet"),
    [
        ("000", "CNN"),
        ("001", "Eurasia Daily Monitor"),
        ("002", None),
        ("003", "Kyiv Independent"),
        ("004", "19FortyFive"),
    ],
)
def test_outlet_only_where_the_text_names_it(seed_analyses, seed, outlet):
    assert seed_analyses[seed].document.outlet == outlet


@pytest.mark.parametrize(("seed", "author"), [("003", "Asami Terajima"), ("004", "Jack Buckby"), ("002", None)])
def test_author_from_bio(seed_analyses, seed, author):
    assert seed_analyses[seed].document.author == author


def test_no_seed_gets_an_unsupported_date(seed_analyses):
    assert all(a.document.published is None for a in seed_analyses.values())


def test_boilerplate_is_removed_but_recorded(seed_analyses):
    for analysis in seed_analyses.values():
        body = " ".join(p.text for p in analysis.document.paragraphs)
        for noise in ("Connect with us", "Photo by", "Image credit", "Written By", "Source: CNN", "News Feed"):
            assert noise not in body
    removed = " ".join(seed_analyses["003"].document.removed)
    assert "Asami Terajima is a reporter" in removed


def test_outlet_summary_bullets_are_found(seed_analyses):
    a = seed_analyses["001"]
    assert len(a.document.outlet_summary) == 3
    assert a.summary_source == "outlet"
