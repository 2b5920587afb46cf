"""Per-series numbers for ``nexus-site stats``: size, published lessons, English coverage."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from nexus_site.content import Content
from nexus_site.model import Series, Text
from nexus_site.validate import walk


@dataclass(frozen=True)
class SeriesStats:
    id: str
    parts: int
    lessons: int
    sub_lessons: int
    published: int  # lesson and sub-lesson pages that exist in Japanese
    translated: int  # of those, with an English file
    texts: int  # every Text of the series file
    texts_en: int  # … that have English

    @property
    def pages(self) -> int:
        return self.lessons + self.sub_lessons


def texts(model: BaseModel) -> Iterator[Text]:
    """Every :class:`Text` inside a model, depth first."""
    if isinstance(model, Text):
        yield model
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                yield from texts(item)


def series_stats(series: Series, content: Content) -> SeriesStats:
    nodes = list(walk(series))
    all_texts = list(texts(series))
    published = [n for n, _ in nodes if content.is_published(n.id)]
    return SeriesStats(
        id=series.id,
        parts=len(series.parts),
        lessons=sum(1 for _, depth in nodes if depth == 1),
        sub_lessons=sum(1 for _, depth in nodes if depth > 1),
        published=len(published),
        translated=sum(1 for n in published if (n.id, "en") in content.lessons),
        texts=len(all_texts),
        texts_en=sum(1 for t in all_texts if t.en),
    )


def table(rows: list[SeriesStats]) -> str:
    header = ("series", "parts", "lessons", "sub-lessons", "published", "en pages", "en texts")
    body = [
        (
            r.id,
            str(r.parts),
            str(r.lessons),
            str(r.sub_lessons),
            f"{r.published}/{r.pages}",
            f"{r.translated}/{r.published}",
            f"{r.texts_en}/{r.texts} ({_pct(r.texts_en, r.texts)})",
        )
        for r in rows
    ]
    total = SeriesStats(
        "all",
        *(
            sum(getattr(r, f) for r in rows)
            for f in (
                "parts",
                "lessons",
                "sub_lessons",
                "published",
                "translated",
                "texts",
                "texts_en",
            )
        ),
    )
    body.append(
        (
            "all",
            str(total.parts),
            str(total.lessons),
            str(total.sub_lessons),
            f"{total.published}/{total.pages}",
            f"{total.translated}/{total.published}",
            f"{total.texts_en}/{total.texts} ({_pct(total.texts_en, total.texts)})",
        )
    )
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        return "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *map(line, body[:-1]), rule, line(body[-1])])


def _pct(part: int, whole: int) -> str:
    return f"{100 * part // whole}%" if whole else "–"
