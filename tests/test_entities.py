"""Entities: people only on evidence, no place or organisation among them; names merged only on strong evidence."""

import pickle
from dataclasses import replace

from generator.entities import (
    acronyms,
    clean_speaker,
    described,
    extract_entities,
    forms_of,
    local_forms,
    person_key,
    resolve_names,
    roles,
)
from generator.model import Entities, Paragraph, Quote


def _paras(*texts: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(f"p{i + 1}", t) for i, t in enumerate(texts))


def test_seed_people_lists_hold_no_place_organisation_or_fragment(seed_analyses):
    bad = {"White House", "Kremlin", "Moscow", "Kyiv", "Kiev", "Mr. Putin", "Peskov reportedly", "TASS", "NATO"}
    for analysis in seed_analyses.values():
        people = set(analysis.entities.people)
        assert not people & bad, people & bad
        assert not people & set(analysis.entities.places)
        assert not people & set(analysis.entities.organizations)
        for name in people:
            assert "." not in name.replace(" V.", "").replace(" J.", ""), name  # no "Moscow. Kremlin. Putin"
            assert all(word[0].isupper() for word in name.split()), name


def test_seed_people_are_found_by_their_fullest_names(seed_analyses):
    assert {"John Kirby", "Mykhailo Podolyak", "Alexander Rodnyansky"} <= set(seed_analyses["000"].entities.people)
    assert {"Samuel Charap", "Sergey Radchenko"} <= set(seed_analyses["002"].entities.people)
    assert "White House" in seed_analyses["002"].entities.organizations
    assert "Kyiv" in seed_analyses["002"].entities.places  # the article spells it "Kiev"


def test_role_words_and_sentence_ends_do_not_join_a_name():
    paras = _paras(
        "On February 18, Russian President Vladimir Putin was interviewed on the program “Moscow. Kremlin. Putin.”",
        "White House spokesman John Kirby told reporters last week. Mr. Putin did not answer, Kirby said.",
    )
    e = extract_entities(paras, [])
    assert e.people == ("John Kirby", "Vladimir Putin")
    assert "White House" in e.organizations and "White House" not in e.places


def test_speaker_with_trailing_words_is_cleaned_and_merged():
    paras = _paras(
        "Kremlin spokesman Dmitry Peskov was quoted on Thursday.",
        "“The direction has not changed, the operation continues,” Peskov reportedly said.",
    )
    quotes = [Quote("The direction has not changed, the operation continues", "Peskov reportedly", None, True, "p2")]
    assert extract_entities(paras, quotes).people == ("Dmitry Peskov",)
    assert clean_speaker("the National Security Council statement") == "National Security Council"


def test_acronym_speaker_resolves_to_the_organisation_the_article_defines(seed_analyses):
    cnn = seed_analyses["000"]
    isw = next(q for q in cnn.quotes if q.text.startswith("This statement was not a departure"))
    assert isw.speaker == "Institute for the Study of War"  # the quote stage spells the acronym out
    as_acronym = replace(cnn, quotes=(replace(isw, speaker="ISW"),))  # as a cruder quote stage might name it
    names = resolve_names([as_acronym])
    assert names.speaker(0, as_acronym.quotes[0]) == "Institute for the Study of War"
    assert names.kind["Institute for the Study of War"] == "organization"


def test_seed_variants_merge_across_briefings(seed_analyses):
    analyses = [seed_analyses[k] for k in sorted(seed_analyses)]
    names = resolve_names(analyses)
    putin = {names.aliases[i].get(form) for i in range(len(analyses)) for form in ("Putin", "Vladimir Putin")}
    assert putin - {None} == {"Vladimir Putin"}
    lavrov = {names.aliases[0]["Sergey Lavrov"], names.aliases[4]["Sergei Lavrov"]}
    assert len(lavrov) == 1  # "Sergey" (CNN) and "Sergei" (19FortyFive) Lavrov: one person


def test_two_people_sharing_a_surname_are_never_merged(seed_analyses):
    base = seed_analyses["003"]
    joe = replace(base, entities=replace(base.entities, people=("Joe Biden",)), quotes=())
    hunter = replace(base, entities=replace(base.entities, people=("Hunter Biden",)), quotes=())
    lone = replace(
        base,
        entities=replace(base.entities, people=("Biden",)),
        quotes=(Quote("We will see.", "Biden", None, True, "p1"),),
    )
    names = resolve_names([joe, hunter, lone])
    assert names.aliases[0]["Joe Biden"] != names.aliases[1]["Hunter Biden"]
    assert names.aliases[2]["Biden"] == "Biden"  # ambiguous surname: left alone, not guessed
    assert person_key("Vladimir V. Putin") == person_key("Vladimir Putin")
    assert person_key("Volodymyr Zelenskyy") == person_key("Volodymyr Zelensky")
    assert person_key("Joe Biden") != person_key("Hunter Biden")


def test_roles_as_the_article_gives_them(seed_analyses):
    paras = seed_analyses["000"].document.paragraphs
    assert roles(paras, "John Kirby") == ["White House spokesman"]
    assert roles(paras, "Mykhailo Podolyak") == ["an adviser to Ukrainian President Volodymyr Zelensky"]
    assert "Kremlin spokesman" in roles(seed_analyses["003"].document.paragraphs, "Dmitry Peskov")


def test_names_after_long_titles_and_with_unusual_letters():
    e = extract_entities(
        _paras(
            "U.S. Secretary of State Antony Blinken said on Monday that talks were over. Blinken left.",
            "Florida Gov. Ron DeSantis and Beto O’Rourke met Łukasz Kowalski. O’Rourke and Kowalski agreed.",
            "The Moscow Times reported that President Vladimir V. Putin of Russia had spoken.",
        ),
        [],
    )
    assert {"Antony Blinken", "Ron DeSantis", "Beto O’Rourke", "Łukasz Kowalski", "Vladimir V. Putin"} == set(e.people)
    assert "Moscow Times" in e.organizations
    assert {"Florida", "Russia"} <= set(e.places)


def test_a_lone_surname_joins_a_full_name_only_when_the_corpus_establishes_it(seed_analyses):
    base = seed_analyses["003"]

    def with_people(*people: str, speaker: str | None = None):
        quotes = (Quote("We will see what happens.", speaker, None, True, "p1"),) if speaker else ()
        return replace(base, entities=replace(base.entities, people=people, organizations=()), quotes=quotes)

    once = resolve_names([with_people("Hunter Biden"), with_people(speaker="Biden")])
    assert once.aliases[1]["Biden"] == "Biden"  # one briefing names Hunter Biden: not enough
    twice = resolve_names([with_people("Joe Biden"), with_people("Joe Biden"), with_people(speaker="Biden")])
    assert twice.aliases[2]["Biden"] == "Joe Biden"
    alone = resolve_names([with_people("Samuel Charap", speaker="Charap")])
    assert alone.aliases[0]["Charap"] == "Samuel Charap"  # in its own article a surname is enough


def test_speech_words_and_appositions_are_person_evidence_but_not_for_outlets():
    e = extract_entities(
        _paras(
            "“The talks are a ruse,” said Marta Nowak, a historian at the University of Warsaw.",
            "Pavel Sokolov, 61, told reporters the front had not moved.",
            "Novaya Gazeta, an independent newspaper, reported the figures. Now Sembler agreed.",
        ),
        [],
    )
    assert set(e.people) == {"Marta Nowak", "Pavel Sokolov"}
    assert "University of Warsaw" in e.organizations


def test_roles_find_whole_names_only():
    paras = (
        Paragraph("p1", "Anna Peskova, a Moscow student, and Anna Peskov-Smith, a lawyer, did not."),
        Paragraph("p2", "Former Russian President Dmitry Medvedev, the deputy chairman of the Security Council, said."),
    )
    assert roles(paras, "Anna Peskov") == []
    assert roles(paras, "Anna Peskova") == ["a Moscow student"]
    assert roles(paras, "Dmitry Medvedev") == ["Former Russian President", "deputy chairman of the Security Council"]
    assert roles(paras, "Medvedev") == ["deputy chairman of the Security Council"]  # "Dmitry" is no role word


def test_every_name_form_of_an_article_is_described_with_its_analysis(seed_analyses):
    for a in seed_analyses.values():
        forms = [form for form, _ in a.described]
        speakers = {q.speaker for q in a.quotes if q.speaker}
        assert forms == sorted({*a.entities.people, *a.entities.organizations, *speakers})
        for form, found in a.described:
            assert list(found) == roles(a.document.paragraphs, clean_speaker(form) or form)
    assert "Kremlin spokesman" in dict(seed_analyses["003"].described)["Dmitry Peskov"]
    assert described((), Entities(), []) == ()


def test_an_analysis_holds_the_acronyms_its_text_defines(seed_analyses):
    for a in seed_analyses.values():
        assert dict(a.acronyms) == acronyms(a.document.paragraphs)
    assert ("ISW", "Institute for the Study of War") in seed_analyses["000"].acronyms


def test_name_forms_worked_out_with_the_analysis_serve_only_while_it_is_unchanged(seed_analyses):
    a = seed_analyses["000"]
    assert a.forms is not None
    kept = pickle.loads(pickle.dumps(a))  # as the cache gives it back
    assert forms_of(kept) is kept.forms[3] and forms_of(a) == local_forms(a.entities, a.quotes, dict(a.acronyms))
    retagged = replace(kept, tags=("talks",))
    assert forms_of(retagged) is kept.forms[3]
    isw = next(q for q in a.quotes if q.text.startswith("This statement was not a departure"))
    edited = replace(kept, quotes=(replace(isw, speaker="ISW"),))
    assert forms_of(edited) == local_forms(edited.entities, edited.quotes, dict(edited.acronyms)) != forms_of(a)
