"""The course path: previous/next stay inside a series in curriculum order, say which lessons in
preparation they pass over, and lead back to the series page at either end; the sidebar shows
every part of a series."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from nexus_site.site.build import SiteBuild
from support import article, built_page, one, read_html

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    """Series L with lessons L7–L12; L7, L8 and L11 published (L8.1 as a section of L8)."""
    root = tmp_path_factory.mktemp("path") / "mini"
    shutil.copytree(MINI, root)
    spec = yaml.safe_load((root / "curriculum" / "l.yml").read_text(encoding="utf-8"))
    lessons = spec["parts"][0]["lessons"]
    for n in range(9, 13):
        title = {"ja": f"第{n}回の題", "en": f"Title {n}"}
        lessons.append({"id": f"L{n}", "number": n, "title": title})
    (root / "curriculum" / "l.yml").write_text(
        yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8"
    )
    for n in (7, 11):
        (root / "content" / "l" / f"l{n}.md").write_text(
            "---\ndate: 2025-04-01\n---\n\n本文\n", encoding="utf-8"
        )
    return SiteBuild(root=root, content_dir=root / "content", curriculum="curriculum", lang="ja")


def test_neighbours_stay_in_the_series_and_name_what_they_skip(build: SiteBuild) -> None:
    prev, nxt = build.catalog.course_path("L8")
    assert prev.entry is not None and prev.entry.id == "L7" and prev.skipped == ()
    assert nxt.entry is not None and nxt.entry.id == "L11"
    assert [lesson.id for lesson in nxt.skipped] == ["L9", "L10"]


def test_the_ends_lead_back_to_the_series_page(build: SiteBuild) -> None:
    prev, _ = build.catalog.course_path("L7")
    assert prev.entry is None and prev.series.id == "L" and prev.skipped == ()
    _, nxt = build.catalog.course_path("L11")
    assert nxt.entry is None and [lesson.id for lesson in nxt.skipped] == ["L12"]


def test_the_pager_says_it(build: SiteBuild) -> None:
    footer = build.generator.lesson_footer("L8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", footer))
    assert "次の公開回 → L11: 第11回の題 第9–10回は準備中" in text
    assert 'href="../l11/" rel="next"' in footer
    last = build.generator.lesson_footer("L11")
    assert 'class="nx-pager__next" href="../"' in last and "第12回は準備中" in last


def test_the_sidebar_lists_every_part(build: SiteBuild) -> None:
    series = next(item for item in build.nav if "L: " in next(iter(item)))
    (section,) = series.values()
    assert section[0] == "l/index.md" and len(section) == 2  # overview + the one part


@pytest.mark.parametrize("lang", ["", "en/"])
def test_on_the_real_site_every_pager_stays_in_its_series(real_site: Path, lang: str) -> None:
    """Invariant of whatever is published: each lesson page's previous/next lead to a page of the
    same series (or its series page), and every series part is in the sidebar."""
    pages = [
        p.parent
        for p in (real_site / lang).glob("*/*/index.html")
        if p.parent.parent.name != "en" and one_or_none(read_html(p), ".nx-pager")
    ]
    assert pages, "no lesson page found"
    for directory in pages:
        series = directory.parent.name
        url = f"https://x.test/{lang}{series}/{directory.name}/"
        body = article(built_page(real_site / lang, f"{series}/{directory.name}"))
        for rel in ("prev", "next"):
            target = urljoin(url, str(one(body, f".nx-pager__{rel}")["href"]))
            assert target.startswith(f"https://x.test/{lang}{series}/"), (directory, rel, target)
    page = built_page(real_site, "p")
    parts = page.select(".md-nav--primary .md-nav__item--active > nav > ul > li")
    assert len(parts) >= len(page.select("h3.nx-part__title"))


def one_or_none(node: object, selector: str) -> object:
    return node.select_one(selector)  # type: ignore[attr-defined]
