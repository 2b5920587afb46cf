"""Benchmark the mind map in headless Chromium and print a table.

    uv run python scripts/bench_mindmap.py [--runs 15] [--lessons 1000] [--curriculum DIR]

Trees: the real curriculum (global map and its biggest series map) when every
``curriculum/*.yml`` validates, and a synthetic global map with ``--lessons`` lessons.
For each, in the page and timed with ``performance.now()`` (median of ``--runs`` fresh maps):

* first render: ``NexusMindmap.init`` until layout is done (``sync``, a forced style/layout
  included) and until the next frame (``frame``);
* toggle: expanding the node with the most children among the first visible ones (first time,
  so its children are created and measured), collapsing it, and expanding it again;
* expand all (the toolbar button), for scale;
* find in the map: each keystroke of a few queries typed letter by letter ("P15", "連合学習",
  "データ", "transformer"): matching, unfolding to the first hit and the layout it forces.

Then the gzip sizes of mindmap.js and mindmap.css. Budgets (the script exits 1 when one is
exceeded): first render <= 100 ms on the real curriculum and <= 250 ms on the 1,000-lesson
stress map, one toggle <= 50 ms, <= 30 ms per keystroke of map search, JS + CSS <= 60 KB gzipped.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support import launch, serve  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))

from nexus_site.curriculum import loader  # noqa: E402
from nexus_site.curriculum.model import (  # noqa: E402
    Curriculum,
    Hero,
    Instructor,
    Legal,
    Lesson,
    Part,
    Series,
    Site,
    SubLesson,
    Text,
)
from nexus_site.site import features  # noqa: E402
from nexus_site.site import mindmap as mm  # noqa: E402

BUDGET_RENDER_MS = 100  # the real curriculum
BUDGET_RENDER_STRESS_MS = 250  # the synthetic --lessons map
BUDGET_TOGGLE_MS = 50
BUDGET_SEARCH_MS = 30  # per keystroke
BUDGET_GZ = 60 * 1024  # mindmap.js + mindmap.css
QUERIES = ["P15", "連合学習", "データ", "transformer"]

PAGE = """<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>bench</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="assets/mindmap/mindmap.css">
<style>html{font-size:125%}body{margin:0;font-family:sans-serif}main{width:1000px}</style>
</head><body><main id="host"></main><template id="tpl">MAP</template>
<script src="assets/mindmap/mindmap.js"></script></body></html>"""

# One fresh map per run: render, then toggles, then expand-all; returns milliseconds.
BENCH_JS = """async ([runs, QUERIES]) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const out = {render: [], renderFrame: [], expand: [], expandFrame: [], collapse: [],
               reexpand: [], expandAll: [], expandAllFrame: [], search: [], nodes: 0, target: ''};
  const host = document.getElementById('host');
  for (let i = 0; i < runs; i++) {
    host.replaceChildren(document.getElementById('tpl').content.cloneNode(true));
    const el = host.querySelector('.nexus-mindmap');
    await frame();
    let t = performance.now();
    const m = NexusMindmap.init(el);
    document.body.offsetHeight;
    out.render.push(performance.now() - t);
    await frame();
    out.renderFrame.push(performance.now() - t);
    out.nodes = m.all.length;
    // the visible, folded node with the most children
    const target = m.vis.filter(n => n.kids.length && !n.expanded)
      .sort((a, b) => b.kids.length - a.kids.length)[0];
    if (target) {
      out.target = target.id + ' (' + target.kids.length + ' children)';
      t = performance.now();
      m.setExpanded(target, true);
      document.body.offsetHeight;
      out.expand.push(performance.now() - t);
      await frame();
      out.expandFrame.push(performance.now() - t);
      t = performance.now();
      m.setExpanded(target, false);
      document.body.offsetHeight;
      out.collapse.push(performance.now() - t);
      await frame();
      t = performance.now();
      m.setExpanded(target, true);
      document.body.offsetHeight;
      out.reexpand.push(performance.now() - t);
      await frame();
    }
    // find in the map, one keystroke at a time (the slowest keystroke of the run)
    let slowest = 0;
    for (const q of QUERIES) {
      for (let j = 1; j <= q.length; j++) {
        t = performance.now();
        m.search(q.slice(0, j));
        document.body.offsetHeight;
        slowest = Math.max(slowest, performance.now() - t);
      }
      m.search('');
      await frame();
    }
    out.search.push(slowest);
    t = performance.now();
    m.expandAll();
    document.body.offsetHeight;
    out.expandAll.push(performance.now() - t);
    await frame();
    out.expandAllFrame.push(performance.now() - t);
    m.destroy();
    host.replaceChildren();
    await frame();
  }
  return out;
}"""


# --- trees ------------------------------------------------------------------------------------


def load_real(directory: Path) -> tuple[Curriculum | None, list[str]]:
    """The curriculum in ``directory`` (read by the site's own loader), or None and its errors."""
    loaded = loader.load_result(directory)
    errors = [p.format() for p in loaded.problems if p.severity == "error"]
    return (loaded.curriculum if not errors else None), errors


WORDS = [
    "医療",
    "画像",
    "診断",
    "データ",
    "前処理",
    "評価",
    "統計",
    "推論",
    "因果",
    "時系列",
    "自然言語",
    "生成",
    "強化学習",
    "倫理",
    "規制",
    "実装",
    "運用",
    "可視化",
    "検証",
    "臨床",
    "予測",
    "分類",
    "回帰",
    "セグメンテーション",
    "説明可能性",
    "プライバシー",
    "Python",
    "Transformer",
    "CNN",
    "LLM",
    "MLOps",
    "API",
]


def synthetic(lessons: int, seed: int = 7) -> Curriculum:
    """13 series, 5 parts each, ``lessons`` lessons with 3 sub-lessons, some sub-sub-lessons."""
    rnd = random.Random(seed)

    def text() -> Text:
        ja = "と".join(rnd.sample(WORDS, rnd.randint(1, 3))) + rnd.choice(["入門", "", "の実践"])
        return Text(ja=ja, en=None)

    ids = [chr(ord("A") + i) for i in range(13)]
    per_series = [lessons // 13 + (1 if i < lessons % 13 else 0) for i in range(13)]
    series = []
    for sid, count in zip(ids, per_series, strict=True):
        parts = []
        number = 0
        for p in range(5):
            chunk = count // 5 + (1 if p < count % 5 else 0)
            ls = []
            for _ in range(chunk):
                number += 1
                lid = f"{sid}{number}"
                subs = [
                    SubLesson(
                        id=f"{lid}.{k}",
                        title=text(),
                        children=[SubLesson(id=f"{lid}.{k}.1", title=text())] if k == 1 else [],
                    )
                    for k in range(1, 4)
                ]
                ls.append(Lesson(id=lid, number=number, title=text(), children=subs))
            parts.append(Part(id=["I", "II", "III", "IV", "V"][p], title=text(), lessons=ls))
        series.append(Series(id=sid, title=text(), label=text(), parts=parts))
    site = Site(
        name="Medical AI Nexus",
        hero=Hero(motto="Data heals tomorrow", tagline=Text(ja="x"), lead=Text(ja="x")),
        series_order=ids,
        instructor=Instructor(name=Text(ja="x"), credentials="MD", bio=Text(ja="x")),
        disclaimer=Legal(title=Text(ja="x"), clauses=[]),
        terms=Legal(title=Text(ja="x"), clauses=[]),
    )
    return Curriculum(site=site, series=series)


def url_for(node_id: str) -> str | None:
    """Every other node published: both looks are exercised."""
    if node_id == mm.ROOT_ID or "-" in node_id:
        return None
    return f"{node_id.lower()}/" if sum(map(ord, node_id)) % 2 == 0 else None


# --- running ----------------------------------------------------------------------------------


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.1f}" if values else "-"


def med(values: list[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def run(trees: list[tuple[str, dict[str, Any]]], runs: int) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    results = []
    with tempfile.TemporaryDirectory(prefix="bench-mindmap-") as tmp:
        site = Path(tmp)
        (site / "assets" / "mindmap").mkdir(parents=True)
        for name in ("mindmap.css", "mindmap.js"):
            shutil.copy(features.ASSETS / "mindmap" / name, site / "assets" / "mindmap" / name)
        for i, (_, tree) in enumerate(trees):
            html = mm.render_mindmap(tree, page_url="", lang="ja", map_id="bench")
            (site / f"t{i}.html").write_text(PAGE.replace("MAP", html), encoding="utf-8")
        with serve(site) as url, sync_playwright() as p:
            browser = launch(p)
            for i, (name, tree) in enumerate(trees):
                page = browser.new_page(viewport={"width": 1100, "height": 800})
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))  # noqa: B023
                page.goto(f"{url}t{i}.html")
                data = page.evaluate(BENCH_JS, [runs, QUERIES])
                page.close()
                if errors:
                    raise RuntimeError(f"{name}: {errors}")
                data["name"] = name
                data["tree_nodes"] = mm.node_count(tree)
                results.append(data)
            browser.close()
    return results


def sizes() -> list[tuple[str, int, int]]:
    rows = []
    total_raw = total_gz = 0
    for name in ("mindmap.js", "mindmap.css"):
        raw = (features.ASSETS / "mindmap" / name).read_bytes()
        gz = len(gzip.compress(raw, compresslevel=9))
        rows.append((name, len(raw), gz))
        total_raw += len(raw)
        total_gz += gz
    rows.append(("total", total_raw, total_gz))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--curriculum", type=Path, default=ROOT / "curriculum")
    args = parser.parse_args(argv)

    trees: list[tuple[str, dict[str, Any]]] = []
    real, problems = load_real(args.curriculum)
    if real is None:
        print("real curriculum: skipped, it does not validate yet:")
        for line in problems[:10]:
            print("  ", line)
    else:
        trees.append(("real global (ja)", dict(mm.global_tree(real, "ja", url_for))))
        biggest = max(real.series, key=lambda s: sum(1 + len(x.children) for x in s.lessons()))
        trees.append(
            (f"real series {biggest.id} (ja)", dict(mm.series_tree(biggest, "ja", url_for)))
        )
    syn = synthetic(args.lessons)
    trees.append((f"synthetic {args.lessons} lessons", dict(mm.global_tree(syn, "ja", url_for))))

    results = run(trees, args.runs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nmedian of {args.runs} runs, ms (load average {load:.1f} on {os.cpu_count()} CPUs)")
    head = (
        f"{'tree':<28}{'nodes':>6}{'render':>8}{'+frame':>8}  {'toggle target':<26}"
        f"{'expand':>7}{'+frame':>8}{'fold':>6}{'again':>7}{'all':>7}{'+frame':>8}{'find':>6}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        print(
            f"{r['name']:<28}{r['tree_nodes']:>6}{median(r['render']):>8}"
            f"{median(r['renderFrame']):>8}  {r['target'][:25]:<26}{median(r['expand']):>7}"
            f"{median(r['expandFrame']):>8}{median(r['collapse']):>6}{median(r['reexpand']):>7}"
            f"{median(r['expandAll']):>7}{median(r['expandAllFrame']):>8}{median(r['search']):>6}"
        )
    print(
        "\nrender/expand/fold/again/all: sync JS + forced style and layout; +frame: until the "
        "next frame; find: the slowest keystroke of " + ", ".join(QUERIES) + "."
    )
    print(f"\n{'asset':<14}{'bytes':>8}{'gzip -9':>9}")
    rows = sizes()
    for name, raw, gz in rows:
        print(f"{name:<14}{raw:>8}{gz:>9}")

    checks = [("JS + CSS gzipped, KB", rows[-1][2] / 1024, BUDGET_GZ / 1024)]
    for r in results:
        stress = r["name"].startswith("synthetic")
        render_budget = BUDGET_RENDER_STRESS_MS if stress else BUDGET_RENDER_MS
        checks.append((f"{r['name']}: first render, ms", med(r["render"]), render_budget))
        toggles = r["expand"] + r["collapse"] + r["reexpand"]
        if toggles:
            checks.append(
                (
                    f"{r['name']}: toggle, ms",
                    max(med(r["expand"]), med(r["collapse"]), med(r["reexpand"])),
                    BUDGET_TOGGLE_MS,
                )
            )
        checks.append((f"{r['name']}: find keystroke, ms", med(r["search"]), BUDGET_SEARCH_MS))
    print(f"\n{'budget':<52}{'measured':>9}{'budget':>8}  verdict")
    over = 0
    for label, value, budget in checks:
        ok = value <= budget
        over += not ok
        print(f"{label:<52}{value:>9.1f}{budget:>8.0f}  {'ok' if ok else 'OVER'}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
