"""The build core: one language of the site, stage by stage, as plain data. No MkDocs here.

A static-site tool drives a :class:`SiteBuild` through its own events; each method answers one
stage and returns data the tool applies:

1. ``SiteBuild(...)`` — load and check the project (:class:`CurriculumError` with every problem).
2. :meth:`files` — source files to drop, virtual files to add (translations, generated pages).
3. :meth:`page_meta` / :meth:`markdown` — a page's meta and its Markdown, ``nexus:`` links resolved.
4. :meth:`page` — a page's final HTML, TOC, and the parts the theme places around it.
5. :meth:`context` — template context of a page (language switcher, feed, edit link).
6. :meth:`outputs` — files to write once every page is done (notebook stylesheet, Atom feed).

Nothing is written into ``content/`` or ``curriculum/``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as htmllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment

from nexus_site import i18n, project
from nexus_site.content import history
from nexus_site.content.files import TRANSLATION_SUFFIXES
from nexus_site.content.frontmatter import front_matter_lines, read_page_source
from nexus_site.curriculum.model import Lang
from nexus_site.errors import CurriculumError, Problem, display_path
from nexus_site.site import (
    blocks,
    citations,
    context,
    features,
    feeds,
    glossary,
    navigation,
    notebooks,
    preview,
    render,
    search,
    staleness,
    terms,
    tracks,
    unused_css,
    urls,
    verdict,
)
from nexus_site.site import budgets as budgets_
from nexus_site.site import reuse as reuse_
from nexus_site.site.anchors import Anchors
from nexus_site.site.article_pages import ArticleChrome, ArticlePages
from nexus_site.site.catalog import Catalog
from nexus_site.site.pages import GeneratedPage, Generator
from nexus_site.site.parts import Outputs, PageParts, VirtualFile
from nexus_site.site.toc import TocItem

__all__ = ["CurriculumError", "Outputs", "PageParts", "SiteBuild", "TocItem", "VirtualFile"]


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
        budgets: Mapping[str, Any] | None = None,
        drafts: bool = False,
        reuse: bool = False,
    ) -> None:
        self.root, self.content_dir, self.lang = root, content_dir, lang
        self.budgets, budget_errors = budgets_.limits(budgets)
        if budget_errors:
            raise CurriculumError(budget_errors)
        self.over_budget: list[Problem] = []  # warnings, reported with the search index
        self.curriculum_dir = (root / curriculum).resolve()
        self.site_url, self.site_name, self.repo_url = site_url, site_name, repo_url
        loaded, problems = project.check(self.curriculum_dir, content_dir, root=root, cached=True)
        if loaded is None:
            raise CurriculumError(problems)
        # Warnings to log (the strict build fails on them); notes are summarised in one line.
        self.problems = [p for p in problems if p.severity == "warning"]
        self.project_notes = [p for p in problems if p.severity == "note"]
        # Last-updated dates: one `git log` per build (none where git is missing or fails).
        updated = history.last_updated(content_dir)
        self.catalog = Catalog(
            loaded.curriculum, loaded.content, lang, content_dir, updated, drafts=drafts
        )
        # "Edit this page": the file each page is written in, relative to the project root.
        self.sources = self.catalog.sources(
            content=content_dir.name, curriculum=Path(curriculum).as_posix()
        )
        self.anchors = Anchors(self.catalog, root)  # what nexus:ID#anchor links may name
        self.reuse = reuse  # the preview: keep what a save does not change (site.reuse)
        overrides = tuple(overrides)
        self.generator = Generator(self.catalog, render.environment(overrides), lang)
        self.glossary = loaded.glossary
        article_pages = ArticlePages(self.catalog, self.generator.env, lang)
        self.articles = ArticleChrome(article_pages)  # Series F: articles, by source path
        templates = [*overrides, render.TEMPLATES]
        made_of = reuse_.inputs(self.catalog, self.glossary, templates) if reuse else None
        generated = reuse_.generated(
            (root, lang), made_of, self.generator, article_pages, self.glossary
        )
        if self.glossary.terms:
            self.sources[urls.src_uri(glossary.URL)] = f"{Path(curriculum).as_posix()}/glossary.yml"
        self.pages: dict[str, GeneratedPage] = {p.src_uri: p for p in generated}
        self.lesson_by_src = loaded.content.lessons_by_build_uri(lang)
        self.site_pages = {f"{p.id}.md": p.id for p in loaded.curriculum.site.pages}
        self.site_root = urls.site_root(site_url, lang)
        self.nav = navigation.build(self.catalog) + glossary.nav_item(self.glossary, lang)
        self.stylesheet = features.STYLESHEET  # on every page
        self.ui = i18n.UI[lang]  # interface strings of this language (also for the tool's own)
        self.begin()

    @classmethod
    def start(cls, *, serving: bool, **options: Any) -> SiteBuild:
        """A build; in the preview (``serving``), when the project has errors, the last good
        build with them attached (site.preview); else :class:`CurriculumError` is raised."""
        key = (Path(options["root"]), str(options["lang"]))
        if serving:
            search.new_build()  # the last build's search indexing stops
        try:
            build = cls(**options, reuse=serving)
        except CurriculumError as error:
            last: SiteBuild | None = preview.last_good.get(key)
            if not serving or last is None:
                raise
            last.begin(errors=error.problems)
            return last
        if serving:
            preview.last_good[key] = build
        return build

    def begin(self, errors: list[Problem] | None = None) -> None:
        """Start a build: forget the problems of the previous one. ``errors``: the project's
        errors, when this (last good) build stands in for it in the preview."""
        self.errors: list[Problem] = list(errors or [])  # shown on every page (preview)
        self.link_errors: list[Problem] = []  # of every page; raised together by check_links
        self.notes = list(self.project_notes)
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
            add.append(VirtualFile(page.src_uri, content=page.stub()))
        add += [VirtualFile(uri, source=path) for uri, path in features.asset_files()]
        return remove, add + glossary.files(self.glossary, self.catalog, self.lang)

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
        """``[](nexus:P15)`` links of a Markdown page in content/ resolved, ``/// figure`` and
        ``/// quiz`` blocks rendered (``blocks``); warnings returned
        (errors kept for :meth:`check_links`). Not notebooks: mkdocs-jupyter renders them from
        the .ipynb file. ``source``: the file's whole text (for line numbers)."""
        if not src_uri.endswith(".md") or src_uri in self.pages:
            return markdown, []
        src = display_path(path or self.content_dir / src_uri, self.root)
        markdown, problems = verdict.page(
            markdown,
            src_uri=src_uri,  # a translation is built at its original's path: the same folder
            page_url=url,
            catalog=self.catalog,
            lang=self.lang,
            src=src,
            line_offset=front_matter_lines(source),
            lesson=src_uri in self.lesson_by_src,
            anchors=self.anchors,
        )
        self.link_errors += [p for p in problems if p.severity == "error"]
        self.notes += [p for p in problems if p.severity == "note"]
        if "///" in markdown:  # figures and quizzes, after the links (same line numbers)
            markdown = blocks.render(markdown, self.lang, src)
        return markdown, [p for p in problems if p.severity == "warning"]

    def page_source(self, src_uri: str, path: Path | None) -> str | None:
        """A Markdown file's text for the tool to parse, checked again (``mkdocs serve`` may be
        building while the author saves, after the check): front matter too deep for libyaml is
        dropped and reported by :meth:`check_links`. None: let the tool read the file."""
        if path is None or not src_uri.endswith(".md"):
            return None
        text, problem = read_page_source(path, display_path(path, self.root))
        if problem is not None:
            self.link_errors.append(problem)
        return text

    def theme_env(self, env: Environment) -> Environment:
        """The theme's Jinja environment; the preview keeps its compiled templates (site.reuse)."""
        return reuse_.keep_compiled(env) if self.reuse else env

    def check_links(self, *, keep_going: bool = False) -> list[Problem]:
        """Every page has been read: report every broken link of the site in one run (raise;
        ``keep_going``, the preview: show them on every page and return them)."""
        if self.link_errors and not keep_going:
            raise CurriculumError(self.link_errors)
        self.errors += self.link_errors
        return list(self.link_errors)

    def with_errors(self, html: str) -> str:
        """A page's final HTML with the build's errors on top (only the preview has any)."""
        if not self.errors:
            return html
        return preview.banner(sorted(self.errors, key=Problem.sort_key)) + html

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
        html = features.tidy(html)
        where = self.sources.get(src_uri, src_uri)
        self.over_budget += budgets_.page_html(html, where, self.budgets["page_html"])
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
        if notebook and entry.file:
            source = self.content_dir / entry.file.src_uri
            self.over_budget += budgets_.notebook_outputs(
                source, display_path(source, self.root), self.budgets["notebook_cell_outputs"]
            )
            html, notebook_css, new_toc = notebooks.render_page(html, toc, source, self.lang)
        html = citations.link(html, self.ui["cite_back"])
        if self.glossary.terms and entry.file is not None and entry.file.front.glossary:
            html = terms.for_lesson(html, entry, self.glossary.terms, self.lang)
        if entry.fallback:  # the Japanese original under English chrome
            html = render.original(html, self.generator.env)
        html = tracks.sections(html, entry, self.catalog, self.generator.env)  # sub-lessons' own
        html = staleness.notice(entry, self.catalog, self.generator.env) + html
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
        has_glossary = bool(self.glossary.terms)
        return context.page(
            url, self.lang, self.catalog, self.site_url, self.site_root, has_glossary
        )

    # --- 6. after the pages -------------------------------------------------------------------

    def search_index(
        self, site_dir: Path, *, background: Callable[[Problem], None] | None = None
    ) -> list[Problem]:
        """Index the written site for search (Pagefind). ``background``: index in a thread (the
        live-reload preview) and hand it the problems; else return them. Pages and notebooks
        over their budget are returned in both cases."""
        heavy, self.over_budget = self.over_budget, []
        if background is not None:
            search.index_in_background(site_dir, self.root, background)
            return heavy
        problems = search.index(site_dir, self.root)
        limit = self.budgets["search_index"]
        return heavy + problems + budgets_.search_index(site_dir / search.OUTPUT, limit)

    def outputs(self) -> Outputs:
        """The notebooks' stylesheet and ``feed.xml``, for the built site (never content/)."""
        # Only what the notebook pages use of JupyterLab's CSS: 88 KB gzipped → ~4 KB.
        files = {
            name: unused_css.prune(css, usage) for name, (css, usage) in self.notebook_css.items()
        }
        notes: tuple[str, ...] = ()
        if self.notes:  # one line, not one per file: `nexus-site check` lists them
            count = len({p.format() for p in self.notes})
            notes = (
                f"{count} note{'s' if count != 1 else ''} (e.g. links to lessons in "
                "preparation, shown as 準備中): `uv run nexus-site check` lists them",
            )
        if not self.site_url:
            return Outputs(
                files,
                (*notes, "no site_url: the Atom feed is not written (it needs absolute URLs)"),
            )
        files[feeds.FEED] = feeds.atom(
            self.catalog, site_url=self.site_url, site_name=self.site_name, lang=self.lang
        )
        return Outputs(files, notes)
