"""The package's browser assets, and which of them a page needs.

Decided from the page's rendered HTML, so authors never configure it: KaTeX only where there is
math, mermaid only where there is a diagram, the mind map only where there is a map, a figure's
or a quiz's script only where an author placed one (``/// figure``, ``/// quiz``).

Diagrams: the Markdown fence and notebooks write ``<pre class="mermaid">``, which Material's bundle
would render itself (fetching mermaid from a CDN when none is loaded); :func:`tidy` renames
the class so that only our loader (``javascripts/mermaid-init.js``) sees them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

ASSETS = Path(__file__).parents[1] / "assets"
ASSET_PREFIX = "assets/nexus/"  # where the assets go in the built site
STYLESHEET = ASSET_PREFIX + "nexus.css"  # on every page

# Feature → (pattern in the rendered HTML, stylesheets, scripts), paths relative to ASSETS.
FEATURES: dict[str, tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]] = {
    "math": (
        re.compile(r'class="[^"]*\b(arithmatex|jupyter-wrapper)\b'),
        # katex-init.js renders the math when it nears the viewport (KaTeX in a worker, the
        # fonts when a formula uses them). The stylesheet is in <head>: its @font-face rules,
        # added once the page is laid out, made the browser lay the whole page out again.
        ("vendor/katex/katex.min.css",),
        ("javascripts/katex-init.js",),
    ),
    # A small loader: mermaid itself only when a diagram nears the viewport (never in <head>).
    "mermaid": (
        re.compile(r'class="[^"]*\bnexus-mermaid\b'),
        ("javascripts/mermaid.css",),
        ("javascripts/mermaid-init.js",),
    ),
    "figures": (
        re.compile(r'class="nexus-figure"'),
        ("figures/figures.css",),
        ("figures/figures.js",),
    ),
    "quiz": (
        re.compile(r'class="nexus-quiz"'),
        ("figures/quiz.css",),
        ("figures/quiz.js",),
    ),
    "glossary": (
        re.compile(r'class="nx-(term|glossary)"'),
        ("glossary/glossary.css",),
        ("glossary/terms.js",),
    ),
    "mindmap": (
        re.compile(r'class="nexus-mindmap"'),
        ("mindmap/mindmap.css",),
        ("mindmap/mindmap.js",),
    ),
}


_MERMAID = re.compile(r'(<(?:pre|div) class=")mermaid(")')


# md_in_html's attribute where it was not consumed: on inline elements inside a processed block
# (the quiz's choice text) and in notebooks (nbconvert does not know it). Not valid HTML.
_MD_ATTR = re.compile(r'(<[a-zA-Z][^<>]*?)\s+markdown="(?:1|block|span)"')


def tidy(html: str) -> str:
    """The page with its mermaid diagrams handed to our lazy loader instead of Material's, and
    without md_in_html's leftover ``markdown="…"`` attributes."""
    if "mermaid" in html:
        html = _MERMAID.sub(r"\1nexus-mermaid\2", html)
    return _MD_ATTR.sub(r"\1", html) if 'markdown="' in html else html


def needs(html: str) -> tuple[list[str], list[str]]:
    """The site paths of the stylesheets and scripts the page ``html`` needs, in load order."""
    css: list[str] = []
    js: list[str] = []
    for pattern, feature_css, feature_js in FEATURES.values():
        if pattern.search(html):
            css += [ASSET_PREFIX + x for x in feature_css]
            js += [ASSET_PREFIX + x for x in feature_js]
    return css, js


def asset_files() -> Iterator[tuple[str, Path]]:
    """Every asset: (site path, file in the package), sorted."""
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            yield ASSET_PREFIX + path.relative_to(ASSETS).as_posix(), path
