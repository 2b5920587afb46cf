"""The reader's progress control of each sub-lesson a lesson page covers as a section.

A sub-lesson without a page of its own is published as a section of its lesson's page (``## 17.1 …
{#g17-1}``, see site.catalog). Readers mark it done / in progress / not started like a lesson: a
compact control (``macros.track``) is placed right after the section's heading, keyed by the
sub-lesson's ID and carrying its page's last-updated dates. The browser side is
``assets/javascripts/progress.js``; without JavaScript the controls are hidden (nexus.css).
"""

from __future__ import annotations

import re

from jinja2 import Environment

from nexus_site.site import urls
from nexus_site.site.catalog import Catalog, Entry, Status
from nexus_site.site.render import PageContext


def sections(html: str, entry: Entry, catalog: Catalog, env: Environment) -> str:
    """The lesson page's ``html`` with a control after each heading of a section it covers."""
    covered = {
        urls.anchor(e.id): e
        for e in catalog.entries.values()
        if e.status is Status.SECTION and e.page == entry.id
    }
    if not covered or entry.url is None:
        return html
    ctx = PageContext(catalog.lang, entry.url)
    macros = env.get_template("nexus/macros.html").make_module({"page": ctx})
    dates = catalog.dates(entry)
    heading = re.compile(
        r'<h([2-6])\b[^>]*\sid="(' + "|".join(map(re.escape, covered)) + r')"[^>]*>.*?</h\1>', re.S
    )

    def place(match: re.Match[str]) -> str:
        section = covered[match[2]]
        name = ctx.ui["track_section"].format(id=section.id)
        control = macros.track(ctx, section.id, section.id, dates, section=True, name=name)  # type: ignore[attr-defined]
        return match[0] + "\n" + str(control)

    return heading.sub(place, html)
