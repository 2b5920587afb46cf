"""Mind map data: the curriculum as a tree of plain dicts, ready for the mind map partial.

Two trees are built from the model:

* :func:`global_tree`: Nexus → series → parts → lessons → sub-lessons → sub-sub-lessons
  (the home page's map, folded to the series level at first);
* :func:`series_tree`: series → parts → lessons → sub-lessons
  (a series page's map, showing the lessons at first).

Every node is a :class:`Node` dict::

    {"id": "P15", "kind": "lesson", "label": "short label", "title": "full title",
     "url": "p/p15/" | None, "published": bool, "children": [...]}

Pages add the overlays' data to published lesson nodes: ``"updated"`` (their page's date) and,
on the English site, ``"translation"`` ("translated" | "ja" | "stale").

The root node also carries ``initial_depth``: how many levels below the root are shown when the
map first appears (the browser side folds everything deeper).

Rendering: pages call the ``mindmap_block`` macro of ``templates/nexus/macros.html`` (the partial
``templates/partials/mindmap.html``); :func:`render_mindmap` renders that same macro. URLs are
checked once, here, when the tree is built. The browser side is ``assets/mindmap/mindmap.js`` +
``mindmap.css``.

No MkDocs here: this module only needs the model and the package's templates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Literal, NotRequired, TypedDict, cast

from nexus_site import i18n
from nexus_site.curriculum.model import Curriculum, Lang, Lesson, Part, Series, SubLesson
from nexus_site.site import render, urls

__all__ = [
    "GLOBAL_INITIAL_DEPTH",
    "ROOT_ID",
    "SERIES_INITIAL_DEPTH",
    "Node",
    "UrlFor",
    "global_tree",
    "node_count",
    "part_node_id",
    "render_mindmap",
    "series_tree",
]

UrlFor = Callable[[str], str | None]
"""``url_for(node_id)``: a site-root-relative URL ("p/p15/") for a published node, else None."""

Kind = Literal["root", "series", "part", "lesson", "sub"]

ROOT_ID = "nexus"
"""The id of the global map's root node (url_for is asked about it too; "" is the home page)."""

GLOBAL_INITIAL_DEPTH = 1
"""Global map: the root and its series are shown, every series folded."""

SERIES_INITIAL_DEPTH = 2
"""Series map: the series, its parts and their lessons are shown, lessons folded."""


class Node(TypedDict):
    id: str
    kind: Kind
    label: str
    title: str
    url: str | None
    published: bool
    children: list[Node]
    initial_depth: NotRequired[int]
    # The overlays (site.pages): the page's last-updated date (ISO), and on the English site its
    # translation state: "translated", "ja" (shown in Japanese) or "stale" (behind the original).
    updated: NotRequired[str]
    translation: NotRequired[str]


# --- URLs ------------------------------------------------------------------------------------


def _url(url_for: UrlFor, node_id: str) -> str | None:
    url = url_for(node_id)
    if url is None:
        return None
    if not isinstance(url, str) or not urls.is_safe_url(url):
        raise ValueError(f"url_for({node_id!r}) returned an unsafe or invalid URL: {url!r}")
    return url


# --- trees -----------------------------------------------------------------------------------


def part_node_id(series_id: str, part_id: str) -> str:
    """Part ids (I, II, 0) repeat across series, so a part node is ``"<series>-<part>"``."""
    return f"{series_id}-{part_id}"


def _node(
    node_id: str,
    kind: Kind,
    label: str,
    title: str,
    url: str | None,
    children: list[Node],
    *,
    published: bool | None = None,
) -> Node:
    return {
        "id": node_id,
        "kind": kind,
        "label": label,
        "title": title,
        "url": url,
        "published": url is not None if published is None else published,
        "children": children,
    }


def _sub_node(sub: SubLesson, lang: Lang, url_for: UrlFor, depth: int) -> Node:
    children = (
        [_sub_node(child, lang, url_for, depth - 1) for child in sub.children] if depth > 1 else []
    )
    return _node(
        sub.id,
        "sub",
        f"{sub.id} {sub.short.get(lang)}",  # the ID learners use: P15.2
        sub.title.get(lang),
        _url(url_for, sub.id),
        children,
    )


def _lesson_node(lesson: Lesson, lang: Lang, url_for: UrlFor, sub_depth: int) -> Node:
    children = (
        [_sub_node(sub, lang, url_for, sub_depth) for sub in lesson.children]
        if sub_depth > 0
        else []
    )
    return _node(
        lesson.id,
        "lesson",
        f"{lesson.id} {lesson.short.get(lang)}",  # the ID learners use: P9 (第9回)
        lesson.title.get(lang),
        _url(url_for, lesson.id),
        children,
    )


def _part_node(series: Series, part: Part, lang: Lang, url_for: UrlFor, sub_depth: int) -> Node:
    children = [_lesson_node(lesson, lang, url_for, sub_depth) for lesson in part.lessons]
    url = _url(url_for, part_node_id(series.id, part.id))
    # A part is a heading, not a page: it counts as published when it has a page of its own or
    # any of its lessons is published (so it is not drawn as "in preparation" needlessly).
    published = url is not None or any(child["published"] for child in children)
    return _node(
        part_node_id(series.id, part.id),
        "part",
        f"{i18n.part_number(lang, part.id)} {part.short.get(lang)}",  # 第III部 / Part III
        part.title.get(lang),
        url,
        children,
        published=published,
    )


def _series_node(series: Series, lang: Lang, url_for: UrlFor, sub_depth: int) -> Node:
    children = [_part_node(series, part, lang, url_for, sub_depth) for part in series.parts]
    return _node(
        series.id,
        "series",
        series.label.get(lang),
        series.title.get(lang),
        _url(url_for, series.id),
        children,
    )


def _checked(node: Any, url_for: UrlFor) -> Node:
    """A node given from outside the curriculum, its URL checked like every other."""
    url = node["url"]
    if url is not None and not urls.is_safe_url(url):
        raise ValueError(f"unsafe or invalid URL in the map: {url!r}")
    return cast(Node, node)


def global_tree(
    curriculum: Curriculum,
    lang: Lang,
    url_for: UrlFor,
    extra: Mapping[str, list[Any]] | None = None,
) -> Node:
    """Nexus → series → parts → lessons → sub-lessons → sub-sub-lessons.

    Series come in ``site.series_order`` (then any series the order does not name, in load
    order). A series without parts has no children, unless ``extra`` gives them by series ID
    (the articles of Series F: site.articles.map_children). The root is "published" (it is the site
    itself); its url is ``url_for(ROOT_ID)``, normally None on the home page.
    """
    by_id = {s.id: s for s in curriculum.series}
    ordered = [by_id[i] for i in curriculum.site.series_order if i in by_id]
    ordered += [s for s in curriculum.series if s.id not in set(curriculum.site.series_order)]
    name = curriculum.site.name
    root = _node(
        ROOT_ID,
        "root",
        name,
        name,
        _url(url_for, ROOT_ID),
        [_series_node(s, lang, url_for, sub_depth=2) for s in ordered],
        published=True,
    )
    for child in root["children"]:
        if extra and child["id"] in extra:
            child["children"] = [_checked(node, url_for) for node in extra[child["id"]]]
    root["initial_depth"] = GLOBAL_INITIAL_DEPTH
    return root


def series_tree(series: Series, lang: Lang, url_for: UrlFor) -> Node:
    """Series → parts → lessons → sub-lessons (no sub-sub-lessons: the series page shows them)."""
    root = _series_node(series, lang, url_for, sub_depth=1)
    root["kind"] = "root"
    root["published"] = True
    root["initial_depth"] = SERIES_INITIAL_DEPTH
    return root


def node_count(tree: Mapping[str, Any]) -> int:
    """The number of nodes in ``tree``, root included."""
    return 1 + sum(node_count(child) for child in tree["children"])


# --- rendering ---------------------------------------------------------------------------------


def render_mindmap(
    tree: Node | Mapping[str, Any], *, page_url: str, lang: Lang, map_id: str
) -> str:
    """The map as the site ships it: ``macros.mindmap_block`` (``partials/mindmap.html``) in the
    package's Jinja environment, for a page at site-root-relative ``page_url``. Pages render the
    same macro from their templates; tests and the benchmark call this."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", map_id):
        raise ValueError(f"map_id must be a simple HTML id, not {map_id!r}")
    macros = render.environment().get_template("nexus/macros.html").module
    return str(macros.mindmap_block(tree, render.PageContext(lang, page_url), map_id))  # type: ignore[attr-defined]
