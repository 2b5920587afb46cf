/*!
 * Medical AI Nexus — interactive figures of `/// figure | NAME` blocks. Dependency-free, MIT.
 * Markup: nexus_site.site.blocks (a <figure data-nexus-figure data-params data-labels> holding
 * the static fallback). Styles: figures.css. The update rules are those of
 * nexus_site.site.figures (the Python reference the browser tests compare with), computed here,
 * step by step; nothing is pre-computed and nothing is requested.
 *
 *   optimizer-race  SGD / momentum / Adam on f(x, y) = (a·x² + b·y²) / 2 (PyTorch's rules)
 *   lr-effect       gradient descent on L(w) = w² with several learning rates, loss per step
 */
(function () {
  "use strict";

  if (window.__nexusFigures) return; // one set of listeners per window
  window.__nexusFigures = true;

  var SVGNS = "http://www.w3.org/2000/svg";
  var DOMAIN = [-5, 5, -3, 3];
  var W = 600;
  var H = 360;
  var LANDSCAPES = { ravine: [1, 20], bowl: [1, 1] };
  var EPS = 1e-8;
  var LIMIT = 1e6;
  var PLAY_MS = 160;
  var LR_MIN = 0.005;
  var LR_MAX = 0.5;

  // --- helpers ---------------------------------------------------------------------------

  function svg(tag, attrs, parent) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (parent) parent.appendChild(node);
    return node;
  }

  function html(tag, attrs, text, parent) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text != null) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function fmt(v, digits) {
    if (!isFinite(v)) return "—";
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
    return v.toFixed(digits == null ? 3 : digits);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) {
      return values[k];
    });
  }

  // Buttons, a learning-rate slider (optional) and the aria-live status line.
  function controls(root, labels, handlers, lr) {
    var bar = html("div", { class: "nf-controls", role: "group", "aria-label": labels.controls });
    var next = html("button", { type: "button", class: "md-button nf-next" }, labels.next, bar);
    var play = html(
      "button",
      { type: "button", class: "md-button nf-play", "aria-pressed": "false" },
      labels.play,
      bar
    );
    var reset = html("button", { type: "button", class: "md-button nf-reset" }, labels.reset, bar);
    next.addEventListener("click", handlers.next);
    play.addEventListener("click", handlers.toggle);
    reset.addEventListener("click", handlers.reset);
    var out = { bar: bar, play: play, next: next };
    if (lr != null) {
      // <output> is itself labelable, so it sits beside the <label>, not inside it.
      var box = html("span", { class: "nf-lr" }, null, bar);
      var label = html("label", {}, null, box);
      html("span", {}, labels.lr + " ", label);
      var range = html(
        "input",
        { type: "range", min: "0", max: "100", step: "1", class: "nf-lr-input" },
        null,
        label
      );
      var shown = html("output", { class: "nf-lr-value", "aria-hidden": "true" }, fmt(lr), box);
      range.value = String(lrToSlider(lr));
      range.setAttribute("aria-valuetext", "η = " + fmt(lr));
      range.addEventListener("input", function () {
        var value = sliderToLr(Number(range.value));
        shown.textContent = fmt(value);
        range.setAttribute("aria-valuetext", "η = " + fmt(value));
        handlers.lr(value);
      });
      out.range = range;
    }
    root.appendChild(bar);
    out.status = html("p", { class: "nf-status", "aria-live": "polite", role: "status" }, "", root);
    return out;
  }

  function lrToSlider(lr) {
    var t = (Math.log(lr) - Math.log(LR_MIN)) / (Math.log(LR_MAX) - Math.log(LR_MIN));
    return Math.round(Math.min(1, Math.max(0, t)) * 100);
  }

  function sliderToLr(v) {
    var lr = Math.exp(Math.log(LR_MIN) + (v / 100) * (Math.log(LR_MAX) - Math.log(LR_MIN)));
    return Number(lr.toPrecision(2));
  }

  // Step / play / reset shared by both figures. `figure.step()` returns false at the end.
  function player(figure, labels, ui) {
    var timer = null;
    function stop() {
      if (timer !== null) {
        clearInterval(timer);
        timer = null;
      }
      ui.play.textContent = labels.play;
      ui.play.setAttribute("aria-pressed", "false");
    }
    function say(text) {
      ui.status.textContent = text;
    }
    return {
      stop: stop,
      say: say,
      next: function () {
        stop();
        say(figure.step() ? figure.describe() : labels.done + ". " + figure.describe());
      },
      toggle: function () {
        if (timer !== null) {
          stop();
          say(figure.describe());
          return;
        }
        ui.play.textContent = labels.pause;
        ui.play.setAttribute("aria-pressed", "true");
        timer = setInterval(function () {
          if (!figure.step()) {
            stop();
            say(labels.done + ". " + figure.describe());
          }
        }, PLAY_MS);
      },
      reset: function () {
        stop();
        figure.reset();
        say(figure.describe());
      },
    };
  }

  // --- optimizer race ----------------------------------------------------------------------

  function Optimizer(kind, p, lr) {
    this.kind = kind;
    this.ab = LANDSCAPES[p.landscape];
    this.x = p.start[0];
    this.y = p.start[1];
    this.lr = lr;
    this.momentum = p.momentum;
    this.beta1 = p.beta1;
    this.beta2 = p.beta2;
    this.t = 0;
    this.m = [0, 0];
    this.v = [0, 0];
    this.diverged = false;
  }

  Optimizer.prototype.delta = function (i, g) {
    if (this.kind === "sgd") return this.lr * g;
    if (this.kind === "momentum") {
      this.m[i] = this.momentum * this.m[i] + g;
      return this.lr * this.m[i];
    }
    this.m[i] = this.beta1 * this.m[i] + (1 - this.beta1) * g;
    this.v[i] = this.beta2 * this.v[i] + (1 - this.beta2) * g * g;
    var mHat = this.m[i] / (1 - Math.pow(this.beta1, this.t));
    var vHat = this.v[i] / (1 - Math.pow(this.beta2, this.t));
    return (this.lr * mHat) / (Math.sqrt(vHat) + EPS);
  };

  Optimizer.prototype.step = function () {
    if (this.diverged) return;
    var grad = [this.ab[0] * this.x, this.ab[1] * this.y];
    this.t += 1;
    var dx = this.delta(0, grad[0]);
    var dy = this.delta(1, grad[1]);
    this.x -= dx;
    this.y -= dy;
    if (!(Math.abs(this.x) <= LIMIT && Math.abs(this.y) <= LIMIT)) this.diverged = true;
  };

  Optimizer.prototype.loss = function () {
    return (this.ab[0] * this.x * this.x + this.ab[1] * this.y * this.y) / 2;
  };

  function toScreen(x, y) {
    return [
      ((x - DOMAIN[0]) / (DOMAIN[1] - DOMAIN[0])) * W,
      ((DOMAIN[3] - y) / (DOMAIN[3] - DOMAIN[2])) * H,
    ];
  }

  function marker(kind, parent) {
    if (kind === "momentum") return svg("rect", { class: "nf-marker nf-" + kind, width: 11, height: 11 }, parent);
    if (kind === "adam") return svg("polygon", { class: "nf-marker nf-" + kind }, parent);
    return svg("circle", { class: "nf-marker nf-" + kind, r: 6 }, parent);
  }

  function place(node, kind, x, y) {
    var s = toScreen(x, y);
    if (kind === "momentum") {
      node.setAttribute("x", (s[0] - 5.5).toFixed(1));
      node.setAttribute("y", (s[1] - 5.5).toFixed(1));
    } else if (kind === "adam") {
      var r = 7.5;
      node.setAttribute(
        "points",
        [s[0], s[1] - r, s[0] + r, s[1], s[0], s[1] + r, s[0] - r, s[1]].map(function (v) {
          return v.toFixed(1);
        }).join(" ")
      );
    } else {
      node.setAttribute("cx", s[0].toFixed(1));
      node.setAttribute("cy", s[1].toFixed(1));
    }
  }

  function race(fig, p, labels, live) {
    var ab = LANDSCAPES[p.landscape];
    var drawing = svg("svg", { class: "nf-svg", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": labels.race_label }, live);
    var c = toScreen(0, 0);
    var scale = W / (DOMAIN[1] - DOMAIN[0]);
    [0.25, 1, 3, 8, 16, 32, 64].forEach(function (level) {
      svg("ellipse", { class: "nf-contour", cx: c[0], cy: c[1], rx: (Math.sqrt((2 * level) / ab[0]) * scale).toFixed(1), ry: (Math.sqrt((2 * level) / ab[1]) * scale).toFixed(1) }, drawing);
    });
    svg("circle", { class: "nf-min", cx: c[0], cy: c[1], r: 5 }, drawing);
    var s0 = toScreen(p.start[0], p.start[1]);
    svg("circle", { class: "nf-start", cx: s0[0].toFixed(1), cy: s0[1].toFixed(1), r: 5 }, drawing);
    var table = html("table", { class: "nf-readout" }, null, live);
    var head = html("tr", {}, null, html("thead", {}, null, table));
    ["", "x", "y", labels.loss].forEach(function (t) {
      html("th", { scope: "col" }, t, head);
    });
    var body = html("tbody", {}, null, table);
    var lr = p.lr;
    var runs = p.optimizers.map(function (kind) {
      var row = html("tr", { class: "nf-row", "data-optimizer": kind }, null, body);
      var name = html("th", { scope: "row" }, null, row);
      html("span", { class: "nf-swatch nf-" + kind, "aria-hidden": "true" }, null, name);
      name.appendChild(document.createTextNode(labels[kind]));
      return {
        kind: kind,
        line: svg("polyline", { class: "nf-path nf-" + kind }, drawing),
        dot: marker(kind, drawing),
        cells: [html("td", {}, "", row), html("td", {}, "", row), html("td", {}, "", row)],
        opt: null,
        points: [],
        last: null,
      };
    });
    var t = 0;
    var figure = {
      reset: function () {
        t = 0;
        runs.forEach(function (run) {
          run.opt = new Optimizer(run.kind, p, lr);
          run.points = [toScreen(run.opt.x, run.opt.y)];
          run.last = [run.opt.x, run.opt.y];
        });
        draw();
      },
      step: function () {
        if (t >= p.steps) return false;
        t += 1;
        runs.forEach(function (run) {
          run.opt.step();
          if (run.opt.diverged) return;
          run.points.push(toScreen(run.opt.x, run.opt.y));
          run.last = [run.opt.x, run.opt.y];
        });
        draw();
        return t < p.steps;
      },
      describe: function () {
        return fill(labels.at, { step: t }) + ": " + runs.map(function (run) {
          return labels[run.kind] + " " + (run.opt.diverged ? labels.diverged : labels.loss + " " + fmt(run.opt.loss()));
        }).join(", ");
      },
    };
    function draw() {
      fig.setAttribute("data-step", String(t));
      fig.setAttribute("data-lr", String(lr));
      runs.forEach(function (run) {
        var o = run.opt;
        run.line.setAttribute("points", run.points.map(function (q) {
          return q[0].toFixed(1) + "," + q[1].toFixed(1);
        }).join(" "));
        place(run.dot, run.kind, run.last[0], run.last[1]); // diverged: where it left the map
        run.dot.setAttribute("data-x", String(o.x));
        run.dot.setAttribute("data-y", String(o.y));
        run.cells[0].textContent = o.diverged ? labels.diverged : fmt(o.x);
        run.cells[1].textContent = o.diverged ? "" : fmt(o.y);
        run.cells[2].textContent = o.diverged ? "" : fmt(o.loss());
      });
    }
    var ui;
    var play = player(figure, labels, {
      get play() { return ui.play; },
      get status() { return ui.status; },
    });
    ui = controls(live, labels, {
      next: play.next,
      toggle: play.toggle,
      reset: play.reset,
      lr: function (value) {
        lr = value;
        play.reset();
      },
    }, lr);
    figure.reset();
  }

  // --- learning-rate effect ----------------------------------------------------------------

  function rateClass(rate) {
    var r = Math.abs(1 - 2 * rate);
    if (r > 1) return "diverged";
    if (1 - 2 * rate < 0) return "oscillating";
    return r > 0.9 ? "slow" : "fast";
  }

  function lrEffect(fig, p, labels, live) {
    var PW = 300;
    var PH = 190;
    var R = 2.5 * Math.max(Math.abs(p.start), 0.1);
    var panels = html("div", { class: "nf-panels" }, null, live);
    function panelXY(w) {
      return [((w + R) / (2 * R)) * PW, PH - 10 - ((w * w) / (R * R)) * (PH - 30)];
    }
    var curve = [];
    for (var i = 0; i <= 60; i++) {
      var w = -R + (2 * R * i) / 60;
      curve.push(panelXY(w).map(function (v) { return v.toFixed(1); }).join(","));
    }
    var runs = p.rates.map(function (rate, i) {
      var box = html("div", { class: "nf-panel", "data-rate": String(rate) }, null, panels);
      var pic = svg("svg", { class: "nf-svg", viewBox: "0 0 " + PW + " " + PH, "aria-hidden": "true" }, box);
      svg("polyline", { class: "nf-parabola", points: curve.join(" ") }, pic);
      var m = panelXY(0);
      svg("circle", { class: "nf-min", cx: m[0].toFixed(1), cy: m[1].toFixed(1), r: 4 }, pic);
      var line = svg("polyline", { class: "nf-path nf-rate" + i }, pic);
      var dot = svg("circle", { class: "nf-marker nf-rate" + i, r: 6 }, pic);
      var caption = html("p", { class: "nf-panel-label" }, null, box);
      html("strong", {}, "η = " + rate, caption);
      caption.appendChild(document.createTextNode(" · " + labels[rateClass(rate)]));
      var read = html("p", { class: "nf-panel-value" }, "", box);
      return { rate: rate, line: line, dot: dot, read: read, w: p.start, ws: [p.start], done: false };
    });
    var chart = svg("svg", { class: "nf-svg nf-curve", viewBox: "0 0 " + W + " 220", role: "img", "aria-label": labels.curve }, live);
    var LO = -8;
    var HI = 4;
    function chartXY(t, w) {
      var level = Math.min(HI, Math.max(LO, Math.log(Math.max(w * w, 1e-300)) / Math.LN10));
      return [60 + (t * (W - 80)) / p.steps, 24 + ((HI - level) / (HI - LO)) * 160];
    }
    for (var e = LO; e <= HI; e += 4) {
      var gy = chartXY(0, Math.sqrt(Math.pow(10, e)))[1];
      svg("line", { class: "nf-grid", x1: 60, x2: W - 20, y1: gy, y2: gy }, chart);
      svg("text", { class: "nf-axis", x: 4, y: gy + 4 }, chart).textContent = "1e" + e;
    }
    svg("text", { class: "nf-axis", x: 60, y: 214 }, chart).textContent = labels.curve + " — " + labels.step;
    var legend = html("p", { class: "nf-legend-row" }, null, live);
    runs.forEach(function (run, i) {
      run.curve = svg("polyline", { class: "nf-path nf-rate" + i }, chart);
      var key = html("span", { class: "nf-key" }, null, legend);
      var sample = svg("svg", { viewBox: "0 0 30 10", width: "30", height: "10", "aria-hidden": "true" }, key);
      svg("line", { class: "nf-path nf-rate" + i, x1: 0, x2: 30, y1: 5, y2: 5 }, sample);
      key.appendChild(document.createTextNode(" η = " + run.rate));
    });
    var t = 0;
    var figure = {
      reset: function () {
        t = 0;
        runs.forEach(function (run) {
          run.w = p.start;
          run.ws = [p.start];
          run.done = false;
        });
        draw();
      },
      step: function () {
        if (t >= p.steps) return false;
        t += 1;
        runs.forEach(function (run) {
          if (run.done) return;
          var w = run.w - run.rate * 2 * run.w;
          if (Math.abs(w) > LIMIT) {
            run.done = true;
            return;
          }
          run.w = w;
          run.ws.push(w);
        });
        draw();
        return t < p.steps;
      },
      describe: function () {
        return fill(labels.at, { step: t }) + ": " + runs.map(function (run) {
          return "η " + run.rate + " w " + fmt(run.w) + " " + labels.loss + " " + fmt(run.w * run.w);
        }).join(", ");
      },
    };
    function draw() {
      fig.setAttribute("data-step", String(t));
      runs.forEach(function (run) {
        run.line.setAttribute("points", run.ws.map(function (w) {
          return panelXY(w).map(function (v) { return v.toFixed(1); }).join(",");
        }).join(" "));
        var s = panelXY(run.w);
        run.dot.setAttribute("cx", s[0].toFixed(1));
        run.dot.setAttribute("cy", s[1].toFixed(1));
        run.dot.setAttribute("data-w", String(run.w));
        run.read.textContent = "w = " + fmt(run.w) + " · " + labels.loss + " = " + fmt(run.w * run.w);
        run.curve.setAttribute("points", run.ws.map(function (w, k) {
          return chartXY(k, w).map(function (v) { return v.toFixed(1); }).join(",");
        }).join(" "));
      });
    }
    var ui;
    var play = player(figure, labels, {
      get play() { return ui.play; },
      get status() { return ui.status; },
    });
    ui = controls(live, labels, { next: play.next, toggle: play.toggle, reset: play.reset }, null);
    figure.reset();
  }

  // --- start -------------------------------------------------------------------------------

  var FIGURES = { "optimizer-race": race, "lr-effect": lrEffect };

  function start() {
    var figs = document.querySelectorAll("figure[data-nexus-figure]:not([data-ready])");
    for (var i = 0; i < figs.length; i++) {
      var fig = figs[i];
      var make = FIGURES[fig.getAttribute("data-nexus-figure")];
      if (!make) continue;
      fig.setAttribute("data-ready", "");
      try {
        var live = html("div", { class: "nf-live" });
        fig.insertBefore(live, fig.firstChild);
        make(fig, JSON.parse(fig.getAttribute("data-params")), JSON.parse(fig.getAttribute("data-labels")), live);
        fig.classList.add("nexus-figure--live");
      } catch (error) {
        fig.removeChild(fig.querySelector(".nf-live"));
        console.error(error); // the static version stays
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
