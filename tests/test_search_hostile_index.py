"""The search page's results as Chromium draws them from an index whose every field a crawler wrote: each string
the results show (title, excerpt, provider, its slug, dates, topics, type, facts, picture and its sizes, the
result's own address) replaced by markup, what ends a script or a comment, direction and invisible characters,
a 100,000-letter word and script addresses (tests/hostile_items.py's classes). search.js must show text as text
and link only to the site or to http(s): no payload runs, no link leads to a script or out of the site's folder,
and a long word does not widen the page (at a phone's width)."""

from __future__ import annotations

import json

import pytest

from conftest import item, make_site, static_server
from generator.cli import main
from hostile_items import CHARACTERS, MARKUP, URLS

TEXTS = {**MARKUP, **CHARACTERS, "long_word": "w" * 100_000, "html_entity": "&lt;b&gt;bold&lt;/b&gt; &amp;"}
ADDRESSES = list(URLS.values()) + ["../../../etc/passwd", "/absolute/x/", "news/../../x/", "news/a b/",
                                   "http:evil.example", "news/%0a/"]


def _hostile(value, n: int, field: str):
    """A hostile value of `value`'s shape for record n: texts by class, addresses by trick, lists of them."""
    text = "pwned " + list(TEXTS.values())[n % len(TEXTS)]
    address = ADDRESSES[n % len(ADDRESSES)]
    if field in ("url", "image", "provider_slug"):
        return address
    if field == "srcset":
        return [[address, 100], [ADDRESSES[(n + 1) % len(ADDRESSES)], 200]]
    if field == "topics":
        return [[address, text], [text, address]]
    if field == "facts":
        return [text, [text, text, text]]
    if isinstance(value, str):
        return text
    return value


@pytest.mark.slow
def test_results_from_a_hostile_index_show_text_as_text_and_link_only_to_http(tmp_path, page):
    count = max(len(TEXTS), len(ADDRESSES))
    files = {f"content/p{n}.md": item(f"Pwned story {n}", excerpt="Pwned words", topics=["Pwned"], type="video",
                                      provider={"name": "Prov", "domain": "p.example"},
                                      image="https://img.example/a.jpg")
             for n in range(count)}
    site = make_site(tmp_path / "site", files, 'title: T\nbase_url: http://localhost:8000/news/\n'
                     'now: "2026-11-22T12:00:00Z"\n')
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    index = site / "output" / "search" / "index"
    fields = json.loads((index / "meta.json").read_text(encoding="utf-8"))["fields"]
    shards = sorted((index / "docs").glob("*.json"))
    assert shards and {"url", "title", "excerpt", "provider", "topics", "image", "srcset"} <= set(fields)
    n = 0
    for shard in shards:
        records = json.loads(shard.read_text(encoding="utf-8"))
        for record in records:
            record[:] = [_hostile(value, n, field) for value, field in zip(record, fields)]
            # (the first records keep their own address, so that their other fields are shown)
            if n < len(TEXTS):
                record[fields.index("url")] = f"news/p{n}/"
            n += 1
        shard.write_text(json.dumps(records), encoding="utf-8")
    assert n == count

    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 400, "height": 800})
    with static_server(site / "output", "/news/") as base:
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page.goto(base + "search/?q=pwned", wait_until="load")
        page.wait_for_function("document.querySelectorAll('#search-results li.search-result').length > 0")
        for _ in range(count):  # (every page of results)
            if page.evaluate("document.getElementById('search-more').hidden"):
                break
            shown = page.evaluate("document.querySelectorAll('#search-results li.search-result').length")
            page.click("#search-more")
            page.wait_for_function(f"document.querySelectorAll('#search-results li.search-result').length > {shown}")
        found = page.evaluate("""() => {
            const list = document.getElementById('search-results');
            const found = [];
            for (const e of list.querySelectorAll('*')) {
                if (['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'svg', 'BASE', 'FORM'].includes(e.tagName))
                    found.push('element ' + e.tagName);
                for (const a of e.attributes) if (/^on/i.test(a.name)) found.push('handler ' + a.name);
                for (const url of [e.href, e.src, ...(e.srcset || '').split(',').map(s => s.trim().split(' ')[0])]) {
                    if (!url) continue;
                    const at = new URL(url, location.href);
                    if (!['http:', 'https:'].includes(at.protocol)) found.push('address ' + url.slice(0, 60));
                    else if (at.origin === location.origin && !at.pathname.startsWith('/news/'))
                        found.push('outside the site ' + url.slice(0, 60));
                }
            }
            return found;
        }""")
        shown = page.evaluate("document.getElementById('search-results').textContent")
        results = page.evaluate("document.querySelectorAll('#search-results li.search-result').length")
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert page.evaluate("window.pwned") is None
    assert found == [], found[:20]
    assert results >= len(TEXTS)  # (each class shown: a record whose address is not the site's is not)
    assert MARKUP["script"] in shown and MARKUP["ends_script"] in shown  # (as text)
    assert widths[0] <= widths[1], widths  # (a 100,000-letter word wraps)
    assert dialogs == [] and errors == []
