"""Unit tests for nexus_site.site.mindmap: tree shape, labels per language, URLs, escaping, partial."""

from __future__ import annotations

import json
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from nexus_site import i18n
from nexus_site.curriculum import loader
from nexus_site.curriculum.model import (
    Curriculum,
    Hero,
    Instructor,
    Legal,
    Lesson,
    Part,
    Series,
    Site,
    SubLesson,
    Text,
)
from nexus_site.site import features, render, urls
from nexus_site.site import mindmap as mm

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(1)</script>"
CURRICULUM_DIR = Path(__file__).resolve().parents[1] / "curriculum"


def t(ja: str, en: str | None = None) -> Text:
    return Text(ja=ja, en=en)


def make_site(order: list[str]) -> Site:
    return Site(
        name="Medical AI Nexus",
        hero=Hero(motto="Data heals tomorrow", tagline=t("標語"), lead=t("リード")),
        series_order=order,
        instructor=Instructor(name=t("講師"), credentials="MD", bio=t("経歴")),
        disclaimer=Legal(title=t("免責事項"), clauses=[]),
        terms=Legal(title=t("利用規約"), clauses=[]),
    )


def make_curriculum() -> Curriculum:
    p = Series(
        id="P",
        title=t("Pythonで学ぶ医療AI", "Medical AI with Python"),
        label=t("Python医療AI", "Python AI"),
        parts=[
            Part(
                id="I",
                title=t("基礎編", "Basics"),
                label=t("基礎", "Base"),
                lessons=[
                    Lesson(
                        id="P1",
                        number=1,
                        title=t("はじめての医療AI", "First steps"),
                        label=t("はじめに", "Intro"),
                        children=[
                            SubLesson(
                                id="P1.1",
                                title=t("環境構築", "Setup"),
                                children=[SubLesson(id="P1.1.1", title=t("深掘り"))],
                            ),
                            SubLesson(id="P1.2", title=t(XSS_IMG, XSS_IMG)),
                        ],
                    ),
                    Lesson(id="P2", number=2, title=t(XSS_SCRIPT, XSS_SCRIPT)),
                ],
            ),
            Part(
                id="II",
                title=t("応用編", "Advanced"),
                lessons=[Lesson(id="P3", number=3, title=t("応用", "Applied"))],
            ),
        ],
    )
    x = Series(id="X", title=t("特化医療分野別シリーズ"), label=t("特化"))
    e = Series(
        id="E",
        title=t("実装ロードマップ", "Roadmap"),
        label=t("実装", "Impl"),
        parts=[Part(id="I", title=t("基盤"), lessons=[])],
    )
    # E is not in series_order: it comes last, after the ordered ones
    return Curriculum(site=make_site(["X", "P"]), series=[p, x, e])


PUBLISHED = {"P": "p/", "P1": "p/p1/", "P1.1": "p/p1/p1.1/", "X": "x/"}


def url_for(node_id: str) -> str | None:
    return PUBLISHED.get(node_id)


def walk(node: Mapping[str, Any], depth: int = 0) -> list[tuple[int, Mapping[str, Any]]]:
    out = [(depth, node)]
    for child in node["children"]:
        out += walk(child, depth + 1)
    return out


def by_id(tree: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {n["id"]: n for _, n in walk(tree)}


# --- tree shape -------------------------------------------------------------------------------


def test_global_tree_shape() -> None:
    tree = mm.global_tree(make_curriculum(), "ja", url_for)
    assert tree["id"] == mm.ROOT_ID
    assert tree["kind"] == "root"
    assert tree["label"] == "Medical AI Nexus"
    assert tree["published"] is True
    assert tree["initial_depth"] == mm.GLOBAL_INITIAL_DEPTH == 1
    assert [s["id"] for s in tree["children"]] == ["X", "P", "E"]
    nodes = by_id(tree)
    assert nodes["X"]["children"] == []  # a series without parts
    assert [c["id"] for c in nodes["P"]["children"]] == ["P-I", "P-II"]
    assert [c["id"] for c in nodes["P-I"]["children"]] == ["P1", "P2"]
    assert [c["id"] for c in nodes["P1"]["children"]] == ["P1.1", "P1.2"]
    assert [c["id"] for c in nodes["P1.1"]["children"]] == ["P1.1.1"]  # sub-sub-lessons too
    assert nodes["E-I"]["children"] == []
    kinds = {n["id"]: n["kind"] for _, n in walk(tree)}
    assert kinds["P"] == "series" and kinds["P-I"] == "part" and kinds["P1"] == "lesson"
    assert kinds["P1.1"] == kinds["P1.1.1"] == "sub"
    assert max(d for d, _ in walk(tree)) == 5
    for _, node in walk(tree):
        assert set(node) - {"initial_depth"} == {
            "id",
            "kind",
            "label",
            "title",
            "url",
            "published",
            "children",
        }
    ids = [n["id"] for _, n in walk(tree)]
    assert len(ids) == len(set(ids)) == mm.node_count(tree) == 13


def test_series_tree_shape() -> None:
    cur = make_curriculum()
    tree = mm.series_tree(cur.series_by_id("P"), "ja", url_for)
    assert tree["id"] == "P"
    assert tree["kind"] == "root"
    assert tree["url"] == "p/"
    assert tree["initial_depth"] == mm.SERIES_INITIAL_DEPTH == 2
    nodes = by_id(tree)
    assert [c["id"] for c in nodes["P1"]["children"]] == ["P1.1", "P1.2"]
    assert nodes["P1.1"]["children"] == []  # no sub-sub-lessons on the series map
    assert max(d for d, _ in walk(tree)) == 3
    empty = mm.series_tree(cur.series_by_id("X"), "en", url_for)
    assert empty["children"] == [] and empty["label"] == "特化"


def test_labels_per_language() -> None:
    cur = make_curriculum()
    ja = by_id(mm.global_tree(cur, "ja", url_for))
    en = by_id(mm.global_tree(cur, "en", url_for))
    assert (ja["P"]["label"], ja["P"]["title"]) == ("Python医療AI", "Pythonで学ぶ医療AI")
    assert (en["P"]["label"], en["P"]["title"]) == ("Python AI", "Medical AI with Python")
    # Parts carry their number, lessons and sub-lessons their ID: what learners refer to.
    assert (ja["P-I"]["label"], ja["P-I"]["title"]) == ("第I部 基礎", "基礎編")
    assert (en["P-I"]["label"], en["P-I"]["title"]) == ("Part I Base", "Basics")
    assert (ja["P1"]["label"], en["P1"]["label"]) == ("P1 はじめに", "P1 Intro")
    assert (ja["P1"]["title"], en["P1"]["title"]) == ("はじめての医療AI", "First steps")
    # no label: the title is the label
    assert ja["P1.1"]["label"] == "P1.1 環境構築" and ja["P1.1"]["title"] == "環境構築"
    assert en["P1.1"]["label"] == "P1.1 Setup"
    # no English: falls back to Japanese
    assert en["P1.1.1"]["label"] == "P1.1.1 深掘り"
    assert en["X"]["label"] == "特化" and en["X"]["title"] == "特化医療分野別シリーズ"
    assert en[mm.ROOT_ID]["label"] == ja[mm.ROOT_ID]["label"] == "Medical AI Nexus"


# --- URLs and publication ---------------------------------------------------------------------


def test_urls_and_published() -> None:
    asked: list[str] = []

    def spy(node_id: str) -> str | None:
        asked.append(node_id)
        return url_for(node_id)

    nodes = by_id(mm.global_tree(make_curriculum(), "ja", spy))
    assert {mm.ROOT_ID, "P", "P-I", "P1", "P1.1", "P1.1.1", "X", "E", "E-I"} <= set(asked)
    assert nodes["P"]["url"] == "p/" and nodes["P"]["published"] is True
    assert nodes["P1.1"]["url"] == "p/p1/p1.1/" and nodes["P1.1"]["published"] is True
    assert nodes["P1.1.1"]["url"] is None and nodes["P1.1.1"]["published"] is False
    assert nodes["P2"]["url"] is None and nodes["P2"]["published"] is False
    assert nodes["E"]["published"] is False
    # parts: published when any lesson is, even without a page of their own
    assert nodes["P-I"]["url"] is None and nodes["P-I"]["published"] is True
    assert nodes["P-II"]["published"] is False
    assert nodes["E-I"]["published"] is False
    assert nodes[mm.ROOT_ID]["url"] is None and nodes[mm.ROOT_ID]["published"] is True


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("p/p15/", True),
        ("p/p15/#part-i", True),
        ("../x/?q=a:b", True),
        ("index.html", True),
        ("https://example.org/a", True),
        ("HTTP://example.org/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("vbscript:x", False),
        ("//evil.example/", False),
        ("/root/absolute/", False),
        ("\\\\evil", False),
        ("", False),
    ],
)
def test_is_safe_url(url: str, ok: bool) -> None:
    assert urls.is_safe_url(url) is ok


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("mailto:a@example.org", True),
        ("/root/absolute/", True),
        ("#top", True),
        ("./a:b", True),
        ("https://example.org/", True),
        ("javascript:alert(1)", False),
        ("tel:123", False),
        ("//evil.example/", False),
    ],
)
def test_is_safe_url_for_curriculum_markdown(url: str, ok: bool) -> None:
    """The same check, as the Markdown of curriculum texts uses it (render.safe_markdown)."""
    assert urls.is_safe_url(url, schemes=("http", "https", "mailto"), root_absolute=True) is ok


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "//evil.example/", "/abs/", "data:x"])
def test_unsafe_url_for_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="unsafe"):
        mm.global_tree(make_curriculum(), "ja", lambda i: bad if i == "P1" else None)


# --- JSON escaping ----------------------------------------------------------------------------


class Collector(HTMLParser):
    """Records start tags and the raw text of each <script> element, as a browser splits them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(html: str) -> Collector:
    c = Collector()
    c.feed(html)
    c.close()
    return c


def test_script_json_escapes() -> None:
    tree = {"id": "a", "label": XSS_SCRIPT + "\u2028\u2029 & ' <!-- -->", "children": []}
    out = render.script_json(tree)
    for ch in "<>&\u2028\u2029":
        assert ch not in out
    assert "\\u003c/script\\u003e" in out
    assert json.loads(out) == tree
    assert "医" in render.script_json({"x": "医療"})  # UTF-8, not \\u escapes
    # inside a script element nothing can end it early
    c = parse(f'<script type="application/json">{out}</script><p>after</p>')
    assert len(c.scripts) == 1 and json.loads(c.scripts[0]) == tree
    assert [tag for tag, _ in c.tags] == ["script", "p"]


def render_map(tree: dict[str, Any] | mm.Node, **kw: Any) -> str:
    """The map as the site ships it, on a page one level down (``p/``)."""
    args: dict[str, Any] = {"page_url": "p/", "lang": "ja", "map_id": "mm-test"}
    args.update(kw)
    return mm.render_mindmap(tree, **args)


def test_partial_json_cannot_escape_script() -> None:
    tree = mm.global_tree(make_curriculum(), "ja", url_for)
    html = render_map(tree)
    c = parse(html)
    scripts = [a for tag, a in c.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "class": "nexus-mindmap__data"}]
    assert json.loads(c.scripts[0]) == tree
    assert "<img" not in html and "<script>alert" not in html
    assert by_id(json.loads(c.scripts[0]))["P1.2"]["label"] == "P1.2 " + XSS_IMG


# --- the partial ------------------------------------------------------------------------------


def test_partial_structure() -> None:
    tree = mm.global_tree(make_curriculum(), "ja", url_for)
    html = render_map(tree)
    c = parse(html)
    root = c.tags[0]
    assert root[0] == "div" and root[1]["class"] == "nexus-mindmap" and root[1]["id"] == "mm-test"
    assert root[1]["data-base"] == "../" and root[1]["data-initial-depth"] == "1"
    buttons = [a for tag, a in c.tags if tag == "button"]
    assert [b["data-action"] for b in buttons] == [
        "zoom-in",
        "zoom-out",
        "fit",
        "expand-all",
        "collapse-all",
        "fullscreen",
    ]
    assert all(b["type"] == "button" and b["aria-label"] for b in buttons)
    assert buttons[0]["aria-label"] == i18n.UI["ja"]["zoom_in"]
    assert buttons[1]["aria-label"] == i18n.UI["ja"]["zoom_out"]
    # the outline: a nested list with links for published nodes only
    hrefs = [a["href"] for tag, a in c.tags if tag == "a"]
    assert hrefs == ["../x/", "../p/", "../p/p1/", "../p/p1/p1.1/"]
    text = "".join(c.text)
    assert XSS_IMG in text and XSS_SCRIPT in text
    assert "準備中" in text
    assert sum(1 for tag, _ in c.tags if tag == "li") == mm.node_count(tree)


def test_render_checks_map_id() -> None:
    with pytest.raises(ValueError):
        render_map({"id": "r", "label": "", "children": []}, map_id='x" onclick="y')


def test_map_labels_in_both_languages() -> None:
    """The partial's labels are i18n.UI's, the one table of interface strings."""
    required = {
        "zoom_in",
        "zoom_out",
        "fit",
        "expand_all",
        "collapse_all",
        "fullscreen",
        "map_label",
        "published",
        "preparing",
        "map_outline",
        "map_open",
        "map_legend",
    }
    for lang in ("ja", "en"):
        assert required <= set(i18n.UI[lang]) and all(i18n.UI[lang].values())
    assert set(i18n.UI["ja"]) == set(i18n.UI["en"])


def test_assets_exist() -> None:
    for name in ("mindmap/mindmap.css", "mindmap/mindmap.js"):
        assert (features.ASSETS / name).is_file()


def test_no_mkdocs_import() -> None:
    source = Path(mm.__file__).read_text(encoding="utf-8")
    assert "import mkdocs" not in source and "from mkdocs" not in source


# --- the real curriculum, when it validates -------------------------------------------------


def load_real() -> Curriculum | None:
    return loader.load_result(CURRICULUM_DIR).curriculum


def test_real_curriculum_trees() -> None:
    cur = load_real()
    assert cur is not None, "the real curriculum must load"
    for lang in ("ja", "en"):
        tree = mm.global_tree(cur, lang, lambda i: None)
        ids = [n["id"] for _, n in walk(tree)]
        assert len(ids) == len(set(ids))
        assert len(tree["children"]) == len(cur.series)
        assert json.loads(render.script_json(tree)) == tree
        for s in cur.series:
            st = mm.series_tree(s, lang, lambda i: None)
            assert mm.node_count(st) <= mm.node_count(tree)
