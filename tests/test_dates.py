"""Dates: as precise as the text, never a guessed year; each rule on a real sentence."""

from generator.dates import extract_dates, find_dates
from generator.model import Paragraph


def test_day_and_month_without_year_keep_the_year_unknown():
    sentence = "Russian President Vladimir Putin claimed on Dec. 25 that the Kremlin was “ready to negotiate”."
    assert find_dates(sentence) == ["--12-25"]


def test_a_stated_year_is_not_lent_to_a_later_date_without_one():
    sentence = "This method may already be in use (see EDM, February 8, 2022; YouTube.com, February 9)."
    assert find_dates(sentence) == ["2022-02-08", "--02-09"]


def test_month_and_year_and_year_after_a_preposition():
    assert find_dates("Putin offered lengthy defenses of his invasion of Ukraine in February 2022, but") == ["2022-02"]
    sentence = "Officials have warned of a possible renewed Russian offensive from multiple fronts in early 2023."
    assert find_dates(sentence) == ["2023"]


def test_holiday_with_a_fixed_date():
    assert find_dates("Putin’s comments on Christmas Day did not, in fact, mark a departure.") == ["--12-25"]


def test_ambiguous_or_impossible_dates_are_skipped():
    assert find_dates("The vote on 12/11/2023 was delayed to February 30.") == []
    assert find_dates("The debt rose by $2 trillion in 2000 cases.") == []
    assert find_dates("She won the Kurt Schork Award in International Journalism 2023.") == []


def test_each_dated_sentence_keeps_its_paragraph_anchor():
    paras = (
        Paragraph("p1", "Nothing dated here. Putin spoke on December 25, 2022."),
        Paragraph("p2", "Peskov said the following day that Russia was determined."),
    )
    [statement] = extract_dates(paras)
    assert (statement.date, statement.sentence, statement.anchor) == (
        "2022-12-25",
        "Putin spoke on December 25, 2022.",
        "p1",
    )


def test_holidays_need_no_digit_and_a_sentence_without_one_names_no_date():
    assert find_dates("Families gathered on Christmas Eve as sirens sounded.") == ["--12-24"]
    assert find_dates("The talks resumed in the spring, officials said.") == []
