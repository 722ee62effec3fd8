"""Speed of the link stage (related briefings) on synthetic analyses; needs no eval data.

Run: python benchmarks/bench_link.py [N ...]   (default 1000 and 5000 briefings)

Each synthetic briefing has a body of Zipf-distributed words, a few speakers and people from a
pool that grows with N, places and quotes, so the similarity matrix is as sparse or dense as a
real corpus of that size would make it. Prints seconds for `resolve_names` and `relate`, then for
linking again from the returned state after one article changed (checked against linking afresh).
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.entities import resolve_names
from generator.link import relate
from generator.model import Analysis, Document, Entities, Paragraph, Quote, SeedFile

FIRST = ["Anna", "Boris", "Carla", "Dmitry", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas", "Kasia", "Luca"]
SYLLABLES = ["ko", "va", "ren", "li", "mat", "su", "dor", "pel"]
LAST = ["Ivanov", "Novak", "Kowalski", "Moreau", "Rossi", "Schmidt", "Petrov", "Horvat", "Lindqvist", "Varga"]


def synthetic(n: int, seed: int = 7) -> list[Analysis]:
    rng = random.Random(seed)
    vocab = [f"word{i}" for i in range(20_000)]
    weights = [1 / (i + 1) for i in range(len(vocab))]
    # distinct surnames for distinct people: a surname suffix of letters, never digits
    suffixes = ["", *("".join(SYLLABLES[int(d)] for d in oct(k)[2:]) for k in range(1, n))]
    people = [f"{FIRST[i % len(FIRST)]} {LAST[i // 12 % len(LAST)]}{suffixes[i // 120]}" for i in range(n // 5 + 50)]
    places = [f"Place{i}" for i in range(200)]
    out = []
    for k in range(n):
        words = rng.choices(vocab, weights, k=600)
        paras = tuple(Paragraph(f"p{j + 1}", " ".join(words[j * 100 : (j + 1) * 100])) for j in range(6))
        named = sorted(set(rng.sample(people, 6)))
        quotes = tuple(Quote(f"quote {k} {j} words here", named[j], None, True, "p1") for j in range(3))
        doc = Document(f"Title {k}", False, "Outlet", None, None, None, paras)
        seed_file = SeedFile(f"seeds/{k:05d}.txt", "0" * 64, "text", "", {})
        ents = Entities(tuple(named), (), tuple(sorted(set(rng.sample(places, 4)))))
        out.append(Analysis(seed_file, doc, (), "extracted", "", quotes, ents, (), ()))
    return out


def main(sizes: list[int]) -> None:
    for n in sizes:
        analyses = synthetic(n)
        slugs = [f"briefing-{k:05d}" for k in range(n)]
        t0 = time.perf_counter()
        names = resolve_names(analyses)
        t1 = time.perf_counter()
        related, state = relate(analyses, slugs, names)
        t2 = time.perf_counter()
        linked = sum(1 for r in related if r)
        edited = list(analyses)  # one article now names the people and places of another
        other = analyses[n // 3]
        edited[n // 2] = replace(edited[n // 2], entities=other.entities, quotes=other.quotes)
        edited[n // 2] = replace(edited[n // 2], seed=replace(edited[n // 2].seed, sha256="1" * 64))
        names = resolve_names(edited)
        t3 = time.perf_counter()
        again, _ = relate(edited, slugs, names, state)
        t4 = time.perf_counter()
        afresh, _ = relate(edited, slugs, names)
        t5 = time.perf_counter()
        same = "same as afresh" if again == afresh else "DIFFERS from afresh"
        print(
            f"n={n}: resolve_names {t1 - t0:.2f} s, relate {t2 - t1:.2f} s, {linked}/{n} briefings with related; "
            f"one article changed: relate from the last state {t4 - t3:.2f} s ({same}), afresh {t5 - t4:.2f} s"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
