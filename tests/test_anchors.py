"""Anchors of lesson pages (site/anchors.py): what ``nexus:ID#anchor`` may name, found from the
source as the build renders it, and the located error when a link names one the page lacks.

The messages themselves are golden (tests/golden/content_unknown_anchor*); the strict build's
verdict on them is in tests/test_links.py.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from nexus_site import project
from nexus_site.curriculum.model import Lang
from nexus_site.site import anchors
from nexus_site.site.anchors import Anchors
from nexus_site.site.catalog import Catalog, Status
from nexus_site.site.links import resolve_links
from support import ROOT

MINI = Path(__file__).parent / "fixtures" / "mini"


def catalog(root: Path, lang: Lang = "ja") -> Catalog:
    loaded = project.load(root / "curriculum", root / "content", root=root)
    return Catalog(loaded.curriculum, loaded.content, lang, root / "content")


@pytest.fixture(scope="module")
def mini() -> Catalog:
    return catalog(MINI)


def of(text: str, mini: Catalog) -> list[str]:
    return anchors.of_markdown(text, catalog=mini, page_url="l/l8/", src="l8.md")


def test_the_extensions_are_those_mkdocs_loads() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert tuple(config.markdown_extensions) == anchors.EXTENSIONS
    configs = dict(config.mdx_configs)
    slugify = configs["toc"].pop("slugify")
    ours = {k: dict(v) for k, v in anchors.CONFIGS.items()}
    our_slugify = ours["toc"].pop("slugify")
    assert (slugify.func, slugify.keywords) == (our_slugify.func, our_slugify.keywords)
    assert configs == ours


def test_headings_get_the_site_s_ids(mini: Catalog) -> None:
    text = (
        "---\ndate: 2025-05-01\n---\n\n# 題\n\n## 1. 学習サイクルの全体像\n\n"
        "## STEP 1:予測 (Forward) = 「診断」\n\n## 要約 {#summary}\n\n## 要約\n\n## 要約\n\n"
        "```python\n# not a heading\n```\n\n!!! note\n\n    ### 注記の見出し\n"
    )
    assert of(text, mini) == [
        "題",
        "1-学習サイクルの全体像",
        "step-1予測-forward--診断",
        "summary",
        "要約",
        "要約_1",
        "__codelineno-0-1",  # a line of the code block
        "注記の見出し",
    ]


def test_any_element_with_an_id_counts(mini: Catalog) -> None:
    text = (
        'Text.[^1]\n{#para}\n\n<div id="raw-block" markdown>\n\n## 中\n\n</div>\n\n'
        '<a id="inline"></a>\n\n[^1]: A note.\n'
    )
    found = of(text, mini)
    for ident in ("para", "raw-block", "中", "inline", "fn:1", "fnref:1"):
        assert ident in found, ident


def test_titles_of_links_in_headings_and_citations_are_as_built(mini: Catalog) -> None:
    text = "## 関連: [](nexus:L8)\n\n本文[1]。\n\n## 参考文献\n\n1. A. (2020).\n"
    assert of(text, mini) == [
        "関連-l8-カルテや論文を自動でまとめる",
        "cite-1",
        "参考文献",
        "ref-1",
    ]


def test_notebook_headings_are_numbered_as_on_the_page() -> None:
    notebook = {
        "cells": [
            {"cell_type": "markdown", "id": "a", "source": ["## 1. はじめに\n", "\n### 例"]},
            {"cell_type": "code", "id": "b", "source": "# not a heading"},
            {"cell_type": "markdown", "id": "c", "source": "### 例\n\n## **太字** と `code`"},
        ]
    }
    assert anchors.of_notebook(json.dumps(notebook)) == [
        "1-はじめに",
        "例",
        "例-2",
        "太字-と-code",
        "cell-id=a",
        "cell-id=b",
        "cell-id=c",
    ]
    assert anchors.of_notebook("{not json") == []
    assert anchors.of_notebook("[" * 100_000 + "]" * 100_000) == []
    odd = {"cells": [{"cell_type": "markdown", "source": ["## a", 1]}, "x", {"source": 2}]}
    assert anchors.of_notebook(json.dumps(odd)) == ["a1"]


def test_a_link_to_a_section_is_checked_on_the_page_that_shows_it(tmp_path: Path) -> None:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "content" / "l" / "l8.md").write_text(
        "---\ndate: 2025-05-01\n---\n\n## 8.1 抽出型 {#l8-1}\n\n### 例\n", encoding="utf-8"
    )
    found = Anchors(catalog(root), root)
    page = found.page_of("L8.1")
    assert page is not None and page.id == "L8"
    assert found.problem("L8.1", "例") is None
    assert found.problem("L8.1", "%E4%BE%8B") is None  # percent-encoded
    assert found.problem("L8", "l8-1") is None
    message, hint = found.problem("L8", "例え") or ("", "")
    assert (
        message
        == "link to L8#例え: content/l/l8.md has no heading or element with the anchor #例え"
    )
    assert hint.startswith("did you mean #例? ")
    # Not a lesson page: a series, a lesson in preparation. Their links are not checked here.
    assert found.problem("L", "part-iii") is None
    assert found.problem("L7", "anything") is None


def resolve(catalog: Catalog, text: str) -> list[str]:
    _, problems = resolve_links(
        text,
        page_url="g/g17/",
        catalog=catalog,
        lang=catalog.lang,
        src="content/g/g17.md",
        anchor_problem=Anchors(catalog, ROOT).problem,
    )
    return [p.format() for p in problems]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_real_notebook_anchor(lang: Lang) -> None:
    real = catalog(ROOT, lang)
    heading = "4-lstm長短期記憶取捨選択のプロフェッショナル"
    assert resolve(real, f"[LSTM](nexus:P15#{heading})") == []
    (problem,) = resolve(real, "[LSTM](nexus:P15#lstm)")
    assert problem.startswith(
        "content/g/g17.md:1:1: error: link to P15#lstm: content/p/p15.ipynb has no heading or "
        "element with the anchor #lstm\n"
    )
    assert "a notebook heading's anchor is its text" in problem


def test_a_lesson_in_preparation_with_an_anchor_is_a_note() -> None:
    real = catalog(ROOT)
    unpublished = next(
        e.id for e in real.entries.values() if e.status is Status.PREPARING and e.depth == 1
    )
    (problem,) = resolve(real, f"[x](nexus:{unpublished}#anything)")
    assert ": note: link to " + unpublished in problem


@pytest.mark.build
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_what_check_finds_is_on_the_built_page(real_site: Path, lang: Lang) -> None:
    """Every anchor found from the source is an id of the built lesson page, and every heading
    of its content has an id found from the source."""
    real = catalog(ROOT, lang)
    found = Anchors(real, ROOT)
    pages = [e for e in real.entries.values() if e.status is Status.PAGE]
    assert pages
    for entry in pages:
        assert entry.url is not None
        html = real_site / ("en" if lang == "en" else "") / entry.url / "index.html"
        content = BeautifulSoup(html.read_text("utf-8"), "html.parser").select_one("article")
        assert content is not None
        built = {str(tag["id"]) for tag in content.select("[id]")}
        mine = found.of(entry)
        assert set(mine) <= built, (entry.id, set(mine) - built)
        headings = {str(h["id"]) for h in content.select("h1[id], h2[id], h3[id], h4[id], h5[id]")}
        assert headings - {"nx-children-title"} <= set(mine), (entry.id, headings - set(mine))
