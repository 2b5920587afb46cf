"""Limits on what a content file may hold, checked before a parser sees it.

A notebook is JSON; Python's parser (and nbformat, and mkdocs-jupyter after it) recurses once per
level of nesting, so 100,000 nested brackets raise RecursionError deep inside a build. A real
notebook nests about 6 levels; :data:`MAX_JSON_DEPTH` leaves ample room for metadata.
"""

from __future__ import annotations

import re

from nexus_site.errors import Location, Problem

MAX_JSON_DEPTH = 100

# Strings (their brackets do not nest) and the brackets themselves.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_nesting_problem(text: str, display: str) -> Problem | None:
    """A problem located at the first bracket nested deeper than :data:`MAX_JSON_DEPTH`."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return None
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                start = match.start()
                line = text.count("\n", 0, start) + 1
                column = start - (text.rfind("\n", 0, start) + 1) + 1
                return Problem(
                    Location(display, line, column),
                    f"notebook JSON nested too deeply: more than {MAX_JSON_DEPTH} levels",
                    hint="a notebook nests about 6 levels; open and save it in Jupyter or "
                    "VS Code, or remove the deeply nested metadata",
                )
        elif token in "]}":
            depth -= 1
    return None
