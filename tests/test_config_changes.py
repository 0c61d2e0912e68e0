"""A config.yaml key changed on a built site: the next `newsdesk build` from its cache (warm), and serve's rebuild
after the save, give the same bytes as a build from scratch with the new config (issue 16's "incremental output
equals a full build", for config changes). Every key config.yaml accepts has a change here: the keys are read from
the Config types themselves, so a key added later without a change case fails `test_every_key_has_a_change`.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import typing
from pathlib import Path

import pytest
import yaml

from conftest import clean_build, copy_example_site, files_under, item
from generator.build.cache import BuildCache
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from generator.config.values import Config
from generator.site.local_pictures import copy_name
from generator.serve.server import DevServer
from test_server import Lines, settle, write

OPTIONS = BuildOptions(workers=1)


def accepted_keys(kind=Config, prefix: str = "") -> list[str]:
    """Every key config.yaml accepts, dotted (`ranking.min_heat`, `topics.keywords`: a field of a list's entries)."""
    hints = typing.get_type_hints(kind)
    keys = []
    for entry in dataclasses.fields(kind):
        if entry.metadata.get("internal"):
            continue
        hint = hints[entry.name]
        inner = typing.get_args(hint)[0] if typing.get_origin(hint) is tuple and typing.get_args(hint) else hint
        if dataclasses.is_dataclass(inner):
            keys += accepted_keys(inner, f"{prefix}{entry.name}.")
        else:
            keys.append(prefix + entry.name)
    return keys


PICTURE = "https://cdn.orbit.example/ice.jpg"
WIRE = ("Cranes at the harbour stood still on Friday as dock workers walked out over plans to automate the "
        "container terminal, the union said.")

# The site changed: the example site with a video, a German item, a data folder, a theme of its own, feeds to fetch.
EXTRA_ITEMS = {
    "content/more/video.md": item("Rover lands on the far side of the moon", type="video", quality=70, heat=40,
                                  topics=["Space"], provider={"name": "Orbit Daily", "domain": "orbit.example"},
                                  videos=[{"url": "https://www.youtube.com/embed/abc123"}],
                                  date="2026-11-21T10:00:00Z"),
    "content/more/german.md": item("Glätte-Unfälle auf der A7 & Straßensperren", quality=40, heat=10,
                                   topics=["Klima & Umwelt"], date="2026-11-21T08:30:00",
                                   images=[{"url": PICTURE, "width": 1200}],
                                   provider={"name": "Nordpost"}),
    # one story told by two providers three hours apart, and by the first one's copy of its own report
    "content/more/wire-a.md": item("Harbour cranes stop as dock workers strike over automation plans",
                                   provider={"name": "Orbit Daily", "domain": "orbit.example"}, heat=30,
                                   date="2026-11-21T06:00:00Z", body=WIRE),
    "content/more/wire-b.md": item("Dock workers strike over automation plans, harbour cranes stop",
                                   provider={"name": "Nordpost", "domain": "nordpost.example"}, heat=20,
                                   date="2026-11-21T09:00:00Z", body=WIRE + " Talks resume on Monday."),
    "content/more/wire-c.md": item("Harbour cranes stop as dock workers strike over automation plans",
                                   provider={"name": "Orbit Daily", "domain": "orbit.example"}, heat=25,
                                   date="2026-11-21T07:00:00Z", body=WIRE + " Updated."),
    # a podcast's episode: the site's podcasts/feed.rss is a podcast (podcast_image, podcast_category)
    "content/more/episode.md": item("Harbour Hour 12: the cranes", type="podcast", quality=50, heat=20,
                                    provider={"name": "Harbour Hour", "domain": "hour.example"},
                                    featuredContent="https://hour.example/12.mp3", length=1800,
                                    date="2026-11-21T05:00:00Z"),
    "data/topics/klima.yaml": "name: Klima & Umwelt\ndescription: Wetter, Klima und Verkehr.\n",
    f"copies/{copy_name(PICTURE, 320)}": "(a copy: its bytes are not read)",
    "copies/manifest.json": json.dumps({"pictures": {PICTURE: {"width": 1200, "height": 800, "copies": [
        {"file": copy_name(PICTURE, 320), "width": 320, "height": 213}]}}}),
    "themes/mine/templates/404.html": "{% extends \"base.html\" %}{% block content %}<p>Not here.</p>{% endblock %}\n",
}

EXTRA_CONFIG = {
    "sources": [{"url": "http://127.0.0.1:9/feed.xml", "name": "Orbit Daily", "domain": "orbit.example"}],
}


def _change(key: str):
    """What config.yaml's `key` is set to (a function of the config's dict, and the site's root)."""
    def top(value):
        return lambda data, root: data.__setitem__(key, value)

    def section(value):
        return lambda data, root: data.setdefault(key.split(".")[0], {}).__setitem__(key.split(".")[1], value)

    def entry(value):
        return lambda data, root: data[key.split(".")[0]][0].__setitem__(key.split(".")[1], value)

    def moved_content(data, root):
        shutil.copytree(root / "content", root / "articles")
        data["content_dir"] = "articles"

    return {
        "title": top("Another title"),
        "description": top("Another description."),
        "base_url": top("https://news.example.org/desk/"),
        "language": top("de"),
        "timezone": top("Europe/Dublin"),
        "content_dir": moved_content,
        "output_dir": top("public"),
        "theme": top("mine"),
        "data_dir": top("data"),
        "items_per_page": top(3),
        "front_page_items": top(4),
        "feed_items": top(2),
        "podcast_image": top("https://example.org/cover.jpg"),
        "podcast_category": top("News/Daily News"),
        "feeds": top(False),
        "api": top(False),
        "search": top(False),
        "search_synonyms": top([["battery", "accumulator"]]),
        "type_lists": top(False),
        "markdown_engine": top("python-markdown"),
        "now": top("2026-11-29T06:00:00Z"),
        "cname": top("news.example.org"),
        "embed_hosts": top(["player.vimeo.com"]),
        "picture_resizer": top("https://wsrv.nl/?url={url}&w={width}"),
        "pictures_dir": top("copies"),
        "undeclared_topics": top("error"),
        "redirects": top({"/old-latest/": "/latest/", "/themen/space/": {"topic": "Space"}}),
        "ranking.heat_weight": section(5.0),
        "ranking.quality_weight": section(0.0),
        "ranking.recency_weight": section(0.1),
        "ranking.half_life_hours": section(2.0),
        "ranking.hot_gravity": section(0.0),
        "ranking.min_heat": section(50.0),
        "ranking.coverage_boost": section(0.0),
        "stories.enabled": section(False),
        "stories.window_hours": section(1.0),
        "stories.threshold": section(0.99),
        "stories.same_provider": section("apart"),
        "topics.name": entry("Tech"),
        "topics.slug": entry("tech"),
        "topics.parent": entry("Business"),
        "topics.description": entry("Another description."),
        "topics.keywords": entry(["rover"]),
        "topics.shortname": entry("TK"),
        "providers.domain": entry("orbit.example"),
        "providers.name": entry("The Circuit"),
        "providers.logo": entry("https://cdn.example.org/circuit.png"),
        "providers.description": entry("Another description."),
        "providers.account": lambda data, root: data["providers"][0].update(domain="",
                                                                          account="https://www.youtube.com/@circuit"),
        "providers.other_names": entry(["Nordpost"]),
        "providers.same_as": entry(["https://orbit.example/"]),
        "sources.url": entry("http://127.0.0.1:9/other.xml"),
        "sources.name": entry("Orbit"),
        "sources.domain": entry("orbit.example.org"),
        "sources.logo": entry("https://orbit.example/logo.png"),
        "sources.topics": entry(["Space"]),
        "sources.quality": entry(80.0),
        "sources.max_items": entry(3),
        "sources.only_topics": entry(True),
        "sources.language": entry("fr"),
        "fetch.opml": section("feeds.opml"),
        "fetch.folder": section("incoming"),
        "fetch.state_file": section("state.json"),
        "fetch.keep_days": section(30),
        "fetch.timeout": section(5.0),
        "fetch.retries": section(0),
        "fetch.backoff": section(2.0),
        "fetch.max_wait": section(5.0),
        "fetch.concurrency": section(2),
        "fetch.max_bytes": section(1000),
        "fetch.parse_timeout": section(5.0),
        "fetch.user_agent": section("desk/1.0"),
    }.get(key)


# What a build does not show: fetch's settings; and the output folder (the same files, elsewhere)
FETCH_ONLY = {key for key in accepted_keys() if key.startswith(("fetch.", "sources."))} | {"topics.keywords",
                                                                                        "output_dir"}


def test_every_key_has_a_change():
    keys = accepted_keys()
    assert "ranking.min_heat" in keys and "topics.keywords" in keys and "fetch.user_agent" in keys
    assert [key for key in keys if _change(key) is None] == []


def _build_from_disk(root: Path):
    """What `newsdesk build` does: the cache the last build saved, loaded afresh, saved again."""
    cache = BuildCache.load(root)
    result = build(load_config(root / "config.yaml"), OPTIONS, cache=cache)
    cache.save(root)
    return result


def _configured(root: Path, key: str) -> None:
    data = yaml.safe_load((root / "config.yaml").read_text(encoding="utf-8"))
    _change(key)(data, root)
    (root / "config.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    root = copy_example_site(tmp_path_factory.mktemp("configured") / "site")
    for name, text in EXTRA_ITEMS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    data = yaml.safe_load((root / "config.yaml").read_text(encoding="utf-8"))
    data.update(EXTRA_CONFIG)
    (root / "config.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _build_from_disk(root)
    return root


@pytest.fixture
def built(built_once, tmp_path):
    return Path(shutil.copytree(built_once, tmp_path / "site"))


# One key in the quick test run (`-m "not slow"`): the language, which changes the most (words, addresses, dates,
# search); CI runs every key.
@pytest.mark.parametrize("key", [key if key == "language" else pytest.param(key, marks=pytest.mark.slow)
                                 for key in accepted_keys()])
def test_a_warm_build_after_a_config_change_equals_a_build_from_scratch(built, tmp_path, key):
    before = files_under(built / "output")
    _configured(built, key)
    _build_from_disk(built)
    warm = files_under(load_config(built / "config.yaml").output_path)
    assert warm == clean_build(built, tmp_path / "cold")
    # (a change the site does not show proves nothing of the cache: only fetch's keys show nothing in it)
    assert (warm == before) == (key in FETCH_ONLY), "the change shows in the site"


@pytest.mark.slow
@pytest.mark.parametrize("key", accepted_keys())
def test_serve_after_a_config_change_serves_a_build_from_scratch(built, tmp_path, key):
    # (serve started on the built site, as `newsdesk serve` is: warm from the disk cache, then kept in memory)
    config_file = built / "config.yaml"
    dev = DevServer(lambda: load_config(config_file), OPTIONS, config_file, quiet=0.05, echo=Lines(), port=0)
    dev.start()
    try:
        before = len(dev.rebuilds)
        data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        _change(key)(data, built)
        write(config_file, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        record = settle(dev, before)
        assert not record.error
        served = files_under(dev.config.output_path)
    finally:
        dev.stop()
    assert served == clean_build(built, tmp_path / "cold")


# A feed whose entries the site's language and time zone read: a category that is the German topic's name as
# German writes its slug ("und" for "&"), and a date in IST, which a site in Dublin reads as its own summer time.
TOPICAL = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Nordpost</title><link>https://nordpost.example/</link>
<item><title>Glätte-Unfälle auf der A7</title><link>https://nordpost.example/glaette</link>
<pubDate>Mon, 20 Jul 2026 10:00:00 IST</pubDate><category>Klima und Umwelt</category>
<description>Eis auf der Fahrbahn.</description></item>
</channel></rss>
""".encode()


@pytest.mark.parametrize("key", ["language", pytest.param("timezone", marks=pytest.mark.slow)])
def test_fetch_after_a_config_change_writes_what_a_first_fetch_writes(tmp_path, key, capsys):
    from conftest import FETCH_TIMEOUT, fetched, make_site
    from feed_server import FeedServer, Route
    from generator.cli import main

    def configured(root: Path, changed: bool) -> Path:
        data = {"title": "Fetched", "base_url": "https://example.org/", "now": "2026-11-22T12:00:00Z",
                "language": "en", "topics": [{"name": "Klima & Umwelt"}],
                "fetch": {"timeout": FETCH_TIMEOUT, "retries": 0}, "sources": [{"url": server.url("/feed.xml")}]}
        if changed:
            _change(key)(data, root)
        return make_site(root, {}, yaml.safe_dump(data, allow_unicode=True))

    with FeedServer() as server:
        server.routes["/feed.xml"] = Route(TOPICAL, etag='"v1"')
        site = configured(tmp_path / "site", False)
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
        before = fetched(site)
        configured(site, True)  # (the site's config.yaml written again, changed)
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
        first = configured(tmp_path / "first", True)
        assert main(["fetch", "--config", str(first / "config.yaml")]) == 0
    capsys.readouterr()
    assert fetched(site) == fetched(first) != before
