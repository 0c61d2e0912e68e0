"""`newsdesk serve` hardened: it answers only requests for its own names (DNS rebinding), starts warm
from the build cache on disk, and starts its worker processes safely. Real sockets, real processes."""

from __future__ import annotations

import shutil
import socket

import pytest
from conftest import clean_build, files_under, make_site
from test_server import TIMEOUT, edit, get, start, wait_for

from generator.serve.routes import host_allowed


def raw_request(port: int, path: str, host: str | None) -> tuple[int, bytes]:
    """One HTTP/1.1 request written byte by byte (Host as given, or none); the status and the body."""
    head = f"GET {path} HTTP/1.1\r\n" + (f"Host: {host}\r\n" if host is not None else "") + "Connection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as connection:
        connection.sendall(head.encode("latin-1"))
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    status_line, _, rest = data.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from test_server import CONFIG, ITEMS
    from conftest import make_site

    dev = start(make_site(tmp_path_factory.mktemp("hosts") / "site", ITEMS, CONFIG))
    yield dev
    dev.stop()


PATHS = ["/repo/", "/repo/feeds/latest.xml", "/__newsdesk/livereload.js", "/__newsdesk/livereload?since=-1&server=x"]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "localhost.evil.example:{port}",
                                  "127.0.0.1.nip.io:{port}", "evil.example@127.0.0.1:{port}", "", None,
                                  "127.0.0.1:{port}/x", "local host"])
def test_a_request_for_another_host_is_refused(served, host):
    for path in PATHS:
        status, body = raw_request(served.port, path, None if host is None else host.format(port=served.port))
        assert status == 403, (host, path)
        assert b"DNS rebinding" in body and served.url.encode() in body
        assert b"Serve Test News" not in body and b'"epoch"' not in body and b"livereload" not in body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "[::1]:{port}",
                                  "localhost", "app.localhost:{port}", "localhost.:{port}", "10.1.2.3:{port}"])
def test_a_request_for_a_loopback_name_or_an_address_is_served(served, host):
    status, body = raw_request(served.port, "/repo/", host.format(port=served.port))
    assert status == 200 and b"<title>Serve Test News</title>" in body
    status, body = raw_request(served.port, "/__newsdesk/livereload.js", host.format(port=served.port))
    assert status == 200 and body
    status, body = raw_request(served.port, "/__newsdesk/livereload?since=-1&server=x", host.format(port=served.port))
    assert status == 200 and b'"epoch"' in body
    assert get(served, "/repo/")[0] == 200  # (http.client sends Host: 127.0.0.1:PORT)


@pytest.mark.parametrize("header, bind, allowed", [
    ("preview.lan:8000", "preview.lan", True), ("PREVIEW.LAN", "preview.lan", True),
    ("preview.lan.evil.example", "preview.lan", False), ("evil.example", "0.0.0.0", False),
    ("192.168.1.20:8000", "0.0.0.0", True), ("[fe80::1]:8000", "::", True), ("evil.example", "", False),
])
def test_the_name_serve_was_started_on_is_served_too(header, bind, allowed):
    assert host_allowed(header, bind) is allowed


# --- a warm start ------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_serve_starts_warm_on_a_site_already_built_and_serves_what_a_full_build_makes(tmp_path):
    from generator.cli import main
    from test_server import CONFIG, ITEMS

    root = make_site(tmp_path / "site", ITEMS, CONFIG)
    assert main(["build", "--config", str(root / "config.yaml")]) == 0  # leaves .newsdesk-cache/ behind
    dev = start(root)
    try:
        first = dev.rebuilds[0]
        assert first.pages > 10 and not first.error
        assert (first.rendered, first.written) == (0, 0)  # nothing parsed again, nothing rendered again
        served = files_under(root / "output")
    finally:
        dev.stop()
    assert served == clean_build(root, tmp_path / "fresh")

    # Cold (no cache on disk), serve renders every page: what the warm start saved.
    shutil.rmtree(root / ".newsdesk-cache")
    dev = start(root)
    try:
        assert dev.rebuilds[0].rendered == dev.rebuilds[0].pages
    finally:
        dev.stop()


def test_serve_leaves_its_cache_for_the_next_build(tmp_path):
    from test_server import CONFIG, ITEMS

    root = make_site(tmp_path / "site", ITEMS, CONFIG)
    dev = start(root)
    dev.stop()
    before = files_under(root / "output")
    from generator.build.pipeline import BuildOptions, build
    from generator.build.cache import BuildCache
    from generator.config.load import load_config

    config = load_config(root / "config.yaml")
    result = build(config, BuildOptions(workers=1), cache=BuildCache.load(root))
    assert result.rendered == 0 and result.written.written == 0
    assert files_under(root / "output") == before


# --- worker processes ---------------------------------------------------------------------------------------

_FORKS = r"""
import json, os, sys, threading, time
from pathlib import Path
forks = []  # (threads alive, their names) at each fork
os.register_at_fork(before=lambda: forks.append((threading.active_count(), [t.name for t in threading.enumerate()])))
from generator.build.pipeline import BuildOptions
from generator.config.load import load_config
from generator.serve.server import DevServer

config_file = Path(sys.argv[1])
dev = DevServer(lambda: load_config(config_file), BuildOptions(workers=2), config_file, port=0, quiet=0.05,
                echo=lambda *args, **kwargs: None)
dev.start()
first = len(forks)
text = config_file.read_text()
config_file.write_text(text.replace("title: ", "title: Renamed ", 1))  # every page is made again
deadline = time.monotonic() + 60
while (len(dev.rebuilds) < 2 or not dev.idle) and time.monotonic() < deadline:
    time.sleep(0.05)
dev.stop()
print(json.dumps({"first": first, "forks": forks, "rebuilds": len(dev.rebuilds),
                  "rendered": [r.rendered for r in dev.rebuilds], "errors": [r.error for r in dev.rebuilds]}))
"""


@pytest.mark.slow
def test_serve_forks_its_workers_only_while_it_has_no_other_thread(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from conftest import ROOT, write_corpus

    config_file = write_corpus(300, tmp_path / "site", seed=3)  # more pages than one task renders
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    # Python 3.12+ warns of a fork while threads run ("-W error" cannot make that warning fatal: it is shown
    # or dropped), and os.register_at_fork sees every fork on any version.
    done = subprocess.run([sys.executable, "-W", "always::DeprecationWarning", "-c", _FORKS, str(config_file)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["rebuilds"] == 2 and report["errors"] == ["", ""]
    assert report["rendered"][1] == report["rendered"][0] > 300  # the config edit made every page again
    assert report["first"] > 0  # the first build did fork its helpers
    threaded = [names for count, names in report["forks"] if count > 1]
    assert threaded == [], f"forked while these threads ran: {threaded[0]}"
    assert "multi-threaded" not in done.stderr


@pytest.mark.slow
def test_an_edit_made_before_the_watch_began_is_built(tmp_path):
    # serve watches only once its first build is done (the watcher's threads would be forked with the helpers);
    # an item saved in between (here: as the first build's summary is printed) is found and built all the same.
    from test_server import CONFIG, ITEMS

    root = make_site(tmp_path / "site", ITEMS, CONFIG)
    story = root / "content/news/robots.md"

    def echo(text, error=False):
        if text.startswith("Built "):
            edit(story, "Robots learn to fold laundry", "Robots learn to fold shirts")

    dev = start(root, echo=echo)
    try:
        wait_for(lambda: b"Robots learn to fold shirts" in get(dev, "/repo/")[2], "the edit to be built")
        wait_for(lambda: len(dev.rebuilds) > 1 and dev.idle, "the rebuild to be recorded")  # served before recorded
        assert [r.paths for r in dev.rebuilds[1:]] == [("content/news/robots.md",)]
    finally:
        dev.stop()
