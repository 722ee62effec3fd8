"""Who an article names: people by their fullest name, with role and gender, and acronyms.

Quotes are attributed by surname ("Charap said"), by title ("Mr. Putin asked"), by acronym
("the ISW added") or by pronoun ("he added"); this module turns each into the fullest name the
article gives, so one speaker is one name across the briefing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import gazetteer
from .quote_rules import (
    ACRONYM_DEFINITION,
    APPOSITIVE,
    CAPITALISED,
    FEMALE_FIRST_NAMES,
    FEMALE_HONORIFICS,
    FEMALE_WORDS,
    FORBIDDEN_IN_SUBJECT,
    GENERIC_SOURCES,
    HONORIFICS,
    KNOWN_ORGS,
    MALE_FIRST_NAMES,
    MALE_HONORIFICS,
    MALE_WORDS,
    NAME_GAP,
    NAME_PARTICLES,
    NAME_STOPWORDS,
    NAME_SUFFIXES,
    NEXT_VERB,
    NEXT_WORD,
    NOT_VERBS,
    OBJECT_TAKERS,
    OF_OR_FOR_CAPITAL,
    OF_PLACE,
    ORG_HEADS,
    PAST_PARTICIPLE,
    PLURAL_GROUP,
    POSSESSIVE,
    PRONOUN_RUN,
    ROLE_WORDS,
)

Position = tuple[int, int]
"""Where a mention is: paragraph index and character offset in it."""


def is_acronym(token: str) -> bool:
    """All capitals, two letters or more ("ISW", "NATO"): an organisation, never a person."""
    return 2 <= len(token) <= 6 and token.isupper() and token.isalnum() and sum(c.isalpha() for c in token) >= 2


def is_name_token(token: str) -> bool:
    """A word that can be part of a person's name (not a role word, title or sentence opener).

    Cached (`_NAME_LIKE`): every token of every paragraph is asked about, most of them many times."""
    return _NAME_LIKE[token]


def _is_name_token(token: str) -> bool:
    """`is_name_token`, worked out."""
    bare = token.rstrip(".")
    return (
        bool(CAPITALISED.match(token))
        and bare not in NAME_STOPWORDS
        and token.lower() not in ROLE_WORDS
        and bare.lower() not in ROLE_WORDS
        and token not in HONORIFICS
        and not is_acronym(bare)
    )


class _NameLike(dict[str, bool]):
    """`is_name_token` of every word seen, read in C by `map(_NAME_LIKE.__getitem__, words)`: half
    the cost of a call through `lru_cache` per word. Emptied when full, to stay as small as it."""

    def __missing__(self, token: str) -> bool:
        if len(self) >= 1 << 16:
            self.clear()
        self[token] = answer = _is_name_token(token)
        return answer


_NAME_LIKE = _NameLike()


@lru_cache(maxsize=1 << 16)
def _run_word(token: str) -> tuple[str, bool]:
    """A token as a run of name tokens keeps it (possessive and full stop dropped), and whether
    the run ends with it ("Putin’s", "Kyiv."). Cached like `is_name_token`."""
    bare = POSSESSIVE.sub("", token) if not token.endswith(".") or len(token) > 3 else token
    ends_sentence = token.endswith(".") and len(token.rstrip(".")) > 1 and token not in NAME_SUFFIXES
    return (bare.rstrip(".") if len(bare.rstrip(".")) > 1 else bare), bare != token or ends_sentence


@lru_cache(maxsize=1 << 13)
def _never_a_person(words: tuple[str, ...]) -> bool:
    """A run of name tokens that names no person, whatever stands around it: an organisation
    ("… Ministry", "Kremlin"), a place ("New Hampshire", "Clarkston") or a group ("Muslim
    Americans", "Senate Democrats"). Cached: the same runs recur in every article."""
    return (
        words[-1].lower() in ORG_HEADS
        or (len(words) == 1 and words[0] in KNOWN_ORGS)
        or " ".join(words) in gazetteer.towns()
        or bool(PLURAL_GROUP.fullmatch(words[-1]))
    )


@lru_cache(maxsize=1 << 12)
def _takes_object(word: str) -> bool:
    """A lower-case word after which a name is its object ("told Hannity", "met Putin"), not a subject."""
    return word[:1].islower() and (word in NOT_VERBS or word in OBJECT_TAKERS or bool(PAST_PARTICIPLE.fullmatch(word)))


@lru_cache(maxsize=1 << 16)
def is_role_token(token: str) -> bool:
    """A word of a role before a name ("spokesman", "Sen."); cached like `is_name_token`."""
    return token.lower() in ROLE_WORDS or token.rstrip(".").lower() in ROLE_WORDS


def looks_like_role(text: str) -> bool:
    """An appositive that describes a person ("an adviser to …"), not a clause or an age."""
    words = text.split()
    if not 1 <= len(words) <= 16 or any(w.lower() in FORBIDDEN_IN_SUBJECT for w in words):
        return False
    if text[:1].isdecimal() or words[0].lower() in {"who", "which", "saying", "adding", "speaking", "according"}:
        return False
    return any(is_role_token(w) or w.lower() in GENERIC_SOURCES or w[:1].islower() for w in words)


_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)


def clean_role(text: str | None) -> str | None:
    """A role as the article gives it, without the leading article ("an adviser" → "adviser")."""
    if not text:
        return None
    text = _ARTICLE.sub("", text.strip(" ,"))
    return text or None


@dataclass(slots=True)
class Person:
    """One person the article names; `name` is the fullest form it gives."""

    name: str
    surname: str
    first: str | None
    role: str | None = None
    gender: str | None = None
    votes: dict[str, int] = field(default_factory=lambda: {"m": 0, "f": 0})
    evidence: bool = False  # a role, title, known given name or speech shows this is a person
    mentions: list[Position] = field(default_factory=list)

    def guess_gender(self) -> str | None:
        if self.gender:
            return self.gender
        m, f = self.votes["m"], self.votes["f"]
        if m >= 2 * f + 1:
            return "m"
        if f >= 2 * m + 1:
            return "f"
        return None


def _split_tokens(words: list[str]) -> tuple[str | None, str, str | None]:
    """(given name, surname, honorific gender) of a run of name tokens."""
    if len(words) == 1:  # most runs: a surname alone
        return None, words[0], None
    core = [w for w in words if w not in NAME_SUFFIXES]
    surname = core[-1] if core else words[-1]
    first = core[0] if len(core) > 1 else None
    return first, surname, None


def _prefix_capital(word: str) -> bool:
    """A capitalised word inside a role before a name ("White House", "NATO")."""
    return bool(CAPITALISED.match(word)) and word.rstrip(".") not in NAME_STOPWORDS


def _gender_of(first: str | None) -> str | None:
    """ "m" or "f" for a common given name, else None."""
    if not first:
        return None
    if first.lower() in MALE_FIRST_NAMES:
        return "m"
    return "f" if first.lower() in FEMALE_FIRST_NAMES else None


def _compatible(first_a: str | None, first_b: str | None) -> bool:
    """Given names that can be the same person's ("Vladimir" and "Vladimir", "V." and "Vladimir")."""
    if not first_a or not first_b:
        return True
    a, b = first_a.rstrip("."), first_b.rstrip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


@dataclass(slots=True)
class Mention:
    person: Person
    pos: Position
    end: int
    role: str | None
    subject: bool  # opens a clause and a verb follows: the likely grammatical subject


class Cast:
    """The people and acronyms of one article, built from its paragraphs with quotes masked out."""

    def __init__(self, texts: list[str]) -> None:
        self.people: list[Person] = []
        self._by_surname: dict[str, list[Person]] = {}  # the same people, by surname, in order
        self._by_first: dict[str | None, list[Person]] = {}  # the same people, by given name
        self.mentions: list[Mention] = []
        self.acronyms: dict[str, str] = {}
        self._towns = gazetteer.towns()
        for text in texts:
            if "(" not in text:  # every acronym definition has its brackets
                continue
            for m in ACRONYM_DEFINITION.finditer(text):
                long = acronym_long_form(m.group("long"), m.group("short"))
                if long:
                    self.acronyms.setdefault(m.group("short"), long)
        for i, text in enumerate(texts):
            self._scan(i, text)
        for mention in self.mentions:
            if mention.role and not mention.person.role:
                mention.person.role = mention.role
        self._vote_genders(texts)

    # --- building -------------------------------------------------------------------------

    def _scan(self, para: int, text: str) -> None:
        parts = NAME_GAP.split(text)  # token, gap, token, …: an empty first or last token is none
        first = 0 if parts[0] else 2
        last = len(parts) if parts[-1] else len(parts) - 2
        words = parts[first:last:2]
        name_like = list(map(_NAME_LIKE.__getitem__, words))
        if not any(name_like):  # no run: the offsets and gaps are not needed
            return
        bounds = list(itertools.accumulate(map(len, parts), initial=0))
        gaps = parts[first + 1 : last : 2]  # gaps[k] stands between words[k] and words[k + 1]
        starts = bounds[first:last:2]
        ends = bounds[first + 1 : last + 1 : 2]
        free = 0  # the first token not taken by a run yet
        for i in itertools.compress(range(len(words)), name_like):  # runs start at name tokens only
            if i < free or words[i] in NAME_PARTICLES:
                continue
            j = i
            run = []
            while j < len(words):
                w = words[j]
                if j > i and not gaps[j - 1].isspace():
                    break
                if not (name_like[j] or (run and (w in NAME_PARTICLES or w in NAME_SUFFIXES))):
                    break
                kept, stops = _run_word(w)
                run.append(kept)
                j += 1
                if stops:
                    break
            while run and run[-1] in NAME_PARTICLES:
                run.pop()
            if run:
                self._add_run(para, text, words, gaps, i, run, starts[i], ends[i + len(run) - 1])
            free = max(j, i + 1)

    def _add_run(
        self, para: int, text: str, tokens: list[str], gaps: list[str], i: int, words: list[str], start: int, end: int
    ) -> None:
        """Record one run of name tokens as a mention, with the role written before or after it."""
        following = NEXT_WORD.match(text, end)
        nxt = following.group(1) if following else ""
        if nxt and (is_role_token(nxt) or (low := nxt.lower()) in ORG_HEADS or low in GENERIC_SOURCES):
            return  # a modifier: "Kremlin spokesman", "Clinton campaign"
        if _never_a_person(tuple(words)):
            return
        if words[0].lower() in ORG_HEADS and OF_OR_FOR_CAPITAL.match(text, end):
            return
        prefix: list[str] = []
        k = i - 1
        honorific = None
        while k >= 0 and gaps[k].isspace():
            w = tokens[k]
            if w in HONORIFICS and not prefix:
                honorific = w
            elif is_role_token(w) or (prefix and (w in {"of", "for", "and"} or _prefix_capital(w))):
                prefix.insert(0, w)
            else:
                break
            k -= 1
        while prefix and not is_role_token(prefix[0]) and prefix[0][:1].islower():
            prefix.pop(0)
        role = " ".join(prefix) if prefix and any(map(is_role_token, prefix)) else None
        country = OF_PLACE.match(text, end) if role else None
        if country and country.group(1) in self._towns:
            role = f"{role} of {country.group(1)}"  # "President Vladimir V. Putin of Russia"
        if role is None:
            appositive = APPOSITIVE.match(text, end)
            if appositive and looks_like_role(appositive.group(1)):
                role = clean_role(appositive.group(1))
        prev_word = tokens[k] if k >= 0 else ""
        gap = gaps[k] if k >= 0 else ""
        object_of = k >= 0 and "," not in gap and _takes_object(prev_word)
        clause_start = not object_of
        verb = NEXT_VERB.match(text, end)
        subject = clause_start and bool(verb) and verb.group(1)[:1].islower() and verb.group(1) not in NOT_VERBS
        person = self.add(words, (para, start))
        if honorific in MALE_HONORIFICS:
            person.gender = person.gender or "m"
        elif honorific in FEMALE_HONORIFICS:
            person.gender = person.gender or "f"
        if role or honorific:
            person.evidence = True
        self.mentions.append(Mention(person, (para, start), end, role, subject))

    def add(self, words: list[str], pos: Position) -> Person:
        """The person these name tokens refer to, created (or lengthened) if needed."""
        first, surname, _ = _split_tokens(words)
        name = " ".join(words)
        if len(words) == 1:
            match = self._by_single(surname, pos)
            if match:
                match.evidence = True  # a full name later used alone is a person's
                match.mentions.append(pos)
                return match
        for person in self._by_surname.get(surname, ()):
            if _compatible(person.first, first):
                if len(words) > len(person.name.split()):
                    same_first = self._by_first[person.first]
                    del same_first[next(i for i, p in enumerate(same_first) if p is person)]
                    self._by_first.setdefault(first, []).append(person)
                    person.name, person.first = name, first
                    person.gender = _gender_of(first) or person.gender
                person.mentions.append(pos)
                return person
        person = Person(name=name, surname=surname, first=first, gender=_gender_of(first))
        person.evidence = person.gender is not None
        person.mentions.append(pos)
        self.people.append(person)
        self._by_surname.setdefault(surname, []).append(person)
        self._by_first.setdefault(first, []).append(person)
        return person

    def _vote_genders(self, texts: list[str]) -> None:
        """He/his after a person's mention (before the next person) counts as evidence of gender.

        The mentions are in reading order already: `_scan` records them paragraph by paragraph,
        each left to right."""
        ordered = self.mentions
        for n, mention in enumerate(ordered):
            para = mention.pos[0]
            stop = len(texts[para])
            if n + 1 < len(ordered) and ordered[n + 1].pos[0] == para:
                stop = ordered[n + 1].pos[1]
            window = PRONOUN_RUN.findall(texts[para][mention.end : min(stop, mention.end + 250)].lower())
            if not window:
                continue
            mention.person.votes["m"] += sum(map(MALE_WORDS.__contains__, window))
            mention.person.votes["f"] += sum(map(FEMALE_WORDS.__contains__, window))

    # --- lookups --------------------------------------------------------------------------

    def _by_single(self, token: str, pos: Position | None) -> Person | None:
        """The person a lone surname (or given name) refers to: the nearest earlier one if several."""
        same = self._by_surname.get(token, [])
        if len(same) == 1:  # most surnames: one person, whether a given name is known or not
            return same[0]
        by_surname = [p for p in same if p.first] or list(same)
        if len(by_surname) > 1:
            plain = [p for p in by_surname if p.name.split()[-1] not in NAME_SUFFIXES]
            by_surname = plain or by_surname
        if len(by_surname) > 1 and pos is not None:
            before = [p for p in by_surname if any(m <= pos for m in p.mentions)]
            if before:
                return max(before, key=lambda p: max(m for m in p.mentions if m <= pos))
        if len(by_surname) == 1:
            return by_surname[0]
        if by_surname:
            return max(by_surname, key=lambda p: len(p.mentions))
        by_first = self._by_first.get(token, [])
        if len(by_first) == 1:
            return by_first[0]
        return None

    def resolve(self, words: list[str], pos: Position | None) -> Person | None:
        """The person a name (full or surname only) refers to, or None when it is not a person's."""
        words = [w for w in words if w not in HONORIFICS]
        if not words:
            return None
        if len(words) == 1:
            return self._by_single(words[0], pos)
        first, surname, _ = _split_tokens(words)
        for person in self._by_surname.get(surname, ()):
            if _compatible(person.first, first):
                return person
        return None

    def by_role(self, head: str, qualifiers: list[str], pos: Position) -> Person | None:
        """A title used as a name ("the Russian leader", "the Florida senator").

        The last person the article gave that role; failing that, the last person who was the
        subject of a clause in the three paragraphs before, if no role of theirs contradicts it.
        """
        best = None
        word = _whole_word(head)
        for mention in self.mentions:
            if mention.pos >= pos:
                continue
            role = (mention.person.role or "").lower()
            if role and word.search(role) and all(q.lower() in role for q in qualifiers):
                best = mention.person
        if best:
            return best
        for mention in reversed(self.mentions):  # in reading order already (`_vote_genders`)
            if mention.pos >= pos or not mention.subject or mention.pos[0] < pos[0] - 3:
                continue
            role = (mention.person.role or "").lower()
            if mention.person.evidence and (not role or word.search(role)):
                return mention.person
        return None

    def expand_acronym(self, token: str) -> str | None:
        return self.acronyms.get(token)


@lru_cache(maxsize=256)
def _whole_word(word: str) -> re.Pattern[str]:
    """`word` as a whole word: `Cast.by_role`'s head words are a handful ("leader", "senator")."""
    return re.compile(rf"\b{re.escape(word)}\b")


def acronym_long_form(long: str, short: str) -> str | None:
    """ "Institute for the Study of War" for "ISW": the words whose capitals spell the acronym."""
    words = long.split()
    capitals = [i for i, w in enumerate(words) if w[:1].isupper()]
    letters = "".join(words[i][0] for i in capitals)
    if len(short) < 2 or not letters.endswith(short.upper()):
        return None
    return " ".join(words[capitals[len(capitals) - len(short)] :])
