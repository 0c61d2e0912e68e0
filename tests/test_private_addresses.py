"""Pictures on a reader's own network. A public site's page that loads `http://192.168.1.1/...` (or
169.254.169.254, localhost, a `.local` printer, in any spelling a browser reads as one of them) makes every
reader's browser send a request into their own network. Such pictures, logos, players' files and posters
are left out of every output of a public site, with a warning at their line; links stay links. A site whose
base_url is itself local keeps them (docs/content.md)."""

from __future__ import annotations

import json

import pytest

from conftest import build_said, files_under, html_elements, item, make_site
from generator.fetch.http import is_public_host
from generator.hosts import private_host

PRIVATE = ["127.0.0.1", "127.1", "0x7f.1", "0177.0.0.1", "2130706433", "3232235777", "10.0.0.5", "192.168.1.1",
           "172.16.0.1", "169.254.169.254", "0.0.0.0", "0", "::1", "::ffff:192.168.0.1", "fe80::1", "fc00::1",
           "localhost", "localhost.", "app.localhost", "printer.local", "db.internal", "nas.home.arpa", "router",
           "%31%32%37.0.0.1", "\uff11\uff12\uff17\uff0e\uff10\uff0e\uff10\uff0e\uff11", "LOCALHOST", "100.64.0.1"]
PUBLIC = ["example.com", "example.com.", "8.8.8.8", "1.2.3", "2001:4860:4860::8888", "www.bbc.co.uk",
          "local.example.com", "localhost.example.com", "bücher.example", "0x7f.example", "1.2.3.4.5"]


@pytest.mark.parametrize("host", PRIVATE)
def test_a_host_of_the_readers_own_network_in_any_spelling_is_private(host):
    assert private_host(host)


@pytest.mark.parametrize("host", PUBLIC)
def test_a_public_host_is_not_private(host):
    assert not private_host(host)


@pytest.mark.parametrize("host", ["printer.local", "nas.home.arpa", "db.internal", "router", "0x7f.1"])
def test_fetch_and_pictures_never_ask_a_host_of_the_readers_network(host):
    # (the same rule as the build's, before any DNS lookup: a name no resolver answers for is still private)
    assert not is_public_host(host)


# Each picture's address has a path no output may hold on a public site
PICTURES = {"images": "http://192.168.1.1/secret-1.jpg", "image": "http://0x7f.1/secret-2.jpg",
            "logo": "http://[::1]:8080/secret-3.png", "related": "http://printer.local/secret-4.png",
            "body": "http://169.254.169.254/secret-5.jpg", "poster": "http://3232235777/secret-6.jpg",
            "featured": "http://db.internal/secret-7.mp3", "srcset": "http://localhost/secret-8.jpg"}
LINK = "http://10.9.9.9/router-admin"


def _files(first_line_of_body: str = "") -> dict[str, str]:
    provider = json.dumps({"name": "Wire", "domain": "wire.example", "images": [{"url": PICTURES["logo"]}]})
    related = json.dumps([{"title": "Other take", "url": "https://other.example/x",
                           "provider": {"name": "Other", "domain": "other.example",
                                        "images": [{"url": PICTURES["related"]}]}}])
    body = (f"{first_line_of_body}Intro with a [link to the router]({LINK}).\n\n"
            f"![Router picture]({PICTURES['body']})\n\n"
            f'<video src="https://cdn.example/v.mp4" poster="{PICTURES["poster"]}"></video>\n\n'
            f'<img src="https://cdn.example/ok.jpg" alt="Fine"> <img srcset="{PICTURES["srcset"]} 2x" alt="Lazy">\n')
    return {"content/a.md": item("Router story", provider=provider, related=related,
                                 images=json.dumps([{"url": PICTURES["images"], "width": 800, "height": 600},
                                                    {"url": "https://cdn.example/public.jpg"}]),
                                 featuredContent=json.dumps(f'<audio src="{PICTURES["featured"]}"></audio>'),
                                 body=body),
            "content/b.md": item("Second story", date="2026-11-20T11:00:00Z", image=PICTURES["image"],
                                 webUrl="https://wire.example/b")}


def test_a_public_site_loads_nothing_from_a_readers_network(tmp_path, capsys):
    site = make_site(tmp_path / "site", _files())
    status, said = build_said(site, capsys)
    assert status == 0, said
    outputs = files_under(site / "output")
    kinds = {name.rsplit(".", 1)[-1] for name in outputs}
    assert {"html", "xml", "rss", "json"} <= kinds
    for name, data in outputs.items():
        for marker in ("secret-", "192.168.1.1", "0x7f.1", "169.254.169.254", "printer.local", "db.internal"):
            assert marker.encode() not in data, (name, marker)
    story = next(name for name in outputs if name.startswith("news/") and name.endswith("/a/index.html"))
    text = outputs[story].decode("utf-8")
    assert "Router picture" in text  # (the body's picture shown as its text)
    assert "https://cdn.example/public.jpg" in text and "https://cdn.example/ok.jpg" in text
    links = [element.get("href") for tag, element in html_elements(story, outputs[story]) if tag == "a"]
    assert LINK in links  # (a link is only followed when clicked)
    # (each said at its line, with what to do)
    for where, what in (("content/a.md:6", "`images`: the picture 'http://192.168.1.1/secret-1.jpg' is on "
                                           "192.168.1.1, an address of each reader's own machine or network"),
                        ("content/a.md:4", "`provider`: the picture 'http://[::1]:8080/secret-3.png'"),
                        ("content/a.md:5", "`related`: the picture 'http://printer.local/secret-4.png'"),
                        ("content/a.md:7", "`featuredContent`: the file 'http://db.internal/secret-7.mp3'"),
                        ("content/a.md:11", "the body's picture 'http://169.254.169.254/secret-5.jpg'"),
                        ("content/b.md:4", "`image`: the picture 'http://127.0.0.1/secret-2.jpg'")):
        assert f"warning: {where}: {what}" in said, (where, said)
    assert "give its public address" in said and "`newsdesk serve --base-url http://127.0.0.1:8000/`" in said
    assert "Lazy" in text and "(and 2 more)" in said  # (the body's poster and a lazy picture's srcset too)


def test_a_site_on_the_readers_network_keeps_its_pictures(tmp_path, capsys):
    config = 'title: Intranet News\nbase_url: http://intranet.local:8000/\nnow: "2026-11-22T12:00:00Z"\n'
    site = make_site(tmp_path / "site", _files(), config)
    status, said = build_said(site, capsys)
    assert status == 0 and "reader's own machine" not in said, said
    outputs = files_under(site / "output")
    # (0x7f.1 written as the browser reads it and shows it: 127.0.0.1)
    read = {**PICTURES, "image": PICTURES["image"].replace("0x7f.1", "127.0.0.1")}
    held = {marker for data in outputs.values() for marker in read.values() if marker.encode() in data}
    assert held >= {read["images"], read["image"], read["body"], read["featured"]}


def test_a_public_sites_organization_logo_on_a_readers_network_is_left_out(tmp_path, capsys):
    record = ("---\n_id: wire.example\nname: Wire\nimages:\n  - url: http://10.0.0.7/secret-9.png\n"
              "    width: 50\n    height: 50\n---\n")
    site = make_site(tmp_path / "site", {"content/a.md": item("A story", provider="{name: Wire, domain: wire.example}"),
                                         "data/organizations/wire.example.md": record},
                     'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\ndata_dir: data\n')
    status, said = build_said(site, capsys)
    assert status == 0, said
    assert ("warning: data/organizations/wire.example.md:4: `images`: the logo 'http://10.0.0.7/secret-9.png' is on "
            "10.0.0.7") in said and "give its public address" in said, said
    outputs = files_under(site / "output")
    assert outputs and not [name for name, data in outputs.items() if b"secret-9" in data]


def test_a_body_pictures_warning_is_at_its_line_after_a_link_to_its_host(tmp_path, capsys):
    body = "See [the camera's page](http://192.168.1.1/) first.\n\nMore words.\n\n![Camera](http://192.168.1.1/cam.jpg)\n"
    site = make_site(tmp_path / "site", {"content/a.md": item("Camera", body=body)})
    status, said = build_said(site, capsys)
    assert status == 0, said
    line = item("Camera", body=body).splitlines().index("![Camera](http://192.168.1.1/cam.jpg)") + 1
    assert f"warning: content/a.md:{line}: the body's picture 'http://192.168.1.1/cam.jpg'" in said, said
