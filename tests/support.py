"""Shared helpers of the tests and the benchmark scripts: copies and strict builds of the project,
Debian's Chromium under Playwright, a built site served on 127.0.0.1 (under a project-pages
subpath), a recorder of what a page requests, and typed look-ups in parsed HTML.

Tests import it as ``support`` (pytest puts ``tests/`` on ``sys.path``); scripts add ``tests/``
to ``sys.path`` first.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socketserver
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag
    from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, Response

ROOT = Path(__file__).resolve().parents[1]
SUBPATH = "/nexus/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build(config_file: Path, site_dir: Path, **overrides: Any) -> Path:
    """``mkdocs build --strict`` through the Python API; raises on any warning."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True, **overrides)
    mkdocs_build(config)
    return site_dir


def build_both(project: Path, site_dir: Path) -> Path:
    """Both languages, as scripts/build does: Japanese at the root, English in en/."""
    build(project / "mkdocs.yml", site_dir)
    build(project / "mkdocs.en.yml", site_dir / "en")
    return site_dir


def copy_project(dest: Path, *, content: bool = True) -> Path:
    """A copy of the project's inputs (config, curriculum, theme, optionally content)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(ROOT / "mkdocs.en.yml", dest / "mkdocs.en.yml")
    for folder in ("curriculum", "theme_overrides"):
        shutil.copytree(ROOT / folder, dest / folder)
    if content:
        shutil.copytree(ROOT / "content", dest / "content")
    else:
        (dest / "content").mkdir()
    return dest


def english_lessons(project: Path = ROOT) -> dict[str, bool]:
    """Every published lesson page of the English site (``"p/p15/"``) → whether it shows the
    Japanese original (no ``.en.md`` yet). Tests of the real site take their untranslated and
    translated examples from here, so they hold whatever is translated today."""
    from nexus_site.content.scan import scan
    from nexus_site.curriculum.loader import load
    from nexus_site.site.catalog import Catalog

    curriculum = load(project / "curriculum", root=project)
    content = scan(curriculum, project / "content", root=project)
    catalog = Catalog(curriculum, content, "en", project / "content")
    return {
        e.url: e.fallback
        for e in catalog.entries.values()
        if e.file is not None and e.url is not None and "#" not in e.url  # own page, not a section
    }


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless (``playwright install`` cannot download browsers here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def running(
    handler: Callable[..., socketserver.BaseRequestHandler], port: int = 0
) -> Iterator[int]:
    """A threaded HTTP server on 127.0.0.1 (``port`` 0: any free one) answering with ``handler``
    while the block runs; yields the port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextmanager
def serve(
    directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler
) -> Iterator[str]:
    """Serve ``directory`` at ``http://127.0.0.1:PORT/`` while the block runs."""
    with running(functools.partial(handler, directory=str(directory))) as port:
        yield f"http://127.0.0.1:{port}/"


@contextmanager
def serve_under_subpath(
    site: Path,
    tmp: Path,
    subpath: str = SUBPATH,
    handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler,
) -> Iterator[str]:
    """Serve ``site`` at ``http://127.0.0.1:PORT/nexus/``, as GitHub Pages serves a project."""
    root = tmp / "www"
    root.mkdir()
    (root / subpath.strip("/")).symlink_to(site, target_is_directory=True)
    with serve(root, handler) as url:
        yield url.rstrip("/") + subpath


@dataclass
class Recorder:
    """What a page requested, what failed, and what it logged as an error."""

    origin: str  # "http://127.0.0.1:PORT"
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # to any other origin
    failed: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)  # console errors
    errors: list[str] = field(default_factory=list)  # uncaught exceptions

    def attach(self, page: Page) -> None:
        page.on("request", self._request)
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _request(self, request: Request) -> None:
        url = request.url
        self.requests.append(url)
        if not (url.startswith(self.origin + "/") or url.startswith(("data:", "blob:"))):
            self.foreign.append(url)

    def _request_failed(self, request: Request) -> None:
        # ERR_ABORTED: a request cut short by our own navigation to the next page, not a failure.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.failed.append(f"{request.url} {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url} HTTP {response.status}")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console.append(message.text)

    def check(self) -> None:
        """Nothing from another origin, nothing failed, no error logged."""
        assert self.foreign == [], f"requests to other origins: {self.foreign}"
        assert self.failed == []
        assert self.console == []
        assert self.errors == []


@contextmanager
def recorded_page(browser: Browser, url: str, **options: Any) -> Iterator[tuple[Page, Recorder]]:
    """A page in a fresh desktop context (or ``options``), its requests to ``url``'s origin and
    elsewhere recorded."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(**options)
    page = context.new_page()
    recorder = Recorder(url.split("/nexus/")[0])
    recorder.attach(page)
    try:
        yield page, recorder
    finally:
        context.close()


def meet_map(page: Page, selector: str = ".nexus-mindmap") -> None:
    """Scroll to a mind map as a reader does, and wait until it is drawn: a map is built only
    when it comes within a screen of the viewport (or is opened by a #map= link)."""
    page.locator(selector).first.scroll_into_view_if_needed()
    page.locator(f"{selector}.is-rendered").first.wait_for()


def read_html(path: Path) -> BeautifulSoup:
    """An HTML file parsed with the standard library's parser."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_page(site: Path, url: str) -> BeautifulSoup:
    """The page a built ``site`` serves at ``url`` (``""`` for the home page), parsed."""
    return read_html(site / url / "index.html")


def article(page: BeautifulSoup) -> Tag:
    """The page's article (the content column Material renders)."""
    return one(page, "article.md-content__inner")


def one(node: Any, selector: str) -> Tag:
    """The element ``selector`` matches in ``node`` (a BeautifulSoup document or tag); fails the
    test when there is none."""
    found = node.select_one(selector)
    assert found is not None, f"no element matches {selector!r}"
    return found  # type: ignore[no-any-return]


def attr(tag: Tag, name: str) -> str:
    """An attribute of ``tag`` as one string (fails the test when it is missing)."""
    value = tag.get(name)
    assert value is not None, f"<{tag.name}> has no {name!r}"
    return value if isinstance(value, str) else " ".join(value)


def search_results(page: Page, query: str, *, timeout: float = 10_000) -> list[str]:
    """Type ``query`` into the open search dialog (partials/nexus-search.html) and return the
    result links in the order shown (lessons first), as absolute URLs."""
    field = page.locator("#nx-search-input")
    field.fill("")
    page.wait_for_function("() => !document.querySelector('.nx-search__status').textContent")
    field.fill(query)
    page.wait_for_function(
        "() => document.querySelector('.nx-search__status').textContent !== ''", timeout=timeout
    )
    links: list[str] = page.eval_on_selector_all(".nx-search__link", "els => els.map(e => e.href)")
    return links


def search_elapsed(page: Page) -> float:
    """Milliseconds from the reader's last keystroke to the results shown (search.js)."""
    return float(page.eval_on_selector("#nx-search", "d => d.dataset.elapsed || 'nan'"))


def open_search(page: Page) -> None:
    """Open the search dialog with its header button."""
    page.locator("[data-nx-search-open]").click()
    page.locator("#nx-search-input").wait_for(state="visible")
