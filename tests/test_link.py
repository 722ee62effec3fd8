"""Related briefings: every seed linked, reasons a reader understands, same result on every run."""

from dataclasses import replace

from generator.link import relate
from generator.model import Document, Entities, Paragraph
from generator.terms import term_counts


def _seeds(seed_analyses):
    keys = sorted(seed_analyses)
    return [seed_analyses[k] for k in keys], [f"b{k}" for k in keys]


def test_every_seed_relates_to_another_with_a_reason(seed_analyses):
    analyses, slugs = _seeds(seed_analyses)
    related = relate(analyses, slugs)
    for slug, rel in zip(slugs, related, strict=True):
        assert rel, slug
        assert all(r.slug != slug and r.slug in slugs for r in rel)
        assert all(r.why.startswith("shared ") for r in rel), [r.why for r in rel]


def test_shared_speaker_is_named_once_by_its_fullest_name(seed_analyses):
    analyses, slugs = _seeds(seed_analyses)
    related = dict(zip(slugs, relate(analyses, slugs), strict=True))
    # 001 (Eurasia Daily Monitor) and 002 both quote Putin, as "Putin" in both texts' attributions
    why = next(r.why for r in related["b001"] if r.slug == "b002")
    assert why.startswith("shared speakers: Vladimir Putin")
    assert why.count("Vladimir Putin") == 1


def test_order_and_reasons_do_not_depend_on_input_order(seed_analyses):
    analyses, slugs = _seeds(seed_analyses)
    forward = dict(zip(slugs, relate(analyses, slugs), strict=True))
    backward = dict(zip(slugs[::-1], relate(analyses[::-1], slugs[::-1]), strict=True))
    assert forward == backward


def test_a_briefing_with_nothing_in_common_relates_to_none(seed_analyses):
    analyses, slugs = _seeds(seed_analyses)
    document = Document("Tomato prices", False, None, None, None, None, (Paragraph("p1", "Tomatoes cost more."),))
    odd = replace(analyses[0], document=document, quotes=(), entities=Entities(), tags=(), terms=term_counts(document))
    related = relate([*analyses, odd], [*slugs, "odd"])
    assert related[-1] == ()
    assert all(r.slug != "odd" for rel in related[:-1] for r in rel)


def test_term_counts_keep_content_words_of_a_real_sentence():
    text = "Kremlin spokesman Dmitry Peskov said Russia remains open to negotiations with Ukraine in 2023."
    document = Document("t", False, None, None, None, None, (Paragraph("p1", text),))
    terms = term_counts(document)
    counts = dict(zip(terms.words.split(), terms.counts, strict=True))
    assert counts == {
        "dmitry": 1,
        "kremlin": 1,
        "negotiations": 1,
        "open": 1,
        "peskov": 1,
        "remains": 1,
        "russia": 1,
        "said": 1,
        "spokesman": 1,
        "ukraine": 1,
    }  # "with" is a stop word; "to", "in" are too short; "2023" is no word
