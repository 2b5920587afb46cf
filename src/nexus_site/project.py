"""A project: the curriculum and ``content/``, loaded and checked together, once.

The one entry point for every command and build: ``nexus-site check`` and the MkDocs build both
call :func:`check`, so they find the same problems. The curriculum is loaded first; ``content/``
is scanned against it, skipping the series whose file did not load (that error is enough).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nexus_site.content import consistency, guard
from nexus_site.content.files import Content
from nexus_site.content.scan import scan
from nexus_site.curriculum import glossary as glossary_file
from nexus_site.curriculum.glossary import Glossary
from nexus_site.curriculum.loader import load_cached, load_result
from nexus_site.curriculum.model import Curriculum, walk
from nexus_site.errors import CurriculumError, Problem


@dataclass(frozen=True)
class Project:
    curriculum: Curriculum
    content: Content
    glossary: Glossary = field(default_factory=Glossary)


def check(
    curriculum_dir: Path, content_dir: Path, *, root: Path, cached: bool = False
) -> tuple[Project | None, list[Problem]]:
    """Every problem of the curriculum and of ``content/``; the project when nothing is an error.

    ``cached``: reuse the curriculum loaded by an earlier build in this process while its files
    are unchanged (``mkdocs serve`` rebuilds on every save of a lesson).
    """
    loaded = (load_cached if cached else load_result)(curriculum_dir, root=root)
    problems = list(loaded.problems)
    if loaded.curriculum is None:
        return None, problems
    content = scan(loaded.curriculum, content_dir, root=root, skip=loaded.broken)
    ids = [node.id for s in loaded.curriculum.series for node, _ in walk(s)]
    glossary, glossary_problems = glossary_file.load(curriculum_dir, root, ids)
    # Warnings about content travel with it (``nexus-site check`` prints content.problems).
    content.problems.extend(consistency.problems(glossary, content, content_dir, root))
    problems += content.problems + glossary_problems
    problems += guard.tree_problems(loaded.curriculum, content_dir, root)
    problems = list(dict.fromkeys(problems))  # a refused lesson file is found by both
    if not loaded.ok or any(p.severity == "error" for p in problems):
        return None, problems
    content.problems[:] = problems  # warnings of the curriculum too (`check` prints these)
    return Project(loaded.curriculum, content, glossary), problems


def load(curriculum_dir: Path, content_dir: Path, *, root: Path) -> Project:
    """:func:`check`, raising :class:`CurriculumError` with every problem when one is an error.
    Warnings and notes stay in ``project.content.problems``."""
    project, problems = check(curriculum_dir, content_dir, root=root)
    if project is None:
        raise CurriculumError(problems)
    return project
