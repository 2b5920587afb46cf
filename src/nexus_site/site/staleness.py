"""The reader-facing side of translation drift: an English lesson whose Japanese original changed
after it was translated opens with a notice — since when (the date of the Japanese change it has
not caught up with), which sections changed, and a link to the Japanese page. Shown whether or
not the author published it knowingly (``stale_ok``: the reason is for authors, not readers).

:func:`state` gives the same verdict to the English mind map's translation overlay.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from jinja2 import Environment

from nexus_site.content.translations import staleness
from nexus_site.site import urls
from nexus_site.site.catalog import Catalog, Entry
from nexus_site.site.render import PageContext

Translation = Literal["translated", "ja", "stale"]


def state(entry: Entry, catalog: Catalog) -> Translation | None:
    """On the English site, how the page showing ``entry`` (its own, or the lesson page covering
    a section) reads: translated, in Japanese only, or translated but behind its Japanese
    original. None on the Japanese site and for a node in preparation."""
    if catalog.lang == "ja" or entry.page is None:
        return None
    if entry.fallback:
        return "ja"
    file = catalog.content.lessons.get((entry.page, catalog.lang))
    original = catalog.content.lessons.get((entry.page, "ja"))
    if file is None or original is None or catalog.content_dir is None:
        return "translated"
    return "stale" if staleness(file, original, catalog.content_dir) else "translated"


def notice(entry: Entry, catalog: Catalog, env: Environment) -> str:
    """The notice's HTML for the lesson page of ``entry`` ("" when it is current)."""
    lang = catalog.lang
    if lang == "ja" or entry.fallback or entry.file is None or entry.url is None:
        return ""
    original = catalog.content.lessons.get((entry.id, "ja"))
    if original is None or catalog.content_dir is None:
        return ""
    stale = staleness(entry.file, original, catalog.content_dir)
    if stale is None:
        return ""
    changed: dt.date = catalog.updated.get(original.src_uri, original.front.date)
    ctx = PageContext(lang, entry.url)
    return env.get_template("nexus/stale_notice.html").render(
        page=ctx,
        date=changed,
        date_text=f"{changed.day} {changed.strftime('%B')} {changed.year}",
        sections=stale.sections,
        original_url=urls.relative(entry.url, urls.in_language(entry.url, lang, "ja")),
    )
