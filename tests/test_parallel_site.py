"""The site built in several processes (generator/parallel_site.py) against one process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.cli import main


def _generate(project: Path) -> None:
    args = ["build", "--seeds", str(project / "seeds"), "--briefings", str(project / "briefings")]
    assert main([*args, "--docs", str(project / "docs")]) == 0


def _mkdocs(project: Path, workers: int, site: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", site],
        cwd=project,
        capture_output=True,
        text=True,
        env={
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(project),
            "SITE_WORKERS": str(workers),
        },
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_three_processes_build_the_same_site_as_one(project: Path):
    _generate(project)
    one = _mkdocs(project, 1, "site-1")
    three = _mkdocs(project, 3, "site-3")
    assert one.returncode == 0, one.stderr
    assert three.returncode == 0, three.stderr
    assert "rendering in 3 processes" in three.stderr and "rendering in" not in one.stderr
    single, split = _tree(project / "site-1"), _tree(project / "site-3")
    assert sorted(single) == sorted(split)
    assert [name for name in single if single[name] != split[name]] == []
    index = split["search/search_index.json"].decode()
    assert index.count('"location":"briefings/') >= 5  # every worker's pages made it into the index


def test_a_bad_link_on_a_worker_page_fails_the_strict_build(project: Path):
    """Two pages side by side outside the nav: with two processes, each builds one. The link
    checks run in the main process on anchors the worker found, so both are still reported."""
    _generate(project)
    people = project / "docs" / "people"
    (people / "zzz-check-1.md").write_text(
        "# One\n\n## Here\n\n[fine](zzz-check-2.md#there) [missing](zzz-check-2.md#nowhere) [gone](gone-1.md)\n"
    )
    (people / "zzz-check-2.md").write_text("# Two\n\n## There\n\n[gone](gone-2.md) [fine](zzz-check-1.md#here)\n")
    run = _mkdocs(project, 2, "site")
    assert run.returncode == 1
    assert "rendering in 2 processes" in run.stderr
    assert "'gone-1.md'" in run.stderr and "'gone-2.md'" in run.stderr
    assert "Worker 1 logged 1 warning" in run.stderr
    assert "'zzz-check-2.md#nowhere'" in run.stderr
    assert "#there" not in run.stderr and "#here" not in run.stderr


def test_a_page_that_fails_in_a_worker_fails_the_build_and_is_named(project: Path):
    """A page outside the nav asks for a template the theme lacks: whichever process builds it
    (the main one or a worker, by its position), the build stops and the error names the page."""
    _generate(project)
    (project / "docs" / "people" / "zzz-broken.md").write_text("---\ntemplate: no-such.html\n---\n# Broken\n")
    failed_in_worker = False
    for workers in (1, 2, 3):
        run = _mkdocs(project, workers, f"site-{workers}")
        assert run.returncode != 0
        assert "Error building page 'people/zzz-broken.md'" in run.stderr, run.stderr
        failed_in_worker |= "Site worker process(es) [" in run.stderr
    assert failed_in_worker
