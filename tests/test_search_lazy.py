"""The search index loads only when the reader shows intent to search (search-lazy.js).

Material requests ``search/search_index.json`` on every page load; the shim holds that request
back until the search box is focused or touched, a search shortcut key is pressed, or the URL
asks for a search (``?q=``) or highlighting (``?h=``). Math and the mind map, whose scripts are
deferred, still render. The search dialog has an accessible name.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
QUERY = "学習"  # in several Japanese lessons (see test_search_browser.py)


@dataclass
class Tab:
    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def index_requests(self) -> int:
        return sum(url.split("?", 1)[0].endswith(INDEX) for url in self.requests)

    def settle(self) -> None:
        """Load, network idle, and a short quiet time for anything scheduled late."""
        self.page.wait_for_load_state("load")
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_timeout(500)

    def results(self) -> int:
        self.page.wait_for_selector(".md-search-result__item", timeout=10000)
        return int(self.page.locator(".md-search-result__item").count())


@contextmanager
def tab(browser: Any, url: str, *, phone: bool = False) -> Iterator[Tab]:
    context = browser.new_context(
        viewport=PHONE if phone else DESKTOP, has_touch=phone, is_mobile=phone
    )
    try:
        page = context.new_page()
        t = Tab(page)
        page.on("request", lambda r: t.requests.append(r.url))
        page.on("console", lambda m: t.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: t.errors.append(str(e)))
        page.goto(url, wait_until="load")
        t.settle()
        yield t
        assert t.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "p/p9/", "g/g17/", "en/"], ids=lambda p: p or "home")
def test_page_load_does_not_fetch_the_index(browser: Any, real_url: str, path: str) -> None:
    with tab(browser, real_url + path) as t:
        assert any(u.endswith("/search-lazy.js") for u in t.requests)  # the shim is there
        assert any("/bundle." in u for u in t.requests)  # and so is Material
        assert t.index_requests() == 0, [u for u in t.requests if "search" in u]
        t.page.mouse.move(1, 400)  # pointer activity away from the search box
        t.page.mouse.wheel(0, 600)
        t.page.keyboard.press("Tab")  # first focusable: the skip link, not the search box
        t.settle()
        assert t.index_requests() == 0


def test_focus_and_typing_load_the_index_once(browser: Any, real_url: str) -> None:
    with tab(browser, real_url) as t:
        t.page.locator(".md-search__input").focus()
        t.page.keyboard.type(QUERY)  # typed before the index is in: Material runs it when ready
        assert t.results() >= 2
        t.page.keyboard.type("者")
        t.settle()
        assert t.index_requests() == 1


def test_shortcut_key_loads_the_index(browser: Any, real_url: str) -> None:
    with tab(browser, real_url + "en/") as t:
        t.page.keyboard.press("/")
        t.page.keyboard.type("federated")
        assert t.results() >= 1
        assert t.index_requests() == 1


def test_phone_search_button_loads_the_index(browser: Any, real_url: str) -> None:
    with tab(browser, real_url + "p/p9/", phone=True) as t:
        assert t.index_requests() == 0
        t.page.locator("label.md-header__button[for='__search']").tap()
        t.page.keyboard.type(QUERY)
        assert t.results() >= 2
        assert t.index_requests() == 1


def test_query_in_the_url_opens_search_with_results(browser: Any, real_url: str) -> None:
    with tab(browser, f"{real_url}?q={quote(QUERY)}") as t:
        assert t.results() >= 2
        assert t.page.evaluate("document.getElementById('__search').checked")
        assert t.index_requests() == 1


def test_highlight_in_the_url_still_highlights(browser: Any, real_url: str) -> None:
    with tab(browser, f"{real_url}p/p9/?h={quote('損失')}") as t:
        t.page.wait_for_selector("mark[data-md-highlight]", timeout=10000)
        assert t.index_requests() == 1


def test_deferred_math_renders(browser: Any, real_url: str) -> None:
    with tab(browser, real_url + "p/p9/") as t:
        deferred = t.page.eval_on_selector_all(
            "script[src*='/assets/nexus/']",
            "els => els.map(e => [e.getAttribute('src').split('/').pop(), e.defer])",
        )
        assert deferred == [
            ["search-lazy.js", False],  # must run before Material's bundle
            ["katex.min.js", True],
            ["auto-render.min.js", True],
            ["katex-init.js", True],
        ]
        t.page.wait_for_selector(".arithmatex .katex", timeout=10000)
        assert t.page.locator(".katex").count() > 0
        pending = t.page.locator(".arithmatex:not([data-katex-rendered])").count()
        assert pending == 0


def test_deferred_mindmap_renders(browser: Any, real_url: str) -> None:
    with tab(browser, real_url) as t:
        script = t.page.locator("script[src$='mindmap/mindmap.js']")
        assert script.evaluate("e => e.defer")
        t.page.wait_for_selector(
            "#nx-map-global .nexus-mindmap__toolbar", state="visible", timeout=10000
        )
        assert t.page.locator("#nx-map-global [role='treeitem']").count() > 1


def test_mermaid_stays_a_classic_head_script(real_site: Path) -> None:
    html = (real_site / "g" / "g17" / "index.html").read_text("utf-8")
    doc = BeautifulSoup(html, "html.parser")
    mermaid = doc.select("head script[src*='mermaid']")
    assert len(mermaid) == 1 and not mermaid[0].has_attr("defer")


@pytest.mark.parametrize(("path", "name"), [("", "検索"), ("en/", "Search")])
def test_search_dialog_has_an_accessible_name(real_site: Path, path: str, name: str) -> None:
    doc = BeautifulSoup((real_site / path / "index.html").read_text("utf-8"), "html.parser")
    dialog = doc.select_one(".md-search[role='dialog']")
    assert dialog is not None and dialog.get("aria-label") == name
