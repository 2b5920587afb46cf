"""The platform exit stays open: the real site builds with ProperDocs, the drop-in fork of
MkDocs 1.6, in both languages, strictly, with the same plugins and theme (docs/platform.md).

ProperDocs redirects ``mkdocs.*`` imports to itself and loads plugins registered for MkDocs, so
``nexus``, Material and mkdocs-jupyter run unchanged. Its output is compared with MkDocs' own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_both
from support import one

pytestmark = pytest.mark.build


def properdocs_build(config: str, site_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764720000", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", config]
    return subprocess.run(
        [*command, "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(ProperDocs build, MkDocs build) of the real site, both languages."""
    base = tmp_path_factory.mktemp("platform")
    proper = base / "properdocs"
    for config, out in (("mkdocs.yml", proper), ("mkdocs.en.yml", proper / "en")):
        result = properdocs_build(config, out)
        assert result.returncode == 0, result.stderr[-3000:]
        assert "WARNING" not in result.stderr, result.stderr[-3000:]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1764720000")
        reference = build_both(ROOT, base / "mkdocs")
    return proper, reference


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def test_properdocs_builds_every_kind_of_page(sites: tuple[Path, Path]) -> None:
    proper, _ = sites
    home = page(proper, ".")
    assert one(home, ".nx-hero__title").get_text() == "Medical AI Nexus"
    assert one(home, ".nexus-mindmap")
    assert one(page(proper, "p"), ".nx-series")
    lesson = page(proper, "p/p9")
    assert one(lesson, ".nx-lesson-head") and one(lesson, ".nx-lesson-foot")
    assert one(page(proper, "p/p15"), ".jupyter-wrapper")  # mkdocs-jupyter runs too
    assert one(page(proper, "en/g/g17"), "html[lang=en] .nx-lesson-head")
    assert (proper / "feed.xml").is_file() and (proper / "en" / "feed.xml").is_file()


def test_properdocs_output_equals_mkdocs_output(sites: tuple[Path, Path]) -> None:
    """Same pages, same bytes, but for the generator's name in the meta tag."""
    proper, reference = sites
    files = sorted(p.relative_to(proper) for p in proper.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(reference) for p in reference.rglob("*") if p.is_file())
    differ = []
    for rel in files:
        a, b = (proper / rel).read_bytes(), (reference / rel).read_bytes()
        if a != b and normalise(a) != normalise(b):
            differ.append(str(rel))
    assert differ == []


def normalise(data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    lines = [line for line in text.splitlines() if 'name="generator"' not in line]
    return "\n".join(lines).encode()
