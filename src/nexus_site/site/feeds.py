"""Atom 1.0 feed of the newest lessons, one per language (``feed.xml`` at each build's root).

Built with :mod:`xml.etree.ElementTree`, never by pasting data into a template: every title and
description is escaped by construction. The document depends only on its inputs (the newest
front-matter ``date`` is the feed's ``updated``, never the clock), so builds are reproducible.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from nexus_site.curriculum.model import Lang
from nexus_site.site.articles import ArticleEntry
from nexus_site.site.catalog import Catalog, Entry

FEED = "feed.xml"
"""The feed's path, relative to the root of its language's build."""

MEDIA_TYPE = "application/atom+xml"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Characters XML 1.0 cannot hold even escaped (YAML's "\x01" can put them into a text).
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Atom requires <updated>; a feed with no published page yet gets a fixed date, not "now".
_EPOCH = dt.date(1970, 1, 1)


def atom(catalog: Catalog, *, site_url: str, site_name: str, lang: Lang, limit: int = 20) -> str:
    """The feed of ``catalog``'s newest published pages (lessons and sub-lessons with a file
    of their own, and the articles of Series F), newest first by front-matter ``date``, ties in
    curriculum order (lessons before articles of the same day).

    ``site_url`` is the absolute root of this language's build (the English one ends in
    ``en/``); every ``id`` and link in the feed is absolute under it.
    """
    if catalog.lang != lang:
        raise ValueError(f"catalog is for {catalog.lang!r}, feed requested for {lang!r}")
    root_url = site_url if site_url.endswith("/") else site_url + "/"
    entries = catalog.latest_all(limit=limit)  # lessons and articles (Series F)
    site = catalog.curriculum.site

    # Unqualified names under a literal default namespace declaration: ElementTree's
    # default_namespace option rejects unqualified attributes (rel, href).
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang})
    _text(feed, "id", root_url + FEED)
    _text(feed, "title", site_name)
    _text(feed, "subtitle", site.hero.tagline.get(lang))
    ET.SubElement(feed, "link", rel="self", type=MEDIA_TYPE, href=root_url + FEED)
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=root_url)
    _text(feed, "updated", _timestamp(max((_date(e) for e in entries), default=_EPOCH)))
    author = ET.SubElement(feed, "author")
    _text(author, "name", site.instructor.name.get(lang))
    _text(author, "uri", root_url)
    for entry in entries:
        if isinstance(entry, ArticleEntry):
            _article(feed, entry, root_url, lang)
        else:
            _entry(feed, entry, root_url, lang)

    ET.indent(feed, space="  ")
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def _entry(feed: ET.Element, entry: Entry, root_url: str, lang: Lang) -> None:
    assert entry.url is not None and entry.file is not None  # a published page
    url = root_url + entry.url
    element = ET.SubElement(feed, "entry")
    _text(element, "id", url)
    title = entry.node.title
    # An untranslated title falls back to Japanese (Text.get): say so to readers and tools.
    _text(element, "title", f"{entry.id}: {title.get(lang)}", None if title.has(lang) else "ja")
    ET.SubElement(element, "link", rel="alternate", type="text/html", href=url)
    stamp = _timestamp(_date(entry))
    _text(element, "published", stamp)
    _text(element, "updated", stamp)
    description = entry.file.front.description
    if description:
        # An untranslated lesson keeps its Japanese description on the English site.
        _text(element, "summary", description, entry.file.lang if entry.fallback else None)
    series = entry.series
    label = _clean(f"{series.id}: {series.label.get(lang)}")
    ET.SubElement(element, "category", term=series.id, label=label)


def _article(feed: ET.Element, entry: ArticleEntry, root_url: str, lang: Lang) -> None:
    url = root_url + entry.url
    element = ET.SubElement(feed, "entry")
    _text(element, "id", url)
    # An untranslated article keeps its Japanese title and description: say so.
    original = entry.file.lang if entry.fallback else None
    _text(element, "title", entry.title, original)
    ET.SubElement(element, "link", rel="alternate", type="text/html", href=url)
    _text(element, "published", _timestamp(entry.date))
    _text(element, "updated", _timestamp(entry.updated or entry.date))
    if entry.description:
        _text(element, "summary", entry.description, original)
    for author in entry.file.front.authors:
        _text(ET.SubElement(element, "author"), "name", author)
    series = entry.series
    label = _clean(f"{series.id}: {series.label.get(lang)}")
    ET.SubElement(element, "category", term=series.id, label=label)


def _text(parent: ET.Element, name: str, text: str, xml_lang: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, name, {XML_LANG: xml_lang} if xml_lang else {})
    element.text = _clean(text)
    return element


def _clean(text: str) -> str:
    return _NOT_XML_CHAR.sub("", text)


def _date(entry: Entry | ArticleEntry) -> dt.date:
    if isinstance(entry, ArticleEntry):
        return entry.updated or entry.date
    assert entry.file is not None
    return entry.file.front.date


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"
