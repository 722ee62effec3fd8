"""Hub pages on the real seeds: who said what, timeline, review list, and a strict site build."""

from __future__ import annotations

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
    briefings, pages, errors, _ = plan(ROOT / "seeds")
    assert not errors
    return briefings, pages


def test_variants_of_a_name_share_one_page_and_places_get_none(planned):
    _, pages = planned
    assert pages["Vladimir V. Putin"] == pages["Vladimir Putin"]
    assert pages["Sergey Lavrov"] == pages["Sergei Lavrov"]
    assert pages["Mykhailo Podolyak"] == "people/mykhailo-podolyak.md"
    for place in ("Kyiv", "Moscow", "Russia", "Washington"):
        assert place not in pages


def test_people_index_lists_no_place_or_organisation_under_people(planned):
    briefings, pages = planned
    index = hubs.hub_pages(briefings, pages)["people/index.md"]
    people = index.split("## People", 1)[1].split("## Organisations", 1)[0]
    for not_person in ("White House", "Kremlin", "TASS", "Institute for the Study of War", "Moscow", "Kyiv"):
        assert f"[{not_person}]" not in people
    assert "[Kremlin]" in index.split("## Organisations", 1)[1]


def test_podolyak_quote_is_on_his_page_and_under_his_name_in_the_quotes_index(planned):
    briefings, pages = planned
    out = hubs.hub_pages(briefings, pages)
    page = out["people/mykhailo-podolyak.md"]
    assert "Russia single-handedly attacked Ukraine and is killing citizens." in page
    assert "an adviser to Ukrainian President Volodymyr Zelensky" in page  # his role, as CNN gives it
    assert re.search(r"\]\(\.\./briefings/[a-z0-9-]+\.md#p\d+\)", page)  # links to the paragraph
    section = out["quotes.md"].split("## [Mykhailo Podolyak]", 1)[1].split("\n## ", 1)[0]
    assert "Russia single-handedly attacked Ukraine" in section


def test_timeline_never_guesses_a_year(planned):
    briefings, _ = planned
    page = hubs.timeline(briefings)
    dated, undated = page.split("## Year not stated", 1)
    for year in re.findall(r"^## (\d{4})$", dated, flags=re.M):
        lines = dated.split(f"## {year}", 1)[1].split("\n## ", 1)[0].strip().splitlines()
        assert all(year in line for line in lines), year  # every item says its year in its own words
    # "(see EDM, February 8, 2022; YouTube.com, February 9 …)": only the first date has a year
    assert "**8 February 2022**" in dated and not re.search(r"\*\*9 February \d{4}\*\*", page)
    assert "**9 February**" in undated


def test_story_overview_names_outlets_and_most_quoted_speakers(planned):
    briefings, pages = planned
    home = hubs.hub_pages(briefings, pages)["index.md"]
    assert "CNN (1)" in home and "outlet unknown (1)" in home
    who = home.split("## Who said what", 1)[1].split("## All briefings", 1)[0]
    assert who.index("[Vladimir Putin]") < who.index("[Samuel Charap]")  # most quoted first (7 quotes, then 4)


def test_review_list_shows_unattributed_quotes_with_their_paragraph(planned):
    briefings, pages = planned
    page = hubs.hub_pages(briefings, pages)["review.md"]
    assert "useful idiots" not in page  # a scare quote is no one's words: nothing to review
    first = briefings[0]
    orphan = Quote("Nobody in this article is said to have spoken these eight words", None, None, False, "p2")
    changed = [
        replace(first, analysis=replace(first.analysis, quotes=(*first.analysis.quotes, orphan))),
        *briefings[1:],
    ]
    page = hubs.hub_pages(changed, pages)["review.md"]
    assert f"“{orphan.text}” ([p2](briefings/{first.slug}.md#p2))" in page
    assert "publication date unknown" in page
    for b in briefings:
        section = page.split(f"## [{b.analysis.document.title.split()[0]}", 1)[1].split("\n## ", 1)[0]
        assert ("title inferred" in section) == b.analysis.document.title_inferred


def test_publication_dates_are_placed_under_their_year(planned):
    briefings, _ = planned
    b0 = briefings[0]
    dated = replace(b0.analysis, document=replace(b0.analysis.document, published="2023-12-27"))
    page = hubs.timeline([Briefing(b0.slug, dated, b0.related), *briefings[1:]])
    year = page.split("## 2023", 1)[1].split("\n## ", 1)[0]
    assert f"**27 December 2023** — *published:* [{b0.analysis.document.title}](briefings/{b0.slug}.md)" in year


def test_hostile_speaker_names_render_as_text(planned):
    briefings, _ = planned
    evil = "Evil <script>x</script> *Name* [a](b)"
    b0 = briefings[0]
    quotes = (
        Quote("We will do it all again.", evil, "{: #x }", True, "p1"),
        Quote("An index speaks.", "Index", None, True, "p1"),
    )
    changed = [Briefing(b0.slug, replace(b0.analysis, quotes=quotes), b0.related), *briefings[1:]]
    pages = hubs.person_pages(changed)
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
    html = (site / "site" / "people" / "mykhailo-podolyak" / "index.html").read_text()
    assert "Russia single-handedly attacked Ukraine" in html
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


def test_person_pages_take_roles_from_the_analysis_and_fall_back_to_the_text(planned):
    briefings, _ = planned
    names = resolve_names([b.analysis for b in briefings])
    position = {b.slug: i for i, b in enumerate(briefings)}
    bare = {b.slug: replace(b, analysis=replace(b.analysis, described=())) for b in briefings}
    described_somewhere = False
    for name in names.kind:
        mentions = [b for b in briefings if name in names.mentioned(position[b.slug])]
        found = hubs._described(name, mentions, names, position)
        assert found == hubs._described(name, [bare[b.slug] for b in mentions], names, position)
        described_somewhere = described_somewhere or bool(found)
    assert described_somewhere
