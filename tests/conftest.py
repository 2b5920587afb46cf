"""Shared fixtures: a strict build of the real site (once per test session), the built site served
under a subpath on 127.0.0.1, and Debian's Chromium driven by Playwright.

The helpers behind them (builds, project copies, the server, the browser launch) live in
``support.py``, which tests and scripts import; tests should import from there, not from here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support import CHROMIUM, ROOT, Recorder, build_both, launch, recorded_page, serve_under_subpath

# Re-exported: tests/test_platform_properdocs.py imports these two from here.
__all__ = ["ROOT", "build_both"]

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once, strictly, in both languages, outside the work tree."""
    return build_both(ROOT, tmp_path_factory.mktemp("real") / "site")


@pytest.fixture(scope="session")
def real_url(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``real_site`` served at ``http://127.0.0.1:PORT/nexus/``."""
    with serve_under_subpath(real_site, tmp_path_factory.mktemp("serve")) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian chromium is missing: scripts/test installs it (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = launch(pw)
        yield instance
        instance.close()


@pytest.fixture
def reader(browser: Any, real_url: str) -> Iterator[tuple[Any, Recorder]]:
    """A desktop page of the real site, its requests recorded (``Recorder.check``)."""
    with recorded_page(browser, real_url) as found:
        yield found
