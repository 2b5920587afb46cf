"""What the build core answers a static-site tool: plain data, no MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nexus_site.site.toc import TocItem


@dataclass(frozen=True)
class VirtualFile:
    """A file the build adds: its path in the build, and its text or the file to copy."""

    uri: str
    content: str | None = None
    source: Path | None = None


@dataclass(frozen=True)
class PageParts:
    """A page after rendering: its HTML, a TOC to use instead of the tool's (generated pages),
    and meta for the theme (``nexus_head``/``nexus_foot``, ``nexus_css``/``nexus_js``, …)."""

    html: str
    toc: tuple[TocItem, ...] | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outputs:
    """Files to write into the built site (path relative to it → text), and notes to log."""

    files: dict[str, str]
    notes: tuple[str, ...] = ()
