"""Site-wide link check: crawl the built site (both languages) over HTTP, as a reader's browser
would find it under a subpath, and resolve every internal link and every #anchor.

Starts at the home page, ``en/`` and both 404 pages; follows every ``<a href>`` and the same-site
targets of ``<link rel="alternate" hreflang>`` and ``rel=canonical`` (written with the absolute
``site_url``, mapped here onto the served copy); checks that the page's stylesheets, scripts and
images load too. Finally, every page of both sitemaps must have been reached by following links.
Run with ``pytest -s`` to see the counts.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

# site_url of mkdocs.yml (NEXUS_SITE_URL unset in the tests): where absolute links point.
SITE_URL = "https://example.github.io/nexus/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class Fetched:
    url: str  # after redirects, without fragment
    status: int
    content_type: str
    body: bytes


@dataclass
class Crawl:
    base: str  # the served site root, ".../nexus/"
    pages: dict[str, set[str]] = field(default_factory=dict)  # HTML page URL -> its ids
    fetched: dict[str, Fetched] = field(default_factory=dict)
    links: int = 0  # internal links checked (a, link alternate/canonical)
    anchors: int = 0  # of which with a #fragment checked against the target's ids
    assets: int = 0  # stylesheets, scripts, images, icons checked
    external: int = 0  # links to other origins (not followed)
    broken: list[str] = field(default_factory=list)

    def fetch(self, url: str) -> Fetched:
        if url not in self.fetched:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    self.fetched[url] = Fetched(
                        urldefrag(response.geturl())[0],
                        response.status,
                        response.headers.get_content_type(),
                        response.read(),
                    )
            except urllib.error.HTTPError as exc:
                self.fetched[url] = Fetched(url, exc.code, "", b"")
        return self.fetched[url]

    def internal(self, url: str) -> str | None:
        """``url`` as a URL of the served copy, or None when it belongs to another site."""
        if url.startswith(SITE_URL):
            return self.base + url[len(SITE_URL) :]
        split = urlsplit(url)
        if split.scheme in ("http", "https") and url.startswith(self.base.split("/nexus/")[0]):
            return url
        return None


def ids_of(soup: BeautifulSoup) -> set[str]:
    """The fragments a link may name: element ids, and ``map=ID`` for each node of a mind map
    on the page (the map's deep links, resolved by its script)."""
    ids = {str(t["id"]) for t in soup.find_all(id=True) if isinstance(t, Tag)}
    ids |= {str(t["name"]) for t in soup.find_all("a", attrs={"name": True}) if isinstance(t, Tag)}
    for data in soup.select("script.nexus-mindmap__data"):
        ids |= {f"map={node_id}" for node_id in node_ids(json.loads(data.get_text()))}
    return ids


def node_ids(node: object) -> list[str]:
    if isinstance(node, list):
        return [i for child in node for i in node_ids(child)]
    if not isinstance(node, dict):
        return []
    own = [str(node["id"])] if node.get("id") else []
    return own + node_ids(node.get("children", []))


def crawl(base: str) -> Crawl:
    state = Crawl(base)
    seeds = [base, base + "en/", base + "404.html", base + "en/404.html"]
    queue: deque[str] = deque(seeds)
    # (source page, raw href, absolute target) of every link with a fragment, checked at the end
    fragments: list[tuple[str, str, str, str]] = []
    seen: set[str] = set(seeds)

    while queue:
        url = queue.popleft()
        got = state.fetch(url)
        if got.status != 200:
            state.broken.append(f"{url}: HTTP {got.status}")
            continue
        if got.content_type != "text/html":
            continue
        soup = BeautifulSoup(got.body.decode("utf-8"), "html.parser")
        state.pages[got.url] = ids_of(soup)
        for raw, absolute in links_of(state, got.url, soup):
            page_url = follow(state, got.url, raw, absolute, fragments)
            if page_url is not None and page_url not in seen:
                seen.add(page_url)
                queue.append(page_url)

    for source, raw, page_url, fragment in fragments:
        state.anchors += 1
        final = state.fetch(page_url).url
        ids = state.pages.get(final)
        if ids is None:
            continue  # not an HTML page (already reported if broken)
        if fragment not in ids and not fragment.startswith("__"):
            state.broken.append(f"{source}: {raw!r}: no element with id {fragment!r}")
    return state


def links_of(state: Crawl, page: str, soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(raw, absolute) of the page's links to follow; its assets are checked on the way."""
    targets: list[tuple[str, str]] = []
    for a in soup.find_all("a", href=True):
        assert isinstance(a, Tag)
        targets.append((str(a["href"]), urljoin(page, str(a["href"]))))
    for link in soup.find_all("link", href=True):
        assert isinstance(link, Tag)
        rel = [r.strip() for r in link.get_attribute_list("rel") if r]
        href = str(link["href"])
        if "alternate" in rel or "canonical" in rel:
            targets.append((href, urljoin(page, href)))
        elif {"stylesheet", "icon"} & set(rel):
            check_asset(state, page, urljoin(page, href))
    for tag, attr in (("script", "src"), ("img", "src")):
        for element in soup.find_all(tag, attrs={attr: True}):
            assert isinstance(element, Tag)
            value = str(element[attr])
            if not value.startswith("data:"):
                check_asset(state, page, urljoin(page, value))
    return targets


def follow(
    state: Crawl, page: str, raw: str, absolute: str, fragments: list[tuple[str, str, str, str]]
) -> str | None:
    """The page a link leads to within the site (None: not to be crawled); problems recorded."""
    if raw.startswith(("mailto:", "tel:")):
        return None
    if urlsplit(absolute).scheme not in ("http", "https"):
        state.broken.append(f"{page}: link with scheme {raw!r}")
        return None
    target = state.internal(absolute)
    if target is None:
        state.external += 1
        return None
    state.links += 1
    page_url, fragment = urldefrag(target)
    if not page_url.startswith(state.base):
        state.broken.append(f"{page}: {raw!r} leaves the site ({page_url})")
        return None
    if fragment:
        fragments.append((page, raw, page_url, unquote(fragment)))
    return page_url


def check_asset(state: Crawl, page: str, url: str) -> None:
    target = state.internal(url)
    if target is None:
        state.broken.append(f"{page}: asset from another origin: {url}")
        return
    state.assets += 1
    if state.fetch(urldefrag(target)[0]).status != 200:
        state.broken.append(f"{page}: asset {url}: HTTP {state.fetch(target).status}")


@pytest.fixture(scope="module")
def crawled(real_url: str) -> Crawl:
    return crawl(real_url)


def test_no_broken_link_or_anchor(crawled: Crawl) -> None:
    print(
        f"\nlink crawl: {len(crawled.pages)} pages crawled, {crawled.links} internal links checked "
        f"({crawled.anchors} with #anchors), {crawled.assets} asset references checked, "
        f"{crawled.external} external links not followed, {len(crawled.broken)} broken"
    )
    assert sorted(set(crawled.broken)) == []
    assert len(crawled.pages) >= 40  # 13 series, lessons, legal pages, guide, 404: both languages
    assert crawled.anchors > 100


def test_every_sitemap_page_is_reachable(crawled: Crawl, real_site: Path) -> None:
    listed: set[str] = set()
    for sitemap in (real_site / "sitemap.xml", real_site / "en" / "sitemap.xml"):
        for loc in ET.parse(sitemap).getroot().iter(SITEMAP_NS + "loc"):
            assert loc.text is not None
            mapped = crawled.internal(loc.text)
            assert mapped is not None, f"{sitemap}: {loc.text} is not under {SITE_URL}"
            listed.add(mapped)
    assert listed, "empty sitemaps"
    assert sorted(listed - set(crawled.pages)) == []


def test_both_languages_and_404_were_crawled(crawled: Crawl) -> None:
    base = crawled.base
    for path in ("", "en/", "p/p15/", "en/p/p9/", "g/g17/", "en/terms/", "guide/", "en/guide/"):
        assert base + path in crawled.pages, path
    assert base + "404.html" in crawled.pages
