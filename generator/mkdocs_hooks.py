"""MkDocs hooks: bring `briefings/` into the site, out of the nav, and rebuild on seed edits.

`mkdocs.yml` lists this file under `hooks:`. Briefings stay in their own committed folder;
this hook adds them to MkDocs' files at `briefings/<slug>/`. Under `mkdocs serve` it also
watches `seeds/` and regenerates before each rebuild, so a seed edit shows after a reload.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from generator.build import build, report
from generator.cache import DEFAULT_CACHE_DIR
from generator.markup import page_meta_html

log = logging.getLogger("mkdocs.hooks.briefings")
_state = {"serving": False}


def _dirs(config) -> tuple[Path, Path, Path]:
    root = Path(config.config_file_path).parent
    extra = config.extra or {}
    return (
        root / extra.get("seeds_dir", "seeds"),
        root / extra.get("briefings_dir", "briefings"),
        Path(config.docs_dir),
    )


def on_startup(command: str, dirty: bool) -> None:
    _state["serving"] = command == "serve"


def on_serve(server, config, builder):
    seeds, briefings, _ = _dirs(config)
    server.watch(str(seeds))
    server.watch(str(briefings))
    return server


def on_pre_build(config) -> None:
    if not _state["serving"]:
        return
    seeds, briefings, docs = _dirs(config)
    result = build(seeds, briefings, docs, cache_dir=seeds.parent / DEFAULT_CACHE_DIR)
    if result.changed or result.errors:
        report(result, check=False)


def on_files(files: Files, config) -> Files:
    _, briefings, _ = _dirs(config)
    for path in sorted(briefings.glob("*.md")):
        files.append(
            File.generated(
                config, f"briefings/{path.name}", abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV
            )
        )
    return files


SITE_META = (
    "title",
    "description",
    "subtitle",
    "tags",
    "hide",
    "search",
    "template",
    "slug",
    "source",
    "lead",
    "summary",
)
"""Front-matter keys the theme, its plugins and the feeds read. A briefing's other keys (quotes,
dates, entities, removed lines…) are the contract's, shown on the page already; kept as parsed
YAML they would hold hundreds of MB at 10,000 briefings until the build ends."""


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Titles and tags come from seeds, and the theme prints page meta unescaped: escape it here."""
    page.meta.update(page_meta_html(page.meta))
    if page.file.src_uri.startswith("briefings/"):
        page.meta = {key: value for key, value in page.meta.items() if key in SITE_META}
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    """Nothing reads a page's Markdown once it is rendered (its title is in the meta or was taken
    from the render): let it go rather than hold every page's source until the build ends."""
    if page.title:
        page.markdown = ""
    return html


def on_post_page(output: str, page, config) -> str:
    """The page's HTML is made and its body indexed for search: nothing reads the body again."""
    page.content = ""
    return output
