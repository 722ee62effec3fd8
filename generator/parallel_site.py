"""MkDocs hook: render and write the site's pages in several processes.

MkDocs builds one page at a time, about 13 ms each (Markdown, the theme's templates, the search
index), so 10,000 briefings take minutes on one core. This hook keeps MkDocs' own build and
splits only its two per-page loops:

1. Reading: the pages' files are read and their front matter parsed in all the processes at
   once (each a share, handed to the main one); then the main process runs the plugins' page
   events on every page, in MkDocs' order, without rendering it yet. Plugins see every page's
   meta before any page is rendered (the tags listing, the feeds).
2. At `on_env`, the main process forks workers. Each renders and writes its share of the pages
   outside the nav (every n-th), and the pages in the nav are rendered in every process (the
   tags plugin fills its listing into the tags page's HTML in each) but written by the main
   process only. Theme files, feeds, the sitemap and the 404 page are written by the main one.
3. Each worker hands back what later steps need from its pages (search entries, anchors for
   link validation, its warning count); the main process puts the search entries back in page
   order, validates every page's links and writes the index. The site equals a one-process
   build byte for byte (tested).

`SITE_WORKERS=n` sets the number of processes (1 turns this off); by default one per core, for
sites of `MIN_PAGES` pages or more. `mkdocs serve` and platforms without `fork` build in one
process.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import BuildError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import meta
from tqdm import tqdm

from generator.cache import show_progress

log = logging.getLogger("mkdocs.hooks.parallel_site")

WORKERS_ENV = "SITE_WORKERS"
MIN_PAGES = 300
"""Below this, forking costs more than it saves (the five seeds' site builds in under a second)."""

FREEZE_EVERY = 500
"""Pages read, rendered or written between two `gc.freeze()` calls. What a page leaves behind
(its meta, Markdown, search entries) lives until the build ends; the collector walking all of
it again and again made reading and rendering half as fast at 10,000 pages."""

_ORIGINAL = {
    name: getattr(mkdocs_build, name)
    for name in ("_populate_page", "_build_page", "_build_theme_template", "_build_extra_template")
}


@dataclass
class _Run:
    """One parallel build: which process this is and what it owns."""

    workers: int
    read: list = field(default_factory=list)  # pages read but not rendered, in MkDocs' order
    worker: int = 0  # 0 = the main process
    owned: set[str] = field(default_factory=set)  # src_uri of the pages this process writes
    order: dict[str, int] = field(default_factory=dict)  # src_uri → position among all pages
    entries: dict[int, list] = field(default_factory=dict)  # position → the page's search entries
    children: list[tuple[int, Path]] = field(default_factory=list)  # (pid, result file)
    tmp: Path | None = None
    counter: utils.CountHandler | None = None
    started: float = 0.0  # when reading began, for the log
    bar: tqdm | None = None  # the main process's progress, on a terminal
    built: int = 0  # pages this process has written
    sources: dict[str, tuple[str, dict]] = field(default_factory=dict)  # src_uri → (Markdown, meta) read ahead


class _State:
    """What the hook knows between MkDocs' events: under `serve`, and the build under way."""

    serving = False
    run: _Run | None = None


_state = _State()


def worker_count() -> int:
    """`SITE_WORKERS` if set, else the cores this process may use."""
    if os.environ.get(WORKERS_ENV, "").strip():
        return max(1, int(os.environ[WORKERS_ENV]))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def on_startup(command: str, dirty: bool) -> None:
    _state.serving = command == "serve"


def on_config(config):
    workers = worker_count()
    if workers > 1 and not _state.serving and hasattr(os, "fork"):
        _state.run = _Run(workers=workers)
        mkdocs_build._populate_page = _read_page
        mkdocs_build._build_page = _build_owned_page
        mkdocs_build._build_theme_template = _main_only(_ORIGINAL["_build_theme_template"])
        mkdocs_build._build_extra_template = _main_only(_ORIGINAL["_build_extra_template"])
    return config


@event_priority(-100)  # after the hooks that add files (the briefings)
def on_files(files, config):
    if _state.run is not None:
        gc.freeze()  # MkDocs' files, theme and plugins: they live as long as the build
        _state.run.started = time.perf_counter()
    return files


@event_priority(-100)  # the last event before MkDocs reads the pages
def on_nav(nav, config, files):
    """Read every page's source and front matter ahead, a share in each process: parsing the
    YAML of 10,000 briefings is seconds of work. Only when no plugin takes part in reading a page
    (`pre_page`, `page_read_source` events), so that reading a file is all there is to it."""
    run = _state.run
    events = config.plugins.events
    if run is None or events["pre_page"] or events["page_read_source"]:
        return nav
    docs = files.documentation_pages(inclusion=InclusionLevel.is_included)
    if len(docs) >= MIN_PAGES or os.environ.get(WORKERS_ENV, "").strip():
        run.tmp = run.tmp or Path(tempfile.mkdtemp(prefix="mkdocs-workers-"))
        run.sources = _read_ahead(docs, run.workers, run.tmp)
    return nav


def _source(file) -> tuple[str, tuple[str, dict]] | None:
    """What `Page.read_source` makes of the file; None leaves the file to MkDocs (and its errors)."""
    try:
        return file.src_uri, meta.get_data(file.content_string)
    except Exception:
        return None


def _read_ahead(docs: list, workers: int, tmp: Path) -> dict[str, tuple[str, dict]]:
    """Every n-th file in a forked reader, the first share here. A reader that fails only leaves
    its files to be read as usual."""
    readers = []
    for reader in range(1, workers):
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                with open(tmp / f"read-{reader}.pickle", "wb") as fh:
                    pickle.dump([s for f in docs[reader::workers] if (s := _source(f))], fh, pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        readers.append((pid, tmp / f"read-{reader}.pickle"))
    sources = dict(s for f in docs[0::workers] if (s := _source(f)))
    for pid, result in readers:
        _, status = os.waitpid(pid, 0)
        if status == 0 and result.is_file():
            with open(result, "rb") as fh:
                sources.update(pickle.load(fh))
            result.unlink()
    return sources


def _read_page(page, config, files, dirty: bool = False) -> None:
    """MkDocs' `_populate_page` up to the Markdown render, which `on_env` does in the workers."""
    run = _state.run
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        ahead = run.sources.pop(page.file.src_uri, None)
        if ahead is None:
            page.read_source(config)
        else:
            page.markdown, page.meta = ahead
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    except Exception as e:
        log.error(f"Error reading page '{page.file.src_uri}': {e}")
        raise
    finally:
        config._current_page = None
    run.read.append(page)
    _now_and_then(len(run.read))


def _render(page, config, files) -> None:
    """The rest of MkDocs' `_populate_page`: Markdown to HTML, then the `page_content` event."""
    config._current_page = page
    try:
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    except Exception as e:
        log.error(f"Error reading page '{page.file.src_uri}': {e}")
        raise
    finally:
        config._current_page = None


@event_priority(200)  # before the tags plugin fills its listing into the rendered tags page
def on_env(env, config, files):
    run = _state.run
    if run is None:
        return env
    pages, run.read = run.read, []
    shared = [p for p in pages if not p.file.inclusion.is_not_in_nav()]
    spread = [p for p in pages if p.file.inclusion.is_not_in_nav()]
    if not spread or (len(pages) < MIN_PAGES and not os.environ.get(WORKERS_ENV, "").strip()):
        run.workers = 1
    run.order = {p.file.src_uri: i for i, p in enumerate(pages)}
    took = time.perf_counter() - run.started
    log.info(f"Read {len(pages)} pages in {took:.1f} s; rendering in {run.workers} processes")
    run.tmp = run.tmp or Path(tempfile.mkdtemp(prefix="mkdocs-workers-"))
    gc.freeze()  # forked workers share the pages read so far; the collector need not walk them
    for worker in range(1, run.workers):
        result = run.tmp / f"worker-{worker}.pickle"
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _become_worker(run, worker, files)
            break
        run.children.append((pid, result))
    mine = spread[run.worker :: run.workers]
    run.owned = {p.file.src_uri for p in mine}
    if run.worker == 0:
        run.owned |= {p.file.src_uri for p in shared}
    for page in shared:
        if run.worker:  # the main process renders these too, and reports their warnings
            logging.disable(logging.CRITICAL)
        try:
            _render(page, config, files)
        finally:
            logging.disable(logging.NOTSET)
    if run.worker == 0 and show_progress(sys.stderr, os.environ, len(mine)):
        total = len(mine) + len(run.owned)  # each page rendered, then written
        run.bar = tqdm(total=total, desc=f"site pages (1 of {run.workers} processes)", unit="step", leave=False)
    for done, page in enumerate(mine, start=1):
        _render(page, config, files)
        _now_and_then(done)
        if run.bar is not None:
            run.bar.update()
    return env


def _now_and_then(done: int) -> None:
    if done % FREEZE_EVERY == 0:
        gc.freeze()


def _become_worker(run: _Run, worker: int, files) -> None:
    """In the forked process: own a share of the pages, leave shared output to the main process."""
    run.worker = worker
    run.children = []
    run.counter = utils.CountHandler()
    run.counter.setLevel(logging.WARNING)
    files.copy_static_files = lambda *args, **kwargs: None
    logging.getLogger("mkdocs").addHandler(run.counter)


def _main_only(build_template):
    def wrapper(*args, **kwargs):
        run = _state.run
        if run is None or run.worker == 0:
            build_template(*args, **kwargs)

    return wrapper


def _search_entries(config) -> list | None:
    """The Material search plugin's index entries (a list of dicts), if the plugin is on."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            return index.entries
    return None


def _build_owned_page(page, config, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
    run = _state.run
    if page.file.src_uri in run.owned:
        entries = _search_entries(config)
        before = len(entries) if entries is not None else 0
        _ORIGINAL["_build_page"](page, config, doc_files, nav, env, dirty, excluded=excluded)
        if entries is not None:
            run.entries[run.order[page.file.src_uri]] = entries[before:]
        run.built += 1
        _now_and_then(run.built)
        if run.bar is not None:
            run.bar.update()
    if page.file is doc_files[-1]:
        if run.worker:
            _finish_worker(run, doc_files)
        else:
            _gather(run, config, doc_files)


def _finish_worker(run: _Run, doc_files) -> None:
    """Hand back what the main process needs from this worker's pages, then leave at once: the
    rest of MkDocs' build (link checks, search index, post_build) is the main process's."""
    code = 1
    try:
        anchors = {}
        for file in doc_files:
            if file.src_uri in run.owned:
                page = file.page
                links = {target.src_uri: dict(found) for target, found in (page.links_to_anchors or {}).items()}
                anchors[file.src_uri] = (page.present_anchor_ids, links)
        result = {
            "entries": run.entries,
            "anchors": anchors,
            "warnings": dict(run.counter.get_counts()),
            "finished": time.time(),
        }
        with open(run.tmp / f"worker-{run.worker}.pickle", "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _gather(run: _Run, config, doc_files) -> None:
    """Wait for the workers and take in their pages' search entries and anchors, so MkDocs'
    link validation and the search index cover every page as in a one-process build."""
    by_uri = {f.src_uri: f for f in doc_files}
    failed = []
    here = time.time()
    for worker, (pid, result) in enumerate(run.children, start=1):
        _, status = os.waitpid(pid, 0)
        if status != 0 or not result.is_file():
            failed.append(worker)
            continue
        with open(result, "rb") as fh:
            data = pickle.load(fh)
        log.debug(f"Worker {worker} finished {data['finished'] - here:+.1f} s after this process")
        run.entries.update(data["entries"])
        for uri, (present, links) in data["anchors"].items():
            page = by_uri[uri].page
            page.present_anchor_ids = present
            page.links_to_anchors = {by_uri[target]: found for target, found in links.items()}
        for level, count in sorted(data["warnings"].items()):
            log.warning(f"Worker {worker} logged {count} {level.lower()} message(s), shown above")
    run.children = []
    _cleanup(run)
    if failed:
        raise BuildError(f"Site worker process(es) {failed} failed: see the errors above")
    entries = _search_entries(config)
    if entries is not None:
        entries[:] = [entry for position in sorted(run.entries) for entry in run.entries[position]]


def _cleanup(run: _Run) -> None:
    if run.bar is not None:
        run.bar.close()
        run.bar = None
    for pid, _ in run.children:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except OSError:
            pass
    run.children = []
    if run.tmp is not None and run.worker == 0:  # a failing worker leaves the folder to the main process
        shutil.rmtree(run.tmp, ignore_errors=True)
    gc.unfreeze()


def _restore() -> None:
    run = _state.run
    if run is not None:
        _cleanup(run)
    _state.run = None
    for name, function in _ORIGINAL.items():
        setattr(mkdocs_build, name, function)


def on_post_build(config) -> None:
    _restore()


def on_build_error(error) -> None:
    """A failed build must not leave workers running, nor MkDocs patched for the next build."""
    _restore()
