"""``nexus-site new``: start a lesson file from a template, never from a blank page.

:func:`new_lesson` writes ``content/<series>/<id>.md`` (or ``.ipynb``) for a lesson or sub-lesson
of the curriculum, or the English stub ``<id>.en.md`` of an existing Japanese lesson. It never
overwrites: a file that exists, in either format, stays as it is and the author gets an error with
a hint (:class:`ScaffoldError`).

The templates (``templates/nexus/new_lesson.*.md``) produce Markdown, not HTML, so Jinja's
autoescape is off; curriculum data reaches them only through two filters: ``comment_json`` (the
title, JSON-quoted inside an HTML comment, unable to close it) and ``md_text`` (sub-lesson titles
in headings, unable to start raw HTML).
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import nbformat

from nexus_site import i18n
from nexus_site.cli import exclusive
from nexus_site.content.files import LESSON_SUFFIXES
from nexus_site.content.frontmatter import read_front_matter
from nexus_site.content.translations import file_hash
from nexus_site.curriculum.model import Curriculum, Lang, Lesson, Series, SubLesson, walk
from nexus_site.errors import NexusError, Problem, display_path
from nexus_site.site.urls import anchor

FORMATS = ("md", "ipynb")
DESCRIPTION = {
    "ja": "この回で学ぶことを一文で書きます(一覧と検索に表示されます)。",
    "en": "One sentence on what this lesson teaches (shown in lists and search).",
}
CODE_PLACEHOLDER = "# ここにコードを書きます(説明はMarkdownセルに、コードはコードセルに)"

Node = Lesson | SubLesson


class ScaffoldError(NexusError):
    """``nexus-site new`` refuses: what is wrong and how to go on."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def report(self) -> str:
        text = f"error: {self.message}"
        if self.hint:
            text += "\n    hint: " + self.hint.replace("\n", "\n          ")
        return text


@dataclass(frozen=True)
class Section:
    """A sub-lesson covered by the new page: ``## 17.1 … {#g17-1}``."""

    level: int  # 2 for children of the page's node, 3 below
    number: str  # "17.1"
    anchor: str  # "g17-1"
    title: str

    @property
    def hashes(self) -> str:
        return "#" * self.level

    @property
    def attr(self) -> str:
        return "{#" + self.anchor + "}"


def new_lesson(
    curriculum: Curriculum,
    content_dir: Path,
    ident: str,
    *,
    lang: Lang = "ja",
    today: date,
    fmt: str = "md",
) -> Path:
    """Create the lesson file of ``ident`` (any case) and return its path.

    Raises :class:`ScaffoldError` for an ID that is not a lesson or sub-lesson, when the lesson
    already has a file (in either format), and for ``lang="en"`` without a Japanese source.
    """
    if lang not in ("ja", "en"):
        raise ScaffoldError(f"unknown language {lang!r}", "use ja (the default) or en")
    if fmt not in FORMATS:
        raise ScaffoldError(f"unknown format {fmt!r}", "use md (the default) or ipynb")
    if lang == "en" and fmt != "md":
        raise ScaffoldError(
            "English translations are Markdown files",
            "drop --format ipynb: the stub is <id>.en.md, whatever the format of the Japanese "
            "lesson",
        )
    series, node = find(curriculum, ident)
    root = content_dir.parent
    folder = content_dir / series.slug
    files = _lesson_files(content_dir)
    stem = node.id.lower()
    target = folder / f"{stem}{'.en' if lang == 'en' else ''}.{fmt}"
    _refuse_existing(node, target, files.get(_key(stem, lang), []), root)

    context: dict[str, Any] = {
        "ident": node.id,
        "number": _number_label(node),
        "title": node.title.ja,
        "title_en": node.title.en,
        "series_file": f"curriculum/{series.slug}.yml",
        "path": display_path(target, root),
        "description": DESCRIPTION[lang],
        "sections": _sections(series, node, files, lang),
    }
    if lang == "en":
        sources = files.get(_key(stem, "ja"), [])
        if not sources:
            raise ScaffoldError(
                f"{node.id} has no Japanese lesson yet: "
                f"{display_path(folder / f'{stem}.md', root)} does not exist",
                "English files translate an existing Japanese lesson: write it first "
                f"(nexus-site new {node.id}), then run nexus-site new {node.id} --lang en",
            )
        source = sources[0]
        context["source"] = display_path(source, root)
        context["source_hash"] = file_hash(source)
        context["date"] = _source_date(source, root).isoformat()
    else:
        context["date"] = today.isoformat()

    template = _environment().get_template(f"nexus/new_lesson.{lang}.md")
    if fmt == "ipynb":
        text = _notebook(template, context)
    else:
        text = template.render(context, notebook=False)
    folder.mkdir(parents=True, exist_ok=True)
    # Created in the meantime, by another `new` perhaps in the other format: never two files.
    others = [folder / f"{stem}{'.en' if lang == 'en' else ''}.{f}" for f in FORMATS]
    try:
        existing = exclusive.create(target, text, others)
    except exclusive.Busy:
        raise ScaffoldError(
            f"another nexus-site new is creating {node.id} right now", "nothing was written"
        ) from None
    if existing is not None:
        _refuse_existing(node, target, [existing], root)
    return target


def find(curriculum: Curriculum, ident: str) -> tuple[Series, Node]:
    """The lesson or sub-lesson ``ident`` (any case), or a :class:`ScaffoldError` that says what
    ``ident`` is instead (a series, a part) or which IDs are close."""
    key = ident.strip().upper()
    ids: list[str] = []
    for series in curriculum.series:
        for node, _depth in walk(series):
            if node.id == key:
                return series, node
            ids.append(node.id)
    no_file = "only lessons (P15) and sub-lessons (P15.2) have files"
    for series in curriculum.series:
        if series.id == key:
            raise ScaffoldError(
                f"{key} is a series, not a lesson",
                f"{no_file}; the page of series {key} is generated from "
                f"curriculum/{series.slug}.yml. Name one of its lessons, e.g. "
                f"nexus-site new {next((n.id for n in series.lessons()), key + '1')}",
            )
        for sub in series.subseries:
            if sub.id == key:
                raise ScaffoldError(
                    f"{key} is a sub-series of {series.id}, not a lesson",
                    f"{no_file}; sub-series are listed on the page of series {series.id}",
                )
    in_parts = [s.id for s in curriculum.series if any(p.id == key for p in s.parts)]
    if in_parts:
        raise ScaffoldError(
            f"{key} is a part (第{key}部 of series {', '.join(in_parts)}), not a lesson",
            f"{no_file}; a part is a heading on its series page",
        )
    series_ids = {s.id for s in curriculum.series}
    raise ScaffoldError(
        f"{key or repr(ident)} is not in the curriculum", _unknown_hint(key, ids, series_ids)
    )


def _unknown_hint(key: str, ids: list[str], series_ids: set[str]) -> str:
    close = difflib.get_close_matches(key, ids, n=6, cutoff=0.6)
    # An ID of the same series is the likelier typo: P15.9 → P15, P19 (not R15.3).
    same = [c for c in close if c[:1] == key[:1]]
    picked = set((same or close)[:3])
    suggestion = [i for i in ids if i in picked]  # in curriculum order
    hint = f"did you mean {', '.join(suggestion)}?\n" if suggestion else ""
    letter = key[:1]
    series_file = (
        f"curriculum/{letter.lower()}.yml" if letter in series_ids else "curriculum/<series>.yml"
    )
    return hint + (
        f"to add a new lesson, add it to {series_file} first (under a part's lessons: with id, "
        "number and title: {ja: …, en: …}; a sub-lesson under its lesson's children: with id and "
        "title), then run nexus-site new again"
    )


def _key(stem: str, lang: Lang) -> str:
    return stem if lang == "ja" else f"{stem}.en"


def _lesson_files(content_dir: Path) -> dict[str, list[Path]]:
    """Lesson files by lowercase stem (``p15``, ``p15.en``), wherever they are in content/."""
    files: dict[str, list[Path]] = {}
    if not content_dir.is_dir():
        return files
    for path in sorted(content_dir.rglob("*")):
        rel = path.relative_to(content_dir)
        if path.suffix not in LESSON_SUFFIXES or any(p.startswith(".") for p in rel.parts):
            continue
        if path.is_file():
            files.setdefault(path.name[: -len(path.suffix)].lower(), []).append(path)
    return files


def _refuse_existing(node: Node, target: Path, existing: list[Path], root: Path) -> None:
    if not existing:
        return
    path = existing[0]
    shown = display_path(path, root)
    if path.suffix == target.suffix:
        raise ScaffoldError(
            f"{shown} already exists",
            f"nexus-site new never overwrites a lesson: edit {shown}, "
            "or delete it yourself to start again from the template",
        )
    raise ScaffoldError(
        f"{node.id} already has a file: {shown}",
        f"a lesson is either Markdown or a notebook, not both: edit {shown}, "
        f"or delete it yourself to start again as .{target.suffix[1:]}",
    )


def _source_date(source: Path, root: Path) -> date:
    problems: list[Problem] = []
    front = read_front_matter(source, display_path(source, root), problems)
    if front is None:
        details = "\n".join(p.format() for p in problems)
        raise ScaffoldError(
            f"cannot read the front matter of {display_path(source, root)}",
            "fix the Japanese lesson first (nexus-site check lists its problems)"
            + (f":\n{details}" if details else ""),
        )
    return front.date


def _number_label(node: Node) -> str:
    if not isinstance(node, Lesson):
        return ""
    return i18n.lesson_number("ja", node.number, ongoing=node.ongoing)


def _sections(
    series: Series, node: Node, files: dict[str, list[Path]], lang: Lang
) -> list[Section]:
    """Sub-lessons the new page covers: those without a Japanese file of their own (a sub-lesson
    with a file is its own page, and that page covers its children)."""
    sections: list[Section] = []

    def down(parent: Node, level: int) -> None:
        for child in parent.children:
            if child.id.lower() in files:
                continue
            title = child.title.get(lang)
            number = child.id[len(series.id) :]
            sections.append(Section(min(level, 6), number, anchor(child.id), title))
            down(child, level + 1)

    down(node, 2)
    return sections


def _notebook(template: jinja2.Template, context: dict[str, Any]) -> str:
    """A notebook from the template's macros: the intro with the admonitions, a code cell, and a
    Markdown and a code cell per section."""
    module: Any = template.make_module(dict(context, notebook=True))
    nbf: Any = nbformat  # its functions are not annotated
    markdown, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
    cells = [markdown(str(module.intro()).strip()), code(CODE_PLACEHOLDER)]
    for section in context["sections"] or [None]:
        cells.append(markdown(str(module.section(section)).strip()))
        cells.append(code(CODE_PLACEHOLDER))
    cells.append(markdown(str(module.references()).strip()))
    nb = nbf.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "nexus": {"date": context["date"], "description": context["description"]},
        },
    )
    nbf.validate(nb)
    return str(nbf.writes(nb)) + "\n"


# --- templates ---------------------------------------------------------------------------------

_ENV: jinja2.Environment | None = None


def comment_json(value: str) -> str:
    """``value`` JSON-quoted for an HTML comment: no ``<``, ``>`` or ``&`` (so no ``-->``)."""
    text = json.dumps(value, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text


_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def md_text(value: str) -> str:
    """A curriculum text as Markdown inline text on one line: ``<`` cannot start raw HTML, an
    ``&`` cannot form an entity, and ``{`` cannot end the heading's attribute list early."""
    text = " ".join(value.split())
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    return text.replace("{", "&#123;")


def _environment() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(
            loader=jinja2.PackageLoader("nexus_site", "templates"),
            autoescape=False,  # the output is Markdown; data goes through the filters below
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        _ENV.filters["comment_json"] = comment_json
        _ENV.filters["md_text"] = md_text
    return _ENV
