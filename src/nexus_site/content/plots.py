"""Notebook cells that draw a figure but whose saved outputs have none.

A notebook lesson is shown with the outputs saved in the file (it is not run by the build). When a
cell draws a plot (``plt.…``, ``sns.…``, ``.plot(``, ``…Display``) and the file holds no image
output for it, the text around it speaks of a figure the reader cannot see. Authors get a note
(``nexus-site check`` and the build log); readers get "figure in preparation" under the cell
(``nexus_site.site.notebooks.mark_missing_plots``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from nexus_site.errors import Location, Problem

_DRAWS = re.compile(
    r"^(?!\s*#).*?(\b(?:plt|sns|px)\.\w+\s*\(|\.plot\s*\(|\b\w+Display\b)", re.M
)
_IMAGE_HTML = re.compile(r"<(?:img|svg)\b", re.I)


@dataclass(frozen=True)
class MissingPlot:
    index: int  # 0-based index of the cell in the notebook
    cell_id: str  # nbformat ≥ 4.5 cell id ("" when the notebook has none)
    next_id: str  # the next cell's id ("" when last or without ids)
    calls: tuple[str, ...]  # the drawing calls found, for the note


def _has_image(outputs: list[dict[str, object]]) -> bool:
    for output in outputs:
        data = output.get("data")
        if not isinstance(data, dict):
            continue
        if any(str(k).startswith("image/") for k in data):
            return True
        html = data.get("text/html")
        if _IMAGE_HTML.search("".join(html) if isinstance(html, list) else str(html or "")):
            return True
    return False


def missing_plots(text: str) -> list[MissingPlot]:
    """The cells of the notebook JSON ``text`` that draw but saved no image. [] if unreadable."""
    try:
        cells = json.loads(text).get("cells", [])
    except (ValueError, AttributeError, RecursionError):  # too deep: reported by the reader
        return []
    found: list[MissingPlot] = []
    for i, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        calls = tuple(dict.fromkeys(m.replace(" ", "").rstrip("(") for m in _DRAWS.findall(source)))
        if calls and not _has_image(cell.get("outputs") or []):
            following = cells[i + 1] if i + 1 < len(cells) else {}
            found.append(
                MissingPlot(
                    i,
                    str(cell.get("id", "")),
                    str(following.get("id", "")) if isinstance(following, dict) else "",
                    calls[:4],
                )
            )
    return found


def problems(path: Path, display: str) -> list[Problem]:
    """One note per cell that draws without a saved image."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # the front-matter reader reports it
    notes = []
    for plot in missing_plots(text):
        line = _line_of(text, plot)
        notes.append(
            Problem(
                Location(display, line, 1 if line else 0),
                f"cell {plot.index + 1} draws a figure ({', '.join(plot.calls)}) but the "
                "notebook has no saved image for it; readers see 'figure in preparation'",
                hint="run the notebook (Run All) and save it with its outputs, or remove the "
                "plotting code if the figure is not wanted",
                severity="note",
            )
        )
    return notes


def _line_of(text: str, plot: MissingPlot) -> int:
    """Line of the cell's id in the JSON (0 when it has none)."""
    if not plot.cell_id:
        return 0
    at = text.find(f'"id": {json.dumps(plot.cell_id)}')
    return text.count("\n", 0, at) + 1 if at >= 0 else 0
