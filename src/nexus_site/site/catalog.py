"""The curriculum joined with ``content/`` for one language: what is published and where.

Every page generator asks the catalog, never the file system: the status and URL of a node, the
curriculum order of published pages (prev/next), the latest lessons, breadcrumbs, progress.

A node is published as a *page* when its file exists, or as a *section* when it is a sub-lesson
without a file whose parent page has a heading with the anchor ``{#<id with dots as hyphens>}``
(``## 17.1 … {#g17-1}``): the lesson page covers it, and a section shares its page's language
(``fallback``) and last-updated date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from pathlib import Path

from nexus_site.content.files import Content, LessonFile
from nexus_site.curriculum.model import LANGS, Curriculum, Lang, Lesson, Part, Series, SubLesson
from nexus_site.site import articles as article_data
from nexus_site.site.urls import DISCLAIMER, HOME, TERMS, anchor, lesson_url, series_url, src_uri

Node = Lesson | SubLesson


class Status(Enum):
    PAGE = "page"
    SECTION = "section"
    PREPARING = "preparing"


@dataclass(frozen=True)
class Entry:
    """A lesson or sub-lesson in context."""

    node: Node
    series: Series
    part: Part
    parents: tuple[Node, ...]  # from the lesson down to the direct parent
    depth: int  # 1 = lesson (第N回), 2 = sub-lesson, 3 = sub-sub-lesson
    status: Status
    url: str | None  # site-root-relative, "p/p15/" or "g/g17/#g17-1"
    file: LessonFile | None  # the file shown in this language (the Japanese one as a fallback)
    fallback: bool = False  # shown in Japanese on a page of the other language
    updated: dt.date | None = None  # last change of its page's file (git, else front matter)
    page: str | None = None  # the ID of the page showing it: its own, or the one covering it

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def lesson(self) -> Lesson:
        top = self.parents[0] if self.parents else self.node
        assert isinstance(top, Lesson)
        return top

    @property
    def published(self) -> bool:
        return self.status is not Status.PREPARING


@dataclass(frozen=True)
class Step:
    """Where "previous" or "next" leads from a lesson page: the neighbouring published page of
    the same series, or (``entry`` None) back to the series page at either end of the series.
    ``skipped``: the numbered lessons in preparation on the way, which the pager names."""

    entry: Entry | None
    series: Series
    skipped: tuple[Lesson, ...] = ()


@dataclass
class Catalog:
    curriculum: Curriculum
    content: Content
    lang: Lang
    content_dir: Path | None = None
    # Last-updated dates by path relative to content/ (nexus_site.history.last_updated); a file
    # without one was last updated on its front-matter date.
    updated: Mapping[str, dt.date] = field(default_factory=dict)
    drafts: bool = False  # articles with draft: true are shown (scripts/serve), else left out
    _sources: dict[str, str] = field(default_factory=dict, repr=False)

    @cached_property
    def entries(self) -> dict[str, Entry]:
        """Every lesson and sub-lesson by ID, in curriculum order."""
        result: dict[str, Entry] = {}
        for series in self.curriculum.series:
            for part in series.parts:
                for lesson in part.lessons:
                    self._add(result, lesson, series, part, (), None)
        return result

    def _add(
        self,
        result: dict[str, Entry],
        node: Node,
        series: Series,
        part: Part,
        parents: tuple[Node, ...],
        parent_file: LessonFile | None,
    ) -> None:
        file = self.content.published(node.id, self.lang)
        shown = file  # the file of the page showing the node
        if file is not None:
            status, url = Status.PAGE, lesson_url(series.id, node.id)
        elif parent_file is not None and self._has_anchor(parent_file, node.id):
            status, shown = Status.SECTION, parent_file
            url = lesson_url(series.id, parent_file.id) + "#" + anchor(node.id)
        else:
            status, url = Status.PREPARING, None
        fallback = shown is not None and shown.lang != self.lang
        updated = self.file_updated(shown) if shown else None
        page = shown.id if shown else None
        result[node.id] = Entry(
            node,
            series,
            part,
            parents,
            len(parents) + 1,
            status,
            url,
            file,
            fallback,
            updated,
            page,
        )
        # A section's own children can only be covered by the page that covers it.
        covering = file if file is not None else parent_file
        for child in node.children:
            self._add(result, child, series, part, (*parents, node), covering)

    def _has_anchor(self, file: LessonFile, ident: str) -> bool:
        if self.content_dir is None:
            return False
        text = self._sources.get(file.src_uri)
        if text is None:
            text = (self.content_dir / file.src_uri).read_text(encoding="utf-8")
            self._sources[file.src_uri] = text
        return "#" + anchor(ident) in text

    # --- queries ----------------------------------------------------------------------------

    def file_updated(self, file: LessonFile) -> dt.date:
        """When ``file`` last changed: git, else its front-matter date."""
        return self.updated.get(file.src_uri, file.front.date)

    def dates(self, entry: Entry) -> dict[Lang, str]:
        """The last-updated date of the page showing ``entry`` in each language (ISO), the same
        data both languages' builds give the reader's record (a lesson marked done in one
        language is "updated since" in the other only when the page of that language changed)."""
        if entry.page is None:
            return {}
        result: dict[Lang, str] = {}
        for lang in LANGS:
            file = self.content.published(entry.page, lang)
            if file is not None:
                result[lang] = self.file_updated(file).isoformat()
        return result

    def url_for(self, ident: str) -> str | None:
        """Site-root-relative URL of a series, lesson or sub-lesson; None if not published."""
        for series in self.curriculum.series:
            if series.id == ident:
                return series_url(series.id)
        entry = self.entries.get(ident)
        return entry.url if entry else None

    @cached_property
    def _pages(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.status is Status.PAGE]

    @cached_property
    def _page_index(self) -> dict[str, int]:
        return {e.id: i for i, e in enumerate(self._pages)}

    def published_pages(self) -> list[Entry]:
        """Nodes with their own page, in curriculum order (the prev/next sequence)."""
        return list(self._pages)

    def course_path(self, ident: str) -> tuple[Step, Step]:
        """Previous and next of a page inside its series, in curriculum order (never into another
        series): the neighbouring published pages, with the lessons in preparation between; at
        either end, the series page, with the lessons in preparation beyond."""
        entry = self.entries[ident]
        series = entry.series
        pages = [e for e in self._pages if e.series is series]
        i = next(k for k, e in enumerate(pages) if e.id == ident)
        lessons = list(series.lessons())
        at = {lesson.id: k for k, lesson in enumerate(lessons)}
        here = at[entry.lesson.id]

        def preparing(start: int, stop: int) -> tuple[Lesson, ...]:
            return tuple(
                lesson
                for lesson in lessons[max(start, 0) : stop]
                if not self.entries[lesson.id].published
            )

        prev = pages[i - 1] if i else None
        nxt = pages[i + 1] if i + 1 < len(pages) else None
        before = preparing(at[prev.lesson.id] + 1 if prev else 0, here)
        after = preparing(here + 1, at[nxt.lesson.id] if nxt else len(lessons))
        return Step(prev, series, before), Step(nxt, series, after)

    def latest(self, series: Series | None = None, limit: int = 6) -> list[Entry]:
        """Newest published pages by front-matter date (ties: curriculum order)."""
        pages = [e for e in self.published_pages() if series is None or e.series.id == series.id]
        order = {e.id: i for i, e in enumerate(pages)}
        pages.sort(key=lambda e: (-_ordinal(e), order[e.id]))
        return pages[:limit]

    @cached_property
    def articles(self) -> dict[str, article_data.Articles]:
        """The articles of every series of kind articles, newest first (site.articles)."""
        return article_data.collect(
            self.curriculum, self.content, self.lang, self.updated, drafts=self.drafts
        )

    def latest_all(self, limit: int = 6) -> list[Entry | article_data.ArticleEntry]:
        """Newest lessons and articles together (home page, feed)."""
        return article_data.latest(self.latest(limit=limit), self.articles, limit)

    def progress(self, series: Series) -> tuple[int, int]:
        """(published, total) numbered lessons (第N回) of a series."""
        lessons = [self.entries[lesson.id] for lesson in series.lessons()]
        return sum(1 for e in lessons if e.published), len(lessons)

    def series_of(self, ident: str) -> Series:
        return self.entries[ident].series

    def sources(self, content: str = "content", curriculum: str = "curriculum") -> dict[str, str]:
        """The file each page of this language's build is written in (for "edit this page"), by
        the page's source path in the build (``"p/p15.md"``, ``"p/index.md"``), relative to the
        project root: the lesson or site page file shown (the translation, else the original);
        for generated pages the curriculum file that defines them."""
        site = f"{curriculum}/site.yml"
        result = {src_uri(HOME): site, src_uri(DISCLAIMER): site, src_uri(TERMS): site}
        for series in self.curriculum.series:
            result[src_uri(series_url(series.id))] = f"{curriculum}/{series.slug}.yml"
        for entry in self.published_pages():
            if entry.file is not None:
                result[entry.file.build_uri] = f"{content}/{entry.file.src_uri}"
        for article in (e for a in self.articles.values() for e in a.entries):
            result[article.file.build_uri] = f"{content}/{article.file.src_uri}"
        pages = self.content.pages
        for page in self.curriculum.site.pages:
            file = pages.get((page.id, self.lang)) or pages.get((page.id, "ja"))
            if file is not None:
                result[file.build_uri] = f"{content}/{file.src_uri}"
        return result


def _ordinal(entry: Entry) -> int:
    return entry.file.front.date.toordinal() if entry.file else 0
