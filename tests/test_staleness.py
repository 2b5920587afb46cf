"""Honest translations: a stale English lesson tells its reader since when and which sections
changed, with a link to the Japanese page; the strict build fails until the translation is
updated or marked ``stale_ok: <reason>``, which ``nexus-site translations`` lists."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from nexus_site.cli import main
from nexus_site.content import sections
from nexus_site.content.translations import mark_translated
from nexus_site.site.build import SiteBuild
from support import build, copy_project

MINI = Path(__file__).parent / "fixtures" / "mini"

L8 = """\
---
date: 2025-05-01
---

はじめに。

## 8.1 抽出型 {#l8-1}

抽出型の説明。

## 8.2 要約型

要約型の説明。
"""


def git(root: Path, *args: str, date: str = "2025-05-01T12:00:00") -> None:
    env = os.environ | {
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """L8 translated, then its sections 8.1 and 8.2 changed in a commit of 2 July 2025."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    l8 = root / "content" / "l" / "l8.md"
    l8.write_text(L8, encoding="utf-8")
    en = root / "content" / "l" / "l8.en.md"
    en.write_text("---\ndate: 2025-05-01\n---\n\nIntro.\n\n## 8.1 Extractive {#l8-1}\n", "utf-8")
    assert mark_translated(en, l8)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "translated")
    l8.write_text(
        L8.replace("抽出型の説明。", "抽出型の新しい説明。").replace("要約型の説明", "改訂"),
        "utf-8",
    )
    git(root, "commit", "-qam", "Japanese fix", date="2025-07-02T09:00:00")
    return root


def site(root: Path, lang: str) -> SiteBuild:
    return SiteBuild(root=root, content_dir=root / "content", curriculum="curriculum", lang=lang)  # type: ignore[arg-type]


def test_section_hashes_track_headings_and_notebook_markdown_only() -> None:
    assert list(sections.section_hashes(L8)) == ["", "8.1 抽出型", "8.2 要約型"]
    notebook = (
        '{"cells": [{"cell_type": "markdown", "source": ["## A\\n", "text"]},'
        ' {"cell_type": "code", "source": "x = 1"}]}'
    )
    changed_code = notebook.replace("x = 1", "x = 2")
    assert sections.section_hashes(notebook, notebook=True) == sections.section_hashes(
        changed_code, notebook=True
    )  # code cells are shared by both languages: not tracked


def test_stale_translation_shows_the_notice(project: Path) -> None:
    en = site(project, "en")
    html = en.page("l/l8.md", "<p>Intro.</p>").html
    notice = BeautifulSoup(html, "html.parser").select_one(".nx-stale")
    assert notice is not None and html.startswith('<div class="admonition warning nx-stale"')
    time = notice.select_one("time")
    assert time is not None and time["datetime"] == "2025-07-02"
    assert time.get_text() == "2 July 2025"
    assert [s.get_text() for s in notice.select('span[lang="ja"]')] == ["8.1 抽出型", "8.2 要約型"]
    link = notice.select_one("a")
    assert link is not None and link["href"] == "../../../l/l8/" and link["hreflang"] == "ja"
    assert "nx-stale" not in site(project, "ja").page("l/l8.md", "<p>x</p>").html
    # the build's warning names the sections too
    warning = next(p for p in en.problems if "stale" in p.message)
    assert warning.severity == "warning"
    assert "'8.1 抽出型' and '8.2 要約型' changed" in warning.message


def test_stale_ok_passes_the_strict_build_and_is_reported(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    en = project / "content" / "l" / "l8.en.md"
    en.write_text(
        en.read_text("utf-8").replace("---\n", "---\nstale_ok: 日本語の誤記修正のみ\n", 1), "utf-8"
    )
    build = site(project, "en")
    problem = next(p for p in build.problems + build.notes if "stale" in p.message)
    assert problem.severity == "note"  # not counted by mkdocs --strict
    assert main(["--root", str(project), "translations"]) == 0
    out = capsys.readouterr().out
    assert "stale translations published knowingly (stale_ok; readers see a notice):" in out
    assert "  L8: 日本語の誤記修正のみ\n      changed: '8.1 抽出型' and '8.2 要約型'" in out


def test_stale_ok_in_a_real_strict_build(tmp_path: Path) -> None:
    """The real English site with G17's Japanese changed and its translation marked stale_ok."""
    root = copy_project(tmp_path / "real")
    ja = root / "content" / "g" / "g17.md"
    ja.write_text(ja.read_text("utf-8").replace("## 17.2 ", "## 17.2 (改訂) ", 1), "utf-8")
    en = root / "content" / "g" / "g17.en.md"
    text = en.read_text("utf-8")
    with pytest.raises(Exception, match="Aborted with 1 warnings in strict mode"):
        build(root / "mkdocs.en.yml", tmp_path / "fails")
    en.write_text(text.replace("---\n", "---\nstale_ok: the Japanese fix is urgent\n", 1), "utf-8")
    site_dir = build(root / "mkdocs.en.yml", tmp_path / "site")
    page = BeautifulSoup((site_dir / "g" / "g17" / "index.html").read_text("utf-8"), "html.parser")
    notice = page.select_one(".nx-stale")
    assert notice is not None and "17.2 (改訂)" in notice.get_text()
