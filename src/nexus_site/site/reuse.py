"""What a live-reload rebuild takes over from the previous build of the same language.

``mkdocs serve`` builds the whole site again on every save. Two parts of that come out the same
when an author edits the text of a lesson, and are kept in the process instead:

* the pages generated from the curriculum (home, series pages, legal pages, article lists,
  glossary): :func:`generated` gives the last ones back while everything they are made from is
  equal — the curriculum, the content index (files, front matter, articles' text), the update
  dates, what is published where, the glossary and the template files;
* the compiled Jinja templates of the theme (:data:`THEME_BYTECODE`): Jinja checks each
  template's source against the cached code, so an edited template is compiled again.

Only the preview asks (``SiteBuild(reuse=True)``); a strict build renders everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from nexus_site.curriculum.glossary import Glossary
from nexus_site.site import glossary
from nexus_site.site.article_pages import ArticlePages
from nexus_site.site.catalog import Catalog
from nexus_site.site.pages import GeneratedPage, Generator

_last: dict[tuple[Path, str], tuple[tuple[Any, ...], list[GeneratedPage]]] = {}


def inputs(catalog: Catalog, glossary: Glossary, templates: Iterable[Path]) -> tuple[Any, ...]:
    """Everything the generated pages of one language are made from, comparable with ``==``."""
    content = catalog.content
    return (
        catalog.lang,
        catalog.drafts,
        catalog.content_dir,
        catalog.curriculum,
        content.lessons,
        content.pages,
        content.articles,
        dict(catalog.updated),
        tuple((e.id, e.status, e.url, e.fallback) for e in catalog.entries.values()),
        glossary,
        stamp(templates),
    )


def stamp(folders: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Path, modification time and size of every file under ``folders``."""
    found = []
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    st = path.stat()
                    found.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(found)


def generated(
    key: tuple[Path, str],
    made_of: tuple[Any, ...] | None,
    generator: Generator,
    articles: ArticlePages,
    terms: Glossary,
) -> list[GeneratedPage]:
    """The generated pages of one language: rendered, or the last ones for ``key`` (project
    root, language) when ``made_of`` (:func:`inputs`) is what they were made of. ``made_of``
    None: not reusing (a strict build)."""
    last = _last.get(key)
    if made_of is not None and last is not None and last[0] == made_of:
        return last[1]
    found = [*generator.pages(), *articles.pages()]
    if terms.terms:
        found.append(glossary.page(terms, generator.catalog, generator.env, generator.lang))
    if made_of is not None:
        _last[key] = (made_of, found)
    return found


def keep_compiled(env: Environment) -> Environment:
    """``env`` with the templates it compiles kept for the next build (:data:`THEME_BYTECODE`)."""
    env.bytecode_cache = THEME_BYTECODE
    return env


class _MemoryBytecode(BytecodeCache):
    """Compiled templates in memory, for the life of the process (the preview server)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)  # ignored unless the source's checksum matches

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


THEME_BYTECODE = _MemoryBytecode()
