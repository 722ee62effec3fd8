"""Dates stage: sentences of the article that name a date, for the timeline.

Only what the text says: a date with a year gives YYYY-MM-DD; a month and year gives YYYY-MM;
a day and month without a year is kept with its year unknown (never a guessed year).
"""

from __future__ import annotations

import re

from .clean import MONTHS
from .model import DatedStatement, Paragraph
from .sentences import split_sentences

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
_DATE = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d{{2}})\b)?"
    rf"|\b(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')}(?:\s+(?P<year2>(?:19|20)\d{{2}})\b)?"
    rf"|\b{_MONTH.replace('month', 'month3')}\s+(?P<year3>(?:19|20)\d{{2}})\b"
)


def _normalise(m: re.Match[str]) -> str:
    month_name = (m.group("month") or m.group("month2") or m.group("month3")).rstrip(".").lower()
    month = MONTHS[month_name]
    year = m.group("year") or m.group("year2") or m.group("year3")
    day = m.group("day") or m.group("day2")
    if year and day:
        return f"{year}-{month:02d}-{int(day):02d}"
    if year:
        return f"{year}-{month:02d}"
    return f"----{month:02d}-{int(day):02d}"  # year unknown: ISO 8601's own form for it


def extract_dates(paragraphs: tuple[Paragraph, ...]) -> tuple[DatedStatement, ...]:
    """Each sentence that names a date, once per date, in reading order."""
    out: list[DatedStatement] = []
    seen: set[tuple[str, str]] = set()
    for para in paragraphs:
        for sentence in split_sentences(para.text):
            for m in _DATE.finditer(sentence):
                date = _normalise(m)
                if (date, sentence) in seen:
                    continue
                seen.add((date, sentence))
                out.append(DatedStatement(date, sentence, para.anchor))
    return tuple(out)
