"""Addresses too long to be links (content -> every output): a crawler's runaway URL in a field or a body was
written whole into the page, the feeds, the API and the search index. Past MAX_URL (8,192 characters) an
address is no link: the story stays, said at the line to fix; and no sitemap lists a URL past 2,048."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import build_said, cpu_seconds, item, make_site
from generator.site.markup import sanitize, too_long_address

LONG = "https://example.com/" + "a" * 20_000
FIT = "https://example.com/" + "f" * 8_000  # (long, but an address servers answer)
RUN = "a" * 100  # what any output holding a piece of LONG holds


def test_an_address_too_long_is_no_link_and_the_story_stays(tmp_path, capsys):
    fields = {"webUrl": LONG, "originalUrl": LONG, "ampWebUrl": LONG, "cdnAmpWebUrl": LONG,
              "provider": f"\n  name: Prov\n  domain: prov.example\n  images:\n    - url: {LONG}.png",
              "images": f"\n  - url: {LONG}.jpg\n  - url: https://ok.example/p.jpg",
              "related": f"\n  - title: Gone\n    url: {LONG}/r\n  - title: Kept\n    url: https://ok.example/r",
              "body": f"Body [its link]({LONG}/b) and ![a picture]({LONG}/i.png) and <a href=\"{LONG}\">html</a>."}
    site = make_site(tmp_path / "site", {"content/long.md": item("Long addresses", **fields),
                                         "content/fits.md": item("Fits", webUrl=FIT)})
    status, said = build_said(site, capsys)
    assert status == 0
    out = site / "output"
    files = [path for path in out.rglob("*") if path.is_file() and path.suffix in (".html", ".xml", ".rss", ".json")]
    assert len(files) > 10
    holding = [path.relative_to(out).as_posix() for path in files if RUN in path.read_text(encoding="utf-8")]
    assert holding == [], holding
    page = (out / "news/2026/11/20/long/index.html").read_text(encoding="utf-8")
    assert "Long addresses" in page and "its link" in page and "a picture" in page and "Kept" in page
    assert "https://ok.example/p.jpg" in page and "Gone" not in page
    assert FIT in (out / "news/2026/11/20/fits/index.html").read_text(encoding="utf-8")
    for line, key in ((4, "webUrl"), (5, "originalUrl"), (6, "ampWebUrl"), (7, "cdnAmpWebUrl")):
        assert (f"warning: content/long.md:{line}: `{key}` is an address of 20,020 characters, more than the 8,192 "
                "one may have") in said, said
    assert "warning: content/long.md:8: `provider`: 1 entry has a `url` that is an address of 20,024" in said
    assert "warning: content/long.md:13: `images`: 1 entry has a `url` that is an address of 20,024" in said
    assert "warning: content/long.md:16: `related`: 1 entry has a `webUrl` that is an address of 20,022" in said
    assert ("warning: content/long.md:22: the body has a link or picture whose address is 20,022 characters long"
            in said), said
    assert "fits.md" not in said


def test_no_sitemap_lists_an_address_past_what_the_protocol_allows(tmp_path, capsys):
    """The sitemaps protocol takes a <loc> of 2,048 characters at most: the site's own page addresses, made of
    slugs of 80 characters at most, stay far below it however long a title, file name or `slug:` is."""
    name = "x" * 200
    site = make_site(tmp_path / "site", {f"content/{name}.md": item("T " * 900, slug="s" * 3000,
                                                                     topics=f"[{'Topic ' * 300}]"),
                                         "content/b.md": item("W" * 5000, provider="P" * 3000)})
    status, _ = build_said(site, capsys)
    assert status == 0
    sitemaps = list((site / "output").glob("sitemap*.xml"))
    locs = [loc.text for path in sitemaps for loc in ET.parse(path).iter() if loc.tag.endswith("loc")]
    assert len(locs) > 5
    assert max(map(len, locs)) <= 120, max(locs, key=len)
    assert all(re.fullmatch(r"https://example\.org/[a-z0-9/_.-]*", loc) for loc in locs), locs


@pytest.mark.slow
def test_looking_for_a_long_address_costs_time_in_proportion_to_the_body(tmp_path):
    """Runs just short of the limit (no address in them is too long), of `](` or `href="`, read from each of
    their characters would cost the square of the body's length; looking at each run once, twice the body is
    about twice the time."""
    def cost(runs: int) -> float:
        bodies = [(piece * (8_000 // len(piece)) + " ") * runs for piece in ("](", 'href="', "a")]
        start = cpu_seconds()
        for body in bodies:
            assert too_long_address(body) is None
            sanitize(f"<p>{body}</p>")
        return cpu_seconds() - start
    small, large = cost(40), cost(160)
    assert large < 8 * small + 0.5, (small, large)
