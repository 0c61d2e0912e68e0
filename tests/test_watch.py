"""What `newsdesk serve` rebuilds for: path classification (a table), temp files, and the debounce queue."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from generator.config.load import default_config
from generator.build.writer import update_in_place
from generator.serve.watch import ChangeKind, ChangeQueue, SiteLayout, Watcher, classify_changes, describe_changes, \
    detect_change_kind, layout_of

ROOT = Path("/site")
LAYOUT = SiteLayout(root=ROOT, config_file=ROOT / "config.yaml", content=ROOT / "content",
                    themes=(ROOT / "themes", Path("/pkg/generator/themes")), static=ROOT / "static",
                    data=ROOT / "data", output=ROOT / "output", pictures=ROOT / "pictures")

C, T, CSS, S, CFG, D = (ChangeKind.CONTENT, ChangeKind.TEMPLATE, ChangeKind.CSS, ChangeKind.STATIC,
                        ChangeKind.CONFIG, ChangeKind.DATA)


@pytest.mark.parametrize("path, kind", [
    ("/site/config.yaml", CFG),
    ("/site/content/news/a.md", C),
    ("/site/content/2026/10/deep/b.md", C),
    ("/site/content/news/a.txt", None),  # the build reads only *.md
    ("/site/content/news/a.md.txt", C),  # ... and says so of a Markdown file by another name (Notepad's)
    ("/site/content/news/a.markdown", C),
    ("/site/content/news/sed4xQb1Z", None),  # `sed -i` writes this, then renames it over the item
    ("/site/themes/default/templates/article.html", T),
    ("/site/themes/default/templates/partials/card.html", T),
    ("/site/themes/mine", T),  # a new theme folder
    ("/site/themes/default/static/css/site.css", CSS),
    ("/site/themes/default/static/CSS/PRINT.CSS", CSS),
    ("/site/themes/default/static/favicon.svg", S),
    ("/site/static/css/extra.css", CSS),
    ("/site/static/logo.png", S),
    ("/pkg/generator/themes/default/templates/base.html", T),  # the bundled theme, for theme developers
    ("/pkg/generator/themes/default/static/css/site.css", CSS),
    ("/site/data/topics/ai.yaml", D),
    ("/site/data/organizations/x.md", D),
    ("/site/pictures/manifest.json", D),  # a new `newsdesk pictures` run: the pages offer other copies
    ("/site/pictures", D),
    ("/site/pictures/0123456789abcdef01234567-160.webp", None),  # (the manifest comes after the copies)
    ("/site/pictures/.manifest.json.part", None),
    # never read by a build
    ("/site/output/index.html", None),
    ("/site/output", None),
    ("/site/.output.newsdesk-staging/index.html", None),
    ("/site/.output.newsdesk-staging", None),
    ("/site/.output.newsdesk-old", None),
    ("/site/.output.newsdesk-spare/top/index.html", None),
    ("/site/.output.newsdesk-recycle/12", None),
    ("/site/README.md", None),
    ("/site/.git/index", None),
    ("/elsewhere/content/a.md", None),
    ("/site/content/.hidden/a.md", None),
    ("/site/content/news/.a.md", None),
    ("/site/themes/default/static/.cache/x.css", None),
    # editor temp, backup and lock files
    ("/site/content/news/.a.md.swp", None),
    ("/site/content/news/a.md.swp", None),
    ("/site/content/news/a.md.swx", None),
    ("/site/content/news/a.md~", None),
    ("/site/content/news/.#a.md", None),
    ("/site/content/news/#a.md#", None),
    ("/site/content/news/4913", None),
    ("/site/themes/default/templates/sedrGvQhg", None),  # `sed -i`'s copy
    ("/site/content/news/sediment.md", ChangeKind.CONTENT),
    ("/site/content/news/a.md.tmp", None),
    ("/site/themes/default/templates/base.html___jb_tmp___", None),
    ("/site/config.yaml~", None),
])
def test_detect_change_kind(path, kind):
    assert detect_change_kind(Path(path), LAYOUT) is kind


def test_content_folders_count():
    # a folder of items moved in, out, or deleted
    assert detect_change_kind(Path("/site/content/news"), LAYOUT, directory=True) is C
    assert detect_change_kind(Path("/site/content"), LAYOUT, directory=True) is C
    assert classify_changes({"/site/content/2025": True, "/site/content/x.txt": False}, LAYOUT) == {
        Path("/site/content/2025"): C}


def test_output_inside_content_is_still_ignored():
    # content_dir: "." puts the output folder inside the content folder; its files must not start builds
    layout = SiteLayout(ROOT, ROOT / "config.yaml", ROOT, (ROOT / "themes",), ROOT / "static", None, ROOT / "public")
    assert detect_change_kind(Path("/site/public/index.html"), layout) is None
    assert detect_change_kind(Path("/site/.public.newsdesk-staging/a/index.html"), layout) is None
    assert detect_change_kind(Path("/site/a.md"), layout) is ChangeKind.CONTENT


def test_layout_of_a_config(tmp_path):
    config = default_config(tmp_path, content_dir="items", output_dir="public", data_dir="records")
    layout = layout_of(config, tmp_path / "config.yaml")
    root = tmp_path.resolve()
    assert layout.content == root / "items"
    assert layout.output == root / "public"
    assert layout.data == root / "records"
    assert layout.pictures == root / "pictures" and (root / "pictures", False) in layout.watched
    assert layout.themes[0] == root / "themes"
    assert any((t / "default" / "templates").is_dir() for t in layout.themes)  # the bundled theme is watched too
    assert (root / "items", True) in layout.watched and (root, False) in layout.watched


def test_an_editor_save_is_one_batch_of_the_real_file():
    # vim: probe file 4913, rename to a backup, write the file anew, delete the backup
    events = ["/site/content/news/4913", "/site/content/news/4913", "/site/content/news/a.md",
              "/site/content/news/a.md~", "/site/content/news/a.md", "/site/content/news/a.md~"]
    queue = ChangeQueue(quiet=0.05)
    for path in events:
        queue.add(path)
    batch = queue.next_batch()
    assert classify_changes(batch, LAYOUT) == {Path("/site/content/news/a.md"): ChangeKind.CONTENT}


def test_a_burst_of_500_files_is_one_batch():
    queue = ChangeQueue(quiet=0.05)
    writer = threading.Thread(target=lambda: [queue.add(f"/site/content/x/{n}.md") for n in range(500)])
    writer.start()
    writer.join()
    batch = queue.next_batch()
    assert len(batch) == 500 and len(set(batch)) == 500
    queue.close()
    assert queue.next_batch() is None  # nothing left: the builder thread ends


def test_paths_reported_twice_come_once_in_order():
    queue = ChangeQueue(quiet=0.01)
    queue.add("/site/content/b.md", "/site/content/a.md")
    queue.add("/site/content/b.md")
    queue.add("/site/content/new", directory=True)
    assert queue.next_batch() == {"/site/content/b.md": False, "/site/content/a.md": False, "/site/content/new": True}


def test_close_wakes_a_waiting_builder():
    queue = ChangeQueue()
    got = []
    waiter = threading.Thread(target=lambda: got.append(queue.next_batch()))
    waiter.start()
    queue.close()
    waiter.join(timeout=10)
    assert got == [None]


def test_stays_quiet_until_a_change_comes():
    # serve waits this way before preparing the next patch: a change that comes meanwhile ends the wait at once
    queue = ChangeQueue(quiet=0.01)
    assert queue.stays_quiet(0.05)
    timer = threading.Timer(0.05, queue.add, args=("/site/content/a.md",))
    timer.start()
    started = time.monotonic()
    assert not queue.stays_quiet(30)
    assert time.monotonic() - started < 10  # it returned when the path came, not at the end of the 30 s
    timer.join()
    assert not queue.stays_quiet(0.05)  # it is still waiting to be built
    assert queue.next_batch() == {"/site/content/a.md": False}
    queue.close()
    assert not queue.stays_quiet(30)


def test_the_builds_own_writes_are_no_change_to_the_watcher(tmp_path):
    # The writer keeps its journal beside the output, in the site's root, which serve watches for config.yaml:
    # those writes are no edit, and must not end the quiet serve waits for before preparing the next patch.
    (tmp_path / "content").mkdir()
    (tmp_path / "output").mkdir()
    layout = layout_of(default_config(tmp_path), tmp_path / "config.yaml")
    queue = ChangeQueue(quiet=0.01)
    watcher = Watcher(queue)
    watcher.start(layout)
    try:
        update_in_place(layout.output, {"index.html": b"<p>new</p>"}, {}, set())
        assert (layout.output / "index.html").read_bytes() == b"<p>new</p>"
        assert queue.stays_quiet(0.5), queue.next_batch()
        (tmp_path / "content" / "a.md").write_text("---\ntitle: A\n---\n")
        assert not queue.stays_quiet(10)  # an edit does come through
        assert str(layout.content / "a.md") in queue.next_batch()
    finally:
        watcher.stop()
        queue.close()


def test_describe_changes(tmp_path):
    root = tmp_path
    (root / "a.md").write_text("x")
    assert describe_changes({root / "a.md": C}, root) == "a.md changed"
    assert describe_changes({root / "gone.md": C}, root) == "gone.md removed"
    assert describe_changes({root / "a.md": C, root / "b.md": C, root / "c.md": C}, root) == "a.md and 2 more changed"
    # a folder of items deleted while serving: every one is gone
    assert describe_changes({root / "old/x.md": C, root / "old/y.md": C}, root) == "old/x.md and 1 more removed"
