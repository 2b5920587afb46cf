"""Pages of a series of kind *articles* (Series F): the list (newest first, paginated), one page
per tag, and the chrome around each article (header: date, reading time, tags; footer: related
lessons, older/newer, disclaimer). Python gathers data; ``templates/nexus/articles.html``,
``article_header.html`` and ``article_footer.html`` decide the markup."""

from __future__ import annotations

import html as htmllib
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from nexus_site.curriculum.model import Lang, Series
from nexus_site.site import toc, urls
from nexus_site.site.articles import UI, ArticleEntry, Articles
from nexus_site.site.catalog import Catalog, Entry
from nexus_site.site.pages import GeneratedPage
from nexus_site.site.render import PageContext
from nexus_site.site.search import Facets


@dataclass(frozen=True)
class ListPage:
    """One page of the list: its articles, its number and the neighbouring pages' URLs."""

    entries: tuple[ArticleEntry, ...]
    number: int
    total: int
    newer: str | None  # URL of the page with newer articles
    older: str | None


@dataclass
class ArticlePages:
    catalog: Catalog
    env: Environment
    lang: Lang

    def pages(self) -> list[GeneratedPage]:
        found: list[GeneratedPage] = []
        for series in self.catalog.curriculum.series:
            if series.articles:
                found += self.series_pages(self.catalog.articles[series.id])
        return found

    def series_pages(self, articles: Articles) -> list[GeneratedPage]:
        series = articles.series
        chunks = articles.pages()
        total = len(chunks)
        found = []
        for n, chunk in enumerate(chunks, start=1):
            page = ListPage(
                chunk,
                n,
                total,
                articles.page_url(n - 1) if n > 1 else None,
                articles.page_url(n + 1) if n < total else None,
            )
            title = f"{series.id}: {series.label.get(self.lang)}"
            if n > 1:
                title += " (" + UI[self.lang]["page_n"].format(n=n, total=total) + ")"
            found.append(
                self._render(
                    articles,
                    articles.page_url(n),
                    title,
                    list_page=page,
                    tag=None,
                    search=Facets("series", series=series.id) if n == 1 else None,
                )
            )
        for tag, _count in articles.used_tags():
            entries = articles.tagged(tag)
            heading = UI[self.lang]["tagged"].format(tag=tag.label.get(self.lang))
            found.append(
                self._render(
                    articles,
                    articles.tag_url(tag),
                    f"{heading} — {series.label.get(self.lang)}",
                    list_page=ListPage(entries, 1, 1, None, None),
                    tag=tag,
                    search=None,
                )
            )
        return found

    def _render(
        self,
        articles: Articles,
        url: str,
        title: str,
        *,
        list_page: ListPage,
        tag: Any,
        search: Facets | None,
    ) -> GeneratedPage:
        series = articles.series
        html = self.env.get_template("nexus/articles.html").render(
            page=PageContext(self.lang, url),
            aui=UI[self.lang],
            series=series,
            articles=articles,
            list_page=list_page,
            tag=tag,
            tags=articles.used_tags(),
        )
        html, items = toc.from_html(html)
        return GeneratedPage(
            url,
            title,
            html,
            items,
            description=(series.summary or series.title).get(self.lang),
            search=search,
        )

    # --- an article's chrome ----------------------------------------------------------------

    def find(self, key: str) -> tuple[Articles, ArticleEntry] | None:
        for articles in self.catalog.articles.values():
            for entry in articles.entries:
                if entry.key == key:
                    return articles, entry
        return None

    def header(self, articles: Articles, entry: ArticleEntry) -> str:
        return self.env.get_template("nexus/article_header.html").render(
            page=PageContext(self.lang, entry.url),
            aui=UI[self.lang],
            articles=articles,
            entry=entry,
            series=articles.series,
        )

    def footer(self, articles: Articles, entry: ArticleEntry) -> str:
        older, newer = articles.neighbours(entry.key)
        related: list[tuple[str, Entry | Series]] = []
        for ident in entry.file.front.related:
            ident = ident.upper()
            lesson = self.catalog.entries.get(ident)
            if lesson is not None:
                related.append((ident, lesson))
            else:
                related.append((ident, self.catalog.curriculum.series_by_id(ident)))
        return self.env.get_template("nexus/article_footer.html").render(
            page=PageContext(self.lang, entry.url),
            aui=UI[self.lang],
            entry=entry,
            related=related,
            older=older,
            newer=newer,
            series_url=urls.series_url(articles.series.id),
        )


@dataclass
class ArticleChrome:
    """What the build core asks about article pages, by their source path in the build."""

    pages: ArticlePages

    def __post_init__(self) -> None:
        self.by_src: dict[str, tuple[Articles, ArticleEntry]] = {
            entry.file.build_uri: (articles, entry)
            for articles in self.pages.catalog.articles.values()
            for entry in articles.entries
        }
        shown = {e.file.src_uri for _, e in self.by_src.values()}
        content = self.pages.catalog.content
        # Drafts left out of this build (scripts/build): their files, in every language.
        self.hidden = {
            file.src_uri
            for (key, _lang), file in content.articles.items()
            if (original := content.articles.get((key, "ja"))) is not None
            and original.front.draft
            and not self.pages.catalog.drafts
        } - shown

    def meta(self, src_uri: str) -> dict[str, str]:
        found = self.by_src.get(src_uri)
        if found is None:
            return {}
        entry = found[1]
        result = {"title": entry.title}
        if entry.description:
            result["description"] = entry.description
        return result

    def chrome(self, src_uri: str, meta: dict[str, Any]) -> bool:
        """Header, footer and search facets of the article at ``src_uri`` into ``meta``; False
        when it is not an article of this build."""
        found = self.by_src.get(src_uri)
        if found is None:
            return False
        articles, entry = found
        meta["title"] = htmllib.escape(entry.title)  # Material writes it unescaped
        meta["nexus_search"] = Facets(
            "article",
            series=articles.series.id,
            label=entry.date.isoformat(),
            original="ja" if entry.fallback else "",
        )
        meta["nexus_head"] = self.pages.header(articles, entry)
        meta["nexus_foot"] = self.pages.footer(articles, entry)
        return True
