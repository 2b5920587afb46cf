"""Series F on the real site in Chromium: the home page's F card and the F node of the global
map both lead to the list of articles (which shows the empty state until an author writes)."""

from __future__ import annotations

from typing import Any

import pytest

from support import Recorder

pytestmark = pytest.mark.browser


def arrive(page: Any, url: str) -> None:
    page.wait_for_url(url)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_f_card_and_map_node_lead_to_the_list(
    reader: tuple[Any, Recorder], real_url: str, lang: str
) -> None:
    page, rec = reader
    home = real_url + lang
    page.goto(home)
    arrive(page, home)
    first = page.locator(".nx-card__link").first
    assert first.get_attribute("href") == "f/"
    assert "Frontier Insights" in first.inner_text()
    first.click()
    arrive(page, home + "f/")
    assert "Frontier Insights" in page.locator("article h1").inner_text()
    empty = "記事が見つかりませんでした。" if not lang else "No articles yet."
    assert page.locator(".nx-empty").inner_text() == empty
    page.goto(home + "#map")
    arrive(page, home + "#map")
    node = page.locator('#nx-map-global .mm-item[data-id="F"]')
    node.scroll_into_view_if_needed()
    link = node.locator("a").first
    assert link.get_attribute("href") == "f/"
    link.click()
    arrive(page, home + "f/")
    rec.check()
