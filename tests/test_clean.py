"""Cleaning: the five real seeds (titles, outlets, authors, no invented dates), then each rule
on real lines and small hostile inputs."""

import re
import textwrap
import time

import pytest

from generator import clean as rules
from generator.clean import _words, clean, parse_date
from generator.model import SeedFile

TITLES = {
    "001": "Putin Has Yet to Signal a Real Openness to Peace Negotiations",
    "002": "US rejects Putin’s latest call to negotiate with Ukraine",
    "003": "Putin claims readiness for negotiations, blames West for refusing to talk",
    "004": "Putin Giving Up: Is Russia Now Willing to Negotiate on Ukraine?",
}


@pytest.mark.parametrize(("seed", "title"), sorted(TITLES.items()))
def test_headline_is_the_title(seed_analyses, seed, title):
    doc = seed_analyses[seed].document
    assert doc.title == title
    assert not doc.title_inferred


def test_cnn_seed_has_no_headline_so_title_is_inferred(seed_analyses):
    doc = seed_analyses["000"].document
    assert doc.title_inferred
    assert "Photo" not in doc.title and "Source: CNN" not in doc.title
    assert "Former ambassador" not in doc.title  # a video label, not the article's headline


@pytest.mark.parametrize(
    ("seed", "outlet"),
    [
        ("000", "CNN"),
        ("001", "Eurasia Daily Monitor"),
        ("002", None),
        ("003", "Kyiv Independent"),
        ("004", "19FortyFive"),
    ],
)
def test_outlet_only_where_the_text_names_it(seed_analyses, seed, outlet):
    assert seed_analyses[seed].document.outlet == outlet


@pytest.mark.parametrize(("seed", "author"), [("003", "Asami Terajima"), ("004", "Jack Buckby"), ("002", None)])
def test_author_from_bio(seed_analyses, seed, author):
    assert seed_analyses[seed].document.author == author


def test_no_seed_gets_an_unsupported_date(seed_analyses):
    assert all(a.document.published is None for a in seed_analyses.values())


def test_boilerplate_is_removed_but_recorded(seed_analyses):
    for analysis in seed_analyses.values():
        body = " ".join(p.text for p in analysis.document.paragraphs)
        for noise in ("Connect with us", "Photo by", "Image credit", "Written By", "Source: CNN", "News Feed"):
            assert noise not in body
    removed = " ".join(seed_analyses["003"].document.removed)
    assert "Asami Terajima is a reporter" in removed


def test_outlet_summary_bullets_are_found(seed_analyses):
    a = seed_analyses["001"]
    assert len(a.document.outlet_summary) == 3
    assert a.summary_source == "outlet"


# --- Rules on real lines and small hostile inputs --------------------------------------------


def _seed(text: str, kind: str = "text", front_matter: dict | None = None) -> SeedFile:
    return SeedFile("seeds/t.txt", "0" * 64, kind, text, front_matter or {})


PROSE = (
    "Officials in several European capitals said on Friday that they doubted the sincerity of the latest "
    "Russian offer of talks, which came hours after a large missile attack on Kyiv."
)


def test_cnn_inferred_title_is_the_lead_sentences_main_clause(seed_analyses):
    doc = seed_analyses["000"].document
    assert (
        doc.title
        == "Vladimir Putin has made a point of suggesting he is open to peace talks despite evidence to the contrary"
    )
    assert doc.title in doc.paragraphs[0].text


def test_no_removed_line_reaches_a_title_summary_quote_or_paragraph(seed_analyses):
    for key, analysis in seed_analyses.items():
        doc = analysis.document
        shown = [doc.title, *analysis.summary, *(q.text for q in analysis.quotes), *(p.text for p in doc.paragraphs)]
        for entry in doc.removed:
            line = entry.split(": ", 1)[1]
            if len(line.split()) < 3 or line == doc.title:
                continue  # short labels ("Share", "Ukraine") occur inside prose; a repeated headline is the title
            assert not any(line in text for text in shown), (key, entry)


def test_every_removed_entry_says_why(seed_analyses):
    for analysis in seed_analyses.values():
        assert all(re.match(r"^[a-z][\w ,;()'-]*: \S", entry) for entry in analysis.document.removed)


def test_subheads_are_kept_as_headings(seed_analyses):
    headings = {k: [p.text for p in a.document.paragraphs if p.heading] for k, a in seed_analyses.items()}
    assert headings["000"] == ["What is Russia saying?", "What does Russia really want?"]
    assert headings["004"] == ["Putin Willing to Negotiate?", "What Does Russia Want?"]
    assert headings["001"] == headings["002"] == headings["003"] == []


def test_run_in_headline_is_cut_from_the_first_paragraph(seed_analyses):
    doc = seed_analyses["004"].document
    assert doc.paragraphs[0].text.startswith("Kremlin spokesman Dmitry Peskov was quoted on Thursday")
    assert any(r.startswith("run-in headline: Russia Wants To Go Back") for r in doc.removed)


def test_scrape_cut_off_mid_word_is_not_an_article_paragraph(seed_analyses):
    doc = seed_analyses["000"].document
    assert doc.paragraphs[-1].text.startswith("Through the first ten months of war")
    assert any(r.startswith("cut off mid-sentence") for r in doc.removed)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2024-03-04", "2024-03-04"),
        ("March 4, 2024", "2024-03-04"),
        ("Dec. 25, 2022", "2022-12-25"),
        ("4 March 2024", "2024-03-04"),
        ("Mon 4 Mar 2024", "2024-03-04"),
        ("03/14/2024", "2024-03-14"),
        ("03/04/2024", None),  # month/day or day/month: the text does not say
        ("February 30, 2024", None),
        ("Dec. 25", None),  # no year
        ("Christmas Day", None),
    ],
)
def test_parse_date_only_full_dates(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize(
    "line",
    [
        "(Photo by THIBAULT CAMUS/POOL/AFP via Getty Images)",
        "NLAW being fired. Image credit: UK Military/Creative Commons.",
        "Vladimir Putin at a meeting in Moscow. Photograph: Mikhail Metzel/AP",
        "Image source, Getty Images",
        "Mikhail Metzel/AP",
        "Kremlin Pool",
        "Russian President Vladimir Putin attends a meeting, March 1, 2024. Sputnik/Gavriil Grigorov/Kremlin via "
        "REUTERS/File Photo Purchase Licensing Rights, opens new tab",
    ],
)
def test_credit_shapes(line):
    assert rules._is_credit(line, line.lower())


@pytest.mark.parametrize(
    "line",
    [
        "Russia now occupies about 18 percent of Ukrainian territory.",
        "Lavrov said the Russian army would act “before it’s too late,” according to TASS.",
        "Many analysts were also skeptical, citing remarks in Izvestia/Kommersant interviews last year.",
    ],
)
def test_article_sentences_are_not_credits(line):
    assert not rules._is_credit(line, line.lower())


@pytest.mark.parametrize(
    ("line", "is_ui"),
    [
        ("Connect with us", True),
        ("Hi, what are you looking for?", True),
        ("Share this article", True),
        ("1 min read", True),
        ("What is Russia saying?", False),
        ("Putin Willing to Negotiate?", False),
    ],
)
def test_ui_lines(line, is_ui):
    assert rules._is_ui(line) is is_ui


@pytest.mark.parametrize(
    ("line", "found"),
    [
        (
            "Asami Terajima is a reporter at the Kyiv Independent covering Ukrainian military issues.",
            ("Asami Terajima", "Kyiv Independent"),
        ),
        ("Jack Buckby is 19FortyFive's Breaking News Editor.", ("Jack Buckby", "19FortyFive")),
        ("Maria Kowalski is a senior fellow at the Center for European Policy Analysis.", ("Maria Kowalski", None)),
        ("Anna Petrova covers Russian politics for the Baltic Herald.", ("Anna Petrova", "Baltic Herald")),
        ("The Kremlin is unlikely to see peace negotiations as a genuine path out of war.", None),
    ],
)
def test_bio_shapes(line, found):
    assert rules._bio_match(line) == found


def test_video_label_and_its_title_are_removed():
    doc = clean(_seed(f"Why the offer matters now\n01:02 - Source: CNN\n{PROSE}\n{PROSE} Again."))
    assert "video title: Why the offer matters now" in doc.removed
    assert doc.title_inferred


def test_front_matter_overrides_inference():
    text = f"Old headline for the test seed\nBy Jane Smith\nMarch 4, 2024\n{PROSE}"
    fm = {
        "title": "Editor's title",
        "author": "J. Smith",
        "published": "2024-03-05",
        "url": "https://x.example/a",
        "outlet": "The Example",
        "tags": ["talks"],
    }
    doc = clean(_seed(text, front_matter=fm))
    assert (doc.title, doc.author, doc.published, doc.url, doc.outlet, doc.tags) == (
        "Editor's title",
        "J. Smith",
        "2024-03-05",
        "https://x.example/a",
        "The Example",
        ("talks",),
    )
    assert not doc.title_inferred
    inferred = clean(_seed(text))
    assert (inferred.title, inferred.author, inferred.published) == (
        "Old headline for the test seed",
        "Jane Smith",
        "2024-03-04",
    )


def test_two_different_head_dates_give_no_date():
    doc = clean(_seed(f"Talks offer met with doubt in Europe\nMarch 4, 2024\nMarch 6, 2024\n{PROSE}"))
    assert doc.published is None


def test_caption_shaped_line_before_the_article_gives_no_date_and_is_no_paragraph():
    caption = "Russian President Vladimir Putin attends a Security Council meeting in Moscow, Russia, on March 1, 2024."
    doc = clean(_seed(f"Talks offer met with doubt in Europe\n{caption}\n{PROSE}"))
    assert doc.published is None
    assert caption not in [p.text for p in doc.paragraphs]


def test_outlet_name_is_never_the_title():
    doc = clean(_seed(f"Publication: Harbour Times Weekly\nHarbour Times Weekly\n{PROSE}"))
    assert doc.outlet == "Harbour Times Weekly"
    assert doc.title != "Harbour Times Weekly"


def test_a_sentence_starting_with_by_is_not_a_byline():
    doc = clean(_seed(f"Talks offer met with doubt in Europe\nBy the end of the year\n{PROSE}"))
    assert doc.author is None


def test_markdown_seed_headings_images_and_links():
    text = (
        "[Home](/) \n\n# Talks offer met with doubt\n\n![Putin](putin.jpg)\n\n*By Jane Smith*\n\n"
        f"{PROSE}\n\n## What next\n\n{PROSE} Again.\n\n- [Related: Kyiv hit by missiles](/kyiv)\n"
    )
    doc = clean(_seed(text, kind="markdown"))
    assert doc.title == "Talks offer met with doubt"
    assert [p.text for p in doc.paragraphs if p.heading] == ["What next"]
    assert not any("](" in p.text for p in doc.paragraphs)


@pytest.mark.parametrize(
    "text",
    [
        ". " + "A" * 5000 + " " + "B" * 5000,  # one long capitalised "word": credit and name patterns
        "(" + "photo x " * 20000,  # an unclosed caption bracket
        ". " + "Abc " * 20000 + "/",  # many capitalised words before a slash: agency credit shape
        "By " + "Jane " * 20000,  # a byline that never ends
        "Jane Smith is a " + "reporter " * 20000,  # a bio that never ends
    ],
)
def test_hostile_lines_are_cleaned_in_linear_time(text):
    """Backtracking regexes on a crafted line could hang a build; every rule must stay fast."""
    start = time.perf_counter()
    clean(_seed(text))
    assert time.perf_counter() - start < 3.0


def test_pull_quote_and_duplicated_paragraph_are_removed():
    quote = "“Words are cheap when the missiles keep flying,” one senior diplomat said on Friday evening."
    pull = "“Words are cheap when the missiles keep flying”"
    text = f"Talks offer met with doubt in Europe\n{PROSE}\n{pull}\n{quote}\n{PROSE}"
    doc = clean(_seed(text))
    assert [p.text for p in doc.paragraphs] == [PROSE, quote]
    assert "pull quote (repeats the article): “Words are cheap when the missiles keep flying”" in doc.removed
    assert f"repeated line: {PROSE}" in doc.removed


def test_author_label_followed_by_a_name_gives_the_author():
    doc = clean(_seed(f"Talks offer met with doubt in Europe\n{PROSE}\n{PROSE} Again.\nWritten By\nJane Smith\nShare"))
    assert doc.author == "Jane Smith"
    assert "author block: Jane Smith" in doc.removed


def test_hard_wrapped_text_is_joined_into_paragraphs():
    second = "“We will not trade our land for a pause,” the president told reporters in the capital on Tuesday."
    body = "\n\n".join(textwrap.fill(p, 72) for p in (PROSE, second, PROSE.replace("Friday", "Monday")))
    doc = clean(_seed(f"Talks offer met with doubt in Europe\nBy Jane Smith\n\n{body}\n"))
    assert [p.text for p in doc.paragraphs] == [PROSE, second, PROSE.replace("Friday", "Monday")]
    assert doc.title == "Talks offer met with doubt in Europe"
    assert doc.author == "Jane Smith"


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("By Asami Terajima", (["Asami Terajima"], None)),
        ("By ILLIA NOVIKOV and JIM HEINTZ", (["Illia Novikov", "Jim Heintz"], None)),
        (
            "By Tim Lister, Olga Voitovych and Kostan Nechyporenko, CNN",
            (["Tim Lister", "Olga Voitovych", "Kostan Nechyporenko"], "CNN"),
        ),
        ("By Jane Smith, Senior Correspondent", (["Jane Smith"], None)),
        ("By Jane Smith, BBC News", (["Jane Smith"], "BBC News")),
        ("Written by Ursula von der Leyen", (["Ursula von der Leyen"], None)),
        ("By the end of the year", None),
        ("By Monday, Russian troops had withdrawn", None),
    ],
)
def test_byline_shapes(line, parsed):
    assert rules._parse_byline(line) == parsed


def test_closing_line_about_a_quoted_source_is_article_text_not_a_bio():
    last = "Samuel Charap is a senior political scientist at the RAND Corporation."
    quote = "“No one knows for sure,” Charap said of the offer on Friday."
    text = f"Talks offer met with doubt in Europe\n{PROSE}\n{quote}\n{last}"
    doc = clean(_seed(text))
    assert doc.author is None and doc.outlet is None
    assert doc.paragraphs[-1].text == last


@pytest.mark.parametrize(
    ("line", "blurb"),
    [
        ("Sign up for our free Ukraine Briefing newsletter to get the latest analysis delivered to your inbox.", True),
        ("Like what you read? Support Kyiv Post’s independent journalism.", True),
        ("Follow AP’s coverage of the war in Ukraine at https://apnews.com/hub/russia-ukraine", True),
        ("Join us on Telegram", True),
        ("Support for the sanctions among EU member states has waned since the summer.", False),
        ("Zelensky urged allies to follow the news from the front line closely.", False),
        ("The ISW said in its daily update that Russian forces had advanced near Avdiivka.", False),
    ],
)
def test_call_to_action_shapes(line, blurb):
    assert bool(rules._is_call_to_action(line) or rules._SECOND_PERSON_BLURB.search(line)) is blurb


def test_short_repeated_sentences_and_questions_in_the_article_stay():
    text = (
        f"Talks offer met with doubt in Europe\n{PROSE}\nThank you very much.\n"
        "What did the Kremlin actually offer this week?\n“Nothing,” he said.\n"
        f"{PROSE} Again.\nThank you very much.\n“We’ll continue to fight!”"
    )
    kept = [p.text for p in clean(_seed(text)).paragraphs]
    assert kept.count("Thank you very much.") == 2
    assert "What did the Kremlin actually offer this week?" in kept
    assert kept[-1] == "“We’ll continue to fight!”"


def test_short_wire_lead_starts_the_article():
    lead = "KYIV, Ukraine (AP) — Russia launched drones at Kyiv overnight."
    text = f"Russia launches drones at Kyiv\nMarch 4, 2024\n{lead}\n{PROSE}"
    doc = clean(_seed(text))
    assert doc.paragraphs[0].text == "Russia launched drones at Kyiv overnight."
    assert (doc.outlet, doc.published) == ("AP", "2024-03-04")


@pytest.mark.parametrize(
    ("lead", "outlet", "rest"),
    [
        ("MOSCOW, March 4 (Reuters) - Russian President Vladimir Putin said on Monday", "Reuters", "Russian"),
        ("KYIV, Ukraine (AP) — Russia is ready to negotiate", "AP", "Russia"),
        ("London (CNN) — Russia has said", "CNN", "Russia"),
        ("(CNN)Donald Sterling's racist remarks cost him an NBA team last year.", "CNN", "Donald"),
        ("(Updated) Russia says talks are possible.", None, None),
    ],
)
def test_inline_datelines(lead, outlet, rest):
    m = rules._INLINE_DATELINE.match(lead)
    assert (m and (m.group("outlet") or m.group("acronym"))) == outlet or (m is None and outlet is None)
    if m:
        assert lead[m.end() :].startswith(rest)


def _is_notice(text: str) -> bool:
    return rules._is_notice(text, text.lower())


def _is_blurb(text: str) -> bool:
    return rules._is_blurb(text, text.lower())


def test_quick_word_test_before_slow_searches():
    assert rules.has_any("Photo by Jane Doe/Reuters", rules.CREDIT_HINTS)
    assert rules.has_any("İMAGE CREDİT: Reuters", ("image",))  # `re.I` matches İ to i; lower() does not
    assert not rules.has_any("Russia now occupies about 18 percent of Ukrainian territory.", rules.CREDIT_HINTS)
    assert _is_notice("Additional reporting by Jane Doe in Kyiv")
    assert _is_notice("Jane Doe contributed reporting from Kyiv.")
    assert _is_notice("© 2024 The Outlet. All rights reserved.")
    assert not _is_notice("Reporters from the outlet contributed to the fund.")
    assert _is_blurb("Sign up for our free Ukraine Briefing newsletter to get it delivered to your inbox.")


def test_a_pull_quote_repeating_a_longer_paragraph_goes():
    text = (
        f"Talks offer met with doubt in Europe\n{PROSE}\n“We will not give up our land,” Zelensky said on Sunday.\n"
        "“We will not give up our land”\n"
        f"{PROSE} Again."
    )
    doc = clean(SeedFile(path="seeds/x.txt", sha256="0", kind="text", text=text))
    assert "pull quote (repeats the article): “We will not give up our land”" in doc.removed
    assert any("Zelensky said on Sunday" in p.text for p in doc.paragraphs)


def test_the_words_of_a_line_are_the_same_in_ascii_and_outside_it():
    line = "Sen. Mitch McConnell's re-election bid, 2014: won't quit"
    words = ("Sen", "Mitch", "McConnell's", "re-election", "bid", "2014", "won't", "quit")
    assert _words(line) == words
    assert _words(line.replace("'", "’") + " é") == (*(w.replace("'", "’") for w in words), "é")
