"""`newsdesk fetch` of many sources from a local server: wall time and memory of a first fetch, and the time
of a second one with nothing new (conditional GETs answered 304).

    python -m bench.fetch [--sources 200] [--failing 0.05] [--hosts 20] [--seed 1] [--work DIR]

The feeds are made up here (RSS 2.0 with HTML descriptions, 5 to 100 entries of 0.2 to 6 KB each) and served
from a child process on 127.0.0.1, on `--hosts` ports: fetch asks one host one thing at a time, so the ports
stand for the many hosts of real sources. A share of them fail (HTTP 500, 404 or not a feed). It prints
one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import random
import resource
import shutil
import tempfile
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WORDS = ("market rate bank city council river storm vaccine model chip court election team season "
         "launch orbit climate energy grid policy report study museum festival river bridge").split()


def make_feeds(count: int, failing: float, seed: int) -> dict[str, tuple[int, bytes]]:
    """path -> (status, body) of every source; the same seed makes the same feeds."""
    rng = random.Random(seed)
    feeds = {}
    for index in range(count):
        path = f"/feeds/{index}.xml"
        if failing and index % round(1 / failing) == round(1 / failing) - 1:  # 0.05: every 20th
            feeds[path] = [(500, b"oops"), (404, b"not here"), (200, b"<html><body>moved</body></html>")][index % 3]
            continue
        entries = []
        for number in range(rng.choice((5, 10, 20, 50, 100))):
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize()
            paragraphs = "".join(f"<p>{' '.join(rng.choice(WORDS) for _ in range(rng.randint(20, 120)))}</p>"
                                 for _ in range(rng.randint(1, 8)))
            entries.append(f"<item><title>{title}</title><link>https://source{index}.example/{number}</link>"
                           f"<guid>https://source{index}.example/{number}</guid>"
                           f"<pubDate>Fri, 20 Nov 2026 {number % 24:02d}:{index % 60:02d}:00 GMT</pubDate>"
                           f"<category>Science</category><description><![CDATA[{paragraphs}]]></description></item>")
        body = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Source {index}</title>'
                f"<link>https://source{index}.example/</link>{''.join(entries)}</channel></rss>").encode()
        feeds[path] = (200, body)
    return feeds


def serve(feeds: dict[str, tuple[int, bytes]], ports: list[int], ready) -> None:
    """In the child process: serve the feeds on every port, with ETags, until killed."""
    import threading

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            status, body = feeds.get(self.path, (404, b""))
            tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if status == 200 and self.headers.get("If-None-Match") == tag:
                status, body = 304, b""
            self.send_response(status)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", tag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Handler) for _ in ports]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.send([server.server_address[1] for server in servers])
    threading.Event().wait()


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--failing", type=float, default=0.05)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", metavar="DIR", help="site folder to write (default: a temporary one, removed)")
    args = parser.parse_args(argv)

    from generator.config.load import load_config
    from generator.fetch.run import fetch

    feeds = make_feeds(args.sources, args.failing, args.seed)
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=serve, args=(feeds, list(range(args.hosts)), send),
                                                        daemon=True)
    child.start()
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="bench-fetch-"))
    try:
        ports = receive.recv()
        shutil.rmtree(work / "content", ignore_errors=True)
        (work / "fetch-state.json").unlink(missing_ok=True)
        work.mkdir(parents=True, exist_ok=True)
        sources = "".join(f"  - http://127.0.0.1:{ports[index % len(ports)]}{path}\n"
                          for index, path in enumerate(feeds))
        (work / "config.yaml").write_text(f'title: Bench\nnow: "2026-11-22T12:00:00Z"\ntopics: [Science]\n'
                                          f"fetch:\n  retries: 0\n  concurrency: 8\nsources:\n{sources}",
                                          encoding="utf-8")
        config = load_config(work / "config.yaml")
        now = datetime(2026, 11, 22, 12, tzinfo=timezone.utc)
        rss_before = _rss_mb()
        started = time.perf_counter()
        first = fetch(config, now)
        first_seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        second = fetch(config, now)
        second_seconds = time.perf_counter() - started
        result = {
            "sources": args.sources,
            "hosts": args.hosts,
            "failing": len(first.failed),
            "feed_bytes": sum(len(body) for status, body in feeds.values() if status == 200),
            "items_written": first.count("new"),
            "first_fetch_seconds": round(first_seconds, 3),
            "rss_before_mb": round(rss_before, 1),
            "peak_rss_mb": round(peak, 1),
            "nothing_new_seconds": round(second_seconds, 3),
            "nothing_new_summary": second.summary(),
            "first_summary": first.summary(),
        }
    finally:
        child.kill()
        child.join()
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
