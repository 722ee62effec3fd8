"""Quote extraction and attribution on real news: PolNeAR direct quotes (train and dev).

Reads ../shared/eval/polnear-direct-quotes.train-dev.jsonl (never copied into the project);
prints a message and exits 0 when it is absent. For each split it reports:

- coverage: gold quotes of three words or more of which at least half the characters (the
  words inside the marks, located in the article) lie inside the character spans of one
  extracted quote;
- named-speaker accuracy: among covered quotes whose gold source is a name (the head word of the
  source span is capitalised: "Sen. Patty Murray, a negotiator", not "the Florida senator"),
  the share whose extracted speaker's surname (last word) is one of the source span's words;
  the same over every non-pronoun source is shown beside it (descriptions such as "a NY1
  representative" count there, and the product rightly leaves most of them unattributed);
  beside them, how often a given speaker is right, and how many named sources get none;
- milliseconds per article for `extract_quotes`.

Usage: python benchmarks/bench_quotes.py [--split train|dev] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.model import Paragraph
from generator.quotes import extract_quotes

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear-direct-quotes.train-dev.jsonl"
NOT_NAMES = {"the", "a", "an", "his", "her", "its", "their", "this", "that", "one", "some", "i"}


def paragraphs_of(article: str) -> tuple[list[Paragraph], list[int]]:
    """Blank-line separated paragraphs, as `Paragraph("p{i}", text)`, with each one's offset."""
    paras, offsets = [], []
    for m in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", article):
        text = m.group(0)
        stripped = text.strip()
        if stripped:
            paras.append(Paragraph(f"p{len(paras) + 1}", stripped))
            offsets.append(m.start() + text.index(stripped))
    return paras, offsets


def gold_spans(article: str, text: str) -> list[tuple[int, int]]:
    """Character spans of a gold quote's words in the article (a gold quote may be several pieces)."""
    spans = []
    pos = 0
    for piece in re.split(r"(?<=[”\"])\s+(?=[“\"])", text):
        inner = piece.strip().strip('“”"').strip()
        if not inner:
            continue
        at = article.find(inner, pos)
        if at < 0:
            at = article.find(inner)
        if at < 0:
            continue
        spans.append((at, at + len(inner)))
        pos = at + len(inner)
    return spans


def extracted_spans(article: str, paras: list[Paragraph], offsets: list[int], quote) -> set[int]:
    """Character positions an extracted quote covers, found from its paragraph onwards."""
    index = int(quote.anchor[1:]) - 1
    covered: set[int] = set()
    pos = offsets[index]
    for part in (quote.text, *quote.continued):
        at = article.find(part, pos)
        if at < 0:
            continue
        covered.update(range(at, at + len(part)))
        pos = at + len(part)
    return covered


def is_name(source: str) -> bool:
    """A source span that names someone: its head word (before any comma or clause) is capitalised.

    "Sen. Patty Murray, a chief negotiator" and "the Washington Post" are names; "the former
    Florida governor" and "a NY1 representative" are descriptions.
    """
    head = re.split(r",|\s(?:who|which|of|with|from|at|in|for|on|during|after)\s", source.strip())[0]
    words = [w for w in re.findall(r"[\w’'.-]+", head) if w.lower() not in NOT_NAMES]
    return bool(words) and words[-1][:1].isupper()


SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def surname_matches(speaker: str | None, source: str) -> bool:
    """The extracted speaker's surname (last word, not "Jr.") is one of the source span's words."""
    if not speaker:
        return False
    tokens = [t for t in speaker.split() if t.lower() not in SUFFIXES] or speaker.split()
    last = re.sub(r"[’']s$", "", tokens[-1]).strip(".,").lower()
    words = {re.sub(r"[’']s$", "", w).lower() for w in re.findall(r"[\w’'.-]+", source)}
    words |= {w.strip(".") for w in words}
    given = source.strip().strip(",")
    return last in words or (len(tokens) > 1 and given == tokens[0])  # "Hillary" for Hillary Clinton


def evaluate(rows: list[dict], errors: int) -> dict[str, float]:
    gold_total = covered = named_total = named_right = nonpron_total = nonpron_right = given = given_right = 0
    elapsed = 0.0
    shown = 0
    for row in rows:
        article = row["article_text"]
        paras, offsets = paragraphs_of(article)
        start = time.perf_counter()
        quotes = extract_quotes(paras)
        elapsed += time.perf_counter() - start
        spans = [(q, extracted_spans(article, paras, offsets, q)) for q in quotes]
        for gold in row["quotes"]:
            inner_words = gold["text"].strip('“”" ').split()
            if len(inner_words) < 3:
                continue
            g = gold_spans(article, gold["text"])
            chars = {i for a, b in g for i in range(a, b)}
            if not chars:
                continue
            gold_total += 1
            best, best_share = None, 0.0
            for q, cover in spans:
                share = len(chars & cover) / len(chars)
                if share > best_share:
                    best, best_share = q, share
            if best_share < 0.5:
                if shown < errors:
                    shown += 1
                    print(f"MISSED [{row['id']}] {gold['text'][:120]!r}")
                continue
            covered += 1
            source = gold["speaker"] or ""
            if gold["speaker_is_pronoun"] or not source.strip():
                continue
            right = surname_matches(best.speaker, source)
            nonpron_total += 1
            nonpron_right += right
            if is_name(source):
                named_total += 1
                named_right += right
                given += best.speaker is not None
                given_right += right and best.speaker is not None
                if not right and shown < errors:
                    shown += 1
                    print(f"WRONG [{row['id']}] gold={source!r} got={best.speaker!r} :: {best.text[:100]!r}")
    return {
        "articles": len(rows),
        "gold quotes": gold_total,
        "coverage": covered / max(gold_total, 1),
        "named-speaker accuracy": named_right / max(named_total, 1),
        "named sources": named_total,
        "precision when a speaker is given": given_right / max(given, 1),
        "left unattributed": 1 - given / max(named_total, 1),
        "non-pronoun accuracy": nonpron_right / max(nonpron_total, 1),
        "ms per article": 1000 * elapsed / max(len(rows), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["train", "dev"], action="append")
    parser.add_argument("--errors", type=int, default=0, help="print up to N missed or misattributed quotes")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"bench_quotes: {DATA} not found; skipping (the benchmark data is not part of the project).")
        return 0
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"bench_quotes: PolNeAR direct quotes from {DATA}")
    for split in args.split or ["train", "dev"]:
        result = evaluate([r for r in rows if r["split"] == split], args.errors)
        figures = "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items())
        print(f"{split}: {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
