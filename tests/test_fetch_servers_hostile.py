"""`newsdesk fetch` against feed servers that are hostile or broken at the HTTP level: an answer whose
headers never end, a body compressed over and over, a redirect to what no client can ask, and a fetch killed
half way. Every server is on 127.0.0.1, started by the test."""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
import warnings
import zlib

import pytest

from conftest import FEED, ROOT, fetched, make_site, run_fetch
from feed_server import Route
from generator.fetch.http import Client, Settings


def listening(answer) -> tuple[socket.socket, str, threading.Event]:
    """A server on 127.0.0.1 that reads each request and gives `answer(connection, stop)` the connection."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            connection.recv(65536)
            threading.Thread(target=answer, args=(connection, stop), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return listener, f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml", stop


def trickled_headers(connection: socket.socket, stop: threading.Event) -> None:
    """A status line, then a header a byte at a time that never ends (each byte well within the timeout)."""
    try:
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Padding: ")
        while not stop.is_set():
            connection.sendall(b"x")
            time.sleep(0.05)
    except OSError:
        pass
    connection.close()


@pytest.mark.slow
def test_a_server_whose_headers_trickle_past_the_timeout_fails_and_the_others_are_fetched(tmp_path, server, capsys):
    """`fetch.timeout` bounded the body of an answer, but not its headers: a server that sent a byte of a header
    every moment held fetch for hours (until 16 kB of header), and a scheduled run with it. The whole answer is
    bounded now; the feed fails with what happened, and the other feeds are fetched."""
    server.routes["/good.xml"] = Route(FEED)
    listener, url, stop = listening(trickled_headers)
    site = make_site(tmp_path / "site", {}, f"title: T\nbase_url: https://example.org/\nfetch:\n  timeout: 1\n"
                     f"  retries: 0\nsources:\n  - {url}\n  - {server.url('/good.xml')}\n")
    started = time.monotonic()
    try:
        code, out, err = run_fetch(site, capsys)
    finally:
        stop.set()
        listener.close()
    assert time.monotonic() - started < 15, "the trickling headers held fetch up"
    assert code == 1 and out.strip() == "2 sources, 2 new, 0 updated, 0 unchanged, 1 failed", out + err
    assert (f"failed: config.yaml:7: {url}: timed out: no answer within 1 s; tried again on the next fetch; "
            f"raise fetch.timeout if the feed is just slow") in err, err
    assert sorted(fetched(site)) == ["One", "Two"]


def good_then_trickled(connection: socket.socket, stop: threading.Event) -> None:
    """On one kept-alive connection: the feed, then headers that never end for whatever is asked next."""
    try:
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: %d\r\n\r\n"
                           % len(FEED) + FEED)
        connection.recv(65536)
        trickled_headers(connection, stop)
    except OSError:
        pass


@pytest.mark.slow
def test_headers_that_trickle_on_a_connection_kept_alive_are_cut_off_too():
    """A server may answer one feed and trickle the next on the same connection, which fetch keeps for the
    host's next feed: that one is bounded by `fetch.timeout` as well."""
    listener, url, stop = listening(good_then_trickled)
    try:
        with Client(Settings(timeout=1, retries=0)) as client:
            first = client.get(url)
            started = time.monotonic()
            second = client.get(url.replace("feed.xml", "other.xml"))
            waited = time.monotonic() - started
    finally:
        stop.set()
        listener.close()
    assert (first.status, first.body) == ("ok", FEED)
    assert (second.status, second.message) == ("failed", "timed out: no answer within 1 s; tried again on the next "
                                                          "fetch; raise fetch.timeout if the feed is just slow")
    assert waited < 10, "the trickling headers held fetch up"


def zeros_compressed(size: int) -> bytes:
    """`size` zero bytes, gzip-compressed a megabyte at a time (never all of them in memory)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    megabyte = bytes(1024 * 1024)
    return b"".join(packer.compress(megabyte) for _ in range(size // len(megabyte))) + packer.flush()


def test_a_feed_compressed_twice_over_is_refused_before_it_is_unpacked(server):
    """`Content-Encoding: gzip, gzip` (and so on) is unpacked by httpx one piece of the answer at a time, but each
    piece through every layer at once: 650 bytes became 300 MB in memory before fetch.max_bytes was looked at, and
    20 kB would be gigabytes (fetch killed for its memory, every feed lost). No server compresses a feed twice
    but to do that: such an answer fails, said so, before any of it is unpacked."""
    bomb = zlib.compress(zeros_compressed(64 * 1024 * 1024), 9)  # (deflate over gzip: 64 MiB from ~300 bytes)
    server.routes["/bomb.xml"] = Route(bomb, headers={"Content-Encoding": "gzip, deflate"})
    tracemalloc.start()
    try:
        with Client(Settings(timeout=10, retries=0, max_bytes=1024 * 1024)) as client:
            answer = client.get(server.url("/bomb.xml"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, f"{peak:,} bytes in memory"
    assert answer.status == "failed"
    assert answer.message == ("the feed is compressed 2 times over (Content-Encoding: gzip, deflate), which no "
                              "server does but to unpack to more than it can be read in; ask the site to compress "
                              "it once, or remove the source")



@pytest.mark.parametrize("coding", ["br", "zstd", "compress"])
def test_a_feed_in_a_compression_fetch_did_not_ask_for_is_refused_with_what_to_do(server, coding):
    """httpx asks for and unpacks brotli and zstd when their libraries happen to be installed, and one piece of
    either unpacks to far more than gzip's before fetch.max_bytes is looked at. fetch asks for gzip and deflate
    only, which it bounds; an answer in another compression, sent all the same, fails with what to do (without
    the library it was read as the feed itself: "neither XML nor JSON", or worse, garbage as text)."""
    server.routes["/packed.xml"] = Route(b"\x0b\x02\x80<rss/>\x03", headers={"Content-Encoding": coding})
    with Client(Settings(timeout=10, retries=0)) as client:
        answer = client.get(server.url("/packed.xml"))
    assert server.asked("/packed.xml"), "the server was not asked"
    assert all(sent["accept-encoding"] == "gzip, deflate" for sent in server.asked("/packed.xml"))
    assert answer.status == "failed"
    assert answer.message == (f"the feed is compressed as {coding!r} (Content-Encoding), which fetch did not ask "
                              f"for: it asks for gzip or deflate, whose size it bounds; ask the site to serve "
                              f"gzip or no compression, or remove the source")


UNDATED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>U</title><link>https://u.example/</link>
<item><title>Dated</title><link>https://u.example/1</link><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>
<description>First.</description></item>
<item><title>Undated</title><link>https://u.example/2</link><description>Second.</description></item>
</channel></rss>
"""


@pytest.mark.slow
def test_a_fetch_killed_half_way_leaves_files_the_next_fetch_knows_as_its_own(tmp_path, server, capsys):
    """The state file was written once, at the end: a fetch killed after writing a feed's items (a CI job
    cancelled, `timeout`, the machine's OOM killer) left files it had no record of. The next fetch, at a later
    time, would write an undated entry's file with its own first-seen time, found the file different, and left
    it alone for good ("not written by fetch as far as its state file knows"): never updated, and said at every
    fetch. What a killed fetch wrote is known to the next one now, and updated as the feed changes."""
    server.routes["/u.xml"] = Route(UNDATED)
    server.routes["/other.xml"] = Route(FEED)
    hanging = socket.socket()  # (a second source that never answers: the fetch is killed while it waits)
    hanging.bind(("127.0.0.1", 0))
    hanging.listen()
    config = ("title: T\nbase_url: https://example.org/\nnow: \"{now}\"\nfetch:\n  timeout: 60\n  retries: 0\n"
              "sources:\n  - " + server.url("/u.xml") + "\n  - {second}\n")
    site = make_site(tmp_path / "site", {}, config.format(
        now="2026-11-22T12:00:00Z", second=f"http://127.0.0.1:{hanging.getsockname()[1]}/feed.xml"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    running = subprocess.Popen([sys.executable, "-m", "generator", "fetch", "--config", str(site / "config.yaml")],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        written = []
        for _ in range(600):  # (the first source's two files, then it waits for the second)
            written = list((site / "content").rglob("*.md"))
            if len(written) == 2 or running.poll() is not None:
                break
            time.sleep(0.05)
        assert len(written) == 2 and running.poll() is None, running.poll() is not None and running.stderr.read()
    finally:
        running.send_signal(signal.SIGKILL)
        running.wait()
        hanging.close()
    (site / "config.yaml").write_text(config.format(now="2026-11-23T12:00:00Z", second=server.url("/other.xml")),
                                      encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and out.startswith("2 sources, 2 new, 0 updated, 2 unchanged, 0 failed"), out + err
    assert "already there" not in err, err
    state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    files = sorted(path.relative_to(site / "content").as_posix() for path in written)
    assert sorted(record["file"] for record in state["items"].values() if record["source"] == server.url("/u.xml")) \
        == files
    server.routes["/u.xml"] = Route(UNDATED.replace(b"Second.", b"Second, corrected."))
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and out.startswith("2 sources, 0 new, 1 updated, 3 unchanged"), out + err
    assert fetched(site)["Undated"]["publishedDateTime"] == "2026-11-22T12:00:00Z"  # (first seen by the killed one)
    assert not [path for path in site.rglob("*") if "journal" in path.name or path.name.endswith(".tmp")]


@pytest.mark.slow
def test_a_state_file_that_cannot_be_written_leaves_the_journal_closed_for_the_next_fetch(tmp_path, server, capsys):
    """When the state could not be saved (a full disk, a folder where its temporary file goes), the journal's
    file was left open (Python's ResourceWarning, and on Windows a file no one may delete). It is closed, and
    kept: the next fetch knows the files this one wrote, and removes it once the state is saved."""
    server.routes["/u.xml"] = Route(UNDATED)
    site = make_site(tmp_path / "site", {}, "title: T\nbase_url: https://example.org/\nfetch:\n  retries: 0\n"
                     f"sources:\n  - {server.url('/u.xml')}\n")
    blocked = site / ".fetch-state.json.tmp"
    blocked.mkdir()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code, out, err = run_fetch(site, capsys)
        gc.collect()
    assert code != 0 and "fetch-state.json.tmp" in err, out + err
    assert len(list((site / "content").rglob("*.md"))) == 2
    assert [str(warning.message) for warning in caught if issubclass(warning.category, ResourceWarning)] == []
    assert (site / ".fetch-state.json.journal").is_file()
    blocked.rmdir()
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and out.startswith("1 source, 0 new, 0 updated, 2 unchanged"), out + err
    assert "already there" not in err, err
    assert not [path for path in site.rglob("*") if "journal" in path.name or path.name.endswith(".tmp")]


def test_a_redirect_to_nowhere_or_an_unasked_304_is_said_as_what_it_is(tmp_path, server, capsys):
    """A 301 without a Location was followed to the feed's own URL, six times, and said as "more than 5
    redirects"; a 304 Not Modified to a request that named no version of the feed (a first fetch) was taken
    for "unchanged": the feed's entries were never read, and nothing said so. Each fails, said as it is."""
    server.routes["/nowhere.xml"] = Route(b"", 301, "text/plain")
    server.routes["/unasked.xml"] = Route(b"", 304, "text/plain")
    server.routes["/good.xml"] = Route(FEED)
    site = make_site(tmp_path / "site", {}, "title: T\nbase_url: https://example.org/\nfetch:\n  retries: 0\n"
                     "sources:\n" + "".join(f"  - {server.url(path)}\n" for path in ("/nowhere.xml", "/unasked.xml",
                                                                                    "/good.xml")))
    code, out, err = run_fetch(site, capsys)
    assert code == 1 and out.strip() == "3 sources, 2 new, 0 updated, 0 unchanged, 2 failed", out + err
    assert [line for line in err.splitlines() if line.startswith("failed: ")] == [
        f"failed: config.yaml:6: {server.url('/nowhere.xml')}: HTTP 301 redirects to no address (the answer has no "
        f"Location); open the URL in a browser, and give the address it ends at",
        f"failed: config.yaml:7: {server.url('/unasked.xml')}: HTTP 304 Not Modified, though fetch has no copy of the "
        f"feed (it sent no ETag or date to compare): the server answers wrongly; tell the site, or remove the source"]
    assert len(server.asked("/nowhere.xml")) == 1


def test_a_redirect_to_what_no_client_reads_is_said_as_the_servers_fault(tmp_path, server, capsys):
    """httpx reads a redirect's Location before fetch looks at it, and failed on `data:text/xml,...` (an
    "invalid URL" of the feed's: "fix the URL", though config.yaml's was fine) or on a host no URL may have
    (said as a server that "broke off or garbled its answer", and asked again at every retry). Both are said
    as the redirect they are, with what to do, and asked once; `file:` and `ftp:` as before."""
    locations = {"/data.xml": "data:text/xml,<rss/>",  # (the host as raw UTF-8, as such a server sends it)
                 "/host.xml": "http://\u21700.0.0.1/feed.xml".encode("utf-8").decode("latin-1"),
                 "/file.xml": "file:///etc/passwd", "/ftp.xml": "ftp://127.0.0.1/feed.xml"}
    for path, location in locations.items():
        server.routes[path] = Route(b"", 302, "text/plain", headers={"Location": location})
    site = make_site(tmp_path / "site", {}, "title: T\nbase_url: https://example.org/\nfetch:\n  retries: 1\n"
                     "  backoff: 0.01\nsources:\n" + "".join(f"  - {server.url(path)}\n" for path in locations))
    code, out, err = run_fetch(site, capsys)
    assert code == 1 and out.strip() == "4 sources, 0 new, 0 updated, 0 unchanged, 4 failed", out + err
    failed = [line for line in err.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 4, err
    for line, (path, location) in zip(failed, locations.items()):
        assert line.startswith("failed: config.yaml:") and server.url(path) in line, line
        assert "fix the URL" not in line and "garbled" not in line, line
        assert line.endswith("; give the feed's own http(s) URL"), line
        assert len(server.asked(path)) == 1, line
    assert failed[0].endswith(f"{server.url('/data.xml')}: the server redirects to an address that is no http(s) "
                              f"URL (For absolute URLs, path must be empty or begin with '/'); give the feed's own "
                              f"http(s) URL"), failed[0]
    assert failed[1].endswith("(Invalid URL in location header: Invalid IDNA hostname: '\u21700.0.0.1'); give the "
                              "feed's own http(s) URL"), failed[1]
