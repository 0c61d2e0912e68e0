"""Names of providers and topics: characters that show nothing, accounts written with tracking parameters or
escaped, look-alike accounts, the name most of a provider's items give, names and records from config.yaml
and data_dir."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import DATE_2025, ITEMS_CONFIG, api_news, build_items, build_site, front, item, make_site
from generator.cli import main


def test_providers_and_topics_differing_only_by_invisible_characters_are_one(tmp_path, capsys):
    """A crawler's provider name with a zero-width space, a word joiner, a byte order mark, a soft hyphen or a
    direction mark in it looks the same on every page as the name without, but was another provider with a
    page of its own (two "Port News" in the list); a no-break space did the same. They are one provider, and
    one topic. A joiner that changes what shows (Persian's non-joiner, an emoji's joiner) is kept."""
    spellings = ["Port News", "Port\u200b News", "Port \u2060News", "\ufeffPort News",
                 "Port Ne\u00adws", "\u200ePort News\u200f", "Port\u00a0News", "Port\u200d News"]
    files = {f"s{number}.md": front(f"title: Story {number}", DATE_2025, "provider:", f'  name: "{name}"',
                                    f'topics: ["Sea\u200bFreight", "Sea{"" if number % 2 else chr(0xad)}Freight"]')
             for number, name in enumerate(spellings)}
    files["domain.md"] = front("title: Story by domain", DATE_2025, "provider:", "  name: Port News",
                               '  domain: "port\u200b.example"')
    files["domain2.md"] = front("title: Story by domain 2", DATE_2025, "provider:", "  name: Port News",
                                '  domain: "\ufeffport\u00ad.example"')
    files["fa.md"] = front("title: Persian", DATE_2025, "provider:", '  name: "خبرگزاری\u200cها"',
                           'topics: ["می\u200cخواهم", "👩\u200d💻 Dev"]')
    out, news, said = build_items(tmp_path, files, capsys)
    assert "error:" not in said, said
    providers = {entry["provider"]["name"] for name, entry in news.items() if name.startswith("s")}
    assert providers == {"Port News"}, providers
    assert {tuple(entry["topics"]) for name, entry in news.items() if name.startswith("s")} == {("SeaFreight",)}
    assert news["fa"]["provider"]["name"] == "خبرگزاری\u200cها"
    assert news["fa"]["topics"] == ["می\u200cخواهم", "👩\u200d💻 Dev"]
    provider_pages = [path for path in (out / "providers").iterdir() if path.is_dir()]
    assert news["domain"]["provider"]["domain"] == news["domain2"]["provider"]["domain"] == "port.example"
    assert len(provider_pages) == 3, provider_pages  # (Port News, port.example's and the Persian one)
    listed = (out / "providers/port-news/index.html").read_text(encoding="utf-8")
    assert all(f"Story {number}" in listed for number in range(len(spellings)))


def test_a_domain_with_any_character_idna_ignores_is_that_domain(tmp_path, capsys):
    """What IDNA maps to nothing in a host (an invisible plus, a Mongolian variation selector, one of the
    supplement's variation selectors) is dropped from a provider's domain as a zero-width space is: the browser
    goes to port.example. Those three were kept, making another provider, `xn--port-...example`."""
    files = {f"d{number}.md": front(f"title: Story {number}", DATE_2025, "provider:", "  name: Port News",
                                    f'  domain: "port{mark}.example"')
             for number, mark in enumerate(["\u200b", "\u2064", "\u180f", "\U000e0100"])}
    _, news, said = build_items(tmp_path, files, capsys)
    assert "error:" not in said, said
    assert len(news) == 4
    assert {entry["provider"]["domain"] for entry in news.values()} == {"port.example"}


def provider_names(out: Path) -> dict[str, str]:
    """Each provider page's slug -> the name it shows in its heading."""
    names = {}
    for path in (out / "providers").glob("*/index.html"):
        found = re.search(r'<h1 class="provider-title">(.*?)</h1>', path.read_text(encoding="utf-8"), re.DOTALL)
        names[path.parent.name] = found[1].strip()
    assert names, "no provider page"
    return names


def test_names_declared_in_config_are_cleaned_as_items_names_are(tmp_path, capsys):
    """A topic or provider name in config.yaml with a zero-width space or a right-to-left override showed it on
    every page (the override turned the name around, and what followed it); a domain with a zero-width space
    matched no item; a description's override was left open. They are read as an item's names and text are."""
    config = ITEMS_CONFIG + ("topics:\n  - name: \"Sea\\u200bFreight\"\n    description: \"Ships <b> \\u202eand\"\n"
                       "  - name: \"\\u202eEvil\"\n"
                       "providers:\n  - domain: \"port\\u200b.example\"\n    name: \"Port\\u200b News\\u202e\"\n"
                       "    description: Harbour news.\n")
    files = {"a.md": front("title: Story", DATE_2025, "topics: [SeaFreight, Evil]", "provider:", "  name: port",
                           "  domain: port.example")}
    out, news, said = build_items(tmp_path, files, capsys, config)
    assert news["a"]["topics"] == ["SeaFreight", "Evil"]
    assert news["a"]["provider"]["name"] == "Port News"
    pages = [path for path in out.rglob("*.html")] + [path for path in out.rglob("*.json")]
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "\u200b" not in text and text.count("\u202e") == text.count("\u202c"), path
    topic = (out / "topics/seafreight/index.html").read_text(encoding="utf-8")
    # (the override closed where the description ends; `<b>` is text written, as ever in config.yaml)
    assert "Ships &lt;b&gt; \u202eand\u202c" in topic
    provider = (out / "providers/port-example/index.html").read_text(encoding="utf-8")
    assert "Port News" in provider and "Harbour news." in provider


def test_an_account_escaped_or_not_is_one_provider_and_records_match_by_account(tmp_path, capsys):
    """`youtube.com/%40acme` and `youtube.com/@acme` were two providers; and a `providers:` record could only
    be a domain's, so on youtube.com it named no channel (or, keyed by the host, would have named them all).
    A record with `account` is that account's alone; one with the host's domain is the host's own items'."""
    config = ITEMS_CONFIG + ("providers:\n  - account: https://www.youtube.com/@acme\n    name: Acme Official\n"
                       "    description: Acme's channel.\n  - domain: youtube.com\n    name: YouTube itself\n")
    def item(n: int, account: str | None) -> str:
        lines = ["provider:", "  name: Some channel", "  domain: youtube.com"]
        return front(f"title: Video {n}", DATE_2025, *lines, *([f"  account: {account}"] if account else []))
    files = {"a.md": item(1, "https://www.youtube.com/%40acme"), "b.md": item(2, "https://m.youtube.com/@acme/"),
             "c.md": item(3, "https://www.youtube.com/@other"), "d.md": item(4, None)}
    out, news, said = build_items(tmp_path, files, capsys, config)
    assert {name: news[name]["provider"]["name"] for name in "abcd"} == {
        "a": "Acme Official", "b": "Acme Official", "c": "Some channel", "d": "YouTube itself"}
    names = provider_names(out)
    assert sorted(names.values()) == ["Acme Official", "Some channel", "YouTube itself"], names
    acme = next(slug for slug, name in names.items() if name == "Acme Official")
    listed = (out / "providers" / acme / "index.html").read_text(encoding="utf-8")
    assert "Video 1" in listed and "Video 2" in listed and "Acme&#39;s channel." in listed
    assert len(names) == 3, names


def test_a_providers_name_is_the_one_most_of_its_items_give(tmp_path, capsys):
    """The newest item's name was the provider's on every page: one misspelt crawl renamed it site-wide. The
    name most items give is shown; of names as many give, the newest item's."""
    def item(day: int, name: str) -> str:
        return front(f"title: Story {day}", f"publishedDateTime: 2025-11-{day:02}T10:00:00Z", "provider:",
                     f"  name: {name}", "  domain: port.example")
    files = {f"s{day}.md": item(day, "Port News") for day in (1, 2, 3)}
    files["s9.md"] = item(9, "Prot Nwes")  # (the newest)
    out, news, said = build_items(tmp_path / "most", files, capsys)
    assert provider_names(out) == {"port-example": "Port News"}
    assert "Port News · " in (out / "providers/port-example/feed.rss").read_text(encoding="utf-8")
    files = {"s1.md": item(1, "Old Name"), "s2.md": item(2, "New Name")}
    out, _, _ = build_items(tmp_path / "tie", files, capsys)
    assert provider_names(out) == {"port-example": "New Name"}


def test_serve_saving_an_item_that_changes_its_providers_usual_name_gives_what_a_full_build_gives(tmp_path):
    """An older item's edit can change the name most of a provider's items give (not its newest item's):
    serve's quick re-index must show the name a full build shows."""
    from conftest import make_site, serving
    from generator.config.load import load_config

    def item(day: int, name: str) -> str:
        return front(f"title: Story {day}", f"publishedDateTime: 2025-11-{day:02}T10:00:00Z", "provider:",
                     f"  name: {name}", "  domain: port.example")
    root = make_site(tmp_path / "site", {"content/s1.md": item(1, "Port News"), "content/s2.md": item(2, "Port News"),
                                         "content/s3.md": item(3, "Prot Nwes")}, ITEMS_CONFIG)
    save = serving(root, load_config(root / "config.yaml"), tmp_path / "scratch")
    (root / "content/s1.md").write_text(item(1, "Prot Nwes"), encoding="utf-8")
    served = save(root / "content/s1.md", "renamed")
    assert '<h1 class="provider-title">Prot Nwes</h1>' in served["providers/port-example/index.html"].decode()


def test_a_providers_record_whose_account_names_no_page_is_an_error_at_its_line(tmp_path, capsys):
    """A record's `account` that is no page of its domain would be no one's record, without a word."""
    from conftest import make_site

    config = ITEMS_CONFIG + ("providers:\n  - account: javascript:alert(1)\n    name: A\n"
                       "  - domain: youtube.com\n    account: https://other.example/@acme\n    name: B\n"
                       "  - account: https://m.youtube.com/@fine\n    name: C\n")
    site = make_site(tmp_path / "site", {"content/a.md": front("title: A", DATE_2025)}, config)
    assert main(["build", "--config", str(site / "config.yaml")]) != 0
    said = capsys.readouterr()
    said = said.out + said.err
    assert ("config.yaml:8: `providers[0].account` is not the address of an account's page: 'javascript:alert(1)' "
            "(write the address of the account's own page, such as https://www.youtube.com/@acme)") in said, said
    assert "config.yaml:11: `providers[1].account` is not the address of an account's page on youtube.com" in said
    assert "providers[2]" not in said


@pytest.mark.parametrize("name", ["\u200b", "\u200e\u200f\u202a", "\u3164", "\ufeff", "\u00ad", "\U000e0041",
                                  "\u2028", " \u00a0 ", "\ufe0f", "\u206a", "\u17b4", "\U000e0100",
                                  "\u2800", "\u2800 \u2800", "\U0001d159", "\u1160\u115f", "\uffa0", "\u180e"])
def test_a_provider_or_topic_named_only_by_what_shows_nothing_is_left_out_with_a_warning(tmp_path, name):
    """plain_name drops zero-width and direction characters, Hangul fillers and tags from a provider's and a
    topic's name, so that names that look alike are one: a name of nothing else became empty, and the item lost
    its provider or topic without a word. The item is still built, and a warning names the line. Braille's
    blank pattern (U+2800) and music's null notehead are symbols, not invisible to Unicode, but show as
    blank: a topic "⠀" was a blank link in the menu, and "Acme⠀" a second Acme."""
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A", provider=json.dumps({"name": name}), topics=json.dumps([name, "Kept"])),
        "content/b.md": item("B", provider=json.dumps({"name": "Acme" + name}), topics=json.dumps(["Kept" + name]))})
    config, result = build_site(site)
    news = api_news(config)
    assert news["a"]["provider"] is None and news["a"]["topics"] == ["Kept"]
    assert news["b"]["provider"]["name"] == "Acme" and news["b"]["topics"] == ["Kept"]
    warned = sorted(str(w).split(": ", 1)[0] for w in result.site.warnings if "no character that shows" in str(w))
    assert warned == ["content/a.md:4", "content/a.md:5"]
    assert sorted(p.name for p in (config.output_path / "topics").iterdir() if p.is_dir()) == ["kept"]


def test_names_that_differ_only_by_a_character_that_shows_nothing_are_one(tmp_path):
    """Variation selectors after a Latin letter, tags outside a flag, Khmer's inherent vowels, deprecated format
    characters and musical formatting show nothing, as a zero-width space does, but plain_name kept them: `Acme`
    and `Acme` with a U+FE0F were two providers of one name, on two pages, and a topic twice in the menu. They
    are dropped as the others are; where a selector or tags change what shows (`❤️`, `1️⃣`, a Han variant,
    a flag of tags) they stay."""
    spellings = ["Acme", "Acme\ufe0f", "Acme\U000e0041", "Ac\u206ame", "Acme\u17b5", "Acme\U0001d173"]
    files = {f"content/s{n}.md": item(f"S{n}", provider=json.dumps({"name": name}), topics=json.dumps([name]))
             for n, name in enumerate(spellings)}
    kept = ["\u2764\ufe0f", "1\ufe0f\u20e3", "\u845b\U000e0100",
            "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"]
    files.update({f"content/k{n}.md": item(f"K{n}", topics=json.dumps([name])) for n, name in enumerate(kept)})
    config, result = build_site(make_site(tmp_path / "site", files))
    news = api_news(config)
    assert {news[f"s{n}"]["provider"]["name"] for n in range(len(spellings))} == {"Acme"}
    assert {tuple(news[f"s{n}"]["topics"]) for n in range(len(spellings))} == {("Acme",)}
    assert [news[f"k{n}"]["topics"] for n in range(len(kept))] == [[name] for name in kept]
    providers = [p.name for p in (config.output_path / "providers").iterdir() if p.is_dir()]
    assert providers == ["acme"]


def _tube(name: str, account: str) -> str:
    return json.dumps({"name": name, "domain": "youtube.com", "account": account})


def test_an_account_written_with_tracking_parameters_or_a_fragment_is_the_same_account(tmp_path):
    """A provider's `account` was its page with the query as written: a crawler that copied
    `.../@acme?utm_source=x` or `.../@acme#videos`, or `m.youtube.com`, made another provider of one account,
    on a page of its own. The account is read as canonical_url compares pages, its escapes decoded (`%40` is
    `@`: above); `?list=` stays its own."""
    accounts = ["https://www.youtube.com/@acme", "https://youtube.com/@acme/?utm_source=feed&fbclid=1",
                "https://m.youtube.com/@acme#videos", "https://youtube.com/%40acme/", "https://youtube.com/@acme?x=1"]
    files = {f"content/a{n}.md": item(f"A{n}", provider=_tube("Acme", account)) for n, account in enumerate(accounts)}
    config, result = build_site(make_site(tmp_path / "site", files))
    assert [p.name for p in sorted((config.output_path / "providers").iterdir()) if p.is_dir()] == [
        "youtube-com-at-acme", "youtube-com-at-acme-x-1"]
    provider_pages = (config.output_path / "providers/youtube-com-at-acme/index.html").read_text(encoding="utf-8")
    assert all(f"/a{n}/" in provider_pages for n in range(4))


def test_look_alike_accounts_are_told_apart_in_their_warning_and_an_enormous_one_is_left_out(tmp_path):
    """Accounts whose slugs are alike keep pages of their own, with a warning: it named each by its domain,
    `youtube.com` three times over, which told the user nothing. It names each account's page now, a zero-width
    space or a Cyrillic letter percent-encoded so that the difference shows. An `account` of 100 kB is no
    account's address: left out with a warning, not written into the provider."""
    site = make_site(tmp_path / "site", {
        "content/real.md": item("Real", provider=_tube("Acme", "https://youtube.com/@acme")),
        "content/zwsp.md": item("Zwsp", provider=_tube("Acme", "https://youtube.com/@acme\u200b")),
        "content/cyrillic.md": item("Cyrillic", provider=_tube("Acme", "https://youtube.com/@\u0430cme")),
        "content/huge.md": item("Huge", provider=_tube("Huge", "https://youtube.com/" + "a/" * 50_000))})
    config, result = build_site(site)
    [alike] = [str(w) for w in result.site.warnings if "slugs alike" in str(w)]
    assert "`youtube.com/@acme`" in alike and "`youtube.com/@acme%E2%80%8B`" in alike
    assert "`youtube.com/@%D0%B0cme`" in alike and "write the same account" in alike
    assert any(str(w).startswith("content/huge.md:4: `provider`'s `account` is 100,0") for w in result.site.warnings)
    page = (config.output_path / "news/2026/11/20/huge/index.html").read_text(encoding="utf-8")
    assert "providers/youtube-com/" in page and "a/a/a/a/a/a/" not in page


@pytest.mark.slow
def test_topics_chained_thousands_deep_build_and_are_listed(tmp_path):
    """Topic records each naming the one before as `parent`, 1,200 deep, stopped the build with a
    RecursionError (the model gathering each topic's items, the topics index's macro listing sub-topics).
    Each topic page lists the items of every topic inside it; the index lists them all, in order."""
    depth = 1200
    files = {f"data/topics/t{n:04}.yaml": f"name: T{n}\n_id: t{n}\n" + (f"parent: T{n - 1}\n" if n else "")
             for n in range(depth)}
    files["content/deep.md"] = item("At the bottom", topics=f"[T{depth - 1}]")
    files["content/top.md"] = item("At the top", topics="[T0]")
    site = make_site(tmp_path / "site", files, "title: x\nbase_url: https://example.org/\n"
                                                 'now: "2026-11-22T12:00:00Z"\ndata_dir: data\n')
    config, result = build_site(site)
    assert not result.site.problems and not result.site.warnings
    assert result.site.model.site.topics[f"t{depth - 1}"].depth == depth - 1
    out = site / "output" / "topics"
    # (so many topics are listed A to Z over numbered index pages: read one after the other, page 1 first)
    numbered = sorted((out / "page").glob("*/index.html"), key=lambda path: int(path.parent.name))
    assert numbered
    index = "".join(path.read_text(encoding="utf-8") for path in [out / "index.html", *numbered])
    listed = [index.rfind(f'href="/topics/t{n}/"') for n in range(depth)]  # (after page 1's most covered)
    assert all(at > 0 for at in listed) and listed == sorted(listed)
    top, bottom = (out / "t0" / "index.html").read_text(encoding="utf-8"), \
        (out / f"t{depth - 1}" / "index.html").read_text(encoding="utf-8")
    assert "At the bottom" in top and "At the top" in top
    assert "At the bottom" in bottom and "At the top" not in bottom


def test_endless_names_and_descriptions_of_records_are_cut_with_a_warning(tmp_path):
    """A topic record's 100,000-character name went whole into every page listing its topic, the topics
    index and the API; an organization record's name onto every card of its stories. They are cut at a word
    to the limit of items' text fields (2,000 characters), with a warning at their line."""
    long = "word " * 20_000
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A story", topics="[big]", provider="{name: P, domain: p.example}"),
        "data/topics/big.yaml": f"_id: big\nname: \u202e{long}\ndescription: {long}\n",
        "data/organizations/p.md": f"---\n_id: p.example\nname: {long}\n---\n",
    }, 'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\ndata_dir: data\n')
    config, result = build_site(site)
    model = result.site.model.site
    topic, provider = model.topics["big"], model.providers["p-example"]
    # (its override dropped, as from an item's topic name: plain_name)
    assert len(topic.name) <= 2002 and topic.name.endswith("…") and "\u202e" not in topic.name
    assert len(topic.description) <= 2001 and len(provider.name) <= 2001
    assert sorted(str(warning).split(" is ")[0] for warning in result.site.warnings) == [
        "data/organizations/p.md:3: `name` of the organization record",
        "data/topics/big.yaml:2: `name` of the topic record",
        "data/topics/big.yaml:3: `description` of the topic record"]
    index = (site / "output" / "topics" / "index.html").read_text(encoding="utf-8")
    assert len(index) < 30_000


def test_a_name_an_item_gives_beats_the_domain_of_items_that_give_none(tmp_path, capsys):
    """A provider of no name is named by its domain; such items counted as giving that name, so two crawled
    without one renamed `Harbour Daily` `harbour.example` on every page. A name given is the provider's; the
    domain only when no item gives one."""
    def item(day: int, *provider: str) -> str:
        return front(f"title: Story {day}", f"publishedDateTime: 2025-11-{day:02}T10:00:00Z", "provider:", *provider)
    files = {"s1.md": item(1, "  name: Harbour Daily", "  domain: harbour.example"),
             "s2.md": item(2, "  domain: harbour.example"), "s3.md": item(3, "  domain: www.harbour.example"),
             "s4.md": item(4, "  domain: bare.example")}
    out, news, said = build_items(tmp_path, files, capsys)
    assert provider_names(out) == {"harbour-example": "Harbour Daily", "bare-example": "bare.example"}
    assert {name: entry["provider"]["name"] for name, entry in news.items()} == {
        "s1": "Harbour Daily", "s2": "Harbour Daily", "s3": "Harbour Daily", "s4": "bare.example"}


# A data_dir record's front matter in each format (fields: (key, value as that format writes it))
RECORD_FRONT = {
    "yaml": lambda *fields: "---\n" + "".join(f"{key}: {value}\n" for key, value in fields) + "---\n",
    "toml": lambda *fields: "+++\n" + "".join(f"{key} = {value}\n" for key, value in fields) + "+++\n",
    "json": lambda *fields: "{\n" + ",\n".join(f'"{key}": {value}' for key, value in fields) + "\n}\n",
}
RECORD_HINTS = {  # what each hint shows, as the record's format writes it
    "yaml": ("name: Robotics", "domain: example.com", "images: [{url: /assets/logo.png}]", 'otherNames: ["1410"]'),
    "toml": ('name = "Robotics"', 'domain = "example.com"', 'images = [{url = "/assets/logo.png"}]',
             'otherNames = ["1410"]'),
    "json": ('"name": "Robotics"', '"domain": "example.com"', '"images": [{"url": "/assets/logo.png"}]',
             '"otherNames": ["1410"]'),
}


@pytest.mark.parametrize("form", sorted(RECORD_FRONT))
def test_a_data_dir_record_s_hint_is_written_in_the_record_s_format(tmp_path, capsys, form):
    """A data_dir record may be Markdown with TOML or JSON front matter, as an item may, but its hints showed
    YAML (`add `name: ...``, `images:` then `  - url: ...`): each shows its example as the record's file
    writes it."""
    write = RECORD_FRONT[form]
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A story"),
        "data/topics/unnamed.md": write(("description", '"No name"')),
        "data/organizations/nameless.md": write(("name", '"The Daily"')),
        "data/organizations/p.example.md": write(("_id", '"p.example"'), ("name", '"P"'), ("images", "5"),
                                                  ("otherNames", "[1410]"))},
        "title: T\nbase_url: https://example.org/\ndata_dir: data\n")
    main(["check", "--config", str(site / "config.yaml")])
    err = capsys.readouterr().err
    name, domain, images, names = RECORD_HINTS[form]
    assert f"data/topics/unnamed.md:1: topic record has no `name` (add the topic's name, e.g. `{name}`)" in err, err
    assert (f"data/organizations/nameless.md:2: organization record has no `_id` or `domain` (add the organization's "
            f"domain, e.g. `{domain}`: items name their provider by it)") in err, err
    assert (f"data/organizations/p.example.md:4: `images` must be a list of logos with `url`, `width`, `height`; the "
            f"provider is shown without one (write it as `{images}`)") in err, err
    assert f"in quotes: `{names}`)" in err, err
