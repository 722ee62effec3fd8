"""What the last build read and wrote, so an unchanged tree is recognised without re-rendering.

The key covers every input that decides the output: each seed's path and bytes (sha256), the
seeds that could not be read, the output folders and the generator's own source. When the key
matches and every output file still holds exactly what the build wrote (checked by hash),
nothing can have changed. Kept in the cache folder, so deleting the cache is always safe.

It also records the signature (`unchanged`) of every seed it read and every output it made or
found in place, so that the next build reads only files whose signature changed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import cache, unchanged
from .model import SeedError, SeedFile, UnreadSeed

NAME = f"manifest-{marshal.version}.marshal"
"""`marshal`, not JSON: it keeps 50,000 paths and digests at 10,000 briefings, which JSON took
a tenth of a second to write and read back (its format may change with Python's: then the
name does)."""


@dataclass(frozen=True)
class Manifest:
    key: str
    outputs: dict[str, str]  # path → sha256 of the text written
    errors: list[tuple[str, str]]  # (seed path, reason) as the build reported them
    kept: list[str]
    renders: dict[str, str]  # briefing path → `render.render_key` of what was written there
    started_ns: int = 0  # when this build began: seed signatures are trusted relative to it
    seeds: dict[str, tuple[unchanged.Signature, str]] = field(default_factory=dict)  # seed → (signature, sha256)
    stats: dict[str, unchanged.Signature] = field(default_factory=dict)  # output path → its signature
    hub_key: str = ""  # `build.hub_key` of the hub pages written
    hub_digests: dict[str, tuple[str, str]] = field(default_factory=dict)  # seed → (sha256, its hub view's digest)
    hub_pages: list[str] = field(default_factory=list)  # docs-relative paths of the hub pages written
    stamp_ns: int = 0  # the manifest file's modification time, once loaded: outputs are trusted relative to it


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def inputs_key(seeds: list[SeedFile | UnreadSeed], errors: list[SeedError], briefings_dir: Path, docs_dir: Path) -> str:
    h = hashlib.sha256(cache.code_fingerprint().encode())
    h.update(f"{briefings_dir.resolve()}\0{docs_dir.resolve()}\n".encode())
    for seed in seeds:
        h.update(f"S{seed.path}\0{seed.sha256}\n".encode())
    for error in errors:
        h.update(f"E{error.path}\0{error.reason}\n".encode())
    return h.hexdigest()


def load(cache_dir: Path | None) -> Manifest | None:
    if cache_dir is None:
        return None
    try:
        stamp = os.stat(cache_dir / NAME).st_mtime_ns  # before reading: a newer manifest only trusts less
        data = marshal.loads((cache_dir / NAME).read_bytes())
        return Manifest(
            str(data["key"]),
            {str(k): str(v) for k, v in data["outputs"].items()},
            [(str(p), str(r)) for p, r in data["errors"]],
            [str(p) for p in data["kept"]],
            {str(k): str(v) for k, v in data["renders"].items()},
            int(data["started_ns"]),
            {str(k): (tuple(map(int, sig)), str(sha)) for k, (sig, sha) in data["seeds"].items()},
            {str(k): tuple(map(int, v)) for k, v in data["stats"].items()},
            str(data["hub_key"]),
            {str(k): (str(sha), str(d)) for k, (sha, d) in data["hub_digests"].items()},
            [str(p) for p in data["hub_pages"]],
            stamp,
        )
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save(cache_dir: Path | None, manifest: Manifest) -> None:
    if cache_dir is None:
        return
    data = {
        "key": manifest.key,
        "outputs": manifest.outputs,
        "errors": manifest.errors,
        "kept": manifest.kept,
        "renders": manifest.renders,
        "started_ns": manifest.started_ns,
        "seeds": manifest.seeds,
        "stats": manifest.stats,
        "hub_key": manifest.hub_key,
        "hub_digests": manifest.hub_digests,
        "hub_pages": manifest.hub_pages,
    }
    try:
        cache.replace_file(cache_dir / NAME, marshal.dumps(data))
    except OSError:
        return  # a manifest that cannot be written only costs time next run


def holds(manifest: Manifest | None, path: Path) -> tuple[unchanged.Signature, str] | None:
    """The file's signature and the digest of its text, if it still holds what the last build
    wrote or found there, known without reading it; otherwise None."""
    if manifest is None or (recorded := manifest.outputs.get(str(path))) is None:
        return None
    current = unchanged.of(path)
    return (current, recorded) if unchanged.older(manifest.stats.get(str(path)), current, manifest.stamp_ns) else None


def read_text(path: Path) -> str | None:
    """An output file's text, or None when it is missing or unreadable."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def verified(manifest: Manifest | None, path: Path) -> tuple[unchanged.Signature | None, bool]:
    """The file's signature if it still holds what the last build wrote or found there (else None),
    and whether it was read to know: only when its signature does not show it unchanged."""
    recorded = manifest.outputs.get(str(path)) if manifest is not None else None
    if manifest is None or recorded is None:
        return None, False
    current = unchanged.of(path)
    if unchanged.older(manifest.stats.get(str(path)), current, manifest.stamp_ns):
        return current, False
    text = read_text(path)
    return (current if current is not None and text is not None and digest(text) == recorded else None), True


def unchanged_outputs(manifest: Manifest, briefings_dir: Path) -> tuple[dict[str, unchanged.Signature], int] | None:
    """Every output's signature and how many files had to be read to know it, if every file still
    holds what the manifest recorded and no other briefing has appeared; otherwise None (the build
    then runs in full). A file whose signature shows it unchanged is not read."""
    sigs: dict[str, unchanged.Signature] = {}
    read = 0
    for name in manifest.outputs:
        sig, was_read = verified(manifest, Path(name))
        read += was_read
        if sig is None:
            return None
        sigs[name] = sig
    known = set(manifest.outputs) | set(manifest.kept)
    if briefings_dir.is_dir() and any(str(p) not in known for p in briefings_dir.glob("*.md")):
        return None
    return sigs, read
