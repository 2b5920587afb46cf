"""Screenshots of every page type, for looking at what we built.

    uv run python scripts/screenshots.py [--site site] [--out screenshots] [--mobile] [--dark]

Serves the built site under /nexus/ on 127.0.0.1 and saves one PNG per page type.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {
    "home": "",
    "series-p": "p/",
    "series-e": "e/",
    "series-x": "x/",
    "lesson-p9": "p/p9/",
    "lesson-g17": "g/g17/",
    "notebook-p15": "p/p15/",
    "terms": "terms/",
    "disclaimer": "disclaimer/",
    "404": "missing/",
}


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str, Path]:
    root = Path(tempfile.mkdtemp())
    shutil.copytree(site, root / "nexus")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/nexus/", root


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--mobile", action="store_true")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--full", action="store_true", help="full-page screenshots")
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server, base, root = serve(args.site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            viewport = (
                {"width": 390, "height": 844} if args.mobile else {"width": 1280, "height": 900}
            )
            page = browser.new_page(
                viewport=viewport, color_scheme="dark" if args.dark else "light"
            )
            for name, path in PAGES.items():
                if args.only and name not in args.only:
                    continue
                page.goto(base + path)
                page.wait_for_timeout(400)
                suffix = ("-mobile" if args.mobile else "") + ("-dark" if args.dark else "")
                out = args.out / f"{name}{suffix}.png"
                page.screenshot(path=str(out), full_page=args.full)
                print(out)
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
