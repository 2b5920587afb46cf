"""Jinja environment for generated pages, and the safe Markdown filter for curriculum texts.

Templates are looked up first in the override folders (the site's ``theme_overrides/``, so a site
can replace ``nexus/series.html``), then in the package. Autoescape is on: data reaches HTML only
through escaping, or through :func:`safe_markdown`, which renders Markdown with raw HTML disabled
and drops links that are not relative or http(s).
"""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import markdown
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from nexus_site import i18n
from nexus_site.curriculum.model import Lang, Lesson, Text
from nexus_site.site.urls import is_safe_url, relative


class _LinkGuard(markdown.treeprocessors.Treeprocessor):
    """Drop href/src values with a scheme other than http(s)/mailto (javascript:, data:, …)."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None and not is_safe_url(
                    value.strip(), schemes=("http", "https", "mailto"), root_absolute=True
                ):
                    del element.attrib[attr]
            if element.tag == "a" and (element.get("href") or "").startswith("http"):
                element.set("rel", "noopener")


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Raw HTML in curriculum texts is shown as text, never interpreted.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_LinkGuard(md), "nexus_link_guard", 0)
    return md


_MD = _markdown()


def safe_markdown(text: str) -> Markup:
    """Render a curriculum Markdown text (paragraphs, lists, emphasis, links) safely."""
    _MD.reset()
    return Markup(_MD.convert(text))  # raw HTML disabled, links filtered above


def script_json(value: Any) -> Markup:
    """The one JSON writer for data inside ``<script type="application/json">`` (the ``script_json``
    filter): compact UTF-8, with ``<``, ``>``, ``&`` and U+2028/U+2029 as ``\\uXXXX`` (the same
    JSON value), so nothing in it can close the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # nothing in it can end the element


TEMPLATES = Path(__file__).resolve().parents[1] / "templates"  # the package's own


@functools.cache
def _environment(overrides: tuple[Path, ...]) -> Environment:
    loaders: list[Any] = [FileSystemLoader([str(p) for p in overrides if p.is_dir()])]
    loaders.append(PackageLoader("nexus_site", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = safe_markdown
    env.filters["script_json"] = script_json
    return env


def environment(overrides: Sequence[Path] = ()) -> Environment:
    """The Jinja environment: templates of ``overrides`` (a theme's custom_dir) first, then ours.

    One per process and set of overrides, so templates are compiled once, not once per build
    (``mkdocs serve`` rebuilds in the same process). Jinja still reloads a template whose file
    changed (``auto_reload``).
    """
    return _environment(tuple(overrides))


class PageContext:
    """Helpers every template gets as ``page``: text in the page's language and relative links."""

    def __init__(self, lang: Lang, url: str) -> None:
        self.lang: Lang = lang
        self.url = url
        self.ui = i18n.UI[lang]

    def t(self, text: Text | None) -> str:
        return text.get(self.lang) if text is not None else ""

    def other(self, text: Text | None) -> str:
        """The text in the other language (the English title under a Japanese one)."""
        if text is None:
            return ""
        return (text.en or "") if self.lang == "ja" else text.ja

    def link(self, to_url: str) -> str:
        return relative(self.url, to_url)

    def lesson_number(self, number: int, ongoing: bool = False) -> str:
        return i18n.lesson_number(self.lang, number, ongoing=ongoing)

    def part_number(self, part_id: str) -> str:
        return i18n.part_number(self.lang, part_id)

    def skipped(self, lessons: Iterable[Lesson]) -> str:
        """「第10–14回は準備中」 for the lessons in preparation a pager link passes over."""
        numbers = [lesson.number for lesson in lessons]
        if not numbers:
            return ""
        return self.ui["skipped"].format(lessons=i18n.lesson_numbers(self.lang, numbers))

    @property
    def root(self) -> str:
        """Relative prefix to the site root ("" on the home page, "../" one level down)."""
        return relative(self.url, "") if self.url else ""


# --- macros called from Python: markup stays in templates/nexus/macros.html --------------------


def _macros(env: Environment | None) -> Any:
    return (env or environment()).get_template("nexus/macros.html").module


def original(body: str, env: Environment | None = None) -> str:
    """``body`` (rendered HTML) marked as the Japanese original shown on a page of another
    language: ``lang="ja"`` for screen readers and hyphenation."""
    return str(_macros(env).original(Markup(body)))


def unpublished(label: str, lang: Lang, env: Environment | None = None) -> str:
    """The text of a link to a lesson in preparation, shown unlinked (``label`` is Markdown)."""
    return str(_macros(env).unpublished(Markup(label), i18n.UI[lang]["preparing"]))
