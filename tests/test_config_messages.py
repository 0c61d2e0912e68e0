"""The values of config.yaml and what is said of them: numbers no score, clock or header holds, control
characters, other encodings, aliases standing for billions of values, values of the wrong type or out of
range, sources and schedules, ranking weights at their bound. Each mistake is said at its line with what to
write, in the order of the lines."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys

import pytest

from conftest import BIG, ROOT, build_site, help_text, item, make_site, write_config
from generator import cli
from generator.cli import main
from generator.config.load import load_config
from generator.errors import ConfigError


def test_a_source_quality_or_ranking_weight_that_is_no_finite_number_is_a_config_error(tmp_path, capsys):
    """`quality: .nan` for a source was accepted and written into every item fetched from it, each then
    warned of at build time, in a file the user did not write; `.nan` in a ranking weight made every score
    NaN. A setting that must be a number must be a finite one, said at its line."""
    site = make_site(tmp_path / "site", {}, "title: x\nbase_url: https://example.org/\nranking:\n  heat_weight: .nan\n"
                                            "sources:\n  - url: https://feeds.example/rss\n    quality: -.inf\n")
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "config.yaml:4: `ranking.heat_weight` must be a finite number, got nan" in err
    assert "config.yaml:7: `sources[0].quality` must be a finite number, got -inf" in err


@pytest.mark.parametrize("lines, message", [
    (f"ranking:\n  heat_weight: {BIG}\n", "config.yaml:5: `ranking.heat_weight` must be a finite number, got "
                                          "100000000000000000000000… (401 digits)"),
    (f"stories:\n  window_hours: {BIG}\n", "config.yaml:5: `stories.window_hours` must be a finite number"),
    (f"sources:\n  - url: https://feeds.example/a\n    quality: {BIG}\n",
     "config.yaml:6: `sources[0].quality` must be a finite number"),
    ("sources:\n  - https://[::1/rss\n", "config.yaml:5: `sources[0]` needs an http(s) feed URL, got 'https://[::1/rss'"),
    ("fetch:\n  keep_days: 99999999999\n", "config.yaml:5: `fetch.keep_days` must be at most 36,500"),
    ("fetch:\n  timeout: 1.0e+300\n", "config.yaml:5: `fetch.timeout` must be at most 86,400 seconds (a day)"),
    ("fetch:\n  backoff: 1.0e+300\n  max_wait: 1.0e+300\n", "config.yaml:5: `fetch.backoff` must be at most 86,400 seconds (a day)"),
    ('fetch:\n  user_agent: "News/1.0\\nX-Evil: 1"\n',
     "config.yaml:5: `fetch.user_agent` must be printable ASCII on one line, got 'News/1.0\\nX-Evil: 1'"),
])
def test_config_values_no_number_clock_or_header_holds_are_errors_at_their_line(tmp_path, capsys, lines, message):
    """A weight, a window or a quality of 10**400 (an int to YAML), a keep_days past the calendar, a timeout
    or backoff of 1e+300 seconds, a source `https://[::1/rss`: each stopped build or fetch with an
    OverflowError or ValueError traceback. A user agent with a line break failed every feed as "the
    server garbled its answer". Each is an error at its line now."""
    config = 'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n' + lines
    if "sources:" not in lines:
        config += "sources:\n  - https://feeds.example/rss\n"
    site = make_site(tmp_path / "site", {"content/a.md": item("A")}, config)
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 2 and out == "", out + err
    assert err.startswith(message), err


def test_a_config_text_with_a_control_character_is_an_error_at_its_line(tmp_path, capsys):
    """A site `title` or `description` with a control character or a noncharacter (`"\\v"`, `"\\uFFFE"` in YAML)
    was written into the head of every page as it was, though the same characters are removed from every
    item's text. It is an error at its line now (main says so of control characters; noncharacters too)."""
    from generator.cli import main

    site = make_site(tmp_path / "site", {"content/a.md": item("A")},
                     'title: "Test \\v News"\ndescription: "About \\uFFFE this"\nbase_url: https://example.org/\n'
                     'topics:\n  - name: "Top\\x01ic"\n')
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    out, err = capsys.readouterr()
    lines = [line for line in (out + err).splitlines() if "which pages and feeds cannot show" in line]
    assert [line.split(": `")[0] for line in lines] == ["config.yaml:1", "config.yaml:2", "config.yaml:5"], lines
    assert "holds the control character \\x0b (U+000B)" in lines[0]
    assert "holds the noncharacter \\ufffe (U+FFFE)" in lines[1]


@pytest.mark.parametrize("key", ["heat_weight", "quality_weight", "recency_weight", "coverage_boost"])
def test_a_ranking_weight_no_score_can_hold_is_an_error_at_its_line(tmp_path, capsys, key):
    """`heat_weight: 1e308` (and the other weights) was accepted: two such terms add up to inf, and every
    story whose score overflowed tied with the others, whatever its heat or quality (a coverage_boost of
    1e308 made every story of two providers infinitely hot). A weight is at most 1,000,000 either way now,
    said at its line; only the weights' ratios matter."""
    site = make_site(tmp_path / "site", {"content/a.md": item("A")},
                     f"title: x\nbase_url: https://example.org/\nranking:\n  {key}: 1e308\n")
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    out, err = capsys.readouterr()
    assert f"config.yaml:4: `ranking.{key}` must be at most 1,000,000 either way, got 1e+308" in err, err


def test_ranking_weights_at_their_bound_order_stories_by_them(tmp_path):
    """At the bound, scores stay finite and the order is the weights' (the hottest first)."""
    files = {f"content/{name}.md": item(f"Story {name} about {topic}", date="2026-11-22T12:00:00Z", heat=heat,
                                        quality=heat, body=f"Words on {topic}.")
             for name, heat, topic in (("cold", 1, "weather"), ("warm", 50, "markets"), ("hot", 99, "football"))}
    site = make_site(tmp_path / "site", files, "title: x\nbase_url: https://example.org/\n"
                     "now: \"2026-11-22T12:00:00Z\"\nranking:\n  heat_weight: 1000000\n  quality_weight: 1000000\n"
                     "  recency_weight: -1000000\n  coverage_boost: 1000000\n")
    config, result = build_site(site)
    page = (config.output_path / "index.html").read_text(encoding="utf-8")
    assert page.index("Story hot") < page.index("Story warm") < page.index("Story cold")


@pytest.mark.parametrize("escape, shown", [(r"\x01", r"\x01 (U+0001)"), (r"\e[31m", r"\x1b (U+001B)"),
                                           (r"\x7f", r"\x7f (U+007F)"), (r"\N", r"\x85 (U+0085)")])
@pytest.mark.parametrize("key", ["title", "description"])
def test_a_control_character_in_the_title_or_description_is_a_config_error_at_its_line(site, capsys, key,
                                                                                         escape, shown):
    (site / "config.yaml").write_text(f'base_url: https://example.org/\n{key}: "My {escape}news"\n', encoding="utf-8")
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"config.yaml:2: `{key}` holds the control character {shown}, which pages and feeds "
                          "cannot show (remove it from the value)\n"), err
    assert not (site / "output").exists()


@pytest.mark.parametrize("key, value, most", [("retries", "1000000000", 10), ("concurrency", "100000", 64)])
def test_a_huge_fetch_number_is_a_config_error_at_its_line(site, capsys, key, value, most):
    write_config(site, f"fetch:\n  backoff: 0\n  {key}: {value}\nsources:\n  - http://127.0.0.1:9/feed.xml\n")
    assert cli.main(["fetch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"config.yaml:6: `fetch.{key}` must be at most {most}, got {int(value):,} "), err
    write_config(site, f"fetch:\n  {key}: {most}\n")
    assert cli.main(["check"]) == 0


def test_a_raw_control_character_in_config_yaml_is_said_at_its_line(site, capsys):
    (site / "config.yaml").write_text('title: Tëst News\nbase_url: https://example.org/\ndescription: "My \x1bsite"\n',
                                      encoding="utf-8")
    assert cli.main(["check"]) == 2
    assert capsys.readouterr().err.startswith(
        r"config.yaml:3: invalid YAML: the control character \x1b (U+001B) is not allowed in a YAML file "
        "(remove it; an editor may show it as a box, or not at all)\n")


def test_a_number_written_with_an_exponent_is_taken_as_a_number(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("ranking:\n  half_life_hours: 1e2\nstories:\n  threshold: 2.5E-1\nfetch:\n  timeout: 3e1\n")
    config = load_config(path)
    assert (config.ranking.half_life_hours, config.stories.threshold, config.fetch.timeout) == (100.0, 0.25, 30.0)
    path.write_text('ranking:\n  half_life_hours: "1e2"\n')  # in quotes it is text, as anywhere else
    with pytest.raises(ConfigError, match=r"config.yaml:2: `ranking.half_life_hours` must be a number, got str '1e2'"):
        load_config(path)


@pytest.mark.parametrize("value", ["abc", "1e9", "99999999999999999999"])
def test_a_source_date_epoch_that_is_no_time_stops_with_2_and_says_so(site, capsys, monkeypatch, value):
    (site / "config.yaml").write_text("title: Test News\nbase_url: https://example.org/\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"SOURCE_DATE_EPOCH: the environment variable must be a whole number of seconds since "
                          f"1970-01-01 UTC, got {value!r} (e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"), err
    assert "Traceback" not in err and not (site / "output").exists()


BOMB = """\
title: Bomb
base_url: https://example.org/
{key}:
  - &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  - &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  - &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  - &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  - &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  - &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
  - &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


@pytest.mark.slow
@pytest.mark.parametrize("key", ["embed_hosts", "type_lists", "title"])
def test_a_config_whose_aliases_stand_for_billions_of_values_is_an_error_at_its_key(tmp_path, key):
    # It ran out of memory with a traceback (embed_hosts), or never ended (type_lists).
    site = make_site(tmp_path / "site", {"content/a.md": item("A")}, BOMB.format(key=key))
    # (within 2 GiB of memory and two minutes: a newsdesk without the limit must not take the machine's)
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=site, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)))
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.startswith(f"config.yaml:3: `{key}` stands for more than 1,000,000 values once its "
                                  f"aliases (*name) are written out (write the values out")
    assert "Traceback" not in done.stderr and not (site / "output").exists()


def test_a_config_value_of_the_wrong_type_is_quoted_short(tmp_path, capsys):
    config = "title: [" + ", ".join(f"word{n}" for n in range(5000)) + "]\nbase_url: https://example.org/\n"
    site = make_site(tmp_path / "site", {"content/a.md": item("A")}, config)
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("config.yaml:1: `title` must be a string, got list ['word0', 'word1',")
    assert len(err.splitlines()[0]) < 200, err[:400]


def test_aliases_a_config_really_uses_are_fine(tmp_path, capsys):
    config = ("title: Aliases\nbase_url: https://example.org/\n"
              "topics:\n  - name: AI\n    keywords: &words [robots, models, chips]\n"
              "  - name: Science\n    keywords: *words\n")
    site = make_site(tmp_path / "site", {"content/a.md": item("A", topics="[AI]")}, config)
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr().err


@pytest.mark.slow
def test_a_large_config_is_checked_in_about_the_time_yaml_takes_to_read_it(tmp_path):
    # Checking each of 20,000 entries evaluated the config's type annotations again: 12 s to load a 2 MB
    # config.yaml (40,000 topics and sources) that YAML reads in 3. Compared with YAML's own CPU time in this
    # process, best of three: CPU time, not the clock, which other work on a shared machine moves.
    import time

    import yaml

    from generator.config.load import load_config

    text = ("title: Big\nbase_url: https://example.org/\ntopics:\n"
            + "".join(f"  - name: Topic {n}\n    keywords: [alpha{n}, beta{n}]\n" for n in range(5000))
            + "sources:\n" + "".join(f"  - url: https://feeds{n}.example/rss\n    name: Feed {n}\n" for n in range(5000)))
    site = make_site(tmp_path / "site", {}, text)
    reading, loading = [], []
    for _ in range(3):
        start = time.process_time()
        yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        reading.append(time.process_time() - start)
        start = time.process_time()
        config = load_config(site / "config.yaml")
        loading.append(time.process_time() - start)
    assert len(config.topics) == len(config.sources) == 5000
    assert min(loading) < 2.2 * min(reading), (loading, reading)


def test_a_config_saved_as_utf16_with_windows_line_ends_is_read(tmp_path, capsys):
    # Notepad's "Unicode" is UTF-16 with a byte order mark: item files so saved were read, config.yaml was not.
    text = "title: Café News\r\nbase_url: https://example.org/\r\nlanguage: fr\r\n"
    site = make_site(tmp_path / "site", {"content/a.md": item("A")}, "")
    (site / "config.yaml").write_bytes(text.encode("utf-16"))
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr().err
    page = (site / "output/index.html").read_text(encoding="utf-8")
    assert "<title>Café News" in page and '<html lang="fr"' in page


def test_a_config_in_another_encoding_is_an_error_at_its_line(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("A")}, "")
    (site / "config.yaml").write_bytes("base_url: https://example.org/\ntitle: Café News\n".encode("cp1252"))
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    assert capsys.readouterr().err.startswith("config.yaml:2: not UTF-8 text (byte 0xe9 of a text in another "
                                              "encoding, such as Windows-1252) (save the file as UTF-8 text")


@pytest.mark.parametrize("text, said", [
    ("ranking:\n  coverage_boost: -1\n", "config.yaml:4: `ranking.coverage_boost` must not be negative, got -1 (the "
                                         "default is 0.5; 0 gives stories of many sources no boost)"),
    ("stories:\n  window_hours: -2\n", "config.yaml:4: `stories.window_hours` must not be negative, got -2 (the "
                                       "default is 72)"),
    ("stories:\n  same_provider: never\n", "config.yaml:4: `stories.same_provider` must be join or apart, got "
                                           "'never' (the default is join)"),
    ("markdown_engine: md\n", "config.yaml:3: `markdown_engine` must be cmark or python-markdown, got 'md' (cmark is "
                              "the default)"),
    ("undeclared_topics: maybe\n", "config.yaml:3: `undeclared_topics` must be warn, error or allow, got 'maybe' "
                                   "(the default is warn)"),
    ("fetch:\n  timeout: 0\n", "config.yaml:4: `fetch.timeout` must be positive (the default is 20.0)"),
    ("fetch:\n  retries: -1\n", "config.yaml:4: `fetch.retries` must not be negative (the default is 2)"),
    ("fetch:\n  state_file: ../state.json\n", "config.yaml:4: `fetch.state_file` must be a path inside the site, got "
                                              "'../state.json' (write it relative to the folder holding config.yaml, "
                                              "without ..)"),
])
def test_config_range_errors_say_the_value_and_what_to_write(tmp_path, capsys, text, said):
    site = make_site(tmp_path / "site", {"content/a.md": item("A")},
                     "title: Errors\nbase_url: https://example.org/\n" + text)
    assert main(["check", "--config", str(site / "config.yaml")]) == 2
    assert capsys.readouterr().err.splitlines()[0] == said


def test_a_source_that_is_no_mapping_is_shown_how_to_write_one(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("A")},
                     "title: Sources\nbase_url: https://example.org/\nsources:\n  - [https://example.com/feed.xml]\n")
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "config.yaml:4: `sources[0]` must be a mapping of keys, got list (write the entry as `- url: ...`)")


def test_config_mistakes_are_listed_in_the_order_of_their_lines_and_name_the_key(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("A story")},
                     "title: Typos\n"                                  # 1
                     "base_url: https://example.org/\n"                # 2
                     "sources:\n"                                      # 3
                     "  - ftp://example.org/feed\n"                    # 4
                     "  - url: https://example.org/rss\n"              # 5
                     "    quality: 20\n"                               # 6
                     "    max_items: -1\n"                             # 7
                     "langauge: de\n"                                  # 8
                     "timezone: Europe/Berlinn\n"                      # 9
                     "items_per_page: twenty\n"                        # 10
                     "theme: fancy\n")                                 # 11
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("config.yaml:")]
    numbers = [int(line.split(":")[1]) for line in lines]
    assert numbers == sorted(numbers) and len(numbers) == 6, lines
    assert lines[1] == "config.yaml:7: `sources[1].max_items` must not be negative, got -1 (the default is 100)"
    assert "quality" not in lines[1]
    assert lines[2].startswith("config.yaml:8: unknown key `langauge` (did you mean `language`?)")
    assert lines[5].startswith("config.yaml:11: theme 'fancy' not found")
    assert not (site / "output").exists()


def test_a_config_value_starting_with_an_exclamation_mark_says_to_quote_it(tmp_path, capsys):
    """An item's `title: !Wichtig News` is read as the text written; the same in config.yaml is an error, whose
    advice was to remove the tag, which would drop the word the user wrote."""
    site = make_site(tmp_path / "site", {}, "title: !Wichtig News\nbase_url: https://example.org/\n")
    assert main(["check", "--config", str(site / "config.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("config.yaml:1: invalid YAML: could not determine a constructor for the tag '!Wichtig'"), err
    assert "put the value in quotes to keep its `!`" in err, err


def test_a_config_error_points_at_check_help_which_lists_every_key(site, capsys):
    import dataclasses

    from generator.config.values import Config

    config = site / "config.yaml"
    config.write_text(config.read_text() + "items_per_pgae: 10\n")
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    assert "docs/" not in err
    assert err.splitlines()[-1] == "1 problem in config.yaml; `newsdesk check --help` lists every key of config.yaml."
    shown = help_text(capsys, "check")
    keys = [f.name for f in dataclasses.fields(Config) if not f.metadata.get("internal")]
    assert keys and all(f"\n  {key}: " in shown for key in keys)
    assert "\n    half_life_hours: " in shown and "\n    threshold: " in shown  # ranking's, stories' own keys


def test_check_help_shows_the_keys_as_text_to_read_and_copy(capsys):
    # It wrapped at hyphens (`xn--bcher-` and `kva.example` on two lines: no domain to copy) and showed the
    # user guide's Markdown links as written, `[A site in another language](themes.md#a-site-in-...)`.
    shown = help_text(capsys, "check")
    assert "`xn--bcher-kva.example`" in shown and "(percent-encoded where" in shown
    assert "](" not in shown and '"A site in another language" in the user guide' in re.sub(r"\s+", " ", shown)


def test_config_given_the_sites_folder_says_to_pass_its_config_file(site, monkeypatch, capsys):
    monkeypatch.chdir(site.parent)
    assert cli.main(["build", "--config", "site"]) == 2
    # (it said "cannot read the file: [Errno 21] Is a directory: 'site' (save it as UTF-8 text)")
    assert capsys.readouterr().err == "site: is a folder, not a config file (pass --config site/config.yaml)\n"
    assert cli.main(["check", "--config", "site/config.yml"]) == 2
    assert capsys.readouterr().err == ("site/config.yml: no such file (site/config.yaml is there: pass --config "
                                       "site/config.yaml)\n")
    (site.parent / "empty").mkdir()
    assert cli.main(["build", "--config", "empty"]) == 2
    assert capsys.readouterr().err == ("empty: is a folder, not a config file (it has no config.yaml: pass the site's "
                                       "config file with --config, or create a site there with `newsdesk init empty`)\n")
    assert not (site / "output").exists()


def test_config_hints_quote_a_site_folder_with_a_space(tmp_path, monkeypatch, capsys):
    root = make_site(tmp_path / "My News", {"content/news/one.md": item("One")})
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--config", "My News"]) == 2
    assert capsys.readouterr().err == "My News: is a folder, not a config file (pass --config 'My News/config.yaml')\n"
    monkeypatch.chdir(root / "content")
    assert cli.main(["check"]) == 2
    assert "after `cd ..`, or pass --config ../config.yaml)" in capsys.readouterr().err


def test_a_config_key_that_is_a_list_says_so_at_its_line(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("title: x\n? [a, b]\n: c\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    said = str(caught.value)
    assert said.startswith("config.yaml:2: invalid YAML: a key that is a list or a mapping"), said
    assert "put it in quotes to keep its brackets" in said and "indentation" not in said


@pytest.mark.parametrize("zone, hint", [
    ("Europe/berlin", "did you mean `timezone: Europe/Berlin`?"),
    ("Berlin", "did you mean `timezone: Europe/Berlin`?"),
    ("New York", "did you mean `timezone: America/New_York`?"),
    ("Europe/Berln", "did you mean `timezone: Europe/Berlin`?"),
    ('"+01:00"', "name the place, such as Europe/Paris, whose clocks change with its summer time; an offset that "
                 "never changes is `timezone: Etc/GMT-1` (the sign is reversed in these names)"),
    ("GMT+1", "name the place, such as Europe/Paris, whose clocks change with its summer time; an offset that "
              "never changes is `timezone: Etc/GMT-1` (the sign is reversed in these names)"),  # not Etc/GMT+1
    ('"+05:30"', "name the place, such as Europe/Paris, whose clocks change with its summer time"),
    ("Mars/Olympus", "use an IANA name such as UTC or Europe/Stockholm"),
])
def test_a_time_zone_spelt_as_people_say_it_is_said_with_the_iana_name_to_write(tmp_path, zone, hint):
    """`timezone: Berlin`, `Europe/berlin` or `+01:00` only got "use an IANA name such as UTC or
    Europe/Stockholm", and `GMT+1` (an hour ahead) has an IANA look-alike, `Etc/GMT+1`, an hour behind."""
    site = make_site(tmp_path / "site", {}, f"title: x\ntimezone: {zone}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(site / "config.yaml")
    first = str(caught.value).splitlines()[0]
    assert first == f"config.yaml:2: unknown time zone {zone.strip(chr(34))!r} ({hint})", first


@pytest.mark.parametrize("given, hint", [
    ("/home/me/feeds/wire.xml", "fetch reads feeds over http(s): to read a feed file on this computer, serve its "
                                "folder (`python3 -m http.server 8001 --bind 127.0.0.1` in it) and give "
                                "http://127.0.0.1:8001/wire.xml"),
    ("file:///home/me/feeds/wire.rss", "give http://127.0.0.1:8001/wire.rss"),
    ("feeds/wire.json", "give http://127.0.0.1:8001/wire.json"),
    ("example.com/feed.xml", "write it with its scheme: - https://example.com/feed.xml"),
    ("ftp://x.example/feed", "e.g. - https://example.com/feed.xml"),
])
def test_a_source_that_is_a_file_or_lacks_its_scheme_is_said_with_what_to_write(tmp_path, given, hint):
    """A feed file on one's own computer (to try fetch, or a feed another program writes) and an address
    copied without `https://` were both "needs an http(s) feed URL ... (e.g. - https://example.com/feed.xml)"."""
    site = make_site(tmp_path / "site", {}, f"title: x\nsources:\n  - {given}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(site / "config.yaml")
    first = str(caught.value).splitlines()[0]
    assert first.startswith(f"config.yaml:3: `sources[0]` needs an http(s) feed URL, got {given!r} ("), first
    assert first.endswith(f"{hint})"), first


def test_a_topic_written_as_a_key_is_told_to_be_a_name_once(site, capsys):
    # `- Science:` with its parent under it said "unknown key ... (remove it; valid keys: ...)" and, at the
    # same line, "has no name": two errors for one mistake, and neither said how to write it.
    write_config(site, "topics:\n  - name: Technology\n  - Science:\n      parent: Technology\n  - Culture:\n"
                       "  - parent: Technology\n")
    assert cli.main(["check"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "config.yaml:6: unknown key `topics[1].Science` (an entry's name is its `name:` key: write `- name: Science`, "
        "with its other keys under it indented as `name:` is)",
        "config.yaml:8: unknown key `topics[2].Culture` (an entry's name is its `name:` key: write `- name: Culture`, "
        "with its other keys under it indented as `name:` is)",
        "config.yaml:9: `topics[3]` has no name (give it a `name:`, or remove the entry)",
        "3 problems in config.yaml; `newsdesk check --help` lists every key of config.yaml."]


def test_a_provider_or_feed_written_as_a_key_is_told_its_own_key(site, capsys):
    # a provider's entry is known by its `domain` and a feed's by its `url`: telling them to write `- name: X`
    # would make a provider named "techcrunch.com" and a feed without an address.
    write_config(site, "providers:\n  - techcrunch.com:\n      name: TechCrunch\n  - The Verge:\n"
                       "sources:\n  - https://feeds.example/rss.xml:\n      quality: 60\n")
    assert cli.main(["check"]) == 2
    err = capsys.readouterr().err
    assert ("config.yaml:5: unknown key `providers[0].techcrunch.com` (an entry's domain is its `domain:` key: write "
            "`- domain: techcrunch.com`, with its other keys under it indented as `domain:` is)") in err, err
    assert ("unknown key `providers[1].The Verge` (an entry's name is its `name:` key: write `- name: The Verge`"
            in err), err
    assert ("unknown key `sources[0].https://feeds.example/rss.xml` (an entry's url is its `url:` key: write "
            "`- url: https://feeds.example/rss.xml`, with") in err, err
    assert "has no domain" not in err and "needs an http(s) feed URL" not in err, err  # (one message a mistake)
    assert err.splitlines()[-1].startswith("3 problems in config.yaml"), err


@pytest.mark.parametrize("key, value, default", [("pictures_dir", "output/pictures", "pictures"),
                                                 ("data_dir", "output/records", "data")])
def test_a_folder_put_inside_the_output_is_said_at_its_own_key(tmp_path, capsys, key, value, default):
    """`pictures_dir: output/pictures` was said as "config.yaml: output folder output (...) contains ...
    (give the output a folder of its own ...: `output_dir`)", without a line, naming a key the user never wrote."""
    site = make_site(tmp_path / "site", {"content/one.md": item("One"), f"{value}/keep.txt": "x\n"},
                     f"title: x\nbase_url: https://example.org/\n{key}: {value}\n")
    assert main(["check", "--config", str(site / "config.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"config.yaml:3: `{key}` {value} is inside the output folder output, which every build "
                          f"replaces whole (give `{key}` a folder of its own beside it, such as "
                          f"`{key}: {default}`)"), err


def test_a_stories_threshold_out_of_range_names_the_default_that_is(tmp_path, capsys):
    site = make_site(tmp_path / "site", {}, "title: x\nbase_url: https://example.org/\nstories:\n  threshold: 2\n")
    assert main(["check", "--config", str(site / "config.yaml")]) == 2
    default = re.search(r"`stories\.threshold` \| `([\d.]+)`", (ROOT / "docs/configuration.md").read_text())[1]
    assert f"({default} is the default; lower joins more items" in capsys.readouterr().err


@pytest.mark.parametrize("written", ["2026-01-06", '"2026-01-06"', "2026-01-06T00:00:00Z"])
def test_now_may_be_a_date_without_quotes(tmp_path, capsys, written):
    """`now: 2026-01-06T08:00:00Z` worked without quotes but `now: 2026-01-06` was "`now` must be a string, got
    date datetime.date(2026, 1, 6)"; the docs say `now` is an ISO 8601 time, which a date alone is."""
    site = make_site(tmp_path / "site", {"content/one.md": item("One", date="2026-01-05T12:00:00Z"),
                                         "content/two.md": item("Two", date="2026-01-06T12:00:00Z")},
                     f"title: x\nbase_url: https://example.org/\nnow: {written}\n")
    assert main(["check", "--config", str(site / "config.yaml")]) == 0
    assert capsys.readouterr().out.startswith("1 item OK, 0 with errors, 1 withheld")  # (Two is after midnight)
