"""The mind map in headless Chromium: clicks, drag, wheel, toolbar, keyboard, safety, hidden start.

A tmp site is served under /nexus/ on 127.0.0.1 with the partial rendered by Jinja and the real
mindmap.css/js. Every test fails on a console error, a page error or a dialog.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nexus_site import i18n
from nexus_site.curriculum.model import Curriculum, Lesson, Part, Series, SubLesson, Text
from nexus_site.site import features
from nexus_site.site import mindmap as mm
from support import serve
from test_mindmap_data import make_curriculum, make_site, url_for

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(1)</script>"
MAP = "#m"


def page_html(body: str, lang: str = "ja", title: str = "map") -> str:
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="stylesheet" href="{{base}}assets/mindmap/mindmap.css">
<style>html{{font-size:125%}} body{{margin:0;font-family:sans-serif}}
main{{max-width:960px;margin:0 auto;padding:8px}}</style></head>
<body><main>{body}</main>
<script src="{{base}}assets/mindmap/mindmap.js"></script></body></html>"""


def write_page(root: Path, rel: str, body: str, base: str = "", lang: str = "ja") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_html(body, lang).replace("{base}", base), encoding="utf-8")


def xss_curriculum() -> Curriculum:
    evil = Text(ja=XSS_IMG, en=XSS_IMG)
    worse = Text(ja=XSS_SCRIPT, en=XSS_SCRIPT)
    s = Series(
        id="P",
        title=worse,
        label=evil,
        parts=[
            Part(
                id="I",
                title=worse,
                lessons=[
                    Lesson(
                        id="P1",
                        number=1,
                        title=evil,
                        children=[SubLesson(id="P1.1", title=worse)],
                    ),
                    Lesson(id="P2", number=2, title=worse, label=evil),
                ],
            )
        ],
    )
    return Curriculum(site=make_site(["P"]), series=[s])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("mindmap-site")
    nexus = root / "nexus"
    (nexus / "assets" / "mindmap").mkdir(parents=True)
    for name in ("mindmap.css", "mindmap.js"):
        shutil.copy(features.ASSETS / "mindmap" / name, nexus / "assets" / "mindmap" / name)
    cur = make_curriculum()
    tree = mm.global_tree(cur, "ja", url_for)
    write_page(nexus, "index.html", mm.render_mindmap(tree, page_url="", lang="ja", map_id="m"))
    write_page(
        nexus,
        "hidden.html",
        '<div id="wrap" hidden>'
        + mm.render_mindmap(tree, page_url="", lang="ja", map_id="m")
        + "</div>",
    )
    xss = mm.global_tree(xss_curriculum(), "en", lambda i: "p/" if i == "P" else None)
    write_page(
        nexus, "xss.html", mm.render_mindmap(xss, page_url="", lang="en", map_id="m"), lang="en"
    )
    series = mm.series_tree(cur.series_by_id("P"), "en", url_for)
    write_page(
        nexus,
        "p/index.html",
        mm.render_mindmap(series, page_url="p/", lang="en", map_id="m"),
        "../",
    )
    for url in ("p/p1/", "p/p1/p1.1/", "x/"):
        write_page(nexus, url + "index.html", f"<h1>{url}</h1>", "../" * url.count("/"))

    with serve(root) as url:
        yield url + "nexus/"


# The browser comes from tests/conftest.py (one Playwright instance per process: a second
# sync_playwright() in the same worker fails with "Sync API inside the asyncio loop").


class Watch:
    """Console errors, page errors and dialogs of one page."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("dialog", self._dialog)

    def _console(self, msg: Any) -> None:
        if msg.type in ("error", "warning"):
            self.errors.append(f"console {msg.type}: {msg.text}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # reduced motion: no animated pans, so positions are final as soon as a handler returns
    context = browser.new_context(viewport={"width": 1100, "height": 800}, reduced_motion="reduce")
    pg = context.new_page()
    watch = Watch(pg)
    pg.watch = watch
    yield pg
    context.close()
    assert watch.dialogs == [], watch.dialogs
    assert watch.errors == [], watch.errors


def open_map(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(f"{MAP}.is-rendered")


def state(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(f"document.querySelector('{MAP}').nexusMindmap.state()")
    return result


def visible_items(page: Any) -> int:
    count: int = page.evaluate(f"document.querySelectorAll('{MAP} .mm-item').length")
    return count


def box(page: Any, node_id: str) -> Any:
    return page.locator(f'{MAP} .mm-item[data-id="{node_id}"] > .mm-box')


def world_transform(page: Any) -> str:
    value: str = page.evaluate(f"document.querySelector('{MAP} .mm-world').style.transform")
    return value


def canvas_rect(page: Any) -> dict[str, float]:
    rect: dict[str, float] = page.locator(f"{MAP} .nexus-mindmap__canvas").bounding_box()
    return rect


def inside(inner: dict[str, float], outer: dict[str, float], slack: float = 1) -> bool:
    return (
        inner["x"] >= outer["x"] - slack
        and inner["y"] >= outer["y"] - slack
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack
    )


def settle(page: Any) -> None:
    page.wait_for_timeout(50)  # pans are not animated under reduced motion; let a frame pass


# --- tests ------------------------------------------------------------------------------------


def test_first_render_and_aria(site: str, page: Any) -> None:
    open_map(page, site)
    tree = page.locator(f"{MAP} [role=tree]")
    assert tree.get_attribute("aria-label") == i18n.UI["ja"]["map_label"]
    # folded to the series level: root + 3 series
    assert visible_items(page) == 4 == state(page)["visible"]
    root = page.locator(f'{MAP} [data-id="{mm.ROOT_ID}"]')
    assert root.get_attribute("aria-level") == "1"
    assert root.get_attribute("aria-expanded") == "true"
    p = page.locator(f'{MAP} [data-id="P"]')
    assert (p.get_attribute("aria-level"), p.get_attribute("aria-posinset")) == ("2", "2")
    assert p.get_attribute("aria-setsize") == "3"
    assert p.get_attribute("aria-expanded") == "false"
    assert page.locator(f'{MAP} [data-id="X"]').get_attribute("aria-expanded") is None
    assert page.locator(f"{MAP} [role=group]").count() == 1
    assert page.locator(f'{MAP} [role=treeitem][tabindex="0"]').count() == 1
    # the text alternative is folded away, the toolbar shown
    assert page.locator(f"{MAP} .nexus-mindmap__outline").get_attribute("open") is None
    assert page.locator(f"{MAP} .nexus-mindmap__bar").is_visible()
    # every node box is at least 24 x 24 px and inside the canvas
    canvas = canvas_rect(page)
    for i in range(visible_items(page)):
        rect = page.locator(f"{MAP} .mm-box").nth(i).bounding_box()
        assert rect["width"] >= 24 and rect["height"] >= 24
        assert inside(rect, canvas)
    # published and in-preparation nodes look different
    pub = page.evaluate(
        f"getComputedStyle(document.querySelector('{MAP} [data-id=\"P\"] > .mm-box')).borderStyle"
    )
    prep = page.evaluate(
        f"getComputedStyle(document.querySelector('{MAP} [data-id=\"E\"] > .mm-box')).borderStyle"
    )
    assert (pub, prep) == ("solid", "dashed")


def test_click_toggles(site: str, page: Any) -> None:
    open_map(page, site)
    before = visible_items(page)
    box(page, "P").click()
    assert visible_items(page) == before + 2  # parts I and II
    assert page.locator(f'{MAP} [data-id="P"]').get_attribute("aria-expanded") == "true"
    assert page.url.endswith("/nexus/")  # the node body toggles, it does not navigate
    box(page, "P-I").click()
    assert visible_items(page) == before + 4
    box(page, "P").click()
    assert visible_items(page) == before
    assert page.locator(f'{MAP} [data-id="P"]').get_attribute("aria-expanded") == "false"
    # the edges follow: one per visible non-root node
    assert page.locator(f"{MAP} .mm-edges path").count() == before - 1


def test_drag_pans_and_does_not_toggle(site: str, page: Any) -> None:
    open_map(page, site)
    canvas = canvas_rect(page)
    start = world_transform(page)
    s0 = state(page)
    x, y = canvas["x"] + 12, canvas["y"] + 12
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y + 20, steps=4)
    page.mouse.move(x + 120, y + 40, steps=4)
    page.mouse.up()
    assert world_transform(page) != start
    s1 = state(page)
    assert (round(s1["x"] - s0["x"]), round(s1["y"] - s0["y"])) == (120, 40)
    # a drag that starts on a node pans too, and does not toggle it
    visible = visible_items(page)
    rect = box(page, "P").bounding_box()
    px, py = rect["x"] + 10, rect["y"] + rect["height"] / 2
    page.mouse.move(px, py)
    page.mouse.down()
    page.mouse.move(px + 50, py + 50, steps=5)
    page.mouse.up()
    assert visible_items(page) == visible
    assert round(state(page)["x"] - s1["x"]) == 50


def test_ctrl_wheel_zooms_around_the_cursor(site: str, page: Any) -> None:
    open_map(page, site)
    canvas = canvas_rect(page)
    s0 = state(page)
    cx, cy = canvas["x"] + 200, canvas["y"] + 150
    page.mouse.move(cx, cy)
    page.keyboard.down("Control")  # a trackpad pinch arrives as Ctrl + wheel too
    page.mouse.wheel(0, -200)
    page.wait_for_function(f"document.querySelector('{MAP}').nexusMindmap.state().k > {s0['k']}")
    s1 = state(page)
    # the world point under the cursor stays under it
    lx, ly = cx - canvas["x"], cy - canvas["y"]
    wx0, wy0 = (lx - s0["x"]) / s0["k"], (ly - s0["y"]) / s0["k"]
    wx1, wy1 = (lx - s1["x"]) / s1["k"], (ly - s1["y"]) / s1["k"]
    assert abs(wx0 - wx1) < 0.5 and abs(wy0 - wy1) < 0.5
    page.mouse.wheel(0, 400)
    page.wait_for_function(f"document.querySelector('{MAP}').nexusMindmap.state().k < {s1['k']}")
    page.keyboard.up("Control")


def test_plain_wheel_leaves_the_map_alone_and_says_how_to_zoom(site: str, page: Any) -> None:
    open_map(page, site)
    canvas = canvas_rect(page)
    s0 = state(page)
    page.mouse.move(canvas["x"] + 200, canvas["y"] + 150)
    page.mouse.wheel(0, 300)  # the page's to scroll: not prevented, no zoom
    page.wait_for_selector(f"{MAP} .mm-hint.is-shown")
    assert state(page)["k"] == s0["k"]


def test_toolbar_buttons(site: str, page: Any) -> None:
    open_map(page, site)
    k0 = state(page)["k"]
    page.click("[data-action=zoom-in]")
    k1 = state(page)["k"]
    assert k1 > k0
    page.click("[data-action=zoom-out]")
    page.click("[data-action=zoom-out]")
    assert state(page)["k"] < k1
    # pan everything away, then fit brings every node back into view
    page.evaluate(
        "m => { m.nexusMindmap.view.x += 5000; m.nexusMindmap.apply(false); }",
        page.locator(MAP).element_handle(),
    )
    page.click("[data-action=fit]")
    settle(page)
    canvas = canvas_rect(page)
    for i in range(visible_items(page)):
        assert inside(page.locator(f"{MAP} .mm-box").nth(i).bounding_box(), canvas)
    page.click("[data-action=expand-all]")
    tree = mm.global_tree(make_curriculum(), "ja", url_for)
    assert visible_items(page) == mm.node_count(tree)
    page.click("[data-action=collapse-all]")
    assert visible_items(page) == 1 + len(tree["children"])
    # full screen: the Fullscreen API, or the CSS fallback where it is refused
    button = page.locator("[data-action=fullscreen]")
    button.click()
    page.wait_for_function(f"document.querySelector('{MAP}').classList.contains('is-fullscreen')")
    assert button.get_attribute("aria-pressed") == "true"
    button.click()
    page.wait_for_function(f"!document.querySelector('{MAP}').classList.contains('is-fullscreen')")
    assert button.get_attribute("aria-pressed") == "false"
    # all six are real buttons with a name
    for b in page.locator(f"{MAP} .nexus-mindmap__toolbar button").all():
        assert b.get_attribute("type") == "button" and b.get_attribute("aria-label")


def focused(page: Any) -> tuple[str | None, str | None]:
    result: list[str | None] = page.evaluate(
        "[document.activeElement.getAttribute('data-id'),"
        " document.activeElement.getAttribute('role')]"
    )
    return result[0], result[1]


def test_keyboard_walk(site: str, page: Any) -> None:
    open_map(page, site)
    page.focus("[data-action=fullscreen]")
    page.keyboard.press("Tab")
    assert focused(page) == (mm.ROOT_ID, "treeitem")
    page.keyboard.press("ArrowRight")  # root is open: to its first child
    assert focused(page)[0] == "X"
    page.keyboard.press("ArrowDown")
    assert focused(page)[0] == "P"
    page.keyboard.press("ArrowRight")  # expands P
    assert page.locator(f'{MAP} [data-id="P"]').get_attribute("aria-expanded") == "true"
    assert focused(page)[0] == "P"
    page.keyboard.press("ArrowRight")  # into P's first part
    assert focused(page)[0] == "P-I"
    page.keyboard.press("ArrowDown")
    assert focused(page)[0] == "P-II"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowLeft")  # P-I is closed: to the parent
    assert focused(page)[0] == "P"
    page.keyboard.press("ArrowLeft")  # collapses P
    assert page.locator(f'{MAP} [data-id="P"]').get_attribute("aria-expanded") == "false"
    page.keyboard.press("End")
    assert focused(page)[0] == "E"
    page.keyboard.press("Home")
    assert focused(page)[0] == mm.ROOT_ID
    page.keyboard.press("ArrowDown")
    page.keyboard.press("*")  # expands every sibling series that has children
    assert page.locator(f'{MAP} [data-id="P"]').get_attribute("aria-expanded") == "true"
    assert page.locator(f'{MAP} [data-id="E"]').get_attribute("aria-expanded") == "true"
    assert page.locator(f'{MAP} [role=treeitem][tabindex="0"]').count() == 1
    # Space toggles, Enter on a node without a page toggles too
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert focused(page)[0] == "P-I"
    page.keyboard.press("Enter")
    assert page.locator(f'{MAP} [data-id="P-I"]').get_attribute("aria-expanded") == "true"
    # the focus ring is visible on the box
    outline = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('.mm-box')).outlineStyle"
    )
    assert outline == "solid"


def test_focus_is_panned_into_view(site: str, page: Any) -> None:
    open_map(page, site)
    page.click("[data-action=expand-all]")
    for _ in range(4):
        page.click("[data-action=zoom-in]")
    settle(page)
    page.focus("[data-action=fullscreen]")
    page.keyboard.press("Tab")
    canvas = canvas_rect(page)
    for key in ["End", "Home", "ArrowDown", "ArrowDown", "ArrowDown", "ArrowDown", "End"]:
        page.keyboard.press(key)
        settle(page)
        rect = page.evaluate(
            "(() => { const r = document.activeElement.querySelector('.mm-box')"
            ".getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width,"
            " height: r.height}; })()"
        )
        assert inside(rect, canvas), (key, rect, canvas)


def test_enter_and_click_follow_links(site: str, page: Any) -> None:
    open_map(page, site)
    page.focus("[data-action=fullscreen]")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    assert focused(page)[0] == "P"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/nexus/p/")
    # the series map of P: relative links from a sub-directory
    page.wait_for_selector(f"{MAP}.is-rendered")
    assert page.locator(f'{MAP} [data-id="P"]').get_attribute("aria-current") == "page"
    assert visible_items(page) == 1 + 2 + 3  # series, parts, lessons
    box(page, "P1").click()  # P1 has sub-lessons: its body toggles
    assert page.locator(f'{MAP} [data-id="P1"]').get_attribute("aria-expanded") == "true"
    with page.expect_navigation():
        page.locator(f'{MAP} [data-id="P1"] > .mm-box > a.mm-link').click()
    assert page.url.endswith("/nexus/p/p1/")
    page.go_back()
    page.wait_for_selector(f"{MAP}.is-rendered")
    box(page, "P1").click()
    with page.expect_navigation():
        box(page, "P1.1").click()  # a published leaf: the whole box is the link
    assert page.url.endswith("/nexus/p/p1/p1.1/")


def test_injection_is_inert(site: str, page: Any) -> None:
    page.add_init_script("window.__alerts = 0; window.alert = () => { window.__alerts++; };")
    open_map(page, site + "xss.html")
    page.click("[data-action=expand-all]")
    page.evaluate(f"document.querySelector('{MAP} .nexus-mindmap__outline').open = true")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__alerts") == 0
    assert page.locator("img").count() == 0
    # two scripts: the JSON data and mindmap.js
    assert page.locator("script").count() == 2
    labels = page.locator(f"{MAP} .mm-label").all_text_contents()
    assert XSS_IMG in labels and f"P1.1 {XSS_SCRIPT}" in labels
    outline = page.locator(f"{MAP} .nexus-mindmap__list").inner_text()
    assert XSS_IMG in outline and XSS_SCRIPT in outline
    titles = page.evaluate(
        f"[...document.querySelectorAll('{MAP} .mm-box[title]')].map(b => b.title)"
    )
    assert any(XSS_SCRIPT in t for t in titles)
    assert page.watch.dialogs == []


def test_hidden_start_then_shown(site: str, page: Any) -> None:
    page.goto(site + "hidden.html")
    page.wait_for_function(f"document.querySelector('{MAP}').nexusMindmap")
    assert state(page)["rendered"] is False
    page.evaluate("document.getElementById('wrap').hidden = false")
    page.wait_for_selector(f"{MAP}.is-rendered")
    canvas = canvas_rect(page)
    assert canvas["width"] > 300 and canvas["height"] > 200
    boxes = page.locator(f"{MAP} .mm-box")
    assert boxes.count() == 4
    for i in range(4):
        rect = boxes.nth(i).bounding_box()
        assert rect["width"] > 40 and rect["height"] >= 24
        assert inside(rect, canvas)
    # the toggle works as usual afterwards
    box(page, "P").click()
    assert visible_items(page) == 6


def test_init_is_idempotent_and_follows_instant_navigation(site: str, page: Any) -> None:
    open_map(page, site)
    page.evaluate("NexusMindmap.initAll(); NexusMindmap.initAll();")
    assert page.locator(f"{MAP} .mm-world").count() == 1
    # Material's instant navigation swaps the content, then document$ emits: initAll again
    page.evaluate(
        """async () => {
          const html = await (await fetch(location.href)).text();
          const doc = new DOMParser().parseFromString(html, 'text/html');
          const main = document.querySelector('main');
          main.replaceChildren(document.importNode(doc.querySelector('#m'), true));
          NexusMindmap.initAll();
        }"""
    )
    page.wait_for_selector(f"{MAP}.is-rendered")
    assert page.locator(f"{MAP} .mm-world").count() == 1
    assert visible_items(page) == 4


def test_touch_pinch_zooms_and_tap_toggles(site: str, browser: Any) -> None:
    context = browser.new_context(
        viewport={"width": 400, "height": 760},
        has_touch=True,
        is_mobile=True,
        reduced_motion="reduce",
    )
    page = context.new_page()
    watch = Watch(page)
    try:
        open_map(page, site)
        assert (
            page.evaluate(
                f"getComputedStyle(document.querySelector('{MAP} .nexus-mindmap__canvas'))"
                ".touchAction"
            )
            == "pan-y"  # a vertical swipe scrolls the page; sideways pans, two fingers pinch
        )
        before = visible_items(page)
        box(page, "P").tap()
        assert visible_items(page) == before + 2
        canvas = canvas_rect(page)
        cx, cy = canvas["x"] + canvas["width"] / 2, canvas["y"] + canvas["height"] / 2
        k0 = state(page)["k"]
        cdp = context.new_cdp_session(page)

        def touch(kind: str, points: list[tuple[float, float]]) -> None:
            cdp.send(
                "Input.dispatchTouchEvent",
                {
                    "type": kind,
                    "touchPoints": [
                        {"x": x, "y": y, "id": i, "radiusX": 2, "radiusY": 2}
                        for i, (x, y) in enumerate(points)
                    ],
                },
            )

        touch("touchStart", [(cx - 30, cy), (cx + 30, cy)])
        for step in range(1, 6):
            d = 30 + step * 18
            touch("touchMove", [(cx - d, cy), (cx + d, cy)])
        touch("touchEnd", [])
        k1 = state(page)["k"]
        assert k1 > k0 * 1.8, (k0, k1)
        assert visible_items(page) == before + 2  # a pinch is not a tap
    finally:
        context.close()
    assert watch.errors == [] and watch.dialogs == []
