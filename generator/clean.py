"""Clean stage: a seed's raw text → `Document` (title, outlet, author, date, body paragraphs).

Scrapes mix the article with navigation, captions, credits, video labels and author bios.
Each line is classified from features that hold across outlets — length, final punctuation,
share of capitalised words, position (head, body, tail), repetition, and the shapes of
captions, credits, bylines and bios — never from the strings of particular sites. Whatever is
removed is kept in `Document.removed` as "reason: line", so an editor can see and correct it.

HTML seeds are first reduced to text lines and metadata by `html_extract`, then pass through
the same line rules.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass, field

from .html_extract import extract_page
from .model import Document, Paragraph, SeedFile

# --- The cleaning rules: word lists and patterns, in one place ------------------------------

UI_WORDS = frozenset(
    """
    share shares shared sharing tweet email print comment comments advertisement advertisements ad ads
    sponsored subscribe subscribed login log sign register account menu search close skip home next
    previous back top trending related more read show hide feed newsletter newsletters follow connect
    avatar reporter editor author written posted published updated tags topics topic photo photos video
    videos watch listen audio play gallery continue loading cookies accept privacy terms contact about
    us with on the to you your may also like what are looking for hi in min mins minute minutes sec
    seconds news latest view all see story stories copy copied link links whatsapp facebook twitter x
    linkedin reddit telegram instagram youtube flipboard by of up now here a an and save saved bookmark
    enlarge image images toggle caption expand collapse most popular viewed explore reuse this content
    sections edition live breaking coverage recommended opens new tab licensing purchase rights
    print-friendly font size text sign-up log-in options go click tap main navigation jobs
    subscriptions subscription these reading below above article articles scroll full learn index site
    """.split()
)
"""Words that navigation and UI lines are made of; a short line of only these is not article text."""

NEWSROOM_ROLES = (
    "reporter|editor|correspondent|journalist|writer|columnist|producer|photographer|critic|"
    "bureau chief|anchor|host|intern"
)
"""Bio roles whose "at/for X" names the outlet that published the article."""

OTHER_ROLES = "author|contributor|analyst|fellow|researcher|scholar|professor|director|scientist|expert"
"""Bio roles that name the author but whose employer ("fellow at a think tank") is not the outlet."""

NAME_PARTICLES = "de|da|del|der|van|von|al|el|bin|ibn|le|la|di|du|dos|ter"
"""Lower-case words allowed inside personal names ("Ursula von der Leyen")."""

LEAD_CLAUSE_WORDS = (
    "as|when|while|after|before|although|though|despite|since|amid|following|with|in|on|at|"
    "during|days|weeks|months|hours|years|once|if|even|just|until|for"
)
"""Words that open a subordinate or prepositional lead-in an inferred title can do without."""

_NAME_WORD = r"[A-Z][\w.'’-]*+"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:{NAME_PARTICLES})\s+)*{_NAME_WORD}){{1,3}}"
"""A personal name: two to four capitalised words, particles allowed between them."""

_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = (
    rf"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    rf"(?:{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NAME},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{4}})"
)
"""A calendar date with a year, as outlets print them (weekday optional)."""

_DATE_IN_TEXT = re.compile(rf"(?<![\w/-])(?P<date>{_FULL_DATE})(?![\w/-])")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}(?:[+-]\d{1,2})?)?", re.I)
_DATE_LEFTOVER = re.compile(r"[\s,|·–—-]*(?:at)?[\s,]*", re.I)
_DATE_LABEL = re.compile(
    r"^\s*(?P<label>(?:first\s+)?published|posted|date|released|(?P<updated>(?:last\s+)?updated|modified))"
    r"\s*(?:on\b|:)?\s*:?\s*",
    re.I,
)
"""A date line's label; "Updated …" dates are not publication dates."""

_CREDIT_WORDS = re.compile(
    r"\((?:[^()]*\b(?:photo|image|picture|pool|handout|source|credit|courtesy)s?\b[^()]*|[^()]*\bvia\s+[A-Z][^()]*)\)"
    r"\s*\.?\s*$"  # "(Photo by …)", "(AP Photo/…)", "(… via Getty Images)" closing a line
    r"|\b(?:photo|image|picture|photograph|video|footage)s?\s+(?:by|credit|courtesy|source)\b"  # "Photo by"
    r"|^\s*(?:image|photo|picture|photograph|caption|credit|file photo)s?\s*(?:credit|source|caption)?\s*[:,.…]+"
    r"|\b(?:photograph|credit|image|photo)s?\s*:\s*[A-Z][\w.'’&-]*(?:[\s/]+[\w.'’&-]+){0,8}\s*\.?\s*$"
    #  ^ "… Photograph: Name/Agency" closing a line
    r"|\bcredit(?:\.{3}|…)\s*\S"  # "…on Monday.Credit...Name for The Outlet"
    r"|\[(?:file|photo|image|reuters|ap|afp|getty)\b[^\]]*\]\s*$",  # "[File: Name/Agency via AP]"
    re.I,
)
"""Photo credit shapes (case-insensitive words)."""

_AGENCY_CREDIT = re.compile(
    r"(?:^|[.|]\s+)[A-Z][\w.'’-]*+(?:\s[A-Z][\w.'’-]*+){0,4}"
    r"(?:\s?/\s?[A-Za-z][\w.'’-]*+(?:\s[A-Za-z][\w.'’-]*+){0,3}){1,4}\s*$"
    r"|\bvia\s+(?:Getty\s+Images|[A-Z]{2,}(?:\s+Images)?)\s*$"
    r"|\(\s*[A-Z][\w.'’-]*+(?:\s[A-Z][\w.'’-]*+){0,4}\s?/\s?[A-Z][^()/]*(?:/[^()/]*){0,3}\)\s*\.?\s*$"
)
"""Credits as "Name Surname/Agency", "(Name Surname/Agency)" or "… via AGENCY" closing a line."""

_AGENCY_LINE = re.compile(
    r"^\s*(?:[A-Z][\w.&-]*\s+){0,3}(?:Images|Photos?|Pictures|Press|Agency|Pool)(?:\s*/\s*\w+)*\s*$"
)
"""A line that is only an agency credit: "Getty Images", "Associated Press", "Kremlin Pool"."""

CREDIT_WORDS_HINTS = tuple("( [ photo image picture video footage caption credit".split())
AGENCY_CREDIT_HINTS = ("/", "via")
AGENCY_LINE_HINTS = tuple("images photo pictures press agency pool".split())
CREDIT_HINTS = (*CREDIT_WORDS_HINTS, *AGENCY_CREDIT_HINTS, *AGENCY_LINE_HINTS)
"""Every credit shape above holds one of these (in lower case): a line with none is no credit, and
its slow searches are skipped; each pattern is only searched in a line holding one of its own
hints. A new credit shape must add its word here."""
_CREDIT_SEARCHES = (
    (_CREDIT_WORDS, CREDIT_WORDS_HINTS),
    (_AGENCY_CREDIT, AGENCY_CREDIT_HINTS),
    (_AGENCY_LINE, AGENCY_LINE_HINTS),
)

_VIDEO_LABEL = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?\s*[-–—|]\s*(?:source|video)\s*:", re.I)
_READ_TIME = re.compile(
    r"^\s*(?:\d+(?::\d{2})?|one|two|three|four|five)[\s-]*(?:min|minute)s?\.?(?:\s+(?:read|listen))?\s*$", re.I
)
_RELATIVE_TIME = re.compile(
    r"^\s*(?:(?:updated|published|posted|last updated)\s*:?\s*)?"
    r"(?:this\s+article\s+is\s+)?(?:more\s+than\s+)?(?:\d+|an?|one)\s+"
    r"(?:second|minute|hour|day|week|month|year)s?\s+(?:ago|old)\s*\.?\s*$",
    re.I,
)
_SOCIAL = r"(?:twitter|x|facebook|telegram|instagram|whatsapp|youtube|tiktok|linkedin|threads|bluesky)"
_CALL_TO_ACTION = (
    r"(?:"
    r"(?:sign\s+up|subscribe|register)\b[^.!?]*\b(?:newsletter|inbox|e-?mail|updates|alerts)"
    r"|(?:get|receive)\s+(?:the|our)\b[^.!?]*\b(?:newsletter|inbox|alerts)"
    rf"|(?:join|follow)\s+(?:us|[A-Z][\w’']*(?:\s+[A-Z][\w’']*){{0,3}})\s+on\s+{_SOCIAL}\b"
    r"|follow\s+[^.!?]*\bcoverage\b[^!?]*\bat\s+(?:https?://|www\.)"
    r"|(?:support|donate\s+to)\s+(?:us|our|[A-Z][\w’']*(?:\s+[A-Z][\w’']*){0,3}[’']s)\b[^.!?]*\bjournalism"
    r"|become\s+a\s+(?:member|subscriber|supporter|patron)"
    r"|(?:download|get)\s+(?:the|our)\s+(?:\w+\s+)?app\b"
    r"|(?:click|tap)\s+here\b"
    r"|(?:don['’]t|never)\s+miss\b"
    r")"
)
"""Newsletter, donation and follow-us blurbs: imperative or appeal, aimed at the reader, as a line
or a sentence of it opens."""
_CALL_TO_ACTION_OPENING = re.compile(_CALL_TO_ACTION, re.I)
_CALL_TO_ACTION_AFTER_STOP = re.compile(rf"[.!?]\s+{_CALL_TO_ACTION}", re.I)
"""`_CALL_TO_ACTION` after a stop: one search for `(?:^|[.!?]\\s+)…` would try a match at every
position; this one scans for the stops."""

_SECOND_PERSON_BLURB = re.compile(
    r"\b(?:(?:delivered\s+to|in|straight\s+to)\s+your\s+inbox|(?:our|this)\s+(?:free\s+)?(?:daily|weekly)?\s*newsletter)\b",
    re.I,
)
BLURB_HINTS = ("inbox", "newsletter")
"""Words `_SECOND_PERSON_BLURB` cannot match without (in lower case)."""
_RELATED_LINK = re.compile(
    r"^\s*(?:read\s+(?:more|also|next)|related(?:\s+(?:story|stories|articles?|coverage|content))?|"
    r"see\s+also|also\s+read|more\s+on\s+this(?:\s+story)?|recommended|watch|listen|latest|"
    r"more\s+from\s+\S+|explore\s+more|editor['’]s\s+picks?)\s*[:|>»–—-]",
    re.I,
)
_REPORTING_CREDIT = re.compile(
    r"^\s*\(?(?:additional\s+)?(?:reporting|writing|editing|research|translation)\s+by\b"
    r"|^\s*reporting\s+from\s+[A-Z][\w ,.'’-]*$"
    r"|^\s*\(?(?:this\s+(?:article|story)\s+(?:is\s+part\s+of|(?:was|has\s+been|first)\s+(?:originally\s+)?"
    r"(?:published|appeared|updated|produced)))"
    r"|^\s*(?:©|\(c\)|copyright\b)",
    re.I,
)
"""Credits and notices that close an article, as the line opens: reporting/editing credits,
republication, copyright."""
_NOTICE = re.compile(
    r"\bcontributed\s+(?:reporting|to\s+this\s+(?:report|story|article))|\ball rights reserved\b", re.I
)
"""The same, anywhere in the line."""
NOTICE_HINTS = ("contributed", "all rights reserved")
"""Words `_NOTICE` cannot match without (in lower case)."""

_IMAGE_UI = re.compile(r"\b(?:image|images|caption|photo|photos|picture|enlarge|gallery)\b", re.I)
UI_SEPARATOR_MARKS = "|·•"
_UI_SEPARATOR = re.compile(rf"\s+[{UI_SEPARATOR_MARKS}]\s+")
_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)
_SEPARATOR = re.compile(r"^\W+$")
BREADCRUMB_MARKS = ("|", ">", "»", "/", "•", "·", "›", "::")
"""What separates a breadcrumb's parts; a line holding none is looked for with `in`, not a search."""
_BREADCRUMB_SPLIT = re.compile(rf"\s+(?:{'|'.join(map(re.escape, BREADCRUMB_MARKS))})\s+")
_DATELINE = re.compile(
    r"^\s*(?:(?P<place>[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){0,3})\s+)?"
    r"(?P<outlet>[A-Z]{2,}[A-Za-z&]*|\([A-Z][\w&.]*(?:\s[A-Z][\w&.]*){0,2}\))\s*[—–-]+\s*$"
)
"""A dateline line of its own: "CNN —", "London CNN —", "Kyiv (Reuters) -"; the outlet is an
acronym or in brackets, so a place alone ("KYIV, Ukraine —") is never taken for an outlet."""

_INLINE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]+(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?)"
    r"\s+\((?P<outlet>[A-Z][\w&.]*(?:\s[A-Z][\w&.]*){0,3})\)\s*[—–-]{1,2}\s*(?=[A-Z“\"‘])"
    r"|^(?:[A-Z][\w’'.-]*(?:,?\s+[A-Z][\w’'.-]*){0,2}\s+)?\((?P<acronym>[A-Z]{2,6})\)\s*(?:[—–-]{1,2}\s*)?(?=[A-Z“\"‘])"
)
"""A wire dateline opening the first paragraph: "KYIV, Ukraine (AP) —", "MOSCOW, March 4 (Reuters) -",
"London (CNN) —", "(CNN)Donald …"."""

_PUBLICATION = re.compile(
    r"^\s*(?:publication|publisher|published\s+(?:in|by)|outlet|newspaper|magazine)\s*:?\s*"
    r"(?P<outlet>[A-Z0-9][^:|]*?)(?=\s+(?:volume|vol\.|issue|no\.|edition)\s*:?|\s*$)",
    re.I,
)
_BYLINE = re.compile(r"^\s*(?:by|written\s+by|author|words\s+by)\s*:?\s+(?P<rest>\S.*)$", re.I)
_BYLINE_ITEMS = re.compile(r"\s*,\s*|\s+(?:and|&)\s+|\s+(?:for|at)\s+(?=[A-Z])")
_OUTLET_SHAPE = re.compile(
    r"\b[A-Z]{2,}\b|\b(?:News|Times|Post|Press|Journal|Herald|Independent|Monitor|Daily|Weekly|Magazine|"
    r"Agency|Radio|TV|Network|Tribune|Gazette|Telegraph|Guardian|Review|Wire|Media)\b"
)
"""Words that make a byline's last item a publication ("By Jane Smith, BBC News") rather than a name."""

_BIO = re.compile(
    rf"^(?P<name>{_NAME})\s+(?:is|was|has\s+been|serves\s+as|works\s+as)\s+"
    rf"(?:(?:a|an|the)\s+|(?P<outlet_pos>[A-Z0-9][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){{0,3}})[’']s\s+)?"
    rf"(?P<desc>[^.]*?\b(?i:(?P<newsroom>{NEWSROOM_ROLES})|{OTHER_ROLES})s?\b[^.]*)"
)
_BIO_VERB = re.compile(
    rf"^(?P<name>{_NAME})\s+(?:covers|reports\s+on|writes\s+(?:about|on))\b[^.]*?\bfor\s+"
    rf"(?:the\s+)?(?P<outlet>[A-Z0-9][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){{0,3}})"
)
_BIO_OUTLET = re.compile(r"\b(?:at|for|with|of)\s+(?:the\s+)?(?P<outlet>[A-Z0-9][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,4})")
_NAME_LINE = re.compile(rf"^\s*{_NAME}\s*$")
_BIO_CONTINUATION = re.compile(r"^(?:He|She|They|His|Her|Their)\b")
_AUTHOR_LABEL = re.compile(
    r"^\s*(?:written\s+by|about\s+the\s+authors?|avatar|authors?|by|contributors?)\s*:?\s*$", re.I
)
_SUMMARY_LABEL = re.compile(
    r"^\s*(?:executive\s+summary|summary|key\s+points|in\s+brief|highlights|at\s+a\s+glance|"
    r"key\s+takeaways|the\s+big\s+picture|what\s+you\s+need\s+to\s+know)\s*:?\s*$",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣*+-]|\d+[.)])\s+")
_QUOTE_OPENING = re.compile(r"[“\"]\w")
_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*\s*$")
_WORD = re.compile(r"[\w’'-]+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9_'-]+")
"""`_WORD` for an ASCII line (’ is not ASCII): the same words, but a class `re` tests against a
bitmap instead of asking Unicode's tables about each character, a third faster."""
_YEAR_DIGITS = re.compile(r"\d\d{3}")
"""Four digits, written so that `re` scans for a digit (`\\d{4}` tries a match at every position)."""
_CASE_ODDITIES = "ıİſ\u212a"
"""Letters `re.I` matches to i, s or k, which `str.lower()` does not turn into them."""
_RUN_IN_HEADLINE = re.compile(r"^(?P<head>[^:.!]{12,140}?[?!]?):\s+(?=[A-Z“\"])")
_DATED_CAPTION = re.compile(rf"^[A-Z][^“”\"]{{20,}}?(?:,|\bon|\bin)\s+{_FULL_DATE}\.?\s*$")
"""A one-sentence line ending in a full date: the shape of a photo caption ("… in Moscow, on May 9, 2023.")."""

_MARKDOWN_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
_MARKDOWN_IMAGE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
_MARKDOWN_LINK_ONLY = re.compile(r"^\s*(?:[-*+]\s+)?\[[^\]]+\]\([^)]*\)\s*$")

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}

BODY_MIN_WORDS = 15
"""A line this long that ends like a sentence is article prose; the head ends before it."""

STANDFIRST_MIN_WORDS = 12
"""A standfirst (subtitle) is at least this long and clearly longer than the headline above it."""

STATEMENT_MIN_WORDS = 6
"""A line ending like a sentence with at least this many words may close the article."""

HEADING_MAX_WORDS = 14
"""A non-sentence line inside the article, this short or shorter, followed by prose, is a subhead."""

WRAP_MIN_WIDTH = 55
WRAP_MAX_WIDTH = 100
"""Most lines this long, none much longer: the text was hard-wrapped and lines must be joined."""

NAV_RUN = 3
"""This many short label lines in a row are a menu, not the article."""

CAPTION_MAX_WORDS = 120
"""A line with a photo credit and no more words than this is a caption."""

TITLE_MAX_WORDS = 20
"""An inferred title longer than this is cut at a word boundary."""

# --- Line model and features -----------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    text: str
    reason: str | None = None  # why it was removed; None keeps it
    heading: bool = False  # a section subhead inside the article
    markdown_level: int = 0  # "#" count when the seed marked it as a Markdown heading
    notes: list[str] = field(default_factory=list)  # parts cut from a kept line, with reasons


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """The words of a line; cached, since every rule asks for them."""
    return tuple((_ASCII_WORD if text.isascii() else _WORD).findall(text))


@functools.lru_cache(maxsize=4096)
def _lower(text: str) -> str:
    """`text.lower()`, cached like `_words`: the shape and repeat passes both fold every line, and
    folding text outside ASCII costs a table look-up per character."""
    return text.lower()


@functools.lru_cache(maxsize=1024)
def _ends_sentence(text: str) -> bool:
    """Cached like `_words`: the search tries every position of a line, and most rules ask."""
    return bool(_SENTENCE_END.search(text))


@functools.lru_cache(maxsize=1024)
def _is_prose(text: str) -> bool:
    return len(_words(text)) >= BODY_MIN_WORDS and (_ends_sentence(text) or text.rstrip().endswith(("”", '"')))


def _capitalised_share(text: str) -> float:
    words = [w for w in _words(text) if w[0].isalpha()]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def _is_ui(text: str) -> bool:
    """Every part ("Listen to this article · 6:12 min") a reading time or a few UI words."""
    if not any(map(text.__contains__, UI_SEPARATOR_MARKS)):  # one part: the split would find nothing
        return _is_ui_part(text)
    return all(_is_ui_part(part) for part in _UI_SEPARATOR.split(text))


def _is_ui_part(text: str) -> bool:
    if not 1 <= len(_words(text)) <= 7:  # before folding the words of every long line
        return False
    words = [w.lower().strip("'’") for w in _words(text)]
    return all(w in UI_WORDS or w.isdigit() for w in words) or bool(_READ_TIME.match(text))


def _is_credit(text: str, lower: str) -> bool:
    """A photo credit in the line, once trailing UI words ("Purchase Licensing Rights") are set aside.
    `lower` is `text.lower()`, for the three searches' hints."""
    if len(_words(text)) > CAPTION_MAX_WORDS:
        return False
    patterns = [pattern for pattern, hints in _CREDIT_SEARCHES if holds_any(text, lower, hints)]
    if not patterns:  # `core` below is a prefix of `text`: without a hint it holds none either
        return False
    core = text.rstrip(" ,.")
    while True:
        head, _, last = core.rpartition(" ")
        if not head or last.strip(",.").lower() not in UI_WORDS:
            break
        core = head.rstrip(" ,.")
    return any(p.search(t) for p in patterns for t in {text, core})


def has_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds one of `words` in any case: a quick test that lets a slow search be
    skipped. A letter that `re.I` matches to an ASCII one but `lower()` keeps apart (dotless ı,
    İ, long ſ, the Kelvin sign) makes it say yes."""
    return holds_any(text, text.lower(), words)


def holds_any(text: str, lower: str, words: tuple[str, ...]) -> bool:
    """`has_any`, given `text.lower()`."""
    if any(map(lower.__contains__, words)):
        return True
    return not text.isascii() and any(map(text.__contains__, _CASE_ODDITIES))  # every oddity is non-ASCII


def _is_notice(text: str, lower: str) -> bool:
    """A reporting credit, republication or copyright notice (`lower` is `text.lower()`)."""
    return bool(_REPORTING_CREDIT.match(text) or (holds_any(text, lower, NOTICE_HINTS) and _NOTICE.search(text)))


def _is_blurb(text: str, lower: str) -> bool:
    """A newsletter, donation or follow-us appeal to the reader (`lower` is `text.lower()`)."""
    return bool(_is_call_to_action(text) or (holds_any(text, lower, BLURB_HINTS) and _SECOND_PERSON_BLURB.search(text)))


def _is_call_to_action(text: str) -> bool:
    """A line or one of its sentences opening with `_CALL_TO_ACTION`."""
    return bool(_CALL_TO_ACTION_OPENING.match(text) or _CALL_TO_ACTION_AFTER_STOP.search(text))


def _is_label(text: str) -> bool:
    """A short line that is not a sentence: a menu item, kicker, tag or photo title."""
    return len(_words(text)) <= 3 and not _ends_sentence(text)


def _is_section_name(text: str) -> bool:
    """Kickers and section names: one to three words, ALL CAPS labels, or "Site: A, B and C"."""
    words = _words(text)
    if len(words) <= 3:
        return True
    if text.isupper() and len(words) <= 5:
        return True
    _, sep, tail = text.partition(":")
    if sep and "," in tail:
        items = re.split(r",\s*|\s+(?:and|&)\s+", tail.strip())
        return all(item and all(w[0].isupper() for w in _words(item)) for item in items)
    return False


# --- Dates -----------------------------------------------------------------------------------


def parse_date(text: str) -> str | None:
    """A full calendar date with a year, as YYYY-MM-DD; anything less exact gives None.

    Accepts "2024-03-04", "March 4, 2024", "4 March 2024", "Mon 4 Mar 2024" and unambiguous
    numeric dates ("03/14/2024"); "03/04/2024" could be either order, so it gives None.
    """
    text = re.sub(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", "", text.strip().rstrip("."), flags=re.I)
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text):
        mo, d, y = MONTHS.get(m.group(1).lower(), 0), int(m.group(2)), int(m.group(3))
    elif m := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})", text):
        d, mo, y = int(m.group(1)), MONTHS.get(m.group(2).lower(), 0), int(m.group(3))
    elif m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a > 12 >= b:
            d, mo = a, b
        elif b > 12 >= a:
            mo, d = a, b
        else:
            return None  # month/day or day/month: the text does not say which
    else:
        return None
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _date_only(text: str) -> str | None:
    """For a segment that is only a date (and a time): its YYYY-MM-DD, or "" when the date is
    ambiguous; None when the segment says more than a date."""
    m = _DATE_IN_TEXT.search(text) if _YEAR_DIGITS.search(text) else None  # every date shape has a year
    if not m:
        return None
    rest = _TIME.sub(" ", text[: m.start()] + " " + text[m.end() :])
    if not _DATE_LEFTOVER.fullmatch(rest):
        return None
    return parse_date(m.group("date")) or ""


# --- Splitting -------------------------------------------------------------------------------


def _split_lines(seed_text: str, kind: str) -> list[_Line]:
    """Plain text: every line is a paragraph, unless hard-wrapped. Markdown: blank lines separate."""
    if kind == "markdown":
        return [part for block in re.split(r"\n\s*\n", seed_text) for part in _markdown_block_lines(block)]
    raw = [line.strip() for line in seed_text.split("\n")]
    lengths = sorted(len(line) for line in raw if line)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    wrapped = 0 < width <= WRAP_MAX_WIDTH and sum(n >= WRAP_MIN_WIDTH for n in lengths) >= 0.4 * len(lengths)
    if not wrapped:
        return [_Line(" ".join(line.split())) for line in raw if line]
    # hard-wrapped text (e-mail, terminals): a line well short of the width ends its paragraph
    out: list[_Line] = []
    current: list[str] = []
    for line in [*raw, ""]:
        if line:
            current.append(line)
        if current and (not line or len(line) < 0.75 * width):
            out.append(_Line(" ".join(" ".join(current).split())))
            current = []
    return out


def _markdown_block_lines(block: str) -> list[_Line]:
    """A Markdown block: headings, images and link-only lines stand alone; prose lines join."""
    out: list[_Line] = []
    prose: list[str] = []

    def flush() -> None:
        if prose:
            out.append(_Line(" ".join(" ".join(prose).split())))
            prose.clear()

    for raw in block.split("\n"):
        if not raw.strip():
            continue
        if m := _MARKDOWN_HEADING.match(raw):
            flush()
            out.append(_Line(" ".join(m.group(2).split()), markdown_level=len(m.group(1))))
        elif _MARKDOWN_IMAGE.match(raw):
            flush()
            out.append(_Line(raw.strip(), reason="image"))
        elif _MARKDOWN_LINK_ONLY.match(raw):
            flush()
            out.append(_Line(raw.strip(), reason="link line (navigation or related story)"))
        elif _BULLET.match(raw):
            flush()
            prose.append(raw.strip())
            flush()
        else:
            prose.append(re.sub(r"^\s*>\s?", "", raw))
    flush()
    return out


# --- Passes ----------------------------------------------------------------------------------


def _mark_shapes(lines: list[_Line]) -> None:
    """Remove what is boilerplate wherever it stands: UI, captions, credits, blurbs, notices."""
    for i, line in enumerate(lines):
        if line.reason:
            continue
        text = line.text
        lower = _lower(text)  # once for the hint tests of the notice, blurb and credit checks
        if _SEPARATOR.match(text):
            line.reason = "separator"
        elif _VIDEO_LABEL.match(text):
            line.reason = "video label"
            prev = _prev_kept(lines, i)
            if prev is not None and not _is_prose(lines[prev].text):
                lines[prev].reason = "video title"
        elif _date_only(text) is not None:
            continue  # a date line: metadata, read with the head
        elif _READ_TIME.match(text) or _RELATIVE_TIME.match(text):
            line.reason = "reading time or age notice"
        elif _URL_LINE.match(text):
            line.reason = "web address"
        elif _is_ui(text) and not line.markdown_level:
            line.reason = "navigation or UI line"
        elif _RELATED_LINK.match(text):
            line.reason = "link to another story"
        elif len(_words(text)) <= 60 and _is_notice(text, lower):
            line.reason = "credit or notice"
        elif len(_words(text)) <= 60 and _is_blurb(text, lower):
            line.reason = "newsletter or call to action"
        elif not _opens_quote(text) and _is_credit(text, lower):
            line.reason = "photo caption or credit"
            if i > 0 and lines[i - 1].reason is None and _photo_title(lines[i - 1].text):
                lines[i - 1].reason = "photo title"
    # a caption sandwiched between image UI lines ("Enlarge this image" … "toggle caption")
    for i in range(1, len(lines) - 1):
        before, line, after = lines[i - 1], lines[i], lines[i + 1]
        if line.reason is None and _imagery(before) and _imagery(after) and not _opens_quote(line.text):
            line.reason = "photo caption or credit"


def _imagery(line: _Line) -> bool:
    """A caption, credit or image, or a UI line about one ("Enlarge this image", "toggle caption")."""
    if line.reason in {"photo caption or credit", "image"}:
        return True
    return line.reason == "navigation or UI line" and bool(_IMAGE_UI.search(line.text))


@functools.lru_cache(maxsize=1024)
def _opens_quote(text: str) -> bool:
    """Article paragraphs quote people; captions and credits almost never do. Cached like `_words`."""
    return bool(_QUOTE_OPENING.search(text))


def _photo_title(text: str) -> bool:
    """A short label right above a caption ("M777 Artillery Like in Ukraine"), not a byline or date."""
    if len(_words(text)) > 8 or _ends_sentence(text):
        return False
    metadata = (_PUBLICATION.match(text), _BYLINE.match(text), _DATE_LABEL.match(text), _DATE_IN_TEXT.search(text))
    return not any(metadata)


def _prev_kept(lines: list[_Line], i: int) -> int | None:
    j = i - 1
    while j >= 0 and lines[j].reason:
        j -= 1
    return j if j >= 0 else None


def _mark_repeats(lines: list[_Line]) -> dict[str, int]:
    """Later copies of a line are removed (scrapes repeat titles, menus, even paragraphs).

    Returns how often each line occurs: a repeated head line is likely the headline.
    """
    counts: dict[str, int] = {}
    for line in lines:
        key = _lower(line.text)
        counts[key] = counts.get(key, 0) + 1
        short_statement = _ends_sentence(line.text) and not _is_prose(line.text)
        if counts[key] > 1 and line.reason is None and not short_statement:
            line.reason = "repeated line"  # a short sentence may recur in an article ("Thank you.")
    return counts


def _mark_nav_runs(lines: list[_Line], start: int, end: int) -> None:
    """Menus: runs of short label lines, and breadcrumb lines ("World | Europe | Ukraine")."""
    i = start
    while i < end:
        j = i
        while j < end and lines[j].reason is None and _is_label(lines[j].text) and not lines[j].markdown_level:
            j += 1
        if j - i >= NAV_RUN:
            for line in lines[i:j]:
                line.reason = "navigation menu"
        i = max(j, i + 1)
    for line in lines[start:end]:
        if line.reason is not None or not any(map(line.text.__contains__, BREADCRUMB_MARKS)):
            continue  # without a separator the split gives one part
        parts = _BREADCRUMB_SPLIT.split(line.text)
        if len(parts) >= 3 and all(len(_words(p)) <= 4 for p in parts):
            line.reason = "navigation menu"


@dataclass
class _Meta:
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    outlet_summary: list[str] = field(default_factory=list)
    bare_dates: set[str] = field(default_factory=set)  # dates printed alone in the head
    bio_author: str | None = None  # from an end-of-article bio: used when no byline names one
    bio_outlet: str | None = None


def _is_body_candidate(line: _Line) -> bool:
    """The article's first paragraph: prose, or a wire lead of any length ("KYIV (AP) — …")."""
    if line.reason is None and _INLINE_DATELINE.match(line.text) and _ends_sentence(line.text):
        return True
    return (
        line.reason is None
        and _is_prose(line.text)
        and not _BULLET.match(line.text)
        and not (len(_words(line.text)) <= 60 and _DATED_CAPTION.match(line.text))
    )


def _tail_start(lines: list[_Line], body_start: int, bios_in_tail: bool = True) -> int:
    """Index after the article's last paragraph: bios, blurbs and link lists come after it.

    Before bios are judged, bio-shaped lines count as tail; afterwards a bio-shaped line that
    was kept (it describes someone the article quotes) is article text.
    """
    end = len(lines)
    for i in range(len(lines) - 1, body_start - 1, -1):
        line = lines[i]
        if line.reason is None and _is_statement(line.text) and not (bios_in_tail and _bio_match(line.text)):
            return i + 1
        end = i
    return end


def _is_statement(text: str) -> bool:
    """A sentence of some length that ends with a full stop or a quotation: article text, even if
    short. Link titles and questions in "more stories" lists do not end this way."""
    if _opens_quote(text) and re.search(r"[.!?,…][”’\"']\s*$", text):
        return True  # a closing quotation, however short ("“We’ll continue to fight!”")
    return len(_words(text)) >= STATEMENT_MIN_WORDS and bool(re.search(r"[.!…][”’\"')\]]*\s*$|[.,!?][”\"]\s*$", text))


def _bio_match(text: str) -> tuple[str, str | None] | None:
    """(author, outlet) when `text` opens like an author bio; outlet only for newsroom roles."""
    if m := _BIO.match(text):
        outlet = None
        if m.group("outlet_pos"):
            outlet = m.group("outlet_pos")
        elif m.group("newsroom") and (om := _BIO_OUTLET.search(m.group("desc"))):
            outlet = om.group("outlet")
        return m.group("name"), _outlet_name(outlet)
    if m := _BIO_VERB.match(text):
        return m.group("name"), _outlet_name(m.group("outlet"))
    return None


def _outlet_name(text: str | None) -> str | None:
    """An outlet as the text names it, without the sentence's full stop or brackets."""
    name = (text or "").strip().strip("()").rstrip(".,;:")
    return name or None


def _mark_author_tail(lines: list[_Line], body_start: int, meta: _Meta) -> None:
    """Remove end-of-article author blocks and bios; note the author and outlet they name.

    A bio is only believed in the tail and when the person is not someone the article itself
    talks about (an analyst introduced as "X is a fellow at Y" and quoted later is not a bio).
    """
    tail = _tail_start(lines, body_start)
    # what the article says about people: kept lines, less labels (a name line) and bio-shaped lines
    article = " ".join(
        ln.text
        for ln in lines
        if ln.reason is None
        and not _bio_match(ln.text)
        and not _parse_byline(ln.text)
        and (len(_words(ln.text)) > 4 or _ends_sentence(ln.text))
    )
    for i in range(tail, len(lines)):
        line = lines[i]
        if line.reason:
            if _AUTHOR_LABEL.match(line.text):
                line.reason = "author block"
            continue
        found = _bio_match(line.text)
        if found:
            name, outlet = found
            surname = name.split()[-1]
            if re.search(rf"\b{re.escape(surname)}\b", article):
                continue
            line.reason = "author bio"
            meta.bio_author = meta.bio_author or name
            meta.bio_outlet = meta.bio_outlet or outlet
            # short lines just before a bio (name, role, "Written By") belong to its block
            j = i - 1
            while j >= tail and len(_words(lines[j].text)) <= 4 and not _ends_sentence(lines[j].text):
                lines[j].reason = "author block"
                j -= 1
        elif _AUTHOR_LABEL.match(line.text):
            line.reason = "author block"
        elif lines[i - 1].reason == "author bio" and _BIO_CONTINUATION.match(line.text):
            line.reason = "author bio"


def _mark_author_labels(lines: list[_Line], meta: _Meta) -> None:
    """A label line ("Written By", "Author") followed by a line that is only a name: the author."""
    for label, name in itertools.pairwise(lines):
        if _AUTHOR_LABEL.match(label.text) and name.reason in (None, "author block") and _NAME_LINE.match(name.text):
            meta.author = meta.author or name.text.strip()
            label.reason = name.reason = "author block"


def _parse_byline(text: str) -> tuple[list[str], str | None] | None:
    """ "By A, B and C, Outlet" → ([A, B, C], Outlet); roles are dropped; None if not a byline."""
    m = _BYLINE.match(text)
    if not m:
        return None
    items = [item.strip().rstrip(".") for item in _BYLINE_ITEMS.split(m.group("rest")) if item.strip()]
    names: list[str] = []
    outlet = None
    for item in items:
        if re.search(rf"\b(?:{NEWSROOM_ROLES}|{OTHER_ROLES})s?\b", item, re.I):
            continue  # "Senior Correspondent"
        is_name = bool(_NAME_LINE.match(item))
        wire_caps = is_name and item.isupper() and items[0].isupper()  # "By ILLIA NOVIKOV and JIM HEINTZ"
        if _OUTLET_SHAPE.search(item) and not wire_caps:  # "By Tim Lister, CNN", "by Kyiv Post"
            outlet = _outlet_name(item)
        elif is_name:
            names.append(item.title() if item.isupper() else item)  # "By JIM HEINTZ" (wire style)
        else:
            return None  # "By the end of the year": not a byline
    return (names, outlet) if names or outlet else None


def _read_metadata(line: _Line, meta: _Meta) -> bool:
    """Datelines, publication lines, bylines and date lines; True when the line was one."""
    segments = [s for s in re.split(r"\s+[|·•]\s+", line.text) if s.strip()]
    kinds = []
    for segment in segments:
        if m := _DATELINE.match(segment):
            outlet = m.group("outlet").strip("()")
            meta.outlet = meta.outlet or outlet
            kinds.append("dateline")
        elif m := _PUBLICATION.match(segment):
            meta.outlet = meta.outlet or _outlet_name(m.group("outlet"))
            kinds.append("publication line")
        elif byline := _parse_byline(segment):
            names, outlet = byline
            meta.author = meta.author or " and ".join(names) or None
            meta.outlet = meta.outlet or outlet
            kinds.append("byline")
        elif (m := _DATE_LABEL.match(segment)) and (date := _date_only(segment[m.end() :])) is not None:
            if m.group("updated"):
                kinds.append("date line (updated, not published)")
            else:
                meta.published = meta.published or date or None
                kinds.append("date line")
        elif (date := _date_only(segment)) is not None:
            if date:
                meta.bare_dates.add(date)
            kinds.append("date line")
        elif _RELATIVE_TIME.match(segment):
            kinds.append("reading time or age notice")
        else:
            return False
    if not kinds:
        return False
    line.reason = "; ".join(dict.fromkeys(kinds))
    return True


def _headline_score(line: _Line, counts: dict[str, int]) -> float:
    text = line.text
    words = _words(text)
    if not (4 <= len(words) <= 25) or text.rstrip().endswith((":", ",", ";")):
        return 0.0
    if _ends_sentence(text) and not text.rstrip().rstrip("”’\"'").endswith(("?", "!")):
        return 0.0
    if _is_section_name(text):
        return 0.0
    score = 1.0 + (1.0 if 6 <= len(words) <= 18 else 0.5)
    if counts.get(_lower(text), 1) > 1:
        score += 0.5  # scrapes repeat the headline (page title, then article heading)
    if line.markdown_level == 1:
        score += 2.0
    return score


def _process_head(lines: list[_Line], body_start: int, counts: dict[str, int], meta: _Meta) -> None:
    """Before the body: metadata, the outlet's own summary bullets, the headline; the rest goes."""
    # bylines and date lines can follow a standfirst that reads like prose: look until the 2nd paragraph
    second = next((j for j in range(body_start + 1, len(lines)) if _is_body_candidate(lines[j])), len(lines))
    for line in lines[body_start + 1 : second]:
        if line.reason is None and not _is_prose(line.text):
            _read_metadata(line, meta)
    for i, line in enumerate(lines[:body_start]):
        if line.reason or _read_metadata(line, meta):
            continue
        if _SUMMARY_LABEL.match(line.text):
            line.reason = "outlet summary label"
            for follower in lines[i + 1 : body_start]:
                if _BULLET.match(follower.text) and follower.reason is None:
                    meta.outlet_summary.append(_BULLET.sub("", follower.text))
                    follower.reason = "outlet summary"
    if meta.published is None and len(meta.bare_dates) == 1:
        meta.published = min(meta.bare_dates)  # one date printed alone in the head: the publication date
    _mark_nav_runs(lines, 0, body_start)
    scores = {
        i: _headline_score(ln, counts)
        for i, ln in enumerate(lines[:body_start])
        if ln.reason is None and not _is_outlet(ln.text, meta.outlet or meta.bio_outlet)
    }
    for i in sorted(scores):
        # a much longer line straight after a headline-length candidate is its standfirst
        before, after = len(_words(lines[i - 1].text)), len(_words(lines[i].text))
        if scores.get(i - 1, 0) > 0 and before >= 6 and after >= max(STANDFIRST_MIN_WORDS, 1.3 * before):
            scores[i] = 0.0
    for i in scores:
        # a line followed by menu labels ("World", "Europe") is site furniture, not the headline
        if i + 1 < body_start and lines[i + 1].reason in (None, "navigation menu") and _is_label(lines[i + 1].text):
            scores[i] -= 0.5
    # ties go to the first candidate: captions and standfirsts follow the headline
    best = max(((score, -i) for i, score in scores.items() if score > 0), default=None)
    headline = -best[1] if best else None
    if headline is not None:
        meta.title = lines[headline].text
        lines[headline].reason = "headline"
    for i, line in enumerate(lines[:body_start]):
        if line.reason is None:
            n = len(_words(line.text))
            if headline is not None and i > headline and n >= 8:
                line.reason = "standfirst (subtitle before the article)"
            elif headline is not None and i > headline and n <= 6:
                line.reason = "short label before the article"
            elif n <= 6 or _is_section_name(line.text):
                line.reason = "kicker or section name"
            else:
                line.reason = "line before the article"


def _is_outlet(text: str, outlet: str | None) -> bool:
    return bool(outlet) and text.strip().lower().removeprefix("the ") == (outlet or "").lower().removeprefix("the ")


def _process_body(lines: list[_Line], body_start: int, tail: int) -> None:
    """Inside the article: subheads stay (marked), stray labels go, menus and link lists go."""
    _mark_nav_runs(lines, body_start, tail)
    run: list[_Line] = []
    for line in [*lines[body_start:tail], _Line("", reason="end")]:
        if line.reason is None and _is_link_like(line):
            run.append(line)
            continue
        if len(run) >= NAV_RUN:  # a subhead stands alone; three such lines in a row are a link list
            for item in run:
                item.reason = "link list inside the article"
        run = []
    for i in range(body_start, tail):
        line = lines[i]
        if line.reason or _is_prose(line.text) or len(_words(line.text)) >= BODY_MIN_WORDS:
            continue
        if _ends_sentence(line.text) and not line.text.rstrip().endswith("?"):
            continue  # a short paragraph of its own ("That remains to be seen.")
        nxt = next((j for j in range(i + 1, tail) if lines[j].reason is None or lines[j].reason == "headline"), None)
        followed_by_prose = nxt is not None and _is_prose(lines[nxt].text)
        after_caption = i + 1 < len(lines) and lines[i + 1].reason == "photo caption or credit"
        if after_caption:
            line.reason = "photo title"
        elif _opens_quote(line.text):
            continue  # a short quotation: speech, not a subhead (a repeated one goes as a pull quote)
        elif line.text.rstrip().endswith("?") and len(_words(line.text)) >= 5 and not followed_by_prose:
            continue  # a question the article asks, standing as its own paragraph
        elif (line.markdown_level or 2 <= len(_words(line.text)) <= HEADING_MAX_WORDS) and followed_by_prose:
            line.heading = True
        else:
            line.reason = "stray label inside the article"


def _is_link_like(line: _Line) -> bool:
    """Short, not a sentence, not a list item of the article: the shape of a link or label."""
    text = line.text
    statement = _ends_sentence(text) and not text.rstrip().endswith("?")
    return not _is_prose(text) and not statement and not _BULLET.match(text) and not _opens_quote(text)


def _mark_pull_quotes(lines: list[_Line], body_start: int, tail: int) -> None:
    """A short quoted line that repeats words of another paragraph is a pull quote, not new text."""
    kept = [ln for ln in lines[body_start:tail] if ln.reason is None]
    # one search per line through all the others (no line holds a line break), not one per pair
    joined = "\n".join(ln.text for ln in kept)
    starts = list(itertools.accumulate((len(ln.text) + 1 for ln in kept), initial=0))
    for line in kept:
        if len(_words(line.text)) > 40:
            continue
        core = line.text.strip(" “”\"'‘’")
        if len(_words(core)) < 5:
            continue
        at = joined.find(core)
        while at >= 0:
            if len(kept[bisect.bisect_right(starts, at) - 1].text) > len(line.text):  # a longer paragraph holds it
                line.reason = "pull quote (repeats the article)"
                break
            at = joined.find(core, at + 1)


def _strip_openers(lines: list[_Line], body_start: int, meta: _Meta) -> None:
    """The first paragraph may open with a wire dateline or a run-in headline; cut them off."""
    if body_start >= len(lines):
        return
    first = lines[body_start]
    if m := _INLINE_DATELINE.match(first.text):
        meta.outlet = meta.outlet or _outlet_name(m.group("outlet") or m.group("acronym"))
        first.notes.append(f"dateline: {first.text[: m.end()].strip()}")
        first.text = first.text[m.end() :]
    m = _RUN_IN_HEADLINE.match(first.text)
    if m and len(_words(m.group("head"))) >= 4 and _capitalised_share(m.group("head")) >= 0.6:
        first.notes.append(f"run-in headline: {m.group('head')}:")
        first.text = first.text[m.end() :]


def _trim_cut_off_end(lines: list[_Line]) -> None:
    """A scrape cut off mid-sentence: keep the last line's whole sentences, note the rest.

    Only a long last line (prose length) ending in a lower-case letter or comma counts; a
    short last line is a label and left to the tail rules.
    """
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].reason is None), None)
    if last is None:
        return
    line = lines[last]
    text = line.text.rstrip()
    if len(_words(text)) < BODY_MIN_WORDS or _ends_sentence(text) or not re.search(r"[a-z,]$", text):
        return
    ends = list(re.finditer(r"[.!?…][”’\"')\]]*(?=\s)", text))
    if ends:
        cut = ends[-1].end()
        line.notes.append(f"cut off mid-sentence (end of the scrape): {text[cut:].strip()}")
        line.text = text[:cut]
    else:
        line.reason = "cut off mid-sentence (end of the scrape)"


def _infer_title(paragraphs: list[Paragraph]) -> str:
    """No headline in the text: the first sentence's main clause, without lead-in or tail.

    "As a year … draws to a close, Vladimir Putin has made a point of …, with comments that …"
    gives "Vladimir Putin has made a point of …": the words are the article's own.
    """
    body = [p for p in paragraphs if not p.heading]
    if not body:
        return "Untitled article"
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", body[0].text)[0].rstrip(".")
    lead_in = re.match(rf"^(?:{LEAD_CLAUSE_WORDS})\b[^,]{{3,160}},\s+(?=[A-Z])", sentence, re.I)
    if lead_in and len(_words(sentence[lead_in.end() :])) >= 6:
        sentence = sentence[lead_in.end() :]
    words = sentence.split()
    tail = re.search(r",\s+(?:with|which|who|as|after|while|amid|according|saying|adding|but)\b|\s[–—]\s|;", sentence)
    if tail and len(_words(sentence[: tail.start()])) >= 6:
        sentence = sentence[: tail.start()]
        words = sentence.split()
    if len(words) > TITLE_MAX_WORDS:
        sentence = " ".join(words[:TITLE_MAX_WORDS]).rstrip(",;:") + "…"
    return sentence[:1].upper() + sentence[1:]


# --- The stage -------------------------------------------------------------------------------


def clean(seed: SeedFile) -> Document:
    """Turn a seed's text into a `Document`; front matter overrides what is inferred."""
    meta = _Meta()
    page_title = None
    page_removed: list[str] = []
    if seed.kind == "html":
        page = extract_page(seed.text)
        lines = [_Line(t) for t in page.lines]
        page_title = page.title
        meta.outlet, meta.author, meta.published, meta.url = page.outlet, page.author, page.published, page.url
        page_removed = list(page.removed)
    else:
        lines = _split_lines(seed.text, seed.kind)

    _mark_shapes(lines)
    counts = _mark_repeats(lines)
    body_start = next((i for i, ln in enumerate(lines) if _is_body_candidate(ln)), len(lines))
    _trim_cut_off_end(lines)
    _mark_author_tail(lines, body_start, meta)
    _mark_author_labels(lines, meta)
    tail = _tail_start(lines, body_start, bios_in_tail=False)
    if page_title:
        for line in lines[:body_start]:
            if line.reason is None and line.text.lower() == page_title.lower():
                line.reason = "headline"
    _process_head(lines, body_start, counts, meta)
    if page_title:
        meta.title = page_title
    _strip_openers(lines, body_start, meta)
    _process_body(lines, body_start, tail)
    _mark_pull_quotes(lines, body_start, tail)
    for line in lines[tail:]:
        if line.reason is None and not _read_metadata(line, meta):
            line.reason = "after the article (links, labels)"

    paragraphs: list[Paragraph] = []
    removed: list[str] = page_removed
    for line in lines:
        removed.extend(line.notes)
        if line.reason is None:
            paragraphs.append(Paragraph(f"p{len(paragraphs) + 1}", line.text, heading=line.heading))
        elif line.reason != "headline":
            removed.append(f"{line.reason}: {line.text}")

    title, title_inferred = meta.title, meta.title is None
    if title is None:
        title = _infer_title(paragraphs)
    fm = seed.front_matter
    if fm.get("title"):
        title, title_inferred = str(fm["title"]), False
    return Document(
        title=title,
        title_inferred=title_inferred,
        outlet=_override(fm, "outlet", meta.outlet or meta.bio_outlet),
        author=_override(fm, "author", meta.author or meta.bio_author),
        published=_override(fm, "published", meta.published),
        url=_override(fm, "url", meta.url),
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        outlet_summary=tuple(meta.outlet_summary),
        tags=tuple(str(t) for t in fm.get("tags", ()) or ()),  # type: ignore[union-attr]
    )


def _override(front_matter: dict[str, object], key: str, inferred: str | None) -> str | None:
    """The editor's front-matter value when present, else what the text supports."""
    value = front_matter.get(key)
    return str(value) if value not in (None, "") else inferred
