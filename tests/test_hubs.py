"""Hub pages on the real seeds: who said what, timeline, review list, and a strict site build."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from test_render import to_html

from generator import hubs
from generator.build import plan
from generator.cli import main
from generator.entities import resolve_names
from generator.model import Briefing, Quote

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def planned():
    briefings, pages, errors, *_ = plan(ROOT / "seeds")
    assert not errors
    return briefings, pages


def test_variants_of_a_name_share_one_page_and_places_get_none(planned):
    _, pages = planned
    assert pages["Vladimir V. Putin"] == pages["Vladimir Putin"]
    assert pages["Sergey Lavrov"] == pages["Sergei Lavrov"]
    assert pages["Sergei Lavrov"] == "people/sergei-lavrov.md"
    for place in ("Kyiv", "Moscow", "Russia", "Washington"):
        assert place not in pages


def test_only_names_of_two_or_more_briefings_get_a_page(planned):
    """A speaker quoted in one briefing only is found there: a page would repeat that briefing."""
    briefings, pages = planned
    assert "Mykhailo Podolyak" not in pages  # quoted by CNN only
    b0, b1 = briefings[0], briefings[1]
    again = Quote("We will speak again.", "Mykhailo Podolyak", None, True, "p1")
    said_twice = [b0, Briefing(b1.slug, replace(b1.analysis, quotes=(*b1.analysis.quotes, again)), b1.related)]
    cnn = next(b for b in briefings if "Mykhailo Podolyak" in {q.speaker for q in b.analysis.quotes})
    assert "Mykhailo Podolyak" in hubs.person_pages([*said_twice, cnn])


def test_a_place_taken_for_a_speaker_gets_no_page(planned):
    briefings, _ = planned
    b0, b1 = briefings[0], briefings[1]
    ohio = Quote("We are going to win this state.", "Ohio", None, True, "p1")
    changed = [Briefing(b.slug, replace(b.analysis, quotes=(*b.analysis.quotes, ohio)), b.related) for b in (b0, b1)]
    assert "Ohio" in hubs.person_pages(changed)
    places = replace(b0.analysis.entities, places=(*b0.analysis.entities.places, "Ohio"))
    changed[0] = replace(changed[0], analysis=replace(changed[0].analysis, entities=places))
    assert "Ohio" not in hubs.person_pages(changed)


def test_people_index_lists_no_place_or_organisation_under_people(planned):
    briefings, pages = planned
    index = hubs.hub_pages(briefings, pages)["people/index.md"]
    people = index.split("## People", 1)[1].split("## Organisations", 1)[0]
    for not_person in ("White House", "Kremlin", "TASS", "Institute for the Study of War", "Moscow", "Kyiv"):
        assert f"[{not_person}]" not in people
    assert "[Kremlin]" in index.split("## Organisations", 1)[1]


def test_lavrov_quote_is_on_his_page_and_under_his_name_in_the_quotes_index(planned):
    briefings, pages = planned
    out = hubs.hub_pages(briefings, pages)
    page = out["people/sergei-lavrov.md"]
    assert "the ball is now" in page
    assert "Putin’s foreign minister" in page  # his role, as the article gives it
    assert re.search(r"\]\(\.\./briefings/[a-z0-9-]+\.md#p\d+\)", page)  # links to the paragraph
    quotes = _pages(out, "quotes")
    section = quotes.split("## [Sergei Lavrov]", 1)[1].split("\n## ", 1)[0]
    assert "There is just one thing left to do" in section  # his key quote


def _pages(out: dict[str, str], folder: str) -> str:
    return "\n".join(text for path, text in sorted(out.items()) if path.startswith(folder + "/"))


def test_timeline_never_guesses_a_year(planned):
    briefings, _ = planned
    out = hubs.timeline(briefings)
    undated = out["timeline/year-not-stated.md"]
    dated = "\n".join(t for p, t in out.items() if p.startswith("timeline/") and "year-not-stated" not in p)
    for year in re.findall(r"^## (\d{4})$", dated, flags=re.M):
        lines = dated.split(f"## {year}", 1)[1].split("\n## ", 1)[0].strip().splitlines()
        assert all(year in line for line in lines), year  # every item says its year in its own words
    # "(see EDM, February 8, 2022; YouTube.com, February 9 …)": only the first date has a year
    assert "**8 February 2022**" in dated and not re.search(r"\*\*9 February \d{4}\*\*", dated + undated)
    assert "**9 February**" in undated
    assert "(timeline/year-not-stated.md)" in out["timeline.md"]


def test_listings_are_cut_into_linked_pages_of_bounded_size():
    blocks = [(1, [f"- item {i}"]) for i in range(hubs.PAGE_ITEMS * 2 + 1)]
    out = hubs._listing("archive", "undated", "Briefings: Date unknown", "[Home](../index.md)", blocks)
    assert list(out) == ["archive/undated.md", "archive/undated-2.md", "archive/undated-3.md"]
    assert "Parts: [1](undated.md) · **2** · [3](undated-3.md)" in out["archive/undated-2.md"]
    assert all(text.count("- item ") <= hubs.PAGE_ITEMS for text in out.values())
    assert "- item 200" in out["archive/undated-3.md"] and "search:\n  exclude: true" in out["archive/undated.md"]


def test_home_shows_the_newest_briefings_and_the_archive_every_briefing(planned):
    briefings, pages = planned
    many = [Briefing(f"{b.slug}-{n}", b.analysis, b.related) for n in range(12) for b in briefings]
    out = hubs.hub_pages(many, pages)
    latest = out["index.md"].split("## Latest briefings", 1)[1].split("## Archive", 1)[0]
    assert latest.count("\n### ") == hubs.LATEST_ON_HOME
    archived = _pages(out, "archive")
    assert all(f"(../briefings/{b.slug}.md)" in archived for b in many)
    for path in (p for p in out if p.startswith("archive/")):
        assert f"]({path})" in out["index.md"] or "Parts: " in out[path]  # reached from home or its first part


def test_story_overview_names_outlets_and_most_quoted_speakers(planned):
    briefings, pages = planned
    home = hubs.hub_pages(briefings, pages)["index.md"]
    assert "CNN (1)" in home and "outlet unknown (1)" in home
    who = home.split("## Who said what", 1)[1].split("## Latest briefings", 1)[0]
    assert who.index("[Vladimir Putin]") < who.index("### Samuel Charap")  # most quoted first (7 quotes, then 4)


def test_review_list_shows_unattributed_quotes_with_their_paragraph(planned):
    briefings, pages = planned
    page = _pages(hubs.hub_pages(briefings, pages), "review")
    assert "useful idiots" not in page  # a scare quote is no one's words: nothing to review
    first = briefings[0]
    orphan = Quote("Nobody in this article is said to have spoken these eight words", None, None, False, "p2")
    changed = [
        replace(first, analysis=replace(first.analysis, quotes=(*first.analysis.quotes, orphan))),
        *briefings[1:],
    ]
    out = hubs.hub_pages(changed, pages)
    page = _pages(out, "review")
    assert f"“{orphan.text}” ([p2](../briefings/{first.slug}.md#p2))" in page
    assert "publication date unknown" in page
    assert "(review/undated.md)" in out["review.md"]
    for b in briefings:
        section = page.split(f"## [{b.analysis.document.title.split()[0]}", 1)[1].split("\n## ", 1)[0]
        assert ("title inferred" in section) == b.analysis.document.title_inferred


def test_publication_dates_are_placed_under_their_year(planned):
    briefings, _ = planned
    b0 = briefings[0]
    dated = replace(b0.analysis, document=replace(b0.analysis.document, published="2023-12-27"))
    out = hubs.timeline([Briefing(b0.slug, dated, b0.related), *briefings[1:]])
    page = _pages(out, "timeline")
    year = page.split("## 2023", 1)[1].split("\n## ", 1)[0]
    assert f"**27 December 2023** — *published:* [{b0.analysis.document.title}](../briefings/{b0.slug}.md)" in year


def test_hostile_speaker_names_render_as_text(planned):
    briefings, _ = planned
    evil = "Evil <script>x</script> *Name* [a](b)"
    b0 = briefings[0]
    quotes = (
        Quote("We will do it all again.", evil, "{: #x }", True, "p1"),
        Quote("An index speaks.", "Index", None, True, "p1"),
    )
    b1 = briefings[1]
    changed = [
        Briefing(b0.slug, replace(b0.analysis, quotes=quotes), b0.related),
        Briefing(b1.slug, replace(b1.analysis, quotes=quotes), b1.related),  # two briefings: a page each
        *briefings[2:],
    ]
    pages = hubs.person_pages(changed)
    assert evil in pages
    out = hubs.hub_pages(changed, pages)
    text = "\n".join(out.values())
    assert "<script>" not in text and "*Name*" not in text and "{: #x }" not in text
    assert pages["Index"] != "people/index.md" and out["people/index.md"].startswith("---\ntitle: People")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("project")
    import shutil

    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    args = ["build", "--seeds", str(project / "seeds"), "--briefings", str(project / "briefings")]
    assert main([*args, "--docs", str(project / "docs")]) == 0
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(project)},
    )
    assert run.returncode == 0, run.stderr
    assert "WARNING" not in run.stderr, run.stderr
    return project


def test_strict_site_has_person_timeline_and_tag_pages(site: Path):
    html = (site / "site" / "people" / "sergei-lavrov" / "index.html").read_text()
    assert "the ball is now" in html
    timeline = (site / "site" / "timeline" / "index.html").read_text()
    assert "Year not stated" in timeline
    tags = (site / "site" / "tags" / "index.html").read_text()
    assert "Vladimir Putin" in tags or "Kyiv" in tags


def test_every_seed_briefing_relates_to_another(site: Path):
    for path in sorted((site / "briefings").glob("*.md")):
        data = yaml.safe_load(path.read_text().split("\n---\n", 1)[0][4:])
        assert data["related"], path.name


def test_inline_links_of_every_seed_briefing_point_at_generated_pages(planned):
    from generator.inline_links import link_paragraphs

    briefings, pages = planned
    generated = set(hubs.hub_pages(briefings, pages))
    linked_any = False
    for b in briefings:
        body = "\n".join(link_paragraphs([p.text for p in b.analysis.document.paragraphs], pages, "../"))
        targets = re.findall(r"\]\(\.\./([^)]+)\)", body)
        assert len(targets) == len(set(targets))  # each entity linked once per briefing
        assert set(targets) <= generated
        linked_any |= bool(targets)
    assert linked_any


def test_hub_pages_are_the_same_whatever_the_hash_seed(tmp_path: Path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        cmd = [sys.executable, "-m", "generator", "build", "--seeds", str(ROOT / "seeds")]
        cmd += ["--briefings", str(out / "briefings"), "--docs", str(out / "docs")]
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
        subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=ROOT)
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.md"))})
    assert outputs[0] == outputs[1]


def test_each_quote_on_a_person_page_is_its_own_block_quote(planned):
    """Consecutive `>` blocks would merge, running two quotes (or two speakers) together."""
    briefings, pages = planned
    out = hubs.hub_pages(briefings, pages)
    page = out[pages["Vladimir Putin"]]
    html = to_html(page)
    quotes = page.count('<figure class="briefing-quote"')
    assert quotes >= 2
    assert html.count("<blockquote>") == quotes


def test_search_index_leaves_out_what_is_found_elsewhere(site: Path):
    """Summary sentences (the article's own), related titles, and a person page's quotes and
    briefing titles are on other pages of the index; the key quotes and the article stay in."""
    index = json.loads((site / "site" / "search" / "search_index.json").read_text())
    locations = [d["location"] for d in index["docs"]]
    assert not [x for x in locations if x.endswith(("#related-briefings", "#mentioned-in"))]
    assert not [x for x in locations if x.startswith("people/") and x.endswith("#quotes")]
    assert any(x.startswith("people/sergei-lavrov/") for x in locations)  # the page is still found by name
    assert any(x.endswith("#key-quotes") for x in locations) and any(x.endswith("#article") for x in locations)
    for path in sorted((site / "briefings").glob("*.md")):
        data = yaml.safe_load(path.read_text().split("\n---\n", 1)[0][4:])
        head = next(d for d in index["docs"] if d["location"] == f"briefings/{data['slug']}/")
        assert data["summary"][0][:40] not in head["text"]


def test_a_person_page_shows_the_newest_and_links_all_the_rest(planned):
    briefings, _ = planned
    many = [Briefing(f"{b.slug}-{n}", b.analysis, b.related) for n in range(30) for b in briefings]
    out = hubs.hub_pages(many, hubs.person_pages(many))
    page = out["people/vladimir-putin.md"]
    assert page.count('<figure class="briefing-quote"') == hubs.PERSON_QUOTES_SHOWN
    assert "](all/vladimir-putin-quotes.md)" in page and "](all/vladimir-putin-briefings.md)" in page
    mentioned = page.split("## Mentioned in", 1)[1]
    assert mentioned.count("\n- [") == hubs.PERSON_MENTIONS_SHOWN
    every = "\n".join(t for p, t in out.items() if p.startswith("people/all/vladimir-putin-briefings"))
    putin = [b for b in many if "Vladimir Putin" in b.analysis.entities.people]
    assert len(putin) > hubs.PERSON_MENTIONS_SHOWN
    assert all(f"(../../briefings/{b.slug}.md)" in every for b in putin)
    assert "[Vladimir Putin](../vladimir-putin.md)" in every


def test_a_long_people_index_is_split_by_initial(planned, monkeypatch):
    briefings, pages = planned
    small = hubs.hub_pages(briefings, pages)["people/index.md"]
    assert "- [Sergei Lavrov](sergei-lavrov.md)" in small  # a short index lists everyone on one page
    monkeypatch.setattr(hubs, "PAGE_ITEMS", 3)
    out = hubs.hub_pages(briefings, pages)
    people = out["people/index.md"].split("## People", 1)[1].split("## Organisations", 1)[0]
    assert "[L](names/people-l.md)" in people and "sergei-lavrov.md" not in people
    assert "- [Sergei Lavrov](../sergei-lavrov.md)" in out["people/names/people-l.md"]  # by surname
    assert "[Kremlin](../kremlin.md)" in out["people/names/organisations-k.md"]


def test_described_as_links_the_newest_few_briefings_then_counts_the_rest():
    links = [f"[b{i}](../briefings/b{i}.md)" for i in range(8)]
    assert hubs._some(links[:2]) == "[b0](../briefings/b0.md), [b1](../briefings/b1.md)"
    shown = hubs._some(links)
    assert shown.count("](../briefings/") == hubs.DESCRIBED_LINKS and shown.endswith(" and 3 more")
    assert "[b0]" in shown and "[b7]" not in shown


def test_person_pages_take_roles_from_the_analysis_and_fall_back_to_the_text(planned):
    briefings, _ = planned
    names = resolve_names([b.analysis for b in briefings])
    position = {b.slug: i for i, b in enumerate(briefings)}
    bare = {b.slug: replace(b, analysis=replace(b.analysis, described=())) for b in briefings}
    described_somewhere = False

    def roles_in(b):
        return hubs._roles_by_name(b, position[b.slug], names)

    def link_of(b):
        return hubs._briefing_link(b, "../")

    for name in names.kind:
        mentions = [b for b in briefings if name in names.mentioned(position[b.slug])]
        found = hubs._described(name, mentions, roles_in, link_of)
        assert found == hubs._described(name, [bare[b.slug] for b in mentions], roles_in, link_of)
        described_somewhere = described_somewhere or bool(found)
    assert described_somewhere


def test_hub_pages_made_from_views_are_the_hub_pages(planned):
    briefings, pages = planned
    names = resolve_names([b.analysis for b in briefings])
    views = [hubs.hub_view(b, names.aliases[i]) for i, b in enumerate(briefings)]
    assert all(not v.analysis.document.paragraphs and not v.analysis.seed.sha256 for v in views)
    assert hubs.hub_pages(views, pages, names) == hubs.hub_pages(briefings, pages, names)


def test_a_view_keeps_the_text_when_a_name_form_has_no_description(planned):
    briefings, pages = planned
    bare = [Briefing(b.slug, replace(b.analysis, described=()), ()) for b in briefings]  # roles from the text
    names = resolve_names([b.analysis for b in bare])
    views = [hubs.hub_view(b, names.aliases[i]) for i, b in enumerate(bare)]
    assert all(
        v.analysis.document.paragraphs == b.analysis.document.paragraphs for v, b in zip(views, bare, strict=True)
    )
    assert hubs.hub_pages(views, pages, names) == hubs.hub_pages(bare, pages, names)
