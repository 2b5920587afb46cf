/*
 * Render the math that pymdownx.arithmatex (generic mode) leaves in the page:
 *   inline  <span class="arithmatex">\( ... \)</span>
 *   display <div class="arithmatex">\[ ... \]</div>
 * with KaTeX's auto-render extension, served from assets/vendor/katex/.
 * Notebook pages (mkdocs-jupyter) are covered too: their markdown cells and
 * text/latex outputs keep $...$, $$...$$, \(...\) and \[...\] for MathJax.
 *
 * Lazily: nothing is loaded until some math comes within half a screen of the viewport
 * (IntersectionObserver) or the reader prints; then each formula is rendered as it nears the
 * viewport, a few at a time (everything at once for printing).
 *
 * With Material for MkDocs the global `document$` observable emits the current
 * document on first load and again after every instant navigation, so math in
 * newly swapped-in content is rendered too. Without it the page is rendered
 * once on DOMContentLoaded. The choice is made at DOMContentLoaded, when
 * Material's bundle (end of <body>) has run, so this file may sit in <head> or
 * after the bundle.
 *
 * KaTeX itself: if katex.min.js and contrib/auto-render.min.js were already
 * loaded (e.g. in <head> of a page with math) they are used as they are.
 * Otherwise, and only when the page has math to render, they and
 * katex.min.css are loaded from ../vendor/katex/ relative to this file. That
 * covers instant navigation, which swaps the page body but never runs the
 * <head> scripts of the page it navigates to. Nothing is requested from any
 * other origin.
 */
(function () {
  "use strict";

  // Material re-evaluates scripts inside its content container on instant
  // navigation: install only one subscription per window.
  if (window.__nexusKatexInit) {
    return;
  }
  window.__nexusKatexInit = true;

  var DONE = "data-katex-rendered";
  var TARGETS = [
    {
      // pymdownx.arithmatex, generic mode
      selector: ".arithmatex",
      options: {
        delimiters: [
          { left: "\\(", right: "\\)", display: false },
          { left: "\\[", right: "\\]", display: true }
        ],
        throwOnError: false
      }
    },
    {
      // mkdocs-jupyter (nbconvert) leaves TeX as typed in markdown cells and
      // text/latex outputs, for MathJax; render it the way Jupyter does.
      selector: ".jupyter-wrapper .jp-RenderedMarkdown, .jupyter-wrapper .jp-RenderedLatex",
      options: {
        delimiters: [
          { left: "$$", right: "$$", display: true },
          { left: "$", right: "$", display: false },
          { left: "\\(", right: "\\)", display: false },
          { left: "\\[", right: "\\]", display: true }
        ],
        throwOnError: false
      }
    }
  ];

  function pending(target) {
    return target.selector
      .split(",")
      .map(function (part) {
        return part.trim() + ":not([" + DONE + "])";
      })
      .join(", ");
  }

  var self = document.currentScript;
  var vendor = self && self.src ? new URL("../vendor/katex/", self.src) : null;
  var ready = null;

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.async = false;
      script.onload = function () {
        resolve();
      };
      script.onerror = function () {
        reject(new Error("katex-init: failed to load " + url));
      };
      document.head.appendChild(script);
    });
  }

  function ensureStylesheet() {
    if (!vendor) {
      return;
    }
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      if (/\/katex(\.min)?\.css(?:[?#]|$)/.test(links[i].href)) {
        return;
      }
    }
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("katex.min.css", vendor).href;
    document.head.appendChild(link);
  }

  // KaTeX in a worker (katex-worker.js): the page loads only auto-render (which finds the
  // formulas in the text) and hands it this stand-in for KaTeX, whose render() puts the TeX
  // source in the formula's place and asks the worker for its HTML. Evaluating KaTeX itself
  // (~35 ms on a fast desktop, several times that on a phone) never blocks the page. Without
  // workers, or if the worker fails, KaTeX is loaded on the page as before.
  function workerKatex() {
    if (!window.Worker || !self || !self.src) {
      return null;
    }
    var worker;
    try {
      worker = new Worker(new URL("katex-worker.js", self.src).href);
    } catch {
      return null;
    }
    var waiting = {};
    var next = 0;
    var real = null; // KaTeX on the page, if the worker failed
    worker.onmessage = function (event) {
      var job = waiting[event.data.id];
      delete waiting[event.data.id];
      if (job && event.data.html !== null) {
        job.span.innerHTML = event.data.html;
      }
    };
    worker.onerror = function () {
      worker.terminate();
      loadScript(new URL("katex.min.js", vendor).href).then(function () {
        real = window.katex;
        Object.keys(waiting).forEach(function (id) {
          var job = waiting[id];
          delete waiting[id];
          real.render(job.tex, job.span, job.options);
        });
      }, function (error) {
        console.error(error);
      });
    };
    function ParseError() {}
    return {
      ParseError: ParseError,
      render: function (tex, span, options) {
        if (real) {
          real.render(tex, span, options);
          return;
        }
        var display = !!(options && options.displayMode);
        next += 1;
        waiting[next] = { tex: tex, span: span, options: options };
        span.textContent = display ? "\\[" + tex + "\\]" : "\\(" + tex + "\\)";
        worker.postMessage({ id: next, tex: tex, displayMode: display });
      }
    };
  }

  function ensureKatex() {
    if (typeof window.renderMathInElement === "function") {
      return Promise.resolve();
    }
    if (!ready) {
      if (!vendor) {
        return Promise.reject(new Error("katex-init: KaTeX is not loaded"));
      }
      if (typeof window.katex === "undefined") {
        window.katex = workerKatex() || undefined; // undefined: loaded below, on the page
      }
      ready = (typeof window.katex === "undefined"
        ? loadScript(new URL("katex.min.js", vendor).href)
        : Promise.resolve()
      ).then(function () {
        if (typeof window.renderMathInElement !== "function") {
          return loadScript(new URL("contrib/auto-render.min.js", vendor).href);
        }
        return undefined;
      });
      ready.catch(function () {
        ready = null; // let a later navigation try again
      });
    }
    return ready;
  }

  // Each formula (or notebook cell with math) is rendered when it comes within half a screen
  // of the viewport, a few at a time, so that no task blocks the page for long; everything is
  // rendered when the reader prints. A lesson whose first formula is further down paints and
  // settles without KaTeX's ~130 KB (script, stylesheet, fonts), and a long notebook is not
  // laid out again all at once when its math appears (docs/benchmarks.md section 4).
  var watch = null;
  var queue = [];
  var flushing = false;
  var printing = false;

  function renderOne(element) {
    if (element.hasAttribute(DONE)) {
      return;
    }
    for (var i = 0; i < TARGETS.length; i++) {
      if (element.matches(pending(TARGETS[i]))) {
        window.renderMathInElement(element, TARGETS[i].options);
        break;
      }
    }
    element.setAttribute(DONE, "");
  }

  function drain(budget) {
    var until = Date.now() + budget;
    while (queue.length && (printing || Date.now() < until)) {
      renderOne(queue.shift());
    }
  }

  function flush() {
    if (flushing || !queue.length) {
      return;
    }
    flushing = true;
    ensureStylesheet();
    ensureKatex().then(
      function step() {
        drain(8); // a slice of a frame, then let the page breathe
        if (queue.length) {
          setTimeout(step, 0);
        } else {
          flushing = false;
        }
      },
      function (error) {
        flushing = false;
        console.error(error);
      }
    );
  }

  function render() {
    var found = [];
    TARGETS.forEach(function (target) {
      found.push.apply(found, document.querySelectorAll(pending(target)));
    });
    if (!found.length) {
      return;
    }
    if (!("IntersectionObserver" in window)) {
      renderNow();
      return;
    }
    if (watch) {
      watch.disconnect();
    }
    watch = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            watch.unobserve(entry.target);
            queue.push(entry.target);
          }
        });
        flush();
      },
      { rootMargin: "50% 0px" }
    );
    found.forEach(function (element) {
      watch.observe(element);
    });
  }

  window.addEventListener("beforeprint", function () {
    renderNow();
  });

  function renderNow() {
    TARGETS.forEach(function (target) {
      queue.push.apply(queue, document.querySelectorAll(pending(target)));
    });
    if (watch) {
      watch.disconnect();
    }
    printing = true;
    if (typeof window.renderMathInElement === "function") {
      drain(0); // KaTeX is here: all of it now, before the page is printed
    } else {
      flush();
    }
  }

  function start() {
    var documentObservable = window.document$;
    if (documentObservable && typeof documentObservable.subscribe === "function") {
      documentObservable.subscribe(render);
    } else {
      render();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
