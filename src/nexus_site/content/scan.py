"""The ``content/`` folder: which lessons are published, their front matter, and orphans.

A lesson is *published* when ``content/<series>/<id>.md`` (or ``.ipynb``) exists, IDs lowercased:
``content/p/p15.md``, ``content/p/p15.2.md``. ``<id>.en.md`` is the English translation. Other files
(images, data) may sit anywhere and are copied as they are.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from nexus_site.content import blocks, plots, translations
from nexus_site.content.articles import article_series, scan_articles
from nexus_site.content.files import LESSON_SUFFIXES, Content, LessonFile, PageFile
from nexus_site.content.frontmatter import (
    PageFrontMatter,
    front_matter_lines,
    read_front,
    read_front_matter,
)
from nexus_site.curriculum import rules
from nexus_site.curriculum.model import Curriculum, Lang, walk
from nexus_site.errors import Location, Problem, display_path


def scan(
    curriculum: Curriculum,
    content_dir: Path,
    *,
    root: Path | None = None,
    skip: frozenset[str] = frozenset(),
) -> Content:
    """Find every lesson file; report orphans, misplaced files and bad front matter. Files of
    the series in ``skip`` (whose curriculum file is broken) are passed over."""
    found = _Scan(curriculum, content_dir, root)
    if not content_dir.is_dir():
        return Content({}, [], {})
    article_paths: list[tuple[Path, Path]] = []  # files in the folders of article series
    folders = article_series(curriculum)
    for path in sorted(content_dir.rglob("*")):
        if not path.is_file() or path.suffix not in LESSON_SUFFIXES:
            continue
        rel = path.relative_to(content_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue  # .ipynb_checkpoints and other hidden files
        if rel.parts[0].upper() in skip:
            continue  # its series file is broken: that error is enough
        if len(rel.parts) > 1 and rel.parts[0] in folders:
            article_paths.append((path, rel))
            continue
        found.add(path, rel)
    problems = found.problems
    articles, article_problems = scan_articles(curriculum, article_paths, root)
    problems += article_problems
    problems += translations.problems(found.lessons, content_dir, root)
    problems += translations.problems(found.pages, content_dir, root)
    problems += translations.problems(articles, content_dir, root)
    problems += _missing_site_pages(curriculum, found.pages, problems, content_dir, root)
    return Content(found.lessons, problems, found.pages, articles)


@dataclass
class _Scan:
    curriculum: Curriculum
    content_dir: Path
    root: Path | None
    lessons: dict[tuple[str, Lang], LessonFile] = field(default_factory=dict)
    pages: dict[tuple[str, Lang], PageFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.owner: dict[str, str] = {}  # lesson or series id (lowercase) -> series id
        self.ids: dict[str, str] = {}  # lesson id (lowercase) -> lesson id
        for series in self.curriculum.series:
            self.owner[series.id.lower()] = series.id
            for node, _depth in walk(series):
                self.owner[node.id.lower()] = series.id
                self.ids[node.id.lower()] = node.id
        self.page_ids = {p.id for p in self.curriculum.site.pages}
        # Files named after what a misnamed lesson should be (b1.md while b.yml says D1): the
        # curriculum's error says what to fix; no second error about the file.
        self.meant = {i.lower() for s in self.curriculum.series for i in rules.meant_ids(s)}
        self.guard_root = self.root or self.content_dir.parent  # no link leaves the project

    def add(self, path: Path, rel: Path) -> None:
        display = display_path(path, self.root)
        if path.suffix == ".md":
            self._check_blocks(path, display)
        elif path.suffix == ".ipynb":
            self.problems += plots.problems(path, display)
        stem = path.name[: -len(path.suffix)]
        lang: Lang = "ja"
        if stem.endswith(".en"):
            stem, lang = stem[:-3], "en"
        if len(rel.parts) == 1 and stem in self.page_ids and path.suffix == ".md":
            front = read_front(path, display, self.problems, PageFrontMatter, root=self.guard_root)
            if front is not None:
                self.pages[(stem, lang)] = PageFile(
                    stem, lang, rel.as_posix(), front.source_hash,
                    front.source_sections, front.stale_ok,
                )  # fmt: skip
            return
        series_id = self._placed(stem.lower(), path, rel, display)
        if series_id is None:
            return
        ident = self.ids[stem.lower()]
        if (ident, lang) in self.lessons:
            other = self.lessons[(ident, lang)].src_uri
            self.problems.append(
                Problem(
                    Location(display),
                    f"{ident} has two files: {other} and {rel.as_posix()}",
                    hint="keep one: a lesson is either Markdown or a notebook",
                )
            )
            return
        front_matter = read_front_matter(path, display, self.problems, root=self.guard_root)
        if front_matter is not None:
            self.lessons[(ident, lang)] = LessonFile(
                ident, series_id, lang, rel.as_posix(), path.suffix[1:], front_matter
            )

    def _check_blocks(self, path: Path, display: str) -> None:
        """Figures and quizzes (``/// figure``, ``/// quiz``): parameters and structure."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return  # read_front_matter reports it
        if "///" not in text:
            return
        offset = front_matter_lines(text)
        body = "\n".join(text.split("\n")[offset:])
        self.problems += blocks.parse(body, display, line_offset=offset)[1]

    def _placed(self, key: str, path: Path, rel: Path, display: str) -> str | None:
        """The series of the lesson ``key``, if the file names a lesson and sits in its folder."""
        series_id = self.owner.get(key)
        if series_id is None and key in self.meant:
            return None
        if series_id is None or key == series_id.lower():
            lesson_keys = [k for k, sid in self.owner.items() if k != sid.lower()]
            close = difflib.get_close_matches(key, lesson_keys, n=3, cutoff=0.6)
            hint = (
                "did you mean " + " or ".join(f"{c}{path.suffix}" for c in close) + "? "
                if close
                else ""
            )
            self.problems.append(
                Problem(
                    Location(display),
                    f"{rel.as_posix()} matches no lesson in the curriculum",
                    hint=hint + "lesson files are named by ID (content/p/p15.md); add the lesson "
                    "to curriculum/<series>.yml first, or remove the file",
                )
            )
            return None
        expected_dir = series_id.lower()
        if rel.parent.as_posix() != expected_dir:
            self.problems.append(
                Problem(
                    Location(display),
                    f"{key.upper()} belongs to series {series_id}",
                    hint=f"move the file to content/{expected_dir}/{path.name}",
                )
            )
            return None
        return series_id


def _missing_site_pages(
    curriculum: Curriculum,
    pages: dict[tuple[str, Lang], PageFile],
    problems: list[Problem],
    content_dir: Path,
    root: Path | None,
) -> list[Problem]:
    missing: list[Problem] = []
    for page in curriculum.site.pages:
        if (page.id, "ja") not in pages and not any(
            p.location.file.endswith(f"{page.id}.md") for p in problems
        ):
            missing.append(
                Problem(
                    Location(display_path(content_dir / f"{page.id}.md", root)),
                    f"site page {page.id!r} has no file",
                    "site › pages",
                    f"create content/{page.id}.md, or remove {page.id!r} from pages in curriculum/site.yml",
                    severity="note",  # the site builds without it; the page is simply left out
                )
            )
    return missing
