"""The library of interactive figures: each figure's parameters, their types, ranges and defaults.

``/// figure | NAME`` blocks are checked against :data:`FIGURES` when the project is checked, so
an out-of-range learning rate fails ``nexus-site check`` and the build with its location, not the
reader's browser. The figures themselves: ``assets/figures/figures.js`` (the page) and
``nexus_site.site.figures`` (the same update rules in Python: the static fallback and the tests).
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import Any

from nexus_site.curriculum.yamlsource import SourceMap
from nexus_site.errors import Location, Problem

OPTIMIZERS = ("sgd", "momentum", "adam")
LANDSCAPES = ("ravine", "bowl")
# The plotted area of the optimizer race, (x_min, x_max, y_min, y_max), for every landscape.
DOMAIN = (-5.0, 5.0, -3.0, 3.0)


@dataclass(frozen=True)
class Param:
    """``kind``: number, integer, choice (one of ``options``), subset (a list of ``options``),
    point ([x, y] in :data:`DOMAIN`), numbers (a list of ``size`` numbers), text."""

    kind: str
    default: Any
    low: float = -math.inf
    high: float = math.inf
    options: tuple[str, ...] = ()
    size: tuple[int, int] = (1, 1)
    low_open: bool = False  # low itself not allowed (a learning rate of 0)

    def describe(self) -> str:
        lo = "above" if self.low_open else "at least"
        match self.kind:
            case "number" | "integer":
                noun = "a whole number" if self.kind == "integer" else "a number"
                return f"{noun} {lo} {_num(self.low)} and at most {_num(self.high)}"
            case "choice":
                return "one of " + ", ".join(self.options)
            case "subset":
                return "a list of " + ", ".join(self.options) + ", each at most once"
            case "point":
                x0, x1, y0, y1 = DOMAIN
                return f"[x, y] with x in {_num(x0)}…{_num(x1)} and y in {_num(y0)}…{_num(y1)}"
            case "numbers":
                return (
                    f"a list of {self.size[0]} to {self.size[1]} numbers, each {lo} "
                    f"{_num(self.low)} and at most {_num(self.high)}"
                )
        return "a text"


def _num(value: float) -> str:
    return f"{value:g}"


_CAPTION = Param("text", "")

FIGURES: dict[str, dict[str, Param]] = {
    # SGD, momentum and Adam from the same start on a 2-D loss landscape.
    "optimizer-race": {
        "landscape": Param("choice", "ravine", options=LANDSCAPES),
        "optimizers": Param("subset", ["sgd", "adam"], options=OPTIMIZERS),
        "lr": Param("number", 0.08, 0.0, 0.5, low_open=True),
        "start": Param("point", [-4.0, 1.5]),
        "steps": Param("integer", 80, 1, 500),
        "momentum": Param("number", 0.9, 0.0, 0.999),
        "beta1": Param("number", 0.9, 0.0, 0.999),
        "beta2": Param("number", 0.999, 0.0, 0.9999),
        "caption": _CAPTION,
    },
    # Gradient descent on L(w) = w² with several learning rates, and the loss per step.
    "lr-effect": {
        "rates": Param("numbers", [0.01, 0.3, 0.9, 1.1], 0.0, 2.0, size=(1, 4), low_open=True),
        "start": Param("number", 1.0, -10.0, 10.0),
        "steps": Param("integer", 20, 1, 100),
        "caption": _CAPTION,
    },
}


def example(name: str) -> str:
    """A parameter block with every parameter at its default, for hints."""
    lines = []
    for key, param in FIGURES[name].items():
        if param.kind != "text":
            lines.append(f"{key}: {_yaml(param.default)}")
    return "\n".join(lines)


def _yaml(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return f"{value:g}" if isinstance(value, float) else str(value)


def validate(
    name: str, data: dict[str, Any], source: SourceMap, where: Location, problems: list[Problem]
) -> dict[str, Any]:
    """``data`` checked against the figure's spec, defaults filled in. Problems appended."""
    spec = FIGURES[name]
    params = {key: param.default for key, param in spec.items()}
    for key, value in data.items():
        if key not in spec:
            close = difflib.get_close_matches(str(key), list(spec), n=1)
            problems.append(
                Problem(
                    source.locate((key,)),
                    f"unknown parameter {key!r}",
                    f"figure {name}",
                    hint=(f"did you mean '{close[0]}'? " if close else "")
                    + "parameters of this figure: "
                    + ", ".join(spec),
                )
            )
            continue
        checked = _check(spec[key], value)
        if checked is None:
            problems.append(
                Problem(
                    source.locate((key,), key=False),
                    f"{_show(value)} is not {spec[key].describe()}",
                    f"figure {name} › {key}",
                    hint=f"for example: {key}: {_yaml(spec[key].default) or 'Text'}",
                )
            )
            continue
        params[key] = checked
    return params


def _show(value: Any) -> str:
    """A value as the author wrote it in YAML (roughly), cut short."""
    if isinstance(value, list):
        text = "[" + ", ".join(str(v) for v in value) + "]"
    else:
        text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _number(value: Any, param: Param) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    if value < param.low or value > param.high or (param.low_open and value == param.low):
        return None
    return float(value)


def _check(param: Param, value: Any) -> Any:
    """The value as the figure uses it, or None if it does not fit ``param``."""
    match param.kind:
        case "number":
            return _number(value, param)
        case "integer":
            ok = isinstance(value, int) and not isinstance(value, bool)
            return int(value) if ok and _number(value, param) is not None else None
        case "choice":
            return value if value in param.options else None
        case "subset":
            ok = isinstance(value, list) and 1 <= len(value) == len(set(map(str, value)))
            return list(value) if ok and all(v in param.options for v in value) else None
        case "point":
            return _point(value)
        case "numbers":
            if not isinstance(value, list) or not param.size[0] <= len(value) <= param.size[1]:
                return None
            numbers = [_number(v, param) for v in value]
            return None if None in numbers else numbers
    return value if isinstance(value, str) else None


def _point(value: Any) -> list[float] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    x0, x1, y0, y1 = DOMAIN
    x = _number(value[0], Param("number", 0, x0, x1))
    y = _number(value[1], Param("number", 0, y0, y1))
    return None if x is None or y is None else [x, y]
