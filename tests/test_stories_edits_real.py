"""Serve's stories after an item is added or deleted (stories.Clustering.edit) against clustering the site from
scratch (stories.cluster), on real-shaped items: bench.corpus's (headlines, excerpts, bodies, URLs with AMP forms,
declared coverage, providers), written by its command line, and the labelled real headlines of ../shared when
they are there."""

from __future__ import annotations

import csv
import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import write_corpus
from generator.build.pipeline import BuildOptions, plan_site
from generator.config.load import load_config
from generator.site.grouping import story_input
from generator.site.stories import Clustering, StoryInput, StorySettings, cluster, prepare

LABELLED = Path(__file__).resolve().parent.parent / ".." / "shared" / "labelled" / "news-stories-dev.csv"


def corpus_items(count: int, folder: Path) -> list[StoryInput]:
    """What clustering reads of the items of bench.corpus's site of `count` items, as the build reads them."""
    site = plan_site(load_config(write_corpus(count, folder)), BuildOptions()).model.site
    inputs = [story_input(item) for item in site.items]
    assert len(inputs) > count * 0.9  # (about 2% of the corpus's items are drafts, left out)
    # (over a month rather than bench's year: stories of several items are common, as in a busy site's month)
    start = min(item.published for item in inputs)
    return [replace(item, published=start + (item.published - start) / 12) for item in inputs]


def labelled_items() -> list[StoryInput]:
    """The labelled headlines, each dated when it was crawled (the file's TIMESTAMP, in milliseconds)."""
    if not LABELLED.is_file():
        pytest.skip("../shared/labelled is not here (it is only beside a developer's checkout)")
    with open(LABELLED, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    inputs = [StoryInput(source=f"labelled/{n}.md", title=row["TITLE"], web_url=row["URL"], provider=row["PUBLISHER"],
                         published=datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, timezone.utc))
              for n, row in enumerate(rows)]
    assert inputs
    return inputs


def _new_report(rng: random.Random, items: list[StoryInput], n: int) -> StoryInput:
    """An added item: as bench.incremental's `new` (an item's copy under another headline and URL, its declared
    coverage kept), another provider's words for an item's story, the same article under another URL form, or
    an item about nothing the site has."""
    other = rng.choice(items)
    kind = rng.choice(["copy", "reworded", "same article", "unrelated"])
    source = f"content/news/added-{n}.md"
    published = other.published + timedelta(hours=rng.uniform(-30, 30))
    if kind == "copy":
        return replace(other, source=source, title=f"New: {other.title} {n}", web_url=f"{other.web_url}new-{n}/",
                       amp_url="", cdn_amp_url="", original_url="")
    if kind == "same article":
        return replace(other, source=source, title=other.title.upper(), published=published, provider="added",
                       web_url=other.web_url.replace("https://", "https://www.", 1) + "?utm_source=feed")
    words = other.title.split()
    title = " ".join(rng.sample(words, min(len(words), 5))) if kind == "reworded" else f"Quiet day number {n}"
    return replace(other, source=source, title=title, published=published, provider=f"added{n % 3}",
                   excerpt=other.excerpt if kind == "reworded" else "", text="", related=(),
                   web_url=f"https://added{n % 3}.example/news/{n}", amp_url="", cdn_amp_url="", original_url="",
                   quality=rng.uniform(0, 100))


def check_edits(items: list[StoryInput], seed: int, rounds: int) -> None:
    rng = random.Random(seed)
    prepared = {item.source: prepare(item) for item in items}
    clustering = Clustering(items, StorySettings(), prepared)
    assert clustering.stories == cluster(items, StorySettings(), prepared)
    changed = joined = 0
    for n in range(rounds):
        added: list[StoryInput] = []
        deleted: list[str] = []
        for _ in range(rng.choice([1, 1, 1, 2, 4])):  # now and then several at once, as a fetch brings them
            if rng.random() < 0.5:
                added.append(_new_report(rng, items, n * 10 + len(added)))
                items.append(added[-1])
                prepared[added[-1].source] = prepare(added[-1])
            else:
                # (a story's member half the time: a lead, an earliest item, a bridge between two parts)
                members = [m for s in clustering.stories if len(s.members) > 1 for m in s.members]
                gone = rng.choice(members) if members and rng.random() < 0.5 else rng.choice(items).source
                items[:] = [item for item in items if item.source != gone]
                added = [item for item in added if item.source != gone]
                deleted.append(gone)
        before = clustering.stories
        got = clustering.edit(added, {item.source: prepared[item.source] for item in added},
                              [source for source in deleted if source in clustering.inputs])
        fresh = cluster(items, StorySettings(), prepared)
        assert [(s.id, s.lead, s.members) for s in got] == [(s.id, s.lead, s.members) for s in fresh], n
        assert got == fresh
        changed += got != before
        joined += any(len(s.members) > 1 and any(m.startswith("content/news/added-") for m in s.members)
                      for s in got)
    assert changed == rounds  # every add or delete changed the stories (an item's own story at least)
    assert joined > rounds // 4  # added items did join stories
    assert sum(len(story.members) > 1 for story in clustering.stories) > 50


@pytest.mark.slow  # each add or delete checked against clustering the whole site again
@pytest.mark.parametrize("seed", [11, 12])
def test_adding_and_deleting_items_of_a_corpus_gives_what_clustering_it_gives(seed, tmp_path):
    check_edits(corpus_items(1500, tmp_path / "site"), seed, 16)


@pytest.mark.slow
def test_adding_and_deleting_real_headlines_gives_what_clustering_them_gives():
    check_edits(labelled_items(), 13, 16)
