"""Per-article analysis cache and parallel analysis: only changed seeds are re-analysed.

An entry is keyed by the seed's path and bytes (its sha256) and by a fingerprint of the
generator's own source code, so a changed seed and a changed generator both miss. Entries
are pickles of `Analysis` written atomically; an unreadable entry is a miss, and the whole
folder can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import itertools
import marshal
import os
import pickle
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from .duplicates import text_size
from .model import Analysis, SeedError, SeedFile, UnreadSeed

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_CACHE_DIR = Path(".cache") / "generator"
PARALLEL_MIN = 64
"""Below this many seeds to analyse, a process pool costs more than it saves."""
PROGRESS_MIN = 200
"""Below this many seeds to analyse, the build is over before a progress bar helps."""


PACKAGE = Path(__file__).resolve().parent
_RELATIVE_IMPORT = re.compile(r"^\s*from \.(\w*) import (\([^)]*\)|[\w, ]+)", re.M)


def _digest(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _imported_modules(start: str) -> set[Path]:
    """The package module `start` and every package module it imports, directly or not
    (`from .x import`, `from . import x`): read from the source, so none is forgotten by hand."""
    found: set[Path] = set()
    todo = [PACKAGE / start]
    while todo:
        path = todo.pop()
        if path in found or not path.is_file():
            continue
        found.add(path)
        for module, names in _RELATIVE_IMPORT.findall(path.read_text(encoding="utf-8")):
            if module:
                todo.append(PACKAGE / f"{module}.py")
            else:
                todo += [PACKAGE / f"{n}.py" for n in re.findall(r"\w+", names)]
    return found


@cache
def code_fingerprint() -> str:
    """sha256 over the source of the generator's build (`build.py` and all it imports) and its
    data: any change re-renders every page. The MkDocs hooks are not in it: editing how the
    site is made keeps every briefing."""
    return _digest([*_imported_modules("build.py"), *PACKAGE.glob("data/*")])


@cache
def analysis_fingerprint() -> str:
    """sha256 over the source of the per-article analysis (reading the seed included) and its data:
    a change to rendering, hub pages or the site keeps every cached analysis (re-analysing 10,000
    seeds takes minutes)."""
    return _digest([*_imported_modules("analyse.py"), *_imported_modules("ingest.py"), *PACKAGE.glob("data/*")])


def data_key(data: object) -> str:
    """sha256 of plain data (strings, numbers, None, and tuples, lists and dicts of them; no sets,
    whose order varies): marshal's format 0 depends on the values alone, sharing no references,
    and wrote the render keys of 1,000 briefings four times faster than `repr` did."""
    return hashlib.sha256(marshal.dumps(data, 0)).hexdigest()


def cache_key(path: str, sha256: str) -> str:
    return hashlib.sha256(f"{analysis_fingerprint()}\0{path}\0{sha256}".encode()).hexdigest()


class AnalysisCache:
    """A folder of pickled analyses; `None` as folder disables caching."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / analysis_fingerprint()[:16] if folder else None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AnalysisCache) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)

    def prune(self) -> None:
        """Drop entries of other analysis versions: they can never be read again."""
        if self.folder is None:
            return
        for old in self.folder.parent.glob("*"):
            if old.is_dir() and old != self.folder and re.fullmatch(r"[0-9a-f]{16}", old.name):
                shutil.rmtree(old, ignore_errors=True)

    def _path(self, seed: SeedFile | UnreadSeed) -> str:
        """Where the entry of a seed lies: a string, as 10,000 path objects took 0.1 s."""
        assert self.folder is not None
        key = cache_key(seed.path, seed.sha256)
        return os.path.join(self.folder, key[:2], f"{key}.pickle")

    def holds(self, seed: SeedFile | UnreadSeed) -> bool:
        """An entry for this seed is there (it may still turn out unreadable)."""
        return self.folder is not None and os.path.isfile(self._path(seed))

    def get(self, seed: SeedFile | UnreadSeed) -> Analysis | None:
        """The analysis of a seed with this path and these bytes (the analysis code and the
        reading of bytes being part of the key, it is the one analysing the seed now would give)."""
        if self.folder is None:
            return None
        try:
            with open(self._path(seed), "rb") as fh:
                analysis = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None
        if not isinstance(analysis, Analysis) or (analysis.seed.path, analysis.seed.sha256) != (seed.path, seed.sha256):
            return None
        return analysis

    def put(self, analysis: Analysis, pickled: bytes) -> bool:
        """Keep `analysis`, given pickled as well (the worker that made it pickles it once); whether
        it was kept."""
        if self.folder is None:
            return False
        try:
            replace_file(Path(self._path(analysis.seed)), pickled)
        except OSError:
            return False  # a cache that cannot be written only costs time
        return True

    def text(self, read: Callable[[UnreadSeed], SeedFile | SeedError] | None, analysis: Analysis) -> Analysis:
        """`analysis` with its text (`without_text`) back: from its seed's entry, else from the seed
        analysed again (`read` reads it) if the entry went meanwhile. Raises `ValueError` if the seed
        has changed since too."""
        if analysis.text_omitted is None:
            return analysis
        seed = UnreadSeed(analysis.seed.path, analysis.seed.sha256)
        full = self.get(seed)
        found = read(seed) if full is None and read is not None else None
        if isinstance(found, SeedFile) and found.sha256 == seed.sha256:
            fresh = pickle.loads(_analyse_and_keep(self, False, found))
            full = fresh if isinstance(fresh, Analysis) else None
        if full is None:
            why = "its cached analysis went, and the seed changed, during the build: build again"
            raise ValueError(f"{seed.path}: {why}")
        document = replace(analysis.document, paragraphs=full.document.paragraphs, removed=full.document.removed)
        return replace(analysis, document=document, text_omitted=None)


def without_text(analysis: Analysis) -> Analysis:
    """`analysis` without its document's paragraphs and removed lines, with their size: all the build's
    stages across articles read of it. `AnalysisCache.text` gives the text back."""
    if analysis.text_omitted is not None:
        return analysis
    document = replace(analysis.document, paragraphs=(), removed=())
    return replace(analysis, document=document, text_omitted=text_size(analysis))


class Heads:
    """A build's analyses without their text (`without_text`), pickled, by seed path with the seed's
    sha256: kept whole for the next build, which loads them from this one file (in a rebuild of 924
    articles that took 41 ms, loading each analysis whole from its own file 54 ms)."""

    def __init__(self, last: object = None) -> None:
        self.last: dict = last if isinstance(last, dict) else {}
        self.made: dict[str, tuple[str, bytes]] = {}  # this build's, for the next

    def holds(self, seed: SeedFile | UnreadSeed) -> bool:
        found = self.last.get(seed.path)
        return isinstance(found, tuple) and len(found) == 2 and found[0] == seed.sha256 and isinstance(found[1], bytes)

    def get(self, seed: SeedFile | UnreadSeed) -> Analysis | None:
        """The last build's analysis of this seed without its text, if it holds one that loads."""
        if not self.holds(seed):
            return None
        try:
            analysis = pickle.loads(self.last[seed.path][1])
        except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None
        if not isinstance(analysis, Analysis) or analysis.text_omitted is None:
            return None
        if (analysis.seed.path, analysis.seed.sha256) != (seed.path, seed.sha256):
            return None
        self.made[seed.path] = self.last[seed.path]
        return analysis

    def keep(self, analysis: Analysis, pickled: bytes | None = None) -> None:
        """Record `analysis` without its text for the next build (`pickled`: that, when made already)."""
        if pickled is None:
            pickled = pickle.dumps(without_text(analysis), protocol=pickle.HIGHEST_PROTOCOL)
        self.made[analysis.seed.path] = (analysis.seed.sha256, pickled)


def replace_file(path: Path, data: bytes) -> None:
    """`path` (and its folder) made to hold `data` at once: written beside it, then renamed, so
    that a reader, or a build killed meanwhile, never finds a part. Raises `OSError`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _state_path(folder: Path, name: str) -> Path:
    return folder / f"{name}-{code_fingerprint()[:16]}.pickle"


def load_state(folder: Path | None, name: str) -> object | None:
    """What a stage kept for the next build with this generator (`save_state`), or None: missing,
    unreadable, or kept by other code. Stages use it only to save work."""
    if folder is None:
        return None
    try:
        with _state_path(folder, name).open("rb") as fh:
            return pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None


def save_state(folder: Path | None, name: str, state: object) -> None:
    """Keep `state` for the next build, written atomically; states of other code versions go."""
    if folder is None:
        return
    path = _state_path(folder, name)
    try:
        replace_file(path, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return  # a state that cannot be kept only costs time


def worker_count() -> int:
    """Processes for per-seed work: every core, up to eight."""
    return max(1, min(os.cpu_count() or 1, 8))


CHUNK_MAX = 16
"""Most items a worker takes at once: the last chunks end at nearly the same time (at 10,000 seeds,
chunks of 625 left a core idle for seconds at the end)."""


def _chunk(items: int, workers: int) -> int:
    return max(1, min(CHUNK_MAX, items // (workers * 8)))


def parallel_map(fn: Callable[[T], R], items: Sequence[T], workers: int | None = None) -> Iterator[R]:
    """`fn` over `items`, in order: in a process pool once there are enough of them (`fn` is pure,
    so the results are the same), started at once so that the caller can work meanwhile."""
    workers = workers or worker_count()
    if len(items) < PARALLEL_MIN or workers < 2:
        return map(fn, items)
    from concurrent.futures import ProcessPoolExecutor  # here: a build with little to do forks without a pool

    pool = ProcessPoolExecutor(max_workers=workers)
    results = pool.map(fn, items, chunksize=_chunk(len(items), workers))

    def drain() -> Iterator[R]:
        try:
            yield from results
        finally:
            pool.shutdown(cancel_futures=True)

    return drain()


_INHERITED: dict[int, tuple[Callable, tuple]] = {}
_jobs = itertools.count()


def _run_inherited(job: int, *more):
    fn, args = _INHERITED[job]
    return fn(*args, *more)


def _fork_pool(workers: int) -> ProcessPoolExecutor | None:
    """A pool of `workers` forked processes; None with one core or where processes cannot fork."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if worker_count() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def forked_map(fn: Callable[..., R], items: Sequence[T], *shared, workers: int | None = None) -> list[R]:
    """`fn(*shared, item)` for each item, in order, in forked processes that have `shared` through
    the fork (only items and results are pickled); here, in one process, with one worker."""
    workers = worker_count() if workers is None else workers
    pool = _fork_pool(workers) if workers > 1 and len(items) > 1 else None
    if pool is None:
        return [fn(*shared, item) for item in items]
    job = next(_jobs)
    _INHERITED[job] = (fn, shared)
    try:
        with pool:
            return list(pool.map(functools.partial(_run_inherited, job), items, chunksize=_chunk(len(items), workers)))
    finally:
        _INHERITED.pop(job, None)


def in_background(fn: Callable[..., R], *args, size: int) -> Callable[[], R]:
    """Start `fn(*args)` in a forked process; returns a function that waits for the result, so
    the caller can work meanwhile. The child has `args` through the fork: 10,000 analyses are
    not pickled on the way in, only the result on the way out, through a pipe (a process pool
    took 25 ms more to start, and its import 10 ms). Below `PARALLEL_MIN` items (`size`), or
    where processes cannot fork, `fn` runs here at once: the result is the same, and so is an
    exception, raised on waiting. Waiting again gives the same again."""
    if size < PARALLEL_MIN or worker_count() < 2 or not hasattr(os, "fork"):
        try:
            here: tuple[bool, Any] = (True, fn(*args))
        except Exception as exc:  # raised on waiting, as from a forked process
            here = (False, exc)
        return functools.partial(_outcome, here)
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: send the outcome, then leave without running the parent's exit code
        try:
            os.close(readable)
            try:
                outcome = pickle.dumps((True, fn(*args)), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # raised again in the parent
                outcome = _pickled_error(exc)
            with os.fdopen(writable, "wb") as out:
                out.write(outcome)
        finally:
            os._exit(0)
    os.close(writable)
    got: list[tuple[bool, Any]] = []

    def wait() -> R:
        if not got:
            with os.fdopen(readable, "rb") as pipe:
                data = pipe.read()
            status = os.waitpid(pid, 0)[1]
            try:
                got.append(pickle.loads(data))
            except Exception as exc:  # none or a part: the process was killed, or ended, before it sent it all
                why = f"status {status}, {len(data)} bytes: {exc}"
                got.append((False, RuntimeError(f"a background process of the build ended without a result ({why})")))
        return _outcome(got[0])  # asked again, the same, without the pipe or the process

    return wait


def _outcome(outcome: tuple[bool, Any]) -> Any:
    """The value of an (ok, value) outcome, or its exception raised."""
    ok, value = outcome
    if not ok:
        raise value
    return value


def _pickled_error(exc: BaseException) -> bytes:
    try:
        return pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that cannot be pickled is sent as its message
        return pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))


def safe_analyse(seed: SeedFile) -> Analysis | SeedError:
    """Analyse one seed; a crash on one strange article is reported, not fatal to the rest. The
    analysis lets go of the seed's raw text: nothing after analysis reads it, and carrying it
    made cache entries a third larger and slower to load."""
    from .analyse import analyse  # here: a build with nothing to analyse does without its modules (0.1 s)

    try:
        analysis = analyse(seed)
    except Exception as exc:  # a bug shown by one seed must not stop the others
        detail = " ".join(str(exc).split())[:120]
        return SeedError(seed.path, f"could not be analysed ({type(exc).__name__}: {detail}); please report it")
    if not analysis.document.paragraphs:
        return SeedError(seed.path, "no article text found after cleaning")
    return replace(analysis, seed=replace(analysis.seed, text=""))


def _analyse_and_keep(store: AnalysisCache, lean: bool, seed: SeedFile) -> bytes:
    """`safe_analyse`, pickled for the cache entry, which the worker that made it writes, and for the
    way back to the main process, which only unpickles it: the same pickle, or with `lean` (once the
    entry holds the text) the analysis without its text."""
    result = safe_analyse(seed)
    pickled = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    if isinstance(result, Analysis) and store.put(result, pickled) and lean:
        return pickle.dumps(without_text(result), protocol=pickle.HIGHEST_PROTOCOL)
    return pickled


def show_progress(stream: TextIO, environ: Mapping[str, str], total: int) -> bool:
    """A progress bar only for a person watching: a terminal, not CI, and enough work to wait for."""
    return total >= PROGRESS_MIN and stream.isatty() and not environ.get("CI")


def _progress(results: Iterable[T], total: int) -> Iterable[T]:
    if not show_progress(sys.stderr, os.environ, total):
        return results
    from tqdm import tqdm

    return tqdm(results, total=total, desc="analysing seeds", unit="seed", leave=False)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection meanwhile: unpickling analyses makes millions of objects and no
    garbage, and the collector walking them again and again took half of loading 10,000. What
    was loaded is then frozen (`gc.freeze`; reference counting still frees it): else the first
    collection after, of the youngest generation, walked all of it (0.4 s at 10,000)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def analyse_all(
    seeds: Iterable[SeedFile | UnreadSeed],
    store: AnalysisCache,
    workers: int | None = None,
    read: Callable[[UnreadSeed], SeedFile | SeedError] | None = None,
    meanwhile: Callable[[int], object] | None = None,
    heads: Heads | None = None,
) -> list[Analysis | SeedError]:
    """Results in the seeds' order: cached where possible, the rest analysed while the cached
    ones load (in a process pool when there are many, else in one forked process, which loads the
    analysis modules meanwhile too). An `UnreadSeed` the cache lacks is read with `read` first.
    `meanwhile(how many are analysed)` runs here once the analysing processes have started: work
    of the caller's that would otherwise wait for them.

    With `heads` (the last build's) and a cache folder, each result goes without its text where its
    entry holds it (`without_text`; `store.text` gives it back), loaded from `heads` where they hold
    it, and `heads.made` records every one for the next build.

    Errors are never cached, so a failing seed is retried and reported on every run.
    """
    seeds = list(seeds)
    heads = heads if store.folder is not None else None
    lean = heads is not None

    def readable(seed: SeedFile | UnreadSeed) -> SeedFile | SeedError:
        if not isinstance(seed, UnreadSeed):
            return seed
        if read is None:
            raise ValueError(f"{seed.path} was not read and its analysis is not cached")
        return read(seed)

    results: list[Analysis | SeedError | None] = [None] * len(seeds)
    todo: dict[int, SeedFile] = {}
    for i, seed in enumerate(seeds):
        if (heads is not None and heads.holds(seed)) or store.holds(seed):
            continue
        found = readable(seed)
        if isinstance(found, SeedError):
            results[i] = found
        else:
            todo[i] = found
    if todo:
        store.prune()
    fresh = _analyse_meanwhile(list(todo.values()), store, lean, workers, len(seeds) - len(todo))
    if meanwhile is not None:
        meanwhile(len(todo))
    with _collector_paused():
        for i, seed in enumerate(seeds):
            if i not in todo and results[i] is None:
                results[i] = _cached(seed, store, heads)
        for i, pickled in zip(list(todo), fresh(), strict=True):
            results[i] = _fresh(pickled, heads)
    for i, result in enumerate(results):
        if result is None:  # an entry there but unreadable: analysed now
            found = readable(seeds[i])
            results[i] = found if isinstance(found, SeedError) else _fresh(_analyse_and_keep(store, lean, found), heads)
    return [r for r in results if r is not None]


def _cached(seed: SeedFile | UnreadSeed, store: AnalysisCache, heads: Heads | None) -> Analysis | None:
    """A seed's cached analysis; with `heads`, without its text: from them, else from its entry."""
    if heads is None:
        return store.get(seed)
    if (found := heads.get(seed)) is not None:
        return found
    if (full := store.get(seed)) is None:
        return None
    heads.keep(lean := without_text(full))
    return lean


def _fresh(pickled: bytes, heads: Heads | None) -> Analysis | SeedError:
    """A result of `_analyse_and_keep`, recorded in `heads` (given, the pickle itself when that goes
    without its text)."""
    result = pickle.loads(pickled)
    if heads is not None and isinstance(result, Analysis):
        heads.keep(result, pickled if result.text_omitted is not None else None)
    return result


def _analyse_meanwhile(
    todo: list[SeedFile], store: AnalysisCache, lean: bool, workers: int | None, loading: int
) -> Callable[[], Iterable[bytes]]:
    """Start analysing `todo` while `loading` cached analyses are read here; returns what waits for
    the results (`lean`: without their text). A changed seed was analysed after the 10,000 others
    had loaded, with the analysis modules imported only then."""
    keep = functools.partial(_analyse_and_keep, store, lean)
    if len(todo) >= PARALLEL_MIN:
        pending = _progress(parallel_map(keep, todo, workers), len(todo))
        return lambda: pending
    return in_background(lambda: [keep(seed) for seed in todo], size=loading if todo else 0)
