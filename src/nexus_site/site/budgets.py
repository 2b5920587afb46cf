"""Budgets on weight: warnings (so ``mkdocs build --strict`` fails) when a page, a notebook's
outputs or the search index grow beyond what a reader should download.

A notebook with 30 MB of output builds into a 40 MB page; every search then fetches its text.
The limits are set in ``mkdocs.yml`` (``plugins: - nexus: budgets: {page_html: 2000000}``);
:data:`DEFAULTS` applies to the keys not given.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nexus_site.errors import Location, Problem

DEFAULTS: dict[str, int] = {
    "page_html": 2_000_000,  # bytes of one page's content HTML
    "notebook_cell_outputs": 1_000_000,  # bytes of one notebook cell's outputs (JSON)
    "search_index": 10_000_000,  # bytes of the search index folder of one language
}


def limits(configured: Mapping[str, Any] | None) -> tuple[dict[str, int], list[Problem]]:
    """The budgets, the configured ones over the defaults; unknown keys or bad values are
    problems (errors: a typo would silently keep the default)."""
    result = dict(DEFAULTS)
    problems: list[Problem] = []
    for key, value in (configured or {}).items():
        if key not in DEFAULTS or not isinstance(value, int) or isinstance(value, bool):
            problems.append(
                Problem(
                    Location("mkdocs.yml"),
                    f"plugins › nexus › budgets: {key}: {value!r} is not a budget",
                    hint="budgets are byte counts: "
                    + ", ".join(f"{k}: {v}" for k, v in DEFAULTS.items()),
                )
            )
        else:
            result[key] = value
    return result, problems


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def page_html(html: str, display: str, limit: int) -> list[Problem]:
    size = len(html.encode("utf-8"))
    if size <= limit:
        return []
    return [
        Problem(
            Location(display),
            f"page too heavy: {_mb(size)} of HTML (budget {_mb(limit)})",
            hint="split the lesson, or move large tables, images and outputs into files of "
            "their own (budgets: page_html in mkdocs.yml)",
            severity="warning",
        )
    ]


def notebook_outputs(path: Path, display: str, limit: int) -> list[Problem]:
    """Each cell whose outputs exceed ``limit``, named by its number and execution count."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8-sig")).get("cells", [])
    except (OSError, ValueError, AttributeError, RecursionError):
        return []  # the content check reports unreadable notebooks
    problems: list[Problem] = []
    for number, cell in enumerate(cells if isinstance(cells, list) else [], start=1):
        outputs = cell.get("outputs") if isinstance(cell, dict) else None
        if not outputs:
            continue
        size = len(json.dumps(outputs, ensure_ascii=False).encode("utf-8"))
        if size > limit:
            count = cell.get("execution_count")
            name = f"cell {number}" + (f" (In [{count}])" if count is not None else "")
            problems.append(
                Problem(
                    Location(display),
                    f"{name}: {_mb(size)} of output (budget {_mb(limit)})",
                    hint="clear or shorten the output (print less, save large images to files "
                    "and link them); budgets: notebook_cell_outputs in mkdocs.yml",
                    severity="warning",
                )
            )
    return problems


def search_index(folder: Path, limit: int) -> list[Problem]:
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0
    if size <= limit:
        return []
    return [
        Problem(
            Location(f"site/{folder.name}"),
            f"search index too heavy: {_mb(size)} (budget {_mb(limit)})",
            hint="large pages (notebook outputs, long tables) are indexed in full: shorten them; "
            "budgets: search_index in mkdocs.yml",
            severity="warning",
        )
    ]
