"""A provider's home page as the site's feeds give it (a JSON Feed's author `url`, an Atom author's `uri`): for
a feed on a port of its own, or on this computer (a test feed on loopback), with its scheme and port, as fetch
read it, not `https://<domain>/`; for a site on https's own port, `https://<domain>/` as before."""

from __future__ import annotations

import json

from conftest import fetch_site, fetched
from feed_server import Route
from generator.cli import main

JSON_FEED = {"version": "https://jsonfeed.org/version/1.1", "title": "Loop news",
             "items": [{"id": "1", "url": "/one", "title": "One", "content_text": "Text.",
                        "date_published": "2026-11-20T10:00:00Z"}]}


def test_a_loopback_feed_s_provider_keeps_its_scheme_and_port(tmp_path, server, capsys):
    server.routes["/feed.json"] = Route(json.dumps(JSON_FEED).encode(), content_type="application/feed+json")
    site = fetch_site(tmp_path / "site", server, ["/feed.json"])
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    home = server.url("/")
    assert home.startswith("http://127.0.0.1:")
    assert fetched(site)["One"]["provider"] == {"name": "Loop news", "domain": "127.0.0.1", "url": home}
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    latest = json.loads((site / "output" / "feeds" / "latest.json").read_text(encoding="utf-8"))
    assert [item["authors"] for item in latest["items"]] == [[{"name": "Loop news", "url": home}]]
    assert f"<uri>{home}</uri>" in (site / "output" / "feeds" / "latest.xml").read_text(encoding="utf-8")


def test_a_site_on_https_s_own_port_is_its_domain(tmp_path, server, capsys):
    feed = dict(JSON_FEED, home_page_url="https://www.news.example/")
    server.routes["/feed.json"] = Route(json.dumps(feed).encode(), content_type="application/feed+json")
    site = fetch_site(tmp_path / "site", server, ["/feed.json"])
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    assert fetched(site)["One"]["provider"] == {"name": "Loop news", "domain": "news.example"}
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    latest = json.loads((site / "output" / "feeds" / "latest.json").read_text(encoding="utf-8"))
    assert [item["authors"] for item in latest["items"]] == [[{"name": "Loop news", "url": "https://news.example/"}]]
