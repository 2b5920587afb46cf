"""Links by ID in lesson Markdown: ``[](nexus:P15)`` → a page-relative link titled from the
curriculum, marked text for unpublished lessons, an error with a "did you mean" for unknown IDs."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import markdown as md
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from nexus_site import project
from nexus_site.cli.main import main
from nexus_site.content.frontmatter import front_matter_lines
from nexus_site.curriculum.model import Lang
from nexus_site.site import urls
from nexus_site.site.catalog import Catalog
from nexus_site.site.links import markdown_text, resolve_links
from support import copy_project

ROOT = Path(__file__).parents[1]
SRC = "content/x.md"
# What the site's Markdown needs to show the escaping works (see mkdocs.yml).
EXTENSIONS = ["attr_list", "md_in_html", "tables", "pymdownx.arithmatex", "pymdownx.superfences"]


def make_catalog(root: Path, lang: Lang) -> Catalog:
    loaded = project.load(root / "curriculum", root / "content", root=root)
    return Catalog(loaded.curriculum, loaded.content, lang, root / "content")


@pytest.fixture(scope="module")
def catalogs() -> dict[str, Catalog]:
    return {lang: make_catalog(ROOT, lang) for lang in ("ja", "en")}


def resolve(
    catalogs: dict[str, Catalog],
    text: str,
    page_url: str = "g/g17/",
    lang: Lang = "ja",
    line_offset: int = 0,
) -> tuple[str, list[str]]:
    out, problems = resolve_links(
        text, page_url=page_url, catalog=catalogs[lang], lang=lang, src=SRC, line_offset=line_offset
    )
    return out, [p.format() for p in problems]


# --- resolving -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", "[P15: PyTorchとRNN/LSTM](../../p/p15/)"),
        ("en", "[P15: RNNs and LSTMs in PyTorch](../../p/p15/)"),
    ],
)
def test_empty_text_becomes_the_title_in_the_page_language(
    catalogs: dict[str, Catalog], lang: Lang, expected: str
) -> None:
    assert resolve(catalogs, "前 [](nexus:P15) 後", lang=lang) == (f"前 {expected} 後", [])


def test_own_text_and_fragment_are_kept(catalogs: dict[str, Catalog]) -> None:
    text = '[RNNの回](nexus:P15) と [see](nexus:P15#lstm) と [t](nexus:P15 "title")'
    assert resolve(catalogs, text) == (
        '[RNNの回](../../p/p15/) と [see](../../p/p15/#lstm) と [t](../../p/p15/ "title")',
        [],
    )


@pytest.mark.parametrize(
    ("page_url", "link", "expected"),
    [
        # from a lesson page
        ("p/p15/", "[](nexus:P9)", "[P9: 損失関数と最適化](../p9/)"),
        ("p/p15/", "[x](nexus:G17)", "[x](../../g/g17/)"),
        ("p/p15/", "[x](nexus:G17.2)", "[x](../../g/g17/#g17-2)"),  # a section of G17's page
        ("p/p15/", "[x](nexus:G17.2#hands-on)", "[x](../../g/g17/#hands-on)"),
        ("g/g17/", "[x](nexus:G17.1)", "[x](#g17-1)"),  # the same page
        ("g/g17/", "[](nexus:P)", "[P: Medical AI with Python](../../p/)"),
        ("g/g17/", "[x](nexus:G#structure)", "[x](../#structure)"),
        # from a series page, the home page and a site page
        ("p/", "[x](nexus:P15)", "[x](p15/)"),
        ("g/", "[x](nexus:G17.3)", "[x](g17/#g17-3)"),
        ("g/", "[x](nexus:P)", "[x](../p/)"),
        ("", "[x](nexus:P15)", "[x](p/p15/)"),
        ("guide/", "[x](nexus:G17)", "[x](../g/g17/)"),
    ],
)
def test_urls_are_page_relative(
    catalogs: dict[str, Catalog], page_url: str, link: str, expected: str
) -> None:
    assert resolve(catalogs, link, page_url) == (expected, [])


def test_reference_style_definitions(catalogs: dict[str, Catalog]) -> None:
    text = '[RNN][rnn] and [deep][fl]\n\n[rnn]: nexus:P15#lstm\n  [fl]: nexus:G17.2 "FL"\n'
    assert resolve(catalogs, text) == (
        '[RNN][rnn] and [deep][fl]\n\n[rnn]: ../../p/p15/#lstm\n  [fl]: #g17-2 "FL"\n',
        [],
    )


def test_links_in_admonitions_lists_and_tables(catalogs: dict[str, Catalog]) -> None:
    text = '!!! note "x"\n    - a [](nexus:P9)\n\n| a | b |\n|---|---|\n| [x](nexus:P9) | y |\n'
    out, problems = resolve(catalogs, text)
    assert problems == []
    assert out.count("](../../p/p9/)") == 2 and "nexus:" not in out


def test_code_and_comments_stay_literal(catalogs: dict[str, Catalog]) -> None:
    text = (
        "Write `[](nexus:P15)` or ``a `[](nexus:P99)` b`` in text.\n"
        "\n"
        "```markdown\n"
        "[](nexus:P15) [](nexus:P99)\n"
        "```\n"
        "\n"
        "~~~~\n"
        "[](nexus:P99)\n"
        "~~~\n"  # too short: does not close the ~~~~ fence
        "[](nexus:P99)\n"
        "~~~~\n"
        "\n"
        '!!! example "Syntax"\n'
        "    ```text\n"
        "    [RNN](nexus:P15#lstm)\n"
        "    ```\n"
        "\n"
        "<!-- [](nexus:P99) -->\n"
        "Escaped: \\[](nexus:P99)\n"
    )
    assert resolve(catalogs, text) == (text, [])


def test_text_after_code_is_resolved(catalogs: dict[str, Catalog]) -> None:
    text = "```\n[](nexus:P9)\n```\n`code` then [](nexus:P9)\n\nan unmatched ` then [](nexus:P9)\n"
    out, problems = resolve(catalogs, text)
    assert problems == []
    assert out == (
        "```\n[](nexus:P9)\n```\n`code` then [P9: 損失関数と最適化](../../p/p9/)\n\n"
        "an unmatched ` then [P9: 損失関数と最適化](../../p/p9/)\n"
    )


HOSTILE = "<script>alert(1)</script> *a* _b_ [c](http://x) `d` & $e$ \\ {: #f} |g| &amp;"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The real project with P15 (published) and P16 (not) titled with Markdown and HTML."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    p_yml = project / "curriculum" / "p.yml"
    text = p_yml.read_text("utf-8")
    quoted = "'" + HOSTILE.replace("'", "''") + "'"
    text = re.sub(
        r"(- id: P1[56]\n        number: \d+\n        title:\n          ja: ).*\n(          en: ).*\n",
        lambda m: f"{m[1]}{quoted}\n{m[2]}{quoted}\n",
        text,
    )
    assert text.count(quoted) == 4
    p_yml.write_text(text, "utf-8")
    return make_catalog(project, "ja")


def test_hostile_title_renders_as_text(hostile: Catalog) -> None:
    out, problems = resolve_links(
        "A [](nexus:P15) B [](nexus:P16)", page_url="g/g17/", catalog=hostile, lang="ja", src=SRC
    )
    assert [p.severity for p in problems] == ["note"]
    html = md.markdown(out, extensions=EXTENSIONS)
    body = BeautifulSoup(html, "html.parser")
    link = body.select_one("a")
    assert link is not None and link["href"] == "../../p/p15/"
    assert link.get_text() == f"P15: {HOSTILE}"
    span = body.select_one("span.nx-unpublished")
    assert span is not None and span.get_text() == f"P16: {HOSTILE}"
    assert [t.name for t in body.find_all(True)] == ["p", "a", "span"]  # no em, code, script…
    assert "arithmatex" not in html and "<script" not in html


def test_markdown_text_escapes_what_markdown_would_interpret() -> None:
    assert markdown_text("a_b*c") == "a&#95;b&#42;c"
    assert markdown_text("[x] `y` <z> & \\") == "&#91;x&#93; &#96;y&#96; &#60;z&#62; &amp; &#92;"
    assert markdown_text("RNN/LSTM 第15回: (概要)") == "RNN/LSTM 第15回: (概要)"


# --- problems ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "tooltip"),
    [
        ("ja", "G13: 倫理・法規制・プライバシー", "準備中"),
        ("en", "G13: Ethics, Regulation and Privacy", "In preparation"),
    ],
)
def test_unpublished_is_marked_text_and_allowed_with_a_note(
    catalogs: dict[str, Catalog], lang: Lang, text: str, tooltip: str
) -> None:
    out, problems = resolve_links(
        "First line.\n\nAs in [](nexus:G13), and [法規制の回](nexus:G13#x).\n",
        page_url="g/g17/",
        catalog=catalogs[lang],
        lang=lang,
        src="content/g/g17.md",
        line_offset=4,
    )
    assert out == (
        f'First line.\n\nAs in <span class="nx-unpublished" title="{tooltip}">{text}</span>, and '
        f'<span class="nx-unpublished" title="{tooltip}">法規制の回</span>.\n'
    )
    assert [(str(p.location), p.severity) for p in problems] == [
        ("content/g/g17.md:7:7", "note"),
        ("content/g/g17.md:7:26", "note"),
    ]
    assert problems[0].hint.startswith(
        "G13 is not published yet; the link becomes live when content/g/g13.md exists"
    )


def test_unpublished_sub_lesson_hint_names_the_covering_heading(
    catalogs: dict[str, Catalog],
) -> None:
    _, problems = resolve(catalogs, "[](nexus:R15.2)")
    assert len(problems) == 1
    assert "content/r/r15.2.md exists (or the R15 page has a heading with {#r15-2})" in problems[0]


def test_unknown_id_is_an_error_with_location_and_suggestion(
    catalogs: dict[str, Catalog],
) -> None:
    text = "intro\n\n!!! note\n    see [](nexus:P99) and [x](nexus:g17.2)\n"
    out, problems = resolve(catalogs, text, line_offset=10)
    assert out == text  # left as written: the build fails
    assert problems[0] == (
        f"{SRC}:14:9: error: link to P99, which is not in the curriculum\n"
        "    hint: did you mean P9, P39 or P29? link by the IDs of curriculum/<series>.yml: "
        "a lesson (P15), a sub-lesson (G17.2) or a series (P)"
    )
    assert problems[1].startswith(f"{SRC}:14:27: error: link to g17.2, which is not in")
    assert "did you mean G17.2" in problems[1]


def test_empty_and_malformed_targets_are_errors(catalogs: dict[str, Catalog]) -> None:
    _, problems = resolve(catalogs, "[a](nexus:) [b](nexus: P15)")
    assert problems[0].startswith(f"{SRC}:1:1: error: link by ID without an ID")
    assert problems[1].startswith(f"{SRC}:1:13: error: malformed link by ID: [b](nexus: P15)")


def test_front_matter_offset_matches_the_source_file(catalogs: dict[str, Catalog]) -> None:
    """Locations point into the file itself although MkDocs hands over the text without the
    front matter (and the blank lines after it)."""
    source = (ROOT / "content" / "g" / "g17.md").read_text("utf-8")
    body, _ = get_data(source)  # what on_page_markdown receives
    broken = body.replace("nexus:P9)", "nexus:P999)")
    _, problems = resolve_links(
        broken,
        page_url="g/g17/",
        catalog=catalogs["ja"],
        lang="ja",
        src="content/g/g17.md",
        line_offset=front_matter_lines(source),
    )
    (problem,) = problems
    lines = source.splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "nexus:P9)" in text)
    column = lines[line - 1].index("[](nexus:P9)") + 1
    assert str(problem.location) == f"content/g/g17.md:{line}:{column}"
    assert front_matter_lines("---\ndate: 2025-01-01\n---\n\n\nText\n") == 5
    assert front_matter_lines("No front matter\n") == 0


# --- builds --------------------------------------------------------------------------------


def mkdocs_build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` as an author runs it (the CLI: what it prints, and its exit code)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(project / "site"), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


LESSON = "---\ndate: 2025-07-01\ndescription: test\n---\n\nText.\n\n{body}\n"


@pytest.mark.build
def test_unknown_ids_fail_the_build_all_at_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "content" / "p" / "p10.md").write_text(
        LESSON.format(body="See [](nexus:P99) and\n[x](nexus:P9)."), "utf-8"
    )
    (project / "content" / "p" / "p11.md").write_text(
        LESSON.format(body="[](nexus:G17.9)"), "utf-8"
    )
    result = mkdocs_build(project)
    assert result.returncode == 1
    err = result.stderr
    assert "content/p/p10.md:8:5: error: link to P99, which is not in the curriculum" in err
    assert "hint: did you mean P9, P39 or P29?" in err
    assert "content/p/p11.md:8:1: error: link to G17.9, which is not in the curriculum" in err
    assert "2 problems found." in err
    assert "Traceback" not in err and "PluginError" not in err
    assert not (project / "site" / "p" / "p10" / "index.html").exists()


@pytest.mark.build
def test_unpublished_link_is_allowed_even_under_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link to a lesson in preparation renders as 準備中 text and goes live when the file
    exists: allowed by the strict build and by ``nexus-site check`` alike (a note, listed by
    check, summarised in one line by the build)."""
    project = copy_project(tmp_path / "project")
    (project / "content" / "p" / "p10.md").write_text(
        LESSON.format(body="Privacy: [](nexus:G13)."), "utf-8"
    )
    strict = mkdocs_build(project, "--strict")
    assert strict.returncode == 0, strict.stderr
    assert re.search(r"\d+ notes? \(e.g. links to lessons in preparation", strict.stderr)
    html = (project / "site" / "p" / "p10" / "index.html").read_text("utf-8")
    assert (
        '<span class="nx-unpublished" title="準備中">G13: 倫理・法規制・プライバシー</span>' in html
    )
    assert main(["--root", str(project), "check"]) == 0
    err = capsys.readouterr().err
    assert "content/p/p10.md:8:10: note: link to G13 (倫理・法規制・プライバシー)" in err
    assert (
        "hint: G13 is not published yet; the link becomes live when content/g/g13.md exists" in err
    )


@pytest.mark.build
def test_unknown_anchor_fails_the_strict_build_as_check_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``nexus:ID#anchor`` naming no heading of the target page: the same located error from the
    strict build and from ``nexus-site check``; once it names one, the build passes and the link
    keeps its anchor."""
    project = copy_project(tmp_path / "project")
    lesson = project / "content" / "p" / "p10.md"
    # The target's anchor is the fixture's own (a Japanese-only lesson: the same id on the
    # English site), not one of today's lessons, whose headings change with their authors.
    target = LESSON.format(body="## 学習サイクル {#training-loop}\n\n本文。")
    (project / "content" / "p" / "p11.md").write_text(target, "utf-8")
    good = "[学習](nexus:P11#training-loop)"
    lesson.write_text(LESSON.format(body=f"{good}\n[RNN](nexus:P15#rnn)"), "utf-8")
    located = (
        "content/p/p10.md:9:1: error: link to P15#rnn: content/p/p15.ipynb has no heading or "
        "element with the anchor #rnn"
    )
    strict = mkdocs_build(project, "--strict")
    assert strict.returncode == 1
    assert located in strict.stderr
    assert "1 problem found." in strict.stderr
    assert "Traceback" not in strict.stderr and "PluginError" not in strict.stderr
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert located in err and "1 problem found" in err

    lesson.write_text(LESSON.format(body=good), "utf-8")
    strict = mkdocs_build(project, "--strict")
    assert strict.returncode == 0, strict.stderr
    html = (project / "site" / "p" / "p10" / "index.html").read_text("utf-8")
    assert 'href="../p11/#training-loop"' in html
    assert main(["--root", str(project), "check"]) == 0


@pytest.mark.build
def test_real_site_resolves_the_g17_link_in_both_languages(real_site: Path) -> None:
    for prefix, title in (
        ("", "P9: 損失関数と最適化"),
        ("en/", "P9: Loss Functions and Optimization"),
    ):
        page = BeautifulSoup(
            (real_site / prefix / "g" / "g17" / "index.html").read_text("utf-8"), "html.parser"
        )
        links = [a for a in page.select("article a") if a.get_text() == title]
        assert [a["href"] for a in links] == ["../../p/p9/"], prefix
    for html in real_site.rglob("*.html"):
        assert 'href="nexus:' not in html.read_text("utf-8"), html  # none left unresolved


@given(
    st.lists(st.sampled_from(["p", "p15", "g", "g17", "en", ".", ""]), max_size=5),
    st.lists(st.sampled_from(["p", "p15", "g", "g17", "en", ".", ""]), max_size=5),
)
def test_relative_paths_match_posixpath(target: list[str], base: list[str]) -> None:
    """urls._relpath is posixpath.relpath without the getcwd calls."""
    t, b = "/".join(target) or ".", "/".join(base) or "."
    assert urls._relpath(t, b) == posixpath.relpath(t, b)
