"""YAML parsing that remembers where every value came from, and refuses duplicate keys.

PyYAML silently keeps the last of two equal keys; an author who pastes a lesson twice would lose the
first one without a word. Here the node tree is composed first (``yaml.compose`` keeps line and
column marks), then converted by hand, so each path (``("parts", 2, "lessons", 0, "title")``) maps
to a :class:`~nexus_site.errors.Location` and duplicates become problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from nexus_site.curriculum import yamlhints
from nexus_site.curriculum.sources import nesting_problem
from nexus_site.errors import Location, Problem

PathKey = tuple[str | int, ...]
Loader = yaml.SafeLoader | yaml.CSafeLoader

# Aliases can expand exponentially ("billion laughs"); a curriculum never needs this many nodes.
MAX_NODES = 200_000


@dataclass
class SourceMap:
    """Where each path of a parsed YAML document starts, for error messages."""

    file: str
    keys: dict[PathKey, Location] = field(default_factory=dict)
    values: dict[PathKey, Location] = field(default_factory=dict)
    line_offset: int = 0  # front matter starts after the opening '---' line

    def locate(self, path: PathKey, *, key: bool = True) -> Location:
        """The best location for ``path``: its key, else its value, else its nearest ancestor's."""
        probe = tuple(path)
        while True:
            if key and probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return Location(self.file, 1 + self.line_offset, 1)
            probe = probe[:-1]


@dataclass
class Parsed:
    data: Any
    source: SourceMap
    problems: list[Problem]


def _location(file: str, mark: yaml.Mark | None, offset: int) -> Location:
    if mark is None:
        return Location(file, 1 + offset, 1)
    return Location(file, mark.line + 1 + offset, mark.column + 1)


def _empty(node: Node) -> bool:
    """A document holding nothing; libyaml and PyYAML place its empty value differently."""
    plain = isinstance(node, ScalarNode) and not node.style  # libyaml: "", PyYAML: None
    return plain and node.value == "" and node.tag in ("tag:yaml.org,2002:null", None)


def parse(text: str, file: str, *, line_offset: int = 0) -> Parsed:
    """Parse one YAML document. Never raises for bad input: problems are returned."""
    source = SourceMap(file, line_offset=line_offset)
    problems: list[Problem] = []
    if (too_deep := nesting_problem(text, file, line_offset)) is not None:
        return Parsed(None, source, [too_deep])  # composing it could crash the process
    composed = _compose_fast(text)
    if composed is None:  # a syntax error, or no libyaml: PyYAML's parser words the problem
        composed = _compose_checked(text, file, line_offset, problems)
    if composed is None:
        return Parsed(None, source, problems)
    loader, root = composed
    if root is None or _empty(root):  # an empty document ('---' alone is one too)
        return Parsed(None, source, problems)
    source.values[()] = _location(file, root.start_mark, line_offset)
    try:
        data = _Converter(loader, source, problems).convert(root, (), frozenset())
    except (_TooLarge, RecursionError):
        problems.append(
            Problem(
                _location(file, root.start_mark, line_offset),
                "document too large or too deeply nested",
                hint=f"a curriculum file has far fewer than {MAX_NODES:,} values; "
                "check for aliases (*name) that expand into huge trees",
            )
        )
        data = None
    return Parsed(data, source, problems)


def _compose_checked(
    text: str, file: str, line_offset: int, problems: list[Problem]
) -> tuple[Loader, Node | None] | None:
    """The node tree composed by PyYAML's pure-Python parser; None (with the problem located)
    when the text is not YAML."""
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:
        problems.append(_reader_problem(text, file, exc, line_offset))
        return None
    try:
        return loader, loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(text, file, exc, line_offset))
    except yaml.reader.ReaderError as exc:
        problems.append(_reader_problem(text, file, exc, line_offset))
    except yaml.YAMLError as exc:
        problems.append(Problem(Location(file, 1 + line_offset, 1), f"YAML error: {exc}"))
    finally:
        loader.dispose()
    return None


class _Converter:
    """Nodes to plain Python values, recording where each key and value is in the file."""

    def __init__(self, loader: Loader, source: SourceMap, problems: list[Problem]) -> None:
        self.loader, self.source, self.problems = loader, source, problems
        self.count = 0

    def at(self, node: Node) -> Location:
        return _location(self.source.file, node.start_mark, self.source.line_offset)

    def convert(self, node: Node, path: PathKey, stack: frozenset[int]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        if id(node) in stack:
            self.problems.append(
                Problem(
                    self.at(node),
                    "recursive YAML alias",
                    hint="an alias (*name) may not refer to a node that contains it",
                )
            )
            return None
        inner = stack | {id(node)}
        if (unknown := _unknown_tag(node, self.at(node))) is not None:
            self.problems.append(unknown)
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, path, inner)
        if isinstance(node, SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                child = (*path, index)
                self.source.values[child] = self.at(item)
                items.append(self.convert(item, child, inner))
            return items
        assert isinstance(node, ScalarNode)
        return _scalar(self.loader, node, self.at(node), self.problems)

    def mapping(self, node: MappingNode, path: PathKey, inner: frozenset[int]) -> dict[Any, Any]:
        try:
            self.loader.flatten_mapping(node)  # resolves '<<' merge keys like SafeLoader does
        except yaml.MarkedYAMLError as exc:
            offset = self.source.line_offset
            self.problems.append(
                Problem(_location(self.source.file, exc.problem_mark, offset), str(exc.problem))
            )
            return {}
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Location] = {}
        for key_node, value_node in node.value:
            key_loc = self.at(key_node)
            if not isinstance(key_node, ScalarNode):
                self.problems.append(Problem(key_loc, "a key must be a plain name"))
                continue
            key = _scalar(self.loader, key_node, key_loc, self.problems)
            if not isinstance(key, str | int | float | bool) and key is not None:
                key = str(key)
            if key in first_seen:
                self.problems.append(
                    Problem(
                        key_loc,
                        f"duplicate key {key!r}",
                        hint=f"{key!r} is already set at line {first_seen[key].line}; "
                        "YAML keeps only one of them — merge the two or rename one",
                    )
                )
                continue
            first_seen[key] = key_loc
            child = (*path, key if isinstance(key, str | int) else str(key))
            self.source.keys[child] = key_loc
            self.source.values[child] = self.at(value_node)
            result[key] = self.convert(value_node, child, inner)
        return result


def _syntax_problem(text: str, file: str, exc: yaml.MarkedYAMLError, offset: int) -> Problem:
    """A syntax error in plain words where the mistake is (yamlhints), else PyYAML's words."""
    mark = exc.problem_mark or exc.context_mark
    if mark is not None:
        found = yamlhints.diagnose(text, mark.line, mark.column, str(exc.problem or ""))
        if found is not None:
            where = Location(file, found.line + 1 + offset, found.column + 1)
            return Problem(where, f"YAML: {found.message}", hint=found.hint)
    what = " ".join(str(s) for s in (exc.context, exc.problem) if s)
    return Problem(
        _location(file, mark, offset),
        f"YAML syntax error: {what or 'cannot parse'}",
        hint="check indentation and quoting; a value containing ': ' or '#' needs quotes",
    )


def _reader_problem(text: str, file: str, exc: yaml.reader.ReaderError, offset: int) -> Problem:
    before = text[: exc.position]
    line = before.count("\n") + 1 + offset
    column = exc.position - (before.rfind("\n") + 1) + 1
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return Problem(
        Location(file, line, column),
        f"invalid character U+{ord(char):04X} in the file",
        hint="delete it (control characters are not allowed in YAML); "
        "it often comes from copying text out of a PDF",
    )


def _compose_fast(text: str) -> tuple[Loader, Node | None] | None:
    """The node tree composed by libyaml (C, several times faster than PyYAML's pure-Python
    parser), or None when libyaml is missing or rejects the text. Errors are always reported
    from PyYAML's parser, whose messages (and golden tests) are the reference."""
    if not yaml.__with_libyaml__:
        return None
    loader = yaml.CSafeLoader(text)
    try:
        return loader, loader.get_single_node()
    except (yaml.YAMLError, ValueError):
        return None
    finally:
        loader.dispose()


class _TooLarge(Exception):
    pass


def _scalar(loader: Loader, node: ScalarNode, loc: Location, problems: list[Problem]) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        problems.append(Problem(loc, f"cannot read value {node.value!r}: {exc}".split("\n")[0]))
        return None
    except Exception:  # PyYAML's own bugs: '!!timestamp hello', '!!bool maybe'
        problems.append(_bad_tagged_value(node, loc))
        return None


def _bad_tagged_value(node: ScalarNode, loc: Location) -> Problem:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return Problem(
        loc,
        f"cannot read value {node.value[:80]!r} as {tag}",
        hint=f"remove the tag {tag} (or write a value of that type); quote a plain text",
    )


_PLAIN_TAGS: dict[type[Node], str] = {
    MappingNode: "tag:yaml.org,2002:map",
    SequenceNode: "tag:yaml.org,2002:seq",
}


def _unknown_tag(node: Node, loc: Location) -> Problem | None:
    """A tag on a mapping or sequence (``!include {…}``) would be dropped without a word."""
    expected = _PLAIN_TAGS.get(type(node))
    if expected is None or node.tag == expected:
        return None
    return Problem(
        loc,
        f"unknown YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')}",
        hint="remove the tag: the curriculum and front matter are plain YAML (no !include)",
    )
