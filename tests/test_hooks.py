"""The MkDocs hook: briefings join the site out of the nav; `mkdocs serve` regenerates on seed edits."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files, InclusionLevel

from generator.cli import main


def _generate(project: Path) -> None:
    args = ["build", "--seeds", str(project / "seeds"), "--briefings", str(project / "briefings")]
    assert main([*args, "--docs", str(project / "docs")]) == 0


def test_serve_regenerates_a_briefing_after_a_seed_edit(project: Path):
    _generate(project)
    config = load_config(str(project / "mkdocs.yml"))  # loads the hook as MkDocs does
    plugins = config.plugins
    seed = project / "seeds" / "002_f14847e18536160b.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace(
            "US rejects Putin’s latest call", "Washington rebuffs Putin’s latest call"
        ),
        encoding="utf-8",
    )
    plugins.on_startup(command="build", dirty=False)
    plugins.on_pre_build(config=config)  # a plain build does not regenerate: `nox -s build` already did
    assert not list((project / "briefings").glob("washington-rebuffs*.md"))
    plugins.on_startup(command="serve", dirty=False)
    plugins.on_pre_build(config=config)
    (fresh,) = (project / "briefings").glob("washington-rebuffs*.md")
    assert not list((project / "briefings").glob("us-rejects*.md"))
    files = plugins.on_files(Files([]), config=config)
    added = {f.src_uri: f for f in files if f.src_uri.startswith("briefings/")}
    assert f"briefings/{fresh.name}" in added
    assert all(f.inclusion is InclusionLevel.NOT_IN_NAV for f in added.values())
