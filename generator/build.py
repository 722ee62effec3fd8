"""The build: ingest every seed, analyse, link, render, and write only what changed.

This is the one module that touches the file system for output. Everything is read and
rendered before the first write, every file is written atomically (temporary file, then
rename), and every path written or removed is checked to lie inside the output folders.
Stale briefings of deleted seeds are removed, and only those: the briefing of a seed that
now fails to read stays, so an editor's typo never takes an article off the site.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

import yaml

from . import cache, hubs, manifest
from .cache import AnalysisCache, analyse_all
from .duplicates import drop_duplicates
from .entities import Names, entity_tags, resolve_names
from .ingest import find_seeds, find_strays, printable, read_seed
from .model import Analysis, Briefing, SeedError, SeedFile, Terms
from .render import render_briefing, render_key
from .slugs import unique_slugs

GENERATED_DOCS = ("index.md", "quotes.md", "timeline.md", "tags.md", "review.md")
GENERATED_DOCS_DIRS = ("people",)
TEMP_SUFFIX = ".tmp"
COLLECT_EVERY = 100_000
"""Allocations between two collections of the youngest generation (Python's default: 700). The
build makes few reference cycles; collecting seldom saved a fifth of a one-seed rebuild at 10k."""


@dataclass
class BuildResult:
    errors: list[SeedError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # briefings of seeds that now fail to read
    outputs: dict[Path, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage

    @property
    def changed(self) -> list[Path]:
        return sorted(self.written + self.removed)


class Plan(NamedTuple):
    """Everything the build knows before writing: briefings, entity pages, errors, merged names,
    and the hub pages' text (made while the briefings are linked)."""

    briefings: list[Briefing]
    pages: dict[str, str]
    errors: list[SeedError]
    names: Names
    hubs: dict[str, str]


class _Stages:
    """Stage boundaries: seconds per stage (for `--timings` and the scale benchmark), and what
    each stage made handed to the garbage collector as long-lived (`gc.freeze`). The build holds
    every analysis until it ends; the collector walking 10,000 of them again and again made a
    one-seed rebuild a third slower."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now
        gc.freeze()


def read_seeds(seeds_dir: Path) -> tuple[list[SeedFile], list[SeedError]]:
    """Every seed read and decoded, and every file that could not be, in path order."""
    errors: list[SeedError] = find_strays(seeds_dir)
    seeds: list[SeedFile] = []
    for path in find_seeds(seeds_dir):
        seed = read_seed(path, seeds_dir.parent, seeds_dir)
        (errors if isinstance(seed, SeedError) else seeds).append(seed)
    return seeds, errors


def plan(seeds_dir: Path, store: AnalysisCache | None = None, watch: _Stages | None = None) -> Plan:
    """Read and analyse every seed (cached ones from `store`), then link them: all but the writing."""
    seeds, errors = read_seeds(seeds_dir)
    return plan_seeds(seeds, errors, store, watch)


def plan_seeds(
    seeds: list[SeedFile], errors: list[SeedError], store: AnalysisCache | None = None, watch: _Stages | None = None
) -> Plan:
    """Analyse read seeds (cached ones from `store`), drop duplicates, then link them."""
    from .link import relate  # here: numpy and scipy cost 0.3 s, which a build with nothing changed skips

    watch = watch or _Stages()
    errors = list(errors)
    analyses: list[Analysis] = []
    for result in analyse_all(seeds, store or AnalysisCache(None)):
        (errors if isinstance(result, SeedError) else analyses).append(result)
    watch.lap("analyse")
    analyses, duplicates = drop_duplicates(analyses)
    errors = sorted(errors + duplicates, key=lambda e: e.path)
    slugs_by_path = unique_slugs([(a.seed.path, a.document.title) for a in analyses])
    analyses.sort(key=lambda a: slugs_by_path[a.seed.path])
    slugs = [slugs_by_path[a.seed.path] for a in analyses]
    names = resolve_names(analyses)
    related = cache.in_background(relate, analyses, slugs, names, size=len(analyses))  # while hubs are made
    # word counts and paragraph keys have served: dropped, they were a third of the memory at 10k
    analyses = [
        replace(a, tags=entity_tags(a, names, i), terms=Terms(), fingerprint=()) for i, a in enumerate(analyses)
    ]
    briefings = [Briefing(s, a, ()) for s, a in zip(slugs, analyses, strict=True)]  # hubs never show related
    pages = hubs.person_pages(briefings, names)
    hub_texts = hubs.hub_pages(briefings, pages, names)
    watch.lap("hubs")
    briefings = [replace(b, related=r) for b, r in zip(briefings, related(), strict=True)]
    watch.lap("link")
    return Plan(briefings, pages, errors, names, hub_texts)


def _inside(path: Path, folder: Path, resolved: dict[Path, Path] | None = None) -> bool:
    """`path` lies in `folder` once links and `..` are resolved. `resolved` caches folders' real
    paths within one build: thousands of files share a handful of folders."""
    resolved = {} if resolved is None else resolved
    for f in (path.parent, folder):
        if f not in resolved:
            resolved[f] = f.resolve()
    return path.name not in {"", ".", ".."} and (resolved[path.parent] / path.name).is_relative_to(resolved[folder])


def render_all(
    planned: Plan, briefings_dir: Path, docs_dir: Path, last: manifest.Manifest | None = None
) -> tuple[dict[Path, str], dict[str, str], set[Path]]:
    """Every output file's text, keyed by path; each briefing's render key; the briefings read
    back from disk.

    A briefing whose render key matches the last build's, and whose file still holds what that
    build wrote, is read back instead of rendered. Refuses any path outside the output folders.
    """
    briefings, pages = planned.briefings, planned.pages
    outputs: dict[Path, str] = {}
    keys: dict[str, str] = {}
    todo: list[Briefing] = []
    reused: set[Path] = set()
    for b in briefings:
        path = briefings_dir / f"{b.slug}.md"
        keys[str(path)] = key = render_key(b, pages)
        text = manifest.reusable(last, path, key)
        if text is None:
            todo.append(b)
        else:
            outputs[path] = text
            reused.add(path)
    rendered = cache.parallel_map(functools.partial(render_briefing, pages=pages), todo)
    for b, text in zip(todo, rendered, strict=True):
        outputs[briefings_dir / f"{b.slug}.md"] = text
    outputs = dict(sorted(outputs.items()))
    for rel, text in planned.hubs.items():
        outputs[docs_dir / rel] = text
    resolved: dict[Path, Path] = {}
    for path in outputs:
        if not _inside(path, briefings_dir if path.parent == briefings_dir else docs_dir, resolved):
            raise ValueError(f"refusing to write outside the output folders: {path}")
    return outputs, keys, reused


def _stale_docs(docs_dir: Path, outputs: dict[Path, str]) -> set[Path]:
    """Hub pages the generator wrote (by name, or by the note it puts in every page it writes)
    that this build no longer makes. Only pages outside `outputs` are read to look for the note."""
    owned = {docs_dir / name for name in GENERATED_DOCS if (docs_dir / name).is_file()}
    for sub in GENERATED_DOCS_DIRS:
        if (docs_dir / sub).is_dir():
            owned |= set((docs_dir / sub).glob("*.md"))
    if docs_dir.is_dir():
        for path in docs_dir.rglob("*.md"):
            if path in owned or path in outputs:
                continue
            try:
                if hubs.GENERATED_NOTE in path.read_text(encoding="utf-8", errors="replace"):
                    owned.add(path)
            except OSError:
                continue
    return owned - set(outputs)


def briefing_source(path: Path) -> str | None:
    """The seed a generated briefing came from (`source.file`), or None for any other file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith("---\n") or "\n---\n" not in text:
        return None
    try:
        data = yaml.safe_load(text[4 : text.index("\n---\n") + 1])
    except yaml.YAMLError:
        return None
    source = data.get("source") if isinstance(data, dict) else None
    file = source.get("file") if isinstance(source, dict) else None
    return file if isinstance(file, str) and isinstance(data.get("slug"), str) else None


def _stale(outputs: dict[Path, str], errors: list[SeedError], briefings_dir: Path, docs_dir: Path):
    """(files to remove, briefings kept because their seed has an error): nothing an editor wrote."""
    failed = {e.path for e in errors if not e.reason.startswith("duplicate of ")}
    remove, keep = set(), set()
    if briefings_dir.is_dir():
        for path in briefings_dir.glob("*.md"):
            if path in outputs or not path.is_file():
                continue
            source = briefing_source(path)
            if source is None:
                continue  # not a generated briefing: leave it alone
            (keep if source in failed else remove).add(path)
    remove |= _stale_docs(docs_dir, outputs)
    return sorted(p for p in remove if _inside(p, briefings_dir) or _inside(p, docs_dir)), sorted(keep)


def _leftover_temp_files(folders: list[Path]) -> list[Path]:
    """Temporary files a killed build left behind (`.<name>.<random>.tmp`)."""
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [p for p in folder.rglob(f".*{TEMP_SUFFIX}") if p.is_file() and not p.is_symlink()]
    return sorted(found)


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader sees the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(
    seeds_dir: Path, briefings_dir: Path, docs_dir: Path, check: bool = False, cache_dir: Path | None = None
) -> BuildResult:
    """Build everything; with `check`, write nothing and only report what would change.

    `cache_dir` keeps per-seed analyses between runs (None: analyse every seed afresh).
    """
    threshold = gc.get_threshold()
    gc.set_threshold(COLLECT_EVERY, *threshold[1:])  # the analysis workers are forked with it
    try:
        return _build(seeds_dir, briefings_dir, docs_dir, check, cache_dir)
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()  # under `mkdocs serve` the next build starts afresh


def _build(seeds_dir: Path, briefings_dir: Path, docs_dir: Path, check: bool, cache_dir: Path | None) -> BuildResult:
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {seeds_dir}")
    watch = _Stages()
    seeds, read_errors = read_seeds(seeds_dir)
    watch.lap("ingest")
    key = manifest.inputs_key(seeds, read_errors, briefings_dir, docs_dir)
    last = manifest.load(cache_dir)
    if last is not None and last.key == key and (same := manifest.unchanged_outputs(last, briefings_dir)):
        if not check:
            for path in _leftover_temp_files([briefings_dir, docs_dir]):
                path.unlink(missing_ok=True)
        watch.lap("compare")  # nothing read or written differs from what the last build made
        errors = [SeedError(path, reason) for path, reason in last.errors]
        return BuildResult(errors=errors, kept=[Path(p) for p in last.kept], outputs=same, seconds=watch.seconds)
    planned = plan_seeds(seeds, read_errors, AnalysisCache(cache_dir), watch)
    errors = planned.errors
    outputs, render_keys, reused = render_all(planned, briefings_dir, docs_dir, last)
    watch.lap("render")
    result = BuildResult(errors=errors, outputs=outputs, seconds=watch.seconds)
    for path, text in sorted(outputs.items()):
        if path in reused:  # read back from this very file a moment ago
            continue
        try:
            current = path.read_text(encoding="utf-8") if path.is_file() else None
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            result.written.append(path)
    result.removed, result.kept = _stale(outputs, errors, briefings_dir, docs_dir)
    if check:
        watch.lap("compare")
        return result
    for path in _leftover_temp_files([briefings_dir, docs_dir]):
        path.unlink(missing_ok=True)
    for path in result.written:
        write_atomic(path, outputs[path])
    for path in result.removed:
        path.unlink(missing_ok=True)
    made = {str(path): manifest.digest(text) for path, text in outputs.items()}
    errors_seen = [(e.path, e.reason) for e in errors]
    kept = [str(p) for p in result.kept]
    manifest.save(cache_dir, manifest.Manifest(key, made, errors_seen, kept, render_keys))
    watch.lap("write")
    return result


def report(result: BuildResult, check: bool) -> None:
    """Name every skipped seed with its reason, then what was written, kept or removed."""
    out = sys.stderr
    for err in result.errors:
        print(f"error: {printable(err.path)}: {' '.join(err.reason.split())}", file=out)
    verb = "would change" if check else "wrote"
    for path in result.written:
        print(f"{verb}: {path}", file=out)
    for path in result.kept:
        print(f"kept: {path} (its seed has an error above; fix the seed to update it)", file=out)
    verb = "would remove" if check else "removed"
    for path in result.removed:
        print(f"{verb}: {path}", file=out)
    print(f"{len(result.outputs)} files up to date or written, {len(result.errors)} seeds skipped", file=out)
