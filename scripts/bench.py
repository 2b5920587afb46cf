"""Build benchmark: the nexus site against plain mkdocs-material, on a synthetic curriculum.

    scripts/bench [--lessons 250 1000] [--runs 3] [--out DIR] [--no-warmup]
    uv run python scripts/bench.py …          (the same, without the install step)

For each ``--lessons N`` a stress project is generated in a temporary folder (or in ``--out DIR``,
which is then kept): copies of ``mkdocs.yml``, ``mkdocs.en.yml`` and ``theme_overrides/``, a
synthetic curriculum (``site.yml`` copied from the real one with ``series_order`` set to the
generated series and without its site ``pages``, which link to real lessons; 13 series with parts of at most 15 lessons, each lesson with two sub-lessons:
one covered by an anchored section of the lesson page, one 準備中) and N published lessons in
Japanese *and* N English translations (``source_hash`` from
:func:`nexus_site.translation.file_hash`, so the strict build has no warning). Each lesson is
about the size of a real one (~34 KB Japanese, ~31 KB English Markdown: an admonition, ~25
headings, paragraphs, lists, one code block, one table; no math or mermaid, so the generator is
measured and not KaTeX or mermaid).

Then it builds, as separate ``mkdocs build --strict`` processes, one language after the other:

(a) ``nexus``: the project as ``scripts/build`` does (``mkdocs.yml`` → site/, ``mkdocs.en.yml`` →
    site/en/);
(b) ``material``: plain mkdocs-material on the same Markdown files (hard links, the English ones
    under their original names) with an explicit nav of the same shape (home, series index → parts
    → lessons, as the nexus plugin builds it) and a hand-written-style home page and series
    index page. Same ``markdown_extensions``, theme features (``navigation.prune``, …) and the
    other plugins (search, mkdocs-jupyter: the project's own settings) through ``INHERIT``; no
    nexus plugin, no ``theme_overrides``.

A warm-up build of both (untimed) comes first, then ``--runs`` timed rounds alternating a and b.
It prints, per N, the median over the rounds of: wall time and CPU time (user + system, from
``os.wait4``; both languages, and each), peak memory (the larger max RSS of the two build
processes), site size (all files, and HTML only), median HTML bytes per lesson page, the size of
the search indexes, and the ratio a/b. Budget: a/b <= 1.10 at 1,000 lessons × 2 languages, for
wall time and for CPU time (the steadier of the two on a shared machine: wall time also counts
what other processes take); exit status 1 when either is missed.

Rounds: after the first round of each size, more (up to ``--runs``) only while the whole run is
expected to end within ``--time-limit`` seconds; with the defaults on 2 cores that is 3 rounds
at 250 lessons and 1 at 1,000 (~10 minutes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nexus_site.content.translations import file_hash  # noqa: E402

BUDGET_RATIO = 1.10
BUDGET_AT = 1000
LESSONS_PER_PART = 15
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]
TARGET_JA = 34_000  # bytes of Markdown; the real lessons are 35-36 KB (ja), 32 KB (en)
TARGET_EN = 31_000

# --- text ---------------------------------------------------------------------------------------

JA_NOUNS = [
    "医療データ",
    "画像診断",
    "電子カルテ",
    "学習率",
    "損失関数",
    "検証データ",
    "臨床研究",
    "ニューラルネットワーク",
    "前処理",
    "特徴量",
    "交差検証",
    "過学習",
    "ミニバッチ",
    "説明可能性",
    "患者さん",
    "研修医",
    "指導医",
    "モデル",
    "評価指標",
    "感度と特異度",
    "時系列データ",
    "プライバシー",
    "PyTorch",
    "Transformer",
    "データローダー",
    "推論",
]
JA_VERBS = [
    "理解する",
    "確認する",
    "設計する",
    "評価する",
    "可視化する",
    "比較する",
    "実装する",
    "見直す",
    "学習させる",
    "整理する",
]
JA_TAILS = [
    "ことが大切です。",
    "ところから始めましょう。",
    "ためのコツを見ていきます。",
    "のが現代のセオリーです。",
    "と、結果が大きく変わります。",
    "ことで、診療の現場でも使える形になります。",
    "と考えると分かりやすいでしょう。",
]
EN_NOUNS = [
    "medical data",
    "image diagnosis",
    "the electronic health record",
    "the learning rate",
    "the loss function",
    "validation data",
    "clinical research",
    "the neural network",
    "preprocessing",
    "the features",
    "cross-validation",
    "overfitting",
    "the mini-batch",
    "explainability",
    "the patient",
    "the resident",
    "the attending physician",
    "the model",
    "the metric",
    "sensitivity and specificity",
    "time-series data",
    "privacy",
    "PyTorch",
    "the Transformer",
    "the data loader",
    "inference",
]
EN_VERBS = [
    "understand",
    "check",
    "design",
    "evaluate",
    "visualise",
    "compare",
    "implement",
    "revisit",
    "train",
    "organise",
]
EN_TAILS = [
    "is what matters most.",
    "is where we start.",
    "is the modern rule of thumb.",
    "changes the result a great deal.",
    "makes it usable at the bedside.",
    "is easier to picture this way.",
]

CODE = """```python
import torch
from torch import nn, optim
from torch.utils.data import DataLoader

model = nn.Sequential(nn.Linear({a}, {b}), nn.ReLU(), nn.Linear({b}, 2))
criterion = nn.CrossEntropyLoss()
optimizer = optim.Adam(model.parameters(), lr={lr})
loader = DataLoader(dataset, batch_size={batch}, shuffle=True)

for epoch in range({epochs}):
    model.train()
    total = 0.0
    for inputs, labels in loader:
        optimizer.zero_grad()           # {c1}
        outputs = model(inputs)         # {c2}
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
        total += loss.item() * inputs.size(0)
    print(f"epoch {{epoch + 1}}: loss {{total / len(loader.dataset):.4f}}")
```"""


class Writer:
    def __init__(self, rnd: random.Random, lang: str) -> None:
        self.rnd = rnd
        self.lang = lang

    def sentence(self) -> str:
        r = self.rnd
        if self.lang == "ja":
            a, b = r.sample(JA_NOUNS, 2)
            extra = r.choice(["", "**", "`"])
            b = f"{extra}{b}{extra}"
            return f"{a}を使って{b}を{r.choice(JA_VERBS)}{r.choice(JA_TAILS)}"
        a, b = r.sample(EN_NOUNS, 2)
        extra = r.choice(["", "**", "`"])
        b = f"{extra}{b}{extra}"
        return f"To {r.choice(EN_VERBS)} {b} with {a} {r.choice(EN_TAILS)}".capitalize()

    def paragraph(self, lo: int = 2, hi: int = 5) -> str:
        glue = "" if self.lang == "ja" else " "
        return glue.join(self.sentence() for _ in range(self.rnd.randint(lo, hi)))

    def title(self) -> str:
        r = self.rnd
        if self.lang == "ja":
            return f"{r.choice(JA_NOUNS)}と{r.choice(JA_NOUNS)}"
        return f"{r.choice(EN_NOUNS)} and {r.choice(EN_NOUNS)}".capitalize()

    def bullets(self, n: int) -> str:
        return "\n".join(f"- {self.sentence()}" for _ in range(n))

    def table(self) -> str:
        head = (
            "| 指標 | 意味 | 値 | 備考 |"
            if self.lang == "ja"
            else "| Metric | Meaning | Value | Note |"
        )
        rows = [head, "|---|---|---:|---|"]
        for _ in range(8):
            rows.append(
                f"| {self.title()} | {self.sentence()} | {self.rnd.random():.3f} | {self.title()} |"
            )
        return "\n".join(rows)

    def code(self) -> str:
        r = self.rnd
        comments = (
            ("勾配をリセット", "予測") if self.lang == "ja" else ("reset gradients", "predict")
        )
        return CODE.format(
            a=r.choice([16, 32, 64]),
            b=r.choice([64, 128, 256]),
            lr=r.choice(["1e-3", "1e-4", "3e-4"]),
            batch=r.choice([16, 32, 64]),
            epochs=r.choice([10, 20, 50]),
            c1=comments[0],
            c2=comments[1],
        )


def lesson_markdown(
    ident: str,
    number: int,
    sub_title: str,
    lang: str,
    seed: int,
    date: dt.date,
    source_hash: str | None = None,
) -> str:
    """One lesson file, ~TARGET_JA/TARGET_EN bytes, with a section anchored for ``<ident>.1``."""
    w = Writer(random.Random(seed), lang)
    target = TARGET_JA if lang == "ja" else TARGET_EN
    front = [
        "---",
        f"date: {date.isoformat()}",
        f"description: {json.dumps(w.paragraph(1, 2), ensure_ascii=False)}",
    ]
    if source_hash is not None:
        front.append(f'source_hash: "{source_hash}"')
    front.append("---")
    out = ["\n".join(front), ""]
    out += ['!!! abstract "TL;DR"', "", *("    " + line for line in w.bullets(4).split("\n")), ""]
    out += [w.paragraph(), "", w.paragraph(), "", w.paragraph(), ""]
    section = 0

    def size() -> int:
        return sum(len(x.encode("utf-8")) + 1 for x in out)

    while size() < target:
        section += 1
        out += [f"## {section}. {w.title()}", "", w.paragraph(), ""]
        if section == 2:
            anchor = ident.lower() + "-1"
            out += [f"### {number}.1 {sub_title} {{#{anchor}}}", "", w.paragraph(), ""]
        if section == 3:
            out += [w.code(), ""]
        if section == 4:
            out += [w.table(), ""]
        for sub in range(1, 3):
            out += [f"### {section}.{sub} {w.title()}", "", w.paragraph(), "", w.paragraph(), ""]
            if sub == 2:
                out += [w.bullets(4), ""]
    return "\n".join(out) + "\n"


# --- the stress project ------------------------------------------------------------------------


@dataclass
class LessonInfo:
    series: str
    part: str
    id: str
    title_ja: str
    title_en: str


@dataclass
class Project:
    root: Path
    lessons: list[LessonInfo]
    series: list[dict[str, Any]]


def distribute(total: int, buckets: int) -> list[int]:
    return [total // buckets + (1 if i < total % buckets else 0) for i in range(buckets)]


def make_project(dest: Path, n: int, seed: int = 20250601) -> Project:
    """Write the stress project for ``n`` lessons into ``dest`` (created)."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(ROOT / "mkdocs.en.yml", dest / "mkdocs.en.yml")
    shutil.copytree(ROOT / "theme_overrides", dest / "theme_overrides")
    cur = dest / "curriculum"
    cur.mkdir()
    site_text = (ROOT / "curriculum" / "site.yml").read_text(encoding="utf-8")
    site = yaml.safe_load(site_text)
    series_ids: list[str] = list(site["series_order"])  # keep the real IDs: site.yml names them
    counts = distribute(n, len(series_ids))
    rnd = random.Random(seed)
    ja, en = Writer(rnd, "ja"), Writer(rnd, "en")
    lessons: list[LessonInfo] = []
    series_data: list[dict[str, Any]] = []
    start = dt.date(2024, 1, 1)
    for sid, count in zip(series_ids, counts, strict=True):
        parts = []
        number = 0
        n_parts = max(1, -(-count // LESSONS_PER_PART))
        for p, chunk in enumerate(distribute(count, n_parts)):
            part_lessons = []
            for _ in range(chunk):
                number += 1
                lid = f"{sid}{number}"
                tja, ten = ja.title(), en.title()
                lessons.append(LessonInfo(sid, ROMAN[p], lid, tja, ten))
                part_lessons.append(
                    {
                        "id": lid,
                        "number": number,
                        "title": {"ja": tja, "en": ten},
                        "children": [
                            {"id": f"{lid}.{k}", "title": {"ja": ja.title(), "en": en.title()}}
                            for k in (1, 2)
                        ],
                    }
                )
            parts.append(
                {
                    "id": ROMAN[p],
                    "title": {"ja": ja.title(), "en": en.title()},
                    "description": {"ja": ja.paragraph(1, 2), "en": en.paragraph(1, 2)},
                    "lessons": part_lessons,
                }
            )
        data = {
            "id": sid,
            "title": {"ja": f"{sid}: {ja.title()}", "en": f"{sid}: {en.title()}"},
            "label": {"ja": f"シリーズ{sid}", "en": f"Series {sid}"},
            "summary": {"ja": ja.paragraph(1, 1), "en": en.paragraph(1, 1)},
            "intro": {"ja": ja.paragraph(), "en": en.paragraph()},
            "parts": parts,
        }
        series_data.append(data)
        (cur / f"{sid.lower()}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    site["series_order"] = series_ids
    # Site pages (the author guide, …) link to real lessons by ID: not part of this benchmark.
    site.pop("pages", None)
    (cur / "site.yml").write_text(
        yaml.safe_dump(site, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )

    content = dest / "content"
    content.mkdir()
    for i, lesson in enumerate(lessons):
        folder = content / lesson.series.lower()
        folder.mkdir(parents=True, exist_ok=True)
        number = int(lesson.id[len(lesson.series) :])
        date = start + dt.timedelta(days=(i * 7) % 700)
        ja_path = folder / f"{lesson.id.lower()}.md"
        ja_path.write_text(
            lesson_markdown(lesson.id, number, "サブレッスン", "ja", seed + i, date),
            encoding="utf-8",
        )
        (folder / f"{lesson.id.lower()}.en.md").write_text(
            lesson_markdown(
                lesson.id, number, "Sub-lesson", "en", seed + i + 10**6, date, file_hash(ja_path)
            ),
            encoding="utf-8",
        )
    make_baseline(dest, lessons, series_data)
    return Project(dest, lessons, series_data)


class _TolerantLoader(yaml.SafeLoader):
    """Reads an MkDocs config without resolving its tags (``!ENV``, ``!!python/name``)."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def project_plugins(config: Path) -> list[Any]:
    """The plugins of a project config (following INHERIT), minus nexus: the same search and
    mkdocs-jupyter settings for the baseline."""
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    plugins = data.get("plugins")
    if plugins is None and "INHERIT" in data:
        return project_plugins(config.parent / data["INHERIT"])
    out = []
    for entry in plugins or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name != "nexus":
            out.append(entry)
    return out


def make_baseline(dest: Path, lessons: list[LessonInfo], series: list[dict[str, Any]]) -> None:
    """Plain mkdocs-material configs and docs folders (hard links to the same lesson files)."""
    ui = {
        "ja": {"home": "ホーム", "part": "第{}部", "series": "シリーズ一覧"},
        "en": {"home": "Home", "part": "Part {}", "series": "Series"},
    }
    empty_theme = dest / "base" / "theme"
    empty_theme.mkdir(parents=True)
    for lang in ("ja", "en"):
        docs = dest / "base" / lang
        suffix = ".md" if lang == "ja" else ".en.md"
        home = [f"# {ui[lang]['series']}", ""]
        nav: list[Any] = [{ui[lang]["home"]: "index.md"}]
        for s in series:
            sid = s["id"]
            slug = sid.lower()
            (docs / slug).mkdir(parents=True)
            label = s["label"][lang]
            home.append(f"- [{sid}: {label}]({slug}/index.md) — {s['summary'][lang]}")
            page = [f"# {s['title'][lang]}", "", s["intro"][lang], ""]
            section: list[Any] = [f"{slug}/index.md"]
            for part in s["parts"]:
                heading = f"{ui[lang]['part'].format(part['id'])} {part['title'][lang]}"
                page += [f"## {heading}", "", part["description"][lang], ""]
                items = []
                for lesson in part["lessons"]:
                    lid = lesson["id"].lower()
                    os.link(dest / "content" / slug / f"{lid}{suffix}", docs / slug / f"{lid}.md")
                    title = f"{lesson['id']} {lesson['title'][lang]}"
                    page.append(f"- [{title}]({lid}.md)")
                    items.append({title: f"{slug}/{lid}.md"})
                page.append("")
                section.append({heading: items})
            (docs / slug / "index.md").write_text("\n".join(page), encoding="utf-8")
            nav.append({f"{sid}: {label}": section})
        (docs / "index.md").write_text("\n".join(home) + "\n", encoding="utf-8")
        config = {
            "INHERIT": "mkdocs.yml" if lang == "ja" else "mkdocs.en.yml",
            "docs_dir": f"base/{lang}",
            "theme": {"custom_dir": "base/theme"},
            # Plain Material has a search too: its own (lunr), as a site without nexus would.
            "plugins": [
                {"search": {"lang": lang}},
                *project_plugins(dest / ("mkdocs.yml" if lang == "ja" else "mkdocs.en.yml")),
            ],
            "extra": {"alternate": False},
            "nav": nav,
        }
        (dest / f"base.{lang}.yml").write_text(
            yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Result:
    wall: float  # seconds, both languages
    wall_ja: float
    wall_en: float
    cpu: float  # user + system seconds of the build processes, both languages
    cpu_ja: float
    cpu_en: float
    rss_mb: float  # the larger max RSS of the two build processes
    site_mb: float
    html_mb: float
    lesson_html_kb: float  # median over the lesson pages of both languages
    pages: int  # HTML files


def run_build(config: Path, site_dir: Path, log: Path) -> tuple[float, float, float]:
    """One ``mkdocs build --strict``: wall seconds, CPU seconds (user + system) and max RSS
    in MB of that process alone (``os.wait4``)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)]
    cmd += ["-d", str(site_dir)]
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(cmd)}\n".encode())
        out.flush()
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=config.parent, env=env, stdout=out, stderr=out)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
        raise SystemExit(f"build failed: {' '.join(cmd)}\n" + "\n".join(tail))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(
    project: Project, which: str, site: Path, log: Path
) -> Result:  # which: "nexus" | "material"
    if site.exists():
        shutil.rmtree(site)
    configs = (
        ("mkdocs.yml", "mkdocs.en.yml") if which == "nexus" else ("base.ja.yml", "base.en.yml")
    )
    wall_ja, cpu_ja, rss_ja = run_build(project.root / configs[0], site, log)
    wall_en, cpu_en, rss_en = run_build(project.root / configs[1], site / "en", log)
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    lesson_pages = []
    for lesson in project.lessons:
        rel = Path(lesson.series.lower()) / lesson.id.lower() / "index.html"
        lesson_pages += [site / rel, site / "en" / rel]
    sizes = [p.stat().st_size for p in lesson_pages]
    return Result(
        wall=wall_ja + wall_en,
        wall_ja=wall_ja,
        wall_en=wall_en,
        cpu=cpu_ja + cpu_en,
        cpu_ja=cpu_ja,
        cpu_en=cpu_en,
        rss_mb=max(rss_ja, rss_en),
        site_mb=sum(p.stat().st_size for p in files) / 1e6,
        html_mb=sum(p.stat().st_size for p in html) / 1e6,
        lesson_html_kb=statistics.median(sizes) / 1000,
        pages=len(html),
    )


def median_result(results: list[Result]) -> Result:
    fields = asdict(results[0]).keys()
    return Result(**{f: statistics.median(getattr(r, f) for r in results) for f in fields})


def check_project(root: Path) -> None:
    """Fail early (and cheaply) if the generated curriculum or content has any problem."""
    from nexus_site import project

    loaded, problems = project.check(root / "curriculum", root / "content", root=root)
    if loaded is None or problems:
        raise SystemExit("generated project has problems:\n" + "\n".join(map(str, problems[:20])))


def table(n: int, a: Result, b: Result, runs: int) -> str:
    rows = [
        ("wall time, both languages (s)", a.wall, b.wall, "{:.1f}"),
        ("  ja build (s)", a.wall_ja, b.wall_ja, "{:.1f}"),
        ("  en build (s)", a.wall_en, b.wall_en, "{:.1f}"),
        ("CPU time, user + system (s)", a.cpu, b.cpu, "{:.1f}"),
        ("  ja build (s)", a.cpu_ja, b.cpu_ja, "{:.1f}"),
        ("  en build (s)", a.cpu_en, b.cpu_en, "{:.1f}"),
        ("peak memory, max RSS (MB)", a.rss_mb, b.rss_mb, "{:.0f}"),
        ("site size, all files (MB)", a.site_mb, b.site_mb, "{:.1f}"),
        ("site size, HTML only (MB)", a.html_mb, b.html_mb, "{:.1f}"),
        ("HTML per lesson page, median (KB)", a.lesson_html_kb, b.lesson_html_kb, "{:.1f}"),
        ("HTML pages", a.pages, b.pages, "{:.0f}"),
    ]
    lines = [
        f"\n{n} lessons × 2 languages — median of {runs} run(s)",
        f"{'':<36}{'nexus (a)':>11}{'material (b)':>14}{'a/b':>7}",
    ]
    for label, x, y, fmt in rows:
        ratio = f"{x / y:.2f}" if y else "-"
        lines.append(f"{label:<36}{fmt.format(x):>11}{fmt.format(y):>14}{ratio:>7}")
    return "\n".join(lines)


def build_round(
    project: Project, base: Path, n: int, log: Path, order: tuple[str, ...]
) -> dict[str, Result]:
    return {which: measure(project, which, base / f"site-{which}-{n}", log) for which in order}


def search_bytes(site: Path) -> int:
    """Size of a built site's search index: Pagefind's folder (nexus) or lunr's JSON."""
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        return sum(p.stat().st_size for p in pagefind.rglob("*") if p.is_file())
    return (site / "search" / "search_index.json").stat().st_size


def estimate(round_seconds: dict[int, float], n: int) -> float:
    """Seconds one round of ``n`` lessons will take, scaled from the largest size timed so far."""
    if not round_seconds:
        return 0.0
    m, secs = max(round_seconds.items())
    return secs * n / m


def warm_up(base: Path, log: Path) -> None:
    """Python imports, theme files and the OS file cache: warm before anything is timed."""
    t = time.perf_counter()
    warm = make_project(base / "warmup", 13)
    build_round(warm, base, 13, log, ("nexus", "material"))
    shutil.rmtree(base / "warmup", ignore_errors=True)
    for which in ("nexus", "material"):
        shutil.rmtree(base / f"site-{which}-13", ignore_errors=True)
    print(f"warm-up (13 lessons, both builds): {time.perf_counter() - t:.1f} s", flush=True)


def main(argv: list[str] | None = None) -> int:
    doc = __doc__ or ""
    parser = argparse.ArgumentParser(
        description=doc.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lessons", type=int, nargs="+", default=[250, 1000])
    parser.add_argument(
        "--runs", type=int, default=3, help="at most this many timed rounds per size"
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=600,
        help="seconds: after the first round of each size, more rounds only while the whole run "
        "is expected to stay within this (default 600)",
    )
    parser.add_argument("--out", type=Path, help="keep projects, sites, logs and results here")
    parser.add_argument("--no-warmup", action="store_true")
    args = parser.parse_args(argv)

    keep = args.out is not None
    base = args.out.resolve() if keep else Path(tempfile.mkdtemp(prefix="nexus-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    log = base / "build.log"
    started = time.perf_counter()
    load = os.getloadavg()[0]
    print(
        f"nexus bench {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, load average "
        f"{load:.1f}, Python {sys.version.split()[0]}; work folder {base}",
        flush=True,
    )
    report: dict[str, Any] = {"date": dt.date.today().isoformat(), "sizes": {}}
    failed = False
    round_seconds: dict[int, float] = {}  # first timed round of each size

    try:
        if not args.no_warmup:
            warm_up(base, log)
        for k, n in enumerate(args.lessons):
            root = base / f"project-{n}"
            if root.exists():
                shutil.rmtree(root)
            t = time.perf_counter()
            project = make_project(root, n)
            check_project(root)
            md = sum(p.stat().st_size for p in (root / "content").rglob("*.md"))
            print(
                f"\n[{n}] generated {2 * n} lesson files ({md / 1e6:.1f} MB Markdown) "
                f"in {time.perf_counter() - t:.1f} s",
                flush=True,
            )
            results: dict[str, list[Result]] = {"nexus": [], "material": []}
            later = args.lessons[k + 1 :]
            for run in range(args.runs):
                if run:
                    spent = time.perf_counter() - started
                    need = round_seconds[n] + sum(estimate(round_seconds, m) for m in later)
                    if spent + need > args.time_limit:
                        print(f"[{n}] stopping after {run} round(s): --time-limit", flush=True)
                        break
                t = time.perf_counter()
                order = ("nexus", "material") if run % 2 == 0 else ("material", "nexus")
                for which, r in build_round(project, base, n, log, order).items():
                    results[which].append(r)
                    print(
                        f"[{n}] round {run + 1} {which}: {r.wall:.1f} s wall, {r.cpu:.1f} s CPU, "
                        f"{r.rss_mb:.0f} MB",
                        flush=True,
                    )
                round_seconds.setdefault(n, time.perf_counter() - t)
            a, b = median_result(results["nexus"]), median_result(results["material"])
            runs = len(results["nexus"])
            print(table(n, a, b, runs), flush=True)
            search = {
                which: [search_bytes(base / f"site-{which}-{n}" / lang) for lang in ("", "en")]
                for which in ("nexus", "material")
            }
            print(
                f"{'search index ja / en (MB on disk)':<36}"
                + "".join(
                    f"{f'{x[0] / 1e6:.1f} / {x[1] / 1e6:.1f}':>{w}}"
                    for x, w in ((search["nexus"], 11), (search["material"], 14))
                ),
                flush=True,
            )
            if n >= BUDGET_AT:
                for label, x, y in (("wall time", a.wall, b.wall), ("CPU time", a.cpu, b.cpu)):
                    ratio = x / y
                    ok = ratio <= BUDGET_RATIO
                    failed |= not ok
                    print(
                        f"budget: {label} a/b <= {BUDGET_RATIO:.2f} at {n} lessons: "
                        f"{ratio:.2f} {'ok' if ok else 'OVER'}",
                        flush=True,
                    )
            report["sizes"][str(n)] = {
                "nexus": [asdict(r) for r in results["nexus"]],
                "material": [asdict(r) for r in results["material"]],
                "median": {"nexus": asdict(a), "material": asdict(b)},
                "search_index_bytes": search,
            }
            if not keep:
                shutil.rmtree(root, ignore_errors=True)
                for which in ("nexus", "material"):
                    shutil.rmtree(base / f"site-{which}-{n}", ignore_errors=True)
        total = time.perf_counter() - started
        print(f"\ntotal {total / 60:.1f} min; load average now {os.getloadavg()[0]:.1f}")
        if keep:
            (base / "results.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
            print(f"kept in {base} (results.json, build.log)")
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
