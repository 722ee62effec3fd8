"""A folder of hostile seeds beside the real ones: every good seed built, every bad one named, no
seed markup executable anywhere in the built site (pages, <title>, nav, tags, search index), and a
second build byte-identical."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from generator.analyse import analyse
from generator.cli import main
from generator.ingest import printable
from generator.model import SeedFile

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).parent / "hostile"
REAL_003 = "seeds/003_5a515b03785a7aaf.txt"
MKDOCS_BUILD = (sys.executable, "-m", "mkdocs", "build", "--strict", "-q")

EXPECTED_ERRORS = {
    "seeds/binary-image.txt": "binary file",
    "seeds/copy of 003.txt": f"duplicate of {REAL_003}",
    "seeds/cp1251-russian.txt": "save it as UTF-8",
    "seeds/empty.txt": "empty file",
    "seeds/front-matter-javascript-url.md": "url must be one http",
    "seeds/huge.txt": "too large",
    "seeds/leak.txt": "outside the seeds folder",
    "seeds/malformed-front-matter.md": "malformed front matter",
    "seeds/notes.pdf": "not a seed",
    "seeds/two\\x0alines.txt": "empty file",
    "seeds/undecodable.txt": "not UTF-8 and not Windows-1252",
    "seeds/whitespace-only.txt": "empty file",
}
MARKERS = re.compile(r"xss|evil\.example|/etc/passwd|secret\.html")
"""Every hostile payload in the fixtures carries one of these, so any trace of one is found."""
LIVE_ELEMENTS = frozenset({"script", "iframe", "img", "object", "embed", "form", "input", "style", "link", "meta"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href"})
SITE_URL = re.compile(r"[\w:/.#-]*")
"""A link to a page of the site: slugs are made from titles, so they may spell "xss" harmlessly."""
SEED_TAGS = frozenset({"iframe", "form", "input", "img", "script"})
"""Elements seed markup would create in the article and the page never has of its own (for <b>, <em>,
tables and headings, finding their source as literal text is the proof)."""
META_MARKERS = ("xss-title", "xss-fm-title", "xss-fm-tag")
"""Payloads that reach the theme through page meta (title, tags): see test_page_meta_is_escaped."""
LITERALS = [
    '<script>alert("xss-body")</script>',
    "<img src=x onerror=\"alert('xss-img')\"> and a link <a href=\"javascript:alert('xss-link')\">click here</a>",
    '<iframe src="https://evil.example/embed"></iframe>',
    '<form action="https://evil.example"><input name=q></form>',
    "[a markdown link](javascript:alert('xss-md'))",
    "![tracking pixel](https://evil.example/pixel.png)",
    "“We will not accept <em>any</em> ultimatum {{ config.site_name }} from anyone,”",
    '{% include "secret.html" %} and {{ page.title }}',
    "[ref]: https://evil.example",
    '!!! danger "Injected admonition" opened this line',
    '--8<-- "/etc/passwd" began the next line',
    "{ .md-button onclick=\"alert('xss-attr')\" } is an attribute list",
    "--- title: injected front matter --- was pasted",
    "# a heading line left in the text",
    "* a list item line that the scraper left",
    "1. a numbered item line",
    "> a blockquote line left in the text",
    "| table | injection | cells were pasted",
    '<div markdown="1">**bold inside div**</div> and &lt;escaped&gt; entities &amp; plain',
    "ampersands & <!-- comment --> were also present",
]
"""Seed text that must reach the reader as these exact characters (white space folded)."""


class Page(HTMLParser):
    """Elements, attributes, script bodies and visible text of one HTML document."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str]]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.title = ""
        self.article_elements: list[str] = []
        self._in: list[str] = []
        self._article = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, [(k, v or "") for k, v in attrs]))
        self._article += tag == "article"
        if self._article:
            self.article_elements.append(tag)
        if tag in ("script", "style", "title"):
            self._in.append(tag)

    def handle_endtag(self, tag):
        self._article -= tag == "article" and self._article > 0
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        where = self._in[-1] if self._in else None
        if where in ("script", "style"):
            self.scripts.append(data)
        elif where == "title":
            self.title += data
        else:
            self.text.append(data)

    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())

    def executable_traces(self) -> list[str]:
        """Every place where seed payload became markup: a live element, handler, URL or script."""
        found = []
        for tag, attrs in self.elements:
            for name, value in attrs:
                handler = name.startswith("on") and MARKERS.search(value)
                live = tag in LIVE_ELEMENTS and MARKERS.search(value) and not SITE_URL.fullmatch(value)
                script_url = name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:")
                if handler or live or script_url:
                    found.append(f"<{tag} {name}={value!r}>")
        found += [f"<script>{s.strip()[:80]}" for s in self.scripts if MARKERS.search(s)]
        return found


def _make_project(tmp: Path) -> Path:
    project = tmp / "project"
    project.mkdir()
    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    seeds = project / "seeds"
    for path in HOSTILE.iterdir():
        shutil.copy(path, seeds / path.name)
    real = (ROOT / REAL_003).read_text(encoding="utf-8")
    (seeds / "copy of 003.txt").write_bytes(("Advertisement\n" + real).replace("\n", "\r\n").encode())
    with (seeds / "huge.txt").open("wb") as fh:
        fh.truncate(2_000_001)
    (seeds / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    (seeds / "two\nlines.txt").write_bytes(b"\n")
    (tmp / "secret.txt").write_text("Private notes of the editor that must never be published on the site at all.")
    (seeds / "leak.txt").symlink_to(tmp / "secret.txt")
    body = "The delegations met again on {day} in {city} to discuss the exchange of prisoners, officials said today."
    for name, day, city in (("same-title-a.txt", "Monday", "Ankara"), ("same-title-b.txt", "Friday", "Doha")):
        (seeds / name).write_text(
            f"Prisoner exchange talks resume\n\n{body.format(day=day, city=city)}\n", encoding="utf-8"
        )
    (seeds / "title-traversal.md").write_text(
        "---\ntitle: ../../../../tmp/escape/..\\..\\windows\n---\n"
        "The title of this seed tries to walk out of the output folder, which must never work at all.\n"
    )
    return project


def _build(project: Path, *extra: str) -> int:
    """The command line on the project's three folders."""
    return main(["build", *(f"--{name}={project / name}" for name in ("seeds", "briefings", "docs")), *extra])


def _front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text[4 : text.index("\n---\n")])


def _tree(*folders: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder.parent).as_posix(): p.read_bytes()
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict:
    """The project with hostile seeds, built with --strict, then built into a site by MkDocs."""
    project = _make_project(tmp_path_factory.mktemp("hostile"))
    capture = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--strict"], cwd=project, capture_output=True, text=True
    )
    site_env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(project)}
    run = subprocess.run([*MKDOCS_BUILD], cwd=project, capture_output=True, text=True, env=site_env)
    assert run.returncode == 0, run.stderr
    return {"project": project, "rc": capture.returncode, "stderr": capture.stderr, "site": project / "site"}


def _briefings(project: Path) -> dict[str, dict]:
    return {p.stem: _front(p) for p in sorted((project / "briefings").glob("*.md"))}


def _slug_of(project: Path, seed: str) -> str:
    return next(slug for slug, data in _briefings(project).items() if data["source"]["file"] == seed)


def test_every_bad_seed_is_named_on_one_line_and_strict_fails(hostile):
    assert hostile["rc"] == 1
    errors = {}
    for line in hostile["stderr"].splitlines():
        if line.startswith("error: "):
            path, reason = line[len("error: ") :].split(": ", 1)
            errors[path] = reason
    assert set(errors) == set(EXPECTED_ERRORS)
    for path, fragment in EXPECTED_ERRORS.items():
        assert fragment in errors[path], (path, errors[path])


def test_every_good_seed_has_its_briefing(hostile):
    project = hostile["project"]
    seeds = {printable(p.relative_to(project)) for p in (project / "seeds").iterdir()}
    good = seeds - set(EXPECTED_ERRORS)
    built = {data["source"]["file"] for data in _briefings(project).values()}
    assert built == good
    assert len(good) == 17


def test_notes_say_how_each_seed_was_decoded_or_repaired(hostile):
    notes = {d["source"]["file"]: d["notes"] for d in _briefings(hostile["project"]).values()}
    assert any("Windows-1252" in n for n in notes["seeds/windows-1252 café.txt"])
    assert any("repaired" in n for n in notes["seeds/mojibake-utf8.txt"])
    assert any("copy of 003.txt" in n for n in notes[REAL_003])


def test_slugs_are_ascii_unique_and_never_paths(hostile):
    project = hostile["project"]
    briefings = _briefings(project)
    for stem, data in briefings.items():
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", data["slug"]) and stem == data["slug"]
    assert _slug_of(project, "seeds/same-title-a.txt") == "prisoner-exchange-talks-resume"
    assert re.fullmatch(r"prisoner-exchange-talks-resume-[0-9a-f]{6}", _slug_of(project, "seeds/same-title-b.txt"))
    assert _slug_of(project, "seeds/Ünïcödé — статья 記事 name.txt") == "unicode-name"
    assert _slug_of(project, "seeds/title-traversal.md") == "tmp-escape-windows"
    outside = {p for p in project.parent.rglob("*") if p.is_file()} - {p for p in project.rglob("*")}
    assert outside == {project.parent / "secret.txt"}


def test_site_holds_no_executable_trace_of_seed_markup(hostile):
    """Everywhere but the page meta the theme prints raw, which the next test covers."""
    traces = {}
    for path in sorted(hostile["site"].rglob("*.html")):
        found = [t for t in Page(path.read_text(encoding="utf-8")).executable_traces() if not _meta_only(t)]
        if found:
            traces[path.relative_to(hostile["site"]).as_posix()] = found
    assert traces == {}


def _meta_only(trace: str) -> bool:
    return any(marker in trace for marker in META_MARKERS)


def test_page_meta_is_escaped_in_title_header_tags_and_search(hostile):
    site = hostile["site"]
    traces = {}
    for path in sorted(site.rglob("*.html")):
        found = Page(path.read_text(encoding="utf-8")).executable_traces()
        if found:
            traces[path.relative_to(site).as_posix()] = found
    index = json.loads((site / "search" / "search_index.json").read_text())
    for doc in index["docs"]:
        for field in [doc.get("title", ""), doc.get("text", ""), *doc.get("tags", [])]:
            found = Page(field).executable_traces() + [f"<{t}>" for t, _ in Page(field).elements if t == "script"]
            if found:
                traces.setdefault("search_index.json", []).extend(found)
    assert traces == {}
    slug = _slug_of(hostile["project"], "seeds/front-matter-hostile-title.md")
    page = Page((site / "briefings" / slug / "index.html").read_text(encoding="utf-8"))
    assert page.title.startswith("<script>alert('xss-fm-title')</script> {{ config.site_name }} & <b>Bold</b>")


def test_seed_markup_reaches_the_reader_as_literal_text(hostile):
    project = hostile["project"]
    slug = _slug_of(project, "seeds/markup-everything.txt")
    page = Page((hostile["site"] / "briefings" / slug / "index.html").read_text(encoding="utf-8"))
    text = page.visible()
    missing = [s for s in LITERALS if " ".join(s.split()) not in text]
    assert missing == []
    assert [t for t in page.article_elements if t in SEED_TAGS] == []
    assert not [a for _, a in page.elements if ("class", "admonition danger") in a or ("class", "md-button") in a]


def test_search_index_text_holds_seed_markup_as_text(hostile):
    index = json.loads((hostile["site"] / "search" / "search_index.json").read_text())
    traces = []
    for doc in index["docs"]:
        for field in (doc["title"], doc["text"]):
            traces += [t for t in Page(field).executable_traces() if not _meta_only(t)]
            traces += [f"<{tag}>" for tag, _ in Page(field).elements if tag in ("script", "iframe", "img", "form")]
    assert traces == []
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "xss-body" in text  # searchable as text


def test_second_build_is_byte_identical_and_check_passes(hostile):
    project = hostile["project"]
    before = _tree(project / "briefings", project / "docs")
    assert _build(project) == 0
    assert _build(project, "--check") == 0
    assert _tree(project / "briefings", project / "docs") == before


def _reorder_seeds(project: Path) -> None:
    """Recreate the seeds folder with its entries made in reverse order (links stay links)."""
    seeds, aside = project / "seeds", project / "seeds-aside"
    seeds.rename(aside)
    seeds.mkdir()
    for path in sorted(aside.iterdir(), reverse=True):
        path.rename(seeds / path.name)
    aside.rmdir()


def test_builds_are_identical_whatever_file_order_locale_time_zone_or_hash_seed(tmp_path: Path):
    trees = []
    for name, env in (
        ("a", {"PYTHONHASHSEED": "1", "LC_ALL": "C.UTF-8", "TZ": "UTC"}),
        ("b", {"PYTHONHASHSEED": "4242", "LC_ALL": "POSIX", "TZ": "Pacific/Kiritimati"}),
    ):
        (tmp_path / name).mkdir()
        project = _make_project(tmp_path / name)
        if name == "b":
            _reorder_seeds(project)
        run = subprocess.run(
            [sys.executable, "-m", "generator", "build"],
            cwd=project,
            capture_output=True,
            text=True,
            env={**env, "PATH": "/usr/bin:/bin"},
        )
        assert run.returncode == 0, run.stderr
        trees.append(_tree(project / "briefings", project / "docs"))
    assert trees[0].keys() == trees[1].keys()
    assert [k for k in trees[0] if trees[0][k] != trees[1][k]] == []


def test_analysis_time_grows_linearly_with_a_one_paragraph_seed():
    """A 2 MB seed may be one paragraph (a scrape without line breaks): it must not hold the build for minutes.

    Four times the text may take about four times as long, never sixteen; the ratio, unlike a
    time limit, does not depend on how fast the machine is, and CPU time (not wall time) little
    on how busy it is.
    """
    article = " ".join((ROOT / "seeds" / "001_005434a369a56622.txt").read_text(encoding="utf-8").split())
    small, big = (
        SeedFile("seeds/one-line.txt", "0" * 64, "text", article * (n // len(article))) for n in (50_000, 200_000)
    )
    analyse(small)
    times: dict[str, list[float]] = {"small": [], "big": []}
    for _ in range(2):  # interleaved, so that both sizes meet the same load on a shared machine
        for name, seed in (("small", small), ("big", big)):
            start = time.process_time()
            analyse(seed)
            times[name].append(time.process_time() - start)
    ratio = min(times["big"]) / min(times["small"])
    assert ratio < 10, f"4 times the text took {ratio:.1f} times as long"  # linear: about 4; quadratic: about 20


def test_every_other_site_file_parses_and_holds_no_live_markup(hostile):
    """Feeds, sitemaps and indexes: well-formed whatever the seeds hold, with no element a seed made."""
    for path in sorted(hostile["site"].rglob("*")):
        if path.suffix == ".xml":
            root = ElementTree.parse(path).getroot()
            tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
            own = {"link"} if root.tag == "rss" else set()  # RSS 2.0's own <link> element, not HTML's
            assert not tags & (LIVE_ELEMENTS - own), path
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))


def test_feed_titles_are_the_headlines_escaped_once(hostile):
    """The hook escapes page meta for the theme; the feed must not escape it a second time."""
    items = json.loads((hostile["site"] / "feed.json").read_text(encoding="utf-8"))["items"]
    titles = [item["title"] for item in items]
    assert any("<" in t for t in titles)  # a hostile headline's markup arrives as text
    assert not any("&lt;" in t or "&amp;" in t for t in titles)


def test_text_that_looks_like_the_quote_mask_neither_crashes_nor_moves_a_speaker():
    """Quotations are masked as ⟦n⟧ while speakers are found; the same characters typed in an
    article ("⟦7⟧") were read as quotation 7: an IndexError that skipped the article, or a
    speaker given to another quote."""
    seed_path = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[0]
    text = seed_path.read_text(encoding="utf-8")
    plain = analyse(SeedFile("seeds/a.txt", "0" * 64, "text", text))
    said = [q for q in plain.quotes if q.speaker]
    assert said
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if said[0].text in line)
    lines[at] += " Notes ⟦0⟧, ⟦7⟧ and ⟦999⟧ follow."  # outside every quotation
    marked = "\n".join(lines)
    masked = analyse(SeedFile("seeds/a.txt", "0" * 64, "text", marked))
    assert [q.speaker for q in masked.quotes] == [q.speaker for q in plain.quotes]
