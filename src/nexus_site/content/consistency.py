"""Term consistency: an English translation names each glossary term the way the glossary does.

For every term its Japanese source uses, the English file must use the glossary's ``en`` (or one
of its abbreviations) in the section that corresponds to the one where the Japanese first uses
it (sections matched by position when both files have the same headings; else the whole file).
A warning with file:line otherwise: a term translated two ways confuses a clinician reader.
"""

from __future__ import annotations

from pathlib import Path

from nexus_site.content import sections
from nexus_site.content.files import Content
from nexus_site.curriculum.glossary import Glossary, Term
from nexus_site.errors import Location, Problem, display_path


def problems(glossary: Glossary, content: Content, content_dir: Path, root: Path) -> list[Problem]:
    found: list[Problem] = []
    if not glossary.terms:
        return found
    for (ident, lang), file in sorted(content.lessons.items()):
        source = content.lessons.get((ident, "ja"))
        if lang != "en" or source is None:
            continue
        try:
            ja_text = (content_dir / source.src_uri).read_text(encoding="utf-8")
            en_text = (content_dir / file.src_uri).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reported by the scan
        ja = sections.split(ja_text, notebook=source.kind == "ipynb")
        en = sections.split(en_text, notebook=file.kind == "ipynb")
        display = display_path(content_dir / file.src_uri, root)
        for term in glossary.terms:
            original = display_path(content_dir / source.src_uri, root)
            problem = _check(term, ja, en, display, original)
            if problem is not None:
                found.append(problem)
    return found


def _uses(text: str, term: Term) -> bool:
    folded = text.casefold()
    return any(name.casefold() in folded for name in (term.en, *term.abbr))


def _check(
    term: Term, ja: list[sections.Section], en: list[sections.Section], display: str, source: str
) -> Problem | None:
    first = next((i for i, s in enumerate(ja) if term.ja in s.text), None)
    if first is None:
        return None
    aligned = len(ja) == len(en)
    target = en[first] if aligned else None
    text = target.text if target is not None else "\n".join(s.text for s in en)
    if _uses(text, term):
        return None
    where = f"section '{ja[first].title}' of " if ja[first].title else ""
    here = "this section" if target is not None and target.title else "this translation"
    line = target.line if target is not None and target.line else 1
    return Problem(
        Location(display, line, 1),
        f"term {term.ja!r} ({where}{source}) is not called {term.en!r} in {here}",
        hint=f"use the glossary's English {term.en!r}"
        + (f" (or {', '.join(repr(a) for a in term.abbr)})" if term.abbr else "")
        + f", or change the entry 'id: {term.id}' in curriculum/glossary.yml for every lesson",
        severity="warning",
    )
