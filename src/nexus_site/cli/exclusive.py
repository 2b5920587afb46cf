"""Creating a lesson file so that two ``nexus-site new`` runs never both succeed.

``new P10`` and ``new P10 --format ipynb`` started together would each find no file and each
create its own: ``p10.md`` *and* ``p10.ipynb``, the pair ``new`` promises never to leave. Here the
check and the creation happen under a lock: a marker file beside the lesson, created with
``O_EXCL`` (atomic on every platform and file system we support, Windows included). Inside it
the other formats are looked for again, then the file is created exclusively (``"x"``).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

STALE_AFTER = 60.0  # seconds: a marker this old was left by a run that was killed


class Busy(Exception):
    """Another run holds the lock for this lesson."""


def create(target: Path, text: str, others: Iterable[Path]) -> Path | None:
    """Write ``text`` to the new file ``target``; return None, or the file that already exists
    (``target`` itself or one of ``others``) and write nothing. Raises :class:`Busy`."""
    with _lock(target.parent / f".{target.name.split('.')[0]}.new-lock"):
        for path in (target, *others):
            if path.exists():
                return path
        try:
            with target.open("x", encoding="utf-8", newline="\n") as out:
                out.write(text)
        except FileExistsError:  # differing only in case, on a case-insensitive disk
            return target
    return None


@contextlib.contextmanager
def _lock(marker: Path) -> Iterator[None]:
    for attempt in range(50):
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            with contextlib.suppress(OSError):
                if time.time() - marker.stat().st_mtime > STALE_AFTER:
                    marker.unlink()
                    continue
            if attempt == 49:
                raise Busy(str(marker)) from None
            time.sleep(0.02)
    try:
        os.close(fd)
        yield
    finally:
        with contextlib.suppress(OSError):
            marker.unlink()
