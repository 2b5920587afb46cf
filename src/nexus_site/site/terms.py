"""Glossary terms in lessons: the first use of each term on a page becomes a toggletip.

The term turns into a button (reachable by keyboard and touch) that shows the term's short
definition and a link to its glossary entry: on hover and focus without JavaScript, and with
``glossary/terms.js`` by click or tap, Escape closing it. Screen readers get the definition as
the button's description. Never inside links, buttons, headings, code, math, diagrams or SVG.
Authors opt out per page with ``glossary: false`` in the front matter.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterable

from nexus_site.curriculum.glossary import Term
from nexus_site.curriculum.model import Lang
from nexus_site.site import glossary as glossary_page
from nexus_site.site import urls
from nexus_site.site.catalog import Entry

_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
SKIP_TAGS = frozenset(
    ("a", "button", "code", "pre", "kbd", "samp", "script", "style", "svg", "math", "textarea",
     "select", "label", "summary", "dfn", "abbr", "title", "template", "iframe",
     "h1", "h2", "h3", "h4", "h5", "h6")
)  # fmt: skip
VOID = frozenset(("br", "img", "hr", "input", "meta", "link", "source", "wbr"))
SKIP_CLASSES = re.compile(
    r'class="[^"]*\b(arithmatex|katex|mermaid|highlight|jp-OutputArea|'
    r"admonition-title|nx-term|nx-glossary|footnote)\b"
)


def _pattern(terms: Iterable[Term], body_lang: Lang) -> re.Pattern[str] | None:
    names = sorted({htmllib.escape(t.name(body_lang), quote=False) for t in terms}, key=len)
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in reversed(names))  # longest first
    if body_lang == "en":  # whole words only, any case
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    return re.compile(f"(?:{alternatives})")


def annotate(
    html: str,
    terms: Iterable[Term],
    *,
    body_lang: Lang,
    lang: Lang,
    glossary_href: str,
    see: str,
) -> str:
    """``html`` with the first use of each term marked. ``body_lang``: the language the page's
    text is in (Japanese on an English page without a translation); ``lang``: the reader's."""
    terms = list(terms)
    by_name = {t.name(body_lang).casefold(): t for t in terms}
    pattern = _pattern(terms, body_lang)
    if pattern is None:
        return html
    done: set[str] = set()
    out: list[str] = []
    skipping: list[str] = []  # the tag we skip inside, repeated once per nested same tag
    position = 0
    for match in _TOKEN.finditer(html):
        text = html[position : match.start()]
        out.append(
            text if skipping else _mark(text, pattern, by_name, done, lang, glossary_href, see)
        )
        token = match.group(0)
        out.append(token)
        position = match.end()
        tag = _TAG.fullmatch(token)
        if tag is None or token.endswith("/>"):
            continue
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if skipping:
            if name == skipping[0]:
                if closing:
                    skipping.pop()
                else:
                    skipping.append(name)
        elif (
            not closing
            and name not in VOID
            and (name in SKIP_TAGS or SKIP_CLASSES.search(tag.group(3)))
        ):
            skipping.append(name)
    tail = html[position:]
    out.append(tail if skipping else _mark(tail, pattern, by_name, done, lang, glossary_href, see))
    return "".join(out)


def _mark(
    text: str,
    pattern: re.Pattern[str],
    by_name: dict[str, Term],
    done: set[str],
    lang: Lang,
    glossary_href: str,
    see: str,
) -> str:
    if not text.strip():
        return text

    def replace(match: re.Match[str]) -> str:
        term = by_name.get(htmllib.unescape(match.group(0)).casefold())
        if term is None or term.id in done:
            return match.group(0)
        done.add(term.id)
        return toggletip(term, match.group(0), lang, glossary_href, see)

    return pattern.sub(replace, text)


def toggletip(term: Term, shown: str, lang: Lang, glossary_href: str, see: str) -> str:
    """The markup of one marked term; ``shown`` is the (already escaped) text of the page."""
    e = htmllib.escape
    other: Lang = "ja" if lang == "en" else "en"
    names = e(term.name(lang))
    if term.name(other) != term.name(lang):
        names += f' (<span lang="{other}">{e(term.name(other))}</span>)'
    tip, desc = f"nx-term-{term.id}", f"nx-term-{term.id}-def"
    href = f"{glossary_href}#term-{term.id}"
    return (
        f'<span class="nx-term">'
        f'<button type="button" class="nx-term__button" aria-describedby="{desc}" '
        f'data-nx-tip="{tip}">{shown}</button>'
        f'<span class="nx-term__tip" id="{tip}" lang="{lang}" data-pagefind-ignore>'
        f'<span id="{desc}"><strong>{names}</strong>: {e(term.definition.get(lang))}</span> '
        f'<a href="{e(href)}">{e(see)}</a></span></span>'
    )


def for_lesson(html: str, entry: Entry, terms: Iterable[Term], lang: Lang) -> str:
    """A lesson page's first uses of the glossary's terms marked (its body may be the Japanese
    original on the English site)."""
    return annotate(
        html,
        terms,
        body_lang="ja" if entry.fallback else lang,
        lang=lang,
        glossary_href=urls.relative(entry.url or "", glossary_page.URL),
        see=glossary_page.UI[lang]["term_link"],
    )
