"""The glossary on the site: one generated page per language, grouped by gojūon row (あ か さ …)
on the Japanese site and by letter on the English one, each term with an anchor
(``glossary/#term-loss-function``), its other-language name, reading, abbreviations, definition
and the lessons that teach it. The data: :mod:`nexus_site.curriculum.glossary`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from jinja2 import Environment

from nexus_site import i18n
from nexus_site.curriculum.glossary import Glossary, Term, group, sort_key
from nexus_site.curriculum.model import Lang
from nexus_site.site import toc
from nexus_site.site.catalog import Catalog
from nexus_site.site.pages import GeneratedPage
from nexus_site.site.parts import VirtualFile
from nexus_site.site.render import PageContext
from nexus_site.site.search import Facets

URL = "glossary/"

# The glossary's own interface strings (kept here, not in i18n.UI, with the feature).
UI: dict[Lang, dict[str, str]] = {
    "ja": {
        "title": "用語集",
        "description": "医療AIの講義で使う用語の日英対訳と短い定義。",
        "intro": "講義で使う用語の日本語・英語と短い定義です。各用語から、それを教える回へ進めます。",
        "index": "索引",
        "reading": "読み",
        "abbr": "略語",
        "taught_in": "この用語を扱う回",
        "in_other": "英語",
        "term_link": "用語集で見る",
        "preparing": "準備中",
    },
    "en": {
        "title": "Glossary",
        "description": "The terms of the medical AI lessons in Japanese and English, defined briefly.",
        "intro": "The terms the lessons use, in English and Japanese, with a short definition. "
        "Each entry links to the lessons that teach it.",
        "index": "Index",
        "reading": "Reading",
        "abbr": "Abbreviations",
        "taught_in": "Taught in",
        "in_other": "Japanese",
        "term_link": "See the glossary",
        "preparing": "in preparation",
    },
}


@dataclass(frozen=True)
class LessonLink:
    ident: str
    title: str
    url: str | None  # page-relative; None: not published yet


@dataclass(frozen=True)
class EntryView:
    term: Term
    anchor: str
    lessons: tuple[LessonLink, ...]


@dataclass(frozen=True)
class GroupView:
    name: str
    anchor: str
    entries: tuple[EntryView, ...]


def anchor(term: Term) -> str:
    return f"term-{term.id}"


def groups(glossary: Glossary, catalog: Catalog, lang: Lang) -> list[GroupView]:
    """The terms in index order, grouped (あ, か, … / A, B, …)."""
    ctx = PageContext(lang, URL)
    found: dict[str, list[EntryView]] = {}
    for term in sorted(glossary.terms, key=lambda t: sort_key(t, lang)):
        links = []
        for ident in term.lessons:
            entry = catalog.entries.get(ident)
            target = catalog.url_for(ident)
            title = entry.node.title.get(lang) if entry is not None else ident
            links.append(LessonLink(ident, title, ctx.link(target) if target else None))
        found.setdefault(group(term, lang), []).append(EntryView(term, anchor(term), tuple(links)))
    return [
        GroupView(name, f"group-{i}", tuple(entries))
        for i, (name, entries) in enumerate(found.items(), start=1)
    ]


def page(glossary: Glossary, catalog: Catalog, env: Environment, lang: Lang) -> GeneratedPage:
    ui = UI[lang]
    html = env.get_template("nexus/glossary.html").render(
        page=PageContext(lang, URL), ui=ui, groups=groups(glossary, catalog, lang)
    )
    html, items = toc.from_html(html)
    return GeneratedPage(
        URL, ui["title"], html, items, description=ui["description"], search=Facets("site")
    )


def nav_item(glossary: Glossary, lang: Lang) -> list[dict[str, str]]:
    """The glossary's place in the navigation (none without terms)."""
    return [{UI[lang]["title"]: f"{URL}index.md"}] if glossary.terms else []


# The glossary for the search dialog (assets/javascripts/search.js): a query naming a term in
# the other language (or by its reading) also searches the term's name in this one (連合学習 ↔
# federated learning), and the lessons that teach the term are results even where their text
# cannot be found (a Japanese-only lesson on the English site).
SEARCH_TERMS = "assets/nexus/search-terms.json"


def search_terms(glossary: Glossary, catalog: Catalog, lang: Lang) -> str:
    """Each term's names, reading, abbreviations, definition and published lessons, as JSON."""
    rows = []
    for term in glossary.terms:
        lessons = []
        for ident in term.lessons:
            entry, target = catalog.entries.get(ident), catalog.url_for(ident)
            if entry is None or target is None:
                continue  # in preparation: nothing to open
            lesson = entry.lesson
            number = i18n.lesson_number(lang, lesson.number, ongoing=lesson.ongoing)
            lessons.append(
                {
                    "url": target,  # relative to this language's root
                    "title": entry.node.title.get(lang),
                    "id": ident,
                    "series": entry.series.id,
                    "label": number,
                    "original": "ja" if entry.fallback else "",
                }
            )
        rows.append(
            {
                "ja": term.ja,
                "en": term.en,
                "reading": term.reading,
                "abbr": list(term.abbr),
                "definition": term.definition.get(lang),
                "lessons": lessons,
            }
        )
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def files(glossary: Glossary, catalog: Catalog, lang: Lang) -> list[VirtualFile]:
    """What the glossary adds to a language build besides its page: the search's terms."""
    if not glossary.terms:
        return []
    return [VirtualFile(SEARCH_TERMS, content=search_terms(glossary, catalog, lang))]
