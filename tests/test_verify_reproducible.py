"""Reproducible builds: two clean builds of the same tree give byte-identical sites.

The second build runs "on another day": ``SOURCE_DATE_EPOCH`` (which MkDocs uses instead of the
clock for page dates) is set to 2000-01-01, so any output that still depended on the build date —
the sitemap's ``<lastmod>`` and the gzip header of ``sitemap.xml.gz`` were the ones — would differ.
The plugin dates each page from the content instead: a lesson by its last update (git, else its
front-matter date), every other page by the newest lesson. Only a site with no published lesson
at all falls back to MkDocs' build date (then set SOURCE_DATE_EPOCH for reproducible output).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from support import build_both, copy_project

pytestmark = pytest.mark.build

OTHER_DAY = "946684800"  # 2000-01-01T00:00:00Z
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("reproducible")
    project = copy_project(tmp / "project")  # one snapshot of the tree for both builds
    first = build_both(project, tmp / "first")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", OTHER_DAY)
        second = build_both(project, tmp / "second")
    return first, second


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (tree(site) for site in two_builds)
    assert sorted(first) == sorted(second), "different file lists"
    differing = sorted(name for name in first if first[name] != second[name])
    print(f"\nreproducible: {len(first)} files compared, {len(differing)} differ")
    assert differing == []
    assert len(first) > 100


def test_sitemap_dates_come_from_the_content(two_builds: tuple[Path, Path]) -> None:
    first, _ = two_builds
    for site in (first, first / "en"):
        dates = {
            loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter(SITEMAP + "lastmod")
        }
        assert dates, site
        assert "2000-01-01" not in dates
        # Lessons carry their own date; other pages the newest lesson's.
        assert len(dates) >= 2, dates
        raw = (site / "sitemap.xml.gz").read_bytes()
        (mtime,) = struct.unpack("<I", raw[4:8])  # gzip header: MTIME
        newest = dt.datetime.fromisoformat(max(d for d in dates if d)).replace(tzinfo=dt.UTC)
        assert mtime == int(newest.timestamp())
        assert gzip.decompress(raw) == (site / "sitemap.xml").read_bytes()
