"""Both languages: every page has its twin, switchers and hreflang point to it, untranslated
lessons show the Japanese original under a notice, and stale translations are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from nexus_site.cli import main
from support import attr, build, copy_project, english_lessons, one, read_html

pytestmark = pytest.mark.build


def pages(site: Path) -> set[str]:
    return {
        p.parent.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith(("en/", "assets/", "search/"))
    }


def test_every_page_has_a_twin(real_site: Path) -> None:
    ja, en = pages(real_site), pages(real_site / "en")
    assert ja == en
    assert {".", "p", "p/p9", "p/p15", "g/g17", "terms", "disclaimer"} <= ja
    assert (real_site / "404.html").is_file() and (real_site / "en" / "404.html").is_file()


@pytest.mark.parametrize(("lang", "prefix"), [("ja", ""), ("en", "en/")])
def test_html_lang_switcher_and_hreflang(real_site: Path, lang: str, prefix: str) -> None:
    other = "en" if lang == "ja" else "ja"
    for rel in sorted(pages(real_site)):
        page_dir = real_site / prefix / rel
        page = read_html(page_dir / "index.html")
        assert attr(one(page, "html"), "lang") == lang, rel
        switch = page.select(".nx-lang__link")
        assert len(switch) == 1 and switch[0]["hreflang"] == other
        target = (page_dir / attr(switch[0], "href")).resolve()
        expected = (real_site / ("en/" if other == "en" else "") / rel).resolve()
        assert target == expected, f"{rel}: {switch[0]['href']}"
        assert (target / "index.html").is_file()
        alternates = {
            attr(link, "hreflang"): attr(link, "href")
            for link in page.select("link[hreflang]")
            if "alternate" in link.get_attribute_list("rel")
        }
        path = "" if rel == "." else rel + "/"
        assert alternates == {
            "ja": f"https://example.github.io/nexus/{path}",
            "en": f"https://example.github.io/nexus/en/{path}",
            "x-default": f"https://example.github.io/nexus/{path}",
        }


def test_english_chrome(real_site: Path) -> None:
    page = read_html(real_site / "en" / "p" / "index.html")
    assert (
        one(page, "article h1").get_text()
        == "Medical AI with Python: Theory and Implementation of AI in Python"
    )
    headers = [th.get_text(strip=True) for th in page.select("table.nx-overview th[scope=row]")]
    assert headers == [
        "Course overview",
        "Who it is for",
        "Purpose and learning objectives",
        "Final goal",
    ]
    assert one(page, "#p1-item .nx-badge").get_text() == "In preparation"
    footer = [a.get_text() for a in page.select(".nx-footer-links a")]
    assert footer == ["Disclaimer and notes", "Terms of use", "Glossary"]
    terms = read_html(real_site / "en" / "terms" / "index.html")
    assert one(terms, "article h1").get_text() == "Terms of Use"


def test_fallback_notice_exactly_when_untranslated(real_site: Path) -> None:
    lessons = english_lessons()
    assert lessons["p/p15/"], "P15 (the notebook) is the lesson kept untranslated"
    for url, untranslated in lessons.items():
        page = read_html(real_site / "en" / url / "index.html")
        assert one(page, ".nx-crumbs").get_text(" ", strip=True).startswith("Home"), url
        if untranslated:
            assert page.select_one(".nx-fallback-notice") is not None, url
            assert one(page, ".nx-original")["lang"] == "ja", url
        else:
            assert page.select_one(".nx-fallback-notice") is None, url
            assert page.select_one(".nx-original") is None, url
            assert attr(one(page, "html"), "lang") == "en"
    for rel in pages(real_site):
        assert read_html(real_site / rel / "index.html").select_one(".nx-fallback-notice") is None


def test_search_indexes_are_per_language(real_site: Path) -> None:
    """Each language build has its own index; an English page shown in Japanese is in the
    English index by its English title (and its body's Latin-script terms), marked as such."""
    import json

    for site, lang in ((real_site, "ja"), (real_site / "en", "en")):
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
        assert list(entry["languages"]) == [lang]
    fallback = read_html(real_site / "en" / "p" / "p15" / "index.html")
    [body] = fallback.select("[data-pagefind-body]")
    assert one(body, "h1").get_text() == "RNNs and LSTMs in PyTorch"  # title.en of curriculum/p.yml
    meta = {attr(s, "data-pagefind-meta") for s in body.select("span[data-pagefind-meta]")}
    assert "original:ja" in meta and "label:Lesson 15" in meta
    for url, untranslated in english_lessons().items():
        if not untranslated:
            translated = read_html(real_site / "en" / url / "index.html")
            assert not any(
                "original" in attr(s, "data-pagefind-meta")
                for s in translated.select("span[data-pagefind-meta]")
            ), url


def test_stale_translation_is_reported_and_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project")
    assert main(["--root", str(project), "translations"]) == 0
    out = capsys.readouterr().out
    assert "G17" not in out.split("stale")[-1] if "stale translations" in out else True
    source = project / "content" / "g" / "g17.md"
    source.write_text(source.read_text("utf-8") + "\n追記。\n", "utf-8")
    assert main(["--root", str(project), "translations"]) == 0
    out = capsys.readouterr().out
    assert "stale translations" in out and "G17" in out
    with pytest.raises(Exception, match="warning"):
        build(project / "mkdocs.en.yml", tmp_path / "site")
    assert main(["--root", str(project), "translated", "content/g/g17.en.md"]) == 0
    capsys.readouterr()
    assert main(["--root", str(project), "translations"]) == 0
    assert "stale translations" not in capsys.readouterr().out
