"""Where a build's time goes: CPU seconds per plugin event, for the nexus plugin and the others.

    uv run python scripts/profile_plugin.py [-f mkdocs.yml] [--rebuilds 0]

Builds the site in-process (as ``mkdocs serve`` does) with a timer around every event handler of
every plugin, then prints CPU seconds per plugin and event, the whole build, and the share of the
nexus plugin. ``--rebuilds N`` builds N more times in the same process and reports the last one
(a warm rebuild, as after saving a lesson). Use it on a stress project from
``scripts/bench --out DIR``: ``-f DIR/project-1000/mkdocs.yml``.
"""

from __future__ import annotations

import argparse
import collections
import functools
import os
import tempfile
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build
from mkdocs.config import load_config


def timed_build(config_file: str, site_dir: str) -> tuple[float, dict[tuple[str, str], float]]:
    config = load_config(config_file, site_dir=site_dir)
    plugins = config.plugins
    spent: dict[tuple[str, str], float] = collections.defaultdict(float)

    def wrap(method: Callable[..., Any], key: tuple[str, str]) -> Callable[..., Any]:
        @functools.wraps(method)
        def timer(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                spent[key] += time.process_time() - start

        return timer

    # MkDocs keeps the handlers in plugins.events (in priority order) and runs those.
    for event, methods in plugins.events.items():
        for i, method in enumerate(methods):
            name = plugins._event_origins.get(method, "?")
            methods[i] = timed = wrap(method, (name, f"on_{event}"))
            plugins._event_origins[timed] = name
    start = time.process_time()
    build(config)
    return time.process_time() - start, spent


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("--rebuilds", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as site_dir:
        for _ in range(args.rebuilds):
            timed_build(args.config_file, site_dir)
        total, spent = timed_build(args.config_file, site_dir)
    per_plugin: dict[str, float] = collections.defaultdict(float)
    print(f"{'plugin':<24}{'event':<20}{'CPU s':>8}")
    for (name, event), secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        per_plugin[name] += secs
        if secs >= 0.01:
            print(f"{name:<24}{event:<20}{secs:8.2f}")
    print()
    for name, secs in sorted(per_plugin.items(), key=lambda kv: -kv[1]):
        print(f"{name:<44}{secs:8.2f}")
    print(f"{'whole build':<44}{total:8.2f}")
    print(f"{'nexus share':<44}{per_plugin.get('nexus', 0) / total:8.1%}")


if __name__ == "__main__":
    main()
