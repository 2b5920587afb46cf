"""The ``content/`` tree as a whole, before anything of it is read or copied into the site.

- Links: MkDocs copies every file it finds, following symbolic links. A link to ``/etc/passwd``,
  ``/proc/self/environ`` (the build's environment), ``../../.git/config`` or a folder outside the
  project would be published; a link loop stops MkDocs with an OSError. Each is a located error
  here (:func:`nexus_site.curriculum.sources.link_problem`), so the build stops before MkDocs
  walks the folder and nothing outside the project reaches ``site/``.
- Reserved paths: a file whose output the generator writes itself (``feed.xml``,
  ``assets/nexus/…``, a series page) would be overwritten without a word
  (:mod:`nexus_site.curriculum.reserved`).
"""

from __future__ import annotations

import os
from pathlib import Path

from nexus_site.curriculum import reserved
from nexus_site.curriculum.model import Curriculum
from nexus_site.curriculum.sources import link_problem
from nexus_site.errors import Location, Problem, display_path


def tree_problems(curriculum: Curriculum, content_dir: Path, root: Path) -> list[Problem]:
    """Refused links and special files, and files at reserved paths, anywhere in content/
    (inside linked folders too, as MkDocs follows them)."""
    problems: list[Problem] = []
    slugs = [s.slug for s in curriculum.series]
    if not content_dir.is_dir():
        return problems
    if not content_dir.resolve().is_relative_to(root.resolve()):
        return [
            Problem(
                Location(display_path(content_dir, root)),
                f"the content folder is {content_dir.resolve().as_posix()}, outside the project",
                hint="keep content/ inside the project (docs_dir in mkdocs.yml, not a link)",
            )
        ]
    seen = {content_dir.resolve()}
    for folder, dirs, files in os.walk(content_dir, followlinks=True):
        base = Path(folder)
        dirs.sort()
        for name in list(dirs):
            path = base / name
            if path.is_symlink() and (
                _refused(path, root, problems) or path.resolve() in seen or name.startswith(".")
            ):
                dirs.remove(name)  # not followed (MkDocs skips hidden folders too)
            else:
                seen.add(path.resolve())
        for name in sorted(files):
            path = base / name
            if (path.is_symlink() or not path.is_file()) and _refused(path, root, problems):
                continue
            rel = path.relative_to(content_dir).as_posix()
            taken = reserved.reserved_output(rel, slugs)
            if taken is not None and not rel.startswith("."):
                problems.append(
                    Problem(
                        Location(display_path(path, root)),
                        f"{rel} would be overwritten: the generator writes {taken} itself",
                        hint="rename or move the file (reserved: index.md, feed.xml, "
                        "assets/nexus/, pagefind/, search/, the series and legal pages)",
                    )
                )
    return problems


def _refused(path: Path, root: Path, problems: list[Problem]) -> bool:
    refused = link_problem(path, display_path(path, root), root)
    if refused is not None:
        problems.append(refused)
    return refused is not None
