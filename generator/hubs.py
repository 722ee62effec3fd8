"""Hub pages across all briefings: story overview (home), people and organisations, quotes,
timeline, tags and the editors' review list.

`person_pages` decides which entities get a page; `hub_pages` returns {docs-relative path:
Markdown} for `build` to write under docs/. Entities are named once across briefings by
`entities.resolve_names`, so "Putin" in one article and "Vladimir Putin" in another share a page.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .entities import Names, clean_speaker, resolve_names, roles
from .markup import GENERATED_NOTE, front_matter, link_text, md_text
from .model import Analysis, Briefing, DatedStatement, Document, Paragraph, Quote, SeedFile
from .render import UNSEARCHED_SECTION, quote_figure
from .slugs import slugify

PEOPLE_DIR = "people"
"""People and organisations share one folder (and `not_in_nav` rule) of mkdocs.yml."""
TOP_SPEAKERS = 8
QUOTES_PER_SPEAKER = 2
MONTH_NAMES = "January February March April May June July August September October November December".split()


@dataclass(slots=True)
class Said:
    """One quote with its briefing and its canonical speaker."""

    briefing: Briefing
    quote: Quote
    speaker: str | None
    _figure: tuple[str, str, str] | None = field(default=None, repr=False, compare=False)

    def figure(self) -> tuple[str, str, str]:
        """The quotation as shown, and the caption of its figure before and after the prefix of its
        link: made once, as a quote shows on its speaker's page, their listing and the quotes pages."""
        if self._figure is None:
            role = f" ({md_text(self.quote.role)})" if self.quote.role else ""
            before, after = _link_parts(self.briefing, self.quote.anchor)
            self._figure = self.quote.shown, f"— {_where(self.briefing)}{role} · {before}", after
        return self._figure


SCARE_QUOTE_WORDS = 4
"""Quoted phrases this short are scare quotes and titles, which no one is meant to have said."""


def _page(title: str, body: list[str], hide_toc: bool = False, searchable: bool = True) -> str:
    meta: dict = {"title": title}
    if hide_toc:
        meta["hide"] = ["toc"]
    if not searchable:  # Material leaves the page out of the search index
        meta["search"] = {"exclude": True}
    text = "\n".join(body).rstrip()
    return f"{front_matter(meta)}\n{GENERATED_NOTE}\n\n{text}\n"  # one copy of a long page, not four


def _sort_newest(briefings: list[Briefing]) -> list[Briefing]:
    """Newest first, undated last, then by slug."""
    dated = sorted((b for b in briefings if b.analysis.document.published), key=lambda b: b.slug)
    dated.sort(key=lambda b: b.analysis.document.published or "", reverse=True)
    undated = sorted((b for b in briefings if not b.analysis.document.published), key=lambda b: b.slug)
    return dated + undated


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _names(briefings: list[Briefing]) -> Names:
    return resolve_names([b.analysis for b in briefings])


def _said(briefings: list[Briefing], speakers: list[list[str | None]], newest: list[Briefing]) -> list[Said]:
    """Every quote of every briefing, newest briefing first (`newest`), each briefing's best quote
    first; `speakers[i]`: the canonical speaker of each quote of briefing i."""
    index = {b.slug: i for i, b in enumerate(briefings)}
    said = []
    for b in newest:
        said += [Said(b, q, s) for q, s in zip(b.analysis.quotes, speakers[index[b.slug]], strict=True)]
    return said


def _word_count(q: Quote) -> int:
    """`len(q.shown.split())`, without joining its pieces: the " … " between two is one word more."""
    return len(q.text.split()) + sum(len(c.split()) + 1 for c in q.continued)


def _where(b: Briefing) -> str:
    """ "CNN, 2023-12-27" as escaped Markdown; unknowns said as such."""
    d = b.analysis.document
    return f"{md_text(d.outlet or 'outlet unknown')}, {d.published or 'date unknown'}"


def _briefing_link(b: Briefing, prefix: str, anchor: str | None = None) -> str:
    before, after = _link_parts(b, anchor)
    return before + prefix + after


def _link_parts(b: Briefing, anchor: str | None = None) -> tuple[str, str]:
    """A link to briefing `b` before and after the prefix of its target (the way to the docs root)."""
    title = link_text(b.analysis.document.title)
    return f"[{title}](", (f"briefings/{b.slug}.md#{anchor})" if anchor else f"briefings/{b.slug}.md)")


def _entity_link(name: str, pages: dict[str, str], prefix: str) -> str:
    return f"[{link_text(name)}]({prefix}{pages[name]})" if name in pages else md_text(name)


def _quote_lines(s: Said, prefix: str) -> list[str]:
    """One quote as its own figure: consecutive `>` blocks would merge into one block quote."""
    shown, before, after = s.figure()
    return quote_figure(shown, before + prefix + after)


PERSON_QUOTES_SHOWN = 20
PERSON_MENTIONS_SHOWN = 50
"""The newest quotes and briefings on a person's page; all of them on listing pages under `all/`."""
DESCRIBED_LINKS = 5
"""Briefings linked per role under "Described as" (the newest): "Republican front-runner" had 1,000."""
PERSON_ALL_DIR = f"{PEOPLE_DIR}/all"
PEOPLE_NAMES_DIR = f"{PEOPLE_DIR}/names"
MIN_BRIEFINGS_FOR_PAGE = 2
"""A page gathers what several briefings say of one entity; a name in one briefing only would get
a page repeating that briefing (most such names are speakers quoted once), so it gets none."""


def _page_names(briefings: list[Briefing], names: Names) -> list[str]:
    """Canonical names that get a page: people and organisations named (or quoted) in two or more
    briefings, never a name some briefing lists as a place ("Ohio" taken for a speaker)."""
    seen_in: dict[str, set[str]] = defaultdict(set)
    places: set[str] = set()
    for i, b in enumerate(briefings):
        places.update(b.analysis.entities.places)
        for name in names.mentioned(i):
            seen_in[name].add(b.slug)
    return sorted(n for n, slugs in seen_in.items() if len(slugs) >= MIN_BRIEFINGS_FOR_PAGE and n not in places)


def person_pages(briefings: list[Briefing], names: Names | None = None) -> dict[str, str]:
    """Name → docs path of its page, for every canonical name with a page and every spelling of it
    that means the same entity in all briefings ("Putin", "Sergey Lavrov", "the ISW")."""
    names = names or _names(briefings)
    pages: dict[str, str] = {}
    taken = {"index"}  # people/index.md lists them all
    for name in _page_names(briefings, names):
        base = slugify(name, "entity")
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        pages[name] = f"{PEOPLE_DIR}/{slug}.md"
    meanings: dict[str, set[str]] = defaultdict(set)
    for aliases in names.aliases:
        for form, name in aliases.items():
            meanings[form].add(name)
    for form, canon in sorted(meanings.items()):
        if len(canon) == 1 and form not in pages and (name := next(iter(canon))) in pages:
            pages[form] = pages[name]
    return pages


def _canonical_pages(pages: dict[str, str], names: Names) -> dict[str, str]:
    """Only the canonical names of `pages` (the ones their page is titled with)."""
    return {n: p for n, p in pages.items() if n in names.kind}


def _by_speaker(said: list[Said]) -> dict[str, list[Said]]:
    """The attributed quotes of `said` by speaker, in the order of `said`."""
    by_speaker: dict[str, list[Said]] = defaultdict(list)
    for s in said:
        if s.speaker:
            by_speaker[s.speaker].append(s)
    return by_speaker


def entity_pages(
    briefings: list[Briefing],
    pages: dict[str, str],
    names: Names,
    by_speaker: dict[str, list[Said]],
    newest: list[Briefing],
) -> dict[str, str]:
    """A page per person or organisation, and the index of them all. `newest`: `briefings`, newest first."""
    position = {b.slug: i for i, b in enumerate(briefings)}
    # each briefing's link and its lines under "Mentioned in" (on a page, on its listing under
    # all/), made once for the pages of all the names it holds; its roles, for all those names
    links: dict[str, str] = {}
    mentioned_in: dict[str, list[tuple[str, tuple[int, list[str]]]]] = defaultdict(list)
    roles_by_slug: dict[str, dict[str, list[str]]] = {}
    describing: dict[str, list[Briefing]] = defaultdict(list)  # the briefings that give a name a role
    for b in newest:
        i = position[b.slug]
        links[b.slug] = link = _briefing_link(b, "../")
        where = _where(b)
        lines = (f"- {link} — {where}", (1, [f"- {_briefing_link(b, '../../')} — {where}"]))
        for name in names.mentioned(i):
            mentioned_in[name].append(lines)
        roles_by_slug[b.slug] = described = _roles_by_name(b, i, names)
        for name in described:
            describing[name].append(b)

    def roles_in(b: Briefing) -> dict[str, list[str]]:
        return roles_by_slug[b.slug]

    def link_of(b: Briefing) -> str:
        return links[b.slug]

    out: dict[str, str] = {}
    index: dict[str, list[tuple[str, str]]] = {"person": [], "organization": []}  # (name, its index line)
    for name, path in sorted(_canonical_pages(pages, names).items()):
        kind = names.kind[name]
        quotes = by_speaker.get(name, [])
        mentions = mentioned_in[name]
        stats = f"{_count(len(quotes), 'quote')}, {_count(len(mentions), 'briefing')}"
        index[kind].append((name, f"[{link_text(name)}]({path.removeprefix(PEOPLE_DIR + '/')}) — {stats}"))
        body = [f"# {md_text(name)}", "", f"*{'Person' if kind == 'person' else 'Organisation'}* · {stats}", ""]
        variants = sorted({clean_speaker(v) for v in names.forms.get(name, ())} - {name, ""})
        if variants:
            body += ["**Also written:** " + ", ".join(md_text(v) for v in variants), ""]
        described = _described(name, describing[name], roles_in, link_of)
        if described:
            body += ["## Described as", ""]
            body += [f"- {md_text(role)} — {_some(links)}" for role, links in described]
            body.append("")
        slug = path.removeprefix(PEOPLE_DIR + "/").removesuffix(".md")
        back = f"[{link_text(name)}](../{slug}.md)"
        if quotes:  # each quote is found on its briefing; the page is found by its name
            body += [f"## Quotes {UNSEARCHED_SECTION}", ""]
            for s in quotes[:PERSON_QUOTES_SHOWN]:
                body += _quote_lines(s, "../")
            if len(quotes) > PERSON_QUOTES_SHOWN:
                blocks = [(1, _quote_lines(s, "../../")) for s in quotes]
                out.update(_listing(PERSON_ALL_DIR, f"{slug}-quotes", f"{name}: all quotes", back, blocks))
                body += [f"[All {_count(len(quotes), 'quote')}](all/{slug}-quotes.md), newest first.", ""]
        body += [f"## Mentioned in {UNSEARCHED_SECTION}", ""]  # a list of titles
        body += [on_page for on_page, _ in mentions[:PERSON_MENTIONS_SHOWN]]
        if len(mentions) > PERSON_MENTIONS_SHOWN:
            blocks = [block for _, block in mentions]
            out.update(_listing(PERSON_ALL_DIR, f"{slug}-briefings", f"{name}: all briefings", back, blocks))
            body += ["", f"[All {_count(len(mentions), 'briefing')}](all/{slug}-briefings.md), newest first."]
        out[path] = _page(name, body)
    lines = [
        "# People and organisations",
        "",
        "Everyone named or quoted in two or more briefings; anyone else is found on their one briefing.",
        "",
    ]
    for kind, heading in (("person", "People"), ("organization", "Organisations")):
        if index[kind]:
            lines += [f"## {heading}", ""]
            if len(index["person"]) + len(index["organization"]) <= PAGE_ITEMS:
                lines += [f"- {line}" for _, line in index[kind]] + [""]
                continue
            letters = _names_by_initial(kind, heading, index[kind], names, out)
            lines += [" · ".join(letters), ""]
    out[f"{PEOPLE_DIR}/index.md"] = _page("People and organisations", lines)
    return out


def _names_by_initial(
    kind: str, heading: str, entries: list[tuple[str, str]], names: Names, out: dict[str, str]
) -> list[str]:
    """A long people index as pages by initial (people by surname) under `people/names/`, added to
    `out`; returns the index's links to them."""
    by_letter: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, line in sorted(entries, key=lambda e: (_sort_name(e[0], names), e[0])):
        by_letter[_initial(name, names)].append((name, line))
    links = []
    back = "[People and organisations](../index.md)"
    for letter in sorted(by_letter, key=lambda k: (k == "other", k)):
        label = "Other" if letter == "other" else letter.upper()
        key = f"{heading.lower()}-{letter}"
        blocks = [(1, [f"- {line.replace('](', '](../', 1)}"]) for _, line in by_letter[letter]]
        out.update(_listing(PEOPLE_NAMES_DIR, key, f"{heading}: {label}", back, blocks))
        links.append(f"[{label}](names/{key}.md) ({len(blocks)})")
    return links


def _some(links: list[str]) -> str:
    """The first `DESCRIBED_LINKS` links (newest briefings first), then how many more there are."""
    shown = ", ".join(links[:DESCRIBED_LINKS])
    return shown + (f" and {len(links) - DESCRIBED_LINKS} more" if len(links) > DESCRIBED_LINKS else "")


def _described(
    name: str,
    mentions: list[Briefing],
    roles_in: Callable[[Briefing], dict[str, list[str]]],
    link_of: Callable[[Briefing], str],
) -> list[tuple[str, list]]:
    """Each role an article gives the entity, with links (`link_of`) to the briefings that give it."""
    found: dict[str, dict[str, None]] = {}  # role → links, in order, each once
    for b in mentions:
        described = roles_in(b).get(name)
        if described:
            link = link_of(b)
            for role in described:
                found.setdefault(role, {})[link] = None
    return sorted(((role, list(links)) for role, links in found.items()), key=lambda kv: kv[0].casefold())


def _roles_by_name(b: Briefing, i: int, names: Names) -> dict[str, list[str]]:
    """The roles briefing `i` gives each entity it names (those it gives one): quote roles of its
    speakers first, then what its text says of each form of the name (form by form, sorted)."""
    out: dict[str, list[str]] = defaultdict(list)
    quotes = b.analysis.quotes
    for q, speaker in zip(quotes, names.speakers(i, quotes), strict=True):
        if q.role and speaker:
            out[speaker].append(q.role)
    known = dict(b.analysis.described)
    for form, name in sorted(names.aliases[i].items()):
        found_roles = known.get(form)
        if found_roles is None:  # a form the analysis did not describe
            found_roles = roles(b.analysis.document.paragraphs, clean_speaker(form) or form)
        if found_roles:
            out[name] += found_roles
    return out


PAGE_ITEMS = 100
"""Most items (briefings, quotes, dated lines) on one listing page. A hub page must not grow with the
number of articles: its Markdown, table of contents and HTML would grow without bound, and every
reader would download it whole."""
LATEST_ON_HOME = 20
KEY_QUOTES_LISTED = 10
"""Newest key quotes per speaker on the quotes pages; a speaker's page has them all."""
ARCHIVE_DIR = "archive"
QUOTES_DIR = "quotes"
TIMELINE_DIR = "timeline"
REVIEW_DIR = "review"
UNDATED = "undated"


def _pack(blocks: list[tuple[int, list[str]]], size: int = PAGE_ITEMS) -> list[list[list[str]]]:
    """Consecutive blocks (item count, Markdown lines) onto pages of at most `size` items; a block is
    never split, so one bigger than `size` has a page of its own."""
    pages: list[list[list[str]]] = [[]]
    filled = 0
    for count, lines in blocks:
        if pages[-1] and filled + count > size:
            pages.append([])
            filled = 0
        pages[-1].append(lines)
        filled += count
    return pages


def _part_path(folder: str, key: str, n: int) -> str:
    return f"{folder}/{key}.md" if n == 1 else f"{folder}/{key}-{n}.md"


def _listing(folder: str, key: str, title: str, back: str, blocks: list[tuple[int, list[str]]]) -> dict[str, str]:
    """One listing as pages `folder/key.md`, `folder/key-2.md`, …, each linking back and to the others.
    Left out of search: each item is found on its own briefing, and would only crowd it out."""
    parts = _pack(blocks)
    paths = [_part_path(folder, key, n) for n in range(1, len(parts) + 1)]
    out = {}
    for n, (path, chunk) in enumerate(zip(paths, parts, strict=True), 1):
        heading = title if len(parts) == 1 else f"{title} (part {n} of {len(parts)})"
        body = [f"# {md_text(heading)}", "", back, ""]
        if len(parts) > 1:
            links = [f"**{i}**" if i == n else f"[{i}]({p.rsplit('/', 1)[1]})" for i, p in enumerate(paths, 1)]
            body += ["Parts: " + " · ".join(links), ""]
        for lines in chunk:
            body += lines
        out[path] = _page(heading, body, searchable=False)
    return out


def _month_key(b: Briefing) -> str:
    """ "2023-12" for a briefing published in December 2023; "undated" without a date."""
    published = b.analysis.document.published
    return published[:7] if published else UNDATED


def _key_label(key: str) -> str:
    return "Date unknown" if key == UNDATED else _date_label(key)


def _by_month(newest: list[Briefing]) -> dict[str, list[Briefing]]:
    """Briefings (`newest`: newest first) by publication month, each month newest first; months
    newest first, undated last."""
    months: dict[str, list[Briefing]] = defaultdict(list)
    for b in newest:
        months[_month_key(b)].append(b)
    return months


def _month_index(counts: dict[str, int], folder: str) -> list[str]:
    """Markdown lines linking each month's first page: a line per year, newest year first."""
    years: dict[str, list[str]] = defaultdict(list)
    for key in sorted(k for k in counts if k != UNDATED):
        year, month = key.split("-")
        years[year].append(f"[{MONTH_NAMES[int(month) - 1]}]({folder}/{key}.md) ({counts[key]})")
    lines = [f"- **{year}:** " + " · ".join(years[year]) for year in sorted(years, reverse=True)]
    if UNDATED in counts:
        lines.append(f"- [Date unknown]({folder}/{UNDATED}.md) ({counts[UNDATED]})")
    return lines or ["*None.*"]


def archive(months: dict[str, list[Briefing]]) -> dict[str, str]:
    """Every briefing on a page of its publication month (or of undated ones), with its lead."""
    out: dict[str, str] = {}
    back = "[All briefings by month](../index.md#archive)"
    for key, month in months.items():
        blocks = [
            (1, [f"## {_briefing_link(b, '../')}", "", _where(b), "", md_text(b.analysis.lead), ""]) for b in month
        ]
        out.update(_listing(ARCHIVE_DIR, key, f"Briefings: {_key_label(key)}", back, blocks))
    return out


def home(
    briefings: list[Briefing],
    pages: dict[str, str],
    by_speaker: dict[str, list[Said]],
    newest: list[Briefing],
    months: dict[str, list[Briefing]],
) -> str:
    """The story overview: outlets, date span, who said what; the newest briefings; the archive."""
    body = [
        "# Briefings",
        "",
        "[People and organisations](people/index.md) · [Quotes](quotes.md) · [Timeline](timeline.md) · "
        "[Tags](tags.md) · [Review list](review.md) · [Archive](#archive) · [RSS](feed.xml) · "
        "[JSON Feed](feed.json)",
        "",
        "## The story so far",
        "",
    ]
    outlets = Counter(b.analysis.document.outlet for b in briefings if b.analysis.document.outlet)
    unknown = sum(1 for b in briefings if not b.analysis.document.outlet)
    listed = [f"{md_text(o)} ({c})" for o, c in sorted(outlets.items(), key=lambda oc: (-oc[1], oc[0]))]
    if unknown:
        listed.append(f"outlet unknown ({unknown})")
    body.append(
        f"- **{_count(len(briefings), 'briefing')}** from {_count(len(outlets), 'named outlet')}: " + ", ".join(listed)
    )
    dates = sorted(b.analysis.document.published for b in briefings if b.analysis.document.published)
    undated = len(briefings) - len(dates)
    span = f"{dates[0]} to {dates[-1]}" if dates else "no publication date is known"
    body.append(f"- **Published:** {span}" + (f" ({undated} undated)" if dates and undated else ""))
    body += ["", "## Who said what", ""]
    counts = {name: len(theirs) for name, theirs in by_speaker.items()}
    top = sorted(counts, key=lambda n: (-counts[n], n))[:TOP_SPEAKERS]
    if not top:
        body += ["*No attributed quotes yet.*", ""]
    for name in top:
        theirs = by_speaker[name]
        outlets_of = sorted({md_text(s.briefing.analysis.document.outlet or "outlet unknown") for s in theirs})
        body += [f"### {_entity_link(name, pages, '')}", ""]
        body += [
            f"{_count(counts[name], 'quote')} in {_count(len({s.briefing.slug for s in theirs}), 'briefing')}: "
            + ", ".join(outlets_of),
            "",
        ]
        shown: list[Said] = []
        for s in sorted(theirs, key=lambda s: (not s.quote.key, -_word_count(s.quote))):
            if len(shown) < QUOTES_PER_SPEAKER and all(x.briefing.slug != s.briefing.slug for x in shown):
                shown.append(s)
        for s in shown:
            body += _quote_lines(s, "")
    # the leads are the articles' own words, found on their briefings: out of search
    body += [f"## Latest briefings {UNSEARCHED_SECTION}", ""]
    for b in newest[:LATEST_ON_HOME]:
        body += [f"### {_briefing_link(b, '')} {UNSEARCHED_SECTION}", "", _where(b), "", md_text(b.analysis.lead), ""]
    body += [f"## Archive {UNSEARCHED_SECTION}", "", "Every briefing, by the month it was published:", ""]
    body += [*_month_index({k: len(v) for k, v in months.items()}, ARCHIVE_DIR), ""]
    return _page("Briefings", body, hide_toc=True)


def _sort_name(name: str, names: Names) -> str:
    """People by surname, organisations by their whole name."""
    return (name.split()[-1] if names.kind.get(name) == "person" else name).casefold()


def _initial(name: str, names: Names) -> str:
    """The letter a speaker is listed under ("a"…"z"), accents folded; "other" for anything else."""
    first = unicodedata.normalize("NFKD", _sort_name(name, names))[:1]
    return first if "a" <= first <= "z" else "other"


def quotes_index(pages: dict[str, str], names: Names, said: list[Said]) -> dict[str, str]:
    """Key quotes by speaker: an index of initials, and a page per initial with each speaker's newest
    key quotes (all of them on the speaker's own page)."""
    by_speaker: dict[str, list[Said]] = defaultdict(list)
    for s in said:
        if s.quote.key and s.speaker:
            by_speaker[s.speaker].append(s)
    by_letter: dict[str, list[str]] = defaultdict(list)
    for speaker in sorted(by_speaker, key=lambda n: (_sort_name(n, names), n)):
        by_letter[_initial(speaker, names)].append(speaker)
    out: dict[str, str] = {}
    index = []
    back = "[All speakers by initial](../quotes.md)"
    for letter in sorted(by_letter, key=lambda k: (k == "other", k)):
        blocks = []
        for speaker in by_letter[letter]:
            said = by_speaker[speaker]
            lines = [f"## {_entity_link(speaker, pages, '../')}", ""]
            for s in said[:KEY_QUOTES_LISTED]:
                lines += _quote_lines(s, "../")
            if len(said) > KEY_QUOTES_LISTED and speaker in pages:
                more = len(said) - KEY_QUOTES_LISTED
                lines += [f"{_count(more, 'older key quote')} on [their page](../{pages[speaker]}).", ""]
            blocks.append((min(len(said), KEY_QUOTES_LISTED), lines))
        label = "Other" if letter == "other" else letter.upper()
        index.append(f"- [{label}]({QUOTES_DIR}/{letter}.md): {_count(len(by_letter[letter]), 'speaker')}")
        out.update(_listing(QUOTES_DIR, letter, f"Key quotes: {label}", back, blocks))
    body = ["# Key quotes by speaker", "", "Speakers by surname (organisations by name), newest quotes first.", ""]
    body += index or ["*No key quotes yet.*"]
    out["quotes.md"] = _page("Quotes", body, searchable=False)  # each quote is found on its briefing
    return out


@lru_cache(maxsize=1 << 12)
def _date_label(date: str) -> str:
    """ "25 December 2023", "December 2023", "2023"; without its year, "25 December".

    Cached: the timeline labels every date of every article, most of them the same few hundred."""
    if date.startswith("--"):
        month, day = date.lstrip("-").split("-")
        return f"{int(day)} {MONTH_NAMES[int(month) - 1]}"
    year, *rest = date.split("-")
    if not rest:
        return year
    month = MONTH_NAMES[int(rest[0]) - 1]
    return f"{int(rest[1])} {month} {year}" if len(rest) == 2 else f"{month} {year}"


YEAR_NOT_STATED = "year-not-stated"


def _timeline_pages(dated: dict[str, list[tuple[str, str, str]]]) -> tuple[dict[str, str], list[str]]:
    """Dated lines (by year) on pages of about `PAGE_ITEMS`: quiet years share a page, a busy year
    has pages of its own. Returns the pages and the index lines that link them."""
    out: dict[str, str] = {}
    index: list[str] = []
    back = "[The whole timeline](../timeline.md)"
    runs: list[list[str]] = [[]]
    for year in sorted(dated):
        if runs[-1] and sum(len(dated[y]) for y in runs[-1]) + len(dated[year]) > PAGE_ITEMS:
            runs.append([])
        runs[-1].append(year)
    for run in filter(None, runs):
        key = run[0] if len(run) == 1 else f"{run[0]}-to-{run[-1]}"
        label = run[0] if len(run) == 1 else f"{run[0]} to {run[-1]}"
        blocks: list[tuple[int, list[str]]] = []
        for year in run:
            lines = [line for _, _, line in sorted(dated[year])]
            blocks += [(0, [f"## {year}", ""]), *((1, [line]) for line in lines), (0, [""])]
        pages = _listing(TIMELINE_DIR, key, f"Timeline: {label}", back, blocks)
        out.update(pages)
        parts = f", {len(pages)} pages" if len(pages) > 1 else ""
        index.append(f"- [{label}]({TIMELINE_DIR}/{key}.md) ({_count(sum(len(dated[y]) for y in run), 'date')}{parts})")
    return out, index


def timeline(briefings: list[Briefing]) -> dict[str, str]:
    """Publication dates and dated statements on pages by year (busy years by month); dates given
    without a year apart, by article. `timeline.md` indexes them."""
    dated: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    undated: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for b in briefings:
        d = b.analysis.document
        if d.published:
            line = f"- **{_date_label(d.published)}** — *published:* {_briefing_link(b, '../')} ({_where(b)})"
            dated[d.published[:4]].append((d.published, b.slug, line))
        for s in b.analysis.dates:
            line = _statement(s, b, "../")
            if s.date.startswith("--"):
                undated[b.slug].append((s.date, line))
            else:
                dated[s.date[:4]].append((s.date, b.slug, line))
    out, index = _timeline_pages(dated)
    body = [
        "# Timeline",
        "",
        "Dates as precise as the articles give them: a day, a month or a year. A date the article "
        "gives without its year is listed apart under its article; no year is guessed.",
        "",
        "## Dated",
        "",
        *(index or ["*No dated items.*"]),
        "",
        "## Year not stated",
        "",
    ]
    by_slug = {b.slug: b for b in briefings}
    blocks = []
    for slug in sorted(undated, key=lambda s: (by_slug[s].analysis.document.published or "9999", s)):
        b = by_slug[slug]
        lines = [line for _, line in sorted(undated[slug], key=lambda dl: dl[0])]
        blocks.append((len(lines), [f"## {_briefing_link(b, '../')}", "", _where(b), "", *lines, ""]))
    if blocks:
        back = "[The whole timeline](../timeline.md)"
        out.update(_listing(TIMELINE_DIR, YEAR_NOT_STATED, "Timeline: dates without a year", back, blocks))
        body.append(
            f"[Dates given without a year]({TIMELINE_DIR}/{YEAR_NOT_STATED}.md), in {_count(len(blocks), 'briefing')}"
        )
    else:
        body.append("*None.*")
    out["timeline.md"] = _page("Timeline", body, searchable=False)  # its sentences are found in their briefings
    return out


def _statement(s: DatedStatement, b: Briefing, prefix: str) -> str:
    source = f"[{link_text(_where_plain(b))}]({prefix}briefings/{b.slug}.md#{s.anchor})"
    return f"- **{_date_label(s.date)}** — {md_text(s.sentence)} ({source})"


def _where_plain(b: Briefing) -> str:
    d = b.analysis.document
    return d.outlet or d.title


def tags_page() -> str:
    return _page(
        "Tags",
        ["# Tags", "", "Briefings by the people, organisations and places they name.", "", "<!-- material/tags -->"],
        searchable=False,  # a listing of titles: searching it finds the list, not the briefing
    )


def _problems(b: Briefing, speakers: list[str | None]) -> list[str]:
    """What an editor should check in one briefing (`speakers`: of its quotes), as Markdown lines
    (none: nothing to check)."""
    d = b.analysis.document
    problems = []
    if d.title_inferred:
        problems.append("title inferred from the text: check it")
    if not d.outlet:
        problems.append("outlet unknown")
    if not d.published:
        problems.append("publication date unknown")
    surnames = sorted({n for n in speakers if n and " " not in n})
    if surnames:
        problems.append("speakers known by one name only: " + ", ".join(md_text(n) for n in surnames))
    unattributed = [q for q in b.analysis.quotes if not q.speaker and _word_count(q) > SCARE_QUOTE_WORDS]
    if not problems and not unattributed:
        return []
    lines = [f"- {p}" for p in problems]
    if unattributed:
        lines.append(f"- {_count(len(unattributed), 'unattributed quote')}:")
        lines += [
            f"    - “{md_text(q.shown)}” ([{q.anchor}](../briefings/{b.slug}.md#{q.anchor}))" for q in unattributed
        ]
    return lines


def review(
    briefings: list[Briefing], speakers: list[list[str | None]], months: dict[str, list[Briefing]]
) -> dict[str, str]:
    """What an editor should check, per briefing, on a page per publication month (`months`: of
    `briefings`, as `_by_month` makes them; `speakers` as for `_said`); each problem fixable with
    front matter in the seed. `review.md` indexes the months."""
    position = {b.slug: i for i, b in enumerate(briefings)}
    out: dict[str, str] = {}
    counts: dict[str, int] = {}
    back = "[Review list by month](../review.md)"
    for key, month in months.items():
        blocks = []
        for b in month:
            if problems := _problems(b, speakers[position[b.slug]]):
                blocks.append((1, [f"## {_briefing_link(b, '../')}", "", *problems, ""]))
        if blocks:
            counts[key] = len(blocks)
            out.update(_listing(REVIEW_DIR, key, f"Review list: {_key_label(key)}", back, blocks))
    body = [
        "# Review list",
        "",
        "Briefings an editor should check, by the month they were published. Fix metadata with front "
        "matter in the seed (`title`, `outlet`, `published`, …), never in the generated briefing.",
        "",
    ]
    body += _month_index(counts, REVIEW_DIR) if counts else ["*Nothing to review.*"]
    out["review.md"] = _page("Review list", body, searchable=False)
    return out


_NO_SEED = SeedFile("", "", "", "")


def hub_view(b: Briefing, aliases: dict[str, str], text: Callable[[Analysis], Analysis] | None = None) -> Briefing:
    """Briefing `b` with only what hub pages read of it (`aliases`: its `Names.aliases`): no seed,
    summary, tags, word counts or paragraph keys, and no body text unless a name form it uses has
    no description of its own (`_roles_by_name` then searches the text; `text` gives it back to an
    analysis without it). Hub pages are made from views, so a change a view does not show (a
    paragraph added) leaves every hub page as it was."""
    a = b.analysis
    paragraphs: tuple[Paragraph, ...] = ()
    if not aliases.keys() <= {form for form, _ in a.described}:
        a = text(a) if text is not None else a
        if a.text_omitted is not None:
            raise ValueError(f"{a.seed.path}: its hub view needs the article's text, which its analysis goes without")
        paragraphs = a.document.paragraphs
    d = a.document
    document = Document(d.title, d.title_inferred, d.outlet, None, d.published, None, paragraphs)
    view = Analysis(_NO_SEED, document, (), "", a.lead, a.quotes, a.entities, a.dates, (), described=a.described)
    return Briefing(b.slug, view, ())


def hub_pages(briefings: list[Briefing], pages: dict[str, str], names: Names | None = None) -> dict[str, str]:
    """Every generated page outside briefings/, by docs-relative path: the home, archive, quotes,
    timeline, tags and review pages, and the entity pages."""
    names = names or _names(briefings)
    newest = _sort_newest(briefings)  # the order of nearly every list: sorted once
    months = _by_month(newest)
    speakers = [names.speakers(i, b.analysis.quotes) for i, b in enumerate(briefings)]
    said = _said(briefings, speakers, newest)  # every quote with its speaker, newest first: for three kinds of page
    by_speaker = _by_speaker(said)
    out = {"index.md": home(briefings, pages, by_speaker, newest, months), "tags.md": tags_page()}
    out.update(archive(months))
    out.update(quotes_index(pages, names, said))
    out.update(timeline(briefings))
    out.update(review(briefings, speakers, months))
    out.update(entity_pages(briefings, pages, names, by_speaker, newest))
    return out
