"""A lesson's text split at its headings: the unit of translation tracking.

Markdown: each ATX heading (outside fenced code) starts a section; the text before the first
heading is a section of its own (title ""). Notebooks: the markdown cells only, code cells are
shared by both languages and not tracked; their sections have no line (0). Used by the term
consistency check and by section-level staleness (``section_hashes``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from nexus_site.content.frontmatter import closing_line

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")
_FENCE = re.compile(r"^[ \t]*(```+|~~~+)")
HASH_LENGTH = 8


@dataclass(frozen=True)
class Section:
    title: str  # the heading's text without {#id}; "" before the first heading
    line: int  # 1-based line of the heading in the file; 0 when unknown (notebooks)
    text: str  # the heading and its body

    def digest(self) -> str:
        return hashlib.sha256(self.text.strip().encode("utf-8")).hexdigest()[:HASH_LENGTH]


def split(text: str, *, notebook: bool = False) -> list[Section]:
    """The sections of a Markdown file's text or of a notebook's JSON text."""
    if notebook:
        return _split_lines(_markdown_cells(text), known_lines=False)
    return _split_lines(text.replace("\r\n", "\n").split("\n"), known_lines=True)


def _markdown_cells(text: str) -> list[str]:
    try:
        cells = json.loads(text).get("cells", [])
    except (ValueError, AttributeError):
        return []
    lines: list[str] = []
    for cell in cells if isinstance(cells, list) else []:
        if isinstance(cell, dict) and cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            lines += [*source.split("\n"), ""]
    return lines


def _split_lines(lines: list[str], *, known_lines: bool) -> list[Section]:
    start = 0
    if known_lines and (end := closing_line(lines)) is not None:
        start = end + 1
    sections: list[Section] = []
    first_text = next((i for i in range(start, len(lines)) if lines[i].strip()), start)
    title, line = "", (first_text + 1 if known_lines else 0)
    body: list[str] = []
    fence = ""
    for index in range(start, len(lines)):
        text = lines[index]
        opened = _FENCE.match(text)
        if fence:
            fence = "" if opened and opened.group(1)[0] == fence[0] else fence
        elif opened:
            fence = opened.group(1)
        elif heading := _HEADING.match(text):
            if body or title:
                sections.append(Section(title, line, "\n".join(body)))
            title = _ATTRS.sub("", heading.group(2)).strip()
            line, body = (index + 1 if known_lines else 0), []
        body.append(text)
    if body or title:
        sections.append(Section(title, line, "\n".join(body)))
    return sections


def section_hashes(text: str, *, notebook: bool = False) -> dict[str, str]:
    """Heading title → hash of its section (the first of equal titles), for the record a
    translation keeps of the original it translates."""
    found: dict[str, str] = {}
    for section in split(text, notebook=notebook):
        found.setdefault(section.title, section.digest())
    return found
