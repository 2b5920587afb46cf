"""MkDocs adapter: ``plugins: [nexus]``. Thin on purpose — everything it shows is decided in the
core (:mod:`nexus_site.pages`, :mod:`nexus_site.catalog`, templates); this module only moves data
between MkDocs events and the core.

One MkDocs build per language: ``lang: ja`` in ``mkdocs.yml``, ``lang: en`` in the English config.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as htmllib
import json
import re
from pathlib import Path
from typing import Any, cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from nexus_site import (
    feeds,
    history,
    links,
    navigation,
    notebooks,
    render,
    unused_css,
    urls,
)
from nexus_site.catalog import Catalog
from nexus_site.content import LESSON_SUFFIXES, LessonFile, PageFile, scan
from nexus_site.errors import CurriculumError, Problem, display_path
from nexus_site.loader import load_cached, load_with_problems
from nexus_site.model import Lang
from nexus_site.pages import GeneratedPage, Generator, TocItem

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
ASSET_PREFIX = "assets/nexus/"

# Which bundles a page needs, decided from its rendered HTML (so authors never configure it).
FEATURES: dict[str, tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]] = {
    "math": (
        re.compile(r'class="[^"]*\b(arithmatex|jupyter-wrapper)\b'),
        ("vendor/katex/katex.min.css",),
        (
            "vendor/katex/katex.min.js",
            "vendor/katex/contrib/auto-render.min.js",
            "javascripts/katex-init.js",
        ),
    ),
    "mermaid": (
        re.compile(r'class="[^"]*\bmermaid\b'),
        (),
        ("vendor/mermaid/mermaid.min.js",),
    ),
    "mindmap": (
        re.compile(r'class="nexus-mindmap"'),
        ("mindmap/mindmap.css",),
        ("mindmap/mindmap.js",),
    ),
}


class NexusConfig(Config):
    lang = c.Choice(("ja", "en"), default="ja")
    """Language of this build. One MkDocs build per language."""
    curriculum = c.Type(str, default="curriculum")
    """Curriculum folder, relative to the config file."""


class NexusPlugin(BasePlugin[NexusConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").parent.resolve()
        self.root = root
        self.content_dir = Path(config.docs_dir).resolve()
        curriculum_dir = (root / self.config.curriculum).resolve()
        curriculum, problems = load_cached(curriculum_dir, root=root)
        content = None
        if curriculum is not None and not any(p.severity == "error" for p in problems):
            content = scan(curriculum, self.content_dir, root=root)  # once per build
            problems += content.problems
        else:  # report content problems too (the loader skips those of broken series)
            curriculum, problems = load_with_problems(
                curriculum_dir, content_dir=self.content_dir, root=root
            )
        errors = [p for p in problems if p.severity == "error"]
        for p in problems:
            if p.severity == "warning":
                log.warning(p.format())
            elif p.severity == "note":
                log.info(p.format())
        if curriculum is None or content is None or errors:
            raise PluginError("\n" + CurriculumError(problems).report())
        lang = cast(Lang, self.config.lang)
        # Last-updated dates: one `git log` per build (none where git is missing or fails).
        updated = history.last_updated(self.content_dir)
        self.catalog = Catalog(curriculum, content, lang, self.content_dir, updated=updated)
        # "Edit this page": the file each page is written in, relative to the project root.
        self.sources = self.catalog.sources(
            content=self.content_dir.name, curriculum=Path(self.config.curriculum).as_posix()
        )
        overrides = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        self.generator = Generator(self.catalog, render.environment(overrides), lang)
        self.pages: dict[str, GeneratedPage] = {p.src_uri: p for p in self.generator.pages()}
        # Source path (as MkDocs sees it in this build) → lesson ID.
        self.lesson_by_src = {
            f.build_uri: f.id for f in content.lessons.values() if f.lang in (lang, "ja")
        }
        self.site_root = urls.site_root(config.site_url or "", lang)
        self.link_errors: list[Problem] = []  # of every page; reported together in on_env
        self.site_pages = {f"{p.id}.md": p.id for p in curriculum.site.pages}
        # Site path -> the notebook template's CSS, and what the notebook pages use of it:
        # pruned and written in on_post_build, once every page has been seen.
        self.notebook_css: dict[str, tuple[str, unused_css.Usage]] = {}
        config.nav = navigation.build(self.catalog)
        config.extra_css.append(ASSET_PREFIX + "nexus.css")
        if str(curriculum_dir) not in config.watch:
            config.watch.append(str(curriculum_dir))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        translations = tuple(f".en{s}" for s in LESSON_SUFFIXES)
        for file in list(files):
            if file.src_uri.endswith(translations):
                files.remove(file)  # placed below, in the English build only
        if self.config.lang != "ja":
            # A translated lesson takes the URL of its original: p/p15.en.md is served at p/p15/.
            content = self.catalog.content
            translated: list[tuple[LessonFile | PageFile, LessonFile | PageFile | None]] = [
                (f, content.lessons.get((i, "ja")))
                for (i, lang), f in content.lessons.items()
                if lang == self.config.lang
            ]
            translated += [
                (f, content.pages.get((i, "ja")))
                for (i, lang), f in content.pages.items()
                if lang == self.config.lang
            ]
            for translation, original in translated:
                if original is not None and (old := files.get_file_from_path(original.src_uri)):
                    files.remove(old)
                path = self.content_dir / translation.src_uri
                files.append(File.generated(config, translation.build_uri, abs_src_path=str(path)))
        for page in self.pages.values():
            files.append(File.generated(config, page.src_uri, content=_front_matter(page)))
        for path in sorted(ASSETS.rglob("*")):
            if path.is_file():
                uri = ASSET_PREFIX + path.relative_to(ASSETS).as_posix()
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # Sitemap <lastmod> from the content, never the clock: builds are reproducible.
        lastmod = self._lastmod(page)
        if lastmod is not None:
            page.update_date = lastmod.isoformat()
        if page.file.src_uri in self.site_pages:
            title = self.generator.site_page_title(self.site_pages[page.file.src_uri])
            page.meta["title"] = htmllib.escape(title)
            if isinstance(page.meta.get("description"), str):  # Material writes it unescaped
                page.meta["description"] = htmllib.escape(page.meta["description"])
        ident = self.lesson_by_src.get(page.file.src_uri)
        if ident is not None:
            # MkDocs templates do not autoescape: every text handed to them is escaped here.
            page.meta["title"] = htmllib.escape(self.generator.lesson_title(ident))
            entry = self.catalog.entries[ident]
            if entry.file and entry.file.front.description:
                page.meta["description"] = htmllib.escape(entry.file.front.description)
        if page.file.src_uri.endswith(".md") and page.file.src_uri not in self.pages:
            markdown = self._resolve_links(markdown, page)
        return markdown

    def _resolve_links(self, markdown: str, page: Page) -> str:
        """``[](nexus:P15)`` links of a page in content/. Not notebooks: mkdocs-jupyter renders
        them from the .ipynb file and ignores the Markdown returned here."""
        if "nexus:" not in markdown:  # every link by ID contains it: nothing to do
            return markdown
        path = Path(page.file.abs_src_path or self.content_dir / page.file.src_uri)
        markdown, problems = links.resolve_links(
            markdown,
            page_url=page.url,
            catalog=self.catalog,
            lang=cast(Lang, self.config.lang),
            src=display_path(path, self.root),
            line_offset=links.front_matter_lines(page.file.content_string),
        )
        for problem in problems:
            if problem.severity == "error":
                self.link_errors.append(problem)
            else:
                log.warning(problem.format())  # counted by mkdocs build --strict
        return markdown

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Every page has been read by now: report every broken link of the site in one run.
        if self.link_errors:
            raise PluginError("\n" + CurriculumError(self.link_errors).report())
        return env

    def _lastmod(self, page: Page) -> dt.date | None:
        """A lesson page's last update (git, else its front-matter date); any other page: the
        newest lesson's. None when nothing is published: MkDocs' build date then stays (it
        honours SOURCE_DATE_EPOCH)."""
        ident = self.lesson_by_src.get(page.file.src_uri)
        entry = self.catalog.entries.get(ident) if ident else None
        if entry is not None and entry.updated is not None:
            return entry.updated
        return max((e.updated for e in self.catalog.entries.values() if e.updated), default=None)

    # Run after other plugins (mkdocs-jupyter fills the notebook HTML first) so the chrome wraps
    # the final content and the asset scan sees everything.
    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        notebook_css = ""
        generated = self.pages.get(src)
        if generated is not None:
            html = generated.html
            page.toc = get_toc([cast(Any, _toc_token(t)) for t in generated.toc])
        elif src in self.site_pages:
            html = self.generator.site_page(self.site_pages[src], html)
        elif src in self.lesson_by_src:
            ident = self.lesson_by_src[src]
            entry = self.catalog.entries[ident]
            colab = (
                urls.colab_url(config.repo_url, Path(config.docs_dir).name + "/" + src)
                if entry.file and entry.file.kind == "ipynb" and config.repo_url
                else None
            )
            page.meta["title"] = htmllib.escape(self.generator.lesson_title(ident))
            if entry.file and entry.file.kind == "ipynb":
                html = notebooks.clean_html(html)
                html = notebooks.align_heading_ids(html, page.toc)
                html, notebook_css = notebooks.split_template_styles(html)
            if entry.fallback:
                # The Japanese original under English chrome: marked as Japanese for screen
                # readers, and the page kept out of the English search index (one index per
                # language; the series page and the nav still list it).
                html = f'<div class="nx-original" lang="ja">{html}</div>'
                page.meta["search"] = {"exclude": True}

            # The chrome goes around the content in the theme (partials/content.html), not into
            # it: search then indexes the lesson, not breadcrumbs, dates and the pager.
            page.meta["nexus_head"] = self.generator.lesson_header(ident, colab_url=colab)
            page.meta["nexus_foot"] = self.generator.lesson_footer(ident)
        css: list[str] = []
        js: list[str] = []
        for pattern, feature_css, feature_js in FEATURES.values():
            if pattern.search(html):
                css += [ASSET_PREFIX + x for x in feature_css]
                js += [ASSET_PREFIX + x for x in feature_js]
        if notebook_css:
            # One stylesheet for the template CSS of every notebook, named by its content.
            digest = hashlib.sha256(notebook_css.encode()).hexdigest()[:12]
            name = f"{ASSET_PREFIX}notebook/{digest}.css"
            usage = self.notebook_css.setdefault(name, (notebook_css, unused_css.Usage()))[1]
            usage.add(html)
            css.insert(0, name)
        page.meta["nexus_css"] = css
        page.meta["nexus_js"] = js
        return html

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        lang = self.config.lang
        url = page.url
        # Ours, not MkDocs' (edit_uri stays empty): the translation, the original, or the
        # curriculum file behind a generated page. Shown by Material's content.action.edit.
        source = self.sources.get(page.file.src_uri)
        page.edit_url = urls.edit_url(config.repo_url or "", source) if source else None
        context["nexus"] = {  # type: ignore[typeddict-unknown-key]
            "lang": lang,
            "ui": self.generator.ui,  # fixed strings of ours, not data
            "disclaimer_url": urls.DISCLAIMER,
            "terms_url": urls.TERMS,
            # Page-relative; None when there is no site_url (no feed: Atom needs absolute IDs).
            "feed_url": urls.relative(url, feeds.FEED) if config.site_url else None,
            # The same page in each language: relative link for the switcher, absolute for hreflang.
            "alternates": [
                {
                    "lang": other,
                    "name": name,
                    # Page-relative (MkDocs' `url` filter cannot climb out of the build root).
                    "href": urls.relative(url, urls.in_language(url, lang, other)),
                    "absolute": urls.absolute(self.site_root, other, url),
                    "current": other == lang,
                }
                for other, name in (("ja", "日本語"), ("en", "English"))
            ],
        }
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The notebooks' stylesheet and ``feed.xml``, into the build (never into content/)."""
        for name, (css, usage) in self.notebook_css.items():
            path = Path(config.site_dir) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            # Only what the notebook pages use of JupyterLab's CSS: 88 KB gzipped → ~4 KB.
            path.write_text(unused_css.prune(css, usage), encoding="utf-8")
        if not config.site_url:
            log.info("no site_url: the Atom feed is not written (it needs absolute URLs)")
            return
        feed = feeds.atom(
            self.catalog,
            site_url=config.site_url,
            site_name=config.site_name,
            lang=cast(Lang, self.config.lang),
        )
        (Path(config.site_dir) / feeds.FEED).write_text(feed, encoding="utf-8")


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


def _toc_token(item: TocItem) -> dict[str, Any]:
    title = htmllib.escape(item.title)  # rendered raw by the theme
    return {
        "level": item.level,
        "id": item.id,
        "name": title,
        "html": title,
        "children": [_toc_token(child) for child in item.children],
    }
