"""Sessions: `nox -s build` (briefings + site), `nox -s tests`, `nox -s lint`, `nox -s serve`, `nox -s bench`."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["build", "tests", "lint"]
nox.options.reuse_venv = "yes"


@nox.session
def build(session: nox.Session) -> None:
    """Generate briefings/ and the hub pages from seeds/, then build the site into site/."""
    session.install("-e", ".")
    session.run("python", "-m", "generator", "build", *session.posargs)
    session.run("mkdocs", "build", "--strict", env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite: stages on the seeds, hostile seeds, a full site build, and the site in Chromium.

    The browser tests drive Debian's Chromium (/usr/bin/chromium; `.ci/run` installs it) through
    Playwright's Python package; they fail without it under CI and are skipped elsewhere (`-rs`
    prints why). Screenshots of a briefing page land in test-artifacts/.
    """
    session.install("-e", ".[test]")
    session.run("pytest", "-rs", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session
def check(session: nox.Session) -> None:
    """Fail when briefings/ or the hub pages are stale (what CI runs)."""
    session.install("-e", ".")
    session.run("python", "-m", "generator", "build", "--check")


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Live preview: regenerates briefings when a seed changes."""
    session.install("-e", ".")
    session.run("mkdocs", "serve", "--livereload", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Benchmarks (accuracy and speed) over ../shared/eval; each script skips when its data is absent.

    `nox -s bench -- quotes summary` runs only those; arguments starting with `--` go to each script.
    """
    session.install("-e", ".[bench]")
    scripts = sorted(Path("benchmarks").glob("bench_*.py"))
    wanted = {a for a in session.posargs if not a.startswith("--")}
    flags = [a for a in session.posargs if a.startswith("--")]
    for script in scripts:
        if not wanted or script.stem.removeprefix("bench_") in wanted:
            session.run("python", str(script), *flags)
