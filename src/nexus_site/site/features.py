"""The package's browser assets, and which of them a page needs.

Decided from the page's rendered HTML, so authors never configure it: KaTeX only where there is
math, mermaid only where there is a diagram, the mind map only where there is a map.
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
