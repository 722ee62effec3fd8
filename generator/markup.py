"""Seed text → Markdown that shows as literal text: never markup, script, include or attribute.

Characters that Markdown, HTML or the enabled extensions (attr_list, admonition, tables,
pymdownx) read as syntax are written as HTML character references, which every Markdown
renderer prints as the character itself. Control characters are dropped: Python-Markdown
uses two of them (STX, ETX) as its own placeholders.
"""

from __future__ import annotations

import html
import re

import yaml

_ALWAYS = re.compile(r"[&<>\\`*_{}\[\]#!|~^=$%]")
_AT_LINE_START = re.compile(r"^(\s*)([-+.:>?/0-9]|\d+[.)])")
_RUNS = re.compile(r"-{2,}|:{2,}|\.{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PAGE_META_SHOWN = ("title", "description", "subtitle")
"""Front-matter keys the theme prints into HTML as they are (no autoescape in MkDocs' Jinja)."""


def _ref(ch: str) -> str:
    return f"&#{ord(ch)};"


def md_text(text: str) -> str:
    """Escape `text` for inline Markdown; line breaks become spaces."""
    text = " ".join(_CONTROL.sub("", " ".join(text.split())).split())
    text = _ALWAYS.sub(lambda m: _ref(m.group(0)), text)
    text = _RUNS.sub(lambda m: "".join(_ref(c) for c in m.group(0)), text)
    return _AT_LINE_START.sub(lambda m: m.group(1) + "".join(_ref(c) for c in m.group(2)), text)


def link_text(text: str) -> str:
    """Escape text for use inside `[...]` of a Markdown link."""
    return md_text(text)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter: same text, 5x faster
    """The safe emitter, except that a string holding NEL (U+0085) is double-quoted: PyYAML
    writes it raw in other styles, and reading it back turns it into a space."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "\x85" in value else None)


_Dumper.add_representer(str, _represent_str)


def front_matter(data: dict) -> str:
    """A YAML front-matter block written by the YAML emitter, never by string formatting."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return f"---\n{body}---\n"


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
