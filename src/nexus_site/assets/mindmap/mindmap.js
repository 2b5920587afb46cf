/*!
 * Medical AI Nexus — interactive mind map. Dependency-free, MIT.
 * Markup: templates/partials/mindmap.html (nexus_site.mindmap). Styles: mindmap.css.
 *
 * Rendering: HTML boxes (one nested role=treeitem per visible node, positioned with CSS
 * transforms) over one SVG layer of curved edges, all inside a "world" element that pans and
 * zooms as a whole. Layout: a tidy horizontal tree — one column per depth, subtrees packed by
 * their per-depth contours, parents centred on their children. Only visible (expanded) nodes
 * have DOM; box sizes are measured once and cached.
 */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var MIN_K = 0.08;
  var MAX_K = 2.5;
  var GAP_X = 56; // between depth columns
  var GAP_SIB = 10; // between sibling boxes
  var GAP_COUSIN = 20; // between boxes of different parents
  var BADGE = 10; // the toggle badge sticks out this far on the right of a box
  var PAD = 28; // fit padding (px on screen)
  var DRAG_PX = 5;
  var STEP = 1.3; // toolbar zoom factor
  var instances = [];

  function clamp(v, lo, hi) {
    return v < lo ? lo : v > hi ? hi : v;
  }

  function now() {
    return window.performance ? performance.now() : Date.now();
  }

  // Relative ("p/p15/") or http(s) only; a colon before the first / ? # would be a scheme.
  function safeHref(url, base) {
    if (typeof url !== "string" || !url || url !== url.trim()) return null;
    if (/^https?:\/\//i.test(url)) return url;
    if (/^[^/?#]*:/.test(url) || url.charAt(0) === "/" || url.charAt(0) === "\\") return null;
    return base + url;
  }

  function el(tag, cls, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }

  function Mindmap(root) {
    var self = this;
    this.root = root;
    root.nexusMindmap = this;
    var script = root.querySelector("script.nexus-mindmap__data");
    var data = JSON.parse(script.textContent);
    this.base = root.getAttribute("data-base") || "";
    this.text = {
      published: root.getAttribute("data-label-published") || "",
      preparing: root.getAttribute("data-label-preparing") || "",
      open: root.getAttribute("data-label-open") || "",
      zoomHint: root.getAttribute("data-label-zoom-hint") || "",
      ja: root.getAttribute("data-label-original") || "",
      translated: root.getAttribute("data-label-translated") || "",
      stale: root.getAttribute("data-label-stale") || ""
    };
    this.ja = (root.closest("[lang]") || document.documentElement).getAttribute("lang") !== "en";
    var depthAttr = parseInt(root.getAttribute("data-initial-depth"), 10);
    this.initialDepth = isFinite(data.initial_depth) ? data.initial_depth : isFinite(depthAttr) ? depthAttr : 1;
    this.view = { x: 0, y: 0, k: 1 };
    this.pointers = new Map();
    this.gesture = null;
    this.rendered = false;
    this.focused = null;
    this.edges = [];
    this.vis = [];
    this.timings = {};
    this.here = location.pathname;

    this.all = [];
    this.tree = this.build(data, null, 0, 0, 1, -1);

    // DOM: canvas > world > (svg edges, tree)
    this.canvas = root.querySelector(".nexus-mindmap__canvas");
    this.bar = root.querySelector(".nexus-mindmap__bar");
    this.world = el("div", "mm-world", this.canvas);
    this.svg = document.createElementNS(SVGNS, "svg");
    this.svg.setAttribute("class", "mm-edges");
    this.svg.setAttribute("aria-hidden", "true");
    this.world.appendChild(this.svg);
    this.treeEl = el("div", "mm-tree", this.world);
    this.treeEl.setAttribute("role", "tree");
    this.treeEl.setAttribute("aria-label", root.getAttribute("aria-label") || "");

    this.canvas.hidden = false;
    if (this.bar) this.bar.hidden = false;
    var outline = root.querySelector(".nexus-mindmap__outline");
    if (outline) outline.open = false;
    root.classList.add("is-ready");

    this.bind();
    this.ro = window.ResizeObserver
      ? new ResizeObserver(function () {
          self.onResize();
        })
      : null;
    if (this.ro) this.ro.observe(this.canvas);
    else window.addEventListener("resize", function () { self.onResize(); });
    if (document.fonts && document.fonts.addEventListener) {
      this.onFonts = function () {
        if (self.rendered) self.remeasure();
      };
      document.fonts.addEventListener("loadingdone", this.onFonts);
    }
    this.onResize();
  }

  var P = Mindmap.prototype;

  P.build = function (d, parent, depth, index, setsize, branch) {
    var n = {
      id: String(d.id),
      kind: String(d.kind || (depth ? "node" : "root")).replace(/[^a-z]/g, ""),
      label: String(d.label == null ? "" : d.label),
      title: String(d.title == null ? d.label || "" : d.title),
      href: safeHref(d.url, this.base),
      published: !!d.published,
      // the overlays' data: the English site's translation state, the page's last update
      translation: d.translation === "translated" || d.translation === "ja" || d.translation === "stale" ? d.translation : "",
      updated: typeof d.updated === "string" ? d.updated : "",
      parent: parent,
      depth: depth,
      index: index,
      setsize: setsize,
      branch: branch,
      kids: [],
      expanded: false,
      el: null,
      w: 0,
      h: 0
    };
    this.all.push(n);
    var c = Array.isArray(d.children) ? d.children : [];
    for (var i = 0; i < c.length; i++) {
      n.kids.push(this.build(c[i], n, depth + 1, i, c.length, depth === 0 ? i % 12 : branch));
    }
    n.expanded = n.kids.length > 0 && depth < this.initialDepth;
    return n;
  };

  // --- DOM for one node ---------------------------------------------------------------------

  P.make = function (n) {
    var item = el("div", "mm-item mm-" + n.kind + (n.published ? " is-pub" : " is-prep"));
    item.mmNode = n;
    item.setAttribute("data-id", n.id);
    item.setAttribute("role", "treeitem");
    item.setAttribute("aria-level", n.depth + 1);
    item.setAttribute("aria-setsize", n.setsize);
    item.setAttribute("aria-posinset", n.index + 1);
    var state = n.published ? "" : this.ja ? "（" + this.text.preparing + "）" : " (" + this.text.preparing + ")";
    if (n.translation) {
      // the translation overlay (English site): translated, shown in Japanese, or behind the
      // Japanese original; a mark on the node and the same in its name
      item.classList.add(n.translation === "ja" ? "is-original" : "is-" + n.translation);
      state += " (" + this.text[n.translation] + ")";
    }
    item.setAttribute("aria-label", n.label + state);
    // the reader's own record (progress.js): done / in progress / updated since completed, on
    // the node and in its name
    if (window.NexusProgress) window.NexusProgress.decorate(item, n.id, n.updated);
    item.tabIndex = -1;
    // the branch colour is set once, on the branch's first node; its subtree inherits it
    if (n.depth === 1) item.setAttribute("data-b", n.branch);
    var current = false;
    if (n.href) {
      try {
        current = new URL(n.href, location.href).pathname === this.here;
      } catch {
        /* not a URL the browser can parse: not the current page */
      }
    }
    if (current) {
      // no link to the page we are on
      item.classList.add("is-current");
      item.setAttribute("aria-current", "page");
    }
    var href = current ? null : n.href;
    var leafLink = href && !n.kids.length;
    var box = el(leafLink ? "a" : "div", "mm-box", item);
    var tip = n.title !== n.label ? n.title : "";
    if (!n.published) tip = (tip ? tip + " — " : "") + this.text.preparing;
    if (tip) box.title = tip;
    var lab = el("span", "mm-label", box);
    lab.textContent = n.label;
    if (href) {
      var a = leafLink ? box : el("a", "mm-link", box);
      a.href = href;
      a.tabIndex = -1;
      a.draggable = false;
      n.link = a;
      if (leafLink) {
        // the whole box is the link; the arrow only says so
        el("span", "mm-link", box).setAttribute("aria-hidden", "true");
      } else {
        a.setAttribute("aria-hidden", "true");
        a.title = this.text.open;
      }
    }
    if (n.kids.length) item.classList.add("has-kids");
    if (n.match) item.classList.add("is-match");
    n.el = item;
    n.box = box;
    return item;
  };

  P.sync = function (n) {
    // aria-expanded, the badge and the group element follow n.expanded
    if (!n.kids.length) return;
    if (n.shown !== n.expanded) {
      n.shown = n.expanded;
      n.el.setAttribute("aria-expanded", n.expanded ? "true" : "false");
      n.box.setAttribute("data-n", n.expanded ? "" : n.kids.length);
      n.el.classList.toggle("is-open", n.expanded);
    }
    if (n.expanded) {
      if (!n.group) {
        n.group = el("div", "mm-group");
        n.group.setAttribute("role", "group");
        for (var i = 0; i < n.kids.length; i++) n.group.appendChild(this.make(n.kids[i]));
      }
      if (n.group.parentNode !== n.el) n.el.appendChild(n.group);
    } else if (n.group && n.group.parentNode) {
      n.el.removeChild(n.group);
    }
  };

  // --- layout -------------------------------------------------------------------------------

  P.layout = function () {
    var t0 = now();
    var vis = [];
    var tree = this.tree;
    var i, j, n, k, d;
    if (!tree.el) this.treeEl.appendChild(this.make(tree));
    (function walk(m) {
      vis.push(m);
      if (m.expanded) for (var q = 0; q < m.kids.length; q++) walk(m.kids[q]);
    })(tree);
    // 1. DOM (writes)
    for (i = 0; i < vis.length; i++) {
      n = vis[i];
      n.vi = i;
      this.sync(n);
    }
    // 2. measure new boxes (reads only: one forced layout)
    for (i = 0; i < vis.length; i++) {
      n = vis[i];
      if (!n.w) {
        // the used size, unrounded and unscaled (offsetWidth is rounded: frozen, a rounded
        // width could wrap the text differently)
        var cs = getComputedStyle(n.el);
        n.w = parseFloat(cs.width) + 0.01 || n.el.offsetWidth;
        n.h = parseFloat(cs.height) || n.el.offsetHeight;
        n.sized = false;
      }
    }
    // 3. columns
    var colW = [];
    for (i = 0; i < vis.length; i++) {
      n = vis[i];
      if (!(colW[n.depth] >= n.w + (n.kids.length ? BADGE : 0))) colW[n.depth] = n.w + (n.kids.length ? BADGE : 0);
    }
    var colX = [0];
    for (d = 1; d < colW.length; d++) colX[d] = colX[d - 1] + colW[d - 1] + GAP_X;
    // 4. contours, children before parents (reverse pre-order)
    for (i = vis.length - 1; i >= 0; i--) {
      n = vis[i];
      var h2 = n.h / 2;
      if (!n.expanded) {
        n.ct = [-h2];
        n.cb = [h2];
        continue;
      }
      var first = n.kids[0];
      var accT = first.ct.slice();
      var accB = first.cb.slice();
      var offs = [0];
      for (j = 1; j < n.kids.length; j++) {
        k = n.kids[j];
        var s = -Infinity;
        var L = Math.min(accT.length, k.ct.length);
        for (d = 0; d < L; d++) {
          var v = accB[d] - k.ct[d] + (d ? GAP_COUSIN : GAP_SIB);
          if (v > s) s = v;
        }
        offs[j] = s;
        for (d = 0; d < k.ct.length; d++) {
          if (d < accT.length) {
            if (k.ct[d] + s < accT[d]) accT[d] = k.ct[d] + s;
            if (k.cb[d] + s > accB[d]) accB[d] = k.cb[d] + s;
          } else {
            accT.push(k.ct[d] + s);
            accB.push(k.cb[d] + s);
          }
        }
      }
      var mid = (offs[0] + offs[offs.length - 1]) / 2;
      n.ct = [-h2];
      n.cb = [h2];
      for (d = 0; d < accT.length; d++) {
        n.ct.push(accT[d] - mid);
        n.cb.push(accB[d] - mid);
      }
      for (j = 0; j < n.kids.length; j++) n.kids[j].rel = offs[j] - mid;
    }
    // 5. absolute positions (pre-order) and bounds
    var b = { x0: 0, y0: Infinity, x1: 0, y1: -Infinity };
    for (i = 0; i < vis.length; i++) {
      n = vis[i];
      n.x = colX[n.depth];
      n.cy = n.parent ? n.parent.cy + n.rel : 0;
      n.top = n.cy - n.h / 2;
      if (n.top < b.y0) b.y0 = n.top;
      if (n.top + n.h > b.y1) b.y1 = n.top + n.h;
      var r = n.x + n.w + (n.kids.length ? BADGE : 0);
      if (r > b.x1) b.x1 = r;
      n.ct = n.cb = null;
    }
    this.bounds = b;
    this.vis = vis;
    // 6. writes: boxes relative to their parent box, edges in world coordinates
    var stamp = (this.stamp = (this.stamp || 0) + 1);
    for (i = 0; i < vis.length; i++) {
      n = vis[i];
      var px = n.parent ? n.parent.x : 0;
      var py = n.parent ? n.parent.top : 0;
      if (!n.sized) {
        // freeze the measured size: later layouts skip the intrinsic sizing of the text
        n.sized = true;
        n.el.style.width = n.w + "px";
        n.el.style.height = n.h + "px";
        n.el.classList.add("is-sized");
      }
      var tf = "translate(" + (n.x - px) + "px," + (n.top - py) + "px)";
      if (n.tf !== tf) n.el.style.transform = n.tf = tf;
      if (n.parent) {
        if (!n.edge) {
          n.edge = document.createElementNS(SVGNS, "path");
          n.edge.setAttribute("class", "mm-edge mm-e" + Math.min(n.depth, 3) + (n.published ? "" : " is-prep"));
          if (n.branch >= 0) n.edge.setAttribute("data-b", n.branch);
        }
        var x1 = n.parent.x + n.parent.w + BADGE;
        var y1 = n.parent.cy;
        var x2 = n.x;
        var y2 = n.cy;
        var cx = (x1 + x2) / 2;
        var dd = "M" + x1 + "," + y1 + "C" + cx + "," + y1 + " " + cx + "," + y2 + " " + x2 + "," + y2;
        if (n.dd !== dd) n.edge.setAttribute("d", (n.dd = dd));
        if (n.edge.parentNode !== this.svg) this.svg.appendChild(n.edge);
        n.stamp = stamp;
      }
    }
    var kept = [];
    for (i = 0; i < this.edges.length; i++) {
      n = this.edges[i];
      if (n.stamp !== stamp) {
        if (n.edge.parentNode) n.edge.parentNode.removeChild(n.edge);
      }
    }
    for (i = 1; i < vis.length; i++) kept.push(vis[i]);
    this.edges = kept;
    var m = 40;
    this.svg.setAttribute("viewBox", [b.x0 - m, b.y0 - m, b.x1 - b.x0 + 2 * m, b.y1 - b.y0 + 2 * m].join(" "));
    this.svg.style.left = b.x0 - m + "px";
    this.svg.style.top = b.y0 - m + "px";
    this.svg.style.width = b.x1 - b.x0 + 2 * m + "px";
    this.svg.style.height = b.y1 - b.y0 + 2 * m + "px";
    if (!this.focused || this.focused.vi == null || vis[this.focused.vi] !== this.focused) {
      this.setRoving(this.focused ? this.visibleAncestor(this.focused) : tree);
    }
    this.timings.layout = now() - t0;
    return vis;
  };

  P.visibleAncestor = function (n) {
    var v = n;
    for (var p = n.parent; p; p = p.parent) if (!p.expanded) v = p;
    return v;
  };

  P.remeasure = function () {
    for (var i = 0; i < this.all.length; i++) {
      var n = this.all[i];
      n.w = 0;
      if (n.el) {
        n.el.style.width = n.el.style.height = "";
        n.el.classList.remove("is-sized");
      }
    }
    var a = this.screenOf(this.tree);
    this.layout();
    this.anchor(this.tree, a);
  };

  // --- view ---------------------------------------------------------------------------------

  // The canvas size, as of the last resize (reading it would force a layout on every toggle).
  P.size = function () {
    return this.sz && this.ro ? this.sz : this.measureCanvas();
  };

  P.measureCanvas = function () {
    return (this.sz = { w: this.canvas.clientWidth, h: this.canvas.clientHeight });
  };

  P.apply = function (animate) {
    var v = this.view;
    var w = this.world;
    if (animate && !this.reduced()) {
      w.classList.add("is-anim");
      clearTimeout(this.animT);
      this.animT = setTimeout(function () {
        w.classList.remove("is-anim");
      }, 320);
    } else {
      w.classList.remove("is-anim");
    }
    w.style.transform = "translate(" + v.x + "px," + v.y + "px) scale(" + v.k + ")";
  };

  P.reduced = function () {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  };

  P.zoomAt = function (sx, sy, k, animate) {
    var v = this.view;
    k = clamp(k, MIN_K, MAX_K);
    v.x = sx - ((sx - v.x) * k) / v.k;
    v.y = sy - ((sy - v.y) * k) / v.k;
    v.k = k;
    this.apply(animate);
  };

  P.zoomBy = function (f) {
    var s = this.size();
    this.zoomAt(s.w / 2, s.h / 2, this.view.k * f, true);
  };

  // Fit the whole visible tree. maxK caps the zoom (never enlarge past 1 by default).
  P.fit = function (animate, minK) {
    var s = this.size();
    var b = this.bounds;
    if (!b || !s.w || !s.h) return;
    var bw = b.x1 - b.x0;
    var bh = b.y1 - b.y0;
    var fitK = Math.min((s.w - 2 * PAD) / bw, (s.h - 2 * PAD) / bh, 1);
    var k = clamp(Math.max(fitK, minK || MIN_K), MIN_K, MAX_K);
    var v = this.view;
    v.k = k;
    // centre what fits; otherwise start from the root's side and centre on the root
    v.x = bw * k <= s.w - 2 * PAD ? (s.w - bw * k) / 2 - b.x0 * k : PAD - b.x0 * k;
    v.y = bh * k <= s.h - 2 * PAD ? (s.h - bh * k) / 2 - b.y0 * k : s.h / 2 - this.tree.cy * k;
    this.apply(animate);
  };

  P.screenOf = function (n) {
    var v = this.view;
    return { x: v.x + n.x * v.k, y: v.y + n.cy * v.k };
  };

  P.anchor = function (n, before) {
    var after = this.screenOf(n);
    this.view.x += before.x - after.x;
    this.view.y += before.y - after.y;
    this.apply(false);
  };

  // Pan (no zoom) the least so that the world rectangle r is in view.
  P.reveal = function (r, animate) {
    var s = this.size();
    var v = this.view;
    var m = 16;
    var x0 = v.x + r.x0 * v.k;
    var x1 = v.x + r.x1 * v.k;
    var y0 = v.y + r.y0 * v.k;
    var y1 = v.y + r.y1 * v.k;
    var dx = 0;
    var dy = 0;
    if (x1 - x0 > s.w - 2 * m || x0 < m) dx = m - x0;
    else if (x1 > s.w - m) dx = s.w - m - x1;
    if (y1 - y0 > s.h - 2 * m || y0 < m) dy = m - y0;
    else if (y1 > s.h - m) dy = s.h - m - y1;
    if (!dx && !dy) return;
    v.x += dx;
    v.y += dy;
    this.apply(animate);
  };

  P.boxRect = function (n) {
    return { x0: n.x, x1: n.x + n.w + (n.kids.length ? BADGE : 0), y0: n.top, y1: n.top + n.h };
  };

  // --- expand / collapse --------------------------------------------------------------------

  P.setExpanded = function (n, open, opts) {
    if (!n.kids.length || n.expanded === open) return;
    var t0 = now();
    var before = this.screenOf(n);
    n.expanded = open;
    this.sync(n);
    this.layout();
    this.anchor(n, before);
    if (open && !(opts && opts.noReveal)) {
      var r = this.boxRect(n);
      for (var i = n.vi + 1; i < this.vis.length && this.vis[i].depth > n.depth; i++) {
        var c = this.vis[i];
        if (c.top < r.y0) r.y0 = c.top;
        if (c.top + c.h > r.y1) r.y1 = c.top + c.h;
        if (c.x + c.w > r.x1) r.x1 = c.x + c.w;
      }
      this.reveal(r, true);
      this.reveal(this.boxRect(n), true);
    }
    this.timings.toggle = now() - t0;
  };

  P.toggle = function (n) {
    if (typeof n === "string") n = this.find(n);
    if (n) this.setExpanded(n, !n.expanded);
  };

  P.find = function (id) {
    for (var i = 0; i < this.all.length; i++) if (this.all[i].id === id) return this.all[i];
    return null;
  };

  // Expand everything, keeping the node in context (the focused one, else the root) where it
  // is on screen and the zoom as it is: the reader does not land somewhere else, unreadable.
  P.expandAll = function () {
    var t0 = now();
    var ctx = this.focused || this.tree;
    var before = this.screenOf(ctx);
    for (var i = 0; i < this.all.length; i++) {
      var n = this.all[i];
      if (n.kids.length) n.expanded = true;
    }
    this.layout();
    this.anchor(ctx, before);
    this.reveal(this.boxRect(ctx), true);
    this.timings.toggle = now() - t0;
  };

  P.collapseAll = function () {
    for (var i = 0; i < this.all.length; i++) {
      var n = this.all[i];
      n.expanded = n.kids.length > 0 && n.depth === 0;
    }
    this.relayoutAll();
  };

  P.relayoutAll = function () {
    var t0 = now();
    this.layout();
    this.fit(true, 0.5);
    this.timings.toggle = now() - t0;
  };

  // --- focus (roving tabindex) --------------------------------------------------------------

  P.setRoving = function (n) {
    if (this.focused && this.focused.el) this.focused.el.tabIndex = -1;
    this.focused = n;
    if (n.el) n.el.tabIndex = 0;
  };

  P.focus = function (n) {
    this.setRoving(n);
    n.el.focus({ preventScroll: true });
    this.reveal(this.boxRect(n), true);
  };

  P.onKey = function (e) {
    var item = e.target.closest && e.target.closest(".mm-item");
    if (!item || !item.mmNode || e.altKey || e.ctrlKey || e.metaKey) return;
    var n = item.mmNode;
    var vis = this.vis;
    var key = e.key;
    var to = null;
    if (key === "ArrowDown") to = vis[n.vi + 1];
    else if (key === "ArrowUp") to = vis[n.vi - 1];
    else if (key === "Home") to = vis[0];
    else if (key === "End") to = vis[vis.length - 1];
    else if (key === "ArrowRight") {
      if (n.kids.length && !n.expanded) this.setExpanded(n, true);
      else if (n.expanded) to = n.kids[0];
    } else if (key === "ArrowLeft") {
      if (n.expanded) this.setExpanded(n, false);
      else to = n.parent;
    } else if (key === "Enter") {
      if (n.link) n.link.click();
      else if (n.kids.length) this.setExpanded(n, !n.expanded);
    } else if (key === " ") {
      if (n.kids.length) this.setExpanded(n, !n.expanded);
    } else if (key === "*") {
      var sibs = n.parent ? n.parent.kids : [n];
      var before = this.screenOf(n);
      for (var i = 0; i < sibs.length; i++) {
        if (sibs[i].kids.length) sibs[i].expanded = true;
      }
      this.layout();
      this.anchor(n, before);
    } else if (key.length === 1 && key.trim()) {
      // type-ahead: the next visible node whose label starts with the character
      var ch = key.toLowerCase();
      for (var s = 1; s <= vis.length; s++) {
        var c = vis[(n.vi + s) % vis.length];
        if (c.label.charAt(0).toLowerCase() === ch) {
          to = c;
          break;
        }
      }
      if (!to) return;
    } else {
      return;
    }
    e.preventDefault();
    if (to) this.focus(to);
    else if (this.focused && this.focused.el && document.activeElement !== this.focused.el) this.focus(this.focused);
  };

  // --- pointer: click, drag, pinch, wheel ---------------------------------------------------

  P.local = function (e) {
    var r = this.canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  P.onDown = function (e) {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    this.pointers.set(e.pointerId, this.local(e));
    this.world.classList.remove("is-anim");
    var v = this.view;
    if (this.pointers.size === 1) {
      var p = this.pointers.get(e.pointerId);
      this.gesture = { pan: true, id: e.pointerId, sx: p.x, sy: p.y, vx: v.x, vy: v.y, moved: false, touch: e.pointerType === "touch" };
    } else if (this.pointers.size === 2) {
      this.startPinch();
    }
  };

  P.startPinch = function () {
    var pts = Array.from(this.pointers.values());
    var v = this.view;
    var mx = (pts[0].x + pts[1].x) / 2;
    var my = (pts[0].y + pts[1].y) / 2;
    this.gesture = {
      pinch: true,
      d0: Math.max(1, Math.hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y)),
      wx: (mx - v.x) / v.k,
      wy: (my - v.y) / v.k,
      k0: v.k,
      moved: true
    };
    var self = this;
    this.pointers.forEach(function (_, id) {
      self.capture(id);
    });
    this.root.classList.add("is-dragging");
  };

  P.capture = function (id) {
    try {
      this.canvas.setPointerCapture(id);
    } catch {
      /* the pointer is already gone */
    }
  };

  P.onMove = function (e) {
    if (!this.pointers.has(e.pointerId) || !this.gesture) return;
    var p = this.local(e);
    this.pointers.set(e.pointerId, p);
    var g = this.gesture;
    var v = this.view;
    if (g.pinch && this.pointers.size >= 2) {
      var pts = Array.from(this.pointers.values());
      var mx = (pts[0].x + pts[1].x) / 2;
      var my = (pts[0].y + pts[1].y) / 2;
      var d = Math.hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y);
      v.k = clamp((g.k0 * d) / g.d0, MIN_K, MAX_K);
      v.x = mx - g.wx * v.k;
      v.y = my - g.wy * v.k;
      this.apply(false);
    } else if (g.pan && g.id === e.pointerId) {
      var dx = p.x - g.sx;
      var dy = p.y - g.sy;
      if (!g.moved && Math.hypot(dx, dy) > DRAG_PX) {
        // A finger moving up or down scrolls the page (touch-action: pan-y), not the map.
        if (g.touch && !this.isFullscreen() && Math.abs(dy) > Math.abs(dx)) {
          this.gesture = null;
          return;
        }
        g.moved = true;
        this.capture(e.pointerId);
        this.root.classList.add("is-dragging");
      }
      if (g.moved) {
        v.x = g.vx + dx;
        v.y = g.vy + dy;
        this.apply(false);
      }
    }
  };

  P.onUp = function (e) {
    if (!this.pointers.has(e.pointerId)) return;
    this.pointers.delete(e.pointerId);
    var g = this.gesture;
    if (this.pointers.size === 1 && g && g.pinch) {
      // one finger left after a pinch: go on panning with it, never as a click
      var id = this.pointers.keys().next().value;
      var p = this.pointers.get(id);
      this.gesture = { pan: true, id: id, sx: p.x, sy: p.y, vx: this.view.x, vy: this.view.y, moved: true };
      return;
    }
    if (this.pointers.size === 0) {
      if (g && g.moved) {
        var self = this;
        this.suppressClick = true;
        setTimeout(function () {
          self.suppressClick = false;
        }, 0);
      }
      this.gesture = null;
      this.root.classList.remove("is-dragging");
    }
  };

  P.onClick = function (e) {
    if (this.suppressClick) {
      this.suppressClick = false;
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    var t = e.target;
    if (t.closest("a")) return; // the link affordance: let it navigate
    var box = t.closest(".mm-box");
    if (!box) return;
    var n = box.parentNode.mmNode;
    this.setRoving(n);
    // one rule for every kind of node: what has a level below unfolds or folds; what has none
    // opens its page (the → beside a node always opens it)
    if (n.kids.length) this.setExpanded(n, !n.expanded);
    else if (n.link) n.link.click();
  };

  // A plain wheel scrolls the page (the map is never a scroll trap) and shows how to zoom;
  // Ctrl/⌘ + wheel (and a trackpad pinch, which browsers send as Ctrl + wheel) zooms; a sideways
  // wheel pans. In full screen the map has the whole screen: every wheel zooms.
  P.onWheel = function (e) {
    var unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.size().h : 1;
    var dx = e.deltaX * unit;
    var dy = e.deltaY * unit;
    var zoom = e.ctrlKey || e.metaKey || this.isFullscreen();
    if (!zoom && Math.abs(dx) > Math.abs(dy)) {
      e.preventDefault();
      this.view.x -= dx;
      this.apply(false);
      return;
    }
    if (!zoom) {
      this.hint();
      return; // the page scrolls
    }
    e.preventDefault();
    var p = this.local(e);
    this.zoomAt(p.x, p.y, this.view.k * Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0015)), false);
  };

  P.hint = function () {
    if (!this.text.zoomHint) return;
    if (!this.hintEl) {
      this.hintEl = el("p", "mm-hint", this.canvas);
      this.hintEl.setAttribute("aria-hidden", "true"); // a visual cue; the toolbar is labelled
      this.hintEl.textContent = this.text.zoomHint;
    }
    var h = this.hintEl;
    h.classList.add("is-shown");
    clearTimeout(this.hintT);
    this.hintT = setTimeout(function () {
      h.classList.remove("is-shown");
    }, 1600);
  };

  // --- toolbar, fullscreen, resize ----------------------------------------------------------

  P.action = function (name) {
    if (!this.rendered) return;
    if (name === "zoom-in") this.zoomBy(STEP);
    else if (name === "zoom-out") this.zoomBy(1 / STEP);
    else if (name === "fit") this.fit(true);
    else if (name === "expand-all") this.expandAll();
    else if (name === "collapse-all") this.collapseAll();
    else if (name === "fullscreen") this.toggleFullscreen();
  };

  P.isFullscreen = function () {
    return document.fullscreenElement === this.root || this.root.classList.contains("is-fullscreen");
  };

  P.toggleFullscreen = function () {
    var self = this;
    var r = this.root;
    if (document.fullscreenElement === r) {
      document.exitFullscreen();
    } else if (r.classList.contains("is-pseudo-fs")) {
      this.setPseudo(false);
    } else if (r.requestFullscreen && document.fullscreenEnabled !== false) {
      r.requestFullscreen().catch(function () {
        self.setPseudo(true);
      });
    } else {
      this.setPseudo(true);
    }
  };

  // Fallback where the Fullscreen API is missing (iPhone): fill the window with CSS.
  P.setPseudo = function (on) {
    this.root.classList.toggle("is-pseudo-fs", on);
    this.onFullscreen();
  };

  P.onFullscreen = function () {
    var on = document.fullscreenElement === this.root || this.root.classList.contains("is-pseudo-fs");
    this.root.classList.toggle("is-fullscreen", on);
    var b = this.root.querySelector('[data-action="fullscreen"]');
    if (b) b.setAttribute("aria-pressed", on ? "true" : "false");
    if (this.rendered && this.measureCanvas().w) {
      this.fit(false, 0.5);
      this.last = this.sz;
    }
  };

  P.onResize = function () {
    var s = this.measureCanvas();
    if (!s.w || !s.h) return; // hidden: wait until we get a size
    if (!this.rendered) {
      this.render();
      return;
    }
    if (this.last) {
      // keep the centre where it was
      this.view.x += (s.w - this.last.w) / 2;
      this.view.y += (s.h - this.last.h) / 2;
      this.apply(false);
    }
    this.last = s;
  };

  // The first view is readable: no label drawn under 12 px (14 px on a phone). Levels that do
  // not fit at that scale start folded; if the first level still needs more height, the canvas
  // grows to show all of it (the page scrolls; the map never traps it).
  P.render = function () {
    var t0 = now();
    this.layout();
    this.rendered = true;
    var minK = this.readableScale();
    for (var depth = this.initialDepth; depth > 1 && this.fitScale() < minK; depth--) {
      this.foldFrom(depth - 1);
      this.layout();
    }
    var s = this.size();
    var b = this.bounds;
    var need = (b.y1 - b.y0) * minK + 2 * PAD;
    if (this.fitScale() < minK && need > s.h && !this.isFullscreen()) {
      this.canvas.style.height = Math.ceil(Math.min(need, 4 * window.innerHeight)) + "px";
      this.measureCanvas();
    }
    this.fit(false, minK);
    var v = this.view;
    if ((b.x1 - b.x0) * v.k > this.size().w - 2 * PAD) {
      // Too wide (a phone): show the branches whole; the root, the page's own title, may be cut.
      v.x = this.size().w - PAD - b.x1 * v.k;
      this.apply(false);
    }
    this.last = this.size();
    this.timings.render = now() - t0;
    this.root.classList.add("is-rendered");
    this.openLink(false);
  };

  // --- deep links: …/#map=P15 opens the map unfolded and centred on P15 -------------------------

  P.linked = function () {
    var m = /^#map=([^&]+)/.exec(location.hash);
    return m ? this.find(decodeURIComponent(m[1])) : null;
  };

  P.show = function (n, animate) {
    for (var p = n.parent; p; p = p.parent) p.expanded = true; // layout syncs the DOM
    this.layout();
    var s = this.size();
    var v = this.view;
    v.x = s.w / 2 - (n.x + n.w / 2) * v.k;
    v.y = s.h / 2 - n.cy * v.k;
    this.apply(animate);
  };

  P.openLink = function (animate) {
    var n = this.linked();
    if (!n) return;
    this.show(n, animate);
    this.setRoving(n);
    this.root.scrollIntoView({ block: "center", behavior: this.reduced() || !animate ? "auto" : "smooth" });
    n.el.focus({ preventScroll: true });
  };

  // --- find in the map: labels, titles and IDs (NFKC, case-insensitive) -------------------------

  P.search = function (query) {
    var t0 = now();
    var q = query.normalize("NFKC").trim().toLowerCase();
    var hits = [];
    for (var i = 0; i < this.all.length; i++) {
      var n = this.all[i];
      var hay = (n.id + " " + n.label + " " + n.title).normalize("NFKC").toLowerCase();
      var hit = q !== "" && hay.indexOf(q) >= 0;
      if (hit) hits.push(n);
      n.match = hit;
      if (n.el) n.el.classList.toggle("is-match", hit);
    }
    this.hits = hits;
    this.hit = -1;
    if (hits.length) this.nextHit();
    this.timings.search = now() - t0; // one keystroke: match, unfold to the first hit, lay out
    return hits.length;
  };

  P.nextHit = function () {
    if (!this.hits || !this.hits.length) return;
    this.hit = (this.hit + 1) % this.hits.length;
    var n = this.hits[this.hit];
    this.show(n, true);
    for (var i = 0; i < this.hits.length; i++) {
      var h = this.hits[i];
      if (h.el) h.el.classList.add("is-match");
    }
    this.setRoving(n);
  };

  // The zoom at which the smallest label is drawn at 12 px (14 px on a touch phone).
  P.readableScale = function () {
    var phone = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
    var smallest = Infinity;
    for (var i = 0; i < this.vis.length; i++) {
      var label = this.vis[i].el && this.vis[i].el.querySelector(".mm-label");
      if (label) smallest = Math.min(smallest, parseFloat(getComputedStyle(label).fontSize) || 16);
    }
    return clamp((phone || this.size().w < 600 ? 14 : 12) / (isFinite(smallest) ? smallest : 16), MIN_K, MAX_K);
  };

  P.fitScale = function () {
    var s = this.size();
    var b = this.bounds;
    return Math.min((s.w - 2 * PAD) / (b.x1 - b.x0), (s.h - 2 * PAD) / (b.y1 - b.y0));
  };

  // Fold every node at depth >= d (d = 1: only the root stays open).
  P.foldFrom = function (d) {
    for (var i = 0; i < this.all.length; i++) {
      var n = this.all[i];
      if (n.depth >= d && n.expanded) {
        n.expanded = false;
        if (n.el) this.sync(n);
      }
    }
  };

  P.bind = function () {
    var self = this;
    var c = this.canvas;
    var find = this.root.querySelector(".nexus-mindmap__find input");
    if (find) {
      var count = this.root.querySelector(".nexus-mindmap__count");
      find.addEventListener("input", function (e) {
        if (e.isComposing) return;
        var found = self.search(find.value);
        if (count) count.textContent = find.value.trim() ? String(found) : "";
      });
      find.addEventListener("compositionend", function () {
        var found = self.search(find.value);
        if (count) count.textContent = String(found);
      });
      find.addEventListener("keydown", function (e) {
        if (e.key === "Enter") {
          e.preventDefault();
          self.nextHit();
        }
      });
    }
    window.addEventListener("hashchange", function () {
      if (self.rendered) self.openLink(true);
    });
    c.addEventListener("pointerdown", function (e) { self.onDown(e); });
    c.addEventListener("pointermove", function (e) { self.onMove(e); });
    c.addEventListener("pointerup", function (e) { self.onUp(e); });
    c.addEventListener("pointercancel", function (e) { self.onUp(e); });
    c.addEventListener("lostpointercapture", function (e) { self.onUp(e); });
    c.addEventListener("click", function (e) { self.onClick(e); });
    c.addEventListener("wheel", function (e) { self.onWheel(e); }, { passive: false });
    c.addEventListener("dragstart", function (e) { e.preventDefault(); });
    // a focused box must never scroll the clipped canvas itself
    c.addEventListener("scroll", function () {
      c.scrollTop = 0;
      c.scrollLeft = 0;
    });
    this.treeEl.addEventListener("keydown", function (e) { self.onKey(e); });
    this.treeEl.addEventListener("focusin", function (e) {
      var item = e.target.closest && e.target.closest(".mm-item");
      if (item && item.mmNode && item === e.target && self.focused !== item.mmNode) self.setRoving(item.mmNode);
    });
    if (this.bar) {
      this.bar.addEventListener("click", function (e) {
        var b = e.target.closest("button[data-action]");
        if (b) self.action(b.getAttribute("data-action"));
      });
    }
    this.root.addEventListener("fullscreenchange", function () {
      self.onFullscreen();
    });
    this.root.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && self.root.classList.contains("is-pseudo-fs")) self.setPseudo(false);
    });
  };

  P.destroy = function () {
    if (this.ro) this.ro.disconnect();
    if (this.onFonts) document.fonts.removeEventListener("loadingdone", this.onFonts);
  };

  // Test and benchmark hook: the view and the visible node count.
  P.state = function () {
    return {
      x: this.view.x,
      y: this.view.y,
      k: this.view.k,
      visible: this.vis.length,
      rendered: this.rendered,
      focused: this.focused ? this.focused.id : null
    };
  };

  // --- boot ---------------------------------------------------------------------------------

  function init(root) {
    if (root.nexusMindmap) return root.nexusMindmap;
    try {
      var m = new Mindmap(root);
      instances.push(m);
      return m;
    } catch (err) {
      // bad data: the server-rendered outline stays as it is, open as without JavaScript
      root.nexusMindmap = null;
      root.classList.add("is-failed");
      if (window.console) console.warn("nexus mindmap:", err);
      return null;
    }
  }

  // A map is built when it comes within a screen of the viewport (or is hidden: it then
  // waits for its size as before), not while the page loads: the maps sit below the fold on
  // every page, and building one is the longest task of a page's start (docs/benchmarks.md
  // section 4). A deep link (#map=…) builds it at once, also when the hash changes later.
  var near = null;

  function linked() {
    return /^#map=/.test(location.hash);
  }

  // Built now, whether it was waiting to come near or not.
  function build(root) {
    if (root.nexusMindmapWatched) {
      near.unobserve(root);
      root.nexusMindmapWatched = false;
    }
    return init(root);
  }

  function initNear(root) {
    if (root.nexusMindmap !== undefined || root.nexusMindmapWatched) return;
    // Built now, before the page is drawn, when it is hidden (it waits for its size) or on or
    // near the first screen: a map may grow its canvas to show its first level, which must not
    // move what the reader already sees.
    var r = root.getBoundingClientRect();
    var h = window.innerHeight;
    if (!window.IntersectionObserver || linked() || (!r.width && !r.height) || (r.top < 1.5 * h && r.bottom > -h)) {
      init(root);
      return;
    }
    root.nexusMindmapWatched = true;
    near =
      near ||
      new IntersectionObserver(
        function (entries) {
          entries.forEach(function (entry) {
            var r = entry.boundingClientRect;
            if (entry.isIntersecting || (!r.width && !r.height)) build(entry.target);
          });
        },
        { rootMargin: "100% 0px" }
      );
    near.observe(root);
  }

  function initAll() {
    instances = instances.filter(function (m) {
      if (m.root.isConnected) return true;
      m.destroy();
      return false;
    });
    var els = document.querySelectorAll(".nexus-mindmap");
    for (var i = 0; i < els.length; i++) {
      openHelp(els[i]);
      initNear(els[i]);
    }
  }

  // The help above the map is open the first time a reader meets a map, then folded. Decided
  // when the page starts (before it is drawn, this script being deferred), not when the map is
  // built: opening it later would push the page down under the reader's eyes.
  function openHelp(root) {
    var help = root.previousElementSibling;
    if (!help || !help.classList.contains("nx-maphelp") || root.nexusMindmapHelp) return;
    root.nexusMindmapHelp = true;
    try {
      if (!localStorage.getItem("nexus.maphelp.seen")) {
        help.open = true;
        localStorage.setItem("nexus.maphelp.seen", "1");
      }
    } catch {
      /* storage refused (private mode): leave it folded */
    }
  }

  window.addEventListener("hashchange", function () {
    if (!linked()) return;
    var els = document.querySelectorAll(".nexus-mindmap");
    for (var i = 0; i < els.length; i++) build(els[i]);
  });

  window.NexusMindmap = { init: init, initAll: initAll };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(initAll); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
