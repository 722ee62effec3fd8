"""Quotes stage: every direct quotation in the body, who said it, and which few are key.

A wrong attribution is the worst error the product can make, so a speaker is only given when
the text ties one to the quotation: a speech verb in its sentence ("…,” Lavrov said), a colon
introduction (Cruz continued: “…”), "according to", or the quotation continuing one that was
attributed just before. Surnames, titles, acronyms and pronouns become the fullest name the
article gives (see `names`). Scare quotes and titles ("special military operation") are kept
but get no speaker and are never key.

Quotation marks: curly or straight; a quote that runs on over a paragraph break (the next
paragraph opens again) is one entry; one split by its attribution (“…,” he said. “…”) is one
entry whose verbatim pieces are joined by " … "; an unclosed quote ends with its paragraph
and gives back a trailing attribution sentence ("… in Ukraine? Mr. Putin asked.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from .clean import has_any
from .gazetteer import never_speaks
from .model import Paragraph, Quote
from .names import Cast, Person, clean_role, is_acronym, is_name_token, is_role_token, looks_like_role
from .quote_rules import (
    ABBREVIATION,
    ABBREVIATION_REACH,
    ACCORDING_TO,
    ACCORDING_TO_HINTS,
    ADVERBS,
    AFTER_CLOSING,
    ASCII_SPEECH_VERB,
    ASKED_BY,
    ASKED_BY_VERBS,
    BEFORE_OPENING,
    CLOSING_MARKS,
    DASH_CREDIT,
    FORBIDDEN_IN_SUBJECT,
    GENERIC_SOURCES,
    HONORIFICS,
    KNOWN_ORGS,
    MEDIUM_NOUNS,
    NAME_PARTICLES,
    NP_STARTS,
    OPENING_ADJUNCT,
    OPENING_MARKS,
    ORG_HEADS,
    OWN_CLAIM,
    PARENTHETICAL,
    PLACEHOLDER,
    POSSESSIVE,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_MARK,
    QUOTE_MARKS,
    QUOTE_THEN_STOP,
    REPORTING_VERBS,
    SENTENCE_END,
    SPEECH_PHRASE_HINTS,
    SPEECH_PHRASES,
    SPEECH_VERB,
    SPEECH_VERBS,
    TERM_INTRO,
    TIME_WORDS,
    WHITE_HOUSE,
)

MAX_KEY = 4
"""Key quotes per article: the substantive few a reader comes for."""


@dataclass(slots=True)
class _Piece:
    """The words between one pair of quotation marks (offsets into the paragraph)."""

    para: int
    start: int
    end: int
    closed: bool
    continues: bool = False  # opens a paragraph that carries on an unclosed quote


@dataclass(slots=True)
class _Speaker:
    """Who a phrase names: a person (with role), an organisation, or a pronoun to resolve."""

    name: str | None
    role: str | None = None
    kind: str = "person"  # "person", "org" or "pronoun"
    pronoun: str | None = None
    person: Person | None = None


@dataclass(slots=True)
class _Entry:
    """One quotation as the reader sees it: one or more pieces, one speaker."""

    pieces: list[int]
    speaker: _Speaker | None = None
    how: str = ""  # which rule attributed it (kept for debugging and tests of the rules)
    term: bool = False  # a scare quote or title
    full_sentence: bool = False  # starts its sentence (a full quote, not a fragment)
    cue_in_gap: bool = False  # its attribution follows it, so a next piece may continue it


# --- quotation marks ---------------------------------------------------------------------------


def _mark_kind(text: str, i: int) -> str:
    """Whether the quotation mark at `text[i]` opens, closes or may do either, from what surrounds it."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    opener = prev in BEFORE_OPENING or prev in QUOTE_MARKS or prev == "‘"
    opener = opener and nxt not in " \t\n"
    closer = prev not in " \t\n" and (nxt in AFTER_CLOSING or nxt in QUOTE_MARKS or nxt == "’")
    ch = text[i]
    if ch in OPENING_MARKS:
        return "either" if closer and not opener else "open"
    if ch in CLOSING_MARKS:
        return "either" if opener and not closer else "close"
    if opener and not closer:
        return "open"
    if closer and not opener:
        return "close"
    return "either"


def _find_pieces(texts: list[str]) -> list[_Piece]:
    """Pair the quotation marks of each paragraph; note quotes that run on into the next."""
    pieces: list[_Piece] = []
    carried = False  # the previous paragraph ended inside a quote and this one opens again
    for para, text in enumerate(texts):
        inside: int | None = None
        first = True
        for mark in QUOTE_MARK.finditer(text):
            i, ch = mark.start(), mark.group()
            kind = _mark_kind(text, i)
            if inside is None:
                if kind != "close":
                    inside = i + 1
                continue
            if kind == "open" and ch == "“":
                pieces.append(_Piece(para, inside, len(text[:i].rstrip()), False, carried and first))
                first = False
                inside = i + 1
                continue
            pieces.append(_Piece(para, inside, i, True, carried and first))
            first = False
            inside = None
        next_text = texts[para + 1].lstrip() if para + 1 < len(texts) else ""
        run_on = inside is not None and bool(next_text) and next_text[0] in '“"'
        if inside is not None:
            end = len(text.rstrip()) if run_on else _trim_attribution_tail(text, inside, len(text.rstrip()))
            pieces.append(_Piece(para, inside, end, False, carried and first))
        carried = run_on
    return [p for p in pieces if p.end > p.start]


def _trim_attribution_tail(text: str, start: int, end: int) -> int:
    """An unclosed quote ends before a closing attribution sentence ("… Mr. Putin asked.")."""
    body = text[start:end]
    for m in SENTENCE_END.finditer(body):
        if ABBREVIATION.search(body[: m.start(1)]):
            continue
        rest = body[m.end(1) :]
        if _attribution_only(rest):
            return start + len(body[: m.start(1)].rstrip())
    return end


def _attribution_only(sentence: str) -> bool:
    """A short sentence that only says who spoke ("Mr. Putin asked.")."""
    words = sentence.strip().rstrip(".!?").split()
    if not 2 <= len(words) <= 6 or (words[-1].lower() not in SPEECH_VERBS and words[1].lower() not in SPEECH_VERBS):
        return False
    return all(w[:1].isupper() or w.lower() in SPEECH_VERBS or w.lower() in ADVERBS for w in words)


# --- masking and sentences ---------------------------------------------------------------------


_FINAL_PUNCTUATION = re.compile(r"[,.!?;:…]+$")


def _not_a_mask(text: str) -> str:
    """The mask's own brackets where an article holds them, made plain brackets in the masked copy: a
    "⟦7⟧" of the text read as quotation 7 crashed the attribution, or gave a speaker to the wrong quote.
    Replaced only where present: `str.translate` looks every character of the text up."""
    if "⟦" in text or "⟧" in text:
        return text.replace("⟦", "[").replace("⟧", "]")
    return text


def _masked(texts: list[str], pieces: list[_Piece]) -> list[str]:
    """Each paragraph with its quotations replaced by ⟦n⟧ (their final punctuation kept after it)."""
    by_para: dict[int, list[tuple[int, _Piece]]] = {}  # each paragraph's pieces, not every piece per paragraph
    for n, piece in enumerate(pieces):
        by_para.setdefault(piece.para, []).append((n, piece))
    out = []
    for para, text in enumerate(texts):
        if para not in by_para and "⟦" not in text and "⟧" not in text:
            out.append(text)
            continue
        parts = []
        pos = 0
        for n, piece in by_para.get(para, ()):
            open_at = piece.start - 1 if piece.start and text[piece.start - 1] in QUOTE_MARKS else piece.start
            close_at = piece.end + 1 if piece.closed else piece.end
            inner = text[piece.start : piece.end].rstrip()
            tail = _FINAL_PUNCTUATION.search(inner)
            parts.append(_not_a_mask(text[pos:open_at]))
            parts.append(f"⟦{n}⟧" + (tail.group(0) if tail else ""))
            pos = close_at
        parts.append(_not_a_mask(text[pos:]))
        out.append("".join(parts))
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of masked text (quotations are single tokens, so never split inside one)."""
    spans = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        end, after = m.span(1)
        before = text[max(0, end - 80) : end]  # a bounded look back keeps long paragraphs linear
        if ABBREVIATION.search(before[-ABBREVIATION_REACH:]):
            continue
        question = before.endswith(("?", "!", "…")) and QUOTE_THEN_STOP.search(before)
        if question and _opens_with_attribution(text[after:]):
            continue  # “Why not?” Smith asked.
        spans.append((start, end))
        start = after
    spans.append((start, len(text)))
    return [s for s in spans if text[s[0] : s[1]].strip()]


def _opens_with_attribution(text: str) -> bool:
    """Text that begins "Smith asked" or "said Smith": the end of the sentence a quote began."""
    words = re.split(r"\s+", text.strip(), maxsplit=8)[:8]
    for i, w in enumerate(words):
        bare = w.strip(",.;:")
        if bare in SPEECH_VERBS or (i and w.endswith(".") and i < 4 and re.fullmatch(r"[a-z]+ed", bare)):
            return i == 0 or all(x[:1].isupper() or x.lower() in {"the", "a", "an", "of"} for x in words[:i])
        if w.startswith("⟦") or w.endswith((".", ";")):
            return False
    return False


# --- speaker phrases ---------------------------------------------------------------------------


_TRAILING_ADJUNCT = re.compile(r"\s+(?:on|last|this|earlier|late|early|in|at)\s+(?:\w+\s+)?\w+\s*$")
_LY_WORD = re.compile(r"[a-z]+ly")


def _strip_trailing_adjuncts(text: str) -> str:
    """Drop adverbs and time phrases between a speaker and the verb ("Putin on Sunday")."""
    while True:
        before = text
        text = _TRAILING_ADJUNCT.sub(_keep_if_not_time, text)
        words = text.split()
        if words and (words[-1] in ADVERBS or words[-1].lower() in TIME_WORDS or _LY_WORD.fullmatch(words[-1])):
            text = " ".join(words[:-1])
        if text == before:
            return text.strip()


def _keep_if_not_time(m: re.Match[str]) -> str:
    words = m.group(0).lower().split()
    return "" if words[-1].strip(",") in TIME_WORDS or re.fullmatch(r"\d{4}", words[-1]) else m.group(0)


def _name_runs(words: list[str]) -> list[tuple[int, int]]:
    """Runs of name tokens (particles inside, a possessive ends one), as [start, end) indexes."""
    runs = []
    i = 0
    while i < len(words):
        if is_name_token(words[i]):
            j = i + 1
            while j < len(words) and not POSSESSIVE.search(words[j - 1]):
                if is_name_token(words[j]) or (
                    words[j] in NAME_PARTICLES and j + 1 < len(words) and is_name_token(words[j + 1])
                ):
                    j += 1
                else:
                    break
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


_CAPITALISED_RUN = re.compile(r"(?<!\S)[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|of|for|the|and|on|&))*")
_TRAILING_LINKS = re.compile(r"(?:\s+(?:of|for|the|and|on|&))+$")


def _org_phrase(words: list[str]) -> str | None:
    """An organisation named in a speaker phrase ("the Institute for the Study of War", "NATO")."""
    text = " ".join(words)
    if m := WHITE_HOUSE.search(text):
        return m.group(1)
    for m in _CAPITALISED_RUN.finditer(text):
        org = _TRAILING_LINKS.sub("", m.group(0))
        org = POSSESSIVE.sub("", org) if org.endswith(("’s", "'s")) else org
        tokens = org.split()
        if tokens and tokens[0] in {"The", "A", "An"}:
            tokens = tokens[1:]
        if not tokens:
            continue
        org = " ".join(tokens)
        if (
            tokens[-1].lower() in ORG_HEADS
            or tokens[0].lower() in ORG_HEADS
            or is_acronym(tokens[-1])
            or org in KNOWN_ORGS
            or tokens[-1] in KNOWN_ORGS
        ):
            return org
    return None


@dataclass(frozen=True)
class _NpReading:
    """What a speaker phrase names by its words alone (`_read_np`); `_parse_np` then asks the cast.

    Kept apart because the same phrases recur ("he", "Putin", "the Kremlin") and reading them is
    most of the work, while the cast changes as the article is read.
    """

    kind: str  # "pronoun", "org", "person" or "role"
    text: str = ""  # the pronoun, the organisation, or a role's head word ("the Russian leader")
    words: tuple[str, ...] = ()  # a person's name words, or a role's capitalised qualifiers
    check_known: bool = False  # a lone name opening a loose pattern: the article must use it elsewhere
    after_preposition: bool = False  # a preposition before the name ("from Putin"): not the speaker
    role: str | None = None
    honorific_gender: str | None = None  # "f" or "m" when a title ("Mrs.", "Mr.") comes before the name


_NP_OPENER = re.compile(
    r"^(?:and|but|as|so|then|while|when|because|after|before|though|although|where|what|how|from|in|on|at|"
    r"by|with)\s+",
    re.I,
)
_OWNED_MEDIUM = re.compile(r"(?P<owner>(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w-]*)[’']s\s+(?:\w+\s+)?(?P<medium>\w+)")
_ED_WORD = re.compile(r"[a-z]+ed")


@lru_cache(maxsize=1 << 13)
def _read_np(np: str, strict: bool) -> _NpReading | None:
    """`_parse_np` as far as the words of the phrase decide it; cached, since it depends on them alone."""
    np = PARENTHETICAL.sub("", np).strip(" ,–—-")
    np = _NP_OPENER.sub("", np)
    owned = _OWNED_MEDIUM.fullmatch(np)
    if owned and owned.group("medium").lower() in MEDIUM_NOUNS:
        np = owned.group("owner")  # "Bush's Facebook post": Bush
    words = np.split()
    if not words or len(words) > 12:
        return None
    low = words[0].lower()
    if len(words) == 1 and low in PRONOUNS:
        return _NpReading("pronoun", low)
    if any(w in FORBIDDEN_IN_SUBJECT or w in SPEECH_VERBS for w in words):
        return None
    runs = [r for r in _name_runs(words) if not (r[0] > 0 and words[r[0] - 1].lower() in PREPOSITIONS)]
    head_low = words[-1].lower().strip(".,")
    if runs and runs[-1][1] == len(words) and not POSSESSIVE.search(words[-1]):
        run_words = words[runs[-1][0] :]
        if run_words[-1].lower() in ORG_HEADS or " ".join(run_words) in KNOWN_ORGS:
            return _NpReading("org", " ".join(run_words))
        return _read_person(words, runs[-1], strict)
    lowers_ok = not any(
        w[:1].islower() and (_ED_WORD.fullmatch(w) or w in PREPOSITIONS - {"of", "for", "on"}) and not is_role_token(w)
        for w in words
    )
    if not lowers_ok:
        return None
    org = _org_phrase(words)
    if org:
        return _NpReading("org", org)
    if runs and head_low not in GENERIC_SOURCES and head_low not in ORG_HEADS:
        # "President Vladimir V. Putin of Russia": the name is followed by a complement
        tail = words[runs[-1][1] :]
        if tail and tail[0].lower() in PREPOSITIONS and not POSSESSIVE.search(words[runs[-1][1] - 1]):
            return _read_person(words, runs[-1])
    if words[0].lower() == "the" and is_role_token(head_low):
        return _NpReading("role", head_low, tuple(w for w in words[1:-1] if w[:1].isupper()))
    return None  # "a Trump spokeswoman": someone unnamed, not Trump


def _parse_np(np: str, cast: Cast, pos: tuple[int, int], strict: bool = False) -> _Speaker | None:
    """The speaker a noun phrase names: a person, an organisation, a pronoun, or None."""
    reading = _read_np(np, strict)
    if reading is None:
        return None
    if reading.kind == "pronoun":
        return _Speaker(None, kind="pronoun", pronoun=reading.text)
    if reading.kind == "org":
        return _org_speaker(reading.text, cast)
    if reading.kind == "person":
        return _person(reading, cast, pos)
    person = cast.by_role(reading.text, list(reading.words), pos)
    if person:
        return _Speaker(person.name, None, "person", person=person)
    return None


def _read_person(words: list[str], run: tuple[int, int], strict: bool = False) -> _NpReading:
    """The name run of a speaker phrase, with the role that the words before it give.

    `strict` (for looser patterns) wants a lone capitalised word to be a name the article uses
    elsewhere, so "Days after saying …" is not taken for a person called Days.
    """
    name_words = words[run[0] : run[1]]
    prefix = words[: run[0]]
    honorific = [w for w in prefix if w in HONORIFICS]
    role_words = [w for w in prefix if w not in HONORIFICS]
    while role_words and role_words[0].lower() in {"a", "an", "the"}:
        role_words.pop(0)
    role = " ".join(role_words) if any(is_role_token(w) for w in role_words) else None
    gender = ("f" if honorific[-1].startswith(("Mrs", "Ms", "Miss")) else "m") if honorific else None
    return _NpReading(
        "person",
        words=tuple(name_words),
        check_known=strict and len(name_words) == 1 and run[0] == 0,
        after_preposition=any(w.lower() in PREPOSITIONS - {"of", "for"} for w in prefix),
        role=role,
        honorific_gender=gender,
    )


def _person(reading: _NpReading, cast: Cast, pos: tuple[int, int]) -> _Speaker | None:
    """The person a name run of a speaker phrase is, found in (or added to) the cast."""
    name_words = list(reading.words)
    if reading.check_known:
        known = cast.resolve(name_words, None)
        if known is None or not (known.first or known.evidence):
            return None
    if len(name_words) == 1 and (name_words[0] in KNOWN_ORGS or name_words[0] in cast.acronyms):
        return _org_speaker(name_words[0], cast)
    if reading.after_preposition:
        return None
    person = cast.resolve(name_words, pos)
    if person is None:
        if never_speaks(" ".join(name_words)):
            return None  # "…, a salesman from Sumter, South Carolina, says": a town or state never speaks
        person = cast.add(name_words, pos)
    if reading.honorific_gender and not person.gender:
        person.gender = reading.honorific_gender
    return _Speaker(person.name, reading.role, "person", person=person)


def _org_speaker(name: str, cast: Cast) -> _Speaker:
    long = cast.expand_acronym(name)
    return _Speaker(long or name, None, "org")


def _is_appositive(text: str) -> bool:
    """Text set off by commas after a name: a description, an age, a relative clause."""
    words = text.split()
    finite_verb = bool(words) and words[0] in SPEECH_VERBS and not words[0].endswith("ing")
    return 1 <= len(words) <= 30 and not PLACEHOLDER.search(text) and not finite_verb


_CLAUSE_BREAK = re.compile(r"[;:–—]|\s-\s|⟦\d+⟧[,.!?;:…]*")


@lru_cache(maxsize=1 << 12)
def _subject_span(span: str) -> str:
    """The last clause of the text before a speech verb, without brackets and trailing adjuncts."""
    span = PARENTHETICAL.sub("", span)
    span = _strip_trailing_adjuncts(span.strip())
    return _CLAUSE_BREAK.split(span)[-1]


def _parse_subject(span: str, cast: Cast, pos: tuple[int, int]) -> _Speaker | None:
    """The speaker in the text before a speech verb, with an appositive role if it has one."""
    span = _subject_span(span)
    if not span.rstrip().endswith(","):
        return _parse_np(span.split(",")[-1], cast, pos)
    parts = [p.strip() for p in span.rstrip().rstrip(",").split(",")]
    for k in range(len(parts) - 2, max(-1, len(parts) - 5), -1):
        appositives = parts[k + 1 :]
        if not all(_is_appositive(a) for a in appositives):
            return None
        speaker = _parse_np(parts[k], cast, pos)
        if speaker and speaker.kind == "person":
            role = next((a for a in appositives if looks_like_role(a)), None)
            speaker.role = clean_role(role) or speaker.role
            return speaker
        if speaker:
            return speaker
        if k == len(parts) - 2:
            # "Sanders's campaign manager, Jeff Weaver, said": the name is the appositive
            named = _parse_np(parts[-1], cast, pos)
            if named and named.kind == "person" and len(parts[-1].split()) <= 4:
                if looks_like_role(parts[k]):
                    named.role = clean_role(parts[k])
                return named
    return None


def _place_prefix(words: list[str]) -> int:
    """How many leading words name a town or a US state ("New Hampshire voter …"): 0 if none."""
    for n in (3, 2, 1):
        if len(words) >= n and never_speaks(" ".join(words[:n])):
            return n
    return 0


_APPOSITIVE_AFTER = re.compile(r"\s*,\s*([^,.;⟦⟧]{3,160})")


def _parse_after_verb(rest: str, cast: Cast, pos: tuple[int, int]) -> _Speaker | None:
    """Inverted order: "…,” said Sen. Patty Murray, a chief Democratic negotiator."""
    tokens = _PHRASE_TOKEN.findall(PARENTHETICAL.sub("", rest))
    np: list[str] = []
    for tok in tokens:
        bare = tok.rstrip(".")
        if tok in {",", ";", ":"} or tok.startswith("⟦") or len(np) >= 12:
            break
        # "said Idaho nutritional-supplement executive Frank VanderSloot": a town or state is no name
        named = any(is_name_token(w) and not POSSESSIVE.search(w) for w in np[_place_prefix(np) :])
        if tok in {"of", "for"} and named:
            break  # "Stephen Vladeck of the University of Texas": the name ends here
        if np and tok[:1].islower() and (tok in PREPOSITIONS - {"of", "for"} or tok in FORBIDDEN_IN_SUBJECT or named):
            break
        if not np and not (
            tok[:1].isupper() or tok.lower() in NP_STARTS or is_role_token(tok) or tok.lower() in PRONOUNS
        ):
            upcoming = tokens[tokens.index(tok) + 1 : tokens.index(tok) + 4]
            if tok in FORBIDDEN_IN_SUBJECT or tok in PREPOSITIONS or not any(t[:1].isupper() for t in upcoming):
                return None  # "said retired neurosurgeon Ben Carson" is fine; "said on Monday" is not
        ends = tok.endswith(".") and len(bare) > 2 and bare not in HONORIFICS and not is_role_token(tok)
        np.append(bare if ends else tok)
        if ends:
            break  # the sentence ends with the name
        if tok.lower() in PRONOUNS and len(np) == 1:
            break
    while np and np[-1].lower() in {"of", "for", "the", "and"}:
        np.pop()
    if not np:
        return None
    speaker = _parse_np(" ".join(np), cast, pos)
    rest_after = rest.split(np[-1], 1)[1] if np[-1] in rest else ""
    appos = _APPOSITIVE_AFTER.match(rest_after)
    if speaker and speaker.kind == "person" and appos and looks_like_role(appos.group(1)):
        speaker.role = clean_role(appos.group(1))
    return speaker


@lru_cache(maxsize=256)
def _verbs(text: str) -> tuple[re.Match[str], ...]:
    """Speech verbs in masked text, lower case only ("States" in "United States" is no verb).

    Cached: a paragraph's last sentence is searched twice, for itself and for the next paragraph."""
    verbs = tuple((ASCII_SPEECH_VERB if text.isascii() else SPEECH_VERB).finditer(text))
    if not any(map(text.__contains__, SPEECH_PHRASE_HINTS)):
        return verbs  # no phrase: the verbs are in order already
    return tuple(sorted([*verbs, *SPEECH_PHRASES.finditer(text)], key=lambda m: m.start()))


_PHRASE_TOKEN = re.compile(r"[^\s,;:⟦⟧]+|[,;:]|⟦\d+⟧")
"""Words, the punctuation between phrases, and masked quotations, as tokens of a speaker phrase."""
_LOWER_WORD = re.compile(r"[a-z]+")


def _clause_subject(text: str, cast: Cast, pos: tuple[int, int]) -> _Speaker | None:
    """The named subject a sentence opens with ("Clinton seemed ready…, telling the crowd")."""
    reading = _read_clause_subject(text)
    if reading is None:
        return None
    np, appositive = reading
    speaker = _parse_np(np, cast, pos, strict=True)
    if speaker and speaker.kind == "person" and appositive is not None:
        speaker.role = clean_role(appositive)
    return speaker


@lru_cache(maxsize=1 << 10)
def _read_clause_subject(text: str) -> tuple[str, str | None] | None:
    """`_clause_subject` as far as the words decide it: the subject phrase, and an appositive
    that describes it (None if there is none or it is no role); None when no subject opens the text."""
    text = OPENING_ADJUNCT.sub("", text)
    tokens = _PHRASE_TOKEN.findall(text)
    np: list[str] = []
    appos: list[str] = []
    i = 0
    while i < len(tokens) and len(np) <= 8:
        tok = tokens[i]
        if tok == "," and np:
            close = tokens.index(",", i + 1) if "," in tokens[i + 1 : i + 25] else -1
            if close < 0:
                return None
            appos = tokens[i + 1 : close]
            i = close + 1
            break
        if tok[:1].isupper() or tok.lower() in NP_STARTS or is_role_token(tok) or tok in NAME_PARTICLES:
            np.append(tok)
            i += 1
            continue
        if tok[:1].islower() and not np and tok not in PREPOSITIONS and tok not in FORBIDDEN_IN_SUBJECT:
            np.append(tok)  # an adjective before a role: "retired neurosurgeon Ben Carson"
            i += 1
            continue
        break
    verb = tokens[i] if i < len(tokens) else ""
    if (
        not np
        or not _LOWER_WORD.fullmatch(verb)
        or verb in NAME_PARTICLES
        or verb in {"of", "and", "or", "the", "to", "in"}
    ):
        return None
    described = bool(appos) and looks_like_role(" ".join(appos))
    return " ".join(np), " ".join(appos) if described else None


_ADVERBS_ONLY = re.compile(r"\s*(?:[a-z]+ly\s+)*")
_IS_QUOTED_AS = re.compile(r"\s+(?:is|was|were|has\s+been)\s+quoted\s+as\s*$")
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|his|her)\b")


def _tail_cue(head: str, tail: str, cast: Cast, pos: tuple[int, int]) -> tuple[_Speaker, int] | None:
    """The attribution right after a quotation: "…,” X said" or "…,” said X" (and its length)."""
    tail_clean = tail.lstrip(",.!?;:…—– ")
    offset = len(tail) - len(tail_clean)
    if not tail_clean:
        return None
    stop = PLACEHOLDER.search(tail_clean)
    window = tail_clean[: stop.start()] if stop else tail_clean
    next_quote = PLACEHOLDER.search(tail)
    if m := DASH_CREDIT.fullmatch(tail[: next_quote.start()] if next_quote else tail):
        speaker = _credit(m.group("credit"), cast, pos)
        return (speaker, m.end()) if speaker else None
    verbs = _verbs(window)
    if not verbs:
        return _loose_tail(tail, window, cast, pos)
    verb = verbs[0]
    subject = window[: verb.start()]
    if not subject.strip() or _ADVERBS_ONLY.fullmatch(subject):
        if verb.group(0).endswith("ing"):
            return None  # "…,” promising the Friends of Abe …: a participle, not "said X"
        speaker = _parse_after_verb(window[verb.end() :], cast, pos)
    else:
        subject = _IS_QUOTED_AS.sub(" ", subject)
        if len(subject.split()) > 24 or ("," in subject.strip() and not subject.rstrip().endswith(",")):
            return None  # "…,” an insincere feint whose goal, he said, …: not "X said" after the quote
        speaker = _parse_subject(subject, cast, pos)
    if speaker is None:
        return None
    if verb.group(0) in REPORTING_VERBS and _PERSON_PRONOUN.search(head):
        return None  # an outlet passing on someone's words is not their speaker
    return speaker, offset + verb.end()


def _credit(text: str, cast: Cast, pos: tuple[int, int]) -> _Speaker | None:
    """The name in a credit line ("Bernie Sanders, in the debate on Thursday"), with its role."""
    name, _, rest = text.partition(",")
    words = name.split()
    if len(words) > 6 or any(w[:1].islower() and not is_role_token(w) and w not in NAME_PARTICLES for w in words):
        return None  # "— Reporting by John Smith", "— Trump on Clinton": not a bare credit
    speaker = _parse_np(name, cast, pos)
    if speaker and speaker.kind == "person" and rest.strip() and looks_like_role(rest.strip()):
        speaker.role = clean_role(rest.strip())
    return speaker if speaker and speaker.kind != "pronoun" else None


_LOOSE_TAIL_OPENERS = (",", "?", "!")
"""A quote handing over to a loose attribution ends in one of these."""
_NAME_THEN_VERB = re.compile(
    r"\s*(?P<np>(?:(?:the|an?|one)\s+)?(?:[a-z]+\s+)?(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)\s+(?:[a-z]+ly\s+)?(?P<v>[a-z]+(?:ed|s))\b"
)
_VERB_THEN_NAME = re.compile(
    r"\s*(?P<v>[a-z]+ed)\s+(?P<np>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)(?:\s*[.,]|\s+(?:of|from|who)\b)"
)


def _loose_tail(tail: str, window: str, cast: Cast, pos: tuple[int, int]) -> tuple[_Speaker, int] | None:
    """“…,” Bennett shot back: a named person and a verb right after a quote that ends in a comma."""
    if tail[:1] not in _LOOSE_TAIL_OPENERS:
        return None
    m = _NAME_THEN_VERB.match(window)
    if not m:
        inverted = _VERB_THEN_NAME.match(window)
        if inverted and inverted.group("v") not in FORBIDDEN_IN_SUBJECT:
            speaker = _parse_np(inverted.group("np"), cast, pos, strict=True)
            if speaker and speaker.kind == "person":
                return speaker, len(tail) - len(tail.lstrip(",.!?;:…—– ")) + inverted.end()
        return None
    if m.group("v") in FORBIDDEN_IN_SUBJECT or m.group("v") in {"has", "was", "is", "does", "as", "its"}:
        return None
    speaker = _parse_np(m.group("np"), cast, pos, strict=True)
    if speaker is None or speaker.kind != "person":
        return None
    return speaker, len(tail) - len(tail.lstrip(",.!?;:…—– ")) + m.end()


def _head_cue(head: str, cast: Cast, pos: tuple[int, int]) -> _Speaker | None:
    """The attribution before a quotation in its sentence: "X said: “…”", "X told Y that … “…”"."""
    for kind, text in _head_steps(head):
        if kind == "subject":
            speaker = _parse_subject(text, cast, pos)
        elif kind == "clause":
            speaker = _clause_subject(text, cast, pos)
        else:
            speaker = _parse_np(text, cast, pos, strict=kind == "strict np")
        if speaker:
            return speaker
    return None


_QUOTATION = re.compile(r"⟦\d+⟧")
_COLON_CLAUSE_BREAK = re.compile(r"[,;–—]\s|\s-\s")
_NAME_VERB_COLON = re.compile(
    r"(?P<np>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s|ing)(?:\s+(?:back|in|up|out))?"
    r"(?:\s+[a-z]+ly)?\s*$"
)
_SUBORDINATE = re.compile(r"(?<!,)\s\b(?:that|which|who|because|if|when|while|whether)\s")
_COORDINATE = re.compile(r"\s\b(?:and|but|then|so)\s")
_QUOTED_AS = re.compile(r"\bquoted(?:\s+\w+){0,3}\s+as\s*$")
_WAS_QUOTED_AS = re.compile(r"\s*\b(?:was|were)\s+quoted(?:\s+\w+){0,3}\s+as\s*$")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:[a-z]+ly\s+)?$")
_WITH_NAME = re.compile(r"^.*\bwith\s+(?=[A-Z])")


@lru_cache(maxsize=1 << 10)
def _head_steps(head: str) -> tuple[tuple[str, str], ...]:
    """The phrases `_head_cue` tries in turn, as far as the words decide them: ("subject", text
    before a speech verb), ("np" or "strict np", a noun phrase) or ("clause", the sentence, for
    its opening subject). The first that names a speaker is the cue. Cached: it depends on the
    text alone, and a paragraph's last sentence is asked about twice."""
    window = _QUOTATION.split(head)[-1]
    steps: list[tuple[str, str]] = []
    m = ASKED_BY.search(window) if any(map(window.__contains__, ASKED_BY_VERBS)) else None
    if m and not _verbs(m.group("np")):
        steps.append(("subject", m.group("np") + ("," if m.group(0).rstrip().endswith(",") else "")))
    verbs = _verbs(window)
    if window.rstrip().endswith(":"):
        clause = _COLON_CLAUSE_BREAK.split(window.rstrip()[:-1])[-1].strip()
        if 1 <= len(clause.split()) <= 6 and not verbs:
            steps.append(("np", clause))  # "Clinton: “…”"
        if not verbs:
            steps.append(("clause", head))
        if m := _NAME_VERB_COLON.search(window.rstrip()[:-1]):
            steps.append(("strict np", m.group("np")))
    for verb in reversed(verbs):
        before = window[: verb.start()]
        if verb.group(0).endswith("ing"):
            steps.append(("clause", head))  # "Christie bristled …, saying, “…”"
            continue
        before = _SUBORDINATE.split(" " + before)[-1]
        if not before.rstrip().endswith(","):  # "a woman asked for a photo and Clinton said"
            before = _COORDINATE.split(" " + before)[-1]
        if _QUOTED_AS.search(before):  # "was quoted as saying"
            before = _WAS_QUOTED_AS.sub("", before)
        elif _PASSIVE.search(before):
            continue  # passive: "Trump was asked" names who was asked, not who spoke
        before = _WITH_NAME.sub("", before)  # "…, with Trump reportedly yelling"
        steps.append(("subject", before))
    return tuple(steps)


def _according_to(sentence: str, cast: Cast, pos: tuple[int, int]) -> _Speaker | None:
    np = _according_np(sentence)
    return None if np is None else _parse_after_verb(np, cast, pos)


@lru_cache(maxsize=1 << 10)
def _according_np(sentence: str) -> str | None:
    """Who "according to" names in a sentence, as words; cached, since the last sentence of a
    paragraph is asked about twice."""
    m = ACCORDING_TO.search(sentence) if has_any(sentence, ACCORDING_TO_HINTS) else None
    return m.group("np") if m else None


# --- attribution -------------------------------------------------------------------------------


def _is_term(text: str, masked_head: str) -> bool:
    """A scare quote or title: a short phrase used inside the writer's own sentence."""
    words = len(text.split())
    if words > 4:
        return False
    if TERM_INTRO.search(masked_head):
        return True
    titled = all(t[:1].isupper() for t in text.split())
    return titled and words >= 2 and not text.rstrip().endswith(("?", "!"))


_CAPITAL = re.compile(r"[A-Z]")
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|they|it)\b")
_SPACE_OR_BRACKET = re.compile(r"[\s(]")


class _Attributor:
    """Walks the article in order, attributing each quotation and resolving pronouns."""

    def __init__(self, texts: list[str], masked: list[str], pieces: list[_Piece]) -> None:
        self.texts = texts
        self.masked = masked
        self.pieces = pieces
        self.cast = Cast(masked)
        self.history: list[tuple[tuple[int, int], _Speaker]] = []
        self.entries: list[_Entry] = []

    def resolve_pronoun(
        self, speaker: _Speaker, pos: tuple[int, int], same_sentence: list[_Speaker]
    ) -> _Speaker | None:
        """He, she or it: the nearest earlier speaker or clause subject it can refer to.

        Speakers named in the same sentence come first, then speakers and subjects going back
        up to three paragraphs; a person of the pronoun's known gender named as an object
        ("met Anna Kowalski") is the last resort.
        """
        want = PRONOUNS.get(speaker.pronoun or "", "")
        if want not in {"m", "f", "n"}:
            return None
        recent = [m for m in self.cast.mentions if m.pos < pos and m.pos[0] >= pos[0] - 3]
        ranked: list[tuple[tuple[int, int], int, _Speaker]] = [
            (hpos, 1, s) for hpos, s in self.history if hpos < pos and hpos[0] >= pos[0] - 3
        ]
        ranked += [
            (m.pos, 0, _Speaker(m.person.name, None, "person", person=m.person))
            for m in recent
            if m.subject and (m.person.evidence or len(m.person.mentions) > 1)
        ]
        ranked.sort(key=lambda x: (x[0], x[1]))
        candidates = list(reversed(same_sentence)) + [s for _, _, s in reversed(ranked)]
        for cand in candidates:
            if want == "n":
                if cand.kind == "org":
                    return _Speaker(cand.name, None, "org")
                continue
            if cand.kind == "person" and cand.person is not None and cand.person.guess_gender() in (None, want):
                return _Speaker(cand.person.name, None, "person", person=cand.person)
        for m in sorted(recent, key=lambda m: m.pos, reverse=True):
            if want in {"m", "f"} and m.person.guess_gender() == want:
                return _Speaker(m.person.name, None, "person", person=m.person)
        return None

    def run(self) -> list[_Entry]:
        """One entry per quotation (split and run-on quotes joined), in reading order."""
        ctx = _Context()
        credits = self._credit_lines()
        credits_follow = _credits_follow(self.masked, credits)
        last_quoted = max((para for para, mtext in enumerate(self.masked) if "⟦" in mtext), default=-1)
        for para, mtext in enumerate(self.masked):
            if para > last_quoted + 1 and self._settled():
                break  # no quotation below, nor a credit for one: what is left can change no entry
            if para in credits:
                if credits_follow:
                    self._credit_above(credits[para], para)
                else:  # "— Bernie Sanders" heading the quote below it
                    ctx.prev_para_colon, ctx.prev_para_speaker = credits[para], None
                continue
            spans = _sentences(mtext)
            ctx.prev_sentence_speaker = ctx.prev_sentence_colon = None
            para_speaker: _Speaker | None = None
            for index, (s0, s1) in enumerate(spans):
                sentence = mtext[s0:s1]
                if PLACEHOLDER.search(sentence):
                    para_speaker = self._quoted_sentence(sentence, (para, s0), index == 0, ctx) or para_speaker
                else:
                    self._plain_sentence(sentence, (para, s0), ctx)
                ctx.prev_sentence_colon = self._colon_cue(sentence, (para, s0))
            last = mtext[spans[-1][0] : spans[-1][1]] if spans else ""
            ctx.prev_para_colon = self._colon_cue(last, (para, len(mtext)))
            if PLACEHOLDER.search(last):
                ctx.prev_para_speaker = para_speaker
            else:
                ctx.prev_para_speaker = self._sentence_cue(last, (para, len(mtext))) if last else None
        return self.entries

    def _settled(self) -> bool:
        """Whether no sentence without a quotation can still give an entry its speaker: only the
        last entry may get one that way ("next sentence"), when it has none and is no term."""
        return not self.entries or self.entries[-1].speaker is not None or self.entries[-1].term

    def _credit_lines(self) -> dict[int, _Speaker]:
        """Paragraphs that are only a credit ("— Bernie Sanders."), with the speaker each names."""
        credits = {}
        for para, mtext in enumerate(self.masked):
            m = DASH_CREDIT.fullmatch(mtext)
            if m and (speaker := _credit(m.group("credit"), self.cast, (para, 0))):
                credits[para] = speaker
        return credits

    def _credit_above(self, speaker: _Speaker, para: int) -> None:
        """A credit line names the speaker of the unattributed quotes of the paragraph above."""
        for entry in reversed(self.entries):
            if self.pieces[entry.pieces[-1]].para != para - 1:
                break
            if entry.speaker is None and not entry.term:
                entry.speaker, entry.how = speaker, "dash credit"
                self.history.append(((para - 1, 0), speaker))

    def _plain_sentence(self, sentence: str, pos: tuple[int, int], ctx: _Context) -> None:
        """A sentence without quotation: it may name the next quote's speaker, or the last one's."""
        cue = self._sentence_cue(sentence, pos)
        if cue is None or sentence.rstrip().endswith(":"):
            return
        ctx.prev_sentence_speaker = cue
        last = self.entries[-1] if self.entries else None
        if last is not None and last.speaker is None and not last.term and _attribution_only(sentence):
            last.speaker, last.how = cue, "next sentence"

    def _quoted_sentence(self, sentence: str, pos: tuple[int, int], first: bool, ctx: _Context) -> _Speaker | None:
        """Attribute every quotation of one sentence; returns the last speaker found."""
        para, s0 = pos
        placeholders = list(PLACEHOLDER.finditer(sentence))
        found: dict[int, tuple[_Speaker | None, str, int | None]] = {}
        named_here: list[_Speaker] = []
        for ph in placeholders:
            speaker, how, cue_end = self._own_cue(sentence, ph, (para, s0), named_here)
            if speaker is not None:
                named_here.append(speaker)
            found[int(ph.group(1))] = (speaker, how, cue_end)
        attributed = [(ph, found[int(ph.group(1))][0]) for ph in placeholders if found[int(ph.group(1))][0]]
        rest = PLACEHOLDER.sub("", sentence)
        bare = not _CAPITAL.search(rest) and not _verbs(rest) and not _SUBJECT_PRONOUN.search(rest)
        last_speaker = None
        for ph in placeholders:
            n = int(ph.group(1))
            speaker, how, cue_end = found[n]
            head = sentence[: ph.start()]
            piece = self.pieces[n]
            previous = self.entries[-1] if self.entries else None
            if speaker is None and (shared := _shared_cue(sentence, ph, attributed, self.cast)):
                speaker, how = shared, "same sentence"
            if speaker is None and piece.continues and previous is not None:
                speaker, how = previous.speaker, "continued paragraph"
            if speaker is None and bare:
                speaker, how = ctx.inherited(first and not head.strip())
            text = self.texts[piece.para][piece.start : piece.end]
            term = how != "after" and _is_term(text, head)
            if term:
                speaker, how = None, "term"
            entry = self._place(n, speaker, how, not _SPACE_OR_BRACKET.sub("", head), cue_end)
            entry.term = entry.term or term
            if speaker is not None:
                self.history.append(((para, s0 + ph.start()), speaker))
                ctx.prev_sentence_speaker = last_speaker = speaker
        return last_speaker

    def _own_cue(
        self, sentence: str, ph: re.Match[str], pos: tuple[int, int], named_here: list[_Speaker]
    ) -> tuple[_Speaker | None, str, int | None]:
        """The attribution a quotation's own sentence gives it, and where that cue ends."""
        para, s0 = pos
        head, tail = sentence[: ph.start()], sentence[ph.end() :]
        at = (para, s0 + ph.start())
        speaker, how, cue_end = None, "", None
        if hit := _tail_cue(head, tail, self.cast, pos):
            speaker, how, cue_end = hit[0], "after", ph.end() + hit[1]
        elif speaker := _head_cue(head, self.cast, pos):
            how = "before"
        elif OWN_CLAIM.search(head) and (speaker := _clause_subject(head, self.cast, pos)):
            how = "own claim"
        elif speaker := _according_to(sentence, self.cast, (para, s0)):
            how = "according to"
        if speaker is not None and speaker.kind == "pronoun":
            speaker = self.resolve_pronoun(speaker, at, named_here)
        return speaker, how, cue_end

    def _sentence_cue(self, sentence: str, pos: tuple[int, int]) -> _Speaker | None:
        """The speaker of a sentence without a quotation ("Charap said Putin had lied.")."""
        body = sentence.rstrip().rstrip(":").rstrip()
        speaker = _head_cue(body + " ", self.cast, pos) or _according_to(sentence, self.cast, pos)
        if speaker is not None and speaker.kind == "pronoun":
            speaker = self.resolve_pronoun(speaker, pos, [])
        return speaker

    def _colon_cue(self, sentence: str, pos: tuple[int, int]) -> _Speaker | None:
        """The speaker a sentence ending in a colon introduces ("Cruz continued:")."""
        return self._sentence_cue(sentence, pos) if sentence.rstrip().endswith(":") else None

    def _place(self, n: int, speaker: _Speaker | None, how: str, starts: bool, cue_end: int | None) -> _Entry:
        """Append a new entry, or join the previous one that this piece continues (split or run-on quote)."""
        piece = self.pieces[n]
        prev = self.entries[-1] if self.entries else None
        if prev is not None and prev.pieces[-1] == n - 1 and prev.speaker is not None and not prev.term:
            prev_piece = self.pieces[n - 1]
            run_on = piece.continues and prev_piece.para == piece.para - 1
            split = (
                prev_piece.para == piece.para
                and how in {"previous sentence", "same sentence"}
                and prev.cue_in_gap
                and _is_attribution_gap(self.masked[piece.para], n - 1, n)
            )
            same = speaker is not None and speaker.name == prev.speaker.name
            if (run_on or split) and (same or (run_on and speaker is None)):
                prev.pieces.append(n)
                return prev
        entry = _Entry([n], speaker, how, full_sentence=starts, cue_in_gap=how == "after" and cue_end is not None)
        self.entries.append(entry)
        return entry


_POSSESSIVE_S = re.compile(r"[’']s$")
_DASH_NAME = re.compile(r"[-–—―]\s*[A-Z]")


def _shared_cue(
    sentence: str, ph: re.Match[str], attributed: list[tuple[re.Match[str], _Speaker]], cast: Cast
) -> _Speaker | None:
    """The speaker of another quote in the sentence, if nobody else is named between the two.

    “Unless Ukraine demands a signal” of peace talks, “it is unlikely …,” he said: one speaker.
    “…” — Sanders. “…” — Clinton: each quote has its own.
    """
    for other, speaker in sorted(attributed, key=lambda a: abs(a[0].start() - ph.start())):
        lo, hi = (ph.end(), other.start()) if other.start() > ph.start() else (other.end(), ph.start())
        between = PLACEHOLDER.sub("", sentence[lo:hi])
        names = [_POSSESSIVE_S.sub("", w.strip(",.;:()")) for w in between.split() if w[:1].isupper()]
        if not _DASH_NAME.search(between) and not any(n and cast.resolve([n], None) for n in names):
            return speaker
    return None


def _credits_follow(masked: list[str], credits: dict[int, _Speaker]) -> bool:
    """Whether the article's credit lines come after their quotes (a pull quote) or head them (a list)."""
    if not credits:
        return True
    first = min(credits)
    above = masked[first - 1] if first else ""
    below = masked[first + 1] if first + 1 < len(masked) else ""
    quote_only = re.compile(r"\s*(?:⟦\d+⟧[\s,.!?…]*)+")
    return bool(quote_only.fullmatch(above)) or not quote_only.fullmatch(below)


@dataclass
class _Context:
    """What the sentences before say about who is speaking, for a quotation without its own cue."""

    prev_para_speaker: _Speaker | None = None  # the speaker the previous paragraph ended with
    prev_para_colon: _Speaker | None = None  # the previous paragraph ends "Cruz continued:"
    prev_sentence_speaker: _Speaker | None = None
    prev_sentence_colon: _Speaker | None = None

    def inherited(self, opens_paragraph: bool) -> tuple[_Speaker | None, str]:
        """A bare quotation continues the speaker just introduced or just quoted."""
        if opens_paragraph:
            if self.prev_para_colon is not None:
                return self.prev_para_colon, "colon"
            return self.prev_para_speaker, "previous paragraph" if self.prev_para_speaker else ""
        if self.prev_sentence_colon is not None:
            return self.prev_sentence_colon, "colon"
        return self.prev_sentence_speaker, "previous sentence" if self.prev_sentence_speaker else ""


def _is_attribution_gap(masked: str, a: int, b: int) -> bool:
    """Only an attribution stands between two pieces ("…,” Lavrov said. “…")."""
    m = re.search(rf"⟦{a}⟧(?P<gap>.*?)⟦{b}⟧", masked)
    if not m:
        return False
    gap = m.group("gap").strip(" ,.;:–—")
    words = gap.split()
    if not words or len(words) > 16:
        return False
    if not any(w.strip(",.").lower() in SPEECH_VERBS for w in words):
        return False
    return not re.search(r"\b(?:adding|saying|noting|which|that|referring|while|but|because)\b", gap)


# --- ranking -----------------------------------------------------------------------------------


def _text_of(piece: _Piece, texts: list[str]) -> str:
    """A piece's words, verbatim, without the comma that only hands over to the attribution."""
    return texts[piece.para][piece.start : piece.end].strip().rstrip(",;:").strip()


@dataclass
class _Ranked:
    quote: Quote
    substantive: bool  # attributed, not a scare quote, eight words or more
    term: bool
    score: float
    order: int


def _rank(entry: _Entry, order: int, pieces: list[_Piece], paragraphs: Sequence[Paragraph]) -> _Ranked | None:
    """The entry as a `Quote` with what ranking needs; None for a quote under two words."""
    texts = [p.text for p in paragraphs]
    parts = [part for part in (_text_of(pieces[n], texts) for n in entry.pieces) if part]
    if not parts:
        return None
    text, continued = parts[0], tuple(parts[1:])
    words = sum(len(part.split()) for part in parts)
    if words < 2:
        return None
    speaker = entry.speaker
    name = speaker.name if speaker else None
    role = speaker.role if speaker and speaker.kind == "person" else None
    if speaker and speaker.person and not role:
        role = speaker.person.role
    anchor = paragraphs[pieces[entry.pieces[0]].para].anchor
    substantive = name is not None and not entry.term and words >= 8
    score = min(words, 45) + (12 if entry.full_sentence else 0) - order * 0.5
    return _Ranked(Quote(text, name, role, False, anchor, continued), substantive, entry.term, score, order)


def extract_quotes(paragraphs: Sequence[Paragraph]) -> list[Quote]:
    """Every direct quotation of two words or more, key ones first, attributed where the text says who.

    Key quotes are the substantive few (at most `MAX_KEY`): one per voice first, then a
    second from the same voices; longer full-sentence quotes and earlier ones rank higher.
    """
    texts = [p.text for p in paragraphs]
    pieces = _find_pieces(texts)
    if not pieces and not any("⟦" in text for text in texts):
        return []  # no quotation (nor a mark that masking would take for one): nothing to attribute
    entries = _Attributor(texts, _masked(texts, pieces), pieces).run()
    ranked: list[_Ranked] = []
    seen: set[tuple[str, str | None]] = set()
    for order, entry in enumerate(entries):
        r = _rank(entry, order, pieces, paragraphs)
        same = (r.quote.text.rstrip(".!?…").casefold(), r.quote.speaker) if r else None
        if r and same not in seen:  # a quote the article repeats is listed once, where it first appears
            seen.add(same)
            ranked.append(r)
    ranked.sort(key=lambda r: (not r.substantive, r.term, r.quote.speaker is None, -r.score, r.order))
    keys: set[int] = set()
    for repeat in (False, True):
        voices: set[str | None] = set()
        for i, r in enumerate(ranked):
            if r.substantive and len(keys) < MAX_KEY and i not in keys and (repeat or r.quote.speaker not in voices):
                keys.add(i)
                voices.add(r.quote.speaker)
    out = [replace(r.quote, key=i in keys) for i, r in enumerate(ranked)]
    return sorted(out, key=lambda q: not q.key)
