"""Series F: a series of kind articles, built with 0, 1 and 25 articles (the mini project plus
``tests/fixtures/articles``): list pages, pagination, tag pages, article chrome, feed order, the
map's cap, drafts, English fallback. The real site has no articles: it shows the empty state."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import articles_fixture as fx
from nexus_site.content.translations import file_hash
from nexus_site.curriculum.model import Lang
from nexus_site.site import mindmap
from nexus_site.site.articles import MAP_CAP, map_children
from nexus_site.site.build import SiteBuild

SITE_URL = "https://example.org/nexus/"
NS = {"a": "http://www.w3.org/2005/Atom"}


def site_build(root: Path, lang: Lang = "ja", *, drafts: bool = False) -> SiteBuild:
    return SiteBuild(
        root=root,
        content_dir=root / "content",
        curriculum="curriculum",
        lang=lang,
        site_url=SITE_URL if lang == "ja" else SITE_URL + "en/",
        site_name="Mini Nexus",
        drafts=drafts,
    )


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def titles(html: str) -> list[str]:
    return re.findall(r'class="nx-latest__title">([^<]*)<', html)


def feed_titles(build: SiteBuild) -> list[str]:
    feed = ET.fromstring(build.outputs().files["feed.xml"])
    return [e.findtext("a:title", namespaces=NS) or "" for e in feed.findall("a:entry", NS)]


@pytest.fixture(scope="module")
def none(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    return site_build(fx.project(tmp_path_factory.mktemp("a0") / "p", 0))


@pytest.fixture(scope="module")
def one(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = fx.project(tmp_path_factory.mktemp("a1") / "p", 0)
    (root / "content" / "f" / "fedavg.md").write_text(
        fx.article(
            dt.date(2025, 6, 1),
            "連合学習と<規制>",
            tags=("regulation", "llm"),
            related=("L7", "L8.1", "M"),
            description="説明 <b>太字</b>",
            body="本文 [](nexus:L7)。\n\n" + "あ" * 1200 + "\n",
            extra="updated: 2025-06-10\nauthors: [山田]",
        ),
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    return site_build(fx.project(tmp_path_factory.mktemp("a25") / "p", 25))


# --- 0 articles: the empty state -----------------------------------------------------------------


def test_no_articles_reads_as_the_original(none: SiteBuild) -> None:
    page = none.pages["f/index.md"]
    assert "記事が見つかりませんでした。" in text(page.html)
    assert [uri for uri in none.pages if uri.startswith("f/")] == ["f/index.md"]
    assert "記事が見つかりませんでした。" in text(none.pages["index.md"].html)
    tree = mindmap.global_tree(none.catalog.curriculum, "ja", none.catalog.url_for)
    assert tree["children"][0]["id"] == "F"
    english = site_build(none.root, "en")
    assert "No articles yet." in text(english.pages["f/index.md"].html)


def test_the_f_card_comes_first(none: SiteBuild) -> None:
    html = none.pages["index.md"].html
    cards = re.findall(r'class="nx-card__link" href="([^"]+)"', html)
    assert cards[0] == "f/"


# --- 1 article -----------------------------------------------------------------------------------


def test_one_article_in_list_tags_and_feed(one: Path) -> None:
    build = site_build(one)
    listing = build.pages["f/index.md"].html
    assert titles(listing) == ["連合学習と&lt;規制&gt;"]
    assert "2025-06-01" in listing and "説明 &lt;b&gt;太字&lt;/b&gt;" in listing
    assert sorted(u for u in build.pages if u.startswith("f/tags/")) == [
        "f/tags/llm/index.md",
        "f/tags/regulation/index.md",
    ]
    assert titles(build.pages["f/tags/llm/index.md"].html) == ["連合学習と&lt;規制&gt;"]
    assert feed_titles(build)[0] == "連合学習と<規制>"
    assert titles(build.pages["index.md"].html)[0] == "連合学習と&lt;規制&gt;"


def test_article_page_has_its_chrome(one: Path) -> None:
    build = site_build(one)
    meta = build.page_meta("f/fedavg.md", {})
    assert meta["title"] == "連合学習と&lt;規制&gt;"
    assert meta["update_date"] == "2025-06-10"
    parts = build.page("f/fedavg.md", "<p>本文</p>")
    head, foot = text(parts.meta["nexus_head"]), text(parts.meta["nexus_foot"])
    assert "公開日 2025-06-01" in head and "更新日 2025-06-10" in head
    assert "約3分で読めます" in head  # 1,200 characters at 500 a minute
    assert "#制度・規制" in head and "#大規模言語モデル" in head and "山田" in head
    assert 'href="../tags/regulation/"' in parts.meta["nexus_head"]
    assert "関連レッスン 第7回 L7 : BERTの核心技術 準備中 L8.1 : 抽出型と要約型 準備中 M : " in foot
    assert foot.count("記事一覧へ") == 2  # no older, no newer: both lead to the list
    assert 'href="../../disclaimer/"' in parts.meta["nexus_foot"]
    assert parts.meta["nexus_search"].kind == "article"
    markdown, problems = build.markdown(
        "f/fedavg.md", "本文 [](nexus:L8)。", url="f/fedavg/", path=None, source=""
    )
    assert problems == [] and "../../l/l8/" in markdown


def test_untranslated_article_shows_the_notice_in_english(one: Path) -> None:
    build = site_build(one, "en")
    parts = build.page("f/fedavg.md", "<p>本文</p>")
    assert "nx-fallback-notice" in parts.meta["nexus_head"]
    assert "has not been translated yet" in parts.meta["nexus_head"]
    assert 'lang="ja"' in parts.html
    assert "In Japanese only" in build.pages["f/index.md"].html


def test_translated_article_replaces_the_original(tmp_path: Path) -> None:
    root = fx.project(tmp_path / "p", 1)
    original = root / "content" / "f" / "article-01.md"
    (root / "content" / "f" / "article-01.en.md").write_text(
        f'---\ndate: 2025-01-01\ntitle: Article one\nsource_hash: "{file_hash(original)}"\n'
        "---\n\nText.\n",
        encoding="utf-8",
    )
    build = site_build(root, "en")
    remove, add = build.files(["f/article-01.md", "f/article-01.en.md"])
    assert "f/article-01.md" in remove and "f/article-01.en.md" in remove
    assert any(
        v.uri == "f/article-01.md" and v.source and v.source.name == "article-01.en.md" for v in add
    )
    assert titles(build.pages["f/index.md"].html) == ["Article one"]
    assert "nx-fallback-notice" not in build.page("f/article-01.md", "<p>x</p>").meta["nexus_head"]
    assert build.problems == []
    original.write_text(original.read_text(encoding="utf-8") + "追記。\n", encoding="utf-8")
    stale = site_build(root, "en").problems
    assert [p.severity for p in stale] == ["warning"] and "stale" in stale[0].message


# --- 25 articles -----------------------------------------------------------------------------------


def test_pagination_newest_first(many: SiteBuild) -> None:
    pages = [many.pages[u].html for u in ("f/index.md", "f/page/2/index.md", "f/page/3/index.md")]
    assert [titles(p) for p in pages] == [
        [f"記事{n}" for n in range(25, 15, -1)],
        [f"記事{n}" for n in range(15, 5, -1)],
        [f"記事{n}" for n in range(5, 0, -1)],
    ]
    assert "f/page/4/index.md" not in many.pages
    assert 'href="page/2/" rel="next"' in pages[0] and 'rel="prev"' not in pages[0]
    assert 'href="../../" rel="prev"' in pages[1] and 'href="../3/" rel="next"' in pages[1]
    assert 'rel="next"' not in pages[2]
    assert "2/3ページ" in text(pages[1])
    assert many.pages["f/page/2/index.md"].search is None  # page 1 is the search result


def test_tag_pages_list_their_articles(many: SiteBuild) -> None:
    llm = titles(many.pages["f/tags/llm/index.md"].html)
    assert llm == [f"記事{n}" for n in range(23, 0, -3)]
    assert "f/tags/imaging/index.md" in many.pages


def test_feed_is_newest_first(many: SiteBuild) -> None:
    # The feed's 20 newest, lessons (2025-04/05) among them, by date.
    assert [t for t in feed_titles(many) if t.startswith("記事")] == [
        f"記事{n}" for n in range(25, 25 - 20 + len(many.catalog.latest(limit=20)), -1)
    ]


def test_map_caps_the_articles_with_more(many: SiteBuild) -> None:
    tree = mindmap.global_tree(
        many.catalog.curriculum,
        "ja",
        many.catalog.url_for,
        {"F": map_children(many.catalog.articles["F"], "ja", MAP_CAP)},
    )
    f = tree["children"][0]
    assert [c["label"] for c in f["children"]] == [
        *(f"記事{n}" for n in range(25, 15, -1)),
        "ほか15本…",
    ]
    assert f["children"][0]["url"] == "f/article-25/"
    assert f["children"][-1]["url"] == "f/"
    assert "ほか15本…" in many.pages["index.md"].html


def test_older_and_newer_by_date(many: SiteBuild) -> None:
    foot = many.page("f/article-10.md", "<p>x</p>").meta["nexus_foot"]
    assert 'href="../article-09/" rel="prev"' in foot
    assert 'href="../article-11/" rel="next"' in foot


# --- drafts ----------------------------------------------------------------------------------------


def test_drafts_only_when_serving(tmp_path: Path) -> None:
    root = fx.project(tmp_path / "p", 2)
    (root / "content" / "f" / "secret.md").write_text(
        fx.article(dt.date(2025, 12, 1), "下書き", tags=("llm",), draft=True), encoding="utf-8"
    )
    published = site_build(root)
    remove, _ = published.files(["f/secret.md", "f/article-01.md"])
    assert remove == ["f/secret.md"]
    everything = " ".join(p.html for p in published.pages.values())
    assert "下書き" not in everything and "下書き" not in published.outputs().files["feed.xml"]
    assert "title" not in published.page_meta("f/secret.md", {})
    preview = site_build(root, drafts=True)
    assert preview.files(["f/secret.md"])[0] == []
    assert titles(preview.pages["f/index.md"].html)[0] == "下書き"
    assert "下書き(公開されません)" in preview.pages["f/index.md"].html
