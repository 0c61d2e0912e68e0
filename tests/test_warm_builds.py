"""`newsdesk build` again after an edit, from the cache the last build saved on disk (a new process has no last
plan: each page's fingerprint, generator/build/fingerprints.py, decides whether it is made again).

What a user checks: a page shows what a build from scratch shows, including what it shows of other stories (the
"More on" and "More coverage" entries), and pages that show nothing of the edit are not rewritten.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, clean_build, copy_example_site, edit_file, files_under
from generator.build.cache import BuildCache
from generator.build.pipeline import BuildOptions, build
from generator.build.state import LastBuild
from generator.config.load import load_config

OPTIONS = BuildOptions(workers=1)


def _build_from_disk(root: Path):
    """What `newsdesk build` does: the cache saved by the last build, loaded afresh, saved again."""
    cache = BuildCache.load(root)
    result = build(load_config(root / "config.yaml"), OPTIONS, cache=cache)
    cache.save(root)
    return result


def _edited(root: Path, path: Path, pattern: str, replacement: str):
    """The site built from disk with one edit of `path` (edit_file's pattern and replacement): the build's result."""
    edit_file(path, pattern, replacement)
    return _build_from_disk(root)


def _front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---", 1)[0]


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    root = copy_example_site(tmp_path_factory.mktemp("warm") / "site")
    _build_from_disk(root)
    return root


@pytest.fixture
def built(built_once, tmp_path):
    """A copy of the module's built site, its output and saved cache: each test edits its own (a copy costs far
    less than building the edit undone again)."""
    return Path(shutil.copytree(built_once, tmp_path / "site"))


def _teased(root: Path, name: str):
    """A page whose `name` list (more_on_topic, sources ...) names another story, that story's entry and file."""
    result = _build_from_disk(root)
    assert result.rendered == 0
    for page in result.site.pages:
        for entry in page.context.get(name, ()) if page.kind == "article" else ():
            own = next((p for p in sorted((root / "content").rglob("*.md")) if entry.title in _front_matter(p)), None)
            if own is not None and entry.title != page.title:
                return page, entry, own
    pytest.fail(f"no article page of the example site lists another story under {name}")


# One edit of each kind runs in the quick test run (`-m "not slow"`): a title (sources below), a type (the new
# type list), a date (the second's move), a slug (another address) and coverage (a source added); CI runs all.
@pytest.mark.parametrize("name", [
    pytest.param("more_on_topic", marks=pytest.mark.slow), "sources", pytest.param("story_lead", marks=pytest.mark.slow)])
def test_a_story_shown_on_another_page_is_shown_as_edited_there(built, tmp_path, name):
    # The edited story's title is shown on another story's page (its "More on" or "More coverage" entry, or as the
    # lead of the story the page's item is in): a plan value of that page, not the page's own item (one value for
    # every page showing it). That page is made again; a page showing none of it is not.
    root = built
    page, entry, path = _teased(root, name)
    before = files_under(root / "output")
    result = _edited(root, path, r"^title: .*$", 'title: "Renamed where another page lists it"')
    after = files_under(root / "output")
    assert "Renamed where another page lists it" in after[page.output].decode()
    assert 0 < result.rendered < len(result.site.pages) / 2
    assert after["404.html"] == before["404.html"]
    assert after == clean_build(root, tmp_path / "fresh")


@pytest.mark.slow
def test_a_story_shown_on_another_page_as_a_video_is_shown_so_there(built, tmp_path):
    # What an entry says its story is (Kind: a badge and its length) is a value inside a value of the page.
    root = built
    page, entry, path = _teased(root, "more_on_topic")
    assert entry.kind.type == "article"
    _edited(root, path, r"^type: .*$", 'type: video\nlength: "PT7M41S"')
    shown = files_under(root / "output")[page.output].decode()
    listed = re.search(rf'<a class="title" href="[^"]*/{re.escape(entry.path)}">.*?</a>\s*<p class="meta">(.*?)</p>',
                       shown, re.S)
    assert listed and '<bdi><time datetime="PT7M41S"><span aria-hidden="true">8 min</span>' in listed[1]
    assert files_under(root / "output") == clean_build(root, tmp_path / "fresh")


@pytest.mark.slow
def test_a_story_shown_on_another_page_is_shown_at_its_new_time_there(built, tmp_path):
    # A time is described once a build for all the pages showing it: a second's move of the story alone shows on the
    # page listing it under "More on" (its <time datetime>), which is made again.
    root = built
    page, entry, path = _teased(root, "more_on_topic")

    def shown_time() -> str:
        shown = (root / "output" / page.output).read_text(encoding="utf-8")
        listed = re.search(rf'<a class="title" href="[^"]*/{re.escape(entry.path)}">.*?</a>\s*<p class="meta">(.*?)</p>',
                           shown, re.S)
        assert listed, f"{page.output} does not list {entry.path}"
        return re.search(r'datetime="([^"]+)"', listed[1])[1]

    before = shown_time()
    text = path.read_text(encoding="utf-8")
    moment = re.search(r"^publishedDateTime: (\S+)$", text, re.M)[1]
    later = moment.replace(":00Z", ":01Z")
    assert later != moment, f"{path}: the test moves a time written at a whole minute"
    _edited(root, path, r"^publishedDateTime: .*$", f"publishedDateTime: {later}")
    after = shown_time()
    assert after != before and after[:16] == before[:16]  # the same minute, a second later
    assert files_under(root / "output") == clean_build(root, tmp_path / "fresh")


def test_a_new_type_list_shows_in_the_header_of_pages_showing_no_item_of_it(built, tmp_path):
    # What a template reads of the site-wide values (here the type lists its header links to) is folded once per
    # template into what all its pages share: a story becoming the site's first podcast adds a header link to
    # every page, those that show nothing of that story too (the 404 page, the topics index).
    root = built
    path = sorted((root / "content").rglob("*.md"))[0]
    assert "podcasts/" not in (root / "output/404.html").read_text(encoding="utf-8")
    _edited(root, path, r"^type: .*$", "type: podcast")
    after = files_under(root / "output")
    pages = [name for name in after if name.endswith(".html")]
    assert pages and all(b'podcasts/"' in after[name] for name in pages)
    assert after == clean_build(root, tmp_path / "fresh")


def test_a_story_given_another_address_is_shown_so_in_the_api_files_naming_it_as_a_source(built, tmp_path):
    # An API file lists an item's story with the paths of its other items, which may be on another file: one of
    # them given another slug (its page moves) changes that file's rows alone, and it is made again.
    root = built
    result = _build_from_disk(root)
    for name, data in files_under(root / "output").items():
        if name.startswith("api/") and b'"news"' in data:
            news = json.loads(data)["news"]
            listed = {record["path"] for record in news}
            named = [source["path"] for record in news for source in record.get("sources", ())
                     if source["path"] not in listed]
            if named:
                break
    else:
        pytest.fail("no API file of the example site names a source it does not list")
    [key] = [page.key for page in result.site.pages if page.url == named[0]]
    path = root / key
    _edited(root, path, r"^title: ", "slug: moved-elsewhere\ntitle: ")
    after = files_under(root / "output")
    news = json.loads(after[name])["news"]
    assert any(source["path"].endswith("/moved-elsewhere/") for record in news for source in record["sources"])
    assert after == clean_build(root, tmp_path / "fresh")


def _newsdesk_build(root: Path) -> None:
    """`newsdesk build` in a process of its own: nothing compiled by this one."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--workers", "1"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_a_template_edited_between_two_builds_is_compiled_again(tmp_path):
    # The build cache keeps the compiled templates for the next `newsdesk build` (compiling the theme is a large
    # part of a small edit's build): the next one uses them only for the text they were compiled from.
    root = copy_example_site(tmp_path / "site")
    ours = root / "themes/default/templates/article.html"
    ours.parent.mkdir(parents=True)
    bundled = (ROOT / "themes/default/templates/article.html").read_text(encoding="utf-8")
    ours.write_text(bundled, encoding="utf-8")
    _newsdesk_build(root)
    assert BuildCache.load(root).compiled  # kept for the next build
    marked = bundled.replace("{% block main %}", "{% block main %}<p>Edited template</p>", 1)
    assert marked != bundled
    ours.write_text(marked, encoding="utf-8")
    _newsdesk_build(root)
    pages = [path for path in (root / "output/news").rglob("index.html")]
    assert pages and all("<p>Edited template</p>" in path.read_text(encoding="utf-8") for path in pages)
    ours.write_text(bundled, encoding="utf-8")  # and back: the first text's code again
    _newsdesk_build(root)
    assert not any("Edited template" in path.read_text(encoding="utf-8") for path in pages)
    assert files_under(root / "output") == clean_build(root, tmp_path / "fresh")


@pytest.mark.slow
def test_an_edited_story_is_shown_as_edited_in_every_feed_and_api_file_listing_it(built, tmp_path):
    # Feeds, API files and sitemaps are made again by their own fingerprints (what each shows of the items it lists,
    # kept once a build per item): every one that lists the edited story shows its new title.
    root = built
    _build_from_disk(root)
    before = files_under(root / "output")
    for path in sorted((root / "content").rglob("*.md")):
        title = re.search(r"^title: [\"']?([A-Za-z0-9 ]+)[\"']?$", _front_matter(path), re.M)
        listing = [name for name, data in before.items()
                   if name.endswith((".xml", ".json")) and title and title.group(1).encode() in data]
        if listing:
            break
    else:
        pytest.fail("no story of the example site with a plain title is in a feed or API file")
    _edited(root, path, r"^title: .*$", 'title: "Renamed in every feed"')
    after = files_under(root / "output")
    assert all(b"Renamed in every feed" in after[name] for name in listing)
    assert after == clean_build(root, tmp_path / "fresh")


def test_a_source_added_to_a_story_is_counted_on_its_other_items_pages(built, tmp_path):
    # An article page shows its story's card (Coverage: "one of N sources"), the value its cards on the lists show,
    # described once for all of them: coverage declared on one item of the story alone changes the count on the
    # page of another of its items, which is made again.
    root = built
    result = _build_from_disk(root)
    site = result.site.model.site
    for page in result.site.pages:
        card = page.context.get("story") if page.kind == "article" else None
        if card is not None and page.context["story_lead"]:
            story = next(s for s in site.stories if s.id == card.story)
            other = next(site.items[m] for m in story.members if site.items[m].path != page.url)
            break
    else:
        pytest.fail("no article page of the example site is of a story it does not lead")

    def count() -> str:
        shown = (root / "output" / page.output).read_text(encoding="utf-8")
        return re.search(r'<p class="story-of".*?</p>', shown, re.S)[0]

    before = count()
    path = root / other.source
    entry = ('  - title: "Declared elsewhere"\n    webUrl: "https://elsewhere.example/declared"\n'
             '    publishedDateTime: 2026-11-01T10:00:00Z\n    type: article\n')
    declared = re.search(r"^related:$", _front_matter(path), re.M)
    _edited(root, path, *((r"^related:\n", "related:\n" + entry) if declared
                           else (r"^title: ", "related:\n" + entry + "title: ")))
    assert count() != before
    assert files_under(root / "output") == clean_build(root, tmp_path / "fresh")


def test_a_story_moved_by_a_second_has_its_new_time_in_the_sitemap_and_the_api(built, tmp_path):
    # Neither the sitemap's rows (a page's address and <lastmod>, as text) nor api/stories/' (the newest time is its
    # first item's, which the file shows) hold a time: a story's newest item a second later changes both files.
    root = built
    result = _build_from_disk(root)
    site = result.site.model.site
    newest = [story.members[0] for story in site.stories] + [i for i in range(len(site.items)) if i not in site.story_of]
    path = root / site.items[max(newest)].source  # (the oldest of them: its minute is its own)
    text = path.read_text(encoding="utf-8")
    moment = re.search(r"^publishedDateTime: (\S+)$", text, re.M)[1]
    later = moment.replace(":00Z", ":01Z")
    assert later != moment, f"{path}: the test moves a time written at a whole minute"
    _edited(root, path, r"^publishedDateTime: .*$", f"publishedDateTime: {later}")
    after = files_under(root / "output")
    assert f"<lastmod>{later}</lastmod>".encode() in after["sitemap.xml"]
    stories = [data for name, data in after.items() if name.startswith("api/stories/")]
    assert stories and any(f'"newest":"{later}"'.encode() in data for data in stories)
    assert after == clean_build(root, tmp_path / "fresh")


def test_a_build_starts_from_the_last_one_only_when_its_caller_passes_it(built, tmp_path):
    # build() keeps nothing between builds itself (serve keeps the last build in its Session): the next build in
    # the process carries the last one's cards over only when given its `last`, and the cache holds none of it.
    config, cache = load_config(built / "config.yaml"), BuildCache()  # (in memory, as serve's: every page made)
    first = build(config, OPTIONS, cache=cache)
    assert first.rendered and first.last.plan is first.site
    cards = len(first.last.render.fragments)
    assert cards, "the build kept its cards for the next"
    carried = build(config, OPTIONS, cache=cache, last=first.last)
    alone = build(config, OPTIONS, cache=cache)
    assert carried.rendered == alone.rendered == 0
    assert carried.last.render.fragments.carried >= cards and not alone.last.render.fragments.carried
    assert not [value for value in vars(cache).values() if isinstance(value, LastBuild)]
    assert files_under(config.output_path) == clean_build(built, tmp_path / "clean")
