"""Sites on a port of their own: a provider's (`url: https://port.example:8443/`, `domain: port.example:8443`, a
domain written as such an address) and this site's (`base_url: http://localhost:8000/news/`). Each address an
output gives for them, the story page's JSON-LD publisher, the API's provider, the feeds' authors and the site's
own links, keeps its scheme and port: https://<domain>/ is another server."""

from __future__ import annotations

import json
import re

from conftest import build_items, built_page, front

CONFIG = ('title: Port Site\nbase_url: http://localhost:8000/news/\nnow: "2026-12-04T12:00:00Z"\n'
          'items_per_page: 100\nstories:\n  enabled: false\n')


def _json_ld(html: str) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_addresses_of_sites_on_their_own_ports_keep_the_port(tmp_path, capsys):
    def story(title, minute, *provider):
        return front(f"title: {title}", f"publishedDateTime: 2026-11-20T10:{minute}:00Z", *provider)
    files = {
        "url.md": story("Url", 10, "provider:", "  name: Url News", "  domain: url.example",
                        "  url: https://url.example:8443/"),
        "colon.md": story("Colon", 11, "provider:", "  name: Colon News", "  domain: colon.example:8443"),
        "address.md": story("Address", 12, "provider:", "  name: Address News",
                            "  domain: https://address.example:8443/"),
        "loop.md": story("Loop", 13, "provider:", "  name: Loop News", "  domain: 127.0.0.1",
                         "  url: http://127.0.0.1:8123/"),
        "plain.md": story("Plain", 14, "provider:", "  name: Plain News", "  domain: plain.example"),
        "none.md": story("None", 15),
    }
    out, news, said = build_items(tmp_path, files, capsys, CONFIG)
    assert "0 warnings" in said, said
    homes = {"url": "https://url.example:8443/", "colon": "https://colon.example:8443/",
             "address": "https://address.example:8443/", "loop": "http://127.0.0.1:8123/",
             "plain": "https://plain.example/", "none": "http://localhost:8000/news/"}
    domains = {"url": "url.example", "colon": "colon.example", "address": "address.example", "loop": "127.0.0.1",
               "plain": "plain.example"}
    feed = {entry["url"]: entry for entry in json.loads((out / "feeds/latest.json").read_text())["items"]}
    assert len(news) == len(feed) == len(homes)
    for name, home in homes.items():
        entry = news[name]
        assert entry["url"].startswith("http://localhost:8000/news/news/2026/11/20/"), entry["url"]
        article = _json_ld(built_page(out, entry))
        assert article["publisher"]["url"] == home, (name, article["publisher"])
        assert article["url"] == entry["url"]
        if name == "none":
            assert entry["provider"] is None and article["publisher"]["name"] == "Port Site"
            continue
        assert entry["provider"]["domain"] == domains[name]
        assert entry["provider"]["url"] == home, name
        assert feed[entry["url"]]["authors"] == [{"name": entry["provider"]["name"], "url": home}], name
