"""Translations: English lesson files beside the Japanese ones, and drift between them.

An English file ``content/p/p15.en.md`` records in its front matter the hash of the Japanese
source it was translated from (``source_hash``). When the Japanese file changes afterwards, the
translation is *stale*: a build warning and a row in ``nexus-site translations``.
``nexus-site translated content/p/p15.en.md`` records the current hash after re-translating.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nexus_site.model import Curriculum, Series, Text
from nexus_site.validate import walk

if TYPE_CHECKING:
    from nexus_site.content import Content

HASH_LENGTH = 16


def source_hash(text: str) -> str:
    """Hash of a Japanese source file's text (line endings normalised)."""
    normalised = text.replace("\r\n", "\n").encode("utf-8")
    return hashlib.sha256(normalised).hexdigest()[:HASH_LENGTH]


def file_hash(path: Path) -> str:
    return source_hash(path.read_text(encoding="utf-8"))


# --- the report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    series: str
    titles: tuple[int, int]  # (with English, all): series, parts, lessons, sub-lessons, labels
    overview: tuple[int, int]  # overview table fields, purpose text and bullets, intro, summary
    lessons: tuple[int, int]  # (translated, published) lesson pages
    stale: tuple[str, ...]  # IDs whose translation is older than the Japanese source
    untracked: tuple[str, ...]  # IDs whose translation records no source hash


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
    for ident in translated:
        english, original = content.lessons[(ident, "en")], content.lessons[(ident, "ja")]
        recorded = english.front.source_hash
        if recorded is None:
            untracked.append(ident)
        elif recorded != file_hash(content_dir / original.src_uri):
            stale.append(ident)
    return Row(
        series.id,
        _count(titles),
        _count(overview),
        (len(translated), len(published)),
        tuple(stale),
        tuple(untracked),
    )


def report(curriculum: Curriculum, content: Content, content_dir: Path) -> list[Row]:
    return [_row(s, content, content_dir) for s in curriculum.series]


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
    stale = [(r.series, i) for r in rows for i in r.stale]
    untracked = [(r.series, i) for r in rows for i in r.untracked]
    if stale:
        lines.append("")
        lines.append("stale translations (the Japanese source changed after translation):")
        lines += [
            f"  {i}: update the English file, then `nexus-site translated {i}`" for _, i in stale
        ]
    if untracked:
        lines.append("")
        lines.append("translations that record no source hash:")
        lines += [
            f"  {i}: after checking it, run `nexus-site translated {i}`" for _, i in untracked
        ]
    return "\n".join(lines)


def mark_translated(path: Path, source: Path) -> bool:
    """Write the current ``source_hash`` of ``source`` into the front matter of ``path``.
    Returns False if it was already current. Only the one line changes."""
    text = path.read_text(encoding="utf-8")
    digest = file_hash(source)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ValueError(f"{path}: no front matter")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise ValueError(f"{path}: front matter is not closed")
    for i in range(1, end):
        if lines[i].startswith("source_hash:"):
            if lines[i].split(":", 1)[1].strip().strip("\"'") == digest:
                return False
            lines[i] = f'source_hash: "{digest}"'  # quoted: an all-digit hash is a string too
            break
    else:
        lines.insert(end, f'source_hash: "{digest}"')
    path.write_text("\n".join(lines), encoding="utf-8")
    return True
