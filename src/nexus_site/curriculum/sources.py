"""Reading an author's file safely: what may be read, how much, in which encoding, how deep.

Every file of ``curriculum/`` and ``content/`` the generator reads goes through
:func:`read_source`, and every YAML text through :func:`nesting_problem` before a parser sees it:

- **Links**: a symbolic link is followed only when it stays inside the project and outside its
  hidden folders (``.git``, ``.venv``); a loop, a dangling link, a device or a pipe is refused
  (:func:`link_problem`). Nothing outside the repository is read, so nothing of it is published.
- **Size**: a file is read up to a limit (a link to ``/dev/zero`` would never end).
- **Encoding**: UTF-8 with or without a BOM; anything else is located at its first bad byte,
  with a hint naming Shift_JIS or UTF-16 when the bytes read as such.
- **Nesting**: libyaml's composer (C) recurses once per level and kills the process (SIGSEGV)
  at some ten thousand levels, before any check of ours could run; PyYAML's pure-Python composer
  raises RecursionError. The depth is measured first, from the parser's events (libyaml's parser
  keeps its own stack and does not recurse), and a deep document is a located problem.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import yaml

from nexus_site.errors import Location, Problem

MAX_DEPTH = 100  # levels of nesting; a curriculum needs about 10
MAX_YAML_CHARS = 2_000_000  # one curriculum file or front matter; the real ones are ~40 KB
MAX_TEXT_BYTES = 10_000_000  # a Markdown lesson
MAX_NOTEBOOK_BYTES = 100_000_000  # a notebook, outputs included (budgets warn far below)


def link_problem(path: Path, display: str, root: Path) -> Problem | None:
    """Why ``path`` may not be read (a link leaving the project, a loop, a device…), or None."""
    try:
        info = path.lstat()
    except OSError as exc:
        return Problem(Location(display), f"cannot read file: {exc.strerror or exc}")
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except RuntimeError:  # Python 3.11: "Symlink loop"
            return _link(display, "symbolic link that loops back on itself")
        except OSError as exc:
            return _link(display, f"symbolic link that cannot be followed ({exc.strerror})")
        outside = _outside(target, root)
        if outside:
            return _link(display, f"symbolic link to {outside}")
        if target.is_dir() and path.parent.resolve().is_relative_to(target):
            return _link(display, "symbolic link to a folder that contains it (a loop)")
        info = target.stat()
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        return Problem(
            Location(display),
            "not a regular file (a device, pipe or socket)",
            hint="remove it from the project: only files and folders are published",
        )
    return None


def _outside(target: Path, root: Path) -> str:
    """Empty when ``target`` may be read; else what it is, for the message."""
    try:
        rel = target.relative_to(root.resolve())
    except ValueError:
        return f"{target.as_posix()}, outside the project"
    if any(part.startswith(".") for part in rel.parts):
        return f"{rel.as_posix()}, in a hidden folder or file of the project"
    return ""


def _link(display: str, what: str) -> Problem:
    return Problem(
        Location(display),
        f"{what}: refused",
        hint="the site publishes only files inside the project: copy the file into content/ "
        "instead of linking to it, or remove the link",
    )


def read_source(
    path: Path, display: str, problems: list[Problem], *, root: Path | None, limit: int
) -> str | None:
    """The text of ``path`` (a BOM removed), or None with the problem appended: a refused link,
    not a regular file, over ``limit`` bytes, or not UTF-8 (located at the first bad byte)."""
    if root is not None and (refused := link_problem(path, display, root)) is not None:
        problems.append(refused)
        return None
    try:
        with path.open("rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                problems.append(link_problem(path, display, Path("/")) or _not_regular(display))
                return None
            data = file.read(limit + 1)
    except OSError as exc:
        problems.append(Problem(Location(display), f"cannot read file: {exc.strerror or exc}"))
        return None
    if len(data) > limit:
        problems.append(
            Problem(
                Location(display),
                f"file too large: over {limit:,} bytes",
                hint="split it, or move large data out of it (notebooks: clear the outputs)",
            )
        )
        return None
    return decode(data, display, problems)


def _not_regular(display: str) -> Problem:
    return Problem(Location(display), "not a regular file", hint="remove it from the project")


def decode(data: bytes, display: str, problems: list[Problem]) -> str | None:
    """UTF-8 text without its BOM; None with a located problem when ``data`` is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(
            Problem(
                Location(display, 1, 1),
                "not UTF-8 text: the file is saved as UTF-16",
                hint="save the file with the UTF-8 encoding (in VS Code: the encoding in the "
                "status bar → Save with Encoding → UTF-8)",
            )
        )
        return None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        start = exc.start
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    hint = "save the file with the UTF-8 encoding"
    try:
        data.decode("shift_jis")
        hint += (
            " (it reads as Shift_JIS, the old Japanese Windows encoding: in VS Code, "
            "Reopen with Encoding → Shift JIS, then Save with Encoding → UTF-8)"
        )
    except UnicodeDecodeError:
        pass
    problems.append(
        Problem(
            Location(display, line, column),
            f"not UTF-8 text: byte 0x{data[start]:02x} cannot be read",
            hint=hint,
        )
    )
    return None


def nesting_problem(text: str, file: str, line_offset: int = 0) -> Problem | None:
    """A located problem when the YAML ``text`` is too large or nests deeper than
    :data:`MAX_DEPTH`; run before composing. Syntax errors are left to the parser."""
    if len(text) > MAX_YAML_CHARS:
        return Problem(
            Location(file, 1 + line_offset, 1),
            f"YAML text too large: {len(text):,} characters (at most {MAX_YAML_CHARS:,})",
            hint="split the series into several files",
        )
    if _depth_bound(text) <= MAX_DEPTH:
        return None
    loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, column = (mark.line, mark.column) if mark else (0, 0)
                    return Problem(
                        Location(file, line + 1 + line_offset, column + 1),
                        f"YAML nested too deeply: more than {MAX_DEPTH} levels",
                        hint="curriculum files and front matter need about 10 levels; look for a run of "
                        "'[', '{' or '- ' that never closes",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except (yaml.YAMLError, ValueError):
        return None  # a syntax error before the limit: the parser reports it
    return None


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth, cheap to compute: every flow level needs a '[' or
    '{'; block levels that start on earlier lines are at most two per column of indentation
    (a sequence may sit at its key's column), and those starting on one line need an
    indicator ('-', '?', ':') each."""
    flow = text.count("[") + text.count("{")
    block = 0
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        block = max(
            block, 2 * (indent + 1) + line.count("-") + line.count("?") + line.count(":") + 1
        )
    return flow + block
