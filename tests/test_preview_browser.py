"""The live-reload preview in Chromium: a YAML error shows on the page, fixing it restores the
page, without restarting the server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from support import copy_project

pytestmark = [pytest.mark.browser, pytest.mark.build]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(1)
    pytest.fail(f"the preview did not answer at {url}")


def test_yaml_error_shows_in_the_browser_and_fixing_it_restores_the_page(
    browser: Any, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/nexus/p/p9/"
        wait_for(url)
        page = browser.new_page()
        page.goto(url)
        assert page.locator(".nx-build-error").count() == 0
        series = project / "curriculum" / "p.yml"
        text = series.read_text("utf-8")
        series.write_text(text.replace("\n        number: 9\n", "\n        number： 9\n"), "utf-8")
        error = page.locator(".nx-build-error")
        error.wait_for(timeout=120_000)  # live reload brings it
        shown = error.inner_text()
        assert "curriculum/p.yml:" in shown and "全角" in shown and "hint:" in shown
        assert "Build error" in shown
        assert page.locator("h1").first.inner_text() == "損失関数と最適化"  # last good page
        series.write_text(text, "utf-8")
        error.wait_for(state="detached", timeout=120_000)
        page.close()
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "Traceback" not in err
