"""Series F in a strict MkDocs build of both languages (what scripts/build does): the mini
project with 12 articles and a draft. The draft is nowhere in the output; the articles are in
their pages, the lists, the sitemap and the feeds."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import articles_fixture as fx
from support import article, build_both, built_page, copy_project, one

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("articles-build")
    project = copy_project(base / "project", content=False)
    shutil.rmtree(project / "curriculum")
    shutil.rmtree(project / "content")
    mini = fx.project(base / "mini", 12)
    shutil.copytree(mini / "curriculum", project / "curriculum")
    shutil.copytree(mini / "content", project / "content")
    (project / "content" / "f" / "secret.md").write_text(
        fx.article(dt.date(2026, 1, 1), "下書きの記事", tags=("llm",), draft=True),
        encoding="utf-8",
    )
    return build_both(project, base / "site")


def test_drafts_are_not_published(site: Path) -> None:
    assert not (site / "f" / "secret").exists() and not (site / "en" / "f" / "secret").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt"):
            assert "下書きの記事" not in path.read_text(encoding="utf-8"), path
            assert "f/secret" not in path.read_text(encoding="utf-8"), path


def test_articles_lists_and_tags_are_built(site: Path) -> None:
    for url in ["f", "f/page/2", "f/tags/llm", "f/article-12", "en/f/article-01", "en/f/page/2"]:
        assert (site / url / "index.html").is_file(), url
    body = article(built_page(site, "f/article-12"))
    assert one(body, "h1").get_text() == "記事12"
    assert str(built_page(site, "f/article-12").title).startswith("<title>記事12 - ")
    english = article(built_page(site, "en/f/article-12"))
    assert english.select_one(".nx-fallback-notice") is not None


def test_sitemap_and_feeds_have_the_articles(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for url in ["f/article-01/", "f/page/2/", "f/tags/imaging/"]:
        assert url in sitemap, url
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert feed.index("f/article-12/") < feed.index("f/article-11/")
    assert "en/f/article-12/" in (site / "en" / "feed.xml").read_text(encoding="utf-8")
