"""Slugs: ASCII, unique, stable; a clash never renumbers other briefings."""

import random
import re

from generator.slugs import MAX_SLUG_CHARS, SLUG, short_hash, slugify, unique_slugs


def test_slugify_real_titles():
    assert slugify("US rejects Putin’s latest call to negotiate with Ukraine") == (
        "us-rejects-putins-latest-call-to-negotiate-with-ukraine"
    )
    assert slugify("Zelensky: „Kein Frieden“ — Ünïcödé café") == "zelensky-kein-frieden-unicode-cafe"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Переговоры", "briefing") == "briefing"
    assert slugify("CON") == "con-1"  # Windows refuses con.md


def test_a_long_title_never_makes_a_file_name_too_long():
    slug = slugify("x" * 300 + " and more words")
    assert len(slug) <= MAX_SLUG_CHARS and SLUG.fullmatch(slug)
    slug = slugify(" ".join(["negotiations"] * 9))
    assert len(slug) <= MAX_SLUG_CHARS and not slug.endswith("-")


def test_same_title_first_path_keeps_the_plain_slug_others_get_their_own_hash():
    slugs = unique_slugs([("seeds/b.txt", "Talks resume"), ("seeds/a.txt", "Talks resume")])
    assert slugs == {"seeds/a.txt": "talks-resume", "seeds/b.txt": f"talks-resume-{short_hash('seeds/b.txt')}"}


def test_another_seed_with_the_same_title_does_not_renumber_the_others():
    pairs = [("seeds/a.txt", "Talks resume"), ("seeds/b.txt", "Talks resume")]
    before = unique_slugs(pairs)
    after = unique_slugs([*pairs, ("seeds/c.txt", "Talks resume"), ("seeds/z.txt", "Other story today")])
    assert {k: after[k] for k in before} == before


def test_titles_without_ascii_fall_back_to_the_file_name_then_a_hash():
    slugs = unique_slugs(
        [
            ("seeds/Ünïcödé name.txt", "Переговоры в Женеве"),
            ("seeds/статья.txt", "Переговоры"),
            ("seeds/記事.txt", "記事"),
        ]
    )
    assert slugs["seeds/Ünïcödé name.txt"] == "unicode-name"
    assert sorted(slugs.values())[0] == "briefing"
    assert re.fullmatch(r"briefing-[0-9a-f]{6}", sorted(slugs.values())[1])


def test_slugs_do_not_depend_on_input_order():
    pairs = [
        (f"seeds/{i:03}.txt", random.Random(i).choice(["Talks", "Talks resume", "Peace", "Talks"])) for i in range(40)
    ]
    shuffled = pairs[:]
    random.Random(7).shuffle(shuffled)
    assert unique_slugs(pairs) == unique_slugs(shuffled)
    assert len(set(unique_slugs(pairs).values())) == 40


def test_a_title_that_spells_another_seeds_hashed_slug_still_gets_a_unique_one():
    clash = f"talks-{short_hash('seeds/b.txt')}"
    slugs = unique_slugs([("seeds/a.txt", "Talks"), ("seeds/b.txt", "Talks"), ("seeds/0.txt", clash)])
    assert len(set(slugs.values())) == 3
    assert all(SLUG.fullmatch(s) for s in slugs.values())
