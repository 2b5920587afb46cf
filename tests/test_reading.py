"""Reading a course page, as a Japanese clinician on a phone or a desktop would: nothing overflows
(the page, or an interactive figure's box), no table cell is squeezed, text is large enough and
Japanese is never slanted; every page has readable anchors, sharing tags and our own favicon; the
404 page links without "//".

Static checks read every built page; the browser checks run Chromium at 390×844 (touch, DPR 2)
and 1280×900 with fonts-noto-cjk installed by scripts/test (real Japanese glyph widths).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from support import read_html

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# Every kind of page: home, a series with lessons, a deep one, an empty one, Markdown lessons
# (one with a six-column table), a notebook lesson, in both languages.
PAGES = ["", "p/", "e/", "b/", "p/p9/", "p/p15/", "g/g17/", "guide/"]


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


# --- static: every page -------------------------------------------------------------------------


def test_every_anchor_is_readable(real_site: Path) -> None:
    """No heading id made only of digits and underscores (#_1, #1, #ai_5 style duplicates)."""
    bad: list[str] = []
    for path in html_pages(real_site):
        soup = read_html(path)
        for tag in soup.select("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]"):
            ident = str(tag["id"])
            if re.fullmatch(r"[\d_.\-]*", ident) or re.search(r"_\d+$", ident):
                bad.append(f"{path.relative_to(real_site)}#{ident}")
    assert bad == []


def test_every_page_can_be_shared(real_site: Path) -> None:
    """Open Graph and Twitter card tags on every page, escaped (they are attribute values), in
    the page's language, with our own image and favicon (the 404 page: the favicon)."""
    for path in html_pages(real_site):
        soup = read_html(path)
        rel = path.relative_to(real_site).as_posix()
        icon = soup.select_one('link[rel="icon"]')
        assert isinstance(icon, Tag) and str(icon["href"]).endswith("assets/nexus/favicon.svg")
        if path.name == "404.html":
            continue

        def meta(key: str, soup: BeautifulSoup = soup, rel: str = rel) -> str:
            tag = soup.select_one(f'meta[property="{key}"], meta[name="{key}"]')
            assert isinstance(tag, Tag), f"{rel}: no {key}"
            return str(tag["content"])

        title = meta("og:title")
        assert title and "<" not in title, rel
        assert meta("twitter:card") == "summary_large_image"
        assert meta("og:description")
        assert meta("og:image").endswith("/assets/nexus/og.jpg")
        assert meta("og:locale") == ("en_US" if rel.startswith("en/") else "ja_JP")
    lesson = read_html(real_site / "p" / "p9" / "index.html")
    assert lesson.select_one('meta[property="og:type"]')["content"] == "article"  # type: ignore[index]


def test_the_404_page_links_without_double_slashes(real_site: Path) -> None:
    for path in (real_site / "404.html", real_site / "en" / "404.html"):
        hrefs = [str(a["href"]) for a in read_html(path).select("a[href]")]
        assert hrefs and not [h for h in hrefs if "//" in h.split("://", 1)[-1]]


def test_interface_strings_follow_the_page_language(real_site: Path) -> None:
    """The ¶ of headings and the notebook's copy buttons say what they are in Japanese on the
    Japanese site (they were "Permanent link", "Copy to Clipboard")."""
    for path in html_pages(real_site):
        if path.relative_to(real_site).parts[0] == "en":
            continue
        text = path.read_text(encoding="utf-8")
        assert "Permanent link" not in text and "Copy to Clipboard" not in text, path


# --- in the browser -----------------------------------------------------------------------------

MEASURE = """() => {
  const doc = document.scrollingElement;
  const out = {overflow: doc.scrollWidth - window.innerWidth, narrow: [], small: [], slanted: [],
               outside: []};
  const article = document.querySelector('article');
  // A figure's readout (one number per cell, never wrapped) is not prose: what matters there is
  // that it fits the figure, checked below; four 6 em columns do not fit a phone's figure.
  for (const cell of article.querySelectorAll('td, th')) {
    if (!cell.getClientRects().length || cell.closest('.highlight, .jp-Cell, .nexus-mindmap, .nf-readout')) continue;
    const size = parseFloat(getComputedStyle(cell).fontSize);
    const width = cell.getBoundingClientRect().width;
    if (width < 6 * size - 1) out.narrow.push(cell.textContent.trim().slice(0, 20) + ' ' + Math.round(width));
  }
  for (const el of article.querySelectorAll('.admonition p, details p, td, li, p')) {
    if (!el.getClientRects().length || el.closest('.nx-crumbs, .nx-kicker, .nx-lesson-disclaimer, .nexus-mindmap, .jp-Cell, .highlight, .nx-pager, .nx-latest, .nx-progress, .nx-step, .nx-problem, .nx-maphelp, .nx-card, .nx-open-series, .nx-rename, .nx-note, .nx-part__desc, .nx-yours, .nexus-figure, .nexus-quiz__hint')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 15 - 0.01) out.small.push(el.tagName + ' ' + el.textContent.trim().slice(0, 20) + ' ' + size);
  }
  for (const fig of article.querySelectorAll('figure.nexus-figure')) {
    const box = fig.getBoundingClientRect();
    for (const el of fig.querySelectorAll('.nf-live *:not(svg *)')) {
      const r = el.getBoundingClientRect();
      if (r.width && (r.left < box.left - 0.5 || r.right > box.right + 0.5)) out.outside.push(el.tagName + '.' + el.className);
      if (el.matches('.nf-readout td, .nf-readout th') && el.scrollWidth > el.clientWidth) out.outside.push('cut: ' + el.textContent);
    }
  }
  for (const el of article.querySelectorAll('em, i, cite')) {
    if (el.closest('[lang="en"]') || !el.closest('[lang="ja"], html[lang="ja"]')) continue;
    if (getComputedStyle(el).fontStyle !== 'normal') out.slanted.push(el.textContent.slice(0, 20));
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("device", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["", "en/"])
def test_pages_fit_and_read_well(browser: Any, real_url: str, device: str, lang: str) -> None:
    context = browser.new_context(**(PHONE if device == "phone" else DESKTOP))
    page = context.new_page()
    problems: list[str] = []
    for path in PAGES:
        page.goto(real_url + lang + path)
        found = page.evaluate(MEASURE)
        where = f"{lang}{path or 'home'}"
        if found["overflow"] > 0:
            problems.append(f"{where}: {found['overflow']} px wider than the screen")
        problems += [f"{where}: cell under 6 em: {c}" for c in found["narrow"]]
        problems += [f"{where}: text under 15 px: {s}" for s in found["small"][:3]]
        problems += [f"{where}: slanted Japanese: {s}" for s in found["slanted"]]
        problems += [f"{where}: sticks out of its figure: {s}" for s in found["outside"][:3]]
    context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.browser
def test_on_a_phone_the_overview_stacks_and_wide_tables_scroll(browser: Any, real_url: str) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(real_url + "p/")
    label = page.locator("table.nx-overview th[scope=row]").first.bounding_box()
    value = page.locator("table.nx-overview td").first.bounding_box()
    assert label is not None and value is not None
    assert value["y"] >= label["y"] + label["height"] - 1  # the value under its label
    assert value["width"] > 300  # the whole width, not a squeezed column
    # The header's dates never break inside: each is on one line.
    page.goto(real_url + "p/p9/")
    for date in page.locator(".nx-lesson-head .nx-date").all():
        box = date.bounding_box()
        assert box is not None and box["height"] < 2 * 16 * 1.6
    # The site name is shown whole in the header.
    assert page.evaluate(
        "(() => { const e = document.querySelector('.md-header__topic .md-ellipsis');"
        " return e.scrollWidth <= e.clientWidth; })()"
    )
    # A table wider than the screen scrolls with its first column in place.
    wrap = page.locator(".md-typeset__scrollwrap").filter(has=page.locator("td")).all()
    wide = [w for w in wrap if w.evaluate("e => e.scrollWidth > e.clientWidth + 1")]
    for w in wide:
        first = w.locator("td").first
        x0 = first.bounding_box()
        w.evaluate("e => { e.scrollLeft = 200; }")
        x1 = first.bounding_box()
        assert x0 is not None and x1 is not None
        assert 0 <= x1["x"] <= x0["x"]  # still on screen at the left edge, not scrolled away
    context.close()
