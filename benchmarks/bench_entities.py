"""People lists against the speakers of ../shared/eval/polnear-direct-quotes.train-dev.jsonl.

Run: python benchmarks/bench_entities.py   (exits 0 with a note when the data is absent)

For every article, entities are extracted from the text alone (no quotes given, so speakers
are no help) and each gold speaker that is a named person ("Cruz", "Hillary Clinton"; not a
pronoun, not an organisation) is looked up: found among the people (by surname), or wrongly
listed as a place or an organisation. Reported per split.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.entities import clean_speaker, extract_entities, is_organization, person_key
from generator.model import Paragraph

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear-direct-quotes.train-dev.jsonl"


def gold_name(speaker: str) -> str:
    """The name in a gold speaker: "Bruce Haynes, a GOP strategist" → "Bruce Haynes"; no possessive."""
    speaker = re.split(r",|\s+(?:of|from|who|in)\s+", speaker)[0]
    return re.sub(r"[’']s?$", "", speaker.strip())


def main() -> None:
    if not DATA.is_file():
        print(f"skipped: {DATA} not found")
        return
    stats: dict[str, Counter[str]] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        paras = tuple(
            Paragraph(f"p{i + 1}", t.strip()) for i, t in enumerate(row["article_text"].split("\n\n")) if t.strip()
        )
        entities = extract_entities(paras, [])
        surnames = {person_key(p)[1] for p in entities.people}
        wrong = set(entities.places) | set(entities.organizations)
        c = stats.setdefault(row["split"], Counter())
        c["people listed"] += len(entities.people)
        for q in row["quotes"]:
            name = clean_speaker(gold_name(q["speaker"] or ""))
            if q["speaker_is_pronoun"] or not name or is_organization(name, speaker=True) or not name[0].isupper():
                continue
            c["gold person speakers"] += 1
            if person_key(name)[1] in surnames:
                c["found as person"] += 1
            if name in wrong or name.split()[-1] in wrong:
                c["listed as place or organisation"] += 1
    for split in sorted(stats):
        c = stats[split]
        gold = c["gold person speakers"] or 1
        print(
            f"{split}: {c['gold person speakers']} named person speakers; found as person "
            f"{c['found as person'] / gold:.1%}; listed as place or organisation "
            f"{c['listed as place or organisation'] / gold:.1%}; {c['people listed']} people listed"
        )


if __name__ == "__main__":
    main()
