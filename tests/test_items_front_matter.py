"""Front matter as tools save it: other encodings and byte order marks, values YAML would read as something
else, TOML and JSON front matter, keys given twice, numbers of thousands of digits, front matter of megabytes.
Each is read as written or refused at its line, and the rest of the site builds."""

from __future__ import annotations

import json
import time

import pytest

from conftest import (DATE_2025, DATE_2026, ITEMS_CONFIG, api_news, build_items, build_site, built_page as page,
                      cpu_seconds, front, item, make_site)
from generator.cli import main


def test_files_as_other_tools_save_them_are_read_and_messages_keep_their_lines(tmp_path, capsys):
    """Blank lines above the opening `---`, UTF-16 with its byte order mark (Windows' "Unicode"), YAML's own
    end of a document (`...`) for the closing line, and tabs for indentation each left the item out."""
    item = front("title: Hàrbour", "publishedDateTime: 2026-11-20T10:00:00Z", "quality: lots")
    files = {
        "blank.md": "\n \n" + item,
        "utf16.md": item.encode("utf-16"),
        "utf16be.md": ("\ufeff" + item.replace("\n", "\r\n")).encode("utf-16-be"),
        "dots.md": item.replace("\n---\nBody", "\n...\nBody") + "---\nmore body\n",
        "tabs.md": front("title: Tabbed", "publishedDateTime: 2026-11-20T10:00:00Z", "provider:", "\tname: Tab News",
                         "\tdomain: tab.example", "\timages:", "\t\t- url: https://tab.example/logo.png",
                         "\t\t  width: 50", "quality: lots"),
        "mixed.md": front("title: Mixed", "publishedDateTime: 2026-11-20T10:00:00Z", "provider:", "\tname: Tab News",
                          "    domain: tab.example"),
    }
    out, news, said = build_items(tmp_path, files, capsys)
    assert {name: entry["title"] for name, entry in news.items()} == {
        "blank": "Hàrbour", "utf16": "Hàrbour", "utf16be": "Hàrbour", "dots": "Hàrbour", "tabs": "Tabbed"}
    for name, line in (("blank", 6), ("utf16", 4), ("utf16be", 4), ("dots", 4), ("tabs", 10)):
        assert f"warning: content/{name}.md:{line}: `quality` must be a number, got 'lots'" in said, (name, said)
    assert "more body" in page(out, news["dots"])
    assert news["tabs"]["provider"] == {"name": "Tab News", "domain": "tab.example",
                                         "url": "https://tab.example/", "images": [
        {"url": "https://tab.example/logo.png", "width": 50, "height": None}]}
    assert ("warning: content/tabs.md:5: front matter is indented with tabs, which YAML does not allow; each was "
            "read as two spaces (indent with spaces)") in said, said
    # (a tab and spaces at one level: which is meant cannot be told)
    assert "error: content/mixed.md:5: invalid YAML in front matter" in said, said


def test_a_value_that_is_not_yaml_unquoted_is_read_as_the_text_written(tmp_path, capsys):
    """A crawler's template writes `title: {{ title }}` without quotes: a title with `: `, one that starts
    with `@`, a backtick or `%`, or quotes inside its quotes, was an error that left the story out."""
    titles = {"colon": "Breaking: cranes get paint", "at": "@port paints cranes", "tick": "`crane` tips",
              "percent": "%50 off cranes", "star": "*New* cranes", "quotes": '"The "big" crane"',
              "apostrophe": "'It's a crane'"}
    files = {f"{name}.md": front(f"title: {title}", "publishedDateTime: 2026-11-20T10:00:00Z",
                                 "provider:", "  name: Port: The News", "  domain: port.example")
             for name, title in titles.items()}
    files["alias.md"] = front("title: A: b", "publishedDateTime: 2026-11-20T10:00:00Z", "webUrl: &u https://p.example/a",
                              "originalUrl: *u")
    out, news, said = build_items(tmp_path, files, capsys)
    assert "error:" not in said, said
    assert {name: news[name]["title"] for name in titles} == {
        "colon": "Breaking: cranes get paint", "at": "@port paints cranes", "tick": "`crane` tips",
        "percent": "%50 off cranes", "star": "*New* cranes", "quotes": 'The "big" crane', "apostrophe": "It's a crane"}
    assert news["colon"]["provider"]["name"] == "Port: The News"
    assert news["alias"]["originalUrl"] == "https://p.example/a"  # (an alias is YAML, not text)
    assert ("warning: content/quotes.md:2: `title`'s value is not valid YAML as written; it is read as the text "
            "after `title: ` (put the value in quotes, each \" inside it as \\\")") in said, said
    assert "warning: content/colon.md:5: `name`'s value is not valid YAML as written" in said, said
    assert "The &#34;big&#34; crane" in page(out, news["quotes"]) or 'The "big" crane' in page(out, news["quotes"])


def test_front_matter_that_cannot_be_read_is_an_error_at_its_line_and_the_rest_builds(tmp_path, capsys):
    files = {"good.md": front("title: Good", "publishedDateTime: 2026-11-20T10:00:00Z"),
             "open.md": front("title: Open", "publishedDateTime: 2026-11-20T10:00:00Z", "topics: [AI, Robots",
                              "heat: 3"),
             "text.md": "Only text, no front matter.\n"}
    _, news, said = build_items(tmp_path, files, capsys)
    assert set(news) == {"good"}
    assert "error: content/open.md:4: invalid YAML in front matter" in said and "close the bracket" in said, said
    assert "error: content/text.md:1: no front matter found" in said, said


def test_a_file_in_windows_1252_is_read_with_a_warning_naming_its_first_bad_line(tmp_path, capsys):
    """A Windows tool's or an old crawler's file in Windows-1252 (or Latin-1) was left out as "not UTF-8";
    it is read, and a file that is UTF-8 but for one pasted word keeps its UTF-8 text too."""
    files = {
        "cp1252.md": front("title: Café “Zürich” – naïve", DATE_2026, "excerpt: Preis 5 €",
                           body="Crème brûlée … ½").encode("cp1252"),
        "latin1.md": front("title: Ascii title", DATE_2026, "provider: Señor Noticias",
                           body="Años").encode("latin-1"),
        "mixed.md": front("title: Ünïcode title", DATE_2026, body="UTF-8 text").encode("utf-8") + b"then caf\xe9\n",
    }
    out, news, said = build_items(tmp_path, files, capsys)
    assert news["cp1252"]["title"] == "Café “Zürich” – naïve" and news["cp1252"]["excerpt"] == "Preis 5 €"
    assert "Crème brûlée … ½" in page(out, news["cp1252"])
    assert news["latin1"]["provider"]["name"] == "Señor Noticias" and "Años" in page(out, news["latin1"])
    assert news["mixed"]["title"] == "Ünïcode title" and "then café" in page(out, news["mixed"])
    message = "not UTF-8 text (from this line on); it was read as Windows-1252 (Latin-1) (save the file as UTF-8)"
    for name, line in (("cp1252", 2), ("latin1", 4), ("mixed", 6)):
        assert f"warning: content/{name}.md:{line}: {message}" in said, (name, said)


def test_a_text_value_starting_with_an_ampersand_or_a_star_is_the_text_written(tmp_path, capsys):
    """A crawler's template writes `title: {{ title }}` unquoted, and its titles start with HTML entities:
    YAML reads `&amp Foo` as an anchor named `amp` on "Foo" (the title lost its first word), and `&amp;`,
    `&#8220;` or `*Breaking` alone as broken YAML (the story was left out). An anchor no alias uses, or an
    alias to no anchor, in a text field is the text written, with a warning at its line; a real anchor and
    its alias are YAML still."""
    files = {
        "amp.md": front("title: &amp Foo cranes", DATE_2026, "excerpt: &amp; more to come"),
        "quote.md": front("title: &#8220;Quoted&#8221; cranes", DATE_2026, "provider:", "  name: &nbsp;Port News",
                          "  domain: port.example"),
        "star.md": front("title: *Breaking", DATE_2026, "excerpt: *Exclusive* story", "related:",
                         "  - title: &ldquo;Other&rdquo; take", "    webUrl: https://other.example/x"),
        "real.md": front("title: &t Real anchor", DATE_2026, "seo_title: *t", "webUrl: &u https://p.example/a",
                         "originalUrl: *u"),
    }
    out, news, said = build_items(tmp_path, files, capsys)
    assert "error:" not in said, said
    assert news["amp"]["title"] == "& Foo cranes" and news["amp"]["excerpt"] == "& more to come"
    assert news["quote"]["title"] == "“Quoted” cranes" and news["quote"]["provider"]["name"] == "Port News"
    assert news["star"]["title"] == "*Breaking" and news["star"]["excerpt"] == "*Exclusive* story"
    assert "“Other” take" in page(out, news["star"])
    assert news["real"]["title"] == "Real anchor" and news["real"]["originalUrl"] == "https://p.example/a"
    for name, line, key, what in (("amp", 2, "title", "an anchor"), ("amp", 4, "excerpt", "an anchor"),
                                  ("quote", 2, "title", "an anchor"), ("quote", 5, "name", "an anchor"),
                                  ("star", 2, "title", "an alias"), ("star", 6, "title", "an anchor")):
        assert (f"warning: content/{name}.md:{line}: `{key}` starts with `{'&' if what == 'an anchor' else '*'}`, "
                f"which YAML reads as {what}; it is read as the text written (put the value in quotes)") in said, \
            (name, line, said)
    assert "content/real.md" not in said, said


def test_a_text_value_yaml_reads_as_a_list_a_tag_a_block_or_a_comment_is_the_text_written(tmp_path, capsys):
    """`title: [Video] Cranes repainted` (a list that is none), `{Update} ...`, `> quoted` (a block's start
    with words after it) left the story out; `We're #1` and `Top 10 #tech news`
    lost their hashtag or number to a comment. Each is the text written, with a warning at its line; a list
    that is YAML (`["As JSON-LD writes it"]`) and a real comment (`# ` and words) are YAML still."""
    files = {
        "video.md": front("title: [Video] Cranes repainted", DATE_2026, "excerpt: {Update} The quay reopens"),
        "tag.md": front("title: | Important cranes", DATE_2026, "provider:", "  name: > The Quay Post", "  domain: q.example"),
        "hashtag.md": front("title: We're #1 at cranes", DATE_2026, "excerpt: Top 10 #tech news  # a comment"),
        "yaml.md": front('title: ["As JSON-LD writes it"]', DATE_2026, "excerpt: Plain words  # a comment"),
    }
    _, news, said = build_items(tmp_path, files, capsys)
    assert "error:" not in said, said
    assert (news["video"]["title"], news["video"]["excerpt"]) == ("[Video] Cranes repainted", "{Update} The quay reopens")
    assert (news["tag"]["title"], news["tag"]["provider"]["name"]) == ("| Important cranes", "> The Quay Post")
    assert (news["hashtag"]["title"], news["hashtag"]["excerpt"]) == ("We're #1 at cranes", "Top 10 #tech news")
    assert (news["yaml"]["title"], news["yaml"]["excerpt"]) == ("As JSON-LD writes it", "Plain words")
    for name, line, key, said_of in (
            ("video", 2, "title", "starts with `[`, which YAML reads as a list"),
            ("video", 4, "excerpt", "starts with `{`, which YAML reads as a mapping"),
            ("tag", 2, "title", "starts with `|`, which YAML reads as the start of a block of text"),
            ("tag", 5, "name", "starts with `>`, which YAML reads as the start of a block of text"),
            ("hashtag", 2, "title", "has ` #`, which YAML reads as the start of a comment"),
            ("hashtag", 4, "excerpt", "has ` #`, which YAML reads as the start of a comment")):
        assert (f"warning: content/{name}.md:{line}: `{key}` {said_of}; it is read as the text written "
                "(put the value in quotes)") in said, (name, key, said)
    assert "content/yaml.md" not in said, said


def test_a_hostile_title_of_brackets_costs_nothing_and_is_said(tmp_path, capsys):
    """Reading a text value YAML takes for a list (`title: [Video] ...`) loads that line alone: a title of
    thousands of nested brackets made the loader recurse until Python stopped the build."""
    deep = "[" * 5000 + "]" * 5000
    files = {"deep.md": front(f"title: {deep} x", DATE_2026), "ok.md": front("title: [Video] fine", DATE_2026)}
    _, news, said = build_items(tmp_path, files, capsys)
    assert news["ok"]["title"] == "[Video] fine"
    assert "error: content/deep.md:2: front matter is nested more than 32 levels deep" in said, said


@pytest.mark.parametrize("value", ["'</script><script>alert(1)</script>'", "'<b></b>'", '"\\u200b\\u200b"'])
def test_a_title_of_only_markup_says_what_was_removed_rather_than_that_it_is_empty(tmp_path, capsys, value):
    """A crawled title that is only a script (or tags, or zero-width spaces) was refused as "`title` is empty"
    at a line that shows a title: the message now says what was removed, and what to write."""
    files = {"markup.md": front(f"title: {value}", DATE_2026), "ok.md": front("title: Fine", DATE_2026)}
    _, news, said = build_items(tmp_path, files, capsys)
    assert news["ok"]["title"] == "Fine"
    assert ("error: content/markup.md:2: `title` is empty once read as plain text: " in said
            and "is only HTML tags, a script's or style's text, or characters that show nothing (write the title "
                "as text) [left out]" in said), said


def test_front_matter_nested_too_deeply_says_what_to_do(tmp_path, capsys):
    deep = "{a: " * 40 + "1" + "}" * 40
    _, news, said = build_items(tmp_path, {"deep.md": front(f"extra: {deep}", "title: T", DATE_2026),
                                           "ok.md": front("title: Fine", DATE_2026)}, capsys)
    assert news["ok"]["title"] == "Fine"
    assert ("error: content/deep.md:2: front matter is nested more than 32 levels deep (remove the deeper values: "
            "newsdesk's fields nest four levels at most (`provider:`, `images:`, `- url:`)) [left out]") in said, said


@pytest.mark.parametrize("key", ["[a, b]: c", "{a: 1}: c", "? [a, b]\n: c"])
def test_a_key_that_is_a_list_or_a_mapping_says_so_and_how_to_write_it(tmp_path, capsys, key):
    _, news, said = build_items(tmp_path, {"odd.md": front("title: Odd", key, DATE_2026),
                                           "ok.md": front("title: Fine", DATE_2026)}, capsys)
    assert set(news) == {"ok"}
    assert ("error: content/odd.md:3: invalid YAML in front matter: a key that is a list or a mapping (written in "
            "[ ] or { }, or after `? `) (write the key as a word (`key: value`), or put it in quotes to keep its "
            "brackets (`'[a, b]': value`)) [left out]") in said, said
    assert "indentation" not in said


def test_front_matter_written_as_a_json_object_is_read(tmp_path, capsys):
    """Hugo reads front matter written as a JSON object, and a crawler that writes `json.dumps(fields)` then
    the text makes such files: they were "no front matter found". Broken JSON is an error at its line."""
    fields = {"title": "JSON cranes", "publishedDateTime": "2026-11-20T10:00:00Z", "topics": ["AI"],
              "quality": "lots"}
    files = {"spaces.md": json.dumps(fields, indent=2) + "\n\nThe **body**.\n",
             "tabs.md": json.dumps(dict(fields, title="Tabbed JSON"), indent="\t") + "\nTabbed body.\n",
             "broken.md": '{"title": "Broken",\n "publishedDateTime": }\nBody\n'}
    out, news, said = build_items(tmp_path, files, capsys)
    assert (news["spaces"]["title"], news["spaces"]["topics"]) == ("JSON cranes", ["AI"])
    assert "<strong>body</strong>" in page(out, news["spaces"]) and "Tabbed body." in page(out, news["tabs"])
    assert "warning: content/spaces.md:7: `quality` must be a number, got 'lots'" in said, said
    assert "error: content/broken.md:2: invalid JSON front matter" in said, said


def test_broken_json_front_matter_says_what_to_mend_at_its_line(tmp_path, capsys):
    # Every JSON error had one hint, "a file starting with `{` is a JSON object, then the body", and Python's
    # words: a `,` after the last member was "Expecting property name enclosed in double quotes" at the line of
    # the `}`, a missing `,` was said at the next member's line. Each now says what to do, at the line to mend.
    date = '"publishedDateTime": "2026-11-20T10:00:00Z"'
    files = {"trailing.md": '{\n  "title": "Trailing",\n  ' + date + ',\n}\nBody\n',
             "single.md": "{\n  'title': 'Single',\n  " + date + "\n}\nBody\n",
             "missing.md": '{\n  "title": "Missing"\n  ' + date + '\n}\nBody\n',
             "value.md": '{\n  "title": \'Value\',\n  ' + date + '\n}\nBody\n',
             "ok.md": '{\n  "title": "Fine",\n  ' + date + '\n}\nBody\n'}
    _, news, said = build_items(tmp_path, files, capsys)
    assert set(news) == {"ok"}
    errors = sorted(line for line in said.splitlines() if line.startswith("error:"))
    assert errors == [
        "error: content/missing.md:2: invalid JSON front matter: no `,` after this member (add a `,` at the end of "
        "this line: JSON's members are separated by commas) [left out]",
        "error: content/single.md:2: invalid JSON front matter: a key not in double quotes (write each key in "
        "double quotes, `\"title\": ...`: JSON has no single quotes, and no key without quotes) [left out]",
        "error: content/trailing.md:3: invalid JSON front matter: a `,` after the last member (remove that `,`: "
        "JSON allows none after the last member of an object or list) [left out]",
        "error: content/value.md:2: invalid JSON front matter: a value JSON cannot read (write text in double "
        "quotes, `\"...\"`; numbers, true, false, null, [lists] and {objects} as JSON writes them) [left out]"], said


@pytest.mark.parametrize("line, mistake, said", [
    ('title = "Unclosed', 2, "invalid TOML in front matter: illegal character '\\n' (close the quote on this line: "
     "text of several lines goes in triple quotes, `\"\"\"...\"\"\"`)"),
    ('title: "Colon"', 2, "invalid TOML in front matter: expected '=' after a key in a key/value pair (write "
     "`key = value`: TOML has `=`, not `:`; or start the file with a line '---' for YAML)"),
    ('title = "Said" twice', 2, "invalid TOML in front matter: expected newline or end of document after a "
     "statement (put the whole value in quotes, each `\"` inside it as `\\\"`; one key a line)"),
])
def test_broken_toml_front_matter_says_what_to_mend(tmp_path, capsys, line, mistake, said):
    # Every TOML error but a key given twice had the hint "write text in quotes, `key = "value"`, one key a
    # line": for a quote left open, a YAML `:`, text after the closing quote, which it did not name.
    files = {"bad.md": f"+++\n{line}\npublishedDateTime = 2025-11-20\n+++\nBody\n",
             "ok.md": '+++\ntitle = "Fine"\npublishedDateTime = 2025-11-20\n+++\nBody\n'}
    _, news, told = build_items(tmp_path, files, capsys, ITEMS_CONFIG)
    assert set(news) == {"ok"}
    assert f"error: content/bad.md:{mistake}: {said} [left out]" in told, told


def test_toml_front_matter_as_hugo_writes_it_is_read(tmp_path, capsys):
    """Hugo writes front matter in TOML between `+++` lines, and crawlers that feed Hugo sites do too: the
    file was an error ("not read"). It is read as YAML front matter is, its dates, tables and arrays of tables
    included; a warning about a field names its line, and an error in the TOML names the file's line."""
    files = {
        "hugo.md": "+++\n" + "\n".join([
            'title = "Cranes in the port"',
            "publishedDateTime = 2025-11-20T10:00:00+01:00",
            'topics = ["Shipping", "Ports"]',
            'quality = "1,5k"',
            'heat = "lots"',
            "",
            "[provider]",
            'name = "Port News"',
            'domain = "port.example"',
            "",
            "[[related]]",
            'title = "Other take"',
            'webUrl = "https://other.example/a"',
        ]) + "\n+++\n\nThe *body*.\n",
        "local.md": "\n+++\ntitle = 'Local time'\npublishedDateTime = 2025-11-20 10:00:00\n+++\nBody\n",
        "bad.md": '+++\ntitle = "Bad"\npublishedDateTime = 2025-11-20\nexcerpt = unquoted words\n+++\nBody\n',
        "twice.md": '+++\ntitle = "A"\ntitle = "B"\npublishedDateTime = 2025-11-20\n+++\nBody\n',
        "open.md": '+++\ntitle = "Open"\npublishedDateTime = 2025-11-20\n',
        "yaml.md": front("title: Still YAML", DATE_2025),
    }
    out, news, said = build_items(tmp_path, files, capsys)
    hugo = news["hugo"]
    assert hugo["title"] == "Cranes in the port" and hugo["publishedDateTime"] == "2025-11-20T09:00:00Z"
    assert hugo["topics"] == ["Shipping", "Ports"] and hugo["quality"] == 1500
    assert hugo["provider"]["name"] == "Port News" and hugo["provider"]["domain"] == "port.example"
    html = page(out, hugo)
    assert "<em>body</em>" in html and "Other take" in html and "+++" not in html
    assert news["local"]["publishedDateTime"] == "2025-11-20T10:00:00Z" and "yaml" in news
    assert "warning: content/hugo.md:6: `heat` must be a number, got 'lots'" in said, said
    assert "error: content/bad.md:4: invalid TOML in front matter: invalid value" in said, said
    # (a key given twice is read as in YAML: the last, with a warning; below)
    assert "warning: content/twice.md:3: `title` is given twice, also on line 2" in said, said
    assert news["twice"]["title"] == "B"
    assert "error: content/open.md:1: TOML front matter is not closed (add a line '+++' after the TOML)" in said
    assert not {"bad", "open"} & set(news)


def test_impossible_unquoted_dates_in_other_fields_keep_the_item_as_text(tmp_path):
    """`price: 2021-02-30` or a custom field's `9999-99-99` (YAML reads both as dates, and PyYAML fails on
    them) left the whole item out. They are the text written now; the date field still says what is wrong."""
    site = make_site(tmp_path / "site", {
        "content/a.md": item("Priced", price="2021-02-30", size="9999-99-99", released="0000-01-01",
                             specs="{made: 2021-02-31, list: [2026-13-45, 2026-11-20]}", body="Body."),
        "content/b.md": item("Broken date", date="2026-13-45"),
    }, 'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    config, result = build_site(site)
    [kept] = result.site.model.site.items
    assert (kept.title, kept.price, kept.size) == ("Priced", "2021-02-30", "9999-99-99")
    assert [str(problem) for problem in result.site.problems] == [
        "content/b.md:3: `publishedDateTime` '2026-13-45' is not a valid date (month must be in 1..12) "
        "(fix the date; dates look like 2026-11-22T08:00:00Z)"]
    page = (site / "output" / kept.path / "index.html").read_text(encoding="utf-8")
    assert "<bdi>9999-99-99</bdi> · <bdi>2021-02-30</bdi>" in page


def toml(*lines: str, body: str = "Body text.") -> str:
    """An item file of these TOML front matter lines, between `+++` lines as Hugo writes them."""
    return "+++\n" + "\n".join(lines) + "\n+++\n" + body + "\n"


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
    news = api_news(config)
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
    entry = api_news(config)["t"]
    # (a length that is a clock time reads as one, and shows as every clock length does: 4:05, 245 seconds)
    assert entry["title"] == "1979-05-27T07:32:00Z"
    assert (entry["length"], entry["lengthSeconds"]) == ("4:05", 245)
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
    news = api_news(config)
    assert news["a"]["author"].startswith("0xfff") and news["a"]["provider"]["name"].startswith("0xfff")
    assert news["a"]["topics"] and "b" in news
    assert any("`heat` must be a number" in str(w) for w in result.site.warnings)


@pytest.mark.slow
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
    assert api_news(config)["j"]["heat"] == 1_000_000 and not result.site.problems
    assert any("`heat`" in str(w) and "out of range" in str(w) for w in result.site.warnings)


@pytest.mark.slow
def test_front_matter_of_megabytes_is_refused_at_once_saying_what_to_shorten(tmp_path):
    """A front matter over 256 KiB was refused only after each of its lines was loaded alone, to mend it: a
    crawler's 4 MB title took seconds of the build's time, every build. It is refused at once, as is a file
    over the size limit whose front matter does not end within it."""
    big = 3_900_000
    files = {
        "content/title.md": "---\ntitle: " + "word " * (big // 5) + "\npublishedDateTime: 2026-11-01\n---\nb\n",
        "content/excerpt.md": "---\ntitle: E\nexcerpt: \"" + "&amp;" * (big // 5) + "\"\npublishedDateTime: 2026-11-01\n---\n",
        "content/name.md": "---\ntitle: N\nprovider:\n  name: " + "N" * 5_000_000 + "\npublishedDateTime: 2026-11-01\n---\n",
        "content/body.md": "---\ntitle: B\npublishedDateTime: 2026-11-01\n---\n" + "word " * 1_000_000,
        "content/fine.md": "---\ntitle: Fine\npublishedDateTime: 2026-11-02\n---\nBody\n",
    }
    site = make_site(tmp_path / "site", files)
    started = cpu_seconds()
    config, result = build_site(site)
    assert cpu_seconds() - started < 20  # (each took seconds alone, and more on a busy machine)
    problems = sorted(map(str, result.site.problems))
    assert problems == [
        "content/excerpt.md:2: front matter is larger than 256 KiB (move long text into the body)",
        "content/name.md: file is 4882 KiB, more than the 4096 KiB allowed (its front matter does not end within "
        "them: shorten its fields (a name or a title of thousands of characters is none) and end it with a line "
        "'---')",
        "content/title.md:2: front matter is larger than 256 KiB (move long text into the body)",
    ], problems
    # (a body too long is cut, not the item left out: tests/test_items_too_long.py)
    assert any(str(w).startswith("content/body.md:5: file is 4882 KiB") for w in result.site.warnings)
    assert (config.output_path / "news/2026/11/02/fine/index.html").is_file()


def test_a_file_whose_text_starts_with_a_second_byte_order_mark_is_read(tmp_path):
    """A crawler's text that had a byte order mark, saved with one (UTF-8 or UTF-16): 'no front matter found'."""
    text = "\ufeff---\ntitle: Marked\npublishedDateTime: 2026-11-01T10:00:00Z\n---\nBody\n"
    site = make_site(tmp_path / "site", {})
    (site / "content/utf8.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (site / "content/utf16.md").write_bytes(text.replace("Marked", "Marked 16").encode("utf-16"))
    config, result = build_site(site)
    assert not result.site.problems, result.site.problems
    titles = {entry["title"] for entry in json.loads((config.output_path / "api/news/index.json").read_text())["news"]}
    assert titles == {"Marked", "Marked 16"}


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
    _, news, said = build_files(tmp_path, files, capsys, ITEMS_CONFIG)
    assert {name: (entry["title"], entry.get("excerpt", "")) for name, entry in news.items()} == {
        "band": ("!!! play Berlin tonight", ""), "kung": ("!Kung elders meet", "!important update for readers"),
        "typed": ("2026", ""), "custom": ("Custom", "")}
    assert ("warning: content/band.md:2: `title` starts with `!`, which YAML reads as a tag; it is read as the text "
            "written (put the value in quotes)") in said, said
    assert "content/kung.md:3: `excerpt` starts with `!`" in said and "typed.md" not in said
    assert "content/custom.md:4: `kicker` starts with `!`" in said and "content/custom.md:7: `slogan`" in said


def test_a_toml_key_given_twice_is_read_as_yaml_reads_one(tmp_path, capsys):
    """YAML and JSON front matter keep the last of a key given twice, with a warning; TOML's reader calls it an
    error, and the item was left out. A top-level key on one line is read so in TOML too; one TOML cannot be
    read so (in a table, or over several lines) is an error that says to give the key once."""
    from conftest import build_files

    files = {"twice.md": '+++\ntitle = "First"\n"title" = "Second"\npublishedDateTime = 2026-11-20T10:00:00Z\n+++\nb\n',
             "table.md": ('+++\ntitle = "Table"\npublishedDateTime = 2026-11-20T09:00:00Z\n[provider]\nname = "x"\n'
                          'name = "y"\n+++\nb\n')}
    _, news, said = build_files(tmp_path, files, capsys, ITEMS_CONFIG)
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
    _, news, said = build_files(tmp_path, files, capsys, ITEMS_CONFIG + "")
    assert "warning: content/twice.md:5: `webUrl` is not an http or https URL: 'javascript:alert(1)'" in said, said
    assert news["twice"]["webUrl"] is None


def test_toml_front_matter_whose_last_repeat_spans_lines_reads_the_last(tmp_path, capsys):
    """docs/content.md: a TOML key given twice is read as its last value, with a warning, unless an earlier
    value spans several lines (an error at its line). The docs said "each time on one line", though a last
    value over several lines was read as well, as it should be."""
    files = {"content/last.md": '+++\ntitle = "First"\npublishedDateTime = 2026-11-20T10:00:00Z\n'
                                'title = """Second\nline"""\n+++\nBody.\n',
             "content/first.md": '+++\ntitle = """First\nline"""\npublishedDateTime = 2026-11-20T10:00:00Z\n'
                                 'title = "Second"\n+++\nBody.\n'}
    site = make_site(tmp_path / "site", files)
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    assert "content/last.md:4: `title` is given twice, also on line 2: the last one is used" in err, err
    assert "content/first.md:5: invalid TOML in front matter" in err and "give each key once" in err, err
    [page] = (site / "output" / "news").rglob("last/index.html")
    assert "<h1>Second line</h1>" in page.read_text(encoding="utf-8")


def test_a_key_written_with_escapes_is_said_at_its_line(tmp_path, capsys):
    """A key in double quotes written with escapes (`"tit\\ud800le"`, a lone surrogate, read as `tit\ufffdle`;
    `"Titl\\x65"`) is nowhere in the file as read, and its warning was said at line 1."""
    files = {"escaped.md": front("title: Escaped", "publishedDateTime: 2026-11-20T10:00:00Z", "",
                                 '"tit\\ud800le": x', '"Titl\\x65": y')}
    _, news, said = build_items(tmp_path, files, capsys)
    assert news["escaped"]["title"] == "Escaped"
    assert "warning: content/escaped.md:5: `tit\ufffdle` is not a known field" in said, said
    assert "warning: content/escaped.md:6: `Title` is `title` written again" in said, said
    assert ":1:" not in said, said


def test_a_nested_key_given_twice_is_said_as_a_top_level_one_is(tmp_path, capsys):
    """YAML keeps the last of a key given twice; at the top level that was said, in a nested mapping (a provider's
    two names, in block or flow style; a picture's two URLs) it was not, and the first value was lost unsaid."""
    files = {
        "block.md": front("title: Block", "publishedDateTime: 2026-11-20T10:00:00Z", "provider:", "  name: First",
                          "  domain: first.example", "  name: Second"),
        "flow.md": front("title: Flow", "publishedDateTime: 2026-11-20T10:00:00Z",
                         "provider: {name: A, domain: a.example, name: B}", "images:",
                         "  - url: https://a.example/1.jpg", "    url: https://a.example/2.jpg"),
        "json.md": '{"title": "Json", "publishedDateTime": "2026-11-20T10:00:00Z",\n'
                   ' "provider": {"name": "C",\n "name": "D", "domain": "c.example"}}\nBody\n',
    }
    _, news, said = build_items(tmp_path, files, capsys)
    assert news["block"]["provider"]["name"] == "Second" and news["flow"]["provider"]["name"] == "B"
    assert news["json"]["provider"]["name"] == "D"
    assert [image["url"] for image in news["flow"]["images"]] == ["https://a.example/2.jpg"]
    assert ("warning: content/block.md:7: `name` in `provider` is given twice, also on line 5: the last one is used "
            "(remove the one you do not mean)") in said, said
    assert "warning: content/flow.md:4: `name` in `provider` is given twice on this line: the last one" in said, said
    assert "warning: content/flow.md:7: `url` in `images` is given twice, also on line 6: the last one" in said, said
    assert "warning: content/json.md:3: `name` in `provider` is given twice, also on line 2: the last one" in said, said


def test_a_top_level_key_given_twice_in_json_front_matter_is_said_as_yaml_s_is(tmp_path, capsys):
    """`json.dumps` of a crawler's merged fields (`{"title": "A", ..., "title": "B"}`): the last was used without a
    word, where YAML's and a nested JSON mapping's key given twice is said at its line."""
    files = {
        "line.md": '{"title": "First", "publishedDateTime": "2026-11-20T10:00:00Z", "title": "Last"}\nBody\n',
        "lines.md": '{"title": "First",\n "publishedDateTime": "2026-11-20T10:00:00Z",\n "title": "Last"}\nBody\n',
    }
    _, news, said = build_items(tmp_path, files, capsys)
    assert news["line"]["title"] == news["lines"]["title"] == "Last"
    assert ("warning: content/line.md:1: `title` is given twice on this line: the last one is used (remove the one "
            "you do not mean)") in said, said
    assert "warning: content/lines.md:3: `title` is given twice, also on line 1: the last one is used" in said, said


def test_keys_given_twice_are_found_through_anchors_and_merge_keys(tmp_path, capsys):
    """Front matter with an anchor, an alias or a merge key (`<<: *base`) is built by PyYAML's own constructor,
    which kept the last of a nested key given twice without a word. YAML's merge: a key the mapping gives itself
    overrides the merged one, which is no key given twice; a key given twice in the anchored mapping is said once,
    where it is written, however often it is merged."""
    def base(domain):
        return "base: &base", "  name: Base News", f"  domain: {domain}"
    files = {
        "override.md": front("title: Override", DATE_2026, *base("override.example"), "provider:", "  <<: *base",
                             "  name: Own Name"),
        "again.md": front("title: Again", DATE_2026, *base("again.example"), "provider:", "  <<: *base", "  name: A",
                          "  name: B"),
        "anchored.md": front("title: Anchored", DATE_2026, "base: &base", "  name: First", "  name: Second",
                             "  domain: anchored.example",
                             "provider: *base", "other:", "  <<: *base"),
        "list.md": front("title: List", DATE_2026, "a: &a {name: From A}", "b: &b {name: From B, domain: b.example}",
                         "provider:", "  <<: [*a, *b]"),
        "alias.md": front("title: Alias", DATE_2026, "provider: {name: C, name: D, domain: d.example}", "tags: &t [x]",
                          "more: *t"),
    }
    _, news, said = build_items(tmp_path, files, capsys)
    assert news["override"]["provider"]["name"] == "Own Name"
    assert news["override"]["provider"]["domain"] == "override.example"
    assert news["again"]["provider"]["name"] == "B"
    assert news["anchored"]["provider"]["name"] == "Second"
    assert news["list"]["provider"]["domain"] == "b.example"  # (which `name` is PyYAML's: no key given twice)
    assert news["alias"]["provider"]["name"] == "D"
    twice = [line for line in said.splitlines() if "given twice" in line]
    assert twice == [
        "warning: content/again.md:10: `name` in `provider` is given twice, also on line 9: the last one is used "
        "(remove the one you do not mean)",
        "warning: content/alias.md:4: `name` in `provider` is given twice on this line: the last one is used "
        "(remove the one you do not mean)",
        "warning: content/anchored.md:6: `name` in `base` is given twice, also on line 5: the last one is used "
        "(remove the one you do not mean)",
    ], said


def test_keys_given_twice_are_found_in_front_matter_reloaded_for_a_surrogate_escape(tmp_path, capsys):
    """libyaml refuses a surrogate escape ("\\ud83d\\ude00"), so such front matter is read again by PyYAML's own
    reader and constructor; a nested key given twice there was kept as the last without a word."""
    files = {"emoji.md": front('title: "Smile \\ud83d\\ude00"', DATE_2026, "provider:", "  name: First",
                               "  name: Second", "  domain: emoji.example")}
    _, news, said = build_items(tmp_path, files, capsys)
    assert news["emoji"]["title"] == "Smile \U0001f600" and news["emoji"]["provider"]["name"] == "Second"
    assert "warning: content/emoji.md:6: `name` in `provider` is given twice, also on line 5: the last" in said, said


@pytest.mark.parametrize("closing", ["--", "\u2014", "\u2013\u2013\u2013", "- - -", "+++"])
def test_a_closing_line_mistyped_is_said_at_its_line(tmp_path, capsys, closing):
    """A closing `---` typed as `--`, made an em or en dash by an editor's autocorrection, or written as TOML's
    `+++`, was "front matter is not closed" at line 1, the opening line, which is right; now at the line to
    correct."""
    site = make_site(tmp_path / "site", {
        "content/ok.md": item("Fine"),
        "content/typo.md": f"---\ntitle: Typo\npublishedDateTime: 2026-11-20T10:00:00Z\n{closing}\nBody\n"})
    assert main(["check", "--config", str(site / "config.yaml")]) == 1
    out, err = capsys.readouterr()
    assert (f"error: content/typo.md:4: front matter is not closed: this line, {closing!r}, is not '---' "
            f"(write it as three hyphens, '---') [left out]") in err, err
    assert out.startswith("1 item OK, 1 with errors")


def test_toml_front_matter_closed_as_yaml_is_said_at_the_closing_line(tmp_path, capsys):
    """TOML front matter opened with `+++` and closed with YAML's `---` was "not closed" at line 1."""
    site = make_site(tmp_path / "site", {
        "content/ok.md": item("Fine"),
        "content/typo.md": '+++\ntitle = "Typo"\npublishedDateTime = 2026-11-20T10:00:00Z\n---\nBody\n'})
    assert main(["check", "--config", str(site / "config.yaml")]) == 1
    out, err = capsys.readouterr()
    assert ("error: content/typo.md:4: TOML front matter is not closed: this line, '---', is not '+++' "
            "(write it as three plus signs, '+++') [left out]") in err, err
    assert out.startswith("1 item OK, 1 with errors")


def test_a_file_that_is_not_text_says_so_rather_than_that_it_has_no_front_matter(tmp_path, capsys):
    """UTF-16 without a byte order mark (Python's `encoding="utf-16-le"`), UTF-32, or a picture saved as `.md` was
    "no front matter found (the file must start with a line '---')", though it does start so, in another
    encoding, or is no text at all: a NUL byte, which no text in UTF-8 holds, says which it is."""
    text = front("title: Wide", DATE_2026)
    site = make_site(tmp_path / "site", {"content/ok.md": item("Fine")})
    for name, data in {"wide.md": text.encode("utf-16-le"), "wider.md": text.encode("utf-16-be"),
                       "widest.md": text.encode("utf-32-le"),
                       "picture.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"}.items():
        (site / "content" / name).write_bytes(data)
    assert main(["check", "--config", str(site / "config.yaml")]) == 1
    out, err = capsys.readouterr()
    for name in ("wide.md", "wider.md", "widest.md", "picture.md"):
        assert (f"error: content/{name}:1: not text in UTF-8: it holds NUL bytes, as UTF-16 or UTF-32 without a "
                "byte order mark and binary files do (save the file as UTF-8; if it is no item, give it a name "
                "that does not end in .md) [left out]") in err, err
    assert out.startswith("1 item OK, 4 with errors"), out


# Each front matter format's way of writing `key: value` and where a missing key goes, as a hint shows them
FORMATS = {
    "yaml": (lambda fields: "---\n" + "".join(f"{key}: {value}\n" for key, value in fields.items()) + "---\n",
             lambda key, value: f"{key}: {value}", "add a line above this closing `---`", ""),
    "toml": (lambda fields: "+++\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in fields.items())
             + "+++\n", lambda key, value: f"{key} = {json.dumps(value)}", "add a line above this closing `+++`", ""),
    "json": (lambda fields: json.dumps(fields, indent=2) + "\n",
             lambda key, value: f"{json.dumps(key)}: {json.dumps(value)}",
             "add a member to the JSON object (after its opening `{`)", ","),
}


@pytest.mark.parametrize("form", sorted(FORMATS))
def test_a_hint_that_shows_front_matter_writes_it_in_the_file_s_own_format(tmp_path, capsys, form):
    """A TOML or JSON item without a `title` was told to add a line above "this closing `---`", in YAML: a line
    the file does not have, in a syntax it does not read. Each hint that shows a key and its value shows them as
    the file writes them (TOML's `key = "value"` above its closing `+++`, a JSON object's `"key": "value",`)."""
    write, line_of, where, member = FORMATS[form]
    site = make_site(tmp_path / "site", {
        "content/ok.md": item("Fine"),
        "content/untitled.md": write({"publishedDateTime": "2026-11-20T10:00:00Z"}) + "Body\n",
        "content/undated.md": write({"title": "Undated"}) + "Body\n",
        "content/odd.md": write({"title": "Odd", "publishedDateTime": "2026-11-20T10:00:00Z", "type": True,
                                 "author": True, "slug": "???"}).replace('"True"', "true").replace("True", "true")
        + "Body\n"})
    assert main(["check", "--config", str(site / "config.yaml")]) == 1
    err = capsys.readouterr().err
    assert (f"error: content/untitled.md:3: missing `title` ({where} with the item's title, e.g. "
            f"`{line_of('title', 'Central bank holds rates')}{member}`)") in err, err
    assert (f"error: content/undated.md:3: missing `publishedDateTime` ({where} with when the item was published, "
            f"e.g. `{line_of('publishedDateTime', '2026-11-22T08:00:00Z')}{member}`)") in err, err
    assert f"must be a word such as article or video, got bool (write it as `{line_of('type', 'article')}`;" in err, err
    assert f"(write the author's name, e.g. `{line_of('author', 'Sam Coder')}`)" in err, err
    assert f"(write the slug in letters or digits (`{line_of('slug', 'harbour-cranes')}`), or remove `slug`)" in err, err
    if form != "yaml":  # (no hint of a TOML or JSON file shows YAML's closing line or `key: value`)
        assert "`---`" not in err and "`title: " not in err and "`type: " not in err, err


# A file of each format with a title, a date and one more line as the format writes it
NESTED_FILE = {
    "yaml": lambda line: f"---\ntitle: T\npublishedDateTime: 2026-11-20T10:00:00Z\n{line}\n---\nBody\n",
    "toml": lambda line: f'+++\ntitle = "T"\npublishedDateTime = 2026-11-20T10:00:00Z\n{line}\n+++\nBody\n',
    "json": lambda line: f'{{"title": "T", "publishedDateTime": "2026-11-20T10:00:00Z",\n{line}\n}}\nBody\n',
}
# file -> (its line in YAML, TOML and JSON, of which the last key's `5` is what is wrong)
NESTED_CASES = {
    "provider": ("provider: 5", "provider = 5", '"provider": 5'),
    "images": ("images: 5", "images = 5", '"images": 5'),
    "related": ("related: 5", "related = 5", '"related": 5'),
    "logo": ("provider: {name: P, domain: p.example, images: 5}",
             'provider = {name = "P", domain = "p.example", images = 5}',
             '"provider": {"name": "P", "domain": "p.example", "images": 5}'),
}


@pytest.mark.parametrize("form", sorted(NESTED_FILE))
def test_a_nested_field_s_hint_is_written_in_the_file_s_format_and_mends_it_copied_in(tmp_path, capsys, form):
    """The hints for a provider, pictures or related stories that are no mapping or list showed YAML's indented
    lines (`provider:`, then `  name: ...`) to TOML and JSON items too. Each now writes the field as the file's
    own format does, on one line: copied over the wrong value, it is read, with no warning left."""
    column = ("yaml", "toml", "json").index(form)
    files = {f"content/{name}.md": NESTED_FILE[form](lines[column]) for name, lines in NESTED_CASES.items()}
    site = make_site(tmp_path / "site", files)
    assert main(["check", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    examples = {}
    for name, lines in NESTED_CASES.items():
        said = [line for line in err.splitlines() if line.startswith(f"warning: content/{name}.md:")]
        assert len(said) == 1 and "must be a" in said[0] and "(write it as `" in said[0], err
        examples[name] = said[0].split("(write it as `")[1].rsplit("`)", 1)[0]
        wrong = lines[column].rsplit(", ", 1)[-1].strip("{}")  # (`images: 5` of the provider's)
        (site / f"content/{name}.md").write_text(
            files[f"content/{name}.md"].replace(wrong, examples[name]), encoding="utf-8")
    if form != "yaml":  # (TOML's `key = value`, JSON's `"key": value`, not YAML's `key: value`)
        assert all(": " not in example if form == "toml" else example.startswith('"')
                   for example in examples.values()), examples
    config, result = build_site(site)
    assert not result.site.problems and not result.site.warnings, (result.site.problems, result.site.warnings)
    items = {item.source: item for item in result.site.model.site.items}
    assert items["content/provider.md"].provider.name == "Example News"
    assert [image.url for image in items["content/logo.md"].provider.images] == ["https://example.com/picture.jpg"]
    assert [image.url for image in items["content/images.md"].images] == ["https://example.com/picture.jpg"]
    assert [related.title for related in items["content/related.md"].related] == ["Port reopens after storm"]


def test_a_key_of_an_empty_nested_field_beside_it_is_told_where_it_goes_in_yaml_and_json(tmp_path, capsys):
    """`provider:` left empty with `name: P` below it: in YAML the indent was lost, and the hint says to indent
    it. A JSON object's `"provider": null` beside `"name": "P"` has no indent to mend: the hint says to move
    the member into the provider's object, as JSON writes it."""
    site = make_site(tmp_path / "site", {
        "content/lost.md": NESTED_FILE["yaml"]("provider:\nname: P"),
        "content/beside.md": NESTED_FILE["json"]('"provider": null,\n"name": "P"')})
    main(["check", "--config", str(site / "config.yaml")])
    err = capsys.readouterr().err
    assert ("warning: content/lost.md:5: `name` is not a field of an item but of its `provider`, which is empty "
            "(indent it under `provider:`)") in err, err
    assert ("warning: content/beside.md:3: `name` is not a field of an item but of its `provider`, which is empty "
            '(move it into `provider`: `"provider": {"name": "..."}`)') in err, err


def test_a_utf_32_file_with_a_byte_order_mark_is_called_utf_32(tmp_path, capsys):
    """A file that starts with UTF-32's byte order mark was "not UTF-16 text, though it starts as UTF-16 does"
    (little-endian's mark starts as UTF-16's), or, big-endian, "without a byte order mark": it is UTF-32."""
    site = make_site(tmp_path / "site", {"content/ok.md": item("Fine")})
    text = "\ufeff" + front("title: Widest", DATE_2026)
    for name, encoding in {"le.md": "utf-32-le", "be.md": "utf-32-be"}.items():
        (site / "content" / name).write_bytes(text.encode(encoding))
    assert main(["check", "--config", str(site / "config.yaml")]) == 1
    out, err = capsys.readouterr()
    for name in ("le.md", "be.md"):
        assert (f"error: content/{name}:1: UTF-32 text (it starts with UTF-32's byte order mark), which is not "
                "read (save the file as UTF-8) [left out]") in err, err
    assert "UTF-16" not in err and out.startswith("1 item OK, 2 with errors"), out


def test_a_key_the_front_matter_lacks_is_not_placed_in_the_body(tmp_path):
    """Messages are placed by the key's line; a body line that looks like the key (`date: yesterday` in a note
    below the front matter) is no place for a message about the front matter's key."""
    from generator.site.content import key_lines
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("---\ntitle: A\nslug: one\nslug: two\n---\n\nNotes:\n"
                                               "date: yesterday\nslug: three\n", encoding="utf-8")
    assert key_lines(tmp_path, "content/a.md", ["title", "slug", "date"]) == {"title": 2, "slug": 4}


def test_a_key_of_json_front_matter_beside_another_is_said_at_its_own_line(tmp_path, capsys):
    """JSON front matter with several keys a line (as a crawler wraps `json.dumps`'s one line): each message
    about a key but the line's first named line 1, as keys were found at a line's start only. Each names the
    line its key is on: type errors, unknown keys, dates, pictures and nested fields alike."""
    wrapped = "\n".join([
        '{"title": "Keys beside keys",',
        ' "publishedDateTime": "2026-11-20T10:00:00Z", "heat": "lots",',
        ' "topics": ["AI"], "tittle": "x",',
        ' "provider": {"name": "Port News",',
        '              "domian": "port.example"}, "images": [{"url": 5}]}',
    ])
    files = {"wrapped.md": wrapped + "\nBody\n",
             "dated.md": '{"title": "Bad date",\n "topics": ["AI"], "publishedDateTime": "someday"}\nBody\n',
             "escaped.md": '{"title": "Escaped", "publishedDateTime": "2026-11-20T10:00:00Z",\n'
                           ' "topics": ["AI"], "\\u0068eat": "lots"}\nBody\n'}
    _, news, said = build_items(tmp_path, files, capsys)
    assert set(news) == {"wrapped", "escaped"}, said
    for where, text in [("escaped.md:2", "`heat` must be a number"), ("wrapped.md:2", "`heat` must be a number"), ("wrapped.md:3", "`tittle` is not a known"),
                        ("wrapped.md:5", "`domian` in `provider`"), ("wrapped.md:5", "`images`"),
                        ("dated.md:2", "`publishedDateTime`")]:
        assert any(f"content/{where}: " in said_line and text in said_line
                   for said_line in said.splitlines()), (where, text, said)


AWKWARD_TEXT = ["plain", 'say "hi"', "back\\slash", "tab\there", "line\nbreak", "nul\x00", "unit\x1f", "del\x7f",
                "next line\x85", "dé\u2028jà", "1410", "true", ""]


def test_every_toml_example_hint_reads_back_as_the_value_it_shows():
    """A hint's TOML example (`key = "value"`, as the hints copy a wrong value's text) is read by TOML as that
    value: DEL and the other control characters TOML refuses raw in a string are escaped, in keys too."""
    import tomllib

    from generator.site.notes import written

    examples = [(value, written("toml", key, value)) for key in ("k", "odd key", "del\x7fkey")
                for value in (*AWKWARD_TEXT, AWKWARD_TEXT, {"inner\x7f": "v\x7f", "n": ["\x7f"]})]
    assert len(examples) == 3 * (len(AWKWARD_TEXT) + 2)
    for value, example in examples:
        assert list(tomllib.loads(example).values()) == [value], example
