/*
 * Mermaid diagrams, lazily. The page paints without mermaid: each diagram stays as its source
 * (<pre class="nexus-mermaid">, see nexus_site.site.features.diagrams) until it comes within
 * about a screen of the viewport; only then is the vendored ESM build of mermaid imported
 * (../vendor/mermaid/mermaid.esm.min.mjs, once per page: its core and the chunks of the diagram
 * types on the page, ~0.7 MB gzipped for a flowchart against 1.6 MB for the one-file bundle) and
 * the diagram rendered. Nothing is requested from another origin.
 *
 * Light and dark: mermaid's "default" or "dark" theme after Material's scheme (the
 * data-md-color-scheme of <body>), and every rendered diagram is drawn again when the reader
 * toggles it. Text on a box an author coloured (style X fill:#…) gets black or white, whichever
 * reads on that fill (WCAG contrast ≥ 4.5:1).
 */
(function () {
  "use strict";

  if (window.__nexusMermaid) return;
  window.__nexusMermaid = true;

  var self = document.currentScript;
  var vendor = self && self.src ? new URL("../vendor/mermaid/mermaid.esm.min.mjs", self.src).href : null;
  var loading = null;
  var queue = Promise.resolve();
  var shown = [];
  var count = 0;

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
  }

  function load() {
    if (!loading) {
      loading = import(vendor).then(
        function (module) {
          return module.default;
        },
        function (error) {
          loading = null; // a later diagram may try again
          throw error;
        }
      );
    }
    return loading;
  }

  // "rgb(a)(r, g, b[, a])" → [r, g, b, a]; null for none or fully transparent.
  function rgba(color) {
    var m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(color || "");
    if (!m || m[4] === "0") return null;
    return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] == null ? 1 : Number(m[4])];
  }

  // A colour over another (alpha blending), both [r, g, b, a].
  function over(top, below) {
    var a = top[3];
    return [0, 1, 2].map(function (i) {
      return top[i] * a + below[i] * (1 - a);
    }).concat(1);
  }

  // Relative luminance (WCAG).
  function luminance(c) {
    var v = c.slice(0, 3).map(function (x) {
      x = x / 255;
      return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }

  function contrast(a, b) {
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  // What is behind a label: the nearest background in the diagram, else its box's fill, over
  // the page's background.
  function behind(label, box, page) {
    for (var el = label; el && el !== box; el = el.parentElement) {
      var bg = rgba(getComputedStyle(el).backgroundColor);
      if (bg) return over(bg, page);
    }
    var group = label.closest("g.node, g.cluster");
    var shape = group && group.querySelector("rect, polygon, circle, ellipse, path");
    var fill = shape && rgba(getComputedStyle(shape).fill);
    return fill ? over(fill, page) : page;
  }

  // Every label at a contrast of at least 4.5:1 with what is behind it: a label below that
  // (an author's pastel fill under the dark theme's light text, a translucent edge label)
  // gets black or white, whichever reads better there.
  function legible(box) {
    var page = rgba(getComputedStyle(document.body).backgroundColor) || [255, 255, 255, 1];
    var labels = box.querySelectorAll(".nodeLabel, .edgeLabel span, .cluster-label span, text");
    for (var i = 0; i < labels.length; i++) {
      var label = labels[i];
      var style = getComputedStyle(label);
      var ink = rgba(label instanceof SVGElement ? style.fill : style.color);
      var bg = luminance(behind(label, box, page));
      if (ink && contrast(luminance(over(ink, page)), bg) >= 4.5) continue;
      var best = contrast(0, bg) >= contrast(1, bg) ? "#000" : "#fff";
      label.style.setProperty("color", best, "important");
      label.style.setProperty("fill", best, "important");
    }
  }

  function draw(box) {
    queue = queue
      .then(load)
      .then(function (mermaid) {
        mermaid.initialize({
          startOnLoad: false,
          theme: scheme(),
          securityLevel: "strict",
          fontFamily: getComputedStyle(document.body).fontFamily,
        });
        return mermaid.render("nexus-mermaid-" + ++count, box.getAttribute("data-source"));
      })
      .then(function (result) {
        box.innerHTML = result.svg;
        box.setAttribute("data-rendered", scheme());
        legible(box);
      })
      .catch(function (error) {
        console.error(error);
      });
  }

  function prepare(pre) {
    // The source stays readable (and printable) until the diagram is drawn.
    var box = document.createElement("div");
    box.className = "nexus-mermaid-diagram";
    box.setAttribute("data-source", pre.textContent);
    box.appendChild(pre.cloneNode(true));
    pre.replaceWith(box);
    shown.push(box);
    return box;
  }

  function start() {
    var pres = document.querySelectorAll("pre.nexus-mermaid, div.nexus-mermaid");
    if (!pres.length) return;
    var boxes = Array.prototype.map.call(pres, prepare);
    if (!("IntersectionObserver" in window)) {
      boxes.forEach(draw);
      return;
    }
    var watch = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            watch.unobserve(entry.target);
            draw(entry.target);
          }
        });
      },
      { rootMargin: "100% 0px" }
    );
    boxes.forEach(function (box) {
      watch.observe(box);
    });
    new MutationObserver(function () {
      shown.forEach(function (box) {
        var done = box.getAttribute("data-rendered");
        if (done && done !== scheme()) draw(box);
      });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
