"""Authoring and publishing: "edit this page" links, last-updated dates from git, the author guide."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from nexus_site.content import history
from nexus_site.content.scan import scan
from nexus_site.curriculum.loader import load
from nexus_site.curriculum.model import Lang
from nexus_site.site import render, urls
from nexus_site.site.catalog import Catalog
from nexus_site.site.pages import Generator
from support import ROOT, article, attr, build, built_page, copy_project, one

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def edit_link(site: Path, url: str) -> str:
    link = one(built_page(site, url), "a.md-content__button[rel=edit]")
    assert isinstance(link, Tag), f"no edit link on {url or 'home'}"
    href = str(link["href"])
    assert href.startswith("https://github.com/"), href
    return href


# --- edit this page ---------------------------------------------------------------------------


def test_edit_url() -> None:
    assert (
        urls.edit_url("https://github.com/owner/site", "content/p/p15.md")
        == "https://github.com/owner/site/edit/main/content/p/p15.md"
    )
    assert (
        urls.edit_url("https://github.com/owner/site.git/", "curriculum/p.yml", branch="dev")
        == "https://github.com/owner/site/edit/dev/curriculum/p.yml"
    )
    assert urls.edit_url("", "content/p/p15.md") is None


def catalog(lang: Lang, updated: dict[str, dt.date] | None = None) -> Catalog:
    curriculum = load(ROOT / "curriculum", root=ROOT)
    content = scan(curriculum, ROOT / "content", root=ROOT)
    return Catalog(curriculum, content, lang, ROOT / "content", updated=updated or {})


def test_sources_name_the_file_each_page_is_written_in() -> None:
    ja, en = catalog("ja").sources(), catalog("en").sources()
    assert ja["p/p15.ipynb"] == en["p/p15.ipynb"] == "content/p/p15.ipynb"  # not translated
    assert ja["g/g17.md"] == "content/g/g17.md"
    assert en["g/g17.md"] == "content/g/g17.en.md"  # the translation takes the original's place
    for page, source in ja.items():  # every page written in content/: its English file, if any
        if source.startswith("content/"):
            translation = source.rsplit(".", 1)[0] + ".en.md"
            assert en[page] == (translation if (ROOT / translation).is_file() else source), page
    assert ja["p/index.md"] == en["p/index.md"] == "curriculum/p.yml"
    for page in ("index.md", "disclaimer/index.md", "terms/index.md"):
        assert ja[page] == "curriculum/site.yml"
    assert ja["guide.md"] == "content/guide.md"
    assert en["guide.md"] == "content/guide.en.md"
    assert catalog("ja").sources(content="docs", curriculum="data")["p/index.md"] == "data/p.yml"


@pytest.mark.build
@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("p/p9", "content/p/p9.md"),
        ("p/p15", "content/p/p15.ipynb"),
        ("g/g17", "content/g/g17.md"),
        ("en/g/g17", "content/g/g17.en.md"),  # translated lesson: the English file
        ("en/p/p15", "content/p/p15.ipynb"),  # not translated yet: the Japanese file it shows
        ("p", "curriculum/p.yml"),  # series page: the curriculum file that defines it
        ("en/g", "curriculum/g.yml"),
        ("", "curriculum/site.yml"),
        ("en", "curriculum/site.yml"),
        ("disclaimer", "curriculum/site.yml"),
        ("terms", "curriculum/site.yml"),
        ("guide", "content/guide.md"),  # site page
        ("en/guide", "content/guide.en.md"),
    ],
)
def test_edit_links(real_site: Path, url: str, source: str) -> None:
    assert edit_link(real_site, url).endswith(f"/edit/main/{source}")


# --- last updated -----------------------------------------------------------------------------


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Author",
        "GIT_AUTHOR_EMAIL": "author@example.org",
        "GIT_COMMITTER_NAME": "Author",
        "GIT_COMMITTER_EMAIL": "author@example.org",
    }
    if date is not None:
        env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"] = f"{date}T12:00:00+09:00"
    subprocess.run(
        [GIT or "git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )


def commit(repo: Path, message: str, date: str, *paths: str) -> None:
    git(repo, "add", "--", *paths)
    git(repo, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Never find a repository above tmp_path (the test would then read someone else's history).
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    (root / "content" / "p").mkdir(parents=True)
    git(root, "init", "-q")
    return root


@needs_git
def test_last_updated_is_the_newest_commit_date(repo: Path) -> None:
    content = repo / "content"
    (content / "p" / "p9.md").write_text("---\ndate: 2024-01-01\n---\n", "utf-8")
    (content / "p" / "p15.md").write_text("---\ndate: 2024-01-01\n---\n", "utf-8")
    (repo / "README.md").write_text("not content\n", "utf-8")
    commit(repo, "first", "2024-03-05", ".")
    (content / "p" / "p9.md").write_text("---\ndate: 2024-01-01\n---\n\nmore\n", "utf-8")
    commit(repo, "second", "2024-04-20", "content/p/p9.md")
    (content / "p" / "p16.md").write_text("---\ndate: 2024-05-01\n---\n", "utf-8")  # uncommitted

    assert history.last_updated(content) == {
        "p/p9.md": dt.date(2024, 4, 20),
        "p/p15.md": dt.date(2024, 3, 5),
    }


@needs_git
def test_shallow_clone_boundary_gives_no_dates(repo: Path, tmp_path: Path) -> None:
    content = repo / "content"
    (content / "p" / "p9.md").write_text("one\n", "utf-8")
    commit(repo, "first", "2024-03-05", ".")
    (content / "p" / "p15.md").write_text("two\n", "utf-8")
    commit(repo, "second", "2024-04-20", ".")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    # The boundary commit stands for all of the cut-off history: no date is better than its date.
    assert history.last_updated(clone / "content") == {}


def test_no_repository_gives_no_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "content").mkdir()
    assert history.last_updated(tmp_path / "content") == {}
    assert history.last_updated(tmp_path / "missing") == {}


def test_no_git_gives_no_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert history.last_updated(ROOT / "content", git=str(tmp_path / "no-such-git")) == {}
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on the PATH
    assert history.last_updated(ROOT / "content") == {}


def test_parse_takes_the_first_date_of_each_path() -> None:
    log = "\0" + "2024-04-20\t\n\np/p9.md\n\0" + "2024-03-05\t\n\np/p9.md\np/p15.md\n"
    assert history._parse(log) == {"p/p9.md": dt.date(2024, 4, 20), "p/p15.md": dt.date(2024, 3, 5)}
    assert history._parse("\0garbage\t\n\np/p9.md\n") == {}


def header(lang: Lang, ident: str, updated: dict[str, dt.date]) -> BeautifulSoup:
    generator = Generator(catalog(lang, updated), render.environment(), lang)
    return BeautifulSoup(generator.lesson_header(ident), "html.parser")


def test_header_shows_the_update_date_only_when_later() -> None:
    later = {"p/p9.md": dt.date(2030, 1, 2), "g/g17.en.md": dt.date(2031, 2, 3)}
    page = header("ja", "P9", later)
    updated = one(page, ".nx-date--updated")
    assert updated is not None and "更新日" in updated.get_text()
    assert one(updated, "time")["datetime"] == "2030-01-02"
    # No history: the front-matter date, which is the publication date, so nothing is added.
    assert header("ja", "G17", later).select_one(".nx-date--updated") is None
    # The English page dates its own file, the translation.
    english = one(header("en", "G17", later), ".nx-date--updated")
    assert english is not None and "Updated" in english.get_text()
    assert one(english, "time")["datetime"] == "2031-02-03"
    # Committed before its publication date (written ahead): no "updated" before "published".
    assert header("ja", "P9", {"p/p9.md": dt.date(2020, 1, 1)}).select(".nx-date") != []
    assert header("ja", "P9", {"p/p9.md": dt.date(2020, 1, 1)}).select(".nx-date--updated") == []


def test_entry_updated_falls_back_to_the_front_matter_date() -> None:
    entries = catalog("ja", {"g/g17.md": dt.date(2030, 1, 1)}).entries
    assert entries["G17"].updated == dt.date(2030, 1, 1)
    assert entries["P9"].file is not None
    assert entries["P9"].updated == entries["P9"].file.front.date
    assert entries["P16"].updated is None  # not published


@needs_git
@pytest.mark.build
def test_build_shows_git_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q")
    commit(project, "lessons", "2030-07-08", "content/g/g17.md", "content/p/p9.md")
    # content/p/p15.ipynb stays uncommitted: its front-matter date, so no update date.
    site = build(project / "mkdocs.yml", tmp_path / "site")

    def updated(url: str) -> list[str]:
        return [attr(t, "datetime") for t in built_page(site, url).select(".nx-date--updated time")]

    assert updated("g/g17") == updated("p/p9") == ["2030-07-08"]
    assert updated("p/p15") == []
    assert built_page(site, "p/p15").select(".nx-date time")  # the publication date is still shown


# --- the author guide -------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize(("url", "lang"), [("guide", "ja"), ("en/guide", "en")])
def test_guide_page(real_site: Path, url: str, lang: Lang) -> None:
    title = next(p for p in load(ROOT / "curriculum", root=ROOT).site.pages if p.id == "guide")
    page = built_page(real_site, url)
    body = article(page)
    h1 = one(body, "h1")
    assert h1 is not None and h1.get_text(strip=True) == title.title.get(lang)
    assert body.select_one(".nx-fallback-notice") is None
    assert body.select_one(".nx-original") is None  # its own language, not the original
    # The Markdown examples render: math (for KaTeX), a mermaid diagram, tabs, footnotes, tables.
    assert body.select("span.arithmatex") and body.select("div.arithmatex")
    assert body.select("pre.nexus-mermaid")  # for our lazy loader, not Material's
    assert len(body.select(".tabbed-set")) >= 6
    assert body.select(".footnote li")
    assert body.select(".admonition.abstract") and body.select(".admonition.info")
    assert body.select("table")
    assert body.select(".highlight .filename")  # code with a title
    scripts = [str(s["src"]) for s in page.select("script[src]")]
    assert any("katex" in s for s in scripts) and any("mermaid" in s for s in scripts)
    # Links by ID are resolved (to G17 and its section G17.2), and only shown as code.
    hrefs = [str(a.get("href", "")) for a in body.select("a")]
    assert "../g/g17/" in hrefs and "../g/g17/#g17-2" in hrefs
    assert not any(h.startswith("nexus:") for h in hrefs)
    assert "[](nexus:G17)" in body.get_text()  # the source, in a code block
