"""Property-based tests over random and mutated seed text: no crash, quotes and summary sentences
verbatim, front matter always parses back exactly, seed text always renders as text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.analyse import analyse
from generator.ingest import FRONT_MATTER_KEYS, SeedProblem, decode, split_front_matter
from generator.markup import GENERATED_NOTE, front_matter, md_text, page_meta_html
from generator.model import Briefing, SeedFile
from generator.render import contract_data, render_briefing

ROOT = Path(__file__).resolve().parent.parent
REAL_SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
HOSTILE_SNIPPETS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[link](javascript:alert(1))",
    "![img](http://x.example/p.png)",
    "---",
    "...",
    "{{ config }}",
    "{% raw %}",
    '!!! danger "Box"',
    '??? note "Folded"',
    '--8<-- "/etc/passwd"',
    "{ .md-button }",
    "{: #id .class }",
    "| a | b |",
    "|---|---|",
    "```",
    "~~~",
    "# Heading",
    "    indented code",
    "> quote",
    "* item",
    "1. item",
    "[TOC]",
    "“",
    "”",
    '"',
    "title: injected",
    "\x02klzzwxh:0\x03",
    "\u2028",
    "\ufeff",
    "&amp; &lt;",
    "<!-- x -->",
    "\\",
]


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` tags the safe loader does not know."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _site_extensions() -> list:
    """The Markdown extensions the site builds with: MkDocs' defaults plus mkdocs.yml's."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names, configs = ["toc", "tables", "fenced_code"], {}
    for item in config.get("markdown_extensions", []):
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    return [names, configs]


EXTENSIONS, EXTENSION_CONFIGS = _site_extensions()


class _Html(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def _fold(text: str) -> str:
    return " ".join(text.split())


def _visible(text: str) -> str:
    """What a reader sees of `text`: white space folded, control characters dropped."""
    return _fold("".join(ch for ch in _fold(text) if not (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F)))


seed_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=400) | st.lists(
    st.sampled_from(HOSTILE_SNIPPETS) | st.text(max_size=20), max_size=25
).map(" ".join)


CONTEXTS = {
    "{}": ("", "", {"p"}),
    "# {}": ("", "¶", {"h1", "a"}),
    "> “{}”": ("“", "”", {"blockquote", "p"}),
    "- {}": ("", "", {"ul", "li"}),
    '!!! abstract "Summary"\n\n    {}': ("Summary ", "", {"div", "p"}),
}
"""How render and hubs place seed text: the text around it a reader sees, and the elements allowed."""


@settings(max_examples=500, deadline=None)
@given(seed_text, st.sampled_from(sorted(CONTEXTS)), st.booleans())
@example("??? note", '!!! abstract "Summary"\n\n    {}', True)
@example('!!! danger "Box" then --8<-- "/etc/passwd" {: .x } [TOC]', "{}", True)
@example("1) item | a | b |", "- {}", False)
@example("```python", "{}", True)
@example("\x02klzzwxh:0\x03 and \r\x85 breaks", "{}", False)
@example("a\\*b* <http://x.org> [r][1] ![i](j) x  \ny __u__", "{}", True)
def test_seed_text_always_renders_as_the_same_text_and_no_markup(text, context, generated):
    """Also on a generated page (`GENERATED_NOTE` first), where most inline patterns are off."""
    source = (GENERATED_NOTE + "\n\n" if generated else "") + context.format(md_text(text))
    html = markdown.markdown(source, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    page = _Html(html)
    before, after, allowed = CONTEXTS[context]
    assert set(page.tags) <= allowed, html
    assert _fold("".join(page.text)) == _fold(f"{before}{_visible(text)}{after}"), html


yaml_keys = st.from_regex(r"[a-z_][a-z0-9_]{0,11}", fullmatch=True)
"""Keys are the contract's names; values are anything a seed can put into them."""
yaml_scalars = (
    st.none() | st.booleans() | st.integers(-(2**63), 2**63) | st.text(st.characters(exclude_categories=("Cs",)))
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(yaml_keys, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(yaml_keys, yaml_values, min_size=1, max_size=6))
def test_front_matter_is_read_back_exactly_by_yaml_and_by_mkdocs(data):
    block = front_matter(data)
    assert yaml.safe_load(block[4 : -len("---\n")]) == data
    body, meta = get_data(block + "\n# Body\n")
    assert meta == data
    assert body.strip() == "# Body"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600) | seed_text.map(lambda t: t.encode("utf-8")))
def test_decode_never_crashes_and_gives_clean_text(data):
    try:
        text, _ = decode(data)
    except SeedProblem as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert "\r" not in text
    assert all(not (ord(ch) < 32 and ch not in "\n\t") for ch in text)
    assert text.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=300), st.sampled_from(["", "title: ", "tags: "]))
def test_front_matter_split_never_crashes_and_keeps_only_known_keys(block, key):
    text = f"---\n{key}{block}\n---\nBody text of the article.\n"
    try:
        front, body, _ = split_front_matter(text)
    except SeedProblem as exc:
        assert "\n" not in str(exc)
        return
    assert set(front) <= set(FRONT_MATTER_KEYS)
    assert body.endswith("Body text of the article.\n")


@st.composite
def mutated_seed(draw) -> str:
    """A real seed with lines deleted, duplicated, split and laced with hostile snippets."""
    lines = draw(st.sampled_from(REAL_SEEDS)).read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(0, 12))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "splice", "cut"]))
        if op == "delete" and len(lines) > 3:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "insert":
            lines.insert(i, draw(st.sampled_from(HOSTILE_SNIPPETS)))
        elif op == "splice" and lines[i]:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(HOSTILE_SNIPPETS)) + lines[i][at:]
        elif op == "cut" and lines[i]:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_seed())
def test_mutated_seeds_analyse_without_crash_and_stay_verbatim(text):
    try:
        decoded, notes = decode(text.encode("utf-8"))
        front, body, fm_notes = split_front_matter(decoded)
    except SeedProblem:
        return
    seed = SeedFile("seeds/mutant.txt", "0" * 64, "text", body, front, notes + fm_notes)
    a = analyse(seed)
    source = _fold(body)
    for sentence in a.summary:
        assert _fold(sentence) in source, sentence
    for quote in a.quotes:
        assert _fold(quote.text) in source, quote.text
    rendered = render_briefing(Briefing("mutant", a, ()), {})
    rest, meta = get_data(rendered)
    assert meta == yaml.safe_load(yaml.safe_dump(contract_data(Briefing("mutant", a, ()))))
    assert rest.startswith(GENERATED_NOTE + "\n\n# ")


@settings(max_examples=200, deadline=None)
@given(seed_text, st.lists(seed_text, max_size=3))
def test_page_meta_for_the_theme_is_html_text_that_reads_back(title, tags):
    safe = page_meta_html({"title": title, "tags": tags, "hide": ["toc"]})
    assert set(safe) == {"title", "tags"}
    for shown, original in [(safe["title"], title), *zip(safe["tags"], tags, strict=True)]:
        assert "<" not in shown and '"' not in shown
        page = _Html(f"<title>{shown}</title>")
        assert page.tags == ["title"]
        assert "".join(page.text) == _visible(original)
