"""``nexus-site``: check the curriculum and content, print statistics, regenerate the schema.

Exit codes: 0 fine, 1 problems found (each printed with file:line:col and a hint), 2 bad usage.
The CLI uses the same loader as the MkDocs plugin, so ``nexus-site check`` and a build agree.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from nexus_site import project
from nexus_site.cli import stats
from nexus_site.content import translations as translation
from nexus_site.content.files import AnyFile, Content
from nexus_site.content.scan import scan
from nexus_site.curriculum import schema
from nexus_site.curriculum.loader import load
from nexus_site.curriculum.model import Curriculum
from nexus_site.errors import CurriculumError, NexusError, Problem
from nexus_site.site import verdict
from nexus_site.site.catalog import Catalog


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
    sub.add_parser("translations", help="English coverage per series, and stale translations")
    p_translated = sub.add_parser(
        "translated",
        help="record that an English file matches its Japanese source now (after re-translating)",
    )
    p_translated.add_argument("files", nargs="+", help="content/p/p15.en.md, or a lesson ID (P15)")
    _add_new_parser(sub)  # nexus-site new: see the block below
    args = parser.parse_args(argv)
    root: Path = args.root
    try:
        if args.command == "check":
            return _check(root)
        if args.command == "stats":
            return _stats(root)
        if args.command == "schema":
            return _schema(root, check_only=args.check)
        if args.command == "translations":
            return _translations(root)
        if args.command == "translated":
            return _translated(root, args.files)
        if args.command == "new":
            return _new(root, args)
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        sys.stderr.close()
        return 0
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


def _project(root: Path) -> tuple[Curriculum, Content]:
    """Curriculum and content, loaded and checked once (errors raise CurriculumError)."""
    loaded = project.load(root / "curriculum", root / "content", root=root)
    return loaded.curriculum, loaded.content


def _check(root: Path) -> int:
    """The strict build's verdict (site.verdict: the same rules, the same code), without
    building: exit 1 on any error or warning, as CI's strict build fails on both."""
    problems = sorted(verdict.check(root), key=Problem.sort_key)
    failing = [p for p in problems if p.severity in ("error", "warning")]
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if failing:
        count = len(failing)
        print(
            f"{count} problem{'s' if count != 1 else ''} found: the build (and CI) would fail. "
            "問題があります: このままではビルド(CI)が失敗します。",
            file=sys.stderr,
        )
        return 1
    curriculum, content = _project(root)
    lessons = sum(1 for s in curriculum.series for _ in s.lessons())
    print(
        f"ok: {len(curriculum.series)} series, {lessons} lessons, "
        f"{len(content.lessons)} lesson files, {len(content.articles)} article files"
    )
    return 0


def _stats(root: Path) -> int:
    curriculum, content = _project(root)
    content_dir = root / "content"
    shown = (
        Catalog(curriculum, content, "ja", content_dir),
        Catalog(curriculum, content, "en", content_dir),
    )
    print(stats.table([stats.series_stats(s, content, shown) for s in curriculum.series]))
    return 0


def _translations(root: Path) -> int:
    curriculum, content = _project(root)
    print(stats.format_report(stats.report(curriculum, content, root / "content")))
    return 0


def _translated(root: Path, targets: list[str]) -> int:
    curriculum = load(root / "curriculum", root=root)
    content = scan(curriculum, root / "content", root=root)
    files: dict[tuple[str, str], AnyFile] = {}
    files.update({(i, lang): f for (i, lang), f in content.lessons.items()})
    files.update({(i, lang): f for (i, lang), f in content.pages.items()})
    files.update({(i, lang): f for (i, lang), f in content.articles.items()})
    by_path = {f"content/{f.src_uri}": f for f in files.values()}
    failed = 0
    for target in targets:
        key = target if target.startswith("content/") else f"content/{target}"
        english = by_path.get(key) or files.get((target.upper(), "en")) or files.get((target, "en"))
        if english is None or english.lang != "en":
            print(f"error: {target}: not an English lesson or page file", file=sys.stderr)
            print(
                "    hint: name the translation, e.g. content/p/p15.en.md, or its ID (P15, guide)",
                file=sys.stderr,
            )
            failed += 1
            continue
        original = files.get((english.id, "ja"))
        if original is None:
            print(f"error: {english.id} has no Japanese source to compare with", file=sys.stderr)
            failed += 1
            continue
        path = root / "content" / english.src_uri
        changed = translation.mark_translated(path, root / "content" / original.src_uri)
        state = "recorded" if changed else "already current"
        print(f"{state}: content/{english.src_uri} translates content/{original.src_uri}")
    return 1 if failed else 0


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


# --- nexus-site new: a lesson file from a template (nexus_site.scaffold) ----------------------


def _add_new_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p_new = sub.add_parser(
        "new",
        help="create a lesson or article file from a template (never overwrites)",
        description="Create content/<series>/<id>.md (or .ipynb) for a lesson or sub-lesson of "
        "the curriculum, or with --lang en the English stub of an existing Japanese lesson.",
    )
    p_new.add_argument(
        "id", metavar="ID", help="lesson or sub-lesson ID, any case: P15, g17.2; or F (--slug)"
    )
    p_new.add_argument(
        "--lang", choices=("ja", "en"), default="ja", help="ja (default) or en (translation stub)"
    )
    p_new.add_argument(
        "--date",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="publication date in the front matter (default: today)",
    )
    p_new.add_argument(
        "--format", dest="fmt", choices=("md", "ipynb"), default="md", help="md (default) or ipynb"
    )
    p_new.add_argument(
        "--slug",
        default=None,
        help="articles (nexus-site new F --slug fedavg-regulation): its name",
    )


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD") from None


def _new(root: Path, args: argparse.Namespace) -> int:
    from nexus_site.cli.new_article import articles_series, new_article
    from nexus_site.cli.scaffold import ScaffoldError, new_lesson
    from nexus_site.errors import display_path

    curriculum = load(root / "curriculum", root=root)
    try:
        if (series := articles_series(curriculum, args.id)) is not None:
            path = new_article(
                series,
                root / "content",
                args.slug,
                lang=args.lang,
                today=args.date or dt.date.today(),
            )
            print(f"created {display_path(path, root)}")
            print(
                "next: translate the article into it"
                if args.lang == "en"
                else "next: write the article; preview it with scripts/serve (draft: true)"
            )
            return 0
        path = new_lesson(
            curriculum,
            root / "content",
            args.id,
            lang=args.lang,
            today=args.date or dt.date.today(),
            fmt=args.fmt,
        )
    except ScaffoldError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    shown = display_path(path, root)
    print(f"created {shown}")
    if args.lang == "en":
        print("next: translate the Japanese lesson into it (the comment at the top says how)")
    else:
        print("next: replace the placeholders and write the lesson (hints in the top comment)")
    print("check: uv run nexus-site check")
    print("preview: scripts/serve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
