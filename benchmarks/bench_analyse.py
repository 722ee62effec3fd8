"""Per-article analysis speed (issue 9): milliseconds per article for each stage of `analyse()`.

Reads the 924 articles of ../shared/eval/polnear-direct-quotes.train-dev.jsonl as seeds (never
copied into the project; prints a message and exits 0 when it is absent), and runs the stages of
`generator.analyse.analyse` one by one over them in this one process (no pool, no cache), once,
as a pool worker would: each article seen once, after the first 20 warm the lazy word lists and
gazetteer. CPU time, so other work on the machine disturbs it less. `--profile N` prints the N
hottest functions of a cProfile run of `analyse()` instead.

Usage: python benchmarks/bench_analyse.py [--limit N] [--profile N]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.analyse import analyse
from generator.clean import clean
from generator.dates import extract_dates
from generator.duplicates import paragraph_keys
from generator.entities import described, extract_entities
from generator.ingest import read_seed
from generator.model import SeedFile
from generator.quotes import extract_quotes
from generator.summarise import lead, summarise
from generator.terms import term_counts

T = TypeVar("T")

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear-direct-quotes.train-dev.jsonl"


def load_seeds(limit: int | None) -> list[SeedFile]:
    """The articles as seeds read by the ingest stage, from a scratch folder."""
    with DATA.open(encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh][:limit]
    seeds = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for a in articles:
            path = root / f"{a['id']}.txt"
            path.write_text(a["article_text"], encoding="utf-8")
            seed = read_seed(path, root)
            if isinstance(seed, SeedFile):
                seeds.append(seed)
    return seeds


def _timed(totals: dict[str, float], name: str, stage: Callable[..., T], *args: object) -> T:
    start = time.process_time()
    result = stage(*args)
    totals[name] = totals.get(name, 0.0) + time.process_time() - start
    return result


def stage_times(seeds: list[SeedFile]) -> dict[str, float]:
    """Seconds per stage over all seeds, in `analyse()`'s order."""
    totals: dict[str, float] = {}
    for seed in seeds:
        document = _timed(totals, "clean", clean, seed)
        quotes = _timed(totals, "quotes", extract_quotes, document.paragraphs)
        entities = _timed(totals, "entities", extract_entities, document.paragraphs, quotes)
        summary, _ = _timed(totals, "summary", summarise, document)
        _timed(totals, "lead", lead, document, summary)
        _timed(totals, "dates", extract_dates, document.paragraphs)
        _timed(totals, "terms", term_counts, document)
        _timed(totals, "keys", paragraph_keys, document)
        _timed(totals, "described", described, document.paragraphs, entities, quotes)
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--profile", type=int, metavar="N", help="print the N hottest functions instead")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"bench_analyse: {DATA} not found; skipped")
        return 0
    seeds = load_seeds(args.limit)
    for seed in seeds[:20]:  # warm-up: lazy word lists and gazetteers load once per process
        analyse(seed)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for seed in seeds:
            analyse(seed)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
        return 0
    seconds = stage_times(seeds)
    print(f"analysis of {len(seeds)} polnear articles, single process, CPU time")
    print(f"{'stage':<12}{'ms/article':>12}")
    for name, spent in seconds.items():
        print(f"{name:<12}{1000 * spent / len(seeds):>12.2f}")
    print(f"{'total':<12}{1000 * sum(seconds.values()) / len(seeds):>12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
