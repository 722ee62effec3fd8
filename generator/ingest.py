"""Ingest stage: seed files on disk → `SeedFile` (decoded text, front matter) or `SeedError`.

Seed bytes are untrusted. Every failure becomes a `SeedError` naming the file and the reason,
so one bad seed never stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import yaml

from .model import SeedError, SeedFile

MAX_SEED_BYTES = 2_000_000
"""Seeds larger than this are rejected: no news article is 2 MB of text, a dump is."""

KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
FRONT_MATTER_KEYS = ("title", "outlet", "author", "published", "url", "tags")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


class SeedProblem(Exception):
    """A seed cannot be used; the message is the one-line reason shown to the editor."""


def find_seeds(seeds_dir: Path) -> list[Path]:
    """Seed files under `seeds_dir`, in a stable order independent of the file system."""
    found = [
        p for p in seeds_dir.rglob("*") if p.is_file() and p.suffix.lower() in KINDS and not p.name.startswith(".")
    ]
    return sorted(found, key=lambda p: p.relative_to(seeds_dir).as_posix())


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode seed bytes: UTF-8 (BOM or not), else Windows-1252 with a note; never mojibake."""
    if not data.strip():
        raise SeedProblem("empty file")
    if b"\x00" in data[:8192]:
        raise SeedProblem("binary file (contains NUL bytes)")
    notes: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise SeedProblem(f"not UTF-8 and not Windows-1252 text ({exc.reason})") from None
        notes.append("decoded as Windows-1252 (not valid UTF-8)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t")
    if controls > max(8, len(text) // 100):
        raise SeedProblem("binary file (too many control characters)")
    return text, tuple(notes)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """Split a leading YAML block off `text`; keep only the keys the contract allows."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise SeedProblem(f"malformed front matter{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise SeedProblem("malformed front matter: expected key: value pairs")
    return _check_front_matter(data), text[match.end() :]


def _check_front_matter(data: dict) -> dict[str, object]:
    clean: dict[str, object] = {}
    for key in FRONT_MATTER_KEYS:
        if key not in data or data[key] is None:
            continue
        value = data[key]
        if key == "published":
            if isinstance(value, dt.datetime):
                value = value.date()
            if isinstance(value, dt.date):
                value = value.isoformat()
            if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise SeedProblem(f"malformed front matter: published must be YYYY-MM-DD, got {value!r}")
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise SeedProblem(f"malformed front matter: no such date {value!r}") from None
        elif key == "tags":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(t, (str, int)) for t in value):
                raise SeedProblem("malformed front matter: tags must be a list of strings")
            value = [str(t).strip() for t in value if str(t).strip()]
        else:
            if not isinstance(value, (str, int, float)):
                raise SeedProblem(f"malformed front matter: {key} must be text")
            value = str(value).strip()
        clean[key] = value
    return clean


def read_seed(path: Path, root: Path) -> SeedFile | SeedError:
    """Read one seed; any problem becomes a `SeedError` with the file's path and a reason.

    The path recorded is relative to `root`, the folder holding the seeds folder, so it
    reads `seeds/003_x.txt` wherever the build runs from.
    """
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            raise SeedProblem(f"too large ({size:,} bytes; the limit is {MAX_SEED_BYTES:,})")
        data = path.read_bytes()
        text, notes = decode(data)
        front, body = split_front_matter(text)
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
        notes=notes,
    )
