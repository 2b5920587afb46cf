"""Page policy of the build core (:class:`nexus_site.site.build.SiteBuild`), without MkDocs.

Each test drives one stage the way a static-site tool would and checks the data it answers:
which files are placed where, page meta, link resolution, the HTML and parts of each kind of
page, the template context and the files written at the end. Milliseconds each.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from nexus_site.content.translations import file_hash
from nexus_site.errors import CurriculumError
from nexus_site.site.build import SiteBuild

MINI = Path(__file__).parent / "fixtures" / "mini"
SITE_URL = "https://example.org/nexus/"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini fixture with an English translation of L8, a sub-lesson section (L8.1 as a
    heading of L8) and a notebook-free math page (L7)."""
    root = tmp_path_factory.mktemp("site-build") / "mini"
    shutil.copytree(MINI, root)
    l8 = root / "content" / "l" / "l8.md"
    l8.write_text(
        "---\ndate: 2025-05-01\ndescription: <b>テスト</b>\n---\n\n本文 [](nexus:L7)。\n\n"
        "## 8.1 抽出型 {#l8-1}\n\n[次](nexus:M0)\n",
        encoding="utf-8",
    )
    (root / "content" / "l" / "l7.md").write_text(
        "---\ndate: 2025-04-01\n---\n\n$$x^2$$\n", encoding="utf-8"
    )
    (root / "content" / "l" / "l8.en.md").write_text(
        f'---\ndate: 2025-05-01\nsource_hash: "{file_hash(l8)}"\n---\n\nText.\n',
        encoding="utf-8",
    )
    return root


def site_build(root: Path, lang: str = "ja", site_url: str = SITE_URL) -> SiteBuild:
    return SiteBuild(
        root=root,
        content_dir=root / "content",
        curriculum="curriculum",
        lang=lang,  # type: ignore[arg-type]
        site_url=site_url,
        site_name="Mini Nexus",
        repo_url="https://github.com/o/r",
    )


@pytest.fixture(scope="module")
def ja(project: Path) -> SiteBuild:
    return site_build(project, "ja")


@pytest.fixture(scope="module")
def en(project: Path) -> SiteBuild:
    return site_build(project, "en")


SOURCES = ["l/l7.md", "l/l8.md", "l/l8.en.md", "img/x.png"]


def test_a_broken_project_raises_every_problem(tmp_path: Path) -> None:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "content" / "l" / "l9.md").write_text("no front matter\n", encoding="utf-8")
    (root / "curriculum" / "m.yml").write_text("id: M\ntitle: [\n", encoding="utf-8")
    with pytest.raises(CurriculumError) as error:
        site_build(root)
    report = error.value.report()
    assert "content/l/l9.md" in report and "curriculum/m.yml:" in report


def test_japanese_build_drops_translations_and_adds_generated_pages(ja: SiteBuild) -> None:
    remove, add = ja.files(SOURCES)
    assert remove == ["l/l8.en.md"]
    uris = [f.uri for f in add]
    assert {"index.md", "l/index.md", "m/index.md", "disclaimer/index.md", "terms/index.md"} <= set(
        uris
    )
    assert "assets/nexus/nexus.css" in uris and "assets/nexus/mindmap/mindmap.js" in uris
    home = next(f for f in add if f.uri == "index.md")
    assert home.content is not None and home.content.startswith('---\ntitle: "Mini Nexus"')


def test_english_build_serves_the_translation_at_the_original_path(en: SiteBuild) -> None:
    remove, add = en.files(SOURCES)
    assert set(remove) == {"l/l8.en.md", "l/l8.md"}
    placed = next(f for f in add if f.uri == "l/l8.md")
    assert placed.source is not None and placed.source.name == "l8.en.md"


def test_lesson_meta_is_escaped_and_dated(ja: SiteBuild) -> None:
    meta = ja.page_meta("l/l8.md", {})
    assert meta["title"] == "L8: カルテや論文を自動でまとめる"
    assert meta["description"] == "&lt;b&gt;テスト&lt;/b&gt;"
    assert meta["update_date"] == "2025-05-01"
    assert ja.page_meta("index.md", {})["update_date"] == "2025-05-01"  # the newest lesson's


def test_links_by_id_resolve_and_unknown_ones_fail_together(ja: SiteBuild) -> None:
    source = (ja.content_dir / "l" / "l8.md").read_text(encoding="utf-8")
    body = source.split("---\n", 2)[2].lstrip("\n")  # as MkDocs hands it over
    markdown, warnings = ja.markdown("l/l8.md", body, url="l/l8/", path=None, source=source)
    assert "[L7: BERTの核心技術](../l7/)" in markdown
    assert 'class="nx-unpublished"' in markdown  # M0 is in preparation: text, unlinked
    assert warnings == []  # a link to a lesson in preparation is allowed: a note
    [note] = ja.notes
    assert "M0" in note.message and note.location.line == 10  # front matter counted
    ja.check_links()  # nothing broken
    broken = site_build(ja.root)
    broken.markdown("l/l7.md", "[](nexus:Q1)\n", url="l/l7/", path=None, source="[](nexus:Q1)")
    with pytest.raises(CurriculumError, match="Q1"):
        broken.check_links()


def test_anchors_are_those_of_the_page_each_language_shows(project: Path) -> None:
    """L8's heading {#l8-1} is in the Japanese page, not in its English translation: L7 (in
    Japanese on both sites) may link to it from the Japanese site only."""
    text = "[抽出型](nexus:L8#l8-1)\n"
    for lang, broken in (("ja", False), ("en", True)):
        build = site_build(project, lang)
        build.markdown("l/l7.md", text, url="l/l7/", path=None, source=text)
        assert bool(build.link_errors) is broken, lang
    [error] = build.link_errors
    assert error.message == (
        "link to L8#l8-1: content/l/l8.en.md has no heading or element with the anchor #l8-1"
    )
    assert "the Japanese page (content/l/l8.md) has it" in (error.hint or "")


def test_generated_page_brings_its_html_and_toc(ja: SiteBuild) -> None:
    parts = ja.page("l/index.md", "<p>placeholder</p>")
    assert parts.toc is not None and parts.html.startswith('<div class="nx-series">')
    assert [item.id for item in parts.toc] == ["latest", "map", "structure"]
    assert parts.meta["nexus_js"] == ["assets/nexus/mindmap/mindmap.js"]


def test_lesson_page_gets_chrome_and_only_the_scripts_it_needs(ja: SiteBuild) -> None:
    plain = ja.page("l/l8.md", "<p>本文</p>")
    assert plain.toc is None and plain.html == "<p>本文</p>"
    assert 'class="nx-lesson-head' in plain.meta["nexus_head"]
    assert "nexus_foot" in plain.meta and plain.meta["nexus_js"] == []
    math = ja.page("l/l7.md", '<div class="arithmatex">x</div>')
    assert "assets/nexus/javascripts/katex-init.js" in math.meta["nexus_js"]  # loads KaTeX lazily


def test_untranslated_lesson_is_marked_japanese_for_screen_readers_and_search(
    en: SiteBuild,
) -> None:
    parts = en.page("l/l7.md", "<p>本文</p>")
    assert parts.html == '<div class="nx-original" lang="ja"><p>本文</p></div>'
    assert parts.meta["nexus_search"].meta == {
        "kind": "lesson",
        "series": "L",
        "id": "L7",
        "label": "Lesson 7",
        "original": "ja",  # found in English search by its English title, marked as Japanese
    }
    translated = en.page("l/l8.md", "<p>Text.</p>")
    assert "original" not in translated.meta["nexus_search"].meta
    assert translated.html == "<p>Text.</p>"


def test_context_links_the_same_page_in_each_language(en: SiteBuild) -> None:
    context = en.context("l/l8/")
    alternates = {a["lang"]: a for a in context["alternates"]}
    assert alternates["ja"]["href"] == "../../../l/l8/"
    assert alternates["ja"]["absolute"] == SITE_URL + "l/l8/"
    assert alternates["en"]["current"] and context["feed_url"] == "../../feed.xml"
    assert en.edit_url("l/l8.md") == "https://github.com/o/r/edit/main/content/l/l8.en.md"


def test_outputs_feed_only_with_a_site_url(ja: SiteBuild) -> None:
    assert "feed.xml" in ja.outputs().files
    without = site_build(ja.root, site_url="")
    outputs = without.outputs()
    assert "feed.xml" not in outputs.files and "site_url" in outputs.notes[0]


def test_preview_keeps_the_last_good_build_and_shows_the_error(tmp_path: Path) -> None:
    """In the preview a YAML error does not stop the build: the last good build stands in,
    every page shows the error (file:line:col, hint, both languages); fixing it restores."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    options: dict[str, Any] = {
        "root": root,
        "content_dir": root / "content",
        "curriculum": "curriculum",
        "lang": "ja",
    }
    good = SiteBuild.start(serving=True, **options)
    assert good.with_errors("<p>x</p>") == "<p>x</p>"
    series = root / "curriculum" / "l.yml"
    text = series.read_text("utf-8")
    series.write_text(text.replace("        number: 7\n", "        number： 7\n"), "utf-8")
    with pytest.raises(CurriculumError):
        SiteBuild.start(serving=False, **options)  # a build stops
    kept = SiteBuild.start(serving=True, **options)
    assert kept is good
    page = kept.with_errors("<p>x</p>")
    assert "curriculum/l.yml:10:15" in page and "全角「：」" in page and "hint:" in page
    assert "ビルドエラー" in page and "Build error" in page and page.endswith("<p>x</p>")
    series.write_text(text, "utf-8")
    fixed = SiteBuild.start(serving=True, **options)
    assert fixed.with_errors("<p>x</p>") == "<p>x</p>"
