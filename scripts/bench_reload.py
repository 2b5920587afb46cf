"""Live-reload latency of ``mkdocs serve``: from saving a lesson to the browser showing the edit.

    uv run python scripts/bench_reload.py [--runs 5] [--page p/p9/] [--file content/p/p9.md]

The project (configs, curriculum, theme_overrides, content) is copied to a temporary folder and
``mkdocs serve --livereload`` runs there on a free port of 127.0.0.1, as ``scripts/serve`` does
(Japanese site, default options), so the real ``content/`` is never written. Headless Chromium
opens the lesson page; then, ``--runs`` times, a line with a fresh marker is appended to the
lesson's Markdown and the time from the save (file closed) until the marker is visible in the
reloaded page is measured. Between runs the server is left to settle: the search index of the
last build is written (the preview indexes in the background), then ``--settle`` seconds pass.
Prints every run, the median, the rebuild times that MkDocs itself logged and the processor time
the server spent from the save to the visible change (Linux; steadier than wall time on a shared
machine, where other jobs stretch the wall time). Budget: median <= 2 s (exit status 1 when
over).
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support import copy_project, launch  # noqa: E402

BUDGET_S = 2.0
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``mkdocs serve`` in the background, its log collected line by line."""

    def __init__(self, project: Path, port: int) -> None:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload"]
        cmd += ["-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"]
        self.proc = subprocess.Popen(
            cmd,
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        self.lines: list[str] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{port}/"

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def cpu(self) -> float | None:
        """Processor seconds (user + system) the server has used so far; None off Linux."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_indexed(self, timeout: float = 30) -> None:
        """Until the last build's search index is served (each build starts without one)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "pagefind/pagefind.js", timeout=2):
                    return
            except OSError:
                time.sleep(0.1)

    def builds(self) -> list[float]:
        with self.lock:
            return [float(m.group(1)) for line in self.lines if (m := BUILT.search(line))]

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit("mkdocs serve exited:\n" + "\n".join(self.lines[-30:]))
            try:
                with urllib.request.urlopen(self.url, timeout=2) as r:
                    if r.status == 200:
                        self.url = r.geturl()  # served under site_url's path (/nexus/)
                        return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("mkdocs serve did not answer in time:\n" + "\n".join(self.lines[-30:]))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default="p/p9/", help="page to watch (site path)")
    parser.add_argument("--file", default="content/p/p9.md", help="its source, project-relative")
    parser.add_argument("--settle", type=float, default=1.5, help="seconds between runs")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    times: list[float] = []
    cpus: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        project = copy_project(Path(tmp) / "project")
        source = project / args.file
        server = Server(project, free_port())
        try:
            t = time.perf_counter()
            server.wait_ready()
            print(f"mkdocs serve ready in {time.perf_counter() - t:.1f} s at {server.url}")
            with sync_playwright() as pw:
                browser = launch(pw)
                page = browser.new_page()
                page.goto(server.url + args.page, wait_until="load")
                if "livereload" not in page.content():
                    raise SystemExit("the served page has no live-reload script")
                server.wait_indexed()
                time.sleep(args.settle)
                for i in range(args.runs):
                    marker = f"reload-marker-{i}-{time.time_ns()}"
                    before = len(server.builds())
                    cpu_before = server.cpu()
                    with source.open("a", encoding="utf-8") as f:
                        f.write(f"\n\n{marker}\n")
                    saved = time.perf_counter()
                    page.get_by_text(marker).wait_for(state="visible", timeout=60_000)
                    elapsed = time.perf_counter() - saved
                    cpu_after = server.cpu()
                    times.append(elapsed)
                    time.sleep(0.2)
                    rebuilt = server.builds()[before:]
                    parts = [f"mkdocs rebuild {rebuilt[-1]:.2f} s"] if rebuilt else []
                    if cpu_before is not None and cpu_after is not None:
                        cpus.append(cpu_after - cpu_before)
                        parts.append(f"server CPU {cpus[-1]:.2f} s")
                    note = f" ({', '.join(parts)})" if parts else ""
                    print(f"run {i + 1}: {elapsed:.2f} s from save to visible{note}", flush=True)
                    server.wait_indexed()
                    time.sleep(args.settle)
                browser.close()
        finally:
            server.stop()
        builds = server.builds()
    median = statistics.median(times)
    rebuilds = builds[1:]
    print(
        f"\nmedian {median:.2f} s over {len(times)} runs (min {min(times):.2f}, max "
        f"{max(times):.2f}); first build {builds[0]:.2f} s"
        + (f", median rebuild {statistics.median(rebuilds):.2f} s" if rebuilds else "")
        + (f", median server CPU {statistics.median(cpus):.2f} s" if cpus else "")
    )
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    ok = median <= BUDGET_S
    print(f"budget: save → visible <= {BUDGET_S:.1f} s: {'ok' if ok else 'OVER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
