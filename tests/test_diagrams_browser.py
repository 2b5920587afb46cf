"""Diagrams on the real site, on every page that has one: the page paints without waiting for
mermaid (not in <head>; drawn when a diagram nears the viewport), diagram text stays legible in
both schemes and when the reader toggles (axe color-contrast, and our own WCAG ratio on each
label against the box behind it), and nothing is requested from another origin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from support import ROOT, Recorder

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Each text of a drawn diagram: its colour and the colour of the box or label behind it.
CONTRASTS = """(box) => {
  const rgba = (c) => {
    const m = /rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?/.exec(c || "");
    return !m || m[4] === "0" ? null : [+m[1], +m[2], +m[3], m[4] == null ? 1 : +m[4]];
  };
  const over = (t, b) => [0, 1, 2].map((i) => t[i] * t[3] + b[i] * (1 - t[3])).concat(1);
  const lum = (c) => {
    const v = c.slice(0, 3).map((x) => { x = x / 255;
      return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  };
  const page = rgba(getComputedStyle(document.body).backgroundColor);
  const out = [];
  for (const label of box.querySelectorAll(".nodeLabel, .edgeLabel span, .cluster-label span")) {
    if (!label.textContent.trim()) continue;
    let bg = null;
    for (let el = label; el && el !== box && bg === null; el = el.parentElement) {
      const c = rgba(getComputedStyle(el).backgroundColor);
      if (c) bg = over(c, page);
    }
    const group = label.closest("g.node, g.cluster");
    if (bg === null && group) {
      const shape = group.querySelector("rect, polygon, circle, ellipse, path");
      const fill = shape && rgba(getComputedStyle(shape).fill);
      if (fill) bg = over(fill, page);
    }
    const fg = lum(over(rgba(getComputedStyle(label).color), page));
    const b = lum(bg || page);
    const ratio = (Math.max(fg, b) + 0.05) / (Math.min(fg, b) + 0.05);
    out.push([label.textContent.trim().slice(0, 30), Math.round(ratio * 100) / 100]);
  }
  return out;
}"""


def diagram_pages(site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if 'class="nexus-mermaid"' in p.read_text(encoding="utf-8")
    )


def refuser(asked: list[str]) -> Any:
    """A route handler that records and refuses each request (Playwright passes the route)."""

    def refuse(route: Any) -> None:
        asked.append(route.request.url)
        route.abort()

    return refuse


def draw_all(page: Any) -> None:
    diagrams = page.locator(".nexus-mermaid-diagram")
    for i in range(diagrams.count()):
        diagrams.nth(i).scroll_into_view_if_needed()
        diagrams.nth(i).locator("svg").first.wait_for(timeout=20000)


def test_there_are_pages_with_diagrams(real_site: Path) -> None:
    assert diagram_pages(real_site)  # else the tests below test nothing


def test_pages_paint_without_mermaid(browser: Any, real_site: Path, real_url: str) -> None:
    for path in diagram_pages(real_site):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        asked: list[str] = []
        page.route("**/vendor/mermaid/**", refuser(asked))
        page.goto(real_url + path, wait_until="commit")
        page.wait_for_function(
            "() => performance.getEntriesByName('first-contentful-paint').length > 0",
            timeout=10000,
        )
        page.wait_for_load_state("load")
        # The diagram's source is on the page meanwhile; mermaid is asked for only near one.
        assert page.locator(".nexus-mermaid-diagram pre").count() >= 1, path
        first = page.locator(".nexus-mermaid-diagram").first.bounding_box()
        if first is not None and first["y"] > 2 * 900:
            assert asked == [], f"{path}: mermaid requested before a diagram was near"
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_text_is_legible(browser: Any, real_site: Path, real_url: str, scheme: str) -> None:
    for path in diagram_pages(real_site):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        origin = real_url.split("/nexus/")[0]
        recorder = Recorder(origin)
        recorder.attach(page)
        page.goto(real_url + path)
        draw_all(page)
        low = [
            (path, text, ratio)
            for box in page.locator(".nexus-mermaid-diagram").all()
            for text, ratio in box.evaluate(CONTRASTS)
            if ratio < 4.5
        ]
        assert low == []
        if AXE.is_file():
            page.add_script_tag(path=str(AXE))
            failing = page.evaluate(
                """async () => (await axe.run(".nexus-mermaid-diagram",
                    {runOnly: ["color-contrast"], resultTypes: ["violations"]}))
                    .violations.flatMap(v => v.nodes.map(n => n.target.join(" ")))"""
            )
            assert failing == [], (path, failing)
        recorder.check()  # nothing from another origin, nothing failed
        context.close()


def test_toggling_the_scheme_redraws_legibly(browser: Any, real_site: Path, real_url: str) -> None:
    path = diagram_pages(real_site)[0]
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_url + path)
    draw_all(page)
    box = page.locator(".nexus-mermaid-diagram").first
    assert box.get_attribute("data-rendered") == "default"
    page.locator("form[data-nx-palette] label:visible").first.click()
    page.wait_for_function(
        "b => b.getAttribute('data-rendered') === 'dark'", arg=box.element_handle(), timeout=10000
    )
    assert [r for _t, r in box.evaluate(CONTRASTS) if r < 4.5] == []
    context.close()
