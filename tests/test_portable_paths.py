"""A built site is a git branch people clone on Windows and macOS: every output path of a site full of
hostile names must be checkout-safe there (no device names, no trailing dot or space, no two paths equal
but for case, bounded lengths), and names that clash still get pages of their own."""

from __future__ import annotations

import json
import re

import pytest
from conftest import build_site, item, make_site

from generator.urls import MAX_SLUG, slugify

MAX_OUTPUT_PATH = 120  # documented in generator/urls.py: leaves 140 of Windows' 260 for the clone's folder
DEVICE = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)", re.I)
DEVICES = ["CON", "aux", "Com1", "lpt9", "nul", "PRN", "con.txt", "COM¹", "lpt²", "Aux.", "nul ", "CON .json"]
LONG = "Breaking news about a very long topic name that goes on and on and on and on and on"


def _site(tmp_path):
    files = {}
    for n, name in enumerate(DEVICES):
        quoted = json.dumps(name)
        files[f"content/news/d{n}.md"] = item(f"Story {n} {name}", date=f"2026-11-{n + 1:02d}T10:00:00Z",
                                             topics=f"[{quoted}]", provider=f"{{name: {quoted}}}")
    for name in ("CON", "aux", "Com1", "LPT9", "Nul"):  # item file names, and a `slug:`
        files[f"content/news/{name}.md"] = item(f"Named {name}", date="2026-11-15T10:00:00Z")
    files["content/news/s.md"] = item("Slugged", date="2026-11-16T10:00:00Z", slug="PRN")
    # Names that differ only by case, and long names that start alike: one page each.
    files["content/news/Story.md"] = item("Upper-case story", date="2026-11-17T10:00:00Z")
    files["content/news/story.md"] = item("Lower-case story", date="2026-11-17T10:00:00Z")
    for n in range(2):
        files[f"content/news/long-{n}.md"] = item(f"Long {n}", date="2026-11-18T10:00:00Z",
                                                 slug=json.dumps(f"{LONG} {LONG} number {n}"),
                                                 topics=json.dumps([f"{LONG} {LONG} part {n}"]),
                                                 provider=json.dumps({"name": f"{LONG} {LONG} desk {n}"}))
    return make_site(tmp_path / "site", files)


def test_every_output_path_of_a_site_with_hostile_names_checks_out_on_windows(tmp_path):
    config, result = build_site(_site(tmp_path))
    assert not result.site.problems, result.site.problems  # nothing left out for its name
    out = config.output_path
    paths = [p.relative_to(out).as_posix() for p in sorted(out.rglob("*"))]
    assert len(paths) > 100
    seen: dict[str, str] = {}
    for path in paths:
        assert len(path) <= MAX_OUTPUT_PATH, path
        for part in path.split("/"):
            assert not DEVICE.fullmatch(part.split(".")[0].rstrip(" ")), f"{path}: a Windows device name"
            assert not part.endswith((".", " ")), f"{path}: ends in a dot or space"
            assert len(part) <= MAX_SLUG + 10, path
        other = seen.setdefault(path.casefold(), path)
        assert other == path, f"{path} and {other} differ only by case"

    site = result.site.model.site
    assert {i.title for i in site.items} >= {"Upper-case story", "Lower-case story", "Long 0", "Long 1",
                                             *(f"Named {n}" for n in ("CON", "aux", "Com1", "LPT9", "Nul"))}
    assert len({i.path for i in site.items}) == len(site.items)
    topics = {t.name: slug for slug, t in site.topics.items()}
    assert len({topics[f"{LONG} {LONG} part {n}"] for n in range(2)}) == 2  # cut alike, kept apart
    assert len({slug for slug, p in site.providers.items() if p.name.startswith(LONG)}) == 2
    for story in (i for i in site.items if i.title.startswith("Story ")):  # (COM¹ and Com1 are one topic)
        [topic] = story.topics
        assert (out / "topics" / topic / "index.html").is_file() and (out / story.path / "index.html").is_file()
        assert (out / "providers" / story.provider.slug / "index.html").is_file()


def test_static_files_whose_names_differ_only_by_case_are_both_written_and_said(tmp_path):
    # The site's own files are copied under their own names: on macOS and Windows a clone of the built site
    # kept one of static/pics/Logo.png and static/pics/logo.png, without a word from the build.
    root = make_site(tmp_path / "site", {"content/a.md": item("A story"), "static/pics/Logo.png": "upper",
                                         "static/pics/logo.png": "lower", "static/pics/other.png": "other"})
    config, result = build_site(root)
    assert [str(w) for w in result.site.warnings] == [
        "static/pics/logo.png: static/pics/logo.png and static/pics/Logo.png differ only in case: on macOS and "
        "Windows a copy of the built site has one of them (rename one of the files)"]
    out = config.output_path / "static/pics"
    assert sorted((p.name, p.read_text()) for p in out.iterdir()) == [
        ("Logo.png", "upper"), ("logo.png", "lower"), ("other.png", "other")]


def test_a_site_file_named_as_one_of_newsdesk_s_but_for_case_is_left_out_and_said(tmp_path):
    # On macOS and Windows static/CSS/site.css is static/css/site.css: written after the theme's stylesheet, it
    # would be the site's only one there, and a site deployed from there would have lost its styles.
    root = make_site(tmp_path / "site", {"content/a.md": item("A story"), "static/CSS/site.css": "p {}",
                                         "static/css/extra.css": "b {}"})
    config, result = build_site(root)
    assert [str(p) for p in result.site.problems] == [
        "static/CSS/site.css: would be written as static/CSS/site.css, the path of newsdesk's theme "
        "file static/css/site.css (or alike but for case: one file on macOS and Windows): left out "
        "(rename the file, or move it to another folder)"]
    out = config.output_path / "static"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.css")) == ["css/extra.css", "css/site.css"]
    assert (out / "css/site.css").read_text() != "p {}" and (config.output_path / "index.html").is_file()


@pytest.mark.parametrize("first, second", [("topics/a/", "topics/a/"), ("topics/a/", "Topics/A/")])
def test_two_of_newsdesk_s_outputs_on_one_path_stop_the_build_naming_both(tmp_path, first, second):
    from generator.errors import BuildError
    from generator.plan.pages import FileOutput, Page
    from generator.plan.paths import checked_copies

    pages = [Page(first, "list.html", "topic", "a", "A", ""), Page(second, "list.html", "topic", "b", "B", "")]
    with pytest.raises(BuildError) as raised:
        checked_copies(pages, [FileOutput.constant("robots.txt", b"")], [], tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        f"{second}index.html: the topic page of b and the topic page of a would both be written as "
        f"{second}index.html (this is newsdesk's bug: report it with the two named, and meanwhile rename what "
        "made one of them)"]
    kept, problems, warnings = checked_copies(pages[:1], [FileOutput.constant("robots.txt", b"")],
                                              [{"static/x.css": tmp_path / "x.css"}], tmp_path)
    assert (kept, problems, warnings) == ({"static/x.css": tmp_path / "x.css"}, [], [])


@pytest.mark.parametrize("name", ["CON", "con", "Aux", "NUL", "prn", "com0", "COM9", "lpt1", "LPT¹", "com³",
                                  " con ", "con.", "<con>"])
def test_device_names_get_a_slug_windows_accepts(name):
    slug = slugify(name)
    assert not DEVICE.fullmatch(slug) and slug.startswith(slugify(name.strip(" .<>").lower()[:3]))


def test_slugs_of_long_names_that_start_alike_differ_and_fit():
    first, second = slugify(f"{LONG} {LONG} one"), slugify(f"{LONG} {LONG} two")
    assert first != second and len(first) <= MAX_SLUG and len(second) <= MAX_SLUG
    assert first.startswith("breaking-news-about") and slugify(f"{LONG} {LONG} one") == first  # stable


def test_two_item_files_named_alike_but_for_case_are_told_to_be_renamed(tmp_path, capsys):
    """`Story.md` beside `story.md` (or `News/x.md` beside `news/x.md`) is one file on macOS and Windows: a copy
    of the site there has one of them. The warning said to give one a `slug:`, which keeps both pages here and
    still loses a file there."""
    from generator.cli import main

    site = make_site(tmp_path / "site", {"content/news/Story.md": item("First"),
                                         "content/news/story.md": item("Second")})
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    assert "content/news/story.md:1: would write the same page as content/news/Story.md" in err
    assert "rename one of the files: names that differ only in case are one file on macOS and Windows" in err


def test_two_item_files_named_alike_but_for_an_accent_s_spelling_are_told_apart_and_to_be_renamed(tmp_path, capsys):
    """`café.md` with é as one character beside `café.md` with e and a combining accent (a name written on macOS,
    and one on Linux): one file on macOS, and the warning named them alike and said to give one a `slug:`.
    `ﬁle.md` (a ligature) and `file.md` are two files everywhere: a slug is what to give there."""
    from generator.cli import main

    site = make_site(tmp_path / "site", {"content/news/caf\u00e9.md": item("Composed"),
                                         "content/news/cafe\u0301.md": item("Decomposed"),
                                         "content/news/\ufb01le.md": item("Ligature"),
                                         "content/news/file.md": item("Letters")})
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    cafe = [line for line in err.splitlines() if "/cafe/" in line]
    assert len(cafe) == 2 and all(line.endswith(
        "(rename one of the files: content/news/cafe\\u0301.md writes a letter and its accent as two characters, "
        "and on macOS names that differ only so (or in case) are one file, so a copy of the site there has only "
        "one of them)") for line in cafe), cafe
    ligature = [line for line in err.splitlines() if "/file/" in line]
    assert len(ligature) == 2 and all(line.endswith("(give one of them its own `slug:` for a page name of your "
                                                    "choice)") for line in ligature), ligature
