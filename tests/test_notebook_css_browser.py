"""The notebook stylesheet keeps only what notebook pages use of JupyterLab's CSS, and renders
them exactly as the whole of it does: every element's computed style, light and dark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs_jupyter.nbconvert2 import nb2html

from nexus_site.site import notebooks

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]

# Every computed property (not custom properties: unused ones are what is removed) of every
# element of the notebook, and of its ::before/::after.
STYLES = """scheme => {
  document.body.setAttribute('data-md-color-scheme', scheme);
  const out = [];
  for (const e of document.querySelectorAll('.jupyter-wrapper, .jupyter-wrapper *')) {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(e, pseudo);
      out.push(Array.from(s).filter(p => !p.startsWith('--'))
        .map(p => p + ':' + s.getPropertyValue(p)).join(';'));
    }
  }
  return out;
}"""


def computed_styles(browser: Any, url: str, full_css: str | None) -> dict[str, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    if full_css is not None:
        page.route(
            "**/assets/nexus/notebook/*.css",
            lambda route: route.fulfill(body=full_css, content_type="text/css"),
        )
    page.goto(url, wait_until="networkidle")
    # Math is drawn when it nears the viewport, or for printing: all of it, now.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_selector(".jupyter-wrapper .katex")  # math rendered: the DOM is complete
    count = "document.querySelectorAll('.jupyter-wrapper *').length"
    before = -1
    while (now := page.evaluate(count)) != before:
        before = now
        page.wait_for_timeout(500)
    styles = {scheme: page.evaluate(STYLES, scheme) for scheme in ("default", "slate")}
    context.close()
    return styles


def test_pruned_notebook_css_renders_like_the_whole(
    browser: Any, real_url: str, real_site: Path
) -> None:
    _, full = notebooks.split_template_styles(nb2html(str(ROOT / "content/p/p15.ipynb")))
    [shipped] = (real_site / "assets/nexus/notebook").glob("*.css")
    assert len(shipped.read_text("utf-8")) < len(full) / 10  # 590 KB → ~21 KB
    pruned = computed_styles(browser, real_url + "p/p15/", None)
    whole = computed_styles(browser, real_url + "p/p15/", full)
    assert len(pruned["default"]) > 300  # the notebook's elements were there
    for scheme in pruned:
        assert len(pruned[scheme]) == len(whole[scheme]), scheme
        pairs = zip(pruned[scheme], whole[scheme], strict=True)
        assert [i for i, (a, b) in enumerate(pairs) if a != b] == [], scheme
