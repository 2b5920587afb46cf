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
from typing import Any

from nexus_site.content.plots import MissingPlot

_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
_REMOTE_MODULE = re.compile(
    r"<script type=\"module\">(?:(?!</script>).)*?import\(\s*[\"']https?://.*?</script>", re.S
)
_REMOTE_SCRIPT = re.compile(r"<script[^>]*\ssrc=\"(?:https?:)?//[^\"]*\"[^>]*>\s*</script>")
_EMPTY_SCRIPT = re.compile(r"<script src=\"\">\s*</script>")
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.S)
_FIRST_CELL = 'class="jp-Cell'
_CHARSET = re.compile(r'@charset "[^"]*";')
# A heading of a markdown cell as nbconvert renders it: id, text, then its ¶ anchor link.
_HEADING = re.compile(
    r'<h([1-6]) id="[^"]*">((?:(?!</h[1-6]>).)*?)<a class="anchor-link" href="#[^"]*">', re.S
)


def clean_html(html: str) -> str:
    """Remove the template's remote MathJax/mermaid loaders from a rendered notebook page."""
    for pattern in (_MATHJAX, _REMOTE_MODULE, _REMOTE_SCRIPT, _EMPTY_SCRIPT):
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


def align_heading_ids(html: str, toc: Iterable[Any]) -> str:
    """Give the notebook's headings the ids its table of contents links to.

    mkdocs-jupyter builds the page's TOC with Markdown's toc extension (unique ids: ``ai``,
    ``ai_1``, ``_1`` for a heading without ASCII letters) but renders the headings with nbconvert's
    slugs, which repeat and can be empty: those TOC links went nowhere. Headings and TOC entries
    come from the same markdown cells in the same order; when their numbers differ the HTML is
    left as it is (tests/test_verify_links.py would report the broken anchors).
    """
    ids = [htmllib.escape(i) for i in _toc_ids(toc)]
    if len(_HEADING.findall(html)) != len(ids):
        return html
    it = iter(ids)

    def replace(match: re.Match[str]) -> str:
        ident = next(it)
        return f'<h{match[1]} id="{ident}">{match[2]}<a class="anchor-link" href="#{ident}">'

    return _HEADING.sub(replace, html)


def _toc_ids(toc: Iterable[Any]) -> Iterator[str]:
    for item in toc:
        yield str(item.id)
        yield from _toc_ids(item.children)


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
