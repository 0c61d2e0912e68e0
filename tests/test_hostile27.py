"""Hostile and odd content, session 27: a state file a later newsdesk wrote, removed sources' tombstones, a
slow feed that no longer holds up the others, and what crawlers write in front matter and bodies, checked in
every output as its reader parses it.

Each test writes what a crawler or a feed can send and checks what the user sees: the files written, the
site built from them, and the messages.
"""

from __future__ import annotations

import json
import threading
from datetime import timezone
from pathlib import Path

import pytest

from conftest import fetch_site
from feed_server import Route
from generator.cli import main
from generator.fetch.workers import Parsers

FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>F</title><link>https://f.example/</link>
<item><title>One</title><link>https://f.example/1</link><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>
<description>First.</description></item>
<item><title>Two</title><link>https://f.example/2</link><pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>
<description>Second.</description></item>
</channel></rss>
"""


def run_fetch(site: Path, capsys) -> tuple[int, str, str]:
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    return code, out, err


# --- 1. the fetch state file: a later newsdesk's fields, removed sources ----------------------------------

def test_a_state_with_fields_a_later_newsdesk_added_is_read_and_they_are_kept(tmp_path, server, capsys):
    """A state file a later newsdesk wrote, with fields this one does not know (of the file, a feed, an item),
    stopped fetch with an error, so a site's workflow pinned to an older newsdesk failed after one run of a
    newer one. They are read past, and written back as they were."""
    server.routes["/rss.xml"] = Route(FEED)
    site = fetch_site(tmp_path / "site", server, ["/rss.xml"])
    assert run_fetch(site, capsys)[0] == 0
    path = site / "fetch-state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    assert state["items"], "fetch remembered no item"
    state["clusters"] = {"a": [1, 2]}
    state["feeds"][server.url("/rss.xml")]["health"] = {"failures": 0}
    for record in state["items"].values():
        record["language"] = "en"
        record["score"] = 0.5
    path.write_text(json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    (site / "content" / "fetched").joinpath(next(iter(state["items"].values()))["file"].split("/", 1)[1]).unlink()
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and "Traceback" not in err, out + err
    after = json.loads(path.read_text(encoding="utf-8"))
    assert after["clusters"] == {"a": [1, 2]} and after["version"] == 1
    assert after["feeds"][server.url("/rss.xml")]["health"] == {"failures": 0}
    assert all(record["language"] == "en" and record["score"] == 0.5 for record in after["items"].values())
    assert sum(1 for record in after["items"].values() if not record.get("file")) == 1  # (the deleted one)


def test_a_state_of_a_later_format_says_to_upgrade(tmp_path, server, capsys):
    server.routes["/rss.xml"] = Route(FEED)
    site = fetch_site(tmp_path / "site", server, ["/rss.xml"])
    (site / "fetch-state.json").write_text('{\n "items": {},\n "version": 2\n}\n', encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    assert code == 2 and out == ""
    assert err.startswith("fetch-state.json:3: not a fetch state file: version 2 of the state's format is a later "
                          "newsdesk's (this one reads version 1)"), err
    assert "upgrade newsdesk" in err and server.asked("/rss.xml") == []


def test_a_removed_source_leaves_no_tombstones_behind(tmp_path, server, capsys):
    """An item deleted by hand stays deleted while its feed lists it: the state keeps its record without a
    file. A source removed from config.yaml kept its feed's record and every tombstone for ever. A complete
    fetch now forgets them; the files it wrote stay, as do the records of those files."""
    server.routes["/a.xml"] = Route(FEED)
    server.routes["/b.xml"] = Route(FEED.replace(b"f.example", b"g.example"))
    site = fetch_site(tmp_path / "site", server, ["/a.xml", "/b.xml"])
    assert run_fetch(site, capsys)[0] == 0
    state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    from_b = {key: record for key, record in state["items"].items() if record["source"] == server.url("/b.xml")}
    assert len(from_b) == 2
    deleted, kept = sorted(from_b)
    (site / "content" / from_b[deleted]["file"]).unlink()
    assert run_fetch(site, capsys)[0] == 0  # (b's deleted file becomes a tombstone)
    assert json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))["items"][deleted].get("file") is None
    config = site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(f"  - {server.url('/b.xml')}\n", ""),
                      encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    assert code == 0, out + err
    after = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    assert deleted not in after["items"] and after["items"][kept]["file"] == from_b[kept]["file"]
    assert (site / "content" / from_b[kept]["file"]).is_file()
    assert list(after["feeds"]) == [server.url("/a.xml")]


def test_a_state_heat_of_thousands_of_digits_is_an_error_at_its_line(tmp_path, server, capsys):
    server.routes["/rss.xml"] = Route(FEED)
    site = fetch_site(tmp_path / "site", server, ["/rss.xml"])
    assert run_fetch(site, capsys)[0] == 0
    path = site / "fetch-state.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"heat": ', '"heat": ' + "9" * 5000 + ", \"was\": ", 1), encoding="utf-8")
    code, out, err = run_fetch(site, capsys)
    assert code == 2 and "sys.set_int_max_str_digits" not in err, err
    assert "not a fetch state file: `heat` of " in err and "is '99999" in err and "…', not a number from 0 to 1,000,000" in err, err


# --- 2. a slow feed holds up the others no longer -----------------------------------------------------------

def slow_feed() -> bytes:
    """feedparser takes minutes over an author's value that is a long run of letters and dots
    (kurtmckee/feedparser#562)."""
    half = "a." * 50_000
    entries = "".join(f"<item><title>Slow {n}</title><link>https://slow.example/{n}</link>"
                      f"<author>a@{half}{half}!</author></item>" for n in range(5))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Slow</title>'
            f"{entries}</channel></rss>").encode()


@pytest.mark.slow
def test_a_feed_slow_to_read_does_not_hold_up_the_feed_after_it():
    """All feeds were read in one child process, one after another: a feed made to be slow held every other
    feed up to `fetch.parse_timeout` (60 s each). Once it has been read for a moment, the next feed gets a
    process of its own: here the good feed is read while the slow one still is."""
    answers: dict[str, tuple] = {}
    with Parsers(600, patience=0.5) as parsers:
        slow = threading.Thread(target=lambda: answers.setdefault(
            "slow", parsers.read(slow_feed(), "https://slow.example/rss", "application/rss+xml", 10 ** 7,
                                 timezone.utc, "en")))
        slow.start()
        good = parsers.read(FEED, "https://f.example/rss", "application/rss+xml", 10 ** 7, timezone.utc, "en")
        assert "slow" not in answers, "the good feed waited for the slow one"
    slow.join()
    feed, problem = good
    assert problem == "" and [entry.title for entry in feed.entries] == ["One", "Two"]
    assert answers["slow"][0] is None  # (stopped with the pool)


# --- 3. dates as Italian, Vietnamese and Levantine Arabic sites write them ----------------------------------

DATE_CONFIG = ('title: T\nbase_url: https://example.org/\nnow: "2026-12-04T12:00:00Z"\nitems_per_page: 100\n'
               'stories:\n  enabled: false\n')

DATES = {
    "ore 10:00 del 3 dicembre 2026": "2026-12-03T10:00:00Z",  # Italian: the time first
    "10:00, 3 dicembre 2026": "2026-12-03T10:00:00Z",
    "alle 10.00 - 03.12.2026": "2026-12-03T10:00:00Z",
    "Thứ Tư, 3/12/2026, 10:00 (GMT+7)": "2026-12-03T03:00:00Z",  # Vietnamese: day/month/year after a weekday
    "Thứ tư, 03/12/2026 - 10:00": "2026-12-03T10:00:00Z",
    "ngày 03/12/2026": "2026-12-03T00:00:00Z",
    "3 كانون الأول 2026": "2026-12-03T00:00:00Z",  # Syria's and Lebanon's months
    "الأربعاء، 3 كانون الثاني 2026": "2026-01-03T00:00:00Z",
    "٣ تشرين الثاني ٢٠٢٦": "2026-11-03T00:00:00Z",
    "15 آذار 2026": "2026-03-15T00:00:00Z",
    "1 آب 2026 10:00": "2026-08-01T10:00:00Z",
    "20 أيلول 2026": "2026-09-20T00:00:00Z",
}


def built_dates(tmp_path: Path, written: dict[str, str], capsys, config: str = DATE_CONFIG):
    from conftest import build_files, front

    files = {f"d{n}.md": front(f"title: Dated {n}", f"publishedDateTime: {json.dumps(date)}")
             for n, date in enumerate(written)}
    files["good.md"] = front("title: Good", "publishedDateTime: 2026-11-20T10:00:00Z")
    _, news, said = build_files(tmp_path, files, capsys, config)
    return {date: news.get(f"d{n}", {}).get("publishedDateTime") for n, date in enumerate(written)}, said


def test_italian_vietnamese_and_levantine_dates_are_read(tmp_path, capsys):
    """An Italian time before the date, Vietnamese day/month/year with a weekday, and the Arabic month names
    of Syria, Lebanon, Jordan and Iraq (two words for four of them): each item was left out with an error."""
    read, said = built_dates(tmp_path, DATES, capsys)
    assert read == DATES, said
    assert "content/d" not in said, said


def test_day_month_year_with_slashes_is_a_date_on_a_vietnamese_site_alone(tmp_path, capsys):
    """`03/12/2026` is 3 December to a Vietnamese writer and 12 March to an American one: no date, but on a site
    whose language is Vietnamese."""
    written = {"03/12/2026 10:00": "2026-12-03T10:00:00Z"}
    read, said = built_dates(tmp_path / "vi", written, capsys, DATE_CONFIG + "language: vi\n")
    assert read == written, said
    read, said = built_dates(tmp_path / "en", written, capsys)
    assert read == {"03/12/2026 10:00": None} and "error: content/d0.md:3:" in said, said
    read, said = built_dates(tmp_path / "it", {"10:00 - 3 dicembre 2026 11:00": None}, capsys)
    assert read == {"10:00 - 3 dicembre 2026 11:00": None}, said  # (two times: which is meant?)


# --- 4. MathML formulas in bodies -----------------------------------------------------------------------------

FORMULA = ('<p>Energy <math><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math> holds, and '
           '<math display="block"><semantics><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mn>2</mn></mfrac>'
           '<annotation encoding="application/x-tex">\\frac{a+b}{2}</annotation></semantics></math> is the mean.</p>')
# (MathML's ways round sanitisers: style and comments parsed otherwise inside it, markup inside its text)
HOSTILE_FORMULA = ('<p>x <math><mtext><img src=x onerror=alert(1)></mtext><mglyph><style><!--</style>'
                   '<img title="--&gt;&lt;img src=1 onerror=alert(2)&gt;"></mglyph><mi>&lt;script&gt;alert(3)'
                   '&lt;/script&gt;</mi><maction xlink:href="javascript:alert(4)">m</maction></math> y</p>')


def test_a_formula_in_a_body_is_shown_as_its_text(tmp_path):
    """The sanitiser drops MathML whole, with its text: `Energy E = mc² holds` was published as `Energy holds`.
    A formula is written as its text now, powers and indices
    as <sup> and <sub>, a fraction as a/b, and what MathML hides from sanitisers is text or gone."""
    import html5lib

    from conftest import build_site, make_site

    site = make_site(tmp_path / "site", {
        "content/formula.md": f"---\ntitle: Formula\npublishedDateTime: 2026-11-20T10:00:00Z\n---\n{FORMULA}\n",
        "content/hostile.md": f"---\ntitle: Hostile\npublishedDateTime: 2026-11-20T09:00:00Z\n---\n{HOSTILE_FORMULA}\n",
    }, 'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    config, result = build_site(site)
    out = config.output_path
    [page] = list(out.glob("news/*/*/*/formula/index.html"))
    body = [div for div in html5lib.parse(page.read_bytes(), namespaceHTMLElements=False).iter("div")
            if div.get("class") == "body"]
    assert body, "no body on the page"
    text = " ".join("".join(body[0].itertext()).split())
    assert "Energy E = mc2 holds, and (a + b)/2 is the mean." in text, text
    assert [sup.text for sup in body[0].iter("sup")] == ["2"]
    [hostile] = list(out.glob("news/*/*/*/hostile/index.html"))
    tree = html5lib.parse(hostile.read_bytes(), namespaceHTMLElements=False)
    assert not [e for e in tree.iter() if isinstance(e.tag, str) and e.tag.split("}")[-1] in ("math", "mglyph", "style")
                and e.tag != "style"]
    assert not [(e.tag, name) for e in tree.iter() for name, value in e.attrib.items()
                if name.startswith("on") or "javascript" in value]
    assert "<script>alert(3)</script>" in " ".join("".join(e.itertext()) for e in tree.iter("div")
                                                   if e.get("class") == "body")


# --- 5. a text field that starts with `!` ---------------------------------------------------------------------

def test_a_value_starting_with_an_exclamation_mark_is_read_as_written(tmp_path, capsys):
    """`!` starts a tag in YAML: `title: !!! play Berlin` (the band) or `excerpt: !important update`, unquoted
    as crawlers' templates write them, left the whole item out ("could not determine a constructor"). Such a
    value is read as the text written, with a warning at its line; YAML's own tags are read as YAML."""
    from conftest import build_files, front

    files = {"band.md": front("title: !!! play Berlin tonight", "publishedDateTime: 2026-11-20T10:00:00Z"),
             "kung.md": front("title: !Kung elders meet", "excerpt: !important update for readers",
                              "publishedDateTime: 2026-11-20T09:00:00Z"),
             "typed.md": front("title: !!str 2026", "publishedDateTime: 2026-11-20T08:00:00Z"),
             "custom.md": front("title: Custom", "publishedDateTime: 2026-11-20T07:00:00Z", "kicker: !!! EXCLUSIVE",
                                "provider:", "  name: P", "  slogan: !include x")}
    _, news, said = build_files(tmp_path, files, capsys, DATE_CONFIG)
    assert {name: (entry["title"], entry.get("excerpt", "")) for name, entry in news.items()} == {
        "band": ("!!! play Berlin tonight", ""), "kung": ("!Kung elders meet", "!important update for readers"),
        "typed": ("2026", ""), "custom": ("Custom", "")}
    assert ("warning: content/band.md:2: `title` starts with `!`, which YAML reads as a tag; it is read as the text "
            "written (put the value in quotes)") in said, said
    assert "content/kung.md:3: `excerpt` starts with `!`" in said and "typed.md" not in said
    assert "content/custom.md:4: `kicker` starts with `!`" in said and "content/custom.md:7: `slogan`" in said


# --- 6. a JSON Feed with a number of thousands of digits --------------------------------------------------------

def test_a_json_feed_with_a_number_of_thousands_of_digits_keeps_its_entries(tmp_path, server, capsys):
    """Python makes no int of more than 4,300 digits: one such number in a JSON Feed (a size, an id) made the
    whole feed "invalid JSON (Exceeds the limit ... use sys.set_int_max_str_digits())", every entry lost. The
    number is its digits: as a size or a length none, as an id its text."""
    huge = "9" * 5000
    body = ('{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": ['
            '{"id": "a", "url": "https://j.example/a", "title": "Podcast", "date_published": "2026-11-20T10:00:00Z", '
            '"attachments": [{"url": "https://j.example/a.mp3", "mime_type": "audio/mpeg", "size_in_bytes": ' + huge
            + ', "duration_in_seconds": ' + huge + '}]}, '
            '{"id": ' + huge + ', "url": "https://j.example/b", "title": "Second", '
            '"date_published": "2026-11-20T09:00:00Z"}]}').encode()
    server.routes["/feed.json"] = Route(body, content_type="application/feed+json")
    site = fetch_site(tmp_path / "site", server, ["/feed.json"])
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and "digits" not in err, out + err
    import yaml

    items = {}
    for path in sorted((site / "content" / "fetched").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        items[meta["title"]] = meta
    assert sorted(items) == ["Podcast", "Second"]
    assert "size" not in items["Podcast"] and "length" not in items["Podcast"]


# --- 7. a TOML key given twice -----------------------------------------------------------------------------------

def test_a_toml_key_given_twice_is_read_as_yaml_reads_one(tmp_path, capsys):
    """YAML and JSON front matter keep the last of a key given twice, with a warning; TOML's reader calls it an
    error, and the item was left out. A top-level key on one line is read so in TOML too; one TOML cannot be
    read so (in a table, or over several lines) is an error that says to give the key once."""
    from conftest import build_files

    files = {"twice.md": '+++\ntitle = "First"\n"title" = "Second"\npublishedDateTime = 2026-11-20T10:00:00Z\n+++\nb\n',
             "table.md": ('+++\ntitle = "Table"\npublishedDateTime = 2026-11-20T09:00:00Z\n[provider]\nname = "x"\n'
                          'name = "y"\n+++\nb\n')}
    _, news, said = build_files(tmp_path, files, capsys, DATE_CONFIG)
    assert news["twice"]["title"] == "Second" and "table" not in news
    assert ("warning: content/twice.md:3: `title` is given twice, also on line 2: the last one is used (remove the "
            "one you do not mean)") in said, said
    assert ("error: content/table.md:6: invalid TOML in front matter: cannot overwrite a value (give each key once "
            "(this one was given before))") in said, said


def test_a_problem_with_a_key_given_twice_is_said_at_the_line_of_the_value_used(tmp_path, capsys):
    """Of a key given twice the last is used, but what was wrong with it was said at the first one's line,
    whose value was fine."""
    from conftest import build_files, front

    files = {"twice.md": front("title: Twice", "publishedDateTime: 2026-11-20T10:00:00Z",
                               "webUrl: https://ok.example/a", "webUrl: javascript:alert(1)")}
    _, news, said = build_files(tmp_path, files, capsys, DATE_CONFIG + "")
    assert "warning: content/twice.md:5: `webUrl` is not an http or https URL: 'javascript:alert(1)'" in said, said
    assert news["twice"]["webUrl"] is None
