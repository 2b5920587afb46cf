"""The site navigation: home, then per series its overview page and every part, with its published
pages, in curriculum order (a part with none yet links to its place on the series page, marked
as in preparation: the sidebar shows the whole course, not only what is written). Returned in MkDocs' ``nav`` config shape (plain lists and dicts of
titles → source paths), which any other tool can read as well."""

from __future__ import annotations

from html import escape
from typing import Any

from nexus_site.i18n import UI, part_number
from nexus_site.site import urls
from nexus_site.site.catalog import Catalog, Status


def build(catalog: Catalog) -> list[Any]:
    lang = catalog.lang
    nav: list[Any] = [{UI[lang]["home"]: urls.src_uri(urls.HOME)}]
    pages = catalog.published_pages()
    for series in catalog.curriculum.series:
        section: list[Any] = [urls.src_uri(urls.series_url(series.id))]
        for part in series.parts:
            in_part = [
                {escape(f"{e.id} {e.node.short.get(lang)}"): e.file.build_uri}
                for e in pages
                if e.part is part and e.status is Status.PAGE and e.file is not None
            ]
            title = escape(f"{part_number(lang, part.id)} {part.short.get(lang)}")
            if in_part:
                section.append({title: in_part})
            else:
                soon = f' <span class="nx-nav-soon">{escape(UI[lang]["preparing"])}</span>'
                section.append(
                    {title + soon: f"{urls.series_url(series.id)}#part-{part.id.lower()}"}
                )
        # Titles are escaped: MkDocs themes render nav titles without autoescape.
        nav.append({escape(f"{series.id}: {series.label.get(lang)}"): section})
    for page in catalog.curriculum.site.pages:
        if (page.id, "ja") not in catalog.content.pages:
            continue  # no file yet: left out
        nav.append({escape(page.title.get(lang)): f"{page.id}.md"})
    return nav
