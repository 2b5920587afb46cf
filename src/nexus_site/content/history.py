"""When each file under ``content/`` last changed, from git: one ``git log`` per build.

:func:`last_updated` asks git once for the committer date (YYYY-MM-DD) of the newest commit that
touched each file, and returns them by path relative to ``content/`` (``"p/p15.md"``). Files git
knows nothing about (new, uncommitted) are simply absent, and so is everything when git is
missing, fails, or the folder is not a git checkout: the caller falls back to the front-matter
date. Nothing here raises.

In a shallow clone (CI's default checkout), the oldest commit present stands for all of the
history cut off before it, so every file would seem to change on that day: the files of such a
*grafted* commit are left out too, and fall back to the front-matter date. Fetch the full history
(``fetch-depth: 0``) for real dates.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

MARK = "\0"  # starts each commit's line in the log: no path contains it
TIMEOUT = 60  # seconds; a build does not wait longer for dates it can do without


def last_updated(content_dir: Path, *, git: str = "git") -> dict[str, dt.date]:
    """Last commit date of every file under ``content_dir`` git knows, by posix path relative to
    it; ``{}`` when git is unavailable or the folder is not in a repository."""
    if not content_dir.is_dir():
        return {}
    command = [
        git,
        "-c",
        "core.quotePath=false",  # non-ASCII file names as they are
        "log",
        "--format=%x00%cs%x09%D",
        # Decorations name refs; keep only the "grafted" mark of a shallow clone's boundary.
        "--decorate-refs-exclude=refs/*",
        "--decorate-refs-exclude=HEAD",
        "--name-only",
        "--relative",  # paths relative to content_dir (the working directory)
        "--",
        ".",
    ]
    try:
        result = subprocess.run(
            command,
            cwd=content_dir,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git, not executable, too slow
        return {}
    if result.returncode != 0:  # not a repository, no commits yet, unsafe directory, …
        return {}
    return _parse(result.stdout)


def _parse(log: str) -> dict[str, dt.date]:
    """Newest commit first: a file's first appearance is its last change."""
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in log.split("\n"):
        if line.startswith(MARK):
            stamp, _, decorations = line[len(MARK) :].partition("\t")
            grafted = "grafted" in (d.strip() for d in decorations.split(","))
            try:
                current = None if grafted else dt.date.fromisoformat(stamp.strip())
            except ValueError:
                current = None
        elif line and current is not None:
            dates.setdefault(line, current)
    return dates


__all__ = ["last_updated"]
