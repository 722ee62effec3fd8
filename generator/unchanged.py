"""Files known unchanged since the last build by their `stat`, so that a rebuild need not read them.

At 10,000 articles, reading every seed and every output again to find the one that changed took
a fifth of a rebuild. A file's signature is its size, modification and change times (in ns),
inode and device: every write changes the change time, which no tool can set back. But a file
written twice within one tick of the file system's clock keeps its times (git's "racy" case):

- a seed's signature is trusted only if the seed had last changed a while (`settle_ns`) before
  the build that read it began;
- an output's, only if it had last changed before the build's manifest was written, by the file
  system's own clock, as git trusts an entry older than its index (`older`). Unseen then is only
  another program writing an output the same size within one clock tick after the build did.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

Signature = tuple[int, int, int, int, int]

SETTLE_NS = 3_000_000_000
"""How long before the moment it is compared with (a build's start, or the manifest's time) a
file must have last changed on a file system that keeps times to the millisecond or coarser:
above the coarsest of common ones (FAT: 2 s)."""
FINE_SETTLE_NS = 100_000_000
"""The same where times are kept finer (their sub-millisecond digits show it): the clock they
come from ticks every 1 to 16 ms (Linux, Windows, macOS)."""


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


def coarse(sig: Signature) -> bool:
    """The file system keeps this file's times to the millisecond or coarser."""
    return sig[1] % 1_000_000 == 0 or sig[2] % 1_000_000 == 0


def settle_ns(sig: Signature) -> int:
    """How long before a build began the file must have last changed for it to trust the file."""
    return SETTLE_NS if coarse(sig) else FINE_SETTLE_NS


def same(recorded: object, current: Signature | None, recorded_at_ns: int) -> bool:
    """`current` equals the signature the build begun at `recorded_at_ns` recorded, and that
    file had settled by then: it still holds what that build read."""
    if current is None or not isinstance(recorded, (list, tuple)) or tuple(recorded) != current:
        return False
    return max(current[1], current[2]) + settle_ns(current) < recorded_at_ns


def older(recorded: object, current: Signature | None, stamp_ns: int) -> bool:
    """`current` equals the signature recorded in a file whose modification time is `stamp_ns`,
    and the file had last changed in an earlier tick of the clock that stamps both: it still
    holds what the build that recorded it wrote or found there. A file with coarse times must
    be `SETTLE_NS` older: they are rounded down, and the stamp may come from a finer file system.
    The clocks of the two file systems are assumed to agree (to within `SETTLE_NS` for coarse
    ones): a cache on a network share whose server's clock runs ahead could trust an edit."""
    if current is None or not isinstance(recorded, (list, tuple)) or tuple(recorded) != current:
        return False
    return max(current[1], current[2]) + (SETTLE_NS if coarse(current) else 0) < stamp_ns
