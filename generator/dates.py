"""Dates stage: sentences of the article that name a date, for the timeline.

Only what the text says: a day, month and year give YYYY-MM-DD; a month and year give YYYY-MM;
a year after "in", "since", "early" and the like gives YYYY. A day and month without a year
are kept with the year unknown ("--MM-DD", ISO 8601's own form), never given a guessed year.
Numeric forms such as 12/11/2023 are skipped: day-first or month-first cannot be told apart.
"""

from __future__ import annotations

import datetime as dt
import re

from .clean import MONTHS
from .model import DatedStatement, Paragraph
from .sentences import split_sentences

_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
_YEAR = r"(?P<{g}>(?:19|20)\d{{2}})\b"
_DATE = re.compile(
    # December 25, 2023 · Dec. 25 · December 25th
    rf"\b{_MONTH.format(g='m1')}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR.format(g='y1')})?"
    # 25 December 2023 · 25 December
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.format(g='m2')}(?:,?\s+{_YEAR.format(g='y2')})?"
    # December 2023 · February of 2022
    rf"|\b{_MONTH.format(g='m3')}\s+(?:of\s+)?{_YEAR.format(g='y3')}"
    # 2023-12-25
    r"|\b(?P<iso>(?:19|20)\d{2}-[01]\d-[0-3]\d)\b"
    # in 2023 · since 2014 · early 2023 · by mid-2024
    r"|\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]hrough|[Ee]arly|[Ll]ate|[Mm]id-|[Ss]pring|[Ss]ummer|[Aa]utumn|"
    rf"[Ff]all|[Ww]inter|[Ee]nd\s+of)\s*(?:of\s+)?{_YEAR.format(g='y4')}(?!\s+[a-z]+s\b)"  # not "in 2000 cases"
    # holidays with a fixed date
    r"|\b(?P<holiday>Christmas Day|Christmas Eve|New Year’s Day|New Year's Day|New Year’s Eve|New Year's Eve)"
    rf"(?:,?\s+{_YEAR.format(g='y5')})?"
)
_DIGIT = re.compile(r"\d")
_HOLIDAY_WORDS = ("Christmas", "New Year")
"""The holidays of `_DATE` start with one of these."""
HOLIDAYS = {
    "Christmas Day": (12, 25),
    "Christmas Eve": (12, 24),
    "New Year’s Day": (1, 1),
    "New Year's Day": (1, 1),
    "New Year’s Eve": (12, 31),
    "New Year's Eve": (12, 31),
}


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 February without a year is valid
    except ValueError:
        return False
    return True


def _normalise(m: re.Match[str]) -> str | None:
    """The date a match names, as precise as the text: YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD."""
    if m.group("iso"):
        y, mo, d = (int(x) for x in m.group("iso").split("-"))
        return m.group("iso") if _valid(y, mo, d) else None
    if m.group("y4"):
        return m.group("y4")
    if m.group("holiday"):
        month, day = HOLIDAYS[m.group("holiday")]
        year = m.group("y5")
    else:
        name = m.group("m1") or m.group("m2") or m.group("m3")
        month = MONTHS[name.rstrip(".").lower()]
        year = m.group("y1") or m.group("y2") or m.group("y3")
        day_text = m.group("d1") or m.group("d2")
        if not day_text:
            return f"{year}-{month:02d}"
        day = int(day_text)
    if not _valid(int(year) if year else None, month, day):
        return None
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _may_name_a_date(sentence: str) -> bool:
    """Every date shape has a digit, but for a holiday: a quick test before the slow search."""
    return bool(_DIGIT.search(sentence)) or any(map(sentence.__contains__, _HOLIDAY_WORDS))


def find_dates(sentence: str) -> list[str]:
    """Every date the sentence names, in order, each once."""
    out: list[str] = []
    if not _may_name_a_date(sentence):
        return out
    for m in _DATE.finditer(sentence):
        date = _normalise(m)
        if date and date not in out:
            out.append(date)
    return out


def extract_dates(paragraphs: tuple[Paragraph, ...]) -> tuple[DatedStatement, ...]:
    """Each sentence that names a date, once per date, in reading order."""
    out: list[DatedStatement] = []
    for para in paragraphs:
        if not _may_name_a_date(para.text):  # then none of its sentences can: it is not split
            continue
        for sentence in split_sentences(para.text):
            if dates := find_dates(sentence):  # nineteen sentences in twenty name none
                out += [DatedStatement(date, sentence, para.anchor) for date in dates]
    return tuple(out)
