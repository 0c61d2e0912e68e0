// A video's player is its host's page (YouTube's, Vimeo's), with the host's cookies and scripts: article.html
// keeps it in a <template> until the reader asks for it. Then it takes the place of the link that asked, in the
// same box, starts playing (the reader asked to watch, so a second click would only be in the way) and has the
// focus, so a keyboard's next keys are the player's. Without JavaScript the link leads to the player instead.
(function () {
  "use strict";
  document.querySelectorAll(".video").forEach(function (box) {
    var start = box.querySelector("a.player-start");
    var frame = box.querySelector("template.player-frame");
    if (!start || !frame) { return; }
    start.addEventListener("click", function (event) {
      // (a click that opens a new tab or window is the reader's choice of where to watch)
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
      event.preventDefault();
      var player = frame.content.querySelector("iframe").cloneNode(true);
      var address = new URL(player.getAttribute("src"));
      address.searchParams.set("autoplay", "1");
      player.src = address.href;
      start.replaceWith(player);
      player.focus();
    });
  });
})();
