"""The whole path: seeds → briefings (contract) → --check → MkDocs site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from generator.cli import main

CONTRACT_TYPES = {
    "title": str,
    "slug": str,
    "source": dict,
    "summary": list,
    "quotes": list,
    "entities": dict,
    "tags": list,
    "related": list,
}


def _front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])


def _build(project: Path, *extra: str) -> int:
    return main(
        [
            "build",
            "--seeds",
            str(project / "seeds"),
            "--briefings",
            str(project / "briefings"),
            "--docs",
            str(project / "docs"),
            *extra,
        ]
    )


def test_every_briefing_keeps_the_contract(project: Path):
    assert _build(project) == 0
    paths = sorted((project / "briefings").glob("*.md"))
    assert len(paths) == 5
    slugs = set()
    for path in paths:
        data = _front(path)
        for key, typ in CONTRACT_TYPES.items():
            assert isinstance(data[key], typ), key
        assert re.fullmatch(r"[a-z0-9-]+", data["slug"]) and path.stem == data["slug"]
        slugs.add(data["slug"])
        src = data["source"]
        assert set(src) >= {"file", "sha256", "outlet", "author", "published", "url"}
        assert src["file"].startswith("seeds/") and (project / src["file"]).is_file()
        assert 3 <= len(data["summary"]) <= 5
        for q in data["quotes"]:
            assert set(q) >= {"text", "speaker", "role", "key", "anchor"}
            assert isinstance(q["key"], bool)
        assert set(data["entities"]) == {"people", "organizations", "places"}
        for r in data["related"]:
            assert set(r) == {"slug", "title", "why"} and r["slug"] in {p.stem for p in paths}
    assert len(slugs) == 5


def test_second_build_changes_nothing_and_check_passes(project: Path):
    assert _build(project) == 0
    before = {p: p.read_bytes() for p in (project / "briefings").glob("*.md")}
    assert _build(project, "--check") == 0
    assert _build(project) == 0
    assert before == {p: p.read_bytes() for p in (project / "briefings").glob("*.md")}


def test_check_fails_when_a_seed_changes_and_writes_nothing(project: Path):
    assert _build(project) == 0
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more closing sentence for the article.\n")
    before = {p: p.read_bytes() for p in (project / "briefings").glob("*.md")}
    assert _build(project, "--check") == 1
    assert before == {p: p.read_bytes() for p in (project / "briefings").glob("*.md")}


def test_bad_seed_is_reported_others_built_strict_fails(project: Path, capsys):
    (project / "seeds" / "empty.txt").write_text("   \n")
    assert _build(project) == 0
    assert len(list((project / "briefings").glob("*.md"))) == 5
    assert _build(project, "--strict") == 1
    err = capsys.readouterr().err
    assert "error: seeds/empty.txt: empty file" in err


def test_deleted_seed_removes_only_its_briefing(project: Path):
    assert _build(project) == 0
    (project / "docs" / "notes.md").write_text("editor's page")
    victim = sorted((project / "seeds").glob("*.txt"))[-1]
    victim.unlink()
    assert _build(project) == 0
    assert len(list((project / "briefings").glob("*.md"))) == 4
    assert (project / "docs" / "notes.md").read_text() == "editor's page"


def test_mkdocs_builds_the_site_with_every_speaker_searchable(project: Path, seed_analyses):
    assert _build(project) == 0
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(project)},
    )
    assert run.returncode == 0, run.stderr
    site = project / "site"
    assert (site / "index.html").is_file()
    index = json.loads((site / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    speakers = {q.speaker for a in seed_analyses.values() for q in a.quotes if q.speaker}
    assert speakers
    for speaker in speakers:
        assert speaker in text, speaker
    briefing_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("briefings/"))
    assert "Asami Terajima is a reporter at the Kyiv Independent" not in briefing_text  # removed bio: not searchable
    assert (
        "reporter at the Kyiv Independent"
        in (site / "briefings")
        .joinpath(
            next(p.name for p in (site / "briefings").iterdir() if p.name.startswith("putin-claims")), "index.html"
        )
        .read_text()
    )  # ...though still on the page, collapsed, for editors
    nav = (site / "index.html").read_text()
    assert "briefings/" in nav  # the home page links every briefing...
    assert 'class="md-nav__link" href="briefings/' not in nav  # ...but the sidebar does not
