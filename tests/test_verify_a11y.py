"""Accessibility: axe-core on every page type, both languages, light and dark scheme.

No serious or critical violation is allowed. axe-core comes from npm (package.json
devDependencies, pinned in package-lock.json; ``npm ci`` in scripts/test installs it). Material
follows ``prefers-color-scheme`` through the palette's media queries, so Playwright's
``color_scheme`` selects the scheme.

The few violations that come from Material itself (markup we do not write) or that are an artefact
of axe's rule on a correct ARIA pattern are listed in :data:`KNOWN` and ignored only for the exact
rule and elements named there; everything else fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from support import ROOT, meet_map

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

PAGES = [
    "",  # home: hero, cards, mind map
    "p/",  # series: overview table, mind map, lesson tree
    "p/p9/",  # lesson: math, code, tables, interactive figures, a quiz
    "p/p15/",  # notebook lesson
    "g/g17/",  # lesson with mermaid diagrams
    "terms/",
    "disclaimer/",
    "guide/",  # author guide
    "404.html",
    "en/",
    "en/p/",
    "en/g/g17/",  # translated lesson
    "en/p/p9/",  # translated lesson with figures and a quiz, labelled in English
    "en/p/p15/",  # Japanese original (not translated) under English chrome
    "en/terms/",
]

Node = dict[str, Any]

# rule id -> (why it is not ours to fix, which nodes it excuses)
KNOWN: dict[str, tuple[str, Callable[[Node], bool]]] = {
    "scrollable-region-focusable": (
        "Material's JavaScript wraps a wide table in div.md-typeset__scrollwrap without a "
        "tabindex. Material's markup, created at run time.",
        lambda n: n["classes"] == ["md-typeset__scrollwrap"],
    ),
    "label-content-name-mismatch": (
        "Our mind map follows the ARIA tree pattern: an expanded treeitem contains the group of "
        "its children, so axe counts the children's labels as the item's visible text. Each "
        "item's aria-label is its own visible label; only expanded items with children are "
        "excused (a leaf or folded item must still match).",
        lambda n: (
            n["in_mindmap"]
            and n["role"] == "treeitem"
            and {"mm-item", "has-kids", "is-open"} <= set(n["classes"])
        ),
    ),
}


def _ready(page: Any) -> None:
    """Wait for what scripts draw: figures, mermaid diagrams, math and the mind map."""
    page.wait_for_load_state("networkidle")
    # Diagrams are drawn when they near the viewport: bring each there, then check them all.
    if page.locator(".arithmatex, .jupyter-wrapper").count():  # math: all of it, as for print
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.locator(".katex").first.wait_for(timeout=15000)
    figures = page.locator("figure.nexus-figure")  # interactive figures start near the viewport
    for i in range(figures.count()):
        figures.nth(i).scroll_into_view_if_needed()
        figures.nth(i).locator(".nf-live").wait_for(timeout=15000)
    diagrams = page.locator(".nexus-mermaid-diagram")
    for i in range(diagrams.count()):
        diagrams.nth(i).scroll_into_view_if_needed()
        diagrams.nth(i).locator("svg").first.wait_for(timeout=15000)
    if page.locator(".nexus-mindmap").count():  # maps are built when a reader comes near
        meet_map(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_no_serious_violations(browser: Any, real_url: str, path: str, scheme: str) -> None:
    if not AXE.is_file():
        pytest.skip("node_modules/axe-core is missing: run `npm ci` (scripts/test does)")
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(real_url + path)
        _ready(page)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => {
                const result = await axe.run(
                    document, {resultTypes: ["violations"], elementRef: true});
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => ({
                        target: n.target.join(" "), html: n.html,
                        summary: n.failureSummary || "",
                        classes: n.element ? [...n.element.classList] : [],
                        role: n.element ? n.element.getAttribute("role") : null,
                        in_mindmap: !!(n.element && n.element.closest(".nexus-mindmap")),
                    })),
                }));
            }"""
        )
    finally:
        context.close()
    found: list[str] = []
    excused = 0
    for v in violations:
        if v["impact"] not in ("serious", "critical"):
            continue
        known = KNOWN.get(v["id"])
        for node in v["nodes"]:
            if known is not None and known[1](node):
                excused += 1
                continue
            found.append(
                f"{v['id']} ({v['impact']}): {node['target']}\n  {node['html'][:160]}"
                f"\n  {node['summary'][:300]}"
            )
    print(f"\naxe {scheme} {path or 'home'}: {len(found)} serious/critical, {excused} excused")
    assert found == [], "\n".join(found)


def test_known_exceptions_are_documented() -> None:
    for rule, (why, _) in KNOWN.items():
        assert len(why) > 40, rule


def test_axe_is_pinned_in_the_lockfile() -> None:
    import json

    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    version = package["devDependencies"]["axe-core"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "pin an exact version (npm --save-exact)"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/axe-core"]["version"] == version
