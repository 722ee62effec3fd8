from generator.sentences import split_sentences


def _folded(text: str) -> str:
    return " ".join(text.split())


def test_summaries_are_three_to_five_verbatim_sentences(seed_analyses):
    for analysis in seed_analyses.values():
        assert 3 <= len(analysis.summary) <= 5
        source = _folded(analysis.seed.text)
        for sentence in analysis.summary:
            assert _folded(sentence) in source
        assert len(set(analysis.summary)) == len(analysis.summary)


def test_splitter_keeps_abbreviations_and_initials():
    text = "Russian President Vladimir Putin claimed on Dec. 25 that the U.S. was wrong. Then Mr. Putin left."
    assert split_sentences(text) == [
        "Russian President Vladimir Putin claimed on Dec. 25 that the U.S. was wrong.",
        "Then Mr. Putin left.",
    ]


def test_splitter_keeps_closing_quote_with_its_sentence():
    text = "“Putin needs to come back to reality.” Russia attacked Ukraine."
    assert split_sentences(text) == ["“Putin needs to come back to reality.”", "Russia attacked Ukraine."]


def test_lead_is_one_summary_sentence(seed_analyses):
    for analysis in seed_analyses.values():
        assert analysis.lead in analysis.summary
