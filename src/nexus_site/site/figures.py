"""The figures of ``/// figure`` blocks on the Python side: the same update rules as the page's
``assets/figures/figures.js`` (the reference the browser tests compare with), the static SVG
shown without JavaScript and in print, and the figures' labels in each language.

The page computes every step itself; nothing here is sent to it but the parameters.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from nexus_site.content.figure_specs import DOMAIN

# f(x, y) = (a·x² + b·y²) / 2: a long narrow valley, or a round bowl. Minimum at (0, 0).
LANDSCAPES: dict[str, tuple[float, float]] = {"ravine": (1.0, 20.0), "bowl": (1.0, 1.0)}
EPS = 1e-8  # Adam's ε (PyTorch's default)
LIMIT = 1e6  # beyond this a run has diverged: it stops there

LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "next": "次へ",
        "play": "再生",
        "pause": "一時停止",
        "reset": "リセット",
        "lr": "学習率 η",
        "step": "ステップ",
        "loss": "損失",
        "sgd": "SGD",
        "momentum": "モメンタム",
        "adam": "Adam",
        "start": "スタート",
        "minimum": "谷底(最小)",
        "diverged": "発散",
        "at": "ステップ {step}",
        "done": "最後のステップです",
        "race_label": "最適化アルゴリズムの比較:損失の等高線の上を、同じスタートから進む様子",
        "lr_label": "学習率の影響:L(w) = w² を勾配降下法で下る様子と、損失の推移",
        "curve": "損失の推移(対数目盛)",
        "slow": "遅い",
        "fast": "速やかに収束",
        "oscillating": "振動",
        "static": "図(JavaScript なしの静的な版)",
        "controls": "図の操作",
    },
    "en": {
        "next": "Next",
        "play": "Play",
        "pause": "Pause",
        "reset": "Reset",
        "lr": "Learning rate η",
        "step": "Step",
        "loss": "Loss",
        "sgd": "SGD",
        "momentum": "Momentum",
        "adam": "Adam",
        "start": "Start",
        "minimum": "Minimum",
        "diverged": "diverged",
        "at": "Step {step}",
        "done": "Last step reached",
        "race_label": "Optimizers compared: steps from the same start across the loss contours",
        "lr_label": "Learning-rate effect: gradient descent on L(w) = w², and the loss per step",
        "curve": "Loss per step (log scale)",
        "slow": "slow",
        "fast": "converges fast",
        "oscillating": "oscillates",
        "static": "Figure (static version, without JavaScript)",
        "controls": "Figure controls",
    },
}


def loss(landscape: str, x: float, y: float) -> float:
    a, b = LANDSCAPES[landscape]
    return (a * x * x + b * y * y) / 2


@dataclass
class Optimizer:
    """One optimizer's state on a landscape; :meth:`step` applies one update (PyTorch's rules)."""

    kind: str
    landscape: str
    x: float
    y: float
    lr: float
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    t: int = 0
    diverged: bool = False

    def __post_init__(self) -> None:
        self.m = [0.0, 0.0]  # momentum buffer, or Adam's first moment
        self.v = [0.0, 0.0]  # Adam's second moment

    def step(self) -> None:
        if self.diverged:
            return
        a, b = LANDSCAPES[self.landscape]
        grad = [a * self.x, b * self.y]
        self.t += 1
        delta = [self._delta(i, g) for i, g in enumerate(grad)]
        self.x -= delta[0]
        self.y -= delta[1]
        if not (abs(self.x) <= LIMIT and abs(self.y) <= LIMIT):
            self.diverged = True

    def _delta(self, i: int, g: float) -> float:
        if self.kind == "sgd":
            return self.lr * g
        if self.kind == "momentum":
            self.m[i] = self.momentum * self.m[i] + g
            return self.lr * self.m[i]
        self.m[i] = self.beta1 * self.m[i] + (1 - self.beta1) * g
        self.v[i] = self.beta2 * self.v[i] + (1 - self.beta2) * g * g
        m_hat = self.m[i] / (1 - self.beta1**self.t)
        v_hat = self.v[i] / (1 - self.beta2**self.t)
        return self.lr * m_hat / (math.sqrt(v_hat) + EPS)


def race(params: dict[str, object], steps: int) -> dict[str, list[tuple[float, float]]]:
    """Each optimizer's positions (start included) after 0…``steps`` steps."""
    start = params["start"]
    assert isinstance(start, list)
    paths: dict[str, list[tuple[float, float]]] = {}
    for kind in params["optimizers"]:  # type: ignore[attr-defined]
        opt = Optimizer(
            kind,
            str(params["landscape"]),
            float(start[0]),
            float(start[1]),
            float(params["lr"]),  # type: ignore[arg-type]
            float(params["momentum"]),  # type: ignore[arg-type]
            float(params["beta1"]),  # type: ignore[arg-type]
            float(params["beta2"]),  # type: ignore[arg-type]
        )
        path = [(opt.x, opt.y)]
        for _ in range(steps):
            opt.step()
            if opt.diverged:
                break
            path.append((opt.x, opt.y))
        paths[kind] = path
    return paths


def descent(rate: float, start: float, steps: int) -> list[float]:
    """w after 0…``steps`` steps of gradient descent on L(w) = w² (w ← w − η·2w)."""
    ws = [start]
    for _ in range(steps):
        w = ws[-1] - rate * 2 * ws[-1]
        if abs(w) > LIMIT:
            break
        ws.append(w)
    return ws


# --- the static SVGs -------------------------------------------------------------------------

W, H = 600, 360
MARKERS = {"sgd": "circle", "momentum": "square", "adam": "diamond"}


def _xy(x: float, y: float) -> tuple[float, float]:
    x0, x1, y0, y1 = DOMAIN
    return (x - x0) / (x1 - x0) * W, (y1 - y) / (y1 - y0) * H


def race_svg(params: dict[str, object], labels: dict[str, str]) -> str:
    """Contours, the start, the minimum and every optimizer's path after ``steps`` steps."""
    a, b = LANDSCAPES[str(params["landscape"])]
    scale = W / (DOMAIN[1] - DOMAIN[0])
    cx, cy = _xy(0, 0)
    parts = [
        f'<ellipse class="nf-contour" cx="{cx:g}" cy="{cy:g}" rx="{math.sqrt(2 * c / a) * scale:.1f}"'
        f' ry="{math.sqrt(2 * c / b) * scale:.1f}"/>'
        for c in (0.25, 1, 3, 8, 16, 32, 64)
    ]
    parts.append(f'<circle class="nf-min" cx="{cx:g}" cy="{cy:g}" r="5"/>')
    legend = []
    paths = race(params, int(params["steps"]))  # type: ignore[call-overload]
    for i, (kind, path) in enumerate(paths.items()):
        points = " ".join("{:.1f},{:.1f}".format(*_xy(x, y)) for x, y in path)
        parts.append(f'<polyline class="nf-path nf-{kind}" points="{points}"/>')
        legend.append(
            f'<text class="nf-legend nf-{kind}-text" x="10" y="{28 + 30 * i}">'
            f"{html.escape(labels[kind])}</text>"
        )
    sx, sy = _xy(*params["start"])  # type: ignore[misc]
    parts.append(f'<circle class="nf-start" cx="{sx:.1f}" cy="{sy:.1f}" r="5"/>')
    title = html.escape(labels["race_label"])
    return (
        f'<svg class="nf-svg" viewBox="0 0 {W} {H}" role="img" aria-label="{title}">'
        + "".join(parts + legend)
        + "</svg>"
    )


def lr_svg(params: dict[str, object], labels: dict[str, str]) -> str:
    """The loss per step for each learning rate, on a log scale."""
    steps = int(params["steps"])  # type: ignore[call-overload]
    runs = [
        (r, descent(r, float(params["start"]), steps))  # type: ignore[arg-type]
        for r in params["rates"]  # type: ignore[attr-defined]
    ]
    lo, hi = -8.0, 4.0  # log10 of the loss shown

    def point(t: int, w: float) -> str:
        level = min(hi, max(lo, math.log10(max(w * w, 1e-300))))
        return f"{40 + t * (W - 60) / steps:.1f},{10 + (hi - level) / (hi - lo) * (H - 40):.1f}"

    parts = []
    for i, (rate, ws) in enumerate(runs):
        points = " ".join(point(t, w) for t, w in enumerate(ws))
        parts.append(f'<polyline class="nf-path nf-rate{i}" points="{points}"/>')
        parts.append(
            f'<text class="nf-legend nf-rate{i}-text" x="{W - 170}" y="{28 + 30 * i}">'
            f"η = {rate:g}</text>"
        )
    title = html.escape(labels["lr_label"])
    axis = f'<text class="nf-axis" x="40" y="{H - 8}">{html.escape(labels["curve"])}</text>'
    return (
        f'<svg class="nf-svg" viewBox="0 0 {W} {H}" role="img" aria-label="{title}">'
        + "".join(parts)
        + axis
        + "</svg>"
    )


STATIC = {"optimizer-race": race_svg, "lr-effect": lr_svg}
