"""The strict build's verdict on the author's files, without building: one implementation.

:func:`page` is what the build runs on each Markdown page of ``content/`` (``SiteBuild.markdown``)
and what :func:`check` runs on every page of both languages, so ``nexus-site check`` and the
strict CI build reject the same things:

* ``nexus:`` links: unknown IDs (errors); links to lessons in preparation are *allowed* — they
  render as plain text marked 準備中 and go live when the file exists (a note), with an anchor
  too; an anchor the target lesson page does not have (``nexus:P15#lstm``) is an error
  (:mod:`nexus_site.site.anchors`, the target as shown in the page's language);
* images and files a page references by relative path that do not exist (errors);
* the silent mistakes of :mod:`nexus_site.site.lint` (warnings: the strict build fails on them).

Problems of the curriculum and the content index (stale translations, …) come from
:func:`nexus_site.project.check`, which both call first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from nexus_site import project
from nexus_site.content.files import AnyFile, Content
from nexus_site.content.frontmatter import front_matter_lines
from nexus_site.curriculum.model import Lang
from nexus_site.errors import Location, Problem, display_path
from nexus_site.site import links, lint
from nexus_site.site.anchors import Anchors
from nexus_site.site.catalog import Catalog

# ![alt](path "title") and [text](path), and <img src="path">: what a page references.
_REFERENCE = re.compile(r"(?P<image>!?)\[[^\]\n]*\]\(\s*<?(?P<target>[^)\s>]+)>?[^)\n]*\)")
_IMG_SRC = re.compile(r"<(?:img|source)\b[^>]*?\bsrc\s*=\s*[\"'](?P<target>[^\"']+)[\"']", re.I)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|/|#)")


def page(
    markdown: str,
    *,
    src_uri: str,
    page_url: str,
    catalog: Catalog,
    lang: Lang,
    src: str,
    line_offset: int,
    lesson: bool,
    anchors: Anchors,
) -> tuple[str, list[Problem]]:
    """A Markdown page's text with its ``nexus:`` links resolved, and every problem in it.
    ``src_uri``: the file's path in content/; ``src``: as shown to the author; ``line_offset``:
    lines of front matter before ``markdown``; ``anchors``: of the build's pages (``catalog``)."""
    problems: list[Problem] = []
    if "nexus:" in markdown:
        markdown_out, problems = links.resolve_links(
            markdown,
            page_url=page_url,
            catalog=catalog,
            lang=lang,
            src=src,
            line_offset=line_offset,
            anchor_problem=anchors.problem,
        )
    else:
        markdown_out = markdown
    if catalog.content_dir is not None:
        folder = catalog.content_dir / PurePosixPath(src_uri).parent
        problems += missing_files(markdown, folder, src=src, line_offset=line_offset)
    if lesson:
        problems += lint.lesson(markdown, catalog, src=src, line_offset=line_offset)
    return markdown_out, problems


def missing_files(markdown: str, folder: Path, *, src: str, line_offset: int) -> list[Problem]:
    """Images and files referenced by a relative path that does not exist (not in code)."""
    text = lint.prose(markdown)
    problems: list[Problem] = []
    found = [(m.start("target"), m["target"], bool(m["image"])) for m in _REFERENCE.finditer(text)]
    found += [(m.start("target"), m["target"], True) for m in _IMG_SRC.finditer(text)]
    for offset, target, image in sorted(found):
        path = target.split("#")[0].split("?")[0]
        if not path or _EXTERNAL.match(target):
            continue
        if not image and not PurePosixPath(path).suffix:
            continue  # a link to a page (../p/): MkDocs resolves those
        if path.endswith((".md", ".ipynb")) or (folder / path).exists():
            continue
        line = markdown.count("\n", 0, offset) + 1
        column = offset - (markdown.rfind("\n", 0, offset) + 1) + 1
        similar = _similar(folder, path)
        kind = "image" if image else "file"
        problems.append(
            Problem(
                Location(src, line + line_offset, column),
                f"{kind} not found: {path}",
                hint=(f"did you mean {similar}? " if similar else "")
                + f"paths are relative to the lesson's folder ({folder.name}/); "
                "put the file there and check the spelling and upper/lower case",
            )
        )
    return problems


def _similar(folder: Path, path: str) -> str:
    parent = (folder / path).parent
    if not parent.is_dir():
        return ""
    name = PurePosixPath(path).name.lower()
    for candidate in sorted(parent.iterdir()):
        if candidate.name.lower() == name:
            return str(PurePosixPath(path).parent / candidate.name).removeprefix("./")
    return ""


def check(root: Path, *, curriculum: str = "curriculum", content: str = "content") -> list[Problem]:
    """Every problem the strict build of both languages would report, without building."""
    content_dir = root / content
    loaded, problems = project.check(root / curriculum, content_dir, root=root)
    if loaded is None:
        return problems
    seen = {p.format() for p in problems}
    for lang in ("ja", "en"):
        catalog = Catalog(loaded.curriculum, loaded.content, lang, content_dir)
        anchors = Anchors(catalog, root)
        for src_uri, is_lesson, fallback in _shown(loaded.content, lang):
            path = content_dir / src_uri
            source = path.read_text(encoding="utf-8")
            offset = front_matter_lines(source)
            body = "\n".join(source.split("\n")[offset:])
            _, found = page(
                body,
                src_uri=src_uri,
                page_url=PurePosixPath(src_uri).with_suffix("").as_posix() + "/",
                catalog=catalog,
                lang=lang,
                src=display_path(path, root),
                line_offset=offset,
                lesson=is_lesson,
                anchors=anchors,
            )
            for problem in found:
                if fallback and problem.severity == "note":
                    continue  # the Japanese pass listed it (with the Japanese title)
                if problem.format() not in seen:
                    seen.add(problem.format())
                    problems.append(problem)
    return problems


def _shown(content: Content, lang: Lang) -> list[tuple[str, bool, bool]]:
    """(path in content/, is a lesson, is a Japanese original standing in for a translation)
    of each Markdown page the ``lang`` build shows: lessons, site pages, articles (not drafts:
    the strict build leaves them out). A fallback page has the problems of its Japanese pass,
    except that its ``#anchors`` name the pages of ``lang`` (translations have their own
    headings)."""
    lessons = [(f.src_uri, True, (f.id, lang)) for f in content.lessons.values() if f.kind == "md"]
    pages = [(f.src_uri, False, (f.id, lang)) for f in content.pages.values()]
    articles = [
        (f.src_uri, False, (key, lang))
        for (key, _), f in content.articles.items()
        if (original := content.articles.get((key, "ja"))) is not None and not original.front.draft
    ]
    own: tuple[Mapping[tuple[str, Lang], AnyFile], ...] = (
        content.lessons,
        content.pages,
        content.articles,
    )
    shown: list[tuple[str, bool, bool]] = []
    for files, by_key in zip((lessons, pages, articles), own, strict=True):
        for src_uri, is_lesson, key in files:
            mine = by_key.get(key)
            if mine is not None and mine.src_uri == src_uri:
                shown.append((src_uri, is_lesson, False))
            elif mine is None and lang != "ja":
                shown.append((src_uri, is_lesson, True))
    return shown
