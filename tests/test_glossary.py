"""The glossary: its pages in both languages, the terms marked in lessons, the opt-out, and
the term-consistency warnings of translations (on the mini fixture)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from nexus_site.cli import main
from nexus_site.content.translations import file_hash
from nexus_site.site.build import SiteBuild

MINI = Path(__file__).parent / "fixtures" / "mini"

GLOSSARY = """\
# yaml-language-server: $schema=glossary.schema.json
terms:
  - id: summarization
    ja: 要約
    en: summarization
    reading: ようやく
    definition: {ja: 文章を短くまとめること。, en: Making a text shorter <b>safely</b>.}
    lessons: [L8]
  - id: bert
    ja: BERT
    en: BERT
    reading: ばーと
    definition: {ja: 文脈を双方向に読む言語モデル。, en: A language model reading context both ways.}
    lessons: [L7, L8.1]
  - id: abstractive-summarization
    ja: 抽象型要約
    en: abstractive summarization
    reading: ちゅうしょうがたようやく
    definition: {ja: 新しい文を生成して要約する方法。, en: Summarizing by writing new sentences.}
"""

L8 = """\
---
date: 2025-05-01
---

要約はBERTで。要約は二度目。`要約`

## 8.1 抽象型要約 {#l8-1}

抽象型要約とBERT。
"""

L8_EN = """\
---
date: 2025-05-01
source_hash: "{digest}"
---

Summaries with BERT.

## 8.1 Abstractive summaries {{#l8-1}}

Generative summaries and BERT.
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("glossary") / "mini"
    shutil.copytree(MINI, root)
    (root / "curriculum" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    l8 = root / "content" / "l" / "l8.md"
    l8.write_text(L8, encoding="utf-8")
    (root / "content" / "l" / "l8.en.md").write_text(
        L8_EN.format(digest=file_hash(l8)), encoding="utf-8"
    )
    return root


def build(root: Path, lang: str) -> SiteBuild:
    return SiteBuild(
        root=root,
        content_dir=root / "content",
        curriculum="curriculum",
        lang=lang,  # type: ignore[arg-type]
    )


def test_glossary_pages_in_both_languages(project: Path) -> None:
    ja = BeautifulSoup(build(project, "ja").pages["glossary/index.md"].html, "html.parser")
    assert [h.get_text() for h in ja.select("h2")] == ["た", "は", "や"]  # gojūon rows
    entry = ja.select_one("#term-bert")
    assert entry is not None and entry.select_one("dfn").get_text() == "BERT"  # type: ignore[union-attr]
    links = [(a.get_text(), a["href"]) for a in entry.select("a")]
    assert links == [("L8.1 抽出型と要約型", "../l/l8/#l8-1")]  # L7 is not published: unlinked
    assert "L7" in entry.get_text() and "準備中" in entry.get_text()

    en_build = build(project, "en")
    en = BeautifulSoup(en_build.pages["glossary/index.md"].html, "html.parser")
    assert [h.get_text() for h in en.select("h2")] == ["A", "B", "S"]
    summary = en.select_one("#term-summarization")
    assert summary is not None
    assert summary.select_one('[lang="ja"]').get_text() == "要約"  # type: ignore[union-attr]
    assert "<b>" not in str(summary) and "&lt;b&gt;safely" in str(summary)  # escaped data
    assert en_build.nav[-1] == {"Glossary": "glossary/index.md"}
    assert en_build.context("l/l8/")["glossary"] == ("glossary/", "Glossary")


def test_first_use_of_a_term_in_a_lesson_gets_a_toggletip(project: Path) -> None:
    ja = build(project, "ja")
    html = ja.page(
        "l/l8.md",
        "<p>要約はBERTで。要約は二度目。<code>要約</code></p>"
        '<h2 id="l8-1">8.1 抽象型要約</h2><p>抽象型要約とBERT。</p>',
    ).html
    page = BeautifulSoup(html, "html.parser")
    buttons = page.select(".nx-term__button")
    assert [b.get_text() for b in buttons] == ["要約", "BERT", "抽象型要約"]  # first use only
    assert page.select_one("h2 .nx-term") is None and page.select_one("code .nx-term") is None
    tip = page.select_one("#" + str(buttons[0]["data-nx-tip"]))
    assert tip is not None and tip.select_one("a")["href"] == "../../glossary/#term-summarization"  # type: ignore[index]
    assert buttons[0]["aria-describedby"] == "nx-term-summarization-def"
    assert "glossary/terms.js" in " ".join(ja.page("l/l8.md", html).meta["nexus_js"])


def test_a_page_can_opt_out(project: Path, tmp_path: Path) -> None:
    root = tmp_path / "mini"
    shutil.copytree(project, root)
    l8 = root / "content" / "l" / "l8.md"
    l8.write_text(L8.replace("date: 2025-05-01", "date: 2025-05-01\nglossary: false"), "utf-8")
    html = build(root, "ja").page("l/l8.md", "<p>要約はBERTで。</p>").html
    assert "nx-term" not in html


def test_translation_using_another_english_term_is_warned(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(project), "check"]) == 1  # warnings fail CI: check says so
    err = capsys.readouterr().err
    assert (
        "content/l/l8.en.md:6:1: warning: term '要約' (content/l/l8.md) is not called "
        "'summarization' in this translation" in err
    )
    assert (
        "content/l/l8.en.md:8:1: warning: term '抽象型要約' (section '8.1 抽象型要約' of "
        "content/l/l8.md) is not called 'abstractive summarization' in this section" in err
    )
    assert "'BERT'" not in err
