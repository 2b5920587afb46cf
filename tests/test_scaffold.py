"""``nexus-site new``: lesson files from templates, and every refusal with its message."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest

from nexus_site.cli import main
from nexus_site.cli.scaffold import ScaffoldError, comment_json, md_text, new_lesson
from nexus_site.content.scan import scan
from nexus_site.content.translations import file_hash
from nexus_site.curriculum.loader import load
from nexus_site.curriculum.model import Curriculum, Lang
from nexus_site.site.catalog import Catalog, Status

ROOT = Path(__file__).parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"
TODAY = dt.date(2025, 7, 1)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's curriculum with a small content folder: P9 (Markdown) and P15
    (a notebook), copied from the real content, and the site pages (the author guide)."""
    shutil.copytree(ROOT / "curriculum", tmp_path / "curriculum")
    (tmp_path / "content" / "p").mkdir(parents=True)
    for name in ("p9.md", "p15.ipynb"):
        shutil.copy(ROOT / "content" / "p" / name, tmp_path / "content" / "p" / name)
    for page in (ROOT / "content").glob("*.md"):
        shutil.copy(page, tmp_path / "content" / page.name)
    return tmp_path


def curriculum_of(root: Path) -> Curriculum:
    return load(root / "curriculum", root=root)


def new(root: Path, ident: str, *, lang: Lang = "ja", fmt: str = "md") -> Path:
    return new_lesson(curriculum_of(root), root / "content", ident, lang=lang, today=TODAY, fmt=fmt)


def check_passes(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """`check` finds nothing in a new lesson but its template text, which it flags: the strict
    build fails on it until the author has replaced it with the lesson."""
    code = main(["--root", str(root), "check"])
    out, err = capsys.readouterr()
    problems = [line for line in err.splitlines() if ": warning: " in line or ": error: " in line]
    assert all("warning: template text left in" in line for line in problems), err
    assert code == (1 if problems else 0), err
    return out


def front_matter(text: str) -> str:
    assert text.startswith("---\n")
    return text.split("---\n", 2)[1]


def comments(text: str) -> list[str]:
    return re.findall(r"<!--(.*?)-->", text, re.S)


# --- creation ----------------------------------------------------------------------------------


def test_japanese_markdown_lesson_with_sub_lesson_sections(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new(project, "m10")  # any case
    assert path == project / "content" / "m" / "m10.md"
    text = path.read_text(encoding="utf-8")
    front = front_matter(text)
    assert "date: 2025-07-01\n" in front
    assert re.search(r"^description: \S", front, re.M)
    assert not re.search(r"^# ", text, re.M), "no H1: the title comes from the curriculum"
    (intro,) = comments(text)
    assert 'M10(第10回) "確率と統計をいちから立て直す"' in intro
    assert "curriculum/m.yml" in intro
    for hint in ("$", "mermaid", "python", "warning"):
        assert hint in intro
    for box in ('!!! abstract "TL;DR"', '!!! info "学習目標"', '!!! note "前提知識"'):
        assert f"\n{box}\n    " in text
    headings = re.findall(r"^## .*$", text, re.M)
    assert headings == [
        "## 10.1 測度論的確率論 — 「確率ってなに?」をちゃんと定義し直す土台の話 {#m10-1}",
        "## 10.2 多変量分布と共役分布 — 複数の変数が一緒に動くときの確率の扱い方 {#m10-2}",
        "## 10.3 条件付き独立と因果推論 — 「Aが起きたらBも?」を見極めるための数学 {#m10-3}",
        "## 参考文献",
    ]
    assert not re.search(r"[ \t]$", text, re.M), "no trailing whitespace"
    assert text.endswith(".\n") and not text.endswith("\n\n")
    check_passes(project, capsys)
    # The lesson page covers its sub-lessons: the anchors are where the catalog looks for them.
    curriculum = curriculum_of(project)
    catalog = Catalog(curriculum, scan(curriculum, project / "content"), "ja", project / "content")
    assert catalog.entries["M10.2"].status is Status.SECTION
    assert catalog.entries["M10.2"].url == "m/m10/#m10-2"


def test_lesson_without_sub_lessons_gets_one_placeholder_section(project: Path) -> None:
    text = new(project, "G18").read_text(encoding="utf-8")
    assert re.findall(r"^## .*$", text, re.M) == ["## はじめに", "## 参考文献"]


def test_deeper_sub_lessons_are_level_three_and_own_files_are_left_out(project: Path) -> None:
    new(project, "E2.3")  # a sub-lesson with its own page covers its children itself
    text = new(project, "E2").read_text(encoding="utf-8")
    assert "## 2.2 Git & GitHub マスタークラス {#e2-2}" in text
    assert "### 2.1.1 ファイル構造の黄金パターン {#e2-1-1}" in text
    assert "{#e2-3}" not in text and "{#e2-3-1}" not in text
    sub = (project / "content" / "e" / "e2.3.md").read_text(encoding="utf-8")
    assert "## 2.3.1 PEP 8 & Black / isort {#e2-3-1}" in sub
    assert '"Pythonプロフェッショナル開発作法"' in comments(sub)[0]


def test_japanese_notebook(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = new(project, "g17.2", fmt="ipynb", lang="ja")
    assert path == project / "content" / "g" / "g17.2.ipynb"
    nbf: Any = nbformat  # not annotated
    nb = nbf.read(path, as_version=4)
    nbf.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["nexus"]["date"] == "2025-07-01"
    assert nb.metadata["nexus"]["description"]
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    assert "G17.2" in first.source and "nexus.date" in first.source
    for title in ("TL;DR", "学習目標", "前提知識"):
        assert f'<p class="admonition-title">{title}</p>' in first.source
    assert nb.cells[1].cell_type == "code" and nb.cells[1].source.startswith("#")
    assert nb.cells[-1].source.startswith("## 参考文献")
    assert not any(re.search(r"^# ", c.source, re.M) for c in nb.cells if c.cell_type == "markdown")
    check_passes(project, capsys)


def test_english_stub_records_the_hash_and_date_of_its_source(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = new_lesson(
        curriculum_of(project), project / "content", "G17", today=dt.date(2025, 6, 20)
    )
    stub = new(project, "g17", lang="en")  # TODAY differs: the date is the source's
    assert stub == project / "content" / "g" / "g17.en.md"
    text = stub.read_text(encoding="utf-8")
    front = front_matter(text)
    assert "date: 2025-06-20\n" in front
    assert f'source_hash: "{file_hash(source)}"\n' in front
    assert re.search(r"^description: \S", front, re.M)
    (intro,) = comments(text)
    assert "content/g/g17.md" in intro
    assert '"連合学習" / "Federated Learning"' in intro
    assert "nexus-site translated content/g/g17.en.md" in intro
    for box in (
        '!!! abstract "TL;DR"',
        '!!! info "Learning objectives"',
        '!!! note "Prerequisites"',
    ):
        assert f"\n{box}\n    " in text
    headings = re.findall(r"^## .*$", text, re.M)
    assert headings[-1] == "## References"
    assert [h.rsplit(" ", 1)[-1] for h in headings[:-1]] == ["{#g17-1}", "{#g17-2}", "{#g17-3}"]
    assert headings[0].startswith("## 17.1 The Concept of Federated Learning")
    assert not re.search(r"^# ", text, re.M)
    check_passes(project, capsys)  # no "stale" or "no source" warning: the hash is current


def test_english_stub_of_a_notebook_lesson(project: Path) -> None:
    text = new(project, "P15", lang="en").read_text(encoding="utf-8")
    source = project / "content" / "p" / "p15.ipynb"
    assert f'source_hash: "{file_hash(source)}"' in text
    assert "date: 2025-08-20\n" in text  # from the notebook's metadata.nexus
    assert "content/p/p15.ipynb" in comments(text)[0]


# --- refusals ----------------------------------------------------------------------------------


def refused(root: Path, ident: str, *, lang: Lang = "ja", fmt: str = "md") -> ScaffoldError:
    with pytest.raises(ScaffoldError) as info:
        new(root, ident, lang=lang, fmt=fmt)
    return info.value


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "content").rglob("*"))
        if p.is_file()
    }


def test_existing_file_is_never_overwritten(project: Path) -> None:
    p9 = project / "content" / "p" / "p9.md"
    p9.write_bytes(p9.read_bytes() + b"\r\nmy own words\r\n")  # any bytes: they must survive
    before = snapshot(project)
    error = refused(project, "P9")
    assert error.message == "content/p/p9.md already exists"
    assert "never overwrites" in error.hint and "edit content/p/p9.md" in error.hint
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("ident", "fmt", "message", "existing"),
    [
        ("p9", "ipynb", "P9 already has a file: content/p/p9.md", "p9.md"),
        ("P15", "md", "P15 already has a file: content/p/p15.ipynb", "p15.ipynb"),
    ],
)
def test_the_other_format_counts_as_existing(
    project: Path, ident: str, fmt: str, message: str, existing: str
) -> None:
    before = snapshot(project)
    error = refused(project, ident, fmt=fmt)
    assert error.message == message
    assert "either Markdown or a notebook" in error.hint
    assert snapshot(project) == before
    assert not (project / "content" / "p" / f"{ident.lower()}.{fmt}").exists()


def test_existing_translation_is_never_overwritten(project: Path) -> None:
    new(project, "G18")
    new(project, "G18", lang="en")
    before = snapshot(project)
    error = refused(project, "g18", lang="en")
    assert error.message == "content/g/g18.en.md already exists"
    assert snapshot(project) == before


def test_unknown_id_suggests_close_ids(project: Path) -> None:
    error = refused(project, "p15.9")
    assert error.message == "P15.9 is not in the curriculum"
    assert error.hint.startswith("did you mean P15, P19?\n")
    assert "add it to curriculum/p.yml first" in error.hint
    assert not (project / "content" / "p" / "p15.9.md").exists()


def test_unknown_id_without_close_ids(project: Path) -> None:
    error = refused(project, "ZZZ")
    assert error.message == "ZZZ is not in the curriculum"
    assert error.hint.startswith("to add a new lesson, add it to curriculum/<series>.yml first")


def test_series_and_parts_have_no_files(project: Path) -> None:
    error = refused(project, "p")
    assert error.message == "P is a series, not a lesson"
    assert "only lessons (P15) and sub-lessons (P15.2) have files" in error.hint
    assert "curriculum/p.yml" in error.hint
    error = refused(project, "iii")
    assert error.message.startswith("III is a part (第III部 of series P, ")
    assert not (project / "content" / "p.md").exists()


def test_english_needs_the_japanese_source(project: Path) -> None:
    error = refused(project, "G18", lang="en")
    assert error.message == "G18 has no Japanese lesson yet: content/g/g18.md does not exist"
    assert "nexus-site new G18" in error.hint
    assert not (project / "content" / "g").exists()


def test_english_stubs_are_markdown(project: Path) -> None:
    error = refused(project, "P9", lang="en", fmt="ipynb")
    assert error.message == "English translations are Markdown files"


# --- data never reaches raw HTML -------------------------------------------------------------


def test_hostile_titles_stay_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(MINI, tmp_path, dirs_exist_ok=True)
    yml = tmp_path / "curriculum" / "l.yml"
    original = "        title: {ja: BERTの核心技術, en: The core of BERT}\n"
    hostile = (
        '        title: {ja: "BERT --> <script>alert(1)</script> &amp; 核心", en: x}\n'
        "        children:\n"
        "          - id: L7.1\n"
        '            title: {ja: "<img src=x onerror=alert(1)> &lt; {#evil}", en: x}\n'
    )
    text = yml.read_text(encoding="utf-8")
    assert original in text
    yml.write_text(text.replace(original, hostile), encoding="utf-8")
    path = new(tmp_path, "L7")
    out = path.read_text(encoding="utf-8")
    assert out.count("-->") == 1 and out.count("<!--") == 1  # the title cannot close the comment
    assert "<script" not in out and "<img" not in out
    assert (
        '"BERT --\\u003e \\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026amp; 核心"' in out
    )
    assert "## 7.1 &lt;img src=x onerror=alert(1)> &amp;lt; &#123;#evil} {#l7-1}" in out
    check_passes(tmp_path, capsys)


def test_filters() -> None:
    assert comment_json('a-->b<!--c&d"') == '"a--\\u003eb\\u003c!--c\\u0026d\\""'
    assert md_text("  A & B\n<b>  x ") == "A & B &lt;b> x"
    assert md_text("&copy; {x}") == "&amp;copy; &#123;x}"


# --- the command line --------------------------------------------------------------------------


def test_cli_success(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--root", str(project), "new", "g17.2", "--date", "2025-09-01"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.splitlines()[0] == "created content/g/g17.2.md"
    assert "preview: scripts/serve" in out.splitlines()
    assert "date: 2025-09-01\n" in (project / "content" / "g" / "g17.2.md").read_text("utf-8")
    assert main(["--root", str(project), "new", "G17.2", "--lang", "en"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0] == "created content/g/g17.2.en.md"
    assert main(["--root", str(project), "new", "G5", "--format", "ipynb"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0] == "created content/g/g5.ipynb"
    check_passes(project, capsys)


def test_cli_refusal(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(project)
    code = main(["--root", str(project), "new", "P15", "--format", "md"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        "error: P15 already has a file: content/p/p15.ipynb",
        "    hint: a lesson is either Markdown or a notebook, not both: edit content/p/p15.ipynb,"
        " or delete it yourself to start again as .md",
    ]
    assert main(["--root", str(project), "new", "P15.9"]) == 1
    _, err = capsys.readouterr()
    assert err.startswith("error: P15.9 is not in the curriculum\n    hint: did you mean P15, P19?")
    assert snapshot(project) == before


def test_cli_bad_date_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--root", str(project), "new", "G18", "--date", "2025-13-01"])
    assert info.value.code == 2
    assert "'2025-13-01' is not a date: use YYYY-MM-DD" in capsys.readouterr().err


def test_notebook_json_is_stable(project: Path) -> None:
    """Written like Jupyter writes notebooks: indented JSON ending with a newline."""
    text = new(project, "G18", fmt="ipynb").read_text(encoding="utf-8")
    assert text.startswith('{\n "cells": [')
    assert text.endswith("}\n")
    assert json.loads(text)["nbformat"] == 4
