// The search page: load Pagefind's UI from this site's own pagefind/ folder (written by the
// build), so search works on any static host, under a base_url path, with no CDN. A `q`
// parameter (the header's search box) runs that search at once.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var bundle = root.getAttribute("data-bundle");
  var base = root.getAttribute("data-base") || "/";

  function unavailable() {
    var note = document.getElementById("search-unavailable");
    if (note) note.hidden = false;
  }

  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = bundle + "pagefind-ui.css";
  document.head.appendChild(style);

  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onerror = unavailable; // the site was built without Pagefind
  script.onload = function () {
    if (typeof window.PagefindUI !== "function") return unavailable();
    // Result URLs in the index are relative to the site root; baseUrl puts the site's path in front.
    var ui = new window.PagefindUI({
      element: "#search", bundlePath: bundle, baseUrl: base, showImages: false, showSubResults: false,
      resetStyles: false, autofocus: true
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  };
  document.head.appendChild(script);
})();
