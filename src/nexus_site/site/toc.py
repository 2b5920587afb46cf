"""The table of contents of a generated page, read from its rendered headings.

Templates own page structure: whatever ``<h2 id>`` / ``<h3 id>`` a template renders is in the TOC,
nothing else. A heading may give a shorter TOC title in ``data-toc-label`` (as Python-Markdown's
``toc`` extension allows); the attribute is removed from the page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

_LABEL_ATTR = re.compile(r'\s+data-toc-label="[^"]*"')


@dataclass(frozen=True)
class TocItem:
    id: str
    title: str
    level: int = 2
    children: tuple[TocItem, ...] = ()

    def token(self) -> dict[str, Any]:
        """As a Python-Markdown ``toc_tokens`` item (what MkDocs' ``get_toc`` reads); the title
        escaped, since themes render it raw."""
        title = html.escape(self.title)
        return {
            "level": self.level,
            "id": self.id,
            "name": title,
            "html": title,
            "children": [child.token() for child in self.children],
        }


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []  # (level, id, title)
        self._open: tuple[int, str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3"):
            found = dict(attrs)
            if found.get("id"):
                self._open = (int(tag[1]), found["id"] or "", found.get("data-toc-label"))
                self._text = []

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == f"h{self._open[0]}":
            level, ident, label = self._open
            title = label if label is not None else " ".join("".join(self._text).split())
            self.found.append((level, ident, title))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)


# An h2 or h3 element, start to end (headings do not nest). Only these are parsed: a series
# page is mostly mind map and lesson tree, which the parser would otherwise read through.
_HEADING = re.compile(r"<h([23])\b[^>]*>.*?</h\1\s*>", re.S | re.I)


def from_html(html: str) -> tuple[str, tuple[TocItem, ...]]:
    """``html`` without ``data-toc-label`` attributes, and its TOC: h2 headings with an id, each
    with the h3 headings (with an id) that follow it."""
    parser = _Headings()
    for heading in _HEADING.finditer(html):
        parser.feed(heading.group())
    parser.close()
    items: list[TocItem] = []
    for level, ident, title in parser.found:
        if level == 3 and items:
            last = items[-1]
            items[-1] = TocItem(
                last.id, last.title, last.level, (*last.children, TocItem(ident, title, 3))
            )
        else:
            items.append(TocItem(ident, title, level))
    return _LABEL_ATTR.sub("", html), tuple(items)
