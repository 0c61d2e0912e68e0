// Recent dates as "3 hours ago", in the language of the theme's words (the script element's data-words-lang),
// counted from the reader's clock: the page stays the same bytes whatever day it is built or read. Only
// <time class="ago"> (the cards' and the coverage lists' dates); the written date goes into the element's title,
// and stays on screen for a date a week old or more, a date in the future, or a browser without
// Intl.RelativeTimeFormat. Loaded by templates/partials/relative_times.html: a blocking script in the head that
// watches the page as it is parsed, so that each date is rewritten before the browser draws it (see there).
(function () {
  "use strict";
  // The language of the theme's words (English on a `ko` site without Korean words), so that the page speaks one
  // language; a date in another language than the page's says so, for screen readers. (An attribute of the
  // script element: one file for every site and page.)
  var language = document.currentScript.getAttribute("data-words-lang") || "en", format;
  var later = document.currentScript.hasAttribute("data-later");
  var own = language.toLowerCase() === (document.documentElement.lang || "").toLowerCase();
  try {
    format = new Intl.RelativeTimeFormat(language, { numeric: "always" });
  } catch (error) { return; }
  var done = new WeakSet();
  function relative(time) {
    if (done.has(time) || !time.textContent) return; // (its text is not parsed yet)
    done.add(time);
    var seconds = (Date.now() - Date.parse(time.getAttribute("datetime"))) / 1000;
    if (!(seconds > -60 && seconds < 7 * 86400)) return;
    var ago = seconds < 3600 ? [Math.max(1, Math.floor(seconds / 60)), "minute"]
      : seconds < 86400 ? [Math.floor(seconds / 3600), "hour"] : [Math.floor(seconds / 86400), "day"];
    time.title = time.textContent;
    time.textContent = format.format(-ago[0], ago[1]);
    if (!own) time.lang = language;
  }
  function all() { document.querySelectorAll("time.ago[datetime]").forEach(relative); }
  var watch = new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      var time = change.target.closest && change.target.closest("time.ago[datetime]");
      if (time) relative(time);
      else change.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        if (node.matches("time.ago[datetime]")) relative(node);
        else if (node.firstElementChild) node.querySelectorAll("time.ago[datetime]").forEach(relative);
      });
    });
  });
  watch.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () { if (!later) watch.disconnect(); all(); });
})();
