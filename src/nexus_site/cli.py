"""``nexus-site``: check the curriculum and content, print statistics, regenerate the schema.

Exit codes: 0 fine, 1 problems found (each printed with file:line:col and a hint), 2 bad usage.
The CLI uses the same loader as the MkDocs plugin, so ``nexus-site check`` and a build agree.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from nexus_site import schema
from nexus_site.content import scan
from nexus_site.errors import CurriculumError, NexusError
from nexus_site.loader import load
from nexus_site.stats import series_stats, table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nexus-site", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--root", type=Path, default=Path("."), help="project root (default: current folder)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("check", help="validate curriculum/ and content/ (exit 1 on problems)")
    sub.add_parser("stats", help="per series: lessons, sub-lessons, published, English coverage")
    p_schema = sub.add_parser("schema", help="regenerate curriculum/*.schema.json from the model")
    p_schema.add_argument("--check", action="store_true", help="exit 1 if the files are stale")
    args = parser.parse_args(argv)
    root: Path = args.root
    try:
        if args.command == "check":
            return _check(root)
        if args.command == "stats":
            return _stats(root)
        if args.command == "schema":
            return _schema(root, check_only=args.check)
    except CurriculumError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except NexusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception:  # a bug of ours: say so plainly, keep the traceback for developers
        if os.environ.get("NEXUS_DEBUG"):
            traceback.print_exc()
        else:
            print(
                "internal error in nexus-site (not a problem in your files). "
                "Run again with NEXUS_DEBUG=1 and report the output.",
                file=sys.stderr,
            )
        return 2
    return 2  # pragma: no cover - argparse rejects unknown commands


def _check(root: Path) -> int:
    curriculum = load(root / "curriculum", content_dir=root / "content", root=root)
    content = scan(curriculum, root / "content", root=root)
    lessons = sum(1 for s in curriculum.series for _ in s.lessons())
    print(
        f"ok: {len(curriculum.series)} series, {lessons} lessons, "
        f"{len(content.lessons)} lesson files"
    )
    return 0


def _stats(root: Path) -> int:
    curriculum = load(root / "curriculum", content_dir=root / "content", root=root)
    content = scan(curriculum, root / "content", root=root)
    print(table([series_stats(s, content) for s in curriculum.series]))
    return 0


def _schema(root: Path, *, check_only: bool) -> int:
    folder = root / "curriculum"
    if check_only:
        stale = schema.stale(folder)
        for path in stale:
            print(f"{path}: stale; run `nexus-site schema` and commit it", file=sys.stderr)
        return 1 if stale else 0
    for path in schema.write(folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
