"""Analysis cache: changed seeds and a changed generator re-analyse; the cache is disposable."""

from __future__ import annotations

import dataclasses
import functools
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import analyse as analyse_module
from generator import build as build_module
from generator import cache as cache_module
from generator import duplicates as duplicates_module
from generator import hubs as hubs_module
from generator import link as link_module
from generator import manifest as manifest_module
from generator import unchanged
from generator.cache import AnalysisCache, analyse_all
from generator.cli import main
from generator.ingest import find_seeds, read_seed
from generator.model import Briefing

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def seeds(tmp_path: Path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return [read_seed(p, tmp_path) for p in find_seeds(tmp_path / "seeds")]


def _counting(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = analyse_module.analyse

    def spy(seed):
        calls.append(seed.path)
        return real(seed)

    monkeypatch.setattr(analyse_module, "analyse", spy)
    return calls


def test_second_run_analyses_nothing_and_gives_equal_results(tmp_path, seeds, monkeypatch):
    store = AnalysisCache(tmp_path / "cache")
    first = analyse_all(seeds, store, workers=1)
    calls = _counting(monkeypatch)
    assert analyse_all(seeds, store, workers=1) == first
    assert calls == []


def test_changed_seed_is_reanalysed_alone(tmp_path, seeds, monkeypatch):
    store = AnalysisCache(tmp_path / "cache")
    analyse_all(seeds, store, workers=1)
    path = tmp_path / seeds[2].path
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    changed = [read_seed(p, tmp_path) for p in find_seeds(tmp_path / "seeds")]
    calls = _counting(monkeypatch)
    analyse_all(changed, store, workers=1)
    assert calls == [seeds[2].path]


def test_changed_analysis_code_reanalyses_everything(tmp_path, seeds, monkeypatch):
    analyse_all(seeds, AnalysisCache(tmp_path / "cache"), workers=1)
    monkeypatch.setattr(cache_module, "analysis_fingerprint", lambda: "0" * 64)  # as after an edit of quotes.py
    calls = _counting(monkeypatch)
    analyse_all(seeds, AnalysisCache(tmp_path / "cache"), workers=1)
    assert sorted(calls) == sorted(s.path for s in seeds)


def test_changed_rendering_code_keeps_every_analysis(tmp_path, seeds, monkeypatch):
    analyse_all(seeds, AnalysisCache(tmp_path / "cache"), workers=1)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "0" * 64)  # as after an edit of hubs.py
    calls = _counting(monkeypatch)
    analyse_all(seeds, AnalysisCache(tmp_path / "cache"), workers=1)
    assert calls == []


@pytest.mark.parametrize(
    ("start", "must_cover", "must_not_cover"),
    [
        ("analyse", {"quote_rules.py"}, {"render.py", "hubs.py", "markup.py", "build.py", "mkdocs_hooks.py"}),
        ("build", {"link.py", "hubs.py", "analyse.py"}, {"mkdocs_hooks.py", "parallel_site.py", "feed.py"}),
    ],
)
def test_a_fingerprint_covers_every_module_its_stage_loads(start, must_cover, must_not_cover):
    """`link` is imported inside a function (it pulls numpy in): found from the source all the same."""
    loaded = subprocess.run(
        [sys.executable, "-c", f"import sys, generator.{start}; print(*sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    ours = {m.removeprefix("generator.") + ".py" for m in loaded if m.startswith("generator.")}
    covered = {p.name for p in cache_module._imported_modules(f"{start}.py")}
    assert ours - {"__init__.py"} <= covered
    assert must_cover <= covered and not covered & must_not_cover


def test_cache_can_be_deleted_or_corrupted_at_any_time(tmp_path, seeds):
    store = AnalysisCache(tmp_path / "cache")
    first = analyse_all(seeds, store, workers=1)
    entries = sorted((tmp_path / "cache").rglob("*.pickle"))
    assert len(entries) == len(seeds)
    entries[0].write_bytes(b"not a pickle")
    entries[1].write_bytes(b"")
    shutil.rmtree(entries[2].parent)
    assert analyse_all(seeds, store, workers=1) == first
    shutil.rmtree(tmp_path / "cache")
    assert analyse_all(seeds, store, workers=1) == first


def test_process_pool_gives_the_same_output_as_one_process(tmp_path, seeds, monkeypatch):
    monkeypatch.setattr(cache_module, "PARALLEL_MIN", 1)
    single = analyse_all(seeds, AnalysisCache(None), workers=1)
    pooled = analyse_all(seeds, AnalysisCache(None), workers=2)
    assert pooled == single


def test_briefings_rendered_in_a_pool_equal_those_rendered_in_one_process(tmp_path, monkeypatch):
    planned = build_module.plan(SEEDS)
    monkeypatch.setattr(cache_module, "worker_count", lambda: 1)
    single = build_module.render_all(planned, tmp_path / "briefings").outputs
    monkeypatch.setattr(cache_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(cache_module, "worker_count", lambda: 2)
    pooled = build_module.render_all(planned, tmp_path / "briefings").outputs
    assert list(pooled) == list(single) and pooled == single
    assert len([p for p in pooled if p.parent.name == "briefings"]) == len(planned.briefings) >= 5


def test_hub_pages_made_in_a_forked_process_give_the_plan_of_one_process(monkeypatch):
    monkeypatch.setattr(cache_module, "worker_count", lambda: 1)
    single = build_module.plan(SEEDS)
    monkeypatch.setattr(cache_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(cache_module, "worker_count", lambda: 2)
    forked = build_module.plan(SEEDS)
    assert forked == single
    assert all(b.related for b in forked.briefings) and forked.hubs


def test_an_error_in_the_background_reaches_the_caller(monkeypatch):
    monkeypatch.setattr(cache_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(cache_module, "worker_count", lambda: 2)
    assert cache_module.in_background(sorted, [3, 1, 2], size=3)() == [1, 2, 3]
    wait = cache_module.in_background(int, "not a number", size=3)
    with pytest.raises(ValueError, match="not a number"):
        wait()


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle this")


def _raise_unpicklable():
    raise _Unpicklable("odd failure")


def test_the_background_process_is_another_and_its_whole_result_comes_back(monkeypatch):
    monkeypatch.setattr(cache_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(cache_module, "worker_count", lambda: 2)
    wait = cache_module.in_background(lambda n: (os.getpid(), "x" * n), 3_000_000, size=3)  # > a pipe's buffer
    pid, text = wait()
    assert pid != os.getpid() and len(text) == 3_000_000
    assert wait() == (pid, text)  # asked again, the same
    with pytest.raises(RuntimeError, match="_Unpicklable: odd failure"):
        cache_module.in_background(_raise_unpicklable, size=3)()
    ended = cache_module.in_background(os._exit, 3, size=3)
    for _ in range(2):  # asked again, the same error, without the pipe or the process
        with pytest.raises(RuntimeError, match=r"ended without a result \(status 768, 0 bytes"):
            ended()


@pytest.mark.parametrize("forked", [False, True])
def test_an_error_of_a_job_run_here_is_raised_on_waiting_as_from_a_forked_one(monkeypatch, forked):
    monkeypatch.setattr(cache_module, "PARALLEL_MIN", 1 if forked else 10**6)
    monkeypatch.setattr(cache_module, "worker_count", lambda: 2)
    wait = cache_module.in_background(int, "not a number", size=3)  # nothing raised yet
    for _ in range(2):
        with pytest.raises(ValueError, match="not a number"):
            wait()


@pytest.mark.parametrize("forked", [False, True])
def test_a_state_that_cannot_be_kept_only_warns(project: Path, monkeypatch, capsys, forked):
    monkeypatch.setattr(cache_module, "PARALLEL_MIN", 1 if forked else 10**6)
    monkeypatch.setattr(cache_module, "worker_count", lambda: 2)

    def save_state(*args):
        raise ValueError("no room for it")

    monkeypatch.setattr(cache_module, "save_state", save_state)
    assert _cli_build(project) == 0
    assert "warning: the states of this build were not kept for the next one: no room for it" in capsys.readouterr().err
    assert _outputs(project) == _fresh_outputs(project)
    assert not _temp_files(project)


def _cli_build(project: Path, *extra: str) -> int:
    args = [f"--{name}={project / name}" for name in ("seeds", "briefings", "docs")]
    return main(["build", *args, f"--cache={project / 'cache'}", "--timings", *extra])


def _outputs(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for folder in ("briefings", "docs") for p in (project / folder).rglob("*.md")}


def test_unchanged_rerun_takes_the_manifest_fast_path(project: Path, capsys):
    assert _cli_build(project) == 0
    first = _outputs(project)
    capsys.readouterr()
    assert _cli_build(project) == 0
    timings = capsys.readouterr().err
    assert "compare" in timings and "analyse" not in timings and "render" not in timings
    assert _outputs(project) == first
    assert _cli_build(project, "--check") == 0


def test_a_hand_edited_briefing_defeats_the_fast_path_and_is_restored(project: Path, capsys):
    assert _cli_build(project) == 0
    first = _outputs(project)
    victim = sorted((project / "briefings").glob("*.md"))[0]
    victim.write_text(victim.read_text(encoding="utf-8").replace("title:", "title: edited by hand", 1))
    capsys.readouterr()
    assert _cli_build(project, "--check") == 1
    assert _cli_build(project) == 0
    assert "render" in capsys.readouterr().err
    assert _outputs(project) == first


def test_seed_errors_are_still_reported_on_the_fast_path(project: Path, capsys):
    (project / "seeds" / "empty.txt").write_text(" \n")
    assert _cli_build(project) == 0
    capsys.readouterr()
    assert _cli_build(project, "--strict") == 1
    err = capsys.readouterr().err
    assert "compare" in err and "error: seeds/empty.txt: empty file" in err


def test_a_changed_generator_defeats_the_fast_path(project: Path, capsys, monkeypatch):
    assert _cli_build(project) == 0
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "1" * 64)
    capsys.readouterr()
    assert _cli_build(project) == 0
    assert "analyse" in capsys.readouterr().err


def test_only_briefings_whose_inputs_changed_are_rendered_again(project: Path, monkeypatch):
    assert _cli_build(project) == 0
    victim = sorted((project / "briefings").glob("*.md"))[1]
    victim.write_text("edited by hand\n", encoding="utf-8")  # defeats the fast path for this file only
    rendered: list[str] = []
    real = build_module.render_briefing

    def spy(b, pages):
        rendered.append(b.slug)
        return real(b, pages)

    monkeypatch.setattr(build_module, "render_briefing", spy)
    assert _cli_build(project) == 0
    assert rendered == [victim.stem]
    reused = _outputs(project)
    monkeypatch.setattr(build_module, "render_briefing", real)
    assert main(["build", *(f"--{n}={project / n}" for n in ("seeds", "briefings", "docs")), "--no-cache"]) == 0
    assert _outputs(project) == reused  # reading back equals rendering afresh


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_bar_only_for_a_person_at_a_terminal_on_a_long_build():
    assert cache_module.show_progress(_Stream(True), {}, 5_000)
    assert not cache_module.show_progress(_Stream(True), {"CI": "true"}, 5_000)  # quiet in CI
    assert not cache_module.show_progress(_Stream(False), {}, 5_000)  # quiet when piped or logged
    assert not cache_module.show_progress(_Stream(True), {}, 5)  # a short build needs none


def test_entries_of_an_older_generator_are_dropped(tmp_path, seeds, monkeypatch):
    analyse_all(seeds[:1], AnalysisCache(tmp_path / "cache"), workers=1)
    (old,) = (tmp_path / "cache").iterdir()
    monkeypatch.setattr(cache_module, "analysis_fingerprint", lambda: "2" * 64)
    analyse_all(seeds[:1], AnalysisCache(tmp_path / "cache"), workers=1)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["2" * 16]
    assert not old.exists()


def _settled_at_once(monkeypatch) -> None:
    """Trust signatures of files changed just before the build (in use, they must be 0.1 s old)."""
    monkeypatch.setattr(unchanged, "SETTLE_NS", 0)
    monkeypatch.setattr(unchanged, "FINE_SETTLE_NS", 0)


def _reads(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = build_module.read_seed

    def spy(path, *args):
        calls.append(Path(path).name)
        return real(path, *args)

    monkeypatch.setattr(build_module, "read_seed", spy)
    return calls


def test_a_rebuild_reads_only_the_seed_that_changed(project: Path, monkeypatch):
    _settled_at_once(monkeypatch)
    assert _cli_build(project) == 0
    assert _cli_build(project) == 0  # records signatures of what it read to check
    victim = sorted((project / "seeds").glob("*.txt"))[2]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    reads = _reads(monkeypatch)
    assert _cli_build(project) == 0
    assert reads == [victim.name]
    after = _outputs(project)
    assert main(["build", *(f"--{n}={project / n}" for n in ("seeds", "briefings", "docs")), "--no-cache"]) == 0
    assert _outputs(project) == after  # the same as a build that read everything


def _spy_read_back(monkeypatch) -> list[str]:
    read_back: list[str] = []
    real = manifest_module.read_text
    monkeypatch.setattr(manifest_module, "read_text", lambda path: read_back.append(str(path)) or real(path))
    return read_back


def _stamp_manifest(project: Path, ns: int) -> None:
    """Set the manifest's modification time: as if it had been written at `ns`."""
    os.utime(project / "cache" / manifest_module.NAME, ns=(ns, ns))


def test_outputs_a_build_wrote_are_trusted_by_the_next_without_reading_them(project: Path, monkeypatch):
    """Relative to the manifest written after them, not to the build's start: the first edit after
    a full build does not read back every briefing and hub page."""
    assert _cli_build(project) == 0
    stamp = (project / "cache" / manifest_module.NAME).stat().st_mtime_ns
    written = [p.stat() for p in _outputs(project)]
    assert written and all(max(w.st_mtime_ns, w.st_ctime_ns) <= stamp for w in written)  # written after them
    _stamp_manifest(project, time.time_ns() + 1_000_000_000)  # a tick after the last output, surely
    victim = sorted((project / "seeds").glob("*.txt"))[2]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    read_back = _spy_read_back(monkeypatch)
    assert _cli_build(project) == 0
    assert read_back == []
    after = _outputs(project)
    assert main(["build", *(f"--{n}={project / n}" for n in ("seeds", "briefings", "docs")), "--no-cache"]) == 0
    assert _outputs(project) == after


def test_an_output_changed_in_the_tick_the_manifest_was_written_is_read_back(project: Path, monkeypatch):
    """git's racy case: an edit the build could not see, in the same tick of the clock as its
    manifest, leaves the file's signature as recorded; only its time tells, and it is read."""
    assert _cli_build(project) == 0
    first = _outputs(project)
    victim = sorted((project / "briefings").glob("*.md"))[0]
    victim.write_text(victim.read_text(encoding="utf-8").replace("title:", "TITLE:", 1), encoding="utf-8")
    saved = manifest_module.load(project / "cache")
    assert saved is not None
    sig = unchanged.of(victim)
    assert sig is not None
    forged = {**saved.stats, str(victim): sig}  # as if the edit came before the build's last look
    manifest_module.save(project / "cache", dataclasses.replace(saved, stats=forged))
    _stamp_manifest(project, max(sig[1], sig[2]))
    read_back = _spy_read_back(monkeypatch)
    assert _cli_build(project) == 0
    assert str(victim) in read_back
    assert _outputs(project) == first


def test_an_unread_seed_whose_analysis_is_gone_is_read_after_all(project: Path, monkeypatch):
    _settled_at_once(monkeypatch)
    assert _cli_build(project) == 0
    first = _outputs(project)
    for entry in (project / "cache").rglob("*.pickle"):
        entry.unlink()  # the manifest stays: seeds are known unchanged, their analyses are not there
    (project / "docs" / "index.md").write_text("edited by hand\n", encoding="utf-8")  # so the build runs
    reads = _reads(monkeypatch)
    assert _cli_build(project) == 0
    assert sorted(reads) == sorted(p.name for p in (project / "seeds").glob("*.txt"))
    assert _outputs(project) == first


def test_an_edit_that_keeps_size_and_modification_time_is_still_found(project: Path, monkeypatch):
    """The change time (ctime) moves on every write and no tool can set it back."""
    _settled_at_once(monkeypatch)
    assert _cli_build(project) == 0
    assert _cli_build(project) == 0
    first = _outputs(project)
    victim = sorted((project / "briefings").glob("*.md"))[0]
    text, info = victim.read_text(encoding="utf-8"), victim.stat()
    victim.write_text(text.replace("title:", "TITLE:", 1), encoding="utf-8")  # same size
    os.utime(victim, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert _cli_build(project, "--check") == 1
    assert _cli_build(project) == 0
    assert _outputs(project) == first


def test_a_signature_is_trusted_only_once_its_file_had_settled(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text("text\n")
    sig = unchanged.of(path)
    assert sig is not None and unchanged.of(tmp_path) is None  # a folder has none
    changed_at, settle = max(sig[1], sig[2]), unchanged.settle_ns(sig)
    assert unchanged.same(list(sig), sig, changed_at + settle + 1)
    assert not unchanged.same(list(sig), sig, changed_at + settle)  # it may change again unseen
    assert not unchanged.same([*sig[:-1], sig[-1] + 1], sig, changed_at + 10 * settle)
    assert not unchanged.same(None, sig, changed_at + 10 * settle)


def test_times_kept_to_the_millisecond_or_coarser_must_settle_longer():
    fine = (5, 1_700_000_000_123_456_789, 1_700_000_000_123_456_789, 1, 1)
    fat = (5, 1_700_000_000_000_000_000, 1_700_000_000_000_000_000, 1, 1)  # 2 s steps
    ms = (5, 1_700_000_000_123_000_000, 1_700_000_000_123_456_789, 1, 1)  # one of the two in ms
    assert unchanged.settle_ns(fine) == unchanged.FINE_SETTLE_NS < unchanged.SETTLE_NS
    assert unchanged.settle_ns(fat) == unchanged.settle_ns(ms) == unchanged.SETTLE_NS
    assert not unchanged.same(list(fat), fat, fat[1] + unchanged.FINE_SETTLE_NS + 1)


def test_forked_map_keeps_order_and_hands_the_shared_data_through_the_fork():
    unpicklable = {"scale": lambda x: 10 * x}  # a lambda cannot be pickled: it must come through the fork

    def work(shared, item):
        return shared["scale"](item)

    items = list(range(50))
    assert cache_module.forked_map(work, items, unpicklable, workers=2) == [10 * i for i in items]
    assert cache_module.forked_map(work, items, unpicklable, workers=1) == [10 * i for i in items]


def test_once_a_rerun_has_checked_every_file_the_next_reads_none(project: Path, monkeypatch):
    """A build's own outputs are too recent to trust by signature at the next run, which reads them
    and records them anew; the run after reads nothing at all."""
    _settled_at_once(monkeypatch)
    assert _cli_build(project) == 0
    assert _cli_build(project) == 0
    opened: list[Path] = []
    real = manifest_module.read_text
    monkeypatch.setattr(manifest_module, "read_text", lambda path: opened.append(path) or real(path))
    seeds_read = _reads(monkeypatch)
    assert _cli_build(project) == 0
    assert opened == [] and seeds_read == []


def test_a_few_changed_seeds_analysed_in_a_forked_process_while_the_rest_load(tmp_path, seeds, monkeypatch):
    store = AnalysisCache(tmp_path / "cache")
    first = analyse_all(seeds, store, workers=1)
    path = tmp_path / seeds[1].path
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    changed = [read_seed(p, tmp_path) for p in find_seeds(tmp_path / "seeds")]
    monkeypatch.setattr(cache_module, "PARALLEL_MIN", 2)  # one to analyse, four to load: forked
    monkeypatch.setattr(cache_module, "worker_count", lambda: 2)
    forked = analyse_all(changed, store)
    assert forked == analyse_all(changed, AnalysisCache(None), workers=1)
    assert forked[1] != first[1] and forked[2:] == first[2:]


def test_a_rebuild_links_from_the_kept_state_which_can_be_corrupt_or_gone(project: Path, monkeypatch):
    """The link state is only a cache: an edited seed links the same from it, from garbage, and
    from nothing; and linking from it hands `relate` the last build's state."""
    assert _cli_build(project) == 0
    (state,) = (project / "cache").glob("link-*.pickle")
    victim = sorted((project / "seeds").glob("*.txt"))[2]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n\nTalks resumed in Istanbul on Monday.\n")
    handed: list[object] = []
    real = link_module.relate

    def spy(analyses, slugs, names=None, last=None):
        handed.append(last)
        return real(analyses, slugs, names, last)

    monkeypatch.setattr(link_module, "relate", spy)
    assert _cli_build(project) == 0
    assert isinstance(handed[-1], link_module.LinkState) and len(handed[-1].rows) == 5
    linked = _outputs(project)
    for broken in (b"not a pickle", None):
        if broken is None:
            state.unlink()
        else:
            state.write_bytes(broken)
        (project / "briefings" / sorted(p.name for p in (project / "briefings").glob("*.md"))[0]).unlink()
        assert _cli_build(project) == 0
        assert handed[-1] is None
        assert _outputs(project) == linked
    monkeypatch.undo()
    assert main(["build", *(f"--{n}={project / n}" for n in ("seeds", "briefings", "docs")), "--no-cache"]) == 0
    assert _outputs(project) == linked


def test_loading_analyses_pauses_the_collector_and_restores_it(tmp_path, seeds):
    import gc

    store = AnalysisCache(tmp_path / "cache")
    analyse_all(seeds, store, workers=1)
    assert gc.isenabled()
    gc.disable()
    analyse_all(seeds, store, workers=1)
    assert not gc.isenabled()  # a caller that had it off keeps it off
    gc.enable()


def test_a_link_state_is_kept_by_a_forked_process_and_only_for_the_same_generator(project: Path, monkeypatch):
    monkeypatch.setattr(cache_module, "PARALLEL_MIN", 1)  # kept in a forked process, as at 10,000 seeds
    assert _cli_build(project) == 0
    state = cache_module.load_state(project / "cache", "link")
    assert isinstance(state, link_module.LinkState) and len(state.rows) == 5
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "2" * 64)
    assert cache_module.load_state(project / "cache", "link") is None


def _temp_files(project: Path) -> list[Path]:
    return sorted(p for folder in ("briefings", "docs") for p in (project / folder).rglob(".*.tmp"))


def test_briefings_written_by_the_render_workers_equal_those_written_here(project: Path, monkeypatch):
    assert main(["build", *(f"--{n}={project / n}" for n in ("seeds", "briefings", "docs")), "--no-cache"]) == 0
    here = _outputs(project)
    shutil.rmtree(project / "briefings")
    monkeypatch.setattr(cache_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(cache_module, "worker_count", lambda: 2)
    assert _cli_build(project) == 0
    assert _outputs(project) == here and not _temp_files(project)
    victim = sorted((project / "seeds").glob("*.txt"))[1]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n\nTalks resumed in Istanbul on Monday.\n")
    assert _cli_build(project) == 0  # one briefing rendered, compared and replaced by a worker
    assert not _temp_files(project)
    edited = _outputs(project)
    assert main(["build", *(f"--{n}={project / n}" for n in ("seeds", "briefings", "docs")), "--no-cache"]) == 0
    assert _outputs(project) == edited


@pytest.mark.parametrize("where", ["hub pages", "a render worker", "a hub process", "linking"])
def test_a_build_that_fails_changes_nothing_and_leaves_no_temporary_file(project: Path, monkeypatch, where):
    assert _cli_build(project) == 0
    before = _outputs(project)
    for seed in sorted((project / "seeds").glob("*.txt")):  # every briefing to render again
        seed.write_text(seed.read_text(encoding="utf-8") + "\n\nTalks resumed in Istanbul on Monday.\n")
    monkeypatch.setattr(cache_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(cache_module, "worker_count", lambda: 2)
    if where == "hub pages":
        monkeypatch.setattr(build_module, "with_hub_pages", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    elif where == "a hub process":  # the listings' process spools its pages, the entities' one fails
        monkeypatch.setattr(hubs_module, "entity_pages", lambda *a: 1 / 0)
    elif where == "linking":  # once the hub pages' process, started before, has spooled some

        def relate(*args):
            deadline = time.monotonic() + 60
            while not _temp_files(project) and time.monotonic() < deadline:
                time.sleep(0.01)
            raise OSError("linking failed")

        monkeypatch.setattr(link_module, "relate", relate)
    else:
        real = build_module.render_briefing
        monkeypatch.setattr(
            build_module, "render_briefing", lambda b, p: real(b, p) if not b.slug.startswith("us-") else 1 / 0
        )
    with pytest.raises((OSError, ZeroDivisionError)):
        _cli_build(project)
    assert _outputs(project) == before
    assert not _temp_files(project)


def test_seeds_read_by_forked_processes_equal_those_read_here(tmp_path, monkeypatch):
    """Good and hostile seeds alike: the same seeds, errors and signatures, in the same order."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    for path in (Path(__file__).parent / "hostile").iterdir():
        shutil.copy(path, tmp_path / "seeds" / path.name)
    alone = build_module.read_seeds(tmp_path / "seeds")
    monkeypatch.setattr(build_module, "READ_APART", 1)
    monkeypatch.setattr(cache_module, "worker_count", lambda: 2)
    assert build_module.read_seeds(tmp_path / "seeds") == alone
    assert alone.errors and len(alone.seeds) > 5


def _hub_pages_made(monkeypatch) -> list[int]:
    made: list[int] = []
    real = hubs_module.hub_pages

    def spy(briefings, pages, names=None):
        made.append(len(briefings))
        return real(briefings, pages, names)

    monkeypatch.setattr(hubs_module, "hub_pages", spy)
    monkeypatch.setattr(cache_module, "PARALLEL_MIN", 10**6)  # here, where the spy sees it
    return made


def _fresh_outputs(project: Path) -> dict[Path, bytes]:
    """What a build from scratch makes of the same seeds, in a copy of the project."""
    fresh = project.parent / f"{project.name}-fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("cache", "briefings"))
    for page in (fresh / "docs").rglob("*.md"):
        if hubs_module.GENERATED_NOTE in page.read_text(encoding="utf-8"):
            page.unlink()
    assert main(["build", *(f"--{n}={fresh / n}" for n in ("seeds", "briefings", "docs")), "--no-cache"]) == 0
    return {project / p.relative_to(fresh): p.read_bytes() for p in _outputs(fresh)}


def test_hub_pages_are_kept_when_no_change_shows_on_them_and_remade_when_one_does(project: Path, monkeypatch):
    assert _cli_build(project) == 0
    made = _hub_pages_made(monkeypatch)

    def hub_pages_made_by_a_build() -> bool:
        before = len(made)
        assert _cli_build(project) == 0
        return len(made) > before

    seed = sorted((project / "seeds").glob("*.txt"))[1]
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text + "\n\nOne added closing paragraph.\n", encoding="utf-8")
    assert not hub_pages_made_by_a_build()  # a paragraph with no quote, name or date shows on no hub page
    assert _outputs(project) == _fresh_outputs(project)
    said = '\n\n"We will talk when the time comes," said Dmitry Peskov, the Kremlin spokesman.\n'
    seed.write_text(text + said, encoding="utf-8")
    assert hub_pages_made_by_a_build()
    assert _outputs(project) == _fresh_outputs(project)
    (project / "docs" / "timeline.md").write_text("edited by hand\n", encoding="utf-8")
    assert hub_pages_made_by_a_build()  # the key is the same, but a page no longer holds what was written
    assert _outputs(project) == _fresh_outputs(project)


def test_a_corrupt_or_truncated_manifest_only_makes_the_build_run_in_full(project: Path, capsys):
    assert _cli_build(project) == 0
    first = _outputs(project)
    saved = project / "cache" / manifest_module.NAME
    whole = saved.read_bytes()
    for broken in (b"", b"not marshal data", whole[: len(whole) // 2], whole[:-1] + b"\xff"):
        saved.write_bytes(broken)
        assert manifest_module.load(project / "cache") is None
        capsys.readouterr()
        assert _cli_build(project) == 0
        assert "render" in capsys.readouterr().err  # not the fast path
        assert _outputs(project) == first


def test_the_command_exits_fast_but_a_profiler_still_writes_its_results(project: Path):
    args = ["-m", "generator", "build", "--cache", str(project / "cache")]
    fast = subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True)
    assert fast.returncode == 0 and "files up to date or written" in fast.stderr  # flushed before the exit
    stats = project / "build.prof"
    profiled = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), *args], cwd=project)
    assert profiled.returncode == 0 and stats.stat().st_size > 0


def test_a_rebuild_after_one_edit_does_without_numpy_and_scipy(project: Path):
    """Their import took longer than linking and comparing one changed seed (0.17 s)."""
    assert _cli_build(project) == 0
    victim = sorted((project / "seeds").glob("*.txt"))[1]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nTalks resumed in Istanbul on Monday.\n", encoding="utf-8")
    args = [f"--{n}={project / n}" for n in ("seeds", "briefings", "docs", "cache")]
    code = "import sys; from generator.cli import main; code = main(sys.argv[1:]); "
    code += "print(code, *sorted(m for m in sys.modules if m.split('.')[0] in ('numpy', 'scipy')))"
    run = subprocess.run([sys.executable, "-c", code, "build", *args], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["0"], run.stderr
    assert f"wrote: {project / 'briefings'}" in run.stderr  # it did rebuild


def _retitled(project: Path) -> None:
    """A new title for one seed: every briefing that links to it is rendered again."""
    seed = project / "seeds" / "001_005434a369a56622.txt"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("a Real Openness to Peace Negotiations", "Any Real Openness to Peace Talks", 1))


def test_a_rebuild_loads_the_analyses_without_their_text_and_renders_with_it(project: Path, monkeypatch):
    assert _cli_build(project) == 0
    (heads,) = (project / "cache").glob("heads-*.pickle")
    handed: list[list] = []
    real_relate, real_render = link_module.relate, build_module.render_briefing

    def relate(analyses, *args):
        handed.append(analyses)
        return real_relate(analyses, *args)

    rendered: list[bool] = []

    def render(b, pages):
        rendered.append(b.analysis.text_omitted is None and bool(b.analysis.document.paragraphs))
        return real_render(b, pages)

    monkeypatch.setattr(link_module, "relate", relate)
    monkeypatch.setattr(build_module, "render_briefing", render)
    _retitled(project)
    assert _cli_build(project) == 0
    assert all(a.text_omitted is not None and not a.document.paragraphs for a in handed[-1])
    assert len(rendered) > 1 and all(rendered)
    assert _outputs(project) == _fresh_outputs(project)
    for broken in (b"not a pickle", None):  # the heads are a cache too
        heads.unlink()
        if broken is not None:
            heads.write_bytes(broken)
        (project / "docs" / "index.md").write_text("edited by hand\n", encoding="utf-8")  # so the build runs
        assert _cli_build(project) == 0
        assert _outputs(project) == _fresh_outputs(project)


def test_the_text_comes_back_from_the_seed_when_its_cached_analysis_is_gone(project: Path, monkeypatch):
    assert _cli_build(project) == 0
    for entry in (project / "cache").glob("*/*/*.pickle"):
        entry.unlink()  # the analyses, not the heads kept beside them
    assert list((project / "cache").glob("heads-*.pickle"))
    analysed = _counting(monkeypatch)
    _retitled(project)
    assert _cli_build(project) == 0
    assert "seeds/001_005434a369a56622.txt" in analysed and len(analysed) > 1
    assert _outputs(project) == _fresh_outputs(project)


def test_an_analysis_without_its_text_is_neither_rendered_nor_viewed_without_it(tmp_path, seeds):
    store = AnalysisCache(tmp_path / "cache")
    full = analyse_all(seeds[:1], store, workers=1)[0]
    lean = cache_module.without_text(full)
    assert not lean.document.paragraphs and not lean.document.removed
    assert lean.text_omitted == duplicates_module.text_size(full)
    assert lean.text_omitted.words == sum(len(p.text.split()) for p in full.document.paragraphs) > 0
    assert store.text(None, lean) == full
    briefing = Briefing("a-slug", lean, ())
    with pytest.raises(ValueError, match="rendered from an analysis with its text"):
        build_module.render_briefing(briefing, {})
    undescribed = {"Someone Else": "Someone Else"}  # a form the analysis gives no description of
    with pytest.raises(ValueError, match="needs the article's text"):
        hubs_module.hub_view(briefing, undescribed)
    viewed = hubs_module.hub_view(briefing, undescribed, functools.partial(store.text, None))
    assert viewed == hubs_module.hub_view(Briefing("a-slug", full, ()), undescribed)
    assert viewed.analysis.document.paragraphs == full.document.paragraphs
    shutil.rmtree(tmp_path / "cache")
    (tmp_path / "seeds" / Path(full.seed.path).name).write_text("Changed meanwhile.\n", encoding="utf-8")
    read = functools.partial(build_module._read_now, tmp_path / "seeds")
    with pytest.raises(ValueError, match="the seed changed"):
        AnalysisCache(tmp_path / "cache").text(read, lean)


def test_the_store_a_process_pool_is_handed_is_its_folder_alone(tmp_path, seeds):
    """A pool pickles it with every chunk of seeds: the paths it worked out stay behind."""
    store = AnalysisCache(tmp_path / "cache")
    small = len(pickle.dumps(store))
    analyse_all(seeds, store, workers=1)
    assert all(store.holds(seed) for seed in seeds)
    assert len(pickle.dumps(store)) == small
    again = pickle.loads(pickle.dumps(store))
    assert again.folder == store.folder and all(again.get(seed) is not None for seed in seeds)
