"""Author blocks in lesson Markdown: interactive figures and check-your-understanding quizzes.

A block starts with a line ``/// figure | NAME`` or ``/// quiz`` (optionally ``/// quiz | TITLE``)
at the start of a line, outside code fences, and ends with a line ``///``::

    /// figure | optimizer-race
    lr: 0.08                       ← parameters, YAML (checked against the figure's spec)
    ---
    | optional Markdown: the static fallback (no JavaScript, print) |
    ///

    /// quiz
    The question, in Markdown.

    - [ ] a wrong choice
        why it is wrong (indented, Markdown)
    - [x] the correct choice (several [x]: choose all that apply)
        why it is right
    ///

:func:`parse` finds the blocks of one file and every problem in them, located
(``content/p/p9.md:120:5``). The build renders the same blocks (``nexus_site.site.blocks``);
``nexus-site check`` reports the same problems.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from nexus_site.content import figure_specs
from nexus_site.curriculum import yamlsource
from nexus_site.errors import Location, Problem

KINDS = ("figure", "quiz")
_OPEN = re.compile(r"^///[ \t]*(?P<kind>[A-Za-z][\w-]*)?[ \t]*(?:\|[ \t]*(?P<arg>.*?))?[ \t]*$")
_CLOSE = re.compile(r"^///[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_CHOICE = re.compile(r"^[-*+][ \t]+\[(?P<mark>[ xX])\][ \t]+(?P<text>.*)$")
_SEPARATOR = re.compile(r"^---[ \t]*$")

QUIZ_EXAMPLE = """/// quiz
The question?

- [ ] a wrong choice
    why it is wrong
- [x] the right choice
    why it is right
///"""


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class Block:
    """One block. ``start``/``end``: 0-based indexes of its opening and closing lines in the text
    given to :func:`parse`. Figures: ``name``, ``params`` (validated, defaults filled in) and
    ``body`` (the author's fallback Markdown, may be empty). Quizzes: ``name`` (the title, may be
    empty), ``question`` and ``choices``."""

    kind: str
    name: str
    start: int
    end: int
    params: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    question: str = ""
    choices: tuple[Choice, ...] = ()


def parse(text: str, file: str, *, line_offset: int = 0) -> tuple[list[Block], list[Problem]]:
    """The blocks of a Markdown text and the problems in them. ``line_offset``: lines of the file
    before ``text`` (the front matter), so locations are those of the file."""
    lines = text.split("\n")
    blocks: list[Block] = []
    problems: list[Problem] = []
    fence = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if (m := _FENCE.match(line)) is not None:
            mark = m["fence"]
            if not fence:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip()[len(mark) :]:
                fence = ""
        elif not fence and (m := _OPEN.match(line)) is not None and not _CLOSE.match(line):
            i = _block(lines, i, m, file, line_offset, blocks, problems)
        i += 1
    return blocks, problems


def _block(
    lines: list[str],
    start: int,
    match: re.Match[str],
    file: str,
    offset: int,
    blocks: list[Block],
    problems: list[Problem],
) -> int:
    """Read the block opened at ``start``; the index of its last line."""
    where = Location(file, start + 1 + offset, 1)
    kind, arg = match["kind"] or "", (match["arg"] or "").strip()
    end = next((j for j in range(start + 1, len(lines)) if _CLOSE.match(lines[j])), None)
    if end is None:
        problems.append(
            Problem(
                where,
                f"block '/// {kind}' is not closed",
                hint="end it with a line that is only '///'",
            )
        )
        return len(lines)
    if kind not in KINDS:
        close = difflib.get_close_matches(kind, KINDS, n=1)
        problems.append(
            Problem(
                where,
                f"unknown block '/// {kind}'",
                hint=(f"did you mean '{close[0]}'? " if close else "")
                + "blocks: '/// figure | NAME' and '/// quiz' (see the author guide)",
            )
        )
        return end
    body = lines[start + 1 : end]
    found = len(problems)
    if kind == "figure":
        column = lines[start].find(arg) + 1 if arg else 1
        block = _figure(arg, body, start, end, file, offset, problems, column)
    else:
        block = _quiz(arg, body, start, end, file, offset, problems)
    if len(problems) == found and block is not None:
        blocks.append(block)
    return end


def _figure(
    name: str,
    body: list[str],
    start: int,
    end: int,
    file: str,
    offset: int,
    problems: list[Problem],
    column: int,
) -> Block | None:
    where = Location(file, start + 1 + offset, 1)
    if name not in figure_specs.FIGURES:
        close = difflib.get_close_matches(name, list(figure_specs.FIGURES), n=1)
        what = f"unknown figure {name!r}" if name else "the figure has no name"
        problems.append(
            Problem(
                Location(file, start + 1 + offset, column),
                what,
                hint=(f"did you mean '{close[0]}'? " if close else "")
                + "write '/// figure | NAME'; figures: "
                + ", ".join(sorted(figure_specs.FIGURES)),
            )
        )
        return None
    split = next((k for k, line in enumerate(body) if _SEPARATOR.match(line)), len(body))
    parsed = yamlsource.parse("\n".join(body[:split]), file, line_offset=start + 1 + offset)
    problems += parsed.problems
    if parsed.problems:
        return None
    data = parsed.data if parsed.data is not None else {}
    if not isinstance(data, dict):
        problems.append(
            Problem(
                parsed.source.locate(()),
                "figure parameters must be 'key: value' lines",
                f"figure {name}",
                hint="for example:\n" + figure_specs.example(name),
            )
        )
        return None
    params = figure_specs.validate(name, data, parsed.source, where, problems)
    fallback = "\n".join(body[split + 1 :]).strip("\n") if split < len(body) else ""
    return Block("figure", name, start, end, params=params, body=fallback)


def _quiz(
    title: str,
    body: list[str],
    start: int,
    end: int,
    file: str,
    offset: int,
    problems: list[Problem],
) -> Block | None:
    def at(index: int) -> Location:  # index into body
        return Location(file, start + 2 + index + offset, 1)

    first = next((k for k, line in enumerate(body) if _CHOICE.match(line)), len(body))
    question = "\n".join(body[:first]).strip()
    choices: list[Choice] = []
    k = first
    while k < len(body):
        m = _CHOICE.match(body[k])
        if m is None:
            if body[k].strip():
                problems.append(
                    Problem(
                        at(k),
                        "text after the choices that belongs to no choice",
                        "quiz",
                        hint="indent a choice's explanation by 4 spaces under '- [ ] …'",
                    )
                )
            k += 1
            continue
        why: list[str] = []
        j = k + 1
        while j < len(body) and not _CHOICE.match(body[j]) and (
            not body[j].strip() or body[j].startswith(("    ", "\t"))
        ):
            why.append(body[j][4:] if body[j].startswith("    ") else body[j].lstrip("\t"))
            j += 1
        explanation = "\n".join(why).strip()
        if not explanation:
            problems.append(
                Problem(
                    at(k),
                    f"choice {len(choices) + 1} has no explanation",
                    "quiz",
                    hint="under the choice, indented by 4 spaces, say why it is right or wrong",
                )
            )
        choices.append(Choice(m["text"].strip(), m["mark"] != " ", explanation))
        k = j
    where = Location(file, start + 1 + offset, 1)
    if not question:
        problems.append(
            Problem(where, "the quiz has no question", "quiz", hint="for example:\n" + QUIZ_EXAMPLE)
        )
    if len(choices) < 2:
        problems.append(
            Problem(
                where,
                f"a quiz needs at least 2 choices, found {len(choices)}",
                "quiz",
                hint="write each choice as '- [ ] text' (wrong) or '- [x] text' (right):\n"
                + QUIZ_EXAMPLE,
            )
        )
    elif not any(c.correct for c in choices):
        problems.append(
            Problem(
                where,
                "no choice is marked correct",
                "quiz",
                hint="mark the right choice(s) with [x]: '- [x] text'",
            )
        )
    return Block("quiz", title, start, end, question=question, choices=tuple(choices))
