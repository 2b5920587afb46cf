"""Search in the browser, per language: Japanese words are segmented, English finds English."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def search(browser: Any, url: str, query: str) -> list[str]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="networkidle")
    box = page.locator(".md-search__input")
    # The index loads in a worker; a query typed before it is ready is not re-run, so type
    # again until results show (bounded).
    for _ in range(20):
        box.fill(query)
        box.press("End")  # a key event: Material runs the query on keyboard input
        try:
            page.wait_for_selector(".md-search-result__item", timeout=750)
            break
        except Exception:
            continue
    page.wait_for_timeout(300)
    hrefs: list[str] = page.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))"
    )
    context.close()
    assert errors == []
    return hrefs


def pages_of(hrefs: list[str]) -> set[str]:
    """Lesson pages (series/lesson/) among the result links."""
    paths = {urlsplit(h).path.split("/nexus/", 1)[-1] for h in hrefs}
    return {p for p in paths if p.removeprefix("en/").count("/") == 2}


def test_japanese_compound_finds_the_lesson(browser: Any, real_url: str) -> None:
    hrefs = search(browser, real_url, "連合学習")
    assert "g/g17/" in urlsplit(hrefs[0]).path  # the federated-learning lesson ranks first


def test_japanese_word_finds_several_lessons(browser: Any, real_url: str) -> None:
    found = pages_of(search(browser, real_url, "学習"))
    assert len(found) >= 2, found


def test_english_search_returns_english_pages(browser: Any, real_url: str) -> None:
    hrefs = search(browser, real_url + "en/", "federated")
    assert pages_of(hrefs) == {"en/g/g17/"}
    assert all("/nexus/en/" in h for h in hrefs)
    loss = pages_of(search(browser, real_url + "en/", "loss"))
    assert "en/p/p9/" not in loss  # untranslated lessons are not in the English index
