"""Shared fixtures: a strict build of the real site (once per test session), the built site served
under a subpath on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support import CHROMIUM, launch, serve_under_subpath

ROOT = Path(__file__).parents[1]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


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


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once, strictly, in both languages, outside the work tree."""
    return build_both(ROOT, tmp_path_factory.mktemp("real") / "site")


def serve(site: Path, tmp: Path) -> Iterator[str]:
    """Serve ``site`` at ``http://127.0.0.1:PORT/nexus/`` (a project-pages style subpath)."""
    with serve_under_subpath(site, tmp) as url:
        yield url


@pytest.fixture(scope="session")
def real_url(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(real_site, tmp_path_factory.mktemp("serve"))


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
