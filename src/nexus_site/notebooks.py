"""Post-processing of notebook pages rendered by mkdocs-jupyter (nbconvert's lab template).

That template loads MathJax from a URL (an empty ``<script src="">`` when none is configured) and
imports mermaid from another origin when a notebook has a diagram. Both break the rule that a page
requests nothing from elsewhere; math in notebooks is rendered by the vendored KaTeX instead, and
diagrams by the vendored mermaid that Material picks up from the ``.mermaid`` elements.
"""

from __future__ import annotations

import re

_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
_REMOTE_MODULE = re.compile(
    r"<script type=\"module\">(?:(?!</script>).)*?import\(\s*[\"']https?://.*?</script>", re.S
)
_REMOTE_SCRIPT = re.compile(r"<script[^>]*\ssrc=\"(?:https?:)?//[^\"]*\"[^>]*>\s*</script>")
_EMPTY_SCRIPT = re.compile(r"<script src=\"\">\s*</script>")


def clean_html(html: str) -> str:
    """Remove the template's remote MathJax/mermaid loaders from a rendered notebook page."""
    for pattern in (_MATHJAX, _REMOTE_MODULE, _REMOTE_SCRIPT, _EMPTY_SCRIPT):
        html = pattern.sub("", html)
    return html
