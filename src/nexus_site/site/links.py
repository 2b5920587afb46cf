"""Links by ID in lesson Markdown: ``[](nexus:P15)``, ``[RNNの回](nexus:P15)``,
``[](nexus:G17.2)``, ``[](nexus:P)`` (a series page), ``[see](nexus:P15#lstm)``.

:func:`resolve_links` rewrites the Markdown before it is rendered:

* a published target (a page, or a section of its parent's page) becomes an ordinary
  page-relative link; an empty text becomes the target's title in the page's language
  (``P15: PyTorchとRNN/LSTM``);
* a target in the curriculum that is not published yet becomes marked plain text
  (``<span class="nx-unpublished">``, 準備中) plus a note — allowed, as the guide promises: the
  link goes live by itself once the lesson file exists;
* an unknown ID is an error with a "did you mean";
* an anchor (``#lstm``) the target page does not have is an error, when the caller says which
  anchors pages have (``anchor_problem``: :class:`nexus_site.site.anchors.Anchors`).

Reference-style definitions (``[rnn]: nexus:P15``) are resolved when the target is published;
otherwise they are reported the same way and left as they are. Fenced code blocks, inline code
spans and HTML comments are left untouched, so examples of the syntax stay literal.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable, Iterable

from nexus_site.curriculum.model import Lang
from nexus_site.errors import Location, Problem
from nexus_site.site import render, urls
from nexus_site.site.catalog import Catalog

SCHEME = "nexus:"

# A fence line, optionally indented or quoted (admonitions, lists, block quotes).
_FENCE = re.compile(r"^[ \t>]*(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")
# Things the inline scanner must look at: escapes, code spans, comments, link starts.
_TOKEN = re.compile(r"\\.|`+|<!--|\[", re.DOTALL)
_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]\\\n]|\\.|\n(?![ \t>]*\n))*)\]"
    r"\(nexus:(?P<id>[^\s#()]*)(?:#(?P<frag>[^\s()]*))?"
    r"(?P<title>[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)"
)
# Anything else that tries to be a nexus link, to report it instead of rendering a dead link.
_LOOSE = re.compile(r"\[[^\]\n]*\]\([ \t]*<?nexus:[^)\n]*\)")
_DEFINITION = re.compile(
    r"\[(?P<label>[^\]\n]+)\]:[ \t]*<?nexus:(?P<id>[^\s#>]*)(?:#(?P<frag>[^\s>]*))?>?"
    r"(?P<rest>[^\n]*)"
)
_BLANK_LINE = re.compile(r"\n[ \t>]*\n")
_BACKTICKS = re.compile(r"`+")

# (ID, anchor) -> (message, hint) when the ID's page has no such anchor, else None.
AnchorCheck = Callable[[str, str], "tuple[str, str] | None"]

# Characters a curriculum title may contain that Markdown (or arithmatex, or a table) would
# interpret. Numeric references render as the character itself in link text and in inline HTML.
_TEXT_ESCAPES = {c: f"&#{ord(c)};" for c in "\\`*_[]{}<>$|"} | {"&": "&amp;"}


def markdown_text(text: str) -> str:
    """``text`` (data, not Markdown) escaped so Markdown renders it as exactly that text."""
    return "".join(_TEXT_ESCAPES.get(c, c) for c in text)


def resolve_links(
    markdown: str,
    *,
    page_url: str,
    catalog: Catalog,
    lang: Lang,
    src: str,
    line_offset: int = 0,
    anchor_problem: AnchorCheck | None = None,
) -> tuple[str, list[Problem]]:
    """Rewrite every ``nexus:ID`` link of ``markdown`` (a page at site-root-relative
    ``page_url``); return the new Markdown and the problems, located in ``src`` (line numbers
    counted in ``markdown``, plus ``line_offset``). ``anchor_problem``: checks ``#anchors``."""
    resolver = _Resolver(markdown, page_url, catalog, lang, src, line_offset)
    resolver.anchor_problem = anchor_problem
    out: list[str] = []
    for start, end, verbatim in segments(markdown):
        chunk = markdown[start:end]
        out.append(chunk if verbatim else resolver.inline(chunk, start))
    return "".join(out), resolver.problems


def segments(markdown: str) -> Iterable[tuple[int, int, bool]]:
    """(start, end, verbatim) spans of ``markdown``: fenced code blocks are verbatim."""
    pos = 0
    text_start = 0
    fence: str | None = None
    for line in markdown.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        match = _FENCE.match(body)
        if fence is None:
            if match and not (match["fence"][0] == "`" and "`" in match["info"]):
                if pos > text_start:
                    yield text_start, pos, False
                fence, text_start = match["fence"], pos
        elif (
            match
            and match["fence"][0] == fence[0]
            and len(match["fence"]) >= len(fence)
            and not match["info"].strip()
        ):
            fence = None
            yield text_start, pos + len(line), True
            text_start = pos + len(line)
        pos += len(line)
    if pos > text_start:
        yield text_start, pos, fence is not None  # an unclosed fence runs to the end


class _Resolver:
    def __init__(
        self,
        markdown: str,
        page_url: str,
        catalog: Catalog,
        lang: Lang,
        src: str,
        line_offset: int,
    ) -> None:
        self.page_url = page_url
        self.catalog = catalog
        self.lang = lang
        self.src = src
        self.line_offset = line_offset
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", markdown)]
        self.series = {s.id: s for s in catalog.curriculum.series}
        self.problems: list[Problem] = []
        self.anchor_problem: AnchorCheck | None = None

    # --- scanning ---------------------------------------------------------------------------

    def inline(self, text: str, base: int) -> str:
        out: list[str] = []
        done = 0  # text[:done] is in out
        pos = 0
        while (token := _TOKEN.search(text, pos)) is not None:
            start, kind = token.start(), token.group()
            if kind.startswith("\\"):
                pos = token.end()
            elif kind.startswith("`"):
                pos = _code_span_end(text, start, len(kind))
            elif kind == "<!--":
                close = text.find("-->", token.end())
                pos = len(text) if close < 0 else close + 3
            elif start and text[start - 1] == "!":
                pos = token.end()  # an image: not ours
            elif link := _LINK.match(text, start):
                out += [text[done:start], self._link(link, base + start)]
                pos = done = link.end()
            elif _at_line_start(text, start) and (definition := _DEFINITION.match(text, start)):
                out += [text[done:start], self._definition(definition, base + start)]
                pos = done = definition.end()
            elif loose := _LOOSE.match(text, start):
                self._problem(
                    base + start,
                    f"malformed link by ID: {loose.group()}",
                    "write [text](nexus:ID) or [text](nexus:ID#anchor), e.g. [](nexus:P15)",
                )
                pos = loose.end()
            else:
                pos = token.end()
        out.append(text[done:])
        return "".join(out)

    # --- rewriting --------------------------------------------------------------------------

    def _link(self, match: re.Match[str], offset: int) -> str:
        ident, text = match["id"], match["text"]
        url = self._url(ident, match["frag"], offset)
        if url is None:
            if not self._known(ident):
                return match.group()  # reported; left as written
            label = text if text.strip() else markdown_text(self._title(ident))
            return render.unpublished(label, self.lang)
        if not text.strip():
            text = markdown_text(self._title(ident))
        return f"[{text}]({url}{match['title'] or ''})"

    def _definition(self, match: re.Match[str], offset: int) -> str:
        url = self._url(match["id"], match["frag"], offset, reference=True)
        if url is None:
            return match.group()
        return f"[{match['label']}]: {url}{match['rest']}"

    def _url(
        self, ident: str, fragment: str | None, offset: int, *, reference: bool = False
    ) -> str | None:
        """Page-relative URL of ``ident``, or None after reporting why there is none."""
        if not self._known(ident):
            self._unknown(ident, offset)
            return None
        target = self.catalog.url_for(ident)
        if target is None:
            self._unpublished(ident, offset, reference=reference)
            return None
        if fragment:
            target = target.partition("#")[0] + "#" + fragment
            if self.anchor_problem and (found := self.anchor_problem(ident, fragment)):
                self._problem(offset, *found)
        return urls.relative(self.page_url, target)

    def _known(self, ident: str) -> bool:
        return ident in self.series or ident in self.catalog.entries

    def _title(self, ident: str) -> str:
        if ident in self.series:
            series = self.series[ident]
            return f"{series.id}: {series.label.get(self.lang)}"
        entry = self.catalog.entries[ident]
        return f"{entry.id}: {entry.node.title.get(self.lang)}"

    # --- problems ---------------------------------------------------------------------------

    def _problem(self, offset: int, message: str, hint: str, severity: str = "error") -> None:
        line = bisect.bisect_right(self.line_starts, offset)
        column = offset - self.line_starts[line - 1] + 1
        location = Location(self.src, line + self.line_offset, column)
        self.problems.append(Problem(location, message, hint=hint, severity=severity))

    def _unknown(self, ident: str, offset: int) -> None:
        ids = [*self.series, *self.catalog.entries]
        if not ident:
            self._problem(
                offset,
                "link by ID without an ID: nexus:",
                "write the ID after nexus:, e.g. [](nexus:P15), [](nexus:G17.2) or [](nexus:P)",
            )
            return
        close = difflib.get_close_matches(ident.upper(), ids, n=3, cutoff=0.6)
        hint = f"did you mean {_either(close)}? " if close else ""
        self._problem(
            offset,
            f"link to {ident}, which is not in the curriculum",
            hint + "link by the IDs of curriculum/<series>.yml: a lesson (P15), a sub-lesson "
            "(G17.2) or a series (P)",
        )

    def _unpublished(self, ident: str, offset: int, *, reference: bool) -> None:
        entry = self.catalog.entries[ident]
        folder = self.catalog.content_dir.name if self.catalog.content_dir else "content"
        path = f"{folder}/{entry.series.id.lower()}/{ident.lower()}.md"
        hint = f"{ident} is not published yet; the link becomes live when {path} exists"
        if entry.parents:
            parent = entry.parents[-1].id
            hint += f" (or the {parent} page has a heading with {{#{urls.anchor(ident)}}})"
        if reference:
            hint += (
                "; a reference-style link cannot be shown unlinked meanwhile: write "
                f"[text](nexus:{ident}) instead"
            )
        else:
            hint += "; until then the text is shown unlinked"
        self._problem(
            offset,
            f"link to {ident} ({entry.node.title.get(self.lang)}), which is not published yet",
            hint,
            severity="note",  # allowed: shown as 準備中 text, live once the file exists
        )


def _code_span_end(text: str, start: int, ticks: int) -> int:
    """End of the code span opened by ``ticks`` backticks at ``start``; just past the
    backticks when nothing closes it within the paragraph (they are then literal)."""
    opened = start + ticks
    blank = _BLANK_LINE.search(text, opened)
    limit = blank.start() if blank else len(text)
    for run in _BACKTICKS.finditer(text, opened, limit):
        if len(run.group()) == ticks:
            return run.end()
    return opened


def _at_line_start(text: str, pos: int) -> bool:
    """Only indentation or block-quote markers before ``pos`` on its line."""
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip(" \t>")


def _either(words: list[str]) -> str:
    return " or ".join(filter(None, [", ".join(words[:-1]), words[-1]]))
