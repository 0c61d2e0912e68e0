"""The state file of `newsdesk fetch` (committed with the site): what servers send reaching it, a tampered one
or one a later newsdesk wrote, removed sources, and which content folder it tracks when fetching into another."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BIG, FEED, ROOT, feed_site, fetch_said, fetch_site, fetched, run_fetch
from feed_server import Route
from generator.cli import main


ONE_ENTRY_FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>https://f.example/</link>
<item><title>One</title><link>https://f.example/1</link></item></channel></rss>"""


@pytest.mark.slow
def test_what_servers_send_reaches_the_state_file_and_messages_as_a_client_can_use_it(tmp_path, server, capsys):
    """An `ETag: "é"` was kept in the state file and sent back: every later fetch stopped with a
    UnicodeEncodeError traceback. A redirect's raw UTF-8 target, a C1 control (CSI, as ESC [ to a terminal)
    in it, went into the state file as it was; a status line's 3,000-character text was printed whole. Validators are kept only when they
    can be sent back; a target is percent-encoded as a browser sends it; a status text is cut."""
    server.routes["/etag.xml"] = Route(ONE_ENTRY_FEED, etag='"\u00e9"')
    server.routes["/moved.xml"] = Route(b"", 301, "text/plain", headers={"Location": "/caf\u00c3\u00a9\u00c2\u009b.xml"})
    server.routes["/caf%C3%A9%C2%9B.xml"] = Route(ONE_ENTRY_FEED.replace(b"f.example/1", b"f.example/2"))
    server.routes["/reason.xml"] = Route(b"", 404, "text/plain", reason="Not \u009b2J found " + "x" * 3000)
    site = fetch_site(tmp_path / "site", server, ["/etag.xml", "/moved.xml", "/reason.xml"])
    for run in range(2):
        code = main(["fetch", "--config", str(site / "config.yaml")])
        out, err = capsys.readouterr()
        assert code == 1, out + err
        assert f"{2 if run == 0 else 0} new" in out and "1 failed" in out, out + err
    [reason] = [line for line in err.splitlines() if "reason.xml" in line]
    assert "HTTP 404 Not" in reason and "found xxx" in reason and "\u009b" not in reason and len(reason) < 400, reason
    state = (site / "fetch-state.json").read_text(encoding="utf-8")
    assert state.isascii() and "\u009b" not in state
    feeds = json.loads(state)["feeds"]
    assert "etag" not in feeds[server.url("/etag.xml")]
    assert feeds[server.url("/moved.xml")]["moved_to"] == server.url("/caf%C3%A9%C2%9B.xml")
    assert [headers.get("if-none-match") for headers in server.asked("/etag.xml")] == [None, None]
    assert len(server.asked("/caf%C3%A9%C2%9B.xml")) == 2


STATE = """\
{
 "feeds": {
  "URL": {
   "etag": "\\"e1\\"",
   "settings": "SETTINGS"
  }
 },
 "items": {
  "https://f.example/1": {
   "date": "2026-11-20T10:00:00Z",
   "file": "fetched/f-example/one-2c4b8a7d35d3.md",
   "first_seen": "2026-11-20T10:00:00+00:00",
   "heat": 100,
   "sha256": "SHA",
   "source": "URL"
  }
 },
 "version": 1
}
"""


@pytest.mark.parametrize("tampered, replacement, line, message", [
    ('"file": "fetched/f-example/one-2c4b8a7d35d3.md"', '"file": "../config.yaml"', 11,
     "`file` of 'https://f.example/1' is '../config.yaml', not a .md file in the content folder"),
    ('"heat": 100', '"heat": "hot"', 13, "`heat` of 'https://f.example/1' is 'hot', not a number from 0 to 1,000,000"),
    ('"heat": 100', f'"heat": {BIG}', 13, "`heat` of 'https://f.example/1' is '10000000000000000000000000000"),
    ('"heat": 100', '"heat": NaN', None, "NaN is no number JSON allows"),
    ('"first_seen": "2026-11-20T10:00:00+00:00"', '"first_seen": "yesterday"', 12,
     "`first_seen` of 'https://f.example/1' is 'yesterday', not a time like 2026-11-22T08:00:00+00:00"),
    ('"date": "2026-11-20T10:00:00Z"', '"date": 5', 10, "`date` of 'https://f.example/1' is a JSON number, not a string"),
    ('"etag": "\\"e1\\""', '"etag": ["e1"]', 4, "`etag` of 'URL' is a JSON list, not a string"),
    ('"version": 1', '"version": ' + "[" * 100_000 + "]" * 100_000, None, "nested deeper than JSON's reader goes"),
])
def test_a_tampered_state_file_is_an_error_at_its_line(tmp_path, server, capsys, tampered, replacement, line, message):
    """A state file is committed with the site, so anyone with a pull request can write it. A `file` of
    `../config.yaml` (with that file's SHA-256) made fetch overwrite or, past keep_days, delete it; a heat
    of "hot" or 10**400, a first_seen of "yesterday", NaN or JSON nested 100,000 deep stopped fetch with a
    traceback. Each is an error at its line now, and fetch writes nothing."""
    import hashlib

    server.routes["/rss.xml"] = Route(ONE_ENTRY_FEED)
    site = fetch_site(tmp_path / "site", server, ["/rss.xml"], extra="  keep_days: 1\n")
    config = (site / "config.yaml").read_bytes()
    text = STATE.replace("URL", server.url("/rss.xml")).replace(tampered, replacement)
    (site / "fetch-state.json").write_text(text.replace("SHA", hashlib.sha256(config).hexdigest()), encoding="utf-8")
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 2 and out == "", out + err
    where = "fetch-state.json" + (f":{line}" if line else "")
    assert err.startswith(f"{where}: not a fetch state file: {message.replace('URL', server.url('/rss.xml'))}"), err
    assert "Traceback" not in err and "restore it from git" in err
    assert (site / "config.yaml").read_bytes() == config
    assert server.asked("/rss.xml") == []


def test_state_values_fetch_cannot_use_are_ignored_with_a_note(tmp_path, server, capsys):
    """A moved_to of `javascript:alert(1)` (or with ESC [2J in it) made every fetch fail with a garbled
    message instead of reading the feed; an ETag of "é" stopped fetch with a traceback. They are ignored
    with a note at their line: the feed is read whole, at the URL config.yaml lists. A state file larger
    than fetch reads is an error, not a gigabyte read into memory."""
    server.routes["/rss.xml"] = Route(ONE_ENTRY_FEED)
    server.routes["/other.xml"] = Route(ONE_ENTRY_FEED.replace(b"f.example/1", b"f.example/2"))
    site = fetch_site(tmp_path / "site", server, ["/rss.xml", "/other.xml"])
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
    capsys.readouterr()
    state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    state["feeds"][server.url("/rss.xml")]["moved_to"] = "javascript:alert(1)\u001b[2J"
    state["feeds"][server.url("/other.xml")]["etag"] = '"\u00e9"'
    text = json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    (site / "fetch-state.json").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out.startswith("2 sources, 0 new, 0 updated, 2 unchanged, 0 failed"), out
    moved = next(n for n, text in enumerate(lines, 1) if '"moved_to"' in text)
    etag = next(n for n, text in enumerate(lines, 1) if '"etag": "\\"\u00e9' in text)
    assert (f"note: fetch-state.json:{moved}: `moved_to` of {server.url('/rss.xml')} is not what a server sends "
            f"('javascript:alert(1)\\x1b[2J'); ignored: the feed is read whole, at the URL config.yaml lists") in err
    assert f"note: fetch-state.json:{etag}: `etag` of {server.url('/other.xml')} is not what a server sends" in err
    assert "\u001b" not in err
    assert "moved_to" not in (site / "fetch-state.json").read_text(encoding="utf-8")
    with open(site / "fetch-state.json", "r+b") as handle:  # (sparse: nothing is written)
        handle.truncate(300 * 1024 * 1024)
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 2 and err.startswith("fetch-state.json: the fetch state is 314,572,800 bytes, more than fetch reads"), err


def test_a_state_with_fields_a_later_newsdesk_added_is_read_and_they_are_kept(tmp_path, server, capsys):
    """A state file a later newsdesk wrote, with fields this one does not know (of the file, a feed, an item),
    stopped fetch with an error, so a site's workflow pinned to an older newsdesk failed after one run of a
    newer one. They are read past, and written back as they were."""
    server.routes["/rss.xml"] = Route(FEED)
    site = fetch_site(tmp_path / "site", server, ["/rss.xml"])
    assert run_fetch(site, capsys)[0] == 0
    path = site / "fetch-state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    assert state["items"], "fetch remembered no item"
    state["clusters"] = {"a": [1, 2]}
    state["feeds"][server.url("/rss.xml")]["health"] = {"failures": 0}
    for record in state["items"].values():
        record["language"] = "en"
        record["score"] = 0.5
    path.write_text(json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    (site / "content" / "fetched").joinpath(next(iter(state["items"].values()))["file"].split("/", 1)[1]).unlink()
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and "Traceback" not in err, out + err
    after = json.loads(path.read_text(encoding="utf-8"))
    assert after["clusters"] == {"a": [1, 2]} and after["version"] == 1
    assert after["feeds"][server.url("/rss.xml")]["health"] == {"failures": 0}
    assert all(record["language"] == "en" and record["score"] == 0.5 for record in after["items"].values())
    assert sum(1 for record in after["items"].values() if not record.get("file")) == 1  # (the deleted one)


def test_a_state_of_a_later_format_says_to_upgrade(tmp_path, server, capsys):
    server.routes["/rss.xml"] = Route(FEED)
    site = fetch_site(tmp_path / "site", server, ["/rss.xml"])
    (site / "fetch-state.json").write_text('{\n "items": {},\n "version": 2\n}\n', encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    assert code == 2 and out == ""
    assert err.startswith("fetch-state.json:3: not a fetch state file: version 2 of the state's format is a later "
                          "newsdesk's (this one reads version 1)"), err
    assert "upgrade newsdesk" in err and server.asked("/rss.xml") == []


def test_a_removed_source_leaves_no_tombstones_behind(tmp_path, server, capsys):
    """An item deleted by hand stays deleted while its feed lists it: the state keeps its record without a
    file. A source removed from config.yaml kept its feed's record and every tombstone for ever. A complete
    fetch now forgets them; the files it wrote stay, as do the records of those files."""
    server.routes["/a.xml"] = Route(FEED)
    server.routes["/b.xml"] = Route(FEED.replace(b"f.example", b"g.example"))
    site = fetch_site(tmp_path / "site", server, ["/a.xml", "/b.xml"])
    assert run_fetch(site, capsys)[0] == 0
    state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    from_b = {key: record for key, record in state["items"].items() if record["source"] == server.url("/b.xml")}
    assert len(from_b) == 2
    deleted, kept = sorted(from_b)
    (site / "content" / from_b[deleted]["file"]).unlink()
    assert run_fetch(site, capsys)[0] == 0  # (b's deleted file becomes a tombstone)
    assert json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))["items"][deleted].get("file") is None
    config = site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(f"  - {server.url('/b.xml')}\n", ""),
                      encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    assert code == 0, out + err
    after = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    assert deleted not in after["items"] and after["items"][kept]["file"] == from_b[kept]["file"]
    assert (site / "content" / from_b[kept]["file"]).is_file()
    assert list(after["feeds"]) == [server.url("/a.xml")]


def test_a_state_heat_of_thousands_of_digits_is_an_error_at_its_line(tmp_path, server, capsys):
    server.routes["/rss.xml"] = Route(FEED)
    site = fetch_site(tmp_path / "site", server, ["/rss.xml"])
    assert run_fetch(site, capsys)[0] == 0
    path = site / "fetch-state.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"heat": ', '"heat": ' + "9" * 5000 + ", \"was\": ", 1), encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    assert code == 2 and "sys.set_int_max_str_digits" not in err, err
    assert "not a fetch state file: `heat` of " in err and "is '99999" in err and "…', not a number from 0 to 1,000,000" in err, err


def test_a_source_removed_after_a_hand_deletion_fetches_it_again_when_added_back(tmp_path, server, capsys):
    """docs/fetch.md: removing a source makes the next complete fetch forget its deleted entries, "so adding it
    back fetches again what it still carries". A file deleted by hand and its source removed before another
    fetch read the feed (or while the feed answered 304) was never seen as deleted: its record, still naming
    the file, was kept for ever, and adding the source back said "deleted by hand; not fetched again"."""
    server.routes["/a.xml"] = Route(FEED)
    server.routes["/b.xml"] = Route(FEED.replace(b"f.example", b"g.example").replace(b"<title>", b"<title>G "))
    line_b = f"  - {server.url('/b.xml')}\n"
    site = feed_site(tmp_path / "site", f"  - {server.url('/a.xml')}\n" + line_b)
    assert fetch_said(site, capsys)[0] == 0
    assert "G Two" in fetched(site)
    state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    [two] = [record["file"] for record in state["items"].values() if record["file"].endswith(".md")
             and "g-two" in record["file"]]
    (site / "content" / two).unlink()
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(line_b, ""), encoding="utf-8")
    code, out = fetch_said(site, capsys)
    assert code == 0, out
    config.write_text(text, encoding="utf-8")
    code, out = fetch_said(site, capsys)
    assert code == 0 and "deleted by hand" not in out, out
    assert "G Two" in fetched(site) and "G One" in fetched(site)


RSS = (ROOT / "tests" / "feeds" / "rss.xml").read_bytes()


def _fetch(site: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["fetch", "--config", str(site / "config.yaml"), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _live(site: Path, state: str = "fetch-state.json") -> dict[str, str]:
    """The items a state file says fetch wrote, and where."""
    items = json.loads((site / state).read_text(encoding="utf-8"))["items"]
    return {key: record["file"] for key, record in items.items() if record.get("file")}


def test_fetch_into_another_content_folder_leaves_the_state_of_the_first_alone(tmp_path, server, capsys,
                                                                                 monkeypatch):
    server.routes["/rss.xml"] = Route(RSS, etag='"v1"')
    site = feed_site(tmp_path / "site", f"  - {server.url('/rss.xml')}\n")
    monkeypatch.chdir(site)
    assert _fetch(site, capsys)[0] == 0
    before = _live(site)
    state_bytes = (site / "fetch-state.json").read_bytes()
    assert before and all((site / "content" / name).is_file() for name in before.values())

    # Another folder with the same state file: it would take every file for deleted by hand (and, with the
    # feed's ETag, fetch nothing into the new folder).
    (site / "trial").mkdir()
    code, out, err = _fetch(site, capsys, "--content", "trial")
    assert code == 2, err
    assert "fetch-state.json:2: this fetch state is of the content folder content/, not trial/" in err
    assert "--state" in err and "leave out --content" in err
    assert (site / "fetch-state.json").read_bytes() == state_bytes
    assert not list((site / "trial").rglob("*.md"))

    # A state of its own: the feed is read whole into the new folder, and the first folder's state is as it was.
    code, out, err = _fetch(site, capsys, "--content", "trial", "--state", "trial-state.json")
    assert code == 0, err
    assert len(list((site / "trial" / "fetched").rglob("*.md"))) == len(before)
    assert (site / "fetch-state.json").read_bytes() == state_bytes
    assert _fetch(site, capsys)[0] == 0
    assert _live(site) == before
    assert "deleted by hand" not in capsys.readouterr().err


def test_an_older_state_without_its_folder_is_the_configured_folders(tmp_path, server, capsys, monkeypatch):
    server.routes["/rss.xml"] = Route(RSS)
    site = feed_site(tmp_path / "site", f"  - {server.url('/rss.xml')}\n")
    monkeypatch.chdir(site)
    assert _fetch(site, capsys)[0] == 0
    state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    assert state.pop("content") == "content"
    (site / "fetch-state.json").write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    before = _live(site)

    (site / "trial").mkdir()
    code, out, err = _fetch(site, capsys, "--content", "trial")
    assert code == 2 and "fetch-state.json: this fetch state is of the content folder content/, not trial/" in err
    code, out, err = _fetch(site, capsys)
    assert code == 0, err
    assert _live(site) == before and "deleted by hand" not in err


def test_fetch_into_a_folder_that_is_not_there_is_refused(tmp_path, server, capsys, monkeypatch):
    server.routes["/rss.xml"] = Route(RSS)
    site = feed_site(tmp_path / "site", f"  - {server.url('/rss.xml')}\n")
    monkeypatch.chdir(site)
    code, out, err = _fetch(site, capsys, "--content", "contnet")
    assert code == 2 and err.startswith("--content: content folder contnet/ not found (correct the path")
    assert not (site / "contnet").exists() and not (site / "fetch-state.json").exists()


@pytest.mark.parametrize("where", ["--state", "config.yaml"])
def test_a_state_file_in_a_folder_that_is_not_there_is_refused_before_fetching(tmp_path, server, capsys,
                                                                              monkeypatch, where):
    # It was said after the fetch had written the items, as a traceback's line naming a temporary file
    # (`.../.x.json.tmp: No such file or directory`, exit status 1), and the state that knows them was lost.
    # It is said where the file was named: config.yaml's line (it named the state file alone), or the option.
    server.routes["/rss.xml"] = Route(RSS)
    site = feed_site(tmp_path / "site", f"  - {server.url('/rss.xml')}\n",
                     fetch="  state_file: fetch-data/state.json\n" if where == "config.yaml" else "")
    monkeypatch.chdir(site / "content")  # (the command to make the folder is said from here)
    if where == "config.yaml":
        code, out, err = _fetch(site, capsys)
        line = (site / "config.yaml").read_text(encoding="utf-8").splitlines().index("  state_file: fetch-data/state.json")
        said = (f"config.yaml:{line + 1}: there is no folder fetch-data/ to keep the fetch state in (`fetch.state_file`: "
                f"fetch-data/state.json) (create it first (`mkdir -p ../fetch-data`), or correct `fetch.state_file` to "
                f"a file in a folder that is there)\n")
    else:
        code, out, err = _fetch(site, capsys, "--state", "elsewhere/state.json")
        said = ("--state: there is no folder elsewhere/ to keep the fetch state in (create it first (`mkdir -p "
                "elsewhere`), or give --state a file in a folder that is there)\n")
    assert code == 2 and err == said, err
    assert server.requests == [] and not (site / "content" / "fetched").exists()


def test_a_state_with_no_items_yet_moves_to_the_folder_fetched_into(tmp_path, server, capsys, monkeypatch):
    # A first fetch into a folder that failed (the feed was down) wrote a state of that folder and no items:
    # the next fetch, into the site's own content folder, is not refused for it, and reads the feed whole.
    server.routes["/rss.xml"] = Route(b"down", 503, "text/plain")
    site = feed_site(tmp_path / "site", f"  - {server.url('/rss.xml')}\n")
    monkeypatch.chdir(site)
    (site / "trial").mkdir()
    assert _fetch(site, capsys, "--content", "trial")[0] == 1
    assert json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))["content"] == "trial"
    server.routes["/rss.xml"] = Route(RSS, etag='"v1"')
    code, out, err = _fetch(site, capsys)
    assert code == 0, err
    assert list((site / "content" / "fetched").rglob("*.md"))
    assert json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))["content"] == "content"
