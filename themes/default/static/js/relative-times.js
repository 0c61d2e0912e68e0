// Recent dates as "3 hours ago", in the language of the theme's words (the script element's data-words-lang),
// counted from the reader's clock: the page stays the same bytes whatever day it is built or read. Only
// <time class="ago"> (the cards' and the coverage lists' dates); the written date goes into the element's title,
// and stays on screen for a date a week old or more, a date in the future, or a browser without
// Intl.RelativeTimeFormat. Loaded by templates/partials/relative_times.html: a blocking script in the head, so that
// each date is rewritten before the browser first draws it (see there).
(function () {
  "use strict";
  // The language of the theme's words (English on a `ko` site without Korean words), so that the page speaks one
  // language; a date in another language than the page's says so, for screen readers. (An attribute of the
  // script element: one file for every site and page.)
  var language = document.currentScript.getAttribute("data-words-lang") || "en", format;
  var later = document.currentScript.hasAttribute("data-later");
  var own = language.toLowerCase() === (document.documentElement.lang || "").toLowerCase();
  // Made at the first date of the week: a browser's first Intl formatter costs a long task on a slow phone, which
  // a page without a recent date need not pay. (null: the browser has no such formatter for the language.)
  function formatter() {
    if (format === undefined) {
      try {
        format = new Intl.RelativeTimeFormat(language, { numeric: "always" });
      } catch (error) { format = null; }
    }
    return format;
  }
  var done = new WeakSet();
  function relative(time) {
    if (done.has(time) || !time.textContent) return; // (its text is not parsed yet)
    done.add(time);
    var seconds = (Date.now() - Date.parse(time.getAttribute("datetime"))) / 1000;
    if (!(seconds > -60 && seconds < 7 * 86400)) return;
    var ago = seconds < 3600 ? [Math.max(1, Math.floor(seconds / 60)), "minute"]
      : seconds < 86400 ? [Math.floor(seconds / 3600), "hour"] : [Math.floor(seconds / 86400), "day"];
    if (!formatter()) return;
    time.title = time.textContent;
    time.textContent = format.format(-ago[0], ago[1]);
    if (!own) time.lang = language;
    else time.removeAttribute("lang"); // (a written date's lang="en" of English month names: the page's words now)
  }
  function all() { document.querySelectorAll("time.ago[datetime]").forEach(relative); }
  // Before each frame the browser draws while the page is parsed (it can draw the first part of a long page before
  // the rest has come), and once it is parsed. A MutationObserver of the parse did the same with a call for every
  // element of the page, a long task on a slow phone; this is a query a frame, of the few frames of the parse.
  function beforeDrawing() {
    all();
    if (document.readyState === "loading") requestAnimationFrame(beforeDrawing);
  }
  requestAnimationFrame(beforeDrawing);
  document.addEventListener("DOMContentLoaded", all);
  // The search page's dates come with its results, put in after it is parsed: rewritten as they come, before
  // they are drawn (a mutation's callback runs before the next frame).
  if (later) {
    new MutationObserver(all).observe(document.documentElement, { childList: true, subtree: true });
    // The formatter is made in a task of its own while a search waits for the network, not in the task that
    // puts its results in: two long tasks instead of one twice as long. (Not on the other pages, where it is made
    // in the frame that first draws dates, mostly the first paint, which Lighthouse's blocking time does not count;
    // a search page without a query shows no dates.)
    if (new URLSearchParams(location.search).get("q")) setTimeout(formatter);
  }
})();
