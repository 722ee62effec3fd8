"""The build: ingest every seed, analyse, link, render, and write only what changed.

This is the one module that touches the file system for output. Everything is read and
rendered before the first output changes: the render workers write each changed briefing to a
temporary file beside it, renamed into place only once every output is made (and removed if
the build fails), so every file is replaced atomically; every path written or removed is
checked to lie inside the output folders first.
Stale briefings of deleted seeds are removed, and only those: the briefing of a seed that
now fails to read stays, so an editor's typo never takes an article off the site.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import yaml

from . import cache, hubs, manifest, unchanged
from .cache import AnalysisCache, analyse_all
from .duplicates import DIRECT_SEEDS, Copies, drop_duplicates, find_copies
from .entities import Names, entity_tags, resolve_names
from .ingest import list_seeds, printable, read_seed, relative
from .model import Analysis, Briefing, SeedError, SeedFile, Terms, UnreadSeed
from .render import render_briefing, render_key
from .slugs import unique_slugs

if TYPE_CHECKING:
    from .link import LinkState

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
    outputs: list[Path] = field(default_factory=list)  # every file the build made or found up to date
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage

    @property
    def changed(self) -> list[Path]:
        return sorted(self.written + self.removed)


class Plan(NamedTuple):
    """Everything the build knows before writing: briefings (whose analyses may go without their
    text: `text` gives it back), entity pages, errors, merged names, the hub pages' text (from
    `plan`; `plan_seeds` hands a function that waits for them), and what the next build finds
    copies, links and analyses from."""

    briefings: list[Briefing]
    pages: dict[str, str]
    errors: list[SeedError]
    names: Names
    hubs: dict[str, str]
    link: LinkState  # what the next build links from
    copies: Copies  # what the next build finds copies from
    heads: dict[str, tuple[str, bytes]]  # what the next build loads analyses from (`cache.Heads`)
    text: Texts  # gives an analysis its text back


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


class Seeds(NamedTuple):
    """What reading the seeds folder found, in path order."""

    seeds: list[SeedFile | UnreadSeed]
    errors: list[SeedError]
    signatures: dict[str, tuple[unchanged.Signature, str]]  # seed path → (signature, sha256), to record


READ_APART = 500
"""From this many seeds to read on, forked processes read them (bytes, digest, decoding)."""


def _read_one(seeds_dir: Path, path: Path) -> SeedFile | SeedError:
    return read_seed(path, seeds_dir.parent, seeds_dir)


def read_seeds(seeds_dir: Path, last: manifest.Manifest | None = None) -> Seeds:
    """Every seed read and decoded, and every file that could not be. A seed whose signature
    is the one `last` recorded is not read (an `UnreadSeed`): at 10,000 seeds, reading them all
    to find the one that changed took a second. Many seeds to read are read by forked processes."""
    known = last.seeds if last is not None else {}
    paths, strays = list_seeds(seeds_dir)
    listed: list[tuple[unchanged.Signature | None, SeedFile | UnreadSeed | SeedError | None]] = []
    todo: list[Path] = []
    for path in paths:
        rel = relative(path, seeds_dir.parent)
        sig = unchanged.of(path)
        if last is not None and rel in known and unchanged.same(known[rel][0], sig, last.started_ns):
            listed.append((sig, UnreadSeed(rel, known[rel][1])))
        else:
            listed.append((sig, None))
            todo.append(path)
    workers = cache.worker_count() if len(todo) >= READ_APART else 1
    read = iter(cache.forked_map(_read_one, todo, seeds_dir, workers=workers))
    found = Seeds([], strays, {})
    for sig, seed in listed:
        seed = next(read) if seed is None else seed
        if isinstance(seed, SeedError):
            found.errors.append(seed)
            continue
        found.seeds.append(seed)
        if sig is not None:
            found.signatures[seed.path] = (sig, seed.sha256)
    return found


def plan(seeds_dir: Path, store: AnalysisCache | None = None, watch: _Stages | None = None) -> Plan:
    """Read and analyse every seed (cached ones from `store`), then link them: all but the writing."""
    found = read_seeds(seeds_dir)
    planned, hub_pages = plan_seeds(found.seeds, found.errors, store, watch, seeds_dir)
    return planned._replace(hubs=hub_pages().pages)


def plan_seeds(
    seeds: list[SeedFile | UnreadSeed],
    errors: list[SeedError],
    store: AnalysisCache | None = None,
    watch: _Stages | None = None,
    seeds_dir: Path | None = None,
    last_state: Callable[[str], object] | None = None,
    hubs_from: HubSource | None = None,
) -> tuple[Plan, Callable[[], HubPages]]:
    """Analyse read seeds (cached ones from `store`; an `UnreadSeed` the cache lacks is read from
    `seeds_dir` now), drop duplicates, then link them (from what `last_state` loads of the last
    build's, by stage name, if anything). With a cache folder, the analyses go without their text
    (`cache.without_text`), which rendering and the hub pages get back.
    The plan comes without its hub pages, and with what waits for them: they are made in a forked
    process meanwhile (and finished there as `hubs_from` says), or kept from the last build
    (`hubs_from`), and the caller renders the briefings before it waits."""
    watch = watch or _Stages()
    errors = list(errors)
    analyses: list[Analysis] = []
    kept: list[object] = []

    def meanwhile(analysing: int) -> None:
        """While seeds are analysed: import the linking code and load what the last build's
        duplicate finding and linking kept. With many seeds to analyse, import numpy and scipy
        too, which comparing and linking them will need: 0.2 s that the analysing processes hide."""
        from . import link

        if analysing > min(link.DIRECT_ROWS, DIRECT_SEEDS):
            import numpy  # noqa: F401
            from scipy import sparse  # noqa: F401
        kept.extend(last_state(name) if last_state is not None else None for name in ("copies", "link"))

    read = functools.partial(_read_now, seeds_dir)
    store = store or AnalysisCache(None)
    heads = cache.Heads(last_state("heads") if last_state is not None else None)
    for result in analyse_all(seeds, store, read=read, meanwhile=meanwhile, heads=heads):
        (errors if isinstance(result, SeedError) else analyses).append(result)
    text = Texts(store, seeds_dir)
    from .link import LinkState, relate

    watch.lap("analyse")
    copies = find_copies(analyses, kept[0] if isinstance(kept[0], Copies) else None)
    analyses, duplicates = drop_duplicates(analyses, copies)
    errors = sorted(errors + duplicates, key=lambda e: e.path)
    slugs_by_path = unique_slugs([(a.seed.path, a.document.title) for a in analyses])
    analyses.sort(key=lambda a: slugs_by_path[a.seed.path])
    slugs = [slugs_by_path[a.seed.path] for a in analyses]
    names = resolve_names(analyses)
    briefings = [Briefing(s, a, ()) for s, a in zip(slugs, analyses, strict=True)]  # hubs show no related, no tags
    pages = hubs.person_pages(briefings, names)
    hub_pages = (hubs_from or HubSource()).start(briefings, pages, names, text)
    try:
        related, link = relate(analyses, slugs, names, kept[1] if isinstance(kept[1], LinkState) else None)
        watch.lap("link")
        # with its tags, each briefing drops its word counts and paragraph keys, which have served:
        # they were a third of the memory at 10k
        briefings = [
            Briefing(
                b.slug, replace(b.analysis, tags=entity_tags(b.analysis, names, i), terms=Terms(), fingerprint=()), r
            )
            for i, (b, r) in enumerate(zip(briefings, related, strict=True))
        ]
    except BaseException:  # the hub pages' process ends before the caller tidies its files away
        with contextlib.suppress(Exception):
            hub_pages()
        raise
    return Plan(briefings, pages, errors, names, {}, link, copies, heads.made, text), hub_pages


class HubPages(NamedTuple):
    """The hub pages (by docs-relative path; text, or `Spooled` once compared with their files),
    with what tells the next build whether they would change: `hub_key`, and each seed's
    (sha256, digest of its `hubs.hub_view`)."""

    pages: dict[str, str] | dict[str, Spooled]
    key: str
    digests: dict[str, tuple[str, str]]


def _view_digest(view: Briefing) -> str:
    return hashlib.sha256(repr(view.analysis).encode("utf-8")).hexdigest()


def _known(b: Briefing, known: dict[str, tuple[str, str]]) -> bool:
    """`known` holds the view digest of briefing b's seed as it is now (same bytes)."""
    return known.get(b.analysis.seed.path, ("", ""))[0] == b.analysis.seed.sha256


def _digests(
    briefings: list[Briefing],
    names: Names,
    known: dict[str, tuple[str, str]],
    text: Callable[[Analysis], Analysis],
    views: list[Briefing] | None = None,
) -> dict[str, tuple[str, str]]:
    """Every briefing's (seed sha256, view digest): `known`'s where its seed is the same, else
    worked out (from `views` when given; `text` gives an analysis its text back)."""
    out = {}
    for i, b in enumerate(briefings):
        seed = b.analysis.seed
        if _known(b, known):
            out[seed.path] = known[seed.path]
        else:
            view = views[i] if views is not None else hubs.hub_view(b, names.aliases[i], text)
            out[seed.path] = (seed.sha256, _view_digest(view))
    return out


def hub_key(briefings: list[Briefing], pages: dict[str, str], names: Names, digests: dict[str, tuple[str, str]]) -> str:
    """Everything hub pages are made from, hashed: the code, each briefing's slug, view (by digest)
    and names, the names across briefings and the entity pages. Sorted where a dict's order could
    differ between two builds of the same input."""
    aliases = names.aliases
    each = [(b.slug, digests[b.analysis.seed.path][1], sorted(aliases[i].items())) for i, b in enumerate(briefings)]
    across = (sorted(names.kind.items()), sorted(names.forms.items()), sorted(pages.items()))
    return cache.data_key((cache.code_fingerprint(), each, across))


def _hub_pages(
    briefings: list[Briefing],
    pages: dict[str, str],
    names: Names,
    known: dict[str, tuple[str, str]],
    finish: Callable[[dict[str, str]], dict[str, Spooled]] | None,
    text: Callable[[Analysis], Analysis],
) -> HubPages:
    """The hub pages, made from the briefings' views and finished in the process that made them
    (compared and written aside), with their key."""
    views = [hubs.hub_view(b, names.aliases[i], text) for i, b in enumerate(briefings)]
    digests = _digests(briefings, names, known, text, views)
    made = hubs.hub_pages(views, pages, names)
    return HubPages(made if finish is None else finish(made), hub_key(briefings, pages, names, digests), digests)


@dataclass(frozen=True)
class HubSource:
    """Where a build's hub pages come from: kept from the last build (`last`) when their key is
    the same and every page still holds what it wrote, else made in a forked process while the
    main one links and renders, and compared and written aside there with `finish` (one process,
    not two: with the main one, two cores are busy, and a third slowed both)."""

    last: manifest.Manifest | None = None
    docs_dir: Path | None = None
    finish: Callable[[dict[str, str]], dict[str, Spooled]] | None = None

    def start(
        self, briefings: list[Briefing], pages: dict[str, str], names: Names, text: Callable[[Analysis], Analysis]
    ) -> Callable[[], HubPages]:
        """What waits for the hub pages of `briefings` (`text` gives an analysis its text back)."""
        last = self.last
        known = last.hub_digests if last is not None else {}
        unknown = sum(not _known(b, known) for b in briefings)
        if last is not None and last.hub_key and unknown < cache.PARALLEL_MIN:
            digests = _digests(briefings, names, known, text)
            key = hub_key(briefings, pages, names, digests)
            if key == last.hub_key and (kept := self._kept(last)) is not None:
                return lambda: HubPages(kept, key, digests)
        return cache.in_background(_hub_pages, briefings, pages, names, known, self.finish, text, size=len(briefings))

    def _kept(self, last: manifest.Manifest) -> dict[str, Spooled] | None:
        """The last build's hub pages, if every one still holds what it wrote there (read back when
        its signature does not show it unchanged)."""
        assert self.docs_dir is not None
        kept = {}
        for rel in last.hub_pages:
            path = self.docs_dir / rel
            if (sig := manifest.verified(last, path)[0]) is None:
                return None
            kept[rel] = Spooled(last.outputs[str(path)], True, sig, None)
        return kept


@dataclass(frozen=True)
class Texts:
    """Gives an analysis without its text (`cache.without_text`) the text back, from the cache
    (`store`), else from the seed in `seeds_dir` analysed again."""

    store: AnalysisCache
    seeds_dir: Path | None

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.store.text(functools.partial(_read_now, self.seeds_dir), analysis)


def _read_now(seeds_dir: Path | None, seed: UnreadSeed) -> SeedFile | SeedError:
    """Read a seed skipped as unchanged whose analysis the cache turned out not to hold."""
    if seeds_dir is None:
        raise ValueError(f"no seeds folder to read {seed.path} from")
    return read_seed(seeds_dir.parent / seed.path, seeds_dir.parent, seeds_dir)


def _inside(path: Path, folder: Path, resolved: dict[str, str] | None = None) -> bool:
    """`path` lies in `folder` once links and `..` are resolved. `resolved` caches folders' real
    paths within one build: thousands of files share a handful of folders, and working on strings
    spared 30,000 path objects at 10,000 briefings."""
    resolved = {} if resolved is None else resolved
    parent, name = os.path.split(str(path))
    for f in (parent, str(folder)):
        if f not in resolved:
            resolved[f] = os.path.join(os.path.realpath(f), "")
    return name not in {"", ".", ".."} and (resolved[parent] + name).startswith(resolved[str(folder)])


class Spooled(NamedTuple):
    """An output compared with its file by the process that made it: its text's digest, whether
    the file holds that text already (`sig`: the file's signature), and if not, the temporary
    file beside it that holds the text, renamed into place once every output is made (None when
    nothing may be written, under `--check`)."""

    sha: str
    same: bool
    sig: unchanged.Signature | None
    tmp: str | None


def _spooled(path: Path, text: str, last: manifest.Manifest | None, write: bool) -> Spooled:
    """`text` compared with the file at `path` (read only when its signature does not show it
    unchanged since the last build: it holds the text that build wrote, this one or another) and,
    if that differs and `write`, written beside it."""
    sha = manifest.digest(text)
    if known := manifest.holds(last, path):
        if known[1] == sha:
            return Spooled(sha, True, known[0], None)
    else:
        sig = unchanged.of(path)  # before reading: a write in between shows next time
        if manifest.read_text(path) == text:
            return Spooled(sha, True, sig, None)
    return Spooled(sha, False, None, _write_temp(path, text) if write else None)


def _spool_one(
    todo: list[Briefing],
    pages: dict[str, str],
    last: manifest.Manifest | None,
    folder: Path,
    write: bool,
    text: Callable[[Analysis], Analysis],
    i: int,
) -> Spooled:
    """Briefing i of `todo` (the workers have them through the fork), with its text (`text`),
    rendered and spooled: at 10,000 briefings, 150 MB of text no longer crossed back to the main
    process to be written there one file after another."""
    b = todo[i]
    b = Briefing(b.slug, text(b.analysis), b.related)
    return _spooled(folder / f"{b.slug}.md", render_briefing(b, pages), last, write)


def _spool_pages(
    docs_dir: Path, last: manifest.Manifest | None, write: bool, made: dict[str, str]
) -> dict[str, Spooled]:
    """Hub pages (by docs-relative path) spooled where they were made; refuses any path outside
    `docs_dir` before writing there."""
    out: dict[str, Spooled] = {}
    resolved: dict[str, str] = {}
    folders: set[Path] = set()
    for rel, text in made.items():
        path = docs_dir / rel
        if not _inside(path, docs_dir, resolved):
            raise ValueError(f"refusing to write outside the output folders: {path}")
        if write and path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        out[rel] = _spooled(path, text, last, write)
    return out


class Rendered(NamedTuple):
    """The outputs of a build before writing."""

    outputs: dict[Path, Spooled]  # every output file, compared with what is there
    keys: dict[str, str]  # briefing path → `render_key`


def render_all(
    planned: Plan, briefings_dir: Path, last: manifest.Manifest | None = None, write: bool = False
) -> Rendered:
    """Every briefing, compared with its file; with `write`, each changed one is written to a
    temporary file beside it by the workers that render (a build that fails removes them).

    A briefing whose render key matches the last build's, and whose file still holds what that
    build wrote, is not rendered: it is left in place when its signature shows the file unchanged,
    else read back to check. Refuses any path outside the output folders, before anything is made.
    """
    briefings, pages = planned.briefings, planned.pages
    done = Rendered({}, {})
    todo: list[Briefing] = []
    resolved: dict[str, str] = {}
    for b in briefings:
        path = briefings_dir / f"{b.slug}.md"
        if not _inside(path, briefings_dir, resolved):
            raise ValueError(f"refusing to write outside the output folders: {path}")
        done.keys[str(path)] = key = render_key(b, pages)
        if last is not None and last.renders.get(str(path)) == key and (sig := manifest.verified(last, path)[0]):
            done.outputs[path] = Spooled(last.outputs[str(path)], True, sig, None)
        else:
            todo.append(b)
    if write:
        briefings_dir.mkdir(parents=True, exist_ok=True)
    workers = cache.worker_count() if len(todo) >= cache.PARALLEL_MIN else 1
    shared = (todo, pages, last, briefings_dir, write, planned.text)
    spooled = cache.forked_map(_spool_one, range(len(todo)), *shared, workers=workers)
    done.outputs.update(zip((briefings_dir / f"{b.slug}.md" for b in todo), spooled, strict=True))
    return done


def with_hub_pages(rendered: Rendered, pages: dict[str, Spooled], docs_dir: Path) -> Rendered:
    """`rendered` and the hub pages (by docs-relative path, spooled where they were made);
    refuses any path outside `docs_dir`."""
    outputs = dict(rendered.outputs)
    resolved: dict[str, str] = {}
    for rel, page in pages.items():
        path = docs_dir / rel
        if not _inside(path, docs_dir, resolved):
            raise ValueError(f"refusing to write outside the output folders: {path}")
        outputs[path] = page
    return rendered._replace(outputs=outputs)


def _stale_docs(docs_dir: Path, outputs: set[Path]) -> set[Path]:
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
    return owned - outputs


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


def _stale(outputs: set[Path], errors: list[SeedError], briefings_dir: Path, docs_dir: Path):
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


def _compare(rendered: Rendered) -> tuple[dict[str, str], dict[Path, unchanged.Signature | None], list[Path]]:
    """Each output's digest, the signatures of the files found holding their text, and the
    paths of the others, in order."""
    made = {str(path): out.sha for path, out in rendered.outputs.items()}
    found = {path: out.sig for path, out in rendered.outputs.items() if out.same}
    return made, found, sorted(path for path, out in rendered.outputs.items() if not out.same)


def _leftover_temp_files(folders: list[Path]) -> list[Path]:
    """Temporary files a killed build left behind (`.<name>.<random>.tmp`)."""
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [p for p in folder.rglob(f".*{TEMP_SUFFIX}") if p.is_file() and not p.is_symlink()]
    return sorted(found)


def _write_temp(path: Path, text: str) -> str:
    """`text` in a new temporary file beside `path` (`.<name>.<random>.tmp`), whose name it returns."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _place(tmp: str, path: Path) -> None:
    """Rename a temporary file onto `path`: a reader sees the old file or the new one, never a part."""
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _keep_states(cache_dir: Path | None, planned: Plan) -> None:
    cache.save_state(cache_dir, "copies", planned.copies)
    cache.save_state(cache_dir, "link", planned.link)
    cache.save_state(cache_dir, "heads", planned.heads)


def build(
    seeds_dir: Path,
    briefings_dir: Path,
    docs_dir: Path,
    check: bool = False,
    cache_dir: Path | None = None,
    held: list[object] | None = None,
) -> BuildResult:
    """Build everything; with `check`, write nothing and only report what would change.

    `cache_dir` keeps per-seed analyses between runs (None: analyse every seed afresh). `held`
    receives what the build worked with, so that it outlives the call: a command that exits
    at once need not free it object by object.
    """
    threshold = gc.get_threshold()
    gc.set_threshold(COLLECT_EVERY, *threshold[1:])  # the analysis workers are forked with it
    try:
        return _build(seeds_dir, briefings_dir, docs_dir, check, cache_dir, [] if held is None else held)
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()  # under `mkdocs serve` the next build starts afresh


def _build(
    seeds_dir: Path, briefings_dir: Path, docs_dir: Path, check: bool, cache_dir: Path | None, held: list[object]
) -> BuildResult:
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {seeds_dir}")
    watch = _Stages()
    started = unchanged.now_ns()
    last = manifest.load(cache_dir)
    seeds, read_errors, seed_sigs = read_seeds(seeds_dir, last)
    held += [last, seeds]
    watch.lap("ingest")
    key = manifest.inputs_key(seeds, read_errors, briefings_dir, docs_dir)
    if last is not None and last.key == key and (checked := manifest.unchanged_outputs(last, briefings_dir)):
        sigs, outputs_read = checked
        if not check:
            for path in _leftover_temp_files([briefings_dir, docs_dir]):
                path.unlink(missing_ok=True)
            if outputs_read or not all(isinstance(s, UnreadSeed) for s in seeds):  # read to check: trusted next time
                manifest.save(cache_dir, replace(last, started_ns=started, seeds=seed_sigs, stats=sigs))
        watch.lap("compare")  # nothing read or written differs from what the last build made
        errors = [SeedError(path, reason) for path, reason in last.errors]
        outputs = [Path(p) for p in last.outputs]
        return BuildResult(errors=errors, kept=[Path(p) for p in last.kept], outputs=outputs, seconds=watch.seconds)
    last_state = functools.partial(cache.load_state, cache_dir)
    if not check:  # before any process of this build spools
        for path in _leftover_temp_files([briefings_dir, docs_dir]):
            path.unlink(missing_ok=True)
    hubs_from = HubSource(last, docs_dir, functools.partial(_spool_pages, docs_dir, last, not check))
    plan_args = (AnalysisCache(cache_dir), watch, seeds_dir, last_state, hubs_from)
    waits: list[Callable[[], object]] = []  # the background processes, seen to end before a failed build tidies up
    keeping = None
    try:
        planned, hub_pages = plan_seeds(seeds, read_errors, *plan_args)
        waits.append(hub_pages)
        held.append(planned)
        errors = planned.errors
        # the link state (38 MB at 10,000) and the copies are pickled and kept in a forked process
        # while this one renders and writes: they are a cache, right whatever becomes of this build
        size = len(planned.briefings)
        keeping = None if check else cache.in_background(_keep_states, cache_dir, planned, size=size)
        if keeping is not None:
            waits.append(keeping)
        rendered = render_all(planned, briefings_dir, last, write=not check)
        held.append(rendered)
        watch.lap("render")
        made_hubs = hub_pages()
        rendered = with_hub_pages(rendered, made_hubs.pages, docs_dir)
        watch.lap("hubs")
        paths = set(rendered.outputs)
        made, found, written = _compare(rendered)
        result = BuildResult(errors=errors, written=written, outputs=sorted(paths), seconds=watch.seconds)
        result.removed, result.kept = _stale(paths, errors, briefings_dir, docs_dir)
        if check:
            watch.lap("compare")
            return result
        for path in result.written:
            tmp = rendered.outputs[path].tmp
            assert tmp is not None  # spooled with `write`
            _place(tmp, path)
            found[path] = unchanged.of(path)
    except BaseException:  # a build that fails leaves none of its temporary files behind
        for wait in waits:  # nor a process: the hub pages' may still be writing theirs
            with contextlib.suppress(Exception):
                wait()
        for path in _leftover_temp_files([briefings_dir, docs_dir]):
            path.unlink(missing_ok=True)
        raise
    for path in result.removed:
        path.unlink(missing_ok=True)
    stats = {str(path): sig for path, sig in found.items() if sig is not None}
    errors_seen = [(e.path, e.reason) for e in errors]
    kept = [str(p) for p in result.kept]
    saved = manifest.Manifest(key, made, errors_seen, kept, rendered.keys, started, seed_sigs, stats)
    saved = replace(saved, hub_key=made_hubs.key, hub_digests=made_hubs.digests, hub_pages=sorted(made_hubs.pages))
    manifest.save(cache_dir, saved)
    if keeping is not None:
        try:
            keeping()
        except Exception as exc:  # a state not kept only makes the next build work afresh
            print(f"warning: the states of this build were not kept for the next one: {exc}", file=sys.stderr)
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
