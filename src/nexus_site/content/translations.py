"""Translations: English lesson files beside the Japanese ones, and drift between them.

An English file ``content/p/p15.en.md`` records in its front matter the hash of the Japanese
source it was translated from (``source_hash``). When the Japanese file changes afterwards, the
translation is *stale*: a build warning and a row in ``nexus-site translations``.
``nexus-site translated content/p/p15.en.md`` records the current hash after re-translating.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from nexus_site.content.files import AnyFile, LessonFile
from nexus_site.content.frontmatter import closing_line
from nexus_site.curriculum.model import Lang
from nexus_site.errors import Location, Problem, display_path

HASH_LENGTH = 16


def source_hash(text: str) -> str:
    """Hash of a Japanese source file's text (line endings normalised)."""
    normalised = text.replace("\r\n", "\n").encode("utf-8")
    return hashlib.sha256(normalised).hexdigest()[:HASH_LENGTH]


def file_hash(path: Path) -> str:
    return source_hash(path.read_text(encoding="utf-8"))


def mark_translated(path: Path, source: Path) -> bool:
    """Write the current ``source_hash`` of ``source`` into the front matter of ``path``.
    Returns False if it was already current. Only the one line changes."""
    text = path.read_text(encoding="utf-8")
    digest = file_hash(source)
    lines = text.split("\n")
    end = closing_line(lines)
    if end is None:
        raise ValueError(f"{path}: no front matter, or it is not closed")
    for i in range(1, end):
        if lines[i].startswith("source_hash:"):
            if lines[i].split(":", 1)[1].strip().strip("\"'") == digest:
                return False
            lines[i] = f'source_hash: "{digest}"'  # quoted: an all-digit hash is a string too
            break
    else:
        lines.insert(end, f'source_hash: "{digest}"')
    path.write_text("\n".join(lines), encoding="utf-8")
    return True


def problems(
    lessons: Mapping[tuple[str, Lang], AnyFile], content_dir: Path, root: Path | None
) -> list[Problem]:
    """English files need their Japanese source, and must not have drifted from it."""
    problems: list[Problem] = []
    for (ident, lang), file in sorted(lessons.items()):
        if lang != "en":
            continue
        display = display_path(content_dir / file.src_uri, root)
        source = lessons.get((ident, "ja"))
        if source is None:
            problems.append(
                Problem(
                    Location(display, 1, 1),
                    f"translation of {ident} has no Japanese source",
                    hint=f"write the Japanese original first: content/"
                    f"{file.src_uri.replace('.en.', '.')} (Japanese is the site's original language)",
                )
            )
            continue
        current = file_hash(content_dir / source.src_uri)
        recorded = file.front.source_hash if isinstance(file, LessonFile) else file.source_hash
        if recorded is None:
            problems.append(
                Problem(
                    Location(display, 1, 1),
                    f"translation of {ident} does not record its source",
                    hint=f"after checking it against {source.src_uri}, run: "
                    f"nexus-site translated {display}",
                    severity="warning",
                )
            )
        elif recorded != current:
            problems.append(
                Problem(
                    Location(display, 1, 1),
                    f"translation of {ident} is stale: {source.src_uri} changed after it was "
                    "translated",
                    hint=f"update the English text to match, then run: nexus-site translated {display}",
                    severity="warning",
                )
            )
    return problems
