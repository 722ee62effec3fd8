from pathlib import Path

import pytest

from generator.ingest import SeedProblem, decode, read_seed, split_front_matter
from generator.model import SeedError, SeedFile


def test_utf8_bom_and_crlf_are_normalised():
    text, notes = decode("\ufeffTitle line\r\nBody “quoted”\rmore".encode())
    assert text == "Title line\nBody “quoted”\nmore"
    assert notes == ()


def test_windows_1252_is_decoded_with_a_note():
    text, notes = decode("Kremlin “talks” – café".encode("cp1252"))
    assert text == "Kremlin “talks” – café"
    assert notes and "Windows-1252" in notes[0]


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"\x00\x01\x02binary"])
def test_empty_and_binary_are_rejected(data):
    with pytest.raises(SeedProblem):
        decode(data)


def test_front_matter_overrides_and_unknown_keys_dropped():
    front, body = split_front_matter("---\ntitle: Fixed\npublished: 2024-02-09\nfoo: bar\n---\nBody text\n")
    assert front == {"title": "Fixed", "published": "2024-02-09"}
    assert body == "Body text\n"


@pytest.mark.parametrize(
    "text",
    ["---\ntitle: [unclosed\n---\nbody", "---\npublished: 9 Feb\n---\nbody", "---\n- a list\n---\nbody"],
)
def test_malformed_front_matter_is_a_seed_error(tmp_path: Path, text: str):
    path = tmp_path / "bad.txt"
    path.write_text(text)
    result = read_seed(path, tmp_path)
    assert isinstance(result, SeedError)
    assert result.path == "bad.txt"
    assert "front matter" in result.reason


def test_good_seed_keeps_its_relative_path_and_hash(tmp_path: Path):
    path = tmp_path / "seeds" / "a b ü.txt"
    path.parent.mkdir()
    path.write_bytes(b"Headline\n\nBody sentence here.")
    seed = read_seed(path, tmp_path)
    assert isinstance(seed, SeedFile)
    assert seed.path == "seeds/a b ü.txt"
    assert len(seed.sha256) == 64
