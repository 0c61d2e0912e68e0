// newsdesk serve: live reload. The dev server adds this script to every HTML page it serves (never to the
// built files). It long-polls GET /__newsdesk/livereload?since=EPOCH, which the server holds until a rebuild
// gives a newer epoch, then reloads the page, or swaps the stylesheets when only CSS changed.
(() => {
  "use strict";
  const me = document.currentScript;
  const endpoint = me.dataset.endpoint;
  const server = me.dataset.server;
  let epoch = Number(me.dataset.epoch);
  let request = null;  // the poll in flight, aborted while the tab is hidden
  let wake = null;  // resolves the wait for the tab to become visible again

  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

  // Browsers allow about six connections per host, so hidden tabs must not each hold one open (MkDocs #3391).
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) {
      if (request) request.abort();
    } else if (wake) {
      wake();
    }
  });

  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("newsdesk-reload", String(Date.now()));
      // The new sheet goes in beside the old one, which leaves once it has loaded: no unstyled flash.
      const next = link.cloneNode();
      next.href = url.href;
      next.addEventListener("load", () => link.remove(), { once: true });
      next.addEventListener("error", () => next.remove(), { once: true });
      link.after(next);
    }
  }

  async function poll() {
    for (;;) {
      if (document.hidden) await new Promise((done) => { wake = done; });
      wake = null;
      request = new AbortController();
      let message;
      try {
        // (the page's path: the server renders the pages open in a browser before the rest of an edit)
        const response = await fetch(`${endpoint}?since=${epoch}&server=${server}`,
                                      { cache: "no-store", signal: request.signal });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        message = await response.json();
      } catch (error) {
        if (error.name !== "AbortError") await sleep(1000);  // the server is gone or restarting: retry
        continue;
      }
      if (message.server !== server) {  // a restarted server: whatever it built is new to this page
        location.reload();
        return;
      }
      if (message.epoch > epoch) {
        if (message.action !== "css") {
          location.reload();
          return;
        }
        swapStylesheets();
        epoch = message.epoch;
      }
    }
  }

  function dismiss(box) {
    box.remove();
    if (box.dataset.key) sessionStorage.setItem(`newsdesk-dismissed-${box.id}`, box.dataset.key);
  }

  for (const box of document.querySelectorAll("#newsdesk-overlay, #newsdesk-notice")) {
    if (box.dataset.key && sessionStorage.getItem(`newsdesk-dismissed-${box.id}`) === box.dataset.key) {
      box.remove();
      continue;
    }
    const button = box.querySelector("[data-newsdesk-close]");
    if (button) button.addEventListener("click", () => dismiss(box));
  }
  poll();
})();
