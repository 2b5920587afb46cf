"""A strict build of the real site, asserted on its HTML."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from nexus_site import project
from nexus_site.content import history
from nexus_site.curriculum.loader import load as load_curriculum
from nexus_site.curriculum.model import LANGS, Lang
from nexus_site.site import urls
from nexus_site.site.catalog import Catalog, Status
from support import ROOT, article, attr, built_page, one, read_html

pytestmark = pytest.mark.build

# These tests assert invariants of the real site, computed from curriculum/ and content/, so
# they hold as authors add lessons, parts and translations (tests/test_content_proof.py adds
# some to a copy and runs this file against it). Fixed expectations belong in fixture tests.


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The Japanese site's catalog: which lessons are published, in curriculum order."""
    loaded = project.load(ROOT / "curriculum", ROOT / "content", root=ROOT)
    return Catalog(loaded.curriculum, loaded.content, "ja", ROOT / "content")


def page_url(url: str) -> str:
    """``p/p15/`` or ``g/g17/#g17-1`` → the folder of the built page (``p/p15``)."""
    return url.partition("#")[0].rstrip("/")


def test_every_page_type_exists(real_site: Path) -> None:
    for url in ["", "p", "g", "b", "x", "p/p9", "p/p15", "g/g17", "terms", "disclaimer"]:
        assert (real_site / url / "index.html").is_file(), url
    assert (real_site / "404.html").is_file()
    assert (real_site / "p" / "p15" / "p15.ipynb").is_file()


def test_home_page(real_site: Path, catalog: Catalog) -> None:
    page = built_page(real_site, "")
    body = article(page)
    assert one(body, ".nx-hero__motto").get_text() == "Data heals tomorrow"
    cards = body.select(".nx-card__link")
    series = catalog.curriculum.series
    order = catalog.curriculum.site.series_order
    assert [c["href"] for c in cards] == [f"{s.lower()}/" for s in order]
    by_id = {s.id: s for s in series}
    for card, sid in zip(body.select(".nx-card"), order, strict=True):
        published, total = catalog.progress(by_id[sid])
        if total:
            assert f"{published} / {total} 回 公開" in card.get_text(), sid
    # problems → series table links the series it names
    assert {a["href"] for a in body.select(".nx-problem__series a")} >= {
        "b/",
        "m/",
        "p/",
        "g/",
        "x/",
    }
    # latest content: newest first by front-matter date, capped
    dates = [t["datetime"] for t in body.select(".nx-latest time")]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == min(6, len(catalog.published_pages()))
    assert len(body.select(".nx-step")) == 4
    assert body.select_one("#nx-map-global")
    assert "名称変更" in one(body, ".nx-rename").get_text()


def test_series_page_links_published_and_marks_the_rest(real_site: Path) -> None:
    body = article(built_page(real_site, "p"))
    headers = [th.get_text(strip=True) for th in body.select("table.nx-overview th[scope=row]")]
    assert headers == ["コース概要", "対象者", "目的と学習目標", "最終的なゴール"]
    p9 = one(body, "#p9-item")
    link = one(p9, "a.nx-entry--published")
    assert link["href"] == "p9/"
    assert re.sub(r"\s+", "", link.get_text()) == "第9回P9:損失関数と最適化"
    p1 = one(body, "#p1-item")
    assert p1.select_one("a") is None
    assert one(p1, ".nx-badge").get_text() == "準備中"
    parts = [h.get_text() for h in body.select("h3.nx-part__title")]
    assert parts[0] == "第I部:基礎編" and len(parts) == 7
    p18 = one(body, "#p18-item .nx-note").get_text()
    assert p18.startswith("任意のデータで自由課題")
    assert "Medical AI with Python: Theory" in one(body, ".nx-series__other").get_text()


def test_a_series_without_lessons_is_not_a_dead_end(real_site: Path) -> None:
    """Whatever series have no lessons yet: their page says so once (no contradicting "structure"
    section) and offers what exists: the series with published lessons, the map, the latest."""
    curriculum = load_curriculum(ROOT / "curriculum")
    open_series = {s.id for s in curriculum.series if s.parts} & {
        p.parent.parent.name.upper() for p in real_site.glob("*/*/index.html")
    }
    for series in (s for s in curriculum.series if not s.parts and not s.articles):
        body = article(built_page(real_site, series.id.lower()))
        assert "準備中" in one(body, ".nx-empty--series").get_text()
        assert body.select_one("#structure") is None
        offered = {a.get_text(strip=True)[0] for a in body.select(".nx-open-series a")}
        assert offered == open_series
        more = [str(a["href"]) for a in body.select(".nx-meanwhile__more a")]
        assert more == ["../#map", "../#latest", "../feed.xml"]
        subseries = [one(li, ".nx-id").get_text() for li in body.select("#subseries ~ ul li")]
        assert subseries == [sub.id for sub in series.subseries]
        assert len(body.select("#subseries ~ ul .nx-badge")) == min(1, len(subseries))


def test_series_f_shows_the_empty_state_until_an_author_writes(real_site: Path) -> None:
    """The real site has no articles (they are never invented): the list reads as the original,
    in both languages, and the home card says so."""
    curriculum = load_curriculum(ROOT / "curriculum")
    for series in (s for s in curriculum.series if s.articles):
        if any((ROOT / "content" / series.slug).glob("*.md")):
            continue  # an author has written one: tests/test_articles.py covers the lists
        body = article(built_page(real_site, series.slug))
        assert one(body, ".nx-empty").get_text() == "記事が見つかりませんでした。"
        english = article(built_page(real_site, f"en/{series.slug}"))
        assert one(english, ".nx-empty").get_text() == "No articles yet."
        card = one(article(built_page(real_site, "")), f'.nx-card a[href="{series.slug}/"]')
        assert card.find_parent("li") is not None


def test_three_level_sub_lessons_nest(real_site: Path) -> None:
    body = article(built_page(real_site, "e"))
    item = one(body, "#e2-3-1-item")
    assert item is not None and "nx-depth-3" in item["class"]
    assert item.find_parent("li", id="e2-3-item") is not None


def test_lesson_chrome(real_site: Path, catalog: Catalog) -> None:
    page = built_page(real_site, "p/p9")
    body = article(page)
    crumbs = [li.get_text(strip=True) for li in body.select(".nx-crumbs li")]
    assert crumbs == [
        "ホーム",
        "P: Medical AI with Python",
        "第III部:PyTorchで学ぶ深層学習の部品と構造",
        "P9",
    ]
    assert [a["href"] for a in body.select(".nx-crumbs a")] == ["../../", "../", "../#part-iii"]
    assert one(body, ".nx-chip--strong").get_text() == "第9回"
    assert one(body, "h1").get_text() == "損失関数と最適化"
    assert len(body.select("h1")) == 1
    assert one(page, "title").get_text().startswith("P9: 損失関数と最適化")
    # the course path stays in the series (tests/test_course_path.py has the rules)
    assert one(body, ".nx-pager__prev")["href"] == "../"
    assert str(one(body, ".nx-pager__next")["href"]).startswith("../p")
    foot = one(body, ".nx-lesson-disclaimer")
    assert [a["href"] for a in foot.select("a")] == ["../../disclaimer/", "../../terms/"]
    assert one(body, "time")["datetime"] == "2025-05-24" or one(body, "time")


def test_search_indexes_the_lesson_not_its_chrome(real_site: Path) -> None:
    """Pagefind indexes the lesson's header and content (data-pagefind-body), not its footer;
    breadcrumbs and dates are left out; kind, series and 第N回 travel as filters and meta."""
    page = built_page(real_site, "p/p9")
    [body] = page.select("[data-pagefind-body]")
    assert one(body, "h1").get_text() == "損失関数と最適化" and "TL;DR" in body.get_text()
    assert body.select_one(".nx-lesson-foot") is None  # sub-lessons, pager, disclaimer: outside
    assert one(body, ".nx-crumbs").has_attr("data-pagefind-ignore")
    filters = {attr(s, "data-pagefind-filter") for s in body.select("[data-pagefind-filter]")}
    assert filters == {"kind:lesson", "series:P"}
    meta = {attr(s, "data-pagefind-meta") for s in body.select("span[data-pagefind-meta]")}
    assert {"kind:lesson", "series:P", "id:P9", "label:第9回"} <= meta
    assert built_page(real_site, ".").select("[data-pagefind-body]") == []  # home: no result
    assert len(built_page(real_site, "p").select("[data-pagefind-body]")) == 1  # series page


def test_search_index_is_built_into_the_site(real_site: Path) -> None:
    for site, lang in ((real_site, "ja"), (real_site / "en", "en")):
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
        assert list(entry["languages"]) == [lang]  # one index per language build
        assert (site / "pagefind" / "pagefind.js").is_file()
        assert "MIT" in (site / "pagefind" / "LICENSE.txt").read_text("utf-8")
        assert not list((site / "pagefind").glob("pagefind-ui.*"))  # Pagefind's UI: not ours
        head = json.loads((site / "pagefind" / "head" / "pagefind-entry.json").read_text("utf-8"))
        assert list(head["languages"]) == [lang]  # the head tier of the same language
        assert not list((site / "pagefind" / "head").glob("pagefind-ui.*"))


def _fragments(folder: Path) -> dict[str, str]:
    """Pagefind's fragments (gzip, a signature, JSON): the text it indexed, by page URL."""
    found = {}
    for path in (folder / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        found[data["url"]] = data["content"]
    return found


def test_head_index_holds_what_a_lesson_is_about(real_site: Path) -> None:
    """The head tier indexes titles, headings and the TL;DR of a lesson, not its running text;
    the full tier has both (the dialog asks the head first: docs/search.md)."""
    page = built_page(real_site, "p/p9")
    [body] = page.select("[data-pagefind-body]")
    paragraph = next(
        p.get_text() for p in body.find_all("p", recursive=False) if len(p.get_text()) > 40
    )
    heading = body.select("h2")[1].get_text().replace("¶", "").strip()
    full = _fragments(real_site / "pagefind")["/p/p9/"].replace("\u200b", "")
    head = _fragments(real_site / "pagefind" / "head")["/p/p9/"].replace("\u200b", "")
    assert paragraph[:20] in full and paragraph[:20] not in head
    assert heading[:12] in full and heading[:12] in head
    assert "TL;DR" in head and len(head) < len(full) / 4


def test_every_published_lesson_is_linked(real_site: Path, catalog: Catalog) -> None:
    """Each series page links every lesson and sub-lesson that has a page or a section, and
    marks every other one 準備中."""
    bodies = {s.slug: article(built_page(real_site, s.slug)) for s in catalog.curriculum.series}
    for entry in catalog.entries.values():
        body = bodies[entry.series.slug]
        item = one(body, f"#{entry.id.lower().replace('.', '-')}-item")
        link = item.select_one("a")
        if entry.url is None:
            assert link is None and "準備中" in item.get_text(), entry.id
        else:
            assert link is not None, entry.id
            assert attr(link, "href") == entry.url.removeprefix(entry.series.slug + "/")


def test_sub_lessons_covered_as_sections(real_site: Path) -> None:
    body = article(built_page(real_site, "g/g17"))
    links = [a["href"] for a in body.select(".nx-children a")]
    assert links == ["#g17-1", "#g17-2", "#g17-3"]
    for anchor in ("g17-1", "g17-2", "g17-3"):
        assert body.select_one(f"#{anchor}") is not None
    series = article(built_page(real_site, "g"))
    assert one(series, "#g17-1-item a")["href"] == "g17/#g17-1"


def test_notebook_lesson(real_site: Path) -> None:
    body = article(built_page(real_site, "p/p15"))
    text = body.get_text()
    assert '"cell_type"' not in text  # rendered, not raw JSON
    assert body.select_one(".jupyter-wrapper") is not None
    colab = one(body, ".nx-notebook-actions a[href^='https://colab.research.google.com/']")
    assert colab is not None and attr(colab, "href").endswith("/blob/main/content/p/p15.ipynb")
    download = one(body, ".nx-notebook-actions a[download]")
    assert (real_site / "p" / "p15" / attr(download, "href")).is_file()


def test_notebook_template_css_is_one_shared_stylesheet(real_site: Path) -> None:
    page = built_page(real_site, "p/p15")
    inline = sum(len(s.get_text()) for s in page.select("style"))
    assert inline < 20_000  # was ~590 KB of JupyterLab theme CSS inline in every notebook page
    sheets = [attr(link, "href") for link in page.select("head link[rel=stylesheet]")]
    shared = [h for h in sheets if "/assets/nexus/notebook/" in h]
    assert len(shared) == 1 and sheets.index(shared[0]) > sheets.index(
        "../../assets/nexus/nexus.css"
    )
    css = (real_site / "p" / "p15" / shared[0]).read_text("utf-8")
    assert css.startswith('@charset "UTF-8";') and ".jupyter-wrapper" in css
    # Only what notebook pages use of JupyterLab's 590 KB (tests/test_notebook_css_browser.py
    # shows that it renders the same): no file browser, no icons as data URIs.
    assert ".jupyter-wrapper .jp-OutputArea" in css and "jp-DirListing" not in css
    assert "--jp-icon-" not in css and len(css) < 60_000
    assert page.select_one(".jp-Cell") is not None


def scripts(page: BeautifulSoup) -> list[str]:
    return [attr(s, "src") for s in page.select("script[src]")]


def test_heavy_bundles_only_where_used(real_site: Path) -> None:
    g17 = built_page(real_site, "g/g17")
    assert any("mermaid-init.js" in s for s in scripts(g17))
    # Nothing blocks the first paint: no script in <head>, and every feature script deferred.
    head = g17.select_one("head")
    assert head is not None and not [s for s in head.select("script[src]") if "nexus" in s["src"]]
    assert all(s.has_attr("defer") for s in g17.select("script[src*='assets/nexus/']"))
    for url in ["", "p", "p/p15", "terms"]:
        assert not any("mermaid" in s for s in scripts(built_page(real_site, url))), url
    assert any("katex-init.js" in s for s in scripts(built_page(real_site, "p/p9")))
    assert not any("katex" in s for s in scripts(built_page(real_site, "terms")))
    assert any("mindmap.js" in s for s in scripts(built_page(real_site, "")))
    assert not any("mindmap" in s for s in scripts(built_page(real_site, "p/p9")))


def test_no_other_origin_in_any_page(real_site: Path) -> None:
    for html in real_site.rglob("*.html"):
        page = read_html(html)
        for tag in page.select("script[src], link[href], img[src], iframe[src]"):
            url = tag.get("src") or tag.get("href")
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert isinstance(url, str), f"{html}: {tag}"
            assert not re.match(r"^(https?:)?//", url), f"{html}: {url}"


def test_footer_links_on_every_page(real_site: Path) -> None:
    for html in real_site.rglob("index.html"):
        if html.relative_to(real_site).parts[0] == "en":
            continue  # English labels: tests/test_i18n.py
        page = read_html(html)
        links = page.select(".nx-footer-links a")
        assert [a.get_text() for a in links] == ["免責事項・注意事項等", "ご利用規約", "用語集"], (
            html
        )


def test_legal_pages(real_site: Path) -> None:
    terms = article(built_page(real_site, "terms"))
    assert one(terms, "h1").get_text() == "ご利用規約"
    assert terms.select("h2")[0].get_text().startswith("第1条")
    assert len(terms.select("h2")) == 11
    disclaimer = article(built_page(real_site, "disclaimer"))
    assert one(disclaimer, "h1").get_text() == "免責事項・注意事項等"
    assert "法令遵守について" in disclaimer.get_text()


def test_nav_series_parts_published(real_site: Path) -> None:
    page = built_page(real_site, "p/p9")
    nav = one(page, "nav.md-nav--primary")
    text = nav.get_text(" ", strip=True)
    assert "P9 損失関数と最適化" in text and "第III部" in text
    assert "navigation.prune" not in text  # sanity: prune keeps other series collapsed
    assert not nav.select("a[href*='g17']")  # pruned: other series' pages are not in this nav


def test_notebook_page_loads_nothing_remote(real_site: Path) -> None:
    html = (real_site / "p" / "p15" / "index.html").read_text("utf-8")
    assert "mathjax" not in html.lower()
    assert not re.search(r"import\(\s*[\"']https?://", html)
    assert '<script src="">' not in html


# --- the learner's record: what each page gives progress.js (tests/test_progress_browser.py
# drives it in a browser, on a fixture project) --------------------------------------------------


def catalogs() -> dict[Lang, Catalog]:
    """Both languages' catalogs, with the last-updated dates the build reads from git."""
    loaded = project.load(ROOT / "curriculum", ROOT / "content", root=ROOT)
    updated = history.last_updated(ROOT / "content")
    return {
        lang: Catalog(loaded.curriculum, loaded.content, lang, ROOT / "content", updated)
        for lang in LANGS
    }


def site_path(lang: Lang, url: str) -> str:
    return url if lang == "ja" else f"en/{url}"


def map_nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(n for child in node["children"] for n in map_nodes(child))]


def test_every_section_has_its_own_progress_control(real_site: Path) -> None:
    """A sub-lesson published as a section of its lesson's page has a control right after that
    section's heading, keyed by its ID, in each language; no other heading has one."""
    for lang, catalog in catalogs().items():
        covered: dict[str, list[str]] = {e.id: [] for e in catalog.published_pages()}
        for entry in catalog.entries.values():
            if entry.status is Status.SECTION and entry.page is not None:
                covered[entry.page].append(entry.id)
        for ident, sections in covered.items():
            url = catalog.entries[ident].url or ""
            body = article(built_page(real_site, site_path(lang, page_url(url))))
            tracks = body.select(".nx-track--section")
            assert sorted(attr(t, "data-id") for t in tracks) == sorted(sections), (lang, ident)
            for track in tracks:
                heading = track.find_previous_sibling()
                assert heading is not None and heading.name in {"h2", "h3", "h4", "h5", "h6"}
                assert attr(heading, "id") == urls.anchor(attr(track, "data-id"))


def test_progress_data_carries_each_pages_last_update(real_site: Path) -> None:
    """The lesson controls, the lesson lists and the map nodes carry the date of the page that
    shows each lesson (progress.js compares it with the date the reader last saw); a lesson's
    control carries the date of its page in both languages (the record is shared by both)."""
    for lang, catalog in catalogs().items():
        for entry in catalog.published_pages():
            body = article(built_page(real_site, site_path(lang, page_url(entry.url or ""))))
            for track in body.select(".nx-track"):
                assert json.loads(attr(track, "data-dates")) == catalog.dates(entry), entry.id
                assert attr(track, "data-updated") == catalog.dates(entry)[lang]
        for series in catalog.curriculum.series:
            if not series.parts:
                continue
            body = article(built_page(real_site, site_path(lang, series.slug)))
            tree = json.loads(one(body, "script.nexus-mindmap__data").string or "")
            nodes = {n["id"]: n for n in map_nodes(tree)}
            for lesson in series.lessons():
                entry = catalog.entries[lesson.id]
                expected = entry.updated.isoformat() if entry.updated else None
                item = one(body, f"li[data-id='{entry.id}']")
                assert item.get("data-updated") == expected, entry.id
                assert nodes[entry.id].get("updated") == expected, entry.id


def test_english_map_translation_state_matches_the_pages(real_site: Path) -> None:
    """Each published node of an English series map says how its page reads: "ja" when the page
    shows the Japanese original, "stale" when it opens with the stale-translation notice,
    "translated" otherwise; the Japanese maps say nothing of it."""
    for series in catalogs()["en"].curriculum.series:
        if not series.parts:
            continue
        for lang in LANGS:
            body = article(built_page(real_site, site_path(lang, series.slug)))
            tree = json.loads(one(body, "script.nexus-mindmap__data").string or "")
            for node in map_nodes(tree):
                if node["kind"] not in ("lesson", "sub") or not node["url"]:
                    assert "translation" not in node, node["id"]
                    continue
                if lang == "ja":
                    assert "translation" not in node, node["id"]
                    continue
                page = article(built_page(real_site, site_path(lang, page_url(node["url"]))))
                state = (
                    "ja"
                    if page.select_one(".nx-fallback-notice")
                    else "stale"
                    if page.select_one(".nx-stale")
                    else "translated"
                )
                assert node["translation"] == state, node["id"]


def test_no_markup_left_for_tools_that_are_not_browsers(real_site: Path) -> None:
    """What the Nu Html Checker found in markup we generate: md_in_html's ``markdown`` attributes
    (quiz choices, notebook cells), the Python list mkdocs-jupyter printed into a ``<style>``,
    notebook copy buttons named without a role."""
    for path in ("p/p9", "p/p15", "en/p/p9"):
        html = (real_site / path / "index.html").read_text("utf-8")
        assert 'markdown="' not in html, path
        assert not re.search(r"<style>\s*\[", html), path
    page = built_page(real_site, "p/p15")
    copies = page.select("clipboard-copy")
    assert copies and all(attr(c, "role") == "button" for c in copies)
