"""Hostile and odd crawler content, sixth round: the surfaces this round added. TOML front matter (numbers
Python will not convert, dates and times where text is meant), an item's `author`, a provider's `account`,
scores written as counts, dates in words, names of invisible characters, and what `newsdesk fetch` makes of
feeds whose guids and authors are odd."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone

import pytest

from conftest import build_site, make_site, item, cpu_seconds


def toml(*lines: str, body: str = "Body text.") -> str:
    """An item file of these TOML front matter lines, between `+++` lines as Hugo writes them."""
    return "+++\n" + "\n".join(lines) + "\n+++\n" + body + "\n"


def _api(config) -> dict[str, dict]:
    """The API's news entries by their item's file name."""
    news = json.loads((config.output_path / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert news, "no item was built"
    return {entry["path"].rstrip("/").rsplit("/", 1)[-1]: entry for entry in news}


# --- 1. TOML front matter ----------------------------------------------------------------------------

def test_a_toml_integer_of_thousands_of_digits_is_a_score_too_large_not_a_crash(tmp_path):
    """tomllib makes an int of any integer's digits, and Python refuses one of more than 4,300 (a ValueError that
    is no TOMLDecodeError): one such `heat` crashed the whole build. Its digits are kept as written now, as YAML
    front matter keeps them, and the score is the largest, with a warning."""
    big = "9" * 5000
    site = make_site(tmp_path / "site", {
        "content/big.md": toml('title = "Big"', "publishedDateTime = 2026-11-20T10:00:00Z", f"heat = {big}",
                               f"extra = [1, {big}]"),
        "content/fine.md": item("Fine"),
    })
    config, result = build_site(site)
    news = _api(config)
    assert news["big"]["heat"] == 1_000_000 and "fine" in news
    assert [str(w).split(":")[:2] for w in result.site.warnings if "heat" in str(w)] == [["content/big.md", "4"]]


def test_toml_dates_and_times_in_text_fields_are_shown_as_written(tmp_path):
    """TOML reads `1979-05-27T07:32:00Z` and `00:04:05` unquoted as a datetime and a time. A title so written was
    shown as Python prints it (`1979-05-27 07:32:00+00:00`), a `length` or `price` that is a time was refused as
    no text, and a warning quoted `datetime.time(7, 32)`. They are the text as written now, as YAML's are."""
    site = make_site(tmp_path / "site", {"content/t.md": toml(
        "title = 1979-05-27T07:32:00Z", "publishedDateTime = 2026-11-20T10:00:00Z", "length = 00:04:05",
        "heat = 07:32:00", "author = 08:15:00", "topics = [2026-01-01, 07:00:00]")})
    config, result = build_site(site)
    entry = _api(config)["t"]
    assert entry["title"] == "1979-05-27T07:32:00Z" and entry["length"] == "00:04:05"
    assert entry["author"] == "08:15:00" and entry["topics"] == ["2026-01-01", "07:00:00"]
    warned = [str(w) for w in result.site.warnings]
    assert any("`heat` must be a number, got '07:32:00'" in w for w in warned), warned
    assert not [w for w in warned if "datetime." in w]


@pytest.mark.parametrize("form", ["yaml", "toml"])
def test_a_hexadecimal_integer_of_thousands_of_digits_in_any_field_is_its_text(tmp_path, form):
    """YAML's and TOML's `0xfff...` make an int of any length, which Python will not write in decimal past 4,300
    digits: an `author`, a `price` amount or a provider's name so written crashed the build where it was
    shown. Such an integer is the text of its hexadecimal digits now, as written (cut to a text's length)."""
    big = "0x" + "f" * 5000
    if form == "yaml":
        files = {"content/a.md": item("A", author=big, price=f"{{amount: {big}, currency: EUR}}", heat=big,
                                      provider=f"{{name: {big}, domain: p.example}}", topics=f"[{big}]")}
    else:
        files = {"content/a.md": toml('title = "A"', "publishedDateTime = 2026-11-20T10:00:00Z", f"author = {big}",
                                      f"heat = {big}", f"topics = [{big}]",
                                      f'provider = {{name = {big}, domain = "p.example"}}')}
    files["content/b.md"] = item("B")
    config, result = build_site(make_site(tmp_path / "site", files))
    news = _api(config)
    assert news["a"]["author"].startswith("0xfff") and news["a"]["provider"]["name"].startswith("0xfff")
    assert news["a"]["topics"] and "b" in news
    assert any("`heat` must be a number" in str(w) for w in result.site.warnings)


# --- 2. dates in words, and zones by name --------------------------------------------------------------

HOSTILE_DATES = {  # each a date in words or with a zone's name, then a long run that makes it none
    "uhr": lambda n: "2 Dezember 2026 10:00" + " " * n + "Uhx",
    "gap": lambda n: "2 Dezember 2026 1" + " " * n + "x",
    "english": lambda n: "Dec 2, 2026 10:00" + " " * n + "x",
    "zone": lambda n: "2026-11-20T10:00" + " " * n + "CETx",
    "weekdays": lambda n: "Mi, " * (n // 4),
}


@pytest.mark.parametrize("size", [1_000, 10_000, 100_000])
def test_a_long_hostile_date_is_refused_at_once_with_its_line(tmp_path, size):
    """The patterns that read dates in words and zones by name (`2 Dezember 2026 10:00 Uhr`, `... CET`) took time
    that grows with the square of a text's length or faster: a `publishedDateTime` of `2 Dezember 2026 10:00`,
    10 kB of spaces and `Uhx` took 10 s to refuse, one of 100 kB most of an hour. No date is that long: such a
    text is refused at once, with an error naming its line; the rest of the site builds."""
    files = {f"content/{name}.md": item(name, date=json.dumps(make(size))) for name, make in HOSTILE_DATES.items()}
    files["content/fine.md"] = item("Fine", date="'20. November 2026 um 10:00 Uhr'")
    site = make_site(tmp_path / "site", files)
    started = cpu_seconds()
    config, result = build_site(site)
    assert cpu_seconds() - started < 10
    assert _api(config)["fine"]["publishedDateTime"] == "2026-11-20T10:00:00Z"
    refused = sorted(str(p) for p in result.site.problems)
    assert [p.split(":")[:2] for p in refused] == [[f"content/{name}.md", "3"] for name in sorted(HOSTILE_DATES)]
    assert all("which no date is" in p for p in refused), refused


def test_a_feed_s_long_hostile_date_is_read_at_once(tmp_path):
    """`newsdesk fetch` reads a feed's date in other languages' words and with zones by name with the same
    patterns: a 100 kB pubDate is no date there either, and the feed's entries are read at once."""
    from generator.fetch.parse import parse_feed

    entries = "".join(f"<item><title>T{name}</title><link>https://f.example/{name}</link>"
                      f"<pubDate>{make(100_000)}</pubDate></item>" for name, make in HOSTILE_DATES.items())
    body = ("<?xml version='1.0'?><rss version='2.0'><channel><title>F</title><link>https://f.example/</link>"
            f"{entries}<item><title>Fine</title><link>https://f.example/fine</link>"
            "<pubDate>Mi, 02 Dez 2026 10:00:00 +0100</pubDate></item></channel></rss>").encode()
    started = cpu_seconds()
    feed = parse_feed(body, "https://f.example/feed")
    assert cpu_seconds() - started < 5
    assert len(feed.entries) == len(HOSTILE_DATES) + 1
    assert feed.entries[-1].published.isoformat() == "2026-12-02T09:00:00+00:00"


def test_a_date_whose_zone_the_reader_does_not_know_is_not_read_in_another_zone(tmp_path):
    """An RFC 2822 date's zone that email.utils does not know (`GMT+5`, `EST5EDT`) was dropped, and the time read
    in the site's zone, hours off without a word; `+01` was read as one minute; and `10:00 Uhr MEZ` kept its
    `Uhr` before the zone's offset, which so went unread. Now an unknown zone is an error at its line, `+01` is
    an hour, and `Uhr` goes before a zone too; the same in a fetched feed's dates."""
    from generator.fetch.parse import parse_feed

    dates = {"gmt5": "Mi, 18 Nov 2026 10:00:00 GMT+5", "posix": "18 Nov 2026 10:00:00 EST5EDT",
             "hours": "Wed, 18 Nov 2026 10:00:00 +01", "uhr": "18. November 2026 um 10:00 Uhr MEZ",
             "plain": "18 Nov 2026 10:00:00"}
    site = make_site(tmp_path / "site", {f"content/{name}.md": item(name, date=json.dumps(text))
                                         for name, text in dates.items()})
    config, result = build_site(site)
    news = _api(config)
    assert {name: entry["publishedDateTime"] for name, entry in news.items()} == {
        "hours": "2026-11-18T09:00:00Z", "uhr": "2026-11-18T09:00:00Z", "plain": "2026-11-18T10:00:00Z"}
    assert sorted(str(p).split(":")[0] for p in result.site.problems) == ["content/gmt5.md", "content/posix.md"]
    entries = "".join(f"<item><title>{name}</title><link>https://f.example/{name}</link><pubDate>{text}</pubDate>"
                      "</item>" for name, text in dates.items())
    feed = parse_feed(("<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>"
                       f"<link>https://f.example/</link>{entries}</channel></rss>").encode(), "https://f.example/feed")
    assert {e.title: e.published and e.published.isoformat() for e in feed.entries}["uhr"] == "2026-11-18T09:00:00+00:00"
    assert {e.title: e.published for e in feed.entries}["gmt5"] != datetime(2026, 11, 18, 10, tzinfo=timezone.utc)


# --- 3. names of invisible characters -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["\u200b", "\u200e\u200f\u202a", "\u3164", "\ufeff", "\u00ad", "\U000e0041",
                                  "\u2028", " \u00a0 ", "\ufe0f", "\u206a", "\u17b4", "\U000e0100"])
def test_a_provider_or_topic_named_only_by_what_shows_nothing_is_left_out_with_a_warning(tmp_path, name):
    """plain_name drops zero-width and direction characters, Hangul fillers and tags from a provider's and a
    topic's name, so that names that look alike are one: a name of nothing else became empty, and the item lost
    its provider or topic without a word. The item is still built, and a warning names the line."""
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A", provider=json.dumps({"name": name}), topics=json.dumps([name, "Kept"])),
        "content/b.md": item("B", provider=json.dumps({"name": "Acme" + name}), topics=json.dumps(["Kept" + name]))})
    config, result = build_site(site)
    news = _api(config)
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
    news = _api(config)
    assert {news[f"s{n}"]["provider"]["name"] for n in range(len(spellings))} == {"Acme"}
    assert {tuple(news[f"s{n}"]["topics"]) for n in range(len(spellings))} == {("Acme",)}
    assert [news[f"k{n}"]["topics"] for n in range(len(kept))] == [[name] for name in kept]
    providers = [p.name for p in (config.output_path / "providers").iterdir() if p.is_dir()]
    assert providers == ["acme"]


# --- 4. a provider's account -------------------------------------------------------------------------------

def _tube(name: str, account: str) -> str:
    return json.dumps({"name": name, "domain": "youtube.com", "account": account})


def test_an_account_written_with_tracking_parameters_or_a_fragment_is_the_same_account(tmp_path):
    """A provider's `account` was its page with the query as written: a crawler that copied
    `.../@acme?utm_source=x` or `.../@acme#videos`, or `m.youtube.com`, made another provider of one account,
    on a page of its own. The account is read as canonical_url compares pages, its escapes decoded (`%40` is
    `@`: test_items26); `?list=` stays its own."""
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


# --- 5. an item's author ---------------------------------------------------------------------------------

HOSTILE_AUTHORS = {
    "markup": json.dumps('<script>alert(1)</script>Sam &amp; "Co" </title>]]><!--'),
    "person": json.dumps({"name": "</script><script>alert(2)</script>Ann", "url": "javascript:alert(3)",
                          "email": "ann@example.org"}),
    "mixed": json.dumps(["Bob", {"name": "Cy"}, ["nested"], {"name": {"deep": 1}}, True, "Bob"]),
    "braces": json.dumps("{{ 7*7 }} {% raw %} ${x}"),
    "bidi": json.dumps("\u202eevil"),
    "many": json.dumps([f"Writer {n}" for n in range(3000)]),
}


def test_a_hostile_author_leaves_every_output_valid_and_escaped_once(tmp_path):
    """An item's `author` is shown as "By ..." on its page, as JSON-LD's Person, in the API and as each feed's
    author. Markup, scripts, entities, template syntax, a direction override and thousands of names in it
    leave every page, feed and API file valid: no script, the text escaped once, feeds well-formed XML that
    feedparser reads without complaint. A list with an entry that is no name keeps its other names (it was
    left out whole), with a warning at its line."""
    import xml.dom.minidom

    import feedparser

    files = {f"content/{name}.md": item(name.title(), author=value) for name, value in HOSTILE_AUTHORS.items()}
    config, result = build_site(make_site(tmp_path / "site", files))
    news = _api(config)
    assert news["markup"]["author"] == 'Sam & "Co" ]]><!--' and news["person"]["author"] == "Ann"
    assert news["mixed"]["author"] == "Bob, Cy" and news["braces"]["author"] == "{{ 7*7 }} {% raw %} ${x}"
    assert len(news["many"]["author"]) <= 2000
    assert [str(w).split(": ", 1)[0] for w in result.site.warnings if "no name as text" in str(w)] == [
        "content/mixed.md:4"]
    out = config.output_path
    page = (out / "news/2026/11/20/markup/index.html").read_text(encoding="utf-8")
    assert "By <bdi>Sam &amp; &#34;Co&#34; ]]&gt;&lt;!--</bdi>" in page
    checked, feeds = 0, 0
    for path in sorted(out.rglob("*")):
        text = path.read_text(encoding="utf-8") if path.suffix in (".html", ".xml", ".rss", ".json") else None
        if text is None:
            continue
        checked += 1
        assert "<script>alert" not in text and "javascript:" not in text and "&amp;amp;" not in text, path
        if path.suffix == ".json":
            json.loads(text)
        elif path.suffix in (".xml", ".rss"):
            xml.dom.minidom.parseString(text.encode("utf-8"))
            if "feed" in path.name or path.parent.name == "feeds":
                feeds += 1
                parsed = feedparser.parse(text.encode("utf-8"))
                assert not parsed.bozo, (path, parsed.bozo_exception)
                authors = {e.get("author") for e in parsed.entries}
                assert 'Sam & "Co" ]]><!--' in authors, (path, authors)
    assert checked > 20 and feeds >= 4


# --- 6. what `newsdesk fetch` reads of a feed's authors ------------------------------------------------

def test_a_feed_s_enormous_author_is_read_in_time_linear_in_its_length(tmp_path):
    """An entry's author is read without its e-mail addresses, found by fetch's pattern, which was tried from each
    of a name's characters to its end: an author of 40 kB without an `@` took 5 s, one of 200 kB minutes. Now it
    takes time linear in the name's length. Thousands of authors, and names of markup and entities, are read too.
    (feedparser's own search of an RSS author is as slow, and not bounded: see docs/fetch.md.)"""
    from generator.fetch.parse import parse_feed

    long_name = "Z" * 400_000
    many = "".join(f"<author><name>Writer {n}</name></author>" for n in range(3000))
    atom = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Tide</title>'
            '<link rel="alternate" href="https://tide.example/"/>'
            + "".join(f'<entry><id>tag:tide.example,2026:{n}</id><title>T{n}</title><updated>2026-11-20T10:00:00Z'
                      f'</updated><link rel="alternate" href="https://tide.example/{n}"/>{authors}</entry>'
                      for n, authors in enumerate([
                          f"<author><name>{long_name}</name></author>", f"<author><name>{long_name}@</name></author>",
                          many, "<author><name>&lt;script&gt;alert(1)&lt;/script&gt;Bo &amp;amp; Co</name>"
                                "<email>bo@tide.example</email></author>"]))
            + "</feed>").encode()
    started = cpu_seconds()
    entries = parse_feed(atom, "https://tide.example/feed.atom").entries
    assert cpu_seconds() - started < 5
    authors = [entry.author for entry in entries]
    # (compared as booleans: pytest's diff of two 400 kB texts takes a minute)
    assert (authors[0] == long_name, authors[1] == long_name + "@", authors[3]) == (True, True, "Bo & Co")
    assert authors[2].startswith("Writer 0, Writer 1, ") and "Writer 2999" in authors[2]


def test_front_matter_of_runs_just_short_of_a_long_number_is_read_at_once(tmp_path):
    """Front matter is searched for a run of digits long enough to be an integer Python will not write; the
    search was tried from each of a run's characters, so its cost grew with the square of a run's length: 250 kB
    of runs of 999 letters took 0.2 s to search in each such file, a crawler's thousand files minutes. It starts
    at a run's start only, so front matter of long runs reads as fast as the same size in short ones (CPU time
    of one against the other in the same process, not a clock limit)."""
    from generator.site.content import parse_source

    def reading(run: int) -> tuple[float, dict]:
        runs = ("a" * run + " ") * (250_000 // (run + 1))
        raw = f"---\ntitle: A\npublishedDateTime: 2026-11-20T10:00:00Z\nexcerpt: {runs}\n---\nBody\n".encode()
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            for _ in range(5):
                source = parse_source("content/a.md", raw)
            best = min(best, time.process_time() - started)
        assert source.meta["excerpt"] == runs.strip()
        return best, source.meta

    short, _ = reading(9)
    long, meta = reading(999)
    assert long < 3 * short + 0.05, (long, short)  # the square's cost made it over ten times the short runs'


def test_a_json_integer_of_thousands_of_digits_is_kept_as_in_yaml_and_toml(tmp_path):
    """JSON front matter with a `heat` of 5,000 digits was an error ('Exceeds the limit (4300 digits) for integer
    string conversion') that left the item out, where YAML and TOML front matter keep the digits as written. So
    does JSON now: the score is the largest, with a warning."""
    site = make_site(tmp_path / "site", {"content/j.md": '{"title": "J", "publishedDateTime": "2026-11-20T10:00:00Z", '
                                         f'"heat": {"9" * 5000}}}\nBody text.\n'})
    config, result = build_site(site)
    assert _api(config)["j"]["heat"] == 1_000_000 and not result.site.problems
    assert any("`heat`" in str(w) and "out of range" in str(w) for w in result.site.warnings)
