"""The mind map on the built site, as a reader meets it: it never traps page scrolling (wheel,
one-finger swipe), zooms with Ctrl/⌘ + wheel, and gives a finger 44 px targets on a phone."""

from __future__ import annotations

from typing import Any

import pytest

from support import meet_map

pytestmark = pytest.mark.browser

MAP = "#nx-map-global"


def scroll_y(page: Any) -> float:
    return float(page.evaluate("window.scrollY"))


def map_state(page: Any) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(f"document.querySelector('{MAP}').nexusMindmap.state()")
    return state


def test_wheel_over_the_map_scrolls_the_page(browser: Any, real_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_url)
    meet_map(page, MAP)
    canvas = page.locator(f"{MAP} .nexus-mindmap__canvas")
    canvas.scroll_into_view_if_needed()
    k0 = map_state(page)["k"]
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = scroll_y(page)
    for _ in range(5):
        page.mouse.wheel(0, 200)
    page.wait_for_function(f"window.scrollY > {before + 300}")
    assert map_state(page)["k"] == k0  # the map did not zoom
    # Ctrl + wheel zooms the map and leaves the page where it is.
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    at = scroll_y(page)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)
    page.keyboard.up("Control")
    page.wait_for_function(f"document.querySelector('{MAP}').nexusMindmap.state().k > {k0}")
    assert scroll_y(page) == at
    context.close()


def test_one_finger_swipe_over_the_map_scrolls_the_page(browser: Any, real_url: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(real_url)
    meet_map(page, MAP)
    canvas = page.locator(f"{MAP} .nexus-mindmap__canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    before, map_y = scroll_y(page), map_state(page)["y"]
    cdp = context.new_cdp_session(page)
    # Real touches (the browser applies touch-action): a swipe up from inside the map.
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.7
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        point = {"x": x, "y": y - 25 * step}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_function(f"window.scrollY > {before + 100}")
    assert map_state(page)["y"] == map_y  # the page moved, not the map
    context.close()


def test_touch_targets_are_44px(browser: Any, real_url: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(real_url)
    meet_map(page, MAP)
    sizes = page.evaluate(
        f"""() => {{
          const m = document.querySelector('{MAP}');
          const k = m.nexusMindmap.state().k;
          const boxes = [...m.querySelectorAll('.mm-box')].map(b => b.offsetHeight);
          const buttons = [...m.querySelectorAll('.nexus-mindmap__btn')]
            .map(b => Math.min(b.offsetWidth, b.offsetHeight));
          return {{k, box: Math.min(...boxes), button: Math.min(...buttons)}};
        }}"""
    )
    assert sizes["button"] >= 44
    assert sizes["box"] >= 44  # in map units; drawn at the map's zoom
    context.close()


MEASURE = """(sel) => {
  const m = document.querySelector(sel);
  const c = m.querySelector('.nexus-mindmap__canvas').getBoundingClientRect();
  const k = m.nexusMindmap.state().k;
  const out = {smallest: 99, clipped: [], shown: 0};
  for (const item of m.querySelectorAll('[role=treeitem]')) {
    const label = item.querySelector(':scope > .mm-box .mm-label');
    if (!label || !label.getClientRects().length) continue;
    const r = label.getBoundingClientRect();
    out.shown++;
    out.smallest = Math.min(out.smallest, parseFloat(getComputedStyle(label).fontSize) * k);
    if (r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1)
      out.clipped.push(item.getAttribute('aria-level') + ':' + label.textContent);
  }
  return out;
}"""


def map_pages(real_site: Any) -> list[str]:
    return [
        "",
        *sorted(
            p.parent.name + "/"
            for p in real_site.glob("*/index.html")
            if "nexus-mindmap" in p.read_text("utf-8") and p.parent.name != "en"
        ),
    ]


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_first_view_is_readable_and_whole(
    browser: Any, real_url: str, real_site: Any, phone: bool
) -> None:
    """No label under 12 px (14 px on a phone); nothing shown is cut off, except on a phone the
    map's root (the page's own title) when the branches need the width."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 900},
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=2 if phone else 1,
    )
    page = context.new_page()
    problems = []
    for path in map_pages(real_site):
        page.goto(real_url + path)
        meet_map(page)
        found = page.evaluate(MEASURE, ".nexus-mindmap")
        if found["smallest"] < (14 if phone else 12) - 0.01:
            problems.append(f"{path or 'home'}: a label at {found['smallest']:.1f} px")
        cut = [c for c in found["clipped"] if not (phone and c.startswith("1:"))]
        if cut:
            problems.append(f"{path or 'home'}: cut off {cut}")
        if found["shown"] < 2:
            problems.append(f"{path or 'home'}: only {found['shown']} node shown")
    context.close()
    assert problems == []


def test_a_lesson_links_to_its_node_and_the_deep_link_opens_it(browser: Any, real_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_url + "p/p15/")
    link = page.locator(".nx-map-link a")
    assert link.get_attribute("href") == "../#map=P15"
    link.click()
    page.wait_for_function("document.activeElement.getAttribute('data-id') === 'P15'")
    canvas = page.locator(".nexus-mindmap__canvas").bounding_box()
    node = page.locator('.nexus-mindmap [data-id="P15"] > .mm-box').bounding_box()
    assert canvas is not None and node is not None
    assert canvas["x"] <= node["x"] and node["x"] + node["width"] <= canvas["x"] + canvas["width"]
    assert canvas["y"] <= node["y"] and node["y"] + node["height"] <= canvas["y"] + canvas["height"]
    context.close()


@pytest.mark.parametrize(("query", "node"), [("P15", "P15"), ("連合", "G17"), ("ｐ１５", "P15")])
def test_find_in_the_map_unfolds_to_the_match(
    browser: Any, real_url: str, query: str, node: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_url)
    meet_map(page, MAP)
    page.locator(f"{MAP} .nexus-mindmap__find input").fill(query)
    page.wait_for_selector(f'{MAP} [data-id="{node}"].is-match')
    assert int(page.locator(f"{MAP} .nexus-mindmap__count").inner_text()) >= 1
    timings = page.evaluate(f"document.querySelector('{MAP}').nexusMindmap.timings")
    assert (
        timings["search"] >= 0
    )  # measured per keystroke; its budget is scripts/bench_mindmap.py's
    context.close()


def test_the_help_is_open_the_first_time_only(browser: Any, real_url: str) -> None:
    """How to use the map (click rule, move, zoom, keyboard, find) is open on a reader's first map
    and folded after that, on every map of the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_url)
    meet_map(page, MAP)
    help_ = page.locator(".nx-maphelp")
    assert help_.get_attribute("open") is not None
    assert "Ctrl" in help_.inner_text() and "Enter" in help_.inner_text()
    page.goto(real_url + "p/")
    meet_map(page)
    assert page.locator(".nx-maphelp").count() == 1  # series maps carry it too
    assert page.locator(".nx-maphelp").get_attribute("open") is None
    context.close()


def test_a_map_below_the_fold_is_built_when_the_reader_comes_near(
    browser: Any, real_url: str
) -> None:
    """Building a map is the longest task of a page's start: a map far below the first screen
    waits for the reader, with its place already taken (nothing moves when it is built)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(real_url, wait_until="networkidle")
    assert page.locator(f"{MAP}.is-ready").count() == 0
    canvas = page.locator(f"{MAP} .nexus-mindmap__canvas")
    before = canvas.bounding_box()
    assert before is not None and before["height"] >= 300  # its place is taken
    assert not page.locator(f"{MAP} .nexus-mindmap__list").is_visible()  # shown folded
    # the reader scrolls down to it: the map is built a screen ahead, and nothing they see moves
    page.evaluate(
        "window.__shift = 0; new PerformanceObserver(l => { for (const e of l.getEntries())"
        " window.__shift += e.value; }).observe({type: 'layout-shift'})"
    )
    for _ in range(40):
        if page.locator(f"{MAP}.is-rendered").count():
            break
        page.evaluate("window.scrollBy(0, 300)")
        page.wait_for_timeout(100)
    page.locator(f"{MAP}.is-rendered").wait_for()
    assert canvas.bounding_box() is not None
    assert page.evaluate("window.__shift") == 0
    # a deep link builds it at once, wherever it is
    page.goto(real_url + "#map=P15", wait_until="networkidle")
    page.wait_for_function("document.activeElement.getAttribute('data-id') === 'P15'")
    context.close()
