"""The learner's record (assets/javascripts/progress.js) in Chromium, on a strict build of a fixture
project (tests/progress_fixture.py: the real curriculum, lessons of its own, dates from git):
marked on one page, shown on the lists, the series header and the map of both languages, for
lessons and for sub-lessons covered by a section of their lesson's page; exported, erased and
imported back; a damaged record or file never breaks a page; "updated since you completed it"
after a rebuild, until the reader opens the lesson again; the English map's translation state;
nothing shifts when the record loads; without JavaScript the controls are not there."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import progress_fixture as fixture
from support import build_both, meet_map, serve_under_subpath

pytestmark = pytest.mark.browser

KEY = "nexus.progress.v1:/nexus/"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
BEFORE = {"ja": "2025-01-01", "en": "2025-01-01"}  # a completion before any of the fixture's dates


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project at its first commit, built in both languages (root/site)."""
    root = fixture.project(tmp_path_factory.mktemp("progress") / "project")
    build_both(root, root / "site")
    return root


@pytest.fixture(scope="module")
def url(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_under_subpath(built / "site", tmp_path_factory.mktemp("serve")) as base:
        yield base


def new_page(browser: Any, **options: Any) -> tuple[Any, Any, list[str]]:
    options.setdefault("viewport", DESKTOP)
    context = browser.new_context(**options)
    # Pages are rebuilt during a test: the browser asks again instead of trusting its cache (a
    # copied site keeps old modification times, which Chromium's heuristics take for fresh).
    context.set_extra_http_headers({"Cache-Control": "no-cache"})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


def record(page: Any) -> dict[str, Any]:
    raw = page.evaluate(f"localStorage.getItem({KEY!r})")
    return dict(json.loads(raw)) if raw else {}


def store(page: Any, lessons: dict[str, Any], last: Any = None) -> None:
    value = json.dumps({"v": 1, "lessons": lessons, "last": last})
    page.evaluate(f"localStorage.setItem({KEY!r}, {json.dumps(value)})")


def done(when: dict[str, str] = BEFORE) -> dict[str, Any]:
    return {"s": "done", "t": 1, "u": when}


def map_node(page: Any, ident: str) -> Any:
    """The node of ``ident`` in the page's mind map, every node drawn."""
    meet_map(page)
    page.evaluate("document.querySelector('.nexus-mindmap').nexusMindmap.expandAll()")
    return page.locator(f'.nexus-mindmap [role=treeitem][data-id="{ident}"]')


def classes(locator: Any) -> list[str]:
    return str(locator.get_attribute("class") or "").split()


def test_marked_done_in_japanese_shows_in_english_lists_and_map(browser: Any, url: str) -> None:
    context, page, errors = new_page(browser)
    page.goto(url + "p/p9/")
    # a visit records "in progress" and the lesson to continue from
    page.wait_for_selector('.nx-track__choice[data-state="doing"][aria-checked="true"]')
    page.locator('.nx-track__choice[data-state="done"]').click()
    assert record(page)["lessons"]["P9"]["s"] == "done"
    assert "is-done" in classes(page.locator(".nx-track-end"))
    page.goto(url + "en/p/")
    assert page.locator("#p9-item").get_attribute("data-progress") == "done"
    assert "(Done)" in page.locator("#p9-item .nx-state-text").inner_text()
    assert "Your progress: 1 /" in page.locator(".nx-yours").inner_text()
    p9 = map_node(page, "P9")
    assert "mm-done" in classes(p9)
    assert (p9.get_attribute("aria-label") or "").endswith("(Done)")
    # the home page offers to continue, in English, with the next lesson not done
    page.goto(url + "en/")
    body = page.locator(".nx-continue__body")
    assert "P9:" in body.inner_text()
    assert body.locator("a").first.get_attribute("href") == "/nexus/en/p/p9/"
    assert "P10:" in body.locator("a").nth(1).inner_text()
    assert errors == []
    context.close()


def test_a_section_of_a_lesson_page_has_its_own_control(browser: Any, url: str) -> None:
    """G17.1 and G17.2 have no page: their sections of G17's page carry their controls."""
    context, page, errors = new_page(browser)
    page.goto(url + "g/g17/")
    placed = page.evaluate(
        "[...document.querySelectorAll('.nx-track--section')]"
        ".map(t => [t.previousElementSibling.tagName, t.previousElementSibling.id, t.dataset.id])"
    )
    assert placed == [["H2", "g17-1", "G17.1"], ["H2", "g17-2", "G17.2"]]
    group = page.get_by_role("radiogroup", name="G17.1 の学習状況")
    assert group.get_by_role("radio").count() == 3
    # one tab stop per group (the checked choice); the arrow keys move and choose
    assert group.locator('[tabindex="0"]').count() == 1
    group.get_by_role("radio", name="未着手").focus()
    page.keyboard.press("ArrowRight")
    assert group.get_by_role("radio", name="学習中").get_attribute("aria-checked") == "true"
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == "完了"
    lessons = record(page)["lessons"]
    assert lessons["G17.1"]["s"] == "done" and "G17.2" not in lessons
    assert lessons["G17"]["s"] == "doing"  # the lesson itself: the visit, nothing more
    # shown like a lesson: on the English list and map
    page.goto(url + "en/g/")
    item = page.locator("#g17-1-item")
    assert item.get_attribute("data-progress") == "done"
    assert "(Done)" in item.locator(".nx-state-text").first.inner_text()
    node = map_node(page, "G17.1")
    assert "mm-done" in classes(node) and "(Done)" in (node.get_attribute("aria-label") or "")
    assert errors == []
    context.close()


def test_section_controls_are_compact_on_a_phone(browser: Any, url: str) -> None:
    context, page, errors = new_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(url + "en/g/g17/")
    track = page.locator('.nx-track--section[data-id="G17.2"]')
    box = track.bounding_box()
    choice = track.locator(".nx-track__choice").first.bounding_box()
    assert box is not None and choice is not None
    assert box["height"] < 1.5 * choice["height"]  # one line
    assert box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert choice["height"] >= 24  # a target a finger can hit (WCAG 2.5.8)
    track.get_by_role("radio", name="Done").tap()
    assert record(page)["lessons"]["G17.2"]["s"] == "done"
    assert errors == []
    context.close()


def test_export_erase_import_restores_the_record(browser: Any, url: str, tmp_path: Path) -> None:
    context, page, errors = new_page(browser, accept_downloads=True)
    page.goto(url + "g/g17/")
    page.locator('.nx-track:not(.nx-track--section) [data-state="done"]').click()
    page.locator('.nx-track--section[data-id="G17.1"] [data-state="doing"]').click()
    page.goto(url)
    page.locator(".nx-record summary").click()
    with page.expect_download() as download:
        page.locator("[data-action=export]").click()
    exported = tmp_path / "record.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "nexus-progress"
    assert data["lessons"]["G17"]["s"] == "done" and data["lessons"]["G17.1"]["s"] == "doing"
    # erase, with a confirmation
    page.locator("[data-action=reset]").click()
    page.locator(".nx-record__message button", has_text="消去する").click()
    assert record(page)["lessons"] == {}
    assert "G17" not in page.locator(".nx-continue__body").inner_text()
    # import: a preview of what changes, then applied
    page.locator("[data-action=import]").set_input_files(str(exported))
    page.wait_for_selector(".nx-record__message li")
    assert "G17" in page.locator(".nx-record__message ul").inner_text()
    page.locator(".nx-record__message button", has_text="取り込む").click()
    lessons = record(page)["lessons"]
    assert lessons["G17"]["s"] == "done" and lessons["G17.1"]["s"] == "doing"
    assert lessons["G17"]["u"] == data["lessons"]["G17"]["u"]  # the dates seen come back too
    # a malformed or foreign file changes nothing, and says so
    bad = tmp_path / "bad.json"
    for text in ("{not json", '{"format": "something-else", "v": 1, "lessons": {}}'):
        bad.write_text(text, encoding="utf-8")
        page.locator("[data-action=import]").set_input_files(str(bad))
        page.wait_for_function(
            "document.querySelector('.nx-record__message').textContent.includes('何も変更していません')"
        )
        assert record(page)["lessons"]["G17"]["s"] == "done"
    assert errors == []
    context.close()


def test_a_damaged_record_leaves_the_page_working_and_unknown_ids_are_kept(
    browser: Any, url: str
) -> None:
    context, page, errors = new_page(browser)
    page.goto(url)
    page.evaluate(f"localStorage.setItem({KEY!r}, '{{broken')")
    page.reload()
    assert page.locator(".nx-record").get_attribute("open") is not None
    assert "壊れていた" in page.locator(".nx-record__message").inner_text()
    meet_map(page, "#nx-map-global")
    assert page.locator("#nx-map-global .mm-box").count() > 0  # the rest of the page works
    # on a lesson page too: said there, and the controls work
    page.evaluate(f'localStorage.setItem({KEY!r}, \'{{"v": 1, "lessons": 7}}\')')
    page.goto(url + "p/p9/")
    assert "壊れていた" in page.locator(".nx-track__changed").inner_text()
    page.locator('.nx-track__choice[data-state="done"]').click()
    assert record(page)["lessons"]["P9"]["s"] == "done"
    # a lesson the curriculum no longer has (renamed, removed) stays in the record
    store(page, {"Z99": done()})
    page.goto(url + "p/p10/")
    page.locator('.nx-track__choice[data-state="done"]').click()
    assert set(record(page)["lessons"]) == {"Z99", "P10"}
    assert errors == []
    context.close()


def test_the_english_map_shows_each_pages_translation_state(browser: Any, url: str) -> None:
    """P9 translated, P10 in Japanese only, G17 (and its sections) behind the original: a mark
    on each node, a key in the legend, the same words in the node's accessible name."""
    context, page, errors = new_page(browser)
    states = {
        "P9": ("en/p/", "is-translated", "(Translated)"),
        "P10": ("en/p/", "is-original", "(In Japanese only, for now)"),
        "G17": ("en/g/", "is-stale", "(Translation behind the Japanese original)"),
        "G17.1": ("en/g/", "is-stale", "(Translation behind the Japanese original)"),
    }
    for ident, (path, mark, words) in states.items():
        page.goto(url + path)
        node = map_node(page, ident)
        assert mark in classes(node), ident
        assert words in (node.get_attribute("aria-label") or ""), ident
        for key in ("translated", "original", "stale"):
            assert page.locator(f".nexus-mindmap__key--{key}").count() == 1
    # the outline (the map without JavaScript) says it too
    outline = page.locator(".nexus-mindmap__list").text_content() or ""
    assert "G17 " in outline and "(Translation behind the Japanese original)" in outline
    page.goto(url + "g/")
    node = map_node(page, "G17")
    assert not {"is-translated", "is-original", "is-stale"} & set(classes(node))
    assert page.locator(".nexus-mindmap__key--translated").count() == 0
    assert errors == []
    context.close()


LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 800);
})"""


def layout_shift(page: Any, url: str, lessons: dict[str, Any], last: Any = None) -> float:
    """The layout shift (CLS) of loading ``url`` with ``lessons`` in the record: the least of up
    to three loads. A shift the record causes happens on every load; the browser painting a page
    it has only partly parsed (a header before its last button, a footer before the content
    above it), as a machine busy with the tests' parallel workers makes it, on some."""
    least = float("inf")
    for _ in range(3):
        store(page, lessons, last)
        page.goto(url)
        least = min(least, page.evaluate(LAYOUT_SHIFT))
        if least == 0:
            break
    return least


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_layout_shift_when_the_record_loads(
    browser: Any, url: str, viewport: dict[str, int]
) -> None:
    """CLS 0 with a record that changes every control, list mark and note: lessons done before
    their page changed, a section in progress, a lesson to continue."""
    context, page, _ = new_page(browser, viewport=viewport)
    page.goto(url)
    lessons = {
        "P9": done(),
        "G17": done(),
        "G17.1": done(),
        "G17.2": {"s": "doing", "t": 1, "u": {}},
    }
    last = {"id": "P9", "t": 1, "path": "p/p9/"}
    for path in ("p/p9/", "g/g17/", "en/g/g17/", "p/", "en/g/", "", "en/"):
        assert layout_shift(page, url + path, lessons, last) == 0, path
    # the record did change them: the note was said, the marks are there
    page.goto(url + "g/g17/")
    assert "G17.1" in page.locator(".nx-track__changed").inner_text()
    context.close()


def test_nothing_without_javascript(browser: Any, url: str) -> None:
    context, page, _ = new_page(browser, java_script_enabled=False)
    page.goto(url + "g/g17/")
    assert page.locator(".nx-track").count() == 3
    for selector in (".nx-track", ".nx-track--section", ".nx-track-end"):
        assert not any(t.is_visible() for t in page.locator(selector).all()), selector
    page.goto(url)
    assert not page.locator(".nx-continue").is_visible()
    context.close()


@pytest.fixture
def rebuilt_later(built: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the built project, served, for a test to change and build again."""
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    (tmp_path / "serve").mkdir()
    with serve_under_subpath(root / "site", tmp_path / "serve") as base:
        yield root, base


def test_updated_since_completed_and_the_record_survive_a_rebuild(
    browser: Any, rebuilt_later: tuple[Path, str]
) -> None:
    root, url = rebuilt_later
    context, page, errors = new_page(browser)
    page.goto(url + "p/p9/")
    assert page.locator(".nx-track").get_attribute("data-updated") == fixture.FIRST
    page.locator('.nx-track__choice[data-state="done"]').click()
    page.goto(url + "g/g17/")
    page.locator('.nx-track:not(.nx-track--section) [data-state="done"]').click()
    page.locator('.nx-track--section[data-id="G17.1"] [data-state="done"]').click()
    lessons = record(page)["lessons"]
    store(page, lessons | {"Z99": done()})  # a lesson the curriculum no longer has
    page.goto(url + "p/")
    assert page.locator(".nx-updated-badge").count() == 0

    # P9 changes in both languages, G17 in English only, P11 is published
    fixture.update(root)
    build_both(root, root / "site")

    page.goto(url + "p/")
    assert set(record(page)["lessons"]) == {"P9", "G17", "G17.1", "Z99"}
    assert page.locator("#p9-item").get_attribute("data-updated") == fixture.SECOND
    assert page.locator("#p9-item .nx-updated-badge").inner_text() == "完了後に更新あり"
    assert page.locator("#p11-item a").count() == 1  # the new lesson, not started
    assert page.locator("#p11-item").get_attribute("data-progress") is None
    assert "mm-changed" in classes(map_node(page, "P9"))
    page.goto(url + "g/")  # G17's Japanese page did not change
    assert page.locator(".nx-updated-badge").count() == 0
    assert "mm-changed" not in classes(map_node(page, "G17.1"))
    page.goto(url + "en/g/")  # its English page did
    for ident in ("g17", "g17-1"):
        badge = page.locator(f"#{ident}-item > .nx-entry .nx-updated-badge")
        assert badge.inner_text() == "Updated since you completed it"
    node = map_node(page, "G17.1")
    assert "mm-changed" in classes(node)
    assert (node.get_attribute("aria-label") or "").endswith(
        "(Done) (Updated since you completed it)"
    )

    # opening the lesson says so once (moving nothing), then counts as seeing it, in both
    # languages
    assert layout_shift(page, url + "p/p9/", record(page)["lessons"]) == 0
    assert page.locator(".nx-track__changed").inner_text() == "完了後に更新されました"
    for path in ("p/", "en/p/"):
        page.goto(url + path)
        assert page.locator("#p9-item .nx-updated-badge").count() == 0, path
        assert "mm-changed" not in classes(map_node(page, "P9")), path
    page.goto(url + "en/g/g17/")
    note = page.locator(".nx-track__changed").inner_text()
    assert note == "Updated since you completed it: G17, G17.1"
    page.goto(url + "en/g/")
    assert page.locator(".nx-updated-badge").count() == 0
    assert errors == []
    context.close()
