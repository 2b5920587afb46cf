"""Golden tests of the generated pages' structure: for each page of the ``mini`` fixture, in each
language, its title, its TOC and the ids of its headings, as the build core produces them.

The TOC is read from the rendered headings (``nexus_site.site.toc``), so a template change that
adds, drops or renames a section shows up here as a readable diff. Regenerate after an intended
change: ``GOLDEN_UPDATE=1 uv run pytest tests/test_golden_pages.py``
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from nexus_site import project
from nexus_site.site import render
from nexus_site.site.catalog import Catalog
from nexus_site.site.pages import Generator
from nexus_site.site.toc import TocItem

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "mini"
HEADING_ID = re.compile(r"<h[1-6][^>]*\sid=\"([^\"]+)\"")


def toc_of(items: tuple[TocItem, ...]) -> list[Any]:
    return [
        [item.id, item.title, *([toc_of(item.children)] if item.children else [])] for item in items
    ]


def structure(lang: str) -> dict[str, Any]:
    loaded = project.load(MINI / "curriculum", MINI / "content", root=MINI)
    catalog = Catalog(loaded.curriculum, loaded.content, lang, MINI / "content")  # type: ignore[arg-type]
    generator = Generator(catalog, render.environment(), lang)  # type: ignore[arg-type]
    return {
        page.src_uri: {
            "title": page.title,
            "toc": toc_of(page.toc),
            "heading_ids": HEADING_ID.findall(page.html),
        }
        for page in generator.pages()
    }


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_generated_page_structure(lang: str) -> None:
    golden = HERE / "golden_pages" / f"mini.{lang}.json"
    actual = structure(lang)
    if os.environ.get("GOLDEN_UPDATE"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_toc_entry_is_a_heading_of_the_page(lang: str) -> None:
    """The TOC and the page cannot disagree: every TOC id is a heading id on that page."""

    def ids(items: list[Any]) -> list[str]:
        return [i for item in items for i in [item[0], *(ids(item[2]) if len(item) > 2 else [])]]

    for uri, page in structure(lang).items():
        assert set(ids(page["toc"])) <= set(page["heading_ids"]), uri
