#!/usr/bin/env python3
"""Copy the pinned browser assets from node_modules into the package.

Usage:
    npm ci                          # installs the versions pinned in package-lock.json
    python scripts/vendor.py        # (re)writes src/nexus_site/assets/vendor/
    python scripts/vendor.py --check

The site must not request anything from another origin when a page loads, so
KaTeX and mermaid are served from ``assets/vendor/``.  This script is the only
thing that writes there.  It is stdlib-only and deterministic: running it twice
yields byte-identical files, and ``--check`` exits 1 naming every vendored file
that differs from what would be written (or that should not be there).

What is vendored:

* ``katex/``: katex.min.js, katex.min.css (each ``@font-face`` rewritten to list
  only its woff2 source), contrib/auto-render.min.js, fonts/*.woff2, LICENSE.
* ``mermaid/``: dist/mermaid.esm.min.mjs and dist/chunks/mermaid.esm.min/*.mjs
  (the ESM build: a page loads the entry and only the chunks of its diagram
  types), LICENSE, and THIRD_PARTY_LICENSES.txt with the licence texts of every
  runtime dependency bundled into those modules.
* ``VERSIONS.json`` and ``THIRD_PARTY.txt`` describing all of the above.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
DEST = ROOT / "src" / "nexus_site" / "assets" / "vendor"

# Packages that are vendored, in the order they are listed in generated files.
VENDORED = ("katex", "mermaid")

_EXACT_VERSION = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_SRC_DECL = re.compile(r"(?P<prop>\bsrc\s*:)(?P<value>[^;}]*)")
_URL = re.compile(r"url\(\s*(?P<q>['\"]?)(?P<url>[^'\")]+)(?P=q)\s*\)")
_LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|notice)([.-].*)?$", re.IGNORECASE)


class VendorError(Exception):
    """A problem that stops vendoring (missing install, wrong version, bad input)."""


# --------------------------------------------------------------------------- #
# node_modules / lockfile inspection
# --------------------------------------------------------------------------- #


def _read_json(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise VendorError(f"missing {path.relative_to(ROOT)}") from exc
    if not isinstance(data, dict):
        raise VendorError(f"{path.relative_to(ROOT)} is not a JSON object")
    return data


def _str_map(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items()}


@dataclass(frozen=True)
class Package:
    lock_path: str  # e.g. "node_modules/mermaid/node_modules/katex"
    name: str
    version: str
    license: str

    @property
    def dir(self) -> Path:
        return ROOT / self.lock_path


def _lock_packages() -> dict[str, dict[str, object]]:
    lock = _read_json(ROOT / "package-lock.json")
    packages = lock.get("packages")
    if not isinstance(packages, dict):
        raise VendorError("package-lock.json has no 'packages' table (lockfileVersion >= 2 needed)")
    return {str(k): v for k, v in packages.items() if isinstance(v, dict)}


def _name_from_lock_path(lock_path: str) -> str:
    return lock_path.rsplit("node_modules/", 1)[1]


def _licence_from_text(text: str) -> str | None:
    head = text[:2000]
    if "Permission is hereby granted, free of charge" in head:
        return "MIT"
    if "Permission to use, copy, modify, and/or distribute this software" in head:
        return "ISC"
    return None


def _package(lock_path: str, entry: dict[str, object]) -> Package:
    name = _name_from_lock_path(lock_path)
    version = str(entry.get("version", ""))
    pkg_json = _read_json(ROOT / lock_path / "package.json")
    installed = str(pkg_json.get("version", ""))
    if installed != version:
        raise VendorError(
            f"{lock_path} is {installed or 'unknown'} but package-lock.json pins {version}; "
            "run `npm ci`"
        )
    licence = entry.get("license") or pkg_json.get("license")
    if not licence:
        for f in _licence_files(ROOT / lock_path):
            licence = _licence_from_text(f.read_text(encoding="utf-8", errors="replace"))
            if licence:
                break
    return Package(lock_path, name, version, str(licence or "SEE LICENSE FILE"))


def _resolve(name: str, from_path: str, packages: dict[str, dict[str, object]]) -> str | None:
    """Node's lookup: nearest node_modules/<name> walking up from from_path."""
    base = from_path
    while True:
        candidate = f"{base}/node_modules/{name}" if base else f"node_modules/{name}"
        if candidate in packages:
            return candidate
        if not base:
            return None
        cut = base.rfind("/node_modules/")
        base = base[:cut] if cut >= 0 else ""


def _runtime_closure(root: str, packages: dict[str, dict[str, object]]) -> list[str]:
    """Lock paths of everything `root` pulls in at run time (types-only packages excluded)."""
    seen: set[str] = set()
    stack = [root]
    while stack:
        path = stack.pop()
        if path in seen:
            continue
        seen.add(path)
        entry = packages[path]
        wanted = {
            **_str_map(entry.get("peerDependencies")),
            **_str_map(entry.get("optionalDependencies")),
            **_str_map(entry.get("dependencies")),
        }
        required = _str_map(entry.get("dependencies"))
        for dep in sorted(wanted):
            if dep.startswith("@types/"):
                continue
            found = _resolve(dep, path, packages)
            if found is None:
                if dep in required:
                    raise VendorError(f"{path} needs {dep}, which package-lock.json lacks")
                continue
            stack.append(found)
    seen.discard(root)
    return sorted(seen)


def _licence_files(pkg_dir: Path) -> list[Path]:
    if not pkg_dir.is_dir():
        return []
    return sorted(
        (p for p in pkg_dir.iterdir() if p.is_file() and _LICENCE_FILE.match(p.name)),
        key=lambda p: p.name,
    )


def _check_pins() -> dict[str, str]:
    manifest = _read_json(ROOT / "package.json")
    deps = _str_map(manifest.get("dependencies"))
    pins: dict[str, str] = {}
    for name in VENDORED:
        spec = deps.get(name)
        if spec is None:
            raise VendorError(f"package.json does not list {name!r} in dependencies")
        if not _EXACT_VERSION.match(spec):
            raise VendorError(f"package.json must pin {name} exactly, found {spec!r}")
        pins[name] = spec
    return pins


# --------------------------------------------------------------------------- #
# transformations
# --------------------------------------------------------------------------- #


def rewrite_font_faces(css: str) -> str:
    """Keep only the woff2 source in every @font-face ``src`` declaration.

    Raises VendorError when a face has no woff2 source, so an upstream change
    cannot silently leave a face without a font.
    """

    def fix_src(decl: re.Match[str]) -> str:
        sources = [s.strip() for s in _split_top_level_commas(decl.group("value"))]
        woff2 = [s for s in sources if _is_woff2_source(s)]
        if not woff2:
            raise VendorError(f"@font-face without a woff2 source: {decl.group(0)!r}")
        return decl.group("prop") + ",".join(woff2)

    def fix_face(face: re.Match[str]) -> str:
        return _SRC_DECL.sub(fix_src, face.group(0))

    out = _FONT_FACE.sub(fix_face, css)
    leftovers = [url for url in css_font_urls(out) if not _is_woff2_url(url)]
    if leftovers:
        raise VendorError(f"non-woff2 font URLs remain in CSS: {leftovers}")
    return out


def _is_woff2_url(url: str) -> bool:
    return url.split("?")[0].split("#")[0].lower().endswith(".woff2")


def _is_woff2_source(source: str) -> bool:
    urls = [m.group("url") for m in _URL.finditer(source)]
    return len(urls) == 1 and _is_woff2_url(urls[0])


def _split_top_level_commas(value: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    quote = ""
    start = 0
    for i, ch in enumerate(value):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(value[start:i])
            start = i + 1
    parts.append(value[start:])
    return parts


def css_font_urls(css: str) -> list[str]:
    """Every url(...) inside @font-face blocks, in order."""
    return [m.group("url") for face in _FONT_FACE.findall(css) for m in _URL.finditer(face)]


# --------------------------------------------------------------------------- #
# plan
# --------------------------------------------------------------------------- #


def _copy(src: Path) -> bytes:
    try:
        return src.read_bytes()
    except FileNotFoundError as exc:
        raise VendorError(f"missing {src.relative_to(ROOT)}; run `npm ci`") from exc


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _licence_bundle(packages: list[Package]) -> bytes:
    rule = "=" * 78
    chunks = [
        "Licences of the third-party packages bundled into mermaid's ESM modules\n"
        "(the runtime dependency closure of mermaid in package-lock.json).\n"
        "Generated by scripts/vendor.py. Do not edit.\n"
    ]
    for pkg in packages:
        files = _licence_files(pkg.dir)
        if not files:
            raise VendorError(f"{pkg.lock_path} ships no licence file")
        for f in files:
            text = f.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
            chunks.append(
                f"\n{rule}\n{pkg.name}@{pkg.version}  ({pkg.license})  {f.name}\n{rule}\n\n"
                + text.rstrip()
                + "\n"
            )
    return "".join(chunks).encode("utf-8")


def _markdown(
    top: dict[str, Package], bundled: list[Package], files: dict[str, list[str]]
) -> bytes:
    katex, mermaid = top["katex"], top["mermaid"]
    lines = [
        "# Third-party software in assets/vendor",
        "",
        "Generated by `scripts/vendor.py` from the versions pinned in `package.json` and",
        "`package-lock.json`. Do not edit by hand; re-run the script instead.",
        "",
        f"## KaTeX {katex.version}",
        "",
        f"- Licence: {katex.license}, full text in `katex/LICENSE`.",
        "- Files: "
        + ", ".join(f"`{p}`" for p in files["katex"] if not p.startswith("katex/fonts/")),
        "  and the KaTeX fonts in `katex/fonts/` (woff2 only).",
        "- Change: `katex.min.css` is rewritten so each `@font-face` lists only its woff2 source.",
        "",
        f"## Mermaid {mermaid.version}",
        "",
        f"- Licence: {mermaid.license}, full text in `mermaid/LICENSE`.",
        "- Files: `mermaid/mermaid.esm.min.mjs` and `mermaid/chunks/mermaid.esm.min/*.mjs`",
        "  (upstream `dist/mermaid.esm.min.mjs` and `dist/chunks/mermaid.esm.min/`, unmodified).",
        "- The modules are built from mermaid's runtime dependency closure below (a superset of",
        "  what it actually contains); their licence texts are in",
        "  `mermaid/THIRD_PARTY_LICENSES.txt`.",
        "",
        "| Package | Version | Licence |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {p.name} | {p.version} | {p.license} |" for p in bundled]
    notes = []
    for p in bundled:
        if " OR " in p.license:
            options = " or ".join(p.license.strip("()").split(" OR "))
            notes.append(
                f"- {p.name} is offered under a choice of licences ({options}); the licence "
                "files it ships are included unchanged."
            )
        if "EPL" in p.license or "MPL" in p.license:
            notes.append(
                f"- {p.name}: its source code is available from the project's public repository "
                "(the `repository` field of its package.json)."
            )
    if notes:
        lines += ["", "Notes:", "", *notes]
    return ("\n".join(lines) + "\n").encode("utf-8")


_ESM_IMPORT = re.compile(rb'(?:\bfrom|\bimport)\s*\(?\s*"(\./chunks/[^"]+|\./[^"/]+\.mjs)"')


def _vendor_mermaid_esm(dist: Path, plan: dict[str, bytes]) -> None:
    """mermaid's ESM build: the entry module and every chunk it can import (one per diagram
    type, loaded by the browser only when a page has that type), unmodified."""
    entry = _copy(dist / "mermaid.esm.min.mjs")
    if b"export{" not in entry[-2048:] or b"./chunks/mermaid.esm.min/" not in entry[:4096]:
        raise VendorError(
            "mermaid/dist/mermaid.esm.min.mjs no longer looks like the ESM entry that imports "
            "./chunks/mermaid.esm.min/*.mjs; check the new layout before pinning it"
        )
    plan["mermaid/mermaid.esm.min.mjs"] = entry
    chunks = dist / "chunks" / "mermaid.esm.min"
    for chunk in sorted(chunks.glob("*.mjs")):
        plan[f"mermaid/chunks/mermaid.esm.min/{chunk.name}"] = _copy(chunk)
    # Every relative import of the entry must be vendored (the chunks import each other as
    # "./chunk-X.mjs", all in the same folder).
    for spec in _ESM_IMPORT.findall(entry):
        if f"mermaid/{spec.decode()[2:]}" not in plan:
            raise VendorError(f"mermaid.esm.min.mjs imports {spec.decode()}, which is not vendored")


def build_plan() -> dict[str, bytes]:
    """Map of posix path (relative to DEST) -> exact bytes that should be there."""
    if not NODE_MODULES.is_dir():
        raise VendorError("node_modules is missing; run `npm ci` first")
    pins = _check_pins()
    packages = _lock_packages()
    top: dict[str, Package] = {}
    for name in VENDORED:
        entry = packages.get(f"node_modules/{name}")
        if entry is None:
            raise VendorError(f"package-lock.json has no node_modules/{name}; run `npm install`")
        pkg = _package(f"node_modules/{name}", entry)
        if pkg.version != pins[name]:
            raise VendorError(
                f"package.json pins {name} {pins[name]} but the lockfile/node_modules have "
                f"{pkg.version}; run `npm install`"
            )
        top[name] = pkg

    plan: dict[str, bytes] = {}

    # KaTeX --------------------------------------------------------------
    kdir = top["katex"].dir
    plan["katex/katex.min.js"] = _copy(kdir / "dist" / "katex.min.js")
    css = _copy(kdir / "dist" / "katex.min.css").decode("utf-8")
    css = rewrite_font_faces(css)
    plan["katex/katex.min.css"] = css.encode("utf-8")
    plan["katex/contrib/auto-render.min.js"] = _copy(
        kdir / "dist" / "contrib" / "auto-render.min.js"
    )
    fonts = sorted((kdir / "dist" / "fonts").glob("*.woff2"), key=lambda p: p.name)
    if not fonts:
        raise VendorError("katex/dist/fonts has no woff2 files")
    for font in fonts:
        plan[f"katex/fonts/{font.name}"] = _copy(font)
    for url in css_font_urls(css):
        if f"katex/{url}" not in plan:
            raise VendorError(f"katex.min.css references {url}, which is not vendored")
    plan["katex/LICENSE"] = _copy(kdir / "LICENSE")

    # mermaid ------------------------------------------------------------
    mdir = top["mermaid"].dir
    _vendor_mermaid_esm(mdir / "dist", plan)
    plan["mermaid/LICENSE"] = _copy(mdir / "LICENSE")
    bundled = [
        _package(path, packages[path])
        for path in _runtime_closure("node_modules/mermaid", packages)
    ]
    bundled.sort(key=lambda p: (p.name, p.version))
    plan["mermaid/THIRD_PARTY_LICENSES.txt"] = _licence_bundle(bundled)

    # metadata -----------------------------------------------------------
    files = {name: sorted(p for p in plan if p.startswith(f"{name}/")) for name in VENDORED}
    versions = {
        name: {
            "version": top[name].version,
            "license": top[name].license,
            "files": {p: _sha256(plan[p]) for p in files[name]},
            **(
                {"bundled": {f"{p.name}@{p.version}": p.license for p in bundled}}
                if name == "mermaid"
                else {}
            ),
        }
        for name in VENDORED
    }
    plan["VERSIONS.json"] = (json.dumps(versions, indent=2, sort_keys=True) + "\n").encode("utf-8")
    plan["THIRD_PARTY.txt"] = _markdown(top, bundled, files)
    return dict(sorted(plan.items()))


# --------------------------------------------------------------------------- #
# check / write
# --------------------------------------------------------------------------- #


def _existing_files() -> set[str]:
    if not DEST.is_dir():
        return set()
    return {p.relative_to(DEST).as_posix() for p in DEST.rglob("*") if p.is_file()}


def diff(plan: dict[str, bytes]) -> list[str]:
    """Human-readable list of vendored files that differ from the plan."""
    problems: list[str] = []
    existing = _existing_files()
    rel = DEST.relative_to(ROOT).as_posix()
    for path, data in plan.items():
        target = DEST / path
        if path not in existing:
            problems.append(f"missing: {rel}/{path}")
        elif target.read_bytes() != data:
            problems.append(f"stale: {rel}/{path}")
    for path in sorted(existing - plan.keys()):
        problems.append(f"unexpected: {rel}/{path}")
    return problems


def write(plan: dict[str, bytes]) -> list[str]:
    changed: list[str] = []
    for path, data in plan.items():
        target = DEST / path
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(f"wrote {path}")
    for path in sorted(_existing_files() - plan.keys()):
        (DEST / path).unlink()
        changed.append(f"removed {path}")
    # Drop directories left empty by removals, deepest first.
    for d in sorted((p for p in DEST.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(d.iterdir()):
            d.rmdir()
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if any vendored file differs from what would be written; write nothing",
    )
    args = parser.parse_args(argv)
    try:
        plan = build_plan()
    except VendorError as exc:
        print(f"vendor.py: error: {exc}", file=sys.stderr)
        return 2
    if args.check:
        problems = diff(plan)
        if problems:
            for line in problems:
                print(f"vendor.py: {line}", file=sys.stderr)
            print(
                "vendor.py: vendored assets are out of date; run `python scripts/vendor.py`",
                file=sys.stderr,
            )
            return 1
        print(f"vendor.py: {len(plan)} vendored files up to date")
        return 0
    changed = write(plan)
    for line in changed:
        print(f"vendor.py: {line}")
    where = DEST.relative_to(ROOT).as_posix()
    print(f"vendor.py: {len(plan)} files in {where} ({len(changed)} changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
