/*
 * KaTeX off the page's main thread (katex-init.js): evaluating katex.min.js (~270 KB) and
 * laying out each formula's HTML happen here, in a worker, so that they never block the reader's
 * scrolling or taps. Receives {id, tex, displayMode}, answers {id, html}. KaTeX is the vendored
 * copy next to this file (../vendor/katex/); nothing comes from any other origin.
 */
/* global importScripts */
(function () {
  "use strict";
  importScripts(new URL("../vendor/katex/katex.min.js", self.location.href).href);
  self.onmessage = function (event) {
    var job = event.data;
    var html;
    try {
      html = self.katex.renderToString(job.tex, { displayMode: !!job.displayMode, throwOnError: false });
    } catch {
      html = null; // not TeX KaTeX can read: the page keeps the source as written
    }
    self.postMessage({ id: job.id, html: html });
  };
})();
