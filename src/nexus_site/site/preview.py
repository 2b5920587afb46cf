"""The live-reload preview (``mkdocs serve``) keeps going on a build error.

A strict build stops at an error; the preview must not: the author is looking at the browser.
``SiteBuild.start`` answers the build of the last good curriculum and content (kept per project and
language in this process) with the new problems attached; every page then shows them on top of
its last good content (:func:`banner`: message, file:line:col and hint, in Japanese and English),
and the next save that fixes them brings the page back without a restart. Without a last good
build (the very first build fails) the error is raised as in a build.
"""

from __future__ import annotations

import html as htmllib
from pathlib import Path
from typing import Any

from nexus_site.errors import Problem

# (project root, language) → the last build that loaded without errors (a SiteBuild; typed
# loosely: site.build uses this module, not the other way round).
last_good: dict[tuple[Path, str], Any] = {}


def banner(problems: list[Problem]) -> str:
    """The errors as a box at the top of a page (preview only), escaped."""
    items = "".join(
        "<li><code>{}</code> {}{}</li>".format(
            htmllib.escape(str(p.location)),
            htmllib.escape(f"{p.tree_path}: {p.message}" if p.tree_path else p.message),
            f"<br><small>hint: {htmllib.escape(p.hint)}</small>" if p.hint else "",
        )
        for p in problems
    )
    return (
        '<div class="nx-build-error" role="alert" style="border:3px solid #c62828;'
        'background:#fff3f3;color:#3e0000;padding:1em;margin:0 0 1.5em">'
        "<p><strong>ビルドエラー</strong>: 下の問題を直して保存すると、このページは自動で"
        "更新されます。それまでは前回のページを表示しています。<br>"
        "<strong>Build error</strong>: fix the problems below and save; this page then "
        "reloads by itself. Until then it shows the last good version.</p>"
        f"<ul>{items}</ul></div>"
    )
