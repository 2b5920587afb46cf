"""Site search: a Pagefind index of the built pages, one per language build.

Pagefind (pinned in ``package.json``; the npm package runs its *extended* binary, which segments
Japanese) reads the built HTML and writes ``pagefind/`` into the site: the index in chunks the
browser fetches only for the words it searches, and ``pagefind.js``. Nothing is fetched before
the reader searches, and nothing from another origin (docs/search.md).

Two indexes, two tiers: ``pagefind/head/`` holds what a page is *about* (titles, headings, the
TL;DR) and ``pagefind/`` the full text. The dialog asks the small head index first and the full
one only to fill the places the head left empty, so a word found in hundreds of lessons costs
its (small) head postings, not every position it has in every page (the per-query budget).

What is indexed is marked in the templates: ``data-pagefind-body`` around a lesson (its header
and content, not its footer), a series page's overview, the author guide and the legal pages;
the home page is not a result. ``data-pagefind-meta``/``-filter`` carry the 第N回 label, the
series and the kind of page. :data:`EXCLUDE` keeps code, the mind map and page chrome out.

A missing or failing indexer is a problem with a hint (a build warning), never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from nexus_site.errors import Location, Problem

OUTPUT = "pagefind"  # folder in the built site
TIMEOUT = 600  # seconds; a 1,000-lesson site indexes in a few

# Never indexed: code (cells, blocks, their output), the mind map, lists that repeat other
# pages, dates and breadcrumbs, the Japanese original under an English page's chrome is kept
# (technical terms in Latin script are found), its notice is not.
EXCLUDE = (
    "pre",
    ".highlight",
    ".jp-CodeCell .jp-InputArea",  # a notebook's code; its Markdown cells are jp-InputArea too
    ".jp-OutputArea",
    ".jp-InputPrompt",
    ".arithmatex",  # raw TeX until KaTeX renders it in the browser
    ".nexus-mindmap",
    ".nx-latest",
    ".nx-crumbs",
    ".nx-date",
    ".nx-notebook-actions",
    ".nx-fallback-notice",
    ".headerlink",
    ".anchor-link",  # a notebook heading's ¶
    ".md-source-file",
    ".nx-maphelp",  # how to use the mind map: chrome
)

HEAD_OUTPUT = f"{OUTPUT}/head"
# The head index leaves out a page's running text: paragraphs, lists, tables, figures, quizzes
# and admonitions other than the TL;DR (``!!! abstract``), in a page's body, in the Japanese
# original under an English page (.nx-original) and in a notebook's Markdown cells.
_TEXT = ("p", "ul", "ol", "dl", "table", "blockquote", "details")
_KEEP = (".admonition", ".jupyter-wrapper", ".nx-series", ".nx-original")
_RUNNING_TEXT = tuple(
    f"{box} > {what}"
    for box in ("[data-pagefind-body]", ".nx-original", ".jp-RenderedMarkdown")
    for what in (
        *_TEXT,
        "div" + "".join(f":not({k})" for k in _KEEP),
        ".admonition:not(.abstract)",
    )
)
HEAD_EXCLUDE = (
    *_RUNNING_TEXT,
    *(".nx-overview-wrap", ".nx-part ul", ".nx-part ol", ".nx-series section > p"),
)


@dataclass(frozen=True)
class Facets:
    """How a page takes part in search (``partials/content.html`` writes it as Pagefind
    attributes): its kind, filterable, and what a result shows besides title and snippet."""

    kind: str  # "lesson" | "series" | "guide" | "site"
    series: str = ""  # series ID, a filter
    ident: str = ""  # lesson ID: P9, G17.2
    label: str = ""  # 第9回 / Lesson 9
    original: str = ""  # "ja": shown in Japanese on a page of another language

    @property
    def filters(self) -> dict[str, str]:
        return {"kind": self.kind} | ({"series": self.series} if self.series else {})

    @property
    def meta(self) -> dict[str, str]:
        found = {"kind": self.kind, "series": self.series, "id": self.ident, "label": self.label}
        found["original"] = self.original
        return {k: v for k, v in found.items() if v}


UNUSED = (
    "pagefind-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-component-ui.*",
    "pagefind-highlight.js",
)


# Where ``npm ci`` installs Pagefind: the project being built, else the checkout this package
# runs from (an editable install: tests and benchmarks build projects in temporary folders).
CHECKOUT = Path(__file__).resolve().parents[3]


def package_dir(root: Path) -> Path | None:
    """The installed ``pagefind`` npm package."""
    for base in (root, CHECKOUT):
        found = base / "node_modules" / "pagefind"
        if (found / "lib" / "runner" / "bin.cjs").is_file():
            return found
    return None


def indexer(root: Path) -> list[str] | None:
    """The command that runs Pagefind (its npm runner picks the extended binary)."""
    found = package_dir(root)
    node = shutil.which("node")
    if node is None or found is None:
        return None
    return [node, str(found / "lib" / "runner" / "bin.cjs")]


def index(
    site_dir: Path, root: Path, *, cancelled: Callable[[], bool] = lambda: False
) -> list[Problem]:
    """Index the built site in ``site_dir``; problems instead of exceptions. ``cancelled``:
    asked while Pagefind runs; when it says so, Pagefind is stopped and nothing is reported."""
    command = indexer(root)
    if command is None:
        return [
            Problem(
                Location("package.json"),
                "the search index was not built: Pagefind is not installed",
                hint="scripts/build and scripts/serve install it (npm ci); or run: npm ci",
                severity="warning",
            )
        ]
    licence = (package_dir(root) or root) / "LICENSE"
    # The full text first (Pagefind empties its output folder), then the head tier inside it.
    for folder, exclude in ((OUTPUT, EXCLUDE), (HEAD_OUTPUT, EXCLUDE + HEAD_EXCLUDE)):
        args = [*command, "--site", str(site_dir), "--output-subdir", folder]
        args += ["--exclude-selectors", ", ".join(exclude), "--quiet"]
        try:
            result = _run(args, cancelled)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return [Problem(Location("package.json"), f"the search index was not built: {exc}")]
        if result is None:
            return []
        if result.returncode != 0:
            said = (result.stderr or result.stdout).strip().splitlines()[-5:]
            return [
                Problem(
                    Location("package.json"),
                    "the search index was not built: Pagefind failed",
                    hint="\n".join(said) or f"exit code {result.returncode}",
                )
            ]
    output = site_dir / OUTPUT
    try:
        for unused in UNUSED:  # Pagefind's own search UIs: the site has its own (search.js)
            for path in [*output.glob(unused), *(site_dir / HEAD_OUTPUT).glob(unused)]:
                path.unlink()
        # Pagefind's scripts are shipped with the site: so are its licences (a folder in the
        # package).
        texts = sorted(licence.glob("*")) if licence.is_dir() else [licence]
        (output / "LICENSE.txt").write_text(
            "\n\n".join(p.read_text(encoding="utf-8") for p in texts if p.is_file()),
            encoding="utf-8",
        )
    except OSError as exc:  # e.g. the preview cleaned the site for its next build meanwhile
        return [Problem(Location("package.json"), f"the search index was not finished: {exc}")]
    return []


def _run(args: list[str], cancelled: Callable[[], bool]) -> subprocess.CompletedProcess[str] | None:
    """``args`` run to the end (None: stopped because ``cancelled``). Its own process group:
    the npm runner starts Pagefind's binary as a child, and stopping it stops both."""
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    ) as process:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                out, err = process.communicate(timeout=0.2)
                return subprocess.CompletedProcess(args, process.returncode, out, err)
            except subprocess.TimeoutExpired:
                stop = cancelled()
                if not stop and time.monotonic() < deadline:
                    continue
                if hasattr(os, "killpg"):
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                else:  # pragma: no cover - not POSIX
                    process.kill()
                process.communicate()
                if stop:
                    return None
                raise


# The preview's latest build: an indexing thread of an earlier one gives up.
_latest: list[object] = [object()]
DELAY = 2.0  # seconds the preview waits before indexing: the reloading page goes first


def new_build() -> None:
    """A preview build starts (and will clean the site): earlier indexing threads give up."""
    _latest[0] = object()


def index_in_background(
    site_dir: Path, root: Path, report: Callable[[Problem], None], *, delay: float = DELAY
) -> threading.Thread:
    """:func:`index` in a thread, for the live-reload preview: the page reloads at once and
    search works a moment later. The thread waits ``delay`` seconds first, so the browser's
    reload does not share the processor with the indexer; it gives up when another build has
    started meanwhile (:func:`new_build`; that one indexes its site) — stopping Pagefind if it
    is running — and then reports nothing.
    Each problem is handed to ``report``."""
    mine = _latest[0]

    def superseded() -> bool:
        return _latest[0] is not mine

    def run() -> None:
        time.sleep(delay)
        if superseded():
            return
        problems = index(site_dir, root, cancelled=superseded)
        if not superseded():
            for problem in problems:
                report(problem)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread
