"""Names and paths the generator owns. Content or a site page using one would be replaced by
generated output without a word (the nav and search still listing the author's page), so each
collision is a located problem.

The site layer's constants (``features.ASSET_PREFIX``, ``feeds.FEED``, ``search.OUTPUT``, the
generated pages) must be listed here: ``tests/test_hostile_input.py`` checks that they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from nexus_site.errors import Problem

if TYPE_CHECKING:
    from nexus_site.curriculum.model import Site
    from nexus_site.curriculum.validation import Loaded

# Generated pages (home, legal texts) and folders of the built site, by their first path part.
GENERATED_PAGES = ("index", "disclaimer", "terms")
OUTPUT_FOLDERS = ("assets/nexus", "pagefind", "search")
# Files written at the top of the built site by the generator or MkDocs.
OUTPUT_FILES = ("feed.xml", "404.html", "sitemap.xml", "sitemap.xml.gz")


def page_ids(series_slugs: Iterable[str]) -> set[str]:
    """Site page IDs that would collide with a generated page or output folder."""
    return {*GENERATED_PAGES, *series_slugs, *(f.split("/")[0] for f in OUTPUT_FOLDERS)}


def site_page_problems(site: Site, loaded: Loaded, series_slugs: Iterable[str]) -> list[Problem]:
    """A site page (``pages:`` in site.yml) named like a generated page or output folder."""
    taken = page_ids(series_slugs)
    return [
        Problem(
            loaded.source.locate(("pages", i, "id"), key=False),
            f"page ID {page.id!r} is reserved: a generated page or folder of the site has it",
            f"site › pages › {i}",
            f"choose another ID (and rename content/{page.id}.md to match); reserved: "
            + ", ".join(sorted(taken)),
        )
        for i, page in enumerate(site.pages)
        if page.id in taken
    ]


def output_path(rel: str) -> str:
    """Where MkDocs writes the content file ``rel`` (posix, relative to content/) in the site;
    a translation (``x.en.md``) takes its original's place."""
    for suffix in (".md", ".ipynb"):
        if rel.endswith(suffix):
            stem = rel[: -len(suffix)].removesuffix(".en")
            if stem == "index" or stem.endswith("/index"):
                return stem + ".html"
            return stem + "/index.html"
    return rel


def reserved_output(rel: str, series_slugs: Iterable[str]) -> str | None:
    """The generated output the content file ``rel`` would collide with, or None."""
    out = output_path(rel)
    pages = {*GENERATED_PAGES[1:], *series_slugs}
    owned = {"index.html", *OUTPUT_FILES, *(f"{p}/index.html" for p in pages)}
    if out in owned:
        return out
    return next((f + "/" for f in OUTPUT_FOLDERS if out.startswith(f + "/")), None)
