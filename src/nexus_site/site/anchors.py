"""The anchors of a lesson page, from its source: what ``[see](nexus:P15#lstm)`` may name.

A Markdown lesson is rendered as the build renders it — its ``nexus:`` links resolved, its figure
and quiz blocks expanded, then Python-Markdown with the extensions of ``mkdocs.yml`` (the same
slugify as the site's table of contents: pymdownx, Unicode, lower case; ``{#id}`` attributes;
repeated headings get ``_1``, ``_2``) and the citation anchors (``#ref-1``) — and every ``id`` of
the result is an anchor: headings, ``{#id}`` on any block, raw HTML, footnotes. A notebook: its
markdown cells' headings with the ids :func:`notebooks.heading_ids` gives them, and its cells.

:class:`Anchors` answers for one build (one language); ``nexus-site check`` and the build both
use it through :func:`nexus_site.site.verdict.page`. ``tests/test_anchors.py`` compares what it
finds with the ids of the built pages.
"""

from __future__ import annotations

import difflib
import functools
import html as htmllib
import json
import re
from pathlib import Path
from urllib.parse import unquote

import markdown
from pymdownx.slugs import slugify
from pymdownx.superfences import fence_code_format

from nexus_site.content.files import LessonFile
from nexus_site.content.frontmatter import front_matter_lines
from nexus_site.errors import display_path
from nexus_site.site import blocks, citations, links, notebooks
from nexus_site.site.catalog import Catalog, Entry, Status

# As MkDocs loads mkdocs.yml's markdown_extensions: its own three first (tests/test_anchors.py).
EXTENSIONS = (
    "toc",
    "tables",
    "fenced_code",
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "pymdownx.arithmatex",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
)
CONFIGS = {
    "toc": {"permalink": True, "slugify": slugify(case="lower")},
    "pymdownx.arithmatex": {"generic": True},
    "pymdownx.highlight": {"anchor_linenums": True},
    "pymdownx.superfences": {
        "custom_fences": [{"name": "mermaid", "class": "mermaid", "format": fence_code_format}]
    },
    "pymdownx.tabbed": {"alternate_style": True},
    "pymdownx.tasklist": {"custom_checkbox": True},
}
_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CELL_HEADING = re.compile(r"<h([1-6])(?:\s[^>]*)?>(.*?)</h\1>", re.S)
SHOWN = 8  # anchors named in a hint when none is close to what was written


@functools.cache
def _site_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=CONFIGS)


@functools.cache
def _cell_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "fenced_code"])


def ids_in(html: str) -> list[str]:
    """Every ``id`` in ``html``, in order, each once."""
    found = (htmllib.unescape(m[1] if m[1] is not None else m[2]) for m in _ID.finditer(html))
    return list(dict.fromkeys(found))


def of_markdown(text: str, *, catalog: Catalog, page_url: str, src: str) -> list[str]:
    """The anchors of a Markdown page whose file's whole text is ``text``."""
    body = "\n".join(text.split("\n")[front_matter_lines(text) :])
    if "nexus:" in body:  # link texts become titles, which may be in headings
        body, _ = links.resolve_links(
            body, page_url=page_url, catalog=catalog, lang=catalog.lang, src=src
        )
    if "///" in body:
        body = blocks.render(body, catalog.lang, src)
    md = _site_markdown()
    md.reset()
    return ids_in(citations.link(md.convert(body)))


def of_notebook(text: str) -> list[str]:
    """The anchors of a notebook page (its JSON text): headings, then cells."""
    try:
        cells = json.loads(text).get("cells", [])
    except (ValueError, AttributeError, RecursionError):
        return []  # the content check reports the file
    cells = [c for c in cells if isinstance(c, dict)] if isinstance(cells, list) else []
    md = _cell_markdown()
    rendered: list[str] = []
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            md.reset()
            text = "".join(map(str, source)) if isinstance(source, list) else str(source)
            rendered.append(md.convert(text))
    html = "\n".join(rendered)
    slugs = iter(notebooks.heading_slugs(m[2] for m in _CELL_HEADING.finditer(html)))
    html = _CELL_HEADING.sub(
        lambda m: f'<h{m[1]} id="{htmllib.escape(next(slugs))}">{m[2]}</h{m[1]}>', html
    )
    cell_ids = [f"cell-id={c['id']}" for c in cells if isinstance(c.get("id"), str)]
    return list(dict.fromkeys([*ids_in(citations.link(html)), *cell_ids]))


class Anchors:
    """The anchors of the lesson pages of one language's build, each page read once."""

    def __init__(self, catalog: Catalog, root: Path | None = None) -> None:
        self.catalog = catalog
        self.root = root
        self._found: dict[str, list[str]] = {}

    def page_of(self, ident: str) -> Entry | None:
        """The entry whose page shows ``ident`` (itself, or the lesson a section is on)."""
        entry = self.catalog.entries.get(ident)
        if entry is None or entry.status is Status.PREPARING:
            return None
        for node in (entry.node, *reversed(entry.parents)):
            page = self.catalog.entries[node.id]
            if page.status is Status.PAGE and page.file is not None:
                return page
        return None

    def of(self, page: Entry, file: LessonFile | None = None) -> list[str]:
        """The anchors of ``page`` as this build shows it (or as ``file`` would show it)."""
        file = file or page.file
        assert file is not None and self.catalog.content_dir is not None
        if file.src_uri not in self._found:
            path = self.catalog.content_dir / file.src_uri
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""  # the content check has reported it
            if file.kind == "ipynb":
                self._found[file.src_uri] = of_notebook(text)
            else:
                self._found[file.src_uri] = of_markdown(
                    text, catalog=self.catalog, page_url=page.url or "", src=self._shown(file)
                )
        return self._found[file.src_uri]

    def problem(self, ident: str, fragment: str) -> tuple[str, str] | None:
        """(message, hint) when the page of ``ident`` has no anchor ``fragment``; None when it
        has, or when ``ident`` is no lesson page (a series, a lesson in preparation)."""
        page = self.page_of(ident)
        if page is None or page.file is None:
            return None
        found = self.of(page)
        if fragment in found or unquote(fragment) in found:
            return None
        message = (
            f"link to {ident}#{fragment}: {self._shown(page.file)} has no heading or element with "
            f"the anchor #{fragment}"
        )
        nearest = _nearest(fragment, found)
        hint = nearest + (" " if nearest.endswith("?") else "; ")
        original = self.catalog.content.lessons.get((page.file.id, "ja"))
        if page.file.lang != "ja" and original is not None:
            in_original = self.of(page, original)
            if fragment in in_original or unquote(fragment) in in_original:
                return message, hint + (
                    f"the Japanese page ({self._shown(original)}) has it: give the heading the "
                    "same anchor in both files, e.g. ## … {#name}"
                )
        if page.file.kind == "ipynb":
            return message, hint + (
                "a notebook heading's anchor is its text in lower case with '-' for spaces "
                "(### LSTMの仕組み → #lstmの仕組み)"
            )
        return message, hint + (
            "an anchor is a heading's text in lower case with '-' for spaces "
            "(## 1. 学習サイクル → #1-学習サイクル), or the {#name} written after the heading"
        )

    def _shown(self, file: LessonFile) -> str:
        if self.catalog.content_dir is None or self.root is None:
            return file.src_uri
        return display_path(self.catalog.content_dir / file.src_uri, self.root)


def _nearest(fragment: str, found: list[str]) -> str:
    """The anchors closest to ``fragment``, else the page's first ones."""
    headings = [a for a in found if not a.startswith(("__", "cell-id=", "fn:", "fnref:"))]
    close = difflib.get_close_matches(fragment.lower(), headings, n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(f"#{a}" for a in close) + "?"
    if headings:
        more = f", … ({len(headings)} in all)" if len(headings) > SHOWN else ""
        return "the page's anchors: " + ", ".join(f"#{a}" for a in headings[:SHOWN]) + more
    return "the page has no headings yet"
