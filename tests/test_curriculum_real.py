"""The real curriculum loads cleanly and matches the original site (seed 000)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nexus_site import project
from nexus_site.cli import main
from nexus_site.curriculum.model import Curriculum, Lesson, SubLesson, walk

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def curriculum() -> Curriculum:
    return project.load(ROOT / "curriculum", ROOT / "content", root=ROOT).curriculum


def test_check_exits_zero(capsys: pytest.CaptureFixture[str], curriculum: Curriculum) -> None:
    assert main(["--root", str(ROOT), "check"]) == 0
    assert capsys.readouterr().out.startswith(f"ok: {len(curriculum.series)} series")


def test_thirteen_courses_in_menu_order_after_series_f(curriculum: Curriculum) -> None:
    """Seed 000 opens its series menu with [Series F] Frontier Insights, a series of articles;
    the thirteen course series follow in their order."""
    courses = [s.id for s in curriculum.series if not s.articles]
    assert courses == list("BPGMSERVLTWDX")
    assert [s.id for s in curriculum.series] == curriculum.site.series_order
    assert curriculum.site.series_order[0] == "F"
    f = curriculum.series_by_id("F")
    assert f.articles and not f.parts and not f.subseries
    assert f.title.ja.startswith("Frontier Insights 医療AI最前線を徹底解剖")
    assert f.title.en is not None and "Deep Dives into Cutting-Edge Medical AI" in f.title.en
    assert all(t.label.en for t in f.tags)


@pytest.mark.parametrize(
    ("series_id", "first", "last"),
    [
        ("P", 1, 42),
        ("G", 1, 19),
        ("M", 0, 20),
        ("S", 1, 10),
        ("E", 1, 9),
        ("R", 1, 20),
        ("V", 1, 12),
        ("L", 1, 10),
        ("T", 1, 13),
    ],
)
def test_every_lesson_present(
    curriculum: Curriculum, series_id: str, first: int, last: int
) -> None:
    series = curriculum.series_by_id(series_id)
    assert [lesson.number for lesson in series.lessons()] == list(range(first, last + 1))
    assert [lesson.id for lesson in series.lessons()] == [
        f"{series_id}{n}" for n in range(first, last + 1)
    ]


def test_x_lists_its_subseries(curriculum: Curriculum) -> None:
    # Whether a series has lessons yet is content, not a rule: B, W, D and X start empty and
    # authors add parts to them (tests/test_content_proof.py).
    assert [x.id for x in curriculum.series_by_id("X").subseries] == ["X1", "X2", "X3", "X4", "X5"]


def test_e_goes_three_levels_deep(curriculum: Curriculum) -> None:
    depths = {node.id: depth for node, depth in walk(curriculum.series_by_id("E"))}
    assert depths["E2.3.1"] == 3
    assert max(depths.values()) == 3
    assert "E2.3.0" in depths and "E2.4.0" in depths


def test_g5_to_g8_have_four_sub_lessons(curriculum: Curriculum) -> None:
    g = {lesson.id: lesson for lesson in curriculum.series_by_id("G").lessons()}
    for n in range(5, 9):
        assert [c.id for c in g[f"G{n}"].children] == [f"G{n}.{k}" for k in range(1, 5)]


def test_capture_slips_are_fixed(curriculum: Curriculum) -> None:
    lesson = next(x for x in curriculum.series_by_id("L").lessons() if x.id == "L8")
    assert [c.id for c in lesson.children] == ["L8.1", "L8.2", "L8.3"]
    g19 = next(x for x in curriculum.series_by_id("G").lessons() if x.id == "G19")
    assert g19.ongoing and g19.note is not None and "随時トピックを追加" in g19.note.ja
    p18 = next(x for x in curriculum.series_by_id("P").lessons() if x.id == "P18")
    assert p18.note is not None and p18.note.ja.startswith("任意のデータで自由課題")


def test_titles_exactly_as_in_seed(curriculum: Curriculum) -> None:
    p = {x.id: x for x in curriculum.series_by_id("P").lessons()}
    assert p["P34"].title.ja == (
        "Graph Neural Networks (GNN) 入門 — 分子構造・疾患ネットワークを「関係性」で捉える"
    )
    assert p["P15"].short.ja == "PyTorchとRNN/LSTM"
    r = curriculum.series_by_id("R")
    assert sum(1 for _ in r.lessons()) == 20


def test_everything_has_english(curriculum: Curriculum) -> None:
    from nexus_site.cli.stats import texts

    missing = [t.ja for s in [curriculum.site, *curriculum.series] for t in texts(s) if not t.en]
    assert missing == []


def test_labels_are_short(curriculum: Curriculum) -> None:
    for series in curriculum.series:
        for node, _ in walk(series):
            if isinstance(node, Lesson):
                assert len(node.short.ja) <= 40, node.id
            assert isinstance(node, Lesson | SubLesson)
