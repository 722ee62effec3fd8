"""Files known unchanged since the last build by their `stat`, so that a rebuild need not read them.

At 10,000 articles, reading every seed and every output again to find the one that changed took
a fifth of a rebuild. A file's signature is its size, modification and change times (in ns),
inode and device: every write changes the change time, which no tool can set back. A signature
is trusted only if the file had last changed `SETTLE_NS` before the build that recorded it
began: a file written twice within one tick of the file system's clock, the build reading it in
between, keeps its times (git's "racy" case), and some file systems keep times to 2 s only.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

Signature = tuple[int, int, int, int, int]

SETTLE_NS = 3_000_000_000
"""How long before the recording build's start a file must have last changed for its signature
to be trusted: above the coarsest time stamps of common file systems (FAT: 2 s)."""


def now_ns() -> int:
    return time.time_ns()


def signature(info: os.stat_result) -> Signature:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def of(path: Path) -> Signature | None:
    """The signature of a regular file (not following a symbolic link), or None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return signature(info) if stat.S_ISREG(info.st_mode) else None


def same(recorded: object, current: Signature | None, recorded_at_ns: int) -> bool:
    """`current` equals the signature the build begun at `recorded_at_ns` recorded, and that
    file had settled by then: it still holds what that build read or wrote."""
    if current is None or not isinstance(recorded, (list, tuple)) or tuple(recorded) != current:
        return False
    return max(current[1], current[2]) + SETTLE_NS < recorded_at_ns
