/* Medical AI Nexus — the learner's record, kept in this browser only (localStorage).
 *
 * One record per site (its key holds the Japanese root's path, so a site under /repo/ has its
 * own), shared by both languages: entries are lesson IDs, never URLs. Unknown IDs (a lesson
 * renamed or removed) are kept and simply not shown.
 *
 *   record = {v: 1, lessons: {"P9": {s: "doing" | "done", t: <ms>, u: {ja: "2026-11-22", en: …}}},
 *             last: {id, t, path}}
 *
 * Lessons and sub-lessons alike (a sub-lesson covered by a section of its lesson's page has a
 * control of its own beside the section's heading). t: when the state was last set. u: the
 * last-updated dates of the lesson's page, in each language, when the reader last saw it (marked
 * it, or opened the page): a later date on a page of that language means "updated since you
 * completed it", until the reader opens the lesson again. (Both languages: a lesson completed in
 * Japanese is "updated" on the English site only when its English page changes.) A u of one
 * date, as first stored, stands for both languages.
 *
 * The page provides: #nx-progress-config (root, lang, interface strings), .nx-track (lesson
 * header; .nx-track--section beside a section's heading; data-updated: this language's date,
 * data-dates: every language's), .nx-track-end (end of a lesson), li[data-id][data-updated]
 * (lesson lists), .nx-yours (series header), .nx-continue (home page). The mind map asks
 * window.NexusProgress.decorate(item, id, updated) for each node it draws.
 */
(function () {
  "use strict";

  var config = document.getElementById("nx-progress-config");
  if (!config) return;
  var cfg;
  try {
    cfg = JSON.parse(config.textContent);
  } catch {
    return;
  }
  var ui = cfg.ui || {};
  var root = new URL(cfg.root, location.href).pathname; // the Japanese site's root path
  var langRoot = cfg.lang === "ja" ? root : root + cfg.lang + "/";
  var KEY = "nexus.progress.v1:" + root;
  var FORMAT = "nexus-progress";
  var ID = /^[A-Z][0-9]+(\.[0-9]+)*$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var STATES = { doing: true, done: true };
  var LANGS = ["ja", "en"];
  var damaged = false;

  function fmt(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (m, k) {
      return k in values ? values[k] : m;
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // --- the record ---------------------------------------------------------------------------

  function empty() {
    return { v: 1, lessons: {}, last: null };
  }

  // Dates by language, from a stored u: {ja, en} with anything malformed left out; one date (as
  // first stored) for every language.
  function dates(u) {
    var out = {};
    LANGS.forEach(function (lang) {
      var d = typeof u === "string" ? u : u && typeof u === "object" ? u[lang] : "";
      if (typeof d === "string" && DATE.test(d)) out[lang] = d;
    });
    return out;
  }

  // A record as stored or imported, with anything malformed left out; null when it is not one.
  function clean(value) {
    if (!value || typeof value !== "object" || value.v !== 1) return null;
    if (!value.lessons || typeof value.lessons !== "object" || Array.isArray(value.lessons)) return null;
    var out = empty();
    Object.keys(value.lessons).forEach(function (id) {
      var e = value.lessons[id];
      if (!ID.test(id) || !e || !STATES[e.s] || typeof e.t !== "number") return;
      out.lessons[id] = { s: e.s, t: e.t, u: dates(e.u) };
    });
    var last = value.last;
    if (last && ID.test(last.id) && typeof last.t === "number" && typeof last.path === "string") {
      out.last = { id: last.id, t: last.t, path: last.path };
    }
    return out;
  }

  function load() {
    var raw;
    try {
      raw = localStorage.getItem(KEY);
    } catch {
      return empty(); // storage refused (private mode): a record for this page only
    }
    if (!raw) return empty();
    try {
      var rec = clean(JSON.parse(raw));
      if (rec) return rec;
    } catch {
      /* not JSON */
    }
    damaged = true;
    return empty();
  }

  function save() {
    try {
      localStorage.setItem(KEY, JSON.stringify(rec));
    } catch {
      /* full or refused: the page still works */
    }
  }

  var rec = load();
  if (damaged) save(); // start again, once

  function stateOf(id) {
    var e = rec.lessons[id];
    return e ? e.s : "none";
  }

  // Done, and its page on this site changed (``updated``: this language's date) after the
  // reader last saw it.
  function changedSince(id, updated) {
    var e = rec.lessons[id];
    var seen = e && e.u[cfg.lang];
    return !!(e && e.s === "done" && seen && DATE.test(updated || "") && updated > seen);
  }

  // ``seen``: the page's dates (every language) as the reader sees it now.
  function setState(id, s, seen) {
    if (s === "none") delete rec.lessons[id];
    else rec.lessons[id] = { s: s, t: Date.now(), u: dates(seen) };
    save();
    render();
  }

  function stateText(s) {
    return s === "none" ? "" : ui["track_" + s] || s;
  }

  // --- the lesson page: its own control and one per section of a sub-lesson ----------------

  var changedOnArrival = []; // IDs on this page that had changed since completed, before this visit

  function pageTracks() {
    return document.querySelectorAll(".nx-track[data-id]");
  }

  function pageDates() {
    var track = document.querySelector(".nx-track[data-id]:not(.nx-track--section)");
    if (!track) return {};
    try {
      return dates(JSON.parse(track.getAttribute("data-dates") || "{}"));
    } catch {
      return {};
    }
  }

  function bindTrack(track, seen) {
    var id = track.getAttribute("data-id");
    var choices = track.querySelectorAll(".nx-track__choice");
    Array.prototype.forEach.call(choices, function (button, i) {
      button.addEventListener("click", function () {
        setState(id, button.getAttribute("data-state"), seen);
      });
      button.addEventListener("keydown", function (e) {
        var step = e.key === "ArrowRight" || e.key === "ArrowDown" ? 1 : e.key === "ArrowLeft" || e.key === "ArrowUp" ? -1 : 0;
        if (!step) return;
        e.preventDefault();
        var next = choices[(i + step + choices.length) % choices.length];
        setState(id, next.getAttribute("data-state"), seen);
        next.focus();
      });
    });
  }

  function lessonPage() {
    var main = document.querySelector(".nx-track[data-id]:not(.nx-track--section)");
    if (!main) return;
    var id = main.getAttribute("data-id");
    var seen = pageDates();
    var updated = main.getAttribute("data-updated") || "";
    var tracks = pageTracks();
    // What changed since the reader completed it is said on this visit; then the visit counts
    // as seeing it (the lists and the map no longer say so).
    Array.prototype.forEach.call(tracks, function (track) {
      var other = track.getAttribute("data-id");
      if (changedSince(other, updated)) changedOnArrival.push(other);
      if (rec.lessons[other]) rec.lessons[other].u = dates(seen);
      bindTrack(track, seen);
    });
    // a visit: "in progress" if nothing was recorded, and the lesson to continue from
    if (stateOf(id) === "none") {
      rec.lessons[id] = { s: "doing", t: Date.now(), u: dates(seen) };
    }
    var path = location.pathname.indexOf(langRoot) === 0 ? location.pathname.slice(langRoot.length) : "";
    rec.last = { id: id, t: Date.now(), path: path };
    save();
    var end = document.querySelector(".nx-track-end[data-id]");
    if (end) {
      end.querySelector("button").addEventListener("click", function () {
        setState(id, "done", seen);
      });
    }
  }

  function renderLesson() {
    var main = document.querySelector(".nx-track[data-id]:not(.nx-track--section)");
    if (!main) return;
    var id = main.getAttribute("data-id");
    Array.prototype.forEach.call(pageTracks(), function (track) {
      var s = stateOf(track.getAttribute("data-id"));
      Array.prototype.forEach.call(track.querySelectorAll(".nx-track__choice"), function (b) {
        var on = b.getAttribute("data-state") === s;
        b.setAttribute("aria-checked", on ? "true" : "false");
        b.tabIndex = on ? 0 : -1;
      });
    });
    var note = main.querySelector(".nx-track__changed");
    var changed = changedOnArrival.filter(function (other) {
      return stateOf(other) === "done";
    });
    note.classList.toggle("is-message", damaged);
    if (damaged) note.textContent = ui.progress_bad_store || "";
    else if (!changed.length) note.textContent = "";
    else {
      // (the date is in the header above: 更新日 / Updated)
      note.textContent = changed.length === 1 && changed[0] === id
        ? ui.track_changed
        : fmt(ui.track_changed_ids, { ids: changed.join(", ") });
    }
    note.title = damaged ? "" : note.textContent; // the whole note where one line cuts it short
    var end = document.querySelector(".nx-track-end[data-id]");
    if (end) {
      var s = stateOf(id);
      end.classList.toggle("is-done", s === "done");
      end.querySelector(".nx-track-end__done").textContent = s === "done" ? ui.track_is_done || "" : "";
    }
  }

  // --- lists, the series header, the mind map -----------------------------------------------

  function renderLists() {
    Array.prototype.forEach.call(document.querySelectorAll("li[data-id]"), function (li) {
      var id = li.getAttribute("data-id");
      var s = stateOf(id);
      if (s === "none") li.removeAttribute("data-progress");
      else li.setAttribute("data-progress", s);
      var name = li.querySelector(":scope > .nx-entry .nx-name");
      if (!name) return;
      var said = name.querySelector(".nx-state-text");
      if (said) said.remove();
      var badge = name.querySelector(".nx-updated-badge");
      if (badge) badge.remove();
      if (s !== "none") name.appendChild(el("span", "nx-visually-hidden nx-state-text", " (" + stateText(s) + ")"));
      if (changedSince(id, li.getAttribute("data-updated"))) {
        name.appendChild(el("span", "nx-updated-badge", ui.track_updated));
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".nx-yours[data-total]"), function (p) {
      var done = 0;
      Array.prototype.forEach.call(document.querySelectorAll("li.nx-depth-1[data-id]"), function (li) {
        if (stateOf(li.getAttribute("data-id")) === "done") done++;
      });
      p.textContent = fmt(ui.your_progress, { done: done, total: p.getAttribute("data-total") });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".nexus-mindmap [role=treeitem][data-id]"), function (item) {
      decorate(item, item.getAttribute("data-id"), item.nxUpdated);
    });
  }

  // A mind-map node: its state, and whether its page changed since it was completed
  // (``updated``: the page's date on this site), as classes and in its accessible name.
  function decorate(item, id, updated) {
    if (item.nxName == null) item.nxName = item.getAttribute("aria-label") || "";
    item.nxUpdated = updated;
    var s = stateOf(id);
    var changed = changedSince(id, updated);
    item.classList.toggle("mm-done", s === "done");
    item.classList.toggle("mm-doing", s === "doing");
    item.classList.toggle("mm-changed", changed);
    item.setAttribute(
      "aria-label",
      item.nxName + (s === "none" ? "" : " (" + stateText(s) + ")") + (changed ? " (" + ui.track_updated + ")" : "")
    );
  }

  // --- the home page: continue, and the record itself ---------------------------------------

  function lessonsData() {
    var data = document.querySelector(".nx-lessons-data");
    if (!data) return [];
    try {
      return JSON.parse(data.textContent);
    } catch {
      return [];
    }
  }

  function link(lesson) {
    var a = el("a", "", lesson.id + ": " + lesson.title);
    a.href = langRoot + lesson.url;
    return a;
  }

  function renderContinue() {
    var box = document.querySelector(".nx-continue");
    if (!box) return;
    var body = box.querySelector(".nx-continue__body");
    var lessons = lessonsData();
    var byId = {};
    lessons.forEach(function (l) {
      byId[l.id] = l;
    });
    body.textContent = "";
    var last = rec.last && byId[rec.last.id];
    if (!last) {
      body.appendChild(el("p", "nx-continue__empty", ui.continue_empty));
      return;
    }
    var p = el("p");
    p.appendChild(el("span", "nx-continue__kind", ui.continue_last));
    p.appendChild(link(last));
    body.appendChild(p);
    var next = lessons.filter(function (l) {
      return l.series === last.series && l.id !== last.id && stateOf(l.id) !== "done";
    })[0];
    if (next) {
      var q = el("p");
      q.appendChild(el("span", "nx-continue__kind", ui.continue_next));
      q.appendChild(link(next));
      body.appendChild(q);
    }
  }

  function say(box, text, buttons) {
    box.textContent = "";
    if (text) box.appendChild(el("p", "", text));
    (buttons || []).forEach(function (b) {
      var button = el("button", "md-button", b[0]);
      button.type = "button";
      button.addEventListener("click", b[1]);
      box.appendChild(button);
    });
  }

  function recordControls() {
    var box = document.querySelector(".nx-record");
    if (!box) return;
    var message = box.querySelector(".nx-record__message");
    if (damaged) {
      box.open = true;
      say(message, ui.progress_bad_store);
    }
    box.querySelector("[data-action=export]").addEventListener("click", function () {
      var file = { format: FORMAT, v: 1, site: root, exported: new Date().toISOString(), lessons: rec.lessons, last: rec.last };
      var url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 1)], { type: "application/json" }));
      var a = el("a");
      a.href = url;
      a.download = "nexus-progress-" + new Date().toISOString().slice(0, 10) + ".json";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () {
        URL.revokeObjectURL(url);
      }, 1000);
    });
    var input = box.querySelector("[data-action=import]");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      file.text().then(function (text) {
        var incoming = null;
        try {
          var parsed = JSON.parse(text);
          if (parsed && parsed.format === FORMAT) incoming = clean(parsed);
        } catch {
          incoming = null;
        }
        if (!incoming) {
          say(message, ui.progress_bad_file);
          return;
        }
        // merge: the newer entry of each lesson wins
        var changes = Object.keys(incoming.lessons).filter(function (id) {
          var mine = rec.lessons[id];
          var theirs = incoming.lessons[id];
          return !mine || (theirs.t > mine.t && theirs.s !== mine.s);
        });
        if (!changes.length) {
          say(message, ui.progress_nothing);
          return;
        }
        say(message, fmt(ui.progress_preview, { n: changes.length }), [
          [ui.progress_apply, function () {
            changes.forEach(function (id) {
              rec.lessons[id] = incoming.lessons[id];
            });
            if (incoming.last && (!rec.last || incoming.last.t > rec.last.t)) rec.last = incoming.last;
            save();
            render();
            say(message, fmt(ui.progress_imported, { n: changes.length }));
          }],
          [ui.progress_cancel, function () {
            say(message, "");
          }],
        ]);
        var list = el("ul");
        changes.forEach(function (id) {
          list.appendChild(el("li", "", id + ": " + (stateText(stateOf(id)) || ui.track_none) + " → " + stateText(incoming.lessons[id].s)));
        });
        message.insertBefore(list, message.children[1] || null);
      }, function () {
        say(message, ui.progress_bad_file);
      });
    });
    box.querySelector("[data-action=reset]").addEventListener("click", function () {
      say(message, ui.progress_reset_confirm, [
        [ui.progress_yes, function () {
          rec = empty();
          save();
          render();
          say(message, ui.progress_reset_done);
        }],
        [ui.progress_cancel, function () {
          say(message, "");
        }],
      ]);
    });
  }

  function render() {
    renderLesson();
    renderLists();
    renderContinue();
  }

  window.NexusProgress = { decorate: decorate, state: stateOf };
  // another tab changed the record
  window.addEventListener("storage", function (e) {
    if (e.key !== KEY) return;
    rec = load();
    render();
  });

  function start() {
    lessonPage();
    recordControls();
    render();
  }
  // On the home page this runs right after the "continue" box (not deferred): fill it before the
  // rest of the page is laid out, so nothing moves when the record loads.
  renderContinue();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
