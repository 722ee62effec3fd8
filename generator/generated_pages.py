"""Python-Markdown extension for MkDocs: generated pages are read with only the syntax the
generator writes. Listed under `markdown_extensions` in mkdocs.yml; apart from `markup` so that
a build does without Python-Markdown's import."""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .markup import GENERATED_NOTE

UNWRITTEN_SYNTAX = (
    "escape",
    "reference",
    "image_link",
    "image_reference",
    "short_reference",
    "short_image_ref",
    "autolink",
    "automail",
    "linebreak",
    "html",
    "not_strong",
    "em_strong2",
)
"""Python-Markdown's inline patterns the generator never writes: it writes links, character
references, `*` emphasis and code, and `md_text` escapes the rest. On a generated page these
patterns are tried on every piece of text and never match: a quarter of a briefing's Markdown time."""


UNWRITTEN_BLOCKS = ("table", "setextheader", "hr", "olist", "reference")
"""Block syntax the generator never writes (tables, underlined headings, rules, numbered lists,
link definitions) and `md_text` escapes: each is otherwise tested on every block."""


class _GeneratedPage(Preprocessor):
    """On a page that starts with `GENERATED_NOTE`: drop the note and every pattern the generator
    never writes. Hand-written pages keep the whole of Markdown. MkDocs makes a new
    Markdown instance per page, so this changes one page only."""

    def run(self, lines: list[str]) -> list[str]:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None or lines[first] != GENERATED_NOTE:
            return lines
        for name in UNWRITTEN_SYNTAX:
            if name in self.md.inlinePatterns:
                self.md.inlinePatterns.deregister(name)
        for name in UNWRITTEN_BLOCKS:
            if name in self.md.parser.blockprocessors:
                self.md.parser.blockprocessors.deregister(name)
        return lines[:first] + lines[first + 1 :]


class GeneratedPages(Extension):
    """Listed under `markdown_extensions` in mkdocs.yml as `generator.generated_pages`."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_GeneratedPage(md), "generated_page", 40)  # before whitespace and HTML


def makeExtension(**kwargs) -> GeneratedPages:  # the name Python-Markdown looks for
    return GeneratedPages(**kwargs)
