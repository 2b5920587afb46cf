"""Search relevance: success@3 and MRR of the relevance set, per language, in a real browser.

    uv run python scripts/search_relevance.py [--site DIR] [--engine pagefind|material]

Builds the real site (both languages) unless --site names a built one, serves it under /nexus/
on 127.0.0.1, and types every query of tests/search/queries.yml into the site's search as a
reader would: ``pagefind`` drives our dialog (the shipped engine), ``material`` drives Material's
lunr search box (for a site built before the switch, to compare). Prints one row per language,
the misses, and the median time from typing to results (warm).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support import (  # noqa: E402
    launch,
    open_search,
    search_elapsed,
    search_results,
    serve_under_subpath,
)

QUERIES = ROOT / "tests" / "search" / "queries.yml"
BUDGET_MS = 150  # median, last keystroke to results on screen, warm


@dataclass(frozen=True)
class Outcome:
    query: str
    expect: str
    kind: str
    rank: int | None  # 1-based position of the expected page, None when not shown
    ms: float  # typing to results
    shown: tuple[str, ...]


def load_queries(path: Path = QUERIES) -> dict[str, list[dict[str, str]]]:
    data: dict[str, list[dict[str, str]]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def relative(url: str, root: str) -> str:
    path = url.split("#", 1)[0].split("?", 1)[0]
    return path[len(root) :] if path.startswith(root) else path


def material_results(page: Page, query: str) -> list[str]:
    field = page.locator("input[name=query]")
    field.fill(query)
    field.press("End")  # Material searches on key events only: a paste alone runs nothing
    page.wait_for_timeout(400)
    links: list[str] = page.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(e => e.href)"
    )
    return links


def evaluate(page: Page, root: str, queries: list[dict[str, str]], engine: str) -> list[Outcome]:
    """Every query typed into the page's search; ``root``: the language's site root URL."""
    if engine == "material":
        page.locator("input[name=query]").click()  # the header field (desktop)
        material_results(page, "AI")  # the index loads on first use: not timed
        page.wait_for_timeout(2000)
    else:
        open_search(page)
    outcomes = []
    for case in queries:
        start = time.perf_counter()
        if engine == "material":
            links = material_results(page, str(case["q"]))
            ms = (time.perf_counter() - start) * 1000  # includes the fixed wait: an upper bound
        else:
            links = search_results(page, str(case["q"]))
            ms = search_elapsed(page)
        shown = tuple(dict.fromkeys(relative(u, root) for u in links))  # pages, in order
        rank = shown.index(case["expect"]) + 1 if case["expect"] in shown else None
        outcomes.append(Outcome(str(case["q"]), case["expect"], case["kind"], rank, ms, shown))
    return outcomes


def summary(outcomes: list[Outcome]) -> tuple[float, float, float]:
    """(success@3, MRR, median ms)."""
    hits = sum(1 for o in outcomes if o.rank is not None and o.rank <= 3)
    mrr = sum(1 / o.rank for o in outcomes if o.rank) / len(outcomes)
    return hits / len(outcomes), mrr, statistics.median(o.ms for o in outcomes)


def build(site: Path) -> None:
    import os

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    for config, out in (("mkdocs.yml", site), ("mkdocs.en.yml", site / "en")):
        mkdocs_build(load_config(str(ROOT / config), site_dir=str(out), strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the real one)")
    parser.add_argument("--engine", choices=("pagefind", "material"), default="pagefind")
    parser.add_argument("--label", default="", help="name of this engine in the table")
    args = parser.parse_args(argv)
    queries = load_queries()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site.resolve() if args.site else Path(tmp) / "site"
        if not args.site:
            build(site)
        with serve_under_subpath(site, Path(tmp)) as url, sync_playwright() as pw:
            browser = launch(pw)
            print(f"{'engine':<28}{'lang':<6}{'queries':>8}{'success@3':>11}{'MRR':>7}{'ms':>7}")
            misses: list[str] = []
            over: list[str] = []
            for lang in ("ja", "en"):
                root = url + ("en/" if lang == "en" else "")
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(root)
                outcomes = evaluate(page, root, queries[lang], args.engine)
                page.close()
                success, mrr, ms = summary(outcomes)
                label = args.label or args.engine
                print(
                    f"{label:<28}{lang:<6}{len(outcomes):>8}{success:>11.0%}{mrr:>7.2f}{ms:>7.0f}"
                )
                if args.engine == "pagefind" and ms > BUDGET_MS:
                    over.append(f"{lang}: median {ms:.0f} ms to results, budget {BUDGET_MS} ms")
                misses += [
                    f"  {lang} {o.query!r} ({o.kind}): {o.expect} at {o.rank or '—'}; "
                    f"shown {list(o.shown[:3])}"
                    for o in outcomes
                    if not o.rank or o.rank > 3
                ]
            browser.close()
    if misses:
        print("not in the top 3:\n" + "\n".join(misses))
    for line in over:
        print("budget OVER: " + line)
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
