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

  // Relative luminance (WCAG) of "rgb(r, g, b)".
  function luminance(color) {
    var m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(color || "");
    if (!m) return null;
    var c = [m[1], m[2], m[3]].map(function (v) {
      v = Number(v) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function contrast(a, b) {
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  // Text on author-coloured boxes: black or white, whichever has the higher contrast.
  function legible(box) {
    var groups = box.querySelectorAll("g.node, g.cluster");
    for (var i = 0; i < groups.length; i++) {
      var shape = groups[i].querySelector("rect, polygon, circle, ellipse, path");
      var bg = shape ? luminance(getComputedStyle(shape).fill) : null;
      if (bg === null) continue;
      var texts = groups[i].querySelectorAll(".nodeLabel, .cluster-label span, .cluster-label p, text, p, span");
      for (var j = 0; j < texts.length; j++) {
        var style = getComputedStyle(texts[j]);
        var fg = luminance(texts[j].namespaceURI === "http://www.w3.org/2000/svg" ? style.fill : style.color);
        if (fg !== null && contrast(fg, bg) >= 4.5) continue;
        var ink = contrast(0, bg) >= contrast(1, bg) ? "#000" : "#fff";
        texts[j].style.setProperty("color", ink, "important");
        texts[j].style.setProperty("fill", ink, "important");
      }
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
