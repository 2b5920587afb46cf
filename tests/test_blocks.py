"""``/// figure`` and ``/// quiz`` blocks: parsing, checking (the located reports are golden:
tests/golden/blocks), rendering with everything escaped, the Python reference of the figures'
update rules, notebook cells that draw without a saved image, and the guide that documents it all.
"""

from __future__ import annotations

import html
import json
import math
import re

import pytest
from bs4 import BeautifulSoup

from nexus_site.content import blocks, figure_specs, plots
from nexus_site.site import blocks as render_blocks
from nexus_site.site import figures, notebooks
from support import ROOT

FIGURE = """intro

/// figure | optimizer-race
lr: 0.05
optimizers: [adam]
---
| fallback | table |
|---|---|
| a | b |
///

after
"""


def test_a_figure_block_has_its_parameters_with_defaults_and_fallback() -> None:
    found, problems = blocks.parse(FIGURE, "x.md")
    assert problems == []
    (block,) = found
    assert (block.kind, block.name, block.start, block.end) == ("figure", "optimizer-race", 2, 9)
    assert block.params["lr"] == 0.05 and block.params["optimizers"] == ["adam"]
    assert block.params["start"] == [-4.0, 1.5]  # default
    assert set(block.params) == set(figure_specs.FIGURES["optimizer-race"])
    assert block.body.startswith("| fallback | table |") and block.body.endswith("| a | b |")


def test_a_quiz_block_has_question_choices_and_explanations() -> None:
    text = "/// quiz | Title\nQ **bold**?\n\n- [ ] no\n    Why not.\n\n    More.\n- [X] yes\n\tWhy.\n///"
    (block,), problems = blocks.parse(text, "x.md")
    assert problems == []
    assert block.name == "Title" and block.question == "Q **bold**?"
    assert [(c.text, c.correct) for c in block.choices] == [("no", False), ("yes", True)]
    assert block.choices[0].why == "Why not.\n\nMore." and block.choices[1].why == "Why."


@pytest.mark.parametrize("fence", ["```", "~~~~", "````markdown"])
def test_blocks_in_code_fences_are_examples(fence: str) -> None:
    text = f"{fence}\n/// figure | nope\n///\n{fence[:4].rstrip('m')}\n"
    assert blocks.parse(text, "x.md") == ([], [])


def test_locations_count_the_front_matter() -> None:
    _found, problems = blocks.parse(
        "\n/// figure | optimizer-race\nlr: 7\n///", "x.md", line_offset=4
    )
    assert [str(p.location) for p in problems] == ["x.md:7:5"]


def test_every_default_is_valid() -> None:
    for name, spec in figure_specs.FIGURES.items():
        for key, param in spec.items():
            assert figure_specs._check(param, param.default) == param.default, (name, key)


def rendered(text: str, lang: str = "ja") -> BeautifulSoup:
    return BeautifulSoup(render_blocks.render(text, lang, "x.md"), "html.parser")


def test_parameters_and_labels_are_escaped_json_in_attributes() -> None:
    text = FIGURE.replace("lr: 0.05", 'lr: 0.05\ncaption: </figure><script>alert("x")</script>')
    out = render_blocks.render(text, "en", "x.md")
    assert "<script>" not in out and "&lt;script&gt;" in out
    soup = BeautifulSoup(out, "html.parser")
    figure = soup.select_one("figure.nexus-figure")
    assert figure is not None and figure["data-nexus-figure"] == "optimizer-race"
    params = json.loads(str(figure["data-params"]))
    assert params["lr"] == 0.05 and "caption" not in params
    assert json.loads(str(figure["data-labels"]))["next"] == "Next"
    ja = rendered(FIGURE, "ja").select_one("figure")
    assert ja is not None and json.loads(str(ja["data-labels"]))["next"] == "次へ"


def test_a_figure_without_fallback_gets_a_static_svg() -> None:
    soup = rendered("/// figure | optimizer-race\noptimizers: [sgd, adam]\n///")
    static = soup.select_one(".nexus-figure__static svg")
    assert static is not None and static["role"] == "img"
    assert len(static.select("polyline.nf-path")) == 2 and static.select("ellipse.nf-contour")
    assert rendered("/// figure | lr-effect\n///").select(".nexus-figure__static svg polyline")


def test_a_quiz_renders_choices_and_explanations_without_script() -> None:
    text = '/// quiz | <b>"T"</b>\nQ?\n\n- [x] a\n    A.\n- [x] b\n    B.\n- [ ] c\n    C.\n///'
    soup = rendered(text, "en")
    quiz = soup.select_one(".nexus-quiz")
    assert quiz is not None and quiz["data-multiple"] == "true"
    assert quiz.select_one(".nexus-quiz__title").get_text() == '<b>"T"</b>'  # type: ignore[union-attr]
    choices = quiz.select(".nexus-quiz__choice")
    assert [c["data-correct"] for c in choices] == ["true", "true", "false"]
    assert all(c.select_one("details.nexus-quiz__why summary") for c in choices)


def test_optimizer_reference_follows_the_closed_forms() -> None:
    params = {k: p.default for k, p in figure_specs.FIGURES["optimizer-race"].items()}
    params.update(optimizers=["sgd", "adam"], lr=0.05, start=[2.0, 1.0], landscape="ravine")
    paths = figures.race(params, 10)
    a, b = figures.LANDSCAPES["ravine"]
    x, y = paths["sgd"][10]
    assert math.isclose(x, 2.0 * (1 - 0.05 * a) ** 10) and math.isclose(y, (1 - 0.05 * b) ** 10)
    # Adam's first step is lr in every coordinate (bias-corrected m/√v = sign of the gradient).
    x1, y1 = paths["adam"][1]
    assert math.isclose(x1, 2.0 - 0.05, rel_tol=1e-6) and math.isclose(y1, 1.0 - 0.05, rel_tol=1e-6)
    assert figures.descent(1.1, 1.0, 3) == pytest.approx([1.0, -1.2, 1.44, -1.728])


def test_a_run_that_diverges_stops() -> None:
    params = {k: p.default for k, p in figure_specs.FIGURES["optimizer-race"].items()}
    params.update(optimizers=["sgd"], lr=0.5)
    path = figures.race(params, 500)["sgd"]
    assert len(path) < 500 and all(abs(v) <= figures.LIMIT for point in path for v in point)


def notebook(cells: list[dict[str, object]]) -> str:
    return json.dumps(
        {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1
    )


def code(
    ident: str, source: str, outputs: list[dict[str, object]] | None = None
) -> dict[str, object]:
    return {
        "cell_type": "code",
        "id": ident,
        "source": source,
        "outputs": outputs or [],
        "metadata": {},
    }


def test_cells_that_draw_without_a_saved_image() -> None:
    png: dict[str, object] = {"output_type": "display_data", "data": {"image/png": "iVBOR"}}
    text = notebook(
        [
            code("a", "import matplotlib.pyplot as plt\nplt.plot([1, 2])"),
            code("b", "plt.show()", [png]),
            code("c", "# plt.plot(x) is only a comment\nprint(1)"),
            code("d", "ConfusionMatrixDisplay(cm).plot()"),
        ]
    )
    missing = plots.missing_plots(text)
    assert [(m.cell_id, m.next_id) for m in missing] == [("a", "b"), ("d", "")]
    assert missing[0].calls == ("plt.plot",)
    assert plots.missing_plots("not json") == []


def test_a_missing_plot_gets_a_placeholder_before_the_next_cell() -> None:
    page = '<div class="jp-Cell" id="cell-id=a">A</div><div class="jp-Cell" id="cell-id=b">B</div>'
    missing = plots.missing_plots(notebook([code("a", "plt.plot(x)"), code("b", "1")]))
    out = notebooks.mark_missing_plots(page, missing, "en")
    assert out.index("Figure in preparation") < out.index('id="cell-id=b"')
    assert out.index("Figure in preparation") > out.index('id="cell-id=a"')


@pytest.mark.parametrize("name", ["guide.md", "guide.en.md"])
def test_the_guide_documents_every_figure_and_parameter(name: str) -> None:
    text = (ROOT / "content" / name).read_text(encoding="utf-8")
    for figure, spec in figure_specs.FIGURES.items():
        assert f"`{figure}`" in text, figure
        for key in spec:
            assert f"`{key}`" in text, (figure, key)
    assert "/// quiz" in text
    # The guide's own examples are live blocks, valid ones.
    found, problems = blocks.parse(text, name)
    assert problems == [] and {b.kind for b in found} == {"figure", "quiz"}
    assert re.search(r"^/// figure \| ", text, re.M)


def test_labels_exist_in_both_languages() -> None:
    assert set(figures.LABELS["ja"]) == set(figures.LABELS["en"])
    assert set(render_blocks.QUIZ_LABELS["ja"]) == set(render_blocks.QUIZ_LABELS["en"])
    assert html.escape(figures.LABELS["en"]["next"]) == "Next"
