"""config.yaml -> Config: one test per rule, asserting the exact text a user reads."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from pathlib import Path

import pytest

from generator import cli
from generator.config.load import build_time, load_config
from generator.config.values import Config, ProviderConfig, RankingConfig, TopicConfig
from generator.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    return [str(p) for p in caught.value.problems]


# --- defaults ---------------------------------------------------------------------------------------

def test_a_minimal_config_gets_every_default(tmp_path):
    config = load_config(write(tmp_path, "title: My news\n"))
    assert config.title == "My news"
    assert config.base_url == "http://localhost:8000/"
    assert config.base_path == "/"
    assert config.language == "en"
    assert config.timezone == "UTC"
    assert config.content_dir == "content" and config.output_dir == "output"
    assert config.theme == "default" and config.data_dir == ""
    assert (config.items_per_page, config.front_page_items, config.feed_items) == (20, 13, 50)
    assert config.ranking == RankingConfig(heat_weight=1.0, quality_weight=1.0, recency_weight=2.0,
                                           half_life_hours=36.0, hot_gravity=1.5, min_heat=0.0)
    assert config.topics == () and config.providers == ()
    assert "www.youtube.com" in config.embed_hosts and "player.vimeo.com" in config.embed_hosts
    # Folders are relative to the folder holding config.yaml, not to where newsdesk runs.
    assert config.root == tmp_path.resolve()
    assert config.content_path == tmp_path.resolve() / "content"
    assert config.output_path == tmp_path.resolve() / "output"


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_an_empty_config_is_all_defaults(tmp_path, text):
    assert dataclasses.replace(load_config(write(tmp_path, text)), root=Path(".")) == Config()


def test_every_option_has_a_one_line_doc():
    for cls in (Config, RankingConfig, TopicConfig, ProviderConfig):
        for f in dataclasses.fields(cls):
            if not f.metadata.get("internal"):
                assert f.metadata.get("doc"), f"{cls.__name__}.{f.name} has no doc"


def test_values_are_read_and_typed(tmp_path):
    config = load_config(write(tmp_path, """\
        title: "Ünïcode news 📰"
        items_per_page: 7
        ranking:
          half_life_hours: 12      # an int where a number is expected is fine
          min_heat: 5
        topics:
          - AI                     # shorthand for `- name: AI`
          - name: Robots
            parent: AI
        providers:
          - domain: example.com
            logo: https://example.com/logo.png
        embed_hosts: [www.youtube.com]
        """.replace("        ", "")))
    assert config.title == "Ünïcode news 📰"
    assert config.items_per_page == 7
    assert config.ranking.half_life_hours == 12.0 and isinstance(config.ranking.half_life_hours, float)
    assert config.ranking.min_heat == 5.0
    assert config.topics == (TopicConfig(name="AI"), TopicConfig(name="Robots", parent="AI"))
    assert config.providers[0].domain == "example.com"
    assert config.embed_hosts == ("www.youtube.com",)


def test_a_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_bytes("\ufefftitle: Bom\n".encode("utf-8"))
    assert load_config(path).title == "Bom"


# --- unknown keys -----------------------------------------------------------------------------------

def test_unknown_key_names_the_line_and_suggests_the_right_one(tmp_path):
    assert problems(tmp_path, "title: x\nbase_url: https://example.org/\ntitel: y\n") == [
        "config.yaml:3: unknown key `titel` (did you mean `title`?)"]


def test_unknown_key_spelled_with_dashes_suggests_the_underscored_key(tmp_path):
    assert problems(tmp_path, "items-per-page: 5\n") == [
        "config.yaml:1: unknown key `items-per-page` (did you mean `items_per_page`?)"]


def test_unknown_nested_key_is_named_with_its_section(tmp_path):
    assert problems(tmp_path, "ranking:\n  heat_weight: 1\n  halflife: 3\n") == [
        "config.yaml:3: unknown key `ranking.halflife` (did you mean `ranking.half_life_hours`?)"]


def test_unknown_key_in_a_list_entry(tmp_path):
    assert problems(tmp_path, "topics:\n  - name: AI\n    parnet: Tech\n") == [
        "config.yaml:3: unknown key `topics[0].parnet` (did you mean `topics[0].parent`?)"]


def test_unknown_key_with_nothing_close_lists_the_valid_keys(tmp_path):
    [message] = problems(tmp_path, "zzz: 1\n")
    assert message.startswith("config.yaml:1: unknown key `zzz` (remove it; valid keys: title, description, base_url,")
    for key in ("items_per_page", "ranking", "topics", "providers", "data_dir"):
        assert key in message


@pytest.mark.parametrize("text, message", [
    # A key pasted in again at the end of the file (from the docs): YAML would keep only the last one.
    ("title: x\nitems_per_page: 20\nlanguage: en\nitems_per_page: ten\n",
     "config.yaml:4: `items_per_page` is given twice, also on line 2 (keep one; YAML would use only the last)"),
    ("ranking:\n  half_life_hours: 36\ntitle: x\nranking:\n  min_heat: 3\n",
     "config.yaml:4: `ranking` is given twice, also on line 1 (keep one; YAML would use only the last)"),
    ("ranking:\n  heat_weight: 1\n  heat_weight: 2\n",
     "config.yaml:3: `ranking.heat_weight` is given twice, also on line 2 (keep one; YAML would use only the last)"),
])
def test_a_key_given_twice_is_named_at_both_lines(tmp_path, text, message):
    # Before, the first `ranking:` was checked with the values of the second: "`ranking.half_life_hours`
    # must be a number, got NoneType None" on a line that was right.
    assert problems(tmp_path, text) == [message]


def test_the_other_keys_of_a_config_with_a_key_given_twice_are_still_checked(tmp_path):
    assert problems(tmp_path, "title: x\nitems_per_page: ten\ntitle: y\n") == [
        "config.yaml:2: `items_per_page` must be an integer, got str 'ten' (write a whole number in digits, without quotes)",
        "config.yaml:3: `title` is given twice, also on line 1 (keep one; YAML would use only the last)"]


def test_two_declared_topics_with_one_page_are_named_at_both_lines(tmp_path):
    # 北京 and 背景 both slug to `beijing`: the later declaration took the earlier's page, silently.
    text = ("topics:\n  - name: 北京\n  - Science\n  - name: 背景\n    description: background\n"
            "  - AI\n  - name: Other\n    slug: ai\n  - name: Machine Learning\n    slug: ml\n")
    assert problems(tmp_path, text) == [
        "config.yaml:4: `topics[2]` (背景) has the page topics/beijing/ of `topics[0]` (北京, line 2) "
        "(if they are one topic, remove one; else give one a `slug:` of its own)",
        "config.yaml:7: `topics[4]` (Other) has the page topics/ai/ of `topics[3]` (AI, line 6) "
        "(if they are one topic, remove one; else give one a `slug:` of its own)"]
    fixed = text.replace("背景\n", "背景\n    slug: background\n").replace("slug: ai", "slug: other")
    assert [topic.name for topic in load_config(write(tmp_path, fixed)).topics] == [
        "北京", "Science", "背景", "AI", "Other", "Machine Learning"]


# --- wrong types ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ("items_per_page: ten\n", "config.yaml:1: `items_per_page` must be an integer, got str 'ten' (write a whole number in digits, without quotes)"),
    ("title: x\nitems_per_page: 2.5\n", "config.yaml:2: `items_per_page` must be an integer, got float 2.5 (write a whole number in digits, without quotes)"),
    ("items_per_page: true\n", "config.yaml:1: `items_per_page` must be an integer, got bool True (write a whole number in digits, without quotes)"),
    ("title: [a, b]\n", "config.yaml:1: `title` must be a string, got list ['a', 'b'] (put it in quotes to keep it as text)"),
    ("ranking:\n  half_life_hours: soon\n", "config.yaml:2: `ranking.half_life_hours` must be a number, got str 'soon' (write a number in digits, without quotes (`2.5`))"),
    ("ranking: 3\n", "config.yaml:1: `ranking` must be a mapping of keys, got int "
                     "(write its keys on the lines below it, indented: `ranking:` then `  heat_weight: 1.0`)"),
    ("topics: AI\n", "config.yaml:1: `topics` must be a list, got str (write one `- item` per line)"),
    ("topics:\n  - name: AI\n  - 5\n", "config.yaml:3: `topics[1]` must be a mapping of keys, got int "
                                       "(write the entry as `- name: ...`)"),
    ("providers:\n  - domain: a.com\n    name: {x: 1}\n", "config.yaml:3: `providers[0].name` must be a string, got dict {'x': 1} (put it in quotes to keep it as text)"),
    ("embed_hosts: youtube.com\n", "config.yaml:1: `embed_hosts` must be a list, got str (write one `- item` per line)"),
])
def test_wrong_type_names_key_expected_type_and_line(tmp_path, text, message):
    assert problems(tmp_path, text) == [message]


@pytest.mark.parametrize("text, message", [
    # A section's keys that lost their indent: before, "`ranking` must be a mapping of keys, got NoneType"
    # and "remove it" for the key the user meant to set.
    ("title: x\nranking:\nhalf_life_hours: 36\n",
     "config.yaml:3: unknown key `half_life_hours` "
     "(it is a key of `ranking`: indent it under `ranking:` with two spaces)"),
    ("topics:\n  - name: AI\nparent: Technology\n",
     "config.yaml:3: unknown key `parent` (it is a key of a `topics` entry: indent it as the entry's first key is)"),
    ("items_per_page:\n", "config.yaml:1: `items_per_page` has no value "
                          "(write an integer after the colon, or remove the line to have the default)"),
    # (an empty title made pages with an empty <title> and a header link with no name)
    ("title:\n", "config.yaml:1: `title` is empty (write the site's name after the colon, or remove the line to "
                 "have the default, newsdesk)"),
    ("title: '  '\n", "config.yaml:1: `title` is empty (write the site's name after the colon, or remove the line "
                      "to have the default, newsdesk)"),
    ("stories: false\n", "config.yaml:1: `stories` must be a mapping of keys, got bool "
                         "(write its keys on the lines below it, indented: `stories:` then `  enabled: false`)"),
])
def test_a_beginners_indentation_and_empty_values_say_what_to_write(tmp_path, text, message):
    assert problems(tmp_path, text) == [message]


@pytest.mark.parametrize("host, hint", [
    ("https://www.youtube.com/", "write `www.youtube.com`"),
    ("player.vimeo.com/video", "write `player.vimeo.com`"),
    ("WWW.YouTube.com", "write `www.youtube.com`"),
])
def test_an_embed_host_written_as_an_address_is_refused_with_the_host_to_write(tmp_path, host, hint):
    # (a player's address is matched by its host: such an entry matched none, and every video became a link)
    assert problems(tmp_path, f"embed_hosts:\n  - youtube.com\n  - {host}\n") == [
        f"config.yaml:3: `embed_hosts[1]` must be a host name such as www.youtube.com, got {host!r} ({hint})"]
    assert load_config(write(tmp_path, "embed_hosts: [youtube.com, player.vimeo.com]\n")).embed_hosts == (
        "youtube.com", "player.vimeo.com")


def test_a_section_with_nothing_under_it_has_its_defaults(tmp_path):
    # as a list with no entries has none
    config = load_config(write(tmp_path, "ranking:\nstories:\ntopics:\n"))
    assert (config.ranking, config.stories, config.topics) == (RankingConfig(), Config().stories, ())


@pytest.mark.parametrize("code, taken", [("en", "en"), ("pt-BR", "pt-BR"), ("en-GB", "en-GB"), ("en_US", "en-US"),
                                         ("zh-Hant-TW", "zh-Hant-TW"), ("nb", "nb"), ("fil", "fil"), ("", "")])
def test_language_codes_are_taken(tmp_path, code, taken):
    # (a locale's `_` as a language tag's `-`: pages and feeds take no other)
    assert load_config(write(tmp_path, f"language: '{code}'\n")).language == taken


def test_numbers_where_text_is_expected_are_taken_as_text(tmp_path):
    config = load_config(write(tmp_path, "title: 2026\ndescription: 42\n"))
    assert (config.title, config.description) == ("2026", "42")


def test_every_problem_is_reported_at_once(tmp_path):
    assert problems(tmp_path, "titel: x\nitems_per_page: many\ntimezone: Mars/Olympus\n") == [
        "config.yaml:1: unknown key `titel` (did you mean `title`?)",
        "config.yaml:2: `items_per_page` must be an integer, got str 'many' (write a whole number in digits, without quotes)",
        "config.yaml:3: unknown time zone 'Mars/Olympus' (use an IANA name such as UTC or Europe/Stockholm)",
    ]


def test_the_error_ends_with_a_summary_pointing_at_the_readme(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, "titel: x\nzzz: 1\n"))
    assert str(caught.value).splitlines()[-1] == "2 problems in config.yaml; `newsdesk check --help` lists every key of config.yaml."


# --- values that parse but make no sense -------------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ("base_url: example.org\n", "config.yaml:1: `base_url` must be an http(s) URL, got 'example.org' (write it with its scheme: https://example.org/)"),
    ("base_url: www.example.org/news/\n", "config.yaml:1: `base_url` must be an http(s) URL, got 'www.example.org/news/' (write it with its scheme: https://www.example.org/news/)"),
    ("base_url: /news/\n", "config.yaml:1: `base_url` must be an http(s) URL, got '/news/' (e.g. https://user.github.io/repo/)"),
    ("title: x\nbase_url: ftp://example.org/\n", "config.yaml:2: `base_url` must be an http(s) URL, got 'ftp://example.org/' (e.g. https://user.github.io/repo/)"),
    # every link is base_url and a path: after a query or fragment, /newslatest/ and ?ref=1/latest/ lead nowhere
    ("base_url: https://example.org/news?ref=1\n", "config.yaml:1: `base_url` must not have a ?query or #fragment, "
                                                   "got 'https://example.org/news?ref=1' (e.g. https://user.github.io/repo/)"),
    ("base_url: https://example.org/news#top\n", "config.yaml:1: `base_url` must not have a ?query or #fragment, "
                                                 "got 'https://example.org/news#top' (e.g. https://user.github.io/repo/)"),
    ("base_url: https://me:secret@example.org/\n", "config.yaml:1: `base_url` must not hold a user name or password: "
                                                   "it is written into every page (e.g. https://user.github.io/repo/)"),
    # a host or port no browser goes to was written into every link, feed and sitemap entry without a word (and
    # an IPv6 address left open stopped the command with a traceback)
    *((f"base_url: '{url}'\n", f"config.yaml:1: `base_url` has a host or port no browser can go to: '{url}' (write "
       "the site's address, e.g. https://user.github.io/repo/ or http://127.0.0.1:8000/)")
      for url in ("https://exa mple.org/", "https://exa<mple.org/", "https://:80/", "https://example.org:abc/",
                  "https://example.org:65536/", "https://example.org:0/", "https://[::1/")),
    ("items_per_page: 0\n", "config.yaml:1: `items_per_page` must be at least 1, got 0 (the default is 20)"),
    ("front_page_items: -3\n", "config.yaml:1: `front_page_items` must be at least 1, got -3 (the default is 13)"),
    ("ranking:\n  half_life_hours: 0\n", "config.yaml:2: `ranking.half_life_hours` must be positive, got 0 (the "
                                         "default is 36: an item's freshness halves every so many hours)"),
    ("ranking:\n  hot_gravity: -1\n", "config.yaml:2: `ranking.hot_gravity` must be from 0 to 10 (1.5 is the default; 0 orders Hot by heat alone)"),
    ("now: yesterday\n", "config.yaml:1: `now` must be an ISO 8601 time, got 'yesterday' (e.g. 2026-11-22T08:00:00Z)"),
    ("timezone: Europe/Nowhere\n", "config.yaml:1: unknown time zone 'Europe/Nowhere' (use an IANA name such as UTC or Europe/Stockholm)"),
    ("timezone: ../../etc/passwd\n", "config.yaml:1: unknown time zone '../../etc/passwd' (use an IANA name such as UTC or Europe/Stockholm)"),
    # (the entry's line, not the list's: among thirty topics, the one to fix)
    ("topics:\n  - AI\n  - description: no name\n",
     "config.yaml:3: `topics[1]` has no name (give it a `name:`, or remove the entry)"),
    ("providers:\n  - domain: a.example\n  - name: No domain\n",
     "config.yaml:3: `providers[1]` has no domain (give it the `domain:` its items name, such as example.com "
     "(or the `account:` they name, on a host many share))"),
    ("cname: https://news.example.com/\n", "config.yaml:1: `cname` must be a bare domain such as news.example.com, "
                                           "got 'https://news.example.com/' (write the host name alone: no https://, "
                                           "path or spaces)"),
    ("cname: news example.com\n", "config.yaml:1: `cname` must be a bare domain such as news.example.com, got "
                                  "'news example.com' (write the host name alone: no https://, path or spaces)"),
    ("cname: localhost\n", "config.yaml:1: `cname` must be a bare domain such as news.example.com, got 'localhost' "
                           "(write the host name alone: no https://, path or spaces)"),
    ("title: x\nlanguage: English\n", "config.yaml:2: `language` must be a language code such as en or pt-BR, "
                                      "got 'English' (write the code, not the name: English is en)"),
    # A name other than English's says its own code, in English or in its own words, in any case.
    ("language: German\n", "config.yaml:1: `language` must be a language code such as en or pt-BR, "
                           "got 'German' (write the code, not the name: German is de)"),
    ("language: Français\n", "config.yaml:1: `language` must be a language code such as en or pt-BR, "
                             "got 'Français' (write the code, not the name: Français is fr)"),
    ("language: bahasa indonesia\n", "config.yaml:1: `language` must be a language code such as en or pt-BR, "
                                     "got 'bahasa indonesia' (write the code, not the name: bahasa indonesia is id)"),
    ("language: 42\n", "config.yaml:1: `language` must be a language code such as en or pt-BR, got '42' "
                       "(write the code, not the name: English is en)"),
])
def test_semantic_errors(tmp_path, text, message):
    assert problems(tmp_path, text) == [message]


@pytest.mark.parametrize("text, message", [
    ("title: x\nnow: 2026-13-45\n", "config.yaml:2: invalid value '2026-13-45': month must be in 1..12"),
    ("ranking:\n  min_heat: !!float lots\n", "config.yaml:2: invalid value 'lots': could not convert string to float: 'lots'"),
])
def test_impossible_values_are_errors_with_a_line_not_a_crash(tmp_path, text, message):
    assert problems(tmp_path, text) == [message + " (fix the value; times look like 2026-11-22T08:00:00Z)"]


def test_invalid_yaml_names_its_line(tmp_path):
    [message] = problems(tmp_path, "title: x\nranking:\n  heat_weight: [1\nlanguage: en\n")
    assert message.startswith("config.yaml:3: invalid YAML") and message.endswith("(close the bracket)")


@pytest.mark.parametrize("text, message", [
    # An unclosed quote is only noticed at the end of the file; the line to fix is the one that opened it.
    ('title: "My news\nlanguage: en\ntimezone: UTC\n',
     "config.yaml:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar on line 1) "
     "(close the quote)"),
    ("title: x\nranking:\n\thalf_life_hours: 3\n",
     "config.yaml:3: invalid YAML: found character that cannot start any token "
     "(indent with spaces: YAML does not allow tabs)"),
    ("title: My: news\n",
     "config.yaml:1: invalid YAML: mapping values are not allowed in this context (check the indentation and "
     "quoting: a value containing ': ' or starting with a quote goes in quotes)"),
    ('title: "The "Daily" news"\nlanguage: en\n',
     'config.yaml:1: invalid YAML: a quote inside a quoted value ends the value '
     '(write each " inside it as \\", or put the value in single quotes)'),
    # (YAML takes the two lines for one value and stumbles on the second; the first is the one to fix)
    ("title My news\nlanguage: en\n", "config.yaml:1: invalid YAML: a line without `:` after its key "
                                       "(write it as `key: value`)"),
])
def test_invalid_yaml_says_where_and_what_to_do(tmp_path, text, message):
    assert problems(tmp_path, text) == [message]


def test_a_config_that_is_not_a_mapping(tmp_path):
    # (it said no more: a `- ` before each key, as YAML lists are written, is the usual way to get here)
    assert problems(tmp_path, "- title: x\n") == ["config.yaml:1: config.yaml must be a mapping of `key: value` lines "
                                                  "(write each setting on a line of its own, not indented and "
                                                  "without a `- ` before it)"]


def test_a_missing_config_file_says_how_to_make_one(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "config.yaml")
    assert "no config.yaml here" in str(caught.value) and "newsdesk init DIR" in str(caught.value)


# --- base_url, time zone, folders, clock -------------------------------------------------------------

@pytest.mark.parametrize("given, url, path", [
    ("https://example.org", "https://example.org/", "/"),
    ("https://example.org/", "https://example.org/", "/"),
    ("https://user.github.io/repo", "https://user.github.io/repo/", "/repo/"),
    ("https://user.github.io/repo/", "https://user.github.io/repo/", "/repo/"),
    ("https://example.org/a/b/", "https://example.org/a/b/", "/a/b/"),
    # (its dot segments as a browser reads them: the site is served at /b/, which every link and sitemap names)
    ("https://example.org/a/../b/", "https://example.org/b/", "/b/"),
    ("https://example.org/a/./b/%2E/", "https://example.org/a/b/", "/a/b/"),
    ("https://example.org/a/b/..", "https://example.org/a/", "/a/"),
    ("https://example.org/../x.y/..z/", "https://example.org/x.y/..z/", "/x.y/..z/"),
    # (a `%` that starts no escape is a `%` in the folder's name: written %25, as RFC 3986, and so a sitemap's
    # reader, wants it; the escapes that are escapes kept as written)
    ("https://example.org/%zz/a%2/b%41/", "https://example.org/%25zz/a%252/b%41/", "/%25zz/a%252/b%41/"),
    ("https://example.org/100%/", "https://example.org/100%25/", "/100%25/"),
])
def test_base_url_may_have_a_path(tmp_path, given, url, path):
    config = load_config(write(tmp_path, f"base_url: {given}\n"))
    assert (config.base_url, config.base_path) == (url, path)


def test_base_url_override_from_the_command_line_wins_and_is_checked(tmp_path):
    path = write(tmp_path, "base_url: https://example.org/\n")
    assert load_config(path, {"base_url": "https://user.github.io/repo"}).base_path == "/repo/"
    with pytest.raises(ConfigError) as caught:
        load_config(path, {"base_url": "javascript:alert(1)"})
    assert "`base_url` must be an http(s) URL" in str(caught.value)
    with pytest.raises(ConfigError) as caught:
        load_config(path, {"base_url": "http://[::1:8000/"})
    assert str(caught.value).startswith("--base-url: `base_url` has a host or port no browser can go to")
    for fine in ("http://127.0.0.1:8000/", "http://[::1]:8000/", "http://localhost/", "https://bücher.example/"):
        assert load_config(path, {"base_url": fine}).base_url.startswith("http")


def test_time_zone_is_a_real_zone(tmp_path):
    config = load_config(write(tmp_path, "timezone: Asia/Tokyo\n"))
    assert config.zone.utcoffset(datetime(2026, 1, 1)).total_seconds() == 9 * 3600


def test_folders_may_be_absolute(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    config = load_config(write(tmp_path, f"content_dir: {elsewhere / 'items'}\ndata_dir: {elsewhere / 'data'}\n"
                                         f"output_dir: {elsewhere / 'site'}\n"))
    assert config.content_path == elsewhere / "items"
    assert config.output_path == elsewhere / "site"
    assert config.root / config.data_dir == elsewhere / "data"


def test_folders_are_relative_to_the_config_not_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    write(tmp_path / "site", "content_dir: ../shared-items\n")
    monkeypatch.chdir(tmp_path)
    assert load_config(Path("site/config.yaml")).content_path.resolve() == (tmp_path / "shared-items").resolve()


@pytest.mark.parametrize("now, zone, expected", [
    ("2026-11-22T08:00:00Z", "UTC", datetime(2026, 11, 22, 8, tzinfo=timezone.utc)),
    ("2026-11-22T08:00:00+01:00", "UTC", datetime(2026, 11, 22, 7, tzinfo=timezone.utc)),
    ("2026-11-22T08:00:00", "Asia/Tokyo", datetime(2026, 11, 21, 23, tzinfo=timezone.utc)),  # naive: site zone
    # ISO 8601 as Python 3.10's fromisoformat did not read it (3.11's does): the same time on every Python
    ("2026-11-22T09:00:00+0100", "UTC", datetime(2026, 11, 22, 8, tzinfo=timezone.utc)),
    ("2026-11-22T08:00:00.5z", "UTC", datetime(2026, 11, 22, 8, 0, 0, 500000, tzinfo=timezone.utc)),
    ("20261122T0800Z", "UTC", datetime(2026, 11, 22, 8, tzinfo=timezone.utc)),
])
def test_config_now_fixes_the_build_clock_in_utc(tmp_path, now, zone, expected):
    config = load_config(write(tmp_path, f'now: "{now}"\ntimezone: {zone}\n'))
    moment = build_time(config, {"SOURCE_DATE_EPOCH": "0"})  # `now` wins over the environment
    assert moment == expected and moment.tzinfo == timezone.utc


def test_source_date_epoch_fixes_the_build_clock_in_utc(tmp_path):
    config = load_config(write(tmp_path, "timezone: America/New_York\n"))
    moment = build_time(config, {"SOURCE_DATE_EPOCH": "1795334400"})
    assert moment == datetime(2026, 11, 22, 8, tzinfo=timezone.utc) and moment.tzinfo == timezone.utc


def test_without_a_fixed_time_the_clock_is_utc_now(tmp_path):
    moment = build_time(load_config(write(tmp_path, "")), {})
    assert moment.tzinfo == timezone.utc
    assert abs((datetime.now(timezone.utc) - moment).total_seconds()) < 3600


# --- the command line --------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["build", "check"])
def test_an_invalid_config_exits_with_status_2_and_prints_every_problem(tmp_path, monkeypatch, capsys, command):
    write(tmp_path, "titel: x\nitems_per_page: many\n")
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli.main([command]) == 2
    err = capsys.readouterr().err
    assert "config.yaml:1: unknown key `titel` (did you mean `title`?)" in err
    assert "config.yaml:2: `items_per_page` must be an integer, got str 'many' (write a whole number in digits, without quotes)" in err
    assert "Traceback" not in err
    assert not (tmp_path / "output").exists()


def test_a_bad_base_url_option_exits_with_status_2(tmp_path, monkeypatch, capsys):
    write(tmp_path, "title: x\n")
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--base-url", "ftp://example.org/"]) == 2
    err = capsys.readouterr().err
    # It names the option the bad value came from, not a line of config.yaml, which is fine.
    assert err.splitlines()[0] == ("--base-url: `base_url` must be an http(s) URL, got 'ftp://example.org/' "
                                   "(e.g. https://user.github.io/repo/)")
    assert "config.yaml:" not in err
    assert err.splitlines()[1] == "1 problem in config.yaml and the command line; `newsdesk check --help` lists every key of config.yaml."


def test_a_missing_config_exits_with_status_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build"]) == 2
    assert "no config.yaml here" in capsys.readouterr().err


def test_a_missing_config_named_with_the_option_is_called_missing(tmp_path, monkeypatch, capsys):
    """`--config news.yml` that is not there is not "no config.yaml here": the user asked for another file."""
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "--config", "news.yml"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "news.yml: no such file (run newsdesk in the site folder, pass --config PATH, or create a site with "
        "`newsdesk init DIR`)")


def test_provider_logos_are_files_of_the_sites_static_folder(tmp_path):
    (tmp_path / "static/logos").mkdir(parents=True)
    (tmp_path / "static/logos/a.png").write_bytes(b"png")
    config = load_config(write(tmp_path, "providers:\n  - domain: a.example\n    logo: logos/a.png\n"
                                         "  - domain: b.example\n    logo: /static/logos/a.png\n"
                                         "  - domain: c.example\n    logo: https://c.example/logo.png\n"))
    assert [p.logo for p in config.providers] == ["static/logos/a.png", "static/logos/a.png", "https://c.example/logo.png"]


def test_a_provider_logo_at_an_http_url_is_an_error_as_a_sources_logo_is(tmp_path):
    """docs/configuration.md: a provider's logo is an https URL or a file of static/ (as a source's logo is)."""
    assert problems(tmp_path, "providers:\n  - domain: a.example\n    logo: http://a.example/logo.png\n") == [
        "config.yaml:3: `providers[0].logo` must be an https URL, got 'http://a.example/logo.png' (write it with "
        "https://, or put the logo in the site's static/ folder)"]


@pytest.mark.parametrize("logo", ["logos/missing.png", "../outside.png", "static/../../etc/passwd"])
def test_a_provider_logo_that_is_not_in_static_is_an_error(tmp_path, logo):
    (tmp_path / "outside.png").write_bytes(b"png")
    [message] = problems(tmp_path, f"title: x\nproviders:\n  - domain: a.example\n    logo: {logo}\n")
    assert message.startswith("config.yaml:4: `providers[0].logo`: no file ")  # (the logo's line, not the list's)
    assert message.endswith("(put the logo in the site's static/ folder, or give an https URL)")


def test_a_sources_logo_at_an_http_url_is_named_at_its_line(tmp_path):
    text = "sources:\n  - url: https://a.example/feed\n    name: A\n    logo: http://a.example/l.png\n"
    assert problems(tmp_path, text) == [
        "config.yaml:4: `sources[0].logo` must be an https URL, got 'http://a.example/l.png' (write it with "
        "https://, or leave `logo` out)"]


def test_the_configuration_reference_documents_every_key():
    from conftest import ROOT
    reference = ROOT / "docs" / "configuration.md"
    assert reference.is_file(), "docs/configuration.md is missing (the config reference)"
    text = reference.read_text(encoding="utf-8")
    for cls, prefix in ((Config, ""), (RankingConfig, "ranking."), (TopicConfig, "topics[]."), (ProviderConfig, "providers[].")):
        for f in dataclasses.fields(cls):
            if not f.metadata.get("internal"):
                assert f"`{f.name}`" in text or f"`{prefix}{f.name}`" in text, f"docs/configuration.md does not document `{prefix}{f.name}`"


def test_a_text_value_longer_than_a_title_or_description_can_be_is_refused_at_its_line(tmp_path):
    # (a 30 MB description was copied into every page until the disk was full)
    long = "word " * 1000
    said = problems(tmp_path, f"title: News\ntopics:\n  - name: AI\n    description: {long}\ndescription: {long}\n")
    assert len(said) == 2, said
    assert said[0].startswith("config.yaml:4: `topics[0].description` is 4,999 characters long, more than a value "
                              "may be (2,000)") and "shorten it" in said[0], said
    assert said[1].startswith("config.yaml:5: `description` is 4,999 characters long"), said
    assert load_config(write(tmp_path, f"description: {'word ' * 399}word\n")).description.startswith("word")
