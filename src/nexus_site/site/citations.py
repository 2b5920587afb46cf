"""Numbered citations that link to their reference.

Authors cite as papers do, ``…の枠組みです[1]。`` or ``FedAvg[2]``, and end the lesson with a
``## 参考文献`` / ``## References`` heading over a numbered list. On the rendered page each list
item gets an anchor (``#ref-1``) and each ``[1]`` in the text before that heading becomes a link
to it, with a link back from the reference to its first citation. Nothing changes on a page
without such a list, inside code or links, or for a number the list does not have.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

# The references heading (any level 2–3) and the ordered list right after it.
_HEADING = re.compile(
    r'<h([23]) id="(?P<id>[^"]*)"[^>]*>\s*(?:参考文献|References|Bibliography|引用文献)'
    r"(?:(?!</h[23]>).)*</h\1>\s*",
    re.S,
)
# (a notebook puts its cells' <div>s between the heading and the list)
_OL = re.compile(r"(?:\s*</?div[^>]*>)*\s*<ol>(?P<body>(?:(?!</ol>).)*)</ol>", re.S)
_LI = re.compile(r"<li>")
_CITE = re.compile(r"\[(\d{1,3})\]")
_TOKEN = re.compile(r"(<[^>]+>)")
_SKIP = {"a", "code", "pre", "script", "style", "kbd", "samp", "svg", "math"}


def link(html: str, back_label: str = "Back to the text") -> str:
    """``html`` with its citations linked to its reference list (unchanged when there is none)."""
    heading = _HEADING.search(html)
    if heading is None:
        return html
    listing = _OL.match(html, heading.end())
    if listing is None:
        return html
    count = len(_LI.findall(listing["body"]))
    if not count:
        return html
    cited: dict[int, int] = {}  # reference number -> its first citation's index

    def cite(match: re.Match[str]) -> str:
        n = int(match[1])
        if not 1 <= n <= count:
            return match[0]
        first = n not in cited
        if first:
            cited[n] = len(cited) + 1
        anchor = f' id="cite-{n}"' if first else ""
        return f'<a class="nx-cite" href="#ref-{n}"{anchor}>[{n}]</a>'

    before = _link_text(html[: heading.start()], cite)
    numbered = iter(range(1, count + 1))

    def item(_: re.Match[str]) -> str:
        n = next(numbered)
        return f'<li id="ref-{n}">'

    body = _LI.sub(item, listing["body"])
    for n in cited:
        body = body.replace(
            f'<li id="ref-{n}">',
            f'<li id="ref-{n}"><a class="nx-cite-back" href="#cite-{n}" '
            f'aria-label="{escape(back_label)} [{n}]">↩</a> ',
            1,
        )
    return (
        before + html[heading.start() : listing.start("body")] + body + html[listing.end("body") :]
    )


def _link_text(html: str, cite: Callable[[re.Match[str]], str]) -> str:
    """Apply ``cite`` to the text between tags, outside code, links and scripts."""
    out: list[str] = []
    skip: list[str] = []
    for part in _TOKEN.split(html):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9-]+)", part)
            tag = name[1].lower() if name else ""
            if tag in _SKIP and not part.endswith("/>"):
                if part.startswith("</"):
                    if skip and skip[-1] == tag:
                        skip.pop()
                else:
                    skip.append(tag)
            out.append(part)
        elif skip or "[" not in part:
            out.append(part)
        else:
            out.append(_CITE.sub(cite, part))
    return "".join(out)
