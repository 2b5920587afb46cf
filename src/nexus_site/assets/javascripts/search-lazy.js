/*
 * Load the search index only when the reader shows intent to search.
 *
 * Why: Material's bundle requests search/search_index.json as soon as every
 * page loads (116 KB gzipped for this site, megabytes for a large one), which
 * alone breaks a phone's page-weight budget, though most readers never search.
 *
 * How: Material fetches the index with XMLHttpRequest. This file, loaded
 * before Material's bundle, holds back send() of a GET for
 * ".../search/search_index.json" until the first sign of intent:
 *   - focus on the search box, or the search toggle (#__search) changing;
 *   - the pointer over / pressing / touching the search form or a
 *     label[for=__search] (the header button on phones): a prefetch;
 *   - the shortcut keys s, f, / outside text fields;
 *   - at once when the URL has ?q= (search opens at load) or ?h= (terms to
 *     highlight, which also need the index).
 * Material keeps waiting on the pending request, so everything after that
 * (worker setup, queries typed meanwhile) works as usual. Any other request
 * is untouched; should Material stop using XMLHttpRequest, this does nothing.
 */
(function () {
  "use strict";

  var proto = window.XMLHttpRequest && XMLHttpRequest.prototype;
  if (!proto || proto.__nexusLazySearch) return;
  proto.__nexusLazySearch = true;

  var INDEX = /\/search\/search_index\.json$/;
  var SEARCH = 'form[name="search"], label[for="__search"], #__search';
  var EVENTS = ["focusin", "change", "click", "pointerover", "pointerdown", "touchstart", "keydown"];
  var open = proto.open;
  var send = proto.send;
  var held = []; // [xhr, arguments of send]
  var released = false;

  function release() {
    if (released) return;
    released = true;
    EVENTS.forEach(function (type) {
      document.removeEventListener(type, onEvent, true);
    });
    held.splice(0).forEach(function (entry) {
      send.apply(entry[0], entry[1]);
    });
  }

  proto.open = function (method, url) {
    var path = "";
    try {
      path = new URL(String(url), document.baseURI).pathname;
    } catch {
      /* not a URL we care about */
    }
    this.__nexusHold = !released && String(method).toUpperCase() === "GET" && INDEX.test(path);
    return open.apply(this, arguments);
  };

  proto.send = function () {
    if (this.__nexusHold && !released) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function onEvent(event) {
    var target = event.target;
    if (event.type === "keydown") {
      var editable =
        target && target.closest && target.closest("input, textarea, select, [contenteditable]");
      if (
        !editable &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        (event.key === "s" || event.key === "f" || event.key === "/")
      ) {
        release();
      }
      return;
    }
    if (target && target.closest && target.closest(SEARCH)) release();
  }

  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) {
    released = true;
  } else {
    EVENTS.forEach(function (type) {
      document.addEventListener(type, onEvent, { capture: true, passive: true });
    });
  }
})();
