"""The sentence splitter on hand-made news cases (shared with benchmarks/bench_sentences.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.sentences import split_sentences

CASES = json.loads((Path(__file__).parent / "sentence_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["sentences"][0][:40] for c in CASES])
def test_news_cases(case):
    assert split_sentences(case["text"]) == case["sentences"]


def test_real_seed_paragraph_with_quotes_abbreviations_and_ellipsis():
    text = (
        "And the US is in agreement. White House spokesman John Kirby told reporters last week that Putin has "
        "“shown absolutely zero indication that he’s willing to negotiate” an end to the war, according to Reuters. "
        "“Quite the contrary … Everything he is doing on the ground and in the air bespeaks a man who wants to "
        "continue to visit violence upon the Ukrainian people,” Kirby said."
    )
    assert [s[:30] for s in split_sentences(text)] == [
        "And the US is in agreement.",
        "White House spokesman John Kir",
        "“Quite the contrary … Everythi",
    ]


def test_unclosed_quotation_does_not_swallow_the_paragraph():
    text = "“There are problems at the border. You have nothing better to do? Mr. Putin asked. Nobody answered."
    assert split_sentences(text)[-1] == "Nobody answered."


def test_caption_glued_to_the_next_sentence_is_cut():
    text = "Homes near a Waitrose cost more than a colleague The cost of divorce can wreck retirement, research says."
    assert split_sentences(text) == [
        "Homes near a Waitrose cost more than a colleague",
        "The cost of divorce can wreck retirement, research says.",
    ]


def test_the_inside_a_name_is_not_a_glued_caption():
    assert split_sentences("He flew to The Hague on Monday with The New York Times reporters.") == [
        "He flew to The Hague on Monday with The New York Times reporters."
    ]


_NEWS_TEXT = st.lists(
    st.sampled_from(
        [
            "Mr.",
            "U.S.",
            "Dec.",
            "He",
            "said",
            "“We",
            "are",
            "ready.”",
            "It",
            "ended...",
            "Why?",
            "The",
            "end.",
            "\n",
            "a",
        ]
    ),
    max_size=40,
).map(" ".join)


@given(_NEWS_TEXT)
def test_sentences_are_verbatim_and_lose_nothing(text):
    sentences = split_sentences(text)
    cursor = 0
    for sentence in sentences:
        assert sentence and sentence == sentence.strip()
        found = text.find(sentence, cursor)
        assert found >= 0 and not text[cursor:found].strip()
        cursor = found + len(sentence)
    assert not text[cursor:].strip()


def test_split_twice_gives_equal_lists_that_callers_may_change():
    text = "The talks resumed. Officials said so."
    first = split_sentences(text)
    first.append("changed")
    assert split_sentences(text) == ["The talks resumed.", "Officials said so."]
