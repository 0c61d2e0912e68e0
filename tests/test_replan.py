"""The indexes of a site after one item moved (reindex.reindexed, which generator/serve/fastpath.py plans from) are
what indexing every item again makes; and when it declines, the site-wide values really changed.

tests/test_patch.py checks whole rebuilds of the example site byte for byte; this checks the model under
hundreds of random edits of a synthetic site (the benchmark's corpus: a topic tree, Zipf providers).
"""

from __future__ import annotations

import dataclasses
import random
from datetime import timedelta

import pytest

from conftest import write_corpus
from generator.build.pipeline import BuildOptions, plan_site
from generator.config.load import load_config
from generator.site.index import build_site
from generator.site.reindex import reindexed

pytestmark = pytest.mark.slow  # hundreds of random edits of a 240-story site


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    config = load_config(write_corpus(240, tmp_path_factory.mktemp("corpus") / "site", seed=5))
    return config, plan_site(config, BuildOptions(), environ={"SOURCE_DATE_EPOCH": "1782820800"})


def _edited(item, rng: random.Random, site, items):
    """A random edit of the kind replan takes: a new date, other topics, another provider, new scores."""
    changes = {}
    if rng.random() < 0.6:
        changes["published"] = item.published + timedelta(hours=rng.uniform(-24 * 40, 24 * 2))
    if rng.random() < 0.4:
        slugs = rng.sample(sorted(site.topics), rng.randint(0, 3))
        changes["topics"] = tuple(slugs)
        changes["topic_names"] = tuple(site.topics[slug].name for slug in slugs)
    if rng.random() < 0.3:
        changes["provider"] = rng.choice(items).provider
    if rng.random() < 0.3:
        changes["heat"] = rng.uniform(0, 500)
    if rng.random() < 0.2:  # into or out of a list by type (videos/ ...)
        changes["type"] = rng.choice(sorted({other.type for other in items}))
    return dataclasses.replace(item, **changes)


def _site_wide_changed(full, site) -> bool:
    """Whether indexing every item gave other topics, provider badges or type lists (what reindexed declines for)."""
    badges = [provider.badge for provider in full.providers.values()]
    if [listed for listed, _ in full.type_lists] != [listed for listed, _ in site.type_lists]:
        return True
    return list(full.topics.values()) != list(site.topics.values()) or badges != [
        provider.badge for provider in site.providers.values()]


def _assert_same_indexes(got, full) -> None:
    assert got.items == full.items
    assert got.topics == full.topics and list(got.topics) == list(full.topics)
    assert got.providers == full.providers and list(got.providers) == list(full.providers)
    assert dict(got.topic_items) == dict(full.topic_items)
    assert dict(got.provider_items) == dict(full.provider_items)
    assert dict(got.url_index) == dict(full.url_index)
    assert got.type_lists == full.type_lists


def _reindexed_as_indexing_gives(plan, config, items, index, new):
    """reindex.reindexed for the edit, checked against indexing every one of `items` (the edited list):
    the same indexes, or None where a site-wide value changes."""
    site, now = plan.model.site, plan.now
    full = build_site(items, config, plan.topic_defs, now=now).site
    moved = reindexed(site, index, new, plan.topic_defs)
    if moved is None:
        assert _site_wide_changed(full, site)
    else:
        _assert_same_indexes(moved.site, full)
    return moved


def test_reindexed_is_what_indexing_every_item_gives(planned):
    config, plan = planned
    site, now = plan.model.site, plan.now
    rng = random.Random(11)
    declined = 0
    for _ in range(300):
        index = rng.randrange(len(site.items))
        new = _edited(site.items[index], rng, site, site.items)
        if new.published > now:
            continue  # withheld: replan declines before indexing (tested in test_patch)
        items = list(site.items)
        items[index] = new
        moved = _reindexed_as_indexing_gives(plan, config, items, index, new)
        if moved is None:
            declined += 1
            continue
        got, position = moved.site, moved.position
        assert sorted(position) == list(range(len(items)))
        assert all(got.items[position[i]] is site.items[i] for i in range(len(items)) if i != index)
        assert got.items[position[index]] is new
    assert declined < 150  # most edits of this kind keep the site-wide values


def test_reindexed_adds_and_deletes_as_indexing_every_item_gives(planned):
    config, plan = planned
    site, now = plan.model.site, plan.now
    rng = random.Random(12)
    checked = 0
    for n in range(200):
        items = list(site.items)
        if n % 2:  # a story deleted
            index, new = rng.randrange(len(items)), None
            del items[index]
        else:  # a story added: another's copy, with its own file, page and URLs
            base = rng.choice(items)
            index = None
            new = dataclasses.replace(_edited(base, rng, site, items), source=f"content/news/new-{n}.md",
                                      path=f"news/new-{n}/", original_url=f"https://new.example/{n}",
                                      web_url=f"https://new.example/{n}/web")
            if new.published > now:
                continue
            items.append(new)
        moved = _reindexed_as_indexing_gives(plan, config, items, index, new)
        if moved is None:
            continue
        checked += 1
        got = moved.site
        kept = [i for i in range(len(site.items)) if moved.position[i] >= 0]
        assert all(got.items[moved.position[i]] is site.items[i] for i in kept)
        assert (moved.to >= 0) == (new is not None) and (new is None or got.items[moved.to] is new)
    assert checked > 100


SERVED = {  # seed, what config.yaml gets, serve's --drafts
    # (stories off: this corpus's look-alike items make stories that most moves change, and the fast path
    # leaves those to the build; "with stories" checks the bytes, whichever way serve takes)
    "as generated": (6, {"stories": "\n  enabled: false"}, False),
    "3 a page, min_heat 40, drafts": (7, {"items_per_page": "3", "ranking": "\n  min_heat: 40",
                                          "stories": "\n  enabled: false"}, True),
    "with stories": (6, {}, False),
}


@pytest.mark.parametrize("variant", sorted(SERVED))
def test_moves_in_a_row_give_the_bytes_of_a_full_build(tmp_path, variant):
    # Dates, topics and scores of several stories of a 240-story site changed, stories added and deleted, one
    # after another, as serve rebuilds them (a patch each), with serve's preparation in between now and then.
    import re

    from conftest import EDITS, files_under
    from generator.build.pipeline import build
    from generator.serve.rebuild import Session, rebuild, update_search

    seed, settings, drafts = SERVED[variant]
    config_path = write_corpus(240, tmp_path / "site", seed=seed)
    text = config_path.read_text(encoding="utf-8")
    for key, value in settings.items():
        text = re.sub(rf"^{key}:.*$", f"{key}: {value}", text, flags=re.M) if re.search(rf"^{key}:", text, re.M) \
            else text + f"{key}: {value}\n"
    config_path.write_text(text, encoding="utf-8")
    config, session, options = load_config(config_path), Session(), BuildOptions(workers=1, drafts=drafts)
    environ = {"SOURCE_DATE_EPOCH": "1782820800"}
    rebuild(session, config, options, None, environ=environ)
    stories = [path for path in sorted(config.content_path.rglob("*.md"))
               if drafts or "\npublished: true\n" in path.read_text(encoding="utf-8")]  # (what is on the site)
    rng, modes = random.Random(4), []
    for n in range(12):
        path = rng.choice(stories)
        kind = rng.choice(["redate", "topic", "score", "nudge", "new", "delete"])
        if kind == "delete":
            path.unlink()
            stories.remove(path)
        elif kind == "new":  # (its copy, with a new title and URLs, in a file of its own)
            path = path.with_name(f"{path.stem}-new-{n}.md")
            path.write_text(EDITS["new"](rng.choice(stories).read_text(encoding="utf-8"), n), encoding="utf-8")
            stories.append(path)
        else:
            path.write_text(EDITS[kind](path.read_text(encoding="utf-8"), n), encoding="utf-8")
        result = rebuild(session, config, options, [path], environ=environ)
        assert result.mode == "patch" or (variant == "with stories" and result.mode == "update"), (kind, path.name)
        modes.append(result.mode)
        update_search(config, result.site)
        if n % 3 == 2:
            session.prepare()
        fresh = load_config(config_path, {"output_dir": str(tmp_path / f"fresh-{n}")})
        build(fresh, options, environ=environ)
        assert files_under(config.output_path) == files_under(fresh.output_path), (n, kind, path.name)
    assert "patch" in modes  # (with stories too: an edit that changes no story takes the fast path)


def test_a_moved_items_stories_given_by_their_places_are_what_attaching_them_gives(planned):
    # A redate moves a day's items one place: serve's fast path gives the edited site the stories it had (until
    # its check) by moving their indices as Reindexed.position says, not by attaching every story again.
    from generator.site.grouping import attach, edited_stories, story_settings
    from generator.site.stories import Story

    config, plan = planned
    site = plan.model.site
    assert site.stories  # (this corpus makes stories of several items)
    kept = tuple(Story(s.id, site.items[s.lead].source, tuple(site.items[m].source for m in s.members))
                 for s in site.stories)
    in_stories = sorted(site.story_of)
    rng, moves = random.Random(13), 0
    for n in range(140):
        index = rng.choice(in_stories) if n % 2 else rng.randrange(len(site.items))
        old = site.items[index]
        new = dataclasses.replace(old, published=old.published - timedelta(hours=rng.uniform(0, 24 * 5)))
        moved = reindexed(site, index, new, plan.topic_defs)
        if moved is None:
            continue
        given, check = edited_stories(site, moved.site, old, new, story_settings(config), position=moved.position)
        assert check is not None  # (the date is read by clustering: checked after the reload)
        expected = attach(moved.site, kept)
        assert given.stories == expected.stories and dict(given.story_of) == dict(expected.story_of)
        moves += moved.low != moved.high
    assert moves > 80
