"""The bilingual clinical glossary: ``curriculum/glossary.yml``, as data.

Each term has its Japanese and English name, the kana reading (the Japanese page is ordered and
grouped by it: あ か さ …), its abbreviations, a short definition in both languages, and the
lessons that teach it. Validated like the curriculum: every mistake becomes a located
:class:`~nexus_site.errors.Problem` with the tree path (``glossary › 損失関数``) and a hint, and
all of them are reported at once. The glossary is optional: without the file there is none.
"""

from __future__ import annotations

import dataclasses
import difflib
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from nexus_site.curriculum.model import Lang, LessonId, NonEmpty, Strict
from nexus_site.curriculum.validation import describe, validate_model
from nexus_site.curriculum.yamlsource import SourceMap, parse
from nexus_site.errors import Location, Problem, display_path

GLOSSARY_FILE = "glossary.yml"

TermId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
# Hiragana, katakana, the long-vowel mark, the middle dot and spaces.
Reading = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[\u3041-\u309f\u30a0-\u30ff ]+$")
]


class Definition(Strict):
    """A short definition in both languages: a glossary is for readers of either site."""

    ja: NonEmpty = Field(description="Japanese definition (one or two sentences).")
    en: NonEmpty = Field(description="English definition (one or two sentences).")

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.ja


class Term(Strict):
    id: TermId = Field(
        description="Anchor of the entry: lowercase, digits, hyphens (loss-function)."
    )
    ja: NonEmpty = Field(description="The Japanese term, as the lessons write it (損失関数).")
    en: NonEmpty = Field(description="The English term the translations must use (loss function).")
    reading: Reading = Field(description="Kana reading of the Japanese term (そんしつかんすう).")
    abbr: list[NonEmpty] = Field(default_factory=list, description="Abbreviations (MSE, FL).")
    definition: Definition
    lessons: list[LessonId] = Field(
        default_factory=list, description="IDs of the lessons that teach the term (P9, G17.1)."
    )

    def name(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.ja


class Glossary(Strict):
    """``curriculum/glossary.yml``."""

    terms: list[Term] = Field(default_factory=list)


EXAMPLE = (
    "terms:\n  - id: loss-function\n    ja: 損失関数\n    en: loss function\n"
    "    reading: そんしつかんすう\n    definition: {ja: …, en: …}\n    lessons: [P9]"
)


def load(
    curriculum_dir: Path, root: Path, lesson_ids: Iterable[str]
) -> tuple[Glossary, list[Problem]]:
    """The glossary (empty when the file is missing or broken) and every problem in it."""
    path = curriculum_dir / GLOSSARY_FILE
    if not path.is_file():
        return Glossary(), []
    display = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Glossary(), [Problem(Location(display), f"cannot read file: {exc}")]
    return load_text(text, display, lesson_ids)


def load_text(text: str, display: str, lesson_ids: Iterable[str]) -> tuple[Glossary, list[Problem]]:
    parsed = parse(text, display)
    if parsed.problems:
        return Glossary(), list(parsed.problems)
    data = parsed.data
    if not isinstance(data, dict):
        found = "nothing" if data is None else describe(data)
        return Glossary(), [
            Problem(
                parsed.source.locate(()),
                f"expected a mapping with 'terms:' at the top level, found {found}",
                "glossary",
                "start with:\n" + EXAMPLE,
            )
        ]
    problems: list[Problem] = []
    model = validate_model(Glossary, data, parsed.source, problems)
    problems = [_with_tree(p, data, parsed.source) for p in problems]
    if not isinstance(model, Glossary):
        return Glossary(), problems
    problems += _rules(model, parsed.source, data, set(lesson_ids))
    return model, problems


def _tree(data: Any, index: int) -> str:
    terms = data.get("terms") if isinstance(data, dict) else None
    item = terms[index] if isinstance(terms, list) and index < len(terms) else None
    name = item.get("ja") or item.get("id") if isinstance(item, dict) else None
    return f"glossary › {name if isinstance(name, str) else f'terms[{index}]'}"


_HINTS = {
    ".id:": "a term's ID is the anchor of its entry: lowercase letters, digits and hyphens, "
    "e.g. id: loss-function",
    ".reading:": "the kana reading of the Japanese term (orders the Japanese glossary), "
    "e.g. reading: そんしつかんすう",
    ".lessons[": "the IDs of the lessons that teach the term, as in the curriculum: [P9, G17.1]",
    ".definition: expected": "a short definition in both languages: {ja: …, en: …}",
    "missing required key": "every term has, for example:\n" + EXAMPLE.split("\n", 1)[1],
}


def _with_tree(problem: Problem, data: Any, source: SourceMap) -> Problem:
    """pydantic's problems name the field; add which term it belongs to (the last term that
    starts before the problem's line) and glossary wording for the hint."""
    index = None
    for i in range(len(data.get("terms") or []) if isinstance(data.get("terms"), list) else 0):
        start = source.values.get(("terms", i))
        if start is not None and start.line <= problem.location.line:
            index = i
    hint = next((h for k, h in _HINTS.items() if k in problem.message), problem.hint)
    if not any(w in problem.message for w in ("not a valid value", "missing", "definition:")):
        hint = problem.hint
    tree = _tree(data, index) if index is not None else "glossary"
    return dataclasses.replace(problem, tree_path=tree, hint=hint)


def _rules(glossary: Glossary, source: SourceMap, data: Any, known: set[str]) -> list[Problem]:
    """Unique anchors and names (a term translated two ways is the problem a glossary solves),
    and lessons that exist in the curriculum."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for i, term in enumerate(glossary.terms):
        for key, value in (("id", term.id), ("ja", term.ja), ("en", term.en.casefold())):
            first = seen.setdefault((key, value), i)
            if first != i:
                where = source.locate(("terms", first, key), key=False)
                problems.append(
                    Problem(
                        source.locate(("terms", i, key), key=False),
                        f"terms[{i}].{key}: {getattr(term, key)!r} is already used by another term "
                        f"(line {where.line})",
                        _tree(data, i),
                        "each term appears once; add another wording to the definition or "
                        "to abbr instead",
                    )
                )
        for j, ident in enumerate(term.lessons):
            if ident not in known:
                close = difflib.get_close_matches(ident, sorted(known), n=1, cutoff=0.6)
                problems.append(
                    Problem(
                        source.locate(("terms", i, "lessons", j), key=False),
                        f"terms[{i}].lessons[{j}]: no lesson {ident!r} in the curriculum",
                        _tree(data, i),
                        (f"did you mean {close[0]!r}? " if close else "")
                        + "list the IDs of lessons or sub-lessons, e.g. lessons: [P9, G17.1]",
                    )
                )
    return problems


# --- ordering and groups of the glossary pages ------------------------------------------------

# First kana of each row of the gojūon table (small kana included), in hiragana.
_ROWS = (("あ", "ぁ"), ("か", "か"), ("さ", "さ"), ("た", "た"), ("な", "な"), ("は", "は"),
         ("ま", "ま"), ("や", "ゃ"), ("ら", "ら"), ("わ", "ゎ"))  # fmt: skip


def hiragana(text: str) -> str:
    """Katakana → hiragana, voiced marks removed (が → か): the order of a Japanese index."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if c not in "\u3099\u309a")
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in plain)


def group(term: Term, lang: Lang) -> str:
    """The index heading of a term: its gojūon row (あ, か, …) or its first letter (A, B, …)."""
    if lang == "ja":
        first = hiragana(term.reading)[:1]
        row = "あ"
        for name, start in _ROWS:
            if first >= start:
                row = name
        return row
    first = unicodedata.normalize("NFKD", term.en)[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def sort_key(term: Term, lang: Lang) -> tuple[str, str]:
    if lang == "ja":
        return (hiragana(term.reading).replace("ー", ""), term.ja)
    return (term.en.casefold(), term.id)
