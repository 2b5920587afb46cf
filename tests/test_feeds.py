"""The Atom feeds: ``feeds.atom`` on real and hostile catalogs, and ``feed.xml`` in both builds."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from nexus_site.content.scan import scan
from nexus_site.curriculum.loader import load
from nexus_site.curriculum.model import Lang
from nexus_site.site import feeds
from nexus_site.site.catalog import Catalog
from support import built_page, read_html

ROOT = Path(__file__).parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"
SITE_URL = "https://example.github.io/nexus/"
NS = {"a": feeds.ATOM}
XML_LANG = feeds.XML_LANG
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
EVIL = '<script>alert(1)</script> & "x"'


def catalog_of(project: Path, lang: Lang) -> Catalog:
    curriculum = load(project / "curriculum", root=project)
    content = scan(curriculum, project / "content", root=project)
    return Catalog(curriculum, content, lang, project / "content")


def site_url(lang: Lang) -> str:
    return SITE_URL + ("en/" if lang == "en" else "")


def feed_of(catalog: Catalog) -> ET.Element:
    lang = catalog.lang
    xml = feeds.atom(catalog, site_url=site_url(lang), site_name="Medical AI Nexus", lang=lang)
    return ET.fromstring(xml.encode("utf-8"))


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall("a:entry", NS)


def text(element: ET.Element, path: str) -> str:
    found = element.find(path, NS)
    assert found is not None and found.text is not None, path
    return found.text


def titles(feed: ET.Element) -> list[str]:
    return [text(e, "a:title") for e in entries(feed)]


def updated(feed: ET.Element) -> list[str]:
    return [text(e, "a:updated") for e in entries(feed)]


# --- feeds.atom on the real curriculum ------------------------------------------------------------


@pytest.fixture(scope="module", params=["ja", "en"])
def real(request: pytest.FixtureRequest) -> tuple[Catalog, ET.Element]:
    catalog = catalog_of(ROOT, request.param)
    return catalog, feed_of(catalog)


def test_feed_metadata(real: tuple[Catalog, ET.Element]) -> None:
    catalog, feed = real
    lang = catalog.lang
    assert feed.tag == f"{{{feeds.ATOM}}}feed"
    assert feed.get(XML_LANG) == lang
    base = site_url(lang)
    assert text(feed, "a:id") == base + "feed.xml"
    assert text(feed, "a:title") == "Medical AI Nexus"
    links = {link.get("rel"): link for link in feed.findall("a:link", NS)}
    assert links["self"].get("href") == base + "feed.xml"
    assert links["self"].get("type") == "application/atom+xml"
    assert links["alternate"].get("href") == base
    name = text(feed, "a:author/a:name")
    assert name == catalog.curriculum.site.instructor.name.get(lang)
    assert name == ("髙﨑 洋介" if lang == "ja" else "Yohsuke Takasaki")
    # updated is the newest entry's date: derived from the data, never the clock
    assert text(feed, "a:updated") == max(updated(feed))


def test_entries_are_the_newest_pages_newest_first(real: tuple[Catalog, ET.Element]) -> None:
    catalog, feed = real
    stamps = updated(feed)
    assert stamps == sorted(stamps, reverse=True)
    expected = catalog.latest(limit=20)
    assert len(entries(feed)) == len(expected) == len(catalog.published_pages())
    base = site_url(catalog.lang)
    assert [text(e, "a:id") for e in entries(feed)] == [base + e.url for e in expected if e.url]
    for entry, source in zip(entries(feed), expected, strict=True):
        assert source.file is not None
        date = source.file.front.date.isoformat()
        assert text(entry, "a:published") == text(entry, "a:updated") == f"{date}T00:00:00Z"
        link = entry.find("a:link", NS)
        assert link is not None and link.get("href") == text(entry, "a:id")
        category = entry.find("a:category", NS)
        assert category is not None and category.get("term") == source.series.id
    # The lessons of today's content: P15 (2025-08-20), G17 (2025-06-20), P9 (2025-05-17).
    order = [t.split(":")[0] for t in titles(feed)]
    assert order.index("P15") < order.index("G17") < order.index("P9")


def test_titles_are_in_the_feeds_language(real: tuple[Catalog, ET.Element]) -> None:
    catalog, feed = real
    by_id = {t.split(":")[0]: t for t in titles(feed)}
    if catalog.lang == "ja":
        assert by_id["P9"] == "P9: 損失関数と最適化"
        assert by_id["G17"] == "G17: 連合学習"
    else:
        assert by_id["P9"] == "P9: Loss Functions and Optimization"
        assert by_id["G17"] == "G17: Federated Learning"


def test_summaries_mark_untranslated_descriptions(real: tuple[Catalog, ET.Element]) -> None:
    catalog, feed = real
    for entry, source in zip(entries(feed), catalog.latest(limit=20), strict=True):
        summary = entry.find("a:summary", NS)
        assert source.file is not None
        if source.file.front.description is None:
            assert summary is None, source.id
            continue
        assert summary is not None and summary.text == source.file.front.description
        assert summary.get(XML_LANG) == ("ja" if source.fallback else None), source.id
    if catalog.lang == "en":
        # A lesson without an English file (P15, the notebook, is kept so): its Japanese
        # description, marked; a translated one (G17): its own English description, unmarked.
        summaries = {
            text(e, "a:title").split(":")[0]: e.find("a:summary", NS) for e in entries(feed)
        }
        p15, g17 = summaries["P15"], summaries["G17"]
        assert catalog.entries["P15"].fallback, "P15 is the lesson kept untranslated"
        assert p15 is not None and p15.get(XML_LANG) == "ja" and JAPANESE.search(p15.text or "")
        assert g17 is not None and g17.get(XML_LANG) is None
        assert (g17.text or "").startswith("A digest of federated learning")


def test_feed_is_reproducible_and_limited() -> None:
    catalog = catalog_of(ROOT, "ja")
    first = feeds.atom(catalog, site_url=SITE_URL, site_name="Medical AI Nexus", lang="ja")
    again = feeds.atom(
        catalog_of(ROOT, "ja"), site_url=SITE_URL, site_name="Medical AI Nexus", lang="ja"
    )
    assert first == again
    assert first.startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed ')
    one = ET.fromstring(feeds.atom(catalog, site_url=SITE_URL, site_name="x", lang="ja", limit=1))
    assert len(entries(one)) == 1
    assert text(one, "a:updated") == text(entries(one)[0], "a:updated")


def test_catalog_and_feed_language_must_agree() -> None:
    with pytest.raises(ValueError, match="catalog is for 'ja'"):
        feeds.atom(catalog_of(ROOT, "ja"), site_url=SITE_URL, site_name="x", lang="en")


# --- hostile and small catalogs -------------------------------------------------------------------


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """The mini fixture with L7 titled ``EVIL`` and published on L8's date, plus a file for the
    sub-lesson L8.1 (same date): the three tie, so curriculum order decides."""
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    series = project / "curriculum" / "l.yml"
    yaml = series.read_text(encoding="utf-8")
    old = "title: {ja: BERTの核心技術, en: The core of BERT}"
    assert old in yaml
    quoted = EVIL.replace("'", "''")
    series.write_text(yaml.replace(old, f"title: {{ja: '{quoted}', en: '{quoted}'}}"), "utf-8")
    lessons = project / "content" / "l"
    (lessons / "l7.md").write_text(
        f"---\ndate: 2025-05-01\ndescription: '{quoted} ]]> &amp;'\n---\n\n本文。\n", "utf-8"
    )
    (lessons / "l8.1.md").write_text("---\ndate: 2025-05-01\n---\n\n本文。\n", "utf-8")
    return project


def test_hostile_text_is_escaped_and_round_trips(mini: Path) -> None:
    catalog = catalog_of(mini, "ja")
    raw = feeds.atom(catalog, site_url=SITE_URL, site_name=f"{EVIL} site", lang="ja")
    assert "<script>" not in raw
    feed = ET.fromstring(raw)
    assert text(feed, "a:title") == f"{EVIL} site"
    first = entries(feed)[0]
    assert text(first, "a:title") == f"L7: {EVIL}"
    assert text(first, "a:summary") == f"{EVIL} ]]> &amp;"
    assert text(first, "a:id") == SITE_URL + "l/l7/"


@pytest.mark.parametrize(
    ("lang", "title"), [("ja", "L8.1: 抽出型と要約型"), ("en", "L8.1: Extractive and abstractive")]
)
def test_ties_keep_curriculum_order_and_sub_lessons_are_entries(
    mini: Path, lang: Lang, title: str
) -> None:
    feed = feed_of(catalog_of(mini, lang))
    assert [t.split(":")[0] for t in titles(feed)] == ["L7", "L8", "L8.1"]
    assert titles(feed)[2] == title
    assert text(entries(feed)[2], "a:id") == site_url(lang) + "l/l8.1/"
    # No description in L8.1's front matter: no summary.
    assert entries(feed)[2].find("a:summary", NS) is None


def test_english_fallback_title_is_marked_japanese(mini: Path) -> None:
    series = mini / "curriculum" / "m.yml"
    yaml = series.read_text(encoding="utf-8")
    old = "title: {ja: 全体像, en: The big picture}"
    assert old in yaml
    series.write_text(yaml.replace(old, "title: {ja: 全体像}"), "utf-8")
    (mini / "content" / "m").mkdir()
    (mini / "content" / "m" / "m0.md").write_text("---\ndate: 2025-06-01\n---\n", "utf-8")
    feed = feed_of(catalog_of(mini, "en"))
    newest = entries(feed)[0]
    title = newest.find("a:title", NS)
    assert title is not None and title.text == "M0: 全体像" and title.get(XML_LANG) == "ja"
    translated = entries(feed)[1].find("a:title", NS)
    assert translated is not None and translated.get(XML_LANG) is None


def test_characters_xml_cannot_hold_are_dropped(mini: Path) -> None:
    (mini / "content" / "l" / "l7.md").write_text(
        '---\ndate: 2025-05-02\ndescription: "a\\x01b\\x1fc"\n---\n', "utf-8"
    )
    assert text(entries(feed_of(catalog_of(mini, "ja")))[0], "a:summary") == "abc"


def test_feed_without_published_pages(tmp_path: Path) -> None:
    project = tmp_path / "empty"
    shutil.copytree(MINI / "curriculum", project / "curriculum")
    (project / "content").mkdir()
    feed = feed_of(catalog_of(project, "ja"))
    assert entries(feed) == []
    assert text(feed, "a:updated") == dt.datetime(1970, 1, 1).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- the built site ----------------------------------------------------------------------------


def built_feed(site: Path, lang: Lang) -> ET.Element:
    path = site / ("en/" if lang == "en" else "") / "feed.xml"
    assert path.is_file(), path
    return ET.fromstring(path.read_bytes())


@pytest.mark.build
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_built_feeds(real_site: Path, lang: Lang) -> None:
    feed = built_feed(real_site, lang)
    assert feed.get(XML_LANG) == lang
    assert text(feed, "a:id") == site_url(lang) + "feed.xml"
    stamps = updated(feed)
    assert stamps and stamps == sorted(stamps, reverse=True)
    by_id = {t.split(":")[0]: t for t in titles(feed)}
    assert by_id["P9"] == (
        "P9: 損失関数と最適化" if lang == "ja" else "P9: Loss Functions and Optimization"
    )
    assert by_id["P15"] == (
        "P15: PyTorchとRNN/LSTM" if lang == "ja" else "P15: RNNs and LSTMs in PyTorch"
    )
    # Every entry links to a page of this build.
    for entry in entries(feed):
        link = entry.find("a:link", NS)
        assert link is not None
        href = link.get("href") or ""
        assert href.startswith(site_url(lang)), href
        page = real_site / href.removeprefix(SITE_URL) / "index.html"
        assert page.is_file(), href
        title = text(entry, "a:title")
        assert title in page.read_text("utf-8").replace("&amp;", "&"), href


@pytest.mark.build
@pytest.mark.parametrize(
    ("url", "feed"),
    [
        ("", "feed.xml"),
        ("p/p9/", "../../feed.xml"),
        ("g/", "../feed.xml"),
        ("en/", "feed.xml"),
        ("en/g/g17/", "../../feed.xml"),
    ],
)
def test_every_page_announces_its_languages_feed(real_site: Path, url: str, feed: str) -> None:
    page = built_page(real_site, url)
    links = page.select('head link[type="application/atom+xml"]')
    assert [link["href"] for link in links] == [feed]
    # "alternate " (trailing space), so Material's script, which fetches <href>/sitemap.xml for
    # every link[rel=alternate], leaves it alone; HTML still reads it as rel=alternate.
    raw = (real_site / url / "index.html").read_text("utf-8")
    assert re.findall(r"<link[^>]*\brel=(?:\"alternate\"|alternate[\s>])", raw) == []
    assert (
        f'<link rel="alternate " type="application/atom+xml" title="Medical AI Nexus" href="{feed}">'
        in raw
    )
    assert (real_site / url / feed).resolve() == (
        real_site / ("en" if url.startswith("en/") else "") / "feed.xml"
    ).resolve()


@pytest.mark.build
@pytest.mark.parametrize(("lang", "label"), [("ja", "フィード(Atom)"), ("en", "Atom feed")])
def test_home_links_the_feed(real_site: Path, lang: Lang, label: str) -> None:
    home = real_site / ("en" if lang == "en" else "") / "index.html"
    page = read_html(home)
    link = page.select_one("#latest ~ .nx-feed a")
    assert link is not None and link.get_text(strip=True) == label
    assert link["href"] == "feed.xml" and (home.parent / "feed.xml").is_file()
