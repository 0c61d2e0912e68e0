// The words of a clamped text (a card's summary, a long headline) written without spaces between them, as Thai,
// Lao, Khmer and Burmese are, or whose letters join (Hindi's conjuncts): each in a <span class="word">, an inline
// block (static/css/site.css), so that the clamp's ellipsis hides a word whole where Chromium's cut one in two. The
// browser finds the words (Intl.Segmenter, with the dictionaries its line breaking uses: the lines break between the
// same words as before); the build has no dictionary to find them with (filters.whole_words does it for the
// headlines of words with spaces between them, Hindi's). Search results drawn later are wrapped too. Without
// JavaScript or Intl.Segmenter nothing changes.
(function () {
  "use strict";
  if (typeof Intl === "undefined" || !Intl.Segmenter || typeof MutationObserver === "undefined") return;
  var CLAMPED = ".excerpt, .card-title.long a, h1.long, .picture-words .caption"; // (the boxes site.css clamps)
  var UNSPACED = new RegExp("[\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\p{Script=Tai_Tham}" +
                            "\\p{Script=New_Tai_Lue}]", "u");
  // And the words of a text whose letters join (a virama's conjunct: Devanagari, Bengali, Gujarati, Oriya, Telugu,
  // Malayalam), as filters.whole_words does with the build's headlines: the search page's results are drawn here.
  var JOINS = /[\u094d\u09cd\u0acd\u0b4d\u0c4d\u0d4d]/;
  var JOINING = new RegExp("[\\p{Script=Devanagari}\\p{Script=Bengali}\\p{Script=Gujarati}\\p{Script=Oriya}" +
                           "\\p{Script=Telugu}\\p{Script=Malayalam}]", "u");
  var words = new Intl.Segmenter(undefined, { granularity: "word" });

  // The text node a character of `element`'s text is in, and where in it: `nodes` as wrap lists them, their
  // starts in the whole text (a node split since keeps its start and the part before the split)
  function place(nodes, offset, ending) {
    for (var n = 0; n < nodes.length; n++) {
      var start = nodes[n][1], length = nodes[n][0].data.length;
      if (ending ? start < offset && offset <= start + length : start <= offset && offset < start + length) {
        return [nodes[n][0], offset - start];
      }
    }
    return null;
  }

  // The outermost element inside `element` that `node` is the first (or last: `side`) part of, or `node`.
  function outermost(element, node, side) {
    while (node.parentNode !== element && node.parentNode[side] === node) node = node.parentNode;
    return node;
  }

  // Each word of `element`'s whole text, not of each of its text nodes: a search result's highlights part a Thai
  // word's letters into several (a highlight across a word's edge is parted in two, one in each word).
  function wrap(element) {
    var text = element.textContent;
    var joined = JOINS.test(text);
    if (!(joined || UNSPACED.test(text)) || element.querySelector(".word")) return;
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), nodes = [], at = 0;
    while (walker.nextNode()) {
      nodes.push([walker.currentNode, at]);
      at += walker.currentNode.data.length;
    }
    var found = [];
    for (var step of words.segment(text)) {
      if (step.isWordLike && (UNSPACED.test(step.segment) || joined && JOINING.test(step.segment))) found.push(step);
    }
    for (var n = found.length - 1; n >= 0; n--) { // (from the last: a word's split leaves the ones before it whole)
      var first = place(nodes, found[n].index, false);
      var last = place(nodes, found[n].index + found[n].segment.length, true);
      if (!first || !last) continue;
      var range = document.createRange(), word = document.createElement("span");
      // (a highlight that starts or ends with the word goes into its box whole: a copy of it would stay empty)
      if (first[1] === 0) range.setStartBefore(outermost(element, first[0], "firstChild"));
      else range.setStart(first[0], first[1]);
      if (last[1] === last[0].data.length) range.setEndAfter(outermost(element, last[0], "lastChild"));
      else range.setEnd(last[0], last[1]);
      word.className = "word";
      word.appendChild(range.extractContents());
      range.insertNode(word);
    }
  }

  function within(node) {
    if (node.nodeType !== 1) return;
    if (node.matches(CLAMPED)) wrap(node);
    node.querySelectorAll(CLAMPED).forEach(wrap);
  }

  within(document.body);
  new MutationObserver(function (changes) {
    changes.forEach(function (change) { change.addedNodes.forEach(within); });
  }).observe(document.body, { childList: true, subtree: true });
})();
