"""Drop the rules of a stylesheet that the pages it serves cannot use.

nbconvert's lab template ships all of JupyterLab's CSS (590 KB, 88 KB gzipped): the file browser,
dialogs, widgets, 80 KB of icons as data URIs, two colour palettes. A notebook page uses a few
dozen of its classes. A rule is kept when, for one of its selectors, every class it names (outside
``:not()``, ``:is()``, …) occurs in the pages; a custom property is kept when a kept declaration,
an inline style or another kept property refers to it. Rules without classes (``body``,
``[data-…]``), ``@font-face`` and ``@keyframes`` stay. ``X :root`` selectors, which can match
nothing, go.

It is the static-HTML assumption of purgecss and similar tools: a class that only a script adds
at run time is not seen. Notebook pages have no such script (widgets and require.js are off).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import tinycss2
from tinycss2.ast import AtRule, Declaration, Node, QualifiedRule

_CLASS_ATTR = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_GROUPING = frozenset({"media", "supports", "layer", "container", "document"})


@dataclass
class Usage:
    """The classes and ``var(--…)`` references of the pages a stylesheet serves."""

    classes: set[str] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)

    def add(self, html: str) -> None:
        for match in _CLASS_ATTR.finditer(html):
            self.classes.update((match[1] or match[2] or match[3] or "").split())
        self.variables.update(_VAR.findall(html))


def prune(css: str, usage: Usage) -> str:
    """The rules of ``css`` that can apply to the pages described by ``usage``, minified.

    Remembered for the last few inputs: the live-reload preview prunes the same 590 KB for the
    same notebook page on every save of another lesson (~1.5 s each time)."""
    return _prune(css, frozenset(usage.classes), frozenset(usage.variables))


@functools.lru_cache(maxsize=4)
def _prune(css: str, classes: frozenset[str], variables: frozenset[str]) -> str:
    usage = Usage(set(classes), set(variables))
    kept = [r for r in (_select(rule, usage) for rule in _parsed(css)) if r is not None]
    used = _used_variables(kept, usage.variables)
    parts = (_serialize(rule, used) for rule in kept)
    return "\n".join(p for p in parts if p) + "\n"


@functools.lru_cache(maxsize=2)
def _parsed(css: str) -> tuple[Node, ...]:
    """The stylesheet's rules (only read, never changed, so they are shared)."""
    return tuple(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def _declarations(rule: QualifiedRule) -> list[tuple[str, str]]:
    """``(name, value)`` of each declaration, the value serialized (``!important`` included)."""
    return [
        (d.name, tinycss2.serialize(d.value).strip() + (" !important" if d.important else ""))
        for d in tinycss2.parse_declaration_list(
            rule.content, skip_comments=True, skip_whitespace=True
        )
        if isinstance(d, Declaration)
    ]


def _selectors(prelude: list[Node]) -> list[list[Node]]:
    parts: list[list[Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _may_match(selector: list[Node], classes: set[str]) -> bool:
    text = tinycss2.serialize(selector).strip()
    if ":root" in text and not text.startswith(":root"):
        return False  # :root inside or after something else is never the root
    previous: Node | None = None
    for token in selector:  # top level only: classes inside :not(…) need not occur
        if (
            token.type == "ident"
            and previous is not None
            and previous.type == "literal"
            and previous.value == "."
            and token.value not in classes
        ):
            return False
        previous = token
    return True


@dataclass
class _Rule:
    selectors: list[str]
    declarations: list[tuple[str, str]]


@dataclass
class _Group:
    at_keyword: str
    prelude: str
    rules: list[_Rule | _Group | str]


def _select(node: Node, usage: Usage) -> _Rule | _Group | str | None:
    if isinstance(node, QualifiedRule):
        selectors = [
            tinycss2.serialize(s).strip()
            for s in _selectors(node.prelude)
            if _may_match(s, usage.classes)
        ]
        return _Rule(selectors, _declarations(node)) if selectors else None
    if isinstance(node, AtRule) and node.lower_at_keyword in _GROUPING and node.content:
        nodes = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
        inner = [r for r in (_select(n, usage) for n in nodes) if r is not None]
        prelude = tinycss2.serialize(node.prelude).strip()
        return _Group(node.at_keyword, prelude, inner) if inner else None
    return node.serialize().strip() if isinstance(node, AtRule) else None


def _walk(rules: Iterable[_Rule | _Group | str]) -> Iterator[_Rule]:
    for rule in rules:
        if isinstance(rule, _Rule):
            yield rule
        elif isinstance(rule, _Group):
            yield from _walk(rule.rules)


def _used_variables(rules: list[_Rule | _Group | str], referenced: set[str]) -> set[str]:
    definitions: dict[str, list[str]] = {}
    used = set(referenced)
    for rule in _walk(rules):
        for name, value in rule.declarations:
            if name.startswith("--"):
                definitions.setdefault(name, []).append(value)
            else:
                used.update(_VAR.findall(value))
    for other in rules:  # @font-face, @keyframes, … may use properties too
        if isinstance(other, str):
            used.update(_VAR.findall(other))
    todo = list(used)
    while todo:
        for value in definitions.get(todo.pop(), []):
            for name in _VAR.findall(value):
                if name not in used:
                    used.add(name)
                    todo.append(name)
    return used


def _serialize(rule: _Rule | _Group | str, used: set[str]) -> str:
    if isinstance(rule, str):
        return rule
    if isinstance(rule, _Group):
        inner = "".join(_serialize(r, used) for r in rule.rules)
        return f"@{rule.at_keyword} {rule.prelude}{{{inner}}}" if inner else ""
    body = ";".join(
        f"{name}:{value}"
        for name, value in rule.declarations
        if not name.startswith("--") or name in used
    )
    return f"{','.join(rule.selectors)}{{{body}}}" if body else ""
