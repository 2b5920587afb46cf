"""The ``content/`` folder: which lessons are published, their front matter, and orphans.

A lesson is *published* when ``content/<series>/<id>.md`` (or ``.ipynb``) exists, IDs lowercased:
``content/p/p15.md``, ``content/p/p15.2.md``. ``<id>.en.md`` is the English translation. Other files
(images, data) may sit anywhere and are copied as they are.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field

from nexus_site.errors import Location, Problem, display_path
from nexus_site.model import Curriculum, Lang, Strict
from nexus_site.validate import walk
from nexus_site.yamlsource import SourceMap, parse

LESSON_SUFFIXES = (".md", ".ipynb")


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


@dataclass(frozen=True)
class LessonFile:
    """A published lesson (or sub-lesson) page."""

    id: str
    series_id: str
    lang: Lang
    src_uri: str  # relative to content/, posix: "p/p15.md"
    kind: str  # "md" | "ipynb"
    front: FrontMatter

    @property
    def build_uri(self) -> str:
        """Source path in its language's build: a translation takes its original's place
        (``p/p15.en.md`` → ``p/p15.md``), so both languages serve the lesson at ``p/p15/``."""
        return self.src_uri if self.lang == "ja" else self.src_uri.replace(f".{self.lang}.", ".")

    @property
    def url(self) -> str:
        """Site-root-relative URL of the page: ``p/p15/``."""
        return f"{self.series_id.lower()}/{self.id.lower()}/"


class PageFrontMatter(Strict):
    """Front matter of a site page (``content/guide.md``): like a lesson's, the date optional."""

    date: dt.date | None = None
    description: str | None = None
    hide: list[str] = Field(default_factory=list)
    search: dict[str, Any] | None = None
    source_hash: str | None = None


@dataclass(frozen=True)
class PageFile:
    """A site page file (``curriculum/site.yml`` → ``pages``)."""

    id: str
    lang: Lang
    src_uri: str  # "guide.md", "guide.en.md"
    source_hash: str | None = None  # English version: hash of the Japanese file it translates

    @property
    def build_uri(self) -> str:
        return self.src_uri if self.lang == "ja" else self.src_uri.replace(f".{self.lang}.", ".")


@dataclass
class Content:
    """What ``content/`` holds for one curriculum."""

    lessons: dict[tuple[str, Lang], LessonFile]
    problems: list[Problem]
    pages: dict[tuple[str, Lang], PageFile] = field(default_factory=dict)

    def published(self, ident: str, lang: Lang = "ja") -> LessonFile | None:
        """The page for ``ident``: the ``lang`` file, else the Japanese original."""
        return self.lessons.get((ident, lang)) or self.lessons.get((ident, "ja"))

    def is_published(self, ident: str) -> bool:
        return (ident, "ja") in self.lessons


def check(
    curriculum: Curriculum,
    content_dir: Path,
    *,
    root: Path | None = None,
    skip: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[Problem]:
    return scan(curriculum, content_dir, root=root, skip=skip).problems


def scan(
    curriculum: Curriculum,
    content_dir: Path,
    *,
    root: Path | None = None,
    skip: set[str] = frozenset(),  # type: ignore[assignment]
) -> Content:
    """Find every lesson file; report orphans, misplaced files and bad front matter."""
    owner: dict[str, str] = {}  # lesson id (lowercase) -> series id
    ids: dict[str, str] = {}  # lesson id (lowercase) -> lesson id
    for series in curriculum.series:
        owner[series.id.lower()] = series.id
        for node, _depth in walk(series):
            owner[node.id.lower()] = series.id
            ids[node.id.lower()] = node.id
    lessons: dict[tuple[str, Lang], LessonFile] = {}
    pages: dict[tuple[str, Lang], PageFile] = {}
    problems: list[Problem] = []
    page_ids = {p.id for p in curriculum.site.pages}
    if not content_dir.is_dir():
        return Content(lessons, problems, pages)
    lesson_keys = [k for k, sid in owner.items() if k != sid.lower()]
    for path in sorted(content_dir.rglob("*")):
        if not path.is_file() or path.suffix not in LESSON_SUFFIXES:
            continue
        rel = path.relative_to(content_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue  # .ipynb_checkpoints and other hidden files
        if rel.parts[0].upper() in skip:
            continue  # its series file is broken: that error is enough
        display = display_path(path, root)
        stem = path.name[: -len(path.suffix)]
        lang: Lang = "ja"
        if stem.endswith(".en"):
            stem, lang = stem[:-3], "en"
        key = stem.lower()
        if len(rel.parts) == 1 and stem in page_ids and path.suffix == ".md":
            page_front = _read_front(path, display, problems, PageFrontMatter)
            if isinstance(page_front, PageFrontMatter):
                pages[(stem, lang)] = PageFile(stem, lang, rel.as_posix(), page_front.source_hash)
            continue
        series_id = owner.get(key)
        if series_id is None or key == series_id.lower():
            close = difflib.get_close_matches(key, lesson_keys, n=3, cutoff=0.6)
            hint = (
                "did you mean " + " or ".join(f"{c}{path.suffix}" for c in close) + "? "
                if close
                else ""
            )
            problems.append(
                Problem(
                    Location(display),
                    f"{rel.as_posix()} matches no lesson in the curriculum",
                    hint=hint + "lesson files are named by ID (content/p/p15.md); add the lesson "
                    "to curriculum/<series>.yml first, or remove the file",
                )
            )
            continue
        expected_dir = series_id.lower()
        if rel.parent.as_posix() != expected_dir:
            problems.append(
                Problem(
                    Location(display),
                    f"{stem.upper()} belongs to series {series_id}",
                    hint=f"move the file to content/{expected_dir}/{path.name}",
                )
            )
            continue
        ident = ids[key]
        if (ident, lang) in lessons:
            other = lessons[(ident, lang)].src_uri
            problems.append(
                Problem(
                    Location(display),
                    f"{ident} has two files: {other} and {rel.as_posix()}",
                    hint="keep one: a lesson is either Markdown or a notebook",
                )
            )
            continue
        front = read_front_matter(path, display, problems)
        if front is not None:
            lessons[(ident, lang)] = LessonFile(
                ident, series_id, lang, rel.as_posix(), path.suffix[1:], front
            )
    problems += _translation_problems(lessons, content_dir, root)
    problems += _translation_problems(pages, content_dir, root)
    for page in curriculum.site.pages:
        if (page.id, "ja") not in pages and not any(
            p.location.file.endswith(f"{page.id}.md") for p in problems
        ):
            problems.append(
                Problem(
                    Location(display_path(content_dir / f"{page.id}.md", root)),
                    f"site page {page.id!r} has no file",
                    "site › pages",
                    f"create content/{page.id}.md, or remove {page.id!r} from pages in curriculum/site.yml",
                    severity="note",  # the site builds without it; the page is simply left out
                )
            )
    return Content(lessons, problems, pages)


def _translation_problems(
    lessons: Mapping[tuple[str, Lang], LessonFile | PageFile], content_dir: Path, root: Path | None
) -> list[Problem]:
    """English files need their Japanese source, and must not have drifted from it."""
    from nexus_site.translation import file_hash

    problems: list[Problem] = []
    for (ident, lang), file in sorted(lessons.items()):
        if lang != "en":
            continue
        display = display_path(content_dir / file.src_uri, root)
        source = lessons.get((ident, "ja"))
        if source is None:
            problems.append(
                Problem(
                    Location(display, 1, 1),
                    f"translation of {ident} has no Japanese source",
                    hint=f"write the Japanese original first: content/"
                    f"{file.src_uri.replace('.en.', '.')} (Japanese is the site's original language)",
                )
            )
            continue
        current = file_hash(content_dir / source.src_uri)
        recorded = file.front.source_hash if isinstance(file, LessonFile) else file.source_hash
        if recorded is None:
            problems.append(
                Problem(
                    Location(display, 1, 1),
                    f"translation of {ident} does not record its source",
                    hint=f"after checking it against {source.src_uri}, run: "
                    f"nexus-site translated {display}",
                    severity="warning",
                )
            )
        elif recorded != current:
            problems.append(
                Problem(
                    Location(display, 1, 1),
                    f"translation of {ident} is stale: {source.src_uri} changed after it was "
                    "translated",
                    hint=f"update the English text to match, then run: nexus-site translated {display}",
                    severity="warning",
                )
            )
    return problems


def read_front_matter(path: Path, display: str, problems: list[Problem]) -> FrontMatter | None:
    front = _read_front(path, display, problems, FrontMatter)
    return front if isinstance(front, FrontMatter) else None


def _read_front(
    path: Path, display: str, problems: list[Problem], model: type[Strict]
) -> Strict | None:
    from nexus_site.loader import validate_model

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:  # located: the line and column of the first bad byte
        line = exc.object.count(b"\n", 0, exc.start) + 1
        column = exc.start - exc.object.rfind(b"\n", 0, exc.start)
        problems.append(
            Problem(
                Location(display, line, column),
                f"not UTF-8 text: byte 0x{exc.object[exc.start]:02x} cannot be read",
                hint="save the file with the UTF-8 encoding",
            )
        )
        return None
    except OSError as exc:
        problems.append(Problem(Location(display), f"cannot read file: {exc}"))
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
    data: Any
    source: SourceMap
    if path.suffix == ".ipynb":
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
        source = SourceMap(display)
        if not isinstance(data, dict):
            problems.append(
                Problem(
                    Location(display, 1, 1),
                    "notebook has no metadata.nexus",
                    hint='add to the notebook metadata: "nexus": {"date": "2025-06-01"}',
                )
            )
            return None
    else:
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
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
        except StopIteration:
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
        data, source = parsed.data if parsed.data is not None else {}, parsed.source
        if not isinstance(data, dict):
            problems.append(
                Problem(
                    source.locate(()),
                    "front matter must be a mapping of keys",
                    hint="e.g. date: 2025-06-01",
                )
            )
            return None
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
