"""Scale benchmark (issue 9): generator and MkDocs timings at ~1,000 and 10,000 articles.

Corpora, written under a temporary folder, never into the project:
- `polnear`: the 924 real articles of ../shared/eval/polnear-direct-quotes.train-dev.jsonl as seeds;
- `synthetic-10k`: 10,000 articles made from them deterministically (each a third of three
  articles' paragraphs, a name swapped), so that texts differ while staying news-like.

For each corpus, in one run: generator full build (empty cache); re-run with nothing changed;
re-run with one seed changed (right after, when the seed edited has not settled and outputs the
run before wrote in its last clock tick are read back, and again seconds later, as an editor's
later edit finds them) and with one seed added, each the best of three; MkDocs build of the
result; peak memory of each; the generator's time per stage; search index and page weight.
Prints a table. Usage:
`python benchmarks/bench_scale.py [--only polnear|synthetic-10k] [--keep DIR]`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.unchanged import SETTLE_NS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "polnear-direct-quotes.train-dev.jsonl"
SWAP_NAMES = [
    ("Trump", "Hartwell"),
    ("Clinton", "Okafor"),
    ("Obama", "Lindqvist"),
    ("Sanders", "Moreau"),
    ("Cruz", "Takahashi"),
    ("Rubio", "Castellanos"),
    ("Bush", "Novak"),
    ("Carson", "Adeyemi"),
]

_RUNNER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - start
peak_kb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, 0)
kept = [line for line in code.stderr.splitlines() if line.startswith("timings:") or "rendering in" in line]
sys.stderr.write("".join(line + chr(10) for line in kept) + code.stderr[-4000:])
print(f"{wall:.3f} {peak_kb} {code.returncode}")
"""


def load_articles() -> list[dict]:
    with DATA.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def write_polnear(articles: list[dict], seeds: Path) -> None:
    seeds.mkdir(parents=True)
    for a in articles:
        (seeds / f"{a['id']}.txt").write_text(a["article_text"], encoding="utf-8")


def _pick(i: int, salt: str, n: int) -> int:
    return int(hashlib.sha256(f"{i}:{salt}".encode()).hexdigest(), 16) % n


def write_synthetic(articles: list[dict], seeds: Path, count: int) -> None:
    """Article i takes a third of the paragraphs of each of three source articles chosen by hash,
    and swaps one politician's name: no two share most of their text (the generator would
    rightly build such near-duplicates once), yet every paragraph is real news prose."""
    seeds.mkdir(parents=True)
    paragraphs = [[p for p in a["article_text"].split("\n") if p.strip()] for a in articles]
    n = len(articles)
    for i in range(count):
        sources = [paragraphs[_pick(i, salt, n)] for salt in ("a", "b", "c")]
        mixed = [p for k, source in enumerate(sources) for p in source[k::3]]
        old, new = SWAP_NAMES[i % len(SWAP_NAMES)]
        text = "\n\n".join(mixed).replace(old, new)
        (seeds / f"synthetic-{i:05d}.txt").write_text(f"Sample {i}: {text}", encoding="utf-8")


def measure(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB (largest process), stderr of `cmd`."""
    run = subprocess.run(
        [sys.executable, "-c", _RUNNER, *cmd], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    wall, peak_kb, code = run.stdout.split()
    if code != "0":
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}\n{run.stderr}")
    return float(wall), int(peak_kb) / 1024, run.stderr


def site_config(project: Path) -> None:
    """An mkdocs.yml for the corpus that inherits the project's and points at its folders."""
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("people", "organizations"))
    listed = re.findall(r"^\s+- (generator/\S+\.py)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    hooks = [str(ROOT / h) for h in listed]  # the project's hooks, by absolute path
    lines = [f"INHERIT: {ROOT / 'mkdocs.yml'}", "docs_dir: docs", "site_dir: site", "hooks:"]
    lines += [f"  - {h}" for h in hooks]
    (project / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


RERUNS = 3
BEST = f", best of {RERUNS}"


def best_of(runs: list[tuple[float, float, str]]) -> tuple[float, str, str]:
    """(fastest run's seconds, the others' seconds and the highest peak memory as text, its
    stderr) of `measure` results."""
    best = min(runs)
    others = ", ".join(f"{r[0]:.2f}" for r in runs if r is not best)
    return best[0], f" (others {others} s), peak {max(r[1] for r in runs):.0f} MB", best[2]


def stage_times(stderr: str) -> str:
    for line in stderr.splitlines():
        if line.startswith("timings:"):
            return line.removeprefix("timings:").strip()
    return "n/a"


def site_split(stderr: str) -> str:
    """What `parallel_site` logs: pages read (in the main process) and how many render them."""
    found = re.search(r"Read (\d+) pages in ([\d.]+) s; rendering in (\d+) processes", stderr)
    return f"{found[1]} pages read in {found[2]} s, rendered in {found[3]} processes" if found else "n/a"


def targets(full: float, site: float, reruns: tuple[float, float], peak_mb: float, index_per_briefing: float) -> str:
    """The issue's targets, each with ✓ or ✗ (the 3-minute whole build is meant for 10,000 articles);
    `reruns`: the larger share of the full build of the re-runs right after it, and of those later."""
    checks = [
        (f"generator ≤ 0.5× MkDocs ({full / site:.2f})", full <= 0.5 * site),
        (f"re-runs right after ≤ 0.1× full ({reruns[0]:.2f})", reruns[0] <= 0.1),
        (f"re-runs once outputs settled ≤ 0.1× full ({reruns[1]:.2f})", reruns[1] <= 0.1),
        (f"whole < 180 s ({full + site:.0f} s)", full + site < 180),
        (f"peak < 2 GB ({peak_mb:.0f} MB)", peak_mb < 2048),
        (f"index ≤ ~10 KB/briefing ({index_per_briefing / 1e3:.1f})", index_per_briefing <= 10_500),
    ]
    return "; ".join(f"{label} {'✓' if ok else '✗'}" for label, ok in checks)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_corpus(name: str, project: Path, seeds_count: int) -> list[tuple[str, str]]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    gen = [sys.executable, "-m", "generator", "build", "--seeds", "seeds", "--briefings", "briefings"]
    gen += ["--docs", "docs", "--timings"]
    rows: list[tuple[str, str]] = []
    shutil.copytree(project / "docs", project / ".docs-as-written")
    runs = []
    for _ in range(2):  # best of two, from the same start: this machine's speed drifts by a fifth
        for made in ("briefings", ".cache", "docs"):
            shutil.rmtree(project / made, ignore_errors=True)
        shutil.copytree(project / ".docs-as-written", project / "docs")
        runs.append(measure(gen, project, env))
    (full, full_mb, err), other = min(runs), max(runs)[0]
    label = "generator full build (empty cache), best of 2"
    rows.append((label, f"{full:.1f} s (other {other:.1f} s), peak {full_mb:.0f} MB  [{stage_times(err)}]"))
    # each re-run is the best of RERUNS of its kind (three edits, three added seeds), as the full
    # build is the best of two: a single run here can take half as long again as the next
    same, others, err = best_of([measure(gen, project, env) for _ in range(RERUNS)])
    rows.append(("re-run, nothing changed" + BEST, f"{same:.2f} s ({same / full:.2f}× full){others}"))
    victim = sorted((project / "seeds").glob("*.txt"))[seeds_count // 2]

    def edited(n: int) -> tuple[float, float, str]:
        text = victim.read_text(encoding="utf-8")
        victim.write_text(text + f"\n\nAdded closing paragraph number {n}.\n", encoding="utf-8")
        return measure(gen, project, env)

    def rerun(label: str, seconds: float, others: str, err: str) -> None:
        rows.append((label + BEST, f"{seconds:.2f} s ({seconds / full:.2f}× full){others}  [{stage_times(err)}]"))

    one, others, err = best_of([edited(n) for n in range(RERUNS)])
    rerun("re-run, one seed changed", one, others, err)

    def added(n: int) -> tuple[float, float, str]:
        model = sorted((project / "seeds").glob("*.txt"))[seeds_count // 4 + n]  # a new text each time
        text = model.read_text(encoding="utf-8").replace(" the ", " a ")
        (project / "seeds" / f"zz-added-{n}.txt").write_text(text + f"\n\nAdded seed number {n}.\n", encoding="utf-8")
        return measure(gen, project, env)

    more, others, err = best_of([added(n) for n in range(RERUNS)])
    rerun("re-run, one seed added", more, others, err)

    def edited_later(n: int) -> tuple[float, float, str]:
        # the runs above follow each other at once: an output written in the same tick of the clock
        # as the manifest is read back, and a seed must be FINE_SETTLE_NS old (SETTLE_NS where the
        # file system keeps coarse times) for its signature to count; an editor's edit usually
        # comes later
        time.sleep(SETTLE_NS / 1e9 + 1)
        measure(gen, project, env)  # finds every output it reads back settled, and records it
        return edited(RERUNS + n)

    settled, others, err = best_of([edited_later(n) for n in range(RERUNS)])
    rerun("re-run, one seed changed, outputs settled", settled, others, err)
    runs = [measure([sys.executable, "-m", "mkdocs", "build"], project, env) for _ in range(2)]
    (site, site_mb, err), other = min(runs), max(runs)[0]
    result = f"{site:.1f} s (other {other:.1f} s), peak {site_mb:.0f} MB; generator/MkDocs = {full / site:.2f}"
    rows.append(("MkDocs build, best of 2", result))
    rows.append(("MkDocs: pages read, processes", site_split(err)))
    rows.append(("whole build (generator + MkDocs)", f"{full + site:.1f} s, peak {max(full_mb, site_mb):.0f} MB"))
    rows.append(("whole rebuild, one seed changed, cache kept", f"{one + site:.1f} s"))
    index = (project / "site" / "search" / "search_index.json").stat().st_size
    pages = len(list((project / "briefings").glob("*.md")))
    rows.append(("search index", f"{index / 1e6:.1f} MB = {index / pages / 1e3:.1f} KB per briefing"))
    page = next((project / "site" / "briefings").glob("*/index.html")).stat().st_size
    rows.append(("site size", f"{folder_size(project / 'site') / 1e6:.0f} MB; one briefing page {page / 1e3:.0f} KB"))
    reruns = (max(same, one) / full, max(same, settled) / full)
    rows.append(("targets", targets(full, site, reruns, max(full_mb, site_mb), index / pages)))
    return [(f"{name}: {label}", value) for label, value in rows]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["polnear", "synthetic-10k"])
    parser.add_argument("--keep", type=Path, help="build here and keep the corpora (default: a temporary folder)")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"bench_scale: skipped, {DATA} is absent")
        return 0
    articles = load_articles()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    rows: list[tuple[str, str]] = []
    try:
        for name, count in (("polnear", len(articles)), ("synthetic-10k", 10_000)):
            if args.only and args.only != name:
                continue
            project = base / name
            shutil.rmtree(project, ignore_errors=True)
            started = time.perf_counter()
            if name == "polnear":
                write_polnear(articles, project / "seeds")
            else:
                write_synthetic(articles, project / "seeds", count)
            site_config(project)
            print(f"{name}: {count} seeds written in {time.perf_counter() - started:.1f} s", flush=True)
            rows += bench_corpus(name, project, count)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    width = max(len(label) for label, _ in rows)
    print(f"\n{'measure'.ljust(width)} | result\n{'-' * width}-|-------")
    for label, value in rows:
        print(f"{label.ljust(width)} | {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
