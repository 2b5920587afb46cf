"""The reader-facing side of translation drift: an English lesson whose Japanese original changed
after it was translated opens with a notice — since when (the date of the Japanese change it has
not caught up with), which sections changed, and a link to the Japanese page. Shown whether or
not the author published it knowingly (``stale_ok``: the reason is for authors, not readers).
"""

from __future__ import annotations

import datetime as dt

from jinja2 import Environment

from nexus_site.content.translations import staleness
from nexus_site.site import urls
from nexus_site.site.catalog import Catalog, Entry
from nexus_site.site.render import PageContext


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
