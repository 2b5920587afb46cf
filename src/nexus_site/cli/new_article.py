"""``nexus-site new F --slug SLUG``: start an article of a series of kind *articles*.

Writes ``content/<series>/<slug>.md`` dated today (``draft: true``: the author previews it with
``scripts/serve`` and deletes that line to publish), or with ``--lang en`` the English stub
``<slug>.en.md`` of an existing article. Never overwrites (:class:`ScaffoldError`).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from nexus_site.cli.scaffold import ScaffoldError, _environment
from nexus_site.content.articles import RESERVED, SLUG, ArticleFrontMatter
from nexus_site.content.frontmatter import read_front
from nexus_site.content.translations import file_hash
from nexus_site.curriculum.model import Curriculum, Lang, Series
from nexus_site.errors import Problem, display_path

DESCRIPTION = {
    "ja": "この記事の内容を一文で書きます(一覧・検索・フィードに表示されます)。",
    "en": "One sentence on what this article is about (shown in lists, search and the feed).",
}


def articles_series(curriculum: Curriculum, ident: str) -> Series | None:
    key = ident.strip().upper()
    return next((s for s in curriculum.series if s.id == key and s.articles), None)


def new_article(
    series: Series, content_dir: Path, slug: str | None, *, lang: Lang, today: date
) -> Path:
    """Create the article ``slug`` of ``series``; return its path."""
    if not slug:
        raise ScaffoldError(
            f"series {series.id} is a series of articles: name the new one",
            f"nexus-site new {series.id} --slug fedavg-regulation (lowercase letters, digits "
            "and hyphens; the URL becomes " + f"{series.slug}/fedavg-regulation/)",
        )
    if not SLUG.fullmatch(slug) or slug in RESERVED:
        raise ScaffoldError(
            f"{slug!r} cannot be the slug of an article",
            "use lowercase letters, digits and hyphens, e.g. fedavg-regulation; "
            f"{', '.join(RESERVED)} are taken by the series' own pages",
        )
    root = content_dir.parent
    folder = content_dir / series.slug
    original = folder / f"{slug}.md"
    target = folder / f"{slug}.en.md" if lang == "en" else original
    shown = display_path(target, root)
    context = {
        "lang": lang,
        "series": series.id,
        "path": shown,
        "url": f"{series.slug}/{slug}/",
        "tags": ", ".join(t.id for t in series.tags) or "(none yet)",
        "description": DESCRIPTION[lang],
        "date": today.isoformat(),
        "title": "タイトル" if lang == "ja" else "Title",
        "front_tags": "[]",
        "front_authors": "[]",
        "front_related": "[]",
    }
    if lang == "en":
        if not original.is_file():
            raise ScaffoldError(
                f"{display_path(original, root)} does not exist",
                f"write the Japanese article first: nexus-site new {series.id} --slug {slug}",
            )
        problems: list[Problem] = []
        front = read_front(original, display_path(original, root), problems, ArticleFrontMatter)
        if front is None:
            raise ScaffoldError(
                f"{display_path(original, root)} has problems", "run nexus-site check first"
            )
        context |= {
            "source": display_path(original, root),
            "source_hash": file_hash(original),
            "date": front.date.isoformat(),
            "title": front.title,
            "front_tags": json.dumps(front.tags, ensure_ascii=False),
            "front_authors": json.dumps(front.authors, ensure_ascii=False),
            "front_related": json.dumps(front.related, ensure_ascii=False),
        }
    env = _environment()
    env.filters["json_text"] = lambda text: json.dumps(str(text), ensure_ascii=False)
    text = env.get_template("nexus/new_article.md").render(context)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{shown} already exists",
            f"nexus-site new never overwrites an article: edit {shown}, or choose another slug",
        ) from None
    return target
