/*
 * Site search: the dialog of theme_overrides/partials/nexus-search.html over Pagefind's index
 * (nexus_site.site.search). Nothing is fetched until the reader opens the dialog; then
 * pagefind.js loads the index chunks it needs for each query, from this site only.
 *
 * Two tiers: the head index (titles, headings, TL;DR) answers first; the full-text index is
 * asked only when the head found fewer lessons than the list shows, and fills the empty places
 * with pages not shown yet. A word found in every lesson costs its small head postings, a rare word its full ones.
 *
 * Results come in three groups, lessons first (with 第N回, series and the sections that matched),
 * then series and other pages, then the author guide, so the guide never crowds out lessons.
 * Across languages: a query naming a glossary term in the other language (or by its reading)
 * is also run with the term's name in this site's language (連合学習 → federated learning on the
 * English site); pages found only that way are marked as found through the glossary.
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
  var latest = 0; // the newest query: older answers arriving late are dropped
  var timer = 0;
  var typed = 0; // when the reader last changed the query (performance.now())
  var GROUPS = [
    // Each result shown costs its fragment (the page's text for the excerpt): a few, not all.
    { kinds: ["lesson", "article"], label: labels.labelLessons, limit: 6 },
    { kinds: ["series", "site"], label: labels.labelPages, limit: 3 },
    { kinds: ["guide"], label: labels.labelGuide, limit: 1 },
  ];

  var tiers = {};

  function pagefind(tier) {
    tier = tier || "head";
    if (!tiers[tier]) {
      var script = new URL(tier === "head" ? labels.indexHead : labels.index, document.baseURI).href;
      var root = new URL(labels.root, document.baseURI).pathname;
      tiers[tier] = import(script).then(function (pf) {
        return pf.options({ baseUrl: root, excerptLength: 26 }).then(function () {
          pf.init();
          return pf;
        });
      });
      tiers[tier].catch(function () {
        tiers[tier] = null; // try again on the next query
      });
    }
    return tiers[tier];
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    pagefind("head").catch(function () {});
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
    var translated = terms().then(function (rows) {
      var other = across(query, rows);
      if (!other) return null;
      return answer(other.query).then(function (groups) {
        return { query: other.query, terms: other.terms, groups: groups };
      });
    });
    Promise.all([answer(query), translated])
      .then(function (both) {
        var groups = both[0];
        var other = both[1];
        if (!other) return groups;
        var via = { from: query, to: other.query };
        return groups.map(function (shown, i) {
          var more = other.groups[i];
          // The lessons that teach the term come first among the other language's results,
          // and may add to a full list (they are few and exactly what was asked for).
          if (i === 0) shown = merge(shown, taught(other.terms, via), shown.length + 3, via);
          return merge(shown, more, Math.max(GROUPS[i].limit, shown.length), via);
        });
      })
      .then(function (groups) {
        if (id !== latest) return;
        show(query, groups);
        // Once the reader has searched, the full tier's script and WebAssembly load while idle:
        // a later query that needs the full text then costs only its chunk.
        (window.requestIdleCallback || setTimeout)(function () {
          pagefind("full").catch(function () {});
        });
      })
      .catch(function () {
        if (id !== latest) return;
        output.replaceChildren();
        status.textContent = labels.labelError;
      });
  }

  // The groups for one query: the head tier, then the full text when the head found little.
  function answer(query) {
    var filters = GROUPS.map(function (group) {
      var f = { kind: { any: group.kinds } };
      if (series.value) f.series = series.value;
      return f;
    });
    return Promise.all(
      filters.map(function (f) {
        return search("head", query, f);
      }),
    ).then(function (heads) {
      // The full text only when the head found fewer lessons than fit: its chunk for a word
      // used everywhere is big. Then it fills every group's empty places.
      var full = heads[0].results.length < GROUPS[0].limit;
      return Promise.all(
        heads.map(function (head, i) {
          var limit = GROUPS[i].limit;
          return load(head.results.slice(0, limit)).then(function (shown) {
            if (!full || shown.length >= limit) return shown;
            return search("full", query, filters[i]).then(function (found) {
              return fill(shown, found.results, limit);
            });
          });
        }),
      );
    });
  }

  var glossary = null;

  function terms() {
    if (!labels.terms) return Promise.resolve([]);
    if (!glossary) {
      glossary = fetch(new URL(labels.terms, document.baseURI).href)
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .catch(function () {
          return [];
        });
    }
    return glossary;
  }

  function fold(text) {
    return String(text).normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // The glossary terms the query names in the other language (or by reading, or by an
  // abbreviation as the whole query), and the query with those names replaced by this site's.
  function across(query, rows) {
    var lang = labels.lang === "en" ? "en" : "ja";
    var q = fold(query);
    var out = q;
    var names = [];
    var matched = [];
    rows.forEach(function (row) {
      var target = row[lang];
      if (!target) return;
      [row[lang === "en" ? "ja" : "en"], row.reading].forEach(function (name) {
        if (name && fold(name) !== fold(target)) names.push({ name: fold(name), row: row });
      });
      (row.abbr || []).forEach(function (abbr) {
        if (fold(abbr) === q && fold(target) !== q) {
          out = fold(target);
          matched.push(row);
        }
      });
    });
    names.sort(function (a, b) {
      return b.name.length - a.name.length; // longest first: 連合学習 before 学習
    });
    names.forEach(function (found) {
      if (found.name.length > 1 && out.indexOf(found.name) >= 0) {
        out = out.split(found.name).join(fold(found.row[lang]));
        if (matched.indexOf(found.row) < 0) matched.push(found.row);
      }
    });
    return matched.length ? { query: out, terms: matched } : null;
  }

  // The lessons that teach the matched terms, as results (their text may not hold the term:
  // a lesson shown in Japanese on the English site is found by its glossary entry).
  function taught(terms, via) {
    var base = new URL(labels.root, document.baseURI);
    var out = [];
    terms.forEach(function (row) {
      (row.lessons || []).forEach(function (lesson) {
        var url = new URL(lesson.url, base);
        out.push({
          url: url.pathname + url.hash,
          meta: {
            title: lesson.title,
            label: lesson.label,
            id: lesson.id,
            series: lesson.series,
            original: lesson.original,
          },
          text: row.definition,
          via: via,
        });
      });
    });
    return out;
  }

  // ``shown``, then those of ``others`` whose page is not shown yet, up to ``limit``; marked
  // ``via`` (found through the glossary) when given.
  function merge(shown, others, limit, via) {
    var seen = {};
    shown.forEach(function (data) {
      seen[page(data.url)] = true;
    });
    var out = shown.slice();
    others.forEach(function (data) {
      if (!seen[page(data.url)] && out.length < limit) {
        seen[page(data.url)] = true;
        out.push(via ? Object.assign({}, data, { via: data.via || via }) : data);
      }
    });
    return out;
  }

  function page(url) {
    return String(url).split("#")[0]; // a section of a page is that page
  }

  function search(tier, query, filters) {
    return pagefind(tier).then(function (pf) {
      return pf.search(query, { filters: filters });
    });
  }

  function load(results) {
    return Promise.all(
      results.map(function (r) {
        return r.data();
      }),
    );
  }

  // Fragments load in small batches, so pages already shown cost little and the rest nothing.
  function fill(shown, results, limit) {
    var next = 0;
    function more() {
      var want = limit - shown.length;
      if (want <= 0 || next >= results.length) return Promise.resolve(shown);
      var batch = results.slice(next, next + want);
      next += batch.length;
      return load(batch).then(function (found) {
        shown = merge(shown, found, limit);
        return more();
      });
    }
    return more();
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
    if (data.via) {
      var note = labels.labelVia.replace("{from}", data.via.from).replace("{to}", data.via.to);
      link.appendChild(element("span", "nx-search__via", note));
    }
    if (data.text) link.appendChild(element("span", "nx-search__excerpt", data.text));
    else link.appendChild(excerpt(data.excerpt, "nx-search__excerpt"));
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
