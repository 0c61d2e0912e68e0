"""Two topics whose slugs come out alike are two topics: each has its own page and feeds, its name on its stories'
cards, in the API and in the search facets, and the build says which slug each got (docs/content.md). A topic is
its name without case, accents or anything but letters and digits, not transliterated: 北京 (Beijing) and 背景
(background) both slug `beijing` and are two; `Machine Learning` and `machine-learning` are one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import pytest

from conftest import (BASIC_CONFIG, clean_build, copy_example_site, files_under, item, make_site, said, serving,
                      without_stories)
from generator.config.load import load_config

CONFIG = BASIC_CONFIG + "stories:\n  enabled: false\n"  # (the stories are alike too: kept apart to see each)

ALIKE = {  # two topics whose plain slugs are alike
    "chinese": ("北京", "背景"),  # Beijing, background: both `beijing`
    "russian": ("Ель", "Эль"),  # spruce, ale: both `el`
    "greek": ("Κλίμα", "Κλήμα"),  # climate, vine: both `klima`
    "arabic": ("سيف", "صيف"),  # sword, summer: both `syf`
}
ONE = {  # one topic written in several ways, and its page: the slug of the spelling with the fewest hyphens
    "case-and-hyphens": (("Machine Learning", "machine-learning", "MACHINE LEARNING"), "machine-learning"),
    "accents": (("Café", "Cafe"), "cafe"),
    "dots": (("A.I.", "AI"), "ai"),  # the page of "AI" stays where it was when a dotted spelling appears
}


def _site(tmp_path: Path, topics, config: str = CONFIG, name: str = "site") -> Path:
    """A site with story n (n from 1) of the n-th topic, in content/pN.md (its `topics:` is line 4)."""
    return make_site(tmp_path / name, {
        f"content/p{n}.md": item(f"Story {n} of its topic", date=f"2026-11-{20 - n}T10:00:00Z", topics=f"[{topic}]")
        for n, topic in enumerate(topics, 1)}, config)


def _parse(path: Path):
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _chips(out: Path, title: str) -> list[tuple[str, str]]:
    """(slug, name) of each topic the card of the story titled so names, on the Latest list."""
    for card in _parse(out / "latest/index.html").iter("article"):
        if title in _text(card):
            return [(re.fullmatch(r"/topics/([a-z0-9-]+)/", a.get("href")).group(1), _text(a))
                    for a in card.iter("a") if (a.get("href") or "").startswith("/topics/")]
    raise AssertionError(f"no card of {title!r}")


def _pages(out: Path) -> list[str]:
    return sorted(p.parent.name for p in (out / "topics").glob("*/index.html"))


@pytest.mark.parametrize("kind", sorted(ALIKE))
def test_topics_with_alike_slugs_get_a_page_feed_and_name_each(tmp_path, kind):
    first, second = ALIKE[kind]
    out = tmp_path / "out"
    clean_build(_site(tmp_path, [first, second]), out)
    pages = _pages(out)
    assert len(pages) == 2, pages
    chips = {n: _chips(out, f"Story {n} of its topic") for n in (1, 2)}
    assert [[name for _, name in chip] for chip in chips.values()] == [[first], [second]]
    assert sorted(chip[0][0] for chip in chips.values()) == pages
    for n, [(slug, name)] in chips.items():
        other = 3 - n
        page = _parse(out / "topics" / slug / "index.html")
        assert _text(page.find(".//h1")) == name
        listed = _text(page.find(".//main"))
        assert f"Story {n} of its topic" in listed and f"Story {other} of its topic" not in listed
        for feed in ("feed.xml", "feed.rss", "feed.json"):
            text = (out / "topics" / slug / feed).read_text(encoding="utf-8")
            assert f"Story {n} of its topic" in text and f"Story {other} of its topic" not in text
    api = json.loads((out / "api/topics/index.json").read_text(encoding="utf-8"))
    listed = api["topics"] if isinstance(api, dict) else api
    assert sorted((topic["slug"], topic["name"]) for topic in listed) == sorted(c[0] for c in chips.values())
    facets = json.loads((out / "search/index/facets.json").read_text(encoding="utf-8"))["topics"]
    assert sorted((slug, name) for slug, name, _ in facets) == sorted(c[0] for c in chips.values())


@pytest.mark.parametrize("kind", sorted(ONE))
def test_one_topic_written_in_several_ways_is_one_page(tmp_path, kind):
    names, expected = ONE[kind]
    out = tmp_path / "out"
    clean_build(_site(tmp_path, names), out)
    [slug] = _pages(out)
    assert slug == expected
    listed = _text(_parse(out / "topics" / slug / "index.html").find(".//main"))
    assert all(f"Story {n} of its topic" in listed for n in range(1, len(names) + 1))
    assert _text(_parse(out / "topics" / slug / "index.html").find(".//h1")) == names[0]  # as p1.md writes it


def test_the_build_warns_once_naming_the_file_and_line_of_each(tmp_path, capsys):
    clean_build(_site(tmp_path, ["背景", "北京"]), tmp_path / "out")
    [warning] = said(capsys, "alike")
    # `topics:` is line 4 of each file; 北京 keeps the plain slug (first in code point order)
    assert "content/p2.md:4: " in warning and "content/p1.md:4" in warning
    assert "`北京`" in warning and "`背景`" in warning and "topics/beijing/" in warning
    assert "write it the same way" in warning  # what to do if they are one topic


def test_which_keeps_the_plain_slug_depends_on_the_topics_alone(tmp_path):
    # The rule (docs/content.md): first in code point order; not the order of files or dates. A topic no
    # other's slug is like keeps the slug it always had.
    slugs = []
    for name, topics in (("one", ["北京", "背景"]), ("two", ["背景", "北京"]), ("alone", ["背景"])):
        out = tmp_path / f"out-{name}"
        clean_build(_site(tmp_path, topics, name=name), out)
        slugs.append({chip for n in range(1, len(topics) + 1) for chip in _chips(out, f"Story {n} of its topic")})
    assert slugs[0] == slugs[1]
    assert ("beijing", "北京") in slugs[0] and ("beijing", "背景") not in slugs[0]
    assert slugs[2] == {("beijing", "背景")}


def test_a_declared_topic_keeps_its_slug(tmp_path, capsys):
    config = CONFIG + "topics:\n  - name: 背景\n    description: Background stories.\n"
    out = tmp_path / "out"
    clean_build(_site(tmp_path, ["北京", "背景"], config), out)
    assert _chips(out, "Story 2 of its topic") == [("beijing", "背景")]
    [(slug, name)] = _chips(out, "Story 1 of its topic")
    assert name == "北京" and slug != "beijing"
    assert "Background stories." in (out / "topics/beijing/index.html").read_text(encoding="utf-8")
    assert "Background stories." not in (out / "topics" / slug / "index.html").read_text(encoding="utf-8")
    [warning] = said(capsys, "alike")
    assert "content/p2.md:4: " in warning and "content/p1.md:4" in warning


def test_a_build_with_its_cache_after_a_clash_appears_is_a_clean_build(tmp_path):
    # What the last build made of 背景's story (a feed's entry links each of its topics) is not kept once the
    # topic's slug moves: here the feed of Solo, the same list after.
    from generator.cli import main

    root = _site(tmp_path, ["北京", "背景, Solo"])
    out = tmp_path / "out"
    (root / "content/p1.md").rename(tmp_path / "p1.md")
    assert main(["build", "--config", str(root / "config.yaml"), "--output", str(out)]) == 0
    (tmp_path / "p1.md").rename(root / "content/p1.md")
    assert main(["build", "--config", str(root / "config.yaml"), "--output", str(out)]) == 0
    assert files_under(out) == clean_build(root, tmp_path / "clean")


# --- serve: a save that makes or ends a clash gives what a full build gives ----------------------------------

@pytest.mark.slow
def test_serve_saving_a_clashing_story_gives_what_a_full_build_gives(tmp_path):
    root = copy_example_site(tmp_path / "site")
    with open(root / "config.yaml", "a", encoding="utf-8") as handle:
        handle.write("undeclared_topics: allow\n")  # (a save with a new warning is planned again anyway)
    save = serving(root, load_config(without_stories(root / "config.yaml")), tmp_path)

    original = root / "content/news/2026-11-19-hexaray-reusable-upper-stage-hop.md"
    text = original.read_text(encoding="utf-8")
    assert re.search(r"^topics:\n", text, flags=re.M)

    def copy(slug: str, topic: str) -> str:
        return re.sub(r"^topics:\n", f'topics:\n  - "{topic}"\n', text.replace("title: ", f"slug: {slug}\ntitle: ", 1)
                      .replace("orbitwire.example/2026", f"{slug}.example/2026"), count=1, flags=re.M)

    capital = root / "content/news/2026-11-18-capital.md"
    capital.write_text(copy("capital", "北京"), encoding="utf-8")
    save(capital, "capital")  # a new topic
    background = root / "content/news/2026-11-19-background.md"  # (after capital.md, which names the topic)
    background.write_text(copy("background", "背景"), encoding="utf-8")
    served = save(background, "clash")  # the clash
    assert len([name for name in served if re.fullmatch(r"topics/beijing[a-z0-9-]*/index.html", name)]) == 2
    capital.write_text(copy("capital", "北京").replace("\ntopics:", "\n# moved down\ntopics:"), encoding="utf-8")
    save(capital, "moved-down")  # the warning names the line of its `topics:`
    background.write_text(copy("background", "背景").replace('title: "', 'title: "Retold: ', 1), encoding="utf-8")
    save(background, "edited")  # a story of the topic whose slug moved
    capital.unlink()
    served = save(capital, "deleted")  # the clash ends: 背景 has the plain slug
    assert [name for name in served if name.startswith("topics/beijing")
            and name.endswith("index.html")] == ["topics/beijing/index.html"]
