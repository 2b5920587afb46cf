"""Escaping: a curriculum with a script payload in every text field builds into a site that shows
the payloads as text and never runs them.

The fixture (``tests/fixtures/injection/``) puts :data:`PAYLOAD` — an ``<img onerror>``, a
``</script>`` breakout, an attribute breakout with ``<svg onload>``, and Jinja markers — after a
field tag (``L-TITLE``, ``HERO-LEAD``…) into every text of ``site.yml`` and both series (titles,
labels, summaries, intro, overview, purpose, parts, lessons, sub-lessons at two levels, notes,
sub-series, hero, problems, steps, instructor, contact, rename note, mind-map help, disclaimer,
terms, site page titles), Markdown fields also get a ``javascript:`` link, and lesson, notebook and
site-page front matter descriptions get the payload too. Both languages are built, then:

(a) every generated HTML, JSON and XML file is parsed: no payload became markup;
(b) every page is opened in Chromium, the mind maps expanded and the search used: nothing runs;
(c) the payload text appears literally where it belongs (h1s, titles, meta descriptions, nav,
    mind-map data, feed, search index).
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from playwright.sync_api import Dialog

from support import ROOT, build_both, meet_map, read_html, serve_under_subpath

FIXTURE = Path(__file__).parent / "fixtures" / "injection"
PAYLOAD = (
    "<img src=x onerror=alert(1)> </script><script>alert(1)</script>"
    ' "><svg onload=alert(1)> {{ 7*7 }} {% raw %}'
)
ATOM = "{http://www.w3.org/2005/Atom}"


def text(tag: str) -> str:
    """The full text of a fixture field: its tag, then the payload."""
    return f"{tag} {PAYLOAD}"


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("injection") / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    for folder in ("curriculum", "content"):
        shutil.copytree(FIXTURE / folder, project / folder)
    return build_both(project, project / "site")


@pytest.fixture(scope="module")
def injected_url(injected: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_under_subpath(injected, tmp_path_factory.mktemp("injection-serve")) as url:
        yield url


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


# --- (a) nothing became markup -----------------------------------------------------------


def test_fixture_covers_every_field() -> None:
    site = (FIXTURE / "curriculum" / "site.yml").read_text(encoding="utf-8")
    series = (FIXTURE / "curriculum" / "l.yml").read_text(encoding="utf-8")
    series += (FIXTURE / "curriculum" / "m.yml").read_text(encoding="utf-8")
    for tag in (
        "SITE-NAME", "HERO-MOTTO", "HERO-TAGLINE", "HERO-LEAD", "HERO-CALL", "WORRY",
        "WORRY-DETAIL", "ANSWER", "ANSWER-DETAIL", "STEP-TITLE", "STEP-BODY", "MAP-HELP",
        "INSTR-NAME", "INSTR-CRED", "INSTR-ROLE", "INSTR-BIO", "CONTACT-HEAD", "CONTACT-BODY",
        "RENAME", "DISC-TITLE", "DISC-INTRO", "DISC-HEAD", "DISC-BODY", "TERMS-TITLE",
        "TERMS-INTRO", "TERMS-HEAD", "TERMS-BODY", "PAGE-TITLE",
    ):  # fmt: skip
        assert text(tag) in site, tag
    for tag in (
        "L-TITLE", "L-LABEL", "L-SUMMARY", "L-INTRO", "OV-SUMMARY", "OV-AUDIENCE",
        "OV-OBJECTIVES", "OV-GOAL", "PART-TITLE", "PART-LABEL", "PART-DESC", "L7-TITLE",
        "L7-LABEL", "L7-NOTE", "L8-TITLE", "L8-LABEL", "L8-NOTE", "L8.1-TITLE", "L8.1-NOTE",
        "L8.2-TITLE", "L8.2-LABEL", "L8.2.1-TITLE", "L8.2.1-NOTE", "SUB-TITLE", "SUB-LABEL",
        "M-TITLE", "PURPOSE-TEXT", "PURPOSE-BULLET", "M0-TITLE",
    ):  # fmt: skip
        assert text(tag) in series, tag
    assert series.count("javascript:alert(1)") >= 10


def test_no_payload_became_markup(injected: Path) -> None:
    files = html_files(injected)
    assert len(files) >= 20  # both languages: home, 2 series, 3 lessons, 2 legal, guide, 404
    problems: list[str] = []
    for path in files:
        doc = read_html(path)
        where = path.relative_to(injected).as_posix()
        for element in doc.find_all(True):
            assert isinstance(element, Tag)
            for name, value in element.attrs.items():
                values = value if isinstance(value, list) else [value]
                if name.lower().startswith("on") and any("alert" in v for v in values):
                    problems.append(f"{where}: <{element.name} {name}={value!r}>")
                if name.lower() in ("href", "src", "action", "formaction", "xlink:href") and any(
                    v.strip().lower().startswith(("javascript:", "data:text/html")) for v in values
                ):
                    problems.append(f"{where}: <{element.name} {name}={value!r}>")
            if element.name == "img" and element.get("src") == "x":
                problems.append(f"{where}: injected <img>")
            if element.name == "svg" and element.has_attr("onload"):
                problems.append(f"{where}: injected <svg>")
            if element.name == "script":
                body = element.string or ""
                if element.get("type") == "application/json":
                    json.loads(body)  # data, and still well-formed
                elif "alert(1)" in body:
                    problems.append(f"{where}: injected script {body[:60]!r}")
        # A broken-out attribute would leave the payload's pieces as attribute names.
        for element in doc.find_all(True):
            assert isinstance(element, Tag)
            stray = [a for a in element.attrs if a.startswith(("alert", "<", '"', "{"))]
            if stray:
                problems.append(f"{where}: stray attributes {stray} on <{element.name}>")
    assert problems == []


def test_payload_is_shown_whole_never_half_parsed_or_escaped_twice(injected: Path) -> None:
    """Every text node and attribute that holds a payload holds it entirely, once decoded: no
    part was eaten as markup, and nothing shows ``&lt;`` to the reader (double escaping)."""
    problems: list[str] = []
    seen = 0
    for path in html_files(injected):
        doc = read_html(path)
        where = path.relative_to(injected).as_posix()
        strings: list[str] = [
            s for s in doc.find_all(string=True) if s.parent is None or s.parent.name != "script"
        ]
        for element in doc.find_all(True):
            assert isinstance(element, Tag)
            for value in element.attrs.values():
                strings += value if isinstance(value, list) else [value]
        for s in strings:
            if "&lt;" in s or "&amp;" in s or "&quot;" in s or "&#34;" in s:
                problems.append(f"{where}: escaped twice: {s[:120]!r}")
            if "onerror=alert(1)" in s:
                seen += 1
                if PAYLOAD not in s:
                    problems.append(f"{where}: payload cut: {s[:200]!r}")
            if s.strip() == "49" or ("{{" in s and "{{ 7*7 }}" not in s):
                problems.append(f"{where}: template evaluated: {s[:120]!r}")
    assert problems == []
    assert seen > 200


def test_json_files_parse_and_hold_no_markup(injected: Path) -> None:
    for index in (
        injected / "pagefind" / "pagefind-entry.json",
        injected / "en" / "pagefind" / "pagefind-entry.json",
    ):
        data = json.loads(index.read_text(encoding="utf-8"))
        assert data["languages"]  # search results themselves are built as text (search.js)
    for path in html_files(injected):
        for script in read_html(path).find_all("script", type="application/json"):
            json.loads(script.string or "")


def test_xml_files_parse_and_hold_the_text(injected: Path) -> None:
    for lang, base in (("ja", injected), ("en", injected / "en")):
        for name in ("sitemap.xml", "feed.xml"):
            root = ET.parse(base / name).getroot()
            for element in root.iter():
                local = element.tag.rsplit("}", 1)[-1]
                assert local not in ("script", "img", "svg"), (base / name, local)
        feed = ET.parse(base / "feed.xml").getroot()
        titles = [e.text for e in feed.iter(ATOM + "title")]
        suffix = "en" if lang == "en" else ""
        assert f"L8: {text('L8-TITLE' + suffix)}" in titles
        summaries = [e.text for e in feed.iter(ATOM + "summary")]
        assert text("L8-DESC" + suffix) in summaries
        assert text("M0-DESC") in summaries


# --- (c) the text is where it belongs ------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_payload_text_appears_literally(injected: Path, lang: str) -> None:
    base = injected if lang == "ja" else injected / "en"
    s = "" if lang == "ja" else "en"

    def one(path: str, selector: str) -> str:
        found = read_html(base / path).select_one(selector)
        assert found is not None, (path, selector)
        return found.get_text(" ", strip=True) if isinstance(found, Tag) else ""

    def meta(path: str) -> str:
        found = read_html(base / path).find("meta", attrs={"name": "description"})
        assert isinstance(found, Tag), path
        return str(found["content"])

    home = "index.html"
    assert one(home, "#nx-hero-title") == text("SITE-NAME")
    assert one(home, ".nx-hero__motto") == text("HERO-MOTTO")
    assert one(home, ".nx-hero__tagline") == text("HERO-TAGLINE" + s)
    assert text("HERO-LEAD" + s) in one(home, ".nx-about__lead")
    assert text("WORRY" + s) == one(home, ".nx-problem__worry h3")
    assert one(home, ".nx-instructor__credentials") == text("INSTR-CRED")
    assert text("MAP-HELP" + s) == one(home, ".nx-maphelp li")
    assert one(home, ".nx-rename") == text("RENAME" + s)
    assert meta(home) == text("HERO-TAGLINE" + s)

    series = "l/index.html"
    assert one(series, "article h1") == text("L-TITLE" + s)
    assert text("L-INTRO" + s) in one(series, ".nx-intro")
    assert one(series, ".nx-part__desc") == text("PART-DESC" + s)
    assert text("SUB-TITLE" + s) in one(series, "#subseries + ul")
    assert one(series, "title") == f"L: {text('L-LABEL' + s)} - Medical AI Nexus"
    assert meta(series) == text("L-SUMMARY" + s)
    link = read_html(base / series).select_one(".nx-intro a")
    assert isinstance(link, Tag) and not link.has_attr("href")  # javascript: link dropped
    tree = json.loads(one(series, "script.nexus-mindmap__data"))
    assert tree["title"] == text("L-TITLE" + s)
    number = "第III部" if lang == "ja" else "Part III"  # the map shows part numbers
    assert tree["children"][0]["label"] == f"{number} {text('PART-LABEL' + s)}"
    nav = [a.get_text(" ", strip=True) for a in read_html(base / series).select(".md-nav__link")]
    assert f"L: {text('L-LABEL' + s)}" in nav

    lesson = "l/l8/index.html"
    assert one(lesson, "article h1") == text("L8-TITLE" + s)
    assert one(lesson, ".nx-note--lead") == text("L8-NOTE" + s)
    assert one(lesson, "title") == f"L8: {text('L8-TITLE' + s)} - Medical AI Nexus"
    assert meta(lesson) == text("L8-DESC" + s)
    assert meta("l/l8.2/index.html") == text("L8.2-DESC")
    assert meta("m/m0/index.html") == text("M0-DESC")
    assert one("m/m0/index.html", "article h1") == text("M0-TITLE" + s)
    assert one("m/index.html", ".nx-purpose__text") == (
        f"💡 {'目的' if lang == 'ja' else 'Purpose'}: {text('PURPOSE-TEXT' + s)}"
    )

    assert one("guide/index.html", "article h1") == text("PAGE-TITLE" + s)
    assert meta("guide/index.html") == text("PAGE-DESC")
    assert one("terms/index.html", "article h1") == text("TERMS-TITLE" + s)
    assert one("disclaimer/index.html", "#clause-1") == text("DISC-HEAD" + s)


# --- (b) nothing runs in a browser ---------------------------------------------------------

TRAP = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__xss.push(name + "(" + args.join(",") + ")"); };
}
"""


@pytest.mark.browser
def test_nothing_runs_in_the_browser(browser: Any, injected: Path, injected_url: str) -> None:
    paths = [p.relative_to(injected).as_posix() for p in html_files(injected)]
    paths = [p.removesuffix("index.html") for p in paths]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(TRAP)
    dialogs: list[str] = []
    probes: list[str] = []  # an injected <img src=x> would request ".../x"
    errors: list[str] = []
    try:
        page = context.new_page()

        def dismiss(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)
        page.on("request", lambda r: probes.append(r.url) if r.url.endswith("/x") else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        ran: dict[str, list[str]] = {}
        for path in paths:
            page.goto(injected_url + path, wait_until="networkidle")
            if page.locator(".nexus-mindmap").count():
                meet_map(page)
            for button in page.locator("button[data-action='expand-all']").all():
                button.click()  # the mind map draws every label
            if path in ("", "en/"):
                page.keyboard.press("/")  # the search dialog, with payload titles as results
                page.keyboard.type("onerror")
                page.wait_for_selector(".nx-search__item", timeout=10000)
                page.keyboard.press("Escape")
            page.wait_for_timeout(100)
            hits = page.evaluate("window.__xss")
            if hits:
                ran[path] = hits
            drawn = page.locator(".mm-label").all_inner_texts()
            if page.locator(".nexus-mindmap").count():
                assert any(PAYLOAD in label for label in drawn), path
        print(f"\nescaping: {len(paths)} pages opened, nothing ran")
    finally:
        context.close()
    assert ran == {}
    assert dialogs == []
    assert probes == []
    assert errors == []
    assert len(paths) >= 20
