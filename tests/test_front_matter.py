"""`markup.front_matter` writes most front matter itself: its text must be libyaml's to the byte."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.markup import YAML_WIDTH, _Dumper, _yaml_block, front_matter


def _libyaml(data: dict) -> str:
    body = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=YAML_WIDTH, default_flow_style=False
    )
    return f"---\n{body}---\n"


PIECES = [
    *("a", "Word", "Zelensky", "O'Brien", "Putin's", "x" * 30, "long-word-" * 8, "é", "—", "“", "”", "\xa0"),
    *(" ",) * 6,
    *("  ", "'", '"', ":", ": ", " #", "#", "-", "- ", "?", "? ", "---", "...", ",", "[", "]", "{", "}", "&", "*"),
    *("!", "|", ">", "%", "@", "`", "=", "~", "<<", "\\", "0", "1.5", "+1", "0x1F", ".inf", "2023-12-01", "yes"),
    *("No", "null", "true", "\t", "\n", "\x00", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffd", "\ufffe", "\U0001f600"),
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
KEYS = st.sampled_from(
    ["title", "sha256", "summary", "a", "on", "yes", "null", "Title", "_x", "é", "\U0001d465", "k-1", ""]
)
SCALARS = st.one_of(TEXT, TEXT.map(str.strip), st.none(), st.booleans(), st.integers())
TREES = st.recursive(
    SCALARS, lambda kids: st.one_of(st.lists(kids, max_size=5), st.dictionaries(KEYS, kids, max_size=5)), max_leaves=30
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.dictionaries(KEYS, TREES, min_size=1, max_size=8))
@example({"title": "a" * (YAML_WIDTH - 8) + " b c"})  # the last column before the break, and the first after
@example({"title": "a" * (YAML_WIDTH - 6) + " b", "lead": "a" * 95 + "  b " + "c " * 60 + "d"})
@example(
    {"quotes": [{"text": "x " * 80, "continued": [], "speaker": None, "key": True}], "entities": {"people": ["A"]}}
)
def test_front_matter_is_what_libyaml_writes(data):
    assert front_matter(data) == _libyaml(data)


PLAIN_KEYS = st.sampled_from(["title", "sha256", "summary", "quotes", "a", "b"])
LEAVES = st.one_of(TEXT.filter(lambda s: s.strip(" ") == s), st.none(), st.booleans())
FLAT = st.one_of(LEAVES, st.lists(LEAVES, max_size=4))


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.dictionaries(
        PLAIN_KEYS,
        st.one_of(FLAT, st.lists(st.dictionaries(PLAIN_KEYS, FLAT, max_size=5), max_size=3)),
        min_size=1,
        max_size=8,
    )
)
def test_front_matter_of_the_shape_of_a_briefing_is_what_libyaml_writes(data):
    assert front_matter(data) == _libyaml(data)


def test_what_libyaml_writes_its_own_way_is_left_to_it():
    shared = ["x"]
    assert _yaml_block({"a": shared, "b": shared}) is None  # an anchor and an alias
    assert _yaml_block({"a": "line\nbreak"}) is None
    assert _yaml_block({"a": 1}) is None
    assert front_matter({"a": shared, "b": shared}) == _libyaml({"a": shared, "b": shared})
