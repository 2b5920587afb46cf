"""Front matter of content files: the YAML block at the top of a Markdown file, or
``metadata.nexus`` in a notebook. Every mistake becomes a located :class:`Problem`.

The one reader of front matter in the package: the content scan, ``nexus-site new`` and the
translation workflow all call :func:`read_front`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import Field

from nexus_site.curriculum.model import NonEmpty, Strict
from nexus_site.curriculum.sources import (
    MAX_NOTEBOOK_BYTES,
    MAX_TEXT_BYTES,
    nesting_problem,
    read_source,
)
from nexus_site.curriculum.validation import validate_model
from nexus_site.content.limits import json_nesting_problem
from nexus_site.curriculum.yamlsource import SourceMap, parse
from nexus_site.errors import Location, Problem

M = TypeVar("M", bound=Strict)

# What MkDocs strips before on_page_markdown (mkdocs.utils.meta.get_data).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


class FrontMatter(Strict):
    """Front matter of a lesson file (``metadata.nexus`` in a notebook)."""

    date: dt.date = Field(description="Publication date, YYYY-MM-DD (required).")
    description: str | None = Field(default=None, description="One sentence for lists and search.")
    authors: list[str] = Field(default_factory=list)
    hide: list[str] = Field(default_factory=list, description="Material: hide navigation/toc.")
    search: dict[str, Any] | None = Field(default=None, description="Material: search options.")
    source_hash: str | None = Field(
        default=None,
        description="English files: hash of the Japanese source they translate "
        "(written by `nexus-site new --lang en` and `nexus-site translated`).",
    )
    source_sections: dict[str, str] | None = Field(
        default=None,
        description="English files: hash of each section (heading) of the Japanese source they "
        "translate, so a stale notice can name the sections that changed (written by "
        "`nexus-site translated`).",
    )
    stale_ok: NonEmpty | None = Field(
        default=None,
        description="English files: why this translation may lag its Japanese source for now "
        "(the build then passes; readers still see the notice; `nexus-site translations` lists it).",
    )
    glossary: bool = Field(
        default=True, description="false: no glossary toggletips on this page's terms."
    )


class PageFrontMatter(Strict):
    """Front matter of a site page (``content/guide.md``): like a lesson's, the date optional."""

    date: dt.date | None = None
    description: str | None = None
    hide: list[str] = Field(default_factory=list)
    search: dict[str, Any] | None = None
    source_hash: str | None = None
    source_sections: dict[str, str] | None = None
    stale_ok: NonEmpty | None = None


def closing_line(lines: list[str]) -> int | None:
    """Index of the line that closes the front matter opened by ``lines[0]``; None when the
    text has no front matter or it is not closed."""
    if not lines or lines[0].strip() != "---":
        return None
    return next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)


def front_matter_lines(source: str) -> int:
    """How many lines MkDocs removes from the top of ``source`` (the front matter and the blank
    lines after it) before plugins see the Markdown: add it to line numbers in that Markdown."""
    source = source.removeprefix("\ufeff")
    match = _FRONT_MATTER.match(source)
    if match is None:
        return 0
    rest = source[match.end() :]
    return source[: match.end()].count("\n") + len(rest) - len(rest.lstrip("\n"))


def without_deep_front_matter(source: str, display: str) -> tuple[str, Problem | None]:
    """``source`` as MkDocs may parse it: when its front matter nests too deeply for libyaml
    (which crashes the process), the front matter removed and the problem returned. For text
    read again after :func:`read_front` checked it (a file saved while ``mkdocs serve`` builds)."""
    match = _FRONT_MATTER.match(source.removeprefix("\ufeff"))
    if match is None:
        return source, None
    problem = nesting_problem(match.group(1), display, line_offset=1)
    if problem is None:
        return source, None
    return source.removeprefix("\ufeff")[match.end() :], problem


def read_front_matter(
    path: Path, display: str, problems: list[Problem], *, root: Path | None = None
) -> FrontMatter | None:
    """A lesson file's front matter (problems appended; None when it cannot be used)."""
    return read_front(path, display, problems, FrontMatter, root=root)


def read_front(
    path: Path, display: str, problems: list[Problem], model: type[M], *, root: Path | None = None
) -> M | None:
    """``path``'s front matter validated as ``model``; every problem located in ``display``.
    ``root``: the project, outside which no link is followed."""
    text = _read_text(path, display, problems, root)
    if text is None:
        return None
    if path.suffix == ".ipynb":
        found = _notebook_data(text, display, problems)
    else:
        found = _markdown_data(text, display, problems)
    if found is None:
        return None
    data, source = found
    before = len(problems)
    validated = validate_model(model, data, source, problems)
    for i in range(before, len(problems)):
        p = problems[i]
        if "date" in p.message and "missing" in p.message:
            problems[i] = Problem(
                p.location,
                "published lessons need a date",
                p.tree_path,
                "add 'date: YYYY-MM-DD' (the publication date) to the front matter",
            )
    return validated if isinstance(validated, model) else None


def _read_text(path: Path, display: str, problems: list[Problem], root: Path | None) -> str | None:
    limit = MAX_NOTEBOOK_BYTES if path.suffix == ".ipynb" else MAX_TEXT_BYTES
    text = read_source(path, display, problems, root=root, limit=limit)
    if text is None:
        return None
    if not text.strip():
        problems.append(
            Problem(
                Location(display, 1, 1),
                "lesson file is empty",
                hint="start with front matter, e.g.\n---\ndate: 2025-06-01\n---\n"
                "then the lesson (no H1: the title comes from the curriculum); "
                "`nexus-site new ID` writes a template",
            )
        )
        return None
    return text


def _notebook_data(
    text: str, display: str, problems: list[Problem]
) -> tuple[dict[str, Any], SourceMap] | None:
    if (too_deep := json_nesting_problem(text, display)) is not None:
        problems.append(too_deep)
        return None
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(
            Problem(
                Location(display, exc.lineno, exc.colno),
                f"notebook is not valid JSON: {exc.msg}",
            )
        )
        return None
    invalid = _invalid_notebook(text, display)
    if invalid is not None:
        problems.append(invalid)
        return None
    metadata = notebook.get("metadata") if isinstance(notebook, dict) else None
    data = metadata.get("nexus") if isinstance(metadata, dict) else None
    if not isinstance(data, dict):
        problems.append(
            Problem(
                Location(display, 1, 1),
                "notebook has no metadata.nexus",
                hint='add to the notebook metadata: "nexus": {"date": "2025-06-01"}',
            )
        )
        return None
    return data, SourceMap(display)


def _markdown_data(
    text: str, display: str, problems: list[Problem]
) -> tuple[dict[str, Any], SourceMap] | None:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        problems.append(
            Problem(
                Location(display, 1, 1),
                "front matter missing",
                hint="start the file with\n---\ndate: 2025-06-01\n---",
            )
        )
        return None
    end = closing_line(lines)
    if end is None:
        problems.append(
            Problem(
                Location(display, 1, 1),
                "front matter is not closed",
                hint="end the front matter with a line '---' before the lesson text",
            )
        )
        return None
    parsed = parse("\n".join(lines[1:end]), display, line_offset=1)
    problems += parsed.problems
    if parsed.problems:
        return None
    data = parsed.data if parsed.data is not None else {}
    if not isinstance(data, dict):
        problems.append(
            Problem(
                parsed.source.locate(()),
                "front matter must be a mapping of keys",
                hint="e.g. date: 2025-06-01",
            )
        )
        return None
    return data, parsed.source


def _invalid_notebook(text: str, display: str) -> Problem | None:
    """A located problem when the JSON is not a notebook nbformat can read (mkdocs-jupyter would
    stop the build with a traceback instead); the line is that of the broken cell, if known."""
    import warnings

    import nbformat  # installed with mkdocs-jupyter; needed only when there is a notebook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. cells without ids, which nbformat adds
            nbformat.validate(nbformat.reads(text, as_version=4))  # type: ignore[no-untyped-call]
    except Exception as exc:  # nbformat raises several types for a malformed notebook
        path = list(getattr(exc, "absolute_path", None) or [])
        offset = text.find('"cells"')
        if len(path) > 1 and path[0] == "cells" and isinstance(path[1], int):
            found = -1
            for _ in range(path[1] + 1):
                found = text.find('"cell_type"', found + 1)
            offset = found if found >= 0 else offset
        line = text.count("\n", 0, max(offset, 0)) + 1
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        message = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        return Problem(
            Location(display, line, 1),
            f"not a valid notebook{f' at {where}' if where else ''}: {message}",
            hint="open and save it in Jupyter or VS Code, which repair the notebook format",
        )
    return None


def read_page_source(path: Path, display: str) -> tuple[str | None, Problem | None]:
    """A Markdown file's text as MkDocs reads it, with front matter too deep for libyaml dropped
    (and the problem returned); None when it cannot be read (the tool reports that itself)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None, None
    return without_deep_front_matter(text, display)
