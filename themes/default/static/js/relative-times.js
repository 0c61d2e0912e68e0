// Recent dates as "3 hours ago", in the theme's words (the script element's data-ago: the words files'
// `minutes_ago`, `hours_ago` and `days_ago`, with their plural forms, `yesterday`, `day_before_yesterday`
// and `today`) and their language (data-words-lang), counted from the reader's clock: the page stays the same
// bytes whatever day it is built or read. Only <time class="ago"> (the cards' and the coverage lists' dates); the
// written date goes into the element's title, and stays on screen for a date a week old or more, a date in the
// future, or a page without the words in a browser without Intl.RelativeTimeFormat. Loaded by
// templates/partials/relative_times.html: a blocking script in the head, so that each date is rewritten before
// the browser first draws it (see there).
(function () {
  "use strict";
  var script = document.currentScript;
  // The language of the theme's words (English on a `zh` site without Chinese words), so that the page speaks one
  // language; a date in another language than the page's says so, for screen readers. (Attributes of the
  // script element: one file for every site and page.)
  var language = script.getAttribute("data-words-lang") || "en";
  var later = script.hasAttribute("data-later");
  var page = (document.documentElement.lang || "").toLowerCase();
  var words = null;
  try {
    words = JSON.parse(script.getAttribute("data-ago"));
  } catch (error) { /* none (a theme's own copy of the partial): the browser's words, below */ }
  var english = words && Array.isArray(words.english) ? words.english : [];
  // The digits a count is written in, where the language's are not 0-9 (Persian's ۰-۹: generator/i18n.py, Words.number).
  var digits = words && typeof words.number_digits === "string" ? Array.from(words.number_digits) : [];
  function numeral(count) {
    return digits.length === 10 ? String(count).replace(/[0-9]/g, function (d) { return digits[d]; }) : String(count);
  }
  // A count's plural form, as search.js chooses its own: Intl.PluralRules costs little, unlike the browser's
  // Intl.RelativeTimeFormat, whose first formatter (a number formatter's) is a long task on a slow phone.
  var rules = {};
  function form(count, tag) {
    if (!(tag in rules)) {
      try { rules[tag] = new Intl.PluralRules(tag); } catch (error) { rules[tag] = null; }
    }
    return rules[tag] ? rules[tag].select(count) : "other";
  }
  // Only without the theme's words for the unit: the browser's own (null: no such formatter for the language).
  var format;
  function formatter() {
    if (format === undefined) {
      try {
        format = new Intl.RelativeTimeFormat(language, { numeric: "always" });
      } catch (error) { format = null; }
    }
    return format;
  }
  // [text, its language] of `count` `unit`s ago, or null.
  function say(count, unit) {
    var key = unit + "s_ago", forms = words && Object.prototype.hasOwnProperty.call(words, key) ? words[key] : null;
    var tag = english.indexOf(key) >= 0 ? "en" : language; // (an English word's forms are English's)
    if (typeof forms === "string") forms = { other: forms };
    if (forms && typeof forms === "object") {
      var text = forms[form(count, tag)] || forms.other;
      if (typeof text === "string") return [text.replace(/\{n\}/g, numeral(count)), tag];
    }
    return formatter() ? [format.format(-count, unit), language] : null;
  }
  // The reader's calendar days (from its midnights) from the day of `year`, `month` (0-11) and `day` to today.
  function daysSince(year, month, day) {
    var now = new Date(Date.now());
    return Math.round((Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) - Date.UTC(year, month, day))
      / 86400000);
  }
  // The words' `yesterday`, `day_before_yesterday` or `today` where they have it in the language of their `days_ago` (a site's own words
  // file without it says "1 день назад", not an English "yesterday"), else null.
  function word(key) {
    var text = words && typeof words[key] === "string" ? words[key] : null;
    if (!text || (english.indexOf(key) >= 0) !== (english.indexOf("days_ago") >= 0)) return null;
    return [text, english.indexOf(key) >= 0 ? "en" : language];
  }
  // `count` calendar days ago, one or more: the day before today is "yesterday" and the day before that
  // "avant-hier" (else "1 day ago", in the words' `days_ago` or the browser's formatter), up to a week.
  function days(count) {
    return (count === 1 && word("yesterday")) || (count === 2 && word("day_before_yesterday")) ||
      (count < 7 ? say(count, "day") : null);
  }
  // A day written alone (`datetime="2026-12-07"`: an item dated by its day, with no time) is that calendar day,
  // "today", "yesterday" or "3 days ago", never hours from a midnight it does not say (Date.parse reads it as
  // UTC's); without the words' `today`, today's date stays as written.
  var DAY = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
  function ago(datetime) {
    var day = DAY.exec(datetime);
    if (day) {
      var count = daysSince(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
      return count === 0 ? word("today") : count > 0 ? days(count) : null;
    }
    var when = Date.parse(datetime), seconds = (Date.now() - when) / 1000;
    if (!(seconds > -60 && seconds < 7 * 86400)) return null;
    if (seconds < 3600) return say(Math.max(1, Math.floor(seconds / 60)), "minute");
    var then = new Date(when), count = daysSince(then.getFullYear(), then.getMonth(), then.getDate());
    // (under a day, or today still on a day of 25 hours: hours)
    return seconds < 86400 || count < 1 ? say(Math.floor(seconds / 3600), "hour") : days(count);
  }
  var done = new WeakSet();
  function relative(time) {
    if (done.has(time) || !time.textContent) return; // (its text is not parsed yet)
    done.add(time);
    var said = ago(time.getAttribute("datetime"));
    if (!said) return;
    time.title = time.textContent;
    time.textContent = said[0];
    if (said[1].toLowerCase() !== page) time.lang = said[1];
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
    // Without the theme's words, the browser's formatter is made while a search waits for the network, not in
    // the task that puts its results in.
    if (!words && new URLSearchParams(location.search).get("q")) setTimeout(formatter);
  }
})();
