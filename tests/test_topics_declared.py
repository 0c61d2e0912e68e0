"""Topics declared in config.yaml: without items they get no page, feed, API file or link (thousands of them
cost a small site nothing), and serve adds and removes a declared topic's page with its first and last item.
Topic records of data_dir (a crawler's) whose ids give one page keep a page each, with a warning."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import build_said, cpu_seconds, item, make_site


def _pages(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html"))


TOPICS_CONFIG = """\
title: Test News
base_url: https://example.org/
now: "2026-11-22T12:00:00Z"
topics:
  - name: Science
  - name: Space
    parent: Science
  - name: Biology
    parent: Science
  - name: Sport
  - name: Empty Parent
  - name: Empty Child
    parent: Empty Parent
"""


def test_declared_topics_without_items_get_no_page_feed_api_file_or_link(tmp_path, capsys):
    site = make_site(tmp_path / "site", {
        "content/a.md": item("Rockets fly", topics="[Space]", originalUrl="https://a.example/1"),
        "content/b.md": item("A match", date="2026-11-21T10:00:00Z", topics="[Sport]",
                             originalUrl="https://b.example/2"),
    }, TOPICS_CONFIG)
    code, said = build_said(site, capsys)
    assert code == 0, said
    out = site / "output"
    topic_pages = {p.split("/")[1] for p in _pages(out) if p.startswith("topics/") and p != "topics/index.html"}
    # Science has no item of its own but its child Space has one: its page lists it.
    assert topic_pages == {"science", "space", "sport"}
    for gone in ("biology", "empty-parent", "empty-child"):
        assert not (out / "topics" / gone).exists()
        assert not (out / "api/news" / gone).exists()
    everything = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*")
                           if p.is_file() and p.suffix in (".html", ".xml", ".json", ".rss", ".txt"))
    assert everything
    for gone in ("biology", "empty-parent", "empty-child"):
        assert f"topics/{gone}/" not in everything
    api = json.loads((out / "api/topics/index.json").read_text(encoding="utf-8"))["topics"]
    assert {t["slug"] for t in api} == {"science", "space", "sport"}
    science = next(t for t in api if t["slug"] == "science")
    assert science["children"] == ["space"] and science["count"] == 1
    # Every topic link on every page leads to a page that is there.
    links = set(re.findall(r'href="https://example\.org/(topics/[^"#?]*)"', everything))
    links |= set(re.findall(r'href="/(topics/[^"#?]*)"', everything))
    assert links
    for link in links:
        assert (out / link / "index.html").is_file() or (out / link).is_file(), link


def test_thousands_of_declared_topics_on_a_small_site_make_only_its_pages(tmp_path, capsys):
    declared = "".join(f"  - Topic number {n}\n" for n in range(5000))
    site = make_site(tmp_path / "site", {
        "content/a.md": item("One", topics="[Topic number 7]", originalUrl="https://a.example/1"),
        "content/b.md": item("Two", date="2026-11-21T10:00:00Z", originalUrl="https://b.example/2"),
    }, "title: T\nbase_url: https://example.org/\nnow: '2026-11-22T12:00:00Z'\ntopics:\n" + declared)
    start = cpu_seconds()  # CPU, not the clock: a cost per declared topic and page would take minutes
    code, said = build_said(site, capsys)
    took = cpu_seconds() - start
    assert code == 0, said
    out = site / "output"
    assert [p for p in _pages(out) if p.startswith("topics/") and p != "topics/index.html"] == [
        "topics/topic-number-7/index.html"]
    sitemap = "".join(p.read_text(encoding="utf-8") for p in out.glob("sitemap*.xml"))
    assert "topic-number-7" in sitemap and "topic-number-8" not in sitemap
    assert took < 10, took


def test_serve_adds_and_removes_a_declared_topics_page_with_its_first_and_last_item(tmp_path):
    from conftest import serving
    from generator.config.load import load_config

    site = make_site(tmp_path / "site", {
        "content/a.md": item("Rockets fly", topics="[Space]", originalUrl="https://a.example/1"),
    }, TOPICS_CONFIG)
    save = serving(site, load_config(site / "config.yaml"), tmp_path / "scratch")
    story = site / "content" / "a.md"
    story.write_text(item("Rockets fly", topics="[Space, Biology]", originalUrl="https://a.example/1"))
    assert "topics/biology/index.html" in save(story, "first")
    story.write_text(item("Rockets fly", topics="[Space]", originalUrl="https://a.example/1"))
    served = save(story, "last")
    assert "topics/biology/index.html" not in served and "topics/space/index.html" in served


def test_a_parent_that_names_no_declared_topic_is_warned_of_at_its_line(tmp_path, capsys):
    # (`parent: Sciense` built without a word, and Space stood at the top of the tree, not under Science)
    site = make_site(tmp_path / "site", {
        "content/a.md": item("Rockets fly", topics="[Space]", originalUrl="https://a.example/1"),
    }, "title: Test News\nbase_url: https://example.org/\nnow: \"2026-11-22T12:00:00Z\"\n"
       "topics:\n  - name: Science\n  - name: Space\n    parent: Sciense\n  - name: Moons\n    parent: Planets\n")
    code, said = build_said(site, capsys)
    assert code == 0, said
    assert ("warning: config.yaml:7: the parent of topic `Space`, `Sciense`, is not a declared topic; did you mean "
            "`parent: Science`? (declare it under `topics:` or in data_dir, or fix the name; until then the topic has "
            "no parent)") in said
    assert "warning: config.yaml:9: the parent of topic `Moons`, `Planets`, is not a declared topic (declare" in said
    assert "2 warnings" in said
    # Fixed, the warnings are gone and Space is under Science.
    (site / "config.yaml").write_text((site / "config.yaml").read_text().replace("Sciense", "science")
                                      .replace("    parent: Planets\n", ""))
    code, said = build_said(site, capsys)
    assert code == 0 and "0 warnings" in said and "parent" not in said, said
    api = json.loads((site / "output/api/topics/index.json").read_text(encoding="utf-8"))["topics"]
    assert next(t for t in api if t["slug"] == "science")["children"] == ["space"]


def test_a_topic_records_parent_that_names_no_declared_topic_is_warned_of_at_its_line(tmp_path, capsys):
    # config.yaml's topics were checked, a data_dir record's were not: `parent: Sciense` in
    # data/topics/space.yaml, or a topic its own parent, put it at the top of the tree without a word.
    site = make_site(tmp_path / "site", {
        "content/a.md": item("Rockets fly", topics="[Space, Loop]", originalUrl="https://a.example/1"),
        "data/topics/science.yaml": "name: Science\n",
        "data/topics/space.yaml": "_id: space\nname: Space\nparent: Sciense\n",
        "data/topics/loop.md": "---\nname: Loop\nparent: loop\n---\n",
    }, "title: Test News\nbase_url: https://example.org/\nnow: \"2026-11-22T12:00:00Z\"\ndata_dir: data\n")
    code, said = build_said(site, capsys)
    assert code == 0, said
    assert ("warning: data/topics/space.yaml:3: the parent of topic `Space`, `Sciense`, is not a declared topic; did "
            "you mean `parent: Science`? (declare it under `topics:` or in data_dir, or fix the name; until then the "
            "topic has no parent)") in said, said
    assert ("warning: data/topics/loop.md:3: topic `Loop` is its own parent (remove `parent`, or name another "
            "topic: the topic has no parent)") in said, said
    assert "2 warnings" in said, said


def test_topic_records_whose_ids_give_one_page_keep_a_page_each_and_are_told(tmp_path, capsys):
    # (`_id: Case` and `_id: case`, `CON` and `con.`: the later record took the page, and the earlier topic's
    # stories showed under the later one's name, without a word)
    records = {"data/topics/a.yaml": "name: Space\n_id: Case\n", "data/topics/b.yaml": "name: Spice\n_id: case\n",
               "data/topics/c.yaml": "name: Devices\n_id: CON\n", "data/topics/d.yaml": "name: Cons\n_id: con.\n",
               "data/topics/e.yaml": "name: Space\n_id: case\n"}  # (one topic written twice is one topic)
    site = make_site(tmp_path / "site", {
        **records,
        "content/a.md": item("Rockets fly", topics="[Space]"), "content/b.md": item("Pepper rises", topics="[Spice]"),
        "content/c.md": item("Plugs fit", topics="[Devices]"), "content/d.md": item("Cons go", topics="[Cons]"),
    }, "title: Test News\nbase_url: https://example.org/\nnow: \"2026-11-22T12:00:00Z\"\ndata_dir: data\n")
    code, said = build_said(site, capsys)
    assert code == 0, said
    told = [line for line in said.splitlines() if "topic record's page" in line]
    assert len(told) == 2 and re.fullmatch(
        r"warning: data/topics/b\.yaml:2: the topic record's page would be topics/case/, which data/topics/a\.yaml "
        r"gives its topic 'Space': this topic's page is topics/(case-[0-9a-f]+)/ \(give each topic record an `_id` "
        r"of its own, or remove one of them if they are one topic\)", told[0]), told
    assert told[1].startswith("warning: data/topics/d.yaml:2: the topic record's page would be topics/con_/, which "
                              "data/topics/c.yaml gives its topic 'Devices'")
    api = json.loads((site / "output/api/topics/index.json").read_text(encoding="utf-8"))["topics"]
    assert sorted(topic["name"] for topic in api) == ["Cons", "Devices", "Space", "Spice"]
    own = re.search(r"topics/(case-[0-9a-f]+)/", told[0])[1]
    for story, topic, slug in (("a", "Space", "case"), ("b", "Spice", own)):
        page = (site / f"output/news/2026/11/20/{story}/index.html").read_text(encoding="utf-8")
        assert f'href="/topics/{slug}/"' in page and f">{topic}</a>" in page, story
