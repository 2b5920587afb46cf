"""The build core: one language of the site, stage by stage, as plain data. No MkDocs here.

A static-site tool drives a :class:`SiteBuild` through its own events; each method answers one
stage and returns data the tool applies:

1. ``SiteBuild(...)`` — load and check the project (raises :class:`CurriculumError` with every
   problem), then the catalog, generator and navigation. ``problems``: warnings and notes to log.
2. :meth:`files` — which source files to drop and which virtual files to add (translations placed
   at their original's path, generated pages, assets).
3. :meth:`page_meta` / :meth:`markdown` — a page's meta (title, description, last update) and its
   Markdown with ``nexus:`` links resolved (problems collected; :meth:`check_links` raises).
4. :meth:`page` — a page's final HTML, TOC, and the parts the theme places around it (lesson
   header and footer, stylesheets and scripts it needs).
5. :meth:`context` — template context of a page (language switcher, feed, edit link).
6. :meth:`outputs` — files to write once every page is done (notebook stylesheet, Atom feed).

Nothing is written into ``content/`` or ``curriculum/``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as htmllib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nexus_site import i18n, project
from nexus_site.content import history
from nexus_site.content.files import TRANSLATION_SUFFIXES
from nexus_site.content.frontmatter import front_matter_lines
from nexus_site.curriculum.model import Lang
from nexus_site.errors import CurriculumError, Problem, display_path
from nexus_site.site import (
    citations,
    features,
    feeds,
    links,
    navigation,
    notebooks,
    render,
    search,
    unused_css,
    urls,
)
from nexus_site.site.article_pages import ArticleChrome, ArticlePages
from nexus_site.site.catalog import Catalog
from nexus_site.site.pages import GeneratedPage, Generator
from nexus_site.site.toc import TocItem

__all__ = ["CurriculumError", "Outputs", "PageParts", "SiteBuild", "TocItem", "VirtualFile"]


@dataclass(frozen=True)
class VirtualFile:
    """A file the build adds: its path in the build, and its text or the file to copy."""

    uri: str
    content: str | None = None
    source: Path | None = None


@dataclass(frozen=True)
class PageParts:
    """A page after rendering: its HTML, a TOC to use instead of the tool's (generated pages),
    and meta for the theme (``nexus_head``/``nexus_foot``, ``nexus_css``/``nexus_js``, …)."""

    html: str
    toc: tuple[TocItem, ...] | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outputs:
    """Files to write into the built site (path relative to it → text), and notes to log."""

    files: dict[str, str]
    notes: tuple[str, ...] = ()


class SiteBuild:
    def __init__(
        self,
        *,
        root: Path,
        content_dir: Path,
        curriculum: str,
        lang: Lang,
        site_url: str = "",
        site_name: str = "",
        repo_url: str = "",
        overrides: Iterable[Path] = (),
        drafts: bool = False,
    ) -> None:
        self.root, self.content_dir, self.lang = root, content_dir, lang
        self.curriculum_dir = (root / curriculum).resolve()
        self.site_url, self.site_name, self.repo_url = site_url, site_name, repo_url
        loaded, problems = project.check(self.curriculum_dir, content_dir, root=root, cached=True)
        if loaded is None:
            raise CurriculumError(problems)
        self.problems = [p for p in problems if p.severity != "error"]
        # Last-updated dates: one `git log` per build (none where git is missing or fails).
        updated = history.last_updated(content_dir)
        self.catalog = Catalog(
            loaded.curriculum, loaded.content, lang, content_dir, updated, drafts=drafts
        )
        # "Edit this page": the file each page is written in, relative to the project root.
        self.sources = self.catalog.sources(
            content=content_dir.name, curriculum=Path(curriculum).as_posix()
        )
        self.generator = Generator(self.catalog, render.environment(tuple(overrides)), lang)
        article_pages = ArticlePages(self.catalog, self.generator.env, lang)
        self.articles = ArticleChrome(article_pages)  # Series F: articles, by source path
        generated = [*self.generator.pages(), *article_pages.pages()]
        self.pages: dict[str, GeneratedPage] = {p.src_uri: p for p in generated}
        self.lesson_by_src = loaded.content.lessons_by_build_uri(lang)
        self.site_pages = {f"{p.id}.md": p.id for p in loaded.curriculum.site.pages}
        self.site_root = urls.site_root(site_url, lang)
        self.nav = navigation.build(self.catalog)
        self.stylesheet = features.STYLESHEET  # on every page
        self.ui = i18n.UI[lang]  # interface strings of this language (also for the tool's own)
        self.link_errors: list[Problem] = []  # of every page; raised together by check_links
        # Site path -> the notebook template's CSS, and what the notebook pages use of it.
        self.notebook_css: dict[str, tuple[str, unused_css.Usage]] = {}

    # --- 2. files -----------------------------------------------------------------------------

    def files(self, present: Iterable[str]) -> tuple[list[str], list[VirtualFile]]:
        """(source paths to remove, virtual files to add) for the build's file list."""
        present = set(present)
        remove = sorted(uri for uri in present if uri.endswith(TRANSLATION_SUFFIXES))
        remove += sorted(present & self.articles.hidden)  # drafts, unless serving
        add: list[VirtualFile] = []
        if self.lang != "ja":
            # A translated lesson takes the URL of its original: p/p15.en.md is served at p/p15/.
            for translation, original in self.catalog.content.translations(self.lang):
                if translation.src_uri in self.articles.hidden:
                    continue
                if original is not None and original.src_uri in present:
                    remove.append(original.src_uri)
                source = self.content_dir / translation.src_uri
                add.append(VirtualFile(translation.build_uri, source=source))
        for page in self.pages.values():
            add.append(VirtualFile(page.src_uri, content=_front_matter(page)))
        add += [VirtualFile(uri, source=path) for uri, path in features.asset_files()]
        return remove, add

    # --- 3. meta and Markdown -----------------------------------------------------------------

    def page_meta(self, src_uri: str, meta: Mapping[str, Any]) -> dict[str, Any]:
        """Meta to set on a page before its Markdown is rendered. MkDocs templates do not
        autoescape: every text handed to them is escaped here. ``update_date``: the sitemap's
        ``<lastmod>``, from the content, never the clock (builds are reproducible)."""
        result: dict[str, Any] = {}
        lastmod = self._lastmod(src_uri)
        if lastmod is not None:
            result["update_date"] = lastmod.isoformat()
        if src_uri in self.site_pages:
            result["title"] = htmllib.escape(
                self.generator.site_page_title(self.site_pages[src_uri])
            )
            if isinstance(meta.get("description"), str):  # Material writes it unescaped
                result["description"] = htmllib.escape(meta["description"])
        result.update({k: htmllib.escape(v) for k, v in self.articles.meta(src_uri).items()})
        ident = self.lesson_by_src.get(src_uri)
        if ident is not None:
            result["title"] = htmllib.escape(self.generator.lesson_title(ident))
            entry = self.catalog.entries[ident]
            if entry.file and entry.file.front.description:
                result["description"] = htmllib.escape(entry.file.front.description)
        return result

    def markdown(
        self, src_uri: str, markdown: str, *, url: str, path: Path | None, source: str
    ) -> tuple[str, list[Problem]]:
        """``[](nexus:P15)`` links of a Markdown page in content/ resolved; warnings returned
        (errors kept for :meth:`check_links`). Not notebooks: mkdocs-jupyter renders them from
        the .ipynb file. ``source``: the file's whole text (for line numbers)."""
        if not src_uri.endswith(".md") or src_uri in self.pages or "nexus:" not in markdown:
            return markdown, []
        markdown, problems = links.resolve_links(
            markdown,
            page_url=url,
            catalog=self.catalog,
            lang=self.lang,
            src=display_path(path or self.content_dir / src_uri, self.root),
            line_offset=front_matter_lines(source),
        )
        self.link_errors += [p for p in problems if p.severity == "error"]
        return markdown, [p for p in problems if p.severity != "error"]

    def check_links(self) -> None:
        """Every page has been read: report every broken link of the site in one run."""
        if self.link_errors:
            raise CurriculumError(self.link_errors)

    def _lastmod(self, src_uri: str) -> dt.date | None:
        """A lesson page's last update (git, else its front-matter date); any other page: the
        newest lesson's. None when nothing is published."""
        ident = self.lesson_by_src.get(src_uri)
        entry = self.catalog.entries.get(ident) if ident else None
        if entry is not None and entry.updated is not None:
            return entry.updated
        if (article := self.articles.by_src.get(src_uri)) is not None:
            return article[1].lastmod
        dates = [e.updated for e in self.catalog.entries.values() if e.updated]
        dates += [e.lastmod for _, e in self.articles.by_src.values()]
        return max(dates, default=None)

    # --- 4. page HTML -------------------------------------------------------------------------

    def page(self, src_uri: str, html: str, *, toc: Iterable[Any] = ()) -> PageParts:
        """The final HTML of a page and what the theme puts around it. ``toc``: the tool's TOC
        of the page (items with ``id`` and ``children``), for notebook heading ids."""
        meta: dict[str, Any] = {}
        new_toc: tuple[TocItem, ...] | None = None
        notebook_css = ""
        if (generated := self.pages.get(src_uri)) is not None:
            html, new_toc = generated.html, generated.toc
            meta["nexus_search"] = generated.search
        elif src_uri in self.site_pages:
            html = self.generator.site_page(self.site_pages[src_uri], html)
            meta["nexus_search"] = search.Facets("guide")
        elif (ident := self.lesson_by_src.get(src_uri)) is not None:
            html, notebook_css, new_toc = self._lesson(ident, html, toc, meta)
        elif self.articles.chrome(src_uri, meta):
            html = citations.link(html, self.ui["cite_back"])
            if self.articles.by_src[src_uri][1].fallback:
                html = render.original(html, self.generator.env)
        css, js = features.needs(html)
        if notebook_css:
            css.insert(0, self._notebook_stylesheet(notebook_css, html))
        meta["nexus_css"], meta["nexus_js"] = css, js
        return PageParts(html, new_toc, meta)

    def _lesson(
        self, ident: str, html: str, toc: Iterable[Any], meta: dict[str, Any]
    ) -> tuple[str, str, tuple[TocItem, ...] | None]:
        """The lesson's HTML, its notebook template CSS, and its TOC when the core renamed its
        headings (notebooks)."""
        entry = self.catalog.entries[ident]
        notebook = entry.file is not None and entry.file.kind == "ipynb"
        colab = None
        if notebook and entry.file and self.repo_url:
            path = f"{self.content_dir.name}/{entry.file.build_uri}"
            colab = urls.colab_url(self.repo_url, path)
        meta["title"] = htmllib.escape(self.generator.lesson_title(ident))
        notebook_css = ""
        new_toc = None
        if notebook:
            html = notebooks.clean_html(html)
            ui = i18n.UI[self.lang]
            html = notebooks.localize(html, ui["copy_code"], ui["copied"])
            html, new_toc = notebooks.heading_ids(html, toc)
            html, notebook_css = notebooks.split_template_styles(html)
        html = citations.link(html, self.ui["cite_back"])
        if entry.fallback:  # the Japanese original under English chrome
            html = render.original(html, self.generator.env)
        meta["nexus_search"] = search.Facets(
            "lesson",
            series=entry.series.id,
            ident=entry.id,
            label=i18n.lesson_number(self.lang, entry.lesson.number, ongoing=entry.lesson.ongoing),
            original="ja" if entry.fallback else "",
        )
        # The chrome goes around the content in the theme (partials/content.html), not into it:
        # search then indexes the lesson, not breadcrumbs, dates and the pager.
        meta["nexus_head"] = self.generator.lesson_header(ident, colab_url=colab)
        meta["nexus_foot"] = self.generator.lesson_footer(ident)
        return html, notebook_css, new_toc

    def _notebook_stylesheet(self, css: str, html: str) -> str:
        """One stylesheet for the template CSS of every notebook, named by its content; what
        the notebook pages use of it is pruned in :meth:`outputs`."""
        name = (
            f"{features.ASSET_PREFIX}notebook/{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
        )
        self.notebook_css.setdefault(name, (css, unused_css.Usage()))[1].add(html)
        return name

    # --- 5. template context ------------------------------------------------------------------

    def edit_url(self, src_uri: str) -> str | None:
        """Ours, not the tool's: the translation, the original, or the curriculum file behind a
        generated page."""
        source = self.sources.get(src_uri)
        return urls.edit_url(self.repo_url, source) if source else None

    def context(self, url: str) -> dict[str, Any]:
        """``nexus`` in the theme's templates, for the page at site-root-relative ``url``."""
        lang = self.lang
        return {
            "lang": lang,
            "ui": i18n.UI[lang],  # fixed strings of ours, not data
            "disclaimer_url": urls.DISCLAIMER,
            "terms_url": urls.TERMS,
            # The series filter of the search dialog: (ID, label).
            "series": [(s.id, s.label.get(lang)) for s in self.catalog.curriculum.series],
            # Page-relative; None when there is no site_url (no feed: Atom needs absolute IDs).
            "feed_url": urls.relative(url, feeds.FEED) if self.site_url else None,
            # The same page in each language: relative link for the switcher, absolute for hreflang.
            "alternates": [
                {
                    "lang": other,
                    "name": name,
                    "href": urls.relative(url, urls.in_language(url, lang, other)),
                    "absolute": urls.absolute(self.site_root, other, url),
                    "current": other == lang,
                }
                for other, name in (("ja", "日本語"), ("en", "English"))
            ],
        }

    # --- 6. after the pages -------------------------------------------------------------------

    def search_index(
        self, site_dir: Path, *, background: Callable[[Problem], None] | None = None
    ) -> list[Problem]:
        """Index the written site for search (Pagefind). ``background``: index in a thread (the
        live-reload preview) and hand it the problems; else return them."""
        if background is not None:
            search.index_in_background(site_dir, self.root, background)
            return []
        return search.index(site_dir, self.root)

    def outputs(self) -> Outputs:
        """The notebooks' stylesheet and ``feed.xml``, for the built site (never content/)."""
        # Only what the notebook pages use of JupyterLab's CSS: 88 KB gzipped → ~4 KB.
        files = {
            name: unused_css.prune(css, usage) for name, (css, usage) in self.notebook_css.items()
        }
        if not self.site_url:
            return Outputs(
                files, ("no site_url: the Atom feed is not written (it needs absolute URLs)",)
            )
        files[feeds.FEED] = feeds.atom(
            self.catalog, site_url=self.site_url, site_name=self.site_name, lang=self.lang
        )
        return Outputs(files)


def _front_matter(page: GeneratedPage) -> str:
    # JSON is valid YAML: titles with ':' or quotes need no special handling.
    # Escaped: Material puts meta title and description into HTML without autoescape.
    meta: dict[str, Any] = {"title": htmllib.escape(page.title)}
    if page.hide:
        meta["hide"] = list(page.hide)
    if page.description:
        meta["description"] = htmllib.escape(page.description)
    body = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
    return f"---\n{body}\n---\n\n<!-- generated by nexus_site; replaced in on_page_content -->\n"
