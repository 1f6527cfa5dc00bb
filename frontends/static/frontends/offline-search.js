/* Search in an exported, offline copy of the handbook (manage.py export_site).
 *
 * The exported search page loads its language's index first (search-index.js sets window.handbookSearchIndex),
 * then this script. It reads ?q= from the page's address, finds the pages that hold every word of it (ignoring
 * case, accents and other marks) and lists them as the live search page does: the title, a mark on pages served
 * from another language, and an excerpt around the first match. No requests and no dependencies, so it also
 * works when the copy is opened from disk (file://).
 */
(function () {
  "use strict";

  var EXCERPT_LENGTH = 200; // the API's excerpts: 200 characters, a third of them before the match
  var MARKS = /\p{M}/gu;

  var index = window.handbookSearchIndex;
  var results = document.getElementById("offline-search-results");
  if (!index || !results) {
    return;
  }

  /* Lower case without marks, and for each character of that the position it came from in `text`. */
  function fold(text) {
    var folded = "";
    var origin = [];
    var position = 0;
    for (var char of text) {
      var plain = char.normalize("NFD").replace(MARKS, "").toLowerCase();
      for (var i = 0; i < plain.length; i++) {
        origin.push(position);
      }
      folded += plain;
      position += char.length;
    }
    origin.push(position);
    return { text: folded, origin: origin };
  }

  function words(query) {
    return fold(query).text.split(/\s+/).filter(Boolean);
  }

  function occurrences(text, word) {
    var count = 0;
    var at = text.indexOf(word);
    while (at >= 0 && count < 50) {
      count += 1;
      at = text.indexOf(word, at + word.length);
    }
    return count;
  }

  var folded = null; // each page's title and text, folded once on the first search

  function search(query) {
    var wanted = words(query);
    if (!wanted.length) {
      return [];
    }
    if (folded === null) {
      folded = index.pages.map(function (page) {
        return { title: fold(page.title).text, text: fold(page.text) };
      });
    }
    var found = [];
    index.pages.forEach(function (page, order) {
      var title = folded[order].title;
      var text = folded[order].text.text;
      var score = 0;
      for (var word of wanted) {
        var inTitle = title.indexOf(word) >= 0;
        var inText = occurrences(text, word);
        if (!inTitle && !inText) {
          return;
        }
        score += (inTitle ? 10 : 0) + inText;
      }
      found.push({ page: page, order: order, score: score });
    });
    found.sort(function (a, b) {
      return b.score - a.score || a.order - b.order;
    });
    return found.map(function (result) {
      return { page: result.page, excerpt: excerpt(result.page.text, folded[result.order].text, wanted) };
    });
  }

  /* The passage around the first match, cut as the API cuts its excerpts. */
  function excerpt(text, foldedText, wanted) {
    var first = -1;
    for (var word of wanted) {
      var at = foldedText.text.indexOf(word);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    var position = first >= 0 ? foldedText.origin[first] : 0;
    var start = Math.max(position - Math.floor(EXCERPT_LENGTH / 3), 0);
    var snippet = text.slice(start, start + EXCERPT_LENGTH).trim();
    return (start > 0 ? "…" : "") + snippet + (start + EXCERPT_LENGTH < text.length ? "…" : "");
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  /* ` lang="…" dir="…"` for text in another language than the page's, as the live site marks it. */
  function languageOf(locale) {
    if (!locale || locale === index.lang) {
      return {};
    }
    return { lang: locale, dir: index.directions[locale] || "ltr" };
  }

  function withQuery(template, query) {
    return template.split("{query}").join(query);
  }

  function show(query, found) {
    var section = element("section", { class: "search-results", "aria-labelledby": "results-title" });
    section.appendChild(element("h2", { id: "results-title" }, withQuery(index.strings.results, query)));
    if (!found.length) {
      section.appendChild(element("p", { class: "no-results" }, withQuery(index.strings.none, query)));
    } else {
      var list = element("ol");
      found.forEach(function (result) {
        var page = result.page;
        var item = element("li", { class: "search-result" });
        var heading = element("h3");
        heading.appendChild(element("a", Object.assign({ href: page.url }, languageOf(page.locale)), page.title));
        item.appendChild(heading);
        if (page.fallback && index.marks[page.locale]) {
          item.appendChild(element("p", { class: "fallback-mark" }, index.marks[page.locale]));
        }
        if (result.excerpt) {
          item.appendChild(element("p", Object.assign({ class: "excerpt" }, languageOf(page.locale)), result.excerpt));
        }
        list.appendChild(item);
      });
      section.appendChild(list);
    }
    results.replaceChildren(section);
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  document.querySelectorAll("input[name=q]").forEach(function (input) {
    input.value = query;
  });
  if (query.trim()) {
    document.title = withQuery(index.strings.title, query) + " · " + index.handbook;
    show(query, search(query));
  }
})();
