"""Rebuilds after an edit: serve's fast path (generator/serve/fastpath.py) and in-place updates.

What a user checks: after any edit, the output is exactly what a full build of the same files makes,
and the edits that should be quick (an item's words) go the quick way, the others the careful way.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import edit_file, copy_example_site, files_under, without_stories
from generator.build.pipeline import BuildOptions, build, plan_site
from generator.build.cache import BuildCache
from generator.config.load import load_config
from generator.site.model import Item, Provider
from generator.serve.fastpath import Dependents, held_in
from generator.serve.rebuild import Session, rebuild, update_search
from generator.build.writer import update_in_place

OPTIONS = BuildOptions(workers=1)


def _full_build(root: Path, tmp_path: Path, name: str) -> dict[str, bytes]:
    fresh = tmp_path / name
    build(load_config(root / "config.yaml", {"output_dir": str(fresh)}), OPTIONS)
    return files_under(fresh)


def _save(session: Session, config, changed) -> object:
    """What serve does after a save: rebuild, then bring the search index up to date (in the background there)."""
    result = rebuild(session, config, OPTIONS, changed)
    update_search(config, result.site)
    return result


@pytest.fixture
def site(tmp_path):
    # Stories off: these edits (a copy of a story, a redate of one of a story's items) change stories, which
    # the fast path leaves to the build; serve with stories is tested in tests/test_stories_site.py.
    root = copy_example_site(tmp_path / "site")
    config = load_config(without_stories(root / "config.yaml"))
    session = Session()
    rebuild(session, config, OPTIONS, None)
    return root, config, session


def _site_with(tmp_path: Path, setting: str, value: str):
    """The example site with one config.yaml setting changed, built once in a serve Session: (root, config, session)."""
    root = copy_example_site(tmp_path / "site")
    config_file = without_stories(root / "config.yaml")
    text = config_file.read_text(encoding="utf-8")
    changed = re.sub(rf"^(\s*){setting}: .*$", rf"\g<1>{setting}: {value}", text, count=1, flags=re.M)
    assert changed != text, setting
    config_file.write_text(changed, encoding="utf-8")
    config, session = load_config(config_file), Session()
    rebuild(session, config, OPTIONS, None)
    return root, config, session


def _items(root: Path) -> list[Path]:
    return sorted((root / "content/news").glob("*.md"))


TEXT_EDITS = {
    "title": (r"^title: .*$", 'title: "A new headline, with <b>markup</b> & an ampersand"'),
    "excerpt": (r"^excerpt: .*$", 'excerpt: "A different summary."'),
    "body": (r"\Z", "\n\nA new closing paragraph with a [link](https://example.org/).\n"),
    "image": (r"^    width: 640$", "    width: 600"),
    "amp": (r"^ampWebUrl: .*$", 'ampWebUrl: "https://elsewhere.example/amp/"'),
}

SCORE_EDITS = {  # the item moves in the front page, Top and Hot only
    "heat": (r"^heat: .*$", "heat: 3"),
    "heat-to-the-top": (r"^heat: .*$", "heat: 100000"),
    "quality-same-average": (r"^quality: .*$", "quality: 64.01"),  # dailycircuit's average stays 81.1
    "quality": (r"^quality: .*$", "quality: 99"),  # dailycircuit's average moves: its card on its pages changes
}

MOVES = {  # the item moves elsewhere in the site: the fast path plans again what it touches
    "date": (r"^publishedDateTime: .*$", "publishedDateTime: 2026-10-02T09:00:00Z"),
    "date-a-little": (r"^publishedDateTime: .*$", "publishedDateTime: 2026-10-30T08:00:00Z"),
    "topic-known": (r"^  - AI$", "  - Security"),
    "webUrl": (r"^webUrl: .*$", 'webUrl: "https://moved.example/story/"'),
    "slug": (r"^title: ", "slug: a-new-address\ntitle: "),
    "provider-name": (r"^  name: .*$", "  name: Another Provider"),  # its provider's newest story names it still
    "type-video": (r"^type: article$", "type: video"),  # into the Videos list the site has
}

HOLDS = {  # the item is held back, as a build holds it back: for the plan, its story deleted
    "unpublished": (r"^published: true$", "published: false"),
    "future": (r"^publishedDateTime: .*$", "publishedDateTime: 2027-10-02T09:00:00Z"),
}

SHAPE_EDITS = {  # what the site holds, or shows on every page, changes: planned again
    "topics": (r"^  - AI$", "  - Robotics"),  # a new topic of the site
    "provider": (r"^  domain: .*$", "  domain: a-new-provider.example"),  # a new provider
    "type-download": (r"^type: article$", "type: download"),  # a Downloads list, in every page's header
}


# One edit of each kind runs in the quick test run (`-m "not slow"`), the others in CI's: a text edit in the first
# test below, a move in the saved story's test, a score edit in the provider-average test, a change of the site's
# shape in the fingerprints' test, an item held back in tests/test_serve_broken_items.py.
def _params(cases, ids, quick):
    return [pytest.param(*case, id=name, marks=() if case[0] in quick else pytest.mark.slow)
            for case, name in zip(cases, ids)]


EDITS = [(field, "patch", edit) for field, edit in sorted({**TEXT_EDITS, **SCORE_EDITS, **MOVES, **HOLDS}.items())] + \
        [(field, "update", edit) for field, edit in sorted(SHAPE_EDITS.items())]


@pytest.mark.parametrize("field, mode, edit", _params(EDITS, [f"{field}-{mode}" for field, mode, _ in EDITS],
                                                     quick={"title"}))
def test_an_item_edit_takes_its_path_and_equals_a_full_build(site, tmp_path, field, mode, edit):
    # Text and score edits are patched into the last plan; edits that change the site's shape are planned again.
    root, config, session = site
    path = _items(root)[0]
    edit_file(path, *edit)
    result = _save(session, config, [path])
    assert result.mode == mode
    if field in TEXT_EDITS:
        assert 1 <= result.rendered < 20  # its page and the lists that show it, not the site
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")


@pytest.mark.slow
def test_an_edit_naming_a_missing_picture_is_warned_of_as_a_build_warns(site, tmp_path):
    """serve says, as `newsdesk build` does, that a saved item names a picture of static/ that is not there,
    and stops saying it when the item is mended."""
    root, config, session = site
    path = _items(root)[0]
    edit_file(path, r'^  - url: "static/pictures/(.*)"$', r'  - url: "static/pictures/typo-\1"')
    warned = [str(w) for w in _save(session, config, [path]).site.warnings]
    assert [w for w in warned if "typo-" in w] == [w for w in warned if w.startswith(path.relative_to(root).as_posix())]
    assert len(warned) == 1 and "`images`: no file static/pictures/typo-" in warned[0]
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")
    edit_file(path, r'^  - url: "static/pictures/typo-(.*)"$', r'  - url: "static/pictures/\1"')
    assert _save(session, config, [path]).site.warnings == ()


@pytest.mark.parametrize("field", _params([(field,) for field in sorted(SHAPE_EDITS)], sorted(SHAPE_EDITS),
                                          quick={"topics"}))
def test_fingerprints_kept_from_the_last_plan_are_what_hashing_again_gives(site, field):
    # After an edit that plans the site again, the outputs planned exactly as before keep the last build's
    # fingerprint without hashing (deps.unchanged_fingerprints): each must be what hashing gives.
    from generator.build.fingerprints import unchanged_fingerprints

    root, config, session = site
    previous, known, last = session.last.plan, dict(session.cache.outputs), session.last
    path = _items(root)[0]
    edit_file(path, *SHAPE_EDITS[field])
    result = _save(session, config, [path])
    assert result.mode == "update"
    if last.render.site_wide_key != session.last.render.site_wide_key:  # then the build hashes every output again
        assert field in ("topics", "provider", "type-download")  # a new topic, provider or type list: a global changed
        return
    reused = unchanged_fingerprints(previous, result.site, known)
    fresh = BuildCache()  # a first build of the same files hashes every output (the same config: it is hashed too)
    build(config, OPTIONS, cache=fresh)
    hashed = {name: entry[0] for name, entry in fresh.outputs.items()}
    assert len(reused) > len(hashed) / 2  # most of the site is as it was
    assert {name: hashed[name] for name in reused} == reused
    assert {name: entry[0] for name, entry in session.cache.outputs.items()} == hashed  # and the cache has the rest


@pytest.mark.slow
def test_a_score_edit_renders_only_the_pages_that_changed(site, tmp_path):
    root, config, session = site
    before = files_under(config.output_path)
    path = _items(root)[-3]  # (a recent story: an old one needs more than heat to lead Hot)
    edit_file(path, r"^heat: .*$", "heat: 100000")  # to the top of Hot, up in Top
    result = _save(session, config, [path])
    after = files_under(config.output_path)
    assert result.mode == "patch"
    changed = {name for name in after if before.get(name) != after[name]}
    assert {"index.html", "hot/index.html", "top/index.html", "feeds/top.xml"} <= changed
    pages = {page.output for page in result.site.pages}
    assert result.rendered == len(changed & pages)  # every page rendered changed, and no other page did
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")
    # The newest story sinks to the bottom of Hot and Top: the lists by score have no date in the sitemap.
    edit_file(_items(root)[-1], r"^heat: .*$", "heat: 0")
    assert _save(session, config, [_items(root)[-1]]).mode == "patch"
    assert files_under(config.output_path)["sitemap.xml"] == before["sitemap.xml"]
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh-2")


@pytest.mark.parametrize("field, edit", _params(sorted({**TEXT_EDITS, **SCORE_EDITS, **MOVES}.items()),
                                                  sorted({**TEXT_EDITS, **SCORE_EDITS, **MOVES}), quick={"date"}))
def test_the_saved_storys_page_is_written_first_and_the_rest_named_before_it_is(site, tmp_path, field, edit):
    # serve reloads the browser once the fast path has written the saved story's page and the first pages of
    # the lists (rebuild's HandOver), and holds a request for any file it names until the rebuild returns:
    # so every other file must already be final then, and the names must cover every file still to change.
    root, config, session = site
    path = _items(root)[-3] if field in SCORE_EDITS else _items(root)[0]  # (as the tests above pick them)
    before = files_under(config.output_path)
    edit_file(path, *edit)
    handed: list = []

    def shown(held):
        handed.append((held, files_under(config.output_path)))

    result = rebuild(session, config, OPTIONS, [path], shown=shown)
    after = files_under(config.output_path)
    update_search(config, result.site)  # (serve's indexer, later)
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")
    assert result.mode == "patch" and len(handed) == 1  # (each of these edits changes the story's page)
    held, at_reload = handed[0]
    story = next(page.output for page in result.site.pages if page.kind == "article" and page.key == path.name
                 or page.key.endswith("/" + path.name))
    assert at_reload.get(story) == after[story] and at_reload["index.html"] == after["index.html"]
    assert before.get(story) != after[story] or before["index.html"] != after["index.html"]
    late = {name for name in set(after) | set(at_reload) if at_reload.get(name) != after.get(name)}
    assert all(held.holds(name) for name in late)  # so serve holds requests for them
    assert not held.holds(story) and not held.holds("index.html")
    static = [name for name in at_reload if name.startswith("static/")]
    assert static and not any(held.holds(name) for name in static)  # the reloaded page's stylesheet comes at once


@pytest.mark.slow  # (a text edit runs quick in the first test)
def test_a_headline_edit_plans_again_only_the_feeds_and_api_files_of_the_lists_showing_the_story(site, tmp_path):
    # After the reload, serve plans the feeds and API files: those of the topics and providers whose lists
    # the edit leaves as they were are the last plan's (their pages are kept alike), not planned again.
    root, config, session = site
    last = session.last.plan
    path = _items(root)[0]
    edit_file(path, *TEXT_EDITS["title"])
    result = _save(session, config, [path])
    assert result.mode == "patch"
    site = result.site.model.site
    index = next(n for n, item in enumerate(site.items) if item.source.endswith(path.name))
    before = {output.name: output for output in last.outputs}
    topics = [slug for slug, order in site.topic_items.items() if index not in order]  # (a parent lists its children's)
    others = [f"topics/{slug}/feed.xml" for slug in topics] + [f"api/news/{slug}/index.json" for slug in topics]
    others += [f"providers/{slug}/feed.rss" for slug in site.providers if slug != site.items[index].provider.slug]
    assert len(others) > 3
    now = {output.name: output for output in result.site.outputs}
    assert [name for name in others if now[name] is not before[name]] == []
    assert now["feeds/latest.xml"] is not before["feeds/latest.xml"]  # (planned again: it shows the story)
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")


def test_two_quality_edits_at_once_are_built_and_equal_a_full_build(site, tmp_path):
    root, config, session = site
    paths = [p for p in _items(root) if "domain: dailycircuit.example" in p.read_text(encoding="utf-8")][:2]
    for path, delta in zip(paths, (+7, -7)):
        quality = float(re.search(r"^quality: (.*)$", path.read_text(encoding="utf-8"), re.M)[1])
        edit_file(path, r"^quality: .*$", f"quality: {quality + delta:g}")
    assert _save(session, config, paths).mode == "update"  # the fast path takes one file
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")


def test_a_quality_edit_that_moves_the_provider_average_makes_the_pages_with_its_card(site, tmp_path):
    root, config, session = site
    before = files_under(config.output_path)
    old_average = session.last.plan.model.site.providers["dailycircuit-example"].avg_quality
    path = _items(root)[0]  # a Daily Circuit story
    edit_file(path, r"^quality: .*$", "quality: 99")
    result = _save(session, config, [path])
    assert result.mode == "patch"
    new_average = result.site.model.site.providers["dailycircuit-example"].avg_quality
    assert new_average != old_average
    old_text, new_text = (f"average quality {value:g}".encode() for value in (old_average, new_average))
    after = files_under(config.output_path)
    assert old_text in before["providers/dailycircuit-example/index.html"]
    assert new_text in after["providers/dailycircuit-example/index.html"] and new_text in after["providers/index.html"]
    stories = [page.output for page in result.site.pages if page.kind == "article"
               and page.context["provider"] and page.context["provider"].slug == "dailycircuit-example"]
    assert len(stories) > 1 and all(new_text in after[name] for name in stories)
    assert after == _full_build(root, tmp_path, "fresh")


def test_every_provider_a_page_holds_is_found_by_dependents(example):
    # Dependents looks for Providers at the top of each page's context (and in tuples there), to find the
    # pages a provider's new average quality changes.
    config, _result, _out = example
    plan = plan_site(config, OPTIONS)
    dependents = Dependents(plan)

    for number, page in enumerate(plan.pages):
        for provider in held_in(page.context, Provider, []):
            assert number in dependents.providers[provider.slug], page.output
    assert dependents.providers["dailycircuit-example"]


@pytest.mark.slow
def test_a_heat_edit_over_or_under_min_heat_is_planned_again(tmp_path):
    # Top and Hot leave out stories under min_heat: crossing it adds or removes a story (the fast path plans Top and Hot again).
    root, config, session = _site_with(tmp_path, "min_heat", "20")
    path = _items(root)[0]  # heat 71
    for heat in (50, 3, 90, 95):
        edit_file(path, r"^heat: .*$", f"heat: {heat}")
        result = _save(session, config, [path])
        assert result.mode == "patch", heat
        items = result.site.model.site.items
        on_top = {items[index].source for index in result.site.rankings.top}
        assert any(source.endswith(path.name) for source in on_top) == (heat >= 20), heat
        assert files_under(config.output_path) == _full_build(root, tmp_path, f"fresh-{heat}")


@pytest.mark.slow
def test_many_text_score_and_date_edits_in_a_row_then_a_full_look_rewrites_nothing(site, tmp_path):
    root, config, session = site
    paths = _items(root)
    for n, path in enumerate(paths[:6] + paths[:3]):
        edit_file(path, r"^title: .*$", f'title: "Edit number {n}"')
        assert _save(session, config, [path]).mode == "patch"
        if n % 3 == 0:  # and a score edit now and then: the lists by score show other stories
            edit_file(path, r"^heat: .*$", f"heat: {500 + n}")
            assert _save(session, config, [path]).mode == "patch"
        if n % 3 == 1:  # or a new date: the story moves in Latest, its topics' and provider's lists
            edit_file(path, r"^publishedDateTime: .*$", f"publishedDateTime: 2026-10-{10 + n:02}T09:00:00Z")
            assert _save(session, config, [path]).mode == "patch"
        if n % 2:
            session.prepare()  # as serve does after a rebuild, once the browser is told (not after each)
    expected = _full_build(root, tmp_path, "fresh")
    assert files_under(config.output_path) == expected
    session.prepare()
    again = rebuild(session, config, OPTIONS, None)  # no watcher: every file is looked at
    assert again.mode == "update" and again.written.written == 0
    assert again.rendered == 0  # the fast path left the fingerprints of what it made
    assert files_under(config.output_path) == expected


@pytest.mark.slow
def test_cards_carried_from_the_last_build_only_while_what_they_show_is_unchanged(site, tmp_path):
    # serve keeps the last build's cards (generator/render/fragments.py) when config, templates and site-wide values
    # are the same: a story redated or deleted (patches), two stories edited at once, or a story added with
    # another edited (planned again) keep them; a new provider (the badges are on cards) or a topic renamed
    # in config.yaml drops them.
    root, config, session = site
    paths = _items(root)
    new = root / "content/news/2026-11-01-a-new-story.md"
    steps = [  # (files to write, the build's mode, whether the cards are kept)
        ({paths[0]: (r"^publishedDateTime: .*$", "publishedDateTime: 2026-10-02T09:00:00Z")}, "patch", True),
        ({paths[1]: (r"^publishedDateTime: .*$", "publishedDateTime: 2026-10-05T09:00:00Z"),
          paths[2]: (r"^webUrl: .*$", 'webUrl: "https://moved.example/story/"')}, "update", True),
        ({new: None, paths[5]: (r"^heat: .*$", "heat: 7")}, "update", True),
        ({new: "delete"}, "patch", True),
        ({paths[3]: (r"^  domain: .*$", "  domain: a-new-provider.example")}, "update", False),
        ({paths[4]: (r"^publishedDateTime: .*$", "publishedDateTime: 2026-09-30T09:00:00Z")}, "patch", True),
    ]
    for step, (edits, mode, kept) in enumerate(steps):
        before = session.last.render.fragments
        assert before, "the last build cached its cards"
        for path, edit in edits.items():
            if edit is None:
                path.write_text(paths[5].read_text(encoding="utf-8").replace("title:", "slug: fresh\ntitle:", 1))
            elif edit == "delete":
                path.unlink()
            else:
                edit_file(path, *edit)
        result = _save(session, config, list(edits))
        assert result.mode == mode, edits
        after = session.last.render.fragments  # (the same store after a patch; a build carries its outputs over)
        assert (after is before or after.carried > 0) == kept, edits
        assert files_under(config.output_path) == _full_build(root, tmp_path, f"fresh-{step}")
        session.prepare()
    config_file = root / "config.yaml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace("name: AI", "name: Machine Learning", 1))
    assert "Machine Learning" in config_file.read_text(encoding="utf-8")
    before = session.last.render.fragments
    config = load_config(config_file)
    _save(session, config, [config_file])
    assert session.last.render.fragments is not before and not session.last.render.fragments.carried
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh-config")


@pytest.mark.slow
def test_a_new_story_and_a_deleted_one_are_patched(site, tmp_path):
    # The fast path adds or removes the one story; its page comes or goes with it. (The new story has the
    # URLs of another, newer than it: stories listing that URL as related coverage link to the new one now.)
    root, config, session = site
    new = root / "content/news/2026-11-01-a-new-story.md"
    new.write_text(_items(root)[0].read_text(encoding="utf-8").replace("title:", "slug: fresh\ntitle:", 1)
                   .replace("publishedDateTime: 2026-10-01T07:40:00Z", "publishedDateTime: 2026-11-01T07:40:00Z"))
    result = _save(session, config, [new])
    assert result.mode == "patch"
    assert (config.output_path / "news/2026/11/01/fresh/index.html").is_file()
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh-added")
    new.unlink()
    result = _save(session, config, [new])
    assert result.mode == "patch" and result.written.removed >= 1
    assert not (config.output_path / "news/2026/11/01/fresh").exists()
    deleted = _items(root)[2]
    deleted.unlink()
    assert _save(session, config, [deleted]).mode == "patch"
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh-deleted")


def test_the_fast_path_rewrites_what_it_plans_again_by_the_builds_rule(site, tmp_path):
    # Fingerprints decide what is rewritten, in the fast path as in the build: a page planned again comes out the
    # same, but its file is not what the output held when it was written (changed by hand here), so it is made.
    # Deleting the first story moves every other one a place: each story's page is planned again, renumbered.
    root, config, session = site
    first = session.last.plan.model.site.items[0]
    pages = [page.output for page in session.last.plan.pages if page.kind == "article" and page.key != first.source]
    assert len(pages) > 3
    for name in pages:
        with (config.output_path / name).open("a", encoding="utf-8") as page:
            page.write("<!-- changed by hand -->")
    (root / first.source).unlink()
    assert _save(session, config, [root / first.source]).mode == "patch"
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")


@pytest.mark.slow  # (over a second; drafts and broken items run quick in tests/test_serve_broken_items.py)
def test_hidden_files_and_other_files_are_not_patched_new_drafts_and_broken_items_are(site, tmp_path):
    root, config, session = site
    draft = root / "content/news/2026-11-02-a-draft.md"
    draft.write_text(_items(root)[0].read_text(encoding="utf-8").replace("published: true", "published: false")
                     .replace("title:", "slug: a-draft\ntitle:", 1))
    result = _save(session, config, [draft])  # withheld: no page changes, and the report lists it
    assert result.mode == "patch" and {"source": "content/news/2026-11-02-a-draft.md",
                                       "reason": "published: false"} in result.report()["withheld"]
    hidden = root / "content/news/.hidden/2026-11-03-hidden.md"  # not read by the build at all
    hidden.parent.mkdir()
    hidden.write_text(_items(root)[0].read_text(encoding="utf-8").replace("title:", "slug: hidden\ntitle:", 1))
    assert _save(session, config, [hidden]).mode == "update"
    two = [root / "content/news/2026-11-04-one.md", root / "content/news/2026-11-04-two.md"]
    for n, path in enumerate(two):
        path.write_text(_items(root)[0].read_text(encoding="utf-8").replace("title:", f"slug: two-{n}\ntitle:", 1))
    assert _save(session, config, two).mode == "update"  # several new files at once
    broken = _items(root)[1]
    broken.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    result = _save(session, config, [broken])
    # (left out as a build leaves it out, on the fast path: serve/rebuild.py's _with_problems)
    assert result.mode == "patch" and any(p.path.endswith(broken.name) for p in result.site.problems)
    assert _save(session, config, [root / "config.yaml"]).mode != "patch"
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")


def test_every_item_a_page_shows_is_in_its_items(example):
    # Dependents (generator/serve/fastpath.py) finds the pages to redo from Page.items alone.
    config, _result, _out = example
    plan = plan_site(config, OPTIONS)
    position = {id(item): n for n, item in enumerate(plan.model.site.items)}
    found = 0
    for page in plan.pages:
        shown = {position[id(item)] for item in held_in(page.context, Item, [])}
        assert shown <= set(page.items), page.output
        found += len(shown)
    assert found > 0


def test_update_in_place_replaces_changed_files_and_removes_gone_ones(tmp_path):
    out = tmp_path / "output"
    (out / "a").mkdir(parents=True)
    (out / "a/index.html").write_bytes(b"old")
    (out / "same.txt").write_bytes(b"same")
    (out / "gone/deep").mkdir(parents=True)
    (out / "gone/deep/index.html").write_bytes(b"bye")
    same_inode = (out / "same.txt").stat().st_ino
    report = update_in_place(out, {"a/index.html": b"new", "same.txt": b"same", "b/c/index.html": b"c"}, {},
                             {"gone/deep/index.html"})
    assert sorted(report.changed) == ["a/index.html", "b/c/index.html"]
    assert report.removed == 1
    assert (out / "a/index.html").read_bytes() == b"new" and (out / "b/c/index.html").read_bytes() == b"c"
    assert (out / "same.txt").stat().st_ino == same_inode  # equal bytes are not rewritten
    assert not (out / "gone").exists()  # folders left empty go too
    with pytest.raises(Exception, match="outside the output folder"):
        update_in_place(out, {"../escape.txt": b"x"}, {}, set())
    assert not (tmp_path / "escape.txt").exists()


def test_update_in_place_of_many_files_replaces_only_the_changed_ones(tmp_path):
    # From PARALLEL_WRITES files on, they are written from several threads: the same result, in order.
    from generator.build.writer import PARALLEL_WRITES

    out = tmp_path / "output"
    names = [f"top/page/{n}/index.html" for n in range(2, PARALLEL_WRITES + 40)]
    update_in_place(out, {name: f"old {name}".encode() for name in names}, {}, set())
    inodes = {name: (out / name).stat().st_ino for name in names}
    (out / "clash").mkdir()
    (out / "clash/inside.html").write_bytes(b"a folder where a file now goes")
    files = {name: (f"new {name}" if n % 3 == 0 else f"old {name}").encode() for n, name in enumerate(names)}
    files["clash"] = b"a file"
    files["brand/new/folder/index.html"] = b"new"
    report = update_in_place(out, files, {}, set())
    expected = [name for n, name in enumerate(names) if n % 3 == 0] + ["clash", "brand/new/folder/index.html"]
    assert list(report.changed) == expected and report.unchanged == len(files) - len(expected)
    assert files_under(out) == files
    assert all((out / name).stat().st_ino == inodes[name] for n, name in enumerate(names) if n % 3)


@pytest.mark.slow
def test_a_redated_story_renders_the_pages_that_show_it_not_every_story(site, tmp_path):
    # A story's new date moves its page (news/2026/10/02/...): the story pages whose "More coverage" links to it
    # show its new path (internal() answers for the stories a page shows); the other story pages keep their
    # fingerprint, so they are not rendered again.
    root, config, session = site
    path = root / "content/news/2026-10-22-what-vaultly-breach-means.md"  # the other Vaultly story links to it
    before = {name: entry[0] for name, entry in session.cache.outputs.items()}
    planned = {page.output: page for page in session.last.plan.pages}
    edit_file(path, r"^publishedDateTime: .*$", "publishedDateTime: 2026-10-02T09:00:00Z")
    result = _save(session, config, [path])
    assert result.mode == "patch"
    items = result.site.model.site.items
    moved = next(n for n, item in enumerate(items) if item.source.endswith(path.name))
    stories = [page for page in result.site.pages if page.kind == "article"]
    again = {page.output for page in stories if before.get(page.output) != session.cache.outputs[page.output][0]}
    # ... and the story pages whose "More on <topic>" and "More from <provider>" name other stories now.
    more = lambda page: (page.context["more_on_topic"], page.context["more_from_provider"])  # noqa: E731
    showing = {page.output for page in stories if moved in page.items or more(page) != more(planned[page.output])}
    assert again == showing and len(showing) < len(stories)
    assert len(showing) > 1  # its own page and at least one that links to it
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")


@pytest.mark.slow
def test_a_story_given_the_url_another_lists_as_related_is_linked_from_it(site, tmp_path):
    # The Lumenkite launch story lists the seed-round story's URL as related coverage: its page links to the
    # site's own page of that story while one has the URL. Taking the URL away and giving it back are patches.
    root, config, session = site
    path = root / "content/news/2026-10-04-lumenkite-raises-seed-round.md"
    text = path.read_text(encoding="utf-8")
    linking = config.output_path / "news/2026/10/03/lumenkite-books-first-rideshare-launch/index.html"
    own = "/news/2026/10/04/lumenkite-raises-seed-round/"
    assert own in linking.read_text(encoding="utf-8")
    moved = text.replace("https://theseedround.example/2026/10/04/", "https://theseedround.example/moved/")
    for step, written in (("away", moved), ("back", text)):
        path.write_text(written, encoding="utf-8")
        assert _save(session, config, [path]).mode == "patch"
        assert (own in linking.read_text(encoding="utf-8")) == (step == "back")
        assert files_under(config.output_path) == _full_build(root, tmp_path, f"fresh-{step}")



@pytest.mark.slow
def test_related_coverage_the_site_has_shows_its_story_as_it_is_now(site, tmp_path):
    # The launch story lists the seed-round story as related coverage, with the title its crawler copied: its
    # "More coverage" kept showing that copy after the site's own story was retitled. It shows the site's
    # story as it is now, and a retitle reaches it as a patch.
    root, config, session = site
    path = root / "content/news/2026-10-04-lumenkite-raises-seed-round.md"
    linking = config.output_path / "news/2026/10/03/lumenkite-books-first-rideshare-launch/index.html"
    assert "Lumenkite raises $18 million seed round to build optical relay satellites" in linking.read_text("utf-8")
    edit_file(path, r"^title: .*$", 'title: "Lumenkite closes its seed round"')
    assert _save(session, config, [path]).mode == "patch"
    assert "Lumenkite closes its seed round" in linking.read_text(encoding="utf-8")
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")

@pytest.mark.slow
def test_a_move_that_takes_a_page_from_one_topic_and_gives_one_to_another(tmp_path):
    # With one story a page, a story moved from AI to Space takes AI's last page away (its file is removed)
    # and gives Space one more: a patch all the same, with a full build's bytes.
    root, config, session = _site_with(tmp_path, "items_per_page", "1")
    pages = {topic: len(list((config.output_path / f"topics/{topic}").rglob("index.html"))) for topic in ("ai", "space")}
    path = _items(root)[0]  # AI and Climate
    edit_file(path, r"^  - AI$", "  - Space")
    result = _save(session, config, [path])
    assert result.mode == "patch" and result.written.removed >= 1
    after = {topic: len(list((config.output_path / f"topics/{topic}").rglob("index.html"))) for topic in ("ai", "space")}
    assert after == {"ai": pages["ai"] - 1, "space": pages["space"] + 1}
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")


@pytest.mark.slow
def test_a_story_moved_for_writing_anothers_page_takes_it_when_that_one_moves(site, tmp_path):
    # Two stories with one page: the first by source keeps it and the other gets a page of its own (with a
    # warning). Redating or deleting the one kept gives the page to the other, as a full build does.
    root, config, session = site
    kept, twin = _items(root)[0], root / "content/news/zz-twin.md"
    text = kept.read_text(encoding="utf-8").replace("title:", "slug: one-page\ntitle:", 1)
    twin.write_text(text.replace('title: "', 'title: "Twin: ', 1), encoding="utf-8")
    (root / "content/news/aa-kept.md").write_text(text, encoding="utf-8")
    kept.unlink()
    result = rebuild(session, config, OPTIONS, None)
    assert any("would write the same page" in str(p) for p in result.site.warnings)
    slugs = {i.source.rsplit("/", 1)[1]: i.slug for i in result.site.model.site.items}
    assert slugs["aa-kept.md"] == "one-page" and slugs["zz-twin.md"].startswith("one-page-")  # both on the site
    edit_file(twin, r'^title: "Twin: ', 'title: "Twin, edited: ')  # the story on the page of its own
    _save(session, config, [twin])
    assert files_under(config.output_path) == _full_build(root, tmp_path, "edited")
    kept = root / "content/news/aa-kept.md"
    edit_file(kept, r"^publishedDateTime: .*$", "publishedDateTime: 2026-10-02T09:00:00Z")
    result = _save(session, config, [kept])
    assert result.mode == "update" and not result.site.problems  # planned again: the twin has the page now
    assert [i.slug for i in result.site.model.site.items if i.source.endswith("zz-twin.md")] == ["one-page"]
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")


@pytest.mark.slow
def test_a_broken_story_mended_comes_back_and_its_error_goes(site, tmp_path):
    root, config, session = site
    path = _items(root)[1]
    text = path.read_text(encoding="utf-8")
    path.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    assert _save(session, config, [path]).site.problems
    path.write_text(text, encoding="utf-8")
    result = _save(session, config, [path])
    # (on the fast path: its story added, its error taken out of the plan's, serve/rebuild.py's _with_problems)
    assert result.mode == "patch" and not result.site.problems
    assert files_under(config.output_path) == _full_build(root, tmp_path, "fresh")


@pytest.mark.slow  # (what it runs of generator/, the quick tests above run too)
@pytest.mark.parametrize("edit", ["title", "score", "type"])
def test_a_story_named_under_more_on_a_topic_is_shown_as_edited(site, tmp_path, edit):
    # A story page without related coverage lists the nearest stories of its topic and provider by title and
    # type: a new title, or a type with its length (a badge and a fact), shows there after serve's patch, as in
    # a full build; a new heat (not shown there) leaves those pages alone.
    root, config, session = site
    teasing = [page for page in session.last.plan.pages if page.kind == "article" and page.context["more_on_topic"]]
    assert teasing
    named = teasing[0].context["more_on_topic"][0]
    path = next(p for p in _items(root) if f"title: {named.title!r}".replace("'", '"') in p.read_text(encoding="utf-8")
                or named.title in p.read_text(encoding="utf-8").split("\n---", 1)[0])
    before = files_under(config.output_path)
    if edit == "title":
        edit_file(path, r"^title: .*$", 'title: "Renamed for the more list"')
    elif edit == "type":
        assert named.kind.type == "article"
        edit_file(path, r"^type: .*$", 'type: video\nlength: "PT7M41S"')
    else:
        edit_file(path, r"^heat: .*$", "heat: 3")
    result = _save(session, config, [path])
    assert result.mode == "patch"
    after = files_under(config.output_path)
    page = after[teasing[0].output].decode()
    assert ("Renamed for the more list" in page) == (edit == "title")
    entry = re.search(rf'<a class="title" href="[^"]*/{re.escape(named.path)}">(.*?)</a>\s*<p class="meta">(.*?)</p>', page, re.S)
    assert entry and ('<span class="badge">Video</span>' in entry[1]) == ('<bdi><time datetime="PT7M41S">' in entry[2]) == (edit == "type")
    if edit == "score":
        assert before[teasing[0].output] == after[teasing[0].output]
    assert after == _full_build(root, tmp_path, "fresh")
