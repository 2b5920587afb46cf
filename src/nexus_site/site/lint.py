"""Silent mistakes in a lesson's Markdown: things that build fine but are not what the author meant.

* a section anchor that looks like a sub-lesson ID but is not its anchor (``{#b1.2}`` instead of
  ``{#b1-2}``): the sub-lesson quietly stays 準備中;
* a ``# title``: the page would show two titles (the curriculum gives the title);
* text left over from the ``nexus-site new`` template (``(ここに本文を書きます)``).

Each is a located warning: the strict build (CI) and ``nexus-site check`` fail on it.
Code blocks, code spans and HTML comments are not looked at.
"""

from __future__ import annotations

import re

from nexus_site.errors import Location, Problem
from nexus_site.site import links, urls
from nexus_site.site.catalog import Catalog

# Text of the nexus-site new templates (templates/nexus/new_lesson.*.md and scaffold.py) that
# an author replaces; tests/test_scaffold.py checks they are still in the templates.
PLACEHOLDERS = (
    "(ここに本文を書きます)",
    "この回の要点を3〜5行で書きます。",
    "〜を説明できる",
    "前提となる知識や、先に読んでおくとよい回",
    "著者名 (発行年)",
    "この回で学ぶことを一文で書きます",
    "# ここにコードを書きます",
    "(Translation of this section.)",
    "(Translation of the lesson text.)",
    "Author, A. (Year)",
    "One sentence on what this lesson teaches",
)

_ANCHOR = re.compile(r"\{[^}\n]*#(?P<anchor>[^\s}]+)[^}\n]*\}")
# What an author may mean as a sub-lesson: a letter, digits, then separated numbers (b1.2, B1_2).
_LOOKS_LIKE_ID = re.compile(r"^[a-zA-Z]+\d+(?:[.\-_ ]\d+)+$")
_TITLE = re.compile(r"^#[ \t]+\S.*$", re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def lesson(markdown: str, catalog: Catalog, *, src: str, line_offset: int) -> list[Problem]:
    """Located warnings for the silent mistakes of a lesson page's Markdown (body only)."""
    text = prose(markdown)
    problems: list[Problem] = []

    def at(offset: int, message: str, hint: str) -> None:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        where = Location(src, line + line_offset, column)
        problems.append(Problem(where, message, hint=hint, severity="warning"))

    known = {urls.anchor(ident): ident for ident in catalog.entries}
    for match in _ANCHOR.finditer(text):
        written = match["anchor"]
        if written in known or not _LOOKS_LIKE_ID.match(written):
            continue
        meant = re.sub(r"[.\-_ ]", "-", written.lower())
        if meant in known:
            at(
                match.start("anchor") - 1,
                f"anchor {{#{written}}} is not the anchor of {known[meant]}",
                f"write {{#{meant}}}: a sub-lesson's anchor is its ID in lower case with '-' "
                "for '.'; as written, the sub-lesson stays 準備中 (unpublished)",
            )
        else:
            at(
                match.start("anchor") - 1,
                f"anchor {{#{written}}} looks like a sub-lesson, but no sub-lesson has that ID",
                "check the ID in the curriculum file (sub-lesson P15.2 has the anchor "
                "{#p15-2}), or give the section an anchor that is not an ID",
            )
    for match in _TITLE.finditer(text):
        at(
            match.start(),
            "a '# title' line: the page would show two titles",
            "delete it: the title, 第N回 and breadcrumbs come from the curriculum; "
            "sections start at ## (## 1.1 …)",
        )
    for placeholder in PLACEHOLDERS:
        for found in re.finditer(re.escape(placeholder), text):
            at(
                found.start(),
                f"template text left in: {placeholder}",
                "replace it with your own text, or delete it",
            )
    return problems


def prose(markdown: str) -> str:
    """``markdown`` with fenced code, code spans and HTML comments blanked (offsets kept)."""
    chars = list(markdown)
    for start, end, verbatim in links.segments(markdown):
        if verbatim:
            chars[start:end] = [c if c == "\n" else " " for c in markdown[start:end]]
    text = "".join(chars)
    for pattern in (_CODE_SPAN, _COMMENT):
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    return text
