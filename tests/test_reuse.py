"""The live-reload preview keeps what a save does not change (site/reuse.py, search.py): the
generated pages while everything they are made from is equal, the theme's compiled templates,
and it indexes search after the reload, giving up when a newer build has started. A strict build
keeps nothing."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from nexus_site.errors import Location, Problem
from nexus_site.site import reuse, search
from nexus_site.site.build import SiteBuild

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    (project / "theme_overrides" / "nexus").mkdir(parents=True)
    return project


def preview(root: Path, *, reuse: bool = True) -> SiteBuild:
    return SiteBuild(
        root=root,
        content_dir=root / "content",
        curriculum="curriculum",
        lang="ja",
        overrides=[root / "theme_overrides"],
        reuse=reuse,
    )


def same_pages(a: SiteBuild, b: SiteBuild) -> bool:
    return a.pages.keys() == b.pages.keys() and all(a.pages[k] is b.pages[k] for k in a.pages)


def later(path: Path) -> None:
    """A save the file system can tell from the last one (same size, new time)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_a_lesson_s_text_changes_nothing_generated(root: Path) -> None:
    first = preview(root)
    lesson = root / "content" / "l" / "l8.md"
    lesson.write_text(lesson.read_text("utf-8") + "\n追記。\n", "utf-8")
    assert same_pages(first, preview(root))


@pytest.mark.parametrize(
    "change",
    ["front matter", "new lesson file", "section anchor", "curriculum", "template"],
)
def test_what_generated_pages_show_renders_them_again(root: Path, change: str) -> None:
    first = preview(root)
    lesson = root / "content" / "l" / "l8.md"
    text = lesson.read_text("utf-8")
    if change == "front matter":  # the date on the home page's latest list
        lesson.write_text(text.replace("2025-05-01", "2025-06-01"), "utf-8")
    elif change == "new lesson file":
        (root / "content" / "l" / "l7.md").write_text("---\ndate: 2025-04-01\n---\n\n本文。\n")
    elif change == "section anchor":  # L8.1 becomes a section of L8's page
        lesson.write_text(text + "\n## 8.1 抽出型 {#l8-1}\n", "utf-8")
    elif change == "curriculum":
        series = root / "curriculum" / "l.yml"
        series.write_text(series.read_text("utf-8").replace("BERTの核心技術", "BERTの核心"))
    else:
        template = root / "theme_overrides" / "nexus" / "legal.html"
        shutil.copy(
            Path(reuse.__file__).parents[1] / "templates" / "nexus" / "legal.html", template
        )
        later(template)
    second = preview(root)
    assert not same_pages(first, second)
    assert same_pages(second, preview(root))  # and then kept again


def test_a_strict_build_renders_everything(root: Path) -> None:
    assert not same_pages(preview(root, reuse=False), preview(root, reuse=False))
    kept = preview(root)
    assert [p.html for p in kept.pages.values()] == [
        p.html for p in preview(root, reuse=False).pages.values()
    ]


def test_compiled_theme_templates_follow_their_source() -> None:
    templates = {"page.html": "one {{ x }}"}

    def env() -> Environment:
        return reuse.keep_compiled(Environment(loader=DictLoader(templates)))

    assert env().get_template("page.html").render(x=1) == "one 1"
    assert reuse.THEME_BYTECODE.code  # kept for the next build
    templates["page.html"] = "two {{ x }}"
    assert env().get_template("page.html").render(x=2) == "two 2"


def test_search_indexing_waits_and_gives_way_to_a_newer_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexed: list[Path] = []
    problem = Problem(Location("package.json"), "index failed")

    def fake_index(site_dir: Path, root: Path, **_: object) -> list[Problem]:
        indexed.append(site_dir)
        return [problem]

    monkeypatch.setattr(search, "index", fake_index)
    reported: list[Problem] = []
    search.new_build()
    thread = search.index_in_background(tmp_path / "a", tmp_path, reported.append, delay=0.01)
    thread.join(5)
    assert indexed == [tmp_path / "a"] and reported == [problem]

    started = threading.Event()

    def slow_index(site_dir: Path, root: Path, **_: object) -> list[Problem]:
        started.set()
        return [problem]

    monkeypatch.setattr(search, "index", slow_index)
    thread = search.index_in_background(tmp_path / "b", tmp_path, reported.append, delay=0.3)
    time.sleep(0.05)
    search.new_build()  # the next save: its build cleans the site and indexes it itself
    thread.join(5)
    assert not started.is_set() and reported == [problem]


def test_stopping_the_indexer_stops_its_children_too() -> None:
    """Pagefind's npm runner starts the binary as a child: both stop, at once."""
    started = time.monotonic()
    command = ["sh", "-c", "sleep 30 & wait"]
    assert search._run(command, cancelled=lambda: True) is None
    assert time.monotonic() - started < 5
    done = search._run(["sh", "-c", "echo indexed"], cancelled=lambda: False)
    assert done is not None and (done.returncode, done.stdout) == (0, "indexed\n")
