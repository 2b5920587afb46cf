"""Golden tests: each folder under tests/golden/ overlays files on the mini project and holds the
exact report ``nexus-site check`` must print (locations, tree paths, hints).

Regenerate after an intended change of wording: ``GOLDEN_UPDATE=1 uv run pytest tests/test_golden_errors.py``
and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from nexus_site.cli import main

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "mini"
CASES = sorted(p for p in (HERE / "golden").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    for src in case.rglob("*"):
        if src.is_file() and src.name != "expected.txt":
            dest = project / src.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    code = main(["--root", str(project), "check"])
    out = capsys.readouterr()
    assert out.out == ""
    expected_file = case / "expected.txt"
    if os.environ.get("GOLDEN_UPDATE"):
        expected_file.write_text(out.err, encoding="utf-8")
    assert code == 1
    assert out.err == expected_file.read_text(encoding="utf-8")
    assert "Traceback" not in out.err


def test_mini_project_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(MINI), "check"]) == 0
    assert capsys.readouterr().out.startswith("ok: 2 series")
