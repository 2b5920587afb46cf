"""The built site in Debian Chromium, served under a subpath: a reader's walk, with every request
recorded — nothing to another origin, nothing failed, no console errors."""

from __future__ import annotations

from typing import Any

import pytest

from support import Recorder

pytestmark = pytest.mark.browser


def test_walk_home_series_lesson_terms(reader: tuple[Any, Recorder], real_url: str) -> None:
    page, rec = reader

    def arrive(url: str) -> None:
        # Let the page finish (search worker, fonts) so leaving it aborts nothing.
        page.wait_for_url(url)
        page.wait_for_load_state("networkidle")

    page.goto(real_url)
    arrive(real_url)
    assert page.locator("h1").first.inner_text() == "Medical AI Nexus"
    page.locator(".nx-card__link[href='p/']").click()
    arrive(real_url + "p/")
    page.locator("#p9-item a").click()
    arrive(real_url + "p/p9/")
    assert page.locator("article h1").inner_text() == "損失関数と最適化"
    page.locator(".arithmatex").first.scroll_into_view_if_needed()  # math is drawn when near
    page.wait_for_selector(".katex")  # math rendered by the vendored KaTeX
    page.locator(".nx-pager__next").click()
    arrive(real_url + "p/p15/")
    page.locator(".nx-footer-links a", has_text="ご利用規約").click()
    arrive(real_url + "terms/")
    assert page.locator("article h1").inner_text() == "ご利用規約"
    page.go_back()
    arrive(real_url + "p/p15/")
    page.locator(".nx-crumbs a").first.click()
    arrive(real_url)
    rec.check()
    assert len(rec.requests) > 10


@pytest.mark.parametrize(
    "path", ["", "p/", "e/", "b/", "p/p9/", "p/p15/", "g/g17/", "terms/", "disclaimer/"]
)
def test_page_loads_clean(reader: tuple[Any, Recorder], real_url: str, path: str) -> None:
    page, rec = reader
    page.goto(real_url + path, wait_until="networkidle")
    rec.check()


def test_404_page_loads_clean(reader: tuple[Any, Recorder], real_url: str) -> None:
    page, rec = reader
    response = page.goto(real_url + "no/such/page/", wait_until="networkidle")
    assert response is not None and response.status == 404
    rec.failed = [f for f in rec.failed if "no/such/page" not in f]
    rec.console = [e for e in rec.console if "404" not in e]
    rec.check()


def test_mermaid_renders_from_the_vendored_copy(
    reader: tuple[Any, Recorder], real_url: str
) -> None:
    page, rec = reader
    page.goto(real_url + "g/g17/")
    # Drawn lazily (javascripts/mermaid-init.js): each diagram when it nears the viewport.
    diagrams = page.locator(".nexus-mermaid-diagram")
    assert diagrams.count() >= 1
    for i in range(diagrams.count()):
        diagrams.nth(i).scroll_into_view_if_needed()
        page.wait_for_function(
            "(i) => { const d = document.querySelectorAll('.nexus-mermaid-diagram')[i];"
            " return d.dataset.rendered && d.querySelector('svg').getBoundingClientRect()"
            ".height > 80 }",
            arg=i,
            timeout=15000,
        )
    assert any("vendor/mermaid/mermaid.esm.min.mjs" in u for u in rec.requests)
    rec.check()


def test_math_in_notebook_renders(reader: tuple[Any, Recorder], real_url: str) -> None:
    page, rec = reader
    page.goto(real_url + "p/p15/")
    page.locator(".jupyter-wrapper .jp-RenderedMarkdown").last.scroll_into_view_if_needed()
    page.wait_for_selector(".jupyter-wrapper .katex", timeout=10000)
    rec.check()


def test_math_is_typeset_off_the_main_thread(reader: tuple[Any, Recorder], real_url: str) -> None:
    """KaTeX runs in a worker (katex-worker.js): the page holds only auto-render and a stand-in
    that hands each formula to the worker; every formula ends up typeset, with KaTeX's markup
    for readers and assistive technology (MathML) as before."""
    page, rec = reader
    page.goto(real_url + "p/p9/")
    assert page.locator("head link[href$='vendor/katex/katex.min.css']").count() == 1
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # all of it, as for print
    page.wait_for_function(
        "() => document.querySelectorAll('.arithmatex').length > 0 && [...document"
        ".querySelectorAll('.arithmatex')].every(m => m.querySelector('.katex .katex-mathml'))",
        timeout=15000,
    )
    assert page.evaluate("typeof katex.renderToString") == "undefined"  # not KaTeX itself
    assert page.evaluate("typeof renderMathInElement") == "function"
    rec.check()
