"""The design rules of README.md ("Architecture"), checked on the code itself.

- MkDocs is imported only by the adapter (``nexus_site.mkdocs``); the adapter stays thin.
- The packages are layered curriculum → content → project → site → (cli, mkdocs), and no module
  imports, even inside a function, one that imports it back (no cycles).
- No module over 400 lines; no function over complexity 15 (ruff C90, in pyproject.toml).
- mypy --strict covers the package, the tests and the scripts.
- A build never writes into ``content/`` or ``curriculum/``.
"""

from __future__ import annotations

import ast
import hashlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from support import ROOT, build_both, copy_project

PACKAGE = ROOT / "src" / "nexus_site"
MODULES = sorted(PACKAGE.rglob("*.py"))

# What each part of the package may import (besides itself). The order is the pipeline.
LAYERS: dict[str, set[str]] = {
    "errors": set(),
    "curriculum": {"errors"},
    "i18n": {"curriculum"},
    "content": {"curriculum", "errors"},
    "project": {"content", "curriculum", "errors"},
    "site": {"project", "content", "curriculum", "i18n", "errors"},
    "cli": {"project", "site", "content", "curriculum", "i18n", "errors"},
    "mkdocs": {"site"},
    "__init__": {"curriculum", "errors"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module imported by ``path``, wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def internal(path: Path) -> set[str]:
    known = {module_name(p) for p in MODULES}
    found = {name for name in imports(path) if name in known} - {module_name(path)}
    # ``from nexus_site.site import urls`` imports nexus_site.site.urls, not the package's code.
    return {name for name in found if not any(m.startswith(name + ".") for m in found)}


def part_of(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_only_the_adapter_imports_mkdocs() -> None:
    offenders = [
        module_name(path)
        for path in MODULES
        if part_of(module_name(path)) != "mkdocs"
        and any(n.split(".")[0] in ("mkdocs", "material") for n in imports(path))
    ]
    assert offenders == []


def test_the_adapter_is_thin() -> None:
    plugin = PACKAGE / "mkdocs" / "plugin.py"
    assert len(plugin.read_text(encoding="utf-8").splitlines()) <= 150
    assert {n for n in internal(plugin) if "." in n} <= {
        "nexus_site.site.build",
        "nexus_site.site",
    }


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_imports_follow_the_pipeline(path: Path) -> None:
    mine = part_of(module_name(path))
    allowed = LAYERS[mine] | {mine}
    wrong = sorted(n for n in internal(path) if part_of(n) not in allowed)
    assert wrong == [], f"{module_name(path)} ({mine}) may import only {sorted(allowed)}"


def test_no_import_cycles() -> None:
    graph = {module_name(p): internal(p) for p in MODULES}
    # A package's own __init__ importing a submodule is not a cycle of code.
    graph = {m: {n for n in deps if not m.startswith(n + ".")} for m, deps in graph.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycle.extend([*path[path.index(dep) :], dep] if dep in path else [node, dep])
                return True
            if dep not in state and visit(dep, [*path, dep]):
                return True
        state[node] = 2
        return False

    for start in sorted(graph):
        if start not in state and visit(start, [start]):
            break
    assert cycle == []


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_no_module_over_400_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_complexity_and_typing_rules_are_configured() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lint = config["tool"]["ruff"]["lint"]
    assert "C90" in lint["select"] and lint["mccabe"]["max-complexity"] == 15
    mypy = config["tool"]["mypy"]
    assert mypy["strict"] is True and {"src/nexus_site", "tests", "scripts"} <= set(mypy["files"])


def test_no_function_over_complexity_15() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "C90", "--output-format", "concise"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    return {
        p.relative_to(folder).as_posix(): (
            p.stat().st_mtime_ns,
            hashlib.sha256(p.read_bytes()).hexdigest(),
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.build
def test_a_build_never_writes_into_content_or_curriculum(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = {name: snapshot(project / name) for name in ("content", "curriculum")}
    names_before = {name: set((project / name).rglob("*")) for name in before}
    build_both(project, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").is_file()
    for name, files in before.items():
        assert snapshot(project / name) == files, name
        assert set((project / name).rglob("*")) == names_before[name], name
