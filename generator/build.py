"""The build: ingest every seed, analyse, link, render, and write only what changed.

This is the one module that touches the file system for output. Every file is written
atomically (temporary file, then rename), and stale outputs of deleted seeds are removed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import hubs
from .analyse import analyse
from .ingest import find_seeds, read_seed
from .link import relate
from .model import Analysis, Briefing, SeedError
from .render import render_briefing
from .slugs import unique_slugs

GENERATED_DOCS = ("index.md", "quotes.md", "timeline.md", "tags.md", "review.md")
GENERATED_DOCS_DIRS = ("people",)


@dataclass
class BuildResult:
    errors: list[SeedError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    outputs: dict[Path, str] = field(default_factory=dict)

    @property
    def changed(self) -> list[Path]:
        return sorted(self.written + self.removed)


def plan(seeds_dir: Path) -> tuple[list[Briefing], dict[str, str], list[SeedError]]:
    """Read and analyse every seed, then link them: everything but the writing."""
    analyses: list[Analysis] = []
    errors: list[SeedError] = []
    for path in find_seeds(seeds_dir):
        seed = read_seed(path, seeds_dir.parent)
        if isinstance(seed, SeedError):
            errors.append(seed)
            continue
        analyses.append(analyse(seed))
    slugs_by_path = unique_slugs([(a.seed.path, a.document.title) for a in analyses])
    analyses.sort(key=lambda a: slugs_by_path[a.seed.path])
    slugs = [slugs_by_path[a.seed.path] for a in analyses]
    related = relate(analyses, slugs)
    briefings = [Briefing(s, a, r) for s, a, r in zip(slugs, analyses, related, strict=True)]
    pages = hubs.person_pages(briefings)
    return briefings, pages, errors


def render_all(
    briefings: list[Briefing], pages: dict[str, str], briefings_dir: Path, docs_dir: Path
) -> dict[Path, str]:
    outputs = {briefings_dir / f"{b.slug}.md": render_briefing(b, pages) for b in briefings}
    for rel, text in hubs.hub_pages(briefings, pages).items():
        outputs[docs_dir / rel] = text
    return outputs


def _owned_files(briefings_dir: Path, docs_dir: Path) -> set[Path]:
    """Files the generator owns and may delete: nothing an editor wrote is among them."""
    owned = set(briefings_dir.glob("*.md")) if briefings_dir.is_dir() else set()
    owned |= {docs_dir / name for name in GENERATED_DOCS if (docs_dir / name).is_file()}
    for sub in GENERATED_DOCS_DIRS:
        if (docs_dir / sub).is_dir():
            owned |= set((docs_dir / sub).glob("*.md"))
    return owned


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(seeds_dir: Path, briefings_dir: Path, docs_dir: Path, check: bool = False) -> BuildResult:
    """Build everything; with `check`, write nothing and only report what would change."""
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {seeds_dir}")
    briefings, pages, errors = plan(seeds_dir)
    outputs = render_all(briefings, pages, briefings_dir, docs_dir)
    result = BuildResult(errors=errors, outputs=outputs)
    for path, text in sorted(outputs.items()):
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            result.written.append(path)
            if not check:
                write_atomic(path, text)
    for path in sorted(_owned_files(briefings_dir, docs_dir) - set(outputs)):
        result.removed.append(path)
        if not check:
            path.unlink()
    return result


def report(result: BuildResult, check: bool) -> None:
    """Name every skipped seed with its reason, then what was written or removed."""
    out = sys.stderr
    for err in result.errors:
        print(f"error: {err.path}: {err.reason}", file=out)
    verb = "would change" if check else "wrote"
    for path in result.written:
        print(f"{verb}: {path}", file=out)
    verb = "would remove" if check else "removed"
    for path in result.removed:
        print(f"{verb}: {path}", file=out)
    built = sum(1 for p in result.outputs if p.parent.name != "people")
    print(
        f"{len(result.outputs)} files up to date or written ({built} pages), {len(result.errors)} seeds skipped",
        file=out,
    )
