"""Duplicates: the same article under two names is built once; different articles never merge."""

from pathlib import Path

from generator.analyse import analyse
from generator.duplicates import _normal, drop_duplicates
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
