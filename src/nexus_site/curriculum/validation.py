"""Validate parsed YAML against the pydantic model, turning pydantic's errors into located
:class:`~nexus_site.errors.Problem` s with the tree path (``P › 第III部 › P9``) and a hint."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from nexus_site.curriculum.model import Series, Site
from nexus_site.curriculum.yamlsource import PathKey, SourceMap
from nexus_site.errors import Problem

_EXAMPLES: dict[str, str] = {
    "Text": "title:\n  ja: 損失関数と最適化\n  en: Loss Functions and Optimization",
    "Lesson": "- id: P9\n  number: 9\n  title: {ja: 損失関数と最適化, en: Loss Functions and Optimization}",
    "SubLesson": "- id: P9.1\n  title: {ja: …, en: …}",
    "Part": "- id: III\n  title: {ja: …, en: …}\n  lessons: [...]",
}


@dataclass(frozen=True)
class Loaded:
    """A validated file with its source map (kept for the cross-file rules)."""

    path: Path
    display: str
    source: SourceMap
    data: Any


def validate_model(
    cls: type[BaseModel], data: Any, source: SourceMap, problems: list[Problem]
) -> BaseModel | None:
    """Validate ``data`` against ``cls``; translate pydantic's errors into located problems."""
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problems.append(_problem_from_error(cls, error, data, source))
        return None


def _problem_from_error(cls: type[BaseModel], error: Any, data: Any, source: SourceMap) -> Problem:
    loc: PathKey = tuple(error["loc"])
    kind = error["type"]
    field_path = _field_path(loc)
    tree = tree_path(data, loc, cls)
    if kind == "extra_forbidden":
        parent = model_at(cls, loc[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        hint += "allowed keys here: " + ", ".join(allowed)
        return Problem(source.locate(loc), f"unknown key {loc[-1]!r}", tree, hint)
    if kind == "missing":
        parent = model_at(cls, loc[:-1])
        example = _EXAMPLES.get(parent.__name__, "") if parent else ""
        name = str(loc[-1])
        what = "missing Japanese text 'ja'" if name == "ja" else f"missing required key {name!r}"
        hint = f"add '{name}:'" + (f", for example:\n{example}" if example else "")
        return Problem(source.locate(loc[:-1], key=False), _with_field(what, loc[:-1]), tree, hint)
    if kind == "string_too_short":
        what = "Japanese text is empty" if loc[-1] == "ja" else "text is empty"
        hint = (
            "Japanese is required: write the text, e.g. ja: 損失関数と最適化"
            if loc[-1] == "ja"
            else "write the text, or remove the key if there is none yet"
        )
        return Problem(source.locate(loc, key=False), f"{field_path}: {what}", tree, hint)
    if kind == "string_pattern_mismatch":
        hint = {
            "id": "IDs are the series letter plus numbers: P, P15, P15.2, E2.3.1; parts: I, II, …, 0",
        }.get(str(loc[-1]), f"expected the pattern {error.get('ctx', {}).get('pattern', '')}")
        return Problem(
            source.locate(loc, key=False),
            f"{field_path}: {error['input']!r} is not a valid value",
            tree,
            hint,
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        target = model_at(cls, loc)
        example = _EXAMPLES.get(target.__name__, "") if target else ""
        hint = "write a mapping of keys" + (f", for example:\n{example}" if example else "")
        if target is not None and target.__name__ == "Text":
            hint = "texts have a Japanese and an English version: {ja: …, en: …}"
        return Problem(
            source.locate(loc, key=False),
            f"{field_path}: expected a mapping, found {describe(error['input'])}",
            tree,
            hint,
        )
    if kind == "list_type":
        return Problem(
            source.locate(loc, key=False),
            f"{field_path}: expected a list, found {describe(error['input'])}",
            tree,
            "write each item on its own line starting with '- '",
        )
    hints = {
        "int_parsing": "write a whole number, e.g. number: 9 (the N of 第N回)",
        "int_type": "write a whole number, e.g. number: 9 (the N of 第N回)",
        "bool_parsing": "write true or false",
        "date_from_datetime_parsing": "write the date as YYYY-MM-DD, e.g. 2025-06-01",
        "date_parsing": "write the date as YYYY-MM-DD, e.g. 2025-06-01",
        "string_type": "write the text; quote it if YAML reads it as a number or a date",
    }
    return Problem(
        source.locate(loc, key=False),
        f"{field_path}: {error['msg'][0].lower()}{error['msg'][1:]}"
        f" (found {describe(error['input'])})",
        tree,
        hints.get(kind, ""),
    )


def _with_field(what: str, loc: PathKey) -> str:
    path = _field_path(loc)
    return f"{path}: {what}" if path else what


def _field_path(loc: PathKey) -> str:
    text = ""
    for item in loc:
        text += f"[{item}]" if isinstance(item, int) else (f".{item}" if text else str(item))
    return text


def describe(value: Any) -> str:
    """What a YAML value is, for a message: ``a string ('abc')``, ``a list``."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, str):
        return f"a string ({value[:30]!r})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def model_at(cls: type[BaseModel], loc: PathKey) -> type[BaseModel] | None:
    """The model class that validates the value at ``loc`` (None when it is not a model)."""
    current: Any = cls
    for item in loc:
        if isinstance(item, int):
            continue  # list index: the annotation's item type was already unwrapped
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(item))
        if field is None:
            return None
        current = _unwrap(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _unwrap(annotation: Any) -> Any:
    """``list[X] | None`` → ``X``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if args else annotation
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def tree_path(data: Any, loc: PathKey, cls: type[BaseModel] = Series) -> str:
    """``P › 第III部 › P9 › P9.2`` for a location inside a series file."""
    if cls is Site:
        return "site" + "".join(f" › {item}" for item in loc[:2])
    if cls is not Series or not isinstance(data, dict):
        return ""
    names = [str(data.get("id") or "?")]
    current: Any = data
    for index, item in enumerate(loc):
        parent_key = loc[index - 1] if index else None
        try:
            current = current[item]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(item, int) and isinstance(current, dict):
            ident = current.get("id")
            if parent_key == "parts":
                names.append(f"第{ident}部" if ident is not None else f"parts[{item}]")
            elif parent_key in ("lessons", "children", "subseries"):
                names.append(str(ident) if ident is not None else f"{parent_key}[{item}]")
    return " › ".join(names)
