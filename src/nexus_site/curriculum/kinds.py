"""Rules of the two kinds of series: a *course* (parts of numbered lessons) and an *articles*
series (dated articles with tags, Series F). A field of one kind in a series of the other is a
located problem; so is a tag listed twice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nexus_site.curriculum.model import ARTICLE_FIELDS, COURSE_FIELDS, Series
from nexus_site.errors import Problem

if TYPE_CHECKING:
    from nexus_site.curriculum.validation import Loaded


def kind_rules(series: list[tuple[Series, Loaded]]) -> list[Problem]:
    problems: list[Problem] = []
    for s, loaded in series:
        data = loaded.data if isinstance(loaded.data, dict) else {}
        wrong = COURSE_FIELDS if s.articles else ARTICLE_FIELDS
        for key in wrong:
            if key in data:
                problems.append(_wrong_field(s, loaded, key))
        seen: set[str] = set()
        for i, tag in enumerate(s.tags):
            if tag.id in seen:
                problems.append(
                    Problem(
                        loaded.source.locate(("tags", i, "id"), key=False),
                        f"tag {tag.id!r} is listed twice",
                        f"{s.id} › tags › {tag.id}",
                        "list each tag once; articles name tags by this ID",
                    )
                )
            seen.add(tag.id)
    return problems


def _wrong_field(s: Series, loaded: Loaded, key: str) -> Problem:
    if s.articles:
        hint = (
            f"series {s.id} is 'kind: articles': its pages are the dated articles in "
            f"content/{s.slug}/, not parts of lessons; remove {key!r}, or remove 'kind: articles' "
            "to make it a course"
        )
        what = f"{key!r} belongs to a course, but series {s.id} is a series of articles"
    else:
        hint = (
            f"tags belong to a series of articles: add 'kind: articles' to series {s.id} "
            f"(and remove its parts), or remove {key!r}"
        )
        what = f"{key!r} belongs to a series of articles, but series {s.id} is a course"
    return Problem(loaded.source.locate((key,)), what, s.id, hint)
