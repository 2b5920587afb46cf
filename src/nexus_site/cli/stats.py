"""Per-series numbers for ``nexus-site stats`` (size, published lessons, English coverage) and
``nexus-site translations`` (English coverage and stale translations)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from nexus_site.content.files import Content
from nexus_site.content.translations import Stale, describe_sections, staleness
from nexus_site.curriculum.model import Curriculum, Series, Text, walk
from nexus_site.site.catalog import Catalog


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


def series_stats(
    series: Series, content: Content, shown: tuple[Catalog, Catalog] | None = None
) -> SeriesStats:
    """``shown``: the Japanese and English catalogs, to count what the site shows (a sub-lesson
    covered by a section of its lesson's page is published, as the site links it)."""
    nodes = list(walk(series))
    all_texts = list(texts(series))
    if shown is not None:
        ja, en = shown
        published = [n for n, _ in nodes if ja.entries[n.id].published]
        translated = sum(1 for n in published if not en.entries[n.id].fallback)
    else:
        published = [n for n, _ in nodes if content.is_published(n.id)]
        translated = sum(1 for n in published if (n.id, "en") in content.lessons)
    return SeriesStats(
        id=series.id,
        parts=len(series.parts),
        lessons=sum(1 for _, depth in nodes if depth == 1),
        sub_lessons=sum(1 for _, depth in nodes if depth > 1),
        published=len(published),
        translated=translated,
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


# --- translations: English coverage per series (`nexus-site translations`) --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    series: str
    titles: tuple[int, int]  # (with English, all): series, parts, lessons, sub-lessons, labels
    overview: tuple[int, int]  # overview table fields, purpose text and bullets, intro, summary
    lessons: tuple[int, int]  # (translated, published) lesson pages
    stale: tuple[str, ...]  # IDs whose translation is older than the Japanese source
    untracked: tuple[str, ...]  # IDs whose translation records no source hash
    # Stale translations: ID → (changed sections, the stale_ok reason or None)
    details: dict[str, Stale] = field(default_factory=dict)


def _count(texts: list[Text | None]) -> tuple[int, int]:
    present = [t for t in texts if t is not None]
    return sum(1 for t in present if t.en), len(present)


def _row(series: Series, content: Content, content_dir: Path) -> Row:
    titles: list[Text | None] = [series.title, series.label]
    for part in series.parts:
        titles += [part.title, part.label, part.description]
    for node, _ in walk(series):
        titles += [node.title, node.label, node.note]
    titles += [sub.title for sub in series.subseries]
    overview: list[Text | None] = [series.summary, series.intro]
    if series.overview:
        o = series.overview
        overview += [o.summary, o.audience, o.objectives, o.goal]
    if series.purpose:
        overview += [series.purpose.text, *series.purpose.bullets]
    published = [n.id for n, _ in walk(series) if content.is_published(n.id)]
    translated = [i for i in published if (i, "en") in content.lessons]
    stale, untracked = [], []
    details: dict[str, Stale] = {}
    for ident in translated:
        english, original = content.lessons[(ident, "en")], content.lessons[(ident, "ja")]
        if english.front.source_hash is None:
            untracked.append(ident)
        elif (found := staleness(english, original, content_dir)) is not None:
            stale.append(ident)
            details[ident] = found
    return Row(
        series.id,
        _count(titles),
        _count(overview),
        (len(translated), len(published)),
        tuple(stale),
        tuple(untracked),
        details,
    )


def report(curriculum: Curriculum, content: Content, content_dir: Path) -> list[Row]:
    return [_row(s, content, content_dir) for s in curriculum.series]


def _changed(row: Row, ident: str) -> str:
    stale = row.details.get(ident)
    return f"\n      changed: {describe_sections(stale)}" if stale and stale.sections else ""


def format_report(rows: list[Row]) -> str:
    def frac(pair: tuple[int, int]) -> str:
        done, total = pair
        return f"{done}/{total}" + (f" ({100 * done // total}%)" if total else "")

    header = ("series", "titles en", "overview en", "lessons en", "stale")
    body = [
        (r.series, frac(r.titles), frac(r.overview), frac(r.lessons), ", ".join(r.stale) or "–")
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *body]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    stale = [(r, i) for r in rows for i in r.stale if r.details[i].stale_ok is None]
    knowingly = [(r, i) for r in rows for i in r.stale if r.details[i].stale_ok is not None]
    untracked = [(r.series, i) for r in rows for i in r.untracked]
    if stale:
        lines.append("")
        lines.append("stale translations (the Japanese source changed after translation):")
        lines += [
            f"  {i}: update the English file, then `nexus-site translated {i}`{_changed(r, i)}"
            for r, i in stale
        ]
    if knowingly:
        lines.append("")
        lines.append("stale translations published knowingly (stale_ok; readers see a notice):")
        lines += [f"  {i}: {r.details[i].stale_ok}{_changed(r, i)}" for r, i in knowingly]
    if untracked:
        lines.append("")
        lines.append("translations that record no source hash:")
        lines += [
            f"  {i}: after checking it, run `nexus-site translated {i}`" for _, i in untracked
        ]
    return "\n".join(lines)
