// Stories come from crawlers, and the pictures they point at on other sites often disappear.
// Hide a picture that fails to load, so the card shows its plain placeholder instead of a
// broken-image icon. Without JavaScript nothing changes: the page works the same.
(function () {
  "use strict";
  function hide(img) { img.classList.add("is-broken"); }
  document.querySelectorAll("img").forEach(function (img) {
    if (img.complete && img.currentSrc && img.naturalWidth === 0) { hide(img); return; }
    img.addEventListener("error", function () { hide(img); }, { once: true });
  });
})();
