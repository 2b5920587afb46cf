"""Page weight: bytes transferred and requests per page type, in headless Chromium.

    uv run python scripts/page_weight.py [--site DIR] [--page NAME=PATH …] [--json FILE]
    uv run python scripts/page_weight.py --site DIR --serve PORT   (serve only; for lighthouse.sh)

Without ``--site`` it builds the real project first (both languages, ``mkdocs build --strict``,
as ``scripts/build`` does, into a temporary folder). The site is served at
``http://127.0.0.1:PORT/nexus/`` by a small server that gzips text responses (HTML, CSS, JS,
JSON, SVG, …; level 6, like a typical static host) and records the bytes it sends. Each page is
opened in a fresh browser context (empty cache) and counted until the network is idle, plus
1.5 s for late requests (mermaid rendering). Then search is opened and a word typed, and what
that loads (Pagefind's script, WebAssembly and the index chunks for that word) is counted apart
("search"); anything else requested meanwhile (KaTeX fonts after a long mermaid render) still
counts for the page.

Pages: home, series P, lesson P9 (math, figures, quiz), G17 (mermaid), notebook P15, terms,
English home, English G17, English P9; ``--page NAME=PATH`` adds more (``--page plain=b/b1/`` on a site kept by
``scripts/bench --out``, whose lessons have neither math nor mermaid). A page missing from the
site is skipped.

Checks (exit status 1 when one fails):

* the KaTeX bundle is requested only by pages whose source uses math (``$…$``, ``$$``, or a
  notebook), and the mermaid bundle only by pages whose source has a ```` ```mermaid ```` fence
  (decided from the Markdown source, not from the plugin's own detection); generated pages
  (home, series, terms) use neither;
* no request leaves 127.0.0.1;
* a lesson page weighs at most 150 KB transferred without the math/mermaid bundles it needs
  ("plain lesson": a lesson without math or mermaid costs exactly that; the ``own`` column is
  the page without any bundle);
* no page loads anything of search before the reader opens it (0 bytes);
* one query fetches at most 100 KB gzipped (Pagefind loads only the index chunks it needs: this
  holds at the 1,000-lesson stress size, ``--site`` of ``scripts/bench --out``);
* first view (before scrolling: math and diagrams further down load only as they near the
  viewport, counted apart as "later"): G17 at most 300 KB, P9 with its figures at most 200 KB;
* the figures' and quizzes' scripts at most 30 KB gzipped;
* G17's first contentful paint within 1.2x P9's, both throttled as Lighthouse's mobile run
  (4x CPU, 1.6 Mbps / 150 ms, applied through CDP; median of 3).
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support import SUBPATH, launch, running  # noqa: E402

PLAIN_LESSON_BUDGET = 150 * 1024
SETTLE_S = 1.5
# First view (before the reader scrolls: diagrams and math further down are not loaded yet).
FIRST_VIEW_BUDGETS = {"g/g17/": 300 * 1024, "en/g/g17/": 300 * 1024, "p/p9/": 200 * 1024}
FIGURE_JS_BUDGET = 30 * 1024  # the figures' and quizzes' scripts, gzipped
FCP_RATIO_BUDGET = 1.2  # first contentful paint of G17 / P9, same throttling
# Throttling for the paint comparison (Lighthouse's mobile settings, applied through CDP).
THROTTLE = {"latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4

# name, site path, source file relative to the project (None: a generated page)
PAGES: list[tuple[str, str, str | None]] = [
    ("home", "", None),
    ("series P", "p/", None),
    ("lesson P9 (figures)", "p/p9/", "content/p/p9.md"),
    ("lesson G17 (mermaid)", "g/g17/", "content/g/g17.md"),
    ("notebook P15", "p/p15/", "content/p/p15.ipynb"),
    ("terms", "terms/", None),
    ("en home", "en/", None),
    ("en G17", "en/g/g17/", "content/g/g17.en.md"),
    ("en P9 (figures)", "en/p/p9/", "content/p/p9.en.md"),
]

BUNDLES = {
    "katex": re.compile(r"/assets/nexus/(vendor/katex/|javascripts/katex-init)"),
    "mermaid": re.compile(r"/assets/nexus/vendor/mermaid/"),
    "mindmap": re.compile(r"/assets/nexus/mindmap/"),
    "figures": re.compile(r"/assets/nexus/figures/"),
    "search index": re.compile(r"/pagefind/"),
}
# What a search loads: Pagefind's script, its WebAssembly, the index and fragment chunks.
SEARCH = re.compile(r"/pagefind/")
SEARCH_QUERY_BUDGET = 100 * 1024  # bytes gzipped for one query
SEARCH_WORD = "学習"  # in every lesson of the real site and of the stress projects
# More queries, Pagefind already loaded: words in every lesson (the head index answers), a
# technical term and an abbreviation; the budget holds for the heaviest.
QUERY_WORDS = ("データ", "損失関数", "LSTM", "連合学習", "loss")
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
MATH = re.compile(r"\$\$|(?<![\\$])\$[^\s$][^$\n]*(?<![\\\s])\$")
MERMAID = re.compile(r"^\s*(```|~~~)\s*mermaid", re.M)


# --- server ------------------------------------------------------------------------------------


@dataclass
class Sent:
    path: str
    status: int
    bytes: int  # body bytes on the wire (gzipped where the type is text)
    raw: int  # body bytes before compression
    type: str


@dataclass
class Recorder:
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: list[Sent] = field(default_factory=list)
    cache: dict[str, bytes] = field(default_factory=dict)

    def take(self) -> list[Sent]:
        with self.lock:
            out, self.sent = self.sent, []
        return out


def make_handler(site: Path, rec: Recorder) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(SUBPATH):
                return self._send(404, b"not found", "text/plain", path)
            rel = path[len(SUBPATH) :]
            target = (site / rel).resolve()
            if target.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                target = target / "index.html"
            if not target.is_file() or site.resolve() not in target.parents:
                return self._send(404, b"not found", "text/plain", path)
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            return self._send(200, target.read_bytes(), ctype, path)

        def _send(self, status: int, body: bytes, ctype: str, path: str) -> None:
            raw = len(body)
            gz = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(TEXT_TYPES)
            if gz:
                with rec.lock:
                    packed = rec.cache.get(path)
                if packed is None:
                    packed = gzip.compress(body, compresslevel=6, mtime=0)
                    with rec.lock:
                        rec.cache[path] = packed
                body = packed
            self.send_response(status)
            self.send_header("Content-Type", ctype + ("; charset=utf-8" if "text" in ctype else ""))
            if gz:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            with rec.lock:
                rec.sent.append(Sent(path, status, len(body), raw, ctype))

    return Handler


@contextmanager
def serve(site: Path, port: int = 0) -> Iterator[tuple[str, Recorder]]:
    rec = Recorder()
    with running(make_handler(site, rec), port) as bound:
        yield f"http://127.0.0.1:{bound}{SUBPATH}", rec


# --- building ----------------------------------------------------------------------------------


def build_real(dest: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for config, site in (("mkdocs.yml", dest), ("mkdocs.en.yml", dest / "en")):
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config]
        subprocess.run([*cmd, "-d", str(site)], cwd=ROOT, env=env, check=True)
    return dest


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    path: str
    requests: int
    transferred: int
    raw: int
    by_kind: dict[str, int]
    bundles: dict[str, int]  # bundle -> bytes transferred
    external: list[str]
    failed: list[str]
    problems: list[str] = field(default_factory=list)
    search: int = 0  # bytes transferred for the first query (Pagefind itself, index, fragments)
    search_requests: int = 0
    query: int = 0  # bytes of the heaviest further query (its index chunks and fragments)
    queries: dict[str, int] = field(default_factory=dict)  # bytes per further query word
    later: int = 0  # bytes transferred when the reader scrolls to the end (lazy math, diagrams)
    later_bundles: dict[str, int] = field(default_factory=dict)


def kind(sent: Sent) -> str:
    if "html" in sent.type:
        return "html"
    if "javascript" in sent.type:
        return "js"
    if "css" in sent.type:
        return "css"
    if "json" in sent.type:
        return "json"
    if sent.type.startswith(("font/", "application/font")) or sent.path.endswith(
        (".woff2", ".woff", ".ttf")
    ):
        return "font"
    return "other"


def expected_features(source: str | None, project: Path) -> set[str]:
    if source is None:
        return set()
    path = project / source
    if not path.is_file():
        return set()
    if path.suffix == ".ipynb":
        return {"katex"}  # notebooks always get the math bundle (their outputs may use it)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^---\n.*?\n---\n", "", text, count=1, flags=re.S)
    code = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
    prose = code.sub("", text)
    found = set()
    if MATH.search(prose):
        found.add("katex")
    if MERMAID.search(text):
        found.add("mermaid")
    return found


def measure(
    browser: Any, url: str, rec: Recorder, name: str, path: str, source: str | None, project: Path
) -> Row:
    context = browser.new_context(viewport={"width": 412, "height": 915})
    page = context.new_page()
    external: list[str] = []
    failed: list[str] = []
    requests: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(url.split(SUBPATH)[0]):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    done: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfinished", lambda r: done.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    rec.take()
    # Generous timeouts: on a stress site the search index alone is tens of MB.
    page.goto(url + path, wait_until="networkidle", timeout=180_000)
    time.sleep(SETTLE_S)
    page.wait_for_load_state("networkidle", timeout=180_000)
    deadline = time.monotonic() + 180
    while len(done) + len(failed) < len(requests) and time.monotonic() < deadline:
        page.wait_for_timeout(250)  # a request still in flight (a big search index)
    sent = rec.take()
    # Then the reader scrolls to the end: math and diagrams load as they near the viewport.
    page.evaluate(
        "async () => { for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {"
        " scrollTo(0, y); await new Promise(r => setTimeout(r, 150)); } }"
    )
    page.wait_for_load_state("networkidle", timeout=180_000)
    page.wait_for_timeout(SETTLE_S * 1000)
    while len(done) + len(failed) < len(requests) and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    later_sent = rec.take()
    # Then the reader searches: Pagefind and the index chunks for the word load only now.
    search_sent: list[Sent] = []
    queries: dict[str, int] = {}
    if page.locator("[data-nx-search-open]").count():
        page.locator("[data-nx-search-open]").click()  # the header button
        page.locator("#nx-search-input").fill(SEARCH_WORD)
        page.wait_for_selector(".nx-search__status:not(:empty)", timeout=60_000)
        page.wait_for_load_state("networkidle", timeout=180_000)
        page.wait_for_timeout(SETTLE_S * 1000)
        while len(done) + len(failed) < len(requests) and time.monotonic() < deadline:
            page.wait_for_timeout(250)
        for s in rec.take():  # what the page itself still fetched late (fonts after mermaid)
            (search_sent if SEARCH.search(s.path) else sent).append(s)
        # More words: what one more query costs once Pagefind is loaded (the budget).
        for word in QUERY_WORDS:
            page.locator("#nx-search-input").fill("")
            page.wait_for_selector(".nx-search__status:empty", timeout=60_000)
            page.locator("#nx-search-input").fill(word)
            page.wait_for_selector(".nx-search__status:not(:empty)", timeout=60_000)
            page.wait_for_load_state("networkidle", timeout=180_000)
            page.wait_for_timeout(300)
            query_sent = [s for s in rec.take() if SEARCH.search(s.path)]
            queries[word] = sum(x.bytes for x in query_sent)
    context.close()

    by_kind: dict[str, int] = {}
    bundles: dict[str, int] = {}
    for s in sent:
        by_kind[kind(s)] = by_kind.get(kind(s), 0) + s.bytes
        for bundle, pattern in BUNDLES.items():
            if pattern.search(s.path):
                bundles[bundle] = bundles.get(bundle, 0) + s.bytes
    row = Row(
        name,
        path,
        len(requests) - len(search_sent),
        sum(s.bytes for s in sent),
        sum(s.raw for s in sent),
        by_kind,
        bundles,
        external,
        [u for u in failed if u not in external],
        search=sum(x.bytes for x in search_sent),
        search_requests=len(search_sent),
        query=max(queries.values(), default=0),
        queries=queries,
        later=sum(x.bytes for x in later_sent),
        later_bundles={
            b: sum(x.bytes for x in later_sent if p.search(x.path))
            for b, p in BUNDLES.items()
            if any(p.search(x.path) for x in later_sent)
        },
    )
    check(row, sent, source, project)
    return row


def check(row: Row, sent: list[Sent], source: str | None, project: Path) -> None:
    """The page's problems, into ``row.problems``: budgets, bundles, requests."""
    bundles, external = row.bundles, row.external
    if bundles.get("search index"):
        row.problems.append("search loads before the reader opens it")
    if row.query > SEARCH_QUERY_BUDGET:
        word = max(row.queries, key=lambda w: row.queries[w])
        row.problems.append(
            f"one query ({word}) fetched {row.query / 1024:.0f} KB: over the "
            f"{SEARCH_QUERY_BUDGET // 1024} KB budget"
        )
    expected = expected_features(source, project)
    loaded = set(bundles) | set(row.later_bundles)
    for feature in ("katex", "mermaid"):
        if feature in loaded and feature not in expected:
            row.problems.append(f"loads the {feature} bundle but its source does not use it")
        if feature in expected and feature not in loaded:
            row.problems.append(f"uses {feature} but does not load its bundle, even scrolled")
    first_view = FIRST_VIEW_BUDGETS.get(row.path)
    if first_view is not None and row.transferred > first_view:
        row.problems.append(
            f"first view {row.transferred / 1024:.0f} KB: over its {first_view // 1024} KB budget"
        )
    if external:
        row.problems.append(f"{len(external)} request(s) to another origin: {external[:3]}")
    if row.failed:
        row.problems.append(f"failed requests: {row.failed[:3]}")
    bad = [s.path for s in sent if s.status >= 400]
    if bad:
        row.problems.append(f"HTTP errors: {bad[:3]}")
    if source is not None:
        plain = row.transferred - bundles.get("katex", 0) - bundles.get("mermaid", 0)
        index = bundles.get("search index", 0)
        budget = f"the {PLAIN_LESSON_BUDGET // 1024} KB plain-lesson budget"
        if plain - index > PLAIN_LESSON_BUDGET:
            row.problems.append(
                f"{(plain - index) / 1024:.0f} KB without math/mermaid and search index: over {budget}"
            )
        elif plain > PLAIN_LESSON_BUDGET:
            row.problems.append(
                f"{plain / 1024:.0f} KB without its math/mermaid bundles: over {budget} because of "
                f"the {index / 1024:.0f} KB search index ({(plain - index) / 1024:.0f} KB without it)"
            )


def first_paint(browser: Any, url: str, runs: int = 3) -> float:
    """Median first contentful paint (ms) of ``url``, empty cache, throttled as Lighthouse's
    mobile run (4x slower CPU, 1.6 Mbps down / 750 Kbps up, 150 ms latency), through CDP."""
    times = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **THROTTLE})
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function(
            "() => performance.getEntriesByName('first-contentful-paint').length > 0",
            timeout=120_000,
        )
        times.append(
            float(
                page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
            )
        )
        context.close()
    return sorted(times)[len(times) // 2]


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def report(rows: list[Row], paints: dict[str, float], site: Path) -> list[tuple[str, str]]:
    """Print the table, the figure scripts' weight and the paint comparison; the problems."""
    head = (
        f"{'page':<22}{'path':<12}{'req':>4}{'KB gz':>8}{'own':>7}{'KB raw':>8}{'html':>7}"
        f"{'css':>7}{'js':>8}{'json':>7}{'font':>6}{'other':>6}{'later':>7}{'search':>8}{'query':>7}  bundles (KB gz)"
    )
    print("\n" + head)
    print("-" * (len(head) + 20))
    for r in rows:
        bundles = ", ".join(f"{b} {kb(n)}" for b, n in sorted(r.bundles.items())) or "–"
        k = r.by_kind
        print(
            f"{r.name:<22}{'/' + r.path:<12}{r.requests:>4}{kb(r.transferred):>8}"
            f"{kb(r.transferred - sum(r.bundles.values())):>7}{kb(r.raw):>8}"
            f"{kb(k.get('html', 0)):>7}{kb(k.get('css', 0)):>7}{kb(k.get('js', 0)):>8}"
            f"{kb(k.get('json', 0)):>7}{kb(k.get('font', 0)):>6}{kb(k.get('other', 0)):>6}"
            f"{kb(r.later):>7}{kb(r.search):>8}{kb(r.query):>7}  {bundles}"
        )
    print(
        "\nKB gz: bytes on the wire (text gzipped at level 6), all requests until the network is "
        f"idle + {SETTLE_S} s, empty cache; own: KB gz without the bundles listed on the right "
        "(KaTeX, mermaid, mind map, figures); KB raw: the same files uncompressed; later: KB gz "
        "more when the reader scrolls to the end (math and diagrams load as they near the "
        "viewport); search: KB gz more "
        "once the reader opens search and types a first word (Pagefind's script and "
        "WebAssembly, the index chunk and the results' fragments, which load only then); query: "
        f"KB gz of the heaviest further word (budget {SEARCH_QUERY_BUDGET // 1024} KB)."
    )
    words = {w: max(r.queries.get(w, 0) for r in rows) for w in QUERY_WORDS}
    print(
        "further words, KB gz (heaviest page): "
        + ", ".join(f"{w} {kb(n)}" for w, n in words.items())
    )
    problems = [(r.name, p) for r in rows for p in r.problems]
    figure_js = sum(
        len(gzip.compress(f.read_bytes(), 6))
        for f in (site / "assets" / "nexus" / "figures").glob("*.js")
    )
    print(
        f"\nfigure and quiz scripts: {kb(figure_js)} KB gz (budget {FIGURE_JS_BUDGET // 1024} KB)"
    )
    if figure_js > FIGURE_JS_BUDGET:
        problems.append(("figures", f"scripts {kb(figure_js)} KB gz: over budget"))
    if paints:
        p9, g17 = paints.get("p/p9/"), paints.get("g/g17/")
        print(
            "first contentful paint, 4x CPU and 1.6 Mbps/150 ms, median of 3: "
            + ", ".join(f"/{path} {ms:.0f} ms" for path, ms in paints.items())
        )
        if p9 and g17:
            ratio = g17 / p9
            print(f"G17 / P9: {ratio:.2f} (budget {FCP_RATIO_BUDGET})")
            if ratio > FCP_RATIO_BUDGET:
                problems.append(("G17", f"first paint {ratio:.2f}x P9's: over budget"))
    if problems:
        print("\nproblems:")
        for name, p in problems:
            print(f"  {name}: {p}")
    else:
        print(
            "checks: ok (KaTeX/mermaid only where the source uses them, no other origin, "
            f"lessons <= {PLAIN_LESSON_BUDGET // 1024} KB without their math/mermaid bundles)"
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the real one)")
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="project of --site (for the sources)"
    )
    parser.add_argument("--page", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--json", type=Path, help="write the rows here as JSON")
    parser.add_argument("--serve", type=int, metavar="PORT", help="only serve --site, gzipped")
    args = parser.parse_args(argv)

    if args.serve is not None:
        if args.site is None:
            parser.error("--serve needs --site")
        with serve(args.site.resolve(), args.serve) as (url, rec):
            print(f"serving {args.site} at {url}", flush=True)
            try:
                while True:
                    time.sleep(3600)
                    rec.take()
            except KeyboardInterrupt:
                return 0

    pages = list(PAGES)
    for spec in args.page:
        name, _, path = spec.partition("=")
        parts = path.strip("/").split("/")
        source = None
        if len(parts) == 2 or (len(parts) == 3 and parts[0] == "en"):
            sid, lid = parts[-2:]
            en = ".en" if parts[0] == "en" else ""
            source = f"content/{sid}/{lid}{en}.md"
        pages.append((name, path, source))

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="page-weight-") as tmp:
        if args.site is None:
            print("building the real site (both languages) …", flush=True)
            site = build_real(Path(tmp) / "site")
        else:
            site = args.site.resolve()
        rows: list[Row] = []
        paints: dict[str, float] = {}
        with serve(site) as (url, rec), sync_playwright() as pw:
            browser = launch(pw)
            for name, path, source in pages:
                if not (site / path / "index.html").is_file():
                    print(f"skipped {name}: {path}index.html is not in the site")
                    continue
                rows.append(measure(browser, url, rec, name, path, source, args.project))
            paints = {
                path: first_paint(browser, url + path)
                for path in ("p/p9/", "g/g17/")
                if (site / path / "index.html").is_file()
            }
            browser.close()
        problems = report(rows, paints, site)  # reads the site: before the folder goes
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=2), encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
