"""Titles too long to be titles: a pasted paragraph in ``title:`` breaks the nav, the cards and
the browser tab. A warning (``mkdocs build --strict`` fails on it), not an error."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nexus_site.errors import Problem

if TYPE_CHECKING:
    from nexus_site.curriculum.validation import Loaded
    from nexus_site.curriculum.yamlsource import PathKey

MAX_TITLE = 200  # characters


def long_titles(loaded: Loaded) -> list[Problem]:
    """Every ``title`` (any language) over :data:`MAX_TITLE` characters in one file."""
    problems: list[Problem] = []
    stack: list[tuple[PathKey, Any]] = [((), loaded.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                if key == "title" and isinstance(child, dict):
                    problems += _check(loaded, (*path, key), child)
                stack.append(((*path, str(key)), child))
        elif isinstance(value, list):
            stack += [((*path, i), child) for i, child in enumerate(value)]
    return sorted(problems, key=Problem.sort_key)


def _check(loaded: Loaded, path: PathKey, title: dict[Any, Any]) -> list[Problem]:
    return [
        Problem(
            loaded.source.locate((*path, lang), key=False),
            f"title too long: {len(text)} characters (at most {MAX_TITLE})",
            " › ".join(str(p) for p in (*path, lang)),
            "shorten the title; put the rest in the lesson's description or text",
            severity="warning",
        )
        for lang, text in title.items()
        if isinstance(text, str) and len(text) > MAX_TITLE
    ]
