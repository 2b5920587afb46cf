"""Robustness: unusual but legal projects build strictly; broken lesson files stop the build with
a located error (``file:line:col``) — from ``mkdocs build`` (the plugin's PluginError, shown by
MkDocs without a traceback) and from ``nexus-site check`` alike — and never with a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from nexus_site.cli import main
from support import ROOT, build_both, copy_project

pytestmark = pytest.mark.build

MINI = Path(__file__).parent / "fixtures" / "mini"
TRACEBACK = "Traceback (most recent call last)"


def mini_project(dest: Path) -> Path:
    """The mini curriculum (series L and M, lesson L8 published) with the real configuration."""
    shutil.copytree(MINI, dest)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "theme_overrides", dest / "theme_overrides")
    return dest


def mkdocs_build(project: Path, config: str = "mkdocs.yml") -> tuple[int, str]:
    """``mkdocs build --strict`` as an author runs it: a subprocess; returns (code, output)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", "_site"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )
    return result.returncode, result.stdout + result.stderr


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--root", str(project), "check"])
    out = capsys.readouterr()
    return code, out.out + out.err


# --- legal projects build strictly -----------------------------------------------------------


def published_links(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [str(a.get("href")) for a in soup.select("a.nx-entry--published")]


def test_empty_content_builds_with_everything_in_preparation(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "project")
    shutil.rmtree(project / "content")
    (project / "content").mkdir()
    site = build_both(project, tmp_path / "site")
    for lang_root in (site, site / "en"):
        assert published_links(lang_root / "l" / "index.html") == []
        assert not (lang_root / "l" / "l8").exists()
        home = (lang_root / "index.html").read_text(encoding="utf-8")
        assert 'class="nx-empty"' in home  # "nothing published yet"
        assert (lang_root / "feed.xml").is_file()


def test_real_curriculum_without_lessons_builds(tmp_path: Path) -> None:
    """The real curriculum with no lesson file: content/ holds only the author guide (a site
    page: site.yml requires its file)."""
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "content")
    (project / "content").mkdir()
    # The guide links to lessons, which would now be warnings: a guide without links instead.
    (project / "content" / "guide.md").write_text("---\n---\n\n準備中。\n", encoding="utf-8")
    site = build_both(project, tmp_path / "site")
    for series in ("p", "g", "b"):
        assert published_links(site / series / "index.html") == []
        assert published_links(site / "en" / series / "index.html") == []
    assert (site / "guide" / "index.html").is_file()


def test_empty_content_of_the_real_curriculum_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing at all in content/: every lesson is in preparation, and the author guide (a site
    page without its file) is left out with a note, not an error."""
    project = copy_project(tmp_path / "project", content=False)
    code, out = check(project, capsys)
    assert code == 0
    assert "content/guide.md: note: site › pages: site page 'guide' has no file" in out
    site = build_both(project, tmp_path / "site")
    assert published_links(site / "p" / "index.html") == []
    assert not (site / "guide").exists()
    assert TRACEBACK not in out


def test_series_without_parts_and_part_without_lessons_build(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "project")
    site_yml = project / "curriculum" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    assert "series_order: [L, M]" in text
    site_yml.write_text(text.replace("[L, M]", "[L, M, Y, Z]"), encoding="utf-8")
    (project / "curriculum" / "z.yml").write_text(
        "id: Z\ntitle: {ja: 部のないシリーズ, en: A series without parts}\n"
        "label: {ja: 部なし, en: No parts}\n",
        encoding="utf-8",
    )
    (project / "curriculum" / "y.yml").write_text(
        "id: Y\ntitle: {ja: 回のない部, en: A part without lessons}\n"
        "label: {ja: 回なし, en: No lessons}\n"
        "parts:\n  - id: I\n    title: {ja: 空の部, en: An empty part}\n",
        encoding="utf-8",
    )
    site = build_both(project, tmp_path / "site")
    for lang_root, empty in ((site, "準備中"), (site / "en", "in preparation")):
        z = (lang_root / "z" / "index.html").read_text(encoding="utf-8")
        assert "nx-empty--series" in z and empty in z
        y = (lang_root / "y" / "index.html").read_text(encoding="utf-8")
        assert 'id="part-i"' in y and "nx-empty" in y
        home = (lang_root / "index.html").read_text(encoding="utf-8")
        assert 'href="z/"' in home and 'href="y/"' in home


# --- broken files: located errors, no traceback ----------------------------------------------

NOTEBOOK_WITHOUT_OUTPUTS = json.dumps(
    {
        "cells": [
            {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["## 見出し"]},
            {"cell_type": "code", "id": "b", "metadata": {}, "source": ["print(1)"]},
        ],
        "metadata": {"nexus": {"date": "2025-05-01"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    },
    indent=1,
)
# The line of the notebook's second cell, the one without "outputs".
CODE_CELL_LINE = (
    NOTEBOOK_WITHOUT_OUTPUTS[: NOTEBOOK_WITHOUT_OUTPUTS.index('"code"')].count("\n") + 1
)

# case -> (file written over the published lesson L8, its content, the located message)
BROKEN: dict[str, tuple[str, str | bytes, str]] = {
    "empty lesson": ("l/l8.md", "", "content/l/l8.md:1:1: error: lesson file is empty"),
    "blank lesson": ("l/l8.md", " \n\n", "content/l/l8.md:1:1: error: lesson file is empty"),
    "front matter missing": (
        "l/l8.md",
        "本文だけ。\n",
        "content/l/l8.md:1:1: error: front matter missing",
    ),
    "front matter not closed": (
        "l/l8.md",
        "---\ndate: 2025-05-01\n本文。\n",
        "content/l/l8.md:1:1: error: front matter is not closed",
    ),
    "front matter YAML error": (
        "l/l8.md",
        "---\ndate: 2025-05-01\ndescription: [unclosed\n---\n本文。\n",
        "content/l/l8.md:3:",
    ),
    "front matter not a mapping": (
        "l/l8.md",
        "---\n- date\n---\n本文。\n",
        "content/l/l8.md:2:1: error: front matter must be a mapping of keys",
    ),
    "front matter without date": (
        "l/l8.md",
        "---\ndescription: 日付なし\n---\n本文。\n",
        "content/l/l8.md:2:1: error: published lessons need a date",
    ),
    "front matter bad date": (
        "l/l8.md",
        "---\ndate: 2025-13-45\n---\n本文。\n",
        "content/l/l8.md:2:7: error:",
    ),
    "not UTF-8": (
        "l/l8.md",
        b"---\ndate: 2025-05-01\n---\n" + b"\xff\xfe\n",
        "content/l/l8.md:4:1: error: not UTF-8 text",
    ),
    "notebook not JSON": (
        "l/l8.ipynb",
        '{"cells": [\n  {oops}\n]}\n',
        "content/l/l8.ipynb:2:4: error: notebook is not valid JSON",
    ),
    "notebook empty": ("l/l8.ipynb", "", "content/l/l8.ipynb:1:1: error: lesson file is empty"),
    "notebook without metadata.nexus": (
        "l/l8.ipynb",
        json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
        "content/l/l8.ipynb:1:1: error: notebook has no metadata.nexus",
    ),
    "notebook JSON but not a notebook": (
        "l/l8.ipynb",
        NOTEBOOK_WITHOUT_OUTPUTS,
        f"content/l/l8.ipynb:{CODE_CELL_LINE}:1: error: not a valid notebook at cells[1]",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=[c.replace(" ", "-") for c in BROKEN])
def test_broken_lesson_file_gives_a_located_error(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rel, data, located = BROKEN[case]
    project = mini_project(tmp_path / "project")
    (project / "content" / "l" / "l8.md").unlink()
    target = project / "content" / rel
    if isinstance(data, bytes):
        target.write_bytes(data)
    else:
        target.write_text(data, encoding="utf-8")

    code, out = check(project, capsys)
    assert code == 1, out
    assert located in out, out
    assert TRACEBACK not in out

    code, out = mkdocs_build(project)
    assert code == 1, out
    assert TRACEBACK not in out, out
    assert "Aborted with a BuildError!" in out  # MkDocs' way of showing a PluginError
    assert located in out, out
    assert not (project / "_site" / "l" / "l8" / "index.html").exists()
