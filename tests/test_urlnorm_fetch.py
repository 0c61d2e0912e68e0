"""Fetch's item keys under new URL rules: a link's campaign parameter that urlnorm came to drop (`?CMP=`, `?ncid=`)
changes the key of an entry fetched before; the entry stays the item it was, not a new one."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from pathlib import Path

from conftest import feed_site, fetched
from feed_server import FeedServer, Route
from generator.cli import main
from generator.urlnorm import canonical_url

STRIKE = "https://town.example/2026/11/21/dock-strike?CMP=share_btn_tw"
FERRY = "https://town.example/2026/11/21/ferry-times?ncid=rss"
BRIDGE = "https://town.example/2026/11/21/bridge-closed?utm_source=rss"
FEED = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Town News</title>'
        "<link>https://town.example/</link>"
        f"<item><title>Dock strike called off</title><link>{STRIKE}</link>"
        "<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate></item>"
        f"<item><title>Ferry times change</title><guid>{FERRY}</guid>"
        "<pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate></item>"
        f"<item><title>Bridge closed for repairs</title><link>{BRIDGE}</link>"
        "<pubDate>Sat, 21 Nov 2026 06:00:00 GMT</pubDate></item>"
        "</channel></rss>").encode()


def run(site: Path) -> str:
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, said.getvalue()
    return said.getvalue()


def as_an_earlier_newsdesk_wrote_it(site: Path, keys: dict[str, str]) -> None:
    """The state and files as fetch wrote them when `keys` (now -> then) were their entries' keys: the record
    under the earlier key, the file named by its hash."""
    path = site / "fetch-state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    for now, then in keys.items():
        record = state["items"].pop(now)
        old = site / "content" / record["file"]
        name = f"{old.stem.rsplit('-', 1)[0]}-{hashlib.sha1(then.encode()).hexdigest()[:12]}.md"
        old.rename(old.with_name(name))
        record["file"] = str(Path(record["file"]).with_name(name).as_posix())
        state["items"][then] = record
    path.write_text(json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def test_items_fetched_under_a_links_earlier_key_are_not_fetched_again(tmp_path):
    assert canonical_url(STRIKE) == STRIKE.split("?")[0] and canonical_url(FERRY) == FERRY.split("?")[0]
    with FeedServer() as server:
        server.routes["/news.rss"] = Route(FEED)
        site = feed_site(tmp_path / "site", f"  - {server.url('/news.rss')}\n")
        run(site)
        # Before `CMP` and `ncid` were dropped, the keys kept them (utm_source was dropped already)
        as_an_earlier_newsdesk_wrote_it(site, {canonical_url(STRIKE): STRIKE, canonical_url(FERRY): FERRY})
        files = sorted((site / "content" / "fetched").rglob("*.md"))
        assert len(files) == 3
        ferry = next(path for path in files if "ferry" in path.name)
        ferry.unlink()  # deleted by hand: it stays deleted
        kept = {path: path.read_bytes() for path in files if path != ferry}
        said = run(site)
        assert "1 source, 0 new, 0 updated, 3 unchanged, 0 failed" in said, said
        assert {path: path.read_bytes() for path in sorted((site / "content" / "fetched").rglob("*.md"))} == kept
        assert sorted(fetched(site)) == ["Bridge closed for repairs", "Dock strike called off"]
        items = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))["items"]
        assert sorted(items) == sorted(canonical_url(url) for url in (STRIKE, FERRY, BRIDGE))  # known by the new keys
        assert not items[canonical_url(FERRY)].get("file")  # (its tombstone)
        said = run(site)
        assert "1 source, 0 new, 0 updated, 3 unchanged, 0 failed" in said, said
