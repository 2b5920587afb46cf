"""MkDocs adapter: ``plugins: [nexus]``. It only translates MkDocs events into calls of the build
core, :class:`nexus_site.site.build.SiteBuild`, and applies the data it answers; every decision
is made there (and in the templates).

One MkDocs build per language: ``lang: ja`` in ``mkdocs.yml``, ``lang: en`` in the English config.
"""

from __future__ import annotations

import logging
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

from nexus_site.site.build import CurriculumError, SiteBuild

log = get_plugin_logger(__name__)


class NexusConfig(Config):
    lang = c.Choice(("ja", "en"), default="ja")
    """Language of this build. One MkDocs build per language."""
    curriculum = c.Type(str, default="curriculum")
    """Curriculum folder, relative to the config file."""
    budgets = c.Type(dict, default={})
    """Byte limits over which a build warns: page_html, notebook_cell_outputs, search_index."""


class NexusPlugin(BasePlugin[NexusConfig]):
    serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"  # the preview indexes search in the background

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.build = SiteBuild.start(
                serving=self.serving,
                root=Path(config.config_file_path or ".").parent.resolve(),
                content_dir=Path(config.docs_dir).resolve(),
                curriculum=self.config.curriculum,
                lang=cast(Any, self.config.lang),
                site_url=config.site_url or "",
                site_name=config.site_name,
                repo_url=config.repo_url or "",
                overrides=[Path(config.theme.custom_dir)] if config.theme.custom_dir else [],
                budgets=self.config.budgets,
                drafts=self.serving,  # articles with draft: true: only in the preview
            )
        except CurriculumError as error:
            raise PluginError("\n" + error.report()) from None
        for problem in self.build.errors or self.build.problems:
            (log.error if self.build.errors else log.warning)(problem.format())
        config.nav = self.build.nav
        # The ¶ beside each heading says what it is in the page's language.
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = self.build.ui["permalink"]
        # The nav is generated, not written by an author: its links to a part's place on a series
        # page ("p/#part-iii") are ours and checked by the core, not files MkDocs should find.
        config.validation.nav.not_found = logging.DEBUG
        config.extra_css.append(self.build.stylesheet)
        if str(self.build.curriculum_dir) not in config.watch:
            config.watch.append(str(self.build.curriculum_dir))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        remove, add = self.build.files(f.src_uri for f in files)
        for uri in remove:
            if (file := files.get_file_from_path(uri)) is not None:
                files.remove(file)
        for virtual in add:
            if virtual.source is not None:
                files.append(File.generated(config, virtual.uri, abs_src_path=str(virtual.source)))
            else:
                files.append(File.generated(config, virtual.uri, content=virtual.content or ""))
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        path = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        return self.build.page_source(page.file.src_uri, path)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        meta = self.build.page_meta(page.file.src_uri, page.meta)
        if "update_date" in meta:
            page.update_date = meta.pop("update_date")
        page.meta.update(meta)
        path = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        markdown, warnings = self.build.markdown(
            page.file.src_uri,
            markdown,
            url=page.url,
            path=path,
            source=page.file.content_string,
        )
        for problem in warnings:
            log.warning(problem.format())  # counted by mkdocs build --strict
        return markdown

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        try:
            for problem in self.build.check_links(keep_going=self.serving):
                log.error(problem.format())  # the preview shows them on every page too
        except CurriculumError as error:
            raise PluginError("\n" + error.report()) from None
        return self.build.theme_env(env)

    # After other plugins (mkdocs-jupyter fills the notebook HTML first): the core then sees the
    # final content.
    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        parts = self.build.page(page.file.src_uri, html, toc=page.toc)
        if parts.toc is not None:
            page.toc = get_toc([cast(Any, item.token()) for item in parts.toc])
        page.meta.update(parts.meta)
        return parts.html

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        page.edit_url = self.build.edit_url(page.file.src_uri)
        page.content = self.build.with_errors(page.content or "")
        context["nexus"] = self.build.context(page.url)  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        outputs = self.build.outputs()
        for note in outputs.notes:
            log.info(note)
        for name, text in outputs.files.items():
            path = Path(config.site_dir) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        report = (lambda p: log.warning(p.format())) if self.serving else None
        for problem in self.build.search_index(Path(config.site_dir), background=report):
            log.warning(problem.format())
