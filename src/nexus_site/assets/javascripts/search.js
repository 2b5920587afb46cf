/*
 * Site search: the dialog of theme_overrides/partials/nexus-search.html over Pagefind's index
 * (nexus_site.site.search). Nothing is fetched until the reader opens the dialog; then
 * pagefind.js loads the index chunks it needs for each query, from this site only.
 *
 * Results come in three groups, lessons first (with 第N回, series and the sections that matched),
 * then series and other pages, then the author guide, so the guide never crowds out lessons.
 * Pages come before lessons when one of them is titled with every word typed and no lesson is
 * ("terms of use": the Terms page, not the lessons that merely use those words).
 * Typing, pasting, an IME commit and a phone keyboard all run the query (the input event;
 * compositionend for IMEs). Excerpts are Pagefind's, rebuilt as text with only <mark> kept.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("nx-search");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var form = dialog.querySelector("form");
  var input = dialog.querySelector("input[type=search]");
  var series = dialog.querySelector("select");
  var status = dialog.querySelector("[role=status]");
  var output = dialog.querySelector(".nx-search__results");
  var labels = dialog.dataset;
  var loading = null;
  var latest = 0; // the newest query: older answers arriving late are dropped
  var timer = 0;
  var typed = 0; // when the reader last changed the query (performance.now())
  var GROUPS = [
    // Each result shown costs its fragment (the page's text for the excerpt): a few, not all.
    { kinds: ["lesson", "article"], label: labels.labelLessons, limit: 6 },
    { kinds: ["series", "site"], label: labels.labelPages, limit: 3 },
    { kinds: ["guide"], label: labels.labelGuide, limit: 1 },
  ];

  function pagefind() {
    if (!loading) {
      var script = new URL(labels.index, document.baseURI).href;
      var root = new URL(labels.root, document.baseURI).pathname;
      loading = import(script).then(function (pf) {
        return pf.options({ baseUrl: root, excerptLength: 26 }).then(function () {
          pf.init();
          return pf;
        });
      });
      loading.catch(function () {
        loading = null; // try again on the next query
      });
    }
    return loading;
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    pagefind().catch(function () {});
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.querySelectorAll("[data-nx-search-open]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && !dialog.open && !typing(event.target) && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      open();
    }
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.value === "close") return; // method=dialog closes
    event.preventDefault();
    run();
  });
  input.addEventListener("input", function (event) {
    if (!event.isComposing) schedule();
  });
  input.addEventListener("compositionend", schedule);
  series.addEventListener("change", schedule);

  function schedule() {
    typed = performance.now();
    clearTimeout(timer);
    timer = setTimeout(run, 30);
  }

  function run() {
    // NFKC: full-width Latin (ＬＳＴＭ) and half-width kana (ｴﾎﾟｯｸ) as the index has them.
    var query = input.value.normalize("NFKC").trim();
    var id = ++latest;
    if (!query) {
      output.replaceChildren();
      status.textContent = "";
      return;
    }
    pagefind()
      .then(function (pf) {
        return Promise.all(
          GROUPS.map(function (group) {
            var filters = { kind: { any: group.kinds } };
            if (series.value) filters.series = series.value;
            return pf.search(query, { filters: filters }).then(function (found) {
              return Promise.all(
                found.results.slice(0, group.limit).map(function (r) {
                  return r.data();
                }),
              );
            });
          }),
        );
      })
      .then(function (groups) {
        if (id !== latest) return;
        show(query, groups);
      })
      .catch(function () {
        if (id !== latest) return;
        output.replaceChildren();
        status.textContent = labels.labelError;
      });
  }

  // Does a result's title hold every word of the query (any case, NFKC like the query)?
  function titled(query, results) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return results.some(function (data) {
      var title = String((data.meta || {}).title || "").normalize("NFKC").toLowerCase();
      return words.every(function (word) {
        return title.indexOf(word) >= 0;
      });
    });
  }

  function show(query, groups) {
    var total = 0;
    var parts = [];
    var order = [0, 1, 2]; // lessons, pages, the guide (always last)
    if (titled(query, groups[1]) && !titled(query, groups[0])) order = [1, 0, 2];
    order.forEach(function (i) {
      var results = groups[i];
      if (!results.length) return;
      total += results.length;
      var section = element("section", "nx-search__group");
      var heading = element("h3", "nx-search__heading", GROUPS[i].label);
      var list = element("ul", "nx-search__list");
      results.forEach(function (data) {
        list.appendChild(result(data));
      });
      section.append(heading, list);
      parts.push(section);
    });
    output.replaceChildren.apply(output, parts);
    dialog.dataset.elapsed = String(Math.round(performance.now() - typed)); // for the benchmark
    status.textContent = total
      ? labels.labelCount.replace("{n}", String(total))
      : labels.labelNone.replace("{q}", query);
  }

  function result(data) {
    var meta = data.meta || {};
    var item = element("li", "nx-search__item");
    var link = element("a", "nx-search__link");
    link.href = data.url;
    var head = element("span", "nx-search__meta");
    if (meta.series) head.appendChild(element("span", "nx-chip", meta.series));
    var about = [meta.label, meta.id, meta.series_name].filter(Boolean).join(" · ");
    if (about) head.appendChild(document.createTextNode(" " + about));
    link.appendChild(head);
    link.appendChild(element("span", "nx-search__name", meta.title || data.url));
    if (meta.original === "ja") link.appendChild(element("span", "nx-search__lang", labels.labelJapanese));
    link.appendChild(excerpt(data.excerpt, "nx-search__excerpt"));
    item.appendChild(link);
    var sections = (data.sub_results || []).filter(function (sub) {
      return sub.url.indexOf("#") > 0 && sub.url !== data.url;
    });
    if (sections.length) {
      var subs = element("ul", "nx-search__subs");
      sections.slice(0, 3).forEach(function (sub) {
        var li = element("li");
        var a = element("a", "nx-search__sub");
        a.href = sub.url;
        a.appendChild(element("span", "nx-search__subtitle", sub.title));
        a.appendChild(excerpt(sub.excerpt, "nx-search__excerpt"));
        li.appendChild(a);
        subs.appendChild(li);
      });
      item.appendChild(subs);
    }
    return item;
  }

  // Pagefind's excerpt is HTML with <mark>: parsed inertly, kept as text and <mark> only.
  function excerpt(html, cls) {
    var out = element("span", cls);
    var parsed = new DOMParser().parseFromString("<p>" + (html || "") + "</p>", "text/html");
    parsed.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        out.appendChild(element("mark", "", node.textContent));
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function element(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
})();
