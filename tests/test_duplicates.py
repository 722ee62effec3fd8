"""Duplicates: the same article under two names is built once; different articles never merge."""

from pathlib import Path

from generator import duplicates as duplicates_module
from generator.analyse import analyse
from generator.duplicates import _normal, drop_duplicates, find_copies
from generator.ingest import read_seed

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "003_5a515b03785a7aaf.txt"


def _analysed(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / "seeds" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return analyse(read_seed(path, tmp_path))


def test_the_real_seeds_have_no_duplicates(seed_analyses):
    kept, dropped = drop_duplicates(list(seed_analyses.values()))
    assert dropped == []
    assert len(kept) == 5


def test_a_second_download_with_other_noise_is_a_duplicate_and_the_corrected_copy_is_kept(tmp_path: Path):
    text = SEED.read_text(encoding="utf-8")
    plain = _analysed(tmp_path, "a.txt", SEED.read_bytes())
    noisy = _analysed(tmp_path, "b copy.txt", ("Share\nAdvertisement\n" + text).replace("\n", "\r\n").encode())
    corrected = _analysed(tmp_path, "c.txt", ("---\noutlet: The Kyiv Independent\n---\n" + text).encode())
    kept, dropped = drop_duplicates([plain, noisy, corrected])
    assert [a.seed.path for a in kept] == ["seeds/c.txt"]
    assert [(e.path, e.reason.split(" (")[0]) for e in dropped] == [
        ("seeds/a.txt", "duplicate of seeds/c.txt"),
        ("seeds/b copy.txt", "duplicate of seeds/c.txt"),
    ]
    assert "seeds/a.txt, seeds/b copy.txt" in kept[0].seed.notes[-1]


def test_an_updated_version_is_a_duplicate_and_the_longer_one_is_kept(tmp_path: Path):
    text = SEED.read_text(encoding="utf-8")
    old = _analysed(tmp_path, "old.txt", text.encode())
    new = _analysed(
        tmp_path,
        "new.txt",
        (text + "\nUpdate: the ministry confirmed on Tuesday that the talks had been postponed.\n").encode(),
    )
    kept, dropped = drop_duplicates([old, new])
    assert [a.seed.path for a in kept] == ["seeds/new.txt"]
    assert [e.path for e in dropped] == ["seeds/old.txt"]


def test_articles_sharing_a_wire_paragraph_are_not_duplicates(seed_analyses, tmp_path: Path):
    shared = seed_analyses["001"].document.paragraphs[2].text
    other = _analysed(
        tmp_path,
        "other.txt",
        (
            "Grain corridor extended after talks\n\n"
            "The envoys agreed on Monday to extend the grain corridor by another four months, the negotiators said.\n\n"
            f"{shared}\n\n"
            "Both delegations said further talks on prisoner exchanges would follow next month in Istanbul.\n"
        ).encode(),
    )
    kept, dropped = drop_duplicates([seed_analyses["001"], other])
    assert dropped == []
    assert len(kept) == 2


def test_a_paragraph_is_normalised_to_its_words_and_marks_one_space_apart():
    text = "“We’re not going to let that happen,”  Mr. Biden said\u00a0on Tuesday (at 3:30)."
    assert _normal(text) == '" we \' re not going to let that happen , " mr . biden said on tuesday ( at 3 : 30 ) .'
    assert _normal("Dr. Müller’s plan – “50%” cut") == 'dr . müller \' s plan – " 50 % " cut'


def test_copies_found_from_the_last_build_are_the_ones_the_product_finds(seed_analyses, tmp_path: Path, monkeypatch):
    """Edits that make and unmake copies, the changed seed compared alone, give the pairs that
    one sparse product over every article gives."""
    text = SEED.read_text(encoding="utf-8")
    real = list(seed_analyses.values())
    copy = _analysed(tmp_path, "copy.txt", ("Share\n" + text).encode())
    unmade = _analysed(tmp_path, "copy.txt", b"A different article altogether.\n\nNothing in it is shared.\n")
    update = _analysed(tmp_path, "update.txt", (text + "\nUpdate: the talks were postponed again.\n").encode())
    product = duplicates_module._copies
    compared = []
    monkeypatch.setattr(duplicates_module, "_copies", lambda ordered: compared.append(len(ordered)) or [])
    last = find_copies([*real, copy])
    for now in ([*real, unmade], [*real, copy, update], [*real[1:], copy], real):
        again = find_copies(now, last)
        ordered = sorted(now, key=lambda a: a.seed.path)
        assert again.pairs == [(ordered[i].seed.path, ordered[j].seed.path) for i, j in product(ordered)]
        last = again
    assert compared == []  # each changed seed was compared alone
    assert len(find_copies([*real, copy, update]).pairs) == 3  # each of the three with each other
