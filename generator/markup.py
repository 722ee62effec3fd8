"""Seed text → Markdown that shows as literal text: never markup, script, include or attribute.

Characters that Markdown, HTML or the enabled extensions (attr_list, admonition, tables,
pymdownx) read as syntax are written as HTML character references, which every Markdown
renderer prints as the character itself. Control characters are dropped: Python-Markdown
uses two of them (STX, ETX) as its own placeholders.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import yaml

ALWAYS_ESCAPED = "&<>\\`*_{}[]#!|~^=$%"
"""Characters Markdown, HTML or an enabled extension reads as syntax wherever they stand."""
_ALWAYS = re.compile(f"[{re.escape(ALWAYS_ESCAPED)}]")
_AT_LINE_START = re.compile(r"^(\s*)([-+.:>?/0-9]|\d+[.)])")
_RUNS = re.compile(r"-{2,}|:{2,}|\.{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PAGE_META_SHOWN = ("title", "description", "subtitle")
"""Front-matter keys the theme prints into HTML as they are (no autoescape in MkDocs' Jinja)."""


def _ref(ch: str) -> str:
    return f"&#{ord(ch)};"


def one_line(text: str) -> str:
    """`" ".join(text.split())`: white space folded to single spaces, none at the ends."""
    return _folded(text)[0]


def _folded(text: str) -> tuple[str, bool]:
    """`one_line(text)`, and whether it is printable. Every white space character but the space
    is non-printable, so printable text (nearly all) with no double space nor one at an end is
    one line already: it is returned as it is."""
    if text.isprintable():
        if "  " in text or text[:1] == " " or text[-1:] == " ":
            return " ".join(text.split()), True
        return text, True
    text = " ".join(text.split())
    return text, text.isprintable()


_ALWAYS_REFS = {ch: _ref(ch) for ch in ALWAYS_ESCAPED}
"""The reference of each character `_ALWAYS` matches."""


def _always_ref(match: re.Match[str]) -> str:
    return _ALWAYS_REFS[match.group()]


@lru_cache(maxsize=1 << 16)
def md_text(text: str) -> str:
    """Escape `text` for inline Markdown; line breaks become spaces.

    Cached: hub pages escape the same titles, outlets and names hundreds of thousands of times.
    The characters `_ALWAYS` matches (in one paragraph in ten, once or twice) are replaced match
    by match: `str.translate` looked every character up in its table, six times slower."""
    text, printable = _folded(text)
    if not printable and _CONTROL.search(text):  # dropping one can leave two spaces, or one at an end
        text = " ".join(_CONTROL.sub("", text).split())
    if _ALWAYS.search(text):
        text = _ALWAYS.sub(_always_ref, text)
    if "--" in text or "::" in text or "..." in text:  # what `_RUNS` matches: seldom, and slow to look for
        text = _RUNS.sub(lambda m: "".join(_ref(c) for c in m.group(0)), text)
    start = _AT_LINE_START.match(text)  # only ever at the start: the text is one line
    if start:
        text = start.group(1) + "".join(_ref(c) for c in start.group(2)) + text[start.end() :]
    return text


def link_text(text: str) -> str:
    """Escape text for use inside `[...]` of a Markdown link."""
    return md_text(text)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter: same text, 5x faster
    """The safe emitter, except that a string holding NEL (U+0085) is double-quoted: PyYAML
    writes it raw in other styles, and reading it back turns it into a space."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "\x85" in value else None)


_Dumper.add_representer(str, _represent_str)


YAML_WIDTH = 100
"""Where the emitter breaks long lines (`yaml.dump(width=...)`)."""
_YAML_PRINTABLE = "\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
"""Beyond ASCII, what libyaml writes as it is: no line break, byte order mark or character beyond
the BMP (it escapes them)."""
_YAML_TEXT = re.compile("(?! )[\x20-\x7e" + _YAML_PRINTABLE + "]+(?<! )")
"""A string libyaml writes as it is, single-quoted: printable, no space at either end."""
_YAML_INDICATOR_START = re.compile(r"[#,\[\]{}&*!|>'\"%@`]|[-?:](?: |\Z)|---|\.\.\.")
"""A start that makes libyaml quote a string in block context; so does ": ", " #" or a final ":"."""
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


def front_matter(data: dict) -> str:
    """A YAML front-matter block written by the YAML emitter, never by string formatting.

    A mapping of plain keys, lists and one-line printable strings (nearly every page) is written
    here as libyaml writes it, at a third of its cost; anything else by libyaml itself."""
    body = _yaml_block(data)
    if body is None:
        body = yaml.dump(
            data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=YAML_WIDTH, default_flow_style=False
        )
    return f"---\n{body}---\n"


def _yaml_block(data: dict) -> str | None:
    """`yaml.dump` of `data` in block style, or None when it holds anything this does not write
    the way libyaml does."""
    out: list[str] = []
    if type(data) is not dict or not data or not _yaml_mapping(data, 0, "", out, {id(data)}):
        return None
    out.append("\n")
    return "".join(out)


@lru_cache(maxsize=256)
def _yaml_key(key: object) -> bool:
    """A key libyaml writes plain on the line of its value (a handful, used over and over)."""
    return type(key) is str and len(key) <= 64 and key.isidentifier() and _yaml_style(key) == _PLAIN


def _yaml_mapping(data: dict, indent: int, lead: str, out: list[str], seen: set[int]) -> bool:
    """The keys of `data` at `indent`, the first one after `lead`, each followed by its value."""
    newline = "\n" + " " * indent
    for key, value in data.items():
        if not _yaml_key(key):
            return False
        scalar = _yaml_scalar(value, indent + len(key) + 1, indent)
        if scalar is not None:
            out.append(lead + key + ":" + scalar)
        else:
            out.append(lead + key + ":")
            if not _yaml_node(value, indent, indent + len(key) + 1, False, out, seen):
                return False
        lead = newline
    return True


def _yaml_scalar(value: object, column: int, indent: int) -> str | None:
    """`value` written after the indicator that ends at `column` of a line of the block at
    `indent`, if it is a string, None or a bool this writes; else None. Its own function, and
    tried first, because nearly every value is one: no container's bookkeeping for them."""
    kind = type(value)
    if kind is str:
        style = _style_of(value)
        if style == _PLAIN:
            folded = value if column + 1 + len(value) <= YAML_WIDTH else _yaml_folded(value, column + 1, indent + 2)
            return " " + folded
        if style == _QUOTED:
            value = value.replace("'", "''")
            folded = value if column + 2 + len(value) <= YAML_WIDTH else _yaml_folded(value, column + 2, indent + 2)
            return " '" + folded + "'"
        return None
    if value is None:
        return " null"
    if kind is bool:
        return " true" if value else " false"
    return None


def _yaml_node(value: object, indent: int, column: int, item: bool, out: list[str], seen: set[int]) -> bool:
    """Add `value` (a container, or a scalar `_yaml_scalar` does not write), written after the
    indicator (`key:`, or `-` for an `item`) that ends at `column` of a line of the block at
    `indent`; False if this cannot write it."""
    kind = type(value)
    if kind is not dict and kind is not list:
        return False
    if id(value) in seen:  # the emitter would write an anchor and an alias
        return False
    seen.add(id(value))
    if not value:
        out.append(" {}" if kind is dict else " []")
        return True
    if kind is dict:
        return _yaml_mapping(value, indent + 2, " " if item else "\n" + " " * (indent + 2), out, seen)
    if item:  # a list in a list: never written here
        return False
    newline = "\n" + " " * indent + "-"
    for element in value:
        scalar = _yaml_scalar(element, indent + 1, indent)
        if scalar is not None:
            out.append(newline + scalar)
        else:
            out.append(newline)
            if not _yaml_node(element, indent, indent + 1, True, out, seen):
                return False
    return True


_PLAIN, _QUOTED, _UNWRITTEN = 0, 1, 2
"""How libyaml writes a string in block context: plain, single-quoted, or in a way this does not."""


def _yaml_style(text: str) -> int:
    """`_PLAIN` when libyaml writes `text` unquoted: `_yaml_text` with no indicator, and it does
    not read back as another type ("true", "null", "1.5"); `_QUOTED` when it is still printable
    text on one line (or empty); else `_UNWRITTEN`."""
    if not _yaml_text(text):
        return _UNWRITTEN if text else _QUOTED
    if _YAML_INDICATOR_START.match(text) or ": " in text or " #" in text or text[-1] == ":":
        return _QUOTED
    if text[0] not in _RESOLVER.yaml_implicit_resolvers and None not in _RESOLVER.yaml_implicit_resolvers:
        return _PLAIN
    return _PLAIN if _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG else _QUOTED


_style_of = lru_cache(maxsize=1 << 16)(_yaml_style)
"""`_yaml_style`, cached: names, places, anchors and labels recur on every page (two strings in three)."""


def _yaml_text(text: str) -> bool:
    """`_YAML_TEXT.fullmatch(text)`; ASCII text (nine strings in ten) told by `str.isprintable`,
    which is true of exactly its characters from space to tilde, in one pass in C."""
    if text.isascii():
        return text != "" and text.isprintable() and text[0] != " " and text[-1] != " "
    return _YAML_TEXT.fullmatch(text) is not None


def _yaml_folded(text: str, column: int, indent: int) -> str:
    """`text` starting at `column` as libyaml writes it: the line is broken at the first single
    space (not one of a run) met past `YAML_WIDTH`, and goes on at `indent`."""
    lines = []
    start = 0
    while True:
        space = text.find(" ", start + max(1, YAML_WIDTH - column + 1))
        while space != -1 and (text[space - 1] == " " or text[space + 1] == " "):
            space = text.find(" ", space + 1)
        if space == -1:
            break
        lines.append(text[start:space])
        start, column = space + 1, indent
    lines.append(text[start:])
    return ("\n" + " " * indent).join(lines)


def page_meta_html(meta: dict) -> dict:
    """The page-meta values the theme prints raw (title, tags…), HTML-escaped for the site.

    The briefing keeps the article's own text in its front matter (the contract); only the
    copy MkDocs hands to the theme is escaped, so `<script>` in a headline shows as text in
    the page `<title>`, the header, the nav, the tags index and the search index.
    """
    out: dict = {}
    for key in PAGE_META_SHOWN:
        if isinstance(meta.get(key), str):
            out[key] = _html_text(meta[key])
    if isinstance(meta.get("tags"), list):
        out["tags"] = [_html_text(str(t)) for t in meta["tags"]]
    return out


def _html_text(text: str) -> str:
    return html.escape(" ".join(_CONTROL.sub("", " ".join(text.split())).split()))


GENERATED_NOTE = "<!-- generated by `python -m generator build`: edit seeds/, not this file -->"
"""First line of every page the generator writes (after the front matter)."""
