"""Ingest stage: seed files on disk → `SeedFile` (decoded text, front matter) or `SeedError`.

Seed bytes are untrusted. Every failure becomes a `SeedError` naming the file and giving a
one-line reason, so one bad seed never stops the others. Text is decoded so that it never
turns silently into mojibake: UTF-8 (with or without BOM), UTF-16/32 with a BOM, or
Windows-1252 when it reads as Western text (with a note); anything else is rejected.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

import yaml

from .model import SeedError, SeedFile

MAX_SEED_BYTES = 2_000_000
"""Larger seeds are rejected: no news article, even a page saved with its scripts, is 2 MB."""

KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
FRONT_MATTER_KEYS = ("title", "outlet", "author", "published", "url", "tags")
IGNORED_FILES = frozenset({"thumbs.db", "desktop.ini", "readme.md", "readme.txt", "readme"})
"""Files that live in folders without being seeds: never read, never reported."""

# --- Patterns: one place for ingest's rules ------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_YAML_KEY_LINE = re.compile(r"\A\s*[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)", re.M)
_FIELD_NAME = re.compile(r"[a-z_][a-z0-9_-]*")
"""A front-matter key as an editor types one; "Breaking news" or "Update" is a line of text."""
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.I)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_CP1252_ONLY = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
"""What bytes 0x80–0x9F become under Windows-1252: UTF-8 continuation bytes read the wrong way."""
_MOJIBAKE = re.compile(
    rf"[\u00c2-\u00df][\u0080-\u00bf{_CP1252_ONLY}]"
    rf"|[\u00e0-\u00ef][\u0080-\u00bf{_CP1252_ONLY}]{{2}}"
    rf"|[\u00f0-\u00f4][\u0080-\u00bf{_CP1252_ONLY}]{{3}}"
)
"""A UTF-8 sequence for one character, read as Windows-1252: "â€™" for "’", "Ã©" for "é"."""
_MOJIBAKE_LEAD = re.compile(r"[\u00c2-\u00f4]")
"""The first character of every `_MOJIBAKE` match: most texts hold none, and this search is 8x faster."""
_ODD_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u00a1-\u00bf\u00d7\u00f7ƒˆ‰‹›˜™](?=[^\W\d_])")
"""A symbol inside a word (e.g. "³" in "wy³¹czy"): Polish or other text read as Windows-1252."""
MAX_NON_ASCII_LETTERS = 0.25
"""Share of accented letters above which "Windows-1252" text is really another alphabet."""


class SeedProblem(Exception):
    """A seed cannot be used; the message is the one-line reason shown to the editor."""


class _Entry(NamedTuple):
    path: Path
    folder: bool  # a linked folder (never followed)
    rel: str  # its path under the seeds folder, with POSIX separators


def _visible_files(seeds_dir: Path) -> list[_Entry]:
    """Regular files (and broken links, to report) under `seeds_dir` outside hidden folders, sorted.

    Pipes, devices and links to them are left out: reading one could block the build forever.
    Linked folders are listed too (they are not followed), so that they can be reported. Directory
    entries know their own type: at 10,000 seeds, a `stat` per file to ask was a tenth of a second.
    Paths under the folder are worked out on strings: path objects took as long again.
    """
    found: list[_Entry] = []
    prefix = len(os.path.join(seeds_dir, ""))
    todo = [os.fspath(seeds_dir)]
    while todo:
        try:
            entries = list(os.scandir(todo.pop()))
        except OSError:
            continue
        for entry in entries:
            hidden = entry.name.startswith(".")
            ignored = hidden or entry.name.lower() in IGNORED_FILES
            rel = entry.path[prefix:].replace(os.sep, "/")
            if entry.is_symlink():  # rare: asked of the path, which tells loops and broken links apart
                path = Path(entry.path)
                if path.is_dir():
                    if not hidden:
                        found.append(_Entry(path, True, rel))
                elif not ignored and (path.is_file() or not path.exists()):
                    found.append(_Entry(path, False, rel))
            elif entry.is_dir(follow_symlinks=False):
                if not hidden:
                    todo.append(entry.path)
            elif entry.is_file(follow_symlinks=False) and not ignored:
                found.append(_Entry(Path(entry.path), False, rel))
    return sorted(found, key=lambda e: e.rel)


def list_seeds(seeds_dir: Path) -> tuple[list[Path], list[SeedError]]:
    """Seed files under `seeds_dir`, in a stable order independent of the file system, and the
    files there that are not seeds (a .pdf, a .docx, a linked folder): reported, never dropped
    silently."""
    kinds = ", ".join(sorted(KINDS))
    top = relative(seeds_dir, seeds_dir.parent)
    seeds, strays = [], []
    for path, folder, rel in _visible_files(seeds_dir):
        rel = rel if top == "." else f"{top}/{rel}"
        suffix = os.path.splitext(rel)[1].rstrip(".")  # "name." has none, as `Path.suffix` has it
        if folder:
            strays.append(SeedError(rel, "linked folder: not followed (move its seeds into the seeds folder)"))
        elif suffix.lower() not in KINDS:
            strays.append(SeedError(rel, f"not a seed: {suffix or 'no'} file type (use {kinds})"))
        else:
            seeds.append(path)
    return seeds, strays


def relative(path: Path, root: Path) -> str:
    """`path` relative to `root`, with POSIX separators: a seed's recorded path. Lexical where
    `path` lies under `root` as written (every listed seed): `os.path.relpath` made each path
    absolute twice, a tenth of a second at 10,000 seeds."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, root)).as_posix()


def find_seeds(seeds_dir: Path) -> list[Path]:
    return list_seeds(seeds_dir)[0]


def printable(path: Path | str) -> str:
    """A path as one printable line, whatever bytes or line breaks its name holds."""
    text = Path(path).as_posix().encode("utf-8", "backslashreplace").decode("utf-8")
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def _decode_bom(data: bytes) -> str | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise SeedProblem(f"starts with a {name} byte-order mark but is not {name} ({exc.reason})") from None
    return None


def _sloppy_cp1252_bytes(text: str) -> bytes:
    """Undo a Windows-1252 reading, including the five bytes Windows-1252 leaves undefined."""
    return b"".join(ch.encode("cp1252") if ch in _CP1252_ONLY else ch.encode("latin-1") for ch in text)


def repair_mojibake(text: str) -> tuple[str, int]:
    """Put back characters of UTF-8 text that was once read as Windows-1252; return the count."""
    if not _MOJIBAKE_LEAD.search(text):
        return text, 0
    fixed = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal fixed
        try:
            char = _sloppy_cp1252_bytes(match.group(0)).decode("utf-8")
        except (UnicodeDecodeError, UnicodeEncodeError):
            return match.group(0)
        fixed += 1
        return char

    return _MOJIBAKE.sub(fix, text), fixed


def _reads_as_western(text: str) -> bool:
    """Whether Windows-1252 decoding gave real Western text rather than another encoding's bytes."""
    letters = [ch for ch in text if ch.isalpha()]
    accented = sum(1 for ch in letters if ord(ch) > 127)
    if letters and accented / len(letters) > MAX_NON_ASCII_LETTERS:
        return False
    return not _ODD_IN_WORD.search(text)


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Seed bytes → text with `\\n` line ends, plus notes for the editor; never silent mojibake."""
    if not data.strip():
        raise SeedProblem("empty file")
    notes: list[str] = []
    text = _decode_bom(data)
    if text is None:
        if b"\x00" in data[:8192]:
            raise SeedProblem("binary file (contains NUL bytes; UTF-16 needs a byte-order mark)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise SeedProblem("not UTF-8 and not Windows-1252 text: save it as UTF-8") from None
            if not _reads_as_western(text):
                raise SeedProblem("not UTF-8, and as Windows-1252 it reads as garbage: save it as UTF-8") from None
            notes.append("decoded as Windows-1252 (not valid UTF-8)")
    text, repaired = repair_mojibake(text)
    if repaired:
        notes.append(f"repaired {repaired} mis-decoded characters (UTF-8 once read as Windows-1252)")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise SeedProblem("binary file (too many control characters)")
    if controls:
        text = _CONTROL.sub("", text)
        notes.append(f"removed {controls} control characters")
    if not text.strip():
        raise SeedProblem("empty file")
    return text, tuple(notes)


def _parse_yaml(block: str) -> object:
    try:
        return yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise SeedProblem(f"malformed front matter{where}: {problem}") from None
    except RecursionError:
        raise SeedProblem("malformed front matter: nested too deeply") from None
    except (ValueError, OverflowError, TypeError) as exc:  # PyYAML's own checks, e.g. 2023-02-30
        raise SeedProblem(f"malformed front matter: {' '.join(str(exc).split())}") from None


def split_front_matter(text: str) -> tuple[dict[str, object], str, tuple[str, ...]]:
    """Split a leading YAML block off `text`; keep the keys the contract allows.

    A block that is not front matter (a Markdown rule above and below a headline or a
    "Breaking news: …" line) stays in the text; a block that is meant as front matter (it
    starts with a `key:` line) but does not parse is an error.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, ()
    block = match.group(1) or ""
    try:
        data = _parse_yaml(block)
    except SeedProblem:
        if _YAML_KEY_LINE.match(block):
            raise
        return {}, text, ()
    if data is None:
        return {}, text[match.end() :], ()
    keys = list(data) if isinstance(data, dict) else []
    meant = bool(keys) and (
        any(k in FRONT_MATTER_KEYS for k in keys) or all(isinstance(k, str) and _FIELD_NAME.fullmatch(k) for k in keys)
    )
    if not meant:
        if isinstance(data, dict) or not _YAML_KEY_LINE.match(block):
            return {}, text, ()
        raise SeedProblem("malformed front matter: expected key: value pairs")
    unknown = sorted(str(k) for k in keys if k not in FRONT_MATTER_KEYS)
    notes = (f"front-matter keys ignored (not known): {', '.join(unknown)}",) if unknown else ()
    return _check_front_matter(data), text[match.end() :], notes


def _one_line(key: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise SeedProblem(f"malformed front matter: {key} must be text")
    text = " ".join(_CONTROL.sub("", str(value)).split())
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise SeedProblem(f"malformed front matter: {key} is not valid Unicode text") from None
    return text


def _check_front_matter(data: dict) -> dict[str, object]:
    clean: dict[str, object] = {}
    for key in FRONT_MATTER_KEYS:
        value = data.get(key)
        if value is None or value == "" or value == []:
            continue
        if key == "published":
            if isinstance(value, dt.datetime):
                value = value.date()
            if isinstance(value, dt.date):
                value = value.isoformat()
            if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                raise SeedProblem(f"malformed front matter: published must be YYYY-MM-DD, got {value!r}")
            try:
                value = dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                raise SeedProblem(f"malformed front matter: no such date {value!r}") from None
        elif key == "tags":
            if isinstance(value, (str, int)):
                value = [value]
            if not isinstance(value, list):
                raise SeedProblem("malformed front matter: tags must be a list of strings")
            value = [t for t in (_one_line("tags", v) for v in value) if t]
        elif key == "url":
            value = _one_line(key, value)
            if not _URL.fullmatch(value):
                raise SeedProblem(f"malformed front matter: url must be one http(s):// address, got {value[:60]!r}")
        else:
            value = _one_line(key, value)
        if value or value == 0:
            clean[key] = value
    return clean


def read_seed(path: Path, root: Path, seeds_dir: Path | None = None) -> SeedFile | SeedError:
    """Read one seed; any problem becomes a `SeedError` with the file's path and a reason.

    The path recorded is relative to `root`, the folder holding the seeds folder, so it
    reads `seeds/003_x.txt` wherever the build runs from. A symbolic link that leads out
    of `seeds_dir` is refused: nothing outside the seeds folder is published.
    """
    rel = relative(path, root)
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return SeedError(printable(rel), "file name is not valid UTF-8: rename the file")
    if path.suffix.lower() not in KINDS:
        return SeedError(rel, f"not a seed: {path.suffix or 'no'} file type")
    try:
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise SeedProblem("broken symbolic link (its target is missing or loops)") from None
        if seeds_dir is not None and not target.is_relative_to(seeds_dir.resolve()):
            raise SeedProblem("symbolic link to a file outside the seeds folder")
        info = target.stat()
        if not stat.S_ISREG(info.st_mode):
            raise SeedProblem("not a regular file")
        size = info.st_size
        if size > MAX_SEED_BYTES:
            raise SeedProblem(f"too large ({size:,} bytes; the limit is {MAX_SEED_BYTES:,})")
        data = path.read_bytes()
        if len(data) > MAX_SEED_BYTES:
            raise SeedProblem(f"too large ({len(data):,} bytes; the limit is {MAX_SEED_BYTES:,})")
        text, notes = decode(data)
        front, body, fm_notes = split_front_matter(text)
        if not body.strip():
            raise SeedProblem("no article text after the front matter")
    except SeedProblem as exc:
        return SeedError(rel, str(exc))
    except OSError as exc:
        return SeedError(rel, f"cannot read: {exc.strerror or exc}")
    return SeedFile(
        path=rel,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=KINDS[path.suffix.lower()],
        text=body,
        front_matter=front,
        notes=notes + fm_notes,
    )
