"""Rules that span files or need the whole tree: IDs, numbering, series order.

Each rule yields located problems; nothing raises. The per-file shape (types, unknown keys) is
checked by pydantic in :mod:`nexus_site.curriculum.validation`.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from nexus_site.curriculum import lengths, reserved
from nexus_site.curriculum.kinds import kind_rules
from nexus_site.curriculum.model import Lesson, Series, Site, SubLesson
from nexus_site.errors import Location, Problem

if TYPE_CHECKING:
    from nexus_site.curriculum.validation import Loaded
    from nexus_site.curriculum.yamlsource import PathKey


def curriculum_rules(
    site: Site,
    site_loaded: Loaded,
    series: list[tuple[Series, Loaded]],
    *,
    broken: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, tuple[Location, str]] = {}

    def claim(ident: str, loc: Location, tree: str) -> None:
        if ident in seen:
            first, first_tree = seen[ident]
            problems.append(
                Problem(
                    loc,
                    f"ID {ident} is used twice",
                    tree,
                    f"{ident} is already used at {first} ({first_tree}); every ID must be unique "
                    "in the whole site — renumber one of them",
                )
            )
        else:
            seen[ident] = (loc, tree)

    for s, loaded in series:
        src = loaded.source
        expected_file = f"{s.id.lower()}.yml"
        if loaded.path.name != expected_file:
            problems.append(
                Problem(
                    src.locate(("id",), key=False),
                    f"series {s.id} is in {loaded.path.name}",
                    s.id,
                    f"rename the file to curriculum/{expected_file} (one file per series, named by its ID)",
                )
            )
        claim(s.id, src.locate(("id",), key=False), s.id)
        for k, sub in enumerate(s.subseries):
            tree = f"{s.id} › {sub.id}"
            claim(sub.id, src.locate(("subseries", k, "id"), key=False), tree)
            if not re.fullmatch(re.escape(s.id) + r"[0-9]+", sub.id):
                problems.append(
                    Problem(
                        src.locate(("subseries", k, "id"), key=False),
                        f"sub-series ID {sub.id} does not extend its series ID {s.id}",
                        tree,
                        f"sub-series of {s.id} are named {s.id}1, {s.id}2, …",
                    )
                )
        problems += _lesson_rules(s, src, claim)

    problems += kind_rules(series)
    problems += _site_rules(site, site_loaded, [s.id for s, _ in series], broken)
    problems += reserved.site_page_problems(site, site_loaded, [s.slug for s, _ in series])
    problems += [p for _, f in (("", site_loaded), *series) for p in lengths.long_titles(f)]
    return problems


def _lesson_rules(s: Series, src: SourceMap_, claim: Claim) -> list[Problem]:
    problems: list[Problem] = []
    seen_numbers: dict[int, str] = {}
    last: tuple[int, str] | None = None
    part_ids: dict[str, int] = {}
    wrong_prefix = misnamed(s)
    for i, part in enumerate(s.parts):
        part_tree = f"{s.id} › 第{part.id}部"
        if part.id in part_ids:
            problems.append(
                Problem(
                    src.locate(("parts", i, "id"), key=False),
                    f"part {part.id} appears twice in series {s.id}",
                    part_tree,
                    "each part (第N部) has its own numeral: I, II, III, …",
                )
            )
        part_ids[part.id] = i
        for j, lesson in enumerate(part.lessons):
            path: PathKey = ("parts", i, "lessons", j)
            tree = f"{part_tree} › {lesson.id}"
            id_loc = src.locate((*path, "id"), key=False)
            claim(lesson.id, id_loc, tree)
            expected = f"{s.id}{lesson.number}"
            if not lesson.id.startswith(s.id) or "." in lesson.id:
                problems.append(
                    Problem(
                        id_loc,
                        f"lesson ID {lesson.id} does not extend the series ID {s.id}",
                        tree,
                        f"write id: {expected} (lessons of series {s.id} are named "
                        f"{s.id}<number>, their sub-lessons {expected}.1, {expected}.2, …)",
                    )
                )
            elif lesson.id != expected:
                problems.append(
                    Problem(
                        id_loc,
                        f"lesson ID {lesson.id} does not match its number 第{lesson.number}回",
                        tree,
                        f"use id: {expected}, or number: {lesson.id[len(s.id) :]}",
                    )
                )
            number_loc = src.locate((*path, "number"), key=False)
            if lesson.number in seen_numbers:
                problems.append(
                    Problem(
                        number_loc,
                        f"lesson number 第{lesson.number}回 is repeated",
                        tree,
                        f"{seen_numbers[lesson.number]} already has number {lesson.number}; "
                        "numbers go up by one through the series",
                    )
                )
            elif last is not None and lesson.number < last[0]:
                problems.append(
                    Problem(
                        number_loc,
                        f"lesson number 第{lesson.number}回 comes after 第{last[0]}回 ({last[1]})",
                        tree,
                        "lessons are listed in the order of their numbers: move this lesson "
                        "or fix its number",
                    )
                )
            seen_numbers.setdefault(lesson.number, lesson.id)
            last = (lesson.number, lesson.id)
            # A wrong prefix (D1 in b.yml) is one mistake: the children are checked against the
            # ID the lesson should have, so they are not reported too.
            meant = wrong_prefix.get(lesson.id, lesson.id)
            problems += _children_rules(lesson, path, tree, src, claim, parent_id=meant)
    return problems


def misnamed(series: Series) -> dict[str, str]:
    """Lessons whose ID does not start with the series ID → the ID they should have
    (``D1`` in b.yml → ``B1``): reported once, on the lesson's ID."""
    return {
        lesson.id: f"{series.id}{lesson.number}"
        for lesson in series.lessons()
        if not lesson.id.startswith(series.id) or "." in lesson.id
    }


def meant_ids(series: Series) -> set[str]:
    """The IDs a misnamed lesson and its sub-lessons should have (``B1``, ``B1.2``): files named
    after them are not reported as orphans (the curriculum's error is the one to fix)."""
    result: set[str] = set()
    wrong = misnamed(series)

    def down(node: Lesson | SubLesson, meant: str) -> None:
        result.add(meant)
        for child in node.children:
            down(child, f"{meant}.{child.id.rpartition('.')[2]}")

    for lesson in series.lessons():
        if lesson.id in wrong:
            down(lesson, wrong[lesson.id])
    return result


def _children_rules(
    parent: Lesson | SubLesson,
    path: PathKey,
    tree: str,
    src: SourceMap_,
    claim: Claim,
    parent_id: str = "",
) -> list[Problem]:
    problems: list[Problem] = []
    parent_id = parent_id or parent.id
    previous: int | None = None
    for k, child in enumerate(parent.children):
        child_path: PathKey = (*path, "children", k)
        child_tree = f"{tree} › {child.id}"
        id_loc = src.locate((*child_path, "id"), key=False)
        claim(child.id, id_loc, child_tree)
        prefix = parent_id + "."
        tail = child.id[len(prefix) :]
        if not child.id.startswith(prefix) or not tail.isdigit():
            suggestion = f"{parent_id}.{child.id.rsplit('.', 1)[-1]}"
            problems.append(
                Problem(
                    id_loc,
                    f"ID {child.id} does not extend its parent's ID {parent_id}",
                    child_tree,
                    f"children of {parent_id} are named {parent_id}.1, {parent_id}.2, …: "
                    f"did you mean {suggestion}?",
                )
            )
        else:
            number = int(tail)
            if previous is not None and number < previous:
                problems.append(
                    Problem(
                        id_loc,
                        f"{child.id} is out of order (after {parent_id}.{previous})",
                        child_tree,
                        "list sub-lessons in the order of their numbers, each number once",
                    )
                )
            previous = number
        problems += _children_rules(child, child_path, child_tree, src, claim)
    return problems


def _site_rules(site: Site, loaded: Loaded, known: list[str], broken: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    src = loaded.source
    listed: set[str] = set()
    for i, sid in enumerate(site.series_order):
        loc = src.locate(("series_order", i), key=False)
        if sid in listed:
            problems.append(
                Problem(
                    loc,
                    f"series {sid} is listed twice",
                    "site › series_order",
                    "list each series once",
                )
            )
        elif sid not in known and sid not in broken:
            problems.append(
                Problem(
                    loc,
                    f"unknown series {sid}",
                    "site › series_order",
                    _suggest(sid, known) + f"or create curriculum/{sid.lower()}.yml",
                )
            )
        listed.add(sid)
    for sid in known:
        if sid not in listed:
            problems.append(
                Problem(
                    src.locate(("series_order",), key=True),
                    f"series {sid} is missing from series_order",
                    "site › series_order",
                    f"add {sid} where it belongs in the menu order",
                )
            )
    for i, problem in enumerate(site.problems):
        for k, sid in enumerate(problem.series):
            if sid not in known and sid not in broken:
                problems.append(
                    Problem(
                        src.locate(("problems", i, "series", k), key=False),
                        f"unknown series {sid}",
                        f"site › problems › {i}",
                        _suggest(sid, known) + "use the ID of an existing series",
                    )
                )
    return problems


def _suggest(ident: str, known: list[str]) -> str:
    close = difflib.get_close_matches(ident, known, n=1)
    return f"did you mean {close[0]}? " if close else ""


if TYPE_CHECKING:
    from collections.abc import Callable

    from nexus_site.curriculum.yamlsource import SourceMap as SourceMap_

    Claim = Callable[[str, Location, str], None]
