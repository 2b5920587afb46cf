"""The articles of the series of kind *articles* (Series F) for one language, as plain data.

Articles are ordered newest first by front-matter ``date`` (ties: by slug). A draft
(``draft: true``) is part of a build only when the build shows drafts (``scripts/serve``);
``scripts/build`` leaves it out everywhere: pages, lists, map, feed, search, sitemap.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from nexus_site.content.articles import ArticleFile, article_key
from nexus_site.content.files import Content
from nexus_site.curriculum.model import Curriculum, Lang, Series, Tag
from nexus_site.site import urls

PER_PAGE = 10
"""Articles per page of the series' list (f/, f/page/2/, …)."""

MAP_CAP = 10
"""The global mind map shows this many newest articles under the series, then "more…"."""

UI: dict[Lang, dict[str, str]] = {
    "ja": {
        "articles": "記事一覧",
        "empty": "記事が見つかりませんでした。",
        "tags": "タグ",
        "tagged": "タグ「{tag}」の記事",
        "all_articles": "すべての記事",
        "page_n": "{n}/{total}ページ",
        "newer_page": "新しい記事",
        "older_page": "以前の記事",
        "pagination": "ページ送り",
        "reading": "約{n}分で読めます",
        "authors": "執筆",
        "related": "関連レッスン",
        "older": "前の記事",
        "newer": "次の記事",
        "back": "記事一覧へ",
        "draft": "下書き(公開されません)",
        "count": "{n}本の記事",
        "more": "ほか{n}本…",
        "article": "記事",
    },
    "en": {
        "articles": "Articles",
        "empty": "No articles yet.",
        "tags": "Tags",
        "tagged": "Articles tagged “{tag}”",
        "all_articles": "All articles",
        "page_n": "Page {n} of {total}",
        "newer_page": "Newer articles",
        "older_page": "Older articles",
        "pagination": "Pages",
        "reading": "{n} min read",
        "authors": "By",
        "related": "Related lessons",
        "older": "Older article",
        "newer": "Newer article",
        "back": "All articles",
        "draft": "Draft (not published)",
        "count": "{n} articles",
        "more": "{n} more…",
        "article": "Article",
    },
}

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


@dataclass(frozen=True)
class ArticleEntry:
    """An article in context: the file shown in this language (the Japanese one as a fallback)."""

    series: Series
    file: ArticleFile
    fallback: bool  # the Japanese original on a page of another language
    lastmod: dt.date  # the sitemap's: git's last change, the front matter's updated, or date
    tags: tuple[Tag, ...]
    is_article = True  # templates: an article among lesson entries (latest lists)

    @property
    def id(self) -> str:
        return self.file.id

    @property
    def key(self) -> str:
        return article_key(self.series.id, self.file.id)

    @property
    def url(self) -> str:
        return self.file.url

    @property
    def title(self) -> str:
        return self.file.front.title

    @property
    def date(self) -> dt.date:
        return self.file.front.date

    @property
    def updated(self) -> dt.date | None:
        """The revision date the author gives (``updated:``), when after the publication."""
        updated = self.file.front.updated
        return updated if updated is not None and updated > self.date else None

    @property
    def description(self) -> str:
        return self.file.front.description or ""

    @property
    def draft(self) -> bool:
        return self.file.front.draft

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.file.text)


def reading_minutes(text: str) -> int:
    """Minutes to read ``text``: Japanese at 500 characters a minute, English at 200 words."""
    text = re.sub(r"<[^>]+>|\]\([^)]*\)", " ", text)  # tags and link targets are not read
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text)))
    return max(1, math.ceil(cjk / 500 + words / 200))


@dataclass(frozen=True)
class Articles:
    """The published articles of one series, newest first."""

    series: Series
    entries: tuple[ArticleEntry, ...]

    def pages(self) -> list[tuple[ArticleEntry, ...]]:
        """The list in pages of :data:`PER_PAGE` (one empty page when there is none)."""
        chunks = [self.entries[i : i + PER_PAGE] for i in range(0, len(self.entries), PER_PAGE)]
        return chunks or [()]

    def page_url(self, number: int) -> str:
        """URL of list page ``number`` (1-based): ``f/``, ``f/page/2/``."""
        base = urls.series_url(self.series.id)
        return base if number == 1 else f"{base}page/{number}/"

    def tag_url(self, tag: Tag) -> str:
        return f"{urls.series_url(self.series.id)}tags/{tag.id}/"

    def used_tags(self) -> list[tuple[Tag, int]]:
        """Tags with at least one article, in the series' order, with their counts."""
        counts = {t.id: sum(1 for e in self.entries if t in e.tags) for t in self.series.tags}
        return [(t, counts[t.id]) for t in self.series.tags if counts[t.id]]

    def tagged(self, tag: Tag) -> tuple[ArticleEntry, ...]:
        return tuple(e for e in self.entries if tag in e.tags)

    def neighbours(self, key: str) -> tuple[ArticleEntry | None, ArticleEntry | None]:
        """(older, newer) than the article ``key``."""
        keys = [e.key for e in self.entries]
        i = keys.index(key)
        older = self.entries[i + 1] if i + 1 < len(self.entries) else None
        newer = self.entries[i - 1] if i else None
        return older, newer


def collect(
    curriculum: Curriculum,
    content: Content,
    lang: Lang,
    updated: Mapping[str, dt.date],
    *,
    drafts: bool,
) -> dict[str, Articles]:
    """Series ID → its articles in ``lang``, for every series of kind articles."""
    result: dict[str, Articles] = {}
    for series in curriculum.series:
        if not series.articles:
            continue
        entries = []
        tags = {t.id: t for t in series.tags}
        for (key, file_lang), original in content.articles.items():
            if file_lang != "ja" or original.series_id != series.id:
                continue
            if original.front.draft and not drafts:
                continue
            file = content.articles.get((key, lang)) or original
            front = file.front
            lastmod = max(
                updated.get(file.src_uri, front.date), front.updated or front.date, front.date
            )
            entries.append(
                ArticleEntry(
                    series,
                    file,
                    file.lang != lang,
                    lastmod,
                    tuple(tags[t] for t in original.front.tags if t in tags),
                )
            )
        entries.sort(key=lambda e: (-e.date.toordinal(), e.id))
        result[series.id] = Articles(series, tuple(entries))
    return result


def latest(lessons: list[Any], articles: Mapping[str, Articles], limit: int) -> list[Any]:
    """Lessons (catalog entries, newest first) and articles mixed, newest first by date; on the
    same day, lessons first."""
    items: list[tuple[int, int, int, Any]] = [
        (-e.file.front.date.toordinal(), 0, i, e) for i, e in enumerate(lessons)
    ]
    mixed = [e for a in articles.values() for e in a.entries]
    items += [(-e.date.toordinal(), 1, i, e) for i, e in enumerate(mixed)]
    items.sort(key=lambda item: item[:3])
    return [item[3] for item in items[:limit]]


def map_children(articles: Articles, lang: Lang, cap: int) -> list[dict[str, Any]]:
    """Mind-map nodes of the newest ``cap`` articles, and a "more…" node to the list."""
    nodes: list[dict[str, Any]] = [
        {
            "id": f"{articles.series.id}-{e.id}",
            "kind": "lesson",
            "label": e.title,
            "title": e.title,
            "url": e.url,
            "published": True,
            "children": [],
        }
        for e in articles.entries[:cap]
    ]
    rest = len(articles.entries) - cap
    if rest > 0:
        nodes.append(
            {
                "id": f"{articles.series.id}-more",
                "kind": "lesson",
                "label": UI[lang]["more"].format(n=rest),
                "title": UI[lang]["all_articles"],
                "url": urls.series_url(articles.series.id),
                "published": True,
                "children": [],
            }
        )
    return nodes
