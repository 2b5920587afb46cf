"""The built site in Debian Chromium, served under a subpath: a reader's walk, with every request
recorded — nothing to another origin, nothing failed, no console errors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

pytestmark = pytest.mark.browser


@dataclass
class Recorder:
    origin: str
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        # ERR_ABORTED is a request cut short by our own navigation to the next page, not a failure.
        page.on(
            "requestfailed",
            lambda r: (
                None
                if "ERR_ABORTED" in (r.failure or "")
                else self.failed.append(f"{r.url} {r.failure}")
            ),
        )
        page.on(
            "response",
            lambda r: self.failed.append(f"{r.url} {r.status}") if r.status >= 400 else None,
        )
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def check(self) -> None:
        foreign = [
            u for u in self.requests if not u.startswith(self.origin) and not u.startswith("data:")
        ]
        assert foreign == [], f"requests to other origins: {foreign}"
        assert self.failed == []
        assert self.errors == []


@pytest.fixture
def reader(browser: Any, real_url: str) -> Iterator[tuple[Any, Recorder]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    origin = real_url.split("/nexus/")[0]
    recorder = Recorder(origin)
    recorder.attach(page)
    yield page, recorder
    context.close()


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
    rec.errors = [e for e in rec.errors if "404" not in e]
    rec.check()


def test_mermaid_renders_from_the_vendored_copy(
    reader: tuple[Any, Recorder], real_url: str
) -> None:
    page, rec = reader
    page.goto(real_url + "g/g17/")
    # Material renders each diagram into a closed shadow root of a div.mermaid that replaces
    # the <pre>: the diagram is drawn when those divs have a real height.
    page.wait_for_function(
        "() => { const d = document.querySelectorAll('div.mermaid');"
        " return d.length === 2 && [...d].every(e => e.getBoundingClientRect().height > 80) }",
        timeout=15000,
    )
    assert page.evaluate("typeof window.mermaid") == "object"
    rec.check()


def test_math_in_notebook_renders(reader: tuple[Any, Recorder], real_url: str) -> None:
    page, rec = reader
    page.goto(real_url + "p/p15/")
    page.wait_for_selector(".jupyter-wrapper .katex", timeout=10000)
    rec.check()
