"""Shared helpers of the tests and the benchmark scripts: Debian's Chromium under Playwright, a
built site served on 127.0.0.1 (under a project-pages subpath), a recorder of what a page
requests, and typed look-ups in parsed HTML.

Tests import it as ``support`` (pytest puts ``tests/`` on ``sys.path``); scripts add ``tests/``
to ``sys.path`` first.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bs4 import Tag
    from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, Response

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


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless (``playwright install`` cannot download browsers here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` at ``http://127.0.0.1:PORT/`` while the block runs."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextmanager
def serve_under_subpath(site: Path, tmp: Path, subpath: str = SUBPATH) -> Iterator[str]:
    """Serve ``site`` at ``http://127.0.0.1:PORT/nexus/``, as GitHub Pages serves a project."""
    root = tmp / "www"
    root.mkdir()
    (root / subpath.strip("/")).symlink_to(site, target_is_directory=True)
    with serve(root) as url:
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
