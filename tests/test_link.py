"""Related briefings: every seed linked, reasons a reader understands, same result on every run."""

import hashlib
import random
from dataclasses import replace
from pathlib import Path

import pytest

from generator import cache as cache_module
from generator import link as link_module
from generator.analyse import analyse
from generator.entities import resolve_names
from generator.link import relate
from generator.model import Document, Entities, Paragraph, SeedFile
from generator.terms import term_counts


def _seeds(seed_analyses):
    keys = sorted(seed_analyses)
    return [seed_analyses[k] for k in keys], [f"b{k}" for k in keys]


def test_every_seed_relates_to_another_with_a_reason(seed_analyses):
    analyses, slugs = _seeds(seed_analyses)
    related = relate(analyses, slugs)[0]
    for slug, rel in zip(slugs, related, strict=True):
        assert rel, slug
        assert all(r.slug != slug and r.slug in slugs for r in rel)
        assert all(r.why.startswith("shared ") for r in rel), [r.why for r in rel]


def test_shared_speaker_is_named_once_by_its_fullest_name(seed_analyses):
    analyses, slugs = _seeds(seed_analyses)
    related = dict(zip(slugs, relate(analyses, slugs)[0], strict=True))
    # 001 (Eurasia Daily Monitor) and 002 both quote Putin, as "Putin" in both texts' attributions
    why = next(r.why for r in related["b001"] if r.slug == "b002")
    assert why.startswith("shared speakers: Vladimir Putin")
    assert why.count("Vladimir Putin") == 1


def test_order_and_reasons_do_not_depend_on_input_order(seed_analyses):
    analyses, slugs = _seeds(seed_analyses)
    forward = dict(zip(slugs, relate(analyses, slugs)[0], strict=True))
    backward = dict(zip(slugs[::-1], relate(analyses[::-1], slugs[::-1])[0], strict=True))
    assert forward == backward


def test_a_briefing_with_nothing_in_common_relates_to_none(seed_analyses):
    analyses, slugs = _seeds(seed_analyses)
    document = Document("Tomato prices", False, None, None, None, None, (Paragraph("p1", "Tomatoes cost more."),))
    seed = replace(analyses[0].seed, path="seeds/odd.txt")
    odd = replace(
        analyses[0], seed=seed, document=document, quotes=(), entities=Entities(), tags=(), terms=term_counts(document)
    )
    related = relate([*analyses, odd], [*slugs, "odd"])[0]
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


# Incremental linking: a build links from the last build's state, and must link as if afresh.

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "outlets"


def _texts() -> list[str]:
    """The real seeds and outlet fixtures: 18 articles of one story, from many outlets."""
    paths = [
        *sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt")),
        *sorted(FIXTURES.glob("*")),
    ]
    return [p.read_text(encoding="utf-8") for p in paths]


def _mixed(texts: list[str], i: int) -> str:
    """Article i: a third of the paragraphs of each of three real articles, so that articles overlap
    in speakers, names and words in many ways."""
    paragraphs = [[p for p in t.split("\n") if p.strip()] for t in texts]
    picked = [paragraphs[(i * k + k) % len(paragraphs)] for k in (1, 5, 7)]
    return "\n\n".join(p for k, source in enumerate(picked) for p in source[k::3])


def _analysis(path: str, text: str):
    data = text.encode()
    return analyse(SeedFile(path, hashlib.sha256(data).hexdigest(), "text", text))


@pytest.fixture(scope="module")
def corpus():
    texts = _texts()
    return texts, [_analysis(f"seeds/a{i:02d}.txt", _mixed(texts, i)) for i in range(40)]


def _link(analyses, last=None):
    slugs = [f"s-{a.document.title[:12]}-{a.seed.path}" for a in analyses]
    return relate(analyses, slugs, resolve_names(analyses), last)


@pytest.mark.parametrize("spare", [link_module.SPARE, 0])
def test_linking_from_the_last_state_gives_what_linking_afresh_gives(corpus, monkeypatch, spare):
    """Never falling back to linking afresh, with and without spare candidates (none: a briefing
    whose neighbour moved is often left short and scored against all again)."""
    texts, analyses = corpus
    monkeypatch.setattr(link_module, "MOST_MOVED", 1.0)
    monkeypatch.setattr(link_module, "SPARE", spare)
    rng = random.Random(3)
    _, state = _link(analyses)
    current, spare = list(analyses[:34]), list(analyses[34:])
    _, state = _link(current)
    for step in range(16):
        i = rng.randrange(len(current))
        edit = ("text", "paragraph", "add", "remove", "title")[step % 5]
        if edit == "text":
            current[i] = _analysis(current[i].seed.path, _mixed(texts, 100 + step))
        elif edit == "paragraph":
            a = current[i]
            current[i] = _analysis(a.seed.path, _mixed(texts, int(a.seed.path[7:9])) + "\n\nTalks resumed in Istanbul.")
        elif edit == "add" and spare:
            current.insert(i, spare.pop())
        elif edit == "remove":
            spare.append(current.pop(i))
        else:
            current[i] = replace(
                current[i], document=replace(current[i].document, title="Aaa " + current[i].document.title)
            )
        related, state = _link(current, state)
        afresh, fresh_state = _link(current)
        assert related == afresh, (step, edit)
        assert (state.df, state.states) == (fresh_state.df, fresh_state.states), (step, edit)


def test_a_state_from_other_articles_under_the_same_paths_changes_nothing(corpus, monkeypatch):
    texts, analyses = corpus
    monkeypatch.setattr(link_module, "MOST_MOVED", 1.0)
    _, foreign = _link([_analysis(a.seed.path, _mixed(texts, 300 + k)) for k, a in enumerate(analyses)])
    assert _link(analyses, foreign)[0] == _link(analyses)[0]


def test_one_edited_article_rescores_only_the_briefings_it_moves(corpus, monkeypatch):
    texts, analyses = corpus
    _, state = _link(analyses)
    edited = list(analyses)
    edited[7] = _analysis(edited[7].seed.path, _mixed(texts, 7) + "\n\nTalks resumed in Istanbul on Monday.")
    scored: list[int] = []
    real = link_module._scored

    def spy(feats, states, rows, *rest):
        scored.extend(rows)
        return real(feats, states, rows, *rest)

    monkeypatch.setattr(link_module, "_scored", spy)
    related, _ = _link(edited, state)
    assert 7 in scored
    assert len(scored) < len(edited) / 3, sorted(scored)
    monkeypatch.undo()
    assert related == _link(edited)[0]


def test_rarity_steps_are_exact_quarter_doublings():
    assert [link_module._step(df) for df in (0, 1, 2, 3, 4, 8, 9, 10, 16)] == [-1, 0, 4, 6, 8, 12, 12, 13, 16]


def test_word_search_finds_whole_words_only():
    words = ["kremlin statement talks", "state talks", "states"]
    found = sorted(link_module._occurrences(words, {"state", "talks"}))
    assert found == [(0, "talks", 2), (1, "state", 0), (1, "talks", 1)]


def test_blocks_scored_in_forked_processes_link_as_one_process_does(corpus, monkeypatch):
    _, analyses = corpus
    monkeypatch.setattr(link_module, "BLOCK_ROWS", 7)  # several blocks, the last one short
    alone, state = _link(analyses)
    monkeypatch.setattr(link_module, "PARALLEL_ROWS", 1)
    monkeypatch.setattr(cache_module, "worker_count", lambda: 2)
    forked, forked_state = _link(analyses)
    assert forked == alone and forked_state == state


def test_a_few_rows_score_without_numpy_as_the_sparse_product_does(corpus, monkeypatch):
    """Every score and topic the same to the last bit, whichever way it is worked out."""
    _, analyses = corpus
    _, state = _link(analyses)
    paths = [a.seed.path for a in analyses]
    feats = [state.rows[p].feats for p in paths]
    rows, bounds = list(range(len(feats))), [0.1 * (i % 4) for i in range(len(feats))]
    terms = [(a.terms.words, a.terms.counts) for a in analyses]
    made = {}
    for direct in (False, True):
        monkeypatch.setattr(link_module, "DIRECT_ROWS", len(rows) if direct else 0)
        scored = list(link_module._scored(feats, state.states, rows, bounds, paths))
        topics = link_module._topics(terms, state.word_df, state.scale)
        made[direct] = ([(i, c, sorted(hits)) for i, c, hits in scored], topics)
    assert made[True] == made[False]
    scores = [s for _, c, _ in made[True][0] for s in c.scores.values()]
    assert len(scores) > 100 and len(set(scores)) > 20  # many scores, not a few round ones
    assert [t.words for t in made[True][1]] == [state.rows[p].topics.words for p in paths]
