// The search page: searches newsdesk's own index (generator/search.py explains the files) in this
// site's search/index/ folder, so search works on any static host, under a base_url path, with no
// server and no CDN. A query fetches meta.json, one terms file per word and the docs files of the
// results it shows. Everything from the index is put on the page as text (textContent), never as HTML.
(function () {
  "use strict";

  var FORMAT = 1; // generator/search.py FORMAT
  var MAX_TERM = 40; // generator/search.py MAX_TERM
  var PER_PAGE = 20;
  var DEBOUNCE_MS = 150;
  // generator/search.py CJK: each of these characters is a term of its own. Keep both in step.
  var CJK = "\\u1100-\\u11ff\\u3005\\u3007\\u3021-\\u3029\\u3038-\\u303b\\u3041-\\u3096\\u309d-\\u309f" +
    "\\u30a1-\\u30fa\\u30fc-\\u30ff\\u3130-\\u318f\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua960-\\ua97f" +
    "\\uac00-\\ud7af\\ud7b0-\\ud7ff\\uf900-\\ufaff\\uff66-\\uff9f\\u{20000}-\\u{3134f}";
  var TOKEN = new RegExp("(?:(?![" + CJK + "])[\\p{L}\\p{N}]){2,}|(?=[\\p{L}\\p{N}])[" + CJK + "]", "gu");
  var MARKS = /\p{M}/gu;
  var ENDS_IN_WORD = /[\p{L}\p{N}]$/u;

  // The tokeniser of generator/search.py, step for step (tests/test_search.py runs both on the same strings).
  function normalise(text) {
    return text.normalize("NFKD").replace(MARKS, "").normalize("NFC").toLowerCase();
  }

  function tokens(text) {
    var found = normalise(text).match(TOKEN) || [];
    return found.map(function (token) {
      var chars = Array.from(token); // code points, as Python counts them
      return chars.length > MAX_TERM ? chars.slice(0, MAX_TERM).join("") : token;
    });
  }

  function shardKey(term) {
    return Array.from(term).slice(0, 2).join("");
  }

  function shardFile(key) {
    if (/^[A-Za-z0-9]+$/.test(key)) return "terms/" + key + ".json";
    var hex = "";
    new TextEncoder().encode(key).forEach(function (byte) { hex += (byte < 16 ? "0" : "") + byte.toString(16); });
    return "terms/x" + hex + ".json";
  }

  window.newsdeskSearchTokens = tokens; // for the tests' comparison with Python; harmless otherwise

  var root = document.getElementById("search");
  if (!root) return;
  var indexUrl = root.getAttribute("data-index");
  var base = root.getAttribute("data-base") || "/";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var lang = document.documentElement.lang || undefined;

  var files = {}; // URL -> promise of its JSON: each index file is fetched once per visit
  var seq = 0; // the newest query; answers to older ones are dropped
  var shown = { hits: [], count: 0, meta: null };
  var timer = 0;

  function fetchJSON(name) {
    var url = indexUrl + name;
    if (!files[url]) {
      files[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(url + ": HTTP " + response.status);
        return response.json();
      });
    }
    return files[url];
  }

  // A terms file's posting list -> Map(document id -> weight); ids are delta-encoded.
  function decode(flat) {
    var docs = new Map();
    var id = 0;
    for (var i = 0; i + 1 < flat.length; i += 2) {
      id += flat[i];
      docs.set(id, flat[i + 1]);
    }
    return docs;
  }

  function matches(shard, term, prefix) {
    var docs = new Map();
    if (!prefix) return Object.prototype.hasOwnProperty.call(shard, term) ? decode(shard[term]) : docs;
    Object.keys(shard).forEach(function (candidate) {
      if (candidate.lastIndexOf(term, 0) !== 0) return;
      decode(shard[candidate]).forEach(function (weight, id) {
        if (!(docs.get(id) >= weight)) docs.set(id, weight); // the best-matching completion counts
      });
    });
    return docs;
  }

  // Every term must match; the score is the sum of the weights; ties go to the newer story (higher id).
  function rank(perTerm) {
    perTerm.sort(function (a, b) { return a.size - b.size; });
    var hits = [];
    perTerm[0].forEach(function (weight, id) {
      var score = weight;
      for (var i = 1; i < perTerm.length; i++) {
        var other = perTerm[i].get(id);
        if (other === undefined) return;
        score += other;
      }
      hits.push([id, score]);
    });
    hits.sort(function (a, b) { return b[1] - a[1] || b[0] - a[0]; });
    return hits;
  }

  function search(query) {
    var mine = ++seq;
    var terms = Array.from(new Set(tokens(query)));
    if (!terms.length) {
      show(mine, query, [], null);
      return;
    }
    var prefix = ENDS_IN_WORD.test(query.trim()) ? terms[terms.length - 1] : null;
    fetchJSON("meta.json").then(function (meta) {
      if (!meta || meta.version !== FORMAT) throw new Error("search index format " + (meta && meta.version));
      var keys = new Set(meta.shards);
      return Promise.all(terms.map(function (term) {
        var key = shardKey(term);
        return (keys.has(key) ? fetchJSON(shardFile(key)) : Promise.resolve({})).then(function (shard) {
          return matches(shard, term, term === prefix);
        });
      })).then(function (perTerm) {
        show(mine, query, rank(perTerm), meta);
      });
    }).catch(function (error) {
      if (mine === seq) unavailable(error);
    });
  }

  function show(mine, query, hits, meta) {
    if (mine !== seq) return;
    shown = { hits: hits, count: 0, meta: meta };
    list.replaceChildren();
    more.hidden = true;
    var text = query.trim();
    if (!tokens(text).length) {
      status.textContent = text ? "Type a longer word to search." : "";
      return;
    }
    if (!hits.length) {
      status.textContent = "No results for \u201c" + text + "\u201d.";
      return;
    }
    // Said once the first results are on the page, so that a screen reader announces what is there.
    showMore(mine, false, hits.length + (hits.length === 1 ? " result" : " results") + " for \u201c" + text + "\u201d");
  }

  function showMore(mine, focus, message) {
    var start = shown.count;
    var page = shown.hits.slice(start, start + PER_PAGE);
    var meta = shown.meta;
    shown.count += page.length;
    var chunks = Array.from(new Set(page.map(function (hit) { return Math.floor(hit[0] / meta.chunk); })));
    Promise.all(chunks.map(function (n) { return fetchJSON("docs/" + n + ".json"); })).then(function (loaded) {
      if (mine !== seq) return;
      var byChunk = new Map();
      chunks.forEach(function (n, i) { byChunk.set(n, loaded[i]); });
      var first = null;
      page.forEach(function (hit) {
        var record = (byChunk.get(Math.floor(hit[0] / meta.chunk)) || [])[hit[0] % meta.chunk];
        var item = record && result(record);
        if (!item) return;
        list.appendChild(item);
        first = first || item.querySelector("a");
      });
      more.hidden = shown.count >= shown.hits.length;
      if (message) status.textContent = message;
      if (focus && first) first.focus();
    }).catch(function (error) {
      if (mine === seq) unavailable(error);
    });
  }

  // Only paths inside this site: the index holds story paths relative to the site root.
  function internal(url) {
    return typeof url === "string" && /^[A-Za-z0-9._~%\/-]*$/.test(url) && url.charAt(0) !== "/" &&
      url.indexOf("//") === -1 && url.split("/").indexOf("..") === -1;
  }

  function result(record) {
    var url = record[0], title = record[1], excerpt = record[2], provider = record[3], date = record[4];
    if (!internal(url)) return null;
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("h2");
    heading.className = "search-result-title";
    var link = document.createElement("a");
    link.href = base + url;
    link.textContent = String(title);
    heading.appendChild(link);
    item.appendChild(heading);
    var line = document.createElement("p");
    line.className = "meta";
    if (provider) line.appendChild(document.createTextNode(String(provider)));
    if (date) {
      if (provider) line.appendChild(document.createTextNode(" \u00b7 "));
      var time = document.createElement("time");
      time.setAttribute("datetime", String(date));
      time.textContent = formatDate(String(date));
      line.appendChild(time);
    }
    item.appendChild(line);
    if (excerpt) {
      var summary = document.createElement("p");
      summary.className = "excerpt";
      summary.textContent = String(excerpt);
      item.appendChild(summary);
    }
    return item;
  }

  function formatDate(date) {
    var parsed = new Date(date + "T00:00:00Z");
    if (isNaN(parsed.getTime())) return date;
    try {
      return parsed.toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    } catch (error) {
      return date;
    }
  }

  function unavailable(error) {
    if (window.console) console.warn("search:", error);
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "Search is not available.";
    var note = document.getElementById("search-unavailable");
    if (note) note.hidden = false;
  }

  function remember(query) {
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      remember(input.value);
      search(input.value);
    }, DEBOUNCE_MS);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value);
    search(input.value);
  });
  more.addEventListener("click", function () {
    showMore(seq, true);
  });

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  if (initial) search(initial);
  else input.focus();
})();
