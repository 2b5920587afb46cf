"""The template context of a page (``nexus`` in the theme's templates), as plain data."""

from __future__ import annotations

from typing import Any

from nexus_site import i18n
from nexus_site.curriculum.model import Lang
from nexus_site.site import feeds, glossary, render, urls
from nexus_site.site.catalog import Catalog


def page(
    url: str, lang: Lang, catalog: Catalog, site_url: str, site_root: str, has_glossary: bool
) -> dict[str, Any]:
    """``nexus`` for the page at site-root-relative ``url``."""
    return {
        "lang": lang,
        "ui": i18n.UI[lang],  # fixed strings of ours, not data
        "disclaimer_url": urls.DISCLAIMER,
        "terms_url": urls.TERMS,
        "glossary": (glossary.URL, glossary.UI[lang]["title"]) if has_glossary else None,
        # The search dialog's cross-language terms (none without a glossary).
        "search_terms": glossary.SEARCH_TERMS if has_glossary else None,  # site-root-relative
        # The series filter of the search dialog: (ID, label).
        "series": [(s.id, s.label.get(lang)) for s in catalog.curriculum.series],
        # Page-relative; None when there is no site_url (no feed: Atom needs absolute IDs).
        "feed_url": urls.relative(url, feeds.FEED) if site_url else None,
        # The learner's progress (assets/javascripts/progress.js): one record per site, under
        # the Japanese root's path, shared by both languages.
        "progress": render.script_json(
            {"root": urls.relative(url, urls.in_language("", lang, "ja")), "lang": lang}
            | {"ui": i18n.progress_strings(lang)}
        ),
        # The same page in each language: relative link for the switcher, absolute for hreflang.
        "alternates": [
            {
                "lang": other,
                "name": name,
                "href": urls.relative(url, urls.in_language(url, lang, other)),
                "absolute": urls.absolute(site_root, other, url),
                "current": other == lang,
            }
            for other, name in (("ja", "日本語"), ("en", "English"))
        ],
    }
