"""Adding content never turns the tests red.

An author adds a lesson as the guide says — here B1 「深層学習とは?」, the first lesson of the
empty series B, in a new part, with three sections as sub-lessons, a figure and an English
translation — to a copy of the real project, and the real-site tests run against that copy.
They must pass there as they pass here: they assert invariants, not today's content.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nexus_site.cli.main import main
from nexus_site.content.translations import source_hash
from support import ROOT

pytestmark = pytest.mark.build

# The tests that look at the real curriculum, content and built site.
REAL_SITE_TESTS = [
    "tests/test_curriculum_real.py",
    "tests/test_build_real.py",
    "tests/test_mindmap_real.py",
]

PART = """
parts:
  - id: I
    title:
      ja: 深層学習の入口
      en: The Doorway to Deep Learning
    lessons:
      - id: B1
        number: 1
        title:
          ja: 深層学習とは?
          en: What Is Deep Learning?
        children:
          - id: B1.1
            title:
              ja: ニューロンとは
              en: What a Neuron Is
          - id: B1.2
            title:
              ja: 層を重ねる
              en: Stacking Layers
          - id: B1.3
            title:
              ja: 医療での例
              en: Examples in Medicine
"""

LESSON_JA = """---
date: 2099-01-01
description: 深層学習の考え方をたとえ話で学びます。
---

## 1.1 ニューロンとは {#b1-1}

![ニューロンの図](b1-neuron.svg)

## 1.2 層を重ねる {#b1-2}

層を重ねると、より複雑な特徴を捉えられます。

## 1.3 医療での例 {#b1-3}

学習の仕組みは [](nexus:P9) で詳しく扱います。[](nexus:B1.2) も参照。
"""

LESSON_EN = """---
date: 2099-01-01
description: Deep learning through analogies.
source_hash: "{hash}"
---

## 1.1 What a neuron is {{#b1-1}}

![A neuron](b1-neuron.svg)

## 1.2 Stacking layers {{#b1-2}}

Stacked layers capture more complex features.

## 1.3 Examples in medicine {{#b1-3}}

Training is covered in [](nexus:P9). See also [](nexus:B1.2).
"""

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>\n'


def copy_repository(dest: Path) -> Path:
    """What the tests need of the repository: config, inputs, tests."""
    for name in ("pyproject.toml", "mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, dest / name)
    for folder in ("curriculum", "content", "theme_overrides", "tests"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def add_b1(project: Path) -> None:
    series = project / "curriculum" / "b.yml"
    series.write_text(series.read_text(encoding="utf-8") + PART, encoding="utf-8")
    folder = project / "content" / "b"
    folder.mkdir()
    (folder / "b1.md").write_text(LESSON_JA, encoding="utf-8")
    (folder / "b1-neuron.svg").write_text(SVG, encoding="utf-8")
    english = LESSON_EN.format(hash=source_hash(LESSON_JA))
    (folder / "b1.en.md").write_text(english, encoding="utf-8")


def test_adding_a_lesson_with_a_part_keeps_the_real_site_tests_green(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_repository(tmp_path)
    add_b1(project)
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr().err
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *REAL_SITE_TESTS],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
