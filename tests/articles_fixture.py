"""The mini project with Series F (a series of kind articles) and as many articles as a test
needs: ``tests/fixtures/articles`` overlays ``tests/fixtures/mini``."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "mini"
OVERLAY = HERE / "fixtures" / "articles"
TAGS = ("regulation", "llm", "imaging")
FIRST = dt.date(2025, 1, 1)


def article(
    date: dt.date,
    title: str,
    *,
    tags: tuple[str, ...] = (),
    related: tuple[str, ...] = (),
    draft: bool = False,
    description: str = "",
    body: str = "本文です。\n",
    extra: str = "",
) -> str:
    lines = ["---", f"date: {date.isoformat()}", f"title: {title!r}"]
    if description:
        lines.append(f"description: {description!r}")
    lines.append(f"tags: [{', '.join(tags)}]")
    lines.append(f"related: [{', '.join(related)}]")
    if draft:
        lines.append("draft: true")
    if extra:
        lines.append(extra)
    return "\n".join([*lines, "---", "", body])


def slug(n: int) -> str:
    return f"article-{n:02d}"


def project(dest: Path, count: int = 0) -> Path:
    """Mini + Series F + ``count`` articles: ``article-01`` (oldest, 2025-01-01) …, one a day,
    tagged in turn regulation, llm, imaging; each relates to L7."""
    shutil.copytree(MINI, dest)
    shutil.copytree(OVERLAY, dest, dirs_exist_ok=True)
    folder = dest / "content" / "f"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        (folder / f"{slug(n)}.md").write_text(
            article(
                FIRST + dt.timedelta(days=n - 1),
                f"記事{n}",
                tags=(TAGS[(n - 1) % 3],),
                related=("L7",),
                description=f"記事{n}の説明。",
            ),
            encoding="utf-8",
        )
    return dest
