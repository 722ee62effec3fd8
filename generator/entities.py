"""Entities stage: people, organisations and places named in the article, and one name per entity.

Rules, not a model. A capitalised span is an organisation when it has an organisation head word
or is a known one; a place when `gazetteer` (GeoNames countries, big cities, US states) knows it;
a person only on evidence: a role word before it ("Kremlin spokesman Dmitry Peskov"), a quote
it speaks, or a full name whose surname the article then uses alone ("Samuel Charap" … "Charap
said"). Across articles, `resolve_names` merges spellings of one name ("Putin", "Vladimir V.
Putin"; "Sergey"/"Sergei" Lavrov) only where the evidence is strong, and never two people who
share a surname but not a first name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from . import gazetteer
from .model import Analysis, Entities, Paragraph, Quote

ORG_HEADS = frozenset(
    """
    Council Institute Ministry Department Agency Corporation Corp University School Party
    Committee Army Navy Forces Union Organization Organisation Bank Fund Service Office
    Commission Parliament Congress Senate Assembly Court Foundation Association Group Times
    Post Monitor Journal News Network Television Press Center Centre Administration Alliance
    Company Inc Ltd Kremlin Pentagon Studies Academy Command Guard Duma Rada Cabinet Bureau Club
    """.split()
)
"""Words that make a capitalised span an organisation wherever they stand in it."""

KNOWN_ORGS = frozenset(
    """
    NATO ISW TASS Reuters CNN BBC Kremlin Pentagon UN EU RAND Fox Izvestia Gazprom OSCE IAEA
    AFP AP RIA Interfax Wagner G7 G20 IMF WHO
    """.split()
)
ORG_PHRASES = frozenset({"White House", "State Department", "Department of State", "Downing Street"})

ROLE_WORDS = frozenset(
    """
    president minister chancellor secretary spokesman gov spokeswoman spokesperson adviser advisor
    ambassador senator gen general prime mr mrs ms dr prof ceo analyst historian leader host
    personality governor mayor commander director chief envoy head premier pope king queen
    prince lawmaker official diplomat reporter correspondent economist professor sen rep aide
    anchor co-anchor chairman chairwoman chair judge speaker strategist pollster manager
    commissioner advocate filmmaker author columnist editor founder co-founder candidate nominee
    congressman congresswoman sheriff justice attorney lawyer activist executive vice capt lt
    col sgt adm maj cpl rival
    """.split()
)
"""Words (folded to lower case, full stop dropped) just before a name that mark it as a person's."""

TITLE_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "st", "lt", "col", "gov"})

STOP_STARTS = frozenset(
    """
    The A An And But If In On At As Of For To By With From After Before During While When
    Where What Why How Who This That These Those It Its His Her Their Our We They He She I
    Still Despite Even Such Many Some Most Other Another Yet Then Both Either Neither Each
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Russian Ukrainian American
    Western Soviet European Christmas Executive Publication Volume Issue Source Regardless
    Alternatively Meanwhile Nevertheless Earlier Senior Former Notably Instead Inside Through
    Putting Talk Polls Signals Kyiv Moscow French German British Chinese Polish US U.S. UK
    Republican Democratic Democrat Kremlin-controlled Read Share Photo Days Hi
    """.split()
)
"""Words dropped from the start of a span: sentence openers, months, days, adjectives of nation."""

NOT_NAMES = frozenset(
    """
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Day God West East North
    South Tribunal Avatar Reporter News Feed More Share Read Advertisement Russophobia
    """.split()
)
"""Capitalised words that are never part of a person's name."""

PLACE_SPELLINGS = {"Kiev": "Kyiv", "Odessa": "Odesa", "Kharkov": "Kharkiv", "Lvov": "Lviv", "Donbass": "Donbas"}
"""Transliterations of one place, each to the spelling the site uses."""

UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
"""Capital letters that can open a name: ASCII and Latin with diacritics ("Łukasz", "Émile")."""
_SPAN = re.compile(rf"[{UPPER}](?<!\w.)[\w’'.-]*(?:\s+(?:of\s+the\s+|of\s+|de\s+|for\s+the\s+)?[{UPPER}][\w’'.-]*)*")
"""A run of capitalised words. The word boundary before it is tested after its first capital (no
word character before that capital), so that `re` scans for a capital instead of trying a match
at every position."""
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$")
_POSSESSIVE = re.compile(r"[’']s?$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_ACRONYM_USE = re.compile(r"\(([A-Z]{2,6})\)")
_LONG_NAME = re.compile(r"((?:[A-Z][\w’'-]*\s+)(?:(?:of|for|the|and)\s+|[A-Z][\w’'-]*\s+){1,8})$")
ACRONYM_WINDOW = 120
"""Characters before "(ISW)" searched for the name it abbreviates."""


@cache
def _places() -> frozenset[str]:
    names = set(gazetteer.places())
    names.update(PLACE_SPELLINGS)
    names.update(PLACE_SPELLINGS.values())
    names.update({"Crimea", "Europe", "Africa", "Asia", "South America", "Black Sea", "Tula", "Washington"})
    names.update({"United States", "Russia", "Ukraine", "Kazakhstan"})
    return frozenset(names - ORG_PHRASES)


# The word tests below are cached: every capitalised span of every paragraph asks them, mostly
# about the same few hundred words.


def _fold(word: str) -> str:
    return word.rstrip(".").lower()


@lru_cache(maxsize=1 << 16)
def _is_role(word: str) -> bool:
    return _fold(word) in ROLE_WORDS


@lru_cache(maxsize=1 << 16)
def _name_token(token: str) -> bool:
    """A word that can be part of a person's name ("Putin", "O’Brien", "McCarthy", "Jean-Claude",
    "Łukasz"), or an initial; not an acronym ("NATO") or a number."""
    if _INITIAL.match(token):
        return True
    return (
        len(token) > 1 and token[0].isupper() and token[-1].islower() and all(c.isalpha() or c in "’'-" for c in token)
    )


def _pieces(span: str) -> tuple[tuple[str, ...], ...]:
    """Split a capitalised span where a word ends a sentence ("Moscow. Kremlin. Putin") or is possessive."""
    out: list[list[str]] = [[]]
    for token in span.split():
        possessive = token.endswith(("’s", "'s"))
        word = _POSSESSIVE.sub("", token) if possessive else token
        out[-1].append(word)
        ends_sentence = (
            word.endswith(".")
            and not _INITIAL.match(word)
            and not _DOTTED_ACRONYM.match(word)
            and _fold(word) not in TITLE_ABBREVIATIONS
        )
        if ends_sentence:
            out[-1][-1] = word.rstrip(".")
        if ends_sentence or possessive:
            out.append([])
    return tuple(tuple(p) for p in out if p)


def acronyms(paragraphs: Iterable[Paragraph]) -> dict[str, str]:
    """Acronyms the article defines: "Institute for the Study of War (ISW)" gives ISW → the long name."""
    out: dict[str, str] = {}
    for para in paragraphs:
        if "(" not in para.text:
            continue
        for m in _ACRONYM_USE.finditer(para.text):
            acr = m.group(1)
            before = _LONG_NAME.search(para.text[max(0, m.start() - ACRONYM_WINDOW) : m.start()])
            if not before:
                continue
            words = before.group(1).split()
            # the shortest tail of capitalised words whose initials spell the acronym
            for start in range(len(words)):
                tail = words[start:]
                if tail[0][0].isupper() and "".join(w[0] for w in tail if w[0].isupper()) == acr:
                    out[acr] = " ".join(tail)
                    break
    return out


def clean_speaker(speaker: str) -> str:
    """A speaker as a name: no leading "the" or role words, no trailing lower-case words."""
    tokens = speaker.split()
    if tokens and tokens[0].lower() in {"the", "a", "an"}:
        tokens = tokens[1:]
    roles = [
        i for i, t in enumerate(tokens[:-1]) if _is_role(t) and (i + 1 < len(tokens) and tokens[i + 1][:1].isupper())
    ]
    if roles and all(_name_token(t) for t in tokens[roles[-1] + 1 :]):
        tokens = tokens[roles[-1] + 1 :]
    while tokens and not tokens[-1][:1].isupper():
        tokens = tokens[:-1]
    return " ".join(tokens).strip(" ,.;:")


@lru_cache(maxsize=1 << 16)
def is_organization(name: str, speaker: bool = False) -> bool:
    """Known, or named with an organisation head word; a speaker may also be a bare acronym ("the ISW")."""
    tokens = name.split()
    # the head word ends the name ("RAND Corporation") or is followed by its object
    # ("School of Advanced International Studies"); "Senate Democrat Dianne Feinstein" is a person
    headed = any(
        t in ORG_HEADS and (i == len(tokens) - 1 or tokens[i + 1] in {"of", "for"}) for i, t in enumerate(tokens)
    )
    return name in KNOWN_ORGS or name in ORG_PHRASES or headed or (speaker and bool(re.fullmatch(r"[A-Z]{2,6}", name)))


SPEECH_WORDS = frozenset("said says told added wrote asked argued noted tweeted explained".split())
"""Words of speech that, right before or after a full name, show it is a person's."""
_SAID_AFTER = re.compile(r"^\s+(?:said|says|told|added|wrote|tweeted|argued|noted|explained)\b")
_APPOSITION = re.compile(r"^,\s+(?:\d{1,3},|(?:a|an|the|his|her|who)\s|[A-Z][\w’'-]*’s\s)")
ORG_NOUNS = frozenset(
    """
    newspaper agency channel group company outlet site website magazine network firm organisation
    organization party broadcaster station publication daily weekly tabloid program programme
    show think-tank tank bank fund union coalition movement
    """.split()
)
"""Nouns of an apposition that describe an organisation, not a person ("Novaya Gazeta, an independent newspaper")."""
APPOSITION_WINDOW = 80


def _speech_or_apposition(text: str, end: int) -> bool:
    """A speech verb or a person's apposition right after a name that ends at `end` (-1: none follows)."""
    after = text[end : end + APPOSITION_WINDOW] if end >= 0 else ""
    return bool(_SAID_AFTER.match(after)) or _described_after(after)


def _described_after(after: str) -> bool:
    """ "Samuel Charap, a Russia analyst at …" or "Renee Gold, 83, of Sarasota": a person's apposition."""
    if not _APPOSITION.match(after):
        return False
    words = re.findall(r"[a-z-]+", after.split(",")[1] if after.count(",") > 1 else after)
    return not ORG_NOUNS.intersection(words)


OPENERS = frozenset(
    """
    The A An And But If In On At As Of For To By With From After Before During While When Now
    Though Although However Also Then So Yet Even Only Just Among Like Unlike Under Over Since
    Until Without Within Against Across Around Behind Beyond Why How What Where Who Here There
    """.split()
)
"""Sentence openers: dropped before a span is looked up as an organisation or place, and never
the start of a role phrase."""


@dataclass
class _Found:
    """What one article's spans have shown so far (used only inside `extract_entities`)."""

    defined: dict[str, str]
    candidates: Counter[str] = field(default_factory=Counter)
    evidence: set[str] = field(default_factory=set)
    singles: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)

    def record(self, kind: str, name: str) -> None:
        """Record an organisation or a place `_kind` found."""
        if kind == "org":
            self.orgs.add(self.defined.get(name, name))
        else:
            self.places.add(PLACE_SPELLINGS.get(name, name))

    def record_fixed(self, reading: _SpanReading) -> None:
        """Record the organisations and places a span names whatever surrounds it."""
        for kind, name in reading.fixed:
            self.record(kind, name)

    def piece(self, reading: _SpanReading, prev: str, text: str, end: int) -> None:
        """Classify one capitalised span read by `_read_span`; `prev` is the word before it, and
        `text[end:]` what follows it (`end` is -1 for a piece that a sentence end or possessive cut off)."""
        self.record_fixed(reading)
        if not reading.name:
            return
        if reading.prev is not None:
            prev = reading.prev
        if reading.kind and not (_is_role(prev) and len(reading.name) == 1):
            self.record(reading.kind, reading.span)
            return
        if reading.candidate:
            span = reading.span
            self.candidates[span] += 1
            if len(reading.name) == 1:
                self.singles.add(span)
            if _is_role(prev) or (
                len(reading.name) >= 2 and (prev.lower() in SPEECH_WORDS or _speech_or_apposition(text, end))
            ):
                self.evidence.add(span)

    def speaker(self, speaker: str) -> None:
        name = clean_speaker(speaker)
        if not name:
            return
        if is_organization(name, speaker=True) or name in self.orgs:
            self.orgs.add(self.defined.get(name, name))
        elif all(_name_token(t) for t in name.split()) and name not in _places():
            self.candidates[name] += 1
            self.evidence.add(name)


def _kind(name: str) -> str | None:
    """ "org" for an organisation, "place" for a place, None for neither."""
    if name in ORG_PHRASES or is_organization(name):
        return "org"
    return "place" if name in _places() else None


@dataclass(frozen=True)
class _SpanReading:
    """What a capitalised span is by its words alone (`_read_span`); `_Found.piece` applies it
    with the word before it and the text after it."""

    fixed: tuple[tuple[str, str], ...]  # (`_kind`, name) of organisations and places it names
    name: tuple[str, ...]  # the words left for a name; none when the span is taken whole or used up
    span: str  # those words as one name
    prev: str | None  # the word before them when the span gives it (an opener, a role word)
    kind: str | None  # `_kind` of the name, taken unless it is one word after a role word
    candidate: bool  # the name can be a person's


@lru_cache(maxsize=1 << 13)
def _read_span(tokens: tuple[str, ...]) -> _SpanReading:
    """`_Found.piece` as far as the span's own words decide it. Cached, like `_pieces`."""
    prev = None
    while tokens and tokens[0] in OPENERS:
        prev, tokens = tokens[0], tokens[1:]
    roles = [i for i, t in enumerate(tokens) if _is_role(t)]
    if not tokens:
        return _SpanReading((), (), "", prev, None, False)
    if not roles and (kind := _kind(" ".join(tokens))):
        return _SpanReading(((kind, " ".join(tokens)),), (), "", prev, None, False)
    fixed: list[tuple[str, str]] = []
    while tokens and tokens[0] in STOP_STARTS:
        prev, tokens = tokens[0], tokens[1:]
    roles = [i for i, t in enumerate(tokens) if _is_role(t)]
    if roles:  # "NATO Secretary General Jens Stoltenberg": what comes before the role is not the name
        head = " ".join(tokens[: roles[-1]])
        if head and (kind := _kind(head)):
            fixed.append((kind, head))
        prev, tokens = tokens[roles[-1]], tokens[roles[-1] + 1 :]
        if tokens[:1] == ("of",):  # "Secretary of State Antony Blinken": the name is at the end
            tokens = tuple(_trailing_name(tokens))
    if "of" in tokens and not is_organization(" ".join(tokens)):
        # "Vladimir V. Putin of Russia": a name, then where the person is from
        cut = tokens.index("of")
        place = " ".join(t for t in tokens[cut + 1 :] if t != "the")
        if kind := _kind(place):
            fixed.append((kind, place))
        tokens = tokens[:cut]
    span = " ".join(tokens)
    candidate = len(tokens) <= 4 and all(_name_token(t) and t not in NOT_NAMES for t in tokens)
    return _SpanReading(tuple(fixed), tokens, span, prev, _kind(span) if tokens else None, candidate)


@lru_cache(maxsize=1 << 13)
def _span_readings(span: str) -> tuple[tuple[_SpanReading, str], ...]:
    """Each piece of a capitalised span (`_pieces`), read, with its last word; none when no piece
    names anything (a third of all spans: "The", "But"), so `extract_entities` skips the span.
    Cached: the same spans ("The", "Putin", "White House") recur in every article."""
    readings = tuple((_read_span(tokens), tokens[-1]) for tokens in _pieces(span))
    return readings if any(reading.name or reading.fixed for reading, _ in readings) else ()


def extract_entities(paragraphs: tuple[Paragraph, ...], quotes: list[Quote] | tuple[Quote, ...]) -> Entities:
    """People (by the fullest name the article gives), organisations and places, each sorted."""
    found = _Found(acronyms(paragraphs))
    for para in paragraphs:
        text = para.text
        for m in _SPAN.finditer(text):
            readings = _span_readings(m.group(0))
            if not readings:
                continue
            last = len(readings) - 1
            prev = ""
            for k, (reading, last_word) in enumerate(readings):
                if reading.name:
                    if k == 0 and reading.prev is None:  # only then does the word before count
                        prev = (text[max(0, m.start() - 40) : m.start()].rsplit(None, 1) or [""])[-1]
                    found.piece(reading, prev, text, m.end() if k == last else -1)
                elif reading.fixed:  # all `piece` does for a span without a name left
                    found.record_fixed(reading)
                prev = last_word
    for q in quotes:
        if q.speaker:
            found.speaker(q.speaker)
    people = _people(found.candidates, found.evidence, found.singles)
    surnames = {p.split()[-1] for p in people}
    return Entities(
        people=tuple(sorted(people)),
        organizations=tuple(sorted(o for o in found.orgs if o not in people)),
        places=tuple(sorted(found.places - surnames)),  # "Mr. Jackson" the person, not the city
    )


def _trailing_name(tokens: tuple[str, ...]) -> list[str]:
    """The last two name words and any initials between them: a name after "Minister of Foreign Affairs"."""
    out: list[str] = []
    for t in reversed(tokens):
        if not _name_token(t) or len([w for w in out if not _INITIAL.match(w)]) == 2:
            break
        out.insert(0, t)
    return out if len(out) >= 2 else []


def _people(candidates: Counter[str], evidence: set[str], singles: set[str]) -> set[str]:
    """Names with person evidence, each surname-only or shorter form folded into the fullest one."""
    full = {n for n in candidates if len(n.split()) >= 2}
    kept = {n for n in full if n in evidence or n.split()[-1] in singles}
    by_surname: dict[str, set[str]] = defaultdict(set)
    for name in kept:
        by_surname[_key_word(name.split()[-1])].add(name)
    out: set[str] = set()
    for name in kept:
        longer = [o for o in by_surname[_key_word(name.split()[-1])] if _is_shorter_form(name, o)]
        if not longer:
            out.add(name)
    for name in singles & evidence:
        if not by_surname.get(_key_word(name)):
            out.add(name)
    return out


def _is_shorter_form(short: str, full: str) -> bool:
    """ "Vladimir Putin" is a shorter form of "Vladimir V. Putin"; "Hunter Biden" is not one of "Joe Biden"."""
    if short == full:
        return False
    a, b = person_key(short), person_key(full)
    return a == b and len(short) < len(full)


TRANSLITERATION = (
    (re.compile(r"yy$|iy$|yi$"), "y"),
    (re.compile(r"ey$"), "ei"),
    (re.compile(r"y$"), "i"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ii"), "i"),
)
"""Word-final spellings of one Slavic name in English ("Sergey"/"Sergei", "Zelensky"/"Zelenskyy")."""


@cache
def _key_word(word: str) -> str:
    ascii_word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    ascii_word = re.sub(r"[^a-z]", "", ascii_word)
    for pattern, repl in TRANSLITERATION:
        ascii_word = pattern.sub(repl, ascii_word)
    return ascii_word


@cache
def person_key(name: str) -> tuple[str, str]:
    """(first name, surname), folded for spelling; ("", surname) when only a surname is given."""
    words = [w for w in name.split() if not _INITIAL.match(w) and not _is_role(w)]
    if not words:
        return ("", _key_word(name))
    if len(words) == 1:
        return ("", _key_word(words[0]))
    return (_key_word(words[0]), _key_word(words[-1]))


SURNAME_MERGE_BRIEFINGS = 2
"""Briefings that must give a full name before a lone surname elsewhere is taken to mean it."""


@dataclass(frozen=True)
class Names:
    """One name per entity across all briefings.

    `aliases[i]` maps every name form used by analysis i (entity lists and speakers) to its
    canonical name; `kind` says whether a canonical name is a "person" or an "organization";
    `forms` lists the spellings seen for each canonical name.
    """

    aliases: tuple[dict[str, str], ...]
    kind: dict[str, str]
    forms: dict[str, tuple[str, ...]]

    def speaker(self, i: int, quote: Quote) -> str | None:
        """The canonical speaker of a quote of analysis i, or None if unattributed."""
        if not quote.speaker:
            return None
        return self.aliases[i].get(quote.speaker)

    def speakers(self, i: int, quotes: Iterable[Quote]) -> list[str | None]:
        """`speaker` of each of `quotes` of analysis i: one call for all of them, as the hub pages
        ask for every quote of every briefing."""
        aliases = self.aliases[i]
        return [aliases.get(q.speaker) if q.speaker else None for q in quotes]

    def mentioned(self, i: int) -> set[str]:
        """Canonical people and organisations analysis i names (speakers included)."""
        return set(self.aliases[i].values())


def local_forms(entities: Entities, quotes: tuple[Quote, ...], defined: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    """Each name form in one article (entity lists and speakers), in order: (form, kind, the
    article's own fullest form, and that form's `person_key` for a person, else two empty
    strings). `defined`: the article's acronyms."""
    people = entities.people
    out: dict[str, tuple[str, str]] = {}
    for name in people:
        out[name] = ("person", name)
    for name in entities.organizations:
        out[name] = ("organization", defined.get(name, name))
    for q in quotes:
        if not q.speaker or q.speaker in out:
            continue
        name = clean_speaker(q.speaker)
        if not name:
            continue
        long = defined.get(name, name)
        if long in entities.organizations or is_organization(name, speaker=True):
            out[q.speaker] = ("organization", long)
            continue
        first, surname = person_key(name)
        # in its own article a surname means the one person of that surname the article names
        matches = [p for p in people if person_key(p)[1] == surname and (not first or person_key(p)[0] == first)]
        if len(matches) == 1:
            out[q.speaker] = ("person", matches[0])
        elif all(_name_token(t) for t in name.split()):
            out[q.speaker] = ("person", name)
    return tuple(
        (form, kind, name, *(person_key(name) if kind == "person" else ("", ""))) for form, (kind, name) in out.items()
    )


def forms_of(a: Analysis) -> tuple[tuple[str, ...], ...]:
    """`local_forms` of an analysis: the one worked out with it while its entities, quotes and
    acronyms are still those (naming entities across 10,000 articles took a third longer when
    each was worked out again), else afresh."""
    made = a.forms
    if made is not None and made[0] is a.entities and made[1] is a.quotes and made[2] is a.acronyms:
        return made[3]
    return local_forms(a.entities, a.quotes, dict(a.acronyms))


def resolve_names(analyses: list[Analysis]) -> Names:
    """Group the name forms of all analyses into entities; deterministic, linear in the input."""
    made = [forms_of(a) for a in analyses]
    local = [{form: (kind, name) for form, kind, name, _, _ in forms} for forms in made]
    person_keys = {name: (first, last) for forms in made for _, kind, name, first, last in forms if kind == "person"}
    # a person's group is its (first name, surname) key. A lone surname ("Biden" in an article
    # that never gives the first name) joins a group only when exactly one full name in the corpus
    # has that surname and at least two briefings use it: one stray "Hunter Biden" must not
    # take every "Biden".
    usage: dict[tuple[str, tuple[str, str]], dict[str, int]] = {}  # group → its forms' counts
    full_by_surname: dict[str, set[tuple[str, str]]] = defaultdict(set)
    briefings_of: Counter[tuple[str, str]] = Counter()
    org_long: dict[str, set[str]] = defaultdict(set)
    for forms in local:
        keys = {person_keys[name] for kind, name in forms.values() if kind == "person"}
        for key in keys:
            if key[0]:
                full_by_surname[key[1]].add(key)
                briefings_of[key] += 1
    for a in analyses:
        for acr, long in a.acronyms:
            org_long[acr].add(long)

    def group(kind: str, name: str) -> tuple[str, tuple[str, str]]:
        if kind == "organization":
            longs = org_long.get(name, set())
            name = next(iter(longs)) if len(longs) == 1 else name
            return (kind, ("", name.casefold()))
        key = person_keys[name]
        full = full_by_surname.get(key[1], set())
        if not key[0] and len(full) == 1 and briefings_of[next(iter(full))] >= SURNAME_MERGE_BRIEFINGS:
            key = next(iter(full))
        return (kind, key)

    # (kind, name) → its group, worked out once: most names are found in many articles
    groups: dict[tuple[str, str], tuple[str, tuple[str, str]]] = {}
    for forms in local:
        for found in set(forms.values()):
            if found not in groups:
                groups[found] = group(*found)
            counts = usage.setdefault(groups[found], {})
            counts[found[1]] = counts.get(found[1], 0) + 1
    canonical = {g: _display(c) for g, c in usage.items()}
    named = {found: canonical[g] for found, g in groups.items()}
    aliases = tuple({form: named[found] for form, found in forms.items()} for forms in local)
    kind = {canonical[g]: g[0] for g in usage}
    forms: dict[str, set[str]] = defaultdict(set)
    for amap in aliases:
        for form, name in amap.items():
            forms[name].add(form)
    for g, c in usage.items():
        forms[canonical[g]].update(c)
    return Names(aliases, kind, {n: tuple(sorted(f - {n})) for n, f in forms.items()})


MAX_TAGS = 12


def entity_tags(analysis: Analysis, names: Names, i: int) -> tuple[str, ...]:
    """Tags for briefing i: editor tags, then its speakers, people, organisations and places,
    each entity by its one name across briefings, so a tag page gathers every spelling."""
    speakers = sorted({s for s in names.speakers(i, analysis.quotes) if s})
    others = sorted(names.mentioned(i) - set(speakers), key=lambda n: (names.kind.get(n) != "person", n))
    tags: list[str] = []
    for tag in [*analysis.document.tags, *speakers, *others, *analysis.entities.places]:
        if tag not in tags:
            tags.append(tag)
    return tuple(tags[:MAX_TAGS])


def _display(usage: dict[str, int]) -> str:
    """The form most articles use; then the longest (fullest); then alphabetical."""
    if len(usage) == 1:  # most entities: one form
        return next(iter(usage))
    return min(usage, key=lambda n: (-usage[n], -len(n.split()), -len(n), n))


ROLE_PATTERN = (
    r"(?:spokesman|spokeswoman|spokesperson|[Pp]resident|[Mm]inister|[Ss]ecretary [Gg]eneral|"
    r"[Ss]ecretary|[Cc]hancellor|adviser|advisor|[Aa]mbassador|[Ss]enator|[Dd]irector|chief|host|"
    r"analyst|historian|personality|[Gg]overnor|[Mm]ayor|[Cc]ommander|envoy|official|leader)"
)
ROLE_MODIFIERS = r"(?:former|then|top|senior|deputy|foreign|defense|defence|press|economic|military|acting|chief|TV)"
_ROLE_BEFORE = re.compile(
    r"(?P<role>(?:(?:former|then)\s+)?(?:(?:of|the|[A-Z][\w.’'-]*)\s+){0,6}(?:"
    + ROLE_MODIFIERS
    + r"\s+){0,2}"
    + ROLE_PATTERN
    + r")\s+$"
)
ROLE_WORD_MAX_CHARS = len("secretary general")
"""The longest word of `ROLE_PATTERN`: a window whose last this many characters hold none is skipped."""
_ROLE_WORD_AT_END = re.compile(ROLE_PATTERN + r"\Z")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")
_ROLE_AFTER = re.compile(
    r"^,\s+(?P<role>(?:a|an|the|[A-Z][\w’'-]*’s)\s+[^,.;:“”\"()]{3,90}?)(?=,|\.|;|\s+(?:said|told|says|wrote|tweeted))"
)
ROLE_WINDOW = 160
"""Characters either side of a name searched for its role."""


def _mentions(text: str, name: str) -> Iterator[tuple[int, int]]:
    """Where `name` stands in `text` as a whole word ("Lavrov", not "Lavrova"): (start, end) spans."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        alone = (start == 0 or not _WORD_OR_HYPHEN.match(text, start - 1)) and not _WORD_OR_HYPHEN.match(text, end)
        if alone:
            yield start, end
        start = text.find(name, max(end, start + 1) if alone else start + 1)


def _role_before(window: str) -> re.Match[str] | None:
    """`_ROLE_BEFORE` in the text before a name; the cheap test of its last word skips most windows."""
    if not window[-1:].isspace() or not _ROLE_WORD_AT_END.search(window.rstrip()[-ROLE_WORD_MAX_CHARS:]):
        return None
    return _ROLE_BEFORE.search(window)


def roles(paragraphs: Iterable[Paragraph], name: str) -> list[str]:
    """How the article describes a person: "Kremlin spokesman", "an adviser to … Zelensky"."""
    found: list[str] = []
    for para in paragraphs:
        if name not in para.text:  # most paragraphs do not name this one: no search for its mentions
            continue
        for start, end in _mentions(para.text, name):
            before = _role_before(para.text[max(0, start - ROLE_WINDOW) : start])
            after = _ROLE_AFTER.search(para.text[end : end + ROLE_WINDOW])
            for hit in (before, after):
                if not hit:
                    continue
                words = hit.group("role").split()
                while words and (words[0] in OPENERS or words[0] in {"of", "the"}):
                    words = words[1:]
                role = " ".join(words)
                if role and role not in found:
                    found.append(role)
    return found


def described(
    paragraphs: tuple[Paragraph, ...], entities: Entities, quotes: list[Quote] | tuple[Quote, ...]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`roles` of every person and organisation name form the article holds (its people,
    organisations and quote speakers, the forms `resolve_names` can alias), sorted by form.

    Computed with the article's analysis, so hub pages need not search every article again.
    """
    forms = {*entities.people, *entities.organizations, *(q.speaker for q in quotes if q.speaker)}
    return tuple((form, tuple(roles(paragraphs, clean_speaker(form) or form))) for form in sorted(forms))
