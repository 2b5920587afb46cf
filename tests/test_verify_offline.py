"""Nothing on any page type is loaded from another origin, nothing fails, nothing logs an error.

Each page type of both languages is opened in Chromium with every request recorded, scrolled to
the bottom (lazy content) and left to go idle. The site is served the way GitHub Pages serves a
project site: under a subpath, with the root ``404.html`` answering any missing URL (status 404).
On the home page the mind-map toolbar and the search box are used once: interaction too must
stay on the site's own origin.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support import SUBPATH, QuietHandler, Recorder, meet_map, serve_under_subpath

pytestmark = pytest.mark.browser

MISSING = "no/such/page/"

PAGES = [
    "",  # home
    "p/",  # series
    "p/p9/",  # lesson (math, figures)
    "p/p15/",  # notebook lesson
    "g/g17/",  # lesson with mermaid diagrams
    "terms/",
    "disclaimer/",
    "guide/",  # author guide (site page)
    MISSING,  # 404
    "en/",
    "en/p/",
    "en/g/g17/",  # translated lesson
    "en/p/p9/",  # translated lesson with figures
    "en/p/p15/",  # Japanese original (not translated) under English chrome
    "en/terms/",
    "en/" + MISSING,
]


class _PagesHandler(QuietHandler):
    """Static files; a missing path gets ``<subpath>404.html`` with status 404 (GitHub Pages)."""

    site: Path

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.site / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_url(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    handler = type("Handler", (_PagesHandler,), {"site": real_site})
    with serve_under_subpath(real_site, tmp_path_factory.mktemp("pages"), handler=handler) as url:
        yield url


def open_page(browser: Any, url: str) -> tuple[Any, Any, Recorder]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    recorder = Recorder(url.split(SUBPATH)[0])
    recorder.attach(page)
    return context, page, recorder


def settle(page: Any) -> None:
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_page_loads_only_from_its_own_origin(browser: Any, pages_url: str, path: str) -> None:
    context, page, rec = open_page(browser, pages_url + path)
    try:
        response = page.goto(pages_url + path, wait_until="load")
        settle(page)
        assert response is not None
        if MISSING in path:
            # The 404 document itself is expected: its status, and Chromium's console line.
            assert response.status == 404
            assert "404" in page.title() or page.locator("h1").count() >= 1
            document = pages_url + path
            rec.failed = [f for f in rec.failed if f != f"{document} HTTP 404"]
            rec.console = [c for c in rec.console if "404" not in c or "Failed to load" not in c]
        else:
            assert response.status == 200
        print(
            f"\noffline {path or 'home'}: {len(rec.requests)} requests, "
            f"{len(rec.foreign)} to another origin, {len(rec.failed)} failed"
        )
        assert rec.foreign == []
        assert rec.failed == []
        assert rec.console == []
        assert rec.errors == []
        assert len(rec.requests) >= 5  # document, Material's CSS and JS, our CSS…
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "en/"], ids=["ja", "en"])
def test_home_interaction_loads_nothing_from_elsewhere(
    browser: Any, pages_url: str, path: str
) -> None:
    context, page, rec = open_page(browser, pages_url + path)
    try:
        page.goto(pages_url + path)
        settle(page)
        meet_map(page, "#nx-map-global")
        toolbar = page.locator("#nx-map-global .nexus-mindmap__toolbar")
        toolbar.wait_for(state="visible")
        buttons = toolbar.locator("button[data-action]")
        actions = [b.get_attribute("data-action") for b in buttons.all()]
        assert {"zoom-in", "zoom-out", "fit", "expand-all", "collapse-all"} <= set(actions)
        for action in actions:
            toolbar.locator(f"button[data-action='{action}']").click()
            if action == "fullscreen":
                toolbar.locator("button[data-action='fullscreen']").click()  # and back
        # A click on a series node of the map unfolds it.
        page.locator("#nx-map-global .nexus-mindmap__canvas").click(position={"x": 5, "y": 5})
        # The search: Pagefind fetches its script and index chunks once the dialog is used.
        page.keyboard.press("/")
        page.keyboard.type("RNN")
        page.wait_for_selector(".nx-search__item", timeout=10000)
        settle(page)
        print(f"\noffline interaction {path or 'home'}: {len(rec.requests)} requests")
        assert any("/pagefind/" in u for u in rec.requests)
        assert rec.foreign == []
        assert rec.failed == []
        assert rec.console == []
        assert rec.errors == []
    finally:
        context.close()
