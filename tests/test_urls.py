"""Addresses crawlers write, read as a browser reads them: the same in front matter and in bodies, and one
normalised form in every output (pages, feeds, the API). Only http and https addresses come out."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import build_site, make_site
from generator.site.markup import render_markdown
from generator.urls import field_url, valid_url

# What a browser reads as https://f.example/x, written as crawlers write it
BROWSER_READS = [
    "https:\\\\f.example\\x", "https:\\f.example\\x", "https:/f.example/x", "https:f.example/x",
    "https:///f.example/x", "https:/\\f.example/x", "HTTPS://f.example/x", "HtTpS:f.example/x", " https://f.example/x ",
    "\x01https://f.example/x\x1f",
    "\u00a0https://f.example/x\n", "ht\ttps://f.example/x", "htt\nps://f.example/x", "https:\t//f.example/x",
    "https://f.example\\x", "//f.example/x", "https://user:pass@f.example/x", "https:\\\\user:pw@f.example\\x",
    "https://F.Example/x", "HTTPS:\\\\F.EXAMPLE\\x",
]
# Never an address on the site: other schemes however written, and what only looks like a host
REFUSED = [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "\x01javascript:alert(1)", "java\nscript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd", "https:javascript:alert(1)", "https://", "https:", "https:\\\\", "ftp://f.example/x",
    "https://f.example:99999/x", "https://f.example:0/x", "https://[::1/x",
    # hosts the URL standard fails on: no browser goes there, and no picture there loads
    "https://256.256.256.256/x", "https://1.2.3.4.5/x", "https://news.123/x", "https://f.0x/x", "https://08.1.1.1/x",
    "https://4294967296/x", "https://xn--e-vil-x.example/x", "https://xn--a.example/x", "https://a%20b.example/x",
    "https://a|b.example/x", "https://ex%zzmple.example/x", "https://x%ffy.example/x", "https://a\uff0fb.example/x",
    "https://:80/x", "https://\u00ad/x", "https://\u200b%C2%AD/x",  # (no host at all, once IDNA ignores these)
]
# Hosts a browser reads, however odd: kept as they are
ODD_HOSTS = ["https://1.2.3.4/x", "https://[::1]/x",
             "https://123.example/x", "https://www.0xdeadbeef.example/x", "https://a_b.example/x", "https://a*b.example/x",
             "https://xn--bcher-kva.example/x", "https://xn--ls8h.example/x",
             "https://b\u00fccher.example/x", "https://example.:8080/x", "https://9.example.0a/x"]
# Hosts a browser reads as another spelling, which its address bar shows: written so, that what a reader is shown
# of the address is where it goes (the forms node's URL parser gives: test_hosts_are_written_as_node_reads_them)
RESPELT_HOSTS = [
    ("https://ex%41mple.example/x", "https://example.example/x"), ("https://EX%41MPLE.example:8080/x",
                                                                   "https://example.example:8080/x"),
    ("https://0x7f.1/x", "https://127.0.0.1/x"), ("https://017.0.0.1/x", "https://15.0.0.1/x"),
    ("https://2130706433/x", "https://127.0.0.1/x"), ("https://1.2.3.4./x", "https://1.2.3.4/x"),
    ("https://%31%32%37.1/x", "https://127.0.0.1/x"), ("https://127.0.0.0xff/x", "https://127.0.0.255/x"),
    ("https://\uff11\uff12\uff17\uff0e\uff10\uff0e\uff10\uff0e\uff11/x", "https://127.0.0.1/x"),
    ("https://u:p@0X7F.1:99/x?y#z", "https://127.0.0.1:99/x?y#z"), ("https:0x7f.1/x", "https://127.0.0.1/x"),
]


@pytest.mark.parametrize("written", BROWSER_READS)
def test_an_address_a_browser_reads_as_https_is_kept_in_its_one_form(written):
    assert field_url(written) == "https://f.example/x"


def test_a_backslash_in_the_host_ends_it_as_a_browser_ends_it():
    """`https://a\\@b/` is a path on a, not a login at b: a browser ends the host at the backslash."""
    assert field_url("https://a.example\\@evil.example/x") == "https://a.example/@evil.example/x"
    assert field_url("https://a.example/p\\q?r\\s") == "https://a.example/p/q?r%5Cs"  # (the query's is encoded)


@pytest.mark.parametrize("written, read", [
    ("https://BÜCHER.Example/Ü", "https://bücher.example/Ü"), ("HTTPS://Ü.example/x", "https://ü.example/x"),
    ("https://ÜBER:Pw@ÖL.example/x", "https://öl.example/x"),
    ("https://NEWS.ΑΣ/x", "https://news.ασ/x"),  # (letter by letter, as IDNA maps it: no final sigma)
])
def test_a_host_outside_ascii_is_in_lower_case_too(written, read):
    assert field_url(written) == read
    page = render_markdown(f'<a href="{html.escape(written)}">link</a> <img src="{html.escape(written)}" alt="p">')
    assert page.count(f'="{read}"') == 2, page


@pytest.mark.parametrize("written", REFUSED)
def test_an_address_of_another_scheme_is_refused_however_it_is_written(written):
    assert field_url(written) == ""
    page = render_markdown(f'<a href="{html.escape(written)}">link</a> <img src="{html.escape(written)}" alt="p">')
    assert "link" in page and "href" not in page and "src" not in page


@pytest.mark.parametrize("written", ODD_HOSTS)
def test_an_address_whose_host_a_browser_reads_is_kept_however_odd(written):
    assert field_url(written) == written
    page = render_markdown(f'<a href="{html.escape(written)}">link</a> <img src="{html.escape(written)}" alt="p">')
    assert page.count(f'="{html.escape(written)}"') == 2, page


@pytest.mark.parametrize("written, read", RESPELT_HOSTS)
def test_a_host_is_written_as_the_browser_reads_it_escapes_read_and_ipv4_in_its_one_form(written, read):
    """`https://ex%41mple.example/` was shown as ex%41mple.example, and `0x7f.1` as written, while the browser goes
    to example.example and 127.0.0.1: a field, a body's link and its picture are written as the browser reads them."""
    assert field_url(written) == read
    page = render_markdown(f'<a href="{html.escape(written)}">link</a> <img src="{html.escape(written)}" alt="p">')
    assert page.count(f'="{html.escape(read)}"') == 2, page


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("node"), reason="node is not installed")
def test_hosts_are_written_as_node_reads_them():
    """The URL standard's parser (node's WHATWG URL) reads every odd host alike (ASCII ones: IDNA's ASCII form of a
    host outside ASCII is what node writes, newsdesk shows its letters); a body's reading, which keeps a login."""
    written = [w for w, _ in RESPELT_HOSTS] + [w for w in ODD_HOSTS if w.isascii()]
    script = "for (const u of JSON.parse(process.argv[1])) console.log(new URL(u).href)"
    node = subprocess.run(["node", "-e", script, json.dumps(written)], capture_output=True, text=True, check=True)
    assert len(written) > 20 and [valid_url(w) for w in written] == node.stdout.splitlines()


@pytest.mark.parametrize("written", BROWSER_READS + ["https://a.example\\@evil.example/x", "http:F.example:8080/x"])
def test_a_body_reads_an_address_as_front_matter_does(written):
    page = render_markdown(f'<a href="{html.escape(written)}">link</a>')
    assert re.search(r'href="([^"]*)"', page)[1] == html.escape(field_url(written)), page


@pytest.mark.parametrize("written", ["https:f.example/x", "HTTPS:/f.example/x", "https:\\f.example\\x"])
def test_a_body_s_scheme_without_slashes_names_the_host_on_a_page_of_that_scheme_too(written):
    """On the provider's https page a browser reads `https:f.example/x` as its own path a/f.example/x (and
    `https:/f.example/x` as /f.example/x): a page the writer did not mean. The address is read one way wherever it
    stands (a field, a feed, a body without its page): the host it names, where the writer's link goes."""
    page = render_markdown(f'<a href="{html.escape(written)}">link</a> <img src="{html.escape(written)}" alt="p">',
                           base="https://p.example/a/b.html")
    assert page.count('="https://f.example/x"') == 2, page


def item(title: str, n: int, written: str) -> str:
    other = lambda name: re.sub(r"x(?=[\s\x00-\x1f]*$)", name, written)  # noqa: E731 (the path `x` is `name`)
    meta = {
        "title": title, "publishedDateTime": f"2026-11-{n + 1:02}T10:00:00Z",
        "originalUrl": written, "webUrl": written, "ampWebUrl": written, "cdnAmpWebUrl": written,
        "provider": {"name": f"P {title}", "domain": f"{title.replace(' ', '-')}.example",
                     "images": [{"url": other("logo.png")}]},
        "images": [{"url": other("hero.jpg"), "width": 800, "height": 400}],
        "related": [{"title": f"Other {n}", "url": other("other")}],
    }
    return "---\n" + json.dumps(meta) + "\n---\n" + f'Body <a href="{html.escape(written)}">there</a>\n'


# An http(s) address however written, with a percent-encoded control or space before it (a relative link)
_HTTP_ANYHOW = re.compile(r"(?i)(?:%(?:0[0-9A-F]|1[0-9A-F]|20|C2%A0))?https?:[^\s\"'<>]*")


class _Addresses(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in ("href", "src", "content") and value]


def test_every_output_carries_the_one_form_of_an_address_written_as_a_browser_reads_it(tmp_path):
    files = {f"content/s{n}.md": item(f"Story {n}", n, written) for n, written in enumerate(BROWSER_READS)}
    files.update({f"content/r{n}.md": item(f"Refused {n}", n % 20, written) for n, written in enumerate(REFUSED)})
    site = make_site(tmp_path / "site", files, 'title: U\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n'
                                                  "items_per_page: 100\n")
    config, result = build_site(site)
    out = config.output_path
    warned = "\n".join(map(str, result.site.warnings))
    assert not re.search(r"content/s[0-9]+\.md", warned), warned  # (none is refused)
    for n, written in enumerate(REFUSED):
        said = ("is an http(s) address no browser can open" if written.lower().startswith("https:")
                else "is not an http or https URL")
        assert f"content/r{n}.md:1: `webUrl` {said}" in warned, (written, warned)
    news = {entry["title"]: entry for entry in json.loads((out / "api/news/index.json").read_text("utf-8"))["news"]}
    assert len(news) == len(BROWSER_READS) + len(REFUSED)  # (each item is kept, without what it cannot have)
    wanted = {f"https://f.example/{name}" for name in ("x", "logo.png", "hero.jpg", "other")}
    for n in range(len(BROWSER_READS)):
        page = _Addresses()
        page.feed((out / news[f"Story {n}"]["path"] / "index.html").read_text("utf-8"))
        assert wanted <= set(page.found), (BROWSER_READS[n], sorted(page.found))
    outputs = {path.relative_to(out).as_posix(): path.read_text("utf-8") for path in out.rglob("*")
               if path.suffix in (".html", ".xml", ".rss", ".json") and path.is_file()}
    for rel in ("feeds/latest.xml", "feeds/latest.json", "api/news/index.json"):
        assert "https://f.example/x" in outputs[rel], rel
    odd = []
    for rel, text in outputs.items():
        for text in (text, html.unescape(text), text.replace("\\\\", "\\")):
            # (every http(s) address written `https://host`, in lower case, none with a backslash or a space or
            # a control before it, nor of a refused scheme)
            odd += [f"{rel}: {m.group()!r}" for m in _HTTP_ANYHOW.finditer(text)
                    if not re.match(r"https?://[^/\\]", m.group()) or "\\" in m.group()]
            odd += [f"{rel}: {m.group()!r}" for m in re.finditer(r"(?i)(?:java|vb)\s*script:|data:text", text)]
    assert not odd, "\n".join(odd[:20])



def test_a_feed_s_picture_addresses_are_read_as_front_matter_s():
    """`newsdesk fetch` reads a feed's pictures as the build reads an item's: the same address in the same form
    (and its links: tests/test_fetch_links.py)."""
    from generator.fetch.parse import parse_feed

    forms = ["https:/f.example/x", "HTTPS:\\\\f.example\\x", "https:f.example/x", " https://f.example/x",
             "javascript:alert(1)"]
    items = "".join(f"<item><title>T{n}</title><link>{html.escape(written)}</link>"
                    f'<enclosure url="{html.escape(written)}.jpg" type="image/jpeg"/></item>'
                    for n, written in enumerate(forms))
    feed = parse_feed(("<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>"
                       f"<link>https://g.example/</link>{items}</channel></rss>").encode(), "https://g.example/feed")
    pictures = {entry.title: [image.url for image in entry.images] for entry in feed.entries}
    assert pictures == {"T0": ["https://f.example/x.jpg"], "T1": ["https://f.example/x.jpg"],
                        "T2": ["https://f.example/x.jpg"], "T3": ["https://f.example/x.jpg"], "T4": []}
    assert {entry.title: entry.link for entry in feed.entries}["T3"] == "https://f.example/x"
    assert {entry.title: entry.link for entry in feed.entries}["T4"] == ""
