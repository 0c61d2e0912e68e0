"""`newsdesk serve` with an item file that cannot be read: left out as `newsdesk build` leaves it out, named in
the overlay (file:line and what to do) until it is fixed, and every other edit still built and served. Each
served state is what a full build of the same files makes (real server, real files, real HTTP)."""

from __future__ import annotations

import html
import re
import threading

import pytest

from conftest import clean_build, files_under, item, make_site
from generator.serve import server as dev_server
from test_server import (CONFIG, ITEMS, TIMEOUT, Lines, _strip_injection, edit, get, held_poll, ours, poll, settle,
                         start, write)

BROKEN = "---\ntitle: [Half-written story\npublishedDateTime: 2026-11-21T10:00:00Z\n---\nNot done.\n"


def _served_equals_a_full_build(dev, root, scratch) -> None:
    """Every file of the output folder, and every page as served (less what serve adds), equals a clean build."""
    expected, served = clean_build(root, scratch), files_under(root / "output")
    assert sorted(served) == sorted(expected)
    pages = [name for name in expected if name.endswith(".html")]
    assert pages
    for name, data in expected.items():
        assert served[name] == data, name
    for name in pages:
        status, _, body = get(dev, "/repo/" + name)
        assert status == 200 and _strip_injection(body) == expected[name], name


def _overlay(body: bytes) -> str:
    """The overlay's text as a user reads it ("" when there is none)."""
    found = re.search(rb'<div id="newsdesk-overlay".*?</div>', body, re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(0).decode())) if found else ""


def _article_url(root, title: str) -> str:
    page = next(p for p in (root / "output/news").rglob("index.html") if title in p.read_text())
    return "/repo/" + page.parent.relative_to(root / "output").as_posix() + "/"


def test_a_broken_new_item_is_left_out_and_named_while_other_edits_go_on(tmp_path):
    root = make_site(tmp_path / "site", ITEMS, CONFIG)
    lines = Lines()
    dev = start(root, echo=lines)
    try:
        broken = root / "content/news/half.md"
        before = len(dev.rebuilds)
        write(broken, BROKEN)
        record = settle(dev, before)
        assert record.error == ""  # the build went on: the site is up to date without the file
        where = re.search(r"content/news/half\.md:\d+: invalid YAML[^\n]*", record.left_out).group(0)
        assert record.action == "reload"  # the open page shows the overlay at once
        assert any(where in line and line.startswith("stderr: error:") for line in lines), lines
        body = get(dev, "/repo/")[2]
        assert where in _overlay(body) and "Fix it and save" in _overlay(body)
        assert b"Half-written story" not in body
        _served_equals_a_full_build(dev, root, tmp_path / "fresh-1")

        # An edit of another item is built, served and reloaded while the broken file waits for its fix.
        before = len(dev.rebuilds)
        edit(root / "content/news/model.md", "beats a big one", "beats a bigger one")
        record = settle(dev, before)
        assert record.error == "" and record.action == "reload" and where in record.left_out
        body = get(dev, "/repo/topics/ai/")[2]
        assert b"beats a bigger one" in body and where in _overlay(body)
        _served_equals_a_full_build(dev, root, tmp_path / "fresh-2")

        # Fixed: the item is in, the overlay is gone.
        before = len(dev.rebuilds)
        write(broken, BROKEN.replace("[Half-written story", "Half-written story"))
        record = settle(dev, before)
        assert record.error == "" and record.left_out == "" and record.action == "reload"
        body = get(dev, "/repo/")[2]
        assert b"Half-written story" in body and _overlay(body) == "" and b'id="newsdesk-notice"' not in body
        assert "stderr: 1 content problem fixed; 0 left" in lines
        _served_equals_a_full_build(dev, root, tmp_path / "fresh-3")
    finally:
        dev.stop()


@pytest.mark.slow  # (a broken item left out and fixed runs quick in the test above)
def test_an_item_broken_while_editing_is_left_out_until_fixed(tmp_path):
    root = make_site(tmp_path / "site", ITEMS, CONFIG)
    dev = start(root)
    try:
        path = root / "content/news/rocket.md"
        good = path.read_text()
        url = _article_url(root, "Reusable rocket lands twice")
        before = len(dev.rebuilds)
        write(path, good.replace("title:", "title: [unclosed", 1))
        record = settle(dev, before)
        assert record.error == ""
        where = re.search(r"content/news/rocket\.md:\d+: invalid YAML", record.left_out).group(0)
        # Its page is gone, as from a build; the address open in the browser shows the overlay on the 404 page.
        status, _, body = get(dev, url)
        assert status == 404 and where in _overlay(body)
        assert b"Reusable rocket" not in get(dev, "/repo/topics/space/")[2]
        _served_equals_a_full_build(dev, root, tmp_path / "fresh-1")

        before = len(dev.rebuilds)
        edit(root / "content/news/model.md", "beats a big one", "beats a bigger one")
        assert settle(dev, before).left_out
        assert b"beats a bigger one" in get(dev, "/repo/topics/ai/")[2]

        before = len(dev.rebuilds)
        write(path, good.replace("lands twice", "lands on a ship"))
        assert settle(dev, before).left_out == ""
        status, _, body = get(dev, url)
        assert status == 200 and b"lands on a ship" in body and _overlay(body) == ""
        _served_equals_a_full_build(dev, root, tmp_path / "fresh-2")
    finally:
        dev.stop()


def test_a_broken_save_shows_the_overlay_and_the_new_front_page_before_the_rest_of_the_lists(tmp_path, monkeypatch):
    # A save that leaves an item out changes what every page says: serve reloads the open page once the front
    # page and the lists' first pages are written, the overlay already on them, and the story's page, gone,
    # is a 404 with the overlay at once; the lists' later pages are written after (while the reloaded page
    # loads, here until its live-reload script polls again).
    monkeypatch.setattr(dev_server, "RELOAD_GRACE", TIMEOUT)  # (the bound: out of the way of a slow machine)
    probe = item("Probe reaches the outer moons", "2026-11-17T07:00:00Z", topics="[Space]")
    root = make_site(tmp_path / "site", {**ITEMS, "content/news/probe.md": probe}, CONFIG)
    dev = start(root)
    back = None
    try:
        url = _article_url(root, "Robots learn to fold laundry")
        later = root / "output/latest/page/2/index.html"  # (two stories a page: the model's and the probe's)
        assert b"A small model" in later.read_bytes()
        answers, waiter, before = held_poll(dev)
        write(root / "content/news/robots.md", "---\ntitle: 'Robots learn to fold laundry'\npublishedDate")
        waiter.join(timeout=TIMEOUT)
        assert answers and answers[0]["action"] == "reload"
        body = get(dev, "/repo/")[2]
        where = re.search(r"content/news/robots\.md:\d+: front matter is not closed", _overlay(body))
        assert where and b"Robots learn" not in _strip_injection(body) and b"Reusable rocket" in body
        status, _, body = get(dev, url)
        assert status == 404 and where.group(0) in _overlay(body)
        assert b"A small model" in later.read_bytes() and not ours(dev, before)  # the rest: still to come
        back = threading.Thread(target=lambda: poll(dev, answers[0]["epoch"]))  # its live-reload script runs
        back.start()
        record = settle(dev, before)
        assert record.mode == "patch" and record.action == "reload" and where.group(0) in record.left_out
        assert b"A small model" not in later.read_bytes()
        _served_equals_a_full_build(dev, root, tmp_path / "fresh")
    finally:
        dev.stop()  # (answers the held poll)
        if back is not None:
            back.join(timeout=TIMEOUT)


def test_a_file_broken_from_the_start_stays_in_the_notice_until_it_is_saved(tmp_path):
    root = make_site(tmp_path / "site", {**ITEMS, "content/news/bad.md": BROKEN}, CONFIG)
    dev = start(root)
    try:
        before = len(dev.rebuilds)
        edit(root / "content/news/model.md", "beats a big one", "beats a bigger one")
        assert settle(dev, before).left_out == ""  # not the user's doing: the corner notice, as at the start
        body = get(dev, "/repo/")[2]
        assert _overlay(body) == "" and b'id="newsdesk-notice"' in body and b"content/news/bad.md:" in body
        assert b"an error's item is left out" in body
        before = len(dev.rebuilds)
        write(root / "content/news/bad.md", BROKEN.replace("Not done.", "Still not done."))
        assert "content/news/bad.md:" in settle(dev, before).left_out  # saved, still broken: now the overlay
        body = get(dev, "/repo/")[2]
        assert "content/news/bad.md:" in _overlay(body) and b'id="newsdesk-notice"' not in body  # (said once)
    finally:
        dev.stop()


def test_a_failed_build_shows_its_error_and_the_broken_item_together(tmp_path):
    root = make_site(tmp_path / "site", ITEMS, CONFIG)
    dev = start(root)
    try:
        before = len(dev.rebuilds)
        write(root / "content/news/half.md", BROKEN)
        assert settle(dev, before).left_out
        config = root / "config.yaml"
        good = config.read_text()
        before = len(dev.rebuilds)
        write(config, good + "items_per_pgae: 3\n")
        record = settle(dev, before)
        overlay = _overlay(get(dev, "/repo/")[2])
        assert "unknown key `items_per_pgae`" in record.error and "items_per_pgae" in overlay
        assert "content/news/half.md:" in overlay  # (still left out of the last good pages)
        before = len(dev.rebuilds)
        write(config, good)
        record = settle(dev, before)
        assert record.error == "" and "content/news/half.md:" in record.left_out
        _served_equals_a_full_build(dev, root, tmp_path / "fresh")
    finally:
        dev.stop()


def test_a_new_item_that_names_an_undeclared_topic_is_left_out_with_the_fix(tmp_path):
    root = make_site(tmp_path / "site", ITEMS, CONFIG + "undeclared_topics: error\n")
    dev = start(root)
    try:
        before = len(dev.rebuilds)
        write(root / "content/news/new.md", item("Moon base opens", "2026-11-21T10:00:00Z", topics="[Spce]"))
        record = settle(dev, before)
        assert "topic `Spce` is not declared; did you mean `Space`?" in record.left_out
        assert b"Moon base opens" not in get(dev, "/repo/latest/")[2]
        _served_equals_a_full_build(dev, root, tmp_path / "fresh")
    finally:
        dev.stop()


def test_saves_that_leave_a_file_out_or_bring_it_back_take_the_fast_path_and_say_what_build_says(tmp_path):
    """serve's rebuild of one saved item file that cannot be used: for the plan, its story deleted (or, a new
    file, nothing changed), its errors and warnings said; fixed, its story added. Output, errors and warnings
    are a full build's each time; deleted, its errors go."""
    from generator.build.pipeline import BuildOptions, build
    from generator.config.load import load_config
    from generator.serve.rebuild import Session, rebuild, update_search

    root = make_site(tmp_path / "site", ITEMS, CONFIG)
    config = load_config(root / "config.yaml")
    session, options = Session(), BuildOptions(workers=1)
    rebuild(session, config, options, None)
    model, half = root / "content/news/model.md", root / "content/news/half.md"
    good = model.read_text()
    # An error and a warning in one file (a date that is none, a key no item has): both said, the file left out.
    both = item("Half-done story", date="soon", tpoics="[AI]")
    saves = [(half, both, "patch"), (half, BROKEN, "patch"), (model, good.replace("title:", "title: [", 1), "patch"),
             (root / "content/news/rocket.md", item("Reusable rocket lands on a ship", "2026-11-19T09:00:00Z",
                                                    topics="[Space]"), "patch"),
             (model, good.replace("beats a big one", "beats a bigger one"), "patch"),
             (half, item("Half-done story"), "patch"), (half, BROKEN, "patch"), (half, None, "patch")]
    said = []
    for step, (path, text, mode) in enumerate(saves):
        path.write_text(text) if text is not None else path.unlink()
        result = rebuild(session, config, options, [path])
        assert result.mode == mode, (step, result.mode)
        update_search(config, result.site)  # (serve does it in the background, after the reload)
        assert files_under(root / "output") == clean_build(root, tmp_path / f"fresh-{step}"), step
        full = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={})
        assert list(map(str, result.site.problems)) == list(map(str, full.site.problems)), step
        assert list(map(str, result.site.warnings)) == list(map(str, full.site.warnings)), step
        said.append((len(result.site.problems), len(result.site.warnings)))
    assert said[0][0] == 1 and said[0][1] >= 1  # the file's error and its warning
    assert said[2][0] == 2 and said[-1][0] == 0  # two files left out, then none


def test_saves_that_hold_an_item_back_or_bring_it_back_take_the_fast_path_and_list_it_as_build_does(tmp_path):
    """An item saved as a draft or dated after serve's clock is, for the plan, its story deleted; saved published
    again, its story added; a file held back edited, deleted or broken changes no page. Each time the items held
    back, and why, are those a full build lists (--report's `withheld`), and the output is a full build's."""
    from generator.build.pipeline import BuildOptions, build
    from generator.config.load import load_config
    from generator.serve.rebuild import Session, rebuild, update_search

    root = make_site(tmp_path / "site", {**ITEMS, "content/news/later.md": item("Later", "2026-12-01T10:00:00Z",
                                                                                  topics="[AI]")}, CONFIG)
    config = load_config(root / "config.yaml")
    session, options = Session(), BuildOptions(workers=1)
    rebuild(session, config, options, None)
    model, later = root / "content/news/model.md", root / "content/news/later.md"
    good = model.read_text()
    saves = [(model, good.replace("---\n", "---\npublished: false\n", 1)),  # a draft
             (model, good.replace("2026-11-18T08:00:00Z", "2026-12-24T08:00:00Z")),  # after the clock instead
             (model, good.replace("2026-11-18T08:00:00Z", "2026-12-25T08:00:00Z")),  # and again, a later day
             (model, good),  # back
             (later, item("Later, retitled", "2026-12-02T10:00:00Z", topics="[AI]")),  # held back all along
             (later, BROKEN),  # broken: an error instead
             (later, item("Later", "2026-11-21T10:00:00Z", topics="[AI]")),  # mended and dated today: published
             (later, item("Later", "2026-12-01T10:00:00Z", topics="[AI]")),
             (later, None)]  # deleted while held back
    listed = []
    for step, (path, text) in enumerate(saves):
        path.write_text(text) if text is not None else path.unlink()
        result = rebuild(session, config, options, [path])
        assert result.mode == "patch", step
        update_search(config, result.site)  # (serve does it in the background, after the reload)
        assert files_under(root / "output") == clean_build(root, tmp_path / f"fresh-{step}"), step
        full = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={})
        assert result.report()["withheld"] == full.report()["withheld"], step
        assert result.report()["rejected"] == full.report()["rejected"], step
        listed.append([entry["source"].rsplit("/", 1)[-1] for entry in full.report()["withheld"]])
    assert listed == [["later.md", "model.md"], ["later.md", "model.md"], ["later.md", "model.md"], ["later.md"],
                      ["later.md"], [], [], ["later.md"], []]


def test_serve_notes_an_item_saved_with_a_date_after_its_clock_on_the_fast_path(tmp_path):
    root = make_site(tmp_path / "site", ITEMS, CONFIG)
    lines = Lines()
    dev = start(root, echo=lines)
    try:
        before, said = len(dev.rebuilds), len(lines)
        edit(root / "content/news/model.md", "2026-11-18T08:00:00Z", "2026-12-24T08:00:00Z")
        record = settle(dev, before)
        assert record.mode == "patch" and record.action == "reload"
        assert any(line.startswith("stderr: note: content/news/model.md: dated in the future (2026-12-24T08:00:00+00:00)")
                   for line in lines[said:]), lines[said:]
        assert b"A small model beats" not in get(dev, "/repo/latest/")[2]
        _served_equals_a_full_build(dev, root, tmp_path / "fresh")
    finally:
        dev.stop()
