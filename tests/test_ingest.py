"""Ingest: every way a seed file can be broken is named with a one-line reason; good text decodes exactly."""

import os
from pathlib import Path

import pytest

from generator.ingest import (
    MAX_SEED_BYTES,
    SeedProblem,
    decode,
    find_seeds,
    list_seeds,
    read_seed,
    repair_mojibake,
    split_front_matter,
)
from generator.model import SeedError, SeedFile

HOSTILE = Path(__file__).parent / "hostile"
ARTICLE = "Kremlin “talks” – café owners in Köln said the négociations would resume on Monday."


def test_utf8_bom_and_crlf_are_normalised():
    text, notes = decode("\ufeffTitle line\r\nBody “quoted”\rmore".encode())
    assert text == "Title line\nBody “quoted”\nmore"
    assert notes == ()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_decode_exactly(codec):
    data = ("\ufeff" if codec.endswith("-be") else "") + ARTICLE + "\r\n"
    text, notes = decode(data.encode(codec))
    assert text == ARTICLE + "\n"
    assert notes == ()


def test_windows_1252_is_decoded_with_a_note():
    text, notes = decode(ARTICLE.encode("cp1252"))
    assert text == ARTICLE
    assert notes and "Windows-1252" in notes[0]


def test_latin1_is_decoded_with_a_note():
    text, notes = decode("Zürich, São Paulo and Málaga delegates met on Friday.".encode("latin-1"))
    assert text == "Zürich, São Paulo and Málaga delegates met on Friday."
    assert "Windows-1252" in notes[0]


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Дипломаты встретились в Женеве в четверг для третьего раунда переговоров.", "cp1251"),
        ("Οι διπλωμάτες συναντήθηκαν στη Γενεύη την Πέμπτη για τρίτο γύρο συνομιλιών.", "cp1253"),
        ("Dyplomaci spotkali się w czwartek, aby wyłączyć spór i ustalić następną rundę.", "cp1250"),
    ],
)
def test_other_legacy_encodings_are_rejected_not_turned_into_mojibake(text, codec):
    with pytest.raises(SeedProblem, match="save it as UTF-8"):
        decode(text.encode(codec))


def test_mojibake_in_utf8_text_is_repaired_with_a_note():
    original = "“We are ready,” the mediators’ office in Zürich said."
    garbled = original.encode("utf-8").decode("cp1252", errors="replace").replace("\ufffd", "\x9d")
    assert "â€" in garbled
    text, notes = decode(garbled.encode("utf-8"))
    assert text == original
    assert notes and "repaired" in notes[0]


def test_real_accented_text_is_never_repaired():
    for sample in [ARTICLE, "Ça va? À Paris, l’été dernier, Müller said “Größe”.", "Â is a letter; Ã too."]:
        assert repair_mojibake(sample) == (sample, 0)


def test_control_characters_are_dropped_with_a_note_and_markdown_placeholders_never_survive():
    text, notes = decode(b"Body with\x02klzzwxh:0000\x03 a stash placeholder\x07.")
    assert text == "Body withklzzwxh:0000 a stash placeholder."
    assert "control characters" in notes[0]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t \r\n", "empty file"),
        (b"\x00\x01\x02binary", "binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (bytes(range(1, 32)) * 20, "binary file"),
        (b"Text \x81\x8d\x8f\x90\x9d more", "not UTF-8 and not Windows-1252"),
        (b"\xff\xfe\x00\xd8", "UTF-16 byte-order mark but is not UTF-16"),
    ],
)
def test_unreadable_bytes_are_rejected_with_a_reason(data, reason):
    with pytest.raises(SeedProblem, match=reason):
        decode(data)


def test_front_matter_overrides_and_unknown_keys_are_noted():
    front, body, notes = split_front_matter("---\ntitle: Fixed\npublished: 2024-02-09\nfoo: bar\n---\nBody text\n")
    assert front == {"title": "Fixed", "published": "2024-02-09"}
    assert body == "Body text\n"
    assert notes == ("front-matter keys ignored (not known): foo",)


def test_front_matter_values_are_folded_to_one_line():
    front, _, _ = split_front_matter('---\ntitle: "Two\\nlines\\u0002 here"\ntags: [" a ", "", b]\n---\nBody\n')
    assert front == {"title": "Two lines here", "tags": ["a", "b"]}


@pytest.mark.parametrize(
    "text",
    [
        "---\nHeadline in a rule\n---\nBody text\n",
        "---\n- a Markdown list\n- between rules\n---\nBody text\n",
        "---\nBreaking news: talks resume, officials say\n---\nBody text\n",
        "---\nUpdate: talks resumed on Monday\n---\nBody text\n",
        "---\n2023-02-30\n---\nBody text\n",
    ],
)
def test_markdown_rules_around_text_are_not_front_matter(text):
    front, body, _ = split_front_matter(text)
    assert front == {}
    assert body == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\ntitle: [unclosed\n---\nbody", "malformed front matter at line"),
        ("---\npublished: 9 Feb\n---\nbody", "published must be YYYY-MM-DD"),
        ("---\npublished: 2023-02-30\n---\nbody", "day is out of range"),
        ("---\ntitle: {a: b}\n---\nbody", "title must be text"),
        ("---\ntitle: ok\ntags: {a: b}\n---\nbody", "tags must be a list"),
        ("---\nurl: javascript:alert(1)\n---\nbody", "url must be one http"),
        ("---\nurl: 'https://a.example/x\n\n<script>'\n---\nbody", "url must be one http"),
        ("---\ntitle: !!python/object:os.system x\n---\nbody", "malformed front matter"),
        ("---\ntitle: " + "[" * 3000 + "]" * 3000 + "\n---\nbody", "malformed front matter"),
        ('---\ntitle: "\\ud800"\n---\nbody', "not valid Unicode"),
        ("---\na: &a [lol, lol]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\ntags: *c\n---\nbody", "tags must be text"),
        ("---\ntitle: ok\n---\n\n   \n", "no article text"),
    ],
)
def test_malformed_front_matter_is_a_seed_error(tmp_path: Path, text: str, reason: str):
    path = tmp_path / "bad.md"
    path.write_text(text)
    result = read_seed(path, tmp_path)
    assert isinstance(result, SeedError)
    assert result.path == "bad.md"
    assert reason in result.reason
    assert "\n" not in result.reason


def test_good_seed_keeps_its_relative_path_and_hash(tmp_path: Path):
    path = tmp_path / "seeds" / "a b ü — 記事 (1).txt"
    path.parent.mkdir()
    path.write_bytes(b"Headline\n\nBody sentence here.")
    seed = read_seed(path, tmp_path)
    assert isinstance(seed, SeedFile)
    assert seed.path == "seeds/a b ü — 記事 (1).txt"
    assert len(seed.sha256) == 64


def test_too_large_is_rejected_before_reading(tmp_path: Path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_SEED_BYTES + 1)
    result = read_seed(path, tmp_path)
    assert isinstance(result, SeedError)
    assert result.reason.startswith("too large (2,000,001 bytes; the limit is 2,000,000)")


def test_file_name_that_is_not_utf8_is_reported_not_crashed(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    raw = os.path.join(os.fsencode(seeds), b"caf\xe9.txt")
    try:
        with open(raw, "wb") as fh:
            fh.write(b"Headline\n\nBody sentence here.")
    except OSError:
        pytest.skip("this file system refuses non-UTF-8 names")
    [path] = find_seeds(seeds)
    result = read_seed(path, tmp_path, seeds)
    assert isinstance(result, SeedError)
    assert result.path == "seeds/caf\\udce9.txt"
    assert "not valid UTF-8" in result.reason


def test_links_out_of_the_seeds_folder_broken_links_and_pipes_are_refused_never_followed(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes that must never be published on the site.")
    (seeds / "link.txt").symlink_to(secret)
    (seeds / "inside.txt").write_text("Headline\n\nA body sentence for the inside seed.")
    (seeds / "alias.txt").symlink_to(seeds / "inside.txt")
    (seeds / "dangling.txt").symlink_to(seeds / "gone.txt")
    (seeds / "loop.txt").symlink_to(seeds / "loop.txt")
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "to-pipe.txt").symlink_to(seeds / "pipe.txt")
    (tmp_path / "elsewhere").mkdir()
    (seeds / "linked-folder").symlink_to(tmp_path / "elsewhere")
    results = {p.name: read_seed(p, tmp_path, seeds) for p in find_seeds(seeds)}
    assert sorted(results) == ["alias.txt", "dangling.txt", "inside.txt", "link.txt", "loop.txt"]
    assert "outside the seeds folder" in results["link.txt"].reason
    assert "broken symbolic link" in results["dangling.txt"].reason
    assert "broken symbolic link" in results["loop.txt"].reason
    assert isinstance(results["alias.txt"], SeedFile)
    assert [(e.path, e.reason.split(":")[0]) for e in list_seeds(seeds)[1]] == [
        ("seeds/linked-folder", "linked folder")
    ]
    assert read_seed(seeds / "pipe.txt", tmp_path, seeds).reason == "not a regular file"


def test_seed_discovery_is_sorted_skips_hidden_and_reports_strays(tmp_path: Path):
    seeds = tmp_path / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / ".git").mkdir()
    for name in ["b.txt", "A.md", "sub/c.HTML", ".hidden.txt", ".git/x.txt", "notes.pdf", "Thumbs.db", "README.md"]:
        (seeds / name).write_text("x")
    assert [p.relative_to(seeds).as_posix() for p in find_seeds(seeds)] == ["A.md", "b.txt", "sub/c.HTML"]
    strays = list_seeds(seeds)[1]
    assert [(e.path, e.reason.split(":")[0]) for e in strays] == [("seeds/notes.pdf", "not a seed")]


@pytest.mark.parametrize("path", sorted(p for p in HOSTILE.iterdir() if p.is_file()), ids=lambda p: p.name)
def test_every_hostile_fixture_is_read_or_named_with_one_line(path: Path):
    result = read_seed(path, HOSTILE.parent, HOSTILE)
    assert result.path == f"hostile/{path.name}"
    if isinstance(result, SeedError):
        assert result.reason and "\n" not in result.reason
    else:
        assert result.text.strip()
        assert "\r" not in result.text


def test_a_misspelt_key_is_still_front_matter_and_is_noted():
    front, body, notes = split_front_matter("---\ntitel: Fixed\n---\nBody text\n")
    assert (front, body) == ({}, "Body text\n")
    assert notes == ("front-matter keys ignored (not known): titel",)
