"""Quotes stage: direct quotations in the body and who said them.

A wrong attribution is the worst error the product can make, so a speaker is only given
when a speech verb ties a name (or a pronoun resolved to one) to the quote's sentence.
"""

from __future__ import annotations

import re

from .model import Paragraph, Quote

SPEECH_VERBS = (
    "said|says|told|tells|added|adds|wrote|writes|tweeted|tweets|asked|asks|stated|states|"
    "declared|declares|noted|notes|explained|explains|argued|argues|warned|warns|insisted|"
    "insists|continued|replied|responded|claimed|claims|announced|posted|commented|predicted"
)
NAME = r"(?:[A-Z][\w’'.-]+(?:\s+(?:[A-Z][\w’'.-]+|de|van|von|bin|al))*|the\s+[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*)"
PRONOUNS = {"he", "she", "they", "it"}

_QUOTE = re.compile(r"“([^”“]+)(”|$)|\"([^\"]+)(\"|$)")
_AFTER = re.compile(
    rf"^\W*(?:(?P<pron>he|she|they|it)|(?P<name>{NAME}))(?:,[^,]{{3,120}},)?\s+(?:{SPEECH_VERBS})\b"
    rf"|^\W*(?:{SPEECH_VERBS})\s+(?P<name2>{NAME})",
    re.I,
)
_BEFORE = re.compile(
    rf"(?P<name>{NAME})(?:,\s*(?P<role>[^,]{{3,120}}),)?\s+(?:{SPEECH_VERBS})\b[^“\"]*$"
    rf"|(?P<pron>\b(?:he|she|they))\s+(?:{SPEECH_VERBS})\b[^“\"]*$",
)
_ROLE_PREFIX = re.compile(
    r"^(?P<role>(?:[A-Z][\w.-]*\s+){0,4}?(?:spokesman|spokeswoman|spokesperson|president|minister|"
    r"secretary general|secretary|adviser|advisor|chancellor|senator|ambassador|director|chief)"
    r")\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+)+)$",
    re.I,
)
_STOP_NAMES = {"The", "But", "And", "In", "On", "As", "If", "It", "This", "That", "Still", "Despite"}


def _split_name_role(raw: str) -> tuple[str, str | None]:
    raw = raw.strip()
    if m := _ROLE_PREFIX.match(raw):
        return m.group("name"), m.group("role")
    return raw, None


def _fullest(name: str, known: list[str]) -> str:
    """Resolve a surname ("Charap") to the fullest name the article gives ("Samuel Charap")."""
    last = name.split()[-1]
    for full in sorted(known, key=len, reverse=True):
        if full.split()[-1] == last and len(full) >= len(name):
            return full
    return name


def _sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause before the quote (from the previous sentence end) and after it (to the next)."""
    before = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", text[:start])[-1]
    after = re.split(r"(?<=[.!?])\s+", text[end:], maxsplit=1)[0]
    return before, after


def extract_quotes(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> list[Quote]:
    """Every direct quotation of three words or more, attributed where the text says who."""
    found: list[tuple[int, Quote]] = []
    known: list[str] = []
    last_speaker: str | None = None
    order = 0
    for para in paragraphs:
        for match in _QUOTE.finditer(para.text):
            text = (match.group(1) or match.group(3) or "").strip()
            if len(text.split()) < 3:
                continue
            before, after = _sentence_around(para.text, match.start(), match.end())
            speaker = role = None
            if m := _AFTER.match(after):
                if m.group("pron"):
                    speaker = last_speaker
                else:
                    speaker, role = _split_name_role(m.group("name") or m.group("name2"))
            elif m := _BEFORE.search(before):
                if m.group("pron"):
                    speaker = last_speaker
                else:
                    speaker, role = _split_name_role(m.group("name"))
                    role = m.group("role") or role
            if speaker and speaker.split()[0] in _STOP_NAMES and not speaker.lower().startswith("the "):
                speaker = None
            if speaker:
                speaker = _fullest(speaker, known)
                if " " in speaker:
                    known.append(speaker)
                last_speaker = speaker
            found.append((order, Quote(text, speaker, role, False, para.anchor)))
            order += 1
    ranked = sorted(found, key=lambda oq: (oq[1].speaker is None, -len(oq[1].text.split()), oq[0]))
    out = []
    for rank, (_, q) in enumerate(ranked):
        key = q.speaker is not None and rank < 5 and len(q.text.split()) >= 6
        out.append(Quote(q.text, q.speaker, q.role, key, q.anchor))
    return out
