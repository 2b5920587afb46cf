"""Translations: English lesson files beside the Japanese ones, and drift between them.

An English file ``content/p/p15.en.md`` records in its front matter the hash of the Japanese
source it was translated from (``source_hash``). When the Japanese file changes afterwards, the
translation is *stale*: a build warning and a row in ``nexus-site translations``.
``nexus-site translated content/p/p15.en.md`` records the current hash after re-translating.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from nexus_site.content import sections
from nexus_site.content.files import AnyFile, LessonFile, PageFile
from nexus_site.content.frontmatter import closing_line
from nexus_site.curriculum.model import Lang
from nexus_site.errors import Location, Problem, display_path

HASH_LENGTH = 16


def source_hash(text: str) -> str:
    """Hash of a Japanese source file's text (line endings normalised)."""
    normalised = text.replace("\r\n", "\n").encode("utf-8")
    return hashlib.sha256(normalised).hexdigest()[:HASH_LENGTH]


def file_hash(path: Path) -> str:
    return source_hash(path.read_text(encoding="utf-8").removeprefix("\ufeff"))


def mark_translated(path: Path, source: Path) -> bool:
    """Write the current ``source_hash`` of ``source`` into the front matter of ``path``, and
    ``source_sections``, the hash of each of its sections (one line, a JSON mapping). Returns
    False if both were already current. Only those lines change: the file keeps its line
    endings (CRLF, LF) and its BOM."""
    raw = path.read_bytes().decode("utf-8")
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    text = raw.removeprefix("\ufeff")
    cr = "\r" if text.split("\n", 1)[0].endswith("\r") else ""
    original = source.read_text(encoding="utf-8-sig")
    digest = source_hash(original)
    per_section = sections.section_hashes(original, notebook=source.suffix == ".ipynb")
    wanted = {
        "source_hash": f'source_hash: "{digest}"' + cr,  # quoted: an all-digit hash is a string
        "source_sections": "source_sections: " + json.dumps(per_section, ensure_ascii=False) + cr,
    }
    lines = text.split("\n")
    end = closing_line(lines)
    if end is None:
        raise ValueError(f"{path}: no front matter, or it is not closed")
    changed = False
    for key, line in wanted.items():
        at = next((i for i in range(1, end) if lines[i].startswith(f"{key}:")), None)
        if at is None:
            lines.insert(end, line)
            end += 1
            changed = True
        elif lines[at] != line:
            lines[at] = line
            changed = True
    if changed:
        path.write_bytes((bom + "\n".join(lines)).encode("utf-8"))
    return changed


@dataclass(frozen=True)
class Stale:
    """A translation behind its original: which sections of the original changed (their
    Japanese headings; empty when the translation recorded none), and why it is published
    anyway (``stale_ok``), if it is."""

    sections: tuple[str, ...]
    stale_ok: str | None = None


def staleness(file: AnyFile, source: AnyFile, content_dir: Path) -> Stale | None:
    """None when ``file`` translates the current text of ``source`` (or records no hash)."""
    if isinstance(file, PageFile):
        recorded, known, ok = file.source_hash, file.source_sections, file.stale_ok
    else:  # a lesson or an article: its front matter says
        recorded = file.front.source_hash
        known = getattr(file.front, "source_sections", None)
        ok = getattr(file.front, "stale_ok", None)
    try:
        text = (content_dir / source.src_uri).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if recorded is None or recorded == source_hash(text):
        return None
    changed: tuple[str, ...] = ()
    if known is not None:
        now = sections.section_hashes(text, notebook=source.src_uri.endswith(".ipynb"))
        changed = tuple(t for t, h in now.items() if known.get(t) != h)
        changed += tuple(t for t in known if t not in now)  # removed from the original
    return Stale(changed, ok)


def describe_sections(stale: Stale) -> str:
    """``'17.2 …' and '17.3 …'`` (the text before the first heading is "the introduction")."""
    names = [f"'{t}'" if t else "the introduction" for t in stale.sections]
    if len(names) > 1:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return names[0] if names else ""


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
        recorded = file.front.source_hash if isinstance(file, LessonFile) else file.source_hash
        stale = staleness(file, source, content_dir)
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
        elif stale is not None:
            problems.append(_stale_problem(ident, display, source.src_uri, stale))
    return problems


def _stale_problem(ident: str, display: str, source: str, stale: Stale) -> Problem:
    changed = f" ({describe_sections(stale)} changed)" if stale.sections else ""
    if stale.stale_ok is not None:  # published knowingly: shown, not counted by --strict
        return Problem(
            Location(display, 1, 1),
            f"translation of {ident} is stale{changed}, published with stale_ok: "
            f"{stale.stale_ok}",
            hint=f"readers see a notice; after updating it run: nexus-site translated {display}"
            " and remove stale_ok",
            severity="note",
        )
    return Problem(
        Location(display, 1, 1),
        f"translation of {ident} is stale: {source} changed after it was translated{changed}",
        hint=f"update the English text to match, then run: nexus-site translated {display}; "
        "to publish the Japanese change first, add 'stale_ok: <reason>' to its front matter",
        severity="warning",
    )
