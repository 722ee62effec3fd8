"""Nothing lost: a crash never leaves briefings/ half-written, only stale briefings of deleted seeds
are removed, and nothing is ever written outside the output folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

import generator.analyse as analyse_module
import generator.build as build_module
from generator.build import build
from generator.cli import main


def _build(project: Path, *extra: str) -> int:
    """The command line on the project's three folders."""
    return main(["build", *(f"--{name}={project / name}" for name in ("seeds", "briefings", "docs")), *extra])


def _outputs(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for folder in ("briefings", "docs") for p in (project / folder).rglob("*") if p.is_file()}


def _edit_every_seed(project: Path) -> None:
    for seed in sorted((project / "seeds").glob("*.txt")):
        seed.write_text(seed.read_text(encoding="utf-8") + "\nA closing sentence added to every article today.\n")


def test_crash_half_way_leaves_every_file_whole_and_the_next_build_finishes(project: Path, monkeypatch):
    assert _build(project) == 0
    old = _outputs(project)
    _edit_every_seed(project)
    real_replace, calls = os.replace, []

    def replace_then_crash(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_then_crash)
    with pytest.raises(OSError, match="No space left"):
        _build(project, "--no-cache")  # count only the output files' swaps
    monkeypatch.setattr(os, "replace", real_replace)
    after_crash = _outputs(project)
    assert not [p for p in after_crash if p.name.endswith(".tmp")]
    changed = [p for p in after_crash if after_crash[p] != old.get(p)]
    assert len(changed) == 2  # two files swapped in whole before the crash, the rest untouched
    for path in changed:
        assert yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n")[0][4:])
    assert _build(project) == 0
    assert build(project / "seeds", project / "briefings", project / "docs", check=True).changed == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "briefing.md"
    target.write_text("the old, complete briefing\n")
    with pytest.raises(UnicodeEncodeError):
        build_module._spooled(target, "half written \ud800 and never finished", None, write=True)
    assert target.read_text() == "the old, complete briefing\n"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.md"]


def test_temporary_files_of_a_killed_build_are_swept(project: Path):
    assert _build(project) == 0
    leftover = project / "briefings" / ".some-briefing.md.x1y2z3.tmp"
    leftover.write_text("---\ntitle: half")
    assert _build(project, "--check") == 0  # check writes nothing and never deletes
    assert leftover.exists()
    assert _build(project) == 0
    assert not leftover.exists()


def test_only_briefings_of_deleted_seeds_are_removed(project: Path):
    assert _build(project) == 0
    seeds = sorted((project / "seeds").glob("*.txt"))
    briefings = {
        yaml.safe_load(p.read_text().split("\n---\n")[0][4:])["source"]["file"]: p for p in _briefings(project)
    }
    (project / "briefings" / "editor-notes.md").write_text("# Notes an editor keeps here\n")
    (project / "docs" / "notes.md").write_text("An editor's page.\n")
    deleted, broken = seeds[0], seeds[1]
    deleted.unlink()
    broken.write_text("---\ntitle: [unclosed\n---\n" + broken.read_text(encoding="utf-8"))
    assert _build(project, "--strict") == 1
    remaining = set(_briefings(project))
    assert briefings[f"seeds/{deleted.name}"] not in remaining
    assert briefings[f"seeds/{broken.name}"] in remaining  # kept until the seed is fixed
    assert project / "briefings" / "editor-notes.md" in remaining
    assert (project / "docs" / "notes.md").read_text() == "An editor's page.\n"
    assert (project / "docs" / "about.md").is_file()


def test_person_pages_that_lose_their_last_briefing_are_removed(project: Path):
    assert _build(project) == 0
    people = {p.name for p in (project / "docs" / "people").glob("*.md")}
    for seed in (project / "seeds").glob("*.txt"):
        seed.unlink()
    (project / "seeds" / "other.txt").write_text(
        "Weather update for the week\n\nThe weather service said on Monday that the week would be dry and warm.\n"
    )
    assert _build(project) == 0
    assert people - {"index.md"}
    assert {p.name for p in (project / "docs" / "people").glob("*.md")} <= {"index.md"}


def test_one_seed_that_crashes_the_analysis_does_not_stop_the_others(project: Path, monkeypatch, capsys):
    real = analyse_module.analyse
    victim = sorted((project / "seeds").glob("*.txt"))[2].name

    def fragile(seed):
        if seed.path.endswith(victim):
            raise IndexError("list index out of range")
        return real(seed)

    monkeypatch.setattr(analyse_module, "analyse", fragile)
    assert _build(project, "--strict") == 1
    assert len(_briefings(project)) == 4
    err = capsys.readouterr().err
    assert f"error: seeds/{victim}: could not be analysed (IndexError: list index out of range)" in err


def test_nothing_is_written_outside_the_output_folders(project: Path, monkeypatch):
    monkeypatch.setattr(
        build_module, "unique_slugs", lambda pairs: {k: f"../escape-{i}" for i, (k, _) in enumerate(pairs)}
    )
    with pytest.raises(ValueError, match="outside the output folders"):
        _build(project)
    assert not list(project.glob("escape-*"))
    assert not (project / "briefings").exists()


def test_a_path_is_inside_a_folder_only_once_links_and_dots_are_resolved(tmp_path: Path):
    out, elsewhere = tmp_path / "briefings", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "link").symlink_to(elsewhere, target_is_directory=True)
    resolved: dict[str, str] = {}
    assert build_module._inside(out / "a.md", out, resolved)
    assert build_module._inside(out / "sub" / "a.md", out, resolved)
    assert not build_module._inside(out / ".." / "a.md", out, resolved)
    assert not build_module._inside(out / "link" / "a.md", out, resolved)
    assert not build_module._inside(tmp_path / "briefings-2" / "a.md", out, resolved)
    assert not build_module._inside(out / "..", out, resolved)


def _briefings(project: Path) -> list[Path]:
    return sorted((project / "briefings").glob("*.md"))
