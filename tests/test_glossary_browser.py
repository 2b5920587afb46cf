"""The glossary toggletip in a real lesson (P9), in Chromium: reached by keyboard (Tab shows the
definition, Tab again reaches the glossary link, Escape closes it) and by touch (a tap opens it,
a tap elsewhere closes it); the link leads to the entry's anchor on the glossary page."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

TERM = ".nx-term:has([data-nx-tip='nx-term-loss-function'])"


def test_tooltip_by_keyboard(browser: Any, real_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(real_url + "p/p9/")
    button = page.locator(f"{TERM} .nx-term__button")
    tip = page.locator("#nx-term-loss-function")
    assert not tip.is_visible()
    assert button.get_attribute("aria-expanded") == "false"  # the script enhanced it
    button.focus()  # as Tab would: the button is in the tab order
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.nxTip") == "nx-term-loss-function"
    assert tip.is_visible()
    assert "loss function" in tip.inner_text()
    page.keyboard.press("Tab")  # into the definition: the link to the glossary
    assert page.evaluate("document.activeElement.getAttribute('href')") == (
        "../../glossary/#term-loss-function"
    )
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("document.activeElement.dataset.nxTip") == "nx-term-loss-function"
    page.keyboard.press("Enter")  # the button toggles it open again
    assert tip.is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/#term-loss-function")
    assert page.locator("#term-loss-function").is_visible()
    assert errors == []
    context.close()


def test_tooltip_by_touch(browser: Any, real_url: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.goto(real_url + "en/g/g17/")
    term = page.locator(".nx-term:has([data-nx-tip='nx-term-federated-learning'])")
    tip = page.locator("#nx-term-federated-learning")
    term.locator(".nx-term__button").tap()
    assert tip.is_visible()
    assert term.locator(".nx-term__button").get_attribute("aria-expanded") == "true"
    box = tip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1
    page.locator("article h2").first.tap()  # elsewhere
    assert not tip.is_visible()
    context.close()
