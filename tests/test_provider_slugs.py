"""Two providers whose slugs come out alike are two providers: each has its own page, feeds, name on its
cards, in the API and in the search index, and the build says which slug each got (docs/content.md).

Alike slugs come from a domain and one with a hyphen for a dot (`a.b.example`, `a-b.example`), a domain and
a name (`A B Example`), or Unicode transliterated alike (`café.example`, `cafe.example`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import pytest

from conftest import (BASIC_CONFIG, clean_build, copy_example_site, files_under, item, make_site, said, serving,
                      without_stories)
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config

CONFIG = BASIC_CONFIG + "stories:\n  enabled: false\n"  # (the stories are alike too: kept apart to see each)

DOTTED = "{name: Dotted Daily, domain: a.b.example}"
HYPHENED = "{name: Hyphen Herald, domain: a-b.example}"
ALIKE = {  # two providers whose plain slugs are alike: (provider as an item writes it, its name on the site)
    "dots-and-hyphens": ((DOTTED, "Dotted Daily"), (HYPHENED, "Hyphen Herald")),
    "domain-and-name": ((DOTTED, "Dotted Daily"), ('"A B Example"', "A B Example")),
    "unicode-domains": (("{name: Café Chronicle, domain: café.example}", "Café Chronicle"),
                        ("{name: Cafe Courier, domain: cafe.example}", "Cafe Courier")),
    "unicode-names": (('"Müller News"', "Müller News"), ('"Muller News"', "Muller News")),
}


def _site(tmp_path: Path, providers, config: str = CONFIG, name: str = "site") -> Path:
    """A site with story n (n from 1) of the n-th provider, in content/pN.md."""
    return make_site(tmp_path / name, {
        f"content/p{n}.md": item(f"Story {n} of its provider", date=f"2026-11-{20 - n}T10:00:00Z", provider=spec)
        for n, spec in enumerate(providers, 1)}, config)


def _parse(path: Path):
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _chip(out: Path, title: str) -> tuple[str, str]:
    """(slug, name) of the provider the card of the story titled so names, on the Latest list."""
    for card in _parse(out / "latest/index.html").iter("article"):
        if title in _text(card):
            chip = next(a for a in card.iter("a") if "provider-chip" in a.get("class", ""))
            slug = re.fullmatch(r"/providers/([a-z0-9-]+)/", chip.get("href")).group(1)
            return slug, _text(chip.find("bdi"))  # (its letters or logo, then the name, isolated)
    raise AssertionError(f"no card of {title!r}")


@pytest.mark.parametrize("kind", sorted(ALIKE))
def test_providers_with_alike_slugs_get_a_page_feed_and_name_each(tmp_path, kind):
    (first, first_name), (second, second_name) = ALIKE[kind]
    out = tmp_path / "out"
    clean_build(_site(tmp_path, [first, second]), out)
    pages = sorted(p.parent.name for p in (out / "providers").glob("*/index.html"))
    assert len(pages) == 2, pages
    chips = {n: _chip(out, f"Story {n} of its provider") for n in (1, 2)}
    assert [name for _, name in chips.values()] == [first_name, second_name]
    assert sorted(slug for slug, _ in chips.values()) == pages
    for n, (slug, name) in chips.items():
        other = 3 - n
        page = _parse(out / "providers" / slug / "index.html")
        assert _text(page.find(".//h1")) == name
        listed = _text(page.find(".//main"))
        assert f"Story {n} of its provider" in listed and f"Story {other} of its provider" not in listed
        feed = (out / "providers" / slug / "feed.xml").read_text(encoding="utf-8")
        assert f"Story {n} of its provider" in feed and f"Story {other} of its provider" not in feed
    api = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert [(entry["title"], entry["provider"]["name"]) for entry in api] == [
        ("Story 1 of its provider", first_name), ("Story 2 of its provider", second_name)]
    meta = json.loads((out / "search/index/meta.json").read_text(encoding="utf-8"))
    docs = [dict(zip(meta["fields"], doc)) for doc in json.loads((out / "search/index/docs/0.json").read_text())]
    assert sorted((doc["title"], doc["provider"], doc["provider_slug"]) for doc in docs) == [
        (f"Story {n} of its provider", name, slug) for n, (slug, name) in chips.items()]
    facets = json.loads((out / "search/index/facets.json").read_text(encoding="utf-8"))["providers"]
    assert sorted((slug, name) for slug, name, _ in facets) == sorted((slug, name) for slug, name in chips.values())


def test_the_build_warns_once_naming_the_file_and_line_of_each(tmp_path, capsys):
    clean_build(_site(tmp_path, [DOTTED, HYPHENED]), tmp_path / "out")
    [warning] = said(capsys, "alike")
    # `provider:` is line 4 of each file; a.b.example keeps the plain slug (the fewest hyphens)
    assert "content/p1.md:4: " in warning and "content/p2.md:4" in warning
    assert "`a.b.example`" in warning and "`a-b.example`" in warning and "providers/a-b-example/" in warning
    assert "same domain" in warning  # what to do if they are one provider


def test_which_keeps_the_plain_slug_depends_on_the_providers_alone(tmp_path):
    # The rule (docs/content.md): the fewest hyphens, then code point order; not the order of files or dates.
    # A provider no other's slug is like keeps the slug it always had.
    slugs = []
    for name, providers in (("one", [DOTTED, HYPHENED]), ("two", [HYPHENED, DOTTED]), ("alone", [HYPHENED])):
        out = tmp_path / f"out-{name}"
        clean_build(_site(tmp_path, providers, name=name), out)
        slugs.append({_chip(out, f"Story {n} of its provider") for n in range(1, len(providers) + 1)})
    assert slugs[0] == slugs[1]
    assert ("a-b-example", "Dotted Daily") in slugs[0] and ("a-b-example", "Hyphen Herald") not in slugs[0]
    assert slugs[2] == {("a-b-example", "Hyphen Herald")}


def test_a_build_with_its_cache_after_a_clash_appears_is_a_clean_build(tmp_path):
    # What the last build made of Hyphen Herald's story (a feed's entry names its provider's feed) is not kept
    # once its slug moves.
    from generator.cli import main

    root = _site(tmp_path, ['"A B Example"', HYPHENED])
    story = root / "content/p2.md"  # Hyphen Herald's: alone in its topic, whose feed is the same list after
    story.write_text(story.read_text(encoding="utf-8").replace("provider:", "topics: [Solo]\nprovider:"))
    out = tmp_path / "out"
    (root / "content/p1.md").rename(tmp_path / "p1.md")
    assert main(["build", "--config", str(root / "config.yaml"), "--output", str(out)]) == 0
    (tmp_path / "p1.md").rename(root / "content/p1.md")
    assert main(["build", "--config", str(root / "config.yaml"), "--output", str(out)]) == 0
    assert files_under(out) == clean_build(root, tmp_path / "clean")


def test_a_domain_written_as_a_url_is_the_provider_of_its_host(tmp_path):
    # Crawlers write the provider's address where its domain goes: `https://TechCrunch.com/` made a provider
    # of its own (providers/https-techcrunch-com/, "https://techcrunch.com/" shown as its domain).
    root = _site(tmp_path, ["{name: TechCrunch, domain: techcrunch.com}",
                            '{name: TechCrunch, domain: "https://TechCrunch.com/"}',
                            '{name: TechCrunch, domain: "http://techcrunch.com/about?x=1"}'])
    out = tmp_path / "out"
    clean_build(root, out)
    assert sorted(p.name for p in (out / "providers").iterdir() if p.is_dir()) == ["techcrunch-com"]
    assert [_chip(out, f"Story {n} of its provider") for n in (1, 2, 3)] == [("techcrunch-com", "TechCrunch")] * 3
    page = _text(_parse(out / "providers/techcrunch-com/index.html").find("body"))
    assert "techcrunch.com" in page and "https://" not in page


def test_a_domain_written_with_other_unicode_spellings_is_one_provider(tmp_path):
    # `café` with its accent as a character of its own (NFD, as macOS file names and some crawlers write it) and
    # fullwidth letters are the same host to a browser: each made a second provider of the same domain, and
    # the combining accent a warning that the domain was no host name. A record of the domain is theirs too.
    nfc, nfd = "café.example", "cafe\u0301.example"
    config = CONFIG + f"providers:\n  - domain: {nfd}\n    name: Café Record\n"
    root = _site(tmp_path, [f"{{name: Café, domain: {nfc}}}", f"{{name: Café, domain: {nfd}}}",
                            "{name: Wide, domain: ｗｉｄｅ.example}", "{name: Wide, domain: wide.example}"], config)
    out = tmp_path / "out"
    clean_build(root, out)
    assert sorted(p.name for p in (out / "providers").iterdir() if p.is_dir()) == ["cafe-example", "wide-example"]
    assert [_chip(out, f"Story {n} of its provider") for n in (1, 2, 3, 4)] == [
        ("cafe-example", "Café Record"), ("cafe-example", "Café Record"),
        ("wide-example", "Wide"), ("wide-example", "Wide")]
    assert build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={}).site.warnings == ()


def test_a_domain_that_is_not_a_host_name_is_said_and_kept_as_text(tmp_path):
    root = _site(tmp_path, ['{name: Odd, domain: "javascript:alert(1)"}', "{name: Fine, domain: bücher.example}",
                            '{name: Spaced, domain: "news site"}'])
    site = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={}).site
    assert [(w.path, w.line, w.message) for w in site.warnings] == [
        ("content/p1.md", 4, "`provider`'s `domain` is not a host name: 'javascript:alert(1)'"),
        ("content/p3.md", 4, "`provider`'s `domain` is not a host name: 'news site'")]
    assert [item.provider.name for item in site.model.site.items] == ["Odd", "Fine", "Spaced"]


def test_a_provider_record_is_the_provider_of_its_domain_only(tmp_path):
    config = CONFIG + ("providers:\n  - domain: a-b.example\n    name: Hyphen Times\n"
                       "    description: The record of a-b.example.\n")
    out = tmp_path / "out"
    clean_build(_site(tmp_path, [DOTTED, HYPHENED], config), out)
    assert _chip(out, "Story 1 of its provider") == ("a-b-example", "Dotted Daily")
    slug, name = _chip(out, "Story 2 of its provider")
    assert name == "Hyphen Times"
    assert "The record of a-b.example." in (out / "providers" / slug / "index.html").read_text(encoding="utf-8")
    assert "The record of a-b.example." not in (out / "providers/a-b-example/index.html").read_text(encoding="utf-8")


def test_related_coverage_is_not_shown_as_a_provider_with_an_alike_slug(tmp_path):
    related = ("\n  - title: The hyphen take\n    webUrl: https://a-b.example/take/\n"
               "    provider: {name: Hyphen Herald, domain: a-b.example}")
    root = make_site(tmp_path / "site", {
        "content/p1.md": item("Story 1 of its provider", provider=DOTTED),
        "content/p2.md": item("Story with coverage", date="2026-11-19T10:00:00Z",
                              provider="{name: Other, domain: other.example}", related=related)}, CONFIG)
    out = tmp_path / "out"
    clean_build(root, out)
    [page] = (out / "news").rglob("p2/index.html")
    coverage = _text(_parse(page).find(".//section[@class='related']"))
    assert "The hyphen take" in coverage and "Hyphen Herald" in coverage and "Dotted Daily" not in coverage
    assert "/providers/a-b-example/" not in page.read_text(encoding="utf-8").split('class="related"', 1)[1]


# --- serve: a save that makes or ends a clash gives what a full build gives ----------------------------------

CLASHING = {  # a copy of an Orbit Wire story from a provider whose slug is like orbitwire.example's
    "takes-the-slug": "  name: Orbitwire Example",  # a name: no hyphen, and " " before ".": it keeps orbitwire-example
    "gets-its-own": "  name: Orbit Clone\n  domain: orbitwire-example",  # a hyphen more: orbitwire.example keeps it
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(CLASHING))
def test_serve_saving_a_clashing_story_gives_what_a_full_build_gives(tmp_path, kind):
    root = copy_example_site(tmp_path / "site")
    save = serving(root, load_config(without_stories(root / "config.yaml")), tmp_path)

    original = root / "content/news/2026-11-19-hexaray-reusable-upper-stage-hop.md"
    text = original.read_text(encoding="utf-8")
    copy = re.sub(r"^  name: Orbit Wire\n  domain: orbitwire\.example$", CLASHING[kind],
                  text.replace("title: ", "slug: clash\ntitle: ", 1), count=1, flags=re.M)
    assert copy != text
    new = root / "content/news/2026-11-18-clash.md"
    new.write_text(copy.replace("orbitwire.example/2026", "elsewhere.example/2026"), encoding="utf-8")
    served = save(new, "added")
    orbit = sorted(name for name in served if re.fullmatch(r"providers/orbitwire-example[a-z0-9-]*/index.html", name))
    assert len(orbit) == 2, orbit
    original.write_text(text.replace('title: "Hexaray tests', 'title: "Hexaray retests', 1), encoding="utf-8")
    save(original, "edited")  # a story of the provider whose slug may have moved
    first = root / "content/news/2026-10-03-lumenkite-books-first-rideshare-launch.md"  # Orbit Wire's first file
    first.write_text(first.read_text(encoding="utf-8").replace("\nprovider:", "\ncategory: Launches\nprovider:"))
    save(first, "moved-down")  # the warning names the line of its `provider:`
    new.unlink()
    served = save(new, "deleted")
    assert [name for name in served if name.startswith("providers/orbitwire-example")
            and name.endswith("index.html")] == ["providers/orbitwire-example/index.html"]
