"""The curriculum model: plain pydantic classes, no MkDocs.

One YAML file per series (``curriculum/p.yml``) and one site file (``curriculum/site.yml``)
load into these classes. The JSON Schema in ``curriculum/*.schema.json`` is generated from them
(:mod:`nexus_site.schema`), so the editor, the loader and the docs can never disagree.

Every human-readable text is a :class:`Text`: Japanese first (required, non-empty), English
second (optional; missing English shows in ``nexus-site stats`` and falls back to Japanese).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SeriesId = Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
LessonId = Annotated[str, StringConstraints(pattern=r"^[A-Z][0-9]+(\.[0-9]+)*$")]
PartId = Annotated[str, StringConstraints(pattern=r"^(0|[IVX]+)$")]


class Strict(BaseModel):
    """Unknown keys are errors (with a "did you mean"), and models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(Strict):
    """A text in both languages. ``ja`` is required; ``en`` may be missing (not yet translated)."""

    ja: NonEmpty = Field(description="Japanese text (required).")
    en: NonEmpty | None = Field(default=None, description="English text, written by us.")

    def get(self, lang: Lang) -> str:
        """The text in ``lang``, falling back to Japanese."""
        return (self.en or self.ja) if lang == "en" else self.ja

    def has(self, lang: Lang) -> bool:
        return bool(self.ja if lang == "ja" else self.en)


class SubLesson(Strict):
    """A deep dive (``P15.2``) or a deeper one (``E2.3.1``)."""

    id: LessonId = Field(description="Parent ID + '.' + number, e.g. P15.2 under P15.")
    title: Text
    label: Text | None = Field(default=None, description="Short label for the mind map.")
    note: Text | None = Field(default=None, description="One-line note shown under the title.")
    children: list[SubLesson] = Field(default_factory=list)

    @property
    def short(self) -> Text:
        return self.label or self.title


class Lesson(Strict):
    """A numbered lesson (第N回): the digest of a topic."""

    id: LessonId = Field(description="Series ID + number, e.g. P15.")
    number: int = Field(ge=0, description="The N of 第N回; increasing within a series.")
    ongoing: bool = Field(
        default=False, description="Shown as 第N回〜: a lesson that keeps growing (G19)."
    )
    title: Text
    label: Text | None = Field(default=None, description="Short label for the mind map.")
    note: Text | None = Field(default=None, description="One-line note shown under the title.")
    children: list[SubLesson] = Field(default_factory=list)

    @property
    def short(self) -> Text:
        return self.label or self.title


class Part(Strict):
    """第N部: a group of lessons with a heading and an optional description."""

    id: PartId = Field(description="Roman numeral (I, II, …) or 0: rendered as 第I部 / Part I.")
    title: Text
    label: Text | None = Field(default=None, description="Short label for the mind map.")
    description: Text | None = None
    lessons: list[Lesson] = Field(default_factory=list)

    @property
    def short(self) -> Text:
        return self.label or self.title


class Overview(Strict):
    """The overview table of a series. Values are Markdown (paragraphs and lists only)."""

    summary: Text | None = Field(default=None, description="コース概要 / Course overview")
    audience: Text | None = Field(default=None, description="対象者 / Who it is for")
    objectives: Text | None = Field(
        default=None, description="目的と学習目標 / Purpose and learning objectives"
    )
    goal: Text | None = Field(default=None, description="最終的なゴール / Final goal")


class Purpose(Strict):
    """💡 目的: a purpose line and bullets (series without an overview table)."""

    text: Text
    bullets: list[Text] = Field(default_factory=list)


class SubSeries(Strict):
    """A sub-series (X1–X5): listed on its parent series, no lessons yet."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Z][0-9]+$")]
    title: Text
    label: Text | None = None


TagId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Tag(Strict):
    """A tag of an articles series: its ID (in front matter and the tag page's URL) and label."""

    id: TagId = Field(description="Lowercase letters, digits and hyphens: regulation, llm.")
    label: Text


SeriesKind = Literal["course", "articles"]
COURSE_FIELDS = ("parts", "subseries")
ARTICLE_FIELDS = ("tags",)


class Series(Strict):
    """One series: ``curriculum/<id lowercase>.yml``. A *course* (the default) has parts of
    numbered lessons; an *articles* series (F) is a stream of dated articles in
    ``content/<id>/`` and has tags instead of parts."""

    id: SeriesId
    kind: SeriesKind = Field(
        default="course",
        description="course: parts and numbered lessons; articles: dated articles "
        "(content/<id>/<slug>.md) with tags.",
    )
    title: Text = Field(description="Full title; `en` is the series' English title.")
    label: Text = Field(description="Short name for cards, nav and the mind map root.")
    summary: Text | None = Field(default=None, description="One line for the series card.")
    intro: Text | None = Field(default=None, description="Introductory Markdown paragraph(s).")
    overview: Overview | None = None
    purpose: Purpose | None = None
    parts: list[Part] = Field(default_factory=list)
    subseries: list[SubSeries] = Field(default_factory=list)
    tags: list[Tag] = Field(
        default_factory=list, description="Articles series: the tags its articles may use."
    )

    @property
    def articles(self) -> bool:
        return self.kind == "articles"

    @property
    def slug(self) -> str:
        return self.id.lower()

    def lessons(self) -> Iterator[Lesson]:
        for part in self.parts:
            yield from part.lessons


# --- site-level file --------------------------------------------------------------------------


class Problem(Strict):
    """A row of the home page's "your worry → our answer" table."""

    worry: Text
    worry_detail: Text | None = None
    answer: Text
    answer_detail: Text | None = None
    series: list[SeriesId] = Field(default_factory=list, description="Series that answer it.")


class Step(Strict):
    title: Text
    body: Text = Field(description="Markdown.")


class Instructor(Strict):
    name: Text
    credentials: str = Field(description="Post-nominal letters, e.g. MD, PhD.")
    role: Text | None = None
    bio: Text = Field(description="Markdown.")


class Clause(Strict):
    """One heading + body of the disclaimer or the terms of use."""

    heading: Text
    body: Text = Field(description="Markdown.")


class Hero(Strict):
    motto: NonEmpty = Field(description="The line above the site name (Data heals tomorrow).")
    tagline: Text
    lead: Text = Field(description="Markdown: the hero paragraphs.")
    call: Text | None = Field(default=None, description="Closing line of the hero (call to join).")


ContactUrl = Annotated[
    str,
    StringConstraints(
        pattern=r"^(https://[^\s<>\"]+|mailto:[^\s@<>\"]+@[^\s@<>\"]+\.[^\s@<>\"]+)$"
    ),
]


class Contact(Strict):
    heading: Text
    body: Text
    url: ContactUrl | None = Field(
        default=None,
        description=(
            "Where the call to action leads: an https:// address (a form, a page) or "
            "mailto:name@example.org. Without it the section has no button."
        ),
    )
    button: Text | None = Field(
        default=None, description="The button's text (default: お問い合わせ / Get in touch)."
    )


class Legal(Strict):
    title: Text
    intro: Text | None = None
    clauses: list[Clause]


class SitePage(Strict):
    """A page of the site outside the curriculum (the author guide): ``content/<id>.md``, its
    English version ``content/<id>.en.md``; served at ``/<id>/`` and listed at the end of the nav."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{2,}$")] = Field(
        description="File name and URL: lowercase letters, digits and hyphens (guide → /guide/)."
    )
    title: Text


class Site(Strict):
    """``curriculum/site.yml``: everything that is not a series."""

    name: NonEmpty = Field(description="Site name, the same in both languages.")
    hero: Hero
    series_order: list[SeriesId] = Field(description="Every series ID, in menu order.")
    problems: list[Problem] = Field(default_factory=list)
    how_to_use: list[Step] = Field(default_factory=list)
    mindmap_help: list[Text] = Field(default_factory=list)
    instructor: Instructor
    contact: Contact | None = None
    rename_note: Text | None = None
    disclaimer: Legal
    terms: Legal
    pages: list[SitePage] = Field(default_factory=list, description="Pages outside the curriculum.")


class Curriculum(BaseModel):
    """The loaded, validated whole. Not a file: built by :func:`nexus_site.curriculum.loader.load`."""

    model_config = ConfigDict(frozen=True)

    site: Site
    series: list[Series]

    def series_by_id(self, series_id: str) -> Series:
        for s in self.series:
            if s.id == series_id:
                return s
        raise KeyError(series_id)


def walk(series: Series) -> Iterator[tuple[Lesson | SubLesson, int]]:
    """Every lesson and sub-lesson of a series with its depth (1 = lesson), in curriculum order."""

    def down(node: Lesson | SubLesson, depth: int) -> Iterator[tuple[Lesson | SubLesson, int]]:
        yield node, depth
        for child in node.children:
            yield from down(child, depth + 1)

    for lesson in series.lessons():
        yield from down(lesson, 1)
