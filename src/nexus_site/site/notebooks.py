"""Post-processing of notebook pages rendered by mkdocs-jupyter (nbconvert's lab template).

That template loads MathJax from a URL (an empty ``<script src="">`` when none is configured) and
imports mermaid from another origin when a notebook has a diagram. Both break the rule that a page
requests nothing from elsewhere; math in notebooks is rendered by the vendored KaTeX instead, and
diagrams by the vendored mermaid (``javascripts/mermaid-init.js``, see ``features.diagrams``).
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pymdownx.slugs import slugify

from nexus_site import i18n
from nexus_site.content import plots
from nexus_site.content.plots import MissingPlot
from nexus_site.site.toc import TocItem

_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
_REMOTE_MODULE = re.compile(
    r"<script type=\"module\">(?:(?!</script>).)*?import\(\s*[\"']https?://.*?</script>", re.S
)
_REMOTE_SCRIPT = re.compile(r"<script[^>]*\ssrc=\"(?:https?:)?//[^\"]*\"[^>]*>\s*</script>")
_EMPTY_SCRIPT = re.compile(r"<script src=\"\">\s*</script>")
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.S)
_LIST_STYLE = re.compile(r"\s*<style>\s*\[['\"].*?['\"]\]\s*</style>\s*", re.S)
_FIRST_CELL = 'class="jp-Cell'
_CHARSET = re.compile(r'@charset "[^"]*";')
_TAGS = re.compile(r"<[^>]+>")
_slugify = slugify(case="lower")  # as mkdocs.yml's toc extension
# A heading of a markdown cell as nbconvert renders it: id, text, then its ¶ anchor link.
_HEADING = re.compile(
    r'<h([1-6]) id="[^"]*">((?:(?!</h[1-6]>).)*?)<a class="anchor-link" href="#[^"]*">', re.S
)


_COPY_TAG = re.compile(r"<clipboard-copy\b[^>]*>")
_COPIED = '<span class="notice" hidden>Copied!</span>'


def localize(html: str, copy: str, copied: str) -> str:
    """The template's copy buttons in the page's language (and without the stray comma it puts
    between their attributes)."""
    label = htmllib.escape(copy)

    def fix(match: re.Match[str]) -> str:
        tag = match[0].replace(' ,=""', "").replace('",', '"')
        if " role=" not in tag:  # what the element gives itself when its script runs
            tag = tag.replace("<clipboard-copy", '<clipboard-copy role="button"', 1)
        return tag.replace('aria-label="Copy to Clipboard"', f'aria-label="{label}"')

    html = _COPY_TAG.sub(fix, html)
    return html.replace(_COPIED, f'<span class="notice" hidden>{htmllib.escape(copied)}</span>')


def clean_html(html: str) -> str:
    """Remove the template's remote MathJax/mermaid loaders from a rendered notebook page, and
    the ``<style>`` mkdocs-jupyter appends with a Python list printed in it (no browser can read
    it; the Pygments CSS it lists is in the template's own styles)."""
    for pattern in (_MATHJAX, _REMOTE_MODULE, _REMOTE_SCRIPT, _EMPTY_SCRIPT, _LIST_STYLE):
        html = pattern.sub("", html)
    # A code cell scrolls sideways: focusable, so keyboard users can scroll it (as Material's
    # own code blocks are; WCAG 2.1.1).
    return html.replace('<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb')


def split_template_styles(html: str) -> tuple[str, str]:
    """Take the template's inline ``<style>`` blocks out of a notebook page.

    nbconvert's template puts ~590 KB of CSS (JupyterLab's theme, Pygments) into every notebook
    page, the same on each: served as one stylesheet, it is downloaded once. Returned: the page
    without those blocks, and their CSS in order (empty if there were none). Only blocks before the
    first cell are taken: a cell's output may carry its own styles.
    """
    end = html.find(_FIRST_CELL)
    head, rest = (html, "") if end < 0 else (html[:end], html[end:])
    blocks = [_CHARSET.sub("", m[1]).strip() for m in _STYLE.finditer(head)]
    if not blocks:
        return html, ""
    return _STYLE.sub("", head) + rest, '@charset "UTF-8";\n' + "\n".join(blocks) + "\n"


def heading_ids(html: str, toc: Iterable[Any]) -> tuple[str, tuple[TocItem, ...] | None]:
    """Readable, unique heading ids for a notebook page, and its table of contents with them.

    nbconvert renders the headings with slugs that drop Japanese (``_1``, ``1``, empty, repeated);
    mkdocs-jupyter builds the TOC with yet other ids. Here both get the ids Markdown pages have
    (the same slugify as mkdocs.yml's ``toc``: ``1-なぜaiに記憶が必要なのか…``). Headings and TOC
    entries come from the same markdown cells in the same order; when their numbers differ the page
    is left as it is (tests/test_verify_links.py would report the broken anchors).
    """
    old = list(_flatten(toc))
    found = _HEADING.findall(html)
    if len(found) != len(old):
        return html, None
    new_ids = heading_slugs(inner for _, inner in found)
    it = iter(new_ids)

    def replace(match: re.Match[str]) -> str:
        ident = htmllib.escape(next(it))
        return f'<h{match[1]} id="{ident}">{match[2]}<a class="anchor-link" href="#{ident}">'

    renamed = dict(zip((id(item) for item in old), new_ids, strict=True))
    return _HEADING.sub(replace, html), tuple(_retitle(item, renamed) for item in toc)


def heading_slugs(headings: Iterable[str]) -> list[str]:
    """The ids of a notebook's headings, from their inner HTML in page order: the text slugified
    as mkdocs.yml's ``toc`` does, repeats numbered (``-2``, ``-3``). Also what
    ``nexus:P15#…`` links are checked against (``site/anchors.py``)."""
    used: set[str] = set()
    ids: list[str] = []
    for inner in headings:
        text = htmllib.unescape(_TAGS.sub("", inner))
        base = _slugify(text, "-") or "section"
        ident, n = base, 1
        while ident in used:
            n += 1
            ident = f"{base}-{n}"
        used.add(ident)
        ids.append(ident)
    return ids


def _flatten(toc: Iterable[Any]) -> Iterator[Any]:
    for item in toc:
        yield item
        yield from _flatten(item.children)


def _retitle(item: Any, renamed: dict[int, str]) -> TocItem:
    return TocItem(
        renamed[id(item)],
        htmllib.unescape(_TAGS.sub("", str(item.title))),
        int(item.level),
        tuple(_retitle(child, renamed) for child in item.children),
    )


PENDING = {
    "ja": (
        "図は準備中です",
        "このセルが描く図は、ノートブックにまだ保存されていません。Colab などで実行すると表示されます。",
    ),
    "en": (
        "Figure in preparation",
        "The figure this cell draws is not saved in the notebook yet. Run it (in Colab, for "
        "example) to see it.",
    ),
}


def mark_missing_plots(html: str, missing: Iterable[MissingPlot], lang: str) -> str:
    """A "figure in preparation" box after each cell that draws a figure the notebook has not
    saved (``nexus_site.content.plots``): before the next cell, or at the end."""
    title, text = PENDING[lang]
    box = (
        f'<div class="nx-figure-pending" role="note"><p><strong>{htmllib.escape(title)}</strong>'
        f"<br>{htmllib.escape(text)}</p></div>"
    )
    for plot in sorted(missing, key=lambda p: -p.index):
        at = -1
        if plot.next_id:
            at = html.find(f'id="cell-id={htmllib.escape(plot.next_id)}"')
            at = html.rfind("<div", 0, at) if at >= 0 else -1
        elif plot.cell_id and f'id="cell-id={htmllib.escape(plot.cell_id)}"' in html:
            at = len(html)
        if at >= 0:
            html = html[:at] + box + "\n" + html[at:]
    return html


def render_page(
    html: str, toc: Iterable[Any], source: Path, lang: str
) -> tuple[str, str, tuple[TocItem, ...] | None]:
    """A notebook lesson as the site shows it: no remote loaders, interface strings in the page's
    language, readable heading ids (and the TOC with them), the template's CSS apart (returned),
    a "figure in preparation" box for each figure the notebook has not saved."""
    html = clean_html(html)
    ui = i18n.UI["en" if lang == "en" else "ja"]
    html = localize(html, ui["copy_code"], ui["copied"])
    html, new_toc = heading_ids(html, toc)
    html, css = split_template_styles(html)
    missing = plots.missing_plots(source.read_text(encoding="utf-8"))
    return mark_missing_plots(html, missing, lang), css, new_toc
