"""Vendored browser assets (scripts/vendor.py -> src/nexus_site/assets/vendor/)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "vendor.py"
VENDOR = ROOT / "src" / "nexus_site" / "assets" / "vendor"
KATEX_CSS = VENDOR / "katex" / "katex.min.css"

_URL = re.compile(r"url\(\s*['\"]?([^'\")]+?)['\"]?\s*\)")


def _load_vendor_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("nexus_vendor_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def _font_face_urls(css: str) -> list[str]:
    faces = re.findall(r"@font-face\s*\{[^}]*\}", css)
    return [url for face in faces for url in _URL.findall(face)]


@pytest.mark.skipif(
    not (ROOT / "node_modules").is_dir(),
    reason="node_modules is absent (run `npm ci`); cannot compare vendored files with their source",
)
def test_vendor_check_passes() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_katex_css_lists_only_woff2_fonts() -> None:
    css = KATEX_CSS.read_text(encoding="utf-8")
    urls = _font_face_urls(css)
    assert urls, "no @font-face url() found in the vendored katex.min.css"
    assert [u for u in urls if not u.endswith(".woff2")] == []
    assert not re.search(r"\.(woff|ttf|otf|eot)\b(?!2)", css), "non-woff2 font reference left"
    assert 'format("woff")' not in css
    assert 'format("truetype")' not in css


def test_katex_css_has_no_absolute_urls() -> None:
    css = KATEX_CSS.read_text(encoding="utf-8")
    absolute = [u for u in _URL.findall(css) if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", u, re.I)]
    assert absolute == []


def test_every_referenced_font_exists() -> None:
    css = KATEX_CSS.read_text(encoding="utf-8")
    missing = [u for u in _font_face_urls(css) if not (KATEX_CSS.parent / u).is_file()]
    assert missing == []
    shipped = {p.name for p in (VENDOR / "katex" / "fonts").iterdir()}
    assert shipped == {Path(u).name for u in _font_face_urls(css)}, "unreferenced font files"


def test_licences_and_notices_present() -> None:
    for rel in ("katex/LICENSE", "mermaid/LICENSE", "mermaid/THIRD_PARTY_LICENSES.txt"):
        text = (VENDOR / rel).read_text(encoding="utf-8")
        assert "Permission is hereby granted" in text, rel
    notice = (VENDOR / "THIRD_PARTY.txt").read_text(encoding="utf-8")
    assert "KaTeX" in notice and "Mermaid" in notice


def test_versions_json_matches_pins_and_files() -> None:
    versions = json.loads((VENDOR / "VERSIONS.json").read_text(encoding="utf-8"))
    pins = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert {name: info["version"] for name, info in versions.items()} == {
        name: pins[name] for name in ("katex", "mermaid")
    }
    for info in versions.values():
        assert info["license"]
        for rel, digest in info["files"].items():
            assert hashlib.sha256((VENDOR / rel).read_bytes()).hexdigest() == digest, rel


def test_mermaid_esm_imports_only_vendored_chunks() -> None:
    """The ESM entry and its chunks import one another by relative paths, all vendored."""
    folder = VENDOR / "mermaid"
    entry = folder / "mermaid.esm.min.mjs"
    assert entry.read_bytes()[-2048:].find(b"as default}") > 0
    spec = re.compile(rb'(?:\bfrom|\bimport)\s*\(?\s*"(\.{1,2}/[^"]+\.mjs)"')
    for module in [entry, *sorted((folder / "chunks" / "mermaid.esm.min").glob("*.mjs"))]:
        for target in spec.findall(module.read_bytes()):
            assert (module.parent / target.decode()).resolve().is_file(), (module.name, target)


def test_rewrite_font_faces_keeps_only_woff2() -> None:
    vendor = _load_vendor_module()
    css = (
        "a{color:red}"
        '@font-face{font-family:X;src:url(fonts/X.woff2) format("woff2"),'
        'url(fonts/X.woff) format("woff"),url(\'fonts/X.ttf\') format("truetype")}'
        ".b{background:url(img.png)}"
    )
    out = vendor.rewrite_font_faces(css)
    assert out == (
        'a{color:red}@font-face{font-family:X;src:url(fonts/X.woff2) format("woff2")}'
        ".b{background:url(img.png)}"
    )


def test_rewrite_font_faces_rejects_face_without_woff2() -> None:
    vendor = _load_vendor_module()
    with pytest.raises(vendor.VendorError):
        vendor.rewrite_font_faces('@font-face{font-family:X;src:url(X.woff) format("woff")}')
