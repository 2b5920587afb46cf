"""A project for the learner's-record tests: the real curriculum and theme, with lessons of its
own in a git repository (the last-updated dates come from git, as on the real site), so the tests
never depend on today's content.

First commit, 1 May 2025:

* P9 in Japanese and English (translated, current);
* P10 in Japanese only;
* G17 in Japanese and English, with sections for G17.1 and G17.2 (``{#g17-1}``, ``{#g17-2}``);
  the Japanese changed after the translation (stale, published with ``stale_ok``).

:func:`update`, a second commit on 2 July 2025: P9 changed in both languages, G17's English
page alone changed (a typo fix), and a new lesson, P11.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from nexus_site.content.translations import mark_translated
from support import copy_project

FIRST = "2025-05-01"
SECOND = "2025-07-02"

P9 = """---
date: 2025-05-01
---

損失関数と最適化の本文。
"""

P9_EN = """---
date: 2025-05-01
---

The body of loss functions and optimisation.
"""

P10 = """---
date: 2025-05-01
---

活性化関数の本文。
"""

G17 = """---
date: 2025-05-01
---

連合学習の導入。

## 17.1 連合学習の概念 {#g17-1}

データを動かさずに学習する。

## 17.2 複数施設でのモデル構築 {#g17-2}

複数の病院で学習する。
"""

G17_EN = """---
date: 2025-05-01
stale_ok: the Japanese gained a sentence; translation follows
---

An introduction to federated learning.

## 17.1 The concept of federated learning {#g17-1}

Training without moving the data.

## 17.2 Building models across institutions {#g17-2}

Training across several hospitals.
"""

P11 = """---
date: 2025-07-02
---

ミニバッチの本文。
"""


def git(root: Path, *args: str, date: str) -> None:
    stamp = f"{date}T12:00:00"
    env = os.environ | {
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def write(root: Path, path: str, text: str) -> Path:
    file = root / "content" / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def project(dest: Path) -> Path:
    """The project at its first commit."""
    root = copy_project(dest, content=False)
    p9 = write(root, "p/p9.md", P9)
    mark_translated(write(root, "p/p9.en.md", P9_EN), p9)
    write(root, "p/p10.md", P10)
    g17 = write(root, "g/g17.md", G17)
    mark_translated(write(root, "g/g17.en.md", G17_EN), g17)
    g17.write_text(G17.replace("複数の病院で学習する。", "複数の病院で学習する。追記。"), "utf-8")
    (root / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(root, "init", "-q", date=FIRST)
    git(root, "add", ".", date=FIRST)
    git(root, "commit", "-qm", "first", date=FIRST)
    return root


def update(root: Path) -> None:
    """The second commit: P9 changed in both languages, G17 in English only, P11 added."""
    p9 = write(root, "p/p9.md", P9 + "\n追記。\n")
    mark_translated(write(root, "p/p9.en.md", P9_EN + "\nMore.\n"), p9)
    g17_en = root / "content" / "g" / "g17.en.md"
    g17_en.write_text(g17_en.read_text("utf-8").replace("hospitals.", "hospitals!"), "utf-8")
    write(root, "p/p11.md", P11)
    git(root, "add", ".", date=SECOND)
    git(root, "commit", "-qm", "second", date=SECOND)
