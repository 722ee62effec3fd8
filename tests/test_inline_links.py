"""Inline links: first mention in the briefing links to the entity's page; all else stays literal text."""

import markdown

from generator.inline_links import link_paragraph, link_paragraphs

PAGES = {
    "Vladimir Putin": "people/vladimir-putin.md",
    "Putin": "people/vladimir-putin.md",
    "Dmitry Peskov": "people/dmitry-peskov.md",
    "Peskov": "people/dmitry-peskov.md",
    "Kremlin": "people/kremlin.md",
}


def test_first_mention_in_the_briefing_links_later_ones_do_not():
    paras = [
        "Russian President Vladimir Putin claimed on Dec. 25 that the Kremlin was ready. Putin again blamed Kyiv.",
        "Kremlin spokesman Dmitry Peskov said the following day. Putin’s claim comes amid warnings.",
    ]
    first, second = link_paragraphs(paras, PAGES, "../")
    assert first.count("](../people/vladimir-putin.md)") == 1
    assert "[Vladimir Putin](../people/vladimir-putin.md)" in first
    assert "[Kremlin](../people/kremlin.md)" in first
    assert "[Dmitry Peskov](../people/dmitry-peskov.md)" in second
    assert "vladimir-putin" not in second and "people/kremlin.md" not in second


def test_longest_name_wins_and_parts_of_words_never_link():
    text, linked = link_paragraph("In a Kremlin-controlled interview, Peskov’s boss Vladimir Putin spoke.", PAGES, "")
    assert "Kremlin-controlled" in text and "kremlin.md" not in text
    assert "[Peskov](people/dmitry-peskov.md)’s" in text
    assert "[Vladimir Putin](people/vladimir-putin.md)" in text
    assert linked == {"people/dmitry-peskov.md", "people/vladimir-putin.md"}


def test_hostile_text_around_links_renders_literally():
    text = "- <script>alert(1)</script> *Putin* said [x](javascript:y) {: #id } `code` Peskov_said"
    out, _ = link_paragraph(text, PAGES, "../")
    html = markdown.markdown(out, extensions=["attr_list"])
    assert "<script>" not in html and "<em>" not in html and "<code>" not in html and "<li>" not in html
    assert 'href="javascript' not in html
    assert '<a href="../people/vladimir-putin.md">Putin</a>' in html
    assert "&#60;script&#62;alert(1)&#60;/script&#62;" in html  # shown as text by the browser
    assert "dmitry-peskov" not in html  # "Peskov_said" is one word, not a mention


def test_spacing_is_kept_around_links_and_without_pages_text_is_only_escaped():
    out, _ = link_paragraph("Then   Putin  left.", PAGES, "")
    assert out == "Then [Putin](people/vladimir-putin.md) left."
    assert link_paragraph("Then *Putin* left.", {}, "")[0] == "Then &#42;Putin&#42; left."


def test_speaker_forms_that_are_not_names_are_never_link_text():
    pages = {"the ISW": "people/isw.md", "Peskov reportedly": "people/dmitry-peskov.md"}
    out, _ = link_paragraph("“It continues,” Peskov reportedly said, citing the ISW.", pages, "")
    assert "](" not in out
