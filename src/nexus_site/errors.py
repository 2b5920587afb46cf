"""Author-facing problems: where (file:line:col and tree path), what, and how to fix it.

Every check collects :class:`Problem` objects instead of raising, so an author sees all problems at
once. :class:`CurriculumError` carries them to the boundary: the CLI prints them and exits 1, the
MkDocs plugin turns them into a ``PluginError`` (shown without a traceback).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A position in a source file. ``line`` and ``column`` are 1-based, as editors show them."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    tree_path: str = ""
    hint: str = ""
    # "error" fails the build; "warning" is counted by mkdocs --strict; "note" is only shown.
    severity: str = "error"

    def format(self) -> str:
        where = f"{self.location}: {self.severity}"
        what = f"{self.tree_path}: {self.message}" if self.tree_path else self.message
        text = f"{where}: {what}"
        if self.hint:
            text += "\n    hint: " + self.hint.replace("\n", "\n          ")
        return text

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.message)


class NexusError(Exception):
    """Base class of every error this package reports to an author."""


class CurriculumError(NexusError):
    """One or more problems in ``curriculum/`` or ``content/``."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        errors = sum(1 for p in self.problems if p.severity == "error")
        lines = [p.format() for p in self.problems]
        lines.append(f"{errors} problem{'s' if errors != 1 else ''} found.")
        return "\n".join(lines)


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the author would type it: relative to the project root when possible."""
    if root is not None:
        if path.is_absolute() and root.is_absolute() and ".." not in path.parts:
            try:  # without touching the disk: this runs for every content file of a build
                return path.relative_to(root).as_posix()
            except ValueError:
                pass
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
