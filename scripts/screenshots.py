"""Screenshots of every page type, for looking at what we built.

    uv run python scripts/screenshots.py [--site site] [--out screenshots] [--mobile] [--dark]

Serves the built site under /nexus/ on 127.0.0.1 and saves one PNG per page type.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import ViewportSize, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support import launch, serve_under_subpath

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
    mobile = ViewportSize(width=390, height=844)
    desktop = ViewportSize(width=1280, height=900)
    with (
        tempfile.TemporaryDirectory() as tmp,
        serve_under_subpath(args.site.resolve(), Path(tmp)) as base,
        sync_playwright() as pw,
    ):
        browser = launch(pw)
        page = browser.new_page(
            viewport=mobile if args.mobile else desktop,
            is_mobile=args.mobile,  # a touch phone: mobile viewport rules and touch events
            has_touch=args.mobile,
            device_scale_factor=2 if args.mobile else 1,
            color_scheme="dark" if args.dark else "light",
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


if __name__ == "__main__":
    main()
