"""Load ``curriculum/*.yml`` into the model, turning every mistake into a located :class:`Problem`.

``load(curriculum_dir)`` returns a :class:`~nexus_site.curriculum.model.Curriculum` or raises
:class:`~nexus_site.errors.CurriculumError` listing *all* problems: YAML syntax, duplicate keys,
unknown keys (with "did you mean"), wrong types, empty Japanese texts
(:mod:`~nexus_site.curriculum.validation`), and the cross-file rules of
:mod:`~nexus_site.curriculum.rules`. The curriculum alone: ``content/`` is checked against it by
:mod:`nexus_site.project`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from nexus_site.curriculum import rules
from nexus_site.curriculum.glossary import GLOSSARY_FILE
from nexus_site.curriculum.model import Curriculum, Series, Site
from nexus_site.curriculum.sources import MAX_YAML_CHARS, read_source
from nexus_site.curriculum.validation import Loaded, describe, validate_model
from nexus_site.curriculum.yamlsource import parse
from nexus_site.errors import CurriculumError, Location, Problem, display_path

SITE_FILE = "site.yml"


@dataclass(frozen=True)
class LoadResult:
    """The curriculum (None when it could not be built), every problem, and the series whose
    file did not load (``content/`` checks skip them: that error is enough)."""

    curriculum: Curriculum | None
    problems: tuple[Problem, ...]
    broken: frozenset[str] = field(default_factory=frozenset)

    @property
    def ok(self) -> bool:
        return self.curriculum is not None and not any(p.severity == "error" for p in self.problems)


def load(curriculum_dir: Path, *, root: Path | None = None) -> Curriculum:
    """Load and validate the whole curriculum; raise :class:`CurriculumError` with all problems."""
    result = load_result(curriculum_dir, root=root)
    if result.curriculum is None or not result.ok:
        raise CurriculumError(list(result.problems))
    return result.curriculum


def load_with_problems(
    curriculum_dir: Path, *, root: Path | None = None
) -> tuple[Curriculum | None, list[Problem]]:
    result = load_result(curriculum_dir, root=root)
    return result.curriculum, list(result.problems)


# The last curriculum loaded in this process, keyed by the folder and every file's name, size and
# modification time. See load_cached.
_last: tuple[Any, LoadResult] | None = None


def load_cached(curriculum_dir: Path, *, root: Path | None = None) -> LoadResult:
    """:func:`load_result`, reused while no curriculum file changes.

    A live-reload server rebuilds the site on every save of a lesson; parsing and validating the
    whole curriculum again would be most of that rebuild. The model is frozen, so sharing it
    between builds is safe.
    """
    global _last
    try:
        files = sorted(
            (p.name, st.st_size, st.st_mtime_ns)
            for p in curriculum_dir.iterdir()
            if (st := p.stat()) and p.is_file()
        )
    except OSError:
        return load_result(curriculum_dir, root=root)
    key = (curriculum_dir.resolve(), root, tuple(files))
    if _last is None or _last[0] != key:
        _last = (key, load_result(curriculum_dir, root=root))
    return _last[1]


def load_result(curriculum_dir: Path, *, root: Path | None = None) -> LoadResult:
    problems: list[Problem] = []
    root = root or curriculum_dir.parent
    if not curriculum_dir.is_dir():
        problems.append(
            Problem(
                _loc(display_path(curriculum_dir, root)),
                "curriculum folder not found",
                hint="run nexus-site from the project root, or pass --root DIR",
            )
        )
        return LoadResult(None, tuple(problems))
    site_path = curriculum_dir / SITE_FILE
    if not site_path.is_file():
        problems.append(
            Problem(
                _loc(display_path(site_path, root)),
                "site file missing",
                hint="create curriculum/site.yml with the site name, hero, series_order, …",
            )
        )
    site, series, broken = _load_files(curriculum_dir, root, problems)
    if site is None:
        return LoadResult(None, tuple(problems), frozenset(broken))
    order = {sid: i for i, sid in enumerate(site[0].series_order)}
    series.sort(key=lambda pair: (order.get(pair[0].id, len(order)), pair[0].id))
    problems += rules.curriculum_rules(site[0], site[1], series, broken=broken)
    curriculum = Curriculum(site=site[0], series=[s for s, _ in series])
    return LoadResult(curriculum, tuple(problems), frozenset(broken))


def _load_files(
    curriculum_dir: Path, root: Path, problems: list[Problem]
) -> tuple[tuple[Site, Loaded] | None, list[tuple[Series, Loaded]], set[str]]:
    site: tuple[Site, Loaded] | None = None
    series: list[tuple[Series, Loaded]] = []
    broken: set[str] = set()  # series whose file did not load: no follow-up errors about them
    for path in sorted(curriculum_dir.glob("*.y*ml")):
        if path.suffix not in (".yml", ".yaml") or path.name == GLOSSARY_FILE:
            continue  # the glossary is not a series: nexus_site.curriculum.glossary
        display = display_path(path, root)
        if path.name == SITE_FILE:
            model, loaded = _load_file(path, display, Site, problems, root)
            if isinstance(model, Site) and loaded is not None:
                site = (model, loaded)
        else:
            model, loaded = _load_file(path, display, Series, problems, root)
            if isinstance(model, Series) and loaded is not None:
                series.append((model, loaded))
            else:
                broken.add(path.stem.upper())
    return site, series, broken


def _loc(display: str) -> Location:
    return Location(display)


def _load_file(
    path: Path, display: str, cls: type[BaseModel], problems: list[Problem], root: Path
) -> tuple[BaseModel | None, Loaded | None]:
    text = read_source(path, display, problems, root=root, limit=MAX_YAML_CHARS * 4)
    if text is None:
        return None, None
    return load_text(text, display, cls, problems, path=path)


def load_text(
    text: str,
    display: str,
    cls: type[BaseModel],
    problems: list[Problem],
    *,
    path: Path | None = None,
) -> tuple[BaseModel | None, Loaded | None]:
    """Parse and validate one file's text as ``cls`` (Series or Site), appending problems."""
    parsed = parse(text, display)
    problems += parsed.problems
    if parsed.problems:
        return None, None
    data = parsed.data
    if data is None:
        problems.append(
            Problem(
                parsed.source.locate(()),
                "file is empty",
                hint="a series file starts with 'id:', 'title:' and 'label:'",
            )
        )
        return None, None
    if not isinstance(data, dict):
        problems.append(
            Problem(
                parsed.source.locate(()),
                f"expected a mapping of keys at the top level, found {describe(data)}",
                hint="a series file starts with 'id: P' on its first line",
            )
        )
        return None, None
    model = validate_model(cls, data, parsed.source, problems)
    return model, Loaded(path or Path(display), display, parsed.source, data)
