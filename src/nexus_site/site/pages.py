"""Generated pages: home, one overview per series, disclaimer and terms; and the lesson chrome.

Python gathers data; templates in ``templates/nexus/`` decide the markup. Each page is returned as
a :class:`GeneratedPage` that any static-site tool can write: the MkDocs adapter turns it into a
virtual file (``File.generated``), nothing is written into ``content/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment

from nexus_site import i18n
from nexus_site.curriculum.model import Lang, Part, Series
from nexus_site.site import mindmap, render, toc, urls
from nexus_site.site.articles import MAP_CAP, map_children
from nexus_site.site.articles import UI as ARTICLE_UI
from nexus_site.site.catalog import Catalog, Entry, Status
from nexus_site.site.render import PageContext
from nexus_site.site.search import Facets
from nexus_site.site.toc import TocItem

# --- view objects: what the templates get (besides ``page``, a render.PageContext) -------------


@dataclass(frozen=True)
class TreeItem:
    """A lesson or sub-lesson in a list, with its children (``macros.lesson_tree``)."""

    entry: Entry
    children: tuple[TreeItem, ...]


@dataclass(frozen=True)
class Card:
    """A series card on the home page: the series and its (published, total) lessons."""

    series: Series
    progress: tuple[int, int]
    articles: int | None = None  # a series of kind articles: how many are published


@dataclass(frozen=True)
class PartView:
    """A part on a series page: its heading anchor and its lessons."""

    part: Part
    anchor: str
    lessons: tuple[TreeItem, ...]


@dataclass(frozen=True)
class GeneratedPage:
    url: str  # site-root-relative, "p/"
    title: str
    html: str
    toc: tuple[TocItem, ...] = ()
    hide: tuple[str, ...] = ()  # Material: "navigation", "toc"
    assets: tuple[str, ...] = ()  # extra feature bundles the page needs ("mindmap")
    description: str = ""
    search: Facets | None = None  # None: not a search result (the home page)

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


@dataclass
class Generator:
    """Renders every generated page and the lesson chrome for one language."""

    catalog: Catalog
    env: Environment
    lang: Lang
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def ui(self) -> dict[str, str]:
        return i18n.UI[self.lang]

    def pages(self) -> list[GeneratedPage]:
        return [
            self.home(),
            *(self.series_page(s) for s in self.catalog.curriculum.series if not s.articles),
            self.legal("disclaimer"),
            self.legal("terms"),
        ]

    # --- pages ------------------------------------------------------------------------------

    def home(self) -> GeneratedPage:
        url = urls.HOME
        ctx = PageContext(self.lang, url)
        site = self.catalog.curriculum.site
        found = self.catalog.articles
        cards = [
            Card(s, self.catalog.progress(s), len(found[s.id].entries) if s.articles else None)
            for s in self.catalog.curriculum.series
        ]
        extra = {sid: map_children(a, self.lang, MAP_CAP) for sid, a in found.items()}
        tree = mindmap.global_tree(self.catalog.curriculum, self.lang, self.catalog.url_for, extra)
        html = self.env.get_template("nexus/home.html").render(
            page=ctx,
            site=site,
            cards=cards,
            latest=self.catalog.latest_all(),
            aui=ARTICLE_UI[self.lang],
            tree=tree,
            series_by_id={s.id: s for s in self.catalog.curriculum.series},
        )
        return _page(
            url,
            site.name,
            html,
            hide=("navigation",),
            assets=("mindmap",),
            description=site.hero.tagline.get(self.lang),
        )

    def series_page(self, series: Series) -> GeneratedPage:
        url = urls.series_url(series.id)
        ctx = PageContext(self.lang, url)
        parts = [
            PartView(
                part,
                f"part-{part.id.lower()}",
                tuple(self._tree(lesson.id) for lesson in part.lessons),
            )
            for part in series.parts
        ]
        tree = mindmap.series_tree(series, self.lang, self.catalog.url_for)
        html = self.env.get_template("nexus/series.html").render(
            page=ctx,
            series=series,
            parts=parts,
            latest=self.catalog.latest(series),
            progress=self.catalog.progress(series),
            tree=tree,
            help=self.catalog.curriculum.site.mindmap_help,
            open_series=[
                (other, *self.catalog.progress(other))
                for other in self.catalog.curriculum.series
                if other.parts and self.catalog.progress(other)[0]
            ]
            if not series.parts
            else [],
        )
        return _page(
            url,
            f"{series.id}: {series.label.get(self.lang)}",
            html,
            assets=("mindmap",) if series.parts else (),
            description=(series.summary or series.title).get(self.lang),
            search=Facets("series", series=series.id),
        )

    def legal(self, which: str) -> GeneratedPage:
        url = urls.DISCLAIMER if which == "disclaimer" else urls.TERMS
        ctx = PageContext(self.lang, url)
        legal = getattr(self.catalog.curriculum.site, which)
        html = self.env.get_template("nexus/legal.html").render(page=ctx, legal=legal)
        return _page(url, legal.title.get(self.lang), html, search=Facets("site"))

    # --- lesson chrome ----------------------------------------------------------------------

    def lesson_header(self, ident: str, *, colab_url: str | None = None) -> str:
        entry = self.catalog.entries[ident]
        assert entry.url is not None
        ctx = PageContext(self.lang, entry.url)
        return self.env.get_template("nexus/lesson_header.html").render(
            page=ctx,
            entry=entry,
            crumbs=self._crumbs(entry),
            colab_url=colab_url,
            download=entry.file.src_uri.rsplit("/", 1)[-1]
            if entry.file and entry.file.kind == "ipynb"
            else None,
        )

    def lesson_footer(self, ident: str) -> str:
        entry = self.catalog.entries[ident]
        assert entry.url is not None
        ctx = PageContext(self.lang, entry.url)
        prev, nxt = self.catalog.course_path(ident)
        return self.env.get_template("nexus/lesson_footer.html").render(
            page=ctx,
            entry=entry,
            children=tuple(self._tree(c.id) for c in entry.node.children),
            prev=prev,
            next=nxt,
            series_url=urls.series_url(entry.series.id),
        )

    def lesson_title(self, ident: str) -> str:
        entry = self.catalog.entries[ident]
        return f"{entry.id}: {entry.node.title.get(self.lang)}"

    # --- site pages (author guide) --------------------------------------------------------

    def site_page_title(self, page_id: str) -> str:
        page = next(p for p in self.catalog.curriculum.site.pages if p.id == page_id)
        return page.title.get(self.lang)

    def site_page(self, page_id: str, body: str) -> str:
        """Title (from site.yml) and, on the English site without a translation, the notice."""
        fallback = (page_id, self.lang) not in self.catalog.content.pages
        ctx = PageContext(self.lang, f"{page_id}/")
        head = self.env.get_template("nexus/site_page.html").render(
            page=ctx, title=self.site_page_title(page_id), fallback=fallback
        )
        return head + (render.original(body, self.env) if fallback else body)

    # --- helpers ----------------------------------------------------------------------------

    def _tree(self, ident: str) -> TreeItem:
        entry = self.catalog.entries[ident]
        return TreeItem(entry, tuple(self._tree(c.id) for c in entry.node.children))

    def _crumbs(self, entry: Entry) -> list[tuple[str, str | None]]:
        ctx = PageContext(self.lang, entry.url or "")
        crumbs: list[tuple[str, str | None]] = [
            (ctx.ui["home"], urls.HOME),
            (
                f"{entry.series.id}: {entry.series.label.get(self.lang)}",
                urls.series_url(entry.series.id),
            ),
            (
                _part_heading(ctx, entry.part),
                urls.series_url(entry.series.id) + f"#part-{entry.part.id.lower()}",
            ),
        ]
        for parent in entry.parents:
            parent_entry = self.catalog.entries[parent.id]
            crumbs.append((parent.id, parent_entry.url if parent_entry.published else None))
        crumbs.append((entry.id, None))
        return crumbs


def _page(url: str, title: str, html: str, **kwargs: Any) -> GeneratedPage:
    """A generated page whose TOC is read from the headings its template rendered."""
    html, items = toc.from_html(html)
    return GeneratedPage(url, title, html, items, **kwargs)


def _part_heading(ctx: PageContext, part: Part) -> str:
    return (
        f"{ctx.part_number(part.id)}:{ctx.t(part.title)}"
        if ctx.lang == "ja"
        else (f"{ctx.part_number(part.id)}: {ctx.t(part.title)}")
    )


__all__ = ["GeneratedPage", "Generator", "Status", "TocItem"]
