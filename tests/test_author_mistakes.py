"""Silent mistakes (site.lint), missing files (site.verdict) and plain YAML messages
(curriculum.yamlhints), unit by unit. The full reports are golden tests (tests/golden/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nexus_site.cli.scaffold import CODE_PLACEHOLDER, DESCRIPTION
from nexus_site.curriculum.yamlsource import parse
from nexus_site.site import lint, verdict

TEMPLATES = Path(lint.__file__).parents[1] / "templates" / "nexus"


def test_every_placeholder_is_text_of_the_templates() -> None:
    """lint.PLACEHOLDERS must follow the templates of `nexus-site new`, or it flags nothing."""
    text = "".join(p.read_text("utf-8") for p in TEMPLATES.glob("new_lesson.*.md"))
    text += CODE_PLACEHOLDER + "".join(DESCRIPTION.values())
    assert [p for p in lint.PLACEHOLDERS if p not in text] == []


def test_code_and_comments_are_not_looked_at(tmp_path: Path) -> None:
    markdown = (
        "```md\n# title\n![x](missing.png)\n```\n\n`![y](missing.png)` <!-- ![z](gone.png) -->\n"
    )
    assert verdict.missing_files(markdown, tmp_path, src="a.md", line_offset=0) == []
    assert "#" not in lint.prose(markdown).replace("\n", "")


def test_missing_image_suggests_the_right_case(tmp_path: Path) -> None:
    (tmp_path / "Figure.svg").write_text("<svg/>", "utf-8")
    [problem] = verdict.missing_files("x\n![a](figure.svg)\n", tmp_path, src="a.md", line_offset=3)
    assert str(problem.location) == "a.md:5:6"
    assert problem.hint.startswith("did you mean Figure.svg?")


def test_links_to_pages_and_other_sites_are_not_files(tmp_path: Path) -> None:
    markdown = "[a](../p/) [b](https://x.org/a.pdf) [c](#top) [d](other.md) [e](nexus:P1)\n"
    assert verdict.missing_files(markdown, tmp_path, src="a.md", line_offset=0) == []


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        ("\tja: x", 1, "タブ文字"),
        ("  ja： x", 5, "全角「：」"),
        ("  ja:　x", 6, "全角スペース"),
        ("  ja:x", 5, "半角スペースがありません"),
        ("  ja: a: b", 8, "値の中に「: 」"),
    ],
)
def test_keyboard_mistakes_are_named_where_they_are(line: str, column: int, words: str) -> None:
    text = f"title:\n{line}\n  en: y\n"
    [problem] = parse(text, "b.yml").problems
    assert (problem.location.line, problem.location.column) == (2, column), problem.format()
    assert words in problem.message and "/" in problem.message  # Japanese / English
