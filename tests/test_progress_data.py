"""What the build gives the learner's record (assets/javascripts/progress.js), on the ``mini``
fixture, without a browser: a control of its own for each sub-lesson covered by a section of
its lesson's page, the last-updated date of the page showing each lesson (in both languages on
the lesson's controls), and the English map's translation state of each page."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from nexus_site import project
from nexus_site.content.translations import mark_translated
from nexus_site.site import staleness
from nexus_site.site.build import SiteBuild
from nexus_site.site.catalog import Catalog, Status
from support import attr, one

MINI = Path(__file__).parent / "fixtures" / "mini"

L8 = """---
date: 2025-05-01
---

はじめに。

## 8.1 抽出型 {#l8-1}

本文。

## 8.2 要約型

本文。
"""

# The page's HTML as Markdown renders it (the build core gets it from the tool).
L8_HTML = (
    '<p>はじめに。</p>\n<h2 id="l8-1">8.1 抽出型<a class="headerlink" href="#l8-1">¶</a></h2>\n'
    '<p>本文。</p>\n<h2 id="82">8.2 要約型</h2>\n<p>本文。</p>'
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """L8 with a section for L8.1 (L8.2's heading has no anchor: L8.2 is in preparation), in
    Japanese only; L7 in Japanese and English."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "content" / "l" / "l8.md").write_text(L8, encoding="utf-8")
    l7 = root / "content" / "l" / "l7.md"
    l7.write_text("---\ndate: 2025-04-01\n---\n\n本文。\n", encoding="utf-8")
    en = root / "content" / "l" / "l7.en.md"
    en.write_text("---\ndate: 2025-04-01\n---\n\nText.\n", encoding="utf-8")
    mark_translated(en, l7)
    return root


def catalog(root: Path, lang: str, updated: dict[str, dt.date] | None = None) -> Catalog:
    loaded = project.load(root / "curriculum", root / "content", root=root)
    return Catalog(loaded.curriculum, loaded.content, lang, root / "content", updated or {})  # type: ignore[arg-type]


def site(root: Path, lang: str) -> SiteBuild:
    return SiteBuild(root=root, content_dir=root / "content", curriculum="curriculum", lang=lang)  # type: ignore[arg-type]


def test_a_section_shares_its_pages_language_and_date(root: Path) -> None:
    updated = {"l/l8.md": dt.date(2025, 6, 1), "l/l7.en.md": dt.date(2025, 6, 9)}
    ja, en = catalog(root, "ja", updated), catalog(root, "en", updated)
    section = ja.entries["L8.1"]
    assert section.status is Status.SECTION and section.page == "L8"
    assert section.updated == dt.date(2025, 6, 1) and not section.fallback
    assert en.entries["L8.1"].fallback  # the page covering it is shown in Japanese
    assert ja.entries["L8.2"].page is None and ja.entries["L8.2"].updated is None
    # the date of the page showing it, in each language (English: the translation, else the
    # Japanese original it shows)
    assert ja.dates(section) == {"ja": "2025-06-01", "en": "2025-06-01"}
    assert en.dates(en.entries["L7"]) == {"ja": "2025-04-01", "en": "2025-06-09"}
    assert ja.dates(ja.entries["L8.2"]) == {}


def test_each_covered_section_gets_its_own_control_after_its_heading(root: Path) -> None:
    for lang, name in (("ja", "L8.1 の学習状況"), ("en", "Your progress on L8.1")):
        html = site(root, lang).page("l/l8.md", L8_HTML).html
        soup = BeautifulSoup(html, "html.parser")
        [track] = soup.select(".nx-track--section")
        heading = track.find_previous_sibling()
        assert heading is not None and attr(heading, "id") == "l8-1"
        assert attr(track, "data-id") == "L8.1"
        assert json.loads(attr(track, "data-dates")) == {"ja": "2025-05-01", "en": "2025-05-01"}
        assert attr(track, "data-updated") == "2025-05-01"
        group = one(track, "[role=radiogroup]")
        assert attr(group, "aria-label") == name
        assert [attr(b, "data-state") for b in group.select("[role=radio]")] == [
            "none",
            "doing",
            "done",
        ]
        assert track.has_attr("data-pagefind-ignore")  # not search text


def test_the_lesson_header_control_carries_both_languages_dates(root: Path) -> None:
    build = site(root, "en")
    build.page("l/l7.md", "<p>Text.</p>")
    head = BeautifulSoup(build.generator.lesson_header("L7"), "html.parser")
    track = one(head, ".nx-track")
    assert attr(track, "data-id") == "L7" and "nx-track--section" not in attr(track, "class")
    assert json.loads(attr(track, "data-dates")) == {"ja": "2025-04-01", "en": "2025-04-01"}


def test_english_map_translation_state(root: Path) -> None:
    """L7 translated, L8 and its section in Japanese only; after the Japanese L7 changes, its
    translation is behind; nothing on the Japanese site or for what is in preparation."""
    en = catalog(root, "en")
    assert staleness.state(en.entries["L7"], en) == "translated"
    assert staleness.state(en.entries["L8"], en) == "ja"
    assert staleness.state(en.entries["L8.1"], en) == "ja"
    assert staleness.state(en.entries["L8.2"], en) is None
    ja = catalog(root, "ja")
    assert staleness.state(ja.entries["L7"], ja) is None
    l7 = root / "content" / "l" / "l7.md"
    l7.write_text(l7.read_text("utf-8") + "追記。\n", encoding="utf-8")
    assert staleness.state(catalog(root, "en").entries["L7"], en) == "stale"


def test_series_map_nodes_carry_the_overlays_data(root: Path) -> None:
    def nodes(lang: str) -> dict[str, Any]:
        page = site(root, lang).pages["l/index.md"]
        data = one(BeautifulSoup(page.html, "html.parser"), "script.nexus-mindmap__data")
        found: dict[str, Any] = {}

        def walk(node: dict[str, Any]) -> None:
            found[node["id"]] = node
            for child in node["children"]:
                walk(child)

        walk(json.loads(data.string or ""))
        return found

    en, ja = nodes("en"), nodes("ja")
    assert en["L7"]["translation"] == "translated" and en["L8"]["translation"] == "ja"
    assert en["L8.1"]["translation"] == "ja" and en["L8.1"]["updated"] == "2025-05-01"
    assert "translation" not in en["L8.2"] and "updated" not in en["L8.2"]
    assert "translation" not in ja["L7"] and ja["L7"]["updated"] == "2025-04-01"
