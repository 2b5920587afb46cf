"""What ``content/`` holds, as plain data: the published lesson files and site pages of one
curriculum, indexed by ``(id, lang)``, with the questions every stage asks of them.

Built once per build or command by :func:`nexus_site.content.scan.scan`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from nexus_site.content.articles import ArticleFile
from nexus_site.content.frontmatter import FrontMatter
from nexus_site.curriculum.model import Lang
from nexus_site.errors import Problem

LESSON_SUFFIXES = (".md", ".ipynb")
TRANSLATION_SUFFIXES = tuple(f".en{s}" for s in LESSON_SUFFIXES)


@dataclass(frozen=True)
class LessonFile:
    """A published lesson (or sub-lesson) page."""

    id: str
    series_id: str
    lang: Lang
    src_uri: str  # relative to content/, posix: "p/p15.md"
    kind: str  # "md" | "ipynb"
    front: FrontMatter

    @property
    def build_uri(self) -> str:
        """Source path in its language's build: a translation takes its original's place
        (``p/p15.en.md`` → ``p/p15.md``), so both languages serve the lesson at ``p/p15/``."""
        return self.src_uri if self.lang == "ja" else self.src_uri.replace(f".{self.lang}.", ".")

    @property
    def url(self) -> str:
        """Site-root-relative URL of the page: ``p/p15/``."""
        return f"{self.series_id.lower()}/{self.id.lower()}/"


@dataclass(frozen=True)
class PageFile:
    """A site page file (``curriculum/site.yml`` → ``pages``)."""

    id: str
    lang: Lang
    src_uri: str  # "guide.md", "guide.en.md"
    source_hash: str | None = None  # English version: hash of the Japanese file it translates
    source_sections: dict[str, str] | None = None  # … and of each of its sections
    stale_ok: str | None = None  # why it may lag its original for now

    @property
    def build_uri(self) -> str:
        return self.src_uri if self.lang == "ja" else self.src_uri.replace(f".{self.lang}.", ".")


AnyFile = LessonFile | PageFile | ArticleFile


@dataclass
class Content:
    """What ``content/`` holds for one curriculum."""

    lessons: dict[tuple[str, Lang], LessonFile]
    problems: list[Problem]
    pages: dict[tuple[str, Lang], PageFile] = field(default_factory=dict)
    # Articles of the series of kind articles, by (``f/<slug>``, lang); drafts included.
    articles: dict[tuple[str, Lang], ArticleFile] = field(default_factory=dict)

    def published(self, ident: str, lang: Lang = "ja") -> LessonFile | None:
        """The page for ``ident``: the ``lang`` file, else the Japanese original."""
        return self.lessons.get((ident, lang)) or self.lessons.get((ident, "ja"))

    def is_published(self, ident: str) -> bool:
        return (ident, "ja") in self.lessons

    def translations(self, lang: Lang) -> Iterator[tuple[AnyFile, AnyFile | None]]:
        """Every ``lang`` file (lessons, site pages, then articles) with the Japanese original
        it translates."""
        for (ident, file_lang), file in self.lessons.items():
            if file_lang == lang:
                yield file, self.lessons.get((ident, "ja"))
        for (ident, file_lang), page in self.pages.items():
            if file_lang == lang:
                yield page, self.pages.get((ident, "ja"))
        for (ident, file_lang), article in self.articles.items():
            if file_lang == lang:
                yield article, self.articles.get((ident, "ja"))

    def lessons_by_build_uri(self, lang: Lang) -> dict[str, str]:
        """Source path as the ``lang`` build sees it → lesson ID (translations take the place
        of their original)."""
        return {f.build_uri: f.id for f in self.lessons.values() if f.lang in (lang, "ja")}
