"""Articles: the dated pages of a series of kind *articles* (Series F), ``content/f/<slug>.md``.

Unlike a lesson, an article is not listed in the curriculum: its file is the whole of it. The
front matter carries what the curriculum gives a lesson (title, tags, related lessons) and is
checked against the curriculum: tags from the series' tag list, related IDs of lessons. English:
``<slug>.en.md`` beside it, with the same ``source_hash`` workflow as lessons.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field

from nexus_site.content.frontmatter import _markdown_data, _read_text
from nexus_site.curriculum.model import Curriculum, Lang, NonEmpty, Series, Strict, walk
from nexus_site.curriculum.validation import validate_model
from nexus_site.curriculum.yamlsource import SourceMap
from nexus_site.errors import Location, Problem, display_path

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
RESERVED = ("index", "page", "tags", "feed")  # URLs of the series' own generated pages


class ArticleFrontMatter(Strict):
    """Front matter of an article (``content/f/<slug>.md``)."""

    date: dt.date = Field(description="Publication date, YYYY-MM-DD (required).")
    updated: dt.date | None = Field(default=None, description="Date of the last real revision.")
    title: NonEmpty = Field(description="The article's title (in the file's language).")
    description: str | None = Field(default=None, description="One sentence for lists and search.")
    tags: list[str] = Field(default_factory=list, description="IDs from the series' tag list.")
    authors: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list, description="Lesson IDs: P15, G17.2.")
    draft: bool = Field(default=False, description="true: shown by scripts/serve only.")
    hide: list[str] = Field(default_factory=list, description="Material: hide navigation/toc.")
    search: dict[str, Any] | None = Field(default=None, description="Material: search options.")
    source_hash: str | None = Field(default=None, description="English files: see lessons.")


@dataclass(frozen=True)
class ArticleFile:
    """An article file of one language."""

    id: str  # the slug: "fedavg-regulation"
    series_id: str
    lang: Lang
    src_uri: str  # "f/fedavg-regulation.md"
    front: ArticleFrontMatter
    text: str  # the body after the front matter (reading time)

    kind = "md"

    @property
    def source_hash(self) -> str | None:
        return self.front.source_hash

    @property
    def build_uri(self) -> str:
        return self.src_uri if self.lang == "ja" else self.src_uri.replace(f".{self.lang}.", ".")

    @property
    def url(self) -> str:
        return f"{self.series_id.lower()}/{self.id}/"


def article_key(series_id: str, slug: str) -> str:
    """An article's key in :class:`~nexus_site.content.files.Content`: ``f/fedavg-regulation``."""
    return f"{series_id.lower()}/{slug}"


def article_series(curriculum: Curriculum) -> dict[str, Series]:
    """Folder name (``f``) → series of kind articles."""
    return {s.slug: s for s in curriculum.series if s.articles}


def read_article(
    curriculum: Curriculum,
    series: Series,
    path: Path,
    rel: Path,
    display: str,
    problems: list[Problem],
) -> ArticleFile | None:
    """The article at ``path`` (``rel`` to content/), or None with the problems appended."""
    stem = path.name[: -len(path.suffix)]
    lang: Lang = "en" if stem.endswith(".en") else "ja"
    slug = stem.removesuffix(".en")
    if not _placed(series, path, rel, slug, display, problems):
        return None
    text = _read_text(path, display, problems, None)
    found = _markdown_data(text, display, problems) if text is not None else None
    if found is None:
        return None
    data, source = found
    before = len(problems)
    front = validate_model(ArticleFrontMatter, data, source, problems)
    for i in range(before, len(problems)):
        p = problems[i]
        if "date" in p.message and "missing" in p.message:
            problems[i] = Problem(
                p.location,
                "articles need a date",
                f"{series.id} › {slug}",
                "add 'date: YYYY-MM-DD' (the publication date) to the front matter",
            )
        elif p.tree_path == "":
            problems[i] = Problem(p.location, p.message, f"{series.id} › {slug}", p.hint)
    if not isinstance(front, ArticleFrontMatter):
        return None
    tree = f"{series.id} › {slug}"
    bad = _check_front(curriculum, series, front, source, tree, problems)
    if bad:
        return None
    assert text is not None
    body = text.split("\n---", 1)[1] if text.startswith("---") and "\n---" in text else text
    return ArticleFile(slug, series.id, lang, rel.as_posix(), front, body)


def _placed(
    series: Series, path: Path, rel: Path, slug: str, display: str, problems: list[Problem]
) -> bool:
    folder = f"content/{series.slug}/"
    if len(rel.parts) != 2:
        hint = f"move it to {folder}{path.name}: articles sit directly in {folder}"
    elif path.suffix != ".md":
        hint = f"write the article in Markdown: {folder}{slug}.md (notebooks are for lessons)"
    elif not SLUG.fullmatch(slug):
        hint = (
            "name the file by its slug: lowercase letters, digits and hyphens, e.g. "
            f"{folder}fedavg-regulation.md (the URL is {series.slug}/<slug>/)"
        )
    elif slug in RESERVED:
        hint = (
            f"{series.slug}/{slug}/ is a page of the series itself "
            f"({', '.join(RESERVED)} are taken): choose another slug"
        )
    else:
        return True
    problems.append(
        Problem(
            Location(display, 1, 1),
            f"{rel.as_posix()} is not a valid article file of series {series.id}",
            series.id,
            hint,
        )
    )
    return False


def _check_front(
    curriculum: Curriculum,
    series: Series,
    front: ArticleFrontMatter,
    source: SourceMap,
    tree: str,
    problems: list[Problem],
) -> bool:
    """Tags, related IDs and dates against the curriculum; True when something is wrong."""
    before = len(problems)
    tags = [t.id for t in series.tags]
    for i, tag in enumerate(front.tags):
        if tag not in tags:
            close = difflib.get_close_matches(tag, tags, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            hint += (
                f"tags of series {series.id}: {', '.join(tags)}"
                if tags
                else f"series {series.id} has no tags yet"
            )
            hint += f" (add new ones to curriculum/{series.slug}.yml › tags)"
            problems.append(
                Problem(source.locate(("tags", i), key=False), f"unknown tag {tag!r}", tree, hint)
            )
    lessons = [node.id for s in curriculum.series for node, _ in walk(s)]
    known = set(lessons) | {s.id for s in curriculum.series if not s.articles}
    for i, ident in enumerate(front.related):
        if ident.upper() not in known:
            close = difflib.get_close_matches(ident.upper(), lessons, n=1, cutoff=0.6)
            problems.append(
                Problem(
                    source.locate(("related", i), key=False),
                    f"related: unknown lesson ID {ident!r}",
                    tree,
                    (f"did you mean {close[0]}? " if close else "")
                    + "name lessons (or series) of the curriculum by ID, e.g. related: [P15, G17.2]",
                )
            )
    if front.updated is not None and front.updated < front.date:
        problems.append(
            Problem(
                source.locate(("updated",), key=False),
                f"updated ({front.updated}) is before the publication date ({front.date})",
                tree,
                "updated is the date of the last revision: on or after date, or remove it",
            )
        )
    return len(problems) > before


def scan_articles(
    curriculum: Curriculum, paths: list[tuple[Path, Path]], root: Path | None
) -> tuple[dict[tuple[str, Lang], ArticleFile], list[Problem]]:
    """Every article among ``paths`` ((path, path relative to content/)) in article folders."""
    folders = article_series(curriculum)
    articles: dict[tuple[str, Lang], ArticleFile] = {}
    problems: list[Problem] = []
    for path, rel in paths:
        series = folders[rel.parts[0]]
        article = read_article(
            curriculum, series, path, rel, display_path(path, root), problems
        )
        if article is not None:
            articles[(article_key(article.series_id, article.id), article.lang)] = article
    return articles, problems
