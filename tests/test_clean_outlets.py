"""The cleaning rules on scrapes written in the styles of other outlets than the five seeds.

Each fixture copies the shape of an outlet's page as a reader's copy-paste gives it: its own
menus, captions, credits, bylines, date lines, newsletter blurbs and bios. None of their
strings appear in the rules; passing shows the rules generalise beyond the seeds.
"""

from pathlib import Path

import pytest

from generator.clean import clean
from generator.model import Document, SeedFile

FIXTURES = Path(__file__).parent / "fixtures" / "outlets"


def _clean(name: str) -> Document:
    path = FIXTURES / name
    return clean(SeedFile(f"seeds/{name}", "0" * 64, "text", path.read_text(encoding="utf-8")))


def _body(doc: Document) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


# (fixture, headline, outlet, author, published)
EXPECTED = [
    (
        "guardian_style.txt",
        "Kremlin says ceasefire talks depend on western arms halt",
        None,
        None,
        "2024-03-04",
    ),
    (
        "reuters_style.txt",
        "Putin says Russia is ready for talks with the West, but only on its terms",
        "Reuters",
        "Guy Faulconbridge and Dmitry Antonov",
        "2024-03-04",
    ),
    (
        "ap_style.txt",
        "Russia says it is open to talks as Ukraine reports new drone strikes",
        "AP",
        "Illia Novikov and Jim Heintz",
        None,  # only an "Updated" date: not the publication date
    ),
    (
        "bbc_style.txt",
        "Ukraine war: Zelensky rejects talks while Russian troops remain on Ukrainian soil",
        None,
        None,
        None,  # "3 hours ago" is no date
    ),
    (
        "opinion_style.txt",
        "The Kremlin's talk of peace is a stalling tactic",
        None,  # the author is a fellow at a think tank: that is not the outlet
        "Maria Kowalski",
        "2024-02-12",
    ),
    (
        "aljazeera_style.txt",
        "Kremlin rules out ceasefire talks until Kyiv accepts ‘new realities’",
        None,  # "Source: … news agencies" names where the text came from, not the publisher
        None,
        "2024-03-12",
    ),
    (
        "dw_style.txt",
        "Kremlin says talks with Kyiv possible 'under certain conditions'",
        None,
        None,
        "2024-03-07",  # "03/07/2024" could be either order; "March 7, 2024" says which
    ),
    (
        "politico_style.txt",
        "Putin’s peace talk is aimed at Washington, not Kyiv",
        None,
        "Jamie Dettmer",  # byline after a prose-like standfirst
        "2024-03-04",
    ),
    (
        "nyt_style.txt",
        "Putin Says He Is Open to Talks, but Offers No Concessions",
        "The Times",  # as the bio names it: "Moscow bureau chief for The Times"
        "Anton Troianovski and Paul Sonne",  # the byline wins over the bios
        "2024-03-05",  # not the print date in the closing notice
    ),
    (
        "kyivpost_style.txt",
        "Kremlin Talk of Negotiations Is a Smokescreen, Kyiv Says",
        "Kyiv Post",  # "by Kyiv Post" is the outlet, not a person
        None,
        "2024-03-08",
    ),
    (
        "wapo_style.txt",
        "Putin signals openness to talks but digs in on demands",  # not the caption below it
        None,
        "Robyn Dixon and Natalia Abbakumova",
        "2023-12-14",
    ),
    (
        "meduza_style.txt",
        "‘Just words’ Analysts on why the Kremlin keeps talking about negotiations",
        None,
        None,
        "2024-03-12",
    ),
    (
        "npr_style.txt",
        "Russia's peace overtures meet skepticism in Kyiv and Washington",
        None,
        "Charles Maynes",
        "2024-03-06",
    ),
]


@pytest.mark.parametrize(("name", "title", "outlet", "author", "published"), EXPECTED)
def test_metadata_of_other_outlets(name, title, outlet, author, published):
    doc = _clean(name)
    assert doc.title == title
    assert not doc.title_inferred
    assert (doc.outlet, doc.author, doc.published) == (outlet, author, published)


NOISE = {
    "guardian_style.txt": ["Photograph:", "Skip to", "Sign up", "newsletter", "Explore more", "Reuse this", "Pjotr"],
    "reuters_style.txt": ["REUTERS/File", "Licensing", "Reporting by", "Our Standards", "Advertisement", "(Reuters) -"],
    "ap_style.txt": ["(AP) —", "Photo via AP", "contributed to this report", "Follow AP", "Copyright", "___"],
    "bbc_style.txt": ["Image source", "Image caption", "Related topics", "More on this story", "Zelensky visits"],
    "opinion_style.txt": ["READ MORE", "Continue reading", "Sign up", "inbox", "Center for European Policy", "Share"],
    "aljazeera_style.txt": ["[File:", "Keep reading", "list 1 of 4", "power plants", "end of list", "Source: Al"],
    "dw_style.txt": ["p.dw.com", "picture alliance", "ms/rc", "Send us your feedback", "Advertisement", "Conflicts"],
    "politico_style.txt": ["Link Copied", "via Getty Images", "By JAMIE", "4:00 am CET", "is part of POLITICO"],
    "nyt_style.txt": [
        "Credit...",
        "Share full article",
        "Listen to this",
        "Reporting from",
        "bureau chief",
        "in print",
    ],
    "kyivpost_style.txt": ["Photo:", "Tags:", "Join us", "Support Kyiv Post", "by Kyiv Post"],
    "wapo_style.txt": ["Democracy Dies", "Gift Article", "Zemlianichenko/AP", "Comments", "5 min"],
    "meduza_style.txt": ["Menu", "Podcasts", "Kremlin Pool", "Help Meduza", "Donate"],
    "npr_style.txt": ["Enlarge", "toggle caption", "Metzel/AP", "videoconference", "Copyright"],
}


@pytest.mark.parametrize(("name", "noise"), sorted(NOISE.items()))
def test_boilerplate_of_other_outlets_is_removed_and_recorded(name, noise):
    doc = _clean(name)
    body = _body(doc)
    removed = "\n".join(doc.removed)
    for fragment in noise:
        assert fragment not in body, fragment
        assert fragment in removed, fragment


@pytest.mark.parametrize("name", sorted(NOISE))
def test_article_paragraphs_survive(name):
    """Every line of article prose in the fixture is kept: cleaning takes out noise, not news."""
    doc = _clean(name)
    kept = {p.text for p in doc.paragraphs}
    raw = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    quoted = [line for line in raw if line.startswith(("“", '"'))]
    assert quoted and all(line in kept for line in quoted)


def test_subheads_stay_marked_as_headings():
    doc = _clean("guardian_style.txt")
    headings = [p.text for p in doc.paragraphs if p.heading]
    assert headings == ["What does Moscow want?"]
    assert sum(not p.heading for p in doc.paragraphs) == 6


def test_a_source_described_like_a_bio_inside_the_article_is_kept():
    """ "X is a senior fellow at …" in the middle of an article introduces a source, not the author."""
    doc = _clean("opinion_style.txt")
    assert any(p.text.startswith("Michael Kofman is a senior fellow") for p in doc.paragraphs)
    assert doc.author == "Maria Kowalski"


def test_caption_date_is_not_the_publication_date():
    doc = _clean("guardian_style.txt")
    assert "1 March 2024" in "\n".join(doc.removed)
    assert doc.published == "2024-03-04"


def test_wire_dateline_is_cut_from_the_first_paragraph_and_recorded():
    doc = _clean("ap_style.txt")
    assert doc.paragraphs[0].text.startswith("Russia is ready to negotiate")
    assert "dateline: KYIV, Ukraine (AP) —" in doc.removed


def test_standfirst_is_not_taken_for_the_headline():
    doc = _clean("guardian_style.txt")
    assert any(r.startswith("standfirst") and "Officials in Moscow" in r for r in doc.removed)
