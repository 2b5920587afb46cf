"""The light/dark toggle (theme_overrides/partials/palette.html), which replaces Material's palette
component: the system scheme is applied before the page is drawn, a reader's choice is kept across
pages, the keyboard works, and loading a page does not restyle it for the palette."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

SCHEME = "document.body.getAttribute('data-md-color-scheme')"


def _visible_label(page: Any) -> str:
    return str(page.locator("form[data-nx-palette] label:visible").get_attribute("for"))


@pytest.mark.parametrize(("system", "scheme"), [("light", "default"), ("dark", "slate")])
def test_the_system_scheme_applies_before_the_content_is_parsed(
    browser: Any, real_url: str, system: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=system)
    # Recorded when the article starts: the header's script has run, Material's bundle has not.
    context.add_init_script(
        "new MutationObserver((_, o) => { if (document.querySelector('main')) {"
        f" window.__early = {SCHEME}; o.disconnect(); }} }})"
        ".observe(document, {childList: true, subtree: true})"
    )
    page = context.new_page()
    page.goto(real_url + "p/p9/")
    assert page.evaluate("window.__early") == scheme
    assert page.evaluate(SCHEME) == scheme
    # One toggle shown: the one that switches to the other scheme.
    assert page.locator("form[data-nx-palette] label:visible").count() == 1
    assert page.evaluate("__md_get('__palette')") is None  # nothing stored until the reader chooses
    context.close()


def test_a_choice_is_kept_and_the_keyboard_switches(browser: Any, real_url: str) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(real_url + "p/p9/")
    page.locator("form[data-nx-palette] label:visible").click()
    assert page.evaluate(SCHEME) == "slate"
    assert page.evaluate("__md_get('__palette').color.scheme") == "slate"
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    theme = page.evaluate("document.querySelector('meta[name=theme-color]').content")
    assert theme.startswith("rgb")  # the browser's bar follows the header
    page.goto(real_url + "g/")  # another page: the choice holds
    assert page.evaluate(SCHEME) == "slate"
    assert _visible_label(page) == "__palette_0"
    page.locator("form[data-nx-palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME) == "default"
    assert page.evaluate("__md_get('__palette').index") == 0
    assert _visible_label(page) == "__palette_1"
    context.close()


def test_loading_a_page_does_not_restyle_it_for_the_palette(browser: Any, real_url: str) -> None:
    """Material's component set and removed data-md-color-switching on <body> on every load, each
    time restyling the whole page: that attribute only appears when the reader toggles."""
    context = browser.new_context(color_scheme="dark")
    context.add_init_script(
        "window.__switching = 0; new MutationObserver(records => { for (const r of records)"
        " if (r.attributeName === 'data-md-color-switching') window.__switching++; })"
        ".observe(document, {attributes: true, subtree: true})"
    )
    page = context.new_page()
    page.goto(real_url + "p/", wait_until="networkidle")
    assert page.evaluate("window.__switching") == 0
    assert page.locator("meta[name=color-scheme]").count() == 0
    classes = page.evaluate("document.documentElement.className").split()
    assert {"js", "js-focus-visible", "nx-js"} <= set(classes) and "no-js" not in classes
    context.close()
