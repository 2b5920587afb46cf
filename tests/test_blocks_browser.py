"""Figures and quizzes in Chromium, on a strict build of a fixture lesson with every kind of block
(tests/fixtures/blocks/p9.md): the positions the page computes match the Python reference of the
same update rules, keyboard and touch work, state changes are announced, the static fallback is
what readers without JavaScript (and printers) get, and nothing is requested from elsewhere."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from nexus_site.site import figures
from support import ROOT, Recorder, build, copy_project, serve_under_subpath

pytestmark = pytest.mark.browser

TOLERANCE = 1e-6


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("blocks") / "project", content=False)
    (project / "content" / "p").mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "blocks" / "p9.md", project / "content" / "p")
    site = build(project / "mkdocs.yml", project / "site")
    with serve_under_subpath(site, tmp_path_factory.mktemp("serve")) as base:
        yield base + "p/p9/"


@pytest.fixture
def reader(browser: Any, url: str) -> Iterator[tuple[Any, Recorder]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    recorder = Recorder(url.split("/nexus/")[0])
    recorder.attach(page)
    page.goto(url)
    page.wait_for_selector("figure.nexus-figure--live")
    yield page, recorder
    recorder.check()  # nothing from another origin, nothing failed, no console error
    context.close()


def positions(figure: Any) -> dict[str, tuple[float, float]]:
    found: dict[str, tuple[float, float]] = {}
    for row in figure.locator(".nf-row").all():
        kind = row.get_attribute("data-optimizer")
        marker = figure.locator(f".nf-marker.nf-{kind}")
        found[kind] = (float(marker.get_attribute("data-x")), float(marker.get_attribute("data-y")))
    return found


def reference(figure: Any) -> dict[str, figures.Optimizer]:
    params = json.loads(figure.get_attribute("data-params"))
    lr = float(figure.get_attribute("data-lr"))
    return {
        kind: figures.Optimizer(
            kind,
            params["landscape"],
            x=params["start"][0],
            y=params["start"][1],
            lr=lr,
            momentum=params["momentum"],
            beta1=params["beta1"],
            beta2=params["beta2"],
        )
        for kind in params["optimizers"]
    }


def assert_matches(figure: Any, expected: dict[str, figures.Optimizer]) -> None:
    got = positions(figure)
    assert set(got) == set(expected)
    for kind, opt in expected.items():
        assert abs(got[kind][0] - opt.x) <= TOLERANCE and abs(got[kind][1] - opt.y) <= TOLERANCE, (
            kind
        )


def test_next_moves_every_optimizer_as_the_python_reference(reader: tuple[Any, Recorder]) -> None:
    page, _ = reader
    races = page.locator("figure[data-nexus-figure='optimizer-race']")
    assert races.count() == 2
    for figure in races.all():
        expected = reference(figure)
        assert_matches(figure, expected)  # step 0: the start
        steps = json.loads(figure.get_attribute("data-params"))["steps"]
        for step in range(1, min(steps, 25) + 1):
            before = positions(figure)
            figure.locator(".nf-next").click()
            for opt in expected.values():
                opt.step()
            assert figure.get_attribute("data-step") == str(step)
            assert_matches(figure, expected)
            assert all(positions(figure)[k] != before[k] for k in before), "every optimizer moved"
        status = figure.locator(".nf-status")
        assert status.get_attribute("aria-live") == "polite" and "ステップ" in status.inner_text()


def test_lr_effect_steps_as_the_python_reference(reader: tuple[Any, Recorder]) -> None:
    page, _ = reader
    figure = page.locator("figure[data-nexus-figure='lr-effect']")
    params = json.loads(figure.get_attribute("data-params"))
    for _ in range(params["steps"] + 2):  # past the end: it stops there
        figure.locator(".nf-next").click()
    for rate, marker in zip(
        params["rates"], figure.locator(".nf-panel .nf-marker").all(), strict=True
    ):
        expected = figures.descent(rate, params["start"], params["steps"])[-1]
        assert abs(float(marker.get_attribute("data-w")) - expected) <= TOLERANCE * max(
            1, abs(expected)
        )
    assert "最後のステップ" in figure.locator(".nf-status").inner_text()


def test_keyboard_steps_plays_resets_and_changes_the_learning_rate(
    reader: tuple[Any, Recorder],
) -> None:
    page, _ = reader
    figure = page.locator("figure[data-nexus-figure='optimizer-race']").first
    figure.locator(".nf-next").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert figure.get_attribute("data-step") == "2"
    page.keyboard.press("Tab")  # to Play
    page.keyboard.press("Enter")
    play = figure.locator(".nf-play")
    assert play.get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        "f => Number(f.dataset.step) >= 5", arg=figure.element_handle(), timeout=5000
    )
    page.keyboard.press("Enter")  # pause
    assert play.get_attribute("aria-pressed") == "false"
    page.keyboard.press("Tab")  # to Reset
    page.keyboard.press("Enter")
    assert figure.get_attribute("data-step") == "0"
    page.keyboard.press("Tab")  # to the learning-rate slider
    before = figure.get_attribute("data-lr")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert figure.get_attribute("data-lr") != before
    assert "η" in figure.locator(".nf-lr-input").get_attribute("aria-valuetext")
    expected = reference(figure)  # the new learning rate, from the start again
    for _ in range(5):
        figure.locator(".nf-next").click()
        for opt in expected.values():
            opt.step()
    assert_matches(figure, expected)


def test_touch_operates_the_figure(browser: Any, url: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(url)
    figure = page.locator("figure.nexus-figure--live").first
    figure.locator(".nf-next").tap()
    figure.locator(".nf-next").tap()
    assert figure.get_attribute("data-step") == "2"
    box = figure.locator(".nf-next").bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44
    context.close()


def test_quiz_feedback_by_keyboard(reader: tuple[Any, Recorder]) -> None:
    page, _ = reader
    quiz = page.locator(".nexus-quiz").first
    radios = quiz.locator("input[type=radio]")
    assert radios.count() == 3
    check = quiz.get_by_role("button", name="答え合わせ")
    check.focus()
    page.keyboard.press("Enter")
    feedback = quiz.locator(".nexus-quiz__feedback")
    assert feedback.get_attribute("aria-live") == "polite" and feedback.inner_text() != ""
    radios.first.focus()
    page.keyboard.press("Space")  # choose A (wrong)
    check.focus()
    page.keyboard.press("Enter")
    assert "is-incorrect" in quiz.get_attribute("class")
    wrong = quiz.locator(".nexus-quiz__choice").first
    assert "is-wrong" in wrong.get_attribute("class")
    assert wrong.locator(".nexus-quiz__why").is_visible()  # its explanation
    assert not quiz.locator(".nexus-quiz__choice").nth(1).locator(".nexus-quiz__why").is_visible()
    radios.first.focus()
    page.keyboard.press("ArrowDown")  # radio group: moves to and selects B (right)
    assert radios.nth(1).is_checked()
    check.focus()
    page.keyboard.press("Enter")
    assert "is-correct" in quiz.get_attribute("class") and "正解" in feedback.inner_text()
    assert all(w.is_visible() for w in quiz.locator(".nexus-quiz__why").all())
    # Several right answers: checkboxes, and a partial answer is not enough.
    multi = page.locator(".nexus-quiz").nth(1)
    boxes = multi.locator("input[type=checkbox]")
    assert boxes.count() == 3
    boxes.first.check()
    multi.get_by_role("button", name="答え合わせ").click()
    assert "is-incorrect" in multi.get_attribute("class")
    boxes.nth(1).check()
    multi.get_by_role("button", name="答え合わせ").click()
    assert "is-correct" in multi.get_attribute("class")


def test_without_javascript_the_static_fallback_shows(browser: Any, url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    figures_ = page.locator("figure.nexus-figure")
    assert figures_.count() == 3
    assert figures_.first.locator(".nexus-figure__static table").is_visible()  # the author's
    assert figures_.nth(2).locator(".nexus-figure__static svg").is_visible()  # drawn at build
    assert page.locator(".nf-live").count() == 0
    quiz = page.locator(".nexus-quiz").first
    assert quiz.locator(".nexus-quiz__choice").count() == 3
    quiz.locator("details summary").first.click()  # each explanation, on demand
    assert quiz.locator(".nexus-quiz__why div").first.is_visible()
    context.close()


def test_print_shows_the_static_version(reader: tuple[Any, Recorder]) -> None:
    page, _ = reader
    page.emulate_media(media="print")
    figure = page.locator("figure.nexus-figure").first
    assert figure.locator(".nexus-figure__static table").is_visible()
    assert not figure.locator(".nf-live").is_visible()
    page.emulate_media(media="screen")
    assert not figure.locator(".nexus-figure__static").is_visible()


# --- the real English P9 ----------------------------------------------------------------------
# The figures' labels come from the page's language: on the English lesson, its two figures and
# its quiz speak English, and Next still moves every optimizer as the Python reference does.

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def english_figure(page: Any, name: str) -> Any:
    figure = page.locator(f"figure[data-nexus-figure='{name}']")
    figure.scroll_into_view_if_needed()  # a figure starts when it nears the viewport
    figure.locator(".nf-next").wait_for()
    return figure


def test_english_p9_figures_are_labelled_in_english_and_step(browser: Any, real_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    recorder = Recorder(real_url.split("/nexus/")[0])
    recorder.attach(page)
    page.goto(real_url + "en/p/p9/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".nx-fallback-notice").count() == 0  # its own translation
    race = english_figure(page, "optimizer-race")
    for name in ("Next", "Play", "Reset"):
        assert race.get_by_role("button", name=name).count() == 1, name
    assert race.get_by_label("Learning rate η").count() == 1
    rows = [r.inner_text().strip() for r in race.locator(".nf-row th").all()]
    assert rows == ["SGD", "Momentum", "Adam"]
    expected = reference(race)
    assert {"sgd", "adam"} <= set(expected)
    for step in range(1, 11):
        before = positions(race)
        race.get_by_role("button", name="Next").click()
        for opt in expected.values():
            opt.step()
        assert race.get_attribute("data-step") == str(step)
        assert_matches(race, expected)
        assert all(positions(race)[k] != before[k] for k in before), "every optimizer moved"
    status = race.locator(".nf-status").inner_text()
    assert status.startswith("Step 10") and "Adam" in status
    lr = english_figure(page, "lr-effect")
    steps = json.loads(lr.get_attribute("data-params"))["steps"]
    for _ in range(steps + 1):
        lr.get_by_role("button", name="Next").click()
    assert "Last step reached" in lr.locator(".nf-status").inner_text()
    for figure in (race, lr):
        assert not JAPANESE.search(figure.locator(".nf-live").inner_text())
        assert not JAPANESE.search(figure.locator("svg").first.get_attribute("aria-label") or "")
    quiz = page.locator(".nexus-quiz").first
    quiz.locator(".nexus-quiz__choice").nth(1).locator("input").check()  # the right one
    quiz.get_by_role("button", name="Check").click()
    assert "is-correct" in quiz.get_attribute("class")
    assert "Correct" in quiz.locator(".nexus-quiz__feedback").inner_text()
    assert not JAPANESE.search(quiz.inner_text())
    recorder.check()
    context.close()


def test_english_p9_figure_fits_a_phone_and_steps_by_touch(browser: Any, real_url: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(real_url + "en/p/p9/")
    race = english_figure(page, "optimizer-race")
    race.get_by_role("button", name="Next").tap()
    race.get_by_role("button", name="Next").tap()
    assert race.get_attribute("data-step") == "2"
    assert_matches(race, {k: stepped(o, 2) for k, o in reference(race).items()})
    # Nothing in the figures (the readout table, the controls, the slider and its value) sticks
    # out of the figure's box; the page does not scroll sideways.
    for name in ("optimizer-race", "lr-effect"):
        figure = english_figure(page, name)
        outside = figure.evaluate(
            """f => { const box = f.getBoundingClientRect();
                return [...f.querySelectorAll('.nf-live *:not(svg *)')]
                  .filter(e => { const r = e.getBoundingClientRect();
                                 return r.width && (r.left < box.left - 0.5
                                                     || r.right > box.right + 0.5); })
                  .map(e => e.tagName + '.' + e.className); }"""
        )
        assert outside == [], name
    value = race.locator(".nf-lr-value").bounding_box()
    slider = race.locator(".nf-lr-input").bounding_box()
    assert value is not None and slider is not None
    assert abs(value["y"] - slider["y"]) < slider["height"], "the value beside its slider"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def stepped(opt: figures.Optimizer, n: int) -> figures.Optimizer:
    for _ in range(n):
        opt.step()
    return opt
