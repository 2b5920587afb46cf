"""Fuzz the readers with mutations of the real curriculum and lesson files (issue 19).

Each case applies one to three mutations (deletions, hostile values and tags, deep nesting,
other encodings, BOM/CRLF/NUL, byte flips, truncation, duplicated or swapped lines) to one real
file, reads it exactly as ``nexus-site check`` does, and classifies the outcome:

- crash: an exception escaped, or the process died (a signal such as SIGSEGV);
- hang: the case took longer than ``--timeout`` seconds;
- problems: located (file:line:col) or unlocated (a file only);
- ok: the mutation still reads.

Workers run ranges of cases in subprocesses; a worker that dies is restarted after the case that
killed it. Deterministic for a seed. Exit status 1 when anything crashed or hung.

    scripts/fuzz [--cases 3000] [--seed 19] [--workers 2] [--timeout 10]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

HOSTILE_VALUES = [
    "!!timestamp hello",
    "!!bool maybe",
    "!!int x",
    "!!float y",
    "!!binary ?",
    "!!set {a, b}",
    "!!omap [a]",
    "!!python/object:os.system ls",
    "!include {a: 1}",
    "!custom [1]",
    "*undefined",
    "&a [*a, *a]",
    "1e999",
    "2025-13-45",
    "~",
    "[",
    "{",
    "'unterminated",
    '"\\x"',
    "|",
    ">-",
    "\u2028",
    "\x00",
    "\t",
    "<<: *a",
    "? complex",
    "- - - x",
    "{a: [b, {c: d}]}",
    "a" * 5000,
]
TOKENS = ["\n", ": ", "- ", "  ", "#", "---", "...", "\r\n", "\ufeff", '"', "'", "\\", "&x ", "*x"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(11)
    if not data:
        return b"x"
    at = rng.randrange(len(data))
    if kind == 0:  # delete a span
        return data[:at] + data[at + rng.randint(1, 20) :]
    if kind == 1:  # a token
        return data[:at] + rng.choice(TOKENS).encode() + data[at:]
    lines = data.split(b"\n")
    line = rng.randrange(len(lines))
    if kind == 2:  # duplicate a line
        lines.insert(line, lines[line])
    elif kind == 3:  # swap two lines
        other = rng.randrange(len(lines))
        lines[line], lines[other] = lines[other], lines[line]
    elif kind == 4:  # indentation
        lines[line] = b" " * rng.randint(0, 3) + lines[line].lstrip(b" ")[rng.randint(0, 1) :]
    elif kind == 5:  # a hostile value after a key
        head, sep, _ = lines[line].partition(b": ")
        lines[line] = head + (sep or b": ") + rng.choice(HOSTILE_VALUES).encode()
    elif kind == 6:  # another encoding
        text = data.decode("utf-8", errors="replace")
        encoding = rng.choice(["shift_jis", "utf-16", "latin-1", "cp1252", "euc_jp"])
        return text.encode(encoding, errors="replace")
    elif kind == 7:  # deep nesting
        depth = rng.choice([50, 101, 1000, 30_000])
        deep = rng.choice(["[" * depth + "]" * depth, "- " * depth + "x", "{a: " * depth + "b"])
        lines.insert(line, b"deep: " + deep.encode())
    elif kind == 8:  # flip a byte
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
    elif kind == 9:  # BOM, CRLF, NUL
        return rng.choice([b"\xef\xbb\xbf" + data, data.replace(b"\n", b"\r\n"), data + b"\x00"])
    else:  # truncate
        return data[:at]
    return b"\n".join(lines)


def targets() -> list[Path]:
    curriculum = sorted((ROOT / "curriculum").glob("*.yml"))
    lessons = sorted(p for p in (ROOT / "content").rglob("*") if p.suffix in (".md", ".ipynb"))
    return curriculum + lessons


def case(seed: int, index: int, files: list[Path]) -> tuple[Path, bytes]:
    rng = random.Random(seed * 1_000_003 + index)
    path = files[index % len(files)]
    data = path.read_bytes()
    for _ in range(rng.randint(1, 3)):
        data = mutate(data, rng)
    return path, data


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Hang


def run_worker(seed: int, start: int, end: int, timeout: int) -> None:
    """Cases start..end-1, one JSON line each, in a copy of the project."""
    from nexus_site.curriculum.loader import load

    files = targets()
    curriculum = load(ROOT / "curriculum", root=ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for folder in ("curriculum", "content"):
            shutil.copytree(ROOT / folder, copy / folder, symlinks=True)
        signal.signal(signal.SIGALRM, _alarm)
        for index in range(start, end):
            original, data = case(seed, index, files)
            path = copy / original.relative_to(ROOT)
            saved = path.read_bytes()
            path.write_bytes(data)
            result: dict[str, Any] = {"i": index, "file": original.relative_to(ROOT).as_posix()}
            began = time.monotonic()
            signal.alarm(timeout)
            try:
                problems = read(path, copy, curriculum)
                errors = [p for p in problems if p.severity == "error"]
                result["outcome"] = "problems" if errors else "ok"
                result["located"] = sum(1 for p in errors if p.location.line)
                result["unlocated"] = [p.format() for p in errors if not p.location.line]
            except _Hang:
                result["outcome"] = "hang"
            except BaseException as exc:  # what a fuzzer looks for
                result["outcome"] = "crash"
                result["detail"] = f"{type(exc).__name__}: {str(exc)[:300]}"
            finally:
                signal.alarm(0)
            result["seconds"] = round(time.monotonic() - began, 3)
            path.write_bytes(saved)
            print(json.dumps(result, ensure_ascii=False), flush=True)


def read(path: Path, root: Path, curriculum: Any) -> list[Any]:
    """Problems of ``path`` read as ``nexus-site check`` reads it: a curriculum file alone
    (read, parse, validate: the cross-file rules are left to tests/test_loader_properties.py,
    reloading all 13 files per case would be 10× slower), a lesson by the content scan and the
    tree guard against the real curriculum."""
    from nexus_site.content.guard import tree_problems
    from nexus_site.content.scan import scan
    from nexus_site.curriculum.loader import SITE_FILE, load_text
    from nexus_site.curriculum.model import Series, Site
    from nexus_site.curriculum.sources import MAX_YAML_CHARS, read_source
    from nexus_site.errors import display_path

    problems: list[Any] = []
    if path.parent.name == "curriculum":
        display = display_path(path, root)
        text = read_source(path, display, problems, root=root, limit=MAX_YAML_CHARS * 4)
        if text is not None:
            load_text(text, display, Site if path.name == SITE_FILE else Series, problems)
        return problems
    content = scan(curriculum, root / "content", root=root)
    return content.problems + tree_problems(curriculum, root / "content", root)


def run_range(seed: int, start: int, end: int, timeout: int) -> list[dict[str, Any]]:
    """Run a range in worker processes, restarting after a case that kills its worker."""
    results: list[dict[str, Any]] = []
    while start < end:
        worker = subprocess.run(
            [
                *(sys.executable, __file__, "--worker", str(start), str(end)),
                *("--seed", str(seed), "--timeout", str(timeout)),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        done = [json.loads(line) for line in worker.stdout.splitlines() if line.startswith("{")]
        results += done
        start += len(done)
        if start < end and worker.returncode != 0:
            detail = f"process died: exit {worker.returncode} {worker.stderr[-300:]}"
            results.append({"i": start, "outcome": "crash", "detail": detail})
            start += 1
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=10)
    parser.add_argument("--worker", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(args.seed, args.worker[0], args.worker[1], args.timeout)
        return 0
    began = time.monotonic()
    step = -(-args.cases // args.workers)
    ranges = [(s, min(s + step, args.cases)) for s in range(0, args.cases, step)]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(args.workers) as pool:
        parts = pool.map(lambda r: run_range(args.seed, r[0], r[1], args.timeout), ranges)
    results = [r for part in parts for r in part]
    return report(results, time.monotonic() - began)


def report(results: list[dict[str, Any]], seconds: float) -> int:
    outcomes = Counter(r["outcome"] for r in results)
    located = sum(r.get("located", 0) for r in results)
    unlocated = [u for r in results for u in r.get("unlocated", [])]
    total = located + len(unlocated)
    share = 100 * located / total if total else 100.0
    print(
        f"{len(results)} cases in {seconds:.0f} s: "
        + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
    )
    print(f"errors: {total}, located (file:line:col) {located} = {share:.1f} %")
    for r in results:
        if r["outcome"] in ("crash", "hang"):
            print(f"  {r['outcome']}: case {r['i']} {r.get('file', '')}: {r.get('detail', '')}")
    for message, count in Counter(u.split("\n")[0] for u in unlocated).most_common(10):
        print(f"  unlocated ×{count}: {message}")
    slowest = max(results, key=lambda r: r.get("seconds", 0), default=None)
    if slowest:
        print(f"slowest case: {slowest.get('seconds')} s ({slowest.get('file')})")
    return 1 if outcomes["crash"] or outcomes["hang"] else 0


if __name__ == "__main__":
    sys.exit(main())
