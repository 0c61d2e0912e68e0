"""`newsdesk serve` while the user works: the address other devices open, a theme renamed under it, newsdesk
installed again under it (its theme gone, a crash), stopping promptly, and the notice of an item deleted while it runs."""

from __future__ import annotations

import ast
import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest

from conftest import ROOT, item, make_site, write_config
from test_server import Lines, start, wait_for
from generator.build.pipeline import BuildOptions
from generator.config.load import load_config
from generator.serve.server import DevServer


def test_serve_on_every_address_says_the_address_other_devices_open(site):
    import ipaddress

    from generator.serve.routes import network_address

    config_file = site / "config.yaml"
    dev = start(site, BuildOptions(workers=1), host="0.0.0.0")
    try:
        assert dev.url.startswith("http://127.0.0.1:")  # what works on this computer
        address = network_address()
        if not address:
            pytest.skip("this computer has no network address")
        assert dev.network_url == f"http://{address}:{dev.port}/"
        # It is one of this computer's own addresses (only those can be bound), which the server listening on
        # every address answers on; the tests send HTTP to loopback only, so it is not fetched.
        assert not ipaddress.ip_address(address).is_loopback
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as own:
            own.bind((address, 0))
    finally:
        dev.stop()
    local = DevServer(lambda: load_config(config_file), BuildOptions(workers=1), config_file, port=0)
    assert local.network_url == ""  # 127.0.0.1: this computer only


def _page(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:
        return answer.read().decode()


def test_a_theme_renamed_while_serving_is_an_error_on_the_page_until_it_is_back(site):
    mine = site / "themes/mine/templates"
    mine.mkdir(parents=True)
    base = (ROOT / "themes/default/templates/base.html").read_text()
    (mine / "base.html").write_text(base.replace("<body", "<!-- my theme --><body", 1))
    write_config(site, "theme: mine\n")
    said = Lines()
    dev = start(site, BuildOptions(workers=1), echo=said)
    try:
        assert "<!-- my theme -->" in _page(dev.port, "/")
        count = len(dev.rebuilds)
        (site / "themes/mine").rename(site / "themes/mine-old")
        record = wait_for(lambda: dev.rebuilds[count:] and dev.rebuilds[-1], "a rebuild")
        problem = "config.yaml:4: theme 'mine' not found: themes/ has mine-old (set `theme: mine-old`)"
        assert problem in record.error and problem in "\n".join(said)
        page = _page(dev.port, "/")
        assert 'id="newsdesk-overlay"' in page and html.escape(problem) in page
        assert "<!-- my theme -->" in page  # the last good pages stay
        count = len(dev.rebuilds)
        (site / "themes/mine-old").rename(site / "themes/mine")
        wait_for(lambda: dev.rebuilds[count:] and not dev.rebuilds[-1].error and dev.idle, "a good rebuild")
        page = _page(dev.port, "/")
        assert "<!-- my theme -->" in page and 'id="newsdesk-overlay"' not in page
    finally:
        dev.stop()


@pytest.mark.slow
def test_newsdesk_installed_again_under_serve_is_said_with_what_to_do(site, tmp_path):
    # The README's second command, run while its first one serves, puts an editable install where pip's copy
    # was: serve's bundled theme went from under it, and every save after that was "newsdesk crashed while
    # building: TypeError(...)". Here a copy laid out as pip installs it (the theme inside the package) is
    # served, then its theme removed, as pip removes the old files.
    (site / "themes/default/templates").mkdir(parents=True)  # (as `newsdesk init` makes a site)
    installed = tmp_path / "site-packages"
    shutil.copytree(ROOT / "generator", installed / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "themes", installed / "generator/themes")
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0"], cwd=site, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=dict(os.environ, PYTHONPATH=str(installed), PYTHONUNBUFFERED="1"),
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    stop = threading.Timer(120, process.kill)  # (a serve that never says it leaves the reads below at their end)
    stop.start()
    try:
        assert any("(Ctrl-C to stop)" in line for line in process.stdout)
        shutil.rmtree(installed / "generator/themes")
        said = next((line for line in process.stderr if "bundled theme" in line or "crashed" in line), "")
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
    finally:
        stop.cancel()
        if process.poll() is None:
            process.kill()
    assert said == (f"{installed / 'generator/themes/default'}: newsdesk's bundled theme is not there any more: "
                    "newsdesk was installed again, upgraded or removed since this command started (run the command "
                    "again (stop `newsdesk serve` with Ctrl-C and start it again); if it says so again, install "
                    "newsdesk again)\n")


# A serve run from a copy of newsdesk laid out as pip installs it; a rebuild of config.yaml fails in code of
# newsdesk's once the file `mixed` is there (a stand-in for old code calling what the new files define otherwise).
_MIXED = """
import sys
from pathlib import Path
from generator.build.pipeline import BuildOptions
from generator.config.load import load_config
from generator.serve.server import DevServer

def load():
    if Path("mixed").exists():
        raise TypeError("load() got an unexpected keyword argument 'strict'")
    return load_config(Path("config.yaml").resolve())

dev = DevServer(load, BuildOptions(workers=1), Path("config.yaml").resolve(), port=0, echo=lambda *a, **k: None)
dev.start()
print("serving", flush=True)
for line in sys.stdin:  # a line: rebuild as if the file it names (else config.yaml) was saved; say the overlay's
    print(repr(dev.rebuild([Path(line.strip() or "config.yaml").resolve()]).error), flush=True)
dev.stop()
"""


@pytest.mark.slow
@pytest.mark.parametrize("breaks", ["code", "template"])
def test_a_failed_build_after_newsdesk_was_installed_again_under_serve_says_to_restart_it(site, tmp_path, breaks):
    # After a `pip install` under a running serve, its old code meets the new files: a crash said only "newsdesk
    # crashed while building", as if it were a bug to report, and an error in the new templates (a filter only
    # the new code has) said "fix the template", when a restart runs the new newsdesk.
    installed = tmp_path / "site-packages"
    shutil.copytree(ROOT / "generator", installed / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "themes", installed / "generator/themes")
    process = subprocess.Popen([sys.executable, "-c", _MIXED], cwd=site, text=True, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(installed)))
    stop = threading.Timer(120, process.kill)
    stop.start()
    try:
        assert process.stdout.readline() == "serving\n"
        if breaks == "code":
            (site / "mixed").write_text("")
        else:
            template = installed / "generator/themes/default/templates/list.html"
            text = template.read_text()
            template.write_text(text.replace("{% block main %}", "{% block main %}{{ 1|a_newer_filter }}", 1))
        saved = "" if breaks == "code" else str(template)
        process.stdin.write(f"{saved}\n")
        process.stdin.flush()
        before = ast.literal_eval(process.stdout.readline())  # with newsdesk's code as it was: said as ever
        module = installed / "generator/site/ranking.py"  # pip writes the new version's files
        module.write_text(module.read_text() + "\n# the next version\n")
        process.stdin.write(f"{saved}\n")
        process.stdin.flush()
        after = ast.literal_eval(process.stdout.readline())
        process.communicate(timeout=60)
    finally:
        stop.cancel()
        if process.poll() is None:
            process.kill()
    changed = "newsdesk's own files changed since serve started (it was installed again or upgraded)"
    restart = "Ctrl-C, and `newsdesk serve` again"
    if breaks == "code":
        crash = "newsdesk crashed while building: TypeError(\"load() got an unexpected keyword argument 'strict'\")"
        assert before == f"{crash} (run `newsdesk --debug serve` for the traceback)"
        assert after == (f"{crash}: {changed}, and its old code running here met the new files (restart serve: "
                         f"{restart})")
    else:
        assert before.startswith(f"{template}:") and "a_newer_filter" in before and "restart" not in before, before
        assert after == (f"{before}\n{changed}: this error may be the old code running here meeting the new files "
                         f"(restart serve: {restart}; an error still there after that is the site's to fix)")


@pytest.mark.slow
def test_an_item_fetched_while_serving_and_published_since_it_started_is_shown(tmp_path, monkeypatch):
    # serve reads the clock when it starts, and `newsdesk fetch` beside it writes what feeds published since: each
    # such item stayed out ("dated in the future ... restart it then") although its time had passed, so a day of
    # fetching showed nothing new without a restart. The clock moves on to now for it; a later item stays out.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_site(tmp_path / "site", {"content/news/one.md": item("One", "2026-01-01T10:00:00Z")},
                     "title: T\nbase_url: https://example.org/\n")  # (no `now:`: serve's own clock)
    said = Lines()
    dev = start(root, BuildOptions(workers=1), echo=said)
    try:
        time.sleep(1.1)  # (serve's clock is in whole seconds)
        published = datetime.now(timezone.utc).replace(microsecond=0)
        for name, title, when in (("since.md", "Published since", published),
                                  ("later.md", "Published tomorrow", published + timedelta(days=1))):
            count = len(dev.rebuilds)
            (root / "content/fetched").mkdir(exist_ok=True)
            (root / "content/fetched" / name).write_text(item(title, when.isoformat().replace("+00:00", "Z")))
            wait_for(lambda: len(dev.rebuilds) > count and dev.idle, "a rebuild")
        latest = _page(dev.port, "/latest/")
        assert "Published since" in latest and "Published tomorrow" not in latest
        moved = [line for line in said if line.startswith("serve's clock moved on to ")]
        assert len(moved) == 1 and moved[0].endswith(": content/fetched/since.md is dated after it (published "
                                                     "since serve started: fetched meanwhile, most likely); the "
                                                     "site is ranked at the new time")
        assert published <= datetime.fromisoformat(moved[0].split()[5].rstrip(":").replace("Z", "+00:00"))
        assert [line for line in said if "dated in the future" in line] == [
            f"stderr: note: content/fetched/later.md: dated in the future ({(published + timedelta(days=1)).isoformat()}): "
            "left out until then (serve reads the clock when it starts: restart it then, or serve with --future)"]
    finally:
        dev.stop()


def test_serve_stops_and_lets_go_of_its_port(site):
    # Whether Ctrl-C returns at once is serve's SHUTDOWN_POLL, not something a shared machine can time in a
    # test: what a user would notice is a stop that hangs (a thread left waiting) or a port still taken.
    for _ in range(3):
        dev = start(site, BuildOptions(workers=1))
        assert _page(dev.port, "/").startswith("<!DOCTYPE html>")
        port = dev.port
        dev.stop()  # (a thread that hangs is waited for 30 s, then left: found below)
        assert not [thread.name for thread in threading.enumerate() if thread.name.startswith("newsdesk-")]
        with socket.socket() as again:  # nothing listens there any more: the port can be taken again
            again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            again.bind(("127.0.0.1", port))


def test_serve_drops_the_notice_of_an_item_deleted_while_it_runs(tmp_path):
    from test_server import CONFIG, ITEMS, get, rebuilt, write

    root = make_site(tmp_path / "site", ITEMS, CONFIG)
    dev = start(root)
    try:
        added = root / "content/news/added.md"
        before = len(dev.rebuilds)
        # An unquoted title with a quote in it: read as text, with a warning that says how to write it.
        write(added, '---\ntitle: "Freshly added story\npublishedDateTime: 2026-11-21T10:00:00Z\n---\nHello.\n')
        assert rebuilt(dev, before).error == ""
        body = get(dev, "/repo/")[2]
        assert b'id="newsdesk-notice"' in body and b"content/news/added.md:2:" in body
        # a warning's item is in the site: the notice does not say it was left out
        assert b"Freshly added story" in body and b"left out" not in body and b"the items are in the site" in body
        before = len(dev.rebuilds)
        added.unlink()
        assert rebuilt(dev, before).error == ""
        body = get(dev, "/repo/")[2]
        assert b"Freshly added story" not in body
        assert b"newsdesk-notice" not in body
    finally:
        dev.stop()


class _Reloads:
    """A page's live-reload client, as livereload.js polls: each answer's epoch is the next poll's `since`. It
    stops when the server does."""

    def __init__(self, dev: DevServer, path: str):
        self.dev, self.answers = dev, []
        self.epoch = int(re.search(r'data-epoch="(\d+)"', _page(dev.port, path)).group(1))
        threading.Thread(target=self._poll, daemon=True).start()

    def _poll(self) -> None:
        epoch = self.epoch
        while True:
            address = (f"http://127.0.0.1:{self.dev.port}/__newsdesk/livereload"
                       f"?since={epoch}&server={self.dev.server_id}")
            try:
                with urllib.request.urlopen(address, timeout=60) as answer:
                    message = json.load(answer)
            except OSError:
                return  # (the server stopped)
            if message["action"]:
                self.answers.append(message)
                epoch = message["epoch"]


@pytest.mark.parametrize("saved", ["known item redated", "new item with a warning"])
def test_a_save_that_moves_serve_s_clock_reloads_the_page_once(tmp_path, monkeypatch, saved):
    # An item saved with a time after serve's clock but before now moves the clock on and the site is built
    # again at the new time. The fast path at the old clock had already handed over (it deleted the known item's
    # page, or said the new item's warning), so the browser reloaded twice: at the old clock, then the new.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_site(tmp_path / "site", {"content/news/one.md": item("One", "2026-01-01T10:00:00Z"),
                                         "content/news/two.md": item("Two", "2026-01-02T10:00:00Z")},
                     "title: T\nbase_url: https://example.org/\n")  # (no `now:`: serve's own clock)
    said = Lines()
    dev = start(root, BuildOptions(workers=1), echo=said)
    try:
        wait_for(lambda: dev.idle, "the server to go idle")
        page = "/news/2026/01/01/one/" if saved == "known item redated" else "/"
        client = _Reloads(dev, page)
        time.sleep(1.1)  # (serve's clock is in whole seconds)
        when = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        count = len(dev.rebuilds)
        if saved == "known item redated":
            (root / "content/news/one.md").write_text(item("One", when))
        else:  # (a title with an opening quote alone: read, with a warning the notice says)
            (root / "content/news/three.md").write_text(f'---\ntitle: "Three\npublishedDateTime: {when}\n---\nHi.\n')
        wait_for(lambda: len(dev.rebuilds) > count and dev.idle, "a rebuild")
        time.sleep(0.5)  # (a second reload would come now)
        answers = list(client.answers)
        assert [line for line in said if line.startswith("serve's clock moved on to ")]
        assert [answer["action"] for answer in answers] == ["reload"], answers
        assert answers[0]["epoch"] == client.epoch + 1
        assert ("One" if saved == "known item redated" else "Three") in _page(dev.port, "/latest/")
    finally:
        dev.stop()
