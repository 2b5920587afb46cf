"""Mind map data: the curriculum as a tree of plain dicts, ready for the mind map partial.

Two trees are built from the model:

* :func:`global_tree`: Nexus → series → parts → lessons → sub-lessons → sub-sub-lessons
  (the home page's map, folded to the series level at first);
* :func:`series_tree`: series → parts → lessons → sub-lessons
  (a series page's map, showing the lessons at first).

Every node is a :class:`Node` dict::

    {"id": "P15", "kind": "lesson", "label": "short label", "title": "full title",
     "url": "p/p15/" | None, "published": bool, "children": [...]}

The root node also carries ``initial_depth``: how many levels below the root are shown when the
map first appears (the browser side folds everything deeper).

Rendering: :func:`render_mindmap` renders ``templates/partials/mindmap.html`` with our own
Jinja environment; a host environment that renders the partial itself should call
:func:`configure_jinja` on it first (compact UTF-8 JSON; the partial is safe without it too).
The browser side is ``assets/mindmap/mindmap.js`` + ``mindmap.css`` (:data:`ASSET_FILES`).

No MkDocs here: this module only needs the model, ``json`` and Jinja.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal, NotRequired, TypedDict

import jinja2

from nexus_site.curriculum.model import Curriculum, Lang, Lesson, Part, Series, SubLesson

__all__ = [
    "ASSETS_DIR",
    "ASSET_FILES",
    "GLOBAL_INITIAL_DEPTH",
    "ROOT_ID",
    "SERIES_INITIAL_DEPTH",
    "TEMPLATES_DIR",
    "TEMPLATE_NAME",
    "Node",
    "UrlFor",
    "configure_jinja",
    "global_tree",
    "is_safe_url",
    "node_count",
    "part_node_id",
    "render_mindmap",
    "series_tree",
    "to_script_json",
    "ui_labels",
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

PACKAGE_DIR = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = PACKAGE_DIR / "templates"
TEMPLATE_NAME = "partials/mindmap.html"
ASSETS_DIR = PACKAGE_DIR / "assets" / "mindmap"
ASSET_FILES = ("mindmap.css", "mindmap.js")
"""Copy these to the site (e.g. ``assets/mindmap/``) and link them from every page with a map."""


class Node(TypedDict):
    id: str
    kind: Kind
    label: str
    title: str
    url: str | None
    published: bool
    children: list[Node]
    initial_depth: NotRequired[int]


# --- URLs ------------------------------------------------------------------------------------

_SCHEME = re.compile(r"^[^/?#]*:")


def is_safe_url(url: str) -> bool:
    """True for a relative URL ("p/p15/", "../x#y") or an absolute http(s) one.

    Anything with another scheme (``javascript:``, ``data:``…, however disguised: a colon
    before the first ``/``, ``?`` or ``#`` means a scheme), a protocol-relative ``//host`` or a
    root-absolute ``/path`` (which would break a site served under a sub-path) is refused.
    """
    if not url or url != url.strip():
        return False
    if url.lower().startswith(("http://", "https://")):
        return True
    return not (_SCHEME.match(url) or url.startswith(("/", "\\")))


def _url(url_for: UrlFor, node_id: str) -> str | None:
    url = url_for(node_id)
    if url is None:
        return None
    if not isinstance(url, str) or not is_safe_url(url):
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
        sub.short.get(lang),
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
        lesson.short.get(lang),
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
        part.short.get(lang),
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


def global_tree(curriculum: Curriculum, lang: Lang, url_for: UrlFor) -> Node:
    """Nexus → series → parts → lessons → sub-lessons → sub-sub-lessons.

    Series come in ``site.series_order`` (then any series the order does not name, in load
    order). A series without parts has no children. The root is "published" (it is the site
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


# --- JSON and rendering ----------------------------------------------------------------------

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_UNSAFE = re.compile("[<>&'\u2028\u2029]")


def _script_dumps(obj: Any, **kwargs: Any) -> str:
    kwargs.pop("sort_keys", None)  # keep the model's order (children order matters anyway)
    kwargs.setdefault("ensure_ascii", False)
    kwargs.setdefault("separators", (",", ":"))
    text = json.dumps(obj, **kwargs)
    return _SCRIPT_UNSAFE.sub(lambda m: _SCRIPT_ESCAPES[m.group()], text)


def to_script_json(tree: Any) -> str:
    """Compact UTF-8 JSON that is safe as the content of ``<script type="application/json">``.

    ``<``, ``>``, ``&``, ``'`` and U+2028/U+2029 are written as ``\\uXXXX`` escapes (still the
    same JSON value), so no data can close the script element or open a comment in it.
    """
    return _script_dumps(tree)


def configure_jinja(env: jinja2.Environment) -> jinja2.Environment:
    """Make ``|tojson`` in ``env`` write :func:`to_script_json`'s compact UTF-8 JSON.

    Optional: the partial uses ``tree|tojson``, which Jinja always makes HTML-safe; without this
    the JSON is merely bigger (every non-ASCII character as ``\\uXXXX``). Returns ``env``.
    """
    env.policies["json.dumps_function"] = _script_dumps
    env.policies["json.dumps_kwargs"] = {}
    return env


_UI: dict[str, dict[str, str]] = {
    "ja": {
        "map_label": "カリキュラム・マインドマップ",
        "zoom_in": "拡大",
        "zoom_out": "縮小",
        "fit": "全体を表示",
        "expand_all": "すべて展開",
        "collapse_all": "すべて折りたたむ",
        "fullscreen": "全画面表示",
        "published": "公開中",
        "preparing": "準備中",
        "outline": "一覧で見る",
        "open": "ページを開く",
        "legend": "凡例",
    },
    "en": {
        "map_label": "Curriculum mind map",
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "fit": "Fit to view",
        "expand_all": "Expand all",
        "collapse_all": "Collapse all",
        "fullscreen": "Full screen",
        "published": "Published",
        "preparing": "In preparation",
        "outline": "View as a list",
        "open": "Open page",
        "legend": "Legend",
    },
}


def ui_labels(lang: Lang, **overrides: str) -> dict[str, str]:
    """The toolbar, legend and outline labels for ``lang`` (the partial's ``ui`` variable).

    Required by the partial: zoom_in, zoom_out, fit, expand_all, collapse_all, fullscreen,
    map_label. Optional (built-in defaults otherwise): published, preparing, outline, open,
    legend.
    """
    return {**_UI[lang], **overrides}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    return configure_jinja(env)


_ENV: jinja2.Environment | None = None


def render_mindmap(
    tree: Node | Mapping[str, Any],
    *,
    base: str,
    lang: Lang,
    map_id: str,
    ui: Mapping[str, str] | None = None,
) -> str:
    """Render the mind map partial to an HTML string (to embed in a page as raw HTML).

    ``base`` is the relative prefix from the page to the site root ("", "../", "../../"),
    ``map_id`` a page-unique HTML id ("mindmap-global", "mindmap-p"), ``ui`` defaults to
    :func:`ui_labels` for ``lang``.
    """
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", map_id):
        raise ValueError(f"map_id must be a simple HTML id, not {map_id!r}")
    labels = {**_UI[lang], **(ui or {})}
    return _ENV.get_template(TEMPLATE_NAME).render(
        tree=tree, base=base, lang=lang, map_id=map_id, ui=labels
    )
