"""``nexus-site new F --slug …`` and ``nexus-site check`` on articles."""

from __future__ import annotations

from pathlib import Path

import pytest

import articles_fixture as fx
from nexus_site.cli import main
from nexus_site.content.translations import file_hash


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return fx.project(tmp_path / "p", 0)


def test_new_article_is_a_dated_draft_that_checks(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--root", str(root), "new", "f", "--slug", "fedavg-regulation", "--date", "2025-06-01"]
    assert main(args) == 0
    path = root / "content" / "f" / "fedavg-regulation.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\ndate: 2025-06-01\ntitle: ")
    assert "draft: true" in text and "regulation, llm, imaging" in text
    assert "created content/f/fedavg-regulation.md" in capsys.readouterr().out
    assert main(["--root", str(root), "check"]) == 0
    assert "1 article files" in capsys.readouterr().out
    # Never overwrites.
    path.write_text(text.replace("tags: []", "tags: [llm]"), encoding="utf-8")
    assert main(args) == 1
    assert "never overwrites" in capsys.readouterr().err
    assert "tags: [llm]" in path.read_text(encoding="utf-8")


def test_english_stub_records_its_source(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--root", str(root), "new", "F", "--slug", "x"]
    assert main([*base, "--lang", "en"]) == 1
    assert "write the Japanese article first" in capsys.readouterr().err
    original = root / "content" / "f" / "x.md"
    original.write_text(fx.article(fx.FIRST, "元の記事", tags=("llm",)), encoding="utf-8")
    assert main([*base, "--lang", "en"]) == 0
    english = (root / "content" / "f" / "x.en.md").read_text(encoding="utf-8")
    assert f'source_hash: "{file_hash(original)}"' in english
    assert 'tags: ["llm"]' in english and "date: 2025-01-01" in english
    assert "draft" not in english.split("---")[1]
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 0


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        (None, "name the new one"),
        ("Bad Slug", "cannot be the slug"),
        ("page", "cannot be the slug"),
    ],
)
def test_refusals(
    root: Path, capsys: pytest.CaptureFixture[str], slug: str | None, message: str
) -> None:
    args = ["--root", str(root), "new", "F", *(["--slug", slug] if slug else [])]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert message in err and "hint:" in err and "Traceback" not in err
    assert not any((root / "content" / "f").iterdir())
