"""A feed that is slow to read (feedparser's e-mail pattern takes minutes over a long run of letters and dots
in an author's value, kurtmckee/feedparser#562) fails alone when it passes `fetch.parse_timeout`: the run
goes on, and the other sources are written."""

from __future__ import annotations

import pytest

from conftest import feed_site, fetched
from feed_server import Route
from generator.cli import main

GOOD = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Times</title><link>https://harbour.example/</link>
<item><title>Ferry returns to the harbour</title><link>https://harbour.example/ferry</link>
  <author>Jane Doe (jane@example.org)</author>
  <pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate><description>The ferry is back.</description></item>
<item><title>Council opens the new bridge</title><link>https://harbour.example/bridge</link>
  <author>jane@example.org (Jane)</author>
  <pubDate>Sat, 21 Nov 2026 09:00:00 GMT</pubDate><description>Cars may cross it.</description></item>
<item><title>Market hall reopens</title><link>https://harbour.example/market</link>
  <dc:creator>Sam Roe</dc:creator>
  <pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate><description>Stalls are back.</description></item>
</channel></rss>
"""


def hostile() -> bytes:
    """Each entry's author is a run of letters and dots, split by an empty CDATA section (which a scan of
    the bytes would take for the end of the run; the parser joins the two halves)."""
    half = "a." * 50_000
    entries = "".join(
        f"<item><title>Slow {n}</title><link>https://slow.example/{n}</link>"
        f"<author>a@{half}<![CDATA[]]>{half}!</author><dc:creator>b@{half}!</dc:creator></item>" for n in range(5))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>Slow</title>{entries}</channel></rss>").encode()


@pytest.mark.slow
def test_a_feed_slower_to_read_than_the_limit_fails_alone_and_the_others_are_written(tmp_path, server, capsys):
    # The limit holds for the good feed too: 3 s, hundreds of times what it takes to read (a second was a race with
    # the load). It answers once the slow one has been stopped: the process that replaced it reads it.
    server.routes.update({"/slow.xml": Route(hostile()), "/good.xml": Route(GOOD, delay=3.5)})
    site = feed_site(tmp_path / "site", f"  - {server.url('/slow.xml')}\n  - {server.url('/good.xml')}\n",
                     fetch="  parse_timeout: 3\n")
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 1 and out.strip() == "2 sources, 3 new, 0 updated, 0 unchanged, 1 failed"
    lines = (site / "config.yaml").read_text(encoding="utf-8").splitlines()
    where = lines.index(f"  - {server.url('/slow.xml')}") + 1
    assert [line for line in err.splitlines() if line.startswith("failed: ")] == [
        f"failed: config.yaml:{where}: {server.url('/slow.xml')}: reading the feed took longer than fetch.parse_timeout "
        f"(3 s), so it was stopped: it is very large, or made to be slow to read (a value, an element or an attribute "
        f"repeated so often or so long that the parser's time grows faster than the feed); raise fetch.parse_timeout "
        f"if you trust the feed, else remove the source"]
    items = fetched(site)
    assert sorted(items) == ["Council opens the new bridge", "Ferry returns to the harbour", "Market hall reopens"]
    assert not any(title.startswith("Slow") for title in items)


def test_authors_with_their_e_mail_addresses_read_as_their_names(tmp_path, server, capsys):
    server.routes["/good.xml"] = Route(GOOD)
    site = feed_site(tmp_path / "site", f"  - {server.url('/good.xml')}\n")
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
    items = fetched(site)
    assert {title: meta.get("author") for title, meta in items.items()} == {
        "Ferry returns to the harbour": "Jane Doe", "Council opens the new bridge": "Jane",
        "Market hall reopens": "Sam Roe"}


@pytest.mark.parametrize("value", ["0", "-1", "100000"])
def test_a_parse_timeout_that_bounds_nothing_is_refused_at_its_line(tmp_path, server, capsys, value):
    site = feed_site(tmp_path / "site", f"  - {server.url('/good.xml')}\n", fetch=f"  parse_timeout: {value}\n")
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 2
    err = capsys.readouterr().err
    assert "config.yaml:7: `fetch.parse_timeout` must be" in err
    assert not server.requests
